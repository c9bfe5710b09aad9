"""Seeded, vectorised simulation with noise and a random horizon (issue #4, item 5)."""

from __future__ import annotations

import pytest

from coopgame import Game
from coopgame.repeated import RepeatedGameError, simulate
from coopgame.repeated._simulate import noise_experiment

PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])


def test_same_seed_same_result() -> None:
    a = simulate(PD, ("generous_tit_for_tat", "random"), runs=300, noise=0.1, seed=7)
    b = simulate(PD, ("generous_tit_for_tat", "random"), runs=300, noise=0.1, seed=7)
    assert a == b


def test_grim_against_always_shirk_by_hand() -> None:
    """Period 1: grim cooperates, the other shirks: (0, 5). Then (D, D) = (1, 1) for 9 periods.
    Per-period averages over 10 periods: (9/10, 14/10)."""
    result = simulate(PD, ("grim", "always_shirk"), periods=10, runs=5, seed=0)
    assert result.average_payoffs == pytest.approx((0.9, 1.4), abs=1e-12)
    assert result.cooperation_rate == 0.0


def test_discounted_payoff_by_hand() -> None:
    """Always cooperate against always shirk with delta = 1/2 over 3 periods: the shirker gets
    (1 - 1/2) * 5 * (1 + 1/2 + 1/4) = 35/8."""
    result = simulate(
        PD, ("always_cooperate", "always_shirk"), periods=3, runs=2, delta=0.5, seed=0
    )
    assert result.discounted_payoffs[1] == pytest.approx(35 / 8, abs=1e-12)


def test_noise_on_unconditional_cooperation() -> None:
    """Each intended cooperation fails with probability q independently: both cooperate with
    probability (1 - q)^2 = 0.81 for q = 0.1 (binomial standard error about 0.002 here)."""
    result = simulate(
        PD, ("always_cooperate", "always_cooperate"), periods=50, runs=2000, noise=0.1, seed=3
    )
    assert result.cooperation_rate == pytest.approx(0.81, abs=0.01)


def test_random_horizon_has_geometric_length() -> None:
    """With continuation probability w the number of periods is geometric with mean 1/(1 - w) = 10
    (standard deviation sqrt(w)/(1 - w) ~ 9.5, so the mean of 4000 runs is within 0.6 w.h.p.)."""
    result = simulate(PD, ("always_cooperate", "always_cooperate"), periods=1000, runs=4000,
                      continuation=0.9, seed=11)
    assert result.mean_periods == pytest.approx(10, abs=0.6)


def test_noise_breaks_grim_but_not_win_stay_lose_shift() -> None:
    """Nowak and Sigmund (1993): under noise, retaliation spirals destroy cooperation between
    grim (and tit-for-tat) players, while win-stay-lose-shift and generous tit-for-tat recover."""
    table = noise_experiment(
        PD,
        ("grim", "tit_for_tat", "generous_tit_for_tat", "win_stay_lose_shift"),
        (0.0, 0.05),
        runs=500,
        periods=100,
        seed=5,
    )
    assert all(rates[0] == 1.0 for rates in table.values())
    assert table["grim"][1] < 0.3 and table["tit_for_tat"][1] < 0.3
    assert table["win_stay_lose_shift"][1] > 0.6 and table["generous_tit_for_tat"][1] > 0.6


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"strategies": ("grim", "nice")}, "unknown strategy"),
        ({"strategies": "grim"}, "one strategy per player"),
        ({"noise": 1.5}, "noise"),
        ({"continuation": 0}, "continuation"),
        ({"delta": -1}, "delta"),
        ({"runs": 0}, "runs"),
        ({"periods": 2.5}, "periods"),
        ({"generosity": 2}, "generosity"),
    ],
)
def test_bad_input(kwargs, message) -> None:
    options = {"strategies": ("grim", "grim"), **kwargs}
    with pytest.raises(RepeatedGameError, match=message):
        simulate(PD, **options)


def test_needs_2x2() -> None:
    with pytest.raises(RepeatedGameError, match="2x2"):
        simulate(Game.bimatrix([[1, 0, 0]], [[1, 0, 0]]), ("grim", "grim"))
