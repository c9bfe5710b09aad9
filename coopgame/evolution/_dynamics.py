"""Replicator dynamics of a normal-form game: one population per player, or one symmetric
population.

In the k-population replicator dynamics (Taylor 1979; Weibull 1995, ch. 5) each
player role is a population; the share ``p_{i,s}`` of population ``i`` using
strategy ``s`` grows at the rate by which that strategy's payoff beats the
population's mean payoff::

    dp_{i,s}/dt = p_{i,s} * (u_i(s, p_{-i}) - u_i(p_i, p_{-i})).

The state is written in *reduced coordinates* (every share but each population's
last); for two strategies per population this is the textbook form
``dx/dt = x (1 - x) (u_i(first) - u_i(second))``.

References
----------
Taylor, P. D. (1979). Evolutionarily stable strategies with two types of player.
*J. Appl. Probab.* 16, 76-83.
Weibull, J. W. (1995). *Evolutionary Game Theory*. MIT Press.
"""

from __future__ import annotations

import math
import string
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from coopgame.errors import CoopgameError
from coopgame.game import Game

#: A vector field ``f(t, y)``; ``y`` has shape ``(d,)`` or ``(d, m)`` (m states as columns, scipy's
#: ``vectorized=True`` convention) and the result has the same shape.
VectorField = Callable[[float, np.ndarray], np.ndarray]


class EvolutionError(CoopgameError):
    """Invalid input to an evolutionary-dynamics function (bad state, unsupported game, ...)."""


def _sympy() -> Any:
    import sympy

    return sympy


def state_symbols(game: Game) -> tuple[Any, ...]:
    """The sympy symbols of the reduced state of ``game``'s populations.

    A population with two strategies gets one symbol ``x<i>`` (the share playing
    its first strategy); with ``n > 2`` strategies it gets ``x<i>_<s>`` for
    ``s = 1 .. n - 1``.

    Examples
    --------
    >>> g = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> state_symbols(g)
    (x1, x2)
    """
    sp = _sympy()
    names: list[str] = []
    for i, n in enumerate(game.shape, start=1):
        names += [f"x{i}"] if n == 2 else [f"x{i}_{s}" for s in range(1, n)]
    return tuple(sp.Symbol(name, real=True) for name in names)


def _population_slices(shape: Sequence[int]) -> list[slice]:
    """Where each population's reduced shares sit in the state vector."""
    slices, start = [], 0
    for n in shape:
        slices.append(slice(start, start + n - 1))
        start += n - 1
    return slices


def _strategy_payoffs_symbolic(
    payoffs: np.ndarray, shares: list[list[Any]], player: int
) -> list[Any]:
    """``u_i(s, p_{-i})`` for every strategy ``s`` of ``player``, as sympy expressions."""
    sp = _sympy()
    values = []
    for s in range(payoffs.shape[player]):
        total = sp.Integer(0)
        for profile in np.ndindex(*payoffs.shape[:-1]):
            if profile[player] != s:
                continue
            weight = sp.Integer(1)
            for j, sj in enumerate(profile):
                if j != player:
                    weight *= shares[j][sj]
            total += payoffs[profile + (player,)] * weight
        values.append(sp.expand(total))
    return values


def replicator_equations(game: Game) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
    """The k-population replicator dynamics of ``game`` as sympy expressions.

    Parameters
    ----------
    game
        Any game (float, exact or symbolic payoffs; policy modifiers already applied).

    Returns
    -------
    symbols, rates
        The reduced state symbols (see :func:`state_symbols`) and ``d symbol / dt`` for each.
        For a population with two strategies the rate is ``x (1 - x) * advantage`` where
        the advantage is the first strategy's payoff minus the second's.

    Examples
    --------
    The Prisoner's Dilemma: cooperation (first strategy) always loses 1 + y.

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> (x, y), (dx, dy) = replicator_equations(pd)
    >>> dx
    x1*(1 - x1)*(-x2 - 1)

    References
    ----------
    Weibull, J. W. (1995). *Evolutionary Game Theory*, section 5.1. MIT Press.
    """
    sp = _sympy()
    symbols = state_symbols(game)
    payoffs = game.as_symbolic().payoffs
    slices = _population_slices(game.shape)
    shares = []
    for sl in slices:
        own = list(symbols[sl])
        shares.append([*own, 1 - sum(own, sp.Integer(0))])
    rates: list[Any] = []
    for i, sl in enumerate(slices):
        u = _strategy_payoffs_symbolic(payoffs, shares, i)
        if len(u) == 2:
            x = symbols[sl][0]
            rates.append(x * (1 - x) * sp.expand(u[0] - u[1]))
            continue
        mean = sp.expand(sum((p * v for p, v in zip(shares[i], u)), sp.Integer(0)))
        rates += [shares[i][s] * sp.expand(u[s] - mean) for s in range(len(u) - 1)]
    return symbols, tuple(rates)


