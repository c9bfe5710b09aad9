"""Cooperative (transferable-utility) games: who contributes what, and a fair split.

A :class:`CoalitionGame` holds a characteristic function ``v(S)`` for every
coalition ``S``, stored as an array indexed by bitmask (bit ``i`` set: player
``i`` is in the coalition). Allocations: Shapley value (subset formula, vectorised
over bitmasks), Banzhaf value, the core (membership, a point, emptiness by the
Bondareva-Shapley linear programme) and the nucleolus (sequence of linear
programmes, re-solved exactly for exact games). Exact input gives exact output.

References
----------
Shapley, L. S. (1953). A value for n-person games. Contributions to the Theory of Games II.
Bondareva, O. (1963); Shapley, L. S. (1967). On balanced sets and cores.
Schmeidler, D. (1969). The nucleolus of a characteristic function game. SIAM J. Appl. Math. 17.
Maschler, M., Solan, E., Zamir, S. (2013). Game Theory, ch. 16-20. Cambridge University Press.
Aumann, R. J., Maschler, M. (1985). Game theoretic analysis of a bankruptcy problem from the
Talmud. Journal of Economic Theory 36, 195-213.

Long because: CoalitionGame and its solution concepts (Shapley, Banzhaf, core, the nucleolus with
its exact re-check, superadditivity and convexity) are one family over the same coalition
representation.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._exact_linalg import solve
from coopgame._format import json_number
from coopgame.errors import CoopgameError
from coopgame.game import Game
from coopgame.numbers import Kind, array_kind, convert_array

__all__ = [
    "CoalitionError",
    "CoalitionGame",
    "CoreResult",
    "shapley_value",
    "banzhaf_value",
    "core",
    "in_core",
    "nucleolus",
    "is_superadditive",
    "is_convex",
]


class CoalitionError(CoopgameError):
    """Invalid cooperative game: missing coalitions, bad players, or an empty imputation set."""


class CoalitionGame:
    """A transferable-utility game: a value ``v(S)`` for every coalition.

    Parameters
    ----------
    values
        Mapping coalition -> value, where a coalition is a collection of player
        names (``frozenset``, tuple, or a single name for a one-player coalition).
        Every non-empty coalition must be given; ``v(empty) = 0``.
    players
        Player names, in order (default: the names found in ``values``, sorted).

    Examples
    --------
    The glove game: player 1 has a left glove, players 2 and 3 a right glove each;
    a pair is worth 1.

    >>> glove = CoalitionGame.from_function(["L", "R1", "R2"],
    ...     lambda s: min(int("L" in s), int("R1" in s) + int("R2" in s)))
    >>> glove.value(["L", "R1"]), glove.kind
    (Fraction(1, 1), 'exact')
    """

    __slots__ = ("_players", "_values", "_kind")

    def __init__(self, values: Mapping[Any, Any], players: Sequence[str] | None = None) -> None:
        names = list(players) if players is not None else sorted(
            {str(p) for c in values for p in _members(c)})
        if len(set(names)) != len(names) or not names:
            raise CoalitionError(f"players must be distinct and at least one; got {names}")
        index = {p: i for i, p in enumerate(names)}
        n = len(names)
        table: list[Any] = [None] * (1 << n)
        table[0] = 0
        for coalition, value in values.items():
            members = _members(coalition)
            unknown = [p for p in members if p not in index]
            if unknown:
                raise CoalitionError(
                    f"coalition {sorted(members)} has unknown players {unknown}; players are "
                    f"{names}"
                )
            mask = sum(1 << index[p] for p in members)
            if mask == 0 and value != 0:
                raise CoalitionError("the empty coalition must have value 0")
            table[mask] = value
        missing = [m for m in range(1, 1 << n) if table[m] is None]
        if missing:
            shown = ", ".join("{" + ", ".join(_names_of(m, names)) + "}" for m in missing[:5])
            raise CoalitionError(
                f"the characteristic function is missing {len(missing)} coalition(s): {shown}"
            )
        try:
            kind = array_kind(table)
            arr = convert_array(table, kind)
        except ValueError as exc:
            raise CoalitionError(f"invalid coalition value: {exc}") from None
        if kind == "float":
            arr = arr.astype(float)
        arr.setflags(write=False)
        self._players = tuple(names)
        self._values = arr
        self._kind: Kind = kind

    @classmethod
    def from_function(
        cls, players: Sequence[str], function: Callable[[frozenset[str]], Any]
    ) -> CoalitionGame:
        """Build ``v`` by calling ``function(coalition)`` on every non-empty coalition (a frozenset
        of names).

        Examples
        --------
        >>> CoalitionGame.from_function(["a", "b"], lambda s: len(s) ** 2).value(["a", "b"])
        Fraction(4, 1)
        """
        names = list(players)
        return cls({frozenset(_names_of(m, names)): function(frozenset(_names_of(m, names)))
                    for m in range(1, 1 << len(names))}, names)

    @classmethod
    def from_array(cls, players: Sequence[str], values: Sequence[Any]) -> CoalitionGame:
        """Build from values indexed by bitmask (entry 0, the empty coalition, must be 0).

        Examples
        --------
        >>> CoalitionGame.from_array(["a", "b"], [0, 1, 2, 4]).value(["b"])
        Fraction(2, 1)
        """
        names = list(players)
        if len(values) != 1 << len(names):
            raise CoalitionError(
                f"{len(names)} players need {1 << len(names)} values (one per bitmask), "
                f"got {len(values)}"
            )
        return cls(
            {frozenset(_names_of(m, names)): values[m] for m in range(1, 1 << len(names))}, names
        )

    @classmethod
    def from_strategic(cls, game: Game, method: str = "maxmin") -> CoalitionGame:
        """The characteristic function of a strategic game (von Neumann-Morgenstern).

        ``v(S)`` is what coalition ``S`` can guarantee itself against the others:
        the value of the two-sided zero-sum game in which ``S`` (choosing jointly)
        maximises the sum of its members' payoffs and the others minimise it;
        ``method="maxmin"`` lets both sides mix (solved exactly by
        :func:`coopgame.nash_equilibria`), ``"pure_maxmin"`` uses pure joint
        strategies. ``v(N)`` is the largest total payoff.

        Examples
        --------
        The Prisoner's Dilemma: alone each can guarantee 1, together 6.

        >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=["S", "E"])
        >>> v = CoalitionGame.from_strategic(pd)
        >>> v.value(["S"]), v.value(["S", "E"])
        (Fraction(1, 1), Fraction(6, 1))
        """
        if method not in ("maxmin", "pure_maxmin"):
            raise CoalitionError(f"unknown method {method!r}; use 'maxmin' or 'pure_maxmin'")
        if game.kind == "symbolic":
            raise CoalitionError("a characteristic function from a game needs numeric payoffs")
        n = game.n_players
        values = {}
        for mask in range(1, 1 << n):
            members = [i for i in range(n) if mask >> i & 1]
            values[frozenset(game.players[i] for i in members)] = _coalition_value(
                game, members, method
            )
        return cls(values, game.players)

    # ---------------------------------------------------------------- data
    @property
    def players(self) -> tuple[str, ...]:
        """Player names, in bit order."""
        return self._players

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self._players)

    @property
    def values(self) -> np.ndarray:
        """``v`` by bitmask (read-only)."""
        return self._values

    @property
    def kind(self) -> Kind:
        """``"float"``, ``"exact"`` or ``"symbolic"``."""
        return self._kind

    def mask(self, coalition: Iterable[str] | str) -> int:
        """The bitmask of a coalition given by names."""
        members = _members(coalition)
        unknown = [p for p in members if p not in self._players]
        if unknown:
            raise CoalitionError(f"unknown players {unknown}; players are {list(self._players)}")
        return sum(1 << self._players.index(p) for p in members)

    def value(self, coalition: Iterable[str] | str) -> Any:
        """``v(S)`` for a coalition given by names."""
        return self._values[self.mask(coalition)]

    def __repr__(self) -> str:
        return f"CoalitionGame(players={list(self._players)}, kind={self._kind!r})"


def _members(coalition: Any) -> frozenset[str]:
    if isinstance(coalition, str):
        return frozenset([coalition])
    return frozenset(str(p) for p in coalition)


def _names_of(mask: int, names: Sequence[str]) -> list[str]:
    return [p for i, p in enumerate(names) if mask >> i & 1]


def _coalition_value(game: Game, members: list[int], method: str) -> Any:
    n = game.n_players
    others = [i for i in range(n) if i not in members]
    total = game.payoffs[..., members].sum(axis=-1)
    if not others:
        return total.max()
    # rows: joint strategies of S, columns: joint strategies of N \ S
    matrix = np.transpose(total, members + others).reshape(
        math.prod(game.shape[i] for i in members), math.prod(game.shape[i] for i in others))
    if method == "pure_maxmin":
        return matrix.min(axis=1).max()
    from coopgame.equilibria import nash_equilibria

    zero_sum = Game.zero_sum(matrix if game.kind != "float" else matrix.astype(float))
    return nash_equilibria(zero_sum).equilibria[0].payoffs[0]


# ----------------------------------------------------------------- bitmask kernels
def _popcounts(n: int) -> np.ndarray:
    masks = np.arange(1 << n, dtype=np.int64)
    counts = np.zeros(1 << n, dtype=np.int64)
    for i in range(n):
        counts += (masks >> i) & 1
    return counts


def _marginal_sums_by_size(
    values: np.ndarray, n: int, player: int, counts: np.ndarray
) -> list[Any]:
    """For each size ``s``, the sum of ``v(S + i) - v(S)`` over coalitions ``S`` of size ``s``
    without ``i``.
    """
    masks = np.arange(1 << n, dtype=np.int64)
    without = masks[(masks >> player) & 1 == 0]
    gains = values[without | (1 << player)] - values[without]
    sizes = counts[without]
    if values.dtype == float:
        return list(np.bincount(sizes, weights=gains, minlength=n))
    return [gains[sizes == s].sum() for s in range(n)]


def _scaled(game: CoalitionGame) -> tuple[np.ndarray, Any]:
    """Values as Python ints over a common denominator (exact games), to sum fast and exactly."""
    if game.kind != "exact":
        return game.values, 1
    denominator = math.lcm(*(v.denominator for v in game.values))
    return np.array([int(v * denominator) for v in game.values], dtype=object), denominator


def shapley_value(game: CoalitionGame) -> tuple[Any, ...]:
    """The Shapley value by the subset formula.

    ``phi_i = sum_{S not containing i} |S|! (n-|S|-1)! / n! * (v(S + i) - v(S))``
    (Shapley 1953), vectorised over bitmasks; marginal contributions are summed by
    coalition size first, so only ``n`` weights per player are applied. Exact games
    are summed in Python integers over a common denominator.

    Examples
    --------
    Glove game (one left glove, two right): the scarce left glove gets 2/3
    (Maschler, Solan and Zamir 2013, Example 18.13).

    >>> glove = CoalitionGame.from_function(["L", "R1", "R2"],
    ...     lambda s: min(int("L" in s), int("R1" in s) + int("R2" in s)))
    >>> shapley_value(glove)
    (Fraction(2, 3), Fraction(1, 6), Fraction(1, 6))
    """
    n = game.n_players
    counts = _popcounts(n)
    values, denominator = _scaled(game)
    result: list[Any] = []
    for i in range(n):
        sums = _marginal_sums_by_size(values, n, i, counts)
        if game.kind == "float":
            weights = [
                math.factorial(s) * math.factorial(n - s - 1) / math.factorial(n) for s in range(n)
            ]
            result.append(float(sum(w * x for w, x in zip(weights, sums))))
        elif game.kind == "exact":
            numerator = sum(
                math.factorial(s) * math.factorial(n - s - 1) * int(x) for s, x in enumerate(sums)
            )
            result.append(Fraction(numerator, math.factorial(n) * denominator))
        else:
            import sympy

            result.append(
                sympy.simplify(
                    sum(
                        sympy.Rational(
                            math.factorial(s) * math.factorial(n - s - 1), math.factorial(n)
                        )
                        * x
                        for s, x in enumerate(sums)
                    )
                )
            )
    return tuple(result)


def banzhaf_value(game: CoalitionGame) -> tuple[Any, ...]:
    """The (non-normalised) Banzhaf value: ``beta_i = 2^{-(n-1)} sum_S (v(S + i) - v(S))``.

    Examples
    --------
    Weighted majority [3; 2, 1, 1]: player 1 is pivotal in 3 of 4 coalitions of the others.

    >>> vote = CoalitionGame.from_function(["A", "B", "C"],
    ...     lambda s: int(2 * ("A" in s) + ("B" in s) + ("C" in s) >= 3))
    >>> banzhaf_value(vote)
    (Fraction(3, 4), Fraction(1, 4), Fraction(1, 4))
    """
    n = game.n_players
    counts = _popcounts(n)
    values, denominator = _scaled(game)
    result: list[Any] = []
    for i in range(n):
        total = sum(_marginal_sums_by_size(values, n, i, counts))
        if game.kind == "float":
            result.append(float(total) / 2 ** (n - 1))
        elif game.kind == "exact":
            result.append(Fraction(int(total), 2 ** (n - 1) * denominator))
        else:
            import sympy

            result.append(sympy.simplify(total / 2 ** (n - 1)))
    return tuple(result)


# ----------------------------------------------------------------- core
def _numeric(game: CoalitionGame, what: str) -> None:
    if game.kind == "symbolic":
        raise CoalitionError(f"{what} needs numeric coalition values")


def _membership(game: CoalitionGame) -> np.ndarray:
    """Row ``m``: the 0/1 indicator vector of coalition ``m``."""
    masks = np.arange(1 << game.n_players)
    return np.array([(masks >> i) & 1 for i in range(game.n_players)]).T


def in_core(game: CoalitionGame, allocation: Sequence[Any], tol: float = 1e-9) -> bool:
    """Whether ``allocation`` is efficient (``x(N) = v(N)``) and no coalition gets less than
    ``v(S)``.

    Exact games and exact allocations are checked exactly; otherwise within ``tol``.

    Examples
    --------
    >>> glove = CoalitionGame.from_function(["L", "R1", "R2"],
    ...     lambda s: min(int("L" in s), int("R1" in s) + int("R2" in s)))
    >>> in_core(glove, [1, 0, 0]), in_core(glove, ["2/3", "1/6", "1/6"])
    (True, False)
    """
    _numeric(game, "the core")
    if len(allocation) != game.n_players:
        raise CoalitionError(f"an allocation needs {game.n_players} entries, got {len(allocation)}")
    kind = array_kind(list(allocation))
    exact = kind == "exact" and game.kind == "exact"
    x = (
        convert_array(list(allocation), "exact")
        if exact
        else np.array([float(v) for v in allocation])
    )
    values = game.values if exact else game.values.astype(float)
    slack = tol if not exact else 0
    totals = _membership(game).astype(object if exact else float) @ x
    excess = totals - values
    return bool(abs(excess[-1]) <= slack and all(e >= -slack for e in excess[1:]))


@dataclass(frozen=True)
class CoreResult:
    """The answer of :func:`core`.

    Attributes
    ----------
    empty
        Whether the core is empty.
    point
        A core allocation (the nucleolus, which lies in the core when it is non-empty), or None.
    min_total
        ``min sum x_i`` subject to ``x(S) >= v(S)`` for every coalition: the core is
        non-empty iff ``min_total <= v(N)`` (Bondareva-Shapley).
    grand_value
        ``v(N)``.
    balanced_weights
        When empty, the optimal dual weights ``lambda_S`` of a balanced collection
        with ``sum lambda_S v(S) > v(N)`` (coalition names -> weight): the certificate, verified
        exactly for exact games.
    """

    empty: bool
    point: tuple[Any, ...] | None
    min_total: Any
    grand_value: Any
    balanced_weights: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready record (exact numbers as strings).

        Examples
        --------
        >>> g = CoalitionGame.from_function(["a", "b", "c"], lambda s: int(len(s) >= 2))
        >>> core(g).to_dict()["empty"]
        True
        """
        return {
            "empty": self.empty,
            "point": None if self.point is None else [json_number(x) for x in self.point],
            "min_total": json_number(self.min_total),
            "grand_value": json_number(self.grand_value),
            "balanced_weights": {k: json_number(v) for k, v in self.balanced_weights.items()},
        }


