"""Every export, in every format, written by DuckDB COPY into real files and read back."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from communique.errors import StoreError
from communique.store import Store, export


@pytest.fixture
def store_path(db, make_record):
    recs = [
        make_record([{"type": "CONSULT", "src": "CHN", "tgt": "BLR", "date": "2024-03-05", "cameo": "042",
                      "goldstein": 1.9, "place": ("Minsk", "BLR", 53.9, 27.56)},
                     {"type": "CONSULT", "src": "CHN", "tgt": "BLR", "cameo": "042", "goldstein": 1.9}],
                    published="2024-03-05", url="https://news.example/visit"),
        make_record([{"type": "SANCTION", "src": "USA", "tgt": "IRN", "date": "2024-03-06", "cameo": "163",
                      "goldstein": -8.0},
                     {"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "date": "2024-03-06", "negated": True}],
                    published="2024-03-06"),
    ]
    with Store(db) as store:
        store.write_batch(recs)
        store.merge()
    return db


@pytest.mark.parametrize("what,rows", [("events", 3), ("mentions", 4), ("gdelt", 2), ("plover", 3)])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "parquet"])
def test_every_export_in_every_format(store_path, tmp_path, what, rows, fmt):
    out = tmp_path / f"{what}.{fmt}"
    with Store(store_path, read_only=True) as store:
        if what == "plover" and fmt == "csv":
            with pytest.raises(StoreError):
                export(store, what=what, fmt=fmt, out=out)
            return
        n = export(store, what=what, fmt=fmt, out=out)
    assert n == rows
    reader = {"csv": "read_csv_auto", "jsonl": "read_json_auto", "json": "read_json_auto",
              "parquet": "read_parquet"}[fmt]
    back = duckdb.sql(f"SELECT count(*) FROM {reader}('{out}')").fetchall()[0][0]
    assert back == rows


def test_gdelt_table_columns(store_path, tmp_path):
    out = tmp_path / "gdelt.csv"
    with Store(store_path, read_only=True) as store:
        export(store, what="gdelt", fmt="csv", out=out)
    rows = list(csv.DictReader(out.open()))
    visit = next(r for r in rows if r["EventCode"] == "042")
    assert visit["SQLDATE"] == "20240305" and visit["MonthYear"] == "202403" and visit["Year"] == "2024"
    assert (visit["Actor1Code"], visit["Actor2Code"], visit["Actor2CountryCode"]) == ("CHN", "BLR", "BLR")
    assert visit["EventRootCode"] == "04" and visit["EventBaseCode"] == "042" and visit["QuadClass"] == "1"
    assert float(visit["GoldsteinScale"]) == pytest.approx(1.9) and visit["NumMentions"] == "2"
    assert (visit["ActionGeo_FullName"], float(visit["ActionGeo_Lat"])) == ("Minsk", 53.9)
    assert visit["SOURCEURL"] == "https://news.example/visit" and visit["ActionGeo_Type"] == "4"
    assert not any(r["PloverType"] == "ASSAULT" for r in rows)  # negated events are not in the GDELT table


def test_plover_json_is_one_array_with_nested_actors(store_path, tmp_path):
    out = tmp_path / "plover.json"
    with Store(store_path, read_only=True) as store:
        export(store, what="plover", fmt="json", out=out)
    data = json.loads(out.read_text())
    visit = next(d for d in data if d["event"] == "CONSULT")
    assert visit["source"][0]["code"] == "CHN" and visit["target"][0]["country"] == "BLR"
    assert visit["mentions"] == 2 and visit["location"]["name"] == "Minsk" and visit["date"] == "2024-03-05"
    assert isinstance(visit["context"], list)


def test_unknown_export_or_format_is_an_error(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        with pytest.raises(StoreError):
            export(store, what="everything", fmt="csv", out=tmp_path / "x")
        with pytest.raises(StoreError):
            export(store, what="events", fmt="xlsx", out=tmp_path / "x")
