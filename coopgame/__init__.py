"""coopgame: game-theoretic models of school-enterprise cooperation.

Games with float, exact or symbolic payoffs; every Nash equilibrium with a
certificate; policy instruments as payoff modifiers.

The top level holds the core: :class:`Game`, :func:`nash_equilibria`, the Gambit
``.nfg`` reader and writer, :class:`Policy` and its instruments, scenarios, and the
errors (all :class:`CoopgameError`). Each family has its own namespace, from which all
its public names import: :mod:`coopgame.equilibria`, :mod:`coopgame.repeated`,
:mod:`coopgame.evolution`, :mod:`coopgame.bargaining`, :mod:`coopgame.coalition`,
:mod:`coopgame.design`, :mod:`coopgame.sweep`, :mod:`coopgame.models`,
:mod:`coopgame.analyses`, :mod:`coopgame.io`. Names load on first use so that
``import coopgame`` stays fast.

Examples
--------
>>> import coopgame
>>> from coopgame.equilibria import vertex_enumeration
>>> len(vertex_enumeration(coopgame.Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])))
3
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopgame._lazy import lazy_exports

__version__ = "0.1.0"

# public name -> module that defines it
_EXPORTS: dict[str, str] = {
    "Game": "coopgame.game",
    "nash_equilibria": "coopgame.equilibria",
    "NashResult": "coopgame.equilibria",
    "Equilibrium": "coopgame.equilibria",
    "read_nfg": "coopgame.io",
    "write_nfg": "coopgame.io",
    "load_scenario": "coopgame.io",
    "Scenario": "coopgame.io",
    "Policy": "coopgame.policy",
    "Subsidy": "coopgame.policy",
    "TaxIncentive": "coopgame.policy",
    "Penalty": "coopgame.policy",
    "Transfer": "coopgame.policy",
    "CostShare": "coopgame.policy",
    "CoopgameError": "coopgame.errors",
    "GameError": "coopgame.game",
    "PolicyError": "coopgame.policy",
    "ProfileError": "coopgame.equilibria",
    "CertificateError": "coopgame.equilibria",
    "NfgError": "coopgame.io",
    "ScenarioError": "coopgame.io",
}

__all__ = ["__version__", *_EXPORTS]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())


if TYPE_CHECKING:
    from coopgame.equilibria import (
        CertificateError,
        Equilibrium,
        NashResult,
        ProfileError,
        nash_equilibria,
    )
    from coopgame.errors import CoopgameError
    from coopgame.game import Game, GameError
    from coopgame.io import NfgError, Scenario, ScenarioError, load_scenario, read_nfg, write_nfg
    from coopgame.policy import (
        CostShare,
        Penalty,
        Policy,
        PolicyError,
        Subsidy,
        TaxIncentive,
        Transfer,
    )
