"""ESS and NSS checks (coopgame.evolution._ess)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.evolution._dynamics import EvolutionError, symmetric_replicator
from coopgame.evolution._ess import evolutionarily_stable_strategies, is_ess, is_neutrally_stable

half = Fraction(1, 2)


def test_hawk_dove_ess_is_v_over_c() -> None:
    """Maynard Smith (1982): Hawk-Dove payoffs [[(V-C)/2, V], [0, V/2]]; with V=2, C=4 the
    unique ESS plays Hawk with probability V/C = 1/2."""
    V, C = 2, 4
    A = [[Fraction(V - C, 2), V], [0, Fraction(V, 2)]]
    assert evolutionarily_stable_strategies(A) == ((half, half),)
    assert not is_ess(A, [1, 0]) and not is_ess(A, [0, 1])


def test_rock_paper_scissors_has_no_ess_but_an_nss() -> None:
    """Zero-sum RPS: z^T A z = 0 for every z (A antisymmetric), so the barycentre is neutrally
    stable but not evolutionarily stable, and there is no other symmetric equilibrium."""
    rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    third = [Fraction(1, 3)] * 3
    assert evolutionarily_stable_strategies(rps) == ()
    assert not is_ess(rps, third)
    assert is_neutrally_stable(rps, third)
    assert is_neutrally_stable(rps, [Fraction(1, 3)] * 3)


def test_coordination_and_prisoners_dilemma() -> None:
    """Coordination [[2,0],[0,1]]: both strict equilibria are ESS, the mixed (1/3, 2/3) is not
    (z^T A z = 3 t^2 > 0). Prisoner's Dilemma: defection (strict) is the only ESS."""
    assert evolutionarily_stable_strategies([[2, 0], [0, 1]]) == ((1, 0), (0, 1))
    assert not is_ess([[2, 0], [0, 1]], [Fraction(1, 3), Fraction(2, 3)])
    assert evolutionarily_stable_strategies([[3, 0], [5, 1]]) == ((0, 1),)


def test_interior_ess_attracts_the_replicator_dynamics() -> None:
    """Taylor & Jonker (1978): an ESS is asymptotically stable under the replicator dynamics."""
    f = symmetric_replicator([[-1, 2], [0, 1]])
    x = np.array([0.9, 0.1])
    for _ in range(4000):
        x = x + 0.01 * f(0.0, x)
    np.testing.assert_allclose(x, [0.5, 0.5], atol=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=9, max_size=9))
def test_every_ess_beats_sampled_mutants(entries: list[int]) -> None:
    """Maynard Smith's definition checked directly on random mutants (small-integer, degenerate
    games).
    """
    A = np.array(entries, dtype=object).reshape(3, 3)
    found = evolutionarily_stable_strategies(A)
    rng = np.random.default_rng(0)
    for x in found:
        xv = np.array(x, dtype=object)
        for _ in range(30):
            y = [Fraction(int(k), 10) for k in rng.multinomial(10, [1 / 3] * 3)]
            if y == list(x):
                continue
            yv = np.array(y, dtype=object)
            first = xv @ A @ xv - yv @ A @ xv
            assert first > 0 or (first == 0 and xv @ A @ yv > yv @ A @ yv)


def test_bad_input() -> None:
    with pytest.raises(EvolutionError, match="square"):
        is_ess([[1, 2]], [1])
    with pytest.raises(EvolutionError):
        is_ess([[1, 0], [0, 1]], [1, 1])


def test_zeeman_interior_attractor_is_not_an_ess() -> None:
    """Zeeman (1980), A = [[0, 6, -4], [-3, 0, 5], [-1, 3, 0]]: e1 is a strict equilibrium (ESS);
    the barycentre is a Nash equilibrium (A x = (2/3, 2/3, 2/3)) that is asymptotically stable for
    the replicator dynamics but not an ESS: z = (1, -1, 0) gives z^T A z = -6 + 3 + 0 + ... =
    0 - 6 + 3 + 0 = -3 < 0 but z = (1, 0, -1) gives 0 + 4 + 1 + 0 = 5 > 0."""
    A = [[0, 6, -4], [-3, 0, 5], [-1, 3, 0]]
    assert evolutionarily_stable_strategies(A) == ((1, 0, 0),)
    assert not is_ess(A, [Fraction(1, 3)] * 3)


def test_extra_best_reply_needs_the_cone_condition() -> None:
    """A = [[1, 1], [1, 0]]: e1 ties with e2 against e1 (both earn 1), and e1 A e2 = 1 > e2 A e2 =
    0, so e1 is an ESS with a non-strict first condition (Maynard Smith's second condition decides).
    """
    assert is_ess([[1, 1], [1, 0]], [1, 0])
    assert not is_ess([[1, 1], [1, 2]], [1, 0])  # here e2 A e2 = 2 > e1 A e2 = 1: e2 invades
    assert is_neutrally_stable([[1, 1], [1, 1]], [1, 0])


def test_float_shares_are_read_as_decimals() -> None:
    """Hawk-Dove with V = 3, C = 10 in floats: the ESS plays Hawk with V / C = 3/10
    (Maynard Smith 1982, ch. 2). [0.3, 0.7] sums to 1 as decimals, though not in binary."""
    hawk_dove = [[-3.5, 3.0], [0.0, 1.5]]
    assert is_ess(hawk_dove, [0.3, 0.7])
    assert evolutionarily_stable_strategies(hawk_dove) == ((Fraction(3, 10), Fraction(7, 10)),)
