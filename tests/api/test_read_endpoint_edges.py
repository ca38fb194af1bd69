"""Read endpoints a new user tripped on: /errors, filter values that match nothing by mistake, LIKE
wildcards, id prefixes, HEAD, export messages, unknown actors. Real app, real DuckDB store."""

from __future__ import annotations

from communique.records import DocError
from communique.store import Store

from .sample_store import assert_error, sample_records


def test_errors_endpoint_lists_failed_documents(sample_db, make_client):
    with Store(sample_db) as store:
        store.write_batch([], [DocError(document="/in/empty.txt", code="empty", message="empty document"),
                               DocError(document="/in/bin.txt", code="binary", message="binary content")])
        store.write_batch([], [DocError(document="/in/empty.txt", code="empty", message="empty document")])
    client = make_client(sample_db)
    body = client.get("/errors").json()
    assert body["total"] == 2
    assert {(e["document"], e["code"]) for e in body["items"]} == {("/in/empty.txt", "empty"),
                                                                    ("/in/bin.txt", "binary")}
    assert client.get("/errors", params={"code": "binary"}).json()["total"] == 1


def test_event_filters_that_match_no_value_are_422(ro_client):
    assert_error(ro_client.get("/events", params={"type": "FOO"}), 422, "invalid_query")
    assert_error(ro_client.get("/events", params={"type": "CONSULT,FOO"}), 422, "invalid_query")
    assert_error(ro_client.get("/events", params={"status": "bogus"}), 422, "invalid_query")
    assert_error(ro_client.get("/events", params={"start": "2024-05-01", "end": "2024-04-01"}), 422,
                 "invalid_query")
    assert ro_client.get("/events", params={"type": "consult", "status": "Reported"}).json()["total"] > 0


def test_like_wildcards_in_text_are_literal(ro_client):
    assert ro_client.get("/events").json()["total"] > 0
    assert ro_client.get("/events", params={"text": "%"}).json()["total"] == 0
    assert ro_client.get("/events", params={"text": "_"}).json()["total"] == 0
    assert ro_client.get("/events", params={"text": "met"}).json()["total"] > 0


def test_article_by_id_prefix(ro_client):
    rec = sample_records()[1]
    short = rec.article.id[: len("sha256:") + 12]  # as `communique code --format table` prints it
    r = ro_client.get(f"/articles/{short}")
    assert r.status_code == 200 and r.json()["article"]["id"] == rec.article.id
    assert ro_client.get(f"/articles/{short.removeprefix('sha256:')}").status_code == 200
    assert_error(ro_client.get(f"/articles/{rec.article.id[:len('sha256:') + 6]}"), 404, "not_found")


def test_head_is_allowed(ro_client):
    assert ro_client.head("/").status_code == 200
    r = ro_client.head("/export/events.csv")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")


def test_unknown_export_format_names_the_formats(ro_client):
    r = ro_client.get("/export/events.xml")
    assert_error(r, 404, "not_found")
    assert "csv, tsv, jsonl, json or parquet" in r.json()["error"]["message"]


def test_unknown_actors_are_404(ro_client):
    for path, named in (("/alignment/XX/RUS", "'XX'"), ("/dyads/ZZZ/QQQ", "'ZZZ'"), ("/dyads/CHN/QQQ", "'QQQ'")):
        r = ro_client.get(path)
        assert_error(r, 404, "unknown_actor")
        assert named in r.json()["error"]["message"]
    assert ro_client.get("/dyads/CHN/RUS").status_code == 200


def test_a_year_or_month_stands_for_its_whole_period(ro_client):
    def total(**params):
        r = ro_client.get("/events", params=params)
        assert r.status_code == 200, r.text
        return r.json()["total"]

    everything = total()
    assert total(start="2024", end="2024") == everything
    march = total(start="2024-03-01", end="2024-03-31")
    assert 0 < march < everything
    assert total(start="2024-03", end="2024-03") == march  # 'end=2024-03' closes on the 31st, not the 1st
    assert total(start="2025") == 0
    assert_error(ro_client.get("/events", params={"start": "2024-04", "end": "2024-03"}), 422, "invalid_query")
