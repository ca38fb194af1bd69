"""TimeML TIMEX3 type and value of a time expression, from its words (no spaCy here).

The date an event gets is :class:`~communique.times.resolve.Resolved` (``value``/``end_value``); the
TIMEX3 value is the TimeML reading of the same words: ``1998-W08`` for "last week", ``P3Y`` for "the
past three years" (a duration ending at publication), ``PRESENT_REF`` for "now", ``XXXX-WXX-1`` for
"every Monday", ``1998-02-06TMO`` for "this morning", ``1989-Q3`` for "the third quarter". The words
are in ``data/times/lexicon.yaml``; the rules in ``docs/times-places.md`` ("TimeML").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .resolve import Lexicon, Resolved, lexicon

__all__ = [
    "Timex",
    "duration_value",
    "format_resolved",
    "four_digit_clock",
    "parse_period",
    "reference_value",
    "relative_timex",
    "set_value",
    "split_hyphens",
    "time_suffix",
    "timex_of",
]

#: days after a quarter or half ends during which "will report the third quarter" still means that one
REPORTING_DAYS = 45

_SEASON_CODES = {3: "SP", 6: "SU", 9: "FA", 12: "WI"}
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?$")
_COMPACT_CLOCK = re.compile(r"^(\d{1,2})(?:[:.](\d{2}))?(am|pm|a\.m\.|p\.m\.)$")
_DOT_CLOCK = re.compile(r"^(\d{1,2})\.(\d{2})$")
_HHMM = re.compile(r"^([01]\d|2[0-3])([0-5]\d)$")
_AM = {"a.m.", "am", "a.m"}
_PM = {"p.m.", "pm", "p.m"}
#: parts of the day after a clock without a.m./p.m. that put it after noon ("7:30 tonight")
_LATE_PARTS = frozenset({"afternoon", "evening", "night", "tonight"})
_ORDINAL_NUM = re.compile(r"^(\d{1,2})(st|nd|rd|th)$")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d)$")
_NUMBER = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class Timex:
    """A TIMEX3 ``type`` (DATE, TIME, DURATION, SET) and ``value``."""

    type: str
    value: str


def split_hyphens(words: list[str]) -> list[str]:
    """Lower-cased words, hyphenated ones cut at the hyphen ("two-year" -> two, year)."""
    out: list[str] = []
    for w in words:
        w = w.lower().strip()
        if not w:
            continue
        if "-" in w and len(w) > 1 and not re.match(r"^\d{4}-\d", w):
            out.extend(p for p in w.split("-") if p)
        else:
            out.append(w)
    return out


def _number(words: list[str], lex: Lexicon) -> int | str | None:
    """A count written in digits or words ("24", "twenty four", "a", "couple"); "X" when vague."""
    if not words:
        return None
    if len(words) == 1 and _NUMBER.match(words[0]):
        return int(float(words[0])) if float(words[0]).is_integer() else words[0]
    if all(w in lex.vague_numbers for w in words):
        return "X"
    for sep in ("to", "or", "and"):
        if sep in words[1:-1]:  # "two to three weeks", "a year or two": the first count
            return _number(words[: words.index(sep)], lex)
    total = 0
    for w in words:
        n = lex.numbers.get(w)
        if n is None:
            return None
        if n in {100, 1000} and total:
            total *= n
        else:
            total += n
    return total or None


#: half of a unit in the next smaller one ("2 1/2 years" P2Y6M, "an hour and a half" PT1H30M)
_HALVES = {"Y": "6M", "M": "15D", "D": "T12H", "TH": "30M", "TM": "30S"}
#: units of many years, whose half is a whole number of years ("half a century" P50Y)
_WHOLE_HALVES = {"10Y": 10, "C": 100}


def _halved(ws: list[str]) -> tuple[list[str], bool]:
    """The words without a half ("1/2", "and a half", "half a/an") and whether there was one."""
    out = list(ws)
    if "1/2" in out or "½" in out:
        return [w for w in out if w not in {"1/2", "½"}], True
    for k in range(len(out) - 2):
        if out[k] == "and" and out[k + 1] in {"a", "one"} and out[k + 2] == "half":
            return out[:k] + out[k + 3:], True
    if "half" in out:
        k = out.index("half")
        if k + 1 < len(out) and out[k + 1] in {"a", "an"}:  # "half an hour"
            return out[:k] + ["0"] + out[k + 2:], True
    return out, False


def duration_value(words: list[str], *, lex: Lexicon | None = None, singular_the: bool = False) -> str | None:
    """``P3D``, ``PT2H``, ``P18M``, ``PXY`` for a count of units ("three days", "two-hour", "the
    next 18 months", "several years", "62-year-old"); None when the words are something else. A
    singular unit needs "a"/"an"/"one" (or ``singular_the``: "the year ended ...")."""
    lex = lex or lexicon()
    ws, half = _halved(split_hyphens(words))
    if "old" in ws or "olds" in ws:  # an age ("62-year-old"), not a duration
        return None
    unit_idx = [i for i, w in enumerate(ws) if w in lex.all_units]
    if len(unit_idx) != 1:
        return None
    i = unit_idx[0]
    unit = lex.all_units[ws[i]]
    code = lex.duration_codes.get(unit)
    if code is None:
        return None
    rest = [w for w in ws[i + 1:] if w not in lex.duration_fillers]
    if rest:
        return None
    before = ws[:i]
    for k in range(1, len(before) - 1):  # "two to three weeks", "one or two days": the first count
        if before[k] in {"to", "or"} and (before[k - 1].isdigit() or before[k - 1] in lex.numbers):
            before = before[:k]
            break
    has_article = any(w in {"a", "an"} for w in before)
    count_words = [w for w in before if w not in lex.duration_fillers or w in lex.vague_numbers]
    plural = ws[i].endswith("s") and ws[i] not in {"hrs", "mins"} or ws[i] in {"centuries"}
    n: int | str | None
    if count_words:
        n = _number(count_words, lex)
        if n is None:
            return None
    elif plural:
        n = "X"
    elif has_article or singular_the or "long" in ws[i + 1:]:  # "a decade-long war": one decade
        n = 1
    else:
        return None
    if code == "W2":  # fortnight
        code, n = "W", (n * 2 if isinstance(n, int) else n)
    if half and isinstance(n, int) and code in _WHOLE_HALVES:  # "half a century" P50Y, "a decade and a half" P15Y
        years = _WHOLE_HALVES[code]
        return f"P{n * years + years // 2}Y"
    if (mult := re.match(r"^(\d+)(\D+)$", code)) is not None:  # decades in years, quarters in months
        code, n = mult[2], (n * int(mult[1]) if isinstance(n, int) else n)
    if half and isinstance(n, int) and code in _HALVES:
        rest_code = _HALVES[code]
        whole = "" if n == 0 else f"{n}{code[1:]}" if code.startswith("T") else f"{n}{code}"
        if code.startswith("T") or rest_code.startswith("T"):
            return f"P{'T' if code.startswith('T') else ''}{whole}{rest_code}"
        return f"P{whole}{rest_code}"
    if code.startswith("T"):
        return f"PT{n}{code[1:]}"
    return f"P{n}{code}"


def reference_value(words: list[str], *, pos: list[str] | None = None, lex: Lexicon | None = None,
                    after_word: str | None = None) -> str | None:
    """PRESENT_REF, PAST_REF or FUTURE_REF for "now", "currently", "recently", "the past", "the
    future", "recent years", "coming months"; None otherwise. ``pos`` (the words' parts of speech)
    lets a single ambiguous word ("current", "future") count only in its time sense; ``after_word``,
    the word after the expression, rules out "the future of ..." (a subject, not a time)."""
    lex = lex or lexicon()
    ws = [w.lower() for w in words if w.strip()]
    phrase = " ".join(ws)
    if phrase in lex.references and after_word == "of" and ws[-1] in {"future", "past", "present"}:
        return None  # "the future of our peoples": a subject, not a time
    if phrase in lex.references:
        if len(ws) == 1 and ws[0] in lex.reference_pos and pos is not None and pos[0] not in lex.reference_pos[ws[0]]:
            return None
        return lex.references[phrase]
    # "recent years", "coming months", "the past few years" are durations (see duration_value)
    core = [w for w in ws if w not in {"the", "and", "or", ","}]
    if len(core) >= 2 and core[0] in lex.reference_modifiers and all(
            w in lex.all_units and w.endswith("s") for w in core[1:]):
        return lex.reference_modifiers[core[0]]
    return None


def set_value(words: list[str], *, lex: Lexicon | None = None) -> str | None:
    """The value of a recurring time: "daily" P1D, "every Monday" XXXX-WXX-1, "each July" XXXX-07,
    "every two weeks" P2W, "every summer" XXXX-SU, "every Tuesday night" XXXX-WXX-2TNI."""
    lex = lex or lexicon()
    ws = split_hyphens(words)
    if len(ws) == 1 and ws[0] in lex.frequency_words:
        return lex.frequency_words[ws[0]]
    q = next((i for i, w in enumerate(ws) if w in lex.set_quantifiers), None)
    if q is None:
        return None
    rest = [w for w in ws[q + 1:] if w not in {"the", "single", "other"}]
    other = "other" in ws[q + 1:]
    suffix = next((lex.parts_of_day[w] for w in rest if w in lex.parts_of_day), None)
    tail = f"T{suffix}" if suffix else ""
    for w in rest:
        if w in lex.weekdays:
            return f"XXXX-WXX-{lex.weekdays[w] + 1}{tail}"
        if w in lex.months:
            return f"XXXX-{lex.months[w]:02d}"
        if w in lex.seasons:
            return f"XXXX-{_SEASON_CODES.get(lex.seasons[w][0], 'XX')}"
    if suffix and not any(w in lex.all_units for w in rest):
        return f"XXXX-XX-XXT{suffix}"
    dur = duration_value(["a", *rest] if rest and rest[0] in lex.all_units else rest, lex=lex)
    if dur is None:
        return None
    if other:
        m = re.match(r"^P(T?)1(\D+)$", dur)
        if m:
            dur = f"P{m[1]}2{m[2]}"
    return dur


def four_digit_clock(words: list[str], *, lex: Lexicon | None = None) -> bool:
    """A clock time of four digits before its time zone ("0600 GMT", "2005 UTC"), nothing else."""
    lex = lex or lexicon()
    ws = [w.lower() for w in words if w.strip()]
    return len(ws) == 2 and bool(_HHMM.match(ws[0])) and ws[1] in lex.clock_words and ws[1] not in {"hours", "local"}


def time_suffix(words: list[str], *, lex: Lexicon | None = None) -> str | None:
    """The time of day in the words: "T22:00" for "10 p.m.", "T12:00" for "noon", "TAF" for
    "afternoon"; None when there is none."""
    lex = lex or lexicon()
    ws = split_hyphens(words)
    for i, w in enumerate(ws):
        m = _COMPACT_CLOCK.match(w)
        if m:
            return "T" + _clock(int(m[1]), m[2], m[3])
        if w in _AM | _PM and i > 0 and (m := _CLOCK.match(ws[i - 1]) or _DOT_CLOCK.match(ws[i - 1])):
            return "T" + _clock(int(m[1]), m[2], w)
        if i + 1 < len(ws) and ws[i + 1] in lex.clock_words and ws[i + 1] not in {"hours", "local"} and (
                m := _HHMM.match(w)):
            return f"T{m[1]}:{m[2]}"  # "0600 GMT"
    for i, w in enumerate(ws):
        if w in {"o'clock", "o’clock", "oclock"} and i > 0 and (
                n := ws[i - 1] if ws[i - 1].isdigit() else lex.numbers.get(ws[i - 1])) is not None:
            hour = int(n)
            if 0 < hour <= 12:  # "9 o'clock this morning", "at eight o'clock in the evening"
                late = any(x in _LATE_PARTS | _PM for x in ws[i + 1:])
                return "T" + _clock(hour, None, "pm" if late and hour < 12 else "am" if hour < 12 else "pm")
    for i, w in enumerate(ws):
        m = _DOT_CLOCK.match(w)
        if m and (i + 1 < len(ws) and ws[i + 1] in lex.clock_words or len(ws) == 1) and int(m[1]) < 24 \
                and int(m[2]) < 60:
            return f"T{int(m[1]):02d}:{m[2]}"  # "21.00 local time", "18.30 GMT"
        if re.match(r"^\d{1,2}:\d{2}$", w):
            h, mi = w.split(":")
            if int(h) < 24 and int(mi) < 60:
                hour = int(h)
                if 0 < hour < 12 and any(x in _LATE_PARTS for x in ws[i + 1:]):
                    hour += 12  # "7:30 tonight", "at 8:15 in the evening"
                return f"T{hour:02d}:{mi}"
    for w in ws:
        if w in lex.parts_of_day:
            return "T" + lex.parts_of_day[w]
    return None


def _clock(hour: int, minutes: str | None, half: str) -> str:
    pm = half.lower().startswith("p")
    if pm and hour < 12:
        hour += 12
    if not pm and hour == 12:
        hour = 0
    return f"{hour:02d}:{minutes or '00'}"


def format_resolved(res: Resolved, words: list[str] | None = None) -> str:
    """The TIMEX3 DATE value of a resolved date: ``2023-08-14``, ``2023-08``, ``2023``, ``2023-W33``
    (a week), ``2023-W33-WE`` (a weekend), ``2023-SU`` (a season), ``199`` (a decade), ``19`` (a
    century), ``2023-Q3`` (a quarter), ``2023-H2`` (a half)."""
    g = res.granularity
    v = res.value
    if g == "week":
        d = dt.date.fromisoformat(v)
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}"
    if g == "day" and res.end_value and words and any(w.lower() == "weekend" for w in words):
        d = dt.date.fromisoformat(v)
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}-WE"
    if g == "season":
        return f"{v[:4]}-{_SEASON_CODES.get(int(v[5:7]), 'XX')}"
    if g == "decade":
        return v[:3]
    if g == "century":
        return v[:2]
    if g == "quarter":
        return f"{v[:4]}-Q{(int(v[5:7]) - 1) // 3 + 1}"
    if g == "half":
        return f"{v[:4]}-H{1 if int(v[5:7]) <= 6 else 2}"
    return v


def timex_of(words: list[str], res: Resolved, *, lex: Lexicon | None = None) -> Timex:
    """The TIMEX3 of an expression whose date is ``res``: a period counted from publication ("the
    past three years", "the next few months") is a DURATION; a day with a time of day or a clock
    time is a TIME; anything else a DATE."""
    lex = lex or lexicon()
    ws = split_hyphens(words)
    counted = any(w.isdigit() or w in lex.numbers or w in lex.vague_numbers for w in ws if w not in {"a", "an"})
    plural = any(w in lex.all_units and w.endswith("s") for w in ws)
    if res.end_value and any(w in lex.duration_reference for w in ws) and (counted or plural):
        dur = duration_value(words, lex=lex)
        if dur is not None:
            return Timex("DURATION", dur)
    if "ago" in ws and any(w in lex.vague_numbers and not (  # "several years ago"; not "some 20 years ago"
            k + 1 < len(ws) and (ws[k + 1].isdigit() or ws[k + 1] in lex.numbers)) for k, w in enumerate(ws)):
        return Timex("DATE", "PAST_REF")
    if res.granularity == "day" and not (res.end_value and "weekend" in ws):
        suffix = time_suffix(words, lex=lex)
        if suffix is not None:
            return Timex("TIME", res.value + suffix)
    return Timex("DATE", format_resolved(res, words))


def relative_timex(words: list[str], anchor: dt.date | None, *, lex: Lexicon | None = None,
                   ref: Resolved | None = None) -> Timex | None:
    """"a year earlier", "year-ago", "two days before": the TimeML reading counts from the
    publication date (the date of an event stays unset: the anchor is another event)."""
    lex = lex or lexicon()
    ws = split_hyphens(words)
    if anchor is None or not ws or not any(w in {"earlier", "ago", "before", "prior"} for w in ws):
        return None
    units = [lex.units[w] for w in ws if w in lex.units]
    if len(units) != 1:
        return None
    nums = [w for w in ws if w not in lex.all_units and w not in {"earlier", "ago", "before", "prior", "the", "-"}]
    n = _number(nums, lex) if nums else 1
    if n is None:
        return None
    if n == "X":
        return Timex("DATE", "PAST_REF")
    if ref is not None and ref.granularity == "quarter" and units[0] == "year" and n == 1:
        # "a year earlier" in a story about a quarter: that quarter a year before
        return Timex("DATE", f"{int(ref.value[:4]) - 1:04d}-Q{(int(ref.value[5:7]) - 1) // 3 + 1}")
    from .resolve import shift_unit

    shifted = shift_unit(anchor, units[0], -int(n))
    return Timex("DATE", format_resolved(shifted, words)) if shifted else None


def _quarter_start(y: int, q: int) -> dt.date:
    return dt.date(y, 3 * (q - 1) + 1, 1)


def _quarter_resolved(y: int, q: int) -> Resolved:
    return Resolved(f"{y:04d}-{3 * (q - 1) + 1:02d}", "quarter", f"{y:04d}-{3 * q:02d}")


#: business shorthand for quarters and halves ("Q4", "H1 2013")
_PERIOD_CODES = {"q1": ("first", "quarter"), "q2": ("second", "quarter"), "q3": ("third", "quarter"),
                 "q4": ("fourth", "quarter"), "h1": ("first", "half"), "h2": ("second", "half")}


def parse_period(words: list[str], *, anchor: dt.date | None, direction: int = 0,
                 lex: Lexicon | None = None, ref: Resolved | None = None) -> Resolved | None:
    """Quarters, halves and centuries: "the third quarter", "third-quarter", "the fourth quarter of
    1997", "next year's first quarter", "the latest quarter" (the last one ended), "the current
    quarter", "the year-ago quarter", "the first half of 1990", "the 20th century"."""
    lex = lex or lexicon()
    ws = [x for w in split_hyphens(words) if w not in {"'s", "’s"} for x in _PERIOD_CODES.get(w, (w,))]
    if not ws:
        return None
    if "century" in ws:
        i = ws.index("century")
        if i > 0 and ws[i - 1] in lex.relative and anchor is not None:
            # "the last century", "the past century", "this century", "next century": from publication
            n = anchor.year // 100 + 1 + lex.relative[ws[i - 1]]
        else:
            n = _ordinal(ws[i - 1], lex) if i > 0 else None
        if n is None or not 1 <= n <= 21:
            return None
        start = (n - 1) * 100
        return Resolved(f"{start:04d}", "century", f"{start + 99:04d}", explicit_year=True)
    ref_q = None
    if ref is not None and ref.granularity == "quarter":
        ref_q = (int(ref.value[:4]), (int(ref.value[5:7]) - 1) // 3 + 1)
    kind = "quarter" if "quarter" in ws else "half" if "half" in ws else None
    after_of: list[str] | None = None  # the words after "quarter of", "half of" ("the next year")
    if kind is not None and ws.index(kind) + 1 < len(ws) and ws[ws.index(kind) + 1] == "of":
        after_of = ws[ws.index(kind) + 2:]
    if kind == "half" and after_of is None and any(w in lex.all_units for w in ws[ws.index("half") + 1:]):
        return None  # "half an hour", "a year and a half": a length
    if after_of and any(w in lex.all_units and lex.all_units[w] not in {"year", "quarter"} for w in after_of):
        return None  # "the second half of the decade", "the first quarter of the century": no year's part
    if kind is None and "period" in ws and (ref_q is not None or "latest" in ws):
        kind = "period"  # "the year-ago period" of a story about a quarter: that quarter; "the latest
        # period" of a results story that names no quarter: the last quarter ended
    if kind is None:
        return None
    i = ws.index(kind)
    before = ws[:i]
    if kind == "period":
        kind = "quarter"
    n = next((_ordinal(w, lex) for w in reversed(before) if _ordinal(w, lex) is not None
              and w not in lex.period_words and w != "final"), None)
    years = [int(w) for w in ws if _YEAR.match(w)]
    rel_year = None
    if "year" in before or "year's" in before:
        rel_year = next((lex.relative[w] for w in before if w in lex.relative), None)
    elif after_of and after_of[-1] == "year" and all(w in lex.relative or w == "the" for w in after_of[:-1]):
        # "the first quarter of next year", "the second half of the year" (the publication's)
        rel_year = next((lex.relative[w] for w in after_of[:-1] if w in lex.relative), 0)
    size = 3 if kind == "quarter" else 6
    count = 4 if kind == "quarter" else 2
    if n is None and any(w in {"last", "final"} for w in before) and (years or rel_year is not None):
        n = count  # "the last half of 1989", "last year's final quarter"
    period = next((lex.period_words[w] for w in before if w in lex.period_words and w != "last"), None)
    year_before = any(w in lex.year_before_words for w in ws) and not years
    if n is not None and not 1 <= n <= count:
        return None
    if n is None and ref_q is not None and kind == "quarter" and (
            years or rel_year is not None or year_before
            or any(w in {"that", "same", "comparable", "corresponding"} for w in before)):
        # the quarter the story is about, in the year the words name ("the year-ago quarter",
        # "last year's quarter", "the 1988 period", "that quarter")
        if years:
            y = years[0]
        elif rel_year is not None and anchor is not None:
            y = anchor.year + rel_year
        elif year_before:
            y = ref_q[0] - 1
        else:
            y = ref_q[0]
        return _quarter_resolved(y, ref_q[1])
    if n is None and ref_q is not None and kind == "quarter" and not years and rel_year is None and any(
            w in {"latest", "recent"} for w in before):
        return _quarter_resolved(*ref_q)  # "the latest quarter" of a results story: the story's
    if n is None and "period" in ws and not any(w in lex.period_words for w in before):
        return None
    if n is None and ref_q is not None and before and before[-1] in {"the", "its"} and len(before) == 1:
        return _quarter_resolved(*ref_q)  # "the quarter" of a story about one quarter
    if n is None and "last" in before and "year" not in before:
        period = -1 if period is None else period
    if n is None and period is None and not year_before and not years and rel_year is None:
        if before and before[-1] in {"the", "that", "its", "this"} or not before:
            period = -1  # "the quarter" of a results story: the one just ended
        else:
            return None
    if n is None and years and period is None:
        return None  # "the 1988 quarter": which one is the story's
    if anchor is None and not years:
        return None
    cur = (anchor.month - 1) // size + 1 if anchor else 1
    if years:
        y = years[0]
    elif rel_year is not None and anchor is not None:
        y = anchor.year + rel_year
    else:
        y = None
    if n is None:
        # the current period, the last one ended (-1), the one before it, the next one
        k = (anchor.year * count + cur - 1) + (period or 0) if anchor else 0
        if year_before and period is None:
            k = anchor.year * count + cur - 2 if anchor else 0
        if year_before:
            k -= count
        y, n = k // count, k % count + 1
    elif y is None and anchor is not None:
        # the latest one begun by the publication date; looking ahead, the nearer of that one (a
        # results story on the quarter just ended) and the next one to begin
        y = anchor.year if dt.date(anchor.year, size * (n - 1) + 1, 1) <= anchor else anchor.year - 1
        if direction > 0:  # looking ahead: the next one, unless this one ended within the weeks
            last_month = size * n  # a company takes to report on it
            ended = dt.date(y, last_month, calendar.monthrange(y, last_month)[1])
            if ended < anchor and (anchor - ended).days > REPORTING_DAYS:
                y += 1
        if year_before:
            y -= 1
    if y is None:
        return None
    if kind == "quarter":
        return _quarter_resolved(y, n)
    first = 1 if n == 1 else 7
    return Resolved(f"{y:04d}-{first:02d}", "half", f"{y:04d}-{first + 5:02d}")


def _ordinal(w: str, lex: Lexicon) -> int | None:
    if w in lex.ordinals:
        return lex.ordinals[w]
    m = _ORDINAL_NUM.match(w)
    return int(m[1]) if m else None
