"""Agentless acts coded with a null source (issue 14 item 3) go through the real store, its exports and the
dyad analysis without error. Sentences written for this test."""

from __future__ import annotations

import json

import pytest

from communique.analysis import network
from communique.events.grammar import null_source
from communique.store import Store, queries
from communique.store.export import export

TEXT = (
    "Embassy attacked in Amman\n\n"
    "The Israeli embassy in Amman was attacked on Tuesday, the Jordanian interior ministry said.\n\n"
    "Jordan condemned Syria on Wednesday.\n"
)


def test_null_source_switch_is_read():
    cfg = null_source()
    assert cfg.enabled and "ASSAULT" in cfg.types and "lead" in cfg.foreseen


def test_null_source_event_is_stored_exported_and_analysed(code, db, tmp_path):
    rec = code(TEXT, published="2024-03-05")
    nulls = [e for e in rec.events if e.source is None]
    assert [(e.type, e.target.country) for e in nulls] == [("ASSAULT", "ISR")], rec.events
    with Store(db) as store:
        store.write_batch([rec], inputs_done=["embassy.txt"])
        store.merge(window_days=0)
        rows, total = queries.list_events(store, type="ASSAULT")
        assert total >= 1 and any(r["target_country"] == "ISR" and r["source_country"] is None for r in rows), rows
        for what in ("events", "mentions", "plover", "gdelt", "polecat"):
            out = tmp_path / f"{what}.jsonl"
            n = export(store, what=what, fmt="jsonl", out=out)
            assert n >= 1 and len(out.read_text(encoding="utf-8").splitlines()) == n
        net = network(store)
    assert all(e["source"] and e["target"] for e in net["edges"])
    assert json.loads((tmp_path / "mentions.jsonl").read_text(encoding="utf-8").splitlines()[0])


def test_null_source_can_be_switched_off_by_a_user_grammar_file(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "grammar.yaml").write_text("null_source:\n  enabled: false\n  types: [protest]\n",
                                                      encoding="utf-8")
    cfg = null_source((str(tmp_path),))
    assert not cfg.enabled and {"ASSAULT", "PROTEST"} <= cfg.types


def test_bad_null_source_has_a_stable_error(tmp_path):
    from communique.events.grammar import GrammarError

    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "grammar.yaml").write_text("null_source: [ASSAULT]\n", encoding="utf-8")
    with pytest.raises(GrammarError) as exc:
        null_source((str(tmp_path),))
    assert exc.value.code == "event_grammar_error"
