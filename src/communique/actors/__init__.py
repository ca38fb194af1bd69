"""Actors: recognise and resolve every actor of an article (owner: the actors issue)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..nlp import doc_list


@Language.component("communique_actors", assigns=["doc._.actors", "doc.spans"])
def actors_component(doc: Doc) -> Doc:
    doc_list(doc, "actors")
    doc.spans.setdefault("actors", [])
    return doc


@Language.component("communique_coref", assigns=["doc.spans"])
def coref_component(doc: Doc) -> Doc:
    return doc
