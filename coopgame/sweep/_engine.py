"""The sweep engine: the same analyses at many parameter points, as one table.

:func:`sweep` takes a scenario and a grid (or a set of points), substitutes the
parameters that are not swept once, and then either

* hands the whole point set to the vectorised fast path (:mod:`coopgame.sweep._fast`,
  2x2 and 2x2x2 games), or
* runs the general path: chunks of points evaluated by the analyses of the registry
  (:mod:`coopgame.analyses`, ``Analysis.row``), in parallel through a ``concurrent.futures``
  executor (local processes by default) or a Dask cluster (``client=``), results
  collected in the input order; a point whose analysis raises is reported in
  :attr:`SweepResult.failures` with its parameters, and the sweep goes on.

Long because: the general path is one pipeline (compile the payoffs, run chunks on an executor,
assemble typed columns) around the public sweep; the fast path and the point parsing already live in
_fast.py and _points.py.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import itertools
import math
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from coopgame._sweep_rows import discount_factor, target_profile
from coopgame.analyses import (
    Analysis,
    AnalysisContext,
    AnalysisOptionsError,
    ColumnKind,
    Setup,
    get,
)
from coopgame.analyses import names as registered_names
from coopgame.game import Game
from coopgame.numbers import to_exact, to_symbolic
from coopgame.sweep._points import PointSet, SweepError, mesh, parse_axes, point_set

if TYPE_CHECKING:
    import pandas
    import xarray

    from coopgame.io import Scenario

__all__ = ["SweepError", "SweepResult", "sweep", "METHODS"]

#: The values of ``sweep(method=...)``.
METHODS = ("auto", "fast", "general")

#: Sweeps with at most this many points run in-process by default (process start-up costs more).
INLINE_POINTS = 200


# --------------------------------------------------------------------------- result
@dataclass(frozen=True, eq=False)
class SweepResult:
    """The result of :func:`sweep`.

    Attributes
    ----------
    table
        One row per point: the swept parameters (floats), then the analysis columns.
    failures
        One row per failed analysis at a point: the point's parameters, the ``analysis``
        (``"game"`` when the game itself could not be built there) and the ``error``
        (``"ExceptionType: message"``); indexed by the point's row in :attr:`table`.
    axes
        For a grid: parameter name -> its exact values, in grid order (empty for points).
    analyses
        The analyses computed.
    method
        ``"fast"`` or ``"general"``: the path that computed the table.
    target
        The target profile (strategy names).
    delta
        The discount factor of the ``sustainable`` column, or ``None``.
    parameters
        The values of the parameters that were not swept.
    game
        The scenario's game with the policy applied and every parameter a symbol (the
        fixed values are in :attr:`parameters`), e.g. for exact threshold curves.

    Examples
    --------
    >>> from importlib.resources import files
    >>> scenario = files("coopgame") / "data" / "school_enterprise.toml"
    >>> res = sweep(scenario, {"S_e": "0:10:3", "C_s": "10:20:2"}, progress=False)
    >>> res.method, res.shape, res.target, len(res.table), len(res.failures)
    ('fast', (3, 2), ('Cooperate', 'Cooperate'), 6, 0)
    """

    table: pandas.DataFrame
    failures: pandas.DataFrame
    axes: Mapping[str, tuple[Any, ...]]
    analyses: tuple[str, ...]
    method: str
    target: tuple[str, ...]
    delta: Any = None
    parameters: Mapping[str, Any] = field(default_factory=dict)
    game: Game | None = None

    @property
    def shape(self) -> tuple[int, ...]:
        """The grid's shape (one length per axis); ``(n_points,)`` for a point set.

        Examples
        --------
        >>> from importlib.resources import files
        >>> path = files("coopgame") / "data" / "school_enterprise.toml"
        >>> sweep(path, points={"S_e": [0, 5, 10, 20]}, progress=False).shape
        (4,)
        """
        if not self.axes:
            return (len(self.table),)
        return tuple(len(v) for v in self.axes.values())

    def array(self, column: str) -> np.ndarray:
        """One column as a numpy array shaped by the grid axes (first axis first).

        Examples
        --------
        >>> from importlib.resources import files
        >>> res = sweep(files("coopgame") / "data" / "school_enterprise.toml",
        ...             {"S_e": "0:10:3", "C_s": "10:20:2"}, method="general", progress=False)
        >>> res.array("nash[Cooperate,Cooperate]").shape
        (3, 2)
        """
        if not self.axes:
            raise SweepError(
                "array() needs a grid sweep; this sweep ran on a point set (use .table)"
            )
        if column not in self.table.columns:
            raise SweepError(
                f"unknown column {column!r}; columns are {', '.join(map(str, self.table.columns))}"
            )
        return np.asarray(self.table[column].to_numpy()).reshape(self.shape)

    def to_xarray(self) -> xarray.Dataset:
        """The grid result as an ``xarray.Dataset``: one variable per analysis column.

        Needs xarray (``pip install coopgame-edu[dask]``).

        Examples
        --------
        >>> from importlib.resources import files
        >>> res = sweep(files("coopgame") / "data" / "school_enterprise.toml", {"S_e": "0:10:3"},
        ...             method="general", progress=False)
        >>> ds = res.to_xarray()
        >>> ds["nash[Cooperate,Cooperate]"].dims, ds.coords["S_e"].values.tolist()
        (('S_e',), [0.0, 5.0, 10.0])
        """
        try:
            import xarray as xr
        except ImportError:
            raise SweepError("to_xarray() needs xarray: pip install 'coopgame-edu[dask]' "
                             "(or use .table / .array(column))") from None
        if not self.axes:
            raise SweepError(
                "to_xarray() needs a grid sweep; this sweep ran on a point set (use .table)"
            )
        dims = tuple(self.axes)
        data = {
            str(c): (dims, self.array(str(c))) for c in self.table.columns if c not in self.axes
        }
        coords = {name: [float(v) for v in values] for name, values in self.axes.items()}
        attrs = {"method": self.method, "target": ",".join(self.target),
                 "analyses": ",".join(self.analyses)}
        if self.delta is not None:
            attrs["delta"] = str(self.delta)
        return xr.Dataset(data, coords=coords, attrs=attrs)

    def signature_counts(self, column: str = "signature") -> pandas.Series:
        """The share of points per signature (largest first), e.g. for a legend.

        Examples
        --------
        >>> from importlib.resources import files
        >>> res = sweep(files("coopgame") / "data" / "school_enterprise.toml", {"S_e": "0:20:5"},
        ...             method="general", progress=False)
        >>> res.signature_counts()
        signature
        Cooperate,Cooperate + Shirk,Shirk + mixed    0.8
        Shirk,Shirk                                  0.2
        Name: share, dtype: float64
        """
        if column not in self.table.columns:
            raise SweepError(f"no column {column!r}: run the analysis that gives it "
                             "('equilibria' for signature, 'stability' for stable_signature)")
        counts = self.table[column].value_counts(normalize=True, dropna=False, sort=False)
        order = sorted(counts.index, key=lambda k: (-counts[k], str(k)))
        return counts.loc[order].rename("share")


# --------------------------------------------------------------------------- exact evaluation
_Evaluator = Callable[[Mapping[str, Any]], Any]


def _compile(expr: Any) -> _Evaluator:
    """A function of the parameter values that evaluates a sympy expression exactly.

    Rational constants become Fractions, so exact values in give an exact payoff out
    (and floats in, a float out) at the cost of a few Python operations instead of a
    sympy substitution; anything unusual falls back to sympy.
    """
    import sympy

    if isinstance(expr, (int, Fraction, float)):
        return lambda values: expr
    if expr.is_Rational:
        constant = to_exact(expr)
        return lambda values: constant
    if expr.is_Float:
        number = float(expr)
        return lambda values: number
    if expr.is_Symbol:
        name = str(expr)
        return lambda values: values[name]
    if expr.is_Add or expr.is_Mul or isinstance(expr, (sympy.Max, sympy.Min)):
        parts = [_compile(a) for a in expr.args]
        if expr.is_Add:
            return lambda values: sum((p(values) for p in parts[1:]), parts[0](values))
        if expr.is_Mul:
            def product(values: Mapping[str, Any]) -> Any:
                result = parts[0](values)
                for p in parts[1:]:
                    result = result * p(values)
                return result
            return product
        pick = max if isinstance(expr, sympy.Max) else min
        return lambda values: pick(p(values) for p in parts)
    if expr.is_Pow and expr.exp.is_Integer:
        base, power = _compile(expr.base), int(expr.exp)

        def raised(values: Mapping[str, Any]) -> Any:
            b = base(values)
            # an int base with a negative power must stay exact: 2 ** -1 is 1/2, not 0.5
            return (b if isinstance(b, (float, Fraction)) else Fraction(b)) ** power
        return raised
    if isinstance(expr, sympy.Abs):
        inner = _compile(expr.args[0])
        return lambda values: abs(inner(values))

    def fallback(values: Mapping[str, Any]) -> Any:
        value = expr.subs({s: to_symbolic(values[str(s)]) for s in expr.free_symbols})
        return to_exact(value) if value.is_Rational else float(value)

    return fallback


@dataclass(frozen=True)
class _GameData:
    """A game as plain data (a ``Game`` itself does not pickle)."""

    payoffs: np.ndarray
    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]

    @classmethod
    def of(cls, game: Game) -> _GameData:
        return cls(np.array(game.payoffs, dtype=object), game.players, game.strategies)

    def game(self) -> Game:
        return Game(self.payoffs, self.players, self.strategies)


@dataclass(frozen=True)
class _Spec:
    """Everything a worker needs: what to compute, for which game, on which arithmetic."""

    game: _GameData
    names: tuple[str, ...]
    analyses: tuple[Analysis, ...]
    context: AnalysisContext
    symbolic: _GameData | None
    fixed: Mapping[str, Any]
    exact: bool


def _run_chunk(
    spec: _Spec, rows: Sequence[Sequence[Any]]
) -> list[tuple[dict[str, Any], list[tuple[str, str]]]]:
    """Evaluate the analyses at every point of a chunk: per point its columns and its errors.

    Module-level and fed only picklable data, so that process pools and Dask workers can run it.
    """
    evaluators = [_compile(v) for v in spec.game.payoffs.ravel()]
    shape = spec.game.payoffs.shape
    context = spec.context
    if spec.symbolic is not None:
        context = dataclasses.replace(context, symbolic_game=spec.symbolic.game())
    out: list[tuple[dict[str, Any], list[tuple[str, str]]]] = []
    for row in rows:
        point = dict(zip(spec.names, row))
        columns: dict[str, Any] = {}
        errors: list[tuple[str, str]] = []
        try:
            flat = [f(point) for f in evaluators]
            payoffs = (np.array([float(v) for v in flat], dtype=float) if not spec.exact
                       else np.array(flat, dtype=object)).reshape(shape)
            game = Game(payoffs, spec.game.players, spec.game.strategies)
        except Exception as exc:  # a payoff undefined at this point (1/0, ...): the point fails
            out.append((columns, [("game", _describe(exc))]))
            continue
        here = dataclasses.replace(context, values={**spec.fixed, **point})
        for analysis in spec.analyses:
            try:
                columns.update(analysis.row(game, here))
            except Exception as exc:  # one failing analysis must not end the sweep
                errors.append((analysis.name, _describe(exc)))
        out.append((columns, errors))
    return out


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------- inputs
def _as_scenario(scenario: Any) -> Scenario | Game:
    """A Scenario (loaded from a path or a package resource) or a Game, as given."""
    from coopgame.io import Scenario, load_scenario

    if isinstance(scenario, (str, Path)) or hasattr(scenario, "read_text"):
        return load_scenario(str(scenario))
    if isinstance(scenario, (Scenario, Game)):
        return scenario
    raise SweepError(f"scenario: expected a Scenario, a path to a TOML scenario or a Game, "
                     f"got {type(scenario).__name__}")


def _scenario_delta(scenario: Scenario) -> Any:
    """The scenario's ``[analysis] repeated = {delta = ...}``, or None."""
    raw = scenario.analysis.get("repeated", {})
    return raw.get("delta") if isinstance(raw, Mapping) else None


