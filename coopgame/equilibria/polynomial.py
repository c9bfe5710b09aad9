"""All isolated Nash equilibria of an n-player game: support enumeration plus polynomial solving.

The method of Gambit's ``enumpoly`` (McKelvey and McLennan 1996, "Computation of
equilibria in finite games", *Handbook of Computational Economics* I, sec. 6;
Turocy, Gambit documentation, "gambit-enumpoly"):

1. enumerate the support profiles ``(S_1, ..., S_n)``, skipping those that cannot carry
   an isolated equilibrium: a player mixes only if some opponent mixes (otherwise the
   mixing player's indifference leaves a segment of equilibria, whose endpoints are
   found on smaller supports), and no support strategy may be strictly dominated
   against the opponents' supports;
2. write the indifference system: each player's payoff is equal on all its support
   strategies, probabilities on a support sum to one, and are zero off it;
3. solve it exactly: a lex Groebner basis over the rationals (Buchberger 1965; Cox,
   Little and O'Shea, *Ideals, Varieties, and Algorithms*, ch. 3) gives the solutions
   by back substitution (rational ones as Fractions, irrational ones as sympy algebraic
   numbers); a basis of positive dimension means the equilibria there are not isolated;
4. keep the real solutions that are strictly positive on the support and that no
   strategy off the support improves upon.

Float mode solves the same exact system (floats read as the decimals they print as)
and reports the solutions as floats, so it finds every isolated equilibrium too.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame.equilibria.certificate import certified_equilibrium
from coopgame.equilibria.result import Equilibrium, NashResult, sorted_equilibria
from coopgame.game import Game, GameError
from coopgame.numbers import DEFAULT_TOL

__all__ = ["polynomial_enumeration", "PolynomialSolveError"]

#: Precision (decimal digits) used to decide the sign of algebraic numbers.
_SIGN_DIGITS = 50
#: An algebraic value whose 50-digit approximation is smaller than this counts as zero.
_ZERO = 1e-30

Support = tuple[tuple[int, ...], ...]


class PolynomialSolveError(ValueError):
    """Arguments that :func:`polynomial_enumeration` cannot work with."""


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
        ``CRootOf``) for irrational ones. Default: exact iff the game is exact. The
        polynomial systems are always solved exactly; float mode only reports floats.
    tol
        Float mode: the largest regret accepted. Also the tolerance of the float
        certificate of irrational equilibria.
    max_seconds
        Stop after this much wall-clock time (``None``: no limit); the result then has
        ``complete=False`` and a note.

    Returns
    -------
    NashResult
        ``method="polynomial"``. ``complete`` is False when some support carries a set of
        equilibria of positive dimension (a note names the support; ``degenerate`` is
        then True) or when time ran out. Otherwise ``equilibria`` are all the isolated
        equilibria and ``degenerate`` is None (the method does not test degeneracy).

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
    """
    _check_arguments(game, tol, max_seconds)
    if exact is None:
        exact = game.kind == "exact"
    exact_game = game.as_exact()
    payoffs = exact_game.payoffs
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    found: list[Equilibrium] = []
    notes: list[str] = []
    degenerate: bool | None = None
    complete = True
    for support in _candidate_supports(payoffs):
        if deadline is not None and time.monotonic() > deadline:
            complete = False
            notes.append(f"stopped after max_seconds={max_seconds}: not every support was examined")
            break
        solutions, dimension = _solve_support(payoffs, support)
        if dimension > 0:
            complete = False
            degenerate = True
            notes.append(
                f"equilibria of support {_support_text(game, support)} are not isolated: "
                f"the indifference equations there have a solution set of dimension {dimension}"
            )
            continue
        for profile in solutions:
            if _is_equilibrium(payoffs, support, profile, tol):
                found.append(_certify(game, exact_game, profile, exact, tol))
    return NashResult(
        game=game,
        method="polynomial",
        exact=bool(exact),
        degenerate=degenerate,
        equilibria=sorted_equilibria(found),
        complete=complete,
        notes=tuple(dict.fromkeys(notes)),
        parameters={"tol": tol, "max_seconds": max_seconds},
    )


