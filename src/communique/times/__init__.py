"""Time expressions resolved against the publication date, and the date of each event.

Component ``communique_times`` reads ``doc._.published`` (``datetime.date`` or None) and the parse, and
writes ``doc._.times`` (``list[records.TimeExpr]``) and ``doc.spans["times"]`` (``span._.time`` is the
TimeExpr). :func:`date_for` gives the date of an event from its head token. The rules (tense-aware
weekdays and months, reference years, anchored durations, the fallback from tense) are described in
``docs/times-places.md``; the words they use are in ``data/times/lexicon.yaml``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_list
from ..records import DateValue, TimeExpr
from .resolve import Duration, Lexicon, Resolved, duration_end, lexicon, parse_duration, parse_words, shift_unit
from .timex import (
    Timex,
    duration_value,
    format_resolved,
    parse_period,
    reference_value,
    relative_timex,
    set_value,
    time_suffix,
    timex_of,
)

__all__ = ["date_for", "direction_of", "find_times", "times_component", "time_anchor"]

log = logging.getLogger(__name__)

_TIME_LABELS = {"DATE", "TIME"}
_PARA_BREAK = re.compile(r"\n\n")
_YEAR_WORD = re.compile(r"^\d{4}$")
_VERBAL = {"VERB", "AUX"}
_NOMINAL = {"NOUN", "PROPN"}
_MODIFIER_DEPS = {"poss", "compound", "amod", "nmod", "nummod"}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp"}
_DURATION_KEY = "communique_durations"


# --------------------------------------------------------------------------------------------------
# syntax helpers
# --------------------------------------------------------------------------------------------------


def _core(span: Span, lex: Lexicon) -> Span:
    """The span without a leading preposition taken into the expression's text."""
    if len(span) > 1 and span[0].dep_ == "prep" and span[0].lower_ in lex.prepositions:
        return span[1:]
    return span


def time_anchor(span: Span, *, lex: Lexicon | None = None) -> Token:
    """The token a time expression attaches to: the noun it modifies ("last year's invasion",
    "the six-day trip"), else the verb or noun its preposition hangs from, else its head."""
    lex = lex or lexicon()
    root = _core(span, lex).root
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in _NOMINAL and root.head.i != root.i:
        return root.head
    tok = root
    if tok.dep_ == "pobj":
        tok = tok.head
    hops = 0
    while tok.dep_ == "prep" and tok.head.i != tok.i and hops < 3:
        tok = tok.head
        hops += 1
        if tok.pos_ in _VERBAL or tok.pos_ in _NOMINAL:
            return tok
        if tok.dep_ == "pobj":
            tok = tok.head
    if tok.i == root.i:
        return root.head
    return tok


