"""The ``repeated`` analysis: critical discount factors of the target and the instrument level
needed.

Scenario syntax: ``[analysis] repeated = { delta = "0.8", punishments = ["nash", "minmax"],
strategies = ["grim"], targets = [[...]], instruments = ["S_e"] }`` (all keys optional;
``instruments`` defaults to the thresholds' parameters), or ``repeated = false``.
Report: :func:`compute` (a :class:`RepeatedResult`). Sweep: ``delta_star`` (float) and, when
a discount factor is known, ``sustainable`` (bool); see :func:`coopgame._sweep_rows.repeated`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from coopgame._format import json_number
from coopgame.analyses._base import (
    Analysis,
    AnalysisContext,
    AnalysisOptionsError,
    ColumnKind,
    Setup,
    discount,
    name_list,
    option,
)
from coopgame.analyses._registry import register
from coopgame.game import Game, GameError

if TYPE_CHECKING:
    from coopgame.repeated import CriticalDiscount, InstrumentLevel

__all__ = [
    "CriticalDiscountEntry",
    "InstrumentNeeded",
    "Repeated",
    "RepeatedOptions",
    "RepeatedResult",
    "compute",
]

_PUNISHMENTS = ("nash", "minmax")
_STRATEGIES = ("grim", "tit_for_tat")


def _targets(value: Any, key: str, setup: Setup) -> tuple[Any, ...]:
    if isinstance(value, str) or not isinstance(value, (list, tuple)) or not value:
        raise AnalysisOptionsError(f"{key}: expected a list of profiles, got {value!r}")
    targets = []
    for k, target in enumerate(value):
        if isinstance(target, list):
            try:
                setup.game.profile_index(target)
            except (ValueError, TypeError, KeyError) as exc:
                raise AnalysisOptionsError(f"{key}[{k}]: {exc}") from None
            target = tuple(target)
        targets.append(target)
    return tuple(targets)


def _instruments(value: Any, key: str, setup: Setup) -> tuple[str, ...]:
    found: tuple[str, ...] = name_list()(value, key, setup)
    return found


@dataclass(frozen=True)
class RepeatedOptions:
    """``[analysis] repeated``: the discount factor, punishments, strategies, targets and
    instruments.

    ``targets`` empty means the analysis target; ``instruments`` ``None`` means the thresholds'
    parameters.
    """

    delta: Any = option(None, discount)
    punishments: tuple[str, ...] = option(_PUNISHMENTS, name_list(_PUNISHMENTS))
    strategies: tuple[str, ...] = option(("grim",), name_list(_STRATEGIES))
    targets: tuple[Any, ...] = option((), _targets)
    instruments: tuple[str, ...] | None = option(None, _instruments)


@dataclass(frozen=True)
class CriticalDiscountEntry:
    """The critical discount factor of one target under one strategy and punishment.

    ``punishment`` is the one asked for (``"nash"`` for tit-for-tat); the result says which was
    used.

    ``result`` is None when the method does not apply; ``error`` then says why.
    ``sustained_at_delta`` is None when the scenario gives no discount factor.
    """

    target: Any
    strategy: str
    punishment: str
    result: CriticalDiscount | None = None
    error: str | None = None
    sustained_at_delta: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (exact numbers as strings)."""
        record: dict[str, Any] = {
            "target": self.target,
            "strategy": self.strategy,
            "punishment": self.punishment,
        }
        if self.result is None:
            record["error"] = self.error
            return record
        record.update(self.result.to_dict())
        if self.strategy == "tit_for_tat":
            record["punishment"] = "tit_for_tat"  # its own punishment
        if self.sustained_at_delta is not None:
            record["sustained_at_delta"] = self.sustained_at_delta
        return record


@dataclass(frozen=True)
class InstrumentNeeded:
    """The smallest level of an instrument that sustains a target at the scenario's delta."""

    parameter: str
    target: Any
    level: InstrumentLevel | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (exact numbers as strings)."""
        record: dict[str, Any] = {"parameter": self.parameter, "target": self.target}
        if self.level is None:
            record["error"] = self.error
        else:
            record.update(self.level.to_dict())
        return record


@dataclass(frozen=True)
class RepeatedResult:
    """The ``repeated`` section: critical discount factors and the instrument levels needed.

    Attributes
    ----------
    delta
        The scenario's discount factor (exact), or None.
    critical_discount
        One entry per target, strategy and punishment.
    instrument_needed
        One entry per instrument and target (only when ``delta`` and a symbolic game are known).
    """

    delta: Any
    critical_discount: tuple[CriticalDiscountEntry, ...]
    instrument_needed: tuple[InstrumentNeeded, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the report's section."""
        return {"delta": None if self.delta is None else json_number(self.delta, exact=True),
                "critical_discount": [e.to_dict() for e in self.critical_discount],
                "instrument_needed": [e.to_dict() for e in self.instrument_needed]}


