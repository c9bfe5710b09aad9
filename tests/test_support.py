"""Support enumeration: textbook games worked by hand, the textbook steps, bad input."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game, GameError
from coopgame.equilibria import regret
from coopgame.equilibria._support import (
    _best_response_sets,
    _complementary_pairs,
    _exact_indifferent_strategies,
    _indifferent_strategies,
    _square_subsystems,
    _Vertices,
    _worth_solving_exactly,
    support_enumeration,
)

F = Fraction


def _profiles(result: object) -> list[tuple[tuple[Fraction, ...], ...]]:
    return [
        tuple(tuple(F(v) for v in vec) for vec in eq.profile)  # type: ignore[attr-defined]
        for eq in result
    ]


def _exact(*vectors: list[object]) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(F(v) for v in vec) for vec in vectors)  # type: ignore[arg-type]


# von Stengel (2002), "Computing equilibria for two-person games", Handbook of Game
# Theory 3, the 3x2 example of section 2 and its degenerate variant with B[0] = (3, 3).
STENGEL_A = [[3, 3], [2, 5], [0, 6]]
STENGEL_B = [[3, 2], [2, 6], [3, 1]]
STENGEL_B_DEGENERATE = [[3, 3], [2, 6], [3, 1]]


def test_von_stengel_nondegenerate_example() -> None:
    """Three equilibria (von Stengel 2002, section 2.3), checked by hand:

    * x=(1,0,0), y=(1,0): column payoffs (3, 2), row payoffs (3, 2, 0).
    * x=(4/5,1/5,0): B^T x = (14/5, 14/5); y=(2/3,1/3): A y = (3, 3, 2).
    * x=(0,1/3,2/3): B^T x = (8/3, 8/3); y=(1/3,2/3): A y = (3, 4, 4).
    """
    res = support_enumeration(Game.bimatrix(STENGEL_A, STENGEL_B))
    assert _profiles(res) == [
        _exact([1, 0, 0], [1, 0]),
        _exact(["4/5", "1/5", 0], ["2/3", "1/3"]),
        _exact([0, "1/3", "2/3"], ["1/3", "2/3"]),
    ]
    assert [eq.payoffs for eq in res] == [(3, 3), (3, F(14, 5)), (4, F(8, 3))]
    assert res.degenerate is False and res.exact and res.complete and res.method == "support"
    assert all(c.is_isolated for c in res.components or ())
    assert res.notes == ()


def test_von_stengel_degenerate_example_has_a_continuum() -> None:
    """With B's first row (3, 3), against x=(1,0,0) both columns are best responses.

    Row 1 stays a best response to y iff 3 >= 2y1 + 5y2 and 3 >= 6y2, i.e. y2 <= 1/3:
    the segment from y=(1,0) to y=(2/3,1/3) is one component with two extreme
    equilibria. Rows 2 and 3 mixed: 2x2+3x3 = 6x2+x3 gives x=(0,1/3,2/3), and y=(1/3,2/3)
    makes rows 2 and 3 tie (payoff 4 > 3): an isolated equilibrium. Rows 1+2 or 1+3
    mixed make one column strictly best, whose best reply is a single row; all
    three rows tie only if y2 = 1/2 and 2y1 + 5y2 = 3, which contradict.
    """
    res = support_enumeration(Game.bimatrix(STENGEL_A, STENGEL_B_DEGENERATE))
    assert _profiles(res) == [
        _exact([1, 0, 0], [1, 0]),
        _exact([1, 0, 0], ["2/3", "1/3"]),
        _exact([0, "1/3", "2/3"], ["1/3", "2/3"]),
    ]
    assert res.degenerate is True
    components = res.components or ()
    assert [c.equilibria for c in components] == [(0, 1), (2,)]
    (subset,) = components[0].subsets
    assert [[list(v) for v in vecs] for vecs in subset.extreme_strategies] == [
        [[1, 0, 0]], [[1, 0], [F(2, 3), F(1, 3)]]
    ]
    assert res.notes == (
        "1 component(s) contain infinitely many equilibria: every convex combination "
        "within a maximal Nash subset is an equilibrium (see components)",
    )


def test_all_zero_game_is_one_square_of_equilibria() -> None:
    """Every profile of the all-zero 2x2 game is an equilibrium: the extreme ones are
    the four pure profiles, forming one maximal Nash subset (Gambit gives the same four)."""
    res = support_enumeration(Game.bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]]))
    assert sorted(_profiles(res)) == sorted(
        _exact(x, y) for x in ([1, 0], [0, 1]) for y in ([1, 0], [0, 1])
    )
    (component,) = res.components or ()
    assert len(component.subsets) == 1 and component.equilibria == (0, 1, 2, 3)
    assert res.degenerate is True


@pytest.mark.parametrize(
    ("A", "B", "expected"),
    [
        # Prisoner's dilemma: Shirk strictly dominates (5 > 3, 1 > 0)
        ([[3, 0], [5, 1]], [[3, 5], [0, 1]], [_exact([0, 1], [0, 1])]),
        # Matching pennies: the unique equilibrium makes the opponent indifferent
        ([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], [_exact(["1/2", "1/2"], ["1/2", "1/2"])]),
        # Rock-paper-scissors: the uniform mix, uniquely
        ([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
         [_exact(["1/3"] * 3, ["1/3"] * 3)]),
        # a 1x3 game: the row player has one strategy, the column player two best replies
        ([[1, 2, 3]], [[4, 7, 7]], [_exact([1], [0, 1, 0]), _exact([1], [0, 0, 1])]),
    ],
    ids=["prisoners-dilemma", "matching-pennies", "rock-paper-scissors", "one-row"],
)
def test_classic_games(A: list[list[int]], B: list[list[int]], expected: list[object]) -> None:
    assert _profiles(support_enumeration(Game.bimatrix(A, B))) == expected


def test_rational_payoffs_stay_exact() -> None:
    """Payoffs 1/2 and 1/3: x makes the column player indifferent, (1/3) x1 = (1/2) x2 -> x=(3/5,
    2/5).
    """
    g = Game.bimatrix([[0, 1], [1, 0]], [["1/3", 0], [0, "1/2"]])
    res = support_enumeration(g)
    assert _profiles(res) == [_exact(["3/5", "2/5"], ["1/2", "1/2"])]
    assert all(isinstance(v, Fraction) for vec in res[0].profile for v in vec)


def test_float_mode_matches_exact_on_degenerate_example() -> None:
    g = Game.bimatrix(STENGEL_A, STENGEL_B_DEGENERATE).as_float()
    res = support_enumeration(g)
    assert not res.exact and res.degenerate is True
    expected = [[1, 0, 0, 1, 0], [1, 0, 0, 2 / 3, 1 / 3], [0, 1 / 3, 2 / 3, 1 / 3, 2 / 3]]
    got = [np.concatenate(eq.float_profile()) for eq in res]
    assert len(got) == 3
    for vec, ref in zip(got, expected, strict=True):
        np.testing.assert_allclose(vec, ref, atol=1e-12)
    assert all(regret(g, eq.profile) <= 1e-9 for eq in res)


def test_exact_true_reads_floats_as_decimals() -> None:
    """0.1 and 0.3 are read as 1/10 and 3/10: x1 * 1/10 = x2 * 3/10 gives x = (3/4, 1/4)."""
    g = Game.bimatrix([[0.0, 1.0], [1.0, 0.0]], [[0.1, 0.0], [0.0, 0.3]])
    res = support_enumeration(g, exact=True)
    assert res.exact and _profiles(res) == [_exact(["3/4", "1/4"], ["1/2", "1/2"])]


@pytest.mark.parametrize(
    ("game", "options", "message"),
    [
        (Game(np.zeros((2, 2, 2, 3), dtype=int)), {}, "two-player"),
        (Game.bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]]), {}, "free parameters"),
        (Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]), {"tol": -1.0}, "tol"),
        (Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]]), {"tol": float("nan")}, "tol"),
        ([[1, 0], [0, 1]], {}, "coopgame.Game"),
    ],
    ids=["three-players", "symbolic", "negative-tol", "nan-tol", "not-a-game"],
)
def test_bad_input_is_a_value_error(game: object, options: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        support_enumeration(game, **options)  # type: ignore[arg-type]
    if message in ("two-player", "free parameters", "coopgame.Game"):
        with pytest.raises(GameError):
            support_enumeration(game, **options)  # type: ignore[arg-type]


# ---------------------------------------------------------------- the textbook steps
@pytest.mark.parametrize(("own", "other"), [(1, 1), (2, 3), (4, 4), (5, 2)])
def test_square_subsystems_are_all_equal_size_pairs(own: int, other: int) -> None:
    """Vandermonde: sum_k C(m,k) C(n,k) = C(m+n, m) - 1 pairs, each of equal sizes, none repeated.
    """
    pairs = [
        (tuple(r), tuple(c))
        for rows, cols in _square_subsystems(own, other)
        for r in rows
        for c in cols
    ]
    assert len(pairs) == math.comb(own + other, own) - 1 == len(set(pairs))
    assert all(len(r) == len(c) >= 1 for r, c in pairs)


def test_indifferent_strategies_are_the_polytope_vertices() -> None:
    """Row player of von Stengel's example (opponent's payoffs B): the vertices of
    P = {x in simplex : B^T x <= v} are the three pure rows, x=(4/5,1/5,0) (B^T x =
    (14/5, 14/5)) and x=(0,1/3,2/3) (8/3, 8/3). Rows 1 and 3 mixed give B^T x = (3, 2x1+x3)
    with column 1 strictly best, so no vertex lies on that edge's interior."""
    B = np.array(STENGEL_B, dtype=object)
    exact = _exact_indifferent_strategies(B)
    assert sorted(exact) == sorted(
        [(1, 0, 0), (0, 1, 0), (0, 0, 1), (F(4, 5), F(1, 5), 0), (0, F(1, 3), F(2, 3))]
    )
    floats = _indifferent_strategies(np.array(STENGEL_B, dtype=float), 1e-9)
    assert len(floats) == len(exact)
    for vec in exact:
        assert np.min(np.abs(floats - np.array(vec, dtype=float)).max(axis=1)) <= 1e-12


