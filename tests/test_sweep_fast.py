"""The vectorised fast path (coopgame.sweep._fast) against independent sources.

The scenario used throughout is the bundled ``school_enterprise.toml`` with the subsidy
``S_e`` and the Enterprise's cost ``C_e`` swept and the other parameters at their file
values (R = 100, a = 2/5, C_s = 15, B_s = 5, B_e = 20). By hand, with ``d = S_e - C_e``:

============  ================  ===============
profile       School            Enterprise
============  ================  ===============
Coop, Coop    25                60 + d
Coop, Shirk   -15               20
Shirk, Coop   5                 d
Shirk, Shirk  0                 0
============  ================  ===============

The School's advantage of cooperating is 20 against a cooperating and -15 against a
shirking Enterprise, so it is indifferent at y* = 15/35 = 3/7 (the Enterprise's
cooperation probability); the Enterprise's advantage is 40 + d against a cooperating and
d against a shirking School. Hence

* d > 0: Cooperate is dominant for the Enterprise, (Coop, Coop) is the only equilibrium;
* d = 0 (a tie): (Coop, Coop), (Shirk, Shirk) and the partially mixed (Shirk, 3/7);
  degenerate;
* -40 < d < 0: (Coop, Coop), (Shirk, Shirk) and the completely mixed point with
  x* = -d/40 (the School's cooperation probability), y* = 3/7;
* d = -40 (a tie): (Coop, Coop), (Shirk, Shirk) and (Coop, 3/7); degenerate;
* d < -40: (Shirk, Shirk) only.

Grim trigger for (Coop, Coop): delta* = 0 while (Coop, Coop) is a stage equilibrium
(d >= -40); for d < -40 the only punishment is (Shirk, Shirk) with payoffs 0, the School
never wants to deviate, and the Enterprise keeps to the path iff
(1 - delta)(40 + d) + delta (60 + d) >= 0, i.e. delta* = -(40 + d)/20, for -60 < d < -40;
for d <= -60 no delta < 1 works (NaN).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame.analyses import AnalysisContext, get
from coopgame.evolution import rest_points
from coopgame.io._scenario import load_scenario
from coopgame.repeated import critical_discount
from coopgame.sweep import _fast as fast
from coopgame.sweep._fast import FastSweepError, fast_sweep, supports_fast
from coopgame.sweep._points import parse_axis

SCENARIO = Path(__file__).resolve().parents[1] / "coopgame" / "data" / "school_enterprise.toml"
ALL = ("equilibria", "stability", "repeated")
TARGET = ("Cooperate", "Cooperate")
DELTA = Fraction(1, 5)


# --------------------------------------------------------------------------- helpers
def scenario_game() -> Game:
    """The scenario's game with S_e and C_e free, the other parameters substituted exactly."""
    scenario = load_scenario(SCENARIO)
    fixed = {k: v for k, v in scenario.parameters.items() if k not in ("S_e", "C_e")}
    return scenario.symbolic_game().subs(fixed)


def general_row(
    game: Game, analyses: tuple[str, ...], target: tuple[str, ...], delta: Any
) -> dict[str, Any]:
    """The general path's columns at one exact point (coopgame._sweep_rows)."""
    context = AnalysisContext(target=target, delta=delta)
    row: dict[str, Any] = {}
    for name in analyses:
        row.update(get(name).row(game, context))
    return row


def assert_row_equal(fast_row: Mapping[str, Any], general: Mapping[str, Any], where: Any) -> None:
    assert list(fast_row) == list(general), where
    for column, expected in general.items():
        got = fast_row[column]
        if isinstance(expected, float):
            if math.isnan(expected):
                assert math.isnan(got), (where, column, got, expected)
            else:
                assert abs(got - expected) <= 1e-9, (where, column, got, expected)
        else:
            assert got == expected, (where, column, got, expected)


