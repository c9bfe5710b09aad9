"""Hand-derived checks of :func:`coopgame.equilibria.polynomial.polynomial_enumeration`."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from coopgame import Game
from coopgame.equilibria.polynomial import PolynomialSolveError, polynomial_enumeration
from coopgame.equilibria.vertex import vertex_enumeration


def _mckelvey_mclennan() -> Game:
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    payoffs[0, 0, 0] = 9, 8, 12
    payoffs[1, 1, 0] = 9, 8, 2
    payoffs[0, 1, 1] = 3, 4, 6
    payoffs[1, 0, 1] = 3, 4, 6
    return Game(payoffs)


def _key(profile: object) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(Fraction(x) for x in vec) for vec in profile)  # type: ignore[attr-defined]


def test_mckelvey_mclennan_totally_mixed_equilibria() -> None:
    """McKelvey and McLennan (1996) 2x2x2 game: with probabilities p, q, r of the first
    strategies, player 3 indifferent gives 12pq + 2(1-p)(1-q) = 6p(1-q) + 6(1-p)q;
    players 1 and 2 give 9qr = 9(1-q)r... solved by hand in Gambit's documentation:
    the two totally mixed equilibria are (2/5, 1/2, 1/3) and (1/2, 2/5, 1/4)."""
    result = polynomial_enumeration(_mckelvey_mclennan())
    firsts = {tuple(vec[0] for vec in e.profile) for e in result
              if all(0 < vec[0] < 1 for vec in e.profile)}
    assert firsts == {
        (Fraction(2, 5), Fraction(1, 2), Fraction(1, 3)),
        (Fraction(1, 2), Fraction(2, 5), Fraction(1, 4)),
    }
    assert len(result) == 9 and result.complete


def test_exact_and_float_agree() -> None:
    game = _mckelvey_mclennan()
    exact = polynomial_enumeration(game, exact=True)
    floats = polynomial_enumeration(game.as_float(), exact=False)
    assert len(exact) == len(floats)
    for a, b in zip(exact, floats):
        for va, vb in zip(a.profile, b.profile):
            assert np.allclose([float(x) for x in va], vb, atol=1e-9)
    assert all(e.regret == 0 for e in exact)


def test_two_player_equals_vertex_enumeration() -> None:
    """A 2x3 game with a unique (isolated) equilibrium: both solvers must give
    the same one."""
    a = [[3, 0, 2], [1, 2, 0]]
    b = [[1, 2, 0], [3, 0, 2]]
    payoffs = np.stack([np.array(a), np.array(b)], axis=-1)
    game = Game(payoffs)
    ours = {_key(e.profile) for e in polynomial_enumeration(game)}
    theirs = {_key(e.profile) for e in vertex_enumeration(game)}
    assert ours == theirs


def test_bad_arguments_raise() -> None:
    game = _mckelvey_mclennan()
    with pytest.raises(PolynomialSolveError, match="tol"):
        polynomial_enumeration(game, tol=-1.0)
    with pytest.raises(PolynomialSolveError, match="max_seconds"):
        polynomial_enumeration(game, max_seconds=0)
    with pytest.raises(ValueError, match="Game"):
        polynomial_enumeration([[1, 2]])  # type: ignore[arg-type]
