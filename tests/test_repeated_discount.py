"""Critical discount factors and the instrument level that sustains cooperation (issue #4, items 1
and 6).
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game, read_nfg
from coopgame.equilibria._certificate import is_nash
from coopgame.repeated import RepeatedGameError, critical_discount, required_instrument

R, S, T, P = sympy.symbols("R S T P")


def prisoners_dilemma(r: object = "R", s: object = "S", t: object = "T", p: object = "P") -> Game:
    return Game.bimatrix([[r, s], [t, p]], [[r, t], [s, p]], strategies=[["C", "D"], ["C", "D"]])


def punishment_game() -> Game:
    """A symmetric 3x3 game where minmax punishment is harsher than the stage equilibrium.

    Row payoffs (the column player's are the transpose)::

              C    D    P
        C     4   -1   -5
        D     6    1   -4
        P     0   -1   -6

    D strictly dominates C and P, so (D, D) with payoff 1 is the unique stage equilibrium.
    Against P the best a player gets is -4 (playing D): the pure minmax value is -4 < 1.
    """
    A = [[4, -1, -5], [6, 1, -4], [0, -1, -6]]
    return Game.bimatrix(A, [list(row) for row in zip(*A)], strategies=[["C", "D", "P"]] * 2)


def test_symbolic_prisoners_dilemma_gives_textbook_formula() -> None:
    """Friedman (1971): grim trigger sustains (C, C) iff delta >= (T - R)/(T - P)."""
    result = critical_discount(prisoners_dilemma(), ("C", "C"), nash=("D", "D"))
    assert sympy.simplify(result.delta - (T - R) / (T - P)) == 0
    # the formula needs (D, D) to be a stage equilibrium and cooperation to beat it
    values = {R: 3, S: 0, T: 5, P: 1}
    assert result.conditions.subs(values) is sympy.true
    # (D, D) not an equilibrium
    assert result.conditions.subs({R: 3, S: 2, T: 5, P: 1}) is sympy.false


def test_gambit_pd_file_gives_one_ninth(gambit_dir) -> None:
    """Gambit's pd.nfg: R = 9, T = 10, P = 1, so (10 - 9)/(10 - 1) = 1/9."""
    game = read_nfg(gambit_dir / "pd.nfg")
    assert critical_discount(game, (0, 0)).delta == Fraction(1, 9)


def test_classic_numbers_give_one_half() -> None:
    """R = 3, T = 5, P = 1: (5 - 3)/(5 - 1) = 1/2 (e.g. Gibbons 1992, Sec. 2.3.B)."""
    result = critical_discount(prisoners_dilemma(3, 0, 5, 1), ("C", "C"))
    assert result.delta == Fraction(1, 2)
    assert result.punishment_profiles == (("D", "D"), ("D", "D"))


def test_float_game_gives_float() -> None:
    result = critical_discount(prisoners_dilemma(3.0, 0.0, 5.0, 1.0), ("C", "C"))
    assert isinstance(result.delta, float)
    assert abs(result.delta - 0.5) <= 1e-12


def test_minmax_punishment_beats_nash_reversion() -> None:
    """Hand derivation for :func:`punishment_game`, target (C, C) worth 4, deviation gain 6 - 4 = 2.

    Nash reversion to (D, D) (payoff 1): delta >= (6 - 4)/(6 - 1) = 2/5.

    Minmax, one period of punishment: the deviator gets -4 once, then 4 again, so with
    payoffs normalised by (1 - delta) keeping to the path needs
    4 >= (1 - d) 6 + d ((1 - d)(-4) + 4 d), i.e. 8 d^2 - 10 d + 2 <= 0, i.e.
    (4 d - 1)(d - 1) <= 0: d >= 1/4. The punisher plays P against D and gets -1 instead of
    its best reply 1 (a gain of 2); deviating starts its own punishment. Keeping needs
    (1 - d)(-1) + 4 d >= (1 - d) 1 + d ((1 - d)(-4) + 4 d); dividing by (1 - d):
    -1 + 4 d >= 1 - 4 d, i.e. d >= 1/4. Both bind at 1/4 < 2/5.
    """
    game = punishment_game()
    nash = critical_discount(game, ("C", "C"), "nash")
    minmax = critical_discount(game, ("C", "C"), "minmax")
    assert nash.delta == Fraction(2, 5)
    assert minmax.delta == Fraction(1, 4)
    assert minmax.punishment_length == 1
    assert minmax.punishment_profiles == (("D", "P"), ("P", "D"))
    assert minmax.delta < nash.delta


def test_minmax_equal_to_nash_uses_permanent_punishment() -> None:
    """In the Prisoner's Dilemma the minmax profile is the stage equilibrium: punishing for
    ever is credible and gives the grim threshold 1/2; any finite punishment needs more."""
    result = critical_discount(prisoners_dilemma(3, 0, 5, 1), ("C", "C"), "minmax")
    assert result.delta == Fraction(1, 2)
    assert result.punishment_length == "forever"


def test_tit_for_tat_both_conditions() -> None:
    """Axelrod (1984): delta >= (T-R)/(T-P) and delta >= (T-R)/(R-S).

    R=3, S=0, T=5, P=1: 2/4 = 1/2 and 2/3, so 2/3; R=3, S=2, T=5, P=0: 2/5 and 2/1 is
    impossible (alternating D, C pays more than cooperating).
    """
    assert critical_discount(
        prisoners_dilemma(3, 0, 5, 1), ("C", "C"), strategy="tit_for_tat"
    ).delta == Fraction(2, 3)
    symbolic = critical_discount(prisoners_dilemma(), ("C", "C"), strategy="tit_for_tat")
    assert symbolic.delta.subs({R: 3, S: 0, T: 5, P: 1}) == sympy.Rational(2, 3)
    # (6-5)/(6-4) binds
    assert symbolic.delta.subs({R: 5, S: 0, T: 6, P: 4}) == sympy.Rational(1, 2)
    low_sucker = prisoners_dilemma(3, "5/2", 5, 0)
    assert critical_discount(low_sucker, ("C", "C"), strategy="tit_for_tat").delta is None


def test_correlated_target_alternation() -> None:
    """Alternating (C, D) and (D, C) by public lottery in a game where each is worth 5 to the
    shirker and 0 to the cooperator, with stage equilibrium (D, D) worth 1.

    Path value 5/2. At (C, D) the cooperator could get 1 instead of 0: gain 1, so
    delta >= 1/(1 + 5/2 - 1) = 2/5; the shirker is best-responding (5 > 3).
    """
    game = prisoners_dilemma(3, 0, 5, 1)
    result = critical_discount(game, {("C", "D"): "1/2", ("D", "C"): "1/2"})
    assert result.delta == Fraction(2, 5)


def test_target_already_an_equilibrium_needs_no_patience() -> None:
    assert critical_discount(prisoners_dilemma(3, 0, 5, 1), ("D", "D")).delta == 0


def test_unsustainable_target() -> None:
    """(C, C) worth 0 is below the stage equilibrium payoff 1: no delta sustains it."""
    result = critical_discount(prisoners_dilemma(0, -1, 5, 1), ("C", "C"))
    assert result.delta is None and not result.sustainable


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda g: critical_discount(g, ("C", "X")), "unknown"),
        (lambda g: critical_discount(g, "C"), "profile"),
        (lambda g: critical_discount(g, ("C", "C"), punishment="harsh"), "unknown punishment"),
        (
            lambda g: critical_discount(
                g, {("C", "C"): "1/2", ("D", "D"): "1/2"}, strategy="tit_for_tat"
            ),
            "pure target",
        ),
        (lambda g: critical_discount(g, ("C", "C"), nash=("C", "C")), "not a Nash equilibrium"),
        (lambda g: critical_discount(g, {("C", "C"): "1/2", ("D", "D"): "1/3"}), "sum to 1"),
        (lambda g: critical_discount(g, ("C", "C"), "minmax", max_length=0), "max_length"),
    ],
)
def test_bad_input_gives_clear_error(call, message) -> None:
    with pytest.raises(RepeatedGameError, match=message):
        call(prisoners_dilemma(3, 0, 5, 1))


