"""Policy design: how much of an instrument makes a target profile an equilibrium.

For a game whose payoffs depend on parameters (sympy symbols such as a subsidy
``S_e``), this module answers the questions of the policy literature:

* :func:`threshold`: the level of one parameter at which a pure target profile
  becomes a Nash, strict Nash, dominant-strategy or unique equilibrium; an exact
  closed form when the payoffs are linear in the parameter, numeric root
  bracketing otherwise, and an honest ``"unreachable"`` when no level works;
* :func:`region`: the set of two parameters where the condition holds, as sympy
  inequalities, with a membership test and a plot;
* :func:`cheapest_policy`: the cheapest mix of instruments reaching the target
  (a linear programme, re-checked exactly);
* :func:`comparative_statics`: derivatives of the 2x2 mixed equilibrium with
  respect to a parameter.

The conditions on a pure profile ``t`` are those of the textbook definitions
(Fudenberg & Tirole, *Game Theory*, 1991, ch. 1-2):

``"nash"``
    ``u_i(t) >= u_i(s_i, t_-i)`` for every player ``i`` and deviation ``s_i``.
``"strict"``
    the same with ``>``.
``"dominant"``
    each ``t_i`` *strictly* dominates every other strategy of player ``i``
    against every opponent profile (so ``t`` is then the unique equilibrium,
    mixed ones included).
``"unique"``
    ``t`` is the only Nash equilibrium, mixed ones included (see
    :func:`threshold` for what is proved).

Long because: the four questions (threshold, region, cheapest_policy, comparative_statics) share one
engine: the sign cases of payoff gaps that are linear in the parameter and the pieces between their
roots; split by question, that engine would be cut across modules.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import sympy as sp

from coopgame._assumptions import (
    _build_context,
    _check_assumptions,
    _Context,
    _value_mapping,
)
from coopgame._format import json_number
from coopgame.errors import CoopgameError
from coopgame.game import Game
from coopgame.numbers import to_symbolic

if TYPE_CHECKING:
    import matplotlib.axes

__all__ = [
    "Condition",
    "DesignError",
    "Threshold",
    "RegionResult",
    "PolicyMix",
    "ComparativeStatics",
    "threshold",
    "region",
    "cheapest_policy",
    "comparative_statics",
]

Condition = Literal["nash", "strict", "dominant", "unique"]
_CONDITIONS = ("nash", "strict", "dominant", "unique")
Status = Literal["reachable", "holds_at_zero", "unreachable", "always"]


class DesignError(CoopgameError):
    """A policy-design question that cannot be answered as asked (bad input or unsupported game)."""


# --------------------------------------------------------------------------- inputs


def _symbol_of(game: Game, parameter: str | sp.Symbol) -> sp.Symbol:
    """The game's symbol named ``parameter`` (a fresh real symbol if the game does not use it)."""
    name = str(parameter)
    for s in game.parameters:
        if str(s) == name:
            return s
    return sp.Symbol(name)


def _substituted(game: Game, values: Mapping[str, Any] | None, keep: Sequence[str]) -> Game:
    """The game with ``values`` substituted, never substituting the parameters in ``keep``.

    Names the game does not use are ignored, so one table of scenario values
    serves every game built from it.
    """
    if not values:
        return game
    known = {str(s) for s in game.parameters}
    for name in keep:
        if name in values:
            raise DesignError(
                f"values: {name!r} is the parameter being designed; do not give it a value"
            )
    used = {k: v for k, v in values.items() if str(k) in known}
    return game.subs(used) if used else game


def _target_index(game: Game, target: Sequence[str] | Mapping[str, str]) -> tuple[int, ...]:
    try:
        return game.profile_index(target)
    except (ValueError, KeyError, IndexError) as exc:
        raise DesignError(f"target {target!r} is not a pure profile of the game: {exc}") from None


def _check_condition(condition: str) -> None:
    if condition not in _CONDITIONS:
        raise DesignError(f"condition must be one of {_CONDITIONS}; got {condition!r}")


def _payoff(game: Game, profile: tuple[int, ...], player: int) -> Any:
    return sp.sympify(to_symbolic(game.payoffs[profile + (player,)]))


# ----------------------------------------------------------------------- conditions as inequalities


def _nash_gaps(game: Game, target: tuple[int, ...]) -> list[Any]:
    """``u_i(t) - u_i(s_i, t_-i)`` for every player and unilateral deviation: all ``>= 0`` at a Nash
    equilibrium.
    """
    gaps = []
    for i, n in enumerate(game.shape):
        for s in range(n):
            if s != target[i]:
                deviation = target[:i] + (s,) + target[i + 1:]
                gaps.append(sp.expand(_payoff(game, target, i) - _payoff(game, deviation, i)))
    return gaps


def _dominance_gaps(game: Game, target: tuple[int, ...]) -> list[Any]:
    """``u_i(t_i, o) - u_i(s_i, o)`` for every player, deviation and opponent profile ``o``."""
    gaps = []
    for i, n in enumerate(game.shape):
        others = [range(m) for j, m in enumerate(game.shape) if j != i]
        for rest in itertools.product(*others):
            for s in range(n):
                if s != target[i]:
                    mine = rest[:i] + (target[i],) + rest[i:]
                    theirs = rest[:i] + (s,) + rest[i:]
                    gaps.append(sp.expand(_payoff(game, mine, i) - _payoff(game, theirs, i)))
    return gaps


def _inequalities(game: Game, target: tuple[int, ...], condition: str) -> list[tuple[Any, bool]]:
    """The condition as ``(gap, strict)`` pairs meaning ``gap >= 0`` (``> 0`` when strict)."""
    if condition == "nash":
        return [(g, False) for g in _nash_gaps(game, target)]
    if condition == "strict":
        return [(g, True) for g in _nash_gaps(game, target)]
    return [(g, True) for g in _dominance_gaps(game, target)]


def _relation(lhs: Any, rhs: Any, strict: bool, upper: bool) -> Any:
    if upper:
        return sp.StrictLessThan(lhs, rhs) if strict else sp.LessThan(lhs, rhs)
    return sp.StrictGreaterThan(lhs, rhs) if strict else sp.GreaterThan(lhs, rhs)


# --------------------------------------------------------------------------- thresholds


