"""Numbers and tables as text, markdown, LaTeX and JSON: the one place that formats them.

Every report, table and JSON record of coopgame goes through these four functions, so a
number reads the same everywhere:

:func:`display_number`
    a number as text or LaTeX: exact stays exact (``"1/2"``, ``\\frac{1}{2}``), floats with
    a stated number of significant digits, sympy expressions as ``str`` or ``sympy.latex``.
:func:`json_number`
    a number ready for ``json.dumps``: floats stay floats, exact numbers and formulas
    become strings (``"1/3"``), and a float that is not finite becomes ``None`` (``null``),
    because JSON has no NaN or infinity (Python would write ``NaN``, which strict parsers reject).
:func:`render_table`
    a table of strings as aligned text, a markdown table or a LaTeX ``tabular`` with booktabs
    rules (``\\toprule``, ``\\midrule``, ``\\bottomrule``; a LaTeX document that includes it
    needs ``\\usepackage{booktabs}``).
:func:`latex_escape`
    plain text safe inside LaTeX: each of ``\\ ~ ^ _ & % $ # { }`` becomes the command that
    prints it. Text that is already LaTeX is marked with :class:`Latex` and left alone.

The module imports nothing heavy at module level (sympy only when a value is a sympy object)
and nothing of coopgame but :mod:`coopgame.numbers`, so every package can use it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame.numbers import is_sympy, to_exact

__all__ = ["Latex", "TABLE_FORMATS", "PRECISION", "display_number", "json_number", "latex_escape",
           "render_table", "type_name"]

#: the formats :func:`render_table` writes
TABLE_FORMATS = ("text", "markdown", "latex")
#: significant digits of a float shown to a reader
PRECISION = 6

# one command per special character; a backslash must not become "\\" (a LaTeX line break)
_LATEX_SPECIAL = {
    "\\": "\\textbackslash{}",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
    "_": "\\_",
    "&": "\\&",
    "%": "\\%",
    "$": "\\$",
    "#": "\\#",
    "{": "\\{",
    "}": "\\}",
}


class Latex(str):
    """A string that is already LaTeX: :func:`latex_escape` and :func:`render_table` keep it as it
    is.

    Examples
    --------
    >>> latex_escape(Latex("$x_1$")), latex_escape("$x_1$")
    ('$x_1$', '\\\\$x\\\\_1\\\\$')
    """

    __slots__ = ()


def latex_escape(text: str) -> str:
    """Plain text made safe for LaTeX: every special character prints as itself.

    Parameters
    ----------
    text
        Any text; a :class:`Latex` string is returned unchanged.

    Returns
    -------
    str
        ``\\`` -> ``\\textbackslash{}``, ``~`` -> ``\\textasciitilde{}``,
        ``^`` -> ``\\textasciicircum{}``, and ``_ & % $ # { }`` preceded by a backslash.
        Each character is replaced once, so the braces a replacement brings are not escaped again.

    Examples
    --------
    >>> print(latex_escape(r"S_e & 50% of $#{x} ~a^2 \\ b"))
    S\\_e \\& 50\\% of \\$\\#\\{x\\} \\textasciitilde{}a\\textasciicircum{}2 \\textbackslash{} b
    """
    if isinstance(text, Latex):
        return text
    return "".join(_LATEX_SPECIAL.get(char, char) for char in text)


def display_number(value: Any, precision: int = PRECISION, *, latex: bool = False) -> str:
    """A number as a reader sees it, in plain text or as LaTeX (math mode).

    Parameters
    ----------
    value
        An int, float, complex, :class:`~fractions.Fraction`, numpy scalar or sympy
        expression. Anything else is shown with ``str``.
    precision
        Significant digits of a float (exact numbers are always shown in full).
    latex
        LaTeX for math mode: fractions as ``\\frac``, sympy through ``sympy.latex``,
        float exponents as ``\\cdot 10^{k}``.

    Returns
    -------
    str
        Exact stays exact (``"1/2"``); floats with ``precision`` significant digits
        (``"0.333333"``); ``"nan"``, ``"inf"``, ``"-inf"`` (``\\infty`` in LaTeX).

    Examples
    --------
    >>> (
    ...     display_number(Fraction(1, 2)),
    ...     display_number(1 / 3),
    ...     display_number(1 / 3, 3),
    ...     display_number(4),
    ... )
    ('1/2', '0.333333', '0.333', '4')
    >>> display_number(Fraction(-2, 3), latex=True), display_number(2.5e-7, latex=True)
    ('-\\\\frac{2}{3}', '2.5 \\\\cdot 10^{-7}')
    >>> import sympy
    >>> display_number(sympy.sqrt(2) / 2), display_number(sympy.sqrt(2) / 2, latex=True)
    ('sqrt(2)/2', '\\\\frac{\\\\sqrt{2}}{2}')
    >>> display_number(0.5j), display_number(1 - 2j, latex=True)
    ('0.5i', '1 - 2 i')
    """
    if is_sympy(value):
        import sympy

        return str(sympy.latex(value)) if latex else str(value)
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, Fraction):
        if not latex or value.denominator == 1:
            return str(value)
        sign = "-" if value < 0 else ""
        return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    if isinstance(value, (float, np.floating)):
        return _float_text(float(value), precision, latex)
    if isinstance(value, (complex, np.complexfloating)):
        return _complex_text(complex(value), precision, latex)
    return str(value)


def _float_text(value: float, precision: int, latex: bool) -> str:
    if math.isnan(value):
        return "\\mathrm{NaN}" if latex else "nan"
    if math.isinf(value):
        return ("-" if value < 0 else "") + ("\\infty" if latex else "inf")
    text = f"{value:.{precision}g}"
    if latex and "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa} \\cdot 10^{{{int(exponent)}}}"
    return text


def _complex_text(value: complex, precision: int, latex: bool) -> str:
    imaginary = _float_text(abs(value.imag), precision, latex)
    unit = " i" if latex else "i"
    if value.real == 0:  # a purely imaginary eigenvalue reads as such
        return f"{'-' if value.imag < 0 else ''}{imaginary}{unit}"
    sign = "-" if value.imag < 0 else "+"
    return f"{_float_text(value.real, precision, latex)} {sign} {imaginary}{unit}"


def json_number(value: Any, exact: bool | None = None) -> Any:
    """A number ready for ``json.dumps``: floats as floats, exact numbers and formulas as strings.

    Parameters
    ----------
    value
        A number (int, float, :class:`~fractions.Fraction`, numpy scalar) or a sympy expression.
    exact
        ``None`` (default): decided by the value (a float stays a float, everything else is
        written exactly). ``True``: written exactly, a float by its shortest decimal
        (``0.1`` -> ``"1/10"``). ``False``: written as a float.

    Returns
    -------
    float or str or bool or None
        A float; a string such as ``"1/3"`` or ``"sqrt(2)/2"``; ``None`` for a float that is
        NaN or infinite (JSON has neither); a boolean stays a boolean.

    Examples
    --------
    >>> json_number(0.25), json_number(Fraction(1, 3)), json_number(3), json_number(float("nan"))
    (0.25, '1/3', '3', None)
    >>> json_number(0.1, exact=True), json_number(Fraction(1, 4), exact=False)
    ('1/10', 0.25)
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if exact is None:
        exact = not isinstance(value, (float, np.floating))
    if not exact:
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, (float, np.floating)):
        return str(to_exact(value)) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return str(int(value))
    return str(value)


