"""Sources files, OPML, listings (RSS, Atom, JSON Feed, news sitemaps) and canonical URLs: no network."""

from __future__ import annotations

import pytest

from communique.errors import ConfigError
from communique.watch import ListingError, canonical, load_sources, parse_listing
from communique.watch.urls import refused_address


def test_canonical_url_drops_tracking_fragment_and_default_port():
    a = canonical("HTTPS://News.Example.org:443/world/story?id=7&utm_source=rss&utm_medium=feed#top")
    assert a == "https://news.example.org/world/story?id=7"
    assert canonical("http://example.org") == "http://example.org/"
    assert canonical("http://example.org:8080/a?fbclid=x") == "http://example.org:8080/a"
    assert canonical("http://example.org/a?b=1&c=2") != canonical("http://example.org/a?b=1")


def test_addresses_refused_unless_allowed():
    assert refused_address("10.1.2.3", allow_private=False, allow_loopback=False) == "a private address"
    assert refused_address("169.254.169.254", allow_private=False, allow_loopback=False) == "a link-local address"
    assert refused_address("127.0.0.1", allow_private=False, allow_loopback=False) == "a loopback address"
    assert refused_address("::ffff:192.168.1.1", allow_private=False, allow_loopback=False) == "a private address"
    assert refused_address("127.0.0.1", allow_private=False, allow_loopback=True) is None
    assert refused_address("10.1.2.3", allow_private=False, allow_loopback=True) == "a private address"
    assert refused_address("10.1.2.3", allow_private=True, allow_loopback=False) is None
    assert refused_address("93.184.216.34", allow_private=False, allow_loopback=False) is None


def test_sources_file_and_opml(tmp_path):
    lst = tmp_path / "feeds.txt"
    lst.write_text("# my feeds\nhttps://a.example/rss.xml World desk\n\nhttps://b.example/sitemap.xml\n"
                   "https://a.example/rss.xml#again\n")
    opml = tmp_path / "subs.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
                    '<outline text="News"><outline text="C desk" type="rss" xmlUrl="https://c.example/feed"/>'
                    '</outline></body></opml>')
    got = load_sources([lst, opml, "https://d.example/atom"])
    assert [s.url for s in got] == ["https://a.example/rss.xml", "https://b.example/sitemap.xml",
                                    "https://c.example/feed", "https://d.example/atom"]
    assert got[0].title == "World desk" and got[2].title == "C desk"
    bad = tmp_path / "bad.txt"
    bad.write_text("ftp://x.example/feed\n")
    with pytest.raises(ConfigError, match="not an http"):
        load_sources([bad])


def test_rss_items_malformed_item_named():
    body = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>'
            b"<item><title>One</title><link>https://x.example/1?utm_campaign=a</link>"
            b"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>"
            b"<item><title>No link at all</title></item>"
            b"<item><title>Relative</title><link>/3</link></item>"
            b"<item><title>Mail</title><link>mailto:desk@x.example</link></item></channel></rss>")
    got = parse_listing(body, url="https://x.example/feed.xml")
    assert got.kind == "rss" and got.title == "Desk"
    assert [i.url for i in got.items] == ["https://x.example/1", "https://x.example/3"]
    assert got.items[0].published == "2024-03-05" and got.items[0].title == "One"
    assert [(p.document, p.code) for p in got.problems] == [("https://x.example/feed.xml::2", "bad_item"),
                                                            ("https://x.example/feed.xml::4", "bad_item")]


def test_atom_json_feed_and_sitemaps():
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
            b'<entry><title>E</title><link href="https://x.example/e"/><id>tag:x,1</id>'
            b"<updated>2024-03-01T00:00:00Z</updated></entry></feed>")
    assert [i.url for i in parse_listing(atom, url="https://x.example/atom").items] == ["https://x.example/e"]
    js = b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": [{"id": "1", "url": "https://x.example/j", "date_published": "2024-02-02T10:00:00Z"}, 5]}'
    got = parse_listing(js, url="https://x.example/feed.json")
    assert got.kind == "jsonfeed" and got.items[0].published == "2024-02-02"
    assert [p.code for p in got.problems] == ["bad_item"]
    news = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            b'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>https://x.example/n1</loc>'
            b"<news:news><news:publication_date>2024-03-04T08:00:00Z</news:publication_date>"
            b"<news:title>Talks</news:title></news:news></url></urlset>")
    got = parse_listing(news, url="https://x.example/news.xml")
    assert got.kind == "sitemap" and got.items[0].title == "Talks" and got.items[0].published == "2024-03-04"
    index = (b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
             b"<sitemap><loc>https://x.example/s1.xml</loc></sitemap></sitemapindex>")
    assert parse_listing(index, url="https://x.example/index.xml").children == ["https://x.example/s1.xml"]


def test_not_a_listing_and_broken_feeds():
    with pytest.raises(ListingError) as e:
        parse_listing(b"<!doctype html><html><body><p>hello</p></body></html>", url="https://x.example/")
    assert e.value.code == "not_a_feed"
    with pytest.raises(ListingError) as e:
        parse_listing(b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>',
                      url="https://x.example/f")
    assert e.value.code == "empty_feed"
    with pytest.raises(ListingError) as e:
        parse_listing(b'{"items": [', url="https://x.example/f.json")
    assert e.value.code == "broken_feed"


def test_state_rows_share_the_transaction_of_their_articles(tmp_path):
    from communique.records import DocError
    from communique.store import Store
    from communique.watch.state import Pending, SeenRow, write_pending

    def broken(con):
        write_pending(con, Pending(seen={"https://x.example/1": SeenRow("https://x.example/1", "coded")}))
        raise RuntimeError("killed half-way")

    with Store(tmp_path / "s.duckdb") as store:
        assert store.version >= 5
        with pytest.raises(RuntimeError):
            store.write_batch([], [DocError(document="https://x.example/2", code="http_404", message="gone")],
                              also=broken)
        assert store.rows("SELECT count(*) AS n FROM errors")[0]["n"] == 0
        assert store.rows("SELECT count(*) AS n FROM seen_urls")[0]["n"] == 0
        p = Pending(seen={"https://x.example/1": SeenRow("https://x.example/1", "failed", code="timeout", attempts=1)})
        p.sources[("https://x.example/1", "https://x.example/feed")] = ("One", "2024-03-05")
        store.write_batch([], [], also=lambda con: write_pending(con, p))
        p.seen["https://x.example/1"] = SeenRow("https://x.example/1", "coded", article_id="sha256:x", attempts=2)
        store.write_batch([], [], also=lambda con: write_pending(con, p))  # an upsert: one row per URL, one source row
        rows = store.rows("SELECT url, status, attempts, article_id FROM seen_urls")
        assert rows == [{"url": "https://x.example/1", "status": "coded", "attempts": 2, "article_id": "sha256:x"}]
        assert store.rows("SELECT count(*) AS n FROM url_sources")[0]["n"] == 1
