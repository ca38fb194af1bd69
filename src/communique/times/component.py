"""The ``communique_times`` component: every time expression of a document with its date and its
TimeML TIMEX3 (``find_times``), written to ``doc._.times`` and ``doc.spans["times"]``."""

from __future__ import annotations

import bisect
import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_list
from ..records import TimeExpr
from .candidates import ONE_DAY_MODALS, SOLID_CLOCK_RANGE, _words, candidates
from .resolve import (
    Duration,
    Lexicon,
    Resolved,
    duration_end,
    lexicon,
    parse_duration,
    parse_words,
    period_edge_unit,
    shift_unit,
)
from .syntax import (
    _MODIFIER_DEPS,
    _NOMINAL,
    _PARA_BREAK,
    _TIME_LABELS,
    _VERBAL,
    _YEAR_WORD,
    _verb_of,
    direction_of,
    time_anchor,
)
from .timex import (
    Timex,
    duration_value,
    format_resolved,
    four_digit_clock,
    parse_period,
    reference_value,
    relative_timex,
    set_value,
    time_suffix,
    timex_of,
)

__all__ = ["find_times", "times_component"]

log = logging.getLogger(__name__)


Found = tuple[Span, TimeExpr, Duration | None]


@dataclass
class _Frames:
    """What earlier expressions of the document set for later ones: the reference year of each
    sentence, the year of the last full date of each paragraph, the quarter a results story is about."""

    anchor: dt.date | None
    breaks: list[int]
    doc_quarter: Resolved | None
    ref_year: dict[int, int] = field(default_factory=dict)  # sentence start -> year of an explicit year
    para_year: dict[int, int] = field(default_factory=dict)  # paragraph -> year of its last full date
    last_time: Resolved | None = None  # the last day, month or year named ("later that year": its year)
    months_paras: set[int] = field(default_factory=set)  # paragraphs now about a count of months
    # doc_quarter: the first quarter the story names by number ("a year earlier", "the year-ago
    # period" refer to it even after "a flat second quarter" or "a fourth-quarter charge" come up)

    def quarter_of(self, para: int) -> Resolved | None:
        """The story quarter, unless the paragraph has turned to a count of months ("for the nine
        months ... compared with year-earlier net income": the year before, not the quarter)."""
        return None if para in self.months_paras else self.doc_quarter


def find_times(doc: Doc, *, lex: Lexicon | None = None) -> list[Found]:
    """Every time expression of ``doc`` with its resolved value and its TimeML TIMEX3 type and value.

    ``value`` is the date an event may take (durations only when anchored to a start; references,
    sets and unanchored durations have none); ``timex_type``/``timex_value`` follow TimeML. Spans
    carry no leading preposition. Durations come back with the Duration they denote."""
    lex = lex or lexicon()
    anchor: dt.date | None = doc._.published
    found: list[Found] = []
    durations: list[tuple[Span, Duration]] = []
    text = doc.text  # spaCy joins the tokens again on every access: once per document
    cands = candidates(doc, lex)
    frames = _Frames(anchor, [m.start() for m in _PARA_BREAK.finditer(text)], _story_quarter(cands, anchor, lex))
    for cand in cands:
        words = _words(cand)
        undated = _undated(cand, words, lex)
        if undated is not None:
            found.extend(undated)
            continue
        counted = _counted(cand, words, anchor, lex)
        if isinstance(counted, Duration):
            durations.append((cand, counted))
            if counted.unit == "month" and counted.n > 3:
                frames.months_paras.add(bisect.bisect_left(frames.breaks, cand.start_char))
        elif counted is not None:
            found.append(counted)
        else:
            found.extend(_dated(cand, words, frames, lex))
    found.extend(_anchored_durations(durations, found, lex))
    found.sort(key=lambda x: x[0].start)
    return _clocks_on_their_day(found, lex)


