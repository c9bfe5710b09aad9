"""Bargaining solutions, Rubinstein's game and the bridge to the school-enterprise model.

Every expected value is derived by hand in the test's docstring or is a published formula.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.analyses.bargaining import BargainingOptions, compute
from coopgame.bargaining import (
    BargainingError,
    bargaining_solution,
    game_bargaining,
    nash_bargaining_frontier,
    rubinstein,
    rubinstein_from_rates,
    rubinstein_limit,
    split_surplus,
)
from coopgame.equilibria import is_nash
from coopgame.game import Game
from coopgame.models import (
    bargained_sharing,
    preset_parameters,
    school_enterprise_game,
    self_enforcing_subsidy,
    sharing_range,
)


# ------------------------------------------------------------------ Rubinstein
def test_rubinstein_published_example() -> None:
    """Rubinstein (1982): first proposer gets (1-d2)/(1-d1 d2); (0.9, 0.8): 0.2/0.28 = 5/7."""
    assert rubinstein("0.9", "0.8") == (Fraction(5, 7), Fraction(2, 7))
    share = rubinstein(0.9, 0.8)[0]
    assert isinstance(share, float) and share == pytest.approx(5 / 7, abs=1e-12)


def test_rubinstein_symbolic_formula_and_equal_discount() -> None:
    """The closed form in sympy; with d1 = d2 = d it is (1-d)/(1-d^2) = 1/(1+d)."""
    d1, d2, d = sympy.symbols("d1 d2 d")
    first, second = rubinstein(d1, d2)
    assert sympy.simplify(first - (1 - d2) / (1 - d1 * d2)) == 0
    assert sympy.simplify(first + second - 1) == 0
    assert sympy.simplify(rubinstein(d, d)[0] - 1 / (1 + d)) == 0
    assert rubinstein(Fraction(1, 2), Fraction(1, 2))[0] == Fraction(2, 3)


def test_rubinstein_second_proposer_swaps_roles() -> None:
    """If player 2 proposes first it gets (1-d1)/(1-d1 d2): with (9/10, 8/10) that is 0.1/0.28 =
    5/14.
    """
    assert rubinstein("0.9", "0.8", first=2) == (Fraction(9, 14), Fraction(5, 14))


def test_rubinstein_breakdown_risk() -> None:
    """Breakdown with probability p after a rejection (payoffs 0) acts as discount d(1-p):
    d = 9/10, p = 1/10 gives effective 81/100 and the share 1/(1 + 81/100) = 100/181."""
    assert rubinstein("0.9", "0.9", breakdown="0.1")[0] == Fraction(100, 181)


def test_rubinstein_outside_options() -> None:
    """Outside-option principle (Muthoo 1999, ch. 5), d1 = d2 = 9/10, Rubinstein share 10/19:
    - w2 = 1/2 > 9/19 binds: player 1 offers exactly 1/2, keeps 1/2;
    - w1 = 1/2 > 9/10 * 10/19 binds: player 2 offers 1/2, so x1 = 1 - 9/10 * (1 - 1/2) = 11/20;
    - small options (1/10, 1/10) do not bind: 10/19."""
    d = Fraction(9, 10)
    assert rubinstein(d, d, outside_options=(0, "1/2"))[0] == Fraction(1, 2)
    assert rubinstein(d, d, outside_options=("1/2", 0))[0] == Fraction(11, 20)
    assert rubinstein(d, d, outside_options=("1/10", "1/10"))[0] == Fraction(10, 19)
    with pytest.raises(BargainingError, match="outside options"):
        rubinstein(d, d, outside_options=("1/2", "1/2"))


@pytest.mark.parametrize("bad", [1, -0.1, "3/2"])
def test_rubinstein_rejects_bad_discount(bad: object) -> None:
    with pytest.raises(BargainingError, match="delta_1 must lie in"):
        rubinstein(bad, "1/2")


def test_rubinstein_limit_is_weighted_nash() -> None:
    """Binmore-Rubinstein-Wolinsky (1986): d_i = exp(-r_i D), D -> 0 gives r2/(r1+r2) = the Nash
    solution with weights 1/r_i. Checked by sympy's limit, numerically, and against split_surplus.
    """
    r1, r2, step = sympy.symbols("r1 r2 D", positive=True)
    first, _ = rubinstein_from_rates(r1, r2, step)
    assert sympy.simplify(sympy.limit(first, step, 0) - r2 / (r1 + r2)) == 0
    limit = rubinstein_limit(1, 3)
    assert limit.point == (Fraction(3, 4), Fraction(1, 4))
    assert limit.point == split_surplus(1, (0, 0), weights=(1, Fraction(1, 3))).point
    assert rubinstein_from_rates(1, 3, 1e-7)[0] == pytest.approx(0.75, abs=1e-6)
    assert rubinstein_from_rates(1, 3, 1e-7, first=2)[0] == pytest.approx(0.75, abs=1e-6)


@settings(max_examples=60, deadline=None)
@given(st.fractions(Fraction(0), Fraction(99, 100)), st.fractions(Fraction(0), Fraction(99, 100)))
def test_rubinstein_is_an_equilibrium_of_the_recursion(d1: Fraction, d2: Fraction) -> None:
    """Property: the responder is indifferent, 1 - x1 = d2 * (1 - y1) with y1 = d1 * x1."""
    x1, x2 = rubinstein(d1, d2)
    assert x1 + x2 == 1
    assert 1 - x1 == d2 * (1 - d1 * x1)


# ------------------------------------------------------------------ axiomatic solutions
def test_nash_on_a_surplus() -> None:
    """x_i = d_i + (V - d1 - d2)/2; with weights x_i = d_i + w_i/(w1+w2) (V - d1 - d2):
    V = 100, d = (20, 10): (55, 45); weights (2, 1): (20 + 140/3, 10 + 70/3)."""
    assert split_surplus(100, (20, 10)).point == (55, 45)
    assert split_surplus(100, (20, 10), weights=(2, 1)).point == (
        Fraction(200, 3),
        Fraction(100, 3),
    )
    V, d1, d2, w1, w2 = sympy.symbols("V d1 d2 w1 w2", positive=True)
    x1 = split_surplus(V, (d1, d2), weights=(w1, w2)).point[0]
    assert sympy.simplify(x1 - (d1 + w1 / (w1 + w2) * (V - d1 - d2))) == 0


def test_nash_on_a_nonlinear_frontier_matches_the_calculus() -> None:
    """Frontier x2 = 1 - x1^2, d = 0. Equal weights: max x(1-x^2) at 1 - 3x^2 = 0, x = 1/sqrt(3).
    Weights (2, 1): 2/x = 2x/(1-x^2), x = 1/sqrt(2)."""
    f = lambda x: 1 - x * x  # noqa: E731
    assert nash_bargaining_frontier(f, 1.0).point[0] == pytest.approx(1 / math.sqrt(3), abs=1e-9)
    assert nash_bargaining_frontier(f, 1.0, weights=(2, 1)).point[0] == pytest.approx(
        1 / math.sqrt(2), abs=1e-9
    )
    # the exact polygon solver on a fine sampling of the same frontier converges to it
    points = [(Fraction(k, 400), 1 - Fraction(k, 400) ** 2) for k in range(401)] + [(0, 0)]
    polygon = bargaining_solution(points, (0, 0)).point
    assert float(polygon[0]) == pytest.approx(1 / math.sqrt(3), abs=1e-3)


def test_rules_on_a_kinked_frontier() -> None:
    """Feasible set conv{(0,0), (4,0), (3,2), (0,3)}, d = 0 (edges x2 = 8 - 2 x1 and x2 = 3 - x1/3).
    Nash: on edge (4,0)-(3,2) maximise x(8-2x): x = 2 is off the edge, so the vertex (3,2) (product
    6) beats the upper edge's optimum x = 9/2 (off it too); KS: ideal (4,3), ray (4t, 3t) meets x2 =
    3 - x1/3 at t = 9/13; egalitarian: x = 3 - x/3, x = 9/4; utilitarian: max sum at (3, 2)."""
    pts = [(0, 0), (4, 0), (3, 2), (0, 3)]
    assert bargaining_solution(pts, (0, 0)).point == (3, 2)
    assert bargaining_solution(pts, (0, 0), "kalai_smorodinsky").point == (
        Fraction(36, 13),
        Fraction(27, 13),
    )
    assert bargaining_solution(pts, (0, 0), "egalitarian").point == (Fraction(9, 4), Fraction(9, 4))
    assert bargaining_solution(pts, (0, 0), "utilitarian").point == (3, 2)


def test_game_feasible_set_and_disagreement_choices() -> None:
    """Prisoner's Dilemma (3,3),(0,5),(5,0),(1,1). From the defection equilibrium (1,1) the
    symmetric Nash point is (3,3); weights (3,1) on edge (5,0)-(3,3) (x2 = (15 - 3 x1)/2): maximise
    (x-1)^3 (13 - 3x)/2, so 13 - 3x = x - 1, x = 7/2, x2 = 9/4. Minmax values are also (1, 1)."""
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    assert game_bargaining(pd).point == (3, 3)
    assert game_bargaining(pd, weights=(3, 1)).point == (Fraction(7, 2), Fraction(9, 4))
    assert game_bargaining(pd, disagreement="minmax").disagreement == (1, 1)
    assert game_bargaining(pd, disagreement=("D", "D")).point == (3, 3)
    assert game_bargaining(pd.as_float()).point == pytest.approx((3.0, 3.0), abs=1e-12)


def test_school_enterprise_baseline_game() -> None:
    """Baseline preset payoffs (C,C) = (-3, 23), (C,S) = (-15, 25), (S,C) = (5, -25), (S,S) = (0,
    -5); the stage equilibrium (S,S) is the disagreement point. Above d the hull is the triangle (0,
    -5), (0, 5), (5/3, -5) (edge from (-3, 23) to (5, -25) is x2 = 5 - 6 x1). Nash: max x1 (x2 + 5)
    = x1 (10 - 6 x1) at x1 = 5/6, x2 = 0. Egalitarian: x1 = x2 + 5 on the edge, x1 = 10/7. KS: ideal
    (5/3, 5), gains proportional to (5/3, 10): x1 = 5/3 t, x2 + 5 = 10 t with 10t - 5 = 5 - 10t, t =
    1/2: (5/6, 0). Utilitarian: max x1 + x2 = 5 - 5 x1 at (0, 5)."""
    from coopgame.models import preset

    g = preset("baseline")
    assert game_bargaining(g).point == (Fraction(5, 6), 0)
    assert game_bargaining(g, "egalitarian").point == (Fraction(10, 7), Fraction(-25, 7))
    assert game_bargaining(g, "kalai_smorodinsky").point == (Fraction(5, 6), 0)
    assert game_bargaining(g, "utilitarian").point == (0, 5)


def test_degenerate_problem_returns_the_efficient_point() -> None:
    """d = (1, 1) is the best point of conv{(0, 0), (1, 1)}: nothing to gain; the rule returns d."""
    sol = bargaining_solution([(0, 0), (1, 1)], (1, 1), "kalai_smorodinsky")
    assert sol.point == (1, 1) and "degenerate" in sol.notes[0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=3, max_size=6))
def test_nash_point_is_optimal_against_all_vertices(points: list[tuple[int, int]]) -> None:
    """Property: no hull point above d has a larger Nash product (a vertex check and midpoints)."""
    d = (-4, -4)
    sol = bargaining_solution(points, d)
    best = (sol.point[0] - d[0]) * (sol.point[1] - d[1])
    for p in points:
        for q in points:
            mid = (Fraction(p[0] + q[0], 2), Fraction(p[1] + q[1], 2))
            assert (mid[0] - d[0]) * (mid[1] - d[1]) <= best


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=2, max_size=6),
       st.integers(1, 3), st.integers(1, 3))
def test_nash_point_beats_a_grid_of_the_hull(
    points: list[tuple[int, int]], w1: int, w2: int
) -> None:
    """Property, with d a feasible point (often on the boundary): the weighted Nash product at the
    solution is at least that of every point on a grid of segments between the given points."""
    d = points[0]
    sol = bargaining_solution(points, d, weights=(w1, w2))
    gains = sol.gains
    assert gains[0] >= 0 and gains[1] >= 0
    best = gains[0] ** w1 * gains[1] ** w2
    for p in points:
        for q in points:
            for k in range(11):
                t = Fraction(k, 10)
                g = (p[0] + t * (q[0] - p[0]) - d[0], p[1] + t * (q[1] - p[1]) - d[1])
                if g[0] >= 0 and g[1] >= 0:
                    assert g[0] ** w1 * g[1] ** w2 <= best


def test_bad_input() -> None:
    with pytest.raises(BargainingError, match="weights must be positive"):
        split_surplus(10, (0, 0), weights=(0, 1))
    with pytest.raises(BargainingError, match="outside the feasible set"):
        split_surplus(10, (6, 5))
    with pytest.raises(BargainingError, match="outside the feasible set"):
        bargaining_solution([(0, 0), (1, 0), (0, 1)], (2, 2))
    with pytest.raises(BargainingError, match="unknown bargaining rule"):
        bargaining_solution([(0, 0), (1, 1)], (0, 0), "fair")  # type: ignore[arg-type]
    with pytest.raises(BargainingError, match="two players"):
        game_bargaining(Game([[[[1, 1, 1]]]]))


# ------------------------------------------------------------------ bridge to the model
def test_bargained_sharing_in_the_baseline() -> None:
    """Baseline: (C,C) = (60a - 15, 35 - 60a), total T = 20; status quo (S,S) = (0, -5).
    Nash: School gets 0 + (20 + 5)/2 = 25/2 = 60a - 15, so a = 55/120 = 11/24.
    Weights (1, 3): School gets 25/4, so a = (25/4 + 15)/60 = 17/48."""
    assert bargained_sharing() == Fraction(11, 24)
    assert bargained_sharing(weights=(1, 3)) == Fraction(17, 48)
    assert sharing_range() is None  # School needs a >= 1/3, Enterprise a <= 1/6


def test_bargained_sharing_formula() -> None:
    """Symbolically, (C,C) = (a p R - C_s + r S_s, (1-a) p R - C_e + r S_e + r tau C_e), status quo
    (0, -m); equal weights give a p R - C_s + r S_s = (pR - C_s - C_e(1 - r tau) + r(S_s + S_e) +
    m)/2, a* = 1/2 + (C_s - C_e (1 - r tau) + m + r (S_e - S_s)) / (2 p R)."""
    from coopgame.models import PARAMETERS

    free = [name for name in PARAMETERS if name != "a"]
    R, p, C_s, C_e, m, r, tau, S_s, S_e = sympy.symbols("R p C_s C_e m r tau S_s S_e")
    expected = sympy.Rational(1, 2) + (C_s - C_e * (1 - r * tau) + m + r * (S_e - S_s)) / (
        2 * p * R
    )
    assert sympy.simplify(bargained_sharing(free=free) - expected) == 0


def test_self_enforcing_subsidy_with_contract_penalty() -> None:
    """With F = 14: School needs 60a - 15 >= 5 - 14 (a >= 1/10), Enterprise 35 - 60a >= 30 - 5 - 14
    (a <= 2/5). a* = 11/24 > 2/5: not self-enforcing. A subsidy S_e (reach 3/10) raises the total to
    20 + 3S/10, the Enterprise's bargained payoff is (15 + 3S/10)/2 >= 11, so S_e >= 70/3."""
    answer = self_enforcing_subsidy({"F": 14})
    assert answer.sharing_range == (Fraction(1, 10), Fraction(2, 5))
    assert answer.sharing == Fraction(11, 24) and answer.self_enforcing is False
    s_e = answer.subsidies["S_e"]
    assert s_e.value == Fraction(70, 3) and str(s_e.formula) == "S_e >= 70/3"
    report = answer.to_dict()
    assert report["range"] == ["1/10", "2/5"] and report["sharing"] == "11/24"
    assert report["subsidies"]["S_e"]["value"] == "70/3"
    assert report["subsidies"]["S_e"]["formula"] == "S_e >= 70/3"
    # independent check: at S_e = 70/3 the bargained a* = 11/24 + S_e/400 = 31/60 makes (C, C) a
    # Nash equilibrium, and just below it does not
    assert (
        s_e.sharing_at_value == Fraction(31, 60)
        and report["subsidies"]["S_e"]["sharing_at_value"] == "31/60"
    )
    base = {**preset_parameters("baseline"), "F": 14}
    at = school_enterprise_game(**{**base, "S_e": Fraction(70, 3), "a": Fraction(31, 60)})
    assert is_nash(at, [[1, 0], [1, 0]])
    below = Fraction(23)
    assert not is_nash(
        school_enterprise_game(**{**base, "S_e": below, "a": Fraction(11, 24) + below / 400}),
        [[1, 0], [1, 0]],
    )
    inside = self_enforcing_subsidy({"F": 14}, weights=(1, 3))  # a* = 17/48 lies in [1/10, 2/5]
    assert inside.self_enforcing is True and inside.cheapest is None and not inside.subsidies


