"""Hand-derived checks of :func:`coopgame.equilibria._polynomial.polynomial_enumeration`."""

from __future__ import annotations

import itertools
from fractions import Fraction

import numpy as np
import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from coopgame import Game
from coopgame.equilibria._polynomial import PolynomialSolveError, polynomial_enumeration
from coopgame.equilibria._vertex import vertex_enumeration


def _mckelvey_mclennan() -> Game:
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    payoffs[0, 0, 0] = 9, 8, 12
    payoffs[1, 1, 0] = 9, 8, 2
    payoffs[0, 1, 1] = 3, 4, 6
    payoffs[1, 0, 1] = 3, 4, 6
    return Game(payoffs)


def _key(profile: object) -> tuple[tuple[Fraction, ...], ...]:
    return tuple(tuple(Fraction(x) for x in vec) for vec in profile)  # type: ignore[attr-defined]


def test_mckelvey_mclennan_totally_mixed_equilibria() -> None:
    """McKelvey and McLennan (1996) 2x2x2 game: with probabilities p, q, r of the first
    strategies, player 3 indifferent gives 12pq + 2(1-p)(1-q) = 6p(1-q) + 6(1-p)q;
    players 1 and 2 give 9qr = 9(1-q)r... solved by hand in Gambit's documentation:
    the two totally mixed equilibria are (2/5, 1/2, 1/3) and (1/2, 2/5, 1/4)."""
    result = polynomial_enumeration(_mckelvey_mclennan())
    firsts = {tuple(vec[0] for vec in e.profile) for e in result
              if all(0 < vec[0] < 1 for vec in e.profile)}
    assert firsts == {
        (Fraction(2, 5), Fraction(1, 2), Fraction(1, 3)),
        (Fraction(1, 2), Fraction(2, 5), Fraction(1, 4)),
    }
    assert len(result) == 9 and result.complete


def test_exact_and_float_agree() -> None:
    game = _mckelvey_mclennan()
    exact = polynomial_enumeration(game, exact=True)
    floats = polynomial_enumeration(game.as_float(), exact=False)
    assert len(exact) == len(floats)
    for a, b in zip(exact, floats):
        for va, vb in zip(a.profile, b.profile):
            assert np.allclose([float(x) for x in va], vb, atol=1e-9)
    assert all(e.regret == 0 for e in exact)


def test_two_player_equals_vertex_enumeration() -> None:
    """A 2x3 game with a unique (isolated) equilibrium: both solvers must give
    the same one."""
    a = [[3, 0, 2], [1, 2, 0]]
    b = [[1, 2, 0], [3, 0, 2]]
    payoffs = np.stack([np.array(a), np.array(b)], axis=-1)
    game = Game(payoffs)
    ours = {_key(e.profile) for e in polynomial_enumeration(game)}
    theirs = {_key(e.profile) for e in vertex_enumeration(game)}
    assert ours == theirs


def test_bad_arguments_raise() -> None:
    game = _mckelvey_mclennan()
    with pytest.raises(PolynomialSolveError, match="tol"):
        polynomial_enumeration(game, tol=-1.0)
    with pytest.raises(PolynomialSolveError, match="max_seconds"):
        polynomial_enumeration(game, max_seconds=0)
    with pytest.raises(ValueError, match="Game"):
        polynomial_enumeration([[1, 2]])  # type: ignore[arg-type]


