"""The polynomial solver against Gambit's ``enumpoly`` on every n-player corpus game.

For games with three or more players the reference JSON stores Gambit's isolated
equilibria as decimal strings (enumpoly works in floating point), so profiles are
matched within 1e-9, one to one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from coopgame import read_nfg
from coopgame.equilibria.polynomial import polynomial_enumeration
from tests.conftest import gambit_reference

N_PLAYER = sorted(name for name, entry in gambit_reference().items() if entry.get("players", 2) > 2)
#: corpus games we solve within a few seconds; the rest are too slow for now (see SLOW)
SLOW = {"2x2x2x2.nfg", "2x2x2x2x2.nfg", "g3.nfg", "3x3x3.nfg", "5x4x3.nfg", "8x2x2.nfg", "coord333.nfg", "g2.nfg"}
MATCH_TOL = 1e-9


def _close(a: Any, b: list[list[str]]) -> bool:
    return all(
        abs(float(x) - float(y)) <= MATCH_TOL for vec, ref in zip(a, b) for x, y in zip(vec, ref)
    )


def _matches_one_to_one(ours: list[Any], theirs: list[list[list[str]]]) -> bool:
    remaining = list(theirs)
    for profile in ours:
        hits = [k for k, ref in enumerate(remaining) if _close(profile, ref)]
        if len(hits) != 1:
            return False
        remaining.pop(hits[0])
    return not remaining


@pytest.mark.parametrize(
    "name",
    [pytest.param(n, marks=pytest.mark.skip(reason="too slow: over 20 s")) if n in SLOW else n
     for n in N_PLAYER],
)
def test_polynomial_equals_gambit_enumpoly(gambit_dir: Path, name: str) -> None:
    entry = gambit_reference()[name]
    result = polynomial_enumeration(read_nfg(gambit_dir / name), max_seconds=30)
    # a positive-dimensional support (nau2004 sec5) leaves complete=False with a note
    assert result.complete or any("not isolated" in note for note in result.notes)
    assert _matches_one_to_one([e.profile for e in result], entry["equilibria"])


def test_nau2004_sec6_reports_a_segment(gambit_dir: Path) -> None:
    """Nau et al. (2004), sec. 6: the equilibria form a segment, so the support that
    carries it is flagged as not isolated instead of hanging."""
    path = gambit_dir / "catalog__journals__ijgt__nau2004__sec6.nfg"
    if not path.exists():
        pytest.skip("nau2004 sec6 is not in the corpus")
    result = polynomial_enumeration(read_nfg(path), max_seconds=30)
    assert not result.complete
    assert result.degenerate is True
    assert any("not isolated" in note for note in result.notes)
