"""The ``evolution`` analysis: rest points of the replicator dynamics, their stability, basins.

Scenario syntax: ``[analysis] evolution = { starts = 1000, t_end = 50, seed = 0, radius = 0.001 }``
(all optional; ``t_end`` default: until the starts settle; ``starts = 0`` skips the basins), or ``evolution = false``. Report:
:func:`coopgame.evolution.evolution_section`. Sweeps use the ``stability`` analysis.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    SectionResult,
    integer,
    option,
    positive_real,
)
from coopgame.analyses._registry import register
from coopgame.game import Game

__all__ = ["Evolution", "EvolutionOptions"]


@dataclass(frozen=True)
class EvolutionOptions:
    """``[analysis] evolution``: random starts for the basins (0: none), horizon (default: until the
    starts settle), seed, start radius."""

    starts: int = option(1000, integer(0))
    t_end: float | None = option(None, positive_real)  # None: until the starts settle
    seed: int = option(0, integer())
    radius: float = option(1e-3, positive_real)


class Evolution(Analysis):
    """Rest points, eigenvalues, their classification and basin shares of the replicator dynamics."""

    name = "evolution"
    summary = "rest points of the replicator dynamics, their stability and basins"
    order = 40
    Options = EvolutionOptions

    def run(self, game: Game, context: AnalysisContext) -> SectionResult:
        from coopgame.evolution.section import evolution_section

        options: EvolutionOptions = self.options_in(context)
        return SectionResult(evolution_section(game, {"starts": options.starts, "t_end": options.t_end,
                                                      "seed": options.seed, "radius": options.radius}))


register(Evolution)
