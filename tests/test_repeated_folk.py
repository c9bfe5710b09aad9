"""Folk-theorem geometry and its plot (issue #4, item 2)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from coopgame import Game
from coopgame.repeated import (
    RepeatedGameError,
    feasible_payoffs,
    folk_geometry,
    individually_rational_payoffs,
    minmax_values,
    plot_payoff_sets,
)

F = Fraction


def test_matching_pennies_minmax() -> None:
    """Pure punishments can only hold a player to 1 in Matching Pennies; mixing 1/2-1/2 holds it to
    0.
    """
    mp = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    assert minmax_values(mp) == (F(1), F(1))
    assert minmax_values(mp, mixed=True) == (F(0), F(0))


def test_mixed_minmax_is_below_pure_in_asymmetric_game() -> None:
    """Row payoffs [[3, 0], [0, 1]] (the column player punishes): pure minmax min(3, 1) = 1; mixing
    y on the first column gives max(3y, 1 - y), minimal at y = 1/4: 3/4."""
    game = Game.bimatrix([[3, 0], [0, 1]], [[0, 0], [0, 0]])
    assert minmax_values(game)[0] == 1
    assert minmax_values(game, mixed=True)[0] == F(3, 4)


def test_prisoners_dilemma_sets() -> None:
    """Feasible set: the hull of (3,3), (0,5), (5,0), (1,1). Minmax 1 each; the edge from (5, 0) to
    (3, 3) meets v_2 = 1 at v_1 = 5 - 2/3 = 13/3."""
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    assert set(feasible_payoffs(pd)) == {(0, 5), (1, 1), (5, 0), (3, 3)}
    assert set(individually_rational_payoffs(pd)) == {(1, 1), (F(13, 3), 1), (3, 3), (1, F(13, 3))}
    geo = folk_geometry(pd, target=(0, 0))
    assert geo.stage_equilibria == ((1, 1),) and geo.target == (3, 3)


def test_three_player_feasible_set() -> None:
    """Payoff vectors e_1, e_2, e_3 and 0 in four of the eight cells (0 elsewhere): a tetrahedron.
    """
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    payoffs[1, 0, 0] = (1, 0, 0)
    payoffs[0, 1, 0] = (0, 1, 0)
    payoffs[0, 0, 1] = (0, 0, 1)
    vertices = feasible_payoffs(Game(payoffs))
    assert {tuple(float(c) for c in v) for v in vertices} == {
        (0, 0, 0),
        (1, 0, 0),
        (0, 1, 0),
        (0, 0, 1),
    }


def test_symbolic_game_needs_values() -> None:
    with pytest.raises(RepeatedGameError, match="substitute"):
        minmax_values(Game.bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]]))


def test_plot_is_written_with_labelled_axes(tmp_path) -> None:
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["School", "Enterprise"])
    out = tmp_path / "folk.png"
    fig = plot_payoff_sets(pd, out, target=(0, 0), delta=0.6)
    assert out.exists() and out.stat().st_size > 1000
    ax = fig.axes[0]
    assert ax.get_xlabel() == "School's payoff" and ax.get_ylabel() == "Enterprise's payoff"
    labels = {t.get_text() for t in ax.get_legend().get_texts()}
    assert {"feasible", "individually rational", "stage equilibria", "target"} <= labels
