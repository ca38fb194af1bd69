"""The actor network with its blocs, and the dyads that moved most between two periods."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

import networkx as nx

from ..store import Store
from .dyads import InvalidQuery, _bounds, parse_day, status_clause

log = logging.getLogger(__name__)

def _non_state_sectors() -> list[str]:
    from .names import _sectors

    return sorted(code for code, info in _sectors().items() if not info.state)


def node_key(side: str, *, countryless: bool = False, fold: bool = False) -> str:
    """SQL: the network node of one side of a ``dyad_days``/``events`` row. A state actor (or any actor,
    with ``fold``) is its country; a non-state actor (first sector after the country not a state sector
    in ``data/analysis/sectors.yaml``: rebels, parties, media...) is its country + sector (``SYRREB``);
    an actor without a country is its code with ``countryless``, else nothing. One parameter: the list
    of non-state sectors (unless ``fold``)."""
    s = side
    base = f"coalesce({s}_country, {s}_code)" if countryless else f"{s}_country"
    if fold:
        return base
    return (f"CASE WHEN {s}_country IS NOT NULL AND starts_with({s}_code, {s}_country) "
            f"AND list_contains(?::VARCHAR[], substr({s}_code, 4, 3)) THEN {s}_country || substr({s}_code, 4, 3) "
            f"ELSE {base} END")


def _key_params(fold: bool) -> list[Any]:
    return [] if fold else [_non_state_sectors()]


def _pairs_sql(where: str, countryless: bool = False, fold: bool = False) -> str:
    """Undirected dyads (a < b) with cooperation and conflict counts, from ``dyad_days``, sides as
    :func:`node_key` says. Parameters: the key's (4 times unless ``fold``), then those of ``where``."""
    s, t = node_key("source", countryless=countryless, fold=fold), node_key("target", countryless=countryless, fold=fold)
    return f"""
        SELECT least(s, t) AS a, greatest(s, t) AS b,
            sum(events) AS events,
            coalesce(sum(events) FILTER (WHERE quad IN (1, 2)), 0) AS coop,
            coalesce(sum(events) FILTER (WHERE quad IN (3, 4)), 0) AS conflict,
            coalesce(sum(goldstein), 0) AS goldstein, coalesce(sum(score), 0) AS score
        FROM (SELECT {s} AS s, {t} AS t, * FROM dyad_days WHERE true{where})
        WHERE s IS NOT NULL AND t IS NOT NULL AND s <> t
        GROUP BY ALL
    """


def node_labels(store: Store, ids: list[str], *, countryless: bool = False, fold: bool = False) -> dict[str, str]:
    """A readable label per node id: a country's English name ("Russia"); a non-state node its commonest
    actor name with its country and sector ("SDF (SYR rebels)"); else the id."""
    from .names import country_name, sector_info

    out: dict[str, str] = {}
    names: dict[str, str] = {}
    composite = [i for i in ids if len(i) == 6 and not fold]
    if composite:
        # the commonest name of the actors with that code, groups before people ("Houthis", not a leader)
        key = node_key("a", countryless=countryless, fold=fold).replace("a_country", "country").replace("a_code", "code")
        rows = store.con.execute(
            f"SELECT k, coalesce(mode(name) FILTER (WHERE type <> 'person'), mode(name)) FROM "
            f"(SELECT {key} AS k, name, type FROM actors WHERE code IS NOT NULL) "
            "WHERE k IN (SELECT unnest(?::VARCHAR[])) GROUP BY k", [*_key_params(fold), composite]).fetchall()
        names = {k: n for k, n in rows if n}
    for i in ids:
        country = country_name(i[:3]) if len(i) >= 3 else None
        if len(i) == 6 and not fold:
            info = sector_info(i[3:])
            what = f"{i[:3]} {info.label if info else i[3:]}"
            name = names.get(i)
            out[i] = f"{name} ({what})" if name and name != country else f"{country or i[:3]} {info.label if info else i[3:]}"
        else:
            out[i] = country_name(i) or i
    return out


