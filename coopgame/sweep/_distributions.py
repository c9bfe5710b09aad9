"""Probability distributions of uncertain parameters, and reproducible samples of them.

A scenario file says how unsure the analyst is about each parameter::

    [uncertainty]
    C_e = { distribution = "uniform", low = 30, high = 60 }
    B_e = { distribution = "triangular", low = 10, mode = 20, high = 35 }
    R = { distribution = "normal", mean = 100, sd = 10 }

:func:`parse_distribution` reads one such table, :func:`sample` draws a table of
points from several of them with a seeded :class:`numpy.random.Generator`, always
in the sorted order of the parameter names, so that the same seed gives the same
sample whatever order the distributions were given in.

Each distribution also knows the range a one-at-a-time sensitivity analysis moves
the parameter over (:attr:`Uniform.bounds`): the whole range ``[low, high]`` of a
bounded distribution, the 5% and 95% quantiles of a normal one.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist
from typing import Any

import numpy as np
import pandas as pd

from coopgame.errors import CoopgameError
from coopgame.numbers import InvalidNumberError, to_exact

__all__ = [
    "Distribution",
    "DistributionError",
    "Normal",
    "Triangular",
    "Uniform",
    "parse_distribution",
    "sample",
    "DISTRIBUTIONS",
]

#: the quantiles a sensitivity analysis uses for an unbounded distribution
SENSITIVITY_QUANTILES = (0.05, 0.95)


class DistributionError(CoopgameError):
    """A distribution with a bad parameter; the message starts with the key at fault.

    Attributes
    ----------
    key
        The key at fault (``"high"``, or ``"uncertainty.C_e.high"`` once located in a file).
    reason
        What is wrong with it.
    """

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


def _real(value: Any, key: str) -> float:
    """A finite float from a number or a ``"p/q"`` string (booleans refused: TOML ``true`` is no
    cost).
    """
    if isinstance(value, bool):
        raise DistributionError(key, "expected a number, got a boolean")
    if isinstance(value, (float, np.floating)) and not math.isfinite(value):
        raise DistributionError(key, f"must be a finite number, got {value!r}")
    try:
        return float(to_exact(value))
    except InvalidNumberError:
        raise DistributionError(
            key, f"{value!r} is not a number (write 3, 0.25 or \"1/4\")"
        ) from None
    except OverflowError:
        raise DistributionError(key, f"must be a finite number, got {value!r}") from None


@dataclass(frozen=True)
class Uniform:
    """Every value in ``[low, high]`` equally likely.

    Parameters
    ----------
    low, high
        The range; finite, ``low < high``.

    Examples
    --------
    >>> d = Uniform(30, 60)
    >>> d.mean, d.bounds, d.ppf(0.25)
    (45.0, (30.0, 60.0), 37.5)
    >>> Uniform(60, 30)
    Traceback (most recent call last):
    ...
    coopgame.sweep._distributions.DistributionError: high: must exceed low (60.0), got 30.0
    """

    low: float
    high: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "low", _real(self.low, "low"))
        object.__setattr__(self, "high", _real(self.high, "high"))
        if not self.high > self.low:
            raise DistributionError("high", f"must exceed low ({self.low}), got {self.high}")

    @property
    def mean(self) -> float:
        """The expected value ``(low + high) / 2``."""
        return (self.low + self.high) / 2

    @property
    def bounds(self) -> tuple[float, float]:
        """The range a sensitivity analysis moves the parameter over: ``(low, high)``."""
        return self.low, self.high

    def ppf(self, q: float) -> float:
        """The ``q``-quantile (inverse distribution function)."""
        _check_probability(q)
        return self.low + q * (self.high - self.low)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws.

        Examples
        --------
        >>> x = Uniform(0, 1).sample(np.random.default_rng(0), 1000)
        >>> x.shape, bool(((0 <= x) & (x < 1)).all())
        ((1000,), True)
        """
        return rng.uniform(self.low, self.high, size=n)


