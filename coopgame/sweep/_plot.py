"""Region maps: a sweep's column coloured over two grid axes, with the exact threshold curves.

:func:`region_map` draws what a grid sweep found point by point (the equilibrium
signature, a stability class, ``delta*``, ...) and on top the curves where the
target profile (and every other pure profile whose equilibrium status changes in
the map) stops being an equilibrium, solved exactly with sympy from the symbolic
game (:func:`coopgame.design.region`). The coloured cells come from the
sweep, the black lines from algebra: where they agree the map is right, and the
lines stay exact however coarse the grid.

matplotlib is imported only when a map is drawn.
"""

from __future__ import annotations

import itertools
import math
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from coopgame.errors import CoopgameError
from coopgame.game import Game

if TYPE_CHECKING:
    import matplotlib.axes

    from coopgame.design import Condition

__all__ = ["region_map", "save_figure", "threshold_curves", "MapError", "CONDITION_STYLES"]

#: line style and legend wording of each threshold condition
CONDITION_STYLES: dict[str, tuple[Any, str]] = {
    "nash": ("-", "is a Nash equilibrium"),
    "strict": ("--", "is a strict Nash equilibrium"),
    "dominant": (":", "is in dominant strategies"),
}

#: columns with more distinct numbers than this are drawn with a continuous colour scale
_MAX_CATEGORIES = 12

#: line colours of the boundary curves, one per profile
_CURVE_COLOURS = ("black", "magenta", "gold", "cyan")

#: points per threshold curve
_CURVE_POINTS = 801


class MapError(CoopgameError):
    """A region map that cannot be drawn as asked (unknown axis or column, not a grid sweep)."""


# --------------------------------------------------------------------------- threshold curves


def _target_names(target: Any) -> tuple[str, ...]:
    if isinstance(target, str):
        return tuple(part.strip() for part in target.split(","))
    return tuple(str(t) for t in target)