@dataclass(frozen=True)
class Threshold:
    """The answer of :func:`threshold`.

    Attributes
    ----------
    parameter, target, condition
        The question: ``parameter`` level at which ``target`` is a ``condition`` equilibrium.
    status
        ``"reachable"`` (holds from :attr:`value` on), ``"holds_at_zero"`` (holds
        already at the lower bound, normally 0), ``"unreachable"`` (no level in
        ``[lower, upper]`` works) or ``"always"`` (the condition does not depend on
        the parameter and holds).
    value
        The smallest level ``>= lower`` at which the condition holds; for a strict
        inequality the infimum (the boundary, itself excluded; see :attr:`formula`).
        ``None`` when unreachable. A ``Fraction`` when exact and numeric, a sympy
        expression when other parameters stay symbolic, a float when numeric.
    interval
        ``(low, high)``: the levels where the condition holds (``sympy.oo`` when
        unbounded), or None when unreachable or symbolic.
    formula
        The condition as a sympy relation (or ``And``) in the parameter, with the
        side conditions that do not involve it (e.g. the other player's own
        incentive), other parameters symbolic unless given values.
    exact
        Whether the answer is exact (closed form) rather than numeric.
    notes
        Plain-language remarks (what is proved, which assumptions were made).
    """

    parameter: str
    target: tuple[str, ...]
    condition: str
    status: Status
    value: Any
    interval: tuple[Any, Any] | None
    formula: Any
    exact: bool
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready record ``{"parameter", "target", "condition", "value", "formula"}``.

        Examples
        --------
        >>> g = Game.bimatrix(
        ...     [[4, 0], [3, 1]], [["S", 0], [2, 1]], strategies=[["C", "N"], ["C", "N"]]
        ... )
        >>> threshold(g, "S", ("C", "C")).to_dict()
        {'parameter': 'S', 'target': ['C', 'C'], 'condition': 'nash', 'value': '0', 'formula': 'S >=
        0'}
        """
        value = None if self.value is None else json_number(self.value, self.exact)
        return {
            "parameter": self.parameter,
            "target": list(self.target),
            "condition": self.condition,
            "value": value,
            "formula": None if self.formula is None else str(self.formula),
        }


def _linear_parts(gap: Any, symbol: sp.Symbol) -> tuple[Any, Any] | None:
    """``(a, b)`` with ``gap == a*symbol + b``, or None when the gap is not linear in ``symbol``."""
    if symbol not in gap.free_symbols:
        return sp.Integer(0), gap
    try:
        poly = sp.Poly(gap, symbol)
    except sp.PolynomialError:
        return None
    if poly.degree() > 1:
        return None
    a, b = poly.coeff_monomial(symbol), poly.coeff_monomial(1)
    if symbol in a.free_symbols or symbol in b.free_symbols:
        return None
    return sp.sympify(a), sp.sympify(b)


def _sign(value: Any) -> int | None:
    if value.is_positive:
        return 1
    if value.is_negative:
        return -1
    if value.is_zero:
        return 0
    return None


def _fraction(value: Any) -> Fraction:
    value = sp.nsimplify(value) if value.is_Float else value
    return Fraction(int(value.p), int(value.q))


@dataclass
class _Bounds:
    """Bounds ``symbol >= lows`` / ``symbol <= highs`` (with strictness) and side conditions.

    ``case`` holds the sign conditions on coefficients of unknown sign under which the
    bounds were solved (empty when every coefficient's sign is known).
    """

    lows: list[tuple[Any, bool]] = field(default_factory=list)
    highs: list[tuple[Any, bool]] = field(default_factory=list)
    side: list[Any] = field(default_factory=list)
    case: list[Any] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    impossible: bool = False


def _known_sign(value: Any, ctx: _Context | None) -> int | None:
    """The sign of ``value`` from sympy's own assumptions, then from the caller's assumptions."""
    sign = _sign(value)
    if sign is not None or ctx is None or not ctx.to_signed and ctx.facts is sp.true:
        return sign
    signed = value.xreplace(ctx.to_signed)
    sign = _sign(signed)
    if sign is not None:
        return sign
    for predicate, answer in ((sp.Q.positive, 1), (sp.Q.negative, -1), (sp.Q.zero, 0)):
        if ctx.is_true(predicate, signed):
            return answer
    return None


def _sign_key(coefficient: Any, ctx: _Context | None) -> tuple[int, Any]:
    """``(sign, key)`` with ``coefficient = sign * (positive factor) * key``, the key of unknown
    sign.

    The key has its factors of known sign divided out and no leading minus, so ``r``,
    ``-r`` and ``2*r`` share the key ``r``: one case split decides them all consistently.
    """
    coeff, rest = sp.factor(coefficient).as_coeff_Mul()
    sign = 1 if coeff > 0 else -1
    kept = []
    for factor in sp.Mul.make_args(rest):
        known = _known_sign(factor, ctx)
        if known is None or known == 0:
            kept.append(factor)
        elif known < 0:
            sign = -sign
    key = sp.Mul(*kept)
    if key.could_extract_minus_sign():
        key, sign = -key, -sign
    return sign, key


#: more sign cases than this: ask for assumptions instead of printing a formula nobody can read
_MAX_SIGN_FACTORS = 3


def _sign_cases(keys: list[Any], ctx: _Context | None) -> list[dict[Any, int]]:
    """The sign patterns of ``keys`` that some signs of their irreducible factors realise.

    Each factor may be positive, negative or zero; patterns are deduplicated, so a key
    ``C_e*r`` gives three cases, not nine, while keys ``r`` and ``C_e*r`` cannot be
    given the contradictory pattern ``r = 0, C_e*r > 0``.
    """
    if not keys:
        return [{}]
    factors = sorted({base for key in keys for base in (sp.Pow(f, 1).as_base_exp()[0]
                                                         for f in sp.Mul.make_args(key))}, key=str)
    if len(factors) > _MAX_SIGN_FACTORS:
        raise DesignError(
            f"the signs of {', '.join(map(str, factors))} are unknown ({3 ** len(factors)} cases): "
            "give numbers "
            "in `values` or declare signs with `assumptions` (e.g. [sympy.Symbol('r') > 0])"
        )
    patterns: list[dict[Any, int]] = []
    for signs in itertools.product((1, -1, 0), repeat=len(factors)):
        of = dict(zip(factors, signs))
        pattern = {}
        for key in keys:
            sign = 1
            for f in sp.Mul.make_args(key):
                base, exponent = f.as_base_exp()
                sign *= (
                    of[base] ** int(exponent) if exponent.is_Integer and exponent > 0 else of[base]
                )
            pattern[key] = sign
        if pattern not in patterns and _consistent(pattern, ctx):
            patterns.append(pattern)
    return patterns


def _consistent(pattern: dict[Any, int], ctx: _Context | None) -> bool:
    """False when the caller's assumptions already rule the sign pattern out (e.g. ``r >= 0`` and
    ``r < 0``).
    """
    for key, sign in pattern.items():
        known = _known_sign(key, ctx)
        if known is not None and known != sign:
            return False
        if ctx is not None and sign != 0:
            signed = key.xreplace(ctx.to_signed)
            if ctx.is_true(sp.Q.nonpositive if sign > 0 else sp.Q.nonnegative, signed):
                return False
        if ctx is not None and sign == 0 and ctx.is_true(sp.Q.nonzero, key.xreplace(ctx.to_signed)):
            return False
    return True


def _sign_relation(key: Any, sign: int) -> Any:
    if sign == 0:
        return sp.Eq(key, 0)
    return sp.StrictGreaterThan(key, 0) if sign > 0 else sp.StrictLessThan(key, 0)


def _linear_cases(pairs: list[tuple[Any, bool]], symbol: sp.Symbol,
                  ctx: _Context | None = None) -> list[_Bounds] | None:
    """Solve each ``a*symbol + b >= 0`` for the symbol; None if some gap is not linear.

    A coefficient ``a`` of known sign gives a lower bound (``a > 0``), an upper bound
    (``a < 0``) or a side condition ``b >= 0`` (``a = 0``). When the signs of some
    coefficients are unknown, the answer is one :class:`_Bounds` per realisable sign
    pattern, each recording its pattern in ``case``: never both signs at once.
    """
    parts = []
    keys: list[Any] = []
    for gap, strict in pairs:
        linear = _linear_parts(gap, symbol)
        if linear is None:
            return None
        a, b = linear
        sign = _known_sign(a, ctx)
        key = None
        if sign is None:
            sign, key = _sign_key(a, ctx)
            if key not in keys:
                keys.append(key)
        parts.append((a, b, strict, sign, key))
    cases = []
    for pattern in _sign_cases(keys, ctx):
        bounds = _Bounds(case=[_sign_relation(k, s) for k, s in pattern.items()])
        zero = {k: 0 for k, s in pattern.items() if s == 0 and isinstance(k, sp.Symbol)}
        for a, b, strict, sign, key in parts:
            if key is not None:
                sign *= pattern[key]
            if sign == 0:
                b = sp.expand(b.subs(zero)) if zero else b
                truth = (b > 0) if strict else (b >= 0)
                if truth is sp.false:
                    bounds.impossible = True
                    bounds.failed.append(
                        f"{b} {'>' if strict else '>='} 0 is false whatever {symbol}"
                    )
                elif truth is not sp.true:
                    bounds.side.append(truth)
                continue
            bound = sp.simplify(-b / a)
            (bounds.lows if sign > 0 else bounds.highs).append((bound, strict))
        cases.append(bounds)
    return cases


def _all_numeric(bounds: _Bounds) -> bool:
    return (all(not v.free_symbols for v, _ in bounds.lows + bounds.highs)
            and not bounds.side and not bounds.case)


def _formula(bounds: _Bounds, symbol: sp.Symbol) -> Any:
    """The bounds as an ``And`` of relations; ``false`` when they contradict each other.

    Numeric bounds are merged into the tightest one on each side (symbolic ones are kept
    as they are, the reader may know more about their parameters than sympy).
    """
    if bounds.impossible:
        return sp.false
    numeric_lows = [b for b in bounds.lows if not b[0].free_symbols]
    numeric_highs = [b for b in bounds.highs if not b[0].free_symbols]
    lo = _tightest(numeric_lows, pick_max=True)
    hi = _tightest(numeric_highs, pick_max=False)
    if (
        lo is not None
        and hi is not None
        and (lo[0] > hi[0] or (lo[0] == hi[0] and (lo[1] or hi[1])))
    ):
        return sp.false
    lows = [b for b in bounds.lows if b[0].free_symbols] + ([lo] if lo is not None else [])
    highs = [b for b in bounds.highs if b[0].free_symbols] + ([hi] if hi is not None else [])
    relations = list(bounds.case)
    relations += [_relation(symbol, v, s, upper=False) for v, s in lows]
    relations += [_relation(symbol, v, s, upper=True) for v, s in highs]
    relations += bounds.side
    if any(r is sp.false for r in relations):
        return sp.false
    return sp.And(*relations) if relations else sp.true


def _tightest(items: list[tuple[Any, bool]], pick_max: bool) -> tuple[Any, bool] | None:
    """The tightest numeric bound; at equal values the strict one."""
    if not items:
        return None
    best = max if pick_max else min
    value = best(v for v, _ in items)
    return value, any(s for v, s in items if v == value)


def _linear_threshold(
    bounds: _Bounds, symbol: sp.Symbol, lower: Any, upper: Any
) -> tuple[Status, Any, Any]:
    """Status, value and interval of exact numeric bounds intersected with ``[lower, upper]``."""
    if bounds.impossible:
        return "unreachable", None, None
    lo = _tightest(bounds.lows, pick_max=True)
    hi = _tightest(bounds.highs, pick_max=False)
    low, low_strict = lo if lo is not None else (-sp.oo, False)
    high, high_strict = hi if hi is not None else (sp.oo, False)
    empty = low > high or (low == high and (low_strict or high_strict))
    if lo is None and hi is None:
        return "always", lower, (-sp.oo, sp.oo)
    interval = (low, high)
    cap = sp.oo if upper is None else upper
    if (
        empty
        or high < lower
        or (high == lower and high_strict)
        or low > cap
        or (low == cap and low_strict)
    ):
        return "unreachable", None, interval
    holds_at_lower = low < lower or (low == lower and not low_strict)
    if holds_at_lower:
        return "holds_at_zero", lower, interval
    return "reachable", low, interval


def _as_output(value: Any) -> Any:
    if value is None or not isinstance(value, sp.Basic):
        return value
    if value.is_Rational or value.is_Float:
        return _fraction(value)
    return value


def _symbolic_value(bounds: _Bounds, lower: Any) -> Any:
    """The smallest level as an expression (``Max`` of the lower bounds and ``lower``)."""
    return sp.Max(lower, *[v for v, _ in bounds.lows])


def _numeric_threshold(pairs: list[tuple[Any, bool]], symbol: sp.Symbol, lower: Any,
                       upper: Any) -> tuple[Status, Any, Any]:
    """Scan ``[lower, upper]`` and refine the first crossing with Brent's method (non-linear gaps).
    """
    from scipy.optimize import brentq

    free = set().union(*(g.free_symbols for g, _ in pairs)) - {symbol}
    if free:
        raise DesignError(
            f"the payoffs are not linear in {symbol}: give numbers for {sorted(map(str, free))} in "
            "`values`"
        )
    functions = [sp.lambdify(symbol, g, "math") for g, _ in pairs]
    strict = [s for _, s in pairs]
    tol = 1e-12

    def slack(x: float) -> float:
        return min(f(x) - (tol if st else 0.0) for f, st in zip(functions, strict))

    start = float(lower)
    stop = float(upper) if upper is not None else start + 1e6
    grid = np.unique(np.concatenate([np.linspace(start, min(stop, start + 100.0), 2001),
                                     np.geomspace(1.0, max(stop - start, 1.0), 400) + start]))
    grid = grid[grid <= stop]
    ok = np.array([slack(x) >= -tol for x in grid])
    if not ok.any():
        return "unreachable", None, None
    first = int(np.argmax(ok))
    if first == 0:
        return "holds_at_zero", start, None
    value = brentq(slack, grid[first - 1], grid[first], xtol=1e-12)
    return "reachable", float(value), None


def _unique_at(
    game: Game, symbol: sp.Symbol, level: Any, target: tuple[int, ...]
) -> tuple[bool, bool]:
    """Whether ``target`` is the only equilibrium at ``level``, and whether the solver proved its
    list complete.
    """
    from coopgame.equilibria import nash_equilibria

    numeric = game.subs({str(symbol): level}) if symbol in game.parameters else game
    if numeric.parameters:
        raise DesignError(
            "'unique' needs numbers for every other parameter: "
            f"{sorted(map(str, numeric.parameters))}"
        )
    result = nash_equilibria(numeric)
    # a continuum of equilibria has several extreme points, so one listed equilibrium means one
    # equilibrium
    if len(result.equilibria) != 1:
        return False, result.complete
    profile = result.equilibria[0].profile
    return all(profile[i][t] == 1 for i, t in enumerate(target)), result.complete


def _pure_facts_at(
    game: Game, symbol: sp.Symbol, level: Any, target: tuple[int, ...]
) -> tuple[bool, bool]:
    """``(sufficient, necessary)`` for uniqueness at ``level`` from comparisons of pure strategies
    only.

    Sufficient: iterated elimination of strictly dominated pure strategies leaves only ``target``
    (then it is the unique equilibrium, mixed ones included). Necessary: ``target`` is the only pure
    equilibrium. Both depend only on the signs of the pairwise payoff differences.
    """
    from coopgame.equilibria import eliminate_dominated, pure_equilibria

    numeric = game.subs({str(symbol): level}) if symbol in game.parameters else game
    surviving = eliminate_dominated(numeric, mixed=False, exact=True).surviving
    wanted = tuple((numeric.strategies[i][t],) for i, t in enumerate(target))
    pure = [eq.profile for eq in pure_equilibria(numeric, exact=True).equilibria]
    target_only = len(pure) == 1 and all(pure[0][i][t] == 1 for i, t in enumerate(target))
    return tuple(surviving) == wanted, target_only


@dataclass(frozen=True)
class _Piece:
    """A root of the payoff differences (``low == high``) or the open gap between two roots."""

    low: Any   # Fraction or -sp.oo
    high: Any  # Fraction or sp.oo

    @property
    def is_point(self) -> bool:
        return self.low == self.high

    def sample(self) -> Fraction:
        if self.is_point:
            return self.low
        if self.low == -sp.oo:
            return Fraction(0) if self.high == sp.oo else self.high - 1
        return self.low + 1 if self.high == sp.oo else (self.low + self.high) / 2


def _pieces(roots: set[Fraction]) -> list[_Piece]:
    """The real line cut at ``roots``: gap, root, gap, ..., root, gap (in order)."""
    points = sorted(roots)
    ends: list[Any] = [-sp.oo, *points, sp.oo]
    pieces = []
    for k in range(len(ends) - 1):
        pieces.append(_Piece(ends[k], ends[k + 1]))
        if k + 1 < len(ends) - 1:
            pieces.append(_Piece(ends[k + 1], ends[k + 1]))
    return pieces


def _merged(pieces: list[_Piece], holds: list[bool]) -> list[tuple[Any, Any, bool, bool]]:
    """Maximal intervals ``(low, high, low_closed, high_closed)`` of the pieces where the condition
    holds.
    """
    intervals: list[tuple[Any, Any, bool, bool]] = []
    current: list[Any] | None = None
    for piece, ok in zip(pieces, holds):
        if ok and current is None:
            current = [piece.low, piece.high, piece.is_point, piece.is_point]
        elif ok and current is not None:
            current[1], current[3] = piece.high, piece.is_point
        elif current is not None:
            intervals.append((current[0], current[1], current[2], current[3]))
            current = None
    if current is not None:
        intervals.append((current[0], current[1], current[2], current[3]))
    return intervals


def _interval_relation(
    symbol: sp.Symbol, low: Any, high: Any, low_closed: bool, high_closed: bool
) -> Any:
    if low == high:
        return sp.Eq(symbol, sp.Rational(low.numerator, low.denominator))
    relations = []
    if low != -sp.oo:
        relations.append(_relation(symbol, _rational(low), not low_closed, upper=False))
    if high != sp.oo:
        relations.append(_relation(symbol, _rational(high), not high_closed, upper=True))
    return sp.And(*relations)


def _rational(value: Any) -> Any:
    return sp.Rational(value.numerator, value.denominator) if isinstance(value, Fraction) else value


def _first_level(intervals: list[tuple[Any, Any, bool, bool]], lower: Fraction,
                 upper: Fraction | None) -> tuple[Status, Any, Any]:
    """Status, smallest level (an infimum at an open end) and the interval it lies in, within
    ``[lower, upper]``.
    """
    if len(intervals) == 1 and intervals[0][:2] == (-sp.oo, sp.oo):
        return "always", lower, (-sp.oo, sp.oo)
    for low, high, low_closed, high_closed in intervals:
        if high < lower or (high == lower and not high_closed):
            continue
        if upper is not None and (low > upper or (low == upper and not low_closed)):
            break
        if low < lower or (low == lower and low_closed):
            return "holds_at_zero", lower, (low, high)
        return "reachable", low, (low, high)
    return "unreachable", None, None


def _unique_threshold(game: Game, symbol: sp.Symbol, target: tuple[int, ...], lower: Any,
                      upper: Any) -> tuple[Status, Any, Any, Any, tuple[str, ...]]:
    """Where ``target`` is the unique equilibrium: status, value, interval, formula and notes.

    Between two consecutive roots of the pairwise payoff differences every comparison
    between two pure strategies keeps its sign. In a 2x2 game these signs fix the best-reply
    correspondences and so the equilibrium set: solving the game at each root and at one
    point of each gap decides every level exactly. In larger games a gap is decided for all
    its levels only when the pure-strategy comparisons settle it (iterated strict dominance
    by pure strategies leaves only the target: unique; another pure equilibrium, or the target
    not one: not unique); otherwise the solver's answer at one point of the gap is used and
    the notes say so.
    """
    roots: set[Fraction] = set()
    for p in itertools.product(*map(range, game.shape)):
        for i, n in enumerate(game.shape):
            for s in range(n):
                if s == p[i]:
                    continue
                gap = sp.expand(_payoff(game, p, i) - _payoff(game, p[:i] + (s,) + p[i + 1:], i))
                parts = _linear_parts(gap, symbol)
                if parts is None:
                    raise DesignError(f"'unique' is supported only for payoffs linear in {symbol}")
                a, b = parts
                if a.free_symbols or b.free_symbols:
                    raise DesignError(
                        "'unique' needs numbers for every other parameter in `values`"
                    )
                if a != 0:
                    roots.add(_fraction(-b / a))
    pieces = _pieces(roots)
    two_by_two = game.shape == (2, 2)
    holds, unproven = [], []
    for piece in pieces:
        level = piece.sample()
        unique, complete = _unique_at(game, symbol, level, target)
        holds.append(unique)
        if two_by_two and complete:
            continue
        if piece.is_point and complete:
            continue
        sufficient, necessary = _pure_facts_at(game, symbol, level, target)
        if sufficient or not necessary:
            holds[-1] = sufficient
            continue
        unproven.append(piece)
    intervals = _merged(pieces, holds)
    formula = (
        sp.Or(*(_interval_relation(symbol, *iv) for iv in intervals)) if intervals else sp.false
    )
    if intervals and intervals[0][:2] == (-sp.oo, sp.oo):
        formula = sp.true
    status, value, interval = _first_level(intervals, _fraction(lower),
                                           None if upper is None else _fraction(upper))
    if two_by_two:
        notes: tuple[str, ...] = (
            "exact: in a 2x2 game the equilibrium set is constant between the roots of the "
            "payoff differences; solved at each root and inside each gap",
        )
    else:
        notes = (
            "solved at each root of the payoff differences and inside each gap; a gap is proved "
            "when pure-strategy dominance or another pure equilibrium settles it",
        )
    if unproven:
        gaps = ", ".join(
            f"({_rational(p.low)}, {_rational(p.high)})"
            if not p.is_point
            else str(_rational(p.low))
            for p in unproven
        )
        notes += (f"not proved for every level of {gaps}: decided by solving the game at one level "
                  "there (a mixed equilibrium may appear or vanish inside)",)
    return status, value, interval, formula, notes


def _sign_context(
    game: Game, assumptions: tuple[Any, ...], values: Mapping[str, Any] | None
) -> _Context | None:
    """The caller's sign assumptions as a context deciding coefficient signs (None without any).

    Assumptions are checked against the game's parameters before values are substituted, and the
    values against the assumptions, with the rules of :func:`coopgame.equilibrium_conditions`.
    """
    if not assumptions:
        return None
    ctx = _build_context(assumptions, game.parameters)
    known = {str(s) for s in game.parameters}
    given = {k: v for k, v in (values or {}).items() if str(k) in known}
    _check_assumptions(assumptions, _value_mapping(given, game.parameters))
    return ctx


def threshold(game: Game, parameter: str | sp.Symbol, target: Sequence[str] | Mapping[str, str],
              condition: Condition = "nash", *, values: Mapping[str, Any] | None = None,
              lower: Any = 0, upper: Any = None, assumptions: Iterable[Any] = ()) -> Threshold:
    """The level of one parameter at which a pure profile becomes an equilibrium.

    Parameters
    ----------
    game
        A symbolic game whose payoffs depend on ``parameter``.
    parameter
        The instrument or parameter to design (a name or a sympy symbol).
    target
        The pure profile, as strategy names (or a mapping player -> strategy).
    condition
        ``"nash"``, ``"strict"``, ``"dominant"`` (strict dominance) or ``"unique"``.
    values
        Numbers for the other parameters; those not given stay symbolic in the
        formula (then the value is a sympy expression). Names the game does not
        use are ignored.
    lower, upper
        The admissible levels (``upper=None``: unbounded).
    assumptions
        Signs to take for granted, as sympy conditions on the game's parameters
        (``sympy.Symbol("r") > 0``, as for :func:`coopgame.equilibrium_conditions`);
        they decide the signs of coefficients, and ``values`` must satisfy them.

    Returns
    -------
    Threshold
        With ``status`` ``"reachable"``, ``"holds_at_zero"``, ``"unreachable"`` or ``"always"``.

    Notes
    -----
    When every deviation gain is linear in the parameter, each inequality
    ``a*x + b >= 0`` is solved for ``x`` with the sign of ``a`` and the bounds are
    intersected: exact. A coefficient whose sign neither sympy nor ``assumptions``
    decides is split into cases (``a > 0``, ``a < 0``, ``a = 0``; the formula is
    their ``Or`` and the value a ``Piecewise``), never assumed; bounds that
    contradict each other give the formula ``false`` and ``"unreachable"``.
    Otherwise the levels are scanned and the first crossing is refined with Brent's
    method (``exact=False``; needs numbers for the other parameters). ``"unique"``
    (linear, numeric only) is decided by solving the game at every root of the
    pairwise payoff differences and inside each gap: exact for 2x2 games, whose
    equilibrium set only changes where one of those differences changes sign; in
    larger games a gap counts as proved when iterated strict dominance by pure
    strategies leaves only the target (or another pure equilibrium exists), and the
    notes name the gaps that were only sampled. The formula is then the exact set
    (a union of intervals and points), and :attr:`Threshold.interval` the piece
    containing the value.

    Examples
    --------
    The Enterprise cooperates at (C, C) once the subsidy covers its cost and its
    free-riding gain beyond its share of the surplus: ``S_e >= C_e + B_e - (1-a) R``.

    >>> school = [["a*R - C_s", "-C_s"], ["B_s", 0]]
    >>> firm = [["(1-a)*R - C_e + S_e", "B_e"], ["-C_e + S_e", 0]]
    >>> g = Game.bimatrix(school, firm, strategies=[["C", "N"], ["C", "N"]])
    >>> t = threshold(
    ...     g,
    ...     "S_e",
    ...     ("C", "C"),
    ...     values={"R": 10, "a": "1/2", "C_s": 1, "B_s": 2, "C_e": 4, "B_e": 3},
    ... )
    >>> t.status, t.value
    ('reachable', Fraction(2, 1))
    >>> t.formula
    S_e >= 2
    """
    _check_condition(condition)
    name = str(parameter)
    if name not in {str(s) for s in game.parameters}:
        raise DesignError(f"the game does not depend on {name!r}; its parameters are "
                          f"{sorted(map(str, game.parameters))}")
    ctx = _sign_context(game, tuple(assumptions), values)
    game = _substituted(game, values, keep=[name])
    symbol = _symbol_of(game, name)
    index = _target_index(game, target)
    names = tuple(game.strategies[i][k] for i, k in enumerate(index))
    lower_s = sp.sympify(to_symbolic(lower))
    upper_s = None if upper is None else sp.sympify(to_symbolic(upper))

    if condition == "unique":
        status, value, interval, formula, notes = _unique_threshold(
            game, symbol, index, lower_s, upper_s
        )
        interval = None if interval is None else tuple(_as_output(v) if v.is_finite else v
                                                       for v in map(sp.sympify, interval))
        return Threshold(
            name, names, condition, status, _as_output(value), interval, formula, True, notes
        )

    pairs = _inequalities(game, index, condition)
    cases = _linear_cases(pairs, symbol, ctx)
    if cases is None:
        status, value, interval = _numeric_threshold(pairs, symbol, lower_s, upper_s)
        formula = sp.And(*[(g > 0) if s else (g >= 0) for g, s in pairs])
        return Threshold(name, names, condition, status, value, interval, formula, False,
                         ("non-linear in the parameter: numeric scan and Brent's method",))
    if len(cases) == 1 and _all_numeric(cases[0]):
        bounds = cases[0]
        status, value, interval = _linear_threshold(bounds, symbol, lower_s, upper_s)
        interval = (
            None
            if interval is None
            else tuple(_as_output(v) if v.is_finite else v for v in interval)
        )
        return Threshold(
            name,
            names,
            condition,
            status,
            _as_output(value),
            interval,
            _formula(bounds, symbol),
            True,
            tuple(f"a deviation gain {f}" for f in bounds.failed),
        )
    return _symbolic_threshold(name, names, condition, cases, symbol, lower_s)


def _symbolic_threshold(name: str, names: tuple[str, ...], condition: str, cases: list[_Bounds],
                        symbol: sp.Symbol, lower: Any) -> Threshold:
    """The answer when other parameters stay symbolic: one formula per sign case, joined by ``Or``.
    """
    notes: tuple[str, ...] = (
        "other parameters symbolic: value is the smallest level given the side conditions in the "
        "formula",
    )
    if cases[0].case:
        keys = [rel.lhs for rel in cases[0].case]
        notes += (f"the sign of {', '.join(map(str, keys))} is not known: one case per sign "
                  f"(declare it with `assumptions`, e.g. [{keys[0]} > 0], to keep one case)",)
    formulas = [(bounds, _formula(bounds, symbol)) for bounds in cases]
    possible = [(bounds, f) for bounds, f in formulas if f is not sp.false]
    if not possible:
        notes += tuple(f"a deviation gain {f}" for bounds in cases for f in bounds.failed)
        return Threshold(name, names, condition, "unreachable", None, None, sp.false, True, notes)
    formula = sp.Or(*(f for _, f in possible))
    if all(not bounds.lows and not bounds.highs for bounds, _ in possible):
        return Threshold(
            name, names, condition, "always", _as_output(lower), None, formula, True, notes
        )
    if len(possible) == 1:
        value = _symbolic_value(possible[0][0], lower)
    else:
        # each case's value holds where its sign case holds and its upper bounds leave room for it
        value = sp.Piecewise(
            *(
                (
                    _symbolic_value(bounds, lower),
                    sp.And(
                        *bounds.case,
                        *(
                            _relation(_symbolic_value(bounds, lower), h, s, upper=True)
                            for h, s in bounds.highs
                        ),
                    ),
                )
                for bounds, _ in possible
            )
        )
    return Threshold(name, names, condition, "reachable", value, None, formula, True, notes)


# --------------------------------------------------------------------------- regions


@dataclass(frozen=True)
class RegionResult:
    """The set of two parameters where a target meets a condition (from :func:`region`).

    Attributes
    ----------
    parameters
        The two sympy symbols (x axis, y axis).
    target, condition
        The question.
    inequalities
        The condition as an ``And`` of sympy relations in the two parameters.
    """

    parameters: tuple[sp.Symbol, sp.Symbol]
    target: tuple[str, ...]
    condition: str
    inequalities: Any

    def contains(self, point: Sequence[Any] | Mapping[str, Any]) -> bool:
        """Whether the point ``(x, y)`` (or a mapping name -> value) lies in the region.

        Examples
        --------
        >>> g = Game.bimatrix(
        ...     [["x - 1", 0], [0, 1]], [["y - 2", 0], [0, 1]], strategies=[["C", "N"]] * 2
        ... )
        >>> r = region(g, ("x", "y"), ("C", "C"))
        >>> r.contains((1, 2)), r.contains(("1/2", 3))
        (True, False)
        """
        if isinstance(point, Mapping):
            mapping = {s: to_symbolic(point[str(s)]) for s in self.parameters}
        else:
            if len(point) != 2:
                raise DesignError(f"a point has two coordinates {self.parameters}; got {point!r}")
            mapping = dict(zip(self.parameters, (to_symbolic(v) for v in point)))
        truth = sp.sympify(self.inequalities).subs(mapping)
        if truth not in (sp.true, sp.false):
            raise DesignError(
                f"cannot decide the region at {point!r}: {truth} still has free symbols"
            )
        return bool(truth)

    def plot(
        self,
        xlim: tuple[float, float],
        ylim: tuple[float, float],
        ax: matplotlib.axes.Axes | None = None,
        resolution: int = 300,
    ) -> matplotlib.axes.Axes:
        """Shade the region on a grid over ``xlim`` x ``ylim``; returns the matplotlib axes.

        Examples
        --------
        >>> g = Game.bimatrix(
        ...     [["x - 1", 0], [0, 1]], [["y - 2", 0], [0, 1]], strategies=[["C", "N"]] * 2
        ... )
        >>> ax = region(g, ("x", "y"), ("C", "C")).plot((0, 3), (0, 4))
        >>> ax.get_xlabel(), ax.get_ylabel()
        ('x', 'y')
        """
        import matplotlib.pyplot as plt

        x, y = self.parameters
        relations = (
            self.inequalities.args
            if isinstance(self.inequalities, sp.And)
            else (self.inequalities,)
        )
        xs, ys = np.meshgrid(np.linspace(*xlim, resolution), np.linspace(*ylim, resolution))
        inside = np.ones_like(xs, dtype=bool)
        for rel in relations:
            if rel in (sp.true, sp.false):
                inside &= bool(rel)
                continue
            f = sp.lambdify((x, y), rel.lhs - rel.rhs, "numpy")
            diff = np.broadcast_to(np.asarray(f(xs, ys), dtype=float), xs.shape)
            sign = 1 if isinstance(rel, (sp.GreaterThan, sp.StrictGreaterThan)) else -1
            inside &= sign * diff >= 0
        if ax is None:
            _, ax = plt.subplots()
        ax.contourf(xs, ys, inside.astype(float), levels=[0.5, 1.5], alpha=0.4)
        ax.set_xlabel(str(x))
        ax.set_ylabel(str(y))
        ax.set_title(f"{self.target} is a {self.condition} equilibrium")
        return ax


def region(game: Game, parameters: tuple[str, str], target: Sequence[str] | Mapping[str, str],
           condition: Condition = "nash", values: Mapping[str, Any] | None = None) -> RegionResult:
    """The set of two parameters where ``target`` is a ``condition`` equilibrium, as sympy
    inequalities.

    Parameters
    ----------
    game
        A symbolic game.
    parameters
        The two parameters (x axis first).
    target, condition
        As in :func:`threshold` (``"unique"`` is not supported here).
    values
        Numbers for the other parameters.

    Examples
    --------
    A subsidy ``S`` and a penalty ``P`` on defection: cooperation is an equilibrium
    when ``S + P >= 3`` (and the school cooperates anyway).

    >>> g = Game.bimatrix(
    ...     [[2, 0], [1, 0]], [["S - 1", "2 - P"], [0, 0]], strategies=[["C", "N"]] * 2
    ... )
    >>> r = region(g, ("S", "P"), ("C", "C"))
    >>> r.inequalities
    P + S - 3 >= 0
    >>> r.contains((1, 2)), r.contains((1, 1))
    (True, False)
    """
    _check_condition(condition)
    if condition == "unique":
        raise DesignError(
            "region: 'unique' has no description by inequalities; use 'dominant' (sufficient)"
        )
    if len(parameters) != 2:
        raise DesignError(f"region needs exactly two parameters; got {parameters!r}")
    names = [str(p) for p in parameters]
    game = _substituted(game, values, keep=names)
    symbols = (_symbol_of(game, names[0]), _symbol_of(game, names[1]))
    index = _target_index(game, target)
    relations = []
    for gap, strict in _inequalities(game, index, condition):
        relation = (gap > 0) if strict else (gap >= 0)
        if relation is sp.false:
            relations = [sp.false]
            break
        if relation is not sp.true:
            relations.append(relation)
    strategies = tuple(game.strategies[i][k] for i, k in enumerate(index))
    return RegionResult(symbols, strategies, condition, sp.And(*relations))


# --------------------------------------------------------------------------- cheapest policy


@dataclass(frozen=True)
class PolicyMix:
    """The answer of :func:`cheapest_policy`.

    Attributes
    ----------
    status
        ``"optimal"``, ``"holds_at_zero"`` (no instrument needed) or ``"infeasible"``
        (no non-negative levels, within the budget if one is given, reach the target).
    levels
        Parameter name -> level (Fractions when :attr:`exact`).
    cost
        Total cost ``sum(cost_per_unit * level)``.
    exact
        Whether the levels were verified exactly (Fractions) against the condition.
    """

    status: Literal["optimal", "holds_at_zero", "infeasible"]
    levels: dict[str, Any]
    cost: Any
    exact: bool


def cheapest_policy(
    game: Game,
    instruments: Mapping[str, Any],
    target: Sequence[str] | Mapping[str, str],
    condition: Condition = "nash",
    *,
    budget: Any = None,
    values: Mapping[str, Any] | None = None,
    margin: Any = 0,
) -> PolicyMix:
    """The cheapest non-negative levels of several instruments that make ``target`` an equilibrium.

    Minimises ``sum(cost_per_unit[k] * x_k)`` subject to the (linear) equilibrium
    conditions, ``x >= 0`` and ``cost <= budget``: a linear programme solved with
    ``scipy.optimize.linprog`` (HiGHS), whose solution is rounded to Fractions and
    re-checked exactly.

    Parameters
    ----------
    game
        A symbolic game, linear in the instrument parameters.
    instruments
        Parameter name -> cost per unit of the instrument (e.g. 1 for a subsidy
        paid out, 0.3 for the tax forgone by a tax incentive).
    target, condition
        As in :func:`threshold` (``"unique"`` is not supported).
    budget
        The most the policy may cost (None: no limit).
    values
        Numbers for every other parameter.
    margin
        Strict inequalities (``"strict"``, ``"dominant"``) are imposed as
        ``gain >= margin``; with the default 0 the answer is the infimum cost, at
        which the strict condition holds only in the limit.

    Examples
    --------
    Row needs ``x >= 1``, column needs ``x + y >= 3``; ``x`` costs 2, ``y`` costs 1:
    the optimum is ``x = 1, y = 2`` at cost 4.

    >>> g = Game.bimatrix([["x", 0], [1, 0]], [["x + y", 3], [0, 0]], strategies=[["C", "N"]] * 2)
    >>> mix = cheapest_policy(g, {"x": 2, "y": 1}, ("C", "C"))
    >>> mix.status, mix.levels, mix.cost
    ('optimal', {'x': Fraction(1, 1), 'y': Fraction(2, 1)}, Fraction(4, 1))
    >>> cheapest_policy(g, {"x": 2, "y": 1}, ("C", "C"), budget=3).status
    'infeasible'
    """
    from scipy.optimize import linprog

    _check_condition(condition)
    if condition == "unique":
        raise DesignError(
            "cheapest_policy: 'unique' is not a linear condition; use 'dominant' (sufficient)"
        )
    if not instruments:
        raise DesignError("cheapest_policy needs at least one instrument")
    names = [str(k) for k in instruments]
    costs = [_fraction(sp.sympify(to_symbolic(instruments[k]))) for k in instruments]
    game = _substituted(game, values, keep=names)
    symbols = [_symbol_of(game, n) for n in names]
    extra = sorted(map(str, game.parameters - set(symbols)))
    if extra:
        raise DesignError(f"cheapest_policy needs numbers for {extra} in `values`")
    index = _target_index(game, target)
    margin_f = _fraction(sp.sympify(to_symbolic(margin)))
    rows, rhs = [], []
    for gap, strict in _inequalities(game, index, condition):
        poly = sp.Poly(gap, *symbols)
        if poly.total_degree() > 1:
            raise DesignError(f"cheapest_policy: the condition {gap} >= 0 is not linear in {names}")
        coefficients = [_fraction(poly.coeff_monomial(s)) for s in symbols]
        constant = _fraction(poly.coeff_monomial(1))
        need = margin_f if strict else Fraction(0)
        rows.append(coefficients)   # coefficients . x + constant >= need
        rhs.append(need - constant)

    def satisfied(x: Sequence[Fraction]) -> bool:
        ok = all(sum(c * v for c, v in zip(row, x)) >= r for row, r in zip(rows, rhs))
        cost = sum(c * v for c, v in zip(costs, x))
        return (
            ok
            and all(v >= 0 for v in x)
            and (budget is None or cost <= _fraction(sp.sympify(budget)))
        )

    zero = [Fraction(0)] * len(names)
    if satisfied(zero):
        return PolicyMix("holds_at_zero", dict(zip(names, zero)), Fraction(0), True)
    a_ub = [[-float(c) for c in row] for row in rows]
    b_ub = [-float(r) for r in rhs]
    if budget is not None:
        a_ub.append([float(c) for c in costs])
        b_ub.append(float(_fraction(sp.sympify(budget))))
    result = linprog(
        [float(c) for c in costs],
        A_ub=a_ub,
        b_ub=b_ub,
        bounds=[(0, None)] * len(names),
        method="highs",
    )
    if result.status == 2:
        return PolicyMix("infeasible", {}, None, True)
    if result.status != 0:
        raise DesignError(f"cheapest_policy: the linear programme failed: {result.message}")
    levels = [Fraction(float(v)).limit_denominator(10**6) for v in result.x]
    if satisfied(levels):
        cost = sum((c * v for c, v in zip(costs, levels)), Fraction(0))
        return PolicyMix("optimal", dict(zip(names, levels)), cost, True)
    return PolicyMix(
        "optimal", {n: float(v) for n, v in zip(names, result.x)}, float(result.fun), False
    )


# --------------------------------------------------------------------------- comparative statics


@dataclass(frozen=True)
class ComparativeStatics:
    """Derivatives of the 2x2 completely mixed equilibrium (from :func:`comparative_statics`).

    Attributes
    ----------
    parameter
        The parameter differentiated by.
    probabilities, payoffs
        ``(p, q)`` (probability of each player's first strategy) and the expected
        payoffs at the mixed equilibrium.
    probability_derivatives, payoff_derivatives
        Their derivatives with respect to :attr:`parameter`.
    """

    parameter: sp.Symbol
    probabilities: tuple[Any, Any]
    payoffs: tuple[Any, Any]
    probability_derivatives: tuple[Any, Any]
    payoff_derivatives: tuple[Any, Any]


def comparative_statics(game: Game, parameter: str | sp.Symbol,
                        values: Mapping[str, Any] | None = None) -> ComparativeStatics:
    """Derivatives of the mixed equilibrium of a 2x2 game with respect to a parameter.

    Uses the closed form of :func:`coopgame.equilibria._symbolic.equilibrium_conditions`
    (indifference conditions) and differentiates it with sympy; ``values`` are
    substituted *after* differentiating (the parameter itself may be given a value
    to evaluate the derivative there).

    Examples
    --------
    In matching pennies with a parameter ``h`` in the row player's own payoff, the
    row player's mix does not move (it makes the *column* player indifferent) while
    the column player's does: the "paradox" of mixed equilibria (Tsebelis, 1989,
    *American Political Science Review* 83(1)).

    >>> g = Game.bimatrix([["h", -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> cs = comparative_statics(g, "h")
    >>> cs.probability_derivatives
    (0, -2/(h + 3)**2)
    """
    from coopgame.equilibria import equilibrium_conditions

    if game.shape != (2, 2):
        raise DesignError(f"comparative_statics needs a 2x2 game; got shape {game.shape}")
    symbol = _symbol_of(game, str(parameter))
    if symbol not in game.parameters:
        raise DesignError(f"the game does not depend on {str(parameter)!r}; its parameters are "
                          f"{sorted(map(str, game.parameters))}")
    mixed = equilibrium_conditions(game).mixed
    if mixed is None:
        raise DesignError("the game has no closed-form completely mixed equilibrium")
    mapping = {}
    for k, v in (values or {}).items():
        match = [s for s in game.parameters if str(s) == str(k)]
        if not match:
            raise DesignError(f"values: unknown parameter {k!r}")
        mapping[match[0]] = to_symbolic(v)

    def at(expr: Any) -> Any:
        return sp.simplify(sp.sympify(expr).subs(mapping))

    probabilities = tuple(sp.sympify(p) for p in mixed.probabilities)
    payoffs = tuple(sp.sympify(u) for u in mixed.payoffs)
    return ComparativeStatics(
        symbol,
        (at(probabilities[0]), at(probabilities[1])),
        (at(payoffs[0]), at(payoffs[1])),
        (at(sp.diff(probabilities[0], symbol)), at(sp.diff(probabilities[1], symbol))),
        (at(sp.diff(payoffs[0], symbol)), at(sp.diff(payoffs[1], symbol))),
    )
