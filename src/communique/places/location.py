"""The location of an event: :func:`location_for` reads it from the event head's clause (a
locative preposition's object), a destination, a movement verb's object, or a venue named after a
place. Never simply the first place of the article."""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Token

from ..records import Location
from .component import doc_toponyms, place_of
from .display import display_name
from .gazetteer import Entry, fold, gazetteer
from .geoparse import _PLACE_LABELS
from .rules import rules

__all__ = ["location_for"]

log = logging.getLogger(__name__)

_VENUE_LABELS = {"FAC", "ORG", "EVENT"}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "conj"}


def _location(e: Entry, doc: Doc | None = None) -> Location:
    """The location record of ``e``: its display name is the form of its first mention in the
    article (``"Raqqa"``), else its English name; ``feature`` says whether it is a country (drawn as
    an area, not a point), a region, county, city, continent or area."""
    text = None
    if doc is not None:
        text = next((t.text for t in doc_toponyms(doc) if t.entry == e and not t.demonym), None)
    return Location(name=e.name, country=e.country, lat=e.lat, lon=e.lon, geonameid=e.geonameid,
                    display_name=display_name(e, text), feature=e.feature)



def _clause_tokens(head: Token) -> list[tuple[Token, int]]:
    """Tokens of ``head``'s clause with their depth: its subtree without nested clauses."""
    out: list[tuple[Token, int]] = []
    stack = [(head, 0)]
    while stack:
        tok, depth = stack.pop()
        out.append((tok, depth))
        for c in tok.children:
            if c.dep_ in _CLAUSE_DEPS and c.pos_ in {"VERB", "AUX"}:
                continue
            stack.append((c, depth + 1))
    return out


def _rank(e: Entry) -> int:
    return {"city": 0, "county": 1, "region": 2, "area": 3, "country": 4, "continent": 5}.get(e.feature, 6)


def _object_place(doc: Doc, obj: Token, r: dict[str, set[str]]) -> Entry | None:
    """The place a prepositional object names: itself ("in Kirkuk"), or the name a generic place
    noun introduces ("the northern city of Kirkuk", "the capital Kabul")."""
    if obj.ent_type_ in _PLACE_LABELS or obj.pos_ == "PROPN":
        e = place_of(doc, obj)
        if e is not None:
            return e
    if obj.lemma_.lower() in r.get("place_nouns", set()):
        for c in obj.children:
            if c.dep_ in {"appos", "compound"} and c.pos_ == "PROPN":
                e = place_of(doc, c)
                if e is not None:
                    return e
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj":
                        e = place_of(doc, g)
                        if e is not None:
                            return e
    return None


def _clause_place(doc: Doc, head: Token, r: dict[str, set[str]]) -> Entry | None:
    loc = r.get("locative", set())
    away = r.get("away", set())
    leaving = r.get("departure", set())
    # the departure itself, or its noun as the object ("completed their withdrawal from ...")
    departures = {head.i} if head.lemma_.lower() in leaving else set()
    departures.update(c.i for c in head.children if c.dep_ == "dobj" and c.lemma_.lower() in leaving)
    found: list[tuple[int, int, Entry]] = []
    for tok, depth in _clause_tokens(head):
        if tok.dep_ != "pobj":
            continue
        prep = tok.head.lower_
        # "withdrawal from Gorazde": a departure happens where it leaves
        if prep in loc or (prep in away and departures and tok.head.head.i in departures | {head.i}):
            e = _object_place(doc, tok, r)
            if e is not None:
                found.append((depth, _rank(e), e))
    if not found:
        return None
    return min(found, key=lambda x: (x[0], x[1]))[2]


def _venue(doc: Doc, head: Token, r: dict[str, set[str]]) -> Entry | None:
    """A venue named after a place ("at the Moscow Conference on International Security")."""
    venue = r.get("venue", set())
    gaz = gazetteer()
    for tok, _ in sorted(_clause_tokens(head), key=lambda x: x[1]):
        if tok.dep_ != "pobj" or tok.head.lower_ not in venue:
            continue
        if tok.ent_type_ not in _VENUE_LABELS and tok.pos_ != "PROPN":
            continue
        for c in sorted(tok.subtree, key=lambda t: t.i):
            if c.i > tok.i:
                break
            if c.pos_ == "PROPN" and c.dep_ in {"compound", "amod", "nmod"}:
                e = place_of(doc, c)
                if e is None:
                    cands = gaz.candidates(c.text)
                    e = gaz.resolve(c.text) if cands and any(x.feature != "city" or x.population > 100_000
                                                             for x, _ in cands) else None
                if e is not None:
                    return e
    return None


def _movement_destination(doc: Doc, head: Token, r: dict[str, set[str]]) -> Entry | None:
    """The destination of a visit read from the clause ("visited Moscow", "a trip to Belarus")."""
    if head.lemma_.lower() not in r.get("movement", set()):
        return None
    dest = r.get("destination", set())
    # the destination may hang from the verb or from its object ("sent 21 observers to Bosnia")
    hosts = [head, *(c for c in head.children if c.dep_ == "dobj")]
    for c in (x for h in hosts for x in h.children):
        if c.dep_ == "dobj" and c.ent_type_ in _PLACE_LABELS and c.head.i == head.i:
            e = place_of(doc, c)
            if e is not None:
                return e
        if c.dep_ == "prep" and c.lower_ in dest:
            for obj in c.children:
                if obj.dep_ == "pobj":
                    e = _object_place(doc, obj, r)
                    if e is not None:
                        return e
    return None


def _destination(destination: str, doc: Doc) -> Entry | None:
    gaz = gazetteer()
    if len(destination) == 3 and destination.isupper():
        e = gaz.country(destination)
        if e is not None:
            return e
    tops = doc_toponyms(doc)
    for top in tops:
        if fold(top.text) == fold(destination) and not top.demonym:
            return top.entry
    countries: dict[str, float] = {}
    for top in tops:
        if top.entry.country:
            countries[top.entry.country] = countries.get(top.entry.country, 0.0) + 0.5
    return gaz.resolve(destination, context=countries)


def location_for(doc: Doc, head: Token, *, destination: str | None = None) -> Location | None:
    """Where the event whose head is ``head`` happened: a place in its clause as the object of a
    locative preposition ("in Moscow"; for an event noun, also in the clause of the verb it is an
    argument of), else ``destination`` (a country ISO3 or a place name the events coder read as the
    destination of a visit) or the destination the clause itself names ("visited Moscow"), else a
    venue named after a place ("at the Moscow Conference on ..."), else None."""
    try:
        r = rules()
        e = _clause_place(doc, head, r)
        if e is None and head.pos_ in {"NOUN", "PROPN"} and head.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}:
            gov = head.head
            if gov.pos_ in {"VERB", "AUX"}:
                e = _clause_place(doc, gov, r)
        if e is None and head.pos_ in {"VERB", "AUX"}:
            # a verb whose subject is an event noun located in its own phrase ("a bombing near the
            # town of Samarra killed ...")
            for c in head.children:
                if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN" and e is None:
                    e = _clause_place(doc, c, r)
        if e is None and destination:
            e = _destination(destination, doc)
        if e is None:
            e = _movement_destination(doc, head, r)
        if e is None:
            e = _venue(doc, head, r)
    except Exception:  # never lose an event over its location
        log.exception("location_for failed")
        return None
    return _location(e, doc) if e is not None else None
