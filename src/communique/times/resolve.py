"""Date arithmetic for time expressions: words in, an ISO value with a granularity out.

Nothing here knows about spaCy: :func:`parse_words` takes the lower-cased words of one expression, the
publication date (the *anchor*), the direction the governing verb points to (``-1`` past, ``0`` present
or unknown, ``+1`` future) and, optionally, a reference year set by an earlier expression of the same
sentence. The rules are described in ``docs/times-places.md``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..knowledge import data_files, load_yaml

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ORDINAL = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_YEAR = re.compile(r"^(1[5-9]\d\d|20\d\d|21\d\d)$")
_DECADE = re.compile(r"^['’]?(\d{2}|1[5-9]\d0|20\d0)['’]?s$")
_YEAR_RANGE = re.compile(r"^(1[5-9]\d\d|20\d\d)[-–/](\d{2}|\d{4})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True)
class Resolved:
    """A resolved expression: ``value`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""

    value: str
    granularity: str
    end_value: str | None = None
    explicit_year: bool = False  # the expression names its year (sets the sentence's reference year)


@dataclass(frozen=True)
class Duration:
    """A length of time with no start of its own ("six-day", "two weeks")."""

    n: int
    unit: str


class Lexicon:
    """The time words of ``data/times/lexicon.yaml`` (and user folders), merged."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.months: dict[str, int] = data.get("months", {})
        self.weekdays: dict[str, int] = data.get("weekdays", {})
        self.seasons: dict[str, tuple[int, int]] = {k: tuple(v) for k, v in data.get("seasons", {}).items()}
        self.day_words: dict[str, int] = data.get("day_words", {})
        self.relative: dict[str, int] = data.get("relative", {})
        self.ignorable: set[str] = set(data.get("ignorable", []))
        self.numbers: dict[str, int] = data.get("numbers", {})
        self.units: dict[str, str] = data.get("units", {})
        self.future_auxiliaries: set[str] = set(data.get("future_auxiliaries", []))
        self.reported_future_auxiliaries: set[str] = set(data.get("reported_future_auxiliaries", []))
        self.ahead_modals: set[str] = set(data.get("ahead_modals", []))
        self.future_governors: set[str] = set(data.get("future_governors", []))
        self.commitment_governors: set[str] = set(data.get("commitment_governors", []))
        self.day_word_titles: set[str] = set(data.get("day_word_titles", []))
        self.clock_words: set[str] = set(data.get("clock_words", []))
        self.narrative_relatives: set[str] = set(data.get("narrative_relatives", []))
        self.future_passives: set[str] = set(data.get("future_passives", []))
        self.simultaneous: set[str] = set(data.get("simultaneous", []))
        self.prepositions: set[str] = set(data.get("prepositions", []))
        self.forward_prepositions: set[str] = set(data.get("forward_prepositions", []))
        self.backward_prepositions: set[str] = set(data.get("backward_prepositions", []))
        self.forward_heads: set[str] = set(data.get("forward_heads", []))
        # TimeML (TIMEX3 type and value)
        self.references: dict[str, str] = data.get("references", {})
        self.reference_pos: dict[str, set[str]] = {k: set(v) for k, v in data.get("reference_pos", {}).items()}
        self.reference_modifiers: dict[str, str] = data.get("reference_modifiers", {})
        self.frequency_words: dict[str, str] = data.get("frequency_words", {})
        self.present_reporting_verbs: set[str] = set(data.get("present_reporting_verbs", []))
        self.irregular_past: set[str] = set(data.get("irregular_past", []))
        self.set_quantifiers: set[str] = set(data.get("set_quantifiers", []))
        self.duration_codes: dict[str, str] = data.get("duration_codes", {})
        self.all_units: dict[str, str] = {**self.units, **data.get("more_units", {})}
        self.vague_numbers: set[str] = set(data.get("vague_numbers", []))
        self.duration_fillers: set[str] = set(data.get("duration_fillers", []))
        self.duration_reference: set[str] = set(data.get("duration_reference", []))
        self.leading_trim: set[str] = set(data.get("leading_trim", []))
        self.approximators: set[str] = set(data.get("approximators", []))
        self.bounds: set[str] = set(data.get("bounds", []))
        self.count_fillers: set[str] = set(data.get("count_fillers", []))
        self.duration_leads: set[str] = set(data.get("duration_leads", []))
        self.period_edges: set[str] = set(data.get("period_edges", []))
        self.edge_compounds: dict[str, str] = data.get("edge_compounds", {})
        self.parts_of_day: dict[str, str] = data.get("parts_of_day", {})
        self.ordinals: dict[str, int] = data.get("ordinals", {})
        self.period_words: dict[str, int] = data.get("period_words", {})
        self.year_before_words: set[str] = set(data.get("year_before_words", []))
        self.anaphoric_words: dict[str, int] = data.get("anaphoric_words", {})
        self.planning_verbs: set[str] = set(data.get("planning_verbs", []))
        self.past_locators: set[str] = set(data.get("past_locators", []))
        self.day_ordinals: dict[str, int] = data.get("day_ordinals", {})
        self.decade_words: dict[str, int] = data.get("decade_words", {})
        # holiday name (cleaned words, lower case) -> how to find its day
        self.holidays: dict[str, dict[str, int]] = {
            holiday_key(k.split()): v for k, v in data.get("holidays", {}).items()}


def holiday_key(words: list[str]) -> str:
    """A holiday name as matched: lower case, without "the" and possessive marks ("New Year's Day" ->
    "new year day", "All Saints' Day" -> "all saints day")."""
    out = []
    for w in words:
        w = re.sub(r"['’]s?$", "", w.lower().strip())
        if w and w != "the":
            out.append(w)
    return " ".join(out)


@lru_cache(maxsize=4)
def lexicon(extra: tuple[str, ...] | None = None) -> Lexicon:
    merged: dict[str, Any] = {}
    for path in data_files("times/lexicon.yaml", list(extra) if extra is not None else None):
        data = load_yaml(path) or {}
        for key, value in data.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key] = {**merged[key], **value}
            elif isinstance(value, list) and isinstance(merged.get(key), list):
                merged[key] = [*merged[key], *value]
            else:
                merged[key] = value
    return Lexicon(merged)


# --------------------------------------------------------------------------------------------------
# arithmetic
# --------------------------------------------------------------------------------------------------


def iso_day(d: dt.date) -> str:
    return d.isoformat()


def iso_month(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def weekday_date(anchor: dt.date, weekday: int, direction: int, *, strict: bool = False) -> dt.date:
    """The ``weekday`` nearest to ``anchor`` in ``direction`` (-1 on or before, +1 on or after, 0 the
    nearer of the two, the past one on a tie). ``strict`` excludes the anchor itself."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if strict:
        back = back or 7
        ahead = ahead or 7
    if direction < 0:
        return anchor - dt.timedelta(days=back)
    if direction > 0:
        return anchor + dt.timedelta(days=ahead)
    return anchor - dt.timedelta(days=back) if back <= ahead else anchor + dt.timedelta(days=ahead)


def month_year(anchor: dt.date, month: int, direction: int, *, strict: bool = False) -> int:
    """The year of the ``month`` nearest to ``anchor`` in ``direction`` (the anchor's own month counts
    unless ``strict``; direction 0 takes the nearer occurrence, the past one on a tie)."""
    y = anchor.year
    if direction < 0:
        return y if month < anchor.month or (month == anchor.month and not strict) else y - 1
    if direction > 0:
        return y if month > anchor.month or (month == anchor.month and not strict) else y + 1
    diff = month - anchor.month
    if diff > 6:
        return y - 1
    if diff < -6:
        return y + 1
    return y


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def day_month_date(anchor: dt.date, month: int, day: int, direction: int, *, loose: bool = False) -> dt.date | None:
    """The date ``day month`` nearest to ``anchor`` in ``direction`` (29 February: the nearest leap year).
    ``loose``: the direction comes from a verb the date does not hang from directly ("declared a
    dividend payable Dec. 15"), so a day more than half a year back yields to one within two months
    ahead (news names the year of a day that far back)."""
    cands = []
    for y in range(anchor.year - 4, anchor.year + 5):
        d = safe_date(y, month, day)
        if d is not None:
            cands.append(d)
    if not cands:
        return None
    if direction < 0:
        past = [d for d in cands if d <= anchor]
        fut = [d for d in cands if d > anchor]
        if loose and past and fut and (anchor - max(past)).days > 183 and (min(fut) - anchor).days <= 62:
            return min(fut)
        return max(past) if past else None
    if direction > 0:
        fut = [d for d in cands if d >= anchor]
        return min(fut) if fut else None
    return min(cands, key=lambda d: (abs((d - anchor).days), d > anchor))


def week_of(d: dt.date) -> Resolved:
    start = d - dt.timedelta(days=d.weekday())
    return Resolved(iso_day(start), "week", iso_day(start + dt.timedelta(days=6)))


def season_span(year: int, name_months: tuple[int, int]) -> Resolved:
    first, last = name_months
    end_year = year + 1 if last < first else year
    return Resolved(iso_month(year, first), "season", iso_month(end_year, last))


def season_start_year(anchor: dt.date, months: tuple[int, int], rel: int | None, direction: int) -> int:
    """The year a season starts in: ``rel`` -1/0/+1 for last/this/next, else by the verb's direction
    (past: the latest one begun by the anchor; future: the current or next one; unknown: the current
    one, else the nearest)."""
    first, last = months

    def bounds(y: int) -> tuple[dt.date, dt.date]:
        ey = y + 1 if last < first else y
        return dt.date(y, first, 1), dt.date(ey, last, calendar.monthrange(ey, last)[1])

    years = range(anchor.year - 2, anchor.year + 2)
    current = next((y for y in years if bounds(y)[0] <= anchor <= bounds(y)[1]), None)
    begun = max(y for y in years if bounds(y)[0] <= anchor)
    ended = max(y for y in years if bounds(y)[1] < anchor)
    upcoming = min(y for y in years if bounds(y)[0] > anchor)
    if rel == -1:
        return ended
    if rel == 1:
        return upcoming
    if direction < 0 and rel is None:
        return begun
    if current is not None:
        return current
    if direction > 0:
        return upcoming
    return min((ended, upcoming), key=lambda y: min(abs((bounds(y)[0] - anchor).days), abs((bounds(y)[1] - anchor).days)))


def shift_unit(anchor: dt.date, unit: str, n: int) -> Resolved | None:
    """``anchor`` moved by ``n`` units, at that unit's granularity."""
    if unit == "day":
        return Resolved(iso_day(anchor + dt.timedelta(days=n)), "day")
    if unit in {"week", "weekend"}:
        r = week_of(anchor + dt.timedelta(days=7 * n))
        if unit == "weekend":
            sat = dt.date.fromisoformat(r.value) + dt.timedelta(days=5)
            return Resolved(iso_day(sat), "day", iso_day(sat + dt.timedelta(days=1)))
        return r
    if unit == "month":
        y, m = add_months(anchor.year, anchor.month, n)
        return Resolved(iso_month(y, m), "month")
    if unit == "year":
        return Resolved(f"{anchor.year + n:04d}", "year")
    if unit == "decade":
        start = (anchor.year // 10 + n) * 10
        return Resolved(f"{start:04d}", "decade", f"{start + 9:04d}")
    return None


def duration_end(start: dt.date, d: Duration) -> dt.date | None:
    """The last day of a duration ``d`` that begins on ``start`` (a six-day trip from the 14th ends on
    the 19th)."""
    if d.unit == "day":
        return start + dt.timedelta(days=d.n - 1)
    if d.unit == "week":
        return start + dt.timedelta(days=7 * d.n - 1)
    if d.unit == "month":
        y, m = add_months(start.year, start.month, d.n)
        end = safe_date(y, m, min(start.day, calendar.monthrange(y, m)[1]))
        return end - dt.timedelta(days=1) if end else None
    if d.unit == "year":
        end = safe_date(start.year + d.n, start.month, start.day) or safe_date(start.year + d.n, start.month, 28)
        return end - dt.timedelta(days=1) if end else None
    return None


# --------------------------------------------------------------------------------------------------
# words -> value
# --------------------------------------------------------------------------------------------------


def _clean(words: list[str], lex: Lexicon) -> list[str]:
    out = []
    for w in words:
        w = w.lower().strip()
        if w.endswith(".") and len(w) > 1:
            w = w[:-1]
        head, dash, rest = w.partition("-")
        if dash and rest and head in lex.ignorable:  # "mid-1996", "late-March", "early-2000s"
            w = rest
        if not w or w in lex.ignorable:
            continue
        out.append(w)
    return out


def _number(w: str, lex: Lexicon) -> int | None:
    if w.isdigit():
        return int(w)
    return lex.numbers.get(w)


def parse_duration(words: list[str], *, lex: Lexicon | None = None) -> Duration | None:
    """``six-day``, ``two weeks``, ``a 10-day``: a count and a unit, with nothing anchoring them."""
    lex = lex or lexicon()
    if any(w.lower() in {"old", "olds"} for w in words):  # an age ("62-year-old"), not a duration
        return None
    ws = [w for w in _clean(words, lex) if w not in {"-", "long"}]
    if len(ws) != 2:
        return None
    n = _number(ws[0], lex)
    unit = lex.units.get(ws[1])
    if n is None or unit not in {"day", "week", "month", "year"} or n <= 0 or n > 366:
        return None
    return Duration(n, unit)


_TENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
         "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20}


def spelled_years(words: list[str], lex: Lexicon) -> list[str]:
    """Years in words as digits: "nineteen ninety-four" -> 1994, "two thousand" -> 2000, "two thousand
    and three" -> 2003 (the spoken form of broadcast transcripts)."""
    low = [w.lower() for w in words]
    if not any(w in _TENS or w == "thousand" for w in low):
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        w = low[i]
        if w in _TENS and 15 <= _TENS[w] <= 20 and i + 1 < len(words):
            j, rest = i + 1, []
            while j < len(words) and (low[j] in lex.numbers or low[j] == "-") and len(rest) < 3:
                rest.append(low[j])
                j += 1
            nums = [lex.numbers[r] for r in rest if r != "-" and r not in {"a", "an"}]
            if nums and all(n < 100 for n in nums) and 10 <= sum(nums) < 100 and (
                    len(nums) == 1 or nums[0] % 10 == 0) and not _unit_at(low, j, lex):
                out.append(str(_TENS[w] * 100 + sum(nums)))
                i = j
                continue
        if w == "two" and i + 1 < len(words) and low[i + 1] == "thousand" and not _unit_at(low, i + 2, lex):
            # (not "two thousand years": a count of years)
            j = i + 2
            extra = 0
            if j < len(words) and low[j] == "and":
                j += 1
            if j < len(words) and low[j] in lex.numbers and lex.numbers[low[j]] < 100 and low[j] not in {"a", "an"}:
                extra = lex.numbers[low[j]]
                j += 1
            elif j > i + 2:
                j -= 1
            out.append(str(2000 + extra))
            i = j
            continue
        out.append(words[i])
        i += 1
    return out


def _unit_at(low: list[str], j: int, lex: Lexicon) -> bool:
    """A unit at ``low[j]`` (past "and" and a number): the spoken number before it counts units."""
    while j < len(low) and (low[j] == "and" or low[j] in lex.numbers or low[j] == "-"):
        j += 1
    return j < len(low) and low[j] in lex.all_units


_RANGE_WORDS = {"to", "through", "until", "till", "-", "–", "—"}


def _range(words: list[str], *, anchor: dt.date | None, direction: int, ref_year: int | None,
           lex: Lexicon) -> Resolved | None:
    """'2010 to 2014', 'March to June', 'from 2003 through 2005': two times of one granularity joined by
    a range word, the first before the second, are one period (``value``..``end_value``)."""
    low = [w.lower() for w in words]
    joins = _RANGE_WORDS | {"and"} if low[0] == "between" else _RANGE_WORDS  # "between 1994 and 1997"
    cut = next((i for i, w in enumerate(low) if w in joins and 0 < i < len(low) - 1), None)
    if cut is None:
        return None
    left, right = words[:cut], [w for w in words[cut + 1:] if w.lower() not in joins]
    b = parse_words(right, anchor=anchor, direction=direction, ref_year=ref_year, lex=lex)
    if b is None or b.end_value or b.granularity not in {"day", "month", "year"}:
        return None
    # the first end takes the second's year when it has none ('12 March to 3 June 2015', 'March to June')
    a = parse_words(left, anchor=anchor, direction=direction, ref_year=int(b.value[:4]), lex=lex)
    if a is None or a.end_value or a.granularity != b.granularity:
        return None
    if a.value >= b.value and b.granularity != "year" and not a.explicit_year:
        a = parse_words(left, anchor=anchor, direction=direction, ref_year=int(b.value[:4]) - 1, lex=lex)
    if a is None or a.value >= b.value:
        return None
    return Resolved(a.value, a.granularity, b.value, explicit_year=a.explicit_year and b.explicit_year)


@dataclass(frozen=True)
class _Words:
    """One expression's cleaned words and the time words found in them."""

    raw: list[str]
    ws: list[str]
    months: list[tuple[int, int]]  # (position, month)
    weekdays: list[int]
    seasons: list[tuple[int, int]]
    years: list[int]
    rel: int | None  # -1 last, 0 this, +1 next ("this past spring": the past one)
    units: list[str]

    @property
    def year(self) -> int | None:
        return self.years[0] if self.years else None


def _read(words: list[str], raw: list[str], lex: Lexicon) -> _Words:
    ws = _clean(words, lex)
    rels = [lex.relative[w] for w in ws if w in lex.relative]
    return _Words(
        raw=raw,
        ws=ws,
        months=[(i, lex.months[w]) for i, w in enumerate(ws) if w in lex.months],
        weekdays=[lex.weekdays[w] for w in ws if w in lex.weekdays],
        seasons=[lex.seasons[w] for w in ws if w in lex.seasons],
        years=[int(w) for w in ws if _YEAR.match(w)],
        rel=next((r for r in rels if r != 0), rels[0] if rels else None),
        units=[lex.units[w] for w in ws if w in lex.units],
    )


def parse_words(
    words: list[str],
    *,
    anchor: dt.date | None,
    direction: int = 0,
    ref_year: int | None = None,
    lex: Lexicon | None = None,
    loose: bool = False,
) -> Resolved | None:
    """Resolve one time expression given as words. ``anchor`` is the publication date (None: only
    expressions that carry their own year resolve); ``loose``: see :func:`day_month_date`."""
    lex = lex or lexicon()
    words = spelled_years(words, lex)
    raw = [w.lower() for w in words]
    if not _clean(words, lex):
        return None
    written = _written(words, raw, anchor=anchor, direction=direction, ref_year=ref_year, lex=lex)
    if written is not None:
        return written if written.value else None
    w = _read(words, raw, lex)
    day = _day_words(w, anchor, lex)
    if day is not None:
        return day
    holiday = _holiday(w, anchor, direction, lex)
    if holiday is not None:
        return holiday
    if w.months:
        return _month_date(w, anchor, direction, ref_year, lex, loose=loose)
    if w.seasons:
        if w.year is not None:
            return season_span(w.year, w.seasons[0])
        if anchor is None:
            return None
        if w.rel is not None and "year" in w.units:  # "the summer of last year", "next year's spring"
            return season_span(anchor.year + w.rel, w.seasons[0])
        return season_span(season_start_year(anchor, w.seasons[0], w.rel, direction), w.seasons[0])
    if w.weekdays:
        if anchor is None:
            return None
        if w.rel == 0 or w.rel is None:
            return Resolved(iso_day(weekday_date(anchor, w.weekdays[0], direction)), "day")
        return Resolved(iso_day(weekday_date(anchor, w.weekdays[0], w.rel, strict=True)), "day")
    years = _years(w, anchor, lex)
    if years is not None:
        return years
    edge = _period_edge(w, anchor, ref_year, lex)
    if edge is not None:
        return edge
    return _relative_units(w, anchor, direction, lex)


def period_edge_unit(words: list[str], lex: Lexicon) -> str | None:
    """The unit of "the end of the month", "the start of the year", "year-end", "year end", else None."""
    ws = _clean(words, lex)
    raw = [w.lower() for w in words]
    if len(ws) == 2 and ws[0] in lex.period_edges and "the" in raw:
        unit = lex.units.get(ws[1])
    elif len(ws) in {1, 2}:
        unit = lex.edge_compounds.get("-".join(ws))
    else:
        return None
    return unit if unit in {"week", "month", "year"} else None


def _period_edge(w: _Words, anchor: dt.date | None, ref_year: int | None, lex: Lexicon) -> Resolved | None:
    """The end, start or middle of "the" unit ("by the end of the month", "at the start of the year",
    "by year-end"): the current unit, or the reference year the sentence named. TimeML gives it the
    unit's value (its ``mod`` END / START / MID says which part)."""
    unit = period_edge_unit(w.raw, lex) if w.rel is None else None
    if unit is None:
        return None
    if unit == "year" and ref_year is not None:
        return Resolved(f"{ref_year:04d}", "year")
    return None if anchor is None else shift_unit(anchor, unit, 0)


_NONE = Resolved("", "none")  # a written form that resolves to nothing (an impossible date)


def _written(words: list[str], raw: list[str], *, anchor: dt.date | None, direction: int, ref_year: int | None,
             lex: Lexicon) -> Resolved | None:
    """Forms written in digits or as a range: "2014-16", "12 March to 3 June 2015", "2023-08-14",
    "2023-08", "14/08/2023". ``_NONE`` when the form is one of these but no valid date."""
    if (m := _YEAR_RANGE.match("".join(raw))) is not None:  # "2014-16", "1957 - 58", "2009-2010"
        first = int(m[1])
        last = int(m[2]) if len(m[2]) == 4 else first // 100 * 100 + int(m[2])
        if last > first:
            return Resolved(f"{first:04d}", "year", f"{last:04d}", explicit_year=True)
    span = _range(words, anchor=anchor, direction=direction, ref_year=ref_year, lex=lex)
    if span is not None:
        return span
    ws = _clean(words, lex)
    joined = "".join(ws)
    m = _ISO.match(joined)
    if m:
        d = safe_date(int(m[1]), int(m[2]), int(m[3]))
        return Resolved(iso_day(d), "day", explicit_year=True) if d else _NONE
    m = _ISO_MONTH.match(joined)
    if m and 1 <= int(m[2]) <= 12:
        return Resolved(joined, "month", explicit_year=True)
    if len(ws) == 1 and (m := _SLASH.match(ws[0])):
        # 14/08/2023 or 08/14/2023: only unambiguous when one part exceeds 12
        a, b, y = int(m[1]), int(m[2]), int(m[3])
        day, mon = (a, b) if a > 12 else (b, a) if b > 12 else (None, None)
        d = safe_date(y, mon, day) if day else None
        return Resolved(iso_day(d), "day", explicit_year=True) if d else _NONE
    return None


def _day_words(w: _Words, anchor: dt.date | None, lex: Lexicon) -> Resolved | None:
    """"yesterday", "today", "tomorrow", "last night", "this morning", "two days ago"."""
    if anchor is None:
        return None
    for word in w.ws:
        if word in lex.day_words and not w.weekdays and not w.months:  # not "overnight Thursday"
            return Resolved(iso_day(anchor + dt.timedelta(days=lex.day_words[word])), "day")
    parts_of_day = {"morning", "afternoon", "evening", "night"}
    if w.rel == -1 and "night" in w.raw and not w.units and not w.weekdays:
        return Resolved(iso_day(anchor - dt.timedelta(days=1)), "day")
    if w.rel == 0 and parts_of_day & set(w.raw) and not w.units and not w.weekdays:
        return Resolved(iso_day(anchor), "day")  # "this morning", "this evening"
    # "two days ago", "a year ago"
    if "ago" in w.ws and w.units:
        n = next((_number(x, lex) for x in w.ws if _number(x, lex) is not None), 1)
        if w.units[0] == "decade":  # "a decade ago", "two decades ago": the year that far back, as
            return shift_unit(anchor, "year", -10 * n)  # "ten years ago" (not the decade it falls in)
        return shift_unit(anchor, w.units[0], -n)
    if "ago" in w.ws and any(x in {"century", "centuries"} for x in w.ws) and "half" not in w.ws:
        n = next((_number(x, lex) for x in w.ws if _number(x, lex) is not None), 1)  # "a century ago": its century
        start = (anchor.year - 100 * n) // 100 * 100
        return Resolved(f"{start:04d}", "century", f"{start + 99:04d}") if start >= 0 else None
    # "in two weeks' time", "two days later" are left unresolved: their anchor is another event
    return None


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` ``weekday`` (0 Monday) of a month; ``nth`` -1 the last one."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    lw = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lw) // 451
    month = (h + lw - 7 * m + 114) // 31
    return dt.date(year, month, (h + lw - 7 * m + 114) % 31 + 1)


