"""Support enumeration for two-player games: every extreme equilibrium, degenerate or not.

An extreme equilibrium ``(x, y)`` of a bimatrix game ``(A, B)`` is a pair of
vertices of the two best-response polyhedra (Mangasarian 1964; von Stengel 2002,
section 3.3). A vertex ``x`` of

    P = {(x, v) : x >= 0, sum(x) = 1, B^T x <= v}

is the unique solution of a square system of tight constraints: on a set ``I`` of
rows that may be played (the others are 0) and an equally large set ``J`` of
columns between which ``x`` makes the opponent indifferent,

    sum_{i in I} B[i, j] x_i = v   (j in J),      sum_{i in I} x_i = 1.

So the algorithm is, for each player:

1. :func:`_square_subsystems`: every pair ``(I, J)`` with ``|I| = |J|``;
2. :func:`_indifferent_strategies`: solve the nonsingular systems, keep the
   solutions with ``x >= 0`` whose indifferent columns are best responses
   (``B^T x <= v``), and drop duplicates: these are the vertices;
3. :func:`_best_response_sets`: each vertex's support and its full set of pure
   best responses;

and then :func:`_complementary_pairs`: ``(x, y)`` is an equilibrium iff the
support of each is within the other's best responses. Because a vertex is
found from *any* of its bases, a vertex with more tight constraints than
unknowns (a degenerate game) is found too: the method returns the same set as
Gambit's ``enummixed`` (Avis, Rosenberg, Savani and von Stengel 2010), unlike
support enumeration over equal-size supports alone (nashpy issues #20, #222).

Exact mode pivots on Python integers (fraction-free Bareiss elimination, shared in
:mod:`coopgame._exact_linalg`), after a batched float pass has discarded the systems
that are certainly infeasible; float mode solves all systems of one size in one
batched ``numpy.linalg.solve``.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from coopgame._exact_linalg import solve_integer
from coopgame.equilibria._certificate import TIE_TOL, certified_equilibrium, normalized_payoffs
from coopgame.equilibria._common import (
    check_solver_input,
    deadline_after,
    expired,
    nash_result,
    resolve_exact,
)
from coopgame.equilibria._components import build_components, component_notes
from coopgame.equilibria._result import Equilibrium, NashResult, sorted_equilibria
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL, to_integer_array

__all__ = ["support_enumeration"]

#: Float mode: a system whose smallest singular value is below this fraction of its
#: largest is treated as singular (its vertex, if any, has a better-conditioned basis
#: or lies on a degenerate tie that exact mode resolves).
_SINGULAR_RATIO = 1e-12

#: Float mode: square systems solved in one numpy batch (bounds the memory of a step).
_BLOCK = 4096


@dataclass(frozen=True)
class _Vertices:
    """The vertices of one player's best-response polyhedron.

    ``strategies[k]`` is a mixed strategy (Fractions or floats), ``support[k]`` its
    positive entries and ``best[k]`` the opponent's pure best responses to it.
    """

    strategies: list[np.ndarray]
    support: np.ndarray  # bool, (vertices, own strategies)
    best: np.ndarray  # bool, (vertices, opponent strategies)


def support_enumeration(
    game: Game, *, exact: bool | None = None, tol: float = DEFAULT_TOL, max_seconds: float | None = 60.0
) -> NashResult:
    """All extreme Nash equilibria of a two-player game, also when it is degenerate.

    Parameters
    ----------
    game
        A numeric two-player game.
    exact
        Exact rational arithmetic (default: iff the payoffs are exact). Exact mode
        is the reference: ties are decided exactly.
    tol
        Float mode: the largest regret accepted by the certificate, as a fraction of
        each player's payoff range. The systems are solved on payoffs mapped onto
        [0, 1] per player, where payoff ties are judged within ``min(tol, TIE_TOL)``
        (1e-11) and probabilities within ``min(tol, 1e-12)`` of 0 are 0.
    max_seconds
        Stop after about this many seconds (None: no limit). The systems are solved
        in batches of bounded size, so memory stays bounded either way.

    Returns
    -------
    NashResult
        ``method="support"``, every extreme equilibrium (each certified by its
        regret), ``degenerate`` and the connected components with their maximal
        Nash subsets; ``complete=False``, no components and a note when
        ``max_seconds`` ran out (the equilibria are those among the vertices found).

    Raises
    ------
    GameError
        If the game does not have two players or has free parameters.
    ValueError
        If ``tol`` is not a positive finite number.

    Notes
    -----
    The number of square subsystems is ``binom(m + n, m) - 1`` per player, so the
    method suits games up to about 10 x 10; for larger ones use ``"vertex"``.

    References
    ----------
    O. L. Mangasarian (1964), "Equilibrium points of bimatrix games", J. SIAM 12:778-780.
    B. von Stengel (2002), "Computing equilibria for two-person games", Handbook of
    Game Theory 3, ch. 45, sections 2.6 and 3.
    D. Avis, G. Rosenberg, R. Savani, B. von Stengel (2010), "Enumeration of Nash
    equilibria for two-player games", Economic Theory 42:9-37.

    Examples
    --------
    Battle of the sexes: two pure equilibria and a mixed one.

    >>> from coopgame import Game
    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> res = support_enumeration(bos)
    >>> [[[str(p) for p in vec] for vec in eq.profile] for eq in res]
    [[['1', '0'], ['1', '0']], [['2/3', '1/3'], ['1/3', '2/3']], [['0', '1'], ['0', '1']]]
    >>> res.degenerate
    False

    A degenerate game (the column player is indifferent after ``Down``): the
    equilibria ``(Down, y)`` for every ``y`` with ``y_1 <= 1/2`` form one component
    with two extreme equilibria, plus the isolated ``(Up, Left)``.

    >>> g = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [1, 1]])
    >>> res = support_enumeration(g)
    >>> [[[str(p) for p in vec] for vec in eq.profile] for eq in res]
    [[['1', '0'], ['1', '0']], [['0', '1'], ['1/2', '1/2']], [['0', '1'], ['0', '1']]]
    >>> res.degenerate, [c.equilibria for c in res.components]
    (True, [(0,), (1, 2)])

    Float mode:

    >>> res = support_enumeration(bos.as_float())
    >>> np.round(res[1].profile[0], 6)
    array([0.666667, 0.333333])
    """
    check_solver_input(game, "support_enumeration", players=2, tol=tol, max_seconds=max_seconds, exact=exact)
    deadline = deadline_after(max_seconds)
    solved, exact_mode = resolve_exact(game, exact)
    A, B = solved.bimatrix_arrays()
    # half the time for each player's vertices, so that a cut-short run has both sides' small supports
    halfway = None if deadline is None else (time.monotonic() + deadline) / 2
    if exact_mode:
        scaled = to_integer_array(np.stack([A, B]))
        x_vertices = _exact_vertices(scaled[1], halfway)
        y_vertices = _exact_vertices(scaled[0].T, deadline)
    else:
        unit = normalized_payoffs(solved.payoffs)[0]
        x_vertices = _float_vertices(unit[..., 1], tol, halfway)
        y_vertices = _float_vertices(unit[..., 0].T, tol, deadline)
    enumerated = not expired(deadline)

    pairs = _complementary_pairs(x_vertices, y_vertices)
    found: dict[tuple[int, int], Equilibrium] = {}
    for i, j in pairs:
        if expired(deadline):
            break
        found[i, j] = certified_equilibrium(
            solved, (x_vertices.strategies[i], y_vertices.strategies[j]), exact_mode, tol
        )
    complete = enumerated and len(found) == len(pairs)
    equilibria = sorted_equilibria(list(found.values()))
    position = {eq.key(): k for k, eq in enumerate(equilibria)}
    equilibrium_index = {pair: position[eq.key()] for pair, eq in found.items()}
    components = (build_components(pairs, x_vertices.strategies, y_vertices.strategies, equilibrium_index)
                  if complete else None)
    degenerate = _is_degenerate(x_vertices) or _is_degenerate(y_vertices)
    if components is not None:
        notes = component_notes(components)
    else:
        covered = (f"{len(found)} of the {len(pairs)} complementary pairs were certified" if enumerated else
                   f"only some supports were examined ({len(x_vertices.strategies)} and "
                   f"{len(y_vertices.strategies)} vertices found); the equilibria listed are the pairs among them")
        notes = (f"stopped after max_seconds={max_seconds}: {covered} (components not computed)",)
    return nash_result(game, "support", exact_mode, equilibria, tol=tol, max_seconds=max_seconds,
                       degenerate=degenerate, components=components, complete=complete, notes=notes)




# ---------------------------------------------------------------- textbook steps
def _square_subsystems(own: int, other: int, block: int = _BLOCK) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """For each size ``k``, all ``k``-subsets of own strategies and of the opponent's,
    in blocks of about ``block`` pairs (the subsets are generated, never all held).

    Every pair ``(rows[a], cols[b])`` of one yielded ``(rows, cols)`` is a square
    system: ``k`` probabilities plus the value, ``k`` indifferences plus ``sum = 1``.

    Examples
    --------
    >>> [(r.tolist(), c.tolist()) for r, c in _square_subsystems(2, 3)]
    [([[0], [1]], [[0], [1], [2]]), ([[0, 1]], [[0, 1], [0, 2], [1, 2]])]
    >>> len(list(_square_subsystems(2, 3, block=2)))
    6
    """
    for size in range(1, min(own, other) + 1):
        cols_per_block = min(math.comb(other, size), block)
        rows_per_block = max(1, block // cols_per_block)
        for rows in _combination_blocks(own, size, rows_per_block):
            for cols in _combination_blocks(other, size, cols_per_block):
                yield rows, cols


def _combination_blocks(n: int, size: int, count: int) -> Iterator[np.ndarray]:
    """The ``size``-subsets of ``range(n)`` in lexicographic order, ``count`` at a time."""
    subsets = itertools.combinations(range(n), size)
    while True:
        chunk = list(itertools.islice(subsets, count))
        if not chunk:
            return
        yield np.array(chunk, dtype=np.intp)


def _indifference_systems(payoffs: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The matrices of all systems ``(rows[a], cols[b])``, shape ``(a * b, k + 1, k + 1)``.

    ``payoffs[i, j]`` is the opponent's payoff when the player plays ``i`` and the
    opponent ``j``; unknowns are ``(x_rows..., v)``; equation ``c < k`` says column
    ``cols[b, c]`` earns ``v``, the last one that the probabilities sum to 1.

    Examples
    --------
    >>> _indifference_systems(np.array([[1., 2.], [3., 4.]]), np.array([[0, 1]]), np.array([[0, 1]]))[0]
    array([[ 1.,  3., -1.],
           [ 2.,  4., -1.],
           [ 1.,  1.,  0.]])
    """
    size = rows.shape[1]
    block = payoffs[rows[:, None, :, None], cols[None, :, None, :]]  # [a, b, r, c]
    systems = np.zeros((rows.shape[0], cols.shape[0], size + 1, size + 1), dtype=payoffs.dtype)
    systems[..., :size, :size] = np.swapaxes(block, -1, -2)
    systems[..., :size, size] = -1
    systems[..., size, :size] = 1
    return systems.reshape(-1, size + 1, size + 1)


