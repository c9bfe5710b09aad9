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

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._exact_linalg import integer_pivot, lex_min_ratio_row, solve
from coopgame.equilibria import require_numeric_game, resolve_exact
from coopgame.equilibria.certificate import CertificateError, certified_equilibrium
from coopgame.equilibria.components import build_components, component_notes
from coopgame.equilibria.result import Component, Equilibrium, NashResult, sorted_equilibria
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL, to_integer_array

__all__ = ["vertex_enumeration"]


def vertex_enumeration(game: Game, *, exact: bool | None = None, tol: float = DEFAULT_TOL) -> NashResult:
    """Every extreme Nash equilibrium of a two-player game, with the components.

    Parameters
    ----------
    game
        A two-player game with numeric payoffs.
    exact
        Exact rational arithmetic (default: iff the payoffs are exact). Exact mode
        pivots on integers and returns Fractions; float mode uses numpy.
    tol
        Float mode: the tolerance for ties (labels, degenerate pivots) and the
        largest regret accepted by the certificate.

    Returns
    -------
    NashResult
        ``method="vertex"``, ``complete=True``; ``degenerate`` tells whether some
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
    _check_input(game, tol)
    solved, is_exact = resolve_exact(game, exact)
    m, n = solved.shape
    (x_points, x_labels, x_matrix), (y_points, y_labels, y_matrix) = _best_response_polytopes(
        solved, is_exact, tol
    )
    # a vertex with more labels than its dimension: a mixed strategy with more
    # pure best responses than strategies in its support (von Stengel 2007, def. 3.2)
    degenerate = bool((x_labels.sum(axis=1) > m).any() or (y_labels.sum(axis=1) > n).any())
    pairs = _complementary_pairs(x_labels, y_labels, _nonzero_rows(x_points), _nonzero_rows(y_points), m, n)
    if not is_exact:
        x_points = _polish_points(x_points, x_labels, x_matrix, pairs, 0)
        y_points = _polish_points(y_points, _polytope_order(y_labels, m), y_matrix, pairs, 1)
    x_mixed = {i: _normalise(x_points[i], is_exact) for i, _ in pairs}
    y_mixed = {j: _normalise(y_points[j], is_exact) for _, j in pairs}
    if is_exact:
        candidates = [certified_equilibrium(solved, (x_mixed[i], y_mixed[j]), True) for i, j in pairs]
    else:
        candidates = [
            _certified_float_equilibrium(solved, pair, x_mixed, y_mixed, (x_labels, y_labels), tol)
            for pair in pairs
        ]
    equilibria = sorted_equilibria(candidates)
    position = {eq.key(): k for k, eq in enumerate(equilibria)}
    equilibrium_index = {pair: position[eq.key()] for pair, eq in zip(pairs, candidates, strict=True)}
    components = _components(pairs, x_mixed, y_mixed, equilibrium_index)
    return NashResult(
        game=game,
        method="vertex",
        exact=is_exact,
        degenerate=degenerate,
        equilibria=equilibria,
        components=components,
        complete=True,
        notes=component_notes(components),
        parameters={} if is_exact else {"tol": tol},
    )


def _check_input(game: Game, tol: float) -> None:
    require_numeric_game(game, "vertex enumeration", players=2)
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not tol > 0:
        raise ValueError(f"tol must be a positive number, got {tol!r}")


Polytope = tuple[np.ndarray, np.ndarray, np.ndarray]


def _best_response_polytopes(game: Game, exact: bool, tol: float) -> tuple[Polytope, Polytope]:
    """The vertices of P and Q with labels in the game's order (row strategies first).

    Each polytope comes as (points, labels, M) where ``M`` is the positive matrix of
    ``{z >= 0 : M z <= 1}``: ``B^T`` for P, ``A`` for Q.
    """
    A, B = game.bimatrix_arrays()
    m = A.shape[0]
    if exact:
        A_pos, B_pos = _positive_integer_payoffs(A), _positive_integer_payoffs(B)
        x_points, x_labels = _exact_polytope_vertices(B_pos.T.tolist())
        y_points, y_labels = _exact_polytope_vertices(A_pos.tolist())
    else:
        A_pos, B_pos = _positive_float_payoffs(A), _positive_float_payoffs(B)
        # below ~1e-12 float noise in the pivots would hide genuine ties
        label_tol = max(float(tol), 1e-12)
        x_points, x_labels = _float_polytope_vertices(B_pos.T, label_tol)
        y_points, y_labels = _float_polytope_vertices(A_pos, label_tol)
    # Q lists y_j = 0 (labels m + j) before its tight rows (labels i): rotate
    return (x_points, x_labels, B_pos.T), (y_points, np.roll(y_labels, m, axis=1), A_pos)


def _polytope_order(game_labels: np.ndarray, m: int) -> np.ndarray:
    """Q's labels back from the game's order to the polytope's (``y_j = 0`` first)."""
    return np.roll(game_labels, -m, axis=1)


# --------------------------------------------------------------------------- payoffs


def _positive_integer_payoffs(payoffs: np.ndarray) -> np.ndarray:
    """Integer payoffs >= 1: scale by the common denominator, then shift."""
    scaled = to_integer_array(payoffs)
    shift = 1 - min(scaled.ravel())
    return scaled + shift


