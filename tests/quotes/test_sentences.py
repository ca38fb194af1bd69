"""Quotes, speakers and relays on sentences written for these tests (tests/quotes/cases.py), through the
real pipeline."""

from __future__ import annotations

import pytest

from .cases import NO_QUOTES, NO_RELAY, QUOTES


def _words(s: str) -> set[str]:
    return {w.strip(".,\u2019'").lower() for w in s.split()}


def _describe(rec) -> str:
    return "; ".join(f"[{q.speaker.name if q.speaker else None} via {[v.name for v in q.via]} "
                     f"{'D' if q.direct else 'R'} {q.cue}] {q.text!r}" for q in rec.quotes) or "no quotes"


@pytest.mark.parametrize(("text", "content", "not_in", "speaker", "via", "direct"), QUOTES,
                         ids=[c[0][:50] for c in QUOTES])
def test_quote(code, text, content, not_in, speaker, via, direct):
    rec = code(text)
    hits = [q for q in rec.quotes if content in q.text]
    assert hits, f"no quote holding {content!r}: {_describe(rec)}"
    q = hits[0]
    assert not_in not in q.text, f"the quote runs too far: {_describe(rec)}"
    assert q.speaker is not None and _words(speaker) <= _words(q.speaker.name), _describe(rec)
    if via is not None:
        got = [v.name for v in q.via]
        assert len(got) >= len(via), _describe(rec)
        for want, have in zip(via, got, strict=False):
            assert _words(want) <= _words(have), _describe(rec)
    if direct is not None:
        assert q.direct is direct, _describe(rec)
    # offsets point into the text; the speaker phrase is in the text too
    assert q.start < q.end <= len(text)
    s, e = q.speaker.start, q.speaker.end
    assert 0 <= s < e <= len(text)


@pytest.mark.parametrize("text", NO_QUOTES, ids=[t[:50] for t in NO_QUOTES])
def test_no_quote(code, text):
    rec = code(text)
    assert rec.quotes == [], _describe(rec)


@pytest.mark.parametrize("text", NO_RELAY, ids=[t[:50] for t in NO_RELAY])
def test_no_relay(code, text):
    rec = code(text)
    assert rec.quotes, "no quote"
    assert all(q.via == [] for q in rec.quotes), _describe(rec)
