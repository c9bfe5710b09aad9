"""Folk-theorem geometry: feasible payoffs, minmax values, the individually rational set, a plot.

The folk theorem (Fudenberg and Maskin 1986) says that, for patient enough players,
every feasible payoff vector that gives each player strictly more than its minmax
value is a subgame-perfect equilibrium payoff of the repeated game. The feasible set
is the convex hull of the stage game's payoff vectors (with public randomisation).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._geometry import clip_below, convex_hull
from coopgame.game import Game
from coopgame.repeated._common import RepeatedGameError, as_target, weighted

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["minmax_values", "feasible_payoffs", "individually_rational_payoffs", "FolkGeometry",
           "folk_geometry", "plot_payoff_sets"]


def _numeric(game: Game, what: str) -> Game:
    if game.kind == "symbolic" and game.parameters:
        raise RepeatedGameError(
            f"{what} needs numeric payoffs; substitute the parameters first (game.subs)"
        )
    return game.as_exact() if game.kind == "symbolic" else game


def _two_players(game: Game, what: str) -> None:
    if game.n_players != 2:
        raise RepeatedGameError(
            f"{what} is implemented for two-player games; this one has {game.n_players}"
        )


def minmax_values(game: Game, mixed: bool = False) -> tuple[Any, ...]:
    """Each player's minmax value: the lowest payoff the others can hold it to.

    Parameters
    ----------
    game
        A numeric game.
    mixed
        ``False``: the others play pure strategies, ``min_{a_-i} max_{a_i} u_i``. ``True``
        (two players): the other player may mix; the value of the zero-sum game in which
        player ``i`` maximises its own payoff, solved exactly by vertex enumeration.

    Examples
    --------
    Matching Pennies: pure punishments hold each player only to 1, mixed ones to 0.

    >>> from coopgame import Game
    >>> mp = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> minmax_values(mp), minmax_values(mp, mixed=True)
    ((Fraction(1, 1), Fraction(1, 1)), (Fraction(0, 1), Fraction(0, 1)))
    """
    numeric = _numeric(game, "minmax_values")
    if not mixed:
        return tuple(numeric.payoffs[..., i].max(axis=i).min() for i in range(numeric.n_players))
    _two_players(numeric, "the mixed minmax value")
    from coopgame.equilibria import nash_equilibria

    A, B = numeric.bimatrix_arrays()
    values = []
    for own in (A, B.T):  # the punished player as the row player of a zero-sum game
        result = nash_equilibria(
            Game.zero_sum(own if numeric.kind != "float" else own.astype(float))
        )
        values.append(result.equilibria[0].payoffs[0])
    return tuple(values)


def _points(game: Game) -> list[tuple[Any, Any]]:
    flat = game.payoffs.reshape(-1, game.n_players)
    return [(row[0], row[1]) for row in flat]


def feasible_payoffs(game: Game) -> list[tuple[Any, ...]]:
    """The vertices of the feasible payoff set (convex hull of the payoff vectors).

    Two players: exact for exact games, counter-clockwise. More players: the vertices
    of the hull in float (scipy's Qhull).

    Examples
    --------
    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [tuple(map(int, v)) for v in feasible_payoffs(pd)]
    [(0, 5), (1, 1), (5, 0), (3, 3)]
    """
    numeric = _numeric(game, "feasible_payoffs")
    if numeric.n_players == 2:
        return convex_hull(_points(numeric))
    from scipy.spatial import ConvexHull

    points = numeric.as_float().payoffs.reshape(-1, numeric.n_players)
    hull = ConvexHull(points)
    return [tuple(float(c) for c in points[k]) for k in hull.vertices]


def individually_rational_payoffs(game: Game, mixed: bool = True) -> list[tuple[Any, ...]]:
    """The vertices of the feasible payoffs that give every player at least its minmax value.

    Two players only. ``mixed`` chooses the minmax value (see :func:`minmax_values`).

    Examples
    --------
    In the Prisoner's Dilemma the minmax value is the mutual-defection payoff 1; the edge from
    (5, 0) to (3, 3) crosses the line ``v_2 = 1`` at ``v_1 = 13/3``:

    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [tuple(str(c) for c in v) for v in individually_rational_payoffs(pd)]
    [('1', '1'), ('13/3', '1'), ('3', '3'), ('1', '13/3')]
    """
    numeric = _numeric(game, "individually_rational_payoffs")
    _two_players(numeric, "individually_rational_payoffs")
    polygon: list[Any] = feasible_payoffs(numeric)
    for i, bound in enumerate(minmax_values(numeric, mixed=mixed)):
        polygon = clip_below(polygon, i, bound)
    return polygon


@dataclass(frozen=True)
class FolkGeometry:
    """Everything the folk-theorem picture shows, for two players.

    Attributes
    ----------
    feasible
        Vertices of the feasible payoff set.
    individually_rational
        Vertices of its part above the (mixed) minmax values.
    minmax_pure, minmax_mixed
        Each player's pure and mixed minmax value.
    stage_equilibria
        The payoff vectors of the stage game's (extreme) Nash equilibria.
    target
        The target's payoff vector, or ``None``.
    """

    feasible: tuple[tuple[Any, ...], ...]
    individually_rational: tuple[tuple[Any, ...], ...]
    minmax_pure: tuple[Any, ...]
    minmax_mixed: tuple[Any, ...]
    stage_equilibria: tuple[tuple[Any, ...], ...]
    target: tuple[Any, ...] | None


def folk_geometry(game: Game, target: Any = None) -> FolkGeometry:
    """Feasible and individually rational sets, minmax values and stage equilibria of a 2-player
    game.

    Examples
    --------
    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> geo = folk_geometry(pd, target=(0, 0))
    >>> geo.minmax_mixed, geo.stage_equilibria, geo.target
    ((Fraction(1, 1), Fraction(1, 1)), ((Fraction(1, 1), Fraction(1, 1)),), (Fraction(3, 1),
    Fraction(3, 1)))
    """
    numeric = _numeric(game, "folk_geometry")
    _two_players(numeric, "folk_geometry")
    from coopgame.equilibria import nash_equilibria

    point = None
    if target is not None:
        parsed = as_target(numeric, target)
        weights = [w for _, w in parsed]
        point = tuple(
            weighted([numeric.payoffs[a][i] for a, _ in parsed], weights, numeric) for i in range(2)
        )
    equilibria = tuple(dict.fromkeys(tuple(e.payoffs) for e in nash_equilibria(numeric).equilibria))
    return FolkGeometry(
        feasible=tuple(feasible_payoffs(numeric)),
        individually_rational=tuple(individually_rational_payoffs(numeric)),
        minmax_pure=minmax_values(numeric),
        minmax_mixed=minmax_values(numeric, mixed=True),
        stage_equilibria=equilibria,
        target=point,
    )


def _closed(vertices: Any) -> np.ndarray:
    arr = np.array([[float(c) for c in v] for v in vertices], dtype=float).reshape(-1, 2)
    return np.vstack([arr, arr[:1]]) if len(arr) else arr


def plot_payoff_sets(
    game: Game,
    path: str | os.PathLike[str] | None = None,
    *,
    target: Any = None,
    delta: Any = None,
    ax: Any = None,
) -> Figure:
    """Plot the feasible and individually rational payoffs, stage equilibria and the target.

    With ``delta``, the subgame-perfect payoff set at that discount factor is drawn too
    (:func:`coopgame.repeated.subgame_perfect_payoffs`). matplotlib is imported here only.

    Parameters
    ----------
    game
        A numeric two-player game.
    path
        Where to save the figure (any format matplotlib knows from the suffix); not saved if None.
    target
        A target profile to mark.
    delta
        A discount factor for the subgame-perfect payoff set.
    ax
        A matplotlib Axes to draw on (default: a new figure).

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["School", "Enterprise"])
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "folk.png"
    >>> fig = plot_payoff_sets(pd, out, target=(0, 0), delta="0.6")
    >>> out.exists(), fig.axes[0].get_xlabel()
    (True, "School's payoff")
    """
    import matplotlib.pyplot as plt  # only here: matplotlib is slow to import

    geo = folk_geometry(game, target)
    spe = None
    if delta is not None:  # before any drawing, so that a bad delta leaves no half-drawn figure
        from coopgame.repeated._spe_set import subgame_perfect_payoffs

        spe = subgame_perfect_payoffs(game, delta)
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 5))
    else:
        fig = ax.figure
    feasible = _closed(geo.feasible)
    ax.fill(feasible[:, 0], feasible[:, 1], color="0.85", label="feasible")
    rational = _closed(geo.individually_rational)
    if len(rational):
        ax.fill(
            rational[:, 0],
            rational[:, 1],
            color="tab:blue",
            alpha=0.35,
            label="individually rational",
        )
    if spe is not None:
        closed = _closed(spe.vertices)
        ax.fill(closed[:, 0], closed[:, 1], color="tab:green", alpha=0.45,
                label=f"subgame-perfect, delta = {float(spe.delta):.3g}")
    ax.axvline(float(geo.minmax_mixed[0]), color="0.4", linestyle=":", linewidth=1)
    ax.axhline(
        float(geo.minmax_mixed[1]), color="0.4", linestyle=":", linewidth=1, label="minmax values"
    )
    equilibria = np.array([[float(c) for c in p] for p in geo.stage_equilibria])
    ax.scatter(
        equilibria[:, 0],
        equilibria[:, 1],
        marker="s",
        color="black",
        zorder=3,
        label="stage equilibria",
    )
    if geo.target is not None:
        ax.scatter(
            [float(geo.target[0])],
            [float(geo.target[1])],
            marker="*",
            s=200,
            color="tab:red",
            zorder=4,
            label="target",
        )
    ax.set_xlabel(f"{game.players[0]}'s payoff")
    ax.set_ylabel(f"{game.players[1]}'s payoff")
    ax.set_title("Payoffs of the repeated game")
    ax.legend(loc="best", fontsize="small")
    if path is not None:
        fig.savefig(path, bbox_inches="tight")
    return fig


