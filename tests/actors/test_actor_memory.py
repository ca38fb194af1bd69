"""The actor components must not keep a coded Doc alive: a batch of a million articles would hold them all."""

from __future__ import annotations

import gc

from spacy.tokens import Doc

from communique.coder import code_article
from communique.records import Article


def _live_docs() -> int:
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, Doc))


def test_coded_docs_are_released(nlp):
    text = ("Finland's foreign minister met her Swedish counterpart in Stockholm on Tuesday. "
            "She said the two countries would hold talks with Norway. The ministry said it was ready.")
    code_article(Article(text=text, document="warm"), nlp=nlp)
    before = _live_docs()
    for i in range(12):
        rec = code_article(Article(text=f"{text} Note {i}.", document=f"d{i}"), nlp=nlp)
        assert rec.actors, "the sentences name actors, so the components ran"
    assert _live_docs() <= before + 1