def _irrational_game() -> Game:
    """A 2x2x2 game built from the players' advantages of their first strategy.

    With p, q, r the probabilities of the first strategies and strategy 2 paying 0,
    player 1's advantage is 2r - 1 - 2qr, player 2's 1 + p - 3pr and player 3's
    1 - 3p + 4pq; their values at the pure profiles (all nonzero, so no player is
    ever indifferent against pure opponents) are the payoff table. A totally mixed
    equilibrium makes every advantage 0:

    - player 1: r (2 - 2q) = 1, so r = 1 / (2 (1 - q));
    - player 3: p (3 - 4q) = 1, so p = 1 / (3 - 4q);
    - player 2: 1 + p (1 - 3r) = 0; multiplying by 3 - 4q and substituting r,
      4 (1 - q) = 3 / (2 (1 - q)), i.e. 8 (1 - q)^2 = 3, so 1 - q = sqrt(6)/4 (the
      negative root would put q above 1).

    Hence q = 1 - sqrt(6)/4 ~ 0.3876, r = sqrt(6)/3 ~ 0.8165 and
    p = 1 / (sqrt(6) - 1) = (1 + sqrt(6))/5 ~ 0.6899: one irrational totally mixed
    equilibrium."""
    advantages = [
        lambda q, r: 2 * r - 1 - 2 * q * r,
        lambda p, r: 1 + p - 3 * p * r,
        lambda p, q: 1 - 3 * p + 4 * p * q,
    ]
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    for profile in itertools.product(range(2), repeat=3):
        firsts = [1 - a for a in profile]  # 1 where the player plays its first strategy
        for i in range(3):
            if profile[i] == 0:
                payoffs[profile + (i,)] = advantages[i](*(firsts[j] for j in range(3) if j != i))
    return Game(payoffs)


EXPECTED = (
    (1 + sympy.sqrt(6)) / 5,
    1 - sympy.sqrt(6) / 4,
    sympy.sqrt(6) / 3,
)


def test_irrational_totally_mixed_equilibrium_is_an_exact_algebraic_number() -> None:
    result = polynomial_enumeration(_irrational_game())
    assert result.complete
    mixed = [e for e in result if all(len(s) == 2 for s in e.support)]
    assert len(mixed) == 1
    eq = mixed[0]
    assert eq.exact and eq.algebraic and eq.regret <= 1e-12
    for vec, value in zip(eq.profile, EXPECTED):
        assert sympy.simplify(vec[0] - value) == 0
        assert sympy.simplify(vec[0] + vec[1] - 1) == 0
    assert [float(vec[0]) for vec in eq.profile] == pytest.approx(
        [(1 + 6**0.5) / 5, 1 - 6**0.5 / 4, 6**0.5 / 3], abs=1e-14
    )


def test_float_mode_finds_the_irrational_equilibria() -> None:
    floats = polynomial_enumeration(_irrational_game().as_float())
    mixed = [e.profile for e in floats if all(len(s) == 2 for s in e.support)]
    assert len(mixed) == 1
    assert [vec[0] for vec in mixed[0]] == pytest.approx([float(v) for v in EXPECTED], abs=1e-12)
    assert not floats.exact and all(e.regret <= 1e-9 for e in floats)


def test_exact_and_float_mode_agree_on_the_irrational_game() -> None:
    exact = polynomial_enumeration(_irrational_game())
    floats = polynomial_enumeration(_irrational_game(), exact=False)
    assert [e.key(6) for e in exact] == [e.key(6) for e in floats]


def test_segment_of_equilibria_is_noted_not_listed() -> None:
    """Player 3 is indifferent between its two strategies whatever happens and cannot
    influence the others, who play a strict pure equilibrium (1, 1): every mix of
    player 3 is an equilibrium, a segment, so the support where player 3 mixes carries
    no isolated equilibrium and the result must say so."""
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    payoffs[0, 0, :, 0] = 1
    payoffs[0, 0, :, 1] = 1
    result = polynomial_enumeration(Game(payoffs))
    assert not result.complete and result.degenerate is True
    assert any("not isolated" in note and "{1, 2}" in note for note in result.notes)
    # the segment's endpoints, (1, 1, 1) and (1, 1, 2), are pure equilibria
    pure = {tuple(int(np.argmax(vec)) for vec in e.profile) for e in result.pure}
    assert {(0, 0, 0), (0, 0, 1)} <= pure


def test_max_seconds_stops_early() -> None:
    result = polynomial_enumeration(_irrational_game(), max_seconds=1e-9)
    assert not result.complete
    assert any("max_seconds" in note for note in result.notes)


