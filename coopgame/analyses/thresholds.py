"""The ``thresholds`` analysis: the level of an instrument that makes the target an equilibrium.

Scenario syntax: ``[analysis] thresholds = [{ parameter = "S_e", target = [...], condition =
"nash" }, ...]`` (condition ``nash``, ``strict``, ``dominant`` or ``unique``; target default
the analysis target), or ``thresholds = false``. Report: ``thresholds``, one flat list of
records with their ``case`` (computed by :func:`coopgame.design.threshold`, with the formula
at the case's values and the general formula with every other parameter a symbol). Sweep:
``threshold[<parameter>,<condition>]`` (float) per request.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coopgame._format import type_name
from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    AnalysisOptionsError,
    ColumnKind,
    Renderer,
    Setup,
)
from coopgame.analyses._registry import register
from coopgame.game import Game

__all__ = ["CONDITIONS", "ThresholdRequest", "Thresholds", "ThresholdsOptions", "ThresholdsResult"]

#: The conditions a threshold can ask for.
CONDITIONS = ("nash", "strict", "dominant", "unique")


@dataclass(frozen=True)
class ThresholdRequest:
    """One threshold to compute: the level of ``parameter`` at which ``target`` meets ``condition``.
    """

    parameter: str
    target: tuple[str, ...]
    condition: str = "nash"


@dataclass(frozen=True)
class ThresholdsOptions:
    """The threshold requests of ``[analysis] thresholds`` (``given``: whether the scenario lists
    any).
    """

    requests: tuple[ThresholdRequest, ...] = ()
    given: bool = False


@dataclass(frozen=True)
class ThresholdsResult:
    """The thresholds of one case: JSON-ready records (``parameter``, ``condition``, ``status``,
    ``value``, ``formula``, ``general_formula``, ``target``, ``case``)."""

    rows: tuple[Mapping[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"thresholds": [dict(r) for r in self.rows]}


def _target(value: Any, key: str, game: Game) -> tuple[str, ...]:
    if isinstance(value, Mapping):
        missing = [p for p in game.players if p not in value]
        if missing:
            raise AnalysisOptionsError(f"{key}: missing a strategy for {missing[0]}")
        value = [value[p] for p in game.players]
    if (
        not isinstance(value, list)
        or len(value) != game.n_players
        or not all(isinstance(v, str) for v in value)
    ):
        raise AnalysisOptionsError(
            f"{key}: expected one strategy name per player ({game.n_players})"
        )
    for i, name in enumerate(value):
        if name not in game.strategies[i]:
            raise AnalysisOptionsError(f"{key}: unknown strategy {name!r} of {game.players[i]}; "
                                       f"strategies are {', '.join(game.strategies[i])}")
    return tuple(value)


def parse_target(value: Any, key: str, game: Game) -> tuple[str, ...]:
    """A pure profile given as strategy names (a list, or a table player -> strategy).

    Examples
    --------
    >>> g = Game.bimatrix(
    ...     [[1, 0], [0, 1]], [[1, 0], [0, 1]], players=["A", "B"], strategies=[["x", "y"]] * 2
    ... )
    >>> parse_target({"A": "y", "B": "x"}, "analysis.target", g)
    ('y', 'x')
    """
    return _target(value, key, game)


def parse_requests(raw: Any, setup: Setup) -> tuple[ThresholdRequest, ...]:
    """The requests of ``[analysis] thresholds``; errors name ``analysis.thresholds[k].<key>``."""
    if not isinstance(raw, list):
        raise AnalysisOptionsError(
            f"analysis.thresholds: expected an array of tables (or false), got {type_name(raw)}"
        )
    target = setup.target or tuple(s[0] for s in setup.game.strategies)
    requests = []
    for k, entry in enumerate(raw):
        key = f"analysis.thresholds[{k}]"
        if not isinstance(entry, Mapping):
            raise AnalysisOptionsError(
                f"{key}: expected a table {{parameter, target, condition}}, got {type_name(entry)}"
            )
        extra = sorted(set(entry) - {"parameter", "target", "condition"})
        if extra:
            raise AnalysisOptionsError(
                f"{key}.{extra[0]}: unknown key; keys are condition, parameter, target"
            )
        parameter = entry.get("parameter")
        if not isinstance(parameter, str):
            raise AnalysisOptionsError(f"{key}.parameter: missing (a parameter name)")
        if parameter not in setup.parameters:
            raise AnalysisOptionsError(f"{key}.parameter: unknown parameter {parameter!r}; "
                                       f"parameters are {', '.join(setup.parameters)}")
        condition = entry.get("condition", "nash")
        if condition not in CONDITIONS:
            raise AnalysisOptionsError(f"{key}.condition: unknown condition {condition!r}; "
                                       f"one of {', '.join(CONDITIONS)}")
        goal = (
            _target(entry["target"], f"{key}.target", setup.game) if "target" in entry else target
        )
        requests.append(ThresholdRequest(parameter, goal, condition))
    return tuple(requests)


def threshold_rows(
    case: str,
    symbolic: Game,
    values: Mapping[str, Any],
    requests: tuple[ThresholdRequest, ...],
    memo: dict[Any, Any],
    assumptions: tuple[Any, ...] = (),
) -> list[dict[str, Any]]:
    """One record per request at the case's values; ``memo`` keeps the general formulas across
    cases.

    The general formula (every other parameter a symbol) takes ``assumptions`` (signs such as
    ``r > 0``) for granted; each record lists them under ``assumptions``.
    """
    from coopgame import design

    rows = []
    for spec in requests:
        others = {k: v for k, v in values.items() if k != spec.parameter}
        condition: Any = spec.condition  # validated by design.threshold
        result = design.threshold(symbolic, spec.parameter, spec.target, condition, values=others)
        row = {"case": case, **result.to_dict(), "status": result.status}
        key = ("thresholds.general", id(symbolic), spec, assumptions)
        if key not in memo:
            # the same formula with every other parameter symbolic: what a paper would print
            try:
                general = design.threshold(symbolic, spec.parameter, spec.target, condition,
                                           assumptions=assumptions)
                memo[key] = None if general.formula is None else str(general.formula)
            except (ValueError, NotImplementedError, TypeError):
                memo[key] = None
        row["general_formula"] = memo[key]
        row["assumptions"] = [str(a) for a in assumptions]
        row["target"] = list(spec.target)
        rows.append(row)
    return rows


class Thresholds(Analysis):
    """The level of each instrument parameter at which the target meets a condition."""

    name = "thresholds"
    summary = "the instrument level that makes the target a (strict, dominant, unique) equilibrium"
    order = 20
    Options = ThresholdsOptions

    def parse_options(self, raw: Any, setup: Setup) -> ThresholdsOptions:
        if raw is None:
            return ThresholdsOptions()
        return ThresholdsOptions(parse_requests(raw, setup), given=True)

    def run(self, game: Game, context: AnalysisContext) -> ThresholdsResult:
        if context.symbolic_game is None:
            raise AnalysisOptionsError(
                "the thresholds analysis needs the symbolic game in the context"
            )
        return ThresholdsResult(
            tuple(
                threshold_rows(
                    context.case,
                    context.symbolic_game,
                    context.values,
                    context.thresholds,
                    context.memo,
                    context.assumptions,
                )
            )
        )

    def contribute(self, report: dict[str, Any], case: str, result: ThresholdsResult) -> None:
        report.setdefault("thresholds", []).extend(result.to_dict()["thresholds"])

    def render(self, renderer: Renderer, report: Mapping[str, Any], case: str) -> list[str]:
        render = getattr(renderer, "thresholds", None)
        if render is None:
            rows = [t for t in report.get("thresholds", []) if t.get("case") == case]
            return renderer.section(self.heading, {"thresholds": rows}) if rows else []
        lines: list[str] = render(report, case)
        return lines

    def columns(self, game: Game, context: AnalysisContext) -> dict[str, ColumnKind]:
        from coopgame._sweep_rows import threshold_key

        return {threshold_key(context, r): "float" for r in context.thresholds}

    def row(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
        from coopgame._sweep_rows import thresholds

        return thresholds(game, context)

    def check_sweep(self, game: Game, context: AnalysisContext) -> None:
        from coopgame.sweep import SweepError

        free = {str(s) for s in (context.symbolic_game or game).parameters}
        for request in context.thresholds:
            if request.parameter not in free:
                raise SweepError(
                    f"threshold of {request.parameter!r}: the game's payoffs do not depend on it"
                )


register(Thresholds)
