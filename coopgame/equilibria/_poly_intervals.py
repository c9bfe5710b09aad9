"""Certified interval search for :func:`~coopgame.equilibria.polynomial_enumeration`
(steps 2-3 and the numerical parts of step 6 of :mod:`coopgame.equilibria._polynomial`):
the indifference system of a support in floats, the subdivision of its probability box
with sign tests, Krawczyk's test and Newton's method, the shared sign-test screens of
tie sets, and the search for a positive-dimensional set of equilibria."""

from __future__ import annotations

import enum
import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from coopgame.equilibria import expired
from coopgame.equilibria._poly_supports import MARGIN, Support, restricted

#: The subdivision of one support gives up (solving exactly if _poly_algebra.cheap_exactly) after
#: this many boxes
#: plus eight per vertex of the box (2**unknowns),
_MAX_BOXES = 1000
#: or when a box gets narrower than this.
_MIN_WIDTH = 1e-9
#: Bisect a little off the middle, so that rational solutions such as 1/2 do not
#: fall on the faces between boxes.
_SPLIT = 0.4812
#: Krawczyk's test runs on the box widened by this factor, so that a solution on a
#: face between two boxes is still inside one of the tested boxes.
_INFLATE = 1.1
#: Krawczyk's test rarely settles wide boxes, so it runs only on boxes this narrow.
_KRAWCZYK_WIDTH = 0.2
#: The numeric filter of exact mode: a certified root counts as a candidate when its
#: probabilities and its (rescaled) regret clear these loose bounds.
_CANDIDATE = 1e-7
#: The subdivision examines up to this many boxes at once, and at most this many vertices.
_BATCH_BOXES = 256
_BATCH_POINTS = 16384
#: The sign tests that rule out a support of positive dimension, or sets of tied
#: strategies of it, use at least this many boxes, and up to this many vertices.
_SCREEN_BOXES = 40
_SCREEN_POINTS = 8192
#: A set of tied strategies the shared screen does not rule out gets its own subdivision
#: of up to this many vertices and boxes before it is solved exactly.
_TIED_SCREEN_POINTS = 65536
_TIED_SCREEN_BOXES = 512


