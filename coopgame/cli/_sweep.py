"""``coopgame sweep [SCENARIO.toml] --grid NAME=START:STOP:NUM ... [options]``.

Evaluates analyses over a grid of parameter values (a policy map) or, with
``--samples N``, runs a Monte Carlo over the scenario's ``[uncertainty]`` table
for each of its ``[policies]``. Without a scenario file it uses the bundled
``coopgame/data/policy_map.toml`` (a subsidy ``S_e`` and a tax incentive ``tau``).

Prints a short summary (points, method, time, share of points per equilibrium
signature); ``--csv`` writes the table, ``--plot`` the region map over the two
axes that vary. Bad input prints one line on stderr and exits with code 2 (see
:func:`coopgame.cli.main`).
"""

from __future__ import annotations

import argparse
import sys
import time
from importlib import resources
from pathlib import Path
from typing import Any

from coopgame._format import display_number, render_table
from coopgame.errors import CoopgameError

__all__ = ["add_arguments", "run", "SweepCommandError", "BUNDLED_SCENARIO", "parse_analyses"]

#: The scenario swept when no file is given.
BUNDLED_SCENARIO = "policy_map.toml"


class SweepCommandError(CoopgameError):
    """Command-line input that cannot be swept: a bad ``--analysis``, ``--plot`` without two axes,
    ...
    """


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``coopgame sweep``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> args = parser.parse_args(
    ...     ["--grid", "S_e=0:40:5", "--grid", "tau=0:0.5:3", "--csv", "out.csv"]
    ... )
    >>> args.scenario, args.grid, args.method, args.csv
    (None, ['S_e=0:40:5', 'tau=0:0.5:3'], 'auto', 'out.csv')
    """
    from coopgame.analyses import help_text
    from coopgame.sweep import METHODS

    parser.add_argument("scenario", nargs="?", default=None, metavar="SCENARIO.toml",
                        help=f"scenario file (default: the bundled {BUNDLED_SCENARIO})")
    parser.add_argument(
        "--grid",
        action="append",
        default=[],
        metavar="NAME=START:STOP:NUM",
        help="a grid axis: NUM values from START to STOP inclusive (e.g. S_e=0:40:201); "
        "repeatable, the first axis varies slowest",
    )
    parser.add_argument(
        "--analysis",
        default="equilibria",
        metavar="A[,B...]",
        help="comma-separated analyses (default: equilibria): " + help_text(sweep=True),
    )
    parser.add_argument(
        "--method",
        default="auto",
        choices=METHODS,
        help="fast (vectorised 2x2 / 2x2x2), general (exact solver per point) or auto",
    )
    parser.add_argument("--target", default=None, metavar="PROFILE",
                        help="target profile, e.g. Cooperate,Cooperate (default: the scenario's)")
    parser.add_argument(
        "--delta",
        default=None,
        metavar="D",
        help="discount factor for the 'repeated' analysis (default: the scenario's)",
    )
    parser.add_argument(
        "--csv", default=None, metavar="FILE", help="write the table (one row a point) to FILE"
    )
    parser.add_argument(
        "--plot",
        default=None,
        metavar="FILE",
        help="write the region map over the two --grid axes with more than one value to FILE (PNG)",
    )
    parser.add_argument("--column", default="signature", metavar="COLUMN",
                        help="column coloured by --plot (default: signature)")
    parser.add_argument("--scheduler", default=None, metavar="ADDRESS",
                        help="run the general path on a Dask cluster, e.g. tcp://10.0.0.5:8786")
    parser.add_argument("--samples", type=int, default=None, metavar="N",
                        help="Monte Carlo: N draws from the scenario's [uncertainty] per policy")
    parser.add_argument(
        "--seed", type=int, default=0, metavar="S", help="Monte Carlo seed (default: 0)"
    )


def parse_analyses(text: str) -> tuple[str, ...]:
    """``"equilibria, stability"`` -> ``("equilibria", "stability")``, checked against the registry.

    Examples
    --------
    >>> parse_analyses("equilibria,repeated")
    ('equilibria', 'repeated')
    >>> parse_analyses("equilibria,bogus")
    Traceback (most recent call last):
    ...
    coopgame.cli._sweep.SweepCommandError: --analysis: unknown analysis 'bogus'; choose from ...
    """
    from coopgame.sweep import SweepError, analysis_names

    try:
        return analysis_names([part.strip() for part in text.split(",") if part.strip()])
    except SweepError as exc:
        raise SweepCommandError(f"--analysis: {exc}") from None


def _scenario(path: str | None) -> Any:
    from coopgame.io import load_scenario

    if path is not None:
        return load_scenario(path)
    with resources.as_file(resources.files("coopgame.data").joinpath(BUNDLED_SCENARIO)) as bundled:
        return load_scenario(bundled)


def _delta(text: str | None) -> Any:
    from coopgame._sweep_rows import discount_factor

    return None if text is None else discount_factor(text, what="--delta", error=SweepCommandError)


def _target(text: str | None, scenario: Any) -> tuple[str, ...] | None:
    from coopgame._sweep_rows import target_profile

    return (
        None
        if text is None
        else target_profile(scenario.game, text, what="--target", error=SweepCommandError)
    )


def _describe_axis(name: str, values: tuple[Any, ...]) -> str:
    return f"{name}: {len(values)} values {display_number(values[0])}..{display_number(values[-1])}"


def _summary(result: Any, seconds: float) -> str:
    table = result.table
    axes = getattr(result, "axes", {}) or {}
    lines = [f"{len(table)} points ({'; '.join(_describe_axis(n, v) for n, v in axes.items())}), "
             f"method {result.method}, {seconds:.2f} s"]
    for column in ("signature", "stable_signature"):
        if column in table.columns:
            counts = table[column].fillna("(failed)").value_counts(sort=False)
            rows = [[str(label), str(counts[label]), f"{counts[label] / len(table):.1%}"]
                    for label in sorted(counts.index, key=lambda s: (-counts[s], str(s)))]
            lines += ["", render_table([column, "points", "share"], rows, align="lrr", rule=False)]
    if "signature" not in table.columns:
        computed = [str(c) for c in table.columns if c not in axes]
        lines.append(f"columns: {', '.join(computed)}")
    if "sustainable" in table.columns:
        lines.append("")
        lines.append(f"sustainable (delta = {display_number(result.delta)}): "
                     f"{table['sustainable'].astype(float).mean():.1%} of the points")
    failures = getattr(result, "failures", None)
    if failures is not None and len(failures):
        lines.append("")
        lines.append(f"{len(failures)} points failed; first: {failures.iloc[0].to_dict()}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run the sweep (or the Monte Carlo) and report; returns the exit code.

    Errors in the input are raised as ``ValueError`` subclasses or ``OSError``, which
    :func:`coopgame.cli.main` turns into one line on stderr and exit code 2.

    Examples
    --------
    The bundled scenario (tax incentive ``tau = 0``): (Cooperate, Cooperate) is an
    equilibrium once ``S_e >= 25``, (Shirk, Shirk) while ``S_e <= 35``.

    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> run(parser.parse_args(["--grid", "S_e=0:40:5"]))
    Policy map: enterprise subsidy and tax incentive
    5 points (S_e: 5 values 0..40), method fast, ... s
    <BLANKLINE>
    signature                                  points   share
    Shirk,Shirk                                     3   60.0%
    Cooperate,Cooperate                             1   20.0%
    Cooperate,Cooperate + Shirk,Shirk + mixed       1   20.0%
    0
    """
    scenario = _scenario(args.scenario)
    analyses = parse_analyses(args.analysis)
    delta = _delta(args.delta)
    target = _target(args.target, scenario)
    progress = sys.stderr.isatty()
    if args.samples is not None:
        if args.samples < 1:
            raise SweepCommandError(f"--samples: need at least 1 draw; got {args.samples}")
        if args.grid or args.plot:
            raise SweepCommandError(
                "--samples runs a Monte Carlo: it takes no --grid and no --plot"
            )
        return _monte_carlo(args, scenario, target, delta)
    if not args.grid:
        raise SweepCommandError(
            "give at least one --grid NAME=START:STOP:NUM (or --samples N for Monte Carlo)"
        )
    from coopgame.sweep import parse_axes

    axes = parse_axes(args.grid)
    varying = [n for n, v in axes.items() if len(v) > 1]
    if args.plot is not None and len(varying) != 2:
        raise SweepCommandError(
            f"--plot draws a map over two axes with more than one value; got {len(varying)}"
        )
    from coopgame.sweep import sweep

    # a scheduler address: the sweep opens the connection and closes it when done
    start = time.perf_counter()
    result = sweep(
        scenario,
        grid=axes,
        analyses=analyses,
        method=args.method,
        delta=delta,
        target=target,
        client=args.scheduler,
        progress=progress,
    )
    seconds = time.perf_counter() - start
    if args.plot is not None and args.column not in result.table.columns:
        raise SweepCommandError(f"--column: unknown column {args.column!r}; columns are "
                                f"{', '.join(map(str, result.table.columns))}")
    out = [scenario.name, _summary(result, seconds)]
    if args.csv is not None:
        result.table.to_csv(args.csv, index=False)
        out.append(f"\nwrote {args.csv}")
    if args.plot is not None:
        _plot(result, varying[0], varying[1], args.column, args.plot)
        out.append(("" if args.csv else "\n") + f"wrote {args.plot}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


def _plot(result: Any, x: str, y: str, column: str, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from coopgame.sweep import region_map

    Path(path).parent.mkdir(parents=True, exist_ok=True)
    ax = region_map(result, x, y, column, path=path)
    figure: Any = ax.figure
    plt.close(figure)


def _monte_carlo(
    args: argparse.Namespace, scenario: Any, target: tuple[str, ...] | None, delta: Any
) -> int:
    from coopgame.sweep import monte_carlo

    if not getattr(scenario, "uncertainty", None):
        raise SweepCommandError("--samples: the scenario has no [uncertainty] table to draw from")
    start = time.perf_counter()
    result = monte_carlo(scenario, n=args.samples, seed=args.seed, target=target, delta=delta,
                         method=args.method, client=args.scheduler)
    seconds = time.perf_counter() - start
    table = result.table
    lines = [scenario.name,
             f"Monte Carlo: {args.samples} draws per policy (seed {args.seed}), {seconds:.2f} s",
             "", table.to_string(float_format=lambda v: f"{v:.4f}")]
    if args.csv is not None:
        table.to_csv(args.csv)
        lines.append(f"\nwrote {args.csv}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
