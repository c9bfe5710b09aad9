"""The ``allocation`` analysis: the game as a coalition game, and how to share its value.

Scenario syntax: ``[analysis] allocation = { method = "maxmin", values = ["shapley", "banzhaf",
"nucleolus", "core"] }`` (all optional), or ``allocation = false``. Report: :func:`compute`
(an :class:`AllocationResult`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    name_list,
    one_of,
    option,
)
from coopgame.analyses._registry import register
from coopgame.game import Game

if TYPE_CHECKING:
    from coopgame.coalition import CoalitionGame, CoreResult

__all__ = ["Allocation", "AllocationOptions", "AllocationResult", "compute"]

_VALUES = ("shapley", "banzhaf", "nucleolus", "core")


@dataclass(frozen=True)
class AllocationOptions:
    """``[analysis] allocation``: the characteristic function's method and the values to compute."""

    method: str = option("maxmin", one_of(("maxmin", "pure_maxmin")))
    values: tuple[str, ...] = option(_VALUES, name_list(_VALUES))


def _number(value: Any) -> Any:
    return value if isinstance(value, float) else str(value)


@dataclass(frozen=True)
class AllocationResult:
    """The ``allocation`` section: the characteristic function and the values asked for.

    Attributes
    ----------
    game
        The coalition game (its characteristic function).
    shapley, banzhaf, nucleolus
        One share per player, or None when not asked for (the nucleolus also when the
        game is symbolic).
    core
        Whether the core is empty, with a point or a certificate; None when not asked
        for or symbolic.
    superadditive, convex
        Properties of the characteristic function (None when symbolic; superadditivity
        is not checked beyond 12 players).
    """

    game: CoalitionGame
    shapley: tuple[Any, ...] | None = None
    banzhaf: tuple[Any, ...] | None = None
    nucleolus: tuple[Any, ...] | None = None
    core: CoreResult | None = None
    superadditive: bool | None = None
    convex: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report's section (exact numbers as strings)."""
        players = self.game.players
        section: dict[str, Any] = {
            "players": list(players),
            "characteristic_function": {
                "{" + ", ".join(p for i, p in enumerate(players) if mask >> i & 1) + "}": _number(
                    self.game.values[mask]
                )
                for mask in range(1, 1 << self.game.n_players)
            },
        }
        for name in ("shapley", "banzhaf"):
            shares = getattr(self, name)
            if shares is not None:
                section[name] = dict(zip(players, map(_number, shares)))
        if self.game.kind != "symbolic":
            section["superadditive"] = self.superadditive
            section["convex"] = self.convex
            if self.nucleolus is not None:
                section["nucleolus"] = dict(zip(players, map(_number, self.nucleolus)))
            if self.core is not None:
                section["core"] = self.core.to_dict()
        return section


def compute(game: Game | CoalitionGame, options: AllocationOptions) -> AllocationResult:
    """The characteristic function of ``game`` (by ``options.method``) and the values asked for.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["S", "E"])
    >>> result = compute(pd, AllocationOptions())
    >>> result.shapley, result.core.empty
    ((Fraction(3, 1), Fraction(3, 1)), False)
    >>> result.to_dict()["shapley"]
    {'S': '3', 'E': '3'}
    """
    from coopgame.coalition import (
        CoalitionGame,
        banzhaf_value,
        core,
        is_convex,
        is_superadditive,
        nucleolus,
        shapley_value,
    )

    coalition = (
        CoalitionGame.from_strategic(game, options.method) if isinstance(game, Game) else game
    )
    wanted = set(options.values)
    numeric = coalition.kind != "symbolic"
    return AllocationResult(
        coalition,
        shapley=shapley_value(coalition) if "shapley" in wanted else None,
        banzhaf=banzhaf_value(coalition) if "banzhaf" in wanted else None,
        nucleolus=nucleolus(coalition) if numeric and "nucleolus" in wanted else None,
        core=core(coalition) if numeric and "core" in wanted else None,
        superadditive=is_superadditive(coalition)
        if numeric and coalition.n_players <= 12
        else None,
        convex=is_convex(coalition) if numeric else None,
    )


class Allocation(Analysis):
    """Shapley, Banzhaf, nucleolus and core of the characteristic function of the game."""

    name = "allocation"
    summary = "Shapley value, Banzhaf, nucleolus and core of the coalition game"
    order = 60
    Options = AllocationOptions

    def run(self, game: Game, context: AnalysisContext) -> AllocationResult:
        return compute(game, self.options_in(context))


register(Allocation)
