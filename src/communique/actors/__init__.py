"""Actors: recognise and resolve every actor of an article.

Two pipeline components, each a sequence of small steps (see their modules):

- ``communique_actors`` (:mod:`.recognise`): names, titles, roles, demonyms, metonyms, blocs,
  organisations and office holders -> ``doc._.actors`` and ``doc.spans["actors"]``.
- ``communique_coref`` (:mod:`.coref`): pronouns, definite descriptions and plural pairs, added to the
  same actors (ids are reassigned in order of first mention).

Other components read the result through :mod:`communique.actors.lookup`.
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from ..records import Actor
from .coref import resolve
from .kb import get_kb
from .matching import get_matcher
from .recognise import recognise
from .state import State, drop_state, finalise, get_state, set_state

log = logging.getLogger(__name__)

#: the working country of an international organisation and of its officers: events read it (an event
#: of the UN has source ``IGO``), the record does not (an IGO is no country: docs/record.md)
IGO = "IGO"


def record_actors(actors: list[Actor]) -> list[Actor]:
    """The actors as the article record gives them: an international organisation and its officers
    have no country (``country`` null; ``IGO`` stays in ``sector`` and ``code``), since the record's
    ``country`` is an ISO country or a CAMEO region of a bloc. Events keep ``IGO`` on their sides."""
    return [a.model_copy(update={"country": None}) if a.country == IGO else a for a in actors]


class ActorsComponent:
    """``communique_actors``: reads the parse and entities, writes ``doc._.actors`` and
    ``doc.spans["actors"]`` (with ``span._.actor_id``)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.tokenizer = nlp.tokenizer

    def __call__(self, doc: Doc) -> Doc:
        kb = get_kb()  # a broken knowledge file raises ConfigError: a setup error, not a document one
        matcher, labels = get_matcher(doc.vocab, kb, self.tokenizer)
        try:
            state = recognise(doc, kb, matcher, labels)
        except Exception:  # one odd document must not lose the article: it gets no actors
            log.exception("actors failed on a document; it is coded without actors")
            _empty(doc)
            return doc
        if "communique_coref" not in self.nlp.pipe_names:  # else coref writes the result once
            finalise(doc, state)
        else:
            set_state(doc, state)
        return doc


class CorefComponent:
    """``communique_coref``: adds pronoun, description and plural-pair mentions to the actors of
    ``communique_actors`` and rewrites ``doc._.actors`` and ``doc.spans["actors"]``."""

    def __call__(self, doc: Doc) -> Doc:
        state: State | None = get_state(doc)
        if state is None:
            if doc._.actors is None:
                _empty(doc)
            return doc
        try:
            resolve(doc, state)
        except Exception:  # keep what recognition found
            log.exception("coreference failed on a document; its actors are kept without it")
        finalise(doc, state)
        drop_state(doc)
        return doc


def _empty(doc: Doc) -> None:
    doc._.actors = []
    doc.spans["actors"] = []


@Language.factory("communique_actors", assigns=["doc._.actors", "doc.spans"],
                  requires=["doc.ents", "token.dep", "token.lemma"])
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp)


@Language.factory("communique_coref", assigns=["doc._.actors", "doc.spans"],
                  requires=["doc._.actors", "doc.spans", "token.dep"])
def make_coref(nlp: Language, name: str) -> CorefComponent:
    return CorefComponent()
