"""Games where a player's payoffs are all equal (a zero payoff range): that player is
indifferent everywhere, the game is fully degenerate and has continua of equilibria.

The general answer, used for every hand derivation below: if the row player's payoffs
are constant, ``(x, y)`` is an equilibrium iff every column in the support of ``y`` is a
best reply to ``x``. Let ``R_j`` be the part of the row simplex where column ``j`` is a
best reply; ``{x : S ⊆ BR(x)} × Δ(S)`` are the maximal Nash subsets, and each region
``{x : S ⊆ BR(x)}`` is a face of ``R_j`` for ``j`` in ``S``, so the extreme equilibria are
the pairs ``(v, e_j)`` with ``v`` a vertex of ``R_j``. A constant column player is the mirror
image; when both are constant every profile is an equilibrium and the extreme ones are the
pure profiles. Adding a constant to a player's payoffs, or scaling them, changes nothing.
"""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

from coopgame import Game, nash_equilibria

Profile = tuple[tuple[F, ...], ...]

#: The column payoffs of the hypothesis counterexample of
#: tests/test_scale_and_time_limits.py::test_scaled_small_integer_games_match_exact.
B3 = [[1, 0, 0], [3, 4, 0], [0, 0, 1]]

#: Its 12 extreme equilibria when the row player is indifferent (hand derivation in
#: :func:`test_indifferent_row_player_gets_the_column_players_best_replies`).
X1, X12, X13, X_MID, X2, X23, X3 = (
    (F(1), F(0), F(0)),
    (F(1, 2), F(1, 2), F(0)),
    (F(1, 2), F(0), F(1, 2)),
    (F(1, 6), F(1, 6), F(2, 3)),
    (F(0), F(1), F(0)),
    (F(0), F(1, 5), F(4, 5)),
    (F(0), F(0), F(1)),
)
E1, E2, E3 = (F(1), F(0), F(0)), (F(0), F(1), F(0)), (F(0), F(0), F(1))
EQUILIBRIA_3X3: set[Profile] = {
    (X1, E1),
    (X12, E1),
    (X13, E1),
    (X_MID, E1),
    (X2, E2),
    (X12, E2),
    (X_MID, E2),
    (X23, E2),
    (X3, E3),
    (X13, E3),
    (X_MID, E3),
    (X23, E3),
}


def _transposed(profiles: set[Profile]) -> set[Profile]:
    return {(y, x) for x, y in profiles}


def _pure_pairs(m: int, n: int) -> set[Profile]:
    unit = [tuple(F(int(k == i)) for k in range(size)) for size in (m, n) for i in range(size)]
    rows, cols = unit[:m], unit[m:]
    return set(itertools.product(rows, cols))


HALF = (F(1, 2), F(1, 2))
TWO_BY_FOUR_E = [tuple(F(int(k == j)) for k in range(4)) for j in range(4)]