@pytest.mark.parametrize("seed", range(10))
def test_random_games_contain_pygambit_enumpoly(seed: int) -> None:
    """Seeded random 3- and 4-player games (integer payoffs in [-99, 99], so generic:
    Gambit does not finish on some degenerate ones): every equilibrium
    pygambit's enumpoly finds is one of ours (within 1e-6), and pygambit confirms that
    each of ours is an equilibrium (regret at most 1e-9)."""
    gbt = pytest.importorskip("pygambit")
    rng = np.random.default_rng(seed)
    shape = [(2, 2, 2), (2, 2, 3), (2, 3, 3), (2, 2, 2, 2)][seed % 4]
    arrays = [rng.integers(-99, 100, size=shape) for _ in shape]
    ours = polynomial_enumeration(Game(np.stack(arrays, axis=-1)))
    reference = gbt.Game.from_arrays(*[a.astype(int) for a in arrays])
    theirs = [
        [[float(eq[s]) for s in player.strategies] for player in reference.players]
        for eq in gbt.nash.enumpoly_solve(reference).equilibria
    ]
    floats = [[[float(v) for v in vec] for vec in e.profile] for e in ours]
    for profile in theirs:
        assert any(
            all(abs(a - b) <= 1e-6 for va, vb in zip(profile, mine) for a, b in zip(va, vb))
            for mine in floats
        )
    for eq, profile in zip(ours, floats):
        assert eq.regret == 0 or (eq.algebraic and eq.regret <= 1e-12)
        assert reference.mixed_strategy_profile(data=profile, rational=False).max_regret() <= 1e-9


def _double_root_game() -> Game:
    """Three players, two strategies each; ``p, q, r`` are the probabilities of the first
    strategies. The payoff advantages of the first strategy over the second are
    ``q - r`` (player 1), ``p - r`` (player 2) and ``4 (p - 1/2)(q - 1/2)`` (player 3), so
    the totally mixed support's indifference system has the single solution
    ``p = q = r = 1/2``, a double root (on ``p = q = r`` the third equation is
    ``4 (p - 1/2)**2``; its Jacobian rows are ``(0, 1, -1)``, ``(1, 0, -1)`` and
    ``(0, 0, 0)`` there): an equilibrium that no Krawczyk test can certify."""
    payoffs = np.zeros((2, 2, 2, 3), dtype=int)
    advantage = {(0, 0): 0, (0, 1): 1, (1, 0): -1, (1, 1): 0}  # q - r, and p - r
    for (b, c), value in advantage.items():
        payoffs[0, b, c, 0] = value
        payoffs[b, 0, c, 1] = value
    for a, b in itertools.product(range(2), repeat=2):
        payoffs[a, b, 0, 2] = 1 if a == b else -1  # 4 (p - 1/2)(q - 1/2)
    return Game(payoffs)


def test_singular_root_is_solved_exactly() -> None:
    result = polynomial_enumeration(_double_root_game())
    half = Fraction(1, 2)
    assert result.complete
    assert ((half, half),) * 3 in {_key(e.profile) for e in result}


def test_singular_support_beyond_the_exact_cap_is_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    """With room for enough boxes the subdivision of the double root ends SINGULAR;
    with the cap of exact solving at 0 unknowns the support must be noted, not dropped."""
    import coopgame.equilibria._poly_algebra as algebra
    import coopgame.equilibria._poly_intervals as intervals
    import coopgame.equilibria._polynomial as polynomial

    monkeypatch.setattr(intervals, "_MAX_BOXES", 100_000)
    monkeypatch.setattr(algebra, "_EXACT_UNKNOWNS", 0)
    statuses: list[intervals.SubdivisionStatus] = []
    isolate = polynomial.isolate

    def recording(system: intervals.IndifferenceSystem, deadline: float | None
                  ) -> tuple[list[np.ndarray], intervals.SubdivisionStatus]:
        roots, status = isolate(system, deadline)
        if all(len(s) == 2 for s in system.support):
            statuses.append(status)
        return roots, status

    monkeypatch.setattr(polynomial, "isolate", recording)
    result = polynomial_enumeration(_double_root_game())
    assert statuses == [intervals.SubdivisionStatus.SINGULAR]
    assert not result.complete
    assert any(
        "singular" in note and "too large" in note and "{1, 2}" in note for note in result.notes
    )
    half = Fraction(1, 2)
    assert ((half, half),) * 3 not in {_key(e.profile) for e in result}
    # the two pure equilibria, (1, 1, 1) and (2, 2, 1), are still found
    assert {tuple(int(np.argmax(vec)) for vec in e.profile) for e in result.pure} == {
        (0, 0, 0),
        (1, 1, 0),
    }