def test_bargaining_section_is_json_ready() -> None:
    import json

    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    options = BargainingOptions(rubinstein=(Fraction(9, 10), Fraction(8, 10)), model={"F": 14})
    result = compute(pd, options)
    assert result.rubinstein == (
        (Fraction(9, 10), Fraction(8, 10)),
        (Fraction(5, 7), Fraction(2, 7)),
    )
    assert result.bridge is not None and result.bridge.subsidies["S_e"].value == Fraction(70, 3)
    section = result.to_dict()
    assert section["rubinstein"]["shares"] == ["5/7", "2/7"]
    assert section["solutions"]["egalitarian"]["point"] == ["3", "3"]
    assert section["bridge"]["subsidies"]["S_e"]["value"] == "70/3"
    json.dumps(section)


# ------------------------------------------------------------- the threat point (issue 11, item 12)
def test_interest_guarantee_bargains_from_the_threat_point() -> None:
    """interest_guarantee (a = 3/8, F = 14, p*R = 60): (C,C) = (22.5 - 15, 37.5 - 25) = (15/2,
    25/2), (C,S) = (-15 + 14, 30 - 5 - 14) = (-1, 11), (S,C) = (5 - 14, -25 + 14) = (-9, -11), (S,S)
    = (0, -5). Stage equilibrium 0 is (C,C) itself, which left nothing to bargain over
    ("degenerate").

    Threat point = security levels. School, mixing Cooperate with probability x: against C it gets
    15/2 x - 9 (1 - x) = 33/2 x - 9, against S it gets -x; equal at 35/2 x = 9, x = 18/35, value
    -18/35 (above its pure maxmin -1). Enterprise: Shirk gives min(11, -5) = -5, Cooperate min(25/2,
    -11) = -11, and any mix y gives against S -11 y - 5 (1 - y) <= -5: value -5. So d = (-18/35,
    -5).

    (C,C) = (15/2, 25/2) is the ideal point (the best feasible payoff of each side) and beats d in
    both coordinates, so Nash, Kalai-Smorodinsky and utilitarian (the largest total, 20) all pick
    it. The equal-gains ray from d meets the hull edge (0, -5)-(15/2, 25/2) (x2 = 7/3 x1 - 5) where
    x2 - x1 = -5 + 18/35, i.e. at (27/70, -41/10): dominated by (C,C); the lexicographic extension
    raises the smaller gain to its maximum 15/2 + 18/35 (School at 15/2) and then the Enterprise's
    to 25/2, so the egalitarian rule also gives (15/2, 25/2)."""
    from coopgame.models import preset

    game = preset("interest_guarantee")
    for rule in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        solution = game_bargaining(game, rule)
        assert solution.disagreement == (Fraction(-18, 35), -5), rule
        assert solution.point == (Fraction(15, 2), Fraction(25, 2)), rule
        assert not any("degenerate" in note for note in solution.notes), rule
        assert "security levels" in solution.notes[0]
    assert "(27/70, -41/10)" in game_bargaining(game, "egalitarian").notes[1]
    # the old choice is still there when asked for, and says why it is uninformative
    old = game_bargaining(game, disagreement="nash")
    assert old.disagreement == (Fraction(15, 2), Fraction(25, 2)) and "degenerate" in old.notes[1]


