"""Simulation of the replicator dynamics (coopgame.evolution._simulate)."""

from __future__ import annotations

import numpy as np
import pytest

from coopgame.evolution._dynamics import EvolutionError, replicator_field, symmetric_replicator
from coopgame.evolution._simulate import basins, integrate_batch, simulate, uniform_starts
from coopgame.game import Game
from coopgame.models import preset


def huang_game() -> Game:
    """Huang et al. (2025) baseline as a 2x2 game; derivation in test_evolution_dynamics.py."""
    return Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]])


def _reference_ends(game: Game, starts: np.ndarray, t_end: float) -> np.ndarray:
    from scipy.integrate import solve_ivp

    f = replicator_field(game)
    return np.array(
        [
            solve_ivp(f, (0, t_end), s, method="DOP853", rtol=1e-12, atol=1e-14).y[:, -1]
            for s in starts
        ]
    )


@pytest.fixture(scope="module")
def huang_reference() -> tuple[np.ndarray, np.ndarray]:
    starts = np.random.default_rng(5).random((100, 2))
    return starts, _reference_ends(huang_game(), starts, 50.0)


@pytest.mark.parametrize("method", ["logratio", "dopri", "rk4"])
def test_batch_agrees_with_solve_ivp_on_100_starts(
    method: str, huang_reference: tuple[np.ndarray, np.ndarray]
) -> None:
    """Acceptance: 100 random starts, endpoints within 1e-6 of solve_ivp at tight tolerance."""
    starts, reference = huang_reference
    ends = integrate_batch(huang_game(), starts, (0, 50), method=method, step=0.01)[-1]
    np.testing.assert_allclose(ends, reference, atol=1e-6)


@pytest.fixture(scope="module")
def tripartite_reference() -> tuple[Game, np.ndarray, np.ndarray]:
    game = preset("combined", model="school_enterprise_government")
    starts = uniform_starts(game.shape, 40, seed=3)
    return game, starts, _reference_ends(game, starts, 50.0)


@pytest.mark.parametrize(
    ("method", "rtol", "atol"),
    [("logratio", 1e-7, 1e-9), ("logratio", 1e-9, 1e-12), ("dopri", 1e-9, 1e-12)],
)
def test_batch_agrees_on_the_three_population_model(
    method: str, rtol: float, atol: float, tripartite_reference: tuple[Game, np.ndarray, np.ndarray]
) -> None:
    """The benchmark's system and tolerances (benchmarks/bench_evolution.py), on 40 of its starts.
    """
    game, starts, reference = tripartite_reference
    ends = integrate_batch(
        game, starts, (0, 50), method=method, rtol=rtol, atol=atol  # type: ignore[arg-type]
    )[-1]
    np.testing.assert_allclose(ends, reference, atol=1e-6)


def test_logratio_boundary_starts_stay_on_their_faces() -> None:
    """x (1 - x) = 0 on a face, so a share of exactly 0 or 1 never changes and the other
    populations follow the face's own dynamics; solve_ivp on the shares agrees."""
    game = preset("combined", model="school_enterprise_government")
    starts = np.array(
        [[0.0, 0.3, 0.6], [1.0, 0.5, 0.5], [0.4, 1.0, 0.0], [0.0, 1.0, 1.0], [0.2, 0.7, 1.0]]
    )
    path = integrate_batch(game, starts, (0, 20), np.linspace(0, 20, 5))
    faces = (starts == 0.0) | (starts == 1.0)
    assert np.all(path[:, faces] == starts[faces])
    np.testing.assert_allclose(path[-1], _reference_ends(game, starts, 20.0), atol=1e-6)


def test_logratio_population_with_three_strategies() -> None:
    """A random 3x2 game (log-shares for the 3-strategy population, a logit for the other), with
    starts on faces (a strategy absent); outputs compared with solve_ivp on the shares."""
    payoffs = np.random.default_rng(2).normal(size=(3, 2, 2))
    game = Game(payoffs)
    starts = np.array([[0.2, 0.5, 0.3], [0.0, 0.6, 0.9], [0.7, 0.3, 0.0], [1 / 3, 1 / 3, 0.5]])
    times = np.linspace(0, 10, 6)
    path = integrate_batch(game, starts, (0, 10), times, rtol=1e-11, atol=1e-13)
    for k, s in enumerate(starts):
        ref = simulate(game, s, (0, 10), times, rtol=1e-12, atol=1e-14).y.T
        np.testing.assert_allclose(path[:, k, :], ref, atol=1e-7)
    assert np.all(path[:, 1, 0] == 0.0)


