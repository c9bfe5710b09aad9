"""Iterated strict dominance: textbook examples, mixed dominators, order independence."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.equilibria._dominance import eliminate_dominated
from coopgame.game import Game

F = Fraction


def test_prisoners_dilemma_reduces_to_defect_defect() -> None:
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    res = eliminate_dominated(pd)
    assert res.surviving == (("D",), ("D",))
    assert [(s.player, s.strategy, s.dominated_by) for s in res.eliminated][0][1:] == ("C", "D")
    assert res.game.shape == (1, 1)


def test_middle_row_dominated_only_by_a_mix() -> None:
    """Column L strictly dominates R (1 > 0), then T dominates M and B purely; but before that,
    with mixed=True, M falls to the 1/2-1/2 mix; with mixed=False, M survives until R goes."""
    game = Game.bimatrix([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]],
                         strategies=[["T", "M", "B"], ["L", "R"]])
    mixed = eliminate_dominated(game)
    assert mixed.surviving[0] == ("T", "B")
    (step,) = mixed.eliminated
    assert step.strategy == "M"
    assert isinstance(step.dominated_by, dict)
    mix = step.dominated_by
    assert 3 * mix["T"] > 1 and 3 * mix["B"] > 1  # verifies strict dominance by hand
    pure_only = eliminate_dominated(game, mixed=False)
    assert pure_only.surviving[0] == ("T", "M", "B") and not pure_only.eliminated


def test_float_mode_agrees_with_exact() -> None:
    """Same game in floats: M is removed, its dominator is a float mix beating (1, 1)."""
    game = Game.bimatrix([[3.0, 0.0], [1.0, 1.0], [0.0, 3.0]], [[0.0, 0.0]] * 3,
                         strategies=[["T", "M", "B"], ["L", "R"]])
    res = eliminate_dominated(game)
    assert res.surviving[0] == ("T", "B")
    mix = res.eliminated[0].dominated_by
    assert isinstance(mix, dict)
    assert 3 * mix["T"] > 1 + 1e-9 and 3 * mix["B"] > 1 + 1e-9


def test_gibbons_iterated_example() -> None:
    """Gibbons (1992), fig. 1.1.1: Right is dominated by Middle for the column player; then Down by
    Up; then Left by Middle, leaving (Up, Middle)."""
    game = Game.bimatrix(
        [[1, 1, 0], [0, 0, 2]], [[0, 2, 1], [3, 1, 0]],
        strategies=[["Up", "Down"], ["Left", "Middle", "Right"]],
    )
    res = eliminate_dominated(game, mixed=False)
    assert res.surviving == (("Up",), ("Middle",))
    assert [s.strategy for s in res.eliminated] == ["Right", "Down", "Left"]


def _pure_elimination_in_order(
    payoffs: np.ndarray, order: list[int]
) -> tuple[tuple[int, ...], ...]:
    """Brute force: sweep players in ``order``, each time removing every pure-dominated strategy."""
    alive = [list(range(k)) for k in payoffs.shape[:-1]]
    changed = True
    while changed:
        changed = False
        for player in order:
            for s in list(alive[player]):
                others = [alive[p] if p != player else [0] for p in range(len(alive))]
                for t in alive[player]:
                    if t == s:
                        continue
                    beats = True
                    for prof in itertools.product(*others):
                        a, b = list(prof), list(prof)
                        a[player], b[player] = t, s
                        if not payoffs[tuple(a)][player] > payoffs[tuple(b)][player]:
                            beats = False
                            break
                    if beats:
                        alive[player].remove(s)
                        changed = True
                        break
    return tuple(tuple(a) for a in alive)


@settings(max_examples=50, deadline=None)
@given(shape=st.lists(st.integers(1, 3), min_size=2, max_size=3), data=st.data())
def test_order_independence_against_brute_force(shape: list[int], data: st.DataObject) -> None:
    n = len(shape)
    values = data.draw(st.lists(st.integers(-2, 2), min_size=int(np.prod(shape)) * n,
                                max_size=int(np.prod(shape)) * n))
    payoffs = np.array([F(v) for v in values], dtype=object).reshape((*shape, n))
    game = Game(payoffs)
    order = data.draw(st.permutations(list(range(n))))
    expected = _pure_elimination_in_order(payoffs, list(reversed(order)))
    got = eliminate_dominated(game, mixed=False).surviving
    assert got == tuple(tuple(game.strategies[p][k] for k in idx) for p, idx in enumerate(expected))
    # mixed elimination removes at least as much, and all pure NE survive it
    mixed = eliminate_dominated(game)
    assert all(set(m) <= set(g) for m, g in zip(mixed.surviving, got))


def test_mixed_dominator_that_fails_the_exact_check_is_not_used(monkeypatch) -> None:
    """Exact mode removes a strategy only after checking the LP's mix with Fractions. Row M =
    (1, 1) is strictly below the mix (1/2)T + (1/2)B = (3/2, 3/2) of T = (3, 0) and B = (0, 3);
    force the rationalised mix to (1, 0) (T alone pays 0 < 1 against R) and M must survive,
    with a note saying why."""
    import coopgame.equilibria._dominance as dominance

    game = Game.bimatrix([[3, 0], [1, 1], [0, 3]], [[0, 0], [0, 0], [0, 0]],
                         strategies=[["T", "M", "B"], ["L", "R"]])
    assert "M" not in eliminate_dominated(game, exact=True).surviving[0]
    monkeypatch.setattr(dominance, "_rationalise", lambda weights: [F(1), F(0)])
    res = eliminate_dominated(game, exact=True)
    assert res.surviving[0] == ("T", "M", "B")
    assert any("exact check failed" in note for note in res.notes)
