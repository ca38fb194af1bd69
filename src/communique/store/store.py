"""The DuckDB event store: one file, one writer, ids from content.

``write_batch`` stages the records as JSON and flattens them with DuckDB's ``from_json`` in one
transaction. An article already in the store is replaced whole (its actors, mentions, quotes... are
deleted and written again), so writing the same records twice changes nothing.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from ..config import MergeSettings, get_settings
from ..errors import StoreError
from ..records import ArticleRecord, DocError
from . import schema

log = logging.getLogger(__name__)

_SIDE = {"actor": "VARCHAR", "name": "VARCHAR", "country": "VARCHAR", "code": "VARCHAR"}
_SPEAKER = {"actor": "VARCHAR", "name": "VARCHAR"}
#: the part of the article record the store flattens (other fields stay in ``articles.record``)
RECORD_STRUCT: dict[str, Any] = {
    "schema": "VARCHAR",
    "article": {
        "id": "VARCHAR", "title": "VARCHAR", "standfirst": "VARCHAR", "published": "VARCHAR",
        "date_basis": "VARCHAR", "source_agency": "VARCHAR", "outlet": "VARCHAR", "url": "VARCHAR",
        "language": "VARCHAR", "input_id": "VARCHAR", "byline": "VARCHAR",
        "document": "VARCHAR",
    },
    "actors": [{
        "id": "VARCHAR", "name": "VARCHAR", "type": "VARCHAR", "country": "VARCHAR", "sector": ["VARCHAR"],
        "role": "VARCHAR", "code": "VARCHAR",
        "mentions": [{"start": "INTEGER", "end": "INTEGER", "text": "VARCHAR"}],
    }],
    "events": [{
        "id": "VARCHAR", "type": "VARCHAR", "mode": "VARCHAR", "context": ["VARCHAR"], "cameo": "VARCHAR",
        "goldstein": "DOUBLE", "source": _SIDE, "target": _SIDE,
        "date": {"start": "VARCHAR", "end": "VARCHAR", "granularity": "VARCHAR", "text": "VARCHAR",
                 "basis": "VARCHAR"},
        "location": {"name": "VARCHAR", "country": "VARCHAR", "lat": "DOUBLE", "lon": "DOUBLE", "geonameid": "BIGINT",
                     "display_name": "VARCHAR", "feature": "VARCHAR"},
        "negated": "BOOLEAN", "status": "VARCHAR", "attribution": "JSON",
        "evidence": {"start": "INTEGER", "end": "INTEGER", "text": "VARCHAR"}, "rule": "VARCHAR",
        "tone": "DOUBLE",
    }],
    "repeated_events": "EVENTS",  # the same struct as "events" (filled in below)
    "quotes": [{
        "id": "VARCHAR", "text": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "direct": "BOOLEAN",
        "speaker": _SPEAKER, "via": "JSON", "cue": "VARCHAR", "tone": "DOUBLE",
    }],
    "times": [{
        "text": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "value": "VARCHAR", "granularity": "VARCHAR",
        "end_value": "VARCHAR", "timex_type": "VARCHAR", "timex_value": "VARCHAR",
    }],
    "places": [{
        "text": "VARCHAR", "start": "INTEGER", "end": "INTEGER", "name": "VARCHAR", "country": "VARCHAR",
        "lat": "DOUBLE", "lon": "DOUBLE", "geonameid": "BIGINT", "feature": "VARCHAR", "display_name": "VARCHAR",
    }],
    "tone": {"score": "DOUBLE"},
}

RECORD_STRUCT["repeated_events"] = RECORD_STRUCT["events"]

_NO_TEXT = {"article": {"text"}}

#: tables whose rows belong to one article (deleted and rewritten when the article is written again)
ARTICLE_TABLES = ("actors", "actor_mentions", "event_mentions", "quotes", "times", "places")
#: tables reported by :meth:`Store.counts`
COUNTED = ("articles", *ARTICLE_TABLES, "errors", "inputs_done", "events")

_INSERTS = {
    "articles": """
        INSERT INTO articles (id, schema, input_id, document, title, standfirst, published, pub_date, date_basis,
            source_agency, outlet, url, language, byline, text, record, n_actors, n_events, n_quotes, tone)
        SELECT a.id, x.schema, a.input_id, a.document, a.title, a.standfirst, a.published,
            try_cast(substr(a.published, 1, 10) AS DATE), a.date_basis, a.source_agency, a.outlet, a.url,
            a.language, a.byline, t, r::JSON,
            len(x.actors), len(x.events), len(x.quotes), x.tone.score
        FROM (SELECT x, x.article AS a, r, t FROM _cq_parsed)""",
    "actors": """
        INSERT INTO actors
        SELECT aid || '#' || c.id, aid, c.id, c.name, c.type, c.country, c.code, c.role, c.sector, len(c.mentions)
        FROM (SELECT x.article.id AS aid, unnest(x.actors) AS c FROM _cq_parsed)""",
    "actor_mentions": """
        INSERT INTO actor_mentions
        SELECT aid, actor_id, m.start, m."end", m.text
        FROM (SELECT aid, c.id AS actor_id, unnest(c.mentions) AS m
              FROM (SELECT x.article.id AS aid, unnest(x.actors) AS c FROM _cq_parsed))""",
    "event_mentions": f"""
        INSERT INTO event_mentions
        SELECT * EXCLUDE (date_basis, location_display, location_feature, tone), {schema.day_expr()} AS day,
            date_basis, location_display, location_feature, tone FROM (
        SELECT aid || '#' || e.id AS uid, aid, e.id, e.type, e.mode, e.context, e.cameo, e.goldstein,
            e.source.actor, e.source.name, e.source.country, e.source.code,
            e.target.actor, e.target.name, e.target.country, e.target.code,
            e.date.start, e.date."end", e.date.granularity, e.date.text,
            e.location.name, e.location.country, e.location.lat, e.location.lon, e.location.geonameid,
            coalesce(e.negated, false), coalesce(e.status, 'reported'), coalesce(e.attribution, '[]'::JSON),
            e.evidence.start, e.evidence."end", e.evidence.text, e.rule,
            pub AS published, {schema.parse_lo('e.date.start')} AS date_lo,
            {schema.parse_hi('coalesce(e.date."end", e.date.start)')} AS date_hi,
            label, url, e.date.basis AS date_basis, e.location.display_name AS location_display,
            e.location.feature AS location_feature, e.tone AS tone
        FROM (SELECT x.article.id AS aid, try_cast(substr(x.article.published, 1, 10) AS DATE) AS pub,
                     coalesce(x.article.source_agency, x.article.outlet,
                              regexp_extract(x.article.url, '^[a-z]+://(?:www\\.)?([^/]+)', 1),
                              x.article.document, x.article.id) AS label,
                     x.article.url AS url,
                     unnest(list_concat(x.events, coalesce(x.repeated_events, x.events[1:0]))) AS e
              FROM _cq_parsed))""",
    "quotes": """
        INSERT INTO quotes
        SELECT aid || '#' || q.id, aid, q.id, q.text, q.start, q."end", q.direct, q.speaker.actor, q.speaker.name,
            coalesce(q.via, '[]'::JSON), q.cue, q.tone
        FROM (SELECT x.article.id AS aid, unnest(x.quotes) AS q FROM _cq_parsed)""",
    "times": """
        INSERT INTO times
        SELECT aid, i, t.text, t.start, t."end", t.value, t.granularity, t.end_value, t.timex_type, t.timex_value
        FROM (SELECT x.article.id AS aid, unnest(x.times) AS t, unnest(generate_series(1, len(x.times))) AS i
              FROM _cq_parsed WHERE len(x.times) > 0)""",
    "places": """
        INSERT INTO places
        SELECT aid, i, p.text, p.start, p."end", p.name, p.country, p.lat, p.lon, p.geonameid, p.feature,
            p.display_name
        FROM (SELECT x.article.id AS aid, unnest(x.places) AS p, unnest(generate_series(1, len(x.places))) AS i
              FROM _cq_parsed WHERE len(x.places) > 0)""",
}


class Store:
    """One DuckDB file holding articles, their flattened parts, errors, checkpoints and merged events.

    Use as a context manager. Opening writable creates the file if needed and applies any missing
    schema migration; opening ``read_only`` requires an up-to-date file.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False, _schema_target: int | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"no store at {self.path}")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc
        version = schema.current_version(self.con)
        target = schema.LATEST if _schema_target is None else _schema_target
        if version < target:
            if read_only:
                self.con.close()
                raise StoreError(
                    f"store {self.path} has schema version {version}, this program needs {target}: "
                    "open it once writable to migrate"
                )
            schema.migrate(self.con, target=target)
        elif version > schema.LATEST:
            self.con.close()
            raise StoreError(f"store {self.path} has schema version {version}, newer than this program ({schema.LATEST})")
        self.version = max(version, target)

    # ---------------------------------------------------------------------------------- lifecycle
    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error:  # pragma: no cover - already closed
            pass

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")

    # ---------------------------------------------------------------------------------- writing
    def write_batch(
        self,
        records: Sequence[ArticleRecord],
        errors: Sequence[DocError] = (),
        *,
        inputs_done: Sequence[str] = (),
        also: Callable[[duckdb.DuckDBPyConnection], None] | None = None,
    ) -> None:
        """Write records, errors and checkpoint keys in ONE transaction. An article already stored is
        replaced; an error or checkpoint already stored is not written twice. ``also(con)`` runs inside
        the same transaction, last (the watcher's state, committed with its articles)."""
        self._writable()
        by_id: dict[str, ArticleRecord] = {}
        for rec in records:
            by_id[rec.article.id] = rec  # the last copy of an article in the batch wins
        # the text goes to its own column; the record JSON is stored without it
        payload = [rec.model_dump_json(by_alias=True, exclude=_NO_TEXT) for rec in by_id.values()]
        texts = [rec.article.text for rec in by_id.values()]
        err_rows = [[e.document, e.input_id, e.code, e.message] for e in errors]
        keys = sorted(set(inputs_done))
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            if payload:
                struct = json.dumps(RECORD_STRUCT)
                con.execute(
                    "CREATE OR REPLACE TEMP TABLE _cq_parsed AS "
                    f"SELECT r, t, from_json(r, '{struct}') AS x "
                    "FROM (SELECT unnest(?::VARCHAR[]) AS r, unnest(?::VARCHAR[]) AS t)",
                    [payload, texts],
                )
                ids = list(by_id)
                old = [r[0] for r in con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()]
                if old:
                    log.debug("store: replacing %d articles already stored", len(old))
                    for table in ("articles", *ARTICLE_TABLES):
                        col = "id" if table == "articles" else "article_id"
                        con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?::VARCHAR[]))", [old])
                for sql in _INSERTS.values():
                    con.execute(sql)
                con.execute("DROP TABLE _cq_parsed")
            if err_rows:
                con.execute(
                    "INSERT INTO errors (document, input_id, code, message) "
                    "SELECT DISTINCT e[1], e[2], e[3], e[4] FROM (SELECT unnest(?::VARCHAR[][]) AS e) "
                    "WHERE NOT EXISTS (SELECT 1 FROM errors o WHERE o.document IS NOT DISTINCT FROM e[1] "
                    "AND o.input_id IS NOT DISTINCT FROM e[2] AND o.code IS NOT DISTINCT FROM e[3] "
                    "AND o.message IS NOT DISTINCT FROM e[4])",
                    [err_rows],
                )
            if keys:
                con.execute(
                    "INSERT INTO inputs_done (key) SELECT k FROM (SELECT unnest(?::VARCHAR[]) AS k) "
                    "WHERE k NOT IN (SELECT key FROM inputs_done)",
                    [keys],
                )
            if also is not None:
                also(con)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"writing a batch of {len(payload)} records to {self.path} failed: {exc}") from exc
        except BaseException:
            con.execute("ROLLBACK")
            raise

    # ---------------------------------------------------------------------------------- reading
    def done_inputs(self) -> set[str]:
        """Checkpoint keys of inputs already written."""
        return {r[0] for r in self.con.execute("SELECT key FROM inputs_done").fetchall()}

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in COUNTED)
        return {name: int(n) for name, n in self.con.execute(sql).fetchall()}

    def rows(self, sql: str, params: Sequence[Any] | dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run a query and return its rows as dicts."""
        cur = self.con.execute(sql, params) if params is not None else self.con.execute(sql)
        cols = [d[0] for d in cur.description or []]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]

    def meta(self, key: str) -> str | None:
        row = self.con.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._writable()
        self.con.execute("DELETE FROM meta WHERE key = ?", [key])
        self.con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])

    # ---------------------------------------------------------------------------------- merging
    def merge_settings(self, default: MergeSettings | None = None) -> MergeSettings:
        """The settings a merge that names none uses: those of the store's last merge, else ``default``,
        else the configuration's."""
        raw = self.meta("merge")
        if raw:
            try:
                return MergeSettings.model_validate(json.loads(raw))
            except (ValueError, TypeError):
                log.warning("store %s: unreadable merge settings %r; using the configured ones", self.path, raw)
        return default or get_settings().merge

    def merge(
        self,
        *,
        settings: MergeSettings | None = None,
        articles: Sequence[str] | None = None,
        window_days: int | None = None,
        max_event_days: int | None = None,
        level: str | None = None,
        place: str | None = None,
        symmetric: Sequence[str] | None = None,
        precise_days: int | None = None,
        max_span_days: int | None = None,
    ) -> int:
        """Recompute merged events from all event mentions; return how many merged events there are.
        The rule and its settings are described in docs/store.md ("Merging"). Settings: ``settings``, else
        those of the store's last merge, else the configuration's (:meth:`merge_settings`), with any of
        the keyword settings given here applied on top; they are remembered for the next merge.
        ``articles``: ids of the articles written since the last merge, to recompute only the events they
        can change (same result as a full merge when the settings are unchanged; a full merge runs
        otherwise)."""
        from .merge import merge_events

        self._writable()
        base = settings or self.merge_settings()
        given = {"window_days": window_days, "max_event_days": max_event_days, "level": level, "place": place,
                 "symmetric": list(symmetric) if symmetric is not None else None,
                 "precise_days": precise_days, "max_span_days": max_span_days}
        given = {k: v for k, v in given.items() if v is not None}
        if given:
            try:
                base = MergeSettings.model_validate({**base.model_dump(), **given})
            except ValueError as exc:
                raise StoreError(f"invalid merge settings: {exc}") from exc
        return merge_events(self, **base.model_dump(), articles=articles)
