"""Fixtures of the batch tests: a generated corpus and the store of one uninterrupted run."""

from __future__ import annotations

from pathlib import Path

import pytest

from .batch_helpers import SMALL_FILE_ENV, run_ingest, snapshot, write_corpus


@pytest.fixture(scope="session")
def batch_corpus(tmp_path_factory) -> Path:
    """30 short text articles, a JSON Lines file of 6 articles, an empty and a binary file."""
    return write_corpus(tmp_path_factory.mktemp("batch") / "in")


@pytest.fixture(scope="session")
def baseline(batch_corpus, tmp_path_factory) -> dict:
    """The store of one uninterrupted run (processes engine, 2 workers, chunks of 2)."""
    db = tmp_path_factory.mktemp("baseline") / "base.duckdb"
    proc = run_ingest([str(batch_corpus), "--db", str(db), "--workers", "2", "--chunk-size", "2",
                       "--progress", "plain"], env=SMALL_FILE_ENV)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return snapshot(db)