def _clocks_on_their_day(found: list[Found], lex: Lexicon) -> list[Found]:
    """A clock time without a day takes the day written right after it ("at 10 p.m. on Thursday",
    "at 10:35 a.m. (0735 GMT) Friday"), else the nearest day its sentence names ("On Tuesday, the quake
    struck at 6:45 p.m."), else the last day the sentence before named ("The quake hit on Tuesday. It
    struck at 6:45 p.m."): TimeML's value is that day's (its reference time), not the publication day's."""
    out = list(found)
    for k, (span, te, dur) in enumerate(out):
        if te.timex_type != "TIME" or te.value is not None or not te.timex_value or "T" not in te.timex_value:
            continue
        day = _day_right_after(out, k, lex) or _day_of_the_sentence(out, k, lex)
        if day is not None:
            clock = te.timex_value[te.timex_value.index("T"):]
            shift = next((_DAY_SHIFTS[t.lower_] for t in span if t.lower_ in _DAY_SHIFTS), 0)
            if shift:  # "the next morning", "the previous night": the day after or before that day
                day = (dt.date.fromisoformat(day) + dt.timedelta(days=shift)).isoformat()
            out[k] = (span, te.model_copy(update={"timex_value": day + clock}), dur)
    return out


#: words in a part of the day counted from the day the text names ("the next morning" is the day after)
_DAY_SHIFTS = {"next": 1, "following": 1, "previous": -1, "preceding": -1}
#: sentences looked back, within the paragraph, for the day a clock time belongs to
_LOOKBACK_SENTENCES = 3


def _is_day(te: TimeExpr) -> bool:
    return te.granularity == "day" and bool(te.value) and not te.end_value


def _day_right_after(out: list[Found], k: int, lex: Lexicon) -> str | None:
    span = out[k][0]
    j = k + 1  # past another clock of the same time ("9:40 a.m. (0640 GMT) Friday")
    while j + 1 < len(out) and out[j][1].timex_type == "TIME" and out[j][1].value is None:
        j += 1
    if j >= len(out):
        return None
    nxt_span, nxt, _ = out[j]
    if not _is_day(nxt) or nxt_span.start < span.end:
        return None
    gap = span.doc[span.end:nxt_span.start]
    if len(gap) > 7 or not all(t.is_punct or t.lower_ in {"on", "of", "time"} or t.lower_ in lex.clock_words
                               or t.like_num for t in gap):
        return None
    return nxt.value


def _tells_an_event(span: Span, lex: Lexicon) -> bool:
    """The day does not date a report ("officials said on Monday"): its verb is no reporting verb."""
    verb = _verb_of(time_anchor(span, lex=lex))
    return verb is None or verb.lemma_.lower() not in lex.present_reporting_verbs


def _day_of_the_sentence(out: list[Found], k: int, lex: Lexicon) -> str | None:
    span = out[k][0]
    doc = span.doc
    if not doc.has_annotation("SENT_START"):
        return None
    sent = span.sent
    same = [(abs(s.start - span.start), te.value) for s, te, _ in out if _is_day(te)
            and sent.start <= s.start < sent.end and s.start != span.start and _tells_an_event(s, lex)]
    if same:
        return min(same)[1]
    for _ in range(_LOOKBACK_SENTENCES):  # the last day the sentences before named, in the paragraph
        if sent.start == 0:
            return None
        prev = doc[sent.start - 1].sent
        if _PARA_BREAK.search(doc[prev.start:sent.start].text_with_ws):
            return None  # another paragraph
        before = [te.value for s, te, _ in out if _is_day(te) and prev.start <= s.start < prev.end
                  and _tells_an_event(s, lex)]
        if before:
            return before[-1]
        sent = prev
    return None


def _undated(cand: Span, words: list[str], lex: Lexicon) -> list[Found] | None:
    """References ("now", "recently", "the past", "coming months") and sets ("every Monday", "$5 a
    year", "annually"): no date of their own (an empty list: a habitual time with no TIMEX3); None
    for any other expression."""
    after = cand.doc[cand.end].lower_ if cand.end < len(cand.doc) else None
    ref = reference_value(words, pos=[t.pos_ for t in cand if not t.is_space], lex=lex, after_word=after)
    if ref is None and _one_day_ahead(cand, words, lex):
        ref = "FUTURE_REF"
    if ref is not None:
        return [(cand, _time_expr(cand, None, Timex("DATE", ref)), None)]
    if _habitual(cand):  # "every Monday", "each year": a set, no date
        sv = set_value(words, lex=lex)
        dv = duration_value(words, lex=lex) if sv is None else None
        if sv is not None:
            return [(cand, _time_expr(cand, None, Timex("SET", sv)), None)]
        if dv is not None:  # "every week for three hours": the length of each time
            return [(cand, _time_expr(cand, None, Timex("DURATION", dv)), None)]
        return []
    plural = _plural_weekday(words, lex)
    if plural is not None:  # "on Sundays", "Tuesday nights": every such day
        return [(cand, _time_expr(cand, None, Timex("SET", plural)), None)]
    rate = _rate(cand, lex)
    if rate is not None:  # "$5 a year", "twice a week", "10,000 units per month"
        return [(cand, _time_expr(cand, None, Timex("SET", rate)), None)]
    if len(words) == 1 and words[0].lower() in lex.frequency_words:
        return [(cand, _time_expr(cand, None, Timex("SET", lex.frequency_words[words[0].lower()])), None)]
    return None