def test_symbolic_game_needs_reversion_profile() -> None:
    with pytest.raises(RepeatedGameError, match="nash="):
        critical_discount(prisoners_dilemma(), ("C", "C"))


@pytest.mark.parametrize("delta", [0, 1, "3/2", -0.5, "abc", None])
def test_required_instrument_rejects_delta_outside_unit_interval(delta) -> None:
    game = Game.bimatrix([["3 + s", "s"], [5, 1]], [["3 + s", 5], ["s", 1]])
    with pytest.raises(RepeatedGameError, match="delta"):
        required_instrument(game, "s", (0, 0), delta)


def test_required_instrument_errors() -> None:
    game = Game.bimatrix([["3 + s", "s"], [5, "q"]], [["3 + s", 5], ["s", 1]])
    with pytest.raises(RepeatedGameError, match="substitute the other parameters"):
        required_instrument(game, "s", (0, 0), "1/2")
    with pytest.raises(RepeatedGameError, match="no parameter"):
        required_instrument(game, "x", (0, 0), "1/2")


def enterprise_subsidy_game() -> Game:
    """School x Enterprise with a subsidy ``s`` to a cooperating Enterprise.

    School rows, Enterprise columns, strategies (Cooperate, Shirk)::

        (25, 15 + s)   (-15, 20)
        (5, -45 + s)   (0, 0)
    """
    return Game.bimatrix([[25, -15], [5, 0]], [["15 + s", 20], ["-45 + s", 0]],
                         players=["School", "Enterprise"], strategies=[["Cooperate", "Shirk"]] * 2)


