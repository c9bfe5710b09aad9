"""The ``bargaining`` analysis: axiomatic bargaining solutions, Rubinstein shares, the model bridge.

Scenario syntax: ``[analysis] bargaining = { rules = ["nash", ...], disagreement = "nash",
equilibrium = 0, weights = [1, 1], rubinstein = { delta = [d1, d2] }, model = {...} }`` (all
optional), or ``bargaining = false``. Report: :func:`compute` (a :class:`BargainingResult`);
``model`` adds the bridge to the school-enterprise model,
:func:`coopgame.models.self_enforcing_subsidy`. Sweep: ``bargaining[<player>]`` (float),
two-player games.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Literal

from coopgame._format import display_number
from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    AnalysisOptionsError,
    ColumnKind,
    Setup,
    discount,
    integer,
    name_list,
    numbers,
    option,
)
from coopgame.analyses._registry import register
from coopgame.game import Game

if TYPE_CHECKING:
    from coopgame.bargaining import BargainingSolution
    from coopgame.models import SelfEnforcingSubsidy

__all__ = ["Bargaining", "BargainingOptions", "BargainingResult", "compute"]

_Rule = Literal["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"]
_RULES: tuple[_Rule, ...] = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")


_THREAT_POINTS = ("maxmin", "nash", "minmax", "minmax_pure")


def _profile(names: list[str], key: str, setup: Setup, shown: Any) -> None:
    try:
        setup.game.profile_index(names)
    except (ValueError, TypeError, KeyError):
        raise AnalysisOptionsError(
            f"{key}: {shown!r} is not a pure profile of the game; use "
            f"{', '.join(map(repr, _THREAT_POINTS))}, a profile or two numbers"
        ) from None


def _disagreement(value: Any, key: str, setup: Setup) -> Any:
    if isinstance(value, str):
        if value not in _THREAT_POINTS:
            # a status quo written "Strategy1,Strategy2"
            _profile(value.split(","), key, setup, value)
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        _profile(value, key, setup, value)
        return tuple(value)  # a pure profile (the status quo)
    if isinstance(value, list):
        return numbers(len(value))(value, key, setup)  # a point
    raise AnalysisOptionsError(
        f"{key}: expected \"nash\", \"minmax\", a profile or a point, got {value!r}"
    )


def _rubinstein(value: Any, key: str, setup: Setup) -> tuple[Any, Any]:
    if not isinstance(value, Mapping) or set(value) != {"delta"}:
        raise AnalysisOptionsError(f"{key}: expected a table {{ delta = [d1, d2] }}, got {value!r}")
    deltas = value["delta"]
    if isinstance(deltas, str) or not isinstance(deltas, list) or len(deltas) != 2:
        raise AnalysisOptionsError(f"{key}.delta: expected two discount factors, got {deltas!r}")
    return discount(deltas[0], f"{key}.delta[0]"), discount(deltas[1], f"{key}.delta[1]")


def _weights(value: Any, key: str, setup: Setup) -> tuple[Any, ...]:
    weights: tuple[Any, ...] = numbers(2)(value, key, setup)
    for k, w in enumerate(weights):
        if w <= 0:
            raise AnalysisOptionsError(
                f"{key}[{k}]: a bargaining weight must be positive, got {value[k]!r}"
            )
    return weights


def _model(value: Any, key: str, setup: Setup) -> Mapping[str, Any]:
    from coopgame.models import PARAMETERS, parameter_problem

    if not isinstance(value, Mapping):
        raise AnalysisOptionsError(f"{key}: expected a table of model parameters, got {value!r}")
    for name, number in value.items():
        if name not in PARAMETERS:
            raise AnalysisOptionsError(f"{key}.{name}: unknown model parameter; parameters are "
                                       f"{', '.join(PARAMETERS)}")
        problem = parameter_problem(name, number)
        if problem is not None:
            raise AnalysisOptionsError(f"{key}.{name}: {problem}")
    return MappingProxyType(dict(value))


@dataclass(frozen=True)
class BargainingOptions:
    """``[analysis] bargaining``: the rules, the disagreement point (default ``"maxmin"``), the
    stage equilibrium of ``disagreement = "nash"`` (default 0), the weights (default equal),
    Rubinstein's discount factors and the school-enterprise model's parameters for the bridge."""

    rules: tuple[_Rule, ...] = option(_RULES, name_list(_RULES))
    disagreement: Any = option("maxmin", _disagreement)
    equilibrium: int = option(0, integer(0))
    weights: tuple[Any, ...] = option((1, 1), _weights)
    rubinstein: tuple[Any, Any] | None = option(None, _rubinstein)
    model: Mapping[str, Any] | None = option(None, _model)


@dataclass(frozen=True)
class BargainingResult:
    """The ``bargaining`` section.

    Attributes
    ----------
    solutions
        Rule -> its solution on the game's feasible set; None unless the game is a
        numeric two-player game.
    rubinstein
        ``(delta_1, delta_2)`` and the two shares of Rubinstein's game, or None.
    bridge
        The bridge to the school-enterprise model (the ``model`` option), or None.
    exact
        Whether the game's numbers are exact (how the disagreement point is written).
    """

    solutions: Mapping[str, BargainingSolution] | None = None
    rubinstein: tuple[tuple[Any, Any], tuple[Any, Any]] | None = None
    bridge: SelfEnforcingSubsidy | None = None
    exact: bool = True

    def __post_init__(self) -> None:
        if self.solutions is not None:
            object.__setattr__(self, "solutions", MappingProxyType(dict(self.solutions)))

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report's section (exact numbers as strings)."""
        solutions = self.solutions or {}
        section: dict[str, Any] = {
            "solutions": {rule: s.to_dict() for rule, s in solutions.items()}
        }
        if solutions:
            # said once for the section, so a reader sees which threat point every rule starts from
            solution = next(iter(solutions.values()))
            values = ", ".join(display_number(x) for x in solution.disagreement)
            section["disagreement_point"] = (
                f"({values}), {solution.notes[0].removeprefix('disagreement: ')}"
            )
        if self.solutions is not None:
            section["feasible_set"] = "convex hull of the pure-profile payoffs (correlated play)"
        else:
            section["note"] = "axiomatic solutions need a numeric two-player game"
        if self.rubinstein is not None:
            deltas, shares = self.rubinstein
            section["rubinstein"] = {
                "delta": [str(x) for x in deltas],
                "shares": [x if isinstance(x, float) else str(x) for x in shares],
            }
        if self.bridge is not None:
            section["bridge"] = self.bridge.to_dict()
        return section


