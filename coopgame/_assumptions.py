"""Assumptions on a symbolic game's parameters: reading them, deciding signs, checking values.

Shared by the symbolic equilibrium conditions (:func:`coopgame.equilibria.equilibrium_conditions`)
and policy design (:mod:`coopgame.design`), which substitute values and decide conditions the
same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import sympy as sp
from sympy.logic.boolalg import Boolean, BooleanAtom

from coopgame.errors import CoopgameError
from coopgame.game import GameError
from coopgame.numbers import InvalidNumberError, to_exact, to_symbolic

__all__ = ["AssumptionError"]


class AssumptionError(CoopgameError):
    """An assumption that is not a sympy condition on the game's parameters, or values violating
    one.
    """


# ---------------------------------------------------------------- substituting values


def _value_mapping(values: Mapping[Any, Any], known: frozenset[Any] | None) -> dict[Any, Any]:
    """``{symbol: exact sympy number}`` from a mapping keyed by symbols or their names."""
    mapping: dict[Any, Any] = {}
    by_name = None if known is None else {str(s): s for s in known}
    for key, value in values.items():
        name = str(key)
        if by_name is not None:
            if name not in by_name:
                raise GameError(f"unknown parameter {name!r}; the parameters are {sorted(by_name)}")
            symbol = by_name[name]
        else:
            symbol = key if isinstance(key, sp.Symbol) else sp.Symbol(name)
        try:
            # floats are read as the decimals they print as, so comparisons stay exact
            number = to_exact(value) if isinstance(value, (float, np.floating)) else value
            mapping[symbol] = to_symbolic(number)
        except (InvalidNumberError, TypeError, sp.SympifyError) as exc:
            raise InvalidNumberError(f"value of {name!r} is not a number: {exc}") from None
        if not getattr(mapping[symbol], "is_number", False) or mapping[symbol].is_real is False:
            raise InvalidNumberError(f"value of {name!r} is not a real number: {value!r}")
    return mapping


def _decide(condition: Boolean, mapping: Mapping[Any, Any], what: str) -> bool:
    """Substitute and return the truth value; a clear error when parameters are left free."""
    if isinstance(condition, BooleanAtom):
        return bool(condition)
    # keys are symbols: an exact replacement, rebuilt bottom-up, decides each relation
    result = condition.xreplace({x: mapping[x] for x in condition.free_symbols if x in mapping})
    if isinstance(result, BooleanAtom):
        return bool(result)
    free = sorted(map(str, getattr(result, "free_symbols", set())))
    if free:
        raise GameError(f"cannot decide {what}: no value given for {free}")
    raise GameError(f"cannot decide {what}: {result} does not evaluate to true or false")


def _check_assumptions(assumptions: tuple[Boolean, ...], mapping: Mapping[Any, Any]) -> None:
    for assumption in assumptions:
        substituted = assumption.xreplace(mapping)
        if not substituted.free_symbols and not isinstance(substituted, BooleanAtom):
            substituted = sp.ask(substituted)  # a Q-predicate on numbers, e.g. Q.positive(-1)
        if substituted is False or substituted == sp.false:
            raise AssumptionError(f"the values violate the assumption {assumption}; "
                                  "the conditions were simplified under it")


@dataclass(frozen=True)
class _Context:
    """How signs are decided: symbols carrying sign assumptions, and the other assumptions for ask.
    """

    to_signed: dict[Any, Any]
    from_signed: dict[Any, Any]
    facts: Any  # a sympy Boolean of Q-predicates, or sympy.true
    answers: dict[tuple[str, Any], bool] = field(default_factory=dict)

    def is_true(self, predicate: Any, expr: Any) -> bool:
        """Whether ``predicate(expr)`` is implied (old assumptions first: fast)."""
        name = predicate.name  # e.g. "positive", "nonnegative"
        known = getattr(expr, f"is_{name}", None)
        if known is not None:
            return bool(known)
        if self.facts is sp.true or not (expr.free_symbols & self.facts.free_symbols):
            return False  # facts about other parameters cannot decide this sign
        key = (name, expr)
        # ask takes ~0.1 s; the same signs are asked for again and again
        if key not in self.answers:
            try:
                self.answers[key] = bool(sp.ask(predicate(expr), self.facts))
            except ValueError as exc:  # sympy reports contradictory assumptions this way
                raise AssumptionError(f"the assumptions are inconsistent: {exc}") from None
        return self.answers[key]


_PREDICATE_OF = {sp.StrictGreaterThan: "positive", sp.GreaterThan: "nonnegative",
                 sp.StrictLessThan: "negative", sp.LessThan: "nonpositive",
                 sp.Unequality: "nonzero", sp.Equality: "zero"}


def _assumption_atoms(assumption: Any) -> list[Any]:
    if isinstance(assumption, str) or not isinstance(assumption, sp.Basic):
        raise AssumptionError(
            f"an assumption must be a sympy condition such as sympy.Symbol('C_s') > 0 or "
            f"sympy.Q.positive(sympy.Symbol('C_s')); got {type(assumption).__name__} {assumption!r}"
        )
    if isinstance(assumption, BooleanAtom):
        raise AssumptionError(
            f"an assumption is {assumption} by itself (a symbol created with sympy assumptions?); "
            "state assumptions on plain symbols such as sympy.Symbol('C_s') > 0"
        )
    if isinstance(assumption, sp.And):
        return [atom for arg in assumption.args for atom in _assumption_atoms(arg)]
    if isinstance(assumption, sp.Rel) and type(assumption) in _PREDICATE_OF:
        return [getattr(sp.Q, _PREDICATE_OF[type(assumption)])(assumption.lhs - assumption.rhs)]
    if isinstance(assumption, sp.assumptions.AppliedPredicate):
        return [assumption]
    raise AssumptionError(f"unsupported assumption {assumption}: use relations (>, >=, <, <=, !=) "
                          "joined with &, or sympy.Q predicates")


def _build_context(assumptions: tuple[Any, ...], parameters: frozenset[Any]) -> _Context:
    """Sign assumptions on single parameters become symbols with sympy assumptions (fast and
    understood by every simplification); the rest are kept as facts for :func:`sympy.ask`."""
    by_name = {str(s): s for s in parameters}
    flags: dict[Any, dict[str, bool]] = {}
    others = []
    for assumption in assumptions:
        for atom in _assumption_atoms(assumption):
            for symbol in atom.free_symbols:
                if symbol not in parameters:
                    hint = (" (a symbol of that name with other sympy assumptions is in the game; "
                            "use a plain sympy.Symbol)" if str(symbol) in by_name else "")
                    raise AssumptionError(f"assumption {atom} is about {symbol}, which is not a "
                                          f"parameter of the game {sorted(by_name)}{hint}")
            arg = atom.arguments[0]
            coefficient, rest = arg.as_coeff_Mul()
            name = atom.function.name
            if isinstance(rest, sp.Symbol) and coefficient != 0 and name in _FLIP:
                flags.setdefault(rest, {})[name if coefficient > 0 else _FLIP[name]] = True
            else:
                others.append(atom)
    to_signed: dict[Any, Any] = {}
    for symbol in sorted(parameters, key=str):
        # payoff parameters are real numbers: that alone decides signs such as x**2 + 1 > 0
        own = {k: v for k, v in symbol.assumptions0.items() if k != "commutative"}
        if symbol.is_real is False:
            continue
        try:
            to_signed[symbol] = sp.Dummy(
                str(symbol), **{**own, "real": True, **flags.get(symbol, {})}
            )
        except Exception:  # sympy's InconsistentAssumptions (its message lists every derived fact)
            wanted = sorted(flags.get(symbol, {}))
            raise AssumptionError(
                f"inconsistent assumptions on {symbol}: {wanted} contradicts "
                f"the other assumptions on it"
            ) from None
    facts = sp.And(*(atom.xreplace(to_signed) for atom in others)) if others else sp.true
    return _Context(to_signed, {v: k for k, v in to_signed.items()}, facts)


_FLIP = {"positive": "negative", "negative": "positive", "nonnegative": "nonpositive",
         "nonpositive": "nonnegative", "nonzero": "nonzero"}


# ---------------------------------------------------------------- readable inequalities