def _load(
    scenario: Any,
) -> tuple[
    Game, dict[str, Fraction], tuple[Any, ...], tuple[str, ...] | None, Any, Scenario | None
]:
    """(symbolic game, parameter values, threshold requests, default target, default delta,
    scenario).
    """
    loaded = _as_scenario(scenario)
    if isinstance(loaded, Game):
        return loaded, {}, (), None, None, None
    return (loaded.symbolic_game(), dict(loaded.parameters), tuple(loaded.thresholds),
            tuple(loaded.target), _scenario_delta(loaded), loaded)


def analysis_names(analyses: str | Iterable[str]) -> tuple[str, ...]:
    names = (analyses,) if isinstance(analyses, str) else tuple(analyses)
    known = registered_names(sweep=True)
    if not names:
        raise SweepError("name at least one analysis: " + ", ".join(known))
    for name in names:
        if name not in known:
            raise SweepError(f"unknown analysis {name!r}; choose from {', '.join(known)}")
    return tuple(dict.fromkeys(names))


def _options(
    names: Sequence[str], loaded: Scenario | None, game: Game, target: tuple[str, ...]
) -> dict[str, Any]:
    """Each analysis's options from the scenario's ``[analysis]`` table (defaults without one)."""
    table = loaded.analysis if loaded is not None else {}
    setup = Setup(game, dict(loaded.parameters) if loaded is not None else {}, table, target)
    options = {}
    for name in names:
        raw = table.get(name)
        try:  # a sweep that names an analysis runs it even where the report has it switched off
            options[name] = get(name).parse_options(None if isinstance(raw, bool) else raw, setup)
        except AnalysisOptionsError as exc:
            raise SweepError(str(exc)) from None
    return options