def test_subsidy_needed_is_exact_and_decreasing_in_delta() -> None:
    """The Enterprise gains 20 - 15 - s = 5 - s by shirking and loses 15 + s per period after,
    reverting to (Shirk, Shirk) (a stage equilibrium while s <= 45). Grim trigger needs
    (1 - d)(5 - s) <= d (15 + s), i.e. s >= 5 - 20 d: at d = 1/10 that is 3, at d = 1/8 it is 5/2,
    and from d = 1/4 on no subsidy is needed. The School never wants to deviate (25 > 5).
    """
    game = enterprise_subsidy_game()
    levels = [required_instrument(game, "s", ("Cooperate", "Cooperate"), d).level
              for d in ("1/10", "1/8", "1/5", "1/4", "1/2")]
    assert levels == [Fraction(3), Fraction(5, 2), Fraction(1), Fraction(0), Fraction(0)]
    assert all(isinstance(v, Fraction) for v in levels)
    assert all(a >= b for a, b in zip(levels, levels[1:]))
    # and back: with the subsidy needed at 1/10, the critical delta is exactly 1/10
    assert critical_discount(game.subs({"s": 3}), ("Cooperate", "Cooperate")).delta == Fraction(
        1, 10
    )


def test_subsidy_for_tit_for_tat() -> None:
    """Tit-for-tat adds (T-R)/(R-S) <= d for the Enterprise: (5 - s)/(15 + s + 20) ... with
    R = 15 + s, S = -20... here S is the Enterprise's payoff at (Shirk, Cooperate) = -45 + s, so
    R - S = 60 and (5 - s)/60 <= d, while (5 - s)/(20 - 0) <= d from defecting for ever:
    at d = 1/10, s >= 3 from the second and s >= -1 from the first, so 3.
    """
    game = enterprise_subsidy_game()
    level = required_instrument(
        game, "s", ("Cooperate", "Cooperate"), "1/10", strategy="tit_for_tat"
    )
    assert level.level == Fraction(3)


small = st.integers(min_value=-4, max_value=6)
deltas = st.sampled_from(
    [Fraction(1, 10), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(9, 10)]
)


@settings(max_examples=40, deadline=None)
@given(st.lists(small, min_size=8, max_size=8), deltas)
def test_inverse_agrees_with_critical_discount(payoffs, delta) -> None:
    """On random (often degenerate) 2x2 games with a subsidy s to the column player when it plays
    its first strategy: the smallest s that sustains (0, 0) at delta (grim, reverting to (1, 1))
    has critical delta <= delta, and a smaller s does not work."""
    a = [[payoffs[0], payoffs[1]], [payoffs[2], payoffs[3]]]
    b = [[f"{payoffs[4]} + s", payoffs[5]], [f"{payoffs[6]} + s", payoffs[7]]]
    game = Game.bimatrix(a, b)
    found = required_instrument(game, "s", (0, 0), delta, nash=(1, 1))

    def sustains(level: Fraction) -> bool:
        numeric = game.subs({"s": level})
        if not is_nash(numeric, [[0, 1], [0, 1]]):
            return False
        return critical_discount(numeric, (0, 0), nash=(1, 1)).sustains(delta)

    if found.level is None:
        assert not any(sustains(Fraction(v)) for v in (0, 1, 3, 10, 100))
        return
    assert isinstance(found.level, Fraction)
    assert sustains(found.level) == found.attained
    if found.level > 0:
        assert not sustains(found.level - Fraction(1, 1000))


