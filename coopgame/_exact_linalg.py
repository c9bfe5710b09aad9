"""Exact linear algebra for the exact solvers: rational elimination and integer pivoting.

Two arithmetics, each where it is fastest:

* **Fractions** (:func:`solve`, :func:`solve_with_dimension`): Gauss-Jordan elimination
  on any rational entries (ints, Fractions). For small systems assembled once, such as
  re-solving a float optimum exactly from its tight constraints, or the linear
  indifference systems of polynomial enumeration.
* **Integers, fraction-free** (:func:`solve_integer`, :func:`integer_pivot`,
  :func:`lex_min_ratio_row`): Bareiss elimination and the simplex pivots of von Stengel's
  integer pivoting, as lrs and Gambit use them. Every entry stays an integer (a minor of
  the input), so no gcd is ever taken; these are the hot kernels of exact support
  enumeration, vertex enumeration and Lemke-Howson.

References
----------
E. H. Bareiss (1968), "Sylvester's identity and multistep integer-preserving Gaussian
elimination", Mathematics of Computation 22:565-578.
B. von Stengel (2007), "Equilibrium computation for two-player games in strategic and
extensive form", ch. 3 of *Algorithmic Game Theory*, section 3.5 (integer pivoting).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from coopgame.errors import CoopgameError

__all__ = ["integer_pivot", "lex_min_ratio_row", "solve", "solve_integer", "solve_with_dimension"]


# ----------------------------------------------------------------------- Fractions
def solve(matrix: Sequence[Sequence[Any]], rhs: Sequence[Any]) -> list[Fraction] | None:
    """The unique solution of ``matrix @ x = rhs`` in Fractions, or None.

    Any number of equations (rows); the unknowns are the columns. None when the system
    is inconsistent, has more than one solution (rank below the number of columns), or
    has no equations.

    Examples
    --------
    ``2x + y = 3, x - y = 0`` and a redundant third equation ``3x = 3``:

    >>> solve([[2, 1], [1, -1], [3, 0]], [3, 0, 3])
    [Fraction(1, 1), Fraction(1, 1)]
    >>> solve([[1, 1], [2, 2]], [1, 2]) is None  # a line of solutions
    True
    >>> solve([[1, 1], [2, 2]], [1, 3]) is None  # no solution
    True
    """
    return solve_with_dimension(matrix, rhs)[0]


def solve_with_dimension(
    matrix: Sequence[Sequence[Any]], rhs: Sequence[Any]
) -> tuple[list[Fraction] | None, int]:
    """The solutions of ``matrix @ x = rhs`` in Fractions, by Gauss-Jordan elimination.

    Returns ``(x, 0)`` for a unique solution ``x``, ``(None, 0)`` when there is none
    (inconsistent, or no equations), and ``(None, d)`` when the solutions form an
    affine set of dimension ``d > 0`` (the number of columns minus the rank).

    Examples
    --------
    >>> solve_with_dimension([[2, 1], [1, -1]], [3, 0])
    ([Fraction(1, 1), Fraction(1, 1)], 0)
    >>> solve_with_dimension([[1, 1, 1], [2, 2, 2]], [1, 2])  # a plane of solutions
    (None, 2)
    >>> solve_with_dimension([[1, 1], [2, 2]], [1, 3])  # no solution
    (None, 0)
    """
    if len(matrix) != len(rhs):
        raise CoopgameError(
            f"the matrix has {len(matrix)} rows but the right-hand side {len(rhs)} entries"
        )
    if not matrix:
        return None, 0
    columns = len(matrix[0])
    rows = [[Fraction(v) for v in row] + [Fraction(b)] for row, b in zip(matrix, rhs, strict=True)]
    if any(len(row) != columns + 1 for row in rows):
        raise CoopgameError("the rows of the matrix differ in length")
    # Gauss-Jordan: row r ends up holding the r-th pivot, scaled to 1
    rank = 0
    for column in range(columns):
        found = next((r for r in range(rank, len(rows)) if rows[r][column] != 0), None)
        if found is None:
            continue  # a free unknown
        rows[rank], rows[found] = rows[found], rows[rank]
        lead = rows[rank][column]
        pivot_row = rows[rank] = [v / lead for v in rows[rank]]
        for r, row in enumerate(rows):
            factor = row[column]
            if r != rank and factor != 0:
                rows[r] = [v - factor * w for v, w in zip(row, pivot_row, strict=True)]
        rank += 1
    # rows past the rank are 0 = rhs: consistent iff every rhs left is 0
    if any(row[-1] != 0 for row in rows[rank:]):
        return None, 0
    if rank < columns:
        return None, columns - rank
    return [row[-1] for row in rows[:columns]], 0


# ----------------------------------------------------------------------- integers
def solve_integer(
    matrix: Sequence[Sequence[int]], rhs: Sequence[int]
) -> tuple[list[int], int] | None:
    """Solve a square integer system exactly by fraction-free (Bareiss) elimination.

    Returns ``(z, d)`` with ``d > 0`` and ``x = z / d`` the unique solution (by Cramer's
    rule ``d = |det|`` makes ``z`` integral), or None when the matrix is singular.

    Examples
    --------
    ``2x + y = 3, x - y = 0`` has the solution ``x = y = 1``; the determinant is -3:

    >>> solve_integer([[2, 1], [1, -1]], [3, 0])
    ([3, 3], 3)
    >>> solve_integer([[1, 2], [2, 4]], [1, 2]) is None
    True
    """
    n = len(matrix)
    rows = [list(row) + [b] for row, b in zip(matrix, rhs, strict=True)]
    previous_pivot = 1
    for k in range(n):
        pivot = next((r for r in range(k, n) if rows[r][k] != 0), None)
        if pivot is None:
            return None
        rows[k], rows[pivot] = rows[pivot], rows[k]
        top = rows[k]
        pk = top[k]
        for i in range(k + 1, n):
            row = rows[i]
            factor = row[k]
            # Bareiss: the division is exact (every entry is a minor of the matrix)
            for j in range(k + 1, n + 1):
                row[j] = (pk * row[j] - factor * top[j]) // previous_pivot
            row[k] = 0
        previous_pivot = pk
    determinant = rows[n - 1][n - 1]
    scaled = [0] * n
    for i in reversed(range(n)):
        # determinant * x_i is an integer (Cramer), so this division is exact
        total = determinant * rows[i][n] - sum(rows[i][j] * scaled[j] for j in range(i + 1, n))
        scaled[i] = total // rows[i][i]
    if determinant < 0:
        return [-z for z in scaled], -determinant
    return scaled, determinant


def integer_pivot(
    tableau: list[list[int]], det: int, row: int, column: int
) -> tuple[list[list[int]], int]:
    """Fraction-free simplex pivot on ``tableau[row][column]``; the input is not changed.

    ``tableau`` is ``det`` times the true tableau (``det`` is the previous pivot element, 1 at
    the start). The result is the new tableau times the new pivot element, which is
    returned as the new ``det``: the divisions by ``det`` are exact (von Stengel 2007, 3.5).
    The pivot row itself stays as it was.

    Examples
    --------
    ``x + 2y <= 4, 3x + y <= 6`` with slacks; bring ``x`` in on the second row (pivot 3),
    then ``y`` on the first (pivot 5). The last column, divided by ``det``, is the basic
    solution: ``y = 6/5`` and ``x = 8/5``.

    >>> t = [[1, 2, 1, 0, 4], [3, 1, 0, 1, 6]]
    >>> t, det = integer_pivot(t, 1, 1, 0)
    >>> t, det
    ([[0, 5, 3, -1, 6], [3, 1, 0, 1, 6]], 3)
    >>> integer_pivot(t, det, 0, 1)
    ([[0, 5, 3, -1, 6], [5, 0, -1, 2, 8]], 5)
    """
    pivot_row = tableau[row]
    pivot = pivot_row[column]
    new = []
    for r, current in enumerate(tableau):
        if r == row:
            new.append(list(pivot_row))
            continue
        factor = current[column]
        if factor == 0:
            new.append([(v * pivot) // det for v in current])
        else:
            new.append(
                [(v * pivot - factor * p) // det for v, p in zip(current, pivot_row, strict=True)]
            )
    return new, pivot


def lex_min_ratio_row(
    tableau: Sequence[Sequence[int]], entering: int, columns: Sequence[int]
) -> tuple[int, bool]:
    """The leaving row of a simplex pivot by the lexicographic minimum-ratio test.

    Among the rows with a positive entry in column ``entering``, the smallest ratio
    ``tableau[r][c] / tableau[r][entering]`` for ``c = columns[0]`` (the right-hand side),
    ties broken by the next columns in turn (the columns of the basis inverse: the
    lexicographic perturbation of the right-hand side by ``(eps, eps**2, ...)``). Ratios are
    compared by cross-multiplying integers. Returns the row and whether the plain ratio
    test (``columns[0]`` alone) left a tie: a degenerate vertex.

    Raises
    ------
    ValueError
        If no entry of the entering column is positive (an unbounded ray).

    Examples
    --------
    Both rows have the ratio 4/2 = 2/1 in the right-hand side (column 3); the basis
    inverse (columns 1, 2) breaks the tie: 1/2 > 0/1, so row 1 leaves.

    >>> lex_min_ratio_row([[2, 1, 0, 4], [1, 0, 1, 2]], 0, [3, 1, 2])
    (1, True)
    >>> lex_min_ratio_row([[2, 1, 0, 4], [1, 0, 1, 3]], 0, [3, 1, 2])
    (0, False)
    """
    candidates = [r for r in range(len(tableau)) if tableau[r][entering] > 0]
    if not candidates:
        raise CoopgameError(
            f"no positive entry in the entering column {entering}: the polyhedron is unbounded"
        )
    tied = False
    for depth, column in enumerate(columns):
        if len(candidates) == 1:
            break
        best = candidates[0]
        kept = [best]
        for r in candidates[1:]:
            # compare tableau[r][column] / tableau[r][entering] with best's (positive denominators)
            left = tableau[r][column] * tableau[best][entering]
            right = tableau[best][column] * tableau[r][entering]
            if left < right:
                best, kept = r, [r]
            elif left == right:
                kept.append(r)
        candidates = kept
        if depth == 0:
            tied = len(candidates) > 1
    return candidates[0], tied
