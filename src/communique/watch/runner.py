"""The watcher: poll sources, fetch new article pages, read, deduplicate, code and store them.

One pass (:meth:`Watcher.run_pass`):

1. a fetch thread (asyncio, :class:`~communique.watch.fetch.Fetcher`) polls every source that is due,
   conditionally (ETag / Last-Modified), reads its items, and fetches each item whose canonical URL is
   neither done (``seen_urls``) nor already being fetched in this pass (an item in two feeds is fetched
   once; both sources are recorded in ``url_sources``);
2. this thread reads each page with the existing HTML reader (trafilatura), the source's date and title
   as metadata, drops a page whose text is already stored (same content id: ``duplicate``), and sends the
   rest in chunks to the batch engine (the same coder and engines as ``communique ingest``);
3. the single writer stores each coded chunk with the state of its URLs in ONE transaction, and a
   source's own row (validators, last poll, next poll) only once all of its new items are stored, so a
   watcher killed at any point resumes without fetching an article twice or losing one;
4. the new articles' events are merged incrementally.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import itertools
import logging
import queue
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import IO, Any

from ..config import Settings, get_settings
from ..records import ArticleRecord, DocError
from .config import WatchSettings, load_watch_settings
from .fetch import Fetched, Fetcher, WarcSink
from .sources import Item, ListingError, Source, parse_listing
from .state import FeedRow, Pending, SeenRow, Snapshot, load, load_feeds, write_pending
from .urls import canonical, page_type

log = logging.getLogger(__name__)

#: failed documents a PassReport lists (all are in the store's errors table)
FAILURES_KEPT = 20


@dataclass
class PassReport:
    """What one pass did."""

    sources: int = 0
    polled: int = 0
    not_modified: int = 0
    feed_failures: int = 0
    waiting: int = 0  # failing sources not polled in this pass (backing off)
    items: int = 0
    new: int = 0  # items not seen before, fetched in this pass
    coded: int = 0
    duplicates: int = 0
    failed: int = 0
    disallowed: int = 0
    passed: int = 0  # not pages (images, PDF...)
    requests: int = 0
    fetch_seconds: float = 0.0  # from the start of the pass until the last page was fetched
    words: int = 0
    seconds: float = 0.0
    merged: int | None = None
    stopped: bool = False
    failures: list[dict[str, str | None]] = field(default_factory=list)

    @property
    def articles_per_second(self) -> float:
        return self.coded / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["articles_per_second"] = round(self.articles_per_second, 2)
        return out


# messages from the fetch thread
@dataclass(slots=True)
class _Page:
    item: Item
    got: Fetched


@dataclass(slots=True)
class _Outcome:  # an item settled without coding (fetch failure, robots, not a page)
    row: SeenRow
    error: DocError | None = None


@dataclass(slots=True)
class _Sources:
    rows: list[Item]


@dataclass(slots=True)
class _FeedDone:
    row: FeedRow
    pending: set[str]
    errors: list[DocError]
    failed: bool = False
    not_modified: bool = False
    items: int = 0


@dataclass(slots=True)
class _End:
    error: BaseException | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class _StatusLine:
    """``watch: sources 12/200 | new 45 | coded 30 | dup 2 | failed 1 | 4.1 articles/s`` on stderr: one
    line rewritten in place on a terminal, a line every ``interval`` seconds otherwise."""

    def __init__(self, mode: str, interval: float, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "plain"
        self.mode, self.interval = mode, interval
        self.last = 0.0
        self.t0 = time.monotonic()

    def show(self, r: PassReport, final: bool = False) -> None:
        if self.mode == "off":
            return
        now = time.monotonic()
        if not final and now - self.last < (0.5 if self.mode == "bar" else self.interval):
            return
        self.last = now
        rate = r.coded / (now - self.t0) if now > self.t0 else 0.0
        line = (f"watch: sources {r.polled}/{r.sources - r.waiting} polled ({r.not_modified} not modified, "
                f"{r.feed_failures} failed) | new {r.new} | coded {r.coded} | dup {r.duplicates} | "
                f"failed {r.failed} | {rate:.1f} articles/s")
        if self.mode == "bar":
            self.stream.write("\r" + line + ("\n" if final else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


class Watcher:
    """Watches sources into the store at ``db``. Use as a context manager (it keeps the store open and the
    coding engine started between passes)."""

    def __init__(
        self,
        db: str | Path,
        *,
        settings: Settings | None = None,
        watch: WatchSettings | None = None,
        engine: str | None = None,
        workers: int | None = None,
        warc_dir: str | Path | None = None,
        merge: bool = True,
        progress: str = "off",
        progress_interval: float = 5.0,
    ) -> None:
        s = settings or get_settings()
        changes = {k: v for k, v in {"engine": engine, "workers": workers}.items() if v is not None}
        self.settings = s.model_copy(update=changes) if changes else s
        self.ws = watch or load_watch_settings()
        self.db = Path(db)
        self._store: Any = None
        self.warc = WarcSink(warc_dir) if warc_dir else None
        self.merge = merge
        self.stop = threading.Event()
        self.progress, self.progress_interval = progress, progress_interval
        self._engine: Any = None
        _ = self.store  # open (and migrate) now: a bad path fails before any fetch

    # ---------------------------------------------------------------------------------- lifecycle
    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.close()
            self._engine = None
        if self.warc is not None:
            self.warc.close()
        self.release()

    @property
    def store(self) -> Any:
        """The store, opened on first use (and again after :meth:`release`). Another process holding the
        file (DuckDB allows one writer) is waited for, up to a minute."""
        if self._store is None:
            from ..errors import StoreError
            from ..store import Store

            deadline = time.monotonic() + 60
            while True:
                try:
                    self._store = Store(self.db)
                    break
                except StoreError as exc:
                    if time.monotonic() > deadline or "lock" not in str(exc).lower():
                        raise
                    log.warning("the store is busy (%s): waiting", exc)
                    self.stop.wait(2.0)
        return self._store

    def release(self) -> None:
        """Close the store (between passes, so that ``communique feeds`` or ``serve`` can read it)."""
        if self._store is not None:
            self._store.close()
            self._store = None

    def _get_engine(self) -> Any:
        if self._engine is None:
            from ..batch import get_engine

            s = self.settings
            self._engine = get_engine(s.engine, workers=s.workers, scheduler=s.scheduler, pipeline=tuple(s.pipeline))
            self._engine.start()
        return self._engine

    # ---------------------------------------------------------------------------------- scheduling
    def due(self, sources: Sequence[Source], *, now: dt.datetime | None = None, once: bool = False) -> list[Source]:
        """The sources to poll now: new ones, and those whose next poll time has come. With ``once`` (a
        pass started by cron), every source except a failing one still waiting out its backoff."""
        now = now or _now()
        rows = load_feeds(self.store.con)

        def due(r: FeedRow | None) -> bool:
            if r is None or r.next_poll is None or r.next_poll <= now:
                return True
            return once and not r.consecutive_failures

        return [s for s in sources if due(rows.get(s.url))]

    def next_wake(self, sources: Sequence[Source]) -> float:
        """Seconds until the earliest next poll among ``sources`` (0 when one is due)."""
        rows = load_feeds(self.store.con)
        times = [r.next_poll for s in sources if (r := rows.get(s.url)) is not None and r.next_poll is not None]
        if len(times) < len(sources):
            return 0.0
        return max(0.0, (min(times) - _now()).total_seconds())

    def run(self, sources: Sequence[Source], *, once: bool = False) -> list[PassReport]:
        """Poll until :attr:`stop` is set (or one pass with ``once``). Returns the reports of the passes."""
        reports = []
        while not self.stop.is_set():
            due = self.due(sources, once=once)
            if due or once:
                reports.append(self.run_pass(due, total=len(sources)))
            if once:
                break
            wait = self.next_wake(sources)
            self.release()
            self.stop.wait(max(wait, 1.0))
        return reports

    # ---------------------------------------------------------------------------------- one pass
    def run_pass(self, sources: Sequence[Source], *, total: int | None = None) -> PassReport:
        """Poll ``sources`` once, code and store what is new; returns the report."""
        t0 = time.perf_counter()
        report = PassReport(sources=total if total is not None else len(sources))
        report.waiting = report.sources - len(sources)
        snap = load(self.store.con)
        q: queue.Queue[Any] = queue.Queue()
        fetcher_box: list[Fetcher] = []
        thread = threading.Thread(target=self._fetch_thread, args=(sources, snap, q, fetcher_box),
                                  name="watch-fetch", daemon=True)
        thread.start()
        run = _PassState(self, snap, report)
        status = _StatusLine(self.progress, self.progress_interval)
        chunks = run.chunks(q, status)
        first = next(chunks, None)
        if first is not None:
            from .web import code_pages

            s = self.settings
            fn = partial(code_pages, pipeline=tuple(s.pipeline), batch_size=s.batch_size, settings=s)
            for res in self._get_engine().map(fn, itertools.chain([first], chunks)):
                run.written(res)
                status.show(report)
        run.flush()
        thread.join(timeout=None if not self.stop.is_set() else 5.0)
        if run.error is not None:
            raise run.error
        if fetcher_box:
            report.requests = fetcher_box[0].requests
            report.fetch_seconds = round(getattr(fetcher_box[0], "seconds", 0.0), 2)
        if self.merge and run.new_ids:
            report.merged = self.store.merge(articles=sorted(run.new_ids))
        report.stopped = self.stop.is_set()
        report.seconds = time.perf_counter() - t0
        status.show(report, final=True)
        return report

    # ---------------------------------------------------------------------------------- fetch thread
    def _fetch_thread(self, sources: Sequence[Source], snap: Snapshot, q: queue.Queue[Any],
                      box: list[Fetcher]) -> None:
        t0 = time.perf_counter()
        try:
            asyncio.run(self._fetch_all(sources, snap, q, box))
            if box:
                box[0].seconds = time.perf_counter() - t0
            q.put(_End())
        except BaseException as exc:  # handed to the main thread
            log.exception("the fetch thread failed")
            q.put(_End(exc))

    async def _fetch_all(self, sources: Sequence[Source], snap: Snapshot, q: queue.Queue[Any],
                         box: list[Fetcher]) -> None:
        ws = self.ws
        claimed: set[str] = set()

        async with Fetcher(ws, warc=self.warc) as f:
            box.append(f)

            async def page(item: Item) -> None:
                if self.stop.is_set():
                    return  # left for the next run: its source's row is not written either
                got = await f.get(item.link)
                if got.ok:
                    q.put(_Page(item, got))
                    return
                attempts = snap.failed.get(item.url, 0) + 1
                if got.error == "disallowed":
                    q.put(_Outcome(SeenRow(item.url, "disallowed", code=got.error, attempts=attempts)))
                    return
                status = "gave_up" if attempts >= ws.max_attempts else "failed"
                q.put(_Outcome(SeenRow(item.url, status, final_url=got.final_url or None, code=got.error,
                                       attempts=attempts),
                               DocError(document=item.url, code=got.error or "fetch_failed", message=got.message)))

            async def poll(src: Source) -> None:
                if self.stop.is_set():
                    return
                old = snap.feeds.get(src.url) or FeedRow(url=src.url, title=src.title)
                row = FeedRow(**{k: getattr(old, k) for k in FeedRow.__slots__})
                row.title = row.title or src.title
                now = _now()
                row.last_poll, row.polls = now, (old.polls or 0) + 1
                got = await f.get(src.url, etag=old.etag, last_modified=old.last_modified)
                row.last_status = got.status or None
                if not got.ok:
                    q.put(self._feed_failed(row, got.error or "fetch_failed", got.message, now))
                    return
                if got.not_modified:
                    row.not_modified = (old.not_modified or 0) + 1
                    self._feed_ok(row, got, now, items=row.items_found or 0, new=0)
                    q.put(_FeedDone(row, set(), [], not_modified=True))
                    return
                try:
                    listing = parse_listing(got.body, url=src.url, max_items=ws.max_items)
                except ListingError as exc:
                    if exc.code == "not_a_feed" and page_type(got.content_type):
                        # a single article page given as a source
                        item = Item(url=canonical(got.final_url or src.url), feed_url=src.url, link=src.url)
                        row.kind = "page"
                        items, errors = [item], []
                        pages = {item.url: got}
                    else:
                        q.put(self._feed_failed(row, exc.code, exc.message, now))
                        return
                else:
                    row.kind = listing.kind
                    row.title = listing.title or row.title
                    items = list(listing.items)
                    errors = [DocError(document=p.document, code=p.code, message=p.message) for p in listing.problems]
                    pages = {}
                    for child in listing.children[: ws.max_child_sitemaps]:
                        sub = await f.get(child)
                        if not sub.ok:
                            errors.append(DocError(document=child, code=sub.error or "fetch_failed", message=sub.message))
                            continue
                        try:
                            part = parse_listing(sub.body, url=child, max_items=ws.max_items)
                        except ListingError as exc:
                            errors.append(DocError(document=child, code=exc.code, message=exc.message))
                            continue
                        for it in part.items:
                            it.feed_url = src.url
                        items.extend(part.items)
                        errors.extend(DocError(document=p.document, code=p.code, message=p.message)
                                      for p in part.problems)
                q.put(_Sources(items))
                pending: set[str] = set()
                todo: list[Item] = []
                for item in items:
                    if item.url in snap.final:
                        continue
                    pending.add(item.url)
                    if item.url not in claimed:
                        claimed.add(item.url)
                        todo.append(item)
                self._feed_ok(row, got, now, items=len(items), new=len(todo))
                q.put(_FeedDone(row, pending, errors, items=len(items)))
                for item in todo:
                    if item.url in pages:
                        q.put(_Page(item, pages[item.url]))
                await asyncio.gather(*(page(it) for it in todo if it.url not in pages))

            # pages that failed on an earlier pass are tried again, whatever their source answers now
            for item in snap.retry:
                if item.url not in claimed:
                    claimed.add(item.url)
            retries = [it for it in snap.retry if it.url not in snap.final]
            await asyncio.gather(*(poll(s) for s in sources), *(page(it) for it in retries))

    def _feed_ok(self, row: FeedRow, got: Fetched, now: dt.datetime, *, items: int, new: int) -> None:
        if not got.not_modified:
            row.etag = got.headers.get("etag") or None
            row.last_modified = got.headers.get("last-modified") or None
        row.last_ok, row.items_found, row.new_items = now, items, new
        row.consecutive_failures, row.last_error = 0, None
        row.next_poll = now + dt.timedelta(seconds=self.ws.interval)

    def _feed_failed(self, row: FeedRow, code: str, message: str, now: dt.datetime) -> _FeedDone:
        row.consecutive_failures = (row.consecutive_failures or 0) + 1
        row.last_error = f"{code}: {message}"
        wait = min(self.ws.interval * 2 ** (row.consecutive_failures - 1), self.ws.max_backoff)
        row.next_poll = now + dt.timedelta(seconds=wait)
        if row.consecutive_failures > 1:
            log.warning("source %s failed %d times in a row (%s); next try in %.0f s", row.url,
                        row.consecutive_failures, code, wait)
        return _FeedDone(row, set(), [DocError(document=row.url, code=code, message=message)], failed=True)


class _PassState:
    """The writer's side of one pass: turns fetched pages into articles, gathers the state rows, and
    writes them with the articles they belong to."""

    def __init__(self, w: Watcher, snap: Snapshot, report: PassReport) -> None:
        self.w, self.snap, self.report = w, snap, report
        self.store = w.store
        self.pending = Pending()
        self.errors: list[DocError] = []
        self.feeds_waiting: dict[str, _FeedDone] = {}
        self.resolved: set[str] = set()
        self.items: dict[str, Item] = {}
        self.new_ids: set[str] = set()
        self.error: BaseException | None = None
        self.index = 0

    # -------------------------------------------------------------------------------- reading
    def chunks(self, q: queue.Queue[Any], status: _StatusLine) -> Iterator[Any]:
        from ..batch import Chunk

        size = self.w.ws.chunk_size
        buf: list[tuple[str, Any]] = []
        while True:
            if self.w.stop.is_set():
                break
            try:
                msg = q.get(timeout=0.5 if buf or self.pending else 1.0)
            except queue.Empty:
                if buf:
                    yield self._chunk(Chunk, buf)
                    buf = []
                self.flush()
                status.show(self.report)
                continue
            if isinstance(msg, _End):
                self.error = msg.error
                break
            if isinstance(msg, _Page):
                art = self._read(msg)
                if art is not None:
                    buf.append((msg.item.url, art))
                    if len(buf) >= size:
                        yield self._chunk(Chunk, buf)
                        buf = []
            elif isinstance(msg, _Outcome):
                self._settle(msg.row, msg.error)
            elif isinstance(msg, _Sources):
                for it in msg.rows:
                    self.pending.sources[(it.url, it.feed_url)] = (it.title, it.published)
                    self.report.items += 1
            elif isinstance(msg, _FeedDone):
                self._feed_done(msg)
            status.show(self.report)
        if buf:
            yield self._chunk(Chunk, buf)

    def _chunk(self, cls: Any, buf: list[tuple[str, Any]]) -> Any:
        chunk = cls(self.index, items=list(buf))
        self.index += 1
        return chunk

    def _read(self, msg: _Page) -> Any:
        """A fetched page to send to a worker, or None (not a page: settled here)."""
        from .web import PageDoc

        item, got = msg.item, msg.got
        self.report.new += 1
        self.items[item.url] = item
        final = canonical(got.final_url or item.link)
        if not page_type(got.content_type):
            self.report.passed += 1
            self._settle(SeenRow(item.url, "not_html", final_url=final, code="not_html"))
            return None
        return PageDoc(item=item, final_url=got.final_url or item.link, content_type=got.content_type, body=got.body)

    def _settle(self, row: SeenRow, error: DocError | None = None) -> None:
        self.pending.seen[row.url] = row
        self.resolved.add(row.url)
        if row.status == "disallowed":
            self.report.disallowed += 1
        elif error is not None:
            self.errors.append(error)
            self.report.failed += 1
            if len(self.report.failures) < FAILURES_KEPT:
                self.report.failures.append({"document": error.document, "code": error.code, "message": error.message})

    def _feed_done(self, msg: _FeedDone) -> None:
        r = self.report
        r.polled += 1
        r.not_modified += msg.not_modified
        r.feed_failures += msg.failed
        for e in msg.errors:
            self.errors.append(e)
            if len(r.failures) < FAILURES_KEPT:
                r.failures.append({"document": e.document, "code": e.code, "message": e.message})
        self.feeds_waiting[msg.row.url] = msg

    def _complete_feeds(self) -> None:
        for url, msg in list(self.feeds_waiting.items()):
            if msg.pending <= self.resolved:
                self.pending.feeds[url] = msg.row
                del self.feeds_waiting[url]

    # -------------------------------------------------------------------------------- writing
    def written(self, res: Any) -> None:
        """A coded chunk came back: write it with the state of its URLs in one transaction. A record whose
        text is already stored (or written earlier in this pass) under another URL is not written again:
        its URL is recorded as a ``duplicate`` of that article."""
        r = self.report
        ids = [o.article.id for o in res.outputs if isinstance(o, ArticleRecord)]
        stored = {row[0] for row in self.store.con.execute(
            "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()} if ids else set()
        records = []
        for key, out in zip(res.output_keys, res.outputs, strict=True):
            item = self.items.get(key)
            final = item.link if item else None
            if isinstance(out, ArticleRecord):
                aid = out.article.id
                if aid in stored or aid in self.new_ids:
                    r.duplicates += 1
                    self._settle(SeenRow(key, "duplicate", article_id=aid, final_url=out.article.url or final))
                    continue
                records.append(out)
                self._settle(SeenRow(key, "coded", article_id=aid, final_url=out.article.url or final))
                self.new_ids.add(aid)
                r.coded += 1
                r.words += len(out.article.text.split())
            else:
                self._settle(SeenRow(key, "rejected", final_url=final, code=out.code), None)
                r.failed += 1
                if len(r.failures) < FAILURES_KEPT:
                    r.failures.append({"document": out.document, "code": out.code, "message": out.message})
        self._complete_feeds()
        pending, errors = self.pending.take(), self.errors
        self.errors = []
        self.store.write_batch(records, [*res.errors, *errors], also=partial(write_pending, p=pending))

    def flush(self) -> None:
        """Write the state rows gathered since the last write (URLs settled without coding, sources)."""
        self._complete_feeds()
        if not self.pending and not self.errors:
            return
        pending, errors = self.pending.take(), self.errors
        self.errors = []
        self.store.write_batch([], errors, also=partial(write_pending, p=pending))