def threshold_curves(
    game: Game,
    x: str,
    y: str,
    target: Sequence[str] | str,
    condition: str = "nash",
    *,
    values: Mapping[str, Any] | None = None,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    points: int = _CURVE_POINTS,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The boundary of "``target`` is a ``condition`` equilibrium" in the ``(x, y)`` plane, as
    curves.

    The condition is :func:`coopgame.design.region`'s conjunction of inequalities
    ``g_k(x, y) >= 0`` (``> 0`` for ``"strict"`` and ``"dominant"``). Each zero set
    ``g_k = 0`` is solved exactly with sympy for ``y`` (for ``x`` when ``g_k`` does not
    involve ``y``), evaluated on ``points`` values across the window, and kept only
    where every other inequality holds, so what remains is the region's boundary.
    Pieces are separated by NaN, ready for ``ax.plot``.

    Parameters
    ----------
    game
        The symbolic game (policy applied).
    x, y
        The two parameters (horizontal, vertical).
    target
        The pure profile (strategy names, or a label ``"Cooperate,Cooperate"``).
    condition
        ``"nash"``, ``"strict"`` or ``"dominant"``. ``"nash"`` and ``"strict"`` have the
        same boundary (the strict region leaves the curve out).
    values
        Numbers for every other parameter (names the game does not use are ignored).
    xlim, ylim
        The window.
    points
        Samples per curve.

    Returns
    -------
    list of (xs, ys)
        One pair of float arrays per inequality whose zero set crosses the window
        on the boundary; empty when the condition never or always holds there.

    Examples
    --------
    The column player accepts ``(C, C)`` when ``x + 2 y >= 2``: the boundary is the
    line ``y = 1 - x/2``.

    >>> g = Game.bimatrix([[1, 0], [0, 1]], [["x + 2*y", 2], [0, 1]], strategies=[["C", "N"]] * 2)
    >>> [(xs, ys)] = threshold_curves(g, "x", "y", ("C", "C"), xlim=(0, 2), ylim=(0, 2), points=5)
    >>> xs.tolist(), ys.tolist()
    ([0.0, 0.5, 1.0, 1.5, 2.0], [1.0, 0.75, 0.5, 0.25, 0.0])
    """
    import sympy as sp

    from coopgame.design import region

    if condition not in CONDITION_STYLES:
        raise MapError(
            f"threshold condition must be one of {', '.join(CONDITION_STYLES)}; got {condition!r}"
        )
    other = {k: v for k, v in (values or {}).items() if k not in (x, y)}
    result = region(game, (x, y), _target_names(target), cast("Condition", condition), values=other)
    xs_sym, ys_sym = result.parameters
    relations = (
        result.inequalities.args
        if isinstance(result.inequalities, sp.And)
        else (result.inequalities,)
    )
    relations = tuple(r for r in relations if r not in (sp.true, sp.false))
    if result.inequalities in (sp.true, sp.false) or not relations:
        return []
    leftover = set().union(*(r.free_symbols for r in relations)) - {xs_sym, ys_sym}
    if leftover:
        raise MapError(f"threshold curves need numbers for {sorted(map(str, leftover))}")
    gaps = [sp.expand(r.lhs - r.rhs) for r in relations]
    checks = [sp.lambdify((xs_sym, ys_sym), g, "numpy") for g in gaps]
    (x0, x1), (y0, y1) = (float(v) for v in xlim), (float(v) for v in ylim)
    scale = 1.0 + max(abs(x0), abs(x1), abs(y0), abs(y1))
    curves: list[tuple[np.ndarray, np.ndarray]] = []
    for k, gap in enumerate(gaps):
        # solve for y where the gap involves it (a graph over x), else for x (a vertical line)
        along, solve_for = (xs_sym, ys_sym) if ys_sym in gap.free_symbols else (ys_sym, xs_sym)
        try:
            branches = sp.solve(gap, solve_for)
        except NotImplementedError:  # pragma: no cover - transcendental gaps
            branches = []
        lo, hi = (x0, x1) if along == xs_sym else (y0, y1)
        t = np.linspace(lo, hi, points)
        for branch in branches:
            f = sp.lambdify(along, branch, "numpy")
            with np.errstate(all="ignore"):
                s = np.broadcast_to(np.asarray(f(t), dtype=complex), t.shape)
            real = np.abs(s.imag) <= 1e-12 * (1 + np.abs(s.real))
            s = np.where(real, s.real, np.nan)
            cx, cy = (t, s) if along == xs_sym else (s, t)
            inside = (cx >= x0 - 1e-12 * scale) & (cx <= x1 + 1e-12 * scale)
            inside &= (cy >= y0 - 1e-12 * scale) & (cy <= y1 + 1e-12 * scale)
            for j, check in enumerate(checks):
                if j != k:
                    with np.errstate(all="ignore"):
                        inside &= np.asarray(check(cx, cy), dtype=float) >= -1e-9 * scale
            if inside.sum() < 2:
                continue
            curves.append(
                (
                    np.where(inside, cx, np.nan).astype(float),
                    np.where(inside, cy, np.nan).astype(float),
                )
            )
    return curves


# --------------------------------------------------------------------------- the map


def _grid_values(
    result: Any, x: str, y: str, column: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(xs, ys, values)`` with ``values[j, i]`` the column at ``(xs[i], ys[j])``."""
    axes = dict(getattr(result, "axes", {}) or {})
    if not axes:
        raise MapError(
            "a region map needs a grid sweep (sweep(..., grid=...)); this result has random points"
        )
    for name in (x, y):
        if name not in axes:
            raise MapError(f"{name!r} is not a grid axis of the sweep; axes are {', '.join(axes)}")
    if x == y:
        raise MapError(f"x and y must be two different axes; got {x!r} twice")
    if column not in result.table.columns:
        raise MapError(
            f"unknown column {column!r}; columns are {', '.join(map(str, result.table.columns))}"
        )
    names = list(axes)
    extra = [n for n in names if n not in (x, y) and len(axes[n]) > 1]
    if extra:
        raise MapError(f"a map shows two axes; the sweep also varies {', '.join(extra)}")
    values = np.asarray(result.array(column))
    # drop length-one axes, then put y first so rows are y and columns are x
    keep = [n for n in names if n in (x, y)]
    values = values.reshape([len(axes[n]) for n in keep])
    if keep[0] == x:
        values = values.T
    xs = np.array([float(v) for v in axes[x]])
    ys = np.array([float(v) for v in axes[y]])
    return xs, ys, values


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(value))
    except (TypeError, ValueError):
        return False


