"""The import graph of coopgame: no cycle through the game, its policies and its tables.

Every explicit import counts, wherever it is written: at the top, inside a function
(a "lazy" import) or under ``if TYPE_CHECKING:``. A lazy import hides a cycle from
Python at start-up but not from a reader: the modules still depend on each other.
"""

from __future__ import annotations

import ast
from pathlib import Path

import coopgame

PACKAGE_DIR = Path(coopgame.__file__).parent
#: Modules that must not lie on any import cycle.
ACYCLIC = ("coopgame.game", "coopgame.policy", "coopgame._table")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE_DIR.rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The coopgame modules that ``path`` names in an import statement anywhere in its text."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                package = name.split(".")
                package = package if is_package else package[:-1]
                base_parts = package[: len(package) - (node.level - 1)]
                base = ".".join([*base_parts, *([node.module] if node.module else [])])
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in known and m != name}


def import_graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph[current])
    return seen


def test_the_graph_sees_lazy_and_type_checking_imports() -> None:
    """A check of the checker: policy imports game at the top; game imports _table."""
    graph = import_graph()
    assert "coopgame.game" in graph["coopgame.policy"]
    assert "coopgame._table" in graph["coopgame.game"]
    assert "coopgame.numbers" in graph["coopgame.game"]


def test_no_cycle_through_game_policy_and_table() -> None:
    """None of game.py, policy.py, _table.py can reach itself by following imports."""
    graph = import_graph()
    on_cycles = {name: sorted(m for m in reachable(graph, name) if name in reachable(graph, m))
                 for name in ACYCLIC if name in reachable(graph, name)}
    assert on_cycles == {}, f"import cycles (module: the modules on its cycles): {on_cycles}"


def test_game_does_not_depend_on_policy() -> None:
    """The game is the base layer: policies build on it, never the other way round."""
    assert "coopgame.policy" not in reachable(import_graph(), "coopgame.game")