#: modal auxiliaries that put an undated "one day" in the future ("one day it could be free")
_MODALS = ONE_DAY_MODALS | {"wo"}


def _one_day_ahead(cand: Span, words: list[str], lex: Lexicon) -> bool:
    """"One day" as "some day" (TimeML: FUTURE_REF): an adverbial with no preposition before it, on a
    verb that speaks of the future or of a possibility ("one day, the country will be free"); not a
    length ("for one day", "a one day strike") nor a day of a story ("one day in May")."""
    if [w.lower() for w in words] != ["one", "day"]:
        return False
    doc = cand.doc
    if cand.start > 0 and doc[cand.start - 1].lower_ in ONE_DAY_MODALS and cand.end < len(doc) and doc[
            cand.end].pos_ in {"VERB", "AUX"}:
        return True  # "will one day be", "may one day become" (often parsed as a subject)
    if cand.root.dep_ != "npadvmod":
        return False
    if cand.start > 0 and doc[cand.start - 1].lower_ in lex.prepositions:
        return False
    nxt = doc[cand.end] if cand.end < len(doc) else None
    if nxt is not None and (nxt.lower_ in lex.prepositions or nxt.lower_ in {"later", "earlier", "after", "before"}):
        return False  # "one day in May", "one day later": a day counted from the story
    verb = cand.root.head
    fg = lex.future_governors
    hoped = any(c.dep_ in {"xcomp", "advcl"} and c.i > cand.start for c in verb.children) and (  # "hopes one day to return"
        verb.lemma_.lower() in fg or verb.lower_ in fg or verb.lower_[:-1] in fg)
    return hoped or direction_of(verb, lex=lex) > 0 or any(
        c.dep_ == "aux" and c.lower_ in _MODALS for c in verb.children)


def _plural_weekday(words: list[str], lex: Lexicon) -> str | None:
    """A weekday in the plural ("Sundays") or with a part of the day in the plural ("Tuesday nights"):
    a set, XXXX-WXX-7 / XXXX-WXX-2TNI."""
    low = [w.lower() for w in words if w.lower() not in {"on", "the"}]
    if not 1 <= len(low) <= 2:
        return None
    day = low[0]
    if day not in lex.weekdays and day.endswith("s") and day[:-1] in lex.weekdays:
        plural, day = True, day[:-1]
    else:
        plural = False
    if day not in lex.weekdays:
        return None
    part = low[1] if len(low) == 2 else None
    if part is not None and not (part in lex.parts_of_day and part.endswith("s")):
        return None
    if not plural and part is None:
        return None
    return f"XXXX-WXX-{lex.weekdays[day] + 1}" + (f"T{lex.parts_of_day[part]}" if part else "")


def _counted(cand: Span, words: list[str], anchor: dt.date | None, lex: Lexicon) -> Found | Duration | None:
    """A count of units: "(due) in two weeks" with a future verb is dated from publication (a Found);
    any other ("six-day", "two weeks") is a Duration, anchored later if it can be; None otherwise."""
    dur = parse_duration(words, lex=lex)
    if dur is None and len(words) > 2 and words[-1].lower() == "time":  # "in six months' time"
        counted = parse_duration([w for w in words[:-1] if w not in ("'", "’")], lex=lex)
        ahead = _ahead(cand, counted, anchor, lex) if counted is not None else None
        if ahead is not None:
            return (cand, _time_expr(cand, ahead, Timex("DATE", format_resolved(ahead))), None)
    if dur is None:
        return None
    ahead = _ahead(cand, dur, anchor, lex)
    if ahead is None:
        return dur
    # "(due) in two weeks" with a future verb: the date the count reaches from publication, a DATE at
    # the unit's granularity as TimeML writes it ("redeemed in five years" 1994), not a length
    return (cand, _time_expr(cand, ahead, Timex("DATE", format_resolved(ahead))), None)


