"""``coopgame sweep`` end to end on the bundled policy map (coopgame/data/policy_map.toml).

Hand derivation (as in the scenario file): the Enterprise's payoff at (C, C) is
25 + x with x = S_e + 60 tau, at (C, S) 50, at (S, C) S_e - 35, at (S, S) 0; the School's are
25, -15, 5, 0. So

* (C, C) is a Nash equilibrium iff x >= 25; (S, S) iff S_e <= 35;
* both, with S_e < 35 and x > 25: a stag hunt, with a completely mixed equilibrium too;
* at x = 25 exactly the Enterprise is indifferent against a cooperating School: the extreme
  equilibria are (C, C), (S, S) and (C, q) with the School indifferent, 25 q - 15 (1 - q) = 5 q,
  q = 3/7: two pure and one mixed, the game is degenerate;
* grim trigger with Nash reversion to (S, S): the Enterprise gains 50 - (25 + x) = 25 - x by
  deviating and loses 25 + x per period afterwards, so delta* = (25 - x) / 50 for x < 25 and
  0 once (C, C) is a stage equilibrium; sustainable at the scenario's delta = 2/5 iff x >= 5.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from coopgame.cli import main


def _signature(s_e: float, tau: float) -> str:
    x = s_e + 60 * tau
    if x < 25:
        return "Shirk,Shirk"
    if s_e > 35:
        return "Cooperate,Cooperate"
    return "Cooperate,Cooperate + Shirk,Shirk + mixed"


def test_small_grid_end_to_end(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out.csv"
    printed = _output(
        [
            "--grid",
            "S_e=0:40:5",
            "--grid",
            "tau=0:0.5:3",
            "--analysis",
            "equilibria,repeated",
            "--csv",
            str(out),
        ],
        capsys,
    )
    table = pd.read_csv(out)
    assert len(table) == 15
    # first axis slowest
    assert table["S_e"].tolist() == [s for s in (0, 10, 20, 30, 40) for _ in range(3)]
    assert table["tau"].tolist() == [0, 0.25, 0.5] * 5
    for row in table.itertuples(index=False):
        s_e, tau = row.S_e, row.tau
        x = s_e + 60 * tau
        record = row._asdict()
        assert bool(
            table.loc[(table.S_e == s_e) & (table.tau == tau), "nash[Cooperate,Cooperate]"].item()
        ) == (x >= 25), (s_e, tau)
        assert record["signature"] == _signature(s_e, tau), (s_e, tau)
        expected_delta = 0.0 if x >= 25 else (25 - x) / 50
        assert math.isclose(record["delta_star"], expected_delta, abs_tol=1e-12), (s_e, tau)
        assert bool(record["sustainable"]) == (x >= 5)
    # the tie point S_e = 10, tau = 1/4: x = 25 exactly; two pure, one mixed (C, 3/7) equilibrium
    tie = table[(table.S_e == 10) & (table.tau == 0.25)].iloc[0]
    assert tie["n_equilibria"] == 3 and tie["n_mixed"] == 1 and bool(tie["degenerate"])
    assert bool(tie["nash[Cooperate,Cooperate]"]) and bool(tie["nash[Shirk,Shirk]"])
    # the summary: points, method, and the shares per signature (by hand: 4, 8 and 3 of 15 points)
    assert "15 points (S_e: 5 values 0..40; tau: 3 values 0..1/2)" in printed
    assert "method " in printed
    shares = {
        label: count
        for label, count in pd.Series(
            [_signature(s, t) for s in (0, 10, 20, 30, 40) for t in (0, 0.25, 0.5)]
        )
        .value_counts()
        .items()
    }
    assert shares == {
        "Cooperate,Cooperate + Shirk,Shirk + mixed": 8,
        "Shirk,Shirk": 4,
        "Cooperate,Cooperate": 3,
    }
    for label, count in shares.items():
        assert any(
            line.startswith(label) and f"{count / 15:6.1%}" in line for line in printed.splitlines()
        )


def test_general_path_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    png = tmp_path / "map.png"
    printed = _output(["--grid", "S_e=0:40:3", "--grid", "tau=0:0.5:2", "--method", "general",
                       "--plot", str(png)], capsys)
    assert "method general" in printed
    assert png.read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("argv, message", [
    (["--grid", "S_e=0:10"], "S_e=0:10"),
    (["--grid", "S_e=a:b:c"], "S_e=a:b:c"),
    (["--grid", "bogus=0:1:3"], "unknown parameter 'bogus'"),
    (["--grid", "S_e=0:1:3", "--grid", "S_e=0:2:3"], "given twice"),
    (["--grid", "S_e=0:1:3", "--analysis", "equilibria,nonsense"], "unknown analysis 'nonsense'"),
    (["--grid", "S_e=0:1:3", "--plot", "x.png"], "--plot"),
    (["--grid", "S_e=0:1:3", "--delta", "2"], "--delta"),
    (["--grid", "S_e=0:1:3", "--delta", "0"], "--delta: must lie strictly between 0 and 1"),
    (["--grid", "S_e=0:1:3", "--target", "Cooperate,Nope"], "unknown strategy 'Nope'"),
    ([], "--grid"),
    (["--grid", "S_e=0:1:3", "--method", "quick"], "invalid choice"),
])
def test_bad_input_one_line_exit_2(argv: list[str], message: str, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    argv = [a if a != "x.png" else str(tmp_path / "x.png") for a in argv]
    code = _exit_code(["sweep", *argv])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("coopgame: error:")
    assert message in lines[0]
    assert captured.out == ""


def test_missing_scenario_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sweep", str(tmp_path / "nope.toml"), "--grid", "S_e=0:1:3"])
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "nope.toml" in err


def test_monte_carlo(capsys: pytest.CaptureFixture[str]) -> None:
    """The baseline never makes cooperation an equilibrium: x = 0 < B_e + C_e - 60 >= 10 always."""
    printed = _output(["--samples", "200", "--seed", "3"], capsys)
    assert "200 draws per policy (seed 3)" in printed
    rows = {line.split()[0]: line.split() for line in printed.splitlines() if line.split()}
    assert set(rows) >= {"baseline", "subsidy", "tax_incentive", "mix"}
    assert float(rows["baseline"][1]) == 0.0
    # the mix (x = 35) beats the subsidy alone (x = 25) on the same draws (common random numbers)
    assert float(rows["mix"][1]) >= float(rows["subsidy"][1])


def _output(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """What ``coopgame sweep ARGV`` prints; it must succeed."""
    code = main(["sweep", *argv])
    printed = capsys.readouterr().out
    assert code == 0
    return printed


def _exit_code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as exc:  # argparse errors
        return int(exc.code or 0)
