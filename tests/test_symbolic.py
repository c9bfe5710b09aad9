"""Symbolic equilibrium conditions (coopgame.equilibria._symbolic).

Independent sources: hand derivations in the docstrings, brute force over the
deviations of the substituted game (``coopgame.is_nash`` and direct indexing),
nashpy's support enumeration and the exact vertex solver.
"""

from __future__ import annotations

import itertools
import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgame import Game, GameError
from coopgame.equilibria import equilibrium_conditions, is_nash
from coopgame.equilibria._symbolic import AssumptionError

R, S, T, P = sp.symbols("R S T P")
a, Rs, C_s, C_e, B_s, B_e = sp.symbols("a R C_s C_e B_s B_e")
X, Y = sp.symbols("x y")

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SECONDARY = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def symmetric_rstp() -> Game:
    """A = [[R, S], [T, P]] for the row player and B = A^T for the column player."""
    return Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]],
                         strategies=[["C", "D"], ["C", "D"]])


def school_enterprise() -> Game:
    return Game.bimatrix(
        [["a*R - C_s", "-C_s"], ["B_s", 0]],
        [["(1 - a)*R - C_e", "B_e"], ["-C_e", 0]],
        players=["School", "Enterprise"], strategies=[["Cooperate", "Shirk"]] * 2,
    )


def general_game(shape: tuple[int, ...]) -> Game:
    """Every payoff its own symbol u<player>_<profile>."""
    payoffs = np.empty((*shape, len(shape)), dtype=object)
    for idx in np.ndindex(*shape):
        payoffs[idx] = [sp.Symbol(f"u{i}_{''.join(map(str, idx))}") for i in range(len(shape))]
    return Game(payoffs)


RSTP = symmetric_rstp()
RSTP_CONDITIONS = equilibrium_conditions(RSTP)
GENERAL_2x2 = general_game((2, 2))
GENERAL_2x2_CONDITIONS = equilibrium_conditions(GENERAL_2x2)
GENERAL_2x3x2 = general_game((2, 3, 2))
GENERAL_2x3x2_CONDITIONS = equilibrium_conditions(GENERAL_2x3x2)

small_ints = st.integers(-3, 3)  # many ties: degenerate games
rationals = st.fractions(min_value=-5, max_value=5, max_denominator=7)


def pure_vectors(game: Game, profile: tuple[int, ...]) -> list[list[int]]:
    return [[int(k == s) for k in range(n)] for s, n in zip(profile, game.shape, strict=True)]


def brute_force_strict(game: Game, profile: tuple[int, ...]) -> bool:
    """Every unilateral deviation strictly lowers the deviator's payoff (direct indexing)."""
    for i, n in enumerate(game.shape):
        for k in range(n):
            if k == profile[i]:
                continue
            deviation = list(profile)
            deviation[i] = k
            if not game.payoffs[tuple(deviation)][i] < game.payoffs[profile][i]:
                return False
    return True


def substituted(game: Game, values: dict) -> Game:
    """The numeric game (exact sympy replacement; Game.subs is tested in test_game.py)."""
    mapping = {sp.Symbol(str(k)): sp.nsimplify(v) for k, v in values.items()}
    payoffs = np.vectorize(lambda v: sp.sympify(v).xreplace(mapping), otypes=[object])(game.payoffs)
    return Game(payoffs, game.players, game.strategies)


def check_against_brute_force(game: Game, conditions, values: dict) -> None:
    numeric = substituted(game, values)
    assert numeric.kind == "exact"
    for profile in game.pure_profiles():
        cond = conditions.condition(profile)
        assert cond.holds(values) == is_nash(numeric, pure_vectors(game, profile)), (
            profile,
            values,
        )
        assert cond.holds(values, strict=True) == brute_force_strict(numeric, profile), (
            profile,
            values,
        )


# ---------------------------------------------------------------- structure


