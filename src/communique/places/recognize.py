"""Toponym recognition beyond the model's entities: gazetteer matching over the text.

:func:`match_names` scans every capitalised token for the longest run of words that is a name of the
gazetteer (multi-word names, names with or without diacritics, names in capitals), then keeps a match
when it is well known or when its context says it is a place (``rules.yaml``: a preposition before
it, a generic noun after or before it, a local institution named after it, a dateline, a list with
other places). :func:`widen` stretches names already found to the whole name the text writes (a
direction word before them, a longer gazetteer name around them, the period of an abbreviation).
Rules: ``docs/times-places.md`` ("Recognition").
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc, Span

from .gazetteer import Gazetteer, fold

__all__ = ["in_context", "match_names", "widen"]

log = logging.getLogger(__name__)

MAX_WORDS = 6
_WORDS = "communique_place_words"  # doc.user_data key of the token texts and offsets
# a longer name around a found one is taken when it names a division, an area or a town of this size
WIDEN_MIN_POP = 10_000
# how many words before a name a longer name holding it may start
WIDEN_BEFORE = 4
# lower-case words inside a place name ("Ceamurlia de Jos", "Stratford-upon-Avon")
_CONNECTORS = {"de", "del", "della", "di", "da", "do", "dos", "das", "la", "le", "les", "van", "von", "der",
               "den", "upon", "on", "al", "el", "ul", "kwa"}
_LIST_WORDS = {",", "and", "or", "&", ";"}
# entity labels whose tokens a match may not take unless the entity is exactly the name and its
# context says it is a place ("in Churchill", tagged ORG)
_GUARDED = {"PERSON", "ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW", "LANGUAGE", "NORP"}
_NUMERIC = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_CALENDAR = {m.lower() for m in (*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr) if m}


def _capitalised(text: str) -> bool:
    return text[:1].isupper()


def _line_start(doc: Doc, i: int) -> bool:
    """Whether token ``i`` opens a line (the document, or after a line break)."""
    if i == 0:
        return True
    prev = doc[i - 1]
    return "\n" in prev.text or "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)


class _Words:
    """The token texts and offsets of a doc, to read a run of tokens without building spans."""

    def __init__(self, doc: Doc) -> None:
        # from the token arrays: no Token objects, no Doc.text (both cost per token)
        arr = doc.to_array([ORTH, SPACY]) if len(doc) else None
        strings = doc.vocab.strings
        self.words = [strings[int(o)] for o in arr[:, 0]] if arr is not None else []
        self.starts: list[int] = []
        self.ends: list[int] = []
        parts: list[str] = []
        pos = 0
        for k, word in enumerate(self.words):
            self.starts.append(pos)
            pos += len(word)
            self.ends.append(pos)
            parts.append(word)
            if arr[k, 1]:
                parts.append(" ")
                pos += 1
        self.text = "".join(parts)

    def between(self, i: int, j: int) -> str:
        return self.text[self.starts[i]:self.ends[j - 1]]


def words_of(doc: Doc) -> _Words:
    w = doc.user_data.get(_WORDS)
    if w is None or len(w.words) != len(doc):
        w = _Words(doc)
        doc.user_data[_WORDS] = w
    return w


def _longest(w: _Words, i: int, gaz: Gazetteer, stop: Callable[[int], bool]) -> int:
    """The end of the longest gazetteer name starting at token ``i`` (0 when none); a name ends on
    a capitalised word or an abbreviation's period and never crosses a line break."""
    prefixes = gaz.prefixes()
    best = 0
    for j in range(i + 1, min(len(w.words), i + MAX_WORDS) + 1):
        word = w.words[j - 1]
        if not word.strip() or (j - 1 > i and stop(j - 1)):
            break
        text = w.between(i, j)
        if "\n" in text:
            break
        key = fold(text)
        if not key:
            break
        if _capitalised(word) and gaz.known(key):
            best = j
        if key not in prefixes:
            break
    return best