def _direction(cand: Span, att: Token, lex: Lexicon) -> int:
    """The direction of a date: its verb's tense, turned by the preposition it follows ("since",
    "until"), a possessive ("Thursday's closing price") or the word it hangs from ("effective")."""
    doc = cand.doc
    verb = _verb_of(att)
    direction = direction_of(verb, lex=lex)
    prep = cand.root.head if cand.root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in lex.backward_prepositions:
        direction = -1
    elif prep is not None and prep.lower_ in lex.forward_prepositions:
        auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}] if verb is not None else []
        simple_past = verb is not None and verb.tag_ == "VBD" and not auxes
        if any(a.lower_ in {"had", "'d", "’d"} and a.tag_ == "VBD" for a in auxes):
            direction = -1  # "until Thursday they had not named him": a past perfect looks back
        else:
            direction = 0 if simple_past else 1  # "held the valley until March": the nearer March
    elif verb is not None and cand.root.head.i == verb.i and (cand.root.dep_ == "dobj" or (
            cand.end < len(doc) and doc[cand.end].lower_ == "as")):
        direction = 0  # "has set Nov. 10 as the deadline": the verb's tense is the setting's, not the day's
    if direction > 0 and verb is not None and verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.head.i != verb.i \
            and any(t.lower_ in lex.weekdays for t in cand) and direction_of(_verb_of(verb.head), lex=lex) < 0:
        direction = 0  # "a rally planned for Saturday was cancelled": a day of a plan told in the past, the nearer
    if direction == 0 and verb is not None and _scheduled_present(verb, cand, lex):
        direction = 1  # "the Senate votes Wednesday": a weekday on a verb in the simple present is ahead
    if direction == 0 and cand.end < len(doc) and doc[cand.end].lower_ in {"'s", "’s"}:
        direction = -1  # "Thursday's closing price": a day already had
    if att.lower_ in lex.forward_heads or att.lemma_.lower() in lex.forward_heads or (
            prep is not None and prep.head.lower_ in lex.forward_heads):
        direction = 1  # "effective June 1", "extended to Nov. 16"
    return direction


def _scheduled_present(verb: Token, cand: Span, lex: Lexicon) -> bool:
    """A bare weekday (no "last", "this", ...) on a main verb in the simple present that tells no
    report ("the team travels to Madrid on Tuesday"; not "the senator says Thursday", "is")."""
    if verb.tag_ not in {"VBZ", "VBP"} or verb.lemma_ == "be" or any(
            c.dep_ in {"aux", "auxpass"} for c in verb.children):
        return False
    if verb.lemma_.lower() in lex.present_reporting_verbs or cand.root.dep_ in _MODIFIER_DEPS:
        return False
    if not _present_form(verb, lex):
        return False  # "forces retook the town on Saturday": a past form the tagger read as present
    low = [t.lower_ for t in cand]
    return any(w in lex.weekdays for w in low) and not any(w in lex.relative for w in low)


def _present_form(verb: Token, lex: Lexicon) -> bool:
    """The verb's word is a simple present form: its lemma ("travel", "travels"), not an irregular past the
    tagger took for a present ("retook", "struck", "fled")."""
    word, lemma = verb.lower_, verb.lemma_.lower()
    if verb.tag_ == "VBZ":
        return word.endswith("s")
    return word == lemma and word not in lex.irregular_past


