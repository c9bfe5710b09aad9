"""Interior rest points of replicator dynamics with three or more two-strategy populations.

With two strategies per population, population i's payoff advantage of its first
strategy, adv_i, does not involve its own share and is multilinear in the others'.
The interior rest points solve adv_i = 0 for all i strictly inside the unit cube; the
Jacobian there is J_ij = x_i (1 - x_i) d adv_i / d x_j with a zero diagonal (trace 0),
so the eigenvalues sum to zero and the point is never asymptotically stable
(Weibull 1995, Thm 5.3; Hofbauer & Sigmund 1998, section 10.5).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import fsolve

from coopgame.evolution._dynamics import replicator_equations, replicator_field
from coopgame.evolution._rest_points import InteriorRestPointWarning, _interior_points, rest_points
from coopgame.game import Game
from coopgame.models import preset

F = Fraction
Advantage = Callable[..., object]


def game_from_advantages(*advantages: Advantage, kind: str = "exact") -> Game:
    """A game of k two-strategy populations whose advantage i is ``advantages[i](others' shares)``.

    Population i gets ``advantages[i]`` evaluated at the others' pure strategies (share 1
    for strategy 0, 0 for strategy 1) when it plays strategy 0 and 0 when it plays
    strategy 1; by multilinearity its advantage at mixed shares is the multilinear
    extension, i.e. the function itself when that is multilinear.
    """
    k = len(advantages)
    u = np.zeros((2,) * k + (k,), dtype=object)
    for profile in itertools.product((0, 1), repeat=k):
        shares = [1 - s for s in profile]
        for i, adv in enumerate(advantages):
            if profile[i] == 0:
                u[profile + (i,)] = F(adv(*(shares[:i] + shares[i + 1:])))  # type: ignore[arg-type]
    game = Game(u).as_exact()
    return Game(np.array(u, dtype=float)) if kind == "float" else game


def chase_game(kind: str = "exact") -> Game:
    """adv1 = y - 1/2, adv2 = z - 1/3, adv3 = x - 1/4: the interior point is (1/4, 1/2, 1/3).

    J_ij = x_i (1 - x_i) d adv_i / d x_j there: J12 = 1/4 * 3/4 = 3/16, J23 = 1/2 * 1/2 = 1/4,
    J31 = 1/3 * 2/3 = 2/9, every other entry 0. det(lambda - J) = lambda^3 - J12 J23 J31
    = lambda^3 - 1/96: the three cube roots of 1/96, one positive real, two complex with
    real part -96^(-1/3)/2 < 0 -> a saddle.
    """
    return game_from_advantages(
        lambda y, z: y - F(1, 2), lambda x, z: z - F(1, 3), lambda x, y: x - F(1, 4), kind=kind
    )


def interior(game: Game) -> list:
    return [p for p in rest_points(game) if p.location == "interior"]


def assert_zeroes_field(game: Game, point: tuple) -> None:
    symbols, rates = replicator_equations(game)
    at = {s: sympy.sympify(c) for s, c in zip(symbols, point)}
    for rate in rates:
        assert sympy.simplify(rate.subs(at)) == 0


def test_chase_game_interior_point_and_jacobian_by_hand() -> None:
    [p] = interior(chase_game())
    assert p.point == (F(1, 4), F(1, 2), F(1, 3))
    assert p.profile is None
    assert p.jacobian == sympy.Matrix([[0, F(3, 16), 0], [0, 0, F(1, 4)], [F(2, 9), 0, 0]])
    assert all(sympy.simplify(ev**3 - sympy.Rational(1, 96)) == 0 for ev in p.eigenvalues)
    real = [complex(ev).real for ev in p.eigenvalues]
    assert real == pytest.approx([-(96 ** (-1 / 3)) / 2] * 2 + [96 ** (-1 / 3)])
    assert p.classification == "saddle" and not p.is_stable
    assert_zeroes_field(chase_game(), p.point)


def test_chase_game_as_floats() -> None:
    [p] = interior(chase_game("float"))
    assert p.point == pytest.approx((0.25, 0.5, 1 / 3), abs=1e-12)
    assert np.asarray(p.jacobian) == pytest.approx(
        np.array([[0, 3 / 16, 0], [0, 0, 1 / 4], [2 / 9, 0, 0]])
    )
    assert sorted(abs(complex(ev)) for ev in p.eigenvalues) == pytest.approx([96 ** (-1 / 3)] * 3)
    assert p.classification == "saddle"


def test_four_population_chase() -> None:
    """adv1 = x2 - 1/2, adv2 = x3 - 1/3, adv3 = x4 - 1/5, adv4 = x1 - 1/4 -> (1/4, 1/2, 1/3, 1/5).

    J is a 4-cycle with product (3/16)(1/4)(2/9)(4/25) = 1/600: eigenvalues the fourth
    roots of 1/600, +-600^(-1/4) and +-i 600^(-1/4): one positive real part and two
    zero ones -> "unstable" (a zero real part rules out "saddle" in `classify`).
    """
    game = game_from_advantages(
        lambda b, c, d: b - F(1, 2), lambda a, c, d: c - F(1, 3),
        lambda a, b, d: d - F(1, 5), lambda a, b, c: a - F(1, 4),
    )
    [p] = interior(game)
    assert p.point == (F(1, 4), F(1, 2), F(1, 3), F(1, 5))
    assert all(sympy.simplify(ev**4 - sympy.Rational(1, 600)) == 0 for ev in p.eigenvalues)
    assert p.classification == "unstable"


def test_irrational_interior_point_stays_exact() -> None:
    """adv1 = y z - 1/2, adv2 = z - x, adv3 = x - y: x = y = z and x^2 = 1/2 -> x = 1/sqrt(2)."""
    game = game_from_advantages(
        lambda y, z: y * z - F(1, 2), lambda x, z: z - x, lambda x, y: x - y
    )
    [p] = interior(game)
    assert all(sympy.simplify(c - 1 / sympy.sqrt(2)) == 0 for c in p.point)
    assert_zeroes_field(game, p.point)
    assert p.classification in ("saddle", "unstable", "centre", "inconclusive")


def test_curve_of_rest_points_is_skipped() -> None:
    """adv1 = y - z, adv2 = z - x, adv3 = x - y vanish on the whole diagonal x = y = z: not
    isolated.
    """
    game = game_from_advantages(lambda y, z: y - z, lambda x, z: z - x, lambda x, y: x - y)
    with pytest.warns(InteriorRestPointWarning, match="not isolated"):
        assert interior(game) == []
    with pytest.warns(InteriorRestPointWarning):
        assert len(rest_points(game)) >= 8  # the vertices are still there


def test_two_interior_points() -> None:
    """adv1 = yz - y/2 - z/2 + 3/16, adv2 = z - x, adv3 = x - y.

    adv3 = adv2 = 0 -> x = y = z = t, then adv1 = t^2 - t + 3/16 = (t - 1/4)(t - 3/4):
    two interior points, (1/4, 1/4, 1/4) and (3/4, 3/4, 3/4), in coordinate order.
    """
    game = game_from_advantages(lambda y, z: y * z - F(1, 2) * y - F(1, 2) * z + F(3, 16),
                                lambda x, z: z - x, lambda x, y: x - y)
    found = interior(game)
    assert [p.point for p in found] == [(F(1, 4),) * 3, (F(3, 4),) * 3]
    for p in found:
        assert_zeroes_field(game, p.point)
        assert not p.is_stable


def test_combined_preset_is_consistent_with_the_field() -> None:
    """The tripartite preset: its advantages are affine here, so the interior system is linear.

    Its unique solution (solved with numpy below, independently of sympy) lies outside the
    cube, so there is no interior rest point; every rest point found zeroes the float field.
    """
    game = preset("combined", model="school_enterprise_government")
    points = rest_points(game)
    assert [p for p in points if p.location == "interior"] == []
    field = replicator_field(game)
    for p in points:
        assert field(0.0, np.array([float(c) for c in p.point])) == pytest.approx(
            np.zeros(3), abs=1e-12
        )
        assert p.location == "vertex" or not p.is_stable
    # advantages at the eight vertices give the affine coefficients: adv_i = c_i + sum_j a_ij x_j
    symbols, rates = replicator_equations(game)
    adv = [sympy.cancel(r / (x * (1 - x))) for r, x in zip(rates, symbols)]
    a = np.array([[float(sympy.diff(f, x)) for x in symbols] for f in adv])
    c = np.array([float(f.subs({x: 0 for x in symbols})) for f in adv])
    solution = np.linalg.solve(a, -c)
    assert not np.all((solution > 0) & (solution < 1))


def _numeric_interior_roots(game: Game) -> list[np.ndarray]:
    """Isolated interior roots of the advantage system found by Newton from a grid of starts."""
    symbols, rates = replicator_equations(game)
    adv = [sympy.cancel(r / (x * (1 - x))) for r, x in zip(rates, symbols)]
    f = sympy.lambdify(symbols, adv)
    jac = sympy.lambdify(symbols, sympy.Matrix(adv).jacobian(symbols))
    roots: list[np.ndarray] = []
    for start in itertools.product((0.1, 0.5, 0.9), repeat=len(symbols)):
        root, _, ok, _ = fsolve(lambda v: f(*v), start, full_output=True)
        if (
            ok != 1
            or np.max(np.abs(f(*root))) > 1e-12
            or not np.all((root > 1e-6) & (root < 1 - 1e-6))
        ):
            continue
        if abs(np.linalg.det(np.array(jac(*root), dtype=float))) < 1e-6:
            continue  # singular: on a curve of rest points or a multiple root
        if not any(np.allclose(root, r, atol=1e-8) for r in roots):
            roots.append(root)
    return roots


coefficient = st.integers(-3, 3)


@settings(max_examples=20, deadline=None)
@given(st.lists(coefficient, min_size=24, max_size=24))
def test_random_games_interior_points_zero_the_field_and_are_never_stable(
    values: list[int],
) -> None:
    u = np.zeros((2, 2, 2, 3), dtype=object)
    for n, (profile, i) in enumerate(
        itertools.product(itertools.product((0, 1), repeat=3), range(3))
    ):
        u[profile + (i,)] = values[n]
    game = Game(u).as_exact()
    found = interior(game)
    for p in found:
        assert all(0 < c < 1 for c in (sympy.sympify(c) for c in p.point))
        assert_zeroes_field(game, p.point)
        assert p.classification != "asymptotically stable" and not p.is_stable
        assert sympy.simplify(p.jacobian.trace()) == 0
    # every isolated interior root Newton finds is among the exact ones
    exact = [np.array([float(c) for c in p.point]) for p in found]
    for root in _numeric_interior_roots(game):
        assert any(np.allclose(root, e, atol=1e-7) for e in exact)
    # the same game with float payoffs: the same points, in floats
    floats = interior(Game(np.array(u, dtype=float)))
    assert len(floats) == len(exact)
    for p, e in zip(floats, exact):
        assert np.array(p.point) == pytest.approx(e, abs=1e-12)
        assert not p.is_stable


def test_solve_is_time_boxed_and_leaves_a_callers_timer_alone() -> None:
    import signal

    with pytest.warns(InteriorRestPointWarning, match="took over"):
        assert _interior_points(chase_game(), max_seconds=1e-6) == []  # expires inside the solve
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0
    previous = signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100.0)
        assert [p.point for p in interior(chase_game())] == [(F(1, 4), F(1, 2), F(1, 3))]
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 90
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_the_analyze_section_reports_a_skipped_search_as_a_note() -> None:
    """The diagonal game above has a curve of interior rest points: the report says so."""
    import warnings

    from coopgame.analyses.evolution import EvolutionOptions, compute

    game = game_from_advantages(lambda y, z: y - z, lambda x, z: z - x, lambda x, y: x - y)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing escapes as a Python warning
        result = compute(game, EvolutionOptions(starts=0))
    assert (
        result.to_dict()["notes"]
        == list(result.notes)
        == [
            "interior rest points not enumerated: the rest points form a curve or "
            "surface (not isolated)"
        ]
    )
