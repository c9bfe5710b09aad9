"""Rendering of payoff tables (text, markdown, LaTeX, pandas).

The renderer reads a game through the small :class:`TableSource` protocol, so this
module does not import :mod:`coopgame.game` (which imports it): no import cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any, Protocol

import numpy as np

from coopgame.errors import CoopgameError
from coopgame.numbers import is_sympy


class TableSource(Protocol):
    """What a payoff table needs of a game (:class:`coopgame.game.Game` has it all)."""

    @property
    def players(self) -> tuple[str, ...]: ...

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]: ...

    @property
    def payoffs(self) -> np.ndarray: ...

    @property
    def n_players(self) -> int: ...

    @property
    def shape(self) -> tuple[int, ...]: ...

    @property
    def kind(self) -> str: ...

    def pure_profiles(self) -> Iterator[tuple[int, ...]]: ...


FORMATS = ("text", "markdown", "latex", "dataframe")


def cell_text(value: Any) -> str:
    """A payoff as plain text: exact fractions as ``p/q``, floats with 6 significant digits."""
    if isinstance(value, float):
        return f"{value:.6g}"
    return str(value)


def cell_latex(value: Any) -> str:
    """A payoff as LaTeX (sympy's ``latex`` for expressions, ``\\frac`` for fractions)."""
    if is_sympy(value):
        import sympy

        return str(sympy.latex(value))
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        sign = "-" if value < 0 else ""
        return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"
    return cell_text(value)


def _latex_escape(text: str) -> str:
    for char in "\\&%$#_{}":
        text = text.replace(char, "\\" + char)
    return text


def render_table(game: TableSource, format: str) -> Any:
    if format not in FORMATS:
        raise CoopgameError(f"unknown table format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "dataframe":
        return _dataframe(game)
    cell = cell_latex if format == "latex" else cell_text
    if game.n_players == 2:
        header = [f"{game.players[0]} \\ {game.players[1]}", *game.strategies[1]]
        rows = [
            [row_name, *(", ".join(cell(v) for v in game.payoffs[r, c]) for c in range(game.shape[1]))]
            for r, row_name in enumerate(game.strategies[0])
        ]
    else:
        header = [*game.players, *(f"u({p})" for p in game.players)]
        rows = [
            [*(game.strategies[i][s] for i, s in enumerate(profile)), *(cell(v) for v in game.payoffs[profile])]
            for profile in game.pure_profiles()
        ]
    if format == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    if format == "latex":
        n_label_cols = 1 if game.n_players == 2 else game.n_players
        spec = "l" * n_label_cols + "c" * (len(header) - n_label_cols)
        esc_header = [_latex_escape(h) if i < n_label_cols or game.n_players == 2 else h
                      for i, h in enumerate(header)]
        if game.n_players == 2:
            esc_header[0] = f"{_latex_escape(game.players[0])} $\\backslash$ {_latex_escape(game.players[1])}"
        body = [" & ".join([_latex_escape(r) for r in row[:n_label_cols]]
                           + [f"${c}$" for c in row[n_label_cols:]]) + r" \\" for row in rows]
        return "\n".join(
            [f"\\begin{{tabular}}{{{spec}}}", "\\hline", " & ".join(esc_header) + r" \\", "\\hline",
             *body, "\\hline", "\\end{tabular}"]
        )
    widths = [max(len(str(r[k])) for r in [header, *rows]) for k in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*header), "  ".join("-" * w for w in widths)]
    lines += [fmt.format(*row) for row in rows]
    return "\n".join(lines)


def _dataframe(game: TableSource) -> Any:
    import pandas as pd

    index = pd.MultiIndex.from_tuples(
        [tuple(game.strategies[i][s] for i, s in enumerate(p)) for p in game.pure_profiles()],
        names=list(game.players),
    )
    data = [list(game.payoffs[p]) for p in game.pure_profiles()]
    dtype = float if game.kind == "float" else object
    return pd.DataFrame(data, index=index, columns=list(game.players), dtype=dtype)
