"""The toponym recogniser: :func:`geoparse` finds every place name of a document (the model's
entities, names inside organisation names, proper nouns, demonyms, then the ``widen``, ``match`` and
``context`` steps of :mod:`.recognize`) and resolves them together (:mod:`.resolve`)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Doc, Span

from .anchor import anchored_names, holder_of
from .gazetteer import Entry, Gazetteer, fold, gazetteer
from .recognize import in_context, match_names, widen
from .resolve import resolve_all
from .rules import rules

__all__ = ["STEPS", "Toponym", "geoparse"]

log = logging.getLogger(__name__)

_PLACE_LABELS = {"GPE", "LOC"}
_VENUE_LABELS = {"FAC", "ORG", "EVENT"}
_NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_LOWER_DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                     "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                     "southeastern", "southwestern"}


@dataclass
class Toponym:
    """A place name found in the text and the gazetteer entry it was resolved to."""

    start: int  # token offsets
    end: int
    start_char: int
    end_char: int
    text: str
    entry: Entry
    demonym: bool = False
    # how it was found: ner, label, nested, propn, known, cue, institution, dateline, list; by the anchor
    # step: generic, venue, airport, landmark, model, located
    how: str = "ner"



def _trim(span: Span) -> Span:
    """Drop a leading determiner and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the"} or doc[start].is_space or doc[start].is_punct or (
            doc[start].is_lower and end - start > 1 and doc[start].lower_ in _LOWER_DIRECTIONS)):
        start += 1  # "the", "east Africa": a lower-case direction describes, it is no part of the name
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_space or doc[end - 1].text in {",", "."}):
        end -= 1
    return doc[start:end]


def _strong(gaz: Gazetteer, text: str, min_pop: int) -> bool:
    """Whether ``text`` is the primary name of a country, continent or area, or of a region or city
    of at least ``min_pop`` people (regions: five times that): a place name safe to take outside the
    place entities. Counties only when their name says so ("Metcalfe County"); ``not_places`` never."""
    if fold(text) in gaz.not_places:
        return False
    for e, p in gaz.candidates(text, expand=False):
        if not p:
            continue
        if e.feature in {"country", "continent", "area"}:
            return True
        if e.feature == "city" and e.population >= min_pop:
            return True
        if e.feature == "region" and e.population >= 5 * min_pop:
            return True
        if e.feature in {"county", "region"} and gaz.division_words & set(fold(e.name).split()):
            return True  # "Metcalfe County", "Idlib Governorate": the name says what it is
    return False


def _nested(doc: Doc, span: Span, gaz: Gazetteer, min_pop: int) -> list[Span]:
    """Place names inside an organisation or venue name ("Kentucky State Police", "CBC Toronto",
    "the University of Michigan"): runs of proper nouns, longest first."""
    out: list[Span] = []
    i = span.start
    while i < span.end:
        found = None
        for n in (3, 2, 1):
            j = i + n
            if j > span.end:
                continue
            sub = doc[i:j]
            if all(t.pos_ == "PROPN" for t in sub) and _strong(gaz, sub.text, min_pop):
                found = sub
                break
        if found is not None:
            out.append(found)
            i = found.end
        else:
            i += 1
    return out


STEPS = ("widen", "match", "context", "anchor")


def geoparse(doc: Doc, *, demonyms: bool = False, gaz: Gazetteer | None = None,
             skip: frozenset[str] = frozenset()) -> list[Toponym]:
    """Every place name of ``doc``, resolved with the article's country context: GPE and LOC
    entities; entities of other labels that are a well-known place name (the small model tags some
    cities as ORG or PERSON); place names inside organisation and venue names; proper nouns outside
    any entity that are well-known place names; with ``demonyms``, adjectives such as "Turkish" read
    as their country (plural people nouns such as "Americans" only count as context). Then, steps
    (``STEPS``; ``skip`` leaves some out, to measure what each adds): ``widen`` stretches names to the
    whole name the text writes, ``match`` finds gazetteer names the model missed and keeps them by
    their context, ``context`` drops names that the words around them make no place and reads venues
    (:mod:`.recognize`)."""
    gaz = gaz or gazetteer()
    person_words = {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    names = _entity_names(doc, gaz, person_words)
    names.extend(_free_names(doc, gaz, person_words))
    if demonyms:
        names.extend(_inner_demonyms(doc, gaz, names))
    if "widen" not in skip:
        names = _widened(doc, names, gaz)
    r = rules()
    how: dict[int, str] = {}
    if "match" not in skip:
        matched = _matched(doc, gaz, names, person_words, r)
        how.update((id(span), h) for span, h in matched)
        names.extend((span, "place") for span, _ in matched)
    if "context" not in skip:
        names = _read_in_context(doc, gaz, names, r, how)
    names.sort(key=lambda x: x[0].start)
    tops = _toponyms(gaz, names, how, demonyms)
    if "anchor" not in skip:
        tops = _with_anchored(doc, gaz, tops, r, person_words)
    return tops


def _with_anchored(doc: Doc, gaz: Gazetteer, tops: list[Toponym], r: dict[str, set[str]],
                   person_words: set[str]) -> list[Toponym]:
    """The ``anchor`` step: names the gazetteer lacks (villages and quarters by a generic noun,
    venues), placed by the toponyms around them (:mod:`.anchor`)."""
    tops = _strays_placed(doc, tops)
    extra = [Toponym(start, end, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text), doc[start:end].text,
                     entry, False, how) for start, end, entry, how in anchored_names(doc, gaz, tops, r, person_words)]
    if not extra:
        return tops
    # a landform named after a place ("the San Fernando Valley") replaces the place read inside it
    inner = {k for t in extra for k in range(t.start, t.end)}
    return sorted([*(t for t in tops if t.start not in inner), *extra], key=lambda t: t.start)


