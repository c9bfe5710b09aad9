"""Exact solving for :func:`~coopgame.equilibria.polynomial_enumeration` (step 4 and the
reductions of step 6 of :mod:`coopgame.equilibria._polynomial`): the indifference
equations over the rationals, Gauss-Jordan elimination for linear systems, Groebner bases
(F5B, then FGLM to lex) and back substitution for polynomial ones, and the reduction of
tied systems to the branches that can hold isolated points."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._exact_linalg import solve_with_dimension
from coopgame.equilibria._poly_supports import Profile, Support

#: Precision (decimal digits) used to decide the sign of algebraic numbers.
SIGN_DIGITS = 50
#: An algebraic value whose 50-digit approximation is smaller than this counts as zero.
ZERO = 1e-30
#: A subdivision that runs out of boxes falls back on a Groebner basis only up to this
#: many unknowns (three or more players mixing).
_EXACT_UNKNOWNS = 6


# ---------------------------------------------------------------- step 4: exact solving
def solve_exactly(payoffs: np.ndarray, support: Support,
                  tied: Support | None = None) -> tuple[list[Profile], int]:
    """The real solutions of the indifference system of ``support`` and the dimension
    of its solution set (0 when isolated; then the solutions are listed).

    ``tied``: each player's strategies (a superset of its support) that must pay as much
    as its support strategies; by default the support itself."""
    tied = support if tied is None else tied
    R, names, equations = _tied_equations(payoffs, support, tied)
    if not equations:
        return [], len(names)
    if is_linear(support, tied):
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


def reduced_tied_system(payoffs: np.ndarray, support: Support, tied: Support) -> list[_Reduced]:
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


def solve_branches(payoffs: np.ndarray, support: Support,
                   branches: list[_Reduced]) -> tuple[list[Profile], int]:
    """The real solutions of reduced branches without free unknowns, and the largest
    dimension among the branches whose isolated points could not all be listed (0 when
    every branch, or its singular part, is zero-dimensional)."""
    solutions: list[Profile] = []
    dimension = 0
    for branch in branches:
        points, branch_dimension = _solve_reduced(payoffs, support, branch)
        if branch_dimension > 0:
            # its isolated points are singular points (see _singular_points)
            points, branch_dimension = _singular_points(payoffs, support, branch)
        solutions.extend(points)
        dimension = max(dimension, branch_dimension)
    return solutions, dimension


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
    """:func:`solve_exactly` for a reduced tied system (its real solutions where it is
    zero-dimensional, else the dimension)."""
    points, dimension = _solve_groebner(reduced.equations + reduced.eliminations, reduced.R)
    if dimension > 0:
        return [], dimension
    shape = payoffs.shape[:-1]
    return [_profile_from_values(shape, support, dict(zip(reduced.names, point))) for point in points], 0


def is_linear(support: Support, tied: Support) -> bool:
    """Each player's equations are multilinear in its opponents' unknowns: linear when
    every player with equations (two or more tied strategies) has at most one mixing
    opponent."""
    mixing = {i for i, s in enumerate(support) if len(s) > 1}
    return all(len(mixing - {i}) <= 1 for i, t in enumerate(tied) if len(t) > 1)


def cheap_exactly(support: Support, tied: Support | None = None) -> bool:
    """Linear systems, and polynomial ones in at most six unknowns, are solved exactly
    in well under a second for small payoffs; larger Groebner bases can take minutes."""
    mixing = [len(s) - 1 for s in support if len(s) > 1]
    return is_linear(support, support if tied is None else tied) or sum(mixing) <= _EXACT_UNKNOWNS


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
    """The real points of a zero-dimensional lex basis (sympy expressions ``polys``) that
    extend the values ``known``, solving for the variables from the last one back."""
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
    """The greatest common divisor of polynomials in ``var`` alone (rational or algebraic
    coefficients), or None when it is constant: no common root. Over an extension sympy
    cannot work in, the first polynomial stands in for the gcd (its roots include the
    common ones)."""
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
        """The degree of the polynomial."""
        return int(self.poly.degree())

    def real_roots(self) -> list[Any]:
        """The real roots, exactly (ArithmeticError when sympy cannot solve it in radicals)."""
        import sympy

        roots = sympy.roots(self.poly, filter=None)
        if sum(roots.values()) != self.poly.degree():
            raise ArithmeticError(f"cannot solve {self.poly.as_expr()} = 0 exactly")
        return [r for r in roots if _is_real(r)]


def _is_real(value: Any) -> bool:
    """Whether an algebraic number is real (its imaginary part vanishes at 50 digits)."""
    return abs(complex(value.evalf(SIGN_DIGITS)).imag) < ZERO


def _is_zero(value: Any) -> bool:
    """Whether a rational or algebraic number is zero (the latter at 50 digits)."""
    if getattr(value, "is_Rational", False):
        return bool(value == 0)
    return abs(complex(value.evalf(SIGN_DIGITS))) < ZERO


def _profile_from_values(shape: Sequence[int], support: Support, values: dict[str, Any]) -> Profile:
    """The mixed profile with the unknowns ``p{i}_{k}`` at ``values`` (each player's last
    support strategy gets the rest of the probability)."""
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
    """A rational as it is, an algebraic number with expanded, rationalized radicals."""
    import sympy

    value = sympy.sympify(value)
    if value.is_Rational:
        return value
    return sympy.radsimp(sympy.expand(value))

