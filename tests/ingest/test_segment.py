"""Sentence boundaries (``communique_segment``): a one-word title never takes the lead's first word, a
line is only cut after sentence-final punctuation, a short label before a colon is not in the clause."""

from __future__ import annotations

import pytest

from communique.coder import code_article
from communique.ingest import read_bytes, read_text
from communique.records import Article

from .ingest_makers import warc

LEAD = "Chile and Peru signed a fisheries accord in Lima on Sunday, the ministry said."
MORE = "The accord covers the next ten years of catches along the shared coast, officials added."


def _sents(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents]


def _page(title: str) -> str:
    return (f'<!doctype html><html lang="en"><head><title>{title}</title></head><body><article>'
            f"<h1>{title}</h1><p>{LEAD} {MORE}</p></article></body></html>")


def _evidence(rec, etype: str) -> list[str]:
    return [e.evidence.text for e in rec.events if e.type == etype]


@pytest.mark.parametrize("title", ["Accord", "Fisheries"])
def test_one_word_title_keeps_the_lead_whole_in_plain_text(nlp, title):
    sents = _sents(nlp, f"{title}\n\n{LEAD}\n")
    assert sents[0] == title
    assert sents[1] == LEAD


def test_one_word_title_event_evidence_starts_with_the_lead(nlp):
    art = next(iter(read_text(f"Accord\n\n{LEAD}\n", name="t.txt", published="2024-03-04")))
    rec = code_article(art, nlp=nlp)
    assert rec.article.title == "Accord"
    assert _evidence(rec, "AGREE") and all(ev.startswith("Chile and Peru") for ev in _evidence(rec, "AGREE"))


@pytest.mark.parametrize("kind", ["html", "warc"])
def test_one_word_title_of_a_page_keeps_the_lead_whole(nlp, kind):
    data = _page("Accord").encode() if kind == "html" else warc([("https://example.org/a", _page("Accord"))])
    art = next(iter(read_bytes(data, name=f"p.{kind}", published="2024-03-04")))
    assert isinstance(art, Article), art
    assert art.text.startswith("Accord\n")
    rec = code_article(art, nlp=nlp)
    evidence = _evidence(rec, "AGREE")
    assert evidence and all(ev.startswith("Chile and Peru") for ev in evidence)


def test_a_line_is_cut_only_after_final_punctuation(nlp):
    sents = _sents(nlp, "Talks\n\nGhana and Togo opened a border post on Friday. Trade resumed at once! "
                        "\"Why now?\" a trader asked.\n")
    assert sents == ["Talks", "Ghana and Togo opened a border post on Friday.", "Trade resumed at once!",
                     "\"Why now?\" a trader asked."]


def test_a_short_label_before_a_colon_is_not_in_the_clause(nlp, code):
    text = "The lakeside summit in Genève: Serbia accused Kosovo of blocking the Merdare crossing on Tuesday.\n"
    sents = _sents(nlp, text)
    assert sents == ["The lakeside summit in Genève:",
                     "Serbia accused Kosovo of blocking the Merdare crossing on Tuesday."]
    rec = code(text)
    accuse = [e for e in rec.events if e.type == "ACCUSE"]
    assert accuse and accuse[0].source.name == "Serbia"


@pytest.mark.parametrize("text", [
    "The minister said: Serbia will reopen the crossing on Tuesday.",  # a verb before the colon
    "Three neighbours: Serbia, Kosovo and Albania.",                   # no clause after it
    "At 10:30 the convoy left Belgrade for the border.",               # a time, not a label
])
def test_a_colon_that_is_not_a_label_leaves_the_sentence_whole(nlp, text):
    assert _sents(nlp, text) == [text]
