"""How sure is the answer? Monte Carlo over uncertain parameters, and sensitivity rankings.

* :func:`monte_carlo` draws the uncertain parameters (the scenario's ``[uncertainty]``
  table, see :mod:`coopgame.sweep._distributions`), runs the same sample under every
  policy of the scenario's ``[policies]`` table through :func:`coopgame.sweep._engine.sweep`,
  and estimates, per policy, the probability that the target profile (cooperation) is a
  Nash equilibrium, an asymptotically stable rest point of the replicator dynamics, and
  sustainable in the repeated game at the scenario's discount factor, each with its
  standard error ``sqrt(p (1 - p) / n)``.
* :func:`sensitivity` moves one parameter at a time from the low to the high end of its
  range, the others held at the scenario's values, and ranks the parameters by how much a
  scalar answer (a policy threshold, the critical discount factor, ...) swings;
  :func:`tornado_plot` draws the ranking.

The estimates are plain sample means of indicator columns of the sweep, so they inherit
the sweep's exactness at each point; the only error is the sampling error the standard
errors report.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from coopgame.errors import CoopgameError
from coopgame.io import Scenario
from coopgame.numbers import InvalidNumberError, to_exact
from coopgame.sweep._distributions import Distribution, sample
from coopgame.sweep._engine import _as_scenario, _scenario_delta, sweep
from coopgame.sweep._points import SweepError

if TYPE_CHECKING:
    import matplotlib.axes

    from coopgame.sweep._engine import SweepResult

__all__ = ["MonteCarloResult", "UncertaintyError", "monte_carlo", "sensitivity", "tornado_plot"]

#: the name of the only policy when the scenario has no ``[policies]`` table
DEFAULT_POLICY = "scenario"

#: quantity name (or its prefix before ``[``) -> the sweep analysis that computes it
_QUANTITY_ANALYSES = {
    "threshold": "thresholds",
    "delta_star": "repeated",
    "bargaining": "bargaining",
    "mixed": "equilibria",
    "n_equilibria": "equilibria",
    "n_mixed": "equilibria",
}


class UncertaintyError(CoopgameError):
    """A Monte Carlo or sensitivity question that cannot be answered as asked."""


# --------------------------------------------------------------------------- inputs


def _scenario(scenario: Scenario | str | Path) -> Scenario:
    try:
        loaded = _as_scenario(scenario)
    except SweepError:
        loaded = None
    if not isinstance(loaded, Scenario):  # a Game has no [uncertainty] table
        raise UncertaintyError(f"scenario: expected a Scenario or the path of a scenario file, "
                               f"got {type(scenario).__name__}")
    return loaded


def _check_parameters(names: Sequence[str], scenario: Scenario, key: str) -> None:
    for name in names:
        if name not in scenario.parameters:
            raise UncertaintyError(f"{key}: unknown parameter {name!r}; parameters are "
                                   f"{', '.join(scenario.parameters)}")


def _policies(scenario: Scenario, policies: Mapping[str, Mapping[str, Any]] | None,
              uncertain: Sequence[str]) -> dict[str, dict[str, Fraction]]:
    raw = policies if policies is not None else scenario.policies
    if not isinstance(raw, Mapping):
        raise UncertaintyError(f"policies: expected a mapping policy name -> parameter values, "
                               f"got {type(raw).__name__}")
    if not raw:
        return {DEFAULT_POLICY: {}}
    out: dict[str, dict[str, Fraction]] = {}
    for name, values in raw.items():
        if not isinstance(values, Mapping):
            raise UncertaintyError(f"policies.{name}: expected a mapping parameter -> value, "
                                   f"got {type(values).__name__}")
        _check_parameters(list(values), scenario, f"policies.{name}")
        clash = sorted(set(values) & set(uncertain))
        if clash:
            raise UncertaintyError(
                f"policies.{name}.{clash[0]}: the parameter is uncertain (drawn from a "
                "distribution); a policy sets only parameters that are not"
            )
        out[str(name)] = {k: _exact(v, f"policies.{name}.{k}") for k, v in values.items()}
    return out


def _exact(value: Any, key: str) -> Fraction:
    try:
        return to_exact(value)
    except InvalidNumberError as exc:
        raise UncertaintyError(f"{key}: {exc}") from None


# --------------------------------------------------------------------------- Monte Carlo


@dataclass(frozen=True)
class MonteCarloResult:
    """The answer of :func:`monte_carlo`.

    Attributes
    ----------
    table
        One row per policy (index ``policy``): ``P(equilibrium)``, ``se(equilibrium)``,
        ``P(stable)``, ``se(stable)``, and ``P(sustainable)``, ``se(sustainable)`` when a
        discount factor is known; ``n``: the points that entered the estimate (the draws
        minus failed points).
    samples
        The sweep of every policy over the same draws: rows ``k*n`` to ``(k+1)*n - 1`` are
        policy number ``k`` (see :meth:`policy_samples`).
    n, seed
        The number of draws per policy and the seed of the generator.
    distributions
        The uncertain parameters and their distributions.
    policies
        Policy name -> the parameter values it sets.
    target
        The profile whose probabilities are estimated (strategy names).
    delta
        The discount factor of ``P(sustainable)`` as a Fraction (None when unknown).
    """

    table: pd.DataFrame
    samples: SweepResult
    n: int
    seed: int | None
    distributions: Mapping[str, Distribution]
    policies: Mapping[str, Mapping[str, Fraction]]
    target: tuple[str, ...]
    delta: Any = None

    def policy_samples(self, policy: str) -> pd.DataFrame:
        """The rows of :attr:`samples` that belong to one policy.

        Examples
        --------
        >>> from importlib.resources import files
        >>> from coopgame.io import load_scenario
        >>> from coopgame.sweep import Uniform
        >>> s = load_scenario(files("coopgame") / "data" / "school_enterprise.toml")
        >>> r = monte_carlo(s, 20, seed=1, distributions={"C_e": Uniform(30, 60)},
        ...                 policies={"none": {}, "subsidy": {"S_e": 10}})
        >>> r.policy_samples("subsidy")["S_e"].unique().tolist()
        [10.0]
        """
        names = list(self.policies)
        if policy not in names:
            raise UncertaintyError(f"unknown policy {policy!r}; policies are {', '.join(names)}")
        k = names.index(policy)
        return self.samples.table.iloc[k * self.n:(k + 1) * self.n].reset_index(drop=True)


def _indicator(column: pd.Series) -> tuple[float, float, int]:
    """Mean, standard error and count of a boolean column, failed points (NaN/None) left out."""
    values = column.dropna().astype(bool).to_numpy()
    n = len(values)
    if n == 0:
        return math.nan, math.nan, 0
    p = float(values.mean())
    return p, math.sqrt(p * (1 - p) / n), n


def monte_carlo(scenario: Scenario | str | Path, n: int = 10_000, *, seed: int | None = 0,
                distributions: Mapping[str, Distribution] | None = None,
                policies: Mapping[str, Mapping[str, Any]] | None = None,
                target: Sequence[str] | str | None = None, delta: Any = None, method: str = "auto",
                client: Any = None, progress: bool = False) -> MonteCarloResult:
    """The probability that cooperation is an equilibrium / stable / sustainable, per policy.

    The uncertain parameters are drawn ``n`` times (:func:`coopgame.sweep._distributions.sample`
    with ``seed``); every policy is evaluated on the *same* draws (common random numbers,
    so differences between policies are not sampling noise between different samples), in
    one :func:`coopgame.sweep._engine.sweep` over ``n * len(policies)`` points.

    Parameters
    ----------
    scenario
        A :class:`~coopgame.io._scenario.Scenario` or the path of a scenario file.
    n
        Draws per policy.
    seed
        Seed of the generator: the same seed gives the same result.
    distributions
        Parameter -> distribution; default the scenario's ``[uncertainty]`` table.
    policies
        Policy name -> parameter values; default the scenario's ``[policies]`` table, or
        one policy ``"scenario"`` with the scenario's values.
    target
        The profile asked about (strategy names or a label ``"A,B"``); default the
        scenario's ``[analysis] target``.
    delta
        Discount factor of ``P(sustainable)``; default the scenario's
        ``[analysis] repeated = {delta = ...}``; without one the column is left out.
    method, client
        Passed to :func:`~coopgame.sweep._engine.sweep` (``"auto"``: the vectorised path for
        2x2 and 2x2x2 games; ``client``: a Dask client or scheduler address).
    progress
        Show the sweep's progress bar.

    Returns
    -------
    MonteCarloResult
        ``.table`` with ``P(...)`` and ``se(...)`` per policy, ``.samples`` the sweep.

    Raises
    ------
    UncertaintyError
        No uncertain parameters, unknown parameter names, a policy setting an uncertain
        parameter.

    Examples
    --------
    With ``C_e ~ Uniform(30, 60)`` the bundled scenario's cooperation is an equilibrium
    iff ``C_e <= 40 + S_e`` (see ``tests/test_sweep_uncertainty.py``): probability 1/3
    without subsidy and 2/3 with ``S_e = 10``.

    >>> from importlib.resources import files
    >>> from coopgame.io import load_scenario
    >>> from coopgame.sweep import Uniform
    >>> s = load_scenario(files("coopgame") / "data" / "school_enterprise.toml")
    >>> r = monte_carlo(s, 2000, seed=1, distributions={"C_e": Uniform(30, 60)},
    ...                 policies={"none": {"S_e": 0}, "subsidy": {"S_e": 10}})
    >>> list(r.table.columns)  # doctest: +NORMALIZE_WHITESPACE
    ['P(equilibrium)', 'se(equilibrium)', 'P(stable)', 'se(stable)',
     'P(sustainable)', 'se(sustainable)', 'n']
    >>> p, se = r.table.loc["subsidy", ["P(equilibrium)", "se(equilibrium)"]]
    >>> bool(abs(p - 2 / 3) < 3 * se)
    True
    """
    scenario = _scenario(scenario)
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise UncertaintyError(f"n: the number of draws must be a positive integer, got {n!r}")
    if seed is not None and (isinstance(seed, bool) or not isinstance(seed, (int, np.integer))):
        raise UncertaintyError(f"seed: expected an integer or None, got {seed!r}")
    dists = dict(distributions if distributions is not None else scenario.uncertainty)
    if not dists:
        raise UncertaintyError(
            "no uncertain parameters: give distributions= or an [uncertainty] table in the scenario"
        )
    _check_parameters(list(dists), scenario, "distributions")
    chosen = _policies(scenario, policies, list(dists))
    if delta is None:
        delta = _scenario_delta(scenario)

    draws = sample(dists, int(n), seed)
    levers = sorted({name for values in chosen.values() for name in values})
    blocks = []
    for values in chosen.values():
        block = draws.copy()
        for name in levers:
            block[name] = float(values.get(name, scenario.parameters[name]))
        blocks.append(block)
    points = pd.concat(blocks, ignore_index=True)

    analyses: tuple[str, ...] = ("equilibria", "stability") + (
        ("repeated",) if delta is not None else ()
    )
    result = sweep(scenario, points=points, analyses=analyses, method=method, target=target,
                   delta=delta, client=client, progress=progress)

    label = ",".join(result.target)
    columns = {"equilibrium": f"nash[{label}]", "stable": f"stable[{label}]"}
    if delta is not None:
        columns["sustainable"] = "sustainable"
    rows = []
    for k in range(len(chosen)):
        block = result.table.iloc[k * int(n):(k + 1) * int(n)]
        row: dict[str, Any] = {}
        counts = []
        for name, column in columns.items():
            if column not in block:
                raise UncertaintyError(
                    f"the sweep gave no column {column!r} (columns: {', '.join(block)})"
                )
            p, se, valid = _indicator(block[column])
            row[f"P({name})"], row[f"se({name})"] = p, se
            counts.append(valid)
        row["n"] = min(counts)
        rows.append(row)
    table = pd.DataFrame(rows, index=pd.Index(list(chosen), name="policy"))
    return MonteCarloResult(
        table=table, samples=result, n=int(n), seed=seed,
        distributions=MappingProxyType(dists),
        policies=MappingProxyType({k: MappingProxyType(v) for k, v in chosen.items()}),
        target=result.target, delta=result.delta)


# --------------------------------------------------------------------------- sensitivity


def _analysis_of(quantity: str) -> str:
    head = quantity.split("[", 1)[0]
    if head not in _QUANTITY_ANALYSES:
        raise UncertaintyError(
            f"quantity: unknown scalar {quantity!r}; use threshold[<parameter>,<condition>], "
            "delta_star, bargaining[<player>], mixed[<player>], n_equilibria or n_mixed"
        )
    return _QUANTITY_ANALYSES[head]


def _range(value: Any, key: str) -> tuple[Fraction, Fraction]:
    if isinstance(value, Distribution):
        low, high = value.bounds
    elif isinstance(value, Sequence) and not isinstance(value, str) and len(value) == 2:
        low, high = value
    else:
        raise UncertaintyError(f"{key}: expected (low, high) or a distribution, got {value!r}")
    lo, hi = _exact(low, f"{key}.low"), _exact(high, f"{key}.high")
    if not hi > lo:
        raise UncertaintyError(f"{key}.high: must exceed low ({lo}), got {hi}")
    return lo, hi


def _base_values(scenario: Scenario, at: Mapping[str, Any] | str | None) -> dict[str, Fraction]:
    values = dict(scenario.parameters)
    if at is None:
        return values
    if isinstance(at, str):
        if at not in scenario.policies:
            raise UncertaintyError(
                f"at: unknown policy {at!r}; policies are {', '.join(scenario.policies)}"
            )
        at = scenario.policies[at]
    _check_parameters(list(at), scenario, "at")
    values.update({k: _exact(v, f"at.{k}") for k, v in at.items()})
    return values


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return math.nan


def sensitivity(
    scenario: Scenario | str | Path,
    quantity: str,
    ranges: Mapping[str, Any] | None = None,
    *,
    at: Mapping[str, Any] | str | None = None,
    target: Sequence[str] | str | None = None,
    delta: Any = None,
) -> pd.DataFrame:
    """One-at-a-time sensitivity of a scalar answer to each parameter's range.

    Each parameter in turn is set to the low and the high end of its range, every
    other parameter held at its base value; the answer is computed exactly (the sweep's
    general path with exact arithmetic) at the base point and at both ends.

    Parameters
    ----------
    scenario
        A :class:`~coopgame.io._scenario.Scenario` or the path of a scenario file.
    quantity
        A scalar column of a sweep: ``"threshold[S_e,nash]"`` (the scenario's threshold
        requests), ``"delta_star"``, ``"bargaining[<player>]"``, ``"mixed[<player>]"``,
        ``"n_equilibria"``, ``"n_mixed"``.
    ranges
        Parameter -> ``(low, high)`` or a distribution (its :attr:`~Uniform.bounds`:
        ``[low, high]``, or the 5%/95% quantiles of a normal). Default: the scenario's
        ``[uncertainty]`` table. A threshold's own parameter is left out of the default.
    at
        The base point: values replacing some of the scenario's parameters, or the name of
        one of its ``[policies]``.
    target, delta
        As for :func:`~coopgame.sweep._engine.sweep` (for ``delta_star``).

    Returns
    -------
    pandas.DataFrame
        Columns ``parameter``, ``low``, ``high``, ``at_low``, ``at_high``, ``swing``
        (``|at_high - at_low|``, NaN when the quantity is undefined at an end), largest
        swing first; ``.attrs`` holds ``quantity`` and ``base`` (the value at the base point).

    Examples
    --------
    In the bundled scenario the subsidy that makes cooperation a Nash equilibrium is
    ``S_e* = C_e + B_e - (1 - a) R`` (5 at the file's values): slope 1 in ``C_e``.

    >>> from importlib.resources import files
    >>> from coopgame.io import load_scenario
    >>> s = load_scenario(files("coopgame") / "data" / "school_enterprise.toml")
    >>> t = sensitivity(s, "threshold[S_e,nash]", {"C_e": (42, 50), "B_e": (18, 21)})
    >>> t[["parameter", "at_low", "at_high", "swing"]]
      parameter  at_low  at_high  swing
    0       C_e     2.0     10.0    8.0
    1       B_e     3.0      6.0    3.0
    >>> t.attrs["base"]
    5.0
    """
    scenario = _scenario(scenario)
    analysis = _analysis_of(quantity)
    own = quantity[len("threshold["):].split(",", 1)[0] if analysis == "thresholds" else None
    if ranges is None:
        ranges = {k: v for k, v in scenario.uncertainty.items() if k != own}
        if not ranges:
            raise UncertaintyError("ranges: none given and the scenario has no [uncertainty] table")
    _check_parameters(list(ranges), scenario, "ranges")
    if own is not None and own in ranges:
        raise UncertaintyError(
            f"ranges.{own}: {quantity} is a level of {own} itself; leave {own} out"
        )
    bounds = {name: _range(value, f"ranges.{name}") for name, value in ranges.items()}
    base = _base_values(scenario, at)
    moved = dataclasses.replace(scenario, parameters=MappingProxyType(base))

    def evaluate(name: str, values: Sequence[Fraction]) -> list[float]:
        result = sweep(moved, grid={name: list(values)}, analyses=(analysis,), method="general",
                       target=target, delta=delta, progress=False)
        if quantity not in result.table:
            raise UncertaintyError(
                f"quantity: the {analysis} analysis gives no column {quantity!r}; "
                f"its columns are {', '.join(result.table.columns)}"
            )
        return [_float(v) for v in result.table[quantity]]

    rows = []
    base_value = math.nan
    for name, (low, high) in bounds.items():
        at_low, at_high = evaluate(name, (low, high))
        rows.append({"parameter": name, "low": float(low), "high": float(high), "at_low": at_low,
                     "at_high": at_high, "swing": abs(at_high - at_low)})
    if bounds:
        first = next(iter(bounds))
        base_value = evaluate(first, (base[first],))[0]
    table = pd.DataFrame(rows, columns=["parameter", "low", "high", "at_low", "at_high", "swing"])
    table = table.sort_values(
        "swing", ascending=False, na_position="last", kind="stable"
    ).reset_index(drop=True)
    table.attrs["quantity"] = quantity
    table.attrs["base"] = base_value
    return table


def tornado_plot(table: pd.DataFrame, ax: matplotlib.axes.Axes | None = None,
                 path: str | Path | None = None) -> matplotlib.axes.Axes:
    """A tornado chart of a :func:`sensitivity` table: the largest swing on top.

    Each parameter gets a bar from its value at the low end to its value at the high
    end of its range, drawn around the base value (a vertical line).

    Parameters
    ----------
    table
        The output of :func:`sensitivity`.
    ax
        Axes to draw into (a new figure when omitted).
    path
        Save the figure there (PNG, SVG, PDF: by the suffix).

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> t = pd.DataFrame({"parameter": ["C_e", "B_e"], "low": [42.0, 18.0], "high": [50.0, 21.0],
    ...                   "at_low": [2.0, 3.0], "at_high": [10.0, 6.0], "swing": [8.0, 3.0]})
    >>> t.attrs.update(quantity="threshold[S_e,nash]", base=5.0)
    >>> ax = tornado_plot(t)
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('threshold[S_e,nash]', 'parameter (low .. high)')
    """
    missing = [c for c in ("parameter", "low", "high", "at_low", "at_high") if c not in table]
    if missing:
        raise UncertaintyError(
            f"table: missing column {missing[0]!r}; pass the output of sensitivity()"
        )
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 0.5 * len(table) + 1.5))
    rows = table.iloc[::-1]  # barh draws bottom-up: the largest swing ends on top
    positions = np.arange(len(rows))
    at_low = rows["at_low"].to_numpy(dtype=float)
    at_high = rows["at_high"].to_numpy(dtype=float)
    base = _float(table.attrs.get("base", math.nan))
    if math.isnan(base):
        # without a base point the bars simply span the two ends
        base_line = np.fmin(at_low, at_high)
    else:
        base_line = np.full(len(rows), base)
    ax.barh(
        positions, at_low - base_line, left=base_line, color="tab:blue", label="parameter at low"
    )
    ax.barh(positions, at_high - base_line, left=base_line, color="tab:orange", alpha=0.8,
            label="parameter at high")
    if not math.isnan(base):
        ax.axvline(base, color="black", lw=1, label=f"base ({base:g})")
    ax.set_yticks(positions)
    ax.set_yticklabels([f"{p} ({lo:g} .. {hi:g})"
                        for p, lo, hi in zip(rows["parameter"], rows["low"], rows["high"])])
    ax.set_xlabel(str(table.attrs.get("quantity", "quantity")))
    ax.set_ylabel("parameter (low .. high)")
    ax.set_title("Sensitivity (one parameter at a time)")
    ax.legend(loc="best", fontsize="small")
    if path is not None:
        from coopgame.sweep._plot import save_figure

        save_figure(ax, path)
    return ax
