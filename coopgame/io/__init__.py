"""Reading and writing games: Gambit ``.nfg`` files and TOML scenarios.

Every public name is importable from here (``from coopgame.io import read_nfg``); the
implementation modules are private and imported on use.
"""

from __future__ import annotations

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

__all__ = list(_EXPORTS)

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS, globals())
