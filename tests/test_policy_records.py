"""Policy records stay true through every transformation of a Game.

The invariant: for every cell and player, the payoff equals the base payoff plus the
amounts the records list there, and :func:`base_game` returns the game before the
policy, transformed the same way. The "same way" is checked by transforming the base
game alongside (it has no records), not by trusting ``base_game``.
"""

from __future__ import annotations

from collections.abc import Callable
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame.game import GameError, Modification
from coopgame.policy import (
    CostShare,
    Penalty,
    Policy,
    Subsidy,
    TaxIncentive,
    Transfer,
    base_game,
    modifications_of,
    substitute,
)

# --------------------------------------------------------------------------- the examples


def coordination() -> Game:
    """Payoffs 1 on the diagonal, 0 off it, for both S and E."""
    return Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=["S", "E"])


def test_base_game_after_subs_is_the_substituted_base() -> None:
    """Subsidy s to E everywhere, then s = 4: E's payoff at (0, 0) is 1 + 4 = 5 and the record
    says +4, so the base is 5 - 4 = 1 (it used to read 5 - s: the record kept the symbol)."""
    game = Policy([Subsidy("E", "s")]).apply(coordination()).subs({"s": 4})
    assert game.payoff_of((0, 0)) == (1, 5)
    assert [m.amount for m in modifications_of(game, "E", (0, 0))] == [4]
    base = base_game(game)
    assert base == coordination()
    assert base.kind == "exact" and base.payoff_of((0, 0)) == (1, 1)


def test_base_game_after_rename_has_the_new_names() -> None:
    """Renaming used to leave records that named the old players, and base_game raised GameError."""
    game = Policy([Subsidy("E", "s", when={"E": "1"})]).apply(coordination())
    renamed = game.rename(players=["School", "Enterprise"], strategies=[["C", "N"], ["C", "N"]])
    base = base_game(renamed)
    assert base.players == ("School", "Enterprise")
    assert base.strategies == (("C", "N"), ("C", "N"))
    assert base == coordination().rename(
        players=["School", "Enterprise"], strategies=[["C", "N"], ["C", "N"]]
    )
    assert [m.amount for m in modifications_of(renamed, "Enterprise", ("C", "C"))] == [
        sympy.Symbol("s")
    ]
    assert modifications_of(renamed, "Enterprise", ("C", "N")) == ()


def test_reorder_and_restrict_move_the_records_with_their_cells() -> None:
    """Subsidy 2 to E in column 0 of a 2x3 game: after swapping E's strategies 0 and 2 the records
    sit in column 2; after keeping only E's old column 1 the records are gone (their cells were
    removed)."""
    g = Game.bimatrix([[0, 0, 0], [0, 0, 0]], [[0, 1, 2], [3, 4, 5]], players=["S", "E"],
                      strategies=[["U", "D"], ["L", "M", "R"]])
    h = Policy([Subsidy("E", 2, when={"E": "L"})]).apply(g)
    swapped = h.reorder("E", [2, 1, 0])
    assert {m.profile for m in swapped.modifications} == {(0, 2), (1, 2)}
    assert swapped.payoff_array("E").tolist() == [[2, 1, 2], [5, 4, 5]]
    assert base_game(swapped) == g.reorder("E", [2, 1, 0])
    assert h.restrict("E", ["M"]).modifications == ()
    assert base_game(h.restrict("E", ["M", "L"])) == g.restrict("E", ["M", "L"])


def test_records_with_symbols_that_cancel_in_the_payoffs() -> None:
    """Base payoff -a, subsidy a: the payoff is 0 (numeric) but the record still holds a, so
    subs accepts a, and as_float refuses until a has a value."""
    g = Game.bimatrix([["-a"]], [[0]], players=["S", "E"])
    h = Policy([Subsidy("S", "a")]).apply(g)
    assert h.kind == "exact" and h.parameters == frozenset()
    with pytest.raises(GameError, match="policy records have free parameters"):
        h.as_float()
    assert base_game(h.subs({"a": 3})) == g.subs({"a": 3})


def test_bad_records_are_rejected() -> None:
    g = coordination()
    with pytest.raises(GameError, match="player must be an index"):
        Game(g.payoffs, modifications=[Modification(2, (0, 0), 1, "subsidy", "subsidy")])
    with pytest.raises(GameError, match="profile must be a tuple of 2"):
        Game(g.payoffs, modifications=[Modification(0, (0,), 1, "subsidy", "subsidy")])
    with pytest.raises(GameError, match="each profile entry"):
        Game(g.payoffs, modifications=[Modification(0, (0, 2), 1, "subsidy", "subsidy")])
    with pytest.raises(GameError, match="expected Modification records"):
        Game(g.payoffs, modifications=["subsidy"])  # type: ignore[list-item]
    with pytest.raises(GameError, match="invalid amount"):
        Game(g.payoffs, modifications=[Modification(0, (0, 0), "1 +", "subsidy", "subsidy")])


# --------------------------------------------------------------------------- the property

