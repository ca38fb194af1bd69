"""The event lexicon, sentence by sentence: one TSV per PLOVER type under ``tests/events/lexicon/``.

Each row (tab separated, with a header): the sentence (written for these tests), the type it must
yield, the source and target countries (ISO 3166-1 alpha-3, ``-`` for none), the status and a name
saying what the row tests (the word class and its CAMEO code). A type ``NONE`` says the sentence must
yield no event at all (a word sense that is no event: "fired the minister", "released a video"). The sentences check that the
vocabulary of ``data/events/patterns/*.yaml`` reaches the coder with the right type and dyad; a domain
expert who adds a word adds a row here.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from .cases import assert_event, describe

LEXICON_DIR = Path(__file__).parent / "lexicon"


def _rows() -> list:
    rows = []
    for path in sorted(LEXICON_DIR.glob("*.tsv")):
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                side = {k: (None if row[k] in {"", "-"} else row[k]) for k in ("source", "target")}
                rows.append(pytest.param(row["sentence"], row["type"], side["source"], side["target"],
                                         row["status"], id=f"{path.stem}: {row['name']}"))
    return rows


ROWS = _rows()


def test_every_plover_type_has_a_sentence_file():
    from communique.events.patterns import PLOVER_TYPES

    names = {p.stem.upper() for p in LEXICON_DIR.glob("*.tsv")}
    names.discard("SENSES")
    assert set(PLOVER_TYPES) <= names, set(PLOVER_TYPES) - names
    assert len(ROWS) >= 100


@pytest.mark.parametrize("text,type_,source,target,status", ROWS)
def test_lexicon_sentence(code, text, type_, source, target, status):
    rec = code(text)
    if type_ == "NONE":
        assert not rec.events, describe(rec)
        return
    assert_event(rec, type_, source, target, status)


def test_adjective_and_participle_heads_compile_with_their_slots():
    from communique.events.patterns import PatternSet, parse_pattern

    adj = parse_pattern("a:critical @of >of", type_="ACCUSE", cameo="111", mode=None, context=())
    part = parse_pattern("p:back official", type_="SUPPORT", cameo="051", mode=None, context=())
    assert adj.adjective and not adj.noun and adj.sources == ("pred",) and adj.rule == "accuse.111.a_critical.of"
    assert part.participle and part.sources == ("hyphen",) and part.targets == ("head",) and part.official
    ps = PatternSet()
    ps.add(adj)
    ps.add(part)
    assert "critical" in ps.adjectives and "back" in ps.participles and not ps.verbs and not ps.nouns
    assert {p.rule for p in ps.all()} == {adj.rule, part.rule}


def test_noun_patterns_of_lemma_and_surface_form_are_merged():
    from communique.events.patterns import PatternSet, parse_pattern

    ps = PatternSet()
    one = parse_pattern("n:threat >against|to", type_="THREATEN", cameo="130", mode=None, context=())
    many = parse_pattern("n:threats >against|to ?", type_="THREATEN", cameo="130", mode=None, context=(), rule="t.pl")
    ps.add(one)
    ps.add(many)
    ps.finish()
    assert [p.rule for p in ps.for_noun("threat", "threats")] == [one.rule, "t.pl"]
    assert [p.rule for p in ps.for_noun("threat", "threat")] == [one.rule]
    assert ps.for_noun("warning", "warnings") == []
