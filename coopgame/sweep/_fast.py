"""The vectorised closed-form sweep for 2x2 and 2x2x2 games.

The payoffs are compiled once (sympy ``lambdify`` to numpy) and evaluated over a
chunk of parameter points at a time; every analysis column then comes from a few
whole-array operations. The idea that makes this exact on ties: in a game with two
strategies per player, everything :func:`fast_sweep` reports depends on the
payoffs only through the **signs** of a handful of payoff differences, plus a
few ratios of them (the mixed equilibrium, the critical discount factor).

**Two players.** Write ``x`` (``y``) for the probability of the row (column)
player's first strategy, and the payoff advantages of each player's first strategy

* row: ``Dr(y) = y r1 + (1 - y) r0`` with ``r1 = A[0,0] - A[1,0]``, ``r0 = A[0,1] - A[1,1]``;
* column: ``Dc(x) = x c1 + (1 - x) c0`` with ``c1 = B[0,0] - B[0,1]``, ``c0 = B[1,0] - B[1,1]``.

The nonzero vertices of the best-response polytopes (von Stengel 2007, sec. 3.5)
are, for the row player, the pure strategies ``x in {0, 1}`` and, when ``Dc``
changes sign *strictly* inside ``(0, 1)``, the crossing ``x* = c0 / (c0 - c1)``;
likewise ``y in {0, 1, y*}`` with ``y* = r0 / (r0 - r1)``. An extreme equilibrium
(a complementary vertex pair, as Gambit's ``enummixed`` lists them) is a pair of
candidates each of which is a best response to the other: ``x = 1`` needs
``Dr(y) >= 0``, ``x = 0`` needs ``Dr(y) <= 0`` and ``x = x*`` needs ``Dr(y) = 0``.
Since ``Dr(1) = r1``, ``Dr(0) = r0`` and ``Dr(y*) = 0``, each condition is a sign
condition on ``(r0, r1, c0, c1)``; so are the degeneracy flag (a pure strategy with
two pure best responses: one of the four differences is zero) and the eigenvalues
of the replicator dynamics at the vertices (diagonal there: the deviation gains).
With differences within ``tol = 1e-9 (1 + max|payoff|)`` read as exact ties, the
81 sign patterns are classified once, in plain Python, and a sweep is a table
look-up per point.

**Three players** (2x2x2): pure equilibria and vertex stability, both sign
conditions on the 12 deviation gains.

**Repeated game** (two players): grim trigger with Nash reversion as
:func:`coopgame.repeated.critical_discount` computes it: a deviating player is
punished with the stage equilibrium (pure or mixed, among the extreme equilibria
above) worst for it; with ``c`` = what keeping to the target gains today against
the deviation and ``e`` = target payoff minus punishment payoff, the player keeps
to the path for the deltas in ``(0, 1)`` with ``(1 - delta) c + delta e >= 0``.

References
----------
B. von Stengel (2007), "Equilibrium computation for two-player games in strategic
and extensive form", ch. 3 of *Algorithmic Game Theory*.
J. W. Friedman (1971), "A non-cooperative equilibrium for supergames", *Review of
Economic Studies* 38, 1-12.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._sweep_rows import (
    STABLE,
    discount_factor,
    equilibria_signature,
    profile_labels,
    stability_signature,
    target_profile,
)
from coopgame.errors import CoopgameError
from coopgame.game import Game
from coopgame.sweep._points import point_set

if TYPE_CHECKING:
    import pandas

__all__ = ["FastSweepError", "fast_analyses", "fast_sweep", "supports_fast"]

#: relative tolerance: payoff differences within ``TIE_TOL * (1 + max|payoff|)`` are ties
TIE_TOL = 1e-9


class FastSweepError(CoopgameError):
    """A game, point set or option the fast path cannot take."""


# --------------------------------------------------------------------------- support


def fast_analyses() -> dict[str, frozenset[tuple[int, ...]]]:
    """What the fast path computes: analysis name -> the game shapes (``Analysis.fast_shapes``).

    Examples
    --------
    >>> {name: sorted(shapes) for name, shapes in fast_analyses().items()}
    {'equilibria': [(2, 2), (2, 2, 2)], 'repeated': [(2, 2)], 'stability': [(2, 2), (2, 2, 2)]}
    """
    from coopgame.analyses import analyses

    return {a.name: a.fast_shapes for a in analyses() if a.fast_shapes}


def supports_fast(game: Game, analyses: Iterable[str]) -> bool:
    """Whether :func:`fast_sweep` can compute these analyses for this game.

    Each analysis declares the shapes in ``fast_shapes`` (:func:`fast_analyses`): two
    players with two strategies each (``"equilibria"``, ``"stability"``, ``"repeated"``)
    or three players with two each (``"equilibria"`` and ``"stability"``: the critical
    discount factor of a three-player game reverts to mixed stage equilibria, which the
    closed form does not enumerate).

    Examples
    --------
    >>> pd = Game.bimatrix([["3 + s", 0], [5, 1]], [["3 + s", 5], [0, 1]])
    >>> supports_fast(pd, ["equilibria", "repeated"]), supports_fast(pd, ["bargaining"])
    (True, False)
    >>> three = Game(np.zeros((2, 2, 2, 3), dtype=int))
    >>> supports_fast(three, ["stability"]), supports_fast(three, ["repeated"])
    (True, False)
    """
    wanted = set(analyses)
    if not isinstance(game, Game) or not wanted:
        return False
    shapes = fast_analyses()
    return all(game.shape in shapes.get(name, ()) for name in wanted)


# --------------------------------------------------------------------------- sign tables


def _stability_class(signs: Sequence[int]) -> str:
    """:func:`coopgame.evolution.classify` of real eigenvalues with these signs (-1, 0, +1)."""
    from coopgame.evolution import classify

    return classify([float(s) for s in signs])


# : the nine candidate pairs (x, y) of a 2x2 game: 1 / 0 = first / second pure strategy, "*" the
# crossing
_CANDIDATES: tuple[tuple[Any, Any], ...] = tuple(itertools.product((1, 0, "*"), (1, 0, "*")))


@dataclass(frozen=True)
class _Tables2x2:
    """Every sign-determined column of a 2x2 game, indexed by the sign code."""

    nash: np.ndarray  # (81, 4) bool, profiles in C order
    candidate: np.ndarray  # (81, 9) bool: candidate k of _CANDIDATES is an extreme equilibrium
    n_equilibria: np.ndarray
    n_mixed: np.ndarray
    full_mixed: np.ndarray
    degenerate: np.ndarray
    signature: np.ndarray  # object: str
    stability: np.ndarray  # (81, 4) object: str
    stable: np.ndarray  # (81, 4) bool
    stable_signature: np.ndarray  # object: str


def _sign_patterns() -> Iterable[tuple[int, int, int, int, int]]:
    """(code, r0, r1, c0, c1) for every sign pattern; code = 27(r0+1) + 9(r1+1) + 3(c0+1) + (c1+1).
    """
    for r0, r1, c0, c1 in itertools.product((-1, 0, 1), repeat=4):
        yield 27 * (r0 + 1) + 9 * (r1 + 1) + 3 * (c0 + 1) + (c1 + 1), r0, r1, c0, c1


@functools.lru_cache(maxsize=32)
def _tables_2x2(labels: tuple[str, ...]) -> _Tables2x2:
    """Classify the 81 sign patterns of (r0, r1, c0, c1); ``labels`` of the profiles in C order."""
    size = 81
    nash = np.zeros((size, 4), dtype=bool)
    candidate = np.zeros((size, 9), dtype=bool)
    n_eq = np.zeros(size, dtype=np.int64)
    n_mixed = np.zeros(size, dtype=np.int64)
    full_mixed = np.zeros(size, dtype=bool)
    degenerate = np.zeros(size, dtype=bool)
    signature = np.empty(size, dtype=object)
    stability = np.empty((size, 4), dtype=object)
    stable = np.zeros((size, 4), dtype=bool)
    stable_signature = np.empty(size, dtype=object)
    for code, r0, r1, c0, c1 in _sign_patterns():
        x_star, y_star = c0 * c1 == -1, r0 * r1 == -1  # a strict sign change inside (0, 1)

        # the advantages at each candidate of the other player: zero at a crossing
        dr_at: dict[Any, int] = {1: r1, 0: r0, "*": 0}
        dc_at: dict[Any, int] = {1: c1, 0: c0, "*": 0}

        def best(own: Any, advantage: int) -> bool:
            return advantage >= 0 if own == 1 else (advantage <= 0 if own == 0 else advantage == 0)

        mixed = 0
        for k, (x, y) in enumerate(_CANDIDATES):
            if (x == "*" and not x_star) or (y == "*" and not y_star):
                continue
            if best(x, dr_at[y]) and best(y, dc_at[x]):
                candidate[code, k] = True
                if x == "*" or y == "*":
                    mixed += 1
        for p, (i, j) in enumerate(itertools.product((0, 1), repeat=2)):
            nash[code, p] = candidate[code, _CANDIDATES.index((1 - i, 1 - j))]
            # the vertex Jacobian is diagonal: (1 - 2x) times the advantage of the first strategy,
            # i.e. each player's gain from switching strategy
            gains = (
                dr_at[1 - j] if i == 1 else -dr_at[1 - j],
                dc_at[1 - i] if j == 1 else -dc_at[1 - i],
            )
            stability[code, p] = _stability_class(gains)
            stable[code, p] = stability[code, p] == STABLE
        n_eq[code] = candidate[code].sum()
        n_mixed[code] = mixed
        full_mixed[code] = candidate[code, _CANDIDATES.index(("*", "*"))]
        degenerate[code] = 0 in (r0, r1, c0, c1)
        signature[code] = equilibria_signature(
            [lab for lab, ok in zip(labels, nash[code]) if ok], mixed
        )
        stable_signature[code] = stability_signature(
            [lab for lab, ok in zip(labels, stable[code]) if ok]
        )
    return _Tables2x2(
        nash,
        candidate,
        n_eq,
        n_mixed,
        full_mixed,
        degenerate,
        signature,
        stability,
        stable,
        stable_signature,
    )


# --------------------------------------------------------------------------- compilation


@functools.lru_cache(maxsize=16)
def _compile(game: Game, names: tuple[str, ...]) -> Callable[..., list[Any]]:
    """One numpy function giving every payoff entry (flattened, C order) from the named parameters.

    Cached: Monte Carlo runs and repeated sweeps of one game compile it once.
    """
    import sympy

    symbols = {str(s): s for s in game.parameters}
    missing = sorted(set(symbols) - set(names))
    if missing:
        raise FastSweepError(f"the game's parameters {missing} are neither swept nor given values")
    args = [symbols.get(name, sympy.Symbol(name)) for name in names]
    entries = [sympy.sympify(v) for v in game.as_symbolic().payoffs.ravel()]
    function: Callable[..., list[Any]] = sympy.lambdify(args, entries, modules="numpy", cse=True)
    return function


def _signs(values: np.ndarray, tol: np.ndarray) -> np.ndarray:
    """-1, 0, +1 (int8) with ``|value| <= tol`` a tie."""
    return (values > tol).view(np.int8) - (values < -tol).view(np.int8)


# --------------------------------------------------------------------------- 2x2


def _sign_code_2x2(pay: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Sign code (0..80), tie tolerance and the crossings ``x*``, ``y*`` (meaningful where they
    exist).

    ``pay`` has shape (8, n): the entries ``(i, j, player)`` of the payoff array in C order.
    """
    a00, b00, a01, b01, a10, b10, a11, b11 = pay
    tol = TIE_TOL * (1.0 + np.abs(pay).max(axis=0))
    r0, r1, c0, c1 = a01 - a11, a00 - a10, b10 - b11, b00 - b01
    code = 27 * (_signs(r0, tol) + 1) + 9 * (_signs(r1, tol) + 1) + 3 * (_signs(c0, tol) + 1)
    code += _signs(c1, tol) + 1
    with np.errstate(divide="ignore", invalid="ignore"):
        x_star, y_star = c0 / (c0 - c1), r0 / (r0 - r1)
    return code.astype(np.intp), tol, x_star, y_star


