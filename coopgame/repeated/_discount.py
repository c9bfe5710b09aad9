"""Critical discount factors of infinitely repeated games, and the policy that lowers them.

A target path (a pure profile played every period, or a public lottery over pure
profiles) is a subgame-perfect equilibrium outcome of the repeated game with
discount factor ``delta`` when no player gains by a one-shot deviation, given the
punishment that follows (Abreu 1988; Fudenberg and Tirole 1991, ch. 5). With payoffs
normalised by ``1 - delta``, a player ``i`` who gains ``g`` by deviating from a realised
profile, whose continuation value is ``V_i`` on the path and ``v_i`` in punishment,
keeps to the path iff ``(1 - delta) g <= delta (V_i - v_i)``, i.e.
``delta >= g / (g + V_i - v_i)``.

References
----------
Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of
Economic Studies* 38(1), 1-12 (grim trigger with Nash reversion).
Abreu, D. (1988). On the theory of infinitely repeated games with discounting.
*Econometrica* 56(2), 383-396 (simple penal codes).
Axelrod, R. (1984). *The Evolution of Cooperation*, ch. 1 and appendix A (tit-for-tat).

Long because: grim trigger, tit-for-tat and penal codes are conditions on one model of discounted
path values and deviation gains, and critical_discount and required_instrument solve all of them
through it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from fractions import Fraction
from itertools import combinations
from typing import Any

import numpy as np

from coopgame._format import json_number
from coopgame.game import Game
from coopgame.numbers import (
    is_close,
    is_sympy,
    to_exact,
    to_symbolic,
)
from coopgame.repeated._common import (
    RepeatedGameError,
    Target,
    as_delta,
    as_target,
    deviation_payoffs,
    discount_factor,
    payoff,
    profile_names,
    pure_target,
    weighted,
)

__all__ = ["CriticalDiscount", "InstrumentLevel", "critical_discount", "required_instrument",
           "shortest_punishment", "pure_minmax_profiles", "PUNISHMENTS", "STRATEGIES"]

PUNISHMENTS = ("nash", "minmax")
STRATEGIES = ("grim", "tit_for_tat")


@dataclass(frozen=True)
class CriticalDiscount:
    """The smallest discount factor at which a target path is sustained.

    Attributes
    ----------
    delta
        The critical discount factor: every ``delta`` in ``[delta, 1)`` sustains the
        target (``(delta, 1)`` when ``attained`` is False). A ``Fraction`` for exact
        games, a float for float games, a sympy expression for symbolic games or for
        an irrational threshold; ``None`` when no ``delta < 1`` works.
    conditions
        Symbolic games: the sympy condition on the parameters under which the formula
        holds (``True`` for numeric games).
    strategy, punishment
        The strategy profile (``"grim"``, ``"tit_for_tat"``) and punishment (``"nash"``,
        ``"minmax"``) analysed.
    by_player
        Each player's own threshold.
    punishment_profiles
        Per player, what follows that player's deviation: the stage Nash equilibrium
        reverted to (a profile of strategy names, or probability vectors for a mixed one),
        or the minmax punishment profile.
    upper
        Rarely, patience hurts: a player who prefers the reversion equilibrium to the path
        deviates when delta is large. Then only deltas up to ``upper`` work (``None``: all
        deltas from ``delta`` up).
    punishment_length
        Minmax punishment: the number of punishment periods (the shortest that attains
        ``delta``), or ``"forever"``; ``None`` when no player is held to its minmax value.
    attained
        Whether ``delta`` itself sustains the target (else only every larger delta does);
        ``False`` when ``delta`` is ``None``: :attr:`sustainable` is the meaningful flag then.
    notes
        Plain-language remarks.
    punishment_used
        Per player, the punishment that follows that player's deviation in the result:
        ``"minmax"`` (held to its pure minmax value for ``punishment_length`` periods) or
        ``"nash"`` (reversion for ever to a stage equilibrium). With ``punishment="minmax"``
        a player whose minmax punishment is not credible (a punisher would rather take the
        punishment itself), or needs more patience, is punished by Nash reversion instead;
        the notes say so. Empty for tit-for-tat.
    """

    delta: Any
    conditions: Any
    strategy: str
    punishment: str
    by_player: tuple[Any, ...]
    punishment_profiles: tuple[Any, ...]
    punishment_length: int | str | None = None
    attained: bool = True
    notes: tuple[str, ...] = ()
    upper: Any = None
    punishment_used: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # "attained" describes a threshold: without one there is nothing to attain
        if self.delta is None and self.attained:
            object.__setattr__(self, "attained", False)

    def sustains(self, delta: Any) -> bool:
        """Whether the target is sustained at ``delta`` (numeric results only).

        Examples
        --------
        >>> from coopgame import Game
        >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> res = critical_discount(pd, (0, 0))
        >>> res.sustains("1/2"), res.sustains(0.49)
        (True, False)
        """
        exact_value = discount_factor(delta)
        if self.delta is None:
            return False
        if is_sympy(self.delta) and getattr(self.delta, "free_symbols", None):
            raise RepeatedGameError(
                "the critical delta is a formula; substitute the parameters first"
            )
        inexact = isinstance(self.delta, float) or is_sympy(self.delta) or isinstance(delta, float)
        value: Any = float(exact_value) if inexact else exact_value
        low = float(self.delta) if inexact else self.delta
        above = value >= low if self.attained else value > low
        return bool(above and (self.upper is None or value <= self.upper))

    @property
    def sustainable(self) -> bool:
        """Whether some ``delta < 1`` sustains the target (under :attr:`conditions`)."""
        return self.delta is not None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: exact numbers and formulas as strings.

        ``sustainable`` says whether some delta < 1 works; ``attained`` (whether ``delta``
        itself works) is ``None`` when no delta does.

        Examples
        --------
        >>> from coopgame import Game
        >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> record = critical_discount(pd, (0, 0)).to_dict()
        >>> record["delta"], record["sustainable"], record["attained"], record["punishment_used"]
        ('1/2', True, True, ['nash', 'nash'])
        >>> record = critical_discount(pd, (0, 1)).to_dict()   # (C, D): the row player is exploited
        >>> record["delta"], record["sustainable"], record["attained"]
        (None, False, None)
        """
        exact = not isinstance(self.delta, float)
        return {
            "strategy": self.strategy,
            "punishment": self.punishment,
            "sustainable": self.sustainable,
            "delta": None if self.delta is None else json_number(self.delta, exact),
            "attained": None if self.delta is None else self.attained,
            "punishment_used": list(self.punishment_used),
            "conditions": str(self.conditions),
            "by_player": [None if d is None else json_number(d, exact) for d in self.by_player],
            "upper": None if self.upper is None else json_number(self.upper, exact),
            "punishment_length": self.punishment_length,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class InstrumentLevel:
    """The smallest level of a policy parameter that sustains a target at a given delta.

    Attributes
    ----------
    parameter
        The parameter's name (e.g. ``"S_e"``).
    delta
        The discount factor.
    level
        The smallest level (exact when the conditions are linear in the parameter);
        ``None`` when no level at or above ``lower`` works.
    attained
        Whether ``level`` itself sustains the target (else only every level above it).
    levels
        The whole set of levels that work, as a sympy set.
    """

    parameter: str
    delta: Any
    level: Any
    attained: bool
    levels: Any = field(repr=False, default=None)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (exact numbers as strings).

        Examples
        --------
        >>> from coopgame import Game
        >>> pd = Game.bimatrix([["3 + s", "s"], [5, 1]], [["3 + s", 5], ["s", 1]])
        >>> required_instrument(pd, "s", (0, 0), "1/4").to_dict()
        {'parameter': 's', 'delta': '1/4', 'level': '1', 'attained': True}
        """
        exact = not isinstance(self.level, float)
        return {
            "parameter": self.parameter,
            "delta": json_number(self.delta, not isinstance(self.delta, float)),
            "level": None if self.level is None else json_number(self.level, exact),
            "attained": self.attained,
        }


# --------------------------------------------------------------------------- small steps
def _path_values(game: Game, target: Target) -> list[Any]:
    """Each player's (normalised) value of the target path: the expected stage payoff."""
    weights = [w for _, w in target]
    return [
        weighted([payoff(game, a, i) for a, _ in target], weights, game)
        for i in range(game.n_players)
    ]


def _deviation_gains(game: Game, profile: Sequence[int], player: int) -> Any:
    """The stage gain of ``player``'s best deviation from ``profile`` (negative if none pays).

    Only the other strategies count, so that a 2x2 symbolic game gives ``T - R``, not a ``Max``.
    """
    own = payoff(game, profile, player)
    others = [
        v for k, v in enumerate(deviation_payoffs(game, profile, player)) if k != profile[player]
    ]
    if not others:
        return own - own
    if game.kind == "symbolic":
        import sympy

        return sympy.Max(*others) - own
    return max(others) - own


def _delta_bounds(
    keep_minus_deviate_now: Any, path_minus_punishment: Any
) -> tuple[Any, Any] | None:
    """The deltas in (0, 1) with ``(1 - d) c + d e >= 0``: a closed interval ``[low, high]``.

    ``c`` is what keeping to the path gains today against one deviation (negative when the
    deviation pays), ``e`` what it gains in every later period (the path against the
    punishment). ``high = 1`` means no upper bound; ``None``: no delta in (0, 1) works.
    """
    c, e = keep_minus_deviate_now, path_minus_punishment
    zero, one = c - c, c - c + 1
    slope = e - c
    low, high = zero, one
    if slope > 0:
        low = max(zero, -c / slope)
    elif slope < 0:
        high = min(one, c / (c - e))
    elif c < 0:
        return None
    return (low, high) if _nonempty(low, high) else None


def _nonempty(low: Any, high: Any) -> bool:
    """Whether ``[low, high]`` (``high = 1`` meaning open at 1) meets the open interval (0, 1)."""
    if isinstance(low, float) or isinstance(high, float):
        # a float interval narrower than the tolerance is a single point
        if is_close(float(low), float(high)):
            return 0 < float(low) < 1
        return float(low) < float(high)
    return bool(low < high or (low == high and 0 < low < 1))


def _max_threshold(values: Sequence[Any]) -> Any:
    return None if any(v is None for v in values) else max(values)


def _grim_bounds(game: Game, target: Target, values: Sequence[Any], punishment: Sequence[Any],
                 player: int) -> tuple[Any, Any] | None:
    """The deltas at which ``player`` never gains by deviating from the path (every alternative)."""
    low, high = None, None
    for a, _ in target:
        own = payoff(game, a, player)
        for k, alternative in enumerate(deviation_payoffs(game, a, player)):
            if k == a[player]:
                continue
            bounds = _delta_bounds(own - alternative, values[player] - punishment[player])
            if bounds is None:
                return None
            low = bounds[0] if low is None else max(low, bounds[0])
            high = bounds[1] if high is None else min(high, bounds[1])
    if low is None or high is None:  # a player with a single strategy never deviates
        zero = values[player] - values[player]
        return zero, zero + 1
    return (low, high) if _nonempty(low, high) else None


def _stage_equilibria(game: Game) -> tuple[Any, ...]:
    from coopgame.equilibria import nash_equilibria

    return nash_equilibria(game).equilibria


def _reversion_equilibria(game: Game, nash: Any) -> list[tuple[Any, tuple[Any, ...]]]:
    """Per player: (description, payoffs) of the stage equilibrium reverted to after a deviation.

    Default: for each deviator the stage equilibrium worst for that deviator.
    """
    if nash is not None:
        from coopgame.equilibria import is_nash

        profile = pure_target(game, nash, "the reversion equilibrium 'nash'")
        vectors = [[int(k == s) for k in range(n)] for s, n in zip(profile, game.shape)]
        if not is_nash(game, vectors):
            raise RepeatedGameError(
                f"the reversion profile {profile_names(game, profile)} is not a "
                "Nash equilibrium of the stage game"
            )
        values = tuple(payoff(game, profile, i) for i in range(game.n_players))
        return [(profile_names(game, profile), values)] * game.n_players
    equilibria = _stage_equilibria(game)
    chosen = []
    for i in range(game.n_players):
        worst = min(equilibria, key=lambda e: e.payoffs[i])
        described: Any = (
            profile_names(game, tuple(int(np.argmax([float(p) for p in v])) for v in worst.profile))
            if worst.is_pure
            else tuple(tuple(vec) for vec in worst.profile)
        )
        chosen.append((described, tuple(worst.payoffs)))
    return chosen


# --------------------------------------------------------------------------- grim trigger
def _grim_nash_numeric(game: Game, target: Target, nash: Any) -> CriticalDiscount:
    values = _path_values(game, target)
    reversion = _reversion_equilibria(game, nash)
    bounds = [_grim_bounds(game, target, values, reversion[i][1], i) for i in range(game.n_players)]
    by_player = tuple(None if b is None else b[0] for b in bounds)
    profiles = tuple(r[0] for r in reversion)
    used = ("nash",) * game.n_players
    if any(b is None for b in bounds):
        return CriticalDiscount(
            None,
            True,
            "grim",
            "nash",
            by_player,
            profiles,
            punishment_used=used,
            notes=(
                "no delta < 1 works: some player prefers the reversion equilibrium to the path",
            ),
        )
    low = max(b[0] for b in bounds)  # type: ignore[index]
    high = min(b[1] for b in bounds)  # type: ignore[index]
    if not _nonempty(low, high):
        return CriticalDiscount(
            None,
            True,
            "grim",
            "nash",
            by_player,
            profiles,
            punishment_used=used,
            notes=("no delta works for all players at once",),
        )
    upper = None if high == 1 else high
    notes = (
        ()
        if upper is None
        else (
            f"only delta <= {upper} works: a patient player would deviate to bring about the "
            "reversion",
        )
    )
    return CriticalDiscount(
        low,
        True,
        "grim",
        "nash",
        by_player,
        profiles,
        upper=upper,
        notes=notes,
        punishment_used=used,
    )


def _grim_nash_symbolic(game: Game, target: Target, nash: Any) -> CriticalDiscount:
    import sympy

    if nash is None:
        raise RepeatedGameError(
            "a symbolic game needs the reversion equilibrium as a pure profile: pass nash=(...) "
            "(which profile is a stage equilibrium depends on the parameters)")
    reversion = pure_target(game, nash, "the reversion equilibrium 'nash'")
    values = _path_values(game, target)
    conditions = []
    for i in range(game.n_players):
        own = payoff(game, reversion, i)
        conditions += [
            sympy.Ge(own, alternative)
            for alternative in deviation_payoffs(game, reversion, i)
            if sympy.simplify(own - alternative) != 0
        ]
    by_player = []
    for i in range(game.n_players):
        v = payoff(game, reversion, i)
        conditions.append(sympy.Gt(values[i], v))
        thresholds = []
        for a, _ in target:
            gain = sympy.simplify(_deviation_gains(game, a, i))
            if gain.is_number and gain <= 0:
                continue  # deviating never pays today, and the path beats the reversion
            conditions.append(sympy.Ge(gain, 0))
            thresholds.append(sympy.factor(sympy.cancel(gain / (gain + values[i] - v))))
        by_player.append(sympy.Max(*thresholds) if thresholds else sympy.Integer(0))
    delta = sympy.Max(*by_player)
    condition = sympy.And(*[c for c in conditions if c is not sympy.true])
    notes = (
        f"reversion to {profile_names(game, reversion)} after any deviation; the formula holds "
        "where "
        "the conditions do (where a player's gain is negative, that player's threshold is 0)",
    )
    return CriticalDiscount(delta, condition, "grim", "nash", tuple(by_player),
                            (profile_names(game, reversion),) * game.n_players, notes=notes,
                            punishment_used=("nash",) * game.n_players)


# --------------------------------------------------------------------------- tit-for-tat
def _tit_for_tat_parts(game: Game, target: tuple[int, int]) -> list[tuple[Any, Any, Any, Any]]:
    """Per player (R, S, T, P): cooperating = the target strategy, defecting = the other one."""
    if game.shape != (2, 2):
        raise RepeatedGameError(f"tit-for-tat is defined here for 2x2 games; this game is "
                                f"{'x'.join(map(str, game.shape))}")
    other = tuple(1 - s for s in target)
    parts = []
    for i in range(2):
        j = 1 - i

        def at(own: int, theirs: int, i: int = i, j: int = j) -> Any:
            profile = [0, 0]
            profile[i], profile[j] = own, theirs
            return payoff(game, profile, i)

        parts.append((at(target[i], target[j]), at(target[i], other[j]),
                      at(other[i], target[j]), at(other[i], other[j])))
    return parts


def _tit_for_tat(game: Game, target: tuple[int, int]) -> CriticalDiscount:
    parts = _tit_for_tat_parts(game, target)
    notes = (
        "tit-for-tat against tit-for-tat is a Nash equilibrium iff delta is at least both "
        "(T-R)/(T-P) (defecting for ever does not pay) and (T-R)/(R-S) (alternating does not pay); "
        "it is subgame perfect only where these hold with equality (Axelrod 1984)",
    )
    if game.kind == "symbolic":
        import sympy

        by_player, conditions = [], []
        for R, S, T, P in parts:
            by_player.append(
                sympy.Max(sympy.factor((T - R) / (T - P)), sympy.factor((T - R) / (R - S)))
            )
            conditions += [sympy.Ge(T, R), sympy.Gt(T, P), sympy.Gt(R, S), sympy.Gt(2 * R, T + S)]
        return CriticalDiscount(
            sympy.Max(*by_player),
            sympy.And(*conditions),
            "tit_for_tat",
            "tit_for_tat",
            tuple(by_player),
            (None, None),
            notes=notes,
        )
    by_player = []
    for R, S, T, P in parts:
        if T <= R:
            by_player.append(Fraction(0) if game.kind != "float" else 0.0)
        elif T <= P or R <= S:
            by_player.append(None)
        else:
            needed = max((T - R) / (T - P), (T - R) / (R - S))
            # alternating shirk/cooperate pays more than cooperating whenever 2R <= T + S
            by_player.append(needed if needed < 1 else None)
    return CriticalDiscount(
        _max_threshold(by_player),
        True,
        "tit_for_tat",
        "tit_for_tat",
        tuple(by_player),
        (None, None),
        notes=notes,
    )


# --------------------------------------------------------------------------- minmax penal codes
def pure_minmax_profiles(game: Game) -> list[tuple[int, ...]]:
    """Per player ``i``: the pure profile that holds ``i`` to its pure minmax value, ``i``
    best-responding.

    Among several minmaxing profiles, the one least tempting for the punishers.

    Examples
    --------
    In the Prisoner's Dilemma both punishments are mutual defection:

    >>> from coopgame import Game
    >>> pure_minmax_profiles(Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]]))
    [(1, 1), (1, 1)]
    """
    chosen = []
    for i in range(game.n_players):
        arr = game.payoffs[..., i]
        # indexed by the others' profile (axis i kept, of length 1: a lone player has no others)
        best_reply_values = arr.max(axis=i, keepdims=True)
        worst = best_reply_values.min()
        candidates = []
        for others in zip(*np.nonzero(best_reply_values == worst)):
            for own in range(game.shape[i]):
                profile = list(others)
                profile[i] = own
                if arr[tuple(profile)] == worst:
                    temptation = max(
                        (
                            _deviation_gains(game, profile, j)
                            for j in range(game.n_players)
                            if j != i
                        ),
                        default=0,
                    )
                    candidates.append((temptation, tuple(int(s) for s in profile)))
        chosen.append(min(candidates)[1])
    return chosen


# polynomials in delta: lists of Fractions, constant term first
def _poly_add(p: list[Fraction], q: list[Fraction], sign: int = 1) -> list[Fraction]:
    # the penal-code polynomials are sparse: only nonzero terms cost Fraction arithmetic
    out = list(p) + [Fraction(0)] * (len(q) - len(p))
    for k, c in enumerate(q):
        if c:
            out[k] = out[k] + c if sign > 0 else out[k] - c
    return out


def _poly_shift(p: list[Fraction], power: int) -> list[Fraction]:
    return [Fraction(0)] * power + p


def _value_after(stage: Fraction, path: Fraction, periods: int | None) -> list[Fraction]:
    """``(1 - d^k) stage + d^k path``: ``k`` periods of ``stage``, then the path (``None``: for
    ever).
    """
    if periods is None:
        return [stage]
    return _poly_add([stage], _poly_shift([path - stage], periods))


def _incentive(gain: Fraction, keep: list[Fraction], restart: list[Fraction]) -> list[Fraction]:
    """``-(1 - d) gain + d (keep - restart) >= 0``: a one-shot deviation does not pay."""
    one_minus_d = [-gain, gain]
    return _poly_add(one_minus_d, _poly_shift(_poly_add(keep, restart, -1), 1))


def _drop_roots_at_one(p: list[Fraction]) -> list[Fraction]:
    """Divide out factors ``(1 - d)``: delta < 1, so they do not change the sign."""
    while len(p) > 1 and sum(p) == 0:
        # synthetic division by (d - 1), then negate to divide by (1 - d)
        high = p[::-1]
        quotient = [high[0]]
        for c in high[1:-1]:
            quotient.append(c + quotient[-1])
        p = [-c for c in quotient[::-1]]
    while len(p) > 1 and p[-1] == 0:
        p = p[:-1]
    return p


def _penal_code_conditions(
    game: Game,
    target: Target,
    punishments: list[tuple[int, ...]],
    length: int | None,
    reverted: Mapping[int, Any] | None = None,
) -> list[list[Fraction]]:
    """The one-shot deviation conditions of the simple penal code, as polynomials ``>= 0`` in delta.

    Player ``i``'s deviation starts ``length`` periods of ``punishments[i]`` (``None``: for ever),
    then the path resumes, unless ``i`` is in ``reverted``: then play reverts for ever to a stage
    equilibrium worth ``reverted[i]`` to ``i``, which needs no incentive condition (no deviation
    from a stage equilibrium pays, whatever follows).
    """
    n = game.n_players
    reverted = reverted or {}
    path = _path_values(game, target)
    restart = [[reverted[j]] if j in reverted else
               _value_after(payoff(game, punishments[j], j), path[j], length) for j in range(n)]
    conditions = []
    for a, _ in target:
        for j in range(n):
            conditions.append(_incentive(_deviation_gains(game, a, j), [path[j]], restart[j]))
    for i in range(n):
        if i in reverted:
            continue
        p = punishments[i]
        for t in range(1, (length or 1) + 1):
            for j in range(n):
                keep = _value_after(
                    payoff(game, p, j), path[j], None if length is None else length - t
                )
                conditions.append(_incentive(_deviation_gains(game, p, j), keep, restart[j]))
    # identical conditions (e.g. from several punishment periods) need solving once
    unique = {tuple(c): c for c in conditions}
    return [_drop_roots_at_one(c) for c in unique.values()]


def _holds(conditions: list[list[Fraction]], d: float) -> bool:
    return all(
        np.polynomial.polynomial.polyval(d, [float(c) for c in p]) >= -1e-12 for p in conditions
    )


def _smallest_delta(conditions: list[list[Fraction]]) -> tuple[float, int] | None:
    """Float inf of the ``d`` such that every polynomial is ``>= 0`` on all of ``[d, 1)``, and the
    polynomial that binds there (``-1``: none, the inf is 0); ``None`` if no such ``d < 1``.

    The deltas are scanned down from 1, so that the answer keeps the promise of
    :class:`CriticalDiscount`: every delta from the threshold up sustains the target.
    """
    roots: list[tuple[float, int]] = [(0.0, -1)]
    for k, p in enumerate(conditions):
        if len(p) > 1:
            for r in np.polynomial.polynomial.polyroots([float(c) for c in p]):
                if abs(r.imag) < 1e-9 and 0 < r.real < 1:
                    roots.append((float(r.real), k))
    roots.sort()
    breakpoints = roots + [(1.0, -1)]
    found: tuple[float, int] | None = None
    for (left, k), (right, _) in reversed(list(zip(breakpoints, breakpoints[1:]))):
        if right - left <= 1e-12:
            continue  # a float-width sliver between two roots decides nothing
        if not _holds(conditions, (left + right) / 2):
            break
        found = (left, k)
    return found


def _exact_root(poly: list[Fraction], near: float) -> Any:
    import sympy

    x = sympy.Symbol("delta")
    coefficients = [sympy.Rational(c.numerator, c.denominator) for c in poly]
    expr = sum(c * x**k for k, c in enumerate(coefficients))
    root = min(sympy.Poly(expr, x).real_roots(), key=lambda r: abs(float(r) - near))
    if root.is_Rational:
        return Fraction(int(root.p), int(root.q))
    return sympy.nsimplify(root) if root.is_algebraic and sympy.degree(expr, x) <= 2 else root


def _minmax_penal_code(game: Game, target: Target, max_length: int, nash: Any) -> CriticalDiscount:
    """The harshest credible simple penal code found: pure minmax punishments where they are
    credible, Nash reversion for the other players, Nash reversion for all at worst.

    Playing a stage equilibrium for ever after a deviation is always credible, and an optimal
    penal code is never milder than that (Abreu 1988), so the answer is never above the Nash
    reversion threshold; a stage-equilibrium target needs no patience at all.
    """
    if game.kind == "symbolic":
        raise RepeatedGameError(
            "minmax punishment needs numeric payoffs: substitute the parameters (game.subs) first"
        )
    exact_game = game.as_exact()
    n = game.n_players
    punishments = pure_minmax_profiles(exact_game)
    reversion = _reversion_equilibria(exact_game, nash)
    grim = _grim_nash_numeric(exact_game, target, nash)
    # a player may be punished by reversion when its reversion value is rational (the penal-code
    # polynomials have exact rational coefficients); Nash reversion for everyone is `grim`
    revertible = [i for i in range(n) if isinstance(reversion[i][1][i], (int, Fraction))]
    best: tuple[float, int, int | None, tuple[int, ...], list[list[Fraction]]] | None = None
    # pure minmax first, then fewer reverting players, finite lengths before "for ever": a tie
    # goes to the harshest, shortest punishment
    for size in range(n):
        for reverting in combinations(revertible, size):
            reverted = {i: Fraction(reversion[i][1][i]) for i in reverting}
            for length in [*range(1, max_length + 1), None]:
                conditions = _penal_code_conditions(
                    exact_game, target, punishments, length, reverted
                )
                found = _smallest_delta(conditions)
                if found is not None and (best is None or found[0] < best[0] - 1e-12):
                    best = (found[0], found[1], length, reverting, conditions)
    code: CriticalDiscount | None = None
    if best is not None:
        value, binding, length, reverting, conditions = best
        delta: Any = Fraction(0) if binding < 0 else _exact_root(conditions[binding], value)
        code = _penal_code_result(
            game, target, punishments, reversion, length, reverting, delta, max_length
        )
    if (
        code is None
        or not _at_most(code.delta, grim.delta)
        or (grim.upper is not None and code.delta > grim.upper)
    ):
        result = _nash_fallback(game, grim, code, max_length)
    elif grim.upper is not None and _at_most(grim.delta, code.delta):
        # Nash reversion works from grim.delta to grim.upper, the penal code from code.delta on
        result = replace(
            code,
            delta=grim.delta,
            notes=(
                *code.notes,
                f"from {grim.delta} on Nash reversion works too, which joins the two ranges",
            ),
        )
    else:
        result = code
    if game.kind == "float" and result.delta is not None:
        result = replace(result, delta=float(result.delta),
                         upper=None if result.upper is None else float(result.upper))
    return result


def _at_most(a: Any, b: Any) -> bool:
    """``a <= b`` for exact thresholds (Fractions or sympy numbers), ``None`` meaning "no delta"."""
    if b is None:
        return a is not None
    if a is None:
        return False
    return (
        bool(a <= b) if not (is_sympy(a) or is_sympy(b)) else bool(to_symbolic(a) <= to_symbolic(b))
    )


def _penal_code_result(game: Game, target: Target, punishments: list[tuple[int, ...]],
                       reversion: list[tuple[Any, tuple[Any, ...]]], length: int | None,
                       reverting: tuple[int, ...], delta: Any, max_length: int) -> CriticalDiscount:
    """The :class:`CriticalDiscount` of a simple penal code (see :func:`_minmax_penal_code`)."""
    n = game.n_players
    used = tuple("nash" if i in reverting else "minmax" for i in range(n))
    profiles = tuple(
        reversion[i][0] if i in reverting else profile_names(game, punishments[i]) for i in range(n)
    )
    periods = "for ever" if length is None else f"for {length} period(s), then the path resumes"
    held = [game.players[i] for i in range(n) if i not in reverting]
    notes = [
        f"simple penal code (Abreu 1988): a deviator ({', '.join(held)}) is held to its pure "
        "minmax value "
        f"{periods}; a deviation during a punishment starts the deviator's own punishment"
    ]
    if reverting:
        names = ", ".join(game.players[i] for i in reverting)
        notes.append(
            f"a deviation by {names} is punished by reversion for ever to the stage equilibrium "
            "worst "
            f"for the deviator (Nash reversion): holding {names} to the pure minmax value is not "
            "credible (a punisher would rather deviate) or needs more patience, with punishments "
            "of "
            f"up to {max_length} periods or for ever"
        )
    return CriticalDiscount(delta, True, "grim", "minmax", (None,) * n, profiles,
                            punishment_length=length if length is not None else "forever",
                            notes=tuple(notes), punishment_used=used)


def _nash_fallback(game: Game, grim: CriticalDiscount, code: CriticalDiscount | None,
                   max_length: int) -> CriticalDiscount:
    """Nash reversion for every player, reported as the answer to ``punishment="minmax"``."""
    if code is None:
        why = (
            f"no simple penal code with pure minmax punishments (up to {max_length} periods, or "
            "for ever) "
            "sustains the target at any delta < 1: the punishers would not carry them out"
        )
    else:
        why = (
            f"the best simple penal code with pure minmax punishments needs delta >= {code.delta}, "
            "more than Nash reversion"
        )
    notes = (
        f"{why}; falling back to the harshest credible punishment found: reversion for ever to the "
        "stage "
        "equilibrium worst for the deviator (Nash reversion), always credible",
    )
    return replace(grim, punishment="minmax", notes=notes + grim.notes)


def _penal_code_holds(
    game: Game,
    target: Target,
    punishments: list[tuple[int, ...]],
    length: int | None,
    d: Fraction,
    reverted: Mapping[int, Any] | None = None,
) -> bool:
    """The conditions of :func:`_penal_code_conditions` evaluated at one exact delta (O(length)
    work).
    """
    n = game.n_players
    reverted = reverted or {}
    path = _path_values(game, target)
    powers = [Fraction(1)]
    for _ in range(length or 0):
        powers.append(powers[-1] * d)

    def after(stage: Fraction, j: int, periods: int | None) -> Fraction:
        return stage if periods is None else stage + powers[periods] * (path[j] - stage)

    def keeps(gain: Fraction, keep: Fraction, restart: Fraction) -> bool:
        return -(1 - d) * gain + d * (keep - restart) >= 0

    restart = [reverted[j] if j in reverted else after(payoff(game, punishments[j], j), j, length)
               for j in range(n)]
    for a, _ in target:
        if not all(keeps(_deviation_gains(game, a, j), path[j], restart[j]) for j in range(n)):
            return False
    for i in range(n):
        if i in reverted:
            continue
        p = punishments[i]
        for t in range(1, (length or 1) + 1):
            for j in range(n):
                keep = after(payoff(game, p, j), j, None if length is None else length - t)
                if not keeps(_deviation_gains(game, p, j), keep, restart[j]):
                    return False
    return True


def shortest_punishment(
    game: Game, target: Any, delta: Any, max_length: int = 100
) -> int | str | None:
    """The fewest periods of minmax punishment that sustain a target at ``delta`` (simple penal
    code).

    Parameters
    ----------
    game
        A numeric game.
    target
        A pure or correlated target, as in :func:`critical_discount`.
    delta
        The discount factor, strictly between 0 and 1 (checked exactly).
    max_length
        The longest finite punishment tried.

    Returns
    -------
    int, "forever" or None
        The shortest length; ``"forever"`` when only a permanent punishment works (credible
        only if the punishment profiles are stage equilibria); ``None`` if nothing works.

    Examples
    --------
    Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1: with ``L`` periods of mutual defection a
    deviator keeps to the path iff ``(1 - d) 2 <= d (1 - d^L) 2``, i.e. ``d^(L+1) <= 2 d - 1``.
    At ``d = 3/5``: ``(3/5)^3 = 27/125 > 1/5`` but ``(3/5)^4 = 81/625 <= 1/5``, so ``L = 3``.

    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> shortest_punishment(pd, (0, 0), "3/5")
    3
    """
    if game.kind == "symbolic" and game.parameters:
        raise RepeatedGameError(
            "shortest_punishment needs numeric payoffs: substitute the parameters first"
        )
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
        raise RepeatedGameError(f"max_length must be a positive integer, got {max_length!r}")
    exact_game = game.as_exact()
    d = to_exact(as_delta(exact_game, delta))
    parsed = as_target(exact_game, target)
    punishments = pure_minmax_profiles(exact_game)
    lengths: list[int | None] = [*range(1, max_length + 1), None]
    for length in lengths:
        if _penal_code_holds(exact_game, parsed, punishments, length, d):
            return "forever" if length is None else length
    return None


# --------------------------------------------------------------------------- public
def critical_discount(
    game: Game,
    target: Any,
    punishment: str = "nash",
    strategy: str = "grim",
    *,
    nash: Any = None,
    max_length: int = 10,
) -> CriticalDiscount:
    """The smallest discount factor at which a target path is a subgame-perfect outcome.

    Parameters
    ----------
    game
        The stage game: float, exact or symbolic (e.g. with a subsidy ``s`` as a symbol).
    target
        A pure profile (strategy names or indices) played every period, or a correlated
        target ``{profile: probability}`` realised each period by public randomisation.
    punishment
        ``"nash"``: grim trigger, reverting for ever to a stage Nash equilibrium
        (Friedman 1971). ``"minmax"``: a simple penal code holding the deviator to its pure
        minmax value for the shortest number of periods that works, then resuming the path
        (Abreu 1988); numeric games only.
    strategy
        ``"grim"`` or ``"tit_for_tat"`` (2x2 games, pure target; both Nash conditions of
        the tit-for-tat pair).
    nash
        The stage equilibrium reverted to, as a pure profile. Default for numeric games: for
        each deviator the stage equilibrium (pure or mixed) worst for that deviator.
        Required for symbolic games.
    max_length
        Minmax punishment: the longest punishment tried.

    Returns
    -------
    CriticalDiscount
        ``delta`` exact for exact games, a sympy formula with ``conditions`` for symbolic ones.

    Raises
    ------
    RepeatedGameError
        Unknown target or strategy name, a correlated target where a pure one is needed, a
        reversion profile that is not a stage equilibrium, a symbolic game without ``nash``.

    References
    ----------
    Fudenberg, D. and Tirole, J. (1991). *Game Theory*, Sec. 5.1; Abreu (1988); Axelrod (1984).

    Examples
    --------
    The Prisoner's Dilemma with R, S, T, P: grim trigger needs ``delta >= (T-R)/(T-P)``.

    >>> from coopgame import Game
    >>> pd = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]],
    ...                    strategies=[["C", "D"], ["C", "D"]])
    >>> res = critical_discount(pd, ("C", "C"), nash=("D", "D"))
    >>> res.delta
    (R - T)/(P - T)
    >>> res.conditions
    (P >= S) & (R > P) & (-R + T >= 0)
    >>> critical_discount(pd.subs({"R": 3, "S": 0, "T": 5, "P": 1}), ("C", "C")).delta
    Fraction(1, 2)
    >>> critical_discount(
    ...     pd.subs({"R": 3, "S": 0, "T": 5, "P": 1}), ("C", "C"), strategy="tit_for_tat"
    ... ).delta
    Fraction(2, 3)
    """
    if punishment not in PUNISHMENTS:
        raise RepeatedGameError(
            f"unknown punishment {punishment!r}; choose one of {', '.join(PUNISHMENTS)}"
        )
    if strategy not in STRATEGIES:
        raise RepeatedGameError(
            f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}"
        )
    if isinstance(max_length, bool) or not isinstance(max_length, int) or max_length < 1:
        raise RepeatedGameError(f"max_length must be a positive integer, got {max_length!r}")
    parsed = as_target(game, target)
    if strategy == "tit_for_tat":
        pure = pure_target(game, target, "tit-for-tat")
        return _tit_for_tat(
            game, (pure[0], pure[1]) if game.n_players == 2 else pure  # type: ignore[arg-type]
        )
    if punishment == "minmax":
        return _minmax_penal_code(game, parsed, max_length, nash)
    if game.kind == "symbolic" and game.parameters:
        return _grim_nash_symbolic(game, parsed, nash)
    return _grim_nash_numeric(game, parsed, nash)


