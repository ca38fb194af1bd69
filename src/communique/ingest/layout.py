"""Layout of a news text: which lines are the title, standfirst, kicker, captions, credits, subheads,
byline, dateline and agency line.

Works on the normalised text (``records.normalise_text``), line by line, so every zone's offsets point
into that text. The cues (agency names, byline words, credit labels) come from the knowledge file
``data/ingest/layout.yaml``; the code only holds the shapes:

- title: the first line, when it looks like a headline (short, no final full stop) or is given;
- standfirst: the paragraph after the title when a layout element (caption, kicker, byline, credit)
  or a datelined paragraph follows it;
- caption: a line ending in a bracketed credit ``[Name/Agency via Agency]``, a parenthesised photo
  credit ``(AP Photo/Name)`` or a labelled one ``Photograph: Name/Agency``; the credit is its own zone;
- kicker: a short label line directly above a caption (no blank line between);
- subhead: a short line alone between blank lines, without final punctuation, once the body began;
- byline: ``By Jane Roe`` (and reporting-credit lines ``Reporting by ...``);
- agency: ``Source: The Associated Press``, a dateline's ``(Reuters) -`` and a sign-off ``— AP``;
- dateline: the upper-case place opening the first paragraph (``MOSCOW (Reuters) -``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..knowledge import data_files, load_yaml
from ..records import Zone, ZoneKind

_FINAL_PUNCT = tuple('.!?:;,"”’\'»)')
_SENTENCE_END = tuple('.!?"”’\'»')


@dataclass(frozen=True)
class LayoutCues:
    agency_prefixes: tuple[str, ...]
    agency_alias: dict[str, str]  # lower-cased alias -> canonical name
    byline_prefixes: tuple[str, ...]
    credit_lines: tuple[str, ...]
    credit_labels: tuple[str, ...]
    date_prefixes: tuple[str, ...]
    skip_names: frozenset[str]
    skip_extensions: tuple[str, ...]
    limits: dict[str, int]
    agency_line_re: re.Pattern[str] = field(repr=False, default=re.compile(""))
    byline_re: re.Pattern[str] = field(repr=False, default=re.compile(""))
    credit_line_re: re.Pattern[str] = field(repr=False, default=re.compile(""))
    label_credit_re: re.Pattern[str] = field(repr=False, default=re.compile(""))
    signoff_re: re.Pattern[str] = field(repr=False, default=re.compile(""))
    date_line_re: re.Pattern[str] = field(repr=False, default=re.compile(""))


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@lru_cache(maxsize=8)
def cues(extra: tuple[str, ...] | None = None) -> LayoutCues:
    """The layout cues, bundled file first, then each user data folder (lists add up)."""
    merged: dict[str, Any] = {"agencies": {}, "limits": {}}
    for path in data_files("ingest/layout.yaml", list(extra) if extra is not None else None):
        data = load_yaml(path) or {}
        for key, value in data.items():
            if key == "agencies":
                for canon, aliases in (value or {}).items():
                    merged["agencies"].setdefault(str(canon), []).extend(str(a) for a in aliases or [])
            elif key == "limits":
                merged["limits"].update({str(k): int(v) for k, v in (value or {}).items()})
            elif isinstance(value, list):
                merged.setdefault(key, []).extend(str(v) for v in value)
    alias: dict[str, str] = {}
    for canon, aliases in merged["agencies"].items():
        alias[canon.lower()] = canon
        for a in aliases:
            alias[a.lower()] = canon
    limits = {"kicker_max_words": 5, "subhead_max_words": 10, "byline_max_words": 14, "title_max_words": 40}
    limits.update(merged["limits"])
    prefixes = tuple(merged.get("agency_prefixes", ["Source"]))
    bylines = tuple(merged.get("byline_prefixes", ["By"]))
    credit_lines = tuple(merged.get("credit_lines", []))
    labels = tuple(merged.get("credit_labels", ["Photograph", "Photo"]))
    date_prefixes = tuple(merged.get("date_prefixes", ["Published"]))
    agencies_alt = _alt(list(alias_orig for alias_orig in _aliases_as_written(merged["agencies"])))
    return LayoutCues(
        agency_prefixes=prefixes,
        agency_alias=alias,
        byline_prefixes=bylines,
        credit_lines=credit_lines,
        credit_labels=labels,
        date_prefixes=date_prefixes,
        skip_names=frozenset(s.lower() for s in merged.get("skip_names", [])),
        skip_extensions=tuple(s.lower() for s in merged.get("skip_extensions", [])),
        limits=limits,
        agency_line_re=re.compile(rf"^(?:{_alt(prefixes)})\s*:\s*(?P<name>\S.{{0,118}})$", re.IGNORECASE),
        byline_re=re.compile(rf"^(?:{_alt(bylines)})\s+(?P<name>[A-Z\u00C0-\u024F].*)$"),
        credit_line_re=re.compile(rf"^(?:{_alt(credit_lines) or '(?!)'})\b", re.IGNORECASE),
        label_credit_re=re.compile(
            rf"(?:^|(?<=[\s.!?”\"’)]))(?P<label>(?:{_alt(labels)}))\s*:\s*(?P<credit>[^\s:][^:]{{0,100}})$",
            re.IGNORECASE,
        ),
        date_line_re=re.compile(rf"^(?P<label>{_alt(date_prefixes)})\s*(?::|on\b)?\s*(?P<date>\S.{{4,60}})$", re.IGNORECASE),
        signoff_re=re.compile(rf"(?:^|\s)[—–-]{{1,2}}\s*(?P<name>{agencies_alt})\.?$" if agencies_alt else "(?!)"),
    )


def _aliases_as_written(agencies: dict[str, list[str]]) -> list[str]:
    out: list[str] = []
    for canon, aliases in agencies.items():
        out.append(canon)
        out.extend(aliases)
    return out


def canonical_agency(name: str, *, extra: tuple[str, ...] | None = None) -> str:
    """The canonical agency name for ``name`` as written ("AP" -> "The Associated Press"), else ``name``."""
    name = name.strip().rstrip(".").strip()
    return cues(extra).agency_alias.get(name.lower(), name)


# A bracketed credit at the end of a line: "[Pavel Bednyakov/Sputnik via Reuters]".
_BRACKET_CREDIT = re.compile(r"\[(?P<credit>[^\[\]\n]{2,160})\]\s*$")
# A parenthesised photo credit at the end of a line: "(AP Photo/Jane Roe)", "(Jane Roe/Getty Images)".
_PAREN_CREDIT = re.compile(r"\((?P<credit>[^()\n]{2,120})\)\s*$")
# A dateline opening a paragraph: "MOSCOW (Reuters) - ", "KYIV, Ukraine (AP) — ", "WASHINGTON — ".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\- ]{1,40}[A-Z.](?:,\s+[A-Z][A-Za-z.\- ]{1,30})?)"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?\s*(?P<dash>[—–]|--?)\s+"
)
_WORD = re.compile(r"\w+")


def _words(s: str) -> int:
    return len(_WORD.findall(s))


# "Name/Agency", "AP Photo/Name": a slash between two capitalised words (not "$4.99/mo", "[/button]")
_NAME_SLASH = re.compile(r"[A-Za-z\u00C0-\u024F.]\s?/\s?[A-Z\u00C0-\u024F]")


def _looks_like_credit(inner: str, c: LayoutCues) -> bool:
    """Bracketed text that names a photographer/agency rather than saying something."""
    s = inner.strip()
    if not s or s[-1] in ".!?" and " " in s and "/" not in s:
        return False
    low = s.lower()
    if _NAME_SLASH.search(s) and s[0].isupper():
        return True
    if " via " in low and _capitalised(s.replace(" via ", " ")):
        return True
    if any(low.startswith(lbl.lower() + ":") for lbl in c.credit_labels):
        return True
    if low in c.agency_alias or low.removesuffix(" photo") in c.agency_alias:
        return True
    if "getty images" in low or ("photo" in low.split() and _capitalised(s)):
        return True
    return False


@dataclass
class Layout:
    """What :func:`analyse` found: zones (sorted by start) and the metadata read from them."""

    zones: list[Zone] = field(default_factory=list)
    title: str | None = None
    standfirst: str | None = None
    byline: str | None = None
    source_agency: str | None = None
    credits: list[str] = field(default_factory=list)
    published: str | None = None  # from a "Published: ..." line

    def add(self, kind: ZoneKind, start: int, end: int) -> None:
        if end > start:
            self.zones.append(Zone(kind=kind, start=start, end=end))


@dataclass
class _Line:
    start: int
    end: int
    text: str
    block: int
    first_in_block: bool = False
    last_in_block: bool = False
    kind: str = "body"


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    block = 0
    prev_blank = True
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            if prev_blank and out:
                block += 1
            lead = len(raw) - len(raw.lstrip())
            out.append(_Line(pos + lead, pos + lead + len(stripped), stripped, block))
            prev_blank = False
        else:
            prev_blank = True
        pos += len(raw) + 1
    for i, ln in enumerate(out):
        ln.first_in_block = i == 0 or out[i - 1].block != ln.block
        ln.last_in_block = i == len(out) - 1 or out[i + 1].block != ln.block
    return out


def _strip_quotes(s: str) -> str:
    return s.strip().strip("*_#").strip()


def analyse(
    text: str, *, title: str | None = None, title_line: bool | None = None, extra: tuple[str, ...] | None = None
) -> Layout:
    """Find the layout zones of ``text`` (already normalised).

    ``title``: a title known from metadata; when the text's first line equals it, that line is the
    title zone. ``title_line``: force (True) or forbid (False) reading the first line as the title;
    None decides from its shape.

    The steps, in order: the title line; each line's own kind (agency line, sign-off, date line, byline,
    credit and caption); kickers above captions; the dateline opening the body; the standfirst and the
    subheads (blocks read in order).
    """
    c = cues(extra)
    lay = Layout()
    lines = _lines(text)
    if not lines:
        return lay
    _find_title(lines, lay, c.limits, title=title, title_line=title_line)
    for ln in lines:
        if ln.kind == "body":
            _mark_line(ln, lines, lay, c, extra)
    _find_kickers(lines, lay, c.limits)
    _find_dateline(lines, lay, extra)
    _find_standfirst_and_subheads(lines, lay, c.limits, title=title)
    if lines[0].kind == "title":
        lay.add("title", lines[0].start, lines[0].end)
    lay.zones.sort(key=lambda z: (z.start, z.end))
    return lay


def _find_title(lines: list[_Line], lay: Layout, lim: dict[str, int], *, title: str | None,
                title_line: bool | None) -> None:
    """The first line as the title: equal to the known title, forced, or title-shaped (short, no final
    full stop unless very short)."""
    first = lines[0]
    is_title = False
    if title is not None and _norm_ws(first.text) == _norm_ws(title):
        is_title = True
    elif title_line is not None:
        is_title = title_line and len(lines) > 1
    elif title is None and len(lines) > 1:
        n = _words(first.text)
        is_title = 0 < n <= lim["title_max_words"] and (not first.text.endswith(".") or n <= 3)
    if is_title:
        first.kind = "title"
        lay.title = _strip_quotes(first.text)
    elif title is not None:
        lay.title = title


def _mark_line(ln: _Line, lines: list[_Line], lay: Layout, c: LayoutCues, extra: tuple[str, ...] | None) -> None:
    """One body line's own kind: an agency line near the edges, a sign-off, a date line, a byline, a
    closing credit line, or a caption with its photo credit."""
    lim = c.limits
    t = ln.text
    m = c.agency_line_re.match(t)
    near_edge = ln.block <= lines[0].block + 3 or ln.block >= lines[-1].block - 2
    if m and near_edge and _words(m.group("name")) <= 8 and not m.group("name").rstrip().endswith(("?", "!")):
        ln.kind = "agency"
        lay.add("agency", ln.start, ln.end)
        if lay.source_agency is None:
            lay.source_agency = canonical_agency(m.group("name"), extra=extra)
        return
    m = c.signoff_re.search(t)
    if m and (_words(t) <= 4 or t[: m.start()].rstrip().endswith(_SENTENCE_END)):
        s = ln.start + m.start() + (1 if t[m.start()].isspace() else 0)
        lay.add("agency", s, ln.end)
        if lay.source_agency is None:
            lay.source_agency = canonical_agency(m.group("name"), extra=extra)
        if _words(t) <= 4:
            ln.kind = "agency"
            return
    m = c.date_line_re.match(t)
    if m and _words(t) <= 12:
        date = parse_text_date(m.group("date"))
        if date:
            ln.kind = "dateline"
            lay.add("dateline", ln.start, ln.end)
            updated = "updat" in m.group("label").lower()
            if lay.published is None or (not updated and getattr(lay, "_pub_updated", False)):
                lay.published = date
                lay._pub_updated = updated  # type: ignore[attr-defined]
            return
    m = c.byline_re.match(t)
    if m and _words(t) <= lim["byline_max_words"] and not t.endswith(("?", "!")) and _capitalised(m.group("name")):
        ln.kind = "byline"
        lay.add("byline", ln.start, ln.end)
        if lay.byline is None:
            lay.byline = m.group("name").strip().rstrip(".,;")
        return
    if c.credit_line_re.match(t) and _words(t) <= 30 and ln.last_in_block and ln.block == lines[-1].block:
        ln.kind = "byline"
        lay.add("byline", ln.start, ln.end)
        return
    credit = _find_credit(t, c)
    if credit is not None:
        cstart, cend, ctext = credit
        lay.credits.append(ctext)
        lay.add("credit", ln.start + cstart, ln.start + cend)
        caption = t[:cstart].rstrip()
        if caption:
            ln.kind = "caption"
            lay.add("caption", ln.start, ln.start + len(caption))
        else:
            ln.kind = "credit"


def _find_kickers(lines: list[_Line], lay: Layout, lim: dict[str, int]) -> None:
    """A short label line directly above a caption is its kicker."""
    for i, ln in enumerate(lines[1:], start=1):
        prev = lines[i - 1]
        if (
            ln.kind in {"caption", "credit"}
            and not ln.first_in_block
            and prev.kind == "body"
            and 0 < _words(prev.text) <= lim["kicker_max_words"]
            and not prev.text.endswith(_FINAL_PUNCT)
        ):
            prev.kind = "kicker"
            lay.add("kicker", prev.start, prev.end)


def _find_dateline(lines: list[_Line], lay: Layout, extra: tuple[str, ...] | None) -> None:
    """A dateline ("KYIV (Reuters) -") opening one of the first three body blocks."""
    tried = 0
    for ln in lines:
        if ln.kind != "body" or not ln.first_in_block:
            continue
        tried += 1
        if tried > 3:
            break
        m = _DATELINE.match(ln.text)
        if m and _words(m.group("place")) <= 6 and m.group("place").strip() != ln.text.strip():
            place_end = ln.start + len(m.group("place").rstrip())
            lay.add("dateline", ln.start, place_end)
            if m.group("agency"):
                lay.add("agency", ln.start + m.start("agency") - 1, ln.start + m.end("dash"))
                if lay.source_agency is None:
                    lay.source_agency = canonical_agency(m.group("agency"), extra=extra)
            else:
                lay.zones[-1] = Zone(kind="dateline", start=ln.start, end=ln.start + m.end("dash"))
            ln.kind = "dateline_body"
            break


def _find_standfirst_and_subheads(lines: list[_Line], lay: Layout, lim: dict[str, int], *, title: str | None) -> None:
    """The first text block after the title is the standfirst when metadata follows it; later one-line,
    short, unpunctuated blocks once the body has started are subheads."""
    blocks: dict[int, list[_Line]] = {}
    for ln in lines:
        blocks.setdefault(ln.block, []).append(ln)
    body_started = False
    block_ids = sorted(blocks)
    start_i = 1 if lines[0].kind == "title" and lines[0].last_in_block else 0
    first_text_block = True
    for bi_pos, bid in enumerate(block_ids[start_i:], start=start_i):
        blk = blocks[bid]
        if any(ln.kind not in {"body", "dateline_body"} for ln in blk):
            continue
        text_b = " ".join(ln.text for ln in blk)
        is_first, first_text_block = first_text_block, False
        if is_first and (start_i == 1 or title is not None) and blk[0].kind == "body":
            nxt = _next_block_kind(blocks, block_ids, bi_pos)
            if nxt in {"caption", "credit", "kicker", "byline", "dateline", "dateline_body"} and _words(text_b) <= 80:
                for ln in blk:
                    ln.kind = "standfirst"
                lay.add("standfirst", blk[0].start, blk[-1].end)
                lay.standfirst = text_b
                continue
        if (
            body_started
            and len(blk) == 1
            and 0 < _words(text_b) <= lim["subhead_max_words"]
            and not text_b.endswith(_FINAL_PUNCT)
            and (text_b[0].isupper() or text_b[0].isdigit())
            and bi_pos < len(block_ids) - 1
        ):
            blk[0].kind = "subhead"
            lay.add("subhead", blk[0].start, blk[0].end)
            continue
        body_started = True


def _next_block_kind(blocks: dict[int, list[_Line]], ids: list[int], pos: int) -> str | None:
    if pos + 1 >= len(ids):
        return None
    blk = blocks[ids[pos + 1]]
    kinds = [ln.kind for ln in blk]
    for k in ("kicker", "caption", "credit", "byline", "dateline", "dateline_body"):
        if k in kinds:
            return k
    return kinds[0]


def _capitalised(name: str) -> bool:
    words = [w for w in re.split(r"[\s,]+", name) if w]
    if not words:
        return False
    caps = sum(1 for w in words if w[0].isupper() or w.lower() in {"and", "in", "of", "the", "de", "van", "von", "al", "bin"})
    return caps >= max(1, int(len(words) * 0.75))


def _find_credit(t: str, c: LayoutCues) -> tuple[int, int, str] | None:
    """(start, end, credit text) of a photo credit ending line ``t``, zone covering brackets/label."""
    m = _BRACKET_CREDIT.search(t)
    if m and _looks_like_credit(m.group("credit"), c):
        return m.start(), len(t.rstrip()), m.group("credit").strip()
    m = _PAREN_CREDIT.search(t)
    if m:
        inner = m.group("credit")
        low = inner.lower()
        if inner[:1].isupper() and (
            _NAME_SLASH.search(inner) or ("photo" in low.split() and _capitalised(inner)) or "getty" in low
        ):
            return m.start(), len(t.rstrip()), inner.strip()
    m = c.label_credit_re.search(t)
    credit = m.group("credit") if m else ""
    if m and (_NAME_SLASH.search(credit) or (_words(credit) <= 5 and _capitalised(credit))):
        return m.start("label"), len(t.rstrip()), m.group("credit").strip().rstrip(".")
    return None


_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTHS.update({k[:3]: v for k, v in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_DMY = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_MDY = re.compile(r"\b([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_ISO = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")


def parse_text_date(s: str) -> str | None:
    """YYYY-MM-DD from a written date: ISO, "21 May 2024", "May 21, 2024" (time and weekday ignored)."""
    import datetime as dt

    for rx, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_MDY, "mdy")):
        m = rx.search(s)
        if not m:
            continue
        parts = dict(zip(order, m.groups(), strict=True))
        month = parts["m"]
        mon = int(month) if month.isdigit() else _MONTHS.get(month.lower())
        if not mon:
            continue
        try:
            return dt.date(int(parts["y"]), mon, int(parts["d"])).isoformat()
        except ValueError:
            continue
    return None


def _norm_ws(s: str) -> str:
    return " ".join(s.split()).strip().lower()
