"""From extracted text and metadata to an :class:`Article`: normalised text, layout zones, the
publication date and its basis, and the language check."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from ..config import Settings
from ..records import Article, DocError, normalise_text
from .decode import not_text_reason
from .layout import analyse
from .published import GIVEN_MAX, GIVEN_MIN, given_date  # noqa: F401  (re-exported)

log = logging.getLogger(__name__)

#: characters of text given to the language identifier (a prefix keeps it cheap)
LANG_PREFIX = 1000
#: fewer letters than this: too short to tell the language, taken as accepted with a warning
LANG_MIN_LETTERS = 40
#: a text is refused when every accepted language has less than this probability (else, when another
#: language ranks first, it is coded with a warning)
LANG_MAX_ACCEPTED_PROB = 0.1


@dataclass
class Extracted:
    """What a format reader found in one document, before it becomes an Article."""

    body: str
    document: str
    title: str | None = None
    published: str | None = None  # from the document's own metadata
    url: str | None = None
    outlet: str | None = None
    byline: str | None = None
    language: str | None = None  # declared by the document (html lang, feed language)
    input_id: str | None = None
    standfirst: str | None = None
    warnings: list[str] = field(default_factory=list)
    title_in_body: bool | None = None  # None: decide from the text's shape (plain text)
    extra: dict[str, Any] = field(default_factory=dict)


def parse_date(value: Any) -> str | None:
    """YYYY-MM-DD from a date, datetime, struct_time, or an ISO / RFC-822-ish string; else None."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "tm_year"):
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    s = str(value).strip()
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    m = re.match(r"^(\d{4})(\d{2})(\d{2})(?:T|$)", s)
    if m:
        try:
            return dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None


_LETTER = re.compile(r"[^\W\d_]")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, accepted: list[str] | None = None) -> tuple[str | None, float, float]:
    """(ISO 639-1 code, its probability, best probability among ``accepted``) from a prefix of
    ``text``; (None, 0, 0) when too short to tell."""
    sample = text[:LANG_PREFIX]
    if len(sample) < 4 * LANG_MIN_LETTERS and len(_LETTER.findall(sample)) < LANG_MIN_LETTERS:
        return None, 0.0, 0.0
    ranked = _identifier().rank(sample)
    lang, prob = ranked[0]
    acc = set(accepted or [])
    p_acc = max((float(p) for code, p in ranked if code in acc), default=0.0)
    return str(lang), float(prob), p_acc


def make_article(
    ex: Extracted, *, settings: Settings, published: str | None, check_language: bool = True
) -> Article | DocError:
    """Build the Article for ``ex`` or a DocError (empty text, unsupported language)."""
    body = normalise_text(ex.body or "")
    title = " ".join(ex.title.split()) if ex.title else None
    if not body and not title:
        return DocError(document=ex.document, code="empty", message="no text", input_id=ex.input_id)
    warnings = list(ex.warnings)
    if ex.title_in_body is False and title and body and _similar(body.split("\n", 1)[0], title):
        # the page repeats its headline (often without the site name the <title> carries): use that line
        title = " ".join(body.split("\n", 1)[0].split())
    if ex.title_in_body is False and title and not _starts_with(body, title):
        text = normalise_text(f"{title}\n\n{body}") if body else title
        title_line: bool | None = True
    else:
        text = body or title or ""
        title_line = True if (title and _starts_with(body, title)) else (None if title is None else False)
    if len(text) > settings.max_chars:
        return DocError(
            document=ex.document, code="too_long",
            message=f"{len(text)} characters of text, more than max_chars={settings.max_chars}",
            input_id=ex.input_id,
        )

    accepted = [lang.lower() for lang in settings.languages]
    if check_language:
        junk = not_text_reason(text)
        if junk:
            return DocError(document=ex.document, code="not_text", message=junk, input_id=ex.input_id)
    lang, prob, p_acc = detect_language(text, accepted)
    language = lang or (ex.language or "en")[:2].lower()
    if check_language and accepted:
        if lang is None:
            declared = (ex.language or "")[:2].lower()
            if declared and declared not in accepted:
                return DocError(document=ex.document, code="unsupported_language",
                                message=f"unsupported language: {declared}", input_id=ex.input_id)
            warnings.append("language: text too short to detect, taken as " + (declared or accepted[0]))
            language = declared or accepted[0]
        elif lang not in accepted:
            if p_acc < LANG_MAX_ACCEPTED_PROB:
                return DocError(document=ex.document, code="unsupported_language",
                                message=f"unsupported language: {lang}", input_id=ex.input_id)
            warnings.append(f"language: detected {lang} with low confidence ({prob:.2f}), coded as {accepted[0]}")
            language = accepted[0]

    lay = analyse(text, title=title, title_line=title_line)
    if ex.published or lay.published:
        pub, basis = ex.published or lay.published, "metadata"
    elif published:
        pub, basis = published, "given"
    else:
        pub, basis = None, "none"
    return Article(
        text=text,
        title=lay.title or title,
        standfirst=ex.standfirst or lay.standfirst,
        published=pub,
        date_basis=basis,
        source_agency=lay.source_agency,
        outlet=ex.outlet,
        url=safe_url(ex.url, warnings),
        language=language,
        input_id=ex.input_id,
        byline=ex.byline or lay.byline,
        credits=lay.credits,
        zones=lay.zones,
        document=ex.document,
        warnings=warnings,
    )


def safe_url(url: str | None, warnings: list[str] | None = None) -> str | None:
    """``url`` when it is an absolute http(s) address, else None (a ``javascript:``, ``data:`` or relative
    address becomes no link anywhere: the dashboard's "original" link, the exports); a note goes to
    ``warnings``."""
    if not url:
        return None
    clean = url.strip()
    try:
        parts = urlsplit(clean)
    except ValueError:
        parts = None
    if (parts is not None and parts.scheme.lower() in {"http", "https"} and parts.netloc
            and not any(ord(ch) < 33 or ord(ch) == 127 for ch in clean)):
        return clean
    if warnings is not None:
        warnings.append(f"url: dropped {clean[:80]!r} (not an http or https address)")
    return None


_WORDS = re.compile(r"\w+")


def _similar(line: str, title: str) -> bool:
    """A body line that repeats the title: same words mostly (Jaccard >= 0.6), and not much longer."""
    if len(line) > 2 * len(title) + 20:
        return False
    a, b = set(_WORDS.findall(line.lower())), set(_WORDS.findall(title.lower()))
    return bool(a and b) and len(a & b) / len(a | b) >= 0.6


def _starts_with(body: str, title: str) -> bool:
    first = body.split("\n", 1)[0]
    return " ".join(first.split()).lower() == " ".join(title.split()).lower()
