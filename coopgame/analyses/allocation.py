"""The ``allocation`` analysis: the game as a coalition game, and how to share its value.

Scenario syntax: ``[analysis] allocation = { method = "maxmin", values = ["shapley", "banzhaf",
"nucleolus", "core"] }`` (all optional), or ``allocation = false``. Report:
:func:`coopgame.coalition.allocation_section`.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    SectionResult,
    name_list,
    one_of,
    option,
)
from coopgame.analyses._registry import register
from coopgame.game import Game

__all__ = ["Allocation", "AllocationOptions"]

_VALUES = ("shapley", "banzhaf", "nucleolus", "core")


@dataclass(frozen=True)
class AllocationOptions:
    """``[analysis] allocation``: the characteristic function's method and the values to compute."""

    method: str = option("maxmin", one_of(("maxmin", "pure_maxmin")))
    values: tuple[str, ...] = option(_VALUES, name_list(_VALUES))


class Allocation(Analysis):
    """Shapley, Banzhaf, nucleolus and core of the characteristic function of the game."""

    name = "allocation"
    summary = "Shapley value, Banzhaf, nucleolus and core of the coalition game"
    order = 60
    Options = AllocationOptions

    def run(self, game: Game, context: AnalysisContext) -> SectionResult:
        from coopgame.coalition import allocation_section

        options: AllocationOptions = self.options_in(context)
        return SectionResult(allocation_section(game, {"method": options.method, "values": list(options.values)}))


register(Allocation)
