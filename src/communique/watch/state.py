"""The watcher's state in the store (schema v6): ``feeds``, ``seen_urls`` and ``url_sources``.

Rows are gathered in a :class:`Pending` and written by :func:`write_pending` inside the store's
transaction that writes the articles they belong to (``Store.write_batch(..., also=...)``), so a killed
watcher never has a URL marked seen whose article is missing, nor an article whose URL is not marked.

``seen_urls.status`` (stable): ``coded`` (its article is stored), ``duplicate`` (same text as a stored
article, ``article_id``), ``not_html`` (a link to something other than a page), ``disallowed``
(robots.txt), ``rejected`` (read but not coded: no text, wrong language, too long...), ``failed`` (the
fetch failed: tried again on later passes), ``gave_up`` (failed ``max_attempts`` times).
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

import duckdb

log = logging.getLogger(__name__)

#: statuses after which a URL is never fetched again
FINAL = frozenset({"coded", "duplicate", "not_html", "disallowed", "rejected", "gave_up"})

_FEED_COLS = ("url", "kind", "title", "etag", "last_modified", "last_poll", "last_ok", "last_status", "items_found",
              "new_items", "polls", "not_modified", "consecutive_failures", "next_poll", "last_error")
_SEEN_COLS = ("url", "status", "article_id", "final_url", "code", "attempts")


@dataclass(slots=True)
class FeedRow:
    url: str
    kind: str | None = None
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    last_poll: dt.datetime | None = None
    last_ok: dt.datetime | None = None
    last_status: int | None = None
    items_found: int | None = None
    new_items: int | None = None
    polls: int = 0
    not_modified: int = 0
    consecutive_failures: int = 0
    next_poll: dt.datetime | None = None
    last_error: str | None = None

    def values(self) -> list[Any]:
        return [getattr(self, c) for c in _FEED_COLS]


@dataclass(slots=True)
class SeenRow:
    url: str
    status: str
    article_id: str | None = None
    final_url: str | None = None
    code: str | None = None
    attempts: int = 0


@dataclass(slots=True)
class Pending:
    """Rows waiting for the next transaction."""

    seen: dict[str, SeenRow] = field(default_factory=dict)
    sources: dict[tuple[str, str], tuple[str | None, str | None]] = field(default_factory=dict)
    feeds: dict[str, FeedRow] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.seen or self.sources or self.feeds)

    def take(self) -> Pending:
        out = Pending(self.seen, self.sources, self.feeds)
        self.seen, self.sources, self.feeds = {}, {}, {}
        return out


@dataclass(slots=True)
class Snapshot:
    """What a pass starts from: every feed's row, the URLs done for good, and the failed ones' attempts."""

    feeds: dict[str, FeedRow]
    final: set[str]
    failed: dict[str, int]
    retry: list[Any] = field(default_factory=list)  # Items of the failed URLs, to fetch again


def load_feeds(con: duckdb.DuckDBPyConnection) -> dict[str, FeedRow]:
    feeds = {}
    for row in con.execute(f"SELECT {', '.join(_FEED_COLS)} FROM feeds").fetchall():
        f = FeedRow(**dict(zip(_FEED_COLS, row, strict=True)))
        feeds[f.url] = f
    return feeds


def load(con: duckdb.DuckDBPyConnection) -> Snapshot:
    feeds = load_feeds(con)
    final: set[str] = set()
    failed: dict[str, int] = {}
    for url, status, attempts in con.execute("SELECT url, status, attempts FROM seen_urls").fetchall():
        if status in FINAL:
            final.add(url)
        else:
            failed[url] = int(attempts or 0)
    from .sources import Item

    retry = []
    for url, feed_url, title, published in con.execute(
            "SELECT s.url, any_value(u.feed_url), any_value(u.title), any_value(u.published) FROM seen_urls s "
            "LEFT JOIN url_sources u ON u.url = s.url WHERE s.status = 'failed' GROUP BY s.url ORDER BY s.url").fetchall():
        retry.append(Item(url=url, feed_url=feed_url or url, title=title, published=published, link=url))
    return Snapshot(feeds=feeds, final=final, failed=failed, retry=retry)


def write_pending(con: duckdb.DuckDBPyConnection, p: Pending) -> None:
    """Upsert the rows of ``p`` (inside the caller's transaction)."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    if p.seen:
        cols = list(zip(*[[getattr(r, c) for c in _SEEN_COLS] for r in p.seen.values()], strict=True))
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _w_seen AS SELECT unnest(?::VARCHAR[]) AS url, unnest(?::VARCHAR[]) AS status, "
            "unnest(?::VARCHAR[]) AS article_id, unnest(?::VARCHAR[]) AS final_url, unnest(?::VARCHAR[]) AS code, "
            "unnest(?::INTEGER[]) AS attempts", [list(c) for c in cols])
        con.execute("UPDATE seen_urls SET status = n.status, article_id = n.article_id, final_url = n.final_url, "
                    "code = n.code, attempts = n.attempts, last_try = ? FROM _w_seen n WHERE seen_urls.url = n.url", [now])
        con.execute("INSERT INTO seen_urls (url, status, article_id, final_url, code, attempts, last_try) "
                    "SELECT url, status, article_id, final_url, code, attempts, ? FROM _w_seen "
                    "WHERE url NOT IN (SELECT url FROM seen_urls)", [now])
        con.execute("DROP TABLE _w_seen")
    if p.sources:
        keys = list(p.sources)
        con.execute(
            "INSERT INTO url_sources (url, feed_url, title, published) "
            "SELECT n.url, n.feed_url, n.title, n.published FROM (SELECT unnest(?::VARCHAR[]) AS url, "
            "unnest(?::VARCHAR[]) AS feed_url, unnest(?::VARCHAR[]) AS title, unnest(?::VARCHAR[]) AS published) n "
            "WHERE NOT EXISTS (SELECT 1 FROM url_sources o WHERE o.url = n.url AND o.feed_url = n.feed_url)",
            [[k[0] for k in keys], [k[1] for k in keys], [p.sources[k][0] for k in keys], [p.sources[k][1] for k in keys]])
    for f in p.feeds.values():  # an update keeps the row's added_at
        sets = ", ".join(f"{c} = ?" for c in _FEED_COLS[1:])
        if con.execute(f"UPDATE feeds SET {sets} WHERE url = ? RETURNING url", [*f.values()[1:], f.url]).fetchall():
            continue
        con.execute(f"INSERT INTO feeds ({', '.join(_FEED_COLS)}) VALUES ({', '.join('?' * len(_FEED_COLS))})",
                    f.values())


def feed_rows(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Every watched source with its status (``communique feeds``, ``GET /feeds``), plus ``articles``: the
    articles stored from URLs it listed."""
    cur = con.execute(
        f"SELECT {', '.join('f.' + c for c in _FEED_COLS)}, "
        "(SELECT count(DISTINCT s.article_id) FROM url_sources u JOIN seen_urls s ON s.url = u.url "
        " WHERE u.feed_url = f.url AND s.status IN ('coded', 'duplicate')) AS articles "
        "FROM feeds f ORDER BY f.url")
    cols = [d[0] for d in cur.description or []]
    out = []
    for row in cur.fetchall():
        d = dict(zip(cols, row, strict=True))
        failures = d["consecutive_failures"] or 0
        d["status"] = "failing" if failures else ("ok" if d["last_ok"] else "new")
        out.append(d)
    return out
