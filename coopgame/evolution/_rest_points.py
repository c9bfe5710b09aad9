"""Rest points of the replicator dynamics, their Jacobians, eigenvalues and stability.

Lyapunov's first method (Friedman 1991 for two populations): a rest point is
asymptotically stable when every eigenvalue of the Jacobian has a negative real
part, and unstable when one has a positive real part. A zero or purely imaginary
eigenvalue decides nothing, so such points are reported as ``"inconclusive"`` or
``"centre"``, never as stable. In multi-population dynamics only strict Nash
equilibria (pure profiles) can be asymptotically stable (Selten 1980;
Ritzberger & Weibull 1995), so a mixed rest point is never reported as stable.

At a vertex of a game with two strategies per population the Jacobian is
diagonal: entry ``i`` is ``(1 - 2 x_i)`` times population ``i``'s payoff
advantage of its first strategy there. At a face point (some populations pure,
two mixed) it is block triangular, and the mixed pair's block has trace zero. At an
interior point of two-strategy populations its diagonal is zero (a population's
advantage does not involve its own share), so its eigenvalues sum to zero.

References
----------
Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59, 637-666.
Selten, R. (1980). A note on evolutionarily stable strategies in asymmetric animal
conflicts. *J. Theor. Biol.* 84, 93-101.
Ritzberger, K. & Weibull, J. W. (1995). Evolutionary selection in normal-form games.
*Econometrica* 63, 1371-1399.
Weibull, J. W. (1995). *Evolutionary Game Theory*, Theorem 5.3. MIT Press.

Long because: rest points on vertices, on faces and inside are found by three methods (signs, the
2x2 closed form, a Groebner shape basis) but classified by one Jacobian, and the stability tables
render exactly what they find.
"""

from __future__ import annotations

import signal
import threading
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from coopgame._format import Latex, display_number, render_table
from coopgame.errors import CoopgameError
from coopgame.evolution._dynamics import (
    EvolutionError,
    _strategy_payoffs_symbolic,
    _sympy,
    _unit_game,
    replicator_equations,
    state_symbols,
)
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL

Classification = Literal[
    "asymptotically stable", "unstable", "saddle", "centre", "inconclusive", "conditional"
]
Location = Literal["vertex", "face", "interior"]


@dataclass(frozen=True)
class RestPoint:
    """A rest point of the replicator dynamics and its linear stability.

    Attributes
    ----------
    point
        Reduced coordinates (Fractions for exact games, or exact sympy numbers where
        an interior point is irrational; sympy expressions for symbolic games; floats
        for float games).
    location
        ``"vertex"`` (a pure profile), ``"face"`` (some populations pure, the others
        mixed) or ``"interior"`` (every population mixed).
    jacobian
        The Jacobian there: a sympy ``Matrix`` (exact/symbolic) or a float array.
    eigenvalues
        Its eigenvalues with multiplicity (exact sympy numbers or complex floats).
    classification
        ``"asymptotically stable"``, ``"unstable"`` (all real parts positive or one
        positive and one zero), ``"saddle"``, ``"centre"`` (all purely imaginary),
        ``"inconclusive"`` (a zero real part and no positive one) or
        ``"conditional"`` (the sign depends on free parameters).
    profile
        The pure profile's strategy indices at a vertex, else ``None``.
    """

    point: tuple[Any, ...]
    location: Location
    jacobian: Any
    eigenvalues: tuple[Any, ...]
    classification: Classification
    profile: tuple[int, ...] | None = None

    @property
    def is_stable(self) -> bool:
        """True only for an asymptotically stable point (never for inconclusive or centre).

        Examples
        --------
        In the Prisoner's Dilemma only mutual defection, the vertex (0, 0), is stable:

        >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> [p.point for p in rest_points(pd) if p.is_stable]
        [(Fraction(0, 1), Fraction(0, 1))]
        """
        return self.classification == "asymptotically stable"


def _vertex_state(shape: Sequence[int], profile: Sequence[int]) -> tuple[int, ...]:
    """Reduced coordinates of a pure profile (the last strategy has all-zero coordinates)."""
    coords: list[int] = []
    for n, s in zip(shape, profile):
        coords += [1 if k == s else 0 for k in range(n - 1)]
    return tuple(coords)