@dataclass(frozen=True)
class Triangular:
    """The triangular distribution on ``[low, high]`` with its peak at ``mode``.

    The usual three-point estimate ("at least 10, most likely 20, at most 35").

    Parameters
    ----------
    low, mode, high
        Finite, ``low <= mode <= high`` and ``low < high``.

    Examples
    --------
    >>> d = Triangular(10, 20, 35)
    >>> d.mean, d.bounds
    (21.666666666666668, (10.0, 35.0))
    >>> round(d.ppf(0.4), 10)   # F(20) = (20 - 10) / (35 - 10) = 0.4: the mode
    20.0
    >>> Triangular(10, 40, 35)
    Traceback (most recent call last):
    ...
    coopgame.sweep._distributions.DistributionError: mode: must lie between low (10.0) and high
    (35.0), got 40.0
    """

    low: float
    mode: float
    high: float

    def __post_init__(self) -> None:
        for name in ("low", "mode", "high"):
            object.__setattr__(self, name, _real(getattr(self, name), name))
        if not self.high > self.low:
            raise DistributionError("high", f"must exceed low ({self.low}), got {self.high}")
        if not self.low <= self.mode <= self.high:
            raise DistributionError(
                "mode", f"must lie between low ({self.low}) and high ({self.high}), got {self.mode}"
            )

    @property
    def mean(self) -> float:
        """The expected value ``(low + mode + high) / 3``."""
        return (self.low + self.mode + self.high) / 3

    @property
    def bounds(self) -> tuple[float, float]:
        """The range a sensitivity analysis moves the parameter over: ``(low, high)``."""
        return self.low, self.high

    def ppf(self, q: float) -> float:
        """The ``q``-quantile: the distribution function inverted on each side of the mode."""
        _check_probability(q)
        a, c, b = self.low, self.mode, self.high
        if q <= (c - a) / (b - a):
            return a + math.sqrt(q * (b - a) * (c - a))
        return b - math.sqrt((1 - q) * (b - a) * (b - c))

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws.

        Examples
        --------
        >>> x = Triangular(10, 20, 35).sample(np.random.default_rng(0), 1000)
        >>> bool(((10 <= x) & (x <= 35)).all())
        True
        """
        return rng.triangular(self.low, self.mode, self.high, size=n)


@dataclass(frozen=True)
class Normal:
    """The normal distribution with mean ``mean`` and standard deviation ``sd``.

    Parameters
    ----------
    mean, sd
        Finite, ``sd > 0``.

    Examples
    --------
    >>> d = Normal(100, 10)
    >>> lo, hi = d.bounds                  # the 5% and 95% quantiles: 100 -+ 1.6449 * 10
    >>> round(lo, 3), round(hi, 3)
    (83.551, 116.449)
    >>> Normal(100, 0)
    Traceback (most recent call last):
    ...
    coopgame.sweep._distributions.DistributionError: sd: must be positive, got 0.0
    """

    mean: float
    sd: float

    def __post_init__(self) -> None:
        object.__setattr__(self, "mean", _real(self.mean, "mean"))
        object.__setattr__(self, "sd", _real(self.sd, "sd"))
        if not self.sd > 0:
            raise DistributionError("sd", f"must be positive, got {self.sd}")

    @property
    def bounds(self) -> tuple[float, float]:
        """The range a sensitivity analysis moves the parameter over: the 5% and 95% quantiles."""
        return self.ppf(SENSITIVITY_QUANTILES[0]), self.ppf(SENSITIVITY_QUANTILES[1])

    def ppf(self, q: float) -> float:
        """The ``q``-quantile (``0 < q < 1``)."""
        _check_probability(q)
        if q in (0, 1):
            return -math.inf if q == 0 else math.inf
        return NormalDist(self.mean, self.sd).inv_cdf(q)

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """``n`` independent draws.

        Examples
        --------
        >>> x = Normal(100, 10).sample(np.random.default_rng(0), 10_000)
        >>> bool(abs(x.mean() - 100) < 0.5), bool(abs(x.std() - 10) < 0.5)
        (True, True)
        """
        return rng.normal(self.mean, self.sd, size=n)


Distribution = Uniform | Triangular | Normal

#: TOML name -> (class, its keys in the order of the constructor)
DISTRIBUTIONS: dict[str, tuple[type, tuple[str, ...]]] = {
    "uniform": (Uniform, ("low", "high")),
    "triangular": (Triangular, ("low", "mode", "high")),
    "normal": (Normal, ("mean", "sd")),
}


def _check_probability(q: float) -> None:
    if not 0 <= q <= 1:
        raise DistributionError("q", f"a probability must lie in [0, 1], got {q}")


def parse_distribution(mapping: Mapping[str, Any], key: str = "distribution") -> Distribution:
    """Build a distribution from its TOML table, naming ``key`` in every error.

    Parameters
    ----------
    mapping
        ``{"distribution": "uniform", "low": 30, "high": 60}``,
        ``{"distribution": "triangular", "low": ..., "mode": ..., "high": ...}`` or
        ``{"distribution": "normal", "mean": ..., "sd": ...}``; numbers may be ``"p/q"`` strings.
    key
        Where the table sits, e.g. ``"uncertainty.C_e"``; error messages start with it.

    Raises
    ------
    DistributionError
        Unknown distribution, missing or unknown keys, non-finite numbers, ``high <= low``,
        a mode outside ``[low, high]``, ``sd <= 0``.

    Examples
    --------
    >>> parse_distribution({"distribution": "uniform", "low": 30, "high": 60})
    Uniform(low=30.0, high=60.0)
    >>> parse_distribution({"distribution": "normal", "mean": "1/2", "sd": 0.1})
    Normal(mean=0.5, sd=0.1)
    >>> parse_distribution({"distribution": "uniform", "low": 60, "high": 30}, "uncertainty.C_e")
    Traceback (most recent call last):
    ...
    coopgame.sweep._distributions.DistributionError: uncertainty.C_e.high: must exceed low (60.0),
    got 30.0
    """
    if not isinstance(mapping, Mapping):
        raise DistributionError(
            key,
            "expected a table { distribution = \"uniform\", low = ..., high = ... }, "
            f"got {type(mapping).__name__}",
        )
    kind = mapping.get("distribution")
    if not isinstance(kind, str) or kind.strip().lower() not in DISTRIBUTIONS:
        what = "missing" if kind is None else f"unknown distribution {kind!r}"
        raise DistributionError(f"{key}.distribution", f"{what}; one of {', '.join(DISTRIBUTIONS)}")
    cls, names = DISTRIBUTIONS[kind.strip().lower()]
    extra = sorted(set(mapping) - {"distribution", *names})
    if extra:
        raise DistributionError(f"{key}.{extra[0]}", f"unknown key for a {kind} distribution; "
                                                     f"keys are distribution, {', '.join(names)}")
    missing = [n for n in names if n not in mapping]
    if missing:
        raise DistributionError(f"{key}.{missing[0]}", "missing")
    try:
        return cls(*(mapping[n] for n in names))
    except DistributionError as exc:
        raise DistributionError(f"{key}.{exc.key}", exc.reason) from None


def sample(distributions: Mapping[str, Distribution], n: int, seed: int | None = 0) -> pd.DataFrame:
    """``n`` independent points drawn from the distributions, one column per parameter.

    The parameters are drawn one after the other in sorted name order from one
    ``numpy.random.default_rng(seed)``: the same seed gives the same table.

    Parameters
    ----------
    distributions
        Parameter name -> distribution.
    n
        The number of points (``>= 1``).
    seed
        The seed of the generator (``None``: fresh entropy, not reproducible).

    Returns
    -------
    pandas.DataFrame
        ``n`` rows, float columns in sorted name order.

    Examples
    --------
    >>> d = {"C_e": Uniform(30, 60), "B_e": Triangular(10, 20, 35)}
    >>> s = sample(d, 5, seed=1)
    >>> list(s.columns), len(s)
    (['B_e', 'C_e'], 5)
    >>> s.equals(sample(dict(reversed(d.items())), 5, seed=1))
    True
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise DistributionError("n", f"the number of points must be a positive integer, got {n!r}")
    for name, distribution in distributions.items():
        if not isinstance(distribution, Distribution):
            raise DistributionError(str(name), f"expected a Uniform, Triangular or Normal, "
                                               f"got {type(distribution).__name__}")
    rng = np.random.default_rng(seed)
    columns = {name: distributions[name].sample(rng, int(n)) for name in sorted(distributions)}
    return pd.DataFrame(columns, columns=sorted(distributions), dtype=float)