def gambit_extreme(A: np.ndarray, B: np.ndarray) -> set[tuple[Fraction, Fraction]]:
    """pygambit's exact enummixed: each extreme equilibrium as (x, y), the first strategies'
    probabilities.
    """
    import pygambit as gbt

    game = gbt.Game.from_arrays([[Fraction(int(v)) for v in row] for row in A],
                                [[Fraction(int(v)) for v in row] for row in B])
    found = set()
    for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria:
        first = [next(iter(player.strategies)) for player in game.players]
        found.add((Fraction(str(eq[first[0]])), Fraction(str(eq[first[1]]))))
    return found


def naive_closed_form(A: np.ndarray, B: np.ndarray) -> set[tuple[Fraction, Fraction]]:
    """The textbook closed form that ignores ties: weak pure equilibria plus the interior crossing.
    """
    found = set()
    for i, j in itertools.product((0, 1), repeat=2):
        if A[i, j] >= A[1 - i, j] and B[i, j] >= B[i, 1 - j]:
            found.add((Fraction(1 - i), Fraction(1 - j)))
    r0, r1 = A[0, 1] - A[1, 1], A[0, 0] - A[1, 0]
    c0, c1 = B[1, 0] - B[1, 1], B[0, 0] - B[0, 1]
    if r0 != r1 and c0 != c1:
        x, y = Fraction(int(c0), int(c0 - c1)), Fraction(int(r0), int(r0 - r1))
        if 0 < x < 1 and 0 < y < 1:
            found.add((x, y))
    return found


#: a 2x2 game whose eight payoffs are parameters: sweeping it sweeps over games
P = sympy.symbols("a00 a01 a10 a11 b00 b01 b10 b11")
PARAM_GAME = Game.bimatrix([[P[0], P[1]], [P[2], P[3]]], [[P[4], P[5]], [P[6], P[7]]],
                           players=["Row", "Col"], strategies=[["U", "D"], ["L", "R"]])
Q = sympy.symbols("u0:24")
PARAM_GAME3 = Game(np.array(Q, dtype=object).reshape(2, 2, 2, 3), players=["A", "B", "C"],
                   strategies=[["a1", "a2"], ["b1", "b2"], ["c1", "c2"]])


def as_points(games: np.ndarray, template: Game) -> dict[str, np.ndarray]:
    """Integer games (n, 2, 2, 2) or (n, 2, 2, 2, 3) as parameter points of a parametrised game."""
    flat = games.reshape(len(games), -1).astype(float)
    return {str(symbol): flat[:, k] for k, symbol in enumerate(template.payoffs.ravel())}


def exact_game(payoffs: np.ndarray, template: Game) -> Game:
    """Integer payoffs as an exact game with the template's names."""
    exact = np.array([Fraction(int(v)) for v in payoffs.ravel()], dtype=object).reshape(
        payoffs.shape
    )
    return Game(exact, players=template.players, strategies=template.strategies)


# --------------------------------------------------------------------------- the scenario grid
def hand_game(s_e: Fraction, c_e: Fraction) -> Game:
    """The scenario's game at one point, from the table in the module docstring."""
    d = s_e - c_e
    return Game(np.array([[[25, 60 + d], [-15, 20]], [[5, d], [0, 0]]], dtype=object) + Fraction(0),
                players=["School", "Enterprise"], strategies=[["Cooperate", "Shirk"]] * 2)


def test_hand_table_is_the_scenario() -> None:
    game = scenario_game()
    for s_e, c_e in ((0, 45), (Fraction(7, 20), Fraction(81, 4)), (10, 70)):
        assert game.subs({"S_e": s_e, "C_e": c_e}) == hand_game(Fraction(s_e), Fraction(c_e))


