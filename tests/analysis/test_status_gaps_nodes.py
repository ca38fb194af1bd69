"""Status option (negated, planned and hypothetical events out of the sums by default), series over the
span with data with long gaps as gap rows, actors given by name, non-state actors as named nodes."""

from __future__ import annotations

import pytest

from communique.analysis import InvalidQuery, alignment, dyad_series, network, top_movers
from communique.analysis.names import resolve_actor
from communique.store import Store


def _ev(type_, src, tgt, date, **kw):
    return {"type": type_, "src": src, "tgt": tgt, "date": date, **kw}


@pytest.fixture
def store_path(db, make_record):
    recs = [
        make_record([_ev("AGREE", "RUS", "TUR", "2015-03-02")], published="2015-03-03"),
        make_record([
            _ev("CONSULT", "RUS", "TUR", "2018-05-07"),
            _ev("CONSULT", "TUR", "RUS", "2018-05-21"),
            _ev("AID", "RUS", "TUR", "2018-05-22", status="hypothetical"),
            _ev("AID", "RUS", "TUR", "2018-05-23", status="planned"),
            _ev("AID", "RUS", "TUR", "2018-05-24", negated=True),
            _ev("ASSAULT", "TUR", "SYR", "2018-05-10", code_tgt="SYRREB"),
            _ev("SUPPORT", "USA", "SYR", "2018-05-11", code_tgt="SYRREB"),
            _ev("ACCUSE", "USA", "SYR", "2018-05-12", code_tgt="SYRGOV"),
        ], published="2018-05-25"),
    ]
    with Store(db) as store:
        store.write_batch(recs)
        store.merge(window_days=0)
    return db


def test_planned_hypothetical_and_negated_are_out_by_default(store_path):
    with Store(store_path, read_only=True) as store:
        default = dyad_series(store, "RUS", "TUR", freq="month", start="2018-01-01")
        every = dyad_series(store, "RUS", "TUR", freq="month", start="2018-01-01", status="all")
        some = dyad_series(store, "RUS", "TUR", freq="month", start="2018-01-01", status="reported,planned")
        with pytest.raises(InvalidQuery):
            dyad_series(store, "RUS", "TUR", status="imagined")
    total = lambda out: sum(r["total"]["coop"] for r in out["series"])  # noqa: E731
    assert total(default) == 2 and total(some) == 3 and total(every) == 5


def test_series_spans_the_data_and_a_long_gap_is_one_row(store_path):
    with Store(store_path, read_only=True) as store:
        weekly = dyad_series(store, "RUS", "TUR", freq="week")
        align = alignment(store, "RUS", "TUR", freq="month")
        bounded = dyad_series(store, "RUS", "TUR", freq="week", start="2010-01-01", end="2030-12-31")
    rows = weekly["series"]
    # 2015-03 to 2018-05 is ~168 weeks; shown: the first week, one gap row, the weeks of May 2018
    assert len(rows) < 10 and rows[0]["period"] == "2015-03-02" and not rows[0]["gap"]
    gap = rows[1]
    assert gap["gap"] and gap["periods"] > 150 and gap["until"] < "2018-05-07" and gap["total"]["events"] == 0
    assert sum(r["total"]["events"] for r in rows) == 3
    # short runs of empty weeks inside the data stay as zero rows
    assert any(r["total"]["events"] == 0 and not r["gap"] for r in rows)
    assert bounded["series"][0]["period"] == "2015-03-02"  # bounds do not stretch the series
    assert any(r["gap"] for r in align["series"]) and align["series"][0]["index"] is not None


def test_actor_arguments_take_names_and_demonyms(store_path):
    assert resolve_actor("Russia") == "RUS" and resolve_actor("turkish") == "TUR"
    assert resolve_actor("the UK") == "GBR" and resolve_actor("chngov") == "CHNGOV"
    with Store(store_path, read_only=True) as store:
        by_name = dyad_series(store, "Russia", "Turks", freq="month")
    assert by_name["a"] == "RUS" and by_name["b"] == "TUR"


def test_non_state_actors_are_their_own_named_nodes(store_path):
    with Store(store_path, read_only=True) as store:
        net = network(store)
        folded = network(store, fold=True)
        movers = top_movers(store, before=("2015-01-01", "2015-12-31"), after=("2018-01-01", "2018-12-31"))
    ids = {n["id"]: n for n in net["nodes"]}
    assert "SYRREB" in ids and "SYR" in ids and ids["SYRREB"]["kind"] == "non-state"
    assert ids["RUS"]["label"] == "Russia" and "SYR rebels" in ids["SYRREB"]["label"]
    # the rebels' support from the USA is not the Syrian state's
    assert {(e["source"], e["target"]) for e in net["edges"]} >= {("SYRREB", "USA"), ("SYR", "USA")}
    assert "SYRREB" not in {n["id"] for n in folded["nodes"]}
    # a node's events are the sum of its edges' events: what its tooltip and its panel both show
    for node in net["nodes"]:
        assert node["events"] == sum(e["events"] for e in net["edges"] if node["id"] in (e["source"], e["target"]))
    assert any("SYRREB" in (m["a"], m["b"]) for m in movers)
