"""All isolated Nash equilibria of an n-player game: support enumeration plus polynomial solving.

The method of Gambit's ``enumpoly`` (McKelvey and McLennan 1996, "Computation of
equilibria in finite games", *Handbook of Computational Economics* I, sec. 6;
Turocy, Gambit documentation, "gambit-enumpoly"), made complete and exact:

1. enumerate the support profiles ``(S_1, ..., S_n)``, smallest and most balanced
   first (Porter, Nudelman and Shoham 2008), skipping *conditionally dominated*
   ones: some support strategy is strictly worse than another strategy against every
   pure profile of the opponents' supports;
2. write the indifference system: each player's payoff is equal on all its support
   strategies (``D = sum d_i`` equations in as many unknowns, ``d_i = |S_i| - 1``,
   multilinear: affine in each player's block of unknowns). An *unbalanced* support,
   where some ``d_i > D - d_i``, has a solution set of positive dimension: player
   ``i``'s unknowns appear only in the ``D - d_i`` equations of the others, linearly
   once the others are fixed (a player mixing while all others play pure is the
   simplest case). It can still carry an isolated equilibrium, where strategies off the
   support tie with it (step 6);
3. isolate the system's real solutions in the probability box numerically but with
   proof: subdivide the box; drop a sub-box where some equation, or some combination
   of the equations (preconditioned by the inverse Jacobian at the centre), keeps one
   sign, or where a strategy off the support is strictly better throughout (multilinear
   functions take their extremes at the box's vertices, so these ranges are exact up to
   rounding); certify a sub-box holding exactly one solution with the Krawczyk test
   (Krawczyk 1969; Moore, Kearfott and Cloud, *Introduction to Interval Analysis*,
   2009, sec. 8.2) and refine it by Newton's method;
4. solve exactly where needed: a support whose box holds an equilibrium (exact mode)
   or that the subdivision cannot settle (a singular or non-isolated solution, too many
   boxes) is solved over the rationals: by Gauss-Jordan elimination when at most two
   players mix (the system is then linear), otherwise by a Groebner basis (degree
   reverse lexicographic by Faugere's F5B, converted to lex by FGLM; Cox, Little and
   O'Shea, *Ideals, Varieties, and Algorithms*, ch. 2-3 and 9) whose triangular form
   gives the solutions (rational ones as Fractions, irrational ones as sympy
   algebraic numbers: radicals or ``CRootOf``);
5. keep the solutions that are strictly positive on the support and that no strategy
   off the support improves upon;
6. a positive-dimensional solution set (a Groebner basis of positive dimension, a
   Jacobian singular everywhere, or an unbalanced support) is reported in a note,
   making the result incomplete, when it holds an equilibrium with that exact support:
   Gauss-Newton projections of random profiles look for one. Otherwise its isolated
   equilibria are found through their *tie sets*. Let ``x`` be an equilibrium with
   support ``S`` and tie set ``T`` (the strategies off ``S`` that are best responses
   too), and ``V`` the solutions, on the span of ``S``'s face, of the equations "every
   strategy of ``S`` and ``T`` pays the same". Near ``x`` every point of ``V`` is an
   equilibrium (support probabilities stay positive, the other strategies stay strictly
   worse), so if ``x`` is isolated among equilibria it is an isolated point of ``V``.
   Hence, for every ``T`` in turn (smallest first), the isolated points of ``V`` are
   found, or ``V`` is proven to have none, or the result is incomplete (a note). The
   proofs: the sign tests of step 3, on one subdivision shared by all ``T`` (a ``T``
   ruled out rules out its supersets); a player with more unknowns than the equations
   of its opponents (an affine fibre through every point); linear equations (at most
   one mixing opponent per tied player) whose solution set is affine; and, for
   polynomial ones, a reduction that keeps the points with positive probabilities and
   the system near them: factors that are support probabilities are dropped, a
   factored equation splits into one branch per factor, an equation of degree one
   eliminates an unknown; a branch with an unknown left in no equation has a line
   through every point. What remains is solved by a Groebner basis; a branch of
   positive dimension with fewer equations ``m <= 2`` than unknowns is a manifold
   wherever its Jacobian has rank ``m``, so only its singular points (the minors
   vanish too) can be isolated, and they are solved for instead. A zero-dimensional
   ``V`` lists every solution with ties containing ``T``, so ``T``'s supersets are
   skipped.

Float mode reports the certified roots of step 3 (exact solving only for supports
step 3 cannot settle); exact mode solves every support that carries an equilibrium
exactly. Gambit's own enumpoly (16.x) subdivides without such certificates and can
miss equilibria: ``tests/test_gambit_corpus_n_player.py`` lists four corpus games
where it does.

Limits: a support whose subdivision cannot settle it (it runs out of boxes, or meets a
singular or non-isolated solution) is not solved exactly when its system has more than
six unknowns with three or more players mixing, nor when ``max_seconds`` has run out by
then: a note names the support and the result is incomplete; the same holds for a tied
system of step 6 with more than eight unknowns after reduction, or whose solution set
(after the singular-point step) still has positive dimension. The search of step 6 for
a positive-dimensional set of equilibria is numerical, so such a set could in principle
be missed, and with it (when ``T`` is empty) a real point isolated on a complex solution
set of positive dimension. A point of a zero-dimensional ``V`` is certified an
equilibrium but may lie on a continuum of equilibria with a larger support (which is
then noted). In float mode ties are exact only where the payoffs are exact binary
numbers. ``max_seconds`` is honoured throughout: the whole search runs in
:func:`coopgame._deadline.time_box`, which interrupts sympy's algebra at the deadline.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._deadline import DeadlineExceeded, time_limit
from coopgame._exact_linalg import solve_with_dimension
from coopgame.equilibria._certificate import (
    certified_equilibrium,
    normalized_payoffs,
    relative_regrets,
    strategy_payoffs,
)
from coopgame.equilibria._common import SolverInputError, check_solver_input, nash_result
from coopgame.equilibria._result import Equilibrium, NashResult, sorted_equilibria
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL, to_exact

__all__ = ["polynomial_enumeration", "PolynomialSolveError"]

#: Precision (decimal digits) used to decide the sign of algebraic numbers.
_SIGN_DIGITS = 50
#: An algebraic value whose 50-digit approximation is smaller than this counts as zero.
_ZERO = 1e-30
#: Payoffs are rescaled to [0, 1] per player; a sign test must clear this margin,
#: far above the rounding error of the float evaluations.
_MARGIN = 1e-11
#: The subdivision of one support gives up (solving exactly if _cheap_exactly) after this many boxes
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
#: A subdivision that runs out of boxes falls back on a Groebner basis only up to this
#: many unknowns (three or more players mixing).
_EXACT_UNKNOWNS = 6
#: The same cap for the (overdetermined) systems of tied strategies, after linear
#: elimination (see _reduce).
_TIED_UNKNOWNS = 8
#: Float mode: a support probability must exceed this for a root to count as an
#: equilibrium of that support (smaller ones are rounding noise of a face).
_POSITIVE = 1e-13
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

Support = tuple[tuple[int, ...], ...]
Profile = tuple[tuple[Any, ...], ...]


#: Arguments that :func:`polynomial_enumeration` cannot work with: the shared solver input error.
PolynomialSolveError = SolverInputError


def polynomial_enumeration(
    game: Game,
    *,
    exact: bool | None = None,
    tol: float = DEFAULT_TOL,
    max_seconds: float | None = 60.0,
) -> NashResult:
    """All isolated Nash equilibria of an n-player game, as Gambit's ``enumpoly`` finds them.

    Parameters
    ----------
    game
        A numeric game with any number of players (two or more is the interesting case).
    exact
        Report exact equilibria: Fractions, or sympy algebraic numbers (radicals or
        ``CRootOf``) for irrational ones. Default: exact iff the game is exact.
    tol
        Float mode: the largest regret accepted. Also the tolerance of the float
        certificate of irrational equilibria.
    max_seconds
        Stop after this much wall-clock time (``None``: no limit); the result then has
        ``complete=False``, the equilibria found so far and a note naming the support
        where the search stopped and how many were not examined. Exact algebra in
        progress (a Groebner basis) is interrupted too.

    Returns
    -------
    NashResult
        ``method="polynomial"``. ``complete`` is False when some support carries a set of
        equilibria of positive dimension (a note names the support; ``degenerate`` is
        then True), when a support could not be settled, or when time ran out (a note
        each). Otherwise ``equilibria`` are all the isolated equilibria and
        ``degenerate`` is None (the method does not test degeneracy).

    Raises
    ------
    GameError
        A symbolic game with free parameters, or not a :class:`~coopgame.Game`.
    PolynomialSolveError
        A non-positive ``tol`` or ``max_seconds``.

    References
    ----------
    McKelvey, R. D. and McLennan, A. (1996). Computation of equilibria in finite games.
    *Handbook of Computational Economics* I, 87-142.

    Porter, R., Nudelman, E. and Shoham, Y. (2008). Simple search methods for finding
    a Nash equilibrium. *Games and Economic Behavior* 63, 642-662.

    Examples
    --------
    McKelvey and McLennan's 2x2x2 game (Gambit's ``2x2x2.nfg``) has nine equilibria,
    two of them totally mixed:

    >>> payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    >>> payoffs[0, 0, 0] = 9, 8, 12
    >>> payoffs[1, 1, 0] = 9, 8, 2
    >>> payoffs[0, 1, 1] = 3, 4, 6
    >>> payoffs[1, 0, 1] = 3, 4, 6
    >>> res = polynomial_enumeration(Game(payoffs))
    >>> len(res), res.complete
    (9, True)
    >>> [[str(p) for p in vec] for vec in res[4].profile]
    [['2/5', '3/5'], ['1/2', '1/2'], ['1/3', '2/3']]

    In float mode the same equilibria come from the certified subdivision alone:

    >>> floats = polynomial_enumeration(Game(payoffs).as_float())
    >>> [round(float(p), 6) for p in floats[4].profile[2]]
    [0.333333, 0.666667]
    """
    check_solver_input(game, "polynomial_enumeration", tol=tol, max_seconds=max_seconds, exact=exact)
    if game.n_players == 1:
        # no opponents, no indifference system: the equilibria are the best strategies
        from coopgame.equilibria._single_player import single_player_equilibria

        return single_player_equilibria(game, exact=exact, tol=tol, method="polynomial")
    if exact is None:
        exact = game.kind == "exact"
    exact_game = game.as_exact() if exact else None
    scaled = _rescaled(game.as_float().payoffs.astype(float))
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    found: list[Equilibrium] = []
    notes: list[str] = []
    degenerate: bool | None = None
    complete = True
    supports = _candidate_supports(scaled)
    done = 0  # supports examined to the end
    try:
        # sympy's algebra never looks at a clock: the time box interrupts it from outside
        with time_limit(max_seconds):
            for support in supports:
                outcome = _examine(game, exact_game, scaled, support, exact, tol, deadline)
                found.extend(outcome.equilibria)
                if outcome.timeout:
                    break
                done += 1
                if outcome.note:
                    notes.append(outcome.note)
                    complete = False
                if outcome.degenerate:
                    degenerate = True
    except DeadlineExceeded:
        pass
    if done < len(supports):
        complete = False
        notes.append(f"stopped after max_seconds={max_seconds}: the support profiles are examined "
                     f"smallest first, and {len(supports) - done} of {len(supports)} were not examined "
                     f"to the end, from {_support_text(game, supports[done])} on")
    return nash_result(game, "polynomial", bool(exact), sorted_equilibria(found), tol=tol, max_seconds=max_seconds,
                       degenerate=degenerate, complete=complete, notes=notes)


@dataclass
class _Outcome:
    """What one support contributes: equilibria, a note that makes the result incomplete,
    whether it showed the game degenerate, and whether time ran out."""

    equilibria: list[Equilibrium] = field(default_factory=list)
    note: str | None = None
    degenerate: bool = False
    timeout: bool = False


def _examine(game: Game, exact_game: Game | None, scaled: np.ndarray, support: Support, exact: bool,
             tol: float, deadline: float | None) -> _Outcome:
    """The equilibria of one support profile (steps 2-6 of the module docstring)."""
    where = _support_text(game, support)
    system = _System(scaled, support)
    if not _balanced(support):
        return _positive_dimensional(game, exact_game, system, where, tol, deadline,
                                     "a player there has more unknowns than equations that involve them",
                                     starts=20)
    if system.n_unknowns == 0:
        if not system.pure_is_candidate():
            return _Outcome()
        return _Outcome(_exact_or_float(game, exact_game, support, [_pure_profile(system)], tol))
    roots, status = _isolate(system, deadline)
    if status == "timeout":
        return _Outcome(timeout=True)
    if status == "degenerate":
        # every complex solution is singular, so the solution set is empty or of positive
        # dimension (fibre dimension theorem)
        return _positive_dimensional(game, exact_game, system, where, tol, deadline,
                                     "the indifference equations there are singular everywhere")
    candidates = [x for x in roots if system.is_candidate(x)]
    if status == "settled" and not exact:
        # a root on a face of the support is an equilibrium of a smaller support, found there
        floats = [system.profile(x) for x in candidates if system.is_candidate(x, floor=_POSITIVE)]
        return _Outcome([certified_equilibrium(game.as_float(), profile, False, tol)
                         for profile in floats if _float_regret(game, profile) <= tol])
    if status == "settled" and not candidates:
        return _Outcome()
    if status == "budget" and not _cheap_exactly(support):
        return _Outcome(note=f"support {where} was not settled: the subdivision ran out of boxes and "
                        "the system is too large to solve exactly")
    if status == "singular" and not _cheap_exactly(support):
        return _Outcome(note=f"support {where} was not settled: a singular or non-isolated solution "
                        "stopped the subdivision and the system is too large to solve exactly")
    if status in ("budget", "singular") and _expired(deadline):
        return _Outcome(note=f"support {where} was not settled: max_seconds ran out before its "
                        "exact solution")
    solutions, dimension = _solve_exactly(game.as_exact().payoffs, support)
    if dimension == 0:
        return _Outcome(_exact_or_float(game, exact_game, support, solutions, tol))
    if status == "settled":
        # every box was settled, so the solutions with this exact support are the certified
        # roots: the positive-dimensional part of the solution set lies on faces or outside
        if any(system.is_candidate(x, floor=_POSITIVE) for x in candidates):
            return _Outcome(note=f"support {where} has an isolated equilibrium that was certified "
                            f"numerically but not solved exactly (the equations there also have a "
                            f"solution set of dimension {dimension})", degenerate=True)
        return _Outcome()
    return _positive_dimensional(game, exact_game, system, where, tol, deadline,
                                 f"the indifference equations there have a solution set of dimension "
                                 f"{dimension}")


def _positive_dimensional(game: Game, exact_game: Game | None, system: _System, where: str,
                          tol: float, deadline: float | None, reason: str, starts: int = 60) -> _Outcome:
    """The equilibria of a support whose indifference equations have a solution set of
    positive dimension (step 6 of the module docstring).

    Its isolated equilibria are points where strategies off the support are tied with it:
    such a point is isolated among the solutions of the support's equations *plus* the
    equations of its tied strategies (nearby solutions of those are equilibria with the
    same support), so each set of tied strategies not ruled out by the sign tests is
    solved exactly (linear systems by elimination, polynomial ones reduced by
    :func:`_reduce` and solved by Groebner bases). A set whose isolated solutions cannot
    be listed that way (too many unknowns, or a solution set of positive dimension that
    no argument of the module docstring's step 6 rules out) is noted: the result is
    incomplete. Non-isolated equilibria are looked for numerically and noted
    (``degenerate``) when found."""
    screen = _Screen(system, max_boxes=max(_SCREEN_BOXES, _SCREEN_POINTS >> system.n_unknowns))
    if screen.rules_out():
        return _Outcome()  # proven: no box holds a solution that no off-support strategy beats
    outcome = _Outcome()
    if _witness(system, starts) is not None:
        # the support carries a set of equilibria of positive dimension: the result is
        # incomplete, and points with tied strategies there would be its boundary points
        return _Outcome(note=f"equilibria of support {where} are not isolated: {reason}, and some "
                        "profile with that support is an equilibrium", degenerate=True)
    found: dict[Any, Equilibrium] = {}
    unsettled: list[str] = []
    payoffs = game.as_exact().payoffs
    # sets of tied strategies whose supersets need no look: ruled out by the sign tests,
    # or with finitely many solutions (all examined; a superset's solutions are among them)
    done: list[frozenset[int]] = []
    for size in range(1, system.n_off + 1):
        for binding in itertools.combinations(range(system.n_off), size):
            chosen = frozenset(binding)
            if any(r <= chosen for r in done):
                continue
            if _expired(deadline):
                return _Outcome(list(found.values()), timeout=True)
            if screen.rules_out(binding):
                done.append(chosen)
                continue
            tied = _tied_support(system, binding)
            if not _may_isolate(system.support, tied):
                continue  # a fibre of positive dimension through every point: nothing isolated
            if _linear(system.support, tied):
                solutions, dimension = _solve_exactly(payoffs, system.support, tied)
                if dimension > 0:
                    # the solutions form an affine set, and near a point with exactly these
                    # ties it consists of equilibria, so nothing there is isolated
                    continue
            else:
                branches = _reduced_tied_system(payoffs, system.support, tied)
                # a branch with a free unknown has a line of solutions through every
                # solution, so nothing isolated; the others are solved
                open_branches = [branch for branch in branches if branch.free == 0]
                if branches and not open_branches:
                    continue
                if branches and _Screen(system, _tied_screen_boxes(system), binding).rules_out(binding):
                    branches = []  # a deeper subdivision, cheaper than a Groebner basis
                if not branches:
                    done.append(chosen)  # no solution with every support probability positive
                    continue
                if any(branch.unknowns > _TIED_UNKNOWNS for branch in open_branches):
                    unsettled.append(_tied_text(game, system, binding) + " (too many unknowns to solve "
                                     "exactly)")
                    continue
                solutions, dimension = [], 0
                for branch in open_branches:
                    points, branch_dimension = _solve_reduced(payoffs, system.support, branch)
                    if branch_dimension > 0:
                        # its isolated points are singular points (see _singular_points)
                        points, branch_dimension = _singular_points(payoffs, system.support, branch)
                    solutions.extend(points)
                    dimension = max(dimension, branch_dimension)
                if dimension > 0:
                    # a polynomial system can have a real point that is isolated although
                    # the complex solution set around it is not (x**2 + y**2 = 0): not proven
                    unsettled.append(_tied_text(game, system, binding)
                                     + f" (a solution set of dimension {dimension})")
                if dimension > 0 or len(open_branches) < len(branches):
                    for eq in _exact_or_float(game, exact_game, system.support, solutions, tol):
                        found.setdefault(eq.key(12), eq)
                    continue  # not every solution was listed: supersets still need a look
            done.append(chosen)
            for eq in _exact_or_float(game, exact_game, system.support, solutions, tol):
                found.setdefault(eq.key(12), eq)
    outcome.equilibria = list(found.values())
    if unsettled:
        outcome.note = (f"support {where} was not settled: {reason}, and with "
                        + "; with ".join(unsettled) + " tied to it neither the sign tests nor exact "
                        "solving could rule out an isolated equilibrium")
    return outcome


def _tied_screen_boxes(system: _System) -> int:
    return max(_SCREEN_BOXES, min(_TIED_SCREEN_BOXES, _TIED_SCREEN_POINTS >> system.n_unknowns))


def _tied_support(system: _System, binding: Sequence[int]) -> Support:
    """Each player's support plus its strategies among ``binding`` (columns of the gains)."""
    extra: list[list[int]] = [[] for _ in system.support]
    for column in binding:
        player, strategy = system.off_support[column]
        extra[player].append(strategy)
    return tuple(tuple(sorted((*s, *e))) for s, e in zip(system.support, extra))


def _may_isolate(support: Support, tied: Support) -> bool:
    """A necessary condition for an isolated solution: each mixing player's unknowns are
    no more than the equations of its opponents. Those equations are affine in its
    unknowns once the others are fixed, so otherwise an affine set of solutions of
    positive dimension passes through every solution, and near an equilibrium it consists
    of equilibria (the inequalities that hold strictly still hold)."""
    unknowns = [len(s) - 1 for s in support]
    equations = [len(t) - 1 for t in tied]
    total = sum(equations)
    return all(d <= total - e for d, e in zip(unknowns, equations))


def _tied_text(game: Game, system: _System, binding: Sequence[int]) -> str:
    return ", ".join(f"{game.players[i]}: {game.strategies[i][a]}"
                     for i, a in (system.off_support[c] for c in binding))


def _expired(deadline: float | None) -> bool:
    return deadline is not None and time.monotonic() > deadline


def _support_text(game: Game, support: Support) -> str:
    return "(" + "; ".join(
        f"{player}: {{{', '.join(game.strategies[i][k] for k in s)}}}"
        for i, (player, s) in enumerate(zip(game.players, support))
    ) + ")"


def _rescaled(payoffs: np.ndarray) -> np.ndarray:
    """Each player's payoffs mapped affinely onto [0, 1]: equilibria do not change, and
    one margin then fits every game."""
    # shared with the two-player solvers: divides before subtracting, so payoffs near 1e308 do not overflow
    return normalized_payoffs(payoffs)[0]


# ---------------------------------------------------------------- step 1: supports
def _candidate_supports(payoffs: np.ndarray) -> list[Support]:
    """Support profiles that can carry an isolated equilibrium, smallest and most balanced first."""
    shape = payoffs.shape[:-1]
    per_player = [
        [s for size in range(1, n + 1) for s in itertools.combinations(range(n), size)] for n in shape
    ]
    kept = [sup for sup in itertools.product(*per_player) if not _has_dominated_strategy(payoffs, sup)]
    return sorted(kept, key=lambda sup: (sum(len(s) for s in sup), max(len(s) for s in sup)))


def _balanced(support: Support) -> bool:
    """No player has more unknowns than the equations that involve them (see the module doc)."""
    d = [len(s) - 1 for s in support]
    total = sum(d)
    return all(2 * di <= total for di in d)


def _has_dominated_strategy(payoffs: np.ndarray, support: Support) -> bool:
    """Some support strategy is strictly worse than another strategy against every
    pure profile of the opponents' supports, so it cannot be a best response."""
    for i, own in enumerate(support):
        if all(len(s) == 1 for j, s in enumerate(support) if j != i):
            continue  # settled by the best-response test of the pure opponents' profile
        table = np.moveaxis(_restricted(payoffs, support, i), i, 0)
        rows = table.reshape(table.shape[0], -1)
        for s in own:
            if np.any(np.all(rows > rows[s] + _MARGIN, axis=1)):
                return True
    return False


def _restricted(payoffs: np.ndarray, support: Support, player: int) -> np.ndarray:
    """``player``'s payoffs with the opponents restricted to their supports."""
    axes = [np.arange(n) if j == player else np.asarray(s) for j, (n, s) in
            enumerate(zip(payoffs.shape[:-1], support))]
    return payoffs[..., player][np.ix_(*axes)]


# ---------------------------------------------------------------- step 2: the system
@dataclass
class _System:
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
            tensor = _restricted(payoffs, support, i)
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
        _, gains = self.equations_and_gains(np.zeros((1, 0)))
        return not gains.size or bool(gains.max() <= _CANDIDATE)


def _pure_profile(system: _System) -> Profile:
    import sympy

    return tuple(tuple(sympy.Integer(int(k == s[0])) for k in range(n))
                 for n, s in zip(system.shape, system.support))


# ---------------------------------------------------------------- step 3: certified subdivision
def _isolate(system: _System, deadline: float | None) -> tuple[list[np.ndarray], str]:
    """The solutions of the indifference system in the probability box that no strategy
    off the support strictly beats, each certified unique in a box by Krawczyk's test.

    Returns the refined solutions and a status: ``"settled"`` (every box was settled, or
    the unsettled tiny ones hold no near-equilibrium with every support probability
    positive: they hug faces that belong to smaller supports), ``"degenerate"`` (the
    Jacobian is singular everywhere), ``"singular"`` (a tiny box near an equilibrium
    could not be settled: a singular or non-isolated solution), ``"budget"`` (too many
    boxes) or ``"timeout"``.

    The boxes are taken from the top of a stack in batches, each test evaluated for the
    whole batch in one numpy call (one box at a time, the cost is Python overhead).
    Every box's fate depends on that box alone, so the boxes examined, the status and
    the roots do not depend on the batching; the roots come back in the order of a
    one-box-at-a-time depth-first search (second half first), sorted by their paths.
    (After ``"budget"`` or ``"timeout"`` the roots found so far depend on the order; the
    caller does not use them.)"""
    dim = system.n_unknowns
    if _identically_singular(system):
        return [], "degenerate"
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
        if _expired(deadline):
            return _in_order(roots), "timeout"
        if boxes > limit:
            return _in_order(roots), "budget"
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
        return _in_order(roots), "singular"
    return _in_order(roots), "settled"


def _in_order(roots: list[tuple[tuple[int, ...], np.ndarray]]) -> list[np.ndarray]:
    """The distinct roots in depth-first order of their boxes' paths."""
    return _distinct([root for _, root in sorted(roots, key=lambda item: item[0])])


def _signs_exclude(eqs: np.ndarray, gains: np.ndarray) -> np.ndarray:
    """From the values at a box's vertices (axis -2): some equation keeps one sign over
    the box (no solution there), or a strategy off the support is strictly better
    throughout. A boolean per box."""
    out = np.any(eqs.min(axis=-2) > _MARGIN, axis=-1) | np.any(eqs.max(axis=-2) < -_MARGIN, axis=-1)
    if gains.shape[-1]:
        out |= np.any(gains.min(axis=-2) > _MARGIN, axis=-1)
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
    scale = np.abs(inverses).sum(axis=-1) * _MARGIN
    return np.any(combined.min(axis=-2) > scale, axis=-1) | np.any(combined.max(axis=-2) < -scale, axis=-1)


def _krawczyk(system: _System, lo: np.ndarray, hi: np.ndarray, corners: np.ndarray,
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


def _identically_singular(system: _System) -> bool:
    """The Jacobian is singular at random points: every solution is singular (typically
    the solution set has positive dimension), so subdivision cannot settle it."""
    rng = np.random.default_rng(0)
    points = rng.dirichlet(np.ones(2), size=(3, system.n_unknowns))[:, :, 0] * 0.5 + 0.25
    jacs = system.jacobian(points)
    return all(np.linalg.matrix_rank(j, tol=1e-10 * max(1.0, float(np.abs(j).max()))) < j.shape[0]
               for j in jacs)


def _near_equilibria(system: _System, points: np.ndarray, slack: float = 1e-7) -> np.ndarray:
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


def _witness(system: _System, starts: int = 60) -> np.ndarray | None:
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


class _Screen:
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

    def __init__(self, system: _System, max_boxes: int, binding: Sequence[int] = ()) -> None:
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
                gone |= ~(gains.max(axis=1)[:, list(binding)] >= -_MARGIN).all(axis=1)
            parents.append(parent + 0)
            dropped.append(gone)
            may_tie.append(gains.max(axis=1) >= -_MARGIN)
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


def _clip_to_simplex(system: _System, lo: np.ndarray, hi: np.ndarray) -> np.ndarray:
    """Lower the upper bounds to what the simplex allows: x_k <= 1 - (sum of the
    other lower bounds of the same player). Boxes along the last axis."""
    hi = hi.copy()
    for o, s in zip(system.offsets, system.support):
        if len(s) > 2:
            block = slice(o, o + len(s) - 1)
            others = lo[..., block].sum(axis=-1, keepdims=True) - lo[..., block]
            hi[..., block] = np.minimum(hi[..., block], 1.0 - others)
    return hi


def _outside_simplex(system: _System, lo: np.ndarray) -> np.ndarray:
    """The box lies where some player's last support probability is not positive.
    Boxes along the last axis; a boolean per box."""
    out = np.zeros(lo.shape[:-1], dtype=bool)
    for o, s in zip(system.offsets, system.support):
        if len(s) > 1:
            out |= lo[..., o:o + len(s) - 1].sum(axis=-1) >= 1.0
    return out


def _newton(system: _System, x: np.ndarray) -> np.ndarray:
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


def _float_regret(game: Game, profile: Sequence[Sequence[float]] | Sequence[np.ndarray]) -> float:
    """The largest regret as a fraction of that player's payoff range (what ``tol`` bounds)."""
    return float(relative_regrets(game.as_float(), [np.asarray(vec, dtype=float) for vec in profile]).max())


# ---------------------------------------------------------------- step 4: exact solving
def _solve_exactly(payoffs: np.ndarray, support: Support,
                   tied: Support | None = None) -> tuple[list[Profile], int]:
    """The real solutions of the indifference system of ``support`` and the dimension
    of its solution set (0 when isolated; then the solutions are listed).

    ``tied``: each player's strategies (a superset of its support) that must pay as much
    as its support strategies; by default the support itself."""
    tied = support if tied is None else tied
    R, names, equations = _tied_equations(payoffs, support, tied)
    if not equations:
        return [], len(names)
    if _linear(support, tied):
        points, dimension = _solve_linear(equations, len(names))
    else:
        points, dimension = _solve_groebner(equations, R)
    if dimension > 0:
        return [], dimension
    shape = payoffs.shape[:-1]
    return [_profile_from_values(shape, support, dict(zip(names, point))) for point in points], 0


def _tied_equations(payoffs: np.ndarray, support: Support, tied: Support) -> tuple[Any, list[str], list[Any]]:
    """The polynomial ring over the rationals in the unknowns of ``support`` (each
    mixing player's probabilities but the last), their names, and the nonzero
    indifference equations of the strategies ``tied``."""
    from sympy import QQ
    from sympy.polys.orderings import grevlex
    from sympy.polys.rings import ring

    names = [f"p{i}_{k}" for i, s in enumerate(support) if len(s) > 1 for k in s[:-1]]
    R, *gens = ring(names, QQ, grevlex)
    gens_iter = iter(gens)
    # each player's probability of each support strategy, as a polynomial in the unknowns
    probabilities: list[list[Any]] = []
    for s in support:
        if len(s) == 1:
            probabilities.append([R.one])
        else:
            own = [next(gens_iter) for _ in s[:-1]]
            probabilities.append([*own, R.one - sum(own, R.zero)])
    equations = [e for e in _indifference_equations(R, payoffs, support, probabilities, tied) if e != 0]
    return R, names, equations


@dataclass
class _Reduced:
    """A tied system after :func:`_reduce`: ``equations`` (of degree two or more) in
    ``unknowns`` of the unknowns, ``free`` unknowns in none of them, and the eliminated
    unknowns as affine functions of the rest (``eliminations``: each generator of ``R``
    minus its value, so that the two lists together form a system again)."""

    R: Any
    names: list[str]
    equations: list[Any]
    eliminations: list[Any]
    unknowns: int
    free: int


def _reduced_tied_system(payoffs: np.ndarray, support: Support, tied: Support) -> list[_Reduced]:
    """The tied system of ``support`` reduced by :func:`_reduce` (no branch: no solution
    with every support probability positive)."""
    R, names, equations = _tied_equations(payoffs, support, tied)
    positives: list[Any] = []
    gens = iter(R.gens)
    for s in support:
        own = [next(gens) for _ in s[:-1]]
        positives.extend(own)
        if own:
            positives.append(R.one - sum(own, R.zero))
    return _reduce(equations, R, names, positives, [])


def _reduce(equations: list[Any], R: Any, names: list[str], positives: list[Any],
            eliminations: list[Any]) -> list[_Reduced]:
    """Simplify a system whose solutions of interest make every polynomial in
    ``positives`` (the support probabilities) positive, keeping those solutions and the
    system near each of them:

    - a factor of an equation that is a multiple of a positive polynomial is dropped
      (it does not vanish near such a solution); an equation that is nothing but such
      factors, or a positive polynomial that became a non-positive constant, leaves no
      solution (no branch);
    - an equation with several other factors splits the solution set into one branch
      per factor: a point isolated in the union is isolated in each branch it lies on;
    - an equation of degree one eliminates an unknown, substituted into the others and
      into ``positives``: the solution set is the graph of an affine map over the
      solution set of what remains, so the two have the same isolated points.

    In a branch, an unknown that neither is eliminated nor appears in a remaining
    equation is free: a line of solutions passes through every solution, so none is
    isolated. ``eliminations``: the eliminated unknowns so far (generator minus value)."""
    remaining = [e for e in equations if e != 0]
    while True:
        if any(q.LC <= 0 for q in positives if q.is_ground):
            return []
        monic = {q.monic() for q in positives if not q.is_ground}
        simplified: list[Any] = []
        for index, e in enumerate(remaining):
            if e.is_ground:
                return []  # a nonzero constant = 0
            _, factors = e.factor_list()
            kept = [f for f, _ in factors if f.monic() not in monic]
            if not kept:
                return []  # a nonzero constant times positive factors
            if len(kept) > 1:
                rest = simplified + remaining[index + 1:]
                return [branch for f in kept
                        for branch in _reduce([f, *rest], R, names, positives, eliminations)]
            simplified.append(kept[0])
        remaining = simplified
        linear = next((e for e in remaining if max(sum(m) for m in e.monoms()) == 1), None)
        if linear is None:
            break
        k = next(k for k, exponent in enumerate(linear.LM) if exponent)
        gen = R.gens[k]
        value = gen - linear.quo_ground(linear.coeff(gen))
        eliminations = [q.compose(gen, value) for q in eliminations] + [gen - value]
        positives = [q.compose(gen, value) for q in positives]
        remaining = [q for q in (e.compose(gen, value) for e in remaining if e is not linear) if q != 0]
    used = {k for e in remaining for m in e.monoms() for k, exponent in enumerate(m) if exponent}
    return [_Reduced(R, names, remaining, eliminations, len(used),
                     len(R.gens) - len(eliminations) - len(used))]


def _singular_points(payoffs: np.ndarray, support: Support, reduced: _Reduced) -> tuple[list[Profile], int]:
    """The real points of a reduced system of positive dimension that can be isolated,
    when it has fewer equations (m) than unknowns in them (n), m at most two.

    Where the Jacobian of the m equations has rank m, the solution set is a manifold of
    dimension n - m > 0 nearby (implicit function theorem), so nothing there is
    isolated: the isolated points are among the solutions where every m-by-m minor of
    the Jacobian vanishes too. Returns them (dimension 0) or, when that system has a
    solution set of positive dimension too, or the shape does not fit, its dimension."""
    equations = reduced.equations
    unknowns = sorted({k for e in equations for m in e.monoms() for k, exponent in enumerate(m) if exponent})
    m = len(equations)
    if not 1 <= m <= 2 or m >= len(unknowns):
        return [], max(1, len(unknowns) - m)
    gens = [reduced.R.gens[k] for k in unknowns]
    jacobian = [[e.diff(g) for g in gens] for e in equations]
    if m == 1:
        minors = jacobian[0]
    else:
        minors = [jacobian[0][a] * jacobian[1][b] - jacobian[0][b] * jacobian[1][a]
                  for a, b in itertools.combinations(range(len(gens)), 2)]
    singular = _Reduced(reduced.R, reduced.names, equations + [q for q in minors if q != 0],
                        reduced.eliminations, reduced.unknowns, 0)
    return _solve_reduced(payoffs, support, singular)


def _solve_reduced(payoffs: np.ndarray, support: Support, reduced: _Reduced) -> tuple[list[Profile], int]:
    """:func:`_solve_exactly` for a reduced tied system (its real solutions where it is
    zero-dimensional, else the dimension)."""
    points, dimension = _solve_groebner(reduced.equations + reduced.eliminations, reduced.R)
    if dimension > 0:
        return [], dimension
    shape = payoffs.shape[:-1]
    return [_profile_from_values(shape, support, dict(zip(reduced.names, point))) for point in points], 0


def _linear(support: Support, tied: Support) -> bool:
    """Each player's equations are multilinear in its opponents' unknowns: linear when
    every player with equations (two or more tied strategies) has at most one mixing
    opponent."""
    mixing = {i for i, s in enumerate(support) if len(s) > 1}
    return all(len(mixing - {i}) <= 1 for i, t in enumerate(tied) if len(t) > 1)


def _cheap_exactly(support: Support, tied: Support | None = None) -> bool:
    """Linear systems, and polynomial ones in at most six unknowns, are solved exactly
    in well under a second for small payoffs; larger Groebner bases can take minutes."""
    mixing = [len(s) - 1 for s in support if len(s) > 1]
    return _linear(support, support if tied is None else tied) or sum(mixing) <= _EXACT_UNKNOWNS


def _indifference_equations(R: Any, payoffs: np.ndarray, support: Support,
                            probabilities: list[list[Any]], tied: Support) -> list[Any]:
    """For each player: payoff of each tied strategy minus that of its last support strategy."""
    from sympy import QQ

    equations: list[Any] = []
    for i, own in enumerate(tied):
        if len(own) == 1:
            continue
        opponents = [j for j in range(len(support)) if j != i]
        values = {}
        for s in own:
            total = R.zero
            for combo in itertools.product(*(range(len(support[j])) for j in opponents)):
                index = [0] * len(support)
                index[i] = s
                weight = R.one
                for j, k in zip(opponents, combo):
                    index[j] = support[j][k]
                    weight = weight * probabilities[j][k]
                u = payoffs[tuple(index) + (i,)]
                if u != 0:
                    total += weight * QQ(u.numerator, u.denominator)
            values[s] = total
        base = support[i][-1]
        equations.extend(v - values[base] for s, v in values.items() if s != base)
    return equations


def _solve_linear(equations: list[Any], n_vars: int) -> tuple[list[tuple[Any, ...]], int]:
    """Linear equations (at most two players mix): Gauss-Jordan elimination over the
    rationals. Returns the unique solution, or the dimension of the solution set."""
    import sympy

    matrix, rhs = [], []
    for e in equations:
        row = [Fraction(0)] * n_vars
        constant = Fraction(0)
        for monom, coeff in e.terms():
            value = Fraction(int(coeff.numerator), int(coeff.denominator))
            if sum(monom) == 0:
                constant = -value
            else:
                row[monom.index(1)] = value
        matrix.append(row)
        rhs.append(constant)
    solution, dimension = solve_with_dimension(matrix, rhs)
    if solution is None:
        return [], dimension
    return [tuple(sympy.Rational(v.numerator, v.denominator) for v in solution)], 0


def _solve_groebner(equations: list[Any], R: Any) -> tuple[list[tuple[Any, ...]], int]:
    """A polynomial system: F5B in grevlex, then FGLM to lex, then back substitution."""
    from sympy.polys.fglmtools import matrix_fglm
    from sympy.polys.groebnertools import groebner
    from sympy.polys.orderings import lex

    basis = groebner(equations, R, method="f5b")
    if len(basis) == 1 and basis[0].is_ground:
        return [], 0  # inconsistent: no solution at all
    dimension = _dimension([g.LM for g in basis], len(R.gens))
    if dimension > 0:
        return [], dimension
    lex_basis = matrix_fglm(basis, R, lex)
    return _real_points(lex_basis, R), 0


def _dimension(leads: list[tuple[int, ...]], n_vars: int) -> int:
    """Krull dimension of the ideal from the leading monomials of a Groebner basis:
    the size of the largest set of variables no leading monomial lies entirely in
    (Cox, Little and O'Shea, ch. 9, sec. 3)."""
    supports = [frozenset(k for k, e in enumerate(m) if e) for m in leads]
    for size in range(n_vars, 0, -1):
        for subset in itertools.combinations(range(n_vars), size):
            chosen = frozenset(subset)
            if not any(s <= chosen for s in supports):
                return size
    return 0


def _real_points(basis: list[Any], R: Any) -> list[tuple[Any, ...]]:
    """All real points of a zero-dimensional lex Groebner basis. In shape position
    (``x_k - g_k(x_last)`` and one univariate ``h(x_last)``, the generic case) each
    real root of ``h`` gives one point; otherwise back substitution, variable by variable."""
    import sympy

    symbols = [sympy.Symbol(str(g)) for g in R.gens]
    polys = [g.as_expr(*symbols) for g in basis]
    shape = _shape_position(basis, len(symbols))
    if shape is not None:
        last = symbols[-1]
        univariate = sympy.Poly(polys[shape[-1]], last, domain="QQ")
        points = []
        for root in univariate.real_roots():
            values = [sympy.expand(-(polys[shape[k]] - symbols[k]).subs(last, root))
                      for k in range(len(symbols) - 1)]
            points.append((*values, root))
        return points
    return _back_substitute(polys, symbols, {})


def _shape_position(basis: list[Any], n_vars: int) -> list[int] | None:
    """Indices of ``x_k - g_k(x_last)`` for each k and of the univariate polynomial, or None."""
    found: dict[int, int] = {}
    for index, g in enumerate(basis):
        lm = g.LM
        if sum(lm[:-1]) == 0:
            found[n_vars - 1] = index
            continue
        k = next(k for k, e in enumerate(lm) if e)
        others = [m for m in g.monoms() if m != lm]
        if lm[k] == 1 and sum(lm) == 1 and all(sum(m[:-1]) == 0 for m in others) and g.LC == 1:
            found[k] = index
    return [found[k] for k in range(n_vars)] if len(found) == n_vars else None


def _back_substitute(polys: list[Any], symbols: list[Any], known: dict[Any, Any]) -> list[tuple[Any, ...]]:
    import sympy

    if len(known) == len(symbols):
        return [tuple(known[s] for s in symbols)]
    var = symbols[len(symbols) - 1 - len(known)]
    unknown = set(symbols) - set(known) - {var}
    relevant = []
    for p in polys:
        q = sympy.expand(p.subs(known)) if known else p
        if q.free_symbols and not (q.free_symbols & unknown) and var in q.free_symbols:
            relevant.append(q)
        elif not q.free_symbols and not _is_zero(q):
            return []
    if not relevant:
        raise ArithmeticError("the lex basis does not determine a variable: not zero-dimensional")
    univariate = _univariate_gcd(relevant, var)
    if univariate is None:
        return []
    points = []
    for root in univariate.real_roots():
        points.extend(_back_substitute(polys, symbols, {**known, var: root}))
    return points


def _univariate_gcd(polys: list[Any], var: Any) -> Any:
    import sympy

    known_rational = all(c.is_Rational for p in polys for c in sympy.Poly(p, var).all_coeffs())
    if known_rational:
        result = sympy.Poly(polys[0], var, domain="QQ")
        for p in polys[1:]:
            result = result.gcd(sympy.Poly(p, var, domain="QQ"))
        return None if result.degree() < 1 else result
    # coefficients are algebraic numbers: work over the extension they generate
    numbers = [c for p in polys for c in sympy.Poly(p, var).all_coeffs() if not c.is_Rational]
    try:
        result = sympy.Poly(polys[0], var, extension=numbers)
        for p in polys[1:]:
            result = result.gcd(sympy.Poly(p, var, extension=numbers))
    except (sympy.polys.polyerrors.PolynomialError, NotImplementedError):
        result = sympy.Poly(polys[0], var)
    return None if result.degree() < 1 else _RootsOf(result, var)


class _RootsOf:
    """The real roots of a polynomial with algebraic coefficients, as exact expressions."""

    def __init__(self, poly: Any, var: Any) -> None:
        self.poly, self.var = poly, var

    def degree(self) -> int:
        return int(self.poly.degree())

    def real_roots(self) -> list[Any]:
        import sympy

        roots = sympy.roots(self.poly, filter=None)
        if sum(roots.values()) != self.poly.degree():
            raise ArithmeticError(f"cannot solve {self.poly.as_expr()} = 0 exactly")
        return [r for r in roots if _is_real(r)]


def _is_real(value: Any) -> bool:
    return abs(complex(value.evalf(_SIGN_DIGITS)).imag) < _ZERO


def _is_zero(value: Any) -> bool:
    if getattr(value, "is_Rational", False):
        return bool(value == 0)
    return abs(complex(value.evalf(_SIGN_DIGITS))) < _ZERO


def _profile_from_values(shape: Sequence[int], support: Support, values: dict[str, Any]) -> Profile:
    import sympy

    profile = []
    for i, (n, s) in enumerate(zip(shape, support)):
        vec: list[Any] = [sympy.Integer(0)] * n
        if len(s) == 1:
            vec[s[0]] = sympy.Integer(1)
        else:
            own = [values[f"p{i}_{k}"] for k in s[:-1]]
            for k, v in zip(s[:-1], own):
                vec[k] = v
            vec[s[-1]] = 1 - sum(own)
        profile.append(tuple(_simplify(v) for v in vec))
    return tuple(profile)


def _simplify(value: Any) -> Any:
    import sympy

    value = sympy.sympify(value)
    if value.is_Rational:
        return value
    return sympy.radsimp(sympy.expand(value))


# ---------------------------------------------------------------- step 5: check
def _exact_or_float(game: Game, exact_game: Game | None, support: Support,
                    solutions: list[Profile], tol: float) -> list[Equilibrium]:
    """The exact solutions that are equilibria, certified exactly on ``exact_game`` or,
    when that is None (float mode), in floats."""
    checked = game.as_exact()
    return [_certify(game, exact_game, profile, tol) for profile in solutions
            if _is_equilibrium(checked, support, profile, tol)]


def _is_equilibrium(game: Game, support: Support, profile: Profile, tol: float) -> bool:
    """Strictly positive on the support and no better strategy off it (``game`` exact)."""
    for s, vec in zip(support, profile):
        for k in s:
            if not _positive(vec[k]):
                return False
    if all(v.is_Rational for vec in profile for v in vec):
        rational = [np.array([to_exact(v) for v in vec], dtype=object) for vec in profile]
        return bool(_max_regret(game, rational) == 0)
    floats = [np.array([float(v.evalf(_SIGN_DIGITS)) for v in vec]) for vec in profile]
    return bool(_float_regret(game, floats) <= tol)


def _positive(value: Any) -> bool:
    if value.is_Rational:
        return bool(value > 0)
    return float(value.evalf(_SIGN_DIGITS)) > _ZERO


def _max_regret(game: Game, profile: Sequence[np.ndarray]) -> Any:
    """The largest gain of a unilateral deviation: exact for Fraction vectors of an exact
    game (no validation of the profile, unlike :func:`~coopgame.equilibria._certificate.regret`)."""
    worst: Any = 0
    for i, own in enumerate(profile):
        values = strategy_payoffs(game, profile, i)
        worst = max(worst, max(values) - sum(values * own))
    return worst


def _certify(game: Game, exact_game: Game | None, profile: Profile, tol: float) -> Equilibrium:
    if exact_game is None:
        floats = [[float(v.evalf(_SIGN_DIGITS)) for v in vec] for vec in profile]
        return certified_equilibrium(game.as_float(), floats, False, tol)
    # rational entries become Fractions there; irrational ones stay algebraic
    return certified_equilibrium(exact_game, profile, True, tol)