def _label(game: Game, target: Any) -> Any:
    """A target as the report shows it: strategy names of a pure profile, else its text."""
    if isinstance(target, Mapping):
        return str(target)
    try:
        index = game.profile_index(target)
    except (GameError, ValueError, TypeError, KeyError):
        return str(target)
    return [names[k] for names, k in zip(game.strategies, index)]


def _critical_discounts(game: Game, options: RepeatedOptions, targets: tuple[Any, ...]
                        ) -> tuple[CriticalDiscountEntry, ...]:
    from coopgame.repeated import RepeatedGameError, critical_discount

    entries = []
    for target in targets:
        label = _label(game, target)
        for strategy in options.strategies:
            for punishment in options.punishments if strategy == "grim" else ("nash",):
                try:
                    result = critical_discount(game, target, punishment, strategy)
                except RepeatedGameError as exc:
                    entries.append(
                        CriticalDiscountEntry(label, strategy, punishment, error=str(exc))
                    )
                    continue
                sustained = None if options.delta is None else result.sustains(options.delta)
                entries.append(
                    CriticalDiscountEntry(label, strategy, punishment, result, None, sustained)
                )
    return tuple(entries)


def _instruments_needed(options: RepeatedOptions, targets: tuple[Any, ...], symbolic_game: Game,
                        values: Mapping[str, Any]) -> tuple[InstrumentNeeded, ...]:
    from coopgame.policy import substitute
    from coopgame.repeated import RepeatedGameError, required_instrument

    needed = []
    for instrument in options.instruments or ():
        fixed = substitute(symbolic_game, {k: v for k, v in values.items() if k != instrument})
        for target in targets:
            shown = list(target) if isinstance(target, tuple) else str(target)
            try:
                level = required_instrument(fixed, instrument, target, options.delta)
            except RepeatedGameError as exc:
                needed.append(InstrumentNeeded(instrument, shown, error=str(exc)))
                continue
            needed.append(InstrumentNeeded(instrument, shown, level))
    return tuple(needed)


def compute(
    game: Game,
    options: RepeatedOptions,
    target: tuple[str, ...] = (),
    *,
    symbolic_game: Game | None = None,
    values: Mapping[str, Any] | None = None,
) -> RepeatedResult:
    """The ``repeated`` section: critical discount factors of the targets, and the policy needed.

    Parameters
    ----------
    game
        The numeric stage game (policy applied, parameters substituted).
    options
        The parsed ``[analysis] repeated`` options; targets default to ``target`` (else
        every player's first strategy).
    symbolic_game, values
        The game with the parameters still symbols, and their values: needed for the
        instrument level at ``delta`` (every parameter but the instrument is substituted).

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> result = compute(pd, RepeatedOptions(delta=discount("0.6", "delta")), ("C", "C"))
    >>> [(e.punishment, e.result.delta, e.sustained_at_delta) for e in result.critical_discount]
    [('nash', Fraction(1, 2), True), ('minmax', Fraction(1, 2), True)]
    >>> result.to_dict()["delta"]
    '3/5'
    """
    default = tuple(target) or tuple(s[0] for s in game.strategies)
    targets = options.targets or (default,)
    needed: tuple[InstrumentNeeded, ...] = ()
    if options.delta is not None and symbolic_game is not None and options.instruments:
        needed = _instruments_needed(options, targets, symbolic_game, values or {})
    return RepeatedResult(options.delta, _critical_discounts(game, options, targets), needed)


class Repeated(Analysis):
    """Grim-trigger (and tit-for-tat) critical discount factors of the target, and the policy
    needed.
    """

    name = "repeated"
    summary = "critical discount factor of the target; sustainable at delta"
    order = 30
    Options = RepeatedOptions
    fast_shapes = frozenset({(2, 2)})

    def parse_options(self, raw: Any, setup: Setup) -> RepeatedOptions:
        options: RepeatedOptions = super().parse_options(raw, setup)
        if options.instruments is None:
            # by default, the instruments whose thresholds the scenario asks for
            thresholds = setup.table.get("thresholds", [])
            found = [t.get("parameter") for t in thresholds if isinstance(t, Mapping)] \
                if isinstance(thresholds, list) else []
            options = RepeatedOptions(
                options.delta,
                options.punishments,
                options.strategies,
                options.targets,
                tuple(dict.fromkeys(p for p in found if isinstance(p, str))),
            )
        return options

    def run(self, game: Game, context: AnalysisContext) -> RepeatedResult:
        return compute(
            game,
            self.options_in(context),
            context.target,
            symbolic_game=context.symbolic_game,
            values=context.values,
        )

    def columns(self, game: Game, context: AnalysisContext) -> dict[str, ColumnKind]:
        columns: dict[str, ColumnKind] = {"delta_star": "float"}
        if context.delta is not None:
            columns["sustainable"] = "bool"
        return columns

    def row(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
        from coopgame._sweep_rows import repeated

        return repeated(game, context)


register(Repeated)
