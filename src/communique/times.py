"""Time expressions resolved against the publication date (owner: the times and places issue)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .nlp import doc_list


@Language.component("communique_times", assigns=["doc._.times", "doc.spans"])
def times_component(doc: Doc) -> Doc:
    doc_list(doc, "times")
    return doc