def _categories(values: np.ndarray) -> list[Any]:
    seen: dict[Any, None] = {}
    for v in values.ravel().tolist():
        if not _is_missing(v):
            seen.setdefault(v, None)
    try:
        return sorted(seen)
    except TypeError:
        return list(seen)


def _is_continuous(values: np.ndarray, categories: list[Any]) -> bool:
    numeric = all(isinstance(c, (int, float, np.number)) and not isinstance(c, (bool, np.bool_))
                  for c in categories)
    return numeric and len(categories) > _MAX_CATEGORIES


def region_map(
    result: Any,
    x: str,
    y: str,
    column: str = "signature",
    *,
    game: Game | None = None,
    thresholds: bool | str | Sequence[str] = True,
    profiles: Sequence[Sequence[str] | str] | None = None,
    ax: matplotlib.axes.Axes | None = None,
    path: str | Path | None = None,
    title: str | None = None,
) -> matplotlib.axes.Axes:
    """Colour the regions of a sweep's ``column`` over two grid axes and draw the exact thresholds.

    Parameters
    ----------
    result
        A :class:`~coopgame.sweep._engine.SweepResult` of a grid sweep over ``x`` and
        ``y`` (other axes, if any, of length one).
    x, y
        The horizontal and vertical axis (parameter names; they label the axes).
    column
        The column to colour: ``"signature"`` (default), ``"stable_signature"``,
        ``"nash[Cooperate,Cooperate]"``, ``"delta_star"``, ... One colour per distinct
        value with a legend entry; a numeric column with more than 12 distinct values
        gets a continuous colour scale and a colour bar instead. Points that failed
        (NaN) stay blank.
    game
        The symbolic game for the threshold curves; default ``result.game``.
    thresholds
        ``True`` draws, for each of ``profiles``, the boundary of "the profile is a Nash
        equilibrium" (the strict region is the same set without the curve); a condition or a
        sequence of conditions among ``"nash"``, ``"strict"``, ``"dominant"`` draws each; ``False``
        none. Other parameters take ``result.parameters``.
    profiles
        The pure profiles whose boundaries are drawn (one colour each). Default: the
        target (``result.target``) and every other pure profile that is an equilibrium
        in part of the map only (its ``nash[...]`` column changes there).
    ax
        Axes to draw into (default: a new figure).
    path
        Save the figure there (PNG at 150 dpi, or the format of the suffix).
    title
        The axes title (default: the column and the target).

    Returns
    -------
    matplotlib.axes.Axes
        Its legend lists the regions and the threshold curves.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from importlib.resources import files
    >>> from coopgame.io import load_scenario
    >>> from coopgame.sweep import sweep
    >>> s = load_scenario(files("coopgame") / "data" / "policy_map.toml")
    >>> res = sweep(s, grid={"S_e": "0:40:5", "tau": "0:0.5:3"}, progress=False)
    >>> ax = region_map(res, "S_e", "tau")
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('S_e', 'tau')
    >>> [t.get_text() for t in ax.get_legend().get_texts()]  # doctest: +NORMALIZE_WHITESPACE
    ['Cooperate,Cooperate', 'Cooperate,Cooperate + Shirk,Shirk + mixed', 'Shirk,Shirk',
     'Cooperate,Cooperate is a Nash equilibrium: boundary',
     'Shirk,Shirk is a Nash equilibrium: boundary']
    """
    import matplotlib.pyplot as plt
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    xs, ys, values = _grid_values(result, x, y, column)
    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4.8))
    categories = _categories(values)
    handles: list[Any] = []
    continuous = _is_continuous(values, categories)
    if continuous:
        numbers = np.array(
            [[np.nan if _is_missing(v) else float(v) for v in row] for row in values], dtype=float
        )
        mesh = ax.pcolormesh(
            xs, ys, np.ma.masked_invalid(numbers), shading="nearest", cmap="viridis"
        )
        ax.figure.colorbar(mesh, ax=ax, label=column)
    else:
        index = {c: k for k, c in enumerate(categories)}
        codes = np.array(
            [[np.nan if _is_missing(v) else index[v] for v in row] for row in values], dtype=float
        )
        palette = plt.get_cmap("tab10" if len(categories) <= 10 else "tab20")
        colours = [palette(k % palette.N) for k in range(max(len(categories), 1))]
        cmap = ListedColormap(colours)
        norm = BoundaryNorm(np.arange(-0.5, len(colours) + 0.5), len(colours))
        ax.pcolormesh(xs, ys, np.ma.masked_invalid(codes), shading="nearest", cmap=cmap, norm=norm)
        handles += [
            Patch(facecolor=colours[k], edgecolor="0.3", label=str(c))
            for k, c in enumerate(categories)
        ]

    target = getattr(result, "target", None)
    conditions = (("nash",) if thresholds is True else () if thresholds is False
                  else (thresholds,) if isinstance(thresholds, str) else tuple(thresholds))
    game = game if game is not None else getattr(result, "game", None)
    drawn = _boundary_profiles(result, target, profiles)
    if conditions and drawn:
        if game is None:
            warnings.warn(
                "region_map: no symbolic game (pass game=...), threshold curves not drawn",
                stacklevel=2,
            )
        else:
            fixed = dict(getattr(result, "parameters", {}) or {})
            for colour, profile in zip(itertools.cycle(_CURVE_COLOURS), drawn):
                label = ",".join(profile)
                for condition in conditions:
                    style, wording = CONDITION_STYLES.get(condition, ("-", condition))
                    curves = threshold_curves(game, x, y, profile, condition, values=fixed,
                                              xlim=(xs.min(), xs.max()), ylim=(ys.min(), ys.max()))
                    for k, (cx, cy) in enumerate(curves):
                        ax.plot(cx, cy, color=colour, linestyle=style, linewidth=2,
                                label=f"{label} {wording}: boundary" if k == 0 else "_nolegend_")
                    if curves:
                        handles.append(Line2D([], [], color=colour, linestyle=style, linewidth=2,
                                              label=f"{label} {wording}: boundary"))
    ax.set_xlim(xs.min() - _half_step(xs), xs.max() + _half_step(xs))
    ax.set_ylim(ys.min() - _half_step(ys), ys.max() + _half_step(ys))
    ax.set_xlabel(x)
    ax.set_ylabel(y)
    if title is None:
        title = column if target is None else f"{column} (target {','.join(_target_names(target))})"
    ax.set_title(title)
    if handles and continuous:
        # the colour bar takes the right-hand side: the curves' legend goes inside
        ax.legend(handles=handles, loc="upper right", fontsize="small", framealpha=0.9)
    elif handles:
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small",
                  title=column, title_fontsize="small", borderaxespad=0.0)
    if path is not None:
        save_figure(ax, path)
    return ax


