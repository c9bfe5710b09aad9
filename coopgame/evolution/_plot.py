"""Plots of evolutionary dynamics (matplotlib is imported only when a plot is drawn).

Every function draws into ``ax`` (a new figure when omitted), labels its axes with
the populations' names and returns the axes.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt

from coopgame.evolution._dynamics import EvolutionError, replicator_field, symmetric_replicator
from coopgame.game import Game

#: marker style of each rest-point class
_MARKERS = {
    "asymptotically stable": ("o", "black"),
    "unstable": ("o", "white"),
    "saddle": ("s", "grey"),
    "centre": ("D", "tab:blue"),
    "inconclusive": ("^", "tab:orange"),
    "conditional": ("v", "tab:purple"),
}


def _axes(ax: Any, projection: str | None = None) -> Any:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(5, 5))
    return fig.add_subplot(projection=projection)


def _label(game: Game, i: int) -> str:
    return f"{game.players[i]}: share playing {game.strategies[i][0]}"


def phase_portrait(game: Game, starts: npt.ArrayLike | None = None, t_end: float | None = None,
                   grid: int = 15, ax: Any = None) -> Any:
    """Phase portrait of a 2x2 game on the unit square: vector field, trajectories, rest points.

    ``t_end`` (default: :func:`~coopgame.evolution._simulate.settling_time`, which follows the
    payoffs' units) is how long the trajectories run.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> g = Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]], players=["HEI", "Graduate"])
    >>> phase_portrait(g).get_xlabel()
    'HEI: share playing 1'
    """
    from coopgame.evolution._rest_points import rest_points
    from coopgame.evolution._simulate import integrate_batch, settling_time

    if game.shape != (2, 2):
        raise EvolutionError(
            f"a phase portrait on the unit square needs a 2x2 game; got shape {game.shape}"
        )
    ax = _axes(ax)
    f = replicator_field(game)
    xs = np.linspace(0, 1, grid)
    X, Y = np.meshgrid(xs, xs)
    U = f(0.0, np.vstack([X.ravel(), Y.ravel()]))
    ax.quiver(X, Y, U[0].reshape(X.shape), U[1].reshape(X.shape), color="0.6", angles="xy")
    if starts is None:
        starts = [[a, b] for a in (0.1, 0.35, 0.65, 0.9) for b in (0.1, 0.35, 0.65, 0.9)]
    t_end = settling_time(game) if t_end is None else t_end
    times = np.linspace(0.0, t_end, 200)
    paths = integrate_batch(game, starts, (0.0, t_end), times)
    for k in range(paths.shape[1]):
        ax.plot(paths[:, k, 0], paths[:, k, 1], color="tab:blue", lw=0.8)
    _mark_rest_points(ax, rest_points(game))
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(-0.02, 1.02)
    ax.set_xlabel(_label(game, 0))
    ax.set_ylabel(_label(game, 1))
    return ax


def _mark_rest_points(ax: Any, points: Sequence[Any]) -> None:
    seen = set()
    for p in points:
        marker, colour = _MARKERS[p.classification]
        label = p.classification if p.classification not in seen else None
        seen.add(p.classification)
        ax.scatter(*[float(c) for c in p.point], marker=marker, facecolor=colour, edgecolor="black",
                   s=60, zorder=3, label=label)
    ax.legend(loc="best", fontsize="small")


def trajectories_3d(
    game: Game, starts: npt.ArrayLike, t_end: float | None = None, ax: Any = None
) -> Any:
    """Trajectories of a three-population 2x2x2 game in the unit cube.

    ``t_end`` defaults to :func:`~coopgame.evolution._simulate.settling_time`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> g = Game(np.arange(24).reshape(2, 2, 2, 3) % 5)
    >>> trajectories_3d(g, [[0.5, 0.5, 0.5]], 5.0).get_zlabel()
    'Player 3: share playing 1'
    """
    from coopgame.evolution._simulate import integrate_batch, settling_time

    if game.shape != (2, 2, 2):
        raise EvolutionError(f"the unit cube needs a 2x2x2 game; got shape {game.shape}")
    ax = _axes(ax, projection="3d")
    t_end = settling_time(game) if t_end is None else t_end
    times = np.linspace(0.0, t_end, 300)
    paths = integrate_batch(game, starts, (0.0, t_end), times)
    for k in range(paths.shape[1]):
        ax.plot(paths[:, k, 0], paths[:, k, 1], paths[:, k, 2], lw=0.9)
        ax.scatter(*paths[0, k], color="black", s=8)
    ax.set_xlabel(_label(game, 0))
    ax.set_ylabel(_label(game, 1))
    ax.set_zlabel(_label(game, 2))
    return ax


def time_series(
    game: Game, start: npt.ArrayLike, t_end: float | None = None, ax: Any = None
) -> Any:
    """Each population's share of its first strategy over time, from one start.

    ``t_end`` defaults to :func:`~coopgame.evolution._simulate.settling_time`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> time_series(pd, [0.9, 0.8], 10).get_xlabel()
    'time'
    """
    from coopgame.evolution._simulate import integrate_batch, settling_time

    if any(n != 2 for n in game.shape):
        raise EvolutionError("time_series plots games with two strategies per population")
    ax = _axes(ax)
    t_end = settling_time(game) if t_end is None else t_end
    times = np.linspace(0.0, t_end, 300)
    path = integrate_batch(game, [list(np.asarray(start, dtype=float))], (0.0, t_end), times)[
        :, 0, :
    ]
    for i in range(game.n_players):
        ax.plot(times, path[:, i], label=_label(game, i))
    ax.set_xlabel("time")
    ax.set_ylabel("share")
    ax.set_ylim(-0.02, 1.02)
    ax.legend(loc="best", fontsize="small")
    return ax


def simplex_plot(
    matrix: npt.ArrayLike,
    starts: npt.ArrayLike,
    t_end: float = 30.0,
    labels: Sequence[str] = ("1", "2", "3"),
    mutation: float = 0.0,
    ax: Any = None,
) -> Any:
    """Replicator trajectories of a symmetric 3-strategy game on the simplex (barycentric plot).

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    >>> ax = simplex_plot(rps, [[0.5, 0.3, 0.2]], labels=("R", "P", "S"))
    >>> [t.get_text() for t in ax.texts]
    ['R', 'P', 'S']
    """
    from coopgame.evolution._simulate import integrate_batch

    f = symmetric_replicator(matrix, mutation)
    x0 = np.asarray(starts, dtype=float)
    if x0.ndim != 2 or x0.shape[1] != 3:
        raise EvolutionError(
            f"simplex_plot needs a 3-strategy game and starts of shape (m, 3); got {x0.shape}"
        )
    ax = _axes(ax)
    corners = np.array([[0.0, 0.0], [1.0, 0.0], [0.5, np.sqrt(3) / 2]])
    ax.plot(*np.vstack([corners, corners[:1]]).T, color="black", lw=1)
    times = np.linspace(0.0, t_end, 400)
    paths = integrate_batch(f, x0, (0.0, t_end), times, method="rk4", step=0.01)
    for k in range(paths.shape[1]):
        xy = paths[:, k, :] @ corners
        ax.plot(xy[:, 0], xy[:, 1], lw=0.9)
    for corner, text, offset in zip(
        corners, labels, ([-0.05, -0.05], [0.02, -0.05], [-0.02, 0.03])
    ):
        ax.text(corner[0] + offset[0], corner[1] + offset[1], text)
    ax.set_aspect("equal")
    ax.set_axis_off()
    return ax
