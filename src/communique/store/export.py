"""Exports through DuckDB ``COPY``: merged events, event mentions, a PLOVER-style JSON and a GDELT-style
event table, as CSV, JSON Lines or Parquet (docs/exports.md describes every column)."""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import StoreError
from .queries import EVENT_COLS, MENTION_COLS, InvalidQuery
from .store import Store

log = logging.getLogger(__name__)

WHATS = ("events", "mentions", "plover", "gdelt")
FORMATS = ("csv", "jsonl", "json", "parquet")
#: the format a file name ending says (``.gz`` aside)
EXTENSIONS: dict[str, str] = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
              ".parquet": "parquet", ".pq": "parquet"}
#: CSV list columns are written as their items joined by this
LIST_SEPARATOR = ";"


def format_for(out: str | Path, fmt: str | None = None) -> str:
    """The export format for file ``out``: ``fmt`` when given (refused when the file name says another
    format), else the one its extension names (csv when it names none)."""
    name = Path(out).name.lower().removesuffix(".gz")
    ext = Path(name).suffix
    said = EXTENSIONS.get(ext)
    if fmt is None:
        return said or "csv"
    if fmt not in FORMATS:
        raise InvalidQuery(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    if ext in EXTENSIONS and said != fmt:
        raise InvalidQuery(f"--format {fmt} does not match the file name {Path(out).name!r} "
                           f"(a {said or ext[1:]} file): change one of them, or leave --format out")
    return fmt


def _csv_query(store: Store, query: str) -> str:
    """``query`` with its list columns turned into one string, items joined by ``;``."""
    cols = store.con.execute(f"DESCRIBE ({query})").fetchall()
    lists = [c[0] for c in cols if str(c[1]).endswith("[]")]
    if not lists:
        return query
    repl = ", ".join(f"array_to_string(\"{c}\", '{LIST_SEPARATOR}') AS \"{c}\"" for c in lists)
    return f"SELECT * REPLACE ({repl}) FROM ({query})"

_PLOVER = """
SELECT
    id, CAST(day AS VARCHAR) AS date, CAST(date_start AS VARCHAR) AS date_start, CAST(date_end AS VARCHAR) AS date_end,
    type AS event, mode_context.mode AS mode, mode_context.context AS context,
    [{'actorText': source_name, 'code': coalesce(source_code, source_country), 'country': source_country}]
        AS source,
    CASE WHEN target_key = '' THEN [] ELSE
        [{'actorText': target_name, 'code': coalesce(target_code, target_country), 'country': target_country}]
    END AS target,
    CASE WHEN location_name IS NULL THEN NULL ELSE
        {'name': location_name, 'country': location_country, 'lat': lat, 'lon': lon, 'geonameid': geonameid}
    END AS location,
    negated, status, cameo, goldstein, evidence AS text, n_mentions AS mentions, n_articles AS articles_count,
    n_sources AS sources_count, sources, articles, urls, CAST(first_seen AS VARCHAR) AS first_seen,
    CAST(last_seen AS VARCHAR) AS last_seen, 'communique' AS coder
FROM events LEFT JOIN (
    SELECT l.event_id, mode(m.mode) AS mode, list_sort(list_distinct(flatten(list(m.context)))) AS context
    FROM event_links l JOIN event_mentions m ON m.uid = l.mention_uid GROUP BY l.event_id
) AS mc ON mc.event_id = events.id
CROSS JOIN LATERAL (SELECT {'mode': mc.mode, 'context': coalesce(mc.context, [])} AS mode_context)
ORDER BY day, id
"""

_GDELT = """
SELECT
    id AS GLOBALEVENTID,
    CAST(strftime(day, '%Y%m%d') AS INTEGER) AS SQLDATE,
    CAST(strftime(day, '%Y%m') AS INTEGER) AS MonthYear,
    year(day) AS Year,
    round(year(day) + (dayofyear(day) - 1) / 365.0, 4) AS FractionDate,
    coalesce(source_code, source_country) AS Actor1Code, source_name AS Actor1Name,
    source_country AS Actor1CountryCode,
    coalesce(target_code, target_country) AS Actor2Code, target_name AS Actor2Name,
    target_country AS Actor2CountryCode,
    cameo AS EventCode, substr(cameo, 1, 3) AS EventBaseCode, substr(cameo, 1, 2) AS EventRootCode,
    quad AS QuadClass, goldstein AS GoldsteinScale,
    n_mentions AS NumMentions, n_sources AS NumSources, n_articles AS NumArticles,
    CAST(NULL AS DOUBLE) AS AvgTone,
    CASE WHEN location_name IS NULL THEN 0 WHEN lat IS NULL THEN 1 ELSE 4 END AS ActionGeo_Type,
    location_name AS ActionGeo_FullName, location_country AS ActionGeo_CountryCode,
    lat AS ActionGeo_Lat, lon AS ActionGeo_Long, geonameid AS ActionGeo_FeatureID,
    CAST(strftime(first_seen, '%Y%m%d') AS INTEGER) AS DATEADDED,
    urls[1] AS SOURCEURL,
    type AS PloverType, status AS Status
FROM events WHERE NOT negated
ORDER BY day, id
"""


def export_query(what: str) -> str:
    """The SELECT an export writes."""
    if what == "events":
        return f"SELECT {EVENT_COLS} FROM events ORDER BY day, id"
    if what == "mentions":
        return f"SELECT {MENTION_COLS} FROM event_mentions ORDER BY day, uid"
    if what == "plover":
        return _PLOVER
    if what == "gdelt":
        return _GDELT
    raise InvalidQuery(f"unknown export {what!r}: one of {', '.join(WHATS)}")


def export(store: Store, *, what: str, fmt: str, out: str | Path) -> int:
    """Write the ``what`` table to ``out`` in ``fmt`` (csv, jsonl, json = one JSON array, parquet);
    return the number of rows written."""
    if fmt not in FORMATS:
        raise InvalidQuery(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    query = export_query(what)
    if what == "plover" and fmt == "csv":
        raise InvalidQuery("the PLOVER export is nested JSON: use --format json, jsonl or parquet")
    options = {
        "csv": "FORMAT csv, HEADER true",
        "jsonl": "FORMAT json",
        "json": "FORMAT json, ARRAY true",
        "parquet": "FORMAT parquet, COMPRESSION zstd",
    }[fmt]
    if fmt == "csv":
        query = _csv_query(store, query)
    path = Path(out)
    if not path.parent.is_dir():
        raise InvalidQuery(f"cannot write {path}: the folder {path.parent} does not exist")
    target = str(path).replace("'", "''")
    try:
        row = store.con.execute(f"COPY ({query}) TO '{target}' ({options})").fetchone()
    except Exception as exc:  # duckdb raises several unrelated classes for I/O problems
        raise StoreError(f"exporting {what} to {path} failed: {exc}") from exc
    n = int(row[0]) if row and row[0] is not None else 0
    log.info("export: %d %s rows to %s", n, what, path)
    return n
