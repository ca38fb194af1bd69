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
from ..plover import type_table

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



def _key_cte(*, level: str, place: str, where: str = "") -> str:
    """CTEs ``m``, ``k0``, ``k``: each mention's compared keys and ``gid``, the hash of its grouping key
    (type, negation, actors, coarse date). Parameters: symmetric types twice, max_span_days, precise_days."""
    skey = LEVELS[level].format(p="source")
    tkey = LEVELS[level].format(p="target")
    pk = PLACES[place]
    return f"""
WITH m AS (
    SELECT uid, type, negated, status, {skey} AS skey0, {tkey} AS tkey0, {pk} AS pk,
        coalesce(date_lo, published, DATE '1970-01-01') AS lo,
        coalesce(date_hi, date_lo, published, DATE '1970-01-01') AS hi
    FROM event_mentions WHERE type IS NOT NULL{where}
), k0 AS (
    SELECT uid, type, negated, status, pk, lo, hi,
        CASE WHEN list_contains(?::VARCHAR[], type) AND tkey0 < skey0 THEN tkey0 ELSE skey0 END AS skey,
        CASE WHEN list_contains(?::VARCHAR[], type) AND tkey0 < skey0 THEN skey0 ELSE tkey0 END AS tkey,
        CASE WHEN hi - lo > ? THEN CAST(lo AS VARCHAR) || '/' || CAST(hi AS VARCHAR) ELSE '' END AS ckey,
        hi - lo <= ? AS prec
    FROM m
), k AS (
    SELECT *, hash(type, negated, skey, tkey, ckey) AS gid FROM k0
)"""


def _merge_sql(*, level: str, place: str, only_affected: bool = False) -> str:
    """SQL assigning each mention its cluster: ``_cq_keys(uid, gid, type, negated, skey, tkey, lo, hi, cl,
    fpk, srank)``; with ``only_affected``, only the groups listed in ``_cq_affected``."""
    keep = "WHERE gid IN (SELECT gid FROM _cq_affected)" if only_affected else ""
    return f"""
CREATE OR REPLACE TEMP TABLE _cq_keys AS
{_key_cte(level=level, place=place)}, kf AS (
    SELECT * FROM k {keep}
), o AS (
    SELECT *, max(hi) OVER (PARTITION BY gid, prec ORDER BY lo, hi, uid
                            ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_hi
    FROM kf
), c AS (
    SELECT *, sum(CASE WHEN prev_hi IS NULL OR lo > prev_hi + CAST(? AS INTEGER) THEN 1 ELSE 0 END)
              OVER (PARTITION BY gid, prec ORDER BY lo, hi, uid ROWS UNBOUNDED PRECEDING) AS chain
    FROM o
), s AS (
    SELECT *, min(lo) OVER (PARTITION BY gid, prec, chain) AS chain_lo FROM c
), d0 AS (
    SELECT *, chain * 100000 + CAST(floor((lo - chain_lo) / (CAST(? AS INTEGER) + 1)) AS BIGINT) AS cl0 FROM s
), pcl AS (
    SELECT gid, cl0, min(lo) AS clo, max(hi) AS chi, count(*) AS n FROM d0 WHERE prec GROUP BY gid, cl0
), att AS (
    SELECT d0.uid, pcl.cl0 AS pcl0,
        row_number() OVER (PARTITION BY d0.uid ORDER BY pcl.n DESC, pcl.clo, pcl.cl0) AS rk
    FROM d0 JOIN pcl ON pcl.gid = d0.gid AND pcl.clo <= d0.hi AND pcl.chi >= d0.lo
    WHERE NOT d0.prec
), d AS (
    SELECT d0.*, CASE WHEN d0.prec THEN 'p' || d0.cl0 WHEN att.pcl0 IS NOT NULL THEN 'p' || att.pcl0
                      ELSE 'w' || d0.cl0 END AS cl
    FROM d0 LEFT JOIN att ON att.uid = d0.uid AND att.rk = 1
), pn AS (
    SELECT gid, cl, pk, count(*) AS n FROM d WHERE pk IS NOT NULL GROUP BY gid, cl, pk
), pc AS (
    SELECT *, row_number() OVER (PARTITION BY gid, cl ORDER BY n DESC, pk) AS rk FROM pn
)
SELECT d.uid, d.gid, d.type, d.negated, d.skey, d.tkey, d.lo, d.hi, d.pk, d.cl,
    coalesce(d.pk, pc.pk) AS fpk, list_position(?::VARCHAR[], d.status) AS srank
FROM d LEFT JOIN pc ON pc.rk = 1 AND pc.gid = d.gid AND pc.cl = d.cl
"""


