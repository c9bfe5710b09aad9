"""The analyses: one module each, one registry read by the report, the sweep, scenarios and the CLI.

Each module of this package defines an :class:`Analysis` and registers it: its options (a
typed, frozen dataclass parsed from the scenario's ``[analysis] <name>`` table, errors naming
the key), ``run(game, context)`` returning an immutable result with ``to_dict()`` (the report's
section), its rendering, and its sweep columns (known before anything is computed) and values.

* ``coopgame analyze`` (:func:`coopgame.report.build_report`) runs every analysis that has a
  report section and is not switched off (``[analysis] evolution = false``);
* :func:`coopgame.sweep.sweep` runs the named analyses that give columns;
* :func:`coopgame.io._scenario.load_scenario` checks every ``[analysis]`` entry with
  :func:`plan`;
* ``coopgame analyze --help`` and ``coopgame sweep --help`` list the registry.

Adding an analysis means adding a module here (it is discovered), or calling
:func:`register` from anywhere, or declaring an entry point in the group
``coopgame.analyses``. See ``docs/architecture.md``.

Option parsers for ``Options`` fields (``option(default, parser)``): :func:`discount`,
:func:`exact_number`, :func:`integer`, :func:`name_list`, :func:`numbers`, :func:`one_of`,
:func:`positive_real`.

Examples
--------
>>> from coopgame import Game
>>> get("repeated").parse_options({"delta": "0.8"}, Setup(Game.bimatrix([[1]], [[1]]))).delta
Fraction(4, 5)
"""

from __future__ import annotations

from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    AnalysisError,
    AnalysisOptionsError,
    ColumnKind,
    NoOptions,
    Renderer,
    Setup,
    discount,
    exact_number,
    integer,
    name_list,
    numbers,
    one_of,
    option,
    positive_real,
)
from coopgame.analyses._registry import (
    ENTRY_POINT_GROUP,
    SCENARIO_KEYS,
    analyses,
    get,
    help_text,
    names,
    plan,
    register,
    unregister,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "SCENARIO_KEYS",
    "Analysis",
    "AnalysisContext",
    "AnalysisError",
    "AnalysisOptionsError",
    "ColumnKind",
    "NoOptions",
    "Renderer",
    "Setup",
    "analyses",
    "discount",
    "exact_number",
    "get",
    "help_text",
    "integer",
    "name_list",
    "names",
    "numbers",
    "one_of",
    "option",
    "positive_real",
    "plan",
    "register",
    "unregister",
]