# --------------------------------------------------------------------------- the sweep
def _check_domains(scenario: Scenario, values: Mapping[str, Any]) -> None:
    """Swept values must lie in the parameters' domains (a built-in model's probability in [0, 1],
    ...).
    """
    for name, column in values.items():
        for value in column:
            problem = scenario.value_problem(name, value)
            if problem is not None:
                raise SweepError(f"{name}: {problem}")


def sweep(
    scenario: Scenario | str | Path | Game,
    grid: Mapping[str, Sequence[Any] | str] | Sequence[str] | str | None = None,
    points: Any = None,
    analyses: str | Sequence[str] = ("equilibria",),
    *,
    method: str = "auto",
    delta: Any = None,
    target: Any = None,
    executor: concurrent.futures.Executor | str | None = None,
    client: Any = None,
    chunk_size: int | None = None,
    progress: bool = True,
    exact: bool | None = None,
) -> SweepResult:
    """Evaluate analyses of a scenario at every point of a grid or of a point set.

    Parameters
    ----------
    scenario
        A :class:`~coopgame.io._scenario.Scenario`, a path to a TOML scenario, or a
        symbolic :class:`~coopgame.Game` (then every free symbol must be swept).
        Parameters that are not swept keep the scenario's values.
    grid
        Parameter name -> axis ``"START:STOP:NUM"`` (or ``"NAME=START:STOP:NUM"``) or a
        sequence of values, or a list of ``"NAME=START:STOP:NUM"`` strings; the Cartesian
        product, first axis slowest. Values are exact.
    points
        A DataFrame (or mapping name -> equal-length values) of points, e.g. random
        samples: flat columns of finite numbers, checked whole arrays at a time by
        :func:`~coopgame.sweep._points.point_set`. Exactly one of ``grid`` and ``points``.
    analyses
        Names of the registry's analyses that give sweep columns
        (:func:`coopgame.analyses.names` with ``sweep=True``): built in are ``"equilibria"``,
        ``"stability"``, ``"repeated"``, ``"thresholds"``, ``"bargaining"``.
    method
        ``"auto"`` (the fast path when it supports the game and analyses), ``"fast"``
        (an error if it does not) or ``"general"``.
    delta
        The discount factor of the ``sustainable`` column (default: the scenario's
        ``[analysis] repeated = {delta = ...}``; no column when neither is given).
    target
        The target profile (names, a mapping player -> strategy or ``"A,B"``; default:
        the scenario's ``[analysis] target``, else everyone's first strategy).
    executor
        General path: a ``concurrent.futures.Executor`` to run chunks on, or
        ``"inline"`` to run in this process. Default: in-process up to
        :data:`INLINE_POINTS` points, else a ``ProcessPoolExecutor`` with one worker
        per CPU.
    client
        A ``dask.distributed.Client`` or a scheduler address (``"tcp://host:8786"``):
        the general path runs on that cluster through ``client.get_executor()``.
    chunk_size
        Points per task on the general path (default: about four tasks per worker);
        passed on to the fast path when given.
    progress
        Show a tqdm progress bar.
    exact
        General path arithmetic: exact games (default for a grid, and for points that
        are all integers or Fractions) or float games (default for float points).

    Returns
    -------
    SweepResult

    Raises
    ------
    SweepError
        Bad axes or points (naming the parameter and the first bad row), an unknown
        parameter, analysis, method or target, a delta outside (0, 1), ``method="fast"``
        for an unsupported game or analysis.

    Examples
    --------
    The bundled scenario: the Enterprise cooperates at (Cooperate, Cooperate) once its
    subsidy ``S_e`` reaches ``C_e + B_e - (1 - a) R = 45 + 20 - 60 = 5``; below that, grim
    trigger needs ``delta >= (5 - S_e) / 20`` (the scenario's delta is 1/5).

    >>> from importlib.resources import files
    >>> path = files("coopgame") / "data" / "school_enterprise.toml"
    >>> res = sweep(path, {"S_e": "0:10:5"}, analyses=["equilibria", "repeated"], method="general",
    ...             progress=False)
    >>> res.table[["S_e", "nash[Cooperate,Cooperate]", "n_equilibria", "delta_star", "sustainable"]]
        S_e  nash[Cooperate,Cooperate]  n_equilibria  delta_star  sustainable
    0   0.0                      False             1       0.250        False
    1   2.5                      False             1       0.125         True
    2   5.0                       True             3       0.000         True
    3   7.5                       True             3       0.000         True
    4  10.0                       True             3       0.000         True
    >>> res.table["signature"].iloc[-1]
    'Cooperate,Cooperate + Shirk,Shirk + mixed'
    >>> res.method, res.delta, len(res.failures)
    ('general', Fraction(1, 5), 0)
    """
    names_of_analyses = analysis_names(analyses)
    if method not in METHODS:
        raise SweepError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    if (grid is None) == (points is None):
        raise SweepError("give exactly one of grid= (axes) and points= (a DataFrame of points)")
    symbolic, parameters, requests, default_target, default_delta, loaded = _load(scenario)
    where = _where(grid, points, exact)
    _check_swept(where, symbolic, parameters, loaded)
    fixed = {k: v for k, v in parameters.items() if k not in where.names}
    from coopgame.policy import substitute

    swept_game = substitute(symbolic, fixed) if fixed else symbolic

    # ---- what is asked
    target_names = target_profile(swept_game, target if target is not None else
                                  (default_target or tuple(s[0] for s in swept_game.strategies)))
    given_delta = delta if delta is not None else default_delta
    delta_value = discount_factor(given_delta) if given_delta is not None else None
    context = AnalysisContext(target=target_names, delta=delta_value, thresholds=tuple(requests),
                              options=_options(names_of_analyses, loaded, symbolic, target_names))
    for name in names_of_analyses:
        get(name).check_sweep(swept_game, dataclasses.replace(context, symbolic_game=symbolic))
    declared = _declared_columns(names_of_analyses, swept_game, context)

    def result(table: Any, failures: Any, path: str) -> SweepResult:
        return SweepResult(table, failures, where.axes, names_of_analyses, path, target_names,
                           delta_value, fixed, symbolic)

    # ---- the fast path, when it can and may
    from coopgame.sweep import _fast as fast

    fast_ok = fast.supports_fast(swept_game, names_of_analyses)
    if method == "fast" and not fast_ok:
        raise SweepError(
            f"the fast path does not support a {'x'.join(map(str, swept_game.shape))} game with "
            f"analyses {list(names_of_analyses)}; use method='general'"
        )
    if method == "fast" or (method == "auto" and fast_ok and exact is not True):
        options: dict[str, Any] = {"target": target_names, "delta": delta_value,
                                   "progress": progress}
        if chunk_size is not None:
            options["chunk_size"] = chunk_size
        fast_tables = _fast_tables(where, swept_game, names_of_analyses, declared, options,
                                   strict=method == "fast")
        if fast_tables is not None:
            return result(*fast_tables, "fast")

    # ---- the general path
    needs_symbolic = "thresholds" in names_of_analyses and bool(requests)
    spec = _Spec(_GameData.of(swept_game), where.names,
                 tuple(get(n) for n in names_of_analyses), context,
                 _GameData.of(symbolic) if needs_symbolic else None, fixed, where.exact)
    all_points = list(where.rows())
    results = _run(spec, all_points, where.n_points, executor, client, chunk_size, progress)
    table, failures = _assemble(where.names, all_points, results, declared, names_of_analyses)
    return result(table, failures, "general")


