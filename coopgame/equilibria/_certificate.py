"""Certificates: the regret of a mixed profile, exact or float.

Every equilibrium that leaves a solver is built by :func:`certified_equilibrium`,
which recomputes its regret from the game (independently of how the solver found
it) and refuses a profile whose regret is not 0 (rational) or, in floats (and for
irrational algebraic profiles, whose regret is evaluated in floats), whose regret of
some player exceeds ``tol`` times that player's payoff range. The float tolerance is
relative because equilibria do not change when a player's payoffs are multiplied by a
positive number: payoffs in units of 1e-9 or 1e9 must be judged like payoffs in units of 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import numpy.typing as npt

from coopgame.equilibria._result import Equilibrium
from coopgame.errors import CoopgameError
from coopgame.game import Game, GameError
from coopgame.numbers import DEFAULT_TOL, InvalidNumberError, is_sympy, to_exact

__all__ = ["regret", "is_nash", "strategy_payoffs", "as_profile", "certified_equilibrium",
           "normalized_payoffs", "relative_regrets", "TIE_TOL", "CertificateError", "ProfileError"]


#: Float solvers work on :func:`normalized_payoffs` (each player's payoffs on [0, 1]); there
#: payoff differences up to this are ties. Far below the default ``tol``, so that a payoff
#: 1e-10 of the range still decides a best response (``[[1000, 0], [0, 1e-7]]``), and far
#: above the rounding of the solvers' linear algebra on such payoffs.
TIE_TOL = 1e-11


class ProfileError(CoopgameError):
    """A mixed profile that does not fit the game (shape, negative or non-summing probabilities)."""


class CertificateError(CoopgameError, RuntimeError):
    """A solver produced a profile that is not an equilibrium: a bug, never silently passed on."""


def as_profile(
    game: Game,
    profile: Sequence[npt.ArrayLike] | Mapping[str, npt.ArrayLike],
    exact: bool | None = None,
    tol: float = DEFAULT_TOL,
) -> tuple[np.ndarray, ...]:
    """Validate a mixed profile and return one probability vector per player.

    Exact entries (ints, Fractions, ``"1/3"``) give object arrays of Fractions when
    ``exact`` is true or None and all entries are exact; otherwise float arrays.

    Raises
    ------
    ProfileError
        Wrong number of players or strategies, NaN/inf, negative entries, or a
        vector that does not sum to 1 (exactly, or within ``tol`` for floats).

    Examples
    --------
    >>> g = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> as_profile(g, [["1/2", "1/2"], [1, 0]])
    (array([Fraction(1, 2), Fraction(1, 2)], dtype=object), array([Fraction(1, 1), Fraction(0, 1)], dtype=object))
    >>> as_profile(g, [[0.5, 0.6], [1, 0]])
    Traceback (most recent call last):
    ...
    coopgame.equilibria._certificate.ProfileError: the strategy of 'Player 1' sums to 1.1, not 1
    """
    if isinstance(profile, Mapping):
        unknown = [p for p in profile if str(p) not in game.players]
        if unknown:
            raise ProfileError(f"unknown player {unknown[0]!r}; players are {list(game.players)}")
        missing = [p for p in game.players if p not in profile]
        if missing:
            raise ProfileError(f"the profile has no strategy for {missing}")
        vectors = [profile[p] for p in game.players]
    else:
        vectors = list(profile)
    if len(vectors) != game.n_players:
        raise ProfileError(f"a profile needs one strategy per player ({game.n_players}), got {len(vectors)}")
    raw = []
    for i, vec in enumerate(vectors):
        arr = np.array(vec, dtype=object).ravel() if not isinstance(vec, np.ndarray) else vec.ravel()
        if arr.shape[0] != game.shape[i]:
            raise ProfileError(
                f"the strategy of {game.players[i]!r} has {arr.shape[0]} entries; "
                f"the player has {game.shape[i]} strategies"
            )
        raw.append(arr)
    all_exact = all(
        arr.dtype.kind in "iu" or (arr.dtype == object and all(_is_exact_entry(v) for v in arr)) for arr in raw
    )
    use_exact = all_exact if exact is None else exact
    out = []
    for i, arr in enumerate(raw):
        name = game.players[i]
        try:
            vec = (np.array([to_exact(v) for v in arr], dtype=object) if use_exact
                   else np.array([float(to_exact(v)) if isinstance(v, str) else float(v) for v in arr]))
        except (InvalidNumberError, TypeError, ValueError) as exc:
            raise ProfileError(f"the strategy of {name!r} is not numeric: {exc}") from None
        if not use_exact and not np.all(np.isfinite(vec)):
            raise ProfileError(f"the strategy of {name!r} contains NaN or infinity")
        if any(v < (0 if use_exact else -tol) for v in vec):
            raise ProfileError(f"the strategy of {name!r} has a negative probability")
        total = sum(vec)
        if (use_exact and total != 1) or (not use_exact and abs(total - 1) > tol):
            raise ProfileError(f"the strategy of {name!r} sums to {total}, not 1")
        vec.setflags(write=False)
        out.append(vec)
    return tuple(out)


def _is_exact_entry(value: Any) -> bool:
    if isinstance(value, (bool, float, np.floating)):
        return False
    try:
        to_exact(value)
    except (InvalidNumberError, TypeError):
        return False
    return True


def strategy_payoffs(game: Game, profile: Sequence[np.ndarray], player: int) -> np.ndarray:
    """Player ``player``'s payoff from each of its pure strategies against the others' mix.

    Examples
    --------
    In the Prisoner's Dilemma against an even mix, cooperating pays 3/2 and defecting 3:

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> half = np.array([Fraction(1, 2), Fraction(1, 2)], dtype=object)
    >>> strategy_payoffs(pd, [half, half], 0)
    array([Fraction(3, 2), Fraction(3, 1)], dtype=object)
    """
    arr = game.payoffs[..., player]
    if profile[0].dtype == object and arr.dtype != object:
        arr = arr.astype(object)
    elif profile[0].dtype != object and arr.dtype == object and game.kind != "symbolic":
        arr = arr.astype(float)
    # contract the other players' axes, last first so the axis numbers stay valid
    for j in reversed(range(game.n_players)):
        if j != player:
            arr = np.tensordot(arr, profile[j], axes=([j], [0]))
    return np.asarray(arr)


def _player_regrets(game: Game, profile: Sequence[np.ndarray]) -> tuple[list[Any], list[Any]]:
    payoffs, regrets = [], []
    for i in range(game.n_players):
        values = strategy_payoffs(game, profile, i)
        own = sum(values * profile[i]) if values.dtype == object else float(values @ profile[i])
        payoffs.append(own)
        regrets.append(max(values) - own)
    return payoffs, regrets


def normalized_payoffs(payoffs: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each player's float payoffs mapped affinely onto [0, 1], without overflow.

    Equilibria do not change under a positive affine map of one player's payoffs, so
    solvers work on these and one tolerance then fits every scale. A player whose
    payoffs are all equal gets zeros.

    Parameters
    ----------
    payoffs
        The payoff array, player last (``game.payoffs``).

    Returns
    -------
    normalized, low, span
        ``payoffs[..., i] == low[i] + span[i] * normalized[..., i]`` up to rounding;
        ``span[i]`` is player ``i``'s payoff range (``inf`` only when the range itself
        exceeds the largest float, as for payoffs -1e308 and 1e308).

    Examples
    --------
    >>> unit, low, span = normalized_payoffs(np.array([[[1000.0, 1.0], [0.0, 0.0]], [[0.0, 0.0], [1e-7, 1.0]]]))
    >>> unit[..., 0].tolist(), low.tolist(), span.tolist()
    ([[1.0, 0.0], [0.0, 1e-10]], [0.0, 0.0], [1000.0, 1.0])
    >>> normalized_payoffs(np.array([[[-1e308, 5.0], [1e308, 5.0]]]))[2]
    array([inf,  0.])
    """
    normalized, magnitude, unit_low, unit_span = _normalization(payoffs)
    with np.errstate(over="ignore"):
        return normalized, magnitude * unit_low, magnitude * unit_span


