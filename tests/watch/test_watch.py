"""Whole passes of the watcher over a local news site, with the real coder (sync engine) and a real DuckDB
file: new items coded once, none twice, 304s used, disallowed paths never fetched, failures named in the
errors table and retried on a later pass, duplicates by URL and by text."""

from __future__ import annotations

import pytest

from communique.store import Store
from communique.watch import Source, Watcher

from .site_server import Answer, article_page


def build_site(site) -> None:
    site.set("/robots.txt", Answer(body=b"User-agent: *\nDisallow: /private/\n", type="text/plain"))
    for n in (1, 2, 8):
        site.page(f"/news/{n}", n)
    site.page("/news/7", 7)
    site.set("/moved/7", Answer(status=301, headers={"Location": "/news/7"}))
    site.page("/private/3", 3)
    site.set("/img/4.png", Answer(body=b"\x89PNG\r\n\x1a\n" + b"\0" * 100, type="image/png"))
    site.set("/flaky/6", Answer(status=500, body=b"try later"))
    site.set("/slow/9", Answer(body=article_page(9), delay=2.5))
    site.set("/huge/10", Answer(body=b"<html><body><p>" + b"word " * 60_000 + b"</p></body></html>"))
    site.set("/copy/11", Answer(body=article_page(1)))  # the text of /news/1 under another URL
    site.feed("/a.xml", [("/news/1", "Story one"), ("/news/2", "Story two"), ("/news/2?utm_source=a", "Again"),
                         ("/private/3", "Hidden"), ("/img/4.png", "A picture"), ("", "No link"),
                         ("/gone/5", "Gone"), ("/flaky/6", "Flaky")], etag='"a1"')
    site.feed("/b.xml", [("/news/2", "Story two"), ("/moved/7", "Moved"), ("/news/8", "Story eight"),
                         ("/slow/9", "Slow"), ("/huge/10", "Huge"), ("/copy/11", "Copy")], etag='"b1"', title="Desk B")
    site.set("/broken.xml", Answer(status=500, body=b"down"))


def status_of(store, base: str) -> dict[str, tuple]:
    rows = store.rows("SELECT url, status, code, attempts, article_id FROM seen_urls")
    return {r["url"].removeprefix(base): (r["status"], r["code"], r["attempts"], r["article_id"]) for r in rows}