_EVENTS_SQL = """
CREATE OR REPLACE TEMP TABLE _cq_events AS
SELECT
    'ev:' || substr(md5(concat_ws('|', type, CAST(negated AS VARCHAR), skey, tkey, first_key)), 1, 20) AS id,
    type, negated, list_extract(?::VARCHAR[], srank) AS status, rep.cameo, goldstein,
    skey AS source_key, rep.source_name, rep.source_country, rep.source_code,
    tkey AS target_key, rep.target_name, rep.target_country, rep.target_code,
    dlo.lo AS date_start, dhi.hi AS date_end, first_seen, last_seen,
    loc.name AS location_name, loc.country AS location_country, loc.lat, loc.lon, loc.geonameid,
    n_mentions, len(articles) AS n_articles, len(sources) AS n_sources, sources, articles, urls, mentions,
    rep.evidence, dlo.day, gid,
    list_extract(['stated', 'inherited', 'publication'], brank + 1) AS date_basis
FROM (
    SELECT k.gid, k.cl, k.fpk, any_value(k.type) AS type, any_value(k.negated) AS negated,
        any_value(k.skey) AS skey, any_value(k.tkey) AS tkey,
        min(strftime(k.lo, '%Y-%m-%d') || ' ' || k.uid) AS first_key,
        min(k.srank) AS srank, avg(m.goldstein) AS goldstein,
        -- the representative mention: the most precise, then the earliest
        arg_min({'cameo': m.cameo, 'source_name': m.source_name, 'source_country': m.source_country,
                 'source_code': m.source_code, 'target_name': m.target_name, 'target_country': m.target_country,
                 'target_code': m.target_code, 'evidence': m.evidence_text}, (k.hi - k.lo, k.lo, k.uid)) AS rep,
        arg_min({'name': m.location_name, 'country': m.location_country, 'lat': m.lat, 'lon': m.lon,
                 'geonameid': m.geonameid}, (m.location_name IS NULL, k.hi - k.lo, k.lo, k.uid)) AS loc,
        min({'span': k.hi - k.lo, 'lo': k.lo, 'day': m.day}) AS dlo,
        -- how the best-dated mention got its date: stated, then inherited, then publication
        min(CASE m.date_basis WHEN 'stated' THEN 0 WHEN 'inherited' THEN 1 WHEN 'publication' THEN 2 END) AS brank,
        max({'precision': k.lo - k.hi, 'hi': k.hi}) AS dhi,
        min(m.published) AS first_seen, max(m.published) AS last_seen, count(*) AS n_mentions,
        list_sort(list_distinct(list(m.source_label))) AS sources,
        list_sort(list_distinct(list(m.article_id))) AS articles,
        list_sort(list_distinct(list(m.url))) AS urls,
        list(k.uid ORDER BY k.lo, k.uid) AS mentions
    FROM _cq_keys AS k JOIN event_mentions AS m ON m.uid = k.uid
    GROUP BY k.gid, k.cl, k.fpk
)
"""


def merge_events(
    store: Store,
    *,
    window_days: int,
    max_event_days: int,
    level: str,
    place: str,
    symmetric: Sequence[str],
    max_span_days: int,
    precise_days: int,
    articles: Sequence[str] | None = None,
) -> int:
    """Rebuild ``events``, ``event_links`` and ``dyad_days``; return the number of merged events. The
    settings have no defaults here: they are :class:`~communique.config.MergeSettings`' (``Store.merge``
    passes them all).

    With ``articles`` (ids of articles just written or replaced), only the groups their mentions fall in
    (now or before) are recomputed, which gives the same result as a full merge as long as the settings
    are those of the last merge; otherwise, or when the store has events of an older schema, a full merge
    runs."""
    if level not in LEVELS:
        raise StoreError(f"merge level must be one of {sorted(LEVELS)}, not {level!r}")
    if place not in PLACES:
        raise StoreError(f"merge place must be one of {sorted(PLACES)}, not {place!r}")
    if window_days < 0 or max_event_days < 0 or precise_days < 0 or max_span_days < 0:
        raise StoreError("merge windows and spans must be >= 0")
    sym = sorted({s.upper() for s in symmetric})
    settings = {"window_days": window_days, "max_event_days": max_event_days, "level": level,
                "place": place, "symmetric": sym, "max_span_days": max_span_days, "precise_days": precise_days}
    con = store.con
    incremental = articles is not None and _can_increment(con, settings)
    key_params = [sym, sym, max_span_days, precise_days]
    con.execute("BEGIN TRANSACTION")
    try:
        if incremental:
            ids = sorted(set(articles or ()))
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _cq_affected AS "
                + _key_cte(level=level, place=place, where=" AND article_id IN (SELECT unnest(?::VARCHAR[]))")
                # groups of the new mentions, and of events that lost a mention (a replaced article)
                + " SELECT DISTINCT gid FROM k UNION SELECT DISTINCT e.gid FROM events e "
                "JOIN event_links l ON l.event_id = e.id "
                "WHERE l.mention_uid NOT IN (SELECT uid FROM event_mentions)",
                [ids, *key_params],
            )
        con.execute(
            _merge_sql(level=level, place=place, only_affected=incremental),
            [*key_params, window_days, max_event_days, STATUS_ORDER],
        )
        con.execute(_EVENTS_SQL, [STATUS_ORDER])
        types = type_table()
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _cq_types AS SELECT t[1] AS type, CAST(t[2] AS INTEGER) AS quad, "
            "CAST(t[3] AS DOUBLE) AS score FROM (SELECT unnest(?::VARCHAR[][]) AS t)",
            [[[name, str(info.quad), str(info.score)] for name, info in types.items()]],
        )
        if incremental:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _cq_dd AS "
                f"SELECT DISTINCT {_DD_DAY.format(e='')} AS day, {_DD_REST} FROM events "
                "WHERE gid IN (SELECT gid FROM _cq_affected) "
                f"UNION SELECT DISTINCT {_DD_DAY.format(e='')} AS day, {_DD_REST} FROM _cq_events"
            )
            con.execute("DELETE FROM event_links WHERE event_id IN "
                        "(SELECT id FROM events WHERE gid IN (SELECT gid FROM _cq_affected))")
            con.execute("DELETE FROM events WHERE gid IN (SELECT gid FROM _cq_affected)")
        else:
            con.execute("DELETE FROM events")
            con.execute("DELETE FROM event_links")
        con.execute(
            "INSERT INTO events BY NAME SELECT e.*, t.quad, t.score FROM _cq_events e "
            "LEFT JOIN _cq_types t ON t.type = e.type"
        )
        con.execute("INSERT INTO event_links SELECT id, unnest(mentions) FROM _cq_events")
        if incremental:
            _refresh_some_aggregates(con)
        else:
            refresh_aggregates(con)
        con.execute("DELETE FROM meta WHERE key = 'merge'")
        con.execute("INSERT INTO meta VALUES ('merge', ?)", [json.dumps(settings)])
        n = con.execute("SELECT count(*) FROM events").fetchone()
        for tmp in ("_cq_keys", "_cq_events", "_cq_types", "_cq_affected", "_cq_dd"):
            con.execute(f"DROP TABLE IF EXISTS {tmp}")
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"merging events in {store.path} failed: {exc}") from exc
    count = int(n[0]) if n else 0
    log.info("store: %d merged events (%s merge)", count, "incremental" if incremental else "full")
    return count


