"""Exports through DuckDB ``COPY``: merged events, event mentions, a PLOVER-style JSON and a GDELT-style
event table, as CSV, JSON Lines or Parquet (docs/exports.md describes every column)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..errors import StoreError
from .queries import EVENT_COLS, FILTERS, MENTION_COLS, InvalidQuery, event_where
from .store import Store

log = logging.getLogger(__name__)

WHATS = ("events", "mentions", "plover", "gdelt", "polecat")
FORMATS = ("csv", "tsv", "jsonl", "json", "parquet")
#: the format a file name ending says (``.gz`` aside)
EXTENSIONS: dict[str, str] = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
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

#: per merged event, what its mentions and articles add: mean tone (mention tone, else article tone),
#: the commonest date basis, the feature and reader's name of its place, the time it was first stored,
#: its outlets and the first document address (URL, else path, else id)
_EXTRA = """
SELECT l.event_id,
    coalesce(avg(m.tone), avg(a.tone)) AS tone,
    mode(m.date_basis) AS date_basis,
    mode(m.location_feature) FILTER (WHERE m.location_name IS NOT DISTINCT FROM e.location_name) AS location_feature,
    mode(m.location_display) FILTER (WHERE m.location_name IS NOT DISTINCT FROM e.location_name) AS location_display,
    min(a.stored_at) AS stored_at,
    greatest(1, count(DISTINCT coalesce(a.outlet, a.source_agency))) AS n_outlets,
    min(coalesce(a.url, a.document, a.input_id, a.id)) AS first_address,
    min(m.evidence_start) AS first_offset
FROM sel AS e JOIN event_links AS l ON l.event_id = e.id
JOIN event_mentions AS m ON m.uid = l.mention_uid
LEFT JOIN articles AS a ON a.id = m.article_id
GROUP BY l.event_id
"""

_PLOVER = """
SELECT
    e.id, CAST(e.day AS VARCHAR) AS date, CAST(e.date_start AS VARCHAR) AS date_start,
    CAST(e.date_end AS VARCHAR) AS date_end, x.date_basis,
    e.type AS event, mode_context.mode AS mode, mode_context.context AS context,
    [{'actorText': e.source_name, 'code': coalesce(e.source_code, e.source_country), 'country': e.source_country,
      'sectors': _cq_sectors(e.source_code, e.source_country)}] AS source,
    CASE WHEN e.target_key = '' THEN [] ELSE
        [{'actorText': e.target_name, 'code': coalesce(e.target_code, e.target_country), 'country': e.target_country,
          'sectors': _cq_sectors(e.target_code, e.target_country)}]
    END AS target,
    CASE WHEN e.location_name IS NULL THEN NULL ELSE
        {'name': e.location_name, 'display_name': x.location_display, 'feature': x.location_feature,
         'country': e.location_country, 'lat': e.lat, 'lon': e.lon, 'geonameid': e.geonameid}
    END AS location,
    e.negated, e.status, e.cameo, e.goldstein, e.quad AS quad_class, e.score AS intensity, x.tone,
    e.evidence AS eventText, e.evidence AS text, e.n_mentions AS mentions, e.n_articles AS articles_count,
    e.n_sources AS sources_count, e.sources, e.articles, e.urls, CAST(e.first_seen AS VARCHAR) AS first_seen,
    CAST(e.last_seen AS VARCHAR) AS last_seen, 'communique' AS coder
