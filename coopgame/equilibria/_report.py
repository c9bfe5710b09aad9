"""Plain-text and markdown rendering of a :class:`NashResult` (the CLI's output)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from coopgame._format import display_number, render_table
from coopgame.errors import CoopgameError

if TYPE_CHECKING:
    from coopgame.equilibria._result import NashResult


def format_result(result: NashResult, fmt: str = "text") -> str:
    """Render a result as ``"text"``, ``"markdown"`` or ``"json"``.

    Parameters
    ----------
    result
        The equilibria to show.
    fmt
        ``"text"`` (aligned columns), ``"markdown"`` (a table) or ``"json"`` (the
        contract of :meth:`NashResult.to_dict`: exact numbers as strings such as
        ``"1/3"``, floats as numbers).

    Returns
    -------
    str
        One row per equilibrium: each player's mixed strategy (probabilities in the
        order of the strategies named in the column header), the expected payoffs
        and the regret certificate; then the components that are not isolated.

    Examples
    --------
    >>> from coopgame import Game, nash_equilibria
    >>> g = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["School", "Firm"],
    ...                   strategies=[["C", "S"], ["C", "S"]])
    >>> print(format_result(nash_equilibria(g, method="support")))
    3 equilibria (support, exact)
    #  School (C, S)  Firm (C, S)  u(School)  u(Firm)  regret
    1  (1, 0)         (1, 0)       2          1        0
    2  (2/3, 1/3)     (1/3, 2/3)   2/3        2/3      0
    3  (0, 1)         (0, 1)       1          2        0
    >>> import json
    >>> json.loads(format_result(nash_equilibria(g, method="support"), "json"))["equilibria"][1]
    {'profile': [['2/3', '1/3'], ['1/3', '2/3']], 'payoffs': ['2/3', '2/3'], 'regret': '0'}
    """
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2)
    if fmt not in ("text", "markdown"):
        raise CoopgameError(f"unknown format {fmt!r}; choose text, markdown or json")
    game = result.game
    header = (f"{len(result)} equilibri{'um' if len(result) == 1 else 'a'} "
              f"({result.method}, {'exact' if result.exact else 'float'}"
              f"{', degenerate game' if result.degenerate else ''})")
    cols = ["#", *(f"{p} (" + ", ".join(s) + ")" for p, s in zip(game.players, game.strategies, strict=True)),
            *(f"u({p})" for p in game.players), "regret"]
    rows = []
    for k, eq in enumerate(result.equilibria, 1):
        rows.append([str(k), *("(" + ", ".join(display_number(v) for v in vec) + ")" for vec in eq.profile),
                     *(display_number(u) for u in eq.payoffs), display_number(eq.regret)])
    title = f"**{header}**\n" if fmt == "markdown" else header
    lines = [title, render_table(cols, rows, fmt, rule=False)]
    if result.components is not None and any(not c.is_isolated for c in result.components):
        lines.append("")
        lines.append("Components (connected sets of equilibria, by extreme equilibria):")
        for k, comp in enumerate(result.components, 1):
            subsets = "; ".join("{" + ", ".join(str(i + 1) for i in s.equilibria) + "}" for s in comp.subsets)
            lines.append(f"  component {k}: maximal Nash subsets {subsets}")
    for note in result.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines)
