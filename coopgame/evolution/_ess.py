"""Evolutionarily stable and neutrally stable strategies of a symmetric game (Maynard Smith).

A strategy ``p`` of the symmetric game with payoff matrix ``A`` (row player's payoffs)
is an ESS when, for every mutant ``q != p``,
``q A p < p A p``, or ``q A p = p A p`` and ``q A q < p A q`` (Maynard Smith & Price
1973); it is neutrally stable (NSS) with ``<=`` in the second condition. The mutants
that matter are the best replies to ``p``; writing ``z = q - p`` the second condition
is ``z^T A z < 0`` (``<= 0`` for NSS) on the cone of such directions. Every ESS is an
asymptotically stable rest point of the replicator dynamics (Taylor & Jonker 1978).

All checks are exact: entries become Fractions by :func:`coopgame.numbers.to_exact`, so
a float is read as the decimal it prints as (``0.3`` is 3/10, and ``[0.3, 0.7]`` sums
to 1), as :meth:`Game.as_exact <coopgame.game.Game.as_exact>` reads it.

References
----------
Maynard Smith, J. & Price, G. R. (1973). The logic of animal conflict. *Nature* 246, 15-18.
Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game
dynamics. *Math. Biosci.* 40, 145-156.
Bomze, I. M. & Weibull, J. W. (1995). Does neutral stability imply Lyapunov stability?
*Games Econ. Behav.* 11, 173-192.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np
import numpy.typing as npt

from coopgame.evolution._dynamics import EvolutionError, _sympy
from coopgame.numbers import InvalidNumberError, to_exact

Matrix = list[list[Fraction]]


def _exact_matrix(matrix: npt.ArrayLike | Sequence[Sequence[Any]]) -> Matrix:
    """The payoff matrix as Fractions; a clear error for symbols, NaN or a non-square shape.

    A two-player :class:`~coopgame.game.Game` is accepted when it is symmetric (B = A^T).
    """
    from coopgame.game import Game

    if isinstance(matrix, Game):
        if matrix.n_players != 2 or matrix.shape[0] != matrix.shape[1]:
            raise EvolutionError(
                f"an ESS needs a symmetric two-player game; got shape {matrix.shape}"
            )
        A, B = matrix.bimatrix_arrays(dtype=object)
        if any(A[i, j] != B[j, i] for i in range(A.shape[0]) for j in range(A.shape[1])):
            raise EvolutionError(
                "the game is not symmetric (the column payoffs are not the transpose of the row "
                "payoffs)"
            )
        matrix = A
    rows = np.asarray(matrix, dtype=object)
    if rows.ndim != 2 or rows.shape[0] != rows.shape[1] or rows.shape[0] < 1:
        raise EvolutionError(
            f"a symmetric game needs a square payoff matrix; got shape {rows.shape}"
        )
    return [[_fraction(value, "ESS checks need numeric payoffs") for value in row] for row in rows]


def _fraction(value: Any, what: str) -> Fraction:
    """``value`` as an exact Fraction (:func:`~coopgame.numbers.to_exact`), or a clear error."""
    try:
        return to_exact(value)
    except (InvalidNumberError, TypeError, ValueError):
        raise EvolutionError(f"{what}; got {value!r} (substitute parameters first)") from None


def _exact_strategy(strategy: Sequence[Any], n: int) -> list[Fraction]:
    p = [_fraction(v, "a strategy's shares must be numbers") for v in strategy]
    if len(p) != n or any(v < 0 for v in p) or sum(p) != 1:
        raise EvolutionError(
            f"a strategy must be {n} non-negative shares summing to 1; got {list(strategy)}"
        )
    return p


def _payoffs_against(A: Matrix, p: list[Fraction]) -> list[Fraction]:
    """``(A p)_s``: each pure strategy's payoff against the population state ``p``."""
    return [sum((a * q for a, q in zip(row, p)), Fraction(0)) for row in A]