@dataclass(frozen=True)
class _Where:
    """The points of a sweep: grid axes (exact values) or a checked point set, and the arithmetic
    the general path uses on them."""

    axes: dict[str, tuple[Any, ...]]
    given: PointSet | None
    names: tuple[str, ...]
    exact: bool
    n_points: int

    def arrays(self) -> dict[str, np.ndarray]:
        """One float array per swept parameter, one entry per point (the fast path's input)."""
        if self.axes:
            return mesh(self.axes)
        assert self.given is not None
        return self.given.floats()

    def rows(self) -> Iterable[tuple[Any, ...]]:
        """The points one tuple at a time, exact or float as the general path computes."""
        if self.axes:
            product = itertools.product(*self.axes.values())
            return product if self.exact else (tuple(float(v) for v in p) for p in product)
        assert self.given is not None
        if not self.exact:
            return zip(*(values.tolist() for values in self.given.floats().values()))
        return zip(*([to_exact(v) for v in values.tolist()]
                     for values in self.given.columns.values()))


def _where(grid: Any, points: Any, exact: bool | None) -> _Where:
    """The points of ``grid=`` (axes, exact unless ``exact=False``) or of ``points=``."""
    if grid is not None:
        axes = parse_axes(grid)
        return _Where(axes, None, tuple(axes), True if exact is None else bool(exact),
                      math.prod(len(v) for v in axes.values()))
    given = point_set(points)
    if not given.n:
        raise SweepError("points: no points given")
    return _Where({}, given, given.names, given.exact if exact is None else bool(exact), given.n)


