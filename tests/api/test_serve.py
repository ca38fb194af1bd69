"""``communique serve`` as a real uvicorn process: the banner, and a generated token on a non-loopback address."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time

import httpx
import pytest

from communique.cli.serve import dashboard_url


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dashboard_url():
    assert dashboard_url("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert dashboard_url("0.0.0.0", 9000) == "http://127.0.0.1:9000/"
    assert dashboard_url("::1", 8000) == "http://[::1]:8000/"


@pytest.mark.slow
def test_non_loopback_serve_generates_a_token(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "COMMUNIQUE_API_TOKEN"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "communique", "serve", "--db", str(tmp_path / "s.duckdb"), "--host", "0.0.0.0",
         "--port", str(port), "--no-preload"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env, text=True,
    )
    try:
        lines = []
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not any("dashboard" in ln for ln in lines):
            line = proc.stderr.readline()
            if not line and proc.poll() is not None:
                break
            lines.append(line)
        text = "".join(lines)
        m = re.search(r"write endpoints need this token \(Authorization: Bearer \.\.\.\): (\S+)", text)
        assert m, text
        token = m.group(1)
        assert f"Communiqué dashboard: http://127.0.0.1:{port}/" in text
        url = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                httpx.get(url + "/health", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        body = {"content": b"  ", "headers": {"content-type": "text/plain"}}
        no = httpx.post(url + "/code?store=true", **body)
        assert no.status_code == 401 and no.json()["error"]["code"] == "unauthorized"
        # with the token the request passes the gate and meets the reader (an empty body)
        ok = httpx.post(url + "/code?store=true", **{**body, "headers": {**body["headers"],
                                                                         "authorization": f"Bearer {token}"}})
        assert ok.status_code == 422 and ok.json()["error"]["code"] == "empty"
        assert httpx.get(url + "/health").json()["token"] is True
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.mark.slow
def test_concurrent_reads_share_one_store_safely(sample_db):
    """Many threads reading through one server (one DuckDB connection) all get the same right answers."""
    from concurrent.futures import ThreadPoolExecutor

    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "communique", "serve", "--db", str(sample_db), "--port", str(port), "--no-preload"],
        stderr=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        env={k: v for k, v in os.environ.items() if k != "COMMUNIQUE_API_TOKEN"},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(url + "/health", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        paths = ["/events?type=CONSULT", "/network", "/dyads/CHN/RUS", "/articles?q=Kharkiv", "/events?merged=true"]
        expected = {p: httpx.get(url + p).json() for p in paths}
        with httpx.Client(base_url=url, timeout=30) as client, ThreadPoolExecutor(8) as pool:
            results = list(pool.map(lambda p: (p, client.get(p)), paths * 16))
        for p, r in results:
            assert r.status_code == 200, r.text
            assert r.json() == expected[p]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
