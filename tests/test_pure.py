"""Pure-strategy equilibria: textbook games, Gambit's corpus and a brute-force oracle."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import gambit_reference, reference_profiles
from coopgame.equilibria._pure import pure_equilibria, pure_profiles_mask
from coopgame.game import Game, GameError
from coopgame.io._nfg import read_nfg


def brute_force_pure(game: Game) -> set[tuple[int, ...]]:
    """Independent oracle: loop over profiles and every unilateral deviation."""
    found = set()
    payoffs = game.as_exact().payoffs
    for profile in itertools.product(*(range(k) for k in game.shape)):
        stable = True
        for player, k in enumerate(game.shape):
            for other in range(k):
                deviation = list(profile)
                deviation[player] = other
                if payoffs[tuple(deviation)][player] > payoffs[profile][player]:
                    stable = False
        if stable:
            found.add(profile)
    return found


def pure_indices(result: Any) -> set[tuple[int, ...]]:
    return {tuple(int(np.argmax(vec)) for vec in eq.float_profile()) for eq in result}


def test_prisoners_dilemma_has_only_defect_defect() -> None:
    """PD (C, D) with T=5 > R=3 > P=1 > S=0: D strictly dominates C, so (D, D) is the unique NE."""
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    res = pure_equilibria(pd)
    assert pure_indices(res) == {(1, 1)}
    assert res.equilibria[0].payoffs == (Fraction(1), Fraction(1))
    assert pure_profiles_mask(pd, strict=True)[1, 1]


def test_battle_of_the_sexes_two_pure_equilibria_not_strict_with_ties() -> None:
    """BoS: (O, O) and (F, F) are strict NE; a tie in a column makes (0, 0) non-strict."""
    bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert pure_indices(pure_equilibria(bos)) == {(0, 0), (1, 1)}
    assert pure_profiles_mask(bos, strict=True).sum() == 2
    tie = Game.bimatrix([[2, 0], [2, 1]], [[1, 0], [0, 2]])
    assert not pure_profiles_mask(tie, strict=True)[0, 0]
    assert pure_profiles_mask(tie)[0, 0]


def test_matching_pennies_has_none_and_says_so() -> None:
    mp = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    res = pure_equilibria(mp)
    assert len(res) == 0 and res.complete and res.notes


def test_float_tolerance_treats_near_ties_as_ties() -> None:
    """Row payoffs 1 and 1 + 1e-12 against column 0: within tol both are best responses."""
    game = Game.bimatrix([[1.0, 0.0], [1.0 + 1e-12, 0.0]], [[1.0, 0.0], [1.0, 0.0]])
    assert pure_indices(pure_equilibria(game, tol=1e-9)) == {(0, 0), (1, 0)}


def test_exact_and_float_agree() -> None:
    game = Game.bimatrix([[3, 1, 2], [1, 3, 2]], [[1, 3, 2], [3, 1, 2]])
    assert pure_indices(pure_equilibria(game, exact=True)) == pure_indices(
        pure_equilibria(game, exact=False)
    )


def test_symbolic_game_with_free_parameters_is_rejected() -> None:
    sympy = pytest.importorskip("sympy")
    a = sympy.Symbol("a")
    with pytest.raises(GameError, match="free parameters"):
        pure_equilibria(Game.bimatrix([[a, 0], [0, 1]], [[1, 0], [0, 1]]))


def _reference_pure(entry: dict[str, Any]) -> set[tuple[int, ...]]:
    return {
        tuple(vec.index(Fraction(1)) for vec in eq)
        for eq in reference_profiles(entry)
        if all(sorted(vec)[-1] == 1 for vec in eq)
    }


REFERENCE = gambit_reference()


@pytest.mark.parametrize("name", sorted(REFERENCE) or ["<absent>"])
def test_corpus_against_gambit_and_brute_force(name: str, gambit_dir: Path) -> None:
    """Pure NE are extreme, so enummixed (2 players) lists all; enumpoly lists the isolated ones."""
    entry = REFERENCE[name]
    game = read_nfg(gambit_dir / name, rename_duplicates=True)
    ours = pure_indices(pure_equilibria(game))
    assert ours == brute_force_pure(game)
    if entry["players"] == 2:
        assert ours == _reference_pure(entry)
    else:
        assert _reference_pure(entry) <= ours


@settings(max_examples=60, deadline=None)
@given(
    shape=st.lists(st.integers(1, 3), min_size=2, max_size=3),
    data=st.data(),
)
def test_random_small_integer_games_match_brute_force(
    shape: list[int], data: st.DataObject
) -> None:
    n = len(shape)
    size = int(np.prod(shape)) * n
    values = data.draw(st.lists(st.integers(-2, 2), min_size=size, max_size=size))
    payoffs = np.array([Fraction(v) for v in values], dtype=object).reshape((*shape, n))
    game = Game(payoffs)
    expected = brute_force_pure(game)
    assert pure_indices(pure_equilibria(game)) == expected
    assert pure_indices(pure_equilibria(game.as_float())) == expected
