"""Exact, symbolic and float numbers in one place.

A payoff (or a probability) in coopgame is one of three kinds:

``"float"``
    a Python/numpy float; compared only with an explicit tolerance.
``"exact"``
    a rational number, held as :class:`fractions.Fraction` (fast, hashable and
    understood by numpy object arrays). Ints, ``Fraction``, sympy ``Rational``,
    decimal strings (``"0.1"`` is exactly 1/10, as in Gambit's files) and
    ratio strings (``"2/3"``) are all exact input.
``"symbolic"``
    a sympy expression with free symbols (a subsidy ``s``, a tax rate ``tau``).

Every solver decides its behaviour from :func:`array_kind` of the payoffs, so
"exact in, exact out" is decided here once.
"""

from __future__ import annotations

import math
import numbers as _numbers
import re
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from coopgame.errors import CoopgameError

Kind = Literal["float", "exact", "symbolic"]

#: Default absolute tolerance of float-mode certificates (regret, sums to one).
DEFAULT_TOL = 1e-9


class InvalidNumberError(CoopgameError):
    """A payoff or probability that is not a finite number or a valid expression."""


def _sympy() -> Any:
    # sympy costs ~0.3 s to import: load it only when a value needs it.
    import sympy

    return sympy


def is_sympy(value: object) -> bool:
    """Whether ``value`` is a sympy object (without importing sympy)."""
    return type(value).__module__.startswith("sympy")


