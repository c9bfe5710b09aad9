"""coopgame._exact_linalg against independent computations: sympy's exact linear algebra,
Leibniz' determinant formula, and pivoting in plain Fractions."""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
import sympy
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coopgame._exact_linalg import (
    integer_pivot,
    lex_min_ratio_row,
    solve,
    solve_integer,
    solve_with_dimension,
)

small = st.integers(-4, 4)


@st.composite
def systems(draw: st.DrawFn) -> tuple[list[list[int]], list[int]]:
    rows, columns = draw(st.integers(1, 5)), draw(st.integers(1, 4))
    matrix = [[draw(small) for _ in range(columns)] for _ in range(rows)]
    return matrix, [draw(small) for _ in range(rows)]


@settings(max_examples=150, deadline=None)
@given(systems())
def test_solve_against_sympy(system: tuple[list[list[int]], list[int]]) -> None:
    """A solution exactly when sympy's linsolve finds exactly one, and then the same one."""
    matrix, rhs = system
    unknowns = sympy.symbols(f"x0:{len(matrix[0])}")
    expected = sympy.linsolve((sympy.Matrix(matrix), sympy.Matrix(rhs)), *unknowns)
    ours = solve(matrix, rhs)
    unique = len(expected) == 1 and all(v.is_Rational for v in next(iter(expected)))
    if not unique:
        assert ours is None
        return
    assert ours == [Fraction(int(v.p), int(v.q)) for v in next(iter(expected))]


def test_solve_takes_fractions_and_rejects_bad_shapes() -> None:
    """x/2 + y = 1, x - y/3 = 1: x = 8/7, y = 3/7 (by substitution)."""
    assert solve([[Fraction(1, 2), 1], [1, Fraction(-1, 3)]], [1, 1]) == [
        Fraction(8, 7),
        Fraction(3, 7),
    ]
    assert solve([], []) is None
    with pytest.raises(ValueError, match="right-hand side"):
        solve([[1, 2]], [1, 2])
    with pytest.raises(ValueError, match="differ in length"):
        solve([[1, 2], [1]], [1, 2])


def _leibniz_determinant(matrix: list[list[int]]) -> int:
    n = len(matrix)

    def sign(p: tuple[int, ...]) -> int:
        inversions = sum(1 for i in range(n) for j in range(i + 1, n) if p[i] > p[j])
        return -1 if inversions % 2 else 1

    return sum(
        math.prod(matrix[i][p[i]] for i in range(n)) * sign(p)
        for p in itertools.permutations(range(n))
    )


@settings(max_examples=150, deadline=None)
@given(systems())
def test_solve_with_dimension_against_sympy(system: tuple[list[list[int]], list[int]]) -> None:
    """The dimension of the solution set is sympy's number of free parameters; no
    solution gives (None, 0) and a unique one the same vector as sympy."""
    matrix, rhs = system
    unknowns = sympy.symbols(f"x0:{len(matrix[0])}")
    expected = sympy.linsolve((sympy.Matrix(matrix), sympy.Matrix(rhs)), *unknowns)
    ours, dimension = solve_with_dimension(matrix, rhs)
    if not expected:
        assert (ours, dimension) == (None, 0)
        return
    free = set().union(*(v.free_symbols for v in next(iter(expected))))
    assert dimension == len(free)
    if dimension == 0:
        assert ours == [Fraction(int(v.p), int(v.q)) for v in next(iter(expected))]
    else:
        assert ours is None

@settings(derandomize=True, deadline=None, max_examples=200)
@given(
    st.integers(1, 5).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(small, min_size=n, max_size=n), min_size=n, max_size=n),
            st.lists(st.integers(-9, 9), min_size=n, max_size=n),
        )
    )
)
def test_solve_integer_against_leibniz(system: tuple[list[list[int]], list[int]]) -> None:
    """Bareiss result z/d solves M x = b exactly, and is None exactly when det M = 0
    (the determinant computed independently by Leibniz' formula)."""
    matrix, rhs = system
    determinant = _leibniz_determinant(matrix)
    solved = solve_integer(matrix, rhs)
    if determinant == 0:
        assert solved is None
        return
    assert solved is not None
    scaled, denominator = solved
    assert denominator == abs(determinant)
    for row, b in zip(matrix, rhs, strict=True):
        assert sum(a * z for a, z in zip(row, scaled, strict=True)) == denominator * b


def _fraction_pivot(tableau: list[list[Fraction]], row: int, column: int) -> list[list[Fraction]]:
    """The textbook pivot: divide the pivot row by the pivot, eliminate the column elsewhere."""
    pivot_row = [v / tableau[row][column] for v in tableau[row]]
    return [
        pivot_row
        if r == row
        else [v - current[column] * p for v, p in zip(current, pivot_row, strict=True)]
        for r, current in enumerate(tableau)
    ]


@settings(max_examples=100, deadline=None)
@given(st.integers(1, 4), st.integers(1, 4), st.data())
def test_integer_pivots_are_fraction_pivots_times_the_determinant(
    k: int, d: int, data: st.DataObject
) -> None:
    """After any sequence of pivots, the integer tableau is ``det`` times the Fraction one
    (``det`` the last pivot element), and every division was exact."""
    matrix = [[data.draw(small) for _ in range(d)] for _ in range(k)]
    tableau = [
        row + [int(i == r) for i in range(k)] + [data.draw(small)] for r, row in enumerate(matrix)
    ]
    exact = [[Fraction(v) for v in row] for row in tableau]
    det = 1
    for _ in range(data.draw(st.integers(1, 4))):
        choices = [(r, c) for r in range(k) for c in range(d + k) if tableau[r][c] != 0]
        assume(choices)
        row, column = data.draw(st.sampled_from(choices))
        tableau, det = integer_pivot(tableau, det, row, column)
        exact = _fraction_pivot(exact, row, column)
        assert [[Fraction(v, det) for v in r] for r in tableau] == exact


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 5), st.data())
def test_lex_min_ratio_row_is_the_lexicographic_minimum(k: int, data: st.DataObject) -> None:
    """The chosen row minimises the ratio vector lexicographically (compared as Fraction tuples);
    ``tied`` says whether several rows share the smallest first ratio."""
    width = data.draw(st.integers(2, 5))
    tableau = [[data.draw(st.integers(-3, 6)) for _ in range(width)] for _ in range(k)]
    columns = data.draw(st.permutations(range(1, width)))
    candidates = [r for r in range(k) if tableau[r][0] > 0]
    if not candidates:
        with pytest.raises(ValueError, match="unbounded"):
            lex_min_ratio_row(tableau, 0, columns)
        return

    def ratios(r: int) -> tuple[Fraction, ...]:
        return tuple(Fraction(tableau[r][c], tableau[r][0]) for c in columns)

    best = min(ratios(r) for r in candidates)
    row, tied = lex_min_ratio_row(tableau, 0, columns)
    assert ratios(row) == best
    assert tied == (sum(ratios(r)[0] == best[0] for r in candidates) > 1)
