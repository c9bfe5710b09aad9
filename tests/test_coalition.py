"""Cooperative games: Shapley, Banzhaf, core, nucleolus, properties.

Expected values are published results (cited) or derived by hand in the docstrings.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame.analyses.allocation import AllocationOptions, compute
from coopgame.coalition import (
    CoalitionError,
    CoalitionGame,
    banzhaf_value,
    core,
    in_core,
    is_convex,
    is_superadditive,
    nucleolus,
    shapley_value,
)
from coopgame.game import Game


def glove_game() -> CoalitionGame:
    return CoalitionGame.from_function(
        ["L", "R1", "R2"], lambda s: min(int("L" in s), int("R1" in s) + int("R2" in s))
    )


def bankruptcy(estate: int, claims: dict[str, int]) -> CoalitionGame:
    """O'Neill's game: v(S) = max(0, E - claims of the others)."""
    return CoalitionGame.from_function(
        list(claims), lambda s: max(0, estate - sum(c for p, c in claims.items() if p not in s)))


def test_glove_game() -> None:
    """Glove game, one left and two right gloves (Maschler-Solan-Zamir 2013): Shapley (2/3, 1/6,
    1/6); the core is the single point (1, 0, 0), which is also the nucleolus."""
    g = glove_game()
    assert shapley_value(g) == (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))
    assert nucleolus(g) == (1, 0, 0)
    result = core(g)
    assert not result.empty and result.point == (1, 0, 0)
    assert in_core(g, [1, 0, 0]) and not in_core(g, shapley_value(g))


def test_airport_game() -> None:
    """Airport game with runway costs 1, 2, 3 (Littlechild and Owen 1973): the Shapley value splits
    each runway segment equally among its users: (1/3, 1/3 + 1/2, 1/3 + 1/2 + 1) = (1/3, 5/6, 11/6).
    Nucleolus of the savings game v(S) = sum c_i - max c_i: pairs and singletons give
    excesses 1 - y1 and y1 (complements), so y1 = 1/2; then y3 - 1 = 5/2 - y3, y3 = 7/4, y2 = 3/4:
    savings (1/2, 5/4, 5/4)."""
    costs = {"1": Fraction(1), "2": Fraction(2), "3": Fraction(3)}
    cost_game = CoalitionGame.from_function(list(costs), lambda s: max(costs[p] for p in s))
    assert shapley_value(cost_game) == (Fraction(1, 3), Fraction(5, 6), Fraction(11, 6))
    savings = CoalitionGame.from_function(
        list(costs), lambda s: sum(costs[p] for p in s) - max(costs[p] for p in s))
    assert nucleolus(savings) == (Fraction(1, 2), Fraction(5, 4), Fraction(5, 4))


@pytest.mark.parametrize(("estate", "expected"), [
    (100, (Fraction(100, 3),) * 3),
    (200, (50, 75, 75)),
    (300, (50, 100, 150)),
])
def test_nucleolus_is_the_talmud_rule(estate: int, expected: tuple[Fraction, ...]) -> None:
    """Aumann and Maschler (1985): claims 100, 200, 300; the nucleolus is the Talmud rule."""
    g = bankruptcy(estate, {"a": 100, "b": 200, "c": 300})
    assert nucleolus(g) == expected
    float_game = CoalitionGame.from_array(g.players, [float(v) for v in g.values])
    assert nucleolus(float_game) == pytest.approx([float(v) for v in expected], abs=1e-7)


def test_empty_core_is_detected_with_a_certificate() -> None:
    """Three-player majority game: pairs worth 1. min sum x s.t. pair constraints: x_i = 1/2, total
    3/2 > 1 = v(N); the balanced collection of the three pairs with weights 1/2 certifies it."""
    g = CoalitionGame.from_function(["a", "b", "c"], lambda s: int(len(s) >= 2))
    result = core(g)
    assert result.empty and result.point is None
    assert result.min_total == Fraction(3, 2)
    assert result.balanced_weights == {"{a, b}": Fraction(1, 2), "{a, c}": Fraction(1, 2),
                                       "{b, c}": Fraction(1, 2)}


def test_banzhaf_weighted_majority() -> None:
    """Weighted majority [3; 2, 1, 1]: A is pivotal for {B}, {C}, {B, C} (3 of 4 coalitions of the
    others), B only for {A}: Banzhaf (3/4, 1/4, 1/4). In the 6 orders A is pivotal unless it comes
    first (4 of 6), B and C share the other 2: Shapley (2/3, 1/6, 1/6)."""
    g = CoalitionGame.from_function(
        ["A", "B", "C"], lambda s: int(2 * ("A" in s) + ("B" in s) + ("C" in s) >= 3)
    )
    assert banzhaf_value(g) == (Fraction(3, 4), Fraction(1, 4), Fraction(1, 4))
    assert shapley_value(g) == (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))


def test_characteristic_function_of_a_strategic_game() -> None:
    """Prisoner's Dilemma: alone a player can guarantee its defection payoff 1 (pure or mixed);
    together the best total is 6. Shapley (3, 3) is in the core {x1, x2 >= 1, x1 + x2 = 6}."""
    pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["S", "E"])
    for method in ("maxmin", "pure_maxmin"):
        v = CoalitionGame.from_strategic(pd, method)
        assert (v.value("S"), v.value("E"), v.value(["S", "E"])) == (1, 1, 6)
    section = compute(pd, AllocationOptions()).to_dict()
    assert section["shapley"] == {"S": "3", "E": "3"} and section["nucleolus"] == {
        "S": "3",
        "E": "3",
    }


def test_matching_pennies_mixed_maxmin() -> None:
    """Matching pennies: a player alone guarantees 0 by mixing, but only -1 with pure strategies."""
    mp = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=["A", "B"])
    assert CoalitionGame.from_strategic(mp).value("A") == 0
    assert CoalitionGame.from_strategic(mp, "pure_maxmin").value("A") == -1


def test_shapley_fifteen_players_exact() -> None:
    """v(S) = (sum of weights in S)^2: phi_i = w_i * W (W the total weight), since
    E[(w(S) + w_i)^2 - w(S)^2] = w_i^2 + 2 w_i E[w(S)] and E[w(S)] = (W - w_i)/2 over random orders.
    """
    weights = [(3 * i) % 7 + 1 for i in range(15)]
    names = [f"p{i}" for i in range(15)]
    values = [sum(w for i, w in enumerate(weights) if m >> i & 1) ** 2 for m in range(1 << 15)]
    g = CoalitionGame.from_array(names, values)
    total = sum(weights)
    assert shapley_value(g) == tuple(Fraction(w * total) for w in weights)
    assert banzhaf_value(g)[0] == pytest.approx(weights[0] ** 2 + weights[0] * (total - weights[0]))


def test_convexity_and_superadditivity() -> None:
    squares = CoalitionGame.from_function(["a", "b", "c"], lambda s: len(s) ** 2)
    majority = CoalitionGame.from_function(["a", "b", "c"], lambda s: int(len(s) >= 2))
    assert is_convex(squares) and is_superadditive(squares)
    assert not is_convex(majority) and is_superadditive(majority)
    sub = CoalitionGame.from_function(["a", "b"], lambda s: 1)
    assert not is_superadditive(sub)


def test_bad_input() -> None:
    with pytest.raises(CoalitionError, match=r"missing 1 coalition\(s\): \{a, b\}"):
        CoalitionGame({"a": 1, "b": 1}, ["a", "b"])
    with pytest.raises(CoalitionError, match="unknown players"):
        CoalitionGame({"a": 1, "z": 1, ("a", "z"): 2}, ["a", "b"])
    with pytest.raises(CoalitionError, match="need 4 values"):
        CoalitionGame.from_array(["a", "b"], [0, 1, 2])
    with pytest.raises(CoalitionError, match="imputation set is empty"):
        nucleolus(CoalitionGame({"a": 2, "b": 2, ("a", "b"): 3}))
    with pytest.raises(CoalitionError, match="invalid coalition value"):
        CoalitionGame({"a": "x y", "b": 1, ("a", "b"): 2})


games = st.integers(2, 4).flatmap(
    lambda n: st.tuples(
        st.just(n), st.lists(st.integers(-3, 6), min_size=(1 << n) - 1, max_size=(1 << n) - 1)
    )
)


@settings(max_examples=60, deadline=None)
@given(games)
def test_shapley_axioms(data: tuple[int, list[int]]) -> None:
    """Efficiency, and the average over all player orders of marginal contributions (the
    definition).
    """
    n, vals = data
    values = [0, *vals]
    g = CoalitionGame.from_array([str(i) for i in range(n)], values)
    phi = shapley_value(g)
    assert sum(phi) == values[-1]
    brute = [Fraction(0)] * n
    for order in itertools.permutations(range(n)):
        mask = 0
        for i in order:
            brute[i] += values[mask | 1 << i] - values[mask]
            mask |= 1 << i
    assert list(phi) == [b / math.factorial(n) for b in brute]


@settings(max_examples=60, deadline=None)
@given(games)
def test_nucleolus_properties(data: tuple[int, list[int]]) -> None:
    """An imputation; in the core whenever the core is non-empty; the core LP agrees with in_core.
    """
    n, vals = data
    values = [0, *vals]
    singles = sum(values[1 << i] for i in range(n))
    values[-1] = max(values[-1], singles)  # non-empty imputation set
    g = CoalitionGame.from_array([str(i) for i in range(n)], values)
    x = nucleolus(g)
    assert sum(x) == values[-1] and all(x[i] >= values[1 << i] for i in range(n))
    result = core(g)
    assert in_core(g, x) == (not result.empty)
    if not result.empty:
        assert result.point == x


def test_symbolic_values() -> None:
    """Two players who create c only together: both values split c equally."""
    import sympy

    c = sympy.Symbol("c")
    g = CoalitionGame({"a": 0, "b": 0, ("a", "b"): c})
    assert g.kind == "symbolic"
    assert shapley_value(g) == (c / 2, c / 2) and banzhaf_value(g) == (c / 2, c / 2)
    with pytest.raises(CoalitionError, match="numeric"):
        nucleolus(g)


def _kohlberg_holds(game: CoalitionGame, x: tuple[Fraction, ...]) -> bool:
    """Kohlberg's criterion for the nucleolus over imputations (Kohlberg 1971; Peleg and Sudhoelter
    2007, ch. 5): for every level y, the coalitions with excess v(S) - x(S) >= y, together with the
    singletons at their lower bound (weight >= 0), carry positive balancing weights summing to the
    grand coalition."""
    from scipy.optimize import linprog

    n = game.n_players
    proper = range(1, (1 << n) - 1)
    excess = {m: game.values[m] - sum(x[i] for i in range(n) if m >> i & 1) for m in proper}
    at_bound = [i for i in range(n) if x[i] == game.values[1 << i]]
    for level in sorted(set(excess.values()), reverse=True):
        top = [m for m in proper if excess[m] >= level]
        # unknowns: lambda_S >= 1 (S in top), mu_i >= 0, c >= 0 ; sum lambda 1_S + sum mu e_i - c 1
        # = 0
        columns = [[m >> i & 1 for i in range(n)] for m in top] + [[int(i == j) for i in range(n)]
                                                                   for j in at_bound] + [[-1] * n]
        a_eq = list(map(list, zip(*columns)))
        bounds = [(1, None)] * len(top) + [(0, None)] * len(at_bound) + [(0, None)]
        result = linprog([0] * len(columns), A_eq=a_eq, b_eq=[0] * n, bounds=bounds, method="highs")
        if result.status != 0:
            return False
    return True


@settings(max_examples=40, deadline=None)
@given(games)
def test_nucleolus_satisfies_kohlberg_criterion(data: tuple[int, list[int]]) -> None:
    """Independent oracle: the exact nucleolus passes Kohlberg's balancedness criterion."""
    n, vals = data
    values = [0, *vals]
    values[-1] = max(values[-1], sum(values[1 << i] for i in range(n)))
    g = CoalitionGame.from_array([str(i) for i in range(n)], values)
    assert _kohlberg_holds(g, nucleolus(g))


def test_kohlberg_oracle_rejects_a_non_nucleolus() -> None:
    """Sanity of the oracle: the glove game's Shapley value (2/3, 1/6, 1/6) is not the nucleolus."""
    g = glove_game()
    assert _kohlberg_holds(g, (Fraction(1), Fraction(0), Fraction(0)))
    assert not _kohlberg_holds(g, (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6)))
