"""Kill a real ``communique ingest`` with SIGKILL at several points, run the same command again, and
compare the store with an uninterrupted run: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import psutil
import pytest

from .batch_helpers import SMALL_FILE_ENV, assert_same_store, communique_cmd, run_ingest, snapshot

pytestmark = pytest.mark.slow

CHUNK_LINE = re.compile(r"progress: .* chunks (\d+) ")


def _args(corpus: Path, db: Path) -> list[str]:
    return [str(corpus), "--db", str(db), "--workers", "2", "--chunk-size", "2", "--progress", "plain",
            "--progress-every", "0"]


def _kill_when(corpus: Path, db: Path, *, chunks: int | None = None, merging: bool = False) -> list[str]:
    """Start ingest, SIGKILL it once ``chunks`` chunks are written (or once merging starts); check its
    workers exit by themselves. Returns the progress lines seen."""
    proc = subprocess.Popen([*communique_cmd(), "ingest", *_args(corpus, db)], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, env={**os.environ, **SMALL_FILE_ENV},
                            start_new_session=True)
    seen: list[str] = []
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 180
        assert proc.stderr is not None
        for line in proc.stderr:
            seen.append(line.rstrip())
            m = CHUNK_LINE.search(line)
            hit = (merging and "merging" in line) or (chunks is not None and m and int(m.group(1)) >= chunks)
            if hit:
                assert proc.poll() is None, "the run ended before the kill point"
                workers = psutil.Process(proc.pid).children(recursive=True)
                os.kill(proc.pid, signal.SIGKILL)
                break
            assert time.monotonic() < deadline, "no kill point reached"
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, f"not killed at the kill point: {seen[-5:]}"
        # workers notice their writer is gone and exit by themselves
        gone, alive = psutil.wait_procs(workers, timeout=15)
        assert not alive, f"workers still running after the writer was killed: {alive}"
    finally:
        if proc.poll() is None:  # only on a failed assertion: end what this test started
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return seen


def _resume(corpus: Path, db: Path) -> str:
    done = run_ingest(_args(corpus, db), env=SMALL_FILE_ENV)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stderr


def test_kill_after_first_chunk_then_resume(batch_corpus, baseline, tmp_path):
    db = tmp_path / "store.duckdb"
    _kill_when(batch_corpus, db, chunks=1)
    killed = snapshot(db)
    # the killed run stored whole chunks only: a part of the full run, with its checkpoint keys
    assert 0 < killed["counts"]["inputs_done"] < baseline["counts"]["inputs_done"]
    assert set(killed["articles"]) <= set(baseline["articles"])
    assert set(killed["inputs_done"]) <= set(baseline["inputs_done"])
    log = _resume(batch_corpus, db)
    assert re.search(r"skipped [1-9]\d* ", log), "the resumed run should skip what was done"
    assert_same_store(snapshot(db), baseline)


def test_killed_twice_resumed_then_rerun(batch_corpus, baseline, tmp_path):
    db = tmp_path / "store.duckdb"
    _kill_when(batch_corpus, db, chunks=3)
    first = snapshot(db)["counts"]["inputs_done"]
    _kill_when(batch_corpus, db, chunks=3)
    second = snapshot(db)["counts"]["inputs_done"]
    assert first < second < baseline["counts"]["inputs_done"]
    _resume(batch_corpus, db)
    assert_same_store(snapshot(db), baseline)
    # the same command on a finished store codes nothing and changes nothing
    log = _resume(batch_corpus, db)
    assert "0 coded" in log
    assert_same_store(snapshot(db), baseline)


def test_kill_while_merging_then_resume(batch_corpus, baseline, tmp_path):
    db = tmp_path / "store.duckdb"
    _kill_when(batch_corpus, db, merging=True)
    assert snapshot(db)["counts"]["inputs_done"] == baseline["counts"]["inputs_done"]
    _resume(batch_corpus, db)
    assert_same_store(snapshot(db), baseline)
