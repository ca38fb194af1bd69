"""Cost of the places recogniser against the spaCy parse, measured in one run.

Parses the Guardian articles of ``../shared/corpus/news/guardian`` once with the pinned model alone,
then times on the same parsed documents:

    spaCy parse         nlp.pipe with the model alone (the baseline every ratio is against)
    geoparse, NER only  communique.places.geoparse without the widen, match and context steps
    geoparse, full      geoparse with every step (what the places component runs)
    each step alone     full minus one step, to show what that step costs

and prints each as seconds and as a ratio to the spaCy parse, with toponyms found per article.

    .venv/bin/python benchmarks/places_bench.py              # 249 articles
    .venv/bin/python benchmarks/places_bench.py --limit 100
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import load_guardian


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=249)
    ap.add_argument("--repeat", type=int, default=2, help="geoparse passes over the documents (best kept)")
    args = ap.parse_args()

    from communique.nlp import get_nlp
    from communique.places import STEPS, geoparse
    from communique.places.gazetteer import gazetteer

    rows = load_guardian(docs=args.limit, limit=args.limit)
    texts = [t for _, t in rows]
    nlp = get_nlp(())
    gaz = gazetteer()
    geoparse(nlp("Warm-up in Nairobi, Kenya."), gaz=gaz)  # loads the gazetteer and its prefixes
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=16))
    parse = time.perf_counter() - t0

    def run(skip: frozenset[str]) -> tuple[float, float]:
        best, found = float("inf"), 0
        for _ in range(args.repeat):
            t = time.perf_counter()
            found = sum(len(geoparse(d, gaz=gaz, skip=skip)) for d in docs)
            best = min(best, time.perf_counter() - t)
        return best, found / len(docs)

    variants = [("geoparse, NER only", frozenset(STEPS)), ("geoparse, full", frozenset())]
    variants += [(f"full without {s}", frozenset({s})) for s in STEPS]
    print(f"{len(docs)} Guardian articles, {sum(len(t) for t in texts) / 1e6:.2f} M characters")
    print(f"{'':24s} {'seconds':>8s} {'x parse':>8s} {'toponyms/article':>17s}")
    print(f"{'spaCy parse (baseline)':24s} {parse:8.2f} {1.0:8.3f}")
    for label, skip in variants:
        secs, per = run(skip)
        print(f"{label:24s} {secs:8.2f} {secs / parse:8.3f} {per:17.1f}")


if __name__ == "__main__":
    main()
