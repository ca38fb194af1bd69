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

import json
import logging
import os
from collections.abc import Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__
from ..config import Settings, get_settings
from ..errors import CommuniqueError
from . import feeds, routes_analysis, routes_code, routes_meta, routes_store, views
from .errors import STATUS_CODES
from .guard import GuardMiddleware, allowed_host_names
from .routes_code import read_bytes_article, read_text_article
from .routes_meta import STATIC_DIR
from .state import ApiState, PipelinePool, is_loopback, run_with_timeout

log = logging.getLogger(__name__)

__all__ = ["STATIC_DIR", "ApiState", "PipelinePool", "SizeLimitMiddleware", "create_app", "is_loopback",
           "read_bytes_article", "read_text_article", "run_with_timeout"]

#: the routers, one per area, in the order their routes are matched
ROUTERS = (routes_code.router, routes_store.router, routes_analysis.router, views.router, routes_meta.router,
           feeds.router)

# a strict content security policy: everything the dashboard loads comes from this server
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


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
    /code, or at start-up with ``preload``). The routes live in one router per area (``ROUTERS``); they
    reach the shared :class:`~communique.api.state.ApiState` through ``Depends(api_state)``."""
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
    app.middleware("http")(_security_headers)
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


async def _security_headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
    response = await call_next(request)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    if response.headers.get("content-type", "").startswith("text/html") and not request.url.path.startswith("/docs"):
        response.headers.setdefault("Content-Security-Policy", _CSP)
    return response


def _version() -> str:
    return __version__


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