def _symbolic_jacobian(game: Game) -> tuple[tuple[Any, ...], Any]:
    sp = _sympy()
    symbols, rates = replicator_equations(game)
    if not symbols:
        # every population has one strategy: the state space is one point, the Jacobian 0 x 0
        return symbols, sp.zeros(0, 0)
    return symbols, sp.Matrix(rates).jacobian(symbols)


def jacobian(game: Game, point: Sequence[Any]) -> Any:
    """The Jacobian of the replicator dynamics of ``game`` at a reduced state ``point``.

    Exact and symbolic games give an exact sympy ``Matrix``; float games a float array.

    Examples
    --------
    At the vertex (1, 1) of the Prisoner's Dilemma both advantages are -2:

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> jacobian(pd, (1, 1))
    Matrix([
    [2, 0],
    [0, 2]])
    """
    sp = _sympy()
    symbols, J = _symbolic_jacobian(game)
    if len(point) != len(symbols):
        raise EvolutionError(
            f"a state of this game has {len(symbols)} coordinates; got {len(point)}"
        )
    values = {
        s: sp.nsimplify(v) if isinstance(v, float) else sp.sympify(v)
        for s, v in zip(symbols, point)
    }
    at = J.subs(values).applyfunc(sp.cancel)
    if game.kind == "float":
        return np.array(at.evalf(), dtype=float)
    return at


def _sign(value: Any, tol: float) -> int | None:
    """-1, 0 or +1 for a real number (sympy or float); None when parameters leave it open."""
    if isinstance(value, (float, np.floating)):
        return 0 if abs(value) <= tol else (1 if value > 0 else -1)
    if value.is_zero:
        return 0
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    return None


def _deviation_gains(game: Game, profile: tuple[int, ...]) -> list[Any]:
    """Every unilateral deviation's payoff gain at a pure profile (player by player)."""
    from coopgame._profiles import deviation_payoffs

    gains = []
    for i in range(game.n_players):
        payoffs = deviation_payoffs(game, profile, i)
        gains += [v - payoffs[profile[i]] for k, v in enumerate(payoffs) if k != profile[i]]
    return gains



def vertex_eigenvalues(game: Game, profile: Sequence[int | str]) -> tuple[Any, ...]:
    """The eigenvalues of the replicator dynamics' Jacobian at a vertex (pure profile).

    In reduced coordinates the Jacobian at a vertex is block triangular with a diagonal
    block per population, so its eigenvalues are the payoff gains of the unilateral
    deviations ``u_i(k, s_-i) - u_i(s)`` (player by player, strategy by strategy): the
    values :func:`rest_points` finds at the vertices, without sympy (the sweeps use it
    at every grid point).

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> vertex_eigenvalues(pd, (0, 0))
    (Fraction(2, 1), Fraction(2, 1))
    """
    return tuple(_deviation_gains(game, game.profile_index(profile)))


def classify(eigenvalues: Sequence[Any], tol: float = DEFAULT_TOL) -> Classification:
    """Linear-stability class of a rest point from its Jacobian's eigenvalues.

    Exact (sympy) eigenvalues are judged exactly; floats with the absolute
    tolerance ``tol`` on their real parts. A zero real part is never "stable".

    Examples
    --------
    >>> import sympy
    >>> classify([sympy.Integer(-1), sympy.Integer(-2)])
    'asymptotically stable'
    >>> classify([5 * sympy.sqrt(5), -5 * sympy.sqrt(5)])
    'saddle'
    >>> classify([sympy.Integer(0), sympy.Integer(-20)])
    'inconclusive'
    >>> classify([1j, -1j])
    'centre'
    """
    signs, imaginary = [], []
    for ev in eigenvalues:
        if isinstance(ev, (complex, float, np.complexfloating, np.floating)):
            signs.append(_sign(float(np.real(ev)), tol))
            imaginary.append(abs(float(np.imag(ev))) > tol)
        else:
            sp = _sympy()
            re, im = sp.re(ev), sp.im(ev)
            signs.append(_sign(re, tol))
            im_sign = _sign(im, tol)
            imaginary.append(im_sign is not None and im_sign != 0)
    if any(s is None for s in signs):
        return "conditional"
    if all(s == -1 for s in signs):
        return "asymptotically stable"
    if any(s == 1 for s in signs):
        return "saddle" if any(s == -1 for s in signs) and 0 not in signs else "unstable"
    if all(s == 0 for s in signs) and all(imaginary):
        return "centre"
    return "inconclusive"


