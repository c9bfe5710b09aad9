"""Vertex enumeration: textbook games with hand-derived equilibria, degenerate games and
their components, float/exact agreement, large payoffs, wide games and bad input."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game, GameError, nash_equilibria
from coopgame.equilibria import regret
from coopgame.equilibria._vertex import vertex_enumeration

F = Fraction
ExactProfile = tuple[tuple[Fraction, ...], ...]


def _profiles(result: Any) -> list[ExactProfile]:
    return [eq.key() for eq in result]


def _component_sets(result: Any) -> list[set[ExactProfile]]:
    return sorted(({result[k].key() for k in c.equilibria} for c in result.components), key=len)


def _p(*vectors: tuple[Any, ...]) -> ExactProfile:
    return tuple(tuple(F(v) for v in vec) for vec in vectors)


# --------------------------------------------------------------------------- textbook games

VON_STENGEL_A = [[3, 3], [2, 5], [0, 6]]
VON_STENGEL_B = [[3, 2], [2, 6], [3, 1]]


def test_von_stengel_3x2_example() -> None:
    """Von Stengel (2007), AGT ch. 3, section 3.2: A = [[3,3],[2,5],[0,6]], B = [[3,2],[2,6],[3,1]].

    By hand: (1) row 1 against column 1 pays 3 = max(3,2,0) and column 1 against
    row 1 pays 3 > 2: pure equilibrium ((1,0,0),(1,0)). (2) x = (4/5,1/5,0) makes
    the column player indifferent: 3*4/5 + 2*1/5 = 14/5 = 2*4/5 + 6*1/5; y = (2/3,1/3)
    makes rows 1 and 2 indifferent: 3 = 2*2/3 + 5/3 = 3 (row 3 gets 2 < 3).
    (3) x = (0,1/3,2/3): 2/3 + 2 = 8/3 = 2 + 2/3; y = (1/3,2/3): rows 2 and 3 get
    2/3 + 10/3 = 4 = 0 + 4, row 1 gets 3 < 4. The game is nondegenerate, so the
    three equilibria are isolated.
    """
    result = vertex_enumeration(Game.bimatrix(VON_STENGEL_A, VON_STENGEL_B))
    assert _profiles(result) == [
        _p((1, 0, 0), (1, 0)),
        _p((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
        _p((0, F(1, 3), F(2, 3)), (F(1, 3), F(2, 3))),
    ]
    assert [eq.payoffs for eq in result] == [(3, 3), (3, F(14, 5)), (4, F(8, 3))]
    assert result.degenerate is False
    assert result.components is not None
    assert [c.equilibria for c in result.components] == [(0,), (1,), (2,)]
    assert result.notes == () and result.parameters == {"max_seconds": 60.0}


def test_von_stengel_float_agrees_with_exact() -> None:
    """The float run returns the same three profiles within 1e-12 and records ``tol``."""
    game = Game.bimatrix(VON_STENGEL_A, VON_STENGEL_B)
    exact, floating = vertex_enumeration(game), vertex_enumeration(game, exact=False)
    assert not floating.exact and floating.parameters == {"tol": 1e-9, "max_seconds": 60.0}
    assert len(exact) == len(floating) == 3
    for e, f in zip(exact, floating, strict=True):
        diff = np.concatenate(e.float_profile()) - np.concatenate(f.profile)
        assert np.max(np.abs(diff)) <= 1e-12
        assert 0 <= f.regret <= 1e-9


def test_battle_of_the_sexes_mixed_equilibrium() -> None:
    """A = [[2,0],[0,1]], B = [[1,0],[0,2]]: pure (1,1), (2,2) and the mix where each
    makes the other indifferent: 2 y_1 = y_2 -> y = (1/3, 2/3); x_1 = 2 x_2 -> x = (2/3, 1/3)."""
    result = nash_equilibria(Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert _profiles(result) == [
        _p((1, 0), (1, 0)),
        _p((F(2, 3), F(1, 3)), (F(1, 3), F(2, 3))),
        _p((0, 1), (0, 1)),
    ]


def test_matching_pennies_has_only_the_uniform_mix() -> None:
    """Zero-sum with no saddle point: each must make the other indifferent, (1/2, 1/2)."""
    result = vertex_enumeration(Game.zero_sum([[1, -1], [-1, 1]]))
    assert _profiles(result) == [_p((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)))]


# --------------------------------------------------------------------------- degenerate games


def test_segment_of_equilibria_is_one_component() -> None:
    """A = [[1,1],[0,0]], B = [[1,1],[1,1]]: row 1 strictly dominates row 2 and the
    column player is indifferent everywhere, so the equilibria are (row 1, any y):
    a segment with extreme points ((1,0),(1,0)) and ((1,0),(0,1)). The pure
    strategy x = (1,0) has two best responses (more than its support size 1): degenerate.
    """
    result = vertex_enumeration(Game.bimatrix([[1, 1], [0, 0]], [[1, 1], [1, 1]]))
    assert _profiles(result) == [_p((1, 0), (1, 0)), _p((1, 0), (0, 1))]
    assert result.degenerate is True
    assert result.components is not None and len(result.components) == 1
    (component,) = result.components
    assert component.equilibria == (0, 1) and not component.is_isolated
    (subset,) = component.subsets
    assert subset.equilibria == (0, 1)
    assert [list(v) for v in subset.extreme_strategies[0]] == [[1, 0]]
    assert [list(v) for v in subset.extreme_strategies[1]] == [[1, 0], [0, 1]]
    assert result.notes  # the continuum is mentioned in plain language


def test_entry_game_has_two_components() -> None:
    """The entry deterrence game: Entrant {Out, In} x Incumbent {Fight, Accommodate},
    Out -> (0, 2); (In, Fight) -> (-1, -1); (In, Accommodate) -> (1, 1).

    By hand: Out pays 0, In pays 1 - 2 y_F, so Out is a best response iff y_F >= 1/2,
    and after Out the incumbent is indifferent: the segment from (Out, Fight) to
    (Out, (1/2, 1/2)). If x_In > 0 the incumbent strictly prefers Accommodate, and
    then In (1 > 0): the isolated equilibrium (In, Accommodate). Two components.
    """
    game = Game.bimatrix([[0, 0], [-1, 1]], [[2, 2], [-1, 1]])
    result = vertex_enumeration(game)
    assert result.degenerate is True
    assert _component_sets(result) == [
        {_p((0, 1), (0, 1))},
        {_p((1, 0), (1, 0)), _p((1, 0), (F(1, 2), F(1, 2)))},
    ]


@pytest.mark.parametrize("shape", [(2, 2), (2, 3), (3, 3)])
def test_zero_game_is_one_maximal_nash_subset(shape: tuple[int, int]) -> None:
    """All payoffs 0: every profile is an equilibrium; the set Delta_m x Delta_n is one
    product polytope whose extreme points are the m*n pure profiles."""
    m, n = shape
    zeros = np.zeros(shape, dtype=int).tolist()
    for exact in (True, False):
        result = vertex_enumeration(Game.bimatrix(zeros, zeros), exact=exact)
        assert len(result) == m * n and all(eq.is_pure for eq in result)
        assert result.degenerate is True
        assert result.components is not None and len(result.components) == 1
        (component,) = result.components
        assert len(component.subsets) == 1
        assert component.subsets[0].equilibria == tuple(range(m * n))


def test_degenerate_flag_for_an_isolated_but_degenerate_game() -> None:
    """A = [[2,0],[0,1]], B = [[1,1],[0,2]]. Against row 1 the
    column player has two best responses (support size 1): degenerate. By hand the
    equilibria are: (row 1, y) needs 2 y_1 >= y_2, i.e. y_1 >= 1/3, giving the segment
    from ((1,0),(1,0)) to ((1,0),(1/3,2/3)), plus the pure (row 2, column 2) and no
    other: mixing rows (x_2 > 0) makes column 2 strictly better, forcing y = (0,1)."""
    result = vertex_enumeration(Game.bimatrix([[2, 0], [0, 1]], [[1, 1], [0, 2]]))
    assert result.degenerate is True
    assert _component_sets(result) == [
        {_p((0, 1), (0, 1))},
        {_p((1, 0), (1, 0)), _p((1, 0), (F(1, 3), F(2, 3)))},
    ]


def test_float_mode_sees_exact_ties() -> None:
    """Float payoffs with exact ties (the segment game): the same two extreme equilibria."""
    result = vertex_enumeration(Game.bimatrix([[1.0, 1.0], [0.0, 0.0]], [[1.0, 1.0], [1.0, 1.0]]))
    assert result.degenerate is True and not result.exact
    assert _profiles(result) == [((1.0, 0.0), (1.0, 0.0)), ((1.0, 0.0), (0.0, 1.0))]


def test_exact_true_reads_float_payoffs_as_decimals() -> None:
    """exact=True on a float game: 0.1 is read as 1/10. A = [[0.3, 0], [0, 0.1]],
    B = [[0.1, 0], [0, 0.3]]: the mix makes the other indifferent,
    0.3 y_1 = 0.1 y_2 -> y = (1/4, 3/4) and 0.1 x_1 = 0.3 x_2 -> x = (3/4, 1/4)."""
    game = Game.bimatrix([[0.3, 0.0], [0.0, 0.1]], [[0.1, 0.0], [0.0, 0.3]])
    result = vertex_enumeration(game, exact=True)
    assert result.exact and result.parameters == {"max_seconds": 60.0}
    assert _p((F(3, 4), F(1, 4)), (F(1, 4), F(3, 4))) in _profiles(result)
    assert len(result) == 3


# --------------------------------------------------------------------------- numerics and size


def test_large_payoffs_keep_a_tight_certificate() -> None:
    """The 3x2 example scaled by 10^6 and shifted: the same equilibria (scaling changes no
    best response), float regrets still at most 1e-9 in the game's own units."""
    A = (np.array(VON_STENGEL_A) * 1_000_003.0 - 7.0e6).tolist()
    B = (np.array(VON_STENGEL_B) * 999_983.0 + 3.0e6).tolist()
    result = vertex_enumeration(Game.bimatrix(A, B))
    assert len(result) == 3 and all(eq.regret <= 1e-9 for eq in result)
    np.testing.assert_allclose(result[1].profile[0], [0.8, 0.2, 0.0], atol=1e-12)


