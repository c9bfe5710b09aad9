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

Layout: this module runs the steps for each support and checks and certifies the
solutions (step 5, with :mod:`coopgame.equilibria._certificate`);
:mod:`~coopgame.equilibria._poly_supports` enumerates the supports (step 1) and the
shapes of tie sets; :mod:`~coopgame.equilibria._poly_intervals` holds the float system,
the certified subdivision and the screens (steps 2-3, the numerical tests of step 6);
:mod:`~coopgame.equilibria._poly_algebra` the exact solving (step 4, the reductions of
step 6).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from coopgame._deadline import DeadlineExceeded, time_limit
from coopgame.equilibria import expired
from coopgame.equilibria._certificate import (
    certified_equilibrium,
    normalized_payoffs,
    relative_regrets,
    strategy_payoffs,
)
from coopgame.equilibria._common import SolverInputError, check_solver_input, nash_result
from coopgame.equilibria._poly_algebra import (
    SIGN_DIGITS,
    ZERO,
    cheap_exactly,
    is_linear,
    reduced_tied_system,
    solve_branches,
    solve_exactly,
)
from coopgame.equilibria._poly_intervals import (
    IndifferenceSystem,
    Screen,
    SubdivisionStatus,
    isolate,
    support_screen_boxes,
    tied_screen_boxes,
    witness,
)
from coopgame.equilibria._poly_supports import (
    Profile,
    Support,
    balanced,
    candidate_supports,
    may_isolate,
    tied_support,
)
from coopgame.equilibria._result import Equilibrium, NashResult, sorted_equilibria
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL, to_exact

__all__ = ["polynomial_enumeration", "PolynomialSolveError"]

#: The cap of exact solving (``_EXACT_UNKNOWNS`` of :mod:`~coopgame.equilibria._poly_algebra`)
#: for the (overdetermined) systems of tied strategies, after linear elimination (see
#: :func:`coopgame.equilibria._poly_algebra._reduce`).
_TIED_UNKNOWNS = 8
#: Float mode: a support probability must exceed this for a root to count as an
#: equilibrium of that support (smaller ones are rounding noise of a face).
_POSITIVE = 1e-13


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
    supports = candidate_supports(scaled)
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
    system = IndifferenceSystem(scaled, support)
    if not balanced(support):
        return _positive_dimensional(game, exact_game, system, where, tol, deadline,
                                     "a player there has more unknowns than equations that involve them",
                                     starts=20)
    if system.n_unknowns == 0:
        if not system.pure_is_candidate():
            return _Outcome()
        return _Outcome(_exact_or_float(game, exact_game, support, [_pure_profile(system)], tol))
    roots, status = isolate(system, deadline)
    if status is SubdivisionStatus.TIMEOUT:
        return _Outcome(timeout=True)
    if status is SubdivisionStatus.DEGENERATE:
        # every complex solution is singular, so the solution set is empty or of positive
        # dimension (fibre dimension theorem)
        return _positive_dimensional(game, exact_game, system, where, tol, deadline,
                                     "the indifference equations there are singular everywhere")
    candidates = [x for x in roots if system.is_candidate(x)]
    if status is SubdivisionStatus.SETTLED and not exact:
        # a root on a face of the support is an equilibrium of a smaller support, found there
        floats = [system.profile(x) for x in candidates if system.is_candidate(x, floor=_POSITIVE)]
        return _Outcome([certified_equilibrium(game.as_float(), profile, False, tol)
                         for profile in floats if _float_regret(game, profile) <= tol])
    if status is SubdivisionStatus.SETTLED and not candidates:
        return _Outcome()
    if status is SubdivisionStatus.BUDGET and not cheap_exactly(support):
        return _Outcome(note=f"support {where} was not settled: the subdivision ran out of boxes and "
                        "the system is too large to solve exactly")
    if status is SubdivisionStatus.SINGULAR and not cheap_exactly(support):
        return _Outcome(note=f"support {where} was not settled: a singular or non-isolated solution "
                        "stopped the subdivision and the system is too large to solve exactly")
    if status in (SubdivisionStatus.BUDGET, SubdivisionStatus.SINGULAR) and expired(deadline):
        return _Outcome(note=f"support {where} was not settled: max_seconds ran out before its "
                        "exact solution")
    solutions, dimension = solve_exactly(game.as_exact().payoffs, support)
    if dimension == 0:
        return _Outcome(_exact_or_float(game, exact_game, support, solutions, tol))
    if status is SubdivisionStatus.SETTLED:
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


