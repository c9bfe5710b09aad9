"""Numerical integration of evolutionary dynamics: one trajectory, or many starts at once.

:func:`simulate` wraps scipy's ``solve_ivp`` for a single start. :func:`integrate_batch`
integrates thousands of starts together with numpy: fixed-step classical RK4, or the
adaptive Dormand-Prince 5(4) pair (the method of ``solve_ivp``'s ``RK45``) with a
step size of its own for every start, so fast and slow trajectories do not slow
each other down. :func:`basins` turns the endpoints into basins of attraction and
times to converge.

Near a stable vertex the replicator equations of the shares are stiff (an eigenvalue
of -27 caps an explicit step near 0.1), although nothing happens there but
exponential decay. In log-ratio coordinates ``z = log(x / (1 - x))`` the equations are
exactly ``dz/dt = payoff advantage`` (the quotient rule of the replicator equation,
``(x_i / x_j)' = (x_i / x_j) (u_i - u_j)``; Hofbauer & Sigmund 1998), nearly constant
near the vertex, so the adaptive integrator takes a few large steps there: the
default method ``"logratio"``.

References
----------
Dormand, J. R. & Prince, P. J. (1980). A family of embedded Runge-Kutta formulae.
*J. Comput. Appl. Math.* 6, 19-26.
Hairer, E., Norsett, S. P. & Wanner, G. (1993). *Solving Ordinary Differential
Equations I*, section II.4 (automatic step size control). Springer.
Shampine, L. F. (1986). Some practical Runge-Kutta formulas. *Math. Comp.* 46, 135-150.
Hofbauer, J. & Sigmund, K. (1998). *Evolutionary Games and Population Dynamics*.
Cambridge University Press.

Long because: the two integrators (RK4, Dormand-Prince with dense output), the log-coordinate change
of variables and the basins built on them share one batch layout (dimension x start) and its
reusable buffers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from coopgame.evolution._dynamics import (
    EvolutionError,
    VectorField,
    _AdvantagePolynomials,
    _payoff_kernel,
    _population_slices,
    _Scratch,
    _SymmetricReplicator,
    _unit_game,
    _UnitGame,
    full_shares,
    replicator_field,
)
from coopgame.game import Game

Method = Literal["logratio", "dopri", "rk4"]

# Dormand-Prince 5(4) tableau (Hairer, Norsett & Wanner 1993, table II.5.2)
_C = np.array([0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1])
_A = [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
]
_B5 = np.array([35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0])
_B4 = np.array([5179 / 57600, 0, 7571 / 16695, 393 / 640, -92097 / 339200, 187 / 2100, 1 / 40])
_ERROR = _B5 - _B4
#: magnitudes below this are set to 0 during integration (far below any tolerance)
_FLUSH = 1e-200


def _field_of(system: Game | VectorField) -> VectorField:
    return replicator_field(system) if isinstance(system, Game) else system


def _starts(x0: npt.ArrayLike) -> np.ndarray:
    """Starts as a ``(d, m)`` float array from an ``(m, d)`` array-like (one start per row)."""
    y = np.asarray(x0, dtype=float)
    if y.ndim == 1:
        y = y[None, :]
    # d = 0 is allowed: a game whose populations have one strategy each has a one-point state space
    if y.ndim != 2 or y.shape[0] == 0:
        raise EvolutionError(
            f"starts must be an (m, d) array, one start per row; got shape {y.shape}"
        )
    if not np.all(np.isfinite(y)):
        raise EvolutionError("a start contains NaN or infinity")
    return np.ascontiguousarray(y.T)


def _output_times(t_span: tuple[float, float], t_eval: npt.ArrayLike | None) -> np.ndarray:
    t0, t1 = map(float, t_span)
    if not t1 > t0:
        raise EvolutionError(f"t_span must run forward in time; got {t_span}")
    times = np.array([t0, t1]) if t_eval is None else np.asarray(t_eval, dtype=float)
    if times.ndim != 1 or times[0] < t0 or times[-1] > t1 or np.any(np.diff(times) <= 0):
        raise EvolutionError("t_eval must be increasing and inside t_span")
    return times


def simulate(
    system: Game | VectorField,
    x0: npt.ArrayLike,
    t_span: tuple[float, float] = (0.0, 50.0),
    t_eval: npt.ArrayLike | None = None,
    rtol: float = 1e-8,
    atol: float = 1e-10,
) -> Any:
    """Integrate the dynamics from one start with scipy's ``solve_ivp`` (RK45).

    Parameters
    ----------
    system
        A game (its replicator dynamics) or any vector field ``f(t, y)``.
    x0
        The start in reduced coordinates (see :mod:`coopgame.evolution`).
    t_span, t_eval, rtol, atol
        As for ``scipy.integrate.solve_ivp``.

    Returns
    -------
    scipy.integrate OdeResult
        ``.t`` and ``.y`` (shape ``(d, len(t))``).

    Examples
    --------
    In the Prisoner's Dilemma cooperation dies out:

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> sol = simulate(pd, [0.9, 0.9], (0, 20))
    >>> bool(np.all(sol.y[:, -1] < 1e-6))
    True
    """
    from scipy.integrate import solve_ivp

    start = _starts(x0)
    if start.shape[1] != 1:
        raise EvolutionError("simulate takes one start; use integrate_batch for many")
    times = _output_times(t_span, t_eval)
    if not isinstance(system, Game):
        return solve_ivp(system, (float(t_span[0]), float(t_span[1])), start[:, 0],
                         t_eval=times if t_eval is not None else None, rtol=rtol, atol=atol)
    # in the game's own time unit the step sizes and tolerances fit any payoff scale
    unit = _unit_game(system)
    span = unit.to_unit_time([float(t_span[0]), float(t_span[1])])
    solution = solve_ivp(
        replicator_field(unit.game),
        (float(span[0]), float(span[1])),
        start[:, 0],
        t_eval=unit.to_unit_time(times) if t_eval is not None else None,
        rtol=rtol,
        atol=atol,
    )
    solution.t = times if t_eval is not None else unit.to_game_time(solution.t)
    return solution


def _rk4_step(f: VectorField, t: float, y: np.ndarray, h: float, stage: np.ndarray) -> None:
    """One classical RK4 step, updating ``y`` in place (``stage`` is scratch space of y's shape)."""
    k = f(t, y)
    total = k.copy()
    for weight, c in ((2.0, 0.5), (2.0, 0.5), (1.0, 1.0)):
        np.multiply(k, c * h, out=stage)
        stage += y
        k = f(t + c * h, stage)
        total += weight * k
    total *= h / 6
    y += total


def _integrate_rk4(
    f: VectorField, y: np.ndarray, times: np.ndarray, step: float, progress: Any
) -> np.ndarray:
    out = np.empty((len(times),) + y.shape)
    out[0] = y
    y = y.copy()
    stage = np.empty_like(y)
    for k in range(1, len(times)):
        t, t_next = times[k - 1], times[k]
        n_steps = max(1, int(np.ceil((t_next - t) / step - 1e-9)))
        h = (t_next - t) / n_steps
        for s in range(n_steps):
            _rk4_step(f, t + s * h, y, h, stage)
            if s % 16 == 0:
                y[np.abs(y) < _FLUSH] = 0.0  # see _integrate_dopri
        out[k] = y
        progress.update(t_next - t)
    return out


# continuous extension of the Dormand-Prince pair (coefficients as in scipy's RK45.P)
_DENSE = np.array([
    [1, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
    [0, 0, 0, 0],
    [0, 131558114200 / 32700410799, -68118460800 / 10900136933, 87487479700 / 32700410799],
    [0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
    [0, 127303824393 / 49829197408, -318862633887 / 49829197408, 701980252875 / 199316789632],
    [0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
    [0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
])

_A_MATRIX = np.zeros((7, 7))
for _row, _coefficients in enumerate(_A):
    _A_MATRIX[_row, : len(_coefficients)] = _coefficients


#: ``into(y, out)`` writes the rate at the batch ``y`` (shape ``(d, n)``) into ``out``
IntoField = Callable[[np.ndarray, np.ndarray], None]


def _into(f: VectorField) -> IntoField:
    def into(y: np.ndarray, out: np.ndarray) -> None:
        out[...] = f(0.0, y)

    return into


def _integrate_dopri(f: IntoField, y: np.ndarray, times: np.ndarray, rtol: float, atol: float,
                     progress: Any, flush: bool = True) -> np.ndarray:
    """Dormand-Prince 5(4) with a step size per start, for an autonomous field.

    Steps are not clipped to the output times: outputs inside a step come from the
    method's continuous extension (Shampine 1986; the interpolant of scipy's ``RK45``),
    so many output times cost almost nothing. Starts that reach the end drop
    out of the batch, so the work is the sum of the starts' own step counts, not the
    slowest start's count times the batch. The stages live in one buffer and are
    combined by (BLAS-free) contractions: on large batches fresh temporaries and BLAS
    threads cost more than the arithmetic.
    """
    d, m = y.shape
    out = np.empty((len(times), d, m))
    out[0] = y
    t_end = float(times[-1])
    y = y.copy()
    slope = np.empty_like(y)  # f at the current state (first same as last)
    f(y, slope)
    rows = np.arange(m)
    t = np.full(m, float(times[0]))
    h_wanted = np.full(m, 1e-3 * max(1.0, t_end - times[0]))
    following = np.ones(m, dtype=int)  # index of each start's next output time
    scratch = _Scratch()
    done_time = float(times[0])
    while rows.size:
        h = np.minimum(h_wanted, t_end - t)  # clipped to land exactly on the end
        y_new, norm, stages = _dopri_trial(f, y, slope, h, rtol, atol, scratch)
        n = rows.size
        accept = norm <= 1.0
        landed = accept & (t_end - t - h <= 1e-12 * max(1.0, abs(t_end)))
        t_new = np.where(landed, t_end, t + h)
        _dense_outputs(out, times, following, rows, accept, t, h, t_new, y, stages.reshape(7, d, n))
        np.copyto(y, y_new, where=accept)
        if flush:
            # shares that decay to a face would become subnormal floats, which are ~100x slower
            y[np.abs(y) < _FLUSH] = 0.0
        np.copyto(slope, stages[6].reshape(d, n), where=accept)
        t = np.where(accept, t_new, t)
        # standard controller (safety 0.9, order 5), limited to [0.2, 5]
        factor = np.clip(0.9 * np.maximum(norm, 1e-10) ** -0.2, 0.2, 5.0)
        grown = np.where(h < h_wanted, h_wanted, h * factor)  # a clipped step keeps its size
        h_wanted = np.where(accept, grown, h * np.minimum(factor, 1.0))
        if np.any(h_wanted < 1e-14):
            raise EvolutionError("the step size underflowed: the dynamics are too stiff for dopri")
        if landed.any():
            out[-1][:, rows[landed]] = y[:, landed]
            keep = ~landed
            rows, y, slope, h_wanted, t, following = (
                rows[keep], y[:, keep], slope[:, keep], h_wanted[keep], t[keep], following[keep])
        now = float(t.min()) if rows.size else t_end
        progress.update(now - done_time)
        done_time = now
    return out


def _dopri_trial(f: IntoField, y: np.ndarray, slope: np.ndarray, h: np.ndarray, rtol: float,
                 atol: float, scratch: _Scratch) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One trial step of every start: ``(y_new, error norm, stages)``; the norm is <= 1 where
    the step is accepted. The arrays live in ``scratch`` (valid until its next use)."""
    d, n = y.shape
    stages = scratch.get("stages", 7, d * n)
    state = scratch.get("state", d * n)
    stages[0] = slope.ravel()
    for stage in range(1, 7):
        np.einsum("i,ij->j", _A_MATRIX[stage, :stage], stages[:stage], out=state)
        grid = state.reshape(d, n)
        grid *= h
        grid += y
        f(grid, stages[stage].reshape(d, n))
    y_new = scratch.get("y_new", d * n)
    np.einsum("i,ij->j", _B5, stages, out=y_new)
    y_new = y_new.reshape(d, n)
    y_new *= h
    y_new += y
    error = scratch.get("error", d * n)
    np.einsum("i,ij->j", _ERROR, stages, out=error)
    error = error.reshape(d, n)
    error *= h
    scale = np.abs(y_new, out=state.reshape(d, n))
    np.maximum(scale, np.abs(y), out=scale)
    scale *= rtol
    scale += atol
    error /= scale
    error *= error
    return y_new, np.sqrt(error.mean(axis=0)), stages


def _dense_outputs(
    out: np.ndarray,
    times: np.ndarray,
    following: np.ndarray,
    rows: np.ndarray,
    accept: np.ndarray,
    t: np.ndarray,
    h: np.ndarray,
    t_new: np.ndarray,
    y: np.ndarray,
    stages: np.ndarray,
) -> None:
    """Write the output times that accepted steps ``[t, t_new]`` pass (all but the end).

    ``y(t + theta h) = y + h sum_i b_i(theta) k_i`` with ``b(theta) = P [theta, ..., theta^4]``.
    Advances ``following`` in place.
    """
    last = np.minimum(np.searchsorted(times, t_new, side="right"), len(times) - 1)
    count = np.where(accept, np.maximum(last - following, 0), 0)
    total = int(count.sum())
    if total == 0:
        return
    which = np.repeat(np.arange(rows.size), count)
    first = np.cumsum(count) - count
    index = np.repeat(following, count) + np.arange(total) - np.repeat(first, count)
    theta = (times[index] - t[which]) / h[which]
    weights = np.einsum("ik,kt->it", _DENSE, np.cumprod(np.broadcast_to(theta, (4, total)), axis=0))
    values = y[:, which] + h[which] * np.einsum("it,idt->dt", weights, stages[:, :, which])
    out[index, :, rows[which]] = values.T
    following += count


@dataclass(frozen=True)
class _LogCoordinates:
    """The replicator dynamics after the change of variables ``w = log(shares)``.

    ``to_log`` maps states (reduced coordinates, or full ones for a symmetric
    population) to log coordinates, ``to_state`` maps back, ``field`` writes ``dw/dt``.
    """

    to_log: Callable[[np.ndarray], np.ndarray]
    to_state: Callable[[np.ndarray], np.ndarray]
    field: IntoField


def _sigmoid(z: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """``1 / (1 + exp(-z))``: exactly 0 and 1 at -inf and +inf, full relative precision near 0."""
    e = np.negative(z, out=out)
    np.exp(e, out=e)
    e += 1.0
    return np.reciprocal(e, out=e)


def _softmax(w: np.ndarray) -> np.ndarray:
    """Shares from log-shares along axis 0 (``-inf`` gives a share of exactly 0)."""
    e = np.exp(w - w.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def _simplex_shares(shares: np.ndarray, what: str) -> np.ndarray:
    """Shares of one population (along axis 0) checked to lie in the simplex; round-off clipped."""
    if np.any(shares < -1e-12) or np.any(np.abs(shares.sum(axis=0) - 1.0) > 1e-9):
        raise EvolutionError(f"{what} is outside the simplex (shares must be >= 0 and sum to 1); "
                             "method='logratio' needs states in it (use method='dopri' otherwise)")
    return np.clip(shares, 0.0, 1.0)


def _game_log_coordinates(game: Game) -> _LogCoordinates:
    """Log coordinates of the k-population replicator dynamics of ``game``.

    A population with two strategies gets the one coordinate ``z = log(x / (1 - x))``, whose
    rate is exactly its payoff advantage ``u(first) - u(second)``; one with ``n > 2`` gets
    the ``n`` log-shares ``w_s = log p_s`` with rates ``u(s) - mean payoff``. Near a vertex
    these rates are nearly constant, so the stiffness of the shares' equations there
    (eigenvalues of tens) disappears. A share of exactly 0 or 1 is ``-inf`` or ``+inf``:
    such a start stays on its face, as it should.
    """
    shape = game.shape
    slices = _population_slices(shape)
    log_slices, start = [], 0
    for n in shape:
        width = 1 if n == 2 else n
        log_slices.append(slice(start, start + width))
        start += width

    def to_log(y: np.ndarray) -> np.ndarray:
        parts = []
        with np.errstate(divide="ignore"):
            for n, p in zip(shape, full_shares(game, y)):
                p = _simplex_shares(p, "a start")
                parts.append(np.log(p[:1]) - np.log(p[1:]) if n == 2 else np.log(p))
        return np.concatenate(parts, axis=0)

    if all(n == 2 for n in shape):
        advantages = _AdvantagePolynomials(game)
        scratch = _Scratch()

        def advantage_field(z: np.ndarray, out: np.ndarray) -> None:
            x = _sigmoid(z, out=scratch.get("x", *z.shape))
            advantages(x, out, scratch)

        return _LogCoordinates(to_log, _sigmoid, advantage_field)

    payoffs = _payoff_kernel(game)

    def shares_of(w: np.ndarray) -> list[np.ndarray]:
        return [np.concatenate([_sigmoid(w[sl]), _sigmoid(-w[sl])]) if n == 2 else _softmax(w[sl])
                for n, sl in zip(shape, log_slices)]

    def field(w: np.ndarray, out: np.ndarray) -> None:
        shares = shares_of(w)
        for n, sl, p, u in zip(shape, log_slices, shares, payoffs(shares)):
            out[sl] = u[:1] - u[1:] if n == 2 else u - np.sum(p * u, axis=0)

    def to_state(w: np.ndarray) -> np.ndarray:
        state = np.empty((sum(n - 1 for n in shape), w.shape[1]))
        for sl, p in zip(slices, shares_of(w)):
            state[sl] = p[:-1]
        return state

    return _LogCoordinates(to_log, to_state, field)


def _log_coordinates(system: Game | VectorField) -> _LogCoordinates | None:
    """Log coordinates for a game or a mutation-free symmetric replicator field; else ``None``."""
    if isinstance(system, Game):
        return _game_log_coordinates(system)
    if not isinstance(system, _SymmetricReplicator) or system.mutation > 0:
        return None  # mutation pushes shares off the faces: log coordinates do not apply
    A = system.matrix

    def to_log(x: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log(_simplex_shares(x, "a start"))

    def field(w: np.ndarray, out: np.ndarray) -> None:
        p = _softmax(w)
        fitness = A @ p
        out[...] = fitness - np.sum(p * fitness, axis=0)

    return _LogCoordinates(to_log, _softmax, field)


class _NoProgress:
    def update(self, _: float) -> None:
        pass

    def close(self) -> None:
        pass


def integrate_batch(
    system: Game | VectorField,
    starts: npt.ArrayLike,
    t_span: tuple[float, float] = (0.0, 50.0),
    t_eval: npt.ArrayLike | None = None,
    method: Method = "logratio",
    step: float = 0.01,
    rtol: float = 1e-9,
    atol: float = 1e-12,
    progress: bool = False,
) -> np.ndarray:
    """Integrate many starts at once, vectorised over the starts.

    Parameters
    ----------
    system
        A game (its replicator dynamics) or a vectorised field ``f(t, y)`` with ``y`` of
        shape ``(d, m)``; only autonomous fields for ``"dopri"`` and ``"logratio"``.
    starts
        Shape ``(m, d)``: one start per row, in reduced coordinates (full shares for a
        :func:`~coopgame.evolution.symmetric_replicator` field).
    t_span
        Start and end time.
    t_eval
        Output times (default: the two ends of ``t_span``). The adaptive methods do not
        shorten their steps for them: they interpolate with the continuous extension of
        the Dormand-Prince pair (error of the order of the tolerance).
    method
        ``"logratio"`` (default): adaptive Dormand-Prince 5(4) on the log coordinates
        ``log(x / (1 - x))`` of two-strategy populations (log-shares for more strategies),
        where the replicator equations become payoff differences: not stiff near the
        vertices, so a few large steps reach them. It applies to a game or a
        mutation-free :func:`~coopgame.evolution.symmetric_replicator`; starts must lie in
        the simplices, and ``rtol``/``atol`` control the error of the log coordinates.
        Any other field is integrated with ``"dopri"``.
        ``"dopri"``: the same integrator on the shares themselves, controlled by
        ``rtol``/``atol`` like ``solve_ivp`` (step size limited by stiffness near the
        vertices). ``"rk4"``: classical RK4 with fixed ``step``.
    step
        Step size of ``"rk4"``.
    rtol, atol
        Relative and absolute tolerances of the adaptive methods (a step size per start).
    progress
        Show a tqdm progress bar over simulated time.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(t_eval), m, d)``: the state of every start at every output time.

    Raises
    ------
    EvolutionError
        For starts that do not fit the system (or, with ``"logratio"``, lie outside the
        simplices), a backward ``t_span``, bad ``t_eval``, an unknown method or
        non-positive ``step``/``rtol``/``atol``.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> ends = integrate_batch(pd, [[0.9, 0.9], [0.5, 0.1]], (0, 30))[-1]
    >>> bool(np.all(ends < 1e-6))
    True

    A start on a face stays on it exactly (a share of 1 is ``+inf`` in log coordinates):

    >>> float(integrate_batch(pd, [[1.0, 0.5]], (0, 30))[-1, 0, 0])
    1.0
    """
    y = _starts(starts)
    times = _output_times(t_span, t_eval)
    if isinstance(system, Game):
        # integrate in the game's own time unit: the same states, at any payoff scale
        unit = _unit_game(system)
        system = unit.game
        times, t_span, step = (
            unit.to_unit_time(times),
            tuple(unit.to_unit_time(t_span)),
            step * unit.scale,
        )
    f = _field_of(system)
    # the integrators start at their first time: begin at t_span[0] and drop that output later
    late_start = times[0] > float(t_span[0])
    if late_start:
        times = np.concatenate([[float(t_span[0])], times])
    if method not in ("logratio", "rk4", "dopri"):
        raise EvolutionError(f"method must be 'logratio', 'dopri' or 'rk4'; got {method!r}")
    if not (step > 0 and rtol > 0 and atol > 0):
        raise EvolutionError("step, rtol and atol must be positive")
    try:
        f(0.0, y)
    except EvolutionError as exc:
        raise EvolutionError(f"the starts do not fit the system: {exc}") from None
    if y.shape[0] == 0 or not times[-1] > times[0]:
        # a one-point state space (one strategy per population), or payoffs so small that the
        # whole span is no time at all: nothing moves
        return np.ascontiguousarray(np.broadcast_to(y.T, (len(times) - late_start, *y.T.shape)))
    bar: Any = _NoProgress()
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=float(times[-1] - times[0]), unit="time", desc=f"{y.shape[1]} starts")
    coordinates = _log_coordinates(system) if method == "logratio" else None
    try:
        if coordinates is not None:
            # +-inf log coordinates (starts on a face) and exp overflow there are intended
            with np.errstate(over="ignore", divide="ignore"):
                path = _integrate_dopri(
                    coordinates.field, coordinates.to_log(y), times, rtol, atol, bar, flush=False
                )
                out = np.stack([coordinates.to_state(w) for w in path])
        elif method == "rk4":
            out = _integrate_rk4(f, y, times, step, bar)
        else:
            out = _integrate_dopri(_into(f), y, times, rtol, atol, bar)
    finally:
        bar.close()
    return np.ascontiguousarray((out[1:] if late_start else out).transpose(0, 2, 1))


@dataclass(frozen=True)
class Basins:
    """Where a batch of starts ends up.

    Attributes
    ----------
    attractors
        The stable rest points (reduced coordinates, floats).
    shares
        Share of the starts converging to each attractor (same order).
    unresolved
        Share of the starts near no attractor at the end.
    labels
        For each start, the index of its attractor, or -1.
    convergence_time
        For each start, the first output time from which it stays within ``radius``
        of its attractor (``nan`` if unresolved), in the game's time unit.
    horizon
        The longest time any start was integrated for (the game's time unit).
    """

    attractors: tuple[tuple[float, ...], ...]
    shares: tuple[float, ...]
    unresolved: float
    labels: np.ndarray
    convergence_time: np.ndarray
    horizon: float = float("nan")

    def mean_convergence_time(self) -> tuple[float, ...]:
        """Mean time to converge for each attractor (``nan`` if nothing converges to it).

        Examples
        --------
        >>> b = Basins(((0.0,),), (1.0,), 0.0, np.array([0, 0]), np.array([1.0, 3.0]))
        >>> b.mean_convergence_time()
        (2.0,)
        """
        return tuple(
            float(np.mean(self.convergence_time[self.labels == k]))
            if np.any(self.labels == k)
            else float("nan")
            for k in range(len(self.attractors))
        )


#: the first horizon of :func:`basins`, in the game's own time unit (payoffs over their
#: largest range), for its slowest population; every later round doubles the time integrated
_FIRST_HORIZON = 100.0
#: rounds after the first, at most: 2**10 times the first horizon in all
_MAX_ROUNDS = 10
#: the slowest relative speed of a population the first horizon waits for
_SLOWEST = 1e-9


def _first_horizon(unit: _UnitGame) -> float:
    """The first horizon of :func:`basins` in the game's own time unit."""
    # a population slower than _SLOWEST relative to the fastest is frozen for the horizon
    moving = [max(v, _SLOWEST) for v in unit.speeds if v > 0]
    return _FIRST_HORIZON / (min(moving) if moving else 1.0)


def settling_time(game: Game) -> float:
    """A horizon by which trajectories of ``game`` have had time to settle (the game's time unit).

    The first horizon of :func:`basins`: 100 time units of the game with its payoffs
    divided by their largest range, over the slowest population's relative speed. It
    scales with the payoffs' units (payoffs ``c`` times larger: ``c`` times shorter),
    so plots show the same orbits at any scale.

    Examples
    --------
    >>> g = Game.bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    >>> (
    ...     settling_time(g),
    ...     settling_time(Game.bimatrix([[2e-5, 0], [0, 1e-5]], [[2e-5, 0], [0, 1e-5]])),
    ... )
    (50.0, 5000000.0)
    """
    unit = _unit_game(game)
    return float(unit.to_game_time(_first_horizon(unit)))


def basins(
    game: Game,
    starts: npt.ArrayLike | int = 1000,
    t_end: float | None = None,
    radius: float = 1e-3,
    n_times: int = 201,
    seed: int | None = 0,
    method: Method = "logratio",
    progress: bool = False,
) -> Basins:
    """Basins of attraction of the stable rest points of the replicator dynamics of ``game``.

    The shares do not depend on the payoffs' units: multiplying every payoff by ``c > 0``
    only runs the dynamics ``c`` times faster (the times to converge are divided by ``c``).

    Parameters
    ----------
    game
        A game without free parameters.
    starts
        An ``(m, d)`` array of starts, or a number of starts drawn uniformly from the
        product of simplices (seeded by ``seed``).
    t_end
        A fixed integration horizon in the game's time unit. Default (``None``): until
        the starts settle. The dynamics run in the game's own time unit (payoffs divided
        by their largest range), first for 100 units divided by the slowest population's
        relative speed (its payoff range over the largest, at least 1e-9); then the starts near no
        attractor go on for as long again, doubling, while each round brings more of
        them to an attractor (at most ten more rounds). Starts that cycle or drift
        towards no stable rest point stay unresolved.
    radius
        A start converges to an attractor when it ends within ``radius`` (max norm).
    n_times
        Output times per round, used for the time to converge.

    Examples
    --------
    Huang et al. (2025): uniform starts split about evenly between (1, 1) and (0, 0),
    the two sides of the saddle's stable manifold.

    >>> g = Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]])
    >>> b = basins(g, 400, seed=1)
    >>> b.attractors
    ((1.0, 1.0), (0.0, 0.0))
    >>> [round(s, 2) for s in b.shares], b.unresolved
    ([0.51, 0.49], 0.0)

    The same game in units of 1e-5 has the same basins; it runs 1e5 times slower:

    >>> small = basins(
    ...     Game.bimatrix([[25e-5, -25e-5], [0, 0]], [[20e-5, 0], [-20e-5, 0]]), 400, seed=1
    ... )
    >>> [round(s, 2) for s in small.shares], small.unresolved
    ([0.51, 0.49], 0.0)
    """
    from coopgame.evolution._rest_points import rest_points

    if isinstance(starts, (int, np.integer)):
        starts = uniform_starts(game.shape, int(starts), seed)
    if t_end is not None and not float(t_end) > 0:
        raise EvolutionError(f"t_end must be positive; got {t_end}")
    y = _starts(starts).T  # (m, d), checked
    m = y.shape[0]
    attractors = tuple(tuple(float(c) for c in p.point) for p in rest_points(game) if p.is_stable)
    labels = np.full(m, -1)
    convergence_time = np.full(m, np.nan)
    unit = _unit_game(game)
    if t_end is not None:
        rounds, length = 0, float(unit.to_unit_time(t_end))
    else:
        rounds, length = _MAX_ROUNDS, _first_horizon(unit)
    elapsed = 0.0
    active = np.arange(m)
    state = y
    for round_number in range(rounds + 1):
        if not attractors or not active.size:
            break
        times = np.linspace(elapsed, elapsed + length, n_times)
        path = integrate_batch(unit.game, state, (elapsed, elapsed + length), times, method=method,
                               progress=progress)
        settled = _settle(path, attractors, radius, times)
        newly = settled[0] >= 0
        labels[active[newly]] = settled[0][newly]
        convergence_time[active[newly]] = settled[1][newly]
        elapsed += length
        length = elapsed  # the next round doubles the time integrated
        active, state = active[~newly], path[-1][~newly]
        if round_number > 0 and not newly.any():
            # a round that settles no start: the rest cycle or drift (more time would not help)
            break
    shares = tuple(float(np.mean(labels == k)) for k in range(len(attractors)))
    return Basins(attractors, shares, float(np.mean(labels == -1)), labels,
                  unit.to_game_time(convergence_time), float(unit.to_game_time(elapsed)))


def _settle(path: np.ndarray, attractors: Sequence[Sequence[float]], radius: float,
            times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each start of ``path`` (times, m, d): its attractor's index at the end (-1: none) and
    the first output time from which it stays within ``radius`` of it (``nan``: none)."""
    m = path.shape[1]
    labels = np.full(m, -1)
    entered = np.full(m, np.nan)
    for k, point in enumerate(attractors):
        if path.shape[2]:
            near = np.max(np.abs(path - np.asarray(point)), axis=2) <= radius  # (times, m)
        else:
            # a one-point state space: there from the start
            near = np.ones(path.shape[:2], dtype=bool)
        ends_here = near[-1] & (labels < 0)
        labels[ends_here] = k
        # the first output time from which the start never leaves the ball again
        stays = np.flip(np.cumprod(np.flip(near, axis=0), axis=0), axis=0).astype(bool)
        entered[ends_here] = times[stays.argmax(axis=0)][ends_here]
    return labels, entered


def uniform_starts(shape: Sequence[int], count: int, seed: int | None = 0) -> np.ndarray:
    """``count`` starts uniform on the product of the populations' simplices (reduced coordinates).

    Examples
    --------
    >>> uniform_starts((2, 2, 2), 5).shape
    (5, 3)
    """
    if count < 1:
        raise EvolutionError(f"the number of starts must be positive; got {count}")
    rng = np.random.default_rng(seed)
    parts = [rng.dirichlet(np.ones(n), size=count)[:, :-1] for n in shape]
    return np.hstack(parts)