def core(game: CoalitionGame) -> CoreResult:
    """Is the core empty? If not, a point of it (the nucleolus).

    Solves the Bondareva-Shapley programme ``min sum x_i`` s.t. ``x(S) >= v(S)`` for
    all ``S`` (scipy HiGHS); for exact games the optimal vertex is re-solved exactly
    from its tight constraints, so ``empty`` is decided exactly.

    Examples
    --------
    Three-player majority game: every pair is worth 1, so the core is empty
    (weights 1/2 on the three pairs form a balanced collection worth 3/2 > 1):

    >>> majority = CoalitionGame.from_function(["a", "b", "c"], lambda s: int(len(s) >= 2))
    >>> result = core(majority)
    >>> result.empty, result.min_total
    (True, Fraction(3, 2))
    >>> core(CoalitionGame.from_function(["a", "b"], lambda s: len(s) ** 2)).point
    (Fraction(2, 1), Fraction(2, 1))
    """
    _numeric(game, "the core")
    from scipy.optimize import linprog

    n = game.n_players
    rows = _membership(game)[1:]
    values = game.values[1:].astype(float)
    solution = linprog(
        np.ones(n),
        A_ub=-rows.astype(float),
        b_ub=-values,
        bounds=[(None, None)] * n,
        method="highs",
    )
    if (
        solution.status != 0
    ):  # pragma: no cover - the programme is always feasible and bounded below
        raise CoalitionError(f"the Bondareva-Shapley programme failed: {solution.message}")
    duals = -solution.ineqlin.marginals
    if game.kind == "exact":
        tight = [k for k in range(len(values)) if abs(rows[k] @ solution.x - values[k]) <= 1e-7]
        x = solve([list(map(int, rows[k])) for k in tight], [game.values[k + 1] for k in tight])
        if x is None or any(
            sum(Fraction(int(r)) * xi for r, xi in zip(rows[k], x)) < game.values[k + 1]
            for k in range(len(values))
        ):
            raise CoalitionError(
                "could not re-solve the core programme exactly"
            )  # pragma: no cover
        min_total: Any = sum(x, Fraction(0))
        empty = min_total > game.values[-1]
    else:
        min_total = float(solution.fun)
        empty = min_total > float(game.values[-1]) + 1e-9
    weights: dict[str, Any] = {}
    if empty:
        support = [int(k) for k in np.nonzero(duals > 1e-9)[0]]
        lam = [
            Fraction(float(duals[k])).limit_denominator(10**6)
            if game.kind == "exact"
            else float(duals[k])
            for k in support
        ]
        if game.kind == "exact" and not _balanced_certificate(game, [k + 1 for k in support], lam):
            lam = [float(duals[k]) for k in support]  # pragma: no cover - rounding lost exactness
        for k, weight in zip(support, lam):
            weights["{" + ", ".join(_names_of(k + 1, game.players)) + "}"] = weight
    point = None if empty else nucleolus(game)
    return CoreResult(bool(empty), point, min_total, game.values[-1], weights)


