"""RSS 2.0 / RSS 1.0 / Atom through feedparser, and JSON Feed (jsonfeed.org versions 1 and 1.1) by its
spec: one :class:`Extracted` per item with its date and link, full content where the feed carries it
(content:encoded, Atom content, content_html / content_text), else the summary."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from .build import Extracted, parse_date
from .decode import IngestProblem
from .html import fragment_text

log = logging.getLogger(__name__)


def item_name(document: str, index: int) -> str:
    """How an item of a feed (or a record of an archive) is named in errors: ``path::3`` (1-based)."""
    return f"{document}::{index}"


def read_xml_feed(data: bytes | str, *, document: str) -> Iterator[Extracted | IngestProblem]:
    """Items of an RSS/Atom feed. Raises IngestProblem ``broken_feed`` / ``empty_feed`` when the feed
    yields no items; a feed with broken XML that still gives items is read with a warning."""
    import feedparser

    parsed = feedparser.parse(data if isinstance(data, bytes) else data.encode("utf-8"))
    entries = list(parsed.get("entries") or [])
    bozo = bool(parsed.get("bozo"))
    reason = str(parsed.get("bozo_exception") or "")
    if not entries:
        if bozo:
            raise IngestProblem("broken_feed", f"feed could not be parsed and has no items: {reason[:200]}")
        raise IngestProblem("empty_feed", "feed has no items")
    feed = parsed.get("feed") or {}
    outlet = (feed.get("title") or "").strip() or None
    language = feed.get("language") or None
    exc = parsed.get("bozo_exception")
    harmless = exc is not None and type(exc).__name__ in {"CharacterEncodingOverride", "NonXMLContentType"}
    broken = bozo and not harmless
    warn = [f"feed XML is not well-formed ({reason[:120]}); item read leniently"] if broken else []
    for i, entry in enumerate(entries, start=1):
        name = item_name(document, i)
        title = fragment_text(entry.get("title") or "") or None
        body = ""
        for content in entry.get("content") or []:
            value = content.get("value") or ""
            text = fragment_text(value) if "html" in (content.get("type") or "html") else value.strip()
            if len(text) > len(body):
                body = text
        summary = fragment_text(entry.get("summary") or entry.get("description") or "")
        if len(summary) > len(body):
            body = summary
        if not body and not title:
            yield _item_problem("empty", "item has neither title nor text", name)
            continue
        date = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("created_parsed")
        yield Extracted(
            body=body,
            document=name,
            title=title,
            published=parse_date(date) or parse_date(entry.get("published") or entry.get("updated")),
            url=entry.get("link") or None,
            outlet=outlet,
            byline=entry.get("author") or None,
            language=entry.get("language") or language,
            input_id=entry.get("id") or None,
            warnings=list(warn),
            title_in_body=False,
        )
    if broken:
        # the items above were recovered by the lenient parser; the document itself is still broken
        yield IngestProblem("broken_feed", f"feed XML is not well-formed ({reason[:160]}); {len(entries)} item(s) recovered")


def _item_problem(code: str, message: str, document: str) -> IngestProblem:
    p = IngestProblem(code, message)
    p.document = document  # type: ignore[attr-defined]
    return p


def is_json_feed(obj: Any) -> bool:
    return isinstance(obj, dict) and (
        "jsonfeed.org" in str(obj.get("version", "")) or ("items" in obj and "text" not in obj)
    )


def read_json_feed(obj: dict[str, Any], *, document: str) -> Iterator[Extracted | IngestProblem]:
    """Items of a parsed JSON Feed object."""
    items = obj.get("items")
    if not isinstance(items, list):
        raise IngestProblem("broken_feed", "JSON Feed without an items list")
    if not items:
        raise IngestProblem("empty_feed", "feed has no items")
    outlet = (obj.get("title") or "").strip() or None
    language = obj.get("language") or None
    for i, item in enumerate(items, start=1):
        name = item_name(document, i)
        if not isinstance(item, dict):
            yield _item_problem("bad_item", "item is not an object", name)
            continue
        title = str(item.get("title") or "").strip() or None
        body = ""
        if item.get("content_html"):
            body = fragment_text(str(item["content_html"]))
        if item.get("content_text") and len(str(item["content_text"])) > len(body):
            body = str(item["content_text"]).strip()
        if not body and item.get("summary"):
            body = str(item["summary"]).strip()
        if not body and not title:
            yield _item_problem("empty", "item has neither title nor text", name)
            continue
        authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
        byline = ", ".join(str(a.get("name")) for a in authors if isinstance(a, dict) and a.get("name")) or None
        yield Extracted(
            body=body,
            document=name,
            title=title,
            published=parse_date(item.get("date_published") or item.get("date_modified")),
            url=item.get("url") or item.get("external_url") or None,
            outlet=outlet,
            byline=byline,
            language=item.get("language") or language,
            input_id=str(item["id"]) if item.get("id") is not None else None,
            title_in_body=False,
        )
