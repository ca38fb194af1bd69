"""Explanations, the PLOVER evaluation command, and event fields filled from the other components."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.evaluate.plover import evaluate_plover, read_gold
from communique.explain import explain_record, rule_source

ROOT = Path(__file__).resolve().parents[2]


def test_explain_shows_rule_pattern_parse_path_and_status(code):
    rec = code("Egypt will not host Libya's prime minister next week.")
    ev = next(e for e in rec.events if e.type == "CONSULT")
    assert ev.status == "planned" and ev.negated
    text = explain_record(rec)
    assert ev.rule in text
    assert "host >obj" in text and "consult.yaml" in text
    assert "parse: source subj: nsubj(Egypt)" in text
    assert "aux:will" in text and "neg:host" in text
    assert "[[host]]" in text


def test_rule_source_of_unknown_rule_is_the_rule():
    assert rule_source("no.such.rule") == "no.such.rule"
    assert rule_source("consult.042.visit").startswith("visit >obj")


def test_events_inside_reported_speech_carry_attribution(code):
    rec = code("Poland's foreign minister said Germany will send tanks to Ukraine.")
    ev = next(e for e in rec.events if e.type in {"AID", "MOBILIZE"})
    assert ev.source.country == "DEU" and ev.target.country == "UKR" and ev.status == "planned"
    assert ev.attribution, "an event in reported speech has who says so"
    speaker = ev.attribution[0]
    assert speaker.actor is not None
    # the speaker is the minister: named by role, or the office holder of the day the knowledge base knows
    actor = next(a for a in rec.actors if a.id == speaker.actor)
    assert "minister" in speaker.name.lower() or "foreign minister" in (actor.role or "")
    assert speaker.actor != ev.source.actor


def test_event_has_evidence_date_cameo_and_goldstein(code):
    text = "Israel attacked Syria on Monday."
    rec = code(text, published="2024-03-06")
    ev = next(e for e in rec.events if e.type == "ASSAULT")
    assert ev.evidence.text == text and text[ev.evidence.start:ev.evidence.end] == text
    assert ev.cameo == "190" and ev.goldstein == pytest.approx(-10.0)
    assert ev.date is not None and ev.date.start == "2024-03-04"


def _gold_file(tmp_path: Path) -> Path:
    records = [
        {"event": "DOCUMENT", "id": "doc"},
        {"id": "t1", "event": "DEMAND", "text": "France urged Iran to release the prisoners.",
         "source": [{"actorText": "France", "code": "FRA"}], "target": [{"actorText": "Iran", "code": "IRN"}]},
        {"id": "t2", "event": "FIGHT", "text": "Russia invaded Ukraine in February.",
         "source": [{"actorText": "Russia", "code": "RUS"}], "target": [{"actorText": "Ukraine", "code": "UKR"}]},
        {"id": "t3", "event": "CONSULT", "text": "The weather in Norway was cold on Tuesday.",
         "source": [{"actorText": "Norway", "code": "NOR"}], "target": ""},
    ]
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_read_gold_maps_old_types_and_skips_documents(tmp_path):
    gold = read_gold(_gold_file(tmp_path))
    assert [g.type for g in gold] == ["REQUEST", "ASSAULT", "CONSULT"]
    assert gold[2].targets == []


def test_evaluate_plover_counts(nlp, tmp_path):
    rep = evaluate_plover(_gold_file(tmp_path), nlp=nlp)
    d = rep.to_dict()
    assert d["records"] == 3
    assert d["coverage"] == pytest.approx(2 / 3, abs=0.01)
    assert d["per_type"]["REQUEST"]["tp"] == 1 and d["per_type"]["ASSAULT"]["tp"] == 1
    assert d["per_type"]["CONSULT"]["tp"] == 0 and d["per_type"]["CONSULT"]["recall"] == 0.0
    assert d["total"]["recall"] == pytest.approx(2 / 3, abs=0.01)
    assert d["total"]["type_accuracy"] == pytest.approx(2 / 3, abs=0.01)


def test_eval_plover_command(tmp_path):
    result = CliRunner().invoke(app, ["eval", "plover", str(_gold_file(tmp_path)), "--misses"])
    assert result.exit_code == 0, result.output
    assert "TOTAL" in result.output and "REQUEST" in result.output
    assert "missed: t3 CONSULT" in result.output
    with_text = CliRunner().invoke(app, ["eval", "plover", str(_gold_file(tmp_path)), "--misses", "--text"])
    assert with_text.exit_code == 0, with_text.output
    lines = with_text.output.splitlines()
    k = next(i for i, ln in enumerate(lines) if ln.startswith("missed: t3"))
    assert lines[k + 1] == "    The weather in Norway was cold on Tuesday."  # the gold sentence
    assert "The weather in Norway" not in result.output  # only with --text


@pytest.mark.corpus
def test_seed_article_event_f1(seed, output_dir):
    """The done-when figure: the seed scorer's event F1 and precision, both >= 0.90."""
    out = output_dir / "events-seed.json"
    with open(out, "w", encoding="utf-8") as fh:
        subprocess.run([str(ROOT / ".venv/bin/communique"), "code", str(seed / "article.txt"),
                        "--published", "2023-08-14", "--format", "json"], stdout=fh, check=True, cwd=ROOT)
    score = seed.parent.parent / "eval" / "score.py"
    res = subprocess.run([sys.executable, str(score), str(seed / "gold.json"), str(out), "--json"],
                         capture_output=True, text=True, check=True)
    ev = json.loads(res.stdout)["details"]["events"]
    assert ev["precision"] >= 0.90 and ev["f1"] >= 0.90, ev


def test_explain_command(tmp_path):
    art = tmp_path / "article.txt"
    art.write_text("Poland hosts talks with Lithuania\n\nPoland will hold talks with Lithuania on Friday.\n",
                   encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(art), "--published", "2024-03-05"])
    assert result.exit_code == 0, result.output
    assert "CONSULT" in result.output and "rule consult." in result.output
    assert "parse: source" in result.output and "[planned]" in result.output


def test_plover_parts_interleave_and_cover_every_record(tmp_path):
    from communique.evaluate.plover import UnknownPart, split_part

    gold = read_gold(_gold_file(tmp_path))
    dev, held = split_part(gold, "dev"), split_part(gold, "held-out")
    assert [g.id for g in dev] == ["t1", "t3"] and [g.id for g in held] == ["t2"]
    assert sorted(g.id for g in dev + held) == sorted(g.id for g in split_part(gold, "all"))
    with pytest.raises(UnknownPart):
        split_part(gold, "test")


def test_eval_plover_held_out_part_prints_figures_only(tmp_path):
    held = CliRunner().invoke(app, ["eval", "plover", str(_gold_file(tmp_path)), "--part", "held-out", "--json"])
    assert held.exit_code == 0, held.output
    d = json.loads(held.output)
    assert d["part"] == "held-out" and d["records"] == 1 and d["per_type"]["ASSAULT"]["tp"] == 1
    refused = CliRunner().invoke(app, ["eval", "plover", str(_gold_file(tmp_path)), "--part", "held-out",
                                       "--misses"])
    assert refused.exit_code != 0 and "missed:" not in refused.output
    dev = CliRunner().invoke(app, ["eval", "plover", str(_gold_file(tmp_path)), "--part", "dev", "--misses"])
    assert dev.exit_code == 0 and "part: dev" in dev.output and "missed: t3 CONSULT" in dev.output
