"""Merging event mentions into events: the rule of docs/store.md ("Merging"), in DuckDB SQL.

Mentions are never changed; ``events``, ``event_links`` and the ``dyad_days`` aggregate are rebuilt
from them on every run, so a different setting can be applied again at any time.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

import duckdb

from ..errors import StoreError

if TYPE_CHECKING:
    from .store import Store

log = logging.getLogger(__name__)

LEVELS = {
    "country": "coalesce({p}_country, {p}_code, upper({p}_name), '')",
    "code": "coalesce({p}_code, {p}_country, upper({p}_name), '')",
}
PLACES = {
    "country": "location_country",
    "geonameid": "coalesce(CAST(geonameid AS VARCHAR), location_country)",
    "none": "CAST(NULL AS VARCHAR)",
}
#: status kept for a merged event: the first of these found among its mentions
STATUS_ORDER = ["reported", "ongoing", "attempted", "claimed", "planned", "hypothetical"]

_GROUP = "type, negated, skey, tkey, ckey"


def _merge_sql(*, level: str, place: str) -> str:
    skey = LEVELS[level].format(p="source")
    tkey = LEVELS[level].format(p="target")
    pk = PLACES[place]
    status_rank = "list_position(?::VARCHAR[], status)"
    return f"""
CREATE OR REPLACE TEMP TABLE _cq_clusters AS
WITH m AS (
    SELECT uid, article_id, type, negated, status, cameo, goldstein, published, source_label, url,
        source_name, source_country, source_code, target_name, target_country, target_code,
        location_name, location_country, lat, lon, geonameid, evidence_text, day,
        {skey} AS skey0, {tkey} AS tkey0, {pk} AS pk,
        coalesce(date_lo, published, DATE '1970-01-01') AS lo,
        coalesce(date_hi, date_lo, published, DATE '1970-01-01') AS hi
    FROM event_mentions WHERE type IS NOT NULL
), k AS (
    SELECT *,
        CASE WHEN list_contains(?::VARCHAR[], type) AND tkey0 < skey0 THEN tkey0 ELSE skey0 END AS skey,
        CASE WHEN list_contains(?::VARCHAR[], type) AND tkey0 < skey0 THEN skey0 ELSE tkey0 END AS tkey,
        CASE WHEN hi - lo > ? THEN CAST(lo AS VARCHAR) || '/' || CAST(hi AS VARCHAR) ELSE '' END AS ckey,
        hi - lo <= ? AS prec
    FROM m
), o AS (
    SELECT *, max(hi) OVER (PARTITION BY {_GROUP}, prec ORDER BY lo, hi, uid
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_hi
    FROM k
), c AS (
    SELECT *, sum(CASE WHEN prev_hi IS NULL OR lo > prev_hi + CAST(? AS INTEGER) THEN 1 ELSE 0 END)
              OVER (PARTITION BY {_GROUP}, prec ORDER BY lo, hi, uid ROWS UNBOUNDED PRECEDING) AS chain
    FROM o
), s AS (
    SELECT *, min(lo) OVER (PARTITION BY {_GROUP}, prec, chain) AS chain_lo FROM c
), d0 AS (
    SELECT *, chain * 100000 + CAST(floor((lo - chain_lo) / (CAST(? AS INTEGER) + 1)) AS BIGINT) AS cl0 FROM s
), pcl AS (
    SELECT {_GROUP}, cl0, min(lo) AS clo, max(hi) AS chi, count(*) AS n FROM d0 WHERE prec GROUP BY {_GROUP}, cl0
), att AS (
    SELECT d0.uid, pcl.cl0 AS pcl0,
        row_number() OVER (PARTITION BY d0.uid ORDER BY pcl.n DESC, pcl.clo, pcl.cl0) AS rk
    FROM d0 JOIN pcl ON pcl.type = d0.type AND pcl.negated = d0.negated AND pcl.skey = d0.skey
        AND pcl.tkey = d0.tkey AND pcl.ckey = d0.ckey AND pcl.clo <= d0.hi AND pcl.chi >= d0.lo
    WHERE NOT d0.prec
), d AS (
    SELECT d0.*, CASE WHEN d0.prec THEN 'p' || d0.cl0 WHEN att.pcl0 IS NOT NULL THEN 'p' || att.pcl0
                      ELSE 'w' || d0.cl0 END AS cl
    FROM d0 LEFT JOIN att ON att.uid = d0.uid AND att.rk = 1
), pn AS (
    SELECT {_GROUP}, cl, pk, count(*) AS n FROM d WHERE pk IS NOT NULL GROUP BY {_GROUP}, cl, pk
), pc AS (
    SELECT *, row_number() OVER (PARTITION BY {_GROUP}, cl ORDER BY n DESC, pk) AS rk FROM pn
)
SELECT d.*, coalesce(d.pk, pc.pk) AS fpk, {status_rank} AS srank
FROM d LEFT JOIN pc ON pc.rk = 1 AND pc.type = d.type AND pc.negated = d.negated AND pc.skey = d.skey
    AND pc.tkey = d.tkey AND pc.ckey = d.ckey AND pc.cl = d.cl
"""


_EVENTS_SQL = f"""
CREATE OR REPLACE TEMP TABLE _cq_events AS
SELECT
    'ev:' || substr(md5(concat_ws('|', type, CAST(negated AS VARCHAR), skey, tkey,
        min(strftime(lo, '%Y-%m-%d') || ' ' || uid))), 1, 20) AS id,
    type, negated, list_extract(?::VARCHAR[], min(srank)) AS status,
    mode(cameo) AS cameo, avg(goldstein) AS goldstein,
    skey AS source_key, mode(source_name) AS source_name, mode(source_country) AS source_country,
    mode(source_code) AS source_code,
    tkey AS target_key, mode(target_name) AS target_name, mode(target_country) AS target_country,
    mode(target_code) AS target_code,
    min(lo) FILTER (WHERE hi - lo = ms) AS date_start, max(hi) FILTER (WHERE hi - lo = ms) AS date_end,
    min(published) AS first_seen, max(published) AS last_seen,
    mode(location_name) FILTER (WHERE fpk IS NOT DISTINCT FROM pk) AS location_name,
    mode(location_country) FILTER (WHERE fpk IS NOT DISTINCT FROM pk) AS location_country,
    avg(lat) FILTER (WHERE fpk IS NOT DISTINCT FROM pk) AS lat,
    avg(lon) FILTER (WHERE fpk IS NOT DISTINCT FROM pk) AS lon,
    mode(geonameid) FILTER (WHERE fpk IS NOT DISTINCT FROM pk) AS geonameid,
    count(*) AS n_mentions, count(DISTINCT article_id) AS n_articles, count(DISTINCT source_label) AS n_sources,
    list_sort(list(DISTINCT source_label) FILTER (WHERE source_label IS NOT NULL)) AS sources,
    list_sort(list(DISTINCT article_id)) AS articles,
    list_sort(list(DISTINCT url) FILTER (WHERE url IS NOT NULL)) AS urls,
    list(uid ORDER BY lo, uid) AS mentions,
    arg_min(evidence_text, (lo, uid)) AS evidence,
    min(day) FILTER (WHERE hi - lo = ms) AS day
FROM (SELECT *, min(hi - lo) OVER (PARTITION BY {_GROUP}, cl, fpk) AS ms FROM _cq_clusters)
GROUP BY {_GROUP}, cl, fpk
"""


def merge_events(
    store: Store,
    *,
    window_days: int = 2,
    max_event_days: int = 7,
    level: str = "country",
    place: str = "country",
    symmetric: Sequence[str] = (),
    max_span_days: int = 31,
    precise_days: int = 7,
) -> int:
    """Rebuild ``events``, ``event_links`` and ``dyad_days``; return the number of merged events."""
    from ..analysis.types import type_table

    if level not in LEVELS:
        raise StoreError(f"merge level must be one of {sorted(LEVELS)}, not {level!r}")
    if place not in PLACES:
        raise StoreError(f"merge place must be one of {sorted(PLACES)}, not {place!r}")
    if window_days < 0 or max_event_days < 0:
        raise StoreError("window_days and max_event_days must be >= 0")
    sym = [s.upper() for s in symmetric]
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(
            _merge_sql(level=level, place=place),
            [sym, sym, max_span_days, precise_days, window_days, max_event_days, STATUS_ORDER],
        )
        con.execute(_EVENTS_SQL, [STATUS_ORDER])
        types = type_table()
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _cq_types AS SELECT t[1] AS type, CAST(t[2] AS INTEGER) AS quad, "
            "CAST(t[3] AS DOUBLE) AS score FROM (SELECT unnest(?::VARCHAR[][]) AS t)",
            [[[name, str(info.quad), str(info.score)] for name, info in types.items()]],
        )
        con.execute("DELETE FROM events")
        con.execute("DELETE FROM event_links")
        con.execute(
            "INSERT INTO events BY NAME SELECT e.*, t.quad, t.score FROM _cq_events e "
            "LEFT JOIN _cq_types t ON t.type = e.type"
        )
        con.execute("INSERT INTO event_links SELECT id, unnest(mentions) FROM _cq_events")
        refresh_aggregates(con)
        settings = {"window_days": window_days, "max_event_days": max_event_days, "level": level,
                    "place": place, "symmetric": sym, "max_span_days": max_span_days,
                    "precise_days": precise_days}
        con.execute("DELETE FROM meta WHERE key = 'merge'")
        con.execute("INSERT INTO meta VALUES ('merge', ?)", [json.dumps(settings)])
        n = con.execute("SELECT count(*) FROM events").fetchone()
        for tmp in ("_cq_clusters", "_cq_events", "_cq_types"):
            con.execute(f"DROP TABLE IF EXISTS {tmp}")
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"merging events in {store.path} failed: {exc}") from exc
    count = int(n[0]) if n else 0
    log.info("store: %d merged events", count)
    return count


def refresh_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``dyad_days`` (merged events per day, directed dyad and type), sorted for fast dyad scans."""
    con.execute("DELETE FROM dyad_days")
    con.execute("""
        INSERT INTO dyad_days
        SELECT day, source_country, source_code, target_country, target_code, type, any_value(quad),
            count(*), sum(n_mentions), sum(goldstein), sum(score)
        FROM events WHERE NOT negated AND day IS NOT NULL
        GROUP BY day, source_country, source_code, target_country, target_code, type
        ORDER BY source_country, target_country, day
    """)