#: name -> (row payoffs, column payoffs, every extreme equilibrium)
CASES: dict[str, tuple[Any, Any, set[Profile]]] = {
    # 2x2, B = I: column 1 is a best reply iff x1 >= x2, so R_1 has vertices (1,0), (1/2,1/2)
    # and R_2 has (0,1), (1/2,1/2).
    "2x2 row 0": (
        np.zeros((2, 2), dtype=int),
        [[1, 0], [0, 1]],
        {
            ((F(1), F(0)), (F(1), F(0))),
            (HALF, (F(1), F(0))),
            (HALF, (F(0), F(1))),
            ((F(0), F(1)), (F(0), F(1))),
        },
    ),
    # the counterexample, and with the row player's constant 5 or -3 instead of 0
    "3x3 row 0": (np.zeros((3, 3), dtype=int), B3, EQUILIBRIA_3X3),
    "3x3 row 5": (np.full((3, 3), 5), B3, EQUILIBRIA_3X3),
    "3x3 row -3": (np.full((3, 3), -3), B3, EQUILIBRIA_3X3),
    # the mirror image: the column player indifferent, the row player's payoffs B3 transposed
    "3x3 column 0": (np.array(B3).T, np.zeros((3, 3), dtype=int), _transposed(EQUILIBRIA_3X3)),
    # 2x4 against x = (p, 1-p): columns pay 3p, 3(1-p), 1, 2. Column 1 is best for p >= 2/3,
    # column 4 for 1/3 <= p <= 2/3, column 2 for p <= 1/3, column 3 never.
    "2x4 row 7": (
        np.full((2, 4), 7),
        [[3, 0, 1, 2], [0, 3, 1, 2]],
        {
            ((F(1), F(0)), TWO_BY_FOUR_E[0]),
            ((F(2, 3), F(1, 3)), TWO_BY_FOUR_E[0]),
            ((F(2, 3), F(1, 3)), TWO_BY_FOUR_E[3]),
            ((F(1, 3), F(2, 3)), TWO_BY_FOUR_E[3]),
            ((F(1, 3), F(2, 3)), TWO_BY_FOUR_E[1]),
            ((F(0), F(1)), TWO_BY_FOUR_E[1]),
        },
    ),
    # both indifferent (and zero-sum: 2 + (-2) = 0): every profile is an equilibrium
    "2x3 both constant": (np.full((2, 3), 2), np.full((2, 3), -2), _pure_pairs(2, 3)),
    "3x3 both 0": (np.zeros((3, 3), dtype=int), np.zeros((3, 3), dtype=int), _pure_pairs(3, 3)),
}

#: exact, and floats at the unit scale and far from it
MODES = [("exact", 1.0), ("float", 1.0), ("float", 1e-9), ("float", 1e9)]


def _game(name: str, mode: str, scale: float) -> Game:
    A, B, _ = CASES[name]
    if mode == "exact":
        return Game.bimatrix(np.asarray(A, dtype=object), np.asarray(B, dtype=object))
    return Game.bimatrix(np.asarray(A, dtype=float) * scale, np.asarray(B, dtype=float) * scale)


def _flat(profile: Any) -> np.ndarray:
    return np.array([float(p) for vec in profile for p in vec])


