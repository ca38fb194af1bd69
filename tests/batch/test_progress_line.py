"""The plain progress line: printed every --progress-every seconds, a total that grows as many-document
files are read, and no 100% before the end."""

from __future__ import annotations

import io
import time

from communique.batch.runner import plan_chunks
from communique.config import get_settings
from communique.progress import Progress


def test_plain_lines_come_on_time_without_chunks():
    out = io.StringIO()
    with Progress(mode="plain", interval=0.2, stream=out, total=10):
        time.sleep(1.0)  # a long chunk: nothing finishes
    lines = [x for x in out.getvalue().splitlines() if "progress:" in x]
    assert len(lines) >= 3


def test_estimated_total_grows_and_never_says_100_before_the_end():
    out = io.StringIO()
    with Progress(mode="plain", interval=0, stream=out) as prog:
        prog.estimate(2)  # two input files
        prog.advance(coded=2, chunks=1)  # both done, but one of them is a CSV of many rows
        assert "(99%)" in prog.status() and "100%" not in prog.status()
        prog.expand(8)
        assert prog.total == 10 and "(20%)" in prog.status()
        prog.advance(coded=8, chunks=1)
        assert "100%" not in out.getvalue()
    assert "10/10 docs (100%)" in prog.status()


def test_plan_chunks_tells_of_the_rows_of_a_csv(tmp_path):
    rows = "\n".join(f'"{i}",2021-06-0{i},"Norway and Iceland agreed to extend their fisheries accord, '
                     f'officials said ({i}).","Wire"' for i in range(1, 6))
    (tmp_path / "news.csv").write_text('"","date","text","source"\n' + rows + "\n", encoding="utf-8")
    (tmp_path / "one.txt").write_text("Chile recalled its ambassador from Peru on Wednesday.", encoding="utf-8")
    seen: list[int] = []
    chunks = list(plan_chunks([str(tmp_path)], done=frozenset(), published=None, settings=get_settings(),
                              chunk_size=10, stats={}, small_file_bytes=0, expand=seen.append))
    assert sum(len(c.items) for c in chunks) == 6
    assert sum(seen) == 4  # five rows: four beyond the one the file count gave


def test_before_the_first_document_the_line_says_what_is_loading():
    out = io.StringIO()
    with Progress(mode="plain", interval=0, stream=out, total=525, waiting="loading the model on 2 workers") as prog:
        assert "loading the model on 2 workers" in prog.status() and "525 inputs" in prog.status()
        assert "ETA ?" not in prog.status()
        prog.advance(coded=5, chunks=1)
        assert "5/525" in prog.status()
    assert "started, ~525 docs; loading the model on 2 workers" in out.getvalue()
