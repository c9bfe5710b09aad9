"""Reading and writing Gambit .nfg files: the Gambit corpus, hand-checked payoffs,
exact numbers, round trips and every kind of malformed input."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopgame import Game, GameError, NfgError, read_nfg, write_nfg
from coopgame.io._nfg import format_nfg, parse_nfg
from tests.conftest import gambit_reference

REFERENCE = gambit_reference()
F = Fraction


def _matrix(game: Game, player: int) -> list[list[Fraction]]:
    return game.payoff_array(player).tolist()  # type: ignore[no-any-return]


# ---------------------------------------------------------------------------- the corpus
@pytest.mark.parametrize("name", sorted(REFERENCE))
def test_corpus_file_matches_gambit_shape_and_round_trips(gambit_dir: Path, name: str) -> None:
    entry = REFERENCE[name]
    game = read_nfg(gambit_dir / name, rename_duplicates=True)
    assert game.n_players == entry["players"]
    assert list(game.shape) == entry["shape"]
    assert game.kind == "exact"
    assert parse_nfg(format_nfg(game)) == game


def test_every_corpus_file_parses(gambit_dir: Path) -> None:
    """Also the files that have no entry in the reference JSON."""
    files = sorted(gambit_dir.glob("*.nfg"))
    assert files
    for path in files:
        game = read_nfg(path, rename_duplicates=True)
        assert parse_nfg(format_nfg(game, title=path.stem)) == game


def test_prisoners_dilemma_outcome_form(gambit_dir: Path) -> None:
    """pd.nfg lists outcomes (9,9), (10,0), (0,10), (1,1) and the indices 1 2 3 4, player 1's
    strategy changing fastest: (1,1)->(9,9), (2,1)->(10,0), (1,2)->(0,10), (2,2)->(1,1)."""
    game = read_nfg(gambit_dir / "pd.nfg")
    assert game.players == ("Player 1", "Player 2")
    assert _matrix(game, 0) == [[9, 0], [10, 1]]
    assert _matrix(game, 1) == [[9, 10], [0, 1]]


def test_three_player_cell_values(gambit_dir: Path) -> None:
    """2x2x2.nfg (McKelvey-McLennan): profile k in file order is (s1, s2, s3) with s1 fastest;
    k=0 (1,1,1) -> (9,8,12), k=3 (2,2,1) -> (9,8,2), k=5 (2,1,2) and k=6 (1,2,2) -> (3,4,6),
    every other profile -> (0,0,0)."""
    game = read_nfg(gambit_dir / "2x2x2.nfg")
    expected = {
        (0, 0, 0): (9, 8, 12),
        (1, 1, 0): (9, 8, 2),
        (1, 0, 1): (3, 4, 6),
        (0, 1, 1): (3, 4, 6),
    }
    for profile in itertools.product(range(2), repeat=3):
        assert game.payoff_of(profile) == expected.get(profile, (0, 0, 0)), profile


def test_named_outcomes_with_ratios(gambit_dir: Path) -> None:
    """perfect1.nfg: outcome "21" is (3/2, 1), used at index position 2 = profile (row 2, col 1)."""
    game = read_nfg(gambit_dir / "perfect1.nfg")
    assert _matrix(game, 0) == [[3, 0, 0], [F(3, 2), 2, F(3, 2)], [0, 0, 3]]
    assert _matrix(game, 1) == [[1, 0, 1], [1, 2, 1], [1, 0, 1]]


def test_payoff_list_with_ratios_and_strategy_names(gambit_dir: Path) -> None:
    """winkels.nfg (6x2): the first 12 numbers are rows 1..6 against column 1:
    (1,1) (1,0) (3,-2) (3,4) (5/2,-1) (5/2,6); then against column 2:
    (3,2) (3,-1) (1,2) (1,-1) (5/2,6) (5/2,-1)."""
    game = read_nfg(gambit_dir / "winkels.nfg")
    assert game.players == ("1", "2")
    assert _matrix(game, 0) == [
        [1, 3],
        [1, 3],
        [3, 1],
        [3, 1],
        [F(5, 2), F(5, 2)],
        [F(5, 2), F(5, 2)],
    ]
    assert _matrix(game, 1) == [[1, 2], [0, -1], [-2, 2], [4, -1], [-1, 6], [6, -1]]


def test_double_file_with_counts_is_read_exactly(gambit_dir: Path) -> None:
    """e04.nfg is `NFG 1 D` with `{ 3 2 }`: (1,1) (0,0); (2,1) (-1,2); (3,1) (-2,-2);
    (1,2) (0,0); (2,2) (-1,0); (3,2) (3,-1). cent2.nfg has the decimal payoff 0.811000."""
    game = read_nfg(gambit_dir / "e04.nfg")
    assert game.strategies == (("1", "2", "3"), ("1", "2"))
    assert _matrix(game, 0) == [[0, 0], [-1, -1], [-2, 3]]
    assert _matrix(game, 1) == [[0, 0], [2, 0], [-2, -1]]
    assert read_nfg(gambit_dir / "cent2.nfg").payoff_of((0, 0))[0] == F(811, 1000)


def test_outcome_and_payoff_versions_agree(gambit_dir: Path) -> None:
    """Gambit ships the 4x4 coordination game in both body forms: identity matrices."""
    by_outcome = read_nfg(gambit_dir / "tests__test_games__coordination_4x4_outcome.nfg")
    by_payoff = read_nfg(gambit_dir / "tests__test_games__coordination_4x4_payoff.nfg")
    identity = np.eye(4, dtype=int).tolist()
    for player in range(2):
        assert _matrix(by_outcome, player) == identity
        assert _matrix(by_payoff, player) == identity
    assert by_outcome.strategies[1] == ("2-1", "2-2", "2-3", "2-4")


def test_empty_names_are_numbered_as_gambit_does(gambit_dir: Path) -> None:
    """sww1.nfg names both players ""; pygambit 16.7 reads them as "_1" and "_2"."""
    assert read_nfg(gambit_dir / "sww1.nfg").players == ("_1", "_2")


# ---------------------------------------------------------------------------- syntax details
@pytest.mark.parametrize(
    ("text", "value"),
    [("0.1", F(1, 10)), ("-3/4", F(-3, 4)), ("+2", F(2)), (".5", F(1, 2)), ("2.", F(2)),
     ("1e-2", F(1, 100)), ("1.5E+3", F(1500)), ("-0.000001", F(-1, 10**6)), ("007", F(7))],
)
def test_numbers_are_exact(text: str, value: Fraction) -> None:
    game = parse_nfg(f'NFG 1 D "" {{ "A" }} {{ 2 }} {text} 0')
    assert game.payoff_of((0,)) == (value,)
    assert game.kind == "exact"


def test_commas_are_optional_and_whitespace_free() -> None:
    compact = parse_nfg('NFG 1 R"t"{"A""B"}{{"x""y"}{"z"}}{{"o"1,2}{"p"3 4}}2,1')
    assert compact.strategies == (("x", "y"), ("z",))
    assert compact.payoff_of(("x", "z")) == (3, 4)
    assert compact.payoff_of(("y", "z")) == (1, 2)
    spaced = parse_nfg('NFG 1 R "t" { "A" "B" } { 2 1 }\n3, 4, 1, 2\n')
    assert _matrix(spaced, 0) == _matrix(compact, 0)


def test_null_outcome_is_zero() -> None:
    game = parse_nfg('NFG 1 R "" { "A" "B" } { 2 1 } { { "o" 5 6 } } 0 1')
    assert game.payoff_of((0, 0)) == (0, 0)
    assert game.payoff_of((1, 0)) == (5, 6)


def test_escaped_quotes_and_multiline_comment() -> None:
    text = 'NFG 1 R "the \\"game\\"" { "Mr \\"X\\"" "a\\\\b" } { 1 1 }\n"line one\nline two"\n1 abc'
    assert parse_nfg(text.replace("abc", "2")).players == ('Mr "X"', "a\\b")
    with pytest.raises(NfgError) as info:
        parse_nfg(text)
    assert info.value.line == 4  # the comment spans lines 2 and 3
    assert info.value.token == "abc"


def test_repeated_names_are_made_distinct_on_request() -> None:
    """Gambit's rule (NormalizeLabels in src/games/file.cc): every copy of a repeated or empty
    name x becomes x_1, x_2, ..., skipping names already in use."""
    game = parse_nfg('NFG 1 R "" { "P" "P" "P_1" } { { "s" "s" "" "u" } { "t" } { "v" } } '
                     + " ".join(["1 1 1"] * 4), rename_duplicates=True)
    assert game.players == ("P_2", "P_3", "P_1")
    assert game.strategies[0] == ("s_1", "s_2", "_1", "u")


# ---------------------------------------------------------------------------- malformed input
_GOOD_HEADER = 'NFG 1 R "g"\n{ "A" "B" }\n{ 2 2 }\n'

MALFORMED = {
    "empty file": ("", 1, "end of file", "expected 'NFG'"),
    "other format": ('EFG 2 R "g" { "A" }', 1, "EFG", "expected 'NFG'"),
    "bad version": ('NFG 2 R "g" { "A" } { 1 } 0', 1, "2", "version"),
    "bad data type": ('NFG 1 X "g" { "A" } { 1 } 0', 1, "X", "'R' or 'D'"),
    "missing title": ('NFG 1 R\n{ "A" } { 1 } 0', 2, "{", "title"),
    "no players": ('NFG 1 R "g" { } { } 0', 1, "}", "at least one player"),
    "unquoted player": ('NFG 1 R "g" { A } { 1 } 0', 1, "A", "player name"),
    "zero strategies": ('NFG 1 R "g" { "A" "B" }\n{ 2 0 }\n0 0', 2, "0", "no strategies"),
    "non-integer count": ('NFG 1 R "g" { "A" } { 1.5 } 0', 1, "1.5", "number of strategies"),
    "too few strategy lists": ('NFG 1 R "g" { "A" "B" }\n{ { "x" } }\n1 1', 2, "}", "player 'B'"),
    "too few payoffs": (_GOOD_HEADER + "1 1 2 2\n3 3 4", 5, "end of file", "found only 7"),
    "too many payoffs": (_GOOD_HEADER + "1 1 2 2\n3 3 4 4\n5", 6, "5", "end of file"),
    "non-numeric payoff": (_GOOD_HEADER + "1 1 2 2\n3 abc 4 4", 5, "abc", "expected a number"),
    "division by zero": (_GOOD_HEADER + "1 1 2 2\n3 1/0 4 4", 5, "1/0", "division by zero"),
    "unknown outcome index": (
        _GOOD_HEADER + '{ { "a" 1 1 }\n{ "b" 2 2 } }\n1 2\n5 0',
        7,
        "5",
        "unknown outcome index 5",
    ),
    "fractional outcome index": (
        _GOOD_HEADER + '{ { "a" 1 1 } }\n1 0.5 1 1',
        5,
        "0.5",
        "outcome index",
    ),
    "too few outcome indices": (
        _GOOD_HEADER + '{ { "a" 1 1 } }\n1 1 1',
        5,
        "end of file",
        "found only 3",
    ),
    "outcome with one payoff": (_GOOD_HEADER + '{ { "a" 1 }\n}\n1 1 1 1', 4, "}", "has 1 payoffs"),
    "outcome payoff not a number": (
        _GOOD_HEADER + '{ { "a" 1 x } }\n1 1 1 1',
        4,
        "x",
        "expected a number",
    ),
    "unterminated string": (
        'NFG 1 R "g" { "A" "B }\n{ 2 2 }\n0 0 0 0 0 0 0 0',
        1,
        '"B }',
        "unterminated",
    ),
    "unterminated brace": (
        'NFG 1 R "g" { "A" "B" }\n{ { "x" "y" }\n{ "z" }\n',
        3,
        "end of file",
        "'}'",
    ),
    "no body": ('NFG 1 R "g" { "A" } { 1 }', 1, "end of file", "payoffs"),
    # a Game rejects repeated names, so the reader does too (the line is that of the second copy)
    "repeated player name": (
        'NFG 1 R "g" { "A"\n"A" } { 1 1 } 0 0',
        2,
        "A",
        "player name 'A' is used twice",
    ),
    "repeated strategy name": (
        'NFG 1 R "g" { "A" "B" }\n{ { "x" "y" }\n{ "z" "w" "z" } }\n' + "0 " * 12,
        3,
        "z",
        "strategy name 'z' of player 'B' is used twice",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_input_names_line_and_token(case: str) -> None:
    text, line, token, fragment = MALFORMED[case]
    with pytest.raises(NfgError) as info:
        parse_nfg(text, source="coop.nfg")
    error = info.value
    assert isinstance(error, ValueError)
    assert (error.line, error.token) == (line, token), str(error)
    assert fragment in str(error)
    assert str(error).startswith(f"coop.nfg, line {line}: ")
    if token != "end of file":
        assert repr(token) in str(error)


def test_repeated_names_are_rejected_like_the_api_does() -> None:
    """Game(...) refuses repeated names; the reader says which name is repeated, for players and
    for one player's strategies, in the names and counts forms alike. The same name for two
    players' strategies, or for a player and a strategy, is not a repetition."""
    with pytest.raises(GameError, match="distinct"):
        Game.bimatrix([[1, 1]], [[1, 1]], strategies=[["x"], ["y", "y"]])
    with pytest.raises(NfgError, match="strategy name 'y' of player 'B' is used twice"):
        parse_nfg('NFG 1 R "g" { "A" "B" } { { "x" } { "y" "y" } } 1 1 1 1')
    with pytest.raises(NfgError, match="player name 'P' is used twice"):
        parse_nfg('NFG 1 R "g" { "P" "Q" "P" } { 1 1 1 } 1 2 3')
    game = parse_nfg('NFG 1 R "g" { "A" "B" } { { "A" "C" } { "A" "C" } } 1 1 2 2 3 3 4 4')
    assert game.players == ("A", "B") and game.strategies == (("A", "C"), ("A", "C"))
    renamed = parse_nfg('NFG 1 R "g" { "P" "Q" "P" } { 1 1 1 } 1 2 3', rename_duplicates=True)
    assert renamed.players == ("P_1", "Q", "P_2")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_nfg(tmp_path / "absent.nfg")


