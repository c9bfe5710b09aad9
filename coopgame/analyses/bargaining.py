"""The ``bargaining`` analysis: axiomatic bargaining solutions, Rubinstein shares, the model bridge.

Scenario syntax: ``[analysis] bargaining = { rules = ["nash", ...], disagreement = "nash",
equilibrium = 0, weights = [1, 1], rubinstein = { delta = [d1, d2] }, model = {...} }`` (all
optional), or ``bargaining = false``. Report: :func:`coopgame.bargaining.bargaining_section`.
Sweep: ``bargaining[<player>]`` (float), two-player games.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    AnalysisOptionsError,
    ColumnKind,
    SectionResult,
    Setup,
    discount,
    integer,
    name_list,
    numbers,
    option,
)
from coopgame.analyses._registry import register
from coopgame.game import Game

__all__ = ["Bargaining", "BargainingOptions"]

_RULES = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")


def _disagreement(value: Any, key: str, setup: Setup) -> Any:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)  # a pure profile (the status quo)
    if isinstance(value, list):
        return numbers(len(value))(value, key, setup)  # a point
    raise AnalysisOptionsError(f"{key}: expected \"nash\", \"minmax\", a profile or a point, got {value!r}")


def _rubinstein(value: Any, key: str, setup: Setup) -> tuple[Any, Any]:
    if not isinstance(value, Mapping) or set(value) != {"delta"}:
        raise AnalysisOptionsError(f"{key}: expected a table {{ delta = [d1, d2] }}, got {value!r}")
    deltas = value["delta"]
    if isinstance(deltas, str) or not isinstance(deltas, list) or len(deltas) != 2:
        raise AnalysisOptionsError(f"{key}.delta: expected two discount factors, got {deltas!r}")
    return discount(deltas[0], f"{key}.delta[0]"), discount(deltas[1], f"{key}.delta[1]")


def _model(value: Any, key: str, setup: Setup) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise AnalysisOptionsError(f"{key}: expected a table of model parameters, got {value!r}")
    return dict(value)


@dataclass(frozen=True)
class BargainingOptions:
    """``[analysis] bargaining``; ``None`` leaves a key to :func:`coopgame.bargaining.bargaining_section`."""

    rules: tuple[str, ...] = option(_RULES, name_list(_RULES))
    disagreement: Any = option(None, _disagreement)
    equilibrium: int | None = option(None, integer(0))
    weights: tuple[Any, ...] | None = option(None, numbers(2))
    rubinstein: tuple[Any, Any] | None = option(None, _rubinstein)
    model: Mapping[str, Any] | None = option(None, _model)

    def table(self) -> dict[str, Any]:
        """The options as the dict :func:`coopgame.bargaining.bargaining_section` reads."""
        table: dict[str, Any] = {"rules": list(self.rules)}
        for key in ("disagreement", "equilibrium", "weights", "model"):
            value = getattr(self, key)
            if value is not None:
                table[key] = value
        if self.rubinstein is not None:
            table["rubinstein"] = {"delta": list(self.rubinstein)}
        return table


class Bargaining(Analysis):
    """Nash, Kalai-Smorodinsky, egalitarian and utilitarian bargaining over the game's outcomes."""

    name = "bargaining"
    summary = "Nash bargaining payoffs, two-player games"
    order = 50
    Options = BargainingOptions

    def run(self, game: Game, context: AnalysisContext) -> SectionResult:
        from coopgame.bargaining import bargaining_section

        options: BargainingOptions = self.options_in(context)
        return SectionResult(bargaining_section(game, options.table()))

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
