"""Bargaining: how two sides split what cooperation creates.

Axiomatic solutions (Nash, weighted Nash, Kalai-Smorodinsky, egalitarian,
utilitarian) on a linear surplus split, on a convex feasible set given by points,
on a non-linear frontier, and on the feasible set of a two-player :class:`Game`;
and Rubinstein's alternating-offers game with outside options and a risk of breakdown.
The bridge to the school-enterprise model (the sharing coefficient bargaining predicts)
is in :mod:`coopgame.models`.

Exact input (ints, Fractions, ``"p/q"``) gives exact output; sympy input gives
sympy output (closed forms only); floats give floats.

References
----------
Nash, J. F. (1950). The bargaining problem. Econometrica 18, 155-162. Kalai, E., Smorodinsky, M.
(1975). Other solutions to Nash's bargaining problem. Econometrica 43, 513-518. Rubinstein, A.
(1982). Perfect equilibrium in a bargaining model. Econometrica 50, 97-109. Imai, H. (1983).
Individual monotonicity and lexicographic maxmin solution. Econometrica 51, 389-401. Luce, R. D.,
Raiffa, H. (1957). Games and Decisions, ch. 6. Wiley. Binmore, K., Rubinstein, A., Wolinsky, A.
(1986). The Nash bargaining solution in economic modelling. RAND Journal of Economics 17, 176-188.
Muthoo, A. (1999). Bargaining Theory with Applications. Cambridge University Press.

Long because: the axiomatic solutions (Nash, Kalai-Smorodinsky, egalitarian, utilitarian) and
Rubinstein's alternating offers share the feasible-polygon helpers and the BargainingSolution
record; each solution on its own is short.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

from coopgame._format import display_number, json_number
from coopgame.errors import CoopgameError
from coopgame.game import Game
from coopgame.numbers import Kind, array_kind, convert_array, is_sympy

if TYPE_CHECKING:
    from coopgame.equilibria import Equilibrium

__all__ = [
    "BargainingError",
    "BargainingSolution",
    "RULES",
    "split_surplus",
    "bargaining_solution",
    "nash_bargaining_frontier",
    "game_bargaining",
    "rubinstein",
    "rubinstein_from_rates",
    "rubinstein_limit",
]

Rule = Literal["nash", "kalai_smorodinsky", "egalitarian", "utilitarian"]
#: the axiomatic bargaining rules
RULES: tuple[str, ...] = ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian")
Point = tuple[Any, Any]


class BargainingError(CoopgameError):
    """Invalid bargaining problem: bad weights, disagreement point, discount factors or rule."""


@dataclass(frozen=True)
class BargainingSolution:
    """The agreement a bargaining rule selects.

    Attributes
    ----------
    rule
        One of :data:`RULES`.
    point
        The agreed payoffs, one per player.
    disagreement
        The disagreement point (what each side gets without agreement).
    weights
        The bargaining weights (Nash rule; equal weights are ``(1, 1)``).
    notes
        Plain-language remarks (ties, which equilibrium gave the disagreement point).
    """

    rule: str
    point: tuple[Any, ...]
    disagreement: tuple[Any, ...]
    weights: tuple[Any, ...]
    notes: tuple[str, ...] = field(default=())

    @property
    def gains(self) -> tuple[Any, ...]:
        """Each side's gain over its disagreement payoff.

        Examples
        --------
        >>> split_surplus(100, (20, 10)).gains
        (Fraction(35, 1), Fraction(35, 1))
        """
        return tuple(x - d for x, d in zip(self.point, self.disagreement))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready record (exact numbers as strings).

        Examples
        --------
        >>> split_surplus(10, (2, 0)).to_dict()["point"]
        ['6', '4']
        """
        return {"rule": self.rule, "point": [json_number(x) for x in self.point],
                "disagreement": [json_number(x) for x in self.disagreement],
                "weights": [json_number(x) for x in self.weights], "notes": list(self.notes)}


# ----------------------------------------------------------------- number handling
def _numbers(values: Sequence[Any], what: str) -> tuple[list[Any], Kind]:
    try:
        kind = array_kind(list(values))
        converted = convert_array(list(values), kind)
    except ValueError as exc:
        raise BargainingError(f"{what}: {exc}") from None
    return [v if kind != "float" else float(v) for v in converted], kind