def _indifferent_strategies(payoffs: np.ndarray, tol: float, deadline: float | None = None) -> np.ndarray:
    """Float mode: every vertex strategy of the player whose opponent's payoffs are ``payoffs``.

    Solves all square systems size by size in batches; keeps the nonsingular ones
    whose solution is a nonnegative strategy making its indifferent columns best
    responses (ties within ``tol``). Returns the distinct strategies as rows
    (near-duplicates removed, in decreasing lexicographic order); probabilities
    within :func:`_probability_tol` of 0 are set to 0. Stops early (with the vertices
    found so far) at ``deadline``.

    Examples
    --------
    Matching pennies, row player: the pure rows are vertices, and so is the half-half mix.

    >>> _indifferent_strategies(np.array([[-1., 1.], [1., -1.]]), 1e-9)
    array([[1. , 0. ],
           [0.5, 0.5],
           [0. , 1. ]])
    """
    own, other = payoffs.shape
    probability_tol = _probability_tol(tol)
    found = []
    tie_tol = min(tol, TIE_TOL)
    held = 0
    for rows, cols in _square_subsystems(own, other):
        if expired(deadline):
            break
        conditioning, strategies, value = _batched_solutions(payoffs, rows, cols)
        solvable = conditioning > _SINGULAR_RATIO
        strategies, value = strategies[solvable], value[solvable]
        earned = strategies @ payoffs
        feasible = np.all(strategies >= -probability_tol, axis=1) & np.all(earned <= value[:, None] + tie_tol, axis=1)
        found.append(strategies[feasible])
        held += int(feasible.sum())
        if held > 8 * _BLOCK:  # a degenerate vertex comes from many systems: drop repeats as we go
            found = [np.concatenate(found)]
            found[0] = _distinct_rows(found[0], probability_tol)
            held = len(found[0])
    if not found:
        return np.zeros((0, own))
    strategies = np.concatenate(found)
    strategies[strategies <= probability_tol] = 0.0
    strategies /= strategies.sum(axis=1, keepdims=True)
    return _distinct_rows(strategies, probability_tol)


