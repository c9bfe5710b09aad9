"""The presets of the school-enterprise models: illustrative parameter values, named."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from types import MappingProxyType
from typing import Any

from coopgame.game import Game
from coopgame.models._games import MODELS, ModelError

__all__ = ["PRESETS", "PRESET_DESCRIPTIONS", "GOVERNMENT_DEFAULTS", "preset", "preset_parameters"]

_BASELINE: dict[str, Fraction] = {
    "R": Fraction(100),
    "p": Fraction(3, 5),
    "a": Fraction(1, 5),
    "C_s": Fraction(15),
    "C_e": Fraction(25),
    "B_s": Fraction(5),
    "B_e": Fraction(30),
    "m": Fraction(5),
    "S_s": Fraction(0),
    "S_e": Fraction(0),
    "tau": Fraction(0),
    "F": Fraction(0),
    "r": Fraction(3, 10),
}
# balanced sharing: the School's share equals its share of the costs, 15 / (15 + 25)
_INTEREST_GUARANTEE = {"a": Fraction(3, 8), "F": Fraction(14)}
# fund supervision raises the reach from 3/10 to 4/5
_POLICY_SUPPORT = {
    "S_s": Fraction(5),
    "S_e": Fraction(10),
    "tau": Fraction(1, 2),
    "r": Fraction(4, 5),
}

#: preset name -> parameter values of the two-player model (illustrative; see the docs page)
PRESETS: Mapping[str, Mapping[str, Fraction]] = MappingProxyType({
    "baseline": MappingProxyType(dict(_BASELINE)),
    "interest_guarantee": MappingProxyType({**_BASELINE, **_INTEREST_GUARANTEE}),
    "policy_support": MappingProxyType({**_BASELINE, **_POLICY_SUPPORT}),
    "combined": MappingProxyType({**_BASELINE, **_INTEREST_GUARANTEE, **_POLICY_SUPPORT}),
})

#: the three-player model's extra values, shared by every preset
GOVERNMENT_DEFAULTS: Mapping[str, Fraction] = MappingProxyType(
    {"G": Fraction(30), "C_g": Fraction(5), "F_g": Fraction(0)})

PRESET_DESCRIPTIONS: Mapping[str, str] = MappingProxyType(
    {
        "baseline": "status quo: unbalanced benefit sharing, no contract penalty, no support, weak "
            "policy reach",
        "interest_guarantee": "balanced benefit sharing (by cost shares) and contract penalties",
        "policy_support": "subsidies and a tax incentive, with fund supervision raising the reach",
        "combined": "interest guarantee and policy support together",
    }
)


def preset_parameters(name: str, government: bool = False) -> dict[str, Fraction]:
    """The parameter values of a preset (a fresh dict you may change).

    Examples
    --------
    >>> preset_parameters("combined")["a"]
    Fraction(3, 8)
    """
    if name not in PRESETS:
        raise ModelError(f"unknown preset {name!r}; presets are {', '.join(PRESETS)}")
    values = dict(PRESETS[name])
    if government:
        values.update(GOVERNMENT_DEFAULTS)
    return values


def preset(name: str, model: str = "school_enterprise", **overrides: Any) -> Game:
    """The game of a preset, optionally with some parameters changed (or made symbolic).

    Examples
    --------
    >>> from coopgame import nash_equilibria
    >>> g = preset("baseline")
    >>> [eq.support for eq in nash_equilibria(g)]   # both shirk
    [((1,), (1,))]
    >>> preset("combined", S_e="S_e").parameters
    frozenset({S_e})
    """
    if model not in MODELS:
        raise ModelError(f"unknown model {model!r}; models are {', '.join(MODELS)}")
    values: dict[str, Any] = preset_parameters(
        name, government=model == "school_enterprise_government"
    )
    values.update(overrides)
    return MODELS[model](**values)