def _dated(cand: Span, words: list[str], frames: _Frames, lex: Lexicon) -> list[Found]:
    """A date, month, year, week, quarter, ...: resolved against the publication date in the
    direction of its verb and the frames set earlier, with its TIMEX3 (two for a range)."""
    doc = cand.doc
    anchor = frames.anchor
    att = time_anchor(cand, lex=lex)
    direction = _direction(cand, att, lex)
    sent_start = cand.sent.start if doc.has_annotation("SENT_START") else 0
    para = bisect.bisect_left(frames.breaks, cand.start_char)  # paragraph number
    # a reference year of the sentence only binds a month that modifies a noun ("the February
    # invasion"); a full date earlier in the paragraph ("on 31 August 2013") binds any month
    noun_bound = cand.root.dep_ in _MODIFIER_DEPS or att.pos_ in _NOMINAL
    edge = period_edge_unit(words, lex)
    # "in 1997 ..., and by the end of the year": the year the sentence named
    ry = frames.ref_year.get(sent_start) if noun_bound or edge == "year" else None
    if ry is None:
        ry = frames.para_year.get(para)
    told = _anaphoric(cand, words, frames, direction, lex)
    if told is not None:  # "later that year", "the following day": counted from the last time named
        frames.last_time = told
        frames.para_year.pop(para, None)  # another frame: the last full date no longer reaches further
        return [(cand, _time_expr(cand, told, Timex("DATE", format_resolved(told))), None)]
    within = _within_unit(words, frames, direction, lex)
    if within is not None:  # "later in the day", "early in the year"
        frames.last_time = within if within.granularity in _GRAIN else frames.last_time
        return [(cand, _time_expr(cand, within, Timex("DATE", format_resolved(within))), None)]
    later = _counted_later(cand, words, frames, lex)
    if later is not None:  # "two days later", "a year later", "months later"
        return [later]
    if _not_a_time(cand, lex):
        return []
    military = _military_clock(cand, words)
    if military is not None:  # "at 1500 hours": a time of the day; "worked 1500 hours": a length; not a year
        if military and anchor is not None:
            return [(cand, _time_expr(cand, None, Timex("TIME", f"{anchor.isoformat()}T{military}")), None)]
        tx = _unresolved_timex(cand, words, anchor, lex, None) if not military else None
        return [(cand, _time_expr(cand, None, tx), None)] if tx is not None else []
    if cand.label_ == "TIME" and four_digit_clock(words, lex=lex):  # "0600 GMT": a time, not a year
        tx = _unresolved_timex(cand, words, anchor, lex, None)
        return [(cand, _time_expr(cand, None, tx), None)] if tx is not None else []
    quarter = frames.quarter_of(para)
    res = parse_period(words, anchor=anchor, direction=direction, lex=lex, ref=quarter)
    if res is not None and res.granularity == "quarter" and _names_story_quarter(cand, lex):
        frames.months_paras.discard(para)  # back to a quarter
    if res is None:
        res = parse_words(words, anchor=anchor, direction=direction, ref_year=ry, lex=lex,
                          loose=att.pos_ not in _VERBAL)
    if res is None:
        clocks = _clock_range_parts(cand, anchor, lex)
        if clocks is not None:  # "10 p.m. to 6 a.m.": two times
            return clocks
        tx = _unresolved_timex(cand, words, anchor, lex, quarter)
        return [(cand, _time_expr(cand, None, tx), None)] if tx is not None else []
    if res.granularity == "decade" and _is_age(cand) or _of_something(cand, res, lex):
        return []
    _update_frames(frames, cand, words, res, sent_start, para, lex)
    tx = timex_of(words, res, lex=lex)
    ago = relative_timex(words, anchor, lex=lex, ref=quarter) if "ago" in (
        w.lower() for w in words) else None
    if ago is not None and ago.value.count("-Q"):
        tx = ago  # "a year ago" in a story about a quarter: that quarter a year before (TimeML)
    return _range_parts(cand, res, lex) or [(cand, _time_expr(cand, res, tx), None)]


_GRAIN = {"day": 0, "month": 1, "year": 2}

#: words before "1500 hours" that make it a clock time, not a length ("at 1500 hours", "by 0600 hours")
_CLOCK_LEADS = frozenset({"at", "by", "until", "till", "before", "after", "from", "around", "about", "since"})
_MILITARY = re.compile(r"^([01]\d|2[0-3])([0-5]\d)$")


def _military_clock(cand: Span, words: list[str]) -> str | None:
    """"HH:MM" of a four-digit count with "hours" after a word that points to a time ("at 1500
    hours", "until 0600 hrs"); "" when no such word leads it ("worked 1500 hours" is a length); None
    when the words are no such count."""
    low = [w.lower() for w in words]
    lead = 0
    while lead < len(low) - 2 and low[lead] in {"about", "around", "approximately", "roughly", "some"}:
        lead += 1
    low = low[lead:]
    if len(low) != 2 or low[1] not in {"hours", "hrs"} or not (m := _MILITARY.match(low[0])):
        return None
    doc = cand.doc
    before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    if before in {"about", "around"} and cand.start > 1:
        before = doc[cand.start - 2].lower_
    return f"{m[1]}:{m[2]}" if before in _CLOCK_LEADS else ""


