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
    "read_nfg": "coopgame.io.nfg",
    "write_nfg": "coopgame.io.nfg",
    "NfgError": "coopgame.io.nfg",
    "nash_equilibria": "coopgame.equilibria",
    "is_nash": "coopgame.equilibria",
    "regret": "coopgame.equilibria",
    "Equilibrium": "coopgame.equilibria",
    "NashResult": "coopgame.equilibria",
    "Component": "coopgame.equilibria",
    "NashSubset": "coopgame.equilibria",
    "ProfileError": "coopgame.equilibria",
    "pure_equilibria": "coopgame.equilibria.pure",
    "support_enumeration": "coopgame.equilibria.support",
    "vertex_enumeration": "coopgame.equilibria.vertex",
    "lemke_howson": "coopgame.equilibria.lemke_howson",
    "zero_sum_lp": "coopgame.equilibria.zero_sum",
    "game_value": "coopgame.equilibria.zero_sum",
    "polynomial_enumeration": "coopgame.equilibria.polynomial",
    "eliminate_dominated": "coopgame.equilibria.dominance",
    "equilibrium_conditions": "coopgame.equilibria.symbolic",
    "Subsidy": "coopgame.policy",
    "TaxIncentive": "coopgame.policy",
    "Penalty": "coopgame.policy",
    "Transfer": "coopgame.policy",
    "CostShare": "coopgame.policy",
    "Policy": "coopgame.policy",
    "Modification": "coopgame.policy",
    "PolicyError": "coopgame.policy",
    "load_scenario": "coopgame.io.scenario",
    "Scenario": "coopgame.io.scenario",
    "ScenarioError": "coopgame.io.scenario",
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
    "CoalitionGame": "coopgame.coalition",
    "CoalitionError": "coopgame.coalition",
    "shapley_value": "coopgame.coalition",
    "banzhaf_value": "coopgame.coalition",
    "core": "coopgame.coalition",
    "nucleolus": "coopgame.coalition",
    "EvolutionError": "coopgame.evolution.dynamics",
    "replicator_equations": "coopgame.evolution.dynamics",
    "replicator_field": "coopgame.evolution.dynamics",
    "symmetric_replicator": "coopgame.evolution.dynamics",
    "best_response_field": "coopgame.evolution.dynamics",
    "logit_field": "coopgame.evolution.dynamics",
    "RestPoint": "coopgame.evolution.rest_points",
    "rest_points": "coopgame.evolution.rest_points",
    "stability_conditions": "coopgame.evolution.rest_points",
    "stability_table": "coopgame.evolution.rest_points",
    "stability_table_latex": "coopgame.evolution.rest_points",
    "is_ess": "coopgame.evolution.ess",
    "is_neutrally_stable": "coopgame.evolution.ess",
    "evolutionarily_stable_strategies": "coopgame.evolution.ess",
    "integrate_batch": "coopgame.evolution.simulate",
    "basins": "coopgame.evolution.simulate",
    "phase_portrait": "coopgame.evolution.plot",
    "simulate_evolution": "coopgame.evolution.simulate:simulate",
    "SweepResult": "coopgame.sweep.engine",
    "SweepError": "coopgame.sweep.engine",
    "monte_carlo": "coopgame.sweep.uncertainty",
    "sensitivity": "coopgame.sweep.uncertainty",
    "region_map": "coopgame.sweep.plot",
}

__all__ = ["__version__", *_EXPORTS]


# "module:attribute" exports a name under another public name (avoids clashes between modules)
__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())


if TYPE_CHECKING:
    from coopgame.bargaining import (
        BargainingError,
        bargaining_solution,
        game_bargaining,
        rubinstein,
        rubinstein_limit,
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
    from coopgame.equilibria.dominance import eliminate_dominated
    from coopgame.equilibria.lemke_howson import lemke_howson
    from coopgame.equilibria.polynomial import polynomial_enumeration
    from coopgame.equilibria.pure import pure_equilibria
    from coopgame.equilibria.support import support_enumeration
    from coopgame.equilibria.symbolic import equilibrium_conditions
    from coopgame.equilibria.vertex import vertex_enumeration
    from coopgame.equilibria.zero_sum import game_value, zero_sum_lp
    from coopgame.evolution.dynamics import (
        EvolutionError,
        best_response_field,
        logit_field,
        replicator_equations,
        replicator_field,
        symmetric_replicator,
    )
    from coopgame.evolution.ess import evolutionarily_stable_strategies, is_ess, is_neutrally_stable
    from coopgame.evolution.plot import phase_portrait
    from coopgame.evolution.rest_points import (
        RestPoint,
        rest_points,
        stability_conditions,
        stability_table,
        stability_table_latex,
    )
    from coopgame.evolution.simulate import basins, integrate_batch
    from coopgame.evolution.simulate import simulate as simulate_evolution
    from coopgame.game import Game, GameError
    from coopgame.io.nfg import NfgError, read_nfg, write_nfg
    from coopgame.io.scenario import Scenario, ScenarioError, load_scenario
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
    from coopgame.sweep.engine import SweepError, SweepResult
    from coopgame.sweep.plot import region_map
    from coopgame.sweep.uncertainty import monte_carlo, sensitivity
