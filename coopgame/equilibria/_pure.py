"""Pure-strategy Nash equilibria of an n-player game, vectorised over the payoff array.

A pure profile is an equilibrium when every player's payoff there is the largest
along that player's own axis of the payoff array (a best response to the others'
pure strategies); it is *strict* when that maximum is attained only there
(Osborne and Rubinstein 1994, *A Course in Game Theory*, def. 14.1). The kernel
follows QuantEcon's ``pure_nash_brute`` idea, but uses one array comparison per
player instead of a loop over profiles.
"""

from __future__ import annotations

import numpy as np

from coopgame.equilibria._certificate import certified_equilibrium, normalized_payoffs
from coopgame.equilibria._common import (
    check_solver_input,
    deadline_after,
    expired,
    nash_result,
    resolve_exact,
)
from coopgame.equilibria._result import Equilibrium, NashResult, sorted_equilibria
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL

__all__ = ["pure_equilibria", "pure_profiles_mask"]


def pure_profiles_mask(
    game: Game, strict: bool = False, *, exact: bool | None = None, tol: float = DEFAULT_TOL
) -> np.ndarray:
    """Boolean array of shape ``game.shape``: which pure profiles are (strict) Nash equilibria.

    Parameters
    ----------
    game
        A numeric game with any number of players.
    strict
        Only strict equilibria: every player's strategy is the *unique* best response.
    exact
        Compare payoffs exactly (default: iff the game is exact).
    tol
        Float mode: payoffs within ``tol`` times the player's payoff range of the best
        count as best responses (and, for ``strict``, as ties that make the profile
        non-strict).

    Returns
    -------
    numpy.ndarray
        ``mask[s_1, ..., s_k]`` is True iff the pure profile is a (strict) equilibrium.

    Examples
    --------
    The Prisoner's Dilemma has one equilibrium, (D, D), and it is strict:

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pure_profiles_mask(pd)
    array([[False, False],
           [False,  True]])
    >>> pure_profiles_mask(Game.bimatrix([[1, 1]], [[0, 0]]), strict=True)
    array([[False, False]])
    """
    check_solver_input(game, "pure_profiles_mask", tol=tol, exact=exact)
    numeric, exact = resolve_exact(game, exact)
    # float payoffs compared on [0, 1] per player, so that tol is relative to each player's range
    payoffs = numeric.payoffs if exact else normalized_payoffs(numeric.payoffs)[0]
    mask = np.ones(numeric.shape, dtype=bool)
    for player in range(numeric.n_players):
        mask &= _best_response_mask(payoffs[..., player], player, exact, tol, strict)
    return mask


def pure_equilibria(
    game: Game, *, exact: bool | None = None, tol: float = DEFAULT_TOL, max_seconds: float | None = 60.0
) -> NashResult:
    """All pure-strategy Nash equilibria of an n-player game.

    Parameters
    ----------
    game
        A numeric game (any number of players).
    exact
        Exact arithmetic (default: iff the game's payoffs are exact).
    tol
        Float mode: tolerance for ties between best responses, and the largest regret
        accepted, as fractions of each player's payoff range.
    max_seconds
        Stop certifying equilibria after about this many seconds (None: no limit).
        Finding them is one pass over the payoff array and is not interrupted.

    Returns
    -------
    NashResult
        ``complete=True``: the equilibria are *all* pure equilibria (mixed ones are not
        sought); ``complete=False`` with a note if ``max_seconds`` ran out.

    References
    ----------
    Nash, J. (1951), "Non-cooperative games", Annals of Mathematics 54: 286-295.

    Examples
    --------
    Battle of the sexes has two pure equilibria:

    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> res = pure_equilibria(bos)
    >>> [[list(map(str, vec)) for vec in eq.profile] for eq in res]
    [[['1', '0'], ['1', '0']], [['0', '1'], ['0', '1']]]
    >>> res.complete, res.method
    (True, 'pure')
    """
    check_solver_input(game, "pure_equilibria", tol=tol, max_seconds=max_seconds, exact=exact)
    numeric, exact = resolve_exact(game, exact)
    deadline = deadline_after(max_seconds)
    mask = pure_profiles_mask(numeric, exact=exact, tol=tol)
    one, zero = (1, 0)
    equilibria: list[Equilibrium] = []
    notes: tuple[str, ...] = ()
    for index in zip(*np.nonzero(mask)):
        if expired(deadline):
            notes = (f"stopped after max_seconds={max_seconds}: {len(equilibria)} of the "
                     f"{int(mask.sum())} pure equilibria were certified",)
            break
        profile = []
        for player, strategy in enumerate(index):
            vec = [zero] * numeric.shape[player]
            vec[int(strategy)] = one
            profile.append(vec)
        equilibria.append(certified_equilibrium(numeric, profile, exact, tol))
    if not mask.any():
        notes = ("the game has no pure-strategy equilibrium",)
    return nash_result(game, "pure", exact, sorted_equilibria(equilibria), tol=tol, max_seconds=max_seconds,
                       complete=len(equilibria) == int(mask.sum()), notes=notes)


def _best_response_mask(payoff: np.ndarray, player: int, exact: bool, tol: float, strict: bool) -> np.ndarray:
    """Where ``payoff`` is maximal along the player's own axis (uniquely so if ``strict``)."""
    best = np.max(payoff, axis=player, keepdims=True)
    if exact:
        is_best = payoff == best
    else:
        is_best = payoff >= best - tol
    is_best = np.asarray(is_best, dtype=bool)
    if strict:
        # a strict best response is the only best response against those opponents
        unique = np.sum(is_best, axis=player, keepdims=True) == 1
        is_best &= unique
    return is_best