def _probability_tol(tol: float) -> float:
    """Tolerance for probabilities: a probability 1e-10 can be part of an equilibrium
    (``[[1000, 0], [0, 1e-7]]``), so only rounding noise counts as 0."""
    return min(tol, 1e-12)


def _batched_solutions(
    payoffs: np.ndarray, rows: np.ndarray, cols: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Solve every system ``(rows[a], cols[b])`` in float, in one batch.

    Returns, per system (``a * b`` of them), the ratio of its smallest to largest
    singular value (with payoffs scaled to at most 1 in absolute value), the
    strategy (zeros outside ``rows[a]``) and the value ``v``; the last two are NaN
    for systems with ratio <= ``_SINGULAR_RATIO``.

    Examples
    --------
    >>> ratio, x, v = _batched_solutions(np.array([[-1., 1.], [1., -1.]]), np.array([[0, 1]]), np.array([[0, 1]]))
    >>> x, v
    (array([[0.5, 0.5]]), array([0.]))
    """
    size = rows.shape[1]
    # payoffs of order 1, like the sum row, so that the singular-value ratio does not
    # depend on the payoffs' unit (1e12 or 1e-12 would otherwise look singular)
    scale = float(np.abs(payoffs).max()) or 1.0
    systems = _indifference_systems(payoffs / scale, rows, cols)
    singular_values = np.linalg.svd(systems, compute_uv=False)
    conditioning = singular_values[:, -1] / singular_values[:, 0]
    solvable = conditioning > _SINGULAR_RATIO
    strategies = np.full((len(systems), payoffs.shape[0]), np.nan)
    value = np.full(len(systems), np.nan)
    if solvable.any():
        rhs = np.zeros((int(solvable.sum()), size + 1, 1))
        rhs[:, size, 0] = 1.0
        solutions = np.linalg.solve(systems[solvable], rhs)[..., 0]
        placed = np.zeros((len(solutions), payoffs.shape[0]))
        row_sets = np.repeat(rows, cols.shape[0], axis=0)[solvable]
        np.put_along_axis(placed, row_sets, solutions[:, :size], axis=1)
        strategies[solvable] = placed
        value[solvable] = solutions[:, size] * scale
    return conditioning, strategies, value


def _worth_solving_exactly(payoffs: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """Exact mode's float screen: False only for systems that are certainly not vertices.

    A system is skipped when it is well conditioned (ratio of singular values above
    1e-8, so float solutions carry relative errors below ~1e-8) and its float solution
    misses feasibility by a margin 100 times larger; every other system (singular,
    ill-conditioned, feasible or borderline) is solved exactly.

    Examples
    --------
    Matching pennies: the pure rows are vertices only against their best reply.

    >>> _worth_solving_exactly(np.array([[-1., 1.], [1., -1.]]), np.array([[0], [1]]), np.array([[0], [1]]))
    array([False,  True,  True, False])
    """
    conditioning, strategies, value = _batched_solutions(payoffs, rows, cols)
    margin = 1e-6 * max(1.0, float(np.abs(payoffs).max()))
    with np.errstate(invalid="ignore"):
        negative = np.where(np.isnan(strategies), 0.0, strategies).min(axis=1) < -1e-6
        overtaken = np.max(strategies @ payoffs - value[:, None], axis=1) > margin
    return ~((conditioning > 1e-8) & (negative | overtaken))


def _distinct_rows(vectors: np.ndarray, tol: float) -> np.ndarray:
    """The rows of ``vectors`` without near-duplicates (max-norm distance <= ``tol``).

    Examples
    --------
    >>> _distinct_rows(np.array([[0.5, 0.5], [1.0, 0.0], [0.5 + 1e-10, 0.5 - 1e-10]]), 1e-9)
    array([[1. , 0. ],
           [0.5, 0.5]])
    """
    # most repeats are the same vertex reached from several bases: equal up to rounding
    # noise. Rounding only picks representatives; the kept rows keep their full precision.
    _, first = np.unique(np.round(vectors, 12), axis=0, return_index=True)
    vectors = vectors[first[::-1]]
    keep = np.ones(len(vectors), dtype=bool)
    chunk = 256  # bounds the memory of the pairwise distances
    for start in range(0, len(vectors), chunk):
        block = vectors[start:start + chunk]
        near = np.max(np.abs(block[:, None, :] - vectors[None, :, :]), axis=2) <= tol
        rows = np.arange(start, start + len(block))
        earlier_twin = (near & (np.arange(len(vectors))[None, :] < rows[:, None])).any(axis=1)
        keep[rows] = ~earlier_twin
    return vectors[keep]


def _exact_indifferent_strategies(payoffs: np.ndarray, deadline: float | None = None) -> list[tuple[Fraction, ...]]:
    """Exact mode of :func:`_indifferent_strategies` on an integer payoff matrix.

    Examples
    --------
    >>> [[str(p) for p in x] for x in _exact_indifferent_strategies(np.array([[-1, 1], [1, -1]], dtype=object))]
    [['1', '0'], ['0', '1'], ['1/2', '1/2']]
    """
    own, other = payoffs.shape
    table = [[int(v) for v in row] for row in payoffs]
    columns = [[table[i][j] for i in range(own)] for j in range(other)]
    found: dict[tuple[Fraction, ...], None] = {}
    try:
        float_payoffs: np.ndarray | None = np.array(table, dtype=float)
    except OverflowError:  # integers beyond float range: solve every system exactly
        float_payoffs = None
    for rows, cols in _square_subsystems(own, other):
        if expired(deadline):
            break
        size = rows.shape[1]
        rhs = [0] * size + [1]
        row_sets, col_sets = rows.tolist(), cols.tolist()
        worth = (np.ones(len(row_sets) * len(col_sets), dtype=bool) if float_payoffs is None
                 else _worth_solving_exactly(float_payoffs, rows, cols))
        for index in np.flatnonzero(worth).tolist():
            if expired(deadline):
                break
            row_set, col_set = row_sets[index // len(col_sets)], col_sets[index % len(col_sets)]
            system = [[table[i][j] for i in row_set] + [-1] for j in col_set]
            system.append([1] * size + [0])
            solved = solve_integer(system, rhs)
            if solved is None:
                continue
            scaled, denominator = solved
            weights = scaled[:size]
            if any(w < 0 for w in weights):
                continue
            value = scaled[size]  # denominator * v
            if any(sum(column[i] * w for i, w in zip(row_set, weights, strict=True)) > value for column in columns):
                continue
            strategy = [Fraction(0)] * own
            for i, w in zip(row_set, weights, strict=True):
                strategy[i] = Fraction(w, denominator)
            found.setdefault(tuple(strategy), None)
    return list(found)


def _best_response_sets(
    strategies: np.ndarray, payoffs: np.ndarray, tol: float | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Supports of ``strategies`` (rows) and the opponent's pure best responses to each.

    Exact when ``tol`` is None (object arrays of Fractions), else ties within ``tol``.

    Examples
    --------
    Against the half-half mix in matching pennies both columns are best responses:

    >>> support, best = _best_response_sets(np.array([[0.5, 0.5], [1.0, 0.0]]), np.array([[-1., 1.], [1., -1.]]), 1e-9)
    >>> support.tolist(), best.tolist()
    ([[True, True], [True, False]], [[True, True], [False, True]])
    """
    earned = strategies @ payoffs
    best_value = earned.max(axis=1, keepdims=True)
    if tol is None:
        return strategies != 0, earned == best_value
    return strategies > 0, earned >= best_value - tol


def _complementary_pairs(x_vertices: _Vertices, y_vertices: _Vertices) -> list[tuple[int, int]]:
    """Pairs ``(i, j)`` where x-vertex ``i`` and y-vertex ``j`` are mutual best responses.

    ``(x, y)`` is a Nash equilibrium iff every strategy in the support of ``x`` is a
    best response to ``y`` and vice versa (the best-response condition, Nash 1951).

    Examples
    --------
    >>> xs = _Vertices([], np.array([[True, False]]), np.array([[True, False]]))
    >>> ys = _Vertices([], np.array([[True, False], [False, True]]), np.array([[True, False], [False, True]]))
    >>> _complementary_pairs(xs, ys)
    [(0, 0)]
    """
    x_outside = (x_vertices.support[:, None, :] & ~y_vertices.best[None, :, :]).any(axis=2)
    y_outside = (y_vertices.support[None, :, :] & ~x_vertices.best[:, None, :]).any(axis=2)
    return [(int(i), int(j)) for i, j in zip(*np.nonzero(~x_outside & ~y_outside), strict=True)]


def _is_degenerate(vertices: _Vertices) -> bool:
    """Whether some vertex has more pure best responses than strategies in its support.

    A degenerate game has such a mixed strategy, and then one among the vertices
    of the face it lies on (von Stengel 2002, Theorem 2.10 and section 2.6).
    """
    return bool(np.any(vertices.best.sum(axis=1) > vertices.support.sum(axis=1)))


# ---------------------------------------------------------------- per-mode drivers
def _float_vertices(payoffs: np.ndarray, tol: float, deadline: float | None = None) -> _Vertices:
    strategies = _indifferent_strategies(payoffs, tol, deadline)
    support, best = _best_response_sets(strategies, payoffs, min(tol, TIE_TOL))
    return _Vertices([_readonly(s) for s in strategies], support, best)


def _exact_vertices(payoffs: np.ndarray, deadline: float | None = None) -> _Vertices:
    found = _exact_indifferent_strategies(payoffs, deadline)
    strategies = np.array(found, dtype=object).reshape(len(found), payoffs.shape[0])
    support, best = _best_response_sets(strategies, payoffs.astype(object))
    return _Vertices([_readonly(s) for s in strategies], support.astype(bool), best.astype(bool))


def _readonly(vector: np.ndarray) -> np.ndarray:
    vector = np.array(vector)
    vector.setflags(write=False)
    return vector
