"""Benchmark: the vectorised fast sweep vs looping nashpy and QuantEcon over a 10^6-point grid.

The bundled scenario ``coopgame/data/school_enterprise.toml`` (a 2x2 game) with the
subsidy ``S_e`` (0 to 49.95) and the Enterprise's cost ``C_e`` (20 to 69.95) swept over a
1000 x 1000 grid in steps of 1/20. The fast path (``coopgame.sweep._fast.fast_sweep``, analysis
"equilibria": every pure and mixed extreme equilibrium, ties included) runs on all
10^6 points; the loops

* ``nashpy.Game(A, B).support_enumeration()`` per point and
* ``quantecon.game_theory.support_enumeration(NormalFormGame(...))`` per point

are timed on a random sample of the grid's points (2,000 by default) and scaled to 10^6,
in the same run. The payoff matrices of the sample are built before the clocks start.
One more row times ``sweep(SCENARIO, points=...)`` on a DataFrame of 10^6 uniformly random
points in the grid's box: the engine's path for a user's own sample, end to end.
Peak memory of the fast sweep is measured with ``tracemalloc`` (numpy reports its
buffers to it) in a separate run, and as the peak RSS of a fresh interpreter that only
builds the grid and runs the sweep.

Run:  python benchmarks/bench_sweep.py [--quick] [--write docs/performance.md]
"""

from __future__ import annotations

import argparse
import platform
import time
import tracemalloc
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

SCENARIO = Path(__file__).resolve().parents[1] / "coopgame" / "data" / "school_enterprise.toml"
BEGIN, END = "<!-- sweep-benchmark:begin -->", "<!-- sweep-benchmark:end -->"


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


FRESH_RUN = """
import resource, sys
import numpy as np


def peak_kib():
    # VmHWM: the peak RSS of this program (ru_maxrss would include the forking parent's pages)
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


from coopgame.io._scenario import load_scenario
from coopgame.sweep._fast import fast_sweep
side = int(sys.argv[1])
scenario = load_scenario(sys.argv[2])
fixed = {k: v for k, v in scenario.parameters.items() if k not in ("S_e", "C_e")}
game = scenario.symbolic_game().subs(fixed)
S, C = np.meshgrid(np.arange(side) / 20, 20 + np.arange(side) / 20, indexing="ij")
points = {"S_e": S.ravel(), "C_e": C.ravel()}
fast_sweep(game, {k: v[:10] for k, v in points.items()}, ["equilibria"], progress=False)
before = peak_kib()
table = fast_sweep(game, points, ["equilibria"], progress=False)
after = peak_kib()
print(before, after)
"""


def fresh_process_rss(side: int) -> tuple[int, int]:
    """Peak RSS (KiB) of a fresh interpreter before and after the sweep (imports and points
    included).
    """
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", FRESH_RUN, str(side), str(SCENARIO)], check=True,
                         capture_output=True, text=True).stdout.split()
    return int(out[0]), int(out[1])