def _check_swept(where: _Where, symbolic: Game, parameters: Mapping[str, Any],
                 loaded: Scenario | None) -> None:
    """Every swept name is a parameter (in its domain); a bare game has all its symbols swept."""
    names = where.names
    free = {str(s) for s in symbolic.parameters}
    if loaded is not None:
        unknown = [n for n in names if n not in parameters]
        if unknown:
            raise SweepError(f"unknown parameter {unknown[0]!r}; the scenario's parameters are "
                             f"{', '.join(parameters)}")
        _check_domains(loaded, where.axes if where.given is None else dict(where.given.columns))
        return
    unknown = [n for n in names if n not in free]
    if unknown:
        raise SweepError(
            f"unknown parameter {unknown[0]!r}; the game's parameters are "
            f"{', '.join(sorted(free))}"
        )
    missing = sorted(free - set(names))
    if missing:
        raise SweepError(
            f"the game's parameter {missing[0]!r} has no value: sweep it or pass a Scenario"
        )


def _fast_tables(where: _Where, game: Game, analyses: tuple[str, ...],
                 declared: dict[str, dict[str, ColumnKind] | None], options: dict[str, Any],
                 strict: bool) -> tuple[Any, Any] | None:
    """``(table, failures)`` of the fast path, or None when it gives up on a point (unless
    ``strict``: then the reason is a :class:`SweepError`)."""
    import pandas as pd

    from coopgame.sweep import _fast as fast

    arrays = where.arrays()
    try:
        frame = fast.fast_sweep(game, arrays, analyses, **options)
    except fast.FastSweepError as exc:
        # e.g. a payoff that is infinite at some point: the general path reports such
        # points one by one as failures instead of failing the whole sweep
        if strict:
            raise SweepError(str(exc)) from None
        return None
    all_declared = [c for cols in declared.values() if cols is not None for c in cols]
    if set(frame.columns) == set(all_declared):
        frame = frame[all_declared]
    table = frame.reset_index(drop=True)
    # insert, not concat: no copy of a big table
    for k, (n, values) in enumerate(arrays.items()):
        table.insert(k, n, values)
    failures = pd.DataFrame(
        {
            **{n: pd.Series(dtype=float) for n in where.names},
            "analysis": pd.Series(dtype=object),
            "error": pd.Series(dtype=object),
        }
    )
    return table, failures