def test_policy_support_threat_point_and_nash_point() -> None:
    """policy_support (S_s = 5, S_e = 10, tau = 1/2, r = 4/5): (C,C) = (12 - 15 + 4, 48 - 25 + 8 +
    10) = (1, 41), (C,S) = (-11, 25), (S,C) = (5, -7), (S,S) = (0, -5). Shirk dominates for the
    School (5 > 1, 0 > -11): its security level is 0; the Enterprise's is -5 (Shirk; any weight y on
    Cooperate gives -5 - 2y against Shirk). d = (0, -5). Above d the frontier with x1 >= 1 is the
    edge (1, 41)-(5, -7), x2 = 53 - 12 x1: maximise x1 (x2 + 5) = x1 (58 - 12 x1) at x1 = 29/12, x2
    = 24 (product 841/12; on the other edge (-11, 25)-(1, 41) it is at most 1 * 46)."""
    from coopgame.models import preset

    solution = game_bargaining(preset("policy_support"))
    assert solution.disagreement == (0, -5)
    assert solution.point == (Fraction(29, 12), 24)


def test_threat_point_of_a_game_with_a_mixed_security_strategy_float() -> None:
    """Matching pennies (+1/-1): each side guarantees 0 only by mixing 1/2-1/2; the hull is the
    segment from (1, -1) to (-1, 1), whose every point sums to 0: d = (0, 0) is efficient
    (degenerate). Floats give the same threat point."""
    mp = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert game_bargaining(mp).disagreement == (0, 0)
    assert game_bargaining(mp.as_float()).disagreement == pytest.approx((0.0, 0.0), abs=1e-12)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(-3, 3), st.integers(-3, 3)), min_size=2, max_size=6),
       st.sampled_from(["egalitarian", "kalai_smorodinsky"]))
def test_ray_rules_stay_efficient_and_maximise_the_smaller_scaled_gain(
    points: list[tuple[int, int]], rule: str
) -> None:
    """Property, d = (-4, -4) below every point: the egalitarian and Kalai-Smorodinsky points are
    not Pareto-dominated by any given point (the hull's vertices are among them), and no given point
    has a larger smaller gain (scaled by the direction ideal - d for Kalai-Smorodinsky): the first,
    maxmin step of the lexicographic extension (Imai 1983)."""
    d = (-4, -4)
    solution = bargaining_solution(points, d, rule)  # type: ignore[arg-type]
    x = solution.point
    assert not any(p[0] >= x[0] and p[1] >= x[1] and p != x for p in points)
    if rule == "egalitarian":
        u = (1, 1)
    else:
        u = (max(p[0] for p in points) - d[0], max(p[1] for p in points) - d[1])

    def smaller(p: tuple[object, object]) -> Fraction:
        return min(Fraction(p[k] - d[k], u[k]) for k in (0, 1))  # type: ignore[operator]

    assert all(smaller(p) <= smaller(x) for p in points)