def _eigenvalues(J: Any) -> tuple[Any, ...]:
    values = _unordered_eigenvalues(J)
    # at a vertex J is diagonal and eigenvalue i belongs to population i: keep that order
    if (
        isinstance(J, np.ndarray)
        or J.is_diagonal()
        or any(getattr(v, "free_symbols", None) for v in values)
    ):
        return values
    # exact numbers in a fixed order (real part, then imaginary part): reproducible reports
    sp = _sympy()
    return tuple(sorted(values, key=lambda v: (float(sp.re(v)), float(sp.im(v)))))


def _unordered_eigenvalues(J: Any) -> tuple[Any, ...]:
    if isinstance(J, np.ndarray):
        return tuple(complex(v) if abs(v.imag) > 0 else float(v.real) for v in np.linalg.eigvals(J))
    sp = _sympy()
    if J.is_diagonal():
        return tuple(J[i, i] for i in range(J.rows))
    if J.shape == (2, 2) and J[0, 0] == 0 and J[1, 1] == 0:
        # the interior point of a 2x2 game: +-sqrt(bc) without sympy's slow general solver
        root = sp.sqrt(sp.factor(J[0, 1] * J[1, 0]))
        return (root, -root)
    return tuple(sp.nsimplify(v) if v.is_number else v for v in J.eigenvals(multiple=True))


def _to_point_value(value: Any, kind: str) -> Any:
    if kind == "float":
        return float(value)
    if kind == "exact" and _sympy().sympify(value).is_Rational:
        rational = _sympy().Rational(value)
        return Fraction(int(rational.p), int(rational.q))
    return value


def _interior_2x2(game: Game) -> tuple[Any, ...] | None:
    """The unique interior rest point of a 2x2 game, if the payoff advantages cross inside."""
    sp = _sympy()
    (x, y), (dx, dy) = replicator_equations(game)
    adv_x = sp.cancel(dx / (x * (1 - x)))
    adv_y = sp.cancel(dy / (y * (1 - y)))
    if adv_x.free_symbols.isdisjoint({y}) or adv_y.free_symbols.isdisjoint({x}):
        return None  # an advantage that does not depend on the other population: no isolated point
    solutions = sp.solve([adv_x, adv_y], [x, y], dict=True)
    if len(solutions) != 1 or set(solutions[0]) != {x, y}:
        return None
    point = (sp.cancel(solutions[0][x]), sp.cancel(solutions[0][y]))
    if game.kind != "symbolic" or not game.parameters:
        if not all(sp.Integer(0) < c < sp.Integer(1) for c in point):
            return None
    return point


