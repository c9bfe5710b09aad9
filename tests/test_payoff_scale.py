"""Huge and tiny numbers (issue 11, items 9 and 10).

The replicator dynamics of payoffs ``c * u`` (``c > 0``) are those of ``u`` run ``c``
times faster (the field is linear in the payoffs), so basins of attraction and the end
states of a simulation over ``t / c`` cannot depend on ``c``; bad parameters get one
line and exit status 2; a section that cannot be computed gets a note.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame.cli import main
from coopgame.evolution import basins, integrate_batch, rest_points, settling_time, simulate
from coopgame.evolution._dynamics import EvolutionError
from coopgame.report import build_report, preset_cases


def coordination(unit_1: float = 1.0, unit_2: float = 1.0) -> Game:
    """(2, 0; 0, 1) for both players, player ``i``'s payoffs in units of ``unit_i``.

    By hand: x' = x (1 - x) (3y - 1) unit_1, y' = y (1 - y) (3x - 1) unit_2: stable (1, 1) and (0,
    0), a saddle at (1/3, 1/3).
    """
    return Game.bimatrix([[2 * unit_1, 0], [0, unit_1]], [[2 * unit_2, 0], [0, unit_2]])


# ------------------------------------------------------------------ item 9: --set of huge values
@pytest.mark.parametrize("value", ["1e400", "-1e400", "inf", "nan"])
def test_set_beyond_floats_is_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    assert main(["analyze", "--preset", "baseline", "--set", f"tau={value}"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--set tau" in err


def test_huge_revenue_report_has_every_section(capsys: pytest.CaptureFixture[str]) -> None:
    """R = 1e20 used to sink the report ("the step size underflowed ... dopri"): now every section
    answers.

    With R = 1e20 mutual cooperation pays both players about 1e19 or more and each player's
    best reply to cooperation is to cooperate, so (C, C) is a strict equilibrium, hence an
    asymptotically stable vertex that attracts starts.
    """
    assert main(["analyze", "--preset", "baseline", "--set", "R=1e20", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert not report.get("notes"), report.get("notes")  # no analysis failed
    for key in ("repeated", "evolution", "bargaining", "allocation"):
        assert report[key]["baseline"], key
    evolution = report["evolution"]["baseline"]
    assert evolution["basins"]["unresolved"] == 0.0
    assert evolution["basins"]["shares"]["1 1"] > 0


@pytest.mark.parametrize(
    ("parameter", "value"), [("C_e", 10**20), ("B_e", Fraction(1, 10**20)), ("m", 10**20)]
)
def test_extreme_parameters_never_sink_the_report(parameter: str, value: Fraction) -> None:
    report = build_report(preset_cases(["baseline"], {parameter: Fraction(value)}))
    notes = report.get("notes", {}).get("baseline", [])
    for key in ("repeated", "evolution", "bargaining", "allocation"):
        # an answer, or a note saying why not
        assert report.get(key, {}).get("baseline") or any(n.startswith(f"{key}:") for n in notes), (
            key
        )


def test_a_failing_section_becomes_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    import coopgame.analyses.evolution as evolution

    def broken(game: Game, options: evolution.EvolutionOptions) -> evolution.EvolutionResult:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(evolution, "compute", broken)
    report = build_report(preset_cases(["baseline"]))
    assert "baseline" not in report.get("evolution", {})
    assert report["notes"]["baseline"] == [
        "evolution: not computed (ZeroDivisionError: division by zero)"
    ]
    assert report["equilibria"]["baseline"] and report["allocation"]["baseline"].get("shapley")


def test_a_mistake_in_the_analysis_table_still_stops(
    tmp_path, capsys: pytest.CaptureFixture[str]
) -> None:
    from importlib.resources import files

    text = (files("coopgame") / "data" / "school_enterprise.toml").read_text()
    path = tmp_path / "typo.toml"
    path.write_text(text.replace('repeated = { delta = "1/5" }', 'evolution = { stars = 3 }'))
    assert main(["analyze", str(path)]) == 2
    assert "analysis.evolution.stars: unknown key" in capsys.readouterr().err


# ------------------------------------------------------------------ item 10: basins and units
def test_basins_in_units_of_1e_minus_5() -> None:
    """The issue's example: a coordination game in units of 1e-5 reported "unresolved = 1"."""
    reference = basins(coordination(), 300)
    small = basins(coordination(1e-5, 1e-5), 300)
    assert small.unresolved == 0.0 == reference.unresolved
    assert small.shares == reference.shares
    np.testing.assert_allclose(small.convergence_time * 1e-5, reference.convergence_time, rtol=1e-6)