def fmt_time(seconds: float) -> str:
    if seconds >= 60:
        return f"{seconds / 60:.1f} min"
    return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1e3:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="a 300 x 300 grid and 300 sampled points"
    )
    parser.add_argument(
        "--side", type=int, default=None, help="grid points per axis (default 1000)"
    )
    parser.add_argument(
        "--sample", type=int, default=None, help="points timed with the loops (default 2000)"
    )
    parser.add_argument(
        "--write", type=Path, help="replace the sweep-benchmark block of this markdown file"
    )
    args = parser.parse_args()
    side = args.side or (300 if args.quick else 1000)
    n_sample = args.sample or (300 if args.quick else 2000)

    import nashpy
    from quantecon.game_theory import NormalFormGame, Player, support_enumeration

    from coopgame.analyses import AnalysisContext, get
    from coopgame.io._scenario import load_scenario
    from coopgame.sweep._fast import _compile, fast_sweep

    scenario = load_scenario(SCENARIO)
    fixed = {k: v for k, v in scenario.parameters.items() if k not in ("S_e", "C_e")}
    game = scenario.symbolic_game().subs(fixed)
    # steps of 1/20, so that the tie lines S_e - C_e in {0, -40, -60} pass through grid points
    S, C = np.meshgrid(np.arange(side) / 20, 20 + np.arange(side) / 20, indexing="ij")
    points = {"S_e": S.ravel(), "C_e": C.ravel()}
    n_points = side * side

    # warm-up: imports, the lambdify compilation cache, numba's compilation in QuantEcon
    fast_sweep(game, {k: v[:10] for k, v in points.items()}, ["equilibria"], progress=False)
    _compile.cache_clear()  # the timed runs pay for compiling the payoffs once

    def run_fast(analyses: list[str]) -> Any:
        _compile.cache_clear()
        return fast_sweep(game, points, analyses, target=("Cooperate", "Cooperate"), delta="1/5",
                          progress=False)

    t_fast, table = best_of(5, lambda: run_fast(["equilibria"]))
    t_all, _ = best_of(3, lambda: run_fast(["equilibria", "stability", "repeated"]))

    # what a user calls: the engine with the scenario file and the grid axes (exact axes, parameter
    # columns)
    from coopgame.sweep import sweep

    last = (side - 1) / 20
    axes = {"S_e": f"0:{last}:{side}", "C_e": f"20:{20 + last}:{side}"}

    def run_engine() -> Any:
        _compile.cache_clear()
        return sweep(SCENARIO, grid=axes, analyses=("equilibria",), method="fast", progress=False)

    t_engine, result = best_of(5, run_engine)
    assert result.method == "fast" and len(result.table) == n_points

    # a user's own sample: a DataFrame of random points in the grid's box (points checked
    # whole-array)
    import pandas as pd

    draws = np.random.default_rng(1)
    random_points = pd.DataFrame({"S_e": draws.uniform(0, last, n_points),
                                  "C_e": draws.uniform(20, 20 + last, n_points)})

    def run_points() -> Any:
        _compile.cache_clear()
        return sweep(
            SCENARIO, points=random_points, analyses=("equilibria",), method="fast", progress=False
        )

    t_points, result = best_of(5, run_points)
    assert result.method == "fast" and len(result.table) == n_points

    tracemalloc.start()
    run_fast(["equilibria"])
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_before, rss_after = fresh_process_rss(side)  # KiB on Linux

    # the sample: random grid points, payoff matrices built before timing
    rng = np.random.default_rng(0)
    sample = rng.choice(n_points, size=n_sample, replace=False)
    entries = _compile(game, ("S_e", "C_e"))(points["S_e"][sample], points["C_e"][sample])
    pay = np.empty((len(entries), n_sample))
    for k, v in enumerate(entries):
        pay[k] = v
    matrices = [
        (pay[0::2, n].reshape(2, 2).copy(), pay[1::2, n].reshape(2, 2).copy())
        for n in range(n_sample)
    ]

    def loop_nashpy() -> list[int]:
        return [len(list(nashpy.Game(A, B).support_enumeration())) for A, B in matrices]

    def loop_quantecon() -> list[int]:
        return [
            len(support_enumeration(NormalFormGame((Player(A), Player(B.T))))) for A, B in matrices
        ]

    support_enumeration(NormalFormGame((Player(matrices[0][0]), Player(matrices[0][1].T))))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games
        t_nashpy, n_nashpy = best_of(2, loop_nashpy)
    t_qe, n_qe = best_of(5, loop_quantecon)

    # the general path, exact, one process, on the first 200 sampled points (same columns)
    from fractions import Fraction

    general_sample = sample[:200]
    context = AnalysisContext(target=("Cooperate", "Cooperate"))

    def loop_general() -> None:
        for k in general_sample:
            s_e = Fraction(float(points["S_e"][k])).limit_denominator(10**6)
            c_e = Fraction(float(points["C_e"][k])).limit_denominator(10**6)
            get("equilibria").row(game.subs({"S_e": s_e, "C_e": c_e}), context)

    t_general, _ = best_of(1, loop_general)

    scale = n_points / n_sample
    ours = table["n_equilibria"].to_numpy()[sample]
    agree_nashpy = int(np.sum(ours == np.array(n_nashpy)))
    agree_qe = int(np.sum(ours == np.array(n_qe)))
    degenerate = int(table["degenerate"].to_numpy()[sample].sum())

    header = (
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, "
        f"{platform.python_implementation()} "
        f"{platform.python_version()}, numpy {np.__version__}, nashpy {nashpy.__version__}"
        f"{' (quick run)' if args.quick else ''}. Grid: {side} x {side} = {n_points:,} points "
        "(S_e = 0, 0.05, ..., C_e = 20, 20.05, ...) of `coopgame/data/school_enterprise.toml`. The "
        "loops are timed on "
        f"{n_sample:,} random grid points and **scaled** to {n_points:,}; the fast path runs on "
        "all points."
    )
    rows = [
        "| method | time for the grid | per point | ratio: time / fast path (equilibria) |",
        "|---|---:|---:|---:|",
        f"| coopgame `fast_sweep`, equilibria (compile + evaluate + table) | {fmt_time(t_fast)} | "
        f"{t_fast / n_points * 1e9:.0f} ns | 1x |",
        f"| coopgame `sweep(scenario, grid=..., method=\"fast\")`, equilibria, end to end | "
        f"{fmt_time(t_engine)} | {t_engine / n_points * 1e9:.0f} ns | {t_engine / t_fast:.1f}x |",
        f"| coopgame `sweep(points=...)`, {'10^6' if n_points == 10**6 else f'{n_points:,}'} "
        "random points, "
        f"end to end (a DataFrame, `method=\"fast\"`, equilibria) | {fmt_time(t_points)} | "
        f"{t_points / n_points * 1e9:.0f} ns | {t_points / t_fast:.1f}x |",
        f"| coopgame `fast_sweep`, equilibria + stability + repeated | {fmt_time(t_all)} | "
        f"{t_all / n_points * 1e9:.0f} ns | {t_all / t_fast:.1f}x |",
        f"| loop `nashpy.Game(A, B).support_enumeration()`, scaled | {fmt_time(t_nashpy * scale)} "
        "| "
        f"{t_nashpy / n_sample * 1e6:.0f} µs | **{t_nashpy * scale / t_fast:,.0f}x** "
        f"({t_nashpy * scale / t_engine:,.0f}x end to end) |",
        "| loop QuantEcon `support_enumeration(NormalFormGame(...))`, scaled | "
        f"{fmt_time(t_qe * scale)} | "
        f"{t_qe / n_sample * 1e6:.1f} µs | **{t_qe * scale / t_fast:,.0f}x** "
        f"({t_qe * scale / t_engine:,.0f}x end to end) |",
        f"| coopgame general path, equilibria (exact, 1 process; 200 points), scaled | "
        f"{fmt_time(t_general * n_points / len(general_sample))} | "
        f"{t_general / len(general_sample) * 1e3:.2f} ms | "
        f"{t_general * n_points / len(general_sample) / t_fast:,.0f}x |",
    ]
    memory = [
        f"Peak memory of the {n_points:,}-point fast sweep (equilibria): **{peak / 2**20:.0f} "
        "MiB** traced by "
        "`tracemalloc` (numpy buffers included; the points themselves, "
        f"{2 * n_points * 8 / 2**20:.0f} MiB, exist "
        f"before). A fresh interpreter that only builds the grid and runs the sweep peaks at "
        f"**{rss_after / 2**10:.0f} MiB** RSS ({rss_before / 2**10:.0f} MiB after the imports and "
        "the grid, "
        f"so the sweep adds {(rss_after - rss_before) / 2**10:.0f} MiB).",
        "",
        f"Check on the {n_sample:,} sampled points ({degenerate} of them degenerate, i.e. on a tie "
        "line): "
        f"nashpy returns the fast path's number of equilibria at {agree_nashpy:,}, QuantEcon at "
        f"{agree_qe:,}.",
    ]
    text = "\n".join([header, "", *rows, "", *memory])
    print(text)
    if args.write:
        doc = args.write.read_text()
        if BEGIN not in doc:
            raise SystemExit(f"{args.write} has no {BEGIN} ... {END} block")
        head, _, rest = doc.partition(BEGIN)
        _, _, tail = rest.partition(END)
        args.write.write_text(f"{head}{BEGIN}\n{text}\n{END}{tail}")


if __name__ == "__main__":
    main()