def _anaphoric(cand: Span, words: list[str], frames: _Frames, direction: int, lex: Lexicon) -> Resolved | None:
    """A unit counted from the last day, month or year the text named (TimeML's reference time): "that
    year", "later that year", "that same day", "the previous month", "the following year"; "the next
    day" only in a past narrative ("over the next year" counts from publication)."""
    last = frames.last_time
    low = [w.lower() for w in words if w.lower() not in {"the", "same", "very"}]
    if last is None or len(low) < 2 or low[-1] not in lex.units:
        return None
    unit = lex.units[low[-1]]
    shift = lex.anaphoric_words.get(low[-2])
    if shift is None or unit not in _GRAIN or _GRAIN[unit] < _GRAIN.get(last.granularity, 9):
        return None
    if any(w not in lex.anaphoric_words and w not in {"earlier", "later"} for w in low[:-2]):
        return None
    if low[-2] == "next" and (direction >= 0 or cand.start > 0 and cand.doc[cand.start - 1].lower_ in {
            "over", "for", "during", "within", "in", "throughout"}):
        return None
    if low[-2] in {"next", "following", "previous", "preceding"} and (words[0].lower() != "the" or len(low) != 2):
        return None
    start = dt.date.fromisoformat(last.value + "-01" * _GRAIN[last.granularity])
    return shift_unit(start, unit, shift)


_WITHIN = frozenset({"early", "late", "later", "earlier", "mid"})


def _within_unit(words: list[str], frames: _Frames, direction: int, lex: Lexicon) -> Resolved | None:
    """"later in the day", "early in the year", "later in the week": the unit the story is in (the last
    day, month or year the text named, its reference time, when the verb is not ahead), else the
    publication's."""
    low = [w.lower() for w in words]
    if len(low) != 4 or low[0] not in _WITHIN or low[1:3] != ["in", "the"] or low[3] not in lex.units:
        return None
    unit = lex.units[low[3]]
    if unit not in _GRAIN and unit != "week":
        return None
    last = frames.last_time
    day = frames.anchor
    if last is not None and direction <= 0 and _GRAIN["day" if unit == "week" else unit] >= _GRAIN.get(
            last.granularity, 9):
        day = dt.date.fromisoformat(last.value + "-01" * _GRAIN[last.granularity])
    elif day is not None and unit == "year":
        # told from publication: "late in the year" in the past, written in the spring, is last year's;
        # "early in the year" ahead, written in the autumn, next year's
        if low[0] in {"late", "later"} and direction < 0 and day.month <= 6:
            day = day.replace(year=day.year - 1, day=1)
        elif low[0] in {"early", "earlier"} and direction > 0 and day.month >= 7:
            day = day.replace(year=day.year + 1, day=1)
    if day is None:
        return None
    return shift_unit(day, unit, 0)


def _counted_later(cand: Span, words: list[str], frames: _Frames, lex: Lexicon) -> Found | None:
    """A count of units before "later" ("two days later", "a year later", "months later"): TimeML's
    DATE counted from the last day, month or year the text named (its reference time), which it then
    becomes; a DURATION when the text named none or the count is vague. The event date stays unset
    (its anchor is another event)."""
    if len(words) < 2 or words[-1].lower() != "later":
        return None
    dv = duration_value(words[:-1], lex=lex)
    if dv is None:
        return None
    dur = parse_duration(words[:-1], lex=lex)
    last = frames.last_time
    told: Resolved | None = None
    if dur is not None and last is not None and dur.unit in {"day", "week", "month", "year"} and (
            _GRAIN["day" if dur.unit == "week" else dur.unit] >= _GRAIN.get(last.granularity, 9)):
        start = dt.date.fromisoformat(last.value + "-01" * _GRAIN[last.granularity])
        if dur.unit in {"day", "week"}:  # "two weeks later" is a day, not a week
            told = shift_unit(start, "day", dur.n * (7 if dur.unit == "week" else 1))
        else:
            told = shift_unit(start, dur.unit, dur.n)
    if told is None:
        return (cand, _time_expr(cand, None, Timex("DURATION", dv)), None)
    frames.last_time = told
    return (cand, _time_expr(cand, None, Timex("DATE", format_resolved(told))), None)


