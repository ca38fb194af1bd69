"""PLOVER event coding (owner: the events issue)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list


@Language.component("communique_events", assigns=["doc._.events"])
def events_component(doc: Doc) -> Doc:
    doc_list(doc, "events")
    return doc
