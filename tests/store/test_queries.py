"""The API's read queries over a real store."""

from __future__ import annotations

import json

import pytest

from communique.errors import StoreError
from communique.store import InvalidQuery, Store, queries


@pytest.fixture
def filled(db, make_record):
    recs = [
        make_record([{"type": "CONSULT", "src": "JPN", "tgt": "KEN", "date": "2024-03-05",
                      "place": ("Nairobi", "KEN", -1.28, 36.8)},
                     {"type": "CONSULT", "src": "JPN", "tgt": "KEN", "status": "planned"}],
                    published="2024-03-05", title="Minister flies to Nairobi"),
        make_record([{"type": "ACCUSE", "src": "KEN", "tgt": "SOM", "date": "2024-03-09", "code_src": "KENGOV"}],
                    published="2024-03-10", title="Border dispute flares"),
        make_record([{"type": "AID", "src": "JPN", "tgt": "TZA", "date": "2024-04-01", "negated": True}],
                    published="2024-04-02", text="A rejected aid offer, written for this test only."),
    ]
    with Store(db) as store:
        store.write_batch(recs)
        store.merge()
    return db


def test_list_articles_pages_and_searches(filled):
    with Store(filled, read_only=True) as store:
        rows, total = queries.list_articles(store, limit=2)
        assert total == 3 and len(rows) == 2
        assert [r["published"] for r in rows] == ["2024-04-02", "2024-03-10"]  # newest first
        rows, total = queries.list_articles(store, q="nairobi")
        assert total == 1 and rows[0]["title"] == "Minister flies to Nairobi" and rows[0]["n_events"] == 2
        rows, total = queries.list_articles(store, q="rejected aid")
        assert total == 1
        json.dumps(rows)  # JSON-ready


def test_list_events_filters_mentions_and_merged(filled):
    with Store(filled, read_only=True) as store:
        rows, total = queries.list_events(store)
        assert total == 4 and json.dumps(rows)
        assert [r["day"] for r in rows] == sorted(r["day"] for r in rows)
        assert queries.list_events(store, actor="jpn")[1] == 3
        assert queries.list_events(store, actor="KENGOV")[1] == 1
        assert queries.list_events(store, actor="Country SOM")[1] == 1  # part of a name
        assert queries.list_events(store, country="KEN")[1] == 3
        assert queries.list_events(store, type="consult,aid")[1] == 3
        assert queries.list_events(store, start="2024-03-06", end="2024-03-31")[1] == 1
        assert queries.list_events(store, place="nairobi")[1] == 1
        assert queries.list_events(store, status="planned")[1] == 1
        assert queries.list_events(store, text="rejected")[1] == 1
        merged, total = queries.list_events(store, merged=True, sort="mentions")
        assert total == 3 and merged[0]["n_mentions"] == 2 and merged[0]["type"] == "CONSULT"
        assert queries.list_events(store, merged=True, actor="JPN", type="CONSULT")[1] == 1
        page, total = queries.list_events(store, limit=1, offset=3, sort="-date")
        assert total == 4 and len(page) == 1
        with pytest.raises(StoreError):
            queries.list_events(store, sort="sideways")
        with pytest.raises(InvalidQuery) as bad:
            queries.list_events(store, start="yesterday")
        assert bad.value.code == "invalid_query" and bad.value.http_status == 422


def test_list_actors_aggregates_across_articles(filled):
    with Store(filled, read_only=True) as store:
        rows, total = queries.list_actors(store)
        assert total == 5  # KEN and KENGOV are told apart by their codes
        jpn = next(r for r in rows if r["country"] == "JPN")
        assert jpn["articles"] == 2 and jpn["mentions"] == 2
        rows, total = queries.list_actors(store, q="som")
        assert total == 1 and rows[0]["country"] == "SOM"
