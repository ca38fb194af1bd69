"""What travels between the writer and the workers: chunks of keyed documents in, coded chunks out.

Everything here is module-level and picklable, so the same functions run in the main process (``sync``),
in a local process pool (``processes``) and on Dask workers (``dask``). The spaCy pipeline loads once per
worker process (``get_nlp`` is cached per process) and is reused for every chunk that worker codes.
"""

from __future__ import annotations

import logging
import os
import resource
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..config import Settings
from ..records import Article, ArticleRecord, DocError

log = logging.getLogger(__name__)

@dataclass(slots=True)
class Chunk:
    """Work for one worker, tagged by ``index``. Either ``items``: (checkpoint key, Article or read
    error) pairs read by the writer, or ``files``: (checkpoint key, path) pairs of small files that the
    worker reads itself (so reading, HTML extraction included, runs in parallel too)."""

    index: int
    items: list[tuple[str, Article | DocError]] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items) + len(self.files)


@dataclass(slots=True)
class ChunkResult:
    """A coded chunk. ``keys`` are the checkpoint keys the chunk completes (file or document keys);
    ``outputs`` the article record or per-document error (read or coding) of every document, and
    ``output_keys`` the key each output belongs to (aligned with ``outputs``). When the worker wrote
    Parquet itself, ``part`` names the file and ``outputs`` is empty."""

    index: int
    keys: list[str]
    outputs: list[ArticleRecord | DocError] = field(default_factory=list)
    output_keys: list[str] = field(default_factory=list)
    n_records: int = 0
    n_errors: int = 0
    n_passed: int = 0  # files a folder walk or an archive passes over (not articles, not failures)
    words: int = 0
    part: str | None = None
    pid: int = 0
    maxrss: int = 0  # peak resident memory of the worker process so far, in bytes
    seconds: float = 0.0  # time spent reading and coding in the worker
    cpu: float = 0.0  # CPU seconds the worker spent on it

    @property
    def records(self) -> list[ArticleRecord]:
        return [o for o in self.outputs if isinstance(o, ArticleRecord)]

    @property
    def errors(self) -> list[DocError]:
        return [o for o in self.outputs if isinstance(o, DocError)]


def is_passed_over(item: Article | DocError) -> bool:
    """A DocError that is not a failure (a LICENSE file in a folder, a WARC record that is no page)."""
    return isinstance(item, DocError) and bool(getattr(item, "skipped", False))


def peak_rss() -> int:
    """Peak resident set size of this process, in bytes (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if os.uname().sysname == "Darwin" else peak * 1024


def worker_nlp(pipeline: tuple[str, ...] | None):
    """The pipeline of this process: the default one (shared with ``get_nlp()``) when ``pipeline`` is the
    configured one, else one built for ``pipeline``."""
    from ..config import get_settings
    from ..nlp import get_nlp

    if pipeline is None or list(pipeline) == list(get_settings().pipeline):
        return get_nlp()
    return get_nlp(tuple(pipeline))


def read_files(
    files: list[tuple[str, str]], *, published: str | None = None, settings: Settings | None = None
) -> tuple[list[tuple[str, Article | DocError]], int]:
    """Read the files of a chunk: ((file key, document) pairs in input order, documents passed over)."""
    from ..ingest import read_paths

    items: list[tuple[str, Article | DocError]] = []
    passed = 0
    for key, path in files:
        for item in read_paths([path], published=published, settings=settings):
            if is_passed_over(item):
                passed += 1
            else:
                items.append((key, item))
    return items, passed


def code_chunk(
    chunk: Chunk,
    *,
    pipeline: tuple[str, ...] | None = None,
    batch_size: int = 16,
    published: str | None = None,
    settings: Settings | None = None,
) -> ChunkResult:
    """Read (when the chunk holds files) and code one chunk. A read error passes through; an article that
    fails to code becomes a DocError (``code_articles`` never stops for one document)."""
    from ..coder import code_articles

    t0, c0 = time.perf_counter(), time.process_time()
    nlp = worker_nlp(pipeline)
    pairs = list(chunk.items)
    passed = 0
    if chunk.files:
        read, passed = read_files(chunk.files, published=published, settings=settings)
        pairs.extend(read)
    items = [it for _, it in pairs]
    from ..config import get_settings

    batch_chars = (settings or get_settings()).batch_chars
    outputs = list(code_articles(items, nlp=nlp, batch_size=batch_size, batch_chars=batch_chars))
    if len(outputs) != len(items):  # the coder yields one output per input; never write a misaligned chunk
        raise RuntimeError(f"chunk {chunk.index}: {len(items)} inputs but {len(outputs)} outputs")
    words = sum(len(o.article.text.split()) for o in outputs if isinstance(o, ArticleRecord))
    n_errors = sum(isinstance(o, DocError) for o in outputs)
    return ChunkResult(
        index=chunk.index,
        keys=[k for k, _ in chunk.items] + [k for k, _ in chunk.files],
        outputs=outputs,
        output_keys=[k for k, _ in pairs],
        n_records=len(outputs) - n_errors,
        n_errors=n_errors,
        n_passed=passed,
        words=words,
        pid=os.getpid(),
        maxrss=peak_rss(),
        seconds=time.perf_counter() - t0,
        cpu=time.process_time() - c0,
    )


def code_chunk_to_parquet(
    chunk: Chunk,
    *,
    out_dir: str,
    pipeline: tuple[str, ...] | None = None,
    batch_size: int = 16,
    published: str | None = None,
    settings: Settings | None = None,
) -> ChunkResult:
    """Code one chunk and write it as one Parquet part under ``out_dir`` (a folder every worker can
    reach). Only the summary travels back to the client."""
    from .checkpoint import systemic_keys
    from .parquet import write_part

    res = code_chunk(chunk, pipeline=pipeline, batch_size=batch_size, published=published, settings=settings)
    held = systemic_keys(res.keys, res.outputs, res.output_keys)
    if held:  # a configuration failure: no part holds these keys, so a later run codes them
        kept = [(o, k) for o, k in zip(res.outputs, res.output_keys, strict=False) if k not in held]
        res.keys = [k for k in res.keys if k not in held]
        res.outputs, res.output_keys = [o for o, _ in kept], [k for _, k in kept]
        res.n_errors = sum(isinstance(o, DocError) for o in res.outputs)
    res.part = str(write_part(Path(out_dir), res))
    res.outputs = []
    return res


#: an error raised while a worker loaded the pipeline in its initializer, re-raised by its first task
_init_error: BaseException | None = None

def warm(pipeline: tuple[str, ...] | None = None, delay: float = 0.0) -> int:
    """Load the pipeline in this worker (``get_nlp`` codes a warm-up document, so the knowledge components
    load lazily is loaded too); returns the pid."""
    if _init_error is not None:
        raise _init_error
    worker_nlp(pipeline)
    if delay:
        time.sleep(delay)
    return os.getpid()


def _watch_parent(parent: int, interval: float) -> None:
    while True:
        time.sleep(interval)
        if os.getppid() != parent:
            # the writer is gone (killed): a worker has nothing to hand its results to
            os._exit(1)


def init_process_worker(parent: int, pipeline: tuple[str, ...] | None, load: bool = True) -> None:
    """Initializer of a local worker process: exit when the parent dies (even by SIGKILL), then load
    the pipeline once. A failing load is kept and raised by the first task (an initializer that
    raises would only break the pool without saying why)."""
    global _init_error
    threading.Thread(target=_watch_parent, args=(parent, 0.5), daemon=True, name="parent-watch").start()
    if load:
        try:
            worker_nlp(pipeline)
        except Exception as exc:
            _init_error = exc
