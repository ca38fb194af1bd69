"""The HTTP API and the dashboard: ``create_app(db=..., token=...)`` builds a FastAPI app over one DuckDB store.

Endpoints (all JSON; errors always ``{"error": {"code": ..., "message": ...}}``):

=============================  ===========================================================================
``POST /code``                 text/plain, text/html, application/json, multipart upload or raw bytes in;
                               the article record out. ``?store=true`` also writes it (a write endpoint)
``GET /articles``              stored articles (``q``, ``limit``, ``offset``)
``GET /articles/{id}``         one stored article record
``GET /events``                event mentions or merged events with filters, sorting and pagination
``GET /actors``                actors (``q``)
``GET /dyads/{a}/{b}``         cooperation and conflict between two actors over time
``GET /alignment/{a}/{b}``     alignment index between two actors over time
``GET /network``               actors, coop/conflict edges and blocs
``GET /top``                   the dyads that moved most between two periods
``GET /export/{what}.{fmt}``   events, mentions, plover, gdelt or polecat tables as csv, tsv, jsonl, json or
                               parquet, for the filters of ``/events`` (api/views.py)
``GET /map``, ``/timeline``    located events aggregated per place; events per period (api/views.py)
``GET /health``                status and row counts
``GET /``                      the dashboard (static files in ``api/static``); ``/docs`` the OpenAPI UI
=============================  ===========================================================================

Write endpoints need the token (``Authorization: Bearer <token>`` or ``X-Communique-Token``) when one is
set; when the server is bound to a non-loopback address without a token they are disabled.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hmac
import importlib
import ipaddress
import json
import logging
import os
import threading
from collections.abc import Callable
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..config import Settings, get_settings
from ..errors import CommuniqueError, InputError, NotFound
from ..periods import period_day
from ..records import Article, ArticleRecord, DocError, normalise_text
from .errors import (
    STATUS_CODES,
    InvalidRequest,
    QueryTimeout,
    ReadOnly,
    TokenRequired,
    TooLarge,
    Unauthorized,
    Unavailable,
    UnsupportedMediaType,
)
from .guard import GuardMiddleware, allowed_host_names

log = logging.getLogger(__name__)

STATIC_DIR = Path(str(resources.files("communique.api") / "static"))
MAX_LIMIT = 1000
#: the largest ``offset`` a list accepts (422 beyond: a larger one would overflow the store's integers)
MAX_OFFSET = 1_000_000_000
#: dates a query or a ``published`` parameter may name (422 outside): far enough for any news archive, and
#: far from the calendar's ends, where period arithmetic ("a week ago", the week of 0001-01-01) overflows
MIN_DAY = dt.date(1000, 1, 1)
MAX_DAY = dt.date(9000, 12, 31)
#: the most periods a dyad or alignment series may span (422 beyond): 10,000 days is 27 years by day
MAX_PERIODS = 10_000
EVENT_SORTS = ("date", "-date", "goldstein", "-goldstein", "mentions")
_STATUS_HELP = ("statuses counted (default: reported, ongoing, attempted, claimed; not negated): a comma list, "
                "'negated' brings negated events in, or 'all'")

# a strict content security policy: everything the dashboard loads comes from this server
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host in {"localhost", "ip6-localhost"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def error_body(code: str, message: str) -> dict[str, dict[str, str]]:
    return {"error": {"code": code, "message": message}}


def _error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


# --------------------------------------------------------------------------------------------------
# Request size limit: a pure ASGI middleware so it applies before any body is parsed
# --------------------------------------------------------------------------------------------------


class _BodyTooLarge(Exception):
    pass


class SizeLimitMiddleware:
    """Answer 413 when a request body is longer than ``max_bytes``: at once from Content-Length, or as
    soon as a chunked body passes the limit."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    length = int(value)
                except ValueError:
                    length = 0
                if length > self.max_bytes:
                    await self._reject(send)
                    return
        seen = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except _BodyTooLarge:
            if not started:
                await self._reject(send)

    async def _reject(self, send: Send) -> None:
        body = json.dumps(
            error_body("too_large", f"request body is larger than the limit of {self.max_bytes} bytes")
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})


# --------------------------------------------------------------------------------------------------
# State shared by the endpoints: one store connection, one pipeline, each behind a lock
# --------------------------------------------------------------------------------------------------


