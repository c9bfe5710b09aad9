"""Policy instruments as payoff modifiers: hand-worked cases, validation, record properties."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame.policy import (
    CostShare,
    Modification,
    Penalty,
    Policy,
    PolicyError,
    Subsidy,
    TaxIncentive,
    Transfer,
    base_game,
    describe_modifications,
    modifications_of,
    substitute,
)

C, N = "Cooperate", "Shirk"
PLAYERS = ["School", "Enterprise"]


def zero_game(players: list[str] = PLAYERS) -> Game:
    shape = (2,) * len(players)
    return Game(np.zeros((*shape, len(players)), dtype=int), players, [[C, N]] * len(players))


def pd_game() -> Game:
    """School x Enterprise prisoner's dilemma: (C,C)=(3,3), (C,N)=(0,5), (N,C)=(5,0), (N,N)=(1,1).
    """
    return Game.bimatrix(
        [[3, 0], [5, 1]], [[3, 5], [0, 1]], players=PLAYERS, strategies=[[C, N], [C, N]]
    )


def test_subsidy_adds_to_exactly_the_cooperating_cells() -> None:
    """A subsidy of 3 to the Enterprise when it cooperates: Enterprise's column "Cooperate"
    goes from (3, 0) to (6, 3); every other entry is unchanged."""
    game = Policy([Subsidy("Enterprise", 3, when={"Enterprise": C})]).apply(pd_game())
    assert game.payoff_array("Enterprise").tolist() == [[6, 5], [3, 1]]
    assert game.payoff_array("School").tolist() == [[3, 0], [5, 1]]
    assert game.kind == "exact"
    records = modifications_of(game)
    assert {(m.player, m.profile, m.amount, m.payer) for m in records} == {
        (1, (0, 0), 3, None),
        (1, (1, 0), 3, None),
    }
    assert all(m.kind == "subsidy" for m in records)


def test_penalty_paid_to_moves_money_between_players() -> None:
    """Liquidated damages F=2 from a School that shirks while the Enterprise cooperates:
    (N,C) goes from (5, 0) to (3, 2); the total payoff of the cell is unchanged."""
    game = Policy(
        [Penalty("School", 2, when={"School": N, "Enterprise": C}, paid_to="Enterprise")]
    ).apply(pd_game())
    assert game.payoff_of((N, C)) == (3, 2)
    assert game.payoff_of((C, C)) == (3, 3)
    assert sum(game.payoff_of((N, C))) == sum(pd_game().payoff_of((N, C)))


def test_penalty_without_receiver_leaves_the_game() -> None:
    """Without a Government player, a fine of 1 on shirking simply lowers the shirker's payoff."""
    game = Policy([Penalty("Enterprise", 1, when={"Enterprise": N})]).apply(pd_game())
    assert game.payoff_array("Enterprise").tolist() == [[3, 4], [0, 0]]


def test_reach_one_half_halves_the_amount() -> None:
    """Reach 1/2: only half of a subsidy of 3 arrives, so (C,C) becomes (3, 3 + 3/2)."""
    game = Policy([Subsidy("Enterprise", 3, when={"Enterprise": C}, reach="1/2")]).apply(pd_game())
    assert game.payoff_of((C, C)) == (3, Fraction(9, 2))
    assert modifications_of(game, "Enterprise", (C, C))[0].amount == Fraction(3, 2)


def test_tax_incentive_is_rate_times_base() -> None:
    """A super-deduction at rate 1/4 of a cost of 8 is worth 2."""
    game = Policy([TaxIncentive("Enterprise", rate="1/4", base=8, when={"Enterprise": C})]).apply(
        pd_game()
    )
    assert game.payoff_of((C, C)) == (3, 5)


def test_transfer_and_cost_share() -> None:
    """Enterprise pays the School 1 in every profile; then it covers 1/2 of the School's cost 4
    when the School cooperates: School (C,C) = 3 + 1 + 2 = 6, Enterprise (C,C) = 3 - 1 - 2 = 0."""
    game = Policy(
        [
            Transfer("Enterprise", "School", 1),
            CostShare("Enterprise", "School", share="1/2", cost=4, when={"School": C}),
        ]
    ).apply(pd_game())
    assert game.payoff_of((C, C)) == (6, 0)
    assert game.payoff_of((N, N)) == (2, 0)


