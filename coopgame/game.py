"""The normal-form game: named players, named strategies, one payoff array.

A :class:`Game` holds data only; every analysis is a pure function that takes a
game and returns a new object. Payoffs are float, exact (``Fraction``) or
symbolic (sympy) as decided by :mod:`coopgame.numbers`.

A game may carry :class:`Modification` records: the payoff changes a policy
(:mod:`coopgame.policy`) made, each naming its player, cell and payer by index.
Every method here that returns a new game carries the records along and keeps
them true, so the payoffs always equal the base payoffs plus the listed amounts.

Long because: Game is the core type; each of its transformations (subs, rename, reorder, restrict,
as_exact, as_float, ...) keeps the policy records true, and they belong on the class.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from coopgame._table import render_table
from coopgame.errors import CoopgameError
from coopgame.numbers import (
    InvalidNumberError,
    Kind,
    array_kind,
    convert_array,
    is_sympy,
    to_exact,
    to_symbolic,
)

if TYPE_CHECKING:
    import nashpy

__all__ = ["Game", "GameError", "Modification"]


class GameError(CoopgameError):
    """A game that cannot be built or used as asked: bad shape, unknown names, ..."""


def _names(
    given: Sequence[str] | None, count: int, default: Iterable[str], what: str
) -> tuple[str, ...]:
    if given is None:
        return tuple(itertools.islice(default, count))
    if isinstance(given, str):
        raise GameError(f"{what} must be a sequence of names, not the string {given!r}")
    names = tuple(str(n) for n in given)
    if len(names) != count:
        raise GameError(f"{what}: expected {count} names, got {len(names)}: {list(names)}")
    if len(set(names)) != len(names):
        raise GameError(f"{what}: names must be distinct, got {list(names)}")
    return names


@dataclass(frozen=True)
class Modification:
    """One signed change of one player's payoff in one pure profile, made by a policy instrument.

    Players and strategies are stored by index, so renaming them cannot make a record
    stale; the methods of :class:`Game` that reorder, restrict, substitute or convert
    a game update the records with the payoffs.

    Attributes
    ----------
    player
        The index of the player whose payoff changes.
    profile
        The pure profile, one strategy index per player.
    amount
        The signed change (already multiplied by the instrument's reach): a number
        or a sympy expression.
    instrument
        The instrument's label (e.g. ``"subsidy"`` or a user label ``"subsidy S_e"``).
    kind
        What the change is: ``"subsidy"``, ``"tax incentive"``, ``"penalty"``,
        ``"penalty income"``, ``"compensation"``, ``"transfer"``, ``"cost share"``,
        ``"outlay"``, ``"forgone tax"``.
    payer
        The index of the player who pays for the flow (the player itself for its own
        outlay), or ``None`` when the payer is outside the game (the state, if it is
        not a player).

    Examples
    --------
    A subsidy of 3 to player 1 in the cell (0, 0), paid by the state outside the game:

    >>> Modification(1, (0, 0), 3, "subsidy", "subsidy")
    Modification(player=1, profile=(0, 0), amount=3, instrument='subsidy', kind='subsidy',
    payer=None)
    """

    player: int
    profile: tuple[int, ...]
    amount: Any
    instrument: str
    kind: str
    payer: int | None = None


class Game:
    """An immutable n-player normal-form game.

    Parameters
    ----------
    payoffs
        Array of shape ``(n_1, ..., n_k, k)``: ``payoffs[s_1, ..., s_k, i]`` is the
        payoff of player ``i`` when player ``j`` plays strategy ``s_j``. Entries
        may be floats, exact rationals (int, ``Fraction``, sympy ``Rational``,
        strings such as ``"2/3"``) or sympy expressions (strings are parsed).
    players
        Player names (default ``"Player 1"``, ...).
    strategies
        One sequence of strategy names per player (default ``"1"``, ``"2"``, ...).
    modifications
        The records of the policy changes already included in ``payoffs``
        (see :class:`Modification`; made by :meth:`coopgame.policy.Policy.apply`).
        Equality of games compares players, strategies and payoffs, not the records.

    Examples
    --------
    The Prisoner's Dilemma with exact payoffs:

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                    players=["School", "Enterprise"],
    ...                    strategies=[["Cooperate", "Shirk"]] * 2)
    >>> pd.kind, pd.shape
    ('exact', (2, 2))
    >>> pd.payoff_of(("Shirk", "Cooperate"))
    (Fraction(5, 1), Fraction(0, 1))

    A symbolic game and a substitution:

    >>> g = Game.bimatrix([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]])
    >>> sorted(map(str, g.parameters))
    ['P', 'R', 'S', 'T']
    >>> g.subs({"R": 3, "S": 0, "T": 5, "P": 1}).kind
    'exact'
    """

    __slots__ = ("_payoffs", "_players", "_strategies", "_kind", "_modifications")

    _payoffs: np.ndarray
    _players: tuple[str, ...]
    _strategies: tuple[tuple[str, ...], ...]
    _kind: Kind
    _modifications: tuple[Modification, ...]

    def __init__(
        self,
        payoffs: npt.ArrayLike,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        *,
        modifications: Iterable[Modification] = (),
    ) -> None:
        raw = payoffs if isinstance(payoffs, np.ndarray) else _as_object_array(payoffs)
        if _looks_like_a_matrix(players):
            # nashpy's habit: nash.Game(A, B) with the two players' payoff matrices
            raise GameError("Game(A, B) with two payoff matrices: write Game.bimatrix(A, B); "
                            "Game(payoffs) takes one array of shape (n_1, ..., n_k, k)")
        if raw.ndim < 2:
            raise GameError(
                "payoffs must have shape (n_1, ..., n_k, k) with k >= 1 players; got shape "
                f"{raw.shape}"
            )
        n_players = raw.shape[-1]
        if raw.ndim - 1 != n_players:
            hint = (
                "; for a two-player game from two matrices write Game.bimatrix(A, B)"
                if raw.ndim == 2
                else ""
            )
            raise GameError(
                f"payoffs of shape {raw.shape} do not fit: the last axis has {n_players} entries "
                f"(one payoff per player) but there are {raw.ndim - 1} strategy axes{hint}"
            )
        if any(n == 0 for n in raw.shape[:-1]):
            raise GameError(
                f"every player needs at least one strategy; payoffs have shape {raw.shape}"
            )
        try:
            kind = array_kind(raw)
            arr = convert_array(raw, kind) if raw.dtype != float else raw.astype(float, copy=True)
        except ValueError as exc:
            raise GameError(f"invalid payoff: {exc}") from None
        arr.setflags(write=False)
        object.__setattr__(self, "_payoffs", arr)
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(
            self,
            "_players",
            _names(players, n_players, (f"Player {i}" for i in itertools.count(1)), "players"),
        )
        if strategies is None:
            strategies = [None] * n_players  # type: ignore[list-item]
        elif isinstance(strategies, str) or len(strategies) != n_players:
            raise GameError(
                f"strategies: expected one list of names per player ({n_players} lists)"
            )
        object.__setattr__(
            self,
            "_strategies",
            tuple(
                _names(s, n, (str(j) for j in itertools.count(1)), f"strategies of {p!r}")
                for s, n, p in zip(strategies, arr.shape[:-1], self._players)
            ),
        )
        object.__setattr__(
            self,
            "_modifications",
            tuple(_checked_record(m, arr.shape[:-1], kind) for m in modifications),
        )

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(
            "Game is immutable; use subs(), Policy.apply() or a constructor for a new game"
        )

    # ---------------------------------------------------------------- constructors
    @classmethod
    def bimatrix(
        cls,
        A: npt.ArrayLike,
        B: npt.ArrayLike,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> Game:
        """A two-player game from the row player's matrix ``A`` and the column player's ``B``.

        Examples
        --------
        Matching Pennies:

        >>> g = Game.bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> g.players
        ('Player 1', 'Player 2')
        """
        a, b = _as_object_array(A), _as_object_array(B)
        if a.ndim != 2 or b.ndim != 2:
            raise GameError(f"A and B must be matrices; got shapes {a.shape} and {b.shape}")
        if a.shape != b.shape:
            raise GameError(f"A and B must have the same shape; got {a.shape} and {b.shape}")
        return cls(np.stack([a, b], axis=-1), players, strategies)

    @classmethod
    def zero_sum(
        cls,
        A: npt.ArrayLike,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
    ) -> Game:
        """The two-player zero-sum game in which the column player receives ``-A``.

        Examples
        --------
        >>> Game.zero_sum([[0, -1, 1], [1, 0, -1], [-1, 1, 0]]).shape
        (3, 3)
        """
        a = _as_object_array(A)
        game_a = cls(np.stack([a, a], axis=-1))  # validates and converts entries once
        converted = game_a.payoffs[..., 0]
        return cls(np.stack([converted, -converted], axis=-1), players, strategies)

    @classmethod
    def from_nashpy(cls, game: nashpy.Game, players: Sequence[str] | None = None,
                    strategies: Sequence[Sequence[str]] | None = None) -> Game:
        """Convert a :class:`nashpy.Game` (float payoffs stay float).

        Examples
        --------
        >>> import nashpy
        >>> Game.from_nashpy(nashpy.Game([[1, 0], [0, 1]])).kind
        'exact'
        """
        A, B = game.payoff_matrices
        return cls.bimatrix(np.asarray(A), np.asarray(B), players, strategies)

    def to_nashpy(self) -> nashpy.Game:
        """Convert a two-player numeric game to a :class:`nashpy.Game` (float payoffs).

        Examples
        --------
        >>> g = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]])
        >>> len(list(g.to_nashpy().support_enumeration()))
        3
        """
        import nashpy

        self._require_two_players("to_nashpy")
        A, B = self.bimatrix_arrays(dtype=float)
        return nashpy.Game(A, B)

    # ---------------------------------------------------------------- data access
    @property
    def payoffs(self) -> np.ndarray:
        """The read-only payoff array of shape ``(n_1, ..., n_k, k)``."""
        return self._payoffs

    @property
    def players(self) -> tuple[str, ...]:
        """The players' names."""
        return self._players

    @property
    def strategies(self) -> tuple[tuple[str, ...], ...]:
        """Each player's strategy names."""
        return self._strategies

    @property
    def kind(self) -> Kind:
        """``"float"``, ``"exact"`` or ``"symbolic"``: see :mod:`coopgame.numbers`."""
        return self._kind

    @property
    def is_exact(self) -> bool:
        """True when all payoffs are rational numbers."""
        return self._kind == "exact"

    @property
    def modifications(self) -> tuple[Modification, ...]:
        """The records of the policy changes included in the payoffs (see :mod:`coopgame.policy`).
        """
        return self._modifications

    @property
    def n_players(self) -> int:
        """The number of players."""
        return len(self._players)

    @property
    def shape(self) -> tuple[int, ...]:
        """The number of strategies of each player."""
        return tuple(self._payoffs.shape[:-1])

    @property
    def parameters(self) -> frozenset[Any]:
        """The free sympy symbols of a symbolic game (empty for numeric games).

        Examples
        --------
        >>> Game.zero_sum([["a", 0], [0, "b"]]).parameters == frozenset(
        ...     __import__("sympy").symbols("a b")
        ... )
        True
        """
        if self._kind != "symbolic":
            return frozenset()
        symbols: set[Any] = set()
        for v in self._payoffs.ravel():
            symbols |= getattr(v, "free_symbols", set())
        return frozenset(symbols)

    def player_index(self, player: int | str) -> int:
        """The index of a player given by index or name; unknown names raise :class:`GameError`."""
        if isinstance(player, (int, np.integer)) and not isinstance(player, bool):
            if not 0 <= player < self.n_players:
                raise GameError(f"player index {player} out of range 0..{self.n_players - 1}")
            return int(player)
        try:
            return self._players.index(str(player))
        except ValueError:
            raise GameError(
                f"unknown player {player!r}; players are {list(self._players)}"
            ) from None

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """The index of one of ``player``'s strategies, given by index or name."""
        i = self.player_index(player)
        names = self._strategies[i]
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if not 0 <= strategy < len(names):
                raise GameError(
                    f"strategy index {strategy} out of range for player {self._players[i]!r}"
                )
            return int(strategy)
        try:
            return names.index(str(strategy))
        except ValueError:
            raise GameError(
                f"unknown strategy {strategy!r} of player {self._players[i]!r}; strategies are "
                f"{list(names)}"
            ) from None

    def profile_index(
        self, profile: Sequence[int | str] | Mapping[str, int | str]
    ) -> tuple[int, ...]:
        """A pure profile (names or indices, a sequence or a player->strategy mapping) as indices.
        """
        if isinstance(profile, Mapping):
            unknown = [p for p in profile if str(p) not in self._players]
            if unknown:
                raise GameError(f"unknown player {unknown[0]!r}; players are {list(self._players)}")
            if len(profile) != self.n_players:
                missing = [p for p in self._players if p not in profile]
                raise GameError(f"profile misses a strategy for {missing}")
            items = [profile[p] for p in self._players]
        else:
            items = list(profile)
            if len(items) != self.n_players:
                raise GameError(
                    f"a pure profile needs {self.n_players} strategies, got {len(items)}"
                )
        return tuple(self.strategy_index(i, s) for i, s in enumerate(items))

    def payoff_of(self, profile: Sequence[int | str] | Mapping[str, int | str]) -> tuple[Any, ...]:
        """Every player's payoff at a pure profile."""
        return tuple(self._payoffs[self.profile_index(profile)])

    def payoff_array(self, player: int | str) -> np.ndarray:
        """The payoff array of one player, of shape ``(n_1, ..., n_k)``."""
        return self._payoffs[..., self.player_index(player)]

    def bimatrix_arrays(self, dtype: Any = None) -> tuple[np.ndarray, np.ndarray]:
        """``(A, B)`` for a two-player game, optionally converted to ``dtype``."""
        self._require_two_players("bimatrix_arrays")
        A, B = self._payoffs[..., 0], self._payoffs[..., 1]
        if dtype is not None:
            if self._kind == "symbolic" and dtype is float:
                raise GameError(
                    f"the game has free parameters {sorted(map(str, self.parameters))}; substitute "
                    "values first"
                )
            A, B = A.astype(dtype), B.astype(dtype)
        return A, B

    def pure_profiles(self) -> Iterator[tuple[int, ...]]:
        """All pure profiles as index tuples, in lexicographic order."""
        return itertools.product(*(range(n) for n in self.shape))

    # ---------------------------------------------------------------- new games
    def subs(self, values: Mapping[Any, Any]) -> Game:
        """Substitute values for parameters; returns a new (possibly numeric) game.

        Keys are sympy symbols or their names. Unknown names raise :class:`GameError`.
        The recorded policy changes are substituted too.

        Examples
        --------
        >>> g = Game.bimatrix([["a", 0], [0, 1]], [[1, 0], [0, "a"]])
        >>> g.subs({"a": "1/2"}).payoff_of((0, 0))
        (Fraction(1, 2), Fraction(1, 1))
        """
        symbols = self._free_symbols()
        if not symbols:
            if values:
                raise GameError(
                    f"the game has no parameters; cannot substitute {sorted(map(str, values))}"
                )
            return self
        by_name = {str(s): s for s in symbols}
        mapping: dict[Any, Any] = {}
        for key, value in values.items():
            name = str(key)
            if name not in by_name:
                raise GameError(
                    f"unknown parameter {name!r}; the game's parameters are {sorted(by_name)}"
                )
            mapping[by_name[name]] = to_symbolic(value)
        return self.map_values(lambda v: v.subs(mapping) if is_sympy(v) else v)

    def as_float(self) -> Game:
        """The same game with float payoffs (symbolic games must be substituted first)."""
        if self._kind == "float" and all(isinstance(m.amount, float) for m in self._modifications):
            return self
        self._require_numeric()
        return self.map_values(float)

    def as_exact(self) -> Game:
        """The same game with exact payoffs; floats become the decimals they print as."""
        if self._kind == "exact" and not self._free_symbols():
            return self
        self._require_numeric()
        return self.map_values(to_exact)

    def as_symbolic(self) -> Game:
        """The same game with sympy payoffs (for symbolic analysis of a numeric game)."""
        return self if self._kind == "symbolic" else self.map_values(to_symbolic)

    def map_values(self, function: Callable[[Any], Any]) -> Game:
        """The game in which every payoff and every recorded policy change is ``function(value)``.

        ``function`` must respect sums (``f(a + b) == f(a) + f(b)``): a substitution,
        a conversion between number kinds, a replacement of floats by the rationals
        they print as. Then the new payoffs are still the new base payoffs plus the
        new recorded changes.

        Examples
        --------
        >>> g = Game.bimatrix([["a", 2]], [[3, 4]])
        >>> g.map_values(lambda v: v.subs("a", 1) * 2).payoff_of((0, 0))
        (Fraction(2, 1), Fraction(6, 1))
        """
        payoffs = np.empty(self._payoffs.shape, dtype=object)
        flat = payoffs.reshape(-1)
        for i, v in enumerate(self._payoffs.ravel()):
            flat[i] = function(v)
        records = [replace(m, amount=function(m.amount)) for m in self._modifications]
        return Game(payoffs, self._players, self._strategies, modifications=records)

    def restrict(self, player: int | str, strategies: Sequence[int | str]) -> Game:
        """The game in which ``player`` has only ``strategies`` (names or indices, in this order).

        Recorded policy changes in the removed cells go with them.

        Examples
        --------
        >>> g = Game.bimatrix([[1, 2, 3]], [[0, 0, 0]], strategies=[["U"], ["L", "M", "R"]])
        >>> h = g.restrict(1, ["R", "L"])
        >>> h.strategies[1], h.payoff_array(0).tolist()
        (('R', 'L'), [[Fraction(3, 1), Fraction(1, 1)]])
        """
        i = self.player_index(player)
        if isinstance(strategies, str):
            raise GameError(
                f"strategies must be a sequence of names or indices, not the string {strategies!r}"
            )
        keep = [self.strategy_index(i, s) for s in strategies]
        if not keep:
            raise GameError(f"player {self._players[i]!r} needs at least one strategy")
        if len(set(keep)) != len(keep):
            raise GameError(f"strategies of {self._players[i]!r} repeat: {list(strategies)}")
        position = {old: new for new, old in enumerate(keep)}
        names = list(self._strategies)
        names[i] = tuple(names[i][k] for k in keep)
        records = [
            replace(m, profile=(*m.profile[:i], position[m.profile[i]], *m.profile[i + 1:]))
            for m in self._modifications if m.profile[i] in position
        ]
        return Game(
            np.take(self._payoffs, keep, axis=i), self._players, names, modifications=records
        )

    def reorder(self, player: int | str, order: Sequence[int]) -> Game:
        """A new game whose ``player`` has its strategies in ``order`` (a permutation).

        Examples
        --------
        >>> g = Game.bimatrix(
        ...     [[1, 2], [3, 4]], [[0, 0], [0, 0]], strategies=[["U", "D"], ["L", "R"]]
        ... )
        >>> g.reorder(0, [1, 0]).strategies[0]
        ('D', 'U')
        """
        i = self.player_index(player)
        order = [int(k) for k in order]
        if sorted(order) != list(range(self.shape[i])):
            raise GameError(f"order {order} is not a permutation of 0..{self.shape[i] - 1}")
        return self.restrict(i, order)

    def rename(self, players: Sequence[str] | None = None,
               strategies: Sequence[Sequence[str]] | None = None) -> Game:
        """The same payoffs with new player and/or strategy names.

        Examples
        --------
        >>> Game.bimatrix([[1]], [[2]]).rename(players=["School", "Enterprise"]).players
        ('School', 'Enterprise')
        """
        # the records name players and strategies by index, so they stay true as they are
        return Game(self._payoffs, players or self._players, strategies or self._strategies,
                    modifications=self._modifications)

    def _free_symbols(self) -> frozenset[Any]:
        """The parameters of the payoffs and of the recorded changes (which may cancel in a payoff).
        """
        symbols = set(self.parameters)
        for m in self._modifications:
            symbols |= getattr(m.amount, "free_symbols", set())
        return frozenset(symbols)

    def _require_numeric(self) -> None:
        if self.parameters:
            raise GameError(
                f"the game has free parameters {sorted(map(str, self.parameters))}; substitute "
                "values first"
            )
        symbols = self._free_symbols()
        if symbols:
            raise GameError(
                f"the game's policy records have free parameters {sorted(map(str, symbols))}; "
                "substitute values first"
            )

    def _require_two_players(self, what: str) -> None:
        if self.n_players != 2:
            raise GameError(
                f"{what} needs a two-player game; this one has {self.n_players} players"
            )

    # ---------------------------------------------------------------- output
    def table(self, format: str = "text") -> Any:
        """The payoff table as ``"text"``, ``"markdown"``, ``"latex"`` or ``"dataframe"``.

        Two-player games print as a matrix with cells ``"a, b"``; other games as one
        row per pure profile.

        Examples
        --------
        >>> g = Game.bimatrix(
        ...     [[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]]
        ... )
        >>> print(g.table("markdown"))
        | Player 1 \\ Player 2 | C | D |
        |---|---|---|
        | C | 3, 3 | 0, 5 |
        | D | 5, 0 | 1, 1 |
        """
        return render_table(self, format)

    def __str__(self) -> str:
        return str(self.table("text"))

    def __repr__(self) -> str:
        shape = "x".join(map(str, self.shape))
        return f"Game({shape}, kind={self._kind!r}, players={list(self._players)})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Game):
            return NotImplemented
        if (self._players, self._strategies) != (other._players, other._strategies):
            return False
        if self._payoffs.shape != other._payoffs.shape or self._kind != other._kind:
            return False
        if self._kind == "float":
            return bool(np.array_equal(self._payoffs, other._payoffs))
        return all(_same(a, b) for a, b in zip(self._payoffs.ravel(), other._payoffs.ravel()))

    def __hash__(self) -> int:
        return hash((self._players, self._strategies, self._payoffs.shape, self._kind))


