"""Batch runs: read inputs, code them in chunks on an engine, and hand the results to the single writer.

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

import datetime as dt
import glob
import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from ..config import Settings, get_settings
from ..progress import Progress
from ..records import Article, DocError
from .checkpoint import keyed
from .engines import Engine, get_engine
from .work import Chunk, ChunkResult, code_chunk, code_chunk_to_parquet

log = logging.getLogger(__name__)


@dataclass
class IngestReport:
    """What a batch run did."""

    engine: str = ""
    read: int = 0
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

    @property
    def docs_per_second(self) -> float:
        return (self.coded + self.failed) / self.seconds if self.seconds else 0.0

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["docs_per_second"] = round(self.docs_per_second, 2)
        out["worker_peak_rss"] = {str(k): v for k, v in self.worker_peak_rss.items()}
        return out


def chunked(pairs: Iterable[tuple[str, Article | DocError]], size: int) -> Iterator[Chunk]:
    buf: list[tuple[str, Article | DocError]] = []
    index = 0
    for pair in pairs:
        buf.append(pair)
        if len(buf) >= size:
            yield Chunk(index, buf)
            index += 1
            buf = []
    if buf:
        yield Chunk(index, buf)


def estimate_documents(paths: Sequence[str | Path]) -> int:
    """A cheap estimate of the number of documents: one per file (files inside folders and globs
    counted, hidden ones not). Multi-document files (JSONL, feeds, WARC) make the real number larger."""
    n = 0
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for _root, dirs, files in os.walk(p):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                n += sum(1 for f in files if not f.startswith("."))
        elif p.exists():
            n += 1
        else:
            n += len(glob.glob(str(raw), recursive=True))
    return n


def _count_in_background(paths: Sequence[str | Path], progress: Progress) -> None:
    def run() -> None:
        try:
            n = estimate_documents(paths)
        except OSError:
            return
        if progress.total is None or n > progress.total:
            progress.set_total(max(n, progress.done))

    threading.Thread(target=run, daemon=True, name="count-inputs").start()


def _read(paths: Sequence[str | Path], published: str | dt.date | None, settings: Settings) -> Iterator[Article | DocError]:
    from ..ingest import read_paths

    return read_paths(list(paths), published=published, settings=settings)


def _run_engine(
    engine: Engine,
    fn: Any,
    pairs: Iterator[tuple[str, Article | DocError]],
    stats: dict[str, int],
    *,
    chunk_size: int,
    progress: Progress,
    report: IngestReport,
    sink: Any,
) -> None:
    skipped_seen = 0
    for res in engine.map(fn, chunked(pairs, chunk_size)):
        sink(res)
        report.coded += res.n_records
        report.failed += res.n_errors
        report.words += res.words
        report.chunks += 1
        if res.pid:
            report.worker_peak_rss[res.pid] = max(report.worker_peak_rss.get(res.pid, 0), res.maxrss)
        new_skipped = stats.get("skipped", 0) - skipped_seen
        skipped_seen += new_skipped
        progress.advance(coded=res.n_records, failed=res.n_errors, skipped=new_skipped, words=res.words, chunks=1)
    if stats.get("skipped", 0) > skipped_seen:
        progress.advance(skipped=stats.get("skipped", 0) - skipped_seen)


def _settings(settings: Settings | None, **overrides: Any) -> Settings:
    settings = settings or get_settings()
    changes = {k: v for k, v in overrides.items() if v is not None}
    return settings.model_copy(update=changes) if changes else settings


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
) -> IngestReport:
    """Code every document under ``paths`` into the store at ``db``, resuming where a previous run of the
    same inputs stopped."""
    from ..store import Store

    s = _settings(settings, engine=engine, workers=workers, scheduler=scheduler, chunk_size=chunk_size)
    db = db or s.db
    t0 = time.perf_counter()
    stats: dict[str, int] = {}
    with Store(db) as store:
        done = store.done_inputs()
        if done:
            log.info("resuming: %d inputs already in %s", len(done), db)
        eng = get_engine(s.engine, workers=s.workers, scheduler=s.scheduler, pipeline=tuple(s.pipeline))
        report = IngestReport(engine=eng.describe())
        with eng, Progress(label="ingest", mode=progress, interval=progress_interval) as prog:
            _count_in_background(paths, prog)
            pairs = keyed(_read(paths, published, s), done=done, stats=stats)
            fn = partial(code_chunk, pipeline=tuple(s.pipeline), batch_size=s.batch_size)

            def write(res: ChunkResult) -> None:
                store.write_batch(res.records, res.errors, inputs_done=res.keys)

            _run_engine(eng, fn, pairs, stats, chunk_size=s.chunk_size, progress=prog, report=report, sink=write)
            if merge:
                prog.message("merging event mentions...")
                report.merged = store.merge()
        report.counts = dict(store.counts())
    report.read, report.skipped, report.repeated = stats.get("read", 0), stats.get("skipped", 0), stats.get("repeated", 0)
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
    worker must reach: a shared file system on a cluster). Parts already there are skipped."""
    from .parquet import done_keys

    s = _settings(settings, engine=engine, workers=workers, scheduler=scheduler, chunk_size=chunk_size)
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    stats: dict[str, int] = {}
    done = done_keys(out)
    eng = get_engine(s.engine, workers=s.workers, scheduler=s.scheduler, pipeline=tuple(s.pipeline))
    report = IngestReport(engine=eng.describe())
    with eng, Progress(label="code to parquet", mode=progress, interval=progress_interval) as prog:
        _count_in_background(paths, prog)
        pairs = keyed(_read(paths, published, s), done=done, stats=stats)
        fn = partial(code_chunk_to_parquet, out_dir=str(out), pipeline=tuple(s.pipeline), batch_size=s.batch_size)

        def count(res: ChunkResult) -> None:
            report.parts += 1

        _run_engine(eng, fn, pairs, stats, chunk_size=s.chunk_size, progress=prog, report=report, sink=count)
    report.read, report.skipped, report.repeated = stats.get("read", 0), stats.get("skipped", 0), stats.get("repeated", 0)
    report.seconds = time.perf_counter() - t0
    return report


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
                report.merged = store.merge()
        report.counts = dict(store.counts())
    report.seconds = time.perf_counter() - t0
    return report
