"""Monte Carlo over uncertain parameters, sensitivity rankings, and the scenario tables they read.

The hand-worked game (the bundled school-enterprise scenario,
``coopgame/data/school_enterprise.toml``)::

                      Enterprise: Cooperate                 Enterprise: Shirk
    School: Cooperate (a R - C_s, (1 - a) R - C_e + S_e)    (-C_s, B_e)
    School: Shirk     (B_s, -C_e + S_e)                     (0, 0)

with R = 100, a = 2/5, C_s = 15, B_s = 5, B_e = 20 and the subsidy S_e paid to a cooperating
Enterprise. The School never wants to leave (Cooperate, Cooperate): a R - C_s = 25 >= B_s = 5. The
Enterprise does not want to leave it iff 60 - C_e + S_e >= 20, i.e.

    (C, C) is a Nash equilibrium  <=>  C_e <= K = 40 + S_e          (a linear threshold in the cost)

so with C_e ~ Uniform(a, b) = Uniform(30, 60) and a <= K <= b,

    P(equilibrium) = P(C_e <= K) = (K - a) / (b - a) = (40 + S_e - 30) / 30:  1/3 at S_e = 0, 2/3 at
    S_e = 10.

Stability: at a vertex of the two-population replicator dynamics the eigenvalues are the deviation
gains (Weibull, *Evolutionary Game Theory*, 1995, ch. 5), so (C, C) is asymptotically stable iff it
is a *strict* equilibrium, C_e < K: the same probability (the tie C_e = K has probability 0).

Repeated game, grim trigger with reversion to (Shirk, Shirk) (for C_e > K it is the only stage
equilibrium, payoff 0): the Enterprise keeps cooperating iff (60 - C_e + S_e) / (1 - delta) >= B_e,
i.e. delta >= delta* = 1 - (60 - C_e + S_e) / 20; the School's condition 25 >= 5 (1 - delta) always
holds. At delta = 1/5 cooperation is sustainable iff C_e <= 44 + S_e (and delta* = 0 when (C, C) is
a stage equilibrium), so P(sustainable) = (44 + S_e - 30) / 30: 7/15 at S_e = 0, 4/5 at S_e = 10.
"""

from __future__ import annotations

import math
from fractions import Fraction
from importlib.resources import files
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.io._scenario import ScenarioError, load_scenario, parse_scenario
from coopgame.sweep._distributions import (
    DistributionError,
    Normal,
    Triangular,
    Uniform,
    parse_distribution,
    sample,
)
from coopgame.sweep._uncertainty import UncertaintyError, monte_carlo, sensitivity, tornado_plot

CC = "Cooperate,Cooperate"
BUNDLED = files("coopgame") / "data" / "school_enterprise.toml"
#: z such that P(Z <= z) = 0.95 for a standard normal (statistical tables)
Z95 = 1.6448536269514722


def bundled_text() -> str:
    return BUNDLED.read_text(encoding="utf-8")


UNCERTAIN = bundled_text() + """
[uncertainty]
C_e = { distribution = "uniform", low = 30, high = 60 }

[policies]
none = { S_e = 0 }
subsidy = { S_e = 10 }
"""


@pytest.fixture(scope="module")
def uncertain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("mc") / "uncertain.toml"
    path.write_text(UNCERTAIN)
    return path


# --------------------------------------------------------------------------- distributions


@pytest.mark.parametrize("make, message", [
    (lambda: Uniform(2, 2), "high: must exceed low"),
    (lambda: Uniform(float("nan"), 2), "low: must be a finite number"),
    (lambda: Uniform(0, float("inf")), "high: must be a finite number"),
    (lambda: Triangular(0, 5, 4), "mode: must lie between low"),
    (lambda: Triangular(0, -1, 4), "mode: must lie between low"),
    (lambda: Triangular(4, 4, 4), "high: must exceed low"),
    (lambda: Normal(0, -1), "sd: must be positive"),
    (lambda: Normal(True, 1), "mean: expected a number, got a boolean"),
])
def test_bad_distributions_name_the_field(make: object, message: str) -> None:
    with pytest.raises(DistributionError, match=message):
        make()  # type: ignore[operator]


