"""Shared fixtures: the Gambit reference games in ``../shared`` (skipped when absent)."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

#: ``shared/`` lies beside the checkout (and beside CI's clone)
SHARED = Path(__file__).resolve().parents[2] / "shared"
GAMBIT_GAMES = SHARED / "reference" / "gambit-games"
GAMBIT_JSON = GAMBIT_GAMES / "gambit-equilibria.json"


def gambit_reference() -> dict[str, Any]:
    """The equilibria pygambit computed for each corpus file (empty if ``shared/`` is absent)."""
    if not GAMBIT_JSON.exists():
        return {}
    return json.loads(GAMBIT_JSON.read_text())


def reference_profiles(entry: dict[str, Any]) -> set[tuple[tuple[Fraction, ...], ...]]:
    """Gambit's equilibria of one file as a set of exact profiles."""
    return {tuple(tuple(Fraction(p) for p in vec) for vec in eq) for eq in entry["equilibria"]}


@pytest.fixture
def gambit_dir() -> Path:
    if not GAMBIT_GAMES.is_dir():
        pytest.skip("../shared/reference/gambit-games is not available")
    return GAMBIT_GAMES