def _balanced_certificate(game: CoalitionGame, masks: list[int], weights: list[Any]) -> bool:
    """Exactly: the weights balance (sum w_S 1_S = 1_N, w >= 0) and sum w_S v(S) > v(N)."""
    n = game.n_players
    covers = all(
        sum((w for m, w in zip(masks, weights) if m >> i & 1), Fraction(0)) == 1 for i in range(n)
    )
    worth = sum((w * game.values[m] for m, w in zip(masks, weights)), Fraction(0))
    return covers and all(w >= 0 for w in weights) and worth > game.values[-1]


# ----------------------------------------------------------------- nucleolus
def nucleolus(game: CoalitionGame) -> tuple[Any, ...]:
    """The nucleolus: the imputation that lexicographically maximises the sorted excesses ``x(S) -
    v(S)``.

    Sequence of linear programmes (Maschler, Peleg and Shapley 1979): maximise the
    smallest excess ``t`` over the coalitions not yet fixed; fix every coalition
    whose constraint has a positive dual price (its excess equals ``t`` on the whole
    optimal face); repeat until the fixed coalitions determine ``x``. For exact
    games the final system ``x(S) - v(S) = t_k`` (coalition fixed at round ``k``),
    ``x(N) = v(N)`` is solved again in Fractions, and every round's inequalities
    are re-checked exactly.

    Raises
    ------
    CoalitionError
        When the imputation set is empty (``sum v({i}) > v(N)``).

    Examples
    --------
    Bankruptcy with estate 200 and claims 100, 200, 300 (``v(S) = max(0, E - claims
    of the others)``): the nucleolus is the Talmud rule (Aumann and Maschler 1985).

    >>> claims = {"a": 100, "b": 200, "c": 300}
    >>> estate = CoalitionGame.from_function(list(claims),
    ...     lambda s: max(0, 200 - sum(c for p, c in claims.items() if p not in s)))
    >>> nucleolus(estate)
    (Fraction(50, 1), Fraction(75, 1), Fraction(75, 1))
    """
    _numeric(game, "the nucleolus")
    n = game.n_players
    grand = game.values[-1]
    singles = [game.values[1 << i] for i in range(n)]
    if sum(singles) > grand + (1e-9 if game.kind == "float" else 0):
        raise CoalitionError(
            f"the imputation set is empty: the players alone get {sum(singles)} > v(N) = {grand}"
        )
    if n == 1:
        return (grand,)  # no coalition but the grand one: the lone player gets v(N)
    rows = _membership(game)
    free = list(range(1, (1 << n) - 1))
    fixed: list[tuple[int, int]] = []  # (coalition mask, round)
    levels: list[float] = []
    x_float = None
    while True:
        level, x_float, tight = _nucleolus_round(game, free, fixed, levels)
        levels.append(level)
        round_index = len(levels) - 1
        fixed.extend((m, round_index) for m in tight)
        free = [m for m in free if m not in set(tight)]
        rank = np.linalg.matrix_rank(
            np.array([rows[m] for m, _ in fixed] + [rows[-1]], dtype=float)
        )
        if rank == n or not free:
            break
    if game.kind != "exact":
        return tuple(float(v) for v in x_float)
    return _exact_nucleolus(game, fixed, len(levels), x_float)