@dataclass
class _Scan:
    """What the ``match`` step reads about a document: the entity of each token, the rule words and
    the caller's tests."""

    doc: Doc
    gaz: Gazetteer
    taken: set[int]
    person_words: set[str]
    strong: Callable[[str], bool]
    ent_of: dict[int, Span]
    cue_preps: set[str]
    cue_nouns: set[str]
    institutions: set[str]
    marks: set[str]

    def blocked(self, k: int) -> bool:
        """Whether token ``k`` may not be part of a match: taken by a name found before, or inside a
        numeric entity (unless the entity has no digit and this is a proper noun and no calendar
        word: "in Winnipeg" tagged DATE)."""
        if k in self.taken:
            return True
        ent = self.ent_of.get(k)
        return ent is not None and ent.label_ in _NUMERIC and (
            any(ch.isdigit() for ch in ent.text) or self.doc[k].lower_ in _CALENDAR or self.doc[k].pos_ != "PROPN")


def match_names(doc: Doc, gaz: Gazetteer, taken: set[int], person_words: set[str], r: dict[str, set[str]],
                strong: Callable[[str], bool], is_place: Callable[[int], bool]) -> list[tuple[Span, str]]:
    """Gazetteer names in the text outside the ``taken`` tokens, kept by their context. ``strong``
    says whether a name is safe without context (a country, a region, a large city); ``is_place``
    whether a token belongs to a place name found before (for lists). Each kept name comes with how
    it was found: ``known``, ``cue``, ``institution``, ``dateline`` or ``list``."""
    ent_of = {k: ent for ent in doc.ents for k in range(ent.start, ent.end)}
    scan = _Scan(doc, gaz, taken, person_words, strong, ent_of, r.get("cue_prepositions", set()),
                 r.get("cue_nouns", set()), r.get("institution_words", set()), r.get("dateline_marks", set()))
    pending: list[tuple[int, int]] = []
    kept: list[tuple[Span, str]] = []
    kept_tokens: set[int] = set()
    for start, end in _gazetteer_runs(scan):
        verdict = _judge(scan, start, end)
        if verdict == "pending":
            pending.append((start, end))
        elif verdict is not None:
            span = widen(doc, doc[start:end], gaz, taken | kept_tokens)
            kept.append((span, verdict))
            kept_tokens.update(range(span.start, span.end))
    kept.extend(_listed_names(doc, gaz, pending, taken, kept_tokens, is_place))
    return kept


def _gazetteer_runs(scan: _Scan) -> list[tuple[int, int]]:
    """Every longest run of words that is a gazetteer name, starting at a capitalised token."""
    matches: list[tuple[int, int]] = []
    w = words_of(scan.doc)
    last = 0
    for i, word in enumerate(w.words):
        if i < last or not word[:1].isupper() or scan.blocked(i):
            continue
        end = _longest(w, i, scan.gaz, scan.blocked)
        if end:
            matches.append((i, end))
            last = end
    return matches


def _how(scan: _Scan, start: int, end: int, *, upper: bool, propn: bool, exact_ent: bool, guarded: bool,
         person: bool) -> str | None:
    """How the context says the name ``doc[start:end]`` is a place: ``dateline``, ``institution``,
    ``cue`` or ``known`` (None: no context says so)."""
    doc, n = scan.doc, len(scan.doc)
    span, first = doc[start:end], doc[start]
    # a dateline: a name in capitals opening a line, then a dash or comma ("BANTAM — ...")
    if upper and end < n and doc[end].text in scan.marks and (_line_start(doc, start) or (
            first.is_sent_start and doc[end].text in {"—", "–", "--"})):
        return "dateline"
    prev = doc[start - 1] if start > 0 else None
    prev2 = doc[start - 2] if start > 1 else None
    if prev is not None and prev.lower_ == "the" and prev2 is not None:
        prev, prev2 = prev2, doc[start - 3] if start > 2 else None
    after = doc[end] if end < n else None
    # a local institution named after the place, the name first ("Bantam Superior Court",
    # "New Milford Police Department"; not "Superior" in it)
    opens = start == 0 or not doc[start - 1].text[:1].isupper() or _line_start(doc, start)
    if opens and after is not None and after.text[:1].isupper() and not person:
        if any(t.lower_ in scan.institutions for t in doc[end: min(n, end + 3)] if t.text[:1].isupper()):
            return "institution"
    # a preposition before the name; not across "the" for a town ("to the Pope", "at the Rose
    # Garden"), nor "according to"
    the_between = start > 0 and doc[start - 1].lower_ == "the"
    if prev is not None and prev.lower_ in scan.cue_preps and not person and not (
            prev.lower_ == "to" and prev2 is not None and prev2.lower_ == "according") and not (
            the_between and not _division(scan.gaz, span.text)):
        return "cue"
    if prev is not None and prev.lower_ == "of" and prev2 is not None and prev2.lower_ in scan.cue_nouns:
        return "cue"  # "the village of Cellardyke"
    if prev is not None and prev.lower_ in scan.cue_nouns and prev.is_lower:
        return "cue"  # "the town Pangandaran"
    if after is not None and after.is_lower and after.lower_ in scan.cue_nouns:
        return "cue"  # "Karak district", "the Bulacan farm"
    if scan.strong(span.text) and not guarded and not person and (propn or exact_ent) and (
            first.pos_ == "PROPN" or not first.is_sent_start or len(span) > 1):
        return "known"
    return None