def _positive_float_payoffs(payoffs: np.ndarray) -> np.ndarray:
    """Payoffs mapped affinely into [1, 2], so that tolerances mean the same for every game."""
    payoffs = np.asarray(payoffs, dtype=float)
    low, high = float(payoffs.min()), float(payoffs.max())
    spread = high - low if high > low else 1.0
    return (payoffs - low) / spread + 1.0


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
    x_labels: np.ndarray, y_labels: np.ndarray, x_nonzero: np.ndarray, y_nonzero: np.ndarray, m: int, n: int
) -> list[tuple[int, int]]:
    """All ``(i, j)`` whose label sets together cover every label.

    A vertex of ``P`` has at least ``m`` labels and one of ``Q`` at least ``n``,
    so two *simple* vertices (exactly ``m`` and ``n`` labels) are complementary
    iff their label sets are exact complements: a hash join on bitmasks. Pairs
    with a degenerate vertex (extra labels) are tested by a vectorised OR.
    """
    x_ids, y_ids = np.flatnonzero(x_nonzero), np.flatnonzero(y_nonzero)
    if len(x_ids) == 0 or len(y_ids) == 0:
        return []
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
        covered = np.all((x_words[xr, None, :] | y_words[None, yc, :]) == full, axis=2)
        rows, cols = np.nonzero(covered)
        found.extend(zip(xr[rows].tolist(), yc[cols].tolist(), strict=True))
    return sorted((int(x_ids[r]), int(y_ids[c])) for r, c in found)


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


def _exact_polytope_vertices(M: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of ``{z >= 0 : M z <= 1}`` for a positive integer matrix ``M`` (k x d).

    Returns the points (object array of Fractions, one row per vertex; row 0 is
    the origin) and their labels (bool, ``z_j = 0`` for ``j < d``, then row ``i``
    tight as label ``d + i``).
    """
    k, d = len(M), len(M[0])
    rhs = d + k
    # the right-hand side, then the slack columns (the basis inverse) for the lexicographic test
    lex_columns = [rhs, *range(d, d + k)]
    tableau = [list(row) + [int(i == r) for i in range(k)] + [1] for r, row in enumerate(M)]
    start = (tableau, 1, list(range(d, d + k)))
    seen = {_basis_key(start[2])}
    frontier = [start]
    vertices: dict[int, list[Fraction]] = {}
    while frontier:
        next_frontier = []
        for tableau, det, basis in frontier:
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
                next_frontier.append((new_tableau, new_det, new_basis))
        frontier = next_frontier
    masks = list(vertices)
    points = np.array([vertices[mask] for mask in masks], dtype=object).reshape(len(masks), d)
    labels = np.array([[(mask >> b) & 1 for b in range(rhs)] for mask in masks], dtype=bool)
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


def _float_polytope_vertices(M: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Vertices of ``{z >= 0 : M z <= 1}`` for a positive float matrix ``M`` (k x d).

    Breadth-first search over lex-feasible bases, one batched numpy pivot per
    frontier. Same output convention as :func:`_exact_polytope_vertices`.
    """
    k, d = M.shape
    n_vars = d + k
    bit_dtype: Any = np.int64 if n_vars <= 62 else object
    bits = np.array([1 << v for v in range(n_vars)], dtype=bit_dtype)
    tableau = np.hstack([M, np.eye(k), np.ones((k, 1))])[None]
    basis = np.arange(d, d + k)[None]
    keys = bits[basis].sum(axis=1)
    seen: set[Any] = {int(keys[0])} if bit_dtype is object else set()
    seen_sorted = keys.astype(np.int64) if bit_dtype is not object else np.empty(0, np.int64)
    found_tableaux, found_bases = [tableau], [basis]
    while len(tableau):
        frontier_size = len(tableau)
        is_basic = np.zeros((frontier_size, n_vars), dtype=bool)
        np.put_along_axis(is_basic, basis, True, axis=1)
        nonbasic = np.nonzero(~is_basic)[1].reshape(frontier_size, d)
        leaving = _lex_ratio_test_float(tableau, nonbasic, d, k, tol)
        parent = np.repeat(np.arange(frontier_size), d)
        entering = nonbasic.ravel()
        leave_row = leaving.ravel()
        leave_var = basis[parent, leave_row]
        new_keys = keys[parent] - bits[leave_var] + bits[entering]
        _, first = np.unique(new_keys, return_index=True)
        if bit_dtype is object:
            fresh = np.array([i for i in first if new_keys[i] not in seen], dtype=np.intp)
            seen.update(new_keys[fresh].tolist())
        else:
            fresh = first[~np.isin(new_keys[first], seen_sorted, assume_unique=True)]
            seen_sorted = np.union1d(seen_sorted, new_keys[fresh])
        if len(fresh) == 0:
            break
        parent, entering, leave_row = parent[fresh], entering[fresh], leave_row[fresh]
        tableau = _batched_pivot(tableau[parent], leave_row, entering)
        basis = basis[parent].copy()
        basis[np.arange(len(fresh)), leave_row] = entering
        keys = new_keys[fresh]
        found_tableaux.append(tableau)
        found_bases.append(basis)
    return _float_vertices_of_bases(np.concatenate(found_tableaux), np.concatenate(found_bases), d, tol)


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
    grid = np.round(points[:, :d] / max(tol, 1e-12) / 10).astype(np.int64)
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

