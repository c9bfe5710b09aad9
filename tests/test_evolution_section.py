"""The evolution section for `coopgame analyze`, the det/trace table and other dynamics."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
import sympy

from coopgame.analyses import AnalysisOptionsError, Setup, get
from coopgame.analyses.evolution import EvolutionOptions, compute
from coopgame.evolution import (
    EvolutionError,
    best_response_field,
    logit_field,
    stability_table,
    stability_table_latex,
)
from coopgame.game import Game
from coopgame.models import preset

HUANG = Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]], players=["HEI", "Graduate"])


def test_section_is_json_ready_and_matches_the_paper() -> None:
    section = compute(HUANG, EvolutionOptions(starts=300, seed=4)).to_dict()
    json.dumps(section)
    by_point = {tuple(p["point"]): p for p in section["rest_points"]}
    assert by_point[("0", "0")]["classification"] == "asymptotically stable"
    assert by_point[("1/2", "1/2")]["eigenvalues"] == ["-5*sqrt(5)", "5*sqrt(5)"]
    shares = section["basins"]["shares"]
    assert set(shares) == {"1 1", "0 0"}
    assert sum(shares.values()) + section["basins"]["unresolved"] == pytest.approx(1.0)
    with pytest.raises(AnalysisOptionsError, match="analysis.evolution.stars: unknown key"):
        get("evolution").parse_options({"stars": 3}, Setup(HUANG))


def test_symbolic_section_has_no_basins() -> None:
    result = compute(preset("baseline", S_e="S_e"), EvolutionOptions())
    assert result.basins is None
    section = result.to_dict()
    assert "basins" not in section
    assert {p["classification"] for p in section["rest_points"]} >= {"conditional"}


def test_det_trace_table_by_hand() -> None:
    """Huang et al.: at (0,0) J = diag(-25, -20): det 500, tr -45; at (1,0) diag(25, 20): det 500,
    tr 45; at (1/2,1/2) J = [[0, 25/2], [10, 0]]: det -125, tr 0 (a saddle)."""
    rows = {row["point"]: row for row in stability_table(HUANG)}
    assert (rows[(0, 0)]["det"], rows[(0, 0)]["trace"]) == (500, -45)
    assert (rows[(1, 0)]["det"], rows[(1, 0)]["trace"]) == (500, 45)
    half = rows[(Fraction(1, 2), Fraction(1, 2))]
    assert (half["det"], half["trace"], half["det_sign"], half["result"]) == (
        -125,
        0,
        "-",
        "saddle",
    )
    latex = stability_table_latex(HUANG)
    assert r"$(0, 0)$ & $500$ (+) & $-45$ (-)" in latex and "saddle" in latex


def test_symbolic_table_signs_are_open() -> None:
    g = Game.bimatrix([["a", 0], [0, 1]], [[1, 0], [0, 1]])
    rows = stability_table(g)
    assert rows[0]["det"] == sympy.Symbol("a") and rows[0]["det_sign"] == "?"


def test_best_response_and_logit_fields() -> None:
    """Coordination [[2, 0], [0, 1]] at x = y = 1/2: u_1 = (1, 1/2), so the best response is the
    first strategy and dx/dt = 1 - 1/2 = 1/2. Logit with noise 1: softmax = e^1/(e^1 + e^0.5) =
    0.6225."""
    g = Game.bimatrix([[2, 0], [0, 1]], [[2, 0], [0, 1]])
    np.testing.assert_allclose(best_response_field(g)(0.0, np.array([0.5, 0.5])), [0.5, 0.5])
    expected = np.e / (np.e + np.exp(0.5)) - 0.5
    np.testing.assert_allclose(logit_field(g, 1.0)(0.0, np.array([0.5, 0.5])), [expected] * 2)
    with pytest.raises(EvolutionError, match="positive"):
        logit_field(g, 0.0)
