"""The normal-form game: named players, named strategies, one payoff array.

A :class:`Game` holds data only; every analysis is a pure function that takes a
game and returns a new object. Payoffs are float, exact (``Fraction``) or
symbolic (sympy) as decided by :mod:`coopgame.numbers`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt

from coopgame.numbers import Kind, array_kind, convert_array, is_sympy, to_symbolic

if TYPE_CHECKING:
    import nashpy

__all__ = ["Game", "GameError"]


class GameError(ValueError):
    """A game that cannot be built or used as asked: bad shape, unknown names, ..."""


def _names(given: Sequence[str] | None, count: int, default: Iterable[str], what: str) -> tuple[str, ...]:
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

    __slots__ = ("_payoffs", "_players", "_strategies", "_kind", "_provenance")

    _payoffs: np.ndarray
    _players: tuple[str, ...]
    _strategies: tuple[tuple[str, ...], ...]
    _kind: Kind
    _provenance: tuple[Any, ...]

    def __init__(
        self,
        payoffs: npt.ArrayLike,
        players: Sequence[str] | None = None,
        strategies: Sequence[Sequence[str]] | None = None,
        *,
        provenance: Iterable[Any] = (),
    ) -> None:
        raw = payoffs if isinstance(payoffs, np.ndarray) else _as_object_array(payoffs)
        if raw.ndim < 2:
            raise GameError(
                f"payoffs must have shape (n_1, ..., n_k, k) with k >= 1 players; got shape {raw.shape}"
            )
        n_players = raw.shape[-1]
        if raw.ndim - 1 != n_players:
            raise GameError(
                f"payoffs of shape {raw.shape} do not fit: the last axis has {n_players} entries "
                f"(one payoff per player) but there are {raw.ndim - 1} strategy axes"
            )
        if any(n == 0 for n in raw.shape[:-1]):
            raise GameError(f"every player needs at least one strategy; payoffs have shape {raw.shape}")
        try:
            kind = array_kind(raw)
            arr = convert_array(raw, kind) if raw.dtype != float else raw.astype(float, copy=True)
        except ValueError as exc:
            raise GameError(f"invalid payoff: {exc}") from None
        arr.setflags(write=False)
        object.__setattr__(self, "_payoffs", arr)
        object.__setattr__(self, "_kind", kind)
        object.__setattr__(
            self, "_players", _names(players, n_players, (f"Player {i}" for i in itertools.count(1)), "players")
        )
        if strategies is None:
            strategies = [None] * n_players  # type: ignore[list-item]
        elif isinstance(strategies, str) or len(strategies) != n_players:
            raise GameError(f"strategies: expected one list of names per player ({n_players} lists)")
        object.__setattr__(
            self,
            "_strategies",
            tuple(
                _names(s, n, (str(j) for j in itertools.count(1)), f"strategies of {p!r}")
                for s, n, p in zip(strategies, arr.shape[:-1], self._players)
            ),
        )
        object.__setattr__(self, "_provenance", tuple(provenance))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Game is immutable; use subs(), apply() or a constructor for a new game")

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
    def provenance(self) -> tuple[Any, ...]:
        """Records of the payoff modifiers applied to this game (see :mod:`coopgame.policy`)."""
        return self._provenance

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
        >>> Game.zero_sum([["a", 0], [0, "b"]]).parameters == frozenset(__import__("sympy").symbols("a b"))
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
            raise GameError(f"unknown player {player!r}; players are {list(self._players)}") from None

    def strategy_index(self, player: int | str, strategy: int | str) -> int:
        """The index of one of ``player``'s strategies, given by index or name."""
        i = self.player_index(player)
        names = self._strategies[i]
        if isinstance(strategy, (int, np.integer)) and not isinstance(strategy, bool):
            if not 0 <= strategy < len(names):
                raise GameError(f"strategy index {strategy} out of range for player {self._players[i]!r}")
            return int(strategy)
        try:
            return names.index(str(strategy))
        except ValueError:
            raise GameError(
                f"unknown strategy {strategy!r} of player {self._players[i]!r}; strategies are {list(names)}"
            ) from None

    def profile_index(self, profile: Sequence[int | str] | Mapping[str, int | str]) -> tuple[int, ...]:
        """A pure profile (names or indices, a sequence or a player->strategy mapping) as indices."""
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
                raise GameError(f"a pure profile needs {self.n_players} strategies, got {len(items)}")
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
                    f"the game has free parameters {sorted(map(str, self.parameters))}; substitute values first"
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

        Examples
        --------
        >>> g = Game.bimatrix([["a", 0], [0, 1]], [[1, 0], [0, "a"]])
        >>> g.subs({"a": "1/2"}).payoff_of((0, 0))
        (Fraction(1, 2), Fraction(1, 1))
        """
        if self._kind != "symbolic":
            if values:
                raise GameError(f"the game has no parameters; cannot substitute {sorted(map(str, values))}")
            return self
        by_name = {str(s): s for s in self.parameters}
        mapping: dict[Any, Any] = {}
        for key, value in values.items():
            name = str(key)
            if name not in by_name:
                raise GameError(f"unknown parameter {name!r}; the game's parameters are {sorted(by_name)}")
            mapping[by_name[name]] = to_symbolic(value)
        new = np.empty(self._payoffs.shape, dtype=object)
        flat = new.reshape(-1)
        for i, v in enumerate(self._payoffs.ravel()):
            flat[i] = v.subs(mapping) if hasattr(v, "subs") else v
        return self._replace(new)

    def as_float(self) -> Game:
        """The same game with float payoffs (symbolic games must be substituted first)."""
        if self._kind == "float":
            return self
        if self._kind == "symbolic" and self.parameters:
            raise GameError(
                f"the game has free parameters {sorted(map(str, self.parameters))}; substitute values first"
            )
        return self._replace(np.vectorize(float, otypes=[float])(self._payoffs))

    def as_exact(self) -> Game:
        """The same game with exact payoffs; floats become the decimals they print as."""
        if self._kind == "exact":
            return self
        if self._kind == "symbolic" and self.parameters:
            raise GameError(
                f"the game has free parameters {sorted(map(str, self.parameters))}; substitute values first"
            )
        return self._replace(convert_array(self._payoffs, "exact"))

    def as_symbolic(self) -> Game:
        """The same game with sympy payoffs (for symbolic analysis of a numeric game)."""
        return self if self._kind == "symbolic" else self._replace(convert_array(self._payoffs, "symbolic"))

    def reorder(self, player: int | str, order: Sequence[int]) -> Game:
        """A new game whose ``player`` has its strategies in ``order`` (a permutation).

        Examples
        --------
        >>> g = Game.bimatrix([[1, 2], [3, 4]], [[0, 0], [0, 0]], strategies=[["U", "D"], ["L", "R"]])
        >>> g.reorder(0, [1, 0]).strategies[0]
        ('D', 'U')
        """
        i = self.player_index(player)
        order = [int(k) for k in order]
        if sorted(order) != list(range(self.shape[i])):
            raise GameError(f"order {order} is not a permutation of 0..{self.shape[i] - 1}")
        payoffs = np.take(self._payoffs, order, axis=i)
        strategies = list(self._strategies)
        strategies[i] = tuple(strategies[i][k] for k in order)
        return Game(payoffs, self._players, strategies, provenance=self._provenance)

    def rename(self, players: Sequence[str] | None = None,
               strategies: Sequence[Sequence[str]] | None = None) -> Game:
        """The same payoffs with new player and/or strategy names."""
        return Game(self._payoffs, players or self._players, strategies or self._strategies,
                    provenance=self._provenance)

    def apply(self, *instruments: Any) -> Game:
        """Apply policy instruments (payoff modifiers); see :mod:`coopgame.policy`."""
        from coopgame.policy import Policy

        return Policy(list(instruments)).apply(self)

    def _replace(self, payoffs: np.ndarray, provenance: Iterable[Any] | None = None) -> Game:
        return Game(payoffs, self._players, self._strategies,
                    provenance=self._provenance if provenance is None else provenance)

    def _require_two_players(self, what: str) -> None:
        if self.n_players != 2:
            raise GameError(f"{what} needs a two-player game; this one has {self.n_players} players")

    # ---------------------------------------------------------------- output
    def table(self, format: str = "text") -> Any:
        """The payoff table as ``"text"``, ``"markdown"``, ``"latex"`` or ``"dataframe"``.

        Two-player games print as a matrix with cells ``"a, b"``; other games as one
        row per pure profile.

        Examples
        --------
        >>> g = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
        >>> print(g.table("markdown"))
        | Player 1 \\ Player 2 | C | D |
        |---|---|---|
        | C | 3, 3 | 0, 5 |
        | D | 5, 0 | 1, 1 |
        """
        from coopgame._table import render_table

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

