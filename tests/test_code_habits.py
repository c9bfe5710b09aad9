"""Habits that keep the code readable (issue 12, item 7).

A module over :data:`MAX_LINES` lines says why at its top: its module docstring has a line
starting with ``Long because:``. A long module is not wrong, but it is the first place a
newcomer gets lost, so its length must be a decision, not an accident. The complexity and
line-length limits are ruff's (``pyproject.toml``); the import rules are in
tests/test_import_structure.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import coopgame

PACKAGE = Path(coopgame.__file__).resolve().parent
MAX_LINES = 600
#: Long modules still to be split or justified (issue 12, item 6: the two-player solvers get one
#: input check and one result builder first); an entry goes when its module answers to the rule.
BEING_SPLIT = frozenset({"equilibria/_vertex.py", "equilibria/_symbolic.py"})


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _has_reason(source: str) -> bool:
    docstring = ast.get_docstring(ast.parse(source)) or ""
    return any(line.strip().startswith("Long because:") for line in docstring.splitlines())


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_a_long_module_says_why_at_its_top(path: Path) -> None:
    name = path.relative_to(PACKAGE).as_posix()
    source = path.read_text(encoding="utf-8")
    n_lines = len(source.splitlines())
    if n_lines <= MAX_LINES or name in BEING_SPLIT:
        return
    assert _has_reason(source), (
        f"coopgame/{name} has {n_lines} lines (> {MAX_LINES}): split it, or write why it is "
        "long in its module docstring on a line starting with 'Long because:'"
    )


def test_the_check_reads_the_module_docstring_only() -> None:
    """The reason counts in the module docstring, not in a function's or in a comment."""
    assert _has_reason('"""Summary.\n\nLong because: one schema, one place.\n"""\n')
    assert not _has_reason('"""Summary."""\n\n# Long because: a comment does not count\n')
    assert not _has_reason('"""Summary."""\n\ndef f():\n    """Long because: not here."""\n')


def test_the_modules_being_split_exist() -> None:
    """An entry of BEING_SPLIT that names no module is stale: remove it."""
    stale = sorted(name for name in BEING_SPLIT if not (PACKAGE / name).exists())
    assert not stale, f"BEING_SPLIT names modules that no longer exist: {stale}"
