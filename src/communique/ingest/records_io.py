"""JSON Lines and JSON article inputs, and WARC archives (through warcio).

JSON Lines: one object per line with ``text`` (required) and any of ``id``, ``title``, ``published``
(YYYY-MM-DD), ``url``, ``outlet``; a bad line yields an error in its place (``path#LINE``) and the
rest go on. A ``.json`` file may hold one such object, a list of them, or a JSON Feed.

WARC: every ``response`` (or ``resource``) record whose payload is HTML becomes an article with the
record's target URI; the page's own date wins, else the record date. Other records are skipped.
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any, BinaryIO

from .build import Extracted, parse_date
from .decode import IngestProblem, decode
from .feeds import is_json_feed, item_name, read_json_feed
from .html import extract_html

log = logging.getLogger(__name__)

JSONL_FIELDS = ("text", "id", "title", "published", "url", "outlet")

#: CSV/TSV columns accepted for each article field (header names, case-insensitive), first found wins
CSV_COLUMNS = {
    "text": ("text", "body", "content", "article", "story", "full_text"),
    "id": ("id", "article_id", "doc_id", "guid"),
    "title": ("title", "headline"),
    "published": ("published", "date", "pubdate", "publication_date", "published_at", "datetime"),
    "url": ("url", "link", "web_url"),
    "outlet": ("outlet", "source", "publication", "publisher"),
}


class Skipped(IngestProblem):
    """Not a document (a WARC request record, an image response...): counted, not an error."""


def _from_object(obj: Any, *, document: str) -> Extracted | IngestProblem:
    if not isinstance(obj, dict):
        return IngestProblem("bad_record", f"expected a JSON object, got {type(obj).__name__}")
    input_id = obj.get("id")
    input_id = str(input_id) if input_id is not None else None
    text = obj.get("text")
    if text is None:
        p = IngestProblem("missing_text", "the object has no 'text' field")
        p.input_id = input_id  # type: ignore[attr-defined]
        return p
    if not isinstance(text, str):
        p = IngestProblem("bad_record", f"'text' must be a string, got {type(text).__name__}")
        p.input_id = input_id  # type: ignore[attr-defined]
        return p
    warnings: list[str] = []
    published = None
    if obj.get("published") not in (None, ""):
        published = parse_date(obj.get("published"))
        if published is None:
            warnings.append(f"published: not a date, ignored: {str(obj.get('published'))[:40]!r}")
    for key in ("title", "url", "outlet"):
        if obj.get(key) is not None and not isinstance(obj.get(key), str):
            warnings.append(f"{key}: not a string, ignored")
            obj = {**obj, key: None}
    return Extracted(
        body=text,
        document=document,
        title=(obj.get("title") or "").strip() or None,
        published=published,
        url=obj.get("url") or None,
        outlet=obj.get("outlet") or None,
        language=obj.get("language") if isinstance(obj.get("language"), str) else None,
        input_id=input_id,
        warnings=warnings,
        title_in_body=None,
    )


def read_jsonl(text: str, *, document: str) -> Iterator[Extracted | IngestProblem]:
    """One Extracted or IngestProblem per non-blank line, named ``document#LINE``."""
    any_line = False
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        any_line = True
        name = f"{document}#{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _named(IngestProblem("bad_json", f"line {n} is not JSON: {exc.msg} (column {exc.colno})"), name)
            continue
        except RecursionError:
            yield _named(IngestProblem("bad_json", f"line {n} is nested too deeply to read"), name)
            continue
        item = _from_object(obj, document=name)
        yield _named(item, name) if isinstance(item, IngestProblem) else item
    if not any_line:
        raise IngestProblem("empty", "no lines")


def read_csv(text: str, *, document: str) -> Iterator[Extracted | IngestProblem]:
    """CSV or TSV with a header row: one article per row (columns as in CSV_COLUMNS); a row without
    text is an error in its place (``path#ROW``, counting the header as row 1), the rest go on."""
    import csv

    csv.field_size_limit(1 << 30)
    sample = text[:8192]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",\t;|")
    except csv.Error:
        dialect = csv.excel_tab if document.lower().removesuffix(".gz").endswith(".tsv") else csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise IngestProblem("bad_record", f"no CSV header row: {exc}") from exc
    cols = {field: next((header.index(c) for c in names if c in header), None) for field, names in CSV_COLUMNS.items()}
    if cols["text"] is None:
        raise IngestProblem("missing_text", f"no text column (one of {', '.join(CSV_COLUMNS['text'])}) in the header")
    row_no = 1
    try:
        for row in reader:
            row_no += 1
            if not any(cell.strip() for cell in row):
                continue
            obj = {f: row[i] for f, i in cols.items() if i is not None and i < len(row) and row[i] != ""}
            if obj.get("id") is None and header and header[0] in ("", "index") and row:
                obj["id"] = row[0]  # an unnamed index column (pandas' to_csv) identifies the row
            item = _from_object(obj, document=f"{document}#{row_no}")
            if isinstance(item, IngestProblem):
                item.document = f"{document}#{row_no}"  # type: ignore[attr-defined]
            yield item
    except csv.Error as exc:
        raise IngestProblem("bad_record", f"row {row_no + 1}: {exc}") from exc


