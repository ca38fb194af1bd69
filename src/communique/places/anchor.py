"""Place names the gazetteer lacks, placed by the places around them (the ``anchor`` step).

Two kinds of names are read from their words alone (``rules.yaml``):

* a name a generic noun says is a place (``name_nouns``): after the noun with *of* (*the village of
  Assenoncourt*, *the villages of Bumbacari and Dudescu*) or before the noun in lower case (*the
  Abbasiya neighbourhood*, *the Mukuru slums*); the noun stays outside the name;
* a venue (``facility_words`` as its last word, ``venue_openers`` as its first): a run of capitalised
  words such as *St. Michael's Hospital*, *Pearson International Airport*, *Fort Hood*.

Two more kinds are read from the model's tags and the words around them: a physical feature the model
tags as a place, ending with a landform word (``landform_words``: *the Fraser Valley*; one named after a
place found already replaces it: *the San Fernando Valley*), and a name between a preposition of place
and a place found already (``located_prepositions``: *in Smalltownia, Saskatchewan*).

Such a name has no gazetteer entry, so it is placed at the place the text puts it in: a place right
after it (*X, Ontario*, *X in Cairo*), a possessive place before it (*Toronto's Pearson International
Airport*), else the nearest town, county or region of the same sentence, else of the article before
it. Its entry has no GeoNames id and carries the name as written. A name with nothing to place it by
is left out. A village a generic noun introduces that the gazetteer holds under another spelling
(*Qatraneh*: *Al Qatranah*, :meth:`Gazetteer.by_spelling`) takes that entry, id and point.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc

from ..knowledge import data_files, load_yaml
from .airports import Airports, airports
from .gazetteer import Entry, Gazetteer, fold
from .recognize import words_of

__all__ = ["anchored_names"]

log = logging.getLogger(__name__)

# lower-case words inside a name ("Ceamurlia de Jos", "University of Rouen", "Mukuru kwa Njenga")
_CONNECTORS = {"de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "van", "von", "der", "den",
               "al", "el", "kwa", "of", "on", "upon", "y"}
# words that carry a foreign name on ("Ballon d'Or", "Puerta del Sol")
_NAME_LINKS = {"de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le", "van", "von", "der", "den", "y"}
_LIST_WORDS = {",", "and", "or", "&"}
_SAINTS = {"st.", "st", "saint", "sainte", "ste.", "san", "santa", "são"}  # "St. Michael's Hospital"
_DETERMINERS = {"the", "a", "an", "this", "that"}
# the places that can hold a venue or a village (not countries nor continents: too far apart)
_HOLDERS = {"city", "county", "region"}


def _capital_word(doc: Doc, k: int) -> bool:
    tok = doc[k]
    return bool(tok.text[:1].isupper() and (tok.is_alpha or tok.text.endswith(".") or "-" in tok.text
                                            or tok.text.replace("'", "").replace("’", "").isalpha()))


def _name_run(doc: Doc, start: int, limit: int, covered: set[int]) -> int:
    """The end of the run of capitalised words (with connectors, possessives, hyphens and
    abbreviations' periods inside) starting at ``start``; ``start`` when there is none."""
    end = start
    k = start
    n = min(len(doc), limit)
    while k < n:
        tok = doc[k]
        if "\n" in tok.text or (k > start and ("\n" in doc[k - 1].whitespace_ or tok.is_sent_start)):
            break
        if _capital_word(doc, k) and tok.ent_type_ not in {"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"}:
            k += 1
            end = k
        elif k > start and tok.text in {"'s", "’s", "-"} and not doc[k - 1].whitespace_ and k + 1 < n and (
                _capital_word(doc, k + 1)):
            k += 1
        elif k > start and tok.lower_ in _CONNECTORS and tok.is_lower and k + 1 < n and _capital_word(doc, k + 1):
            k += 1
        else:
            break
    return end


def _entry_for(name: str, holder: Entry, feature: str) -> Entry:
    return replace(holder, geonameid=None, name=name, feature=feature, population=0, capital=False)


def anchored_names(doc: Doc, gaz: Gazetteer, tops: list, r: dict[str, set[str]], person_words: set[str]
                   ) -> list[tuple[int, int, Entry, str]]:
    """Names the gazetteer lacks that the words around them make places, each as ``(start, end,
    entry, how)`` with ``how`` ``"generic"`` (a generic noun) or ``"venue"``, placed by the
    toponyms ``tops`` already found (see the module docstring)."""
    covered = {k for t in tops for k in range(t.start, t.end)}
    found: list[tuple[int, int, str, str]] = []  # start, end, how, feature
    taken: set[int] = set()
    out: list[tuple[int, int, Entry, str]] = []
    for start, end, entry in _airports(doc, tops, covered, r, person_words):
        out.append((start, end, entry, "airport"))
        taken.update(range(start, end))
    for start, end, entry in _landmarks(doc, covered | taken, r.get("cue_prepositions", set())):
        out.append((start, end, entry, "landmark"))
        taken.update(range(start, end))

    def add(start: int, end: int, how: str, feature: str, strong: bool = False) -> None:
        """Take ``doc[start:end]``; ``strong``: the words say outright that it is a place ("the
        village of X", "X, a farming town"), so a person's tag on exactly the name is a slip."""
        if end <= start or any(k in taken or k in covered for k in range(start, end)):
            return
        span = doc[start:end]
        key = fold(span.text)
        if len(key) < 3 or key in gaz.not_places or gaz.demonym(span.text) or span.text.isupper():
            return
        exact = strong and doc[start].ent_iob_ == "B" and (end >= len(doc) or doc[end].ent_iob_ != "I")
        if (any(t.ent_type_ == "PERSON" for t in span) and not exact) or (
                len(span) == 1 and span[0].lower_ in person_words):
            return
        found.append((start, end, how, feature))
        taken.update(range(start, end))

    replaced: dict[int, Entry] = {}  # start of a model-tagged name -> the place it names inside it
    for start, end, inner in _model_names(doc, gaz, tops, r, person_words, covered | taken):
        if inner is not None:
            replaced[start] = inner
            found.append((start, end, "model", "area"))
            taken.update(range(start, end))
        else:
            add(start, end, "model", "area")
    _generic(doc, r, add)
    _venues(doc, r, add)
    _located(doc, r, tops, add)
    counts = Counter(t.entry.country for t in tops if not t.demonym and t.entry.country)
    home = counts.most_common(1)[0][0] if counts else None
    for start, end, how, feature in sorted(found):
        if start in replaced:  # "the San Fernando Valley": at the place it is named after
            out.append((start, end, _entry_for(doc[start:end].text, replaced[start], feature), how))
            continue
        holder = holder_of(doc, start, end, tops)
        if how in {"generic", "model"}:
            # the gazetteer may hold it under another spelling (*Qatraneh*: *Al Qatranah*)
            hit = _respelled(gaz, doc[start:end].text, holder, home)
            if hit is not None:
                out.append((start, end, hit, how))
                continue
        if holder is None:
            continue
        out.append((start, end, _entry_for(doc[start:end].text, holder, feature), how))
    return sorted(out, key=lambda x: x[0])


def _model_names(doc: Doc, gaz: Gazetteer, tops: list, r: dict[str, set[str]], person_words: set[str],
                 covered: set[int]) -> list[tuple[int, int, Entry | None]]:
    """Physical features the gazetteer lacks: names the model tags as places (GPE, LOC) that end
    with a landform word (``rules.yaml: landform_words``: *the Fraser Valley*, *the Red River*), and
    such names tagged as places or facilities that hold a place name the other steps took (*the San
    Fernando Valley*, read before as *San Fernando*): ``(start, end, inner)``, ``inner`` the entry of
    the place named inside (it replaces that toponym), else None."""
    landforms = r.get("landform_words", set())
    by_start = {t.start: t for t in tops}
    out: list[tuple[int, int, Entry | None]] = []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC"}:
            continue
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ == "the" or not doc[start].text[:1].isupper()):
            start += 1
        while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
            end -= 1
        if end <= start or any(not (_capital_word(doc, k) or doc[k].lower_ in _CONNECTORS or doc[k].text == "-")
                               for k in range(start, end)):
            continue
        text = doc[start:end].text
        key = fold(text)
        if "\n" in text or text.isupper() or len(key) < 3 or key in gaz.not_places or gaz.demonym(text) or (
                gaz.candidates(text, expand=False)) or (len(doc[start:end]) == 1 and doc[start].lower_ in person_words):
            continue
        if doc[end - 1].lower_ not in landforms or end - start < 2:
            continue  # the small model's other unknown "places" are mostly people, firms and diseases
        inside = [k for k in range(start, end) if k in covered]
        if not inside:
            if ent.label_ != "FAC":
                out.append((start, end, None))
            continue
        # a landform named after a place the other steps took as a toponym of its own
        t = by_start.get(start)
        if (t is not None and t.end < end
                and all(k < t.end for k in inside) and t.entry.lat is not None
                and t.entry.feature in {"city", "county", "region", "area"}):
            out.append((start, end, t.entry))
    return out