def holiday_date(spec: dict[str, int], year: int) -> dt.date | None:
    """The day of a holiday (``lexicon.yaml: holidays``) in ``year``: a fixed day (``month``, ``day``),
    the ``nth`` ``weekday`` of a ``month``, or ``easter`` + an offset in days."""
    if "easter" in spec:
        return easter(year) + dt.timedelta(days=spec["easter"])
    if "day" in spec:
        return safe_date(year, spec["month"], spec["day"])
    return nth_weekday(year, spec["month"], spec["weekday"], spec["nth"])


def _holiday(w: _Words, anchor: dt.date | None, direction: int, lex: Lexicon) -> Resolved | None:
    """"Christmas", "Thanksgiving Day", "last Easter", "New Year's Day 1999": the holiday in the year it
    names, else the nearest one in the verb's direction (``last``/``next``: excluding the day itself)."""
    if not lex.holidays:
        return None
    phrase = f" {holiday_key(w.ws)} "
    spec = next((lex.holidays[k] for k in sorted(lex.holidays, key=len, reverse=True) if f" {k} " in phrase), None)
    if spec is None:
        return None
    if w.year is not None:
        d = holiday_date(spec, w.year)
        return Resolved(iso_day(d), "day", explicit_year=True) if d else None
    if anchor is None:
        return None
    days = [d for y in range(anchor.year - 1, anchor.year + 2) if (d := holiday_date(spec, y)) is not None]
    way = w.rel if w.rel in {-1, 1} else direction
    if way < 0:
        past = [d for d in days if d < anchor or d == anchor and w.rel is None]
        return Resolved(iso_day(max(past)), "day") if past else None
    if way > 0:
        ahead = [d for d in days if d > anchor or d == anchor and w.rel is None]
        return Resolved(iso_day(min(ahead)), "day") if ahead else None
    return Resolved(iso_day(min(days, key=lambda d: (abs((d - anchor).days), d > anchor))), "day")