def _extreme_equilibria_2x2(pay: np.ndarray) -> list[list[tuple[float, float]]]:
    """Per point, the extreme equilibria as (x, y): the probabilities of the first strategies.

    For checking against other solvers; the sweep itself never builds these lists.
    """
    code, _, x_star, y_star = _sign_code_2x2(pay)
    candidate = _tables_2x2(("", "", "", "")).candidate[code]
    found = []
    for n in range(len(code)):
        x_of = {1: 1.0, 0: 0.0, "*": float(x_star[n])}
        y_of = {1: 1.0, 0: 0.0, "*": float(y_star[n])}
        found.append(
            [(x_of[x], y_of[y]) for k, (x, y) in enumerate(_CANDIDATES) if candidate[n, k]]
        )
    return found


def _columns_2x2(
    pay: np.ndarray, game: Game, analyses: set[str], tables: _Tables2x2, target: tuple[int, int],
    delta: float | None,
) -> dict[str, np.ndarray]:
    """The columns for one chunk; ``pay`` has shape (8, n): entries (i, j, player) in C order."""
    code, tol, x_star, y_star = _sign_code_2x2(pay)
    labels = profile_labels(game)
    out: dict[str, np.ndarray] = {}
    if "equilibria" in analyses:
        nash = tables.nash[code]
        for p, label in enumerate(labels):
            out[f"nash[{label}]"] = nash[:, p]
        out["n_equilibria"] = tables.n_equilibria[code]
        out["n_mixed"] = tables.n_mixed[code]
        full = tables.full_mixed[code]
        out[f"mixed[{game.players[0]}]"] = np.where(full, x_star, np.nan)
        out[f"mixed[{game.players[1]}]"] = np.where(full, y_star, np.nan)
        out["degenerate"] = tables.degenerate[code]
        out["signature"] = tables.signature[code]
    if "stability" in analyses:
        stability, stable = tables.stability[code], tables.stable[code]
        for p, label in enumerate(labels):
            out[f"stability[{label}]"] = stability[:, p]
        for p, label in enumerate(labels):
            out[f"stable[{label}]"] = stable[:, p]
        out["stable_signature"] = tables.stable_signature[code]
    if "repeated" in analyses:
        delta_star, upper = _grim_2x2(pay, tol, code, tables, x_star, y_star, target)
        out["delta_star"] = delta_star
        if delta is not None:
            out["sustainable"] = (delta_star <= delta + 1e-12) & (delta <= upper + 1e-12)
    return out