def save_figure(ax: matplotlib.axes.Axes, path: str | Path) -> None:
    """Save the figure of ``ax`` at 150 dpi, in the format of the suffix (PNG, SVG, PDF, ...).

    The Axes' figure may be a SubFigure, which cannot save itself: the whole figure is saved.

    Examples
    --------
    >>> import matplotlib, tempfile, pathlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig = plt.figure()
    >>> ax = fig.subfigures(1, 2)[0].subplots()
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     save_figure(ax, pathlib.Path(tmp) / "map.png")
    ...     (pathlib.Path(tmp) / "map.png").read_bytes()[:4]
    b'\x89PNG'
    """
    figure: Any = ax.figure
    getattr(figure, "figure", figure).savefig(str(path), dpi=150, bbox_inches="tight")


def _boundary_profiles(result: Any, target: Any, profiles: Sequence[Sequence[str] | str] | None
                       ) -> list[tuple[str, ...]]:
    if profiles is not None:
        return [_target_names(p) for p in profiles]
    chosen = [] if target is None else [_target_names(target)]
    table = getattr(result, "table", None)
    if table is None:
        return chosen
    for name in table.columns:
        if not (name.startswith("nash[") and name.endswith("]")):
            continue
        profile = _target_names(name[len("nash["):-1])
        present = table[name].dropna()
        # a profile that is an equilibrium everywhere or nowhere in the map has no boundary here
        if profile not in chosen and present.nunique() > 1:
            chosen.append(profile)
    return chosen


def _half_step(values: np.ndarray) -> float:
    return float(values.max() - values.min()) / (2 * (len(values) - 1)) if len(values) > 1 else 0.5
