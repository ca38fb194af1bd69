"""Read queries for the HTTP API and the CLI. Every function returns plain, JSON-ready dicts."""

from __future__ import annotations

import datetime as dt
import json
import re
import typing
from typing import Any

from ..errors import StoreError
from ..plover import plover_types
from ..records import ArticleRecord, Status
from .store import Store

_JSON_COLS = {"attribution", "via"}


class InvalidQuery(StoreError):
    """A query argument is wrong (unknown sort or frequency, bad date, negative limit...): HTTP 422."""

    code = "invalid_query"
    http_status = 422

_MAX_LIMIT = 10_000


def _jsonable(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in row.items():
        if isinstance(v, dt.datetime | dt.date):
            v = v.isoformat()
        elif k in _JSON_COLS and isinstance(v, str):
            v = json.loads(v)
        out[k] = v
    return out


def _page(limit: int, offset: int) -> tuple[int, int]:
    if limit < 0 or offset < 0:
        raise InvalidQuery("limit and offset must be >= 0")
    return min(limit, _MAX_LIMIT), offset


def _select(store: Store, table: str, cols: str, where: list[str], params: list[Any], order: str,
            limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """One page of ``table``: the row ids of the page first (a top-N over the sort keys only), then its
    rows by id, so a page of wide rows costs the same on a store of any size."""
    limit, offset = _page(limit, offset)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = store.con.execute(f"SELECT count(*) FROM {table}{clause}", params).fetchone()
    ids = [r[0] for r in store.con.execute(f"SELECT rowid FROM {table}{clause} ORDER BY {order} LIMIT ? OFFSET ?",
                                           [*params, limit, offset]).fetchall()]
    rows = store.rows(f"SELECT rowid AS _rid, {cols} FROM {table} WHERE rowid IN (SELECT unnest(?::BIGINT[]))",
                      [ids]) if ids else []
    rank = {rid: i for i, rid in enumerate(ids)}
    rows.sort(key=lambda r: rank[r["_rid"]])
    out = []
    for r in rows:
        del r["_rid"]
        out.append(_jsonable(r))
    return out, int(total[0]) if total else 0


def _day(value: str, name: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InvalidQuery(f"{name} must be a date YYYY-MM-DD, not {value!r}") from exc


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# ------------------------------------------------------------------------------------------ articles
#: the title to show: the article's, else its first sentence (cut at 100 characters)
DISPLAY_TITLE = (
    "coalesce(nullif(trim(title), ''), "
    "CASE WHEN length(regexp_extract(trim(text), '^([^\n]{1,100}?[.!?])(\\s|$)', 1)) > 0 "
    "THEN regexp_extract(trim(text), '^([^\n]{1,100}?[.!?])(\\s|$)', 1) "
    "WHEN length(trim(text)) > 0 THEN rtrim(substr(split_part(trim(text), chr(10), 1), 1, 90)) || '…' END)"
)
ARTICLE_COLS = ("id, title, published, date_basis, source_agency, outlet, url, language, document, input_id, "
                f"n_actors, n_events, n_quotes, {DISPLAY_TITLE} AS display_title")


def list_articles(store: Store, *, q: str | None = None, limit: int = 50, offset: int = 0
                  ) -> tuple[list[dict[str, Any]], int]:
    """Articles, newest first; ``q`` matches title or text (case-insensitive substring)."""
    where: list[str] = []
    params: list[Any] = []
    if q:
        where.append("(title ILIKE ? ESCAPE '\\' OR text ILIKE ? ESCAPE '\\')")
        params += [_like(q), _like(q)]
    return _select(store, "articles", ARTICLE_COLS, where, params, "pub_date DESC NULLS LAST, id", limit, offset)


#: the shortest id prefix (hex digits after ``sha256:``) an article can be looked up by
MIN_ID_PREFIX = 12


def get_article(store: Store, article_id: str) -> ArticleRecord | None:
    """The stored article record, or None. ``article_id`` may be the start of an id (``sha256:`` and at
    least 12 hex digits, as ``communique code --format table`` prints) when one article has it."""
    row = store.con.execute("SELECT record, text FROM articles WHERE id = ?", [article_id]).fetchone()
    digits = article_id.removeprefix("sha256:")
    if row is None and len(digits) >= MIN_ID_PREFIX and all(c in "0123456789abcdef" for c in digits.lower()):
        rows = store.con.execute("SELECT record, text FROM articles WHERE starts_with(id, ?) LIMIT 2",
                                 ["sha256:" + digits.lower()]).fetchall()
        if len(rows) > 1:
            raise InvalidQuery(f"the id prefix {article_id!r} names several articles: give more of it")
        row = rows[0] if rows else None
    if row is None:
        return None
    data = json.loads(row[0])
    data.setdefault("article", {})["text"] = row[1] or ""
    return ArticleRecord.from_dict(data)


# ------------------------------------------------------------------------------------------ errors
def list_errors(store: Store, *, code: str | None = None, limit: int = 50, offset: int = 0
                ) -> tuple[list[dict[str, Any]], int]:
    """Documents that could not be read or coded (the ``errors`` table), in the order written;
    ``code`` keeps one error code (``empty``, ``not_found``...)."""
    where: list[str] = []
    params: list[Any] = []
    if code:
        where.append("code = ?")
        params.append(code)
    return _select(store, "errors", "document, input_id, code, message, written_at", where, params,
                   "written_at, document", limit, offset)


# ------------------------------------------------------------------------------------------ events
MENTION_COLS = (
    "uid AS id, article_id, event_id, type, mode, context, cameo, goldstein, source_actor, source_name, "
    "source_country, source_code, target_actor, target_name, target_country, target_code, date_start, date_end, "
    "date_granularity, date_text, day, location_name, location_country, lat, lon, geonameid, negated, status, "
    "attribution, evidence_start, evidence_end, evidence_text, rule, published, url, date_basis, location_display, "
    "location_feature, tone"
)
EVENT_COLS = (
    "id, type, negated, status, cameo, goldstein, quad, score, source_key, source_name, source_country, "
    "source_code, target_key, target_name, target_country, target_code, date_start, date_end, day, first_seen, "
    "last_seen, location_name, location_country, lat, lon, geonameid, n_mentions, n_articles, n_sources, "
    "sources, articles, urls, mentions, evidence"
)
_SORTS = {
    "date": "day ASC NULLS LAST, {id}",
    "-date": "day DESC NULLS LAST, {id}",
    "goldstein": "goldstein ASC NULLS LAST, {id}",
    "-goldstein": "goldstein DESC NULLS LAST, {id}",
    "mentions": "{n} DESC, day, {id}",
}


STATUSES = typing.get_args(Status)


def _plover_types() -> frozenset[str]:
    return frozenset(plover_types())


def actor_filter(actor: str, *, sides: tuple[str, ...] = ("source", "target"), names: bool = True
                 ) -> tuple[str, list[Any]]:
    """SQL matching an actor argument on the given sides: an ISO3 country code, the start of an actor
    code (``CHNGOV`` matches ``CHNGOVMIL``), or (with ``names``) part of a name."""
    parts: list[str] = []
    params: list[Any] = []
    up = actor.strip().upper()
    for side in sides:
        parts.append(f"{side}_country = ? OR starts_with({side}_code, ?)")
        params += [up, up]
        if names:
            parts.append(f"{side}_name ILIKE ? ESCAPE '\\'")
            params.append(_like(actor.strip()))
    return "(" + " OR ".join(parts) + ")", params


#: the event filters shared by ``GET /events``, the map, the timeline and every export
FILTERS = ("actor", "country", "type", "start", "end", "place", "status", "text")


def event_where(
    *,
    actor: str | None = None,
    country: str | None = None,
    type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    place: str | None = None,
    status: str | None = None,
    text: str | None = None,
    merged: bool = False,
    prefix: str = "",
) -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) for the event filters, on merged events (``merged``) or on
    mentions. ``type`` and ``status`` may list several values separated by commas; ``start``/``end``
    (YYYY-MM-DD) bound the day the event is counted on, or, for an event dated only by a month or a year, keep it
when that period overlaps the window; ``text`` searches the evidence. ``prefix`` is a
    table alias with its dot (``"e."``)."""
    where: list[str] = []
    params: list[Any] = []
    p = prefix
    if actor:
        sql, ps = actor_filter(actor)
        if p:
            sql = re.sub(r"\b(source|target)_", lambda m: p + m.group(0), sql)
        where.append(sql)
        params += ps
    if country:
        where.append(f"({p}source_country = ? OR {p}target_country = ? OR {p}location_country = ?)")
        params += [country.upper()] * 3
    if type:
        types = [t.strip().upper() for t in type.split(",") if t.strip()]
        known = _plover_types()
        unknown = [t for t in types if t not in known]
        if unknown:
            raise InvalidQuery(f"unknown event type {', '.join(unknown)}: one of {', '.join(sorted(known))}")
        where.append(f"{p}type IN (SELECT unnest(?::VARCHAR[]))")
        params.append(types)
    if start and end and _day(start, "start") > _day(end, "end"):
        raise InvalidQuery(f"start {start} is later than end {end}")
    statuses = [s.strip().lower() for s in (status or "").split(",") if s.strip()]
    bad = [s for s in statuses if s not in STATUSES]
    if bad:
        raise InvalidQuery(f"unknown status {', '.join(bad)}: one of {', '.join(STATUSES)}")
    # an event counted on a day is filtered by that day; one dated only by a longer period (a month, a
    # year: no day, docs/store.md "Dates") is kept when its period overlaps the window
    lo, hi = (f"{p}date_start", f"coalesce({p}date_end, {p}date_start)") if merged else (f"{p}date_lo", f"{p}date_hi")
    if start:
        where.append(f"coalesce({p}day, {hi}) >= ?")
        params.append(_day(start, "start"))
    if end:
        where.append(f"coalesce({p}day, {lo}) <= ?")
        params.append(_day(end, "end"))
    if place:
        where.append(f"({p}location_name ILIKE ? ESCAPE '\\' OR {p}location_country = ?)")
        params += [_like(place), place.upper()]
    if statuses:
        where.append(f"{p}status IN (SELECT unnest(?::VARCHAR[]))")
        params.append(statuses)
    if text:
        where.append(p + ("evidence" if merged else "evidence_text") + " ILIKE ? ESCAPE '\\'")
        params.append(_like(text))
    return where, params


def list_events(
    store: Store,
    *,
    actor: str | None = None,
    country: str | None = None,
    type: str | None = None,
    start: str | None = None,
    end: str | None = None,
    place: str | None = None,
    status: str | None = None,
    text: str | None = None,
    merged: bool = False,
    sort: str = "date",
    limit: int = 100,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Event mentions (or, with ``merged``, merged events) matching every filter given
    (:func:`event_where`); ``sort`` is date, -date, goldstein, -goldstein or mentions."""
    if sort not in _SORTS:
        raise InvalidQuery(f"sort must be one of {sorted(_SORTS)}, not {sort!r}")
    where, params = event_where(actor=actor, country=country, type=type, start=start, end=end, place=place,
                                status=status, text=text, merged=merged)
    if merged:
        order = _SORTS[sort].format(id="id", n="n_mentions")
        return _select(store, "events", EVENT_COLS, where, params, order, limit, offset)
    order = _SORTS[sort].format(id="uid", n="1")
    return _select(store, "event_mentions", MENTION_COLS, where, params, order, limit, offset)


# ------------------------------------------------------------------------------------------ actors
#: SQL: the key actors are merged by in the Actors view: a country by its actor code ("Britain" and
#: "United Kingdom" are GBR; KEN and KENGOV stay apart); another actor by its name without "the" and a trailing "party" ("Labour", "Labour Party"),
#: its country and type
ACTOR_KEY = (
    "CASE WHEN type = 'country' AND coalesce(code, country) IS NOT NULL THEN 'country:' || coalesce(code, country) "
    "ELSE type || ':' || coalesce(country, '') || ':' || "
    "regexp_replace(regexp_replace(lower(trim(name)), '^the\\s+', ''), '\\s+(party)$', '') END"
)


def list_actors(store: Store, *, q: str | None = None, limit: int = 50, offset: int = 0
                ) -> tuple[list[dict[str, Any]], int]:
    """Actors across articles, one row per actor (:data:`ACTOR_KEY`: a country by its code, others by
    name, country and type), most mentioned first, with the name written most often and its ``aliases``
    (the other names); ``q`` matches a name, code, country or role."""
    hit, params = "true", []
    if q:
        hit = "(name ILIKE ? ESCAPE '\\' OR role ILIKE ? ESCAPE '\\' OR code = ? OR country = ?)"
        params = [_like(q), _like(q), q.upper(), q.upper()]
    # articles are counted once per actor, whichever of its names they use
    table = (
        f"(WITH a AS (SELECT {ACTOR_KEY} AS key, * FROM actors), "
        "nm AS (SELECT key, arg_max(name, n) AS name, list(name ORDER BY name) AS names "
        "       FROM (SELECT key, name, sum(n_mentions) AS n FROM a GROUP BY key, name) GROUP BY key), "
        "g AS (SELECT key, any_value(type) AS type, any_value(country) AS country, mode(code) AS code, "
        "      coalesce(list(DISTINCT role) FILTER (WHERE role IS NOT NULL), []) AS roles0, "
        f"      count(DISTINCT article_id) AS articles, sum(n_mentions) AS mentions, bool_or({hit}) AS hit "
        "      FROM a GROUP BY key) "
        "SELECT g.key AS id, nm.name, g.type, g.country, g.code, nm.names, g.roles0, g.articles, g.mentions "
        "FROM g JOIN nm USING (key) WHERE g.hit)"
    )
    limit, offset = _page(limit, offset)
    total = store.con.execute(f"SELECT count(*) FROM {table}", params).fetchone()
    rows = store.rows(
        f"SELECT id, name, type, country, code, list_filter(names, lambda x: x <> name) AS aliases, "
        f"list_sort(list_distinct(roles0)) AS roles, articles, mentions FROM {table} "
        "ORDER BY mentions DESC, articles DESC, name LIMIT ? OFFSET ?", [*params, limit, offset])
    return [_jsonable(r) for r in rows], int(total[0]) if total else 0
