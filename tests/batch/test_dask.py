"""A Dask LocalCluster run (2 workers): workers write Parquet parts, ``ingest --from-parquet`` loads them,
and the store equals the one the local processes engine built."""

from __future__ import annotations

import pytest

from .batch_helpers import SMALL_FILE_ENV, assert_same_store, run_ingest, snapshot

pytestmark = [pytest.mark.dask, pytest.mark.slow]


def test_dask_local_cluster_to_parquet_then_store(batch_corpus, baseline, tmp_path):
    pytest.importorskip("distributed")
    parts = tmp_path / "parts"
    coded = run_ingest([str(batch_corpus), "--engine", "dask", "--workers", "2", "--chunk-size", "2",
                        "--to-parquet", str(parts), "--progress", "plain", "--json"], env=SMALL_FILE_ENV)
    assert coded.returncode == 0, coded.stderr[-3000:]
    assert "dask x2" in coded.stderr
    n_parts = len(list(parts.glob("part-*.parquet")))
    assert n_parts >= 10
    # the same command again finds every input in the parts: nothing is coded twice
    again = run_ingest([str(batch_corpus), "--engine", "dask", "--workers", "2", "--chunk-size", "2",
                        "--to-parquet", str(parts), "--progress", "off"], env=SMALL_FILE_ENV)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "0 coded" in again.stderr
    assert len(list(parts.glob("part-*.parquet"))) == n_parts
    db = tmp_path / "from-parquet.duckdb"
    loaded = run_ingest(["--from-parquet", str(parts), "--db", str(db), "--progress", "off"])
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    assert_same_store(snapshot(db), baseline)