def _positive_dimensional(game: Game, exact_game: Game | None, system: IndifferenceSystem, where: str,
                          tol: float, deadline: float | None, reason: str, starts: int = 60) -> _Outcome:
    """The equilibria of a support whose indifference equations have a solution set of
    positive dimension (step 6 of the module docstring).

    Its isolated equilibria are points where strategies off the support are tied with it:
    such a point is isolated among the solutions of the support's equations *plus* the
    equations of its tied strategies (nearby solutions of those are equilibria with the
    same support), so each set of tied strategies not ruled out by the sign tests is
    solved exactly (linear systems by elimination, polynomial ones reduced and solved by
    Groebner bases, see :func:`_tie_verdict`). A set whose isolated solutions cannot be
    listed that way (too many unknowns, or a solution set of positive dimension that no
    argument of the module docstring's step 6 rules out) is noted: the result is
    incomplete. Non-isolated equilibria are looked for numerically and noted
    (``degenerate``) when found."""
    screen = Screen(system, support_screen_boxes(system))
    if screen.rules_out():
        return _Outcome()  # proven: no box holds a solution that no off-support strategy beats
    if witness(system, starts) is not None:
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
    for binding in _tie_sets(system.n_off):
        chosen = frozenset(binding)
        if any(r <= chosen for r in done):
            continue
        if expired(deadline):
            return _Outcome(list(found.values()), timeout=True)
        verdict = _tie_verdict(game, system, screen, payoffs, binding)
        if verdict.exhaustive:
            done.append(chosen)
        if verdict.unsettled is not None:
            unsettled.append(verdict.unsettled)
        if verdict.solutions:
            for eq in _exact_or_float(game, exact_game, system.support, verdict.solutions, tol):
                found.setdefault(eq.key(12), eq)
    note = None
    if unsettled:
        note = (f"support {where} was not settled: {reason}, and with " + "; with ".join(unsettled)
                + " tied to it neither the sign tests nor exact solving could rule out an isolated "
                "equilibrium")
    return _Outcome(list(found.values()), note=note)


@dataclass
class _TieVerdict:
    """What one set ``T`` of tied strategies contributes in step 6: the real solutions of
    its tied system (the caller keeps the equilibria among them), whether they are all of
    them (or there are none), so that ``T``'s supersets need no look (``exhaustive``),
    and why ``T`` could not be settled (``unsettled``, for the note)."""

    solutions: list[Profile] = field(default_factory=list)
    exhaustive: bool = False
    unsettled: str | None = None


def _tie_sets(n_off: int) -> Iterator[tuple[int, ...]]:
    """Every nonempty set of strategies off the support (columns of the gains), smallest first."""
    for size in range(1, n_off + 1):
        yield from itertools.combinations(range(n_off), size)


def _tie_verdict(game: Game, system: IndifferenceSystem, screen: Screen, payoffs: np.ndarray,
                 binding: tuple[int, ...]) -> _TieVerdict:
    """Step 6 for the strategies ``binding`` (columns of the gains) tied with the support:
    ruled out by the shared sign tests, or by an affine fibre through every point, or
    solved exactly (a linear system by elimination, a polynomial one by
    :func:`_polynomial_tie_verdict`)."""
    if screen.rules_out(binding):
        return _TieVerdict(exhaustive=True)
    tied = tied_support(system.support, system.off_support, binding)
    if not may_isolate(system.support, tied):
        return _TieVerdict()  # a fibre of positive dimension through every point: nothing isolated
    if not is_linear(system.support, tied):
        return _polynomial_tie_verdict(game, system, payoffs, binding, tied)
    solutions, dimension = solve_exactly(payoffs, system.support, tied)
    if dimension > 0:
        # the solutions form an affine set, and near a point with exactly these ties it
        # consists of equilibria, so nothing there is isolated
        return _TieVerdict()
    return _TieVerdict(solutions, exhaustive=True)