def test_windows_line_ends_byte_order_mark_and_latin1(tmp_path: Path) -> None:
    path = tmp_path / "windows.nfg"
    path.write_bytes(b'\xef\xbb\xbfNFG 1 R "g" { "A" }\r\n{ { "x" "y" } }\r\n1\r\nabc')
    with pytest.raises(NfgError) as info:
        read_nfg(path)
    assert (info.value.line, info.value.token) == (4, "abc")
    path.write_bytes('NFG 1 R "g" { "Élève" } { 1 } 1'.encode("latin-1"))
    assert read_nfg(path).players == ("Élève",)


def test_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "coop.nfg"
    path.write_text('NFG 1 R "g" { "A" }\n{ 2 }\n1 abc\n')
    with pytest.raises(NfgError, match=r"coop\.nfg, line 3: expected a number, found 'abc'"):
        read_nfg(path)


# ---------------------------------------------------------------------------- writing
def test_writer_orders_profiles_with_player_one_fastest() -> None:
    """Independent of the reader: the numbers written for a 2x3x2 game, line by line, are the
    payoffs of the profiles listed by itertools.product over the reversed players."""
    payoffs = np.arange(2 * 3 * 2 * 3).reshape(2, 3, 2, 3)
    game = Game(payoffs)
    body = format_nfg(game).splitlines()[-12:]
    order = [tuple(reversed(p)) for p in itertools.product(range(2), range(3), range(2))]
    assert body == [" ".join(str(v) for v in payoffs[p]) for p in order]


