"""Read and write Gambit's strategic-form game files (``.nfg``).

A ``.nfg`` file (McKelvey, McLennan and Turocy, *Gambit: Software Tools for Game
Theory*, "Game representation formats") is a header followed by a body::

    NFG 1 R "title" { "Player 1" "Player 2" } { { "C" "D" } { "C" "D" } }
    "optional comment"

and then either the *payoff list* (every player's payoff for each pure profile,
the first player's strategy changing fastest)::

    3 3 5 0 0 5 1 1

or the *outcome list* (named outcomes, then one outcome index per profile, in the
same order; index 0 is the null outcome, worth 0 to everybody)::

    { { "Both cooperate" 3, 3 } { "Sucker" 0, 5 } ... }
    1 2 3 4

The strategies may also be given as counts, ``{ 2 2 }``, and the data type as
``D`` (double) instead of ``R`` (rational). Whatever the data type, every number
is read exactly: ``0.1`` is 1/10 and ``3/4`` is 3/4, so a file read here gives an
exact game. Whitespace is not significant except inside double quotes; ``\\"``
inside a quoted string is a quote and ``\\\\`` a backslash.

Long because: a hand-written reader of Gambit's .nfg grammar (tokenizer, both payoff formats,
outcome lists) with line-and-column errors, and the writer that must round-trip with it.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from math import prod
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from coopgame.errors import CoopgameError
from coopgame.game import Game, GameError
from coopgame.numbers import to_exact

__all__ = ["NfgError", "read_nfg", "parse_nfg", "write_nfg", "format_nfg"]


class NfgError(CoopgameError):
    """A malformed ``.nfg`` file: the message names the source, the line and the token.

    Attributes
    ----------
    source
        The file name (or ``"<string>"``).
    line
        The 1-based line of the offending token.
    token
        The offending token as written in the file (``"end of file"`` at the end).
    problem
        The message without the location.

    Examples
    --------
    >>> try:
    ...     parse_nfg('NFG 1 R "" { "A" } { 2 }\\n1 abc', source="coop.nfg")
    ... except NfgError as err:
    ...     print(err)
    ...     print(err.line, err.token)
    coop.nfg, line 2: expected a number, found 'abc'
    2 abc
    """

    def __init__(self, problem: str, source: str, line: int, token: str) -> None:
        super().__init__(f"{source}, line {line}: {problem}")
        self.problem = problem
        self.source = source
        self.line = line
        self.token = token


# ---------------------------------------------------------------------------- lexer
class _Token(NamedTuple):
    kind: str  # "{", "}", ",", "string", "word" or "eof"
    text: str
    line: int


_END_OF_FILE = "end of file"

# A word ends at whitespace or at a character that is a token of its own.
_WORD = re.compile(r'[^\s{},"]+')
# Gambit's numbers: integers, decimals, exponents, ratios; a sign in front.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?\d+/\d+")


def _tokenize(text: str, source: str) -> list[_Token]:
    """Split ``text`` into braces, commas, quoted strings and words, with line numbers."""
    tokens: list[_Token] = []
    line, pos, end = 1, 0, len(text)
    while pos < end:
        char = text[pos]
        if char == "\n":
            line += 1
            pos += 1
        elif char.isspace():
            pos += 1
        elif char in "{},":
            tokens.append(_Token(char, char, line))
            pos += 1
        elif char == '"':
            value, pos, newlines = _read_string(text, pos, source, line)
            tokens.append(_Token("string", value, line))
            line += newlines
        else:
            match = _WORD.match(text, pos)
            assert match is not None  # any other character starts a word
            tokens.append(_Token("word", match.group(), line))
            pos = match.end()
    # report the end of the file on its last line that has any text
    tokens.append(_Token("eof", _END_OF_FILE, max(1, text.rstrip().count("\n") + 1)))
    return tokens


def _read_string(text: str, start: int, source: str, line: int) -> tuple[str, int, int]:
    """The quoted string opening at ``start``: (its value, the position after it, newlines in it).
    """
    chars: list[str] = []
    pos = start + 1
    while pos < len(text):
        char = text[pos]
        if char == "\\" and pos + 1 < len(text) and text[pos + 1] in '"\\':
            chars.append(text[pos + 1])
            pos += 2
        elif char == '"':
            value = "".join(chars)
            return value, pos + 1, value.count("\n")
        else:
            chars.append(char)
            pos += 1
    opening = text[start : start + 21].split("\n")[0]
    raise NfgError(f"unterminated string {opening!r} (no closing '\"')", source, line, opening)


class _Cursor:
    """Walks the token list; every error it raises names the current token."""

    def __init__(self, tokens: list[_Token], source: str) -> None:
        self.tokens = tokens
        self.source = source
        self.pos = 0

    def peek(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        if token.kind != "eof":
            self.pos += 1
        return token

    def skip_comma(self) -> None:
        if self.peek().kind == ",":
            self.pos += 1

    def error(self, problem: str, token: _Token | None = None) -> NfgError:
        """``problem`` at ``token`` (default: the current one), which the message names."""
        token = token or self.peek()
        return NfgError(f"{problem} (at {_describe(token)})", self.source, token.line, token.text)

    def expected(self, what: str, token: _Token | None = None) -> NfgError:
        token = token or self.peek()
        return NfgError(
            f"expected {what}, found {_describe(token)}", self.source, token.line, token.text
        )

    def expect(self, kind: str, what: str) -> _Token:
        if self.peek().kind != kind:
            raise self.expected(what)
        return self.take()


def _describe(token: _Token) -> str:
    return _END_OF_FILE if token.kind == "eof" else repr(token.text)


# ---------------------------------------------------------------------------- parser steps
def _read_number(cursor: _Cursor, what: str = "a number") -> Fraction:
    """One exact number; a comma after it is optional."""
    token = cursor.peek()
    if token.kind != "word" or not _NUMBER.fullmatch(token.text):
        raise cursor.expected(what)
    try:
        value = Fraction(token.text)
    except ZeroDivisionError:
        raise cursor.error("division by zero") from None
    cursor.take()
    cursor.skip_comma()
    return value


def _read_count(cursor: _Cursor, what: str) -> int:
    """A non-negative integer (a strategy count or an outcome index)."""
    token = cursor.peek()
    if token.kind != "word" or not token.text.isdigit():
        raise cursor.expected(what)
    cursor.take()
    cursor.skip_comma()
    return int(token.text)


def _read_header(cursor: _Cursor) -> str:
    """``NFG 1 R "title"``; returns the title."""
    token = cursor.peek()
    if token.kind != "word" or token.text != "NFG":
        raise cursor.expected("'NFG' (a Gambit strategic-form file starts with 'NFG 1 R')")
    cursor.take()
    token = cursor.peek()
    if token.kind != "word" or token.text != "1":
        raise cursor.expected("format version '1'")
    cursor.take()
    token = cursor.peek()
    if token.kind != "word" or token.text not in ("R", "D"):
        raise cursor.expected("data type 'R' or 'D'")
    cursor.take()
    return cursor.expect("string", "the game's title in double quotes").text


def _read_players(cursor: _Cursor, rename_duplicates: bool) -> list[str]:
    """``{ "Player 1" "Player 2" }``."""
    cursor.expect("{", "'{' opening the list of player names")
    names = []
    while cursor.peek().kind == "string":
        names.append(cursor.take())
    closing = cursor.peek()
    cursor.expect("}", "a quoted player name or '}'")
    if not names:
        raise cursor.error("a game needs at least one player", closing)
    repeated = None if rename_duplicates else _duplicate(names)
    if repeated is not None:
        raise NfgError(
            f"player name {repeated.text!r} is used twice; give each player a distinct name",
            cursor.source,
            repeated.line,
            repeated.text,
        )
    return [token.text for token in names]


def _read_strategies(
    cursor: _Cursor, players: Sequence[str], rename_duplicates: bool
) -> list[list[str]]:
    """``{ { "a" "b" } { "c" "d" } }`` (names) or ``{ 2 2 }`` (counts)."""
    cursor.expect("{", "'{' opening the strategies")
    strategies: list[list[str]] = []
    if cursor.peek().kind == "{":
        for player in players:
            cursor.expect("{", f"'{{' opening the strategy names of player {player!r}")
            names = []
            while cursor.peek().kind == "string":
                names.append(cursor.take())
            closing = cursor.peek()
            cursor.expect("}", f"a quoted strategy name of player {player!r} or '}}'")
            if not names:
                raise cursor.error(f"player {player!r} has no strategies", closing)
            repeated = None if rename_duplicates else _duplicate(names)
            if repeated is not None:
                raise NfgError(
                    f"strategy name {repeated.text!r} of player {player!r} is used twice; "
                    "give each strategy of a player a distinct name",
                    cursor.source,
                    repeated.line,
                    repeated.text,
                )
            strategies.append([token.text for token in names])
    else:
        for player in players:
            token = cursor.peek()
            count = _read_count(cursor, f"the number of strategies of player {player!r}")
            if count == 0:
                raise cursor.error(f"player {player!r} has no strategies", token)
            strategies.append([str(k) for k in range(1, count + 1)])
    cursor.expect("}", f"'}}' closing the strategies of the {len(players)} players")
    return strategies


def _read_payoff_list(cursor: _Cursor, n_profiles: int, n_players: int) -> list[Fraction]:
    """Every player's payoff, profile after profile."""
    expected = n_profiles * n_players
    values = []
    for k in range(expected):
        if cursor.peek().kind == "eof":
            raise cursor.error(
                f"expected {expected} payoffs ({n_profiles} profiles x {n_players} players), found "
                f"only {k}"
            )
        values.append(_read_number(cursor, "a number"))
    return values