def test_triangular_mode_may_sit_at_an_end() -> None:
    assert Triangular(0, 0, 4).ppf(1.0) == pytest.approx(4.0)
    assert Triangular(0, 4, 4).ppf(0.0) == pytest.approx(0.0)


def test_quantiles_against_closed_forms() -> None:
    """Uniform: low + q (high - low). Triangular(0, 1, 2) is symmetric: F(x) = x^2 / 2 on [0, 1], so
    the 1/8 quantile is 1/2. Normal: mean -+ z_0.95 sd."""
    assert Uniform(30, 60).ppf(1 / 3) == pytest.approx(40.0)
    assert Triangular(0, 1, 2).ppf(1 / 8) == pytest.approx(0.5)
    assert Triangular(0, 1, 2).ppf(7 / 8) == pytest.approx(1.5)
    lo, hi = Normal(100, 10).bounds
    assert lo == pytest.approx(100 - Z95 * 10) and hi == pytest.approx(100 + Z95 * 10)
    assert Uniform(30, 60).bounds == (30.0, 60.0) and Triangular(1, 2, 5).bounds == (1.0, 5.0)


def test_samples_follow_the_distribution() -> None:
    """Sample means within 4 standard errors of the exact means; the triangular mean is (a + c + b)
    / 3.
    """
    rng = np.random.default_rng(3)
    n = 20_000
    for d, mean, var in [
        (Uniform(30, 60), 45.0, 30**2 / 12),
        (
            Triangular(10, 20, 35),
            65 / 3,
            (10**2 + 20**2 + 35**2 - 10 * 20 - 10 * 35 - 20 * 35) / 18,
        ),
        (Normal(5, 2), 5.0, 4.0),
    ]:
        x = d.sample(rng, n)
        assert abs(x.mean() - mean) < 4 * math.sqrt(var / n)


@pytest.mark.parametrize(
    "table, message",
    [
        (
            {"low": 1, "high": 2},
            r"uncertainty\.C_e\.distribution: missing; one of uniform, triangular, normal",
        ),
        (
            {"distribution": "lognormal", "mean": 1},
            r"uncertainty\.C_e\.distribution: unknown distribution 'lognormal'",
        ),
        ({"distribution": "uniform", "low": 1}, r"uncertainty\.C_e\.high: missing"),
        (
            {"distribution": "uniform", "low": 1, "high": 2, "mode": 1},
            r"uncertainty\.C_e\.mode: unknown key",
        ),
        (
            {"distribution": "uniform", "low": 3, "high": 2},
            r"uncertainty\.C_e\.high: must exceed low",
        ),
        (
            {"distribution": "uniform", "low": "x", "high": 2},
            r"uncertainty\.C_e\.low: 'x' is not a number",
        ),
        ({"distribution": "normal", "mean": 1, "sd": 0}, r"uncertainty\.C_e\.sd: must be positive"),
    ],
)
def test_parse_distribution_errors(table: dict, message: str) -> None:
    with pytest.raises(DistributionError, match=message):
        parse_distribution(table, "uncertainty.C_e")


def test_parse_distribution_reads_fractions_and_case() -> None:
    assert parse_distribution(
        {"distribution": "Triangular", "low": 0, "mode": "1/4", "high": 1}
    ) == Triangular(0, 0.25, 1)


def test_sample_is_reproducible_and_order_free() -> None:
    d = {"C_e": Uniform(30, 60), "B_e": Triangular(10, 20, 35), "R": Normal(100, 10)}
    first = sample(d, 50, seed=7)
    pd.testing.assert_frame_equal(first, sample(dict(reversed(list(d.items()))), 50, seed=7))
    assert list(first.columns) == ["B_e", "C_e", "R"]
    assert not first.equals(sample(d, 50, seed=8))
    with pytest.raises(DistributionError, match="n: the number of points"):
        sample(d, 0)


