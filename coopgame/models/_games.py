"""Domain models: the school-enterprise game and the school-enterprise-government game.

Both are built from named parameters (numbers, ``"p/q"`` strings or sympy
symbols; by default every parameter is a symbol of its own name), so the same
function gives the symbolic model for threshold analysis and a numeric game for
equilibrium computation. Policy instruments are applied with
:class:`coopgame.policy.Policy`, so the game's ``modifications`` say which instrument
changed which cell (see ``docs/guide/school-enterprise-model.md``).

Parameters of the two-player model (School x Enterprise, each "Cooperate" or "Shirk"):

=========  ==================================================================
``R``      surplus of a successful joint project (talent, products, research)
``p``      probability that a joint project delivers (the "unfinished results" risk);
           the expected surplus of mutual cooperation is ``p*R``
``a``      benefit-sharing coefficient: the School's share of the surplus
``C_s``    the School's cost of cooperating (teachers' workload beside teaching
           and vertical research)
``C_e``    the Enterprise's cost of cooperating (money, equipment, mentors)
``B_s``    the School's free-riding gain when it shirks and the Enterprise cooperates
``B_e``    the Enterprise's free-riding gain when it shirks and the School cooperates
           (poaching trained students without paying for the training)
``m``      market pressure: what an Enterprise loses when it shirks (competitors
           that cooperate hire the trained talent)
``S_s``    government subsidy to a cooperating School
``S_e``    government subsidy to a cooperating Enterprise
``tau``    tax incentive: rate of super-deduction of ``C_e`` for a cooperating Enterprise
``F``      contract penalty (liquidated damages) paid by the side that shirks to the
           side that cooperates
``r``      policy reach in [0, 1]: the share of subsidies and tax incentives that
           actually arrives
=========  ==================================================================

The three-player model adds the Government ("Support" or "Laissez-faire") with
``G`` (its benefit from mutual cooperation), ``C_g`` (its supervision cost when it
supports) and ``F_g`` (a regulatory fine it levies, under Support, on a side that
shirks). Subsidies and tax incentives are paid only under Support, by the Government.

References
----------
The payoff structure is the standard one of school-enterprise (industry-education)
cooperation games in the literature: a cooperative surplus shared by a coefficient,
cooperation costs, free-riding gains and contract penalties, with government
subsidies, tax incentives and fines as payoff modifiers; see e.g. Friedman, D.
(1991), Econometrica 59(3), 637-666, for the game form.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Any

import sympy

from coopgame.game import Game, GameError
from coopgame.numbers import to_symbolic
from coopgame.policy import Instrument, Penalty, Policy, Subsidy, TaxIncentive

__all__ = [
    "COOPERATE",
    "SHIRK",
    "SUPPORT",
    "LAISSEZ_FAIRE",
    "PARAMETERS",
    "GOVERNMENT_PARAMETERS",
    "DECLARATIONS",
    "Domain",
    "Parameter",
    "parameter_problem",
    "INSTRUMENT_PARAMETERS",
    "SIGN_ASSUMPTIONS",
    "PRESETS",
    "PRESET_DESCRIPTIONS",
    "MODELS",
    "ModelError",
    "school_enterprise_game",
    "school_enterprise_government_game",
    "preset",
    "preset_parameters",
]

COOPERATE, SHIRK = "Cooperate", "Shirk"
SUPPORT, LAISSEZ_FAIRE = "Support", "Laissez-faire"

@dataclass(frozen=True)
class Domain:
    """The values a parameter may take: an interval of the real line.

    Attributes
    ----------
    kind
        What the values are, in words (``"probability"``, ``"share"``, ...).
    low, high
        The bounds (None: unbounded on that side).
    low_open
        Whether ``low`` itself is excluded (a positive quantity).

    Examples
    --------
    >>> PROBABILITY.contains(Fraction(3, 2)), PROBABILITY.contains(1)
    (False, True)
    >>> PROBABILITY.describe(), POSITIVE.describe()
    ('a probability in [0, 1]', 'positive')
    """

    kind: str
    low: Fraction | None = None
    high: Fraction | None = None
    low_open: bool = False

    def contains(self, value: Any) -> bool:
        """Whether the number ``value`` lies in the domain (exact comparison)."""
        if self.low is not None and (value <= self.low if self.low_open else value < self.low):
            return False
        return self.high is None or value <= self.high

    def describe(self) -> str:
        """The domain in words, for error messages and the docs."""
        if self.low is not None and self.high is not None:
            return f"{self.kind} in [{self.low}, {self.high}]"
        return self.kind


PROBABILITY = Domain("a probability", Fraction(0), Fraction(1))
SHARE = Domain("a share", Fraction(0), Fraction(1))
RATE = Domain("a rate", Fraction(0), Fraction(1))
NONNEGATIVE = Domain("nonnegative", Fraction(0))
POSITIVE = Domain("positive", Fraction(0), low_open=True)
REAL = Domain("a real number")


@dataclass(frozen=True)
class Parameter:
    """A model parameter: its name, what it means and the values it may take."""

    name: str
    meaning: str
    domain: Domain


def _declare(*parameters: Parameter) -> Mapping[str, Parameter]:
    return MappingProxyType({p.name: p for p in parameters})


#: parameter name -> declaration, for both models (the two-player model's first, in the docs' order)
DECLARATIONS: Mapping[str, Parameter] = _declare(
    Parameter("R", "surplus of a successful joint project", POSITIVE),
    Parameter("p", "probability that a joint project delivers", PROBABILITY),
    Parameter("a", "benefit-sharing coefficient: the School's share of the surplus", SHARE),
    Parameter("C_s", "the School's cost of cooperating", NONNEGATIVE),
    Parameter("C_e", "the Enterprise's cost of cooperating", NONNEGATIVE),
    Parameter("B_s", "the School's free-riding gain", NONNEGATIVE),
    Parameter("B_e", "the Enterprise's free-riding gain", NONNEGATIVE),
    Parameter("m", "market pressure: what a shirking Enterprise loses", NONNEGATIVE),
    Parameter("S_s", "subsidy to a cooperating School", NONNEGATIVE),
    Parameter("S_e", "subsidy to a cooperating Enterprise", NONNEGATIVE),
    Parameter("tau", "tax incentive: rate of super-deduction of C_e", RATE),
    Parameter("F", "contract penalty paid by a side that shirks", NONNEGATIVE),
    Parameter("r", "policy reach: the share of subsidies and tax incentives that arrives", SHARE),
    Parameter("G", "the Government's benefit from mutual cooperation", NONNEGATIVE),
    Parameter("C_g", "the Government's supervision cost", NONNEGATIVE),
    Parameter("F_g", "regulatory fine on a side that shirks", NONNEGATIVE),
)

#: the two-player model's parameters, in the order of the docs table
PARAMETERS: tuple[str, ...] = ("R", "p", "a", "C_s", "C_e", "B_s", "B_e", "m", "S_s", "S_e", "tau", "F", "r")
#: the parameters the three-player model adds
GOVERNMENT_PARAMETERS: tuple[str, ...] = ("G", "C_g", "F_g")
#: the parameters that are policy levers (the report computes a threshold for each)
INSTRUMENT_PARAMETERS: tuple[str, ...] = ("S_s", "S_e", "tau", "F")
#: the signs the model takes for granted, as sympy conditions for
#: :func:`coopgame.design.threshold` (``assumptions=``): a reach ``r > 0`` (at ``r = 0`` no
#: instrument arrives, so no level of one can matter) and a positive cost ``C_e > 0`` (the base of
#: the tax incentive). Without them a general threshold formula splits into one case per sign.
SIGN_ASSUMPTIONS: tuple[Any, ...] = (sympy.Symbol("r") > 0, sympy.Symbol("C_e") > 0)


def parameter_problem(name: str, value: Any) -> str | None:
    """What is wrong with ``value`` for the model parameter ``name``, or None when nothing is.

    Symbolic values (expressions with free symbols) are not checked, and neither are
    names the models do not declare (the caller reports unknown names). Callers put
    the key in front: ``f"--set {name}: {problem}"``.

    Examples
    --------
    >>> parameter_problem("p", Fraction(3, 2))
    'must be a probability in [0, 1], got 3/2 (p: probability that a joint project delivers)'
    >>> parameter_problem("a", "-0.5")
    "must be a share in [0, 1], got -1/2 (a: benefit-sharing coefficient: the School's share of the surplus)"
    >>> parameter_problem("p", "1/2") is None, parameter_problem("p", "q") is None
    (True, True)
    """
    declaration = DECLARATIONS.get(name)
    if declaration is None:
        return None
    number = _as_number(value)
    if number is None or declaration.domain.contains(number):
        return None
    return f"must be {declaration.domain.describe()}, got {number} ({name}: {declaration.meaning})"


def _as_number(value: Any) -> Fraction | float | None:
    """``value`` as a comparable number; None for symbols and for inf/NaN (reported elsewhere)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, numbers.Rational):  # ints, Fractions, numpy integers: no sympy needed
        return Fraction(int(value.numerator), int(value.denominator))
    try:
        symbolic = to_symbolic(value)
    except ValueError:
        return None  # not a number at all: the conversion reports it
    if not (symbolic.is_number and symbolic.is_real and symbolic.is_finite):
        return None
    if symbolic.is_Rational:
        return Fraction(int(symbolic.p), int(symbolic.q))
    return float(symbolic)


