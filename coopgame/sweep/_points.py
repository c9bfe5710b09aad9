"""The parameter points of a sweep: grid axes and their Cartesian product, or a given point set.

An axis is written ``"NAME=START:STOP:NUM"``: ``NUM`` evenly spaced values from ``START``
to ``STOP`` inclusive, computed exactly (``START`` and ``STOP`` may be ``"1/3"`` or
``"0.5"``), so that a point on a threshold is the threshold itself, not a float near it.

A point set (``points=``: a DataFrame or a mapping name -> values, e.g. random draws) is
checked by :func:`point_set`, whole arrays at a time: a million float points cost
milliseconds, and exact values (integers, Fractions) stay exact for the general path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame.errors import CoopgameError
from coopgame.numbers import InvalidNumberError, to_exact

if TYPE_CHECKING:
    import pandas

__all__ = [
    "PointSet",
    "SweepError",
    "axis_values",
    "grid",
    "mesh",
    "parse_axes",
    "parse_axis",
    "point_set",
]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class SweepError(CoopgameError):
    """A sweep that cannot run as asked: a bad axis, an unknown parameter or analysis, ..."""


def _number(text: str, what: str, axis: str) -> Fraction:
    try:
        return to_exact(text.strip())
    except InvalidNumberError:
        raise SweepError(
            f"axis {axis!r}: {what} {text.strip()!r} is not a number (write 3, 0.25 or 1/4)"
        ) from None


def axis_values(start: Any, stop: Any, num: int, axis: str = "axis") -> tuple[Fraction, ...]:
    """``num`` exact values from ``start`` to ``stop`` inclusive.

    Examples
    --------
    >>> axis_values(0, 1, 3)
    (Fraction(0, 1), Fraction(1, 2), Fraction(1, 1))
    >>> axis_values("1/3", "1/3", 1)
    (Fraction(1, 3),)
    """
    if isinstance(num, bool) or not isinstance(num, (int, np.integer)) or num < 1:
        raise SweepError(
            f"axis {axis!r}: the number of points must be an integer >= 1, got {num!r}"
        )
    first = start if isinstance(start, Fraction) else _number(str(start), "start", axis)
    last = stop if isinstance(stop, Fraction) else _number(str(stop), "stop", axis)
    if num == 1:
        return (first,)
    if not last > first:
        raise SweepError(
            f"axis {axis!r}: stop {last} must be greater than start {first} (or use 1 point)"
        )
    step = (last - first) / (int(num) - 1)
    return tuple(first + k * step for k in range(int(num)))


def parse_axis(text: str) -> tuple[str, tuple[Fraction, ...]]:
    """Parse ``"NAME=START:STOP:NUM"`` into the name and its exact values.

    Raises
    ------
    SweepError
        Naming the axis text: a missing ``=``, a bad name, not three ``:``-separated
        parts, a number that does not parse, ``NUM < 1`` or ``STOP <= START``.

    Examples
    --------
    >>> name, values = parse_axis("S_e=0:10:201")
    >>> name, len(values), values[1], values[-1]
    ('S_e', 201, Fraction(1, 20), Fraction(10, 1))
    >>> parse_axis("tau=1/3:0.5:2")
    ('tau', (Fraction(1, 3), Fraction(1, 2)))
    >>> parse_axis("S_e=0:10")
    Traceback (most recent call last):
    ...
    coopgame.sweep._points.SweepError: axis 'S_e=0:10': expected NAME=START:STOP:NUM, e.g.
    S_e=0:10:201
    """
    if not isinstance(text, str):
        raise SweepError(f"an axis is a string NAME=START:STOP:NUM, got {text!r}")
    name, sep, spec = text.partition("=")
    name = name.strip()
    parts = spec.split(":")
    if not sep or len(parts) != 3:
        raise SweepError(f"axis {text!r}: expected NAME=START:STOP:NUM, e.g. S_e=0:10:201")
    if not _NAME.match(name):
        raise SweepError(f"axis {text!r}: {name!r} is not a parameter name")
    try:
        num = int(parts[2].strip())
    except ValueError:
        raise SweepError(
            f"axis {text!r}: the number of points {parts[2].strip()!r} is not an integer"
        ) from None
    return name, axis_values(
        _number(parts[0], "start", text), _number(parts[1], "stop", text), num, text
    )


def parse_axes(
    axes: Mapping[str, Sequence[Any] | str] | Sequence[str] | str,
) -> dict[str, tuple[Fraction, ...]]:
    """Every axis of a grid as exact values, in the given order.

    A mapping name -> axis, where an axis is a string (``"0:10:201"`` or ``"S_e=0:10:201"``,
    whose name must match its key) or a sequence of numbers (read exactly: ``0.1`` is 1/10);
    or axis strings ``"NAME=START:STOP:NUM"`` alone (one, or a list), as on the command line.

    Examples
    --------
    >>> parse_axes({"S_e": "0:10:3", "tau": [0, "1/4"]})
    {'S_e': (Fraction(0, 1), Fraction(5, 1), Fraction(10, 1)), 'tau': (Fraction(0, 1), Fraction(1,
    4))}
    >>> list(parse_axes(["S_e=0:10:201", "tau=0:0.5:101"]))
    ['S_e', 'tau']
    """
    if isinstance(axes, str) or (
        isinstance(axes, Sequence) and all(isinstance(a, str) for a in axes)
    ):
        texts = [axes] if isinstance(axes, str) else list(axes)
        parsed_texts = [parse_axis(t) for t in texts]
        names = [n for n, _ in parsed_texts]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise SweepError(f"grid axis {repeated[0]!r} is given twice")
        return dict(parsed_texts)
    if not isinstance(axes, Mapping) or not axes:
        raise SweepError(
            "a grid needs at least one axis: a mapping name -> 'START:STOP:NUM' or values"
        )
    parsed: dict[str, tuple[Fraction, ...]] = {}
    for key, spec in axes.items():
        name = str(key)
        if not _NAME.match(name):
            raise SweepError(f"grid axis {name!r}: not a parameter name")
        if isinstance(spec, str):
            text = spec if "=" in spec else f"{name}={spec}"
            found, values = parse_axis(text)
            if found != name:
                raise SweepError(f"grid axis {name!r}: the axis text {spec!r} names {found!r}")
        else:
            try:
                items = list(spec)
            except TypeError:
                raise SweepError(
                    f"grid axis {name!r}: expected 'START:STOP:NUM' or a sequence of values, "
                    f"got {spec!r}"
                ) from None
            if not items:
                raise SweepError(f"grid axis {name!r}: no values")
            try:
                values = tuple(to_exact(v) for v in items)
            except InvalidNumberError as exc:
                raise SweepError(f"grid axis {name!r}: {exc}") from None
        parsed[name] = values
    return parsed


def grid(axes: Mapping[str, Sequence[Any] | str] | Sequence[str] | str) -> pandas.DataFrame:
    """The Cartesian product of the axes as a DataFrame of float columns.

    The first axis varies slowest (C order, as ``np.meshgrid(..., indexing="ij")``).

    Examples
    --------
    >>> grid({"S_e": "0:10:3", "tau": "0:0.5:2"})
        S_e  tau
    0   0.0  0.0
    1   0.0  0.5
    2   5.0  0.0
    3   5.0  0.5
    4  10.0  0.0
    5  10.0  0.5
    """
    import pandas as pd

    return pd.DataFrame(mesh(parse_axes(axes)))


def mesh(axes: Mapping[str, Sequence[Any]]) -> dict[str, np.ndarray]:
    """The Cartesian product of parsed axes as float arrays, one per name (first axis slowest).

    Examples
    --------
    >>> mesh({"a": (0, 1), "b": (Fraction(1, 2), 2, 3)})["a"].tolist()
    [0.0, 0.0, 0.0, 1.0, 1.0, 1.0]
    """
    grids = np.meshgrid(
        *(np.array([float(v) for v in values]) for values in axes.values()), indexing="ij"
    )
    return {name: g.ravel() for name, g in zip(axes, grids)}


# --------------------------------------------------------------------------- point sets
#: the types a value of a point set may have; bools are ints to Python, but never a parameter value
_NUMBER_TYPES = (int, float, Fraction, np.integer, np.floating)
_RATIONAL_TYPES = (int, Fraction, np.integer)
_FLAG_TYPES = (bool, np.bool_)


def _is_number_type(kind: type) -> bool:
    return issubclass(kind, _NUMBER_TYPES) and not issubclass(kind, _FLAG_TYPES)


@dataclass(frozen=True, eq=False)
class PointSet:
    """A checked point set: one flat array per parameter, all of the same length.

    Attributes
    ----------
    columns
        Parameter name -> its values: ``float64`` for float input, an integer dtype for
        integer arrays, ``object`` (Python ints, Fractions, maybe floats) for values given
        one by one that are not all floats. Every value is a finite number.
    n
        The number of points.
    exact
        Whether every value is an integer or a Fraction: then the general path can
        evaluate the games exactly.

    Examples
    --------
    >>> ps = point_set({"S_e": [0, Fraction(1, 3)], "tau": np.array([0.25, 0.5])})
    >>> ps.n, ps.exact, ps.columns["S_e"].dtype, ps.columns["tau"].dtype
    (2, False, dtype('O'), dtype('float64'))
    >>> ps.floats()["S_e"].round(4).tolist()
    [0.0, 0.3333]
    """

    columns: Mapping[str, np.ndarray]
    n: int
    exact: bool

    @property
    def names(self) -> tuple[str, ...]:
        """The parameter names, in the given order.

        Examples
        --------
        >>> point_set({"b": [1], "a": [2]}).names
        ('b', 'a')
        """
        return tuple(self.columns)

    def floats(self) -> dict[str, np.ndarray]:
        """Every column as a ``float64`` array (float columns as given, without a copy).

        Examples
        --------
        >>> point_set({"x": [1, 2]}).floats()["x"]
        array([1., 2.])
        """
        return {
            name: values.astype(np.float64, copy=False) for name, values in self.columns.items()
        }


def _show(value: Any) -> str:
    """A value for an error message: numpy scalars as plain Python values."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or type(value).__name__ == "NAType":
        return f"{value!r} (a missing value)"
    return repr(value)