def _read_outcomes(cursor: _Cursor, players: Sequence[str]) -> list[tuple[Fraction, ...]]:
    """``{ { "name" 1, 2 } ... }``: each outcome's payoffs, outcome 1 first."""
    cursor.expect("{", "'{' opening the list of outcomes")
    outcomes = []
    while cursor.peek().kind == "{":
        cursor.take()
        name = cursor.expect("string", "the outcome's name in double quotes").text
        payoffs = []
        while cursor.peek().kind == "word":
            payoffs.append(_read_number(cursor, "a number"))
        closing = cursor.peek()
        if closing.kind != "}":
            raise cursor.expected(f"a payoff or '}}' closing outcome {name!r}")
        if len(payoffs) != len(players):
            raise cursor.error(
                f"outcome {name!r} has {len(payoffs)} payoffs; expected {len(players)}, one per "
                "player",
                closing,
            )
        cursor.take()
        outcomes.append(tuple(payoffs))
    cursor.expect("}", "'{' opening an outcome or '}' closing the list of outcomes")
    return outcomes


def _read_outcome_indices(
    cursor: _Cursor, outcomes: Sequence[tuple[Fraction, ...]], n_profiles: int, n_players: int
) -> list[Fraction]:
    """One outcome index per profile, expanded to payoffs (0 is the null outcome)."""
    null = (Fraction(0),) * n_players
    values: list[Fraction] = []
    for k in range(n_profiles):
        if cursor.peek().kind == "eof":
            raise cursor.error(
                f"expected {n_profiles} outcome indices, one per profile, found only {k}"
            )
        token = cursor.peek()
        index = _read_count(cursor, "an outcome index (a whole number)")
        if index > len(outcomes):
            raise cursor.error(
                f"unknown outcome index {index}; the file defines outcomes 1..{len(outcomes)} (0 = "
                "no outcome)",
                token,
            )
        values.extend(outcomes[index - 1] if index else null)
    return values


