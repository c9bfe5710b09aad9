"""The sweep engine (general path) against hand derivations.

The bundled scenario ``coopgame/data/school_enterprise.toml`` with R = 100, a = 2/5,
C_s = 15, C_e = 45, B_s = 5, B_e = 20 and a subsidy S to a cooperating Enterprise
has the payoffs (School, Enterprise)::

                     Enterprise C          Enterprise S
    School C     (25, 15 + S)            (-15, 20)
    School S     (5, S - 45)             (0, 0)

* School: against C, Cooperate (25) beats Shirk (5); against S, Shirk (0) beats
  Cooperate (-15): the School copies the Enterprise.
* Enterprise: against C, Cooperate is a best reply iff 15 + S >= 20, i.e. S >= 5;
  against S, iff S - 45 >= 0, i.e. S >= 45.

Hence (C, C) is a Nash equilibrium iff S >= 5 (a weak one at the tie S = 5, a strict
one above), (S, S) iff S <= 45, and (C, S), (S, C) never. For 5 < S < 45 there is a
completely mixed equilibrium too: the Enterprise is indifferent when the School
cooperates with x = (45 - S) / 40, the School when the Enterprise cooperates with
y = 3/7 (25y - 15(1 - y) = 5y). At S = 5 and S = 45 the game is degenerate (one
player indifferent at a pure profile); the third extreme equilibrium is then
(C, y = 3/7), resp. (S, y = 3/7): mixed but not completely mixed.

Replicator dynamics at the vertex (C, C): the eigenvalues are the deviation gains
5 - 25 = -20 (School) and 20 - (15 + S) = 5 - S (Enterprise): stable iff S > 5, and a
zero eigenvalue ("inconclusive", never stable) at the tie S = 5.

Grim trigger with reversion to (S, S), the only stage equilibrium for S < 5: the
Enterprise keeps to (C, C) iff (1 - d)(15 + S - 20) + d (15 + S - 0) >= 0, i.e.
d >= (5 - S) / 20; the School never gains by deviating (5 < 25). So
delta* = (5 - S) / 20 for S < 5 and 0 from S = 5 on; at the scenario's delta = 1/5
cooperation is sustainable iff S >= 1.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import math
from collections.abc import Callable, Iterator
from fractions import Fraction
from importlib.resources import files
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame._sweep_rows import AnalysisContext, profile_label, stability
from coopgame.analyses import Analysis, register, unregister
from coopgame.evolution._rest_points import rest_points
from coopgame.io._scenario import load_scenario
from coopgame.sweep._engine import SweepError, SweepResult, sweep
from coopgame.sweep._points import grid, parse_axis, point_set

SCENARIO = files("coopgame") / "data" / "school_enterprise.toml"
CC, CS, SC, SS = "Cooperate,Cooperate", "Cooperate,Shirk", "Shirk,Cooperate", "Shirk,Shirk"


@pytest.fixture(scope="module")
def subsidy_sweep() -> SweepResult:
    # S = 0, 1/2, ..., 50: hits both ties S = 5 and S = 45 exactly
    return sweep(SCENARIO, {"S_e": "0:50:101"}, analyses=["equilibria", "stability", "repeated"],
                 method="general", progress=False)


def test_nash_column_flips_exactly_at_the_hand_derived_threshold(
    subsidy_sweep: SweepResult,
) -> None:
    table = subsidy_sweep.table
    s = [Fraction(v) for v in subsidy_sweep.axes["S_e"]]
    assert s[10] == 5 and s[90] == 45
    assert table["nash[Cooperate,Cooperate]"].tolist() == [v >= 5 for v in s]
    assert table["nash[Shirk,Shirk]"].tolist() == [v <= 45 for v in s]
    assert not table[f"nash[{CS}]"].any() and not table[f"nash[{SC}]"].any()
    assert table["degenerate"].tolist() == [v in (5, 45) for v in s]
    assert table["n_equilibria"].tolist() == [1 if v < 5 or v > 45 else 3 for v in s]
    assert table["n_mixed"].tolist() == [1 if 5 <= v <= 45 else 0 for v in s]
    expected = [SS if v < 5 else f"{CC} + {SS} + mixed" if v <= 45 else CC for v in s]
    assert table["signature"].tolist() == expected


def test_mixed_equilibrium_matches_the_indifference_conditions(subsidy_sweep: SweepResult) -> None:
    table = subsidy_sweep.table
    for k, v in enumerate(subsidy_sweep.axes["S_e"]):
        school, firm = table["mixed[School]"][k], table["mixed[Enterprise]"][k]
        if 5 < v < 45:
            assert school == pytest.approx(float((45 - v) / 40), abs=1e-12)
            assert firm == pytest.approx(3 / 7, abs=1e-12)
        else:  # at the ties the third equilibrium is not completely mixed
            assert math.isnan(school) and math.isnan(firm)


def test_vertex_stability_and_the_tie(subsidy_sweep: SweepResult) -> None:
    table = subsidy_sweep.table
    s = list(subsidy_sweep.axes["S_e"])
    assert table[f"stable[{CC}]"].tolist() == [v > 5 for v in s]
    assert table[f"stability[{CC}]"][10] == "inconclusive"  # S = 5: a zero eigenvalue
    assert table[f"stability[{CC}]"][0] == "saddle"  # S = 0: eigenvalues -20 and 5
    assert table[f"stability[{SS}]"][90] == "inconclusive"  # S = 45: the Enterprise's gain is 0
    assert table["stable_signature"][20] == f"{CC} + {SS}"  # S = 10


def test_repeated_delta_star_is_the_hand_formula(subsidy_sweep: SweepResult) -> None:
    table = subsidy_sweep.table
    s = list(subsidy_sweep.axes["S_e"])
    expected = [float((5 - v) / 20) if v < 5 else 0.0 for v in s]
    np.testing.assert_allclose(table["delta_star"].to_numpy(), expected, rtol=0, atol=1e-12)
    assert subsidy_sweep.delta == Fraction(1, 5)  # from the scenario's [analysis] repeated
    assert table["sustainable"].tolist() == [v >= 1 for v in s]


def test_delta_argument_overrides_the_scenario() -> None:
    res = sweep(SCENARIO, {"S_e": "0:5:11"}, analyses="repeated", delta="1/10", progress=False)
    assert res.table["sustainable"].tolist() == [Fraction(k, 2) >= 3 for k in range(11)]


def test_symbolic_game_input_prisoners_dilemma_temptation() -> None:
    """PD with R, S, P = 3, 0, 1: grim trigger needs delta >= (T - R) / (T - P) for T > 3."""
    pd_game = Game.bimatrix([[3, 0], ["T", 1]], [[3, "T"], [0, 1]], strategies=[["C", "D"]] * 2)
    res = sweep(pd_game, {"T": "3:8:11"}, analyses=["repeated", "equilibria"], target=("C", "C"),
                method="general", progress=False)
    t = np.array([float(v) for v in res.axes["T"]])
    np.testing.assert_allclose(res.table["delta_star"], (t - 3) / (t - 1), atol=1e-12)
    assert "sustainable" not in res.table.columns  # no delta known
    assert res.table["nash[C,C]"].tolist() == [bool(v == 3) for v in res.axes["T"]]


def test_thresholds_and_bargaining_columns() -> None:
    """Threshold S_e = max(0, C_e + B_e - (1 - a) R) = max(0, C_e - 40); the bargaining point at
    S_e = 0 is the corner (25, 15) of the feasible set (the Nash product grows up to it along the
    frontier towards (-15, 20)), with (Shirk, Shirk) = (0, 0) as disagreement point."""
    res = sweep(SCENARIO, {"C_e": "30:60:7"}, analyses=["thresholds", "bargaining"], progress=False)
    expected = [max(0, c - 40) for c in (30, 35, 40, 45, 50, 55, 60)]
    assert res.table["threshold[S_e,nash]"].tolist() == expected
    assert res.table["threshold[S_e,strict]"].tolist() == expected
    at_45 = res.table.iloc[3]
    assert (at_45["bargaining[School]"], at_45["bargaining[Enterprise]"]) == (25.0, 15.0)


def test_table_order_is_the_grid_order_whatever_the_executor() -> None:
    axes = {"S_e": "0:12:7", "C_s": "10:20:3"}
    inline = sweep(SCENARIO, axes, method="general", executor="inline", progress=False)
    expected = grid(axes)
    pd.testing.assert_frame_equal(inline.table[["S_e", "C_s"]], expected)
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        threaded = sweep(
            SCENARIO, axes, method="general", executor=pool, chunk_size=2, progress=False
        )
    pd.testing.assert_frame_equal(inline.table, threaded.table)
    assert inline.array("nash[Cooperate,Cooperate]").shape == (7, 3)
    assert inline.array("S_e")[:, 0].tolist() == [0, 2, 4, 6, 8, 10, 12]


def test_process_pool_gives_the_same_table() -> None:
    axes = {"S_e": "0:50:21"}
    with concurrent.futures.ProcessPoolExecutor(max_workers=2) as pool:
        remote = sweep(SCENARIO, axes, analyses=["equilibria", "thresholds"], method="general",
                       executor=pool, chunk_size=4, progress=False)
    local = sweep(
        SCENARIO, axes, analyses=["equilibria", "thresholds"], method="general", progress=False
    )
    pd.testing.assert_frame_equal(local.table, remote.table)


def _explode_at_five(game: Game, context: AnalysisContext) -> dict[str, Any]:
    if context.values["S_e"] == 5:
        raise ZeroDivisionError("no analysis at S_e = 5")
    return {"extra": float(context.values["S_e"]) * 2}


@contextlib.contextmanager
def registered(
    name: str, function: Callable[[Game, AnalysisContext], dict[str, Any]]
) -> Iterator[None]:
    """A sweep analysis ``name`` computing ``function`` (declaring no columns), registered for a
    block.
    """
    row = function

    class _Probe(Analysis):
        def columns(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
            return {}  # the engine takes the columns from the results

        def row(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
            return row(game, context)

    _Probe.name = name
    register(_Probe)
    try:
        yield
    finally:
        unregister(name)


def test_a_failing_point_is_reported_with_its_parameters() -> None:
    with registered("explode", _explode_at_five):
        res = sweep(SCENARIO, {"S_e": "0:10:11", "C_s": [15]}, analyses=["equilibria", "explode"],
                    method="general", progress=False)
    assert len(res.table) == 11
    assert res.failures[["S_e", "C_s"]].to_dict("records") == [{"S_e": 5.0, "C_s": 15.0}]
    assert res.failures["analysis"].tolist() == ["explode"]
    assert res.failures["error"].tolist() == ["ZeroDivisionError: no analysis at S_e = 5"]
    assert res.failures.index.tolist() == [5]
    extra = res.table["extra"]
    assert math.isnan(extra[5]) and extra.drop(5).tolist() == [2.0 * k for k in range(11) if k != 5]
    # the other analysis at the failing point still completed
    assert bool(res.table["nash[Cooperate,Cooperate]"][5]) is True


def test_a_point_where_the_game_is_undefined() -> None:
    g = Game.bimatrix([["1/x", 0], [0, 1]], [[1, 0], [0, 1]], strategies=[["A", "B"]] * 2)
    res = sweep(g, {"x": "-1:1:5"}, method="general", progress=False)
    assert res.failures["x"].tolist() == [0.0]
    assert res.failures["analysis"].tolist() == ["game"]
    assert res.failures["error"].iloc[0].startswith("ZeroDivisionError")
    assert res.table["nash[A,A]"].isna().tolist() == [False, False, True, False, False]
    # x = 1/2: payoffs 2 and 1 on the diagonal; both pure equilibria and a mixed one
    assert res.table["n_equilibria"][3] == 3 and bool(res.table["nash[A,A]"][3])
    assert not bool(res.table["nash[A,A]"][0])  # x = -1


def test_auto_falls_back_to_the_general_path_where_a_payoff_is_undefined() -> None:
    """The fast path refuses a grid with an infinite payoff (x = 0 in 1/x); ``auto`` then
    takes the general path, so only that point fails and the others are computed."""
    g = Game.bimatrix([["1/x", 0], [0, 1]], [[1, 0], [0, 1]], strategies=[["A", "B"]] * 2)
    res = sweep(g, {"x": "-1:1:5"}, progress=False)
    assert res.method == "general"
    assert res.failures["x"].tolist() == [0.0]
    column = res.table["nash[B,B]"]
    assert column.isna().tolist() == [False, False, True, False, False]
    assert column.dropna().tolist() == [True] * 4  # (B, B) pays both 1 > 0: always an equilibrium
    with pytest.raises(SweepError, match="finite"):
        sweep(g, {"x": "-1:1:5"}, method="fast", progress=False)


def test_random_points_use_float_games_and_agree_with_the_fast_path() -> None:
    rng = np.random.default_rng(7)
    points = pd.DataFrame({"S_e": rng.uniform(0, 50, 120), "B_e": rng.uniform(0, 40, 120)})
    analyses = ["equilibria", "stability", "repeated"]
    general = sweep(SCENARIO, points=points, analyses=analyses, method="general", progress=False)
    fast = sweep(SCENARIO, points=points, analyses=analyses, method="fast", progress=False)
    assert (general.method, fast.method) == ("general", "fast")
    pd.testing.assert_frame_equal(general.table, fast.table, check_dtype=False)
    assert general.axes == {}
    with pytest.raises(SweepError, match="grid sweep"):
        general.array("signature")


def test_auto_picks_the_fast_path_only_when_it_can() -> None:
    assert sweep(SCENARIO, {"S_e": "0:10:3"}, progress=False).method == "fast"
    assert (
        sweep(SCENARIO, {"S_e": "0:10:3"}, analyses="bargaining", progress=False).method
        == "general"
    )
    assert sweep(SCENARIO, {"S_e": "0:10:3"}, exact=True, progress=False).method == "general"


def test_result_views() -> None:
    res = sweep(SCENARIO, {"S_e": "0:20:5", "C_s": "10:20:2"}, method="general", progress=False)
    counts = res.signature_counts()
    assert counts.sum() == pytest.approx(1.0)
    assert counts[SS] == pytest.approx(0.2)  # S_e = 0 only
    ds = res.to_xarray()
    assert ds["nash[Cooperate,Cooperate]"].dims == ("S_e", "C_s")
    assert ds["signature"].sel(S_e=0.0, C_s=20.0).item() == SS
    assert res.parameters["C_e"] == 45 and "S_e" not in res.parameters
    assert res.game is not None and {str(p) for p in res.game.parameters} >= {"S_e", "C_s"}
    assert res.target == ("Cooperate", "Cooperate")


def test_scenario_object_and_target_argument() -> None:
    scenario = load_scenario(str(SCENARIO))
    res = sweep(
        scenario, {"S_e": "0:10:3"}, analyses="repeated", target="Shirk,Shirk", progress=False
    )
    assert res.target == ("Shirk", "Shirk")
    assert res.table["delta_star"].tolist() == [0.0, 0.0, 0.0]  # a stage equilibrium at every S_e


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"grid": {"S_e": "0:1:2"}, "points": {"S_e": [0]}}, "exactly one of grid"),
        ({}, "exactly one of grid"),
        ({"grid": {"S_x": "0:1:2"}}, "unknown parameter 'S_x'"),
        (
            {"grid": {"S_e": "0:1:2"}, "analyses": ["equilibria", "chaos"]},
            "unknown analysis 'chaos'",
        ),
        ({"grid": {"S_e": "0:1:2"}, "method": "quick"}, "unknown method 'quick'"),
        ({"grid": {"S_e": "S_e=0:10"}}, "S_e=0:10"),
        ({"grid": {"S_e": "0:10:0"}}, "must be an integer >= 1"),
        ({"grid": {"S_e": "5:1:3"}}, "must be greater than start"),
        ({"grid": {"S_e": "0:1:2"}, "delta": "3/2"}, "strictly between 0 and 1"),
        (
            {"grid": {"S_e": "0:1:2"}, "target": ("Cooperate", "Defect")},
            "unknown strategy 'Defect'",
        ),
        (
            {"grid": {"S_e": "0:1:2"}, "analyses": "bargaining", "method": "fast"},
            "fast path does not",
        ),
        ({"points": {"S_e": [0, 1], "C_s": [1]}}, "same number of values"),
        ({"points": {"S_e": [0.0, float("nan")]}}, "not a finite number"),
        ({"points": {"S_e": []}}, "no points"),
        ({"points": {"S_e": [[0, 1]]}}, "flat sequence"),
        ({"grid": {"S_e": "0:1:2"}, "target": 5}, "target 5: expected strategy names"),
        ({"grid": {"S_e": "0:1:2"}, "delta": 0}, "strictly between 0 and 1"),
        ({"grid": {"S_e": "0:1:2"}, "executor": "threads", "method": "general"}, "executor"),
        ({"grid": {"S_e": "0:1:2"}, "chunk_size": 0, "method": "general"}, "chunk_size"),
    ],
)
def test_bad_input_raises_a_sweep_error_naming_it(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(SweepError, match=message):
        sweep(SCENARIO, progress=False, **kwargs)


def test_a_game_needs_every_free_symbol_swept() -> None:
    g = Game.bimatrix([["a", 0], [0, "b"]], [[1, 0], [0, 1]])
    with pytest.raises(SweepError, match="'b' has no value"):
        sweep(g, {"a": "0:1:2"}, progress=False)
    with pytest.raises(SweepError, match="Scenario, a path"):
        sweep(42, {"a": "0:1:2"}, progress=False)  # type: ignore[arg-type]


def test_parse_axis_is_exact() -> None:
    assert parse_axis("S_e=0:1/3:3") == ("S_e", (Fraction(0), Fraction(1, 6), Fraction(1, 3)))
    assert parse_axis(" tau = 0.1:0.3:3") == (
        "tau",
        (Fraction(1, 10), Fraction(1, 5), Fraction(3, 10)),
    )
    assert parse_axis("x=7:7:1") == ("x", (Fraction(7),))
    for bad in ("=0:1:2", "1x=0:1:2", "x=a:1:2", "x=0:1:2.5", "x:0:1:2"):
        with pytest.raises(SweepError, match="axis"):
            parse_axis(bad)


@settings(max_examples=40, deadline=None)
@given(st.fractions(min_value=-100, max_value=100, max_denominator=50),
       st.fractions(min_value=Fraction(1, 50), max_value=100, max_denominator=50),
       st.integers(min_value=2, max_value=60))
def test_parse_axis_endpoints_and_spacing(start: Fraction, width: Fraction, num: int) -> None:
    name, values = parse_axis(f"p={start}:{start + width}:{num}")
    assert name == "p" and len(values) == num
    assert values[0] == start and values[-1] == start + width
    assert len({b - a for a, b in zip(values, values[1:])}) == 1


def test_grid_is_c_order() -> None:
    frame = grid({"a": "0:1:2", "b": [Fraction(1, 2), 2, 3]})
    a, b = np.meshgrid([0.0, 1.0], [0.5, 2.0, 3.0], indexing="ij")
    assert frame["a"].tolist() == a.ravel().tolist() and frame["b"].tolist() == b.ravel().tolist()


@settings(max_examples=30, deadline=None)
@given(st.sampled_from([(2, 2), (2, 3), (2, 2, 2)]).flatmap(
    lambda shape: st.lists(st.integers(-2, 2), min_size=int(np.prod(shape)) * len(shape),
                           max_size=int(np.prod(shape)) * len(shape)).map(
        lambda xs: np.array(xs, dtype=object).reshape(*shape, len(shape)))))
def test_vertex_stability_matches_rest_points(payoffs: np.ndarray) -> None:
    """The deviation-gain eigenvalues classify each vertex as evolution.rest_points does
    (small integer payoffs: many exact ties)."""
    game = Game(payoffs)
    row = stability(game, AnalysisContext(target=tuple(s[0] for s in game.strategies)))
    for point in rest_points(game):
        if point.location == "vertex":
            assert point.profile is not None
            label = profile_label(game, point.profile)
            assert row[f"stability[{label}]"] == point.classification
            assert row[f"stable[{label}]"] == point.is_stable


def test_axis_strings_alone_make_a_grid() -> None:
    res = sweep(SCENARIO, ["S_e=0:10:3", "C_s=10:20:2"], method="general", progress=False)
    assert res.shape == (3, 2) and list(res.axes) == ["S_e", "C_s"]
    with pytest.raises(SweepError, match="given twice"):
        grid(["S_e=0:1:2", "S_e=0:2:2"])


def test_exact_payoff_evaluation_matches_sympy() -> None:
    """The compiled payoffs (Fractions in, Fractions out) equal sympy's substitution."""
    import sympy

    from coopgame.numbers import parse_expression
    from coopgame.sweep._engine import _compile

    for text in (
        "a*R - C_s + 1/3",
        "Max(x, 1/2) * x**-2 - Abs(x - 3)",
        "(x + 1)**3 / 7",
        "sqrt(x) + 2",
    ):
        expr = parse_expression(text)
        evaluate = _compile(expr)
        for x in (Fraction(1, 4), Fraction(9, 4), Fraction(5)):
            values = {"x": x, "a": Fraction(2, 5), "R": Fraction(100), "C_s": Fraction(15)}
            got = evaluate(
                {k: v for k, v in values.items() if k in {str(s) for s in expr.free_symbols}}
            )
            want = expr.subs(
                {
                    sympy.Symbol(k): sympy.Rational(v.numerator, v.denominator)
                    for k, v in values.items()
                }
            )
            if want.is_Rational:
                assert isinstance(got, Fraction) and got == Fraction(int(want.p), int(want.q))
            else:
                assert got == pytest.approx(float(want), abs=1e-12)


