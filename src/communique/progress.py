"""Progress of a long batch: a rich progress bar (documents per second, ETA) on a terminal, and a plain
line every few seconds otherwise (logs, CI, ``nohup``), so an overnight run tells where it is.

The plain line looks like::

    progress: 1200/5000 docs (24%) coded 1180 failed 3 skipped 17 | 41.3 docs/s | ETA 0:01:32

``total`` is an estimate when the inputs hold several documents per file: :meth:`expand` grows it as a
multi-document file (CSV, JSON Lines, an archive) is read, and the percentage stays below 100% until the
run ends. In plain mode a line is printed every ``interval`` seconds (from a timer, even while a long
chunk is still being coded), not only when a chunk finishes.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from typing import IO, Any

log = logging.getLogger(__name__)


def _hms(seconds: float | None) -> str:
    if seconds is None or seconds != seconds or seconds == float("inf"):
        return "?"
    s = int(round(seconds))
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}"


class Progress:
    """Counts documents and reports. Use as a context manager; call :meth:`advance` per chunk.

    ``mode`` is ``auto`` (bar on a terminal, plain lines otherwise), ``bar``, ``plain`` or ``off``;
    ``interval`` is the seconds between plain lines (0: a line per :meth:`advance`)."""

    def __init__(
        self,
        *,
        total: int | None = None,
        label: str = "coding",
        mode: str = "auto",
        interval: float = 5.0,
        stream: IO[str] | None = None,
        waiting: str | None = None,
    ) -> None:
        self.stream = stream or sys.stderr
        #: what the run does before its first document ("loading the model on 2 workers"): said in place
        #: of an empty count while nothing is done
        self.waiting = waiting
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "plain"
        self.mode = mode
        self.total = total
        self.label = label
        self.interval = interval
        self.coded = 0
        self.failed = 0
        self.skipped = 0
        self.words = 0
        self.chunks = 0
        self._t0 = time.monotonic()
        self._last_line = 0.0
        self._bar: Any = None
        self._task: Any = None
        self._base: int | None = total  # the estimate (one document per file)
        self._extra = 0  # documents seen beyond one per file (multi-document files)
        self._finished = False
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    # ---------------------------------------------------------------------------------------------
    @property
    def done(self) -> int:
        return self.coded + self.failed + self.skipped

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self._t0

    @property
    def rate(self) -> float:
        """Documents coded (or failed) per second since the start."""
        el = self.elapsed
        return (self.coded + self.failed) / el if el > 0 else 0.0

    @property
    def eta(self) -> float | None:
        if self.total is None or self.rate <= 0:
            return None
        return max(self.total - self.done, 0) / self.rate

    def __enter__(self) -> Progress:
        if self.mode == "bar":
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("[bold]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]:.1f} docs/s"),
                TextColumn("ETA {task.fields[eta]}"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[extra]}"),
                console=Console(file=self.stream),
                transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task(self.label, total=self.total, rate=0.0, eta="?",
                                            extra=f"{self.waiting}..." if self.waiting else "")
        elif self.mode == "plain":
            self._line(f"{self.label}: started" + (f", ~{self.total} docs" if self.total is not None else "")
                       + (f"; {self.waiting}..." if self.waiting else ""))
            if self.interval > 0:
                self._ticker = threading.Thread(target=self._tick, daemon=True, name="progress")
                self._ticker.start()
        return self

    def _tick(self) -> None:
        """Print the status line every ``interval`` seconds, whether or not a chunk finished."""
        while not self._stop.wait(min(self.interval, 0.5)):
            if time.monotonic() - self._last_line >= self.interval:
                self._line(self.status())

    def __exit__(self, *exc: object) -> None:
        self._finished = True
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=2)
            self._ticker = None
        if self._bar is not None:
            self._refresh()
            self._bar.stop()
            self._bar = None
        elif self.mode == "plain":
            self._line(self.summary())

    # ---------------------------------------------------------------------------------------------
    def advance(self, *, coded: int = 0, failed: int = 0, skipped: int = 0, words: int = 0, chunks: int = 0) -> None:
        self.coded += coded
        self.failed += failed
        self.skipped += skipped
        self.words += words
        self.chunks += chunks
        if self.total is not None and self.done > self.total:
            self.total = self.done
        if self._bar is not None:
            self._refresh()
        elif self.mode == "plain":
            now = time.monotonic()
            if self.interval <= 0 or now - self._last_line >= self.interval:
                self._line(self.status())

    def set_total(self, total: int | None) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.update(self._task, total=total)

    def estimate(self, files: int) -> None:
        """The estimate from counting input files (one document each), plus the documents already seen
        beyond one per file."""
        self._base = files
        self.set_total(max(files + self._extra, self.done))

    def expand(self, more: int = 1) -> None:
        """``more`` documents beyond the estimate (a multi-document file holds more than one)."""
        self._extra += more
        if self.total is not None:
            self.set_total(max((self._base or 0) + self._extra, self.total, self.done))

    def status(self) -> str:
        total = f"/{self.total}" if self.total is not None else ""
        if self.done == 0 and self.waiting and not self._finished:
            inputs = f" ({self.total} inputs counted)" if self.total is not None else ""
            return f"progress: {self.waiting}...{inputs} {_hms(self.elapsed)} elapsed"
        pct = ""
        if self.total:
            share = 100 * self.done / self.total
            # an estimated total is never reached before the end: at most 99% while running
            pct = f" ({min(share, 99) if not self._finished else share:.0f}%)"
        return (f"progress: {self.done}{total} docs{pct} coded {self.coded} failed {self.failed} "
                f"skipped {self.skipped} chunks {self.chunks} | {self.rate:.1f} docs/s | ETA {_hms(self.eta)}")

    def summary(self) -> str:
        return (f"{self.label}: {self.coded} coded, {self.failed} failed, {self.skipped} already done, "
                f"{self.rate:.1f} docs/s, {self.words / self.elapsed if self.elapsed else 0:.0f} words/s, "
                f"{_hms(self.elapsed)} elapsed")

    def message(self, text: str) -> None:
        """A one-off line (phase changes: merging, loading...)."""
        if self._bar is not None:
            self._bar.console.print(text)
        elif self.mode != "off":
            self._line(text)

    def _refresh(self) -> None:
        extra = f"failed {self.failed}" + (f", skipped {self.skipped}" if self.skipped else "")
        if self.done == 0 and self.waiting:
            extra = f"{self.waiting}..."
        self._bar.update(self._task, completed=self.done, total=self.total, rate=self.rate, eta=_hms(self.eta),
                         extra=extra)

    def _line(self, text: str) -> None:
        with self._lock:
            self._last_line = time.monotonic()
            self.stream.write(f"{time.strftime('%H:%M:%S')} {text}\n")
            self.stream.flush()
