"""Symbolic equilibrium conditions: when is a pure profile a Nash equilibrium?

For a game whose payoffs contain parameters (a subsidy ``s``, a benefit share
``a``, costs ``C_s``, ...), :func:`equilibrium_conditions` gives, for every pure
profile, the sympy condition on the parameters under which the profile is a Nash
equilibrium, and under which it is a strict one. A profile ``s`` is a Nash
equilibrium iff no player gains by a unilateral deviation (Nash 1951; Osborne and
Rubinstein 1994, Def. 14.1):

.. math:: u_i(s) \\ge u_i(s_i', s_{-i}) \\quad \\text{for every player } i
          \\text{ and strategy } s_i' \\ne s_i,

and a strict equilibrium when every inequality is strict (Harsanyi 1973). Each
inequality is written in a readable form: the payoff difference is cancelled and
factored, factors of known sign are divided out, and the positive terms are put
on the left and the negative ones on the right (``R >= T``; ``s >= 3/2`` for a
single parameter).

For 2x2 games the completely mixed equilibrium has a closed form (Gibbons 1992,
Sec. 1.3.A): the column player's probability ``q`` of its first strategy makes the
row player indifferent, and the row player's ``p`` makes the column player
indifferent.

Parameters are real numbers. Assumptions such as ``C_s > 0`` are used to decide
signs (old-style sympy assumptions for sign conditions on a single parameter,
:func:`sympy.ask` for the others) and are recorded with the result: the conditions
are valid only where the assumptions hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import sympy as sp
from sympy.logic.boolalg import Boolean

from coopgame._assumptions import (
    AssumptionError,
    _build_context,
    _check_assumptions,
    _Context,
    _decide,
    _value_mapping,
)
from coopgame._format import Latex, render_table
from coopgame.equilibria._certificate import strategy_payoffs
from coopgame.game import Game, GameError
from coopgame.numbers import to_exact, to_symbolic

if TYPE_CHECKING:
    import pandas

__all__ = [
    "AssumptionError",
    "ConditionsResult",
    "MixedEquilibrium2x2",
    "ProfileCondition",
    "equilibrium_conditions",
]


# ---------------------------------------------------------------- result types


@dataclass(frozen=True)
class ProfileCondition:
    """The conditions under which one pure profile is a (strict) Nash equilibrium.

    Attributes
    ----------
    profile
        The strategy name of each player.
    nash
        Condition on the parameters for a Nash equilibrium (``true``/``false`` when
        it does not depend on them).
    strict
        Condition for a strict Nash equilibrium (every deviation strictly worse).
    assumptions
        The assumptions the conditions were simplified under.
    parameters
        The game's parameters, to reject values for unknown names (None: not checked).
    """

    profile: tuple[str, ...]
    nash: Boolean
    strict: Boolean
    assumptions: tuple[Boolean, ...] = ()
    parameters: frozenset[Any] | None = None

    def holds(self, values: Mapping[Any, Any] | None = None, *, strict: bool = False) -> bool:
        """Whether the profile is a (strict) equilibrium at the given parameter values.

        Values are substituted exactly (floats as the decimals they print as).

        Raises
        ------
        GameError
            A value for an unknown parameter, or no value for a parameter the
            condition depends on.
        AssumptionError
            The values violate one of :attr:`assumptions`.

        Examples
        --------
        >>> from coopgame import Game
        >>> from coopgame.equilibria import equilibrium_conditions
        >>> pd = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]])
        >>> cc = equilibrium_conditions(pd).condition((0, 0))
        >>> cc.holds({"R": 3, "S": 0, "T": 5, "P": 1}), cc.holds({"R": 3, "S": 0, "T": 3, "P": 1})
        (False, True)
        >>> cc.holds({"R": 3, "S": 0, "T": 3, "P": 1}, strict=True)
        False
        """
        mapping = _value_mapping(values or {}, self.parameters)
        _check_assumptions(self.assumptions, mapping)
        kind = "strict equilibrium" if strict else "equilibrium"
        return _decide(self.strict if strict else self.nash, mapping, f"{kind} at {self.profile}")


@dataclass(frozen=True)
class MixedEquilibrium2x2:
    """The closed-form completely mixed equilibrium of a 2x2 game.

    Attributes
    ----------
    probabilities
        ``(p, q)``: the probability of the row player's and of the column player's
        first strategy. ``q`` makes the row player indifferent, ``p`` the column player.
    payoffs
        The row and column player's expected payoffs at ``(p, q)``.
    exists
        Condition under which ``(p, q)`` is a completely mixed equilibrium:
        ``0 < p < 1`` and ``0 < q < 1`` written as inequalities on the payoffs
        (which also excludes vanishing denominators).
    assumptions
        The assumptions the expressions were simplified under.
    parameters
        The game's parameters.

    Notes
    -----
    At parameter values where a player is indifferent between both strategies
    whatever the other does, completely mixed equilibria form a continuum that
    this closed form does not describe (``exists`` is false there).
    """

    probabilities: tuple[Any, Any]
    payoffs: tuple[Any, Any]
    exists: Boolean
    assumptions: tuple[Boolean, ...] = ()
    parameters: frozenset[Any] | None = None

    def profile_at(self, values: Mapping[Any, Any] | None = None) -> tuple[tuple[Any, Any], tuple[Any, Any]] | None:
        """The exact mixed profile at the given values, or None where it does not exist.

        Examples
        --------
        >>> from coopgame import Game
        >>> from coopgame.equilibria import equilibrium_conditions
        >>> bos = Game.bimatrix([[2, 0], [0, "x"]], [[1, 0], [0, 2]])
        >>> equilibrium_conditions(bos).mixed.profile_at({"x": 1})
        ((Fraction(2, 3), Fraction(1, 3)), (Fraction(1, 3), Fraction(2, 3)))
        >>> equilibrium_conditions(bos).mixed.profile_at({"x": -1}) is None
        True
        """
        mapping = _value_mapping(values or {}, self.parameters)
        _check_assumptions(self.assumptions, mapping)
        if not _decide(self.exists, mapping, "existence of the mixed equilibrium"):
            return None
        p, q = (sp.sympify(x).xreplace(mapping) for x in self.probabilities)
        free = sorted(map(str, p.free_symbols | q.free_symbols))
        if free:
            raise GameError(f"cannot evaluate the mixed equilibrium: no value given for {free}")
        return (_exact_number(p), 1 - _exact_number(p)), (_exact_number(q), 1 - _exact_number(q))


def _exact_number(value: Any) -> Any:
    """A Fraction for a rational sympy number; the sympy number itself otherwise."""
    value = sp.nsimplify(value) if value.is_Float else value
    return Fraction(int(value.p), int(value.q)) if value.is_Rational else value


@dataclass(frozen=True)
class ConditionsResult:
    """The equilibrium conditions of every pure profile (and the 2x2 mixed equilibrium).

    Attributes
    ----------
    game
        The analysed game, with exact payoffs (floats read as the decimals they print as).
    profiles
        One :class:`ProfileCondition` per pure profile, in lexicographic order.
    mixed
        The completely mixed equilibrium of a 2x2 game; None for other games and
        for 2x2 games where a player's indifference does not pin down the
        other's probability (see :attr:`notes`).
    assumptions
        The assumptions used for simplification.
    notes
        Plain-language remarks.
    """

    game: Game
    profiles: tuple[ProfileCondition, ...]
    mixed: MixedEquilibrium2x2 | None
    assumptions: tuple[Boolean, ...] = ()
    notes: tuple[str, ...] = ()

    def condition(self, profile: Sequence[int | str] | Mapping[str, int | str]) -> ProfileCondition:
        """The condition of one pure profile, given by strategy names or indices.

        Raises
        ------
        GameError
            Unknown player or strategy names, or a profile of the wrong length.

        Examples
        --------
        >>> from coopgame import Game
        >>> from coopgame.equilibria import equilibrium_conditions
        >>> g = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]],
        ...                   strategies=[["C", "D"], ["C", "D"]])
        >>> equilibrium_conditions(g).condition(("D", "D")).nash
        P >= S
        >>> equilibrium_conditions(g).condition(("D", "X"))
        Traceback (most recent call last):
        ...
        coopgame.game.GameError: unknown strategy 'X' of player 'Player 2'; strategies are ['C', 'D']
        """
        index = self.game.profile_index(profile)
        position = int(np.ravel_multi_index(index, self.game.shape))
        return self.profiles[position]

    def equilibria_at(self, values: Mapping[Any, Any] | None = None, *, strict: bool = False) -> tuple[tuple[str, ...], ...]:
        """The pure profiles that are (strict) equilibria at the given parameter values.

        Examples
        --------
        >>> from coopgame import Game
        >>> from coopgame.equilibria import equilibrium_conditions
        >>> g = Game.bimatrix([["R", 0], [5, 1]], [["R", 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
        >>> equilibrium_conditions(g).equilibria_at({"R": 6})
        (('C', 'C'), ('D', 'D'))
        """
        return tuple(pc.profile for pc in self.profiles if pc.holds(values, strict=strict))

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per pure profile: each player's strategy, the Nash and the strict condition.

        Examples
        --------
        >>> from coopgame import Game
        >>> from coopgame.equilibria import equilibrium_conditions
        >>> g = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]])
        >>> equilibrium_conditions(g).to_dataframe()["nash"].tolist()
        [R >= T, (S >= P) & (T >= R), (S >= P) & (T >= R), P >= S]
        """
        import pandas as pd

        rows = []
        for pc in self.profiles:
            row: dict[str, Any] = dict(zip(self.game.players, pc.profile, strict=True))
            row["nash"] = pc.nash
            row["strict"] = pc.strict
            rows.append(row)
        return pd.DataFrame(rows, columns=[*self.game.players, "nash", "strict"])

    def to_latex(self) -> str:
        """A LaTeX tabular: profile, Nash condition, strict condition.

        Examples
        --------
        >>> from coopgame import Game
        >>> from coopgame.equilibria import equilibrium_conditions
        >>> g = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]],
        ...                   strategies=[["C", "D"], ["C", "D"]])
        >>> print(equilibrium_conditions(g).to_latex())
        \\begin{tabular}{lll}
        \\toprule
        Profile & Nash condition & Strict condition \\\\
        \\midrule
        (C, C) & $R \\geq T$ & $R > T$ \\\\
        (C, D) & $S \\geq P \\wedge T \\geq R$ & $S > P \\wedge T > R$ \\\\
        (D, C) & $S \\geq P \\wedge T \\geq R$ & $S > P \\wedge T > R$ \\\\
        (D, D) & $P \\geq S$ & $P > S$ \\\\
        \\bottomrule
        \\end{tabular}
        """
        rows = [["(" + ", ".join(pc.profile) + ")", Latex(f"${sp.latex(pc.nash)}$"), Latex(f"${sp.latex(pc.strict)}$")]
                for pc in self.profiles]
        return render_table(["Profile", "Nash condition", "Strict condition"], rows, "latex")

    def __str__(self) -> str:
        header = ["profile", "Nash equilibrium iff", "strict iff"]
        rows = [["(" + ", ".join(pc.profile) + ")", str(pc.nash), str(pc.strict)] for pc in self.profiles]
        lines = render_table(header, rows).splitlines()
        if self.mixed is not None:
            p, q = self.mixed.probabilities
            if self.mixed.exists == sp.false:
                lines += ["", f"No completely mixed equilibrium: the indifference probabilities "
                              f"p = {p}, q = {q} are not both strictly between 0 and 1"]
            else:
                lines += ["", f"Completely mixed equilibrium: p = {p}, q = {q}",
                          "  (p, q: probability of each player's first strategy) exists iff "
                          f"{self.mixed.exists}"]
        if self.assumptions:
            lines += ["", "Assumptions: " + ", ".join(map(str, self.assumptions))]
        lines += [f"Note: {note}" for note in self.notes]
        return "\n".join(lines)


# ---------------------------------------------------------------- assumptions


def _canonical(expr: Any) -> Any:
    """A payoff difference with common denominators cancelled and common factors pulled out."""
    return sp.factor(sp.cancel(sp.expand(expr)))


def _nonnegativity(difference: Any, strict: bool, ctx: _Context) -> Any:
    """``difference >= 0`` (or ``> 0``) as a readable sympy relation, or true/false when decided."""
    d = _canonical(difference)
    if ctx.is_true(sp.Q.positive if strict else sp.Q.nonnegative, d):
        return sp.true
    if ctx.is_true(sp.Q.nonpositive if strict else sp.Q.negative, d):
        return sp.false
    kept, flipped = _drop_factors_of_known_sign(d, ctx)
    return _readable_relation(kept, strict, flipped)


def _drop_factors_of_known_sign(d: Any, ctx: _Context) -> tuple[Any, bool]:
    """Divide ``d`` by its factors of known strict sign: ``d >= 0`` iff ``kept >= 0`` (``<= 0`` if flipped)."""
    factors = sp.Mul.make_args(d)
    if len(factors) == 1:
        return d, False  # its own sign was already asked for
    kept, flipped = [], False
    for factor in factors:
        if ctx.is_true(sp.Q.positive, factor):
            continue
        if ctx.is_true(sp.Q.negative, factor):
            flipped = not flipped
            continue
        kept.append(factor)
    return sp.Mul(*kept), flipped


def _readable_relation(g: Any, strict: bool, flipped: bool) -> Any:
    """``g >= 0`` (``g <= 0`` when flipped) with positive terms left and negative terms right."""
    at_least, at_most = (sp.Gt, sp.Lt) if strict else (sp.Ge, sp.Le)
    if g.is_number:
        return at_most(g, 0) if flipped else at_least(g, 0)  # evaluates to true or false
    symbols = g.free_symbols
    if len(symbols) == 1 and g.is_polynomial() and sp.degree(g, *symbols) == 1:
        # a single parameter: solve for it (x >= 3/2 reads better than 2*x >= 3)
        x = next(iter(symbols))
        slope, intercept = sp.Poly(g, x).all_coeffs()
        bound = -intercept / slope
        is_lower_bound = bool(slope > 0) != flipped
        return at_least(x, bound) if is_lower_bound else at_most(x, bound)
    if not isinstance(g, sp.Add):
        return at_most(g, 0) if flipped else at_least(g, 0)
    g = _collect_shared_symbols(g)
    signed = [_sign_and_magnitude(t) for t in g.args]
    positive = sp.Add(*(m for is_negative, m in signed if not is_negative))
    negative = sp.Add(*(m for is_negative, m in signed if is_negative))
    big, small = (negative, positive) if flipped else (positive, negative)
    if big == 0:
        return at_most(small, 0)  # small <= 0 reads better than 0 >= small
    return at_least(big, small)


def _sign_and_magnitude(term: Any) -> tuple[bool, Any]:
    """``term = -magnitude`` or ``+magnitude``, with sums inside written with a positive
    constant: ``R*(a - 1)`` is ``-R*(1 - a)``, so it goes to the right-hand side."""
    coefficient, factors = term.as_coeff_mul()
    negative = bool(coefficient < 0)
    normalised = []
    for factor in factors:
        if isinstance(factor, sp.Add) and factor.as_coeff_Add()[0] < 0:
            factor, negative = -factor, not negative
        normalised.append(factor)
    return negative, sp.Mul(abs(coefficient), *normalised)


def _collect_shared_symbols(g: Any) -> Any:
    """Group the terms of a sum by parameters that occur in several of them:
    ``R - R*a - C`` becomes ``R*(1 - a) - C`` (the enterprise's share of ``R``)."""
    counts: dict[Any, int] = {}
    for term in g.args:
        for symbol in term.free_symbols:
            counts[symbol] = counts.get(symbol, 0) + 1
    shared = sorted((x for x, n in counts.items() if n > 1), key=str)
    if not shared:
        return g
    collected = sp.collect(g, shared)
    return collected if isinstance(collected, sp.Add) else g


def _tighten_single_bounds(relations: list[Any]) -> Any:
    """And of relations, with bounds on one parameter merged (x >= 1 and x > 2 gives x > 2)."""
    lower: dict[Any, tuple[Any, bool]] = {}
    upper: dict[Any, tuple[Any, bool]] = {}
    rest = []
    for rel in relations:
        bound = _as_bound(rel)
        if bound is None:
            rest.append(rel)
            continue
        x, value, strict, is_lower = bound
        table = lower if is_lower else upper
        current = table.get(x)
        if current is None:
            table[x] = (value, strict)
        elif (value > current[0]) if is_lower else (value < current[0]):
            table[x] = (value, strict)
        elif value == current[0]:
            table[x] = (value, strict or current[1])
    merged = []
    for x in sorted(set(lower) | set(upper), key=str):
        lo, hi = lower.get(x), upper.get(x)
        if lo is not None and hi is not None:
            if lo[0] > hi[0] or (lo[0] == hi[0] and (lo[1] or hi[1])):
                return sp.false
            if lo[0] == hi[0]:
                merged.append(sp.Eq(x, lo[0]))
                continue
        if lo is not None:
            merged.append((sp.Gt if lo[1] else sp.Ge)(x, lo[0]))
        if hi is not None:
            merged.append((sp.Lt if hi[1] else sp.Le)(x, hi[0]))
    return sp.And(*merged, *rest)


def _as_bound(rel: Any) -> tuple[Any, Any, bool, bool] | None:
    """``(x, value, strict, is_lower)`` for ``x >= value``-like relations; None otherwise."""
    if not isinstance(rel, (sp.Ge, sp.Gt, sp.Le, sp.Lt)):
        return None
    lhs, rhs = rel.lhs, rel.rhs
    if isinstance(lhs, sp.Symbol) and rhs.is_Rational:
        x, value, is_lower = lhs, rhs, isinstance(rel, (sp.Ge, sp.Gt))
    elif isinstance(rhs, sp.Symbol) and lhs.is_Rational:
        x, value, is_lower = rhs, lhs, isinstance(rel, (sp.Le, sp.Lt))
    else:
        return None
    return x, value, isinstance(rel, (sp.Gt, sp.Lt)), is_lower


# ---------------------------------------------------------------- pure profiles


def _pure_vectors(game: Game, profile: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    return tuple(np.array([int(k == s) for k in range(n)], dtype=object) for s, n in zip(profile, game.shape, strict=True))


def _deviation_gains(game: Game, profile: tuple[int, ...]) -> list[Any]:
    """``u_i(s) - u_i(s_i', s_-i)`` for every player ``i`` and every other strategy ``s_i'``."""
    vectors = _pure_vectors(game, profile)
    gains = []
    for i, own in enumerate(profile):
        # the same building block as the regret certificate, on a pure profile
        values = strategy_payoffs(game, vectors, i)
        gains += [values[own] - values[k] for k in range(game.shape[i]) if k != own]
    return gains


def _profile_condition(game: Game, profile: tuple[int, ...], ctx: _Context,
                       assumptions: tuple[Any, ...], parameters: frozenset[Any]) -> ProfileCondition:
    gains = _deviation_gains(game, profile)
    nash = _tighten_single_bounds([_nonnegativity(g, False, ctx) for g in gains])
    strict = _tighten_single_bounds([_nonnegativity(g, True, ctx) for g in gains])
    names = tuple(game.strategies[i][s] for i, s in enumerate(profile))
    return ProfileCondition(names, nash.xreplace(ctx.from_signed), strict.xreplace(ctx.from_signed),
                            assumptions, parameters)


# ---------------------------------------------------------------- 2x2 mixed equilibrium


def _indifference(own: Any) -> tuple[Any, Any]:
    """Numerator and denominator of the opponent's probability that makes a player indifferent.

    ``own[k, l]`` is the player's payoff from its strategy ``k`` against the
    opponent's strategy ``l``. With ``x`` the opponent's probability of ``l = 0``:
    ``x*own[0,0] + (1-x)*own[0,1] = x*own[1,0] + (1-x)*own[1,1]``.
    """
    numerator = sp.expand(own[1, 1] - own[0, 1])
    denominator = sp.expand(own[0, 0] - own[0, 1] - own[1, 0] + own[1, 1])
    return numerator, denominator


def _strictly_between_0_and_1(numerator: Any, denominator: Any, ctx: _Context) -> Any:
    """``0 < N/D < 1`` as inequalities: ``(N > 0 and D - N > 0) or (N < 0 and D - N < 0)``."""
    rest = denominator - numerator
    return sp.Or(
        _tighten_single_bounds([_nonnegativity(numerator, True, ctx), _nonnegativity(rest, True, ctx)]),
        _tighten_single_bounds([_nonnegativity(-numerator, True, ctx), _nonnegativity(-rest, True, ctx)]),
    )


def _simplified(expr: Any) -> Any:
    """A quotient in lowest terms, with the minus sign (if any) in the denominator only when
    the numerator would otherwise start with one: ``C/(R - B)`` rather than ``-C/(B - R)``."""
    numerator, denominator = sp.fraction(sp.factor(sp.cancel(expr)))
    if numerator.could_extract_minus_sign():
        numerator, denominator = -numerator, -denominator
    parts = [_collect_shared_symbols(x) if isinstance(x, sp.Add) else x for x in (numerator, denominator)]
    return parts[0] / parts[1]


def _mixed_2x2(game: Game, ctx: _Context, assumptions: tuple[Any, ...]) -> tuple[MixedEquilibrium2x2 | None, str]:
    A, B = (np.vectorize(lambda v: sp.sympify(v).xreplace(ctx.to_signed), otypes=[object])(m)
            for m in game.bimatrix_arrays())
    q_num, q_den = _indifference(A)      # the row player's indifference fixes q
    p_num, p_den = _indifference(B.T)    # the column player's fixes p
    for who, denominator in (("row", q_den), ("column", p_den)):
        if denominator == 0:
            return None, (f"no closed-form completely mixed equilibrium: the {who} player's payoff "
                          "difference between its strategies does not depend on the opponent's mix "
                          "(it has a weakly dominant strategy or is indifferent everywhere)")
    p, q = _simplified(p_num / p_den), _simplified(q_num / q_den)
    exists = sp.And(_strictly_between_0_and_1(p_num, p_den, ctx),
                    _strictly_between_0_and_1(q_num, q_den, ctx))
    payoffs = (_simplified(q * A[0, 0] + (1 - q) * A[0, 1]), _simplified(p * B[0, 0] + (1 - p) * B[1, 0]))
    back = ctx.from_signed
    return MixedEquilibrium2x2((p.xreplace(back), q.xreplace(back)),
                               (payoffs[0].xreplace(back), payoffs[1].xreplace(back)),
                               exists.xreplace(back), assumptions, game.parameters), ""


# ---------------------------------------------------------------- public function


def _exact_symbolic_game(game: Game) -> Game:
    """The game with sympy payoffs in which float numbers are read as the decimals they print as."""
    if game.kind == "float":
        game = game.as_exact()
    symbolic = game.as_symbolic()
    values = [*symbolic.payoffs.ravel(), *(m.amount for m in symbolic.modifications)]
    floats = {f for v in values for f in sp.sympify(v).atoms(sp.Float)}
    if not floats:
        return symbolic
    exact = {f: to_symbolic(to_exact(float(f))) for f in floats}
    return symbolic.map_values(lambda v: sp.sympify(v).xreplace(exact))


def equilibrium_conditions(game: Game, *, assumptions: Iterable[Any] = ()) -> ConditionsResult:
    """The conditions on the parameters under which each pure profile is a Nash equilibrium.

    Parameters
    ----------
    game
        A game with symbolic (or numeric) payoffs, any number of players.
        Floats are read as the decimals they print as, so every comparison is exact.
    assumptions
        sympy conditions on the parameters (``C > 0``, ``a < 1``, ``sympy.Q.positive(R)``)
        used to decide signs and simplify. They are recorded: the conditions are
        valid only where they hold.

    Returns
    -------
    ConditionsResult
        Per pure profile its Nash and strict-Nash condition; for 2x2 games the
        closed-form completely mixed equilibrium and when it exists.

    Raises
    ------
    GameError
        ``game`` is not a :class:`~coopgame.game.Game`.
    AssumptionError
        An assumption that is not a sympy condition on the game's parameters.

    References
    ----------
    Gibbons, R. (1992). *A Primer in Game Theory*, Sec. 1.1.C and 1.3.A.
    Osborne, M. J. and Rubinstein, A. (1994). *A Course in Game Theory*, Def. 14.1.

    Examples
    --------
    The Prisoner's Dilemma family ``A = [[R, S], [T, P]]``, ``B = A^T``:

    >>> import sympy
    >>> from coopgame import Game
    >>> from coopgame.equilibria import equilibrium_conditions
    >>> g = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]],
    ...                   strategies=[["C", "D"], ["C", "D"]])
    >>> res = equilibrium_conditions(g)
    >>> res.condition(("C", "C")).nash, res.condition(("C", "C")).strict
    (R >= T, R > T)
    >>> res.mixed.probabilities
    ((P - S)/(P + R - S - T), (P - S)/(P + R - S - T))

    A gain ``c*s`` from cooperating against ``c`` from defecting: with ``c > 0`` the
    factor ``c`` is divided out.

    >>> h = Game.bimatrix([["c*s", 0], ["c", 1]], [["c*s", "c"], [0, 1]])
    >>> equilibrium_conditions(h).condition((0, 0)).nash
    c*(s - 1) >= 0
    >>> c = sympy.Symbol("c")
    >>> equilibrium_conditions(h, assumptions=[c > 0]).condition((0, 0)).nash
    s >= 1
    """
    if not isinstance(game, Game):
        raise GameError(f"expected a coopgame.Game, got {type(game).__name__}")
    assumptions = tuple(assumptions)
    game = _exact_symbolic_game(game)
    ctx = _build_context(assumptions, game.parameters)
    signed = game
    if ctx.to_signed:
        payoffs = np.vectorize(lambda v: sp.sympify(v).xreplace(ctx.to_signed), otypes=[object])(game.payoffs)
        signed = Game(payoffs, game.players, game.strategies)
    profiles = tuple(_profile_condition(signed, profile, ctx, assumptions, game.parameters)
                     for profile in game.pure_profiles())
    mixed, note = None, ""
    if game.shape == (2, 2):
        mixed, note = _mixed_2x2(game, ctx, assumptions)
    return ConditionsResult(game, profiles, mixed, assumptions, (note,) if note else ())
