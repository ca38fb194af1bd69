"""Reading the store: ``GET /articles``, ``/articles/{id}``, ``/events``, ``/actors``, ``/errors``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ..errors import NotFound
from ..records import ArticleRecord
from ..store import queries
from .errors import InvalidRequest
from .params import EVENT_SORTS, MAX_LIMIT, MAX_OFFSET, blank, date_param, jsonable, page
from .state import ApiState, api_state, call_checked

log = logging.getLogger(__name__)

router = APIRouter()


@router.get("/articles", tags=["store"], summary="Stored articles")
async def articles(
    q: str | None = Query(None, description="words in the title or text"),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    state: ApiState = Depends(api_state),
) -> dict[str, Any]:
    fn = queries.list_articles
    rows, total = await run_in_threadpool(state.read_store, fn, q=blank(q), limit=limit, offset=offset)
    return page(rows, total, limit, offset)


@router.get("/articles/{article_id}", tags=["store"], summary="One stored article record")
async def article(article_id: str, state: ApiState = Depends(api_state)) -> JSONResponse:
    fn = queries.get_article
    rec = await run_in_threadpool(state.read_store, fn, article_id)
    if rec is None and not article_id.startswith("sha256:"):
        rec = await run_in_threadpool(state.read_store, fn, "sha256:" + article_id)
    if rec is None:
        raise NotFound(f"no article {article_id!r} in the store")
    return JSONResponse(rec.to_dict() if isinstance(rec, ArticleRecord) else jsonable(rec))


@router.get("/events", tags=["store"], summary="Events with filters, sorting and pagination")
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
    state: ApiState = Depends(api_state),
) -> JSONResponse:
    fn = queries.list_events
    if sort not in EVENT_SORTS:
        raise InvalidRequest(f"sort must be one of {', '.join(EVENT_SORTS)}, not {sort!r}")
    kwargs = {
        "actor": blank(actor), "country": blank(country), "type": blank(type) and type.upper(),
        "start": date_param(start, "start"), "end": date_param(end, "end"), "place": blank(place),
        "status": blank(status), "text": blank(text), "merged": merged, "sort": sort,
        "limit": limit, "offset": offset,
    }
    rows, total = await run_in_threadpool(call_checked, state, fn, **kwargs)
    return JSONResponse(page(rows, total, limit, offset))  # JSON-ready: no second encoding pass


@router.get("/actors", tags=["store"], summary="Actors")
async def actors(
    q: str | None = Query(None, description="part of a name or code"),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    state: ApiState = Depends(api_state),
) -> dict[str, Any]:
    fn = queries.list_actors
    rows, total = await run_in_threadpool(state.read_store, fn, q=blank(q), limit=limit, offset=offset)
    return page(rows, total, limit, offset)


@router.get("/errors", tags=["store"], summary="Documents that could not be read or coded, with the reason")
async def errors(
    code: str | None = Query(None, description="only this error code (empty, not_found, ...)"),
    limit: int = Query(50, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    state: ApiState = Depends(api_state),
) -> dict[str, Any]:
    fn = queries.list_errors
    rows, total = await run_in_threadpool(state.read_store, fn, code=blank(code), limit=limit, offset=offset)
    return page(rows, total, limit, offset)

# ---------------------------------------------------------------------------------- analysis