def _update_frames(frames: _Frames, cand: Span, words: list[str], res: Resolved, sent_start: int, para: int,
                   lex: Lexicon) -> None:
    """An explicit year sets its sentence's reference year; a full date (not one naming an event) sets
    its paragraph's year, which any other frame ("in 2017", "last month", "on Monday") ends."""
    if res.granularity in {"day", "month", "year"} and not res.end_value:
        frames.last_time = res
    if (res.explicit_year or res.granularity == "year") and not res.end_value:
        frames.ref_year[sent_start] = int(res.value[:4])
    if res.explicit_year and res.granularity in {"day", "month"} and not res.end_value and not _names_event(cand):
        # a full date that frames the story (not one naming an event: "the Dec. 21, 1988, bombing")
        frames.para_year[para] = int(res.value[:4])
    elif not _takes_reference(words, lex):
        frames.para_year.pop(para, None)


def _anchored_durations(durations: list[tuple[Span, Duration]], found: list[Found], lex: Lexicon) -> list[Found]:
    """Durations with their TIMEX3, and the period they cover when anchored to a start ("the six-day
    trip" on which someone departed on Monday)."""
    out: list[Found] = []
    for cand, dur in durations:
        start = _duration_start(cand, found, lex)
        dv = duration_value(_words(cand), lex=lex)
        tx = Timex("DURATION", dv) if dv else None
        if start is None:
            if tx is not None:
                out.append((cand, _time_expr(cand, None, tx), dur))
            continue
        end = duration_end(start, dur)
        res = Resolved(start.isoformat(), "day", end.isoformat() if end else None)
        out.append((cand, _time_expr(cand, res, tx), dur))
    return out


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
    elif len(low) == 4 and low[1] == "times" and (cand[0].like_num or low[0] in lex.numbers):
        low, prev = low[2:], cand[1]  # "three times a month"
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
    # "the year ended Sept. 30": a length P1Y, as TimeBank mostly writes it (typed DATE with the year it
    # ends, it gained one value on the dev half and lost five on the held-out half: not taken)
    dv = duration_value(words, lex=lex, singular_the=ended)
    if dv is not None:
        return Timex("DURATION", dv)
    low = [w.lower() for w in words]
    if anchor is not None and low in (["the", "year"], ["the", "full", "year"], ["the", "fiscal", "year"],
                                      ["the", "calendar", "year"]):
        return Timex("DATE", f"{anchor.year:04d}")  # "profit for the year": the publication's year
    rel = relative_timex(words, anchor, lex=lex, ref=last_quarter)
    if rel is not None:
        return rel
    # a TIME entity, or a clock number the recogniser read as CARDINAL (candidates._clock_numbers)
    if anchor is not None and cand.label_ in {"TIME", "CARDINAL"} or any(t.ent_type_ == "TIME" for t in cand):
        suffix = time_suffix(words, lex=lex)
        if suffix is not None and anchor is not None:
            return Timex("TIME", anchor.isoformat() + suffix)
    return None


#: words that join the two clock times of a range in one expression ("10 p.m. to 6 a.m.")
_CLOCK_JOINS = frozenset({"to", "until", "till", "-", "–", "and"})


def _clock_range_parts(cand: Span, anchor: dt.date | None, lex: Lexicon) -> list[Found] | None:
    """Two clock times joined in one expression ("from 10 p.m. to 6 a.m.", "between 9 a.m. and 5
    p.m.") are two TimeML TIMEs, each the clock on its day (set later by :func:`_clocks_on_their_day`);
    None when the expression is not two clocks."""
    if anchor is not None and len(cand) == 1 and (m := SOLID_CLOCK_RANGE.match(cand.text)):
        # "9am-5pm" is one token: two TIMEs cut from its characters
        parts: list[Found] = []
        for g in (1, 2):
            suffix = time_suffix([m[g]], lex=lex)
            if suffix is None:
                return None
            te = TimeExpr(text=m[g], start=cand.start_char + m.start(g), end=cand.start_char + m.end(g),
                          timex_type="TIME", timex_value=anchor.isoformat() + suffix)
            parts.append((cand, te, None))
        return parts
    if anchor is None or len(cand) < 3:
        return None
    doc = cand.doc
    cut = next((t.i for t in cand[1:-1] if t.lower_ in _CLOCK_JOINS), None)
    if cut is None:
        return None
    start = cand.start + 1 if cand[0].lower_ in {"from", "between"} else cand.start
    left, right = doc[start:cut], doc[cut + 1:cand.end]
    out: list[Found] = []
    for part in (left, right):
        suffix = time_suffix(_words(part), lex=lex) if len(part) else None
        if suffix is None or not suffix[1:2].isdigit():
            return None
        out.append((part, _time_expr(part, None, Timex("TIME", anchor.isoformat() + suffix)), None))
    return out