@settings(max_examples=50, deadline=None)
@given(low=st.floats(-100, 100), width=st.floats(0.01, 100), peak=st.floats(0, 1),
       qs=st.lists(st.floats(0, 1), min_size=2, max_size=5))
def test_triangular_quantiles_are_increasing_and_in_range(low: float, width: float, peak: float,
                                                          qs: list[float]) -> None:
    d = Triangular(low, low + peak * width, low + width)
    values = [d.ppf(q) for q in sorted(qs)]
    tol = 1e-9 * (1 + abs(low) + width)
    assert all(b >= a - tol for a, b in zip(values, values[1:]))
    assert all(low - tol <= v <= low + width + tol for v in values)


# --------------------------------------------------------------------------- scenario tables


def test_scenario_reads_uncertainty_and_policies(uncertain: Path) -> None:
    s = load_scenario(uncertain)
    assert s.uncertainty == {"C_e": Uniform(30, 60)}
    assert s.policies == {"none": {"S_e": Fraction(0)}, "subsidy": {"S_e": Fraction(10)}}
    assert load_scenario(BUNDLED).uncertainty == {} and load_scenario(BUNDLED).policies == {}


@pytest.mark.parametrize(
    "extra, message",
    [
        (
            '[uncertainty]\nC_x = { distribution = "uniform", low = 1, high = 2 }',
            r"uncertainty\.C_x: unknown parameter 'C_x'; parameters are R, a, C_s, C_e, B_s, B_e, "
            r"S_e",
        ),
        (
            '[uncertainty]\nC_e = { distribution = "uniform", low = 60, high = 30 }',
            r"uncertainty\.C_e\.high: must exceed low",
        ),
        (
            '[uncertainty]\nC_e = { distribution = "triangular", low = 30, mode = 70, high = 60 }',
            r"uncertainty\.C_e\.mode: must lie between low",
        ),
        (
            '[uncertainty]\nC_e = { distribution = "normal", mean = 45, sd = -1 }',
            r"uncertainty\.C_e\.sd: must be positive",
        ),
        ("[uncertainty]\nC_e = 45", r"uncertainty\.C_e: expected a table"),
        ("[policies]\nhigh = { S_x = 10 }", r"policies\.high\.S_x: unknown parameter 'S_x'"),
        ("[policies]\nhigh = 10", r"policies\.high: expected a table of parameter values"),
        ('[policies]\nhigh = { S_e = "ten" }', r"policies\.high\.S_e: 'ten' is not a number"),
        (
            '[uncertainty]\nC_e = { distribution = "uniform", low = 30, high = 60 }\n[policies]\np '
            '= { C_e = 40 }',
            r"policies\.p\.C_e: C_e is uncertain",
        ),
    ],
)
def test_scenario_table_mistakes_name_the_key(tmp_path: Path, extra: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(bundled_text() + "\n" + extra + "\n")
    with pytest.raises(ScenarioError, match=message):
        load_scenario(path)


def test_scenario_tables_must_be_tables() -> None:
    for key in ("uncertainty", "policies"):
        with pytest.raises(ScenarioError, match=f"^{key}: expected a table, got a string"):
            parse_scenario({**_toml(bundled_text()), key: "C_e"})


# --------------------------------------------------------------------------- Monte Carlo


def test_monte_carlo_matches_the_hand_worked_probabilities(uncertain: Path) -> None:
    """See the module docstring: 1/3, 1/3, 7/15 without subsidy; 2/3, 2/3, 4/5 with S_e = 10."""
    r = monte_carlo(uncertain, 2000, seed=11)
    exact = {"none": {"equilibrium": 1 / 3, "stable": 1 / 3, "sustainable": 7 / 15},
             "subsidy": {"equilibrium": 2 / 3, "stable": 2 / 3, "sustainable": 4 / 5}}
    assert list(r.table.index) == ["none", "subsidy"]
    assert r.delta is not None and Fraction(str(r.delta)) == Fraction(1, 5)
    for policy, values in exact.items():
        row = r.table.loc[policy]
        assert row["n"] == 2000
        for name, p in values.items():
            estimate, se = row[f"P({name})"], row[f"se({name})"]
            assert se == pytest.approx(math.sqrt(estimate * (1 - estimate) / 2000))
            assert abs(estimate - p) <= 3 * se, (policy, name, estimate, p, se)
    # common random numbers: both policies saw the same cost draws, and each estimate is the share
    # of draws below the hand-derived threshold exactly (no tie has probability > 0)
    none, subsidy = r.policy_samples("none"), r.policy_samples("subsidy")
    np.testing.assert_array_equal(none["C_e"].to_numpy(), subsidy["C_e"].to_numpy())
    assert r.table.loc["none", "P(equilibrium)"] == pytest.approx(float((none["C_e"] <= 40).mean()))
    assert r.table.loc["subsidy", "P(sustainable)"] == pytest.approx(
        float((subsidy["C_e"] <= 54).mean())
    )


@pytest.mark.parametrize("distribution, exact", [
    # F(mode) = (mode - low) / (high - low) = 10 / 30
    (Triangular(30, 40, 60), 1 / 3),
    # P(C_e <= 40) = Phi((40 - 45) / 5) = Phi(-1) = 0.158655 (standard normal table)
    (Normal(45, 5), 0.158655),
])
def test_monte_carlo_other_distributions(distribution: object, exact: float) -> None:
    """(C, C) is an equilibrium iff C_e <= 40 at S_e = 0 (module docstring)."""
    r = monte_carlo(
        BUNDLED, 2000, seed=4, distributions={"C_e": distribution}  # type: ignore[dict-item]
    )
    p, se = r.table.loc["scenario", ["P(equilibrium)", "se(equilibrium)"]]
    assert abs(p - exact) <= 3 * se


def test_monte_carlo_fast_and_general_paths_agree(uncertain: Path) -> None:
    fast = monte_carlo(uncertain, 40, seed=9, method="fast")
    general = monte_carlo(uncertain, 40, seed=9, method="general")
    assert fast.samples.method == "fast" and general.samples.method == "general"
    pd.testing.assert_frame_equal(fast.table, general.table)


def test_monte_carlo_is_reproducible(uncertain: Path) -> None:
    first = monte_carlo(uncertain, 300, seed=5)
    again = monte_carlo(uncertain, 300, seed=5)
    pd.testing.assert_frame_equal(first.table, again.table)
    pd.testing.assert_frame_equal(first.samples.table, again.samples.table)
    other = monte_carlo(uncertain, 300, seed=6)
    assert not np.array_equal(
        first.samples.table["C_e"].to_numpy(), other.samples.table["C_e"].to_numpy()
    )


def test_monte_carlo_default_policy_and_no_delta() -> None:
    """Without [policies] one policy "scenario" (S_e = 0 from the file); delta=None and no
    [analysis] repeated -> no sustainable columns."""
    s = parse_scenario(
        {**_toml(bundled_text()), "analysis": {"target": ["Cooperate", "Cooperate"]}}
    )
    r = monte_carlo(s, 200, seed=2, distributions={"C_e": Uniform(30, 60)})
    assert list(r.table.index) == ["scenario"]
    assert list(r.table.columns) == [
        "P(equilibrium)",
        "se(equilibrium)",
        "P(stable)",
        "se(stable)",
        "n",
    ]
    assert r.delta is None


def test_monte_carlo_target_argument() -> None:
    """(Shirk, Shirk) is an equilibrium iff the School shirks against a shirker (0 >= -15, always)
    and the Enterprise does (0 >= -C_e + S_e, i.e. C_e >= 0): probability 1 for C_e ~ Uniform(30,
    60).
    """
    r = monte_carlo(
        BUNDLED, 100, seed=0, distributions={"C_e": Uniform(30, 60)}, target=("Shirk", "Shirk")
    )
    assert r.table.loc["scenario", "P(equilibrium)"] == 1.0
    assert r.table.loc["scenario", "se(equilibrium)"] == 0.0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({}, "no uncertain parameters"),
        ({"distributions": {"C_x": Uniform(0, 1)}}, "distributions: unknown parameter 'C_x'"),
        (
            {"distributions": {"C_e": Uniform(30, 60)}, "policies": {"p": {"C_e": 40}}},
            r"policies\.p\.C_e",
        ),
        ({"distributions": {"C_e": Uniform(30, 60)}, "n": 0}, "n: the number of draws"),
        (
            {"distributions": {"C_e": Uniform(30, 60)}, "policies": ["p"]},
            "policies: expected a mapping",
        ),
        ({"distributions": {"C_e": Uniform(30, 60)}, "seed": "a"}, "seed: expected an integer"),
    ],
)
def test_monte_carlo_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(UncertaintyError, match=message):
        monte_carlo(BUNDLED, **kwargs)


