"""``POST /code?store=true`` merges with the store's own settings, not the defaults."""

from __future__ import annotations

import json

from communique.store import Store

TEXT = "Norway and Iceland signed a fisheries agreement in Reykjavik on Monday.\n"


def test_store_true_keeps_the_merge_settings(make_client, sample_db):
    with Store(sample_db) as store:
        store.merge(window_days=6, level="code", place="none")
    client = make_client(sample_db)
    r = client.post("/code?store=true&published=2024-03-04", content=TEXT.encode(),
                    headers={"content-type": "text/plain"})
    assert r.status_code == 200, r.text
    client.__exit__(None, None, None)
    with Store(sample_db, read_only=True) as store:
        kept = json.loads(store.meta("merge"))
    assert kept["window_days"] == 6 and kept["level"] == "code" and kept["place"] == "none"
