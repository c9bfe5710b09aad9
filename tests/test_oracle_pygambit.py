"""Two-player solvers against Gambit (pygambit's ``enummixed_solve``) as the oracle.

Gambit's enummixed enumerates the vertices of the two best-response polytopes
(lrs-style) and returns every extreme equilibrium, also in degenerate games: the
set every complete two-player method of coopgame must reproduce exactly.

The random corpus is 208 seeded games: sizes 2x2 .. 5x5; half with payoffs in
0..3 (ties everywhere: degenerate games, continua of equilibria), a quarter with
integers 0..99 and a quarter with rationals p/q (q in 1..9). Both the default
method ("vertex") and "support" must return exactly Gambit's set in exact mode;
float mode must match within 1e-9 on the nondegenerate games (support: on all).
The two-player files of Gambit's own corpus (../shared) are compared as well.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from coopgame import Game, nash_equilibria
from coopgame.equilibria._support import support_enumeration
from tests.conftest import gambit_reference, reference_profiles

gbt = pytest.importorskip("pygambit")

ExactProfile = tuple[tuple[Fraction, ...], ...]

N_GAMES = 208
FLOAT_TOL = 1e-9


def _random_game(index: int) -> tuple[Game, str]:
    """Game number ``index`` of the corpus and its family name (deterministic)."""
    rng = np.random.default_rng(20261128 + index)
    m, n = (int(k) for k in rng.integers(2, 6, size=2))
    if index % 2 == 0:
        family = "small"
        A, B = rng.integers(0, 4, size=(2, m, n))
    elif index % 4 == 1:
        family = "int99"
        A, B = rng.integers(0, 100, size=(2, m, n))
    else:
        family = "rational"
        numerators = rng.integers(-20, 21, size=(2, m, n))
        denominators = rng.integers(1, 10, size=(2, m, n))
        A, B = (
            np.array(
                [
                    [Fraction(int(p), int(q)) for p, q in zip(nr, dr, strict=True)]
                    for nr, dr in zip(num, den, strict=True)
                ],
                dtype=object,
            )
            for num, den in zip(numerators, denominators, strict=True)
        )
    return Game.bimatrix(A.astype(object), B.astype(object)), family


def _gambit_game(game: Game) -> Any:
    A, B = game.bimatrix_arrays()
    return gbt.Game.from_arrays(
        np.array([[Fraction(v) for v in row] for row in A], dtype=object),
        np.array([[Fraction(v) for v in row] for row in B], dtype=object),
    )


def _gambit_equilibria(game: Game) -> set[ExactProfile]:
    g = _gambit_game(game)
    result = gbt.nash.enummixed_solve(g, rational=True)
    return {
        tuple(tuple(Fraction(str(eq[p][s])) for s in p.strategies) for p in g.players)
        for eq in result.equilibria
    }


@functools.cache
def _case(index: int) -> tuple[Game, str, frozenset[ExactProfile]]:
    game, family = _random_game(index)
    return game, family, frozenset(_gambit_equilibria(game))


def _profiles(result: Any) -> set[ExactProfile]:
    return {tuple(tuple(Fraction(v) for v in vec) for vec in eq.profile) for eq in result}


def _show(profiles: set[ExactProfile] | frozenset[ExactProfile]) -> str:
    return "; ".join(
        sorted(" ".join("(" + ",".join(map(str, vec)) + ")" for vec in p) for p in profiles)
    )


def _solve(game: Game, method: str, **options: Any) -> Any:
    if method == "vertex":
        if importlib.util.find_spec("coopgame.equilibria._vertex") is None:
            pytest.skip("coopgame/equilibria/vertex.py is not written yet")
        return nash_equilibria(game, **options)
    return support_enumeration(game, **options)


METHODS = ["support", "vertex"]
# one test per 26 games keeps the report readable and the per-test overhead low
BATCHES = [range(start, min(start + 26, N_GAMES)) for start in range(0, N_GAMES, 26)]


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("batch", BATCHES, ids=lambda b: f"games{b.start}-{b.stop - 1}")
def test_exact_equilibria_equal_gambit_enummixed(method: str, batch: range) -> None:
    """Exact mode returns exactly Gambit's set of extreme equilibria, game by game."""
    mismatches = []
    for index in batch:
        game, family, expected = _case(index)
        result = _solve(game, method)
        assert result.exact and result.complete
        found = _profiles(result)
        if found != expected or len(result) != len(found):
            mismatches.append(
                f"game {index} ({family}, {game.shape}): missing {_show(expected - found)}, "
                f"extra {_show(found - expected)}, duplicates {len(result) - len(found)}"
            )
        assert all(eq.regret == 0 for eq in result)
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("batch", BATCHES, ids=lambda b: f"games{b.start}-{b.stop - 1}")
def test_float_equilibria_match_gambit_on_nondegenerate_games(method: str, batch: range) -> None:
    """Float mode finds Gambit's equilibria within 1e-9 (games without ties only).

    The small-integer half is skipped (ties make float results depend on the
    tolerance); a random 0..99 game that happens to be degenerate is skipped too.
    """
    checked = 0
    for index in batch:
        game, family, expected = _case(index)
        if family == "small" or support_enumeration(game).degenerate:
            continue
        result = _solve(game.as_float(), method)
        assert not result.exact
        _assert_float_matches(index, result, expected)
        checked += 1
    assert checked >= 10


