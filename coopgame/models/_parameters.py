"""The parameters of the school-enterprise models: their meaning and the values each may take.

See :mod:`coopgame.models` for the table of parameters.
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

from coopgame.numbers import to_symbolic

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
PARAMETERS: tuple[str, ...] = (
    "R",
    "p",
    "a",
    "C_s",
    "C_e",
    "B_s",
    "B_e",
    "m",
    "S_s",
    "S_e",
    "tau",
    "F",
    "r",
)
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
    "must be a share in [0, 1], got -1/2 (a: benefit-sharing coefficient: the School's share of the
    surplus)"
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
