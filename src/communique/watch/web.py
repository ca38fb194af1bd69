"""Fetched pages to articles, and single URLs for ``communique code URL``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..config import Settings, get_settings
from ..records import Article, DocError
from .config import WatchSettings, load_watch_settings
from .fetch import Fetched, Fetcher
from .sources import Item, ListingError, parse_listing
from .urls import canonical, page_type

log = logging.getLogger(__name__)


def read_page(item: Item, got: Fetched, *, settings: Settings, published: str | None = None) -> Article | DocError:
    """The article of a fetched page, read by the HTML reader (trafilatura) with the source's date (and
    its title when the page has none) as metadata; a DocError otherwise (``skipped`` for ``not_html``)."""
    from ..ingest.build import Extracted, make_article
    from ..ingest.decode import IngestProblem, decode
    from ..ingest.html import extract_html

    final = canonical(got.final_url or item.link or item.url)
    if not page_type(got.content_type):
        err = DocError(document=item.url, code="not_html",
                       message=f"not an article page ({got.content_type.split(';')[0] or 'unknown type'})")
        err.skipped = True  # type: ignore[attr-defined]
        return err
    try:
        text = decode(got.body).text
        if not text.strip():
            raise IngestProblem("empty", "empty page")
        if got.content_type.lower().startswith("text/plain"):
            ex = Extracted(body=text, document=item.url, url=final)
        else:
            ex = extract_html(text, document=item.url, url=final)
    except IngestProblem as exc:
        return DocError(document=item.url, code=exc.code, message=exc.message)
    ex.document = item.url
    ex.url = final
    ex.published = item.published or ex.published
    ex.title = ex.title or item.title
    return make_article(ex, settings=settings, published=published)


def fetch_documents(
    urls: Sequence[str], *, settings: Settings | None = None, watch: WatchSettings | None = None,
    published: str | None = None,
) -> Iterator[Article | DocError]:
    """Articles (or errors) of article-page or feed URLs, in order: a feed or sitemap yields one article per
    item. Nothing is stored; robots.txt and the fetch limits apply as in ``communique watch``. ``published``: the
    date of a page that carries none."""
    s = settings or get_settings()
    ws = watch or load_watch_settings()

    async def run() -> list[Article | DocError]:
        out: list[Article | DocError] = []
        async with Fetcher(ws) as f:
            for url in urls:
                got = await f.get(url)
                if not got.ok:
                    out.append(DocError(document=url, code=got.error or "fetch_failed", message=got.message))
                    continue
                try:
                    listing = parse_listing(got.body, url=url, max_items=ws.max_items)
                except ListingError as exc:
                    if exc.code != "not_a_feed":
                        out.append(DocError(document=url, code=exc.code, message=exc.message))
                        continue
                    out.append(read_page(Item(url=canonical(url), feed_url=url, link=url), got, settings=s,
                                         published=published))
                    continue
                out.extend(DocError(document=p.document, code=p.code, message=p.message) for p in listing.problems)
                pages = await asyncio.gather(*(f.get(it.link) for it in listing.items))
                for it, page in zip(listing.items, pages, strict=True):
                    if page.ok:
                        out.append(read_page(it, page, settings=s, published=published))
                    else:
                        out.append(DocError(document=it.url, code=page.error or "fetch_failed", message=page.message))
        return out

    yield from run_coroutine(run())


def run_coroutine(coro: Any) -> Any:
    """``asyncio.run(coro)``, in a thread of its own when this thread already runs an event loop (a
    notebook, a server, a test session with Playwright), where ``asyncio.run`` refuses to start."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    import concurrent.futures

    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


@dataclass(slots=True)
class PageDoc:
    """A fetched page on its way to a coding worker (picklable): the worker reads it (trafilatura, the
    language check) and codes it, so the writer process only fetches and writes."""

    item: Item
    final_url: str
    content_type: str
    body: bytes
    published: str | None = None

    # what the batch engines read of an item when its worker dies (engines._crashed)
    @property
    def document(self) -> str:
        return self.item.url

    @property
    def id(self) -> str:
        return self.item.url

    @property
    def input_id(self) -> str | None:
        return None


def code_pages(
    chunk: Any,
    *,
    pipeline: tuple[str, ...] | None = None,
    batch_size: int = 16,
    settings: Settings | None = None,
) -> Any:
    """The watcher's chunk function (runs in a worker): read each :class:`PageDoc` of the chunk into an
    article (or a read error), then code the chunk as ``communique.batch.code_chunk`` does."""
    from ..batch import Chunk, code_chunk

    s = settings or get_settings()
    items: list[tuple[str, Article | DocError]] = []
    for key, page in chunk.items:
        got = Fetched(url=page.item.link, final_url=page.final_url, status=200,
                      headers={"content-type": page.content_type}, body=page.body)
        try:
            items.append((key, read_page(page.item, got, settings=s, published=page.published)))
        except Exception as exc:  # one page must not stop the chunk
            log.exception("reading %s failed", page.item.url)
            items.append((key, DocError(document=page.item.url, code="unreadable", message=f"{type(exc).__name__}: {exc}")))
    return code_chunk(Chunk(chunk.index, items=items), pipeline=pipeline, batch_size=batch_size, settings=s)
