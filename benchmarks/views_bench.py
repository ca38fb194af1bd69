"""Corpus-view benchmark: p50/p95 latency of GET /events, GET /map, GET /timeline and a filtered export over
HTTP, against a real ``communique serve`` on loopback over a generated store of N located event mentions
merged into events (default 100,000, made with DuckDB SQL, then ``Store.merge``).

    .venv/bin/python benchmarks/views_bench.py [--mentions 100000] [--requests 40] [--keep DIR]

Baselines measured in the same run: GET /health (the HTTP round trip with a store call) and, in-process,
one filtered full scan of ``event_mentions`` (``count(*) WHERE source_country = 'CHN'``). Each endpoint's
p50 is printed as a ratio against the /health p50. Aim (issue 17): /events and /map p50 <= 50 ms.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

from communique.plover import type_table
from communique.store import Store

_CODES = ["USA", "CHN", "RUS", "GBR", "FRA", "DEU", "UKR", "IND", "TUR", "SYR", "IRN", "ISR", "BRA", "NGA", "KEN",
          "JPN", "KOR", "PRK", "PAK", "AFG", "IRQ", "SAU", "EGY", "ZAF", "MEX", "CAN", "AUS", "IDN", "POL", "BLR"]

_GEN = """
INSERT INTO event_mentions BY NAME
WITH c AS (SELECT ?::VARCHAR[] AS codes), t AS (SELECT list(type ORDER BY type) AS types FROM _bench_types),
r AS (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
             random() AS r7 FROM range(?) AS g(i))
SELECT 'art' || CAST(i // 10 AS VARCHAR) || '#e' || CAST(i % 10 AS VARCHAR) AS uid,
    'art' || CAST(i // 10 AS VARCHAR) AS article_id, 'e' || CAST(i % 10 AS VARCHAR) AS event_id,
    types[1 + CAST(floor(r3 * len(types)) AS INTEGER)] AS type, '042' AS cameo,
    CASE WHEN r3 < 0.5 THEN 3.0 ELSE -5.0 END AS goldstein,
    codes[1 + CAST(floor(pow(r1, 2.0) * len(codes)) AS INTEGER)] AS source_country,
    codes[1 + CAST(floor(pow(r2, 2.0) * len(codes)) AS INTEGER)] AS target_country,
    codes[1 + CAST(floor(pow(r1, 2.0) * len(codes)) AS INTEGER)] AS source_code,
    codes[1 + CAST(floor(pow(r2, 2.0) * len(codes)) AS INTEGER)] AS target_code,
    'Actor ' || CAST(CAST(floor(r1 * 500) AS INTEGER) AS VARCHAR) AS source_name,
    'Actor ' || CAST(CAST(floor(r2 * 500) AS INTEGER) AS VARCHAR) AS target_name,
    false AS negated, 'reported' AS status, 'outlet' || CAST(i % 50 AS VARCHAR) AS source_label,
    'Place ' || CAST(CAST(floor(r6 * 5000) AS INTEGER) AS VARCHAR) AS location_name,
    codes[1 + CAST(floor(r6 * len(codes)) AS INTEGER)] AS location_country,
    round(-60 + 130 * ((floor(r6 * 5000) * 0.6180339887) % 1), 3) AS lat,
    round(-180 + 360 * ((floor(r6 * 5000) * 0.7548776662) % 1), 3) AS lon,
    'Generated evidence sentence number ' || CAST(i AS VARCHAR) AS evidence_text,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS date_lo,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS date_hi,
    CAST(DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS VARCHAR) AS date_start,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS published,
    DATE '2015-01-01' + CAST(floor(r4 * 3650) AS INTEGER) AS day,
    CASE WHEN r7 < 0.1 THEN 'country' ELSE 'city' END AS location_feature
FROM r, c, t
"""


def build(path: Path, n: int) -> tuple[int, int, float]:
    with Store(path) as store:
        if store.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0] == 0:
            store.con.execute("CREATE TEMP TABLE _bench_types AS SELECT unnest(?::VARCHAR[]) AS type", [list(type_table())])
            store.con.execute(_GEN, [_CODES, n])
            store.con.execute("INSERT INTO articles (id, title, published, pub_date, outlet, text) "
                              "SELECT DISTINCT article_id, 'Generated ' || article_id, CAST(published AS VARCHAR), "
                              "published, source_label, 'Generated text.' FROM event_mentions")
            store.merge(window_days=0)
        mentions = store.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
        events = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        scan = []
        for _ in range(5):
            t = time.perf_counter()
            store.con.execute("SELECT count(*) FROM event_mentions WHERE source_country = 'CHN'").fetchone()
            scan.append(time.perf_counter() - t)
    return int(mentions), int(events), statistics.median(scan)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(client: httpx.Client, path: str, params: dict, n: int) -> tuple[float, float, int]:
    client.get(path, params=params)  # warm
    times = []
    size = 0
    for _ in range(n):
        t = time.perf_counter()
        r = client.get(path, params=params)
        times.append(time.perf_counter() - t)
        r.raise_for_status()
        size = len(r.content)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mentions", type=int, default=100_000, help="located event mentions to generate")
    ap.add_argument("--requests", type=int, default=40, help="requests per case")
    ap.add_argument("--keep", type=Path, default=None, help="folder to keep the generated store in")
    args = ap.parse_args()
    tmp = None
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        folder = args.keep
    else:
        tmp = tempfile.TemporaryDirectory(prefix="communique-views-")
        folder = Path(tmp.name)
    db = folder / "views.duckdb"
    t = time.perf_counter()
    mentions, events, scan = build(db, args.mentions)
    print(f"store: {mentions:,} event mentions, {events:,} merged events ({time.perf_counter() - t:.1f} s to make)")
    print(f"baseline (in-process): filtered full scan of event_mentions {scan * 1000:6.1f} ms")
    port = _port()
    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", str(db), "--port", str(port),
                             "--read-only"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={k: v for k, v in os.environ.items() if k != "COMMUNIQUE_API_TOKEN"})
    url = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if client.get("/health").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise SystemExit("the server did not start")
                time.sleep(0.3)
            base, base95, _ = measure(client, "/health", {}, args.requests)
            print(f"baseline (HTTP): GET /health p50 {base * 1000:6.1f} ms  p95 {base95 * 1000:6.1f} ms")
            cases = [
                ("/events", {}),
                ("/events", {"start": "2019-01-01", "end": "2019-12-31"}),
                ("/events", {"actor": "CHN", "type": "CONSULT"}),
                ("/events", {"merged": "true", "sort": "-date"}),
                ("/map", {"zoom": 2}),
                ("/map", {"zoom": 6, "start": "2019-01", "end": "2019-06"}),
                ("/map", {"zoom": 10, "bbox": "10.2,47.1,12.8,48.9"}),  # what the page asks close up
                ("/map", {"zoom": 2, "merged": "true"}),
                ("/timeline", {}),
                ("/export/events.csv", {"start": "2019-03-01", "end": "2019-03-31"}),
            ]
            for path, params in cases:
                p50, p95, size = measure(client, path, params, args.requests)
                label = path + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")
                aim = "  (aim <= 50 ms: " + ("met)" if p50 <= 0.05 else "MISSED)") if path in ("/events", "/map") else ""
                print(f"  {label:<48} p50 {p50 * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
                      f"({p50 / base:5.1f}x /health, {size / 1024:7.1f} KiB){aim}")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if tmp is not None:
            tmp.cleanup()


if __name__ == "__main__":
    main()
