"""A user's merge settings are kept: a merge that names none uses the store's last ones (then the config's),
whether it comes from the library, ``ingest`` or ``stats --merge``."""

from __future__ import annotations

import json

import pytest

from communique.config import MergeSettings, load_settings
from communique.errors import ConfigError, StoreError
from communique.store import Store

TEXT = ("Norway and Iceland signed a fisheries agreement in Reykjavik on Monday.\n\n"
        "The Norwegian foreign minister later met his Icelandic counterpart in Oslo.\n")


def _stored(db) -> dict:
    with Store(db, read_only=True) as store:
        return json.loads(store.meta("merge"))


def test_a_merge_naming_no_settings_keeps_the_last_ones(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.merge(window_days=3, level="code", symmetric=["consult"])
        store.merge()
        kept = json.loads(store.meta("merge"))
        assert kept["window_days"] == 3 and kept["level"] == "code" and kept["symmetric"] == ["CONSULT"]
        store.merge(place="none")  # one setting changed, the others kept
        kept = json.loads(store.meta("merge"))
        assert kept["place"] == "none" and kept["window_days"] == 3 and kept["level"] == "code"


def test_a_new_store_takes_the_configured_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_MERGE", json.dumps({"window_days": 5}))
    assert load_settings().merge.window_days == 5
    with Store(tmp_path / "c.duckdb") as store:
        assert store.merge_settings(load_settings().merge).window_days == 5


def test_bad_settings_are_named():
    with pytest.raises(ValueError):
        MergeSettings(level="planet")
    with pytest.raises(ValueError):
        MergeSettings(window_days=-1)


def test_a_bad_merge_env_is_a_config_error(monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_MERGE", "{window_days: 3")
    with pytest.raises(ConfigError):
        load_settings()


def test_bad_keyword_settings_are_a_store_error(tmp_path):
    with Store(tmp_path / "b.duckdb") as store, pytest.raises(StoreError):
        store.merge(level="planet")


@pytest.mark.slow
def test_ingest_keeps_the_users_merge_settings(tmp_path):
    from communique.batch.runner import ingest

    db = tmp_path / "i.duckdb"
    with Store(db) as store:
        store.merge(window_days=4, level="code")
    doc = tmp_path / "a.txt"
    doc.write_text(TEXT, encoding="utf-8")
    report = ingest([doc], db=db, engine="sync", published="2024-03-04", progress="off")
    assert report.coded == 1
    kept = _stored(db)
    assert kept["window_days"] == 4 and kept["level"] == "code"
