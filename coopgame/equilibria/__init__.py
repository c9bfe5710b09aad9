"""Nash equilibria: one module per method, one result type for all.

:func:`nash_equilibria` picks a method and an arithmetic; each method is also a
public function of this package (``from coopgame.equilibria import
vertex_enumeration``), returning the same :class:`NashResult`.
"""

from __future__ import annotations

import importlib
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

# the solvers' shared helpers, importable from here as before they moved to _common
from coopgame.equilibria._common import (
    SolverInputError,
    check_solver_input,
)
from coopgame.equilibria._common import deadline_after as deadline_after
from coopgame.equilibria._common import expired as expired
from coopgame.equilibria._common import resolve_exact as resolve_exact
from coopgame.equilibria._result import Component, Equilibrium, NashResult, NashSubset
from coopgame.errors import CoopgameError
from coopgame.game import Game
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
    "SolverInputError",
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
    if method is not None and method not in METHODS:
        raise CoopgameError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    # the chosen method's name and player count, so that the message is the solver's own
    name, players = ("nash_equilibria", None) if method is None else METHODS[method][1:]
    check_solver_input(game, name, players=players, tol=tol, max_seconds=max_seconds, exact=exact)
    if method is None:
        method = "vertex" if game.n_players == 2 else "polynomial"
    return solver(method)(game, exact=exact, tol=tol, max_seconds=max_seconds, **options)


def require_numeric_game(game: Any, method: str, players: int | None = None) -> None:
    """Raise :class:`SolverInputError` unless ``game`` is a :class:`Game` without free
    parameters (and with ``players`` players, if given): :func:`check_solver_input` for
    the game alone.

    Examples
    --------
    >>> require_numeric_game(Game.bimatrix([[1]], [[1]]), "vertex_enumeration", players=2)
    >>> require_numeric_game(Game.bimatrix([["a"]], [[1]]), "vertex_enumeration")
    Traceback (most recent call last):
    ...
    coopgame.equilibria._common.SolverInputError: vertex_enumeration: the game has free parameters ['a']; substitute values first (game.subs({...})), or use coopgame.equilibria.equilibrium_conditions for conditions on them
    """
    check_solver_input(game, method, players=players)
