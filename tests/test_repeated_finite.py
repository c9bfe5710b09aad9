"""Finitely repeated games: unravelling and Benoit-Krishna endings (issue #4, item 4)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from coopgame import Game
from coopgame.repeated import RepeatedGameError, finite_horizon


def symmetric(rows: list[list[int]], names: list[str]) -> Game:
    return Game.bimatrix(rows, [list(col) for col in zip(*rows)], strategies=[names, names])


def prisoners_dilemma() -> Game:
    return symmetric([[3, 0], [5, 1]], ["C", "D"])


@pytest.mark.parametrize("periods", [1, 2, 5, 12])
def test_unique_stage_equilibrium_unravels(periods) -> None:
    """Selten (1978): with the unique stage equilibrium (D, D), every SPE plays it in every period.
    """
    result = finite_horizon(prisoners_dilemma(), periods, target=("C", "C"))
    assert result.unique_stage_equilibrium
    assert result.cooperative_periods == 0
    assert result.path == (("D", "D"),) * periods
    assert result.payoffs == (Fraction(periods), Fraction(periods))


def test_two_stage_equilibria_sustain_cooperation_until_the_last_period() -> None:
    """Rows C, D, R against the same columns (symmetric)::

            C  D  R
        C   4  0  0
        D   5  1  0
        R   0  0  3

    Stage equilibria: (D, D) worth 1, (R, R) worth 3, and a mixed one. Deviating from (C, C)
    gains 5 - 4 = 1. Ending with one period of (R, R) and punishing a deviation with the stage
    equilibrium worst for the deviator (worth at most 1) costs the deviator at least 3 - 1 = 2 > 1.
    So (C, C) is played in all but the last period; over 5 periods the payoff is 4*4 + 3 = 19.
    """
    game = symmetric([[4, 0, 0], [5, 1, 0], [0, 0, 3]], ["C", "D", "R"])
    result = finite_horizon(game, 5, target=("C", "C"))
    assert not result.unique_stage_equilibrium
    assert result.cooperative_periods == 4
    assert result.path == (("C", "C"),) * 4 + (("R", "R"),)
    assert result.payoffs == (Fraction(19), Fraction(19))


def test_larger_temptation_needs_two_final_periods() -> None:
    """As above but deviating pays 7 (gain 3). The worst stage equilibrium for a player is the
    mixed one, each playing D with 3/4 and R with 1/4: against it C earns 0, D earns 3/4 and
    R earns 3/4, so it is an equilibrium worth 3/4. One final period of (R, R) costs a deviator
    3 - 3/4 = 9/4 < 3: not enough; two cost 9/2 >= 3. So T - 2 cooperative periods: over 5
    periods 3*4 + 2*3 = 18; with T = 2 there is no room to cooperate.
    """
    game = symmetric([[4, 0, 0], [7, 1, 0], [0, 0, 3]], ["C", "D", "R"])
    five = finite_horizon(game, 5, target=("C", "C"))
    assert five.cooperative_periods == 3
    assert five.payoffs == (Fraction(18), Fraction(18))
    assert [str(p) for p in five.punishments[0].payoffs] == ["3/4", "3/4"]
    assert finite_horizon(game, 2, target=("C", "C")).cooperative_periods == 0


def test_discounting_shortens_nothing_when_the_ending_is_near() -> None:
    """First game above; the harshest stage punishment is its mixed equilibrium, worth 3/4 (D with
    3/4, R with 1/4, as in the next test). With delta = 1/2 a deviator in the last cooperative
    period loses (1/2)(3 - 3/4) = 9/8 >= gain 1; earlier deviations lose more (4 - 3/4 per period).
    """
    game = symmetric([[4, 0, 0], [5, 1, 0], [0, 0, 3]], ["C", "D", "R"])
    assert finite_horizon(game, 6, target=("C", "C"), delta="1/2").cooperative_periods == 5
    # with delta = 1/4 one final period is worth only (1/4)(9/4) = 9/16 < 1 to the last deviator
    assert finite_horizon(game, 6, target=("C", "C"), delta="1/4").cooperative_periods < 5


def test_target_equilibrium_is_played_throughout() -> None:
    game = symmetric([[4, 0, 0], [5, 1, 0], [0, 0, 3]], ["C", "D", "R"])
    result = finite_horizon(game, 3, target=("R", "R"))
    assert result.cooperative_periods == 3 and result.path == (("R", "R"),) * 3


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [({"periods": 0}, "positive integer"), ({"periods": 2.5}, "positive integer"),
     ({"periods": 3, "delta": 0}, "delta"), ({"periods": 3, "delta": "3/2"}, "delta"),
     ({"periods": 3, "target": ("C", "X")}, "unknown"),
     ({"periods": 3, "target": {("C", "C"): "1/2", ("D", "D"): "1/2"}}, "pure target")],
)
def test_bad_input(kwargs, message) -> None:
    with pytest.raises(RepeatedGameError, match=message):
        finite_horizon(prisoners_dilemma(), **kwargs)
