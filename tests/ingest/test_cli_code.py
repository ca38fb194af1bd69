"""``communique code`` and ``communique eval extract`` end to end (real pipeline, in-process)."""

from __future__ import annotations

import gzip
import html
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app

from .ingest_makers import ARTICLE, BODY_SENTENCES, CREDIT, html_page, jsonl_line, rss, text_article


def _run(*args: str):
    return CliRunner().invoke(app, list(args))


def _closing(stderr: str) -> tuple[int, int, int]:
    line = [ln for ln in stderr.strip().splitlines() if " read, " in ln][-1]
    parts = line.replace(",", "").split()
    return int(parts[0]), int(parts[2]), int(parts[4])


def test_code_json_record_of_a_written_article(nlp, tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(ARTICLE)
    res = _run("code", str(p), "--published", "2024-03-06", "--format", "json")
    assert res.exit_code == 0, res.stderr
    rec = json.loads(res.stdout)
    a = rec["article"]
    assert rec["schema"] == "communique.article/1"
    assert a["title"].startswith("Norway and Iceland")
    assert a["source_agency"] == "The Associated Press"
    assert (a["published"], a["date_basis"]) == ("2024-03-06", "given")
    assert a["credits"] == [CREDIT]
    assert {z["kind"] for z in a["zones"]} >= {"title", "standfirst", "kicker", "caption", "credit", "subhead", "agency"}
    for ev in rec["events"]:
        assert "Nordmann" not in ev["evidence"]["text"]
    for actor in rec["actors"]:
        assert "Nordmann" not in actor["name"]
    assert _closing(res.stderr) == (1, 0, 0)


def test_code_batch_counts_read_skipped_failed_and_lines_up_jsonl(nlp, tmp_path):
    (tmp_path / "good.txt").write_text(text_article(1))
    (tmp_path / "empty.txt").write_text("   ")
    (tmp_path / "README.md").write_text("not an article")
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(html_page(2).encode()))
    (tmp_path / "feed.rss").write_text(rss())
    (tmp_path / "lines.jsonl").write_text("\n".join([jsonl_line(1), "{oops", jsonl_line(2)]))
    res = _run("code", str(tmp_path), "--format", "jsonl")
    assert res.exit_code == 0, res.stderr
    out = [json.loads(ln) for ln in res.stdout.splitlines() if ln.strip()]
    kinds = ["error" if "error" in o else "ok" for o in out]
    # empty.txt, feed.rss (2 items), good.txt, lines.jsonl (ok, error, ok), page.html.gz; README skipped
    assert kinds == ["error", "ok", "ok", "ok", "ok", "error", "ok", "ok"]
    assert out[0]["error"]["code"] == "empty" and out[0]["document"].endswith("empty.txt")
    assert out[5]["error"]["code"] == "bad_json" and out[5]["document"].endswith("lines.jsonl#2")
    assert out[4]["article"]["input_id"] == "doc-1" and out[6]["article"]["input_id"] == "doc-2"
    assert _closing(res.stderr) == (6, 1, 2)
    assert "empty.txt: empty" in res.stderr


def test_code_exit_status_is_non_zero_only_when_nothing_was_read(nlp, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    res = _run("code", str(tmp_path / "empty.txt"), str(tmp_path / "binary.txt"), str(tmp_path / "nope.txt"))
    assert res.exit_code == 1
    assert _closing(res.stderr) == (0, 0, 3)
    (tmp_path / "good.txt").write_text(text_article(3))
    res = _run("code", str(tmp_path), "--format", "table")
    assert res.exit_code == 0
    assert "# Chile and Peru resume trade talks, round 4" in res.stdout
    assert _closing(res.stderr) == (1, 0, 2)


def test_code_rejects_bad_arguments(tmp_path):
    (tmp_path / "a.txt").write_text(text_article(1))
    assert _run("code", str(tmp_path / "a.txt"), "--published", "soon").exit_code == 2
    assert _run("code", str(tmp_path / "a.txt"), "--format", "xml").exit_code == 2


def test_eval_extract_scores_a_benchmark_folder(tmp_path):
    (tmp_path / "html").mkdir()
    truth = {}
    for i in range(3):
        page = html_page(i)
        (tmp_path / "html" / f"p{i}.html.gz").write_bytes(gzip.compress(page.encode()))
        gold = html.unescape("\n".join(s for s in page.split("<p>")[1:]).replace("</p>", "\n").split("</article>")[0])
        truth[f"p{i}"] = {"url": f"https://example.org/{i}", "articleBody": gold}
    truth["p2"]["articleBody"] += " An extra sentence the reader cannot find."
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth))
    res = _run("eval", "extract", str(tmp_path), "--json")
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["pages"] == 3 and out["failed"] == 0
    per = {p["id"]: p for p in out["per_page"]}
    assert per["p0"]["f1"] == pytest.approx(1.0)
    assert per["p2"]["recall"] < 1.0 and per["p2"]["precision"] == pytest.approx(1.0)


