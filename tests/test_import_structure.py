"""The import graph and the public namespaces of ``coopgame``.

One reader of imports (``_imports``) serves every check:

* no import cycle anywhere in ``coopgame/``: a cycle makes import order matter and hides a
  layering mistake. Imports inside functions ("lazy" ones) count, since they are still a
  dependency; those under ``if TYPE_CHECKING:`` do not, since they never run;
* no private name or module (``_x``) imported from outside the package that owns it: an
  implementation detail must not leak into a second place;
* game.py, policy.py and _table.py lie on no cycle even counting type-only imports: the game
  is the base layer, policies build on it;
* every family's ``__all__`` imports from the family, the top level stays small, and every
  exception class the package defines is a :class:`coopgame.CoopgameError`.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest

import coopgame
from coopgame.errors import CoopgameError

PACKAGE = Path(coopgame.__file__).resolve().parent
FAMILIES = ("equilibria", "repeated", "evolution", "bargaining", "coalition", "design", "sweep",
            "models", "analyses", "io")
#: Modules that must not lie on any import cycle, even counting ``if TYPE_CHECKING:`` imports.
ACYCLIC = ("coopgame.game", "coopgame.policy", "coopgame._table")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports(tree: ast.AST, module: str, is_package: bool, *, type_checking: bool = False
             ) -> list[tuple[str, str | None]]:
    """(imported module, imported name or None) for every import statement; those under
    ``if TYPE_CHECKING:`` only when ``type_checking``."""
    found: list[tuple[str, str | None]] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node) and not type_checking:
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend((alias.name, None) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".") if is_package else module.split(".")[:-1]
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.extend((base, alias.name) for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def _private_owner(full: str, name: str | None, modules: dict[str, Path]) -> str | None:
    """The package that owns a private part of ``full`` (or of ``name`` imported from it)."""
    parts = full.split(".")
    for k, part in enumerate(parts):
        if part.startswith("_") and not part.startswith("__"):
            return ".".join(parts[:k])  # a private module pkg._mod belongs to pkg
    if name and name.startswith("_") and not name.startswith("__"):
        # a private name belongs to its module's package (the package itself for an __init__)
        return (
            full
            if full in modules and modules[full].name == "__init__.py"
            else full.rpartition(".")[0]
        )
    return None


def _graph(*, type_checking: bool = False) -> tuple[dict[str, set[str]], list[str]]:
    """The import edges between coopgame's modules, and the cross-package private imports."""
    modules = _modules()
    edges: dict[str, set[str]] = {m: set() for m in modules}
    private: list[str] = []
    for module, path in modules.items():
        is_package = path.name == "__init__.py"
        own_package = module if is_package else module.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target, name in _imports(tree, module, is_package, type_checking=type_checking):
            if not target.startswith("coopgame"):
                continue
            full = f"{target}.{name}" if name and f"{target}.{name}" in modules else target
            if full in modules and full != module:
                edges[module].add(full)
            owner = _private_owner(full, name, modules)
            if owner is not None and not (
                own_package == owner or own_package.startswith(owner + ".")
            ):
                private.append(
                    f"{module} imports {full}{'.' + name if name and full == target else ''}"
                )
    return edges, private


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return components


def _is_ancestor_package(a: str, b: str) -> bool:
    return b.startswith(a + ".")


def _reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen: set[str] = set()
    todo = list(graph[start])
    while todo:
        current = todo.pop()
        if current not in seen:
            seen.add(current)
            todo.extend(graph[current])
    return seen


# ---------------------------------------------------------------- the import graph


def test_no_import_cycle() -> None:
    edges, _ = _graph()
    # a package's __init__ re-exporting its own modules is not a cycle with them
    edges = {m: {t for t in ts if not _is_ancestor_package(m, t) and not _is_ancestor_package(t, m)}
             for m, ts in edges.items()}
    assert _cycles(edges) == []


def test_no_private_import_across_packages() -> None:
    _, private = _graph()
    assert private == []


@pytest.mark.parametrize(("source", "expected"), [
    ("from coopgame.game import Game", [("coopgame.game", "Game")]),
    ("if TYPE_CHECKING:\n    from coopgame.game import Game", []),
    ("def f():\n    from . import nfg", [("coopgame.io", "nfg")]),
])
def test_imports_are_read_as_python_does(source: str, expected: list[tuple[str, str]]) -> None:
    """The checker itself: lazy imports count, type-only imports do not, relative ones resolve."""
    assert _imports(ast.parse(source), "coopgame.io.scenario", False) == expected


