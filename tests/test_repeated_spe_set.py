"""The subgame-perfect payoff set against QuantEcon's Abreu-Sannikov implementation (issue #4, item
3).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame.repeated import RepeatedGameError, critical_discount, subgame_perfect_payoffs

quantecon = pytest.importorskip("quantecon.game_theory")

ABREU_SANNIKOV_EXAMPLE = [[(16, 9), (3, 13), (0, 3)],
                          [(21, 1), (10, 4), (-1, 0)],
                          [(9, 0), (5, -4), (-5, -15)]]
PRISONERS_DILEMMA = [[(9, 9), (1, 10)],
                     [(10, 1), (3, 3)]]
# a coordination game with a cooperative outcome that is not a stage equilibrium
SCHOOL_ENTERPRISE = [[(25, 15), (-15, 20)],
                     [(5, -45), (0, 0)]]
# found by a random search for failures of the property tests below: the set's left edge is
# vertical, and the float hull used to drop one end of it, so that the iteration cycled instead of
# converging
VERTICAL_EDGE = [[(2, -3), (-2, 2), (-1, 5)],
                 [(4, 0), (5, -1), (-2, -3)],
                 [(5, 4), (0, 1), (-3, 5)]]
# a hypothesis counterexample of the property below: "minmax" punishes the column player by
# reverting to a mixed stage equilibrium, harsher than any pure-strategy punishment
MIXED_REVERSION = [[(0, 0), (0, 0), (0, 1)],
                   [(0, 0), (0, 2), (2, 1)],
                   [(0, 0), (0, 1), (0, 0)]]


def _game(bimatrix: list[list[tuple[int, int]]]) -> Game:
    arr = np.array(bimatrix, dtype=object)
    return Game.bimatrix(arr[..., 0].tolist(), arr[..., 1].tolist())


def _quantecon_vertices(bimatrix: list[list[tuple[int, int]]], delta: float) -> np.ndarray:
    rpg = quantecon.RepeatedGame(quantecon.NormalFormGame(bimatrix), delta)
    hull = rpg.equilibrium_payoffs()
    return hull.points[hull.vertices]


def _same_vertex_sets(ours: np.ndarray, theirs: np.ndarray, tol: float) -> bool:
    def covered(a: np.ndarray, b: np.ndarray) -> bool:
        return all(np.min(np.max(np.abs(b - p), axis=1)) <= tol for p in a)

    return len(ours) == len(theirs) and covered(ours, theirs) and covered(theirs, ours)


@pytest.mark.parametrize(
    ("bimatrix", "delta"),
    [(ABREU_SANNIKOV_EXAMPLE, 0.3), (PRISONERS_DILEMMA, 0.9), (PRISONERS_DILEMMA, 0.3),
     (SCHOOL_ENTERPRISE, 0.5), (VERTICAL_EDGE, 0.3)],
)
def test_vertices_agree_with_quantecon(bimatrix, delta) -> None:
    ours = subgame_perfect_payoffs(_game(bimatrix), delta).vertices
    theirs = _quantecon_vertices(bimatrix, delta)
    assert _same_vertex_sets(ours, theirs, 1e-6), (ours, theirs)


def test_abreu_sannikov_published_vertices() -> None:
    """Abreu and Sannikov (2014), Sec. 6 example at delta = 0.3 (the numbers QuantEcon's tests use).
    """
    expected = np.array([[7.33770472, 10.9826253], [1.12568240, 2.8], [7.33770472, 0.0],
                         [7.86308964, 0.0], [19.7917977, 2.8], [15.5630896, 9.1]])
    ours = subgame_perfect_payoffs(_game(ABREU_SANNIKOV_EXAMPLE), 0.3).vertices
    assert _same_vertex_sets(ours, expected, 1e-6)


def test_prisoners_dilemma_hand_vertex() -> None:
    """PD (R, S, T, P) = (9, 1, 10, 3) at delta = 0.9: the worst payoff is the stage equilibrium 3
    and the best one-sided payoff 9.75 mixes (C, D) with weight w and (C, C) so that the
    exploited player gets 3: w*1 + (1 - w)*9 = 3 gives w = 3/4, the other 3/4*10 + 1/4*9 = 9.75.
    """
    spe = subgame_perfect_payoffs(_game(PRISONERS_DILEMMA), 0.9)
    assert spe.worst == pytest.approx((3.0, 3.0), abs=1e-9)
    assert spe.contains((9.75, 3.0)) and spe.contains((9, 9)) and not spe.contains((9.8, 3.0))


def test_impatient_players_only_repeat_the_stage_equilibrium() -> None:
    """School-enterprise game at delta = 0.2: both minmax values are 0, the payoff of the stage
    equilibrium (Shirk, Shirk), so no punishment is harsher than Nash reversion; (C, C) needs
    delta >= 1/4 (the Enterprise gains 20 - 15 = 5 and loses 15 a period), and the other two
    profiles give someone less than its minmax value. Only (0, 0) remains. (QuantEcon's Qhull
    call cannot represent a single point, so this case is checked by hand.)"""
    spe = subgame_perfect_payoffs(_game(SCHOOL_ENTERPRISE), 0.2)
    assert spe.vertices.shape == (1, 2)
    assert np.allclose(spe.vertices[0], [0.0, 0.0], atol=1e-9)


def test_segment_set_keeps_both_ends() -> None:
    """A = [[3, 0], [0, 3]], B = [[1, -1], [5, 3]] at delta = 0.52. The row player's minmax value
    is 3 (each column pays 3 somewhere), so only the cells paying her 3 count: (T, L) = (3, 1), the
    stage equilibrium (L dominates for the column player), and (B, R) = (3, 3), which grim trigger
    sustains iff 3 >= (1 - delta) 5 + delta 1, i.e. delta >= 1/2. The set is the segment from (3, 1)
    to (3, 3); the float hull used to lose its upper end (a vertical segment, ordered by noise)."""
    game = Game.bimatrix([[3, 0], [0, 3]], [[1, -1], [5, 3]])
    spe = subgame_perfect_payoffs(game, 0.52)
    assert _same_vertex_sets(spe.vertices, np.array([[3.0, 1.0], [3.0, 3.0]]), 1e-9), spe.vertices


def test_no_pure_equilibrium_raises() -> None:
    """QuantEcon's example: no pure-action subgame-perfect equilibrium at delta = 0.05."""
    with pytest.raises(RepeatedGameError, match="no pure-strategy"):
        subgame_perfect_payoffs(_game([[(1, -1), (-1, 2)], [(-2, 2), (1, 0)]]), 0.05)


@pytest.mark.parametrize("delta", [0, 1, 1.5, -0.1, "x"])
def test_bad_delta(delta) -> None:
    with pytest.raises(RepeatedGameError, match="delta"):
        subgame_perfect_payoffs(_game(PRISONERS_DILEMMA), delta)


def test_needs_two_players() -> None:
    three = Game(np.zeros((2, 2, 2, 3), dtype=int))
    with pytest.raises(RepeatedGameError, match="two players"):
        subgame_perfect_payoffs(three, 0.5)


def test_plot_writes_file(tmp_path) -> None:
    spe = subgame_perfect_payoffs(_game(PRISONERS_DILEMMA), 0.9)
    out = tmp_path / "spe.png"
    fig = spe.plot(out, labels=("School", "Enterprise"))
    assert out.stat().st_size > 0
    assert fig.axes[0].get_xlabel() == "School" and fig.axes[0].get_ylabel() == "Enterprise"


shapes = st.sampled_from([(2, 2), (2, 3), (3, 3)])


@st.composite
def small_games(draw: st.DrawFn) -> tuple[Game, tuple[int, int]]:
    rows, cols = draw(shapes)
    entries = st.integers(min_value=-3, max_value=5)
    A = [[draw(entries) for _ in range(cols)] for _ in range(rows)]
    B = [[draw(entries) for _ in range(cols)] for _ in range(rows)]
    cells = [(i, j) for i in range(rows) for j in range(cols)]
    if draw(st.booleans()):  # the efficient profile: usually not a stage equilibrium
        target = max(cells, key=lambda c: A[c[0]][c[1]] + B[c[0]][c[1]])
    else:
        target = draw(st.sampled_from(cells))
    return Game.bimatrix(A, B), target


@settings(max_examples=60, deadline=None)
@given(small_games(), st.sampled_from(["nash", "minmax"]))
@example((_game(MIXED_REVERSION), (1, 2)), "minmax")
def test_sustained_targets_lie_in_the_subgame_perfect_set(case, punishment) -> None:
    """Two independent algorithms: at any delta from the critical one on, the target's payoff is
    a pure-strategy subgame-perfect payoff (grim trigger to a pure stage equilibrium, or a simple
    penal code with pure punishments), so the Abreu-Pearce-Stacchetti set at that delta must
    contain it. Both punishments may revert to a mixed stage equilibrium ("minmax" for a player
    whose pure minmax punishment is not credible): those answers are outside the property."""
    game, target = case
    result = critical_discount(game, target, punishment)
    if result.delta is None:
        return
    if not all(isinstance(p[0], str) for p in result.punishment_profiles):
        return  # reverting to a mixed equilibrium is not a pure-strategy equilibrium
    delta = min(float(result.delta) + 0.02, 0.97)
    if not result.sustains(delta):
        return  # bounded above (patience makes a player prefer the reversion)
    spe = subgame_perfect_payoffs(game, delta)
    point = tuple(float(v) for v in game.payoff_of(target))
    assert spe.contains(point, tol=1e-6), (point, spe.vertices)


@settings(max_examples=60, deadline=None)
@given(small_games(), st.sampled_from([0.02, 0.1, 0.3, 0.52, 0.8]))
def test_stage_equilibria_are_subgame_perfect(case, delta) -> None:
    """Playing a pure stage equilibrium in every period is subgame perfect at every delta, so the
    set is never empty when one exists and contains each pure stage equilibrium's payoff."""
    game, _ = case
    A, B = game.bimatrix_arrays(dtype=float)
    stage = [
        (r, c) for (r, c), a in np.ndenumerate(A) if a == A[:, c].max() and B[r, c] == B[r].max()
    ]
    assume(stage)
    spe = subgame_perfect_payoffs(game, delta)
    for r, c in stage:
        assert spe.contains((A[r, c], B[r, c]), tol=1e-6), ((r, c), spe.vertices)


def test_float_prisoners_dilemma_has_four_vertices() -> None:
    """PD (R, S, T, P) = (9.1, 1.3, 10.7, 3.3) at delta = 0.95: as above, the exploited player is
    held to P = 3.3 by mixing (D, C) with weight w = (9.1 - 3.3)/(9.1 - 1.3) = 29/39 and (C, C): the
    exploiter gets 10.7 w + 9.1 (1 - w) = 401.3/39. Convergence noise must not add vertices."""
    game = Game.bimatrix([[9.1, 1.3], [10.7, 3.3]], [[9.1, 10.7], [1.3, 3.3]])
    spe = subgame_perfect_payoffs(game, 0.95)
    best = 401.3 / 39
    expected = np.array([[3.3, 3.3], [best, 3.3], [9.1, 9.1], [3.3, best]])
    assert _same_vertex_sets(spe.vertices, expected, 1e-8)


def test_mixed_reversion_sustains_what_no_pure_strategy_equilibrium_can() -> None:
    """``A = [[0,0,0],[0,0,2],[0,0,0]]``, ``B = [[0,0,1],[0,2,1],[0,1,0]]``, target (row 2,
    column 3) with payoffs (2, 1) (the hypothesis counterexample).

    The row player cannot gain there (column 3 of ``A`` is (0, 2, 0)); the column player gains
    2 - 1 = 1 by column 2. Pure strategies: the column player's pure minmax value is
    ``min_r max_c B = min(1, 2, 1) = 1``, so no pure subgame-perfect continuation pays it less
    than 1, and ``1 >= 2 (1 - delta) + delta * 1`` fails for every delta < 1: (2, 1) is in no
    pure-strategy subgame-perfect set. Mixed reversion: the row player mixing (1/2, 0, 1/2)
    with the column player on column 2 is a stage equilibrium (column 2 of ``A`` is 0, and
    column 2 pays the column player 1/2, as much as column 3 and more than column 1's 0),
    paying the column player 1/2; then ``1 >= 2 (1 - delta) + delta / 2`` iff ``delta >= 2/3``.
    """
    game = _game(MIXED_REVERSION)
    result = critical_discount(game, (1, 2), "minmax")
    assert result.delta == Fraction(2, 3)
    assert result.punishment_used == ("minmax", "nash")
    punishment = [list(vec) for vec in result.punishment_profiles[1]]
    assert punishment == [[Fraction(1, 2), 0, Fraction(1, 2)], [0, 1, 0]]
    spe = subgame_perfect_payoffs(game, 0.7)
    assert spe.worst[1] == pytest.approx(1.0, abs=1e-9)
    assert not spe.contains((2, 1), tol=1e-6)
