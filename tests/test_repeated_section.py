"""The ``repeated`` section for ``coopgame analyze`` (issue #4, item 6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopgame import Game, load_scenario
from coopgame.repeated import RepeatedGameError
from coopgame.repeated.section import repeated_section

SCENARIO = Path(__file__).resolve().parents[1] / "coopgame" / "data" / "school_enterprise.toml"


def test_scenario_section_by_hand() -> None:
    """The bundled scenario: R = 100, a = 2/5, C_s = 15, C_e = 45, B_s = 5, B_e = 20, S_e = 0.
    (Cooperate, Cooperate) = (25, 15); the Enterprise gains 20 - 15 = 5 by shirking and (Shirk,
    Shirk) = (0, 0) is the stage equilibrium: delta* = 5/(5 + 15) = 1/4. At delta = 1/10 the
    subsidy s must satisfy (9/10)(5 - s) <= (1/10)(15 + s): s >= 3. At 4/5 none is needed."""
    scenario = load_scenario(SCENARIO)
    game = scenario.game_with_policy()
    for delta, level in (("1/10", "3"), ("0.8", "0")):
        analysis = {**scenario.analysis, "repeated": {"delta": delta}}
        section = repeated_section(game, analysis, symbolic_game=scenario.symbolic_game(),
                                   parameters=scenario.parameters)
        nash = section["critical_discount"][0]
        assert (nash["punishment"], nash["delta"]) == ("nash", "1/4")
        assert nash["sustained_at_delta"] == (delta == "0.8")
        assert section["instrument_needed"][0]["parameter"] == "S_e"
        assert section["instrument_needed"][0]["level"] == level


def test_section_without_delta() -> None:
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    section = repeated_section(pd, {})
    assert section["delta"] is None and section["instrument_needed"] == []
    assert [e["delta"] for e in section["critical_discount"]] == ["1/2", "1/2"]


@pytest.mark.parametrize(
    ("repeated", "message"),
    [({"delta": 1}, "analysis.repeated.delta"), ({"delta": "x"}, "analysis.repeated.delta"),
     ({"speed": 1}, "analysis.repeated.speed"), ({"punishments": ["harsh"]}, "analysis.repeated.punishments"),
     ("fast", "analysis.repeated")],
)
def test_bad_tables(repeated, message) -> None:
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(RepeatedGameError, match=message):
        repeated_section(pd, {"repeated": repeated})
