"""Plain-text and markdown rendering of a :class:`NashResult` (the CLI's output)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coopgame.equilibria.result import NashResult


def _cell(value: object) -> str:
    return f"{value:.6g}" if isinstance(value, float) else str(value)


def format_result(result: NashResult, fmt: str = "text") -> str:
    """Render a result as ``"text"``, ``"markdown"`` or ``"json"``."""
    if fmt == "json":
        return json.dumps(result.to_dict(), indent=2)
    if fmt not in ("text", "markdown"):
        raise ValueError(f"unknown format {fmt!r}; choose text, markdown or json")
    game = result.game
    header = (f"{len(result)} equilibri{'um' if len(result) == 1 else 'a'} "
              f"({result.method}, {'exact' if result.exact else 'float'}"
              f"{', degenerate game' if result.degenerate else ''})")
    cols = ["#", *(f"{p}: " + "/".join(s) for p, s in zip(game.players, game.strategies)),
            *(f"u({p})" for p in game.players), "regret"]
    rows = []
    for k, eq in enumerate(result.equilibria, 1):
        rows.append([str(k), *("(" + ", ".join(_cell(v) for v in vec) + ")" for vec in eq.profile),
                     *(_cell(u) for u in eq.payoffs), _cell(eq.regret)])
    lines = []
    if fmt == "markdown":
        lines = [f"**{header}**", "", "| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
    else:
        widths = [max(len(r[i]) for r in [cols, *rows]) for i in range(len(cols))]
        lines = [header, "  ".join(c.ljust(w) for c, w in zip(cols, widths))]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)) for r in rows]
    if result.components is not None and any(not c.is_isolated for c in result.components):
        lines.append("")
        lines.append("Components (connected sets of equilibria, by extreme equilibria):")
        for k, comp in enumerate(result.components, 1):
            subsets = "; ".join("{" + ", ".join(str(i + 1) for i in s.equilibria) + "}" for s in comp.subsets)
            lines.append(f"  component {k}: maximal Nash subsets {subsets}")
    for note in result.notes:
        lines.append(f"Note: {note}")
    return "\n".join(lines)
