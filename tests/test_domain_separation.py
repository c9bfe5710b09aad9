"""The school-enterprise model lives in coopgame.models; the generic modules know nothing of it (#12
item 4).

Two checks: the code of the generic modules (docstrings aside) names none of the model's
players, strategies or parameters and never imports coopgame.models; and the analyses give
the same numbers on the model's game with every player and strategy renamed.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import coopgame
from coopgame.analyses import AnalysisContext, Setup, plan
from coopgame.analyses.allocation import AllocationOptions
from coopgame.analyses.allocation import compute as allocation
from coopgame.analyses.bargaining import BargainingOptions
from coopgame.analyses.bargaining import compute as bargaining
from coopgame.analyses.evolution import EvolutionOptions
from coopgame.analyses.evolution import compute as evolution
from coopgame.analyses.repeated import RepeatedOptions
from coopgame.analyses.repeated import compute as repeated
from coopgame.game import Game
from coopgame.models import GOVERNMENT_PARAMETERS, PARAMETERS, preset

PACKAGE = Path(coopgame.__file__).parent
GENERIC = (
    "equilibria",
    "repeated",
    "evolution",
    "sweep",
    "bargaining.py",
    "coalition.py",
    "design.py",
)
MODEL_NAMES = frozenset(
    {
        "Cooperate",
        "Shirk",
        "School",
        "Enterprise",
        "Government",
        "Support",
        "Laissez-faire",
        "S_s",
        "S_e",
        "tau",
        "C_s",
        "C_e",
        "B_s",
        "B_e",
        "F_g",
        "C_g",
    }
)


def _generic_files() -> list[Path]:
    files: list[Path] = []
    for name in GENERIC:
        path = PACKAGE / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes (module, class and function docstrings)."""
    found = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and node.body
        ):
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def _model_mentions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstrings(tree)
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and node.value in MODEL_NAMES
        ):
            found.append(f"{path.name}:{node.lineno}: the string {node.value!r}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("coopgame.models"):
            found.append(f"{path.name}:{node.lineno}: imports {node.module}")
        elif isinstance(node, ast.ImportFrom) and node.module == "coopgame" \
                and any(alias.name == "models" for alias in node.names):
            found.append(f"{path.name}:{node.lineno}: imports coopgame.models")
        elif isinstance(node, ast.Import) and any(
            a.name.startswith("coopgame.models") for a in node.names
        ):
            found.append(f"{path.name}:{node.lineno}: imports coopgame.models")
    return found


def test_the_check_sees_a_special_case() -> None:
    """The scan itself: code naming a strategy is found, the same name in a docstring is not."""
    source = (
        '"""(Cooperate, Cooperate) in a docstring is fine."""\n'
        'TARGET = ("Cooperate", "Cooperate")\n'
    )
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    names = [
        n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and id(n) not in docstrings
    ]
    assert names == ["Cooperate", "Cooperate"]


@pytest.mark.parametrize("path", _generic_files(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_generic_modules_do_not_special_case_the_model(path: Path) -> None:
    assert _model_mentions(path) == []


def test_the_model_names_cover_its_parameters() -> None:
    # a parameter the model adds later should be added to MODEL_NAMES (single letters are too
    # generic)
    assert {p for p in PARAMETERS + GOVERNMENT_PARAMETERS if len(p) > 1} <= MODEL_NAMES


# ----------------------------------------------------------------- renamed strategies, same numbers
def _renamed(game: Game) -> Game:
    return game.rename(
        players=["Firm A", "Firm B"], strategies=[["Work", "Idle"], ["Work", "Idle"]]
    )


@pytest.mark.parametrize("name", ["baseline", "interest_guarantee", "policy_support", "combined"])
def test_bargaining_on_renamed_strategies_gives_the_same_numbers(name: str) -> None:
    """Nothing in the bargaining analysis depends on what the players and strategies are called:
    every rule from every threat point gives the same payoffs, and a status quo written with the
    new names gives what the old names gave."""
    game = preset(name)
    renamed = _renamed(game)
    for disagreement, renamed_disagreement in (
        ("maxmin", "maxmin"),
        ("nash", "nash"),
        (("Shirk", "Shirk"), ("Idle", "Idle")),
        ("Cooperate,Shirk", "Work,Idle"),
    ):
        original = bargaining(game, BargainingOptions(disagreement=disagreement))
        again = bargaining(renamed, BargainingOptions(disagreement=renamed_disagreement))
        assert original.solutions is not None and again.solutions is not None
        for rule, solution in original.solutions.items():
            assert again.solutions[rule].point == solution.point, (disagreement, rule)
            assert again.solutions[rule].disagreement == solution.disagreement, (disagreement, rule)


def test_every_section_on_renamed_strategies_gives_the_same_numbers() -> None:
    """The repeated, evolution and allocation sections too: the same critical discount factors,
    rest points and their classification, and the same Shapley value and core."""
    game = preset("interest_guarantee")
    renamed = _renamed(game)
    first = repeated(
        game, RepeatedOptions(strategies=("grim", "tit_for_tat")), ("Cooperate", "Cooperate")
    )
    second = repeated(
        renamed, RepeatedOptions(strategies=("grim", "tit_for_tat")), ("Work", "Work")
    )
    assert [(e.strategy, e.result and e.result.delta) for e in first.critical_discount] == \
        [(e.strategy, e.result and e.result.delta) for e in second.critical_discount]
    assert second.critical_discount[0].target == ["Work", "Work"]
    rest = evolution(game, EvolutionOptions(starts=0)).rest_points
    rest_renamed = evolution(renamed, EvolutionOptions(starts=0)).rest_points
    assert [(p.point, p.classification) for p in rest] == [
        (p.point, p.classification) for p in rest_renamed
    ]
    shares = allocation(game, AllocationOptions())
    shares_renamed = allocation(renamed, AllocationOptions())
    assert shares.shapley == shares_renamed.shapley and shares.nucleolus == shares_renamed.nucleolus
    assert shares_renamed.to_dict()["players"] == ["Firm A", "Firm B"]


def test_the_report_runs_the_analyses_on_a_renamed_model() -> None:
    """Through the registry, as the report does it: options parsed from an [analysis] table
    that names the renamed strategies."""
    renamed = _renamed(preset("baseline"))
    table = {"bargaining": {"disagreement": ["Idle", "Idle"]}, "repeated": {"delta": "0.9"}}
    options = plan(
        table, Setup(renamed, table=table, target=("Work", "Work")), only=("bargaining", "repeated")
    )
    context = AnalysisContext(target=("Work", "Work"), options=options)
    from coopgame.analyses import get

    section = get("bargaining").run(renamed, context).to_dict()
    assert section["solutions"]["nash"]["disagreement"] == ["0", "-5"]
    assert get("repeated").run(renamed, context).to_dict()["critical_discount"][0]["target"] == [
        "Work",
        "Work",
    ]