def _face_points(game: Game, tol: float) -> list[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Isolated rest points with some populations pure and exactly two mixed (two strategies each).

    With every other population fixed at a vertex, each of the two mixed populations' payoff
    advantage is linear in the other's share, ``adv_i = a_i + b_i x_j``, so indifference of both is
    ``x_j = -a_i / b_i``, ``x_i = -a_j / b_j``; the point counts when both lie strictly inside (0,
    1). ``b = 0`` means no rest point or a whole segment of them (not isolated): skipped (for a
    float game: ``|b| <= tol``). At such a point the Jacobian is block triangular: the pure
    populations' rows are diagonal, ``(1 - 2 x_p) adv_p``, and the mixed pair's block ``[[0, x_i (1
    - x_i) b_i], [x_j (1 - x_j) b_j, 0]]`` has trace 0, eigenvalues ``+-sqrt(x_i (1 - x_i) b_i x_j
    (1 - x_j) b_j)``: never asymptotically stable.

    Returns ``(point, eigenvalues)`` pairs (exact sympy numbers).
    """
    sp = _sympy()
    k = game.n_players
    if k < 3 or any(n != 2 for n in game.shape) or game.parameters:
        return []
    symbols = state_symbols(game)
    payoffs = game.as_symbolic().payoffs
    shares = [[x, 1 - x] for x in symbols]
    advantages = [
        sp.expand(u[0] - u[1])
        for u in (_strategy_payoffs_symbolic(payoffs, shares, i) for i in range(k))
    ]
    found = []
    for i in range(k):
        for j in range(i + 1, k):
            pure = [p for p in range(k) if p not in (i, j)]
            for values in np.ndindex(*(2,) * len(pure)):
                # strategy 0 first
                fixed = {symbols[p]: sp.Integer(1 - v) for p, v in zip(pure, values)}
                adv_i, adv_j = advantages[i].subs(fixed), advantages[j].subs(fixed)
                b_i, b_j = sp.diff(adv_i, symbols[j]), sp.diff(adv_j, symbols[i])
                if _negligible(b_i, game.kind, tol) or _negligible(b_j, game.kind, tol):
                    continue
                x_j, x_i = -adv_i.subs(symbols[j], 0) / b_i, -adv_j.subs(symbols[i], 0) / b_j
                if not (0 < x_i < 1 and 0 < x_j < 1):
                    continue
                at = {**fixed, symbols[i]: x_i, symbols[j]: x_j}
                root = sp.sqrt(x_i * (1 - x_i) * b_i * x_j * (1 - x_j) * b_j)
                pure_eigenvalues = [
                    (1 - 2 * fixed[symbols[p]]) * advantages[p].subs(at) for p in pure
                ]
                point = tuple(at[x] for x in symbols)
                found.append(
                    (
                        point,
                        tuple(
                            sorted(
                                [*pure_eigenvalues, root, -root],
                                key=lambda v: (float(sp.re(v)), float(sp.im(v))),
                            )
                        ),
                    )
                )
    return found


class _SolveTimeout(CoopgameError):
    """The interior polynomial system took longer than its time box."""


@contextmanager
def _time_box(seconds: float) -> Iterator[None]:
    """Raise :class:`_SolveTimeout` after ``seconds`` (see :func:`_can_time_box`; else no limit)."""
    if not _can_time_box():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise _SolveTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_time_box() -> bool:
    """SIGALRM timers work only in the main thread on Unix; never steal a caller's running timer."""
    return (
        threading.current_thread() is threading.main_thread()
        and hasattr(signal, "setitimer")
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


#: Seconds the Groebner solve of the interior system may take before it is skipped.
INTERIOR_SOLVE_SECONDS = 2.0
# without a timer (not the main thread, or the caller's timer running) only systems this small are
# attempted
_UNTIMED_MAX_POPULATIONS = 4


def _interior_points(
    game: Game, max_seconds: float = INTERIOR_SOLVE_SECONDS
) -> list[tuple[Any, ...]]:
    """Isolated interior rest points of a game with three or more two-strategy populations.

    Population ``i``'s payoff advantage of its first strategy does not involve its own
    share and is multilinear in the others', so the interior rest points are the real
    solutions strictly inside the unit cube of the polynomial system ``adv_i = 0`` (for
    three populations: three bilinear equations). Float payoffs are rationalised to
    the decimals they print as and the system is solved exactly with a lexicographic
    Groebner basis; coordinates stay exact (rationals, radicals or ``CRootOf``).

    A system whose solution set is not finite (e.g. a curve of rest points), or whose
    solve exceeds ``max_seconds``, yields no points: non-isolated rest points are not
    enumerated.
    """
    sp = _sympy()
    k = game.n_players
    if k < 3 or any(n != 2 for n in game.shape) or game.parameters:
        return []
    if not _can_time_box() and k > _UNTIMED_MAX_POPULATIONS:
        _skipped(f"{k} populations outside the main thread (no time box)")
        return []
    symbols = state_symbols(game)
    payoffs = game.as_symbolic().payoffs
    shares = [[x, 1 - x] for x in symbols]
    advantages = [
        sp.nsimplify(sp.expand(u[0] - u[1]), rational=True)
        for u in (_strategy_payoffs_symbolic(payoffs, shares, i) for i in range(k))
    ]
    if any(a == 0 for a in advantages):
        # an indifferent population: every share of it rests, nothing is isolated
        _skipped(
            "a population is indifferent everywhere, so the interior rest points are not isolated"
        )
        return []
    try:
        with _time_box(max_seconds):
            basis = sp.groebner(advantages, *symbols, order="lex")
            if basis.exprs == [1]:
                return []  # no rest point at all, inside or outside the cube
            if not basis.is_zero_dimensional:
                _skipped("the rest points form a curve or surface (not isolated)")
                return []
            solutions = _shape_solutions(basis.exprs, symbols)
            if solutions is None:
                solutions = [s for s in sp.solve_poly_system(basis.exprs, *symbols) or []
                             if all(c.is_real for c in s)]
            inside = [s for s in solutions if all(_strictly_inside(c) for c in s)]
    except _SolveTimeout:
        _skipped(f"the polynomial solve took over {max_seconds:g} s")
        return []
    except NotImplementedError as exc:
        _skipped(f"sympy could not solve the system ({exc})")
        return []
    return sorted(inside, key=lambda p: tuple(float(c) for c in p))


class InteriorRestPointWarning(UserWarning):
    """Interior rest points exist or may exist but were not enumerated (the reason says why)."""


def _skipped(reason: str) -> None:
    # a skipped search must be visible: the returned tuple alone would read as "no interior point"
    warnings.warn(
        f"interior rest points not enumerated: {reason}", InteriorRestPointWarning, stacklevel=4
    )


def _strictly_inside(value: Any) -> bool:
    """0 < value < 1 for an exact real number; False when sympy cannot decide (a boundary value)."""
    try:
        return bool(value > 0) and bool(value < 1)
    except TypeError:
        return False


def _shape_solutions(basis: Sequence[Any], symbols: Sequence[Any]) -> list[tuple[Any, ...]] | None:
    """Real solutions of a lex Groebner basis in shape position, ``c_i x_i - f_i(x_k)`` and
    ``g(x_k)``.

    The generic case, solved by the real roots of ``g`` alone (``solve_poly_system``
    simplifies every branch and is ten times slower); None for other bases.
    """
    sp = _sympy()
    *others, last = symbols
    univariate = [e for e in basis if e.free_symbols <= {last}]
    if len(univariate) != 1 or len(basis) != len(symbols):
        return None
    forms = {}
    for e in basis:
        if e is univariate[0]:
            continue
        leading = [x for x in others if x in e.free_symbols]
        if len(leading) != 1:
            return None
        slope = sp.diff(e, leading[0])
        if not slope.is_Rational or slope == 0 or sp.diff(e, leading[0], 2) != 0:
            return None
        forms[leading[0]] = sp.expand(leading[0] - e / slope)
    if set(forms) != set(others):
        return None
    solutions = []
    for root in sp.Poly(univariate[0], last).real_roots():
        solutions.append(tuple(sp.expand(forms[x].subs(last, root)) for x in others) + (root,))
    return solutions


def _interior_eigenvalues(J: Any) -> tuple[Any, ...]:
    """Eigenvalues at an interior point: exact at a rational point, floats at an irrational one.

    A rational point has a rational characteristic polynomial, whose roots are exact
    (radicals or ``CRootOf``). An irrational point's has algebraic coefficients; its
    roots in radicals are Cardano expressions whose signs sympy decides slowly (about
    a second each), so they are computed in floats from the exact Jacobian and judged
    with the tolerance, like a float game's.
    """
    sp = _sympy()

    def ordered(roots: Sequence[Any]) -> tuple[Any, ...]:
        return tuple(sorted(roots, key=lambda v: (float(sp.re(v)), float(sp.im(v)))))

    if all(v.is_Rational for v in J):
        return ordered(J.charpoly().all_roots())
    values = np.linalg.eigvals(np.array(J.evalf(30), dtype=float))
    return tuple(sorted((complex(v) if abs(v.imag) > 0 else float(v.real) for v in values),
                        key=lambda v: (v.real, v.imag)))


def _negligible(value: Any, kind: str, tol: float) -> bool:
    """Zero exactly, or (float games, whose payoffs are sympy Floats here) within ``tol``."""
    return bool(abs(float(value)) <= tol) if kind == "float" else bool(value == 0)


def rest_points(game: Game, tol: float = DEFAULT_TOL) -> tuple[RestPoint, ...]:
    """The pure rest points of the replicator dynamics, and the mixed ones that can be solved
    exactly.

    Parameters
    ----------
    game
        Any game; exact and symbolic games are analysed exactly with sympy.
    tol
        Float games: tolerance on eigenvalue real parts, relative to the smallest
        payoff range of a player (eigenvalues are payoff differences, so the
        classification does not depend on the payoffs' units).

    Returns
    -------
    tuple of RestPoint
        Vertices in lexicographic profile order; then, for three or more populations
        with two strategies each and no free parameters, the isolated *face* points where
        two populations are mixed and the others pure (the interior point of the 2x2 game
        the two play with the others fixed), by mixed pair and then the others' profile;
        then the interior point of a 2x2 game when it lies strictly inside the unit
        square (symbolic games: when it exists as an isolated solution); then, for three
        or more two-strategy populations and no free parameters, the isolated interior
        points: the real solutions strictly inside the unit cube of the polynomial system
        "every payoff advantage is zero" (multilinear; solved exactly with a Groebner
        basis, float payoffs rationalised, irrational coordinates kept as exact sympy
        numbers), sorted by coordinates. A system with infinitely many solutions (e.g. a
        curve of rest points) or a solve longer than ``INTERIOR_SOLVE_SECONDS`` yields no
        interior points. Rest points with one mixed population (isolated only in
        degenerate games), interior points of games with more than two strategies and
        other mixed faces are not enumerated. The Jacobian is always the full one, so a
        face point's eigenvalues include the pure populations' payoff advantages; at an
        interior point of two-strategy populations it has a zero diagonal (trace 0), so
        such a point is never asymptotically stable (Weibull 1995, Thm 5.3).

    Examples
    --------
    A coordination game: both pure conventions are stable, the mixed point is a saddle.

    >>> g = Game.bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> [(" ".join(map(str, p.point)), p.classification) for p in rest_points(g)]
    [('1 1', 'asymptotically stable'), ('1 0', 'unstable'), ('0 1', 'unstable'),
     ('0 0', 'asymptotically stable'), ('1/3 1/3', 'saddle')]

    The same coordination between two populations beside a third whose advantage is
    always -1: on each face x3 = 1 and x3 = 0 the pair's indifference point (1/3, 1/3)
    is a rest point, with the 2x2 saddle pair +-x(1 - x) 3 = +-2/3 and the third
    population's eigenvalue (1 - 2 x3)(-1).

    >>> u = np.zeros((2, 2, 2, 3))
    >>> u[0, 0, :, 0], u[1, 1, :, 0], u[0, 0, :, 1], u[1, 1, :, 1] = 2, 1, 2, 1
    >>> u[:, :, 1, 2] = 1
    >>> face = [p for p in rest_points(Game(u).as_exact()) if p.location == "face"]
    >>> [(p.point, p.eigenvalues, p.classification) for p in face]
    [((Fraction(1, 3), Fraction(1, 3), Fraction(1, 1)), (-2/3, 2/3, 1), 'saddle'),
     ((Fraction(1, 3), Fraction(1, 3), Fraction(0, 1)), (-1, -2/3, 2/3), 'saddle')]

    Three populations chasing each other: adv1 = x2 - 1/2, adv2 = x3 - 1/3,
    adv3 = x1 - 1/4 vanish together only at (1/4, 1/2, 1/3). There the Jacobian is
    ``J_ij = x_i (1 - x_i) d adv_i / d x_j``: J12 = 3/16, J23 = 1/4, J31 = 2/9, the rest 0,
    so the eigenvalues are the cube roots of 3/16 * 1/4 * 2/9 = 1/96: one positive, two
    with real part -96**(-1/3)/2, a saddle.

    >>> u = np.zeros((2, 2, 2, 3), dtype=object)
    >>> u[0, 0, :, 0], u[0, 1, :, 0] = Fraction(1, 2), Fraction(-1, 2)    # adv1 = x2 - 1/2
    >>> u[:, 0, 0, 1], u[:, 0, 1, 1] = Fraction(2, 3), Fraction(-1, 3)    # adv2 = x3 - 1/3
    >>> u[0, :, 0, 2], u[1, :, 0, 2] = Fraction(3, 4), Fraction(-1, 4)    # adv3 = x1 - 1/4
    >>> [p] = [p for p in rest_points(Game(u).as_exact()) if p.location == "interior"]
    >>> p.point, p.classification
    ((Fraction(1, 4), Fraction(1, 2), Fraction(1, 3)), 'saddle')
    >>> p.eigenvalues[-1], p.eigenvalues[-1] ** 3
    (18**(1/3)/12, 1/96)

    References
    ----------
    Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59, 637-666.
    Weibull, J. W. (1995). *Evolutionary Game Theory*. MIT Press, Theorem 5.3.
    """
    sp = _sympy()
    symbols, J = _symbolic_jacobian(game)
    found: list[RestPoint] = []
    if game.kind == "float":
        # relative to the smallest player's payoff range: a slow population's eigenvalues are its
        # own payoff differences, however large another player's payoffs are
        unit = _unit_game(game)
        tol = tol * unit.scale * min((v for v in unit.speeds if v > 0), default=1.0)

    def analyse(point: tuple[Any, ...], location: Location, profile: tuple[int, ...] | None,
                exact_eigenvalues: tuple[Any, ...] | None = None, at: Any = None) -> None:
        if at is None:
            at = J.subs(dict(zip(symbols, point))).applyfunc(sp.cancel)
        jac: Any = np.array(at.evalf(), dtype=float) if game.kind == "float" else at
        eigenvalues = (
            _eigenvalues(jac)
            if exact_eigenvalues is None or game.kind == "float"
            else exact_eigenvalues
        )
        label = classify(eigenvalues, tol)
        if location != "vertex" and game.n_players > 1 and label == "asymptotically stable":
            # impossible in exact arithmetic (Selten 1980); only float round-off gets here
            label = "inconclusive"
        found.append(
            RestPoint(
                tuple(_to_point_value(c, game.kind) for c in point),
                location,
                jac,
                eigenvalues,
                label,
                profile,
            )
        )

    for profile in game.pure_profiles():
        analyse(tuple(sp.Integer(c) for c in _vertex_state(game.shape, profile)), "vertex", profile)
    for point, eigenvalues in _face_points(game, tol):
        analyse(point, "face", None, eigenvalues)
    if game.shape == (2, 2):
        interior = _interior_2x2(game)
        if interior is not None:
            analyse(interior, "interior", None)
    for point in _interior_points(game):
        # J is polynomial in the state: expand suffices (cancel is 10x slower on radicals)
        at = J.subs(dict(zip(symbols, point))).applyfunc(sp.expand)
        analyse(
            point, "interior", None, None if game.kind == "float" else _interior_eigenvalues(at), at
        )
    return tuple(found)


def stability_conditions(game: Game) -> dict[tuple[str, ...], tuple[Any, ...]]:
    """For each pure profile, the inequalities under which it is asymptotically stable.

    The conditions say that every eigenvalue of the Jacobian at the vertex is
    negative (for two strategies per population: each population's payoff
    advantage of switching away from its vertex strategy is negative, i.e. the
    profile is a strict Nash equilibrium).

    Returns
    -------
    dict
        Strategy names of the profile -> tuple of sympy relationals (all must hold).

    Examples
    --------
    >>> g = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]])
    >>> stability_conditions(g)[("1", "1")]
    (R - T > 0, R - T > 0)
    """
    sp = _sympy()
    symbols, J = _symbolic_jacobian(game.as_symbolic())
    conditions: dict[tuple[str, ...], tuple[Any, ...]] = {}
    for profile in game.pure_profiles():
        point = _vertex_state(game.shape, profile)
        at = J.subs(dict(zip(symbols, point))).applyfunc(sp.cancel)
        relations = []
        for ev in at.eigenvals(multiple=True):
            # -ev > 0 reads as "advantage of staying > 0", the form papers print
            relation = sp.expand(-ev) > 0
            relations.append(relation)
        names = tuple(game.strategies[i][s] for i, s in enumerate(profile))
        conditions[names] = tuple(relations)
    return conditions


def _sign_label(value: Any) -> str:
    """'+', '-', '0' or '?' (depends on parameters) for a det or trace entry."""
    if isinstance(value, (float, np.floating)):
        s = _sign(float(value), DEFAULT_TOL)
    else:
        s = _sign(_sympy().simplify(value), DEFAULT_TOL)
    return {None: "?", -1: "-", 0: "0", 1: "+"}[s]


def stability_table(game: Game, tol: float = DEFAULT_TOL) -> list[dict[str, Any]]:
    """Friedman's det/trace table: one row per rest point, as the literature prints it.

    Each row has the ``point``, ``det`` and ``trace`` of the Jacobian (exact or
    symbolic where the game is), their signs (``"+"``, ``"-"``, ``"0"`` or ``"?"``),
    the ``eigenvalues`` and the ``result`` (the classification of
    :func:`rest_points`). For two populations, det > 0 and trace < 0 is
    asymptotic stability; det < 0 is a saddle.

    Examples
    --------
    >>> g = Game.bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> [(row["det"], row["trace"], row["result"]) for row in stability_table(g)][:2]
    [(4, -4, 'asymptotically stable'), (2, 3, 'unstable')]

    References
    ----------
    Friedman, D. (1991). Evolutionary games in economics. *Econometrica* 59, 637-666.
    """
    rows = []
    for p in rest_points(game, tol):
        if isinstance(p.jacobian, np.ndarray):
            det, trace = float(np.linalg.det(p.jacobian)), float(np.trace(p.jacobian))
        else:
            det, trace = _sympy().factor(p.jacobian.det()), _sympy().factor(p.jacobian.trace())
        rows.append({
            "point": p.point, "location": p.location, "det": det, "det_sign": _sign_label(det),
            "trace": trace, "trace_sign": _sign_label(trace), "eigenvalues": p.eigenvalues,
            "result": p.classification,
        })
    return rows


def stability_table_latex(game: Game, tol: float = DEFAULT_TOL) -> str:
    """The det/trace table of :func:`stability_table` as a LaTeX ``tabular``.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> print(stability_table_latex(pd))
    \\begin{tabular}{lllll}
    \\toprule
    Rest point & $\\det J$ & $\\operatorname{tr} J$ & Eigenvalues & Result \\\\
    \\midrule
    $(1, 1)$ & $4$ (+) & $4$ (+) & $2, 2$ & unstable \\\\
    $(1, 0)$ & $-2$ (-) & $-1$ (-) & $1, -2$ & saddle \\\\
    $(0, 1)$ & $-2$ (-) & $-1$ (-) & $-2, 1$ & saddle \\\\
    $(0, 0)$ & $1$ (+) & $-2$ (-) & $-1, -1$ & asymptotically stable \\\\
    \\bottomrule
    \\end{tabular}
    """
    def tex(value: Any) -> str:
        return display_number(value, latex=True)

    rows = []
    for row in stability_table(game, tol):
        point = ", ".join(tex(c) for c in row["point"])
        eigen = ", ".join(tex(e) for e in row["eigenvalues"])
        rows.append(
            [
                Latex(f"$({point})$"),
                Latex(f"${tex(row['det'])}$ ({row['det_sign']})"),
                Latex(f"${tex(row['trace'])}$ ({row['trace_sign']})"),
                Latex(f"${eigen}$"),
                row["result"],
            ]
        )
    header = [
        "Rest point",
        Latex(r"$\det J$"),
        Latex(r"$\operatorname{tr} J$"),
        "Eigenvalues",
        "Result",
    ]
    return render_table(header, rows, "latex")