def _nucleolus_round(game: CoalitionGame, free: list[int], fixed: list[tuple[int, int]],
                     levels: list[float]) -> tuple[float, np.ndarray, list[int]]:
    """One LP: maximise ``t`` with ``x(S) - v(S) >= t`` on free coalitions, fixed excesses kept."""
    from scipy.optimize import linprog

    n = game.n_players
    rows = _membership(game).astype(float)
    values = game.values.astype(float)
    # variables (x_1..x_n, t); objective -t
    cost = np.zeros(n + 1)
    cost[-1] = -1
    a_ub = np.array([np.append(-rows[m], 1.0) for m in free])
    b_ub = np.array([-values[m] for m in free])
    a_eq = [np.append(rows[-1], 0.0)] + [np.append(rows[m], 0.0) for m, _ in fixed]
    b_eq = [values[-1]] + [values[m] + levels[k] for m, k in fixed]
    # imputations: x_i >= v({i})
    bounds = [(values[1 << i], None) for i in range(n)] + [(None, None)]
    result = linprog(
        cost,
        A_ub=a_ub,
        b_ub=b_ub,
        A_eq=np.array(a_eq),
        b_eq=np.array(b_eq),
        bounds=bounds,
        method="highs",
    )
    if result.status != 0:  # pragma: no cover
        raise CoalitionError(f"a nucleolus programme failed: {result.message}")
    duals = -result.ineqlin.marginals
    tight = [m for m, price in zip(free, duals) if price > 1e-9]
    # every bound on t comes from the imputation bounds: fix the tight coalitions instead
    if not tight:
        x = result.x[:n]
        tight = [m for m in free if abs(rows[m] @ x - values[m] - result.x[-1]) <= 1e-9]
    return float(result.x[-1]), result.x[:n], tight