# ---------------------------------------------------------------- arguments
def _check_arguments(game: Game, tol: float, max_seconds: float | None) -> None:
    if not isinstance(game, Game):
        raise GameError(f"expected a coopgame.Game, got {type(game).__name__}")
    if game.kind == "symbolic" and game.parameters:
        raise GameError(
            f"the game has free parameters {sorted(map(str, game.parameters))}: substitute values first"
        )
    if not (isinstance(tol, (int, float)) and math.isfinite(tol) and tol > 0):
        raise PolynomialSolveError(f"tol must be a positive number, got {tol!r}")
    if max_seconds is not None and not (
        isinstance(max_seconds, (int, float)) and not math.isnan(max_seconds) and max_seconds > 0
    ):
        raise PolynomialSolveError(f"max_seconds must be a positive number or None, got {max_seconds!r}")


def _support_text(game: Game, support: Support) -> str:
    return "(" + "; ".join(
        f"{player}: {{{', '.join(game.strategies[i][k] for k in s)}}}"
        for i, (player, s) in enumerate(zip(game.players, support))
    ) + ")"


# ---------------------------------------------------------------- step 1: supports
def _candidate_supports(payoffs: np.ndarray) -> Iterator[Support]:
    """Support profiles that can carry an isolated equilibrium, smallest first."""
    shape = payoffs.shape[:-1]
    per_player = [
        [s for size in range(1, n + 1) for s in itertools.combinations(range(n), size)] for n in shape
    ]
    profiles = sorted(itertools.product(*per_player), key=lambda sup: sum(len(s) for s in sup))
    for support in profiles:
        if _someone_mixes_alone(support):
            continue
        if _has_dominated_strategy(payoffs, support):
            continue
        yield support


def _someone_mixes_alone(support: Support) -> bool:
    """A player mixes while every opponent plays pure: no isolated equilibrium there."""
    mixing = [len(s) > 1 for s in support]
    return sum(mixing) == 1


def _has_dominated_strategy(payoffs: np.ndarray, support: Support) -> bool:
    """Some support strategy is strictly worse than another strategy against every
    pure profile of the opponents' supports, so it cannot be a best response."""
    for i, own in enumerate(support):
        if len(own) == 1 and all(len(s) == 1 for j, s in enumerate(support) if j != i):
            continue  # checked by the final deviation test
        table = np.moveaxis(_restricted(payoffs, support, i), i, 0)
        rows = table.reshape(table.shape[0], -1)
        for s in own:
            for t in range(rows.shape[0]):
                if t != s and all(a > b for a, b in zip(rows[t], rows[s])):
                    return True
    return False


def _restricted(payoffs: np.ndarray, support: Support, player: int) -> np.ndarray:
    """``player``'s payoffs with the opponents restricted to their supports."""
    axes = [np.arange(n) if j == player else np.asarray(s) for j, (n, s) in
            enumerate(zip(payoffs.shape[:-1], support))]
    return payoffs[..., player][np.ix_(*axes)]


# ---------------------------------------------------------------- steps 2-3: solve
def _solve_support(payoffs: np.ndarray, support: Support) -> tuple[list[tuple[tuple[Any, ...], ...]], int]:
    """The real solutions of the indifference system of ``support`` and the dimension
    of its solution set (0 when isolated; then the solutions are listed)."""
    from sympy import QQ
    from sympy.polys.groebnertools import groebner
    from sympy.polys.orderings import lex
    from sympy.polys.rings import ring

    names = [f"p{i}_{k}" for i, s in enumerate(support) if len(s) > 1 for k in s[:-1]]
    if not names:
        return [_pure_profile(payoffs.shape[:-1], support)], 0
    R, *gens = ring(names, QQ, lex)
    gens_iter = iter(gens)
    # each player's probability of each support strategy, as a polynomial in the unknowns
    probabilities: list[list[Any]] = []
    for s in support:
        if len(s) == 1:
            probabilities.append([R.one])
        else:
            own = [next(gens_iter) for _ in s[:-1]]
            probabilities.append([*own, R.one - sum(own, R.zero)])
    equations = _indifference_equations(R, payoffs, support, probabilities)
    equations = [e for e in equations if e != 0]
    if not equations:
        return [], len(names)
    basis = groebner(equations, R)
    if len(basis) == 1 and basis[0].is_ground:
        return [], 0  # inconsistent: no solution at all
    dimension = _dimension(basis, len(gens))
    if dimension > 0:
        return [], dimension
    points = _real_points(basis, R)
    profiles = []
    for point in points:
        values = dict(zip(names, point))
        profiles.append(_profile_from_values(payoffs.shape[:-1], support, values))
    return profiles, 0