def _respelled(gaz: Gazetteer, name: str, holder: Entry | None, home: str | None) -> Entry | None:
    """The town or county of the gazetteer that ``name`` spells another way
    (:meth:`Gazetteer.by_spelling`): near the place the text puts it in, or in that place's country
    (else the article's main country) with a longer key when that place is a country."""
    if holder is not None and holder.lat is not None and holder.feature in {"city", "county"}:
        return gaz.by_spelling(name, country=holder.country, near=(holder.lat, holder.lon))
    if holder is not None and holder.lat is not None and holder.feature == "region":
        return gaz.by_spelling(name, country=holder.country, near=(holder.lat, holder.lon), max_km=REGION_KM)
    country = holder.country if holder is not None and holder.country else home
    if country is None or len(gaz.spelling(name)) < SPELLING_COUNTRY_KEY:
        return None
    return gaz.by_spelling(name, country=country)


# a respelled name looked up in a whole country needs a key of this many letters
SPELLING_COUNTRY_KEY = 5
# ... and around a region's point, within this distance
REGION_KM = 250.0


def _airports(doc: Doc, tops: list, covered: set[int], r: dict[str, set[str]], person_words: set[str]
              ) -> list[tuple[int, int, Entry]]:
    """Airports by their name (:mod:`.airports`): a full name (*Pearson International Airport*)
    wherever it stands; a short one (*Heathrow*) after a preposition of place (``cue_prepositions``),
    a possessive place (*London's Heathrow*), before *airport*, or in a list with another airport.
    A name several airports share is read in the article's countries, else left out."""
    index = airports()
    if not index.full:
        return []
    countries = Counter(t.entry.country for t in tops if not t.demonym and t.entry.country)
    cues = r.get("cue_prepositions", set())
    n = len(doc)
    hits: list[tuple[int, int, Entry, bool]] = []
    w = words_of(doc)
    i = 0
    while i < n:
        word = w.words[i]
        if i in covered or not word[:1].isupper() or fold(word) not in index.prefixes:
            i += 1
            continue
        best = None
        for j in range(i + 1, min(n, i + 7) + 1):  # the longest name, read while a name starts so
            if j - 1 in covered:
                break
            text = w.between(i, j)
            key = fold(text)
            if "\n" in text or key not in index.prefixes:
                break
            found, full = index.lookup(text)
            if found and w.words[j - 1][:1].isupper():
                best = (j, found, full)
        if best is None:
            i += 1
            continue
        j, found, full = best
        span = doc[i:j]
        tok = doc[i]
        # a person's name, unless the model tagged the airport's one-word name alone as a person
        # ("while Heathrow and Gatwick reported")
        alone = len(span) == 1 and tok.ent_iob_ == "B" and (j >= n or doc[j].ent_iob_ != "I")
        if any(t.ent_type_ == "PERSON" for t in span) and not alone or (len(span) == 1 and tok.lower_ in person_words):
            i = j
            continue
        home = [a for a in found if a.country in countries]
        if len(found) > 1 and len(home) != 1 and len({a.country for a in found}) > 1:
            i = j
            continue
        a = (home or found)[0]
        hits.append((i, j, Airports.entry(a, span.text), full))
        i = j
    out: list[tuple[int, int, Entry]] = []
    starts = {h[0] for h in hits}
    ends = {h[1] for h in hits}
    for start, end, entry, full in hits:
        k = start - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        after = doc[end].lower_ if end < n else ""
        listed = (start >= 2 and doc[start - 1].text in _LIST_WORDS and (start - 1) in ends) or (
            end + 1 < n and doc[end].text in _LIST_WORDS and (end + 1) in starts)
        if not full and end < n and (doc[end].tag_ == "POS" or doc[end].text == "-" or _capital_word(doc, end)):
            continue  # part of a longer name ("Adam Malik Hospital", "the State Department", "the Pope's")
        if not full and start > 0 and (doc[start - 1].lower_ == "the" or (
                _capital_word(doc, start - 1) and not doc[start - 1].is_sent_start)):
            continue  # "the Pope": a short name goes without an article
        if not full and end < n and (doc[end].lower_.startswith("d'") or doc[end].lower_ in _NAME_LINKS):
            continue  # "Ballon d'Or"
        if full or listed or after in {"airport", "airports"} or (k >= 0 and doc[k].lower_ in cues) or (
                k >= 1 and doc[k].tag_ == "POS" and k in {t.end for t in tops}):
            out.append((start, end, entry))
    return out


