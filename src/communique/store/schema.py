"""The store's schema, versioned: each migration takes a file from version ``n - 1`` to ``n``.

A new store runs every migration in order; an older file runs the ones it lacks, inside one transaction,
when it is opened writable. ``schema_version`` holds one row per applied version. Add a migration by
appending a function to :data:`MIGRATIONS`; never edit one that has shipped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import duckdb

log = logging.getLogger(__name__)


def parse_lo(col: str) -> str:
    """SQL: first day of an ISO date string ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (NULL if unreadable)."""
    return (
        f"CASE WHEN length({col}) >= 10 THEN try_cast(substr({col}, 1, 10) AS DATE) "
        f"WHEN length({col}) = 7 THEN try_cast({col} || '-01' AS DATE) "
        f"WHEN length({col}) = 4 THEN try_cast({col} || '-01-01' AS DATE) END"
    )


def parse_hi(col: str) -> str:
    """SQL: last day of the period an ISO date string names."""
    return (
        f"CASE WHEN length({col}) >= 10 THEN try_cast(substr({col}, 1, 10) AS DATE) "
        f"WHEN length({col}) = 7 THEN last_day(try_cast({col} || '-01' AS DATE)) "
        f"WHEN length({col}) = 4 THEN try_cast({col} || '-12-31' AS DATE) END"
    )


#: the longest date span (days) still counted as one point in time by the version-2 backfill
POINT_SPAN_DAYS = 31


def _day_expr_v2(lo: str = "date_lo", hi: str = "date_hi", published: str = "published") -> str:
    """The counting rule of schema versions 2-4 (a month on its first day), kept for the shipped
    version-2 migration only."""
    return (
        f"CASE WHEN {lo} IS NULL THEN {published} "
        f"WHEN {hi} - {lo} <= {POINT_SPAN_DAYS} THEN {lo} "
        f"WHEN {published} BETWEEN {lo} AND {hi} THEN {published} ELSE {lo} END"
    )


def day_expr(lo: str = "date_lo", hi: str = "date_hi", published: str = "published",
             basis: str | None = "date_basis") -> str:
    """SQL: the day a mention is counted on in day-level series (see docs/store.md, "Dates").

    A day is counted on that day. A date assumed from publication (basis ``publication``, or no date
    at all) is counted on the publication day, as GDELT and POLECAT do. A longer period (a week, a
    month, a year) is counted on the publication day when it holds it, and on no day otherwise
    (NULL: never an invented first of the month; its ``date_lo``..``date_hi`` still place it in a
    month or year)."""
    assumed = f"WHEN {basis} = 'publication' THEN {published} " if basis else ""
    return (
        f"CASE WHEN {lo} IS NULL THEN {published} "
        f"WHEN {hi} = {lo} THEN {lo} "
        f"{assumed}"
        f"WHEN {published} BETWEEN {lo} AND {hi} THEN {published} ELSE NULL END"
    )


_V1 = """
CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE articles (
    id VARCHAR NOT NULL, schema VARCHAR, input_id VARCHAR, document VARCHAR, title VARCHAR, standfirst VARCHAR,
    published VARCHAR, pub_date DATE, date_basis VARCHAR, source_agency VARCHAR, outlet VARCHAR, url VARCHAR,
    language VARCHAR, byline VARCHAR, text VARCHAR, record JSON,
    n_actors INTEGER, n_events INTEGER, n_quotes INTEGER, stored_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE actors (
    uid VARCHAR NOT NULL, article_id VARCHAR NOT NULL, actor_id VARCHAR, name VARCHAR, type VARCHAR,
    country VARCHAR, code VARCHAR, role VARCHAR, sector VARCHAR[], n_mentions INTEGER
);
CREATE TABLE actor_mentions (
    article_id VARCHAR NOT NULL, actor_id VARCHAR, start_char INTEGER, end_char INTEGER, text VARCHAR
);
CREATE TABLE event_mentions (
    uid VARCHAR NOT NULL, article_id VARCHAR NOT NULL, event_id VARCHAR, type VARCHAR, mode VARCHAR,
    context VARCHAR[], cameo VARCHAR, goldstein DOUBLE,
    source_actor VARCHAR, source_name VARCHAR, source_country VARCHAR, source_code VARCHAR,
    target_actor VARCHAR, target_name VARCHAR, target_country VARCHAR, target_code VARCHAR,
    date_start VARCHAR, date_end VARCHAR, date_granularity VARCHAR, date_text VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    negated BOOLEAN, status VARCHAR, attribution JSON,
    evidence_start INTEGER, evidence_end INTEGER, evidence_text VARCHAR, rule VARCHAR,
    published DATE, date_lo DATE, date_hi DATE, source_label VARCHAR, url VARCHAR
);
CREATE TABLE quotes (
    uid VARCHAR NOT NULL, article_id VARCHAR NOT NULL, quote_id VARCHAR, text VARCHAR, start_char INTEGER,
    end_char INTEGER, direct BOOLEAN, speaker_actor VARCHAR, speaker_name VARCHAR, via JSON, cue VARCHAR
);
CREATE TABLE times (
    article_id VARCHAR NOT NULL, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER,
    value VARCHAR, granularity VARCHAR, end_value VARCHAR
);
CREATE TABLE places (
    article_id VARCHAR NOT NULL, idx INTEGER, text VARCHAR, start_char INTEGER, end_char INTEGER, name VARCHAR,
    country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT, feature VARCHAR
);
CREATE TABLE errors (
    document VARCHAR, input_id VARCHAR, code VARCHAR, message VARCHAR, written_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE inputs_done (key VARCHAR NOT NULL, written_at TIMESTAMP DEFAULT current_timestamp);
CREATE TABLE events (
    id VARCHAR NOT NULL, type VARCHAR, negated BOOLEAN, status VARCHAR, cameo VARCHAR, goldstein DOUBLE,
    source_key VARCHAR, source_name VARCHAR, source_country VARCHAR, source_code VARCHAR,
    target_key VARCHAR, target_name VARCHAR, target_country VARCHAR, target_code VARCHAR,
    date_start DATE, date_end DATE, first_seen DATE, last_seen DATE,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT,
    n_mentions INTEGER, n_articles INTEGER, n_sources INTEGER,
    sources VARCHAR[], articles VARCHAR[], urls VARCHAR[], mentions VARCHAR[], evidence VARCHAR
);
"""

_V2 = f"""
ALTER TABLE event_mentions ADD COLUMN day DATE;
UPDATE event_mentions SET day = {_day_expr_v2()};
ALTER TABLE events ADD COLUMN day DATE;
ALTER TABLE events ADD COLUMN quad INTEGER;
ALTER TABLE events ADD COLUMN score DOUBLE;
UPDATE events SET day = date_start;
CREATE TABLE event_links (event_id VARCHAR NOT NULL, mention_uid VARCHAR NOT NULL);
CREATE TABLE meta (key VARCHAR NOT NULL, value VARCHAR);
CREATE TABLE dyad_days (
    day DATE, source_country VARCHAR, source_code VARCHAR, target_country VARCHAR, target_code VARCHAR,
    type VARCHAR, quad INTEGER, events BIGINT, mentions BIGINT, goldstein DOUBLE, score DOUBLE
);
"""


def _v1(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(_V1)


def _v2(con: duckdb.DuckDBPyConnection) -> None:
    """Adds the analysis day of each mention (backfilled), the quad class and score of merged events,
    mention-to-event links, a key/value ``meta`` table, and the ``dyad_days`` pre-aggregate."""
    con.execute(_V2)


def _v3(con: duckdb.DuckDBPyConnection) -> None:
    """Adds ``events.gid``, the hash of a merged event's grouping key, for incremental merges. Events
    merged before have none: the next merge is a full one."""
    con.execute("ALTER TABLE events ADD COLUMN gid UBIGINT")


_V4 = """
ALTER TABLE articles ADD COLUMN tone DOUBLE;
ALTER TABLE event_mentions ADD COLUMN date_basis VARCHAR;
ALTER TABLE event_mentions ADD COLUMN location_display VARCHAR;
ALTER TABLE event_mentions ADD COLUMN location_feature VARCHAR;
ALTER TABLE event_mentions ADD COLUMN tone DOUBLE;
ALTER TABLE quotes ADD COLUMN tone DOUBLE;
ALTER TABLE times ADD COLUMN timex_type VARCHAR;
ALTER TABLE times ADD COLUMN timex_value VARCHAR;
ALTER TABLE places ADD COLUMN display_name VARCHAR;
"""


def _v4(con: duckdb.DuckDBPyConnection) -> None:
    """Adds how each event mention's date was obtained (``date_basis``), readers' place names and the
    place's feature on mentions, tone on articles, mentions and quotes, and TIMEX3 type/value on times.
    Rows written before hold NULL there until their articles are written again."""
    con.execute(_V4)


def _v5(con: duckdb.DuckDBPyConnection) -> None:
    """Counts each mention by the new rule of :func:`day_expr` (no invented first of the month; a date
    assumed from publication on the publication day) and adds ``events.date_basis`` (the best basis
    among a merged event's mentions: stated, inherited, publication). Merged events and ``dyad_days``
    follow at the next merge."""
    con.execute(f"UPDATE event_mentions SET day = {day_expr()}")
    con.execute("ALTER TABLE events ADD COLUMN date_basis VARCHAR")


_V6 = """
CREATE TABLE feeds (
    url VARCHAR NOT NULL, kind VARCHAR, title VARCHAR, etag VARCHAR, last_modified VARCHAR,
    last_poll TIMESTAMP, last_ok TIMESTAMP, last_status INTEGER, items_found INTEGER, new_items INTEGER,
    polls BIGINT DEFAULT 0, not_modified BIGINT DEFAULT 0, consecutive_failures INTEGER DEFAULT 0,
    next_poll TIMESTAMP, last_error VARCHAR, added_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE seen_urls (
    url VARCHAR NOT NULL, status VARCHAR NOT NULL, article_id VARCHAR, final_url VARCHAR, code VARCHAR,
    attempts INTEGER DEFAULT 0, first_seen TIMESTAMP DEFAULT current_timestamp, last_try TIMESTAMP
);
CREATE TABLE url_sources (
    url VARCHAR NOT NULL, feed_url VARCHAR NOT NULL, title VARCHAR, published VARCHAR,
    first_seen TIMESTAMP DEFAULT current_timestamp
);
"""


def _v6(con: duckdb.DuckDBPyConnection) -> None:
    """Adds the watcher's state (docs/watch.md): ``feeds`` (one row per watched source: validators, last
    poll, items found, consecutive failures, next poll), ``seen_urls`` (one row per canonical article URL
    and what became of it) and ``url_sources`` (which sources listed which URL)."""
    con.execute(_V6)


def _v7(con: duckdb.DuckDBPyConnection) -> None:
    """Adds ``status`` and ``negated`` to the ``dyad_days`` aggregate, which from now on holds negated
    events too, so the analysis can leave negated, planned and hypothetical events out of its sums by
    default and bring them in on request; and ``span``: ``day`` for events counted on a day, ``month`` for
    events dated only by a month that holds no day to count them on (filed under the month's first day and
    counted by monthly series only). The aggregate is rebuilt from the merged events."""
    con.execute("ALTER TABLE dyad_days ADD COLUMN status VARCHAR")
    con.execute("ALTER TABLE dyad_days ADD COLUMN negated BOOLEAN")
    con.execute("ALTER TABLE dyad_days ADD COLUMN span VARCHAR")
    from .merge import refresh_aggregates

    refresh_aggregates(con)


MIGRATIONS: list[Callable[[duckdb.DuckDBPyConnection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7]
LATEST = len(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    has = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()
    if not has or not has[0]:
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, *, target: int = LATEST) -> int:
    """Apply the missing migrations up to ``target`` in one transaction; return the version reached."""
    version = current_version(con)
    if version >= target:
        return version
    con.execute("BEGIN TRANSACTION")
    try:
        for n in range(version + 1, target + 1):
            log.info("store: migrating schema to version %d", n)
            MIGRATIONS[n - 1](con)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [n])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return target
