"""Dyad series, alignment, network and top movers over a real store with known numbers."""

from __future__ import annotations

import pytest

from communique.analysis import InvalidQuery, alignment, dyad_series, network, top_movers
from communique.store import Store


def _ev(type_, src, tgt, date, **kw):
    return {"type": type_, "src": src, "tgt": tgt, "date": date, **kw}


@pytest.fixture
def store_path(db, make_record):
    recs = [
        make_record([
            _ev("CONSULT", "CHN", "RUS", "2024-01-03", goldstein=1.0, code_src="CHNGOV"),
            _ev("CONSULT", "CHN", "RUS", "2024-01-20", goldstein=1.0),
            _ev("ACCUSE", "CHN", "RUS", "2024-03-11", goldstein=-2.0),
            _ev("AID", "RUS", "CHN", "2024-03-12", goldstein=7.4),
            _ev("AID", "RUS", "CHN", "2024-03-13", goldstein=7.4, negated=True),  # did not happen: not counted
        ], published="2024-03-14"),
        # alignment: FRA-DEU mutual coop 3, conflict 1; toward USA and RUS
        make_record([
            _ev("AGREE", "FRA", "DEU", "2024-05-02"), _ev("COOPERATE", "DEU", "FRA", "2024-05-06"),
            _ev("CONSULT", "FRA", "DEU", "2024-05-10"), _ev("ACCUSE", "DEU", "FRA", "2024-05-14"),
            _ev("AGREE", "FRA", "USA", "2024-05-03"), _ev("AGREE", "USA", "FRA", "2024-05-07"),
            _ev("AGREE", "DEU", "USA", "2024-05-04"), _ev("REJECT", "USA", "DEU", "2024-05-08"),
            _ev("ACCUSE", "FRA", "RUS", "2024-05-05"), _ev("THREATEN", "RUS", "FRA", "2024-05-09"),
            _ev("SANCTION", "DEU", "RUS", "2024-05-11"),
        ], published="2024-05-20"),
    ]
    with Store(db) as store:
        store.write_batch(recs)
        store.merge(window_days=0)
    return db


def test_dyad_series_counts_both_directions_per_month(store_path):
    with Store(store_path, read_only=True) as store:
        out = dyad_series(store, "CHN", "rus", freq="month")
    assert [r["period"] for r in out["series"]] == ["2024-01-01", "2024-02-01", "2024-03-01"]  # gap filled
    jan, feb, mar = out["series"]
    assert jan["ab"]["events"] == 2 and jan["ab"]["types"] == {"CONSULT": 2} and jan["ba"]["events"] == 0
    assert jan["ab"]["coop"] == 2 and jan["ab"]["verbal_coop"] == 2 and jan["ab"]["score"] == pytest.approx(2.0)
    assert feb["total"]["events"] == 0
    assert mar["ab"]["conflict"] == 1 and mar["ba"]["material_coop"] == 1 and mar["ba"]["events"] == 1
    assert mar["total"]["goldstein"] == pytest.approx(5.4) and mar["total"]["events"] == 2


def test_dyad_series_day_week_bounds_and_actor_codes(store_path):
    with Store(store_path, read_only=True) as store:
        week = dyad_series(store, "CHN", "RUS", freq="week", start="2024-03-01", end="2024-03-31")
        # weeks start on Monday; the series starts at the first week with events, not at ``start``
        assert week["series"][0]["period"] == "2024-03-11"
        assert sum(r["total"]["events"] for r in week["series"]) == 2
        day = dyad_series(store, "CHN", "RUS", freq="day", start="2024-01-01", end="2024-01-05")
        assert len(day["series"]) == 1 and day["series"][0]["period"] == "2024-01-03"
        assert day["series"][0]["ab"]["events"] == 1
        by_code = dyad_series(store, "CHNGOV", "RUS")  # the start of an actor code
        assert sum(r["ab"]["events"] for r in by_code["series"]) == 1
        assert dyad_series(store, "CHN", "FRA")["series"] == []
        with pytest.raises(InvalidQuery):
            dyad_series(store, "CHN", "chn")
        with pytest.raises(InvalidQuery):
            dyad_series(store, "CHN", "RUS", freq="year")
        with pytest.raises(InvalidQuery):
            dyad_series(store, "CHN", "RUS", start="last spring")


