"""The school-enterprise models and their presets: payoffs derived by hand, and the presets' story.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy

from coopgame import nash_equilibria
from coopgame.models import (
    PRESETS,
    ModelError,
    preset,
    preset_parameters,
    school_enterprise_game,
    school_enterprise_government_game,
)
from coopgame.policy import base_game, modifications_of

C, N = "Cooperate", "Shirk"


def pure_equilibria_of(game):  # noqa: ANN001, ANN201 - a small helper for readability
    return {tuple(game.strategies[i][s[0]] for i, s in enumerate(eq.support))
            for eq in nash_equilibria(game) if eq.is_pure}


def test_symbolic_payoffs_match_the_documented_table() -> None:
    """Base payoffs (rows School): (C,C) = (a*p*R - C_s, (1-a)*p*R - C_e), (C,N) = (-C_s, B_e - m),
    (N,C) = (B_s, -C_e), (N,N) = (0, -m); the policy adds r*S_s, r*S_e + r*tau*C_e and F."""
    R, p, a, C_s, C_e, B_s, B_e, m, S_s, S_e, tau, F, r = sympy.symbols(
        "R p a C_s C_e B_s B_e m S_s S_e tau F r")
    g = school_enterprise_game()
    expected = {
        (C, C): (a * p * R - C_s + r * S_s, (1 - a) * p * R - C_e + r * S_e + r * tau * C_e),
        (C, N): (-C_s + r * S_s + F, B_e - m - F),
        (N, C): (B_s - F, -C_e + r * S_e + r * tau * C_e + F),
        (N, N): (0, -m),
    }
    for profile, payoffs in expected.items():
        for got, want in zip(g.payoff_of(profile), payoffs, strict=True):
            assert sympy.expand(got - want) == 0, (profile, got, want)
    base = base_game(g)
    assert sympy.expand(base.payoff_of((C, C))[1] - ((1 - a) * p * R - C_e)) == 0


def test_baseline_numbers_by_hand() -> None:
    """Baseline: p*R = 60, a = 1/5: School (C,C) = 12 - 15 = -3, Enterprise 48 - 25 = 23;
    (C,N): School -15, Enterprise 30 - 5 = 25; (N,C): 5, -25; (N,N): 0, -5."""
    g = preset("baseline")
    assert [g.payoff_of(p) for p in [(C, C), (C, N), (N, C), (N, N)]] == [
        (-3, 23),
        (-15, 25),
        (5, -25),
        (0, -5),
    ]
    assert g.modifications == ()  # no instrument at level 0 is recorded


def test_baseline_both_shirk() -> None:
    """Shirk strictly dominates for both (School: 5 > -3, 0 > -15; Enterprise: 25 > 23, -5 > -25).
    """
    result = nash_equilibria(preset("baseline"))
    assert len(result) == 1 and pure_equilibria_of(preset("baseline")) == {(N, N)}


def test_combined_cooperation_is_the_unique_strict_equilibrium() -> None:
    """Combined: School (C,C) = 45/2 - 15 + 4 = 23/2 > B_s - F = -9 and (C,N): -15 + 4 + 14 = 3 > 0;
    Enterprise (C,C) = 75/2 - 25 + 8 + 10 = 61/2 > 30 - 5 - 14 = 11 and (N,C): -25 + 18 + 14 = 7 >
    -5. Cooperate strictly dominates for both, so (C,C) is the unique equilibrium."""
    g = preset("combined")
    assert g.payoff_of((C, C)) == (Fraction(23, 2), Fraction(61, 2))
    assert g.payoff_of((C, N)) == (3, 11)
    assert g.payoff_of((N, C)) == (-9, 7)
    result = nash_equilibria(g)
    assert len(result) == 1 and pure_equilibria_of(g) == {(C, C)}


def test_interest_guarantee_fixes_the_free_riding_but_not_the_trust_problem() -> None:
    """a = 3/8, F = 14: (C,C) = (15/2, 25/2) is an equilibrium (15/2 > -9, 25/2 > 11), but so is
    (N,N): a lone cooperator loses (School -1 < 0, Enterprise -11 < -5)."""
    g = preset("interest_guarantee")
    assert pure_equilibria_of(g) == {(C, C), (N, N)}
    assert len(nash_equilibria(g)) == 3  # plus one mixed equilibrium


def test_policy_support_fixes_the_enterprise_side_only() -> None:
    """Enterprise's best reply to a cooperating School becomes Cooperate (41 > 25), but the School
    still shirks (1 < 5 and -11 < 0), so (N,N) stays the only equilibrium."""
    g = preset("policy_support")
    assert g.payoff_of((C, C)) == (1, 41)
    assert g.payoff_of((C, N)) == (-11, 25)
    assert pure_equilibria_of(g) == {(N, N)}
    base = preset("baseline")
    assert base.payoff_of((C, C))[1] < base.payoff_of((C, N))[1]


def test_presets_change_what_the_docs_say() -> None:
    assert set(PRESETS) == {"baseline", "interest_guarantee", "policy_support", "combined"}
    assert preset_parameters("interest_guarantee")["a"] == Fraction(15, 15 + 25)  # share by costs
    assert preset_parameters("combined")["r"] > preset_parameters("baseline")["r"]


def test_government_game_by_hand() -> None:
    """Combined values with G = 30, C_g = 5, F_g = 0. Under Support at (C,C): the Government gets
    30 - 5 - (4 + 8 + 10) = 3; under Laissez-faire it gets G = 30 and pays nothing, and the
    cooperating sides lose the subsidies: School 23/2 - 4 = 15/2, Enterprise 61/2 - 18 = 25/2."""
    g = school_enterprise_government_game(**preset_parameters("combined", government=True))
    assert g.payoff_of((C, C, "Support")) == (Fraction(23, 2), Fraction(61, 2), 3)
    assert g.payoff_of((C, C, "Laissez-faire")) == (Fraction(15, 2), Fraction(25, 2), 30)
    outlays = modifications_of(g, "Government", (C, C, "Support"))
    assert sorted(m.amount for m in outlays) == [-10, -8, -4]


def test_government_fines_are_its_income() -> None:
    """F_g = 6 under Support: a shirking Enterprise pays 6 to the Government."""
    values = {**preset_parameters("baseline", government=True), "F_g": 6}
    g = school_enterprise_government_game(**values)
    assert g.payoff_of((C, N, "Support"))[2] == -5 + 6
    assert g.payoff_of((N, N, "Support"))[2] == -5 + 12
    assert g.payoff_of((N, N, "Laissez-faire"))[2] == 0


def test_preset_with_a_symbolic_parameter() -> None:
    g = preset("combined", S_e="S_e")
    assert {str(s) for s in g.parameters} == {"S_e"}


@pytest.mark.parametrize(("call", "message"), [
    (lambda: preset("nope"), "unknown preset 'nope'"),
    (lambda: preset("baseline", model="nope"), "unknown model 'nope'"),
    (lambda: school_enterprise_game(Q=1), "unknown parameter 'Q'"),
])
def test_bad_names(call, message: str) -> None:  # noqa: ANN001
    with pytest.raises(ModelError, match=message):
        call()