def test_monte_carlo_reads_a_target_label() -> None:
    """A label "A,B" names the same profile as the tuple (it is not split into characters)."""
    by_label = monte_carlo(
        BUNDLED, 50, seed=2, distributions={"C_e": Uniform(30, 60)}, target="Shirk,Shirk"
    )
    assert by_label.target == ("Shirk", "Shirk")
    assert by_label.table.loc["scenario", "P(equilibrium)"] == 1.0


def _toml(text: str) -> dict:
    try:
        import tomllib
    except ImportError:  # Python 3.10
        import tomli as tomllib
    return tomllib.loads(text)


# --------------------------------------------------------------------------- sensitivity


def test_threshold_sensitivity_swings_are_slope_times_range() -> None:
    """The subsidy threshold of the bundled scenario: the Enterprise needs
    (1 - a) R - C_e + S_e >= B_e, so S_e* = C_e + B_e - (1 - a) R (5 at the file's values, positive
    on all the ranges below, so the clamp at 0 is never active), and the School's condition a R -
    C_s >= B_s holds throughout (C_s <= 35). Slopes: dS*/dC_e = 1, dS*/dB_e = 1, dS*/dR = -(1 - a) =
    -3/5, dS*/da = R = 100, dS*/dC_s = 0. Swing = |slope| * (high - low)."""
    s = load_scenario(BUNDLED)
    ranges = {
        "C_s": (10, 20),
        "R": (95, 100),
        "a": ("19/50", "21/50"),
        "C_e": (42, 50),
        "B_e": (18, 24),
    }
    t = sensitivity(s, "threshold[S_e,nash]", ranges)
    assert list(t.columns) == ["parameter", "low", "high", "at_low", "at_high", "swing"]
    assert list(t["parameter"]) == ["C_e", "B_e", "a", "R", "C_s"]
    slopes = {"C_e": 1.0, "B_e": 1.0, "a": 100.0, "R": -0.6, "C_s": 0.0}
    for row in t.itertuples():
        width = float(
            Fraction(str(ranges[row.parameter][1])) - Fraction(str(ranges[row.parameter][0]))
        )
        assert row.swing == pytest.approx(abs(slopes[row.parameter]) * width, abs=1e-12)
        assert row.at_high - row.at_low == pytest.approx(slopes[row.parameter] * width, abs=1e-12)
        assert row.at_low == pytest.approx(
            5 + slopes[row.parameter] * (row.low - float(s.parameters[row.parameter]))
        )
    assert t.attrs["base"] == pytest.approx(5.0) and t.attrs["quantity"] == "threshold[S_e,nash]"