def compute(game: Game, options: BargainingOptions) -> BargainingResult:
    """Axiomatic bargaining solutions of the game, Rubinstein's shares and the model bridge.

    Parameters
    ----------
    game
        The analysed game: the axiomatic solutions need a numeric two-player game
        (:func:`coopgame.bargaining.game_bargaining`); the other parts do not look at it.
    options
        The parsed ``[analysis] bargaining`` options.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> result = compute(pd, BargainingOptions(rules=("nash",)))
    >>> result.solutions["nash"].point
    (Fraction(3, 1), Fraction(3, 1))
    >>> result.to_dict()["disagreement_point"]
    "(1, 1), threat point = security levels (each side's maxmin value in mixed strategies)"
    """
    from coopgame.bargaining import game_bargaining, rubinstein

    solutions: dict[str, BargainingSolution] | None = None
    if game.n_players == 2 and game.kind != "symbolic":
        solutions = {
            rule: game_bargaining(
                game,
                rule,
                options.disagreement,
                equilibrium=options.equilibrium,
                weights=options.weights,
            )
            for rule in options.rules
        }
    shares = (
        None
        if options.rubinstein is None
        else (options.rubinstein, rubinstein(*options.rubinstein))
    )
    bridge = None
    if options.model is not None:
        from coopgame.models import self_enforcing_subsidy

        bridge = self_enforcing_subsidy(options.model, weights=options.weights)
    return BargainingResult(solutions, shares, bridge, game.kind == "exact")


class Bargaining(Analysis):
    """Nash, Kalai-Smorodinsky, egalitarian and utilitarian bargaining over the game's outcomes."""

    name = "bargaining"
    summary = "Nash bargaining payoffs, two-player games"
    order = 50
    Options = BargainingOptions

    def run(self, game: Game, context: AnalysisContext) -> BargainingResult:
        return compute(game, self.options_in(context))

    def columns(self, game: Game, context: AnalysisContext) -> dict[str, ColumnKind]:
        return {f"bargaining[{p}]": "float" for p in game.players}

    def row(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
        from coopgame._sweep_rows import bargaining

        return bargaining(game, context)

    def check_sweep(self, game: Game, context: AnalysisContext) -> None:
        from coopgame.sweep import SweepError

        if game.n_players != 2:
            raise SweepError(f"the bargaining analysis needs a two-player game; this one has "
                             f"{game.n_players} players")


register(Bargaining)
