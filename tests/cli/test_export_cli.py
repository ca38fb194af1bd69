"""``communique export``: the format follows the file name, a missing folder is an error, CSV lists are
plain strings. Real CLI app, real DuckDB store."""

from __future__ import annotations

import csv

import duckdb
import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.store import Store


@pytest.fixture
def store_path(tmp_path, make_record):
    db = tmp_path / "s.duckdb"
    recs = [make_record([{"type": "CONSULT", "src": "CHN", "tgt": "BLR", "date": "2024-03-05"}],
                        published="2024-03-05", url="https://news.example/visit", outlet="Guardian"),
            make_record([{"type": "CONSULT", "src": "CHN", "tgt": "BLR", "date": "2024-03-05"}],
                        published="2024-03-05", url="https://news.example/visit2", outlet="Reuters")]
    with Store(db) as store:
        store.write_batch(recs)
        store.merge()
    return db


def _export(db, *args):
    return CliRunner().invoke(app, ["export", "--db", str(db), *args])


def test_format_from_the_extension(store_path, tmp_path):
    out = tmp_path / "events.parquet"
    res = _export(store_path, "--what", "gdelt", "--out", str(out))
    assert res.exit_code == 0, res.output
    assert out.read_bytes()[:4] == b"PAR1"
    assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}')").fetchall()[0][0] == 1
    out = tmp_path / "events.jsonl"
    assert _export(store_path, "--out", str(out)).exit_code == 0
    assert out.read_text().startswith("{")


def test_format_that_contradicts_the_extension_is_refused(store_path, tmp_path):
    out = tmp_path / "events.parquet"
    res = _export(store_path, "--format", "csv", "--out", str(out))
    assert res.exit_code != 0 and not out.exists()
    assert "does not match" in str(res.exception) + res.output


def test_missing_folder_is_an_error(store_path, tmp_path):
    out = tmp_path / "nowhere" / "x.csv"
    res = _export(store_path, "--out", str(out))
    assert res.exit_code != 0
    assert not out.parent.exists()


def test_csv_lists_are_joined_with_semicolons(store_path, tmp_path):
    out = tmp_path / "events.csv"
    assert _export(store_path, "--out", str(out)).exit_code == 0
    (row,) = list(csv.DictReader(out.open()))
    assert row["sources"] == "Guardian;Reuters"
    assert row["urls"] == "https://news.example/visit;https://news.example/visit2"
    assert "[" not in row["articles"]