def _unmatched(
    found: list[np.ndarray], expected: set[Profile]
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Pair found and expected profiles one to one within 1e-9.

    Returns (expected left over, found left over).
    """
    left = list(found)
    missing = []
    for profile in expected:
        target = _flat(profile)
        gaps = [float(np.abs(f - target).max()) for f in left]
        if gaps and min(gaps) <= 1e-9:
            left.pop(int(np.argmin(gaps)))
        else:
            missing.append(target)
    return missing, left


def _check_certificates(result: Any, mode: str) -> None:
    assert result.exact == (mode == "exact")
    for eq in result:
        if mode == "exact":
            assert eq.regret == 0
        else:
            assert eq.regret <= 1e-9 * max(1.0, max(abs(float(u)) for u in eq.payoffs))


def test_indifferent_row_player_gets_the_column_players_best_replies() -> None:
    """``A = 0``, ``B = [[1, 0, 0], [3, 4, 0], [0, 0, 1]]`` (the hypothesis counterexample).

    The row player is indifferent, so ``(x, y)`` is an equilibrium iff ``y`` uses only best
    replies to ``x``. Against ``x`` the columns pay ``x1 + 3 x2``, ``4 x2`` and ``x3``.

    - Column 1 is best iff ``x1 >= x2`` and ``x1 + 3 x2 >= x3``: vertices (1,0,0),
      (1/2,1/2,0) (``x1 = x2``, ``x3 = 0``), (1/2,0,1/2) (``x2 = 0``, ``x1 = x3``) and
      (1/6,1/6,2/3) (``x1 = x2``, ``x3 = 4 x1``).
    - Column 2 is best iff ``x2 >= x1`` and ``4 x2 >= x3``: vertices (0,1,0), (1/2,1/2,0),
      (1/6,1/6,2/3) and (0,1/5,4/5) (``x1 = 0``, ``x3 = 4 x2``).
    - Column 3 is best iff ``x3 >= x1 + 3 x2`` and ``x3 >= 4 x2``: vertices (0,0,1),
      (1/2,0,1/2), (1/6,1/6,2/3) and (0,1/5,4/5).

    Each vertex with its pure column: 12 extreme equilibria, one connected component
    (all meet at (1/6,1/6,2/3), where all three columns are best replies).
    """
    for method in ("vertex", "support"):
        for mode, scale in MODES:
            result = nash_equilibria(_game("3x3 row 0", mode, scale), method=method)
            assert result.complete and result.degenerate, (method, mode, scale)
            assert len(result) == 12, (method, mode, scale)
            missing, extra = _unmatched([_flat(eq.profile) for eq in result], EQUILIBRIA_3X3)
            assert not missing and not extra, (method, mode, scale, missing, extra)
            assert result.components is not None and len(result.components) == 1
            _check_certificates(result, mode)


@pytest.mark.parametrize("mode, scale", MODES)
@pytest.mark.parametrize("name", list(CASES))
@pytest.mark.parametrize("method", ["vertex", "support"])
def test_complete_methods_find_every_extreme_equilibrium(
    method: str, name: str, mode: str, scale: float
) -> None:
    expected = CASES[name][2]
    result = nash_equilibria(_game(name, mode, scale), method=method)
    assert result.complete
    missing, extra = _unmatched([_flat(eq.profile) for eq in result], expected)
    assert not missing and not extra, (missing, extra)
    _check_certificates(result, mode)


@pytest.mark.parametrize("mode, scale", MODES)
@pytest.mark.parametrize("name", list(CASES))
def test_pure_equilibria_are_the_pure_extreme_ones(name: str, mode: str, scale: float) -> None:
    expected = {p for p in CASES[name][2] if all(sum(1 for v in vec if v != 0) == 1 for vec in p)}
    result = nash_equilibria(_game(name, mode, scale), method="pure")
    assert result.complete
    missing, extra = _unmatched([_flat(eq.profile) for eq in result], expected)
    assert not missing and not extra, (missing, extra)
    _check_certificates(result, mode)


# the polynomial solver is slow on these games (every support is singular): unit scale only
@pytest.mark.parametrize(
    "method, mode, scale",
    [("lemke_howson", mode, scale) for mode, scale in MODES]
    + [("polynomial", "exact", 1.0), ("polynomial", "float", 1.0)],
)
@pytest.mark.parametrize("name", list(CASES))
def test_partial_methods_find_extreme_equilibria(
    method: str, name: str, mode: str, scale: float
) -> None:
    """Lemke-Howson and the polynomial solver do not claim every equilibrium of a degenerate
    game, but what they return must be among the extreme ones (their paths and isolated
    solutions end at vertices)."""
    result = nash_equilibria(_game(name, mode, scale), method=method)
    assert len(result) >= 1
    _, extra = _unmatched([_flat(eq.profile) for eq in result], CASES[name][2])
    assert not extra
    _check_certificates(result, mode)


@pytest.mark.parametrize("mode, scale", MODES)
def test_zero_sum_with_both_players_indifferent(mode: str, scale: float) -> None:
    """``A = 2``, ``B = -2`` is zero-sum: every profile is optimal, the value is 2 and the
    linear program returns one extreme (pure) profile."""
    result = nash_equilibria(_game("2x3 both constant", mode, scale), method="zero_sum")
    assert len(result) == 1
    _, extra = _unmatched([_flat(eq.profile) for eq in result], CASES["2x3 both constant"][2])
    assert not extra
    assert float(result[0].payoffs[0]) == pytest.approx(2 * scale)
    _check_certificates(result, mode)
