"""``coopgame analyze [SCENARIO.toml] [--preset NAME] [--set NAME=VALUE ...] [--format F] [--output
FILE]``.

Without a scenario file, analyses the built-in school-enterprise model: the
baseline and the three policy presets side by side (or one, with ``--preset``).
"""

from __future__ import annotations

import argparse
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

from coopgame.errors import CoopgameError
from coopgame.numbers import InvalidNumberError, to_exact

__all__ = ["add_arguments", "run", "AnalyzeError", "parse_assignment"]


#: the largest finite float: every parameter must be one (its exact value is kept)
_LARGEST = Fraction(sys.float_info.max)


class AnalyzeError(CoopgameError):
    """Bad command-line input: a malformed ``--set``, a preset with a scenario file, ..."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the ``analyze`` options on ``parser``; the epilog lists the registry's analyses.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> "evolution = false" in parser.epilog
    True
    """
    from coopgame.analyses import help_text

    parser.epilog = ("The report holds these analyses: " + help_text(report=True)
                     + ". A scenario file switches one off with [analysis] <name> = false "
                       "(e.g. evolution = false) and sets its options with <name> = {...}.")
    parser.add_argument(
        "scenario", nargs="?", help="scenario TOML file (default: the built-in model)"
    )
    parser.add_argument("--preset", help="analyse one preset of the built-in model "
                        "(baseline, interest_guarantee, policy_support, combined)")
    parser.add_argument(
        "--set",
        dest="assignments",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="override a parameter (a number or p/q); repeatable",
    )
    parser.add_argument("--format", default="text", choices=["text", "markdown", "json", "latex"],
                        help="output format (default: text)")
    parser.add_argument(
        "--output", "-o", help="write the report to FILE instead of standard output"
    )


def parse_assignment(text: str) -> tuple[str, Any]:
    """``"S_e=5/2"`` -> ``("S_e", Fraction(5, 2))``.

    Examples
    --------
    >>> parse_assignment("S_e=5/2")
    ('S_e', Fraction(5, 2))
    >>> parse_assignment("tau=1e400")
    Traceback (most recent call last):
    ...
    coopgame.cli._analyze.AnalyzeError: --set tau: 1e400 is beyond the float range (at most about
    1.8e308 in size)
    """
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name or not value.strip():
        raise AnalyzeError(f"--set {text!r}: expected NAME=VALUE, e.g. --set S_e=10")
    try:
        number = to_exact(value.strip())
    except InvalidNumberError:
        raise AnalyzeError(
            f"--set {name}: {value.strip()!r} is not a number (write 3, 0.25 or 1/4)"
        ) from None
    if abs(number) > _LARGEST:
        # exact arithmetic would cope, but the numerical analyses (dynamics, LPs) work in floats
        raise AnalyzeError(
            f"--set {name}: {value.strip()} is beyond the float range (at most about 1.8e308 "
            "in size)"
        )
    return name, number


def run(args: argparse.Namespace) -> int:
    """Build the report and write it; returns the exit code (errors propagate as ValueError)."""
    from coopgame import models
    from coopgame.report import build_report, preset_cases, render, scenario_cases

    overrides = dict(parse_assignment(a) for a in args.assignments)
    if args.scenario is not None:
        if args.preset is not None:
            raise AnalyzeError(
                "--preset applies to the built-in model; a scenario file chooses its preset "
                "with [game] preset = ..."
            )
        from coopgame.io import load_scenario

        scenario = load_scenario(args.scenario)
        report = build_report(scenario_cases(scenario, overrides), title=scenario.name)
    else:
        if args.preset is not None and args.preset not in models.PRESETS:
            raise AnalyzeError(
                f"--preset: unknown preset {args.preset!r}; presets are {', '.join(models.PRESETS)}"
            )
        names = None if args.preset is None else [args.preset]
        report = build_report(preset_cases(names, overrides),
                              title="School-enterprise cooperation: the built-in model")
    text = render(report, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
