"""All extreme Nash equilibria of a two-player game by vertex enumeration.

The method of von Stengel (2007), "Equilibrium computation for two-player games
in strategic and extensive form", ch. 3 of *Algorithmic Game Theory* (Nisan et
al., eds.), section 3.5, and of Avis, Rosenberg, Savani and von Stengel (2010),
"Enumeration of Nash equilibria for two-player games", Economic Theory 42:9-37:

1. make every payoff positive (adding a constant changes no equilibrium);
2. build the best-response polytopes ``P = {x >= 0 : B^T x <= 1}`` and
   ``Q = {y >= 0 : A y <= 1}``; the *labels* of ``x`` are the strategies ``i``
   with ``x_i = 0`` and ``m + j`` with ``(B^T x)_j = 1`` (a best response of the
   column player), and symmetrically for ``y``;
3. enumerate all vertices of ``P`` and ``Q`` with their full label sets;
4. a pair of vertices ``(x, y) != (0, 0)`` is an extreme equilibrium iff every
   one of the ``m + n`` labels appears at ``x`` or at ``y``; normalising ``x`` and
   ``y`` to sum to one gives the mixed strategies.

Vertices are found by a breadth-first search over the feasible bases of the
lexicographically perturbed polytope (the lex ratio test of the simplex method).
The perturbed polytope is nondegenerate, so every basis has exactly one
neighbour per entering variable and the graph of bases is connected; every
vertex of the unperturbed polytope is the point of at least one lex-feasible
basis, and bases with the same point are merged by their label sets. This finds
every vertex of a degenerate polytope too, with all its labels.

Exact mode pivots fraction-free on Python integers (as lrs and Gambit do; the
kernels are shared in :mod:`coopgame._exact_linalg`); float mode pivots a whole
frontier of bases at once with numpy.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._exact_linalg import integer_pivot, lex_min_ratio_row, solve
from coopgame.equilibria._certificate import (
    TIE_TOL,
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
from coopgame.equilibria._components import build_components, component_notes
from coopgame.equilibria._result import (
    Component,
    Equilibrium,
    NashResult,
    sorted_equilibria,
)
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL, to_integer_array

__all__ = ["vertex_enumeration"]

#: Bases pivoted in one numpy batch: bounds the memory of one step (~13 MB at 20 x 20).
_CHUNK = 2048

#: Bytes of frontier tableaux kept between steps; beyond this only the bases are queued
#: and their tableaux are recomputed when expanded, so memory stays bounded on big games.
_TABLEAU_BUDGET = 64 * 2**20

#: Bytes of label bitmasks ORed at once when pairing degenerate vertices.
_PAIRING_BUDGET = 32 * 2**20


def vertex_enumeration(
    game: Game, *, exact: bool | None = None, tol: float = DEFAULT_TOL, max_seconds: float | None = 60.0
) -> NashResult:
    """Every extreme Nash equilibrium of a two-player game, with the components.

    Parameters
    ----------
    game
        A two-player game with numeric payoffs.
    exact
        Exact rational arithmetic (default: iff the payoffs are exact). Exact mode
        pivots on integers and returns Fractions; float mode uses numpy.
    tol
        Float mode: the largest regret accepted by the certificate, as a fraction of
        each player's payoff range. Ties in the pivots are judged on payoffs mapped
        onto [1, 2] per player, within ``min(tol, TIE_TOL)`` (1e-11).
    max_seconds
        Stop enumerating vertices after about this many seconds (None: no limit).
        Memory stays bounded either way: vertices are kept, the simplex tableaux
        that lead to them are not.

    Returns
    -------
    NashResult
        ``method="vertex"``, ``complete=True`` unless ``max_seconds`` ran out (then
        the equilibria are those among the vertices enumerated so far, and a note
        says how many); ``degenerate`` tells whether some
        mixed strategy has more pure best responses than the size of its support;
        ``components`` groups the extreme equilibria into connected components,
        each a union of maximal Nash subsets.

    Raises
    ------
    GameError
        If the game does not have two players or has free parameters.

    References
    ----------
    B. von Stengel (2007), "Equilibrium computation for two-player games in
    strategic and extensive form", in *Algorithmic Game Theory*, ch. 3.
    D. Avis, G. Rosenberg, R. Savani, B. von Stengel (2010), "Enumeration of Nash
    equilibria for two-player games", Economic Theory 42:9-37.

    Examples
    --------
    Von Stengel's 3x2 example (AGT ch. 3, fig. 3.2) has three equilibria:

    >>> from coopgame import Game
    >>> g = Game.bimatrix([[3, 3], [2, 5], [0, 6]], [[3, 2], [2, 6], [3, 1]])
    >>> res = vertex_enumeration(g)
    >>> for eq in res:
    ...     print([[str(p) for p in vec] for vec in eq.profile])
    [['1', '0', '0'], ['1', '0']]
    [['4/5', '1/5', '0'], ['2/3', '1/3']]
    [['0', '1/3', '2/3'], ['1/3', '2/3']]
    >>> res.degenerate, len(res.components)
    (False, 3)

    When the column player is indifferent everywhere, the row player's
    dominant strategy goes with every column mix: one component, a segment.

    >>> seg = vertex_enumeration(Game.bimatrix([[1, 1], [0, 0]], [[1, 1], [1, 1]]))
    >>> [[list(vec) for vec in eq.profile] for eq in seg]
    [[[Fraction(1, 1), Fraction(0, 1)], [Fraction(1, 1), Fraction(0, 1)]], [[Fraction(1, 1), Fraction(0, 1)], [Fraction(0, 1), Fraction(1, 1)]]]
    >>> seg.degenerate, [c.equilibria for c in seg.components]
    (True, [(0, 1)])
    """
    check_solver_input(game, "vertex_enumeration", players=2, tol=tol, max_seconds=max_seconds, exact=exact)
    deadline = deadline_after(max_seconds)
    solved, is_exact = resolve_exact(game, exact)
    m, n = solved.shape
    (x_points, x_labels, x_matrix), (y_points, y_labels, y_matrix), enumerated = _best_response_polytopes(
        solved, is_exact, tol, deadline
    )
    # a vertex with more labels than its dimension: a mixed strategy with more
    # pure best responses than strategies in its support (von Stengel 2007, def. 3.2)
    degenerate = bool((x_labels.sum(axis=1) > m).any() or (y_labels.sum(axis=1) > n).any())
    pairs, paired = _complementary_pairs(
        x_labels, y_labels, _nonzero_rows(x_points), _nonzero_rows(y_points), m, n, deadline
    )
    if not is_exact:
        x_points = _polish_points(x_points, x_labels, x_matrix, pairs, 0)
        y_points = _polish_points(y_points, _polytope_order(y_labels, m), y_matrix, pairs, 1)
    x_mixed = {i: _normalise(x_points[i], is_exact) for i, _ in pairs}
    y_mixed = {j: _normalise(y_points[j], is_exact) for _, j in pairs}
    certified: dict[tuple[int, int], Equilibrium] = {}
    for pair in pairs:
        if expired(deadline):
            break
        if is_exact:
            certified[pair] = certified_equilibrium(solved, (x_mixed[pair[0]], y_mixed[pair[1]]), True)
        else:
            certified[pair] = _certified_float_equilibrium(solved, pair, x_mixed, y_mixed, (x_labels, y_labels), tol)
    complete = enumerated and paired and len(certified) == len(pairs)
    equilibria = sorted_equilibria(list(certified.values()))
    position = {eq.key(): k for k, eq in enumerate(equilibria)}
    equilibrium_index = {pair: position[eq.key()] for pair, eq in certified.items()}
    components = _components(list(certified), x_mixed, y_mixed, equilibrium_index) if complete else None
    notes = component_notes(components) if components is not None else ()
    if not complete:
        notes = (_cut_short_note(max_seconds, len(x_points), len(y_points), enumerated, paired,
                                 len(certified), len(pairs)),)
    # exact vertex enumeration has no tolerance: tol is recorded only when it was used
    return nash_result(game, "vertex", is_exact, equilibria, tol=None if is_exact else tol, max_seconds=max_seconds,
                       degenerate=degenerate, components=components, complete=complete, notes=notes)


def _cut_short_note(max_seconds: float | None, x_count: int, y_count: int, enumerated: bool, paired: bool,
                    certified: int, pairs: int) -> str:
    """What a vertex enumeration stopped by ``max_seconds`` covered."""
    if not enumerated:
        covered = (f"only {x_count} vertices of the row player's best-response polytope and {y_count} "
                   "of the column player's were enumerated; the equilibria listed are the complementary "
                   "pairs among them")
    elif not paired:
        covered = (f"all {x_count} + {y_count} vertices were enumerated but not every pair of them was "
                   "tested for complementarity")
    else:
        covered = f"{certified} of the {pairs} complementary vertex pairs were certified"
    return f"stopped after max_seconds={max_seconds}: {covered} (components not computed)"


Polytope = tuple[np.ndarray, np.ndarray, np.ndarray]


def _best_response_polytopes(
    game: Game, exact: bool, tol: float, deadline: float | None
) -> tuple[Polytope, Polytope, bool]:
    """The vertices of P and Q with labels in the game's order (row strategies first),
    and whether the enumeration finished before ``deadline``.

    Each polytope comes as (points, labels, M) where ``M`` is the positive matrix of
    ``{z >= 0 : M z <= 1}``: ``B^T`` for P, ``A`` for Q. The two enumerations take
    turns batch by batch, so a deadline leaves vertices of both.
    """
    A, B = game.bimatrix_arrays()
    m = A.shape[0]
    if exact:
        A_pos, B_pos = _positive_integer_payoffs(A), _positive_integer_payoffs(B)
        x_batches = _exact_vertex_batches(B_pos.T.tolist())
        y_batches = _exact_vertex_batches(A_pos.tolist())
        tie_tol = 0.0
    else:
        A_pos, B_pos = _positive_float_payoffs(game)
        tie_tol = min(float(tol), TIE_TOL)
        x_batches = _float_vertex_batches(B_pos.T, tie_tol)
        y_batches = _float_vertex_batches(A_pos, tie_tol)
    x_store, y_store = _VertexStore(exact, tie_tol), _VertexStore(exact, tie_tol)
    running = [(x_batches, x_store), (y_batches, y_store)]
    while running and not expired(deadline):
        for pair in list(running):
            batch = next(pair[0], None)
            if batch is None:
                running.remove(pair)
            else:
                pair[1].add(*batch)
    (x_points, x_labels), (y_points, y_labels) = x_store.vertices(), y_store.vertices()
    # Q lists y_j = 0 (labels m + j) before its tight rows (labels i): rotate
    return ((x_points, x_labels, B_pos.T), (y_points, np.roll(y_labels, m, axis=1), A_pos), not running)


class _VertexStore:
    """Vertices found so far (points and full label sets), merging bases of one vertex.

    Batches are appended as they come and merged (by exact point, or in float mode by
    the point on a grid of ``tie_tol``) whenever the unmerged part has grown as large
    as the merged one, so memory stays proportional to the number of vertices.
    """

    def __init__(self, exact: bool, tie_tol: float) -> None:
        self.exact = exact
        self.grid = max(tie_tol, 1e-13)
        self.points: list[np.ndarray] = []
        self.labels: list[np.ndarray] = []
        self.merged_rows = 0
        self.pending_rows = 0

    def add(self, points: np.ndarray, labels: np.ndarray) -> None:
        self.points.append(points)
        self.labels.append(labels)
        self.pending_rows += len(points)
        if self.pending_rows > max(self.merged_rows, 4096):
            self._merge()

    def _merge(self) -> None:
        if len(self.points) > 1 or self.pending_rows:
            points, labels = np.concatenate(self.points), np.concatenate(self.labels)
            if self.exact:
                # exact labels are the full label sets, and they determine the vertex
                first, group = _unique_rows(_pack_labels(labels).view(np.int64))
            else:
                first, group = _unique_rows(np.round(points / self.grid).astype(np.int64))
            merged = np.zeros((len(first), labels.shape[1]), dtype=bool)
            np.logical_or.at(merged, group, labels)
            order = np.argsort(first)  # keep the order of discovery (the origin first)
            self.points, self.labels = [points[first[order]]], [merged[order]]
        self.merged_rows = len(self.points[0])
        self.pending_rows = 0

    def vertices(self) -> tuple[np.ndarray, np.ndarray]:
        self._merge()
        return self.points[0], self.labels[0]


def _polytope_order(game_labels: np.ndarray, m: int) -> np.ndarray:
    """Q's labels back from the game's order to the polytope's (``y_j = 0`` first)."""
    return np.roll(game_labels, -m, axis=1)