def _exact_nucleolus(game: CoalitionGame, fixed: list[tuple[int, int]], rounds: int,
                     x_float: np.ndarray) -> tuple[Fraction, ...]:
    n = game.n_players
    rows = _membership(game)
    # unknowns: x_1..x_n, t_0..t_{rounds-1}
    system = [list(map(int, rows[-1])) + [0] * rounds]
    rhs: list[Any] = [game.values[-1]]
    for mask, k in fixed:
        system.append(list(map(int, rows[mask])) + [-1 if j == k else 0 for j in range(rounds)])
        rhs.append(game.values[mask])
    # imputation bounds x_i >= v({i}) binding at the (unique) nucleolus are equations too
    for i in range(n):
        if abs(float(x_float[i]) - float(game.values[1 << i])) <= 1e-9:
            system.append([1 if j == i else 0 for j in range(n)] + [0] * rounds)
            rhs.append(game.values[1 << i])
    solution = solve(system, rhs)
    if solution is None or not _rounds_hold(game, fixed, solution[:n], solution[n:]):
        raise CoalitionError(
            "the exact re-solution of the nucleolus disagrees with the LP"
        )  # pragma: no cover
    x = solution[:n]
    if max(abs(float(a) - b) for a, b in zip(x, x_float)) > 1e-6:
        raise CoalitionError(
            "the exact re-solution of the nucleolus disagrees with the LP"
        )  # pragma: no cover
    return tuple(x)


