"""``POST /code``: an article in (text, HTML, JSON, a multipart upload or raw bytes, read by the ingest
layer), its record out; ``?store=true`` also writes it (a write endpoint)."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..coder import code_article
from ..errors import CommuniqueError, InputError
from ..ingest import read_bytes, read_text
from ..ingest.published import given_date
from ..records import Article, ArticleRecord, DocError
from .errors import InvalidRequest, TooLarge, UnsupportedMediaType
from .state import ApiState, api_state, require_write

log = logging.getLogger(__name__)

router = APIRouter()

_TEXT_TYPES = {"text/plain", "text/markdown", ""}
_HTML_TYPES = {"text/html", "application/xhtml+xml"}
_JSON_TYPES = {"application/json"}
_BYTES_TYPES = {"application/octet-stream", "application/gzip", "application/x-gzip", "application/xml",
                "text/xml", "application/rss+xml", "application/atom+xml", "application/warc"}


def _article_from(item: Any) -> Article:
    """The first article a reader gave, or an error carrying the reader's stable code."""
    if isinstance(item, Article):
        return item
    if isinstance(item, DocError):
        err: CommuniqueError = TooLarge(item.message) if item.code in {"too_large", "too_long"} else InputError(item.message)
        err.code = item.code  # keep the reader's stable code (unsupported_language, empty, binary, ...)
        raise err
    if item is None:
        raise InputError("the request held no article")
    if isinstance(item, list | tuple):
        return _article_from(item[0] if item else None)
    if hasattr(item, "__iter__"):
        return _article_from(next(iter(item), None))
    raise InputError(f"reader returned {type(item).__name__}")


def _check_published(published: str | None) -> str | None:
    """The ``published`` parameter as YYYY-MM-DD (ingest's :func:`given_date`), or 422."""
    try:
        return given_date(published)
    except ValueError as exc:
        raise InvalidRequest(f"published: {exc}") from exc


def read_text_article(text: str, *, name: str, published: str | None, title: str | None = None,
                      fmt: str | None = None) -> Article:
    """Text through the ingest layer (format sniffed unless ``fmt``; zones, standfirst, credits...)."""
    if not text.strip():
        err = InputError("the article text is empty")
        err.code = "empty"
        raise err
    art = _article_from(read_text(text, name=name, published=published, fmt=fmt))
    if title:
        art.title = title
    return art


def read_bytes_article(data: bytes, *, name: str, published: str | None, fmt: str | None = None) -> Article:
    """Bytes (an upload, an HTML page, a JSON object, a feed) through the ingest layer's readers."""
    return _article_from(read_bytes(data, name=name, published=published, fmt=fmt))


def _form_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value != "" else None


async def _read_request(request: Request, *, published: str | None, title: str | None, name: str | None
                        ) -> tuple[Article, str | None]:
    """The article a POST /code request carries, by its content type; and the title a form gave."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    doc_name = name or "request"
    if ctype == "multipart/form-data" or ctype == "application/x-www-form-urlencoded":
        form = await request.form()
        published = _check_published(_form_str(form.get("published"))) or published
        title = _form_str(form.get("title")) or title
        upload = form.get("file")
        if upload is not None and hasattr(upload, "read"):
            data = await upload.read()
            fname = getattr(upload, "filename", None) or doc_name
            article = await run_in_threadpool(read_bytes_article, data, name=fname, published=published)
        else:
            text = _form_str(form.get("text")) or ""
            article = await run_in_threadpool(read_text_article, text, name=doc_name, published=published)
    else:
        data = await request.body()
        if ctype in _JSON_TYPES:
            article = await run_in_threadpool(read_bytes_article, data, name=name or "request.json",
                                              published=published, fmt="json")
        elif ctype in _HTML_TYPES:
            article = await run_in_threadpool(read_bytes_article, data, name=name or "request.html",
                                              published=published, fmt="html")
        elif ctype in _TEXT_TYPES or ctype.startswith("text/"):
            charset = request.headers.get("content-type", "").partition("charset=")[2].strip().strip('"')
            try:
                text = data.decode(charset or "utf-8")
            except (UnicodeDecodeError, LookupError):  # let the reader detect the encoding
                article = await run_in_threadpool(read_bytes_article, data, name=doc_name, published=published)
            else:
                article = await run_in_threadpool(read_text_article, text, name=doc_name, published=published)
        elif ctype in _BYTES_TYPES:
            article = await run_in_threadpool(read_bytes_article, data, name=doc_name, published=published)
        else:
            raise UnsupportedMediaType(
                f"cannot code {ctype!r}: send text/plain, text/html, application/json, multipart/form-data "
                "or application/octet-stream"
            )
    return article, title


@router.post(
    "/code",
    tags=["code"],
    summary="Code one article",
    response_description="the article record (docs/record.md)",
    openapi_extra={
        "requestBody": {
            "content": {
                "text/plain": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
                "application/json": {"schema": {"type": "object", "required": ["text"], "properties": {
                    "text": {"type": "string"}, "title": {"type": "string"},
                    "published": {"type": "string", "format": "date"}, "url": {"type": "string"},
                    "outlet": {"type": "string"}, "id": {"type": "string"}}}},
                "multipart/form-data": {"schema": {"type": "object", "properties": {
                    "file": {"type": "string", "format": "binary"}, "text": {"type": "string"},
                    "published": {"type": "string"}}}},
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
            },
            "required": True,
        }
    },
)
async def code(
    request: Request,
    published: str | None = Query(None, description="publication date YYYY-MM-DD when the input has none"),
    title: str | None = Query(None, description="title, when the text has none"),
    name: str | None = Query(None, description="file name: tells the format of a raw upload"),
    store: bool = Query(False, description="also write the record to the store (needs the token)"),
    merge: bool = Query(True, description="with store: recompute merged events afterwards"),
    state: ApiState = Depends(api_state),
) -> JSONResponse:
    """Plain text, HTML, JSON (`{"text", "title", "published", "url", "outlet", "id"}`), a multipart
    upload (`file` or `text` field) or raw bytes (`?name=page.html`) in; the article record out."""
    if store:
        require_write(request, state)
    published = _check_published(published)
    article, title = await _read_request(request, published=published, title=title, name=name)
    if title:
        article.title = title
    if len(article.text) > state.settings.max_chars:
        raise TooLarge(f"the article has {len(article.text)} characters, more than the limit of {state.settings.max_chars}")
    record = await run_in_threadpool(_code_one, state, article)
    headers = {}
    if store:
        await run_in_threadpool(_store_one, state, record, merge)
        headers["X-Communique-Stored"] = "true"
    return JSONResponse(record.to_dict(), headers=headers)


def _code_one(state: ApiState, article: Article) -> ArticleRecord:
    """Code ``article`` on a pipeline of its lane (PipelinePool): a long article holds the long lane's
    pipeline, and short articles go on being coded on the short lane's."""
    pool = state.get_pool()
    chars = len(article.text)
    nlp = pool.take(chars)
    try:
        return code_article(article, nlp=nlp)
    finally:
        pool.give(nlp, chars)


def _store_one(state: ApiState, record: ArticleRecord, merge: bool) -> None:
    def write(store: Any) -> None:
        store.write_batch([record])
        if merge and hasattr(store, "merge"):
            store.merge()

    state.with_store(write)