def _incentive_conditions(game: Game, target: Target, delta: Any, reversion: tuple[int, ...],
                          player: int) -> list[Any]:
    """sympy conditions: reversion is a stage equilibrium and ``player`` keeps to the path at
    ``delta``.
    """
    import sympy

    d = to_symbolic(delta)
    values = _path_values(game, target)
    v = payoff(game, reversion, player)
    conditions = []
    for i in range(game.n_players):
        own = payoff(game, reversion, i)
        conditions += [sympy.Ge(own, alt) for alt in deviation_payoffs(game, reversion, i)]
    for a, _ in target:
        own = payoff(game, a, player)
        for k, alt in enumerate(deviation_payoffs(game, a, player)):
            if k == a[player]:
                continue  # keeping to the path is not a deviation
            conditions.append(sympy.Ge((1 - d) * (own - alt) + d * (values[player] - v), 0))
    return conditions


def _tit_for_tat_conditions(game: Game, target: tuple[int, ...], delta: Any) -> list[Any]:
    import sympy

    d = to_symbolic(delta)
    conditions = []
    for R, S, T, P in _tit_for_tat_parts(game, (target[0], target[1])):
        conditions += [sympy.Ge(R - T + d * (T - P), 0), sympy.Ge(R - T + d * (R - S), 0)]
    return conditions


