"""The immutable result types every equilibrium solver returns.

Modelled on pygambit's ``NashComputationResult``: the equilibria travel with their
provenance (method, exact or float, options) and with a certificate (the regret).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._format import display_number, json_number

if TYPE_CHECKING:
    import pandas

    from coopgame.game import Game

__all__ = ["Equilibrium", "NashSubset", "Component", "NashResult"]


@dataclass(frozen=True, eq=False)
class Equilibrium:
    """One Nash equilibrium with its certificate.

    Attributes
    ----------
    profile
        One read-only probability vector per player (Fractions in exact mode,
        sympy algebraic numbers for irrational equilibria, floats otherwise).
    payoffs
        Each player's expected payoff.
    regret
        The largest gain from a unilateral deviation, recomputed from the game: the
        certificate (exactly 0 in exact mode, at most the solver's ``tol`` in float mode).
    exact
        Whether the numbers are exact.
    algebraic
        True for an exact but irrational equilibrium (entries are sympy numbers;
        ``payoffs`` and ``regret`` are then floats).
    """

    profile: tuple[np.ndarray, ...]
    payoffs: tuple[Any, ...]
    regret: Any
    exact: bool
    algebraic: bool = False

    @property
    def support(self) -> tuple[tuple[int, ...], ...]:
        """The indices of the strategies each player uses with positive probability."""
        if self.exact:
            return tuple(tuple(int(k) for k in np.flatnonzero([v != 0 for v in vec])) for vec in self.profile)
        return tuple(tuple(int(k) for k in np.flatnonzero(vec > 1e-12)) for vec in self.profile)

    @property
    def is_pure(self) -> bool:
        """Whether every player plays one strategy."""
        return all(len(s) == 1 for s in self.support)

    def float_profile(self) -> tuple[np.ndarray, ...]:
        """The profile as float vectors."""
        return tuple(np.array([float(v) for v in vec]) for vec in self.profile)

    def key(self, digits: int = 9) -> tuple[tuple[Any, ...], ...]:
        """A hashable key: exact values in exact mode, rounded floats otherwise."""
        if self.exact and not self.algebraic:
            return tuple(tuple(Fraction(v) for v in vec) for vec in self.profile)
        return tuple(tuple(round(float(v), digits) + 0.0 for v in vec) for vec in self.float_profile())

    def to_dict(self) -> dict[str, Any]:
        """The JSON form: exact numbers as strings, floats as numbers."""
        exact_numbers = self.exact
        return {
            "profile": [[json_number(v, exact_numbers) for v in vec] for vec in self.profile],
            "payoffs": [json_number(v, exact_numbers and not self.algebraic) for v in self.payoffs],
            "regret": json_number(self.regret, exact_numbers and not self.algebraic),
        }

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Equilibrium):
            return NotImplemented
        return self.key() == other.key()

    def __hash__(self) -> int:
        return hash(self.key())

    def __repr__(self) -> str:
        vecs = ", ".join("[" + ", ".join(display_number(v) for v in vec) + "]" for vec in self.profile)
        return f"Equilibrium(({vecs}), regret={display_number(self.regret)})"


@dataclass(frozen=True)
class NashSubset:
    """A maximal Nash subset of a two-player game: the product of two polytopes.

    Every combination of a convex combination of ``extreme_strategies[0]`` with one
    of ``extreme_strategies[1]`` is an equilibrium (Winkels 1979; Avis, Rosenberg,
    Savani and von Stengel 2010).

    Attributes
    ----------
    extreme_strategies
        Per player, the extreme mixed strategies spanning the subset.
    equilibria
        Indices, into :attr:`NashResult.equilibria`, of the extreme equilibria in it.
    """

    extreme_strategies: tuple[tuple[np.ndarray, ...], ...]
    equilibria: tuple[int, ...]


@dataclass(frozen=True)
class Component:
    """A connected component of the equilibrium set: a union of maximal Nash subsets.

    A component with one extreme equilibrium is an isolated equilibrium.
    """

    subsets: tuple[NashSubset, ...]
    equilibria: tuple[int, ...]

    @property
    def is_isolated(self) -> bool:
        """Whether the component is a single equilibrium."""
        return len(self.equilibria) == 1


@dataclass(frozen=True)
class NashResult:
    """The equilibria of a game, with provenance.

    Attributes
    ----------
    game
        The game that was solved.
    method
        The algorithm (``"vertex"``, ``"support"``, ``"lemke_howson"``, ``"zero_sum"``,
        ``"pure"``, ``"polynomial"``, ...).
    exact
        Whether the computation was exact.
    degenerate
        Whether the game is degenerate (some mixed strategy has more pure best
        responses than the size of its support); ``None`` when the method does not tell.
    equilibria
        The equilibria found (for ``"vertex"`` and ``"support"`` on two players: all
        extreme equilibria).
    components
        For methods that enumerate all extreme equilibria of a two-player game: the
        connected components, each a union of maximal Nash subsets. ``None`` otherwise.
    complete
        Whether ``equilibria`` is every extreme/isolated equilibrium (False for
        Lemke-Howson, or when a solver stopped early).
    notes
        Plain-language remarks, e.g. that some equilibria are not isolated.
    parameters
        The options the solver ran with (tolerance, start labels, ...).
    """

    game: Game
    method: str
    exact: bool
    degenerate: bool | None
    equilibria: tuple[Equilibrium, ...]
    components: tuple[Component, ...] | None = None
    complete: bool = True
    notes: tuple[str, ...] = ()
    parameters: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))

    def __len__(self) -> int:
        return len(self.equilibria)

    def __iter__(self) -> Iterator[Equilibrium]:
        return iter(self.equilibria)

    def __getitem__(self, index: int) -> Equilibrium:
        return self.equilibria[index]

    @property
    def pure(self) -> tuple[Equilibrium, ...]:
        """The pure-strategy equilibria among :attr:`equilibria`."""
        return tuple(e for e in self.equilibria if e.is_pure)

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of ``coopgame solve --format json``."""
        return {
            "players": list(self.game.players),
            "strategies": [list(s) for s in self.game.strategies],
            "method": self.method,
            "exact": self.exact,
            "degenerate": self.degenerate,
            "complete": self.complete,
            "equilibria": [e.to_dict() for e in self.equilibria],
            "components": None if self.components is None else [
                {
                    "equilibria": list(c.equilibria),
                    "nash_subsets": [
                        {
                            "equilibria": list(s.equilibria),
                            "extreme_strategies": [
                                [[json_number(v, self.exact) for v in vec] for vec in player_vecs]
                                for player_vecs in s.extreme_strategies
                            ],
                        }
                        for s in c.subsets
                    ],
                }
                for c in self.components
            ],
            "notes": list(self.notes),
        }

    def to_dataframe(self) -> pandas.DataFrame:
        """One row per equilibrium: each strategy's probability, each payoff, the regret."""
        import pandas as pd

        rows = []
        for eq in self.equilibria:
            row: dict[Any, Any] = {}
            for i, (player, vec) in enumerate(zip(self.game.players, eq.profile)):
                for name, p in zip(self.game.strategies[i], vec):
                    row[(player, name)] = p
            for player, u in zip(self.game.players, eq.payoffs):
                row[("payoff", player)] = u
            row[("regret", "")] = eq.regret
            rows.append(row)
        frame = pd.DataFrame(rows)
        if len(frame.columns):
            frame.columns = pd.MultiIndex.from_tuples(frame.columns)
        return frame

    def __str__(self) -> str:
        from coopgame.equilibria._report import format_result

        return format_result(self, "text")


def sorted_equilibria(equilibria: list[Equilibrium]) -> tuple[Equilibrium, ...]:
    """Equilibria without duplicates, in a fixed order: lexicographically by probabilities,
    largest first (so pure profiles on the first strategies come first)."""
    unique = list({e.key(): e for e in equilibria}.values())
    # rounded so that float noise (0.49999999999999994 vs 0.5) cannot reorder equilibria
    return tuple(sorted(unique, key=lambda e: tuple(-round(p, 9) for vec in e.float_profile() for p in vec)))

