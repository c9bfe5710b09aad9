"""coopgame: game-theoretic models of school-enterprise cooperation.

Games with float, exact or symbolic payoffs; every Nash equilibrium with a
certificate; policy instruments as payoff modifiers. Public names are loaded on
first use so that ``import coopgame`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopgame._lazy import lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it (or "module:attribute"). The sweep function is not
# here: ``coopgame.sweep`` is its subpackage (``from coopgame.sweep import sweep``).
_EXPORTS: dict[str, str] = {
    "Game": "coopgame.game",
    "GameError": "coopgame.game",
    "read_nfg": "coopgame.io._nfg",
    "write_nfg": "coopgame.io._nfg",
    "NfgError": "coopgame.io._nfg",
    "nash_equilibria": "coopgame.equilibria",
    "is_nash": "coopgame.equilibria",
    "regret": "coopgame.equilibria",
    "Equilibrium": "coopgame.equilibria",
    "NashResult": "coopgame.equilibria",
    "Component": "coopgame.equilibria",
    "NashSubset": "coopgame.equilibria",
    "ProfileError": "coopgame.equilibria",
    "pure_equilibria": "coopgame.equilibria._pure",
    "support_enumeration": "coopgame.equilibria._support",
    "vertex_enumeration": "coopgame.equilibria._vertex",
    "lemke_howson": "coopgame.equilibria._lemke_howson",
    "zero_sum_lp": "coopgame.equilibria._zero_sum",
    "game_value": "coopgame.equilibria._zero_sum",
    "polynomial_enumeration": "coopgame.equilibria._polynomial",
    "eliminate_dominated": "coopgame.equilibria._dominance",
    "equilibrium_conditions": "coopgame.equilibria._symbolic",
    "Subsidy": "coopgame.policy",
    "TaxIncentive": "coopgame.policy",
    "Penalty": "coopgame.policy",
    "Transfer": "coopgame.policy",
    "CostShare": "coopgame.policy",
    "Policy": "coopgame.policy",
    "Modification": "coopgame.policy",
    "PolicyError": "coopgame.policy",
    "load_scenario": "coopgame.io._scenario",
    "Scenario": "coopgame.io._scenario",
    "ScenarioError": "coopgame.io._scenario",
    "school_enterprise_game": "coopgame.models",
    "school_enterprise_government_game": "coopgame.models",
    "preset": "coopgame.models",
    "PRESETS": "coopgame.models",
    "critical_discount": "coopgame.repeated",
    "required_instrument": "coopgame.repeated",
    "subgame_perfect_payoffs": "coopgame.repeated",
    "finite_horizon": "coopgame.repeated",
    "simulate_repeated": "coopgame.repeated:simulate",
    "folk_geometry": "coopgame.repeated",
    "plot_payoff_sets": "coopgame.repeated",
    "RepeatedGameError": "coopgame.repeated",
    "threshold": "coopgame.design",
    "region": "coopgame.design",
    "cheapest_policy": "coopgame.design",
    "comparative_statics": "coopgame.design",
    "Threshold": "coopgame.design",
    "BargainingError": "coopgame.bargaining",
    "split_surplus": "coopgame.bargaining",
    "bargaining_solution": "coopgame.bargaining",
    "game_bargaining": "coopgame.bargaining",
    "rubinstein": "coopgame.bargaining",
    "rubinstein_limit": "coopgame.bargaining",
    "bargained_sharing": "coopgame.bargaining",
    "self_enforcing_subsidy": "coopgame.bargaining",
    "CoalitionGame": "coopgame.coalition",
    "CoalitionError": "coopgame.coalition",
    "shapley_value": "coopgame.coalition",
    "banzhaf_value": "coopgame.coalition",
    "core": "coopgame.coalition",
    "nucleolus": "coopgame.coalition",
    "EvolutionError": "coopgame.evolution._dynamics",
    "replicator_equations": "coopgame.evolution._dynamics",
    "replicator_field": "coopgame.evolution._dynamics",
    "symmetric_replicator": "coopgame.evolution._dynamics",
    "best_response_field": "coopgame.evolution._dynamics",
    "logit_field": "coopgame.evolution._dynamics",
    "RestPoint": "coopgame.evolution._rest_points",
    "rest_points": "coopgame.evolution._rest_points",
    "stability_conditions": "coopgame.evolution._rest_points",
    "stability_table": "coopgame.evolution._rest_points",
    "stability_table_latex": "coopgame.evolution._rest_points",
    "is_ess": "coopgame.evolution._ess",
    "is_neutrally_stable": "coopgame.evolution._ess",
    "evolutionarily_stable_strategies": "coopgame.evolution._ess",
    "integrate_batch": "coopgame.evolution._simulate",
    "basins": "coopgame.evolution._simulate",
    "phase_portrait": "coopgame.evolution._plot",
    "evolution_section": "coopgame.evolution.section",
    "simulate_evolution": "coopgame.evolution._simulate:simulate",
    "SweepResult": "coopgame.sweep._engine",
    "SweepError": "coopgame.sweep._engine",
    "monte_carlo": "coopgame.sweep._uncertainty",
    "sensitivity": "coopgame.sweep._uncertainty",
    "region_map": "coopgame.sweep._plot",
}

__all__ = ["__version__", *_EXPORTS]


# "module:attribute" exports a name under another public name (avoids clashes between modules)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())


if TYPE_CHECKING:
    from coopgame.bargaining import (
        BargainingError,
        bargained_sharing,
        bargaining_solution,
        game_bargaining,
        rubinstein,
        rubinstein_limit,
        self_enforcing_subsidy,
        split_surplus,
    )
    from coopgame.coalition import (
        CoalitionError,
        CoalitionGame,
        banzhaf_value,
        core,
        nucleolus,
        shapley_value,
    )
    from coopgame.design import Threshold, cheapest_policy, comparative_statics, region, threshold
    from coopgame.equilibria import (
        Component,
        Equilibrium,
        NashResult,
        NashSubset,
        ProfileError,
        is_nash,
        nash_equilibria,
        regret,
    )
    from coopgame.equilibria._dominance import eliminate_dominated
    from coopgame.equilibria._lemke_howson import lemke_howson
    from coopgame.equilibria._polynomial import polynomial_enumeration
    from coopgame.equilibria._pure import pure_equilibria
    from coopgame.equilibria._support import support_enumeration
    from coopgame.equilibria._symbolic import equilibrium_conditions
    from coopgame.equilibria._vertex import vertex_enumeration
    from coopgame.equilibria._zero_sum import game_value, zero_sum_lp
    from coopgame.evolution._dynamics import (
        EvolutionError,
        best_response_field,
        logit_field,
        replicator_equations,
        replicator_field,
        symmetric_replicator,
    )
    from coopgame.evolution._ess import (
        evolutionarily_stable_strategies,
        is_ess,
        is_neutrally_stable,
    )
    from coopgame.evolution._plot import phase_portrait
    from coopgame.evolution._rest_points import (
        RestPoint,
        rest_points,
        stability_conditions,
        stability_table,
        stability_table_latex,
    )
    from coopgame.evolution._simulate import basins, integrate_batch
    from coopgame.evolution._simulate import simulate as simulate_evolution
    from coopgame.evolution.section import evolution_section
    from coopgame.game import Game, GameError
    from coopgame.io._nfg import NfgError, read_nfg, write_nfg
    from coopgame.io._scenario import Scenario, ScenarioError, load_scenario
    from coopgame.models import (
        PRESETS,
        preset,
        school_enterprise_game,
        school_enterprise_government_game,
    )
    from coopgame.policy import (
        CostShare,
        Modification,
        Penalty,
        Policy,
        PolicyError,
        Subsidy,
        TaxIncentive,
        Transfer,
    )
    from coopgame.repeated import (
        RepeatedGameError,
        critical_discount,
        finite_horizon,
        folk_geometry,
        plot_payoff_sets,
        required_instrument,
        subgame_perfect_payoffs,
    )
    from coopgame.repeated import simulate as simulate_repeated
    from coopgame.sweep._engine import SweepError, SweepResult
    from coopgame.sweep._plot import region_map
    from coopgame.sweep._uncertainty import monte_carlo, sensitivity