def test_singular_support_after_the_deadline_is_noted(monkeypatch: pytest.MonkeyPatch) -> None:
    """The clock jumps past ``max_seconds`` while the double root's support is subdivided:
    its exact solution is skipped, and a note says so."""
    import coopgame.equilibria._common as common
    import coopgame.equilibria._poly_intervals as intervals
    import coopgame.equilibria._polynomial as polynomial

    now = [0.0]

    class Clock:
        @staticmethod
        def monotonic() -> float:
            return now[0]

    isolate = polynomial.isolate

    def slow(system: intervals.IndifferenceSystem, deadline: float | None
             ) -> tuple[list[np.ndarray], intervals.SubdivisionStatus]:
        roots, status = isolate(system, deadline)
        if all(len(s) == 2 for s in system.support):
            now[0] += 100.0
        return roots, status

    # the deadline is set in _polynomial and checked by the family's shared ``expired``
    monkeypatch.setattr(polynomial, "time", Clock)
    monkeypatch.setattr(common, "time", Clock)
    monkeypatch.setattr(polynomial, "isolate", slow)
    result = polynomial_enumeration(_double_root_game(), max_seconds=10)
    assert not result.complete
    assert any("max_seconds" in note and "{1, 2}" in note for note in result.notes)
    assert len(result) == 2  # the pure equilibria, found before the clock jumped


@pytest.mark.parametrize(
    "game", [_mckelvey_mclennan(), _double_root_game()], ids=["mckelvey", "double"]
)
def test_subdivision_does_not_depend_on_the_batch_size(
    monkeypatch: pytest.MonkeyPatch, game: Game
) -> None:
    """Boxes one at a time (the plain depth-first search) and in batches give the same
    statuses and bit-identical roots, in the same order (the double root's support runs
    out of boxes, a status that must not depend on the batches either)."""
    import coopgame.equilibria._poly_intervals as intervals
    import coopgame.equilibria._poly_supports as supports_module
    import coopgame.equilibria._polynomial as polynomial

    scaled = polynomial._rescaled(game.as_float().payoffs.astype(float))
    supports = [s for s in supports_module.candidate_supports(scaled)
                if sum(len(x) - 1 for x in s) >= 2 and supports_module.balanced(s)]
    assert supports

    def run() -> list[tuple[intervals.SubdivisionStatus, list[list[float]]]]:
        out = []
        for support in supports:
            roots, status = intervals.isolate(intervals.IndifferenceSystem(scaled, support), None)
            # after BUDGET the roots so far are partial (and unused): only the status counts
            partial = status is intervals.SubdivisionStatus.BUDGET
            out.append((status, [] if partial else [root.tolist() for root in roots]))
        return out

    batched = run()
    monkeypatch.setattr(intervals, "_BATCH_BOXES", 1)
    assert run() == batched


def test_isolated_equilibrium_where_unused_strategies_tie_is_found() -> None:
    """Issue 11 item 1. With players 1 and 3 on their first strategies, player 2 pays 4
    on both of its strategies, so it may mix (q, 1 - q). Player 1's first strategy is a
    best response iff 1*q + 0*(1-q) >= 0*q + 1*(1-q) (payoffs u1[a][b][0]), i.e.
    q >= 1/2; player 3's first iff 0*q + 1*(1-q) >= 1*q + 0*(1-q), i.e. q <= 1/2. So
    ((1, 0), (1/2, 1/2), (1, 0)) is an equilibrium where both unused strategies tie, and
    isolated: if player 1 or 3 puts weight on its second strategy, player 2 strictly
    prefers its first. The support ({1}, {1, 2}, {1}) is unbalanced (its system is 0 = 0
    in q), so only the tied strategies' equations pin q down."""
    from coopgame.equilibria import regret

    u = [
        [[[1, 4, 0], [6, 7, 1]], [[0, 4, 1], [4, 5, 0]]],
        [[[0, 7, 2], [2, 6, 0]], [[1, 5, 6], [0, 3, 2]]],
    ]
    game = Game(u)
    half = Fraction(1, 2)
    assert regret(game, [[1, 0], [half, half], [1, 0]]) == 0
    result = polynomial_enumeration(game)
    assert ((Fraction(1), Fraction(0)), (half, half), (Fraction(1), Fraction(0))) in {
        _key(e.profile) for e in result
    }
    floats = polynomial_enumeration(game.as_float())
    assert any(abs(float(e.profile[1][0]) - 0.5) <= 1e-12 for e in floats)