def _pure_profile(shape: Sequence[int], support: Support) -> tuple[tuple[Any, ...], ...]:
    import sympy

    return tuple(tuple(sympy.Integer(int(k == s[0])) for k in range(n)) for n, s in zip(shape, support))


def _indifference_equations(R: Any, payoffs: np.ndarray, support: Support,
                            probabilities: list[list[Any]]) -> list[Any]:
    """For each mixing player: payoff of each support strategy minus that of the first."""
    from sympy import QQ

    equations: list[Any] = []
    for i, own in enumerate(support):
        if len(own) == 1:
            continue
        opponents = [j for j in range(len(support)) if j != i]
        values = []
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
            values.append(total)
        equations.extend(v - values[0] for v in values[1:])
    return equations


def _dimension(basis: list[Any], n_vars: int) -> int:
    """Krull dimension of the ideal from the leading monomials of a Groebner basis:
    the size of the largest set of variables no leading monomial lies entirely in
    (Cox, Little and O'Shea, ch. 9, sec. 3)."""
    leads = [g.LM for g in basis]
    supports = [frozenset(k for k, e in enumerate(m) if e) for m in leads]
    for size in range(n_vars, 0, -1):
        for subset in itertools.combinations(range(n_vars), size):
            chosen = frozenset(subset)
            if not any(s <= chosen for s in supports):
                return size
    return 0


def _real_points(basis: list[Any], R: Any) -> list[tuple[Any, ...]]:
    """All real points of a zero-dimensional lex Groebner basis, by back substitution
    from the last variable (the basis is triangular in lex order)."""
    import sympy

    symbols = [sympy.Symbol(str(g)) for g in R.gens]
    polys = [g.as_expr(*symbols) for g in basis]
    return _back_substitute(polys, symbols, {})


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


def _profile_from_values(shape: Sequence[int], support: Support,
                         values: dict[str, Any]) -> tuple[tuple[Any, ...], ...]:
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
            vec[s[-1]] = _simplify(1 - sum(own))
        profile.append(tuple(_simplify(v) for v in vec))
    return tuple(profile)


def _simplify(value: Any) -> Any:
    import sympy

    value = sympy.sympify(value)
    if value.is_Rational:
        return value
    return sympy.radsimp(sympy.expand(value))


# ---------------------------------------------------------------- step 4: check
def _is_equilibrium(payoffs: np.ndarray, support: Support, profile: tuple[tuple[Any, ...], ...],
                    tol: float) -> bool:
    """Strictly positive on the support and no better strategy off it."""
    for s, vec in zip(support, profile):
        for k in s:
            if not _positive(vec[k]):
                return False
    if all(v.is_Rational for vec in profile for v in vec):
        rational = [np.array([Fraction(int(v.p), int(v.q)) for v in vec], dtype=object) for vec in profile]
        return _max_regret(payoffs, rational) == 0
    floats = [np.array([float(v.evalf(_SIGN_DIGITS)) for v in vec]) for vec in profile]
    return bool(_max_regret(payoffs.astype(float), floats) <= tol)


def _positive(value: Any) -> bool:
    if value.is_Rational:
        return bool(value > 0)
    return float(value.evalf(_SIGN_DIGITS)) > _ZERO


def _max_regret(payoffs: np.ndarray, profile: Sequence[np.ndarray]) -> Any:
    worst: Any = 0
    n = len(profile)
    for i in range(n):
        arr = payoffs[..., i]
        for j in reversed(range(n)):
            if j != i:
                arr = np.tensordot(arr, profile[j], axes=([j], [0]))
        values = np.asarray(arr)
        worst = max(worst, max(values) - sum(values * profile[i]))
    return worst


def _certify(game: Game, exact_game: Game, profile: tuple[tuple[Any, ...], ...], exact: bool,
             tol: float) -> Equilibrium:
    if not exact:
        floats = [[float(v.evalf(_SIGN_DIGITS)) for v in vec] for vec in profile]
        return certified_equilibrium(game.as_float(), floats, False, tol)
    if all(v.is_Rational for vec in profile for v in vec):
        rational = [[Fraction(int(v.p), int(v.q)) for v in vec] for vec in profile]
        return certified_equilibrium(exact_game, rational, True, tol)
    return certified_equilibrium(exact_game, profile, True, tol)
