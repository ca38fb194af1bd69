"""The actor network with its blocs, and the dyads that moved most between two periods."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import networkx as nx

from ..store import Store
from .dyads import InvalidQuery, _bounds, parse_day

log = logging.getLogger(__name__)

_KEY = "coalesce({s}_country, {s}_code)"


_COUNTRY_KEY = "{s}_country"


def _pairs_sql(where: str, countryless: bool = True) -> str:
    """Undirected dyads (a < b) with cooperation and conflict counts, from ``dyad_days``. Without
    ``countryless``, a side is its country (a region such as WST, or IGO, included) and a side without
    one (a bare sector code: GOV, MIL, REB...) leaves the row out."""
    key = _KEY if countryless else _COUNTRY_KEY
    s, t = key.format(s="source"), key.format(s="target")
    return f"""
        SELECT least({s}, {t}) AS a, greatest({s}, {t}) AS b,
            sum(events) AS events,
            coalesce(sum(events) FILTER (WHERE quad IN (1, 2)), 0) AS coop,
            coalesce(sum(events) FILTER (WHERE quad IN (3, 4)), 0) AS conflict,
            coalesce(sum(goldstein), 0) AS goldstein, coalesce(sum(score), 0) AS score
        FROM dyad_days
        WHERE {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}{where}
        GROUP BY ALL
    """


def network(
    store: Store,
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    min_events: int = 1,
    seed: int = 0,
    countryless: bool = False,
) -> dict[str, Any]:
    """Actors (countries, regions such as WST, IGO) as nodes, undirected edges with cooperation and
    conflict weights, and blocs: Louvain communities (networkx) of the graph whose edge weights are net
    cooperation (coop - conflict, positive edges only). Domestic events are left out, and so are events
    with an actor that has no country (a bare sector code such as GOV, MIL, REB, NGO: whose government?)
    unless ``countryless``, which makes such actors nodes by their code.

    Returns ``{"nodes": [{"id", "events", "coop", "conflict", "degree", "bloc"}], "edges": [{"source",
    "target", "events", "coop", "conflict", "goldstein", "score"}], "blocs": [[id, ...], ...]}``, blocs
    largest first; a node's ``bloc`` is its index in ``blocs``."""
    if min_events < 1:
        raise InvalidQuery("min_events must be >= 1")
    where, params, _, _ = _bounds(start, end)
    rows = store.rows(f"SELECT * FROM ({_pairs_sql(where, countryless)}) WHERE events >= ? ORDER BY events DESC, a, b",
                      [*params, min_events])
    g = nx.Graph()
    coop_graph = nx.Graph()
    edges = []
    for r in rows:
        e = {"source": r["a"], "target": r["b"], "events": int(r["events"]), "coop": int(r["coop"]),
             "conflict": int(r["conflict"]), "goldstein": round(float(r["goldstein"]), 4),
             "score": round(float(r["score"]), 4)}
        edges.append(e)
        g.add_edge(e["source"], e["target"], **e)
        coop_graph.add_node(e["source"])
        coop_graph.add_node(e["target"])
        if e["coop"] > e["conflict"]:
            coop_graph.add_edge(e["source"], e["target"], weight=e["coop"] - e["conflict"])
    blocs: list[list[str]] = []
    if coop_graph.number_of_nodes():
        communities = nx.community.louvain_communities(coop_graph, weight="weight", seed=seed)
        blocs = sorted((sorted(c) for c in communities), key=lambda c: (-len(c), c))
    bloc_of = {n: i for i, c in enumerate(blocs) for n in c}
    nodes = []
    for n in g.nodes:
        inc = [g.edges[n, m] for m in g.neighbors(n)]
        nodes.append({"id": n, "events": sum(x["events"] for x in inc), "coop": sum(x["coop"] for x in inc),
                      "conflict": sum(x["conflict"] for x in inc), "degree": g.degree[n], "bloc": bloc_of.get(n)})
    nodes.sort(key=lambda x: (-x["events"], x["id"]))
    return {"nodes": nodes, "edges": edges, "blocs": blocs}


