"""The coder's memory is one explicit state per article (``events/state.py``): nothing one article
coded leaks into the next, coding the same parse twice gives the same events, and the state's
anaphora and inherited sources look back within the article only. Sentences written for these tests."""

from __future__ import annotations

from communique.events.coder import code_events
from communique.events.passes import INHERIT_SENTENCES
from communique.events.state import ArticleState

from .cases import describe


def _dump(events) -> list[dict]:
    return [e.model_dump(mode="json") for e in events]


def test_an_article_codes_the_same_after_another(code):
    # the first article ends with an attack the second one's "the attack" would point at, were the
    # coder's memory kept between articles
    first = "Ugandan troops shelled a village in South Sudan on Sunday. Rwanda sent aid to the villagers."
    second = "Kenya condemned the attack."
    alone = code(second)
    code(first)
    after = code(second)
    assert [(e.type, e.source.country, e.target) for e in alone.events] == [("ACCUSE", "KEN", None)], \
        describe(alone)
    assert _dump(after.events) == _dump(alone.events), describe(after)


def _parse(nlp, text: str):
    from communique.coder import make_doc
    from communique.records import Article

    return nlp(make_doc(nlp, Article(text=text, published="2024-03-05", date_basis="given")))


def test_coding_a_parse_twice_gives_the_same_events(nlp):
    doc = _parse(nlp, "Brazil recalled its ambassador from Israel. Argentina expelled two Venezuelan diplomats. "
                      "Chile condemned the expulsion.")
    once, twice = code_events(doc), code_events(doc)
    assert once, "no events coded"
    assert _dump(once) == _dump(twice)
    assert [e.id for e in twice] == [f"e{n}" for n in range(1, len(twice) + 1)]


def test_a_new_state_starts_empty_and_numbers_sentences(nlp):
    from communique.events.patterns import lexicon

    doc = _parse(nlp, "Chile protested to Peru. Peru rejected the protest. Bolivia stayed silent.")
    state = ArticleState.start(doc, lexicon())
    assert not state.events and not state.heads and not state.seen and not state.recent
    assert state.k == 0
    third = list(doc.sents)[2]
    state.at(third[0])
    assert state.k == 2
    # no event coded yet: an anaphoric noun has nothing to point at
    protest = next(t for t in doc if t.lower_ == "protest")
    if protest.lemma_.lower() in lexicon().anaphoric_nouns or protest.lower_ in lexicon().anaphoric_nouns:
        assert state.anaphora(protest) == []
    assert INHERIT_SENTENCES >= 1