@lru_cache(maxsize=4)
def landmarks(extra: tuple[str, ...] | None = None) -> dict[tuple[str, ...], tuple[str, Entry]]:
    """``data/places/landmarks.yaml`` (and the same file in each user data folder): the words of each
    name and alias to the landmark's name and entry."""
    out: dict[tuple[str, ...], tuple[str, Entry]] = {}
    for path in data_files("places/landmarks.yaml", list(extra) if extra is not None else None):
        for name, v in (load_yaml(path) or {}).items():
            v = v or {}
            entry = Entry(None, str(name), "city", v.get("country"), float(v["lat"]), float(v["lon"]), 0)
            for form in (name, *(v.get("aliases") or [])):
                out[tuple(str(form).replace("-", " - ").split())] = (str(name), entry)
    return out


def _landmarks(doc: Doc, covered: set[int], cues: set[str]) -> list[tuple[int, int, Entry]]:
    """Landmarks of ``landmarks.yaml`` written as listed (capitalised), standing alone, as the object
    of a preposition of place (``cue_prepositions``)."""
    table = landmarks()
    if not table:
        return []
    firsts = {k[0] for k in table}
    words = words_of(doc).words
    out: list[tuple[int, int, Entry]] = []
    n = len(doc)
    i = 0
    while i < n:
        if words[i] not in firsts or i in covered:
            i += 1
            continue
        hit = None
        for key in table:
            end = i + len(key)
            if key[0] == words[i] and tuple(words[i:end]) == key and not any(k in covered for k in range(i, end)):
                if hit is None or end > hit[0]:
                    hit = (end, table[key][1])
        if hit is None or (hit[0] < n and _capital_word(doc, hit[0]) and not doc[hit[0]].is_sent_start):
            i += 1
            continue  # part of a longer name ("White House Correspondents")
        end, entry = hit
        k = i - 1 if i > 0 and doc[i - 1].lower_ != "the" else i - 2
        if k < 0 or doc[k].lower_ not in cues:
            i = end
            continue  # "the White House said": the government, not the place ("at the White House")
        out.append((i, end, replace(entry, name=doc[i:end].text)))
        i = end
    return out