class ModelError(GameError):
    """Unknown model, preset or parameter name."""


def _values(given: Mapping[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    unknown = sorted(set(given) - set(names))
    if unknown:
        raise ModelError(f"unknown parameter {unknown[0]!r}; the model's parameters are {', '.join(names)}")
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


def _contract_penalties(v: Mapping[str, Any], players: tuple[str, str]) -> list[tuple[Any, Instrument]]:
    school, enterprise = players
    return [
        (v["F"], Penalty(school, v["F"], when={school: SHIRK, enterprise: COOPERATE}, paid_to=enterprise,
                         label="contract penalty")),
        (v["F"], Penalty(enterprise, v["F"], when={school: COOPERATE, enterprise: SHIRK}, paid_to=school,
                         label="contract penalty")),
    ]


def _state_support(v: Mapping[str, Any], extra: Mapping[str, str]) -> list[tuple[Any, Instrument]]:
    return [
        (v["S_s"], Subsidy("School", v["S_s"], when={"School": COOPERATE, **extra}, reach=v["r"])),
        (v["S_e"], Subsidy("Enterprise", v["S_e"], when={"Enterprise": COOPERATE, **extra}, reach=v["r"])),
        (v["tau"], TaxIncentive("Enterprise", rate=v["tau"], base=v["C_e"],
                                when={"Enterprise": COOPERATE, **extra}, reach=v["r"])),
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
    >>> g = school_enterprise_government_game(**preset_parameters("combined", government=True))
    >>> g.players, g.shape
    (('School', 'Enterprise', 'Government'), (2, 2, 2))
    >>> g.payoff_of(("Cooperate", "Cooperate", "Support"))  # G - C_g - r*(S_s + S_e + tau*C_e) = 3
    (Fraction(23, 2), Fraction(61, 2), Fraction(3, 1))
    """
    v = _values(parameters, PARAMETERS + GOVERNMENT_PARAMETERS)
    school2, enterprise2 = _school_enterprise_base(v)
    both = v["G"]
    payoffs = [[[[school2[i][j], enterprise2[i][j], (both if i == j == 0 else 0) - (v["C_g"] if k == 0 else 0)]
                 for k in range(2)] for j in range(2)] for i in range(2)]
    game = Game(payoffs, players=["School", "Enterprise", "Government"],
                strategies=[[COOPERATE, SHIRK], [COOPERATE, SHIRK], [SUPPORT, LAISSEZ_FAIRE]])
    support = {"Government": SUPPORT}
    fines: list[tuple[Any, Instrument]] = [
        (v["F_g"], Penalty(side, v["F_g"], when={side: SHIRK, **support}, label="regulatory fine"))
        for side in ("School", "Enterprise")
    ]
    instruments = _present(_state_support(v, support) + _contract_penalties(v, ("School", "Enterprise"))
                           + fines)
    return Policy(instruments, government="Government").apply(game) if instruments else game


#: model name -> function (the names scenario files use in ``[game] model = ...``)
MODELS = MappingProxyType({
    "school_enterprise": school_enterprise_game,
    "school_enterprise_government": school_enterprise_government_game,
})

_BASELINE: dict[str, Fraction] = {
    "R": Fraction(100), "p": Fraction(3, 5), "a": Fraction(1, 5),
    "C_s": Fraction(15), "C_e": Fraction(25), "B_s": Fraction(5), "B_e": Fraction(30), "m": Fraction(5),
    "S_s": Fraction(0), "S_e": Fraction(0), "tau": Fraction(0), "F": Fraction(0), "r": Fraction(3, 10),
}
# balanced sharing: the School's share equals its share of the costs, 15 / (15 + 25)
_INTEREST_GUARANTEE = {"a": Fraction(3, 8), "F": Fraction(14)}
# fund supervision raises the reach from 3/10 to 4/5
_POLICY_SUPPORT = {"S_s": Fraction(5), "S_e": Fraction(10), "tau": Fraction(1, 2), "r": Fraction(4, 5)}

#: preset name -> parameter values of the two-player model (illustrative; see the docs page)
PRESETS: Mapping[str, Mapping[str, Fraction]] = MappingProxyType({
    "baseline": MappingProxyType(dict(_BASELINE)),
    "interest_guarantee": MappingProxyType({**_BASELINE, **_INTEREST_GUARANTEE}),
    "policy_support": MappingProxyType({**_BASELINE, **_POLICY_SUPPORT}),
    "combined": MappingProxyType({**_BASELINE, **_INTEREST_GUARANTEE, **_POLICY_SUPPORT}),
})

#: the three-player model's extra values, shared by every preset
GOVERNMENT_DEFAULTS: Mapping[str, Fraction] = MappingProxyType(
    {"G": Fraction(30), "C_g": Fraction(5), "F_g": Fraction(0)})

PRESET_DESCRIPTIONS: Mapping[str, str] = MappingProxyType({
    "baseline": "status quo: unbalanced benefit sharing, no contract penalty, no support, weak policy reach",
    "interest_guarantee": "balanced benefit sharing (by cost shares) and contract penalties",
    "policy_support": "subsidies and a tax incentive, with fund supervision raising the reach",
    "combined": "interest guarantee and policy support together",
})


def preset_parameters(name: str, government: bool = False) -> dict[str, Fraction]:
    """The parameter values of a preset (a fresh dict you may change).

    Examples
    --------
    >>> preset_parameters("combined")["a"]
    Fraction(3, 8)
    """
    if name not in PRESETS:
        raise ModelError(f"unknown preset {name!r}; presets are {', '.join(PRESETS)}")
    values = dict(PRESETS[name])
    if government:
        values.update(GOVERNMENT_DEFAULTS)
    return values


def preset(name: str, model: str = "school_enterprise", **overrides: Any) -> Game:
    """The game of a preset, optionally with some parameters changed (or made symbolic).

    Examples
    --------
    >>> from coopgame import nash_equilibria
    >>> g = preset("baseline")
    >>> [eq.support for eq in nash_equilibria(g)]   # both shirk
    [((1,), (1,))]
    >>> preset("combined", S_e="S_e").parameters
    frozenset({S_e})
    """
    if model not in MODELS:
        raise ModelError(f"unknown model {model!r}; models are {', '.join(MODELS)}")
    values: dict[str, Any] = preset_parameters(name, government=model == "school_enterprise_government")
    values.update(overrides)
    return MODELS[model](**values)
