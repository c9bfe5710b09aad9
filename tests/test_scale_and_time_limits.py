"""Float solvers on badly scaled and huge payoffs, and the ``max_seconds`` limit of every solver
(issue 11, items 5, 6 and the overflow part of 9)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from coopgame import Game, nash_equilibria
from coopgame.cli import main
from coopgame.equilibria import METHODS
from coopgame.equilibria._certificate import (
    CertificateError,
    certified_equilibrium,
    relative_regrets,
)

#: Methods that claim every extreme (or isolated) equilibrium of a two-player game.
ALL_EQUILIBRIA = ["vertex", "support", "polynomial"]
TWO_PLAYER = [*ALL_EQUILIBRIA, "lemke_howson"]


def _float_profiles(result: Any) -> list[tuple[float, ...]]:
    """The equilibria as flat float tuples, sorted on values rounded to 6 digits: sorting the
    raw floats lets rounding noise reorder near-ties (0.5000000000000001 sorts after 0.5, so
    ``(0.5 + 1e-16, 0.5, 0)`` lands behind ``(0.5, 0, 0.5)``) and pairs the wrong profiles."""
    profiles = [tuple(float(p) for vec in eq.profile for p in vec) for eq in result]
    return sorted(profiles, key=lambda profile: tuple(round(p, 6) for p in profile))


def _scaled_game() -> Game:
    return Game.bimatrix([[1000.0, 0.0], [0.0, 1e-7]], [[1.0, 0.0], [0.0, 1.0]])


@pytest.mark.parametrize("method", TWO_PLAYER)
def test_badly_scaled_game_keeps_its_mixed_equilibrium(method: str) -> None:
    """``A = [[1000, 0], [0, 1e-7]]``, ``B = I`` (issue 11, item 5).

    Pure equilibria: (1, 1) (deviating gives 0 < 1000 and 0 < 1) and (2, 2) (0 < 1e-7,
    0 < 1). Mixed: the column player's ``q = P(column 1)`` makes the row player
    indifferent, ``1000 q = 1e-7 (1 - q)``, so ``q = 1e-7 / (1000 + 1e-7) =
    1e-10 / (1 + 1e-10)``; the row player's ``p`` makes the column player indifferent,
    ``p = 1 - p``, so ``p = 1/2``. A tolerance in absolute payoff units hides the
    mixed one (the row player's payoffs differ by 1e-10 of their range) or rejects it.
    """
    result = nash_equilibria(_scaled_game(), method=method)
    assert len(result) == 3
    if method != "lemke_howson":
        assert result.complete
    mixed = result[1].float_profile()
    q = 1e-10 / (1 + 1e-10)
    np.testing.assert_allclose(mixed[0], [0.5, 0.5], rtol=1e-9)
    assert mixed[1][0] == pytest.approx(q, rel=1e-6)
    assert mixed[1][1] == pytest.approx(1 - q, rel=1e-12)


def test_badly_scaled_column_player_is_the_mirror_image() -> None:
    """Sibling: the transposed game, small payoff on the column player's side. By symmetry
    the mixed equilibrium is ``((q, 1 - q), (1/2, 1/2))`` with ``q = 1e-10 / (1 + 1e-10)``."""
    game = Game.bimatrix([[1.0, 0.0], [0.0, 1.0]], [[1000.0, 0.0], [0.0, 1e-7]])
    q = 1e-10 / (1 + 1e-10)
    for method in ALL_EQUILIBRIA:
        result = nash_equilibria(game, method=method)
        assert len(result) == 3 and result.complete, method
        x, y = result[1].float_profile()
        assert x[0] == pytest.approx(q, rel=1e-6)
        np.testing.assert_allclose(y, [0.5, 0.5], rtol=1e-9)


#: Von Stengel's 3x2 example (AGT ch. 3, fig. 3.2), equilibria derived there:
#: ((1,0,0),(1,0)), ((4/5,1/5,0),(2/3,1/3)), ((0,1/3,2/3),(1/3,2/3)).
STENGEL_A = np.array([[3, 3], [2, 5], [0, 6]], dtype=float)
STENGEL_B = np.array([[3, 2], [2, 6], [3, 1]], dtype=float)
STENGEL = sorted([
    (1.0, 0.0, 0.0, 1.0, 0.0),
    (0.8, 0.2, 0.0, 2 / 3, 1 / 3),
    (0.0, 1 / 3, 2 / 3, 1 / 3, 2 / 3),
])


@pytest.mark.parametrize(
    "scale_a, scale_b", [(1e-9, 1e-9), (1e9, 1e9), (1e9, 1e-9), (1e-12, 1e12), (1e300, 1e-300)]
)
@pytest.mark.parametrize("method", ALL_EQUILIBRIA)
def test_scaling_a_player_changes_no_equilibrium(
    method: str, scale_a: float, scale_b: float
) -> None:
    """Multiplying one player's payoffs by a positive number changes no equilibrium, so every
    scale, and mixed scales per player, must give von Stengel's three equilibria."""
    game = Game.bimatrix(STENGEL_A * scale_a, STENGEL_B * scale_b)
    result = nash_equilibria(game, method=method)
    assert result.complete
    np.testing.assert_allclose(_float_profiles(result), STENGEL, atol=1e-9)


def test_lemke_howson_on_scaled_games() -> None:
    """Lemke-Howson from every label finds all three on this game at every scale."""
    for scale_a, scale_b in [(1e-9, 1e9), (1e9, 1e-9), (1e300, 1e300)]:
        result = nash_equilibria(
            Game.bimatrix(STENGEL_A * scale_a, STENGEL_B * scale_b), method="lemke_howson"
        )
        np.testing.assert_allclose(_float_profiles(result), STENGEL, atol=1e-9)


@pytest.mark.parametrize("method", ["polynomial"])
def test_three_player_scaled_game(method: str) -> None:
    """The n-player solver too: a 2x2x2 game whose players' payoffs are in units of 1e-9,
    1 and 1e9 has the same equilibria as the unit game (computed exactly)."""
    rng = np.random.default_rng(3)
    payoffs = rng.integers(0, 9, size=(2, 2, 2, 3))
    reference = nash_equilibria(Game(payoffs), method=method)
    scaled = Game(payoffs.astype(float) * np.array([1e-9, 1.0, 1e9]))
    result = nash_equilibria(scaled, method=method)
    assert result.complete == reference.complete
    np.testing.assert_allclose(_float_profiles(result), _float_profiles(reference), atol=1e-8)


@settings(max_examples=25, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=9, max_size=9),
    st.lists(st.integers(0, 5), min_size=9, max_size=9),
    st.integers(-9, 9),
    st.integers(-9, 9),
)
# the row player's payoffs all 0 (a continuum of equilibria; float noise of 1e-16 in an
# equilibrium once reordered the sorted lists): see tests/test_constant_payoffs.py
@example(a=[0] * 9, b=[1, 0, 0, 3, 4, 0, 0, 0, 1], k_a=0, k_b=0)
def test_scaled_small_integer_games_match_exact(
    a: list[int], b: list[int], k_a: int, k_b: int
) -> None:
    """Property: on small-integer 3x3 games (often degenerate), float vertex enumeration of
    the game with payoffs scaled by ``10**k_a`` and ``10**k_b`` finds the extreme equilibria
    of exact vertex enumeration of the unscaled game."""
    A, B = np.array(a).reshape(3, 3), np.array(b).reshape(3, 3)
    exact = nash_equilibria(Game.bimatrix(A, B), method="vertex")
    floats = nash_equilibria(Game.bimatrix(A * 10.0**k_a, B * 10.0**k_b), method="vertex")
    assert floats.complete
    expected = _float_profiles(exact)
    assert len(floats) == len(expected)
    np.testing.assert_allclose(_float_profiles(floats), expected, atol=1e-7)