def test_rstp_conditions_structure():
    """(C, C): the row player compares R with T (deviation to D), the column player
    B[0][0] = R with B[0][1] = T; so R >= T. (D, D): P with S, twice. (C, D): row gets S
    and P by deviating, the column player gets T and R by deviating: S >= P and T >= R."""
    assert RSTP_CONDITIONS.condition(("C", "C")).nash == sp.Ge(R, T)
    assert RSTP_CONDITIONS.condition(("C", "C")).strict == sp.Gt(R, T)
    assert RSTP_CONDITIONS.condition(("D", "D")).nash == sp.Ge(P, S)
    assert RSTP_CONDITIONS.condition(("D", "D")).strict == sp.Gt(P, S)
    assert RSTP_CONDITIONS.condition(("C", "D")).nash == sp.And(sp.Ge(S, P), sp.Ge(T, R))
    assert RSTP_CONDITIONS.condition(("D", "C")).strict == sp.And(sp.Gt(S, P), sp.Gt(T, R))


def test_condition_accepts_indices_names_and_mappings():
    by_names = RSTP_CONDITIONS.condition(("C", "C"))
    assert RSTP_CONDITIONS.condition((0, 0)) is by_names
    assert RSTP_CONDITIONS.condition({"Player 1": "C", "Player 2": 0}) is by_names
    assert RSTP_CONDITIONS.condition(("D", "C")).profile == ("D", "C")


def test_logical_equivalence_with_textbook_form_at_integer_grid():
    """sympy equivalence by exhaustion on a grid containing all tie patterns."""
    cc, dd = RSTP_CONDITIONS.condition((0, 0)), RSTP_CONDITIONS.condition((1, 1))
    for r, s, t, p in itertools.product(range(-1, 2), repeat=4):
        values = {"R": r, "S": s, "T": t, "P": p}
        assert cc.holds(values) == (r >= t) and cc.holds(values, strict=True) == (r > t)
        assert dd.holds(values) == (p >= s) and dd.holds(values, strict=True) == (p > s)


@FAST
@given(r=small_ints, s=small_ints, t=small_ints, p=small_ints)
def test_rstp_against_brute_force_integers(r, s, t, p):
    values = {"R": r, "S": s, "T": t, "P": p}
    check_against_brute_force(RSTP, RSTP_CONDITIONS, values)
    assert RSTP_CONDITIONS.condition((0, 0)).holds(values) == (r >= t)


@FAST
@given(r=rationals, s=rationals, t=rationals, p=rationals)
def test_rstp_against_brute_force_rationals(r, s, t, p):
    values = {R: r, S: s, T: t, P: p}
    check_against_brute_force(RSTP, RSTP_CONDITIONS, values)
    assert RSTP_CONDITIONS.condition((1, 1)).holds(values, strict=True) == (p > s)


@SECONDARY
@given(st.data())
def test_general_three_player_game_against_brute_force(data):
    """2x3x2 game with every payoff a free symbol: each condition is exactly the
    deviation inequalities, checked at random small integers (ties included)."""
    values = {str(x): data.draw(small_ints) for x in GENERAL_2x3x2.parameters}
    check_against_brute_force(GENERAL_2x3x2, GENERAL_2x3x2_CONDITIONS, values)


def test_single_parameter_is_solved_for():
    """A = [[2x - 3, 0], [0, x]], B = I: (1, 1) needs 2x - 3 >= 0, i.e. x >= 3/2; (2, 2)
    needs x >= 0; the column player's own inequalities hold (1 >= 0)."""
    x = sp.Symbol("x")
    res = equilibrium_conditions(Game.bimatrix([["2*x - 3", 0], [0, "x"]], [[1, 0], [0, 1]]))
    assert res.condition((0, 0)).nash == sp.Ge(x, sp.Rational(3, 2))
    assert res.condition((1, 1)).strict == sp.Gt(x, 0)
    assert res.condition((0, 1)).nash == sp.false


def test_bounds_on_one_parameter_are_merged():
    """One player with payoffs (x, 1, 2): strategy 1 is optimal iff x >= 1 and x >= 2,
    i.e. x >= 2. With payoffs (x, 1, 2x - 1): x >= 1 and x >= 2x - 1 (x <= 1): x = 1,
    and never strictly."""
    x = sp.Symbol("x")
    res = equilibrium_conditions(Game([["x"], [1], [2]]))
    assert res.condition((0,)).nash == sp.Ge(x, 2)
    res = equilibrium_conditions(Game([["x"], [1], ["2*x - 1"]]))
    assert res.condition((0,)).nash == sp.Eq(x, 1)
    assert res.condition((0,)).strict == sp.false
    assert res.condition((0,)).holds({"x": 1}) and not res.condition((0,)).holds({"x": "1.01"})


