"""Replicator dynamics and their rest points (coopgame.evolution._dynamics / rest_points)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.evolution._dynamics import (
    EvolutionError,
    full_shares,
    replicator_equations,
    replicator_field,
    symmetric_replicator,
)
from coopgame.evolution._rest_points import classify, jacobian, rest_points, stability_conditions
from coopgame.game import Game


def huang_game(dE1: object = 50, C1: object = 25) -> Game:
    """Huang, Zhou, Zeng & Zhou (2025), Sci. Rep. 15:34978, as a 2x2 asymmetric game.

    Their code integrates
        dx/dt = x(1-x)(y dE1 - C1),
        dy/dt = y(1-y)[x(beta dC2 - dC2 + dC2') - (E2' - E2) + (C2' - C2 - beta dC2)].
    With E2=30, E2'=20, C2=15, dC2=10, beta=3, C2'=15, dC2'=20 the graduate's bracket is
    x(30 - 10 + 20) + 10 + (15 - 15 - 30) = 40x - 20.
    x = share of HEIs playing their first strategy, y = graduates playing their first.
    HEI advantage of the first strategy = y dE1 - C1, so rows (HEI) payoffs
        A = [[dE1 - C1, -C1], [0, 0]]   (A00 - A10 = dE1 - C1, A01 - A11 = -C1).
    Graduate advantage = 40x - 20 = x(B00 - B01) + (1-x)(B10 - B11), so
        B = [[20, 0], [-20, 0]].
    """
    dE1, C1 = sympy.sympify(dE1), sympy.sympify(C1)
    return Game.bimatrix([[dE1 - C1, -C1], [0, 0]], [[20, 0], [-20, 0]],
                         players=["HEI", "Graduate"])


def test_huang_equations_match_the_paper() -> None:
    (x, y), (dx, dy) = replicator_equations(huang_game())
    assert sympy.expand(dx - x * (1 - x) * (50 * y - 25)) == 0
    beta, dC2, dC2p, E2, E2p, C2, C2p = 3, 10, 20, 30, 20, 15, 15
    paper = y * (1 - y) * (x * (beta * dC2 - dC2 + dC2p) - (E2p - E2) + (C2p - C2 - beta * dC2))
    assert sympy.expand(dy - paper) == 0


def test_huang_five_rest_points() -> None:
    """Vertex eigenvalues by hand: (1-2x)(50y-25) and (1-2y)(40x-20).

    (0,0): -25, -20; (1,1): -25, -20; (1,0): 25, 20; (0,1): 25, 20.
    Interior: y* = 25/50, x* = 20/40; J = [[0, x(1-x)50], [y(1-y)40, 0]] = [[0, 25/2], [10, 0]],
    eigenvalues +-sqrt(125) = +-5 sqrt(5).
    """
    points = {p.point: p for p in rest_points(huang_game())}
    half = Fraction(1, 2)
    assert set(points) == {(1, 1), (1, 0), (0, 1), (0, 0), (half, half)}
    assert points[(0, 0)].classification == "asymptotically stable"
    assert points[(1, 1)].classification == "asymptotically stable"
    assert sorted(points[(0, 0)].eigenvalues) == [-25, -20]
    assert sorted(points[(1, 1)].eigenvalues) == [-25, -20]
    assert points[(1, 0)].classification == "unstable"
    assert points[(0, 1)].classification == "unstable"
    assert sorted(points[(1, 0)].eigenvalues) == [20, 25]
    saddle = points[(half, half)]
    assert saddle.classification == "saddle"
    assert set(saddle.eigenvalues) == {5 * sympy.sqrt(5), -5 * sympy.sqrt(5)}
    assert saddle.jacobian == sympy.Matrix([[0, sympy.Rational(25, 2)], [10, 0]])


@pytest.mark.parametrize(
    ("r", "expected"),
    [
        # (1,1) has eigenvalues -(dE1 - C1) = -25(r - 1) and -20
        (Fraction(1, 2), "saddle"),
        (1, "inconclusive"),
        (2, "asymptotically stable"),
        (4, "asymptotically stable"),
        (8, "asymptotically stable"),
    ],
)
def test_huang_r_scenario(r: object, expected: str) -> None:
    g = huang_game(dE1=sympy.Rational(25) * sympy.sympify(r), C1=25)
    top = next(p for p in rest_points(g) if p.point == (1, 1))
    assert top.classification == expected
    assert top.is_stable == (expected == "asymptotically stable")
    assert sorted(top.eigenvalues) == sorted([-25 * (sympy.sympify(r) - 1), sympy.Integer(-20)])


def test_symbolic_vertex_eigenvalues_are_payoff_advantages() -> None:
    """Hand derivation for A = [[a, b], [c, d]], B = [[e, f], [g, h]].

    Player 1's advantage of its first strategy is y(a - c) + (1 - y)(b - d); player 2's
    is x(e - f) + (1 - x)(g - h). At a vertex the Jacobian is diag((1 - 2x) adv1, (1 - 2y) adv2):
    (1,1): (c - a, f - e); (1,0): (d - b, e - f); (0,1): (a - c, h - g); (0,0): (b - d, g - h).
    """
    a, b, c, d, e, f, g, h = sympy.symbols("a b c d e f g h")
    game = Game.bimatrix([["a", "b"], ["c", "d"]], [["e", "f"], ["g", "h"]])
    expected = {
        (1, 1): (c - a, f - e),
        (1, 0): (d - b, e - f),
        (0, 1): (a - c, h - g),
        (0, 0): (b - d, g - h),
    }
    vertices = [p for p in rest_points(game) if p.location == "vertex"]
    assert len(vertices) == 4
    for p in vertices:
        hand = expected[tuple(int(v) for v in p.point)]
        assert p.jacobian == sympy.diag(*hand)
        assert sorted(map(str, p.eigenvalues)) == sorted(map(str, hand))
        assert p.classification == "conditional"
    conditions = stability_conditions(game)
    for profile, hand in [(("1", "1"), (a - c, e - f)), (("2", "2"), (d - b, h - g))]:
        assert {sympy.simplify(r.lhs - r.rhs) for r in conditions[profile]} == set(hand)
    # substituting numbers that satisfy the conditions gives a stable vertex
    values = {"a": 3, "b": 0, "c": 1, "d": 2, "e": 3, "f": 1, "g": 0, "h": 2}
    assert all(bool(r.subs({sympy.Symbol(k): v for k, v in values.items()}))
               for r in conditions[("1", "1")])
    top = rest_points(game.subs(values))[0]
    assert top.profile == (0, 0) and top.is_stable


def test_classify_never_calls_zero_or_imaginary_stable() -> None:
    assert classify([sympy.Integer(0), sympy.Integer(-1)]) == "inconclusive"
    assert classify([sympy.I, -sympy.I]) == "centre"
    assert classify([1e-12, -1.0]) == "inconclusive"
    assert classify([complex(0, 2), complex(0, -2)]) == "centre"
    assert classify([sympy.Integer(1), sympy.Integer(0)]) == "unstable"
    assert classify([-1.0, -2.0]) == "asymptotically stable"


def test_matching_pennies_interior_is_a_centre() -> None:
    """Matching pennies: J at (1/2, 1/2) is [[0, 1], [-1, 0]] (x(1-x)*4 = 1), eigenvalues +-i."""
    mp = Game.zero_sum([[1, -1], [-1, 1]])
    (interior,) = [p for p in rest_points(mp) if p.location == "interior"]
    assert interior.point == (Fraction(1, 2), Fraction(1, 2))
    assert interior.classification == "centre"
    assert set(interior.eigenvalues) == {sympy.I, -sympy.I}
    assert not interior.is_stable


small = st.integers(-3, 3)


@settings(max_examples=25, deadline=None)
@given(st.lists(small, min_size=8, max_size=8))
def test_mixed_rest_points_are_never_stable(entries: list[int]) -> None:
    """Selten (1980): in two-population dynamics only strict equilibria are asymptotically stable.
    """
    game = Game.bimatrix([entries[0:2], entries[2:4]], [entries[4:6], entries[6:8]])
    for p in rest_points(game):
        if p.location == "interior":
            assert not p.is_stable
        else:
            # a vertex is stable exactly when it is a strict Nash equilibrium
            i, j = p.profile  # type: ignore[misc]
            A, B = game.bimatrix_arrays()
            strict = A[i, j] > A[1 - i, j] and B[i, j] > B[i, 1 - j]
            assert p.is_stable == strict


@settings(max_examples=25, deadline=None)
@given(st.lists(st.integers(-5, 5), min_size=24, max_size=24),
       st.lists(st.floats(0, 1), min_size=3, max_size=3))
def test_float_field_matches_symbolic_equations(entries: list[int], state: list[float]) -> None:
    """The fast einsum field and the sympy equations are two independent constructions."""
    game = Game(np.array(entries).reshape(2, 2, 2, 3))
    symbols, rates = replicator_equations(game)
    exact = [float(r.subs(dict(zip(symbols, state)))) for r in rates]
    np.testing.assert_allclose(replicator_field(game)(0.0, np.array(state)), exact, atol=1e-9)


@pytest.mark.parametrize("shape", [(2, 2), (2, 2, 2, 2), (2, 2, 2, 2, 2)])
def test_two_strategy_field_matches_symbolic_equations(shape: tuple[int, ...]) -> None:
    """Both evaluations of the advantage polynomials (term by term for one state, nested
    contraction for a batch), for 2, 4 and 5 populations, against the sympy equations."""
    game = Game(np.random.default_rng(len(shape)).integers(-5, 6, size=(*shape, len(shape))))
    symbols, rates = replicator_equations(game)
    states = np.random.default_rng(0).random((3, len(shape)))
    exact = np.array(
        [[float(r.subs(dict(zip(symbols, state)))) for r in rates] for state in states]
    )
    field = replicator_field(game)
    np.testing.assert_allclose(field(0.0, states[0]), exact[0], atol=1e-12)
    np.testing.assert_allclose(field(0.0, states.T), exact.T, atol=1e-12)


def test_three_strategy_population_field() -> None:
    """Rock-paper-scissors as a 2-population game: at the barycentre every rate is 0, and at
    x = (1/2, 1/2, 0) vs y = (1, 0, 0) player 1's rock share changes by
    x_R (u_R - mean) = 1/2 (0 - 1/2) = -1/4 (u_R = 0, u_P = 1, mean = 1/2)."""
    rps = Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]])
    f = replicator_field(rps)
    np.testing.assert_allclose(f(0.0, np.full(4, 1 / 3)), np.zeros(4), atol=1e-12)
    assert f(0.0, np.array([0.5, 0.5, 1.0, 0.0]))[0] == pytest.approx(-0.25)


def test_symmetric_replicator_with_mutation() -> None:
    """Hawk-Dove V=2, C=4 (A = [[-1, 2], [0, 1]]): at x = (1, 0), Ax = (-1, 0), mean -1,
    so the replicator term is 0 and mutation 0.1 adds 0.1 (1/2 - x) = (-0.05, 0.05)."""
    f = symmetric_replicator([[-1, 2], [0, 1]], mutation=0.1)
    np.testing.assert_allclose(f(0.0, np.array([1.0, 0.0])), [-0.05, 0.05])
    batch = np.array([[0.25, 0.5], [0.75, 0.5]])
    assert f(0.0, batch).shape == (2, 2)


def test_bad_input_is_a_clear_error() -> None:
    g = Game.bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    with pytest.raises(EvolutionError, match="free parameters"):
        replicator_field(g)
    with pytest.raises(EvolutionError, match="2 reduced coordinates"):
        full_shares(g.subs({"a": 1}), [0.5, 0.5, 0.5])
    with pytest.raises(EvolutionError, match="square"):
        symmetric_replicator([[1, 2, 3]])
    with pytest.raises(EvolutionError, match="2 coordinates"):
        jacobian(g, (0,))


def _game_from_advantages(*advantages: object) -> Game:
    """A 2x2x2 game whose population i has payoff advantage ``advantages[i](x1, x2, x3)``
    (first strategy pays the advantage at each pure profile, the second pays 0)."""
    u = np.zeros((2, 2, 2, 3), dtype=object)
    for profile in np.ndindex(2, 2, 2):
        x = [1 - s for s in profile]
        for i, advantage in enumerate(advantages):
            u[profile + (i,)] = advantage(*x) if profile[i] == 0 else 0  # type: ignore[operator]
    return Game(u)


def test_face_rest_point_by_hand() -> None:
    """adv1 = 3 x2 - 1 + x3, adv2 = 2 x1 - 1 - x3, adv3 = x1 - 2 (multilinear, so a game exists).

    Pairs of mixed populations, the third at a vertex:
    - (1, 2), x3 = 0: x2 = 1/3 and x1 = 1/2 -> (1/2, 1/3, 0); x3 = 1: x2 = 0, not inside.
    - (1, 3): adv3 = 0 needs x1 = 2; (2, 3): adv3 does not depend on x2. None.
    Jacobian at (1/2, 1/3, 0), row i = d/dx of x_i (1 - x_i) adv_i:
        [[0, (1/4) 3, (1/4) 1], [(2/9) 2, 0, (2/9)(-1)], [0, 0, (1 - 0)(1/2 - 2)]]
      = [[0, 3/4, 1/4], [4/9, 0, -2/9], [0, 0, -3/2]];
    block triangular: eigenvalues -3/2 and +-sqrt(3/4 * 4/9) = +-sqrt(3)/3: a saddle.
    """
    game = _game_from_advantages(lambda x1, x2, x3: 3 * x2 - 1 + x3,
                                 lambda x1, x2, x3: 2 * x1 - 1 - x3,
                                 lambda x1, x2, x3: x1 - 2)
    x1, x2, x3 = sympy.symbols("x1 x2 x3", real=True)
    _, rates = replicator_equations(game)
    assert sympy.expand(rates[0] - x1 * (1 - x1) * (3 * x2 - 1 + x3)) == 0
    (face,) = [p for p in rest_points(game) if p.location == "face"]
    assert face.point == (Fraction(1, 2), Fraction(1, 3), 0)
    R = sympy.Rational
    assert face.jacobian == sympy.Matrix(
        [[0, R(3, 4), R(1, 4)], [R(4, 9), 0, R(-2, 9)], [0, 0, R(-3, 2)]]
    )
    assert face.eigenvalues == (R(-3, 2), -sympy.sqrt(3) / 3, sympy.sqrt(3) / 3)
    assert face.classification == "saddle" and not face.is_stable
    # the float game finds the same point with numerical eigenvalues
    (float_face,) = [p for p in rest_points(game.as_float()) if p.location == "face"]
    np.testing.assert_allclose(float_face.point, [0.5, 1 / 3, 0.0])
    np.testing.assert_allclose(sorted(np.real(float_face.eigenvalues)), [-1.5, -3**-0.5, 3**-0.5])


def test_face_with_matching_pennies_is_never_stable() -> None:
    """adv1 = 1 - 2 x2, adv2 = 2 x1 - 1 (matching pennies), adv3 = -1 - x1 < 0.

    On both faces x3 = 1 and x3 = 0 the pair rests at (1/2, 1/2): block
    [[0, (1/4)(-2)], [(1/4) 2, 0]] has eigenvalues +-i/2; the third population adds
    (1 - 2 x3)(-3/2): +3/2 on x3 = 1 (unstable), -3/2 on x3 = 0. There the linearisation
    has a zero real part and a negative one: inconclusive, not stable.
    """
    game = _game_from_advantages(lambda x1, x2, x3: 1 - 2 * x2,
                                 lambda x1, x2, x3: 2 * x1 - 1,
                                 lambda x1, x2, x3: -1 - x1)
    faces = {p.point: p for p in rest_points(game) if p.location == "face"}
    half = Fraction(1, 2)
    assert set(faces) == {(half, half, 1), (half, half, 0)}
    top, bottom = faces[(half, half, 1)], faces[(half, half, 0)]
    assert set(top.eigenvalues) == {sympy.I / 2, -sympy.I / 2, sympy.Rational(3, 2)}
    assert top.classification == "unstable"
    assert set(bottom.eigenvalues) == {sympy.I / 2, -sympy.I / 2, sympy.Rational(-3, 2)}
    assert bottom.classification == "inconclusive" and not bottom.is_stable


@settings(max_examples=15, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=24, max_size=24))
def test_face_points_are_rest_points_and_never_stable(entries: list[int]) -> None:
    """Every reported face point zeroes the float field; its exact eigenvalues agree with numpy's
    on a finite-difference Jacobian; none is asymptotically stable (Selten 1980)."""
    game = Game(np.array(entries).reshape(2, 2, 2, 3))
    field = replicator_field(game)
    for p in rest_points(game):
        if p.location != "face":
            continue
        x = np.array([float(c) for c in p.point])
        np.testing.assert_allclose(field(0.0, x), 0.0, atol=1e-12)
        numeric = np.array(
            [(field(0.0, x + 1e-6 * e) - field(0.0, x - 1e-6 * e)) / 2e-6 for e in np.eye(3)]
        ).T
        exact = sorted(complex(sympy.N(v)).real for v in p.eigenvalues)
        np.testing.assert_allclose(sorted(np.linalg.eigvals(numeric).real), exact, atol=1e-5)
        assert not p.is_stable




def test_float_game_slopes_of_rounding_size_give_no_face_point() -> None:
    """Players 1 and 3 indifferent up to rounding (0.1 + 0.2 is 0.30000000000000004) when
    player 2 plays its second strategy: exactly, a whole square of rest points (not
    isolated, not reported); in floats their advantages e (2 x - 1), e = 5.6e-17, cross
    at 1/2, but that crossing is rounding noise, not an isolated face point."""
    u = np.zeros((2, 2, 2, 3))
    noisy = 0.1 + 0.2
    u[0, 1, 0, 0], u[1, 1, 0, 0], u[0, 1, 1, 0], u[1, 1, 1, 0] = noisy, 0.3, 0.3, noisy
    u[0, 1, 0, 2], u[0, 1, 1, 2], u[1, 1, 0, 2], u[1, 1, 1, 2] = noisy, 0.3, 0.3, noisy
    assert not [p.point for p in rest_points(Game(u)) if p.location == "face"]
