"""What to watch and what a source lists.

``load_sources(paths)``: the sources named by files of feed URLs (one a line, ``#`` comments, an optional
title after the URL), OPML files exported from a feed reader (every ``outline`` with an ``xmlUrl``), or
URLs given directly. A source is any URL: an RSS/Atom/JSON feed, a (news) sitemap or sitemap index, or
a single article page; its kind is told by what it answers.

``parse_listing(body, url=...)``: the items (article links with the source's title and date) of a feed
or sitemap. Error codes (stable): ``broken_feed``, ``empty_feed``, ``bad_item``, ``not_a_feed``,
``bad_sources``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..ingest.build import parse_date
from ..ingest.html import fragment_text
from .urls import canonical, is_http

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Source:
    """A watched URL and the title its list gave it."""

    url: str
    title: str | None = None


@dataclass(slots=True)
class Item:
    """An article link found in a source."""

    url: str  # canonical
    feed_url: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    link: str = ""  # as listed


@dataclass(slots=True)
class Problem:
    """Something wrong in a listing: ``document`` is ``<source url>::<item number>`` for an item."""

    document: str
    code: str
    message: str


@dataclass(slots=True)
class Listing:
    kind: str  # rss, atom, jsonfeed, sitemap, sitemapindex
    title: str | None = None
    items: list[Item] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    children: list[str] = field(default_factory=list)  # sitemaps of a sitemap index


class ListingError(Exception):
    """The whole listing is unreadable (``broken_feed``, ``empty_feed``) or is no listing (``not_a_feed``)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


# ------------------------------------------------------------------------------------------- sources

