"""Reading and writing games: Gambit ``.nfg`` files and TOML scenarios.

Every public name is importable from here (``from coopgame.io import read_nfg``); the
implementation modules are private and imported on use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coopgame._lazy import lazy_exports

_EXPORTS: dict[str, str] = {
    "read_nfg": "coopgame.io._nfg",
    "write_nfg": "coopgame.io._nfg",
    "parse_nfg": "coopgame.io._nfg",
    "format_nfg": "coopgame.io._nfg",
    "NfgError": "coopgame.io._nfg",
    "load_scenario": "coopgame.io._scenario",
    "parse_scenario": "coopgame.io._scenario",
    "Scenario": "coopgame.io._scenario",
    "ScenarioError": "coopgame.io._scenario",
    "ThresholdRequest": "coopgame.io._scenario",
}

__all__ = [
    "read_nfg",
    "write_nfg",
    "parse_nfg",
    "format_nfg",
    "NfgError",
    "load_scenario",
    "parse_scenario",
    "Scenario",
    "ScenarioError",
    "ThresholdRequest",
]

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())

if TYPE_CHECKING:
    from coopgame.io._nfg import NfgError, format_nfg, parse_nfg, read_nfg, write_nfg
    from coopgame.io._scenario import (
        Scenario,
        ScenarioError,
        ThresholdRequest,
        load_scenario,
        parse_scenario,
    )
