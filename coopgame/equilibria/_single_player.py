"""The equilibria of a one-player game: the player's best strategies.

With no opponent a Nash equilibrium is a mixed strategy with no profitable
deviation, i.e. a mixture of payoff-maximising pure strategies: the whole face of
the simplex spanned by the maximisers. Its extreme points are the pure maximisers,
and the face is one component of the equilibrium set, reported the way the vertex
method reports the components of a degenerate two-player game (one maximal Nash
subset spanned by the extreme strategies; a note when it holds infinitely many
equilibria).

The multi-player solvers' machinery (indifference systems over the opponents'
mixtures) has nothing to work on here, so :func:`~coopgame.equilibria._polynomial.polynomial_enumeration`
hands one-player games to :func:`single_player_equilibria`.
"""

from __future__ import annotations

import numpy as np

from coopgame.equilibria._certificate import certified_equilibrium
from coopgame.equilibria._common import check_solver_input, nash_result, resolve_exact
from coopgame.equilibria._components import component_notes
from coopgame.equilibria._result import Component, NashResult, NashSubset
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL

__all__ = ["single_player_equilibria"]


def single_player_equilibria(
    game: Game, *, exact: bool | None = None, tol: float = DEFAULT_TOL, method: str = "polynomial"
) -> NashResult:
    """Every equilibrium of a one-player game: the best strategies and the face they span.

    Parameters
    ----------
    game
        A numeric game with one player.
    exact
        Exact arithmetic (default: iff the game's payoffs are exact).
    tol
        Float mode: payoffs within ``tol`` of the best count as best (and the largest
        regret accepted).
    method
        The name the result carries (the method that was asked for).

    Returns
    -------
    NashResult
        ``equilibria``: the pure maximisers (the extreme equilibria), certified;
        ``components``: one component, one maximal Nash subset spanned by them;
        ``degenerate``: True when several strategies tie for best (then every mixture
        of them is an equilibrium too, and a note says so); ``complete=True``.

    Raises
    ------
    GameError
        Not a numeric one-player :class:`~coopgame.Game`.

    Examples
    --------
    Two of three strategies tie for the best payoff, 3: both are equilibria, and so is
    every mixture of them.

    >>> g = Game(np.array([[3], [3], [1]]), players=["Solo"], strategies=[["A", "B", "C"]])
    >>> res = single_player_equilibria(g)
    >>> [[str(p) for p in eq.profile[0]] for eq in res], res.degenerate
    ([['1', '0', '0'], ['0', '1', '0']], True)
    >>> res.components[0].equilibria
    (0, 1)
    >>> res.notes[0].startswith("1 component(s) contain infinitely many equilibria")
    True
    """
    check_solver_input(game, "single_player_equilibria", players=1, tol=tol, exact=exact)
    numeric, exact = resolve_exact(game, exact)
    from coopgame.equilibria._pure import pure_profiles_mask

    best = np.flatnonzero(pure_profiles_mask(numeric, exact=exact, tol=tol))
    size = numeric.shape[0]
    equilibria = tuple(
        certified_equilibrium(numeric, [[1 if k == s else 0 for k in range(size)]], exact, tol) for s in best)
    everyone = tuple(range(len(equilibria)))
    components = (Component(subsets=(NashSubset((tuple(e.profile[0] for e in equilibria),), everyone),),
                            equilibria=everyone),)
    return nash_result(game, method, exact, equilibria, tol=tol, max_seconds=None, degenerate=len(equilibria) > 1,
                       components=components, complete=True, notes=component_notes(components))