def _first_non_finite(values: np.ndarray) -> int | None:
    """The first row holding a NaN or an infinity, or None."""
    finite = np.isfinite(values)
    return None if finite.all() else int(np.argmin(finite))


def _object_column(
    label: str, items: np.ndarray, error: type[ValueError]
) -> tuple[np.ndarray, bool]:
    """Check a column of Python objects: (the column, whether every value is rational).

    All floats: a float64 array (float samples stay float). Otherwise the objects as
    given, so that ints and Fractions reach the general path exactly.
    """
    types = set(map(type, items))
    bad = {kind for kind in types if not _is_number_type(kind)}
    if bad:
        first = next(k for k, v in enumerate(items) if type(v) in bad)
        raise error(f"{label}, row {first}: {_show(items[first])} is not a number")
    row: int | None
    if all(issubclass(kind, _RATIONAL_TYPES) for kind in types):
        return items, True
    if all(issubclass(kind, (float, np.floating)) for kind in types):
        values = items.astype(np.float64)
        row = _first_non_finite(values)
    else:  # floats mixed with ints or Fractions: only the floats can be NaN or infinite
        try:
            row = _first_non_finite(items.astype(np.float64))
        except OverflowError:  # an int too large for a float: no vectorised test
            row = next((k for k, v in enumerate(items)
                        if isinstance(v, (float, np.floating)) and not math.isfinite(v)), None)
        values = items
    if row is not None:
        raise error(f"{label}, row {row}: {_show(items[row])} is not a finite number")
    return values, False


