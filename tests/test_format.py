"""The one formatting module (issue 12 item 5): numbers, JSON numbers, tables and LaTeX escaping.

Expected LaTeX strings are written out by hand from the LaTeX manual's list of the ten
special characters (Lamport, *LaTeX*, 2nd ed., sec. 2.2.1 and C.3.4): ``# $ % & _ { }``
print when preceded by a backslash; ``\\ ~ ^`` need ``\\textbackslash{}``,
``\\textasciitilde{}`` and ``\\textasciicircum{}`` (``\\\\`` is a line break, ``\\~{}`` and
``\\^{}`` are accents).
"""

from __future__ import annotations

import json
import math
import re
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game
from coopgame._format import Latex, display_number, json_number, latex_escape, render_table
from coopgame.equilibria import equilibrium_conditions

SPECIALS = "\\~^_&%$#{}"
COMMANDS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
            "_": r"\_", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "{": r"\{", "}": r"\}"}


def _unescape(latex: str) -> str:
    """Read escaped text back: each command of ``COMMANDS`` to its character (a compile-free round
    trip).
    """
    pattern = "|".join(re.escape(c) for c in sorted(COMMANDS.values(), key=len, reverse=True))
    back = {v: k for k, v in COMMANDS.items()}
    return re.sub(pattern, lambda m: back[m.group(0)], latex)


def _no_line_break(latex: str) -> bool:
    """No ``\\\\`` (a LaTeX line break) inside the text."""
    return "\\\\" not in latex


# --------------------------------------------------------------------------- latex_escape
def test_latex_escape_every_special_character() -> None:
    text = "a\\b ~ ^ _ & % $ # { }"
    escaped = latex_escape(text)
    assert escaped == (
        r"a\textbackslash{}b \textasciitilde{} \textasciicircum{} \_ \& \% \$ \# \{ \}"
    )
    assert _no_line_break(escaped)
    assert _unescape(escaped) == text


def test_latex_escape_all_ten_in_a_row() -> None:
    escaped = latex_escape(SPECIALS)
    assert escaped == "".join(COMMANDS[c] for c in SPECIALS)
    assert escaped == (r"\textbackslash{}\textasciitilde{}\textasciicircum{}\_\&\%\$\#\{\}")
    assert _no_line_break(escaped) and _unescape(escaped) == SPECIALS


@pytest.mark.parametrize("char", list(SPECIALS))
def test_latex_escape_each_special_alone(char: str) -> None:
    assert latex_escape(char) == COMMANDS[char]
    assert latex_escape(f"x{char}{char}y") == f"x{COMMANDS[char]}{COMMANDS[char]}y"


def test_latex_escape_keeps_plain_text_and_latex_strings() -> None:
    assert latex_escape("Cooperate (School, Firm) 1/2 < 3") == "Cooperate (School, Firm) 1/2 < 3"
    formula = Latex(r"$\frac{1}{2}$")
    assert latex_escape(formula) is formula


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(SPECIALS + "ab \\{}")), max_size=30))
def test_latex_escape_round_trips_and_never_breaks_a_line(text: str) -> None:
    escaped = latex_escape(text)
    assert _unescape(escaped) == text
    assert _no_line_break(escaped)
    # every special character left in the output belongs to a command
    stripped = re.sub(
        r"\\(textbackslash|textasciitilde|textasciicircum)\{\}|\\[_&%$#{}]", "", escaped
    )
    assert not set(stripped) & set(SPECIALS)


# --------------------------------------------------------------------------- display_number
def test_display_number_exact_stays_exact_and_floats_have_a_precision() -> None:
    assert display_number(Fraction(1, 2)) == "1/2"
    assert display_number(Fraction(4, 1)) == "4"
    assert display_number(7) == "7" and display_number(np.int64(-3)) == "-3"
    assert display_number(1 / 3) == "0.333333"
    assert display_number(np.float64(1 / 3), 3) == "0.333"
    assert display_number(2.0) == "2"
    assert display_number(1e-12) == "1e-12"
    assert (display_number(math.nan), display_number(math.inf), display_number(-math.inf)) == (
        "nan",
        "inf",
        "-inf",
    )


def test_display_number_latex() -> None:
    assert display_number(Fraction(-2, 3), latex=True) == r"-\frac{2}{3}"
    assert display_number(Fraction(5), latex=True) == "5"
    assert display_number(1.5e-7, latex=True) == r"1.5 \cdot 10^{-7}"
    assert display_number(math.inf, latex=True) == r"\infty"
    s = sympy.Symbol("S_e")
    assert display_number(s + 3) == "S_e + 3"
    assert display_number(s + 3, latex=True) == "S_{e} + 3"
    assert display_number(sympy.Rational(1, 2), latex=True) == r"\frac{1}{2}"


def test_display_number_complex_eigenvalues() -> None:
    assert display_number(0.5000000000000001j) == "0.5i"
    assert display_number(-2j) == "-2i"
    assert display_number(1 - 2j) == "1 - 2i"
    assert display_number(np.complex128(1 + 0.5j), latex=True) == "1 + 0.5 i"


