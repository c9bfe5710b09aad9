"""Repeated games: when can school-enterprise cooperation sustain itself, and how much policy does
it need?

Every public name is importable from here (``from coopgame.repeated import critical_discount``);
the implementation modules are private, one per concept:

* ``_discount``: critical discount factors (grim trigger with Nash
  reversion, minmax simple penal codes, tit-for-tat), exact or symbolic, and the inverse:
  the smallest instrument level that sustains a target at a given delta;
* ``_folk``: feasible and individually rational payoffs, minmax
  values, and a plot;
* ``_spe_set``: the subgame-perfect payoff set of a two-player game
  at a given delta (Abreu-Pearce-Stacchetti / Abreu-Sannikov);
* ``_finite``: finite horizons (unravelling, Benoit-Krishna);
* ``_simulate``: seeded, vectorised simulation with noise.

The ``repeated`` section of ``coopgame analyze`` is :mod:`coopgame.analyses.repeated`.
"""

from __future__ import annotations

from coopgame.repeated._common import RepeatedGameError, discount_factor
from coopgame.repeated._discount import (
    PUNISHMENTS,
    STRATEGIES,
    CriticalDiscount,
    InstrumentLevel,
    critical_discount,
    required_instrument,
    shortest_punishment,
)
from coopgame.repeated._finite import FiniteHorizonResult, finite_horizon
from coopgame.repeated._folk import (
    FolkGeometry,
    feasible_payoffs,
    folk_geometry,
    individually_rational_payoffs,
    minmax_values,
    plot_payoff_sets,
)
from coopgame.repeated._simulate import STRATEGY_NAMES, SimulationResult, noise_experiment, simulate
from coopgame.repeated._spe_set import PayoffSet, subgame_perfect_payoffs

__all__ = [
    "RepeatedGameError",
    "PUNISHMENTS",
    "STRATEGIES",
    "discount_factor",
    "CriticalDiscount",
    "InstrumentLevel",
    "critical_discount",
    "required_instrument",
    "shortest_punishment",
    "FiniteHorizonResult",
    "finite_horizon",
    "FolkGeometry",
    "feasible_payoffs",
    "folk_geometry",
    "individually_rational_payoffs",
    "minmax_values",
    "plot_payoff_sets",
    "STRATEGY_NAMES",
    "SimulationResult",
    "noise_experiment",
    "simulate",
    "PayoffSet",
    "subgame_perfect_payoffs",
]