def _point_column(label: str, values: Any, error: type[ValueError]) -> tuple[np.ndarray, bool]:
    """One checked column and whether it is exact (integers and Fractions only)."""
    if isinstance(values, (str, bytes)):
        raise error(f"{label}: expected a sequence of values, got a string")
    # numpy arrays, pandas Series and arrays
    if hasattr(values, "dtype") and hasattr(values, "__len__"):
        array = np.asarray(values)
    else:
        # Python sequences one object per value: numpy would read [1.5, True] as floats and
        # [1, "a"] as strings, hiding the value that is wrong
        try:
            array = np.array(values, dtype=object)
        except ValueError:
            raise error(
                f"{label}: expected a flat sequence of numbers, got a ragged nested sequence"
            ) from None
    if array.ndim != 1:
        if array.ndim:
            got = f"an array of shape {array.shape}"
        else:  # a number, or an object numpy could not read as a sequence (a set, a generator)
            got = (
                "a single value" if _is_number_type(type(values)) else f"a {type(values).__name__}"
            )
        raise error(f"{label}: expected a flat sequence of numbers, got {got}")
    kind = array.dtype.kind
    if kind == "f":
        array = array.astype(np.float64, copy=False)
        row = _first_non_finite(array)
        if row is not None:
            raise error(f"{label}, row {row}: {_show(array[row])} is not a finite number")
        return array, False
    if kind in "iu":
        return array, True
    if kind == "O":
        return _object_column(label, array, error)
    if not len(array):
        return array.astype(np.float64), False
    # booleans, strings, complex numbers, dates: no value of the column is a number
    raise error(
        f"{label}, row 0: {_show(array[0])} is not a number (the column's type is {array.dtype})"
    )


