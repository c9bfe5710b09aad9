"""Bad input to the models, the scenario files, --set and the bargaining options: one clear error
naming the key.

The CLI prints one line and exits with status 2; the API raises a ValueError subclass of the
package (ModelError, ScenarioError, SweepError, BargainingError, NfgError). The domains are those
of the parameter table in docs/guide/school-enterprise-model.md (p, a, r and tau in [0, 1], R > 0,
costs, gains, subsidies and penalties >= 0).
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path

import pytest

from coopgame.analyses import AnalysisOptionsError, Setup, get
from coopgame.cli import main
from coopgame.game import Game
from coopgame.io._scenario import ScenarioError, parse_scenario
from coopgame.models import (
    DECLARATIONS,
    GOVERNMENT_PARAMETERS,
    PARAMETERS,
    ModelError,
    parameter_problem,
    preset,
    school_enterprise_game,
    school_enterprise_government_game,
)
from coopgame.report import preset_cases, scenario_cases

MODEL_SCENARIO = '[game]\nmodel = "school_enterprise"\npreset = "baseline"\n'


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    err = capsys.readouterr().err
    return code, err


# ----------------------------------------------------------------- item 11: --set out of the domain
@pytest.mark.parametrize(("assignment", "fragment"), [
    ("p=3/2", "parameter p: must be a probability in [0, 1], got 3/2"),
    ("a=-0.5", "parameter a: must be a share in [0, 1], got -1/2"),
    # siblings: the other domains, and both ends of an interval
    ("r=1.01", "parameter r: must be a share in [0, 1], got 101/100"),
    ("tau=2", "parameter tau: must be a rate in [0, 1], got 2"),
    ("R=0", "parameter R: must be positive, got 0"),
    ("C_e=-1", "parameter C_e: must be nonnegative, got -1"),
    ("S_e=-1/3", "parameter S_e: must be nonnegative, got -1/3"),
    ("p=-0.000001", "parameter p: must be a probability in [0, 1], got -1/1000000"),
])
def test_set_outside_the_domain_is_one_line_and_exit_2(assignment: str, fragment: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _cli(["analyze", "--preset", "baseline", "--set", assignment], capsys)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("coopgame: error: ")
    assert fragment in err


@pytest.mark.parametrize(("assignment", "fragment"), [
    ("x=1", "unknown parameter 'x'"),
    ("x=", "expected NAME=VALUE"),
    ("p=", "expected NAME=VALUE"),
    ("=3", "expected NAME=VALUE"),
    ("p", "expected NAME=VALUE"),
    ("p=abc", "--set p: 'abc' is not a number"),
    ("p=1/0", "--set p: '1/0' is not a number"),
])
def test_set_malformed_or_unknown(
    assignment: str, fragment: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, err = _cli(["analyze", "--preset", "baseline", "--set", assignment], capsys)
    assert code == 2 and err.count("\n") == 1 and fragment in err


def test_domain_ends_are_accepted() -> None:
    """p = 0 and p = 1, a = 0 and a = 1, tau = 1, S_e = 0 lie in their closed intervals."""
    for name, value in [("p", 0), ("p", 1), ("a", 0), ("a", 1), ("tau", 1), ("S_e", 0), ("r", 1)]:
        assert parameter_problem(name, value) is None
        assert school_enterprise_game(**{name: value}).payoffs.shape == (2, 2, 2)
    assert parameter_problem("R", Fraction(1, 10**9)) is None


def test_every_parameter_of_both_models_is_declared() -> None:
    assert set(DECLARATIONS) == set(PARAMETERS) | set(GOVERNMENT_PARAMETERS)


def test_the_api_rejects_the_same_values() -> None:
    """Every entry point that builds the model: the model functions, preset() and preset_cases()."""
    with pytest.raises(
        ModelError, match=r"parameter p: must be a probability in \[0, 1\], got 3/2"
    ):
        school_enterprise_game(p="3/2")
    with pytest.raises(ModelError, match=r"parameter a: must be a share"):
        preset("baseline", a=-0.5)
    with pytest.raises(ModelError, match=r"parameter C_g: must be nonnegative, got -5"):
        school_enterprise_government_game(C_g=-5)
    with pytest.raises(ModelError, match=r"parameter p: must be a probability"):
        preset_cases(["baseline"], {"p": Fraction(3, 2)})
    # a symbol is not checked: its value is not known yet
    assert school_enterprise_game(p="p").parameters


def test_inf_and_nan_are_left_to_the_number_checks() -> None:
    """Not a domain question: the domain check neither crashes on them nor claims them."""
    assert parameter_problem("p", math.inf) is None and parameter_problem("p", math.nan) is None


# ----------------------------------------------------------------- item 11 siblings: scenario files
@pytest.mark.parametrize(("extra", "fragment"), [
    ('[parameters]\np = "3/2"\n', "parameters.p: must be a probability in [0, 1], got 3/2"),
    ("[parameters]\na = -0.5\n", "parameters.a: must be a share in [0, 1], got -1/2"),
    ("[policies]\nstrong = { r = 2 }\n", "policies.strong.r: must be a share in [0, 1], got 2"),
    ('[uncertainty]\np = { distribution = "uniform", low = 0.5, high = 1.5 }\n',
     "uncertainty.p.high: must be a probability in [0, 1], got 1.5"),
    ('[uncertainty]\nC_e = { distribution = "normal", mean = -10, sd = 1 }\n',
     "uncertainty.C_e.mean: must be nonnegative, got -10"),
    ("[parameters]\nzz = 1\n", "parameters.zz: unknown parameter of model school_enterprise"),
    ('[scenario]\nname = "x"\ntitle = "y"\n', "scenario.title: unknown key"),
])
def test_model_scenario_values_outside_the_domain(tmp_path: Path, extra: str, fragment: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(MODEL_SCENARIO + extra, encoding="utf-8")
    code, err = _cli(["analyze", str(path)], capsys)
    assert code == 2 and err.count("\n") == 1 and fragment in err


def test_set_on_a_model_scenario(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "model.toml"
    path.write_text(MODEL_SCENARIO, encoding="utf-8")
    code, err = _cli(["analyze", str(path), "--set", "p=3/2"], capsys)
    assert code == 2 and "--set p: must be a probability in [0, 1], got 3/2" in err
    code, err = _cli(["sweep", str(path), "--grid", "p=0:2:3"], capsys)
    assert code == 2 and "p: must be a probability in [0, 1], got 2" in err


def test_explicit_game_scenarios_declare_no_domains() -> None:
    """A hand-written game's parameters mean what its author says: no domain is imposed by name."""
    from importlib.resources import files

    from coopgame.io._scenario import load_scenario

    scenario = load_scenario(files("coopgame") / "data" / "school_enterprise.toml")
    [case] = scenario_cases(scenario, {"a": Fraction(-1, 2)})
    assert case.values["a"] == Fraction(-1, 2)