def _declared_columns(names: Sequence[str], game: Game, context: AnalysisContext
                      ) -> dict[str, dict[str, ColumnKind] | None]:
    return {n: get(n).columns(game, context) for n in names}


def _run(
    spec: _Spec,
    points: list[tuple[Any, ...]],
    n_points: int,
    executor: Any,
    client: Any,
    chunk_size: int | None,
    progress: bool,
) -> list[tuple[dict[str, Any], list[tuple[str, str]]]]:
    """Run the chunks on the chosen executor; results in the input order."""
    from tqdm.auto import tqdm

    if chunk_size is not None and (isinstance(chunk_size, bool) or not isinstance(chunk_size, int)
                                   or chunk_size < 1):
        raise SweepError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    own_client, own_executor = None, None
    if client is not None:
        if executor is not None:
            raise SweepError("give either executor= or client=, not both")
        if isinstance(client, str):
            try:
                from dask.distributed import Client
            except ImportError:
                raise SweepError("a scheduler address needs dask.distributed: "
                                 "pip install 'coopgame-edu[dask]'") from None
            client = own_client = Client(client)
        pool: Any = client.get_executor()
        workers = max(1, sum(client.nthreads().values()))
    elif executor == "inline" or (executor is None and n_points <= INLINE_POINTS):
        pool = None
        workers = 1
    elif executor is None:
        workers = os.cpu_count() or 1
        pool = own_executor = concurrent.futures.ProcessPoolExecutor(max_workers=workers)
    elif isinstance(executor, concurrent.futures.Executor):
        pool = executor
        workers = getattr(executor, "_max_workers", None) or os.cpu_count() or 1
    else:
        raise SweepError(
            f"executor: expected a concurrent.futures.Executor or 'inline', got {executor!r}"
        )

    size = chunk_size or max(1, min(1000, math.ceil(n_points / (4 * workers))))
    if pool is None and chunk_size is None:
        size = max(1, min(50, n_points))  # in-process: chunks only pace the progress bar
    chunks = [points[k:k + size] for k in range(0, len(points), size)]
    results: list[list[tuple[dict[str, Any], list[tuple[str, str]]]] | None] = [None] * len(chunks)
    bar = tqdm(total=n_points, disable=not progress, desc="sweep", unit="point")
    try:
        if pool is None:
            for k, chunk in enumerate(chunks):
                results[k] = _run_chunk(spec, chunk)
                bar.update(len(chunk))
        else:
            futures = {pool.submit(_run_chunk, spec, chunk): k for k, chunk in enumerate(chunks)}
            for future in concurrent.futures.as_completed(futures):
                k = futures[future]
                results[k] = future.result()
                bar.update(len(chunks[k]))
    finally:
        bar.close()
        if own_executor is not None:
            own_executor.shutdown()
        if own_client is not None:
            own_client.close()
    return [row for chunk_result in results if chunk_result is not None for row in chunk_result]


