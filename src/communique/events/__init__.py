"""PLOVER event coding.

The ``communique_events`` component runs last. It reads the parse and what the actors, times, places and
quotes components wrote, and sets ``doc._.events`` to a list of :class:`~communique.records.EventMention`
(see :mod:`communique.events.coder`; pattern format in ``docs/events.md``).
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list
from .coder import code_events
from .patterns import PLOVER_TYPES

log = logging.getLogger(__name__)

__all__ = ["PLOVER_TYPES", "code_events", "events_component"]


@Language.component("communique_events", assigns=["doc._.events"],
                    requires=["doc._.actors", "doc._.times", "doc._.places", "doc._.quotes", "token.dep", "token.lemma"])
def events_component(doc: Doc) -> Doc:
    events = doc_list(doc, "events")
    if not doc.has_annotation("DEP"):
        log.debug("no dependency parse: no events")
        return doc
    events.extend(code_events(doc))
    return doc
