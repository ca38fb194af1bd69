"""Follow the news: watch feeds, news sitemaps and pages, fetch what is new, code and store it
(docs/watch.md).

``Watcher(db).run_pass(sources)`` makes one pass; ``load_sources(paths)`` reads files of feed URLs and
OPML files; ``fetch_documents(urls)`` fetches article or feed URLs for ``communique code URL``.
"""

from __future__ import annotations

from .config import WatchSettings, load_watch_settings, parse_duration
from .fetch import Fetched, Fetcher, WarcSink
from .runner import PassReport, Watcher
from .sources import Item, Listing, ListingError, Source, load_sources, parse_listing
from .state import FINAL, feed_rows
from .urls import canonical, is_http
from .web import fetch_documents

__all__ = [
    "FINAL",
    "Fetched",
    "Fetcher",
    "Item",
    "Listing",
    "ListingError",
    "PassReport",
    "Source",
    "WarcSink",
    "WatchSettings",
    "Watcher",
    "canonical",
    "feed_rows",
    "fetch_documents",
    "is_http",
    "load_sources",
    "load_watch_settings",
    "parse_duration",
    "parse_listing",
]
