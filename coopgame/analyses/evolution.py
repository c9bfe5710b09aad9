"""The ``evolution`` analysis: rest points of the replicator dynamics, their stability, basins.

Scenario syntax: ``[analysis] evolution = { starts = 1000, t_end = 50, seed = 0, radius = 0.001 }``
(all optional; ``t_end`` default: until the starts settle; ``starts = 0`` skips the basins), or
``evolution = false``. Report: :func:`compute` (an :class:`EvolutionResult`). Sweeps use the
``stability`` analysis.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coopgame._format import display_number, json_number
from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    integer,
    option,
    positive_real,
)
from coopgame.analyses._registry import register
from coopgame.game import Game

if TYPE_CHECKING:
    from coopgame.evolution import Basins, RestPoint

__all__ = ["Evolution", "EvolutionOptions", "EvolutionResult", "compute"]


@dataclass(frozen=True)
class EvolutionOptions:
    """``[analysis] evolution``: random starts for the basins (0: none), horizon (default: until the
    starts settle), seed, start radius."""

    starts: int = option(1000, integer(0))
    t_end: float | None = option(None, positive_real)  # None: until the starts settle
    seed: int = option(0, integer())
    radius: float = option(1e-3, positive_real)


@dataclass(frozen=True)
class EvolutionResult:
    """The ``evolution`` section: rest points, their eigenvalues and classification, basin shares.

    Attributes
    ----------
    players, strategies
        The populations and their strategy names.
    rest_points
        Every rest point found (see :func:`coopgame.evolution.rest_points`).
    notes
        What was not enumerated (e.g. a continuum of interior rest points).
    basins
        Where random starts end up (None when not computed: ``starts = 0``, a symbolic
        game or a population with more than two strategies).
    starts
        The number of random starts behind :attr:`basins`.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    rest_points: tuple[RestPoint, ...]
    notes: tuple[str, ...] = ()
    basins: Basins | None = None
    starts: int = 0

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report's section (numbers as text, as the report shows them)."""
        section: dict[str, Any] = {
            "populations": list(self.players),
            # reduced coordinates: every share but each population's last
            "coordinates": [
                f"share of {p} playing {name}"
                for p, s in zip(self.players, self.strategies)
                for name in s[:-1]
            ],
            "rest_points": [
                {
                    "point": [json_number(c) for c in p.point],
                    "location": p.location,
                    "profile": None
                    if p.profile is None
                    else [self.strategies[i][s] for i, s in enumerate(p.profile)],
                    "eigenvalues": sorted(display_number(e) for e in p.eigenvalues),
                    "classification": p.classification,
                }
                for p in self.rest_points
            ],
        }
        if self.notes:
            section["notes"] = list(self.notes)
        if self.basins is not None:
            names = [" ".join(display_number(c) for c in a) for a in self.basins.attractors]
            section["basins"] = {
                "starts": self.starts,
                "shares": dict(zip(names, self.basins.shares)),
                "unresolved": self.basins.unresolved,
                "mean_time_to_converge": dict(zip(names, self.basins.mean_convergence_time())),
                "horizon": self.basins.horizon,
            }
        return section


def compute(game: Game, options: EvolutionOptions) -> EvolutionResult:
    """Rest points, eigenvalues, classification and basin shares of the replicator dynamics.

    Parameters
    ----------
    game
        The analysed game (numbers: float or exact). A symbolic game gets rest points
        and conditions but no basins.
    options
        The parsed ``[analysis] evolution`` options.

    Examples
    --------
    >>> g = Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]])
    >>> result = compute(g, EvolutionOptions(starts=200))
    >>> [(p.point, p.classification) for p in result.rest_points][-1]
    ((Fraction(1, 2), Fraction(1, 2)), 'saddle')
    >>> result.to_dict()["rest_points"][-1]["eigenvalues"]
    ['-5*sqrt(5)', '5*sqrt(5)']
    >>> sorted(result.to_dict()["basins"]["shares"])
    ['0 0', '1 1']
    """
    from coopgame.evolution import InteriorRestPointWarning, basins, rest_points

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InteriorRestPointWarning)
        points = rest_points(game)
    # the report says what was not enumerated instead of printing a Python warning
    notes = tuple(
        dict.fromkeys(
            str(w.message) for w in caught if issubclass(w.category, InteriorRestPointWarning)
        )
    )
    found = None
    if (
        options.starts
        and not (game.kind == "symbolic" and game.parameters)
        and all(n == 2 for n in game.shape)
    ):
        found = basins(
            game, options.starts, t_end=options.t_end, radius=options.radius, seed=options.seed
        )
    return EvolutionResult(
        tuple(game.players),
        tuple(tuple(s) for s in game.strategies),
        tuple(points),
        notes,
        found,
        options.starts,
    )


class Evolution(Analysis):
    """Rest points, eigenvalues, their classification and basin shares of the replicator dynamics.
    """

    name = "evolution"
    summary = "rest points of the replicator dynamics, their stability and basins"
    order = 40
    Options = EvolutionOptions

    def run(self, game: Game, context: AnalysisContext) -> EvolutionResult:
        return compute(game, self.options_in(context))


register(Evolution)
