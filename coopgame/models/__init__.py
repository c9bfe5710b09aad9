"""Domain models: the school-enterprise game, the school-enterprise-government game, their presets,
and the bridge from bargaining to them.

Both are built from named parameters (numbers, ``"p/q"`` strings or sympy
symbols; by default every parameter is a symbol of its own name), so the same
function gives the symbolic model for threshold analysis and a numeric game for
equilibrium computation. Policy instruments are applied with
:class:`coopgame.policy.Policy`, so the game's ``modifications`` say which instrument
changed which cell (see ``docs/guide/school-enterprise-model.md``).

Parameters of the two-player model (School x Enterprise, each "Cooperate" or "Shirk"):

=========  ==================================================================
``R``      surplus of a successful joint project (talent, products, research)
``p``      probability that a joint project delivers (the "unfinished results" risk);
           the expected surplus of mutual cooperation is ``p*R``
``a``      benefit-sharing coefficient: the School's share of the surplus
``C_s``    the School's cost of cooperating (teachers' workload beside teaching
           and vertical research)
``C_e``    the Enterprise's cost of cooperating (money, equipment, mentors)
``B_s``    the School's free-riding gain when it shirks and the Enterprise cooperates
``B_e``    the Enterprise's free-riding gain when it shirks and the School cooperates
           (poaching trained students without paying for the training)
``m``      market pressure: what an Enterprise loses when it shirks (competitors
           that cooperate hire the trained talent)
``S_s``    government subsidy to a cooperating School
``S_e``    government subsidy to a cooperating Enterprise
``tau``    tax incentive: rate of super-deduction of ``C_e`` for a cooperating Enterprise
``F``      contract penalty (liquidated damages) paid by the side that shirks to the
           side that cooperates
``r``      policy reach in [0, 1]: the share of subsidies and tax incentives that
           actually arrives
=========  ==================================================================

The three-player model adds the Government ("Support" or "Laissez-faire") with
``G`` (its benefit from mutual cooperation), ``C_g`` (its supervision cost when it
supports) and ``F_g`` (a regulatory fine it levies, under Support, on a side that
shirks). Subsidies and tax incentives are paid only under Support, by the Government.

The bridge to bargaining: :func:`bargained_sharing` (the coefficient ``a`` that Nash
bargaining predicts), :func:`sharing_range` (the ``a`` that make mutual cooperation an
equilibrium) and :func:`self_enforcing_subsidy` (the cheapest subsidy that makes the
bargained split self-enforcing).

References
----------
The payoff structure is the standard one of school-enterprise (industry-education)
cooperation games in the literature: a cooperative surplus shared by a coefficient,
cooperation costs, free-riding gains and contract penalties, with government
subsidies, tax incentives and fines as payoff modifiers; see e.g. Friedman, D.
(1991), Econometrica 59(3), 637-666, for the game form.
"""

from __future__ import annotations

from coopgame.models._bridge import (
    SelfEnforcingSubsidy,
    SubsidyLevel,
    bargained_sharing,
    self_enforcing_subsidy,
    sharing_range,
)
from coopgame.models._games import (
    MODELS,
    ModelError,
    school_enterprise_game,
    school_enterprise_government_game,
)
from coopgame.models._parameters import (
    COOPERATE,
    DECLARATIONS,
    GOVERNMENT_PARAMETERS,
    INSTRUMENT_PARAMETERS,
    LAISSEZ_FAIRE,
    PARAMETERS,
    SHIRK,
    SIGN_ASSUMPTIONS,
    SUPPORT,
    Domain,
    Parameter,
    parameter_problem,
)
from coopgame.models._presets import (
    GOVERNMENT_DEFAULTS,
    PRESET_DESCRIPTIONS,
    PRESETS,
    preset,
    preset_parameters,
)

__all__ = [
    "COOPERATE",
    "SHIRK",
    "SUPPORT",
    "LAISSEZ_FAIRE",
    "PARAMETERS",
    "GOVERNMENT_PARAMETERS",
    "DECLARATIONS",
    "Domain",
    "Parameter",
    "parameter_problem",
    "INSTRUMENT_PARAMETERS",
    "SIGN_ASSUMPTIONS",
    "PRESETS",
    "PRESET_DESCRIPTIONS",
    "GOVERNMENT_DEFAULTS",
    "MODELS",
    "ModelError",
    "school_enterprise_game",
    "school_enterprise_government_game",
    "preset",
    "preset_parameters",
    "SelfEnforcingSubsidy",
    "SubsidyLevel",
    "bargained_sharing",
    "sharing_range",
    "self_enforcing_subsidy",
]
