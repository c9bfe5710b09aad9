"""Region maps of the bundled policy map (coopgame/data/policy_map.toml).

Hand derivation (the scenario file repeats it): with R = 100, a = 2/5, C_s = 15, C_e = 35,
B_s = 5, B_e = 50, a subsidy S_e paid to a cooperating Enterprise and a tax incentive returning
tau * (1 - a) R = 60 tau when both cooperate, the payoffs are

    (C, C) = (25, 25 + S_e + 60 tau)   (C, S) = (-15, 50)
    (S, C) = (5, S_e - 35)             (S, S) = (0, 0).

The School's conditions at (C, C) hold (25 >= 5); the Enterprise's is
25 + S_e + 60 tau >= 50. So (C, C) is a Nash equilibrium iff S_e + 60 tau >= 25 and the
exact boundary in the (S_e, tau) plane is the line tau = (25 - S_e) / 60; (S, S) is one iff
S_e <= 35. Regions on [0, 40] x [0, 0.5]: only (S, S) below the line; (C, C), (S, S) and a
mixed equilibrium above it with S_e < 35; only (C, C) for S_e > 35.
"""

from __future__ import annotations

from fractions import Fraction
from importlib.resources import as_file, files
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from coopgame import Game, nash_equilibria  # noqa: E402
from coopgame.io._scenario import load_scenario  # noqa: E402
from coopgame.sweep import region_map, sweep  # noqa: E402
from coopgame.sweep._plot import MapError, threshold_curves  # noqa: E402

TARGET = ("Cooperate", "Cooperate")
REGIONS = {"Shirk,Shirk", "Cooperate,Cooperate + Shirk,Shirk + mixed", "Cooperate,Cooperate"}


@pytest.fixture(scope="module")
def scenario():
    with as_file(files("coopgame") / "data" / "policy_map.toml") as path:
        return load_scenario(path)


@pytest.fixture(scope="module")
def result(scenario):
    # 41 x 26: steps of 1 in S_e and 0.02 in tau, avoiding most tie points of the boundary
    return sweep(scenario, grid={"S_e": "0:40:41", "tau": "0:0.5:26"}, progress=False)


@pytest.fixture()
def close_figures():
    yield
    plt.close("all")


def _boundary_lines(ax, profile: str = "Cooperate,Cooperate"):
    return [line for line in ax.get_lines()
            if len(line.get_xdata()) > 1 and line.get_label().startswith(profile + " ")]


def _target_is_nash(scenario, s_e: Fraction, tau: Fraction) -> bool:
    game = scenario.game_with_policy({"S_e": s_e, "tau": tau})
    found = nash_equilibria(game)  # the exact solver (exact game in, exact equilibria out)
    index = game.profile_index(TARGET)
    return any(all(eq.profile[i][k] == 1 for i, k in enumerate(index)) for eq in found.equilibria)


def test_png_written_with_labelled_axes_and_legend(
    result, scenario, tmp_path: Path, close_figures
) -> None:
    path = tmp_path / "map.png"
    ax = region_map(result, "S_e", "tau", game=scenario.symbolic_game(), path=str(path))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ax.get_xlabel() == "S_e" and ax.get_ylabel() == "tau"
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    # the three regions of the hand derivation, then the two threshold curves
    assert set(texts[:-2]) == REGIONS
    assert texts[-2:] == ["Cooperate,Cooperate is a Nash equilibrium: boundary",
                          "Shirk,Shirk is a Nash equilibrium: boundary"]


def test_second_boundary_is_the_shirk_line(result, scenario, close_figures) -> None:
    """(Shirk, Shirk) stops being an equilibrium at S_e = 35 whatever tau (hand derivation
    above): the map draws it as the vertical line S_e = 35, and only that profile's, not
    the never-equilibrium (Cooperate, Shirk) one."""
    ax = region_map(result, "S_e", "tau", game=scenario.symbolic_game())
    (line,) = _boundary_lines(ax, "Shirk,Shirk")
    xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    ok = ~np.isnan(xs)
    np.testing.assert_allclose(xs[ok], 35, atol=1e-12)
    assert ys[ok].min() == pytest.approx(0) and ys[ok].max() == pytest.approx(0.5)
    assert (
        _boundary_lines(ax, "Cooperate,Shirk") == []
        and _boundary_lines(ax, "Shirk,Cooperate") == []
    )
    # asked for the target only: one curve
    ax = region_map(result, "S_e", "tau", game=scenario.symbolic_game(), profiles=[TARGET])
    assert _boundary_lines(ax, "Shirk,Shirk") == [] and len(_boundary_lines(ax)) == 1


def test_threshold_curve_is_the_hand_derived_line(result, scenario, close_figures) -> None:
    ax = region_map(result, "S_e", "tau", game=scenario.symbolic_game())
    (line,) = _boundary_lines(ax)
    xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    ok = ~np.isnan(xs)
    # tau = (25 - S_e) / 60 on the part of [0, 40] x [0, 0.5] where it lies: S_e in [0, 25]
    np.testing.assert_allclose(ys[ok], (25 - xs[ok]) / 60, atol=1e-12)
    assert xs[ok].min() == pytest.approx(0) and xs[ok].max() == pytest.approx(25, abs=0.1)


