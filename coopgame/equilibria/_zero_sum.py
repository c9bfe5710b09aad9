"""Optimal strategies of two-player zero-sum (or constant-sum) games by linear programming.

In a zero-sum game the Nash equilibria are exactly the pairs of maximin strategies
and the set of them is a convex polytope (von Neumann 1928; Osborne and Rubinstein
1994, prop. 22.2). The row player's maximin strategy solves
``max v s.t. A^T x >= v 1, sum(x) = 1, x >= 0``; the column player's solves the dual.
Float mode solves both LPs with HiGHS; exact mode reuses the supports of the float
optimum, recomputes the strategies with Fractions and certifies them, falling back
to exact vertex enumeration when that check fails.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._exact_linalg import solve
from coopgame.equilibria._certificate import (
    CertificateError,
    certified_equilibrium,
    normalized_payoffs,
)
from coopgame.equilibria._common import check_solver_input, nash_result, resolve_exact
from coopgame.equilibria._result import Equilibrium, NashResult, sorted_equilibria
from coopgame.errors import CoopgameError
from coopgame.game import Game, GameError
from coopgame.numbers import DEFAULT_TOL

__all__ = ["game_value", "zero_sum_lp"]

_CONVEX_NOTE = "the equilibrium set of a zero-sum game is convex: this is one optimal pair"


def zero_sum_lp(
    game: Game, *, exact: bool | None = None, tol: float = DEFAULT_TOL, max_seconds: float | None = 60.0
) -> NashResult:
    """One pair of optimal (maximin) strategies of a two-player constant-sum game.

    Parameters
    ----------
    game
        A two-player game whose payoffs sum to the same constant in every cell.
    exact
        Exact arithmetic (default: iff the game is exact).
    tol
        Float mode: LP support threshold and largest regret accepted (as a fraction
        of the payoff range).
    max_seconds
        Time limit of each of the two LPs (None: no limit). An LP stopped by it gives
        a result with no equilibrium and a note.

    Returns
    -------
    NashResult
        One certified equilibrium, ``complete=False`` (the set is convex).

    Raises
    ------
    GameError
        If the game does not have two players or is not constant-sum.

    References
    ----------
    von Neumann, J. (1928), "Zur Theorie der Gesellschaftsspiele", Math. Annalen 100.

    Examples
    --------
    >>> res = zero_sum_lp(Game.zero_sum([[3, -1], [-2, 1]]))
    >>> [str(p) for p in res[0].profile[0]], str(res[0].payoffs[0])
    (['3/7', '4/7'], '1/7')
    """
    check_solver_input(game, "zero_sum_lp", players=2, tol=tol, max_seconds=max_seconds, exact=exact)
    numeric, exact = _checked_game(game, exact, tol)
    a_matrix = _row_matrix(numeric)
    # the LP on the row payoffs mapped onto [0, 1]: same optimal strategies, any unit, no overflow
    unit = normalized_payoffs(numeric.as_float().payoffs)[0][..., 0]
    try:
        row_float, col_float = _solve_float(unit, max_seconds)
    except _TimeLimit:
        return nash_result(game, "zero_sum", exact, (), tol=tol, max_seconds=max_seconds, complete=False,
                           notes=(f"stopped after max_seconds={max_seconds}: the LP did not finish",))
    notes = [_CONVEX_NOTE]
    if not exact:
        equilibrium = certified_equilibrium(numeric, [row_float, col_float], False, tol)
    else:
        equilibrium = _exact_equilibrium(numeric, a_matrix, row_float, col_float, tol, notes)
    return nash_result(game, "zero_sum", exact, sorted_equilibria([equilibrium]), tol=tol, max_seconds=max_seconds,
                       complete=False, notes=notes)


def game_value(game: Game, *, exact: bool | None = None) -> Any:
    """The value of a two-player constant-sum game: what the row player can guarantee.

    Every pair of optimal strategies gives the row player the same payoff (von
    Neumann's minimax theorem), so this is the row payoff of the equilibrium found by
    :func:`zero_sum_lp`.

    Parameters
    ----------
    game
        A two-player game whose payoffs sum to the same constant in every cell.
    exact
        Exact arithmetic (default: iff the game is exact); exact games give a Fraction.

    Returns
    -------
    Fraction or float
        The row player's payoff at every equilibrium.

    Raises
    ------
    GameError
        If the game does not have two players, has free parameters or is not constant-sum.

    References
    ----------
    T. S. Ferguson, *Game Theory*, Part II, section 3.3 (solving 2 x n games graphically).

    Examples
    --------
    Matching pennies is symmetric, so its value is 0:

    >>> game_value(Game.zero_sum([[1, -1], [-1, 1]]))
    Fraction(0, 1)

    Ferguson's 2 x 4 example ``[[2, 3, 1, 5], [4, 1, 6, 0]]``: if the row player plays
    the first row with probability ``p``, the columns pay her ``4 - 2p``, ``1 + 2p``,
    ``6 - 5p`` and ``5p``. The lowest of the four is highest where ``1 + 2p = 6 - 5p``,
    at ``p = 5/7``, with value ``1 + 10/7 = 17/7`` (the other two columns pay 18/7 and
    25/7 there); the column player mixes columns 2 and 3, 5/7 and 2/7.

    >>> ferguson = Game.zero_sum([[2, 3, 1, 5], [4, 1, 6, 0]])
    >>> game_value(ferguson)
    Fraction(17, 7)
    >>> [[str(p) for p in vec] for vec in zero_sum_lp(ferguson)[0].profile]
    [['5/7', '2/7'], ['0', '5/7', '2/7', '0']]
    >>> round(game_value(ferguson, exact=False), 9)
    2.428571429
    """
    return zero_sum_lp(game, exact=exact)[0].payoffs[0]


class _TimeLimit(CoopgameError):
    """HiGHS stopped at its time limit."""


def _checked_game(game: Game, exact: bool | None, tol: float = DEFAULT_TOL) -> tuple[Game, bool]:
    check_solver_input(game, "zero_sum_lp", players=2, tol=tol, exact=exact)
    numeric, exact = resolve_exact(game, exact)
    if exact:
        totals = numeric.payoffs[..., 0] + numeric.payoffs[..., 1]
        first = totals.flat[0]
        constant = all(t == first for t in totals.flat)
    else:
        # relative to the payoffs' magnitude (halved first so that the sum cannot overflow)
        payoffs = numeric.payoffs.astype(float)
        scale = float(np.abs(payoffs).max()) or 1.0
        halves = (payoffs[..., 0] / 2 + payoffs[..., 1] / 2) / scale
        constant = bool(np.all(np.abs(halves - halves.flat[0]) <= tol))
    if not constant:
        raise GameError("the game is not zero-sum or constant-sum: payoff sums differ between cells")
    return numeric, exact


def _row_matrix(game: Game) -> np.ndarray:
    return np.asarray(game.payoffs[..., 0])


def _maximin_float(a: np.ndarray, max_seconds: float | None = None) -> np.ndarray:
    """Row player's maximin mix: maximise v subject to A^T x >= v, sum x = 1, x >= 0."""
    from scipy.optimize import linprog

    m, n = a.shape
    cost = np.zeros(m + 1)
    cost[-1] = -1.0
    upper = np.hstack([-a.T, np.ones((n, 1))])
    equality = np.hstack([np.ones((1, m)), np.zeros((1, 1))])
    bounds = [(0.0, None)] * m + [(None, None)]
    options = {} if max_seconds is None else {"time_limit": float(max_seconds)}
    solution = linprog(cost, A_ub=upper, b_ub=np.zeros(n), A_eq=equality, b_eq=[1.0],
                       bounds=bounds, method="highs", options=options)
    if solution.status == 1:  # iteration or time limit
        raise _TimeLimit(solution.message)
    if not solution.success:  # pragma: no cover - a bounded feasible LP always solves
        raise GameError(f"the zero-sum LP failed: {solution.message}")
    x = np.clip(solution.x[:m], 0.0, None)
    return np.asarray(x / x.sum())


def _solve_float(a: np.ndarray, max_seconds: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    # the column player's maximin in the game -A^T is her minimax strategy in A
    return _maximin_float(a, max_seconds), _maximin_float(-a.T, max_seconds)


def _exact_on_support(a: np.ndarray, own: list[int], against: list[int]) -> list[Fraction] | None:
    """Solve sum_i A[i, j] x_i = v (j in ``against``), sum x = 1 exactly on support ``own``."""
    # unknowns (x_own..., v)
    matrix = [[a[i, j] for i in own] + [-1] for j in against]
    matrix.append([1] * len(own) + [0])
    solution = solve(matrix, [0] * len(against) + [1])
    if solution is None:
        return None
    full = [Fraction(0)] * a.shape[0]
    for i, value in zip(own, solution[:-1], strict=True):
        full[i] = value
    return full


def _exact_equilibrium(game: Game, a: np.ndarray, row: np.ndarray, col: np.ndarray, tol: float,
                       notes: list[str]) -> Equilibrium:
    row_support = [i for i, p in enumerate(row) if p > tol]
    col_support = [j for j, q in enumerate(col) if q > tol]
    x = _exact_on_support(a, row_support, col_support)
    y = _exact_on_support(-a.T, col_support, row_support)
    if x is not None and y is not None:
        try:
            return certified_equilibrium(game, [x, y], True, tol)
        except CertificateError:
            pass
    from coopgame.equilibria._vertex import vertex_enumeration

    notes.append("exact recomputation on the LP's support failed; used exact vertex enumeration")
    return vertex_enumeration(game, exact=True, tol=tol).equilibria[0]