# ---------------------------------------------------------------- step 2: the system
@dataclass
class IndifferenceSystem:
    """The indifference system of one support in float arithmetic.

    Unknowns: for each player ``j`` the probabilities ``x_j`` of all support strategies
    but the last; ``z_j = (1, x_j)`` and ``y_j = B_j z_j`` is the mixed strategy on the
    support. ``coefficients[i]`` is player ``i``'s payoff tensor contracted with the
    opponents' ``B_j``: entry ``[a, k_1, ...]`` is the coefficient of the monomial
    ``z_{j1}[k_1] z_{j2}[k_2] ...`` in the payoff of strategy ``a``.
    """

    shape: tuple[int, ...]
    support: Support
    coefficients: list[np.ndarray]
    offsets: list[int]
    n_unknowns: int
    off_support: list[tuple[int, int]]
    n_off: int

    def __init__(self, payoffs: np.ndarray, support: Support) -> None:
        self.shape = tuple(payoffs.shape[:-1])
        self.support = support
        n = len(support)
        self.offsets, total = [], 0
        for s in support:
            self.offsets.append(total)
            total += len(s) - 1
        self.n_unknowns = total
        #: the strategies off the support, (player, strategy), in the order of the gains' columns
        self.off_support = [(i, a) for i, s in enumerate(support) for a in range(self.shape[i]) if a not in s]
        self.n_off = len(self.off_support)
        bases = []
        for s in support:
            basis = np.zeros((len(s), len(s)))
            basis[-1, 0] = 1.0
            for k in range(len(s) - 1):
                basis[k, k + 1] = 1.0
                basis[-1, k + 1] = -1.0
            bases.append(basis)
        self.coefficients = []
        for i in range(n):
            tensor = restricted(payoffs, support, i)
            for j in range(n):
                if j != i:
                    tensor = np.moveaxis(np.tensordot(tensor, bases[j], axes=([j], [0])), -1, j)
            self.coefficients.append(np.moveaxis(tensor, i, 0))
        letters = "abcdefghijklmnopqrstuvwxy"
        self._value_spec = []
        self._derivative_spec: list[dict[int, str]] = []
        for i in range(n):
            opp = [letters[j] for j in range(n) if j != i]
            self._value_spec.append("A" + "".join(opp) + "," + ",".join("Z" + c for c in opp) + "->ZA")
            per_j = {}
            for j in range(n):
                if j == i or len(support[j]) == 1:
                    continue
                rest = [letters[k] for k in range(n) if k not in (i, j)]
                per_j[j] = ("A" + "".join(opp) + "," + ",".join("Z" + c for c in rest)
                            + "->ZA" + letters[j])
            self._derivative_spec.append(per_j)

    def _z(self, points: np.ndarray) -> list[np.ndarray]:
        """Each player's ``z_j = (1, x_j)`` at each point: arrays (P, d_j + 1)."""
        ones = np.ones((points.shape[0], 1))
        return [np.hstack([ones, points[:, o:o + len(s) - 1]]) for o, s in zip(self.offsets, self.support)]

    def payoffs(self, points: np.ndarray) -> list[np.ndarray]:
        """Each player's payoff of each own strategy at each point: arrays (P, n_i)."""
        z = self._z(points)
        n = len(self.support)
        return [np.einsum(self._value_spec[i], self.coefficients[i], *(z[j] for j in range(n) if j != i))
                for i in range(n)]

    def equations_and_gains(self, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The indifference equations (P, D) and the gains of strategies off the support
        over the last support strategy (P, m), at each point."""
        eqs, gains = [], []
        for s, u in zip(self.support, self.payoffs(points)):
            base = u[:, [s[-1]]]
            eqs.append(u[:, list(s[:-1])] - base)
            off = [a for a in range(u.shape[1]) if a not in s]
            gains.append(u[:, off] - base)
        return np.hstack(eqs), np.hstack(gains)

    def jacobian(self, points: np.ndarray) -> np.ndarray:
        """The Jacobian of the equations at each point: (P, D, D)."""
        z = self._z(points)
        n = len(self.support)
        jac = np.zeros((points.shape[0], self.n_unknowns, self.n_unknowns))
        for i, s in enumerate(self.support):
            if len(s) == 1:
                continue
            rows = slice(self.offsets[i], self.offsets[i] + len(s) - 1)
            for j, spec in self._derivative_spec[i].items():
                rest = [z[k] for k in range(n) if k not in (i, j)]
                if rest:
                    d = np.einsum(spec, self.coefficients[i], *rest)  # (P, n_i, d_j + 1)
                else:  # two players: the derivative is constant
                    d = np.broadcast_to(self.coefficients[i], (len(points),) + self.coefficients[i].shape)
                block = d[:, list(s[:-1]), 1:] - d[:, [s[-1]], 1:]
                jac[:, rows, self.offsets[j]:self.offsets[j] + len(self.support[j]) - 1] = block
        return jac

    def probabilities(self, x: np.ndarray) -> list[np.ndarray]:
        """The support probabilities of each player at the point ``x``."""
        out = []
        for o, s in zip(self.offsets, self.support):
            own = x[o:o + len(s) - 1]
            out.append(np.append(own, 1.0 - own.sum()))
        return out

    def profile(self, x: np.ndarray) -> list[list[float]]:
        """The full mixed profile at ``x`` (probabilities clipped at 0)."""
        profile = []
        for n, s, p in zip(self.shape, self.support, self.probabilities(x)):
            vec = [0.0] * n
            for k, v in zip(s, p):
                vec[k] = max(float(v), 0.0)
            profile.append(vec)
        return profile

    def is_candidate(self, x: np.ndarray, floor: float = -_CANDIDATE) -> bool:
        """Above ``floor`` on the support and no strategy off it better, within loose bounds."""
        if any(np.any(p <= floor) for p in self.probabilities(x)):
            return False
        _, gains = self.equations_and_gains(x[None, :])
        return not gains.size or bool(gains.max() <= _CANDIDATE)

    def pure_is_candidate(self) -> bool:
        """A support of pure strategies (no unknowns): no strategy off it is better."""
        _, gains = self.equations_and_gains(np.zeros((1, 0)))
        return not gains.size or bool(gains.max() <= _CANDIDATE)



# ---------------------------------------------------------------- step 3: certified subdivision
class SubdivisionStatus(enum.Enum):
    """How the subdivision of one support's probability box ended (see :func:`isolate`)."""

    #: every box was settled, or the unsettled tiny ones hold no near-equilibrium with
    #: every support probability positive (they hug faces that belong to smaller supports)
    SETTLED = "settled"
    #: the Jacobian is singular everywhere: the solution set is empty or of positive dimension
    DEGENERATE = "degenerate"
    #: a tiny box near an equilibrium could not be settled: a singular or non-isolated solution
    SINGULAR = "singular"
    #: too many boxes
    BUDGET = "budget"
    #: ``max_seconds`` ran out
    TIMEOUT = "timeout"


def isolate(system: IndifferenceSystem, deadline: float | None) -> tuple[list[np.ndarray], SubdivisionStatus]:
    """The solutions of the indifference system in the probability box that no strategy
    off the support strictly beats, each certified unique in a box by Krawczyk's test.

    Returns the refined solutions and how the subdivision ended (:class:`SubdivisionStatus`).

    The boxes are taken from the top of a stack in batches, each test evaluated for the
    whole batch in one numpy call (one box at a time, the cost is Python overhead).
    Every box's fate depends on that box alone, so the boxes examined, the status and
    the roots do not depend on the batching; the roots come back in the order of a
    one-box-at-a-time depth-first search (second half first), sorted by their paths.
    (After ``BUDGET`` or ``TIMEOUT`` the roots found so far depend on the order; the
    caller does not use them.)"""
    dim = system.n_unknowns
    if _identically_singular(system):
        return [], SubdivisionStatus.DEGENERATE
    corners = np.array(list(itertools.product((0.0, 1.0), repeat=dim)))
    batch_size = max(1, min(_BATCH_BOXES, _BATCH_POINTS // len(corners)))
    limit = _MAX_BOXES + 8 * len(corners)
    roots: list[tuple[tuple[int, ...], np.ndarray]] = []
    unsettled: list[np.ndarray] = []
    # (path, lo, hi): the path lists the halves taken from the whole box, 0 for the second
    stack: list[tuple[tuple[int, ...], np.ndarray, np.ndarray]] = [((), np.zeros(dim), np.ones(dim))]
    boxes = 0
    while stack:
        batch = stack[-batch_size:]
        del stack[-batch_size:]
        boxes += len(batch)
        if expired(deadline):
            return _in_order(roots), SubdivisionStatus.TIMEOUT
        if boxes > limit:
            return _in_order(roots), SubdivisionStatus.BUDGET
        paths = [path for path, _, _ in batch]
        lo = np.array([box[1] for box in batch])
        hi = _clip_to_simplex(system, lo, np.array([box[2] for box in batch]))
        keep = ~_outside_simplex(system, lo)
        vertices = lo[:, None, :] + corners[None, :, :] * (hi - lo)[:, None, :]
        eqs, gains = system.equations_and_gains(vertices.reshape(-1, dim))
        eqs = eqs.reshape(len(batch), len(corners), -1)
        gains = gains.reshape(len(batch), len(corners), -1)
        keep &= ~_signs_exclude(eqs, gains)
        inverses, invertible = _inverses(system.jacobian((lo + hi) / 2))
        keep &= ~(invertible & _preconditioned_exclusion(inverses, eqs))
        width = (hi - lo).max(axis=1)
        verdicts = np.zeros(len(batch), dtype=int)  # 0 unknown, -1 no solution, 1 one solution
        found: dict[int, np.ndarray] = {}
        tested = np.flatnonzero(keep & invertible & (width <= _KRAWCZYK_WIDTH))
        if len(tested):
            verdicts[tested], refined = _krawczyk(system, lo[tested], hi[tested], corners, inverses[tested])
            found = {int(k): root for k, root in zip(tested, refined) if root is not None}
        for k in np.flatnonzero(keep):
            if verdicts[k] == -1:
                continue
            if verdicts[k] == 1:
                roots.append((paths[k], found[int(k)]))
            elif width[k] < _MIN_WIDTH:
                unsettled.append((lo[k] + hi[k]) / 2)
            else:
                first, second = _halves(lo[k], hi[k])
                stack.append(((*paths[k], 1), *first))
                stack.append(((*paths[k], 0), *second))
    if unsettled and _near_equilibria(system, np.array(unsettled)).any():
        return _in_order(roots), SubdivisionStatus.SINGULAR
    return _in_order(roots), SubdivisionStatus.SETTLED


def _in_order(roots: list[tuple[tuple[int, ...], np.ndarray]]) -> list[np.ndarray]:
    """The distinct roots in depth-first order of their boxes' paths."""
    return _distinct([root for _, root in sorted(roots, key=lambda item: item[0])])


def _signs_exclude(eqs: np.ndarray, gains: np.ndarray) -> np.ndarray:
    """From the values at a box's vertices (axis -2): some equation keeps one sign over
    the box (no solution there), or a strategy off the support is strictly better
    throughout. A boolean per box."""
    out = np.any(eqs.min(axis=-2) > MARGIN, axis=-1) | np.any(eqs.max(axis=-2) < -MARGIN, axis=-1)
    if gains.shape[-1]:
        out |= np.any(gains.min(axis=-2) > MARGIN, axis=-1)
    return out


def _inverses(matrices: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The inverses of a stack of Jacobians (B, D, D) and which exist: a singular (or
    not finite) one is replaced by the identity and flagged False."""
    try:
        inverses = np.linalg.inv(matrices)
    except np.linalg.LinAlgError:  # some matrix is singular: invert one by one
        inverses = np.empty_like(matrices)
        for k, matrix in enumerate(matrices):
            try:
                inverses[k] = np.linalg.inv(matrix)
            except np.linalg.LinAlgError:
                inverses[k] = np.nan
    invertible = np.all(np.isfinite(inverses), axis=(-2, -1))
    inverses[~invertible] = np.eye(matrices.shape[-1])
    return inverses, invertible


def _preconditioned_exclusion(inverses: np.ndarray, eqs: np.ndarray) -> np.ndarray:
    """Some combination of the equations (rows of the inverse Jacobian at the centre, as
    in interval Newton methods) keeps one sign over the box; the combinations are
    multilinear too, so their vertex values bound them exactly. ``inverses`` (B, D, D)
    and the vertex values ``eqs`` (B, V, D) give a boolean per box."""
    combined = eqs @ np.swapaxes(inverses, -1, -2)
    scale = np.abs(inverses).sum(axis=-1) * MARGIN
    return np.any(combined.min(axis=-2) > scale, axis=-1) | np.any(combined.max(axis=-2) < -scale, axis=-1)


def _krawczyk(system: IndifferenceSystem, lo: np.ndarray, hi: np.ndarray, corners: np.ndarray,
              inverses: np.ndarray) -> tuple[np.ndarray, list[np.ndarray | None]]:
    """Krawczyk's test on a batch of boxes (B, D), widened, each preconditioned by the
    inverse of the Jacobian at its centre: per box 1 (exactly one solution, returned
    refined), -1 (no solution) or 0 (unknown; no root)."""
    n, dim = lo.shape
    centre = (lo + hi) / 2
    radius = (hi - lo) / 2 * _INFLATE + 1e-15
    points = (centre - radius)[:, None, :] + corners[None, :, :] * (2 * radius)[:, None, :]
    jacs = system.jacobian(points.reshape(-1, dim)).reshape(n, len(corners), dim, dim)
    j_mid = (jacs.max(axis=1) + jacs.min(axis=1)) / 2
    j_rad = (jacs.max(axis=1) - jacs.min(axis=1)) / 2
    value, _ = system.equations_and_gains(centre)
    newton = centre - (inverses @ value[:, :, None])[:, :, 0]
    spread = ((np.abs(np.eye(dim) - inverses @ j_mid) + np.abs(inverses) @ j_rad) @ radius[:, :, None])[:, :, 0]
    spread = spread * (1 + 1e-9) + 1e-13  # room for rounding
    k_lo, k_hi = newton - spread, newton + spread
    none = np.any(k_hi < centre - radius, axis=1) | np.any(k_lo > centre + radius, axis=1)
    inside = ~none & np.all(k_lo > centre - radius, axis=1) & np.all(k_hi < centre + radius, axis=1)
    verdicts = np.where(none, -1, 0)
    roots: list[np.ndarray | None] = [None] * n
    for k in np.flatnonzero(inside):
        root = _newton(system, newton[k])
        if np.all(np.abs(root - centre[k]) <= radius[k]):  # Newton stayed with the certified root
            verdicts[k], roots[k] = 1, root
    return verdicts, roots


def _identically_singular(system: IndifferenceSystem) -> bool:
    """The Jacobian is singular at random points: every solution is singular (typically
    the solution set has positive dimension), so subdivision cannot settle it."""
    rng = np.random.default_rng(0)
    points = rng.dirichlet(np.ones(2), size=(3, system.n_unknowns))[:, :, 0] * 0.5 + 0.25
    jacs = system.jacobian(points)
    return all(np.linalg.matrix_rank(j, tol=1e-10 * max(1.0, float(np.abs(j).max()))) < j.shape[0]
               for j in jacs)


def _near_equilibria(system: IndifferenceSystem, points: np.ndarray, slack: float = 1e-7) -> np.ndarray:
    """Which points nearly solve the system, are positive on the support and nearly best
    responses: a boolean array."""
    eqs, gains = system.equations_and_gains(points)
    ok = np.abs(eqs).max(axis=1, initial=0.0) <= slack
    ok &= gains.max(axis=1, initial=-np.inf) <= slack
    for o, s in zip(system.offsets, system.support):
        if len(s) > 1:
            own = points[:, o:o + len(s) - 1]
            ok &= np.all(own > slack, axis=1) & (1.0 - own.sum(axis=1) > slack)
    return ok


def witness(system: IndifferenceSystem, starts: int = 60) -> np.ndarray | None:
    """A point of a positive-dimensional solution set that is an equilibrium with this
    exact support (every support probability positive), found by Gauss-Newton
    projections of random profiles onto the solution set; None if none is found."""
    rng = np.random.default_rng(1)
    x = np.hstack([rng.dirichlet(np.ones(len(s)), size=starts)[:, :-1] for s in system.support])
    for _ in range(40):
        eqs, _ = system.equations_and_gains(x)
        if float(np.abs(eqs).max()) < 1e-13:
            break
        x = x - np.einsum("pij,pj->pi", np.linalg.pinv(system.jacobian(x)), eqs)
    hits = _near_equilibria(system, x, slack=1e-9)
    return x[int(np.argmax(hits))] if hits.any() else None


class Screen:
    """The sign tests of the subdivision (step 3) for one support, shared by every set
    of tied strategies: one subdivision, level by level (each level's boxes in one numpy
    evaluation), up to ``max_boxes`` boxes.

    A box is dropped for the support when some equation keeps one sign on it or a
    strategy off the support is strictly better throughout (``dropped``), or lies outside
    the simplex; it is dropped for a set ``T`` of tied strategies (whose gains over the
    support must vanish) also when some strategy of ``T`` is strictly worse throughout
    (``may_tie`` false). Each set's subdivision is the part of this one below boxes it
    keeps, so ``T`` is ruled out when every box it keeps was split and both halves are
    stored. Ruling out ``T`` rules out every superset of it. ``binding``: split only the
    boxes where these tied strategies may tie (a deeper subdivision for one set)."""

    def __init__(self, system: IndifferenceSystem, max_boxes: int, binding: Sequence[int] = ()) -> None:
        dim = system.n_unknowns
        corners = np.array(list(itertools.product((0.0, 1.0), repeat=dim)))
        parents: list[np.ndarray] = []
        dropped: list[np.ndarray] = []
        may_tie: list[np.ndarray] = []
        lo, hi = np.zeros((1, dim)), np.ones((1, dim))
        parent = np.array([-1])
        total = 0
        while len(lo):
            hi = _clip_to_simplex(system, lo, hi)
            vertices = lo[:, None, :] + corners[None, :, :] * (hi - lo)[:, None, :]
            eqs, gains = system.equations_and_gains(vertices.reshape(-1, dim))
            eqs = eqs.reshape(len(lo), len(corners), -1)
            gains = gains.reshape(len(lo), len(corners), -1)
            gone = _outside_simplex(system, lo) | _signs_exclude(eqs, gains)
            if len(binding):  # only boxes where these strategies may tie are split
                gone |= ~(gains.max(axis=1)[:, list(binding)] >= -MARGIN).all(axis=1)
            parents.append(parent + 0)
            dropped.append(gone)
            may_tie.append(gains.max(axis=1) >= -MARGIN)
            total += len(lo)
            split = np.flatnonzero(~gone)
            if total + 2 * len(split) > max_boxes:
                break
            widest = np.argmax(hi[split] - lo[split], axis=1)
            rows = np.arange(len(split))
            cut = lo[split, widest] + _SPLIT * (hi[split, widest] - lo[split, widest])
            first_hi, second_lo = hi[split].copy(), lo[split].copy()
            first_hi[rows, widest] = cut
            second_lo[rows, widest] = cut
            lo = np.vstack([lo[split], second_lo])
            hi = np.vstack([first_hi, hi[split]])
            parent = np.concatenate([split, split])
        #: per level: each box's parent (index in the level above), whether it is dropped
        #: for the support, which tied strategies it may hold, and whether it was split
        self.parents, self.dropped, self.may_tie = parents, dropped, may_tie
        self.levels = len(parents)

    def rules_out(self, binding: Sequence[int] = ()) -> bool:
        """No box holds a solution with the strategies ``binding`` (columns of the
        gains) tied with the support: every box is dropped within the stored subdivision."""
        kept = np.ones(1, dtype=bool)
        for level in range(self.levels):
            # the kept boxes of the level above were all split: their halves are this level
            kept = kept[self.parents[level]] if level else kept
            gone = self.dropped[level]
            if len(binding):
                gone = gone | ~self.may_tie[level][:, list(binding)].all(axis=1)
            kept = kept & ~gone
        return not kept.any()


def _halves(lo: np.ndarray, hi: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    """The box cut across its widest side (off-centre, so that a root on a rational
    midpoint does not land on the cut again and again)."""
    k = int(np.argmax(hi - lo))
    cut = lo[k] + _SPLIT * (hi[k] - lo[k])
    left_hi, right_lo = hi.copy(), lo.copy()
    left_hi[k], right_lo[k] = cut, cut
    return [(lo, left_hi), (right_lo, hi)]


def _clip_to_simplex(system: IndifferenceSystem, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Lower the upper bounds to what the simplex allows: x_k <= 1 - (sum of the
    other lower bounds of the same player). Boxes along the last axis."""
    hi = hi.copy()
    for o, s in zip(system.offsets, system.support):
        if len(s) > 2:
            block = slice(o, o + len(s) - 1)
            others = lo[..., block].sum(axis=-1, keepdims=True) - lo[..., block]
            hi[..., block] = np.minimum(hi[..., block], 1.0 - others)
    return hi


def _outside_simplex(system: IndifferenceSystem, lo: np.ndarray) -> np.ndarray:
    """The box lies where some player's last support probability is not positive.
    Boxes along the last axis; a boolean per box."""
    out = np.zeros(lo.shape[:-1], dtype=bool)
    for o, s in zip(system.offsets, system.support):
        if len(s) > 1:
            out |= lo[..., o:o + len(s) - 1].sum(axis=-1) >= 1.0
    return out


def _newton(system: IndifferenceSystem, x: np.ndarray) -> np.ndarray:
    """Newton's method to machine precision (the Krawczyk box guarantees convergence
    in practice; the caller checks that the root stayed in the box)."""
    for _ in range(12):
        value, _ = system.equations_and_gains(x[None, :])
        try:
            step = np.linalg.solve(system.jacobian(x[None, :])[0], value[0])
        except np.linalg.LinAlgError:
            break
        x = x - step
        if float(np.abs(step).max()) < 1e-15:
            break
    return x


def _distinct(roots: list[np.ndarray]) -> list[np.ndarray]:
    """Roots certified in two overlapping widened boxes appear twice: keep one."""
    out: list[np.ndarray] = []
    for r in roots:
        if not any(float(np.abs(r - q).max()) < 1e-9 for q in out):
            out.append(r)
    return out


def support_screen_boxes(system: IndifferenceSystem) -> int:
    """The boxes of the screen shared by a support's tie sets: more for fewer unknowns,
    since each box costs ``2**unknowns`` vertices."""
    return max(_SCREEN_BOXES, _SCREEN_POINTS >> system.n_unknowns)


def tied_screen_boxes(system: IndifferenceSystem) -> int:
    """The boxes of a tie set's own, deeper screen (see :class:`Screen`'s ``binding``)."""
    return max(_SCREEN_BOXES, min(_TIED_SCREEN_BOXES, _TIED_SCREEN_POINTS >> system.n_unknowns))