# ----------------------------------------------------------------- properties
def _rounds_hold(game: CoalitionGame, fixed: list[tuple[int, int]], x: Sequence[Fraction],
                 levels: Sequence[Fraction]) -> bool:
    """Exact check of every round: coalitions not fixed before round ``k`` have excess >= ``t_k``.
    """
    n = game.n_players
    fixed_at = dict(fixed)
    if any(x[i] < game.values[1 << i] for i in range(n)) or sum(x) != game.values[-1]:
        return False
    for mask in range(1, (1 << n) - 1):
        excess = sum((x[i] for i in range(n) if mask >> i & 1), Fraction(0)) - game.values[mask]
        last = fixed_at.get(mask, len(levels) - 1)
        if any(excess < levels[k] for k in range(last + 1)):
            return False
    return True


def is_superadditive(game: CoalitionGame) -> bool:
    """Whether ``v(S + T) >= v(S) + v(T)`` for all disjoint ``S, T`` (checked over all ``3^n``
    pairs).

    Examples
    --------
    >>> is_superadditive(CoalitionGame.from_function(["a", "b"], lambda s: len(s) ** 2))
    True
    """
    _numeric(game, "superadditivity")
    v = game.values
    full = (1 << game.n_players) - 1
    for s in range(1, full + 1):
        rest = full & ~s
        t = rest
        while t:
            if t > s and v[s | t] < v[s] + v[t] - (1e-9 if game.kind == "float" else 0):
                return False
            t = (t - 1) & rest
    return True


def is_convex(game: CoalitionGame) -> bool:
    """Whether ``v`` is supermodular: ``v(S + i + j) - v(S + j) >= v(S + i) - v(S)`` for all ``S``,
    ``i, j`` outside.

    A convex game's core is non-empty and contains the Shapley value (Shapley 1971).

    Examples
    --------
    >>> is_convex(CoalitionGame.from_function(["a", "b", "c"], lambda s: len(s) ** 2))
    True
    >>> is_convex(CoalitionGame.from_function(["a", "b", "c"], lambda s: int(len(s) >= 2)))
    False
    """
    _numeric(game, "convexity")
    n = game.n_players
    v = game.values
    masks = np.arange(1 << n)
    slack = 1e-9 if game.kind == "float" else 0
    for i, j in itertools.combinations(range(n), 2):
        s = masks[((masks >> i) & 1 == 0) & ((masks >> j) & 1 == 0)]
        lhs = v[s | (1 << i) | (1 << j)] - v[s | (1 << j)]
        rhs = v[s | (1 << i)] - v[s]
        if any(a < b - slack for a, b in zip(lhs, rhs)):
            return False
    return True