def full_shares(game: Game, state: npt.ArrayLike) -> list[np.ndarray]:
    """Each population's full share vector from a reduced state (``(d,)`` or ``(d, m)``).

    Examples
    --------
    >>> g = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> [p.tolist() for p in full_shares(g, [0.25, 1.0])]
    [[0.25, 0.75], [1.0, 0.0]]
    """
    y = np.asarray(state, dtype=float)
    dim = sum(n - 1 for n in game.shape)
    if y.ndim not in (1, 2) or y.shape[0] != dim:
        raise EvolutionError(
            f"a state of this game has {dim} reduced coordinates (shape ({dim},) or ({dim}, m)); "
            f"got shape {y.shape}"
        )
    out = []
    for sl in _population_slices(game.shape):
        own = y[sl]
        out.append(np.concatenate([own, 1.0 - own.sum(axis=0, keepdims=True)], axis=0))
    return out


def _contraction_subscripts(n_players: int, player: int) -> str:
    """einsum subscripts giving ``u_i(s, p_{-i})`` for a batch ``Z`` of mixed profiles."""
    axes = string.ascii_lowercase[:n_players]
    others = ",".join(f"{axes[j]}Z" for j in range(n_players) if j != player)
    return f"{axes}{',' + others if others else ''}->{axes[player]}Z"


def replicator_field(game: Game) -> VectorField:
    """The k-population replicator dynamics as a fast float vector field ``f(t, y)``.

    ``y`` is a reduced state of shape ``(d,)`` or a batch of shape ``(d, m)``; the
    field is vectorised over the batch (pass ``vectorized=True`` to ``solve_ivp``).

    Raises
    ------
    EvolutionError
        If the game has free parameters (substitute values first).

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> f = replicator_field(pd)
    >>> f(0.0, np.array([0.5, 0.5])).tolist()   # x (1 - x) (-1 - y) = -0.375
    [-0.375, -0.375]
    """
    _require_numbers(game)
    if all(n == 2 for n in game.shape):
        return _two_strategy_field(game)
    return _population_field(game, lambda p, u: p[:-1] * (u[:-1] - np.sum(p * u, axis=0)))


def _require_numbers(game: Game) -> None:
    if game.kind == "symbolic" and game.parameters:
        raise EvolutionError(
            f"the game has free parameters {sorted(map(str, game.parameters))}; substitute values "
            "first"
        )


@dataclass(frozen=True)
class _UnitGame:
    """A game's replicator dynamics in the game's own time unit.

    Multiplying every payoff by ``c > 0`` multiplies the replicator field by ``c``: the
    same orbits, run ``c`` times faster. So the dynamics of ``game`` over time ``t`` are
    those of ``game`` divided by ``scale`` (its largest payoff range over the players)
    over time ``tau = scale * t``: payoff differences of order one, whatever the
    payoffs' units (1e-5 or 1e20), which tolerances, first steps and horizons can be
    fixed for. ``speeds`` are the players' own payoff ranges over ``scale`` (between 0
    and 1): a population with speed 1e-5 moves 1e5 times slower than the fastest.
    """

    game: Game
    scale: float
    speeds: tuple[float, ...]

    def to_unit_time(self, t: Any) -> np.ndarray:
        with np.errstate(over="ignore"):
            tau = np.asarray(t, dtype=float) * self.scale
        if not np.all(np.isfinite(tau)):
            raise EvolutionError(f"the time span is too long for payoffs this large (payoff range "
                                 f"{self.scale:.3g}): shorten it, or let basins choose the horizon")
        return tau

    def to_game_time(self, tau: Any) -> np.ndarray:
        return np.asarray(tau, dtype=float) / self.scale