SYMBOLS = ["a", "b", "s"]
small = st.integers(-3, 3)
payoff_values = st.one_of(small, small, st.sampled_from(["a", "b", "a + 1", "2*b - a"]))
amount_values = st.one_of(small, st.fractions(min_value=-3, max_value=3, max_denominator=3),
                          st.sampled_from(["s", "a", "2*s", "s - b"]))
reach_values = st.sampled_from([1, 1, 0, Fraction(1, 2), "r"])


@st.composite
def games(draw: st.DrawFn) -> Game:
    n_players = draw(st.sampled_from([2, 3]))
    max_strategies = 3 if n_players == 2 else 2
    shape = tuple(draw(st.integers(1, max_strategies)) for _ in range(n_players))
    size = int(np.prod(shape)) * n_players
    payoffs = np.array(draw(st.lists(payoff_values, min_size=size, max_size=size)), dtype=object)
    # a third player named Government is the state: it pays subsidies and receives fines
    players = ["School", "Enterprise", "Government"][:n_players]
    strategies = [[f"{p[0]}{k}" for k in range(n)] for p, n in zip(players, shape)]
    return Game(payoffs.reshape(*shape, n_players), players, strategies)


def draw_condition(draw: st.DrawFn, game: Game) -> Any:
    form = draw(st.sampled_from(["all", "one", "several", "predicate"]))
    i = draw(st.integers(0, game.n_players - 1))
    names = game.strategies[i]
    player = game.players[i]
    if form == "all":
        return None
    if form == "one":
        return {player: draw(st.sampled_from(names))}
    if form == "several":
        return {
            player: draw(
                st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True)
            )
        }
    chosen = draw(st.sampled_from(names))
    return lambda profile: profile[player] != chosen


def draw_instrument(draw: st.DrawFn, game: Game) -> Any:
    who = st.sampled_from(game.players)
    payer = st.sampled_from([*game.players, "Government"])  # the state may be outside the game
    when = draw_condition(draw, game)
    reach = draw(reach_values)
    kind = draw(st.sampled_from([Subsidy, TaxIncentive, Penalty, Transfer, CostShare]))
    if kind is Subsidy:
        return Subsidy(draw(who), draw(amount_values), when=when, reach=reach)
    if kind is TaxIncentive:
        return TaxIncentive(
            draw(who), rate=draw(amount_values), base=draw(amount_values), when=when, reach=reach
        )
    if kind is Penalty:
        return Penalty(
            draw(who),
            draw(amount_values),
            when=when,
            paid_to=draw(st.one_of(st.none(), who)),
            reach=reach,
        )
    if kind is Transfer:
        return Transfer(draw(payer), draw(who), draw(amount_values), when=when, reach=reach)
    return CostShare(
        draw(payer),
        draw(who),
        share=draw(amount_values),
        cost=draw(amount_values),
        when=when,
        reach=reach,
    )


def free_names(game: Game) -> list[str]:
    """Parameters of the payoffs and of the records (a symbol may cancel in a payoff)."""
    names = {str(s) for s in game.parameters}
    names |= {str(s) for m in game.modifications for s in getattr(m.amount, "free_symbols", ())}
    return sorted(names)


Step = tuple[str, Callable[[Game], Game], Callable[[Game], Game]]


def draw_step(draw: st.DrawFn, game: Game) -> Step:
    """A transformation as (name, what it does to the policy game, what it does to the base game).
    """
    options = ["subs", "rename", "reorder", "restrict", "as_symbolic", "map_values", "policy"]
    names = free_names(game)
    if not names:
        options += ["as_exact", "as_float"]
    choice = draw(st.sampled_from(options))
    if choice == "subs" and names:
        chosen = draw(st.lists(st.sampled_from(names), min_size=1, unique=True))
        values = {n: draw(st.one_of(small, st.fractions(-2, 2, max_denominator=3))) for n in chosen}

        def base_subs(g: Game) -> Game:
            return g.subs({n: v for n, v in values.items() if n in {str(s) for s in g.parameters}})

        return f"subs({values})", lambda g: g.subs(values), base_subs
    if choice == "rename":
        players = [f"P{k}{p}" for k, p in enumerate(game.players)]
        strategies = [[f"{s}'" for s in names_] for names_ in game.strategies]
        return (
            "rename",
            lambda g: g.rename(players, strategies),
            lambda g: g.rename(players, strategies),
        )
    if choice in ("reorder", "restrict"):
        i = draw(st.integers(0, game.n_players - 1))
        n = game.shape[i]
        if choice == "reorder":
            order = draw(st.permutations(range(n)))
            return (
                f"reorder({i}, {order})",
                lambda g: g.reorder(i, order),
                lambda g: g.reorder(i, order),
            )
        keep = draw(
            st.lists(st.sampled_from(game.strategies[i]), min_size=1, max_size=n, unique=True)
        )
        return (
            f"restrict({i}, {keep})",
            lambda g: g.restrict(i, keep),
            lambda g: g.restrict(i, keep),
        )
    if choice == "as_exact":
        return "as_exact", Game.as_exact, Game.as_exact
    if choice == "as_float":
        return "as_float", Game.as_float, Game.as_float
    if choice == "map_values":
        return (
            "map_values(x -> -2x)",
            lambda g: g.map_values(lambda v: -2 * v),
            lambda g: g.map_values(lambda v: -2 * v),
        )
    if choice == "policy":
        policy = Policy([draw_instrument(draw, game) for _ in range(draw(st.integers(1, 2)))])
        return f"apply {policy}", policy.apply, lambda g: g
    return "as_symbolic", Game.as_symbolic, Game.as_symbolic