def test_wide_game_uses_more_than_64_labels() -> None:
    """A 2x70 game (72 labels, beyond one 64-bit word). Column j pays the column player
    j+1 against both rows, so the last column strictly dominates; against it the row
    player's best reply is the larger of A[:, -1] = (1, 2): the unique equilibrium
    (row 2, column 70)."""
    n = 70
    A = [[(j % 5) for j in range(n - 1)] + [1], [((j + 2) % 5) for j in range(n - 1)] + [2]]
    B = [[j + 1 for j in range(n)], [j + 1 for j in range(n)]]
    for exact in (True, False):
        result = vertex_enumeration(Game.bimatrix(A, B), exact=exact)
        assert len(result) == 1
        x, y = result[0].profile
        assert list(x) == [0, 1] and list(y) == [0] * (n - 1) + [1]


def test_float_and_exact_list_equilibria_in_the_same_order() -> None:
    """A 3x5 game with 16 extreme equilibria, many sharing x = (1,0,0) and differing in
    y = (1/2,1/2,0,0,0) vs (1/2,0,0,0,1/2): float noise (0.49999999999999994) must not
    reorder them, so index k means the same equilibrium in both modes."""
    A = [[1, 0, 1, 0, 0], [0, 1, 1, 1, 0], [0, 1, 0, 1, 1]]
    B = [[1, 1, 1, 0, 1], [1, 1, 1, 1, 0], [1, 1, 0, 1, 1]]
    game = Game.bimatrix(A, B)
    exact, floating = vertex_enumeration(game), vertex_enumeration(game, exact=False)
    assert len(exact) == len(floating) == 16
    for e, f in zip(exact, floating, strict=True):
        diff = np.concatenate(e.float_profile()) - np.concatenate(f.profile)
        assert np.max(np.abs(diff)) <= 1e-9
    assert exact.components is not None and floating.components is not None
    assert [c.equilibria for c in exact.components] == [c.equilibria for c in floating.components]


