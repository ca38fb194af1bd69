"""Engines, chunk planning, checkpoint keys, Parquet parts and progress, in this process (sync engine)."""

from __future__ import annotations

import io
import os
import sys
from functools import partial

import pytest

from communique.batch import (
    ENGINES,
    Chunk,
    SyncEngine,
    code_chunk,
    file_key,
    get_engine,
    ingest,
    input_key,
    plan_chunks,
)
from communique.batch.parquet import done_keys, read_part, write_part
from communique.config import get_settings
from communique.errors import ConfigError, MissingExtra
from communique.progress import Progress
from communique.records import Article, ArticleRecord, DocError


def test_registry_chooses_engines_by_name():
    assert {"sync", "processes", "dask"} <= set(ENGINES)
    assert isinstance(get_engine("sync"), SyncEngine)
    proc = get_engine("processes", workers=3)
    assert proc.workers == 3 and proc.max_pending == 6
    assert get_engine("processes").workers == len(os.sched_getaffinity(0))  # one per core by default
    with pytest.raises(ConfigError, match="unknown batch engine"):
        get_engine("threads")
    assert get_engine("processes", scheduler="tcp://127.0.0.1:8786").name == "dask"  # a scheduler implies dask
    with pytest.raises(ConfigError):
        get_engine("sync", scheduler="tcp://127.0.0.1:8786")


def test_dask_engine_without_distributed_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if the extra were not installed
    with pytest.raises(MissingExtra) as exc:
        get_engine("dask")
    assert "communique[dask]" in str(exc.value)


def test_keys_name_document_and_content():
    a = Article(text="Kenya and Chile signed a trade agreement.", document="wire.jsonl#3")
    b = Article(text="Kenya and Chile signed a trade agreement!", document="wire.jsonl#3")
    assert input_key(a).startswith("wire.jsonl#3|sha256:")
    assert input_key(a) != input_key(b)  # changed content, new key
    err = DocError(document="x.txt", code="empty", message="empty")
    assert input_key(err) == "x.txt|error:empty"


def test_plan_chunks_small_files_whole_large_files_by_document(batch_corpus, monkeypatch):
    settings = get_settings()
    stats: dict[str, int] = {}
    chunks = list(plan_chunks([batch_corpus, batch_corpus / "article-000.txt"], done=set(), published=None,
                              settings=settings, chunk_size=4, stats=stats, small_file_bytes=2000))
    files = [k for c in chunks for k, _ in c.files]
    docs = [k for c in chunks for k, _ in c.items]
    assert all(k.startswith("file:") for k in files)
    assert len([k for k in files if k.endswith(".txt") or ".txt|" in k]) == 31  # 30 articles + empty.txt
    assert sum(1 for k in docs if "wire.jsonl" in k) == 6  # read here, one key per document
    assert any("garbage.txt|error:" in k for k in docs)  # too big for a worker: read here, an error
    assert stats["repeated"] == 1  # article-000.txt given twice
    assert all(len(c) <= 4 for c in chunks)
    assert [c.index for c in chunks] == list(range(len(chunks)))
    # resuming: keys already done are skipped without reading the file
    done = set(files[:10]) | set(docs[:3])
    stats2: dict[str, int] = {}
    again = list(plan_chunks([batch_corpus], done=done, published=None, settings=settings, chunk_size=4,
                             stats=stats2, small_file_bytes=2000))
    left = {k for c in again for k, _ in [*c.files, *c.items]}
    assert not (left & done)
    assert stats2["skipped"] == 13
    assert left | done == set(files) | set(docs)


