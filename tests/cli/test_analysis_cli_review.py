"""The analysis commands on unknown actors, sparse series, rates, merge options and country-less actors:
the real CLI app over a real DuckDB store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.records import Side
from communique.store import Store


@pytest.fixture
def store_path(db, make_record):
    old = make_record([{"type": "ACCUSE", "src": "USA", "tgt": "IRN", "date": "2003-03-20"}], published="2003-03-21")
    rec = make_record([
        {"type": "CONSULT", "src": "CHN", "tgt": "RUS", "date": "2024-01-03"},
        {"type": "ACCUSE", "src": "RUS", "tgt": "CHN", "date": "2024-02-11"},
        {"type": "COOPERATE", "src": "CHN", "tgt": "BLR", "date": "2024-02-12"},
        {"type": "ASSAULT", "src": "USA", "tgt": "RUS", "date": "2024-02-13"},
        {"type": "ASSAULT", "src": "RUS", "tgt": "UKR", "date": "2024-02-14"},
    ], published="2024-02-14")
    # an actor without a country: a bare sector code ("the government", whose?)
    rec.events[4].target = Side(actor=None, name="the government", country=None, code="GOV")
    with Store(db) as store:
        store.write_batch([old, rec])
        store.merge()
    return db


def _invoke(*args: str):
    return CliRunner().invoke(app, list(args))


def test_unknown_actors_are_errors(store_path):
    for args in (("align", "XX", "RUS"), ("dyad", "XXX", "YYY"), ("dyad", "CHN", "YYY")):
        res = _invoke(*args, "--db", str(store_path))
        assert res.exit_code == 1, res.output
        assert "unknown_actor" in res.stderr and "communique network" in res.stderr


def test_alignment_leaves_out_periods_without_data(store_path):
    res = _invoke("align", "USA", "RUS", "--db", str(store_path), "--json")
    assert res.exit_code == 0, res.output
    series = json.loads(res.stdout)["series"]
    # USA's 2003 event with a third party does not open 250 empty months
    assert series[0]["period"] == "2024-02-01" and len(series) == 1
    table = _invoke("align", "USA", "RUS", "--db", str(store_path))
    assert "2003" not in table.stdout and "2024-02-01" in table.stdout


def test_top_movers_table_is_per_30_days(store_path):
    res = _invoke("top", "--db", str(store_path), "--before", "2024-01-01:2024-01-15",
                  "--after", "2024-02-01:2024-02-29", "--json")
    assert res.exit_code == 0, res.output
    chn_rus = next(r for r in json.loads(res.stdout) if (r["a"], r["b"]) == ("CHN", "RUS"))
    assert chn_rus["before"]["coop"] == 1 and chn_rus["before"]["days"] == 15
    assert chn_rus["before"]["per_30_days"]["coop"] == 2.0
    table = _invoke("top", "--db", str(store_path), "--before", "2024-01-01:2024-01-15",
                    "--after", "2024-02-01:2024-02-29").stdout
    assert "per 30 days" in table and "2.00" in table  # the rate, not the raw count 1


@pytest.mark.parametrize("args", [("--level", "bogus"), ("--place", "street"), ("--symmetric", "FOO")])
def test_stats_merge_options_are_checked(store_path, args):
    res = _invoke("stats", "--db", str(store_path), "--merge", *args)
    assert res.exit_code == 2, res.output  # a usage error, not store_error
    assert args[0] in res.output and "store_error" not in res.output


def test_network_leaves_out_actors_without_a_country(store_path):
    net = json.loads(_invoke("network", "--db", str(store_path), "--json").stdout)
    ids = {n["id"] for n in net["nodes"]}
    assert "GOV" not in ids and {"CHN", "RUS", "USA"} <= ids
    assert all("GOV" not in b for b in net["blocs"])
    more = json.loads(_invoke("network", "--db", str(store_path), "--json", "--countryless").stdout)
    assert "GOV" in {n["id"] for n in more["nodes"]}