@pytest.mark.slow
def test_passes_code_new_items_once_and_retry_failures(site, ws, db, nlp):
    build_site(site)
    sources = [Source(site.url(p)) for p in ("/a.xml", "/b.xml", "/broken.xml")]
    with Watcher(db, watch=ws, engine="sync") as w:
        r1 = w.run_pass(sources)
        assert (r1.polled, r1.feed_failures) == (3, 1)
        assert r1.coded == 4 and r1.duplicates == 1 and r1.disallowed == 1 and r1.passed == 1
        st = status_of(w.store, site.base)
        # /news/1 and /copy/11 hold the same text: whichever answered first is coded, the other is its duplicate
        coded = {u for u, s in st.items() if s[0] == "coded"}
        first, second = ("/news/1", "/copy/11") if "/news/1" in coded else ("/copy/11", "/news/1")
        assert coded == {first, "/news/2", "/moved/7", "/news/8"}
        assert st["/private/3"][0] == "disallowed" and st["/img/4.png"][0] == "not_html"
        assert st["/gone/5"][:3] == ("failed", "http_404", 1) and st["/flaky/6"][:2] == ("failed", "http_500")
        assert st["/slow/9"][:2] == ("failed", "timeout") and st["/huge/10"][:2] == ("failed", "too_large")
        assert st[second][0] == "duplicate" and st[second][3] == st[first][3]
        arts = w.store.rows("SELECT url, title, published, n_events FROM articles ORDER BY url")
        assert len(arts) == 4 and sum(a["n_events"] for a in arts) > 0
        assert {a["url"] for a in arts} >= {site.url("/news/7")}  # the page's own URL after the redirect
        assert all(a["published"] == "2024-03-05" for a in arts)
        # an item in two feeds (once with a tracking parameter) is fetched and coded once, both sources kept
        assert len(site.requests("/news/2")) == 1
        feeds = {r["feed_url"] for r in w.store.rows("SELECT feed_url FROM url_sources WHERE url = ?",
                                                      [site.url("/news/2")])}
        assert feeds == {site.url("/a.xml"), site.url("/b.xml")}
        assert site.requests("/private/3") == []
        errors = {(r["document"].removeprefix(site.base), r["code"]) for r in w.store.rows("SELECT * FROM errors")}
        assert {("/gone/5", "http_404"), ("/flaky/6", "http_500"), ("/a.xml::6", "bad_item"),
                ("/broken.xml", "http_500"), ("/slow/9", "timeout"), ("/huge/10", "too_large")} <= errors
        f = {r["url"].removeprefix(site.base): r for r in w.store.rows("SELECT * FROM feeds")}
        assert f["/a.xml"]["etag"] == '"a1"' and f["/a.xml"]["consecutive_failures"] == 0
        assert f["/b.xml"]["title"] == "Desk B" and f["/b.xml"]["items_found"] == 6
        assert f["/broken.xml"]["consecutive_failures"] == 1 and "http_500" in f["/broken.xml"]["last_error"]

        # pass 2: feeds unchanged (304), the flaky page now answers, the lost page is still lost
        site.page("/flaky/6", 6)
        n_err = len(w.store.rows("SELECT * FROM errors"))
        r2 = w.run_pass(sources)
        assert r2.not_modified == 2 and r2.coded == 1
        assert [s for s, _ in site.requests("/a.xml")] == [200, 304]
        assert site.requests("/a.xml")[1][1]["if-none-match"] == '"a1"'
        st = status_of(w.store, site.base)
        assert st["/flaky/6"][0] == "coded" and st["/gone/5"][:3] == ("failed", "http_404", 2)
        for path in ("/news/1", "/news/2", "/news/8", "/copy/11", "/img/4.png"):
            assert len(site.requests(path)) == 1, path  # nothing settled is fetched again
        assert len(w.store.rows("SELECT * FROM errors")) == n_err  # the same failure is not doubled
        assert w.store.rows("SELECT consecutive_failures AS n FROM feeds WHERE url = ?",
                            [site.url("/broken.xml")])[0]["n"] == 2

        # pass 3: feed A changes: only its new item is fetched
        site.page("/news/12", 12)
        site.feed("/a.xml", [("/news/12", "Twelve"), ("/news/1", "Story one")], etag='"a2"')
        r3 = w.run_pass(sources)
        assert r3.coded == 1 and len(site.requests("/news/12")) == 1 and len(site.requests("/news/1")) == 1
        counts = w.store.counts()
    assert counts["articles"] == 6
    with Store(db, read_only=True) as store:
        ids = [r["id"] for r in store.rows("SELECT id FROM articles")]
        assert len(ids) == len(set(ids))
        assert store.rows("SELECT count(*) AS n FROM seen_urls WHERE status = 'coded'")[0]["n"] == 6


def test_single_page_source_and_not_a_feed(site, ws, db, nlp):
    site.page("/story", 5)
    site.set("/data.json", Answer(body=b'{"hello": 1}', type="application/json"))
    with Watcher(db, watch=ws, engine="sync") as w:
        r = w.run_pass([Source(site.url("/story")), Source(site.url("/data.json"))])
        assert r.coded == 1 and r.feed_failures == 1
        f = {x["url"]: x for x in w.store.rows("SELECT url, kind, last_error FROM feeds")}
        assert f[site.url("/story")]["kind"] == "page"
        assert f[site.url("/data.json")]["last_error"].startswith("not_a_feed")
        assert len(site.requests("/story")) == 1  # the page given as a source is not fetched twice


def test_failing_source_backs_off_and_never_stops_the_others(site, ws, db):
    import datetime as dt

    site.set("/down.xml", Answer(status=502, body=b"bad gateway"))
    site.feed("/up.xml", [("/img/1.png", "A picture")], etag='"u"')
    site.set("/img/1.png", Answer(body=b"\x89PNG", type="image/png"))
    slow = ws.model_copy(update={"interval": 60.0, "max_backoff": 100.0})
    down, up = Source(site.url("/down.xml")), Source(site.url("/up.xml"))
    with Watcher(db, watch=slow, engine="sync") as w:
        r = w.run_pass([down, up])
        assert r.feed_failures == 1 and r.polled == 2 and r.passed == 1
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        assert w.due([down, up], now=now) == []  # both wait for their next poll
        assert w.due([down, up], now=now, once=True) == [up]  # cron: all but the failing one in its backoff
        assert w.due([down, up], now=now + dt.timedelta(seconds=61)) == [down, up]
        w.run_pass([down])
        row = w.store.rows("SELECT consecutive_failures AS n, next_poll, last_poll FROM feeds WHERE url = ?", [down.url])[0]
        assert row["n"] == 2 and (row["next_poll"] - row["last_poll"]).total_seconds() == pytest.approx(100.0)
        assert len(site.requests("/down.xml")) == 2 * (1 + slow.retries)  # 5xx retried within each poll