def test_alignment_follows_the_documented_formula(store_path):
    with Store(store_path, read_only=True) as store:
        out = alignment(store, "FRA", "DEU", freq="month")
    (may,) = out["series"]
    assert may["coop"] == 3 and may["conflict"] == 1 and may["mutual"] == pytest.approx(0.5)
    # USA: s_FRA = 1, s_DEU = 0, w = 2; RUS: s_FRA = -1, s_DEU = -1, w = 1  ->  S = (2*0 + 1*1) / 3
    assert may["third_parties"] == 2 and may["similarity"] == pytest.approx(1 / 3, abs=1e-4)
    assert may["index"] == pytest.approx(0.5 * 0.5 + 0.5 / 3, abs=1e-4)
    with Store(store_path, read_only=True) as store:
        only_mutual = alignment(store, "FRA", "DEU", weight=1.0)
    assert only_mutual["series"][0]["index"] == pytest.approx(0.5)


def test_network_edges_and_blocs(db, make_record):
    west = [("FRA", "DEU"), ("DEU", "GBR"), ("GBR", "FRA")]
    east = [("RUS", "BLR"), ("BLR", "CHN"), ("CHN", "RUS")]
    evs = []
    for i, (a, b) in enumerate(west + east):
        for k in range(3):
            evs.append(_ev("COOPERATE", a, b, f"2024-06-{1 + i * 4 + k:02d}"))
    evs += [_ev("ASSAULT", "RUS", "FRA", "2024-06-02"), _ev("ACCUSE", "FRA", "RUS", "2024-06-05")]
    with Store(db) as store:
        store.write_batch([make_record(evs, published="2024-06-30")])
        store.merge(window_days=0)
        out = network(store)
        small = network(store, min_events=3)
        none = network(store, start="2025-01-01")
    assert sorted(map(sorted, out["blocs"])) == [["BLR", "CHN", "RUS"], ["DEU", "FRA", "GBR"]]
    edge = next(e for e in out["edges"] if {e["source"], e["target"]} == {"FRA", "RUS"})
    assert edge["conflict"] == 2 and edge["coop"] == 0
    fra = next(n for n in out["nodes"] if n["id"] == "FRA")
    assert fra["degree"] == 3 and fra["events"] == 8 and out["blocs"][fra["bloc"]].count("FRA") == 1
    assert len(small["edges"]) == 6 and none == {"nodes": [], "edges": [], "blocs": []}


def test_top_movers_rank_by_change_per_30_days(db, make_record):
    evs = [_ev("COOPERATE", "FRA", "RUS", f"2024-01-{d:02d}") for d in (2, 9, 16)]
    evs += [_ev("SANCTION", "FRA", "RUS", f"2024-02-{d:02d}") for d in (5, 12, 19)]
    evs += [_ev("CONSULT", "DEU", "POL", "2024-01-10"), _ev("CONSULT", "DEU", "POL", "2024-02-10")]
    with Store(db) as store:
        store.write_batch([make_record(evs, published="2024-03-01")])
        store.merge(window_days=0)
        top = top_movers(store, before=("2024-01-01", "2024-01-30"), after=("2024-01-31", "2024-02-29"), n=5)
        by_events = top_movers(store, before=("2024-01-01", "2024-01-30"), after=("2024-01-31", "2024-02-29"),
                               by="events")
        with pytest.raises(InvalidQuery):
            top_movers(store, before=("2024-02-01", "2024-01-01"), after=("2024-03-01", "2024-03-02"))
    first = top[0]
    assert (first["a"], first["b"]) == ("FRA", "RUS")
    assert first["before"] == {"coop": 3, "conflict": 0, "events": 3, "days": 30,
                               "per_30_days": {"coop": 3.0, "conflict": 0.0, "events": 3.0}}
    assert first["after"] == {"coop": 0, "conflict": 3, "events": 3, "days": 30,
                              "per_30_days": {"coop": 0.0, "conflict": 3.0, "events": 3.0}}
    assert first["net_change"] == pytest.approx(-6.0) and first["events_change"] == pytest.approx(0.0)
    assert top[1]["a"] == "DEU" and top[1]["net_change"] == pytest.approx(0.0)
    assert {r["events_change"] for r in by_events} == {0.0}
