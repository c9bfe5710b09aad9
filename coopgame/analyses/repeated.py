"""The ``repeated`` analysis: critical discount factors of the target and the instrument level needed.

Scenario syntax: ``[analysis] repeated = { delta = "0.8", punishments = ["nash", "minmax"],
strategies = ["grim"], targets = [[...]], instruments = ["S_e"] }`` (all keys optional;
``instruments`` defaults to the thresholds' parameters), or ``repeated = false``.
Report: :func:`coopgame.repeated.repeated_section`. Sweep: ``delta_star`` (float) and, when
a discount factor is known, ``sustainable`` (bool); see :func:`coopgame._sweep_rows.repeated`.
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
    name_list,
    option,
)
from coopgame.analyses._registry import register
from coopgame.game import Game

__all__ = ["Repeated", "RepeatedOptions"]

_PUNISHMENTS = ("nash", "minmax")
_STRATEGIES = ("grim", "tit_for_tat")


def _targets(value: Any, key: str, setup: Setup) -> tuple[Any, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
        raise AnalysisOptionsError(f"{key}: expected a list of profiles, got {value!r}")
    targets = []
    for k, target in enumerate(value):
        if isinstance(target, list):
            try:
                setup.game.profile_index(target)
            except (ValueError, TypeError, KeyError) as exc:
                raise AnalysisOptionsError(f"{key}[{k}]: {exc}") from None
            target = tuple(target)
        targets.append(target)
    return tuple(targets)


def _instruments(value: Any, key: str, setup: Setup) -> tuple[str, ...]:
    found: tuple[str, ...] = name_list()(value, key, setup)
    return found


@dataclass(frozen=True)
class RepeatedOptions:
    """``[analysis] repeated``: the discount factor, punishments, strategies, targets and instruments.

    ``targets`` empty means the analysis target; ``instruments`` ``None`` means the thresholds' parameters.
    """

    delta: Any = option(None, discount)
    punishments: tuple[str, ...] = option(_PUNISHMENTS, name_list(_PUNISHMENTS))
    strategies: tuple[str, ...] = option(("grim",), name_list(_STRATEGIES))
    targets: tuple[Any, ...] = option((), _targets)
    instruments: tuple[str, ...] | None = option(None, _instruments)

    def table(self, default_instruments: tuple[str, ...] = ()) -> dict[str, Any]:
        """The options as the ``repeated`` table :func:`coopgame.repeated.repeated_section` reads."""
        table: dict[str, Any] = {"punishments": list(self.punishments), "strategies": list(self.strategies),
                                 "instruments": list(default_instruments if self.instruments is None
                                                     else self.instruments)}
        if self.delta is not None:
            table["delta"] = self.delta
        if self.targets:
            table["targets"] = [list(t) if isinstance(t, tuple) else t for t in self.targets]
        return table


class Repeated(Analysis):
    """Grim-trigger (and tit-for-tat) critical discount factors of the target, and the policy needed."""

    name = "repeated"
    summary = "critical discount factor of the target; sustainable at delta"
    order = 30
    Options = RepeatedOptions
    fast_shapes = frozenset({(2, 2)})

    def parse_options(self, raw: Any, setup: Setup) -> RepeatedOptions:
        options: RepeatedOptions = super().parse_options(raw, setup)
        if options.instruments is None:
            # by default, the instruments whose thresholds the scenario asks for
            thresholds = setup.table.get("thresholds", [])
            found = [t.get("parameter") for t in thresholds if isinstance(t, Mapping)] \
                if isinstance(thresholds, list) else []
            options = RepeatedOptions(options.delta, options.punishments, options.strategies, options.targets,
                                      tuple(dict.fromkeys(p for p in found if isinstance(p, str))))
        return options

    def run(self, game: Game, context: AnalysisContext) -> SectionResult:
        from coopgame.repeated.section import repeated_section

        options: RepeatedOptions = self.options_in(context)
        analysis = {"target": list(context.target), "repeated": options.table()}
        return SectionResult(repeated_section(game, analysis, symbolic_game=context.symbolic_game,
                                              parameters=context.values))

    def columns(self, game: Game, context: AnalysisContext) -> dict[str, ColumnKind]:
        columns: dict[str, ColumnKind] = {"delta_star": "float"}
        if context.delta is not None:
            columns["sustainable"] = "bool"
        return columns

    def row(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
        from coopgame._sweep_rows import repeated

        return repeated(game, context)


register(Repeated)