def test_grid_of_a_million_points_agrees_with_the_general_path() -> None:
    """A 1000 x 1000 grid on the fast path; 1,000 random points of it plus the tie lines on the
    general path.
    """
    # steps of 1/20: d = S_e - C_e hits 0, -40, -60 exactly
    _, s_values = parse_axis("S_e=0:49.95:1000")
    _, c_values = parse_axis("C_e=20:69.95:1000")
    S, C = np.meshgrid(
        np.array(s_values, dtype=float), np.array(c_values, dtype=float), indexing="ij"
    )
    table = fast_sweep(
        scenario_game(),
        {"S_e": S.ravel(), "C_e": C.ravel()},
        ALL,
        target=TARGET,
        delta=DELTA,
        progress=False,
    )
    assert len(table) == 1_000_000

    # the hand derivation (module docstring) on the whole grid; 20 d = i - j - 400 exactly
    d = (np.arange(1000)[:, None] - np.arange(1000)[None, :] - 400).ravel()
    signature = table["signature"].to_numpy()
    assert (signature[d > 0] == "Cooperate,Cooperate").all()
    assert (signature[d < -800] == "Shirk,Shirk").all()
    assert (signature[(d <= 0) & (d >= -800)] == "Cooperate,Cooperate + Shirk,Shirk + mixed").all()
    assert (table["degenerate"].to_numpy() == ((d == 0) | (d == -800))).all()
    inside = (d < 0) & (d > -800)
    assert np.allclose(table["mixed[School]"].to_numpy()[inside], -d[inside] / 800, atol=1e-12)
    assert np.allclose(table["mixed[Enterprise]"].to_numpy()[inside], 3 / 7, atol=1e-12)
    assert table["mixed[School]"].isna().to_numpy()[~inside].all()
    delta_star = np.where(d >= -800, 0.0, np.where(d > -1200, -(800 + d) / 400, np.nan))
    assert np.allclose(table["delta_star"].to_numpy(), delta_star, atol=1e-12, equal_nan=True)

    rng = np.random.default_rng(7)
    sample = [int(k) for k in rng.choice(1_000_000, size=1000, replace=False)]
    # and points exactly on the three tie lines: 20 d = i - j - 400 in {0, -800, -1200}
    sample += [1000 * i + (i - 400 - t) for t in (0, -800, -1200) for i in range(0, 1000, 25)
               if 0 <= i - 400 - t < 1000]
    rows = table.iloc[sample].to_dict("records")
    for k, row in zip(sample, rows):
        i, j = divmod(k, 1000)
        point = hand_game(s_values[i], c_values[j])
        assert_row_equal(row, general_row(point, ALL, TARGET, DELTA), (s_values[i], c_values[j]))


