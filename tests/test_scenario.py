"""Scenario files: a correct file loads; every kind of mistake names the key at fault."""

from __future__ import annotations

from fractions import Fraction
from importlib.resources import files
from pathlib import Path

import pytest

from coopgame import Scenario, ScenarioError, load_scenario
from coopgame.policy import modifications_of

C, N = "Cooperate", "Shirk"

GOOD = """
[scenario]
name = "test"

[parameters]
R = 10
a = "1/2"
C_s = 2
C_e = 4
B_s = 1
B_e = 3
S_e = 0

[game]
players = ["School", "Enterprise"]
strategies = [["Cooperate", "Shirk"], ["Cooperate", "Shirk"]]

[game.payoffs]
"Cooperate,Cooperate" = ["a*R - C_s", "(1 - a)*R - C_e"]
"Cooperate,Shirk" = ["-C_s", "B_e"]
"Shirk,Cooperate" = ["B_s", "-C_e"]
"Shirk,Shirk" = [0, 0]

[[policy]]
instrument = "subsidy"
to = "Enterprise"
when = { Enterprise = "Cooperate" }
amount = "S_e"

[analysis]
thresholds = [{ parameter = "S_e", target = ["Cooperate", "Cooperate"], condition = "nash" }]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "scenario.toml"
    path.write_text(text)
    return path


def test_good_scenario_loads(tmp_path: Path) -> None:
    """R=10, a=1/2: (C,C) = (5 - 2, 5 - 4) = (3, 1); with S_e = 2 the Enterprise gets 3 there."""
    s = load_scenario(write(tmp_path, GOOD))
    assert isinstance(s, Scenario) and s.name == "test"
    assert s.parameters["a"] == Fraction(1, 2)
    g = s.game_with_policy()
    assert g.payoff_of((C, C)) == (3, 1)
    assert modifications_of(g) == ()  # S_e = 0: no change recorded
    g2 = s.game_with_policy({"S_e": 2})
    assert g2.payoff_of((C, C)) == (3, 3) and g2.payoff_of((N, C)) == (1, -2)
    assert [m.amount for m in modifications_of(g2)] == [2, 2]
    assert s.thresholds[0].parameter == "S_e" and s.thresholds[0].target == (C, C)
    assert s.target == (C, C)


def test_bundled_scenario_loads() -> None:
    s = load_scenario(files("coopgame") / "data" / "school_enterprise.toml")
    # a = 2/5, R = 100, C_e = 45: Enterprise (C,C) = 60 - 45 = 15
    assert s.game_with_policy().payoff_of((C, C)) == (25, 15)


def test_model_scenario_with_preset_and_override(tmp_path: Path) -> None:
    """The combined preset with S_e = 0: Enterprise (C,C) = 61/2 - 8 = 45/2."""
    s = load_scenario(write(tmp_path, '[game]\nmodel = "school_enterprise"\npreset = "combined"\n'
                                      "[parameters]\nS_e = 0\n"))
    assert s.model == "school_enterprise" and s.preset == "combined"
    assert s.game_with_policy().payoff_of((C, C)) == (Fraction(23, 2), Fraction(45, 2))


def replace(old: str, new: str) -> str:
    assert old in GOOD
    return GOOD.replace(old, new)


MISTAKES = [
    # unknown symbol
    (
        replace('"-C_s", "B_e"', '"-C_s", "B_x"'),
        r'game\.payoffs\."Cooperate,Shirk"\[1\]: unknown symbol \'B_x\'',
    ),
    (replace('amount = "S_e"', 'amount = "S_x"'), r"policy\[0\]\.amount: unknown symbol 'S_x'"),
    # missing profile
    (replace('"Shirk,Shirk" = [0, 0]\n', ""), r'game\.payoffs: missing profile "Shirk,Shirk"'),
    # unknown strategy
    (
        replace('"Shirk,Shirk" = [0, 0]', '"Shirk,Shrik" = [0, 0]'),
        r"unknown strategy 'Shrik' of Enterprise",
    ),
    (
        replace('when = { Enterprise = "Cooperate" }', 'when = { Enterprise = "Coop" }'),
        r"policy\[0\]\.when\.Enterprise: unknown strategy 'Coop'",
    ),
    (
        replace('target = ["Cooperate", "Cooperate"]', 'target = ["Cooperate", "Defect"]'),
        r"analysis\.thresholds\[0\]\.target: unknown strategy 'Defect'",
    ),
    # unparsable expression
    (
        replace('"a*R - C_s"', '"a*R - - * C_s"'),
        r'game\.payoffs\."Cooperate,Cooperate"\[0\]: cannot parse',
    ),
    (replace('amount = "S_e"', 'amount = "S_e +"'), r"policy\[0\]\.amount: cannot parse"),
    # wrong type
    (replace('a = "1/2"', "a = true"), r"parameters\.a: expected a number"),
    (replace('a = "1/2"', 'a = "half"'), r"parameters\.a: 'half' is not a number"),
    (
        replace('"Shirk,Shirk" = [0, 0]', '"Shirk,Shirk" = [0]'),
        r'game\.payoffs\."Shirk,Shirk": expected an array of 2',
    ),
    (
        replace('"Shirk,Shirk" = [0, 0]', '"Shirk,Shirk" = [0, [1]]'),
        r'game\.payoffs\."Shirk,Shirk"\[1\]: expected a number',
    ),
    (
        replace('players = ["School", "Enterprise"]', 'players = "School"'),
        r"game\.players: expected a non-empty array",
    ),
    (replace('to = "Enterprise"', "to = 3"), r"policy\[0\]\.to: expected a player name"),
    # unknown player / instrument / key / section / condition / parameter
    (
        replace('to = "Enterprise"', 'to = "Enterprize"'),
        r"policy\[0\]\.to: unknown player 'Enterprize'; players are School, Enterprise",
    ),
    (
        replace('instrument = "subsidy"', 'instrument = "bribe"'),
        r"policy\[0\]\.instrument: unknown instrument 'bribe'",
    ),
    (replace('amount = "S_e"', 'amount = "S_e"\nrate = 1'), r"policy\[0\]\.rate: unknown key"),
    (
        replace('amount = "S_e"', 'amount = "S_e"\nreach = 2'),
        r"policy\[0\]: .*reach must lie in \[0, 1\]",
    ),
    (replace('amount = "S_e"\n', ""), r"policy\[0\]\.amount: missing"),
    (GOOD + "\n[extras]\nx = 1\n", r"extras: unknown section"),
    (
        replace('condition = "nash"', 'condition = "stable"'),
        r"analysis\.thresholds\[0\]\.condition: unknown condition",
    ),
    (
        replace('parameter = "S_e"', 'parameter = "S_x"'),
        r"analysis\.thresholds\[0\]\.parameter: unknown parameter 'S_x'",
    ),
    # model and preset
    ('[game]\nmodel = "school"\n', r"game\.model: unknown model 'school'"),
    (
        '[game]\nmodel = "school_enterprise"\npreset = "best"\n',
        r"game\.preset: unknown preset 'best'",
    ),
    (
        '[game]\nmodel = "school_enterprise"\npreset = "baseline"\n[parameters]\nZ = 1\n',
        r"parameters\.Z: unknown parameter",
    ),
    ('[game]\nmodel = "school_enterprise"\n', r"parameters\.R: missing"),
    # malformed TOML
    ("[game\nplayers = 1", r"scenario\.toml: malformed TOML"),
]


@pytest.mark.parametrize(("text", "message"), MISTAKES, ids=[m[1][:40] for m in MISTAKES])
def test_mistakes_name_the_key(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ScenarioError, match=message):
        load_scenario(write(tmp_path, text))


def test_scenario_error_is_a_value_error_and_nothing_is_returned(tmp_path: Path) -> None:
    result = None
    with pytest.raises(ValueError):
        result = load_scenario(write(tmp_path, replace('to = "Enterprise"', 'to = "Nobody"')))
    assert result is None


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        load_scenario(tmp_path / "absent.toml")


def test_unknown_override(tmp_path: Path) -> None:
    s = load_scenario(write(tmp_path, GOOD))
    with pytest.raises(ScenarioError, match="unknown parameter 'Q'"):
        s.game_with_policy({"Q": 1})