def _normalization(payoffs: npt.ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`normalized_payoffs` as ``payoffs[..., i] == magnitude[i] * (unit_low[i] +
    unit_span[i] * normalized[..., i])``, where every factor is finite."""
    values = np.asarray(payoffs, dtype=float)
    normalized = np.zeros_like(values)
    players = values.shape[-1]
    magnitude, unit_low, unit_span = np.zeros(players), np.zeros(players), np.zeros(players)
    for i in range(players):
        u = values[..., i]
        # divide by the largest magnitude first so that max - min cannot overflow
        magnitude[i] = float(np.abs(u).max()) if u.size else 0.0
        if magnitude[i] == 0:
            continue
        unit = u / magnitude[i]
        unit_low[i], unit_span[i] = float(unit.min()), float(unit.max() - unit.min())
        if unit_span[i] > 0:
            normalized[..., i] = np.clip((unit - unit_low[i]) / unit_span[i], 0.0, 1.0)
    return normalized, magnitude, unit_low, unit_span


def relative_regrets(game: Game, profile: Sequence[np.ndarray]) -> np.ndarray:
    """Each player's regret at a float profile divided by the player's payoff range.

    Computed on :func:`normalized_payoffs`, so it neither overflows (payoffs near 1e308)
    nor loses the small payoffs of a badly scaled game to the rounding of the large
    ones. This is what float certificates compare with ``tol``.

    Examples
    --------
    >>> g = Game.bimatrix([[1e9, 0.0], [0.0, 1e9]], [[1e-9, 0.0], [0.0, 1e-9]])
    >>> relative_regrets(g.as_float(), [np.array([1.0, 0.0]), np.array([0.0, 1.0])]).tolist()
    [1.0, 1.0]
    """
    unit_game = Game(normalized_payoffs(game.as_float().payoffs)[0])
    _, regrets = _player_regrets(unit_game, [np.asarray(vec, dtype=float) for vec in profile])
    return np.clip(np.array(regrets, dtype=float), 0.0, None)


def regret(game: Game, profile: Sequence[npt.ArrayLike] | Mapping[str, npt.ArrayLike]) -> Any:
    """The largest gain any player can make by a unilateral deviation from ``profile``.

    Exact (a ``Fraction``) when game and profile are exact; a float otherwise. A
    profile is a Nash equilibrium iff its regret is 0.

    Examples
    --------
    Matching Pennies at the uniform mix and at a pure profile:

    >>> mp = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> regret(mp, [["1/2", "1/2"], ["1/2", "1/2"]])
    Fraction(0, 1)
    >>> regret(mp, [[1, 0], [1, 0]])
    Fraction(2, 1)
    """
    if game.kind == "symbolic" and game.parameters:
        raise GameError("regret needs numeric payoffs; substitute the parameters first (game.subs)")
    vectors = as_profile(game, profile, exact=None if game.kind != "float" else False)
    _, regrets = _player_regrets(game, vectors)
    return max(regrets)


def is_nash(
    game: Game, profile: Sequence[npt.ArrayLike] | Mapping[str, npt.ArrayLike], tol: float = DEFAULT_TOL
) -> bool:
    """Whether ``profile`` is a Nash equilibrium: regret exactly 0, or for floats every
    player's regret at most ``tol`` times that player's payoff range.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> is_nash(pd, [[0, 1], [0, 1]]), is_nash(pd, [[1, 0], [1, 0]])
    (True, False)
    """
    r = regret(game, profile)
    if isinstance(r, Fraction):
        return bool(r == 0)
    vectors = as_profile(game, profile, exact=False)
    return bool(relative_regrets(game, vectors).max() <= tol)


def certified_equilibrium(
    game: Game, profile: Sequence[Any], exact: bool, tol: float = DEFAULT_TOL
) -> Equilibrium:
    """Build an :class:`Equilibrium`, recomputing its regret as its certificate.

    ``profile`` entries may be Fractions, floats or (for irrational equilibria)
    sympy algebraic numbers; the latter are kept exact but certified on their float
    values, with ``tol``.

    Raises
    ------
    CertificateError
        If the profile is not an equilibrium (regret not 0, or above ``tol`` for floats).

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> eq = certified_equilibrium(pd, [[0, 1], [0, 1]], exact=True)
    >>> eq.payoffs, eq.regret
    ((Fraction(1, 1), Fraction(1, 1)), Fraction(0, 1))
    >>> certified_equilibrium(pd, [[1, 0], [1, 0]], exact=True)
    Traceback (most recent call last):
    ...
    coopgame.equilibria._certificate.CertificateError: solver returned a profile with exact regret 2
    """
    algebraic = exact and any(is_sympy(v) and not v.is_Rational for vec in profile for v in vec)
    if algebraic:
        vectors = tuple(_readonly(np.array(list(vec), dtype=object)) for vec in profile)
        float_vectors = tuple(np.array([float(v) for v in vec]) for vec in vectors)
        checked = _float_equilibrium(game, float_vectors, tol)
        return Equilibrium(vectors, checked.payoffs, checked.regret, True, algebraic=True)
    if exact:
        vectors = tuple(_readonly(np.array([to_exact(v) for v in vec], dtype=object)) for vec in profile)
        for i, vec in enumerate(vectors):
            if sum(vec) != 1 or any(v < 0 for v in vec):
                raise CertificateError(f"solver returned an invalid strategy for player {i}: {list(vec)}")
        payoffs, regrets = _player_regrets(game.as_exact(), vectors)
        worst = max(regrets)
        if worst != 0:
            raise CertificateError(f"solver returned a profile with exact regret {worst}")
        return Equilibrium(vectors, tuple(payoffs), worst, True)
    vectors = tuple(_readonly(np.clip(np.asarray(vec, dtype=float), 0.0, None)) for vec in profile)
    for i, vec in enumerate(vectors):
        if not abs(vec.sum() - 1) <= tol:
            raise CertificateError(f"solver returned a strategy for player {i} summing to {vec.sum()}")
    return _float_equilibrium(game, vectors, tol)


def _float_equilibrium(game: Game, vectors: tuple[np.ndarray, ...], tol: float) -> Equilibrium:
    """Certify float strategies on the normalized payoffs (see :func:`relative_regrets`) and
    report payoffs and regret in the game's own units."""
    unit, magnitude, unit_low, unit_span = _normalization(game.as_float().payoffs)
    unit_payoffs, unit_regrets = _player_regrets(Game(unit), vectors)
    relative = [max(float(r), 0.0) for r in unit_regrets]
    worst_player = int(np.argmax(relative))
    if not relative[worst_player] <= tol:
        raise CertificateError(
            f"solver returned a profile where player {worst_player}'s regret is {relative[worst_player]:.3g} "
            f"of the player's payoff range (> tol = {tol})"
        )
    # back in the game's units; the products overflow only if the true value does
    with np.errstate(over="ignore"):
        payoffs = tuple(float(magnitude[i] * (unit_low[i] + unit_span[i] * p)) for i, p in enumerate(unit_payoffs))
        worst = max(float(magnitude[i] * (unit_span[i] * r)) for i, r in enumerate(relative))
    return Equilibrium(vectors, payoffs, worst, False)


def _readonly(arr: np.ndarray) -> np.ndarray:
    arr.setflags(write=False)
    return arr