def test_shortest_punishment_by_hand() -> None:
    """PD (3, 0, 5, 1) with L periods of (D, D): keeping to the path needs d^(L+1) <= 2d - 1.
    d = 3/5: L = 3 (see the docstring); d = 3/4: (3/4)^2 = 9/16 > 1/2, (3/4)^3 = 27/64 <= 1/2, L =
    2; d = 1/2: 2d - 1 = 0, so no finite L, and punishing for ever (grim) works exactly at 1/2."""
    from coopgame.repeated import shortest_punishment

    pd = prisoners_dilemma(3, 0, 5, 1)
    assert shortest_punishment(pd, ("C", "C"), "3/5") == 3
    assert shortest_punishment(pd, ("C", "C"), "3/4") == 2
    assert shortest_punishment(pd, ("C", "C"), "1/2") == "forever"
    assert shortest_punishment(pd, ("C", "C"), "1/3") is None
    # the 3x3 game: one period suffices from 1/4 on
    assert shortest_punishment(punishment_game(), ("C", "C"), "1/4") == 1
    with pytest.raises(RepeatedGameError, match="delta"):
        shortest_punishment(pd, ("C", "C"), 1)


@st.composite
def small_bimatrix(draw: st.DrawFn) -> Game:
    rows, cols = draw(st.sampled_from([(2, 2), (2, 3), (3, 3)]))
    entries = st.integers(min_value=-4, max_value=6)
    A = [[draw(entries) for _ in range(cols)] for _ in range(rows)]
    B = [[draw(entries) for _ in range(cols)] for _ in range(rows)]
    return Game.bimatrix(A, B)


@settings(max_examples=60, deadline=None)
@given(
    small_bimatrix(),
    st.integers(0, 8),
    st.integers(1, 4),
    st.sampled_from(
        [Fraction(1, 7), Fraction(1, 3), Fraction(1, 2), Fraction(5, 7), Fraction(9, 10)]
    ),
)
def test_penal_code_polynomials_match_direct_evaluation(game, cell, length, delta) -> None:
    """The polynomials in delta behind the minmax threshold agree with evaluating the one-shot
    deviation conditions directly at a rational delta."""
    from coopgame.repeated._discount import (
        _penal_code_conditions,
        _penal_code_holds,
        pure_minmax_profiles,
    )

    profiles = list(game.pure_profiles())
    target = ((profiles[cell % len(profiles)], Fraction(1)),)
    punishments = pure_minmax_profiles(game)
    for periods in (length, None):
        polynomials = _penal_code_conditions(game, target, punishments, periods)
        by_polynomial = all(sum(c * delta**k for k, c in enumerate(p)) >= 0 for p in polynomials)
        assert by_polynomial == _penal_code_holds(game, target, punishments, periods, delta)


@settings(max_examples=80, deadline=None)
@given(small_bimatrix(), st.sampled_from([0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]))
def test_minmax_threshold_agrees_with_shortest_punishment(game, cell) -> None:
    """At a rational critical delta the shortest working punishment is the one reported; just
    below it (by 1/1000) no punishment of at most 10 periods works."""
    from coopgame.repeated import shortest_punishment

    profiles = list(game.pure_profiles())
    # cell 0: the efficient profile, usually not a stage equilibrium, so the threshold is positive
    target = (max(profiles, key=lambda a: sum(game.payoff_of(a))) if cell == 0
              else profiles[cell % len(profiles)])
    result = critical_discount(game, target, "minmax")
    if result.delta is None or not isinstance(result.delta, Fraction) or result.delta == 0:
        return
    if set(result.punishment_used) != {"minmax"}:
        # a fallback to Nash reversion for some player: see test_fallback_code_holds_at_threshold
        return
    assert (
        shortest_punishment(game, target, result.delta, max_length=10) == result.punishment_length
    )
    below = result.delta - Fraction(1, 1000)
    if below > 0:
        assert shortest_punishment(game, target, below, max_length=10) is None
