"""``communique serve`` refuses, before printing the dashboard address, a read-only store that does not
exist and a port already in use: real subprocesses, a real socket."""

from __future__ import annotations

import socket
import subprocess
import sys


def _serve(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "communique", "serve", "--no-preload", *args],
                          capture_output=True, text=True, timeout=60)


def test_read_only_on_a_missing_store_fails(tmp_path):
    db = tmp_path / "missing.duckdb"
    proc = _serve("--db", str(db), "--read-only", "--port", "1")
    assert proc.returncode == 1, proc.stderr
    assert "error:" in proc.stderr and str(db) in proc.stderr
    assert "dashboard" not in proc.stderr and not db.exists()


def test_port_in_use_fails_before_the_banner(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = _serve("--db", str(tmp_path / "s.duckdb"), "--port", str(port))
    assert proc.returncode == 1, proc.stderr
    assert f"port {port}" in proc.stderr and "dashboard" not in proc.stderr
