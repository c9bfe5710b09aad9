"""Numerical integration of evolutionary dynamics: one trajectory, or many starts at once.

:func:`simulate` wraps scipy's ``solve_ivp`` for a single start. :func:`integrate_batch`
integrates thousands of starts together with numpy: fixed-step classical RK4, or the
adaptive Dormand-Prince 5(4) pair (the method of ``solve_ivp``'s ``RK45``) with a
step size of its own for every start, so fast and slow trajectories do not slow
each other down. :func:`basins` turns the endpoints into basins of attraction and
times to converge.

References
----------
Dormand, J. R. & Prince, P. J. (1980). A family of embedded Runge-Kutta formulae.
*J. Comput. Appl. Math.* 6, 19-26.
Hairer, E., Norsett, S. P. & Wanner, G. (1993). *Solving Ordinary Differential
Equations I*, section II.4 (automatic step size control). Springer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from coopgame.evolution.dynamics import EvolutionError, VectorField, replicator_field
from coopgame.game import Game

Method = Literal["rk4", "dopri"]

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
    if y.ndim != 2 or y.size == 0:
        raise EvolutionError(f"starts must be an (m, d) array, one start per row; got shape {y.shape}")
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
    return solve_ivp(_field_of(system), (float(t_span[0]), float(t_span[1])), start[:, 0],
                     t_eval=times if t_eval is not None else None, rtol=rtol, atol=atol)


def _rk4_step(f: VectorField, t: float, y: np.ndarray, h: float, stage: np.ndarray) -> None:
    """One classical RK4 step, updating ``y`` in place (``stage`` is scratch space of y's shape)."""
    k = f(t, y)
    total = k.copy()
    for weight, c in ((2.0, 0.5), (2.0, 0.5), (1.0, 1.0)):
        np.multiply(k, c * h, out=stage)
        stage += y
        k = f(t + c * h, stage)
        total += k
        if weight == 2.0:
            total += k
    total *= h / 6
    y += total


def _integrate_rk4(f: VectorField, y: np.ndarray, times: np.ndarray, step: float, progress: Any) -> np.ndarray:
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


_A_MATRIX = np.zeros((7, 7))
for _row, _coefficients in enumerate(_A):
    _A_MATRIX[_row, : len(_coefficients)] = _coefficients


def _combination(weights: np.ndarray, stages: np.ndarray) -> np.ndarray:
    """``sum_k weights[k] * stages[k]`` by multiply-adds (BLAS dispatch costs more on these shapes)."""
    total = weights[0] * stages[0]
    for weight, stage in zip(weights[1:], stages[1 : len(weights)]):
        if weight != 0.0:
            total += weight * stage
    return total


def _dopri_attempt(f: VectorField, y: np.ndarray, h: np.ndarray, stages: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One Dormand-Prince step of size ``h`` (per start) from ``y``; ``stages[0]`` holds f(y).

    Fills ``stages[1:]`` and returns the new state and the error estimate; ``stages[6]`` is
    f(y_new), the next step's first stage (first same as last).
    """
    for stage in range(1, 7):
        stages[stage] = f(0.0, y + h * _combination(_A_MATRIX[stage, :stage], stages))  # autonomous field
    y_new = y + h * _combination(_B5, stages)
    error = h * _combination(_ERROR, stages)
    return y_new, error


def _integrate_dopri(f: VectorField, y: np.ndarray, times: np.ndarray, rtol: float, atol: float,
                     progress: Any) -> np.ndarray:
    m = y.shape[1]
    out = np.empty((len(times),) + y.shape)
    out[0] = y
    t = np.full(m, times[0])
    h_wanted = np.full(m, 1e-3 * max(1.0, times[-1] - times[0]))
    stages = np.empty((7,) + y.shape)
    stages[0] = f(0.0, y)
    done_time = times[0]
    for k in range(1, len(times)):
        target = times[k]
        active = t < target
        while np.any(active):
            # each start keeps its own step; clip to land exactly on the output time
            h = np.where(active, np.minimum(h_wanted, target - t), 0.0)
            y_new, error = _dopri_attempt(f, y, h, stages)
            scale = atol + rtol * np.maximum(np.abs(y), np.abs(y_new))
            norm = np.sqrt(np.mean((error / scale) ** 2, axis=0))
            accept = active & (norm <= 1.0)
            y = np.where(accept, y_new, y)
            # shares that decay to a face would become subnormal floats, which are ~100x slower
            y[np.abs(y) < _FLUSH] = 0.0
            stages[0] = np.where(accept, stages[6], stages[0])
            landed = target - t - h <= 1e-12 * max(1.0, abs(target))
            t = np.where(accept, np.where(landed, target, t + h), t)
            # standard controller (safety 0.9, order 5), limited to [0.2, 5]
            factor = np.clip(0.9 * np.maximum(norm, 1e-10) ** -0.2, 0.2, 5.0)
            grown = np.where(h < h_wanted, h_wanted, h * factor)  # a clipped step keeps its size
            h_wanted = np.where(active, np.where(accept, grown, h * np.minimum(factor, 1.0)), h_wanted)
            if np.any(h_wanted[active] < 1e-14):
                raise EvolutionError("the step size underflowed: the dynamics are too stiff for dopri")
            active = t < target
            now = float(t.min())
            progress.update(now - done_time)
            done_time = now
        out[k] = y
    return out


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
    method: Method = "dopri",
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
        shape ``(d, m)``; only autonomous fields for ``"dopri"``.
    starts
        Shape ``(m, d)``: one start per row, in reduced coordinates.
    t_span
        Start and end time.
    t_eval
        Output times (default: the two ends of ``t_span``).
    method
        ``"dopri"``: adaptive Dormand-Prince 5(4), a step size per start controlled by
        ``rtol``/``atol`` like ``solve_ivp``; ``"rk4"``: classical RK4 with fixed ``step``.
    progress
        Show a tqdm progress bar over simulated time.

    Returns
    -------
    numpy.ndarray
        Shape ``(len(t_eval), m, d)``: the state of every start at every output time.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> ends = integrate_batch(pd, [[0.9, 0.9], [0.5, 0.1]], (0, 30))[-1]
    >>> bool(np.all(ends < 1e-6))
    True
    """
    f = _field_of(system)
    y = _starts(starts)
    times = _output_times(t_span, t_eval)
    if method not in ("rk4", "dopri"):
        raise EvolutionError(f"method must be 'rk4' or 'dopri'; got {method!r}")
    if not (step > 0 and rtol > 0 and atol > 0):
        raise EvolutionError("step, rtol and atol must be positive")
    try:
        f(0.0, y)
    except EvolutionError as exc:
        raise EvolutionError(f"the starts do not fit the system: {exc}") from None
    bar: Any = _NoProgress()
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(total=float(times[-1] - times[0]), unit="time", desc=f"{y.shape[1]} starts")
    try:
        if method == "rk4":
            out = _integrate_rk4(f, y, times, step, bar)
        else:
            out = _integrate_dopri(f, y, times, rtol, atol, bar)
    finally:
        bar.close()
    return np.ascontiguousarray(out.transpose(0, 2, 1))


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
        of its attractor (``nan`` if unresolved).
    """

    attractors: tuple[tuple[float, ...], ...]
    shares: tuple[float, ...]
    unresolved: float
    labels: np.ndarray
    convergence_time: np.ndarray

    def mean_convergence_time(self) -> tuple[float, ...]:
        """Mean time to converge for each attractor (``nan`` if nothing converges to it).

        Examples
        --------
        >>> b = Basins(((0.0,),), (1.0,), 0.0, np.array([0, 0]), np.array([1.0, 3.0]))
        >>> b.mean_convergence_time()
        (2.0,)
        """
        return tuple(
            float(np.mean(self.convergence_time[self.labels == k])) if np.any(self.labels == k) else float("nan")
            for k in range(len(self.attractors))
        )


def basins(
    game: Game,
    starts: npt.ArrayLike | int = 1000,
    t_end: float = 50.0,
    radius: float = 1e-3,
    n_times: int = 201,
    seed: int | None = 0,
    method: Method = "dopri",
    progress: bool = False,
) -> Basins:
    """Basins of attraction of the stable rest points of the replicator dynamics of ``game``.

    Parameters
    ----------
    game
        A game without free parameters.
    starts
        An ``(m, d)`` array of starts, or a number of starts drawn uniformly from the
        product of simplices (seeded by ``seed``).
    t_end
        Integration horizon.
    radius
        A start converges to an attractor when it ends within ``radius`` (max norm).
    n_times
        Output times on ``[0, t_end]`` used for the time to converge.

    Examples
    --------
    Huang et al. (2025): uniform starts split about evenly between (1, 1) and (0, 0),
    the two sides of the saddle's stable manifold.

    >>> g = Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]])
    >>> b = basins(g, 400, seed=1)
    >>> b.attractors
    ((1.0, 1.0), (0.0, 0.0))
    >>> [round(s, 2) for s in b.shares]
    [0.51, 0.49]
    """
    from coopgame.evolution.rest_points import rest_points

    if isinstance(starts, (int, np.integer)):
        starts = uniform_starts(game.shape, int(starts), seed)
    attractors = tuple(tuple(float(c) for c in p.point) for p in rest_points(game) if p.is_stable)
    times = np.linspace(0.0, float(t_end), n_times)
    path = integrate_batch(game, starts, (0.0, float(t_end)), times, method=method, progress=progress)
    m = path.shape[1]
    labels = np.full(m, -1)
    convergence_time = np.full(m, np.nan)
    for k, point in enumerate(attractors):
        near = np.max(np.abs(path - np.asarray(point)), axis=2) <= radius  # (times, m)
        ends_here = near[-1]
        labels[ends_here] = k
        # the first output time from which the start never leaves the ball again
        stays = np.flip(np.cumprod(np.flip(near, axis=0), axis=0), axis=0).astype(bool)
        convergence_time[ends_here] = times[stays.argmax(axis=0)][ends_here]
    shares = tuple(float(np.mean(labels == k)) for k in range(len(attractors)))
    return Basins(attractors, shares, float(np.mean(labels == -1)), labels, convergence_time)


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
