"""Nash equilibria: one module per method, one result type for all.

:func:`nash_equilibria` picks a method and an arithmetic; each method is also a
public function of this package (``from coopgame.equilibria import
vertex_enumeration``), returning the same :class:`NashResult`.
"""

from __future__ import annotations

import importlib
import math
import time
from collections.abc import Callable
from typing import Any

from coopgame._lazy import lazy_exports
from coopgame.equilibria._certificate import (
    CertificateError,
    ProfileError,
    as_profile,
    is_nash,
    regret,
)
from coopgame.equilibria._result import Component, Equilibrium, NashResult, NashSubset
from coopgame.errors import CoopgameError
from coopgame.game import Game, GameError
from coopgame.numbers import DEFAULT_TOL

_LAZY: dict[str, str] = {
    "pure_equilibria": "coopgame.equilibria._pure",
    "pure_profiles_mask": "coopgame.equilibria._pure",
    "support_enumeration": "coopgame.equilibria._support",
    "vertex_enumeration": "coopgame.equilibria._vertex",
    "lemke_howson": "coopgame.equilibria._lemke_howson",
    "zero_sum_lp": "coopgame.equilibria._zero_sum",
    "game_value": "coopgame.equilibria._zero_sum",
    "polynomial_enumeration": "coopgame.equilibria._polynomial",
    "PolynomialSolveError": "coopgame.equilibria._polynomial",
    "single_player_equilibria": "coopgame.equilibria._single_player",
    "eliminate_dominated": "coopgame.equilibria._dominance",
    "DominanceResult": "coopgame.equilibria._dominance",
    "EliminationStep": "coopgame.equilibria._dominance",
    "equilibrium_conditions": "coopgame.equilibria._symbolic",
    "ConditionsResult": "coopgame.equilibria._symbolic",
    "MixedEquilibrium2x2": "coopgame.equilibria._symbolic",
    "ProfileCondition": "coopgame.equilibria._symbolic",
    "AssumptionError": "coopgame._assumptions",
    "format_result": "coopgame.equilibria._report",
}

__all__ = [
    "METHODS",
    "CertificateError",
    "Component",
    "Equilibrium",
    "NashResult",
    "NashSubset",
    "ProfileError",
    "as_profile",
    "is_nash",
    "nash_equilibria",
    "regret",
    "solver",
    *_LAZY,
]

# the solvers load on first use: some need sympy or scipy, and `import coopgame` stays fast
__getattr__, __dir__ = lazy_exports(__name__, _LAZY, globals())

#: method name -> (module, function, players it handles: 2, or None for any number)
METHODS: dict[str, tuple[str, str, int | None]] = {
    "vertex": ("coopgame.equilibria._vertex", "vertex_enumeration", 2),
    "support": ("coopgame.equilibria._support", "support_enumeration", 2),
    "lemke_howson": ("coopgame.equilibria._lemke_howson", "lemke_howson", 2),
    "zero_sum": ("coopgame.equilibria._zero_sum", "zero_sum_lp", 2),
    "pure": ("coopgame.equilibria._pure", "pure_equilibria", None),
    "polynomial": ("coopgame.equilibria._polynomial", "polynomial_enumeration", None),
}


def solver(method: str) -> Callable[..., NashResult]:
    """The solver function behind a method name.

    Examples
    --------
    >>> solver("polynomial").__name__
    'polynomial_enumeration'
    """
    if method not in METHODS:
        raise CoopgameError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    module, function, _ = METHODS[method]
    found: Callable[..., NashResult] = getattr(importlib.import_module(module), function)
    return found