@pytest.mark.parametrize("unit", [1e-9, 1e12, 1e20, 1e300])
def test_basins_at_other_scales(unit: float) -> None:
    reference = basins(coordination(), 200)
    scaled = basins(coordination(unit, unit), 200)
    assert scaled.attractors == reference.attractors == ((1.0, 1.0), (0.0, 0.0))
    assert scaled.unresolved == 0.0 and scaled.shares == reference.shares


@pytest.mark.parametrize(("unit_1", "unit_2"), [(1.0, 1e-5), (1e-5, 1.0), (1e6, 1e-3)])
def test_basins_with_a_scale_per_player_settle(unit_1: float, unit_2: float) -> None:
    """Different units per player are a different game (the saddle's stable manifold tilts), but the
    same two attractors, and every start reaches one: the slow population is waited for."""
    result = basins(coordination(unit_1, unit_2), 200)
    assert result.attractors == ((1.0, 1.0), (0.0, 0.0))
    assert result.unresolved == 0.0 and all(s > 0 for s in result.shares)


def test_three_populations_scaled() -> None:
    """A 2x2x2 coordination: everyone gets 1 when all play the first strategy, 1/2 when all play the
    second, 0 otherwise: the two unanimous vertices are strict equilibria, hence the attractors."""
    u = np.zeros((2, 2, 2, 3))
    u[0, 0, 0], u[1, 1, 1] = 1.0, 0.5
    reference = basins(Game(u), 200)
    for unit in (1e-7, 1e9):
        scaled = basins(Game(u * unit), 200)
        assert scaled.unresolved == 0.0 == reference.unresolved
        assert scaled.shares == reference.shares


def test_tiny_float_payoffs_keep_their_stability() -> None:
    """Eigenvalues of 1e-10 are payoff differences, not round-off: the classification is relative.
    """
    labels = [p.classification for p in rest_points(coordination(1e-10, 1e-10))]
    assert labels == [p.classification for p in rest_points(coordination())]


def test_settling_time_follows_the_units() -> None:
    assert settling_time(coordination(1e-3, 1e-3)) == pytest.approx(
        1e3 * settling_time(coordination())
    )


def test_time_span_beyond_floats_is_a_clear_error() -> None:
    with pytest.raises(EvolutionError, match="time span is too long"):
        integrate_batch(coordination(1e300, 1e300), [[0.5, 0.5]], (0.0, 1e10))


@settings(max_examples=8, deadline=None)
@given(payoffs=st.lists(st.integers(-5, 5), min_size=8, max_size=8),
       exponent=st.sampled_from([-9, -5, -2, 3, 7, 12]))
def test_basins_and_end_states_are_invariant_under_positive_scaling(
    payoffs: list[int], exponent: int
) -> None:
    """Random small-integer 2x2 games (degenerate ones included) scaled by 10**exponent."""
    u = np.array(payoffs, dtype=float).reshape(2, 2, 2)
    c = 10.0**exponent
    game, scaled = Game(u), Game(u * c)
    starts = np.random.default_rng(0).uniform(0.05, 0.95, size=(40, 2))
    reference, result = basins(game, starts), basins(scaled, starts)
    assert result.attractors == reference.attractors
    # a start within round-off of a separatrix may fall either way: allow one such start
    assert np.sum(result.labels != reference.labels) <= 1
    assert result.unresolved == pytest.approx(reference.unresolved, abs=1 / 40)
    end = integrate_batch(game, starts, (0.0, 3.0))[-1]
    np.testing.assert_allclose(integrate_batch(scaled, starts, (0.0, 3.0 / c))[-1], end, atol=1e-6)
    one = simulate(game, starts[0], (0.0, 3.0)).y[:, -1]
    np.testing.assert_allclose(simulate(scaled, starts[0], (0.0, 3.0 / c)).y[:, -1], one, atol=1e-6)
