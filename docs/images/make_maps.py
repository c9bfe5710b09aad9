"""Draw the pictures of docs/guide/sweeps.md (run once: ``python docs/images/make_maps.py``).

Kept next to the pictures so that they can be redrawn after a change to the scenario
or to :func:`coopgame.sweep.region_map`.
"""

from __future__ import annotations

from pathlib import Path


def main() -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from coopgame.io._scenario import load_scenario
    from coopgame.sweep import region_map, sweep

    here = Path(__file__).resolve().parent
    scenario = load_scenario(here.parents[1] / "coopgame" / "data" / "policy_map.toml")
    result = sweep(scenario, grid={"S_e": "0:40:201", "tau": "0:0.5:101"},
                   analyses=("equilibria", "repeated"), progress=False)
    for column, name, title in [
        ("signature", "policy_map.png", "Equilibria over the subsidy S_e and the tax incentive tau"),
        ("delta_star", "delta_star_map.png", "Critical discount factor delta* of grim trigger"),
    ]:
        ax = region_map(result, "S_e", "tau", column, title=title)
        ax.figure.savefig(here / name, dpi=110, bbox_inches="tight")
        plt.close(ax.figure)
        print("wrote", here / name)


if __name__ == "__main__":
    main()
