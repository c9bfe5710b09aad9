"""Every two-player method on a generic 20x20 game under ``max_seconds``: wall time and peak memory.

Run from the repository root::

    python benchmarks/bench_time_limits.py                 # max_seconds=10, every method
    python benchmarks/bench_time_limits.py --seconds 5 --size 18

Each method runs in a fresh interpreter (so that its peak resident memory, from
``resource.getrusage``, is its own) under a 4 GB address-space limit. The acceptance bar of
issue 11 (item 6): with ``max_seconds=10`` each returns in under 30 s with a peak under 2 GiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = """
import json, resource, sys, time
import numpy as np
from coopgame import Game, nash_equilibria
method, size, seconds, kind = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
rng = np.random.default_rng(0)
if kind == "binary":
    game = Game.bimatrix(rng.integers(0, 2, (size, size)), rng.integers(0, 2, (size, size)))
else:
    game = Game.bimatrix(rng.random((size, size)), rng.random((size, size)))
start = time.perf_counter()
result = nash_equilibria(game, method=method, max_seconds=seconds)
print(json.dumps({"seconds": time.perf_counter() - start, "equilibria": len(result),
                  "complete": result.complete,
                  "peak_gib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20}))
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (4 * 10**9, 4 * 10**9))


def run(method: str, size: int, seconds: float, kind: str) -> dict[str, float]:
    """One solve in a fresh interpreter; its time, peak memory and result size."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, method, str(size), str(seconds), kind],
        capture_output=True,
        text=True,
        cwd=ROOT,
        preexec_fn=_limit_memory,
        timeout=300,
    )
    if done.returncode != 0:
        return {
            "error": done.stderr.strip().splitlines()[-1]
            if done.stderr.strip()
            else str(done.returncode)
        }
    row: dict[str, float] = json.loads(done.stdout)
    row["process_seconds"] = time.perf_counter() - start
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0)
    args = parser.parse_args()
    print("| method | game | max_seconds | solve time | peak memory | equilibria | complete |")
    print("|---|---|---:|---:|---:|---:|---|")
    for kind, exact in (("generic", "float"), ("binary", "exact")):
        for method in ("vertex", "support", "lemke_howson"):
            row = run(method, args.size, args.seconds, kind)
            game = f"{kind} {args.size}x{args.size} ({exact})"
            if "error" in row:
                print(f"| {method} | {game} | {args.seconds:g} | error: {row['error']} | | | |")
                continue
            print(
                f"| {method} | {game} | {args.seconds:g} | {row['seconds']:.1f} s | "
                f"{row['peak_gib']:.2f} GiB | {row['equilibria']:.0f} | {bool(row['complete'])} |"
            )


if __name__ == "__main__":
    main()