small_int_games = st.tuples(st.integers(1, 5), st.integers(1, 5)).flatmap(
    lambda mn: st.tuples(
        st.lists(
            st.lists(st.integers(0, 3), min_size=mn[1], max_size=mn[1]),
            min_size=mn[0],
            max_size=mn[0],
        ),
        st.lists(
            st.lists(st.integers(0, 3), min_size=mn[1], max_size=mn[1]),
            min_size=mn[0],
            max_size=mn[0],
        ),
    )
)


@settings(max_examples=60, deadline=None)
@given(small_int_games)
def test_float_and_exact_find_the_same_extreme_equilibria(
    payoffs: tuple[list[list[int]], list[list[int]]],
) -> None:
    """On small-integer (mostly degenerate) games float mode finds the exact set within 1e-9,
    and both agree on degeneracy and on the component partition."""
    game = Game.bimatrix(*payoffs)
    exact, floating = vertex_enumeration(game), vertex_enumeration(game, exact=False)
    assert len(exact) == len(floating) >= 1  # Nash: every finite game has an equilibrium
    for e, f in zip(exact, floating, strict=True):
        diff = np.concatenate(e.float_profile()) - np.concatenate(f.profile)
        assert np.max(np.abs(diff)) <= 1e-9
    assert exact.degenerate == floating.degenerate
    assert exact.components is not None and floating.components is not None
    assert [c.equilibria for c in exact.components] == [c.equilibria for c in floating.components]