def _month_date(w: _Words, anchor: dt.date | None, direction: int, ref_year: int | None, lex: Lexicon, *,
                loose: bool) -> Resolved | None:
    """A month with or without its day and year: "Aug. 6", "March 2019", "May last year", "last April"."""
    ws, rel, year = w.ws, w.rel, w.year
    idx, mon = w.months[0]
    day = None
    for j in (idx + 1, idx - 1):
        if 0 <= j < len(ws) and (om := _ORDINAL.match(ws[j])) and not _YEAR.match(ws[j]):
            if 1 <= int(om[1]) <= 31:
                day = int(om[1])
                break
        if 0 <= j < len(ws) and ws[j] in lex.day_ordinals:  # "March eighth", "the first of May"
            day = lex.day_ordinals[ws[j]]
            break
    rel_year = None
    if year is None and anchor is not None and rel is not None and "year" in w.units:
        rel_year = anchor.year + rel  # "May last year", "on 5 July this year" (not an explicit year)
    # a month of its own frame ("last April", "next May") never takes a reference year
    y = year if year is not None else rel_year if rel_year is not None else ref_year if rel is None else None
    if day is not None:
        if y is not None:
            d = safe_date(y, mon, day)
            return Resolved(iso_day(d), "day", explicit_year=year is not None) if d else None
        if anchor is None:
            return None
        d = day_month_date(anchor, mon, day, direction if rel is None else rel, loose=loose)
        return Resolved(iso_day(d), "day") if d else None
    if y is not None:
        return Resolved(iso_month(y, mon), "month", explicit_year=year is not None)
    if anchor is None:
        return None
    if rel is not None and rel != 0:
        return Resolved(iso_month(month_year(anchor, mon, rel, strict=True), mon), "month")
    if rel == 0:
        return Resolved(iso_month(anchor.year, mon), "month")
    y = month_year(anchor, mon, direction)
    if loose and direction < 0 and (anchor.year - y) * 12 + anchor.month - mon > 6 and 0 < mon - anchor.month + (
            12 if mon < anchor.month else 0) <= 2:
        y += 1  # "a cutback in its supply in September", told in August: the coming one
    return Resolved(iso_month(y, mon), "month")


