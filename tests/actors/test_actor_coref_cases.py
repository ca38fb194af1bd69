"""Coreference classes read from ``coref_cases.tsv`` (issue 14, item 3): descriptions and pronouns whose
antecedent is an actor named before. One row a sentence, written for these tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.actors.lookup import actors_for_token
from communique.coder import make_doc
from communique.records import Article

HERE = Path(__file__).parent
D = "2021-06-14"


def _rows() -> list[list[str]]:
    with (HERE / "coref_cases.tsv").open(encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


ROWS = _rows()


@pytest.mark.parametrize("cls,text,word,nth,expected", ROWS, ids=[f"{r[0]}:{r[1][:40]}" for r in ROWS])
def test_coref_case(nlp, cls, text, word, nth, expected):
    doc = nlp(make_doc(nlp, Article(text=text, published=D)))
    toks = [t for t in doc if t.text == word]
    assert len(toks) > int(nth), f"no {word!r} #{nth} in {text!r}"
    found = actors_for_token(doc, toks[int(nth)])
    got = [(a.name, a.country) for a in found]
    if expected == "-":
        assert not found, f"[{cls}] {word!r} should stay unresolved, got {got}"
    elif expected.startswith("name:"):
        assert found and found[0].name == expected[5:], f"[{cls}] want {expected}, got {got}"
    else:
        assert found and found[0].country == expected, f"[{cls}] want {expected}, got {got}"


def test_rows_cover_every_class_four_times():
    from collections import Counter

    counts = Counter(r[0].split("-")[0] for r in ROWS)
    assert all(n >= 4 for n in counts.values()), counts
