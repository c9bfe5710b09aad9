"""Simulation of the replicator dynamics (coopgame.evolution.simulate)."""

from __future__ import annotations

import numpy as np
import pytest

from coopgame.evolution.dynamics import EvolutionError, replicator_field
from coopgame.evolution.simulate import basins, integrate_batch, simulate, uniform_starts
from coopgame.game import Game
from coopgame.models import preset


def huang_game() -> Game:
    """Huang et al. (2025) baseline as a 2x2 game; derivation in test_evolution_dynamics.py."""
    return Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]])


def _reference_ends(game: Game, starts: np.ndarray, t_end: float) -> np.ndarray:
    from scipy.integrate import solve_ivp

    f = replicator_field(game)
    return np.array([solve_ivp(f, (0, t_end), s, method="DOP853", rtol=1e-12, atol=1e-14).y[:, -1] for s in starts])


@pytest.fixture(scope="module")
def huang_reference() -> tuple[np.ndarray, np.ndarray]:
    starts = np.random.default_rng(5).random((100, 2))
    return starts, _reference_ends(huang_game(), starts, 50.0)


@pytest.mark.parametrize("method", ["dopri", "rk4"])
def test_batch_agrees_with_solve_ivp_on_100_starts(method: str, huang_reference: tuple[np.ndarray, np.ndarray]) -> None:
    """Acceptance: 100 random starts, endpoints within 1e-6 of solve_ivp at tight tolerance."""
    starts, reference = huang_reference
    ends = integrate_batch(huang_game(), starts, (0, 50), method=method, step=0.01)[-1]
    np.testing.assert_allclose(ends, reference, atol=1e-6)


def test_batch_agrees_on_the_three_population_model() -> None:
    game = preset("combined", model="school_enterprise_government")
    starts = uniform_starts(game.shape, 40, seed=3)
    ends = integrate_batch(game, starts, (0, 50))[-1]
    np.testing.assert_allclose(ends, _reference_ends(game, starts, 50.0), atol=1e-6)


def test_output_times_match_solve_ivp() -> None:
    """Intermediate outputs (not only endpoints) on a game whose trajectories are still moving."""
    game = Game(np.random.default_rng(7).normal(size=(2, 2, 2, 3)))
    starts = uniform_starts(game.shape, 20, seed=1)
    times = np.linspace(0, 5, 6)
    path = integrate_batch(game, starts, (0, 5), times, rtol=1e-11, atol=1e-13)
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
    # near (1, 1) the slowest eigenvalue is -20: from distance d, reaching 1e-3 takes >= ln(d/1e-3)/25
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
