"""``communique code URL``, ``ingest URL`` and ``watch --once`` as a user runs them (subprocesses, a local
site allowed by COMMUNIQUE_WATCH_ALLOW_LOOPBACK)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

ENV = {**os.environ, "COMMUNIQUE_WATCH_ALLOW_LOOPBACK": "true", "COMMUNIQUE_WATCH_HOST_DELAY": "0"}


def run(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "communique", *args], capture_output=True, text=True,
                          env=env or ENV, timeout=300)


def test_code_urls_of_a_page_and_a_feed(site, tmp_path):
    site.page("/story", 31)
    site.page("/news/1", 32)
    site.page("/news/2", 33)
    site.feed("/feed.xml", [("/news/1", "One"), ("/news/2", "Two")])
    local = tmp_path / "local.txt"
    local.write_text("Kenya and Ghana agree trade deal\n\nThe president of Kenya met the president of Ghana in "
                     "Nairobi on Monday to sign a trade agreement.\n")
    out = run("code", site.url("/story"), str(local), site.url("/feed.xml"), "--format", "jsonl")
    assert out.returncode == 0, out.stderr
    recs = [json.loads(ln) for ln in out.stdout.splitlines()]
    assert [r["article"]["url"] for r in recs] == [site.url("/story"), None, site.url("/news/1"), site.url("/news/2")]
    assert "story number 31" in recs[0]["article"]["text"]
    assert recs[2]["article"]["published"] == "2024-03-05"
    # without the setting, loopback is refused and said so
    refused = run("code", site.url("/story"), env={**os.environ})
    assert refused.returncode == 1 and "address_refused" in refused.stderr


def test_ingest_url_and_watch_once(site, tmp_path):
    site.page("/news/1", 41)
    site.page("/news/2", 42)
    site.feed("/feed.xml", [("/news/1", "One")], etag='"1"')
    db = tmp_path / "w.duckdb"
    out = run("ingest", site.url("/feed.xml"), "--db", str(db), "--engine", "sync")
    assert out.returncode == 0, out.stderr
    assert "1 coded" in out.stderr
    sources = tmp_path / "sources.txt"
    sources.write_text(f"# the test desk\n{site.url('/feed.xml')} Test desk\n")
    site.feed("/feed.xml", [("/news/2", "Two"), ("/news/1", "One")], etag='"2"')
    out = run("watch", str(sources), "--once", "--db", str(db), "--engine", "sync", "--json", "--progress", "off")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["coded"] == 1 and report["new"] == 1 and report["polled"] == 1
    assert len(site.requests("/news/1")) == 1
    listing = run("feeds", "--db", str(db), "--json")
    rows = [json.loads(ln) for ln in listing.stdout.splitlines()]
    assert rows[0]["url"] == site.url("/feed.xml") and rows[0]["articles"] == 2 and rows[0]["polls"] == 2
    usage = run("watch", str(sources), "--db", str(db))
    assert usage.returncode == 2 and "--every" in usage.stderr


def test_every_runs_until_sigterm_then_exits_cleanly(site, tmp_path):
    import signal
    import time

    site.feed("/feed.xml", [("/news/1", "One")], etag='"e"')
    site.page("/news/1", 51)
    db = tmp_path / "e.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "communique", "watch", site.url("/feed.xml"), "--every", "6s",
                             "--db", str(db), "--engine", "sync", "--progress", "off"], stderr=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, text=True, env=ENV)
    try:
        lines = []
        deadline = time.monotonic() + 240
        assert proc.stderr is not None
        for line in proc.stderr:
            lines.append(line)
            passes = len([x for x in lines if "sources polled" in x])
            if "sources polled" in line and passes == 1:
                # between passes the watcher lets go of the store: it can be read meanwhile
                listing = run("feeds", "--db", str(db), "--json")
                assert listing.returncode == 0, listing.stderr
                assert json.loads(listing.stdout.splitlines()[0])["articles"] == 1
            if passes >= 2:
                break
            assert time.monotonic() < deadline
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert "1 coded" in lines[0] or any("1 coded" in x for x in lines)
    statuses = [s for s, _ in site.requests("/feed.xml")]
    assert statuses[0] == 200 and 304 in statuses  # polled again, conditionally
    out = run("feeds", "--db", str(db), "--json")
    assert json.loads(out.stdout.splitlines()[0])["articles"] == 1
