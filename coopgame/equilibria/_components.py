"""Equilibrium components of a two-player game from its extreme equilibria.

The extreme equilibria of a bimatrix game are pairs ``(x, y)`` of vertices of the
two best-response polytopes that are complementary. Seen as edges of a bipartite
graph between x-vertices and y-vertices:

* a *maximal Nash subset* is a maximal complete bipartite subgraph (biclique)
  ``U x V``: every convex combination of the x's in ``U`` with every convex
  combination of the y's in ``V`` is an equilibrium (Winkels 1979);
* a *component* (connected set of equilibria) is a connected component of the
  graph: a union of maximal Nash subsets that share vertices.

Maximal bicliques are found as the closed sets of the neighbourhood lattice
(every maximal ``V`` is an intersection of x-neighbourhoods), the idea behind the
clique enumeration of Avis, Rosenberg, Savani and von Stengel (2010),
"Enumeration of Nash equilibria for two-player games", Economic Theory 42:9-37.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from coopgame.equilibria._result import Component, NashSubset

__all__ = ["maximal_bicliques", "connected_pairs", "build_components", "component_notes"]


def maximal_bicliques(pairs: Iterable[tuple[int, int]]) -> list[tuple[frozenset[int], frozenset[int]]]:
    """All maximal bicliques ``(U, V)`` of the bipartite graph with edges ``pairs``.

    Examples
    --------
    Two x-vertices both complementary to two y-vertices form one 2x2 biclique; a
    third x-vertex joined to one y-vertex adds a second, overlapping biclique:

    >>> sorted((sorted(u), sorted(v)) for u, v in maximal_bicliques([(0, 0), (0, 1), (1, 0), (1, 1), (2, 1)]))
    [([0, 1], [0, 1]), ([0, 1, 2], [1])]
    """
    x_neighbours: dict[int, set[int]] = {}
    y_neighbours: dict[int, set[int]] = {}
    for x, y in pairs:
        x_neighbours.setdefault(x, set()).add(y)
        y_neighbours.setdefault(y, set()).add(x)
    # closed y-sets: intersections of x-neighbourhoods (the concept lattice's intents)
    closed: set[frozenset[int]] = set()
    frontier = [frozenset(n) for n in x_neighbours.values()]
    while frontier:
        ys = frontier.pop()
        if not ys or ys in closed:
            continue
        closed.add(ys)
        for n in x_neighbours.values():
            meet = ys & n
            if meet and meet not in closed:
                frontier.append(meet)
    result = []
    for ys in closed:
        xs = frozenset.intersection(*(frozenset(y_neighbours[y]) for y in ys))
        result.append((xs, ys))
    return result


def connected_pairs(pairs: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Group edge indices into connected components of the bipartite graph (union-find)."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for x, y in pairs:
        root_x, root_y = find(("x", x)), find(("y", y))
        if root_x != root_y:
            parent[root_x] = root_y
    groups: dict[tuple[str, int], list[int]] = {}
    for k, (x, _) in enumerate(pairs):
        groups.setdefault(find(("x", x)), []).append(k)
    return sorted(groups.values())


def build_components(
    pairs: Sequence[tuple[int, int]],
    x_vertices: Sequence[np.ndarray],
    y_vertices: Sequence[np.ndarray],
    equilibrium_index: dict[tuple[int, int], int],
) -> tuple[Component, ...]:
    """Components and maximal Nash subsets from complementary vertex pairs.

    Parameters
    ----------
    pairs
        ``(i, j)``: x-vertex ``i`` and y-vertex ``j`` form an extreme equilibrium.
    x_vertices, y_vertices
        The vertices as normalised mixed strategies.
    equilibrium_index
        Position of each pair's equilibrium in the result's equilibria.
    """
    components = []
    for edge_ids in connected_pairs(pairs):
        edges = [pairs[k] for k in edge_ids]
        subsets = []
        for xs, ys in sorted(maximal_bicliques(edges), key=lambda b: (sorted(b[0]), sorted(b[1]))):
            subsets.append(
                NashSubset(
                    extreme_strategies=(
                        tuple(x_vertices[i] for i in sorted(xs)),
                        tuple(y_vertices[j] for j in sorted(ys)),
                    ),
                    equilibria=tuple(sorted(equilibrium_index[(i, j)] for i in xs for j in ys)),
                )
            )
        components.append(
            Component(subsets=tuple(subsets), equilibria=tuple(sorted(equilibrium_index[e] for e in edges)))
        )
    return tuple(sorted(components, key=lambda c: c.equilibria))


def component_notes(components: Sequence[Component]) -> tuple[str, ...]:
    """The plain-language note a result carries when some component is not a single point."""
    continua = sum(1 for c in components if not c.is_isolated)
    if not continua:
        return ()
    return (
        f"{continua} component(s) contain infinitely many equilibria: every convex combination "
        "within a maximal Nash subset is an equilibrium (see components)",
    )
