"""Readers for every input format: plain text, HTML, RSS/Atom/JSON Feed, JSON Lines, JSON, WARC
(each possibly gzipped, detected by content).

``read_paths(paths, ...)`` (a path ``-`` is standard input) yields an :class:`~communique.records.Article` or a
:class:`~communique.records.DocError` per document, in input order, and never raises for a bad
document. ``read_bytes`` and ``read_text`` do the same for one document held in memory (the HTTP API's
POST /code). A DocError whose ``skipped`` attribute is true is not a failure: a file a folder walk
passes over (an image, a LICENSE) or an archive record that is not a page.

Error codes (stable): ``not_found``, ``unreadable``, ``empty``, ``too_large``, ``too_long``,
``binary``, ``undecodable``, ``truncated_gzip``, ``truncated_warc``, ``broken_warc``,
``malformed_html``, ``no_text``, ``broken_feed``, ``empty_feed``, ``bad_item``, ``bad_json``,
``bad_record``, ``missing_text``, ``broken_zip``, ``unsupported_language``, ``unsupported_format``,
``not_text`` (junk: symbols or mixed scripts), ``not_regular_file`` (a FIFO, socket or device),
``symlink_loop``, ``dangling_link``; skipped:
``skipped_file``, ``not_html``.
"""

from __future__ import annotations

import datetime as dt
import glob
import logging
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings, get_settings
from ..errors import InputError
from ..records import Article, DocError
from .build import Extracted, given_date, make_article
from .decode import FORMATS, GZIP_MAGIC, ZIP_MAGIC, IngestProblem, decode, gunzip, sniff
from .feeds import read_xml_feed
from .html import extract_html
from .layout import cues
from .records_io import Skipped, read_csv, read_json, read_jsonl, read_warc

__all__ = ["FORMATS", "read_bytes", "read_paths", "read_text", "iter_files"]

log = logging.getLogger(__name__)

_GLOB_CHARS = set("*?[")


def _published(published: str | dt.date | None) -> str | None:
    try:
        return given_date(published)
    except ValueError as exc:
        raise InputError(str(exc)) from exc


def _settings(settings: Settings | None) -> Settings:
    return settings or get_settings()


_FMT_ALIASES = {"txt": "text", "plain": "text", "htm": "html", "rss": "feed", "atom": "feed", "xml": "feed",
                "ndjson": "jsonl", "jsonlines": "jsonl", "json-feed": "json", "jsonfeed": "json"}


def _check_fmt(fmt: str | None) -> str | None:
    if fmt is not None:
        fmt = _FMT_ALIASES.get(fmt.lower().lstrip("."), fmt.lower().lstrip("."))
    if fmt is not None and fmt not in FORMATS:
        raise InputError(f"unknown input format {fmt!r}: expected one of {', '.join(FORMATS)}")
    return fmt


def _skip(document: str, code: str, message: str) -> DocError:
    return DocError(document=document, code=code, message=message, skipped=True)


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | DocError]:
    """Expand files, folders (recursed, name order) and globs to files, in input order; a path that
    names nothing is a DocError ``not_found``; files a folder walk passes over are skipped DocErrors."""
    c = cues()
    for p in paths:
        raw = str(p)
        path = Path(raw)
        if raw == "-":
            yield path  # standard input
        elif path.is_file():
            yield path
        elif path.is_dir():
            yield from _walk(path, c.skip_names, c.skip_extensions)
        elif os.path.lexists(raw):  # a FIFO, a device, a dangling link or a link loop
            yield _not_a_file(path)
        elif _GLOB_CHARS & set(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield DocError(document=raw, code="not_found", message="no file matches this pattern")
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    yield from _walk(mp, c.skip_names, c.skip_extensions)
                elif mp.is_file():
                    yield mp
                else:
                    yield _not_a_file(mp)
        else:
            yield DocError(document=raw, code="not_found", message="no such file or folder")


def _not_a_file(path: Path) -> DocError:
    """The error for a path that exists as a name but is no regular file to read: ``symlink_loop``,
    ``dangling_link`` or ``not_regular_file`` (a FIFO, a socket, a device: never opened, a FIFO would
    block the run)."""
    import errno
    import stat

    try:
        st = os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return DocError(document=str(path), code="symlink_loop", message="a symbolic link that leads back to itself")
        if os.path.islink(path):
            return DocError(document=str(path), code="dangling_link",
                            message=f"a symbolic link to {os.readlink(path)!r}, which does not exist")
        return DocError(document=str(path), code="unreadable", message=exc.strerror or str(exc))
    kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode)
            else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "not a regular file")
    return DocError(document=str(path), code="not_regular_file", message=f"{kind}, not a file to read")


