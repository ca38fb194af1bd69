"""Batch runs: read inputs, code them in chunks on an engine, and hand the results to the single writer.

Small files (most articles: one file, one document) go to the workers whole: a worker reads them (HTML
extraction included) and codes them, and the checkpoint key is the file's path, size and mtime, so a
resumed run skips them after a ``stat``. Larger files (JSON Lines, WARC, feeds with many documents) are
read by the writer and sent as chunks of documents, checkpointed document by document.

``ingest``             inputs -> engine -> Store (one transaction per chunk: records, errors and the
                       chunk's checkpoint keys together), then merge.
``ingest_to_parquet``  inputs -> engine -> Parquet parts written by the workers (for a cluster whose
                       workers cannot reach the writer's disk); the parts are the checkpoint.
``load_parquet``       Parquet parts -> Store (one transaction per part), then merge.

Resuming: the keys already done (``Store.done_inputs()``, or the keys inside existing parts) are skipped
as documents are read, so running the same command again after any interruption, even SIGKILL, ends with
the same store as an uninterrupted run: a chunk is either entirely written with its keys or not at all.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..config import Settings, get_settings
from ..errors import ConfigError
from ..ingest.published import given_date
from ..progress import Progress
from ..records import Article, ArticleRecord, DocError
from .checkpoint import file_key, forget_failures, input_key, systemic_keys
from .engines import Engine, get_engine
from .work import Chunk, ChunkResult, code_chunk, code_chunk_to_parquet, is_passed_over

log = logging.getLogger(__name__)

#: files up to this size are read by the workers and checkpointed whole (by path, size and mtime);
#: the environment variable COMMUNIQUE_SMALL_FILE_BYTES overrides it
SMALL_FILE_BYTES = int(os.environ.get("COMMUNIQUE_SMALL_FILE_BYTES", 2_000_000))
#: a chunk of files closes at this many bytes even with fewer than chunk_size files
CHUNK_BYTES = 8_000_000
#: files that hold many documents (an archive, a table, JSON Lines, a WARC): above CONTAINER_BYTES (an
#: archive: always, its size says little of its contents) they are read here and split into chunks of
#: documents even when small, so that the workers share them (a 2 MB zip of 500 articles would otherwise
#: keep one worker busy while the others wait)
#: feeds (.rss, .atom, .xml) and JSON (a list of articles, a JSON Feed) are containers too: a feed of 20,000
#: items is split among the workers and checkpointed item by item like JSON Lines
CONTAINER_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".zip", ".warc", ".arc", ".rss", ".atom", ".xml",
                      ".json", ".feed")
CONTAINER_BYTES = 16_000


#: failed documents an IngestReport lists (all of them are in the store's errors table)
FAILURES_KEPT = 20


def normalise_inputs(paths: Sequence[str | Path]) -> list[str]:
    """``paths`` as resolved absolute paths (``-``, standard input, kept), so that the same files named
    relatively or absolutely have the same checkpoint keys and documents."""
    return [str(p) if str(p) == "-" else os.path.realpath(os.path.expanduser(str(p))) for p in paths]


def missing_inputs(paths: Sequence[str | Path]) -> list[str]:
    """The paths that name nothing: no such file or folder, or a glob that matches no file."""
    import glob

    missing = []
    for p in paths:
        raw = str(p)
        if raw == "-" or os.path.lexists(raw):
            continue
        if set("*?[") & set(raw) and glob.glob(raw, recursive=True):
            continue
        missing.append(raw)
    return missing


def _compat_keys(done: set[str]) -> set[str]:
    """``done`` plus, for checkpoint keys written with relative paths (before inputs were normalised),
    the same keys with the path made absolute (as seen from the current folder): a store of an older run
    resumes instead of coding everything again."""
    extra = set()
    for key in done:
        if key.startswith("file:"):
            path, sep, rest = key[5:].rpartition("|")
            path, sep2, size = path.rpartition("|")
            if sep and sep2 and path and not os.path.isabs(path):
                extra.add(f"file:{os.path.realpath(path)}|{size}|{rest}")
        else:
            doc, sep, rest = key.rpartition("|")
            if sep and doc and not os.path.isabs(doc) and not doc.startswith("<"):
                extra.add(f"{os.path.realpath(doc)}|{rest}")
    return done | extra if extra else done


def is_container(path: Path) -> bool:
    """Whether ``path`` names a many-document file by its suffix (a ``.gz`` wrapper included)."""
    name = path.name.lower().removesuffix(".gz").removesuffix(".gzip")
    return name.endswith(CONTAINER_SUFFIXES)


@dataclass
class IngestReport:
    """What a batch run did."""

    engine: str = ""
    read: int = 0  # documents read and coded or failed in this run
    coded: int = 0
    failed: int = 0
    skipped: int = 0
    repeated: int = 0
    chunks: int = 0
    words: int = 0
    seconds: float = 0.0
    merged: int | None = None
    counts: dict[str, int] = field(default_factory=dict)
    worker_peak_rss: dict[int, int] = field(default_factory=dict)  # pid -> bytes
    parts: int = 0
    passed: int = 0  # files passed over (not articles: a LICENSE in a folder, a WARC request record)
    held: int = 0  # inputs not marked done: all their documents failed for a systemic reason (a config error)
    retried: int = 0  # failed documents forgotten by --retry-failed, to be coded again
    #: the first FAILURES_KEPT failed documents of this run: {"document", "code", "message"}
    failures: list[dict[str, str | None]] = field(default_factory=list)

    @property
    def docs_per_second(self) -> float:
        return (self.coded + self.failed) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["docs_per_second"] = round(self.docs_per_second, 2)
        out["worker_peak_rss"] = {str(k): v for k, v in self.worker_peak_rss.items()}
        return out


def chunked(pairs: Iterable[tuple[str, Article | DocError]], size: int) -> Iterator[Chunk]:
    """Document chunks of ``size`` (key, document) pairs."""
    buf: list[tuple[str, Article | DocError]] = []
    index = 0
    for pair in pairs:
        buf.append(pair)
        if len(buf) >= size:
            yield Chunk(index, items=buf)
            index += 1
            buf = []
    if buf:
        yield Chunk(index, items=buf)


def plan_chunks(
    paths: Sequence[str | Path],
    *,
    done: set[str] | frozenset[str],
    published: str | None,
    settings: Settings,
    chunk_size: int,
    stats: dict[str, int],
    small_file_bytes: int = SMALL_FILE_BYTES,
    expand: Callable[[int], None] | None = None,
) -> Iterator[Chunk]:
    """The chunks of a run, in input order, skipping what is done. Small files go to workers whole
    (chunks of ``chunk_size`` files, or fewer when they add up to ``CHUNK_BYTES``); larger files (many
    documents) are read here and sent as chunks of ``chunk_size`` documents. ``stats`` counts ``skipped`` (inputs
    done before), ``repeated`` (given twice) and ``passed`` (not articles). ``expand(n)`` is told of each
    document of a many-document file beyond its first (a progress total estimated as one per file grows)."""
    from ..ingest import iter_files, read_paths

    for k in ("skipped", "repeated", "passed", "files"):
        stats.setdefault(k, 0)
    seen: set[str] = set()
    index = 0
    files: list[tuple[str, str]] = []
    files_bytes = 0
    docs: list[tuple[str, Article | DocError]] = []

    def take(key: str) -> bool:
        if key in done:
            stats["skipped"] += 1
            return False
        if key in seen:
            stats["repeated"] += 1
            return False
        seen.add(key)
        return True

    # chunks keep the input order: a buffer of one kind is sent before one of the other kind grows
    def flush_files() -> Iterator[Chunk]:
        nonlocal index, files, files_bytes
        if files:
            yield Chunk(index, files=files)
            index, files, files_bytes = index + 1, [], 0

    def flush_docs() -> Iterator[Chunk]:
        nonlocal index, docs
        if docs:
            yield Chunk(index, items=docs)
            index, docs = index + 1, []

    for f in iter_files(list(paths)):
        if isinstance(f, DocError):
            if is_passed_over(f):
                stats["passed"] += 1
            elif take(input_key(f)):
                yield from flush_files()
                docs.append((input_key(f), f))
            continue
        stats["files"] += 1
        try:
            st = f.stat()
        except OSError:
            st = None
        whole = st is not None and st.st_size <= small_file_bytes
        if whole and st is not None and is_container(f) and (
                st.st_size > CONTAINER_BYTES or f.name.lower().endswith(".zip")):
            whole = False  # many documents: split them among the workers
        if whole and st is not None:
            key = file_key(f, st)
            if take(key):
                yield from flush_docs()
                files.append((key, str(f)))
                files_bytes += st.st_size
                if len(files) >= chunk_size or files_bytes >= CHUNK_BYTES:
                    yield from flush_files()
            continue
        n_docs = 0
        for item in read_paths([f], published=published, settings=settings):
            if is_passed_over(item):
                stats["passed"] += 1
                continue
            n_docs += 1
            if n_docs > 1 and expand is not None:
                expand(1)
            if take(input_key(item)):
                yield from flush_files()
                docs.append((input_key(item), item))
                if len(docs) >= chunk_size:
                    yield from flush_docs()
    yield from flush_files()
    yield from flush_docs()


def estimate_documents(paths: Sequence[str | Path]) -> int:
    """A cheap estimate of the number of documents: one per file (files a folder walk passes over not
    counted). Multi-document files (JSONL, feeds, WARC) make the real number larger."""
    from ..ingest import iter_files

    return sum(1 for f in iter_files(list(paths)) if not isinstance(f, DocError))


class _Expansions:
    """Documents beyond one per file, told by ``plan_chunks`` (which starts before the progress display):
    kept until the display exists, then passed on."""

    def __init__(self) -> None:
        self.pending = 0
        self.progress: Progress | None = None

    def __call__(self, n: int) -> None:
        if self.progress is None:
            self.pending += n
        else:
            self.progress.expand(n)

    def attach(self, progress: Progress) -> None:
        self.progress = progress
        if self.pending:
            progress.expand(self.pending)
            self.pending = 0


def _count_now(paths: Sequence[str | Path]) -> int | None:
    """The number of input documents, estimated (one per file) before the run starts."""
    try:
        return estimate_documents(paths)
    except OSError:
        return None


def _count_in_background(paths: Sequence[str | Path], progress: Progress) -> None:
    def run() -> None:
        try:
            n = estimate_documents(paths)
        except OSError:
            return
        progress.estimate(n)

    threading.Thread(target=run, daemon=True, name="count-inputs").start()


def _run_engine(
    engine: Engine,
    fn: Any,
    chunks: Iterator[Chunk],
    stats: dict[str, int],
    *,
    progress: Progress,
    report: IngestReport,
    sink: Any,
) -> None:
    skipped_seen = 0
    for res in engine.map(fn, chunks):
        sink(res)
        report.coded += res.n_records
        report.failed += res.n_errors
        report.passed += res.n_passed
        report.words += res.words
        report.chunks += 1
        for e in res.errors:
            if is_passed_over(e):
                continue
            if len(report.failures) >= FAILURES_KEPT:
                break
            report.failures.append({"document": e.document, "code": e.code, "message": e.message})
        if res.pid:
            report.worker_peak_rss[res.pid] = max(report.worker_peak_rss.get(res.pid, 0), res.maxrss)
        new_skipped = stats.get("skipped", 0) - skipped_seen
        skipped_seen += new_skipped
        progress.advance(coded=res.n_records, failed=res.n_errors, skipped=new_skipped, words=res.words, chunks=1)
    if stats.get("skipped", 0) > skipped_seen:
        progress.advance(skipped=stats.get("skipped", 0) - skipped_seen)
    report.skipped = stats.get("skipped", 0)
    report.repeated = stats.get("repeated", 0)
    report.passed += stats.get("passed", 0)
    report.read = report.coded + report.failed


@contextlib.contextmanager
def _started(engine: Engine, needed: bool) -> Iterator[Engine]:
    """Start the engine (workers, models) only when there is work for it."""
    if not needed:
        yield engine
        return
    with engine:
        yield engine


def _settings(settings: Settings | None, **overrides: Any) -> Settings:
    settings = settings or get_settings()
    changes = {k: v for k, v in overrides.items() if v is not None}
    return settings.model_copy(update=changes) if changes else settings


def _published(published: str | dt.date | None) -> str | None:
    """The --published date as YYYY-MM-DD, checked here once (not in every worker) by ingest's
    :func:`~communique.ingest.published.given_date`."""
    try:
        return given_date(published)
    except ValueError as exc:
        raise ConfigError(f"--published: {exc}") from None


def ingest(
    paths: Sequence[str | Path],
    *,
    db: str | Path | None = None,
    engine: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    published: str | dt.date | None = None,
    chunk_size: int | None = None,
    settings: Settings | None = None,
    merge: bool = True,
    progress: str = "auto",
    progress_interval: float = 5.0,
    retry_failed: bool = False,
) -> IngestReport:
    """Code every document under ``paths`` into the store at ``db``, resuming where a previous run of the
    same inputs stopped. ``retry_failed``: first forget the errors (and checkpoints) of the documents under
    ``paths`` that failed, so that they are coded again. The user's knowledge folders are checked first:
    a mistake there stops the run before the store is opened (KnowledgeError naming file and line)."""
    from ..knowledge_check import check_knowledge
    from ..store import Store

    s = _settings(settings, engine=engine, workers=workers, scheduler=scheduler, chunk_size=chunk_size)
    check_knowledge(s.data_dirs)
    pub = _published(published)
    db = db or s.db
    t0 = time.perf_counter()
    stats: dict[str, int] = {}
    paths = normalise_inputs(paths)
    with Store(db) as store:
        n_retry = 0
        if retry_failed:
            n_retry, n_keys = forget_failures(store.con, paths)
            log.info("--retry-failed: %d failed documents (%d inputs) will be coded again", n_retry, n_keys)
        done = _compat_keys(store.done_inputs())
        if done:
            log.info("resuming: %d inputs already in %s", len(done), db)
        eng = get_engine(s.engine, workers=s.workers, scheduler=s.scheduler, pipeline=tuple(s.pipeline))
        report = IngestReport(engine=eng.describe(), retried=n_retry)
        expansions = _Expansions()
        chunks = plan_chunks(paths, done=done, published=pub, settings=s, chunk_size=s.chunk_size, stats=stats,
                             expand=expansions)
        first = next(chunks, None)  # nothing left to code (a finished run, resumed): no worker is started
        waiting = f"loading the model on {eng.workers} worker{'s' if eng.workers != 1 else ''}"
        with Progress(label="ingest", mode=progress, interval=progress_interval, waiting=waiting,
                      total=_count_now(paths)) as prog, _started(eng, first is not None):
            expansions.attach(prog)
            fn = partial(code_chunk, pipeline=tuple(s.pipeline), batch_size=s.batch_size, published=pub, settings=s)

            def write(res: ChunkResult) -> None:
                held = systemic_keys(res.keys, res.outputs, res.output_keys)
                if held:  # a configuration failure, not the documents': code them again on the next run
                    report.held += len(held)
                    log.warning("%d input(s) not marked done: every document failed for a systemic reason", len(held))
                    keys = [k for k in res.keys if k not in held]
                    errors = [o for o, k in zip(res.outputs, res.output_keys, strict=False)
                              if isinstance(o, DocError) and k not in held]
                    store.write_batch(res.records, errors, inputs_done=keys)
                    return
                store.write_batch(res.records, res.errors, inputs_done=res.keys)

            todo = itertools.chain([first], chunks) if first is not None else iter(())
            _run_engine(eng, fn, todo, stats, progress=prog, report=report, sink=write)
            if merge:
                prog.message("merging event mentions...")
                report.merged = store.merge(settings=store.merge_settings(s.merge))
        report.counts = dict(store.counts())
    report.seconds = time.perf_counter() - t0
    return report


def ingest_to_parquet(
    paths: Sequence[str | Path],
    *,
    out_dir: str | Path,
    engine: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    published: str | dt.date | None = None,
    chunk_size: int | None = None,
    settings: Settings | None = None,
    progress: str = "auto",
    progress_interval: float = 5.0,
) -> IngestReport:
    """Code every document under ``paths``; workers write Parquet parts under ``out_dir`` (which every
    worker must reach: a shared file system on a cluster). Inputs already in a part are skipped."""
    from ..knowledge_check import check_knowledge
    from .parquet import done_keys

    s = _settings(settings, engine=engine, workers=workers, scheduler=scheduler, chunk_size=chunk_size)
    check_knowledge(s.data_dirs)
    pub = _published(published)
    paths = normalise_inputs(paths)
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    stats: dict[str, int] = {}
    done = done_keys(out)
    eng = get_engine(s.engine, workers=s.workers, scheduler=s.scheduler, pipeline=tuple(s.pipeline))
    report = IngestReport(engine=eng.describe())
    expansions = _Expansions()
    chunks = plan_chunks(paths, done=done, published=pub, settings=s, chunk_size=s.chunk_size, stats=stats,
                         expand=expansions)
    first = next(chunks, None)
    with _started(eng, first is not None), Progress(label="code to parquet", mode=progress,
                                                    interval=progress_interval) as prog:
        expansions.attach(prog)
        _count_in_background(paths, prog)
        chunks = itertools.chain([first], chunks) if first is not None else iter(())
        fn = partial(code_chunk_to_parquet, out_dir=str(out), pipeline=tuple(s.pipeline), batch_size=s.batch_size,
                     published=pub, settings=s)

        def count(res: ChunkResult) -> None:
            report.parts += 1

        _run_engine(eng, fn, chunks, stats, progress=prog, report=report, sink=count)
    report.seconds = time.perf_counter() - t0
    return report


def in_order(results: Iterable[ChunkResult], chunk_keys: dict[int, list[str]]) -> Iterator[ChunkResult]:
    """Chunk results in chunk order, whatever order they complete in. ``chunk_keys`` maps each chunk
    index to its keys (filled as chunks are planned); a chunk split after a worker crash comes back in
    several results that together cover its keys."""
    waiting: dict[int, list[ChunkResult]] = {}
    got: dict[int, set[str]] = {}
    nxt = 0
    for res in results:
        waiting.setdefault(res.index, []).append(res)
        got.setdefault(res.index, set()).update(res.keys)
        while nxt in waiting and got[nxt] >= set(chunk_keys.get(nxt, ())):
            yield from waiting.pop(nxt)
            del got[nxt]
            chunk_keys.pop(nxt, None)
            nxt += 1
    for i in sorted(waiting):  # only if a chunk never completed (not expected)
        yield from waiting[i]


def code_paths(
    paths: Sequence[str | Path],
    *,
    engine: str | None = "sync",
    workers: int | None = None,
    scheduler: str | None = None,
    published: str | dt.date | None = None,
    chunk_size: int | None = None,
    settings: Settings | None = None,
) -> Iterator[ArticleRecord | DocError]:
    """Code the documents under ``paths`` on an engine and yield their records and errors in input order
    (``communique code`` over many files). No store, no checkpoint; documents a folder walk passes over
    yield nothing."""
    s = _settings(settings, engine=engine, workers=workers, scheduler=scheduler, chunk_size=chunk_size)
    pub = _published(published)
    chunk_keys: dict[int, list[str]] = {}

    def planned() -> Iterator[Chunk]:
        for chunk in plan_chunks(paths, done=frozenset(), published=pub, settings=s, chunk_size=s.chunk_size,
                                 stats={}):
            chunk_keys[chunk.index] = [k for k, _ in chunk.items] + [k for k, _ in chunk.files]
            yield chunk

    chunks = planned()
    first = next(chunks, None)
    if first is None:
        return
    eng = get_engine(s.engine, workers=s.workers, scheduler=s.scheduler, pipeline=tuple(s.pipeline))
    fn = partial(code_chunk, pipeline=tuple(s.pipeline), batch_size=s.batch_size, published=pub, settings=s)
    with eng:
        for res in in_order(eng.map(fn, itertools.chain([first], chunks)), chunk_keys):
            yield from res.outputs


def load_parquet(
    folder: str | Path,
    *,
    db: str | Path | None = None,
    settings: Settings | None = None,
    merge: bool = True,
    progress: str = "auto",
    progress_interval: float = 5.0,
) -> IngestReport:
    """Load the Parquet parts under ``folder`` into the store (one transaction per part; parts whose
    keys are all done are skipped), then merge."""
    from ..store import Store
    from .parquet import part_files, read_part

    s = settings or get_settings()
    db = db or s.db
    t0 = time.perf_counter()
    parts = part_files(Path(folder))
    report = IngestReport(engine="parquet")
    with Store(db) as store:
        done = store.done_inputs()
        with Progress(label="load parquet", mode=progress, interval=progress_interval, total=None) as prog:
            for path in parts:
                keys, records, errors = read_part(path)
                report.read += len(keys)
                if keys and all(k in done for k in keys):
                    report.skipped += len(keys)
                    prog.advance(skipped=len(keys))
                    continue
                store.write_batch(records, errors, inputs_done=keys)
                report.parts += 1
                report.coded += len(records)
                report.failed += len(errors)
                report.words += sum(len(r.article.text.split()) for r in records)
                prog.advance(coded=len(records), failed=len(errors), chunks=1)
            if merge:
                prog.message("merging event mentions...")
                report.merged = store.merge(settings=store.merge_settings(s.merge))
        report.counts = dict(store.counts())
    report.seconds = time.perf_counter() - t0
    return report
