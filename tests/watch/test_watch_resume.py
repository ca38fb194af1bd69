"""SIGKILL a real ``communique watch --once`` in the middle of a pass, run it again, and compare the store
with that of an uninterrupted pass over the same site: nothing lost, nothing doubled."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from communique.store import Store

from .site_server import Answer

pytestmark = pytest.mark.slow

CODED = re.compile(r"\| coded (\d+) \|")
ENV = {"COMMUNIQUE_WATCH_HOST_DELAY": "0", "COMMUNIQUE_WATCH_PER_HOST": "1", "COMMUNIQUE_WATCH_CHUNK_SIZE": "2",
       "COMMUNIQUE_WATCH_READ_TIMEOUT": "5", "COMMUNIQUE_WATCH_RETRIES": "0"}

SNAPSHOT = {
    "articles": "SELECT id, url, title, published, n_events, n_actors FROM articles ORDER BY id",
    "mentions": "SELECT uid, type, source_country, target_country FROM event_mentions ORDER BY uid",
    "seen": "SELECT url, status, article_id, code FROM seen_urls ORDER BY url",
    "sources": "SELECT url, feed_url, title FROM url_sources ORDER BY url, feed_url",
    "errors": "SELECT document, code, message FROM errors ORDER BY document, code",
    "feeds": "SELECT url, kind, title, etag, last_status, items_found, consecutive_failures FROM feeds ORDER BY url",
    "events": "SELECT id, n_mentions FROM events ORDER BY id",
}


def _cmd() -> list[str]:
    exe = shutil.which("communique", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "communique"]


def _args(sources: Path, db: Path) -> list[str]:
    return ["watch", str(sources), "--once", "--db", str(db), "--engine", "sync", "--allow-private",
            "--progress", "plain", "--progress-every", "0"]


def _snapshot(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        return {k: [tuple(r.values()) for r in store.rows(sql)] for k, sql in SNAPSHOT.items()}


def _site(site, tmp_path: Path) -> Path:
    site.set("/robots.txt", Answer(body=b"User-agent: *\nDisallow: /private/\n", type="text/plain"))
    a, b = [], []
    for n in range(1, 15):
        site.page(f"/news/{n}", 100 + n, delay=0.1)
        (a if n % 2 else b).append((f"/news/{n}", f"Story {n}"))
    b.append(("/news/1", "Story 1 again"))
    a.append(("/gone", "Gone"))
    a.append(("/private/x", "Hidden"))
    site.feed("/a.xml", a, etag='"a"')
    site.feed("/b.xml", b, etag='"b"')
    path = tmp_path / "sources.txt"
    path.write_text(f"{site.url('/a.xml')}\n{site.url('/b.xml')}\n")
    return path


def test_sigkill_mid_pass_then_rerun_equals_uninterrupted(site, tmp_path):
    sources = _site(site, tmp_path)
    env = {**os.environ, **ENV}
    whole = tmp_path / "whole.duckdb"
    done = subprocess.run([*_cmd(), *_args(sources, whole)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    expected = _snapshot(whole)
    assert len(expected["articles"]) == 14

    killed = tmp_path / "killed.duckdb"
    proc = subprocess.Popen([*_cmd(), *_args(sources, killed)], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, env=env, start_new_session=True)
    seen: list[str] = []
    try:
        deadline = time.monotonic() + 240
        assert proc.stderr is not None
        for line in proc.stderr:
            seen.append(line.rstrip())
            m = CODED.search(line)
            if m and int(m.group(1)) >= 4:
                os.kill(proc.pid, signal.SIGKILL)
                break
            assert time.monotonic() < deadline, "no kill point reached"
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL, f"the pass ended before the kill point: {seen[-5:]}"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    partial = _snapshot(killed)
    assert 4 <= len(partial["articles"]) < 14, "the kill did not land in the middle of the pass"

    requested = {p: len(site.requests(p)) for p in (f"/news/{n}" for n in range(1, 15))}
    again = subprocess.run([*_cmd(), *_args(sources, killed)], capture_output=True, text=True, env=env, timeout=300)
    assert again.returncode == 0, again.stderr[-3000:]
    after = _snapshot(killed)
    for name in SNAPSHOT:
        assert after[name] == expected[name], f"{name} differ"
    # the rerun fetched none of the pages whose articles the killed run had stored
    stored = {u.removeprefix(site.base) for u, st, _, _ in partial["seen"] if st == "coded"}
    for path in stored:
        assert len(site.requests(path)) == requested[path], path
    assert site.requests("/private/x") == []
