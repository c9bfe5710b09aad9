"""Zero-sum LP: textbook values, exact = float, agreement with vertex enumeration."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.equilibria._vertex import vertex_enumeration
from coopgame.equilibria._zero_sum import game_value, zero_sum_lp
from coopgame.game import Game, GameError

F = Fraction


def test_matching_pennies_value_zero_at_half_half() -> None:
    res = zero_sum_lp(Game.zero_sum([[1, -1], [-1, 1]]))
    eq = res[0]
    assert [list(v) for v in eq.profile] == [[F(1, 2), F(1, 2)], [F(1, 2), F(1, 2)]]
    assert eq.payoffs == (0, 0) and eq.regret == 0
    assert not res.complete and any("convex" in note for note in res.notes)


def test_rock_paper_scissors_uniform_value_zero() -> None:
    rps = Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    eq = zero_sum_lp(rps)[0]
    assert all(list(v) == [F(1, 3)] * 3 for v in eq.profile)
    assert game_value(rps) == 0


def test_hand_worked_2x2() -> None:
    """A=[[3,-1],[-2,1]]: 3p-2(1-p) = -p+(1-p) gives p=3/7; column q: 3q-(1-q) = -2q+(1-q), q=2/7;
    value = 3*3/7 - 2*4/7 = 1/7."""
    eq = zero_sum_lp(Game.zero_sum([[3, -1], [-2, 1]]))[0]
    assert list(eq.profile[0]) == [F(3, 7), F(4, 7)]
    assert list(eq.profile[1]) == [F(2, 7), F(5, 7)]
    assert eq.payoffs[0] == F(1, 7)


def test_float_mode_matches_exact() -> None:
    game = Game.zero_sum([[3, -1], [-2, 1]])
    flo = zero_sum_lp(game, exact=False)[0]
    assert not zero_sum_lp(game, exact=False).exact
    np.testing.assert_allclose(flo.float_profile()[0], [3 / 7, 4 / 7], atol=1e-9)
    assert abs(game_value(game, exact=False) - 1 / 7) < 1e-9


def test_constant_sum_accepted_value_shifted() -> None:
    """Matching pennies with payoffs +5 for both players: sum is 10 everywhere, row value 5."""
    game = Game.bimatrix([[6, 4], [4, 6]], [[4, 6], [6, 4]])
    assert game_value(game) == 5


def test_non_zero_sum_and_three_players_rejected() -> None:
    with pytest.raises(GameError, match="not zero-sum"):
        zero_sum_lp(Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    with pytest.raises(GameError, match="two-player"):
        zero_sum_lp(Game(np.zeros((2, 2, 2, 3), dtype=int)))


@settings(max_examples=40, deadline=None)
@given(
    rows=st.integers(1, 4),
    cols=st.integers(1, 4),
    data=st.data(),
)
def test_random_small_integer_games_value_matches_vertex_enumeration(
    rows: int, cols: int, data: st.DataObject
) -> None:
    """All equilibria of a zero-sum game give the row player the value (minimax theorem)."""
    values = data.draw(st.lists(st.integers(-3, 3), min_size=rows * cols, max_size=rows * cols))
    game = Game.zero_sum(np.array(values, dtype=int).reshape(rows, cols).tolist())
    res = zero_sum_lp(game)
    assert res[0].regret == 0
    reference = vertex_enumeration(game, exact=True)
    assert {eq.payoffs[0] for eq in reference} == {res[0].payoffs[0]}
    assert abs(float(game_value(game, exact=False)) - float(res[0].payoffs[0])) < 1e-7


def test_degenerate_games_still_certified() -> None:
    """All-ones matrix: every profile is optimal, value 1; [[0,0,1],[0,0,-1]]: row's first
    strategy guarantees 0 and column's first strategy concedes at most 0, so the value is 0."""
    for matrix, value in (([[1, 1], [1, 1]], 1), ([[0, 0, 1], [0, 0, -1]], 0)):
        eq = zero_sum_lp(Game.zero_sum(matrix))[0]
        assert eq.regret == 0 and eq.payoffs[0] == value


def test_exact_mode_falls_back_to_vertex_enumeration_when_the_support_solve_fails(
    monkeypatch,
) -> None:
    """If the exact re-solve on the float LP's support does not certify (forced here by
    returning the uniform mix, not optimal for this game), exact mode must still return a
    certified optimal pair: the one exact vertex enumeration finds. Hand check: in
    [[3, -1], [-2, 1]] the row player's optimum is (3/7, 4/7) and the value 1/7."""
    import coopgame.equilibria._zero_sum as zs

    monkeypatch.setattr(zs, "_exact_on_support",
                        lambda a, own, against: [Fraction(1, len(a))] * len(a))
    res = zs.zero_sum_lp(Game.zero_sum([[3, -1], [-2, 1]]), exact=True)
    assert any("used exact vertex enumeration" in note for note in res.notes)
    (eq,) = res.equilibria
    assert eq.regret == 0
    assert list(eq.profile[0]) == [Fraction(3, 7), Fraction(4, 7)] and eq.payoffs[0] == Fraction(
        1, 7
    )