def _walk(root: Path, skip_names: frozenset[str], skip_ext: tuple[str, ...]) -> Iterator[Path | DocError]:
    """Files under ``root`` in name order; links to folders are followed once (a folder reached again
    through a link is named ``symlink_loop``); every entry that is not read is named with a reason."""
    seen = {os.path.realpath(root)}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True):
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            dp = os.path.join(dirpath, d)
            real = os.path.realpath(dp)
            here = os.path.realpath(dirpath)
            if os.path.islink(dp) and (real in seen or (here + os.sep).startswith(real + os.sep)):
                yield DocError(document=dp, code="symlink_loop", message=f"a link to a folder already read ({real})")
                continue
            seen.add(real)
            keep.append(d)
        dirnames[:] = keep
        for fn in sorted(filenames):
            fp = Path(dirpath) / fn
            low = fn.lower()
            if low.startswith(".") or low in skip_names or low.endswith(skip_ext):
                yield _skip(str(fp), "skipped_file", "not an article file (by its name)")
            elif fp.is_file():
                yield fp
            else:
                yield _not_a_file(fp)


def read_paths(
    paths: Iterable[str | Path],
    *,
    published: str | dt.date | None = None,
    settings: Settings | None = None,
    fmt: str | None = None,
) -> Iterator[Article | DocError]:
    """Articles and per-document errors from files, folders and globs, in input order.

    ``published``: the date to use when a document carries none (date_basis "given"); ``fmt``: force
    the input format (text, html, feed, json, jsonl, warc) instead of detecting it. Raises InputError
    only for a bad ``published`` or ``fmt`` argument, never for a bad document.
    """
    settings = _settings(settings)
    pub = _published(published)
    fmt = _check_fmt(fmt)
    for item in iter_files(paths):
        if isinstance(item, DocError):
            yield item
            continue
        if str(item) == "-":
            yield from _read(sys.stdin.buffer.read(settings.max_bytes + 1), name="<stdin>", published=pub, fmt=fmt,
                             settings=settings)
            continue
        name = str(item)
        try:
            size = item.stat().st_size
            if size > settings.max_bytes:
                if fmt in (None, "warc") and _is_warc_file(item):
                    # an archive of any size is read record by record; max_bytes applies to each record
                    yield from _read_warc_file(item, published=pub, settings=settings)
                    continue
                yield DocError(document=name, code="too_large",
                               message=f"{size} bytes, more than max_bytes={settings.max_bytes}")
                continue
            data = item.read_bytes()
        except OSError as exc:
            yield DocError(document=name, code="unreadable", message=exc.strerror or str(exc))
            continue
        yield from _read(data, name=name, published=pub, fmt=fmt, settings=settings)