def render_table(header: Sequence[str], rows: Sequence[Sequence[str]], format: str = "text", *,
                 align: str | None = None, rule: bool = True) -> str:
    """A table of strings as aligned text, a markdown table or a LaTeX ``tabular`` (booktabs).

    Parameters
    ----------
    header
        The column names.
    rows
        One sequence of cell strings per row, as many as ``header`` has.
    format
        ``"text"``, ``"markdown"`` or ``"latex"``.
    align
        One letter a column: ``"l"`` (left, the default), ``"r"`` (right) or ``"c"`` (centred);
        the LaTeX column specification, and the justification of a text column.
        Markdown tables are not aligned.
    rule
        Text only: a line of dashes under the header.

    Returns
    -------
    str
        The table without a trailing newline. In LaTeX every cell is escaped with
        :func:`latex_escape` except :class:`Latex` strings (formulas already in LaTeX);
        in markdown a ``|`` inside a cell is escaped so it does not end the cell; in
        text no line has trailing spaces.

    Examples
    --------
    >>> header, rows = ["profile", "u(S)"], [["(C, C)", "1/2"], ["(D, D)", "0"]]
    >>> print(render_table(header, rows))
    profile  u(S)
    -------  ----
    (C, C)   1/2
    (D, D)   0
    >>> print(
    ...     render_table(
    ...         ["signature", "points"], [["C,C", "3"], ["D,D", "12"]], align="lr", rule=False
    ...     )
    ... )
    signature  points
    C,C             3
    D,D            12
    >>> print(render_table(header, rows, "markdown"))
    | profile | u(S) |
    |---|---|
    | (C, C) | 1/2 |
    | (D, D) | 0 |
    >>> print(
    ...     render_table(
    ...         ["name", "value"], [["S_e", Latex("$\\\\frac{1}{2}$")]], "latex", align="lc"
    ...     )
    ... )
    \\begin{tabular}{lc}
    \\toprule
    name & value \\\\
    \\midrule
    S\\_e & $\\frac{1}{2}$ \\\\
    \\bottomrule
    \\end{tabular}
    """
    if format not in TABLE_FORMATS:
        raise ValueError(
            f"unknown table format {format!r}; choose one of {', '.join(TABLE_FORMATS)}"
        )
    if any(len(row) != len(header) for row in rows):
        raise ValueError(f"every row of the table needs {len(header)} cells, one per column")
    if align is not None and len(align) != len(header):
        raise ValueError(f"align {align!r} needs one letter per column ({len(header)})")
    if format == "markdown":
        def line(cells: Sequence[str]) -> str:
            return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"
        return "\n".join([line(header), "|" + "---|" * len(header), *(line(r) for r in rows)])
    if format == "latex":
        spec = align if align is not None else "l" * len(header)

        def latex_row(cells: Sequence[str]) -> str:
            return " & ".join(latex_escape(c) for c in cells) + " \\\\"

        return "\n".join(
            [
                f"\\begin{{tabular}}{{{spec}}}",
                "\\toprule",
                latex_row(header),
                "\\midrule",
                *(latex_row(r) for r in rows),
                "\\bottomrule",
                "\\end{tabular}",
            ]
        )
    widths = [max(len(r[k]) for r in [header, *rows]) for k in range(len(header))]
    justify = [
        {"r": str.rjust, "c": str.center}.get(a, str.ljust) for a in (align or "l" * len(header))
    ]

    def text_row(cells: Sequence[str]) -> str:
        return "  ".join(j(c, w) for j, c, w in zip(justify, cells, widths, strict=True)).rstrip()
    lines = [text_row(header)]
    if rule:
        lines.append("  ".join("-" * w for w in widths))
    return "\n".join([*lines, *(text_row(r) for r in rows)])


def type_name(value: Any) -> str:
    """What a TOML value is, for error messages: ``"a boolean"``, ``"an array"``, ...

    Examples
    --------
    >>> type_name(True), type_name([1]), type_name({"a": 1}), type_name(None)
    ('a boolean', 'an array', 'a table', 'NoneType')
    """
    return {
        bool: "a boolean",
        int: "an integer",
        float: "a float",
        str: "a string",
        list: "an array",
        dict: "a table",
    }.get(type(value), type(value).__name__)