_DD_REST = "source_country, source_code, target_country, target_code, type, status, negated"
_DD_KEY = "day, " + _DD_REST


def _can_increment(con: duckdb.DuckDBPyConnection, settings: dict) -> bool:
    row = con.execute("SELECT value FROM meta WHERE key = 'merge'").fetchone()
    if row is None or json.loads(row[0]) != settings:
        return False
    missing = con.execute("SELECT count(*) FROM events WHERE gid IS NULL").fetchone()
    return bool(missing is not None and missing[0] == 0)


#: ``dyad_days`` rows: an event counted on a day (span ``day``), or one dated only by a month that holds no
#: day to count it on (span ``month``, filed under the month's first day, counted by monthly series only:
#: analysis.dyads.span_clause); events dated by a longer period count in no series
_DD_MONTH = ("{e}date_start IS NOT NULL AND "
             "date_trunc('month', {e}date_start) = date_trunc('month', coalesce({e}date_end, {e}date_start))")
_DD_KEEP = "{e}day IS NOT NULL OR (" + _DD_MONTH + ")"
_DD_DAY = "coalesce({e}day, CAST(date_trunc('month', {e}date_start) AS DATE))"
_DD_SPAN = "CASE WHEN {e}day IS NOT NULL THEN 'day' ELSE 'month' END"


def _refresh_some_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute the ``dyad_days`` rows whose keys are listed in ``_cq_dd``."""
    match = " AND ".join(f"d.{c.strip()} IS NOT DISTINCT FROM k.{c.strip()}" for c in _DD_KEY.split(","))
    con.execute(f"DELETE FROM dyad_days d WHERE EXISTS (SELECT 1 FROM _cq_dd k WHERE {match})")
    ematch = match.replace("d.day", _DD_DAY.format(e="e.")).replace("d.", "e.")
    con.execute(f"""
        INSERT INTO dyad_days BY NAME
        SELECT {_DD_DAY.format(e="e.")} AS day, {_DD_SPAN.format(e="e.")} AS span,
            e.source_country, e.source_code, e.target_country, e.target_code, e.type, e.status, e.negated,
            any_value(e.quad) AS quad, count(*) AS events, sum(e.n_mentions) AS mentions,
            sum(e.goldstein) AS goldstein, sum(e.score) AS score
        FROM events e WHERE ({_DD_KEEP.format(e="e.")})
            AND EXISTS (SELECT 1 FROM _cq_dd k WHERE {ematch})
        GROUP BY ALL
    """)


def refresh_aggregates(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``dyad_days`` (merged events per day, directed dyad, type, status and negation), sorted for fast
    dyad scans."""
    con.execute("DELETE FROM dyad_days")
    con.execute(f"""
        INSERT INTO dyad_days BY NAME
        SELECT {_DD_DAY.format(e="")} AS day, {_DD_SPAN.format(e="")} AS span,
            source_country, source_code, target_country, target_code, type, status, negated,
            any_value(quad) AS quad, count(*) AS events, sum(n_mentions) AS mentions, sum(goldstein) AS goldstein,
            sum(score) AS score
        FROM events WHERE {_DD_KEEP.format(e="")}
        GROUP BY ALL
        ORDER BY source_country, target_country, day
    """)