def _assert_float_matches(label: object, result: Any, expected: frozenset[ExactProfile]) -> None:
    assert len(result) == len(expected), f"game {label}: {len(result)} vs Gambit's {len(expected)}"
    for eq in result:
        distances = [
            max(abs(float(p) - q) for vec, ref in zip(eq.float_profile(), profile, strict=True)
                for p, q in zip(ref, vec, strict=True))
            for profile in expected
        ]
        assert min(distances) <= FLOAT_TOL, f"game {label}: {eq} is not one of Gambit's"


@pytest.mark.parametrize("batch", BATCHES, ids=lambda b: f"games{b.start}-{b.stop - 1}")
def test_float_support_enumeration_on_degenerate_games(batch: range) -> None:
    """Small-integer payoffs: ties are exact in binary floating point, so float support
    enumeration (ties within tol) finds Gambit's extreme equilibria and the same
    components and degeneracy as exact mode."""
    for index in batch:
        game, family, expected = _case(index)
        if family != "small":
            continue
        result = support_enumeration(game.as_float())
        _assert_float_matches(index, result, expected)
        exact = support_enumeration(game)
        assert result.degenerate == exact.degenerate
        assert [c.equilibria for c in result.components or ()] == [
            c.equilibria for c in exact.components or ()
        ]


def test_corpus_is_mostly_degenerate_in_the_small_half() -> None:
    """The small-integer half really exercises degeneracy (else the oracle test proves little)."""
    degenerate = [support_enumeration(_case(i)[0]).degenerate for i in range(0, 60, 2)]
    assert sum(degenerate) >= 10
    # and some of those games have continua (non-isolated components)
    continua = [
        any(not c.is_isolated for c in (support_enumeration(_case(i)[0]).components or ()))
        for i in range(0, 60, 2)
    ]
    assert sum(continua) >= 3


# ---------------------------------------------------------------- Gambit's reference files
def _two_player_reference() -> list[str]:
    return sorted(name for name, entry in gambit_reference().items() if entry["players"] == 2)


def _read_with_gambit(path: Path) -> Game:
    g = gbt.read_nfg(str(path))
    shape = tuple(len(p.strategies) for p in g.players)
    payoffs = np.empty((*shape, 2), dtype=object)
    for cell in itertools.product(*(range(n) for n in shape)):
        outcome = g[tuple(list(p.strategies)[k] for p, k in zip(g.players, cell, strict=True))]
        payoffs[cell] = [Fraction(str(outcome[p])) for p in g.players]
    return Game(payoffs)


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("name", _two_player_reference() or ["(no reference data)"])
def test_reference_files_equal_gambit(name: str, method: str, gambit_dir: Path) -> None:
    """Every two-player file of Gambit's corpus (von Stengel's 6x6 game with 75
    equilibria, Winkels' and other degenerate games): the same extreme equilibria."""
    game = _read_with_gambit(gambit_dir / name)
    expected = reference_profiles(gambit_reference()[name])
    result = _solve(game, method)
    assert _profiles(result) == expected
    assert len(result) == len(expected)


@pytest.mark.parametrize("name", _two_player_reference() or ["(no reference data)"])
def test_reference_files_in_float_mode(name: str, gambit_dir: Path) -> None:
    """Float support enumeration on the same files (many degenerate): Gambit's
    equilibria within 1e-9."""
    game = _read_with_gambit(gambit_dir / name).as_float()
    expected = frozenset(reference_profiles(gambit_reference()[name]))
    _assert_float_matches(name, support_enumeration(game), expected)
