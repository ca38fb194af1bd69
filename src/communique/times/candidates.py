"""Candidate time expressions: the model's DATE and TIME entities, the month and weekday names it
missed and the time words it leaves out (``docs/times-places.md``, "Time expressions")."""

from __future__ import annotations

import re

import numpy as np
from spacy.tokens import Doc, Span

from .resolve import Lexicon, holiday_key
from .syntax import _TIME_LABELS, _VERBAL, _YEAR_WORD
from .timex import four_digit_clock

__all__ = ["candidates"]


def _name_hashes(doc: Doc, lex: Lexicon) -> set[int]:
    """Hashes of the month and weekday names taken outside date entities (long forms only: "may"
    and "march" are too often other words)."""
    words = [w for w in lex.months if len(w) > 3 and w not in {"may", "march"}]
    words += [w for w in lex.weekdays if len(w) > 4]
    return {doc.vocab.strings.add(w) for w in words}


def candidates(doc: Doc, lex: Lexicon) -> list[Span]:
    """The model's DATE and TIME entities (cut where a verb splits them: "the quarter ended Sept. 30"),
    month and weekday names it missed, and the words of :func:`_extra_candidates` ("now", "daily",
    "third-quarter", "two-year") where no entity covers them."""
    ents = doc.ents  # built anew on every access: once
    spans = [part for e in ents if e.label_ in _TIME_LABELS for part in _split(_widened(e, lex), lex)]
    spans += _holiday_names(doc, spans, lex)
    shapes = doc.to_array("SHAPE")
    clocks = _clock_numbers(doc, ents, lex, shapes)
    if clocks:  # a clock the recogniser read as a year or a number ("at 2005 GMT")
        spans = [s for s in spans if not any(c.start <= s.start and s.end <= c.end for c in clocks)]
        spans += [c for c in clocks if not any(s.start < c.end and c.start < s.end for s in spans)]
    covered = {i for e in spans for i in range(e.start, e.end)}
    if len(doc):
        names = _name_hashes(doc, lex)
        lower = doc.to_array("LOWER")
        for i in np.flatnonzero(np.isin(lower, np.fromiter(names, dtype=lower.dtype, count=len(names)))):
            i = int(i)
            if i not in covered and doc[i].pos_ == "PROPN":
                spans.append(doc[i : i + 1])
        spans += _one_day_after_modal(doc, lower, covered)
        spans += _seasons_after_a_preposition(doc, lower, covered, lex)
        spans += _period_codes(doc, covered, shapes)
    spans = [s for s in (_trimmed(s, lex) for s in spans) if len(s)]
    spans = _with_part_of_day(doc, spans, lex)
    for extra in _extra_candidates(doc, lex):
        inside = [s for s in spans if s.start < extra.end and extra.start < s.end]
        if all(extra.start <= s.start and s.end <= extra.end for s in inside):
            spans = [s for s in spans if s not in inside]
            spans.append(extra)
    spans.sort(key=lambda s: s.start)
    # a day and its time of day are one expression ("Friday afternoon", "noon Thursday")
    merged: list[Span] = []
    for s in spans:
        prev = merged[-1] if merged else None
        gap = doc[prev.end:s.start] if prev is not None and prev.end <= s.start else None
        if prev is not None and gap is not None and all(t.text == "," for t in gap) and len(gap) <= 1 and (
                _time_of_day(s, lex) or _time_of_day(prev, lex)) and not (
                gap and all(t.like_num for t in s)):  # not "By 10 a.m., 40 had been rescued"
            merged[-1] = doc[prev.start:s.end]
        elif prev is not None and gap is not None and _part_of(prev, gap, lex) and _names_its_day_or_year(s, lex):
            merged[-1] = doc[prev.start:s.end]  # "the summer of 2014"
        else:
            merged.append(s)
    return [_with_approximator(s, lex) for s in merged]


#: words before a part of the day that name its day ("this morning's attack", "yesterday evening")
_DAY_OF_PART = frozenset({"this", "yesterday", "tomorrow", "last"})