# --------------------------------------------------------------------------- ties against pygambit
def test_tie_points_classified_as_pygambit_enummixed() -> None:
    """At least 300 points with exact payoff ties: the same extreme equilibria as Gambit's exact
    enummixed.

    The tie sample: 400 random 2x2 games with payoffs in {-2, ..., 2} that have at least one
    tie in a player's payoff comparison (degenerate or on a threshold), and 150 points of the
    scenario grid on its threshold lines d = S_e - C_e in {0, -40, -60}. The fast path agrees
    with pygambit on every one of them (extreme-equilibrium sets, pure-Nash columns, counts).

    A vectorised closed form that ignores ties (pure equilibria with weak inequalities, plus
    the mixed point when both crossings lie strictly inside) gets 249 of these 550 tie points
    wrong (45 %): it misses the partially mixed extreme equilibria of degenerate games.
    """
    pytest.importorskip("pygambit")
    rng = np.random.default_rng(2024)
    games: list[np.ndarray] = []
    while len(games) < 400:
        g = rng.integers(-2, 3, size=(2, 2, 2))
        A, B = g[:, :, 0], g[:, :, 1]
        if 0 in (A[0, 1] - A[1, 1], A[0, 0] - A[1, 0], B[1, 0] - B[1, 1], B[0, 0] - B[0, 1]):
            games.append(g)
    scenario = scenario_game()
    for d in (0, -40, -60):
        for s_e in range(0, 50):
            entries = scenario.subs({"S_e": s_e, "C_e": s_e - d}).payoffs
            games.append(np.array([[[int(v) for v in cell] for cell in row] for row in entries]))
    stack = np.array(games)
    assert len(stack) >= 300
    table = fast_sweep(PARAM_GAME, as_points(stack, PARAM_GAME), ["equilibria"], progress=False)
    pay = stack.reshape(len(stack), 8).T.astype(float)
    extreme = fast._extreme_equilibria_2x2(pay)
    naive_wrong = 0
    for n, g in enumerate(stack):
        A, B = g[:, :, 0], g[:, :, 1]
        theirs = gambit_extreme(A, B)
        mine = {
            (Fraction(x).limit_denominator(1000), Fraction(y).limit_denominator(1000))
            for x, y in extreme[n]
        }
        assert mine == theirs, (g.tolist(), mine, theirs)
        row = table.iloc[n]
        for (i, j), label in zip(itertools.product((0, 1), repeat=2), ("U,L", "U,R", "D,L", "D,R")):
            assert row[f"nash[{label}]"] == ((Fraction(1 - i), Fraction(1 - j)) in theirs), (
                g.tolist(),
                label,
            )
        assert row["n_equilibria"] == len(theirs)
        assert row["n_mixed"] == sum(1 for x, y in theirs if x not in (0, 1) or y not in (0, 1))
        naive_wrong += naive_closed_form(A, B) != theirs
    assert naive_wrong / len(stack) > 0.25  # 249 / 550 with numpy's current PCG64 stream


# ------------------------------------------------------------------------ property: fast == general
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.integers(-3, 3), min_size=8, max_size=8),
    st.sampled_from(["U,L", "U,R", "D,L", "D,R"]),
    st.sampled_from([Fraction(1, 5), Fraction(1, 2), Fraction(9, 10)]),
)
def test_random_integer_games_fast_equals_general(
    values: list[int], target: str, delta: Fraction
) -> None:
    """Small integer payoffs (many ties): every column of the fast path equals the exact general
    path.
    """
    points = {str(s): np.array([float(v)]) for s, v in zip(P, values)}
    target_names = tuple(target.split(","))
    row = (
        fast_sweep(PARAM_GAME, points, ALL, target=target_names, delta=delta, progress=False)
        .iloc[0]
        .to_dict()
    )
    game = PARAM_GAME.subs(dict(zip(P, values)))
    assert_row_equal(row, general_row(game, ALL, target_names, delta), values)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=24, max_size=24))
def test_random_three_player_games_fast_equals_general(values: list[int]) -> None:
    """2x2x2 games: pure equilibria and vertex stability as on the general path."""
    points = {str(s): np.array([float(v)]) for s, v in zip(Q, values)}
    analyses = ("equilibria", "stability")
    row = fast_sweep(PARAM_GAME3, points, analyses, progress=False).iloc[0].to_dict()
    game = PARAM_GAME3.subs(dict(zip(Q, values)))
    assert_row_equal(row, general_row(game, analyses, ("a1", "b1", "c1"), None), values)


# ------------------------------------------------------------------------ against the exact modules
def test_stability_equals_evolution_rest_points() -> None:
    """Vertex classifications equal coopgame.evolution._rest_points (sympy Jacobians) on exact
    games.
    """
    rng = np.random.default_rng(5)
    two = rng.integers(-1, 2, size=(12, 2, 2, 2))
    three = rng.integers(-1, 2, size=(6, 2, 2, 2, 3))
    for stack, template in ((two, PARAM_GAME), (three, PARAM_GAME3)):
        table = fast_sweep(template, as_points(stack, template), ["stability"], progress=False)
        for n, payoffs in enumerate(stack):
            game = exact_game(payoffs, template)
            vertices = [p for p in rest_points(game) if p.location == "vertex"]
            for p in vertices:
                label = ",".join(game.strategies[i][k] for i, k in enumerate(p.profile))
                assert table.iloc[n][f"stability[{label}]"] == p.classification, (
                    payoffs.tolist(),
                    label,
                )


