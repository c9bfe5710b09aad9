"""The one registry of analyses, read by the report, the sweep, scenario validation and the CLI
help.

The modules of :mod:`coopgame.analyses` are discovered (every public module of the
package is imported once, on first use, and registers its analyses); code elsewhere
calls :func:`register`; installed plugins declare an entry point in the group
``coopgame.analyses`` whose object is an :class:`Analysis` class or instance.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from typing import Any

from coopgame.analyses._base import Analysis, AnalysisError, AnalysisOptionsError, Setup

__all__ = [
    "ENTRY_POINT_GROUP",
    "SCENARIO_KEYS",
    "analyses",
    "get",
    "names",
    "plan",
    "register",
    "unregister",
    "help_text",
]

#: The entry-point group of plugin analyses.
ENTRY_POINT_GROUP = "coopgame.analyses"
#: ``[analysis]`` keys that belong to no single analysis.
SCENARIO_KEYS = ("target",)

_REGISTRY: dict[str, Analysis] = {}
_ARRIVAL: dict[str, int] = {}
_discovered = False


def register(analysis: Analysis | type[Analysis], *, replace: bool = False) -> Analysis:
    """Add an analysis to the registry (an instance, or a class: it is instantiated); returns it.

    Usable as a class decorator. A second analysis with the same name is an error unless
    ``replace=True``.

    Examples
    --------
    >>> from coopgame.analyses import Analysis, get, register, unregister
    >>> @register
    ... class Payoff00(Analysis):
    ...     name = "payoff00"
    ...     summary = "the first player's payoff in the first cell"
    ...     def columns(self, game, context):
    ...         return {"payoff00": "float"}
    ...     def row(self, game, context):
    ...         return {"payoff00": float(game.payoffs.flat[0])}
    >>> get("payoff00").in_sweep, get("payoff00").in_report
    (True, False)
    >>> unregister("payoff00")
    """
    instance = analysis() if isinstance(analysis, type) else analysis
    if (
        not isinstance(instance, Analysis)
        or not instance.name
        or not isinstance(instance.name, str)
    ):
        raise AnalysisError(f"register() takes an Analysis with a name, got {analysis!r}")
    if instance.name in SCENARIO_KEYS:
        raise AnalysisError(
            f"{instance.name!r} is an [analysis] key of its own; choose another name"
        )
    _discover()
    if (
        instance.name in _REGISTRY
        and not replace
        and type(_REGISTRY[instance.name]) is not type(instance)
    ):
        raise AnalysisError(
            f"an analysis named {instance.name!r} is already registered "
            f"({type(_REGISTRY[instance.name]).__qualname__}); pass replace=True to replace it"
        )
    _ARRIVAL.setdefault(instance.name, len(_ARRIVAL))
    _REGISTRY[instance.name] = instance
    return analysis  # type: ignore[return-value]  # a decorator returns what it decorates


def unregister(name: str) -> None:
    """Remove an analysis from the registry (e.g. after a test)."""
    _REGISTRY.pop(name, None)
    _ARRIVAL.pop(name, None)


def _discover() -> None:
    global _discovered
    if _discovered:
        return
    _discovered = True
    import coopgame.analyses as package

    for module in pkgutil.iter_modules(package.__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{package.__name__}.{module.name}")
    _load_entry_points()


def _load_entry_points() -> None:
    from importlib.metadata import entry_points

    for point in entry_points(group=ENTRY_POINT_GROUP):
        register(point.load(), replace=True)


def analyses() -> list[Analysis]:
    """Every registered analysis, in report order (``order``, then registration).

    Examples
    --------
    >>> [a.name for a in analyses() if a.in_report]
    ['equilibria', 'thresholds', 'repeated', 'evolution', 'bargaining', 'allocation']
    >>> [a.name for a in analyses() if a.in_sweep]
    ['equilibria', 'thresholds', 'repeated', 'stability', 'bargaining']
    """
    _discover()
    return sorted(_REGISTRY.values(), key=lambda a: (a.order, _ARRIVAL[a.name]))


def names(*, report: bool = False, sweep: bool = False) -> tuple[str, ...]:
    """The names of the registered analyses (only those in the report / in sweeps when asked)."""
    return tuple(
        a.name for a in analyses() if (not report or a.in_report) and (not sweep or a.in_sweep)
    )


def get(name: str) -> Analysis:
    """The analysis called ``name``; an :class:`AnalysisError` naming the known ones otherwise."""
    _discover()
    try:
        return _REGISTRY[name]
    except KeyError:
        raise AnalysisError(
            f"unknown analysis {name!r}; analyses are {', '.join(names())}"
        ) from None


def plan(
    table: Mapping[str, Any], setup: Setup, *, only: tuple[str, ...] | None = None
) -> dict[str, Any]:
    """The analyses an ``[analysis]`` table switches on, each with its parsed options.

    ``<name> = false`` switches an analysis off; ``true`` or no entry keeps its defaults; a
    table (an array for ``thresholds``) sets its options. Unknown keys and bad options raise
    :class:`AnalysisOptionsError` naming the key. ``only`` limits the result to those names.

    Examples
    --------
    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> chosen = plan({"evolution": False, "repeated": {"delta": "0.9"}}, Setup(pd))
    >>> "evolution" in chosen, chosen["repeated"].delta
    (False, Fraction(9, 10))
    >>> plan({"evolution": {"starts": -1}}, Setup(pd))
    Traceback (most recent call last):
    ...
    coopgame.analyses._base.AnalysisOptionsError: analysis.evolution.starts: must be at least 0, got
    -1
    """
    known = names()
    unknown = sorted(k for k in table if k not in known and k not in SCENARIO_KEYS)
    if unknown:
        raise AnalysisOptionsError(f"analysis.{unknown[0]}: unknown key; keys are "
                                   f"{', '.join(sorted((*SCENARIO_KEYS, *known)))}")
    chosen: dict[str, Any] = {}
    for analysis in analyses():
        if only is not None and analysis.name not in only:
            continue
        raw = table.get(analysis.name)
        if raw is False:
            continue
        chosen[analysis.name] = analysis.parse_options(None if raw is True else raw, setup)
    return chosen


def help_text(*, report: bool = False, sweep: bool = False) -> str:
    """``name: summary; ...`` for the command-line help, generated from the registry.

    Examples
    --------
    >>> help_text(sweep=True).split("; ")[0]
    'equilibria: Nash equilibria, Pareto efficiency, is the target an equilibrium'
    """
    return "; ".join(
        f"{a.name}: {a.summary}" if a.summary else a.name
        for a in analyses()
        if (not report or a.in_report) and (not sweep or a.in_sweep)
    )
