"""Grid axes and their Cartesian product: the parameter points of a sweep.

An axis is written ``"NAME=START:STOP:NUM"``: ``NUM`` evenly spaced values from ``START``
to ``STOP`` inclusive, computed exactly (``START`` and ``STOP`` may be ``"1/3"`` or
``"0.5"``), so that a point on a threshold is the threshold itself, not a float near it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame.numbers import InvalidNumberError, to_exact

if TYPE_CHECKING:
    import pandas

__all__ = ["SweepError", "axis_values", "grid", "mesh", "parse_axes", "parse_axis"]

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


class SweepError(ValueError):
    """A sweep that cannot run as asked: a bad axis, an unknown parameter or analysis, ..."""


def _number(text: str, what: str, axis: str) -> Fraction:
    try:
        return to_exact(text.strip())
    except InvalidNumberError:
        raise SweepError(f"axis {axis!r}: {what} {text.strip()!r} is not a number (write 3, 0.25 or 1/4)") from None


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
        raise SweepError(f"axis {axis!r}: the number of points must be an integer >= 1, got {num!r}")
    first = start if isinstance(start, Fraction) else _number(str(start), "start", axis)
    last = stop if isinstance(stop, Fraction) else _number(str(stop), "stop", axis)
    if num == 1:
        return (first,)
    if not last > first:
        raise SweepError(f"axis {axis!r}: stop {last} must be greater than start {first} (or use 1 point)")
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
    coopgame.sweep.points.SweepError: axis 'S_e=0:10': expected NAME=START:STOP:NUM, e.g. S_e=0:10:201
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
        raise SweepError(f"axis {text!r}: the number of points {parts[2].strip()!r} is not an integer") from None
    return name, axis_values(_number(parts[0], "start", text), _number(parts[1], "stop", text), num, text)


def parse_axes(axes: Mapping[str, Sequence[Any] | str] | Sequence[str] | str) -> dict[str, tuple[Fraction, ...]]:
    """Every axis of a grid as exact values, in the given order.

    A mapping name -> axis, where an axis is a string (``"0:10:201"`` or ``"S_e=0:10:201"``,
    whose name must match its key) or a sequence of numbers (read exactly: ``0.1`` is 1/10);
    or axis strings ``"NAME=START:STOP:NUM"`` alone (one, or a list), as on the command line.

    Examples
    --------
    >>> parse_axes({"S_e": "0:10:3", "tau": [0, "1/4"]})
    {'S_e': (Fraction(0, 1), Fraction(5, 1), Fraction(10, 1)), 'tau': (Fraction(0, 1), Fraction(1, 4))}
    >>> list(parse_axes(["S_e=0:10:201", "tau=0:0.5:101"]))
    ['S_e', 'tau']
    """
    if isinstance(axes, str) or (isinstance(axes, Sequence) and all(isinstance(a, str) for a in axes)):
        texts = [axes] if isinstance(axes, str) else list(axes)
        parsed_texts = [parse_axis(t) for t in texts]
        names = [n for n, _ in parsed_texts]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise SweepError(f"grid axis {repeated[0]!r} is given twice")
        return dict(parsed_texts)
    if not isinstance(axes, Mapping) or not axes:
        raise SweepError("a grid needs at least one axis: a mapping name -> 'START:STOP:NUM' or values")
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
                raise SweepError(f"grid axis {name!r}: expected 'START:STOP:NUM' or a sequence of values, "
                                 f"got {spec!r}") from None
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
    grids = np.meshgrid(*(np.array([float(v) for v in values]) for values in axes.values()), indexing="ij")
    return {name: g.ravel() for name, g in zip(axes, grids)}
