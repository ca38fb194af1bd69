"""``communique eval quotes``: brat reading, matching and figures, on a folder written by the test;
the seed article and the PolNeAR dev set when ../shared/corpus is present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from communique.evaluate.quotes import GoldAttribution, evaluate_folder, read_ann, score_document
from communique.records import Quote, Speaker

TEXT = ("\u201cThe bridge will reopen in June,\u201d the city engineer said.\n\n"
        "The council said the budget was approved on Monday.\n\n"
        "Residents want a new park.\n\n"
        "In the mayor's eyes, the park is a gift.\n")


def _span(text: str, part: str) -> tuple[int, int]:
    s = text.index(part)
    return s, s + len(part)


def _write_folder(root: Path) -> Path:
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    (root / "text" / "example_2024-01-02_bridge.txt").write_text(TEXT, encoding="utf-8")
    rows, n = [], 0
    for source, cue, content in [
        ("the city engineer", "said", "\u201cThe bridge will reopen in June,\u201d"),
        ("The council", "said", "the budget was approved on Monday"),
        ("Residents", "want", "a new park"),
        ("the mayor", "eyes", "the park is a gift"),
    ]:
        ids = []
        for label, part in [("Source", source), ("Cue", cue), ("Content", content)]:
            n += 1
            s, e = _span(TEXT, part) if label != "Cue" else _span(TEXT[TEXT.index(source):], part)
            if label == "Cue":
                s, e = s + TEXT.index(source), e + TEXT.index(source)
            rows.append(f"T{n}\t{label} {s} {e}\t{TEXT[s:e]}")
            ids.append(f"{label}:T{n}")
        rows.append(f"E{len(rows)}\tAttribution:T0 {' '.join(ids)}")
    (root / "attributions" / "example_2024-01-02_bridge_ab12.ann").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return root


def test_read_ann_parses_discontinuous_spans(tmp_path):
    p = tmp_path / "x.ann"
    p.write_text("T1\tContent 0 4;10 14\tabcd efgh\nT2\tSource 20 22\tHe\nE1\tAttribution:T9 Content:T1 Source:T2\n",
                 encoding="utf-8")
    (g,) = read_ann(p)
    assert g.content == [(0, 4), (10, 14)] and g.source == [(20, 22)] and g.cue == []


def test_score_document_counts_overlap_exact_and_speaker():
    text = 'The mayor said "roads are closed" today. Nobody else spoke.'
    gold = [GoldAttribution(content=[_span(text, '"roads are closed"')], source=[_span(text, "The mayor")])]
    exact = Quote(id="q1", text="roads are closed", start=16, end=32, direct=True,
                  speaker=Speaker(name="mayor", start=4, end=9))
    partial = Quote(id="q2", text="roads are", start=16, end=25, direct=True, speaker=Speaker(name="someone"))
    t = score_document(text, gold, [exact])
    assert (t.overlap, t.exact, t.speaker_right) == (1, 1, 1)
    t = score_document(text, gold, [partial])
    assert (t.overlap, t.exact, t.speaker_right) == (1, 0, 0)
    t = score_document(text, gold, [])
    assert (t.gold, t.system, t.overlap) == (1, 0, 0)


def test_evaluate_folder_on_written_gold(tmp_path):
    folder = _write_folder(tmp_path / "gold")
    misses: list[dict] = []
    fig = evaluate_folder(folder, misses=misses)
    assert fig["documents"] == 1 and fig["gold"] == 4
    # the two statements and the wish ("want") are found; "in the mayor's eyes" has no cue we know
    assert fig["overlap"]["recall"] == pytest.approx(3 / 4, abs=1e-3)
    assert fig["overlap"]["precision"] == 1.0
    assert fig["speaker_accuracy"] == 1.0
    assert fig["statements"]["gold"] == 2 and fig["statements"]["recall"] == 1.0
    # quotes by kind: two statements and one intention ("want"), all matched
    assert fig["by_kind"] == {"intention": {"system": 1, "precision": 1.0},
                              "statement": {"system": 2, "precision": 1.0}}
    # the miss listing names the attribution not found, and nothing else
    assert [(m["type"], m["content"], m["source"]) for m in misses] == [("missed", "the park is a gift", "the mayor")]
    assert misses[0]["annotation"].endswith(".ann") and misses[0]["shared_with"] == []


def test_cli_prints_figures(tmp_path):
    folder = _write_folder(tmp_path / "gold")
    listing = tmp_path / "misses.jsonl"
    out = subprocess.run([sys.executable, "-m", "communique", "eval", "quotes", str(folder), "--json",
                          "--misses", str(listing)], capture_output=True, text=True, timeout=300, check=True)
    fig = json.loads(out.stdout)
    rows = [json.loads(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    assert [r["type"] for r in rows] == ["missed"] and rows[0]["cue"] == "eyes"
    assert fig["gold"] == 4 and "exact" in fig and "speaker_accuracy" in fig
    text = subprocess.run([sys.executable, "-m", "communique", "eval", "quotes", str(folder), "--per-document"],
                          capture_output=True, text=True, timeout=300, check=True).stdout.splitlines()
    assert text[-7].startswith(f"documents {fig['documents']} (failed {fig['failed']}), gold 4,")
    assert text[-4] == f"speaker accuracy {fig['speaker_accuracy']:.3f} on {fig['speaker_scored']} matched quotes"
    assert len(text) == 7 + fig["documents"] and " gold   4 sys " in text[0]


def test_missing_layout_is_an_input_error(tmp_path):
    from communique.errors import InputError

    with pytest.raises(InputError):
        evaluate_folder(tmp_path)


@pytest.mark.corpus
def test_seed_quotes_and_speakers(code, seed):
    text = (seed / "article.txt").read_text(encoding="utf-8")
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))
    rec = code(text, published=gold["published"], source_agency=gold.get("source_agency"))

    def norm(s: str) -> str:
        return " ".join(s.replace("\u2019", "'").replace("\u201c", '"').replace("\u201d", '"').lower().split())

    for g in [q for q in gold["quotes"] if q.get("required", True)]:
        hits = [q for q in rec.quotes if norm(g["text"]) in norm(q.text)]
        assert hits, f"missed {g['id']}"
        q = hits[0]
        assert q.speaker is not None and set(g["speaker"].lower().split()) <= set(q.speaker.name.lower().split())
        if g.get("via"):
            assert any(g["via"].lower() in v.name.lower() for v in q.via)


@pytest.mark.corpus
def test_polnear_dev_sample(corpus):
    folder = corpus / "quotes" / "polnear" / "dev"
    if not folder.is_dir():
        pytest.skip("PolNeAR dev absent")
    fig = evaluate_folder(folder, limit=12)
    assert fig["failed"] == 0
    assert fig["overlap"]["precision"] >= 0.8
    assert fig["statements"]["f1"] >= 0.75
    assert fig["speaker_accuracy"] >= 0.75
