"""Benchmark: the vectorised batch integrator vs looping scipy's solve_ivp and nashpy.

10,000 starts of the 3-population school-enterprise-government game (preset "combined",
2 strategies per population) over t in [0, 50]. The loops are timed on a sample of
starts and scaled to 10,000, in the same run. Every method's endpoints are compared
with solve_ivp (DOP853, rtol 1e-12, atol 1e-14) on the sample.

nashpy integrates only one or two populations: its time per trajectory is measured with
``asymmetric_replicator_dynamics`` on the 2-population school-enterprise game over the
same horizon (1,000 time points), which is less work than three populations.

Run:  python benchmarks/bench_evolution.py [--starts 10000] [--sample 200]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=200)
    args = parser.parse_args()

    import nashpy
    from scipy.integrate import solve_ivp

    from coopgame.evolution.dynamics import replicator_field
    from coopgame.evolution.simulate import integrate_batch, uniform_starts
    from coopgame.models import preset

    game = preset("combined", model="school_enterprise_government")
    field = replicator_field(game)
    starts = uniform_starts(game.shape, args.starts, seed=0)
    sample = starts[: args.sample]
    scale = args.starts / args.sample
    t_end = 50.0

    reference = np.array([
        solve_ivp(field, (0, t_end), s, method="DOP853", rtol=1e-12, atol=1e-14).y[:, -1] for s in sample
    ])

    rows = []
    t_dopri, ends = best_of(3, lambda: integrate_batch(game, starts, (0, t_end), rtol=1e-7, atol=1e-10)[-1])
    rows.append(("coopgame integrate_batch, dopri (rtol 1e-7)", t_dopri, np.abs(ends[: args.sample] - reference).max()))
    t_rk4, ends = best_of(3, lambda: integrate_batch(game, starts, (0, t_end), method="rk4", step=0.1)[-1])
    rows.append(("coopgame integrate_batch, rk4 (step 0.1)", t_rk4, np.abs(ends[: args.sample] - reference).max()))

    def loop_ivp() -> np.ndarray:
        return np.array([solve_ivp(field, (0, t_end), s, rtol=1e-7, atol=1e-10).y[:, -1] for s in sample])

    t_ivp, ends = best_of(1, loop_ivp)
    rows.append(("loop scipy solve_ivp RK45 (rtol 1e-7), scaled", t_ivp * scale, np.abs(ends - reference).max()))

    two = preset("combined")
    A, B = two.bimatrix_arrays(dtype=float)
    nash_game = nashpy.Game(A, B)
    timepoints = np.linspace(0, t_end, 1000)

    def loop_nashpy() -> None:
        for s in sample:
            nash_game.asymmetric_replicator_dynamics(
                x0=np.array([s[0], 1 - s[0]]), y0=np.array([s[1], 1 - s[1]]), timepoints=timepoints)

    t_nashpy, _ = best_of(1, loop_nashpy)
    rows.append(("loop nashpy asymmetric_replicator_dynamics (2 pop.), scaled", t_nashpy * scale, float("nan")))

    print(f"{args.starts} starts, 3 populations x 2 strategies, t in [0, {t_end:g}]; "
          f"loops timed on {args.sample} starts and scaled; error = max endpoint difference from "
          f"solve_ivp DOP853 rtol 1e-12 on those {args.sample} starts\n")
    print("| method | time (s) | per trajectory (ms) | max endpoint error |")
    print("|---|---:|---:|---:|")
    for name, seconds, error in rows:
        err = "n/a (2 populations)" if np.isnan(error) else f"{error:.1e}"
        print(f"| {name} | {seconds:.2f} | {1e3 * seconds / args.starts:.3f} | {err} |")
    print()
    print("| speed-up of the batch integrator | dopri | rk4 (step 0.1) |")
    print("|---|---:|---:|")
    print(f"| vs looping solve_ivp | {t_ivp * scale / t_dopri:.0f}x | {t_ivp * scale / t_rk4:.0f}x |")
    print(f"| vs looping nashpy | {t_nashpy * scale / t_dopri:.0f}x | {t_nashpy * scale / t_rk4:.0f}x |")


if __name__ == "__main__":
    main()