# --------------------------------------------------------------------------- point sets
NAN, INF = float("nan"), float("inf")


@pytest.mark.parametrize(
    ("points", "message"),
    [
        ({"S_e": [0.0, 1.0, NAN]}, r"points\['S_e'\], row 2: nan is not a finite number"),
        ({"S_e": np.array([0.0, -INF])}, r"points\['S_e'\], row 1: -inf is not a finite number"),
        (
            pd.DataFrame({"S_e": [1.0, 2, 3, 4], "C_s": [1.0, 2, 3, NAN]}),
            r"points\['C_s'\], row 3: nan is not a finite number",
        ),
        ({"S_e": [Fraction(1, 2), 1, INF]}, r"points\['S_e'\], row 2: inf is not a finite number"),
        # no float of 10^400
        ({"S_e": [10**400, NAN]}, r"points\['S_e'\], row 1: nan is not a finite number"),
        ({"S_e": [0, 1, "2"]}, r"points\['S_e'\], row 2: '2' is not a number"),
        (pd.DataFrame({"S_e": ["a", "b"]}), r"points\['S_e'\], row 0: 'a' is not a number"),
        (
            {"S_e": np.array(["1", "2"])},
            r"points\['S_e'\], row 0: '1' is not a number \(the column's type is <U1\)",
        ),
        ({"S_e": [0, True]}, r"points\['S_e'\], row 1: True is not a number"),
        ({"S_e": np.array([True, False])}, r"points\['S_e'\], row 0: True is not a number"),
        ({"S_e": [1.0, None]}, r"points\['S_e'\], row 1: None \(a missing value\) is not a number"),
        ({"S_e": [1 + 2j]}, r"points\['S_e'\], row 0: \(1\+2j\) is not a number"),
        (
            {"S_e": [0, 1, 2], "C_s": [1.0, 2.0]},
            r"points\['C_s'\] has 2 values but points\['S_e'\] has 3: every parameter needs the "
            r"same number",
        ),
        (
            {"S_e": np.zeros((2, 3))},
            r"points\['S_e'\]: expected a flat sequence of numbers, got an array of "
            r"shape \(2, 3\)",
        ),
        ({"S_e": [[0, 1], [2, 3]]}, r"points\['S_e'\]: expected a flat sequence .* shape \(2, 2\)"),
        ({"S_e": [[0, 1], [2]]}, r"points\['S_e'\], row 0: \[0, 1\] is not a number"),
        ({"S_e": 5}, r"points\['S_e'\]: expected a flat sequence of numbers, got a single value"),
        ({"S_e": {1, 2}}, r"points\['S_e'\]: expected a flat sequence of numbers, got a set"),
        ({"S_e": "0:10:3"}, r"points\['S_e'\]: expected a sequence of values, got a string"),
        (pd.DataFrame([[1, 2]], columns=["S_e", "S_e"]), r"parameter 'S_e' is given twice"),
        ({}, "no parameters given"),
        ([1, 2], "expected a DataFrame or a mapping"),
    ],
)
def test_bad_points_name_the_parameter_and_the_first_bad_row(points: Any, message: str) -> None:
    with pytest.raises(SweepError, match=message):
        point_set(points)
    for method in ("auto", "general"):
        with pytest.raises(SweepError, match=message):
            sweep(SCENARIO, points=points, method=method, progress=False)