def _corners(h: object) -> list[list[Fraction]]:
    """The 2x2 table of an opponent pair's pure profiles whose expected value under
    ((q, 1-q), (r, 1-r)) is the bilinear function ``h(q, r)``: bilinear interpolation
    of the corners reproduces it exactly (entry [b][c] is h at q = 1 - b, r = 1 - c)."""
    return [[h(Fraction(1 - b), Fraction(1 - c)) for c in range(2)] for b in range(2)]  # type: ignore[operator]


def _planted_binding_game(base: np.ndarray, q: Fraction, slopes: tuple[int, int]) -> Game:
    """A 2x2x2 game shaped like issue 11 item 1: players 1 and 3 on their first
    strategies, player 2 indifferent between its two, and ((1, 0), (q, 1-q), (1, 0)) an
    isolated equilibrium where both unused strategies tie.

    Player 1's gain of its second strategy is ``slopes[0] * (x - q)`` against player 2's
    (x, 1-x), player 3's ``-slopes[1] * (x - q)``: both are best responses only at
    x = q. If player 1 or 3 puts weight on its second strategy, player 2 strictly
    prefers its first (x = 1), so no other equilibrium is near."""
    u = base.astype(object)
    for b in range(2):
        x = Fraction(1 - b)
        u[1, b, 0, 0] = u[0, b, 0, 0] + slopes[0] * (x - q)
        u[0, b, 1, 2] = u[0, b, 0, 2] - slopes[1] * (x - q)
    u[0, 1, 0, 1] = u[0, 0, 0, 1]
    for a, c in [(1, 0), (0, 1), (1, 1)]:
        u[a, 0, c, 1] = u[a, 1, c, 1] + 1
    return Game(u)


def _planted_polynomial_game(base: np.ndarray, point: tuple[Fraction, Fraction],
                             bends: tuple[int, int, int]) -> Game:
    """A 4x2x2 game: player 1 on its first strategy, players 2 and 3 indifferent between
    their two, and ((1, 0, 0, 0), (q, 1-q), (r, 1-r)) an isolated equilibrium where
    player 1's three unused strategies tie, with two mixing opponents (so the tied
    equations are bilinear, not linear).

    Player 1's gain of strategy ``a`` against (x, 1-x), (y, 1-y) is
    ``c_a . (x - q, y - r) + bends[a] * (x - q) * (y - r)`` with c = (1, 0), (0, 1),
    (-1, -1): the three are non-positive together only at (q, r) (the directions span
    the plane positively). If player 1 puts weight on another strategy, player 2
    strictly prefers its first (x = 1), so no other equilibrium is near."""
    q, r = point
    u = base.astype(object)
    directions = [(1, 0), (0, 1), (-1, -1)]
    for a, ((cx, cy), bend) in enumerate(zip(directions, bends), start=1):

        def gain(
            x: Fraction, y: Fraction, cx: int = cx, cy: int = cy, bend: int = bend
        ) -> Fraction:
            return cx * (x - q) + cy * (y - r) + bend * (x - q) * (y - r)
        table = _corners(gain)
        for b, c in itertools.product(range(2), repeat=2):
            u[a, b, c, 0] = u[0, b, c, 0] + table[b][c]
    for c in range(2):
        u[0, 1, c, 1] = u[0, 0, c, 1]
    for b in range(2):
        u[0, b, 1, 2] = u[0, b, 0, 2]
    for a in range(1, 4):
        for c in range(2):
            u[a, 0, c, 1] = u[a, 1, c, 1] + 1
    return Game(u)


