"""The bridge from bargaining to the school-enterprise model.

Which benefit-sharing coefficient ``a`` Nash bargaining predicts, whether it makes mutual
cooperation an equilibrium, and the cheapest subsidy that makes the bargained split
self-enforcing. The bargaining itself is :func:`coopgame.bargaining.split_surplus`; the
levels are :func:`coopgame.design.threshold`; this module only knows the model.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from coopgame.bargaining import BargainingError, split_surplus
from coopgame.models._games import school_enterprise_game
from coopgame.models._parameters import COOPERATE, PARAMETERS, SHIRK
from coopgame.models._presets import preset_parameters

__all__ = [
    "SelfEnforcingSubsidy",
    "SubsidyLevel",
    "bargained_sharing",
    "self_enforcing_subsidy",
    "sharing_range",
]

_TARGET = (COOPERATE, COOPERATE)
_STATUS_QUO = (SHIRK, SHIRK)


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class SubsidyLevel:
    """The smallest level of one subsidy that makes the bargained split self-enforcing.

    Attributes
    ----------
    instrument
        The subsidy's parameter (``"S_s"`` or ``"S_e"``).
    value
        The smallest level (exact), or None when no level works.
    formula
        The condition on the level (a sympy relation such as ``S_e >= 70/3``), or None.
    sharing
        The bargained coefficient as a function of the level, ``a*(S)``.
    sharing_at_value
        ``a*`` at :attr:`value` (None when there is no value).
    """

    instrument: str
    value: Any
    formula: Any
    sharing: Any
    sharing_at_value: Any

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (exact numbers and formulas as strings)."""
        return {
            "value": _text(self.value),
            "formula": _text(self.formula),
            "sharing": str(self.sharing),
            "sharing_at_value": _text(self.sharing_at_value),
        }


