"""Places from an offline gazetteer, and the location of each event.

Component ``communique_places`` reads the named entities, ``doc.spans["actors"]`` (written by the actors
component before it) and the parse; it writes ``doc._.places`` (``list[records.Place]``) and
``doc.spans["places"]`` (``span._.place`` is the Place). :func:`location_for` gives an event's location
from its head token. :func:`geoparse` is the toponym recogniser and resolver both use (and
``communique eval geo`` scores). Rules: ``docs/times-places.md``; words: ``data/places/*.yaml``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..knowledge import data_files, load_yaml
from ..nlp import doc_list
from ..records import Location, Place
from .display import display_name
from .gazetteer import Anchors, Entry, Gazetteer, fold, gazetteer
from .recognize import in_context, match_names, widen

__all__ = ["Toponym", "geoparse", "location_for", "places_component", "place_of"]

log = logging.getLogger(__name__)

_PLACE_LABELS = {"GPE", "LOC"}
_VENUE_LABELS = {"FAC", "ORG", "EVENT"}
_NUMERIC_LABELS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_TOPONYMS = "communique_toponyms"  # doc.user_data key of the document's toponyms
_LOWER_DIRECTIONS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
                     "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                     "southeastern", "southwestern"}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "csubj", "conj"}


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
    how: str = "ner"  # how it was found: ner, label, nested, propn, known, cue, institution, dateline, list


@lru_cache(maxsize=4)
def rules(extra: tuple[str, ...] | None = None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in data_files("places/rules.yaml", list(extra) if extra is not None else None):
        for key, value in (load_yaml(path) or {}).items():
            out.setdefault(key, set()).update(str(v).lower() for v in value or [])
    return out


# --------------------------------------------------------------------------------------------------
# recognition and resolution
# --------------------------------------------------------------------------------------------------


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


Votes = dict[tuple[str, str], float]  # ("country", "CAN") or ("region", "CAN.01") -> weight


def _entry_votes(e: Entry, votes: Votes, weight: float = 1.0) -> None:
    if not e.country:
        return
    if e.feature == "country":
        votes[("country", e.country)] = votes.get(("country", e.country), 0.0) + weight
    elif e.feature == "area":
        votes[("country", e.country)] = votes.get(("country", e.country), 0.0) + 0.7 * weight
    elif e.feature == "region":
        votes[("region", e.admin1 or "")] = votes.get(("region", e.admin1 or ""), 0.0) + weight
        votes[("country", e.country)] = votes.get(("country", e.country), 0.0) + 0.7 * weight
    elif e.feature in {"city", "county"}:
        votes[("country", e.country)] = votes.get(("country", e.country), 0.0) + 0.5 * weight
        if e.admin1:
            votes[("region", e.admin1)] = votes.get(("region", e.admin1), 0.0) + 0.5 * weight


def _first_reading(gaz: Gazetteer, text: str, kind: str) -> Entry | None:
    """The reading of a name before context: a demonym's country, else the best prior when it is
    a country or region, or a city clearly ahead of the other readings."""
    if kind in {"demonym", "people"}:
        return gaz.demonym_place(text)
    cands = gaz.candidates(text)
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: gaz.prior(*c), reverse=True)
    best = ranked[0][0]
    if best.feature == "city" and len(ranked) > 1 and gaz.prior(*ranked[0]) - gaz.prior(*ranked[1]) < 2.0:
        return None
    return best


def _split(votes: Votes) -> tuple[dict[str, float], dict[str, float]]:
    countries = {k: w for (kind, k), w in votes.items() if kind == "country" and w > 1e-9}
    regions = {k: w for (kind, k), w in votes.items() if kind == "region" and w > 1e-9}
    return countries, regions


def _containment(gaz: Gazetteer, names: list[tuple[Span, str]], keys: list[str]
                 ) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Where the text puts a place in another: a name followed by a comma and a region or country
    (*Paris, Texas*, *Glasgow, Ky.*, *Queensland, Australia*). For the first name, the regions
    (``"ISO3.admin1"``) and countries the second may be; for the second, the regions and
    countries the first may lie in. Keyed by folded name (one sense per article)."""
    inside: dict[str, set[str]] = {}
    contains: dict[str, set[str]] = {}
    order = sorted(range(len(names)), key=lambda k: names[k][0].start_char)
    seq = [(names[k][0], names[k][1], keys[k]) for k in order]
    for (a, kind_a, ka), (b, kind_b, kb) in zip(seq, seq[1:], strict=False):
        if kind_a != "place" or kind_b != "place" or ka == kb:
            continue
        if b.start != a.end + 1 or a.doc[a.end].text != ",":
            continue
        outer = {e.admin1 if e.feature == "region" else e.country for e, _ in gaz.candidates(b.text)
                 if e.feature in {"region", "country"}}
        outer.discard(None)
        if not outer:
            continue
        first = _first_reading(gaz, a.text, kind_a)
        if first is not None and first.feature in {"region", "country", "continent", "area"}:
            continue  # a list of places ("Kenya, Uganda", "Illinois, Missouri"), not one in the other
        inner = gaz.candidates(a.text)
        if not any(e.admin1 in outer or e.country in outer for e, _ in inner if e.feature in {"city", "county"}):
            continue
        inside.setdefault(ka, set()).update(str(x) for x in outer)
        for e, _ in inner:
            if e.feature != "country" and e.country:
                contains.setdefault(kb, set()).add(e.country)
                if e.admin1:
                    contains[kb].add(e.admin1)
    return ({k: frozenset(v) for k, v in inside.items()}, {k: frozenset(v) for k, v in contains.items()})


