"""Scenario files: a game, its parameters, a policy and the analyses, in TOML.

What an economist writes (see ``docs/guide/scenarios.md``)::

    [scenario]
    name = "Subsidy for the enterprise"

    [parameters]
    R = 100
    a = "2/5"
    C_s = 15
    C_e = 25
    S_e = 0

    [game]
    players = ["School", "Enterprise"]
    strategies = [["Cooperate", "Shirk"], ["Cooperate", "Shirk"]]

    [game.payoffs]
    "Cooperate,Cooperate" = ["a*R - C_s", "(1 - a)*R - C_e"]
    "Cooperate,Shirk" = ["-C_s", "0"]
    "Shirk,Cooperate" = ["0", "-C_e"]
    "Shirk,Shirk" = [0, 0]

    [[policy]]
    instrument = "subsidy"
    to = "Enterprise"
    when = { Enterprise = "Cooperate" }
    amount = "S_e"

    [analysis]
    thresholds = [{ parameter = "S_e", target = ["Cooperate", "Cooperate"], condition = "nash" }]

Optional ``[uncertainty]`` (parameter -> distribution, e.g. ``C_e = { distribution =
"uniform", low = 30, high = 60 }``) and ``[policies]`` (name -> parameter values) tables
feed the Monte Carlo and sensitivity analyses of :mod:`coopgame.sweep._uncertainty`.

Instead of ``players``/``strategies``/``payoffs``, ``[game]`` may name a built-in
model (``model = "school_enterprise"``, optionally ``preset = "baseline"``); then
``[parameters]`` overrides the preset's values.

:func:`load_scenario` checks everything before it returns: every mistake raises a
:class:`ScenarioError` naming the key (``policy[1].to: unknown player
'Enterprize'; players are School, Enterprise``) and nothing is half-loaded.

Long because: one TOML schema ([game], [parameters], [[policy]], [analysis], [uncertainty],
[[policies]]) is checked in one place, so every error names its key the same way.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from coopgame._format import type_name
from coopgame.analyses.thresholds import CONDITIONS, ThresholdRequest
from coopgame.errors import CoopgameError
from coopgame.game import Game, GameError
from coopgame.numbers import InvalidNumberError, to_exact
from coopgame.policy import (
    CostShare,
    Instrument,
    Penalty,
    Policy,
    PolicyError,
    Subsidy,
    TaxIncentive,
    Transfer,
    substitute,
)

if TYPE_CHECKING:
    from coopgame.sweep import Distribution

__all__ = [
    "Scenario",
    "ScenarioError",
    "ThresholdRequest",
    "load_scenario",
    "parse_scenario",
    "CONDITIONS",
]

_TOP_KEYS = {"scenario", "parameters", "game", "policy", "analysis", "uncertainty", "policies"}
_GOVERNMENT = "Government"


class ScenarioError(CoopgameError):
    """A scenario file with a mistake; the message starts with the key at fault."""


@dataclass(frozen=True)
class Scenario:
    """A loaded scenario: the base game, the policy, the parameter values and the analyses.

    Attributes
    ----------
    name
        The scenario's name (``[scenario] name``, else the file name).
    game
        The base game, symbolic in the parameters (for a built-in model: the model's
        game, with the model's own instruments already applied).
    policy
        The ``[[policy]]`` instruments.
    parameters
        The parameter values (exact).
    target
        The profile the analyses ask about (default: everyone's first strategy).
    thresholds
        The thresholds ``[analysis]`` asks for.
    analysis
        The raw ``[analysis]`` table.
    model, preset
        The built-in model and preset, when ``[game]`` names one.
    uncertainty
        The ``[uncertainty]`` table: parameter -> distribution
        (:mod:`coopgame.sweep._distributions`), for Monte Carlo and sensitivity analyses.
    policies
        The ``[policies]`` table: policy name -> the parameter values it sets
        (e.g. ``{"subsidy": {"S_e": 10}}``), compared side by side by Monte Carlo.
    """

    name: str
    game: Game
    policy: Policy
    parameters: Mapping[str, Fraction]
    target: tuple[str, ...]
    thresholds: tuple[ThresholdRequest, ...] = ()
    analysis: Mapping[str, Any] = field(default_factory=dict)
    model: str | None = None
    preset: str | None = None
    source: str | None = None
    uncertainty: Mapping[str, Distribution] = field(default_factory=lambda: MappingProxyType({}))
    policies: Mapping[str, Mapping[str, Fraction]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def symbolic_game(self) -> Game:
        """The game with the policy applied and every parameter still a symbol."""
        return self.policy.apply(self.game) if len(self.policy) else self.game

    def value_problem(self, name: str, value: Any) -> str | None:
        """What is wrong with ``value`` for the parameter ``name``, or None.

        A built-in model declares each parameter's domain (a probability in [0, 1], ...);
        a scenario that writes its own game declares none, so nothing is wrong there.

        Examples
        --------
        >>> s = parse_scenario({"game": {"model": "school_enterprise", "preset": "combined"}})
        >>> s.value_problem("p", 2)
        'must be a probability in [0, 1], got 2 (p: probability that a joint project delivers)'
        """
        if self.model is None:
            return None
        from coopgame.models import parameter_problem

        return parameter_problem(name, value)

    def game_with_policy(self, values: Mapping[str, Any] | None = None) -> Game:
        """The game with the policy applied and the parameters substituted.

        Parameters
        ----------
        values
            Values that replace some of :attr:`parameters` (e.g. from ``--set``).

        Examples
        --------
        >>> s = parse_scenario({"game": {"model": "school_enterprise", "preset": "combined"}})
        >>> s.game_with_policy().kind
        'exact'
        """
        merged = dict(self.parameters)
        for name, value in (values or {}).items():
            if name not in merged:
                raise ScenarioError(
                    f"unknown parameter {name!r}; parameters are {', '.join(merged)}"
                )
            merged[name] = _number(value, name)
            if self.model is not None:
                _check_domain(name, merged[name], name)
        return substitute(self.symbolic_game(), merged)


# --------------------------------------------------------------------------- loading
def _toml() -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    return tomllib


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file.

    Raises
    ------
    ScenarioError
        Malformed TOML or any mistake in the content; the message names the key.
    OSError
        The file cannot be read.

    Examples
    --------
    >>> from importlib.resources import files
    >>> s = load_scenario(files("coopgame") / "data" / "school_enterprise.toml")
    >>> s.name, s.game.players
    ('School-enterprise cooperation with an enterprise subsidy', ('School', 'Enterprise'))
    """
    path = Path(str(path))
    text = path.read_text(encoding="utf-8")
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ScenarioError(f"{path.name}: malformed TOML: {exc}") from None
    return parse_scenario(data, default_name=path.stem, source=str(path))


def parse_scenario(
    data: Mapping[str, Any], default_name: str = "scenario", source: str | None = None
) -> Scenario:
    """Validate the content of a scenario (the parsed TOML) and build a :class:`Scenario`.

    Examples
    --------
    >>> s = parse_scenario({
    ...     "parameters": {"s": 1},
    ...     "game": {"players": ["A", "B"], "strategies": [["C", "D"], ["C", "D"]],
    ...              "payoffs": {"C,C": [2, 2], "C,D": [0, 3], "D,C": [3, 0], "D,D": ["s", 1]}}})
    >>> s.game_with_policy().payoff_of(("D", "D"))
    (Fraction(1, 1), Fraction(1, 1))
    """
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise ScenarioError(
            f"{unknown[0]}: unknown section; sections are {', '.join(sorted(_TOP_KEYS))}"
        )
    meta = _table(data, "scenario")
    unknown_meta = sorted(set(meta) - {"name"})
    if unknown_meta:
        raise ScenarioError(f"scenario.{unknown_meta[0]}: unknown key; [scenario] has only name")
    name = meta.get("name", default_name)
    if not isinstance(name, str):
        raise ScenarioError(f"scenario.name: expected a string, got {type_name(name)}")
    parameters = {
        key: _number(value, f"parameters.{key}")
        for key, value in _table(data, "parameters").items()
    }
    game_table = _table(data, "game")
    model, preset_name = None, None
    if "model" in game_table:
        game, parameters, model, preset_name = _model_game(game_table, parameters)
    else:
        game = _explicit_game(game_table, parameters)
    policy = _policy(data.get("policy", []), game, parameters)
    analysis = _table(data, "analysis")
    target, thresholds = _analysis(analysis, game, parameters)
    uncertainty = _uncertainty(_table(data, "uncertainty"), parameters, model)
    policies = _policies(_table(data, "policies"), parameters, uncertainty, model)
    return Scenario(name=name, game=game, policy=policy, parameters=MappingProxyType(parameters),
                    target=target, thresholds=thresholds, analysis=MappingProxyType(dict(analysis)),
                    model=model, preset=preset_name, source=source,
                    uncertainty=MappingProxyType(uncertainty), policies=MappingProxyType(policies))


# --------------------------------------------------------------------------- pieces
def _table(data: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ScenarioError(f"{key}: expected a table, got {type_name(value)}")
    return dict(value)


def _number(value: Any, key: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, Fraction)):
        raise ScenarioError(f"{key}: expected a number or a \"p/q\" string, got {type_name(value)}")
    try:
        return to_exact(value)
    except InvalidNumberError:
        raise ScenarioError(
            f"{key}: {value!r} is not a number (write 3, 0.25 or \"1/4\")"
        ) from None


def _check_domain(name: str, value: Any, key: str) -> None:
    """A built-in model's parameter must lie in its declared domain (a probability in [0, 1], ...).
    """
    from coopgame.models import parameter_problem

    problem = parameter_problem(name, value)
    if problem is not None:
        raise ScenarioError(f"{key}: {problem}")


def _expression(value: Any, key: str, parameters: Mapping[str, Any]) -> Any:
    """Parse a number or a sympy expression whose symbols must all be declared parameters."""
    import sympy
    from sympy.parsing.sympy_parser import parse_expr, rationalize, standard_transformations

    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ScenarioError(
            f"{key}: expected a number or an expression string, got {type_name(value)}"
        )
    if not isinstance(value, str):
        try:
            return sympy.Rational(str(to_exact(value)))
        except InvalidNumberError as exc:
            raise ScenarioError(f"{key}: {exc}") from None
    # declared names always mean the parameter, even "S", "E" or "N" (sympy built-ins otherwise)
    local = {name: sympy.Symbol(name) for name in parameters}
    try:
        expr = parse_expr(
            value, local_dict=local, transformations=(*standard_transformations, rationalize)
        )
    except (
        SyntaxError,
        TypeError,
        ValueError,
        AttributeError,
        sympy.SympifyError,
        TokenError,
    ) as exc:
        raise ScenarioError(
            f"{key}: cannot parse {value!r} as an expression ({type(exc).__name__})"
        ) from None
    from sympy.core.function import AppliedUndef

    # a Lambda or an undefined function f(x) parses as an Expr but is no payoff
    if (
        not isinstance(expr, sympy.Expr)
        or isinstance(expr, sympy.Lambda)
        or expr.atoms(AppliedUndef)
    ):
        raise ScenarioError(f"{key}: {value!r} is not an arithmetic expression")
    unknown = sorted(str(s) for s in expr.free_symbols if str(s) not in parameters)
    if unknown:
        raise ScenarioError(
            f"{key}: unknown symbol {unknown[0]!r} in {value!r}; declare it in [parameters]"
        )
    if expr.is_number and not (expr.is_real and expr.is_finite):
        raise ScenarioError(f"{key}: {value!r} is not a finite real number")
    return expr


try:
    from tokenize import TokenError
except ImportError:  # pragma: no cover
    TokenError = SyntaxError  # type: ignore[misc,assignment]


def _names(value: Any, key: str) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ScenarioError(f"{key}: expected a non-empty array of names, got {type_name(value)}")
    if len(set(value)) != len(value):
        raise ScenarioError(f"{key}: names must be distinct, got {value}")
    return list(value)


def _explicit_game(table: Mapping[str, Any], parameters: Mapping[str, Any]) -> Game:
    import numpy as np

    _check_explicit_keys(table)
    players = _names(table["players"], "game.players")
    strategies = _strategies(table["strategies"], players)
    cells = _payoff_cells(table["payoffs"], players, strategies, parameters)
    shape = tuple(len(s) for s in strategies)
    payoffs = np.empty((*shape, len(players)), dtype=object)
    for index, row in cells.items():
        for k, value in enumerate(row):
            payoffs[index + (k,)] = value
    try:
        return Game(payoffs, players, strategies)
    except GameError as exc:
        raise ScenarioError(f"game: {exc}") from None


def _check_explicit_keys(table: Mapping[str, Any]) -> None:
    """A ``[game]`` table written out: players, strategies and payoffs, nothing else."""
    allowed = {"players", "strategies", "payoffs"}
    unknown = sorted(set(table) - allowed - {"model", "preset"})
    if unknown:
        raise ScenarioError(
            f"game.{unknown[0]}: unknown key; [game] has players, strategies, payoffs "
            "(or model and preset)"
        )
    if "preset" in table:
        raise ScenarioError("game.preset: a preset needs a built-in model (game.model)")
    for key in ("players", "strategies", "payoffs"):
        if key not in table:
            raise ScenarioError(f"game.{key}: missing (or name a built-in model with game.model)")


def _strategies(raw: Any, players: list[str]) -> list[list[str]]:
    """``game.strategies``: one array of names per player, or a table player -> names."""
    if isinstance(raw, Mapping):
        missing = [p for p in players if p not in raw]
        if missing:
            raise ScenarioError(f"game.strategies.{missing[0]}: missing")
        extra = [p for p in raw if p not in players]
        if extra:
            raise ScenarioError(
                f"game.strategies.{extra[0]}: unknown player; players are {', '.join(players)}"
            )
        return [_names(raw[p], f"game.strategies.{p}") for p in players]
    if isinstance(raw, list) and len(raw) == len(players):
        return [_names(s, f"game.strategies[{i}]") for i, s in enumerate(raw)]
    raise ScenarioError(f"game.strategies: expected one array of strategy names per player "
                        f"({len(players)} arrays) or a table player -> names")


def _payoff_cells(payoffs_table: Any, players: list[str], strategies: list[list[str]],
                  parameters: Mapping[str, Any]) -> dict[tuple[int, ...], list[Any]]:
    """``game.payoffs``: profile index -> payoff expressions, every profile exactly once."""
    import itertools

    if not isinstance(payoffs_table, Mapping):
        raise ScenarioError(f"game.payoffs: expected a table \"Strategy,Strategy\" = [payoffs], "
                            f"got {type_name(payoffs_table)}")
    cells: dict[tuple[int, ...], list[Any]] = {}
    for raw_key, row in payoffs_table.items():
        key = f"game.payoffs.\"{raw_key}\""
        position = _profile_position(raw_key, key, players, strategies)
        if position in cells:
            raise ScenarioError(f"{key}: the profile is given twice")
        if not isinstance(row, list) or len(row) != len(players):
            raise ScenarioError(
                f"{key}: expected an array of {len(players)} payoffs (one per player), "
                f"got {type_name(row)}"
                + (f" of length {len(row)}" if isinstance(row, list) else "")
            )
        cells[position] = [
            _expression(v, f"{key}[{k}]", parameters) for k, v in enumerate(row)
        ]
    for index in itertools.product(*(range(len(s)) for s in strategies)):
        if index not in cells:
            profile = ",".join(strategies[i][s] for i, s in enumerate(index))
            raise ScenarioError(f"game.payoffs: missing profile \"{profile}\"")
    return cells


def _profile_position(raw_key: str, key: str, players: list[str],
                      strategies: list[list[str]]) -> tuple[int, ...]:
    """The strategy indices of a profile written ``"Strategy,Strategy"``."""
    names = [n.strip() for n in raw_key.split(",")]
    if len(names) != len(players):
        raise ScenarioError(
            f"{key}: a profile names {len(players)} strategies separated by commas"
        )
    position: list[int] = []
    for i, name in enumerate(names):
        if name not in strategies[i]:
            raise ScenarioError(f"{key}: unknown strategy {name!r} of {players[i]}; "
                                f"strategies are {', '.join(strategies[i])}")
        position.append(strategies[i].index(name))
    return tuple(position)


def _model_game(table: Mapping[str, Any], parameters: dict[str, Fraction]
                ) -> tuple[Game, dict[str, Fraction], str, str | None]:
    from coopgame import models

    unknown = sorted(set(table) - {"model", "preset"})
    if unknown:
        raise ScenarioError(
            f"game.{unknown[0]}: a built-in model takes only game.model and game.preset"
        )
    model = table["model"]
    if not isinstance(model, str) or model not in models.MODELS:
        raise ScenarioError(
            f"game.model: unknown model {model!r}; models are {', '.join(models.MODELS)}"
        )
    names = models.PARAMETERS + (
        models.GOVERNMENT_PARAMETERS if model == "school_enterprise_government" else ()
    )
    preset_name = table.get("preset")
    if preset_name is not None:
        if not isinstance(preset_name, str) or preset_name not in models.PRESETS:
            raise ScenarioError(f"game.preset: unknown preset {preset_name!r}; presets are "
                                f"{', '.join(models.PRESETS)}")
        values: dict[str, Fraction] = models.preset_parameters(
            preset_name, government=model == "school_enterprise_government")
    else:
        values = {}
    for key in parameters:
        if key not in names:
            raise ScenarioError(f"parameters.{key}: unknown parameter of model {model}; "
                                f"its parameters are {', '.join(names)}")
    for key, value in parameters.items():
        _check_domain(key, value, f"parameters.{key}")
    values.update(parameters)
    missing = [n for n in names if n not in values]
    if missing:
        raise ScenarioError(
            f"parameters.{missing[0]}: missing (give a value or choose a game.preset)"
        )
    return models.MODELS[model](), {n: values[n] for n in names}, model, preset_name


_INSTRUMENTS: dict[str, tuple[type, dict[str, str], set[str]]] = {
    # instrument -> (class, player keys -> role, amount keys)
    "subsidy": (Subsidy, {"to": "to"}, {"amount"}),
    "tax_incentive": (TaxIncentive, {"to": "to"}, {"rate", "base"}),
    "penalty": (Penalty, {"on": "on", "paid_to": "paid_to"}, {"amount"}),
    "transfer": (Transfer, {"payer": "payer", "to": "to"}, {"amount"}),
    "cost_share": (CostShare, {"payer": "payer", "to": "to"}, {"share", "cost"}),
}
_OPTIONAL = {"paid_to"}


def _policy(entries: Any, game: Game, parameters: Mapping[str, Any]) -> Policy:
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise ScenarioError("policy: expected [[policy]] tables")
    instruments: list[Instrument] = []
    for k, entry in enumerate(entries):
        key = f"policy[{k}]"
        instrument = _instrument(entry, key, game, parameters)
        try:
            Policy([instrument]).modifications(game)
        except PolicyError as exc:
            raise ScenarioError(f"{key}: {exc}") from None
        instruments.append(instrument)
    return Policy(instruments)


def _instrument(entry: Mapping[str, Any], key: str, game: Game,
                parameters: Mapping[str, Any]) -> Instrument:
    """One ``[[policy]]`` table as an instrument (not yet checked against the game's cells)."""
    kind = entry.get("instrument")
    if not isinstance(kind, str):
        raise ScenarioError(f"{key}.instrument: missing; one of {', '.join(_INSTRUMENTS)}")
    kind_key = kind.strip().lower().replace(" ", "_").replace("-", "_")
    if kind_key not in _INSTRUMENTS:
        raise ScenarioError(
            f"{key}.instrument: unknown instrument {kind!r}; one of {', '.join(_INSTRUMENTS)}"
        )
    cls, player_keys, amount_keys = _INSTRUMENTS[kind_key]
    allowed = {"instrument", "when", "reach", "label", *player_keys, *amount_keys}
    extra = sorted(set(entry) - allowed)
    if extra:
        raise ScenarioError(
            f"{key}.{extra[0]}: unknown key for a {kind_key}; keys are "
            f"{', '.join(sorted(allowed))}"
        )
    kwargs: dict[str, Any] = _instrument_players(entry, key, game, player_keys)
    for amount_key in amount_keys:
        if amount_key not in entry:
            raise ScenarioError(f"{key}.{amount_key}: missing")
        kwargs[amount_key] = _expression(entry[amount_key], f"{key}.{amount_key}", parameters)
    if "reach" in entry:
        kwargs["reach"] = _expression(entry["reach"], f"{key}.reach", parameters)
    if "label" in entry:
        if not isinstance(entry["label"], str):
            raise ScenarioError(f"{key}.label: expected a string, got {type_name(entry['label'])}")
        kwargs["label"] = entry["label"]
    if "when" in entry:
        kwargs["when"] = _when(entry["when"], f"{key}.when", game)
    instrument: Instrument = cls(**kwargs)
    return instrument


def _instrument_players(entry: Mapping[str, Any], key: str, game: Game,
                        player_keys: Mapping[str, str]) -> dict[str, Any]:
    """The player arguments of an instrument (``to``, ``payer``, ...), each a known player."""
    kwargs: dict[str, Any] = {}
    for player_key in player_keys:
        if player_key not in entry:
            if player_key in _OPTIONAL:
                continue
            raise ScenarioError(f"{key}.{player_key}: missing")
        name = entry[player_key]
        if not isinstance(name, str):
            raise ScenarioError(
                f"{key}.{player_key}: expected a player name, got {type_name(name)}"
            )
        if name not in game.players and not (player_key == "payer" and name == _GOVERNMENT):
            raise ScenarioError(f"{key}.{player_key}: unknown player {name!r}; "
                                f"players are {', '.join(game.players)}")
        kwargs[player_key] = name
    return kwargs


def _when(value: Any, key: str, game: Game) -> dict[str, str | list[str]]:
    if not isinstance(value, Mapping):
        raise ScenarioError(
            f"{key}: expected a table player = strategy (or [strategies]), got {type_name(value)}"
        )
    when: dict[str, str | list[str]] = {}
    for player, strategies in value.items():
        if player not in game.players:
            raise ScenarioError(
                f"{key}.{player}: unknown player; players are {', '.join(game.players)}"
            )
        names = [strategies] if isinstance(strategies, str) else strategies
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ScenarioError(f"{key}.{player}: expected a strategy name or an array of names")
        known = game.strategies[game.players.index(player)]
        for name in names:
            if name not in known:
                raise ScenarioError(
                    f"{key}.{player}: unknown strategy {name!r}; strategies are {', '.join(known)}"
                )
        when[player] = strategies
    return when


def _analysis(table: Mapping[str, Any], game: Game, parameters: Mapping[str, Any]
              ) -> tuple[tuple[str, ...], tuple[ThresholdRequest, ...]]:
    """Check ``[analysis]`` against the registry of analyses; the target and the threshold requests.
    """
    from coopgame.analyses import AnalysisOptionsError, Setup, plan
    from coopgame.analyses.thresholds import parse_target

    try:
        target = (parse_target(table["target"], "analysis.target", game) if "target" in table
                  else tuple(s[0] for s in game.strategies))
        chosen = plan(table, Setup(game, parameters, table, target))
    except AnalysisOptionsError as exc:
        raise ScenarioError(str(exc)) from None
    thresholds = chosen.get("thresholds")
    return target, (() if thresholds is None else thresholds.requests)


def _parameter(name: str, key: str, parameters: Mapping[str, Any]) -> None:
    if name not in parameters:
        raise ScenarioError(
            f"{key}: unknown parameter {name!r}; parameters are {', '.join(parameters)}"
        )


def _uncertainty(table: Mapping[str, Any], parameters: Mapping[str, Any],
                 model: str | None = None) -> dict[str, Distribution]:
    """``[uncertainty]``: parameter -> ``{ distribution = "uniform", low = 30, high = 60 }``.

    For a built-in model, a bounded distribution must stay inside the parameter's domain
    and an unbounded one (normal) must have its mean there.
    """
    from coopgame.sweep import DistributionError, parse_distribution

    distributions: dict[str, Distribution] = {}
    for name, entry in table.items():
        key = f"uncertainty.{name}"
        _parameter(name, key, parameters)
        try:
            distributions[name] = parse_distribution(entry, key)
        except DistributionError as exc:
            raise ScenarioError(str(exc)) from None
        if model is not None:
            for field_name in ("low", "high", "mean"):
                if hasattr(distributions[name], field_name):
                    _check_domain(
                        name, getattr(distributions[name], field_name), f"{key}.{field_name}"
                    )
    return distributions


def _policies(
    table: Mapping[str, Any],
    parameters: Mapping[str, Any],
    uncertainty: Mapping[str, Any],
    model: str | None = None,
) -> dict[str, MappingProxyType[str, Fraction]]:
    """``[policies]``: name -> table of parameter values (the levers), never an uncertain parameter.
    """
    policies: dict[str, MappingProxyType[str, Fraction]] = {}
    for name, entry in table.items():
        key = f"policies.{name}"
        if not isinstance(entry, Mapping):
            raise ScenarioError(
                f"{key}: expected a table of parameter values, e.g. {{ S_e = 10 }}, "
                f"got {type_name(entry)}"
            )
        values: dict[str, Fraction] = {}
        for parameter, value in entry.items():
            _parameter(parameter, f"{key}.{parameter}", parameters)
            if parameter in uncertainty:
                # a policy sets a lever; an uncertain parameter is drawn, so setting it would
                # silently replace the draws
                raise ScenarioError(f"{key}.{parameter}: {parameter} is uncertain ([uncertainty]); "
                                    "a policy sets only parameters that are not")
            values[parameter] = _number(value, f"{key}.{parameter}")
            if model is not None:
                _check_domain(parameter, values[parameter], f"{key}.{parameter}")
        policies[name] = MappingProxyType(values)
    return policies