def _unit_game(game: Game) -> _UnitGame:
    """``game`` with its payoffs divided by its largest payoff range (exactly for exact games).

    Examples
    --------
    >>> unit = _unit_game(Game.bimatrix([[2e-5, 0], [0, 1e-5]], [[1e-6, 0], [0, 2e-6]]))
    >>> unit.game.payoffs[0, 0].tolist(), unit.scale, unit.speeds
    ([1.0, 0.05], 2e-05, (1.0, 0.1))
    """
    if game.kind == "symbolic" and game.parameters:
        raise EvolutionError(
            f"the game has free parameters {sorted(map(str, game.parameters))}; substitute values "
            "first"
        )
    if game.kind == "exact":
        # exact division first: payoffs beyond the float range (1e400) still have float ratios
        ranges = [
            max(a.flat) - min(a.flat) for a in (game.payoff_array(i) for i in range(game.n_players))
        ]
        top = max(ranges)
        if top == 0:
            return _UnitGame(game.as_float(), 1.0, (0.0,) * game.n_players)
        scale = float(top) if top <= sys.float_info.max else float("inf")
        return _UnitGame(Game(game.payoffs / top, game.players, game.strategies).as_float(), scale,
                         tuple(float(r / top) for r in ranges))
    payoffs = game.as_float().payoffs.astype(float)
    if not np.all(np.isfinite(payoffs)):
        raise EvolutionError("the payoffs must be finite numbers (a payoff is NaN or infinite)")
    peak = float(np.max(np.abs(payoffs))) if payoffs.size else 0.0
    if peak == 0:
        return _UnitGame(game.as_float(), 1.0, (0.0,) * game.n_players)
    unit = payoffs / peak  # entries in [-1, 1]: the ranges below cannot overflow
    flat = unit.reshape(-1, game.n_players)
    ranges = flat.max(axis=0) - flat.min(axis=0)
    top = float(ranges.max())
    if top == 0:
        return _UnitGame(game.as_float(), 1.0, (0.0,) * game.n_players)
    with np.errstate(over="ignore"):
        scale = peak * top
    return _UnitGame(
        Game(unit / top, game.players, game.strategies),
        scale,
        tuple(float(r / top) for r in ranges),
    )


def _advantage_coefficients(game: Game, player: int) -> np.ndarray:
    """Player's payoff advantage of its first strategy as a multilinear polynomial in the others'
    shares.

    Axis ``j`` of the result indexes the other populations in order: entry 0 is the part
    constant in ``x_j``, entry 1 the coefficient of ``x_j`` (since
    ``x_j a + (1 - x_j) b = b + (a - b) x_j``).
    """
    u = game.as_float().payoff_array(player).astype(float)
    coefficients = np.take(u, 0, axis=player) - np.take(u, 1, axis=player)
    for axis in range(coefficients.ndim):
        first, second = np.take(coefficients, 0, axis=axis), np.take(coefficients, 1, axis=axis)
        coefficients = np.stack([second, first - second], axis=axis)
    return coefficients


class _Scratch:
    """Reusable buffers: on large batches fresh temporaries cost more than the arithmetic on them.
    """

    def __init__(self) -> None:
        self._buffers: dict[str, np.ndarray] = {}

    def get(self, name: str, *shape: int) -> np.ndarray:
        """A contiguous float array of ``shape`` (contents undefined)."""
        size = math.prod(shape)
        buffer = self._buffers.get(name)
        if buffer is None or buffer.size < size:
            buffer = self._buffers[name] = np.empty(size)
        return buffer[:size].reshape(shape)