def _grim_2x2(
    pay: np.ndarray, tol: np.ndarray, code: np.ndarray, tables: _Tables2x2, x_star: np.ndarray,
    y_star: np.ndarray, target: tuple[int, int],
) -> tuple[np.ndarray, np.ndarray]:
    """Critical discount factor (NaN: none) and the largest delta that works (1: no upper bound)."""
    A = pay[0::2].reshape(2, 2, -1)
    B = pay[1::2].reshape(2, 2, -1)
    candidate = tables.candidate[code]  # (n, 9)
    with np.errstate(invalid="ignore"):
        # the punishment: each player's lowest expected payoff over the extreme equilibria
        x_mix: dict[Any, Any] = {1: 1.0, 0: 0.0, "*": x_star}
        y_mix: dict[Any, Any] = {1: 1.0, 0: 0.0, "*": y_star}
        punish = [np.full(len(code), np.inf), np.full(len(code), np.inf)]
        for k, (x, y) in enumerate(_CANDIDATES):
            xs, ys = x_mix[x], y_mix[y]
            for player, M in ((0, A), (1, B)):
                value = (xs * (ys * M[0, 0] + (1 - ys) * M[0, 1])
                         + (1 - xs) * (ys * M[1, 0] + (1 - ys) * M[1, 1]))
                punish[player] = np.where(
                    candidate[:, k], np.minimum(punish[player], value), punish[player]
                )
    low = np.zeros(len(code))
    high = np.ones(len(code))
    ok = np.ones(len(code), dtype=bool)
    i, j = target
    for player, M in ((0, A), (1, B)):
        own = M[i, j]
        alternative = M[1 - i, j] if player == 0 else M[i, 1 - j]
        c = own - alternative
        e = own - punish[player]
        slope = e - c
        sc, se, ss = _signs(c, tol), _signs(e, tol), _signs(slope, tol)
        with np.errstate(divide="ignore", invalid="ignore"):
            rising = (ss > 0) & (sc < 0)
            low = np.where(rising, np.maximum(low, -c / slope), low)
            falling = (ss < 0) & (se < 0)
            high = np.where(falling, np.minimum(high, c / (c - e)), high)
        ok &= np.where(ss > 0, se > 0, np.where(ss < 0, sc > 0, sc >= 0))
    ok &= low <= high + 1e-12
    return np.where(ok, low, np.nan), np.where(ok, high, np.nan)


