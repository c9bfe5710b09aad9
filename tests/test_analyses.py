"""The one registry of analyses (``coopgame.analyses``): what it feeds, switching off, options,
failures.

The toy analysis of these tests lives in one module written by the test; registering it must be
all it takes to appear in ``coopgame analyze``, in sweeps and in ``coopgame sweep --help``.
"""

from __future__ import annotations

import ast
import importlib
import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from fractions import Fraction
from importlib.resources import files
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from coopgame import Game
from coopgame.analyses import (
    Analysis,
    AnalysisContext,
    AnalysisOptionsError,
    Setup,
    analyses,
    get,
    names,
    plan,
    register,
    unregister,
)
from coopgame.cli import main
from coopgame.io._scenario import ScenarioError, _toml, parse_scenario
from coopgame.report import build_report, render, scenario_cases
from coopgame.sweep import sweep

BUNDLED = files("coopgame") / "data" / "school_enterprise.toml"
PACKAGE = Path(__file__).resolve().parents[1] / "coopgame"

TOY_MODULE = '''
"""A toy analysis: the first player's payoff advantage of the target over the last profile."""

from dataclasses import dataclass

from coopgame.analyses import Analysis, option, register
from coopgame.numbers import to_exact


def _scale(value, key, setup):
    return to_exact(value)


@dataclass(frozen=True)
class GapOptions:
    scale: object = option(1, _scale)


@dataclass(frozen=True)
class GapResult:
    gap: object

    def to_dict(self):
        return {"gap": str(self.gap)}


class PayoffGap(Analysis):
    name = "payoff_gap"
    summary = "the first player's gain of the target over the last profile"
    Options = GapOptions

    def _gap(self, game, context):
        target = game.profile_index(context.target)
        last = tuple(n - 1 for n in game.shape)
        scale = self.options_in(context).scale
        return scale * (game.payoffs[target + (0,)] - game.payoffs[last + (0,)])

    def run(self, game, context):
        return GapResult(self._gap(game, context))

    def columns(self, game, context):
        return {"payoff_gap": "float"}

    def row(self, game, context):
        return {"payoff_gap": float(self._gap(game, context))}


register(PayoffGap)
'''


