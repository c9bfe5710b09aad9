"""What every analysis is made of: its options, its context, its result, and the analysis itself.

An analysis is an object with

* a ``name`` (its key under ``[analysis]``, in the report and in ``sweep(analyses=...)``),
  a ``title`` (the report's heading) and a one-line ``summary`` (the CLI help);
* an ``Options`` type: a frozen dataclass whose fields carry their parser in
  ``field(metadata={"parse": ...})``; :meth:`Analysis.parse_options` checks the scenario's
  ``[analysis] <name> = {...}`` table against it, and every error names the key;
* :meth:`Analysis.run` ``(game, context) -> result`` (an immutable object with ``to_dict()``)
  for the report, and :meth:`Analysis.render` to place that result in a rendered report;
* :meth:`Analysis.columns` (name -> kind, known before anything is computed) and
  :meth:`Analysis.row` (the values at one point) for sweeps.

Every part but the name is optional: an analysis without ``run`` is not in the report,
one without ``columns`` is not offered to sweeps.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal, Protocol

from coopgame._format import type_name
from coopgame.errors import CoopgameError
from coopgame.game import Game
from coopgame.numbers import InvalidNumberError, to_exact

if TYPE_CHECKING:
    from coopgame.analyses.thresholds import ThresholdRequest

__all__ = [
    "AnalysisError",
    "Analysis",
    "AnalysisContext",
    "AnalysisOptionsError",
    "ColumnKind",
    "NoOptions",
    "Renderer",
    "Setup",
    "discount",
    "exact_number",
    "integer",
    "name_list",
    "numbers",
    "one_of",
    "option",
    "positive_real",
]

#: The type of a sweep column: ``"bool"``, ``"int"``, ``"float"`` or ``"str"``.
ColumnKind = Literal["bool", "int", "float", "str"]


class AnalysisError(CoopgameError):
    """An analysis that cannot be registered (no name, a reserved or taken name) or is not known."""


class AnalysisOptionsError(CoopgameError):
    """An ``[analysis]`` entry that cannot be used; the message starts with the key at fault."""


@dataclass(frozen=True)
class AnalysisContext:
    """What an analysis needs besides the (numeric) game it looks at.

    Attributes
    ----------
    target
        The profile the analyses ask about, as strategy names (one per player).
    delta
        The discount factor of the sweep's ``sustainable`` column (exact, float or ``None``).
    thresholds
        The threshold requests (the ``thresholds`` analysis).
    symbolic_game
        The game with every parameter a symbol and the policy applied.
    values
        Every parameter's value (the fixed ones and, in a sweep, the swept ones).
    options
        Analysis name -> its parsed options (see :meth:`Analysis.options_in`).
    case
        The name of the report case (empty in a sweep).
    memo
        Scratch space shared by the cases of one report (e.g. formulas that do not
        depend on the case's values); never compared.
    assumptions
        Sign assumptions (sympy relations such as ``r > 0``) the general threshold
        formulas may take for granted.
    """

    target: tuple[str, ...]
    delta: Any = None
    thresholds: tuple[ThresholdRequest, ...] = ()
    symbolic_game: Game | None = None
    values: Mapping[str, Any] = field(default_factory=dict)
    options: Mapping[str, Any] = field(default_factory=dict)
    case: str = ""
    memo: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)
    assumptions: tuple[Any, ...] = ()


@dataclass(frozen=True)
class Setup:
    """What option parsing may look at: the game, the parameters and the whole ``[analysis]`` table.
    """

    game: Game
    parameters: Mapping[str, Any] = field(default_factory=dict)
    table: Mapping[str, Any] = field(default_factory=dict)
    target: tuple[str, ...] = ()


@dataclass(frozen=True)
class NoOptions:
    """The options of an analysis that takes none."""


class Renderer(Protocol):
    """The building blocks a report renderer offers an analysis (see :mod:`coopgame.report`)."""

    format: str

    def heading(self, text: str, level: int) -> list[str]: ...

    def paragraph(self, text: str) -> list[str]: ...

    def table(self, header: list[str], rows: list[list[str]]) -> list[str]: ...

    def bullets(self, items: list[str]) -> list[str]: ...

    def section(self, title: str, data: Mapping[str, Any]) -> list[str]: ...


# --------------------------------------------------------------------------- option parsers
Parser = Callable[[Any, str, Setup], Any]


def option(
    default: Any = None, parse: Parser | None = None, *, factory: Callable[[], Any] | None = None
) -> Any:
    """A field of an ``Options`` dataclass with the function that parses its TOML value.

    ``parse(value, key, setup)`` returns the typed value or raises
    :class:`AnalysisOptionsError` whose message starts with ``key``.
    """
    metadata = {"parse": parse} if parse is not None else {}
    if factory is not None:
        return field(default_factory=factory, metadata=metadata)
    return field(default=default, metadata=metadata)


def exact_number(value: Any, key: str) -> Any:
    """``value`` as an exact number, or an error naming ``key``."""
    if isinstance(value, bool):
        raise AnalysisOptionsError(f"{key}: expected a number, got a boolean")
    try:
        return to_exact(value)
    except (InvalidNumberError, TypeError):
        raise AnalysisOptionsError(
            f"{key}: {value!r} is not a number (write 0.9 or \"9/10\")"
        ) from None


def discount(value: Any, key: str, setup: Setup | None = None) -> Any:
    """A discount factor strictly between 0 and 1, exact.

    Examples
    --------
    >>> discount("0.8", "analysis.repeated.delta")
    Fraction(4, 5)
    >>> discount(1, "analysis.repeated.delta")
    Traceback (most recent call last):
    ...
    coopgame.analyses._base.AnalysisOptionsError: analysis.repeated.delta: must lie strictly between
    0 and 1, got 1
    """
    number = exact_number(value, key)
    if not 0 < number < 1:
        raise AnalysisOptionsError(f"{key}: must lie strictly between 0 and 1, got {value!r}")
    return number


def name_list(allowed: Sequence[str] | None = None) -> Parser:
    """A parser of a list of names, each one of ``allowed`` when given."""
    def parse(value: Any, key: str, setup: Setup) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, (list, tuple)) \
                or not all(isinstance(v, str) for v in value):
            raise AnalysisOptionsError(f"{key}: expected a list of names, got {type_name(value)}")
        for v in value:
            if allowed is not None and v not in allowed:
                raise AnalysisOptionsError(
                    f"{key}: unknown value {v!r}; choose from {', '.join(allowed)}"
                )
        return tuple(value)
    return parse


def integer(minimum: int | None = None) -> Parser:
    """A parser of an integer, at least ``minimum`` when given."""
    def parse(value: Any, key: str, setup: Setup) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnalysisOptionsError(f"{key}: expected an integer, got {type_name(value)}")
        if minimum is not None and value < minimum:
            raise AnalysisOptionsError(f"{key}: must be at least {minimum}, got {value}")
        return value
    return parse


def positive_real(value: Any, key: str, setup: Setup) -> float:
    """A positive finite number, as a float."""
    number = exact_number(value, key)
    if number <= 0:
        raise AnalysisOptionsError(f"{key}: must be positive, got {value!r}")
    return float(number)


def numbers(count: int) -> Parser:
    """A parser of ``count`` exact numbers (e.g. one per player)."""
    def parse(value: Any, key: str, setup: Setup) -> tuple[Any, ...]:
        if isinstance(value, str) or not isinstance(value, (list, tuple)) or len(value) != count:
            raise AnalysisOptionsError(f"{key}: expected {count} numbers, got {value!r}")
        return tuple(exact_number(v, f"{key}[{k}]") for k, v in enumerate(value))
    return parse


def one_of(choices: Sequence[str]) -> Parser:
    """A parser of one name among ``choices``."""
    def parse(value: Any, key: str, setup: Setup) -> str:
        if value not in choices:
            raise AnalysisOptionsError(
                f"{key}: unknown value {value!r}; choose from {', '.join(choices)}"
            )
        return str(value)
    return parse


# --------------------------------------------------------------------------- the analysis
class Analysis:
    """The base of every analysis; subclasses set the class attributes and override what they do.

    Attributes
    ----------
    name
        The key under ``[analysis]``, in the report's JSON and in ``sweep(analyses=...)``.
    title
        The report's heading (default: the name, capitalised).
    summary
        One line for the command-line help.
    Options
        A frozen dataclass of the options (fields made with :func:`option`).
    order
        Where the analysis stands in the report and the help (built-ins 10, 20, ...).
    fast_shapes
        The game shapes the vectorised sweep (:mod:`coopgame.sweep._fast`) computes it for.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    summary: ClassVar[str] = ""
    Options: ClassVar[type] = NoOptions
    order: ClassVar[int] = 100
    fast_shapes: ClassVar[frozenset[tuple[int, ...]]] = frozenset()

    # ---- what it offers
    @property
    def in_report(self) -> bool:
        """Whether the analysis has a report section (it overrides :meth:`run`)."""
        return type(self).run is not Analysis.run

    @property
    def in_sweep(self) -> bool:
        """Whether sweeps offer the analysis (it overrides :meth:`columns`)."""
        return type(self).columns is not Analysis.columns

    @property
    def heading(self) -> str:
        return self.title or self.name.replace("_", " ").capitalize()

    # ---- options
    def parse_options(self, raw: Any, setup: Setup) -> Any:
        """The typed options from the ``[analysis] <name>`` entry (``None`` when absent).

        The default parses a table against the fields of :attr:`Options`: unknown keys and bad
        values raise :class:`AnalysisOptionsError` naming ``analysis.<name>.<key>``.
        """
        key = f"analysis.{self.name}"
        if raw is None:
            raw = {}
        if not isinstance(raw, Mapping):
            raise AnalysisOptionsError(f"{key}: expected a table, e.g. {self.name} = {{...}}, "
                                       f"or true / false, got {type_name(raw)}")
        fields = {f.name: f for f in dataclasses.fields(self.Options)}
        unknown = sorted(set(raw) - set(fields))
        if unknown:
            known = ", ".join(sorted(fields)) or "none"
            raise AnalysisOptionsError(f"{key}.{unknown[0]}: unknown key; keys are {known}")
        values = {}
        for name, value in raw.items():
            parse = fields[name].metadata.get("parse")
            values[name] = parse(value, f"{key}.{name}", setup) if parse is not None else value
        return self.Options(**values)

    def default_options(self) -> Any:
        """The options when the scenario says nothing (or ``<name> = true``)."""
        return self.Options()

    def options_in(self, context: AnalysisContext) -> Any:
        """This analysis's options in ``context`` (its defaults when the context has none)."""
        found = context.options.get(self.name)
        return self.default_options() if found is None else found

    # ---- the report
    def run(self, game: Game, context: AnalysisContext) -> Any:
        """The result for the report: an immutable object with ``to_dict()``."""
        raise NotImplementedError(f"the {self.name} analysis has no report section")

    def contribute(self, report: dict[str, Any], case: str, result: Any) -> None:
        """Place a result in the report dict: by default ``report[name][case] = result.to_dict()``.
        """
        report.setdefault(self.name, {})[case] = result.to_dict()

    def render(self, renderer: Renderer, report: Mapping[str, Any], case: str) -> list[str]:
        """The rendered section of ``case`` (default: the report's generic section)."""
        data = report.get(self.name, {}).get(case)
        return [] if data is None else renderer.section(self.heading, data)

    # ---- sweeps
    def columns(self, game: Game, context: AnalysisContext) -> dict[str, ColumnKind]:
        """The sweep columns (name -> kind) for games shaped like ``game`` (may be symbolic)."""
        raise NotImplementedError(f"the {self.name} analysis gives no sweep columns")

    def row(self, game: Game, context: AnalysisContext) -> dict[str, Any]:
        """The sweep columns' values at one point (``game`` is numeric)."""
        raise NotImplementedError(f"the {self.name} analysis gives no sweep columns")

    def check_sweep(self, game: Game, context: AnalysisContext) -> None:
        """Raise a ``ValueError`` when a sweep of this game cannot run this analysis at all."""

    def __repr__(self) -> str:
        return f"<analysis {self.name!r}>"
