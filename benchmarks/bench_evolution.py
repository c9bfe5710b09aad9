"""Benchmark: the vectorised batch integrator vs looping scipy's solve_ivp and nashpy.

10,000 starts of the 3-population school-enterprise-government game (preset "combined",
2 strategies per population) over t in [0, 50]. The loops are timed on a sample of
starts and scaled to 10,000, in the same run. Every method's endpoints are compared
with solve_ivp (DOP853, rtol 1e-12, atol 1e-14) on the sample.

``logratio`` (the default) integrates log(x / (1 - x)) per population, where the
dynamics are the payoff advantages and not stiff; ``dopri`` and ``rk4`` integrate the
shares, whose step is capped by the eigenvalue -27 at the attractor.

nashpy integrates only one or two populations: its time per trajectory is measured with
``asymmetric_replicator_dynamics`` on the 2-population school-enterprise game over the
same horizon (1,000 time points), which is less work than three populations.

Run:  python benchmarks/bench_evolution.py [--starts 10000] [--sample 200] [--repeats 5]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np


def best_of(repeats: int, run: Callable[[], Any]) -> tuple[float, float, Any]:
    """Best wall-clock and best CPU time (this process, all threads) of ``repeats`` runs, and a
    result.
    """
    best, best_cpu, result = float("inf"), float("inf"), None
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = run()
        best = min(best, time.perf_counter() - start)
        best_cpu = min(best_cpu, time.process_time() - start_cpu)
    return best, best_cpu, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--starts", type=int, default=10_000)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    import nashpy
    from scipy.integrate import solve_ivp

    from coopgame.evolution._dynamics import replicator_field
    from coopgame.evolution._simulate import integrate_batch, uniform_starts
    from coopgame.models import preset

    game = preset("combined", model="school_enterprise_government")
    field = replicator_field(game)
    starts = uniform_starts(game.shape, args.starts, seed=0)
    sample = starts[: args.sample]
    scale = args.starts / args.sample
    t_end = 50.0

    reference = np.array(
        [
            solve_ivp(field, (0, t_end), s, method="DOP853", rtol=1e-12, atol=1e-14).y[:, -1]
            for s in sample
        ]
    )

    rows = []

    def batch(method: str, **options: Any) -> Callable[[], np.ndarray]:
        return lambda: integrate_batch(
            game, starts, (0, t_end), method=method, **options  # type: ignore[arg-type]
        )[-1]

    batch_runs = [
        ("logratio (rtol 1e-7, atol 1e-9)", batch("logratio", rtol=1e-7, atol=1e-9)),
        ("logratio (default rtol 1e-9, atol 1e-12)", batch("logratio")),
        ("dopri (rtol 1e-7, atol 1e-10)", batch("dopri", rtol=1e-7, atol=1e-10)),
        ("rk4 (step 0.1)", batch("rk4", step=0.1)),
    ]
    batch_times = {}
    for name, run in batch_runs:
        seconds, cpu, ends = best_of(args.repeats, run)
        batch_times[name] = (seconds, cpu)
        rows.append((f"coopgame integrate_batch, {name}", seconds, cpu,
                     np.abs(ends[: args.sample] - reference).max()))

    def loop_ivp() -> np.ndarray:
        return np.array(
            [solve_ivp(field, (0, t_end), s, rtol=1e-7, atol=1e-10).y[:, -1] for s in sample]
        )

    t_ivp, cpu_ivp, ends = best_of(1, loop_ivp)
    t_ivp, cpu_ivp = t_ivp * scale, cpu_ivp * scale
    rows.append(
        (
            "loop scipy solve_ivp RK45 (rtol 1e-7), scaled",
            t_ivp,
            cpu_ivp,
            np.abs(ends - reference).max(),
        )
    )

    two = preset("combined")
    A, B = two.bimatrix_arrays(dtype=float)
    nash_game = nashpy.Game(A, B)
    timepoints = np.linspace(0, t_end, 1000)

    def loop_nashpy() -> None:
        for s in sample:
            nash_game.asymmetric_replicator_dynamics(
                x0=np.array([s[0], 1 - s[0]]), y0=np.array([s[1], 1 - s[1]]), timepoints=timepoints)

    t_nashpy, cpu_nashpy, _ = best_of(2, loop_nashpy)
    t_nashpy, cpu_nashpy = t_nashpy * scale, cpu_nashpy * scale
    rows.append(
        (
            "loop nashpy asymmetric_replicator_dynamics (2 pop.), scaled",
            t_nashpy,
            cpu_nashpy,
            float("nan"),
        )
    )

    print(
        f"{args.starts} starts, 3 populations x 2 strategies, t in [0, {t_end:g}]; batch times "
        "best of "
        f"{args.repeats}; loops timed on {args.sample} starts and scaled; error = max endpoint "
        "difference "
        f"from solve_ivp DOP853 rtol 1e-12 on those {args.sample} starts\n"
    )
    print("| method | time (s) | CPU time (s) | per trajectory (ms) | max endpoint error |")
    print("|---|---:|---:|---:|---:|")
    for name, seconds, cpu, error in rows:
        err = "n/a (2 populations)" if np.isnan(error) else f"{error:.1e}"
        print(f"| {name} | {seconds:.3f} | {cpu:.3f} | {1e3 * seconds / args.starts:.4f} | {err} |")
    print()
    print(
        "| speed-up of integrate_batch (wall clock; CPU time) | vs looping solve_ivp | vs looping "
        "nashpy |"
    )
    print("|---|---:|---:|")
    for name, (seconds, cpu) in batch_times.items():
        print(
            f"| {name} | {t_ivp / seconds:.0f}x; {cpu_ivp / cpu:.0f}x | {t_nashpy / seconds:.0f}x; "
            f"{cpu_nashpy / cpu:.0f}x |"
        )


if __name__ == "__main__":
    main()
