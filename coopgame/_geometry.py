"""Plane geometry on payoff vectors: convex hulls and half-plane clipping, exact or float.

Points are pairs of Fractions (exact) or floats; the same code serves both because it
only adds, multiplies and compares. The hull's monotone chains test turns exactly in
both; floats then get two tolerant clean-ups: vertices closer than ``DUPLICATE_TOL`` are
merged, and vertices on a straight stretch (within ``COLLINEAR_TOL``) dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Point = tuple[Any, Any]

#: float mode: a vertex turning by less than this (cross product over the squared edge
#: lengths, about an angle in radians) between its neighbours counts as collinear
COLLINEAR_TOL = 1e-9


def _cross(o: Point, a: Point, b: Point) -> Any:
    return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])


def _is_float(points: Sequence[Point]) -> bool:
    return any(isinstance(c, float) for p in points for c in p)


def convex_hull(points: Sequence[Point]) -> list[Point]:
    """The vertices of the convex hull, counter-clockwise from the lowest-leftmost point.

    Andrew's monotone chain; collinear boundary points are dropped.

    >>> convex_hull([(0, 0), (2, 0), (1, 1), (2, 2), (0, 2), (1, 0)])
    [(0, 0), (2, 0), (2, 2), (0, 2)]

    Floats: a vertical segment whose x-coordinates differ by rounding keeps both ends.

    >>> convex_hull([(3.0, 1.0), (3.0 + 4e-16, 3.0), (3.0 + 9e-16, 2.0)])
    [(3.0, 1.0), (3.0000000000000004, 3.0)]
    """
    unique = sorted(set(points))
    eps = COLLINEAR_TOL if _is_float(unique) else 0
    if len(unique) <= 2:
        return _merge_near_duplicates(unique) if eps and len(unique) == 2 else unique

    def half(seq: list[Point]) -> list[Point]:
        chain: list[Point] = []
        for p in seq:
            while len(chain) >= 2 and not _cross(chain[-2], chain[-1], p) > 0:
                chain.pop()
            chain.append(p)
        return chain

    # The chain tests turns without tolerance: near a vertical edge the order by x is
    # rounding noise, and a tolerant test there would drop an end of the edge as "collinear".
    lower, upper = half(unique), half(unique[::-1])
    hull = lower[:-1] + upper[:-1]
    if eps and len(hull) > 1:
        hull = _drop_flat_vertices(_merge_near_duplicates(hull), eps)
    return hull if hull else unique[:1]


def _drop_flat_vertices(hull: list[Point], eps: float) -> list[Point]:
    """Remove vertices that lie on the segment between their neighbours (within ``eps``),
    cyclically.

    Flat means a turn by less than ``eps`` (relative to the edge lengths, so that the payoffs'
    scale does not matter) *and* the vertex between its neighbours: the tip of a needle-thin
    polygon (a turn of almost 180 degrees) is an end point and stays.

    >>> _drop_flat_vertices([(0.0, 0.0), (1.0, 1e-12), (2.0, 0.0), (1.0, 1.0)], 1e-9)
    [(0.0, 0.0), (2.0, 0.0), (1.0, 1.0)]
    >>> _drop_flat_vertices([(0.0, 0.0), (2.0, 1e-12), (1.0, 0.0)], 1e-9)  # a needle: its tip stays
    [(0.0, 0.0), (2.0, 1e-12)]
    """
    changed = True
    while changed and len(hull) > 2:
        changed = False
        for k in range(len(hull)):
            o, a, b = hull[k - 1], hull[k], hull[(k + 1) % len(hull)]
            size = abs(a[0] - o[0]) + abs(a[1] - o[1]) + abs(b[0] - o[0]) + abs(b[1] - o[1])
            between = (a[0] - o[0]) * (b[0] - a[0]) + (a[1] - o[1]) * (b[1] - a[1]) >= 0
            if between and _cross(o, a, b) <= eps * size * size:
                del hull[k]
                changed = True
                break
    return hull


#: float mode: vertices closer than this (in every coordinate) are one vertex
DUPLICATE_TOL = 1e-10


def _merge_near_duplicates(hull: list[Point]) -> list[Point]:
    # iterations converge to a vertex from two sides; rounding noise must not leave two copies
    kept = [hull[0]]
    for p in hull[1:]:
        if max(abs(p[0] - kept[-1][0]), abs(p[1] - kept[-1][1])) > DUPLICATE_TOL:
            kept.append(p)
    if (
        len(kept) > 1
        and max(abs(kept[-1][0] - kept[0][0]), abs(kept[-1][1] - kept[0][1])) <= DUPLICATE_TOL
    ):
        kept.pop()
    return kept


def clip_below(polygon: Sequence[Point], axis: int, bound: Any) -> list[Point]:
    """The part of a convex polygon (counter-clockwise) where coordinate ``axis`` is ``>= bound``.

    Sutherland-Hodgman against one half-plane; degenerate polygons (points, segments) work too.

    >>> from fractions import Fraction
    >>> clip_below([(0, 0), (2, 0), (2, 2), (0, 2)], 0, Fraction(1))
    [(Fraction(1, 1), Fraction(0, 1)), (2, 0), (2, 2), (Fraction(1, 1), Fraction(2, 1))]
    """
    if not polygon:
        return []
    if len(polygon) == 1:
        return list(polygon) if polygon[0][axis] >= bound else []
    out: list[Point] = []
    n = len(polygon)
    closed = n > 2
    edges = range(n) if closed else range(n - 1)
    for k in edges:
        p, q = polygon[k], polygon[(k + 1) % n]
        p_in, q_in = p[axis] >= bound, q[axis] >= bound
        if p_in:
            out.append(p)
        if p_in != q_in:
            t = (bound - p[axis]) / (q[axis] - p[axis])
            crossing = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
            crossing = (bound, crossing[1]) if axis == 0 else (crossing[0], bound)
            out.append(crossing)
    if not closed and polygon[-1][axis] >= bound:
        out.append(polygon[-1])
    return convex_hull(out)
