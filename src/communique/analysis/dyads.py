"""Dyad time series and the alignment index, read from the ``dyad_days`` aggregate of merged events.

An actor argument is an ISO3 country code (or CAMEO region code such as ``WST``), matched against the
country of each side, or an actor code or its start (``CHNGOV``), matched against the actor code. Run
``Store.merge()`` after writing: the analysis counts merged events, never raw mentions twice.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from typing import Any

from ..plover import COOPERATION, QUAD_NAMES
from ..store import Store
from ..store.queries import STATUSES, InvalidQuery
from .names import resolve_actor

log = logging.getLogger(__name__)

FREQS = ("day", "week", "month")


def side_match(actor: str, side: str) -> tuple[str, list[Any]]:
    """SQL matching ``actor`` on one side (``source`` or ``target``) of a ``dyad_days``/``events`` row."""
    up = actor.strip().upper()
    if not up:
        raise InvalidQuery("an actor argument is empty")
    if len(up) == 3:
        return f"({side}_country = ? OR {side}_code = ?)", [up, up]
    return f"starts_with({side}_code, ?)", [up]


class UnknownActor(InvalidQuery):
    """An actor argument that no merged event has, on either side: HTTP 404."""

    code = "unknown_actor"
    http_status = 404


def check_actors(store: Store, *actors: str) -> None:
    """Raise :class:`UnknownActor` for the first of ``actors`` that no merged event has on either side
    (a typo, or an actor the store never saw), instead of answering with an empty series."""
    for actor in actors:
        src, ps = side_match(actor, "source")
        tgt, pt = side_match(actor, "target")
        row = store.con.execute(f"SELECT 1 FROM dyad_days WHERE {src} OR {tgt} LIMIT 1", [*ps, *pt]).fetchone()
        if row is None:
            raise UnknownActor(
                f"unknown actor {actor.strip().upper()!r}: no merged event has it (give an ISO3 country code "
                "such as RUS, a region code or an actor code; the actors: `communique network`, GET /actors)")


def parse_day(value: str | dt.date | None, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError as exc:
        raise InvalidQuery(f"{name} must be a date YYYY-MM-DD, not {value!r}") from exc


def check_freq(freq: str) -> str:
    if freq not in FREQS:
        raise InvalidQuery(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    return freq


def period_start(day: dt.date, freq: str) -> dt.date:
    if freq == "month":
        return day.replace(day=1)
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    return day


def next_period(p: dt.date, freq: str) -> dt.date:
    if freq == "month":
        return (p.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return p + dt.timedelta(days=7 if freq == "week" else 1)


#: the most periods a series may hold: beyond, InvalidQuery (HTTP 422) instead of materialising them all
MAX_PERIODS = 10_000


def periods(first: dt.date, last: dt.date, freq: str, *, limit: int = MAX_PERIODS) -> list[dt.date]:
    out = []
    p = period_start(first, freq)
    while p <= last:
        if len(out) >= limit:
            raise InvalidQuery(f"the series from {first} to {last} has more than {limit} periods of a {freq}: "
                               "give a narrower start/end or a longer freq")
        out.append(p)
        try:
            p = next_period(p, freq)
        except OverflowError:  # the calendar ends (year 9999)
            break
    return out


#: the statuses counted when no ``status`` is given: what happened or is happening (planned and
#: hypothetical events did not happen, and negated events are left out too)
DEFAULT_STATUSES = ("reported", "ongoing", "attempted", "claimed")


def status_clause(status: str | Sequence[str] | None) -> tuple[str, list[Any]]:
    """SQL (`` AND ...``) keeping the ``dyad_days`` rows of the statuses asked for: None, the default
    (:data:`DEFAULT_STATUSES`, not negated); ``all`` (every status, negated events too); or a comma list
    of statuses, where ``negated`` brings negated events in (``reported,planned,negated``)."""
    if status is None or status == "" or status == ():
        return " AND NOT coalesce(negated, false) AND coalesce(status, 'reported') IN (SELECT unnest(?::VARCHAR[]))", [
            list(DEFAULT_STATUSES)]
    items = [x.strip().lower() for x in (status.split(",") if isinstance(status, str) else status) if x.strip()]
    if items == ["all"]:
        return "", []
    bad = [x for x in items if x not in STATUSES and x != "negated"]
    if bad:
        raise InvalidQuery(f"unknown status {', '.join(bad)}: one of {', '.join(STATUSES)}, negated or all")
    sql, params = "", []
    if "negated" not in items:
        sql += " AND NOT coalesce(negated, false)"
    chosen = [x for x in items if x != "negated"]
    if chosen:
        sql += " AND coalesce(status, 'reported') IN (SELECT unnest(?::VARCHAR[]))"
        params.append(chosen)
    return sql, params


def span_clause(freq: str) -> str:
    """SQL (`` AND ...``) keeping the ``dyad_days`` rows a series of ``freq`` can count: an event dated to
    a day in any series; one dated only by its month (span ``month``, no day: docs/store.md "Dates") in
    monthly series only, never on an invented day or week."""
    return "" if freq == "month" else " AND coalesce(span, 'day') = 'day'"


def _bounds(start: str | dt.date | None, end: str | dt.date | None, status: str | Sequence[str] | None = None
            ) -> tuple[str, list[Any], dt.date | None, dt.date | None]:
    s, e = parse_day(start, "start"), parse_day(end, "end")
    if s and e and s > e:
        raise InvalidQuery(f"start {s} is later than end {e}")
    where, params = status_clause(status)
    if s:
        where += " AND day >= ?"
        params.append(s)
    if e:
        where += " AND day <= ?"
        params.append(e)
    return where, params, s, e


#: runs of more empty periods than this are one gap row in a series (shorter runs are zero rows)
MAX_GAP = 3


def collapse_gaps(rows: list[dict[str, Any]], empty: Callable[[dict[str, Any]], bool], freq: str,
                  max_gap: int = MAX_GAP) -> list[dict[str, Any]]:
    """``rows`` (one per period, in order) with every run of more than ``max_gap`` empty periods
    replaced by one row ``{"period": first, "until": last, "periods": n, "gap": True, ...}`` (the
    first empty row's other fields); other rows get ``"gap": False``. A chart draws a gap as a break."""
    out: list[dict[str, Any]] = []
    run: list[dict[str, Any]] = []

    def flush() -> None:
        if len(run) > max_gap:
            out.append({**run[0], "gap": True, "until": run[-1]["period"], "periods": len(run)})
        else:
            out.extend({**r, "gap": False} for r in run)
        run.clear()

    for r in rows:
        if empty(r):
            run.append(r)
            continue
        flush()
        out.append({**r, "gap": False})
    flush()
    return out


def _empty_cell() -> dict[str, Any]:
    return {"events": 0, "mentions": 0, "goldstein": 0.0, "score": 0.0, "coop": 0, "conflict": 0,
            **{name: 0 for name in QUAD_NAMES.values()}, "types": {}}


def dyad_series(
    store: Store,
    a: str,
    b: str,
    *,
    freq: str = "month",
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    status: str | Sequence[str] | None = None,
    max_gap: int = MAX_GAP,
) -> dict[str, Any]:
    """Merged events between ``a`` and ``b`` per period, both directions: counts per PLOVER type, sums of
    Goldstein values and PLOVER scores, cooperation (quads 1-2) against conflict (quads 3-4).

    Returns ``{"a", "b", "freq", "start", "end", "series": [{"period", "ab", "ba", "total"}]}`` where
    each cell is ``{"events", "mentions", "goldstein", "score", "coop", "conflict", "verbal_coop", ...,
    "types": {TYPE: n}}``. The series runs from the first to the last period with events (within
    ``start``/``end``); empty periods between are zero rows, and a run of more than ``max_gap`` of them is
    one gap row (:func:`collapse_gaps`). ``status``: see :func:`status_clause` (by default negated,
    planned and hypothetical events are not counted). Actors may be given by name ("Russia", "Turkish").
    """
    check_freq(freq)
    a, b = resolve_actor(a), resolve_actor(b)
    if a.strip().upper() == b.strip().upper():
        raise InvalidQuery("a dyad needs two different actors")
    check_actors(store, a, b)
    where, bparams, s, e = _bounds(start, end, status)
    where += span_clause(freq)
    a_src, pa_src = side_match(a, "source")
    b_tgt, pb_tgt = side_match(b, "target")
    b_src, pb_src = side_match(b, "source")
    a_tgt, pa_tgt = side_match(a, "target")
    sql = f"""
        WITH t AS (
            SELECT CAST(date_trunc('{freq}', day) AS DATE) AS period, dir, type, any_value(quad) AS quad,
                   sum(events) AS events, sum(mentions) AS mentions, sum(goldstein) AS goldstein,
                   sum(score) AS score
            FROM (
                SELECT 'ab' AS dir, * FROM dyad_days WHERE {a_src} AND {b_tgt}{where}
                UNION ALL
                SELECT 'ba' AS dir, * FROM dyad_days WHERE {b_src} AND {a_tgt}{where}
            ) GROUP BY ALL
        )
        SELECT period, dir, sum(events), sum(mentions), coalesce(sum(goldstein), 0), coalesce(sum(score), 0),
            {", ".join(f"coalesce(sum(events) FILTER (WHERE quad = {q}), 0)" for q in QUAD_NAMES)},
            list(type), list(events)
        FROM t GROUP BY period, dir ORDER BY period, dir
    """
    params = [*pa_src, *pb_tgt, *bparams, *pb_src, *pa_tgt, *bparams]
    cells: dict[dt.date, dict[str, dict[str, Any]]] = {}
    for period, direction, events, mentions, goldstein, score, *rest in store.con.execute(sql, params).fetchall():
        quads, type_names, type_counts = rest[:4], rest[4], rest[5]
        if period not in cells:
            cells[period] = {"ab": _empty_cell(), "ba": _empty_cell(), "total": _empty_cell()}
        for key in (direction, "total"):
            cell = cells[period][key]
            cell["events"] += int(events)
            cell["mentions"] += int(mentions or 0)
            cell["goldstein"] = round(cell["goldstein"] + goldstein, 6)
            cell["score"] = round(cell["score"] + score, 6)
            for q, n in zip(QUAD_NAMES, quads, strict=True):
                cell[QUAD_NAMES[q]] += int(n)
                cell["coop" if q in COOPERATION else "conflict"] += int(n)
            for name, n in zip(type_names, type_counts, strict=True):
                cell["types"][name] = cell["types"].get(name, 0) + int(n)
    series = []
    if cells:
        for p in periods(min(cells), max(cells), freq):
            row = cells.get(p) or {"ab": _empty_cell(), "ba": _empty_cell(), "total": _empty_cell()}
            series.append({"period": p.isoformat(), **row})
    series = collapse_gaps(series, lambda r: r["total"]["events"] == 0, freq, max_gap)
    return {"a": a.upper(), "b": b.upper(), "freq": freq, "start": s.isoformat() if s else None,
            "end": e.isoformat() if e else None, "status": status or "default", "series": series}


def _net(coop: float, conflict: float) -> float | None:
    total = coop + conflict
    return None if total == 0 else (coop - conflict) / total


def alignment(
    store: Store,
    a: str,
    b: str,
    *,
    freq: str = "month",
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    weight: float = 0.5,
    status: str | Sequence[str] | None = None,
    max_gap: int = MAX_GAP,
) -> dict[str, Any]:
    """Alignment of ``a`` and ``b`` per period (formula in docs/analysis.md):

    - mutual ``M = (C - K) / (C + K)`` over merged events between a and b, both directions
      (C cooperative, K conflictual);
    - similarity ``S = sum_x w_x (1 - |s_a(x) - s_b(x)|) / sum_x w_x`` over third parties x both dealt with,
      where ``s_a(x) = (C_ax - K_ax) / (C_ax + K_ax)`` and ``w_x = min(n_ax, n_bx)``;
    - ``index = weight * M + (1 - weight) * S`` when both exist, else whichever exists, else None.
    All three lie in [-1, 1]. The series runs over the periods with an index; a run of more than
    ``max_gap`` periods without one is one gap row. ``status`` as in :func:`dyad_series`.
    """
    check_freq(freq)
    a, b = resolve_actor(a), resolve_actor(b)
    if not 0.0 <= weight <= 1.0:
        raise InvalidQuery("weight must lie between 0 and 1")
    if a.strip().upper() == b.strip().upper():
        raise InvalidQuery("alignment needs two different actors")
    check_actors(store, a, b)
    where, bparams, s, e = _bounds(start, end, status)
    where += span_clause(freq)
    parts = []
    params: list[Any] = []
    for label, actor, partner in (("a", a, b), ("b", b, a)):
        for mine, other in (("source", "target"), ("target", "source")):
            cond, p = side_match(actor, mine)
            is_partner, pp = side_match(partner, other)
            is_self, ps = side_match(actor, other)
            parts.append(
                f"SELECT '{label}' AS who, coalesce({other}_country, {other}_code) AS other, "
                f"{is_partner} AS partner, {is_self} AS self, day, quad, events FROM dyad_days "
                f"WHERE {cond}{where}"
            )
            params += [*pp, *ps, *p, *bparams]
    sql = f"""
        WITH r AS (
            SELECT date_trunc('{freq}', day) AS period, who, other, partner,
                coalesce(sum(events) FILTER (WHERE quad IN (1, 2)), 0) AS coop,
                coalesce(sum(events) FILTER (WHERE quad IN (3, 4)), 0) AS conflict
            FROM ({' UNION ALL '.join(parts)})
            WHERE other IS NOT NULL AND NOT coalesce(self, false)
            GROUP BY ALL
        ), m AS (
            SELECT period, sum(coop) AS coop, sum(conflict) AS conflict FROM r
            WHERE who = 'a' AND partner GROUP BY period
        ), t AS (
            SELECT x.period, least(x.coop + x.conflict, y.coop + y.conflict) AS w,
                (x.coop - x.conflict) / (x.coop + x.conflict) AS sa, (y.coop - y.conflict) / (y.coop + y.conflict) AS sb
            FROM r AS x JOIN r AS y ON x.period = y.period AND x.other = y.other
            WHERE x.who = 'a' AND y.who = 'b' AND NOT x.partner AND NOT y.partner
              AND x.coop + x.conflict > 0 AND y.coop + y.conflict > 0
        ), sim AS (
            SELECT period, sum(w * (1 - abs(sa - sb))) / sum(w) AS similarity, count(*) AS n FROM t GROUP BY period
        ), p AS (SELECT DISTINCT period FROM r)
        SELECT p.period, m.coop, m.conflict, sim.similarity, sim.n
        FROM p LEFT JOIN m USING (period) LEFT JOIN sim USING (period) ORDER BY p.period
    """
    ua, ub = a.strip().upper(), b.strip().upper()
    per: dict[dt.date, tuple[int, int, float | None, int]] = {}
    for period, coop, conflict, sim, n in store.con.execute(sql, params).fetchall():
        p = period.date() if isinstance(period, dt.datetime) else period
        per[p] = (int(coop or 0), int(conflict or 0), sim, int(n or 0))
    series = []
    if per:
        first, last = min(per), max(per)
        for p in periods(first, last, freq):
            coop, conflict, sim, n = per.get(p, (0, 0, None, 0))
            m = _net(coop, conflict)
            if m is not None and sim is not None:
                index = weight * m + (1 - weight) * sim
            else:
                index = m if m is not None else sim
            series.append({
                "period": p.isoformat(), "index": None if index is None else round(index, 4),
                "mutual": None if m is None else round(m, 4), "similarity": None if sim is None else round(sim, 4),
                "coop": coop, "conflict": conflict, "third_parties": n,
            })
    # without bounds, the series runs from the first to the last period with an index (a stray old date
    # of one actor's third-party dealings would otherwise open years of empty periods)
    def empty(row: dict[str, Any]) -> bool:
        return row["index"] is None

    while series and empty(series[0]):
        series.pop(0)
    while series and empty(series[-1]):
        series.pop()
    series = collapse_gaps(series, empty, freq, max_gap)
    return {"a": ua, "b": ub, "freq": freq, "weight": weight, "status": status or "default", "series": series}