def _weights(weights: Sequence[Any], count: int = 2) -> list[Any]:
    if len(weights) != count:
        raise BargainingError(f"weights: expected {count} bargaining weights, got {len(weights)}")
    values, kind = _numbers(weights, "weights")
    if kind != "symbolic" and any(w <= 0 for w in values):
        raise BargainingError(f"weights must be positive, got {list(weights)}")
    return values


def _pair(values: Sequence[Any], what: str) -> list[Any]:
    if isinstance(values, str) or len(values) != 2:
        raise BargainingError(f"{what}: expected two numbers (one per player), got {values!r}")
    return _numbers(values, what)[0]


# ----------------------------------------------------------------- linear surplus
def split_surplus(
    surplus: Any,
    disagreement: Sequence[Any] = (0, 0),
    weights: Sequence[Any] = (1, 1),
    rule: Rule = "nash",
) -> BargainingSolution:
    """Bargaining over a transferable surplus ``V``: the feasible set is ``x_1 + x_2 <= V``.

    The weighted Nash solution is ``x_i = d_i + w_i / (w_1 + w_2) * (V - d_1 - d_2)``
    (Nash 1950; Roth 1979 for the weights). On this frontier Kalai-Smorodinsky and the
    egalitarian rule give the symmetric split ``d_i + (V - d_1 - d_2) / 2``; every
    efficient split is utilitarian, and the symmetric one is returned.

    Parameters
    ----------
    surplus
        ``V``: number or sympy expression.
    disagreement
        ``(d_1, d_2)`` with ``d_1 + d_2 <= V``.
    weights
        Positive bargaining weights (Nash rule only).
    rule
        One of :data:`RULES`.

    Examples
    --------
    >>> split_surplus(100, (20, 10)).point
    (Fraction(55, 1), Fraction(45, 1))
    >>> split_surplus(100, (20, 10), weights=(2, 1)).point
    (Fraction(200, 3), Fraction(100, 3))
    >>> import sympy
    >>> V, d1, d2 = sympy.symbols("V d1 d2")
    >>> split_surplus(V, (d1, d2)).point[0]
    V/2 + d1/2 - d2/2
    """
    _check_rule(rule)
    (v, *d), kind = _numbers([surplus, *_pair(disagreement, "disagreement")], "surplus")
    w = _weights(weights) if rule == "nash" else [1, 1]
    if kind != "symbolic" and d[0] + d[1] > v:
        raise BargainingError(
            f"the disagreement point {tuple(disagreement)} is outside the feasible set: "
            f"d_1 + d_2 = {d[0] + d[1]} exceeds the surplus {v}")
    total = w[0] + w[1]
    rest = v - d[0] - d[1]
    point = (d[0] + w[0] * rest / total, d[1] + w[1] * rest / total)
    if kind == "symbolic":
        import sympy

        point = (sympy.expand(point[0]), sympy.expand(point[1]))
    notes = (
        (
            "on a linear frontier every efficient split maximises the total; the symmetric one is "
            "given",
        )
        if rule == "utilitarian"
        else ()
    )
    return BargainingSolution(rule, point, (d[0], d[1]), tuple(w), notes)


def _check_rule(rule: str) -> None:
    if rule not in RULES:
        raise BargainingError(f"unknown bargaining rule {rule!r}; rules are {', '.join(RULES)}")


# ----------------------------------------------------------------- convex sets given by points
def _feasible_above(points: Sequence[Point], d: Sequence[Any]) -> list[Point]:
    from coopgame._geometry import clip_below, convex_hull

    polygon = convex_hull([(p[0], p[1]) for p in points])
    for axis in (0, 1):
        polygon = clip_below(polygon, axis, d[axis])
    return polygon


def _edges(polygon: Sequence[Point]) -> list[tuple[Point, Point]]:
    if len(polygon) == 1:
        return [(polygon[0], polygon[0])]
    if len(polygon) == 2:
        return [(polygon[0], polygon[1])]
    return [(polygon[k], polygon[(k + 1) % len(polygon)]) for k in range(len(polygon))]


def _nash_product(point: Point, d: Sequence[Any], w: Sequence[Any], exact: bool) -> Any:
    gains = (point[0] - d[0], point[1] - d[1])
    if min(gains) <= 0:
        return -math.inf
    if exact:
        # (g1^w1 g2^w2) compared through integer powers: exact for rational weights
        scale = math.lcm(Fraction(w[0]).denominator, Fraction(w[1]).denominator)
        return gains[0] ** int(w[0] * scale) * gains[1] ** int(w[1] * scale)
    return float(w[0]) * math.log(gains[0]) + float(w[1]) * math.log(gains[1])


