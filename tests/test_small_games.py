"""Games with one player or one strategy per player (issue 11, item 8): answers, never tracebacks.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from coopgame import Game, nash_equilibria
from coopgame.cli import main
from coopgame.equilibria._single_player import single_player_equilibria
from coopgame.evolution import basins, rest_points

#: the report's further analyses, each of which must give an answer or a note
SECTIONS = ("repeated", "evolution", "bargaining", "allocation")

ONE_BY_ONE = """
[scenario]
name = "one by one"
[parameters]
R = 3
[game]
players = ["School", "Enterprise"]
strategies = [["Cooperate"], ["Cooperate"]]
[game.payoffs]
"Cooperate,Cooperate" = ["R", "2"]
"""

ONE_BY_THREE = """
[scenario]
name = "one by three"
[parameters]
R = 3
[game]
players = ["School", "Enterprise"]
strategies = [["Cooperate"], ["Cooperate", "Shirk", "Wait"]]
[game.payoffs]
"Cooperate,Cooperate" = ["R", "2"]
"Cooperate,Shirk" = ["1", "2"]
"Cooperate,Wait" = ["0", "1"]
"""

ONE_PLAYER = """
[scenario]
name = "one player"
[parameters]
R = 3
[game]
players = ["School"]
strategies = [["Cooperate", "Shirk", "Wait"]]
[game.payoffs]
"Cooperate" = ["R"]
"Shirk" = ["3"]
"Wait" = ["1"]
"""

ONE_PLAYER_TWO_STRATEGIES = """
[scenario]
name = "one player, two strategies"
[parameters]
R = 3
[game]
players = ["School"]
strategies = [["Cooperate", "Shirk"]]
[game.payoffs]
"Cooperate" = ["R"]
"Shirk" = ["1"]
"""

ONE_PLAYER_NFG = 'NFG 1 R "one player" { "Solo" }\n{ { "A" "B" "C" } }\n""\n3 3 1\n'


def analyze(tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str) -> dict:
    path = tmp_path / "scenario.toml"
    path.write_text(text)
    assert main(["analyze", str(path), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return json.loads(captured.out)


@pytest.mark.parametrize("text", [ONE_BY_ONE, ONE_BY_THREE, ONE_PLAYER, ONE_PLAYER_TWO_STRATEGIES])
def test_every_section_answers_or_notes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    report = analyze(tmp_path, capsys, text)
    (case,) = report["scenario"]["cases"]
    assert report["equilibria"][case]
    for key in SECTIONS:
        section = report[key][case]
        assert section, key
        # no section may be skipped for these games: each has an answer (or its own note)
        assert not any("skipped" in note for note in section.get("notes", [])), (key, section)


def test_one_by_one_rest_point(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """1x1: the state space is a single point, so it is (vacuously) asymptotically stable and every
    start is already there; the equilibrium is the only profile."""
    report = analyze(tmp_path, capsys, ONE_BY_ONE)
    evolution = report["evolution"]["one by one"]
    assert evolution["coordinates"] == []
    [point] = evolution["rest_points"]
    assert (point["point"], point["eigenvalues"], point["classification"]) == (
        [],
        [],
        "asymptotically stable",
    )
    assert report["equilibria"]["one by one"][0]["pure"] == ["Cooperate", "Cooperate"]
    game = Game.bimatrix([[3]], [[2]])
    assert rest_points(game)[0].is_stable and rest_points(game.as_float())[0].is_stable
    result = basins(game, 5)
    assert result.shares == (1.0,) and result.unresolved == 0.0


def test_one_player_equilibria_are_its_best_strategies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Payoffs 3, 3, 1: the two maximisers are the extreme equilibria, and every mixture of them is
    one (the whole edge, one component with one maximal Nash subset); the third strategy never is.
    """
    path = tmp_path / "solo.nfg"
    path.write_text(ONE_PLAYER_NFG)
    assert main(["solve", str(path), "--format", "json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [e["profile"] for e in result["equilibria"]] == [[["1", "0", "0"]], [["0", "1", "0"]]]
    assert result["degenerate"] is True and result["complete"] is True
    [component] = result["components"]
    assert component["nash_subsets"][0]["extreme_strategies"] == [
        [["1", "0", "0"], ["0", "1", "0"]]
    ]
    assert "infinitely many equilibria" in result["notes"][0]
    assert main(["solve", str(path), "--float"]) == 0
    assert "2 equilibria" in capsys.readouterr().out
    report = analyze(tmp_path, capsys, ONE_PLAYER)
    assert [e["pure"] for e in report["equilibria"]["one player"]] == [["Cooperate"], ["Shirk"]]


@pytest.mark.parametrize("payoffs", [[5.0], [2, 7, 7, 7], [-1, -4], [0.5, 0.25, 0.5 + 1e-12]])
def test_one_player_solver_matches_the_argmax(payoffs: list[float]) -> None:
    game = Game(
        np.array(payoffs, dtype=object if all(isinstance(p, int) for p in payoffs) else float)[
            :, None
        ]
    )
    for method in (None, "polynomial", "pure"):
        result = nash_equilibria(game, method=method)
        best = max(payoffs)
        tol = 0 if game.kind == "exact" else 1e-9
        expected = [k for k, p in enumerate(payoffs) if p >= best - tol]
        assert [int(np.argmax(e.float_profile()[0])) for e in result] == expected
        assert all(e.regret == 0 or e.regret <= 1e-9 for e in result)
    single = single_player_equilibria(game)
    assert single.degenerate is (len(single) > 1)
    assert single.components is not None and single.components[0].equilibria == tuple(
        range(len(single))
    )


def test_one_player_two_strategies_has_basins(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """x' = x (1 - x) (3 - 1): every interior start goes to Cooperate (x = 1)."""
    report = analyze(tmp_path, capsys, ONE_PLAYER_TWO_STRATEGIES)
    evolution = report["evolution"]["one player, two strategies"]
    assert evolution["basins"]["shares"] == {"1": 1.0} and evolution["basins"]["unresolved"] == 0.0