@dataclass(frozen=True)
class SelfEnforcingSubsidy:
    """Is the bargained split self-enforcing, and if not, which subsidy makes it so.

    Attributes
    ----------
    sharing
        The bargained coefficient ``a*`` at the given values.
    sharing_formula
        ``a*`` with every other model parameter a symbol.
    sharing_range
        The coefficients ``a`` that make mutual cooperation an equilibrium (low, high), or None.
    self_enforcing
        Whether ``a*`` lies in :attr:`sharing_range`.
    subsidies
        Instrument -> :class:`SubsidyLevel` (empty when the split is self-enforcing).
    cheapest
        The instrument with the smallest level (the first listed on a tie), or None.
    weights
        The (School, Enterprise) bargaining weights.
    """

    sharing: Any
    sharing_formula: Any
    sharing_range: tuple[Any, Any] | None
    self_enforcing: bool
    subsidies: Mapping[str, SubsidyLevel] = field(default_factory=dict)
    cheapest: str | None = None
    weights: tuple[Any, ...] = (1, 1)

    def __post_init__(self) -> None:
        object.__setattr__(self, "subsidies", MappingProxyType(dict(self.subsidies)))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (exact numbers and formulas as strings).

        Examples
        --------
        >>> self_enforcing_subsidy({"F": 14}).to_dict()["range"]
        ['1/10', '2/5']
        """
        return {
            "sharing": str(self.sharing),
            "sharing_formula": f"a* = {self.sharing_formula}",
            "range": None if self.sharing_range is None else [str(x) for x in self.sharing_range],
            "self_enforcing": self.self_enforcing,
            "subsidies": {name: level.to_dict() for name, level in self.subsidies.items()},
            "cheapest": self.cheapest,
            "weights": [str(w) for w in self.weights],
        }


def _model_values(values: Mapping[str, Any] | None, free: Sequence[str]) -> dict[str, Any]:
    merged: dict[str, Any] = preset_parameters("baseline")
    merged.update(values or {})
    unknown = sorted(set(merged) - set(PARAMETERS))
    if unknown:
        raise BargainingError(
            f"unknown model parameters {unknown}; parameters are {list(PARAMETERS)}"
        )
    for name in free:
        merged[name] = name
    return merged


def bargained_sharing(values: Mapping[str, Any] | None = None, *, weights: Sequence[Any] = (1, 1),
                      disagreement: Any = _STATUS_QUO, free: Sequence[str] = ()) -> Any:
    """The benefit-sharing coefficient ``a`` that Nash bargaining predicts in the school-enterprise
    model.

    Under mutual cooperation the two payoffs sum to a total ``T`` that does not depend
    on ``a`` (money moves from one side to the other), so the weighted Nash split of ``T``
    (:func:`coopgame.bargaining.split_surplus`) gives the School
    ``u_S* = d_S + w_S/(w_S + w_E) (T - d_S - d_E)``; ``a`` solves ``u_S(a) = u_S*``.

    Parameters
    ----------
    values
        Model parameters (see :mod:`coopgame.models`); missing ones come from the
        ``"baseline"`` preset; ``a`` is ignored.
    weights
        (School, Enterprise) bargaining weights.
    disagreement
        A pure profile (default the status quo ``("Shirk", "Shirk")``) or two numbers.
    free
        Parameters to keep symbolic (the answer is then a formula in them).

    Examples
    --------
    Baseline: ``T = 20``, ``d = (0, -5)``, so the School gets 25/2 = 60a - 15:

    >>> bargained_sharing()
    Fraction(11, 24)
    >>> bargained_sharing(free=["S_e"])
    S_e/400 + 11/24
    """
    import sympy

    params = _model_values(values, free)
    params["a"] = "a"
    game = school_enterprise_game(**params)
    u = game.payoff_of(_TARGET)
    if isinstance(disagreement, Sequence) and all(isinstance(s, str) for s in disagreement):
        d: Any = game.payoff_of(disagreement)
    else:
        d = disagreement
    a = sympy.Symbol("a")
    total = sympy.expand(u[0] + u[1])
    if a in total.free_symbols:
        raise BargainingError(
            "the total payoff of mutual cooperation depends on a: not a pure split"
        )  # pragma: no cover
    school = split_surplus(total, d, weights).point[0]
    solution = sympy.solve(sympy.Eq(u[0], school), a)
    if len(solution) != 1:
        raise BargainingError(
            "the School's payoff does not depend on the sharing coefficient (p*R = 0)"
        )
    result = sympy.expand(solution[0])
    return Fraction(int(result.p), int(result.q)) if result.is_Rational else result


def sharing_range(values: Mapping[str, Any] | None = None) -> tuple[Any, Any] | None:
    """The sharing coefficients ``a`` in ``[0, 1]`` under which mutual cooperation is a Nash
    equilibrium.

    Uses :func:`coopgame.design.threshold`; None when no ``a`` works.

    Examples
    --------
    In the baseline the School needs ``a >= 1/3`` and the Enterprise ``a <= 1/6``:

    >>> sharing_range() is None
    True
    >>> sharing_range({"F": 14})
    (Fraction(1, 10), Fraction(2, 5))
    """
    from coopgame.design import threshold

    game = school_enterprise_game(**_model_values(values, ["a"]))
    found = threshold(game, "a", _TARGET, lower=0, upper=1)
    if found.status == "unreachable" or found.interval is None:
        return None
    low, high = found.interval
    if low > high:
        return None
    return low, high


def self_enforcing_subsidy(
    values: Mapping[str, Any] | None = None,
    *,
    weights: Sequence[Any] = (1, 1),
    disagreement: Any = _STATUS_QUO,
    instruments: Sequence[str] = ("S_s", "S_e"),
) -> SelfEnforcingSubsidy:
    """Does the Nash bargaining split make cooperation an equilibrium, and if not, the cheapest
    subsidy that does.

    A subsidy ``S`` (reaching the cooperating side with rate ``r``) raises the total
    that is bargained over, so the bargained coefficient ``a*(S)`` moves with it;
    for each instrument the smallest ``S`` with ``(Cooperate, Cooperate)`` a Nash
    equilibrium of the game at ``a = a*(S)`` is found by :func:`coopgame.design.threshold`
    (the payoffs stay linear in ``S``). The cheapest instrument wins.

    Returns
    -------
    SelfEnforcingSubsidy
        ``a*``, its formula, the range of ``a`` that makes cooperation an equilibrium,
        whether ``a*`` lies in it, and the level of each subsidy (``to_dict()`` for JSON).

    Examples
    --------
    Baseline: ``a* = 11/24`` is outside the (empty) range; the Enterprise must get
    its free-riding payoff 25, i.e. ``(15 + 3/10 S)/2 >= 25`` whichever side is
    subsidised (both raise the bargained total equally; a tie goes to the first listed):

    >>> answer = self_enforcing_subsidy()
    >>> answer.sharing, answer.self_enforcing, answer.cheapest
    (Fraction(11, 24), False, 'S_s')
    >>> answer.subsidies["S_e"].value, answer.subsidies["S_e"].formula
    (Fraction(350, 3), S_e >= 350/3)
    """
    from coopgame.design import threshold

    sharing = bargained_sharing(values, weights=weights, disagreement=disagreement)
    allowed = sharing_range(values)
    inside = allowed is not None and allowed[0] <= sharing <= allowed[1]
    subsidies: dict[str, SubsidyLevel] = {}
    best: tuple[Any, str] | None = None
    if not inside:
        for name in instruments:
            a_of_s = bargained_sharing(
                values, weights=weights, disagreement=disagreement, free=[name]
            )
            params = _model_values(values, [name])
            params["a"] = a_of_s
            found = threshold(school_enterprise_game(**params), name, _TARGET)
            value = found.value
            at_value = (
                None
                if value is None
                else bargained_sharing(
                    {**(values or {}), name: value}, weights=weights, disagreement=disagreement
                )
            )
            subsidies[name] = SubsidyLevel(name, value, found.formula, a_of_s, at_value)
            if value is not None and (best is None or value < best[0]):
                best = (value, name)
    formula = bargained_sharing(values, weights=weights, disagreement=disagreement,
                                free=[name for name in PARAMETERS if name != "a"])
    return SelfEnforcingSubsidy(
        sharing,
        formula,
        allowed,
        inside,
        subsidies,
        None if best is None else best[1],
        tuple(weights),
    )