def test_delta_star_equals_critical_discount() -> None:
    """delta* and sustainability equal coopgame.repeated.critical_discount for every pure target."""
    rng = np.random.default_rng(11)
    stack = rng.integers(-3, 4, size=(80, 2, 2, 2))
    points = as_points(stack, PARAM_GAME)
    for target in itertools.product((0, 1), repeat=2):
        names = (("U", "D")[target[0]], ("L", "R")[target[1]])
        table = fast_sweep(
            PARAM_GAME, points, ["repeated"], target=names, delta="3/5", progress=False
        )
        for n, payoffs in enumerate(stack):
            result = critical_discount(exact_game(payoffs, PARAM_GAME), target)
            expected = math.nan if result.delta is None else float(result.delta)
            got = table["delta_star"].iloc[n]
            assert (math.isnan(got) and math.isnan(expected)) or abs(got - expected) <= 1e-12, (
                payoffs.tolist()
            )
            assert bool(table["sustainable"].iloc[n]) == result.sustains(Fraction(3, 5)), (
                payoffs.tolist()
            )


def test_patience_that_hurts_caps_sustainability() -> None:
    """Row [[1, -3], [3, 0]], column [[2, -1], [-2, 3]], target (U, L); the only stage equilibrium
    is (D, R).

    Row: deviating gains 3 - 1 = 2 today and loses 1 - 0 = 1 a period later: delta >= 2/3.
    Column: keeping to L gains 2 - (-1) = 3 today but the reversion (3) beats the path (2) by
    1 a period: 3 (1 - delta) - delta >= 0, i.e. delta <= 3/4. Sustained for 2/3 <= delta <= 3/4.
    """
    points = {str(s): np.array([float(v)]) for s, v in zip(P, [1, -3, 3, 0, 2, -1, -2, 3])}
    for delta, expected in (
        ("1/2", False),
        ("2/3", True),
        ("0.7", True),
        ("3/4", True),
        ("0.8", False),
    ):
        row = fast_sweep(
            PARAM_GAME, points, ["repeated"], target=("U", "L"), delta=delta, progress=False
        )
        assert row["delta_star"].iloc[0] == pytest.approx(2 / 3, abs=1e-12)
        assert bool(row["sustainable"].iloc[0]) is expected, delta


# --------------------------------------------------------------------------- mechanics
def test_chunks_give_the_same_table_as_one_pass() -> None:
    rng = np.random.default_rng(3)
    points = as_points(rng.integers(-2, 3, size=(1001, 2, 2, 2)), PARAM_GAME)
    whole = fast_sweep(PARAM_GAME, points, ALL, delta=0.5, progress=False)
    chunked = fast_sweep(PARAM_GAME, points, ALL, delta=0.5, chunk_size=97, progress=False)
    pd.testing.assert_frame_equal(whole, chunked)
    assert list(whole.columns)[:5] == [
        "nash[U,L]",
        "nash[U,R]",
        "nash[D,L]",
        "nash[D,R]",
        "n_equilibria",
    ]


def test_constant_payoffs_and_unused_parameters_broadcast() -> None:
    """A game whose payoffs do not use a swept name (and constants) still gives one row per point.
    """
    pd_game = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    table = fast_sweep(pd_game, pd.DataFrame({"unused": [0.0, 1.0, 2.0]}), ALL, target=("C", "C"),
                       progress=False)
    assert table["signature"].tolist() == ["D,D"] * 3
    assert table["delta_star"].tolist() == [0.5] * 3


