"""Parameter sweeps: the same analyses over many parameter points.

* :mod:`~coopgame.sweep._points`: grid axes (``"S_e=0:10:201"``) and their product;
* :mod:`~coopgame.sweep._analyses`: what the built-in analyses compute at a point (the
  analyses themselves, and their columns, are the registry's: :mod:`coopgame.analyses`);
* :mod:`~coopgame.sweep._engine`: :func:`sweep` and :class:`SweepResult`, the general path
  through a ``concurrent.futures`` executor or a Dask cluster;
* :mod:`~coopgame.sweep._fast`: the vectorised closed-form path for 2x2 and 2x2x2 games;
* :mod:`~coopgame.sweep._distributions` and :mod:`~coopgame.sweep._uncertainty`: Monte Carlo
  over uncertain parameters and sensitivity rankings;
* :mod:`~coopgame.sweep._plot`: region maps with the exact threshold curves.

Submodules are imported on use so that ``import coopgame.sweep`` stays light.
"""

from __future__ import annotations

from coopgame._lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "parse_axis": "coopgame.sweep._points",
    "grid": "coopgame.sweep._points",
    "point_set": "coopgame.sweep._points",
    "PointSet": "coopgame.sweep._points",
    "sweep": "coopgame.sweep._engine",
    "SweepResult": "coopgame.sweep._engine",
    "SweepError": "coopgame.sweep._engine",
    "fast_sweep": "coopgame.sweep._fast",
    "supports_fast": "coopgame.sweep._fast",
    "Uniform": "coopgame.sweep._distributions",
    "Triangular": "coopgame.sweep._distributions",
    "Normal": "coopgame.sweep._distributions",
    "parse_distribution": "coopgame.sweep._distributions",
    "sample": "coopgame.sweep._distributions",
    "monte_carlo": "coopgame.sweep._uncertainty",
    "MonteCarloResult": "coopgame.sweep._uncertainty",
    "sensitivity": "coopgame.sweep._uncertainty",
    "tornado_plot": "coopgame.sweep._uncertainty",
    "region_map": "coopgame.sweep._plot",
}

__all__ = list(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