def test_isolated_equilibrium_where_tied_equations_are_polynomial_is_found() -> None:
    """Sibling of issue 11 item 1 with a polynomial tied system (see
    _planted_polynomial_game): the support ({1}, {1, 2}, {1, 2}) has the equations 0 = 0
    (players 2 and 3 are indifferent whatever the opponents do), so only the three tied
    strategies of player 1 (bilinear in player 2's and 3's probabilities) pin it down."""
    from coopgame.equilibria import regret

    point = (Fraction(1, 3), Fraction(3, 5))
    game = _planted_polynomial_game(np.zeros((4, 2, 2, 3), dtype=int), point, (2, -3, 1))
    planted = ((Fraction(1), Fraction(0), Fraction(0), Fraction(0)), (point[0], 1 - point[0]),
               (point[1], 1 - point[1]))
    assert regret(game, planted) == 0
    result = polynomial_enumeration(game)
    assert planted in {_key(e.profile) for e in result}
    # float mode sees ties only where the payoffs are exact in binary: scaled by 15 they
    # are integers (thirds and fifths would round, and the tie would be lost)
    scaled = Game(np.vectorize(int)(np.asarray(game.payoffs, dtype=object) * 15)).as_float()
    floats = polynomial_enumeration(scaled)
    assert any(
        max(
            abs(float(a) - float(b))
            for vec, ref in zip(e.profile, planted)
            for a, b in zip(vec, ref)
        )
        <= 1e-9
        for e in floats
    )


_small_payoffs = st.integers(-3, 3)
_interior = st.fractions(Fraction(1, 9), Fraction(8, 9), max_denominator=9)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=arrays(np.int64, (2, 2, 2, 3), elements=_small_payoffs), q=_interior,
       slopes=st.tuples(st.integers(1, 4), st.integers(1, 4)))
def test_planted_isolated_equilibrium_with_binding_ties_is_found(
        base: np.ndarray, q: Fraction, slopes: tuple[int, int]) -> None:
    """Issue 11 item 1 as a property: random 2x2x2 games (small integers, so often
    degenerate) with an isolated equilibrium planted where inequalities bind (see
    _planted_binding_game). The solver returns it or says it is incomplete."""
    from coopgame.equilibria import regret

    game = _planted_binding_game(base, q, slopes)
    planted = ((Fraction(1), Fraction(0)), (q, 1 - q), (Fraction(1), Fraction(0)))
    assert regret(game, planted) == 0
    result = polynomial_enumeration(game, max_seconds=30)
    assert planted in {_key(e.profile) for e in result} or not result.complete


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=arrays(np.int64, (4, 2, 2, 3), elements=_small_payoffs), q=_interior, r=_interior,
       bends=st.tuples(*[st.integers(-3, 3)] * 3))
def test_planted_isolated_equilibrium_with_polynomial_ties_is_found(
        base: np.ndarray, q: Fraction, r: Fraction, bends: tuple[int, int, int]) -> None:
    """The same property for _planted_polynomial_game (tied equations bilinear)."""
    from coopgame.equilibria import regret

    game = _planted_polynomial_game(base, (q, r), bends)
    planted = ((Fraction(1), Fraction(0), Fraction(0), Fraction(0)), (q, 1 - q), (r, 1 - r))
    assert regret(game, planted) == 0
    result = polynomial_enumeration(game, max_seconds=30)
    assert planted in {_key(e.profile) for e in result} or not result.complete


@pytest.mark.parametrize("shape", [(2, 2, 2, 2), (4, 4, 4)])
def test_max_seconds_interrupts_exact_algebra(shape: tuple[int, ...]) -> None:
    """Issue 11 item 7: 0/1 games whose exact algebra (Groebner bases of degenerate
    supports) ran for minutes past max_seconds (the 2x2x2x2 game below took 86 s
    unbounded). Cut short, the result says so in a note and keeps only certified
    equilibria."""
    rng = np.random.default_rng(6)
    game = Game(rng.integers(0, 2, size=(*shape, len(shape))))
    result = polynomial_enumeration(game, max_seconds=1)
    assert not result.complete
    assert any("max_seconds=1" in note and "not examined" in note for note in result.notes)
    assert all(e.regret == 0 for e in result)
