"""The ``communique_places`` pipeline component: writes ``doc._.places`` and ``doc.spans["places"]``
from one geoparse per document, which it keeps for :func:`place_of` and ``location_for``; a national
capital used as its government is left out (an actor, not a place)."""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_list
from ..records import Place
from .display import display_name
from .gazetteer import Entry, Gazetteer, fold, gazetteer
from .geoparse import _PLACE_LABELS, Toponym, geoparse
from .rules import rules

__all__ = ["doc_toponyms", "place_of", "places_component"]

log = logging.getLogger(__name__)

_TOPONYMS = "communique_toponyms"  # doc.user_data key of the document's toponyms


def _place(t: Toponym, gaz: Gazetteer | None = None) -> Place:
    e = t.entry
    return Place(text=t.text, start=t.start_char, end=t.end_char, name=e.name, country=e.country,
                 lat=e.lat, lon=e.lon, geonameid=e.geonameid, feature=e.feature,
                 display_name=display_name(e, None if t.demonym else t.text, gaz=gaz))


def _locative_in_sentence(doc: Doc, toks: range, name: str, loc: set[str]) -> bool:
    """Whether the sentence of ``toks`` has ``name`` as the object of a locative preposition."""
    key = fold(name)
    scope = doc[toks.start].sent if doc.has_annotation("SENT_START") else doc[:]
    for tok in scope:
        if tok.dep_ == "pobj" and tok.head.lower_ in loc:
            ent_tokens = [t for t in tok.subtree if t.ent_type_ in _PLACE_LABELS]
            if ent_tokens and fold(" ".join(t.text for t in ent_tokens)) == key:
                return True
            if fold(tok.text) == key:
                return True
    return False


def _metonymic(doc: Doc, top: Toponym, actor_tokens: set[int], r: dict[str, set[str]]) -> bool:
    """A capital used as its government ("Beijing says", "Moscow's invasion") is an actor, not a
    place, unless the same sentence also uses it as a place."""
    e = top.entry
    if e.feature != "city" or not e.capital:
        return False
    toks = range(top.start, top.end)
    root = doc[top.start : top.end].root
    as_actor = any(i in actor_tokens for i in toks) or root.dep_ in r.get("metonymic_deps", set()) or (
        root.dep_ == "pobj" and root.head.dep_ == "agent")
    if not as_actor:
        return False
    return not _locative_in_sentence(doc, toks, top.text, r.get("locative", set()))


@Language.component("communique_places", assigns=["doc._.places", "doc.spans"],
                    requires=["doc.ents", "token.ent_type", "token.dep", "token.tag", "token.lemma", "doc._.actors"])
def places_component(doc: Doc) -> Doc:
    places = doc_list(doc, "places")
    spans: list[Span] = []
    try:
        gaz = gazetteer()
        r = rules()
        actor_tokens = {i for s in doc.spans.get("actors", []) for i in range(s.start, s.end)
                        if getattr(s._, "actor_id", None) or getattr(s._, "actor_ids", None)}
        tops = geoparse(doc, gaz=gaz)
        doc.user_data[_TOPONYMS] = tops  # location_for reads them: one geoparse per document
        for top in tops:
            if _metonymic(doc, top, actor_tokens, r):
                continue
            place = _place(top, gaz)
            span = doc[top.start : top.end]
            span._.place = place
            places.append(place)
            spans.append(span)
    except Exception:  # a gazetteer problem must never lose the article
        log.exception("places failed")
    doc.spans["places"] = spans
    return doc


def doc_toponyms(doc: Doc) -> list[Toponym]:
    cached = doc.user_data.get(_TOPONYMS)
    if cached is None:
        cached = geoparse(doc)
        doc.user_data[_TOPONYMS] = cached
    return cached


def place_of(doc: Doc, tok: Token) -> Entry | None:
    """The gazetteer entry of the place name ``tok`` belongs to (a capital used as a government
    included: whether it is a place is the caller's question)."""
    for top in doc_toponyms(doc):
        if top.start <= tok.i < top.end and not top.demonym:
            return top.entry
    return None