def test_sensitivity_default_ranges_and_base_point() -> None:
    """Default ranges from [uncertainty]: Uniform -> [low, high], Normal -> mean -+ z_0.95 sd, so
    the B_e swing is 2 z_0.95 sd = 2 * 1.6449 * 1. ``at`` moves the base point: with C_e = 47 the
    threshold is 47 + 20 - 60 = 7."""
    data = _toml(bundled_text())
    data["uncertainty"] = {"C_e": {"distribution": "uniform", "low": 42, "high": 50},
                           "B_e": {"distribution": "normal", "mean": 20, "sd": 1},
                           "S_e": {"distribution": "uniform", "low": 0, "high": 1}}
    data["policies"] = {"more": {"R": 105}}
    s = parse_scenario(data)
    t = sensitivity(s, "threshold[S_e,nash]")  # S_e, the threshold's own parameter, left out
    assert list(t["parameter"]) == ["C_e", "B_e"]
    assert t["swing"].tolist() == pytest.approx([8.0, 2 * Z95])
    assert sensitivity(s, "threshold[S_e,nash]", {"B_e": (18, 24)}, at={"C_e": 47}).attrs[
        "base"
    ] == pytest.approx(7.0)
    # the policy "more": R = 105 -> 45 + 20 - 63 = 2
    assert sensitivity(s, "threshold[S_e,nash]", {"B_e": (18, 24)}, at="more").attrs[
        "base"
    ] == pytest.approx(2.0)