def _named(p: IngestProblem, name: str) -> IngestProblem:
    p.document = name  # type: ignore[attr-defined]
    return p


def read_json(text: str, *, document: str) -> Iterator[Extracted | IngestProblem]:
    """A .json document: a JSON Feed, one article object, or a list of article objects."""
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        # maybe JSON Lines under a .json name
        if text.lstrip().startswith("{") and "\n" in text.strip():
            yield from read_jsonl(text, document=document)
            return
        raise IngestProblem("bad_json", f"not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})") from exc
    except RecursionError:
        raise IngestProblem("bad_json", "JSON nested too deeply to read (thousands of levels)") from None
    if is_json_feed(obj):
        yield from read_json_feed(obj, document=document)
    elif isinstance(obj, dict):
        item = _from_object(obj, document=document)
        if isinstance(item, IngestProblem):
            raise item
        yield item
    elif isinstance(obj, list):
        if not obj:
            raise IngestProblem("empty", "empty JSON list")
        for i, o in enumerate(obj, start=1):
            name = item_name(document, i)
            item = _from_object(o, document=name)
            yield _named(item, name) if isinstance(item, IngestProblem) else item
    else:
        raise IngestProblem("bad_record", f"expected a JSON object or list, got {type(obj).__name__}")


def read_warc(
    data: bytes | BinaryIO, *, document: str, complete: bool = True, max_bytes: int
) -> Iterator[Extracted | IngestProblem]:
    """HTML records of a WARC: bytes (already decompressed) or a binary stream (a file of any size,
    gzipped or not; records are read one by one, ``max_bytes`` applies to each). A truncated archive
    yields its readable records, then an IngestProblem ``truncated_warc``."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    stream = io.BytesIO(data) if isinstance(data, bytes | bytearray) else data
    n = 0
    pages = 0
    truncated: str | None = None if complete else "the gzip stream ends early"
    archive = ArchiveIterator(stream, check_digests=False)
    try:
        for record in archive:
            if not record.rec_type or not record.rec_headers.get_header("WARC-Record-ID"):
                raise ValueError(f"record {n + 1} has no WARC-Type or WARC-Record-ID header")
            n += 1
            name = item_name(document, n)
            if record.rec_type not in {"response", "resource"}:
                continue
            ctype = ""
            if record.http_headers is not None:
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            else:
                ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
            payload = record.content_stream().read(max_bytes + 1)
            if len(payload) <= max_bytes and getattr(record.raw_stream, "limit", 0) > 0:
                truncated = f"record {n} is shorter than its Content-Length"
                break
            if "html" not in ctype and not payload.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
                yield _named(Skipped("not_html", f"{record.rec_type} record of type {ctype or 'unknown'}"), name)
                continue
            if len(payload) > max_bytes:
                yield _named(IngestProblem("too_large", f"record payload over {max_bytes} bytes"), name)
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                html = decode(payload).text
                ex = extract_html(html, document=name, url=url)
            except IngestProblem as exc:
                yield _named(exc, name)
                continue
            if not ex.published:
                ex.published = parse_date(record.rec_headers.get_header("WARC-Date"))
                if ex.published:
                    ex.warnings.append("published: the WARC record date (the page gives none)")
            ex.input_id = record.rec_headers.get_header("WARC-Record-ID")
            yield ex
    except (ArchiveLoadFailed, EOFError, ValueError, OSError, AttributeError, TypeError) as exc:
        # warcio fails in several ways on a cut or garbled archive
        if n == 0:
            raise IngestProblem("broken_warc", f"no WARC record could be read: {type(exc).__name__}: {str(exc)[:160]}") from exc
        truncated = f"{type(exc).__name__}: {str(exc)[:160]}"
    if truncated is None and _bytes_left(stream, archive.offset):
        truncated = f"bytes left after record {n} do not make a whole record"
    if n == 0 and truncated is None:
        raise IngestProblem("broken_warc", "no WARC records could be read")
    if pages == 0 and truncated is None:
        yield IngestProblem("no_pages", f"none of the {n} WARC record(s) is an HTML page")
    if truncated is not None:
        yield IngestProblem("truncated_warc", f"truncated WARC after {n} record(s): {truncated}")


def _bytes_left(stream: Any, offset: int) -> bool:
    """Whether the archive holds more than blank bytes after ``offset`` (where warcio stopped)."""
    try:
        stream.seek(offset)
        rest = stream.read(256)
    except (OSError, ValueError):
        return False
    return bool(rest.strip(b"\r\n\t \x00"))