def _checked_record(record: Modification, shape: tuple[int, ...], kind: Kind) -> Modification:
    """``record`` validated against a game of this shape, its amount of the game's number kind."""
    if not isinstance(record, Modification):
        raise GameError(
            f"modifications: expected Modification records, got {type(record).__name__}"
        )
    n_players = len(shape)

    def index(value: Any, size: int, what: str) -> int:
        if (
            not isinstance(value, (int, np.integer))
            or isinstance(value, bool)
            or not 0 <= value < size
        ):
            raise GameError(f"modification {record!r}: {what} must be an index in 0..{size - 1}")
        return int(value)

    player = index(record.player, n_players, "player")
    payer = None if record.payer is None else index(record.payer, n_players, "payer")
    if not isinstance(record.profile, tuple) or len(record.profile) != n_players:
        raise GameError(
            f"modification {record!r}: profile must be a tuple of {n_players} strategy indices"
        )
    profile = tuple(index(s, size, "each profile entry") for s, size in zip(record.profile, shape))
    try:
        amount = _amount_of_kind(record.amount, kind)
    except (InvalidNumberError, TypeError) as exc:
        raise GameError(f"modification {record!r}: invalid amount: {exc}") from None
    return replace(record, player=player, profile=profile, amount=amount, payer=payer)