# --------------------------------------------------------------------------- payoffs


def _positive_integer_payoffs(payoffs: np.ndarray) -> np.ndarray:
    """Integer payoffs >= 1: scale by the common denominator, then shift."""
    scaled = to_integer_array(payoffs)
    shift = 1 - min(scaled.ravel())
    return scaled + shift


def _positive_float_payoffs(game: Game) -> tuple[np.ndarray, np.ndarray]:
    """A and B mapped affinely into [1, 2], each on its own, so that tolerances mean the
    same for every game (and payoffs near 1e308 do not overflow)."""
    unit, _, _ = normalized_payoffs(game.as_float().payoffs)
    return unit[..., 0] + 1.0, unit[..., 1] + 1.0


# --------------------------------------------------------------------------- labels


def _nonzero_rows(points: np.ndarray) -> np.ndarray:
    if points.dtype != object:
        return np.asarray(points.any(axis=1))
    return np.array([any(v != 0 for v in row) for row in points], dtype=bool)


def _pack_labels(labels: np.ndarray) -> np.ndarray:
    """Boolean label rows as bitmask words (uint64), one row per vertex."""
    packed = np.packbits(labels, axis=1, bitorder="little")
    width = -(-packed.shape[1] // 8) * 8
    padded = np.zeros((packed.shape[0], width), dtype=np.uint8)
    padded[:, : packed.shape[1]] = packed
    return padded.view(np.uint64)


def _complementary_pairs(
    x_labels: np.ndarray, y_labels: np.ndarray, x_nonzero: np.ndarray, y_nonzero: np.ndarray, m: int, n: int,
    deadline: float | None = None,
) -> tuple[list[tuple[int, int]], bool]:
    """All ``(i, j)`` whose label sets together cover every label, and whether every
    pair was tested before ``deadline``.

    A vertex of ``P`` has at least ``m`` labels and one of ``Q`` at least ``n``,
    so two *simple* vertices (exactly ``m`` and ``n`` labels) are complementary
    iff their label sets are exact complements: a hash join on bitmasks. Pairs
    with a degenerate vertex (extra labels) are tested by a vectorised OR, in blocks
    of bounded memory.
    """
    x_ids, y_ids = np.flatnonzero(x_nonzero), np.flatnonzero(y_nonzero)
    if len(x_ids) == 0 or len(y_ids) == 0:
        return [], True
    x_simple = x_labels[x_ids].sum(axis=1) == m
    y_simple = y_labels[y_ids].sum(axis=1) == n
    x_words, y_words = _pack_labels(x_labels[x_ids]), _pack_labels(y_labels[y_ids])
    full = _pack_labels(np.ones((1, x_labels.shape[1]), dtype=bool))[0]
    found: list[tuple[int, int]] = []
    if x_simple.any() and y_simple.any():
        x_rows, y_rows = np.flatnonzero(x_simple), np.flatnonzero(y_simple)
        x_keys = _row_keys(x_words[x_rows])
        wanted_keys = _row_keys(full ^ y_words[y_rows])
        order = np.argsort(wanted_keys)
        spot = np.searchsorted(wanted_keys, x_keys, sorter=order).clip(max=len(order) - 1)
        match = wanted_keys[order[spot]] == x_keys
        found.extend(zip(x_rows[match].tolist(), y_rows[order[spot[match]]].tolist(), strict=True))
    for x_part, y_part in ((~x_simple, np.ones_like(y_simple)), (x_simple, ~y_simple)):
        if not x_part.any() or not y_part.any():
            continue
        xr, yc = np.flatnonzero(x_part), np.flatnonzero(y_part)
        block = max(1, _PAIRING_BUDGET // (8 * x_words.shape[1] * len(yc)))
        for start in range(0, len(xr), block):
            if expired(deadline):
                return sorted((int(x_ids[r]), int(y_ids[c])) for r, c in found), False
            rows_here = xr[start:start + block]
            covered = np.all((x_words[rows_here, None, :] | y_words[None, yc, :]) == full, axis=2)
            rows, cols = np.nonzero(covered)
            found.extend(zip(rows_here[rows].tolist(), yc[cols].tolist(), strict=True))
    return sorted((int(x_ids[r]), int(y_ids[c])) for r, c in found), True


def _row_keys(words: np.ndarray) -> np.ndarray:
    """One sortable key per row of bitmask words (the word itself, or its bytes)."""
    if words.shape[1] == 1:
        return words[:, 0]
    return np.ascontiguousarray(words).view(np.dtype((np.void, 8 * words.shape[1])))[:, 0]


def _normalise(point: np.ndarray, exact: bool) -> np.ndarray:
    if exact:
        total = sum(point)
        return np.array([Fraction(v) / total for v in point], dtype=object)
    return np.asarray(point / point.sum(), dtype=float)


def _polish_points(
    points: np.ndarray, labels: np.ndarray, M: np.ndarray, pairs: Sequence[tuple[int, int]], side: int
) -> np.ndarray:
    """Re-solve each float vertex in an equilibrium from its labels (removes pivoting drift).

    ``labels`` are in the polytope's own order: ``z_j = 0`` first, then tight rows
    of ``M``. Simple vertices (exactly ``d`` labels) are one batched square solve;
    degenerate ones a least-squares solve each.
    """
    points = points.copy()
    d = M.shape[1]
    ids = np.array(sorted({pair[side] for pair in pairs}), dtype=np.intp)
    if len(ids) == 0:
        return points
    # constraint rows: z_j >= 0 as unit rows, then the rows of M; right-hand sides 0 and 1
    constraints = np.vstack([np.eye(d), M])
    targets = np.concatenate([np.zeros(d), np.ones(M.shape[0])])
    simple = labels[ids].sum(axis=1) == d
    if simple.any():
        chosen = np.nonzero(labels[ids[simple]])[1].reshape(-1, d)
        systems, rhs = constraints[chosen], targets[chosen]
        solvable = np.abs(np.linalg.det(systems)) > 1e-12
        if solvable.any():
            solutions = np.linalg.solve(systems[solvable], rhs[solvable][..., None])[..., 0]
            for index, solution in zip(ids[simple][solvable], solutions, strict=True):
                points[index] = _accept(points[index], solution)
    for index in ids[~simple]:
        tight = labels[index]
        solution, *_ = np.linalg.lstsq(constraints[tight], targets[tight], rcond=None)
        if np.allclose(constraints[tight] @ solution, targets[tight], atol=1e-9):
            points[index] = _accept(points[index], solution)
    return points


def _accept(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """The re-solved point if it is the same vertex (guards against ill-conditioned solves)."""
    new = np.clip(new, 0.0, None)
    new[old == 0] = 0.0
    return new if np.allclose(new, old, atol=1e-6) else old


def _certified_float_equilibrium(
    game: Game,
    pair: tuple[int, int],
    x_mixed: dict[int, np.ndarray],
    y_mixed: dict[int, np.ndarray],
    labels: tuple[np.ndarray, np.ndarray],
    tol: float,
) -> Equilibrium:
    """Certify a float equilibrium; if rounding spoils the regret, recompute it exactly.

    With large payoffs (say 1e6) a profile that is right to machine precision can
    still have a regret above an absolute ``tol``. The labels found in floating
    point determine the equilibrium, so it is solved again in rational arithmetic
    (payoffs read as the decimals they print as, like ``Game.as_exact``) and
    rounded once.
    """
    i, j = pair
    try:
        return certified_equilibrium(game, (x_mixed[i], y_mixed[j]), False, tol)
    except CertificateError:
        A, B = game.as_exact().bimatrix_arrays()
        m = A.shape[0]
        x_labels, y_labels = labels
        x = _exact_point_from_labels(B.T, x_labels[i])
        y = _exact_point_from_labels(A, _polytope_order(y_labels[j : j + 1], m)[0])
        if x is None or y is None:
            raise
        x_mixed[i] = np.array([float(v) for v in _normalise(x, True)])
        y_mixed[j] = np.array([float(v) for v in _normalise(y, True)])
        return certified_equilibrium(game, (x_mixed[i], y_mixed[j]), False, tol)


def _exact_point_from_labels(payoffs: np.ndarray, labels: np.ndarray) -> np.ndarray | None:
    """The vertex of ``{z >= 0 : M z <= 1}`` with the given labels, in Fractions.

    ``M`` is ``payoffs`` shifted to be positive; ``labels`` are ``z_j = 0`` for
    ``j < d``, then tight rows. None if the labelled system has no unique solution.
    """
    k, d = payoffs.shape
    shift = 1 - min(Fraction(v) for v in payoffs.ravel())
    # z_j = 0 for the labels j < d, then (M z)_r = 1 for the tight rows r
    zero = [[Fraction(c == j) for c in range(d)] for j in range(d) if labels[j]]
    tight = [[Fraction(v) + shift for v in payoffs[r]] for r in range(k) if labels[d + r]]
    solution = solve(zero + tight, [0] * len(zero) + [1] * len(tight))
    if solution is None or any(v < 0 for v in solution):
        return None
    return np.array(solution, dtype=object)


# --------------------------------------------------------------------------- components


def _components(
    pairs: list[tuple[int, int]],
    x_mixed: dict[int, np.ndarray],
    y_mixed: dict[int, np.ndarray],
    equilibrium_index: dict[tuple[int, int], int],
) -> tuple[Component, ...]:
    x_ids = sorted(x_mixed)
    y_ids = sorted(y_mixed)
    x_pos = {v: k for k, v in enumerate(x_ids)}
    y_pos = {v: k for k, v in enumerate(y_ids)}
    local_pairs = [(x_pos[i], y_pos[j]) for i, j in pairs]
    local_index = {(x_pos[i], y_pos[j]): k for (i, j), k in equilibrium_index.items()}
    return build_components(local_pairs, [x_mixed[i] for i in x_ids], [y_mixed[j] for j in y_ids], local_index)


# --------------------------------------------------------------------------- exact kernel


def _exact_vertex_batches(M: list[list[int]], batch: int = 64) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Vertices of ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M`` (k x d), in batches.

    Each batch is (points, labels): an object array of Fractions, one row per vertex
    (the first batch starts with the origin), and the labels (bool, ``z_j = 0`` for
    ``j < d``, then row ``i`` tight as label ``d + i``). A batch comes every ``batch``
    bases (a degenerate vertex has many), so a caller can stop in between. A vertex may
    come again in a later batch (from another basis), with the same labels.
    """
    k, d = len(M), len(M[0])
    rhs = d + k
    # the right-hand side, then the slack columns (the basis inverse) for the lexicographic test
    lex_columns = [rhs, *range(d, d + k)]
    tableau = [list(row) + [int(i == r) for i in range(k)] + [1] for r, row in enumerate(M)]
    start = (tableau, 1, list(range(d, d + k)))
    seen = {_basis_key(start[2])}
    queue = deque([start])
    vertices: dict[int, list[Fraction]] = {}
    expanded = 0
    while queue:
        tableau, det, basis = queue.popleft()
        expanded += 1
        point, mask = _exact_vertex(tableau, det, basis, d)
        vertices.setdefault(mask, point)
        in_basis = set(basis)
        for entering in range(d + k):
            if entering in in_basis:
                continue
            row, _ = lex_min_ratio_row(tableau, entering, lex_columns)
            new_basis = list(basis)
            new_basis[row] = entering
            key = _basis_key(new_basis)
            if key in seen:
                continue
            seen.add(key)
            new_tableau, new_det = integer_pivot(tableau, det, row, entering)
            queue.append((new_tableau, new_det, new_basis))
        if expanded % batch == 0 or not queue:
            yield _exact_batch(vertices, d, rhs)
            vertices = {}


def _exact_batch(vertices: dict[int, list[Fraction]], d: int, width: int) -> tuple[np.ndarray, np.ndarray]:
    masks = list(vertices)
    points = np.array([vertices[mask] for mask in masks], dtype=object).reshape(len(masks), d)
    labels = np.array([[(mask >> b) & 1 for b in range(width)] for mask in masks], dtype=bool).reshape(
        len(masks), width
    )
    return points, labels


def _basis_key(basis: Sequence[int]) -> int:
    key = 0
    for variable in basis:
        key |= 1 << variable
    return key


def _exact_vertex(tableau: list[list[int]], det: int, basis: list[int], d: int) -> tuple[list[Fraction], int]:
    """The point of a basis and its full label mask (nonbasic variables and zero basic ones)."""
    n_vars = len(tableau[0]) - 1
    point = [Fraction(0)] * d
    zero = (1 << n_vars) - 1
    for row, variable in enumerate(basis):
        value = tableau[row][-1]
        if value != 0:
            zero &= ~(1 << variable)
            if variable < d:
                point[variable] = Fraction(value, det)
    return point, zero


# --------------------------------------------------------------------------- float kernel


def _float_vertex_batches(M: np.ndarray, tol: float) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Vertices of ``{z >= 0 : M z <= 1}`` for a positive float matrix ``M`` (k x d), in batches.

    Breadth-first search over lex-feasible bases, pivoting up to :data:`_CHUNK` bases
    per numpy batch. Same output convention as :func:`_exact_vertex_batches`; a vertex
    may come again in later batches (from other bases) with more of its labels. Only
    the frontier is held: as tableaux up to :data:`_TABLEAU_BUDGET` bytes, beyond that
    as bases whose tableaux are recomputed from ``M`` when their turn comes.
    """
    k, d = M.shape
    n_vars = d + k
    full = np.hstack([M, np.eye(k), np.ones((k, 1))])
    bit_dtype: Any = np.int64 if n_vars <= 62 else object
    bits = np.array([1 << v for v in range(n_vars)], dtype=bit_dtype)
    tableau = full[None].copy()
    basis = np.arange(d, d + k)[None]
    keys = bits[basis].sum(axis=1)
    seen = _SeenBases(keys, bit_dtype is object)
    queue: deque[tuple[np.ndarray | None, np.ndarray, np.ndarray]] = deque([(tableau, basis, keys)])
    held = tableau.nbytes
    yield _float_vertices_of_bases(tableau, basis, d, tol)
    while queue:
        tableau_or_none, basis, keys = queue.popleft()
        if tableau_or_none is None:
            tableau = _tableaux_of_bases(full, basis)
        else:
            tableau = tableau_or_none
            held -= tableau.nbytes
        frontier_size = len(basis)
        is_basic = np.zeros((frontier_size, n_vars), dtype=bool)
        np.put_along_axis(is_basic, basis, True, axis=1)
        nonbasic = np.nonzero(~is_basic)[1].reshape(frontier_size, d)
        leaving = _lex_ratio_test_float(tableau, nonbasic, d, k, tol)
        parent = np.repeat(np.arange(frontier_size), d)
        entering = nonbasic.ravel()
        leave_row = leaving.ravel()
        leave_var = basis[parent, leave_row]
        new_keys = keys[parent] - bits[leave_var] + bits[entering]
        fresh = seen.fresh(new_keys)
        for start in range(0, len(fresh), _CHUNK):
            part = fresh[start:start + _CHUNK]
            child_tableau = _batched_pivot(tableau[parent[part]], leave_row[part], entering[part])
            child_basis = basis[parent[part]].copy()
            child_basis[np.arange(len(part)), leave_row[part]] = entering[part]
            yield _float_vertices_of_bases(child_tableau, child_basis, d, tol)
            if held + child_tableau.nbytes <= _TABLEAU_BUDGET:
                queue.append((child_tableau, child_basis, new_keys[part]))
                held += child_tableau.nbytes
            else:
                queue.append((None, child_basis, new_keys[part]))


class _SeenBases:
    """The bases visited so far, as bitmask keys: a sorted array plus a sorted buffer
    merged into it when the buffer grows (a set when the keys need more than 62 bits)."""

    def __init__(self, keys: np.ndarray, big: bool) -> None:
        self.big = big
        self.keys: set[Any] = set(keys.tolist()) if big else set()
        self.main = np.sort(keys.astype(np.int64)) if not big else np.empty(0, np.int64)
        self.buffer = np.empty(0, np.int64)

    def fresh(self, candidates: np.ndarray) -> np.ndarray:
        """Indices of the first occurrence of each unseen key in ``candidates``; marks them seen."""
        _, first = np.unique(candidates, return_index=True)
        if self.big:
            fresh = np.array([i for i in first if candidates[i] not in self.keys], dtype=np.intp)
            self.keys.update(candidates[fresh].tolist())
            return fresh
        unique = candidates[first].astype(np.int64)
        unseen = ~np.isin(unique, self.main, assume_unique=True) & ~np.isin(unique, self.buffer, assume_unique=True)
        fresh = first[unseen]
        self.buffer = np.union1d(self.buffer, unique[unseen])
        if len(self.buffer) > max(len(self.main) // 8, 1 << 16):
            self.main, self.buffer = np.union1d(self.main, self.buffer), np.empty(0, np.int64)
        return np.sort(fresh)


def _tableaux_of_bases(full: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """The tableaux ``B^-1 [M | I | 1]`` of a batch of bases, solved afresh from ``M``."""
    columns = np.swapaxes(full[:, basis], 0, 1)  # (F, k, k): the basic columns of each basis
    return np.asarray(np.linalg.solve(columns, np.broadcast_to(full, (len(basis), *full.shape))))


def _lex_ratio_test_float(tableau: np.ndarray, nonbasic: np.ndarray, d: int, k: int, tol: float) -> np.ndarray:
    """Leaving row for every (basis, entering variable): shape (F, d)."""
    columns = np.take_along_axis(tableau, nonbasic[:, None, :], axis=2)  # (F, k, d)
    positive = columns > tol
    safe = np.where(positive, columns, 1.0)
    ratio = np.where(positive, tableau[:, :, -1:] / safe, np.inf)
    best = ratio.min(axis=1, keepdims=True)
    tied = ratio <= best + tol
    leaving = np.argmax(tied, axis=1)
    multiple = tied.sum(axis=1) > 1
    if multiple.any():
        f_ids, e_ids = np.nonzero(multiple)
        candidates = tied[f_ids, :, e_ids]  # (T, k)
        pivots = safe[f_ids, :, e_ids]
        for column in range(d, d + k):
            values = np.where(candidates, tableau[f_ids, :, column] / pivots, np.inf)
            low = values.min(axis=1, keepdims=True)
            candidates &= values <= low + tol
            if (candidates.sum(axis=1) == 1).all():
                break
        leaving[f_ids, e_ids] = np.argmax(candidates, axis=1)
    return leaving


def _batched_pivot(tableau: np.ndarray, row: np.ndarray, column: np.ndarray) -> np.ndarray:
    """Pivot every tableau of a batch on its own (row, column)."""
    batch = np.arange(len(row))
    pivot_row = tableau[batch, row, :] / tableau[batch, row, column][:, None]
    factors = tableau[batch, :, column]
    tableau = tableau - factors[:, :, None] * pivot_row[:, None, :]
    tableau[batch, row, :] = pivot_row
    tableau[batch, :, column] = 0.0
    tableau[batch, row, column] = 1.0
    return tableau


def _float_vertices_of_bases(
    tableau: np.ndarray, basis: np.ndarray, d: int, tol: float
) -> tuple[np.ndarray, np.ndarray]:
    count, k = basis.shape
    values = np.clip(tableau[:, :, -1], 0.0, None)
    zero_basic = values <= tol
    labels = np.ones((count, d + k), dtype=bool)
    rows = np.repeat(np.arange(count), k)
    labels[rows, basis.ravel()] = zero_basic.ravel()
    points = np.zeros((count, d + k))
    points[rows, basis.ravel()] = values.ravel()
    # Bases of one vertex: merged by their point (coordinates are at most 1, so an
    # absolute grid works), with the union of the labels each basis detected.
    grid = np.round(points[:, :d] / max(tol, 1e-13)).astype(np.int64)
    first, group = _unique_rows(grid)
    merged = np.zeros((len(first), d + k), dtype=bool)
    np.logical_or.at(merged, group.ravel(), labels)
    order = np.argsort(first)  # keep the origin (the first basis) first
    return points[first[order], :d], merged[order]


def _unique_rows(rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique(rows, axis=0, return_index=True, return_inverse=True)[1:]``, faster.

    Rows are hashed to one int64 by a fixed random projection; the grouping is
    verified and the exact (slower) row-wise unique is used on a collision.
    """
    weights = np.random.default_rng(0).integers(1, 2**62, size=rows.shape[1], dtype=np.int64)
    with np.errstate(over="ignore"):
        hashes = rows @ weights
    _, first, group = np.unique(hashes, return_index=True, return_inverse=True)
    group = group.ravel()
    if not np.array_equal(rows[first[group]], rows):
        _, first, group = np.unique(rows, axis=0, return_index=True, return_inverse=True)
        group = group.ravel()
    return first, group