def test_write_and_read_file(tmp_path: Path) -> None:
    game = Game.bimatrix(
        [[F(1, 3), 0], [-2, 5]],
        [[1, 1], [0, F(-7, 2)]],
        players=["School", "Firm"],
        strategies=[["Train", "Wait"], ["Hire", "Skip"]],
    )
    path = tmp_path / "out.nfg"
    write_nfg(game, path, title="exact")
    assert path.read_text().startswith('NFG 1 R "exact" { "School" "Firm" }')
    assert read_nfg(path) == game


def test_float_game_is_written_as_double_and_read_as_its_decimals() -> None:
    game = Game.bimatrix([[0.1, 2.5], [1e-7, -3.0]], [[1.0, 0.0], [0.0, 1.0]])
    text = format_nfg(game)
    assert text.startswith("NFG 1 D")
    back = parse_nfg(text)
    assert back == game.as_exact()
    assert back.payoff_of((1, 0))[0] == F(1, 10**7)


def test_symbolic_game_cannot_be_written() -> None:
    with pytest.raises(GameError, match="substitute"):
        format_nfg(Game.bimatrix([["a", 0], [0, 1]], [[1, 0], [0, "a"]]))


# ---------------------------------------------------------------------------- round trips
_name = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=8)
_tricky_name = st.one_of(
    _name, st.sampled_from(['"', '\\"', "a b", "\\", '{ "x" }', "line\nbreak", " "])
)
_payoff = st.one_of(
    st.integers(-3, 3),  # small integers: ties and degenerate games
    st.fractions(min_value=-10, max_value=10, max_denominator=12),
    st.integers(-(10**30), 10**30),
)


