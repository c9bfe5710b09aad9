"""Plots of evolutionary dynamics: files are written and axes labelled."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from coopgame.evolution._dynamics import EvolutionError  # noqa: E402
from coopgame.evolution._plot import phase_portrait, simplex_plot, time_series, trajectories_3d  # noqa: E402
from coopgame.game import Game  # noqa: E402
from coopgame.models import preset  # noqa: E402

HUANG = Game.bimatrix([[25, -25], [0, 0]], [[20, 0], [-20, 0]], players=["HEI", "Graduate"])


def _saved(ax: object, path: Path) -> None:
    ax.figure.savefig(path)  # type: ignore[attr-defined]
    assert path.stat().st_size > 1000
    plt.close(ax.figure)  # type: ignore[attr-defined]


def test_phase_portrait_marks_rest_points_by_type(tmp_path: Path) -> None:
    ax = phase_portrait(HUANG, grid=8)
    assert ax.get_xlabel() == "HEI: share playing 1"
    assert ax.get_ylabel() == "Graduate: share playing 1"
    legend = sorted(t.get_text() for t in ax.get_legend().get_texts())
    assert legend == ["asymptotically stable", "saddle", "unstable"]
    _saved(ax, tmp_path / "phase.png")


def test_three_population_plots(tmp_path: Path) -> None:
    game = preset("combined", model="school_enterprise_government")
    ax = trajectories_3d(game, [[0.2, 0.8, 0.5], [0.9, 0.9, 0.1]], 20.0)
    assert ax.get_zlabel() == "Government: share playing Support"
    _saved(ax, tmp_path / "cube.png")
    ax = time_series(game, [0.5, 0.5, 0.5], 20.0)
    assert ax.get_xlabel() == "time" and len(ax.get_lines()) == 3
    _saved(ax, tmp_path / "series.png")


def test_simplex(tmp_path: Path) -> None:
    ax = simplex_plot(
        [[0, -1, 1], [1, 0, -1], [-1, 1, 0]], np.array([[0.5, 0.3, 0.2]]), labels=("R", "P", "S")
    )
    assert [t.get_text() for t in ax.texts] == ["R", "P", "S"]
    _saved(ax, tmp_path / "simplex.png")


def test_wrong_shapes() -> None:
    with pytest.raises(EvolutionError, match="2x2 game"):
        phase_portrait(preset("combined", model="school_enterprise_government"))
    with pytest.raises(EvolutionError, match="2x2x2"):
        trajectories_3d(HUANG, [[0.5, 0.5]])