def _judge(scan: _Scan, start: int, end: int) -> str | None:
    """The verdict on one gazetteer match: how it was found (kept), ``"pending"`` (kept only if it
    stands in a list beside a place) or None (dropped)."""
    doc, gaz = scan.doc, scan.gaz
    span = doc[start:end]
    key = fold(span.text)
    if key in gaz.not_places or len(key) < 2:
        return None
    first = doc[start]
    upper = span.text.isupper() and len(span.text) > 2
    ent = scan.ent_of.get(start)
    exact_ent = ent is not None and ent.start == start and ent.end == end
    # the name must read as a name: proper nouns, an entity of its own, a line in capitals, or
    # a capitalised word inside a sentence ("the Bulacan farm", tagged an adjective)
    propn = any(t.pos_ == "PROPN" for t in span)
    if not upper and not exact_ent and not propn and first.is_sent_start:
        return None
    guarded = any(scan.ent_of[k].label_ in _GUARDED and not _slip(scan.ent_of[k])
                  for k in range(start, end) if k in scan.ent_of)
    # an entity over a list or a dash is a tagging slip ("Vestfold, Buskerud and Oslo", "Trump -
    # Wisconsin"): it guards nothing
    list_ent = ent is not None and _slip(ent)
    person = len(span) == 1 and first.lower_ in scan.person_words
    how = _how(scan, start, end, upper=upper, propn=propn, exact_ent=exact_ent, guarded=guarded, person=person)
    # a name in capitals is an acronym ("UN", "EST", "FAO") unless it opens a line as a dateline
    if upper and how != "dateline":
        return None
    # a part of a hyphenated name ("Vest-Agder"), or the tail of a longer capitalised name
    # ("Central Plateau", "Ceamurlia de Jos")
    if start > 0 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_:
        return None
    if how in {None, "cue", "known"} and start > 0 and (_name_word(doc, start - 1) or (
            start > 1 and doc[start - 1].lower_ in _CONNECTORS and _name_word(doc, start - 2))):
        return None
    if how in {None, "cue"} and not _weak_ok(doc, start, end, gaz, how is None):
        return None
    if how is None:
        return "pending" if not guarded or exact_ent or list_ent else None
    if guarded and not (exact_ent or list_ent) and how != "institution":
        return None  # part of a person's or an organisation's name
    return how


def _listed_names(doc: Doc, gaz: Gazetteer, pending: list[tuple[int, int]], taken: set[int],
                  kept_tokens: set[int], is_place: Callable[[int], bool]) -> list[tuple[Span, str]]:
    """Pending names between commas or "and" next to a place ("Suba, Migori, Homa Bay, Rongo"),
    repeated until nothing changes (``kept_tokens`` grows with them)."""
    kept: list[tuple[Span, str]] = []
    changed = True
    while changed and pending:
        changed = False
        rest = []
        for start, end in pending:
            if _listed(doc, start, end, lambda k: k in kept_tokens or is_place(k)):
                span = widen(doc, doc[start:end], gaz, taken | kept_tokens)
                kept.append((span, "list"))
                kept_tokens.update(range(span.start, span.end))
                changed = True
            else:
                rest.append((start, end))
        pending = rest
    return kept


def _slip(ent: Span) -> bool:
    """Whether an entity runs over a list or a spaced dash (a tagging slip, not one name)."""
    return any(t.text in {",", "and", ";"} or (t.text in {"-", "–", "—"} and t.whitespace_) for t in ent)


