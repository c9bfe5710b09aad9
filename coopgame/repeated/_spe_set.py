"""The subgame-perfect equilibrium payoff set of a two-player repeated game at a given delta.

Pure strategies, perfect monitoring, public randomisation. The set ``V`` is the
largest fixed point of the operator of Abreu, Pearce and Stacchetti (1990),

``B(W) = co U_a { (1 - delta) u(a) + delta w : w in W, w_i >= min_{W} w_i + (1 - delta)/delta *
g_i(a) }``

where ``g_i(a)`` is player ``i``'s best deviation gain at profile ``a``: a profile is
enforced by a continuation value in ``W`` that beats the worst continuation in ``W``
(the punishment) by enough. Starting from the feasible set, the iterates decrease to
``V`` (Abreu and Sannikov 2014 show that each profile contributes at most four extreme
points; here each profile contributes the vertices of ``W`` clipped by its two incentive
constraints, which gives the same fixed point).

References
----------
Abreu, D., Pearce, D. and Stacchetti, E. (1990). Toward a theory of discounted repeated
games with imperfect monitoring. *Econometrica* 58(5), 1041-1063.
Abreu, D. and Sannikov, Y. (2014). An algorithm for two-player repeated games with
perfect monitoring. *Theoretical Economics* 9(2), 313-338.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._geometry import clip_below, convex_hull
from coopgame.game import Game
from coopgame.repeated._common import RepeatedGameError, as_delta

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["PayoffSet", "subgame_perfect_payoffs"]


@dataclass(frozen=True)
class PayoffSet:
    """A convex set of payoff vectors of the repeated game, as its vertices.

    Attributes
    ----------
    vertices
        Array of shape ``(k, 2)``, counter-clockwise (float).
    delta
        The discount factor.
    worst
        Each player's lowest subgame-perfect payoff (the harshest credible punishment).
    iterations
        Iterations of the set operator until the vertices moved less than ``tol``.
    """

    vertices: np.ndarray
    delta: float
    worst: tuple[float, float]
    iterations: int

    def contains(self, point: Any, tol: float = 1e-9) -> bool:
        """Whether a payoff vector lies in the set (within ``tol``).

        Examples
        --------
        >>> from coopgame import Game
        >>> spe = subgame_perfect_payoffs(Game.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]]), 0.9)
        >>> spe.contains((9, 9)), spe.contains((10, 1))
        (True, False)
        """
        p = np.asarray([float(c) for c in point])
        v = self.vertices
        if len(v) == 1:
            return bool(np.all(np.abs(v[0] - p) <= tol))
        edges = np.roll(v, -1, axis=0) - v
        cross = edges[:, 0] * (p[1] - v[:, 1]) - edges[:, 1] * (p[0] - v[:, 0])
        lengths = np.maximum(np.hypot(edges[:, 0], edges[:, 1]), 1e-300)
        return bool(np.all(cross / lengths >= -tol))

    def plot(self, path: str | os.PathLike[str] | None = None, ax: Any = None,
             labels: tuple[str, str] = ("Player 1's payoff", "Player 2's payoff")) -> Figure:
        """Draw the set (matplotlib is imported here only); save it to ``path`` if given.

        Examples
        --------
        >>> import tempfile, pathlib
        >>> from coopgame import Game
        >>> spe = subgame_perfect_payoffs(Game.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]]), 0.9)
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "spe.png"
        >>> spe.plot(out).axes[0].get_xlabel(), out.exists()
        ("Player 1's payoff", True)
        """
        import matplotlib.pyplot as plt  # only here: matplotlib is slow to import

        if ax is None:
            fig, ax = plt.subplots(figsize=(5, 4))
        else:
            fig = ax.figure
        closed = np.vstack([self.vertices, self.vertices[:1]])
        ax.fill(closed[:, 0], closed[:, 1], color="tab:green", alpha=0.5,
                label=f"subgame-perfect payoffs, delta = {self.delta:.3g}")
        ax.set_xlabel(labels[0])
        ax.set_ylabel(labels[1])
        ax.legend(loc="best", fontsize="small")
        if path is not None:
            fig.savefig(path, bbox_inches="tight")
        return fig


def _deviation_gains(A: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per profile, each player's best stage deviation gain (row player: max over the column)."""
    return A.max(axis=0, keepdims=True) - A, B.max(axis=1, keepdims=True) - B