def point_set(points: Any, *, error: type[ValueError] = SweepError) -> PointSet:
    """Check a point set: a DataFrame or a mapping parameter name -> values, one value a point.

    Every column must be flat (1-D), of numbers (not booleans or strings), finite, and
    as long as the others. The checks run on whole arrays: numeric dtypes pass with one
    ``isfinite`` each; only columns of Python objects are looked at value by value, by type.

    Parameters
    ----------
    points
        A ``pandas.DataFrame`` or a mapping name -> sequence (list, numpy array, Series).
    error
        The exception raised (a ``ValueError`` subclass): ``SweepError`` for the sweep
        engine, ``FastSweepError`` for the fast path.

    Returns
    -------
    PointSet
        Float input as ``float64`` arrays; integers and Fractions kept exact.

    Raises
    ------
    error
        Naming the parameter and the first bad row: not a mapping, no parameters, a
        parameter given twice, a column that is not flat, a value that is not a number
        or not finite, columns of different lengths.

    Examples
    --------
    >>> ps = point_set({"S_e": [0, 5, 10], "C_e": [Fraction(1, 2), 1, 2]})
    >>> ps.n, ps.exact, ps.columns["C_e"].tolist()
    (3, True, [Fraction(1, 2), 1, 2])
    >>> point_set({"S_e": np.array([1.0, np.inf])})
    Traceback (most recent call last):
    ...
    coopgame.sweep._points.SweepError: points['S_e'], row 1: inf is not a finite number
    >>> point_set({"S_e": [1, 2], "C_e": [1.0]})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    coopgame.sweep._points.SweepError: points['C_e'] has 1 value but points['S_e'] has 2: every
    parameter ...
    """
    if hasattr(points, "columns") and hasattr(points, "to_dict"):  # a DataFrame
        names = [str(c) for c in points.columns]
        raw: list[Any] = [points.iloc[:, k] for k in range(len(names))]
    elif isinstance(points, Mapping):
        names = [str(k) for k in points]
        raw = list(points.values())
    else:
        raise error(
            f"points: expected a DataFrame or a mapping name -> values, got {type(points).__name__}"
        )
    if not names:
        raise error("points: no parameters given")
    repeated = next((n for k, n in enumerate(names) if n in names[:k]), None)
    if repeated is not None:
        raise error(f"points: parameter {repeated!r} is given twice")
    columns: dict[str, np.ndarray] = {}
    exact = True
    for name, values in zip(names, raw):
        columns[name], rational = _point_column(f"points[{name!r}]", values, error)
        exact = exact and rational
    first = names[0]
    sizes = {name: len(values) for name, values in columns.items()}
    other = next((n for n in names if sizes[n] != sizes[first]), None)
    if other is not None:
        count = f"{sizes[other]} value" + ("" if sizes[other] == 1 else "s")
        raise error(f"points[{other!r}] has {count} but points[{first!r}] has {sizes[first]}: "
                    "every parameter needs the same number of values, one per point")
    return PointSet(columns, sizes[first], exact)
