"""Pure profiles of a game: payoffs, unilateral deviations and strategy names.

Shared by the repeated-game modules, the rest-point classification and the sweep columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from coopgame.game import Game

__all__ = ["deviation_payoffs", "payoff", "profile_names"]


def payoff(game: Game, profile: Sequence[int], player: int) -> Any:
    """Player ``player``'s stage payoff at a pure profile."""
    return game.payoffs[tuple(profile)][player]


def deviation_payoffs(game: Game, profile: Sequence[int], player: int) -> list[Any]:
    """Player ``player``'s payoff from each of its strategies, the others keeping ``profile``."""
    index = list(profile)
    values = []
    for k in range(game.shape[player]):
        index[player] = k
        values.append(game.payoffs[tuple(index)][player])
    return values


def profile_names(game: Game, profile: Sequence[int]) -> tuple[str, ...]:
    """A pure profile as strategy names."""
    return tuple(game.strategies[i][s] for i, s in enumerate(profile))
