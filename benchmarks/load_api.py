"""Bounded load test of the HTTP API on loopback: p50/p95 latency of POST /code (a ~600-word article) and
GET /events (with rotating filters), against a real ``communique serve`` and a real DuckDB store.

Baselines measured in the same run: bare spaCy ``nlp(text)`` with the same model on the same article (what
/code cannot beat), the whole coder called in-process on the same article (so the HTTP layer's own cost
shows), and GET /health (the HTTP round trip). Aim: /code p50 <= 250 ms.

    .venv/bin/python benchmarks/load_api.py                 # 1,000 requests: 300 /code, 700 /events
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


def run(client_factory, requests: list[tuple[str, str, dict]], concurrency: int) -> tuple[list[float], int, float]:
    """Send the requests from ``concurrency`` threads; return latencies (ms), failures, wall time (s)."""
    lat: list[float] = []
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
                    method, url, kw = queue.pop()
                t0 = time.perf_counter()
                r = client.request(method, url, **kw)
                ms = (time.perf_counter() - t0) * 1000
                with lock:
                    lat.append(ms)
                    if r.status_code != 200:
                        failures += 1

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return lat, failures, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--code", type=int, default=300, help="POST /code requests")
    ap.add_argument("--events", type=int, default=700, help="GET /events requests")
    ap.add_argument("--concurrency", type=int, default=1, help="client threads")
    ap.add_argument("--words", type=int, default=600, help="article length for /code")
    ap.add_argument("--db", help="existing store to query (default: a new one filled by POST /code?store=true)")
    args = ap.parse_args()

    text = article_of(args.words)
    n_words = len(text.split())

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

    tmp = tempfile.TemporaryDirectory(prefix="communique-load-")
    db = args.db or os.path.join(tmp.name, "load.duckdb")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(tmp.name, "serve.log"), "w+")
    proc = subprocess.Popen([sys.executable, "-m", "communique", "serve", "--db", db, "--port", str(port), "--preload"],
                            stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                if httpx.get(base + "/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit("server did not start:\n" + log.read())
            time.sleep(0.3)
        with httpx.Client(base_url=base, timeout=60) as c:
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

        def factory() -> httpx.Client:
            return httpx.Client(base_url=base, timeout=60)

        filters = [{}, {"type": types[0]}, {"sort": "-date", "limit": 50}, {"text": "said"},
                   {"start": "2024-01-01", "end": "2024-12-31"}, {"merged": "true"}, {"country": "CHN"},
                   {"limit": 20, "offset": 20}]
        health_lat, _, _ = run(factory, [("GET", "/health", {})] * 100, 1)
        code_req = [("POST", "/code?published=2024-05-01", {"content": text.encode(), "headers": {"content-type": "text/plain"}})] * args.code
        ev_req = [("GET", "/events", {"params": filters[i % len(filters)]}) for i in range(args.events)]
        server = psutil.Process(proc.pid)

        def cpu() -> float:
            t = server.cpu_times()
            return t.user + t.system

        c0 = cpu()
        code_lat, code_fail, code_wall = run(factory, code_req, args.concurrency)
        c1 = cpu()
        ev_lat, ev_fail, ev_wall = run(factory, ev_req, args.concurrency)
        c2 = cpu()
        code_cpu = (c1 - c0) * 1000 / max(1, len(code_lat))
        ev_cpu = (c2 - c1) * 1000 / max(1, len(ev_lat))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()

    bare_p50 = statistics.median(bare)
    health_p50 = statistics.median(health_lat)
    print(f"store: {counts.get('articles', '?')} articles, {counts.get('event_mentions', '?')} event mentions; "
          f"article {n_words} words; concurrency {args.concurrency}")
    print(f"{'what':<26}{'n':>6}{'fail':>6}{'p50 ms':>10}{'p95 ms':>10}{'req/s':>9}{'p50 / baseline':>17}")
    print(f"{'bare spaCy nlp(text)':<26}{len(bare):>6}{0:>6}{bare_p50:>10.1f}{pct(bare, .95):>10.1f}{'':>9}{1.0:>17.2f}")
    coder_p50 = statistics.median(coder)
    print(f"{'coder in-process':<26}{len(coder):>6}{0:>6}{coder_p50:>10.1f}{pct(coder, .95):>10.1f}{'':>9}"
          f"{coder_p50 / bare_p50:>17.2f}  (vs bare spaCy)")
    print(f"{'GET /health':<26}{len(health_lat):>6}{0:>6}{health_p50:>10.1f}{pct(health_lat, .95):>10.1f}{'':>9}{1.0:>17.2f}")
    print(f"{'POST /code':<26}{len(code_lat):>6}{code_fail:>6}{statistics.median(code_lat):>10.1f}"
          f"{pct(code_lat, .95):>10.1f}{len(code_lat) / code_wall:>9.1f}{statistics.median(code_lat) / bare_p50:>17.2f}"
          f"  (vs bare spaCy; {statistics.median(code_lat) / coder_p50:.2f} vs the coder in-process)")
    print(f"{'GET /events (8 filters)':<26}{len(ev_lat):>6}{ev_fail:>6}{statistics.median(ev_lat):>10.1f}"
          f"{pct(ev_lat, .95):>10.1f}{len(ev_lat) / ev_wall:>9.1f}{statistics.median(ev_lat) / health_p50:>17.2f}"
          "  (vs /health)")
    print(f"server CPU time per request (less sensitive to other load on the machine): /code {code_cpu:.1f} ms, "
          f"/events {ev_cpu:.1f} ms; bare spaCy CPU time per call in this process {bare_cpu:.1f} ms; "
          f"load average at the end {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    aim = statistics.median(code_lat) <= 250
    print(f"aim /code p50 <= 250 ms: {'met' if aim else 'NOT met'}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