def _entity_names(doc: Doc, gaz: Gazetteer, person_words: set[str]) -> list[tuple[Span, str]]:
    """The names the model's entities give: places (GPE, LOC), demonyms and people nouns (NORP),
    well-known places under another label, place names inside organisation and venue names."""
    names: list[tuple[Span, str]] = []
    for ent in doc.ents:
        if ent.label_ in _NUMERIC_LABELS:
            continue
        span = _trim(ent)
        if not len(span) or fold(span.text) in gaz.not_places:
            continue
        if ent.label_ in _PLACE_LABELS:
            names.extend((sub, "place") for sub in _place_entity(doc, span, gaz))
        elif ent.label_ == "NORP" and gaz.demonym(span.text):
            if span.root.dep_ == "pobj" and len(span) == 1:
                names.append((span, "people"))  # "shouted in Turkish": a language, context only
            else:
                names.append((span, "demonym" if span.root.tag_ not in {"NNS", "NNPS"} else "people"))
        elif ent.label_ == "NORP" and any(t.text == "-" for t in span):
            # "Turkish-Russian relations", "a German-Iraqi boy": each part is a demonym
            names.extend((doc[t.i:t.i + 1], "demonym") for t in span if gaz.demonym(t.text))
        elif ent.label_ == "PERSON":
            if len(span) == 1 and span[0].lower_ not in person_words and _strong(gaz, span.text, 300_000):
                names.append((span, "place"))
        elif span.text[:1].isupper() and _strong(gaz, span.text, 100_000):
            names.append((span, "place"))  # a city or country tagged ORG, NORP, FAC, ...
        elif ent.label_ in _VENUE_LABELS or ent.label_ in {"WORK_OF_ART", "PRODUCT"}:
            names.extend((sub, "place") for sub in _nested(doc, span, gaz, 50_000))
    return names


def _place_entity(doc: Doc, span: Span, gaz: Gazetteer) -> list[Span]:
    """The place name a GPE or LOC entity gives, with or without a generic word after it."""
    division = len(span) > 1 and fold(span[-1].text) in gaz.division_words
    if division and span[-1].is_lower and gaz.candidates(span[:-1].text):
        return [span[:-1]]  # "Nyanza province": the lower-case word is no part
    if gaz.candidates(span.text, expand=False):
        return [span]
    if division and (span[-1].is_lower or (span.end < len(doc) and doc[span.end].pos_ == "PROPN")):
        # "Sichuan province", "the West Virginia State Police": the generic word is no part of the name
        return [span[:-1]] if gaz.candidates(span[:-1].text) else []
    if division and gaz.candidates(span.text):
        return [span]  # "Fars Province": a capitalised generic word is part of it
    return _nested(doc, span, gaz, 100_000)  # "Far North Queensland"