@st.composite
def exact_games(draw: st.DrawFn) -> Game:
    n_players = draw(st.integers(1, 4))
    shape = draw(st.lists(st.integers(1, 3), min_size=n_players, max_size=n_players))
    payoffs = np.empty((*shape, n_players), dtype=object)
    flat = payoffs.reshape(-1)
    for k in range(flat.size):
        flat[k] = draw(_payoff)
    players = draw(st.lists(_tricky_name, min_size=n_players, max_size=n_players, unique=True))
    strategies = [draw(st.lists(_tricky_name, min_size=n, max_size=n, unique=True)) for n in shape]
    return Game(payoffs, players, strategies)


@settings(max_examples=150, deadline=None)
@given(game=exact_games(), title=_tricky_name)
def test_round_trip_is_exact(game: Game, title: str) -> None:
    text = format_nfg(game, title=title)
    assert parse_nfg(text) == game
    assert format_nfg(parse_nfg(text), title=title) == text


# ---------------------------------------------------------------------------- pygambit as oracle
def _gambit_arrays(gambit_game: object) -> np.ndarray:
    """pygambit's payoffs as an exact array of shape (*strategies, players)."""
    arrays = gambit_game.to_arrays()  # type: ignore[attr-defined]
    return np.stack(
        [np.vectorize(lambda v: F(str(v)), otypes=[object])(a) for a in arrays], axis=-1
    )