def _quadratic_form_on_face(A: Matrix, free: list[int], signed: list[int]) -> Any:
    """``z^T A z`` restricted to ``sum z = 0``, in coordinates of all but one direction.

    ``free`` (two-sided directions, support of p) and ``signed`` (one-sided, extra best
    replies) index strategies; the first of ``free + signed`` is eliminated via
    ``sum z = 0``. Returns the symmetric sympy matrix of the form, whose first
    ``len(free) - 1`` coordinates are the free ones.
    """
    sp = _sympy()
    idx = free + signed
    base, rest = idx[0], idx[1:]
    # z = sum_k w_k (e_{rest_k} - e_base): the form is c_kl = a_kl - a_kb - a_bl + a_bb
    m = sp.Matrix(len(rest), len(rest), lambda k, j: sp.Rational(
        A[rest[k]][rest[j]] - A[rest[k]][base] - A[base][rest[j]] + A[base][base]))
    return (m + m.T) / 2


def _negative_on_cone(S: Any, n_free: int, strict: bool) -> bool:
    """``w^T S w < 0`` (``<= 0`` if not strict) for all nonzero ``w`` with the last coordinates >=
    0.

    The first ``n_free`` coordinates are unrestricted. Decided exactly: a quadratic form
    is negative on such a cone iff it is negative on the subspace of the free coordinates
    and, for every subset of the signed coordinates, has no critical direction with
    non-negative value inside that face (checked by enumerating faces; fine for the
    small games this is meant for).
    """
    sp = _sympy()
    dim = S.shape[0]
    if dim == 0:
        return True
    signed = list(range(n_free, dim))
    # a nonzero w maximising w^T S w on the unit sphere within a face lies in the relative interior
    # of some face {free coords, subset T of signed coords}; it is an eigenvector of the principal
    # submatrix with positive T-entries (Kaplan 2000 for copositivity, extended to free coords)
    for size in range(len(signed) + 1):
        for subset in combinations(signed, size):
            face = list(range(n_free)) + list(subset)
            if not face:
                continue
            sub = S.extract(face, face)
            for value, _mult, vectors in sub.eigenvects():
                if (value.is_negative if strict else not value.is_positive):
                    continue
                for v in vectors:
                    tail = [v[len(face) - size + k] for k in range(size)]
                    if (
                        size == 0
                        or all(t.is_positive for t in tail)
                        or all(t.is_negative for t in tail)
                    ):
                        return False
                if size > 0 and len(vectors) > 1:
                    # an eigenspace of dimension > 1 may hold a positive vector none of its basis
                    # shows
                    basis = sp.Matrix.hstack(*vectors)
                    if _cone_meets_positive(basis, len(face) - size):
                        return False
    return True


def _cone_meets_positive(basis: Any, n_free: int) -> bool:
    """Does the column span of ``basis`` contain a vector whose rows from ``n_free`` on are > 0?"""
    from scipy.optimize import linprog

    tail = np.array(basis[n_free:, :].evalf(), dtype=float)
    k = tail.shape[1]
    # maximise s subject to tail @ c >= s, |c| <= 1: positive optimum <=> such a vector exists
    res = linprog(
        np.r_[np.zeros(k), -1.0],
        A_ub=np.c_[-tail, np.ones(len(tail))],
        b_ub=np.zeros(len(tail)),
        bounds=[(-1, 1)] * k + [(None, 1)],
    )
    return bool(res.status == 0 and -res.fun > 1e-12)


def _stability(A: Matrix, p: list[Fraction], strict: bool) -> bool:
    """Maynard Smith's two conditions for ``p`` (ESS if strict, NSS otherwise)."""
    payoff = _payoffs_against(A, p)
    value = sum((q * u for q, u in zip(p, payoff)), Fraction(0))
    if any(u > value for u in payoff):
        return False  # first condition fails: p is not a Nash equilibrium
    support = [s for s, q in enumerate(p) if q > 0]
    extra = [s for s, u in enumerate(payoff) if u == value and p[s] == 0]
    S = _quadratic_form_on_face(A, support, extra)
    return _negative_on_cone(S, len(support) - 1, strict)


