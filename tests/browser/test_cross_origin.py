"""Issue 19, finding 3: a page of another origin cannot write to a token-less loopback server (a
``no-cors`` fetch, a plain HTML form), while the dashboard's own "save to store" still does."""

from __future__ import annotations

import http.server
import threading
import time

import httpx
import pytest

pytestmark = pytest.mark.browser

ARTICLE = ("Chile and Peru sign a water accord\n\n"
           "The foreign ministers of Chile and Peru signed an agreement on shared rivers in Lima on Monday.")


@pytest.fixture(scope="module")
def server(chromium_path, tmp_path_factory):
    """A server of this module's own (the session's is shared by the dashboard tests, which count its
    rows): ``communique serve`` over a fresh sample store."""
    import os
    import socket
    import subprocess
    import sys

    from ..api.sample_store import build_store

    root = tmp_path_factory.mktemp("cross-origin")
    build_store(root / "s.duckdb")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = open(root / "serve.log", "w+")
    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(root / "s.duckdb"), "--port",
                             str(port), "--no-preload"], stdout=log, stderr=subprocess.STDOUT,
                            env={k: v for k, v in os.environ.items() if k != "COMMUNIQUE_API_TOKEN"})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            if httpx.get(url + "/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("communique serve did not start")
        time.sleep(0.3)
    yield {"url": url}
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def _articles(url: str) -> int:
    return httpx.get(url + "/health", timeout=30).json()["counts"]["articles"]


@pytest.fixture
def attacker(server):
    """A page served from another origin (another port on loopback: another origin, the same site) that
    posts an article to the server with ``fetch(..., {mode: "no-cors"})`` and with an HTML form."""
    target = server["url"] + "/code?store=true&merge=false"
    page = f"""<!doctype html><title>other site</title>
<iframe name="sink" style="display:none"></iframe>
<form id="f" method="POST" action="{target}" enctype="text/plain" target="sink">
<input type="hidden" name="x" value="{ARTICLE.replace(chr(10), ' ')}"></form>
<script>
fetch({target!r}, {{method: "POST", mode: "no-cors", headers: {{"content-type": "text/plain"}},
                    body: {ARTICLE!r}}})
  .then(() => {{ document.title = "fetch sent"; }}, () => {{ document.title = "fetch failed"; }})
  .finally(() => {{ document.getElementById("f").submit(); setTimeout(() => {{ document.body.dataset.done = "1"; }}, 1500); }});
</script>"""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = page.encode()
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


def test_a_page_of_another_origin_cannot_store(browser, server, attacker):
    before = _articles(server["url"])
    context = browser.new_context()
    page = context.new_page()
    refused = []
    page.on("response", lambda r: refused.append(r.status) if r.url.startswith(server["url"] + "/code") else None)
    page.goto(attacker)
    page.wait_for_selector("body[data-done='1']", state="attached", timeout=60_000)
    time.sleep(1.0)
    context.close()
    assert _articles(server["url"]) == before
    assert refused and all(s == 403 for s in refused), refused  # the requests did reach the server


def test_the_dashboard_itself_still_stores(page, server):
    before = _articles(server["url"])
    page.goto(server["url"] + "/#/code")
    page.fill("#paste", ARTICLE)
    page.check("#paste-store")
    with page.expect_response(lambda r: "/code" in r.url, timeout=300_000) as resp:
        page.click("#code-button")
    assert resp.value.status == 200, resp.value.text()
    assert resp.value.headers.get("x-communique-stored") == "true"
    assert _articles(server["url"]) == before + 1
