"""The ``stability`` sweep analysis: linear stability of every vertex of the replicator dynamics.

Sweep columns ``stability[<profile>]`` (str), ``stable[<profile>]`` (bool) and
``stable_signature`` (str); see :func:`coopgame._sweep_rows.stability`. The report's
account of the dynamics is the ``evolution`` analysis.
"""

from __future__ import annotations

from typing import Any

from coopgame.analyses._base import Analysis, AnalysisContext, ColumnKind
from coopgame.analyses._registry import register
from coopgame.game import Game

__all__ = ["Stability"]


class Stability(Analysis):
    """Which vertices of the multi-population replicator dynamics are asymptotically stable."""

    name = "stability"
    summary = "stability of each pure profile under the replicator dynamics"
    order = 45
    fast_shapes = frozenset({(2, 2), (2, 2, 2)})

    def columns(self, game: Game, context: AnalysisContext) -> dict[str, ColumnKind]:
        from coopgame._sweep_rows import profile_labels

        labels = profile_labels(game)
        columns: dict[str, ColumnKind] = {f"stability[{label}]": "str" for label in labels}
        columns.update({f"stable[{label}]": "bool" for label in labels})
        columns["stable_signature"] = "str"
        return columns

    def row(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
        from coopgame._sweep_rows import stability

        return stability(game, context)


register(Stability)
