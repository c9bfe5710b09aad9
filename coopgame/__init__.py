"""coopgame: game-theoretic models of school-enterprise cooperation.

Games with float, exact or symbolic payoffs; every Nash equilibrium with a
certificate; policy instruments as payoff modifiers. Public names are loaded on
first use so that ``import coopgame`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name -> module that defines it
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
    "polynomial_enumeration": "coopgame.equilibria.polynomial",
    "eliminate_dominated": "coopgame.equilibria.dominance",
    "equilibrium_conditions": "coopgame.equilibria.symbolic",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'coopgame' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
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
    from coopgame.equilibria.zero_sum import zero_sum_lp
    from coopgame.game import Game, GameError
    from coopgame.io.nfg import NfgError, read_nfg, write_nfg
