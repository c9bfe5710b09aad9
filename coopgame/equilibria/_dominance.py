"""Iterated elimination of strictly dominated strategies (pure and mixed dominators).

A strategy is strictly dominated when another strategy, or a mix of the player's
other strategies, pays strictly more against every profile of the opponents; such
a strategy is never played in a Nash equilibrium, and the set that survives
iterated strict elimination does not depend on the order of elimination
(Osborne and Rubinstein 1994, sec. 4.2; Gibbons 1992, sec. 1.1.B).
Mixed dominators are found by the LP ``max eps s.t. sum_k s_k u(k, t) - u(s, t) >= eps``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame.equilibria import require_numeric_game, resolve_exact
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL

__all__ = ["DominanceResult", "EliminationStep", "eliminate_dominated"]


@dataclass(frozen=True)
class EliminationStep:
    """One elimination: ``player``'s ``strategy`` is strictly dominated by ``dominated_by``
    (a strategy name, or a mixed strategy as ``{name: probability}``)."""

    player: str
    strategy: str
    dominated_by: str | dict[str, Any]


@dataclass(frozen=True)
class DominanceResult:
    """The reduced game, the eliminations in order, and the surviving strategy names."""

    game: Game
    eliminated: tuple[EliminationStep, ...]
    surviving: tuple[tuple[str, ...], ...]
    notes: tuple[str, ...] = ()


def eliminate_dominated(
    game: Game, *, mixed: bool = True, exact: bool | None = None, tol: float = DEFAULT_TOL
) -> DominanceResult:
    """Iteratively remove strictly dominated strategies of every player.

    Parameters
    ----------
    game
        A numeric game with any number of players.
    mixed
        Also remove strategies dominated only by a mixture of other strategies (LP).
    exact
        Exact arithmetic (default: iff the game is exact); mixed dominators are then
        verified with Fractions before a strategy is removed.
    tol
        Float mode: the margin by which dominance must be strict.

    Returns
    -------
    DominanceResult

    References
    ----------
    Gibbons, R. (1992), *A Primer in Game Theory*, sec. 1.1.B.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> eliminate_dominated(pd).surviving
    (('D',), ('D',))
    """
    require_numeric_game(game, "eliminate_dominated")
    current, exact = resolve_exact(game, exact)
    steps: list[EliminationStep] = []
    notes: list[str] = []
    while True:
        found = _find_dominated(current, mixed, exact, tol, notes)
        if found is None:
            break
        player, index, dominator = found
        steps.append(EliminationStep(current.players[player], current.strategies[player][index], dominator))
        current = _remove_strategy(current, player, index)
    return DominanceResult(current, tuple(steps), current.strategies, tuple(dict.fromkeys(notes)))


def _own_rows(game: Game, player: int) -> np.ndarray:
    """Player's payoffs as a matrix: one row per own strategy, one column per opponents' profile."""
    payoff = np.moveaxis(game.payoffs[..., player], player, 0)
    return payoff.reshape(game.shape[player], -1)


def _find_dominated(
    game: Game, mixed: bool, exact: bool, tol: float, notes: list[str]
) -> tuple[int, int, str | dict[str, Any]] | None:
    for player in range(game.n_players):
        rows = _own_rows(game, player)
        names = game.strategies[player]
        for s in range(len(names)):
            for t in range(len(names)):
                if t != s and _strictly_better(rows[t], rows[s], exact, tol):
                    return player, s, names[t]
        if not mixed or len(names) < 3:
            continue  # with two strategies a mix of "the others" is a pure strategy
        for s in range(len(names)):
            mix = _mixed_dominator(rows, s, exact, tol, notes, names[s])
            if mix is not None:
                others = [k for k in range(len(names)) if k != s]
                return player, s, {names[k]: p for k, p in zip(others, mix) if p != 0}
    return None


def _strictly_better(better: np.ndarray, worse: np.ndarray, exact: bool, tol: float) -> bool:
    if exact:
        return all(b > w for b, w in zip(better, worse))
    return bool(np.all(better.astype(float) > worse.astype(float) + tol))


def _mixed_dominator(
    rows: np.ndarray, s: int, exact: bool, tol: float, notes: list[str], name: str
) -> list[Any] | None:
    """A mix of the other rows strictly above row ``s`` everywhere, or None."""
    from scipy.optimize import linprog

    others = [k for k in range(rows.shape[0]) if k != s]
    u = rows.astype(float)
    m, cols = len(others), u.shape[1]
    cost = np.zeros(m + 1)
    cost[-1] = -1.0
    # eps - sum_k s_k u(k,t) <= -u(s,t)
    upper = np.hstack([-u[others].T, np.ones((cols, 1))])
    equality = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    bounds = [(0.0, None)] * m + [(None, None)]
    solution = linprog(cost, A_ub=upper, b_ub=-u[s], A_eq=equality, b_eq=[1.0], bounds=bounds,
                       method="highs")
    if not solution.success or solution.x[-1] <= tol:
        return None
    weights = np.clip(solution.x[:m], 0.0, None)
    weights = weights / weights.sum()
    if not exact:
        return [float(w) for w in weights]
    mix = _rationalise(weights)
    payoff = [sum(p * rows[k, t] for p, k in zip(mix, others)) for t in range(cols)]
    if all(v > rows[s, t] for t, v in enumerate(payoff)):
        return mix
    notes.append(f"LP suggests {name!r} is dominated by a mix, but the exact check failed; kept it")
    return None


def _rationalise(weights: np.ndarray) -> list[Fraction]:
    mix = [Fraction(float(w)).limit_denominator(10**6) for w in weights]
    mix[-1] = 1 - sum(mix[:-1], Fraction(0))
    if mix[-1] < 0:  # rounding pushed the last weight below zero: renormalise instead
        mix = [Fraction(float(w)).limit_denominator(10**6) for w in weights]
        total = sum(mix, Fraction(0))
        mix = [p / total for p in mix]
    return mix


def _remove_strategy(game: Game, player: int, index: int) -> Game:
    keep = [k for k in range(game.shape[player]) if k != index]
    payoffs = np.take(game.payoffs, keep, axis=player)
    strategies = [list(names) for names in game.strategies]
    del strategies[player][index]
    return Game(payoffs, game.players, strategies)
