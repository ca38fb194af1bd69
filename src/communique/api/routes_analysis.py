"""The analysis over the store: ``GET /dyads/{a}/{b}``, ``/alignment/{a}/{b}``, ``/network``, ``/top``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool

from .. import analysis
from .params import MAX_OFFSET, STATUS_HELP, blank, check_window, date_param, jsonable, wrap
from .state import ApiState, api_state, call_checked

log = logging.getLogger(__name__)

router = APIRouter()


@router.get("/dyads/{a}/{b}", tags=["analysis"], summary="Cooperation and conflict between two actors")
async def dyads(
    a: str,
    b: str,
    freq: str = Query("month", pattern="^(day|week|month)$"),
    start: str | None = Query(None),
    end: str | None = Query(None),
    status: str | None = Query(None, description=STATUS_HELP),
    state: ApiState = Depends(api_state),
) -> Any:
    fn = analysis.dyad_series
    kwargs: dict[str, Any] = {"freq": freq, "status": blank(status)}
    for name, value in (("start", date_param(start, "start")), ("end", date_param(end, "end"))):
        if value:
            kwargs[name] = value
    check_window(kwargs.get("start"), kwargs.get("end"), freq)
    out = await run_in_threadpool(call_checked, state, fn, a.upper(), b.upper(), **kwargs)
    return wrap(out, "series", a=a.upper(), b=b.upper(), freq=freq)


@router.get("/alignment/{a}/{b}", tags=["analysis"], summary="Alignment index between two actors")
async def alignment(a: str, b: str, freq: str = Query("month", pattern="^(day|week|month)$"),
                    start: str | None = Query(None), end: str | None = Query(None),
                    status: str | None = Query(None, description=STATUS_HELP), state: ApiState = Depends(api_state)) -> Any:
    fn = analysis.alignment
    out = await run_in_threadpool(call_checked, state, fn, a.upper(), b.upper(), freq=freq,
                                  start=date_param(start, "start"), end=date_param(end, "end"),
                                  status=blank(status))
    return wrap(out, "series", a=a.upper(), b=b.upper(), freq=freq)


@router.get("/network", tags=["analysis"], summary="Actor network with blocs")
async def network(
    start: str | None = Query(None),
    end: str | None = Query(None),
    min_events: int = Query(1, ge=1, le=MAX_OFFSET),
    countryless: bool = Query(False, description="keep actors without a country (bare sector codes) as nodes"),
    fold: bool = Query(False, description="fold non-state actors (rebels, parties...) into their country"),
    status: str | None = Query(None, description=STATUS_HELP),
    state: ApiState = Depends(api_state),
) -> Any:
    fn = analysis.network
    out = await run_in_threadpool(
        call_checked, state, fn, start=date_param(start, "start"), end=date_param(end, "end"),
        min_events=min_events, countryless=countryless, fold=fold, status=blank(status),
    )
    if isinstance(out, tuple) and len(out) == 3:
        out = {"nodes": out[0], "edges": out[1], "blocs": out[2]}
    return jsonable(out)


@router.get("/top", tags=["analysis"], summary="Dyads that moved most between two periods")
async def top(
    before_start: str = Query(..., description="first period, from"),
    before_end: str = Query(..., description="first period, to"),
    after_start: str = Query(..., description="second period, from"),
    after_end: str = Query(..., description="second period, to"),
    n: int = Query(10, ge=1, le=100),
    status: str | None = Query(None, description=STATUS_HELP),
    fold: bool = Query(False, description="fold non-state actors into their country"),
    state: ApiState = Depends(api_state),
) -> Any:
    fn = analysis.top_movers
    before = (date_param(before_start, "before_start"), date_param(before_end, "before_end"))
    after = (date_param(after_start, "after_start"), date_param(after_end, "after_end"))
    out = await run_in_threadpool(call_checked, state, fn, before=before, after=after, n=n,
                                  status=blank(status), fold=fold)
    return wrap(out, "items", before=list(before), after=list(after))
