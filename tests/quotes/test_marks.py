"""Quotation-mark pairing on raw text (no parsing)."""

from __future__ import annotations

import pytest

from communique.quotes.marks import find_verbatim


def quoted(text: str) -> list[str]:
    return [text[v.start : v.end] for v in find_verbatim(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The mayor said: \u201cWe will rebuild the bridge.\u201d", ["We will rebuild the bridge."]),
        ('She said "the talks are over" and left the room.', ["the talks are over"]),
        ("\u00ab Nous resterons \u00bb, a-t-il dit.", [" Nous resterons "]),
        ("\u201eWir bleiben hier\u201c, sagte er.", ["Wir bleiben hier"]),
        ("The minister called it \u2018a historic day\u2019 for the region.", ["a historic day"]),
        ("The unions' leaders don't expect a deal.", []),
        ("He called the plan 'reckless' and walked out.", ["reckless"]),
        ("\u201cThe word \u2018never\u2019 is not in our vocabulary,\u201d she said.", ["The word \u2018never\u2019 is not in our vocabulary,"]),
        ("No quotation marks at all in this sentence.", []),
    ],
)
def test_pairs_marks(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


def test_quotation_continues_into_next_paragraph() -> None:
    text = "\u201cWe lost the first vote.\n\n\u201cWe will win the second one,\u201d the leader said."
    spans = find_verbatim(text)
    assert len(spans) == 1
    assert text[spans[0].start : spans[0].end].startswith("We lost")
    assert text[spans[0].start : spans[0].end].endswith("second one,")


def test_unclosed_quotation_stops_at_paragraph_end() -> None:
    text = "He wrote \u201cthe reform is dead\nA new paragraph without marks."
    spans = find_verbatim(text)
    assert [text[v.start : v.end] for v in spans] == ["the reform is dead"]
    assert spans[0].closed is False


def test_offsets_point_at_marks() -> None:
    text = 'Aid "will arrive soon", officials said.'
    (v,) = find_verbatim(text)
    assert text[v.open] == '"' and text[v.close - 1] == '"'


def test_doubled_apostrophes_are_double_quotes() -> None:
    text = "''We did our best,'' the coach said. ``Fine,'' he added."
    assert quoted(text) == ["We did our best,", "Fine,"]