def test_government_pays_outlays_and_receives_fines() -> None:
    """Three players; Government gets nothing in the base game. A subsidy 4 with reach 1/2 to a
    cooperating Enterprise costs the Government 2 there; a tax incentive 1/2 * 6 = 3 costs it 3;
    a fine 5 on a shirking School is the Government's income."""
    players = ["School", "Enterprise", "Government"]
    game = Policy([
        Subsidy("Enterprise", 4, when={"Enterprise": C}, reach="1/2"),
        TaxIncentive("Enterprise", rate="1/2", base=6, when={"Enterprise": C}),
        Penalty("School", 5, when={"School": N}),
    ]).apply(zero_game(players))
    assert game.payoff_of((C, C, C)) == (0, 5, -5)
    assert game.payoff_of((N, C, N)) == (-5, 5, 0)
    assert game.payoff_of((N, N, C)) == (-5, 0, 5)
    kinds = {m.kind for m in modifications_of(game, "Government")}
    assert kinds == {"outlay", "forgone tax", "penalty income"}


def test_symbolic_amounts_and_description() -> None:
    """The report line of the issue: Enterprise, (C,C): + S_e (subsidy) + C_e*tau (tax incentive).
    """
    game = Policy(
        [
            Subsidy("Enterprise", "S_e", when={"Enterprise": C}),
            TaxIncentive("Enterprise", rate="tau", base="C_e", when={"Enterprise": C}),
        ]
    ).apply(pd_game())
    assert (
        describe_modifications(game, "Enterprise", (C, C))
        == "+ S_e (subsidy) + C_e*tau (tax incentive)"
    )
    assert describe_modifications(game, "School", (C, C)) == ""
    assert {str(s) for s in game.parameters} == {"S_e", "tau", "C_e"}
    numeric = substitute(game, {"S_e": 2, "tau": "1/2", "C_e": 4})
    assert numeric.kind == "exact" and numeric.payoff_of((C, C)) == (3, 7)
    assert [m.amount for m in modifications_of(numeric, "Enterprise", (C, C))] == [2, 2]


def test_predicate_condition_and_several_strategies() -> None:
    both = Subsidy("School", 1, when=lambda p: p["School"] == p["Enterprise"])
    any_of = Subsidy("School", 10, when={"Enterprise": [C, N], "School": C})
    game = Policy([both, any_of]).apply(zero_game())
    assert game.payoff_array("School").tolist() == [[11, 10], [0, 1]]


def test_applying_twice_appends_the_records() -> None:
    s = Subsidy("Enterprise", 1, when={"Enterprise": C})
    once = Policy([s]).apply(pd_game())
    assert once == Policy(s).apply(pd_game())  # a single instrument is a policy too
    twice = Policy([s]).apply(once)
    assert len(twice.modifications) == 2 * len(once.modifications)
    assert base_game(twice) == pd_game()


@pytest.mark.parametrize(
    ("instrument", "message"),
    [
        (Subsidy("Enterprize", 1), "unknown player 'Enterprize'"),
        (Penalty("School", 1, paid_to="Goverment"), "paid_to: unknown player 'Goverment'"),
        (Subsidy("School", 1, when={"School": "Cooperat"}), "unknown strategy 'Cooperat'"),
        (Subsidy("School", 1, when={"Schol": C}), "when: unknown player 'Schol'"),
        (Subsidy("School", 1, reach=-1), "reach must lie in [0, 1]"),
        (Subsidy("School", 1, reach="3/2"), "reach must lie in [0, 1]"),
        (Subsidy("School", "1 +"), "cannot parse"),
        (Transfer("School", "Nobody", 1), "to: unknown player 'Nobody'"),
    ],
)
def test_bad_instruments_name_the_problem(instrument: object, message: str) -> None:
    with pytest.raises(PolicyError, match=message.replace("[", r"\[").replace("]", r"\]")) as info:
        Policy([instrument]).apply(pd_game())
    assert type(instrument).__name__ in str(info.value)
    assert isinstance(info.value, ValueError)


