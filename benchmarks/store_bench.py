"""Store benchmark: write throughput through ``Store.write_batch`` and analysis query times over a
generated store of N merged events (default 10 million, made with DuckDB SQL).

    .venv/bin/python benchmarks/store_bench.py [--events 10000000] [--write-articles 2000] [--keep DIR]

Prints figures, and each query time as a ratio against a baseline measured in the same run: one
filtered full scan of the ``events`` table (``count(*) WHERE source_country = 'CHN'``).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pycountry

from communique.analysis import alignment, dyad_series, network, top_movers
from communique.plover import type_table
from communique.records import (
    Actor,
    ArticleMeta,
    ArticleRecord,
    DateValue,
    EventMention,
    Evidence,
    Mention,
    Side,
    content_id,
)
from communique.store import Store
from communique.store.merge import refresh_aggregates


def _timed(fn: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def _records(n_articles: int, events_per_article: int) -> list[ArticleRecord]:
    countries = [c.alpha_3 for c in pycountry.countries][:60]
    types = list(type_table())
    recs = []
    for i in range(n_articles):
        text = f"Benchmark article {i}: " + "words " * 200
        actors = [Actor(id=f"a{j + 1}", name=f"Country {c}", type="country", country=c, code=c,
                        mentions=[Mention(start=0, end=9, text=text[:9])])
                  for j, c in enumerate(countries[(i % 50): (i % 50) + 6])]
        evs = []
        for k in range(events_per_article):
            s, t = actors[k % 6], actors[(k + 1) % 6]
            evs.append(EventMention(
                id=f"e{k + 1}", type=types[(i + k) % len(types)], cameo="042", goldstein=1.0,
                source=Side(actor=s.id, name=s.name, country=s.country, code=s.code),
                target=Side(actor=t.id, name=t.name, country=t.country, code=t.code),
                date=DateValue(start=f"2023-{1 + i % 12:02d}-{1 + k % 28:02d}", granularity="day"),
                evidence=Evidence(start=0, end=40, text=text[:40]), rule="bench"))
        recs.append(ArticleRecord(
            article=ArticleMeta(id=content_id(text), text=text, published=f"2023-{1 + i % 12:02d}-15",
                                outlet=f"Outlet {i % 7}"),
            actors=actors, events=evs))
    return recs


def bench_write(folder: Path, n_articles: int, per_article: int, batch: int) -> None:
    recs = _records(n_articles, per_article)
    path = folder / "write.duckdb"
    path.unlink(missing_ok=True)
    t = time.perf_counter()
    for r in recs:
        r.model_dump_json(by_alias=True)
    dump = time.perf_counter() - t
    with Store(path) as store:
        t = time.perf_counter()
        for i in range(0, len(recs), batch):
            store.write_batch(recs[i: i + batch], inputs_done=[f"in{j}" for j in range(i, i + batch)])
        first = time.perf_counter() - t
        t = time.perf_counter()
        for i in range(0, len(recs), batch):
            store.write_batch(recs[i: i + batch])
        again = time.perf_counter() - t
        t = time.perf_counter()
        merged = store.merge()
        merge_s = time.perf_counter() - t
        counts = store.counts()
    n_ev = n_articles * per_article
    print(f"write: {n_articles} articles, {n_ev} event mentions in batches of {batch} articles")
    print(f"  baseline: serialise the records to JSON {dump:6.2f} s   {n_ev / dump:10,.0f} events/s")
    print(f"  first write        {first:8.2f} s   {n_ev / first:10,.0f} events/s  {n_articles / first:8,.0f} articles/s  ({first / dump:4.1f}x baseline)")
    print(f"  same records again {again:8.2f} s   {n_ev / again:10,.0f} events/s  (replace path)")
    print(f"  merge              {merge_s:8.2f} s   {counts['event_mentions']} mentions -> {merged} events")


def _codes() -> list[str]:
    """ISO3 codes, big actors first (the generators draw early codes more often)."""
    first = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "UKR", "IND"]
    return [*first, *(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in first)]


_GEN = """
INSERT INTO events BY NAME
WITH c AS (SELECT list(code ORDER BY rk) AS codes FROM (SELECT unnest(?::VARCHAR[]) AS code,
            unnest(generate_series(1, len(?::VARCHAR[]))) AS rk)),
