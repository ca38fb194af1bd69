"""An event dated only by a month that holds no day to count it on (no invented first of the month) is
counted by monthly series in its own month, and by no daily or weekly series; incremental merges keep the
aggregate exact."""

from __future__ import annotations

from communique.analysis import dyad_series
from communique.store import Store


def _ev(type_, src, tgt, date, **kw):
    return {"type": type_, "src": src, "tgt": tgt, "date": date, **kw}


def _totals(store, freq):
    out = dyad_series(store, "EGY", "SDN", freq=freq)
    return {r["period"]: r["total"]["events"] for r in out["series"] if r["total"]["events"]}


def test_a_month_dated_event_counts_in_its_month_only(db, make_record):
    rec = make_record([
        _ev("CONSULT", "EGY", "SDN", "2024-02"),  # February, told in a story of 20 March: no day to count on
        _ev("AGREE", "EGY", "SDN", "2024-03-18"),
    ], published="2024-03-20")
    with Store(db) as store:
        store.write_batch([rec])
        store.merge()
        assert _totals(store, "month") == {"2024-02-01": 1, "2024-03-01": 1}
        assert _totals(store, "day") == {"2024-03-18": 1}  # never on an invented 1 February
        assert _totals(store, "week") == {"2024-03-18": 1}


def test_incremental_merges_keep_month_rows_exact(db, make_record):
    first = make_record([_ev("CONSULT", "EGY", "SDN", "2024-02")], published="2024-03-20")
    second = make_record([_ev("CONSULT", "SDN", "EGY", "2024-02"), _ev("AGREE", "EGY", "SDN", "2024-02")],
                         published="2024-03-21")
    with Store(db) as store:
        store.write_batch([first])
        store.merge()
        store.write_batch([second])
        store.merge(articles=[second.article.id])
        incremental = store.rows("SELECT day, span, type, sum(events) AS n FROM dyad_days GROUP BY ALL ORDER BY ALL")
        store.merge(place="none")
        store.merge(place="country")  # a full merge (settings changed, then back)
        full = store.rows("SELECT day, span, type, sum(events) AS n FROM dyad_days GROUP BY ALL ORDER BY ALL")
    assert incremental == full
    assert {r["span"] for r in full} == {"month"}
    assert sum(r["n"] for r in full) == 3
