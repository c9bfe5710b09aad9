"""Lemke-Howson: hand-derived paths, degenerate games, exact/float agreement, Gambit's ``lcp``."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame.equilibria._lemke_howson import lemke_howson
from coopgame.equilibria._vertex import vertex_enumeration
from coopgame.game import GameError

F = Fraction
ExactProfile = tuple[tuple[Fraction, ...], ...]

# von Stengel (2007), AGT ch. 3, fig. 3.2/3.3
STENGEL = Game.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])


def _profiles(result: Any) -> set[ExactProfile]:
    return {tuple(tuple(F(v) for v in vec) for vec in eq.profile) for eq in result}


def _rounded(result: Any) -> set[tuple[float, ...]]:
    return {tuple(round(float(v), 7) for vec in eq.profile for v in vec) for eq in result}


def test_label_one_path_of_von_stengel_example() -> None:
    """Drop label 1 (x_1; "label 2" in von Stengel's 1-based numbering), by hand.

    P: 3x0+2x1+3x2+s0=1, 2x0+6x1+x2+s1=1; Q: 3y0+3y1+r0=1, 2y0+5y1+r1=1, 6y1+r2=1.
    x1 enters P: ratios 1/2, 1/6 -> s1 (label 4) leaves. y1 enters Q: ratios 1/3,
    1/5, 1/6 -> r2 (label 2) leaves. x2 enters P: row 0 is now
    7/3 x0 + 8/3 x2 + s0 - s1/3 = 2/3, ratios 1/4 and 1 -> s0 (label 3) leaves;
    x = (0, 1/8, 1/4). y0 enters Q: rows 3y0 + r0 - r2/2 = 1/2 and
    2y0 + r1 - 5r2/6 = 1/6, ratios 1/6 and 1/12 -> r1 (label 1) leaves: done,
    y = (1/12, 1/6). Normalised: ((0, 1/3, 2/3), (1/3, 2/3)).
    """
    result = lemke_howson(STENGEL, initial_labels=[1], restart=False)
    assert _profiles(result) == {((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3)))}
    assert result.method == "lemke_howson" and result.complete is False and result.exact
    assert (
        tuple(result.parameters["initial_labels"]) == (1,) and result.parameters["restart"] is False
    )


def test_label_zero_of_von_stengel_example_is_the_pure_equilibrium() -> None:
    """x0 enters P: ratios 1/3, 1/2 -> s0 (label 3); y0 enters Q: ratios 1/3, 1/2 -> r0 (label 0).
    """
    result = lemke_howson(STENGEL, initial_labels=[0], restart=False)
    assert _profiles(result) == {((F(1), F(0), F(0)), (F(1), F(0)))}


def test_all_three_equilibria_of_von_stengel_example() -> None:
    """Von Stengel (2007) lists exactly three equilibria; the game is nondegenerate."""
    expected = {
        ((F(1), F(0), F(0)), (F(1), F(0))),
        ((F(4, 5), F(1, 5), F(0)), (F(2, 3), F(1, 3))),
        ((F(0), F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    }
    assert _profiles(lemke_howson(STENGEL)) == expected
    assert _rounded(lemke_howson(STENGEL, exact=False)) == {
        tuple(round(float(v), 7) for vec in p for v in vec) for p in expected
    }


def test_coordination_game_needs_restart_for_the_mixed_equilibrium() -> None:
    """Battle of the sexes A=[[2,0],[0,1]], B=[[1,0],[0,2]]: pure (0,0), (1,1), and the mixed
    one where the column player is indifferent (x0 = 2 x1 -> x = (2/3, 1/3)) and the row player
    is (2 y0 = y1 -> y = (1/3, 2/3)). From (0,0) every label leads to a pure equilibrium; the
    mixed one is reached only by restarting (the LH graph pairs it with a pure one)."""
    game = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    mixed = ((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3)))
    pure = {((F(1), F(0)), (F(1), F(0))), ((F(0), F(1)), (F(0), F(1)))}
    assert _profiles(lemke_howson(game, restart=False)) == pure
    assert _profiles(lemke_howson(game)) == pure | {mixed}


def test_degenerate_games_terminate_with_certified_equilibria() -> None:
    """Column player indifferent everywhere: the row player's dominant strategy with any column mix.
    """
    game = Game.bimatrix([[1, 1], [0, 0]], [[1, 1], [1, 1]])
    result = lemke_howson(game)
    assert result.degenerate is True
    assert len(result) >= 1
    assert all(eq.regret == 0 and eq.profile[0][0] == 1 for eq in result)
    float_result = lemke_howson(game, exact=False)
    assert all(eq.regret <= 1e-9 and abs(eq.profile[0][0] - 1) < 1e-9 for eq in float_result)


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 4), st.integers(2, 4), st.integers(0, 2**32 - 1))
def test_small_integer_games_give_extreme_equilibria(m: int, n: int, seed: int) -> None:
    """Degenerate (payoffs 0..2) games: LH ends at vertices, so its equilibria are extreme ones."""
    rng = np.random.default_rng(seed)
    game = Game.bimatrix(
        rng.integers(0, 3, (m, n)).astype(object), rng.integers(0, 3, (m, n)).astype(object)
    )
    result = lemke_howson(game)
    assert len(result) >= 1
    assert all(eq.regret == 0 for eq in result)
    assert _profiles(result) <= _profiles(vertex_enumeration(game))
    float_result = lemke_howson(game, exact=False)
    assert _rounded(float_result) <= _rounded(vertex_enumeration(game, exact=False))


def _nondegenerate_games(count: int) -> list[Game]:
    """Seeded random integer games (payoffs 0..999) that vertex enumeration reports nondegenerate.
    """
    games = []
    seed = 0
    while len(games) < count:
        rng = np.random.default_rng(seed)
        m, n = int(rng.integers(2, 6)), int(rng.integers(2, 6))
        A, B = rng.integers(0, 1000, (m, n)), rng.integers(0, 1000, (m, n))
        game = Game.bimatrix(A.astype(object), B.astype(object))
        if not vertex_enumeration(game).degenerate:
            games.append(game)
        seed += 1
    return games


def test_exact_and_float_agree_on_nondegenerate_games() -> None:
    for game in _nondegenerate_games(15):
        assert _rounded(lemke_howson(game)) == _rounded(lemke_howson(game.as_float(), exact=False))


def test_equals_gambit_lcp_on_nondegenerate_games() -> None:
    gbt = pytest.importorskip("pygambit")
    for game in _nondegenerate_games(30):
        A, B = game.bimatrix_arrays()
        g = gbt.Game.from_arrays(
            np.array([[F(v) for v in row] for row in A], dtype=object),
            np.array([[F(v) for v in row] for row in B], dtype=object),
        )
        expected = {
            tuple(tuple(F(str(eq[p][s])) for s in p.strategies) for p in g.players)
            for eq in gbt.nash.lcp_solve(g, rational=True).equilibria
        }
        assert _profiles(lemke_howson(game)) == expected, (A.tolist(), B.tolist())


def test_bad_input_is_rejected() -> None:
    with pytest.raises(ValueError, match="initial label 5"):
        lemke_howson(STENGEL, initial_labels=[5])
    with pytest.raises(ValueError, match="initial label"):
        lemke_howson(STENGEL, initial_labels=[-1])
    with pytest.raises(GameError, match="two-player"):
        lemke_howson(Game(np.zeros((2, 2, 2, 3))))