t AS (SELECT list(type ORDER BY type) AS types, list(quad ORDER BY type) AS quads,
             list(score ORDER BY type) AS scores FROM _bench_types),
r AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4 FROM range(?) AS g(i))
SELECT 'ev:' || i AS id, types[1 + CAST(floor(r3 * len(types)) AS INTEGER)] AS type, false AS negated,
    'reported' AS status, '042' AS cameo, quads[1 + CAST(floor(r3 * len(types)) AS INTEGER)] AS quad,
    scores[1 + CAST(floor(r3 * len(types)) AS INTEGER)] AS score,
    scores[1 + CAST(floor(r3 * len(types)) AS INTEGER)] AS goldstein,
    codes[1 + CAST(floor(pow(r1, 2.5) * len(codes)) AS INTEGER)] AS source_country,
    codes[1 + CAST(floor(pow(r2, 2.5) * len(codes)) AS INTEGER)] AS target_country,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS day,
    1 + CAST(floor(r1 * 4) AS INTEGER) AS n_mentions, 1 AS n_articles, 1 AS n_sources
FROM r, c, t
"""


_GEN_MENTIONS = """
INSERT INTO event_mentions BY NAME
WITH c AS (SELECT ?::VARCHAR[] AS codes), t AS (SELECT list(type ORDER BY type) AS types FROM _bench_types),
r AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5 FROM range(?) AS g(i))
SELECT 'art' || CAST(i // 10 AS VARCHAR) || '#e' || CAST(i % 10 AS VARCHAR) AS uid,
    'art' || CAST(i // 10 AS VARCHAR) AS article_id, 'e' || CAST(i % 10 AS VARCHAR) AS event_id,
    types[1 + CAST(floor(r3 * len(types)) AS INTEGER)] AS type,
    codes[1 + CAST(floor(pow(r1, 2.5) * len(codes)) AS INTEGER)] AS source_country,
    codes[1 + CAST(floor(pow(r2, 2.5) * len(codes)) AS INTEGER)] AS target_country,
    false AS negated, 'reported' AS status, 'outlet' || CAST(i % 50 AS VARCHAR) AS source_label,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS date_lo,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) + CASE WHEN r5 < 0.2 THEN 20 ELSE 0 END AS date_hi,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS published,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS day
FROM r, c, t
"""


def bench_merge(folder: Path, n_mentions: int, codes: list[str]) -> None:
    path = folder / "merge.duckdb"
    path.unlink(missing_ok=True)
    with Store(path) as store:
        types = type_table()
        store.con.execute("CREATE TEMP TABLE _bench_types AS SELECT unnest(?::VARCHAR[]) AS type", [list(types)])
        store.con.execute(_GEN_MENTIONS, [codes, n_mentions])
        t = time.perf_counter()
        merged = store.merge()
        sec = time.perf_counter() - t
        t = time.perf_counter()
        store.merge(articles=["art1"])
        one = time.perf_counter() - t
        t = time.perf_counter()
        store.merge(articles=[f"art{i}" for i in range(1000)])
        thousand = time.perf_counter() - t
    print(f"merge: {n_mentions:,} generated mentions -> {merged:,} events in {sec:.1f} s "
          f"({n_mentions / sec:,.0f} mentions/s)")
    print(f"  incremental merge after 1 article {one:6.2f} s, after 1000 articles {thousand:6.2f} s "
          f"({sec / one:.0f}x and {sec / thousand:.0f}x faster than the full merge)")


def bench_queries(folder: Path, n_events: int, keep: bool) -> None:
    path = folder / "big.duckdb"
    codes = _codes()
    with Store(path) as store:
        con = store.con
        t = time.perf_counter()
        if not con.execute("SELECT count(*) FROM events").fetchone()[0]:
            types = type_table()
            con.execute("CREATE TEMP TABLE _bench_types AS SELECT t[1] AS type, CAST(t[2] AS INTEGER) AS quad, "
                        "CAST(t[3] AS DOUBLE) AS score FROM (SELECT unnest(?::VARCHAR[][]) AS t)",
                        [[[k, str(v.quad), str(v.score)] for k, v in types.items()]])
            con.execute(_GEN, [codes, codes, n_events])
            con.execute("UPDATE events SET source_code = source_country, target_code = target_country, "
                        "source_key = source_country, target_key = target_country, date_start = day, "
                        "date_end = day, first_seen = day, last_seen = day")
        gen = time.perf_counter() - t
        t = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        refresh_aggregates(con)
        con.execute("COMMIT")
        agg = time.perf_counter() - t
        n = con.execute("SELECT count(*) FROM events").fetchone()[0]
        n_agg = con.execute("SELECT count(*) FROM dyad_days").fetchone()[0]
        n_dyad = con.execute("SELECT count(*) FROM events WHERE source_country IN ('CHN', 'RUS') "
                             "AND target_country IN ('CHN', 'RUS') AND source_country <> target_country").fetchone()[0]
        print(f"generated store: {n:,} merged events in {gen:.1f} s; dyad_days aggregate {n_agg:,} rows in {agg:.1f} s")
        print(f"  CHN-RUS events: {n_dyad:,}")
        base, _ = _timed(lambda: con.execute("SELECT count(*) FROM events WHERE source_country = 'CHN'").fetchone())
        print(f"baseline: filtered full scan of events   {base * 1000:8.1f} ms")
        cases: list[tuple[str, Callable[[], Any]]] = [
            ("dyad_series CHN RUS month", lambda: dyad_series(store, "CHN", "RUS", freq="month")),
            ("dyad_series CHN RUS day", lambda: dyad_series(store, "CHN", "RUS", freq="day")),
            ("dyad_series USA CHN week 2020", lambda: dyad_series(store, "USA", "CHN", freq="week",
                                                                  start="2020-01-01", end="2020-12-31")),
            ("alignment CHN RUS month", lambda: alignment(store, "CHN", "RUS", freq="month")),
            ("network 2020 (min 50 events)", lambda: network(store, start="2020-01-01", end="2020-12-31",
                                                            min_events=50)),
            ("top_movers 2019 vs 2020", lambda: top_movers(store, before=("2019-01-01", "2019-12-31"),
                                                          after=("2020-01-01", "2020-12-31"), n=10)),
        ]
        for name, fn in cases:
            sec, out = _timed(fn, repeat=3)
            size = len(out["series"]) if isinstance(out, dict) and "series" in out else (
                len(out["edges"]) if isinstance(out, dict) else len(out))
            print(f"  {name:<32} {sec * 1000:8.1f} ms  ({sec / base:5.2f}x baseline, {size} rows)")
    if keep:
        print(f"kept {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=10_000_000, help="merged events to generate")
    ap.add_argument("--write-articles", type=int, default=2000, help="articles written through write_batch")
    ap.add_argument("--per-article", type=int, default=20, help="event mentions per written article")
    ap.add_argument("--batch", type=int, default=200, help="articles per write_batch call")
    ap.add_argument("--merge-mentions", type=int, default=1_000_000, help="mentions generated for the merge timing")
    ap.add_argument("--keep", type=Path, default=None, help="folder to keep the generated stores in")
    args = ap.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        folder = args.keep
        bench_write(folder, args.write_articles, args.per_article, args.batch)
        bench_merge(folder, args.merge_mentions, _codes())
        bench_queries(folder, args.events, True)
        return
    with tempfile.TemporaryDirectory(prefix="communique-bench-") as tmp:
        bench_write(Path(tmp), args.write_articles, args.per_article, args.batch)
        bench_merge(Path(tmp), args.merge_mentions, _codes())
        bench_queries(Path(tmp), args.events, False)


if __name__ == "__main__":
    main()