def _name_word(doc: Doc, k: int) -> bool:
    """Whether token ``k`` is a capitalised word of a running name (not the sentence's or line's
    first word, not "The")."""
    tok = doc[k]
    return bool(tok.text[:1].isupper() and tok.is_alpha and not tok.is_sent_start and tok.lower_ != "the"
                and not _line_start(doc, k))


def _division(gaz: Gazetteer, text: str) -> bool:
    return any(e.feature in {"region", "area", "country", "continent"} for e, _ in gaz.candidates(text))


def _weak_ok(doc: Doc, start: int, end: int, gaz: Gazetteer, pending: bool) -> bool:
    """Whether a name kept only by its context reads as a place name: not followed by another
    capitalised word (it is part of a longer name: "Fort Detrick", "Rose Garden") nor by a
    possessive ("Lucy's"), and a place's own name (or another name of a place of 50,000+)."""
    if end < len(doc):
        after = doc[end]
        if after.tag_ == "POS" or (after.text[:1].isupper() and after.is_alpha and not after.is_sent_start
                                   and fold(after.text) not in gaz.division_words):
            return False
    return any(p or e.population >= 50_000 for e, p in gaz.candidates(doc[start:end].text, expand=False))


def _listed(doc: Doc, start: int, end: int, placed: Callable[[int], bool]) -> bool:
    """Whether the name ``doc[start:end]`` stands in a list beside a place name."""
    k = start - 1
    if k >= 1 and doc[k].text in _LIST_WORDS:
        j = k - 1
        if doc[j].text == "," and j >= 1:  # ", and"
            j -= 1
        if placed(j):
            return True
    k = end
    if k + 1 < len(doc) and doc[k].text in _LIST_WORDS:
        j = k + 1
        if doc[j].lower_ in {"and", "or"} and j + 1 < len(doc):
            j += 1
        if placed(j):
            return True
    return False


def widen(doc: Doc, span: Span, gaz: Gazetteer, taken: set[int]) -> Span:
    """The whole name the text writes around a name already found: capitalised direction words
    before it ("Southern California", "North Dallas"), a longer gazetteer name around it ("New
    Milford", "Beni Suef", "Ilocos Sur"), a capitalised generic word after it ("Nyanza Province"),
    the final period of an abbreviation ("Ont.", "Man.")."""
    start, end = span.start, span.end
    w = words_of(doc)
    # a longer gazetteer name (primary names only) that holds this one ("Democratic Republic of the
    # Congo" around "Congo": up to four words before it)
    for s in range(max(0, start - WIDEN_BEFORE), start + 1):
        for e in range(min(len(doc), end + 2), end - 1, -1):
            if (s, e) == (start, end) or not gaz.known(fold(w.between(s, e))):
                continue
            sub = doc[s:e]
            if sub[0].lower_ == "the" or "\n" in sub.text or not sub[0].text[:1].isupper() or not sub[-1].text[:1].isupper():
                continue
            if any(t.is_punct and t.text != "-" for t in sub):
                continue
            # by its own name, and no hamlet ("University of Michigan Center" is no Michigan Center)
            if any((p and (e.feature != "city" or e.population >= WIDEN_MIN_POP)) or e.population >= 50_000
                   for e, p in gaz.candidates(sub.text, expand=False)):
                return widen(doc, sub, gaz, taken) if (s, e) != (start, end) else sub
    # direction words before it
    s = start
    while s > 0 and s - 1 not in taken and doc[s - 1].text[:1].isupper() and doc[s - 1].lower_ != "the" and fold(
            doc[s - 1].text) in gaz.direction_words and "\n" not in doc[s - 1].whitespace_ and not (
            s >= 2 and doc[s - 2].text == "-" and not doc[s - 2].whitespace_):  # not "North-Western Sydney"
        s -= 1
    if s < start and gaz.candidates(doc[s:end].text):
        start = s
    # a capitalised generic word after it that is part of the name ("Nyanza Province")
    if end < len(doc) and end not in taken and doc[end].text[:1].isupper() and fold(doc[end].text) in (
            gaz.division_words) and gaz.candidates(doc[start:end + 1].text) and not (
            end + 1 < len(doc) and doc[end + 1].text[:1].isupper()):  # not "West Virginia State Police"
        end += 1
    out = doc[start:end]
    # "Ont.", "Man.": the period belongs to the abbreviation
    if fold(out.text) in gaz.dotted and not out.text.endswith("."):
        return _with_period(doc, out)
    return out