def _apply_operator(
    polygon: list[tuple[float, float]],
    A: np.ndarray,
    B: np.ndarray,
    gains: tuple[np.ndarray, np.ndarray],
    delta: float,
) -> list[tuple[float, float]]:
    """One application of the set operator ``B(W)`` to a convex polygon ``W``."""
    worst = (min(p[0] for p in polygon), min(p[1] for p in polygon))
    scale = (1 - delta) / delta
    points: list[tuple[float, float]] = []
    for (r, c), u1 in np.ndenumerate(A):
        u2 = B[r, c]
        enforceable = clip_below(polygon, 0, worst[0] + scale * gains[0][r, c])
        enforceable = clip_below(enforceable, 1, worst[1] + scale * gains[1][r, c])
        points += [
            ((1 - delta) * u1 + delta * w1, (1 - delta) * u2 + delta * w2) for w1, w2 in enforceable
        ]
    return convex_hull(points)


def _moved(old: list[tuple[float, float]], new: list[tuple[float, float]]) -> float:
    if len(old) != len(new):
        return float("inf")
    return float(np.max(np.abs(np.asarray(old) - np.asarray(new))))


def _iteration_budget(delta: float, tol: float) -> int:
    """Iterations for ``delta^k`` to fall below ``tol * (1 - delta)``, with a margin.

    The operator contracts at rate ``delta``, so the count grows like ``1 / (1 - delta)``.
    """
    floor = max(tol * (1 - delta), _RESOLUTION)
    return int(np.ceil(2 * np.log(floor) / np.log(delta))) + 100


#: the smallest relative movement that float arithmetic can resolve in the vertices
_RESOLUTION = 64 * float(np.finfo(float).eps)


