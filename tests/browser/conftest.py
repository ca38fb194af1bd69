"""Browser fixtures: a real ``communique serve`` (uvicorn) on a free loopback port over a real DuckDB store,
and Debian's chromium driven by Playwright. Everything skips when chromium or Playwright is absent."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from ..api.sample_store import build_store  # the same hand-made records as the API tests

CHROMIUM = os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    pytest.importorskip("playwright.sync_api")
    pytest.importorskip("fastapi")
    pytest.importorskip("uvicorn")
    path = CHROMIUM if Path(CHROMIUM).is_file() else shutil.which("chromium")
    if not path:
        pytest.skip("Debian's chromium is not installed (scripts/test.sh installs it)")
    return path


def _serve(db: Path, root: Path, *, preload: bool, read_only: bool = False):
    """Start ``communique serve`` over ``db``; return (process, url, log file)."""
    port = _free_port()
    log = open(root / "serve.log", "w+")
    cmd = [sys.executable, "-m", "communique", "serve", "--db", str(db), "--port", str(port)]
    cmd += ["--preload"] if preload else []
    cmd += ["--read-only"] if read_only else []
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT,
                            env={k: v for k, v in os.environ.items() if k != "COMMUNIQUE_API_TOKEN"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        if proc.poll() is not None:
            log.seek(0)
            pytest.fail(f"communique serve exited with {proc.returncode}:\n{log.read()}")
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("communique serve did not answer within 120 s")
        time.sleep(0.3)
    return proc, url, log


def _stop(proc, log) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="session")
def server(chromium_path, tmp_path_factory):
    """``communique serve`` as a subprocess; yields {"url", "db", "records"}."""
    root = tmp_path_factory.mktemp("browser-store")
    db = root / "dashboard.duckdb"
    built = build_store(db)
    proc, url, log = _serve(db, root, preload=True)
    # warm the coder up (lazily loaded knowledge) so the first pasted article is not the slow one
    httpx.post(url + "/code", content=b"Warm-up\n\nFrance and Germany held talks in Paris on Monday.",
               headers={"content-type": "text/plain"}, timeout=300)
    log.seek(0)
    banner = log.read()
    yield {"url": url, "db": db, "records": built["records"], "banner": banner}
    _stop(proc, log)


@pytest.fixture(scope="session")
def corpus_server(chromium_path, tmp_path_factory):
    """A read-only server over a store of many hand-made events (corpus_store.py): more than a thousand
    located events, years of dates with a long gap, non-state actors. Yields {"url", "db", "facts"}."""
    from .corpus_store import build_corpus_store

    root = tmp_path_factory.mktemp("browser-corpus")
    db = root / "corpus.duckdb"
    facts = build_corpus_store(db)
    proc, url, log = _serve(db, root, preload=False, read_only=True)
    yield {"url": url, "db": db, "facts": facts}
    _stop(proc, log)


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _checked_page(browser, base_url: str):
    """A fresh page; at teardown, no script error happened and nothing was fetched from elsewhere."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    pg = context.new_page()
    errors: list[str] = []
    foreign: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("request", lambda req: None if req.url.startswith((base_url, "data:", "blob:")) else foreign.append(req.url))
    pg.set_default_timeout(30_000)
    yield pg
    context.close()
    assert not errors, f"script errors: {errors}"
    assert not foreign, f"the dashboard fetched from elsewhere: {foreign}"


@pytest.fixture
def page(browser, server):
    """A fresh page over the sample store's server (see :func:`_checked_page`)."""
    yield from _checked_page(browser, server["url"])


@pytest.fixture
def cpage(browser, corpus_server):
    """A fresh page over the many-events store's server (see :func:`_checked_page`)."""
    yield from _checked_page(browser, corpus_server["url"])


@pytest.fixture(scope="session")
def shots(output_dir) -> Path:
    d = output_dir / "screenshots"
    d.mkdir(parents=True, exist_ok=True)
    return d
