"""Bounded load test of the HTTP API on loopback: p50/p95 latency of POST /code (a ~600-word article) and
GET /events (with rotating filters), against a real ``communique serve`` and a real DuckDB store.

Baselines measured in the same run: bare spaCy ``nlp(text)`` with the same model on the same article (what
/code cannot beat), the whole coder called in-process on the same article (so the HTTP layer's own cost
shows), and GET /health (the HTTP round trip). Aim: /code p50 <= 250 ms.

    .venv/bin/python benchmarks/load_api.py       # 8 clients at once: 300 /code (one long article), 1,000 /events
    .venv/bin/python benchmarks/load_api.py --pools 2,1           # with the /code pool of 2 and without (1)
    .venv/bin/python benchmarks/load_api.py --code 50 --events 150 --concurrency 2
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "communique" / "samples"


def article_of(words: int) -> str:
    """A title and body of about ``words`` words from the bundled sample articles (written by the project),
    cut at a sentence end."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no sample articles in {SAMPLES}")
    title = texts[0].splitlines()[0]
    sentences: list[str] = []
    for t in texts:
        body = "\n".join(t.splitlines()[1:])
        sentences += [s.strip() for s in re.split(r"(?<=[.!?\"”])\s+", body) if len(s.split()) > 5]
    out: list[str] = []
    n = 0
    for s in sentences:
        if n >= words:
            break
        out.append(s)
        n += len(s.split())
    paras = [" ".join(out[i:i + 3]) for i in range(0, len(out), 3)]
    return title + "\n\n" + "\n\n".join(paras)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q * (len(ordered) - 1))))
    return ordered[k]


def run(client_factory, requests: list[tuple[str, str, dict]], concurrency: int
        ) -> tuple[dict[str, list[float]], int, float]:
    """Send the requests from ``concurrency`` threads; return latencies (ms) per request label, failures
    (a status other than 200, or no answer at all), wall time (s). A request is (label, method, url, kw)
    or (method, url, kw), labelled by its path."""
    lat: dict[str, list[float]] = {}
    failures = 0
    lock = threading.Lock()
    queue = list(reversed(requests))

    def worker() -> None:
        nonlocal failures
        with client_factory() as client:
            while True:
                with lock:
                    if not queue:
                        return
                    req = queue.pop()
                label, (method, url, kw) = (req[0], req[1:]) if len(req) == 4 else (req[1].split("?")[0], req)
                t0 = time.perf_counter()
                try:
                    status = client.request(method, url, **kw).status_code
                except httpx.HTTPError as exc:
                    status = 0
                    print(f"  {label}: no answer: {type(exc).__name__}: {exc}", file=sys.stderr)
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    lat.setdefault(label, []).append(ms)
                    if status != 200:
                        failures += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, failures, time.perf_counter() - t0


def long_article(chars: int) -> str:
    """A long article (about ``chars`` characters) made of the samples' sentences, repeated in rounds."""
    base = article_of(600).split("\n\n", 1)[1]
    paras = []
    i = 0
    while sum(map(len, paras)) < chars:
        i += 1
        paras.append(f"Round {i}. " + base.replace("\n\n", " "))
    return "A long dispatch in many rounds\n\n" + "\n\n".join(paras)


def start_server(db: str, tmp: str, code_workers: int) -> tuple[subprocess.Popen, str, Any]:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(tmp, f"serve-{port}.log"), "w+")
    env = {**os.environ, "COMMUNIQUE_CODE_WORKERS": str(code_workers)}
    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", db, "--port", str(port), "--preload"],
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 180
    while True:
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return proc, base, log
        except httpx.HTTPError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            raise SystemExit("server did not start:\n" + log.read())
        time.sleep(0.3)


