"""GDELT 2.0 fidelity (61 columns in the codebook's order, integer ids and dates), the POLECAT-style table,
the PLOVER additions and exports of a filtered selection, read back with DuckDB and the csv module."""

from __future__ import annotations

import csv
import json

import duckdb
import pytest

from communique.store import Store, export
from communique.store.export import GDELT_COLUMNS, GDELT_EXTRA
from communique.store.queries import InvalidQuery

# GDELT 2.0 event table as its codebook lists it (field names as in GDELT's BigQuery table), written out
# here on purpose rather than derived from the code under test
CODEBOOK = """GLOBALEVENTID SQLDATE MonthYear Year FractionDate
Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode Actor1Religion1Code
Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code
Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode Actor2Religion1Code
Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code
IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions NumSources NumArticles
AvgTone
Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code Actor1Geo_Lat
Actor1Geo_Long Actor1Geo_FeatureID
Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code Actor2Geo_Lat
Actor2Geo_Long Actor2Geo_FeatureID
ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code ActionGeo_Lat
ActionGeo_Long ActionGeo_FeatureID
DATEADDED SOURCEURL""".split()


@pytest.fixture
def store_path(db, make_record):
    recs = [
        make_record([{"type": "CONSULT", "src": "CHN", "tgt": "BLR", "date": "2024-03-05", "cameo": "042",
                      "goldstein": 1.9, "place": ("Minsk", "BLR", 53.9, 27.56), "code_src": "CHNGOVMIL"}],
                    published="2024-03-05", url=None, outlet=None),
        # a month-dated event reported a month later: no day may be made up for it
        make_record([{"type": "SANCTION", "src": "USA", "tgt": "IRN", "date": "2024-02", "cameo": "163",
                      "goldstein": -8.0, "code_tgt": "IRNREB"}],
                    published="2024-03-20", outlet="Wire One"),
        make_record([{"type": "SANCTION", "src": "USA", "tgt": "IRN", "date": "2024-02", "cameo": "163",
                      "goldstein": -8.0, "code_tgt": "IRNREB"}],
                    published="2024-03-21", outlet="Wire Two"),
        make_record([{"type": "AID", "src": "FRA", "tgt": "MLI", "date": "2024-06-01", "cameo": "070",
                      "goldstein": 7.0, "status": "hypothetical"}], published="2024-06-01"),
        # dated by the month it was reported in: GDELT's day is the publication day, said in DateBasis
        make_record([{"type": "ACCUSE", "src": "DEU", "tgt": "RUS", "date": "2024-07", "cameo": "112",
                      "goldstein": -2.0}], published="2024-07-19"),
    ]
    with Store(db) as store:
        store.write_batch(recs)
        store.merge()
    return db


def test_gdelt_columns_are_the_codebooks_61_in_order(store_path, tmp_path):
    assert len(CODEBOOK) == 61
    assert list(GDELT_COLUMNS) == CODEBOOK
    out = tmp_path / "gdelt.csv"
    with Store(store_path, read_only=True) as store:
        export(store, what="gdelt", fmt="csv", out=out)
    header = next(csv.reader(out.open()))
    assert header[:61] == CODEBOOK and header[61:] == list(GDELT_EXTRA)