def _assemble(names: Sequence[str], points: list[tuple[Any, ...]],
              results: list[tuple[dict[str, Any], list[tuple[str, str]]]],
              declared: Mapping[str, Mapping[str, ColumnKind] | None], analyses: Sequence[str]
              ) -> tuple[pandas.DataFrame, pandas.DataFrame]:
    import pandas as pd

    columns: dict[str, ColumnKind | None] = {}
    for name in analyses:
        known = declared.get(name)
        if known is not None:
            columns.update(known)
    for found, _ in results:  # analyses this module does not know: columns as they come
        for key in found:
            if key not in columns:
                columns[key] = None
    data: dict[str, Any] = {
        n: np.array([float(p[i]) for p in points], dtype=float) for i, n in enumerate(names)
    }
    for column, kind in columns.items():
        data[column] = _typed([r[0].get(column) for r in results], kind)
    table = pd.DataFrame(data)

    failed = [
        (k, analysis, error) for k, (_, errors) in enumerate(results) for analysis, error in errors
    ]
    failures = pd.DataFrame(
        {**{n: [float(points[k][i]) for k, _, _ in failed] for i, n in enumerate(names)},
         "analysis": [a for _, a, _ in failed], "error": [e for _, _, e in failed]},
        index=pd.Index([k for k, _, _ in failed], dtype=int),
    )
    for n in names:
        failures[n] = failures[n].astype(float)
    return table, failures