# ---------------------------------------------------------------- huge payoffs (item 9)
#: Coordination with the row player's payoffs near the float limit: equilibria (1,1), (2,2)
#: and ((1/2, 1/2), (1/2, 1/2)) (each player's payoffs are symmetric in the two strategies).
HUGE = Game.bimatrix([[1e308, 0.0], [0.0, 1e308]], [[1.0, 0.0], [0.0, 1.0]])
#: Matching pennies at +-1.7e308, whose range (3.4e308) exceeds the largest float: only the
#: uniform mix, with payoff 0 to both.
HUGE_PENNIES = Game.bimatrix([[1.7e308, -1.7e308], [-1.7e308, 1.7e308]],
                             [[-1.7e308, 1.7e308], [1.7e308, -1.7e308]])


@pytest.mark.parametrize("method", TWO_PLAYER)
def test_payoffs_near_the_float_limit(method: str) -> None:
    result = nash_equilibria(HUGE, method=method)
    np.testing.assert_allclose(
        _float_profiles(result),
        sorted([(1, 0, 1, 0), (0.5, 0.5, 0.5, 0.5), (0, 1, 0, 1)]),
        atol=1e-12,
    )
    pennies = nash_equilibria(HUGE_PENNIES, method=method)
    assert len(pennies) == 1
    np.testing.assert_allclose(pennies[0].float_profile(), [[0.5, 0.5], [0.5, 0.5]], atol=1e-12)
    assert all(np.isfinite(pennies[0].payoffs)) and np.isfinite(pennies[0].regret)
    assert abs(pennies[0].payoffs[0]) <= 1e-12 * 1.7e308