def _range_parts(cand: Span, res: Resolved, lex: Lexicon) -> list[tuple[Span, TimeExpr, Duration | None]] | None:
    """A range of two dates in one expression ("2009-2010", "Aug. 26 to Oct. 20") is two TimeML
    expressions: the first carries the whole range as its value (for events), each its own TIMEX3."""
    if not res.end_value or res.granularity not in {"day", "month", "year"}:
        return None
    between = cand[0].lower_ in {"between", "from"}  # "between 1994 and 1997": two years, no "between"
    joins = _RANGE_WORDS | {"and"} if between else _RANGE_WORDS
    cut = next((t.i for t in cand[1:-1] if t.lower_ in joins), None)
    if cut is None or any(t.lower_ in lex.all_units for t in cand):
        return None  # "the next 12 to 18 months" is one duration
    doc = cand.doc
    left = doc[cand.start + 1 if between else cand.start:cut]
    right_start = cut + 1
    while right_start < cand.end - 1 and doc[right_start].lower_ in joins:
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
    if after is not None and after.lower_ == "of" and cand[-1].lower_ in {"half", "quarter"}:
        # "the second half of the match", "the first quarter of the game": a part of something else
        nxt = next((t for t in doc[after.i + 1:after.i + 4] if t.pos_ != "DET"), None)
        if nxt is not None and not (_YEAR_WORD.match(nxt.text) or nxt.lower_ in lex.all_units
                                    or nxt.lower_ in lex.relative or nxt.lower_ in {"fiscal", "calendar"}):
            return True
    # a month name in lower case is another word ('watch the Americans march away')
    if any(t.lower_ in lex.months and t.text.islower() and len(t.text) > 3 for t in cand):
        return True
    low = [t.lower_ for t in cand if not (t.is_punct or t.lower_ in lex.prepositions)]
    # 'on a Wednesday morning': any Wednesday, no date
    before = doc[cand.start - 1] if cand.start > 0 else None
    any_day = before is not None and before.lower_ in {"a", "an"} and cand.start <= before.head.i < cand.end
    if (any_day or low and low[0] in {"a", "an"}) and any(w in lex.weekdays for w in low):
        return True  # (not 'a Sunday night memorial service': the 'a' is the service's)
    if _no_part_of_day(cand, low, lex):
        return True
    # a programme named by a relative time ('ABC's "This Week"'): capitalised after a quote or possessive
    if len(low) >= 2 and all(t.text[:1].isupper() for t in cand if t.is_alpha) and before is not None and (
            before.text in {'"', "“", "``", "'", "‘"} or before.lower_ in {"'s", "’s"}) and any(
            w in lex.units for w in low):
        return True
    # 'the previous week', 'the following month', 'the next day' (the publication's is 'tomorrow'):
    # counted from another event of the story
    if len(low) == 3 and low[0] == "the" and low[2] in lex.units and (
            low[1] in lex.narrative_relatives or low[1] == "next" and lex.units[low[2]] == "day"):
        return True
    return False


_DAY_PARTS = {"MO", "AF", "EV", "NI"}


def _no_part_of_day(cand: Span, low: list[str], lex: Lexicon) -> bool:
    """A part of the day alone that names no time: a greeting ('Good evening'), a modifier of another
    noun ('the morning talk show'), the night a clause describes ('the night the plane went down')."""
    if not low or not all(w == "the" or lex.parts_of_day.get(w) in _DAY_PARTS and w not in lex.day_words
                          for w in low) or low == ["the"]:
        return False
    doc, root = cand.doc, cand.root
    if cand.start > 0 and doc[cand.start - 1].lower_ == "good":
        return True
    if root.dep_ in {"compound", "amod", "nmod"} and not cand.start <= root.head.i < cand.end and (
            root.head.pos_ in {"NOUN", "PROPN"} and root.head.lower_ not in lex.all_units):
        return True
    return low[0] == "the" and any(c.dep_ == "relcl" for c in root.children)


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
    # a modal ahead ("could reopen in two months"), not of a past ("could have ended in a week")
    modal = verb is not None and any(c.dep_ == "aux" and c.lower_ in lex.ahead_modals for c in verb.children) \
        and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    if not due and not modal and direction_of(verb, lex=lex) <= 0:
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
    hangs from ("left on Tuesday on the five-day tour"), or of a clause on that noun ("the
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
