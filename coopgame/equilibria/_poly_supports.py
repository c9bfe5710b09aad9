"""Support profiles for :func:`~coopgame.equilibria.polynomial_enumeration`: which ones
can carry an isolated equilibrium (step 1 of :mod:`coopgame.equilibria._polynomial`), and
the tie sets of step 6 (strategies off a support that pay as much as it)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

import numpy as np

#: Payoffs are rescaled to [0, 1] per player; a sign test must clear this margin,
#: far above the rounding error of the float evaluations.
MARGIN = 1e-11

#: Each player's support: the indices of its strategies played with positive probability.
Support = tuple[tuple[int, ...], ...]
#: A mixed profile from exact solving: each player's probabilities as sympy numbers.
Profile = tuple[tuple[Any, ...], ...]


# ---------------------------------------------------------------- step 1: supports
def candidate_supports(payoffs: np.ndarray) -> list[Support]:
    """Support profiles that can carry an isolated equilibrium, smallest and most balanced first."""
    shape = payoffs.shape[:-1]
    per_player = [
        [s for size in range(1, n + 1) for s in itertools.combinations(range(n), size)] for n in shape
    ]
    kept = [sup for sup in itertools.product(*per_player) if not _has_dominated_strategy(payoffs, sup)]
    return sorted(kept, key=lambda sup: (sum(len(s) for s in sup), max(len(s) for s in sup)))


def balanced(support: Support) -> bool:
    """No player has more unknowns than the equations that involve them (step 2 of
    :mod:`coopgame.equilibria._polynomial`): otherwise the solution set has positive dimension."""
    d = [len(s) - 1 for s in support]
    total = sum(d)
    return all(2 * di <= total for di in d)


def _has_dominated_strategy(payoffs: np.ndarray, support: Support) -> bool:
    """Some support strategy is strictly worse than another strategy against every
    pure profile of the opponents' supports, so it cannot be a best response."""
    for i, own in enumerate(support):
        if all(len(s) == 1 for j, s in enumerate(support) if j != i):
            continue  # settled by the best-response test of the pure opponents' profile
        table = np.moveaxis(restricted(payoffs, support, i), i, 0)
        rows = table.reshape(table.shape[0], -1)
        for s in own:
            if np.any(np.all(rows > rows[s] + MARGIN, axis=1)):
                return True
    return False


def restricted(payoffs: np.ndarray, support: Support, player: int) -> np.ndarray:
    """``player``'s payoffs with the opponents restricted to their supports."""
    axes = [np.arange(n) if j == player else np.asarray(s) for j, (n, s) in
            enumerate(zip(payoffs.shape[:-1], support))]
    return payoffs[..., player][np.ix_(*axes)]


# ---------------------------------------------------------------- step 6: tie sets
def tied_support(support: Support, off_support: Sequence[tuple[int, int]],
                 binding: Sequence[int]) -> Support:
    """Each player's support plus its strategies among ``binding``: indices into
    ``off_support``, the (player, strategy) pairs off the support (the gains' columns).

    Examples
    --------
    >>> tied_support(((0,), (1, 2)), [(0, 1), (1, 0)], [1])
    ((0,), (0, 1, 2))
    """
    extra: list[list[int]] = [[] for _ in support]
    for column in binding:
        player, strategy = off_support[column]
        extra[player].append(strategy)
    return tuple(tuple(sorted((*s, *e))) for s, e in zip(support, extra))


def may_isolate(support: Support, tied: Support) -> bool:
    """A necessary condition for an isolated solution: each mixing player's unknowns are
    no more than the equations of its opponents. Those equations are affine in its
    unknowns once the others are fixed, so otherwise an affine set of solutions of
    positive dimension passes through every solution, and near an equilibrium it consists
    of equilibria (the inequalities that hold strictly still hold)."""
    unknowns = [len(s) - 1 for s in support]
    equations = [len(t) - 1 for t in tied]
    total = sum(equations)
    return all(d <= total - e for d, e in zip(unknowns, equations))