def test_degenerate_vertex_is_found_once() -> None:
    """In the degenerate variant, x=(1,0,0) solves several square systems (column 1
    alone, column 2 alone, both with row 1): it must appear once, with both best responses."""
    B = np.array(STENGEL_B_DEGENERATE, dtype=object)
    vertices = _exact_indifferent_strategies(B)
    assert vertices.count((1, 0, 0)) == 1
    support, best = _best_response_sets(np.array([[F(1), F(0), F(0)]], dtype=object), B)
    assert support.tolist() == [[True, False, False]] and best.tolist() == [[True, True]]


def test_complementary_pairs_need_both_best_response_conditions() -> None:
    """x0 plays row 0 and y0 column 0, each a best response to the other -> pair.
    y1 plays column 1, which is not a best response to x0 -> no pair, although x0's
    row is a best response to y1."""
    xs = _Vertices([], np.array([[True, False]]), np.array([[True, False]]))
    ys = _Vertices(
        [], np.array([[True, False], [False, True]]), np.array([[True, True], [True, False]])
    )
    assert _complementary_pairs(xs, ys) == [(0, 0)]


@settings(derandomize=True, deadline=None, max_examples=60)
@given(
    st.integers(1, 4).flatmap(
        lambda m: st.integers(1, 4).flatmap(
            lambda n: st.lists(
                st.lists(st.integers(0, 2) | st.integers(-40, 40), min_size=n, max_size=n),
                min_size=m, max_size=m,
            )
        )
    )
)
def test_float_screen_never_drops_a_vertex(payoffs: list[list[int]]) -> None:
    """The exact vertices with the float screen equal those found solving every system exactly."""
    matrix = np.array(payoffs, dtype=object)
    screened = _exact_indifferent_strategies(matrix)
    import coopgame.equilibria._support as support_module

    original = support_module._worth_solving_exactly
    support_module._worth_solving_exactly = (  # type: ignore[assignment]
        lambda p, r, c: np.ones(len(r) * len(c), dtype=bool)
    )
    try:
        unscreened = _exact_indifferent_strategies(matrix)
    finally:
        support_module._worth_solving_exactly = original
    assert sorted(screened) == sorted(unscreened)