def test_small_container_files_are_split_among_workers(tmp_path):
    """A JSON Lines file or a zipped table under the small-file limit still holds many articles: it is read
    by the writer and split into chunks of documents, so that several workers share it."""
    import json
    import zipfile

    rows = [{"text": f"Officials in Lima said the ministry of trade opened office number {i} on Monday. " * 12,
             "document": f"wire-{i}"} for i in range(60)]
    wire = tmp_path / "wire.jsonl"
    wire.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    table = tmp_path / "table.csv"
    table.write_text("date,text\n" + "".join(f'2024-01-02,"{r["text"]}"\n' for r in rows), encoding="utf-8")
    with zipfile.ZipFile(tmp_path / "table.zip", "w") as zf:
        zf.write(table, "table.csv")
    table.unlink()
    tiny = tmp_path / "tiny.jsonl"
    tiny.write_text(json.dumps(rows[0]), encoding="utf-8")
    assert 16_000 < wire.stat().st_size < 2_000_000
    chunks = list(plan_chunks([wire, tmp_path / "table.zip", tiny], done=set(), published=None,
                              settings=get_settings(), chunk_size=8, stats={}))
    item_chunks = [c for c in chunks if c.items]
    assert len(item_chunks) >= 2 * (60 // 8)  # both containers, in chunks of at most 8 documents
    assert all(len(c.items) <= 8 for c in item_chunks)
    keys = [k for c in chunks for k, _ in c.items]
    assert sum("wire.jsonl" in k for k in keys) == 60 and sum("table.zip" in k for k in keys) == 60
    assert any("tiny.jsonl" in k for c in chunks for k, _ in c.files)  # a tiny file still goes whole


def test_sync_engine_codes_chunks_in_order(nlp, batch_corpus):
    settings = get_settings()
    chunks = plan_chunks([batch_corpus], done=set(), published="2024-05-01", settings=settings, chunk_size=8,
                         stats={}, small_file_bytes=2000)
    fn = partial(code_chunk, pipeline=tuple(settings.pipeline), batch_size=4, published="2024-05-01")
    results = list(SyncEngine().map(fn, chunks))
    outputs = [o for r in results for o in r.outputs]
    records = [o for o in outputs if isinstance(o, ArticleRecord)]
    errors = [o for o in outputs if isinstance(o, DocError)]
    assert len(records) == 36 and len(errors) == 2
    assert {e.code for e in errors} <= {"empty", "binary", "undecodable"}
    assert all(len(r.output_keys) == len(r.outputs) for r in results)
    # a text file's record is checkpointed under its file key, with the given publication date
    for r in results:
        for key, out in zip(r.output_keys, r.outputs, strict=True):
            if isinstance(out, ArticleRecord) and key.startswith("file:"):
                assert key.startswith(f"file:{out.article.document}|")
                assert out.article.published == "2024-05-01"
    assert sum(r.words for r in results) > 1000


def test_ingest_sync_is_idempotent_and_recodes_a_changed_file(nlp, batch_corpus, tmp_path):
    from communique.store import Store

    corpus = tmp_path / "in"
    corpus.mkdir()
    for p in sorted(batch_corpus.glob("article-00*.txt")):
        (corpus / p.name).write_bytes(p.read_bytes())
    db = tmp_path / "s.duckdb"
    first = ingest([corpus], db=db, engine="sync", chunk_size=3, progress="off")
    assert first.coded == 10 and first.failed == 0 and first.chunks == 4
    with Store(db, read_only=True) as store:
        counts = store.counts()
    assert counts["articles"] == 10 and counts["inputs_done"] == 10
    again = ingest([corpus], db=db, engine="sync", chunk_size=3, progress="off")
    assert again.coded == 0 and again.skipped == 10
    assert again.counts == counts
    # a file that changed gets a new key: it alone is coded again, its old article replaced
    target = corpus / "article-003.txt"
    target.write_text(target.read_text(encoding="utf-8").replace("this year", "this season"), encoding="utf-8")
    third = ingest([corpus], db=db, engine="sync", chunk_size=3, progress="off")
    assert third.coded == 1 and third.skipped == 9
    assert third.counts["articles"] == 11  # a new text is a new article (ids come from content)


def test_parquet_part_round_trip(nlp, batch_corpus, tmp_path):
    settings = get_settings()
    chunk = next(plan_chunks([batch_corpus], done=set(), published=None, settings=settings, chunk_size=5,
                             stats={}, small_file_bytes=2000))
    res = code_chunk(chunk, pipeline=tuple(settings.pipeline))
    path = write_part(tmp_path / "parts", res)
    assert path.name.startswith("part-") and path.suffix == ".parquet"
    assert write_part(tmp_path / "parts", res) == path  # same chunk, same part: rewriting is harmless
    keys, records, errors = read_part(path)
    assert set(keys) == set(res.keys)
    assert [r.to_dict() for r in records] == [r.to_dict() for r in res.records]
    assert len(errors) == len(res.errors)
    assert done_keys(tmp_path / "parts") == set(res.keys)
    assert not list((tmp_path / "parts").glob(".*.tmp"))


def test_progress_plain_lines_and_bar():
    out = io.StringIO()
    with Progress(total=10, label="ingest", interval=0, stream=out) as prog:  # not a terminal: plain lines
        assert prog.mode == "plain"
        prog.advance(coded=3, failed=1, chunks=1)
        prog.advance(coded=8, chunks=1)  # more than the estimated total: the total grows
    lines = out.getvalue().splitlines()
    assert any("progress: 4/10 docs (40%)" in ln and "docs/s" in ln and "ETA" in ln for ln in lines)
    assert any("12/12 docs" in ln for ln in lines)
    assert "11 coded, 1 failed" in lines[-1]
    quiet = io.StringIO()
    with Progress(total=5, interval=60, stream=quiet) as prog:
        for _ in range(5):
            prog.advance(coded=1)
    assert len(quiet.getvalue().splitlines()) == 2  # start and summary: no line within 60 s
    bar = io.StringIO()
    with Progress(total=4, mode="bar", stream=bar) as prog:
        prog.advance(coded=4)
    assert "4/4" in bar.getvalue() and "docs/s" in bar.getvalue()


def test_chunk_of_files_reads_in_the_worker(nlp, tmp_path):
    p = tmp_path / "one.txt"
    p.write_text("Norway hosts talks\n\nNorway and Chile held talks in Oslo on Monday.\n", encoding="utf-8")
    chunk = Chunk(0, files=[(file_key(p), str(p))])
    res = code_chunk(chunk, pipeline=tuple(get_settings().pipeline))
    assert res.keys == [file_key(p)] and res.n_records == 1
    assert res.records[0].article.document == str(p)
    assert res.maxrss > 50 * 2**20 and res.pid == os.getpid()


def test_a_document_that_kills_its_worker_is_isolated_and_the_run_goes_on():
    from communique.batch import ProcessEngine

    from .batch_helpers import die_on_marker

    arts = [Article(text=f"Chile and Kenya held talks, round {i}.", document=f"d{i}") for i in range(18)]
    arts[7] = Article(text="WORKER-KILLER in this text", document="d7")
    chunks = [Chunk(i, items=[(input_key(a), a) for a in arts[3 * i:3 * i + 3]]) for i in range(6)]
    eng = ProcessEngine(workers=2)
    eng.preload = False  # the chunk function needs no model
    with eng:
        results = list(eng.map(die_on_marker, chunks))
    keys = [k for r in results for k in r.keys]
    assert sorted(keys) == sorted(input_key(a) for a in arts)  # every document once, none lost
    crashed = [o for r in results for o in r.outputs if isinstance(o, DocError)]
    assert [(e.document, e.code) for e in crashed] == [("d7", "worker_crashed")]
    assert sum(r.n_records for r in results) == 17


def test_code_paths_yields_in_input_order(nlp, batch_corpus):
    from communique.batch import code_paths
    from communique.ingest import read_paths

    paths = [batch_corpus / "wire.jsonl", batch_corpus / "article-001.txt", batch_corpus / "article-000.txt"]
    expected = [o.document for o in read_paths(paths)]
    got = list(code_paths(paths, engine="sync", chunk_size=2))
    assert [o.document if isinstance(o, DocError) else o.article.document for o in got] == expected
    assert len(got) == 8


def test_in_order_reorders_completed_chunks_and_split_pieces():
    from communique.batch import ChunkResult, in_order

    keys = {0: ["a", "b"], 1: ["c"], 2: ["d", "e"], 3: ["f"]}
    done = [ChunkResult(2, ["d"]), ChunkResult(1, ["c"]), ChunkResult(3, ["f"]), ChunkResult(0, ["a", "b"]),
            ChunkResult(2, ["e"])]  # chunk 2 came back in two pieces (split after a worker crash)
    order = [(r.index, r.keys) for r in in_order(done, dict(keys))]
    assert order == [(0, ["a", "b"]), (1, ["c"]), (2, ["d"]), (2, ["e"]), (3, ["f"])]


def test_a_bad_published_date_is_refused_before_any_work(tmp_path):
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        ingest([tmp_path], db=tmp_path / "s.duckdb", engine="sync", published="14/08/2023", progress="off")
    assert not (tmp_path / "s.duckdb").exists()