def test_reader_agrees_with_pygambit(gambit_dir: Path) -> None:
    """Gambit's own parser (pygambit) reads the same payoffs and names from every corpus file."""
    gbt = pytest.importorskip("pygambit")
    for path in sorted(gambit_dir.glob("*.nfg")):
        ours = read_nfg(path, rename_duplicates=True)
        theirs = gbt.read_nfg(str(path))
        assert ours.payoffs.tolist() == _gambit_arrays(theirs).tolist(), path.name
        assert list(ours.players) == [p.label for p in theirs.players], path.name
        for player, names in zip(theirs.players, ours.strategies, strict=True):
            assert [s.label for s in player.strategies] == list(names), path.name


def test_gambit_written_outcome_form_reads_back(gambit_dir: Path) -> None:
    """pygambit writes the outcome form ("_1", "_2", ... outcomes); we read the same game."""
    gbt = pytest.importorskip("pygambit")
    for name in ("2x2x2.nfg", "perfect1.nfg", "winkels.nfg", "e04.nfg"):
        ours = read_nfg(gambit_dir / name)
        assert parse_nfg(gbt.read_nfg(str(gambit_dir / name)).to_nfg()) == ours, name


#: Gambit 16.7 accepts labels of printable ASCII without leading, trailing or double spaces;
#: backslashes are left out because Gambit's reader keeps the escaping backslash of "\\", and
#: whole numbers because pygambit 16.7 relabels strategies one by one from their defaults "1",
#: "2", ... and refuses e.g. { "2" "1" } as a (transient) duplicate.
_gambit_label = st.text(
    alphabet=st.sampled_from([chr(c) for c in range(32, 127) if chr(c) != "\\"]),
    min_size=1,
    max_size=6,
).filter(lambda s: s == s.strip() and "  " not in s and not s.isdigit())


@settings(max_examples=40, deadline=None)
@given(game=exact_games(), data=st.data())
def test_pygambit_reads_what_we_write(game: Game, data: st.DataObject) -> None:
    """Our writer's output parsed by Gambit itself gives the same payoffs and names
    (names without backslashes, whose escaping Gambit treats differently)."""
    gbt = pytest.importorskip("pygambit")
    import io

    players = data.draw(
        st.lists(_gambit_label, min_size=game.n_players, max_size=game.n_players, unique=True)
    )
    strategies = [
        data.draw(st.lists(_gambit_label, min_size=n, max_size=n, unique=True)) for n in game.shape
    ]
    game = game.rename(players, strategies)
    theirs = gbt.read_nfg(io.StringIO(format_nfg(game)))
    assert _gambit_arrays(theirs).tolist() == game.payoffs.tolist()
    assert [p.label for p in theirs.players] == players
    assert [[s.label for s in p.strategies] for p in theirs.players] == strategies
