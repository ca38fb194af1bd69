"""Throughput of the actor components against bare spaCy, measured in the same run.

Reads the Guardian articles of ``../shared/corpus/news/guardian`` (a zipped CSV: date, text) and times,
in one process, with the same pinned model and batch size:

    bare        nlp.pipe with the pinned model alone
    actors      the model + communique_segment + communique_actors + communique_coref
    full        the whole configured pipeline (every Communiqué component)

Each configuration is timed ``--rounds`` times, interleaved, and the best round is kept. The machine is
shared, so the ratio is taken on the process's CPU time (``time.process_time``, which other processes'
load does not inflate); wall-clock seconds are printed too. Ratio = bare time / configuration time:
1.00 means as fast as bare spaCy.

    .venv/bin/python benchmarks/actors_throughput.py               # all articles, 3 rounds
    .venv/bin/python benchmarks/actors_throughput.py --limit 60    # a quick run
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import os
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared"))
GUARDIAN = SHARED / "corpus" / "news" / "guardian"


def load_guardian(limit: int | None) -> list[tuple[str, str]]:
    zips = sorted(GUARDIAN.glob("*.zip"))
    if not zips:
        raise SystemExit(f"no Guardian zip under {GUARDIAN}")
    rows: list[tuple[str, str]] = []
    csv.field_size_limit(10_000_000)
    with zipfile.ZipFile(zips[0]) as zf:
        for name in zf.namelist():
            if not name.endswith(".csv") or name.startswith("__MACOSX"):
                continue
            with zf.open(name) as fh:
                for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
                    text = (row.get("text") or "").strip()
                    if text:
                        rows.append(((row.get("date") or "")[:10], text))
    return rows[:limit] if limit else rows


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="number of articles (default: all)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=16)
    a = ap.parse_args(argv)

    from communique.coder import make_doc
    from communique.nlp import add_components, load_model
    from communique.records import Article

    rows = load_guardian(a.limit)
    arts = []
    for date, text in rows:
        try:
            pub = dt.date.fromisoformat(date).isoformat()
        except ValueError:
            pub = None
        arts.append(Article(text=text, published=pub))
    chars = sum(len(x.text) for x in arts)

    bare = load_model()
    actors = add_components(load_model(), ["communique_segment", "communique_actors", "communique_coref"])
    from communique.config import get_settings

    full = add_components(load_model(), get_settings().pipeline)
    configs = {"bare": bare, "actors": actors, "full": full}
    best = {k: float("inf") for k in configs}
    wall = {k: float("inf") for k in configs}
    found = {}
    for _ in range(a.rounds):
        for name, nlp in configs.items():
            docs = [make_doc(nlp, x) for x in arts]
            t0, c0 = time.perf_counter(), time.process_time()
            out = list(nlp.pipe(docs, batch_size=a.batch_size))
            best[name] = min(best[name], time.process_time() - c0)
            wall[name] = min(wall[name], time.perf_counter() - t0)
            if name != "bare":
                found[name] = sum(len(d._.actors or []) for d in out)
    print(f"{len(arts)} Guardian articles, {chars:,} characters, batch {a.batch_size}, best of {a.rounds} rounds")
    print(f"{'pipeline':<10}{'cpu s':>9}{'docs/cpu s':>12}{'ratio':>8}{'wall s':>9}{'wall ratio':>12}{'actors':>9}")
    for name in configs:
        sec = best[name]
        print(f"{name:<10}{sec:9.2f}{len(arts) / sec:12.1f}{best['bare'] / sec:8.2f}{wall[name]:9.2f}"
              f"{wall['bare'] / wall[name]:12.2f}{found.get(name, 0):9d}")


if __name__ == "__main__":
    main(sys.argv[1:])
