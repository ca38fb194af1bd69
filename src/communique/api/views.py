"""Read routes for exploring a whole corpus: the map, the timeline under the time brush, and exports of
the filtered selection. Its ``router`` is included by :func:`communique.api.app.create_app`.

=============================  ===========================================================================
``GET /map``                   every located event matching the filters, aggregated on the server into
                               places (a grid cell per zoom level) and countries (country-level events)
``GET /timeline``              events per day, week or month for the filters (the time brush's histogram)
``GET /export/{what}.{fmt}``   events, mentions, plover, gdelt or polecat as csv, tsv, jsonl, json or
                               parquet, for the events matching the filters of ``GET /events``
=============================  ===========================================================================
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.background import BackgroundTask
from starlette.concurrency import run_in_threadpool

from ..errors import NotFound
from ..plover import CONFLICT, COOPERATION, type_table
from ..store import export as export_table
from .errors import InvalidRequest
from .params import blank, date_param
from .state import ApiState, api_state, call_checked

log = logging.getLogger(__name__)

#: grid cell (degrees) of the map aggregate at zoom 0, halved at each zoom level: about 23 pixels of a
#: Leaflet map at any zoom (256 px span 360 degrees at zoom 0), below the 46-pixel radius within which
#: the page's marker clusters merge anyway, so the aggregate changes nothing one sees
CELL_AT_ZOOM_0 = 32.0
#: at this zoom and beyond, events are grouped by their exact place
EXACT_ZOOM = 9
EXPORT_WHATS = ("events", "mentions", "plover", "gdelt", "polecat")
EXPORT_FORMATS = {"csv": "text/csv", "tsv": "text/tab-separated-values", "jsonl": "application/x-ndjson",
                  "json": "application/json", "parquet": "application/vnd.apache.parquet"}


def _filters(*, actor: str | None, country: str | None, type: str | None, start: str | None, end: str | None,
             place: str | None, status: str | None, text: str | None) -> dict[str, Any]:
    return {
        "actor": blank(actor), "country": blank(country) and country.upper(),  # type: ignore[union-attr]
        "type": blank(type) and type.upper(),  # type: ignore[union-attr]
        "start": date_param(start, "start"), "end": date_param(end, "end"), "place": blank(place),
        "status": blank(status), "text": blank(text),
    }


def map_points(store: Any, *, zoom: int = 2, merged: bool = False, bbox: tuple[float, float, float, float] | None = None,
               **filters: Any) -> dict[str, Any]:
    """Located events matching ``filters`` (those of ``GET /events``), mentions or merged events, in two
    lists: ``points`` — events with coordinates grouped by grid cell (``CELL_AT_ZOOM_0 / 2**zoom``
    degrees; by exact place from zoom ``EXACT_ZOOM``), each with its event count, cooperation and conflict
    counts, the commonest place label and a mean position — and ``countries`` — country-level events
    (``location_feature = 'country'``) by country. ``bbox`` (west, south, east, north) keeps the points
    inside. Nothing is capped: the counts add up to every located event."""
    from ..analysis.names import country_name
    from ..store.queries import event_where

    where, params = event_where(**filters, merged=merged)
    if merged:
        # a merged event is country-level when its mentions' place is (the events table keeps no feature):
        # those events listed once per request, for the three queries below
        store.con.execute(
            "CREATE OR REPLACE TEMP TABLE _cq_country_level AS SELECT DISTINCT l.event_id AS id FROM event_links l "
            "JOIN event_mentions m ON m.uid = l.mention_uid WHERE m.location_feature = 'country'")
        table = ("(SELECT e.*, CASE WHEN c.id IS NOT NULL THEN 'country' END AS location_feature, "
                 "CAST(NULL AS VARCHAR) AS location_display FROM events e LEFT JOIN _cq_country_level c ON c.id = e.id)")
    else:
        table = "event_mentions"
    clause = " AND ".join(where) if where else "true"
    located = "(lat IS NOT NULL AND lon IS NOT NULL OR location_feature = 'country' AND location_country IS NOT NULL)"
    # polarity: the Goldstein sign, else the PLOVER type's quad class (data/plover/types.yaml)
    types = type_table()
    coop_types = sorted(t for t, i in types.items() if i.quad in COOPERATION)
    conf_types = sorted(t for t, i in types.items() if i.quad in CONFLICT)
    pol_params = [coop_types, conf_types]
    quad = ("CASE WHEN goldstein > 0 THEN 1 WHEN goldstein < 0 THEN -1 "
            "WHEN list_contains(?::VARCHAR[], type) THEN 1 WHEN list_contains(?::VARCHAR[], type) THEN -1 END")
    zoom = max(0, min(int(zoom), 20))
    if zoom >= EXACT_ZOOM:
        cell_x, cell_y = "round(lon, 4)", "round(lat, 4)"
    else:
        size = CELL_AT_ZOOM_0 / (2 ** zoom)
        cell_x, cell_y = f"floor(lon / {size})", f"floor(lat / {size})"
    box, bparams = "", []
    if bbox is not None:
        west, south, east, north = bbox
        box = " AND lat BETWEEN ? AND ? AND " + ("lon BETWEEN ? AND ?" if west <= east else "(lon >= ? OR lon <= ?)")
        bparams = [south, north, west, east]
    # two steps: per cell and place (cheap), then per cell, its busiest place naming it
    sql = f"""
        SELECT sum(slat) / sum(n) AS lat, sum(slon) / sum(n) AS lon, sum(n) AS n, sum(coop) AS coop,
            sum(conflict) AS conflict, arg_max(label, n) AS name, arg_max(country, n) AS country, count(*) AS places
        FROM (
            SELECT {cell_x} AS cx, {cell_y} AS cy, coalesce(location_display, location_name) AS label,
                any_value(location_country) AS country, count(*) AS n, sum(lat) AS slat, sum(lon) AS slon,
                count(*) FILTER (WHERE pol = 1) AS coop, count(*) FILTER (WHERE pol = -1) AS conflict
            FROM (SELECT lat, lon, location_display, location_name, location_country, {quad} AS pol
                  FROM {table} WHERE {clause} AND lat IS NOT NULL AND lon IS NOT NULL
                      AND coalesce(location_feature, '') <> 'country'{box})
            GROUP BY cx, cy, label)
        GROUP BY cx, cy ORDER BY n DESC
    """
    con = store.con
    points = [
        {"lat": round(r[0], 5), "lon": round(r[1], 5), "n": int(r[2]), "coop": int(r[3]), "conflict": int(r[4]),
         "name": r[5], "country": r[6], "places": int(r[7])}
        for r in con.execute(sql, [*pol_params, *params, *bparams]).fetchall()
    ]
    csql = f"""
        SELECT location_country, count(*), count(*) FILTER (WHERE pol = 1), count(*) FILTER (WHERE pol = -1)
        FROM (SELECT location_country, {quad} AS pol FROM {table}
              WHERE {clause} AND location_feature = 'country' AND location_country IS NOT NULL)
        GROUP BY location_country ORDER BY 2 DESC
    """
    countries = [{"country": r[0], "name": country_name(r[0]) or r[0], "n": int(r[1]), "coop": int(r[2]),
                  "conflict": int(r[3])} for r in con.execute(csql, [*pol_params, *params]).fetchall()]
    row = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE {located}) FROM {table} WHERE {clause}", params).fetchone()
    total, with_place = (int(row[0]), int(row[1])) if row else (0, 0)
    return {"zoom": zoom, "merged": merged, "total": total, "located": with_place,
            "in_points": sum(p["n"] for p in points), "in_countries": sum(c["n"] for c in countries),
            "points": points, "countries": countries}


def timeline(store: Any, *, freq: str | None = None, merged: bool = False, **filters: Any) -> dict[str, Any]:
    """Events per period (day, week or month; by default the finest giving at most ~400 periods over the
    chart's span) for the filters, the first and last day with events, and the span the brush draws
    (``chart_first``..``chart_last``: from the 2.5th to the 99.5th percentile of days when stray dates lie far
    outside it)."""
    from ..store.queries import InvalidQuery, event_where

    where, params = event_where(**filters, merged=merged)
    table = "events" if merged else "event_mentions"
    clause = (" AND " + " AND ".join(where)) if where else ""
    row = store.con.execute(
        f"SELECT min(day), max(day), count(*), quantile_disc(day, 0.025), quantile_disc(day, 0.995) "
        f"FROM {table} WHERE day IS NOT NULL{clause}", params).fetchone()
    first, last, n, q1, q99 = row if row else (None, None, 0, None, None)
    if first is None:
        return {"freq": freq or "month", "first": None, "last": None, "total": 0, "items": []}
    # a few stray old (or future) dates would squeeze the chart into a sliver: the brush then draws the
    # span of the central 97% of events, and says how many lie outside
    if (last - first).days > 2 * max(1, (q99 - q1).days):
        chart_first, chart_last = q1, q99
    else:
        chart_first, chart_last = first, last
    span = (chart_last - chart_first).days + 1
    if freq is None:
        freq = "day" if span <= 400 else "week" if span <= 400 * 7 else "month"
    if freq not in ("day", "week", "month"):
        raise InvalidQuery(f"freq must be day, week or month, not {freq!r}")
    rows = store.con.execute(
        f"SELECT CAST(date_trunc('{freq}', day) AS DATE) AS p, count(*) FROM {table} WHERE day IS NOT NULL{clause} "
        "GROUP BY p ORDER BY p", params).fetchall()
    return {"freq": freq, "first": first.isoformat(), "last": last.isoformat(), "total": int(n),
            "chart_first": chart_first.isoformat(), "chart_last": chart_last.isoformat(),
            "items": [{"period": p.isoformat(), "events": int(c)} for p, c in rows]}


def rmtree(path: str) -> None:
    shutil.rmtree(path, ignore_errors=True)


router = APIRouter()


@router.get("/map", tags=["store"], summary="Every located event, aggregated per place or grid cell")
async def map_view(
    actor: str | None = Query(None), country: str | None = Query(None), type: str | None = Query(None),
    start: str | None = Query(None), end: str | None = Query(None), place: str | None = Query(None),
    status: str | None = Query(None), text: str | None = Query(None),
    merged: bool = Query(False, description="merged events instead of mentions"),
    zoom: int = Query(2, ge=0, le=20, description="map zoom level: the grid cell is 32 degrees / 2**zoom"),
    bbox: str | None = Query(None, description="west,south,east,north: only points inside"),
    state: ApiState = Depends(api_state),
) -> Any:
    box = None
    if bbox:
        try:
            box = tuple(float(x) for x in bbox.split(","))
        except ValueError as exc:
            raise InvalidRequest("bbox must be four numbers west,south,east,north") from exc
        if len(box) != 4:
            raise InvalidRequest("bbox must be four numbers west,south,east,north")
    flt = _filters(actor=actor, country=country, type=type, start=start, end=end, place=place, status=status,
                   text=text)
    out = await run_in_threadpool(call_checked, state, map_points, zoom=zoom, merged=merged, bbox=box, **flt)
    return JSONResponse(out)  # plain JSON types already: no second encoding pass


@router.get("/timeline", tags=["store"], summary="Events per period for the filters (the time brush)")
async def timeline_view(
    actor: str | None = Query(None), country: str | None = Query(None), type: str | None = Query(None),
    start: str | None = Query(None), end: str | None = Query(None), place: str | None = Query(None),
    status: str | None = Query(None), text: str | None = Query(None), merged: bool = Query(False),
    freq: str | None = Query(None, pattern="^(day|week|month)$"),
    state: ApiState = Depends(api_state),
) -> Any:
    flt = _filters(actor=actor, country=country, type=type, start=start, end=end, place=place, status=status,
                   text=text)
    return JSONResponse(await run_in_threadpool(call_checked, state, timeline, freq=freq, merged=merged, **flt))


@router.head("/export/{what}.{fmt}", include_in_schema=False)
@router.get("/export/{what}.{fmt}", tags=["export"],
            summary="Export events, mentions, plover, gdelt or polecat for the filters of GET /events")
async def export(
    what: str, fmt: str,
    actor: str | None = Query(None), country: str | None = Query(None), type: str | None = Query(None),
    start: str | None = Query(None), end: str | None = Query(None), place: str | None = Query(None),
    status: str | None = Query(None), text: str | None = Query(None),
    state: ApiState = Depends(api_state),
) -> Response:
    if what not in EXPORT_WHATS:
        raise NotFound(f"no export {what!r}: {', '.join(EXPORT_WHATS)}")
    if fmt not in EXPORT_FORMATS:
        raise NotFound(f"no format {fmt!r}: csv, tsv, jsonl, json or parquet (plover: json, jsonl or parquet)")
    if what == "plover" and fmt in ("csv", "tsv"):
        raise InvalidRequest("the PLOVER export is nested JSON: use json, jsonl or parquet")
    flt = _filters(actor=actor, country=country, type=type, start=start, end=end, place=place, status=status,
                   text=text)
    fn = export_table
    tmpdir = tempfile.mkdtemp(prefix="communique-export-")
    path = Path(tmpdir) / f"{what}.{fmt}"
    try:
        n = await run_in_threadpool(call_checked, state, fn, what=what, fmt=fmt, out=path, filters=flt, _timeout=False)
    except Exception:
        rmtree(tmpdir)
        raise
    suffix = "".join(f"-{k}-{v}" for k, v in flt.items() if v and k in ("start", "end", "type", "actor", "country"))
    name = f"{what}{suffix}.{fmt}".replace("/", "-").replace(" ", "_")
    return FileResponse(path, media_type=EXPORT_FORMATS[fmt], filename=name,
                        headers={"X-Communique-Rows": str(n)}, background=BackgroundTask(rmtree, tmpdir))
