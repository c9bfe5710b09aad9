"""The ``coopgame`` command line: ``coopgame solve``, ``coopgame analyze``, ``coopgame sweep``.

Each subcommand lives in its own private module with ``add_arguments(parser)`` and
``run(args) -> int``. Errors in the user's input (every ``ValueError`` subclass the
library raises, and unreadable files) print one line on stderr and exit 2.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

__all__ = ["COMMANDS", "EXIT_USAGE", "build_parser", "main"]

#: subcommand -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "solve": ("coopgame.cli._solve", "all Nash equilibria of a game in a Gambit .nfg file"),
    "analyze": (
        "coopgame.cli._analyze",
        "analyse a school-enterprise scenario (default: the built-in model)",
    ),
    "sweep": (
        "coopgame.cli._sweep",
        "policy maps over a parameter grid, Monte Carlo over uncertain parameters",
    ),
}

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints usage plus the message; keep it to the one line we promise
        sys.stderr.write(f"coopgame: error: {message}\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    from coopgame import __version__

    parser = _Parser(
        prog="coopgame", description="Game-theoretic analysis of school-enterprise cooperation."
    )
    parser.add_argument("--version", action="version", version=f"coopgame {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, (module, help_text) in COMMANDS.items():
        try:
            command_module = importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
            continue  # a subcommand not in this installation must not break the others
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        command_module.add_arguments(command_parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    args = build_parser().parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run(args))
    except (ValueError, OSError, KeyError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if isinstance(exc, OSError) and exc.filename is not None:
            message = f"{exc.strerror or message}: {exc.filename}"
        sys.stderr.write(f"coopgame: error: {message}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("coopgame: interrupted\n")
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