class _Lane:
    """Up to ``capacity`` pipelines, built on first need by ``build``; a thread waits for a free one."""

    def __init__(self, capacity: int, build: Callable[[], Any], first: Any = None) -> None:
        self.capacity = max(1, capacity)
        self.build = build
        self.free: list[Any] = [first] if first is not None else []
        self.built = len(self.free)
        self.cond = threading.Condition()

    def take(self) -> Any:
        with self.cond:
            while not self.free and self.built >= self.capacity:
                self.cond.wait()
            if self.free:
                return self.free.pop()
            self.built += 1
        try:
            log.info("loading a pipeline for POST /code")
            return self.build()
        except Exception:
            with self.cond:
                self.built -= 1
                self.cond.notify()
            raise

    def give(self, nlp: Any) -> None:
        with self.cond:
            self.free.append(nlp)
            self.cond.notify()


class PipelinePool:
    """The spaCy pipelines POST /code codes with, in two lanes, so that a long article never makes a short
    one wait for it: articles of at least ``long_chars`` characters are coded on the long lane (``size - 1``
    pipelines, built on first need), the others on the short lane (the pipeline given). Each pipeline
    codes one document at a time (spaCy is not made for threads); with ``size`` 1 both lanes share it.
    The knowledge tables are shared: another pipeline costs one more spaCy model in memory."""

    def __init__(self, first: Any, size: int = 2, long_chars: int = 20_000, build: Callable[[], Any] | None = None) -> None:
        if build is None:
            from ..nlp import build_pipeline as build
        self.long_chars = long_chars
        self.short = _Lane(1, build, first)
        self.long = _Lane(size - 1, build) if size > 1 else self.short

    def lane(self, chars: int) -> _Lane:
        return self.long if chars >= self.long_chars else self.short

    def take(self, chars: int = 0) -> Any:
        return self.lane(chars).take()

    def give(self, nlp: Any, chars: int = 0) -> None:
        self.lane(chars).give(nlp)