def test_huge_zero_sum_game() -> None:
    result = nash_equilibria(HUGE_PENNIES, method="zero_sum")
    np.testing.assert_allclose(result[0].float_profile(), [[0.5, 0.5], [0.5, 0.5]], atol=1e-9)


def test_relative_certificate() -> None:
    """The float certificate bounds each player's regret by ``tol`` times the player's payoff
    range: in the scaled game, ``((1/2, 1/2), (0, 1))`` leaves the row player 1e-7 - 5e-8 =
    5e-8 to gain, 5e-11 of the range 1000 (accepted at 1e-9, refused at 1e-12)."""
    profile = [np.array([0.5, 0.5]), np.array([0.0, 1.0])]
    assert relative_regrets(_scaled_game(), profile).tolist() == pytest.approx(
        [5e-11, 0.0], rel=1e-9
    )
    assert certified_equilibrium(_scaled_game(), profile, False, 1e-9).regret == pytest.approx(5e-8)
    with pytest.raises(CertificateError):
        certified_equilibrium(_scaled_game(), profile, False, 1e-12)
    tiny = Game.bimatrix(np.array([[1.0, 0.0], [0.0, 1.0]]) * 1e-12, np.eye(2) * 1e-12)
    with pytest.raises(CertificateError):  # an absolute 1e-9 would accept any profile here
        certified_equilibrium(tiny, [np.array([1.0, 0.0]), np.array([0.0, 1.0])], False, 1e-9)


# ---------------------------------------------------------------- the command line
NFG = {
    "scaled": 'NFG 1 R "scaled" { "Row" "Col" } { 2 2 }\n1000 1 0 0 0 0 1e-7 1\n',
    "huge": 'NFG 1 R "huge" { "Row" "Col" } { 2 2 }\n1e308 1 0 0 0 0 1e308 1\n',
    "huge_pennies": 'NFG 1 R "pennies" { "Row" "Col" } { 2 2 }\n'
                    "1.7e308 -1.7e308 -1.7e308 1.7e308 -1.7e308 1.7e308 1.7e308 -1.7e308\n",
}


