"""Issue 11, repeated games: minmax punishments that are not credible fall back to Nash reversion
(item 2), one discount-factor parser and convergence near delta = 1 (item 11), a consistent
JSON record (item 12)."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame.equilibria._certificate import is_nash
from coopgame.models import preset
from coopgame.repeated import (
    RepeatedGameError,
    critical_discount,
    finite_horizon,
    noise_experiment,
    plot_payoff_sets,
    required_instrument,
    shortest_punishment,
    simulate,
    subgame_perfect_payoffs,
)
from coopgame.repeated._discount import (
    _penal_code_holds,
    _reversion_equilibria,
    pure_minmax_profiles,
)


def _is_stage_equilibrium(game: Game, profile: tuple[int, ...]) -> bool:
    return is_nash(game, [[int(k == s) for k in range(n)] for s, n in zip(profile, game.shape)])


# --------------------------------------------------------------------------- item 2
def test_combined_preset_minmax_falls_back_to_nash_reversion() -> None:
    """preset("combined"): (Cooperate, Cooperate) is the unique stage equilibrium (payoffs 23/2,
    61/2; Shirk pays the School -9 and the Enterprise 11 against a cooperator), so playing it every
    period is subgame perfect at every delta: the critical delta is 0 under any punishment.

    Pure minmax punishments are not credible here: to hold the School to 3 the Enterprise must
    shirk, giving up 61/2 - 11 = 39/2 today, and its own punishment (the School shirks) costs the
    School 23/2 - (-9) = 41/2 per period while holding the Enterprise only to 7. So the result must
    say it used Nash reversion."""
    game = preset("combined")
    target = ("Cooperate", "Cooperate")
    minmax = critical_discount(game, target, "minmax")
    assert minmax.delta == 0 and minmax.attained and minmax.sustainable
    assert minmax.punishment == "minmax"
    assert minmax.punishment_used == ("nash", "nash")
    assert minmax.punishment_length is None
    assert any("Nash reversion" in note and "not carry them out" in note for note in minmax.notes)
    assert minmax.sustains("1/100")
    nash = critical_discount(game, target)
    assert nash.delta == 0 and nash.punishment_used == ("nash", "nash")


def test_stage_equilibrium_targets_of_every_preset_need_no_patience() -> None:
    """Sibling: every pure stage equilibrium of every preset gets delta 0 under both punishments."""
    from coopgame.models import PRESETS

    for name in PRESETS:
        game = preset(name)
        for profile in game.pure_profiles():
            if _is_stage_equilibrium(game, profile):
                for punishment in ("nash", "minmax"):
                    assert critical_discount(game, profile, punishment).delta == 0, (
                        name,
                        profile,
                        punishment,
                    )


def hybrid_game() -> Game:
    """Minmax for one player, Nash reversion for the other beats both pure codes.

    Row payoffs A, column payoffs B (strategies 1, 2, 3)::

        A = [[ 4, -4,  6],     B = [[ 2, -4,  1],
             [ 3, -4, -1],          [ 3, -1,  0],
             [-1,  0,  3]]          [-2, -3,  3]]

    Target (2, 1): payoffs (3, 3). (1, 1) is the stage equilibrium, worth 4 > 3 to the row
    player, so Nash reversion never deters the row player's gain of 1: no delta works.
    Holding the row player to its pure minmax value 0 at (3, 2) for one period costs the column
    player -3 against the 3 it could get (gain 6); if the column player's deviation is punished by
    reverting to (1, 1) for ever (worth 2 to it), it punishes iff
    -3 (1 - d) + 3 d >= 3 (1 - d) + 2 d, i.e. d >= 6/7. The row player keeps to the path iff
    (1 - d) 1 <= d (3 - ((1 - d) 0 + 3 d)), i.e. d >= 1/3; the column player never gains by
    deviating from the path. So delta = 6/7 with one period of punishment.
    """
    return Game.bimatrix(
        [[4, -4, 6], [3, -4, -1], [-1, 0, 3]], [[2, -4, 1], [3, -1, 0], [-2, -3, 3]]
    )


def test_minmax_for_one_player_nash_reversion_for_the_other() -> None:
    game = hybrid_game()
    assert critical_discount(game, ("2", "1")).delta is None
    result = critical_discount(game, ("2", "1"), "minmax")
    assert result.delta == Fraction(6, 7)
    assert result.punishment_used == ("minmax", "nash")
    assert result.punishment_length == 1
    assert result.punishment_profiles == (("3", "2"), ("1", "1"))
    assert any("Player 2" in note and "Nash reversion" in note for note in result.notes)
    # the float game gives the same threshold as a float
    assert math.isclose(critical_discount(game.as_float(), ("2", "1"), "minmax").delta, 6 / 7)


def test_correlated_target_is_never_harder_under_minmax() -> None:
    """Sibling with a lottery target: taking turns at (Cooperate, Shirk) and (Shirk, Cooperate) in
    the combined preset; minmax (with its fallback) never needs more patience than Nash reversion.
    """
    game = preset("combined")
    target = {("Cooperate", "Shirk"): "1/2", ("Shirk", "Cooperate"): "1/2"}
    minmax, nash = critical_discount(game, target, "minmax"), critical_discount(game, target)
    assert nash.delta is None or (minmax.delta is not None and minmax.delta <= nash.delta)


@st.composite
def small_game(draw: st.DrawFn, players: int) -> Game:
    shape = (2, 2) if players == 3 else draw(st.sampled_from([(2, 2), (2, 3), (3, 3)]))
    shape = shape + (2,) * (players - 2) if players == 3 else shape
    entries = st.integers(min_value=-3, max_value=4)
    cells = int(np.prod(shape)) * players
    values = draw(st.lists(entries, min_size=cells, max_size=cells))
    return Game(np.array(values, dtype=object).reshape(*shape, players))


def _check_never_worse_than_nash(game: Game, profile: tuple[int, ...], max_length: int) -> None:
    minmax = critical_discount(game, profile, "minmax", max_length=max_length)
    nash = critical_discount(game, profile)
    if _is_stage_equilibrium(game, profile):
        assert minmax.delta == 0 and minmax.attained
    if nash.delta is not None and nash.upper is None:
        assert minmax.delta is not None and minmax.upper is None
        assert minmax.delta <= nash.delta
    # the record is consistent: a threshold is attained or not, no threshold has no "attained"
    record = minmax.to_dict()
    assert record["sustainable"] == (record["delta"] is not None)
    assert (record["attained"] is None) == (record["delta"] is None)
    assert len(minmax.punishment_used) == game.n_players


@settings(max_examples=40, deadline=None)
@given(small_game(2), st.integers(0, 8))
def test_minmax_never_needs_more_patience_than_nash_reversion(game, cell) -> None:
    """Abreu (1988): an optimal penal code is never milder than Nash reversion, and playing a
    stage equilibrium every period is subgame perfect at every delta."""
    profiles = list(game.pure_profiles())
    _check_never_worse_than_nash(game, profiles[cell % len(profiles)], 10)


@settings(max_examples=8, deadline=None)
@given(small_game(3), st.integers(0, 7))
def test_minmax_never_needs_more_patience_than_nash_reversion_three_players(game, cell) -> None:
    """The same for 2x2x2 games (short punishments keep it fast)."""
    profiles = list(game.pure_profiles())
    _check_never_worse_than_nash(game, profiles[cell % len(profiles)], 2)


@settings(max_examples=40, deadline=None)
@given(small_game(2), st.integers(0, 8))
def test_reported_penal_code_holds_at_its_threshold(game, cell) -> None:
    """The code reported (minmax for some players, Nash reversion for the others) satisfies every
    one-shot deviation condition at a rational threshold and half-way to 1, checked exactly."""
    profiles = list(game.pure_profiles())
    profile = profiles[cell % len(profiles)]
    result = critical_discount(game, profile, "minmax")
    if (
        result.delta is None
        or not isinstance(result.delta, Fraction)
        or "minmax" not in result.punishment_used
    ):
        return
    reversion = _reversion_equilibria(game, None)
    reverted = {
        i: reversion[i][1][i] for i, used in enumerate(result.punishment_used) if used == "nash"
    }
    length = None if result.punishment_length == "forever" else result.punishment_length
    target = ((profile, Fraction(1)),)
    for d in (result.delta, (result.delta + 1) / 2):
        if d > 0:
            assert _penal_code_holds(game, target, pure_minmax_profiles(game), length, d, reverted)


# --------------------------------------------------------------------------- item 11
def _pd() -> Game:
    return Game.bimatrix([[9, 1], [10, 3]], [[9, 10], [1, 3]])


@pytest.mark.parametrize(
    "delta", ["1/2", 0.5, Fraction(1, 2), sympy.Rational(1, 2), np.float64(0.5), " 1/2 "]
)
def test_every_function_accepts_the_same_delta_forms(delta) -> None:
    """subgame_perfect_payoffs(g, "1/2") used to fail with "could not convert string to float"."""
    pd = _pd()
    expected = subgame_perfect_payoffs(pd, 0.5).vertices
    assert np.allclose(subgame_perfect_payoffs(pd, delta).vertices, expected)
    assert shortest_punishment(pd, (0, 0), delta) == "forever" or shortest_punishment(
        pd, (0, 0), delta
    )
    assert critical_discount(pd, (0, 0)).sustains(delta)
    assert finite_horizon(pd, 3, (0, 0), delta=delta).periods == 3
    assert (
        simulate(pd, ("grim", "grim"), runs=5, periods=5, delta=delta, seed=0).cooperation_rate
        == 1.0
    )
    subsidy = Game.bimatrix([["3 + s", "s"], [5, 1]], [["3 + s", 5], ["s", 1]])
    assert required_instrument(subsidy, "s", (0, 0), delta).level == 0


@pytest.mark.parametrize(
    "delta",
    [
        0,
        1,
        1.5,
        -0.1,
        float("nan"),
        float("inf"),
        "abc",
        "1/0",
        None,
        True,
        sympy.Symbol("d"),
        sympy.sqrt(2) / 2,
    ],
)
def test_bad_delta_is_a_clear_error_everywhere(delta) -> None:
    pd = _pd()
    subsidy = Game.bimatrix([["3 + s", "s"], [5, 1]], [["3 + s", 5], ["s", 1]])
    calls = [lambda: subgame_perfect_payoffs(pd, delta),
             lambda: shortest_punishment(pd, (0, 0), delta),
             lambda: critical_discount(pd, (0, 0)).sustains(delta),
             lambda: required_instrument(subsidy, "s", (0, 0), delta)]
    if delta is not None:  # plot_payoff_sets(delta=None) means "no payoff set drawn"
        calls.append(lambda: plot_payoff_sets(pd, delta=delta))
    if delta != 1:  # no discounting is meaningful for finite horizons and simulations
        calls += [lambda: finite_horizon(pd, 3, (0, 0), delta=delta),
                  lambda: simulate(pd, ("grim", "grim"), runs=2, periods=2, delta=delta),
                  lambda: noise_experiment(pd, ("grim",), (0.0,), runs=2, periods=2, delta=delta)]
    for call in calls:
        with pytest.raises(RepeatedGameError, match="delta"):
            call()


def test_delta_one_allowed_where_undiscounted_makes_sense() -> None:
    pd = _pd()
    assert finite_horizon(pd, 2, (0, 0), delta="1").periods == 2
    assert simulate(
        pd, ("grim", "grim"), runs=2, periods=3, delta=1, seed=0
    ).discounted_payoffs == (9.0, 9.0)


@pytest.mark.parametrize("delta", [0.995, "199/200"])
def test_payoff_set_converges_close_to_one(delta) -> None:
    """delta >= about 0.995 used to stop at "did not converge in 5000 iterations". For the
    Prisoner's Dilemma of Abreu and Sannikov (R, S, T, P = 9, 1, 10, 3) the set is the same for
    every delta from 1/7 on: (3, 3), (9.75, 3), (9, 9), (3, 9.75) (the docstring at 0.9; the
    one-shot gain 1 is deterred by a loss of 6 per period from delta = 1/7)."""
    spe = subgame_perfect_payoffs(_pd(), delta)
    assert np.allclose(spe.vertices, [[3, 3], [9.75, 3], [9, 9], [3, 9.75]], atol=1e-9)


def test_cut_short_iteration_says_why_and_what_to_do() -> None:
    with pytest.raises(
        RepeatedGameError, match=r"max_iter reached.*about \d+ iterations.*larger max_iter"
    ):
        subgame_perfect_payoffs(_pd(), 0.99, max_iter=10)
    with pytest.raises(RepeatedGameError, match="max_iter must be a positive integer"):
        subgame_perfect_payoffs(_pd(), 0.9, max_iter=0)
    with pytest.raises(RepeatedGameError, match="max_seconds"):
        subgame_perfect_payoffs(_pd(), 0.9, max_seconds=-1)


# --------------------------------------------------------------------------- item 12
def _analyze_json(*args: str) -> dict:
    run = subprocess.run([sys.executable, "-m", "coopgame", "analyze", "--format", "json", *args],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def test_json_report_repeated_records_are_consistent() -> None:
    """`coopgame analyze --format json` used to say "attained": true beside "delta": null."""
    report = _analyze_json("--preset", "combined")
    entries = report["repeated"]["combined"]["critical_discount"]
    minmax = next(e for e in entries if e["punishment"] == "minmax")
    assert minmax["delta"] == "0" and minmax["sustainable"] is True and minmax["attained"] is True
    assert minmax["punishment_used"] == ["nash", "nash"]
    for entry in entries:
        assert entry["sustainable"] == (entry["delta"] is not None)
        assert (entry["attained"] is None) == (entry["delta"] is None)


def test_unsustainable_record_has_no_attained() -> None:
    """Sibling: a target no delta sustains (the row player exploited at (C, D))."""
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    for punishment in ("nash", "minmax"):
        result = critical_discount(pd, (0, 1), punishment)
        assert result.delta is None and not result.attained
        record = result.to_dict()
        assert (record["sustainable"], record["attained"]) == (False, None)
    # tit-for-tat: 2R <= T + S (here 6 > 5, but at (C, D) the roles give R = 0 <= S = ...): whatever
    # the threshold, the record is consistent
    tft = critical_discount(pd, (0, 1), strategy="tit_for_tat").to_dict()
    assert (tft["attained"] is None) == (tft["delta"] is None)


def test_bad_scenario_delta_is_one_line_exit_two(tmp_path, capsys) -> None:
    """The CLI's answer to a bad [analysis] repeated.delta: one line naming the key, exit status 2.
    """
    import coopgame
    from coopgame.cli import main

    source = coopgame.__file__.rsplit("/", 1)[0] + "/data/school_enterprise.toml"
    text = open(source, encoding="utf-8").read()
    assert 'repeated = { delta = "1/5" }' in text
    for bad in ('"nan"', "1.5"):
        scenario = tmp_path / "bad.toml"
        scenario.write_text(
            text.replace('repeated = { delta = "1/5" }', f"repeated = {{ delta = {bad} }}"),
            encoding="utf-8",
        )
        assert main(["analyze", str(scenario), "--format", "json"]) == 2
        err = capsys.readouterr().err
        assert len(err.strip().splitlines()) == 1 and "analysis.repeated.delta" in err, err