def test_threshold_curve_lies_on_the_boundary(result, scenario, close_figures) -> None:
    """Points just above and just below the drawn curve differ in the exact solver's answer."""
    ax = region_map(result, "S_e", "tau", game=scenario.symbolic_game())
    (line,) = _boundary_lines(ax)
    xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    picks = np.flatnonzero(~np.isnan(xs))
    eps = Fraction(1, 10**4)
    for k in picks[np.linspace(1, len(picks) - 2, 7).astype(int)]:
        x, y = Fraction(float(xs[k])), Fraction(float(ys[k]))
        above, below = _target_is_nash(scenario, x, y + eps), _target_is_nash(scenario, x, y - eps)
        assert above != below, (float(x), float(y))
        assert above  # cooperation needs more of the tax incentive, not less


def test_map_colours_match_the_sweep_and_the_hand_regions(result, scenario, close_figures) -> None:
    table = result.table
    expected = np.where(
        table["S_e"] + 60 * table["tau"] < 25 - 1e-9,
        "Shirk,Shirk",
        np.where(
            table["S_e"] < 35 - 1e-9,
            "Cooperate,Cooperate + Shirk,Shirk + mixed",
            np.where(table["S_e"] > 35 + 1e-9, "Cooperate,Cooperate", "tie"),
        ),
    )
    off_boundary = (np.abs(table["S_e"] + 60 * table["tau"] - 25) > 1e-9) & (
        np.abs(table["S_e"] - 35) > 1e-9
    )
    assert (table["signature"][off_boundary] == expected[off_boundary]).all()
    ax = region_map(result, "S_e", "tau", game=scenario.symbolic_game(), thresholds=False)
    assert _boundary_lines(ax) == []
    assert len(ax.get_legend().get_texts()) == len(set(table["signature"]))


def test_other_columns_and_conditions(result, scenario, close_figures) -> None:
    ax = region_map(result, "S_e", "tau", "nash[Shirk,Shirk]", game=scenario.symbolic_game(),
                    thresholds=("nash", "dominant"))
    texts = [t.get_text() for t in ax.get_legend().get_texts()]
    # the School never has a dominant strategy (-15 < 0 against a shirking Enterprise): no dominant
    # curve
    assert texts == ["False", "True", "Cooperate,Cooperate is a Nash equilibrium: boundary",
                     "Shirk,Shirk is a Nash equilibrium: boundary"]
    # swapped axes: tau across, S_e up
    ax = region_map(result, "tau", "S_e", game=scenario.symbolic_game())
    (line,) = _boundary_lines(ax)
    xs, ys = np.asarray(line.get_xdata(), float), np.asarray(line.get_ydata(), float)
    ok = ~np.isnan(xs)
    np.testing.assert_allclose(ys[ok], 25 - 60 * xs[ok], atol=1e-9)


def test_threshold_curves_vertical_and_curved() -> None:
    # column player: (C, C) needs x >= 1 (no y); row player: x * y >= 1, a hyperbola
    g = Game.bimatrix([["x*y", 0], [1, 0]], [["x", 1], [1, 0]], strategies=[["C", "N"]] * 2)
    curves = threshold_curves(g, "x", "y", ("C", "C"), xlim=(0, 4), ylim=(0, 4), points=201)
    assert len(curves) == 2
    for cx, cy in curves:
        ok = ~np.isnan(cx)
        assert ok.sum() > 10
        on_line = np.isclose(cx[ok], 1.0)
        on_hyperbola = np.isclose(cx[ok] * cy[ok], 1.0)
        assert on_line.all() or on_hyperbola.all()
        if on_line.all():  # the part of x = 1 on the boundary is where x * y >= 1, i.e. y >= 1
            assert cy[ok].min() >= 1 - 1e-9
        else:  # the part of the hyperbola on the boundary is where x >= 1
            assert cx[ok].min() >= 1 - 1e-9


def test_errors(result, scenario, close_figures) -> None:
    with pytest.raises(MapError, match="'C_e' is not a grid axis"):
        region_map(result, "S_e", "C_e", game=scenario.symbolic_game())
    with pytest.raises(MapError, match="unknown column 'bogus'"):
        region_map(result, "S_e", "tau", "bogus", game=scenario.symbolic_game())
    with pytest.raises(MapError, match="two different axes"):
        region_map(result, "S_e", "S_e", game=scenario.symbolic_game())
    with pytest.raises(MapError, match="threshold condition"):
        region_map(result, "S_e", "tau", game=scenario.symbolic_game(), thresholds=("unique",))
    # one condition as a string, not its letters
    with pytest.raises(MapError, match="got 'unique'"):
        region_map(result, "S_e", "tau", game=scenario.symbolic_game(), thresholds="unique")


@settings(max_examples=25, deadline=None)
@given(a=st.integers(-5, 5).filter(bool), b=st.integers(-5, 5).filter(bool), c=st.integers(-10, 10))
def test_threshold_curves_solve_the_linear_condition(a: int, b: int, c: int) -> None:
    """Column's gain at (C, C) is a x + b y + c (the row player's is 1 > 0): the boundary is that
    line.
    """
    g = Game.bimatrix(
        [[1, 0], [0, 0]], [[f"{a}*x + {b}*y + {c}", 0], [0, 0]], strategies=[["C", "N"]] * 2
    )
    curves = threshold_curves(g, "x", "y", ("C", "C"), xlim=(-4, 4), ylim=(-3, 3), points=101)
    for cx, cy in curves:
        ok = ~np.isnan(cx)
        np.testing.assert_allclose(a * cx[ok] + b * cy[ok] + c, 0, atol=1e-9)
        assert (np.abs(cx[ok]) <= 4 + 1e-9).all() and (np.abs(cy[ok]) <= 3 + 1e-9).all()
    # the line crosses the window's interior iff the corners' signs differ
    corners = [a * x + b * y + c for x in (-4, 4) for y in (-3, 3)]
    if min(corners) < 0 < max(corners):
        assert len(curves) == 1
