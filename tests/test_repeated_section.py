"""The ``repeated`` section for ``coopgame analyze`` (issue #4, item 6)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coopgame import Game, load_scenario
from coopgame.analyses import AnalysisOptionsError, Setup, get
from coopgame.analyses.repeated import RepeatedOptions, RepeatedResult, compute

SCENARIO = Path(__file__).resolve().parents[1] / "coopgame" / "data" / "school_enterprise.toml"
PD = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])


def _options(game: Game, raw: Any, table: dict[str, Any] | None = None) -> RepeatedOptions:
    options: RepeatedOptions = get("repeated").parse_options(raw, Setup(game, table=table or {}))
    return options


def test_scenario_section_by_hand() -> None:
    """The bundled scenario: R = 100, a = 2/5, C_s = 15, C_e = 45, B_s = 5, B_e = 20, S_e = 0.
    (Cooperate, Cooperate) = (25, 15); the Enterprise gains 20 - 15 = 5 by shirking and (Shirk,
    Shirk) = (0, 0) is the stage equilibrium: delta* = 5/(5 + 15) = 1/4. At delta = 1/10 the
    subsidy s must satisfy (9/10)(5 - s) <= (1/10)(15 + s): s >= 3. At 4/5 none is needed."""
    scenario = load_scenario(SCENARIO)
    game = scenario.game_with_policy()
    target = tuple(scenario.analysis["target"])
    for delta, level in (("1/10", "3"), ("0.8", "0")):
        options = _options(game, {"delta": delta}, dict(scenario.analysis))
        result = compute(
            game,
            options,
            target,
            symbolic_game=scenario.symbolic_game(),
            values=scenario.parameters,
        )
        section = result.to_dict()
        nash = section["critical_discount"][0]
        assert (nash["punishment"], nash["delta"]) == ("nash", "1/4")
        assert nash["sustained_at_delta"] == (delta == "0.8")
        assert result.critical_discount[0].sustained_at_delta == (delta == "0.8")
        assert section["instrument_needed"][0]["parameter"] == "S_e"
        assert section["instrument_needed"][0]["level"] == level


def test_section_without_delta() -> None:
    result = compute(PD, RepeatedOptions())
    section = result.to_dict()
    assert section["delta"] is None and section["instrument_needed"] == []
    assert [e["delta"] for e in section["critical_discount"]] == ["1/2", "1/2"]
    assert all(e.sustained_at_delta is None for e in result.critical_discount)


def test_the_result_is_immutable() -> None:
    result = compute(PD, RepeatedOptions())
    assert isinstance(result, RepeatedResult) and isinstance(result.critical_discount, tuple)
    with pytest.raises(AttributeError):
        result.delta = 1  # type: ignore[misc]


def test_a_method_that_does_not_apply_is_an_entry_with_an_error() -> None:
    """Tit-for-tat needs a 2x2 game; on a 3x3 game its entry says why instead of stopping the
    section.
    """
    rps = Game.bimatrix([[0, -1, 1], [1, 0, -1], [-1, 1, 0]], [[0, 1, -1], [-1, 0, 1], [1, -1, 0]])
    result = compute(rps, RepeatedOptions(strategies=("grim", "tit_for_tat")))
    tft = [e for e in result.critical_discount if e.strategy == "tit_for_tat"]
    assert tft and tft[0].result is None and tft[0].error
    assert tft[0].to_dict()["error"] == tft[0].error


@pytest.mark.parametrize(
    ("repeated", "message"),
    [
        ({"delta": 1}, "analysis.repeated.delta"),
        ({"delta": "x"}, "analysis.repeated.delta"),
        ({"speed": 1}, "analysis.repeated.speed"),
        ({"punishments": ["harsh"]}, "analysis.repeated.punishments"),
        ("fast", "analysis.repeated"),
    ],
)
def test_bad_tables(repeated: Any, message: str) -> None:
    with pytest.raises(AnalysisOptionsError, match=message):
        _options(PD, repeated)
