"""Regret and the equilibrium check, against values worked by hand."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from coopgame import Game, ProfileError
from coopgame.equilibria import is_nash, regret
from coopgame.equilibria._certificate import CertificateError, certified_equilibrium

PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["S", "E"])


def test_regret_of_prisoners_dilemma_profiles() -> None:
    """At (C, C) each player gains 5 - 3 = 2 by shirking; at (N, N) nobody gains."""
    assert regret(PD, [[1, 0], [1, 0]]) == Fraction(2)
    assert regret(PD, [[0, 1], [0, 1]]) == 0
    assert is_nash(PD, {"S": [0, 1], "E": [0, 1]})


def test_mixed_regret_battle_of_sexes() -> None:
    """BoS A=[[2,0],[0,1]], B=[[1,0],[0,2]]: the mixed equilibrium is x=(2/3,1/3), y=(1/3,2/3).

    At x=(1/2,1/2), y=(1/3,2/3) the row player is indifferent (2/3 each) but the column player
    earns 1/3*1/2 + 2/3*1 = 5/6 where the second column gives 1: regret 1/6. At x=(1, 0),
    y=(1/3, 2/3) the column player earns 1/3 but could earn 1 with the first column: regret 2/3.
    """
    bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert regret(bos, [["2/3", "1/3"], ["1/3", "2/3"]]) == 0
    assert regret(bos, [["1/2", "1/2"], ["1/3", "2/3"]]) == Fraction(1, 6)
    assert regret(bos, [[1, 0], ["1/3", "2/3"]]) == Fraction(2, 3)


def test_three_player_regret() -> None:
    """Three players, each gets 1 if all match: at (1,1,1)/pure nobody gains; at a mismatch player 3
    gains 1.
    """
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    payoffs[0, 0, 0] = 1
    payoffs[1, 1, 1] = 1
    g = Game(payoffs)
    assert regret(g, [[1, 0], [1, 0], [1, 0]]) == 0
    assert regret(g, [[1, 0], [1, 0], [0, 1]]) == 1


def test_float_regret_and_tolerance() -> None:
    g = PD.as_float()
    r = regret(g, [[1e-12, 1 - 1e-12], [0, 1]])
    assert isinstance(r, float) and r < 1e-9
    assert is_nash(g, [[1e-12, 1 - 1e-12], [0, 1]], tol=1e-9)


@pytest.mark.parametrize(
    ("profile", "message"),
    [
        ([[1, 0]], "one strategy per player"),
        ([[1, 0, 0], [1, 0]], "has 3 entries"),
        ([[0.5, 0.6], [1, 0]], "sums to"),
        ([[-1, 2], [1, 0]], "negative"),
        ([[float("nan"), 1], [1, 0]], "NaN"),
        ([["x", 1], [1, 0]], "not numeric"),
    ],
)
def test_bad_profiles(profile: list, message: str) -> None:
    with pytest.raises(ProfileError, match=message):
        regret(PD, profile)


def test_unknown_player_in_mapping() -> None:
    with pytest.raises(ProfileError, match="unknown player"):
        regret(PD, {"S": [1, 0], "X": [1, 0]})


def test_certificate_refuses_a_non_equilibrium() -> None:
    with pytest.raises(CertificateError):
        certified_equilibrium(PD, [[1, 0], [1, 0]], exact=True)
    with pytest.raises(CertificateError):
        certified_equilibrium(PD, [[1.0, 0.0], [1.0, 0.0]], exact=False)
    eq = certified_equilibrium(PD, [[0, 1], [0, 1]], exact=True)
    assert eq.payoffs == (1, 1) and eq.support == ((1,), (1,)) and eq.is_pure
