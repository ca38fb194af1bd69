"""The fetcher against a real local HTTP server: conditional GET, redirects, robots.txt, retries, limits,
refused addresses, and the WARC of every response."""

from __future__ import annotations

import asyncio
import concurrent.futures

from communique.watch import Fetcher, WarcSink

from .site_server import Answer, article_page


def fetch(ws, *calls, warc=None):
    async def run():
        async with Fetcher(ws, warc=warc) as f:
            return [await f.get(url, **kw) for url, kw in calls], f.requests

    # a thread of its own: the browser tests' Playwright keeps an event loop running in the main thread
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


def test_etag_and_last_modified_give_304(site, ws):
    site.set("/f.xml", Answer(body=b"<rss/>", etag='"v1"'))
    site.set("/g.xml", Answer(body=b"<rss/>", last_modified="Tue, 05 Mar 2024 10:00:00 GMT"))
    (a, b, c, d), _ = fetch(ws, (site.url("/f.xml"), {}), (site.url("/f.xml"), {"etag": '"v1"'}),
                            (site.url("/g.xml"), {"last_modified": "Tue, 05 Mar 2024 10:00:00 GMT"}),
                            (site.url("/f.xml"), {"etag": '"v0"'}))
    assert a.ok and a.status == 200 and a.headers["etag"] == '"v1"' and a.body == b"<rss/>"
    assert b.ok and b.not_modified and b.body == b""
    assert c.not_modified
    assert d.status == 200
    assert site.requests("/f.xml")[1][1]["if-none-match"] == '"v1"'


def test_redirects_followed_and_limited(site, ws):
    site.set("/old", Answer(status=301, headers={"Location": "/new"}))
    site.page("/new", 1)
    for i in range(8):
        site.set(f"/loop{i}", Answer(status=302, headers={"Location": f"/loop{i + 1}"}))
    (ok, loop), _ = fetch(ws, (site.url("/old"), {}), (site.url("/loop0"), {}))
    assert ok.ok and ok.final_url == site.url("/new") and ok.redirects == 1
    assert loop.error == "too_many_redirects"
    assert len(site.requests("/loop6")) == 0  # stopped after max_redirects (5)


def test_robots_disallowed_path_never_fetched(site, ws):
    site.set("/robots.txt", Answer(body=b"User-agent: *\nDisallow: /private/\n", type="text/plain"))
    site.page("/private/1", 1)
    site.page("/public/1", 2)
    (bad, good), _ = fetch(ws, (site.url("/private/1"), {}), (site.url("/public/1"), {}))
    assert bad.error == "disallowed" and good.ok
    assert site.requests("/private/1") == []
    assert len(site.requests("/robots.txt")) == 1  # read once per site
    assert site.requests("/public/1")[0][1]["user-agent"] == ws.user_agent


def test_robots_5xx_means_nothing_fetched(site, ws):
    site.set("/robots.txt", Answer(status=503, body=b"down"))
    site.page("/a", 1)
    (got,), _ = fetch(ws, (site.url("/a"), {}))
    assert got.error == "robots_unavailable" and site.requests("/a") == []


def test_retries_for_5xx_and_timeouts_only(site, ws):
    site.set("/500", Answer(status=500, body=b"oops"))
    site.set("/404", Answer(status=404, body=b"gone"))
    site.set("/slow", Answer(body=article_page(3), delay=2.5))
    (e500, e404, slow), _ = fetch(ws, (site.url("/500"), {}), (site.url("/404"), {}), (site.url("/slow"), {}))
    assert e500.error == "http_500" and len(site.requests("/500")) == 1 + ws.retries
    assert e404.error == "http_404" and len(site.requests("/404")) == 1
    assert slow.error == "timeout"


def test_size_limits(site, ws):
    site.set("/huge", Answer(body=b"<p>" + b"x" * 300_000 + b"</p>"))
    # a body that announces nothing and inflates past the limit (gzip) is cut while reading
    site.set("/bomb", Answer(body=b"<p>" + b"y" * 400_000 + b"</p>", gzip=True))
    (huge, bomb), _ = fetch(ws, (site.url("/huge"), {}), (site.url("/bomb"), {}))
    assert huge.error == "too_large" and bomb.error == "too_large"


def test_schemes_and_addresses(site, ws):
    site.page("/a", 1)
    strict = ws.model_copy(update={"allow_loopback": False})
    (refused,), _ = fetch(strict, (site.url("/a"), {}))
    assert refused.error == "address_refused" and "loopback" in refused.message
    assert site.requests("/a") == []
    (ftp, local), _ = fetch(ws, ("ftp://127.0.0.1/x", {}), ("file:///etc/passwd", {}))
    assert ftp.error == local.error == "bad_scheme"
    # a redirect to a refused address is refused too
    site.set("/to-private", Answer(status=302, headers={"Location": "http://10.0.0.1/x"}))
    (hop,), _ = fetch(ws, (site.url("/to-private"), {}))
    assert hop.error == "address_refused"


def test_warc_keeps_every_response_and_reads_back(site, ws, tmp_path):
    from communique.ingest import read_paths

    site.page("/story", 4)
    site.set("/missing", Answer(status=404, body=b"no"))
    sink = WarcSink(tmp_path / "warc")
    fetch(ws, (site.url("/story"), {}), (site.url("/missing"), {}), warc=sink)
    sink.close()
    assert sink.records == 3  # robots.txt (404), the story, the missing page
    docs = [d for d in read_paths([sink.path]) if not getattr(d, "skipped", False)]
    arts = [d for d in docs if hasattr(d, "text")]
    assert len(arts) == 1 and arts[0].url == site.url("/story") and "story number 4" in arts[0].text