class _AdvantagePolynomials:
    """Every population's payoff advantage of its first strategy (two strategies each), on a batch.

    The advantage of population ``i`` is multilinear in the others' shares
    (:func:`_advantage_coefficients`); it is evaluated by contracting one population at a
    time, ``c[..., 0] + c[..., 1] x_j``, with a few vector operations per population.
    """

    def __init__(self, game: Game) -> None:
        k = game.n_players
        self.others = [[j for j in range(k) if j != i] for i in range(k)]
        nested = [_advantage_coefficients(game, i) for i in range(k)]
        self.coefficients = [c.reshape(-1, 2) if k > 1 else c.reshape(1, 1) for c in nested]
        # the same polynomials as (coefficient, populations) terms, for one state in plain floats
        self.terms = [
            [(float(c[index]), tuple(j for j, e in zip(others, index) if e))
             for index in np.ndindex(*c.shape) if c[index] != 0]
            for c, others in zip(nested, self.others)
        ]

    def single(self, x: Sequence[float]) -> list[float]:
        """The advantages at one state (a few microseconds, for ``solve_ivp``)."""
        values = []
        for terms in self.terms:
            total = 0.0
            for coefficient, populations in terms:
                for j in populations:
                    coefficient *= x[j]
                total += coefficient
            values.append(total)
        return values

    def __call__(
        self, x: np.ndarray, out: np.ndarray | None = None, scratch: _Scratch | None = None
    ) -> np.ndarray:
        """``adv`` of shape ``(k, m)`` at shares ``x`` of shape ``(k, m)``; ``scratch`` reuses
        buffers.
        """
        k, m = x.shape
        out = np.empty((k, m)) if out is None else out
        for i, (others, c) in enumerate(zip(self.others, self.coefficients)):
            if not others:
                out[i] = c[0, 0]
                continue
            # rows of c index the populations still to contract (C order): the last one varies
            # fastest
            level = out[i : i + 1] if c.shape[0] == 1 else self._buffer(scratch, 0, c.shape[0], m)
            np.multiply.outer(c[:, 1], x[others[-1]], out=level)
            level += c[:, :1]
            for depth, j in enumerate(reversed(others[:-1]), start=1):
                pairs = level.reshape(-1, 2, m)
                half = pairs.shape[0]
                level = out[i : i + 1] if half == 1 else self._buffer(scratch, depth, half, m)
                np.multiply(pairs[:, 1], x[j], out=level)
                level += pairs[:, 0]
        return out

    @staticmethod
    def _buffer(scratch: _Scratch | None, depth: int, rows: int, m: int) -> np.ndarray:
        return np.empty((rows, m)) if scratch is None else scratch.get(f"level{depth % 2}", rows, m)


def _two_strategy_field(game: Game) -> VectorField:
    """Replicator field when every population has two strategies: ``x_i (1 - x_i) adv_i(x_{-i})``.
    """
    n = game.n_players
    advantages = _AdvantagePolynomials(game)

    def field(t: float, y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=float)
        if y.shape[0] != n or y.ndim not in (1, 2):
            raise EvolutionError(
                f"expected a state with {n} reduced coordinates; got shape {y.shape}"
            )
        if y.ndim == 1:
            x = y.tolist()
            return np.array([xi * (1.0 - xi) * a for xi, a in zip(x, advantages.single(x))])
        return y * (1.0 - y) * advantages(y)

    return field


def symmetric_replicator(matrix: npt.ArrayLike, mutation: float = 0.0) -> VectorField:
    """Single-population replicator(-mutator) dynamics of a symmetric game with payoff matrix ``A``.

    ``dx_s/dt = x_s ((A x)_s - x^T A x) + mutation * (1/n - x_s)`` on the full simplex
    coordinates ``x`` (shape ``(n,)`` or ``(n, m)``); ``mutation`` is the rate of
    uniform random mutation (0 gives the pure replicator dynamics).

    Examples
    --------
    Hawk-Dove with V = 2, C = 4: at the ESS (1/2, 1/2) nothing moves.

    >>> f = symmetric_replicator([[-1, 2], [0, 1]])
    >>> f(0.0, np.array([0.5, 0.5])).tolist()
    [0.0, 0.0]

    References
    ----------
    Taylor, P. D. & Jonker, L. B. (1978). Evolutionarily stable strategies and game
    dynamics. *Math. Biosci.* 40, 145-156.
    """
    try:
        A = np.asarray(matrix, dtype=float)
    except (TypeError, ValueError):
        raise EvolutionError(
            "the payoff matrix must be numeric (substitute parameters first)"
        ) from None
    if A.ndim != 2 or A.shape[0] != A.shape[1] or A.shape[0] < 1:
        raise EvolutionError(f"a symmetric game needs a square payoff matrix; got shape {A.shape}")
    if not np.all(np.isfinite(A)):
        raise EvolutionError("the payoff matrix contains NaN or infinity")
    if mutation < 0:
        raise EvolutionError(f"the mutation rate must be >= 0; got {mutation}")
    return _SymmetricReplicator(A, float(mutation))


