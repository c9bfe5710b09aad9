"""``coopgame analyze`` and the report: JSON contract, hand-derived thresholds, bad input."""

from __future__ import annotations

import json
from fractions import Fraction
from importlib.resources import files
from pathlib import Path

import pytest

from coopgame.cli import main
from coopgame.report import build_report, preset_cases, render

C, N = "Cooperate", "Shirk"


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["analyze", *args, "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def default_report() -> dict:
    return json.loads(render(build_report(preset_cases()), "json"))


def test_default_run_has_the_contract_keys(capsys: pytest.CaptureFixture[str]) -> None:
    report = run_json(capsys)
    assert {"scenario", "parameters", "game", "equilibria", "thresholds"} <= set(report)
    assert report["scenario"]["cases"] == [
        "baseline",
        "interest_guarantee",
        "policy_support",
        "combined",
    ]
    for row in report["thresholds"]:
        assert {"parameter", "target", "condition", "value", "formula"} <= set(row)
        assert row["value"] is None or isinstance(row["value"], str)


def test_default_equilibria_tell_the_story(default_report: dict) -> None:
    """Baseline: only (Shirk, Shirk); combined: only (Cooperate, Cooperate) (see test_models)."""
    eqs = default_report["equilibria"]
    assert [e["pure"] for e in eqs["baseline"]] == [[N, N]]
    assert [e["pure"] for e in eqs["combined"]] == [[C, C]]
    assert default_report["cooperation"]["combined"]["unique"] is True
    assert default_report["cooperation"]["baseline"]["is_equilibrium"] is False
    # interest guarantee: (C,C) and (N,N) and the mixed one with School (4/5, 1/5)
    assert [e["profile"][0] for e in eqs["interest_guarantee"]] == [
        ["1", "0"],
        ["4/5", "1/5"],
        ["0", "1"],
    ]


def test_policy_support_pareto(default_report: dict) -> None:
    """policy_support: (N,N) = (0, -5) is dominated by (C,C) = (1, 41): not Pareto-efficient."""
    (eq,) = default_report["equilibria"]["policy_support"]
    assert eq["payoffs"] == ["0", "-5"] and eq["pareto_efficient"] is False


def test_baseline_shirk_shirk_is_dominated_only_by_correlated_play(default_report: dict) -> None:
    """baseline: (S,S) = (0, -5); the pure outcomes (C,C) = (-3, 23), (C,S) = (-15, 25), (S,C) = (5,
    -25) each give the School less or the Enterprise less, so no pure profile dominates it. But the
    feasible set is their convex hull: half (S,C) and half (C,C) gives (1, -1) >= (0, -5), so (S,S)
    is not Pareto-efficient; the bargaining section's points (e.g. Nash (5/6, 0)) dominate it too.
    """
    (eq,) = default_report["equilibria"]["baseline"]
    assert eq["payoffs"] == ["0", "-5"]
    assert eq["pareto_efficient"] is False and eq["pareto_efficient_among_pure"] is True
    nash = default_report["bargaining"]["baseline"]["solutions"]["nash"]["point"]
    assert nash == ["5/6", "0"]
    text = render(default_report, "text")
    assert (
        "undominated by a pure profile" in text
        and "convex hull of the pure-profile payoffs" in text
    )


def test_interest_guarantee_report_bargains_from_the_security_levels(default_report: dict) -> None:
    """The section states its threat point (security levels (-18/35, -5), derived in
    tests/test_bargaining.py) and no rule is degenerate: all give (C,C) = (15/2, 25/2)."""
    section = default_report["bargaining"]["interest_guarantee"]
    assert section["disagreement_point"].startswith("(-18/35, -5), threat point = security levels")
    for solution in section["solutions"].values():
        assert solution["point"] == ["15/2", "25/2"]
        assert not any("degenerate" in note for note in solution["notes"])


@pytest.mark.parametrize(
    ("v", "outcomes", "dominated"),
    [
        # three players: the midpoint of (3, -1, 0) and (-1, 3, 0) is (1, 1, 0) >= (0, 0, 0)
        ((0, 0, 0), [(0, 0, 0), (3, -1, 0), (-1, 3, 0)], True),
        ((0, 0, 0), [(0, 0, 0), (3, -1, 0), (-1, 3, -1)], False),  # the third player always loses
        ((1, 1, 1), [(1, 1, 1), (2, 0, 2), (0, 2, 2)], True),  # midpoint (1, 1, 2)
        ((0.0, 0.0), [(0.0, 0.0), (2.0, -1.0), (-1.0, 2.0)], True),  # floats
        # the segment through v: nothing above
        ((0.0, 0.0), [(0.0, 0.0), (1.0, -1.0), (-1.0, 1.0)], False),
    ],
)
def test_dominance_in_the_feasible_set(v: tuple, outcomes: list, dominated: bool) -> None:
    from coopgame.analyses.equilibria import dominated_in_feasible_set

    assert dominated_in_feasible_set(v, outcomes) is dominated


def _threshold(report: dict, case: str, parameter: str, condition: str) -> dict:
    (row,) = [t for t in report["thresholds"]
              if t["case"] == case and t["parameter"] == parameter and t["condition"] == condition]
    return row


def test_hand_derived_thresholds(default_report: dict) -> None:
    """policy_support, S_s for (C,C) Nash: School needs -3 + (4/5) S_s >= B_s - F = 5, i.e.
    S_s >= 10; the Enterprise's condition 41 >= 25 already holds.
    combined, S_e: Enterprise 45/2 + (4/5) S_e >= 11 holds at S_e = 0 (School 23/2 >= -9 too).
    baseline, S_e: the School's condition -3 >= 5 fails whatever S_e is: unreachable."""
    row = _threshold(default_report, "policy_support", "S_s", "nash")
    assert row["status"] == "reachable" and Fraction(row["value"]) == 10
    assert _threshold(default_report, "combined", "S_e", "nash")["status"] == "holds_at_zero"
    row = _threshold(default_report, "baseline", "S_e", "nash")
    assert row["status"] == "unreachable" and row["value"] is None


def test_provenance_in_the_report(default_report: dict) -> None:
    """Every cell of every case: payoffs == base + the listed amounts."""
    for case, game in default_report["game"].items():
        for cell in game["cells"]:
            for k, player in enumerate(game["players"]):
                listed = sum(
                    Fraction(m["amount"]) for m in cell["modifications"] if m["player"] == player
                )
                assert Fraction(cell["payoffs"][k]) == Fraction(cell["base"][k]) + listed, (
                    case,
                    cell,
                )
    cell = default_report["game"]["combined"]["cells"][0]
    assert (
        cell["explanation"]["Enterprise"]
        == "+ S_e*r = 8 (subsidy) + C_e*r*tau = 10 (tax incentive)"
    )


@pytest.mark.parametrize("fmt", ["text", "markdown", "latex"])
def test_formats(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    assert main(["analyze", "--preset", "combined", "--format", fmt]) == 0
    out = capsys.readouterr().out
    assert "combined" in out and "Cooperate" in out
    if fmt == "latex":
        assert "\\begin{tabular}" in out and "S\\_e" in out


def test_scenario_file_and_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The bundled scenario: Enterprise (C,C) = 60 - 45 + S_e >= B_e = 20 iff S_e >= 5."""
    out = tmp_path / "report.json"
    path = str(files("coopgame") / "data" / "school_enterprise.toml")
    assert main(["analyze", path, "--format", "json", "--output", str(out)]) == 0
    assert capsys.readouterr().out == ""
    report = json.loads(out.read_text())
    (nash,) = [t for t in report["thresholds"] if t["condition"] == "nash"]
    assert Fraction(nash["value"]) == 5
    report = run_json(capsys, path, "--set", "S_e=6")
    assert report["cooperation"][report["scenario"]["cases"][0]]["is_equilibrium"] is True


def test_set_changes_a_preset(capsys: pytest.CaptureFixture[str]) -> None:
    """baseline with a = 3/8 and F = 14 is the interest_guarantee preset: (C,C) becomes an
    equilibrium.
    """
    report = run_json(capsys, "--preset", "baseline", "--set", "a=3/8", "--set", "F=14")
    assert report["cooperation"]["baseline"]["is_equilibrium"] is True


@pytest.mark.parametrize(("args", "message"), [
    (["--preset", "nope"], "unknown preset 'nope'"),
    (["--set", "S_e"], "expected NAME=VALUE"),
    (["--set", "S_e=lots"], "is not a number"),
    (["--set", "Q=1"], "unknown parameter 'Q'"),
    (["--format", "pdf"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    try:
        code = main(["analyze", *args])
    except SystemExit as exc:  # argparse's own errors
        code = int(exc.code or 0)
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err


def test_malformed_toml_and_missing_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[game\n")
    assert main(["analyze", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "malformed TOML" in err
    assert main(["analyze", str(tmp_path / "absent.toml")]) == 2
    assert "absent.toml" in capsys.readouterr().err
    assert main(["analyze", str(bad), "--preset", "baseline"]) == 2


def test_bundled_scenario_has_the_repeated_section() -> None:
    """The bundled game: Enterprise path 15 + S_e per year, deviation 20 once, then (Shirk, Shirk) =
    0.

    Grim trigger holds iff (15 + S_e) / (1 - d) >= 20, i.e. d >= (5 - S_e) / 20: d* = 1/4 without a
    subsidy; the School (25 on the path, 5 from deviating) never wants to deviate. At the scenario's
    d = 1/5 the subsidy needed is 20 * (1 - 1/5) - 15 = 1.
    """
    from importlib.resources import files

    from coopgame.io._scenario import load_scenario
    from coopgame.report import build_report, scenario_cases

    scenario = load_scenario(files("coopgame") / "data" / "school_enterprise.toml")
    section = build_report(scenario_cases(scenario))["repeated"][scenario.name]
    grim_nash = next(e for e in section["critical_discount"] if e["punishment"] == "nash")
    assert grim_nash["delta"] == "1/4" and grim_nash["sustained_at_delta"] is False
    needed = section["instrument_needed"][0]
    assert (needed["parameter"], needed["level"]) == ("S_e", "1")


def test_default_report_has_the_evolution_section() -> None:
    """Baseline payoffs: at (Shirk, Shirk) the School gets 0 and would get -15 by cooperating, the
    Enterprise -5 against -25. At a vertex the replicator eigenvalues are these payoff advantages,
    -15 and -20: the all-shirk state is asymptotically stable."""
    from coopgame.report import build_report, preset_cases

    section = build_report(preset_cases(["baseline"]))["evolution"]["baseline"]
    shirk = next(p for p in section["rest_points"] if p["profile"] == ["Shirk", "Shirk"])
    assert sorted(shirk["eigenvalues"]) == ["-15", "-20"]
    assert shirk["classification"] == "asymptotically stable"


def test_default_report_bridges_bargaining_to_the_model() -> None:
    """Baseline: a successful project yields p*R = 60. The School's gain over disagreement (0) is
    60a - 15; the Enterprise's over its disagreement payoff -m = -5 is 60(1-a) - 25 + 5. Equal gains
    (symmetric Nash bargaining): 120a = 55, a* = 11/24. At that split the Enterprise earns
    60 * 13/24 - 25 = 7.5 from mutual cooperation but 30 by free-riding: not self-enforcing."""
    from coopgame.report import build_report, preset_cases

    bridge = build_report(preset_cases(["baseline"]))["bargaining"]["baseline"]["bridge"]
    assert bridge["sharing"] == "11/24"
    assert bridge["self_enforcing"] is False
    assert bridge["cheapest"] in bridge["subsidies"]
