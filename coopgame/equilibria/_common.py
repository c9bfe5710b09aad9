"""What every equilibrium solver shares: the argument check it starts with, the choice of
arithmetic, the time limit, and the builder of the result it returns.

One function, :func:`check_solver_input`, refuses what no solver can work with — not a
:class:`~coopgame.Game`, free parameters, a player count the method does not handle, a
``tol`` that is not a positive finite number, a ``max_seconds`` that is neither None nor a
positive finite number, an ``exact`` that is not True, False or None — always with a
:class:`SolverInputError` whose message starts with the solver's name, so that every method
reports the same problem in the same words. One function, :func:`nash_result`, builds the
:class:`~coopgame.equilibria.NashResult` every solver returns, with its provenance.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterable, Mapping
from typing import Any

from coopgame.equilibria._certificate import CertificateError
from coopgame.equilibria._result import Component, Equilibrium, NashResult
from coopgame.game import Game, GameError

__all__ = [
    "SolverInputError",
    "check_solver_input",
    "resolve_exact",
    "deadline_after",
    "expired",
    "nash_result",
]


class SolverInputError(GameError):
    """An equilibrium solver was given something it cannot work with (see :func:`check_solver_input`).

    A :class:`~coopgame.GameError` (and so a ``ValueError``): code that caught the game
    errors the solvers raised before keeps working.
    """


_PLAYER_COUNTS = {1: "one-player", 2: "two-player"}


def check_solver_input(
    game: Any,
    solver: str,
    *,
    players: int | None = None,
    tol: Any = 1e-9,
    max_seconds: Any = None,
    exact: Any = None,
) -> None:
    """Raise :class:`SolverInputError` unless a solver can work on these arguments.

    Parameters
    ----------
    game
        Must be a :class:`~coopgame.Game` without free parameters.
    solver
        The solver's public name, which starts every message.
    players
        The number of players the solver handles (None: any).
    tol
        Must be a positive finite number (not a bool).
    max_seconds
        Must be None or a positive finite number (not a bool).
    exact
        Must be True, False or None.

    Examples
    --------
    >>> check_solver_input(Game.bimatrix([[1]], [[1]]), "vertex_enumeration", players=2, tol=1e-9)
    >>> check_solver_input(Game.bimatrix([[1]], [[1]]), "vertex_enumeration", tol=0)
    Traceback (most recent call last):
    ...
    coopgame.equilibria._common.SolverInputError: vertex_enumeration: tol must be a positive finite number, got 0
    >>> check_solver_input(Game.bimatrix([["a"]], [[1]]), "pure_equilibria")
    Traceback (most recent call last):
    ...
    coopgame.equilibria._common.SolverInputError: pure_equilibria: the game has free parameters ['a']; substitute values first (game.subs({...})), or use coopgame.equilibria.equilibrium_conditions for conditions on them
    """
    if not isinstance(game, Game):
        raise SolverInputError(f"{solver}: expected a coopgame.Game, got {type(game).__name__}")
    if game.kind == "symbolic" and game.parameters:
        raise SolverInputError(
            f"{solver}: the game has free parameters {sorted(map(str, game.parameters))}; "
            "substitute values first (game.subs({...})), or use "
            "coopgame.equilibria.equilibrium_conditions for conditions on them"
        )
    if players is not None and game.n_players != players:
        count = _PLAYER_COUNTS.get(players, f"{players}-player")
        raise SolverInputError(
            f"{solver}: needs a {count} game; this one has {game.n_players} players"
        )
    if not _positive_finite(tol):
        raise SolverInputError(f"{solver}: tol must be a positive finite number, got {tol!r}")
    if max_seconds is not None and not _positive_finite(max_seconds):
        raise SolverInputError(
            f"{solver}: max_seconds must be None or a positive finite number, got {max_seconds!r}"
        )
    if exact is not None and not isinstance(exact, bool):
        raise SolverInputError(f"{solver}: exact must be True, False or None, got {exact!r}")


def _positive_finite(value: Any) -> bool:
    # bool is an int, but tol=True is a mistake, not 1
    return (
        not isinstance(value, bool)
        and isinstance(value, (int, float))
        and math.isfinite(value)
        and value > 0
    )


def resolve_exact(game: Game, exact: bool | None) -> tuple[Game, bool]:
    """The game in the arithmetic a solver should use, and whether that is exact: exact iff
    asked, or (``exact=None``) iff the game's payoffs are exact.

    Examples
    --------
    >>> numeric, exact = resolve_exact(Game.bimatrix([[1, 2]], [[0, 0]]), None)
    >>> numeric.kind, exact
    ('exact', True)
    >>> resolve_exact(numeric, False)[0].kind
    'float'
    """
    if exact is None:
        exact = game.kind == "exact"
    return (game.as_exact() if exact else game.as_float()), bool(exact)


def deadline_after(max_seconds: float | None) -> float | None:
    """The :func:`time.monotonic` instant at which a solver given ``max_seconds`` stops.

    Raises
    ------
    SolverInputError
        If ``max_seconds`` is neither None nor a positive finite number.

    Examples
    --------
    >>> deadline_after(None) is None, deadline_after(5) > time.monotonic()
    (True, True)
    >>> deadline_after(0)
    Traceback (most recent call last):
    ...
    coopgame.equilibria._common.SolverInputError: max_seconds must be None or a positive finite number, got 0
    """
    if max_seconds is None:
        return None
    if not _positive_finite(max_seconds):
        raise SolverInputError(
            f"max_seconds must be None or a positive finite number, got {max_seconds!r}"
        )
    return time.monotonic() + float(max_seconds)


def expired(deadline: float | None) -> bool:
    """Whether the instant from :func:`deadline_after` has passed.

    Examples
    --------
    >>> expired(None), expired(deadline_after(60))
    (False, False)
    """
    return deadline is not None and time.monotonic() > deadline


def nash_result(
    game: Game,
    method: str,
    exact: bool,
    equilibria: Iterable[Equilibrium],
    *,
    tol: float | None,
    max_seconds: float | None,
    options: Mapping[str, Any] | None = None,
    degenerate: bool | None = None,
    components: tuple[Component, ...] | None = None,
    complete: bool = True,
    notes: Iterable[str] = (),
) -> NashResult:
    """The :class:`NashResult` of a solver, with its provenance: the one way every solver builds it.

    Parameters
    ----------
    game
        The game as the caller passed it.
    method
        The method's name (a key of :data:`coopgame.equilibria.METHODS`, or ``"single_player"``...).
    exact
        Whether the computation was exact; every equilibrium must agree.
    equilibria
        The certified equilibria in their final order (component indices refer to it).
    tol, max_seconds, options
        The parameters the solver ran with; ``tol=None`` when the method did not use it
        (exact vertex enumeration). ``options`` holds method-specific ones.
    degenerate, components, complete, notes
        As in :class:`NashResult`; repeated notes are kept once.

    Raises
    ------
    CertificateError
        If an equilibrium's arithmetic is not the result's (a solver bug).

    Examples
    --------
    >>> res = nash_result(Game.bimatrix([[1]], [[1]]), "pure", True, (), tol=1e-9, max_seconds=None,
    ...                   notes=("none", "none"))
    >>> res.notes, dict(res.parameters)
    (('none',), {'tol': 1e-09, 'max_seconds': None})
    """
    found = tuple(equilibria)
    if any(eq.exact != exact for eq in found):
        raise CertificateError(
            f"{method}: an equilibrium's arithmetic differs from the result's (exact={exact})"
        )
    parameters: dict[str, Any] = {} if tol is None else {"tol": tol}
    parameters["max_seconds"] = max_seconds
    parameters.update(options or {})
    return NashResult(
        game=game,
        method=method,
        exact=bool(exact),
        degenerate=degenerate,
        equilibria=found,
        components=components,
        complete=complete,
        notes=tuple(dict.fromkeys(notes)),
        parameters=parameters,
    )
