"""The analysis report of ``coopgame analyze``: a plain dict first, then text, markdown, JSON or
LaTeX.

A report compares one or more *cases* (the four presets of the built-in model, or one scenario
file). For each case it gives the payoff table with the policy modifiers of every cell, every Nash
equilibrium (exact), which equilibria are Pareto-efficient (in the feasible set, and among pure
profiles), whether the target profile (mutual cooperation) is an equilibrium, and the threshold of
each instrument that makes the target a Nash, strict or dominant-strategy equilibrium (computed by
:func:`coopgame.design.threshold`).

Everything after the payoff table comes from the analyses of the one registry,
:mod:`coopgame.analyses`, in their order; a scenario switches any of them off with
``[analysis] <name> = false`` and its key is then absent. An analysis that fails on a case
(e.g. a game it does not handle) leaves a line in ``notes`` instead of its section.

The JSON form is a stable contract. Top-level keys:

``scenario``
    ``{"name", "cases": [case names], "target": [strategy per player]}``
``parameters``
    case -> {parameter: value}, exact values as strings
``game``
    case -> {"players", "strategies", "cells": [{"profile", "payoffs", "base", "modifications"}]}
``equilibria``
    case -> list of {"profile", "payoffs", "pure", "pareto_efficient",
    "pareto_efficient_among_pure", "efficient_among_equilibria"}: ``pareto_efficient`` against the
    feasible set (the convex hull of the pure-profile payoffs, reachable by correlated play),
    ``pareto_efficient_among_pure`` against the pure profiles only
``thresholds``
    list of {"case", "parameter", "target", "condition", "status", "value", "formula",
    "general_formula", "assumptions"} (the signs the general formula takes for granted, e.g. ``r >
    0``)
``cooperation``
    case -> {"target", "is_equilibrium", "unique", "equilibrium_count"} (with ``equilibria``)
``repeated``, ``evolution``, ``bargaining``, ``allocation``, and every further analysis
    case -> the analysis's ``result.to_dict()`` (see :mod:`coopgame.analyses`)
``notes``
    case -> ["<analysis>: not computed (<error>)", ...], only when an analysis failed
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from coopgame._format import display_number, json_number, latex_escape, render_table
from coopgame.analyses.thresholds import ThresholdRequest
from coopgame.errors import CoopgameError
from coopgame.game import Game
from coopgame.numbers import is_sympy, to_symbolic
from coopgame.policy import modifications_of, substitute

__all__ = ["Case", "build_report", "render", "preset_cases", "scenario_cases", "FORMATS",
           "CONDITIONS_REPORTED"]

FORMATS = ("text", "markdown", "json", "latex")
#: the conditions the default report gives a threshold for
CONDITIONS_REPORTED = ("nash", "strict", "dominant")

@dataclass(frozen=True)
class Case:
    """One column of the report.

    Attributes
    ----------
    name
        The case's name (a preset name or the scenario's name).
    game
        The game with the policy applied, symbolic in the parameters.
    values
        The parameter values substituted for the analysis.
    target
        The profile asked about (mutual cooperation).
    thresholds
        The thresholds to compute.
    description
        One line for the reader.
    options
        The case's ``[analysis]`` table: which analyses of :mod:`coopgame.analyses` run
        (``<name> = false`` switches one off) and their options.
    assumptions
        Sign assumptions for the general threshold formulas (a built-in model's
        :data:`~coopgame.models.SIGN_ASSUMPTIONS`); shown with the thresholds.
    """

    name: str
    game: Game
    values: Mapping[str, Any]
    target: tuple[str, ...]
    thresholds: tuple[ThresholdRequest, ...] = ()
    description: str = ""
    options: Mapping[str, Any] = field(default_factory=dict)
    assumptions: tuple[Any, ...] = ()


# --------------------------------------------------------------------------- cases
def preset_cases(
    names: Sequence[str] | None = None, overrides: Mapping[str, Any] | None = None
) -> list[Case]:
    """The built-in model's presets as report cases (default: all four).

    Examples
    --------
    >>> [c.name for c in preset_cases()]
    ['baseline', 'interest_guarantee', 'policy_support', 'combined']
    """
    from coopgame import models

    names = list(models.PRESETS) if names is None else list(names)
    symbolic = models.school_enterprise_game()
    target = (models.COOPERATE, models.COOPERATE)
    specs = tuple(
        ThresholdRequest(p, target, c)
        for p in models.INSTRUMENT_PARAMETERS
        for c in CONDITIONS_REPORTED
    )
    cases = []
    for name in names:
        values: dict[str, Any] = models.preset_parameters(name)
        for key, value in (overrides or {}).items():
            if key not in values:
                raise models.ModelError(f"unknown parameter {key!r}; the model's parameters are "
                                        f"{', '.join(values)}")
            problem = models.parameter_problem(key, value)
            if problem is not None:
                raise models.ModelError(f"parameter {key}: {problem}")
            values[key] = value
        # the bargaining section bridges to the model: is the bargained split self-enforcing?
        cases.append(Case(name, symbolic, values, target, specs, models.PRESET_DESCRIPTIONS[name],
                          options={"bargaining": {"model": dict(values)}},
                          assumptions=models.SIGN_ASSUMPTIONS))
    return cases


def scenario_cases(scenario: Any, overrides: Mapping[str, Any] | None = None) -> list[Case]:
    """A loaded :class:`~coopgame.io._scenario.Scenario` as a report case.

    Without thresholds in ``[analysis]``, a built-in model's scenario gets the
    default thresholds of every instrument parameter. ``overrides`` replace parameter
    values (the CLI's ``--set``).

    Examples
    --------
    >>> from importlib.resources import files
    >>> from coopgame.io import load_scenario
    >>> scenario = load_scenario(files("coopgame") / "data" / "school_enterprise.toml")
    >>> [case] = scenario_cases(scenario, {"S_e": 5})
    >>> case.target, case.values["S_e"]
    (('Cooperate', 'Cooperate'), 5)
    """
    from coopgame import models
    from coopgame.io import ScenarioError

    values = dict(scenario.parameters)
    for key, value in (overrides or {}).items():
        if key not in values:
            raise ScenarioError(
                f"--set {key}: unknown parameter; parameters are {', '.join(values)}"
            )
        problem = models.parameter_problem(key, value) if scenario.model is not None else None
        if problem is not None:
            raise ScenarioError(f"--set {key}: {problem}")
        values[key] = value
    specs = tuple(t for t in scenario.thresholds)
    if "thresholds" not in scenario.analysis and scenario.model is not None:
        specs = tuple(ThresholdRequest(p, scenario.target, c)
                      for p in models.INSTRUMENT_PARAMETERS for c in CONDITIONS_REPORTED)
    assumptions = models.SIGN_ASSUMPTIONS if scenario.model is not None else ()
    return [Case(scenario.name, scenario.symbolic_game(), values, scenario.target, specs,
                 options=scenario.analysis, assumptions=assumptions)]


# --------------------------------------------------------------------------- numbers
def _text(value: Any) -> str:
    if isinstance(value, (int, float, Fraction)) and not isinstance(value, bool):
        return display_number(value)
    if isinstance(value, (list, tuple)):
        # a point or a list of notes reads better without Python's quotes and brackets
        if value and all(isinstance(v, str) and " " in v for v in value):
            return "; ".join(value)
        return "(" + ", ".join(_text(v) for v in value) + ")"
    if isinstance(value, Mapping):
        if not value:
            return "-"
        return "; ".join(f"{k} ({_text(v)})" if isinstance(v, Mapping) else f"{k}: {_text(v)}"
                         for k, v in value.items())
    if value is None:
        return "-"
    return str(value)


# --------------------------------------------------------------------------- building
def _cells(game: Game, symbolic: Game, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each pure profile: payoffs, base payoffs and the instruments' changes (numeric and as
    formulas).
    """
    from coopgame.policy import as_amount

    mapping = {to_symbolic(k): to_symbolic(v) for k, v in values.items()}
    cells = []
    for index in game.pure_profiles():
        profile = [game.strategies[i][s] for i, s in enumerate(index)]
        changes = []
        for m in modifications_of(symbolic, profile=profile):
            amount = as_amount(m.amount.subs(mapping)) if is_sympy(m.amount) else m.amount
            if not is_sympy(amount) and amount == 0:
                continue  # an instrument at level 0 changes nothing
            changes.append((m, amount))
        base = []
        for k in range(game.n_players):
            value = game.payoffs[index + (k,)]
            for m, amount in changes:
                if m.player == k:
                    value = value - amount
            base.append(value)
        explanation = {}
        for k, player in enumerate(game.players):
            parts = [_change_text(m, amount) for m, amount in changes if m.player == k]
            if parts:
                explanation[player] = " ".join(parts)
        cells.append(
            {
                "profile": profile,
                "payoffs": [json_number(v) for v in game.payoffs[index]],
                "base": [json_number(v) for v in base],
                "modifications": [
                    {
                        "player": game.players[m.player],
                        "instrument": m.instrument,
                        "kind": m.kind,
                        "amount": json_number(amount),
                        "formula": str(m.amount),
                    }
                    for m, amount in changes
                ],
                "explanation": explanation,
            }
        )
    return cells


def _change_text(m: Any, amount: Any) -> str:
    """``"+ S_e*r = 8 (subsidy)"``: the sign, the formula, its value and the instrument."""
    from coopgame.policy import _KINDS, _is_negative

    negative = (
        _is_negative(amount) if not is_sympy(amount) or amount.is_number else _is_negative(m.amount)
    )
    formula = -m.amount if negative else m.amount
    value = -amount if negative else amount
    text = str(formula) if str(formula) == _text(value) else f"{formula} = {_text(value)}"
    source = m.instrument if m.kind in _KINDS else f"{m.kind}: {m.instrument}"
    return f"{'-' if negative else '+'} {text} ({source})"


def build_report(
    cases: Sequence[Case], title: str = "School-enterprise cooperation"
) -> dict[str, Any]:
    """The report of several cases as a plain dict (the JSON contract; see the module docstring).

    Every analysis of the registry (:mod:`coopgame.analyses`) with a report section runs on
    every case, unless the case's ``[analysis]`` table switches it off (``evolution = false``).
    An analysis that fails on a case leaves a one-line note in ``notes`` instead of its section.

    Examples
    --------
    >>> report = build_report(preset_cases(["combined"]))
    >>> sorted(report)
    ['allocation', 'bargaining', 'cooperation', 'equilibria', 'evolution', 'game', 'parameters',
    'repeated', 'scenario', 'thresholds']
    >>> (
    ...     report["cooperation"]["combined"]["is_equilibrium"],
    ...     report["equilibria"]["combined"][0]["pure"],
    ... )
    (True, ['Cooperate', 'Cooperate'])
    """
    from coopgame.analyses import AnalysisContext, Setup, analyses, plan

    report: dict[str, Any] = {
        "scenario": {"name": title, "cases": [c.name for c in cases],
                     "descriptions": {c.name: c.description for c in cases if c.description}},
        "parameters": {}, "game": {},
    }
    memo: dict[Any, Any] = {}  # shared by the cases: e.g. general threshold formulas
    for case in cases:
        game = substitute(case.game, case.values)
        symbolic = case.game
        report["parameters"][case.name] = {k: json_number(v) for k, v in case.values.items()}
        report["game"][case.name] = {
            "players": list(game.players),
            "strategies": [list(s) for s in game.strategies],
            "cells": _cells(game, symbolic, case.values),
        }
        chosen = plan(case.options, Setup(symbolic, case.values, case.options, tuple(case.target)))
        context = AnalysisContext(target=tuple(case.target), thresholds=tuple(case.thresholds),
                                  symbolic_game=symbolic, values=dict(case.values), options=chosen,
                                  case=case.name, memo=memo, assumptions=tuple(case.assumptions))
        for analysis in analyses():
            if not analysis.in_report or analysis.name not in chosen:
                continue
            try:
                result = analysis.run(game, context)
            except Exception as exc:  # noqa: BLE001 - one failing analysis becomes its note
                # one analysis that cannot be computed (a one-player game for bargaining, numbers
                # that overflow an integrator) must not sink the others: say what failed
                reason = str(exc).splitlines()[0] if str(exc) else ""
                note = f"{analysis.name}: not computed ({type(exc).__name__}: {reason})"
                report.setdefault("notes", {}).setdefault(case.name, []).append(note)
                continue
            analysis.contribute(report, case.name, result)
    report["scenario"]["target"] = list(cases[0].target) if cases else []
    return report


# --------------------------------------------------------------------------- rendering
def render(report: Mapping[str, Any], format: str = "text") -> str:
    """Render a report dict as ``"text"``, ``"markdown"``, ``"json"`` or ``"latex"``.

    Examples
    --------
    >>> report = build_report(preset_cases(["baseline"]))
    >>> print(render(report, "text").splitlines()[0])
    School-enterprise cooperation
    >>> json.loads(render(report, "json"))["cooperation"]["baseline"]["is_equilibrium"]
    False
    """
    if format not in FORMATS:
        raise CoopgameError(f"unknown format {format!r}; choose one of {', '.join(FORMATS)}")
    if format == "json":
        return json.dumps(report, indent=2, ensure_ascii=False)
    return _Renderer(format).document(report)


class _Renderer:
    def __init__(self, format: str) -> None:
        self.format = format

    # small building blocks, one per output element
    def heading(self, text: str, level: int) -> list[str]:
        if self.format == "markdown":
            return ["#" * level + " " + text, ""]
        if self.format == "latex":
            command = ("section", "subsection", "subsubsection")[min(level, 3) - 1]
            return [f"\\{command}*{{{latex_escape(text)}}}", ""]
        underline = "=" if level == 1 else "-"
        return [text, underline * len(text), ""]

    def paragraph(self, text: str) -> list[str]:
        return [latex_escape(text) if self.format == "latex" else text, ""]

    def table(self, header: list[str], rows: list[list[str]]) -> list[str]:
        return [render_table(header, rows, self.format), ""]

    def bullets(self, items: list[str]) -> list[str]:
        if not items:
            return []
        if self.format == "latex":
            return [
                "\\begin{itemize}",
                *(f"\\item {latex_escape(i)}" for i in items),
                "\\end{itemize}",
                "",
            ]
        return [*(f"- {i}" if self.format == "markdown" else f"  * {i}" for i in items), ""]

    # the document
    def document(self, report: Mapping[str, Any]) -> str:
        lines = self.heading(report["scenario"]["name"], 1)
        cases = report["scenario"]["cases"]
        lines += self.summary(report, cases)
        for case in cases:
            lines += self.case(report, case)
        if self.format == "latex":
            lines = [
                "% generated by coopgame analyze; the tables need \\usepackage{booktabs}",
                *lines,
            ]
        return "\n".join(lines).rstrip() + "\n"

    def summary(self, report: Mapping[str, Any], cases: list[str]) -> list[str]:
        if len(cases) < 2 or not all(c in report.get("equilibria", {}) for c in cases):
            return []
        target = "(" + ", ".join(report["scenario"]["target"]) + ")"
        header = ["case", "equilibria", f"{target} equilibrium?", "unique?"]
        rows = []
        for case in cases:
            eqs = report["equilibria"][case]
            coop = report["cooperation"][case]
            rows.append(
                [
                    case,
                    "; ".join(_profile_text(e) for e in eqs),
                    _yes(coop["is_equilibrium"]),
                    _yes(coop["unique"]),
                ]
            )
        return [*self.heading("Summary", 2), *self.table(header, rows)]

    def case(self, report: Mapping[str, Any], case: str) -> list[str]:
        from coopgame.analyses import analyses

        game = report["game"][case]
        lines = self.heading(f"Case: {case}", 2)
        description = report["scenario"].get("descriptions", {}).get(case)
        if description:
            lines += self.paragraph(description)
        params = report["parameters"][case]
        lines += self.paragraph("Parameters: " + ", ".join(f"{k} = {v}" for k, v in params.items()))
        lines += self.heading("Payoffs", 3)
        lines += self.table(
            ["profile", *(f"u({p})" for p in game["players"])],
            [["(" + ", ".join(c["profile"]) + ")", *map(str, c["payoffs"])] for c in game["cells"]],
        )
        notes = [f"{player}, ({', '.join(c['profile'])}): {text}"
                 for c in game["cells"] for player, text in c["explanation"].items()]
        if notes:
            lines += self.paragraph("Policy modifiers (payoff = base + listed amounts):")
            lines += self.bullets(notes)
        for analysis in analyses():
            if analysis.in_report:
                lines += analysis.render(self, report, case)
        failed = report.get("notes", {}).get(case, [])
        if failed:
            lines += self.heading("Notes", 3)
            lines += self.bullets(list(failed))
        return lines

    def equilibria(self, report: Mapping[str, Any], case: str) -> list[str]:
        """The ``equilibria`` analysis: one row per equilibrium, then the verdict on the target."""
        lines = self.heading("Equilibria", 3)
        rows = []
        for k, eq in enumerate(report["equilibria"][case], 1):
            rows.append([str(k), _profile_text(eq), ", ".join(map(str, eq["payoffs"])),
                         _yes(eq["pareto_efficient"]), _yes(eq["pareto_efficient_among_pure"]),
                         _yes(eq["efficient_among_equilibria"])])
        lines += self.table(
            [
                "#",
                "profile",
                "payoffs",
                "Pareto-efficient",
                "undominated by a pure profile",
                "best among equilibria",
            ],
            rows,
        )
        lines += self.paragraph(
            "Pareto-efficient: no point of the feasible set (the convex hull of the "
            "pure-profile payoffs, reachable by correlated play) gives every player at least "
            "as much and one player more. Undominated by a pure profile: no single pure "
            "profile does."
        )
        coop = report["cooperation"][case]
        target = "(" + ", ".join(coop["target"]) + ")"
        verdict = "is" if coop["is_equilibrium"] else "is NOT"
        unique = " (the unique equilibrium)" if coop["unique"] else ""
        lines += self.paragraph(
            f"The target profile {target} (mutual cooperation) {verdict} a Nash "
            f"equilibrium{unique}."
        )
        return lines

    def thresholds(self, report: Mapping[str, Any], case: str) -> list[str]:
        """The ``thresholds`` analysis: one row per requested threshold of the case."""
        thresholds = [t for t in report.get("thresholds", []) if t.get("case") == case]
        if not thresholds:
            return []
        return [
            *self.heading("Policy thresholds", 3),
            *self.table(
                ["parameter", "condition", "answer", "formula", "general formula"],
                [
                    [
                        t["parameter"],
                        t["condition"],
                        _threshold_text(t),
                        str(t["formula"]),
                        str(t.get("general_formula") or ""),
                    ]
                    for t in thresholds
                ],
            ),
            *self._assumed(thresholds),
        ]

    def _assumed(self, thresholds: list[Mapping[str, Any]]) -> list[str]:
        assumed = list(dict.fromkeys(a for t in thresholds for a in t.get("assumptions", [])))
        return (
            self.paragraph(f"The general formulas assume {', '.join(assumed)}.") if assumed else []
        )

    def section(self, title: str, data: Mapping[str, Any]) -> list[str]:
        """A further analysis: its scalar entries as a paragraph, each list of records as a table.
        """
        lines = self.heading(title, 3)
        scalars = [f"{k}: {_text(v)}" for k, v in data.items() if not isinstance(v, (list, dict))]
        if scalars:
            lines += self.paragraph("; ".join(scalars))
        for name, value in data.items():
            if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
                columns = list(dict.fromkeys(k for record in value for k in record))
                lines += self.paragraph(name.replace("_", " ") + ":")
                lines += self.table(
                    columns, [[_text(r.get(c, "")) for c in columns] for r in value]
                )
            elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
                lines += self.paragraph(f"{name.replace('_', ' ')}: " + "; ".join(value))
            elif (
                isinstance(value, Mapping)
                and value
                and all(isinstance(v, Mapping) for v in value.values())
            ):
                # e.g. one record per bargaining rule: a table with the key as first column
                columns = list(dict.fromkeys(k for record in value.values() for k in record))
                lines += self.paragraph(name.replace("_", " ") + ":")
                lines += self.table(
                    ["", *columns],
                    [
                        [str(key), *(_text(r.get(c, "")) for c in columns)]
                        for key, r in value.items()
                    ],
                )
            elif isinstance(value, Mapping):
                lines += self.paragraph(f"{name.replace('_', ' ')}: " + ", ".join(
                    f"{k} = {_text(v)}" for k, v in value.items()))
        return lines


def _threshold_text(t: Mapping[str, Any]) -> str:
    status = t.get("status")
    if status == "unreachable":
        return "unreachable"
    if status == "holds_at_zero":
        return "holds already at 0"
    if status == "always":
        return "always holds"
    if t.get("value") is None:
        return str(status)
    # the boundary itself does not satisfy a strict or dominant (strict) condition
    relation = ">=" if t["condition"] == "nash" else ">"
    return f"{t['parameter']} {relation} {t['value']}"


def _profile_text(eq: Mapping[str, Any]) -> str:
    if eq["pure"] is not None:
        return "(" + ", ".join(eq["pure"]) + ")"
    return "(" + "; ".join("[" + ", ".join(map(str, vec)) + "]" for vec in eq["profile"]) + ")"


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
