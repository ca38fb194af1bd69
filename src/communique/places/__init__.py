"""Places from an offline gazetteer (owner: the times and places issue)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list


@Language.component("communique_places", assigns=["doc._.places", "doc.spans"])
def places_component(doc: Doc) -> Doc:
    doc_list(doc, "places")
    return doc
