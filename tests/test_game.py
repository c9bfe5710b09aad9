"""The Game representation: construction, validation, kinds, substitution, tables."""

from __future__ import annotations

from fractions import Fraction

import nashpy
import numpy as np
import pytest
import sympy

from coopgame import Game, GameError


def test_bimatrix_keeps_names_and_exact_payoffs() -> None:
    g = Game.bimatrix([[3, "1/2"], [5, 1]], [[3, 5], [0, "2/3"]], players=["School", "Enterprise"],
                      strategies=[["C", "N"], ["C", "N"]])
    assert g.kind == "exact"
    assert g.payoff_of({"School": "C", "Enterprise": "N"}) == (Fraction(1, 2), Fraction(5))
    assert g.payoff_of(("N", "N")) == (Fraction(1), Fraction(2, 3))
    assert g.shape == (2, 2) and g.n_players == 2


def test_float_entries_make_a_float_game() -> None:
    g = Game.bimatrix([[0.5, 1], [0, 1]], [[1, 0], [0, 1]])
    assert g.kind == "float"
    assert g.payoffs.dtype == float


def test_decimal_strings_are_exact() -> None:
    """Gambit's convention: the decimal "0.1" is the rational 1/10, not a binary float."""
    g = Game.zero_sum([["0.1", 0], [0, 1]])
    assert g.payoff_of((0, 0)) == (Fraction(1, 10), Fraction(-1, 10))


def test_zero_sum_negates() -> None:
    g = Game.zero_sum([[1, -2], [3, 0]])
    A, B = g.bimatrix_arrays()
    assert all(a == -b for a, b in zip(A.ravel(), B.ravel()))


def test_three_player_shape() -> None:
    payoffs = np.arange(2 * 3 * 2 * 3).reshape(2, 3, 2, 3)
    g = Game(payoffs, players=["S", "E", "G"])
    assert g.shape == (2, 3, 2)
    assert g.payoff_of((1, 2, 0)) == tuple(Fraction(int(v)) for v in payoffs[1, 2, 0])


@pytest.mark.parametrize(
    ("payoffs", "message"),
    [
        (np.zeros((2, 2, 3)), "do not fit"),
        (np.zeros(3), "shape"),
        ([[[1, 2], [3, np.nan]], [[0, 0], [0, 0]]], "finite"),
        ([[[1, 2], [3, np.inf]], [[0, 0], [0, 0]]], "finite"),
        ([[[1, 2], [3]], [[0, 0], [0, 0]]], "rectangular"),
        (np.zeros((0, 2, 2)), "at least one strategy"),
    ],
)
def test_bad_payoffs_are_rejected_clearly(payoffs: object, message: str) -> None:
    with pytest.raises(GameError, match=message):
        Game(payoffs)  # type: ignore[arg-type]


def test_bad_names_are_rejected() -> None:
    with pytest.raises(GameError, match="expected 2 names"):
        Game.bimatrix([[1]], [[1]], players=["only one"])
    with pytest.raises(GameError, match="distinct"):
        Game.bimatrix([[1, 2]], [[1, 2]], strategies=[["a"], ["x", "x"]])
    g = Game.bimatrix([[1, 2]], [[1, 2]], players=["S", "E"], strategies=[["a"], ["x", "y"]])
    with pytest.raises(GameError, match="unknown player 'Q'"):
        g.player_index("Q")
    with pytest.raises(GameError, match="unknown strategy 'z'"):
        g.payoff_of(("a", "z"))


def test_game_is_immutable() -> None:
    g = Game.bimatrix([[1, 2]], [[1, 2]])
    with pytest.raises(AttributeError):
        g.players = ("a", "b")  # type: ignore[misc]
    with pytest.raises(ValueError):
        g.payoffs[0, 0, 0] = 5


def test_symbolic_parameters_and_subs() -> None:
    """Cooperation game: School (C,C) = a*R - C_s; with a=1/2, R=10, C_s=2 it is 3 exactly."""
    g = Game.bimatrix([["a*R - C_s", "-C_s"], ["B_s", 0]], [["(1-a)*R - C_e", "B_e"], ["-C_e", 0]])
    assert {str(s) for s in g.parameters} == {"a", "R", "C_s", "C_e", "B_s", "B_e"}
    half = g.subs({"a": "1/2", "R": 10, "C_s": 2})
    assert half.kind == "symbolic"
    assert half.payoff_of((0, 0))[0] == 3
    numeric = half.subs({"C_e": 1, "B_s": 1, "B_e": 1})
    assert numeric.kind == "exact"
    assert numeric.payoff_of((0, 0)) == (Fraction(3), Fraction(4))
    with pytest.raises(GameError, match="unknown parameter 'zeta'"):
        g.subs({"zeta": 1})


def test_subs_with_sympy_symbols() -> None:
    s = sympy.Symbol("s")
    g = Game.bimatrix([[s, 0], [0, 1]], [[1, 0], [0, s]])
    assert g.subs({s: sympy.Rational(1, 3)}).payoff_of((0, 0))[0] == Fraction(1, 3)


def test_reorder_permutes_payoffs() -> None:
    g = Game.bimatrix(
        [[1, 2, 3], [4, 5, 6]], [[0, 0, 0], [0, 0, 1]], strategies=[["U", "D"], ["L", "M", "R"]]
    )
    h = g.reorder(1, [2, 0, 1])
    assert h.strategies[1] == ("R", "L", "M")
    assert h.payoff_of(("D", "R")) == g.payoff_of(("D", "R")) == (Fraction(6), Fraction(1))
    with pytest.raises(GameError, match="permutation"):
        g.reorder(1, [0, 0, 1])


def test_nashpy_round_trip() -> None:
    g = Game.bimatrix([[1, 0], [0, 2]], [[2, 0], [0, 1]])
    ng = g.to_nashpy()
    assert isinstance(ng, nashpy.Game)
    back = Game.from_nashpy(ng)
    assert back.as_exact() == g.as_exact()


def test_tables() -> None:
    s = sympy.Symbol("S_e")
    g = Game.bimatrix([[3, 0], [5, 1]], [[s + 3, 5], [0, 1]], strategies=[["C", "N"], ["C", "N"]])
    latex = g.table("latex")
    assert r"S_{e} + 3" in latex and r"\begin{tabular}" in latex
    frame = g.table("dataframe")
    assert frame.loc[("N", "C"), "Player 1"] == 5
    text = g.table("text")
    assert "S_e + 3" in text
    with pytest.raises(ValueError, match="unknown table format"):
        g.table("html")


def test_exact_fraction_latex() -> None:
    g = Game.zero_sum([["-2/3", 1]])
    assert r"-\frac{2}{3}" in g.table("latex")


def test_symbolic_game_cannot_become_float() -> None:
    g = Game.zero_sum([["a", 0], [0, 1]])
    with pytest.raises(GameError, match="free parameters"):
        g.as_float()


def test_single_letter_names_are_parameters() -> None:
    """sympy would read "S", "E", "I", "N" as its own objects; in a game they are parameters."""
    g = Game.bimatrix([["S", "E"], ["I", "N"]], [[0, 0], [0, 0]])
    assert {str(p) for p in g.parameters} == {"S", "E", "I", "N"}
    assert g.subs({"S": 1, "E": 2, "I": 3, "N": 4}).payoff_of((1, 1))[0] == 4


def test_unparsable_expression() -> None:
    with pytest.raises(GameError, match="cannot parse"):
        Game.zero_sum([["a +* b"]])