def test_not_an_instrument() -> None:
    with pytest.raises(PolicyError, match="instrument 0"):
        Policy(["subsidy"])  # type: ignore[list-item]


# --------------------------------------------------------------------------- properties
small = st.integers(-4, 4)
amounts = st.one_of(small, st.fractions(min_value=-5, max_value=5, max_denominator=4))
reaches = st.sampled_from([0, Fraction(1, 3), Fraction(1, 2), 1])
conditions = st.sampled_from(
    [
        None,
        {"School": C},
        {"Enterprise": N},
        {"School": [C, N], "Enterprise": C},
        {"School": N, "Enterprise": N},
    ]
)
players3 = ["School", "Enterprise", "Government"]
who = st.sampled_from(players3)


@st.composite
def instruments(draw: st.DrawFn) -> object:
    kind = draw(st.sampled_from(["subsidy", "tax", "penalty", "transfer", "cost"]))
    when, reach = draw(conditions), draw(reaches)
    if kind == "subsidy":
        return Subsidy(draw(who), draw(amounts), when=when, reach=reach)
    if kind == "tax":
        return TaxIncentive(
            draw(who), rate=draw(amounts), base=draw(amounts), when=when, reach=reach
        )
    if kind == "penalty":
        return Penalty(
            draw(who),
            draw(amounts),
            when=when,
            paid_to=draw(st.one_of(st.none(), who)),
            reach=reach,
        )
    if kind == "transfer":
        return Transfer(draw(who), draw(who), draw(amounts), when=when, reach=reach)
    return CostShare(
        draw(who), draw(who), share=draw(amounts), cost=draw(amounts), when=when, reach=reach
    )


@settings(max_examples=60, deadline=None)
@given(
    payoffs=st.lists(small, min_size=24, max_size=24),
    policy=st.lists(instruments(), max_size=4),
    n_players=st.sampled_from([2, 3]),
)
def test_payoffs_equal_base_plus_listed_amounts(
    payoffs: list[int], policy: list[object], n_players: int
) -> None:
    """Every cell: modified payoff == base payoff + sum of the recorded amounts of that cell;
    base_game undoes the policy; money only moves between players (plus the state's external flows).
    """
    players = players3[:n_players]
    shape = (2,) * n_players
    size = 2 ** n_players * n_players
    base = Game(
        np.array(payoffs[:size], dtype=object).reshape(*shape, n_players),
        players,
        [[C, N]] * n_players,
    )
    usable = [
        i
        for i in policy
        if all(
            getattr(i, role, None) in (None, *players)
            or (role == "payer" and getattr(i, role) == "Government")
            for role in ("to", "on", "paid_to", "payer")
        )
        and not (isinstance(i.when, dict) and n_players == 2 and "Government" in i.when)
    ]
    game = Policy(usable).apply(base)
    for index in base.pure_profiles():
        names = tuple(base.strategies[k][s] for k, s in enumerate(index))
        for k, player in enumerate(players):
            listed = sum((m.amount for m in modifications_of(game, player, names)), Fraction(0))
            assert game.payoffs[(*index, k)] == base.payoffs[(*index, k)] + listed
    assert base_game(game) == base
    assert all(isinstance(m, Modification) for m in game.modifications)


@settings(max_examples=30, deadline=None)
@given(level=st.fractions(min_value=0, max_value=20, max_denominator=6),
       reach=st.fractions(min_value=0, max_value=1, max_denominator=6))
def test_symbolic_then_substituted_equals_numeric(level: Fraction, reach: Fraction) -> None:
    """Applying a symbolic subsidy and substituting gives the same game as applying the number."""
    symbolic = Policy([Subsidy("Enterprise", "s", when={"Enterprise": C}, reach="r")]).apply(
        pd_game()
    )
    numeric = Policy([Subsidy("Enterprise", level, when={"Enterprise": C}, reach=reach)]).apply(
        pd_game()
    )
    substituted = substitute(symbolic, {"s": level, "r": reach})
    assert substituted == numeric
    assert (
        sympy.simplify(symbolic.payoff_of((C, C))[1] - (3 + sympy.Symbol("r") * sympy.Symbol("s")))
        == 0
    )