def _with_period(doc: Doc, span: Span) -> Span:
    if span.end < len(doc) and doc[span.end].text == "." and doc[span.end].idx == span.end_char:
        return doc[span.start:span.end + 1]
    return span


def in_context(doc: Doc, span: Span, gaz: Gazetteer, r: dict[str, set[str]], person_tokens: set[str]
               ) -> tuple[Span | None, str | None]:
    """A place name read in its context: ``(None, None)`` when the words around it make it no
    place (a newspaper or broadcaster: "the New York Times", "Radio Pyongyang"; a disease: "West Nile
    virus"; a sports club: "Real Madrid" (``club_openers``); a state's abbreviation without its period
    opening a longer capitalised name: "La Liga"; the first part of a
    hyphenated name: "Ann-Christin"; a town's name that is a person's name of the article, without
    a preposition before it; a place name inside a venue's name that it does not open: "the Royal
    Alexandra Hospital"); else the span itself (also the place a venue is named after: "Vancouver" in
    "the Vancouver Art Gallery", as the gold corpora count it). The second item is always None (kept
    for callers that read how a name was found)."""
    media = r.get("media_words", set())
    n = len(doc)
    start, end = span.start, span.end
    after = doc[end] if end < n else None
    before = doc[start - 1] if start > 0 else None
    for tok in (before, after):
        if tok is not None and tok.text[:1].isupper() and tok.lower_ in media:
            return None, None
    if after is not None and after.lower_ in r.get("disease_words", set()) and after.dep_ != "compound":
        return None, None  # "West Nile virus", "Hong Kong flu"
    if after is not None and after.text[:1].isupper() and end + 1 < n and doc[end + 1].text[:1].isupper() and (
            doc[end + 1].lower_ in media and after.lower_ in media | {"new", "daily", "morning", "evening"}):
        return None, None  # "Bucharest Daily News", "Midland Daily News"
    if after is not None and after.text == "-" and not after.whitespace_ and not doc[end - 1].whitespace_ and (
            end + 1 < n and doc[end + 1].text[:1].isupper() and doc[end + 1].is_alpha
            and not gaz.known(fold(doc[end + 1].text))):
        return None, None  # "Ann-Christin", "Montreal-Pierre Elliott Trudeau"
    if before is not None and before.text[:1].isupper() and before.lower_ in r.get("club_openers", set()):
        return None, None  # "Real Madrid", "Atletico Madrid": a sports club
    if fold(span.text) in gaz.dotted and not span.text.isupper() and not span.text.endswith(".") and (
            after is not None and after.text[:1].isupper() and after.is_alpha) and not any(
            p and fold(e.name) == fold(span.text) for e, p in gaz.candidates(span.text, expand=False)):
        return None, None  # "La Liga", "Miss World": a state's abbreviation opening a longer name
    contained = after is not None and after.text == "," and end + 1 < n and doc[end + 1].text[:1].isupper()
    if len(span) == 1 and span[0].lower_ in person_tokens and not contained and not (
            before is not None and (before.lower_ in r.get("cue_prepositions", set()) or fold(before.text) in (
                gaz.direction_words))):
        if not any(p and e.feature in {"country", "region", "continent", "area"}
                   for e, p in gaz.candidates(span.text, expand=False)):
            return None, None  # "said Bingham" with "Mayor Ryan Bingham" in the article
    if len(span) == 1 and not contained and span[0].dep_ in {"nsubj", "nsubjpass"} and span[0].head.lemma_.lower() in r.get(
            "speaker_verbs", set()) and not any(
            (p and e.feature in {"country", "region", "continent", "area"}) or e.capital
            for e, p in gaz.candidates(span.text, expand=False)):
        return None, None  # "said Logan", "Hidalgo has helped": a person
    facility = r.get("facility_words", set())
    if after is not None and after.text[:1].isupper():
        k = end
        while k < min(n, end + 4) and doc[k].text[:1].isupper() and doc[k].is_alpha:
            if doc[k].lower_ in facility and not (k + 1 < n and doc[k + 1].text[:1].isupper() and doc[k + 1].is_alpha):
                if start > 0 and _name_word(doc, start - 1):
                    return None, None  # inside a venue's name, not opening it ("Royal Alexandra Hospital")
                break  # a venue named after the place ("the Vancouver Art Gallery"): the place name stays
            k += 1
    return span, None
