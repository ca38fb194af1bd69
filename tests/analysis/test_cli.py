"""The store and analysis commands, run through the real CLI app on a real store file."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.store import SCHEMA_VERSION, Store


@pytest.fixture
def store_path(db, make_record):
    rec = make_record([
        {"type": "CONSULT", "src": "CHN", "tgt": "RUS", "date": "2024-01-03"},
        {"type": "CONSULT", "src": "CHN", "tgt": "RUS", "date": "2024-01-04"},  # same meeting: merges
        {"type": "ACCUSE", "src": "RUS", "tgt": "CHN", "date": "2024-02-11"},
        {"type": "COOPERATE", "src": "CHN", "tgt": "BLR", "date": "2024-02-12"},
    ], published="2024-02-14")
    with Store(db) as store:
        store.write_batch([rec])
    return db


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_stats_merge_then_dyad_align_network_top(store_path):
    stats = json.loads(_run("stats", "--db", str(store_path), "--merge", "--json"))
    assert stats["counts"]["event_mentions"] == 4 and stats["counts"]["events"] == 3
    assert stats["merge"]["window_days"] == 2 and stats["schema_version"] == SCHEMA_VERSION
    dyad = json.loads(_run("dyad", "CHN", "RUS", "--db", str(store_path), "--json"))
    assert [(r["period"], r["ab"]["events"], r["ba"]["conflict"]) for r in dyad["series"]] == [
        ("2024-01-01", 1, 0), ("2024-02-01", 0, 1)]
    table = _run("dyad", "CHN", "RUS", "--db", str(store_path))
    assert "2024-01-01" in table and "CHN>RUS" in table
    align = json.loads(_run("align", "CHN", "RUS", "--db", str(store_path), "--json"))
    assert align["series"][0]["mutual"] == 1.0 and align["series"][1]["mutual"] == -1.0
    net = json.loads(_run("network", "--db", str(store_path), "--json"))
    assert {(e["source"], e["target"]) for e in net["edges"]} == {("BLR", "CHN"), ("CHN", "RUS")}
    assert "strongest ties" in _run("network", "--db", str(store_path))
    top = json.loads(_run("top", "--db", str(store_path), "--before", "2024-01-01:2024-01-31",
                          "--after", "2024-02-01:2024-02-29", "--json"))
    assert top[0]["a"] == "CHN" and top[0]["b"] == "RUS"


def test_export_command_writes_each_table(store_path, tmp_path):
    _run("stats", "--db", str(store_path), "--merge")
    for what, fmt in (("events", "csv"), ("mentions", "jsonl"), ("plover", "json"), ("gdelt", "parquet")):
        out = tmp_path / f"{what}.{fmt}"
        result = CliRunner().invoke(app, ["export", "--db", str(store_path), "--what", what, "--format", fmt,
                                          "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    assert json.loads((tmp_path / "plover.json").read_text())[0]["event"] == "CONSULT"
    assert len((tmp_path / "mentions.jsonl").read_text().splitlines()) == 4


def test_dates_names_ranges_and_tsv(store_path, tmp_path):
    _run("stats", "--db", str(store_path), "--merge")
    db = str(store_path)
    # a year or a month wherever a date is asked, as in the API; names and demonyms for actors
    by_month = json.loads(_run("dyad", "China", "russian", "--db", db, "--start", "2024-02", "--end", "2024", "--json"))
    assert (by_month["a"], by_month["b"]) == ("CHN", "RUS") and by_month["series"][0]["period"] == "2024-02-01"
    net = json.loads(_run("network", "--db", db, "--start", "2024", "--end", "2024-01", "--json"))
    assert {(e["source"], e["target"]) for e in net["edges"]} == {("CHN", "RUS")}
    assert "China" in _run("network", "--db", db)  # nodes named in the table
    # a start after the end is a usage error, not an empty table
    bad = CliRunner().invoke(app, ["network", "--db", db, "--start", "2024-03", "--end", "2024-01"])
    assert bad.exit_code == 2 and "after" in bad.output
    bad = CliRunner().invoke(app, ["top", "--db", db, "--before", "2024-02:2024-01", "--after", "2024-03:2024-04"])
    assert bad.exit_code == 2
    bad = CliRunner().invoke(app, ["dyad", "CHN", "RUS", "--db", db, "--start", "spring"])
    assert bad.exit_code == 2
    out = tmp_path / "g.tsv"
    _run("export", "--db", db, "--what", "gdelt", "--out", str(out), "--actor", "Belarus", "--start", "2024-02")
    lines = out.read_text().splitlines()
    assert lines[0].startswith("GLOBALEVENTID\tSQLDATE\t") and len(lines) == 2 and "\tCOOPERATE\t" in lines[1]


def test_date_options_close_periods_on_their_last_day():
    from communique.cli.storeutil import date_option

    assert date_option("2024-02", "--end", closes=True) == "2024-02-29"
    assert date_option("2023", "--start") == "2023-01-01"