def _verb_of(tok: Token) -> Token | None:
    """The verb governing ``tok`` (itself when it is one), climbing through nouns and prepositions."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in _VERBAL:
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def direction_of(verb: Token | None, *, lex: Lexicon | None = None, _depth: int = 0) -> int:
    """-1 when ``verb`` speaks of the past (past tense, perfect), +1 of the future ("will",
    "is due to", "plans to", "going to"), 0 for the present or when unknown."""
    if verb is None:
        return 0
    lex = lex or lexicon()
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in lex.future_auxiliaries for a in auxes):
        return 1
    if any(a.lower_ in lex.reported_future_auxiliaries for a in auxes) and not any(
            a.lemma_ == "have" for a in auxes):
        return 1  # "said it would resume trading Tuesday"
    passive = any(a.dep_ == "auxpass" for a in auxes) or verb.lower_ == "due"
    if passive and (verb.lemma_.lower() in lex.future_passives or verb.lower_ in lex.future_passives):
        return 1
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lemma_.lower() in lex.future_governors or head.lower_ in lex.future_governors:
            # a past intention or attempt ("sought to strike", "had planned to visit") speaks of the
            # past; a past commitment or schedule ("agreed to hold", "was due to speak") of either side
            if _depth < 3 and direction_of(head, lex=lex, _depth=_depth + 1) < 0:
                committed = head.lemma_.lower() in lex.commitment_governors or head.lower_ in lex.commitment_governors
                return 0 if committed else -1
            return 1
        if head.lemma_ == "go" and head.tag_ == "VBG":
            return 1
        if head.lemma_ == "be" and any(a.tag_ == "TO" for a in auxes) and not any(
                c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.lower_ == "it" for c in head.children):
            return 1  # "is to resume trading Tuesday"
    if verb.lemma_.lower() in lex.future_governors and verb.dep_ != "xcomp" and verb.tag_ == "VBG":
        return 1  # "were planning a protest on Saturday": what is planned lies ahead
    if any(a.tag_ == "VBD" for a in auxes):
        return -1
    if verb.tag_ == "VBD":
        return -1
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return -1
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and head.i != verb.i and _depth < 3 \
            and all(a.tag_ == "TO" for a in auxes):
        # a bare infinitive takes its governor's tense ("tried to reach", "will try to reach")
        return direction_of(head, lex=lex, _depth=_depth + 1)
    if auxes or verb.tag_ in {"VBZ", "VBP", "MD"}:
        return 0
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        if verb.lemma_.lower() in lex.future_passives or verb.lower_ in lex.future_passives:
            return 1  # "a summit set for April", "talks scheduled for Monday"
        return -1  # "the injunction issued Thursday": a past participle on a noun is done
    # participles and gerunds without auxiliaries ("issued by", "sending") take their head's tense
    if verb.tag_ in {"VBN", "VBG", "VB"} and head.i != verb.i and _depth < 3:
        return direction_of(_verb_of(head), lex=lex, _depth=_depth + 1)
    return 0


# --------------------------------------------------------------------------------------------------
# the component
# --------------------------------------------------------------------------------------------------


def _name_hashes(doc: Doc, lex: Lexicon) -> set[int]:
    """Hashes of the month and weekday names taken outside date entities (long forms only: "may"
    and "march" are too often other words)."""
    words = [w for w in lex.months if len(w) > 3 and w not in {"may", "march"}]
    words += [w for w in lex.weekdays if len(w) > 4]
    return {doc.vocab.strings.add(w) for w in words}


def _candidates(doc: Doc, lex: Lexicon) -> list[Span]:
    """The model's DATE and TIME entities (cut where a verb splits them: "the quarter ended Sept. 30"),
    month and weekday names it missed, and the words of :func:`_extra_candidates` ("now", "daily",
    "third-quarter", "two-year") where no entity covers them."""
    spans = [part for e in doc.ents if e.label_ in _TIME_LABELS for part in _split(e)]
    covered = {i for e in spans for i in range(e.start, e.end)}
    if len(doc):
        names = _name_hashes(doc, lex)
        lower = doc.to_array("LOWER")
        for i in np.flatnonzero(np.isin(lower, np.fromiter(names, dtype=lower.dtype, count=len(names)))):
            i = int(i)
            if i not in covered and doc[i].pos_ == "PROPN":
                spans.append(doc[i : i + 1])
    spans = [s for s in (_trimmed(s, lex) for s in spans) if len(s)]
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
                _time_of_day(s, lex) or _time_of_day(prev, lex)):
            merged[-1] = doc[prev.start:s.end]
        else:
            merged.append(s)
    return merged


_CLOCK_TOKEN = re.compile(r"^(\d{1,2}(:\d{2})?|a\.m\.|p\.m\.|am|pm|\d{1,2}(:\d{2})?(am|pm))$")


def _time_of_day(span: Span, lex: Lexicon) -> bool:
    """A part of the day or a clock time with nothing else ("afternoon", "10 p.m. EST", "noon")."""
    words = [t.lower_ for t in span]
    return all(w in lex.parts_of_day or w in lex.clock_words or _CLOCK_TOKEN.match(w)
               or w in {"the", "this", "mid", "-", "late", "early", "around", "about"} for w in words) and any(
        w in lex.parts_of_day or (_CLOCK_TOKEN.match(w) and not w.isdigit()) for w in words)


def _split(span: Span) -> list[Span]:
    """An entity cut at its verbs ("the quarter ended Sept. 30" -> "the quarter", "Sept. 30")."""
    parts = []
    start = span.start
    for t in span:
        if t.pos_ in _VERBAL and t.i > span.start:
            if t.i > start:
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
        if found is None and low[i] in lex.frequency_words and doc[i].pos_ == "ADV" and doc[i].dep_ == "advmod" \
                and doc[i].head.pos_ in _VERBAL:  # "meets annually", not "the average daily volume"
            found = doc[i:i + 1]
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
        if found is None and low[i] in lex.all_units and i > 0:
            found = _counted_span(doc, i, lex)
        if found is None and low[i] in lex.units and i + 2 < n and low[i + 1] == "-" and low[i + 2] in {
                "earlier", "ago"}:
            found = doc[i:i + 3]  # "year-earlier profit"
        if found is not None:
            out.append(found)
    return out


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


def _counted_span(doc: Doc, i: int, lex: Lexicon) -> Span | None:
    """"two-year", "a 10-hour", "five year", "eight trading days" (a count right before a unit)."""
    j = i - 1
    if doc[j].lower_ in {"trading", "business", "working"} and j > 0:
        j -= 1
    if doc[j].text == "-" and j > 0:
        j -= 1
    if not (doc[j].like_num or doc[j].lower_ in lex.numbers) or doc[j].lower_ in {"a", "an"}:
        return None
    if _YEAR_WORD.match(doc[j].text) or lex.all_units.get(doc[i].lower_) == "quarter":
        return None  # a year, or a fraction ("three-quarters")
    end = i + 1
    if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ == "old":
        end += 2
    return doc[j:end]


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
    return span if (start, end) == (span.start, span.end) else span.doc[start:end]


def _words(span: Span) -> list[str]:
    return [t.text for t in span if not t.is_space]


def find_times(doc: Doc, *, lex: Lexicon | None = None) -> list[tuple[Span, TimeExpr, Duration | None]]:
    """Every time expression of ``doc`` with its resolved value and its TimeML TIMEX3 type and value.

    ``value`` is the date an event may take (durations only when anchored to a start; references,
    sets and unanchored durations have none); ``timex_type``/``timex_value`` follow TimeML. Spans
    carry no leading preposition. Durations come back with the Duration they denote."""
    lex = lex or lexicon()
    anchor: dt.date | None = doc._.published
    found: list[tuple[Span, TimeExpr, Duration | None]] = []
    ref_year: dict[int, int] = {}  # sentence start -> reference year set by an explicit year
    para_year: dict[int, int] = {}  # paragraph number -> year of the last full date in it
    durations: list[tuple[Span, Duration]] = []
    last_quarter: Resolved | None = None  # the quarter a results story is about ("a year earlier": that one)
    text = doc.text  # spaCy joins the tokens again on every access: once per document
    breaks = [m.start() for m in _PARA_BREAK.finditer(text)]
    cands = _candidates(doc, lex)
    doc_quarter = _story_quarter(cands, anchor, lex)
    for cand in cands:
        words = _words(cand)
        # "now", "recently", "the past", "coming months": no date of their own
        ref = reference_value(words, pos=[t.pos_ for t in cand if not t.is_space], lex=lex)
        if ref is not None:
            found.append((cand, _time_expr(cand, None, Timex("DATE", ref)), None))
            continue
        if _habitual(cand):  # "every Monday", "each year": a set, no date
            sv = set_value(words, lex=lex)
            dv = duration_value(words, lex=lex) if sv is None else None
            if sv is not None:
                found.append((cand, _time_expr(cand, None, Timex("SET", sv)), None))
            elif dv is not None:  # "every week for three hours": the length of each time
                found.append((cand, _time_expr(cand, None, Timex("DURATION", dv)), None))
            continue
        rate = _rate(cand, lex)
        if rate is not None:  # "$5 a year", "twice a week", "10,000 units per month"
            found.append((cand, _time_expr(cand, None, Timex("SET", rate)), None))
            continue
        if len(words) == 1 and words[0].lower() in lex.frequency_words:
            found.append((cand, _time_expr(cand, None, Timex("SET", lex.frequency_words[words[0].lower()])), None))
            continue
        dur = parse_duration(words, lex=lex)
        if dur is None and len(words) > 2 and words[-1].lower() == "time":  # "in six months' time"
            counted = parse_duration([w for w in words[:-1] if w not in ("'", "’")], lex=lex)
            ahead = _ahead(cand, counted, anchor, lex) if counted is not None else None
            if ahead is not None:
                dv = duration_value(words[:-1], lex=lex)
                found.append((cand, _time_expr(cand, ahead, Timex("DURATION", dv) if dv else None), None))
                continue
        if dur is not None:
            ahead = _ahead(cand, dur, anchor, lex)
            if ahead is not None:  # "(due) in two weeks" with a future verb: from the publication date
                dv = duration_value(words, lex=lex)
                found.append((cand, _time_expr(cand, ahead, Timex("DURATION", dv) if dv else None), None))
            else:
                durations.append((cand, dur))
            continue
        att = time_anchor(cand, lex=lex)
        verb = _verb_of(att)
        direction = direction_of(verb, lex=lex)
        prep = cand.root.head if cand.root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ in lex.backward_prepositions:
            direction = -1
        elif prep is not None and prep.lower_ in lex.forward_prepositions:
            simple_past = verb is not None and verb.tag_ == "VBD" and not any(
                c.dep_ in {"aux", "auxpass"} for c in verb.children)
            direction = 0 if simple_past else 1  # "held the valley until March": the nearer March
        if direction == 0 and cand.end < len(doc) and doc[cand.end].lower_ in {"'s", "’s"}:
            direction = -1  # "Thursday's closing price": a day already had
        if att.lower_ in lex.forward_heads or att.lemma_.lower() in lex.forward_heads or (
                prep is not None and prep.head.lower_ in lex.forward_heads):
            direction = 1  # "effective June 1", "extended to Nov. 16"
        sent_start = cand.sent.start if doc.has_annotation("SENT_START") else 0
        para = bisect.bisect_left(breaks, cand.start_char)  # paragraph number
        # a reference year of the sentence only binds a month that modifies a noun ("the February
        # invasion"); a full date earlier in the paragraph ("on 31 August 2013") binds any month
        root = cand.root
        noun_bound = root.dep_ in _MODIFIER_DEPS or att.pos_ in _NOMINAL
        ry = ref_year.get(sent_start) if noun_bound else None
        if ry is None:
            ry = para_year.get(para)
        if _not_a_time(cand, lex):
            continue
        res = parse_period(words, anchor=anchor, direction=direction, lex=lex, ref=last_quarter or doc_quarter)
        if res is not None and res.granularity == "quarter" and _names_story_quarter(cand, lex):
            last_quarter = res
        if res is None:
            res = parse_words(words, anchor=anchor, direction=direction, ref_year=ry, lex=lex,
                              loose=att.pos_ not in _VERBAL)
        if res is None:
            tx = _unresolved_timex(cand, words, anchor, lex, last_quarter or doc_quarter)
            if tx is not None:
                found.append((cand, _time_expr(cand, None, tx), None))
            continue
        if res.granularity == "decade" and _is_age(cand):
            continue
        if _of_something(cand, res, lex):
            continue
        if (res.explicit_year or res.granularity == "year") and not res.end_value:
            ref_year[sent_start] = int(res.value[:4])
        if res.explicit_year and res.granularity in {"day", "month"} and not res.end_value and not _names_event(cand):
            # a full date that frames the story (not one naming an event: "the Dec. 21, 1988, bombing")
            para_year[para] = int(res.value[:4])
        elif not _takes_reference(words, lex):
            # another frame ("in 2017", "last month", "on Monday") ends the reach of the last full date
            para_year.pop(para, None)
        tx = timex_of(words, res, lex=lex)
        ago = relative_timex(words, anchor, lex=lex, ref=last_quarter or doc_quarter) if "ago" in (
            w.lower() for w in words) else None
        if ago is not None and ago.value.count("-Q"):
            tx = ago  # "a year ago" in a story about a quarter: that quarter a year before (TimeML)
        found.extend(_range_parts(cand, res, lex) or [(cand, _time_expr(cand, res, tx), None)])
    # durations anchored to a start ("the six-day trip" on which someone departed on Monday)
    for cand, dur in durations:
        start = _duration_start(cand, found, lex)
        dv = duration_value(_words(cand), lex=lex)
        tx = Timex("DURATION", dv) if dv else None
        if start is None:
            if tx is not None:
                found.append((cand, _time_expr(cand, None, tx), dur))
            continue
        end = duration_end(start, dur)
        res = Resolved(start.isoformat(), "day", end.isoformat() if end else None)
        found.append((cand, _time_expr(cand, res, tx), dur))
    found.sort(key=lambda x: x[0].start)
    return found


def _names_story_quarter(cand: Span, lex: Lexicon) -> bool:
    """A quarter named by its number, not a comparison ("third-quarter profit", not "the year-ago
    third quarter" nor "last year's third quarter")."""
    low = [t.lower_ for t in cand]
    return "quarter" in low and any(w in lex.ordinals and w not in lex.period_words for w in low) and not any(
        w in lex.year_before_words or w in {"last", "previous", "prior"} for w in low)


def _names_event(cand: Span) -> bool:
    """A date used as the name of an event ("the Dec. 21, 1988, bombing", "the June 4 crackdown"): a
    modifier of a noun, or "the" + date + noun (a parse that misses the modifier)."""
    root = cand.root
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in _NOMINAL and not cand.start <= root.head.i < cand.end:
        return True
    doc = cand.doc
    the = cand[0].lower_ == "the" or (cand.start > 0 and doc[cand.start - 1].lower_ == "the")
    j = cand.end
    while j < len(doc) and doc[j].text == ",":
        j += 1
    return the and j < len(doc) and doc[j].pos_ in _NOMINAL and doc[j].ent_type_ not in _TIME_LABELS


def _story_quarter(cands: list[Span], anchor: dt.date | None, lex: Lexicon) -> Resolved | None:
    """The first quarter a story names with its number ("third-quarter profit"): the period "the
    quarter", "a year earlier" and "the year-ago period" refer to."""
    for cand in cands:
        if _names_story_quarter(cand, lex):
            res = parse_period(_words(cand), anchor=anchor, lex=lex)
            if res is not None and res.granularity == "quarter":
                return res
    return None


def _rate(cand: Span, lex: Lexicon) -> str | None:
    """"a year" / "per week" after a quantity ("$5 a year", "twice a week", "10,000 units a month"): how
    often, a SET (P1Y, P1W, ...)."""
    low = [t.lower_ for t in cand]
    doc = cand.doc
    if len(low) == 3 and low[0] in {"once", "twice", "thrice"}:  # "twice a week" as one entity
        low, prev = low[1:], cand[0]
    elif cand.start > 0:
        prev = doc[cand.start - 1]
    else:
        return None
    if len(low) != 2 or low[0] not in {"a", "an", "per"} or low[1] not in lex.all_units:
        return None
    quantity = prev.like_num or prev.lower_ in {"once", "twice", "thrice", "times"} or prev.ent_type_ in {
        "MONEY", "QUANTITY", "CARDINAL", "PERCENT"} or (prev.pos_ == "NOUN" and cand.start > 1 and (
            doc[cand.start - 2].like_num or doc[cand.start - 2].ent_type_ in {"CARDINAL", "MONEY", "QUANTITY"}))
    return duration_value(["a", low[1]], lex=lex) if quantity else None


def _unresolved_timex(cand: Span, words: list[str], anchor: dt.date | None, lex: Lexicon,
                      last_quarter: Resolved | None = None) -> Timex | None:
    """The TIMEX3 of an expression that dates nothing: a count of units ("the nine months", "several
    years", "24 hours"), a time counted from another event ("a year earlier": TimeML counts it from
    the publication date), a clock time of the publication day ("at 7:15 p.m.")."""
    after = cand.doc[cand.end] if cand.end < len(cand.doc) else None
    ended = after is not None and after.lower_ in {"ended", "ending", "ends", "through", "to"}
    dv = duration_value(words, lex=lex, singular_the=ended)  # "the year ended Sept. 30": a year
    if dv is not None:
        return Timex("DURATION", dv)
    low = [w.lower() for w in words]
    if anchor is not None and low in (["the", "year"], ["the", "full", "year"], ["the", "fiscal", "year"],
                                      ["the", "calendar", "year"]):
        return Timex("DATE", f"{anchor.year:04d}")  # "profit for the year": the publication's year
    rel = relative_timex(words, anchor, lex=lex, ref=last_quarter)
    if rel is not None:
        return rel
    if anchor is not None and cand.label_ == "TIME" or any(t.ent_type_ == "TIME" for t in cand):
        suffix = time_suffix(words, lex=lex)
        if suffix is not None and anchor is not None:
            return Timex("TIME", anchor.isoformat() + suffix)
    return None


def _range_parts(cand: Span, res: Resolved, lex: Lexicon) -> list[tuple[Span, TimeExpr, Duration | None]] | None:
    """A range of two dates in one expression ("2009-2010", "Aug. 26 to Oct. 20") is two TimeML
    expressions: the first carries the whole range as its value (for events), each its own TIMEX3."""
    if not res.end_value or res.granularity not in {"day", "month", "year"}:
        return None
    cut = next((t.i for t in cand[1:-1] if t.lower_ in _RANGE_WORDS), None)
    if cut is None or any(t.lower_ in lex.all_units for t in cand):
        return None  # "the next 12 to 18 months" is one duration
    doc = cand.doc
    left = doc[cand.start:cut]
    right_start = cut + 1
    while right_start < cand.end - 1 and doc[right_start].lower_ in _RANGE_WORDS:
        right_start += 1
    right_end = cand.end
    while right_end - right_start > 1 and not (doc[right_end - 1].like_num or doc[right_end - 1].lower_ in lex.months
                                               or doc[right_end - 1].lower_ in lex.weekdays):
        right_end -= 1  # "the 2009-2010 season": the second year without its noun
    right = doc[right_start:right_end]
    end_res = Resolved(res.end_value, res.granularity)
    start_res = Resolved(res.value, res.granularity)
    first = TimeExpr(text=left.text, start=left.start_char, end=left.end_char, value=res.value,
                     granularity=res.granularity, end_value=res.end_value, timex_type="DATE",
                     timex_value=format_resolved(start_res))
    second = _time_expr(right, end_res, Timex("DATE", format_resolved(end_res)))
    return [(left, first, None), (right, second, None)]


_RANGE_WORDS = {"to", "through", "until", "till", "-", "–", "—"}


_POSSESSIVES = {"my", "your", "his", "her", "its", "our", "their"}


def _habitual(cand: Span) -> bool:
    """'every Monday', 'each year in August': a recurring time is no date."""
    if any(t.lower_ in {"every", "each"} for t in cand):
        return True
    tok = cand.root
    for _ in range(4):
        if any(c.dep_ == "det" and c.lower_ in {"every", "each"} for c in tok.children):
            return True
        if tok.pos_ in _VERBAL and any(  # 'Every year in August, they hold ...'
                c.dep_ == "npadvmod" and any(d.dep_ == "det" and d.lower_ in {"every", "each"} for d in c.children)
                for c in tok.children):
            return True
        if tok.dep_ not in {"pobj", "prep", "npadvmod", "compound"} or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _not_a_time(cand: Span, lex: Lexicon) -> bool:
    """A day word used as a title ('Radio 4's Today', 'the Today programme': capitalised inside a
    sentence, or before a title noun) and a clock time written as four digits ('at 2005 GMT')."""
    doc = cand.doc
    after = doc[cand.end] if cand.end < len(doc) else None
    words = [t for t in cand if not t.is_punct and t.lower_ not in lex.prepositions]
    if len(words) == 1 and words[0].lower_ in lex.day_words and words[0].text[:1].isupper():
        tok = words[0]
        if after is not None and after.lower_ in lex.day_word_titles:
            return True
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and not tok.is_sent_start and not (prev.is_punct or prev.is_space):
            return True
    if after is not None and after.lower_ in lex.clock_words and cand[-1].like_num and len(cand[-1].text) == 4:
        return True
    # a month name in lower case is another word ('watch the Americans march away')
    if any(t.lower_ in lex.months and t.text.islower() and len(t.text) > 3 for t in cand):
        return True
    low = [t.lower_ for t in cand if not (t.is_punct or t.lower_ in lex.prepositions)]
    # 'on a Wednesday morning': any Wednesday, no date
    first = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    if (first in {"a", "an"} or low and low[0] in {"a", "an"}) and any(w in lex.weekdays for w in low):
        return True
    # 'the previous week', 'the following month', 'the next day' (the publication's is 'tomorrow'):
    # counted from another event of the story
    if len(low) == 3 and low[0] == "the" and low[2] in lex.units and (
            low[1] in lex.narrative_relatives or low[1] == "next" and lex.units[low[2]] == "day"):
        return True
    return False


def _is_age(cand: Span) -> bool:
    """'in her late 30s', 'in their twenties': a person's age, not a decade."""
    doc = cand.doc
    before = doc[max(0, cand.start - 3):cand.start]
    return any(t.lower_ in _POSSESSIVES for t in list(before) + list(cand))


def _of_something(cand: Span, res: Resolved, lex: Lexicon) -> bool:
    """'the last days of my life', 'the first weeks of the war': a unit measured within something
    else is not counted from the publication date (unless it names its year)."""
    if res.explicit_year or cand.end >= len(cand.doc) or cand.doc[cand.end].lower_ != "of":
        return False
    if not cand.start <= cand.doc[cand.end].head.i < cand.end:
        return False  # 'spoke last month of her plans': the 'of' belongs to the verb
    ws = [w.lower() for w in _words(cand)]
    if any(t.like_num or t.lower_ in lex.numbers and t.lower_ not in {"a", "an"} for t in cand):
        return False  # 'the past two years of war': a counted period up to publication
    return any(w in lex.units for w in ws) and not any(w in lex.months or w in lex.weekdays for w in ws)


def _takes_reference(words: list[str], lex: Lexicon) -> bool:
    """A month or day-month without a year or relative word: it may take an earlier full date's year."""
    ws = [w.lower() for w in words]
    return any(w in lex.months for w in ws) and not any(w in lex.relative or _YEAR_WORD.match(w) for w in ws)


def _ahead(cand: Span, dur: Duration, anchor: dt.date | None, lex: Lexicon) -> Resolved | None:
    """"The vote is due in two weeks", "troops will leave in six months' time": a count of units after
    "in", on a future verb, counts from the publication date. A past "in two weeks" ("won the war in two
    weeks") is a duration, and "two days later" is anchored to another event: neither resolves here."""
    if anchor is None or cand.start == 0:
        return None
    prev = cand.doc[cand.start - 1]
    if prev.lower_ != "in" or cand.root.head.i != prev.i:
        return None
    verb = _verb_of(time_anchor(cand, lex=lex))
    due = verb is not None and any(c.lower_ == "due" for c in verb.children)  # "is due in two weeks"
    if not due and direction_of(verb, lex=lex) <= 0:
        return None
    return shift_unit(anchor, dur.unit, dur.n)


def _time_expr(span: Span, res: Resolved | None, timex: Timex | None = None) -> TimeExpr:
    return TimeExpr(
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        value=res.value if res else None,
        granularity=res.granularity if res else None,
        end_value=res.end_value if res else None,
        timex_type=timex.type if timex else None,
        timex_value=timex.value if timex else None,
    )


def _duration_start(cand: Span, found: list[tuple[Span, TimeExpr, Duration | None]], lex: Lexicon) -> dt.date | None:
    """The day a duration starts: a day-valued time of the noun it measures, of the verb that noun
    hangs from ("departed on Monday on the six-day trip"), or of a clause on that noun ("the
    three-day summit, which opened on Tuesday")."""
    noun = time_anchor(cand, lex=lex)
    if noun.pos_ not in _NOMINAL:
        return None
    hosts = {noun.i}
    verb = _verb_of(noun)
    if verb is not None and verb.i != noun.i:
        hosts.add(verb.i)
    hosts.update(c.i for c in noun.children if c.dep_ in {"relcl", "acl"})
    for span, te, _ in found:
        if te.granularity == "day" and te.value and not te.end_value and time_anchor(span, lex=lex).i in hosts:
            return dt.date.fromisoformat(te.value)
    return None


@Language.component("communique_times", assigns=["doc._.times", "doc.spans"],
                    requires=["doc.ents", "token.ent_type", "token.dep", "token.tag", "token.lemma"])
def times_component(doc: Doc) -> Doc:
    times = doc_list(doc, "times")
    lex = lexicon()
    spans: list[Span] = []
    try:
        found = find_times(doc, lex=lex)
    except Exception:  # a time rule must never lose the article
        log.exception("time expressions failed")
        found = []
    for span, te, _ in found:
        times.append(te)
        span._.time = te
        spans.append(span)
    doc.spans["times"] = spans
    return doc


# --------------------------------------------------------------------------------------------------
# the date of an event
# --------------------------------------------------------------------------------------------------


def _anchored(doc: Doc, lex: Lexicon) -> dict[int, list[Span]]:
    key = "communique_time_anchors"
    cache = doc.user_data.get(key)
    if cache is None:
        cache = {}
        for span in doc.spans.get("times", []):
            if span._.time is None or not span._.time.value:
                continue
            cache.setdefault(time_anchor(span, lex=lex).i, []).append(span)
        doc.user_data[key] = cache
    return cache


def _value(span: Span) -> DateValue:
    te: TimeExpr = span._.time
    return DateValue(start=te.value or "", end=te.end_value, granularity=te.granularity or "day", text=te.text)


def _best(spans: list[Span]) -> DateValue:
    # the finest expression wins ("on Monday" over "this week"); ties: the first in the text
    order = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5, "decade": 6,
             "century": 7}
    span = min(spans, key=lambda s: (order.get(s._.time.granularity or "day", 9), s.start))
    return _value(span)


