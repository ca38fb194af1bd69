"""Read endpoints over a real DuckDB store built from hand-made records: pagination, filters, sorting,
analysis, exports, errors, docs and the dashboard's files."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb

from .sample_store import ARTICLES, assert_error, sample_records

N_EVENTS = sum(len(a[3]) for a in ARTICLES)


def test_articles_pagination_and_search(ro_client):
    first = ro_client.get("/articles", params={"limit": 4}).json()
    assert first["total"] == len(ARTICLES) and len(first["items"]) == 4 and first["next_offset"] == 4
    rest = ro_client.get("/articles", params={"limit": 4, "offset": 4}).json()
    assert len(rest["items"]) == len(ARTICLES) - 4 and rest["next_offset"] is None
    ids = {a["id"] for a in first["items"]} | {a["id"] for a in rest["items"]}
    assert ids == {r.article.id for r in sample_records()}
    hits = ro_client.get("/articles", params={"q": "Kharkiv"}).json()
    assert hits["total"] == 2
    assert all("Kharkiv" in h["title"] for h in hits["items"])
    assert_error(ro_client.get("/articles", params={"limit": 0}), 422, "invalid_request")
    assert_error(ro_client.get("/articles", params={"limit": 5000}), 422, "invalid_request")


def test_article_by_id(ro_client):
    rec = sample_records()[1]
    r = ro_client.get(f"/articles/{rec.article.id}")
    assert r.status_code == 200
    got = r.json()
    assert got["article"]["text"] == rec.article.text
    assert [e["type"] for e in got["events"]] == [e.type for e in rec.events]
    short = ro_client.get(f"/articles/{rec.article.id.removeprefix('sha256:')}")
    assert short.status_code == 200 and short.json()["article"]["id"] == rec.article.id
    assert_error(ro_client.get("/articles/sha256:0000"), 404, "not_found")


def test_events_filters(ro_client):
    page = ro_client.get("/events").json()
    assert page["total"] == N_EVENTS
    assault = ro_client.get("/events", params={"type": "assault"}).json()
    assert assault["total"] == 1 and assault["items"][0]["type"] == "ASSAULT"
    assert assault["items"][0]["source_country"] == "RUS"
    chn = ro_client.get("/events", params={"country": "CHN"}).json()
    assert chn["total"] == 3
    assert all("CHN" in (e["source_country"], e["target_country"], e["location_country"]) for e in chn["items"])
    march = ro_client.get("/events", params={"start": "2024-03-01", "end": "2024-03-31"}).json()
    assert march["total"] == 5 and all(e["date_start"].startswith("2024-03") for e in march["items"])
    planned = ro_client.get("/events", params={"status": "planned"}).json()
    assert planned["total"] == 1 and planned["items"][0]["type"] == "AID"
    text = ro_client.get("/events", params={"text": "bullying"}).json()
    assert text["total"] == 1 and "bullying" in text["items"][0]["evidence_text"]
    place = ro_client.get("/events", params={"place": "Moscow"}).json()
    assert place["total"] == 2
    actor = ro_client.get("/events", params={"actor": "UKR"}).json()
    assert actor["total"] >= 4
    paged = ro_client.get("/events", params={"limit": 5, "offset": 10}).json()
    assert len(paged["items"]) == N_EVENTS - 10 and paged["next_offset"] is None


def test_events_sorting_and_merged(ro_client):
    asc = [e["goldstein"] for e in ro_client.get("/events", params={"sort": "goldstein"}).json()["items"]]
    desc = [e["goldstein"] for e in ro_client.get("/events", params={"sort": "-goldstein"}).json()["items"]]
    assert asc == sorted(asc) and desc == sorted(desc, reverse=True) and asc[0] == -9.0
    dates = [e["date_start"] for e in ro_client.get("/events", params={"sort": "-date"}).json()["items"]]
    assert dates == sorted(dates, reverse=True)
    merged = ro_client.get("/events", params={"merged": "true"}).json()
    assert 0 < merged["total"] <= N_EVENTS
    assert all(m["n_mentions"] >= 1 and m["articles"] for m in merged["items"])
    assert_error(ro_client.get("/events", params={"sort": "colour"}), 422, "invalid_request")
    assert_error(ro_client.get("/events", params={"start": "March"}), 422, "invalid_request")


def test_actors(ro_client):
    page = ro_client.get("/actors", params={"q": "Chen"}).json()
    assert page["total"] == 1 and page["items"][0]["name"] == "Chen Hao" and page["items"][0]["articles"] == 2
    all_actors = ro_client.get("/actors", params={"limit": 1000}).json()
    assert all_actors["total"] >= 10


def test_dyads_alignment_network_top(ro_client):
    d = ro_client.get("/dyads/chn/rus").json()
    assert d["a"] == "CHN" and d["b"] == "RUS"
    coop = sum(p["total"]["coop"] for p in d["series"])
    assert coop == 2
    assert [p["period"] for p in d["series"]] == ["2024-03-01", "2024-04-01"]
    assert_error(ro_client.get("/dyads/CHN/RUS", params={"freq": "decade"}), 422, "invalid_request")
    assert_error(ro_client.get("/dyads/CHN/CHN"), 422, "invalid_query")

    al = ro_client.get("/alignment/CHN/RUS").json()
    assert al["series"] and all(-1 <= p["index"] <= 1 for p in al["series"] if p["index"] is not None)

    net = ro_client.get("/network").json()
    ids = {n["id"] for n in net["nodes"]}
    assert {"CHN", "RUS", "UKR", "USA", "FRA", "DEU"} <= ids
    assert any({e["source"], e["target"]} == {"RUS", "UKR"} and e["conflict"] >= 1 for e in net["edges"])
    assert net["blocs"] and all(set(b) <= ids for b in net["blocs"])
    dense = ro_client.get("/network", params={"min_events": 2}).json()
    assert len(dense["edges"]) < len(net["edges"])

    top = ro_client.get("/top", params={"before_start": "2024-01-01", "before_end": "2024-02-29",
                                        "after_start": "2024-03-01", "after_end": "2024-04-30", "n": 3}).json()
    assert 0 < len(top["items"]) <= 3 and {"a", "b"} <= set(top["items"][0])
    assert_error(ro_client.get("/top"), 422, "invalid_request")


def test_exports(ro_client, tmp_path):
    merged_total = ro_client.get("/events", params={"merged": "true"}).json()["total"]
    csv = ro_client.get("/export/events.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert lines[0].startswith("id,type") and len(lines) == merged_total + 1
    jsonl = ro_client.get("/export/mentions.jsonl")
    assert len(jsonl.text.strip().splitlines()) == N_EVENTS
    pq = ro_client.get("/export/gdelt.parquet")
    assert pq.status_code == 200
    path = tmp_path / "gdelt.parquet"
    path.write_bytes(pq.content)
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{path}'").fetchone()[0] >= 1
    assert_error(ro_client.get("/export/secrets.csv"), 404, "not_found")
    assert_error(ro_client.get("/export/events.xlsx"), 404, "not_found")
    assert_error(ro_client.get("/export/plover.csv"), 422, "invalid_request")
    plover = ro_client.get("/export/plover.json").json()
    assert isinstance(plover, list) and len(plover) == merged_total


def test_framework_errors_use_the_same_shape(ro_client):
    assert_error(ro_client.get("/no/such/page"), 404, "not_found")
    assert_error(ro_client.delete("/events"), 405, "method_not_allowed")
    assert_error(ro_client.get("/network", params={"min_events": "many"}), 422, "invalid_request")


def test_openapi_and_offline_docs(ro_client):
    spec = ro_client.get("/openapi.json").json()
    for path in ("/code", "/articles", "/articles/{article_id}", "/events", "/actors", "/dyads/{a}/{b}",
                 "/alignment/{a}/{b}", "/network", "/top", "/export/{what}.{fmt}"):
        assert path in spec["paths"], path
    assert "text/plain" in spec["paths"]["/code"]["post"]["requestBody"]["content"]
    docs = ro_client.get("/docs").text
    assert "cdn" not in docs.lower()
    for asset in re.findall(r'(?:src|href)="([^"]+)"', docs):
        assert asset.startswith("/"), asset
        assert ro_client.get(asset).status_code == 200, asset


def test_dashboard_files_are_local(ro_client):
    r = ro_client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    refs = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert "/static/app.js" in refs and "/static/app.css" in refs
    for ref in refs:
        if ref.startswith("#"):
            continue
        assert ref.startswith("/"), f"{ref} is not served by this server"
        assert ro_client.get(ref).status_code == 200, ref
    static = Path(__file__).resolve().parents[2] / "src" / "communique" / "api" / "static"
    for f in static.glob("*.js"):
        code = f.read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s\"'`)]+", code)) - {"http://www.w3.org/2000/svg"}
        assert not urls, f"{f.name} refers to {urls}"
    land = ro_client.get("/static/land.json").json()
    assert len(land["polygons"]) > 50


def test_health(ro_client):
    h = ro_client.get("/health").json()
    assert h["status"] == "ok" and h["counts"]["articles"] == len(ARTICLES) and h["writes"] is False


def test_missing_store_is_unavailable(make_client, tmp_path):
    client = make_client(tmp_path / "absent.duckdb", read_only=True)
    err = assert_error(client.get("/events"), 503, "unavailable")
    assert "absent.duckdb" in err["message"]
    health = client.get("/health").json()
    assert health["status"] == "degraded" and health["store_error"]["code"] == "unavailable"


def test_bundled_samples(ro_client):
    page = ro_client.get("/samples").json()
    assert page["total"] == len(page["items"]) >= 1
    first = page["items"][0]
    text = ro_client.get(f"/samples/{first['name']}")
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/plain")
    assert text.text.strip().startswith(first["title"])
    assert_error(ro_client.get("/samples/../../etc/passwd"), 404, "not_found")
    assert_error(ro_client.get("/samples/nothing.txt"), 404, "not_found")
