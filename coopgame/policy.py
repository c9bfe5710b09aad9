"""Policy instruments as payoff modifiers, with records of every change.

A policy instrument changes some players' payoffs in some pure profiles: a
subsidy adds an amount to the recipient's payoff where the recipient plays the
subsidised strategy, a penalty subtracts one from the player that breaks an
agreement (and may pay it to the other side), and so on. Applying instruments
returns a *new* :class:`~coopgame.game.Game` whose payoffs are the base payoffs
plus the changes, and whose :attr:`~coopgame.game.Game.modifications` record every
change as a :class:`~coopgame.game.Modification` (whose payoff, which cell, how much,
which instrument, who pays), so a report can explain each modified cell and
:func:`base_game` can undo them. The records name players and strategies by index
and every method of :class:`~coopgame.game.Game` that returns a new game (``subs``,
``rename``, ``reorder``, ``restrict``, ``as_exact``, ``as_float``, ...) keeps them
true: the payoffs always equal the base payoffs plus the listed amounts.

Amounts may be numbers (exact: ints, ``Fraction``, ``"p/q"`` strings) or sympy
expressions / strings in sympy syntax (``"S_e"``, ``"tau*C_e"``). Each instrument
has a *reach* in [0, 1], the share of the amount that actually arrives (many
enterprises never learn of a policy; local implementation is weak): the recorded
change is ``reach * amount``.

If the game has a player named like the policy's ``government`` (default
``"Government"``), the state's side is modelled too: it pays the subsidies, the
forgone tax of tax incentives and the cost shares charged to it, and it receives
the penalties that are not paid to another player.

References
----------
The instruments follow the payoff-modifier treatment of government incentives in
tripartite school-enterprise (and industry-university-research) cooperation games,
e.g. Friedman, D. (1991), "Evolutionary games in economics", Econometrica 59(3),
for the game form, and the many "government subsidy and penalty" models built on it.

Long because: the five instruments, the Policy that applies them and the record helpers
(modifications_of, base_game, describe_modifications, substitute) are one vocabulary; each
instrument on its own is short.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from coopgame._format import display_number
from coopgame.errors import CoopgameError
from coopgame.game import Game, Modification
from coopgame.numbers import InvalidNumberError, is_sympy, to_exact, to_symbolic

__all__ = [
    "Condition",
    "Subsidy",
    "TaxIncentive",
    "Penalty",
    "Transfer",
    "CostShare",
    "Instrument",
    "Modification",
    "Policy",
    "PolicyError",
    "modifications_of",
    "base_game",
    "describe_modifications",
    "substitute",
]

#: Which profiles an instrument applies to: a mapping player -> strategy name (or
#: several allowed names), a predicate over ``{player: strategy}``, or ``None`` (all).
Condition = Mapping[str, str | Sequence[str]] | Callable[[Mapping[str, str]], bool] | None


class PolicyError(CoopgameError):
    """An instrument that does not fit the game: unknown player or strategy, reach outside [0, 1],
    ...
    """


# --------------------------------------------------------------------------- numbers
def as_amount(value: Any, what: str = "amount") -> Any:
    """An instrument amount as an exact ``Fraction``, a float, or a sympy expression.

    Examples
    --------
    >>> as_amount(3), as_amount("1/2"), as_amount("S_e")
    (Fraction(3, 1), Fraction(1, 2), S_e)
    """
    if isinstance(value, bool) or value is None:
        raise PolicyError(f"{what}: expected a number or an expression, got {value!r}")
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise PolicyError(f"{what}: {value!r} is not a finite number")
        return float(value)
    try:
        if isinstance(value, str):
            try:
                return Fraction(value.strip())
            except (ValueError, ZeroDivisionError):
                expr = to_symbolic(value)
        elif is_sympy(value):
            expr = value
        else:
            return to_exact(value)
    except InvalidNumberError as exc:
        raise PolicyError(f"{what}: {exc}") from None
    import sympy

    if not isinstance(expr, sympy.Expr):
        raise PolicyError(f"{what}: {value!r} is not an expression")
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    return expr


def _is_symbolic(value: Any) -> bool:
    return is_sympy(value) and bool(getattr(value, "free_symbols", None))


def _check_reach(reach: Any, who: str) -> Any:
    value = as_amount(reach, f"{who}: reach")
    if not _is_symbolic(value) and not (is_sympy(value) and not value.is_real):
        number = float(value)
        if number < 0 or number > 1:
            raise PolicyError(f"{who}: reach must lie in [0, 1], got {reach!r}")
    return value


# --------------------------------------------------------------------------- instruments
@dataclass(frozen=True)
class Subsidy:
    """A payment to player ``to`` in the profiles where ``when`` holds (paid by the state).

    Examples
    --------
    >>> Subsidy("Enterprise", "S_e", when={"Enterprise": "Cooperate"}).kind
    'subsidy'
    """

    to: str
    amount: Any
    when: Condition = None
    reach: Any = 1
    label: str | None = None

    kind = "subsidy"

    def _flows(self) -> list[tuple[str | None, str | None, Any, str, str]]:
        # (payer, receiver, gross amount, receiver's kind, payer's kind); payer None = the state
        return [
            (None, self.to, as_amount(self.amount, f"{self._name()}: amount"), self.kind, "outlay")
        ]

    def _name(self) -> str:
        return f"Subsidy(to={self.to!r})"

    def _players(self) -> dict[str, str | None]:
        return {"to": self.to}


@dataclass(frozen=True)
class TaxIncentive:
    """A tax relief of ``rate * base`` for player ``to`` (e.g. a super-deduction of cooperation
    costs).

    The state forgoes the same amount of tax.

    Examples
    --------
    >>> TaxIncentive("Enterprise", rate="tau", base="C_e").kind
    'tax incentive'
    """

    to: str
    rate: Any
    base: Any
    when: Condition = None
    reach: Any = 1
    label: str | None = None

    kind = "tax incentive"

    def _flows(self) -> list[tuple[str | None, str | None, Any, str, str]]:
        rate = as_amount(self.rate, f"{self._name()}: rate")
        base = as_amount(self.base, f"{self._name()}: base")
        return [(None, self.to, _product(rate, base), self.kind, "forgone tax")]

    def _name(self) -> str:
        return f"TaxIncentive(to={self.to!r})"

    def _players(self) -> dict[str, str | None]:
        return {"to": self.to}


@dataclass(frozen=True)
class Penalty:
    """A penalty paid by player ``on`` where ``when`` holds; paid to ``paid_to`` or to the state.

    Liquidated damages for breaking a cooperation agreement are a penalty on the
    side that shirks, paid to the side that kept the agreement.

    Examples
    --------
    >>> Penalty("School", 5, when={"School": "Shirk"}, paid_to="Enterprise").kind
    'penalty'
    """

    on: str
    amount: Any
    when: Condition = None
    paid_to: str | None = None
    reach: Any = 1
    label: str | None = None

    kind = "penalty"

    def _flows(self) -> list[tuple[str | None, str | None, Any, str, str]]:
        amount = as_amount(self.amount, f"{self._name()}: amount")
        # a penalty is a flow from `on` to `paid_to` (None: the state)
        return [
            (
                self.on,
                self.paid_to,
                amount,
                "penalty income" if self.paid_to is None else "compensation",
                self.kind,
            )
        ]

    def _name(self) -> str:
        return f"Penalty(on={self.on!r})"

    def _players(self) -> dict[str, str | None]:
        return {"on": self.on, "paid_to": self.paid_to}


@dataclass(frozen=True)
class Transfer:
    """A payment from ``payer`` to ``to`` where ``when`` holds (e.g. a share of profits).

    Examples
    --------
    >>> Transfer("Enterprise", "School", 2, when={"School": "Cooperate"}).kind
    'transfer'
    """

    payer: str
    to: str
    amount: Any
    when: Condition = None
    reach: Any = 1
    label: str | None = None

    kind = "transfer"

    def _flows(self) -> list[tuple[str | None, str | None, Any, str, str]]:
        return [
            (
                self.payer,
                self.to,
                as_amount(self.amount, f"{self._name()}: amount"),
                self.kind,
                self.kind,
            )
        ]

    def _name(self) -> str:
        return f"Transfer(payer={self.payer!r}, to={self.to!r})"

    def _players(self) -> dict[str, str | None]:
        return {"payer": self.payer, "to": self.to}


@dataclass(frozen=True)
class CostShare:
    """``payer`` covers the fraction ``share`` of ``to``'s ``cost`` where ``when`` holds.

    Examples
    --------
    >>> CostShare("Government", "School", share="1/2", cost="C_s").kind
    'cost share'
    """

    payer: str
    to: str
    share: Any
    cost: Any
    when: Condition = None
    reach: Any = 1
    label: str | None = None

    kind = "cost share"

    def _flows(self) -> list[tuple[str | None, str | None, Any, str, str]]:
        share = as_amount(self.share, f"{self._name()}: share")
        cost = as_amount(self.cost, f"{self._name()}: cost")
        return [(self.payer, self.to, _product(share, cost), self.kind, self.kind)]

    def _name(self) -> str:
        return f"CostShare(payer={self.payer!r}, to={self.to!r})"

    def _players(self) -> dict[str, str | None]:
        return {"payer": self.payer, "to": self.to}


Instrument = Subsidy | TaxIncentive | Penalty | Transfer | CostShare
_INSTRUMENT_TYPES = (Subsidy, TaxIncentive, Penalty, Transfer, CostShare)


def _product(a: Any, b: Any) -> Any:
    if isinstance(a, float) or isinstance(b, float):
        if _is_symbolic(a) or _is_symbolic(b):
            return to_symbolic(a) * to_symbolic(b)
        return float(a) * float(b)
    if is_sympy(a) or is_sympy(b):
        return as_amount(to_symbolic(a) * to_symbolic(b))
    return a * b


def _negate(value: Any) -> Any:
    return -value


# --------------------------------------------------------------------------- conditions
def _condition_matcher(
    game: Game, when: Condition, who: str
) -> Callable[[Mapping[str, str]], bool]:
    """Validate ``when`` against the game and return a predicate over {player: strategy}."""
    if when is None:
        return lambda _profile: True
    if callable(when) and not isinstance(when, Mapping):
        predicate = when

        def checked(profile: Mapping[str, str]) -> bool:
            result = predicate(profile)
            if not isinstance(result, (bool, np.bool_)):
                raise PolicyError(f"{who}: when: the condition returned {result!r}, not True/False")
            return bool(result)

        return checked
    if not isinstance(when, Mapping):
        raise PolicyError(
            f"{who}: when: expected a mapping player -> strategy, a function or None; "
            f"got {type(when).__name__}"
        )
    allowed: dict[str, frozenset[str]] = {}
    for player, strategies in when.items():
        if player not in game.players:
            raise PolicyError(
                f"{who}: when: unknown player {player!r}; players are {', '.join(game.players)}"
            )
        names = [strategies] if isinstance(strategies, str) else list(strategies)
        known = game.strategies[game.players.index(player)]
        for name in names:
            if name not in known:
                raise PolicyError(f"{who}: when: unknown strategy {name!r} of {player}; "
                                  f"strategies are {', '.join(known)}")
        allowed[player] = frozenset(names)
    return lambda profile: all(profile[p] in names for p, names in allowed.items())


# --------------------------------------------------------------------------- application
class Policy:
    """A set of instruments applied together to a game.

    Parameters
    ----------
    instruments
        The instruments, applied in order (the order only affects the order of the records).
    government
        The name of the state as a player: if the game has a player of that name, it
        pays subsidies, tax incentives (forgone tax) and the cost shares charged to
        it, and it receives penalties that are not paid to another player.

    Examples
    --------
    A subsidy of 3 to the Enterprise whenever it cooperates:

    >>> g = Game.bimatrix([[2, -1], [1, 0]], [[1, 1], [-1, 0]], players=["School", "Enterprise"],
    ...                   strategies=[["Cooperate", "Shirk"], ["Cooperate", "Shirk"]])
    >>> h = Policy([Subsidy("Enterprise", 3, when={"Enterprise": "Cooperate"})]).apply(g)
    >>> h.payoff_array("Enterprise")
    array([[Fraction(4, 1), Fraction(1, 1)],
           [Fraction(2, 1), Fraction(0, 1)]], dtype=object)
    >>> len(h.modifications)
    2
    """

    def __init__(
        self, instruments: Sequence[Instrument] | Instrument, government: str = "Government"
    ) -> None:
        if isinstance(instruments, _INSTRUMENT_TYPES):
            instruments = [instruments]
        for k, instrument in enumerate(instruments):
            if not isinstance(instrument, _INSTRUMENT_TYPES):
                raise PolicyError(
                    f"instrument {k}: expected Subsidy, TaxIncentive, Penalty, Transfer or "
                    f"CostShare, got {type(instrument).__name__}"
                )
        self.instruments: tuple[Instrument, ...] = tuple(instruments)
        self.government = government

    def __repr__(self) -> str:
        return f"Policy({list(self.instruments)!r}, government={self.government!r})"

    def __iter__(self) -> Iterator[Instrument]:
        return iter(self.instruments)

    def __len__(self) -> int:
        return len(self.instruments)

    def modifications(self, game: Game) -> tuple[Modification, ...]:
        """The records this policy would add to ``game`` (validates every instrument).

        Examples
        --------
        >>> g = Game.bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]], players=["S", "E"],
        ...                   strategies=[["C", "N"], ["C", "N"]])
        >>> [
        ...     m.profile
        ...     for m in Policy([Subsidy("E", 1, when={"E": "C", "S": "C"})]).modifications(g)
        ... ]
        [(0, 0)]
        """
        records: list[Modification] = []
        for instrument in self.instruments:
            records.extend(_instrument_modifications(game, instrument, self.government))
        return tuple(records)

    def apply(self, game: Game) -> Game:
        """A new game: payoffs = base payoffs + every change, :attr:`~Game.modifications` extended.

        Examples
        --------
        >>> g = Game.bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]], players=["S", "E"])
        >>> Policy([Transfer("S", "E", "1/2")]).apply(g).payoff_of((0, 0))
        (Fraction(-1, 2), Fraction(1, 2))
        """
        if not isinstance(game, Game):
            raise PolicyError(f"expected a coopgame.Game, got {type(game).__name__}")
        records = self.modifications(game)
        return _with_changes(game, records, sign=1, modifications=(*game.modifications, *records))


def _label(instrument: Instrument) -> str:
    return instrument.label if instrument.label is not None else instrument.kind


def _instrument_modifications(
    game: Game, instrument: Instrument, government: str
) -> list[Modification]:
    who = (
        instrument._name()
        if instrument.label is None
        else f"{instrument._name()} {instrument.label!r}"
    )
    state_is_player = government in game.players
    for role, name in instrument._players().items():
        if name is None:
            continue
        payer_role = role in ("payer",)
        if name not in game.players and not (payer_role and name == government):
            raise PolicyError(
                f"{who}: {role}: unknown player {name!r}; players are {', '.join(game.players)}"
            )
    matches = _condition_matcher(game, instrument.when, who)
    reach = _check_reach(instrument.reach, who)
    label = _label(instrument)
    records: list[Modification] = []
    for payer, receiver, gross, receiver_kind, payer_kind in instrument._flows():
        amount = gross if reach == 1 else _product(reach, gross)
        if payer is None or payer == government:
            payer = government if state_is_player else None
        if receiver is None and state_is_player:
            receiver = government
        if payer is not None and payer == receiver:
            continue  # paying oneself changes nothing
        payer_index = None if payer is None else game.player_index(payer)
        receiver_index = None if receiver is None else game.player_index(receiver)
        for index in game.pure_profiles():
            names = tuple(game.strategies[i][s] for i, s in enumerate(index))
            if not matches(dict(zip(game.players, names, strict=True))):
                continue
            if receiver_index is not None:
                records.append(
                    Modification(receiver_index, index, amount, label, receiver_kind, payer_index)
                )
            if payer_index is not None:
                records.append(
                    Modification(
                        payer_index, index, _negate(amount), label, payer_kind, payer_index
                    )
                )
    return records


def _with_changes(game: Game, records: Sequence[Modification], sign: int,
                  modifications: Sequence[Modification]) -> Game:
    """``game`` with ``sign`` times every recorded amount added, carrying ``modifications``."""
    payoffs = np.array(game.payoffs, dtype=object)
    if game.kind == "float":
        payoffs = np.array([float(v) for v in game.payoffs.ravel()], dtype=object).reshape(
            game.payoffs.shape
        )
    for record in records:
        index = (*record.profile, record.player)
        payoffs[index] = (
            payoffs[index] + record.amount if sign > 0 else payoffs[index] - record.amount
        )
    return Game(payoffs, game.players, game.strategies, modifications=modifications)


# --------------------------------------------------------------------------- queries
def modifications_of(
    game: Game,
    player: str | None = None,
    profile: Sequence[int | str] | Mapping[str, int | str] | None = None,
) -> tuple[Modification, ...]:
    """The recorded changes of a game, optionally of one player and/or one pure profile.

    ``player`` and ``profile`` may be given by names or indices; the records hold indices.

    Examples
    --------
    >>> g = Game.bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]], players=["S", "E"],
    ...                   strategies=[["C", "N"], ["C", "N"]])
    >>> h = Policy([Penalty("S", 2, when={"S": "N", "E": "C"}, paid_to="E")]).apply(g)
    >>> [(h.players[m.player], m.amount) for m in modifications_of(h, profile=("N", "C"))]
    [('E', Fraction(2, 1)), ('S', Fraction(-2, 1))]
    >>> modifications_of(h, player="S", profile=("C", "C"))
    ()
    """
    player_index = None if player is None else game.player_index(player)
    profile_index = None if profile is None else game.profile_index(profile)
    return tuple(
        m for m in game.modifications
        if (player_index is None or m.player == player_index)
        and (profile_index is None or m.profile == profile_index)
    )


def base_game(game: Game) -> Game:
    """The game without its recorded modifications: payoffs minus every listed change.

    Because :class:`~coopgame.game.Game`'s methods keep the records true, the base of a
    transformed game is the base game transformed the same way.

    Examples
    --------
    >>> g = Game.bimatrix([[1, 0], [0, 1]], [[1, 0], [0, 1]], players=["S", "E"])
    >>> h = Policy([Subsidy("E", "s")]).apply(g)
    >>> base_game(h) == g
    True
    >>> base_game(h.subs({"s": 4}).rename(players=["School", "Enterprise"])).payoff_of((0, 0))
    (Fraction(1, 1), Fraction(1, 1))
    """
    return _with_changes(game, game.modifications, sign=-1, modifications=())


def describe_modifications(
    game: Game,
    player: str,
    profile: Sequence[int | str] | Mapping[str, int | str],
    latex: bool = False,
) -> str:
    """The changes of one cell as text, e.g. ``"+ S_e (subsidy) + C_e*tau (tax incentive)"``.

    Examples
    --------
    >>> g = Game.bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]], players=["S", "E"])
    >>> h = Policy(
    ...     [Subsidy("E", "S_e"), TaxIncentive("E", rate="tau", base="C_e"), Penalty("E", 1)]
    ... ).apply(g)
    >>> describe_modifications(h, "E", (0, 0))
    '+ S_e (subsidy) + C_e*tau (tax incentive) - 1 (penalty)'
    """
    parts = []
    for m in modifications_of(game, player, profile):
        negative = _is_negative(m.amount)
        magnitude = -m.amount if negative else m.amount
        text = display_number(magnitude, latex=latex)
        # an instrument's own flow shows its label; the counter-flow (the state's outlay,
        # the receiver of a penalty) shows what it is and which instrument caused it
        source = m.instrument if m.kind in _KINDS else f"{m.kind}: {m.instrument}"
        parts.append(f"{'-' if negative else '+'} {text} ({source})")
    return " ".join(parts)


_KINDS = {"subsidy", "tax incentive", "penalty", "transfer", "cost share"}


def _is_negative(value: Any) -> bool:
    if is_sympy(value):
        if value.is_number:
            return bool(value < 0)
        coefficient, _ = value.as_coeff_Mul()
        return bool(coefficient < 0)
    return bool(value < 0)


def substitute(game: Game, values: Mapping[str, Any]) -> Game:
    """``game.subs(values)`` that ignores names the game does not use and drops changes of 0.

    Names the game does not use are ignored, so one parameter dict serves every game;
    an instrument at level 0 changes nothing, so its records are left out of reports.

    Examples
    --------
    >>> g = Game.bimatrix([[0, 0], [0, 0]], [[0, 0], [0, 0]], players=["S", "E"])
    >>> h = substitute(
    ...     Policy([Subsidy("E", "s", reach="r")]).apply(g), {"s": 4, "r": "1/2", "x": 1}
    ... )
    >>> h.payoff_of((0, 0)), modifications_of(h, "E", (0, 0))[0].amount
    ((Fraction(0, 1), Fraction(2, 1)), Fraction(2, 1))
    """
    used = {str(s) for s in game.parameters}
    used |= {str(s) for m in game.modifications for s in getattr(m.amount, "free_symbols", ())}
    substituted = game.subs({k: v for k, v in values.items() if str(k) in used}) if used else game
    records = [m for m in substituted.modifications if _is_symbolic(m.amount) or m.amount != 0]
    if len(records) == len(substituted.modifications):
        return substituted
    return Game(substituted.payoffs, game.players, game.strategies, modifications=records)