_MEASURES = ("net", "coop", "conflict", "events")


def top_movers(
    store: Store,
    *,
    before: tuple[str | dt.date | None, str | dt.date | None],
    after: tuple[str | dt.date | None, str | dt.date | None],
    n: int = 10,
    by: str = "net",
) -> list[dict[str, Any]]:
    """The ``n`` undirected dyads whose cooperation or conflict changed most from ``before`` to ``after``
    (each a (start, end) pair of dates, inclusive). ``by``: ``net`` ranks by |change of coop - conflict|,
    ``coop``, ``conflict`` or ``events`` by |change| of that count. Counts are per 30 days, so periods
    of different lengths compare fairly: ``before`` and ``after`` hold the raw counts of each period, its
    length in ``days`` and the counts ``per_30_days``; the ``*_change`` values are per 30 days."""
    if by not in _MEASURES:
        raise InvalidQuery(f"by must be one of {', '.join(_MEASURES)}, not {by!r}")
    if n < 1:
        raise InvalidQuery("n must be >= 1")
    spans = []
    for name, (s, e) in (("before", before), ("after", after)):
        ds, de = parse_day(s, f"{name} start"), parse_day(e, f"{name} end")
        if ds is None or de is None or de < ds:
            raise InvalidQuery(f"{name} needs a start and an end date, start first")
        spans.append((ds, de))
    (bs, be), (as_, ae) = spans
    s, t = _KEY.format(s="source"), _KEY.format(s="target")
    scale_b = 30.0 / ((be - bs).days + 1)
    scale_a = 30.0 / ((ae - as_).days + 1)
    sql = f"""
        WITH d AS (
            SELECT least({s}, {t}) AS a, greatest({s}, {t}) AS b,
                CASE WHEN day BETWEEN ? AND ? THEN 'before' ELSE 'after' END AS period, quad, events
            FROM dyad_days
            WHERE {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}
              AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?)
        ), p AS (
            SELECT a, b,
                coalesce(sum(events) FILTER (WHERE period = 'before' AND quad IN (1, 2)), 0) AS coop_before,
                coalesce(sum(events) FILTER (WHERE period = 'before' AND quad IN (3, 4)), 0) AS conflict_before,
                coalesce(sum(events) FILTER (WHERE period = 'before'), 0) AS events_before,
                coalesce(sum(events) FILTER (WHERE period = 'after' AND quad IN (1, 2)), 0) AS coop_after,
                coalesce(sum(events) FILTER (WHERE period = 'after' AND quad IN (3, 4)), 0) AS conflict_after,
                coalesce(sum(events) FILTER (WHERE period = 'after'), 0) AS events_after
            FROM d GROUP BY a, b
        ), c AS (
            SELECT *,
                coop_after * {scale_a} - coop_before * {scale_b} AS coop_change,
                conflict_after * {scale_a} - conflict_before * {scale_b} AS conflict_change,
                events_after * {scale_a} - events_before * {scale_b} AS events_change,
                (coop_after - conflict_after) * {scale_a} - (coop_before - conflict_before) * {scale_b} AS net_change
            FROM p
        )
        SELECT * FROM c ORDER BY abs({by}_change) DESC, a, b LIMIT ?
    """
    rows = store.rows(sql, [bs, be, bs, be, as_, ae, n])
    out = []
    days = {"before": (be - bs).days + 1, "after": (ae - as_).days + 1}
    scale = {"before": scale_b, "after": scale_a}

    def counts(r: dict[str, Any], period: str) -> dict[str, Any]:
        raw = {m: int(r[f"{m}_{period}"]) for m in ("coop", "conflict", "events")}
        return {**raw, "days": days[period],
                "per_30_days": {m: round(n * scale[period], 4) for m, n in raw.items()}}

    for r in rows:
        out.append({
            "a": r["a"], "b": r["b"],
            "before": counts(r, "before"),
            "after": counts(r, "after"),
            **{f"{m}_change": round(float(r[f"{m}_change"]), 4) for m in _MEASURES},
        })
    return out
