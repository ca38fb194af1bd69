"""The merge rule (docs/store.md, "Merging") against a real DuckDB file."""

from __future__ import annotations

import logging

import pytest

from communique.errors import StoreError
from communique.store import Store

MINSK = ("Minsk", "BLR", 53.9, 27.56)
ASTANA = ("Astana", "KAZ", 51.17, 71.45)


def _events(store: Store) -> list[dict]:
    return store.rows("SELECT * FROM events ORDER BY day, type, source_key, target_key")


def test_one_visit_mentioned_four_times_in_one_article_is_one_event(db, make_record):
    # headline (undated, present), lede (dated), a planned follow-up (undated), a month-dated recap
    rec = make_record([
        {"type": "CONSULT", "src": "JPN", "tgt": "KEN"},
        {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03-05", "place": ("Nairobi", "KEN", -1.28, 36.8)},
        {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "status": "planned"},
        {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03"},
        {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2023-11"},  # an earlier visit, recalled
    ], published="2024-03-05")
    with Store(db) as store:
        store.write_batch([rec])
        assert store.merge() == 2
        events = _events(store)
        assert store.counts()["event_mentions"] == 5  # mentions are always kept
        links = store.rows("SELECT event_id, count(*) AS n FROM event_links GROUP BY event_id ORDER BY n")
    old, visit = events
    assert (visit["type"], visit["source_key"], visit["target_key"]) == ("CONSULT", "JPN", "KEN")
    assert visit["n_mentions"] == 4 and visit["n_articles"] == 1 and visit["status"] == "reported"
    assert visit["location_name"] == "Nairobi" and visit["location_country"] == "KEN"
    # the merged event is dated by its most precise mentions, not by the month-wide one
    assert str(visit["day"]) == str(visit["date_start"]) == str(visit["date_end"]) == "2024-03-05"
    assert old["n_mentions"] == 1 and str(old["date_start"]) == "2023-11-01"
    assert [r["n"] for r in links] == [1, 4]


def test_reports_from_several_outlets_merge_with_first_and_last_seen(db, make_record):
    a = make_record([{"type": "AID", "src": "JPN", "tgt": "TZA", "date": "2024-03-06"}], published="2024-03-06",
                    outlet="Wire One", url="https://one.example/x")
    b = make_record([{"type": "AID", "src": "JPN", "tgt": "TZA", "date": "2024-03-06"}], published="2024-03-08",
                    outlet="Paper Two")
    c = make_record([{"type": "AID", "src": "JPN", "tgt": "TZA"}], published="2024-03-07", outlet="Wire One")
    with Store(db) as store:
        store.write_batch([a, b, c])
        assert store.merge() == 1
        (ev,) = _events(store)
    assert ev["n_mentions"] == 3 and ev["n_articles"] == 3 and ev["n_sources"] == 2
    assert ev["sources"] == ["Paper Two", "Wire One"] and ev["urls"] == ["https://one.example/x"]
    assert (str(ev["first_seen"]), str(ev["last_seen"])) == ("2024-03-06", "2024-03-08")


def test_window_days_is_tunable_and_merge_can_be_run_again(db, make_record):
    rec = make_record([
        {"type": "CONSULT", "src": "FRA", "tgt": "DEU", "date": "2024-05-01"},
        {"type": "CONSULT", "src": "FRA", "tgt": "DEU", "date": "2024-05-05"},
    ], published="2024-05-06")
    with Store(db) as store:
        store.write_batch([rec])
        assert store.merge(window_days=2) == 2
        assert store.merge(window_days=4) == 1
        assert store.merge(window_days=0) == 2
        assert store.counts()["event_mentions"] == 2


def test_long_chains_of_daily_reports_are_cut_by_max_event_days(db, make_record):
    recs = [make_record([{"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "date": f"2024-02-{d:02d}"}],
                        published=f"2024-02-{d:02d}") for d in range(1, 21)]
    with Store(db) as store:
        store.write_batch(recs)
        assert store.merge(max_event_days=6) == 3  # 20 days in runs of 7
        assert sorted(r["n_mentions"] for r in _events(store)) == [6, 7, 7]
        assert store.merge(max_event_days=100) == 1


def test_places_split_events_and_unplaced_mentions_join_the_larger_place(db, make_record):
    rec = make_record([
        {"type": "PROTEST", "src": "BLR", "tgt": "BLR", "date": "2024-01-10", "place": MINSK},
        {"type": "PROTEST", "src": "BLR", "tgt": "BLR", "date": "2024-01-10", "place": MINSK},
        {"type": "PROTEST", "src": "BLR", "tgt": "BLR", "date": "2024-01-10", "place": ASTANA},
        {"type": "PROTEST", "src": "BLR", "tgt": "BLR", "date": "2024-01-10"},
    ], published="2024-01-10")
    with Store(db) as store:
        store.write_batch([rec])
        assert store.merge() == 2
        by_place = {r["location_country"]: r["n_mentions"] for r in _events(store)}
        assert by_place == {"BLR": 3, "KAZ": 1}
        assert store.merge(place="none") == 1


def test_negated_types_direction_and_actor_level(db, make_record):
    rec = make_record([
        {"type": "CONSULT", "src": "USA", "tgt": "CHN", "date": "2024-04-02"},
        {"type": "CONSULT", "src": "CHN", "tgt": "USA", "date": "2024-04-02"},
        {"type": "CONSULT", "src": "USA", "tgt": "CHN", "date": "2024-04-02", "negated": True},
        {"type": "AGREE", "src": "USA", "tgt": "CHN", "date": "2024-04-02"},
        {"type": "SANCTION", "src": "USA", "tgt": "IRN", "date": "2024-04-02", "code_src": "USAGOV"},
        {"type": "SANCTION", "src": "USA", "tgt": "IRN", "date": "2024-04-02", "code_src": "USAGOV"},
    ], published="2024-04-02")
    other = make_record([
        {"type": "SANCTION", "src": "USA", "tgt": "IRN", "date": "2024-04-02", "code_src": "USALEG"},
    ], published="2024-04-02")
    with Store(db) as store:
        store.write_batch([rec, other])
        assert store.merge() == 5  # USA>CHN, CHN>USA, negated, AGREE, SANCTION
        assert store.merge(symmetric=["consult"]) == 4
        assert store.merge(level="code") == 5  # the last merge's symmetric CONSULT is kept
        assert store.merge(level="code", symmetric=[]) == 6  # the two US sanctioning bodies are told apart
        negated = store.rows("SELECT n_mentions FROM events WHERE negated")
        assert negated == [{"n_mentions": 1}]
        with pytest.raises(StoreError):
            store.merge(level="galaxy")


def test_merged_event_ids_do_not_depend_on_write_order(tmp_path, make_record):
    recs = [make_record([{"type": "AID", "src": "JPN", "tgt": "TZA", "date": f"2024-03-0{d}"}],
                        published=f"2024-03-0{d}") for d in (1, 2, 8)]
    ids = []
    for n, order in enumerate((recs, recs[::-1])):
        with Store(tmp_path / f"s{n}.duckdb") as store:
            for r in order:
                store.write_batch([r])
            store.merge()
            ids.append(sorted(r["id"] for r in store.rows("SELECT id FROM events")))
    assert ids[0] == ids[1] and len(ids[0]) == 2


def test_a_month_wide_mention_joins_the_dated_event_it_overlaps(db, make_record):
    rec = make_record([
        {"type": "CONSULT", "src": "CHN", "tgt": "RUS", "date": "2024-08"},  # "is visiting" (this month)
        {"type": "CONSULT", "src": "CHN", "tgt": "RUS", "date": "2024-08-14"},
        {"type": "CONSULT", "src": "CHN", "tgt": "RUS", "date": "2024-08-15"},
        {"type": "CONSULT", "src": "CHN", "tgt": "RUS", "date": "2024-08-28"},  # a second, later trip
        {"type": "AID", "src": "CHN", "tgt": "RUS", "date": "2024-07"},  # nothing precise to join
        {"type": "AID", "src": "CHN", "tgt": "RUS", "date": "2024-07"},
    ], published="2024-08-14")
    with Store(db) as store:
        store.write_batch([rec])
        assert store.merge() == 3
        rows = store.rows("SELECT type, n_mentions, CAST(day AS VARCHAR) AS day FROM events ORDER BY type, day")
    assert rows == [
        {"type": "AID", "n_mentions": 2, "day": "2024-07-01"},
        {"type": "CONSULT", "n_mentions": 3, "day": "2024-08-14"},
        {"type": "CONSULT", "n_mentions": 1, "day": "2024-08-28"},
    ]


_COMPARE = ("SELECT id, type, negated, status, source_key, target_key, CAST(day AS VARCHAR) AS day, n_mentions, "
            "n_articles, mentions, location_name FROM events ORDER BY id")
_DYADS = "SELECT * FROM dyad_days ORDER BY ALL"


def test_incremental_merge_gives_the_full_merge_result(db, make_record, caplog):
    base = [
        make_record([{"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03-05"},
                     {"type": "AID", "src": "JPN", "tgt": "KEN", "date": "2024-03-06"}], published="2024-03-06"),
        make_record([{"type": "ACCUSE", "src": "KEN", "tgt": "SOM", "date": "2024-03-09"},
                     {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03-20"}], published="2024-03-21"),
    ]
    joiner = make_record([{"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03-06",
                           "place": ("Nairobi", "KEN", -1.28, 36.8)},
                          {"type": "SANCTION", "src": "USA", "tgt": "IRN", "date": "2024-03-07"}],
                         published="2024-03-07")
    replaced = base[1].model_copy(deep=True)
    replaced.events = replaced.events[:1]  # the second report of 20 March is withdrawn
    with Store(db) as store:
        store.write_batch(base)
        store.merge()
        store.write_batch([joiner, replaced])
        with caplog.at_level(logging.INFO, logger="communique.store.merge"):
            store.merge(articles=[joiner.article.id, replaced.article.id])
        assert "incremental merge" in caplog.text
        assert store.con.execute("SELECT count(*) FROM events WHERE gid IS NULL").fetchone()[0] == 0
        incremental, dyads = store.rows(_COMPARE), store.rows(_DYADS)
        assert store.merge() == len(incremental)
        assert store.rows(_COMPARE) == incremental and store.rows(_DYADS) == dyads
    consult = [r for r in incremental if r["type"] == "CONSULT"]
    assert [(r["n_mentions"], r["n_articles"], r["location_name"]) for r in consult] == [(2, 2, "Nairobi")]
    assert {r["type"] for r in incremental} == {"CONSULT", "AID", "ACCUSE", "SANCTION"}


def test_incremental_merge_with_other_settings_runs_a_full_merge(db, make_record):
    rec = make_record([{"type": "CONSULT", "src": "FRA", "tgt": "DEU", "date": "2024-05-01"},
                       {"type": "CONSULT", "src": "FRA", "tgt": "DEU", "date": "2024-05-05"}], published="2024-05-06")
    with Store(db) as store:
        store.write_batch([rec])
        assert store.merge(window_days=2) == 2
        # nothing new was written, but the window changed: all groups are recomputed
        assert store.merge(window_days=4, articles=[]) == 1
        assert store.merge(window_days=4, articles=[]) == 1
