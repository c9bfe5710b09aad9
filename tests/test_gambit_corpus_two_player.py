"""Vertex enumeration against Gambit on every two-player game of the reference corpus.

The reference equilibria in ``gambit-equilibria.json`` were computed by
``pygambit.nash.enummixed_solve(rational=True)``: all extreme equilibria, exact.
Our default solver must return exactly that set (exact mode) and the same set
within 1e-9 (float mode), each equilibrium with its certificate.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from coopgame import nash_equilibria, read_nfg
from coopgame.equilibria._certificate import relative_regrets
from tests.conftest import gambit_reference, reference_profiles

REFERENCE = gambit_reference()
TWO_PLAYER = sorted(name for name, entry in REFERENCE.items() if entry["players"] == 2)


def _entry(name: str) -> dict[str, Any]:
    return REFERENCE[name]  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", TWO_PLAYER)
def test_exact_equilibria_are_gambits(gambit_dir: Path, name: str) -> None:
    game = read_nfg(gambit_dir / name, rename_duplicates=True)
    result = nash_equilibria(game)
    assert result.method == "vertex" and result.exact and result.complete
    ours = {eq.key() for eq in result}
    assert len(ours) == len(result), "duplicate equilibria"
    assert ours == reference_profiles(_entry(name))
    for eq in result:
        assert eq.regret == 0
        assert all(isinstance(p, Fraction) for vec in eq.profile for p in vec)


@pytest.mark.parametrize("name", TWO_PLAYER)
def test_float_equilibria_match_gambit_within_1e_9(gambit_dir: Path, name: str) -> None:
    game = read_nfg(gambit_dir / name, rename_duplicates=True)
    result = nash_equilibria(game, exact=False)
    assert not result.exact
    expected = [
        np.array([float(p) for vec in prof for p in vec])
        for prof in reference_profiles(_entry(name))
    ]
    found = [np.concatenate(eq.float_profile()) for eq in result]

    def close(a: np.ndarray, b: np.ndarray) -> bool:
        return float(np.max(np.abs(a - b))) <= 1e-9

    assert all(any(close(e, f) for f in found) for e in expected), "a Gambit equilibrium is missing"
    assert all(any(close(f, e) for e in expected) for f in found), (
        "an equilibrium Gambit does not have"
    )
    assert len(found) == len(expected)
    # the float certificate is relative to each player's payoff range (payoffs here reach 3e6)
    assert all(relative_regrets(game.as_float(), eq.profile).max() <= 1e-9 for eq in result)


@pytest.mark.parametrize("name", TWO_PLAYER)
def test_float_and_exact_agree_on_structure(gambit_dir: Path, name: str) -> None:
    """Degeneracy and the component partition do not depend on the arithmetic."""
    game = read_nfg(gambit_dir / name, rename_duplicates=True)
    exact, floating = nash_equilibria(game), nash_equilibria(game, exact=False)
    assert exact.degenerate == floating.degenerate
    assert exact.components is not None and floating.components is not None
    assert [c.equilibria for c in exact.components] == [c.equilibria for c in floating.components]


def _component_profiles(result: Any) -> list[set[tuple[tuple[Fraction, ...], ...]]]:
    return sorted(
        ({result[k].key() for k in comp.equilibria} for comp in result.components),
        key=lambda s: sorted(s),
    )


def test_all_zero_payoffs_form_one_component(gambit_dir: Path) -> None:
    """All payoffs zero: every profile is an equilibrium, so the equilibrium set is the
    whole square Delta_2 x Delta_2, one component and one maximal Nash subset whose
    extreme points are the 4 pure profiles."""
    result = nash_equilibria(
        read_nfg(
            gambit_dir / "tests__test_games__2x2_bimatrix_all_zero_payoffs.nfg",
            rename_duplicates=True,
        )
    )
    assert result.degenerate is True
    assert len(result) == 4 and all(eq.is_pure for eq in result)
    assert result.components is not None and len(result.components) == 1
    (component,) = result.components
    assert len(component.subsets) == 1 and component.subsets[0].equilibria == (0, 1, 2, 3)


def test_e04_has_a_segment_and_an_isolated_equilibrium(gambit_dir: Path) -> None:
    """e04: A = [[0,0],[-1,-1],[-2,3]], B = [[0,0],[2,0],[-2,-1]].

    Against x = (1,0,0) the column player gets 0 from both columns, so any y
    with u_1(row 1) = 0 >= max(-1, -2 + 5 y_2), i.e. y_2 <= 2/5, works: the segment
    from ((1,0,0),(1,0)) to ((1,0,0),(3/5,2/5)). Row 3 is best against y = (0,1)
    (3 > 0 > -1), and the column player's best reply to row 3 is column 2
    (-1 > -2): the isolated pure equilibrium ((0,0,1),(0,1)).
    """
    result = nash_equilibria(read_nfg(gambit_dir / "e04.nfg"))
    one, f = Fraction(1), Fraction
    segment = {
        ((one, f(0), f(0)), (one, f(0))),
        ((one, f(0), f(0)), (f(3, 5), f(2, 5))),
    }
    isolated = {((f(0), f(0), one), (f(0), one))}
    assert result.degenerate is True
    assert sorted(_component_profiles(result), key=len) == [isolated, segment]