@pytest.mark.parametrize("name", NFG)
@pytest.mark.parametrize("method", ["vertex", "support", "lemke_howson", "polynomial"])
def test_cli_float_answers_scaled_and_huge_games(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 name: str, method: str) -> None:
    path = tmp_path / f"{name}.nfg"
    path.write_text(NFG[name])
    code = main(["solve", str(path), "--float", "--method", method, "--format", "json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "nan" not in captured.out.lower() and "Traceback" not in captured.err


def test_cli_certificate_failure_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever goes wrong in a certificate, the command line prints one line, exit 2."""
    import coopgame.equilibria

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise CertificateError("solver returned a profile with regret 1 > 1e-09")

    monkeypatch.setattr(coopgame.equilibria, "solver", lambda method: broken)
    path = tmp_path / "scaled.nfg"
    path.write_text(NFG["scaled"])
    code = main(["solve", str(path), "--float"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "certified" in err


# ---------------------------------------------------------------- max_seconds (item 6)
def _big_float_game(n: int = 20) -> Game:
    rng = np.random.default_rng(0)
    return Game.bimatrix(rng.random((n, n)), rng.random((n, n)))


@pytest.mark.parametrize("method", [*METHODS])
def test_every_method_takes_max_seconds(method: str) -> None:
    """``nash_equilibria(g, max_seconds=5)`` raised TypeError for the two-player methods."""
    # no pure equilibrium; one mixed: ((3/7, 4/7), (2/7, 5/7))
    game = Game.zero_sum([[3, -1], [-2, 1]])
    result = nash_equilibria(game, method=method, max_seconds=5)
    assert result.parameters["max_seconds"] == 5
    assert len(result) == (0 if method == "pure" else 1)


@pytest.mark.parametrize("method", ["vertex", "support", "lemke_howson"])
def test_cut_short_run_says_so(method: str) -> None:
    """A 20x20 generic game takes minutes (vertex, support) or well over 0.01 s (LH, from all
    40 labels with restarts): stopped early, the result says complete=False and what it covered."""
    result = nash_equilibria(_big_float_game(), method=method, max_seconds=0.01)
    assert not result.complete
    assert any("stopped after max_seconds=0.01" in note for note in result.notes)
    if method != "lemke_howson":
        assert result.components is None
    for eq in result:  # whatever was found is still certified
        assert relative_regrets(result.game, eq.profile).max() <= 1e-9


def test_cut_short_exact_run_on_a_degenerate_game() -> None:
    """The 0/1 18x18 game of the issue (247 s, 10 GB before): exact, stopped early."""
    rng = np.random.default_rng(0)
    game = Game.bimatrix(rng.integers(0, 2, (18, 18)), rng.integers(0, 2, (18, 18)))
    for method in ("vertex", "support"):
        result = nash_equilibria(game, method=method, max_seconds=0.2)
        assert not result.complete and "max_seconds=0.2" in result.notes[0]
        assert all(eq.regret == 0 for eq in result)


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "5", True])
def test_bad_max_seconds(bad: Any) -> None:
    with pytest.raises(ValueError, match="max_seconds"):
        nash_equilibria(_scaled_game(), method="vertex", max_seconds=bad)


def test_exact_results_are_unchanged_by_the_limit() -> None:
    """A game that finishes in time gives the same answer with and without a limit."""
    game = Game.bimatrix(STENGEL_A.astype(int), STENGEL_B.astype(int))
    for method in ALL_EQUILIBRIA:
        limited = nash_equilibria(game, method=method, max_seconds=30)
        unlimited = nash_equilibria(game, method=method, max_seconds=None)
        assert limited.complete and [e.key() for e in limited] == [e.key() for e in unlimited]
        assert [e.key() for e in limited][1] == ((Fraction(4, 5), Fraction(1, 5), Fraction(0)),
                                                 (Fraction(2, 3), Fraction(1, 3)))