def is_ess(matrix: npt.ArrayLike | Sequence[Sequence[Any]], strategy: Sequence[Any]) -> bool:
    """Is ``strategy`` an evolutionarily stable strategy of the symmetric game ``matrix``?

    Parameters
    ----------
    matrix
        The row player's payoff matrix ``A`` (``A[s][t]``: payoff of ``s`` against ``t``).
    strategy
        Shares of the pure strategies (numbers, Fractions or ``"p/q"`` strings).

    Examples
    --------
    Hawk-Dove with V = 2, C = 4: playing Hawk with probability V/C = 1/2 is the ESS.

    >>> hawk_dove = [[-1, 2], [0, 1]]   # (V - C)/2, V; 0, V/2
    >>> is_ess(hawk_dove, [Fraction(1, 2), Fraction(1, 2)]), is_ess(hawk_dove, [1, 0])
    (True, False)

    References
    ----------
    Maynard Smith, J. (1982). *Evolution and the Theory of Games*, ch. 2. Cambridge University
    Press.
    """
    A = _exact_matrix(matrix)
    return _stability(A, _exact_strategy(strategy, len(A)), strict=True)


def is_neutrally_stable(
    matrix: npt.ArrayLike | Sequence[Sequence[Any]], strategy: Sequence[Any]
) -> bool:
    """Is ``strategy`` a neutrally stable strategy (Maynard Smith's weak inequality)?

    Examples
    --------
    In a game where all payoffs are equal every strategy is neutrally stable, none is an ESS.

    >>> is_neutrally_stable([[1, 1], [1, 1]], [1, 0]), is_ess([[1, 1], [1, 1]], [1, 0])
    (True, False)
    """
    A = _exact_matrix(matrix)
    return _stability(A, _exact_strategy(strategy, len(A)), strict=False)


def _equalising_strategy(A: Matrix, support: tuple[int, ...]) -> list[Fraction] | None:
    """The unique ``p`` on ``support`` equalising the payoffs of the support strategies, if any."""
    sp = _sympy()
    k = len(support)
    # unknowns p_s (s in support) and the common payoff v: A_SS p - v 1 = 0, sum p = 1
    M = sp.zeros(k + 1, k + 1)
    for r, s in enumerate(support):
        for c, t in enumerate(support):
            M[r, c] = sp.Rational(A[s][t])
        M[r, k] = -1
    for c in range(k):
        M[k, c] = 1
    if M.det() == 0:
        return None  # not isolated: a continuum of equalisers contains no ESS
    sol = M.LUsolve(sp.Matrix([0] * k + [1]))
    p = [Fraction(0)] * len(A)
    for c, s in enumerate(support):
        value = sp.Rational(sol[c])
        if value <= 0:
            return None
        p[s] = Fraction(int(value.p), int(value.q))
    return p


def evolutionarily_stable_strategies(
    matrix: npt.ArrayLike | Sequence[Sequence[Any]],
) -> tuple[tuple[Fraction, ...], ...]:
    """All ESS of the symmetric game ``matrix``, exactly (an empty tuple says there is none).

    Each ESS is an isolated symmetric Nash equilibrium, so the candidates are the
    equalising strategies of every support (support enumeration); each is then
    checked with :func:`is_ess`.

    Examples
    --------
    >>> evolutionarily_stable_strategies([[-1, 2], [0, 1]])    # Hawk-Dove, V=2, C=4
    ((Fraction(1, 2), Fraction(1, 2)),)
    >>> evolutionarily_stable_strategies(
    ...     [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    ... )  # rock-paper-scissors
    ()

    References
    ----------
    Haigh, J. (1975). Game theory and evolution. *Adv. Appl. Probab.* 7, 8-11.
    """
    A = _exact_matrix(matrix)
    n = len(A)
    found: list[tuple[Fraction, ...]] = []
    for size in range(1, n + 1):
        for support in combinations(range(n), size):
            p = _equalising_strategy(A, support)
            if p is not None and _stability(A, p, strict=True):
                found.append(tuple(p))
    return tuple(sorted(set(found), reverse=True))
