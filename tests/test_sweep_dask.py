"""A general-path sweep on a real Dask cluster (one worker process on loopback) gives the
same DataFrame as the local run, through a Client object and through its address."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files
from typing import Any

import pandas as pd
import pytest

distributed = pytest.importorskip("dask.distributed")

from coopgame.sweep._engine import sweep  # noqa: E402

SCENARIO = files("coopgame") / "data" / "school_enterprise.toml"
#: 25 x 2 = 50 points across both ties S_e = 5 and S_e = 45; exact Fractions travel to the worker
AXES = {"S_e": "0:48:25", "C_s": "10:20:2"}
ANALYSES = ["equilibria", "stability", "repeated", "thresholds"]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as local_cluster:
        yield local_cluster


@pytest.fixture(scope="module")
def local_table() -> pd.DataFrame:
    return sweep(
        SCENARIO, AXES, analyses=ANALYSES, method="general", executor="inline", progress=False
    ).table


def test_sweep_through_a_client_equals_the_local_run(
    cluster: Any, local_table: pd.DataFrame
) -> None:
    with distributed.Client(cluster) as client, distributed.get_task_stream(client) as stream:
        result = sweep(
            SCENARIO,
            AXES,
            analyses=ANALYSES,
            method="general",
            client=client,
            chunk_size=7,
            progress=False,
        )
    assert len(stream.data) == 8  # ceil(50 / 7) chunks ran as tasks on the cluster's worker
    assert result.method == "general" and result.failures.empty
    pd.testing.assert_frame_equal(result.table, local_table)


def test_sweep_through_a_scheduler_address(cluster: Any, local_table: pd.DataFrame) -> None:
    address = cluster.scheduler_address
    assert address.startswith("tcp://127.0.0.1:")
    result = sweep(
        SCENARIO, AXES, analyses=ANALYSES, method="general", client=address, progress=False
    )
    pd.testing.assert_frame_equal(result.table, local_table)