def _polynomial_tie_verdict(game: Game, system: IndifferenceSystem, payoffs: np.ndarray,
                            binding: tuple[int, ...], tied: Support) -> _TieVerdict:
    """A polynomial tied system: reduced to branches
    (:func:`~coopgame.equilibria._poly_algebra.reduced_tied_system`), screened
    by a deeper subdivision of its own, and its branches solved by Groebner bases."""
    branches = reduced_tied_system(payoffs, system.support, tied)
    # a branch with a free unknown has a line of solutions through every solution, so
    # nothing isolated; the others are solved
    open_branches = [branch for branch in branches if branch.free == 0]
    if branches and not open_branches:
        return _TieVerdict()
    if branches and Screen(system, tied_screen_boxes(system), binding).rules_out(binding):
        branches = []  # a deeper subdivision, cheaper than a Groebner basis
    if not branches:
        return _TieVerdict(exhaustive=True)  # no solution with every support probability positive
    if any(branch.unknowns > _TIED_UNKNOWNS for branch in open_branches):
        return _TieVerdict(unsettled=_tied_text(game, system, binding)
                           + " (too many unknowns to solve exactly)")
    solutions, dimension = solve_branches(payoffs, system.support, open_branches)
    unsettled = None
    if dimension > 0:
        # a polynomial system can have a real point that is isolated although the complex
        # solution set around it is not (x**2 + y**2 = 0): not proven
        unsettled = _tied_text(game, system, binding) + f" (a solution set of dimension {dimension})"
    # with a branch of positive dimension or one left out, not every solution was listed:
    # supersets still need a look
    exhaustive = dimension == 0 and len(open_branches) == len(branches)
    return _TieVerdict(solutions, exhaustive=exhaustive, unsettled=unsettled)


def _tied_text(game: Game, system: IndifferenceSystem, binding: Sequence[int]) -> str:
    """The tied strategies ``binding`` (columns of the gains) by name, for a note."""
    return ", ".join(f"{game.players[i]}: {game.strategies[i][a]}"
                     for i, a in (system.off_support[c] for c in binding))




def _support_text(game: Game, support: Support) -> str:
    """The support profile by player and strategy names, for a note."""
    return "(" + "; ".join(
        f"{player}: {{{', '.join(game.strategies[i][k] for k in s)}}}"
        for i, (player, s) in enumerate(zip(game.players, support))
    ) + ")"


def _rescaled(payoffs: np.ndarray) -> np.ndarray:
    """Each player's payoffs mapped affinely onto [0, 1]: equilibria do not change, and
    one margin then fits every game."""
    # shared with the two-player solvers: divides before subtracting, so payoffs near 1e308 do not overflow
    return normalized_payoffs(payoffs)[0]


def _pure_profile(system: IndifferenceSystem) -> Profile:
    """The pure profile of a support with one strategy per player, in sympy integers."""
    import sympy

    return tuple(tuple(sympy.Integer(int(k == s[0])) for k in range(n))
                 for n, s in zip(system.shape, system.support))



def _float_regret(game: Game, profile: Sequence[Sequence[float]] | Sequence[np.ndarray]) -> float:
    """The largest regret as a fraction of that player's payoff range (what ``tol`` bounds)."""
    return float(relative_regrets(game.as_float(), [np.asarray(vec, dtype=float) for vec in profile]).max())

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
    floats = [np.array([float(v.evalf(SIGN_DIGITS)) for v in vec]) for vec in profile]
    return bool(_float_regret(game, floats) <= tol)


def _positive(value: Any) -> bool:
    """Whether a rational or algebraic number is positive (the latter at 50 digits)."""
    if value.is_Rational:
        return bool(value > 0)
    return float(value.evalf(SIGN_DIGITS)) > ZERO


def _max_regret(game: Game, profile: Sequence[np.ndarray]) -> Any:
    """The largest gain of a unilateral deviation: exact for Fraction vectors of an exact
    game (no validation of the profile, unlike :func:`~coopgame.equilibria._certificate.regret`)."""
    worst: Any = 0
    for i, own in enumerate(profile):
        values = strategy_payoffs(game, profile, i)
        worst = max(worst, max(values) - sum(values * own))
    return worst


def _certify(game: Game, exact_game: Game | None, profile: Profile, tol: float) -> Equilibrium:
    """The certified equilibrium: exact on ``exact_game``, or in floats when that is None."""
    if exact_game is None:
        floats = [[float(v.evalf(SIGN_DIGITS)) for v in vec] for vec in profile]
        return certified_equilibrium(game.as_float(), floats, False, tol)
    # rational entries become Fractions there; irrational ones stay algebraic
    return certified_equilibrium(exact_game, profile, True, tol)
