"""Every equilibrium solver checks its arguments with the one shared check (issue 12, item 6):
the same error type (SolverInputError, a GameError and a ValueError) and the same message,
``"<solver>: <problem>"``, for bad ``tol``, bad ``max_seconds``, a bad ``exact``, a game with
free parameters, a non-game, and a player count the method does not handle."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from coopgame import Game, GameError
from coopgame.equilibria import (
    METHODS,
    NashResult,
    SolverInputError,
    lemke_howson,
    nash_equilibria,
    polynomial_enumeration,
    pure_equilibria,
    single_player_equilibria,
    support_enumeration,
    vertex_enumeration,
    zero_sum_lp,
)

#: Matching pennies: zero-sum, so every two-player method accepts it.
PENNIES = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
SOLO = Game(np.array([[3], [1]]))
THREE = Game(np.zeros((2, 2, 2, 3), dtype=int))

#: solver name in messages -> (function, a game it solves, players it handles or None)
SOLVERS: dict[str, tuple[Callable[..., NashResult], Game, int | None]] = {
    "vertex_enumeration": (vertex_enumeration, PENNIES, 2),
    "support_enumeration": (support_enumeration, PENNIES, 2),
    "lemke_howson": (lemke_howson, PENNIES, 2),
    "zero_sum_lp": (zero_sum_lp, PENNIES, 2),
    "pure_equilibria": (pure_equilibria, PENNIES, None),
    "polynomial_enumeration": (polynomial_enumeration, PENNIES, None),
    "single_player_equilibria": (single_player_equilibria, SOLO, 1),
}
#: the time-limited ones (single_player_equilibria has no max_seconds: it is one pass)
TIMED = [name for name in SOLVERS if name != "single_player_equilibria"]


def _raises(name: str, message: str, call: Callable[[], Any]) -> None:
    with pytest.raises(SolverInputError, match="^" + re.escape(f"{name}: {message}") + "$") as info:
        call()
    assert isinstance(info.value, GameError) and isinstance(info.value, ValueError)


@pytest.mark.parametrize("tol", [0, -1, 0.0, math.nan, math.inf, -math.inf, "x", None, True])
@pytest.mark.parametrize("name", list(SOLVERS))
def test_bad_tol(name: str, tol: Any) -> None:
    function, game, _ = SOLVERS[name]
    _raises(
        name, f"tol must be a positive finite number, got {tol!r}", lambda: function(game, tol=tol)
    )


@pytest.mark.parametrize("max_seconds", [0, -1, math.nan, math.inf, "x", True])
@pytest.mark.parametrize("name", TIMED)
def test_bad_max_seconds(name: str, max_seconds: Any) -> None:
    function, game, _ = SOLVERS[name]
    _raises(
        name,
        f"max_seconds must be None or a positive finite number, got {max_seconds!r}",
        lambda: function(game, max_seconds=max_seconds),
    )


@pytest.mark.parametrize("exact", ["yes", 1, 0.0])
@pytest.mark.parametrize("name", list(SOLVERS))
def test_bad_exact(name: str, exact: Any) -> None:
    function, game, _ = SOLVERS[name]
    _raises(
        name,
        f"exact must be True, False or None, got {exact!r}",
        lambda: function(game, exact=exact),
    )


@pytest.mark.parametrize("name", list(SOLVERS))
def test_free_parameters(name: str) -> None:
    function, game, _ = SOLVERS[name]
    symbolic = (
        Game(np.array([["c"], [1]], dtype=object))
        if game.n_players == 1
        else Game.bimatrix([["c", -1], [-1, 1]], [[-1, 1], [1, -1]])
    )
    _raises(
        name,
        "the game has free parameters ['c']; substitute values first (game.subs({...})), or use "
        "coopgame.equilibria.equilibrium_conditions for conditions on them",
        lambda: function(symbolic),
    )


@pytest.mark.parametrize("name", list(SOLVERS))
def test_not_a_game(name: str) -> None:
    function, _, _ = SOLVERS[name]
    _raises(name, "expected a coopgame.Game, got list", lambda: function([[1, 2], [3, 4]]))


@pytest.mark.parametrize(
    "name", [name for name, (_, _, players) in SOLVERS.items() if players is not None]
)
def test_wrong_player_count(name: str) -> None:
    function, _, players = SOLVERS[name]
    other = PENNIES if players == 1 else THREE
    count = {1: "one-player", 2: "two-player"}[players]  # type: ignore[index]
    _raises(
        name,
        f"needs a {count} game; this one has {other.n_players} players",
        lambda: function(other),
    )


@pytest.mark.parametrize("method", list(METHODS))
def test_nash_equilibria_reports_the_chosen_solver(method: str) -> None:
    """The dispatcher runs the same check, naming the function behind the method."""
    name = METHODS[method][1]
    _raises(
        name,
        "tol must be a positive finite number, got -1",
        lambda: nash_equilibria(PENNIES, method, tol=-1),
    )
    if METHODS[method][2] == 2:
        _raises(
            name,
            "needs a two-player game; this one has 3 players",
            lambda: nash_equilibria(THREE, method),
        )


@pytest.mark.parametrize("method", list(METHODS))
def test_results_share_one_provenance_shape(method: str) -> None:
    """Every result is built by the one builder: its method, arithmetic, and parameters with
    the time limit (and ``tol`` wherever the method uses it)."""
    for exact in (True, False):
        result = nash_equilibria(PENNIES, method, exact=exact, tol=1e-8, max_seconds=30)
        assert result.method == method and result.exact is exact
        assert result.parameters["max_seconds"] == 30
        assert result.parameters.get("tol", 1e-8) == 1e-8
        assert all(eq.exact is exact for eq in result)
        assert result.complete or result.notes  # a result that is not complete says why
