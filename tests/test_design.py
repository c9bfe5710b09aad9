"""Tests of coopgame.design against hand derivations (written in each docstring)."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame.design import DesignError, cheapest_policy, comparative_statics, region, threshold
from coopgame.equilibria import is_nash

CN = [["C", "N"], ["C", "N"]]
R, a, C_s, B_s, C_e, B_e, S_e = sp.symbols("R a C_s B_s C_e B_e S_e")
SCHOOL = [["a*R - C_s", "-C_s"], ["B_s", 0]]
FIRM_BASE = [["(1-a)*R - C_e", "B_e"], ["-C_e", 0]]   # rows: School C, N; columns: Enterprise C, N
FIRM_SUBSIDISED = [["(1-a)*R - C_e + S_e", "B_e"], ["-C_e + S_e", 0]]


def _issue_game_direct() -> Game:
    """The acceptance game of issue #3 with the subsidy written into the payoffs.

    School (row): (C,C) = aR - C_s, (C,N) = -C_s, (N,C) = B_s, (N,N) = 0.
    Enterprise (column), symmetric: (C,C) = (1-a)R - C_e, (N,C) = -C_e, (C,N) = B_e,
    (N,N) = 0, plus S_e whenever the Enterprise cooperates.
    """
    return Game.bimatrix(SCHOOL, FIRM_SUBSIDISED, players=["School", "Enterprise"], strategies=CN)


def _issue_game_with_policy() -> Game:
    policy = pytest.importorskip("coopgame.policy")
    base = Game.bimatrix(SCHOOL, FIRM_BASE, players=["School", "Enterprise"], strategies=CN)
    return policy.Policy(
        [policy.Subsidy(to="Enterprise", amount="S_e", when={"Enterprise": "C"})]
    ).apply(base)


HAND = {"R": 10, "a": "1/2", "C_s": 1, "B_s": 2, "C_e": 4, "B_e": 3}


@pytest.mark.parametrize("build", [_issue_game_direct, _issue_game_with_policy])
def test_issue_threshold_symbolic(build) -> None:
    """Enterprise at (C,C): (1-a)R - C_e + S_e >= B_e  <=>  S_e >= C_e + B_e - (1-a)R.

    The School's own condition aR - C_s >= B_s does not involve S_e: it stays a side condition.
    """
    t = threshold(build(), "S_e", ("C", "C"))
    assert t.exact and t.status == "reachable"
    relations = t.formula.args if isinstance(t.formula, sp.And) else (t.formula,)
    bound = C_e + B_e - (1 - a) * R
    assert any(isinstance(r, sp.GreaterThan) and r.lhs == S_e and sp.simplify(r.rhs - bound) == 0
               for r in relations)
    assert any(S_e not in r.free_symbols and sp.simplify(r.lhs - r.rhs - (a * R - C_s - B_s)) == 0
               for r in relations)
    assert sp.simplify(t.value - sp.Max(0, bound)) == 0


@pytest.mark.parametrize("build", [_issue_game_direct, _issue_game_with_policy])
def test_issue_threshold_by_hand(build) -> None:
    """R=10, a=1/2, C_e=4, B_e=3: S_e >= 4 + 3 - 5 = 2. School: 5 - 1 = 4 >= B_s = 2 holds."""
    t = threshold(build(), "S_e", ("C", "C"), values=HAND)
    assert (t.status, t.value, t.exact) == ("reachable", Fraction(2), True)
    assert t.interval == (Fraction(2), sp.oo)
    assert t.to_dict() == {"parameter": "S_e", "target": ["C", "C"], "condition": "nash",
                           "value": "2", "formula": "S_e >= 2"}
    # an independent check: (C,C) is a Nash equilibrium exactly from 2 on
    game = build()
    at = {**HAND}
    assert is_nash(game.subs({**at, "S_e": 2}), ((1, 0), (1, 0)))
    assert not is_nash(game.subs({**at, "S_e": Fraction(199, 100)}), ((1, 0), (1, 0)))


def test_issue_threshold_strict_and_dominant_by_hand() -> None:
    """Strict: S_e > 2 (infimum 2). Dominant for the Enterprise: C beats N against C (S_e > 2) and
    against N (-C_e + S_e > 0, S_e > 4); the School's C must dominate too: against N it gets
    -C_s = -1 < 0, so 'dominant' is unreachable whatever S_e."""
    game = _issue_game_direct()
    strict = threshold(game, "S_e", ("C", "C"), "strict", values=HAND)
    assert (strict.status, strict.value) == ("reachable", Fraction(2))
    assert isinstance(strict.formula, sp.StrictGreaterThan)
    assert threshold(game, "S_e", ("C", "C"), "dominant", values=HAND).status == "unreachable"
    # with a school that cooperates regardless (B_s negative, C_s negative: a reward for joining)
    eager = {**HAND, "C_s": -1, "B_s": -2}
    dominant = threshold(game, "S_e", ("C", "C"), "dominant", values=eager)
    assert (dominant.status, dominant.value) == ("reachable", Fraction(4))


def test_holds_at_zero() -> None:
    """C_e + B_e = 1 + 2 = 3 < (1-a)R = 5: the Enterprise cooperates without any subsidy."""
    t = threshold(_issue_game_direct(), "S_e", ("C", "C"), values={**HAND, "C_e": 1, "B_e": 2})
    assert (t.status, t.value) == ("holds_at_zero", Fraction(0))
    assert t.interval == (Fraction(-2), sp.oo)


def test_unreachable_when_school_fails() -> None:
    """B_s = 6 > aR - C_s = 4: the School defects and a subsidy to the Enterprise cannot change it.
    """
    t = threshold(_issue_game_direct(), "S_e", ("C", "C"), values={**HAND, "B_s": 6})
    assert (t.status, t.value) == ("unreachable", None)


def test_unreachable_by_upper_bound() -> None:
    """Threshold 2 but the budget caps the subsidy at 3/2: unreachable; at 2 exactly: reachable."""
    game = _issue_game_direct()
    assert threshold(game, "S_e", ("C", "C"), values=HAND, upper="3/2").status == "unreachable"
    assert threshold(game, "S_e", ("C", "C"), values=HAND, upper=2).value == 2


def test_negative_coefficient_gives_upper_bound() -> None:
    """Column payoff at (C,C) is 5 - x vs 1 at (C,N): holds for x <= 4, so from 0 already; with
    lower = 5 it is unreachable."""
    g = Game.bimatrix([[1, 0], [0, 0]], [["5 - x", 1], [0, 0]], strategies=CN)
    assert threshold(g, "x", ("C", "C")).status == "holds_at_zero"
    assert threshold(g, "x", ("C", "C")).interval == (-sp.oo, Fraction(4))
    assert threshold(g, "x", ("C", "C"), lower=5).status == "unreachable"


def test_always_when_parameter_irrelevant() -> None:
    """(C,C) of a coordination game is an equilibrium whatever x, which only enters (N,N)."""
    g = Game.bimatrix([[2, 0], [0, "x"]], [[2, 0], [0, 1]], strategies=CN)
    assert threshold(g, "x", ("C", "C")).status == "always"


def test_nonlinear_threshold_numeric() -> None:
    """Column payoff at (C,C) is x**2 vs 4 at (C,N): holds for x >= 2 (x >= 0)."""
    g = Game.bimatrix([[1, 0], [0, 0]], [["x**2", 4], [0, 0]], strategies=CN)
    t = threshold(g, "x", ("C", "C"))
    assert t.status == "reachable" and not t.exact
    assert abs(t.value - 2.0) < 1e-9


def test_unique_threshold() -> None:
    """Stag hunt with a bonus x for the column player's Stag: rows (S,H) = (4, 0 | 3, 3) for the
    row; column gets 4 + x / 3 at (S,S)/(H,S)... column payoffs: (S,S) = 4, (S,H) = 3, (H,S) = x,
    (H,H) = 3. For x < 3 the column's Stag is not dominant and (H,H) is also an equilibrium; for x >
    3 Stag strictly dominates for the column, and then the row's best reply is Stag: unique (S,S).
    At x = 3 exactly the column is indifferent against H, so (H,H) stays an equilibrium."""
    g = Game.bimatrix([[4, 0], [3, 3]], [[4, 3], ["x", 3]], strategies=[["S", "H"]] * 2)
    t = threshold(g, "x", ("S", "S"), "unique")
    assert (t.status, t.value) == ("reachable", Fraction(3))


def test_bad_inputs() -> None:
    g = _issue_game_direct()
    with pytest.raises(DesignError, match="condition"):
        threshold(g, "S_e", ("C", "C"), "weak")
    with pytest.raises(DesignError, match="target"):
        threshold(g, "S_e", ("C", "X"))
    with pytest.raises(DesignError, match="S_e"):
        threshold(g, "S_e", ("C", "C"), values={"S_e": 1})


def test_region_both_sides() -> None:
    """Subsidy S and penalty P: column at (C,C) gets S - 1, deviating gets 2 - P: S + P >= 3.
    Row: 2 >= 1 always."""
    g = Game.bimatrix([[2, 0], [1, 0]], [["S - 1", "2 - P"], [0, 0]], strategies=CN)
    r = region(g, ("S", "P"), ("C", "C"))
    assert r.contains((1, 2)) and r.contains((3, 0)) and r.contains(("3/2", "3/2"))
    assert not r.contains((1, "199/100")) and not r.contains((0, 0))
    assert not region(g, ("S", "P"), ("C", "C"), "strict").contains((1, 2))


def test_cheapest_policy_hand_solved() -> None:
    """Subsidy s (cost 1 per unit) to the Enterprise and penalty p on its defection (cost 1/2:
    supervision). Enterprise at (C,C): 1 + s >= 4 - p, i.e. s + p >= 3; School: fine. Minimise s +
    p/2 with s, p >= 0: the LP vertex p = 3, s = 0, cost 3/2. With budget 1 it is infeasible."""
    g = Game.bimatrix([[2, 0], [1, 0]], [["1 + s", "4 - p"], [0, 0]], strategies=CN)
    mix = cheapest_policy(g, {"s": 1, "p": "1/2"}, ("C", "C"))
    assert (mix.status, mix.levels, mix.cost, mix.exact) == (
        "optimal", {"s": Fraction(0), "p": Fraction(3)}, Fraction(3, 2), True)
    assert cheapest_policy(g, {"s": 1, "p": "1/2"}, ("C", "C"), budget=1).status == "infeasible"
    assert cheapest_policy(g, {"s": 1, "p": 2}, ("C", "C")).levels == {
        "s": Fraction(3),
        "p": Fraction(0),
    }


def test_comparative_statics_matching_pennies() -> None:
    """Row payoffs [[h, -1], [-1, 1]], column [[-1, 1], [1, -1]]. The column's indifference fixes
    the row's mix p = 1/2 (independent of h); the row's indifference fixes q: q*h - (1-q) = -q +
    (1-q) => q = 2/(h + 3). dp/dh = 0, dq/dh = -2/(h+3)**2 (= -1/8 at h = 1)."""
    g = Game.bimatrix([["h", -1], [-1, 1]], [[-1, 1], [1, -1]])
    cs = comparative_statics(g, "h")
    h = sp.Symbol("h")
    assert cs.probability_derivatives[0] == 0
    assert sp.simplify(cs.probability_derivatives[1] + 2 / (h + 3) ** 2) == 0
    at_one = comparative_statics(g, "h", values={"h": 1})
    assert at_one.probabilities == (sp.Rational(1, 2), sp.Rational(1, 2))
    assert at_one.probability_derivatives[1] == sp.Rational(-1, 8)


def _random_game(numbers: list[int], slopes: list[int]) -> Game:
    cells = [f"{n} + ({k})*x" for n, k in zip(numbers, slopes)]
    return Game.bimatrix([cells[0:2], cells[2:4]], [cells[4:6], cells[6:8]], strategies=CN)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(-3, 3), min_size=8, max_size=8),
    st.lists(st.integers(-1, 1), min_size=8, max_size=8),
    st.sampled_from([("C", "C"), ("C", "N"), ("N", "C")]),
)
def test_threshold_agrees_with_is_nash(
    numbers: list[int], slopes: list[int], target: tuple[str, str]
) -> None:
    """Property on small-integer (often degenerate) games with x entering any cell with slope -1, 0
    or 1: the target is Nash at x (checked by is_nash's exact regret) exactly when the reported
    interval contains x; the reported value is the least such x >= lower."""
    g = _random_game(numbers, slopes)
    index = [CN[i].index(s) for i, s in enumerate(target)]
    profile = tuple(tuple(1 if k == j else 0 for k in range(2)) for j in index)
    if not g.parameters:
        return
    t = threshold(g, "x", target, lower=-8)
    grid = [Fraction(k, 2) for k in range(-16, 17)]
    holds = [x for x in grid if is_nash(g.subs({"x": x}), profile)]
    if t.status == "unreachable":
        assert holds == []
        return
    low, high = t.interval
    assert holds == [x for x in grid if low <= x <= high]
    if t.status in ("holds_at_zero", "always"):
        assert t.value == -8 and holds[0] == -8
    else:
        assert t.value in holds and t.value == low


def test_unknown_parameter_named() -> None:
    with pytest.raises(DesignError, match="'S_x'"):
        threshold(_issue_game_direct(), "S_x", ("C", "C"))


def test_unreachable_note_names_failing_condition() -> None:
    """B_s = 6: the School's gain aR - C_s - B_s = 5 - 1 - 6 = -2 >= 0 is false."""
    t = threshold(_issue_game_direct(), "S_e", ("C", "C"), values={**HAND, "B_s": 6})
    assert any("-2 >= 0 is false" in n for n in t.notes)


def test_reach_factor_sign_declared_or_split() -> None:
    """Subsidy r*S_e with reach r: the Enterprise needs r*S_e >= C_e + B_e - (1-a)R = 2.

    Declared r > 0: S_e >= 2/r. Undeclared: one case per sign of r, r > 0 giving S_e >= 2/r and r <
    0 giving S_e <= 2/r (r = 0 would need 0 >= 2: dropped), never a formula assuming r > 0 silently.
    """
    g = Game.bimatrix(
        SCHOOL, [["(1-a)*R - C_e + r*S_e", "B_e"], ["-C_e + r*S_e", 0]], strategies=CN
    )
    r = sp.Symbol("r")
    declared = threshold(g, "S_e", ("C", "C"), values=HAND, assumptions=[r > 0])
    assert sp.simplify(declared.value - sp.Max(0, 2 / r)) == 0
    assert declared.formula == sp.GreaterThan(S_e, 2 / r)
    split = threshold(g, "S_e", ("C", "C"), values=HAND)
    assert split.formula == sp.Or(
        sp.And(r > 0, sp.GreaterThan(S_e, 2 / r)), sp.And(r < 0, sp.LessThan(S_e, 2 / r))
    )
    assert split.value.subs(r, sp.Rational(1, 2)) == 4
    assert any("sign of r is not known" in n for n in split.notes)
    assert threshold(g, "S_e", ("C", "C"), values={**HAND, "r": "1/2"}).value == 4


@settings(max_examples=12, deadline=None)
@given(st.lists(st.integers(-3, 3), min_size=8, max_size=8), st.integers(1, 3), st.integers(1, 3))
def test_cheapest_policy_beats_every_grid_point(
    numbers: list[int], cost_x: int, cost_y: int
) -> None:
    """x is a subsidy to the row player at (C,C) and y one to the column player at (C,C), plus x/2
    to the column (a shared project fund). The LP answer must make (C,C) Nash (is_nash, exact) and
    cost no more than any feasible point of a 1/2-grid on [0, 8]^2; infeasible only if no grid point
    works (the constraints are x >= c1 and x/2 + y >= c2 with c1, c2 <= 6, so some grid point always
    works)."""
    cells = [str(n) for n in numbers]
    cells[0] = f"{numbers[0]} + x"
    cells[4] = f"{numbers[4]} + x/2 + y"
    g = Game.bimatrix([cells[0:2], cells[2:4]], [cells[4:6], cells[6:8]], strategies=CN)
    mix = cheapest_policy(g, {"x": cost_x, "y": cost_y}, ("C", "C"))
    assert mix.status in ("optimal", "holds_at_zero") and mix.exact
    profile = ((1, 0), (1, 0))
    assert is_nash(g.subs(mix.levels), profile)
    grid = [Fraction(k, 2) for k in range(17)]
    best = min(
        cost_x * x + cost_y * y
        for x in grid
        for y in grid
        if is_nash(g.subs({"x": x, "y": y}), profile)
    )
    assert mix.cost <= best


# -------------------------------------------------------------- issue 11: 'unique' is the exact set

ISSUE11 = Game.bimatrix(
    [[1, "2+s"], ["-4+s", 1]], [["-4+s", "s"], ["-3-s", 2]], strategies=[["C", "D"]] * 2
)


def _unique_by_solver(g: Game, target: tuple[int, ...], x: Fraction) -> bool:
    from coopgame.equilibria import nash_equilibria

    eqs = nash_equilibria(g.subs({"s": x})).equilibria
    return len(eqs) == 1 and all(eqs[0].profile[i][t] == 1 for i, t in enumerate(target))


def test_unique_issue11_example() -> None:
    """Issue 11 item 3, by hand. Row: C - D is 5 - s against C and s + 1 against D. Column: D - C is
    4 against C and s + 5 against D. For s > -1 the column's D strictly dominates (4 > 0, s + 5 > 0)
    and the row's strict best reply to D is C (s + 1 > 0): unique (C, D). At s = 5 the row is
    indifferent against C only, which changes nothing (strict dominance of D settles it), so the old
    answer s < 5 (strict dominance of both) was only sufficient. At s = -1 the row is indifferent
    against D: (D, D) is also an equilibrium. For s < -1, (C, D) is not an equilibrium at all."""
    t = threshold(ISSUE11, "s", ("C", "D"), "unique", lower=-20)
    s = sp.Symbol("s")
    assert t.formula == (s > -1)
    assert (t.status, t.value, t.interval) == ("reachable", Fraction(-1), (Fraction(-1), sp.oo))
    for x in (Fraction(5), Fraction(6), Fraction(10)):
        assert t.formula.subs(s, x) is sp.true and _unique_by_solver(ISSUE11, (0, 1), x)


def test_unique_disjoint_pieces_and_isolated_point() -> None:
    """Row payoffs (C, D) against column C: s and 0, against D: 0 and 1 - s... by hand with column
    always playing C strictly (column C - D = 1 everywhere): the row picks C iff s > 0, D iff s < 0,
    both at s = 0. So (C, C) is unique for s > 0, (D, C) for s < 0, neither at s = 0 (a continuum of
    row mixes). Sibling with the roles swapped: target (D, C) gives s < 0."""
    g = Game.bimatrix([["s", 0], [0, 0]], [[1, 0], [1, 0]], strategies=[["C", "D"]] * 2)
    s = sp.Symbol("s")
    assert threshold(g, "s", ("C", "C"), "unique", lower=-5).formula == (s > 0)
    low = threshold(g, "s", ("D", "C"), "unique", lower=-5)
    assert low.formula == (s < 0) and (low.status, low.value) == ("holds_at_zero", Fraction(-5))
    assert threshold(g, "s", ("D", "C"), "unique", lower=0).status == "unreachable"


def test_unique_negative_slope_sibling() -> None:
    """(C, C) is always an equilibrium (row 2 > 1, column 1 > 0); (D, D) is one iff s >= 0 (row
    s >= 0, column 1 > 0). For s < 0 the row's D is strictly dominated (2 > 1, 0 > s), then the
    column replies C: unique iff s < 0, a condition with an upper bound (the parameter hurts
    uniqueness)."""
    g = Game.bimatrix([[2, 0], [1, "s"]], [[1, 0], [0, 1]], strategies=[["C", "D"]] * 2)
    t = threshold(g, "s", ("C", "C"), "unique", lower=-3)
    assert t.formula == (sp.Symbol("s") < 0)
    assert (t.status, t.value, t.interval) == ("holds_at_zero", Fraction(-3), (-sp.oo, Fraction(0)))
    assert threshold(g, "s", ("C", "C"), "unique").status == "unreachable"


def test_unique_3x3_sibling() -> None:
    """3x3 by hand: the column's strategy 0 strictly dominates for s > 1 (payoff s against 1 in
    every row), and the row's best reply to column 0 is row 0 (3 > 2 > 1). For s < 1 column 1
    strictly dominates and the row's strict best reply is row 2 (1 > 0); at s = 1 the column is
    indifferent between 0 and 1 whatever the row does, so (a, x) and (c, y) are both equilibria. So
    (a, x) is unique iff s > 1 and (c, y) iff s < 1, proved by pure dominance on each gap, not only
    sampled."""
    col = [["s", 1, 0], ["s", 1, 0], ["s", 1, 0]]
    row = [[3, 0, 0], [2, 0, 0], [1, 1, 1]]
    g = Game.bimatrix(row, col, strategies=[["a", "b", "c"], ["x", "y", "z"]])
    t = threshold(g, "s", ("a", "x"), "unique")
    assert t.formula == (sp.Symbol("s") > 1) and (t.status, t.value) == ("reachable", Fraction(1))
    assert not any("not proved" in n for n in t.notes)
    assert threshold(g, "s", ("c", "y"), "unique").formula == (sp.Symbol("s") < 1)


# ------------------------------------------------------ issue 11: no contradictory sign assumptions


def _relations(formula: sp.Basic) -> tuple:
    return formula.args if isinstance(formula, sp.And) else (formula,)


def test_government_subsidy_is_bounded_above() -> None:
    """Issue 11 item 4. At (C, C, Support) the Government's gain over Laissez-faire is
    -r*(S_s + S_e + tau*C_e) - C_g: with r > 0 an UPPER bound S_s <= -C_e*tau - C_g/r - S_e; the
    School's is a lower bound S_s >= (B_s + C_s - F - F_g - R*a*p)/r. Never (r > 0) & (-r > 0)."""
    from coopgame.models import SIGN_ASSUMPTIONS, school_enterprise_government_game

    g = school_enterprise_government_game()
    target = ("Cooperate", "Cooperate", "Support")
    r, S_s, S_e, C_e, C_g, tau = sp.symbols("r S_s S_e C_e C_g tau")
    upper = -C_e * tau - C_g / r - S_e
    declared = threshold(g, "S_s", target, assumptions=SIGN_ASSUMPTIONS)
    relations = _relations(declared.formula)
    assert any(
        isinstance(x, sp.LessThan) and x.lhs == S_s and sp.simplify(x.rhs - upper) == 0
        for x in relations
    )
    split = threshold(g, "S_s", target)
    cases = {next(a for a in case.args if r in a.free_symbols and a.free_symbols == {r}): case
             for case in split.formula.args}
    positive = cases[r > 0]
    assert any(isinstance(x, sp.LessThan) and x.lhs == S_s and sp.simplify(x.rhs - upper) == 0
               for x in positive.args)
    negative = cases[r < 0]
    assert any(isinstance(x, sp.GreaterThan) and x.lhs == S_s and sp.simplify(x.rhs - upper) == 0
               for x in negative.args)
    for formula in (declared.formula, split.formula):
        assert "-r > 0" not in str(formula)


def test_government_tax_incentive_is_bounded_above() -> None:
    """The tax incentive's coefficient is C_e*r for the Enterprise and -C_e*r for the Government:
    with C_e, r > 0, tau <= (-C_g - r*(S_e + S_s))/(C_e*r) and a lower bound from the Enterprise.
    Without declared signs: one case per sign of the product C_e*r (three, not nine)."""
    from coopgame.models import SIGN_ASSUMPTIONS, school_enterprise_government_game

    g = school_enterprise_government_game()
    target = ("Cooperate", "Cooperate", "Support")
    r, S_s, S_e, C_e, C_g, tau = sp.symbols("r S_s S_e C_e C_g tau")
    t = threshold(g, "tau", target, assumptions=SIGN_ASSUMPTIONS)
    upper = (-C_g - S_e * r - S_s * r) / (C_e * r)
    relations = _relations(t.formula)
    assert any(
        isinstance(x, sp.LessThan) and x.lhs == tau and sp.simplify(x.rhs - upper) == 0
        for x in relations
    )
    assert any(isinstance(x, sp.GreaterThan) and x.lhs == tau for x in relations)
    assert "-C_e > 0" not in str(t.formula) and "C_e > 0" not in str(t.formula)
    split = threshold(g, "tau", target)
    assert isinstance(split.formula, sp.Or) and len(split.formula.args) == 3
    assert "-C_e*r > 0" not in str(split.formula)


def test_sign_cases_respect_assumptions_and_values() -> None:
    """Sibling: the coefficient -k of a penalty k*x paid by the row (row's C - D gain is 1 - k*x).
    k < 0 declared gives x >= 1/k... with k = -2: x >= -1/2; k > 0: x <= 1/k; values violating an
    assumption are refused; a formula that can never hold is false, and unreachable."""
    from coopgame.equilibria._symbolic import AssumptionError

    k, x = sp.symbols("k x")
    g = Game.bimatrix([["1 - k*x", "1 - k*x"], [0, 0]], [[1, 0], [1, 0]], strategies=CN)
    assert threshold(g, "x", ("C", "C"), assumptions=[k > 0]).formula == sp.LessThan(x, 1 / k)
    assert threshold(g, "x", ("C", "C"), assumptions=[k < 0]).formula == sp.GreaterThan(x, 1 / k)
    assert threshold(g, "x", ("C", "C"), values={"k": -2}).formula == sp.GreaterThan(
        x, sp.Rational(-1, 2)
    )
    with pytest.raises(AssumptionError):
        threshold(g, "x", ("C", "C"), values={"k": -2}, assumptions=[k > 0])
    split = threshold(g, "x", ("C", "C"))
    assert split.formula == sp.Or(
        sp.And(k > 0, sp.LessThan(x, 1 / k)), sp.And(k < 0, sp.GreaterThan(x, 1 / k)), sp.Eq(k, 0)
    )
    # numeric bounds that contradict each other: x >= 3 for the row, x <= 1 for the column
    h = Game.bimatrix([["x - 3", 0], [0, 0]], [["1 - x", 0], [0, 0]], strategies=CN)
    t = threshold(h, "x", ("C", "C"))
    assert t.formula is sp.false and t.status == "unreachable"


# ------------------------------------------------------------ property: formula == solver on a grid


def _grid(g: Game) -> list[Fraction]:
    """Every root of the payoff differences, points between them and beyond, as exact rationals."""
    s = sp.Symbol("s")
    roots = set()
    cells = [sp.sympify(v) for v in g.payoffs.ravel()]
    for u in cells:
        for v in cells:
            d = sp.expand(u - v)
            if d.has(s):
                a, b = sp.Poly(d, s).all_coeffs()
                roots.add(Fraction(int((-b / a).p), int((-b / a).q)))
    points = sorted(roots) or [Fraction(0)]
    grid = {points[0] - 1, points[-1] + 1, *points}
    grid |= {(x + y) / 2 for x, y in zip(points, points[1:])}
    return sorted(grid)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.integers(-3, 3), min_size=8, max_size=8),
    st.lists(st.integers(-1, 1), min_size=8, max_size=8),
    st.sampled_from([(0, 0), (0, 1), (1, 0), (1, 1)]),
)
def test_formula_agrees_with_solver(
    numbers: list[int], slopes: list[int], target: tuple[int, int]
) -> None:
    """For random small-integer 2x2 games affine in s, at every breakpoint and between them: the
    'unique' formula holds iff nash_equilibria finds the target as the only equilibrium, and the
    'nash' formula holds iff the target is among the equilibria found (exact rationals)."""
    from coopgame.equilibria import nash_equilibria

    cells = [f"{n} + ({k})*s" for n, k in zip(numbers, slopes)]
    g = Game.bimatrix([cells[0:2], cells[2:4]], [cells[4:6], cells[6:8]], strategies=CN)
    if not g.parameters:
        return
    names = tuple(CN[i][t] for i, t in enumerate(target))
    s = sp.Symbol("s")
    unique = threshold(g, "s", names, "unique").formula
    nash = threshold(g, "s", names, "nash").formula
    for x in _grid(g):
        eqs = nash_equilibria(g.subs({"s": x})).equilibria
        found = [all(e.profile[i][t] == 1 for i, t in enumerate(target)) for e in eqs]
        level = sp.Rational(x.numerator, x.denominator)
        assert bool(unique.subs(s, level)) == (found == [True]), x
        assert bool(nash.subs(s, level)) == any(found), x