@given(st.lists(st.sampled_from([0.0, 1.5, -2.0, NAN, INF, -INF]), min_size=1, max_size=30))
@settings(max_examples=60, deadline=None)
def test_the_first_non_finite_row_is_reported(values: list[float]) -> None:
    bad = [k for k, v in enumerate(values) if not math.isfinite(v)]
    column = np.array(values)
    if not bad:
        assert point_set({"x": column}).columns["x"].tolist() == values
        return
    with pytest.raises(
        SweepError, match=rf"points\['x'\], row {bad[0]}: {values[bad[0]]!r} is not a finite"
    ):
        point_set({"x": column})
    with pytest.raises(SweepError, match=rf"row {bad[0]}: "):
        point_set({"x": [*values, Fraction(1, 3)]})  # floats among exact values: checked as objects


def test_point_sets_keep_exact_values_and_float_samples() -> None:
    ints, arange = point_set({"a": [1, 2]}), point_set({"a": np.arange(3)})
    assert ints.exact and ints.columns["a"].tolist() == [1, 2] and ints.n == 2
    assert arange.exact and arange.columns["a"].dtype == np.int64
    thirds = point_set({"a": [Fraction(1, 3), 1]})
    assert thirds.exact and thirds.columns["a"].tolist() == [Fraction(1, 3), 1]
    assert thirds.floats()["a"].tolist() == [1 / 3, 1.0]
    floats = point_set({"a": [0.5, 1.5]})
    assert not floats.exact and floats.columns["a"].dtype == np.float64
    mixed = point_set({"a": [Fraction(1, 3), 0.5], "b": [1, 2]})
    assert not mixed.exact and mixed.columns["a"].tolist() == [Fraction(1, 3), 0.5]
    assert point_set({"a": np.array([0.25], dtype=np.float32)}).columns["a"].dtype == np.float64
    nullable = point_set(pd.DataFrame({"a": pd.array([1, 2], dtype="Int64")}))
    assert nullable.exact and nullable.columns["a"].tolist() == [1, 2]
    frame = pd.DataFrame({"a": np.linspace(0, 1, 5), "b": np.arange(5)})
    checked = point_set(frame)
    # float samples are not copied
    assert np.shares_memory(checked.floats()["a"], frame["a"].to_numpy())
    assert checked.names == ("a", "b") and not checked.exact


