"""``communique ingest`` on missing inputs, failed documents and the same inputs under another path
spelling: real runs of the command (subprocess) on a real DuckDB store."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import duckdb

from communique.batch.checkpoint import file_key
from communique.batch.runner import plan_chunks
from communique.config import get_settings


def _cli(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "communique", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_missing_paths_and_empty_globs_exit_1_without_a_store(tmp_path):
    db = tmp_path / "y.duckdb"
    for missing in ("/nonexistent/foo", str(tmp_path / "nothing" / "*.txt")):
        proc = _cli("ingest", missing, "--db", str(db))
        assert proc.returncode == 1, proc.stderr
        assert "error:" in proc.stderr and missing in proc.stderr
        assert not db.exists()  # no store created (and no model loaded: the run stops before)


def _bad_inputs(folder):
    folder.mkdir()
    (folder / "empty.txt").write_text("")
    (folder / "bin.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 50)
    return folder


def test_failures_listed_and_path_spellings_share_checkpoints(tmp_path):
    _bad_inputs(tmp_path / "in")
    db = tmp_path / "y.duckdb"
    first = _cli("ingest", "in", "/nonexistent/other", "--db", str(db), "--engine", "sync", "--no-merge",
                 cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert "/nonexistent/other" in first.stderr  # named, the rest still ingested
    assert "failed documents (first 2 of 2)" in first.stderr
    assert "empty.txt: empty:" in first.stderr and "communique errors --db" in first.stderr
    again = _cli("ingest", str(tmp_path / "in"), "--db", str(db), "--engine", "sync", "--no-merge")
    assert again.returncode == 0, again.stderr
    assert "2 inputs already done" in again.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 2
        assert all(os.path.isabs(r[0]) for r in con.execute("SELECT document FROM errors").fetchall())
    listed = _cli("errors", "--db", str(db), "--json")
    assert listed.returncode == 0, listed.stderr
    out = json.loads(listed.stdout)
    assert out["total"] == 2 and {r["code"] for r in out["items"]} == {"empty", "binary"}


def test_relative_checkpoint_keys_of_older_runs_still_count(tmp_path, monkeypatch):
    folder = _bad_inputs(tmp_path / "in")
    monkeypatch.chdir(tmp_path)
    old = file_key("in/empty.txt", os.stat(folder / "empty.txt"))  # as a run before normalising wrote it
    stats: dict[str, int] = {}
    from communique.batch.runner import _compat_keys, normalise_inputs

    chunks = list(plan_chunks(normalise_inputs(["in"]), done=_compat_keys({old}), published=None,
                              settings=get_settings(), chunk_size=10, stats=stats))
    assert stats["skipped"] == 1
    assert [os.path.basename(p) for c in chunks for _, p in c.files] == ["bin.txt"]
