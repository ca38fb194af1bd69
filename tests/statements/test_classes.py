"""Statement acts by class of language: warnings (the reporting verb as the cue), denials, voiced
disapproval, targets found through the act a statement is about, and praise. Sentences are data
(``tests/statements/cases/*.tsv``), written for these tests and named by the class they test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.statements.cues import load_cues

HERE = Path(__file__).parent / "cases"


def _rows(name: str) -> list[list[str]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


def _c(value: str) -> str | None:
    return None if value == "-" else value


def _country(side):
    return side.country if side is not None else None


def describe(rec) -> str:
    return "; ".join(f"{e.type} {_country(e.source)}->{_country(e.target)} [{e.rule}]" for e in rec.events) or "none"


ACTS = _rows("acts.tsv")
NO_ACT = _rows("no_act.tsv")


@pytest.mark.parametrize("cls,text,type_,source,target", ACTS, ids=[f"{r[0]}:{r[1][:40]}" for r in ACTS])
def test_statement_act(code, cls, text, type_, source, target):
    rec = code(text)
    hits = [e for e in rec.events if e.type == type_ and _country(e.source) == _c(source)
            and _country(e.target) == _c(target)]
    assert hits, f"[{cls}] want {type_} {source}->{target}, got {describe(rec)}"
    assert len(hits) == 1, f"[{cls}] one act, not {len(hits)}: {describe(rec)}"


@pytest.mark.parametrize("cls,text,type_", NO_ACT, ids=[f"{r[0]}:{r[1][:40]}" for r in NO_ACT])
def test_no_statement_act(code, cls, text, type_):
    rec = code(text)
    assert all(not (e.type == type_ and e.rule.startswith("statement.")) for e in rec.events), f"[{cls}] {describe(rec)}"


def test_each_class_has_four_cases():
    classes: dict[str, int] = {}
    for r in ACTS:
        classes[r[0]] = classes.get(r[0], 0) + 1
    assert classes and min(classes.values()) >= 4, classes


def test_warning_is_a_reporting_cue_and_act_nouns_are_read():
    cs = load_cues()
    warn = cs.reporting.get("warned", [])
    assert warn and warn[0].type == "THREATEN" and warn[0].needs and "ASSAULT" in warn[0].needs_types
    assert all(not c.reporting for c in cs.cues)
    assert {"move", "decision"} <= cs.act_nouns


def test_a_reporting_cue_of_several_words_is_refused():
    from communique.errors import ConfigError
    from communique.statements.cues import build_cues

    with pytest.raises(ConfigError, match="reporting cue"):
        build_cues([("bad.yaml", {"type": "THREATEN", "groups": [
            {"cameo": "130", "reporting": True, "cues": ["warn that"]}]})])


def test_conditioned_is_only_for_a_reporting_group_with_needs_types():
    from communique.errors import ConfigError
    from communique.statements.cues import build_cues

    with pytest.raises(ConfigError, match="conditioned"):
        build_cues([("bad.yaml", {"type": "THREATEN", "groups": [
            {"cameo": "130", "conditioned": True, "cues": ["will respond"]}]})])
    ok = build_cues([("ok.yaml", {"type": "THREATEN", "groups": [
        {"cameo": "130", "reporting": True, "conditioned": True, "needs_types": ["ASSAULT"], "cues": ["say|said"]}]})])
    assert all(c.conditioned for c in ok.reporting["said"])


def test_act_nouns_must_be_a_list():
    from communique.errors import ConfigError
    from communique.statements.cues import build_cues

    with pytest.raises(ConfigError, match="act_nouns"):
        build_cues([("acts.yaml", {"act_nouns": "move"})])
    assert "gambit" in build_cues([("acts.yaml", {"act_nouns": ["gambit"]})]).act_nouns


def test_every_cue_word_is_one_token(nlp):
    """A cue position matches one token: a hyphenated word ("ill-advised") or two words ("no longer") in
    one alternative never match, so the bundled files write them as positions ("ill - advised")."""
    cs = load_cues()
    cues = [*cs.cues, *(c for group in cs.reporting.values() for c in group), *(cs.reported.cues if cs.reported else [])]
    bad = sorted({(c.source_file, c.text, w) for c in cues for pos in c.positions if pos is not None
                  for w in pos if len(nlp.tokenizer(w)) != 1})
    assert not bad, bad