def _own(head: Token, anchored: dict[int, list[Span]]) -> list[Span]:
    out = list(anchored.get(head.i, []))
    # auxiliaries, particles and a copula's complement share the verb's clause
    for c in head.children:
        if c.dep_ in {"aux", "auxpass", "prt", "acomp"}:
            out.extend(anchored.get(c.i, []))
    return out


def date_for(doc: Doc, head: Token) -> DateValue | None:
    """The date of an event whose head (verb or event noun) is ``head``.

    ``basis`` says how the date was obtained: ``stated`` (a time expression of the head's own clause:
    on the head, its auxiliaries, an infinitive's governor "is due to speak on Monday", or a conjoined
    verb), ``inherited`` (from the text around it: the rest of the list below) or ``publication``.
    In order: a time expression of the head's own clause; for a noun, one of the
    verb it is the object or subject of ("attended a meeting in April"); the window of the noun a
    relative clause hangs from ("the six-day trip, during which he will speak"); the date given to the
    same event noun elsewhere in the article ("Russia's invasion" after "last year's invasion"); else
    the month of publication, from the head's tense (None without a publication date)."""
    lex = lexicon()
    anchored = _anchored(doc, lex)
    found = _stated(head, anchored)
    if found is not None:
        return found.model_copy(update={"basis": "stated"})
    found = _explicit(doc, head, anchored)
    if found is not None:
        return found.model_copy(update={"basis": "inherited"})
    # the same event noun dated elsewhere in the article
    if head.pos_ == "NOUN":
        for tok in doc:
            if tok.i != head.i and tok.pos_ == "NOUN" and tok.lemma_ == head.lemma_:
                other = _stated(tok, anchored) or _explicit(doc, tok, anchored)
                if other is not None:
                    return other.model_copy(update={"basis": "inherited"})
    return _from_tense(doc, head, lex)


