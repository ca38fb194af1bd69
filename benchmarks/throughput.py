"""Throughput of the coder against bare spaCy, in one process and on two workers.

Prints one table, every row measured in the same run on the Guardian articles of
``../shared/corpus/news/guardian`` (a zipped CSV: date, text), repeated to at least 2,000 articles:

    bare spaCy  nlp.pipe with the pinned model alone (no Communiqué component), same batch size
    coder x1    communique.coder.code_articles in one process (records built, as ingest does)
    processes   the ``processes`` batch engine, 2 workers (results shipped back to the parent)
    dask        the ``dask`` engine on a LocalCluster of 2 single-threaded worker processes

Each row runs in a fresh Python process so that its memory figure is its own; times exclude loading the
model (the ``startup`` column shows it). Peak memory is the kernel's high-water mark of resident memory
(``getrusage``) of each process doing the coding, cross-checked by sampling with psutil.

    .venv/bin/python benchmarks/throughput.py                 # the full table (about 10 minutes)
    .venv/bin/python benchmarks/throughput.py --limit 200     # a quick run
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared"))
GUARDIAN = SHARED / "corpus" / "news" / "guardian"

ROWS = ["bare", "coder", "proc2", "dask2"]  # add proc1 with --rows
LABELS = {
    "bare": "bare spaCy nlp.pipe",
    "coder": "coder, one process",
    "proc1": "processes x1",
    "proc2": "processes x2",
    "dask2": "dask LocalCluster x2",
}


def load_guardian(*, docs: int, limit: int | None) -> list[tuple[str, str]]:
    """(date, text) of the Guardian articles, repeated to ``docs`` (or cut to ``limit``)."""
    zips = sorted(GUARDIAN.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no Guardian zip under {GUARDIAN}")
    rows: list[tuple[str, str]] = []
    with zipfile.ZipFile(zips[0]) as zf:
        for name in zf.namelist():
            if not name.endswith(".csv") or name.startswith("__MACOSX"):
                continue
            with zf.open(name) as fh:
                csv.field_size_limit(10_000_000)
                for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
                    text = (row.get("text") or "").strip()
                    if text:
                        rows.append(((row.get("date") or "")[:10], text))
    want = limit if limit else max(docs, len(rows))
    out = [rows[i % len(rows)] for i in range(want)]
    return out


class RssSampler:
    """Peak RSS of a set of processes, sampled with psutil (cross-check of getrusage)."""

    def __init__(self, pids_fn, interval: float = 0.25) -> None:
        self.pids_fn = pids_fn
        self.interval = interval
        self.peak: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            for pid in self.pids_fn():
                try:
                    rss = psutil.Process(pid).memory_info().rss
                except psutil.Error:
                    continue
                self.peak[pid] = max(self.peak.get(pid, 0), rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _articles(data: list[tuple[str, str]]):
    from communique.records import Article

    return [Article(text=t, published=d or None, date_basis="given" if d else "none", document=f"guardian#{i}")
            for i, (d, t) in enumerate(data)]


def run_row(row: str, *, docs: int, limit: int | None, batch_size: int, chunk_size: int) -> dict:
    """Measure one row in this process and return its figures."""
    import psutil

    from communique.batch.work import peak_rss

    data = load_guardian(docs=docs, limit=limit)
    words = sum(len(t.split()) for _, t in data)
    me = os.getpid()
    out: dict = {"row": row, "docs": len(data), "words": words}
    t0 = time.perf_counter()
    if row == "bare":
        from communique.nlp import load_model

        nlp = load_model()
        texts = [t for _, t in data]
        list(nlp.pipe(texts[:2]))  # warm up, as the other rows do
        out["startup"] = time.perf_counter() - t0
        with RssSampler(lambda: [me]) as sampler:
            t1, c1 = time.perf_counter(), time.process_time()
            n = sum(1 for _ in nlp.pipe(texts, batch_size=batch_size))
            out["seconds"] = time.perf_counter() - t1
            out["cpu"] = time.process_time() - c1
        assert n == len(data)
        out["peak_rss"] = {str(me): peak_rss()}
        out["sampled_rss"] = {str(k): v for k, v in sampler.peak.items()}
    elif row == "coder":
        from communique.batch.work import warm
        from communique.coder import code_articles
        from communique.nlp import get_nlp

        nlp = get_nlp()
        warm()  # loads what components load on first use, as every engine's workers do on start
        arts = _articles(data)
        out["startup"] = time.perf_counter() - t0
        with RssSampler(lambda: [me]) as sampler:
            t1, c1 = time.perf_counter(), time.process_time()
            n = sum(1 for _ in code_articles(arts, nlp=nlp, batch_size=batch_size))
            out["seconds"] = time.perf_counter() - t1
            out["cpu"] = time.process_time() - c1
        assert n == len(data)
        out["peak_rss"] = {str(me): peak_rss()}
        out["sampled_rss"] = {str(k): v for k, v in sampler.peak.items()}
    else:
        from functools import partial

        from communique.batch import checkpoint, chunked, code_chunk, get_engine
        from communique.config import get_settings

        workers = int(row[-1])
        name = "dask" if row.startswith("dask") else "processes"
        pipeline = tuple(get_settings().pipeline)
        arts = _articles(data)
        pairs = [(checkpoint.input_key(a), a) for a in arts]
        eng = get_engine(name, workers=workers, pipeline=pipeline)
        with eng:
            out["startup"] = time.perf_counter() - t0
            children = lambda: [p.pid for p in psutil.Process(me).children(recursive=True)]  # noqa: E731
            fn = partial(code_chunk, pipeline=pipeline, batch_size=batch_size)
            peaks: dict[int, int] = {}
            n = 0
            cpu = 0.0
            with RssSampler(children) as sampler:
                t1, c1 = time.perf_counter(), time.process_time()
                for res in eng.map(fn, chunked(iter(pairs), chunk_size)):
                    n += len(res.outputs)
                    cpu += res.cpu
                    peaks[res.pid] = max(peaks.get(res.pid, 0), res.maxrss)
                out["seconds"] = time.perf_counter() - t1
                out["main_cpu"] = time.process_time() - c1
            out["cpu"] = cpu
            assert n == len(data), (n, len(data))
        out["peak_rss"] = {str(k): v for k, v in peaks.items()}
        # the sampler also sees dask's nanny processes: keep the coding workers only
        out["sampled_rss"] = {str(k): v for k, v in sampler.peak.items() if k in peaks}
        out["main_rss"] = peak_rss()
    out["load"] = os.getloadavg()[0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=2000, help="repeat the articles to at least this many")
    ap.add_argument("--limit", type=int, default=None, help="use exactly this many articles (quick runs)")
    ap.add_argument("--rows", default=",".join(ROWS), help=f"comma-separated rows among {','.join(ROWS)}")
    ap.add_argument("--batch-size", type=int, default=None, help="nlp.pipe batch size (default Settings.batch_size)")
    ap.add_argument("--chunk-size", type=int, default=None, help="documents per chunk (default Settings.chunk_size)")
    ap.add_argument("--json", dest="json_out", default=None, help="also write the figures as JSON here")
    ap.add_argument("--row", default=None, help=argparse.SUPPRESS)  # internal: measure one row, print JSON
    args = ap.parse_args()

    from communique.config import get_settings

    s = get_settings()
    batch_size = args.batch_size or s.batch_size
    chunk_size = args.chunk_size or s.chunk_size
    if args.row:
        res = run_row(args.row, docs=args.docs, limit=args.limit, batch_size=batch_size, chunk_size=chunk_size)
        print("RESULT " + json.dumps(res))
        return

    rows = [r.strip() for r in args.rows.split(",") if r.strip()]
    results: list[dict] = []
    for row in rows:
        cmd = [sys.executable, __file__, "--row", row, "--docs", str(args.docs), "--batch-size", str(batch_size),
               "--chunk-size", str(chunk_size)]
        if args.limit:
            cmd += ["--limit", str(args.limit)]
        print(f"measuring {LABELS.get(row, row)} ...", file=sys.stderr, flush=True)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("RESULT ")), None)
        if proc.returncode != 0 or line is None:
            print(proc.stderr[-3000:], file=sys.stderr)
            results.append({"row": row, "error": f"exit {proc.returncode}"})
            continue
        results.append(json.loads(line[len("RESULT "):]))
        r = results[-1]
        print(f"  {r['docs'] / r['seconds']:.2f} articles/s, {1000 * r['cpu'] / r['docs']:.0f} CPU ms/article, "
              f"load {r['load']:.1f}", file=sys.stderr, flush=True)
        if args.json_out:  # partial figures survive an interrupted run
            Path(args.json_out).write_text(json.dumps(results, indent=1))
    print_table(results, batch_size=batch_size, chunk_size=chunk_size)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(results, indent=1))


def print_table(results: list[dict], *, batch_size: int, chunk_size: int) -> None:
    base = next((r for r in results if r.get("row") == "bare" and "seconds" in r), None)
    one = next((r for r in results if r.get("row") == "coder" and "seconds" in r), None)
    ok = [r for r in results if "seconds" in r]
    if ok:
        print(f"\n{ok[0]['docs']} Guardian articles ({ok[0]['words']:,} words), nlp.pipe batch {batch_size}, "
              f"chunk {chunk_size}, {os.cpu_count()} cores")
    head = f"| {'run':<22} | {'articles/s':>10} | {'words/s':>9} | {'x bare':>6} | {'x coder':>7} | " \
           f"{'CPU ms/article':>14} | {'x bare (CPU)':>12} | {'peak MB/worker':>14} | {'startup s':>9} | {'load':>4} |"
    print(head)
    print("|" + "|".join("-" * (len(c)) for c in head.split("|")[1:-1]) + "|")
    for r in results:
        label = LABELS.get(r["row"], r["row"])
        if "seconds" not in r:
            print(f"| {label:<22} | {r.get('error', 'failed'):>10} |")
            continue
        aps = r["docs"] / r["seconds"]
        wps = r["words"] / r["seconds"]
        xb = f"{aps / (base['docs'] / base['seconds']):.2f}" if base else "-"
        xc = f"{aps / (one['docs'] / one['seconds']):.2f}" if one and r["row"] != "bare" else "-"
        peak = max(r["peak_rss"].values()) / 2**20
        cpa = 1000 * r["cpu"] / r["docs"]
        xbc = f"{(base['cpu'] / base['docs']) / (r['cpu'] / r['docs']):.2f}" if base else "-"
        print(f"| {label:<22} | {aps:>10.1f} | {wps:>9,.0f} | {xb:>6} | {xc:>7} | {cpa:>14.1f} | {xbc:>12} | "
              f"{peak:>14.0f} | {r['startup']:>9.1f} | {r['load']:>4.1f} |")
    print("\naims: coder >= 0.85x bare spaCy; processes x2 >= 1.8x coder; peak <= 1024 MB per worker")
    print("CPU ms/article: CPU time of the coding processes per article (the writer's excluded); 'x bare (CPU)'"
          " compares it with bare spaCy and is fair on a busy machine, where wall-clock rates are not. "
          "load: the 1-minute load average at the end of the row.")


if __name__ == "__main__":
    main()