@settings(max_examples=60, deadline=None)
@given(small_int_games)
def test_float_mode_treats_rounding_noise_as_ties(
    payoffs: tuple[list[list[int]], list[list[int]]],
) -> None:
    """0.1 * A + 0.7 and 0.3 * B - 0.2 are positive affine images of the integer game, so
    they have the same equilibria; in floating point they carry rounding noise
    (0.7999999999999999 for 0.8) that float mode must read as the ties they are."""
    A, B = (np.array(p) for p in payoffs)
    exact = vertex_enumeration(Game.bimatrix(A.tolist(), B.tolist()))
    noisy = vertex_enumeration(Game.bimatrix(A * 0.1 + 0.7, B * 0.3 - 0.2))
    assert len(exact) == len(noisy)
    for e, f in zip(exact, noisy, strict=True):
        diff = np.concatenate(e.float_profile()) - np.concatenate(f.profile)
        assert np.max(np.abs(diff)) <= 1e-9
    assert exact.degenerate == noisy.degenerate


@settings(max_examples=60, deadline=None)
@given(small_int_games)
def test_maximal_nash_subsets_are_sets_of_equilibria(
    payoffs: tuple[list[list[int]], list[list[int]]],
) -> None:
    """Winkels (1979): in a maximal Nash subset every mix of the row player's extreme
    strategies with every mix of the column player's is an equilibrium; check the
    barycentre exactly. Every extreme equilibrium lies in exactly one component."""
    game = Game.bimatrix(*payoffs)
    result = vertex_enumeration(game)
    assert result.components is not None
    seen = sorted(k for c in result.components for k in c.equilibria)
    assert seen == list(range(len(result)))
    for component in result.components:
        for subset in component.subsets:
            xs, ys = subset.extreme_strategies
            x = [sum(col) / len(xs) for col in zip(*xs, strict=True)]
            y = [sum(col) / len(ys) for col in zip(*ys, strict=True)]
            assert regret(game, [x, y]) == 0


@settings(max_examples=40, deadline=None)
@given(small_int_games)
def test_degenerate_flag_matches_best_response_counts(
    payoffs: tuple[list[list[int]], list[list[int]]],
) -> None:
    """Nondegenerate means no mixed strategy has more pure best responses than its support
    size; for pure strategies this is checkable directly: a pure strategy with two or more
    best replies makes the game degenerate (von Stengel 2007, def. 3.2)."""
    A, B = (np.array(p) for p in payoffs)
    pure_ties = any((B[i] == B[i].max()).sum() > 1 for i in range(A.shape[0])) or any(
        (A[:, j] == A[:, j].max()).sum() > 1 for j in range(A.shape[1])
    )
    result = vertex_enumeration(Game.bimatrix(A.tolist(), B.tolist()))
    if pure_ties:
        assert result.degenerate is True


# --------------------------------------------------------------------------- errors


def test_three_player_game_is_refused() -> None:
    game = Game(np.zeros((2, 2, 2, 3), dtype=int))
    with pytest.raises(GameError, match="two-player"):
        vertex_enumeration(game)
    with pytest.raises(GameError, match="vertex_enumeration: needs a two-player game"):
        nash_equilibria(game, method="vertex")


def test_free_parameters_are_refused() -> None:
    game = Game.bimatrix([["s", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(GameError, match="free parameters"):
        vertex_enumeration(game)


def test_not_a_game_and_bad_tolerance() -> None:
    with pytest.raises(GameError, match="coopgame.Game"):
        vertex_enumeration([[1, 0], [0, 1]])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="tol"):
        vertex_enumeration(Game.bimatrix([[1.0]], [[1.0]]), tol=-1.0)


def test_one_by_one_game() -> None:
    """A single profile is trivially the unique equilibrium."""
    result = vertex_enumeration(Game.bimatrix([[F(5, 2)]], [[-3]]))
    assert _profiles(result) == [_p((1,), (1,))] and result.degenerate is False