@pytest.mark.parametrize(("module", "name", "owner"), [
    ("coopgame.repeated._common", "profile_names", "coopgame.repeated"),
    ("coopgame.policy", "_KINDS", "coopgame"),
    ("coopgame._geometry", "convex_hull", "coopgame"),
    ("coopgame.sweep", "_x", "coopgame.sweep"),
    ("coopgame.sweep", "sweep", None),
])
def test_the_owner_of_a_private_part(module: str, name: str, owner: str | None) -> None:
    """A private module belongs to its package, a private name to its module's package."""
    assert _private_owner(module, name, _modules()) == owner


def test_the_graph_sees_lazy_and_type_checking_imports() -> None:
    """A check of the checker: policy imports game at the top; game imports _table."""
    graph, _ = _graph(type_checking=True)
    assert "coopgame.game" in graph["coopgame.policy"]
    assert "coopgame._table" in graph["coopgame.game"]
    assert "coopgame.numbers" in graph["coopgame.game"]


def test_no_cycle_through_game_policy_and_table() -> None:
    """None of game.py, policy.py, _table.py can reach itself, even through type-only imports."""
    graph, _ = _graph(type_checking=True)
    on_cycles = {name: sorted(m for m in _reachable(graph, name) if name in _reachable(graph, m))
                 for name in ACYCLIC if name in _reachable(graph, name)}
    assert on_cycles == {}, f"import cycles (module: the modules on its cycles): {on_cycles}"


def test_game_does_not_depend_on_policy() -> None:
    """The game is the base layer: policies build on it, never the other way round."""
    graph, _ = _graph(type_checking=True)
    assert "coopgame.policy" not in _reachable(graph, "coopgame.game")


# ---------------------------------------------------------------- the public namespaces


@pytest.mark.parametrize("family", FAMILIES)
def test_every_public_name_imports_from_its_family(family: str) -> None:
    """``from coopgame.<family> import <name>`` works for every name in the family's ``__all__``."""
    module = importlib.import_module(f"coopgame.{family}")
    assert module.__all__, f"coopgame.{family} lists no public names"
    for name in module.__all__:
        namespace: dict[str, object] = {}
        exec(f"from coopgame.{family} import {name}", namespace)  # noqa: S102 - the statement users type
        assert namespace[name] is getattr(module, name)


def test_the_top_level_is_small_and_importable() -> None:
    assert len(coopgame.__all__) <= 25
    for name in coopgame.__all__:
        assert getattr(coopgame, name) is not None
    assert {"Game", "nash_equilibria", "read_nfg", "write_nfg", "Policy", "Subsidy",
            "load_scenario", "CoopgameError"} <= set(coopgame.__all__)


def test_implementation_modules_of_the_families_are_private() -> None:
    """A family package exposes its names, not its modules (the analyses are plugins: public)."""
    public_modules = {f"coopgame.{family}.{info.name}"
                      for family in ("equilibria", "repeated", "evolution", "sweep", "io", "cli")
                      for info in pkgutil.iter_modules([str(PACKAGE / family)])
                      if not info.name.startswith("_")}
    assert public_modules == set()


def _exception_classes() -> list[type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module_name in sorted(_modules()):
        if module_name.endswith("__main__"):
            continue
        module = importlib.import_module(module_name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            # a BaseException that is no Exception (the solvers' deadline signal, which library
            # code must not swallow with `except Exception`) is control flow, never raised to users
            if (issubclass(value, Exception) and value.__module__ == module_name
                    and not issubclass(value, Warning)):
                found[f"{module_name}.{value.__qualname__}"] = value
    return list(found.values())


def test_every_error_is_a_coopgame_error() -> None:
    """Every exception class defined in coopgame/ (warnings aside) derives from CoopgameError."""
    classes = _exception_classes()
    assert len(classes) >= 20  # the walk found the families' errors
    assert [c.__qualname__ for c in classes if not issubclass(c, CoopgameError)] == []
    assert issubclass(CoopgameError, ValueError)


def test_a_nashpy_habit_gets_a_hint() -> None:
    """``Game(A, B)`` with two payoff matrices, as in nashpy, points to ``Game.bimatrix``."""
    with pytest.raises(coopgame.GameError, match=r"Game\.bimatrix\(A, B\)"):
        coopgame.Game([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    with pytest.raises(coopgame.GameError, match=r"Game\.bimatrix\(A, B\)"):
        coopgame.Game([[3, 0], [5, 1]])