def _amount_of_kind(value: Any, kind: Kind) -> Any:
    """A recorded change in the number kind of its game's payoffs (symbolic amounts stay symbolic).
    """
    if isinstance(value, str):
        value = to_symbolic(value)
    own_kind = array_kind(np.array([value], dtype=object))
    if own_kind == "symbolic":
        return value
    if kind == "float" or own_kind == "float":
        return float(value)
    return to_exact(value)


def _same(a: Any, b: Any) -> bool:
    if is_sympy(a) or is_sympy(b):
        import sympy

        return bool(sympy.simplify(sympy.sympify(a) - sympy.sympify(b)) == 0)
    return bool(a == b)


def _as_object_array(values: npt.ArrayLike) -> np.ndarray:
    """An array that keeps Fractions, sympy objects and strings as they are."""
    if isinstance(values, np.ndarray):
        return values
    try:
        arr = np.array(values, dtype=object)
    except ValueError as exc:  # ragged nesting
        raise GameError(f"payoffs are not a rectangular array: {exc}") from None
    if arr.dtype == object and arr.size and all(
        isinstance(v, (float, np.floating)) for v in arr.ravel()
    ):
        return arr.astype(float)
    if any(isinstance(v, (list, tuple)) for v in arr.ravel()):
        raise GameError("payoffs are not a rectangular array (rows of different lengths)")
    return arr


def _looks_like_a_matrix(players: Any) -> bool:
    """Whether ``players`` (meant as names) is a payoff matrix, as in nashpy's ``Game(A, B)``."""
    if players is None or isinstance(players, str):
        return False
    if isinstance(players, np.ndarray):
        return players.ndim >= 1 and players.dtype.kind not in "USO"
    return isinstance(players, Sequence) and any(
        isinstance(entry, (Sequence, np.ndarray)) and not isinstance(entry, str)
        for entry in players
    )
