"""What a sweep computes at one parameter point: the per-point functions of the built-in analyses.

Each function is ``(game, context) -> dict`` of a *numeric* game (the scenario's game at
one point) and an :class:`~coopgame.analyses.AnalysisContext` (the target profile, the
discount factor, the threshold requests, the point's parameter values). The analyses of
:mod:`coopgame.analyses` call them in ``Analysis.row`` and declare the columns (with their
types) in ``Analysis.columns``, before anything is computed, so that a point that fails
still has a full row. The names ``sweep(analyses=...)`` accepts are the registry's
(:func:`coopgame.analyses.names` with ``sweep=True``).

The labels (:func:`profile_label`, :func:`equilibria_signature`,
:func:`stability_signature`) are shared with the vectorised fast path
(:mod:`coopgame.sweep._fast`), so both paths print the same strings.

Columns (see ``docs/guide/sweeps.md``):

``"equilibria"``
    ``nash[<profile>]`` (bool) for every pure profile; for two players also
    ``n_equilibria``, ``n_mixed`` (int), ``mixed[<player>]`` (float) and ``degenerate``
    (bool); ``signature`` (str).
``"stability"``
    ``stability[<profile>]`` (str), ``stable[<profile>]`` (bool), ``stable_signature`` (str).
``"repeated"``
    ``delta_star`` (float) and, when a discount factor is known, ``sustainable`` (bool).
``"thresholds"``
    ``threshold[<parameter>,<condition>]`` (float) per threshold request.
``"bargaining"``
    ``bargaining[<player>]`` (float), two-player games.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from coopgame.analyses import AnalysisContext, ColumnKind
from coopgame.evolution import vertex_eigenvalues
from coopgame.game import Game
from coopgame.numbers import DEFAULT_TOL, InvalidNumberError, to_exact, to_symbolic
from coopgame.sweep import SweepError

if TYPE_CHECKING:
    from coopgame.analyses.thresholds import ThresholdRequest

__all__ = [
    "AnalysisContext",
    "ColumnKind",
    "STABLE",
    "bargaining",
    "discount_factor",
    "equilibria",
    "equilibria_signature",
    "pure_nash_flags",
    "profile_label",
    "profile_labels",
    "repeated",
    "stability",
    "stability_signature",
    "target_profile",
    "threshold_column",
    "threshold_key",
    "thresholds",
    "vertex_eigenvalues",
]

#: The :func:`coopgame.evolution.classify` class of a stable vertex (``stable[<profile>]``).
STABLE = "asymptotically stable"


# --------------------------------------------------------------------------- labels
def profile_label(game: Game, profile: Sequence[int | str]) -> str:
    """The label of a pure profile: strategy names joined by commas.

    Examples
    --------
    >>> g = Game.bimatrix(
    ...     [[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["Cooperate", "Shirk"]] * 2
    ... )
    >>> profile_label(g, (0, 1)), profile_label(g, ("Shirk", "Shirk"))
    ('Cooperate,Shirk', 'Shirk,Shirk')
    """
    from coopgame._profiles import profile_names

    return ",".join(profile_names(game, game.profile_index(profile)))


def profile_labels(game: Game) -> list[str]:
    """The labels of every pure profile, in profile (C) order: the ``<profile>`` of the columns.

    Examples
    --------
    >>> g = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    >>> profile_labels(g)
    ['C,C', 'C,D', 'D,C', 'D,D']
    """
    return [profile_label(game, p) for p in game.pure_profiles()]


def target_profile(game: Game, target: Any, *, what: str = "target",
                   error: type[ValueError] = SweepError) -> tuple[str, ...]:
    """A target profile checked against the game, as strategy names (one per player).

    ``target`` is a label ``"A,B"``, a sequence of strategy names or indices, or a
    mapping player -> strategy. Errors are ``error`` (a ``ValueError`` subclass) whose
    message starts with ``what``.

    Examples
    --------
    >>> g = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    >>> target_profile(g, "C, D"), target_profile(g, (1, 0))
    (('C', 'D'), ('D', 'C'))
    >>> target_profile(g, "C")
    Traceback (most recent call last):
    ...
    coopgame.sweep._points.SweepError: target 'C': a pure profile needs 2 strategies, got 1
    """
    given = target
    if isinstance(target, str):
        target = [t.strip() for t in target.split(",")]
    if not isinstance(target, (Sequence, Mapping)):
        raise error(f"{what} {given!r}: expected strategy names such as 'A,B' or ('A', 'B')")
    from coopgame._profiles import profile_names

    try:
        index = game.profile_index(target)
    except (ValueError, TypeError, KeyError) as exc:
        raise error(f"{what} {given!r}: {exc}") from None
    return profile_names(game, index)


def discount_factor(
    value: Any, *, what: str = "delta", error: type[ValueError] = SweepError
) -> Fraction:
    """A discount factor as an exact Fraction strictly between 0 and 1.

    Errors are ``error`` (a ``ValueError`` subclass) whose message starts with ``what``.

    Examples
    --------
    >>> discount_factor(0.9), discount_factor("4/5")
    (Fraction(9, 10), Fraction(4, 5))
    >>> discount_factor(1)
    Traceback (most recent call last):
    ...
    coopgame.sweep._points.SweepError: delta: must lie strictly between 0 and 1, got 1
    """
    try:
        delta = to_exact(value)
    except (InvalidNumberError, TypeError):
        raise error(f"{what}: {value!r} is not a number (write 0.9 or 9/10)") from None
    if not 0 < delta < 1:
        raise error(f"{what}: must lie strictly between 0 and 1, got {value!r}")
    return delta


def equilibria_signature(pure: Sequence[str], n_mixed: int = 0) -> str:
    """The equilibrium signature: pure equilibria in profile order, then the mixed ones.

    ``pure`` are the labels of the pure equilibria in profile (C) order; ``n_mixed`` the
    number of extreme equilibria that are not pure. ``"none"`` when there are none.

    Examples
    --------
    >>> equilibria_signature(["Cooperate,Cooperate", "Shirk,Shirk"], 1)
    'Cooperate,Cooperate + Shirk,Shirk + mixed'
    >>> equilibria_signature([], 2), equilibria_signature(["Shirk,Shirk"]), equilibria_signature([])
    ('2 mixed', 'Shirk,Shirk', 'none')
    """
    parts = list(pure)
    if n_mixed == 1:
        parts.append("mixed")
    elif n_mixed > 1:
        parts.append(f"{n_mixed} mixed")
    return " + ".join(parts) if parts else "none"


def stability_signature(stable: Sequence[str]) -> str:
    """The stable vertices of the replicator dynamics joined by ``" + "``, or ``"none"``.

    Examples
    --------
    >>> stability_signature(["Cooperate,Cooperate", "Shirk,Shirk"]), stability_signature([])
    ('Cooperate,Cooperate + Shirk,Shirk', 'none')
    """
    return " + ".join(stable) if stable else "none"


def threshold_column(request: ThresholdRequest) -> str:
    """The column of a threshold request: ``threshold[<parameter>,<condition>]``.

    Examples
    --------
    >>> from coopgame.io import ThresholdRequest
    >>> threshold_column(ThresholdRequest("S_e", ("Cooperate", "Cooperate"), "strict"))
    'threshold[S_e,strict]'
    """
    return f"threshold[{request.parameter},{request.condition}]"


# --------------------------------------------------------------------------- pure profiles
def pure_nash_flags(game: Game) -> dict[str, bool]:
    """For every pure profile (by label, in profile order): is it a Nash equilibrium?

    :func:`coopgame.equilibria._pure.pure_profiles_mask` keyed by :func:`profile_label`:
    exact games are decided exactly, float games accept deviation gains up to
    :data:`coopgame.numbers.DEFAULT_TOL`, as the float solvers do.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    >>> pure_nash_flags(pd)
    {'C,C': False, 'C,D': False, 'D,C': False, 'D,D': True}
    """
    from coopgame.equilibria import pure_profiles_mask

    return {
        label: bool(flag)
        for label, flag in zip(profile_labels(game), pure_profiles_mask(game).ravel())
    }


# --------------------------------------------------------------------------- analyses
def equilibria(game: Game, context: AnalysisContext) -> dict[str, Any]:
    """Which pure profiles are equilibria; for two players the extreme equilibria too.

    Two-player games are solved by :func:`coopgame.nash_equilibria` (vertex enumeration,
    exact for exact games): ``n_equilibria`` counts the extreme equilibria, ``n_mixed``
    those that are not pure, ``mixed[<player>]`` is the probability of the player's first
    strategy in the completely mixed equilibrium when exactly one extreme equilibrium
    has both players mix all their strategies (else NaN).

    Examples
    --------
    A coordination game: two pure equilibria and a mixed one at (2/3, 1/3).

    >>> g = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], players=["A", "B"],
    ...                   strategies=[["X", "Y"]] * 2)
    >>> row = equilibria(g, AnalysisContext(target=("X", "X")))
    >>> row["nash[X,X]"], row["nash[X,Y]"], row["n_equilibria"], row["n_mixed"]
    (True, False, 3, 1)
    >>> row["mixed[A]"], row["mixed[B]"], row["degenerate"]
    (0.6666666666666666, 0.3333333333333333, False)
    >>> row["signature"]
    'X,X + Y,Y + mixed'
    """
    flags = pure_nash_flags(game)
    row: dict[str, Any] = {f"nash[{label}]": flag for label, flag in flags.items()}
    pure = [label for label, flag in flags.items() if flag]
    n_mixed = 0
    if game.n_players == 2:
        from coopgame.equilibria import nash_equilibria

        result = nash_equilibria(game)
        n_mixed = sum(1 for e in result.equilibria if not e.is_pure)
        full = [e for e in result.equilibria
                if all(len(s) == n for s, n in zip(e.support, game.shape))]
        row["n_equilibria"] = len(result.equilibria)
        row["n_mixed"] = n_mixed
        for i, player in enumerate(game.players):
            row[f"mixed[{player}]"] = float(full[0].profile[i][0]) if len(full) == 1 else math.nan
        row["degenerate"] = bool(result.degenerate)
    row["signature"] = equilibria_signature(pure, n_mixed)
    return row


def stability(game: Game, context: AnalysisContext) -> dict[str, Any]:
    """Linear stability of every vertex of the multi-population replicator dynamics.

    Each vertex is classified by :func:`coopgame.evolution.classify` of its eigenvalues
    (:func:`vertex_eigenvalues`): exactly for exact games, so a tie (a zero eigenvalue)
    is ``"inconclusive"`` and never stable.

    Examples
    --------
    The Prisoner's Dilemma: only mutual defection is stable.

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    >>> row = stability(pd, AnalysisContext(target=("C", "C")))
    >>> row["stability[D,D]"], row["stability[C,D]"], row["stable[C,C]"], row["stable_signature"]
    ('asymptotically stable', 'saddle', False, 'D,D')
    """
    from coopgame.evolution import classify

    exact = game.kind != "float"
    row: dict[str, Any] = {}
    stable = []
    labels = profile_labels(game)
    for label, profile in zip(labels, game.pure_profiles()):
        eigenvalues = vertex_eigenvalues(game, profile)
        # classify judges sympy numbers exactly and floats with the tolerance
        values = [to_symbolic(to_exact(v)) if exact else float(v) for v in eigenvalues]
        classification = classify(values, DEFAULT_TOL)
        row[f"stability[{label}]"] = classification
        if classification == STABLE:
            stable.append(label)
    for label in labels:
        row[f"stable[{label}]"] = label in stable
    row["stable_signature"] = stability_signature(stable)
    return row


def repeated(game: Game, context: AnalysisContext) -> dict[str, Any]:
    """The grim-trigger critical discount factor of the target profile, and whether it holds.

    ``delta_star`` is :func:`coopgame.repeated.critical_discount` (Nash reversion) as a
    float: 0 when the target is a stage equilibrium, NaN when no delta < 1 works.
    ``sustainable`` (only when ``context.delta`` is known) is whether the target is
    sustained at that delta (:meth:`CriticalDiscount.sustains`).

    Examples
    --------
    The Prisoner's Dilemma R, S, T, P = 3, 0, 5, 1: delta* = (T - R) / (T - P) = 1/2.

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"]] * 2)
    >>> repeated(pd, AnalysisContext(target=("C", "C"), delta=Fraction(3, 5)))
    {'delta_star': 0.5, 'sustainable': True}
    >>> repeated(pd, AnalysisContext(target=("D", "D")))
    {'delta_star': 0.0}
    """
    target = game.profile_index(context.target)
    if pure_nash_flags(game)[profile_label(game, target)]:
        row: dict[str, Any] = {"delta_star": 0.0}
        if context.delta is not None:
            row["sustainable"] = True
        return row
    from coopgame.repeated import critical_discount

    result = critical_discount(game, target)
    row = {"delta_star": math.nan if result.delta is None else float(result.delta)}
    if context.delta is not None:
        row["sustainable"] = result.sustains(context.delta)
    return row


def thresholds(game: Game, context: AnalysisContext) -> dict[str, Any]:
    """Each threshold request's level at this point (:func:`coopgame.design.threshold`).

    The threshold of a parameter depends on the other parameters' values at the point,
    not on its own. NaN when no level works.

    Examples
    --------
    >>> from coopgame.io import ThresholdRequest
    >>> g = Game.bimatrix([[4, 0], [3, 1]], [["S - c", 0], [2, 1]], strategies=[["C", "N"]] * 2)
    >>> request = ThresholdRequest("S", ("C", "C"), "nash")
    >>> context = AnalysisContext(("C", "C"), thresholds=(request,), symbolic_game=g,
    ...                           values={"S": 0, "c": 2})
    >>> thresholds(g.subs({"S": 0, "c": 2}), context)
    {'threshold[S,nash]': 2.0}
    """
    from coopgame.design import threshold

    if context.thresholds and context.symbolic_game is None:
        raise SweepError("the thresholds analysis needs the symbolic game in the context")
    row: dict[str, Any] = {}
    for request in context.thresholds:
        others = {k: v for k, v in context.values.items() if k != request.parameter}
        found = threshold(
            context.symbolic_game,  # type: ignore[arg-type]
            request.parameter,
            request.target,
            request.condition,  # type: ignore[arg-type]
            values=others,
        )
        row[threshold_key(context, request)] = (
            math.nan if found.value is None else float(found.value)
        )
    return row


def threshold_key(context: AnalysisContext, request: ThresholdRequest) -> str:
    """The column of a request among the context's: :func:`threshold_column`, with the target
    when two requests share a parameter and a condition.

    Examples
    --------
    >>> from coopgame.io import ThresholdRequest
    >>> a, b = ThresholdRequest("s", ("C", "C")), ThresholdRequest("s", ("D", "D"))
    >>> threshold_key(AnalysisContext(("C", "C"), thresholds=(a,)), a)
    'threshold[s,nash]'
    >>> threshold_key(AnalysisContext(("C", "C"), thresholds=(a, b)), b)
    'threshold[s,nash,D,D]'
    """
    column = threshold_column(request)
    clashes = [r for r in context.thresholds if threshold_column(r) == column]
    if len(clashes) > 1:  # two targets for one parameter and condition: name the target too
        column = f"threshold[{request.parameter},{request.condition},{','.join(request.target)}]"
    return column


def bargaining(game: Game, context: AnalysisContext) -> dict[str, Any]:
    """The Nash bargaining payoffs from the security levels
    (:func:`coopgame.bargaining.game_bargaining`).

    NaN if there is no agreement.

    Examples
    --------
    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["S", "E"])
    >>> bargaining(pd, AnalysisContext(target=("1", "1")))
    {'bargaining[S]': 3.0, 'bargaining[E]': 3.0}
    """
    from coopgame.bargaining import BargainingError, game_bargaining

    try:
        point: Sequence[Any] = game_bargaining(game).point
    except BargainingError:
        point = [math.nan] * game.n_players
    return {f"bargaining[{p}]": float(v) for p, v in zip(game.players, point)}
