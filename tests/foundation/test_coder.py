from __future__ import annotations

from communique.coder import code_article, masked_text
from communique.records import Article, Zone


def _article_with_credit() -> Article:
    caption = "Kenyan President William Ruto meets Ethiopian Prime Minister Abiy Ahmed in Nairobi"
    credit = " [Sam Doe/Wire via Photo Desk]"
    body = "Kenya and Ethiopia signed a trade agreement on Tuesday, officials said."
    text = f"Leaders meet\n\n{caption}{credit}\n\n{body}"
    cstart = text.index(credit) + 1
    return Article(
        text=text, published="2024-05-08", date_basis="given",
        zones=[Zone(kind="title", start=0, end=12), Zone(kind="caption", start=14, end=cstart - 1),
               Zone(kind="credit", start=cstart, end=cstart + len(credit) - 1)],
    )


def test_masked_text_keeps_offsets_and_hides_credit():
    art = _article_with_credit()
    masked = masked_text(art)
    assert len(masked) == len(art.text)
    assert "Sam Doe" not in masked and "Photo Desk" not in masked
    assert masked.index("Kenya and Ethiopia") == art.text.index("Kenya and Ethiopia")


def test_evidence_points_into_article_text_and_excludes_credits(nlp):
    art = _article_with_credit()
    rec = code_article(art, nlp=nlp)
    assert rec.events, "the caption and body each describe an event"
    for ev in rec.events:
        e = ev.evidence
        assert art.text[e.start:e.end] == e.text
        assert "Sam Doe" not in e.text and e.text == e.text.strip()
    for actor in rec.actors:
        assert "Sam Doe" not in actor.name and "Photo Desk" not in actor.name
