"""`coopgame solve`: in-process through coopgame.cli.main, and once through the installed script."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from coopgame.cli import main
from coopgame.cli._solve import example_game
from tests.conftest import gambit_reference, reference_profiles

F = Fraction

#: The bundled stag hunt, derived by hand. Payoffs (School, Enterprise):
#: (C,C) = (5,4), (C,S) = (-1,2), (S,C) = (2,-2), (S,S) = (0,0).
#: Pure equilibria: (C,C) (deviations give 2 < 5 and 2 < 4) and (S,S) (-1 < 0, -2 < 0).
#: Mixed: the enterprise's y = P(C) makes the school indifferent: 5y - (1-y) = 2y, y = 1/4;
#: the school's x makes the enterprise indifferent: 4x - 2(1-x) = 2x, x = 1/2.
#: Payoffs there: school 2y = 1/2, enterprise 2x = 1.
EXAMPLE_EQUILIBRIA = [
    {"profile": [["1", "0"], ["1", "0"]], "payoffs": ["5", "4"], "regret": "0"},
    {"profile": [["1/2", "1/2"], ["1/4", "3/4"]], "payoffs": ["1/2", "1"], "regret": "0"},
    {"profile": [["0", "1"], ["0", "1"]], "payoffs": ["0", "0"], "regret": "0"},
]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _exact_profiles(data: dict) -> set[tuple[tuple[Fraction, ...], ...]]:
    return {tuple(tuple(F(p) for p in vec) for vec in eq["profile"]) for eq in data["equilibria"]}


def test_bundled_example_payoffs() -> None:
    game = example_game()
    assert game.kind == "exact"
    assert game.payoff_of(("Cooperate", "Shirk")) == (-1, 2)
    assert game.payoff_of(("Shirk", "Cooperate")) == (2, -2)
    assert game.payoff_of(("Shirk", "Shirk")) == (0, 0)


@pytest.mark.parametrize("method", ["vertex", "support"])
def test_bundled_example_json(capsys: pytest.CaptureFixture[str], method: str) -> None:
    code, out, err = _run(capsys, "solve", "--method", method, "--format", "json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["players"] == ["School", "Enterprise"]
    assert data["strategies"] == [["Cooperate", "Shirk"], ["Cooperate", "Shirk"]]
    assert data["exact"] is True
    assert data["degenerate"] is False
    assert data["equilibria"] == EXAMPLE_EQUILIBRIA
    assert [c["equilibria"] for c in data["components"]] == [[0], [1], [2]]


def test_bundled_example_text_is_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "solve")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == "3 equilibria (vertex, exact)"
    assert lines[3].split() == ["2", "(1/2,", "1/2)", "(1/4,", "3/4)", "1/2", "1", "0"]


def test_markdown_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "solve", "--format", "markdown")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "**3 equilibria (vertex, exact)**"
    assert lines[2].startswith("| # | School (Cooperate, Shirk) | Enterprise (Cooperate, Shirk) |")
    assert lines[5] == "| 2 | (1/2, 1/2) | (1/4, 3/4) | 1/2 | 1 | 0 |"


def test_float_mode_gives_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "solve", "--float", "--tol", "1e-8", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["exact"] is False
    mixed = data["equilibria"][1]
    assert all(isinstance(p, float) for vec in mixed["profile"] for p in vec)
    assert math.isclose(mixed["profile"][1][0], 0.25, abs_tol=1e-9)
    assert 0 <= mixed["regret"] <= 1e-8


@pytest.mark.parametrize("method", ["vertex", "support"])
def test_coord3_matches_gambit(
    capsys: pytest.CaptureFixture[str], gambit_dir: Path, method: str
) -> None:
    """coord3.nfg: Gambit's enummixed lists 7 equilibria (the 3x3 coordination game)."""
    code, out, err = _run(
        capsys, "solve", str(gambit_dir / "coord3.nfg"), "--method", method, "--format", "json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert len(data["equilibria"]) == 7
    assert _exact_profiles(data) == reference_profiles(gambit_reference()["coord3.nfg"])
    assert all(eq["regret"] == "0" for eq in data["equilibria"])


# ---------------------------------------------------------------------------- bad input
@pytest.fixture
def malformed(tmp_path: Path) -> Path:
    path = tmp_path / "bad.nfg"
    path.write_text('NFG 1 R "g" { "A" "B" } { 2 2 }\n1 1 2 2\n3 abc 4 4\n')
    return path


def _assert_one_line_error(code: int, out: str, err: str, fragment: str) -> None:
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n"), err
    assert err.startswith("coopgame: error: ")
    assert fragment in err
    assert "Traceback" not in err


def test_malformed_file(capsys: pytest.CaptureFixture[str], malformed: Path) -> None:
    code, out, err = _run(capsys, "solve", str(malformed))
    _assert_one_line_error(code, out, err, "bad.nfg, line 3: expected a number, found 'abc'")


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = _run(capsys, "solve", str(tmp_path / "absent.nfg"))
    _assert_one_line_error(code, out, err, "absent.nfg")


def test_unknown_method(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(capsys, "solve", "--method", "magic")
    _assert_one_line_error(code, out, err, "unknown method 'magic'")


def test_two_player_method_on_three_players(
    capsys: pytest.CaptureFixture[str], gambit_dir: Path
) -> None:
    code, out, err = _run(capsys, "solve", str(gambit_dir / "2x2x2.nfg"), "--method", "support")
    _assert_one_line_error(code, out, err, "needs a two-player game; this one has 3 players")


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [(["--tol", "0"], "positive"), (["--tol", "abc"], "not a number"),
     (["--exact", "--float"], "not allowed"), (["--format", "xml"], "invalid choice")],
)
def test_bad_options(capsys: pytest.CaptureFixture[str], argv: list[str], fragment: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(["solve", *argv])
    captured = capsys.readouterr()
    _assert_one_line_error(int(info.value.code or 0), captured.out, captured.err, fragment)


# ---------------------------------------------------------------------------- the installed script
def _script() -> str:
    found = shutil.which("coopgame", path=str(Path(sys.executable).parent)) or shutil.which(
        "coopgame"
    )
    if found is None:
        pytest.skip("the coopgame script is not installed")
    return found


def test_installed_script(gambit_dir: Path, malformed: Path) -> None:
    script = _script()
    done = subprocess.run([script, "solve", str(gambit_dir / "coord3.nfg"), "--format", "json"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert len(data["equilibria"]) == 7
    assert ["2/5", "2/5", "1/5"] in [eq["profile"][0] for eq in data["equilibria"]]
    assert _exact_profiles(data) == reference_profiles(gambit_reference()["coord3.nfg"])

    failed = subprocess.run(
        [script, "solve", str(malformed)], capture_output=True, text=True, timeout=120
    )
    _assert_one_line_error(failed.returncode, failed.stdout, failed.stderr, "line 3")