def test_logratio_single_symmetric_population() -> None:
    """One population, three strategies, A = [[0, 1, 2], [2, 0, 1], [1, 2, 0]]: rock-paper-scissors
    with tie 0, win 2, loss 1. A p = (1, 1, 1) at the barycentre p, and (A + A^T)/2 = 3/2 (J - I),
    so z^T A z = -3/2 |z|^2 < 0 for sum(z) = 0: p is an ESS and attracts every interior start.
    A start with a zero share keeps it at zero (it follows its edge)."""
    A = np.array([[0.0, 1.0, 2.0], [2.0, 0.0, 1.0], [1.0, 2.0, 0.0]])
    field = symmetric_replicator(A)
    starts = np.array([[0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [0.5, 0.5, 0.0]])
    times = np.linspace(0, 30, 4)
    path = integrate_batch(field, starts, (0, 30), times, rtol=1e-11, atol=1e-13)
    for k, s in enumerate(starts):
        ref = simulate(field, s, (0, 30), times, rtol=1e-12, atol=1e-14).y.T
        np.testing.assert_allclose(path[:, k, :], ref, atol=1e-7)
    np.testing.assert_allclose(path[-1, :2], np.full((2, 3), 1 / 3), atol=1e-6)
    assert np.all(path[:, 2, 2] == 0.0)


def test_one_population_game_with_three_strategies() -> None:
    """A one-player game with payoffs (1, 2, 3): the shares grow as p_s(0) e^{u_s t}, so at t = 1
    from (0.2, 0.3, 0.5) they are proportional to (0.2 e, 0.3 e^2, 0.5 e^3)."""
    game = Game(np.array([[1.0], [2.0], [3.0]]))
    weights = np.array([0.2, 0.3, 0.5]) * np.exp([1.0, 2.0, 3.0])
    expected = (weights / weights.sum())[:2]
    for method in ("logratio", "dopri"):
        ends = integrate_batch(
            game, [[0.2, 0.3]], (0, 1), method=method  # type: ignore[arg-type]
        )[-1, 0]
        np.testing.assert_allclose(ends, expected, atol=1e-9)


def test_logratio_falls_back_where_it_does_not_apply() -> None:
    """With mutation the faces are not invariant, so the default method is plain dopri."""
    field = symmetric_replicator([[0, 1, 2], [2, 0, 1], [1, 2, 0]], mutation=0.05)
    start = [[0.5, 0.5, 0.0]]
    np.testing.assert_array_equal(integrate_batch(field, start, (0, 5)),
                                  integrate_batch(field, start, (0, 5), method="dopri"))
    with pytest.raises(EvolutionError, match="outside the simplex"):
        integrate_batch(huang_game(), [[1.5, 0.5]])


@pytest.mark.parametrize("method", ["logratio", "dopri"])
def test_output_times_match_solve_ivp(method: str) -> None:
    """Intermediate outputs (not only endpoints) on a game whose trajectories are still moving:
    they come from the continuous extension inside the steps, and may start after t_span[0]."""
    game = Game(np.random.default_rng(7).normal(size=(2, 2, 2, 3)))
    starts = uniform_starts(game.shape, 20, seed=1)
    times = np.linspace(0.5, 5, 31)
    path = integrate_batch(
        game, starts, (0, 5), times, method=method, rtol=1e-11, atol=1e-13  # type: ignore[arg-type]
    )
    assert path.shape == (31, 20, 3)
    for k, s in enumerate(starts):
        ref = simulate(game, s, (0, 5), times, rtol=1e-12, atol=1e-14).y.T
        np.testing.assert_allclose(path[:, k, :], ref, atol=1e-7)


def test_huang_basins_follow_the_quadrants() -> None:
    """With x > 1/2 and y > 1/2 both advantages 50y - 25 and 40x - 20 are positive, so x and y
    only grow and the start ends at (1, 1); the opposite quadrant ends at (0, 0)."""
    rng = np.random.default_rng(11)
    upper = 0.505 + 0.49 * rng.random((50, 2))
    lower = 0.005 + 0.49 * rng.random((50, 2))
    result = basins(huang_game(), np.vstack([upper, lower]), 50.0)
    assert result.attractors == ((1.0, 1.0), (0.0, 0.0))
    assert result.shares == (0.5, 0.5) and result.unresolved == 0.0
    assert list(result.labels) == [0] * 50 + [1] * 50
    # near (1, 1) the slowest eigenvalue is -20: from distance d, reaching 1e-3 takes >=
    # ln(d/1e-3)/25
    assert np.all(result.convergence_time > 0) and np.all(result.convergence_time < 5)


def test_edges_are_invariant() -> None:
    """x (1 - x) vanishes on the edges, so a start on the edge x = 0 never leaves it."""
    path = integrate_batch(huang_game(), [[0.0, 0.7]], (0, 5), np.linspace(0, 5, 11))
    assert np.all(path[:, 0, 0] == 0.0)
    assert np.all((path >= -1e-12) & (path <= 1 + 1e-12))


def test_progress_bar_runs(capsys: pytest.CaptureFixture[str]) -> None:
    ends = integrate_batch(huang_game(), [[0.9, 0.9]], (0, 10), progress=True)[-1]
    np.testing.assert_allclose(ends, [[1.0, 1.0]], atol=1e-6)


def test_bad_input() -> None:
    with pytest.raises(EvolutionError, match="2 reduced coordinates"):
        integrate_batch(huang_game(), [[0.5, 0.5, 0.5]])
    with pytest.raises(EvolutionError, match="forward"):
        integrate_batch(huang_game(), [[0.5, 0.5]], (0, -1))
    with pytest.raises(EvolutionError, match="method"):
        integrate_batch(huang_game(), [[0.5, 0.5]], method="euler")  # type: ignore[arg-type]
    with pytest.raises(EvolutionError, match="one start"):
        simulate(huang_game(), [[0.5, 0.5], [0.1, 0.1]])


def test_functions_named_like_their_modules_stay_functions() -> None:
    """This module imported coopgame.evolution._simulate and .rest_points first, which binds the
    package attributes to the modules unless the package rebinds them to the functions."""
    import types

    import coopgame.evolution
    import coopgame.evolution._rest_points
    import coopgame.evolution._simulate  # noqa: F401

    for name in ("rest_points", "simulate"):
        value = getattr(coopgame.evolution, name)
        assert not isinstance(value, types.ModuleType) and callable(value)