def _generic(doc: Doc, r: dict[str, set[str]], add) -> None:
    """Names after ``NOUN of`` (a list of them too) or before a lower-case ``NOUN``."""
    nouns = r.get("name_nouns", set())
    divisions = r.get("division_nouns", set())
    n = len(doc)
    words = words_of(doc).words
    for k in range(n):
        if words[k] not in nouns:  # lower case only
            continue
        tok = doc[k]
        feature = "county" if tok.lower_.rstrip("s") in divisions else "city"
        # "the village of X", "the villages of X, Y and Z"
        if k + 2 < n and doc[k + 1].lower_ == "of" and _capital_word(doc, k + 2):
            i = k + 2
            while i < n and _capital_word(doc, i):
                end = _name_run(doc, i, i + 6, set())
                add(i, end, "generic", feature, strong=True)
                j = end
                if j < n and doc[j].text in _LIST_WORDS:
                    j += 1
                    if j < n and doc[j].lower_ in {"and", "or"}:
                        j += 1
                    i = j if j < n and _capital_word(doc, j) and tok.lower_.endswith("s") else n
                else:
                    break
        # "Dogu Beyazit, a farming town", "Lujhu is a rural township": the name the noun describes
        j = k - 1
        while j > k - 4 and j > 0 and doc[j].is_lower and doc[j].pos_ in {"ADJ", "NOUN", "ADV"}:
            j -= 1
        if not tok.lower_.endswith("s") and j >= 2 and doc[j].lower_ in {"a", "an"} and (
                doc[j - 1].text == "," or doc[j - 1].lower_ in {"is", "was"}) and _capital_word(doc, j - 2):
            end = j - 1
            start = end - 1
            while start > 0 and end - start < 4 and _capital_word(doc, start - 1) and not doc[start].is_sent_start:
                start -= 1
            add(start, end, "generic", feature, strong=True)
        # "the Abbasiya neighbourhood", "the Mukuru slums": the name right before the noun
        if k >= 1 and _capital_word(doc, k - 1):
            start = k - 1
            while start > 0 and k - start < 4 and (_capital_word(doc, start - 1) or (
                    doc[start - 1].lower_ in _CONNECTORS and doc[start - 1].is_lower and start >= 2
                    and _capital_word(doc, start - 2))):
                start -= 1
            if doc[start].is_sent_start or doc[start].lower_ in _DETERMINERS:
                continue
            before = doc[start - 1] if start > 0 else None
            if before is not None and (before.lower_ in _DETERMINERS or before.tag_ == "POS" or before.dep_ == "prep"
                                       or before.text in _LIST_WORDS or before.pos_ == "ADP"):
                add(start, k, "generic", feature)


