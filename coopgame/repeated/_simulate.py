"""Seeded, vectorised simulation of repeated 2x2 cooperation games with noise.

Each player's first strategy is "cooperate", the second "shirk". A run is a sequence
of periods; all runs advance together as numpy arrays (one entry per run), so many
thousands of runs cost one array operation per period. Implementation noise models
the "unfinished results" risk of a joint project: an intended cooperation fails and is
implemented (and observed) as shirking with probability ``noise``. With continuation
probability ``w < 1`` the game stops after each period with probability ``1 - w``
(a random horizon).

References
----------
Axelrod, R. (1984). *The Evolution of Cooperation*. Nowak, M. and Sigmund, K. (1993).
A strategy of win-stay, lose-shift that outperforms tit-for-tat in the Prisoner's Dilemma
game. *Nature* 364, 56-58 (noise, generous tit-for-tat and win-stay-lose-shift).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from coopgame.game import Game
from coopgame.repeated._common import RepeatedGameError, discount_factor

__all__ = ["STRATEGY_NAMES", "SimulationResult", "simulate", "noise_experiment"]

COOPERATE, SHIRK = 0, 1

#: the strategies :func:`simulate` knows
STRATEGY_NAMES = ("grim", "tit_for_tat", "generous_tit_for_tat", "win_stay_lose_shift",
                  "always_cooperate", "always_shirk", "random")

#: runs x periods above which a progress bar is shown by default
PROGRESS_THRESHOLD = 5_000_000


@dataclass(frozen=True)
class SimulationResult:
    """Averages over the simulated runs.

    Attributes
    ----------
    strategies
        The two players' strategies.
    average_payoffs
        Each player's payoff per period played, averaged over runs.
    discounted_payoffs
        Each player's normalised discounted payoff ``(1 - delta) sum_t delta^t u_t``
        (the plain per-period average when ``delta`` is 1), averaged over runs.
    standard_errors
        Standard errors of ``average_payoffs`` over runs.
    cooperation_rate
        The share of played periods in which both players cooperated.
    mean_periods
        The average number of periods played (less than ``periods`` when ``continuation < 1``).
    """

    strategies: tuple[str, str]
    average_payoffs: tuple[float, float]
    discounted_payoffs: tuple[float, float]
    standard_errors: tuple[float, float]
    cooperation_rate: float
    mean_periods: float
    runs: int
    seed: int | None


def _intended(name: str, t: int, own: np.ndarray, other: np.ndarray, punished: np.ndarray,
              rng: np.random.Generator, generosity: float) -> np.ndarray:
    """The action each run's player intends in period ``t``, from last period's actions."""
    runs = own.shape[0]
    if name == "always_cooperate":
        return np.zeros(runs, dtype=np.int8)
    if name == "always_shirk":
        return np.ones(runs, dtype=np.int8)
    if name == "random":
        return np.asarray(rng.random(runs) < 0.5, dtype=np.int8)
    if t == 0:
        return np.zeros(runs, dtype=np.int8)
    if name == "grim":
        return np.asarray(punished, dtype=np.int8)
    if name == "tit_for_tat":
        return other.copy()
    if name == "generous_tit_for_tat":
        forgive = rng.random(runs) < generosity
        return np.where((other == SHIRK) & ~forgive, SHIRK, COOPERATE).astype(np.int8)
    if name == "win_stay_lose_shift":
        # "win" = the other cooperated: keep the action; otherwise switch (Nowak and Sigmund 1993)
        return np.where(other == COOPERATE, own, 1 - own).astype(np.int8)
    raise RepeatedGameError(f"unknown strategy {name!r}; choose one of {', '.join(STRATEGY_NAMES)}")


def _check(game: Game, strategies: Sequence[str], noise: float, continuation: float,
           periods: int, runs: int) -> tuple[np.ndarray, np.ndarray]:
    if game.shape != (2, 2):
        raise RepeatedGameError(f"simulation needs a 2x2 game (cooperate, shirk); this one is "
                                f"{'x'.join(map(str, game.shape))}")
    if isinstance(strategies, str) or len(strategies) != 2:
        raise RepeatedGameError(
            f"give one strategy per player, e.g. ('grim', 'tit_for_tat'); got {strategies!r}"
        )
    for name in strategies:
        if name not in STRATEGY_NAMES:
            raise RepeatedGameError(
                f"unknown strategy {name!r}; choose one of {', '.join(STRATEGY_NAMES)}"
            )
    for label, value, low_open in (("noise", noise, False), ("continuation", continuation, True)):
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not np.isfinite(value):
            raise RepeatedGameError(f"{label} must be a number, got {value!r}")
        if value > 1 or value < 0 or (low_open and value == 0):
            raise RepeatedGameError(
                f"{label} must lie in {'(0, 1]' if low_open else '[0, 1]'}, got {value!r}"
            )
    for label, count in (("periods", periods), ("runs", runs)):
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise RepeatedGameError(f"{label} must be a positive integer, got {count!r}")
    if game.kind == "symbolic" and game.parameters:
        raise RepeatedGameError("simulation needs numeric payoffs; substitute the parameters first")
    A, B = game.as_float().bimatrix_arrays(dtype=float)
    return A, B


def simulate(
    game: Game,
    strategies: Sequence[str],
    *,
    periods: int = 100,
    runs: int = 1000,
    noise: float = 0.0,
    continuation: float = 1.0,
    delta: Any = 1.0,
    generosity: float = 1 / 3,
    seed: int | None = None,
    progress: bool | None = None,
) -> SimulationResult:
    """Simulate many runs of a repeated 2x2 game between two strategies.

    Parameters
    ----------
    game
        A numeric 2x2 game; strategy 0 is "cooperate", 1 "shirk", for both players.
    strategies
        Two names from :data:`STRATEGY_NAMES`.
    periods
        The most periods a run lasts.
    runs
        The number of independent runs (simulated together).
    noise
        Probability that an intended cooperation is implemented as shirking.
    continuation
        Probability that the game goes on after each period.
    delta
        Discount factor in (0, 1] for :attr:`SimulationResult.discounted_payoffs` (1: plain
        average), in any form the other functions of :mod:`coopgame.repeated` accept
        (``0.95``, ``"19/20"``, a Fraction).
    generosity
        Generous tit-for-tat: probability of forgiving a shirk.
    seed
        Seed of numpy's random generator: the same seed gives the same result.
    progress
        Show a tqdm progress bar over periods (default: for long runs, when tqdm is installed).

    Examples
    --------
    Without noise, grim trigger and tit-for-tat cooperate for ever; with noise, tit-for-tat
    pairs fall into echoes of retaliation:

    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> simulate(pd, ("tit_for_tat", "tit_for_tat"), runs=200, seed=1).cooperation_rate
    1.0
    >>> noisy = simulate(pd, ("tit_for_tat", "tit_for_tat"), runs=200, noise=0.05, seed=1)
    >>> noisy.cooperation_rate < 0.5
    True
    """
    A, B = _check(game, strategies, noise, continuation, periods, runs)
    discount = float(discount_factor(delta, allow_one=True))
    if (
        isinstance(generosity, bool)
        or not isinstance(generosity, (int, float))
        or not 0 <= generosity <= 1
    ):
        raise RepeatedGameError(f"generosity must be a probability in [0, 1], got {generosity!r}")
    rng = np.random.default_rng(seed)
    actions = np.zeros((2, runs), dtype=np.int8)
    punished = np.zeros((2, runs), dtype=bool)  # grim: has the other player ever shirked?
    alive = np.ones(runs, dtype=bool)
    totals = np.zeros((2, runs))
    discounted = np.zeros((2, runs))
    played = np.zeros(runs)
    both_cooperate = np.zeros(runs)
    steps: Any = range(periods)
    if progress or (progress is None and runs * periods >= PROGRESS_THRESHOLD):
        try:
            from tqdm.auto import tqdm

            steps = tqdm(steps, desc="periods", leave=False)
        except ImportError:  # the bar is a convenience, not a requirement
            pass
    weight = 1.0
    for t in steps:
        if t > 0 and continuation < 1:
            alive &= rng.random(runs) < continuation
            if not alive.any():
                break
        intended = np.stack(
            [
                _intended(
                    strategies[i], t, actions[i], actions[1 - i], punished[i], rng, generosity
                )
                for i in range(2)
            ]
        )
        failed = rng.random((2, runs)) < noise
        actions = np.where((intended == COOPERATE) & failed, SHIRK, intended).astype(np.int8)
        punished |= actions[::-1] == SHIRK
        stage = np.stack([A[actions[0], actions[1]], B[actions[0], actions[1]]])
        totals += stage * alive
        discounted += weight * stage * alive
        played += alive
        both_cooperate += alive & (actions[0] == COOPERATE) & (actions[1] == COOPERATE)
        weight *= discount
    per_period = totals / np.maximum(played, 1)
    normaliser = (1 - discount) if discount < 1 else 1 / np.maximum(played, 1)
    return SimulationResult(
        strategies=(strategies[0], strategies[1]),
        average_payoffs=(float(per_period[0].mean()), float(per_period[1].mean())),
        discounted_payoffs=(
            float((discounted[0] * normaliser).mean()),
            float((discounted[1] * normaliser).mean()),
        ),
        standard_errors=tuple(
            float(per_period[i].std(ddof=1) / np.sqrt(runs)) if runs > 1 else 0.0 for i in range(2)
        ),  # type: ignore[arg-type]
        cooperation_rate=float(both_cooperate.sum() / max(played.sum(), 1)),
        mean_periods=float(played.mean()),
        runs=runs,
        seed=seed,
    )


def noise_experiment(
    game: Game,
    strategies: Sequence[str] = STRATEGY_NAMES,
    noise_levels: Sequence[float] = (0.0, 0.01, 0.05, 0.1),
    **options: Any,
) -> dict[str, list[float]]:
    """Cooperation rate of each strategy against itself at each noise level.

    Shows how noise changes which strategies sustain cooperation: grim trigger and
    tit-for-tat collapse under noise, generous tit-for-tat and win-stay-lose-shift recover.

    Returns
    -------
    dict
        strategy name -> one cooperation rate per noise level. Options go to :func:`simulate`
        (the same ``seed`` is used for every cell, so the table is reproducible).

    Examples
    --------
    >>> from coopgame import Game
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> table = noise_experiment(pd, ("grim", "win_stay_lose_shift"), (0.0, 0.05), runs=300, seed=2)
    >>> table["grim"][0], table["grim"][1] < table["win_stay_lose_shift"][1]
    (1.0, True)
    """
    return {
        name: [
            simulate(game, (name, name), noise=q, **options).cooperation_rate for q in noise_levels
        ]
        for name in strategies
    }
