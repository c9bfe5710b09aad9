"""Parameter sweeps: the same analyses over many parameter points.

Every public name is importable from here (``from coopgame.sweep import sweep``); the
implementation modules are private and imported on use, so ``import coopgame.sweep`` stays light:

* grid axes (``"S_e=0:10:201"``) and their product: :func:`parse_axis`, :func:`grid`;
* :func:`sweep` and :class:`SweepResult`, the general path through a ``concurrent.futures``
  executor or a Dask cluster (the analyses, and their columns, are the registry's:
  :mod:`coopgame.analyses`);
* the vectorised closed-form path for 2x2 and 2x2x2 games: :func:`fast_sweep`;
* Monte Carlo over uncertain parameters and sensitivity rankings: :func:`monte_carlo`;
* region maps with the exact threshold curves: :func:`region_map`.
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
    "SweepError": "coopgame.sweep._points",
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
    "threshold_curves": "coopgame.sweep._plot",
    "save_figure": "coopgame.sweep._plot",
    "MapError": "coopgame.sweep._plot",
    "FastSweepError": "coopgame.sweep._fast",
    "DistributionError": "coopgame.sweep._distributions",
    "Distribution": "coopgame.sweep._distributions",
    "UncertaintyError": "coopgame.sweep._uncertainty",
    "parse_axes": "coopgame.sweep._points",
    "analysis_names": "coopgame.sweep._engine",
    "METHODS": "coopgame.sweep._engine",
}

__all__ = list(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
