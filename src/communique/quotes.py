"""Quotes and attribution (owner: the quotes issue)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .nlp import doc_list


@Language.component("communique_quotes", assigns=["doc._.quotes", "doc.spans"])
def quotes_component(doc: Doc) -> Doc:
    doc_list(doc, "quotes")
    return doc