@dataclass(frozen=True, eq=False)
class _SymmetricReplicator:
    """The field of :func:`symmetric_replicator`; it keeps its matrix so integrators can change
    variables.
    """

    matrix: np.ndarray
    mutation: float

    def __call__(self, t: float, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        n = self.matrix.shape[0]
        if x.shape[0] != n or x.ndim not in (1, 2):
            raise EvolutionError(f"expected shares of {n} strategies; got shape {x.shape}")
        fitness = self.matrix @ x
        mean = np.sum(x * fitness, axis=0)
        return x * (fitness - mean) + self.mutation * (1.0 / n - x)


def _payoff_kernel(game: Game) -> Callable[[list[np.ndarray]], list[np.ndarray]]:
    """``shares -> [u_i(s, p_{-i}) for each population i]`` on a batch of states (float)."""
    _require_numbers(game)
    arrays = [np.ascontiguousarray(game.as_float().payoff_array(i)) for i in range(game.n_players)]
    subscripts = [_contraction_subscripts(game.n_players, i) for i in range(game.n_players)]

    def payoffs(shares: list[np.ndarray]) -> list[np.ndarray]:
        if len(shares) == 1:  # one population: its payoffs do not depend on the state
            return [np.repeat(arrays[0][:, None], shares[0].shape[1], axis=1)]
        return [
            np.einsum(
                subscripts[i],
                arrays[i],
                *(shares[j] for j in range(len(shares)) if j != i),
                optimize=True,
            )
            for i in range(len(shares))
        ]

    return payoffs


def _population_field(
    game: Game, rate: Callable[[np.ndarray, np.ndarray], np.ndarray]
) -> VectorField:
    """The field whose reduced rates for each population are ``rate(p_i, u_i)``, from the
    population's full shares and strategy payoffs (batches along axis 1)."""
    payoffs = _payoff_kernel(game)
    slices = _population_slices(game.shape)

    def field(t: float, y: np.ndarray) -> np.ndarray:
        y = np.asarray(y, dtype=float)
        batch = y if y.ndim == 2 else y[:, None]
        shares = full_shares(game, batch)
        rates = np.empty_like(batch)
        for sl, p, u in zip(slices, shares, payoffs(shares)):
            rates[sl] = rate(p, u)
        return rates if y.ndim == 2 else rates[:, 0]

    return field


def _target_field(game: Game, target: Callable[[np.ndarray], np.ndarray]) -> VectorField:
    """``dp_i/dt = target(u_i) - p_i`` in reduced coordinates (best-response and logit dynamics)."""
    return _population_field(game, lambda p, u: (target(u) - p)[:-1])


def best_response_field(game: Game, tol: float = 1e-12) -> VectorField:
    """Best-response dynamics ``dp_i/dt = BR_i(p_{-i}) - p_i`` (Gilboa & Matsui 1991).

    Ties within ``tol`` are split uniformly among the best strategies. Same state
    convention as :func:`replicator_field`.

    Examples
    --------
    In the Prisoner's Dilemma defection is always the best response: from
    (1/2, 1/2) both cooperation shares fall at rate 1/2.

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> best_response_field(pd)(0.0, np.array([0.5, 0.5])).tolist()
    [-0.5, -0.5]

    References
    ----------
    Gilboa, I. & Matsui, A. (1991). Social stability and equilibrium. *Econometrica* 59, 859-867.
    """

    def best(u: np.ndarray) -> np.ndarray:
        top = u >= u.max(axis=0, keepdims=True) - tol
        return top / top.sum(axis=0, keepdims=True)

    return _target_field(game, best)


def logit_field(game: Game, noise: float = 0.1) -> VectorField:
    """Logit dynamics ``dp_i/dt = softmax(u_i / noise) - p_i`` (Fudenberg & Levine 1998).

    Rest points are the logit quantal response equilibria; ``noise -> 0`` approaches
    best-response dynamics.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> np.round(logit_field(pd, noise=1.0)(0.0, np.array([0.5, 0.5])), 4).tolist()
    [-0.3176, -0.3176]

    References
    ----------
    Fudenberg, D. & Levine, D. K. (1998). *The Theory of Learning in Games*, ch. 4. MIT Press.
    """
    if not noise > 0:
        raise EvolutionError(f"the logit noise must be positive; got {noise}")

    def softmax(u: np.ndarray) -> np.ndarray:
        z = np.exp((u - u.max(axis=0, keepdims=True)) / noise)
        return z / z.sum(axis=0, keepdims=True)

    return _target_field(game, softmax)