# --------------------------------------------------------------------------- json_number
def test_json_number_floats_stay_floats_exact_becomes_strings() -> None:
    assert json_number(0.25) == 0.25 and isinstance(json_number(np.float64(0.25)), float)
    assert json_number(Fraction(1, 3)) == "1/3"
    assert json_number(3) == "3" and json_number(np.int64(3)) == "3"
    assert json_number(sympy.sqrt(2) / 2) == "sqrt(2)/2"
    assert json_number(True) is True


def test_json_number_non_finite_floats_are_null() -> None:
    values = [math.nan, math.inf, -math.inf, np.float64("nan")]
    assert [json_number(v) for v in values] == [None] * 4
    assert [json_number(v, exact=True) for v in values] == [None] * 4
    # so json.dumps never writes NaN / Infinity, which strict JSON parsers reject
    assert json.loads(json.dumps([json_number(v) for v in values], allow_nan=False)) == [None] * 4


def test_json_number_exact_flag() -> None:
    assert json_number(0.1, exact=True) == "1/10"
    assert json_number(Fraction(1, 4), exact=False) == 0.25
    assert json_number(sympy.sqrt(2), exact=False) == pytest.approx(math.sqrt(2))


# --------------------------------------------------------------------------- render_table
def test_render_table_latex_uses_booktabs_and_escapes_text_cells() -> None:
    table = render_table(
        ["name", "u_1"], [["R&D ~50%", Latex(r"$\frac{1}{2}$")]], "latex", align="lc"
    )
    assert table.splitlines() == [
        r"\begin{tabular}{lc}", r"\toprule", r"name & u\_1 \\", r"\midrule",
        r"R\&D \textasciitilde{}50\% & $\frac{1}{2}$ \\", r"\bottomrule", r"\end{tabular}"]


def test_render_table_markdown_escapes_the_cell_separator() -> None:
    assert render_table(["a|b"], [["x|y"]], "markdown").splitlines() == [
        "| a\\|b |",
        "|---|",
        "| x\\|y |",
    ]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.lists(st.text(alphabet="ab |_", max_size=5), min_size=2, max_size=2), max_size=5)
)
def test_render_table_text_columns_line_up(rows: list[list[str]]) -> None:
    lines = render_table(["first", "x"], rows).split("\n")
    assert len(lines) == 2 + len(rows)
    column = max(len("first"), *(len(r[0]) for r in rows)) if rows else len("first")
    for line, row in zip(lines[2:], rows, strict=True):
        assert line == (row[0].ljust(column) + "  " + row[1]).rstrip()


def test_render_table_bad_input() -> None:
    with pytest.raises(ValueError, match="unknown table format"):
        render_table(["a"], [["1"]], "html")
    with pytest.raises(ValueError, match="one per column"):
        render_table(["a", "b"], [["1"]])
    with pytest.raises(ValueError, match="one letter per column"):
        render_table(["a", "b"], [["1", "2"]], "latex", align="l")


# --------------------------------------------------------------------------- the callers
def test_payoff_table_latex_escapes_every_name() -> None:
    """Names with all ten specials: each line's only ``\\\\`` is the row end."""
    g = Game.bimatrix([[1, 0], [0, "1/2"]], [[1, 0], [0, 2]], players=["S\\c~h^", "F_&%"],
                      strategies=[["C$#", "D{}"], ["C", "D"]])
    latex = g.table("latex")
    for line in latex.splitlines():
        assert _no_line_break(line.removesuffix(" \\\\"))
    assert r"S\textbackslash{}c\textasciitilde{}h\textasciicircum{} $\backslash$ F\_\&\%" in latex
    assert (
        r"C\$\# & $1, 1$ & $0, 0$ \\" in latex and r"D\{\} & $0, 0$ & $\frac{1}{2}, 2$ \\" in latex
    )


def test_n_player_payoff_table_latex_escapes_the_payoff_headers() -> None:
    payoffs = np.zeros((2, 2, 2, 3), dtype=object)
    g = Game(payoffs, players=["p_1", "p_2", "p_3"])
    header = g.table("latex").splitlines()[2]
    assert header == r"p\_1 & p\_2 & p\_3 & u(p\_1) & u(p\_2) & u(p\_3) \\"


def test_equilibrium_conditions_latex_escapes_strategy_names() -> None:
    g = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]],
                      strategies=[["C_1", "D\\"], ["C", "D"]])
    latex = equilibrium_conditions(g).to_latex()
    assert r"(C\_1, C) & $R \geq T$ & $R > T$ \\" in latex
    assert r"(D\textbackslash{}, D)" in latex


def test_report_latex_escapes_the_title() -> None:
    from coopgame.report import build_report, preset_cases, render

    report = build_report(preset_cases(["baseline"]), title="R&D ~ 50%^2 \\ x")
    latex = render(report, "latex")
    assert r"\section*{R\&D \textasciitilde{} 50\%\textasciicircum{}2 \textbackslash{} x}" in latex
    assert r"\toprule" in latex and r"\hline" not in latex