def subgame_perfect_payoffs(
    game: Game,
    delta: Any,
    *,
    tol: float = 1e-12,
    max_iter: int | None = None,
    max_seconds: float | None = 60.0,
) -> PayoffSet:
    """The pure-strategy subgame-perfect payoff set of a two-player repeated game, with public
    randomisation.

    Parameters
    ----------
    game
        A numeric two-player stage game.
    delta
        The common discount factor, strictly between 0 and 1: a float, an int, a Fraction, a
        string such as ``"1/2"`` or a sympy rational (read like every discount factor of
        :mod:`coopgame.repeated`).
    tol
        Stop when no vertex moves by more than ``tol * (1 - delta)`` times the largest absolute
        payoff (at least 1) in an iteration, so that the vertices are within about ``tol`` of
        the limit (the operator contracts at rate ``delta``). Float arithmetic cannot resolve
        movements below about ``1e-14`` of the payoffs, so very close to 1 the vertices are
        within about ``1e-14 / (1 - delta)`` instead.
    max_iter
        Give up (with an error) after this many iterations. Default: enough for the
        contraction to reach ``tol``, about ``2 log(tol (1 - delta)) / log(delta)`` (it grows
        like ``1 / (1 - delta)``: some 60 000 iterations at ``delta = 0.999``).
    max_seconds
        Give up (with an error) after this much time; ``None``: no limit.

    Returns
    -------
    PayoffSet
        The vertices (float), agreeing with QuantEcon's ``RepeatedGame.equilibrium_payoffs``.

    Raises
    ------
    RepeatedGameError
        ``delta`` not a number in (0, 1), a game that is not numeric two-player, no
        pure-strategy subgame-perfect equilibrium at this ``delta`` (never when the stage game
        has a pure equilibrium: playing it in every period is subgame perfect), or the
        iteration cut short by ``max_iter`` or ``max_seconds`` (the message says how to go on).

    References
    ----------
    Abreu, Pearce and Stacchetti (1990); Abreu and Sannikov (2014).

    Examples
    --------
    The Prisoner's Dilemma of Abreu and Sannikov's examples at delta = 0.9: the set
    runs from mutual defection (3, 3) to mutual cooperation (9, 9), and a player can get
    up to 9.75 while the other is held to 3.

    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]])
    >>> spe = subgame_perfect_payoffs(pd, 0.9)
    >>> np.round(spe.vertices, 6).tolist()
    [[3.0, 3.0], [9.75, 3.0], [9.0, 9.0], [3.0, 9.75]]
    >>> subgame_perfect_payoffs(pd, "9/10").vertices.shape
    (4, 2)
    """
    if game.n_players != 2:
        raise RepeatedGameError(f"the subgame-perfect payoff set is computed for two players; "
                                f"this game has {game.n_players}")
    if game.kind == "symbolic" and game.parameters:
        raise RepeatedGameError(
            "the subgame-perfect payoff set needs numeric payoffs; substitute first"
        )
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 < tol < 1:
        raise RepeatedGameError(f"tol must be a number in (0, 1), got {tol!r}")
    if max_iter is not None and (
        isinstance(max_iter, bool) or not isinstance(max_iter, int) or max_iter < 1
    ):
        raise RepeatedGameError(f"max_iter must be a positive integer, got {max_iter!r}")
    if max_seconds is not None and (
        isinstance(max_seconds, bool)
        or not isinstance(max_seconds, (int, float))
        or not max_seconds > 0
    ):
        raise RepeatedGameError(
            f"max_seconds must be a positive number or None, got {max_seconds!r}"
        )
    d = float(as_delta(game.as_float(), delta))
    if not d < 1:  # a Fraction just below 1 can round to 1.0
        raise RepeatedGameError(f"delta = {delta!r} is too close to 1 for float arithmetic")
    budget = _iteration_budget(d, tol) if max_iter is None else max_iter
    A, B = game.as_float().bimatrix_arrays(dtype=float)
    gains = _deviation_gains(A, B)
    polygon = convex_hull([(float(a), float(b)) for a, b in zip(A.ravel(), B.ravel())])
    # the tolerance is relative to the payoffs' size, so that large payoffs still converge,
    # and scaled by 1 - delta: the iterates contract at rate delta, so the distance still to go
    # is about moved * delta / (1 - delta); below float resolution no iteration can get
    threshold = max(tol * (1 - d), _RESOLUTION) * max(
        1.0, float(np.abs(A).max()), float(np.abs(B).max())
    )
    deadline = None if max_seconds is None else time.monotonic() + max_seconds
    iteration = 0
    while True:
        iteration += 1
        new = _apply_operator(polygon, A, B, gains, d)
        if not new:
            raise RepeatedGameError(
                f"no pure-strategy subgame-perfect equilibrium at delta = {d}: no "
                "profile can be enforced"
            )
        moved = _moved(polygon, new)
        polygon = new
        if moved < threshold:
            break
        cut = ("max_iter" if iteration >= budget else
               "max_seconds" if deadline is not None and time.monotonic() > deadline else None)
        if cut is not None:
            raise RepeatedGameError(
                f"the payoff set did not converge in {iteration} iterations ({cut} reached; last "
                "movement "
                f"{moved:.3g}, needed < {threshold:.3g}): the operator contracts at rate delta = "
                f"{d:.6g}, so "
                f"it needs about {_iteration_budget(d, tol)} iterations; pass a larger {cut}"
                + ("" if cut == "max_seconds" else " (or leave it at None)")
                + " or a larger tol"
            )
    vertices = np.array(polygon, dtype=float)
    worst = (float(vertices[:, 0].min()), float(vertices[:, 1].min()))
    return PayoffSet(vertices, d, worst, iteration)