def network(
    store: Store,
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    min_events: int = 1,
    seed: int = 0,
    countryless: bool = False,
    fold: bool = False,
    status: str | None = None,
) -> dict[str, Any]:
    """Actors as nodes, undirected edges with cooperation and conflict weights, and blocs: Louvain
    communities (networkx) of the graph whose edge weights are net cooperation (coop - conflict, positive
    edges only). A node is a country (region such as WST, or IGO) for state actors, and country + sector
    (``SYRREB``) for a non-state actor (rebels, parties, media...: ``data/analysis/sectors.yaml``) unless
    ``fold`` folds them into their country. Domestic events are left out (a non-state node's dealings with
    its own country are not: that is not domestic to the graph), and so are events with an actor that has
    no country (a bare sector code) unless ``countryless``. ``status``: which statuses count
    (:func:`~communique.analysis.dyads.status_clause`; by default negated, planned and hypothetical events
    do not).

    Returns ``{"nodes": [{"id", "label", "events", "coop", "conflict", "degree", "bloc", "kind"}], "edges":
    [{"source", "target", "events", "coop", "conflict", "goldstein", "score"}], "blocs": [[id, ...], ...]}``,
    blocs largest first; a node's ``bloc`` is its index in ``blocs``; its ``events`` is the sum of its
    edges' events (what the graph shows of it)."""
    if min_events < 1:
        raise InvalidQuery("min_events must be >= 1")
    where, params, _, _ = _bounds(start, end, status)
    rows = store.rows(
        f"SELECT * FROM ({_pairs_sql(where, countryless, fold)}) WHERE events >= ? ORDER BY events DESC, a, b",
        [*_key_params(fold), *_key_params(fold), *params, min_events])
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
    labels = node_labels(store, list(g.nodes), countryless=countryless, fold=fold)
    nodes = []
    for n in g.nodes:
        inc = [g.edges[n, m] for m in g.neighbors(n)]
        nodes.append({"id": n, "label": labels.get(n, n), "events": sum(x["events"] for x in inc),
                      "coop": sum(x["coop"] for x in inc), "conflict": sum(x["conflict"] for x in inc),
                      "degree": g.degree[n], "bloc": bloc_of.get(n),
                      "kind": "non-state" if len(n) == 6 and not fold else "state"})
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
    status: str | None = None,
    fold: bool = False,
    countryless: bool = False,
) -> list[dict[str, Any]]:
    """The ``n`` undirected dyads whose cooperation or conflict changed most from ``before`` to ``after``
    (each a (start, end) pair of dates, inclusive). ``by``: ``net`` ranks by |change of coop - conflict|,
    ``coop``, ``conflict`` or ``events`` by |change| of that count. Counts are per 30 days, so periods
    of different lengths compare fairly: ``before`` and ``after`` hold the raw counts of each period, its
    length in ``days`` and the counts ``per_30_days``; the ``*_change`` values are per 30 days. Dyads are
    between the nodes of :func:`network` (``fold``, ``countryless`` as there), counting the statuses of
    ``status``."""
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
    s, t = "s", "t"
    # the network's nodes: a dyad the network does not draw is not a top mover either
    keys = (f"SELECT {node_key('source', countryless=countryless, fold=fold)} AS s, "
            f"{node_key('target', countryless=countryless, fold=fold)} AS t, * FROM dyad_days")
    swhere, sparams = status_clause(status)
    scale_b = 30.0 / ((be - bs).days + 1)
    scale_a = 30.0 / ((ae - as_).days + 1)
    sql = f"""
        WITH d AS (
            SELECT least({s}, {t}) AS a, greatest({s}, {t}) AS b,
                CASE WHEN day BETWEEN ? AND ? THEN 'before' ELSE 'after' END AS period, quad, events
            FROM ({keys}) AS k
            WHERE {s} IS NOT NULL AND {t} IS NOT NULL AND {s} <> {t}
              AND (day BETWEEN ? AND ? OR day BETWEEN ? AND ?){swhere}
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
    rows = store.rows(sql, [bs, be, *_key_params(fold), *_key_params(fold), bs, be, as_, ae, *sparams, n])
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
