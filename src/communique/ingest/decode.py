"""Bytes to text: gzip by magic bytes, binary detection, BOM / UTF-8 / detected encodings, and the
format of a document (text, html, feed, json, jsonl, warc) sniffed from its content.

Every failure is an :class:`IngestProblem` with a stable code; the readers turn it into a DocError.
"""

from __future__ import annotations

import codecs
import logging
import re
import zlib
from dataclasses import dataclass, field

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"
FORMATS = ("text", "html", "feed", "json", "jsonl", "csv", "warc")
ZIP_MAGIC = b"PK\x03\x04"

_BINARY_MAGIC = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"RIFF", "RIFF media"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"SQLite format 3", "SQLite database"),
    (b"PAR1", "Parquet file"),
    (b"DUCK", "DuckDB file"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class IngestProblem(Exception):
    """A document-level failure with a stable ``code``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def gunzip(data: bytes, *, max_bytes: int) -> tuple[bytes, bool]:
    """Decompress (multi-member) gzip. Returns (data, complete); complete is False when the stream was
    truncated or corrupt after some data. Raises IngestProblem when over ``max_bytes`` or when nothing
    could be decompressed."""
    out: list[bytes] = []
    total = 0
    rest = data
    complete = True
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            chunk = d.decompress(rest, max_bytes + 1 - total)
        except zlib.error as exc:
            if not out:
                raise IngestProblem("truncated_gzip", f"corrupt gzip data: {exc}") from exc
            complete = False
            break
        total += len(chunk)
        out.append(chunk)
        if total > max_bytes:
            raise IngestProblem("too_large", f"more than {max_bytes} bytes once decompressed")
        if not d.eof:
            if d.unconsumed_tail:
                raise IngestProblem("too_large", f"more than {max_bytes} bytes once decompressed")
            complete = False
            break
        rest = d.unused_data.lstrip(b"\x00")
        if rest and not rest.startswith(GZIP_MAGIC):
            break  # trailing garbage after the last member: ignore it, as gzip(1) does
    payload = b"".join(out)
    if not complete and not payload:
        raise IngestProblem("truncated_gzip", "truncated gzip stream: nothing could be decompressed")
    return payload, complete


def binary_kind(data: bytes) -> str | None:
    """A name for the binary format of ``data``, or None when it may be text."""
    head = data[:16]
    for magic, name in _BINARY_MAGIC:
        if head.startswith(magic):
            return name
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    if len(sample) < 4:
        return None
    even = sample[0::2]
    odd = sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode(data: bytes) -> Decoded:
    """Decode document bytes to str; raise IngestProblem ``binary``/``undecodable`` when impossible."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(enc), enc)
            except UnicodeDecodeError as exc:
                raise IngestProblem("undecodable", f"invalid {enc} after its byte-order mark: {exc.reason}") from exc
    sample = data[:8192]
    if b"\x00" in sample:
        enc = _utf16_without_bom(sample)
        if enc:
            try:
                return Decoded(data.decode(enc), enc, [f"decoded as {enc} (no byte-order mark; detected)"])
            except UnicodeDecodeError:
                pass
        raise IngestProblem("binary", "binary content (NUL bytes), not text")
    kind = binary_kind(data)
    if kind:
        raise IngestProblem("binary", f"binary content ({kind}), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _check_controls(Decoded(text, "utf-8"))
    try:  # UTF-8 but for encoded lone surrogates (CESU-8, a broken exporter): not another encoding
        text = data.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        pass
    else:
        n = len(_SURROGATE.findall(text))
        return _check_controls(Decoded(_SURROGATE.sub("\ufffd", text), "utf-8",
                                       [f"{n} lone surrogate(s) replaced by U+FFFD"]))
    declared = _declared_charset(data[:4096])
    if declared:
        try:
            return _check_controls(Decoded(data.decode(declared), declared, [f"decoded as {declared} (declared by the document)"]))
        except (UnicodeDecodeError, LookupError):
            pass
    return _check_controls(_detect(data))


_CHARSET = re.compile(rb"""(?:<meta[^>]+charset\s*=\s*["']?|<\?xml[^>]+encoding\s*=\s*["'])([A-Za-z0-9_\-:.]{2,40})""", re.I)


def _declared_charset(head: bytes) -> str | None:
    """The charset an HTML <meta> or an XML declaration gives, if Python knows it (never UTF-8 here:
    the bytes already failed as UTF-8)."""
    m = _CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "ignore").lower()
    try:
        enc = codecs.lookup(name).name
    except LookupError:
        return None
    if enc in {"utf-8", "ascii"}:
        return None
    if enc in {"latin-1", "iso8859-1"}:
        return "cp1252"  # what browsers do with pages that say latin-1
    return enc


def _detect(data: bytes) -> Decoded:
    from charset_normalizer import from_bytes

    best = None
    try:
        best = from_bytes(data[:200_000]).best()
    except Exception as exc:  # detection is advisory
        log.debug("charset detection failed: %s", exc)
    if best is not None:
        enc = best.encoding
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None:
            # charset-normalizer often names a narrow code page for Western text: prefer cp1252
            # when it decodes the same bytes identically except for the usual smart quotes/dashes.
            sure = best.chaos < 0.05 and len(data) > 400
            if enc not in {"cp1252", "latin_1", "iso8859_15"} and _cp1252_ok(data):
                alt = data.decode("cp1252")
                if _letters_ratio(alt) >= _letters_ratio(text):
                    text, enc, sure = alt, "cp1252", False
            note = f"decoded as {enc} ({'detected' if sure else 'detected, unsure'})"
            return Decoded(text, enc, [note])
    if _cp1252_ok(data):
        return Decoded(data.decode("cp1252"), "cp1252", ["decoded as cp1252 (not UTF-8; encoding unsure)"])
    return Decoded(data.decode("latin-1"), "latin-1", ["decoded as latin-1 (not UTF-8; encoding unsure)"])


_SURROGATE = re.compile("[\ud800-\udfff]")
#: scripts counted as one when judging whether a text is written in one script
_SCRIPT_FAMILY = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "IDEOGRAPHIC": "CJK", "HANGUL": "HANGUL",
                  "FULLWIDTH": "LATIN", "MODIFIER": "LATIN"}