def _expect_end(cursor: _Cursor, what: str) -> None:
    if cursor.peek().kind != "eof":
        raise cursor.expected(f"end of file after the {what}")


def _duplicate(names: Sequence[_Token]) -> _Token | None:
    """The second occurrence of the first non-empty name given twice, or None."""
    seen: set[str] = set()
    for token in names:
        if token.text and token.text in seen:
            return token
        seen.add(token.text)
    return None


def _distinct_names(names: Sequence[str]) -> list[str]:
    """Gambit's label normalisation: an empty or repeated name ``x`` becomes ``x_1``, ``x_2``, ...

    (the first suffix not already in use), so that a file Gambit reads with distinct
    names gives the same names here; a :class:`Game` needs distinct names.
    """
    counts = Counter(names)
    used = set(names)
    suffixes: Counter[str] = Counter()
    out = []
    for name in names:
        if counts[name] > 1 or not name:
            while True:
                suffixes[name] += 1
                candidate = f"{name}_{suffixes[name]}"
                if candidate not in used:
                    break
            used.add(candidate)
            name = candidate
        out.append(name)
    return out


def _payoff_array(values: Sequence[Fraction], shape: Sequence[int]) -> np.ndarray:
    """The flat profile list (first player fastest) as an array of shape ``(*shape, n)``."""
    n_players = len(shape)
    flat = np.empty(len(values), dtype=object)
    flat[:] = list(values)
    # with player 1 fastest the list is C-ordered over the *reversed* strategy axes
    reversed_axes = flat.reshape((*reversed(shape), n_players))
    return reversed_axes.transpose((*reversed(range(n_players)), n_players))