def _years(w: _Words, anchor: dt.date | None, lex: Lexicon) -> Resolved | None:
    """Decades ("the 1990s", "the '90s", "the nineties": the latest such decade begun by publication),
    spans of years ("2014-16") and years ("in 2019")."""
    spelled = [lex.decade_words[x] for x in w.ws if x in lex.decade_words]
    if spelled and len(w.ws) <= 3:
        year = anchor.year if anchor is not None else 1999
        start = year // 100 * 100 + spelled[0]
        if start > year:
            start -= 100
        return Resolved(f"{start:04d}", "decade", f"{start + 9:04d}", explicit_year=True)
    for word in w.ws:
        dm = _DECADE.match(word)
        if dm:
            num = dm[1]
            start = int(num) if len(num) == 4 else (1900 + int(num) if int(num) >= 30 else 2000 + int(num))
            if start % 10 == 0:
                return Resolved(f"{start:04d}", "decade", f"{start + 9:04d}", explicit_year=True)
    if len(w.ws) == 1 and (m := _YEAR_RANGE.match(w.ws[0])):
        first = int(m[1])
        last = int(m[2]) if len(m[2]) == 4 else first // 100 * 100 + int(m[2])
        if last > first:
            return Resolved(f"{first:04d}", "year", f"{last:04d}", explicit_year=True)
    if w.year is not None and len(w.ws) <= 3:
        return Resolved(f"{w.year:04d}", "year", explicit_year=True)
    return None