def to_exact(value: object) -> Fraction:
    """Convert a number or numeric string to an exact :class:`~fractions.Fraction`.

    Floats are read by their shortest decimal representation, so ``0.1`` becomes
    ``1/10`` (what the user typed), not the binary approximation.

    Examples
    --------
    >>> to_exact("2/3"), to_exact(0.1), to_exact(3)
    (Fraction(2, 3), Fraction(1, 10), Fraction(3, 1))
    >>> to_exact("1e-2")
    Fraction(1, 100)
    """
    if isinstance(value, Fraction):
        return value
    if isinstance(value, bool):
        raise InvalidNumberError(f"{value!r} is a boolean, not a number")
    if isinstance(value, (int, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise InvalidNumberError(f"{value!r} is not a finite number")
        return Fraction(repr(float(value)))
    if isinstance(value, str):
        text = value.strip()
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InvalidNumberError(f"{value!r} is not a number") from None
    if is_sympy(value):
        sp = _sympy()
        expr = sp.sympify(value)
        if expr.is_Rational:
            return Fraction(int(expr.p), int(expr.q))
        if expr.is_Float:
            return to_exact(float(expr))
        raise InvalidNumberError(f"{value!r} is not a rational number")
    if isinstance(value, _numbers.Rational):
        return Fraction(int(value.numerator), int(value.denominator))
    raise InvalidNumberError(f"{value!r} (type {type(value).__name__}) is not a number")


def _classify_one(value: object) -> Kind:
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise InvalidNumberError(f"{value!r} is not a finite number")
        return "float"
    if isinstance(value, (bool, np.bool_)):
        raise InvalidNumberError(f"{value!r} is a boolean, not a number")
    if isinstance(value, (int, np.integer, Fraction)):
        return "exact"
    if isinstance(value, str):
        text = value.strip()
        try:
            Fraction(text)
        except (ValueError, ZeroDivisionError):
            return "symbolic"  # parsed by sympy later; errors are reported there
        # "0.5" in a string is the user's exact decimal, as in .nfg files
        return "exact"
    if is_sympy(value):
        sp = _sympy()
        expr = sp.sympify(value)
        if expr.free_symbols:
            return "symbolic"
        if expr.is_Rational:
            return "exact"
        if expr.is_Float:
            return "float"
        if expr.is_number:
            if expr.is_real is False or not expr.is_finite:
                raise InvalidNumberError(f"{value!r} is not a finite real number")
            return "symbolic"  # e.g. sqrt(2): exact, but not rational
        return "symbolic"
    if isinstance(value, _numbers.Rational):
        return "exact"
    if isinstance(value, _numbers.Real):
        return "float"
    raise InvalidNumberError(f"{value!r} (type {type(value).__name__}) is not a number")


def array_kind(values: npt.ArrayLike) -> Kind:
    """The kind of an array of payoffs: the "widest" kind among its entries.

    float < exact < symbolic, except that mixing floats with exact numbers gives
    ``"float"`` (an inexact number makes the whole game inexact).

    Examples
    --------
    >>> array_kind([1, 2, 3]), array_kind([1, 0.5]), array_kind(["1/2", "s"])
    ('exact', 'float', 'symbolic')
    """
    arr = np.asarray(values, dtype=object) if not isinstance(values, np.ndarray) else values
    if arr.dtype.kind == "f":
        if not np.all(np.isfinite(arr)):
            raise InvalidNumberError("payoffs contain NaN or infinity")
        return "float"
    if arr.dtype.kind in "iu":
        return "exact"
    if arr.dtype.kind == "b":
        raise InvalidNumberError("payoffs are booleans, not numbers")
    kinds = {_classify_one(v) for v in arr.ravel()}
    if "symbolic" in kinds:
        return "symbolic"
    if "float" in kinds:
        return "float"
    return "exact"


def to_symbolic(value: object) -> Any:
    """Convert a value to a sympy expression; strings are parsed with sympy syntax."""
    sp = _sympy()
    if isinstance(value, Fraction):
        return sp.Rational(value.numerator, value.denominator)
    if isinstance(value, str):
        return parse_expression(value)
    if isinstance(value, (float, np.floating)):
        return sp.Float(float(value))
    if isinstance(value, (int, np.integer)):
        return sp.Integer(int(value))
    return sp.sympify(value)


#: Names in expressions that mean functions; every other name is a parameter (a sympy Symbol),
#: so that "S", "E", "I", "N" or "pi" are parameters, not sympy's singletons or constants.
EXPRESSION_FUNCTIONS = ("sqrt", "exp", "log", "Min", "Max", "Abs")

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def parse_expression(text: str) -> Any:
    """Parse sympy syntax where every name except :data:`EXPRESSION_FUNCTIONS` is a symbol.

    Decimals become exact rationals.

    Examples
    --------
    >>> parse_expression("a*R - C_s + 0.5")
    -C_s + R*a + 1/2
    >>> parse_expression("S + E + I")  # parameters, not sympy.S, Euler's number or sqrt(-1)
    E + I + S
    """
    sp = _sympy()
    from sympy.parsing.sympy_parser import parse_expr, rationalize, standard_transformations

    names = {n: sp.Symbol(n) for n in _IDENTIFIER.findall(text) if n not in EXPRESSION_FUNCTIONS}
    names.update({f: getattr(sp, f) for f in EXPRESSION_FUNCTIONS})
    try:
        expr = parse_expr(
            text, local_dict=names, transformations=(*standard_transformations, rationalize)
        )
    except Exception as exc:  # sympy raises many types (SyntaxError, TokenError, TypeError, ...)
        raise InvalidNumberError(f"cannot parse {text!r} as an expression: {exc}") from None
    if not isinstance(expr, sp.Expr):
        raise InvalidNumberError(f"{text!r} is not an arithmetic expression")
    return expr


def convert_array(values: npt.ArrayLike, kind: Kind) -> np.ndarray:
    """Convert every entry of ``values`` to ``kind``: float64 array or object array.

    Examples
    --------
    >>> convert_array([["1/2", 1]], "exact")
    array([[Fraction(1, 2), Fraction(1, 1)]], dtype=object)
    """
    arr = np.asarray(values, dtype=object)
    if kind == "float":
        out = np.empty(arr.shape, dtype=float)
        flat = out.reshape(-1)
        for i, v in enumerate(arr.ravel()):
            flat[i] = float(to_exact(v)) if isinstance(v, str) else float(v)
        if not np.all(np.isfinite(out)):
            raise InvalidNumberError("payoffs contain NaN or infinity")
        return out
    converter = to_exact if kind == "exact" else to_symbolic
    out_obj = np.empty(arr.shape, dtype=object)
    flat_obj = out_obj.reshape(-1)
    for i, v in enumerate(arr.ravel()):
        flat_obj[i] = converter(v)
    return out_obj


def is_close(a: float, b: float, tol: float = DEFAULT_TOL) -> bool:
    """Absolute-tolerance float comparison used throughout (never ``==`` on floats)."""
    return abs(a - b) <= tol


def common_denominator(values: np.ndarray) -> int:
    """Least common multiple of the denominators of an exact object array."""
    lcm = 1
    for v in values.ravel():
        lcm = math.lcm(lcm, v.denominator)
    return lcm


def to_integer_array(values: np.ndarray) -> np.ndarray:
    """Scale an exact array to Python ints by its common denominator (object dtype).

    Positive scaling changes no equilibrium, so exact solvers pivot on integers.
    """
    scale = common_denominator(values)
    out = np.empty(values.shape, dtype=object)
    flat = out.reshape(-1)
    for i, v in enumerate(values.ravel()):
        flat[i] = int(v * scale)
    return out
