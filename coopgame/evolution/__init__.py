"""Evolutionary dynamics of games: replicator dynamics, rest points, stability and ESS.

The state of a k-population system is the vector of *reduced coordinates*: for
each population, the shares of all its strategies but the last (the last share is
one minus their sum). For populations with two strategies this is the
literature's ``(x, y, z)``: the share of each population playing its first
strategy.

Submodules are imported on use so that ``import coopgame.evolution`` stays light.
"""

from __future__ import annotations

from coopgame._lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "EvolutionError": "coopgame.evolution.dynamics",
    "replicator_equations": "coopgame.evolution.dynamics",
    "replicator_field": "coopgame.evolution.dynamics",
    "symmetric_replicator": "coopgame.evolution.dynamics",
    "full_shares": "coopgame.evolution.dynamics",
    "state_symbols": "coopgame.evolution.dynamics",
    "best_response_field": "coopgame.evolution.dynamics",
    "logit_field": "coopgame.evolution.dynamics",
    "stability_table": "coopgame.evolution.rest_points",
    "stability_table_latex": "coopgame.evolution.rest_points",
    "is_neutrally_stable": "coopgame.evolution.ess",
    "simulate": "coopgame.evolution.simulate",
    "integrate_batch": "coopgame.evolution.simulate",
    "basins": "coopgame.evolution.simulate",
    "Basins": "coopgame.evolution.simulate",
    "uniform_starts": "coopgame.evolution.simulate",
    "settling_time": "coopgame.evolution.simulate",
    "phase_portrait": "coopgame.evolution.plot",
    "trajectories_3d": "coopgame.evolution.plot",
    "time_series": "coopgame.evolution.plot",
    "simplex_plot": "coopgame.evolution.plot",
    "RestPoint": "coopgame.evolution.rest_points",
    "InteriorRestPointWarning": "coopgame.evolution.rest_points",
    "rest_points": "coopgame.evolution.rest_points",
    "jacobian": "coopgame.evolution.rest_points",
    "classify": "coopgame.evolution.rest_points",
    "vertex_eigenvalues": "coopgame.evolution.rest_points",
    "stability_conditions": "coopgame.evolution.rest_points",
    "is_ess": "coopgame.evolution.ess",
    "evolutionarily_stable_strategies": "coopgame.evolution.ess",
}

__all__ = list(_EXPORTS)

# Two functions share their module's name. Importing a submodule binds the package attribute
# to the module, so after `import coopgame.evolution.rest_points` a lazy lookup would hand out
# the module; binding the functions now (both modules are light: numpy only) keeps
# `from coopgame.evolution import rest_points, simulate` the functions in any import order.
from coopgame.evolution.rest_points import rest_points as rest_points  # noqa: E402
from coopgame.evolution.simulate import simulate as simulate  # noqa: E402

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
