"""The Lemke-Howson algorithm, from every label, with Gambit-style restarts.

The two best-response polytopes of a bimatrix game with positive payoffs are

    P = {x >= 0 : B^T x <= 1}        Q = {y >= 0 : A y <= 1}

(von Stengel 2007, "Equilibrium computation for two-player games in strategic and
extensive form", ch. 3 of *Algorithmic Game Theory*). Labels ``0..m-1`` are the
row player's strategies, ``m..m+n-1`` the column player's. Each polytope is kept
as a tableau with one column per label (``x_i`` or the slack ``s_j`` in P, the
slack ``r_i`` or ``y_j`` in Q) so that "label k leaves the basis" reads the same
on both sides. A completely labelled pair other than ``(0, 0)`` is a Nash
equilibrium after normalising.

* Complementary pivoting (Lemke and Howson 1964, "Equilibrium points of bimatrix
  games", SIAM J. Appl. Math. 12: 413-423): drop label k, then alternately pivot
  in the duplicate label until k is picked up again.
* The lexicographic minimum-ratio test perturbs the right-hand side by
  ``(eps, eps^2, ...)``, so paths never cycle on degenerate games.
* Exact mode pivots on Python integers (fraction-free, as in von Stengel's
  integer pivoting); float mode on numpy arrays.
* ``restart=True`` runs every label again from every equilibrium found, as
  Gambit's ``gambit-lcp`` enumeration does, until nothing new appears.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._exact_linalg import integer_pivot, lex_min_ratio_row
from coopgame.equilibria._certificate import (
    CertificateError,
    certified_equilibrium,
    normalized_payoffs,
)
from coopgame.equilibria._common import (
    check_solver_input,
    deadline_after,
    expired,
    nash_result,
    resolve_exact,
)
from coopgame.equilibria._result import Equilibrium, NashResult, sorted_equilibria
from coopgame.game import Game, GameError
from coopgame.numbers import DEFAULT_TOL, to_integer_array

__all__ = ["lemke_howson"]

#: float pivots smaller than this are treated as zero (the tableau entries are O(1))
_PIVOT_EPS = 1e-12


class _Tableau:
    """One polytope: rows ``[coefficients per label | rhs]``, the basic label of each row.

    ``scale`` is the common factor of all rows in integer pivoting (the previous
    pivot element); it stays 1 in float mode.
    """

    __slots__ = ("rows", "basis", "scale", "lex_columns", "exact")

    def __init__(self, rows: Any, basis: list[int], lex_columns: list[int], exact: bool) -> None:
        self.rows = rows
        self.basis = basis
        self.scale = 1
        self.lex_columns = lex_columns
        self.exact = exact

    def copy(self) -> _Tableau:
        rows = [list(r) for r in self.rows] if self.exact else self.rows.copy()
        new = _Tableau(rows, list(self.basis), self.lex_columns, self.exact)
        new.scale = self.scale
        return new


def lemke_howson(
    game: Game,
    *,
    exact: bool | None = None,
    tol: float = DEFAULT_TOL,
    initial_labels: Sequence[int] | None = None,
    restart: bool = True,
    max_seconds: float | None = 60.0,
) -> NashResult:
    """Nash equilibria of a two-player game by Lemke-Howson paths.

    Parameters
    ----------
    game
        A numeric two-player game.
    exact
        Exact rational arithmetic (default: iff the game's payoffs are exact).
    tol
        Float mode: the largest regret accepted, as a fraction of each player's payoff range.
    initial_labels
        Labels to drop at the artificial equilibrium: ``0..m-1`` are the row
        player's strategies, ``m..m+n-1`` the column player's (0-based). Default: all.
    restart
        Also follow every label from every equilibrium found, until no new one appears
        (Gambit's ``lcp`` enumeration). Finds the equilibria reachable in the LH graph,
        which is often but not always all of them.
    max_seconds
        Stop after about this many seconds (None: no limit); a path cut short is
        dropped and a note says how many paths were followed.

    Returns
    -------
    NashResult
        ``complete=False`` (Lemke-Howson does not guarantee all equilibria);
        ``degenerate=True`` when a tie in the ratio test showed the game degenerate.

    References
    ----------
    Lemke, C. E. and Howson, J. T. (1964), SIAM J. Appl. Math. 12: 413-423.
    von Stengel, B. (2007), in *Algorithmic Game Theory*, ch. 3, Cambridge UP.

    Examples
    --------
    Von Stengel's 3x2 example (2007, Fig. 3.3) has three equilibria; dropping the
    first label alone leads to the pure one, ``(1, 0, 0), (1, 0)``:

    >>> g = Game.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> res = lemke_howson(g, initial_labels=[0], restart=False)
    >>> [[str(p) for p in vec] for vec in res[0].profile]
    [['1', '0', '0'], ['1', '0']]
    >>> len(lemke_howson(g)), lemke_howson(g).complete
    (3, False)
    """
    check_solver_input(game, "lemke_howson", players=2, tol=tol, max_seconds=max_seconds, exact=exact)
    numeric, exact = resolve_exact(game, exact)
    m, n = numeric.shape
    labels = _check_labels(initial_labels, m + n)
    A, B = _positive_payoffs(numeric, exact)
    start = (_row_polytope(B, exact), _column_polytope(A, exact))

    found: dict[tuple[tuple[int, ...], tuple[int, ...]], tuple[_Tableau, _Tableau]] = {}
    flags = {"degenerate": False}
    queue: deque[tuple[tuple[_Tableau, _Tableau], int]] = deque((start, k) for k in labels)
    deadline = deadline_after(max_seconds)
    followed = 0
    while queue:
        state, label = queue.popleft()
        end = _follow_path(state, label, m, flags, deadline)
        if end is None:
            break
        followed += 1
        if _is_artificial(end[0], m):
            continue
        key = (tuple(sorted(end[0].basis)), tuple(sorted(end[1].basis)))
        if key in found:
            continue
        found[key] = end
        if restart:
            queue.extend((end, k) for k in range(m + n))

    equilibria: list[Equilibrium] = []
    notes: list[str] = []
    for tableaux in found.values():
        profile = _profile(tableaux, m, n, exact)
        try:
            equilibria.append(certified_equilibrium(numeric, profile, exact, tol))
        except CertificateError as exc:
            if exact:
                raise  # an exact pivot cannot be off: this would be a bug
            notes.append(f"a float Lemke-Howson endpoint failed its certificate and was dropped: {exc}")
    if queue:
        notes.append(f"stopped after max_seconds={max_seconds}: {followed} paths followed, "
                     f"{len(queue)} or more left")
    notes.append("Lemke-Howson finds the equilibria reachable by its paths, not necessarily all of them")
    return nash_result(game, "lemke_howson", exact, sorted_equilibria(equilibria), tol=tol, max_seconds=max_seconds,
                       options={"initial_labels": tuple(labels), "restart": restart},
                       degenerate=True if flags["degenerate"] else None, complete=False, notes=notes)


def _check_labels(initial_labels: Sequence[int] | None, count: int) -> list[int]:
    if initial_labels is None:
        return list(range(count))
    if isinstance(initial_labels, (str, bytes)) or not isinstance(initial_labels, Sequence):
        raise GameError(f"initial_labels must be a sequence of integers, got {initial_labels!r}")
    labels = []
    for k in initial_labels:
        if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or not 0 <= k < count:
            raise GameError(f"initial label {k!r} is not an integer in 0..{count - 1} (m + n - 1)")
        labels.append(int(k))
    if not labels:
        raise GameError("initial_labels is empty: give at least one label to drop")
    return labels


def _positive_payoffs(game: Game, exact: bool) -> tuple[Any, Any]:
    """A and B shifted to be positive (equilibria are unchanged); integers in exact mode."""
    if exact:
        both = to_integer_array(game.payoffs)
        low = min(both.ravel())
        shifted = both - low + 1
        return shifted[..., 0], shifted[..., 1]
    # each player's payoffs onto [1, 2]: keeps the float pivot threshold meaningful for
    # every unit, one player's large payoffs do not drown the other's, no overflow
    unit, _, _ = normalized_payoffs(game.as_float().payoffs)
    return unit[..., 0] + 1.0, unit[..., 1] + 1.0


def _row_polytope(B: Any, exact: bool) -> _Tableau:
    """P: ``B^T x + s = 1`` with columns x_0..x_{m-1} (labels 0..m-1), s_0..s_{n-1} (labels m..)."""
    m, n = B.shape
    rows = [[B[i, j] for i in range(m)] + [int(j == k) for k in range(n)] + [1] for j in range(n)]
    basis = list(range(m, m + n))
    return _Tableau(_as_rows(rows, exact), basis, basis.copy(), exact)


def _column_polytope(A: Any, exact: bool) -> _Tableau:
    """Q: ``r + A y = 1`` with columns r_0..r_{m-1} (labels 0..m-1), y_0..y_{n-1} (labels m..)."""
    m, n = A.shape
    rows = [[int(i == k) for k in range(m)] + [A[i, j] for j in range(n)] + [1] for i in range(m)]
    basis = list(range(m))
    return _Tableau(_as_rows(rows, exact), basis, basis.copy(), exact)


def _as_rows(rows: list[list[Any]], exact: bool) -> Any:
    if exact:
        return [[int(v) for v in row] for row in rows]
    return np.array(rows, dtype=float)


def _follow_path(
    state: tuple[_Tableau, _Tableau], label: int, m: int, flags: dict[str, bool], deadline: float | None = None
) -> tuple[_Tableau, _Tableau] | None:
    """Drop ``label`` and pivot complementarily until it is picked up again (None if
    ``deadline`` passes first)."""
    tableaux = [state[0].copy(), state[1].copy()]
    # every label is nonbasic in exactly one polytope at a completely labelled pair
    side = 0 if label not in tableaux[0].basis else 1
    entering = label
    while True:
        if expired(deadline):
            return None
        leaving = _pivot(tableaux[side], entering, flags)
        if leaving == label:
            return tableaux[0], tableaux[1]
        entering, side = leaving, 1 - side


def _pivot(tableau: _Tableau, entering: int, flags: dict[str, bool]) -> int:
    """Bring label ``entering`` into the basis; return the label that leaves."""
    columns = [len(tableau.rows[0]) - 1, *tableau.lex_columns]
    if tableau.exact:
        try:
            row, tied = lex_min_ratio_row(tableau.rows, entering, columns)
        except ValueError as exc:  # impossible for positive payoffs (bounded polytopes)
            raise CertificateError(f"Lemke-Howson met an unbounded ray: {exc}") from exc
        tableau.rows, tableau.scale = integer_pivot(tableau.rows, tableau.scale, row, entering)
    else:
        row, tied = _float_lex_min_ratio(tableau.rows, entering, columns)
        _float_pivot(tableau, row, entering)
    if tied:
        flags["degenerate"] = True  # a tie in the plain ratio test: a degenerate vertex
    leaving = tableau.basis[row]
    tableau.basis[row] = entering
    return leaving


def _float_lex_min_ratio(rows: np.ndarray, entering: int, columns: list[int]) -> tuple[int, bool]:
    """Float mode of :func:`coopgame._exact_linalg.lex_min_ratio_row`, ties within a relative 1e-11."""
    candidates = [r for r in range(len(rows)) if rows[r][entering] > _PIVOT_EPS]
    if not candidates:
        # impossible for positive payoffs (bounded polytopes)
        raise CertificateError("Lemke-Howson met an unbounded ray; the payoffs were not made positive")
    for position, column in enumerate(columns):
        values = {r: rows[r][column] / rows[r][entering] for r in candidates}
        best = min(values.values())
        candidates = [r for r in candidates if values[r] - best <= 1e-11 * max(1.0, abs(best))]
        if len(candidates) == 1:
            return candidates[0], position > 0
    # the perturbation columns form a nonsingular matrix, so ties cannot survive all of them
    raise CertificateError("lexicographic ratio test left a tie (numerical breakdown)")


def _float_pivot(tableau: _Tableau, pivot_row: int, column: int) -> None:
    rows = tableau.rows
    rows[pivot_row] /= rows[pivot_row, column]
    factors = rows[:, column].copy()
    factors[pivot_row] = 0.0
    rows -= np.outer(factors, rows[pivot_row])


def _is_artificial(row_tableau: _Tableau, m: int) -> bool:
    """Whether P is back at x = 0 (no x variable is basic): the artificial equilibrium."""
    return all(label >= m for label in row_tableau.basis)


def _basic_values(tableau: _Tableau, labels: range) -> list[Any]:
    """Values of the variables with the given labels (0 when nonbasic)."""
    values: list[Any] = [0] * len(labels)
    rhs = len(tableau.rows[0]) - 1
    for r, label in enumerate(tableau.basis):
        if label in labels:
            row = tableau.rows[r]
            if tableau.exact:
                values[label - labels.start] = Fraction(row[rhs], row[label])
            else:
                values[label - labels.start] = max(float(row[rhs] / row[label]), 0.0)
    return values


def _profile(tableaux: tuple[_Tableau, _Tableau], m: int, n: int, exact: bool) -> list[list[Any]]:
    x = _basic_values(tableaux[0], range(m))
    y = _basic_values(tableaux[1], range(m, m + n))
    return [_normalise(x, exact), _normalise(y, exact)]


def _normalise(values: list[Any], exact: bool) -> list[Any]:
    total = sum(values)
    if exact:
        return [Fraction(v) / total for v in values]
    return [float(v) / float(total) for v in values]