def _typed(values: list[Any], kind: ColumnKind | None) -> Any:
    """A column of the given kind; missing values (failed points) as NaN, <NA> or None."""
    import pandas as pd

    missing = any(v is None for v in values)
    if kind is None:
        kind = _infer_kind([v for v in values if v is not None])
    if kind == "float":
        return np.array([math.nan if v is None else float(v) for v in values], dtype=float)
    if kind == "bool":
        return pd.array(values, dtype="boolean") if missing else np.array(values, dtype=bool)
    if kind == "int":
        return pd.array(values, dtype="Int64") if missing else np.array(values, dtype=np.int64)
    return np.array(values, dtype=object)  # str (None where the point failed) or unknown kinds


def _infer_kind(values: list[Any]) -> ColumnKind | None:
    """The kind of the column of an analysis that declares none, from its values."""
    if not values:
        return None
    if all(isinstance(v, (bool, np.bool_)) for v in values):
        return "bool"
    if all(
        isinstance(v, (int, np.integer)) and not isinstance(v, (bool, np.bool_)) for v in values
    ):
        return "int"
    if all(
        isinstance(v, (int, float, Fraction, np.integer, np.floating))
        and not isinstance(v, (bool, np.bool_))
        for v in values
    ):
        return "float"
    if all(isinstance(v, str) for v in values):
        return "str"
    return None
