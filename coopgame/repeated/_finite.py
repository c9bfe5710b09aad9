"""Finitely repeated games: subgame-perfect paths by backward induction over stage equilibria.

In the last period of a game repeated ``T`` times, play must be a stage Nash
equilibrium. With a *unique* stage equilibrium, backward induction makes every
period's play that equilibrium: cooperation unravels (Selten 1978; Fudenberg and
Tirole 1991, Sec. 4.2). With *several* stage equilibria, the choice among them in the
last periods can reward keeping to a cooperative path and punish a deviation: a
player who deviates from the target in period ``t`` is punished by the stage
equilibrium worst for it in every remaining period, while the path ends with ``K``
periods of a better "reward" equilibrium (Benoit and Krishna 1985). The shortest such
``K`` gives the longest cooperative prefix. No history-dependent strategy is enumerated:
the construction is checked period by period with the one-shot deviation principle.

References
----------
Benoit, J.-P. and Krishna, V. (1985). Finitely repeated games. *Econometrica* 53(4), 905-922.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from coopgame._format import json_number
from coopgame.equilibria import Equilibrium
from coopgame.game import Game
from coopgame.repeated._common import (
    RepeatedGameError,
    discount_factor,
    payoff,
    profile_names,
    pure_target,
)

__all__ = ["FiniteHorizonResult", "finite_horizon"]


@dataclass(frozen=True)
class FiniteHorizonResult:
    """A subgame-perfect path of the game repeated ``periods`` times.

    Attributes
    ----------
    periods
        The horizon ``T``.
    cooperative_periods
        How many first periods play the target (0 when it cannot be sustained).
    path
        Per period, what is played: strategy names for a pure profile, probability
        vectors for a mixed stage equilibrium.
    payoffs
        Each player's (discounted) total payoff along the path.
    reward, punishments
        The stage equilibrium played at the end of the path, and for each player the
        stage equilibrium that punishes its deviations.
    unique_stage_equilibrium
        Whether the stage game has a single equilibrium (then the path is that
        equilibrium in every period).
    """

    periods: int
    cooperative_periods: int
    path: tuple[Any, ...]
    payoffs: tuple[Any, ...]
    reward: Equilibrium
    punishments: tuple[Equilibrium, ...]
    unique_stage_equilibrium: bool
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
        exact = self.reward.exact
        return {
            "periods": self.periods,
            "cooperative_periods": self.cooperative_periods,
            "payoffs": [json_number(v, exact) for v in self.payoffs],
            "unique_stage_equilibrium": self.unique_stage_equilibrium,
            "notes": list(self.notes),
        }


def _describe(game: Game, equilibrium: Equilibrium) -> Any:
    if equilibrium.is_pure:
        return profile_names(game, tuple(s[0] for s in equilibrium.support))
    return tuple(tuple(vec) for vec in equilibrium.profile)


def _discount_weights(delta: Any, periods: int) -> list[Any]:
    """Prefix sums ``S[k] = sum_{t=1}^{k} delta^(t-1)``, so any run of periods costs O(1)."""
    sums, power = [Fraction(0) * delta], delta ** 0
    for _ in range(periods):
        sums.append(sums[-1] + power)
        power *= delta
    return sums


def _discount_sum(sums: Sequence[Any], first: int, last: int) -> Any:
    """``sum_{t=first}^{last} delta^(t-1)`` over periods ``first..last`` (1-based; 0 if empty)."""
    return sums[last] - sums[first - 1] if last >= first else sums[0]


def _deterred(game: Game, target: tuple[int, ...], gains: Sequence[Any], reward: Equilibrium,
              worst: Sequence[Any], periods: int, cooperative: int, sums: Sequence[Any]) -> bool:
    """One-shot deviation check: no player gains by leaving the target in any cooperative period."""
    for i, gain in enumerate(gains):
        if gain <= 0:
            continue
        on_path, ending, punished = payoff(game, target, i), reward.payoffs[i], worst[i]
        for t in range(1, cooperative + 1):
            # deviating in period t gains `gain` now and `punished` instead of the path afterwards
            loss = ((on_path - punished) * _discount_sum(sums, t + 1, cooperative)
                    + (ending - punished) * _discount_sum(sums, cooperative + 1, periods))
            if gain * (sums[t] - sums[t - 1]) > loss:
                return False
    return True


def _worst_for(equilibria: Sequence[Equilibrium], player: int) -> Equilibrium:
    return min(equilibria, key=lambda e: e.payoffs[player])


def finite_horizon(
    game: Game, periods: int, target: Any = None, delta: Any = 1
) -> FiniteHorizonResult:
    """The longest cooperative subgame-perfect path of a finitely repeated game.

    Parameters
    ----------
    game
        A numeric stage game (equilibria from :func:`coopgame.nash_equilibria`).
    periods
        The number of periods ``T >= 1``.
    target
        The pure profile to sustain (default: every player's first strategy).
    delta
        Discount factor in (0, 1]; 1 (no discounting) is the setting of Benoit and Krishna. Any form
        :func:`coopgame.repeated.critical_discount` and the others accept: ``0.9``, ``"9/10"``, ...

    Returns
    -------
    FiniteHorizonResult

    Raises
    ------
    RepeatedGameError
        ``periods`` not a positive integer, ``delta`` outside (0, 1], an unknown or mixed target.

    Examples
    --------
    A Prisoner's Dilemma with a unique stage equilibrium unravels:

    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> res = finite_horizon(pd, 4, target=("C", "C"))
    >>> res.cooperative_periods, res.path
    (0, (('D', 'D'), ('D', 'D'), ('D', 'D'), ('D', 'D')))
    """
    if isinstance(periods, bool) or not isinstance(periods, int) or periods < 1:
        raise RepeatedGameError(f"periods must be a positive integer, got {periods!r}")
    if game.kind == "symbolic" and game.parameters:
        raise RepeatedGameError(
            "finite_horizon needs numeric payoffs; substitute the parameters first"
        )
    numeric = game.as_exact() if game.kind != "float" else game
    # exact games stay exact even for a float delta (0.9 is read as 9/10)
    exact_delta = discount_factor(delta, allow_one=True)
    d: Any = float(exact_delta) if numeric.kind == "float" else exact_delta
    goal = pure_target(
        numeric, target if target is not None else [0] * numeric.n_players, "finite_horizon"
    )
    from coopgame.equilibria import nash_equilibria

    equilibria = nash_equilibria(numeric).equilibria
    sums = _discount_weights(d, periods)
    worst = [min(e.payoffs[i] for e in equilibria) for i in range(numeric.n_players)]
    punishments = tuple(_worst_for(equilibria, i) for i in range(numeric.n_players))
    gains = [max(payoff(numeric, [*goal[:i], k, *goal[i + 1:]], i) for k in range(numeric.shape[i]))
             - payoff(numeric, goal, i) for i in range(numeric.n_players)]
    best: tuple[int, Any, Equilibrium] | None = None
    for reward in equilibria:
        for cooperative in range(periods - 1, 0, -1):
            if _deterred(numeric, goal, gains, reward, worst, periods, cooperative, sums):
                total = sum(reward.payoffs)
                if best is None or (cooperative, total) > (best[0], best[1]):
                    best = (cooperative, total, reward)
                break
    if all(g <= 0 for g in gains):
        notes = (
            "the target is a stage equilibrium: playing it in every period is subgame perfect",
        )
        reward = next((e for e in equilibria if e.is_pure
                       and tuple(s[0] for s in e.support) == goal), equilibria[0])
        best = (periods, sum(reward.payoffs), reward)
    elif best is None:
        reward = max(equilibria, key=lambda e: sum(e.payoffs))
        best = (0, sum(reward.payoffs), reward)
        notes = (
            (
                "the stage game has a unique equilibrium: by backward induction every "
                "subgame-perfect "
                "equilibrium plays it in every period",
            )
            if len(equilibria) == 1
            else (
                "no ending of stage equilibria deters deviations from the target within the "
                "horizon",
            )
        )
    else:
        notes = (
            f"cooperate for {best[0]} period(s), then play the reward equilibrium; a deviation "
            "switches "
            "to the stage equilibrium worst for the deviator for the rest of the game",
        )
    cooperative, _, reward = best
    target_names = profile_names(numeric, goal)
    ending = _describe(numeric, reward)
    path = tuple(target_names if t < cooperative else ending for t in range(periods))
    totals = tuple(payoff(numeric, goal, i) * _discount_sum(sums, 1, cooperative)
                   + reward.payoffs[i] * _discount_sum(sums, cooperative + 1, periods)
                   for i in range(numeric.n_players))
    return FiniteHorizonResult(periods, cooperative, path, totals, reward, punishments,
                               len(equilibria) == 1, notes)