def magnitude(value: Any) -> float:
    """The largest absolute coefficient of a number or a (polynomial) expression."""
    coefficients = sympy.expand(sympy.sympify(value)).as_coefficients_dict().values()
    return max((abs(float(c)) for c in coefficients), default=0.0)


def same_value(a: Any, b: Any, inexact: bool, scale: float) -> bool:
    if inexact:
        return magnitude(sympy.sympify(a) - sympy.sympify(b)) <= 1e-9 * scale
    if isinstance(a, (sympy.Basic, str)) or isinstance(b, (sympy.Basic, str)):
        return bool(sympy.expand(sympy.sympify(a) - sympy.sympify(b)) == 0)
    return bool(a == b)


def check_records_true(game: Game, base: Game, history: list[str]) -> None:
    """game.payoffs == base.payoffs + listed amounts, cell by cell; base_game(game) == base.

    Once the chain went through floats, (x + a) - a need not be x exactly (even after
    as_exact, which reads the floats as decimals): compare within a relative tolerance."""
    assert (game.players, game.strategies) == (base.players, base.strategies), history
    inexact = game.kind == "float" or "as_float" in history
    scale = 1.0
    if inexact:
        scale = max(
            1.0,
            *map(magnitude, game.payoffs.ravel()),
            *(magnitude(m.amount) for m in game.modifications),
        )
    listed = np.zeros(game.payoffs.shape, dtype=object)
    for m in game.modifications:
        assert 0 <= m.player < game.n_players and len(m.profile) == game.n_players, history
        assert m.payer is None or 0 <= m.payer < game.n_players, history
        listed[(*m.profile, m.player)] += m.amount
    for index in np.ndindex(*game.payoffs.shape):
        assert same_value(
            game.payoffs[index], base.payoffs[index] + listed[index], inexact, scale
        ), (history, index, game.payoffs[index], base.payoffs[index], listed[index])
    undone = base_game(game)
    assert undone.modifications == (), history
    assert (undone.players, undone.strategies) == (base.players, base.strategies), history
    # a float game under a symbolic policy: sympy drops float zeros (0.0 + s - s == 0), so an
    # all-zero float base may come back exact; the values still agree
    assert undone.kind == base.kind or (
        inexact and {undone.kind, base.kind} == {"float", "exact"}
    ), history
    for index in np.ndindex(*base.payoffs.shape):
        assert same_value(undone.payoffs[index], base.payoffs[index], inexact, scale), (
            history,
            index,
        )


@settings(max_examples=50, deadline=None)
@given(data=st.data())
def test_records_stay_true_through_every_transformation(data: st.DataObject) -> None:
    """Random 2- and 3-player games (small integer and symbolic payoffs) under random instruments of
    every class; then a random chain of Game transformations. After the policy and after every step
    the records explain every payoff, and base_game gives the base game transformed the same way."""
    base = data.draw(games(), label="base")
    policy = Policy([draw_instrument(data.draw, base) for _ in range(data.draw(st.integers(1, 3)))])
    game = policy.apply(base)
    history = [f"apply {policy}"]
    check_records_true(game, base, history)
    for _ in range(data.draw(st.integers(1, 4), label="steps")):
        name, on_game, on_base = draw_step(data.draw, game)
        history.append(name)
        game, base = on_game(game), on_base(base)
        check_records_true(game, base, history)


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_substitute_drops_zero_records_and_keeps_the_rest_true(data: st.DataObject) -> None:
    """policy.substitute (lenient names, no records of 0) keeps the records true as well."""
    base = data.draw(games(), label="base")
    policy = Policy([draw_instrument(data.draw, base) for _ in range(data.draw(st.integers(1, 3)))])
    game = policy.apply(base)
    values = {
        n: data.draw(st.sampled_from([0, 1, Fraction(1, 2)])) for n in [*SYMBOLS, "r", "unused"]
    }
    substituted = substitute(game, values)
    check_records_true(
        substituted,
        base.subs({n: v for n, v in values.items() if n in {str(s) for s in base.parameters}}),
        ["substitute"],
    )
    assert all(m.amount != 0 for m in substituted.modifications)


@pytest.mark.parametrize(
    ("strategies", "message"),
    [([], "needs at least one strategy"), (["L", "L"], "repeat"), (["X"], "unknown strategy 'X'"),
     ("L", "not the string"), ([3], "out of range")],
)
def test_restrict_names_the_problem(strategies: Any, message: str) -> None:
    g = Game.bimatrix([[1, 2, 3]], [[0, 0, 0]], strategies=[["U"], ["L", "M", "R"]])
    with pytest.raises(GameError, match=message):
        g.restrict(1, strategies)
