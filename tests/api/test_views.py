"""GET /map, GET /timeline and exports of a filtered selection, over the real app and store."""

from __future__ import annotations

import csv
import io

import duckdb


def test_map_shows_every_located_event_aggregated(ro_client):
    everything = ro_client.get("/events", params={"limit": 1000}).json()
    located = [r for r in everything["items"] if r["lat"] is not None]
    world = ro_client.get("/map", params={"zoom": 0}).json()
    close = ro_client.get("/map", params={"zoom": 12}).json()
    assert world["located"] == len(located) and world["total"] == everything["total"]
    # nothing capped: the points add up to every located event, at any zoom
    assert sum(p["n"] for p in world["points"]) == len(located) == sum(p["n"] for p in close["points"])
    assert len(close["points"]) == len({(r["lat"], r["lon"]) for r in located}) > len(world["points"])
    kharkiv = next(p for p in close["points"] if p["name"] == "Kharkiv")
    assert kharkiv["n"] == 3 and kharkiv["conflict"] == 3 and kharkiv["country"] == "UKR"
    merged = ro_client.get("/map", params={"zoom": 12, "merged": "true"}).json()
    assert 0 < merged["in_points"] <= world["in_points"]


def test_map_follows_the_filters_and_bbox(ro_client):
    march = ro_client.get("/map", params={"zoom": 12, "start": "2024-03", "end": "2024-03"}).json()
    page = ro_client.get("/events", params={"start": "2024-03", "end": "2024-03", "limit": 1000}).json()
    assert march["in_points"] == page["total"] > 0
    europe = ro_client.get("/map", params={"zoom": 12, "bbox": "-10,35,45,60"}).json()
    assert {p["name"] for p in europe["points"]} >= {"Paris", "Kharkiv"}
    assert "Beijing" not in {p["name"] for p in europe["points"]}
    assert ro_client.get("/map", params={"bbox": "1,2,3"}).status_code == 422


def test_timeline_counts_add_up(ro_client):
    out = ro_client.get("/timeline", params={"freq": "month"}).json()
    assert out["first"] == "2024-01-15" or out["first"].startswith("2024-01")
    assert sum(i["events"] for i in out["items"]) == out["total"] == ro_client.get("/events").json()["total"]
    assert [i["period"] for i in out["items"]][:2] == ["2024-01-01", "2024-02-01"]
    aid = ro_client.get("/timeline", params={"type": "ASSAULT"}).json()
    assert aid["total"] == 1 and aid["freq"] == "day"


def test_exports_of_the_filtered_selection(ro_client):
    r = ro_client.get("/export/mentions.csv", params={"start": "2024-03", "end": "2024-03"})
    assert r.status_code == 200, r.text
    rows = list(csv.DictReader(io.StringIO(r.text)))
    page = ro_client.get("/events", params={"start": "2024-03", "end": "2024-03"}).json()
    assert len(rows) == page["total"] == int(r.headers["x-communique-rows"]) > 0
    assert all(row["day"].startswith("2024-03") for row in rows)
    assert "2024-03" in r.headers["content-disposition"]
    gdelt = ro_client.get("/export/gdelt.tsv", params={"actor": "RUS"})
    assert gdelt.status_code == 200
    header, *lines = gdelt.text.splitlines()
    assert header.split("\t")[0] == "GLOBALEVENTID" and len(header.split("\t")) >= 61 and lines
    polecat = ro_client.get("/export/polecat.parquet", params={"type": "CONSULT"})
    assert polecat.status_code == 200 and polecat.content[:4] == b"PAR1"
    assert ro_client.get("/export/plover.csv").status_code == 422
    assert ro_client.get("/export/events.csv", params={"start": "2024-05", "end": "2024-01"}).status_code == 422


def test_gdelt_export_read_by_duckdb_with_integer_dates(ro_client, tmp_path):
    r = ro_client.get("/export/gdelt.csv")
    path = tmp_path / "g.csv"
    path.write_bytes(r.content)
    types = dict(x[:2] for x in duckdb.sql(f"DESCRIBE SELECT * FROM read_csv('{path}')").fetchall())
    assert types["SQLDATE"] in {"BIGINT", "INTEGER"} and types["GLOBALEVENTID"] == "BIGINT"
