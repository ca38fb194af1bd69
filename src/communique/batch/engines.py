"""Batch engines, chosen by name from a small registry (like ``dask``'s ``get_scheduler``).

An engine maps a picklable function over chunks and yields each :class:`ChunkResult` as it completes,
tagged with its chunk index (so the single writer may write them in any order: each chunk carries the
checkpoint keys of the inputs it covers). At most ``max_pending`` chunks are in flight, so memory stays
bounded whatever the size of the input.

========== ====================================================================================
``sync``       in this process, one chunk after another (debugging, tests, tiny inputs)
``processes``  a local pool of worker processes (spawned), one per core by default; each loads the
               model once; workers exit by themselves when the writer dies, even by SIGKILL
``dask``       a Dask cluster: ``scheduler="tcp://host:port"``, or a LocalCluster with ``workers``
               single-threaded worker processes when no scheduler is given (needs ``communique[dask]``)
========== ====================================================================================
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, ClassVar

from ..errors import CommuniqueError, ConfigError, MissingExtra
from ..records import ArticleRecord, DocError
from .work import Chunk, ChunkResult, init_process_worker, warm

log = logging.getLogger(__name__)

ChunkFn = Callable[[Chunk], ChunkResult]

#: environment set for worker processes so numeric libraries do not start a thread per core each
_SINGLE_THREAD_ENV = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

#: Dask's nanny sets MALLOC_TRIM_THRESHOLD_, which switches off glibc's adaptive mmap threshold: every
#: large array spaCy allocates is then mmapped and unmapped again (15 times more page faults, about 10%
#: more CPU in our measurement). A fixed mmap threshold restores heap allocation for them.
#: Dask workers also sample every thread's stack every 10 ms for the dashboard's profile: off here.
_DASK_WORKER_ENV = {**_SINGLE_THREAD_ENV, "MALLOC_MMAP_THRESHOLD_": str(32 * 2**20),
                    "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False"}


class BatchError(CommuniqueError):
    code = "batch_error"


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class Engine:
    """Base class: use as a context manager, then :meth:`map`."""

    name: ClassVar[str] = ""

    def __init__(
        self,
        *,
        workers: int = 0,
        scheduler: str | None = None,
        pipeline: tuple[str, ...] | None = None,
        max_pending: int = 0,
    ) -> None:
        self.workers = workers or default_workers()
        self.scheduler = scheduler
        self.pipeline = pipeline
        self.max_pending = max_pending or 2 * self.workers

    def start(self) -> None:
        """Start workers and load the model in each (before any timing)."""

    def close(self) -> None:
        """Stop the workers."""

    def map(self, fn: ChunkFn, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        raise NotImplementedError

    def describe(self) -> str:
        return f"{self.name} x{self.workers}"

    def __enter__(self) -> Engine:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class SyncEngine(Engine):
    name = "sync"

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self.workers = 1

    def start(self) -> None:
        warm(self.pipeline)

    def map(self, fn: ChunkFn, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        for chunk in chunks:
            yield fn(chunk)


def _crashed(chunk: Chunk, reason: str) -> ChunkResult:
    """A chunk (one document, or one small file) whose worker died even alone: every document becomes
    an error, and the run goes on."""
    outputs: list[ArticleRecord | DocError] = []
    keys: list[str] = []
    for key, item in chunk.items:
        keys.append(key)
        if isinstance(item, DocError):
            outputs.append(item)
        else:
            outputs.append(DocError(document=item.document or item.id, code="worker_crashed",
                                    message=f"the worker coding this document died: {reason}",
                                    input_id=item.input_id))
    for key, path in chunk.files:
        keys.append(key)
        outputs.append(DocError(document=path, code="worker_crashed",
                                message=f"the worker reading or coding this file died: {reason}"))
    return ChunkResult(index=chunk.index, keys=keys, outputs=outputs, output_keys=list(keys), n_errors=len(outputs))


class ProcessEngine(Engine):
    name = "processes"

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self._pool: ProcessPoolExecutor | None = None

    #: load the model in every worker when it starts (off: workers load it on first use)
    preload = True
    #: a worker is replaced by a fresh one after this many chunks (0: never), so memory a component
    #: keeps by mistake cannot grow without bound over a night's run; COMMUNIQUE_WORKER_MAX_CHUNKS
    max_chunks_per_worker = int(os.environ.get("COMMUNIQUE_WORKER_MAX_CHUNKS", "200"))

    def _new_pool(self) -> ProcessPoolExecutor:
        for k, v in _SINGLE_THREAD_ENV.items():
            os.environ.setdefault(k, v)
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=init_process_worker,
            initargs=(os.getpid(), self.pipeline, self.preload),
            max_tasks_per_child=self.max_chunks_per_worker or None,
        )

    def start(self) -> None:
        self._pool = self._new_pool()
        if not self.preload:
            return
        # every worker starts at the first submit and loads the model in its initializer; wait for it
        futures = [self._pool.submit(warm, self.pipeline, 0.05) for _ in range(self.workers)]
        pids = {f.result() for f in futures}
        log.info("processes engine: %d workers ready (%s)", len(pids), sorted(pids))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def map(self, fn: ChunkFn, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        """Chunks as they complete. When a worker dies (out of memory, a crash in native code) every
        chunk in flight fails with it: those become *suspects*, run again one at a time on a fresh pool,
        so that a death is the running chunk's own. A suspect that kills its worker alone is split into
        single documents; a single document that does is recorded as a ``worker_crashed`` error."""
        if self._pool is None:
            self.start()
        it = iter(chunks)
        pending: dict[Future, Chunk] = {}
        alone: set[Future] = set()
        suspects: list[Chunk] = []
        exhausted = False

        def fill() -> None:
            nonlocal exhausted
            assert self._pool is not None
            if suspects:
                if not pending:
                    chunk = suspects.pop(0)
                    fut = self._pool.submit(fn, chunk)
                    pending[fut] = chunk
                    alone.add(fut)
                return
            while not exhausted and len(pending) < self.max_pending:
                try:
                    chunk = next(it)
                except StopIteration:
                    exhausted = True
                    return
                pending[self._pool.submit(fn, chunk)] = chunk

        fill()
        while pending:
            done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
            results: list[ChunkResult] = []
            broken = False
            for fut in done:
                chunk = pending.pop(fut)
                was_alone = fut in alone
                alone.discard(fut)
                try:
                    results.append(fut.result())
                except BrokenProcessPool as exc:
                    broken = True
                    if not was_alone:
                        suspects.append(chunk)
                    elif len(chunk) > 1:
                        log.warning("chunk %d kills its worker: retrying its %d documents one by one",
                                    chunk.index, len(chunk))
                        suspects[:0] = _split(chunk)
                    else:
                        log.error("%s kills its worker: recorded as a worker_crashed error", _names(chunk))
                        results.append(_crashed(chunk, str(exc) or "the worker process died"))
            if broken:
                # the other chunks in flight failed with the pool (or finished just before it broke)
                for fut, chunk in list(pending.items()):
                    if fut.done() and fut.exception() is None:
                        results.append(fut.result())
                    else:
                        suspects.append(chunk)
                pending.clear()
                alone.clear()
                suspects.sort(key=lambda c: c.index)
                log.warning("a worker process died: new pool, %d chunks to run again one at a time", len(suspects))
                assert self._pool is not None
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()
            # refill before handing results to the writer, so workers code while it writes
            fill()
            yield from sorted(results, key=lambda r: r.index)


def _split(chunk: Chunk) -> list[Chunk]:
    return [Chunk(chunk.index, items=[it]) for it in chunk.items] + [Chunk(chunk.index, files=[f]) for f in chunk.files]


def _names(chunk: Chunk) -> str:
    return ", ".join([k for k, _ in chunk.items] + [p for _, p in chunk.files])


class DaskEngine(Engine):
    name = "dask"

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        self._client: Any = None
        self._cluster: Any = None

    def start(self) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise MissingExtra("distributed", "dask") from exc
        if logging.getLogger().getEffectiveLevel() >= logging.WARNING:
            # distributed sets its loggers to INFO from its own config: keep them quiet unless asked (-v)
            for name in ("distributed", "distributed.scheduler", "distributed.nanny", "distributed.worker",
                         "distributed.core", "distributed.http.proxy"):
                logging.getLogger(name).setLevel(logging.WARNING)
        if self.scheduler:
            self._client = Client(self.scheduler)
            n = len(self._client.scheduler_info().get("workers", {}))
            self.workers = n or self.workers
            self.max_pending = max(self.max_pending, 2 * self.workers)
        else:
            import dask

            dask.config.set({"distributed.worker.profile.enabled": False})
            self._cluster = LocalCluster(
                n_workers=self.workers, threads_per_worker=1, processes=True,
                dashboard_address=None, silence_logs=logging.WARNING, env=dict(_DASK_WORKER_ENV),
            )
            self._client = Client(self._cluster)
        # load the model once on every worker now (workers that join later load it on first use)
        self._client.run(warm, self.pipeline)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def describe(self) -> str:
        where = self.scheduler or "LocalCluster"
        return f"dask x{self.workers} ({where})"

    def map(self, fn: ChunkFn, chunks: Iterable[Chunk]) -> Iterator[ChunkResult]:
        from distributed import as_completed

        if self._client is None:
            self.start()
        client = self._client
        it = iter(chunks)
        inflight = 0
        ac = as_completed()
        exhausted = False

        def fill() -> None:
            nonlocal inflight, exhausted
            while not exhausted and inflight < self.max_pending:
                try:
                    chunk = next(it)
                except StopIteration:
                    exhausted = True
                    return
                ac.add(client.submit(fn, chunk, pure=False))
                inflight += 1

        fill()
        while inflight:
            fut = next(ac)
            inflight -= 1
            res = fut.result()
            fut.release()
            fill()
            yield res


ENGINES: dict[str, type[Engine]] = {}


def register_engine(cls: type[Engine]) -> type[Engine]:
    """Add an engine class under its ``name`` (usable as a decorator)."""
    ENGINES[cls.name] = cls
    return cls


for _cls in (SyncEngine, ProcessEngine, DaskEngine):
    register_engine(_cls)


def get_engine(
    name: str = "processes",
    *,
    workers: int = 0,
    scheduler: str | None = None,
    pipeline: tuple[str, ...] | None = None,
    max_pending: int = 0,
) -> Engine:
    """The engine registered as ``name`` (``sync``, ``processes``, ``dask``). A scheduler address implies
    ``dask``."""
    if scheduler and name != "dask":
        if name not in ("processes", ""):
            raise ConfigError(f"--scheduler needs the dask engine, not {name!r}")
        name = "dask"
    try:
        cls = ENGINES[name]
    except KeyError:
        raise ConfigError(f"unknown batch engine {name!r}: choose one of {', '.join(sorted(ENGINES))}") from None
    if cls is DaskEngine:
        try:
            import distributed  # noqa: F401
        except ImportError as exc:
            raise MissingExtra("distributed", "dask") from exc
    return cls(workers=workers, scheduler=scheduler, pipeline=pipeline, max_pending=max_pending)