def stop_server(proc: subprocess.Popen, log: Any) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--code", type=int, default=300, help="POST /code requests")
    ap.add_argument("--events", type=int, default=1000, help="GET /events requests")
    ap.add_argument("--concurrency", type=int, default=8, help="client threads, all sending at once")
    ap.add_argument("--words", type=int, default=600, help="article length for /code")
    ap.add_argument("--long-chars", type=int, default=150_000,
                    help="one /code request among the others carries an article this long (0: none)")
    ap.add_argument("--pools", default="2",
                    help="POST /code pipeline pool sizes to measure, one server each (e.g. 2,1: with and without the pool)")
    ap.add_argument("--db", help="existing store to query (default: a new one filled by POST /code?store=true)")
    args = ap.parse_args()

    text = article_of(args.words)
    n_words = len(text.split())
    long_text = long_article(args.long_chars) if args.long_chars else ""

    # baseline 1: bare spaCy on the same text, same model, in this process
    from communique.nlp import load_model

    nlp = load_model()
    for _ in range(3):
        nlp(text)
    bare = []
    p0 = time.process_time()
    for _ in range(30):
        t0 = time.perf_counter()
        nlp(text)
        bare.append((time.perf_counter() - t0) * 1000)
    bare_cpu = (time.process_time() - p0) * 1000 / 30
    del nlp
    # baseline 2: the whole coder in this process (what /code adds to it is the HTTP layer)
    from communique.api.app import read_text_article
    from communique.coder import code_article
    from communique.nlp import get_nlp

    pipeline = get_nlp()
    art = read_text_article(text, name="bench.txt", published="2024-05-01")
    for _ in range(3):
        code_article(art, nlp=pipeline)
    coder = []
    for _ in range(20):
        t0 = time.perf_counter()
        code_article(art, nlp=pipeline)
        coder.append((time.perf_counter() - t0) * 1000)
    long_alone = None
    if long_text:
        t0 = time.perf_counter()
        code_article(read_text_article(long_text, name="long.txt", published="2024-05-01"), nlp=pipeline)
        long_alone = (time.perf_counter() - t0) * 1000
    bare_p50 = statistics.median(bare)
    coder_p50 = statistics.median(coder)

    tmp = tempfile.TemporaryDirectory(prefix="communique-load-")
    results = []
    for pool in [int(x) for x in args.pools.split(",") if x.strip()]:
        db = args.db or os.path.join(tmp.name, f"load-{pool}.duckdb")
        proc, base, log = start_server(db, tmp.name, pool)
        try:
            with httpx.Client(base_url=base, timeout=600) as c:
                if not args.db:  # fill the store with the samples so /events has rows to filter
                    for p in sorted(SAMPLES.glob("*.txt")):
                        r = c.post("/code?store=true&published=2024-05-01", content=p.read_bytes(),
                                   headers={"content-type": "text/plain"})
                        r.raise_for_status()
                for _ in range(5):  # warm up
                    c.post("/code", content=text.encode(), headers={"content-type": "text/plain"}).raise_for_status()
                    c.get("/events").raise_for_status()
                counts = c.get("/health").json().get("counts", {})
                types = [i["type"] for i in c.get("/events", params={"limit": 1000}).json()["items"]] or ["CONSULT"]

            def factory(base: str = base) -> httpx.Client:
                return httpx.Client(base_url=base, timeout=600)

            filters = [{}, {"type": types[0]}, {"sort": "-date", "limit": 50}, {"text": "said"},
                       {"start": "2024-01-01", "end": "2024-12-31"}, {"merged": "true"}, {"country": "CHN"},
                       {"limit": 20, "offset": 20}]
            health = run(factory, [("GET", "/health", {})] * 100, 1)[0]["/health"]
            code_req = [("POST /code", "POST", "/code?published=2024-05-01",
                         {"content": text.encode(), "headers": {"content-type": "text/plain"}})] * args.code
            if long_text:  # one long article early in the mix
                code_req.insert(min(len(code_req), 8), ("POST /code (long)", "POST", "/code?published=2024-05-01",
                                                        {"content": long_text.encode(),
                                                         "headers": {"content-type": "text/plain"}}))
            ev_req = [("GET /events", "GET", "/events", {"params": filters[i % len(filters)]})
                      for i in range(args.events)]
            # interleave: the /code and /events requests arrive together, as from 8 users at once
            mixed: list = []
            ratio = max(1, round(len(ev_req) / max(1, len(code_req))))
            ei = iter(ev_req)
            for req in code_req:
                mixed.append(req)
                mixed.extend(x for _, x in zip(range(ratio), ei, strict=False))
            mixed.extend(ei)
            server = psutil.Process(proc.pid)
            t = server.cpu_times()
            c0 = t.user + t.system
            peak = [server.memory_info().rss]
            stop = threading.Event()

            def sample(server: psutil.Process = server, stop: threading.Event = stop, peak: list[int] = peak) -> None:
                while not stop.wait(0.5):
                    try:
                        rss = server.memory_info().rss + sum(ch.memory_info().rss for ch in server.children())
                    except psutil.Error:
                        return
                    peak[0] = max(peak[0], rss)

            sampler = threading.Thread(target=sample, daemon=True)
            sampler.start()
            lat, fails, wall = run(factory, mixed, args.concurrency)
            stop.set()
            t = server.cpu_times()
            cpu = t.user + t.system - c0
        finally:
            stop_server(proc, log)
        results.append((pool, counts, health, lat, fails, wall, cpu, peak[0]))

    print(f"article {n_words} words; long article {len(long_text)} characters; {args.concurrency} clients at once; "
          f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'what':<34}{'n':>6}{'fail':>6}{'p50 ms':>10}{'p95 ms':>10}{'p50 / bare spaCy':>18}{'max ms':>10}")
    print(f"{'bare spaCy nlp(text)':<34}{len(bare):>6}{0:>6}{bare_p50:>10.1f}{pct(bare, .95):>10.1f}{1.0:>18.2f}")
    print(f"{'coder in-process':<34}{len(coder):>6}{0:>6}{coder_p50:>10.1f}{pct(coder, .95):>10.1f}"
          f"{coder_p50 / bare_p50:>18.2f}")
    if long_alone is not None:
        print(f"{'coder in-process, long article':<34}{1:>6}{0:>6}{long_alone:>10.1f}{'':>10}{long_alone / bare_p50:>18.1f}")
    for pool, counts, health, lat, fails, wall, cpu, peak in results:
        n_req = sum(map(len, lat.values()))
        print(f"-- server with a /code pool of {pool}: store {counts.get('articles', '?')} articles, "
              f"{counts.get('event_mentions', '?')} event mentions; {n_req} requests in {wall:.1f} s, {fails} failed; "
              f"server CPU {cpu:.1f} s; peak RSS {peak / 2**20:.0f} MB")
        print(f"{'GET /health (alone)':<34}{len(health):>6}{0:>6}{statistics.median(health):>10.1f}"
              f"{pct(health, .95):>10.1f}")
        for label in ("POST /code", "POST /code (long)", "GET /events"):
            v = lat.get(label)
            if v:
                p50 = statistics.median(v)
                print(f"{label:<34}{len(v):>6}{'':>6}{p50:>10.1f}{pct(v, .95):>10.1f}{p50 / bare_p50:>18.2f}"
                      f"{max(v):>10.1f}")
    print(f"bare spaCy CPU time per call in this process {bare_cpu:.1f} ms")
    tmp.cleanup()


if __name__ == "__main__":
    main()
