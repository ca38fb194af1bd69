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

from .coref import resolve
from .kb import get_kb
from .recognise import get_matcher, recognise
from .state import State, finalise, get_state, set_state

log = logging.getLogger(__name__)


class ActorsComponent:
    """``communique_actors``: reads the parse and entities, writes ``doc._.actors`` and
    ``doc.spans["actors"]`` (with ``span._.actor_id``)."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.tokenizer = nlp.tokenizer

    def __call__(self, doc: Doc) -> Doc:
        kb = get_kb()
        matcher, labels = get_matcher(doc.vocab, kb, self.tokenizer)
        state = recognise(doc, kb, matcher, labels)
        set_state(doc, state)
        if "communique_coref" not in self.nlp.pipe_names:  # else coref writes the result once
            finalise(doc, state)
        return doc


class CorefComponent:
    """``communique_coref``: adds pronoun, description and plural-pair mentions to the actors of
    ``communique_actors`` and rewrites ``doc._.actors`` and ``doc.spans["actors"]``."""

    def __call__(self, doc: Doc) -> Doc:
        state: State | None = get_state(doc)
        if state is None:
            return doc
        resolve(doc, state)
        finalise(doc, state)
        return doc


@Language.factory("communique_actors", assigns=["doc._.actors", "doc.spans"])
def make_actors(nlp: Language, name: str) -> ActorsComponent:
    return ActorsComponent(nlp)


@Language.factory("communique_coref", assigns=["doc._.actors", "doc.spans"])
def make_coref(nlp: Language, name: str) -> CorefComponent:
    return CorefComponent()