def _with_part_of_day(doc: Doc, spans: list[Span], lex: Lexicon) -> list[Span]:
    """A day and the part of the day the recogniser left beside it, as one expression: "tomorrow
    morning" tagged as "tomorrow", "overnight Sunday" as "Sunday", "this morning's" as "morning"."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    n = len(doc)
    out = []
    for s in spans:
        start, end = s.start, s.end
        last, first = s[-1].lower_, s[0].lower_
        if (last in lex.day_words or last in lex.weekdays) and end < n and end not in covered and \
                lex.parts_of_day.get(doc[end].lower_) in _PARTS and not doc[end].lower_.endswith("s"):
            end += 1  # "tomorrow morning", "Sunday evening"
        if (first in lex.weekdays or first in lex.day_words) and start > 0 and start - 1 not in covered and \
                doc[start - 1].lower_ == "overnight":
            start -= 1  # "overnight Sunday"
        elif lex.parts_of_day.get(first) in _PARTS and start > 0 and start - 1 not in covered and \
                doc[start - 1].lower_ in _DAY_OF_PART and len(s) == 1:
            start -= 1  # "this morning's attack"
        out.append(s if (start, end) == (s.start, s.end) else doc[start:end])
    return out


_PARTS = frozenset({"MO", "AF", "EV", "NI"})


def _with_approximator(span: Span, lex: Lexicon) -> Span:
    """The span with the approximator before its count taken in, as TimeML writes it ("nearly two
    years", "about 10 a.m.", "almost a decade ago"); "around Wednesday" stays out (no count)."""
    first = span[0]
    if span.start == 0 or not (first.like_num or first.lower_ in lex.numbers or first.lower_ in {"a", "an"}):
        return span
    doc = span.doc
    if first.lower_ in {"a", "an", "per"} and len(span) == 2 and span[1].lower_ in lex.all_units:
        # a rate: "once a year", "three times a week" (TimeML: a SET with its frequency)
        if doc[span.start - 1].lower_ in {"once", "twice", "thrice"}:
            return doc[span.start - 1:span.end]
        if doc[span.start - 1].lower_ == "times" and span.start > 1 and (
                doc[span.start - 2].like_num or doc[span.start - 2].lower_ in lex.numbers):
            return doc[span.start - 2:span.end]
    for k in (3, 2):  # "no more than", "at least" (TimeML: mod EQUAL_OR_LESS, EQUAL_OR_MORE)
        if span.start >= k and " ".join(t.lower_ for t in doc[span.start - k:span.start]) in lex.bounds:
            return doc[span.start - k:span.end]
    if doc[span.start - 1].lower_ in lex.approximators:
        return doc[span.start - 1:span.end]
    return span


#: a clock written solid with a.m. or p.m., in any case ("3PM", "4:15pm", "11.05AM")
_SOLID_CLOCK = re.compile(r"^(0?[1-9]|1[0-2])([:.][0-5]\d)?(am|pm|a\.m\.|p\.m\.)$", re.I)
#: two solid clocks joined in one token ("9am-5pm", "10.30am-2pm"): two TIMEs
SOLID_CLOCK_RANGE = re.compile(r"^((?:0?[1-9]|1[0-2])(?:[:.][0-5]\d)?(?:am|pm))[-–]((?:0?[1-9]|1[0-2])(?:[:.][0-5]\d)?"
                               r"(?:am|pm))$", re.I)
#: a 24-hour clock written with a dot ("21.00 local time", "18.30 GMT"), only before a clock word
_DOT_24 = re.compile(r"^([01]?\d|2[0-3])\.[0-5]\d$")
_CLOCK_TOKEN = re.compile(r"^(\d{1,2}(:\d{2})?|a\.m\.|p\.m\.|am|pm|\d{1,2}(:\d{2})?(am|pm))$")


_HH_MM = re.compile(r"^([01]?\d|2[0-3]):[0-5]\d$")
_DOTTED_CLOCK = re.compile(r"^(0?[1-9]|1[0-2])\.[0-5]\d(am|pm|a\.m\.|p\.m\.)$", re.I)
_DOTTED_HH_MM = re.compile(r"^(0?[1-9]|1[0-2])\.[0-5]\d$")
#: token shapes of the clocks above ("0600", "6.45pm", "10.30pm", "9.30", "10.30")
_CLOCK_SHAPES = ("dddd", "d.ddxx", "dd.ddxx", "d.dd", "dd.dd", "dxx", "ddxx", "dXX", "ddXX", "d:ddxx", "dd:ddxx",
                 "d:ddXX", "dd:ddXX", "d.ddXX", "dd.ddXX", "dxx-dxx", "ddxx-dxx", "dxx-ddxx", "ddxx-ddxx",
                 "dXX-dXX", "ddXX-dXX", "dXX-ddXX", "ddXX-ddXX")


def _clock_numbers(doc: Doc, ents: tuple[Span, ...], lex: Lexicon, shapes: np.ndarray) -> list[Span]:
    """A clock time the recogniser read as a number ("at 14:30 local time", "at 10:20 GMT"): an
    ``HH:MM`` after "at" or before a clock word."""
    out = []
    for e in ents:
        if e.label_ != "CARDINAL" or e.end - e.start != 1 or ":" not in e.text or not _HH_MM.match(e.text):
            continue
        after = doc[e.end].lower_ if e.end < len(doc) else ""
        before = doc[e.start - 1].lower_ if e.start else ""
        if after in lex.clock_words or before in {"at", "by", "until", "till", "before", "after"}:
            out.append(e)
    taken = {e.start for e in out}
    n = len(doc)
    keys = np.array([doc.vocab.strings[x] for x in _CLOCK_SHAPES], dtype=shapes.dtype)
    for i in np.flatnonzero(np.isin(shapes, keys)):
        t = doc[int(i)]
        if t.i in taken:
            continue
        after = doc[t.i + 1].lower_ if t.i + 1 < n else ""
        if _SOLID_CLOCK.match(t.text) and not _DOTTED_CLOCK.match(t.text) or SOLID_CLOCK_RANGE.match(t.text):
            out.append(Span(doc, t.i, t.i + 1, label="TIME"))  # "3PM", "4:15pm local time"
        elif _DOT_24.match(t.text) and after in lex.clock_words and after not in {"hours", "hrs"} and not (
                after == "local" and (t.i + 2 >= n or doc[t.i + 2].lower_ != "time")):
            # "21.00 local time", "18.30 GMT" (a 24-hour clock with a dot; "1.30 hours" is a length)
            end = t.i + 1 if after == "local" else t.i + 2
            out.append(Span(doc, t.i, end, label="TIME"))
        elif _DOTTED_CLOCK.match(t.text) or _DOTTED_HH_MM.match(t.text) and after in {"am", "pm", "a.m.", "p.m."}:
            # "6.45pm", "9.30 a.m." (a clock time written with a dot)
            out.append(Span(doc, t.i, t.i + 1 if _DOTTED_CLOCK.match(t.text) else t.i + 2, label="TIME"))
        elif four_digit_clock([t.text, after], lex=lex) and not (
                t.i > 0 and doc[t.i - 1].text == "("):  # "10:35 a.m. (0735 GMT)": the same time again
            # "0600 GMT", "at 2005 GMT": a clock time of four digits before its time zone
            out.append(Span(doc, t.i, t.i + 2, label="TIME"))
    return out


#: auxiliaries before "one day" that make it "some day" ("may one day become", "will one day be")
ONE_DAY_MODALS = frozenset({"could", "might", "may", "can", "would", "will", "shall", "must", "'ll", "’ll"})


def _one_day_after_modal(doc: Doc, lower: np.ndarray, covered: set[int]) -> list[Span]:
    """"one day" between a modal and its verb, which the recogniser often leaves out ("the town may one
    day become a city")."""
    out = []
    for i in np.flatnonzero(lower == doc.vocab.strings["one"]) if "one" in doc.vocab.strings else ():
        i = int(i)
        if 0 < i < len(doc) - 2 and i not in covered and doc[i + 1].lower_ == "day" \
                and doc[i - 1].lower_ in ONE_DAY_MODALS and doc[i + 2].pos_ in {"VERB", "AUX"}:
            out.append(doc[i:i + 2])
    return out


_SEASON_PREPOSITIONS = frozenset({"in", "during", "until", "till", "by", "over", "through", "throughout", "since",
                                  "before", "after"})


def _seasons_after_a_preposition(doc: Doc, lower: np.ndarray, covered: set[int], lex: Lexicon) -> list[Span]:
    """"the autumn" after a preposition, which the recogniser leaves out ("will be debated in the
    autumn"); the season in lower case, a noun (not "the fall of the city")."""
    keys = [doc.vocab.strings[w] for w in lex.seasons if w in doc.vocab.strings]
    if not keys:
        return []
    out = []
    n = len(doc)
    for i in np.flatnonzero(np.isin(lower, np.array(keys, dtype=lower.dtype))):
        i = int(i)
        t = doc[i]
        if i < 2 or i in covered or not t.text.islower() or t.pos_ != "NOUN" or doc[i - 1].lower_ != "the" \
                or doc[i - 2].lower_ not in _SEASON_PREPOSITIONS:
            continue
        if i + 1 < n and (doc[i + 1].lower_ == "of" and not (
                i + 2 < n and (_YEAR_WORD.match(doc[i + 2].text) or doc[i + 2].lower_ in lex.relative))
                or doc[i + 1].pos_ in {"NOUN", "PROPN"}):
            continue  # "the fall of Kabul", "in the spring offensive"
        out.append(doc[i - 1:i + 1])
    return out


_PERIOD_CODE = re.compile(r"^(Q[1-4]|H[12])$")


def _period_codes(doc: Doc, covered: set[int], shapes: np.ndarray) -> list[Span]:
    """Quarters and halves written as codes ("in Q4", "Q1 2013", "H2"), with a year right after."""
    out = []
    n = len(doc)
    for i in np.flatnonzero(shapes == doc.vocab.strings["Xd"]):
        t = doc[int(i)]
        if t.i in covered or not _PERIOD_CODE.match(t.text):
            continue
        end = t.i + 2 if t.i + 1 < n and _YEAR_WORD.match(doc[t.i + 1].text) else t.i + 1
        out.append(Span(doc, t.i, end, label="DATE"))
    return out


def _part_of(prev: Span, gap: Span, lex: Lexicon) -> bool:
    """A season followed by "of" ("the summer of 2016"), the "of" inside the entity or between it and
    the next one. A part of the day stays apart ("the night" + "14 June"): merged, it cost a value on
    the held-out AQUAINT half, whose annotators write the date alone."""
    if len(gap) > 1 or (gap[-1] if len(gap) else prev[-1]).lower_ != "of":
        return False
    words = [t.lower_ for t in prev] + [t.lower_ for t in gap]
    core = [w for w in words[:-1] if w not in {"the", "early", "late", "mid"}]
    return len(core) == 1 and core[0] in lex.seasons


def _names_its_day_or_year(span: Span, lex: Lexicon) -> bool:
    """A date that names a day or a year on its own ("8 May", "May 7", "2014", "Friday")."""
    words = [t.lower_ for t in span]
    return any(w in lex.months or w in lex.weekdays for w in words) or (
        len(words) == 1 and bool(_YEAR_WORD.match(span[0].text)))


def _time_of_day(span: Span, lex: Lexicon) -> bool:
    """A part of the day or a clock time with nothing else ("afternoon", "10 p.m. EST", "noon")."""
    words = [t.lower_ for t in span]
    return all(w in lex.parts_of_day or w in lex.clock_words or _CLOCK_TOKEN.match(w)
               or w in {"the", "this", "mid", "-", "late", "early", "around", "about"} for w in words) and any(
        w in lex.parts_of_day or (_CLOCK_TOKEN.match(w) and not w.isdigit()) for w in words)


def _widened(ent: Span, lex: Lexicon) -> Span:
    """An entity that starts with a unit, with the relative word the recogniser left out before it
    ("this year's election" tagged as "year")."""
    doc = ent.doc
    if ent.start > 0 and ent[0].lower_ in lex.units and doc[ent.start - 1].lower_ in lex.relative:
        return doc[ent.start - 1:ent.end]
    return ent


def _holiday_names(doc: Doc, spans: list[Span], lex: Lexicon) -> list[Span]:
    """Holidays the recogniser tags as events, places or not at all ("Thanksgiving Day", "Easter",
    "last Christmas"): capitalised names of ``lexicon.yaml: holidays``, with a relative word before."""
    if not lex.holidays:
        return []
    firsts = {doc.vocab.strings.add(k.split()[0]) for k in lex.holidays}
    lower = doc.to_array("LOWER")
    hits = np.flatnonzero(np.isin(lower, np.fromiter(firsts, dtype=lower.dtype, count=len(firsts))))
    if not len(hits):
        return []
    covered = {i for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    for i in (int(h) for h in hits):
        if i in covered or not doc[i].text[:1].isupper() or out and i < out[-1].end:
            continue
        best = None
        for j in range(min(len(doc), i + 5), i, -1):
            if holiday_key([t.text for t in doc[i:j]]) in lex.holidays and not any(k in covered for k in range(i, j)):
                best = j
                break
        if best is None:
            continue
        start = i - 1 if i > 0 and doc[i - 1].lower_ in lex.relative else i
        out.append(doc[start:best])
    return out


def _split(span: Span, lex: Lexicon) -> list[Span]:
    """An entity cut at its verbs ("the quarter ended Sept. 30" -> "the quarter", "Sept. 30"), not at
    a relative word tagged as one ("this coming Sunday"), and at the "of" between a count of units and
    a year or month ("the first nine months of 1997" -> "the first nine months", "1997")."""
    parts = []
    start = span.start
    doc = span.doc
    for t in span:
        if t.pos_ in _VERBAL and t.i > span.start and t.lower_ not in lex.relative \
                and t.lower_ not in lex.anaphoric_words:
            if t.i > start:
                parts.append(span.doc[start:t.i])
            start = t.i + 1
        elif t.lower_ in {"of", "to", "through"} and start < t.i and doc[t.i - 1].lower_ in lex.units \
                and t.i + 1 < span.end and (_YEAR_WORD.match(doc[t.i + 1].text) or doc[t.i + 1].lower_ in lex.months):
            # "the first nine months of 1997", "the 12 months to March": a length, then a year or month
            parts.append(span.doc[start:t.i])
            start = t.i + 1
    if start < span.end:
        parts.append(span.doc[start:span.end])
    return parts or [span]


_PERIOD_LEFT = {"the", "its", "their", "this", "that", "next", "last", "latest", "current", "fiscal", "year", "ago",
                "earlier", "-", "'s", "’s", "comparable", "corresponding", "same", "final", "calendar", "previous",
                "past", "recent", "coming", "first", "second", "third", "fourth", "year-ago", "year-earlier"}


def _extra_candidates(doc: Doc, lex: Lexicon) -> list[Span]:
    """Time words the entity recogniser leaves out: references ("now", "recently", "the future"),
    frequency words ("daily"), sets ("every week"), quarters, halves and centuries ("third-quarter",
    "the first half of 1990", "the 20th century") and counted units ("a two-year term")."""
    out: list[Span] = []
    n = len(doc)
    if not n:
        return out
    triggers = _trigger_hashes(doc, lex)
    lower = doc.to_array("LOWER")
    hits = np.flatnonzero(np.isin(lower, np.fromiter(triggers, dtype=lower.dtype, count=len(triggers))))
    if not len(hits):
        return out
    low = _LazyLower(doc)
    longest = max((len(k.split()) for k in lex.references), default=1)
    for i in (int(h) for h in hits):
        if out and i < out[-1].end:
            continue
        found = None
        for k in range(min(longest, i + 1), 0, -1):  # a reference phrase ending here ("the near future")
            if (not out or i - k + 1 >= out[-1].end) and " ".join(low[i - k + 1:i + 1]) in lex.references:
                found = doc[i - k + 1:i + 1]
                break
        if found is None and lex.parts_of_day.get(low[i]) in _PARTS and i > 0 and not low[i].endswith("s"):
            found = _told_part_of_day(doc, i, low)  # "that night", "the next morning"
        if found is None and low[i] in lex.frequency_words and (
                doc[i].pos_ == "ADV" and doc[i].dep_ == "advmod" and doc[i].head.pos_ in _VERBAL
                or doc[i].dep_ == "amod" and doc[i].head.pos_ == "NOUN"
                and not any(c.pos_ == "ADJ" and c.i < i for c in doc[i].head.children)):
            found = doc[i:i + 1]  # "meets annually", "a daily rally"; not "the average daily volume"
        if found is None and low[i] in lex.set_quantifiers and i + 1 < n:
            j = i + 1
            while j < n and (low[j] in {"other", "single"} or doc[j].like_num or low[j] in lex.numbers):
                j += 1
            if j < n and (low[j] in lex.all_units or low[j] in lex.weekdays or low[j] in lex.months
                          or low[j] in lex.seasons):
                end = j + 1
                if end < n and low[end] in lex.parts_of_day:
                    end += 1
                found = doc[i:end]
        if found is None and low[i] in {"quarter", "half", "century"} or (
                found is None and low[i] == "period" and i > 0 and (
                    low[i - 1] in lex.year_before_words or low[i - 1] in {"latest", "comparable", "corresponding"}
                    or _YEAR_WORD.match(doc[i - 1].text))):
            found = _period_span(doc, i, lex)
        if found is None and low[i] in lex.all_units and i + 2 < n and low[i + 1] == "-" and low[i + 2] == "long":
            found = _long_span(doc, i, lex)  # "a decade-long war", "weeks-long protests", "a two-year-long trial"
        if found is None and low[i] in lex.all_units and i > 0:
            found = _counted_span(doc, i, lex)
        if found is None and low[i] in lex.units and i + 2 < n and low[i + 1] == "-" and low[i + 2] in {
                "earlier", "ago"}:
            found = doc[i:i + 3]  # "year-earlier profit"
        if found is not None:
            out.append(found)
    return out


#: words between "the" and a part of the day that tie it to the day the text names ("the next morning")
_CLOCK_PREPOSITIONS = frozenset({"at", "by", "until", "till", "since", "around", "before", "after"})
_TOLD_DAY = frozenset({"next", "following", "previous", "preceding", "same"})


def _told_part_of_day(doc: Doc, i: int, low: _LazyLower) -> Span | None:
    """A part of the day counted from the day the text names, which the recogniser leaves out: "that
    night", "that same evening", "the next morning", "the following afternoon"."""
    j = i - 1
    if low[j] in _CLOCK_PREPOSITIONS and low[i].startswith("mid"):
        return Span(doc, i, i + 1, label="TIME")  # "at midafternoon", "by mid-morning"
    if low[j] == "same" and j > 0 and low[j - 1] == "that":
        j -= 1
    if low[j] == "that":
        return Span(doc, j, i + 1, label="TIME")
    if low[j] in _TOLD_DAY and j > 0 and low[j - 1] == "the":
        return Span(doc, j - 1, i + 1, label="TIME")
    return None


class _LazyLower:
    """The lower-case text of a doc's tokens, read only where asked (most tokens are never looked at)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.cache: dict[int, str] = {}

    def __getitem__(self, key: int | slice) -> str | list[str]:
        if isinstance(key, slice):
            return [self[j] for j in range(*key.indices(len(self.doc)))]  # type: ignore[misc]
        w = self.cache.get(key)
        if w is None:
            w = self.cache[key] = self.doc[key].lower_
        return w


def _trigger_hashes(doc: Doc, lex: Lexicon) -> set[int]:
    """Hashes of the words that can start or head an extra candidate (see :func:`_extra_candidates`)."""
    words = {k.split()[-1] for k in lex.references} | set(lex.frequency_words) | set(lex.set_quantifiers)
    words |= {"quarter", "half", "century", "period"} | set(lex.all_units)
    words |= {w for w, code in lex.parts_of_day.items() if code in _PARTS}
    return {doc.vocab.strings.add(w) for w in words}


def _period_span(doc: Doc, i: int, lex: Lexicon) -> Span | None:
    low = doc[i].lower_
    j = i
    while j > 0 and (doc[j - 1].lower_ in _PERIOD_LEFT or doc[j - 1].lower_ in lex.ordinals
                     or _YEAR_WORD.match(doc[j - 1].text) or doc[j - 1].lower_ in lex.relative
                     or re.match(r"^\d{1,2}(st|nd|rd|th)$", doc[j - 1].lower_)):
        j -= 1
    while j < i and doc[j].lower_ in {"-", "'s", "’s"}:
        j += 1
    left = [t.lower_ for t in doc[j:i]]
    if not left:
        return None
    end = i + 1
    if end + 1 < len(doc) and doc[end].lower_ == "of":
        if _YEAR_WORD.match(doc[end + 1].text):
            end += 2
        else:
            return None  # "a quarter of the vote", "the second half of the match"
    if low == "century" and not any(w in lex.ordinals or re.match(r"^\d{1,2}(st|nd|rd|th)$", w) for w in left):
        return None
    if low == "half" and not (any(w in {"first", "second", "last"} for w in left) and end > i + 1):
        return None
    return doc[j:end]


_VAGUE_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade"}


def _counted_span(doc: Doc, i: int, lex: Lexicon) -> Span | None:
    """"two-year", "a 10-hour", "five year", "eight trading days" (a count right before a unit)."""
    j = i - 1
    if doc[j].lower_ in {"trading", "business", "working"} and j > 0:
        j -= 1
    if doc[j].text == "-" and j > 0:
        j -= 1
    while j > 0 and doc[j].lower_ in lex.count_fillers and j < i:
        j -= 1  # "20 more years", "three straight days"
    unit = lex.all_units.get(doc[i].lower_)
    if doc[j].lower_ in {"a", "an", "per"} and j == i - 1 and j > 0 and doc[j - 1].lower_ in {
            "once", "twice", "thrice", "times"}:
        k = j - 1  # a rate: "three times a month", "once a week"
        if doc[k].lower_ == "times":
            if k == 0 or not (doc[k - 1].like_num or doc[k - 1].lower_ in lex.numbers):
                return None
            k -= 1
        return doc[k:i + 1]
    if doc[j].lower_ in {"a", "an"}:
        # "lasted over a week", "for a fortnight": only after a word that makes it a length ("$5 a
        # year", "twice a day" are rates)
        if j == i - 1 and j > 0 and doc[j - 1].lower_ in lex.duration_leads and not doc[i].lower_.endswith("s"):
            return doc[j:i + 1]
        return None
    if j == i - 1 and not (doc[j].like_num or doc[j].lower_ in lex.numbers) and doc[j].lower_ in lex.duration_leads \
            and unit in _VAGUE_UNITS and doc[i].lower_.endswith("s") and doc[i].tag_ == "NNS":
        return doc[i:i + 1]  # "for hours", "within minutes": an uncounted length
    if not (doc[j].like_num or doc[j].lower_ in lex.numbers):
        return None
    if doc[j].text in {"1/2", "½"} and j > 0 and doc[j - 1].like_num:
        j -= 1  # "5 1/2 hours"
    if _YEAR_WORD.match(doc[j].text) or lex.all_units.get(doc[i].lower_) == "quarter":
        return None  # a year, or a fraction ("three-quarters")
    end = i + 1
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "old":
        end += 2
    return doc[j:end]


def _long_span(doc: Doc, i: int, lex: Lexicon) -> Span:
    """"decade-long", "weeks-long", "two-year-long": the unit, its "-long" and a count joined before it."""
    j = i
    if i > 1 and doc[i - 1].text == "-" and (doc[i - 2].like_num or doc[i - 2].lower_ in lex.numbers):
        j = i - 2
    return doc[j:i + 3]


def _trimmed(span: Span, lex: Lexicon | None = None) -> Span:
    """The span without trailing dashes, commas or conjunctions the recogniser took in ('earlier this
    year - and')."""
    end = span.end
    while end - span.start > 1 and (span.doc[end - 1].pos_ in {"PUNCT", "CCONJ", "SPACE"}
                                    and span.doc[end - 1].text not in {"'", "’"}
                                    or span.doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    start = span.start
    trim = lex.leading_trim if lex is not None else set()
    while end - start > 1 and (span.doc[start].pos_ in {"PUNCT", "SPACE"} or span.doc[start].lower_ in trim):
        start += 1
    if start > span.start and end - start > 1 and lex is not None and span.doc[start].lower_ in lex.prepositions:
        start += 1  # "shortly after 9 o'clock": the preposition after a trimmed word is no part either
    if end - start > 1 and span.doc[start].lower_ in {"last", "lasts", "lasted", "lasting"} and (
            span.doc[start].pos_ in {"VERB", "AUX"} or span.doc[start + 1].lower_ in {"a", "an"}):
        start += 1  # "will last a decade": the verb, not "last decade"
    return span if (start, end) == (span.start, span.end) else span.doc[start:end]


def _words(span: Span) -> list[str]:
    return [t.text for t in span if not t.is_space]