#: a text whose letters are less than this share of its visible characters is no prose
MIN_LETTER_SHARE = 0.45
#: a text whose most used script covers less than this share of its letters is no prose in one language
MIN_MAIN_SCRIPT_SHARE = 0.75
#: in a script written with spaces between words, more characters than this between spaces on average is no prose
MAX_MEAN_WORD = 15
#: share of words with upper case inside ("xQrT") beyond which a text is no prose
MAX_MIXED_CASE_SHARE = 0.3
_UNSPACED_SCRIPTS = {"CJK", "THAI", "LAO", "KHMER", "MYANMAR", "TIBETAN", "JAVANESE", "BALINESE"}


def not_text_reason(text: str, sample: int = 20_000) -> str | None:
    """Why ``text`` is no prose (junk decoded as text: symbols and digits, or letters of several scripts
    mixed as no language writes them), or None. Judged on the first ``sample`` characters."""
    import unicodedata

    head = text[:sample]
    visible = [ch for ch in head if not ch.isspace()]
    if len(visible) < 40:
        return None
    letters = [ch for ch in visible if ch.isalpha()]
    if len(letters) < MIN_LETTER_SHARE * len(visible):
        return f"not prose: {len(letters)} letters among {len(visible)} visible characters"
    scripts: dict[str, int] = {}
    for ch in letters:
        word = unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]
        if word == "CJK":
            word = "CJK"
        fam = _SCRIPT_FAMILY.get(word, word)
        scripts[fam] = scripts.get(fam, 0) + 1
    main, n = max(scripts.items(), key=lambda kv: kv[1])
    if n < MIN_MAIN_SCRIPT_SHARE * len(letters):
        mix = ", ".join(f"{k.lower()} {v * 100 // len(letters)}%" for k, v in
                        sorted(scripts.items(), key=lambda kv: -kv[1])[:3])
        return f"not prose: letters of several scripts mixed ({mix})"
    if main in _UNSPACED_SCRIPTS:
        return None
    tokens = head.split()
    mean = sum(map(len, tokens)) / len(tokens)
    if len(head) >= 200 and mean > MAX_MEAN_WORD:
        return f"not prose: no words (on average {mean:.0f} characters between spaces)"
    words = [t.strip(".,;:!?\"'()[]«»“”‘’-") for t in tokens]
    words = [w for w in words if len(w) > 2 and w.isalpha()]
    mixed = sum(1 for w in words if any(c.isupper() for c in w[1:]) and any(c.islower() for c in w))
    if len(words) >= 20 and mixed > MAX_MIXED_CASE_SHARE * len(words):
        return f"not prose: {mixed} of {len(words)} words mix upper and lower case inside"
    return None


def _cp1252_ok(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _letters_ratio(text: str) -> float:
    if not text:
        return 0.0
    good = sum(1 for ch in text if ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-–—‘’“”€£$%&/")
    return good / len(text)


def _check_controls(dec: Decoded) -> Decoded:
    sample = dec.text[:8192]
    if sample and len(_CONTROL.findall(sample)) > max(8, 0.02 * len(sample)):
        raise IngestProblem("binary", "binary content (control characters), not text")
    return dec


_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main|h1|table|span|!--)\b", re.I)
_FEED_START = re.compile(r"<(?:rss|feed|rdf:rdf|channel)\b", re.I)


def sniff(text: str, *, name: str = "") -> str:
    """The format of a decoded document: content first, the file name as a tie-breaker."""
    head = text[:4096].lstrip("\ufeff \t\r\n")
    low_name = name.lower()
    for suffix in (".gz", ".gzip"):
        if low_name.endswith(suffix):
            low_name = low_name[: -len(suffix)]
    if head.startswith("WARC/"):
        return "warc"
    if head.startswith("<"):
        body = re.sub(r"^(?:<\?xml[^>]*\?>|<!--.*?-->|\s)+", "", head, flags=re.S)
        if _FEED_START.match(body) or (body.startswith("<") and _FEED_START.search(body[:2000]) and "<html" not in body[:2000].lower()):
            return "feed"
        if _HTML_START.match(body) or "<html" in head.lower():
            return "html"
        if low_name.endswith((".xml", ".rss", ".atom", ".rdf")):
            return "feed"
        return "html"
    if head.startswith(("{", "[")):
        if low_name.endswith((".jsonl", ".ndjson", ".jsonlines")):
            return "jsonl"
        if low_name.endswith(".json"):
            return "json"
        first = head.split("\n", 1)[0].strip()
        if head.startswith("{") and first.endswith("}") and "\n" in text.strip():
            return "jsonl"
        return "json"
    if low_name.endswith((".jsonl", ".ndjson", ".jsonlines")):
        return "jsonl"
    if low_name.endswith(".json"):
        return "json"
    if low_name.endswith((".csv", ".tsv")):
        return "csv"
    return "text"