def test_gdelt_types_read_back_by_duckdb_are_integers(store_path, tmp_path):
    out = tmp_path / "gdelt.csv"
    with Store(store_path, read_only=True) as store:
        export(store, what="gdelt", fmt="csv", out=out)
    types = dict(duckdb.sql(f"DESCRIBE SELECT * FROM read_csv('{out}')").fetchall()[i][:2]
                 for i in range(len(CODEBOOK) + len(GDELT_EXTRA)))
    for col in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "DATEADDED", "NumSources", "QuadClass"):
        assert types[col] in {"BIGINT", "INTEGER"}, (col, types[col])
    rows = duckdb.sql(f"SELECT * FROM read_csv('{out}') ORDER BY PloverType").fetchall()
    cols = [d[0] for d in duckdb.sql(f"SELECT * FROM read_csv('{out}')").description]
    by_type = {r[cols.index("PloverType")]: dict(zip(cols, r, strict=True)) for r in rows}
    consult, sanction = by_type["CONSULT"], by_type["SANCTION"]
    assert consult["SQLDATE"] == 20240305 and len(str(consult["DATEADDED"])) == 14
    assert (consult["Actor1Type1Code"], consult["Actor1Type2Code"]) == ("GOV", "MIL")
    # no URL: the document's path or id stands in
    assert consult["SOURCEURL"]
    # a month-dated event: no made-up day, but its month and year
    assert sanction["SQLDATE"] is None and sanction["MonthYear"] == 202402 and sanction["Year"] == 2024
    assert sanction["Actor2Type1Code"] == "REB" and sanction["NumSources"] == 2 and sanction["NumArticles"] == 2
    assert consult["ActionGeo_Type"] == 4 and sanction["ActionGeo_Type"] == 0
    accuse = by_type["ACCUSE"]
    assert accuse["SQLDATE"] == 20240719 and accuse["DateBasis"] == "publication" and accuse["MonthYear"] == 202407


def test_gdelt_csv_read_by_the_csv_module_has_integer_strings(store_path, tmp_path):
    out = tmp_path / "gdelt.csv"
    with Store(store_path, read_only=True) as store:
        export(store, what="gdelt", fmt="csv", out=out)
    for row in csv.DictReader(out.open()):
        for col in ("GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "DATEADDED"):
            assert row[col] == "" or row[col].isdigit(), (col, row[col])  # never "20240305.0"


def test_polecat_and_plover_carry_sectors_quad_and_text(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        export(store, what="polecat", fmt="csv", out=tmp_path / "polecat.csv")
        export(store, what="plover", fmt="json", out=tmp_path / "plover.json")
    rows = list(csv.DictReader((tmp_path / "polecat.csv").open()))
    for col in ("Event ID", "Event Date", "Event Type", "Event Mode", "Event Context", "Actor Name",
                "Primary Actor Sector", "Actor Sectors", "Actor Title", "Recipient Name", "Recipient Sectors",
                "Quad Code", "Event Intensity", "Placename", "Latitude", "Story People", "Story Organizations",
                "Story Locations"):
        assert col in rows[0]
    consult = next(r for r in rows if r["Event Type"] == "CONSULT")
    assert consult["Primary Actor Sector"] == "GOV" and consult["Actor Sectors"] == "GOV;MIL"
    assert consult["Quad Code"] == "1" and consult["Placename"] == "Minsk"
    plover = json.loads((tmp_path / "plover.json").read_text())
    sanction = next(d for d in plover if d["event"] == "SANCTION")
    assert sanction["eventText"] and sanction["quad_class"] == 4 and sanction["target"][0]["sectors"] == ["REB"]


@pytest.mark.parametrize("what", ["events", "mentions", "gdelt", "plover", "polecat"])
def test_exports_follow_the_filters(store_path, tmp_path, what):
    fmt = "jsonl"
    with Store(store_path, read_only=True) as store:
        everything = export(store, what=what, fmt=fmt, out=tmp_path / "all.jsonl")
        some = export(store, what=what, fmt=fmt, out=tmp_path / "some.jsonl",
                      filters={"type": "SANCTION", "start": "2024-01-01", "end": "2024-04-30"})
        none = export(store, what=what, fmt=fmt, out=tmp_path / "none.jsonl", filters={"actor": "JPN"})
    assert everything > some >= 1 and none == 0
    text = (tmp_path / "some.jsonl").read_text()
    assert "SANCTION" in text and "CONSULT" not in text


def test_unknown_filter_and_tsv(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        with pytest.raises(InvalidQuery):
            export(store, what="events", fmt="csv", out=tmp_path / "x.csv", filters={"colour": "red"})
        export(store, what="gdelt", fmt="tsv", out=tmp_path / "g.tsv")
    first = (tmp_path / "g.tsv").read_text().splitlines()[0]
    assert first.split("\t")[:3] == ["GLOBALEVENTID", "SQLDATE", "MonthYear"]
