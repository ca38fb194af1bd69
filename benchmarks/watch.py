"""One watcher pass over a local news site against ``ingest`` of the same pages from disk, in the same run.

A generated site (``--feeds`` RSS feeds of ``--items`` items each, 200 x 20 = 4,000 article pages by default;
texts made up here from templates, a few paragraphs each) is written to a temporary folder and served by a
plain static HTTP server in a separate process on 127.0.0.1. Then, on the same engine:

    disk    ``communique.batch.ingest`` of the folder of pages (the HTML reader, the coder, the store)
    watch   ``Watcher.run_pass`` of the feeds: poll, fetch every page, read, code, store (politeness delay 0,
            loopback allowed, ``--per-host`` requests in flight)

An untimed ingest of 40 pages first warms the caches (model files, imports), so that neither timed run
pays for them. Each run writes a fresh DuckDB file and ends with its merge. Printed: wall time, articles per second, and the
watch/disk ratio (the issue's aim: >= 0.9, fetching is not the bottleneck).

    .venv/bin/python benchmarks/watch.py                       # 200 feeds x 20 items (several minutes)
    .venv/bin/python benchmarks/watch.py --feeds 20 --items 10 # a quick run
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import multiprocessing
import random
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

COUNTRIES = ["Japan", "Kenya", "Brazil", "Poland", "Chile", "Ghana", "Norway", "Vietnam", "Morocco", "Peru", "Sweden",
             "Egypt", "Mexico", "Canada", "Indonesia", "Turkey", "Nigeria", "Argentina", "Spain", "India"]
CITIES = ["Geneva", "Vienna", "Doha", "Singapore", "Addis Ababa", "Brussels", "Nairobi", "Lima", "Oslo", "Hanoi"]
TOPICS = ["fisheries", "border crossings", "grain exports", "a rail link", "power lines", "student visas",
          "water sharing", "customs rules", "a port upgrade", "vaccine supplies", "flood warnings", "air routes"]
OFFICIALS = ["foreign minister", "trade minister", "prime minister", "defence minister", "president"]


def article(n: int) -> tuple[str, list[str]]:
    """(title, paragraphs) of made-up story ``n``."""
    rnd = random.Random(n)
    a, b = rnd.sample(COUNTRIES, 2)
    city, topic, off = rnd.choice(CITIES), rnd.choice(TOPICS), rnd.choice(OFFICIALS)
    paras = [
        f"{city.upper()} - The {off} of {a} met the {off} of {b} in {city} on Tuesday to discuss {topic}, "
        f"officials said in report {n}.",
        f"The two governments signed an agreement on {topic} and promised to meet again next month.",
        f"\"We want closer ties with {b},\" the {off} of {a} told reporters after the talks.",
        f"Last year {a} accused {b} of blocking {rnd.choice(TOPICS)}, and protesters marched in the capital.",
        f"Diplomats from {rnd.choice(COUNTRIES)} welcomed the deal and offered to help with {topic}.",
    ]
    return f"{a} and {b} agree on {topic} ({n})", paras


def page(n: int) -> bytes:
    title, paras = article(n)
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<meta property="article:published_time" content="2024-03-{1 + n % 28:02d}"></head><body>'
            f"<nav><a href=\"/\">Home</a></nav><article><h1>{html.escape(title)}</h1>{body}</article>"
            f"<footer>A generated test site</footer></body></html>").encode()


def build_site(root: Path, feeds: int, items: int) -> list[str]:
    """Write pages/<n>.html and feeds/<f>.xml; return the feed paths."""
    (root / "pages").mkdir(parents=True)
    (root / "feeds").mkdir()
    paths = []
    for f in range(feeds):
        entries = []
        for i in range(items):
            n = f * items + i
            (root / "pages" / f"{n}.html").write_bytes(page(n))
            entries.append(f"<item><title>Story {n}</title><link>BASE/pages/{n}.html</link>"
                           f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate></item>")
        (root / "feeds" / f"{f}.xml").write_text(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>Desk {f}</title>{"".join(entries)}'
            "</channel></rss>")
        paths.append(f"/feeds/{f}.xml")
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    return paths


def serve(root: str, port: int) -> None:
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Handler, directory=root)).serve_forever()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=20)
    ap.add_argument("--engine", default="processes")
    ap.add_argument("--workers", type=int, default=0, help="0: one per core")
    ap.add_argument("--per-host", type=int, default=8)
    ap.add_argument("--order", default="disk,watch", help="which run first (disk,watch or watch,disk)")
    ap.add_argument("--repeat", type=int, default=1, help="rounds of both runs (the machine's load drifts: "
                    "the median of the rounds' ratios is printed)")
    ap.add_argument("--no-warmup", dest="warmup", action="store_false",
                    help="skip the untimed warm-up ingest of 40 pages before the timed runs")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()

    from communique.batch import ingest
    from communique.watch import Source, Watcher, WatchSettings

    tmp = Path(tempfile.mkdtemp(prefix="watch-bench-"))
    site = tmp / "site"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    t = time.perf_counter()
    feed_paths = build_site(site, args.feeds, args.items)
    for p in feed_paths:  # absolute links to this server
        f = site / p.lstrip("/")
        f.write_text(f.read_text().replace("BASE", base))
    n_pages = args.feeds * args.items
    print(f"site: {args.feeds} feeds x {args.items} items = {n_pages} pages written in {time.perf_counter() - t:.1f} s "
          f"({tmp})", file=sys.stderr)
    server = multiprocessing.get_context("spawn").Process(target=serve, args=(str(site), port), daemon=True)
    server.start()
    time.sleep(0.5)

    results: dict[str, Any] = {}
    if args.warmup:
        # the first run would also pay for cold caches (model files, imports): warm them, untimed
        warm = tmp / "warm"
        warm.mkdir()
        for n in range(min(40, n_pages)):
            (warm / f"{n}.html").write_bytes((site / "pages" / f"{n}.html").read_bytes())
        t = time.perf_counter()
        ingest([warm], db=tmp / "warm.duckdb", engine=args.engine, workers=args.workers, progress="off")
        print(f"warm-up (untimed): {time.perf_counter() - t:.1f} s", file=sys.stderr)
    pairs: list[float] = []
    for rep_i in range(args.repeat):
        rates: dict[str, float] = {}
        for run in args.order.split(","):
            db = tmp / f"{run}-{rep_i}.duckdb"
            t0 = time.perf_counter()
            if run == "disk":
                rep = ingest([site / "pages"], db=db, engine=args.engine, workers=args.workers, progress="off")
                coded = rep.coded
            else:
                ws = WatchSettings(allow_loopback=True, host_delay=0.0, per_host=args.per_host,
                                   concurrency=2 * args.per_host, interval=0.0)
                with Watcher(db, watch=ws, engine=args.engine, workers=args.workers) as w:
                    rep = w.run_pass([Source(base + p) for p in feed_paths])
                coded = rep.coded
                results["watch_requests"] = {"requests": rep.requests, "new": rep.new, "failed": rep.failed,
                                             "fetch_seconds": rep.fetch_seconds}
                print(f"watch: every page fetched after {rep.fetch_seconds:.1f} s ({rep.requests} requests)",
                      file=sys.stderr)
            secs = time.perf_counter() - t0
            rates[run] = coded / secs
            results.setdefault(run, []).append({"seconds": round(secs, 2), "articles": coded,
                                                 "articles_per_second": round(coded / secs, 2)})
            print(f"{run:>5}: {coded} articles in {secs:.1f} s = {coded / secs:.2f} articles/s", file=sys.stderr)
        pairs.append(rates["watch"] / rates["disk"])
        print(f"round {rep_i + 1}: watch / disk = {pairs[-1]:.2f}x", file=sys.stderr)
    server.terminate()
    ratio = sorted(pairs)[len(pairs) // 2]
    results["ratios_watch_over_disk"] = [round(r, 3) for r in pairs]
    results["median_ratio"] = round(ratio, 3)
    print(f"watch / disk = {ratio:.2f}x (median of {len(pairs)} rounds; aim >= 0.9)", file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
