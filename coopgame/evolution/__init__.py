"""Evolutionary dynamics of games: replicator dynamics, rest points, stability and ESS.

The state of a k-population system is the vector of *reduced coordinates*: for
each population, the shares of all its strategies but the last (the last share is
one minus their sum). For populations with two strategies this is the
literature's ``(x, y, z)``: the share of each population playing its first
strategy.

Every public name is importable from here; the implementation modules are private and
imported on use so that ``import coopgame.evolution`` stays light.
"""

from __future__ import annotations

from coopgame._lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "EvolutionError": "coopgame.evolution._dynamics",
    "replicator_equations": "coopgame.evolution._dynamics",
    "replicator_field": "coopgame.evolution._dynamics",
    "symmetric_replicator": "coopgame.evolution._dynamics",
    "full_shares": "coopgame.evolution._dynamics",
    "state_symbols": "coopgame.evolution._dynamics",
    "best_response_field": "coopgame.evolution._dynamics",
    "logit_field": "coopgame.evolution._dynamics",
    "stability_table": "coopgame.evolution._rest_points",
    "stability_table_latex": "coopgame.evolution._rest_points",
    "is_neutrally_stable": "coopgame.evolution._ess",
    "simulate": "coopgame.evolution._simulate",
    "integrate_batch": "coopgame.evolution._simulate",
    "basins": "coopgame.evolution._simulate",
    "Basins": "coopgame.evolution._simulate",
    "uniform_starts": "coopgame.evolution._simulate",
    "settling_time": "coopgame.evolution._simulate",
    "phase_portrait": "coopgame.evolution._plot",
    "trajectories_3d": "coopgame.evolution._plot",
    "time_series": "coopgame.evolution._plot",
    "simplex_plot": "coopgame.evolution._plot",
    "RestPoint": "coopgame.evolution._rest_points",
    "rest_points": "coopgame.evolution._rest_points",
    "jacobian": "coopgame.evolution._rest_points",
    "classify": "coopgame.evolution._rest_points",
    "vertex_eigenvalues": "coopgame.evolution._rest_points",
    "stability_conditions": "coopgame.evolution._rest_points",
    "is_ess": "coopgame.evolution._ess",
    "InteriorRestPointWarning": "coopgame.evolution._rest_points",
    "evolutionarily_stable_strategies": "coopgame.evolution._ess",
}

__all__ = list(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