def _is_warc_file(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(4096)
    if head.startswith(GZIP_MAGIC):
        import zlib

        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return False
    return head.lstrip()[:5] == b"WARC/"


def _read_warc_file(path: Path, *, published: str | None, settings: Settings) -> Iterator[Article | DocError]:
    name = str(path)
    with open(path, "rb") as fh:
        yield from _convert(read_warc(fh, document=name, max_bytes=settings.max_bytes), name=name,
                            published=published, settings=settings, check_language=True)


def read_bytes(
    data: bytes,
    *,
    name: str,
    published: str | dt.date | None = None,
    fmt: str | None = None,
    settings: Settings | None = None,
    check_language: bool = True,
) -> Iterator[Article | DocError]:
    """Articles and errors of one document given as bytes (a file's content, an uploaded body)."""
    return _read(data, name=name, published=_published(published), fmt=_check_fmt(fmt),
                 settings=_settings(settings), check_language=check_language)


def read_text(
    text: str,
    *,
    name: str,
    published: str | dt.date | None = None,
    fmt: str | None = None,
    settings: Settings | None = None,
    check_language: bool = True,
) -> Iterator[Article | DocError]:
    """Articles and errors of one document given as text (format detected unless ``fmt``)."""
    settings = _settings(settings)
    pub = _published(published)
    fmt = _check_fmt(fmt)
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > settings.max_bytes:
        return iter([DocError(document=name, code="too_large",
                              message=f"{size} bytes, more than max_bytes={settings.max_bytes}")])
    if not text.strip():
        return iter([DocError(document=name, code="empty", message="empty or whitespace-only document")])
    kind = fmt or sniff(text, name=name)
    if kind in {"warc", "feed"}:
        return _read(text.encode("utf-8"), name=name, published=pub, fmt=kind, settings=settings,
                     check_language=check_language)
    return _dispatch(kind, text, b"", name=name, published=pub, settings=settings, check_language=check_language)


def _read(
    data: bytes, *, name: str, published: str | None, fmt: str | None, settings: Settings, check_language: bool = True
) -> Iterator[Article | DocError]:
    try:
        if len(data) > settings.max_bytes:
            raise IngestProblem("too_large", f"{len(data)} bytes, more than max_bytes={settings.max_bytes}")
        if not data.strip():
            raise IngestProblem("empty", "empty or whitespace-only document")
        complete = True
        if data.startswith(GZIP_MAGIC):
            data, complete = gunzip(data, max_bytes=settings.max_bytes)
            if not data.strip():
                raise IngestProblem("empty", "empty document inside gzip")
        if data.startswith(ZIP_MAGIC):
            yield from _read_zip(data, name=name, published=published, fmt=fmt, settings=settings,
                                 check_language=check_language)
            return
        if fmt == "warc" or data.lstrip()[:5] == b"WARC/":
            yield from _convert(read_warc(data, document=name, complete=complete, max_bytes=settings.max_bytes),
                                name=name, published=published, settings=settings, check_language=check_language)
            return
        if not complete:
            raise IngestProblem("truncated_gzip", "truncated gzip stream (the document is incomplete)")
        decoded = decode(data)
        text = decoded.text
        if not text.strip():
            raise IngestProblem("empty", "empty or whitespace-only document")
        kind = fmt or sniff(text, name=name)
    except IngestProblem as exc:
        yield DocError(document=name, code=exc.code, message=exc.message)
        return
    yield from _dispatch(kind, text, data, name=name, published=published, settings=settings,
                         check_language=check_language, warnings=decoded.warnings)


def _read_zip(
    data: bytes, *, name: str, published: str | None, fmt: str | None, settings: Settings, check_language: bool
) -> Iterator[Article | DocError]:
    """Every file in a ZIP archive, read as its own document named ``archive::member``; max_bytes applies
    to each member."""
    import zipfile
    from io import BytesIO

    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = [m for m in archive.infolist() if not m.is_dir()]
    except (zipfile.BadZipFile, OSError) as exc:
        yield DocError(document=name, code="broken_zip", message=f"not a readable ZIP archive: {exc}")
        return
    if not members:
        yield DocError(document=name, code="empty", message="the ZIP archive holds no files")
        return
    for m in sorted(members, key=lambda m: m.filename):
        member = f"{name}::{m.filename}"
        if m.filename.rsplit("/", 1)[-1].startswith(".") or "__MACOSX/" in m.filename:
            yield _skip(member, "skipped_file", "not an article file (by its name)")
            continue
        if m.file_size > settings.max_bytes:
            yield DocError(document=member, code="too_large",
                           message=f"{m.file_size} bytes, more than max_bytes={settings.max_bytes}")
            continue
        try:
            payload = archive.read(m)
        except (zipfile.BadZipFile, OSError, EOFError, zlib.error) as exc:
            yield DocError(document=member, code="broken_zip", message=f"cannot extract: {exc}")
            continue
        yield from _read(payload, name=member, published=published, fmt=fmt, settings=settings,
                         check_language=check_language)


def _dispatch(
    kind: str, text: str, data: bytes, *, name: str, published: str | None, settings: Settings,
    check_language: bool, warnings: list[str] | None = None,
) -> Iterator[Article | DocError]:
    try:
        if kind == "text":
            source: Iterator[Extracted | IngestProblem] = iter([Extracted(body=text, document=name)])
        elif kind == "html":
            source = iter([extract_html(text, document=name)])
        elif kind == "feed":
            source = read_xml_feed(data or text.encode("utf-8"), document=name)
        elif kind == "jsonl":
            source = read_jsonl(text, document=name)
        elif kind == "json":
            source = read_json(text, document=name)
        elif kind == "csv":
            source = read_csv(text, document=name)
        elif kind == "warc":
            source = read_warc(data or text.encode("utf-8"), document=name, max_bytes=settings.max_bytes)
        else:
            raise IngestProblem("unsupported_format", f"unknown format {kind!r}")
        yield from _convert(source, name=name, published=published, settings=settings,
                            check_language=check_language, warnings=warnings)
    except IngestProblem as exc:
        yield DocError(document=name, code=exc.code, message=exc.message)


def _convert(
    source: Iterator[Extracted | IngestProblem], *, name: str, published: str | None, settings: Settings,
    check_language: bool, warnings: list[str] | None = None,
) -> Iterator[Article | DocError]:
    """Extracted -> Article (or DocError); IngestProblems yielded in place become DocErrors. An
    IngestProblem raised by the source ends the document with an error after what it yielded."""
    try:
        for item in source:
            if isinstance(item, IngestProblem):
                doc = getattr(item, "document", None) or name
                err = DocError(document=doc, code=item.code, message=item.message,
                               input_id=getattr(item, "input_id", None))
                if isinstance(item, Skipped):
                    err.skipped = True  # type: ignore[attr-defined]
                yield err
                continue
            if warnings:
                item.warnings = [*warnings, *item.warnings]
            try:
                yield make_article(item, settings=settings, published=published, check_language=check_language)
            except Exception as exc:  # one document must not stop the batch; the traceback goes to the debug log
                log.debug("could not build the article for %s", item.document, exc_info=True)
                yield DocError(document=item.document, code="unreadable", message=f"{type(exc).__name__}: {exc}",
                               input_id=item.input_id)
    except IngestProblem as exc:
        yield DocError(document=name, code=exc.code, message=exc.message)
    except RecursionError:  # a document nested thousands deep (JSON, HTML): named, no traceback
        log.debug("reader recursion on %s", name, exc_info=True)
        yield DocError(document=name, code="unreadable", message="nested too deeply to read")
    except Exception as exc:  # a reader bug on one document must not stop the batch
        log.debug("reader failed on %s", name, exc_info=True)
        yield DocError(document=name, code="unreadable", message=f"{type(exc).__name__}: {exc}")