def required_instrument(
    game: Game,
    parameter: str,
    target: Any,
    delta: Any,
    *,
    strategy: str = "grim",
    nash: Any = None,
    lower: Any = 0,
) -> InstrumentLevel:
    """The smallest level of a policy parameter that sustains a target at a given delta.

    The inverse of :func:`critical_discount` with Nash reversion (or tit-for-tat): the
    incentive conditions at ``delta`` are solved for ``parameter``, exactly when they are
    linear in it (a subsidy, a tax rate or a penalty usually enters linearly).

    Parameters
    ----------
    game
        A game whose only free parameter is ``parameter`` (substitute the others first,
        e.g. with :func:`coopgame.policy.substitute`).
    parameter
        The instrument's parameter name (``"S_e"``).
    target
        A pure or correlated target, as in :func:`critical_discount`.
    delta
        The discount factor, strictly between 0 and 1.
    strategy
        ``"grim"`` (Nash reversion) or ``"tit_for_tat"``.
    nash
        The reversion profile; default: for each player, any pure profile that is a stage
        equilibrium at that level of the parameter.
    lower
        The smallest meaningful level (a subsidy is not negative).

    Returns
    -------
    InstrumentLevel

    Examples
    --------
    A Prisoner's Dilemma in which a subsidy ``s`` rewards each cooperator: the gain from
    defecting is ``2 - s`` and the loss ``3 + s - 1`` per period, so at ``delta = 1/4`` grim
    trigger needs ``(3/4)(2 - s) <= (1/4)(2 + s)``, i.e. ``s >= 1``.

    >>> from coopgame import Game
    >>> pd = Game.bimatrix([["3 + s", "s"], [5, 1]], [["3 + s", 5], ["s", 1]])
    >>> required_instrument(pd, "s", (0, 0), "1/4").level
    Fraction(1, 1)
    """
    import sympy

    if strategy not in STRATEGIES:
        raise RepeatedGameError(
            f"unknown strategy {strategy!r}; choose one of {', '.join(STRATEGIES)}"
        )
    symbols = {str(s): s for s in game.parameters}
    if parameter not in symbols:
        raise RepeatedGameError(
            f"the game has no parameter {parameter!r}; its parameters are {sorted(symbols)}"
        )
    if len(symbols) > 1:
        others = sorted(set(symbols) - {parameter})
        raise RepeatedGameError(
            f"substitute the other parameters {others} first: only {parameter!r} may be free"
        )
    d = as_delta(game.subs({parameter: 0}), delta)
    s = symbols[parameter]
    parsed = as_target(game, target)
    if strategy == "tit_for_tat":
        conditions = _tit_for_tat_conditions(game, pure_target(game, target, "tit-for-tat"), d)
        feasible = _solve(conditions, s)
    else:
        if nash is not None:
            candidates = [pure_target(game, nash, "the reversion equilibrium 'nash'")]
        else:
            candidates = list(game.pure_profiles())
        feasible = sympy.Reals
        for i in range(game.n_players):
            player_set = sympy.Union(*[_solve(_incentive_conditions(game, parsed, d, e, i), s)
                                       for e in candidates])
            feasible = sympy.Intersection(feasible, player_set)
    feasible = sympy.Intersection(feasible, sympy.Interval(to_symbolic(lower), sympy.oo))
    if feasible is sympy.EmptySet:
        return InstrumentLevel(parameter, d, None, False, feasible)
    level = feasible.inf
    attained = bool(feasible.contains(level) == sympy.true)
    value: Any = Fraction(int(level.p), int(level.q)) if level.is_Rational else level
    if isinstance(d, float) and not is_sympy(value):
        value = float(value)
    return InstrumentLevel(parameter, d, value, attained, feasible)


def _solve(conditions: list[Any], symbol: Any) -> Any:
    import sympy

    relevant = [c for c in conditions if c is not sympy.true]
    if any(c is sympy.false for c in relevant):
        return sympy.EmptySet
    if not relevant:
        return sympy.Reals
    try:
        return sympy.And(*relevant).as_set()
    except (NotImplementedError, TypeError, ValueError) as exc:
        raise RepeatedGameError(
            f"cannot solve the incentive conditions for {symbol}: {exc}"
        ) from None