def load_sources(paths: Iterable[str | Path]) -> list[Source]:
    """Sources from files of URLs, OPML files, and URLs given directly, in order, each URL once."""
    out: list[Source] = []
    seen: set[str] = set()

    def add(url: str, title: str | None, where: str) -> None:
        url = url.strip()
        if not is_http(url):
            raise ConfigError(f"{where}: not an http(s) URL: {url!r}")
        key = canonical(url)
        if key not in seen:
            seen.add(key)
            out.append(Source(url=url, title=title or None))

    for p in paths:
        raw = str(p)
        if is_http(raw):
            add(raw, None, "argument")
            continue
        path = Path(raw)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise ConfigError(f"cannot read the sources file {raw}: {exc.strerror or exc}") from exc
        head = data[:2048].lstrip().lower()
        if b"<opml" in head or (head.startswith(b"<?xml") and b"<opml" in data[:65536].lower()):
            for url, title in _opml(data, raw):
                add(url, title, raw)
            continue
        for n, line in enumerate(data.decode("utf-8", "replace").splitlines(), start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            url, _, title = line.partition(" ")
            add(url, title.strip() or None, f"{raw}:{n}")
    return out


def _opml(data: bytes, name: str) -> list[tuple[str, str | None]]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ConfigError(f"{name}: OPML file could not be parsed: {exc}") from exc
    if root is None:
        raise ConfigError(f"{name}: OPML file could not be parsed")
    found = []
    for node in root.iter("outline"):
        url = node.get("xmlUrl") or node.get("xmlurl")
        if url:
            found.append((url, node.get("title") or node.get("text")))
    if not found:
        raise ConfigError(f"{name}: the OPML file lists no feed (no outline with an xmlUrl)")
    return found


# ------------------------------------------------------------------------------------------- listings

def sniff_listing(body: bytes) -> str | None:
    """``json``, ``sitemap``, ``sitemapindex``, ``feed`` (RSS/Atom) or None (no listing: a page)."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return "json"
    if b"<urlset" in head:
        return "sitemap"
    if b"<sitemapindex" in head:
        return "sitemapindex"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or b"purl.org/rss" in head:
        return "feed"
    if head.startswith(b"<?xml") and b"<html" not in head:
        return "feed"
    return None


def parse_listing(body: bytes, *, url: str, max_items: int = 1000) -> Listing:
    """The items of a feed or sitemap; ListingError when it has none or is none."""
    kind = sniff_listing(body)
    if kind is None:
        raise ListingError("not_a_feed", "the source is not a feed or sitemap")
    if kind == "json":
        listing = _json_feed(body, url)
    elif kind in ("sitemap", "sitemapindex"):
        listing = _sitemap(body, url, kind)
    else:
        listing = _xml_feed(body, url)
    if len(listing.items) > max_items:
        log.info("%s lists %d items: reading the first %d", url, len(listing.items), max_items)
        listing.items = listing.items[:max_items]
    return listing


def _item(link: Any, *, feed_url: str, index: int, title: str | None, published: Any,
          listing: Listing) -> None:
    name = f"{feed_url}::{index}"
    link = str(link or "").strip()
    if not link:
        listing.problems.append(Problem(name, "bad_item", "item has no link"))
        return
    from urllib.parse import urljoin

    link = urljoin(feed_url, link)
    if not is_http(link):
        listing.problems.append(Problem(name, "bad_item", f"item link is not an http(s) URL: {link[:200]}"))
        return
    listing.items.append(Item(url=canonical(link), feed_url=feed_url, title=title or None,
                              published=parse_date(published), link=link))


def _xml_feed(body: bytes, url: str) -> Listing:
    import feedparser

    parsed = feedparser.parse(body)
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "")[:200]
            raise ListingError("broken_feed", f"feed could not be parsed and has no items: {reason}")
        raise ListingError("empty_feed", "feed has no items")
    feed = parsed.get("feed") or {}
    version = str(parsed.get("version") or "")
    listing = Listing(kind="atom" if version.startswith("atom") else "rss",
                      title=(feed.get("title") or "").strip() or None)
    for i, entry in enumerate(entries, start=1):
        link = entry.get("link")
        if not link and entry.get("guidislink") is not False and is_http(str(entry.get("id") or "")):
            link = entry.get("id")
        title = fragment_text(entry.get("title") or "") or None
        date = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("published")
        _item(link, feed_url=url, index=i, title=title, published=date, listing=listing)
    return listing


def _json_feed(body: bytes, url: str) -> Listing:
    try:
        obj = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ListingError("broken_feed", f"JSON Feed could not be parsed: {exc}") from exc
    items = obj.get("items") if isinstance(obj, dict) else None
    if not isinstance(items, list):
        raise ListingError("not_a_feed", "JSON without an items list")
    if not items:
        raise ListingError("empty_feed", "feed has no items")
    listing = Listing(kind="jsonfeed", title=str(obj.get("title") or "").strip() or None)
    for i, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            listing.problems.append(Problem(f"{url}::{i}", "bad_item", "item is not an object"))
            continue
        _item(item.get("url") or item.get("external_url"), feed_url=url, index=i,
              title=str(item.get("title") or "").strip() or None,
              published=item.get("date_published") or item.get("date_modified"), listing=listing)
    return listing


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _sitemap(body: bytes, url: str, kind: str) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise ListingError("broken_feed", f"sitemap could not be parsed: {exc}") from exc
    if root is None:
        raise ListingError("broken_feed", "sitemap could not be parsed")
    listing = Listing(kind=kind)
    entries = [el for el in root if _local(el.tag) in ("url", "sitemap")]
    for i, el in enumerate(entries, start=1):
        fields: dict[str, str] = {}
        for sub in el.iter():
            name = _local(sub.tag)
            if name in ("loc", "lastmod", "title", "publication_date") and sub.text and name not in fields:
                fields[name] = sub.text.strip()
        if _local(el.tag) == "sitemap":
            if fields.get("loc") and is_http(fields["loc"]):
                listing.children.append(fields["loc"])
            else:
                listing.problems.append(Problem(f"{url}::{i}", "bad_item", "sitemap entry without an http(s) loc"))
            continue
        _item(fields.get("loc"), feed_url=url, index=i, title=fields.get("title"),
              published=fields.get("publication_date") or fields.get("lastmod"), listing=listing)
    if not listing.items and not listing.children:
        raise ListingError("empty_feed", "sitemap lists no URL")
    return listing
