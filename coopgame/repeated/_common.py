"""Validation and small helpers shared by the repeated-game modules."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._profiles import deviation_payoffs, payoff, profile_names
from coopgame.errors import CoopgameError
from coopgame.game import Game, GameError
from coopgame.numbers import InvalidNumberError, to_exact

__all__ = [
    "RepeatedGameError",
    "Target",
    "discount_factor",
    "as_delta",
    "as_target",
    "pure_target",
    "payoff",
    "deviation_payoffs",
    "weighted",
    "profile_names",
]


class RepeatedGameError(CoopgameError):
    """A repeated-game question that cannot be answered as asked (bad delta, target, horizon, ...).
    """


#: A target path: pure profiles with their probabilities (one profile with probability 1 when pure).
Target = tuple[tuple[tuple[int, ...], Any], ...]


def discount_factor(delta: Any, what: str = "delta", *, allow_one: bool = False) -> Fraction:
    """The one parser of discount factors in :mod:`coopgame.repeated`: an exact Fraction in (0, 1).

    Every public function of the package that takes a discount factor reads it here, so all of
    them accept the same forms: a float, an int, a :class:`~fractions.Fraction`, a string such
    as ``"1/2"`` or ``"0.95"``, a numpy number or a sympy rational.

    Parameters
    ----------
    delta
        The discount factor.
    what
        Its name in error messages (``"delta"``, ``"analysis.repeated.delta"``, ...).
    allow_one
        Accept ``delta = 1`` (no discounting), meaningful for finite horizons and simulations.

    Returns
    -------
    Fraction
        Floats are read by their shortest decimal form (``0.9`` is ``9/10``).

    Raises
    ------
    RepeatedGameError
        Not a number (NaN, infinity, a formula, a boolean, an unreadable string), or a value
        outside ``(0, 1)`` (``(0, 1]`` with ``allow_one``).

    Examples
    --------
    >>> import sympy
    >>> discount_factor(0.9), discount_factor("1/2"), discount_factor(sympy.Rational(2, 3))
    (Fraction(9, 10), Fraction(1, 2), Fraction(2, 3))
    >>> discount_factor(1)
    Traceback (most recent call last):
    ...
    coopgame.repeated._common.RepeatedGameError: delta must lie strictly between 0 and 1, got 1
    >>> discount_factor(float("nan"))
    Traceback (most recent call last):
    ...
    coopgame.repeated._common.RepeatedGameError: delta must be a number strictly between 0 and 1
    (e.g. 0.9 or "9/10"), got nan
    """
    interval = "in (0, 1]" if allow_one else "strictly between 0 and 1"
    if isinstance(delta, bool) or delta is None:
        raise RepeatedGameError(
            f"{what} must be a number {interval} (e.g. 0.9 or \"9/10\"), got {delta!r}"
        )
    try:
        value = to_exact(delta)
    except (InvalidNumberError, TypeError, ValueError):
        raise RepeatedGameError(
            f"{what} must be a number {interval} (e.g. 0.9 or \"9/10\"), got {delta!r}"
        ) from None
    if not (0 < value < 1 or (allow_one and value == 1)):
        raise RepeatedGameError(f"{what} must lie {interval}, got {delta!r}")
    return value


def as_delta(game: Game, delta: Any, what: str = "delta", *, allow_one: bool = False) -> Any:
    """A discount factor (read by :func:`discount_factor`) in the game's arithmetic.

    A float for float games or when ``delta`` was given as a float, else an exact Fraction.

    Examples
    --------
    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> as_delta(pd, "1/2"), as_delta(pd, 0.5), as_delta(pd.as_float(), "1/2")
    (Fraction(1, 2), 0.5, 0.5)
    """
    value = discount_factor(delta, what, allow_one=allow_one)
    if game.kind == "float" or isinstance(delta, (float, np.floating)):
        return float(value)
    return value


def as_target(game: Game, target: Any) -> Target:
    """Validate a target: a pure profile, or a correlated one ``{profile: probability}``.

    A pure profile is a sequence of strategy names or indices, or a mapping player ->
    strategy. A correlated target maps pure profiles (tuples) to probabilities summing
    to 1 (played by public randomisation each period).
    """
    if target is None:
        raise RepeatedGameError("a target profile is needed, e.g. ('Cooperate', 'Cooperate')")
    try:
        if isinstance(target, Mapping) and target and all(isinstance(k, tuple) for k in target):
            pairs = []
            for profile, weight in target.items():
                try:
                    w = to_exact(weight)
                except (InvalidNumberError, TypeError):
                    raise RepeatedGameError(
                        f"probability {weight!r} of {profile} is not a number"
                    ) from None
                if w < 0:
                    raise RepeatedGameError(f"probability of {profile} is negative: {weight!r}")
                if w > 0:
                    pairs.append((game.profile_index(profile), w))
            if sum(w for _, w in pairs) != 1:
                raise RepeatedGameError("the probabilities of a correlated target must sum to 1")
            return tuple(sorted(pairs))
        if isinstance(target, (str, bytes)):
            raise RepeatedGameError(
                f"a target is a profile (one strategy per player), not {target!r}"
            )
        return ((game.profile_index(target), Fraction(1)),)
    except GameError as exc:
        raise RepeatedGameError(f"unknown target profile {target!r}: {exc}") from None


def pure_target(game: Game, target: Any, what: str) -> tuple[int, ...]:
    """A target that must be pure (one profile played every period)."""
    parsed = as_target(game, target)
    if len(parsed) != 1:
        raise RepeatedGameError(f"{what} needs a pure target profile; got a correlated one over "
                                f"{len(parsed)} profiles")
    return parsed[0][0]






def weighted(values: Sequence[Any], weights: Sequence[Any], game: Game) -> Any:
    """``sum(w * v)``, keeping floats float in float games."""
    if game.kind == "float":
        return sum(float(w) * float(v) for v, w in zip(values, weights))
    if game.kind == "symbolic":
        from coopgame.numbers import to_symbolic

        return sum(to_symbolic(w) * v for v, w in zip(values, weights))
    return sum(Fraction(w) * v for v, w in zip(values, weights))