def _relative_units(w: _Words, anchor: dt.date | None, direction: int, lex: Lexicon) -> Resolved | None:
    """Units counted from publication: "the past three years", "over the next two weeks", "the
    weekend", "last week", "this month", "next year"."""
    ws, raw, units, rel = w.ws, w.raw, w.units, w.rel
    if not units or anchor is None:
        return None
    # a period that ends (or begins) at the publication date
    if len(units) == 1 and rel in {-1, 1} and (
            "past" in ws or "next" in ws or "coming" in ws or "last" in ws and "the" in raw
            or any(_number(x, lex) for x in ws if x not in lex.relative)):
        nums = [_number(x, lex) for x in ws if x not in lex.relative and _number(x, lex) is not None]
        if nums or "past" in ws or "last" in ws and "the" in raw:  # "the past year", "in the last year"
            n = nums[0] if nums else 1
            far = shift_unit(anchor, units[0], rel * n)
            here = shift_unit(anchor, units[0], 0)
            if far is not None and here is not None and units[0] in {"day", "week", "month", "year"}:
                lo, hi = (far, here) if rel < 0 else (here, far)
                if units[0] == "week":
                    return Resolved(lo.value, "week", hi.end_value)
                if units[0] == "day":
                    return Resolved(lo.value, "day", hi.value)
                return Resolved(lo.value, lo.granularity, hi.value)
    # "the weekend", "at the weekend": the nearest one in the verb's direction
    if units == ["weekend"] and rel is None and "the" in raw and len(ws) == 1:
        sat = weekday_date(anchor, 5, direction)
        if direction == 0 and anchor.weekday() < 5:  # a weekday speaks of the weekend just past
            sat = weekday_date(anchor, 5, -1)
        return Resolved(iso_day(sat), "day", iso_day(sat + dt.timedelta(days=1)))
    if rel is not None and len(units) == 1:  # "last week", "this month", "next year"
        return shift_unit(anchor, units[0], rel)
    return None
