"""The two school-enterprise games: School x Enterprise, and School x Enterprise x Government.

The parameters are declared in :mod:`coopgame.models._parameters`; see :mod:`coopgame.models`.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from coopgame.game import Game, GameError
from coopgame.models._parameters import (
    COOPERATE,
    GOVERNMENT_PARAMETERS,
    LAISSEZ_FAIRE,
    PARAMETERS,
    SHIRK,
    SUPPORT,
    parameter_problem,
)
from coopgame.numbers import to_symbolic
from coopgame.policy import Instrument, Penalty, Policy, Subsidy, TaxIncentive

__all__ = ["MODELS", "ModelError", "school_enterprise_game", "school_enterprise_government_game"]


class ModelError(GameError):
    """Unknown model, preset or parameter name."""


def _values(given: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise ModelError(
            f"unknown parameter {unknown[0]!r}; the model's parameters are {', '.join(names)}"
        )
    values = {}
    for name in names:
        value = given.get(name, name)
        try:
            values[name] = to_symbolic(value)
        except ValueError as exc:
            raise ModelError(f"parameter {name}: {exc}") from None
        problem = parameter_problem(name, values[name])
        if problem is not None:
            raise ModelError(f"parameter {name}: {problem}")
    return values


def _is_zero(value: Any) -> bool:
    return bool(value.is_number and value == 0)


def _present(instruments: list[tuple[Any, Instrument]]) -> list[Instrument]:
    # an instrument at level 0 changes nothing: leave it out so reports stay readable
    return [instrument for level, instrument in instruments if not _is_zero(level)]


def _school_enterprise_base(v: Mapping[str, Any]) -> tuple[list[list[Any]], list[list[Any]]]:
    """The payoff matrices of School (rows) and Enterprise (columns) before any policy."""
    surplus = v["p"] * v["R"]
    school = [[v["a"] * surplus - v["C_s"], -v["C_s"]],
              [v["B_s"], 0]]
    enterprise = [[(1 - v["a"]) * surplus - v["C_e"], v["B_e"] - v["m"]],
                  [-v["C_e"], -v["m"]]]
    return school, enterprise


def _contract_penalties(
    v: Mapping[str, Any], players: tuple[str, str]
) -> list[tuple[Any, Instrument]]:
    school, enterprise = players
    return [
        (
            v["F"],
            Penalty(
                school,
                v["F"],
                when={school: SHIRK, enterprise: COOPERATE},
                paid_to=enterprise,
                label="contract penalty",
            ),
        ),
        (
            v["F"],
            Penalty(
                enterprise,
                v["F"],
                when={school: COOPERATE, enterprise: SHIRK},
                paid_to=school,
                label="contract penalty",
            ),
        ),
    ]


def _state_support(v: Mapping[str, Any], extra: Mapping[str, str]) -> list[tuple[Any, Instrument]]:
    return [
        (v["S_s"], Subsidy("School", v["S_s"], when={"School": COOPERATE, **extra}, reach=v["r"])),
        (
            v["S_e"],
            Subsidy("Enterprise", v["S_e"], when={"Enterprise": COOPERATE, **extra}, reach=v["r"]),
        ),
        (
            v["tau"],
            TaxIncentive(
                "Enterprise",
                rate=v["tau"],
                base=v["C_e"],
                when={"Enterprise": COOPERATE, **extra},
                reach=v["r"],
            ),
        ),
    ]


def school_enterprise_game(**parameters: Any) -> Game:
    """The 2x2 School x Enterprise cooperation game with policy instruments applied.

    Base payoffs (School, Enterprise), rows School, columns Enterprise:

    ==========  ==========================================  ================================
    \\           Cooperate                                   Shirk
    ==========  ==========================================  ================================
    Cooperate   ``a*p*R - C_s``, ``(1-a)*p*R - C_e``         ``-C_s``, ``B_e - m``
    Shirk       ``B_s``, ``-C_e``                            ``0``, ``-m``
    ==========  ==========================================  ================================

    Then the policy: subsidies ``S_s``, ``S_e`` and the tax incentive ``tau*C_e`` to
    the side that cooperates (times the reach ``r``), and the contract penalty ``F``
    from a side that shirks to a side that cooperates. Instruments at level 0 are left out.

    Parameters
    ----------
    **parameters
        Any of :data:`PARAMETERS` (numbers, ``"p/q"`` strings, expressions); the
        others stay symbols of their own name.

    Returns
    -------
    Game
        Players ``("School", "Enterprise")``, strategies ``("Cooperate", "Shirk")``;
        its ``modifications`` list the instruments' changes.

    Examples
    --------
    With the policy levels at zero this is the game of the acceptance example:

    >>> g = school_enterprise_game(p=1, m=0, S_s=0, S_e=0, tau=0, F=0)
    >>> g.payoff_of(("Cooperate", "Cooperate"))
    (-C_s + R*a, -C_e + R*(1 - a))
    >>> from coopgame.models import preset_parameters
    >>> g = school_enterprise_game(**preset_parameters("baseline"))
    >>> g.payoff_of(("Cooperate", "Cooperate"))
    (Fraction(-3, 1), Fraction(23, 1))
    """
    v = _values(parameters, PARAMETERS)
    school, enterprise = _school_enterprise_base(v)
    game = Game.bimatrix(school, enterprise, players=["School", "Enterprise"],
                         strategies=[[COOPERATE, SHIRK], [COOPERATE, SHIRK]])
    instruments = _present(_state_support(v, {}) + _contract_penalties(v, ("School", "Enterprise")))
    return Policy(instruments).apply(game) if instruments else game


def school_enterprise_government_game(**parameters: Any) -> Game:
    """The 2x2x2 School x Enterprise x Government game.

    School and Enterprise payoffs are those of :func:`school_enterprise_game`,
    except that subsidies and tax incentives are paid only when the Government
    plays "Support", and then by the Government (its outlays and forgone tax). Under
    Support the Government also pays the supervision cost ``C_g`` and fines a side
    that shirks ``F_g`` (its penalty income). Its own benefit ``G`` accrues when
    School and Enterprise both cooperate, whatever it plays: this is why a
    Government tends to withdraw once cooperation sustains itself.

    Parameters
    ----------
    **parameters
        Any of :data:`PARAMETERS` and :data:`GOVERNMENT_PARAMETERS`; the others stay symbols.

    Examples
    --------
    >>> from coopgame.models import preset_parameters
    >>> g = school_enterprise_government_game(**preset_parameters("combined", government=True))
    >>> g.players, g.shape
    (('School', 'Enterprise', 'Government'), (2, 2, 2))
    >>> g.payoff_of(("Cooperate", "Cooperate", "Support"))  # G - C_g - r*(S_s + S_e + tau*C_e) = 3
    (Fraction(23, 2), Fraction(61, 2), Fraction(3, 1))
    """
    v = _values(parameters, PARAMETERS + GOVERNMENT_PARAMETERS)
    school2, enterprise2 = _school_enterprise_base(v)
    both = v["G"]
    payoffs = [
        [
            [
                [
                    school2[i][j],
                    enterprise2[i][j],
                    (both if i == j == 0 else 0) - (v["C_g"] if k == 0 else 0),
                ]
                for k in range(2)
            ]
            for j in range(2)
        ]
        for i in range(2)
    ]
    game = Game(payoffs, players=["School", "Enterprise", "Government"],
                strategies=[[COOPERATE, SHIRK], [COOPERATE, SHIRK], [SUPPORT, LAISSEZ_FAIRE]])
    support = {"Government": SUPPORT}
    fines: list[tuple[Any, Instrument]] = [
        (v["F_g"], Penalty(side, v["F_g"], when={side: SHIRK, **support}, label="regulatory fine"))
        for side in ("School", "Enterprise")
    ]
    instruments = _present(
        _state_support(v, support) + _contract_penalties(v, ("School", "Enterprise")) + fines
    )
    return Policy(instruments, government="Government").apply(game) if instruments else game


#: model name -> function (the names scenario files use in ``[game] model = ...``)
MODELS = MappingProxyType({
    "school_enterprise": school_enterprise_game,
    "school_enterprise_government": school_enterprise_government_game,
})