def _probe(game: Game, context: AnalysisContext) -> dict[str, Any]:
    return {"kind": game.kind, "value": str(context.values["s"])}


@pytest.mark.parametrize(
    ("kwargs", "kind", "values"),
    [
        ({"grid": {"s": "0:1/3:2"}}, "exact", ["0", "1/3"]),
        ({"points": {"s": [0, Fraction(1, 3)]}}, "exact", ["0", "1/3"]),
        ({"points": {"s": np.array([0, 3])}}, "exact", ["0", "3"]),
        ({"points": {"s": [0.1, 0.25]}}, "float", ["0.1", "0.25"]),
        ({"points": {"s": [0, 0.25]}}, "float", ["0.0", "0.25"]),  # one float: a float sample
        # floats read as decimals
        ({"points": {"s": [0.1, 0.25]}, "exact": True}, "exact", ["1/10", "1/4"]),
        ({"points": {"s": [0, Fraction(1, 3)]}, "exact": False}, "float", ["0.0", str(1 / 3)]),
    ],
)
def test_the_general_path_is_exact_for_exact_points_and_float_for_float_samples(
        kwargs: dict[str, Any], kind: str, values: list[str]) -> None:
    g = Game.bimatrix([["s", 0], [0, 1]], [[1, 0], [0, 1]])
    with registered("probe", _probe):
        res = sweep(g, analyses="probe", method="general", progress=False, **kwargs)
    assert res.table["kind"].tolist() == [kind] * 2
    assert res.table["value"].tolist() == values


def test_exact_points_see_an_exact_tie_that_a_float_sample_only_sees_within_tolerance() -> None:
    """Row payoffs s, 0 / 3/10, 1 against a coordination game: the row player is indifferent
    against the first column exactly at s = 3/10 (a degenerate game). 0.1 + 0.2 is 3/10 + 4e-17
    in binary: a tie within the float games' tolerance, and no tie in the exact game that
    ``exact=True`` builds from its decimal ``0.30000000000000004``."""
    g = Game.bimatrix([["s", 0], ["3/10", 1]], [[1, 0], [0, 1]])
    near = 0.1 + 0.2

    def degenerate(**kwargs: Any) -> list[bool]:
        return sweep(g, method="general", progress=False, **kwargs).table["degenerate"].tolist()

    assert degenerate(points={"s": [Fraction(3, 10), 1]}) == [True, False]
    assert degenerate(points={"s": [near, 1.0]}) == [True, False]
    assert degenerate(points={"s": [near, 1.0]}, exact=True) == [False, False]