# ---------------------------------------------------------------------------- public API
def parse_nfg(text: str, source: str = "<string>", *, rename_duplicates: bool = False) -> Game:
    """Parse the text of a Gambit ``.nfg`` file into an exact :class:`~coopgame.Game`.

    Parameters
    ----------
    text
        The file's contents, in either of Gambit's body forms (payoff list or
        outcome list) and with strategy names or strategy counts.
    source
        The name used in error messages.
    rename_duplicates
        ``False`` (default): a player name used twice, or a strategy name used twice
        by one player, is an error, as it is for :class:`~coopgame.Game`. ``True``:
        number the copies as Gambit 16.7 does (``x`` becomes ``x_1``, ``x_2``, ...),
        to read files Gambit accepts.

    Returns
    -------
    Game
        An exact game (Fractions) with the file's player and strategy names; as in
        Gambit 16.7, an empty name becomes ``_1``, ``_2``, ...

    Raises
    ------
    NfgError
        For any malformed input, including repeated names; the message names the line
        and the token.

    References
    ----------
    McKelvey, McLennan and Turocy, *Gambit: Software Tools for Game Theory*,
    section "Game representation formats: the strategic game (.nfg) file format".

    Examples
    --------
    The Prisoner's Dilemma in the payoff-list form; the decimal is read exactly:

    >>> g = parse_nfg('''NFG 1 R "PD" { "School" "Firm" } { { "C" "D" } { "C" "D" } }
    ... 3 3  5 0  0 5  0.5 1''')
    >>> g.players, g.strategies
    (('School', 'Firm'), (('C', 'D'), ('C', 'D')))
    >>> g.payoff_of(("D", "C")), g.payoff_of(("D", "D"))
    ((Fraction(5, 1), Fraction(0, 1)), (Fraction(1, 2), Fraction(1, 1)))

    The same kind of game in the outcome form, with strategy counts:

    >>> g = parse_nfg('NFG 1 R "" { "A" "B" } { 2 2 } { { "win" 1, -1 } { "lose" -1, 1 } } 1 2 2 1')
    >>> g.payoff_array(0).tolist()
    [[Fraction(1, 1), Fraction(-1, 1)], [Fraction(-1, 1), Fraction(1, 1)]]

    A repeated name is an error unless asked to number the copies as Gambit does:

    >>> parse_nfg('NFG 1 R "" { "A" } { { "x" "x" } } 1 2')
    Traceback (most recent call last):
    ...
    coopgame.io._nfg.NfgError: <string>, line 1: strategy name 'x' of player 'A' is used twice; ...
    >>> parse_nfg('NFG 1 R "" { "A" } { { "x" "x" } } 1 2', rename_duplicates=True).strategies
    (('x_1', 'x_2'),)
    """
    cursor = _Cursor(_tokenize(text, source), source)
    _read_header(cursor)
    players = _read_players(cursor, rename_duplicates)
    strategies = _read_strategies(cursor, players, rename_duplicates)
    if cursor.peek().kind == "string":
        cursor.take()  # the optional comment
    shape = [len(s) for s in strategies]
    n_profiles = prod(shape)
    body = cursor.peek()
    if body.kind == "{":
        outcomes = _read_outcomes(cursor, players)
        values = _read_outcome_indices(cursor, outcomes, n_profiles, len(players))
        _expect_end(cursor, f"{n_profiles} outcome indices")
    elif body.kind == "word":
        values = _read_payoff_list(cursor, n_profiles, len(players))
        _expect_end(
            cursor,
            f"{n_profiles * len(players)} payoffs ({n_profiles} profiles x {len(players)} players)",
        )
    else:
        raise cursor.expected("the payoffs (numbers) or the list of outcomes ('{')")
    player_names = _distinct_names(players)
    strategy_names = [_distinct_names(names) for names in strategies]
    try:
        return Game(_payoff_array(values, shape), player_names, strategy_names)
    except (
        GameError
    ) as exc:  # not expected after the checks above; keep the file's name in the message
        raise NfgError(str(exc), source, body.line, body.text) from None


