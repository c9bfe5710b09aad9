"""Rendering of payoff tables (text, markdown, LaTeX, pandas).

The renderer reads a game through the small :class:`TableSource` protocol, so this
module does not import :mod:`coopgame.game` (which imports it): no import cycle.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import numpy as np

from coopgame._format import Latex, display_number, latex_escape
from coopgame._format import render_table as format_table
from coopgame.errors import CoopgameError


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


def render_table(game: TableSource, format: str) -> Any:
    """The payoff table of ``game`` in one of :data:`FORMATS` (see
    :meth:`coopgame.game.Game.table`).
    """
    if format not in FORMATS:
        raise CoopgameError(f"unknown table format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "dataframe":
        return _dataframe(game)
    latex = format == "latex"

    def payoffs(values: Any) -> str:
        # a payoff cell is a formula: math mode in LaTeX
        text = ", ".join(display_number(v, latex=latex) for v in values)
        return Latex(f"${text}$") if latex else text

    header: list[str]
    if game.n_players == 2:
        corner = (
            Latex(f"{latex_escape(game.players[0])} $\\backslash$ {latex_escape(game.players[1])}")
            if latex
            else f"{game.players[0]} \\ {game.players[1]}"
        )
        header = [corner, *game.strategies[1]]
        rows = [[row_name, *(payoffs(game.payoffs[r, c]) for c in range(game.shape[1]))]
                for r, row_name in enumerate(game.strategies[0])]
        n_label_cols = 1
    else:
        header = [*game.players, *(f"u({p})" for p in game.players)]
        rows = [
            [
                *(game.strategies[i][s] for i, s in enumerate(profile)),
                *(payoffs([v]) for v in game.payoffs[profile]),
            ]
            for profile in game.pure_profiles()
        ]
        n_label_cols = game.n_players
    align = "l" * n_label_cols + "c" * (len(header) - n_label_cols)
    return format_table(header, rows, format, align=align if latex else None)


def _dataframe(game: TableSource) -> Any:
    import pandas as pd

    index = pd.MultiIndex.from_tuples(
        [tuple(game.strategies[i][s] for i, s in enumerate(p)) for p in game.pure_profiles()],
        names=list(game.players),
    )
    data = [list(game.payoffs[p]) for p in game.pure_profiles()]
    dtype = float if game.kind == "float" else object
    return pd.DataFrame(data, index=index, columns=list(game.players), dtype=dtype)