def test_float_screen_keeps_singular_and_feasible_systems() -> None:
    """All-zero payoffs: every system is singular except single rows against single
    columns, whose solution (a pure row, v = 0) is feasible, so all are kept."""
    rows, cols = next(iter(_square_subsystems(2, 2)))
    assert _worth_solving_exactly(np.zeros((2, 2)), rows, cols).all()
    rows, cols = list(_square_subsystems(2, 2))[1]
    assert _worth_solving_exactly(np.zeros((2, 2)), rows, cols).all()


def test_float_mode_does_not_depend_on_the_payoff_unit() -> None:
    """Payoffs in units of 1e12 (e.g. currency): x makes the column player indifferent,
    1e12 x1 = 7e12 x2 -> x = (7/8, 1/8); y: 3e12 y1 = 1e12 y2 -> y = (1/4, 3/4)."""
    g = Game.bimatrix([[3e12, 0.0], [0.0, 1e12]], [[1e12, 0.0], [0.0, 7e12]])
    res = support_enumeration(g)
    assert len(res) == 3
    np.testing.assert_allclose(
        np.concatenate(res[1].float_profile()), [7 / 8, 1 / 8, 1 / 4, 3 / 4], atol=1e-12
    )


@pytest.mark.parametrize("unit", [1e6 / 3, 1e9 / 7, 1e12 / 3])
def test_float_mode_on_a_degenerate_game_in_large_units(unit: float) -> None:
    """The degenerate example with payoffs times ``unit`` (not representable exactly):
    with a tolerance proportional to the unit (as the docstring advises) the three
    extreme equilibria and the two components of the exact game are found."""
    g = Game.bimatrix(np.array(STENGEL_A) * unit, np.array(STENGEL_B_DEGENERATE) * unit)
    res = support_enumeration(g, tol=max(1e-9, 1e-14 * unit))
    expected = [[1, 0, 0, 1, 0], [1, 0, 0, 2 / 3, 1 / 3], [0, 1 / 3, 2 / 3, 1 / 3, 2 / 3]]
    assert len(res) == 3
    for eq, ref in zip(res, expected, strict=True):
        np.testing.assert_allclose(np.concatenate(eq.float_profile()), ref, atol=1e-9)
    assert [c.equilibria for c in res.components or ()] == [(0, 1), (2,)]


