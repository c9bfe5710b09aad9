"""coopgame against nashpy, pygambit and QuantEcon, in one run, as ratios.

Run from the repository root (needs the ``dev`` extra)::

    python benchmarks/bench_equilibria.py                 # print the tables
    python benchmarks/bench_equilibria.py --write docs/performance.md

Every timing is the median of repeated calls on seeded random games; where an anchor is too slow
to run on every game (nashpy's support enumeration on 8x8 takes seconds), a sample is timed and the
table says so. A ratio is anchor time / coopgame time: above 1 means coopgame is faster. Beside the
times, each row checks that the solvers found the same equilibria (set sizes), because a fast wrong
answer is worth nothing.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

import coopgame
from coopgame import Game, nash_equilibria

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "reference" / "gambit-games"


def median_seconds(fn: Callable[[], Any], min_repeats: int = 3, min_total: float = 0.2) -> float:
    """Median wall time of ``fn`` over at least ``min_repeats`` calls and ``min_total`` seconds."""
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < min_repeats or time.perf_counter() - start < min_total:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
        if len(times) >= 200:
            break
    return statistics.median(times)


def mean_over_games(fn: Callable[[Any], Any], games: Sequence[Any], **kwargs: Any) -> float:
    return statistics.fmean(median_seconds(lambda g=g: fn(g), **kwargs) for g in games)


# ------------------------------------------------------------------ anchors
def gambit_game(A: np.ndarray, B: np.ndarray) -> Any:
    import pygambit as gbt

    if A.dtype == float:
        return gbt.Game.from_arrays(A, B)
    return gbt.Game.from_arrays(A.astype(object), B.astype(object))


def gambit_enummixed(A: np.ndarray, B: np.ndarray, rational: bool) -> int:
    """Number of distinct equilibria: Gambit lists a degenerate vertex once per basis."""
    import pygambit as gbt

    game = gambit_game(A, B)
    found = gbt.nash.enummixed_solve(game, rational=rational).equilibria
    return len(
        {tuple(round(float(eq[s]), 9) for p in game.players for s in p.strategies) for eq in found}
    )


def gambit_lcp(A: np.ndarray, B: np.ndarray) -> int:
    import pygambit as gbt

    return len(gbt.nash.lcp_solve(gambit_game(A, B), rational=False).equilibria)


def nashpy_support(A: np.ndarray, B: np.ndarray) -> int:
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return len(list(nashpy.Game(A, B).support_enumeration()))


def nashpy_vertex(A: np.ndarray, B: np.ndarray) -> int:
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return len(list(nashpy.Game(A, B).vertex_enumeration()))


def nashpy_lemke_howson_all_labels(A: np.ndarray, B: np.ndarray) -> int:
    import nashpy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = {
            tuple(np.round(np.concatenate(eq), 9))
            for eq in nashpy.Game(A, B).lemke_howson_enumeration()
        }
    return len(found)


def quantecon_support(A: np.ndarray, B: np.ndarray) -> int:
    from quantecon import game_theory as gt

    g = gt.NormalFormGame(
        (gt.Player(np.asarray(A, dtype=float)), gt.Player(np.asarray(B, dtype=float).T))
    )
    return len(gt.support_enumeration(g))


# ------------------------------------------------------------------ coopgame
def ours(A: np.ndarray, B: np.ndarray, method: str = "vertex", exact: bool | None = None) -> int:
    return len(nash_equilibria(Game.bimatrix(A, B), method=method, exact=exact))


def random_float(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.random((n, n)), rng.random((n, n))


def random_int(n: int, seed: int, high: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.integers(0, high, (n, n)), rng.integers(0, high, (n, n))


@dataclass
class Row:
    case: str
    ours: float
    anchors: dict[str, float | None]
    note: str = ""


def fmt_time(t: float | None) -> str:
    if t is None:
        return "–"
    return f"{t * 1e3:.2f} ms" if t < 1 else f"{t:.2f} s"


def fmt_ratio(anchor: float | None, ours_t: float) -> str:
    return "–" if anchor is None else f"{anchor / ours_t:,.1f}x"


# ------------------------------------------------------------------ sections
def section_random_float(sizes: Sequence[int], games_per_size: int) -> list[Row]:
    rows = []
    for n in sizes:
        games = [random_float(n, seed) for seed in range(games_per_size)]
        t_ours = mean_over_games(lambda g: ours(*g, exact=False), games)
        anchors: dict[str, float | None] = {
            "pygambit enummixed (float)": mean_over_games(
                lambda g: gambit_enummixed(*g, rational=False), games, min_repeats=1, min_total=0
            ),
            "quantecon support_enumeration": mean_over_games(
                lambda g: quantecon_support(*g), games[:2], min_repeats=1, min_total=0
            )
            if n <= 10
            else None,
            "nashpy support_enumeration": mean_over_games(
                lambda g: nashpy_support(*g), games[:1], min_repeats=1, min_total=0
            )
            if n <= 8
            else None,
            "nashpy vertex_enumeration": mean_over_games(
                lambda g: nashpy_vertex(*g), games[:1], min_repeats=1, min_total=0
            )
            if n <= 7
            else None,
        }
        # same answers: equilibrium counts of coopgame and Gambit on every game
        agree = all(ours(*g, exact=False) == gambit_enummixed(*g, rational=False) for g in games)
        rows.append(
            Row(
                f"float {n}x{n}",
                t_ours,
                anchors,
                "counts agree with Gambit" if agree else "COUNTS DIFFER",
            )
        )
    return rows


def section_exact(n: int, games: int, high: int) -> list[Row]:
    sample = [random_int(n, 100 + seed, high) for seed in range(games)]
    t_ours = mean_over_games(lambda g: ours(*g, exact=True), sample, min_repeats=1, min_total=0)
    t_gambit = mean_over_games(
        lambda g: gambit_enummixed(*g, rational=True), sample, min_repeats=1, min_total=0
    )
    agree = all(ours(*g, exact=True) == gambit_enummixed(*g, rational=True) for g in sample)
    return [
        Row(
            f"exact integer {n}x{n} (0..{high - 1})",
            t_ours,
            {"pygambit enummixed (rational)": t_gambit},
            "same sets as Gambit" if agree else "COUNTS DIFFER",
        )
    ]


def section_lemke_howson(sizes: Sequence[int], games_per_size: int) -> list[Row]:
    """coopgame's Lemke-Howson (float, all labels and restarts) against Gambit's lcp and nashpy's
    LH.
    """
    rows = []
    for n in sizes:
        games = [random_float(n, 500 + seed) for seed in range(games_per_size)]
        t_ours = mean_over_games(lambda g: ours(*g, method="lemke_howson", exact=False), games)
        anchors: dict[str, float | None] = {
            "pygambit lcp_solve (float)": mean_over_games(lambda g: gambit_lcp(*g), games),
            # nashpy's LH does not finish on our seeded 10x10 games (minutes): timed on 6x6 only
            "nashpy lemke_howson_enumeration": mean_over_games(
                lambda g: nashpy_lemke_howson_all_labels(*g), games, min_repeats=1, min_total=0
            )
            if n <= 6
            else None,
        }
        agree = all(ours(*g, method="lemke_howson", exact=False) == gambit_lcp(*g) for g in games)
        rows.append(
            Row(
                f"Lemke-Howson float {n}x{n}",
                t_ours,
                anchors,
                "counts agree with Gambit lcp" if agree else "COUNTS DIFFER from Gambit lcp",
            )
        )
    return rows


def section_degenerate_counts(n: int, games: int, high: int) -> dict[str, int]:
    """How many distinct extreme equilibria each tool returns on small-integer (degenerate) games.

    nashpy takes seconds per 8x8 game, so it runs on the first two games and its count is scaled.
    """
    totals = {"pygambit enummixed (rational)": 0, "coopgame (exact)": 0, "coopgame (float)": 0,
              "quantecon support_enumeration": 0, "nashpy support_enumeration (2 games, scaled)": 0}
    for seed in range(games):
        A, B = random_int(n, 1000 + seed, high)
        totals["pygambit enummixed (rational)"] += gambit_enummixed(A, B, rational=True)
        totals["coopgame (exact)"] += ours(A, B, exact=True)
        totals["coopgame (float)"] += ours(A, B, exact=False)
        totals["quantecon support_enumeration"] += quantecon_support(A, B)
        if seed < 2:  # nashpy takes seconds per 8x8 game: a sample, scaled
            totals["nashpy support_enumeration (2 games, scaled)"] += (
                nashpy_support(A, B) * games // 2
            )
    return totals


def section_corpus() -> Row | None:
    if not CORPUS.is_dir():
        return None
    reference = json.loads((CORPUS / "gambit-equilibria.json").read_text())
    games = [
        coopgame.read_nfg(CORPUS / name, rename_duplicates=True)
        for name, e in reference.items()
        if e["players"] == 2
    ]
    t_ours = sum(
        median_seconds(lambda g=g: nash_equilibria(g, exact=True), min_total=0.05) for g in games
    )

    def gambit(g: Game) -> int:
        A, B = g.bimatrix_arrays()
        return gambit_enummixed(np.vectorize(Fraction)(A), np.vectorize(Fraction)(B), rational=True)

    t_gambit = sum(median_seconds(lambda g=g: gambit(g), min_total=0.05) for g in games)
    return Row(f"Gambit corpus, {len(games)} two-player games, exact (total)", t_ours,
               {"pygambit enummixed (rational)": t_gambit})


def section_n_player(exact: bool = True) -> list[str]:
    """Every game of the corpus with three or more players: our polynomial enumeration
    against pygambit's ``enumpoly_solve``, one timed run each (the large ones take seconds)."""
    if not CORPUS.is_dir():
        return []
    import pygambit as gbt

    reference = json.loads((CORPUS / "gambit-equilibria.json").read_text())
    # warm-up: sympy's first use
    nash_equilibria(coopgame.read_nfg(CORPUS / "2x2x2.nfg"), exact=exact)
    lines = [
        "| game | coopgame polynomial (exact) | equilibria | pygambit enumpoly_solve | equilibria "
        "|",
        "|---|---:|---:|---:|---:|",
    ]
    for name, entry in sorted(reference.items()):
        if entry["players"] < 3:
            continue
        game = coopgame.read_nfg(CORPUS / name, rename_duplicates=True)
        start = time.perf_counter()
        result = nash_equilibria(game, exact=exact)
        t_ours = time.perf_counter() - start
        gambit_game_ = gbt.read_nfg(str(CORPUS / name))
        start = time.perf_counter()
        theirs = gbt.nash.enumpoly_solve(gambit_game_).equilibria
        t_gambit = time.perf_counter() - start
        note = "" if result.complete else " (notes: not isolated)"
        lines.append(
            f"| {name} | {fmt_time(t_ours)} | {len(result.equilibria)}{note} | "
            f"{fmt_time(t_gambit)} | "
            f"{len(theirs)} |"
        )
    return lines