FROM sel AS e LEFT JOIN x ON x.event_id = e.id LEFT JOIN (
    SELECT l.event_id, mode(m.mode) AS mode, list_sort(list_distinct(flatten(list(m.context)))) AS context
    FROM event_links l JOIN event_mentions m ON m.uid = l.mention_uid GROUP BY l.event_id
) AS mc ON mc.event_id = e.id
CROSS JOIN LATERAL (SELECT {'mode': mc.mode, 'context': coalesce(mc.context, [])} AS mode_context)
ORDER BY e.day, e.id
"""

#: GDELT 2.0's event table, in the order of its codebook (BigQuery names; the codebook calls the first
#: two GlobalEventID and Day)
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"{a}{c}" for a in ("Actor1", "Actor2") for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")),
    "DATEADDED", "SOURCEURL",
)
#: columns of ours after GDELT's 61 (not in GDELT)
GDELT_EXTRA = ("PloverType", "Status", "DateBasis", "DateStart", "DateEnd")


def _actor_cols(n: int, side: str) -> str:
    code = f"coalesce(e.{side}_code, e.{side}_country)"
    rest = (f"CASE WHEN e.{side}_country IS NOT NULL AND starts_with(e.{side}_code, e.{side}_country) "
            f"THEN substr(e.{side}_code, 4) ELSE e.{side}_code END")
    none = "CAST(NULL AS VARCHAR)"
    return ",\n    ".join([
        f"{code} AS Actor{n}Code", f"e.{side}_name AS Actor{n}Name", f"e.{side}_country AS Actor{n}CountryCode",
        f"{none} AS Actor{n}KnownGroupCode", f"{none} AS Actor{n}EthnicCode",
        f"{none} AS Actor{n}Religion1Code", f"{none} AS Actor{n}Religion2Code",
        *(f"nullif(substr({rest}, {1 + 3 * i}, 3), '') AS Actor{n}Type{i + 1}Code" for i in range(3)),
    ])


def _geo_cols(prefix: str, located: bool) -> str:
    if not located:
        return ",\n    ".join([
            f"CAST(NULL AS INTEGER) AS {prefix}_Type", f"CAST(NULL AS VARCHAR) AS {prefix}_FullName",
            f"CAST(NULL AS VARCHAR) AS {prefix}_CountryCode", f"CAST(NULL AS VARCHAR) AS {prefix}_ADM1Code",
            f"CAST(NULL AS VARCHAR) AS {prefix}_ADM2Code", f"CAST(NULL AS DOUBLE) AS {prefix}_Lat",
            f"CAST(NULL AS DOUBLE) AS {prefix}_Long", f"CAST(NULL AS VARCHAR) AS {prefix}_FeatureID",
        ])
    # the codebook's types: 1 country, 2 US state, 3 US city, 4 world city, 5 world state
    gtype = (
        "CASE WHEN e.location_name IS NULL AND e.lat IS NULL THEN 0 "
        "WHEN x.location_feature = 'country' OR (x.location_feature IS NULL AND e.lat IS NULL) THEN 1 "
        "WHEN x.location_feature = 'region' THEN CASE WHEN e.location_country = 'USA' THEN 2 ELSE 5 END "
        "WHEN x.location_feature IN ('continent', 'area') THEN NULL "
        "WHEN e.location_country = 'USA' THEN 3 ELSE 4 END"
    )
    return ",\n    ".join([
        f"{gtype} AS {prefix}_Type", f"coalesce(x.location_display, e.location_name) AS {prefix}_FullName",
        f"e.location_country AS {prefix}_CountryCode", f"CAST(NULL AS VARCHAR) AS {prefix}_ADM1Code",
        f"CAST(NULL AS VARCHAR) AS {prefix}_ADM2Code", f"e.lat AS {prefix}_Lat", f"e.lon AS {prefix}_Long",
        f"CAST(e.geonameid AS VARCHAR) AS {prefix}_FeatureID",
    ])


# the day GDELT's date columns give: the event's own day when it is one day (or it is counted on its
# publication day), else the publication day when that falls inside the event's period (GDELT's own
# convention: the day it was reported); never the first day of a month or year standing for the period
#: a merged event dated to one day
_REAL_DAY = "(e.date_start IS NOT NULL AND e.date_start = coalesce(e.date_end, e.date_start))"
#: GDELT's day: the event's own day; with no date, the day it was counted on (its publication); with a
#: longer period (a month, a year), its first publication day when that falls inside; else none
_GDAY = (f"CASE WHEN {_REAL_DAY} THEN e.date_start WHEN e.date_start IS NULL THEN e.day "
         "WHEN e.first_seen BETWEEN e.date_start AND coalesce(e.date_end, e.date_start) THEN e.first_seen END")
_SAME_MONTH = "(e.date_start IS NOT NULL AND date_trunc('month', e.date_start) = date_trunc('month', coalesce(e.date_end, e.date_start)))"
_SAME_YEAR = "(e.date_start IS NOT NULL AND year(e.date_start) = year(coalesce(e.date_end, e.date_start)))"

_GDELT = f"""
SELECT
    CAST(('0x' || substr(e.id, 4, 15)) AS BIGINT) AS GLOBALEVENTID,
    CAST(strftime(g.gday, '%Y%m%d') AS INTEGER) AS SQLDATE,
    CASE WHEN g.gday IS NOT NULL THEN CAST(strftime(g.gday, '%Y%m') AS INTEGER)
         WHEN {_SAME_MONTH} THEN CAST(strftime(e.date_start, '%Y%m') AS INTEGER) END AS MonthYear,
    CASE WHEN g.gday IS NOT NULL THEN CAST(year(g.gday) AS INTEGER)
         WHEN {_SAME_YEAR} THEN CAST(year(e.date_start) AS INTEGER) END AS Year,
    round(year(g.gday) + (dayofyear(g.gday) - 1) / 365.0, 4) AS FractionDate,
    {_actor_cols(1, "source")},
    {_actor_cols(2, "target")},
    CASE WHEN x.first_offset IS NULL THEN NULL WHEN x.first_offset < 600 THEN 1 ELSE 0 END AS IsRootEvent,
    e.cameo AS EventCode, substr(e.cameo, 1, 3) AS EventBaseCode, substr(e.cameo, 1, 2) AS EventRootCode,
    e.quad AS QuadClass, e.goldstein AS GoldsteinScale,
    e.n_mentions AS NumMentions, CAST(x.n_outlets AS INTEGER) AS NumSources, e.n_articles AS NumArticles,
    round(x.tone, 4) AS AvgTone,
    {_geo_cols("Actor1Geo", False)},
    {_geo_cols("Actor2Geo", False)},
    {_geo_cols("ActionGeo", True)},
    CAST(strftime(coalesce(x.stored_at, CAST(e.first_seen AS TIMESTAMP)), '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
    coalesce(e.urls[1], x.first_address) AS SOURCEURL,
    e.type AS PloverType, e.status AS Status,
    CASE WHEN {_REAL_DAY} THEN coalesce(x.date_basis, 'stated') WHEN g.gday IS NOT NULL THEN 'publication'
         ELSE coalesce(x.date_basis, 'stated') END AS DateBasis,
    CAST(e.date_start AS VARCHAR) AS DateStart, CAST(e.date_end AS VARCHAR) AS DateEnd
FROM sel AS e LEFT JOIN x ON x.event_id = e.id CROSS JOIN LATERAL (SELECT {_GDAY} AS gday) AS g
WHERE NOT e.negated
ORDER BY e.day, e.id
"""

#: POLECAT's weekly-release column names (the ones we can fill; the rest empty), in its order
_POLECAT = """
SELECT
    e.id AS "Event ID", CAST(e.day AS VARCHAR) AS "Event Date", e.type AS "Event Type",
    mc.mode AS "Event Mode", array_to_string(coalesce(mc.context, []), ';') AS "Event Context",
    e.source_name AS "Actor Name", e.source_country AS "Actor Country",
    _cq_sectors(e.source_code, e.source_country)[1] AS "Primary Actor Sector",
    array_to_string(_cq_sectors(e.source_code, e.source_country), ';') AS "Actor Sectors",
    mc.source_title AS "Actor Title", mc.source_raw AS "Actor Name Raw",
    e.target_name AS "Recipient Name", e.target_country AS "Recipient Country",
    _cq_sectors(e.target_code, e.target_country)[1] AS "Primary Recipient Sector",
    array_to_string(_cq_sectors(e.target_code, e.target_country), ';') AS "Recipient Sectors",
    mc.target_title AS "Recipient Title", mc.target_raw AS "Recipient Name Raw",
    coalesce(x.location_display, e.location_name) AS "Placename", e.location_country AS "Country",
    e.lat AS "Latitude", e.lon AS "Longitude", e.geonameid AS "GeoNames ID", e.location_name AS "Raw Placename",
    x.location_feature AS "Feature Type",
    array_to_string(e.sources, ';') AS "Source", CAST(e.first_seen AS VARCHAR) AS "Publication Date",
    st.people AS "Story People", st.organizations AS "Story Organizations", st.locations AS "Story Locations",
    'en' AS "Language", e.quad AS "Quad Code", e.score AS "Event Intensity", e.goldstein AS "Goldstein",
    e.cameo AS "CAMEO", e.status AS "Status", e.negated AS "Negated", e.evidence AS "Event Text",
    e.n_mentions AS "Mentions", array_to_string(e.urls, ';') AS "URLs"
FROM sel AS e LEFT JOIN x ON x.event_id = e.id
LEFT JOIN (
    SELECT l.event_id, mode(m.mode) AS mode, list_sort(list_distinct(flatten(list(m.context)))) AS context,
        mode(sa.role) AS source_title, mode(ta.role) AS target_title,
        mode(sa.name) AS source_raw, mode(ta.name) AS target_raw,
        min(m.article_id) AS article_id
    FROM event_links l JOIN event_mentions m ON m.uid = l.mention_uid
    LEFT JOIN actors sa ON sa.uid = m.article_id || '#' || m.source_actor
    LEFT JOIN actors ta ON ta.uid = m.article_id || '#' || m.target_actor
    GROUP BY l.event_id
) AS mc ON mc.event_id = e.id
LEFT JOIN (
    SELECT a.article_id,
        string_agg(DISTINCT a.name, ';' ORDER BY a.name) FILTER (WHERE a.type = 'person') AS people,
        string_agg(DISTINCT a.name, ';' ORDER BY a.name) FILTER (WHERE a.type NOT IN ('person', 'country')) AS organizations,
        (SELECT string_agg(DISTINCT coalesce(p.display_name, p.name), ';' ORDER BY coalesce(p.display_name, p.name))
         FROM places p WHERE p.article_id = a.article_id) AS locations
    FROM actors a GROUP BY a.article_id
) AS st ON st.article_id = mc.article_id
ORDER BY e.day, e.id
"""

#: SQL macro: an actor code's sectors (its 3-letter chunks after the country)
_SECTORS_MACRO = """
CREATE OR REPLACE TEMP MACRO _cq_rest(code, country) AS
    CASE WHEN code IS NULL THEN '' WHEN country IS NOT NULL AND starts_with(code, country) THEN substr(code, 4)
         WHEN country IS NULL THEN code ELSE '' END;
CREATE OR REPLACE TEMP MACRO _cq_sectors(code, country) AS
    list_filter([substr(_cq_rest(code, country), 1 + 3 * i, 3)
                 FOR i IN range(CAST(ceil(length(_cq_rest(code, country)) / 3) AS BIGINT))],
                lambda s: length(s) = 3);
"""


def export_query(what: str, filters: dict[str, Any] | None = None) -> tuple[str, list[Any]]:
    """The SELECT an export writes and its parameters; ``filters`` are those of ``GET /events``
    (:data:`~communique.store.queries.FILTERS`), applied to merged events, or to mentions for ``mentions``."""
    flt = {k: v for k, v in (filters or {}).items() if v not in (None, "")}
    unknown = sorted(set(flt) - set(FILTERS))
    if unknown:
        raise InvalidQuery(f"unknown export filter {', '.join(unknown)}: one of {', '.join(FILTERS)}")
    if what not in WHATS:
        raise InvalidQuery(f"unknown export {what!r}: one of {', '.join(WHATS)}")
    where, params = event_where(**flt, merged=what != "mentions")
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    if what == "mentions":
        return f"SELECT {MENTION_COLS} FROM event_mentions{clause} ORDER BY day, uid", params
    if what == "events":
        return f"SELECT {EVENT_COLS} FROM events{clause} ORDER BY day, id", params
    body = {"plover": _PLOVER, "gdelt": _GDELT, "polecat": _POLECAT}[what]
    return f"WITH sel AS (SELECT * FROM events{clause}), x AS ({_EXTRA}) {body}", params


def export(store: Store, *, what: str, fmt: str, out: str | Path, filters: dict[str, Any] | None = None) -> int:
    """Write the ``what`` table (events, mentions, plover, gdelt, polecat) to ``out`` in ``fmt`` (csv, tsv,
    jsonl, json = one JSON array, parquet), only the rows matching ``filters`` (those of ``GET /events``);
    return the number of rows written."""
    if fmt not in FORMATS:
        raise InvalidQuery(f"unknown export format {fmt!r}: one of {', '.join(FORMATS)}")
    if what == "plover" and fmt in ("csv", "tsv"):
        raise InvalidQuery("the PLOVER export is nested JSON: use --format json, jsonl or parquet")
    path = Path(out)
    if not path.parent.is_dir():
        raise InvalidQuery(f"cannot write {path}: the folder {path.parent} does not exist")
    query, params = export_query(what, filters)
    options = {
        "csv": "FORMAT csv, HEADER true",
        "tsv": "FORMAT csv, HEADER true, DELIMITER '\t'",
        "jsonl": "FORMAT json",
        "json": "FORMAT json, ARRAY true",
        "parquet": "FORMAT parquet, COMPRESSION zstd",
    }[fmt]
    target = str(path).replace("'", "''")
    con = store.con
    try:
        con.execute(_SECTORS_MACRO)
        # the selection first (COPY takes no parameters), then the file
        con.execute(f"CREATE OR REPLACE TEMP TABLE _cq_export AS {query}", params)
        inner = "SELECT * FROM _cq_export"
        if fmt in ("csv", "tsv"):
            inner = _csv_query(store, inner)
        row = con.execute(f"COPY ({inner}) TO '{target}' ({options})").fetchone()
    except InvalidQuery:
        raise
    except Exception as exc:  # duckdb raises several unrelated classes for I/O problems
        raise StoreError(f"exporting {what} to {path} failed: {exc}") from exc
    finally:
        try:
            con.execute("DROP TABLE IF EXISTS _cq_export")
        except Exception:  # the connection is gone: nothing to drop
            log.debug("dropping the export table failed", exc_info=True)
    n = int(row[0]) if row and row[0] is not None else 0
    log.info("export: %d %s rows to %s", n, what, path)
    return n