# --------------------------------------------------------------------------- 2x2x2


def _columns_2x2x2(pay: np.ndarray, game: Game, analyses: set[str]) -> dict[str, np.ndarray]:
    """Pure equilibria and vertex stability of a 2x2x2 game; ``pay`` has shape (24, n)."""
    tol = TIE_TOL * (1.0 + np.abs(pay).max(axis=0))
    U = pay.reshape(2, 2, 2, 3, -1)
    profiles = list(game.pure_profiles())
    labels = profile_labels(game)
    nash_bits = np.zeros(pay.shape[1], dtype=np.intp)
    stable_bits = np.zeros(pay.shape[1], dtype=np.intp)
    classes: list[np.ndarray] = []
    stables: list[np.ndarray] = []
    nashes: list[np.ndarray] = []
    class_table = np.empty(27, dtype=object)
    for s in itertools.product((-1, 0, 1), repeat=3):
        class_table[9 * (s[0] + 1) + 3 * (s[1] + 1) + (s[2] + 1)] = _stability_class(s)
    for p, profile in enumerate(profiles):
        code = np.zeros(pay.shape[1], dtype=np.intp)
        for player in range(3):
            other = list(profile)
            other[player] = 1 - profile[player]
            gain = U[tuple(other) + (player,)] - U[tuple(profile) + (player,)]
            code = 3 * code + (_signs(gain, tol) + 1)
        # every gain <= 0 (sign digit 0 or 1): a Nash equilibrium; every gain < 0: strict, stable
        digits = [code // 9, (code // 3) % 3, code % 3]
        is_nash = (digits[0] <= 1) & (digits[1] <= 1) & (digits[2] <= 1)
        is_stable = code == 0
        nashes.append(is_nash)
        stables.append(is_stable)
        classes.append(class_table[code])
        nash_bits |= is_nash.astype(np.intp) << p
        stable_bits |= is_stable.astype(np.intp) << p
    out: dict[str, np.ndarray] = {}
    if "equilibria" in analyses:
        for label, is_nash in zip(labels, nashes):
            out[f"nash[{label}]"] = is_nash
        signatures = np.array(
            [
                equilibria_signature([lab for b, lab in enumerate(labels) if mask >> b & 1])
                for mask in range(256)
            ],
            dtype=object,
        )
        out["signature"] = signatures[nash_bits]
    if "stability" in analyses:
        for label, cls in zip(labels, classes):
            out[f"stability[{label}]"] = cls
        for label, st in zip(labels, stables):
            out[f"stable[{label}]"] = st
        stable_names = np.array(
            [
                stability_signature([lab for b, lab in enumerate(labels) if mask >> b & 1])
                for mask in range(256)
            ],
            dtype=object,
        )
        out["stable_signature"] = stable_names[stable_bits]
    return out


# --------------------------------------------------------------------------- public


def _as_points(points: Any) -> tuple[list[str], list[np.ndarray], int]:
    """Names, float arrays and the number of points; no parameters at all: one point (a numeric
    game).
    """
    if (isinstance(points, Mapping) and not points) or (
        hasattr(points, "columns") and not len(points.columns)
    ):
        return [], [], 1
    checked = point_set(points, error=FastSweepError)
    return list(checked.names), list(checked.floats().values()), checked.n


def fast_sweep(
    game: Game,
    points: Any,
    analyses: Sequence[str] = ("equilibria",),
    *,
    target: Any = None,
    delta: Any = None,
    chunk_size: int = 250_000,
    progress: bool = True,
) -> pandas.DataFrame:
    """Evaluate analyses of a 2x2 or 2x2x2 game at many parameter points at once.

    Parameters
    ----------
    game
        A game whose free parameters are all among the names of ``points`` (numeric
        games work too: every point then gives the same row).
    points
        Mapping parameter name -> array of values (or a DataFrame), one entry a point.
    analyses
        Any of ``"equilibria"``, ``"stability"``, ``"repeated"`` (see
        :func:`supports_fast`).
    target
        The repeated game's target profile (names or indices; default: everyone's
        first strategy).
    delta
        The discount factor for the ``sustainable`` column (omitted when ``None``).
    chunk_size
        Points evaluated at once: memory grows with it, about 0.5 kB per point.
    progress
        Show a tqdm progress bar over the chunks.

    Returns
    -------
    pandas.DataFrame
        One row per point, the analysis columns of the sweep contract only (the
        parameter columns are the caller's): ``nash[<profile>]``, ``n_equilibria``,
        ``n_mixed``, ``mixed[<player>]``, ``degenerate``, ``signature`` (two-player
        games; three players: ``nash[...]`` and ``signature`` of the pure
        equilibria), ``stability[<profile>]``, ``stable[<profile>]``,
        ``stable_signature``, ``delta_star``, ``sustainable``.

    Raises
    ------
    FastSweepError
        An unsupported game or analysis, a parameter without values, points that are
        not flat columns of finite numbers of one length (see
        :func:`coopgame.sweep._points.point_set`), a bad target, ``delta`` outside
        (0, 1) or a chunk size below 1.

    Examples
    --------
    A Prisoner's Dilemma with a subsidy ``s`` to each cooperator: cooperating is a
    best reply to defection once ``s >= 1`` and to cooperation once ``3 + s >= 5``. At
    ``s = 1`` and ``s = 2`` a player is indifferent somewhere: ties, three equilibria.

    >>> pd = Game.bimatrix([["3 + s", "s"], [5, 1]], [["3 + s", 5], ["s", 1]],
    ...                    strategies=[["C", "D"], ["C", "D"]])
    >>> table = fast_sweep(pd, {"s": [0, 1, 2, 3]}, ["equilibria", "repeated"], progress=False)
    >>> table[["nash[C,C]", "nash[D,D]", "n_equilibria", "degenerate", "signature"]]
       nash[C,C]  nash[D,D]  n_equilibria  degenerate        signature
    0      False       True             1       False              D,D
    1      False       True             3        True  C,D + D,C + D,D
    2       True      False             3        True  C,C + C,D + D,C
    3       True      False             1       False              C,C

    Grim trigger for (C, C): deviating gains ``5 - (3 + s)`` once and loses ``3 + s - 1``
    (reversion to a stage equilibrium paying the deviator 1) every later period, so
    ``delta* = (2 - s) / 4`` until (C, C) is a stage equilibrium itself.

    >>> table["delta_star"].tolist()
    [0.5, 0.25, 0.0, 0.0]
    """
    wanted = list(dict.fromkeys(analyses))
    if not supports_fast(game, wanted):
        handles = "; ".join(f"{name} ({', '.join('x'.join(map(str, s)) for s in sorted(shapes))})"
                            for name, shapes in fast_analyses().items())
        raise FastSweepError(
            f"the fast path handles {handles}; got a {'x'.join(map(str, game.shape))} game "
            f"with {wanted}"
        )
    if (
        isinstance(chunk_size, bool)
        or not isinstance(chunk_size, (int, np.integer))
        or chunk_size < 1
    ):
        raise FastSweepError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    delta_value = None if delta is None else float(discount_factor(delta, error=FastSweepError))
    target_index = (0,) * game.n_players if target is None else game.profile_index(
        target_profile(game, target, error=FastSweepError))
    names, arrays, n = _as_points(points)
    function = _compile(game, tuple(names))
    selected = set(wanted)
    two = game.n_players == 2
    tables = _tables_2x2(tuple(profile_labels(game))) if two else None

    from tqdm.auto import tqdm

    parts: list[dict[str, np.ndarray]] = []
    starts = range(0, max(n, 1), int(chunk_size))
    for start in tqdm(starts, desc="fast sweep", unit="chunk", disable=not progress, leave=False):
        stop = min(start + int(chunk_size), n)
        size = stop - start
        with np.errstate(all="ignore"):  # a point where a payoff is undefined is reported below
            values = function(*[a[start:stop] for a in arrays])
        pay = np.empty((len(values), size))
        for k, v in enumerate(values):
            if np.iscomplexobj(v):
                raise FastSweepError("a payoff is complex at some points; use the general path")
            pay[k] = v  # broadcasts the constant entries
        finite = np.isfinite(pay).all(axis=0)
        if not finite.all():
            bad = start + int(np.argmin(finite))
            where = ", ".join(f"{name}={float(a[bad])!r}" for name, a in zip(names, arrays))
            raise FastSweepError(
                f"a payoff is not a finite number at {where}; use the general path, "
                "which reports such points as failures"
            )
        if two:
            assert tables is not None
            parts.append(_columns_2x2(pay, game, selected, tables,
                                      (target_index[0], target_index[1]), delta_value))
        else:
            parts.append(_columns_2x2x2(pay, game, selected))
    import pandas as pd

    if len(parts) == 1:
        columns = parts[0]
    else:
        columns = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    return pd.DataFrame(columns)