def test_delta_star_sensitivity() -> None:
    """delta* = 1 - (60 - C_e) / 20 for 40 < C_e < 60 (module docstring, S_e = 0): 0.1 at C_e = 42,
    0.5 at C_e = 50, base 0.25 at C_e = 45."""
    t = sensitivity(BUNDLED, "delta_star", {"C_e": (42, 50)})
    assert t.loc[0, "at_low"] == pytest.approx(0.1) and t.loc[0, "at_high"] == pytest.approx(0.5)
    assert t.attrs["base"] == pytest.approx(0.25)


@pytest.mark.parametrize("args, kwargs, message", [
    (("speed", {"C_e": (1, 2)}), {}, "quantity: unknown scalar 'speed'"),
    (("threshold[S_e,nash]", {"C_e": (2, 1)}), {}, r"ranges\.C_e\.high: must exceed low"),
    (("threshold[S_e,nash]", {"C_x": (1, 2)}), {}, "ranges: unknown parameter 'C_x'"),
    (("threshold[S_e,nash]", {"S_e": (1, 2)}), {}, r"ranges\.S_e: .* leave S_e out"),
    (("threshold[S_e,nash]",), {}, "no \\[uncertainty\\] table"),
    (("threshold[S_e,nash]", {"C_e": (1, 2)}), {"at": "nope"}, "at: unknown policy 'nope'"),
    (("threshold[S_e,nash]", {"C_e": 3}), {}, r"ranges\.C_e: expected \(low, high\)"),
])
def test_sensitivity_errors(args: tuple, kwargs: dict, message: str) -> None:
    with pytest.raises(UncertaintyError, match=message):
        sensitivity(BUNDLED, *args, **kwargs)


def test_tornado_plot_is_written_with_labelled_axes(tmp_path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    t = sensitivity(BUNDLED, "threshold[S_e,nash]", {"R": (95, 100), "C_e": (42, 50)})
    path = tmp_path / "tornado.png"
    ax = tornado_plot(t, path=path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ax.get_xlabel() == "threshold[S_e,nash]" and ax.get_ylabel()
    labels = [label.get_text() for label in ax.get_yticklabels()]
    assert labels[-1].startswith("C_e") and labels[0].startswith("R")  # the largest swing on top
    assert ax.get_legend() is not None
    # the bars span each parameter's two ends: C_e from 2 to 10 around the base 5
    spans = {(round(p.get_x(), 9), round(p.get_x() + p.get_width(), 9)) for p in ax.patches}
    assert {(5.0, 2.0), (5.0, 10.0)} <= spans
    matplotlib.pyplot.close(ax.figure)