def _edge_nash_candidates(p: Point, q: Point, d: Sequence[Any], w: Sequence[Any]) -> list[Point]:
    """Ends of the edge and the stationary point of ``w1 log(a1 + b1 t) + w2 log(a2 + b2 t)``."""
    a = (p[0] - d[0], p[1] - d[1])
    b = (q[0] - p[0], q[1] - p[1])
    candidates = [p, q]
    if b[0] != 0 and b[1] != 0:
        t = -(w[0] * b[0] * a[1] + w[1] * b[1] * a[0]) / ((w[0] + w[1]) * b[0] * b[1])
        if 0 < t < 1:
            candidates.append((p[0] + t * b[0], p[1] + t * b[1]))
    return candidates


def _nash_on_polygon(
    polygon: Sequence[Point], d: Sequence[Any], w: Sequence[Any], exact: bool
) -> Point:
    best: Point | None = None
    best_value: Any = None
    for p, q in _edges(polygon):
        for c in _edge_nash_candidates(p, q, d, w):
            value = _nash_product(c, d, w, exact)
            if value != -math.inf and (best_value is None or value > best_value):
                best, best_value = c, value
    if best is None:
        raise BargainingError(
            "no feasible point gives both players more than the disagreement point"
        )
    return best


def _ray_exit(polygon: Sequence[Point], d: Sequence[Any], u: Sequence[Any]) -> Point:
    """The farthest point ``d + s*u`` (``s >= 0``) of the convex polygon."""
    best_s: Any = None
    for p, q in _edges(polygon):
        e = (q[0] - p[0], q[1] - p[1])
        det = u[0] * (-e[1]) + u[1] * e[0]
        rhs = (p[0] - d[0], p[1] - d[1])
        if det == 0:
            # parallel: the ray can only run along the edge; its ends are tested by the other edges
            for end in (p, q):
                s = _scale_along(end, d, u)
                if s is not None and (best_s is None or s > best_s):
                    best_s = s
            continue
        s = (rhs[0] * (-e[1]) + rhs[1] * e[0]) / det
        t = (u[0] * rhs[1] - u[1] * rhs[0]) / det
        if s >= 0 and 0 <= t <= 1 and (best_s is None or s > best_s):
            best_s = s
    if best_s is None or best_s <= 0:
        raise BargainingError(
            "no feasible point gives both players more than the disagreement point"
        )
    return (d[0] + best_s * u[0], d[1] + best_s * u[1])


def _lexicographic_ray(polygon: Sequence[Point], d: Sequence[Any], u: Sequence[Any]
                       ) -> tuple[Point, tuple[str, ...]]:
    """The egalitarian (``u = (1, 1)``) or Kalai-Smorodinsky (``u`` = ideal - d) point, kept
    efficient.

    Both rules take the farthest point ``d + s*u`` of the feasible set. The feasible set of a
    game is not comprehensive (no free disposal), so that point can be Pareto-dominated
    within it (a kink of the hull below the ray). Then the lexicographic extension is
    given (Imai 1983): the largest ``s`` with ``x >= d + s*u`` for some feasible ``x``,
    then the feasible point above ``d + s*u`` that gives the other side most. Where the
    ray point is efficient, the two coincide.
    """
    from coopgame._geometry import clip_below

    try:
        on_ray: Point | None = _ray_exit(polygon, d, u)
    except BargainingError:
        on_ray = None  # a point or a segment off the ray: only the lexicographic point exists

    def scaled_gain(point: Point) -> Any:
        return min((point[k] - d[k]) / u[k] for k in (0, 1) if u[k] != 0)

    # the smaller scaled gain is concave and piecewise linear: its maximum over the polygon is
    # at a vertex or where the boundary crosses the ray
    best = max([*([on_ray] if on_ray is not None else []), *polygon], key=scaled_gain)
    s = scaled_gain(best)
    above = list(polygon)
    for axis in (0, 1):
        above = clip_below(above, axis, d[axis] + s * u[axis])
    # what is left is a point or a segment on which one side's gain is fixed: give the other most
    point = max(above, key=lambda p: p[0] + p[1]) if above else best  # empty only by float rounding
    if on_ray is not None and (point[0] - on_ray[0]) + (point[1] - on_ray[1]) <= _tolerance(
        point, on_ray
    ):
        return on_ray, ()
    if on_ray is None:
        return point, ("the ray from the disagreement point misses the feasible set; "
                       "the lexicographic extension is given (Imai 1983)",)
    shown = ", ".join(display_number(x) for x in on_ray)
    return point, (f"the point on the ray, ({shown}), is Pareto-dominated in the feasible set; "
                   "the lexicographic extension is given (Imai 1983)",)