def test_errors_name_the_problem() -> None:
    game = scenario_game()
    with pytest.raises(FastSweepError, match=r"\['C_e'\]"):
        fast_sweep(game, {"S_e": [1.0]}, progress=False)
    with pytest.raises(FastSweepError, match="same number of values"):
        fast_sweep(game, {"S_e": [1.0, 2.0], "C_e": [1.0]}, progress=False)
    with pytest.raises(FastSweepError, match="delta"):
        fast_sweep(game, {"S_e": [1.0], "C_e": [1.0]}, ["repeated"], delta=1, progress=False)
    with pytest.raises(FastSweepError, match="chunk_size"):
        fast_sweep(game, {"S_e": [1.0], "C_e": [1.0]}, chunk_size=0, progress=False)
    with pytest.raises(FastSweepError, match="target"):
        fast_sweep(
            game,
            {"S_e": [1.0], "C_e": [1.0]},
            ["repeated"],
            target=("Nope", "Shirk"),
            progress=False,
        )
    with pytest.raises(FastSweepError, match="2x2x2"):
        fast_sweep(
            PARAM_GAME3,
            as_points(np.zeros((1, 2, 2, 2, 3)), PARAM_GAME3),
            ["repeated"],
            progress=False,
        )
    with pytest.raises(FastSweepError, match=r"not a finite number at s=0\.0"):
        fast_sweep(
            Game.bimatrix([["1/s", 0], [0, 0]], [[0, 0], [0, 0]]), {"s": [1.0, 0.0]}, progress=False
        )
    assert not supports_fast(
        Game.bimatrix([[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]]), ["equilibria"]
    )
    assert not supports_fast(game, ["equilibria", "thresholds"])


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (
            {"S_e": [1.0, float("nan")], "C_e": [1.0, 2.0]},
            r"points\['S_e'\], row 1: nan is not a finite number",
        ),
        (
            pd.DataFrame({"S_e": [1.0, 2.0], "C_e": [np.inf, 1.0]}),
            r"points\['C_e'\], row 0: inf is not a finite",
        ),
        ({"S_e": [1.0, 2.0], "C_e": ["1", 2.0]}, r"points\['C_e'\], row 0: '1' is not a number"),
        (
            {"S_e": np.array(["a", "b"]), "C_e": [1.0, 2.0]},
            r"points\['S_e'\], row 0: 'a' is not a number",
        ),
        (
            {"S_e": [1.0, 2.0, 3.0], "C_e": [1.0]},
            r"points\['C_e'\] has 1 value but points\['S_e'\] has 3",
        ),
        (
            {"S_e": np.ones((2, 2)), "C_e": np.ones(4)},
            r"points\['S_e'\]: expected a flat sequence of numbers, got an array of shape \(2, 2\)",
        ),
        ([1.0, 2.0], "expected a DataFrame or a mapping"),
    ],
)
def test_bad_points_are_a_fast_sweep_error_naming_the_parameter_and_row(
    points: Any, message: str
) -> None:
    """The fast path checks its points as the engine does (one shared check), with its own error."""
    with pytest.raises(FastSweepError, match=message):
        fast_sweep(scenario_game(), points, progress=False)


def test_integer_and_exact_points_give_the_same_table_as_floats() -> None:
    """Ints and Fractions are read as floats by the fast path: the same rows as the float points.
    S_e - C_e = -40 at (5, 45) and 0 at (45, 45): the two ties of the module docstring."""
    floats = fast_sweep(scenario_game(), {"S_e": [5.0, 45.0, 10.5], "C_e": [45.0, 45.0, 45.0]}, ALL,
                        target=("Cooperate", "Cooperate"), progress=False)
    exact = fast_sweep(
        scenario_game(),
        {"S_e": [5, 45, Fraction(21, 2)], "C_e": np.array([45, 45, 45])},
        ALL,
        target=("Cooperate", "Cooperate"),
        progress=False,
    )
    pd.testing.assert_frame_equal(floats, exact)
    assert exact["degenerate"].tolist() == [True, True, False]
    assert exact["n_equilibria"].tolist() == [3, 3, 3]
