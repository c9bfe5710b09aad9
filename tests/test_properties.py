"""Properties every complete two-player solver must have, over random games.

Hypothesis draws bimatrix games of sizes 1x1 .. 4x4, half of them with payoffs
in 0..2 (ties everywhere: degenerate games with continua of equilibria). For the
default method ("vertex") and for "support" it checks:

* certificates: every returned profile has regret 0 (exact) or <= tol (float),
  recomputed here with :func:`coopgame.regret`;
* completeness on pure profiles: every pure equilibrium found by brute force is returned;
* relabelling a player's strategies permutes the equilibria the same way;
* swapping the players (transposing) swaps the equilibria;
* vertex and support enumeration agree exactly;
* the best-response invariance (e.g. von Stengel 2002, section 2.2; Weibull 1995,
  section 1.3.3): multiplying a player's payoffs by a positive constant and adding a
  constant to each column of the opponent (for the row player) changes no best
  response, hence no equilibrium.
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game, nash_equilibria
from coopgame.equilibria import regret
from coopgame.numbers import DEFAULT_TOL

METHODS = ["vertex", "support"]
ExactProfile = tuple[tuple[Fraction, ...], ...]

BOTH_METHODS = pytest.mark.parametrize("method", METHODS)

PROPERTY = settings(derandomize=True, deadline=None, max_examples=80)


@st.composite
def bimatrix_games(draw: Any, max_size: int = 4) -> Game:
    """A bimatrix game: half small integers 0..2 (degenerate), half integers -30..30."""
    m = draw(st.integers(1, max_size))
    n = draw(st.integers(1, max_size))
    high = draw(st.sampled_from([2, 30]))
    low = 0 if high == 2 else -high
    entries = st.integers(low, high)
    A = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    B = draw(st.lists(st.lists(entries, min_size=n, max_size=n), min_size=m, max_size=m))
    return Game.bimatrix(A, B)


def _solve(game: Game, method: str, **options: Any) -> Any:
    return nash_equilibria(game, method=method, **options)


def _profiles(result: Any) -> set[ExactProfile]:
    return {tuple(tuple(Fraction(v) for v in vec) for vec in eq.profile) for eq in result}


def _pure_equilibria_by_brute_force(game: Game) -> set[ExactProfile]:
    """Pure profiles where neither player gains by a pure deviation (direct from the definition)."""
    A, B = game.bimatrix_arrays()
    m, n = game.shape
    found = set()
    for i, j in itertools.product(range(m), range(n)):
        if all(A[i, j] >= A[k, j] for k in range(m)) and all(B[i, j] >= B[i, k] for k in range(n)):
            found.add((tuple(Fraction(int(k == i)) for k in range(m)),
                       tuple(Fraction(int(k == j)) for k in range(n))))
    return found


@BOTH_METHODS
@PROPERTY
@given(bimatrix_games())
def test_exact_equilibria_have_zero_regret(method: str, game: Game) -> None:
    result = _solve(game, method)
    assert result.exact and len(result) >= 1  # Nash (1951): an equilibrium always exists
    for eq in result:
        assert regret(game, [list(vec) for vec in eq.profile]) == 0


@BOTH_METHODS
@PROPERTY
@given(bimatrix_games())
def test_float_equilibria_have_regret_within_tolerance(method: str, game: Game) -> None:
    float_game = game.as_float()
    result = _solve(float_game, method)
    assert not result.exact and len(result) >= 1
    for eq in result:
        assert (
            regret(float_game, [np.asarray(vec, dtype=float) for vec in eq.profile]) <= DEFAULT_TOL
        )


@BOTH_METHODS
@PROPERTY
@given(bimatrix_games())
def test_every_pure_equilibrium_is_returned(method: str, game: Game) -> None:
    """Pure equilibria are extreme equilibria (vertices of both polytopes), so all must be listed.
    """
    assert _pure_equilibria_by_brute_force(game) <= _profiles(_solve(game, method))


@BOTH_METHODS
@PROPERTY
@given(bimatrix_games(), st.data())
def test_relabelling_strategies_permutes_equilibria(method: str, game: Game, data: Any) -> None:
    """New strategy k of ``player`` is old strategy order[k], so a new profile entry k is old entry
    order[k].
    """
    player = data.draw(st.integers(0, 1))
    order = data.draw(st.permutations(range(game.shape[player])))
    relabelled = game.reorder(player, order)
    expected = {
        tuple(tuple(vec[k] for k in order) if p == player else vec for p, vec in enumerate(profile))
        for profile in _profiles(_solve(game, method))
    }
    assert _profiles(_solve(relabelled, method)) == expected


@BOTH_METHODS
@PROPERTY
@given(bimatrix_games())
def test_swapping_players_swaps_equilibria(method: str, game: Game) -> None:
    """(x, y) is an equilibrium of (A, B) iff (y, x) is one of (B^T, A^T)."""
    A, B = game.bimatrix_arrays()
    swapped = Game.bimatrix(B.T, A.T)
    expected = {(y, x) for x, y in _profiles(_solve(game, method))}
    assert _profiles(_solve(swapped, method)) == expected


@BOTH_METHODS
@PROPERTY
@given(
    bimatrix_games(),
    st.fractions(min_value=Fraction(1, 7), max_value=10, max_denominator=7),
    st.fractions(min_value=Fraction(1, 7), max_value=10, max_denominator=7),
    st.data(),
)
def test_positive_affine_payoff_changes_leave_equilibria_unchanged(
    method: str, game: Game, scale_a: Fraction, scale_b: Fraction, data: Any
) -> None:
    """A' = a A + 1 c^T (a constant c_j per opponent column), B' = b B + d 1^T (d_i per
    opponent row) with a, b > 0: every payoff difference between own strategies against
    a fixed opponent strategy is scaled by a positive number, so best responses and
    equilibria are the same."""
    m, n = game.shape
    shifts = st.integers(-50, 50)
    column_shift = data.draw(st.lists(shifts, min_size=n, max_size=n))
    row_shift = data.draw(st.lists(shifts, min_size=m, max_size=m))
    A, B = game.bimatrix_arrays()
    new_A = np.array(
        [[scale_a * A[i, j] + column_shift[j] for j in range(n)] for i in range(m)], dtype=object
    )
    new_B = np.array(
        [[scale_b * B[i, j] + row_shift[i] for j in range(n)] for i in range(m)], dtype=object
    )
    transformed = Game.bimatrix(new_A, new_B)
    assert _profiles(_solve(transformed, method)) == _profiles(_solve(game, method))


@BOTH_METHODS
@PROPERTY
@given(bimatrix_games())
def test_components_partition_the_equilibria(method: str, game: Game) -> None:
    """Every extreme equilibrium lies in exactly one component, and every mix of the
    extreme strategies of a maximal Nash subset is an equilibrium (checked at the
    barycentre, exactly)."""
    result = _solve(game, method)
    components = result.components
    assert components is not None
    indices = sorted(k for c in components for k in c.equilibria)
    assert indices == list(range(len(result)))
    for component in components:
        for subset in component.subsets:
            centre = [sum(vecs) / len(vecs) for vecs in subset.extreme_strategies]
            assert regret(game, [list(vec) for vec in centre]) == 0


@PROPERTY
@given(bimatrix_games())
def test_vertex_and_support_enumeration_agree(game: Game) -> None:
    """Two independent complete methods: identical extreme equilibria, degeneracy and
    components (exact)."""
    by_vertex, by_support = _solve(game, "vertex"), _solve(game, "support")
    assert _profiles(by_vertex) == _profiles(by_support)
    assert by_vertex.degenerate == by_support.degenerate
    assert [c.equilibria for c in by_vertex.components] == [
        c.equilibria for c in by_support.components
    ]