def _inner_demonyms(doc: Doc, gaz: Gazetteer, names: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Adjectival demonyms the model left inside another entity's name or outside any entity (*the
    Turkish Embassy*, *the Canadian Press*, *the Cuban Adjustment Act*): read as their country."""
    covered = {k for span, _ in names for k in range(span.start, span.end)}
    out: list[tuple[Span, str]] = []
    for tok in doc:
        if tok.i in covered or tok.ent_type_ == "NORP" or not tok.text[:1].isupper() or not tok.is_alpha:
            continue
        if tok.ent_type_ in {"PERSON", *_NUMERIC_LABELS} or tok.tag_ in {"NNS", "NNPS"} or not gaz.demonym(tok.text):
            continue
        if fold(tok.text) in gaz.not_places or gaz.candidates(tok.text, expand=False):
            continue  # a place's own name as well ("Jersey"): left to the place readings
        out.append((doc[tok.i:tok.i + 1], "demonym"))
    return out


def _free_names(doc: Doc, gaz: Gazetteer, person_words: set[str]) -> list[tuple[Span, str]]:
    """Well-known place names among the proper nouns outside any entity, read in runs."""
    if not len(doc):
        return []
    in_ent = {k for ent in doc.ents for k in range(ent.start, ent.end)}
    propn = doc.vocab.strings["PROPN"]
    free = [int(i) for i in np.flatnonzero(doc.to_array("POS") == propn) if int(i) not in in_ent]
    names: list[tuple[Span, str]] = []
    k = 0
    while k < len(free):
        i = free[k]
        j = k
        while j + 1 < len(free) and free[j + 1] == free[j] + 1:
            j += 1
        run = doc[i : free[j] + 1]
        k = j + 1
        if not run.text[:1].isupper():
            continue
        names.extend((sub, "place") for sub in _nested(doc, run, gaz, 100_000)
                     if sub[0].lower_ not in person_words and fold(sub.text) not in gaz.not_places)
    return names


def _matched(doc: Doc, gaz: Gazetteer, names: list[tuple[Span, str]], person_words: set[str],
             r: dict[str, set[str]]) -> list[tuple[Span, str]]:
    """The ``match`` step: gazetteer names outside the names found so far, kept by their context."""
    taken = {k for span, _ in names for k in range(span.start, span.end)}
    place_tokens = {k for span, kind in names if kind == "place" for k in range(span.start, span.end)}

    def strong(text: str) -> bool:
        return _strong(gaz, text, 100_000) or any(
            p and e.feature == "region" and e.population >= 50_000 for e, p in gaz.candidates(text, expand=False))

    return match_names(doc, gaz, taken, person_words, r, strong, place_tokens.__contains__)


def _read_in_context(doc: Doc, gaz: Gazetteer, names: list[tuple[Span, str]], r: dict[str, set[str]],
                     how: dict[int, str]) -> list[tuple[Span, str]]:
    """The ``context`` step: names the words around them make no place are dropped (newspapers,
    hyphenated names, people, a place name inside a venue's name that it does not open)."""
    person_tokens = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
                     if t.is_alpha and not any(x.is_punct for x in ent)}
    read: list[tuple[Span, str]] = []
    for span, kind in names:
        if kind == "place":
            wide, _ = in_context(doc, span, gaz, r, person_tokens)
            if wide is None:
                continue
            if id(span) in how:
                how[id(wide)] = how[id(span)]
            span = wide
        read.append((span, kind))
    return read


def _toponyms(gaz: Gazetteer, names: list[tuple[Span, str]], how: dict[int, str], demonyms: bool) -> list[Toponym]:
    """The names resolved together, as toponyms; a name found by its context alone that is only a
    small town in a country the article does not otherwise name is dropped."""
    out: list[Toponym] = []
    resolved = resolve_all(gaz, names)
    # the countries the article names by its model-tagged and well-known names and demonyms
    countries = {e.country for (span, kind), e in zip(names, resolved, strict=True)
                 if e is not None and e.country and how.get(id(span), "ner") in {"ner", "known"}}
    for (span, kind), entry in zip(names, resolved, strict=True):
        if kind == "people" or entry is None or (kind == "demonym" and not demonyms):
            continue
        h = how.get(id(span), "ner")
        if h in _WEAK and countries and entry.feature in {"city", "county"} and entry.population < STRAY_TOWN_POP and (
                entry.country not in countries):
            continue  # a small namesake abroad: more likely a venue or quarter the gazetteer lacks
        out.append(Toponym(span.start, span.end, span.start_char, span.end_char, span.text,
                           entry, kind == "demonym", h))
    return out


# names found by their context alone (not by the model nor as well-known names)
def _strays_placed(doc: Doc, tops: list[Toponym]) -> list[Toponym]:
    """A name the model tags whose only reading is a town or county of fewer than
    ``STRAY_TOWN_POP`` people in a country no other name of the article is in (*Haram* read as a
    Norwegian village in a story about Cairo) is a place the gazetteer lacks: placed like the anchor
    step's names, at the place the text puts it in (no GeoNames id), when there is one."""
    out: list[Toponym] = []
    for t in tops:
        e = t.entry
        if t.how == "ner" and not t.demonym and e.feature in {"city", "county"} and e.population < STRAY_TOWN_POP:
            others = {x.entry.country for x in tops if x.entry.country and fold(x.text) != fold(t.text)}
            if others and e.country not in others:
                holder = holder_of(doc, t.start, t.end, [x for x in tops if fold(x.text) != fold(t.text)])
                if holder is not None and holder.country in others:
                    t = replace(t, entry=replace(holder, geonameid=None, name=t.text, feature=e.feature,
                                                 population=0, capital=False))
        out.append(t)
    return out


_WEAK = frozenset({"cue", "list", "institution", "dateline"})
# such a name is dropped when it is only a town or county of fewer people in a country the article does
# not name
STRAY_TOWN_POP = 20_000


def _widened(doc: Doc, names: list[tuple[Span, str]], gaz: Gazetteer) -> list[tuple[Span, str]]:
    """Names stretched to the whole name the text writes (:func:`recognize.widen`); a name inside
    another's widened span is dropped."""
    taken = {k for span, _ in names for k in range(span.start, span.end)}
    out: list[tuple[Span, str]] = []
    for span, kind in names:
        if kind == "place":
            own = set(range(span.start, span.end))
            span = widen(doc, span, gaz, taken - own)
        out.append((span, kind))
    out.sort(key=lambda x: (x[0].start, -(x[0].end - x[0].start)))
    kept: list[tuple[Span, str]] = []
    last_end = -1
    for span, kind in out:
        if span.start < last_end:
            continue
        kept.append((span, kind))
        last_end = span.end
    return kept

