"""The ``equilibria`` analysis: every Nash equilibrium, which are Pareto-efficient, and is the
target one.

Report: ``equilibria`` (case -> one record per equilibrium) and ``cooperation`` (case ->
is the target profile an equilibrium, the unique one?). Sweep: ``nash[<profile>]`` per pure
profile; for two players ``n_equilibria``, ``n_mixed``, ``mixed[<player>]``, ``degenerate``;
``signature`` (see :func:`coopgame._sweep_rows.equilibria`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coopgame._format import json_number
from coopgame.analyses._base import Analysis, AnalysisContext, ColumnKind, Renderer
from coopgame.analyses._registry import register
from coopgame.game import Game

__all__ = ["Equilibria", "EquilibriaResult", "dominated_in_feasible_set", "equilibria_of"]


def _dominates(u: Sequence[Any], v: Sequence[Any]) -> bool:
    """Whether payoff vector ``u`` Pareto-dominates ``v`` (exact comparison; floats with tolerance).
    """
    tol = 1e-9 if any(isinstance(x, float) for x in (*u, *v)) else 0
    return all(a >= b - tol for a, b in zip(u, v, strict=True)) and any(
        a > b + tol for a, b in zip(u, v, strict=True)
    )


def dominated_in_feasible_set(v: Sequence[Any], outcomes: Sequence[Sequence[Any]]) -> bool:
    """Whether a point of the convex hull of ``outcomes`` (correlated play) Pareto-dominates ``v``.

    Two players: exactly, by clipping the hull to ``x >= v``: ``v`` is dominated iff
    something other than ``v`` is left. More players: the linear programme
    ``max sum(x) over x in hull, x >= v`` (HiGHS, floats), dominated iff the optimum
    exceeds ``sum(v)`` by more than ``1e-9`` times the payoff scale.

    Examples
    --------
    The Prisoner's Dilemma's (D, D) = (1, 1) is dominated by (C, C); (5, 0) by nothing:

    >>> pd = [(3, 3), (0, 5), (5, 0), (1, 1)]
    >>> dominated_in_feasible_set((1, 1), pd), dominated_in_feasible_set((5, 0), pd)
    (True, False)

    (0, 0) is undominated among the pure outcomes below, but their midpoint (1/2, 1/2) dominates it:

    >>> dominated_in_feasible_set((0, 0), [(0, 0), (2, -1), (-1, 2)])
    True
    """
    floats = any(isinstance(x, float) for point in (v, *outcomes) for x in point)
    if len(v) == 2:
        from coopgame._geometry import clip_below, convex_hull

        region = convex_hull([(p[0], p[1]) for p in outcomes])
        for axis in (0, 1):
            region = clip_below(region, axis, v[axis])
        scale = max([1.0, *(abs(float(x)) for p in outcomes for x in p)]) if floats else 0
        return any(sum(p) > v[0] + v[1] + 1e-9 * scale for p in region)
    import numpy as np
    from scipy.optimize import linprog

    u = np.array([[float(x) for x in p] for p in outcomes])
    target = np.array([float(x) for x in v])
    scale = max(1.0, float(np.abs(u).max()))
    # variables: the weights lambda_k of the outcomes; x = u.T @ lambda
    result = linprog(-u.sum(axis=1), A_ub=-u.T, b_ub=-target, A_eq=np.ones((1, len(u))), b_eq=[1.0],
                     bounds=(0, None), method="highs")
    return bool(result.status == 0 and -result.fun > target.sum() + 1e-9 * scale)


@dataclass(frozen=True)
class EquilibriaResult:
    """The equilibria of one case.

    Attributes
    ----------
    equilibria
        One JSON-ready record per equilibrium: ``profile``, ``pure`` (strategy names or
        ``None``), ``payoffs``, ``regret``, ``pareto_efficient`` (against the feasible set:
        the convex hull of the pure-profile payoffs), ``pareto_efficient_among_pure``,
        ``efficient_among_equilibria``.
    complete
        Whether the solver proved the list complete.
    target
        The profile asked about.
    """

    equilibria: tuple[Mapping[str, Any], ...]
    complete: bool
    target: tuple[str, ...]

    @property
    def target_is_equilibrium(self) -> bool:
        return any(r["pure"] == list(self.target) for r in self.equilibria)

    def cooperation(self) -> dict[str, Any]:
        """The ``cooperation`` record: is the target an equilibrium, the unique one?"""
        rows = self.equilibria
        return {
            "target": list(self.target),
            "is_equilibrium": self.target_is_equilibrium,
            "unique": len(rows) == 1 and rows[0]["pure"] == list(self.target) and self.complete,
            "equilibrium_count": len(rows),
        }

    def to_dict(self) -> dict[str, Any]:
        return {"equilibria": [dict(r) for r in self.equilibria], "cooperation": self.cooperation()}


def equilibria_of(game: Game, target: Sequence[str]) -> EquilibriaResult:
    """Every Nash equilibrium of a numeric game with its Pareto flags
    (:func:`coopgame.nash_equilibria`).

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    >>> result = equilibria_of(pd, ("C", "C"))
    >>> (
    ...     [(e["pure"], e["pareto_efficient"]) for e in result.equilibria],
    ...     result.cooperation()["is_equilibrium"],
    ... )
    ([(['D', 'D'], False)], False)
    """
    from coopgame.equilibria import nash_equilibria

    result = nash_equilibria(game)
    outcomes = [tuple(game.payoffs[p]) for p in game.pure_profiles()]
    rows = []
    for eq in result.equilibria:
        payoffs = tuple(eq.payoffs)
        others = [tuple(e.payoffs) for e in result.equilibria if e is not eq]
        pure_names = None
        if eq.is_pure:
            pure_names = [game.strategies[i][s[0]] for i, s in enumerate(eq.support)]
        rows.append({
            "profile": [[json_number(p) for p in vec] for vec in eq.profile],
            "pure": pure_names,
            "payoffs": [json_number(u) for u in payoffs],
            "regret": json_number(eq.regret),
            # the feasible set holds every pure outcome and every equilibrium's payoffs
            "pareto_efficient": not dominated_in_feasible_set(payoffs, outcomes),
            "pareto_efficient_among_pure": not any(_dominates(o, payoffs) for o in outcomes),
            "efficient_among_equilibria": not any(_dominates(o, payoffs) for o in others),
        })
    return EquilibriaResult(tuple(rows), bool(result.complete), tuple(target))


class Equilibria(Analysis):
    """Every Nash equilibrium (exact), Pareto efficiency, and whether the target is an equilibrium.
    """

    name = "equilibria"
    summary = "Nash equilibria, Pareto efficiency, is the target an equilibrium"
    order = 10
    fast_shapes = frozenset({(2, 2), (2, 2, 2)})

    def run(self, game: Game, context: AnalysisContext) -> EquilibriaResult:
        return equilibria_of(game, context.target)

    def contribute(self, report: dict[str, Any], case: str, result: EquilibriaResult) -> None:
        data = result.to_dict()
        report.setdefault("equilibria", {})[case] = data["equilibria"]
        report.setdefault("cooperation", {})[case] = data["cooperation"]

    def render(self, renderer: Renderer, report: Mapping[str, Any], case: str) -> list[str]:
        render = getattr(renderer, "equilibria", None)
        if render is None or case not in report.get("equilibria", {}):
            return super().render(renderer, report, case)
        lines: list[str] = render(report, case)
        return lines

    def columns(self, game: Game, context: AnalysisContext) -> dict[str, ColumnKind]:
        from coopgame._sweep_rows import profile_labels

        columns: dict[str, ColumnKind] = {
            f"nash[{label}]": "bool" for label in profile_labels(game)
        }
        if game.n_players == 2:
            columns.update({"n_equilibria": "int", "n_mixed": "int"})
            columns.update({f"mixed[{p}]": "float" for p in game.players})
            columns["degenerate"] = "bool"
        columns["signature"] = "str"
        return columns

    def row(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
        from coopgame._sweep_rows import equilibria

        return equilibria(game, context)


register(Equilibria)