@pytest.fixture
def toy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ModuleType]:
    """The toy analysis's module, written to a fresh directory and imported (which registers it)."""
    (tmp_path / "toy_gap_analysis.py").write_text(TOY_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    module = importlib.import_module("toy_gap_analysis")
    try:
        yield module
    finally:
        unregister("payoff_gap")
        sys.modules.pop("toy_gap_analysis", None)


def bundled_table() -> dict[str, Any]:
    return _toml().loads(Path(str(BUNDLED)).read_text(encoding="utf-8"))


def write_scenario(path: Path, analysis: str) -> Path:
    """The bundled scenario with ``analysis`` appended to its ``[analysis]`` table."""
    text = Path(str(BUNDLED)).read_text(encoding="utf-8")
    path.write_text(text.rstrip() + "\n" + textwrap.dedent(analysis) + "\n", encoding="utf-8")
    return path


# --------------------------------------------------------------------------- one module is enough
def test_a_registered_analysis_appears_in_the_report(
    toy: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    """Baseline preset: School gets -3 at (Cooperate, Cooperate) and 0 at (Shirk, Shirk): gap -3
    (the preset payoffs of tests/test_models.py)."""
    assert main(["analyze", "--preset", "baseline", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["payoff_gap"] == {"baseline": {"gap": "-3"}}
    assert main(["analyze", "--preset", "baseline"]) == 0
    text = capsys.readouterr().out
    assert "Payoff gap" in text and "gap: -3" in text


def test_a_registered_analysis_reads_its_options_from_the_scenario(
        toy: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Bundled scenario, S_e = 0: School 60 * 5/12 - C_s = 25 at (C, C), 0 at (Shirk, Shirk);
    scale 2 -> 50."""
    path = write_scenario(tmp_path / "s.toml", "payoff_gap = { scale = 2 }")
    assert main(["analyze", str(path), "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    (case,) = report["scenario"]["cases"]
    assert report["payoff_gap"][case] == {"gap": "50"}
    bad = write_scenario(tmp_path / "bad.toml", "payoff_gap = { scael = 2 }")
    assert main(["analyze", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "analysis.payoff_gap.scael: unknown key; keys are scale" in err


def test_a_registered_analysis_gives_sweep_columns(toy: ModuleType) -> None:
    """Bundled scenario: the School's gap is a R - C_s = 25 whatever S_e and the Enterprise's
    costs."""
    for method in ("general", "auto"):  # "auto" must see that the fast path cannot compute it
        result = sweep(
            BUNDLED,
            {"S_e": "0:10:3", "C_e": [40, 50]},
            analyses=["equilibria", "payoff_gap"],
            method=method,
            progress=False,
        )
        assert result.method == "general"
        assert result.table["payoff_gap"].tolist() == [25.0] * 6
        assert result.table["payoff_gap"].dtype == float


def test_a_registered_analysis_is_listed_in_the_help(
    toy: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("sweep", "analyze"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = " ".join(capsys.readouterr().out.split())  # argparse wraps lines
        assert "payoff_gap: the first player's gain of the target over the last profile" in out
        for name in names(sweep=command == "sweep", report=command == "analyze"):
            assert name in out


def test_registering_a_second_analysis_under_a_taken_name_is_an_error(toy: ModuleType) -> None:
    class Other(Analysis):
        name = "payoff_gap"

    with pytest.raises(ValueError, match="already registered"):
        register(Other)
    with pytest.raises(ValueError, match="key of its own"):
        register(type("Target", (Analysis,), {"name": "target"}))


def test_every_module_of_the_package_is_discovered() -> None:
    """Each public module of coopgame/analyses registers the analysis class it defines."""
    registered = {type(a).__module__ for a in analyses()}
    modules = {f"coopgame.analyses.{p.stem}" for p in (PACKAGE / "analyses").glob("*.py")
               if not p.stem.startswith("_")}
    assert modules <= registered


# --------------------------------------------------------------------------- switching off
@pytest.mark.parametrize("name", names(report=True))
def test_every_section_can_be_switched_off(name: str) -> None:
    data = bundled_table()
    data["analysis"][name] = False
    if name != "evolution":
        data["analysis"]["evolution"] = {"starts": 0}  # basins are slow and beside the point here
    scenario = parse_scenario(data)
    report = build_report(scenario_cases(scenario))
    assert name not in report
    if name == "equilibria":
        assert "cooperation" not in report
    for other in names(report=True):
        if other != name:
            assert other in report, other
    heading = {"thresholds": "Policy thresholds"}.get(name, get(name).heading)
    assert f"### {heading}\n" not in render(report, "markdown")


def test_switched_on_explicitly_is_the_default() -> None:
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert plan({"evolution": True}, Setup(pd)) == plan({}, Setup(pd))


# --------------------------------------------------------------------------- options
@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"repeated": {"delta": 1}}, "analysis.repeated.delta: must lie strictly between 0 and 1"),
        ({"repeated": {"delta": "x"}}, "analysis.repeated.delta: 'x' is not a number"),
        (
            {"repeated": {"punishments": ["harsh"]}},
            "analysis.repeated.punishments: unknown value 'harsh'",
        ),
        ({"repeated": {"targets": [["Cooperate"]]}}, "analysis.repeated.targets[0]"),
        ({"repeated": "fast"}, "analysis.repeated: expected a table"),
        ({"evolution": {"starts": -1}}, "analysis.evolution.starts: must be at least 0"),
        (
            {"evolution": {"stars": 3}},
            "analysis.evolution.stars: unknown key; keys are radius, seed, starts, t_end",
        ),
        ({"evolution": {"t_end": 0}}, "analysis.evolution.t_end: must be positive"),
        ({"bargaining": {"rules": ["fair"]}}, "analysis.bargaining.rules: unknown value 'fair'"),
        ({"bargaining": {"weights": [1]}}, "analysis.bargaining.weights: expected 2 numbers"),
        (
            {"bargaining": {"rubinstein": {"delta": [1, "1/2"]}}},
            "analysis.bargaining.rubinstein.delta[0]",
        ),
        ({"allocation": {"method": "mean"}}, "analysis.allocation.method: unknown value 'mean'"),
        ({"thresholds": {"parameter": "S_e"}}, "analysis.thresholds: expected an array of tables"),
        ({"stabilty": False}, "analysis.stabilty: unknown key; keys are allocation, bargaining"),
    ],
)
def test_bad_options_name_the_key(entry: dict[str, Any], message: str) -> None:
    data = bundled_table()
    data["analysis"].update(entry)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data)
    assert str(caught.value).startswith(message)


def test_options_are_typed_and_frozen() -> None:
    data = bundled_table()
    data["analysis"]["evolution"] = {"starts": 10, "t_end": "5/2"}
    scenario = parse_scenario(data)
    chosen = plan(
        scenario.analysis,
        Setup(scenario.game, scenario.parameters, scenario.analysis, scenario.target),
    )
    assert chosen["evolution"].t_end == 2.5 and chosen["repeated"].delta == Fraction(1, 5)
    # the repeated analysis asks by default for the instruments whose thresholds the scenario lists
    assert chosen["repeated"].instruments == ("S_e",)
    with pytest.raises(AttributeError):
        chosen["evolution"].starts = 3


def test_built_in_option_choices_match_the_algorithms() -> None:
    """The options' allowed values are the algorithm modules' own (copied there to keep imports
    light)."""
    from coopgame.analyses import allocation, bargaining, repeated
    from coopgame.bargaining import RULES
    from coopgame.repeated._discount import PUNISHMENTS, STRATEGIES

    assert bargaining._RULES == RULES
    assert repeated._PUNISHMENTS == PUNISHMENTS and repeated._STRATEGIES == STRATEGIES
    assert allocation.AllocationOptions().values == ("shapley", "banzhaf", "nucleolus", "core")


def test_the_sweep_reads_the_scenario_options(toy: ModuleType, tmp_path: Path) -> None:
    path = write_scenario(tmp_path / "s.toml", "payoff_gap = { scale = 2 }")
    result = sweep(path, {"S_e": [0, 5]}, analyses=["payoff_gap"], progress=False)
    assert result.table["payoff_gap"].tolist() == [50.0, 50.0]


# --------------------------------------------------------------------------- failures
class _Broken(Analysis):
    name = "broken"

    def run(self, game: Game, context: AnalysisContext) -> Any:
        raise AnalysisOptionsError("nothing to see\nsecond line")


def test_a_failing_analysis_becomes_a_note() -> None:
    register(_Broken)
    try:
        data = bundled_table()
        data["analysis"]["evolution"] = False
        report = build_report(scenario_cases(parse_scenario(data)))
    finally:
        unregister("broken")
    (case,) = report["scenario"]["cases"]
    assert report["notes"] == {
        case: ["broken: not computed (AnalysisOptionsError: nothing to see)"]
    }
    assert "broken" not in report and "repeated" in report
    assert "broken: not computed" in render(report, "text")


# --------------------------------------------------------------------------- structure
def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_no_import_cycle_between_scenario_and_report() -> None:
    """io/_scenario.py never imports the report (lazily or not); the analyses import neither."""
    assert not any(
        m.startswith("coopgame.report") for m in _imported_modules(PACKAGE / "io" / "_scenario.py")
    )
    for module in (PACKAGE / "analyses").glob("*.py"):
        imported = _imported_modules(module)
        assert not any(
            m.startswith(("coopgame.report", "coopgame.io", "coopgame.cli")) for m in imported
        ), module
    code = "import sys, coopgame.io._scenario; print('coopgame.report' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent)
    assert out.stdout.strip() == "False"