def import_time() -> float:
    code = "import time; t = time.perf_counter(); import coopgame; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 check=True).stdout) for _ in range(5)]
    return statistics.median(runs)


def render(
    rows: list[Row],
    degenerate: dict[str, int],
    degenerate_games: int,
    imp: float,
    quick: bool,
    n_player: Sequence[str] = (),
) -> str:
    anchors = sorted({a for r in rows for a in r.anchors})
    lines = ["| case | coopgame | " + " | ".join(f"{a} (ratio)" for a in anchors) + " | check |",
             "|---|---|" + "---|" * len(anchors) + "---|"]
    for r in rows:
        cells = [f"{fmt_time(r.anchors.get(a))} ({fmt_ratio(r.anchors.get(a), r.ours)})"
                 if r.anchors.get(a) is not None else "–" for a in anchors]
        lines.append(f"| {r.case} | {fmt_time(r.ours)} | " + " | ".join(cells) + f" | {r.note} |")
    deg = ["| tool | extreme equilibria returned |", "|---|---|"]
    deg += [f"| {k} | {v} |" for k, v in degenerate.items()]
    header = (
        f"Measured {time.strftime('%Y-%m-%d')} on {platform.machine()}, "
        f"{platform.python_implementation()} "
        f"{platform.python_version()}, numpy {np.__version__}{' (quick run)' if quick else ''}. "
        "Ratio = anchor time / coopgame time (above 1: coopgame is faster)."
    )
    return "\n".join(
        [
            header,
            "",
            *lines,
            "",
            f"Small-integer 8x8 games (payoffs 0..3, degenerate), {degenerate_games} games:",
            "",
            *deg,
            "",
            *(
                [
                    "Gambit corpus, games with three or more players (one run each):",
                    "",
                    *n_player,
                    "",
                ]
                if n_player
                else []
            ),
            f"`import coopgame`: {imp * 1e3:.1f} ms (median of 5 fresh interpreters).",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer games and sizes")
    parser.add_argument(
        "--write", type=Path, help="replace the generated block of this markdown file"
    )
    args = parser.parse_args()
    sizes = [2, 4, 6, 8, 10] if args.quick else list(range(2, 13))
    # first calls pay for imports and QuantEcon's numba compilation: not what we measure
    for warm_up in (quantecon_support, nashpy_support, nashpy_vertex, ours):
        warm_up(*random_float(3, 0))
    gambit_enummixed(*random_float(3, 0), rational=False)
    rows = section_random_float(sizes, 2 if args.quick else 5)
    rows += section_exact(8, 2 if args.quick else 5, high=10)
    rows += section_lemke_howson([6, 10], 2 if args.quick else 5)
    corpus = section_corpus()
    if corpus is not None:
        rows.append(corpus)
    degenerate_games = 4 if args.quick else 20
    degenerate = section_degenerate_counts(8, degenerate_games, high=4)
    n_player = [] if args.quick else section_n_player()
    text = render(rows, degenerate, degenerate_games, import_time(), args.quick, n_player)
    print(text)
    if args.write:
        begin, end = "<!-- benchmark:begin -->", "<!-- benchmark:end -->"
        doc = args.write.read_text()
        head, _, rest = doc.partition(begin)
        _, _, tail = rest.partition(end)
        args.write.write_text(f"{head}{begin}\n{text}\n{end}{tail}")


if __name__ == "__main__":
    main()