def _kinds(names: list[tuple[Span, str]], keys: list[str], r: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """The features the text gives a name by a generic noun (``rules.yaml: city_nouns``,
    ``division_nouns``): before it with *of* (*the city of Turkey*, *the province of Aydin*) or
    right after it in lower case (*Washington state*, *Idlib province*, *Quebec city*)."""
    city, division = r.get("city_nouns", set()), r.get("division_nouns", set())
    out: dict[str, set[str]] = {}
    for (span, kind), key in zip(names, keys, strict=True):
        if kind != "place":
            continue
        doc = span.doc
        nouns = []
        if span.start >= 2 and doc[span.start - 1].lower_ == "of":
            nouns.append(doc[span.start - 2].lower_)
        if span.end < len(doc) and doc[span.end].is_lower:
            nouns.append(doc[span.end].lower_)
        for noun in nouns:
            if noun in city:
                out.setdefault(key, set()).add("city")
            elif noun in division:
                out.setdefault(key, set()).update({"region", "county"})
    return {k: frozenset(v) for k, v in out.items()}


def _resolve_all(gaz: Gazetteer, names: list[tuple[Span, str]], *, passes: int = 2) -> list[Entry | None]:
    """Resolve every name with the context the other names give: first from their readings before
    context, then from the previous pass's results. The context is the countries and regions the
    other names vote for, the towns they name (closeness) and the places they name by their own
    name. A name's votes (all its mentions) never count for itself."""
    keys = [fold(span.text) for span, _ in names]
    texts: dict[str, str] = {}
    for (span, kind), key in zip(names, keys, strict=True):
        if kind not in {"demonym", "people"}:
            texts.setdefault(key, span.text)
    inside, contains = _containment(gaz, names, keys)
    kinds = _kinds(names, keys, rules())
    result: list[Entry | None] = [_first_reading(gaz, span.text, kind) for span, kind in names]
    for _ in range(passes):
        total: Votes = {}
        own: dict[str, Votes] = {}
        towns: dict[str, set[tuple[float, float]]] = {}
        named: dict[str, set[tuple[str, float | None, float | None]]] = {}
        for key, e in zip(keys, result, strict=True):
            if e is None:
                continue
            _entry_votes(e, total)
            _entry_votes(e, own.setdefault(key, {}))
            if e.feature in {"city", "county"} and e.lat is not None and e.lon is not None:
                towns.setdefault(key, set()).add((e.lat, e.lon))
            if fold(e.name) == key:
                named.setdefault(key, set()).add((e.name, e.lat, e.lon))
        by_key: dict[str, Entry | None] = {}
        for key, text in texts.items():
            mine = own.get(key, {})
            countries, regions = _split({k: w - mine.get(k, 0.0) for k, w in total.items()})
            near = Anchors([sorted(v) for k, v in towns.items() if k != key])
            taken = frozenset(x for k, v in named.items() if k != key for x in v)
            by_key[key] = gaz.resolve(text, context=countries, regions=regions, near=near, taken=taken,
                                      inside=inside.get(key), contains=contains.get(key), prefer=kinds.get(key))
        new: list[Entry | None] = []
        for (span, kind), key in zip(names, keys, strict=True):
            if kind in {"demonym", "people"}:
                new.append(gaz.demonym_place(span.text))
            else:
                new.append(by_key.get(key))
        result = new
    return result


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


STEPS = ("widen", "match", "context")


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
    names: list[tuple[Span, str]] = []
    person_words = {ent[-1].lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1}
    in_ent = set()
    for ent in doc.ents:
        in_ent.update(range(ent.start, ent.end))
        if ent.label_ in _NUMERIC_LABELS:
            continue
        span = _trim(ent)
        if not len(span) or fold(span.text) in gaz.not_places:
            continue
        if ent.label_ in _PLACE_LABELS:
            division = len(span) > 1 and fold(span[-1].text) in gaz.division_words
            if division and span[-1].is_lower and gaz.candidates(span[:-1].text):
                names.append((span[:-1], "place"))  # "Nyanza province": the lower-case word is no part
            elif gaz.candidates(span.text, expand=False):
                names.append((span, "place"))
            elif division and (span[-1].is_lower or (span.end < len(doc) and doc[span.end].pos_ == "PROPN")):
                # "Sichuan province", "the West Virginia State Police": the generic word is no part
                # of the name
                if gaz.candidates(span[:-1].text):
                    names.append((span[:-1], "place"))
            elif division and gaz.candidates(span.text):
                names.append((span, "place"))  # "Fars Province": a capitalised generic word is part of it
            else:
                names.extend((sub, "place") for sub in _nested(doc, span, gaz, 100_000))  # "Far North Queensland"
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
    # proper nouns outside entities, in runs
    propn = doc.vocab.strings["PROPN"] if len(doc) else 0
    free = [int(i) for i in np.flatnonzero(doc.to_array("POS") == propn) if int(i) not in in_ent] if len(doc) else []
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
    if "widen" not in skip:
        names = _widened(doc, names, gaz)
    taken = {k for span, _ in names for k in range(span.start, span.end)}
    r = rules()

    def strong(text: str) -> bool:
        return _strong(gaz, text, 100_000) or any(
            p and e.feature == "region" and e.population >= 50_000 for e, p in gaz.candidates(text, expand=False))

    place_tokens = {k for span, kind in names if kind == "place" for k in range(span.start, span.end)}
    matched = [] if "match" in skip else match_names(doc, gaz, taken, person_words, r, strong,
                                                      place_tokens.__contains__)
    how = {id(span): h for span, h in matched}
    names.extend((span, "place") for span, _ in matched)
    # the words around each place name: newspapers, hyphenated names, people, venues
    person_tokens = {t.lower_ for ent in doc.ents if ent.label_ == "PERSON" and len(ent) > 1 for t in ent
                     if t.is_alpha and not any(x.is_punct for x in ent)}
    read: list[tuple[Span, str]] = []
    for span, kind in names:
        if kind == "place" and "context" not in skip:
            wide, h = in_context(doc, span, gaz, r, person_tokens)
            if wide is None:
                continue
            if h is not None:
                wide = _Named(wide, span.text)
                how[id(wide)] = h
            elif id(span) in how:
                how[id(wide)] = how[id(span)]
            span = wide
        read.append((span, kind))
    names = sorted(read, key=lambda x: x[0].start)
    out: list[Toponym] = []
    resolved = _resolve_all(gaz, names)
    # the countries the article names by its model-tagged and well-known names and demonyms
    countries = {e.country for (span, kind), e in zip(names, resolved, strict=True)
                 if e is not None and e.country and how.get(id(span), "ner") in {"ner", "known", "facility"}}
    for (span, kind), entry in zip(names, resolved, strict=True):
        if kind == "people" or entry is None or (kind == "demonym" and not demonyms):
            continue
        h = how.get(id(span), "ner")
        if h in _WEAK and countries and entry.feature == "city" and entry.population < STRAY_TOWN_POP and (
                entry.country not in countries):
            continue  # a small namesake abroad: more likely a venue or quarter the gazetteer lacks
        out.append(Toponym(span.start, span.end, span.start_char, span.end_char, getattr(span, "span_text", span.text),
                           entry, kind == "demonym", h))
    return out


# names found by their context alone (not by the model nor as well-known names)
_WEAK = frozenset({"cue", "list", "institution", "dateline"})
# such a name is dropped when it is only a town of fewer people in a country the article does not name
STRAY_TOWN_POP = 20_000


class _Named:
    """A span read by the resolver under another name: a venue (``"the Vancouver Art Gallery"``)
    is resolved as the place it opens with (``"Vancouver"``)."""

    def __init__(self, span: Span, text: str) -> None:
        self.doc = span.doc
        self.start, self.end = span.start, span.end
        self.start_char, self.end_char = span.start_char, span.end_char
        self.text = text
        self.span_text = span.text
        self.root = span.root

    def __len__(self) -> int:
        return self.end - self.start


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


# --------------------------------------------------------------------------------------------------
# the location of an event
# --------------------------------------------------------------------------------------------------


def _location(e: Entry, doc: Doc | None = None) -> Location:
    """The location record of ``e``: its display name is the form of its first mention in the
    article (``"Raqqa"``), else its English name; ``feature`` says whether it is a country (drawn as
    an area, not a point), a region, county, city, continent or area."""
    text = None
    if doc is not None:
        text = next((t.text for t in _doc_toponyms(doc) if t.entry == e and not t.demonym), None)
    return Location(name=e.name, country=e.country, lat=e.lat, lon=e.lon, geonameid=e.geonameid,
                    display_name=display_name(e, text), feature=e.feature)


def _doc_toponyms(doc: Doc) -> list[Toponym]:
    cached = doc.user_data.get(_TOPONYMS)
    if cached is None:
        cached = geoparse(doc)
        doc.user_data[_TOPONYMS] = cached
    return cached


def place_of(doc: Doc, tok: Token) -> Entry | None:
    """The gazetteer entry of the place name ``tok`` belongs to (a capital used as a government
    included: whether it is a place is the caller's question)."""
    for top in _doc_toponyms(doc):
        if top.start <= tok.i < top.end and not top.demonym:
            return top.entry
    return None


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
    tops = _doc_toponyms(doc)
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