def test_nashpy_issue_222_segment_of_equilibria() -> None:
    """nashpy issue #222: A=[[-3,3],[-3,5]], B=[[2,7],[4,2]] has the equilibria
    ((p, 1-p), Left) for p in [0, 2/7] (nashpy's support enumeration returns only p=0).

    Against Left the row payoffs tie (-3, -3); against (p, 1-p) Left earns 4 - 2p and
    Right 2 + 5p, so Left is a best response iff p <= 2/7. Any weight on Right makes
    Down strictly better, whose best reply is Left: no other equilibria.
    """
    res = support_enumeration(Game.bimatrix([[-3, 3], [-3, 5]], [[2, 7], [4, 2]]))
    assert _profiles(res) == [_exact(["2/7", "5/7"], [1, 0]), _exact([0, 1], [1, 0])]
    assert [c.equilibria for c in res.components or ()] == [(0, 1)]


def test_nashpy_issue_82_eight_equilibria() -> None:
    """nashpy issue #82: a degenerate 3x5 cost game (players minimise A and B) whose
    eight extreme equilibria the reporter found with his own support enumeration and
    with the Liverpool online solver; nashpy's support enumeration found five.
    The costs J1, J2 listed there are checked as well."""
    A = np.array([[0, 0, 6, 0, 0], [0, 0, 3, 2, 1], [4, 3, 0, 0, 1]])
    B = np.array([[3, 0, 2, 1, 0], [0, 2, 0, 0, 4], [4, 0, 2, 4, 4]])
    res = support_enumeration(Game.bimatrix(-A, -B))
    listed = {
        (_exact([1, 0, 0], [0, 1, 0, 0, 0]), (0, 0)),
        (_exact([1, 0, 0], [0, 0, 0, 0, 1]), (0, 0)),
        (_exact(["2/3", "1/3", 0], [0, 1, 0, 0, 0]), (0, F(2, 3))),
        (_exact(["1/3", "1/2", "1/6"], [0, "4/9", "2/9", "1/3", 0]), (F(4, 3), 1)),
        (_exact([0, "1/2", "1/2"], [0, "1/2", "1/2", 0, 0]), (F(3, 2), 1)),
        (_exact([0, 1, 0], ["3/7", 0, "4/7", 0, 0]), (F(12, 7), 0)),
        (_exact([0, 1, 0], [1, 0, 0, 0, 0]), (0, 0)),
        (_exact([0, 1, 0], ["3/8", 0, "1/4", "3/8", 0]), (F(3, 2), 0)),
    }
    found = {
        (profile, tuple(-u for u in eq.payoffs))
        for profile, eq in zip(_profiles(res), res, strict=True)
    }
    assert found == listed
    assert res.degenerate is True
