"""The store against real DuckDB files: idempotent writes, replacement, checkpoints, errors, migrations."""

from __future__ import annotations

import duckdb
import pytest

from communique.errors import StoreError
from communique.records import DocError
from communique.store import SCHEMA_VERSION, Store, queries
from communique.store import schema as store_schema


def _two(make_record):
    r1 = make_record([
        {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03-05"},
        {"type": "ACCUSE", "src": "KEN", "tgt": "SOM", "attributed": True},
    ], published="2024-03-05", url="https://www.example.org/a1")
    r2 = make_record([{"type": "AID", "src": "JPN", "tgt": "TZA", "date": "2024-03"}], published="2024-03-07")
    return r1, r2


def test_writing_the_same_records_twice_changes_no_count(db, make_record):
    r1, r2 = _two(make_record)
    errs = [DocError(document="bad.txt", code="input_error", message="empty document")]
    with Store(db) as store:
        store.write_batch([r1, r2], errs, inputs_done=["a.txt", "b.txt", "bad.txt"])
        first = store.counts()
        merged_first = store.merge()
        ids_first = {r["id"] for r in store.rows("SELECT id FROM events")}
    assert first["articles"] == 2 and first["event_mentions"] == 3 and first["errors"] == 1
    assert first["inputs_done"] == 3 and first["quotes"] == 2 and first["times"] == 2
    with Store(db) as store:  # a second run: same batch, in another order, the same error again
        store.write_batch([r2, r1], errs, inputs_done=["b.txt", "a.txt", "bad.txt"])
        store.write_batch([r1, r1])  # duplicates inside one batch too
        merged_again = store.merge()
        again = store.counts()
        ids_again = {r["id"] for r in store.rows("SELECT id FROM events")}
        assert store.done_inputs() == {"a.txt", "b.txt", "bad.txt"}
    assert {k: v for k, v in again.items() if k != "events"} == {k: v for k, v in first.items() if k != "events"}
    assert merged_again == merged_first == 3 and ids_again == ids_first


def test_an_article_written_again_is_replaced_whole(db, make_record):
    r1, _ = _two(make_record)
    with Store(db) as store:
        store.write_batch([r1])
        changed = r1.model_copy(deep=True)
        changed.events = changed.events[:1]
        changed.quotes = []
        store.write_batch([changed])
        counts = store.counts()
        assert counts["articles"] == 1 and counts["event_mentions"] == 1 and counts["quotes"] == 0
        assert queries.get_article(store, r1.article.id) == changed


def test_record_round_trips_and_mentions_are_flattened(db, make_record):
    r1, _ = _two(make_record)
    with Store(db) as store:
        store.write_batch([r1])
        assert queries.get_article(store, r1.article.id) == r1
        assert queries.get_article(store, "sha256:nothing") is None
        row = store.rows("SELECT * FROM event_mentions WHERE event_id = 'e2'")[0]
    e = r1.events[1]
    assert row["uid"] == f"{r1.article.id}#e2"
    assert (row["type"], row["source_country"], row["target_country"]) == ("ACCUSE", "KEN", "SOM")
    assert row["source_name"] == e.source.name and row["evidence_text"] == e.evidence.text
    assert row["status"] == "reported" and row["negated"] is False and row["rule"] == "test.hand"
    assert "a spokesperson" in row["attribution"]
    assert str(row["day"]) == "2024-03-05"  # undated mention: counted on its publication day
    assert row["source_label"] == "Test Wire" and row["url"] == "https://www.example.org/a1"


def test_read_only_store_refuses_writes_and_missing_files(db, make_record, tmp_path):
    with Store(db) as store:
        store.write_batch([_two(make_record)[0]])
    with Store(db, read_only=True) as store:
        assert store.counts()["articles"] == 1
        with pytest.raises(StoreError):
            store.write_batch([_two(make_record)[1]])
    with pytest.raises(StoreError):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_migration_from_version_1_keeps_rows_and_backfills_days(db):
    with Store(db, _schema_target=1) as old:
        assert old.version == 1
        old.con.execute(
            "INSERT INTO event_mentions (uid, article_id, event_id, type, date_start, published, date_lo, date_hi) "
            "VALUES ('x#e1', 'x', 'e1', 'CONSULT', '2021-05', DATE '2021-06-02', DATE '2021-05-01', DATE '2021-05-31'), "
            "('x#e2', 'x', 'e2', 'AID', '2020', DATE '2020-06-02', DATE '2020-01-01', DATE '2020-12-31'), "
            "('x#e3', 'x', 'e3', 'AID', NULL, DATE '2020-06-03', NULL, NULL)"
        )
        cols = {r[0] for r in old.con.execute("DESCRIBE event_mentions").fetchall()}
        assert "day" not in cols
    with pytest.raises(StoreError):  # an old file cannot be migrated read-only
        Store(db, read_only=True)
    with Store(db) as store:
        assert store.version == SCHEMA_VERSION == store_schema.LATEST >= 2
        versions = [r[0] for r in store.con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        days = dict(store.con.execute("SELECT uid, CAST(day AS VARCHAR) FROM event_mentions").fetchall())
        # version 5 counts again: a past month on no day (never its first), a year holding the
        # publication day on that day, an undated mention on the publication day
        assert days == {"x#e1": None, "x#e2": "2020-06-02", "x#e3": "2020-06-03"}
        assert store.counts()["event_mentions"] == 3
        assert store.merge() == 3


def test_a_newer_schema_is_refused(db):
    with Store(db):
        pass
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_version (version) VALUES (?)", [store_schema.LATEST + 1])
    con.close()
    with pytest.raises(StoreError, match="newer"):
        Store(db)


def test_sources_fall_back_to_the_url_host(db, make_record):
    rec = make_record([{"type": "AID", "src": "JPN", "tgt": "TZA"}], outlet=None,
                      url="https://www.example.net/world/2024/aid")
    with Store(db) as store:
        store.write_batch([rec])
        store.merge()
        assert store.rows("SELECT source_label FROM event_mentions") == [{"source_label": "example.net"}]
        assert store.rows("SELECT sources FROM events") == [{"sources": ["example.net"]}]


def test_the_counting_day_never_invents_a_first_of_the_month(db, make_record):
    """docs/store.md, "Dates": a day on that day; a date assumed from publication on the publication
    day; a stated period on the publication day when it holds it, else on no day."""
    rec = make_record([
        {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03-02", "basis": "stated"},
        {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03", "basis": "publication"},
        {"type": "AID", "src": "JPN", "tgt": "KEN", "date": "2024-03", "basis": "stated"},  # "this month"
        {"type": "AID", "src": "JPN", "tgt": "KEN", "date": "2024-01", "basis": "stated"},  # "in January"
        {"type": "AID", "src": "JPN", "tgt": "KEN", "date": "2023", "basis": "stated"},  # "last year"
        {"type": "AID", "src": "JPN", "tgt": "KEN", "date": "2024-02-26", "end": "2024-03-03", "gran": "week",
         "basis": "stated"},  # "last week"
    ], published="2024-03-12")
    with Store(db) as store:
        store.write_batch([rec])
        rows = store.rows("SELECT event_id, date_basis, CAST(day AS VARCHAR) AS day FROM event_mentions ORDER BY event_id")
    assert [(r["date_basis"], r["day"]) for r in rows] == [
        ("stated", "2024-03-02"), ("publication", "2024-03-12"), ("stated", "2024-03-12"),
        ("stated", None), ("stated", None), ("stated", None)]