def _located(doc: Doc, r: dict[str, set[str]], tops: list, add) -> None:
    """A name after a preposition of place that the text places in a place found already (*in
    Qatraneh, Jordan*, *near Kogelo in Nyanza*): a capitalised run the model leaves untagged or tags as
    a place, right after ``rules.yaml: located_prepositions`` and right before a comma or *in* and a
    town, county, region or country."""
    preps = r.get("located_prepositions", set())
    starts = {t.start: t for t in tops if not t.demonym}
    n = len(doc)
    for k in range(n - 3):
        if doc[k].lower_ not in preps or not _capital_word(doc, k + 1):
            continue
        start = k + 1
        end = _name_run(doc, start, start + 4, set())
        if end <= start or end + 1 >= n or doc[end].text not in {",", "in"}:
            continue
        holder = starts.get(end + 1)
        if holder is None or holder.entry.feature not in _HOLDERS | {"country"}:
            continue
        if any(doc[i].ent_type_ and doc[i].ent_type_ not in {"GPE", "LOC"} for i in range(start, end)):
            continue
        add(start, end, "located", "city")


def _venues(doc: Doc, r: dict[str, set[str]], add) -> None:
    """Runs of capitalised words that end with a facility word or open with a venue word."""
    facility = r.get("site_words", set())
    openers = r.get("venue_openers", set())
    n = len(doc)
    k = 0
    words = words_of(doc).words
    while k < n:
        if not words[k][:1].isupper() or not _capital_word(doc, k) or (
                k > 0 and _capital_word(doc, k - 1) and doc[k - 1].lower_ != "the"):
            k += 1
            continue
        start = k
        while start < n and doc[start].is_stop and _capital_word(doc, start):
            start += 1  # "The", "At" opening a sentence
        end = _name_run(doc, start, start + 8, set())
        if doc[start].lower_ not in _SAINTS:
            # "the Army's Dugway Proving Ground": the possessor owns the venue, no part of its name
            start = next((i + 1 for i in range(end - 1, start, -1) if doc[i].tag_ == "POS"), start)
        if end - start >= 2 and doc[end - 1].lower_ in facility:
            add(start, end, "venue", "city")
        elif end - start >= 2 and doc[start].lower_ in openers:
            add(start, end, "venue", "city")
        k = max(end, k + 1)


def holder_of(doc: Doc, start: int, end: int, tops: list) -> Entry | None:
    """The place a name lies in: a place right after it (``, X`` or ``in X``), a possessive place
    right before it, else the nearest town, county or region of its sentence (before it first), else
    the last one of the article before it."""
    n = len(doc)
    by_start = {t.start: t for t in tops if not t.demonym}
    by_end = {t.end: t for t in tops if not t.demonym}
    j = end
    if j < n and doc[j].text in {",", "in", "near", "outside"}:
        t = by_start.get(j + 1)
        if t is not None and t.entry.feature in _HOLDERS | {"country"}:
            return t.entry
    k = start - 1
    if k >= 1 and doc[k].tag_ == "POS":
        t = by_end.get(k)
        if t is not None and t.entry.feature in _HOLDERS:
            return t.entry
    sent = doc[start].sent if doc.has_annotation("SENT_START") else doc[:]
    places = [t for t in tops if not t.demonym and t.entry.feature in _HOLDERS and t.entry.lat is not None]
    # the countries the article is about: a holder in another one is a namesake ("St. Paul" read as a
    # parish of Antigua in a story about Cairo) unless nothing else is there
    counts = Counter(t.entry.country for t in tops if not t.demonym and t.entry.country)
    if counts:
        top = counts.most_common(1)[0][1]
        home = [t for t in places if counts[t.entry.country] * 2 >= top]
        places = home or places
    before = [t for t in places if sent.start <= t.start < start]
    if before:
        return before[-1].entry
    after = [t for t in places if end <= t.start < sent.end]
    if after:
        return after[0].entry
    earlier = [t for t in places if t.start < start]
    return earlier[-1].entry if earlier else (places[0].entry if places else None)
