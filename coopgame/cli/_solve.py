"""``coopgame solve``: every Nash equilibrium of a game in a Gambit ``.nfg`` file.

Without a file it solves the bundled school-enterprise example
(``coopgame/data/school_enterprise.nfg``). Bad input (a missing or malformed file,
an unknown method, a method that does not fit the game) is reported by
:func:`coopgame.cli.main` as one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import math
import sys
from importlib import resources

from coopgame.errors import CoopgameError
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL

__all__ = ["add_arguments", "run", "example_game", "EXAMPLE_FILE"]

#: The bundled example solved when no file is given.
EXAMPLE_FILE = "school_enterprise.nfg"

FORMATS = ("text", "markdown", "json")


class SolveError(CoopgameError):
    """A command-line request that cannot be carried out (unknown method, bad tolerance)."""


def example_game() -> Game:
    """The bundled school-enterprise stag hunt (exact payoffs).

    Examples
    --------
    >>> g = example_game()
    >>> g.players, g.strategies[0]
    (('School', 'Enterprise'), ('Cooperate', 'Shirk'))
    >>> g.payoff_of(("Cooperate", "Cooperate"))
    (Fraction(5, 1), Fraction(4, 1))
    """
    from coopgame.io import parse_nfg

    text = resources.files("coopgame.data").joinpath(EXAMPLE_FILE).read_text(encoding="utf-8")
    return parse_nfg(text, source=EXAMPLE_FILE)


def _tolerance(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"tolerance {text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"tolerance must be a positive number, got {text!r}")
    return value


def _seconds(text: str) -> float | None:
    if text.strip().lower() == "none":
        return None
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"max-seconds {text!r} is not a number") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(
            f"max-seconds must be a positive number or 'none', got {text!r}"
        )
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``coopgame solve``.

    Examples
    --------
    >>> parser = argparse.ArgumentParser()
    >>> add_arguments(parser)
    >>> args = parser.parse_args(["game.nfg", "--float", "--format", "json"])
    >>> args.game, args.exact, args.format, args.method, args.max_seconds
    ('game.nfg', False, 'json', None, 60.0)
    """
    from coopgame.equilibria import METHODS

    parser.add_argument(
        "game", nargs="?", default=None, metavar="GAME.nfg",
        help=f"a Gambit strategic-form file (default: the bundled example {EXAMPLE_FILE})",
    )
    parser.add_argument(
        "--method", default=None, metavar="M",
        help=f"one of {', '.join(METHODS)} (default: vertex for two players, polynomial for more)",
    )
    arithmetic = parser.add_mutually_exclusive_group()
    arithmetic.add_argument(
        "--exact",
        dest="exact",
        action="store_const",
        const=True,
        default=None,
        help="exact rational arithmetic (default for exact games, i.e. every .nfg file)",
    )
    arithmetic.add_argument("--float", dest="exact", action="store_const", const=False,
                            help="floating-point arithmetic")
    parser.add_argument(
        "--format", choices=FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--tol",
        type=_tolerance,
        default=DEFAULT_TOL,
        metavar="T",
        help=f"float mode: largest regret accepted, as a fraction of each player's payoff "
        f"range (default: {DEFAULT_TOL})",
    )
    parser.add_argument(
        "--max-seconds",
        type=_seconds,
        default=60.0,
        metavar="S",
        help="stop after about S seconds and report what was covered; 'none' for no "
        "limit (default: 60)",
    )


def run(args: argparse.Namespace) -> int:
    """Solve the requested game and print the result; returns the exit code.

    Errors in the input are raised as ``ValueError`` subclasses or ``OSError``, which
    :func:`coopgame.cli.main` turns into one line on stderr and exit code 2.

    Examples
    --------
    >>> run(
    ...     argparse.Namespace(
    ...         game=None, method="support", exact=None, format="text", tol=1e-9, max_seconds=60
    ...     )
    ... )
    3 equilibria (support, exact)
    ...
    0
    """
    from coopgame.equilibria import METHODS, CertificateError, format_result, nash_equilibria
    from coopgame.io import read_nfg

    if args.method is not None and args.method not in METHODS:
        raise SolveError(f"unknown method {args.method!r}; choose one of {', '.join(METHODS)}")
    game = example_game() if args.game is None else read_nfg(args.game)
    try:
        result = nash_equilibria(game, method=args.method, exact=args.exact, tol=args.tol,
                                 max_seconds=getattr(args, "max_seconds", 60.0))
    except CertificateError as exc:
        # a solver bug or a float breakdown: one line, never a traceback
        raise SolveError(f"no certified answer: {exc}; try --exact or a larger --tol") from None
    except ModuleNotFoundError as exc:
        # a method listed in METHODS whose module is not part of this installation
        missing = [name for name, (module, _, _) in METHODS.items() if module == exc.name]
        if not missing:
            raise
        raise SolveError(
            f"method {missing[0]!r} is not available in this installation (module {exc.name} is "
            "missing)"
        ) from None
    sys.stdout.write(format_result(result, args.format) + "\n")
    return 0