_GAME = {"players": ["A", "B"], "strategies": [["C", "D"], ["C", "D"]],
         "payoffs": {"C,C": [2, 2], "C,D": [0, 3], "D,C": [3, 0], "D,D": ["s", 1]}}


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        (
            {"payoffs": {**_GAME["payoffs"], "C,C": [float("nan"), 2]}},
            'game.payoffs."C,C"[0]: nan is not a finite',
        ),
        (
            {"payoffs": {**_GAME["payoffs"], "C,C": ["lambda: 1", 2]}},
            "is not an arithmetic expression",
        ),
        ({"payoffs": {**_GAME["payoffs"], "C,C": ["f(s)", 2]}}, "is not an arithmetic expression"),
        ({"payoffs": {**_GAME["payoffs"], "C,X": [1, 2]}}, "unknown strategy 'X' of B"),
        ({"payoffs": {**_GAME["payoffs"], "C,C": "2, 2"}}, "expected an array of 2 payoffs"),
        ({"players": ["A", "A"]}, "game.players: names must be distinct"),
        ({"strategies": [["C", "C"], ["C", "D"]]}, "game.strategies[0]: names must be distinct"),
        (
            {"strategies": [[1, 2], ["C", "D"]]},
            "game.strategies[0]: expected a non-empty array of names",
        ),
        ({"colour": "red"}, "game.colour: unknown key"),
    ],
)
def test_malformed_explicit_scenarios(change: dict[str, object], fragment: str) -> None:
    with pytest.raises(ScenarioError) as info:
        parse_scenario({"parameters": {"s": 1}, "game": {**_GAME, **change}})
    assert fragment in str(info.value)


# ------------------------------------------------------------- item 11 siblings: bargaining options
@pytest.mark.parametrize(
    ("options", "fragment"),
    [
        ({"weights": "ab"}, "analysis.bargaining.weights: expected 2 numbers"),
        ({"weights": [1]}, "analysis.bargaining.weights: expected 2 numbers"),
        (
            {"weights": [1, -1]},
            "analysis.bargaining.weights[1]: a bargaining weight must be positive",
        ),
        ({"rules": "nash"}, "analysis.bargaining.rules: expected a list"),
        ({"rules": ["fair"]}, "analysis.bargaining.rules: unknown value 'fair'"),
        ({"equilibrium": "x"}, "analysis.bargaining.equilibrium: expected an integer"),
        ({"rubinstein": 3}, "analysis.bargaining.rubinstein: expected a table"),
        ({"model": 3}, "analysis.bargaining.model: expected a table"),
        ({"model": {"p": 2}}, "analysis.bargaining.model.p: must be a probability in [0, 1]"),
        ({"model": {"q": 2}}, "analysis.bargaining.model.q: unknown model parameter"),
        ({"colour": 3}, "analysis.bargaining.colour: unknown key"),
        ({"disagreement": "zzz"}, "analysis.bargaining.disagreement: 'zzz' is not a pure profile"),
        (
            {"disagreement": ["C", "X"]},
            "analysis.bargaining.disagreement: ['C', 'X'] is not a pure profile",
        ),
    ],
)
def test_bad_bargaining_options(options: dict[str, object], fragment: str) -> None:
    """The options are checked once, when the ``[analysis]`` table is read; the error names the key.
    """
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    with pytest.raises(AnalysisOptionsError) as info:
        get("bargaining").parse_options(options, Setup(pd))
    assert fragment in str(info.value)


def test_bad_bargaining_option_in_a_scenario_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bargain.toml"
    path.write_text(
        MODEL_SCENARIO + "[analysis]\nbargaining = { weights = \"ab\" }\n", encoding="utf-8"
    )
    code, err = _cli(["analyze", str(path)], capsys)
    assert code == 2 and err.count("\n") == 1 and "analysis.bargaining.weights" in err


# ---------------------------------------------------------- item 11: .nfg repeated names on the CLI
def test_nfg_with_repeated_names_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "dup.nfg"
    path.write_text(
        'NFG 1 R "g" { "A" "B" }\n{ { "C" "C" } { "C" "D" } }\n1 1 2 2 3 3 4 4\n', encoding="utf-8"
    )
    code, err = _cli(["solve", str(path)], capsys)
    assert code == 2 and err.count("\n") == 1
    assert f"{path}, line 2: strategy name 'C' of player 'A' is used twice" in err