def nash_equilibria(
    game: Game,
    method: str | None = None,
    exact: bool | None = None,
    tol: float = DEFAULT_TOL,
    max_seconds: float | None = 60.0,
    **options: Any,
) -> NashResult:
    """The Nash equilibria of a game, each with its regret as a certificate.

    Parameters
    ----------
    game
        A numeric game (substitute the parameters of a symbolic one first, or use
        :func:`coopgame.equilibria.equilibrium_conditions`).
    method
        One of :data:`METHODS`. Default: ``"vertex"`` (all extreme equilibria and
        the components) for two players, ``"polynomial"`` (all isolated
        equilibria) for more.
    exact
        Exact rational arithmetic. Default: exact iff the game's payoffs are exact.
        ``exact=True`` on a float game reads the floats as the decimals they print as.
    tol
        Float mode: the largest regret accepted, as a fraction of each player's payoff
        range (so that the unit of the payoffs does not matter), and the tolerance for ties.
    max_seconds
        Stop after about this many seconds (None: no limit). A result cut short says
        ``complete=False`` and, in a note, what it covered.
    options
        Passed to the method's function.

    Examples
    --------
    The coordination game has two pure equilibria and one mixed one:

    >>> from coopgame import Game, nash_equilibria
    >>> g = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> res = nash_equilibria(g)
    >>> res.method, res.exact, len(res)
    ('vertex', True, 3)
    >>> [[[str(p) for p in vec] for vec in eq.profile] for eq in res]
    [[['1', '0'], ['1', '0']], [['2/3', '1/3'], ['1/3', '2/3']], [['0', '1'], ['0', '1']]]
    """
    if not isinstance(game, Game):
        raise GameError(f"expected a coopgame.Game, got {type(game).__name__}")
    if game.kind == "symbolic" and game.parameters:
        raise GameError(
            f"the game has free parameters {sorted(map(str, game.parameters))}: substitute values "
            "with game.subs({...}), or use coopgame.equilibria.equilibrium_conditions for symbolic conditions"
        )
    if method is None:
        method = "vertex" if game.n_players == 2 else "polynomial"
    if method not in METHODS:
        raise CoopgameError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    players = METHODS[method][2]
    if players is not None and game.n_players != players:
        raise GameError(f"method {method!r} needs a {players}-player game; this one has {game.n_players}")
    return solver(method)(game, exact=exact, tol=tol, max_seconds=max_seconds, **options)


def require_numeric_game(game: Any, method: str, players: int | None = None) -> None:
    """Raise :class:`GameError` unless ``game`` is a :class:`Game` without free parameters
    (and with ``players`` players, if given): the argument check every solver starts with.

    Examples
    --------
    >>> require_numeric_game(Game.bimatrix([[1]], [[1]]), "vertex enumeration", players=2)
    >>> require_numeric_game(Game.bimatrix([["a"]], [[1]]), "vertex enumeration")
    Traceback (most recent call last):
    ...
    coopgame.game.GameError: the game has free parameters ['a']; substitute values first
    """
    if not isinstance(game, Game):
        raise GameError(f"expected a coopgame.Game, got {type(game).__name__}")
    if players is not None and game.n_players != players:
        count = "two" if players == 2 else str(players)
        raise GameError(f"{method} needs a {count}-player game; this one has {game.n_players} players")
    if game.kind == "symbolic" and game.parameters:
        raise GameError(
            f"the game has free parameters {sorted(map(str, game.parameters))}; substitute values first"
        )


def resolve_exact(game: Game, exact: bool | None) -> tuple[Game, bool]:
    """The game in the arithmetic a solver should use, and whether that is exact.

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
    CoopgameError
        If ``max_seconds`` is neither None nor a positive number.

    Examples
    --------
    >>> deadline_after(None) is None, deadline_after(5) > time.monotonic()
    (True, True)
    >>> deadline_after(0)
    Traceback (most recent call last):
    ...
    coopgame.errors.CoopgameError: max_seconds must be a positive number or None, got 0
    """
    if max_seconds is None:
        return None
    if isinstance(max_seconds, bool) or not isinstance(max_seconds, (int, float)) or not (
        math.isfinite(max_seconds) and max_seconds > 0
    ):
        raise CoopgameError(f"max_seconds must be a positive number or None, got {max_seconds!r}")
    return time.monotonic() + float(max_seconds)


def expired(deadline: float | None) -> bool:
    """Whether the instant from :func:`deadline_after` has passed.

    Examples
    --------
    >>> expired(None), expired(deadline_after(60))
    (False, False)
    """
    return deadline is not None and time.monotonic() > deadline
