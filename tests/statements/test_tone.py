"""Tone: VADER word valences turned into GDELT's AvgTone (positive % minus negative % of the words)."""

from __future__ import annotations

import pytest

from communique.records import Article
from communique.statements.tone import tone_of, tone_score


def test_friendly_words_read_positive():
    t = tone_of("The minister praised the generous offer.")
    assert t is not None and t.score > 0 and t.negative == 0
    assert t.score == pytest.approx(t.positive - t.negative)
    assert {"+praised", "+generous"} <= set(t.words)


def test_hostile_words_read_negative():
    t = tone_of("Rebels killed twelve villagers in a brutal raid.")
    assert t is not None and t.score < 0 and t.positive == 0
    assert "-brutal" in t.words and "-killed" in t.words


def test_the_scale_is_a_share_of_words():
    # one negative word in four: -25 on GDELT's scale
    assert tone_score("The talks were terrible") == pytest.approx(-25.0)


def test_negation_turns_a_word_round():
    assert tone_score("The talks were good") > 0 > tone_score("The talks were not good")


def test_no_words_no_tone():
    assert tone_of("   ") is None and tone_score("") is None
    t = tone_of("The delegation arrives in Oslo on Tuesday.")
    assert t is not None and t.score == 0 and t.words == []


def test_record_tone_of_article_quotes_and_events(code):
    rec = code("Officials said the talks in Geneva had collapsed. "
               '"The Argentine proposals are absurd and insulting," the Chilean foreign minister said. '
               '"We welcome the wise decision of Uruguay," she added.')
    assert rec.tone is not None and rec.tone.words
    assert all(q.tone is not None for q in rec.quotes)
    absurd = next(q for q in rec.quotes if "absurd" in q.text)
    welcome = next(q for q in rec.quotes if "welcome" in q.text)
    assert absurd.tone < 0 < welcome.tone
    assert rec.events and all(e.tone == tone_score(e.evidence.text) for e in rec.events)


def test_article_tone_skips_metadata_zones(code):
    text = "Terrible awful horrible credit line\n\nThe two leaders agreed to meet again in Lima."
    from communique.records import Zone

    bare = code(text.split("\n\n", 1)[1])
    zoned = code(text, zones=[Zone(kind="credit", start=0, end=text.index("\n"))])
    assert zoned.tone is not None and zoned.tone.negative == 0
    assert zoned.tone.score == pytest.approx(bare.tone.score)


def test_tone_never_decides_a_type(code):
    # the same act with and without heated words: one REJECT either way, none from tone alone
    calm = code("The Peruvian foreign minister said the Bolivian proposal was unacceptable.")
    heated = code("The Peruvian foreign minister said the awful, hateful Bolivian proposal was unacceptable.")
    angry_fact = code("The Peruvian foreign minister said the awful storm killed many people.")
    types = lambda rec: sorted(e.type for e in rec.events if e.rule.startswith("statement."))  # noqa: E731
    assert types(calm) == types(heated) == ["REJECT"]
    assert types(angry_fact) == []


def test_store_keeps_tone_per_article_mention_and_quote(code, db):
    from communique.store import Store

    rec = code('"The Kenyan plan is unacceptable," the Ugandan foreign minister said on Monday.')
    assert any(e.rule.startswith("statement.") for e in rec.events)
    with Store(db) as store:
        store.write_batch([rec])
        arts = store.rows("SELECT tone FROM articles")
        mentions = store.rows("SELECT tone FROM event_mentions")
        quotes = store.rows("SELECT tone FROM quotes")
    assert arts[0]["tone"] == pytest.approx(rec.tone.score)
    assert sorted(m["tone"] for m in mentions) == pytest.approx(sorted(e.tone for e in rec.events))
    assert [q["tone"] for q in quotes] == pytest.approx([q.tone for q in rec.quotes])
    assert min(m["tone"] for m in mentions) < 0


def test_an_article_built_by_hand_gets_tone():
    from communique.coder import code_article

    rec = code_article(Article(text="Peace and friendship between Ghana and Togo were celebrated.", published="2024-01-02"))
    assert rec.tone is not None and rec.tone.score > 0


def test_a_long_text_is_scored_sentence_by_sentence():
    one, two = "The talks were terrible.", "The leaders praised the generous offer."
    t1, t2, both = tone_of(one), tone_of(two), tone_of(f"{one} {two}")
    n1, n2 = 4, 6  # VADER's words in each sentence
    assert both.positive == pytest.approx((t1.positive * n1 + t2.positive * n2) / (n1 + n2), abs=0.01)
    assert both.negative == pytest.approx((t1.negative * n1 + t2.negative * n2) / (n1 + n2), abs=0.01)