def read_nfg(path: str | os.PathLike[str], *, rename_duplicates: bool = False) -> Game:
    """Read a Gambit ``.nfg`` file into an exact :class:`~coopgame.Game`.

    See :func:`parse_nfg` for the format. The file is read as UTF-8 (with or without
    a byte-order mark), falling back to Latin-1 (older Gambit files).

    Parameters
    ----------
    path
        The file to read.
    rename_duplicates
        Number repeated names as Gambit does instead of rejecting them (see :func:`parse_nfg`).

    Raises
    ------
    FileNotFoundError
        If the file does not exist.
    NfgError
        If it is not a well-formed ``.nfg`` file (the message names the line and token).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "coord.nfg"
    >>> _ = path.write_text('NFG 1 R "coordination" { "A" "B" } { 2 2 } 1 1 0 0 0 0 2 2')
    >>> read_nfg(path).payoff_of((1, 1))
    (Fraction(2, 1), Fraction(2, 1))
    """
    raw = Path(path).read_bytes()
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark is not part of the header
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return parse_nfg(text, source=os.fspath(path), rename_duplicates=rename_duplicates)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _format_number(value: Any, exact: bool) -> str:
    return str(to_exact(value)) if exact else repr(float(value))


def format_nfg(game: Game, title: str = "") -> str:
    """The text of a Gambit ``.nfg`` file for ``game`` (payoff-list form, strategy names).

    Exact games are written as ``NFG 1 R`` with integers and ratios (``3/4``), float
    games as ``NFG 1 D`` with the shortest decimals that read back as the same floats.
    Reading the text back gives an equal game for exact games, and ``game.as_exact()``
    for float games (:func:`parse_nfg` reads every number exactly).

    Parameters
    ----------
    game
        A numeric game (substitute a symbolic game's parameters first).
    title
        The title written in the header.

    Raises
    ------
    GameError
        If the game has symbolic payoffs.

    Notes
    -----
    Any name is written (quotes and backslashes escaped) and read back here, but
    Gambit 16.7 itself accepts only labels of printable ASCII without leading,
    trailing or double spaces: rename the game first to exchange it with Gambit.

    Examples
    --------
    >>> g = Game.bimatrix([[3, 0], [5, Fraction(1, 2)]], [[3, 5], [0, 1]],
    ...                   players=["School", "Firm"], strategies=[["C", "D"], ["C", "D"]])
    >>> print(format_nfg(g, title='A "PD"'), end="")
    NFG 1 R "A \\"PD\\"" { "School" "Firm" }
    { { "C" "D" }
      { "C" "D" }
    }
    3 3
    5 0
    0 5
    1/2 1
    >>> parse_nfg(format_nfg(g)) == g
    True
    """
    if game.kind == "symbolic":
        raise GameError(
            "the .nfg format holds numbers only; substitute the game's parameters first (game.subs)"
        )
    exact = game.kind == "exact"
    n_players = game.n_players
    lines = [
        f"NFG 1 {'R' if exact else 'D'} {_quote(title)} {{ {' '.join(map(_quote, game.players))} }}"
    ]
    strategy_lists = ["{ " + " ".join(map(_quote, names)) + " }" for names in game.strategies]
    lines.append("{ " + "\n  ".join(strategy_lists))
    lines.append("}")
    # player 1's strategy changes fastest: C order over the reversed strategy axes
    by_profile = game.payoffs.transpose((*reversed(range(n_players)), n_players)).reshape(
        -1, n_players
    )
    for row in by_profile:
        lines.append(" ".join(_format_number(v, exact) for v in row))
    return "\n".join(lines) + "\n"


def write_nfg(game: Game, path: str | os.PathLike[str], title: str = "") -> None:
    """Write ``game`` to a Gambit ``.nfg`` file (UTF-8); see :func:`format_nfg`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "mp.nfg"
    >>> g = Game.zero_sum([[1, -1], [-1, 1]])
    >>> write_nfg(g, path, title="Matching Pennies")
    >>> read_nfg(path) == g
    True
    """
    text = format_nfg(game, title)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