def _stated(head: Token, anchored: dict[int, list[Span]]) -> DateValue | None:
    """A time expression of the head's own clause: on the head, its auxiliaries or particles, or
    shared with an infinitive's governor or a conjoined verb ("is due to speak on Monday", "flew to
    Ankara and met him on Thursday")."""
    own = _own(head, anchored)
    if own:
        return _best(own)
    # an infinitive or a conjoined verb shares its governor's time ("is due to speak on Monday")
    if head.dep_ in {"xcomp", "conj"} and head.head.i != head.i:
        found = _own(head.head, anchored)
        if found:
            return _best(found)
    for conj in head.conjuncts:
        found = _own(conj, anchored)
        if found:
            return _best(found)
    return None


def _explicit(doc: Doc, head: Token, anchored: dict[int, list[Span]]) -> DateValue | None:
    """A date for ``head`` from a time expression around its clause (rules 3-4 of :func:`date_for`:
    a "when" clause, a dated event subject, a clause on an event noun, the verb of a noun, the window
    of a noun a relative clause hangs from), else None."""
    lex = lexicon()
    # a "when" clause dates its main verb ("was arrested when he landed on Monday")
    if head.pos_ in _VERBAL:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ in {"mark", "advmod"} and m.lower_ in lex.simultaneous
                                         for m in c.children):
                found = _own(c, anchored)
                if found:
                    return _best(found)
    # a verb whose subject is a dated event noun happened then ("last week's attack killed ...")
    if head.pos_ in _VERBAL:
        for c in head.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN":
                found = anchored.get(c.i, [])
                if found:
                    return _best(found)
    # a noun event takes the time of a participle or relative clause on it ("a statement issued last
    # year"), else of the verb it is an argument of ("attends a meeting ... in April")
    if head.pos_ in _NOMINAL:
        for c in head.children:
            if c.dep_ in {"acl", "relcl"}:
                found = _own(c, anchored)
                if found:
                    return _best(found)
        verb = _verb_of(head)
        if verb is not None and verb.i != head.i and head.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "pobj"}:
            path_ok = all(t.dep_ not in _CLAUSE_DEPS for t in _path(head, verb))
            found = _own(verb, anchored) if path_ok else []
            if found:
                return _best(found)
    # a relative clause on a noun with a time or a window ("the six-day trip, during which ...")
    clause = head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ in {"relcl", "acl"} and clause.head.pos_ in _NOMINAL:
        noun = clause.head
        found = anchored.get(noun.i, [])
        if found:
            windowed = [s for s in found if s._.time.end_value]
            return _value(windowed[0]) if windowed else _best(found)
    return None


def _path(tok: Token, ancestor: Token) -> list[Token]:
    out = []
    cur = tok
    while cur.i != ancestor.i and cur.head.i != cur.i:
        out.append(cur)
        cur = cur.head
    return out


def _from_tense(doc: Doc, head: Token, lex: Lexicon) -> DateValue | None:
    """No time in reach: news speaks of its own days, so an event in the present, the perfect, the
    near future or the simple past falls in the month of publication (granularity month)."""
    published: dt.date | None = doc._.published
    if published is None:
        return None
    return DateValue(start=f"{published.year:04d}-{published.month:02d}", granularity="month", basis="publication")
