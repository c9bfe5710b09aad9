"""The ``repeated`` section of ``coopgame analyze``: critical deltas and the policy needed.

A pure function of the stage game and the scenario's ``[analysis]`` table, so the
report and scenario code only have to call it and place the result.

Scenario syntax (all keys optional)::

    [analysis]
    target = ["Cooperate", "Cooperate"]
    repeated = { delta = "0.8", punishments = ["nash", "minmax"], instruments = ["S_e"] }
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopgame.game import Game
from coopgame.numbers import format_number
from coopgame.repeated._common import RepeatedGameError, as_target, discount_factor, profile_names
from coopgame.repeated._discount import (
    PUNISHMENTS,
    STRATEGIES,
    critical_discount,
    required_instrument,
)

__all__ = ["repeated_section"]

_KEYS = {"delta", "punishments", "strategies", "targets", "instruments"}


def _names_list(value: Any, key: str, allowed: tuple[str, ...] | None = None) -> list[str]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        raise RepeatedGameError(f"{key}: expected a list of names, got {value!r}")
    if allowed is not None:
        for v in value:
            if v not in allowed:
                raise RepeatedGameError(f"{key}: unknown value {v!r}; choose from {', '.join(allowed)}")
    return list(value)


def _settings(analysis: Mapping[str, Any], game: Game) -> dict[str, Any]:
    raw = analysis.get("repeated", {})
    if not isinstance(raw, Mapping):
        raise RepeatedGameError(f"analysis.repeated: expected a table, e.g. {{delta = 0.8}}, got {raw!r}")
    extra = sorted(set(raw) - _KEYS)
    if extra:
        raise RepeatedGameError(f"analysis.repeated.{extra[0]}: unknown key; keys are {', '.join(sorted(_KEYS))}")
    delta = discount_factor(raw["delta"], "analysis.repeated.delta") if "delta" in raw else None
    default_target = analysis.get("target", [s[0] for s in game.strategies])
    targets = raw.get("targets", [default_target])
    if not isinstance(targets, (list, tuple)) or not targets:
        raise RepeatedGameError(f"analysis.repeated.targets: expected a list of profiles, got {targets!r}")
    default_instruments = [t.get("parameter") for t in analysis.get("thresholds", []) if isinstance(t, Mapping)]
    return {
        "delta": delta,
        "punishments": _names_list(raw.get("punishments", list(PUNISHMENTS)), "analysis.repeated.punishments",
                                   PUNISHMENTS),
        "strategies": _names_list(raw.get("strategies", ["grim"]), "analysis.repeated.strategies", STRATEGIES),
        "targets": [as_target(game, tuple(t) if isinstance(t, list) else t) for t in targets],
        "raw_targets": [tuple(t) if isinstance(t, list) else t for t in targets],
        "instruments": _names_list(raw.get("instruments", list(dict.fromkeys(p for p in default_instruments if p))),
                                   "analysis.repeated.instruments"),
    }


def repeated_section(
    game: Game,
    scenario_analysis: Mapping[str, Any],
    *,
    symbolic_game: Game | None = None,
    parameters: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The JSON-ready ``repeated`` section of an analysis report.

    Parameters
    ----------
    game
        The numeric stage game (policy applied, parameters substituted).
    scenario_analysis
        The scenario's ``[analysis]`` table; its ``repeated`` table may set ``delta``,
        ``punishments`` (default both), ``strategies`` (default ``["grim"]``), ``targets``
        (default the analysis target) and ``instruments`` (default the thresholds' parameters).
    symbolic_game, parameters
        The game with the parameters still symbols, and their values: needed for the
        instrument level at ``delta`` (every parameter but the instrument is substituted).

    Returns
    -------
    dict
        ``delta``, ``critical_discount`` (one entry per target, strategy and punishment),
        ``instrument_needed`` (one entry per target and instrument, when ``delta`` is set).

    Raises
    ------
    RepeatedGameError
        A malformed ``repeated`` table (the message names the key), e.g. delta outside (0, 1).

    Examples
    --------
    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> section = repeated_section(pd, {"target": ["C", "C"], "repeated": {"delta": "0.6"}})
    >>> [(e["punishment"], e["delta"], e["sustained_at_delta"]) for e in section["critical_discount"]]
    [('nash', '1/2', True), ('minmax', '1/2', True)]
    """
    settings = _settings(scenario_analysis, game)
    delta = settings["delta"]
    entries = []
    for raw_target, target in zip(settings["raw_targets"], settings["targets"]):
        label = list(profile_names(game, target[0][0])) if len(target) == 1 else str(raw_target)
        for strategy in settings["strategies"]:
            for punishment in settings["punishments"] if strategy == "grim" else ["nash"]:
                entry: dict[str, Any] = {"target": label, "strategy": strategy, "punishment": punishment}
                try:
                    result = critical_discount(game, raw_target, punishment, strategy)
                except RepeatedGameError as exc:
                    entry["error"] = str(exc)
                    entries.append(entry)
                    continue
                entry.update(result.to_dict())
                if strategy == "tit_for_tat":
                    entry["punishment"] = "tit_for_tat"
                if delta is not None:
                    entry["sustained_at_delta"] = result.sustains(delta)
                entries.append(entry)
    needed = []
    if delta is not None and symbolic_game is not None and settings["instruments"]:
        values = dict(parameters or {})
        for instrument in settings["instruments"]:
            from coopgame.policy import substitute

            fixed = substitute(symbolic_game, {k: v for k, v in values.items() if k != instrument})
            for raw_target in settings["raw_targets"]:
                item: dict[str, Any] = {"parameter": instrument, "target": list(raw_target)
                                        if isinstance(raw_target, tuple) else str(raw_target)}
                try:
                    level = required_instrument(fixed, instrument, raw_target, delta)
                    item.update(level.to_dict())
                except RepeatedGameError as exc:
                    item["error"] = str(exc)
                needed.append(item)
    return {"delta": None if delta is None else format_number(delta, True),
            "critical_discount": entries, "instrument_needed": needed}
