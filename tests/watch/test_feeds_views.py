"""The watched sources as the user sees them: ``communique feeds``, ``GET /feeds`` and the dashboard's
"sources" panel (real server, real chromium)."""

from __future__ import annotations

import concurrent.futures
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from communique.watch import Source, Watcher

from .site_server import Answer


@pytest.fixture
def watched_db(site, ws, db, nlp) -> Path:
    """A store after one pass over a good feed (two stories) and a failing one."""
    site.page("/news/1", 21)
    site.page("/news/2", 22)
    site.feed("/good.xml", [("/news/1", "One"), ("/news/2", "Two")], etag='"g"', title="Good desk")
    site.set("/bad.xml", Answer(status=503, body=b"down"))
    with Watcher(db, watch=ws, engine="sync") as w:
        r = w.run_pass([Source(site.url("/good.xml")), Source(site.url("/bad.xml"))])
    assert r.coded == 2 and r.feed_failures == 1
    return db


def test_feeds_command(watched_db, site):
    out = subprocess.run([sys.executable, "-m", "communique", "feeds", "--db", str(watched_db)], capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    good = next(ln for ln in lines if ln.endswith(site.url("/good.xml")))
    bad = next(ln for ln in lines if ln.endswith(site.url("/bad.xml")))
    assert good.split()[0] == "ok" and good.split()[-2] == "0" and " 2 " in good
    assert bad.split()[0] == "failing" and "last error: http_503" in out.stdout


def test_get_feeds(watched_db, site):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from communique.api import create_app

    with TestClient(create_app(db=watched_db, read_only=True), base_url="http://127.0.0.1") as client:
        res = client.get("/feeds")
    assert res.status_code == 200
    body = res.json()
    by_url = {f["url"]: f for f in body["items"]}
    good, bad = by_url[site.url("/good.xml")], by_url[site.url("/bad.xml")]
    assert body["total"] == 2 and body["failing"] == 1 and body["last_read"].endswith("Z")
    assert good["status"] == "ok" and good["articles"] == 2 and good["items_found"] == 2 and good["title"] == "Good desk"
    assert bad["status"] == "failing" and bad["consecutive_failures"] == 1 and bad["last_error"].startswith("http_503")
    assert "etag" not in good  # validators stay private


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.browser
def test_dashboard_sources_panel(watched_db, site, tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    pytest.importorskip("uvicorn")
    chromium = os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).is_file():
        chromium = shutil.which("chromium") or ""
    if not chromium:
        pytest.skip("chromium is not installed")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(watched_db), "--port", str(port)],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            assert proc.poll() is None, "communique serve exited"
            try:
                if httpx.get(url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "communique serve did not answer"
            time.sleep(0.3)
        def drive() -> None:
            with sync_api.sync_playwright() as p:
                browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
                page = browser.new_page()
                errors: list[str] = []
                page.on("pageerror", lambda exc: errors.append(str(exc)))
                page.goto(url + "/#/articles")
                panel = page.locator("#sources-panel")
                sync_api.expect(panel).to_be_visible(timeout=30_000)
                sync_api.expect(panel.locator("summary")).to_contain_text("Sources: 2, last read")
                sync_api.expect(panel.locator("summary")).to_contain_text("1 failing")
                panel.locator("summary").click()
                good = panel.locator(f'tr[data-url="{site.url("/good.xml")}"]')
                sync_api.expect(good).to_contain_text("Good desk")
                sync_api.expect(good).to_contain_text("s ago")
                sync_api.expect(panel.locator(f'tr[data-url="{site.url("/bad.xml")}"]')).to_contain_text("failing ×1")
                out = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
                out.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(out / "watch-sources-panel.png"))
                browser.close()
                assert not errors, errors

        # a thread of its own: the browser tests' session keeps Playwright's loop running in this thread
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pool.submit(drive).result()
    finally:
        proc.terminate()
        proc.wait(timeout=15)
        log.close()