def test_eval_extract_scores_html_and_text_pairs(tmp_path):
    (tmp_path / "html").mkdir()
    (tmp_path / "text").mkdir()
    page = html_page(4)
    (tmp_path / "html" / "site1.html").write_text(page)
    (tmp_path / "text" / "site1.txt").write_text(BODY_SENTENCES[0] + " And a sentence the page lacks entirely.")
    (tmp_path / "html" / "unpaired.html").write_text(page)
    res = _run("eval", "extract", str(tmp_path), "--json")
    assert res.exit_code == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["pages"] == 1
    assert out["precision"] < 0.5 and 0.5 < out["recall"] < 1
    text = _run("eval", "extract", str(tmp_path))
    assert text.exit_code == 0
    assert f"{tmp_path}: 1 pages, 0 failed | body tokens P={out['precision']:.3f}" in text.stdout


def test_eval_extract_counts_feed_items(tmp_path):
    p = tmp_path / "f.rss"
    p.write_text(rss())
    res = _run("eval", "extract", str(p))
    assert res.exit_code == 0
    assert "2 read, 0 skipped, 0 failed" in res.stdout and "dated 2" in res.stdout


def test_samples_are_all_read():
    from communique.ingest import read_paths
    from communique.records import Article

    samples = Path(__file__).resolve().parents[2] / "src" / "communique" / "samples"
    items = list(read_paths([samples]))
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == len(items) >= 4 + 4 + 4
    for a in arts:
        assert a.title and a.source_agency and a.published and a.date_basis == "metadata"
        assert a.language == "en" and not a.warnings


def test_code_reads_standard_input(nlp):
    res = CliRunner().invoke(app, ["code", "-", "--format", "jsonl"], input=text_article(8))
    assert res.exit_code == 0, res.stderr
    rec = json.loads(res.stdout.splitlines()[0])
    assert rec["article"]["document"] == "<stdin>"
    assert rec["article"]["title"] == "Chile and Peru resume trade talks, round 9"


def test_code_on_a_batch_engine_gives_the_same_records_in_order(nlp, tmp_path):
    for i, (a, b) in enumerate([("Chile", "Peru"), ("Ghana", "Togo"), ("Laos", "Vietnam")]):
        (tmp_path / f"{i}.txt").write_text(f"{a} and {b} talk\n\n{a} signed a fisheries accord with {b} on Monday.\n")
    (tmp_path / "3.txt").write_bytes(b"")
    here = _run("code", str(tmp_path), "--published", "2024-03-06", "--format", "jsonl")
    there = _run("code", str(tmp_path), "--published", "2024-03-06", "--format", "jsonl", "--engine", "sync")
    assert here.exit_code == there.exit_code == 0, there.stderr
    ids = [[(d.get("article") or {}).get("id") or d["error"]["code"] for d in map(json.loads, r.stdout.splitlines())]
           for r in (here, there)]
    assert ids[0] == ids[1] and len(ids[0]) == 4 and ids[0][3] == "empty"
    assert _closing(here.stderr) == _closing(there.stderr) == (3, 0, 1)
    bad = _run("code", "-", "--engine", "sync")
    assert bad.exit_code != 0 and "--engine" in bad.output