def _tolerance(*points: Point) -> Any:
    """0 for exact points; for floats 1e-12 of the coordinates' scale."""
    values = [x for p in points for x in p]
    if not any(isinstance(x, float) for x in values):
        return 0
    return 1e-12 * max(1.0, *(abs(float(x)) for x in values))


def _scale_along(point: Point, d: Sequence[Any], u: Sequence[Any]) -> Any:
    g = (point[0] - d[0], point[1] - d[1])
    if g[0] * u[1] - g[1] * u[0] != 0:
        return None
    return g[0] / u[0] if u[0] != 0 else g[1] / u[1]


def bargaining_solution(points: Sequence[Sequence[Any]], disagreement: Sequence[Any],
                        rule: Rule = "nash", weights: Sequence[Any] = (1, 1)) -> BargainingSolution:
    """A bargaining solution on the convex hull of ``points`` (two players).

    Parameters
    ----------
    points
        Payoff pairs; the feasible set is their convex hull.
    disagreement
        ``(d_1, d_2)``: it must be weakly dominated by a feasible point.
    rule
        ``"nash"`` maximises ``(x_1-d_1)^w_1 (x_2-d_2)^w_2``; ``"kalai_smorodinsky"``
        the farthest feasible point on the segment from ``d`` to the ideal point
        (each side's best feasible payoff above ``d``); ``"egalitarian"`` the largest
        equal gains; ``"utilitarian"`` maximises ``w_1 x_1 + w_2 x_2`` above ``d``
        (a tie along an edge is broken by the Nash rule on that edge).
    weights
        Positive weights (Nash and utilitarian rules).

    Notes
    -----
    The Nash product is maximised edge by edge in closed form: on the edge
    ``p + t (q - p)`` the stationary point of ``w_1 log(a_1 + b_1 t) + w_2 log(a_2 + b_2 t)``
    is ``t = -(w_1 b_1 a_2 + w_2 b_2 a_1) / ((w_1 + w_2) b_1 b_2)``; so exact
    input gives the exact solution.

    Examples
    --------
    The triangle ``x_1 + x_2 <= 1`` with ``d = 0``, and a frontier with a kink:

    >>> bargaining_solution([(0, 0), (1, 0), (0, 1)], (0, 0)).point
    (Fraction(1, 2), Fraction(1, 2))
    >>> pts = [(0, 0), (4, 0), (3, 2), (0, 3)]
    >>> bargaining_solution(pts, (0, 0), "kalai_smorodinsky").point
    (Fraction(36, 13), Fraction(27, 13))
    >>> bargaining_solution(pts, (0, 0), "egalitarian").point
    (Fraction(9, 4), Fraction(9, 4))
    >>> bargaining_solution(pts, (0, 0), "utilitarian").point
    (Fraction(3, 1), Fraction(2, 1))

    When the disagreement point is already efficient nothing is left to bargain over:

    >>> bargaining_solution([(0, 0), (1, 1)], (1, 1)).point
    (Fraction(1, 1), Fraction(1, 1))
    """
    _check_rule(rule)
    d_list = _pair(disagreement, "disagreement")
    flat = [x for p in points for x in _pair(p, "points")]
    if not flat:
        raise BargainingError("points: the feasible set needs at least one point")
    values, kind = _numbers([*flat, *d_list], "points")
    if kind == "symbolic":
        raise BargainingError("bargaining on a set of points needs numeric payoffs; "
                              "use split_surplus for a symbolic surplus")
    exact = kind == "exact"
    w = _weights(weights)
    w = [Fraction(x) for x in w] if exact else [float(x) for x in w]
    pts = [(values[2 * k], values[2 * k + 1]) for k in range(len(flat) // 2)]
    d = values[-2:]
    polygon = _feasible_above(pts, d)
    if not polygon:
        raise BargainingError(
            f"the disagreement point {tuple(disagreement)} is outside the feasible set: "
            "no feasible point gives every player at least its disagreement payoff")
    notes: tuple[str, ...] = ()
    # the vertices' mean lies in the polygon and beats d in both coordinates iff some point does
    if not all(sum(p[k] for p in polygon) > len(polygon) * d[k] for k in (0, 1)):
        # degenerate problem (d is weakly efficient): every rule gives the best point above d
        point = max(polygon, key=lambda p: (p[0] + p[1], p[0]))
        return BargainingSolution(rule, tuple(point), tuple(d), tuple(w), (
            "degenerate: no feasible point gives both players more than the disagreement point; "
            "the efficient point above it is given",))
    if rule == "nash":
        point = _nash_on_polygon(polygon, d, w, exact)
    elif rule == "egalitarian":
        point, notes = _lexicographic_ray(polygon, d, (1, 1))
    elif rule == "kalai_smorodinsky":
        ideal = (max(p[0] for p in polygon), max(p[1] for p in polygon))
        point, notes = _lexicographic_ray(polygon, d, (ideal[0] - d[0], ideal[1] - d[1]))
        notes = ("ideal point (" + ", ".join(display_number(x) for x in ideal) + ")", *notes)
    else:
        point, notes = _utilitarian(polygon, d, w, exact)
    return BargainingSolution(rule, tuple(point), tuple(d), tuple(w), notes)


def _utilitarian(polygon: Sequence[Point], d: Sequence[Any], w: Sequence[Any],
                 exact: bool) -> tuple[Point, tuple[str, ...]]:
    def total(p: Point) -> Any:
        return w[0] * p[0] + w[1] * p[1]

    best = max(total(p) for p in polygon)
    tol = 0 if exact else 1e-12 * max(1.0, abs(best))
    winners = [p for p in polygon if best - total(p) <= tol]
    if len(winners) == 1:
        return winners[0], ()
    segment = sorted(winners)
    return (_nash_on_polygon([segment[0], segment[-1]], d, (1, 1), exact),
            ("a whole edge maximises the weighted total; the Nash point on it is given",))


# ----------------------------------------------------------------- non-linear frontier
def nash_bargaining_frontier(frontier: Callable[[float], float], x_max: float,
                             disagreement: Sequence[float] = (0.0, 0.0),
                             weights: Sequence[float] = (1.0, 1.0)) -> BargainingSolution:
    """The Nash solution on a concave frontier ``x_2 = frontier(x_1)``, ``x_1 <= x_max`` (floats).

    Maximises ``w_1 log(x - d_1) + w_2 log(f(x) - d_2)``: a bounded Brent search,
    then the first-order condition solved by Brent's root finder (central
    differences), which gives the point to about 1e-12.

    Examples
    --------
    On the quarter circle ``x_2 = sqrt(1 - x_1^2)`` the symmetric solution is ``(1/sqrt 2, 1/sqrt
    2)``:

    >>> s = nash_bargaining_frontier(lambda x: (1 - x * x) ** 0.5, 1.0)
    >>> [round(v, 9) for v in s.point]
    [0.707106781, 0.707106781]
    """
    from scipy.optimize import brentq, minimize_scalar

    d1, d2 = (float(x) for x in _pair(disagreement, "disagreement"))
    w1, w2 = (float(x) for x in _weights(weights))
    if not x_max > d1 or not frontier(d1) > d2:
        raise BargainingError("the disagreement point is outside the feasible set: "
                              "no frontier point gives both players more")

    def objective(x: float) -> float:
        gain2 = frontier(x) - d2
        if x <= d1 or gain2 <= 0:
            return math.inf
        return -(w1 * math.log(x - d1) + w2 * math.log(gain2))

    rough = minimize_scalar(objective, bounds=(d1, x_max), method="bounded",
                            options={"xatol": 1e-12}).x
    h = 1e-6 * max(1.0, abs(rough))

    def slope(x: float) -> float:
        return (objective(x + h) - objective(x - h)) / (2 * h)

    x = rough
    lo, hi = max(d1 + 2 * h, rough - 1e-4), min(x_max - h, rough + 1e-4)
    if (
        lo < hi
        and math.isfinite(slope(lo))
        and math.isfinite(slope(hi))
        and slope(lo) * slope(hi) < 0
    ):
        x = brentq(slope, lo, hi, xtol=1e-15)
    return BargainingSolution("nash", (x, frontier(x)), (d1, d2), (w1, w2))


# ----------------------------------------------------------------- the feasible set of a game
def _disagreement_of(game: Game, disagreement: Any, equilibrium: int) -> tuple[list[Any], str]:
    if isinstance(disagreement, str):
        if disagreement == "maxmin":
            from coopgame.repeated import minmax_values

            # two players: by the minimax theorem each side's maxmin (what it can guarantee itself)
            # equals the value of the zero-sum game on its own payoffs, i.e. its mixed minmax value
            return (
                list(minmax_values(game, mixed=True)),
                "disagreement: threat point = security levels (each side's maxmin value in mixed "
                "strategies)",
            )
        if disagreement == "nash":
            from coopgame.equilibria import nash_equilibria

            found = nash_equilibria(game).equilibria
            if not 0 <= equilibrium < len(found):
                raise BargainingError(
                    f"equilibrium {equilibrium}: the game has {len(found)} stage equilibria"
                )
            eq = found[equilibrium]
            return list(
                eq.payoffs
            ), f"disagreement: stage Nash equilibrium {equilibrium} {_profile_text(game, eq)}"
        if disagreement in ("minmax", "minmax_pure"):
            from coopgame.repeated import minmax_values

            return list(
                minmax_values(game, mixed=disagreement == "minmax")
            ), f"disagreement: {disagreement} values"
        try:
            return list(
                game.payoff_of(disagreement.split(","))
            ), f"disagreement: status quo {disagreement}"
        except ValueError:
            raise BargainingError(
                f"disagreement {disagreement!r}: use 'maxmin', 'nash', 'minmax', 'minmax_pure', a "
                "profile "
                "'Strategy1,Strategy2' or two numbers"
            ) from None
    if isinstance(disagreement, Sequence) and len(disagreement) == 2 and all(
            isinstance(s, str) for s in disagreement) and all(
            s in names for s, names in zip(disagreement, game.strategies)):
        return list(game.payoff_of(disagreement)), f"disagreement: status quo {tuple(disagreement)}"
    return _pair(disagreement, "disagreement"), "disagreement given"


def _profile_text(game: Game, eq: Equilibrium) -> str:
    """A profile for a note: strategy names when pure, else the probabilities as the JSON writes
    them.

    Examples
    --------
    >>> from coopgame import nash_equilibria
    >>> bos = Game.bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]], strategies=[["F", "O"], ["F", "O"]])
    >>> [_profile_text(bos, eq) for eq in nash_equilibria(bos)]
    ['(F, F)', '((2/3, 1/3), (1/3, 2/3))', '(O, O)']
    """
    if eq.is_pure:
        return (
            "("
            + ", ".join(names[s[0]] for names, s in zip(game.strategies, eq.support, strict=True))
            + ")"
        )
    return "(" + ", ".join("(" + ", ".join(display_number(v) for v in vec) + ")"
                           for vec in eq.profile) + ")"


def game_bargaining(game: Game, rule: Rule = "nash", disagreement: Any = "maxmin", *,
                    equilibrium: int = 0, weights: Sequence[Any] = (1, 1)) -> BargainingSolution:
    """A bargaining solution on the feasible set of a two-player game (convex hull of its payoffs).

    Parameters
    ----------
    game
        A numeric two-player game (correlated play makes every point of the hull feasible).
    rule, weights
        As in :func:`bargaining_solution`.
    disagreement
        ``"maxmin"`` (default): the non-cooperative threat point, each side's security
        level (the payoff it can guarantee itself with a mixed strategy whatever the other
        does), the status quo of the arbitration schemes in Luce and Raiffa (1957, ch. 6);
        for two players it equals the mixed minmax value. ``"nash"``: the payoffs of stage
        equilibrium number ``equilibrium`` of :func:`coopgame.nash_equilibria` (an
        efficient equilibrium leaves nothing to bargain over). ``"minmax"`` (mixed minmax
        values), ``"minmax_pure"``, a pure profile (status quo, e.g. ``("Shirk", "Shirk")``)
        or two numbers.

    References
    ----------
    Luce, R. D., Raiffa, H. (1957). *Games and Decisions*, ch. 6. Wiley.

    Examples
    --------
    The Prisoner's Dilemma: defecting guarantees 1, so the threat point is (1, 1):

    >>> pd = Game.bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]], strategies=[["C", "D"], ["C", "D"]])
    >>> game_bargaining(pd).point
    (Fraction(3, 1), Fraction(3, 1))
    >>> game_bargaining(pd, weights=(3, 1)).point
    (Fraction(7, 2), Fraction(9, 4))
    >>> game_bargaining(pd).notes[0]
    "disagreement: threat point = security levels (each side's maxmin value in mixed strategies)"
    >>> game_bargaining(pd, disagreement="nash").notes[0]
    'disagreement: stage Nash equilibrium 0 (D, D)'
    """
    if game.n_players != 2:
        raise BargainingError(
            f"bargaining on a game needs two players, the game has {game.n_players}"
        )
    if game.kind == "symbolic":
        raise BargainingError(
            "bargaining on a game needs numeric payoffs; substitute the parameters first"
        )
    d, note = _disagreement_of(game, disagreement, equilibrium)
    points = [tuple(row) for row in game.payoffs.reshape(-1, 2)]
    if game.kind == "float":
        d = [float(x) for x in d]
    solution = bargaining_solution(points, d, rule, weights)
    return BargainingSolution(
        solution.rule,
        solution.point,
        solution.disagreement,
        solution.weights,
        (note, *solution.notes),
    )


# ----------------------------------------------------------------- Rubinstein
def _discount(value: Any, what: str) -> Any:
    (v,), kind = _numbers([value], what)
    if kind != "symbolic" and not 0 <= v < 1:
        raise BargainingError(f"{what} must lie in [0, 1), got {value}")
    return v


def rubinstein(delta_1: Any, delta_2: Any, *, first: int = 1, surplus: Any = 1,
               outside_options: Sequence[Any] | None = None, breakdown: Any = 0,
               breakdown_payoffs: Sequence[Any] = (0, 0)) -> tuple[Any, Any]:
    """Subgame-perfect shares of Rubinstein's alternating-offers game.

    Without outside options or breakdown the first proposer gets
    ``(1 - d_2) / (1 - d_1 d_2)`` of the surplus (Rubinstein 1982; ``d_i``
    for player 1 proposing first).

    With a probability ``p`` (``breakdown``) that negotiations break down after a
    rejection (each then gets ``b_i``), and outside options ``w_i`` that a responder
    may take instead of making a counter-offer, the unique stationary SPE solves
    ``x_2 = max(w_2, d_2((1-p)(V - y_1) + p b_2))`` and
    ``y_1 = max(w_1, d_1((1-p) x_1 + p b_1))`` with ``x_1 = V - x_2`` (the
    outside-option principle: an option matters only when it binds; Binmore,
    Rubinstein and Wolinsky 1986; Muthoo 1999, ch. 4-5). Each branch of the
    ``max`` is tried in exact arithmetic and the consistent one is returned.

    Parameters
    ----------
    delta_1, delta_2
        Discount factors in ``[0, 1)`` (numbers or sympy symbols).
    first
        The first proposer (1 or 2).
    surplus
        ``V``, the size of the pie.
    outside_options, breakdown, breakdown_payoffs
        As above (numeric only).

    Returns
    -------
    tuple
        (player 1's share, player 2's share) of the agreement reached at once.

    Examples
    --------
    >>> rubinstein(Fraction(9, 10), Fraction(8, 10))
    (Fraction(5, 7), Fraction(2, 7))
    >>> import sympy
    >>> d = sympy.Symbol("d")
    >>> rubinstein(d, d)[0]
    1/(d + 1)
    >>> rubinstein(Fraction(9, 10), Fraction(9, 10), outside_options=(0, Fraction(1, 2)))
    (Fraction(1, 2), Fraction(1, 2))
    """
    if first not in (1, 2):
        raise BargainingError(f"first must be 1 or 2, got {first!r}")
    d1, d2 = _discount(delta_1, "delta_1"), _discount(delta_2, "delta_2")
    (v, p, b1, b2), kind = _numbers(
        [surplus, breakdown, *_pair(breakdown_payoffs, "breakdown_payoffs")], "surplus"
    )
    if first == 2:
        swapped = rubinstein(
            d2,
            d1,
            surplus=v,
            breakdown=p,
            breakdown_payoffs=(b2, b1),
            outside_options=None if outside_options is None else tuple(outside_options)[::-1],
        )
        return swapped[1], swapped[0]
    symbolic = kind == "symbolic" or any(
        is_sympy(x) and getattr(x, "free_symbols", None) for x in (d1, d2)
    )
    if symbolic:
        if outside_options is not None:
            raise BargainingError(
                "outside options need numeric discount factors (the binding case depends on them)"
            )
        x1 = _stationary(d1, d2, v, p, b1, b2, None, None)
        import sympy

        x1 = sympy.simplify(x1)
        return x1, sympy.simplify(v - x1)
    if kind != "symbolic" and not 0 <= p <= 1:
        raise BargainingError(f"breakdown must be a probability in [0, 1], got {breakdown}")
    if kind != "symbolic" and b1 + b2 > v:
        raise BargainingError("breakdown payoffs exceed the surplus: there is nothing to agree on")
    w = [None, None] if outside_options is None else _pair(outside_options, "outside_options")
    if w[0] is not None and w[0] + w[1] >= v:
        raise BargainingError(
            "the outside options add up to at least the surplus: no agreement is reached"
        )
    for bind1 in (False, True):
        for bind2 in (False, True):
            if (bind1 or bind2) and w[0] is None:
                continue
            x1 = _stationary(d1, d2, v, p, b1, b2, w[0] if bind1 else None, w[1] if bind2 else None)
            if _consistent(x1, d1, d2, v, p, b1, b2, w):
                return x1, v - x1
    raise BargainingError(
        "no stationary equilibrium found (inconsistent parameters)"
    )  # pragma: no cover


def _stationary(d1: Any, d2: Any, v: Any, p: Any, b1: Any, b2: Any, w1: Any, w2: Any) -> Any:
    """Player 1's proposal when the named outside options bind (None: the continuation binds)."""
    if w2 is not None:
        return v - w2
    # x1 = V - d2((1-p)(V - y1) + p b2), y1 = w1 or d1((1-p) x1 + p b1)
    q = 1 - p
    if w1 is not None:
        return v - d2 * (q * (v - w1) + p * b2)
    return (v - d2 * q * v - d2 * p * b2 + d2 * q * d1 * p * b1) / (1 - d1 * d2 * q * q)


def _consistent(
    x1: Any, d1: Any, d2: Any, v: Any, p: Any, b1: Any, b2: Any, w: Sequence[Any]
) -> bool:
    q = 1 - p
    y1 = d1 * (q * x1 + p * b1)
    if w[0] is not None:
        y1 = max(w[0], y1)
    x2 = d2 * (q * (v - y1) + p * b2)
    if w[1] is not None:
        x2 = max(w[1], x2)
    gap = x1 - (v - x2)
    return bool(gap == 0) if not isinstance(gap, float) else abs(gap) <= 1e-12 * max(1.0, abs(v))


def rubinstein_from_rates(rate_1: Any, rate_2: Any, interval: Any, *, first: int = 1,
                          surplus: Any = 1) -> tuple[Any, Any]:
    """Rubinstein shares with discount rates ``r_i`` and ``interval`` between offers: ``d_i =
    exp(-r_i D)``.

    Examples
    --------
    >>> s = rubinstein_from_rates(0.1, 0.2, 0.001)
    >>> round(s[0], 4)
    0.6667
    """
    (r1, r2, step), kind = _numbers([rate_1, rate_2, interval], "rates")
    if kind != "symbolic" and (r1 <= 0 or r2 <= 0 or step <= 0):
        raise BargainingError("discount rates and the interval between offers must be positive")
    if kind == "symbolic":
        import sympy

        return rubinstein(
            sympy.exp(-r1 * step), sympy.exp(-r2 * step), first=first, surplus=surplus
        )
    return rubinstein(math.exp(-float(r1) * float(step)), math.exp(-float(r2) * float(step)),
                      first=first, surplus=float(surplus))


def rubinstein_limit(rate_1: Any, rate_2: Any, surplus: Any = 1) -> BargainingSolution:
    """The limit of Rubinstein's shares as offers speed up (interval -> 0).

    Player 1's share tends to ``r_2 / (r_1 + r_2)`` whoever proposes first: the
    Nash solution with weights ``1/r_1, 1/r_2`` and disagreement point 0
    (Binmore, Rubinstein and Wolinsky 1986); this function returns that solution.

    Examples
    --------
    >>> rubinstein_limit(1, 2).point
    (Fraction(2, 3), Fraction(1, 3))
    """
    (r1, r2), kind = _numbers([rate_1, rate_2], "rates")
    if kind != "symbolic" and (r1 <= 0 or r2 <= 0):
        raise BargainingError("discount rates must be positive")
    return split_surplus(surplus, (0, 0), weights=(1 / r1, 1 / r2))
