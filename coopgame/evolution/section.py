"""The ``evolution`` section of ``coopgame analyze``: a JSON-ready summary of the replicator dynamics."""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

from coopgame.evolution._dynamics import EvolutionError
from coopgame.game import Game

_OPTIONS = {"starts", "t_end", "seed", "radius"}


def _text(value: Any) -> str:
    return str(value)


def evolution_section(game: Game, options: Mapping[str, Any]) -> dict[str, Any]:
    """Rest points, eigenvalues, classification and basin shares, ready for JSON.

    Parameters
    ----------
    game
        The analysed game (numbers: float or exact). A symbolic game gets rest points
        and conditions but no basins.
    options
        ``starts`` (number of random starts for the basins, default 1000; 0 skips them),
        ``t_end`` (a fixed horizon; default: until the starts settle, see
        :func:`~coopgame.evolution.basins`), ``seed`` (default 0), ``radius`` (default
        1e-3): the ``[analysis] evolution = {...}`` table of a scenario file.

    Examples
    --------
    >>> g = Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]])
    >>> section = evolution_section(g, {"starts": 200})
    >>> [(p["point"], p["classification"]) for p in section["rest_points"]][-1]
    (['1/2', '1/2'], 'saddle')
    >>> section["rest_points"][-1]["eigenvalues"]
    ['-5*sqrt(5)', '5*sqrt(5)']
    >>> sorted(section["basins"]["shares"])
    ['0 0', '1 1']
    """
    from coopgame.evolution._rest_points import InteriorRestPointWarning, rest_points
    from coopgame.evolution._simulate import basins

    unknown = set(options) - _OPTIONS
    if unknown:
        raise EvolutionError(f"analysis.evolution: unknown evolution option(s) {sorted(unknown)}; "
                             f"known: {sorted(_OPTIONS)}")
    starts = int(options.get("starts", 1000))
    if starts < 0:
        raise EvolutionError(f"analysis.evolution.starts must be >= 0; got {starts}")
    t_end = options.get("t_end")
    if t_end is not None and not float(t_end) > 0:
        raise EvolutionError(f"analysis.evolution.t_end must be positive; got {t_end}")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InteriorRestPointWarning)
        points = rest_points(game)
    section: dict[str, Any] = {
        "populations": list(game.players),
        # reduced coordinates: every share but each population's last
        "coordinates": [f"share of {p} playing {name}" for p, s in zip(game.players, game.strategies)
                        for name in s[:-1]],
        "rest_points": [
            {
                "point": [_text(c) for c in p.point],
                "location": p.location,
                "profile": None if p.profile is None else [game.strategies[i][s] for i, s in enumerate(p.profile)],
                "eigenvalues": sorted(_text(e) for e in p.eigenvalues),
                "classification": p.classification,
            }
            for p in points
        ],
    }
    # the report says what was not enumerated instead of printing a Python warning
    notes = [str(w.message) for w in caught if issubclass(w.category, InteriorRestPointWarning)]
    if notes:
        section["notes"] = list(dict.fromkeys(notes))
    if starts and not (game.kind == "symbolic" and game.parameters) and all(n == 2 for n in game.shape):
        result = basins(game, starts, t_end=None if t_end is None else float(t_end),
                        radius=float(options.get("radius", 1e-3)), seed=int(options.get("seed", 0)))
        names = [" ".join(f"{c:g}" for c in a) for a in result.attractors]
        section["basins"] = {
            "starts": starts,
            "shares": dict(zip(names, result.shares)),
            "unresolved": result.unresolved,
            "mean_time_to_converge": dict(zip(names, result.mean_convergence_time())),
            "horizon": result.horizon,
        }
    return section
