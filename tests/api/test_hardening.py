"""Issue 19: one request must not take the server down, no page may write to it. Each test runs against
a real ``communique serve`` (uvicorn) on a free loopback port over a real DuckDB store, and fails on the
code before the issue (c5cfa7b)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

SHORT = ("Chile and Peru agree on border crossing\n\n"
         "The foreign ministers of Chile and Peru met in Lima on Monday and agreed to reopen a border crossing.")
SENTENCES = [
    "The foreign ministers of Chile and Peru met in Lima on Monday to discuss a new trade agreement.",
    "Chile's foreign minister said the talks had been constructive and would continue next month.",
    "Peru proposed a joint commission on water rights along the border, officials said.",
    "Both governments agreed to reopen a border crossing that had been closed for repairs.",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class Server:
    def __init__(self, db: Path, *, env: dict[str, str] | None = None, preload: bool = False) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.db = db
        self.log = open(db.parent / f"serve-{self.port}.log", "w+")
        environ = {k: v for k, v in os.environ.items() if k != "COMMUNIQUE_API_TOKEN"}
        environ.update(env or {})
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "communique", "serve", "--db", str(db), "--port", str(self.port),
             "--preload" if preload else "--no-preload"],
            stdout=self.log, stderr=subprocess.STDOUT, env=environ,
        )
        deadline = time.monotonic() + 180
        while True:
            if self.proc.poll() is not None:
                self.log.seek(0)
                pytest.fail(f"communique serve exited: {self.log.read()}")
            try:
                if httpx.get(self.url + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                self.stop()
                pytest.fail("communique serve did not answer")
            time.sleep(0.2)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()

    def articles(self) -> int:
        return httpx.get(self.url + "/health", timeout=10).json()["counts"]["articles"]


@pytest.fixture(scope="module")
def server(sample_db_master, tmp_path_factory):
    root = tmp_path_factory.mktemp("harden-server")
    db = root / "store.duckdb"
    shutil.copy(sample_db_master, db)
    srv = Server(db, env={"COMMUNIQUE_HEADER_TIMEOUT": "2", "COMMUNIQUE_KEEP_ALIVE_TIMEOUT": "2"})
    yield srv
    srv.stop()


def _error(r: httpx.Response, status: int, code: str) -> str:
    assert r.status_code == status, (r.status_code, r.text)
    body = r.json()
    assert body["error"]["code"] == code, body
    return body["error"]["message"]


# ------------------------------------------------------------------ finding 1: one GET exhausts memory


@pytest.mark.parametrize("query", [
    "start=0002-01-01&end=9998-12-31&freq=day",
    "start=1000&end=2999&freq=day",
    "start=1000-01-01&end=2999-12-31&freq=week",
])
def test_a_dyad_series_over_millennia_is_refused_at_once_and_memory_stays_small(server, query):
    before = _rss(server.proc.pid)
    t0 = time.monotonic()
    r = httpx.get(f"{server.url}/dyads/CHN/RUS?{query}", timeout=30)
    took = time.monotonic() - t0
    assert r.status_code == 422, r.text[:300]
    assert r.json()["error"]["code"] == "invalid_request"
    assert took < 2.0
    assert _rss(server.proc.pid) < max(1.5 * 2**30, before + 200 * 2**20)
    # the store is free: another request is answered at once
    t0 = time.monotonic()
    assert httpx.get(server.url + "/events?limit=5", timeout=30).status_code == 200
    assert time.monotonic() - t0 < 2.0


def test_a_dyad_series_within_bounds_still_answers(server):
    r = httpx.get(f"{server.url}/dyads/CHN/RUS?start=2023-01-01&end=2024-12-31&freq=day", timeout=30)
    assert r.status_code == 200, r.text
    series = r.json()["series"]
    # periods only over the span with data (a run of empty periods is one gap row), all inside the window
    assert 1 <= len(series) <= 731
    assert all("2023-01-01" <= row["period"] <= "2024-12-31" for row in series)


def test_a_slow_query_is_interrupted_and_frees_the_store(tmp_path):
    """The statement timeout: a read running past query_timeout is stopped (503 query_timeout)."""
    import duckdb

    from communique.api.app import run_with_timeout
    from communique.api.errors import QueryTimeout

    con = duckdb.connect(str(tmp_path / "t.duckdb"))

    class S:
        pass

    store = S()
    store.con = con
    t0 = time.monotonic()
    with pytest.raises(QueryTimeout):
        run_with_timeout(store, 0.5, lambda: con.execute(
            "SELECT count(*) FROM range(100000000000) a WHERE a.range % 7 = 3").fetchall())
    assert time.monotonic() - t0 < 5
    assert run_with_timeout(store, 5, lambda: con.execute("SELECT 42").fetchone()) == (42,)


# ------------------------------------------------------------------ finding 2: 500s that leak SQL


@pytest.mark.parametrize("path", ["/events", "/actors", "/articles", "/errors"])
def test_an_offset_beyond_int64_is_a_422_and_the_connection_stays_open(server, path):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        r = client.get(path, params={"offset": "99999999999999999999"})
        message = _error(r, 422, "invalid_request")
        assert "SELECT" not in message and "Conversion" not in message
        # the same keep-alive connection serves the next request
        assert client.get(path, params={"limit": 1}).status_code == 200


@pytest.mark.parametrize("url", [
    "/dyads/CHN/RUS?start=0001-01-01&freq=week",
    "/dyads/CHN/RUS?start=0001-01-01&end=0001-12-31&freq=week",
    "/events?start=0001-01-01",
    "/network?end=0001-01-01",
])
def test_a_date_in_year_one_is_a_422(server, url):
    _error(httpx.get(server.url + url, timeout=30), 422, "invalid_request")


def test_code_with_a_year_one_publication_date_is_a_422(server):
    r = httpx.post(server.url + "/code?published=0001-01-01", content=SHORT.encode() + b" It happened a week ago.",
                   headers={"content-type": "text/plain"}, timeout=120)
    _error(r, 422, "invalid_request")


def test_a_500_carries_no_sql_nor_python_message(tmp_path, sample_db, make_client):
    """Whatever fails inside (here a real DuckDB error), the answer is the stable shape, no detail."""
    import duckdb

    client = make_client(sample_db)

    def broken():
        duckdb.connect().execute("SELECT CAST('x' AS INTEGER) FROM secret_table_name")

    client.app.add_api_route("/broken", broken)
    r = client.get("/broken")
    message = _error(r, 500, "internal_error")
    assert "secret_table_name" not in message and "CAST" not in message and "Error" not in message


# ------------------------------------------------------------------ finding 3: CSRF and DNS rebinding


def test_a_foreign_host_is_refused_for_reads_and_writes(server):
    n = server.articles()
    r = httpx.get(server.url + "/events?limit=1", headers={"Host": "evil.example"}, timeout=30)
    _error(r, 400, "host_not_allowed")
    r = httpx.post(server.url + "/code?store=true", content=SHORT.encode(),
                   headers={"Host": f"evil.example:{server.port}", "content-type": "text/plain"}, timeout=120)
    _error(r, 400, "host_not_allowed")
    assert server.articles() == n
    for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}", "localhost"):
        assert httpx.get(server.url + "/health", headers={"Host": host}, timeout=30).status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "no-cors"},
    {"Sec-Fetch-Site": "same-site"},
    {"Sec-Fetch-Mode": "no-cors"},
])
def test_a_cross_origin_write_is_refused(server, headers):
    n = server.articles()
    r = httpx.post(server.url + "/code?store=true", content=SHORT.encode(),
                   headers={**headers, "content-type": "text/plain"}, timeout=120)
    _error(r, 403, "cross_origin")
    assert server.articles() == n


def test_a_same_origin_write_is_served(server):
    """The dashboard's own requests (Origin and Sec-Fetch-Site of the server) and clients that are not
    browsers (neither header) still write."""
    n = server.articles()
    r = httpx.post(server.url + "/code?store=true&merge=false", content=SHORT.encode(),
                   headers={"Origin": server.url, "Sec-Fetch-Site": "same-origin", "Sec-Fetch-Mode": "cors",
                            "content-type": "text/plain"}, timeout=300)
    assert r.status_code == 200, r.text
    assert server.articles() == n + 1


# ------------------------------------------------------------------ finding 6: timeouts, the /code pool


def test_half_open_connections_are_closed_after_the_header_timeout(server):
    socks = []
    try:
        for _ in range(40):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=10)
            s.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")  # headers never finished
            socks.append(s)
        time.sleep(4.5)  # header timeout 2 s (COMMUNIQUE_HEADER_TIMEOUT) and slack
        closed = 0
        for s in socks:
            s.settimeout(3)
            try:
                closed += s.recv(1) == b""
            except (TimeoutError, OSError):
                pass
        assert closed == len(socks)
    finally:
        for s in socks:
            s.close()
    assert httpx.get(server.url + "/health", timeout=30).status_code == 200


def test_a_long_article_does_not_stall_a_short_one(tmp_path, sample_db_master):
    """POST /code codes on a small pool of pipelines: a short article sent while a long one is being coded
    does not wait for it."""
    db = tmp_path / "pool.duckdb"
    shutil.copy(sample_db_master, db)
    srv = Server(db, preload=True, env={"COMMUNIQUE_CODE_WORKERS": "2"})
    try:
        # a second pipeline is built on first need: make it exist before timing
        warm = [threading.Thread(target=httpx.post, args=(srv.url + "/code",),
                                 kwargs={"content": SHORT.encode(), "headers": {"content-type": "text/plain"},
                                         "timeout": 300}) for _ in range(2)]
        for t in warm:
            t.start()
        for t in warm:
            t.join()
        paras = [f"Round {i}. " + " ".join(SENTENCES) for i in range(500)]
        long_text = "Chile and Peru hold a long series of talks\n\n" + "\n\n".join(paras)
        done: dict[str, float] = {}

        def post(name: str, text: str) -> None:
            r = httpx.post(srv.url + "/code", content=text.encode(), headers={"content-type": "text/plain"},
                           timeout=600)
            assert r.status_code == 200, r.text[:300]
            done[name] = time.monotonic()

        long_thread = threading.Thread(target=post, args=("long", long_text))
        long_start = time.monotonic()
        long_thread.start()
        time.sleep(4.0)  # the long article is read (about 0.5 s) and is being coded (about 10 s)
        t0 = time.monotonic()
        post("short", SHORT)
        short_took = time.monotonic() - t0
        long_thread.join()
        long_took = done["long"] - long_start
        # on one pipeline behind one lock the short article waited for the long one (0.8 of its time)
        assert short_took < 0.4 * long_took, (short_took, long_took)
    finally:
        srv.stop()


def test_a_javascript_url_is_not_kept(server):
    r = httpx.post(server.url + "/code", json={"text": SHORT, "url": "javascript:alert(document.cookie)"},
                   timeout=300)
    assert r.status_code == 200, r.text
    art = r.json()["article"]
    assert art["url"] is None
    assert any("url: dropped" in w for w in r.json()["warnings"])
    r = httpx.post(server.url + "/code", json={"text": SHORT, "url": "https://news.example/a/1"}, timeout=300)
    assert r.json()["article"]["url"] == "https://news.example/a/1"


def test_the_pool_codes_long_articles_on_their_own_lane():
    """A long article takes the long lane's pipeline; short ones keep the short lane's, even while every
    long-lane pipeline is busy."""
    from communique.api.app import PipelinePool

    built = []

    def build() -> object:
        built.append(object())
        return built[-1]

    first = object()
    pool = PipelinePool(first, size=2, long_chars=1000, build=build)
    long_nlp = pool.take(5000)
    assert long_nlp is built[0] and long_nlp is not first
    assert pool.take(10) is first  # not blocked by the long article
    pool.give(first, 10)
    pool.give(long_nlp, 5000)
    assert pool.take(5000) is long_nlp and len(built) == 1
    one = PipelinePool(first, size=1, long_chars=1000, build=build)
    assert one.take(5000) is first  # one pipeline: both lanes share it
