"""Parameter sweeps: the same analyses over many parameter points.

* :mod:`~coopgame.sweep.points`: grid axes (``"S_e=0:10:201"``) and their product;
* :mod:`~coopgame.sweep.analyses`: what the built-in analyses compute at a point (the
  analyses themselves, and their columns, are the registry's: :mod:`coopgame.analyses`);
* :mod:`~coopgame.sweep.engine`: :func:`sweep` and :class:`SweepResult`, the general path
  through a ``concurrent.futures`` executor or a Dask cluster;
* :mod:`~coopgame.sweep.fast`: the vectorised closed-form path for 2x2 and 2x2x2 games;
* :mod:`~coopgame.sweep.distributions` and :mod:`~coopgame.sweep.uncertainty`: Monte Carlo
  over uncertain parameters and sensitivity rankings;
* :mod:`~coopgame.sweep.plot`: region maps with the exact threshold curves.

Submodules are imported on use so that ``import coopgame.sweep`` stays light.
"""

from __future__ import annotations

from coopgame._lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "parse_axis": "coopgame.sweep.points",
    "grid": "coopgame.sweep.points",
    "point_set": "coopgame.sweep.points",
    "PointSet": "coopgame.sweep.points",
    "sweep": "coopgame.sweep.engine",
    "SweepResult": "coopgame.sweep.engine",
    "SweepError": "coopgame.sweep.engine",
    "fast_sweep": "coopgame.sweep.fast",
    "supports_fast": "coopgame.sweep.fast",
    "Uniform": "coopgame.sweep.distributions",
    "Triangular": "coopgame.sweep.distributions",
    "Normal": "coopgame.sweep.distributions",
    "parse_distribution": "coopgame.sweep.distributions",
    "sample": "coopgame.sweep.distributions",
    "monte_carlo": "coopgame.sweep.uncertainty",
    "MonteCarloResult": "coopgame.sweep.uncertainty",
    "sensitivity": "coopgame.sweep.uncertainty",
    "tornado_plot": "coopgame.sweep.uncertainty",
    "region_map": "coopgame.sweep.plot",
}

__all__ = list(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