@dataclasses.dataclass
class ApiState:
    db: str
    token: str | None
    host: str
    read_only: bool
    settings: Settings
    nlp: Any = None
    store: Any = None
    store_lock: threading.RLock = dataclasses.field(default_factory=threading.RLock)
    nlp_lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    pool: Any = None

    @property
    def writes_open(self) -> bool:
        return self.token is not None or is_loopback(self.host)

    def get_nlp(self) -> Any:
        if self.nlp is None:
            with self.nlp_lock:
                if self.nlp is None:
                    from ..nlp import get_nlp

                    self.nlp = get_nlp()
        return self.nlp

    def get_pool(self) -> PipelinePool:
        if self.pool is None:
            nlp = self.get_nlp()
            with self.nlp_lock:
                if self.pool is None:
                    self.pool = PipelinePool(nlp, size=self.settings.code_workers,
                                             long_chars=self.settings.code_long_chars)
        return self.pool

    def get_store(self) -> Any:
        if self.store is None:
            with self.store_lock:
                if self.store is None:
                    Store = _optional("communique.store", "Store")
                    try:
                        store = Store(self.db, read_only=self.read_only)
                    except CommuniqueError as exc:  # locked by another process, missing, newer schema...
                        raise Unavailable(f"the store is unavailable: {exc.message}") from exc
                    enter = getattr(store, "__enter__", None)
                    self.store = enter() if enter is not None else store
        return self.store

    def close(self) -> None:
        with self.store_lock:
            if self.store is not None:
                try:
                    self.store.__exit__(None, None, None)
                except Exception:
                    log.warning("closing the store failed", exc_info=True)
                self.store = None

    def with_store(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn(store, ...)`` holding the store lock (one DuckDB connection, used by one thread at a time)."""
        store = self.get_store()
        with self.store_lock:
            return fn(store, *args, **kwargs)

    def read_store(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``with_store`` for a read: the query is interrupted after ``settings.query_timeout`` seconds
        (503 ``query_timeout``), so that no request holds the store for long."""
        store = self.get_store()
        with self.store_lock:
            return run_with_timeout(store, self.settings.query_timeout, fn, store, *args, **kwargs)


def run_with_timeout(store: Any, seconds: float, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args)``; when it runs longer than ``seconds``, the store's DuckDB connection is interrupted
    (``DuckDBPyConnection.interrupt``) and QueryTimeout is raised. The caller holds the store lock."""
    con = getattr(store, "con", None)
    if con is None or not hasattr(con, "interrupt"):
        return fn(*args, **kwargs)
    guard = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with guard:
            if not state["done"]:
                state["fired"] = True
                con.interrupt()

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        if state["fired"]:
            log.warning("query interrupted after %.1f s: %s", seconds, exc)
            raise QueryTimeout(f"the query took more than {seconds:g} s and was stopped: narrow it "
                               "(a shorter window, more filters)") from exc
        raise
    finally:
        with guard:
            state["done"] = True
        timer.cancel()


def _optional(module: str, name: str) -> Any:
    """``module.name``, or Unavailable (503) naming what is missing."""
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        raise Unavailable(f"{module} is not available: {exc}") from exc
    try:
        return getattr(mod, name)
    except AttributeError as exc:
        raise Unavailable(f"{module}.{name} is not available in this installation") from exc


def _jsonable(obj: Any) -> Any:
    """Plain JSON for whatever an analysis function returns (dicts, lists, tuples, dataclasses, pydantic
    models, data frames, dates)."""
    if hasattr(obj, "to_dict") and hasattr(obj, "columns"):  # a pandas DataFrame
        return jsonable_encoder(obj.to_dict(orient="records"))
    if hasattr(obj, "to_pylist"):  # a pyarrow Table
        return jsonable_encoder(obj.to_pylist())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return _jsonable(dataclasses.asdict(obj))
    if isinstance(obj, dict):
        return {str(k): _jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [_jsonable(v) for v in obj]
    if obj is None or isinstance(obj, str | int | float | bool):  # already JSON: the common case, kept fast
        return obj
    return jsonable_encoder(obj)


def _page(rows: Any, total: int, limit: int, offset: int) -> dict[str, Any]:
    items = _jsonable(list(rows))
    nxt = offset + limit if offset + limit < total else None
    return {"items": items, "total": int(total), "limit": limit, "offset": offset, "next_offset": nxt}


def _date_param(value: str | None, name: str) -> str | None:
    """A query date as a full YYYY-MM-DD. A month or a year stands for its first day in a parameter that
    opens a period and for its last day in one that closes it (``end``, ``before_end``...)."""
    if value is None or value == "":
        return None
    day = period_day(value, closes=name.endswith("end"))
    if day is not None:
        if not MIN_DAY <= day <= MAX_DAY:
            raise InvalidRequest(f"{name} must lie between {MIN_DAY} and {MAX_DAY}, not {value!r}")
        return day.isoformat()
    raise InvalidRequest(f"{name} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")


def _period_count(start: str | None, end: str | None, freq: str) -> int:
    """How many ``freq`` periods the window from ``start`` to ``end`` spans (0 when either is open)."""
    if not start or not end:
        return 0
    days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
    return max(0, days // {"day": 1, "week": 7, "month": 28}[freq] + 1)


def _check_window(start: str | None, end: str | None, freq: str) -> None:
    """422 for a window that ends before it starts or spans more than MAX_PERIODS periods."""
    if start and end and start > end:
        raise InvalidRequest(f"start {start} is later than end {end}")
    n = _period_count(start, end, freq)
    if n > MAX_PERIODS:
        raise InvalidRequest(f"the window from {start} to {end} spans about {n} periods of a {freq}, more than "
                             f"{MAX_PERIODS}: narrow it or take a longer freq")


def _blank(value: str | None) -> str | None:
    return value if value not in (None, "") else None


# --------------------------------------------------------------------------------------------------
# Reading a POST /code body into an Article
# --------------------------------------------------------------------------------------------------

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
    if published in (None, ""):
        return None
    try:
        day = dt.date.fromisoformat(published)
    except ValueError as exc:
        raise InvalidRequest(f"published must be YYYY-MM-DD, not {published!r}") from exc
    if not MIN_DAY <= day <= MAX_DAY:
        raise InvalidRequest(f"published must lie between {MIN_DAY} and {MAX_DAY}, not {published!r}")
    return published


def _ingest(name: str) -> Any:
    try:
        mod = importlib.import_module("communique.ingest")
    except ImportError:
        return None
    return getattr(mod, name, None)


def read_text_article(text: str, *, name: str, published: str | None, title: str | None = None,
                      fmt: str | None = None) -> Article:
    """Text through the ingest layer (format sniffed unless ``fmt``; zones, standfirst, credits...)."""
    if not text.strip():
        err = InputError("the article text is empty")
        err.code = "empty"
        raise err
    read_text = _ingest("read_text")
    if read_text is not None:
        art = _article_from(read_text(text, name=name, published=published, fmt=fmt))
    else:  # the ingest layer is absent: a bare article, title from the first line
        body = normalise_text(text)
        lines = body.splitlines()
        art = Article(text=body, title=lines[0].strip() if lines else None, published=published,
                      date_basis="given" if published else "none", document=name)
    if title:
        art.title = title
    return art


def read_bytes_article(data: bytes, *, name: str, published: str | None, fmt: str | None = None) -> Article:
    """Bytes (an upload, an HTML page, a JSON object, a feed) through the ingest layer's readers."""
    read_bytes = _ingest("read_bytes")
    if read_bytes is not None:
        return _article_from(read_bytes(data, name=name, published=published, fmt=fmt))
    if fmt in (None, "text"):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text: {exc}") from exc
        return read_text_article(text, name=name, published=published)
    raise UnsupportedMediaType(f"reading {fmt} needs communique.ingest.read_bytes, which is not available")


# --------------------------------------------------------------------------------------------------
# The app
# --------------------------------------------------------------------------------------------------


def create_app(
    *,
    db: str | os.PathLike[str],
    token: str | None = None,
    host: str = "127.0.0.1",
    read_only: bool = False,
    max_request_bytes: int | None = None,
    settings: Settings | None = None,
    nlp: Any = None,
    preload: bool = False,
) -> FastAPI:
    """Build the API and dashboard over the DuckDB store ``db``.

    ``token`` protects write endpoints; with ``host`` not a loopback address and no token, write
    endpoints are refused (403 ``token_required``). ``max_request_bytes`` (default from the settings)
    bounds request bodies (413 beyond). ``nlp`` is a loaded pipeline to reuse (else loaded on the first
    /code, or at start-up with ``preload``)."""
    settings = settings or get_settings()
    limit_bytes = max_request_bytes or settings.max_request_bytes
    state = ApiState(db=str(db), token=token or None, host=host, read_only=read_only, settings=settings, nlp=nlp)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if preload:
            await run_in_threadpool(state.get_nlp)
        yield
        state.close()

    app = FastAPI(
        title="Communiqué",
        version=_version(),
        description="Code news into who did what to whom, when, where, and who says so; explore the "
        "stored events. Errors are always `{\"error\": {\"code\", \"message\"}}`.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.api = state
    app.add_middleware(SizeLimitMiddleware, max_bytes=limit_bytes)
    # outermost: a foreign Host or a cross-origin write is refused before anything else runs
    app.add_middleware(GuardMiddleware, hosts=allowed_host_names(host, settings.allowed_hosts))
    _install_error_handlers(app)
    _install_docs(app)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if response.headers.get("content-type", "").startswith("text/html") and not request.url.path.startswith(
            "/docs"
        ):
            response.headers.setdefault("Content-Security-Policy", _CSP)
        return response

    def require_write(request: Request) -> None:
        if state.token is None:
            if not state.writes_open:
                raise TokenRequired(
                    f"write endpoints are disabled: the server listens on {state.host} without a token "
                    "(start it with --token or COMMUNIQUE_API_TOKEN)"
                )
            if state.read_only:
                raise ReadOnly("the store is open read-only")
            return
        supplied = request.headers.get("x-communique-token") or ""
        auth = request.headers.get("authorization") or ""
        if auth.lower().startswith("bearer "):
            supplied = auth[7:].strip()
        if not supplied or not hmac.compare_digest(supplied.encode(), state.token.encode()):
            raise Unauthorized("this endpoint needs the server's token: Authorization: Bearer <token>")
        if state.read_only:
            raise ReadOnly("the store is open read-only")

    # ---------------------------------------------------------------------------------- coding

    @app.post(
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
    ) -> JSONResponse:
        """Plain text, HTML, JSON (`{"text", "title", "published", "url", "outlet", "id"}`), a multipart
        upload (`file` or `text` field) or raw bytes (`?name=page.html`) in; the article record out."""
        if store:
            require_write(request)
        published = _check_published(published)
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
        if title:
            article.title = title
        if len(article.text) > settings.max_chars:
            raise TooLarge(f"the article has {len(article.text)} characters, more than the limit of {settings.max_chars}")
        record = await run_in_threadpool(_code_one, state, article)
        headers = {}
        if store:
            await run_in_threadpool(_store_one, state, record, merge)
            headers["X-Communique-Stored"] = "true"
        return JSONResponse(record.to_dict(), headers=headers)

    # ---------------------------------------------------------------------------------- reading

    @app.get("/articles", tags=["store"], summary="Stored articles")
    async def articles(
        q: str | None = Query(None, description="words in the title or text"),
        limit: int = Query(50, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> dict[str, Any]:
        fn = _optional("communique.store.queries", "list_articles")
        rows, total = await run_in_threadpool(state.read_store, fn, q=_blank(q), limit=limit, offset=offset)
        return _page(rows, total, limit, offset)

    @app.get("/articles/{article_id}", tags=["store"], summary="One stored article record")
    async def article(article_id: str) -> JSONResponse:
        fn = _optional("communique.store.queries", "get_article")
        rec = await run_in_threadpool(state.read_store, fn, article_id)
        if rec is None and not article_id.startswith("sha256:"):
            rec = await run_in_threadpool(state.read_store, fn, "sha256:" + article_id)
        if rec is None:
            raise NotFound(f"no article {article_id!r} in the store")
        return JSONResponse(rec.to_dict() if isinstance(rec, ArticleRecord) else _jsonable(rec))

    @app.get("/events", tags=["store"], summary="Events with filters, sorting and pagination")
    async def events(
        actor: str | None = Query(None, description="actor id, code or country code on either side"),
        country: str | None = Query(None, description="ISO3 country of source or target"),
        type: str | None = Query(None, description="PLOVER type, e.g. CONSULT"),
        start: str | None = Query(None, description="on or after this date"),
        end: str | None = Query(None, description="on or before this date"),
        place: str | None = Query(None, description="location name or country"),
        status: str | None = Query(None, description="reported, planned, ongoing, attempted, claimed, hypothetical"),
        text: str | None = Query(None, description="words in the evidence"),
        merged: bool = Query(False, description="merged events instead of mentions"),
        sort: str = Query("date", description="date, -date, goldstein, -goldstein or mentions"),
        limit: int = Query(100, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> JSONResponse:
        fn = _optional("communique.store.queries", "list_events")
        if sort not in EVENT_SORTS:
            raise InvalidRequest(f"sort must be one of {', '.join(EVENT_SORTS)}, not {sort!r}")
        kwargs = {
            "actor": _blank(actor), "country": _blank(country), "type": _blank(type) and type.upper(),
            "start": _date_param(start, "start"), "end": _date_param(end, "end"), "place": _blank(place),
            "status": _blank(status), "text": _blank(text), "merged": merged, "sort": sort,
            "limit": limit, "offset": offset,
        }
        rows, total = await run_in_threadpool(_call_checked, state, fn, **kwargs)
        return JSONResponse(_page(rows, total, limit, offset))  # JSON-ready: no second encoding pass

    @app.get("/actors", tags=["store"], summary="Actors")
    async def actors(
        q: str | None = Query(None, description="part of a name or code"),
        limit: int = Query(50, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> dict[str, Any]:
        fn = _optional("communique.store.queries", "list_actors")
        rows, total = await run_in_threadpool(state.read_store, fn, q=_blank(q), limit=limit, offset=offset)
        return _page(rows, total, limit, offset)

    @app.get("/errors", tags=["store"], summary="Documents that could not be read or coded, with the reason")
    async def errors(
        code: str | None = Query(None, description="only this error code (empty, not_found, ...)"),
        limit: int = Query(50, ge=1, le=MAX_LIMIT),
        offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> dict[str, Any]:
        fn = _optional("communique.store.queries", "list_errors")
        rows, total = await run_in_threadpool(state.read_store, fn, code=_blank(code), limit=limit, offset=offset)
        return _page(rows, total, limit, offset)

    # ---------------------------------------------------------------------------------- analysis

    @app.get("/dyads/{a}/{b}", tags=["analysis"], summary="Cooperation and conflict between two actors")
    async def dyads(
        a: str,
        b: str,
        freq: str = Query("month", pattern="^(day|week|month)$"),
        start: str | None = Query(None),
        end: str | None = Query(None),
        status: str | None = Query(None, description=_STATUS_HELP),
    ) -> Any:
        fn = _optional("communique.analysis", "dyad_series")
        kwargs: dict[str, Any] = {"freq": freq, "status": _blank(status)}
        for name, value in (("start", _date_param(start, "start")), ("end", _date_param(end, "end"))):
            if value:
                kwargs[name] = value
        _check_window(kwargs.get("start"), kwargs.get("end"), freq)
        out = await run_in_threadpool(_call_checked, state, fn, a.upper(), b.upper(), **kwargs)
        return _wrap(out, "series", a=a.upper(), b=b.upper(), freq=freq)

    @app.get("/alignment/{a}/{b}", tags=["analysis"], summary="Alignment index between two actors")
    async def alignment(a: str, b: str, freq: str = Query("month", pattern="^(day|week|month)$"),
                        start: str | None = Query(None), end: str | None = Query(None),
                        status: str | None = Query(None, description=_STATUS_HELP)) -> Any:
        fn = _optional("communique.analysis", "alignment")
        out = await run_in_threadpool(_call_checked, state, fn, a.upper(), b.upper(), freq=freq,
                                      start=_date_param(start, "start"), end=_date_param(end, "end"),
                                      status=_blank(status))
        return _wrap(out, "series", a=a.upper(), b=b.upper(), freq=freq)

    @app.get("/network", tags=["analysis"], summary="Actor network with blocs")
    async def network(
        start: str | None = Query(None),
        end: str | None = Query(None),
        min_events: int = Query(1, ge=1, le=MAX_OFFSET),
        countryless: bool = Query(False, description="keep actors without a country (bare sector codes) as nodes"),
        fold: bool = Query(False, description="fold non-state actors (rebels, parties...) into their country"),
        status: str | None = Query(None, description=_STATUS_HELP),
    ) -> Any:
        fn = _optional("communique.analysis", "network")
        out = await run_in_threadpool(
            _call_checked, state, fn, start=_date_param(start, "start"), end=_date_param(end, "end"),
            min_events=min_events, countryless=countryless, fold=fold, status=_blank(status),
        )
        if isinstance(out, tuple) and len(out) == 3:
            out = {"nodes": out[0], "edges": out[1], "blocs": out[2]}
        return _jsonable(out)

    @app.get("/top", tags=["analysis"], summary="Dyads that moved most between two periods")
    async def top(
        before_start: str = Query(..., description="first period, from"),
        before_end: str = Query(..., description="first period, to"),
        after_start: str = Query(..., description="second period, from"),
        after_end: str = Query(..., description="second period, to"),
        n: int = Query(10, ge=1, le=100),
        status: str | None = Query(None, description=_STATUS_HELP),
        fold: bool = Query(False, description="fold non-state actors into their country"),
    ) -> Any:
        fn = _optional("communique.analysis", "top_movers")
        before = (_date_param(before_start, "before_start"), _date_param(before_end, "before_end"))
        after = (_date_param(after_start, "after_start"), _date_param(after_end, "after_end"))
        out = await run_in_threadpool(_call_checked, state, fn, before=before, after=after, n=n,
                                      status=_blank(status), fold=fold)
        return _wrap(out, "items", before=list(before), after=list(after))

    # ---------------------------------------------------------------------------------- exports

    # the map, the time brush's timeline and the exports of a filtered selection (api/views.py)
    from .views import views_router

    app.include_router(views_router(state))

    @app.get("/samples", tags=["meta"], summary="The sample articles bundled with the package")
    async def samples() -> dict[str, Any]:
        items = []
        for path in _sample_files():
            first = path.read_text(encoding="utf-8").strip().split("\n", 1)[0]
            items.append({"name": path.name, "title": first[:200]})
        return {"items": items, "total": len(items)}

    @app.get("/samples/{name}", tags=["meta"], summary="One bundled sample article, as plain text")
    async def sample(name: str) -> Response:
        for path in _sample_files():
            if path.name == name:
                return Response(path.read_text(encoding="utf-8"), media_type="text/plain; charset=utf-8")
        raise NotFound(f"no sample {name!r}")

    @app.get("/health", tags=["meta"], summary="Status and row counts")
    async def health() -> dict[str, Any]:
        out: dict[str, Any] = {"status": "ok", "db": state.db, "writes": state.writes_open and not state.read_only,
                               "token": state.token is not None, "model_loaded": state.nlp is not None}
        try:
            out["counts"] = _jsonable(await run_in_threadpool(state.with_store, lambda s: s.counts()))
        except CommuniqueError as exc:
            out["status"] = "degraded"
            out["store_error"] = exc.to_dict()
        return out

    app.include_router(importlib.import_module("communique.api.feeds").router)  # GET /feeds (docs/watch.md)
    # ---------------------------------------------------------------------------------- dashboard

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")

    @app.head("/", include_in_schema=False)
    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html", headers={"Cache-Control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return RedirectResponse("/static/favicon.svg")

    return app


def _sample_files() -> list[Path]:
    """The plain-text sample articles shipped in ``communique/samples`` (written by the project)."""
    folder = Path(str(resources.files("communique"))) / "samples"
    return sorted(folder.glob("*.txt")) if folder.is_dir() else []


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("communique")
    except Exception:
        return "0"


def _form_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value != "" else None


def _rmtree(path: str) -> None:
    import shutil

    shutil.rmtree(path, ignore_errors=True)


def _wrap(out: Any, key: str, **meta: Any) -> Any:
    data = _jsonable(out)
    if isinstance(data, list):
        return {**meta, key: data}
    return data


def _call_checked(state: ApiState, fn: Callable[..., Any], *args: Any, _timeout: bool = True, **kwargs: Any) -> Any:
    """Call a store/analysis function (interrupted after the query timeout unless ``_timeout`` is false: an
    export writes the whole table); a ValueError (bad filter, unknown sort key) becomes a 422."""
    try:
        if not _timeout:
            return state.with_store(fn, *args, **kwargs)
        return state.read_store(fn, *args, **kwargs)
    except CommuniqueError:
        raise
    except (ValueError, KeyError) as exc:
        raise InvalidRequest(str(exc).strip("'\"") or type(exc).__name__) from exc


def _code_one(state: ApiState, article: Article) -> ArticleRecord:
    """Code ``article`` on a pipeline of its lane (PipelinePool): a long article holds the long lane's
    pipeline, and short articles go on being coded on the short lane's."""
    from ..coder import code_article

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


# --------------------------------------------------------------------------------------------------
# One error shape for everything
# --------------------------------------------------------------------------------------------------


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CommuniqueError)
    async def communique_error(request: Request, exc: CommuniqueError) -> JSONResponse:
        status = getattr(exc, "http_status", 500) or 500
        message = exc.message
        if status >= 500:
            log.error("%s %s: %s: %s", request.method, request.url.path, exc.code, exc.message)
            if status == 500:  # a store or internal failure: its text (SQL, paths) stays in the server log
                message = f"the server failed on this request ({exc.code}); the details are in the server log"
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return _error_response(status, exc.code, message, headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = STATUS_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else json.dumps(exc.detail)
        if exc.status_code == 404 and message == "Not Found":
            message = f"no such endpoint: {request.method} {request.url.path}"
        return _error_response(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            loc = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body"))
            problems.append(f"{loc}: {err.get('msg')}" if loc else str(err.get("msg")))
        return _error_response(422, "invalid_request", "; ".join(problems) or "invalid request")

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return _error_response(500, "internal_error",
                               "the server failed on this request; the details are in the server log")


def _install_docs(app: FastAPI) -> None:
    """Swagger UI at /docs from the assets of the ``fastapi-offline`` package (no CDN); without it, a
    plain page pointing at /openapi.json."""
    try:
        import fastapi_offline

        assets: Path | None = Path(fastapi_offline.__file__).parent / "static"
        if not (assets / "swagger-ui-bundle.js").is_file():
            assets = None
    except ImportError:
        assets = None
    if assets is not None:
        app.mount("/docs-static", StaticFiles(directory=assets), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        if assets is None:
            return HTMLResponse(
                "<!doctype html><title>Communiqué API</title><p>The interactive docs need the "
                "<code>fastapi-offline</code> package (<code>pip install 'communique[api]'</code>). "
                'The OpenAPI description is at <a href="/openapi.json">/openapi.json</a>; '
                'the reference is docs/api.md.</p>'
            )
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="Communiqué API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon.png",
        )