def test_numeric_and_float_games_give_truth_values_exactly():
    """A = [[1.5, 0], [0, 1]], B = [[1, 0], [0, 2]]: both diagonal profiles are strict
    equilibria. 1.5 is read as 3/2: q solves 3/2 q = 1 - q, q = 2/5; p solves p = 2(1 - p),
    p = 2/3."""
    res = equilibrium_conditions(Game.bimatrix([[1.5, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert [pc.nash for pc in res.profiles] == [sp.true, sp.false, sp.false, sp.true]
    assert [pc.strict for pc in res.profiles] == [sp.true, sp.false, sp.false, sp.true]
    assert res.mixed is not None
    assert res.mixed.probabilities == (sp.Rational(2, 3), sp.Rational(2, 5))
    assert res.mixed.profile_at({}) == (
        (Fraction(2, 3), Fraction(1, 3)),
        (Fraction(2, 5), Fraction(3, 5)),
    )


# ---------------------------------------------------------------- assumptions


def test_school_enterprise_without_assumptions():
    """School: (C, C) pays aR - C_s against B_s from shirking; Enterprise: (1-a)R - C_e
    against B_e. (N, N): each compares 0 with -C (cooperating alone)."""
    res = equilibrium_conditions(school_enterprise())
    assert res.condition(("Cooperate", "Cooperate")).nash == sp.And(
        sp.Ge(Rs * a, B_s + C_s), sp.Ge(Rs * (1 - a), B_e + C_e))
    assert res.condition(("Shirk", "Shirk")).nash == sp.And(sp.Ge(C_s, 0), sp.Ge(C_e, 0))


def test_school_enterprise_with_assumptions_decides_signs():
    """With positive costs, shirking against a shirker is strictly best (0 > -C) and
    cooperating alone is never an equilibrium (-C_s < 0 = payoff of shirking)."""
    assumptions = [a > 0, a < 1, Rs > 0, C_s > 0, C_e > 0, B_s >= 0, B_e >= 0]
    res = equilibrium_conditions(school_enterprise(), assumptions=assumptions)
    assert res.assumptions == tuple(assumptions)
    assert res.condition(("Shirk", "Shirk")).strict == sp.true
    assert res.condition(("Cooperate", "Shirk")).nash == sp.false
    assert res.condition(("Shirk", "Cooperate")).nash == sp.false
    assert res.mixed is not None
    assert res.mixed.exists == sp.And(sp.Gt(Rs * a, B_s + C_s), sp.Gt(Rs * (1 - a), B_e + C_e))
    assert "Assumptions: a > 0" in str(res)


positive = st.fractions(min_value=Fraction(1, 10), max_value=10, max_denominator=10)


@SECONDARY
@given(a_=st.fractions(min_value=Fraction(1, 10), max_value=Fraction(9, 10), max_denominator=10),
       r=positive, cs=positive, ce=positive, bs=positive, be=positive)
def test_school_enterprise_with_assumptions_against_brute_force(a_, r, cs, ce, bs, be):
    game = school_enterprise()
    res = _SCHOOL_ASSUMED
    values = {"a": a_, "R": r, "C_s": cs, "C_e": ce, "B_s": bs, "B_e": be}
    check_against_brute_force(game, res, values)


_SCHOOL_ASSUMED = equilibrium_conditions(
    school_enterprise(), assumptions=[a > 0, a < 1, Rs > 0, C_s > 0, C_e > 0, B_s >= 0, B_e >= 0])


def test_positive_factor_is_divided_out():
    """u(C, C) - u(D, C) = c*s - c = c(s - 1): with c > 0 this is s >= 1."""
    c, s = sp.symbols("c s")
    game = Game.bimatrix([["c*s", 0], ["c", 1]], [["c*s", "c"], [0, 1]])
    assert equilibrium_conditions(game).condition((0, 0)).nash == sp.Ge(c * (s - 1), 0)
    assert equilibrium_conditions(game, assumptions=[c > 0]).condition((0, 0)).nash == sp.Ge(s, 1)
    negative_c = equilibrium_conditions(game, assumptions=[sp.Q.negative(c)]).condition((0, 0))
    assert negative_c.nash == sp.Le(s, 1)
    assert negative_c.holds({"c": -2, "s": "1/2"})
    with pytest.raises(AssumptionError, match="violate the assumption Q.negative"):
        negative_c.holds({"c": 2, "s": "1/2"})


def test_parameters_are_real_and_own_symbol_assumptions_are_used():
    """x**2 + 1 > x**2 >= 0 for every real x, so (1, 1) with A = [[x**2 + 1, 0], [0, x]]
    is always a strict equilibrium. A symbol created positive, c, divides out of
    c*x - c >= 0, leaving x >= 1."""
    res = equilibrium_conditions(Game.bimatrix([["x**2 + 1", 0], [0, "x"]], [[1, 0], [0, 1]]))
    assert res.condition((0, 0)).strict == sp.true
    c = sp.Symbol("c", positive=True)
    res = equilibrium_conditions(Game.bimatrix([[c * X, 0], [c, 1]], [[1, 0], [0, 1]]))
    assert res.condition((0, 0)).nash == sp.Ge(X, 1)
    with pytest.raises(AssumptionError, match="inconsistent assumptions on c"):
        equilibrium_conditions(Game.bimatrix([[c * X, 0], [c, 1]], [[1, 0], [0, 1]]),
                               assumptions=[sp.Q.negative(c)])


# ---------------------------------------------------------------- mixed 2x2


def test_battle_of_the_sexes_mixed_equilibrium():
    """A = [[2, 0], [0, 1]], B = [[1, 0], [0, 2]]. Column player indifferent: p*1 = (1-p)*2,
    p = 2/3; row player indifferent: 2q = 1 - q, q = 1/3. Payoffs: 2q = 2/3 and p = 2/3."""
    res = equilibrium_conditions(Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    assert res.mixed is not None
    assert res.mixed.probabilities == (sp.Rational(2, 3), sp.Rational(1, 3))
    assert res.mixed.payoffs == (sp.Rational(2, 3), sp.Rational(2, 3))
    assert res.mixed.exists == sp.true


def test_symbolic_closed_form():
    """Row indifference q R + (1-q) S = q T + (1-q) P gives q = (P - S)/(P - S + R - T);
    it lies in (0, 1) iff P - S and R - T are nonzero and of one sign."""
    mixed = RSTP_CONDITIONS.mixed
    assert mixed is not None
    assert sp.simplify(mixed.probabilities[1] - (P - S) / (P - S + R - T)) == 0
    assert sp.simplify(mixed.probabilities[0] - (P - S) / (P - S + R - T)) == 0
    for r, s, t, p in itertools.product(range(-1, 2), repeat=4):
        expected = (p - s) * (r - t) > 0
        assert bool(mixed.exists.subs({R: r, S: s, T: t, P: p})) == expected


def _indifferent_everywhere(M: np.ndarray) -> bool:
    return M[0, 0] == M[1, 0] and M[0, 1] == M[1, 1]


def _full_support_nashpy(game: Game) -> list[tuple[np.ndarray, np.ndarray]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        eqs = list(game.to_nashpy().support_enumeration())
    return [(x, y) for x, y in eqs if min(x.min(), y.min()) > 1e-9]


@FAST
@given(st.data())
def test_mixed_closed_form_against_nashpy(data):
    """Where neither player is indifferent everywhere, a completely mixed equilibrium makes
    both players indifferent, which pins down q and p uniquely: it exists iff the closed
    form's condition holds, and then equals it (nashpy's support enumeration, floats)."""
    values = {str(x): data.draw(small_ints) for x in GENERAL_2x2.parameters}
    numeric = GENERAL_2x2.subs(values)
    A, B = numeric.bimatrix_arrays()
    mixed = GENERAL_2x2_CONDITIONS.mixed
    profile = mixed.profile_at(values)
    if profile is not None:
        assert is_nash(numeric, profile)
    if _indifferent_everywhere(A) or _indifferent_everywhere(B.T):
        return
    found = _full_support_nashpy(numeric)
    if profile is None:
        assert found == []
    else:
        assert len(found) == 1
        x, y = found[0]
        assert abs(x[0] - float(profile[0][0])) < 1e-9 and abs(y[0] - float(profile[1][0])) < 1e-9


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=8, max_size=8))
def test_mixed_closed_form_against_vertex_solver(entries):
    """Same property against the exact vertex solver: the closed form, where it exists,
    is one of the extreme equilibria; otherwise no extreme equilibrium is completely mixed."""
    pytest.importorskip("coopgame.equilibria._vertex")
    from coopgame import nash_equilibria

    values = {
        f"u{i}_{r}{c}": entries[4 * i + 2 * r + c]
        for i in range(2)
        for r in range(2)
        for c in range(2)
    }
    numeric = GENERAL_2x2.subs(values)
    A, B = numeric.bimatrix_arrays()
    if _indifferent_everywhere(A) or _indifferent_everywhere(B.T):
        return
    profile = GENERAL_2x2_CONDITIONS.mixed.profile_at(values)
    completely_mixed = [
        tuple(tuple(v) for v in eq.profile) for eq in nash_equilibria(numeric)
        if all(len(s) == 2 for s in eq.support)
    ]
    assert completely_mixed == ([] if profile is None else [profile])


def test_degenerate_2x2_has_no_spurious_closed_form():
    """All payoffs equal: every profile is an equilibrium, none strict, and the
    indifference equations 0*q = 0 do not determine q: no closed form."""
    res = equilibrium_conditions(Game.bimatrix([[1, 1], [1, 1]], [[1, 1], [1, 1]]))
    assert all(pc.nash == sp.true and pc.strict == sp.false for pc in res.profiles)
    assert res.mixed is None
    assert any("no closed-form" in note for note in res.notes)


def test_symbolic_dominance_gives_no_closed_form():
    """A = [[x, x], [y, y]]: the row player's payoff difference x - y does not depend on
    q, so its indifference cannot fix q."""
    res = equilibrium_conditions(Game.bimatrix([["x", "x"], ["y", "y"]], [[1, 0], [0, 1]]))
    assert res.mixed is None
    x, y = sp.symbols("x y")
    assert res.condition((0, 0)).nash == sp.Ge(x, y)


def test_mixed_only_for_2x2():
    assert equilibrium_conditions(general_game((2, 3))).mixed is None
    assert GENERAL_2x3x2_CONDITIONS.mixed is None


# ---------------------------------------------------------------- output


def test_to_latex_and_dataframe_and_str():
    latex = RSTP_CONDITIONS.to_latex()
    assert latex.startswith("\\begin{tabular}{lll}")
    assert "(C, C) & $R \\geq T$ & $R > T$ \\\\" in latex
    assert "(D, D) & $P \\geq S$ & $P > S$ \\\\" in latex
    frame = RSTP_CONDITIONS.to_dataframe()
    assert list(frame.columns) == ["Player 1", "Player 2", "nash", "strict"]
    assert frame.loc[3, "nash"] == sp.Ge(P, S)
    assert "(C, C)   R >= T" in str(RSTP_CONDITIONS)


def test_equilibria_at():
    """R = 3, S = 0, T = 5, P = 1 is the Prisoner's Dilemma: only (D, D)."""
    assert RSTP_CONDITIONS.equilibria_at({"R": 3, "S": 0, "T": 5, "P": 1}) == (("D", "D"),)


# ---------------------------------------------------------------- errors


def test_unknown_profile_names():
    with pytest.raises(GameError, match="unknown strategy 'X'"):
        RSTP_CONDITIONS.condition(("C", "X"))
    with pytest.raises(GameError, match="needs 2 strategies"):
        RSTP_CONDITIONS.condition(("C",))
    with pytest.raises(GameError, match="unknown player"):
        RSTP_CONDITIONS.condition({"Nobody": "C", "Player 2": "C"})


def test_bad_values():
    cc = RSTP_CONDITIONS.condition((0, 0))
    with pytest.raises(GameError, match="unknown parameter 'Q'"):
        cc.holds({"Q": 1, "R": 1, "T": 0})
    with pytest.raises(GameError, match=r"no value given for \['T'\]"):
        cc.holds({"R": 1})
    with pytest.raises(ValueError, match="not a real number"):
        cc.holds({"R": "one", "T": 0})


def test_mixed_profile_needs_every_value():
    """With c > 0, p = c/(c + 1) and q = 1/2 always lie in (0, 1): the closed form exists
    whatever c is, but evaluating it needs c. A = [[1, 0], [0, 1]] (q = 1/2);
    B = [[0, c], [1, 0]]: p*0 + (1-p)*1 = p*c gives p = 1/(c + 1)."""
    c = sp.Symbol("c")
    res = equilibrium_conditions(
        Game.bimatrix([[1, 0], [0, 1]], [[0, "c"], [1, 0]]), assumptions=[c > 0]
    )
    assert res.mixed is not None and res.mixed.exists == sp.true
    assert sp.simplify(res.mixed.probabilities[0] - 1 / (c + 1)) == 0
    with pytest.raises(GameError, match=r"no value given for \['c'\]"):
        res.mixed.profile_at({})
    assert res.mixed.profile_at({"c": 3}) == (
        (Fraction(1, 4), Fraction(3, 4)),
        (Fraction(1, 2), Fraction(1, 2)),
    )


def test_bad_assumptions():
    game = school_enterprise()
    with pytest.raises(AssumptionError, match="sympy condition"):
        equilibrium_conditions(game, assumptions=["C_s > 0"])
    with pytest.raises(AssumptionError, match="not a parameter"):
        equilibrium_conditions(game, assumptions=[sp.Symbol("z") > 0])
    with pytest.raises(AssumptionError, match="other sympy assumptions"):
        equilibrium_conditions(game, assumptions=[sp.Symbol("C_s", positive=True) > 1])
    with pytest.raises(AssumptionError, match="True by itself"):
        equilibrium_conditions(game, assumptions=[sp.Symbol("C_s", positive=True) > 0])
    with pytest.raises(AssumptionError, match="violate the assumption"):
        _SCHOOL_ASSUMED.condition((1, 1)).holds(
            {"a": "1/2", "R": 1, "C_s": -1, "C_e": 1, "B_s": 0, "B_e": 0})
    with pytest.raises(GameError, match="expected a coopgame.Game"):
        equilibrium_conditions([[1, 0], [0, 1]])  # type: ignore[arg-type]


# ---------------------------------------------------------------- random symbolic payoffs

coefficient = st.integers(-2, 2)
payoff_expression = st.builds(
    lambda c0, c1, c2, c3: c0 + c1 * X + c2 * Y + c3 * X * Y,
    coefficient,
    coefficient,
    coefficient,
    coefficient,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(payoff_expression, min_size=8, max_size=8),
       st.lists(st.tuples(st.fractions(min_value=Fraction(1, 4), max_value=3, max_denominator=4),
                          st.integers(-3, 3)), min_size=4, max_size=4),
       st.booleans())
def test_random_polynomial_payoffs_against_brute_force(entries, points, assume_x_positive):
    """Payoffs c0 + c1 x + c2 y + c3 xy exercise the rewriting (factors of known sign divided
    out, one-parameter bounds solved and merged, terms collected): whatever the written form,
    each condition must agree with the deviation inequalities at points with x > 0."""
    game = Game.bimatrix(np.array(entries[:4], dtype=object).reshape(2, 2),
                         np.array(entries[4:], dtype=object).reshape(2, 2))
    assumptions = [X > 0] if assume_x_positive and X in game.parameters else []
    res = equilibrium_conditions(game, assumptions=assumptions)
    names = {str(p) for p in game.parameters}
    for x, y in points:
        values = {k: v for k, v in (("x", x), ("y", y)) if k in names}
        check_against_brute_force(game, res, values)
        if res.mixed is not None:
            profile = res.mixed.profile_at(values)
            if profile is not None:
                assert is_nash(substituted(game, values), profile)
