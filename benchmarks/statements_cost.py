"""Cost of the statements stage (statement acts) and of tone, against bare spaCy, measured in the same run.

Reads the Guardian articles of ``../shared/corpus/news/guardian`` and times, in one process, with the same
pinned model:

    bare        nlp.pipe with the pinned model alone (the baseline)
    acts        the statements component alone, on docs the rest of the pipeline has already coded
    tone        tone of the article, its quotes and its events (``statements.tone.apply_tone``)

Each is timed ``--rounds`` times and the best round is kept, on process CPU time (the machine is shared).
The printed shares are component time / bare spaCy time.

    .venv/bin/python benchmarks/statements_cost.py --limit 60
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actors_throughput import load_guardian


def best(fn, rounds: int) -> float:
    runs = []
    for _ in range(rounds):
        t0 = time.process_time()
        fn()
        runs.append(time.process_time() - t0)
    return min(runs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    from communique.coder import make_doc, record_from_doc
    from communique.nlp import get_nlp, load_model
    from communique.records import Article
    from communique.statements import statements_component
    from communique.statements.tone import apply_tone

    rows = load_guardian(args.limit)
    texts = [t for _, t in rows]
    nlp = get_nlp()
    docs = list(nlp.pipe([make_doc(nlp, Article(text=t, published=d or None)) for d, t in rows],
                         disable=["communique_statements"]))
    kept = [list(d._.events) for d in docs]

    def acts() -> None:
        for d, evs in zip(docs, kept, strict=True):
            d._.events = list(evs)
            statements_component(d)

    acts()
    records = [record_from_doc(d) for d in docs]
    t_acts = best(acts, args.rounds)
    from communique.statements.tone import tone_score

    def tone() -> None:
        tone_score.cache_clear()  # each round starts cold, as a new process would
        for r in records:
            apply_tone(r)

    t_tone = best(tone, args.rounds)
    bare = load_model()
    t_bare = best(lambda: list(bare.pipe(texts)), 1)
    chars = sum(len(t) for t in texts)
    print(f"{len(texts)} articles, {chars:,} characters")
    print(f"bare spaCy {t_bare:.2f}s CPU")
    print(f"statement acts {t_acts:.3f}s CPU, share of bare {t_acts / t_bare:.3f}")
    print(f"tone {t_tone:.3f}s CPU, share of bare {t_tone / t_bare:.3f} ({1000 * t_tone / len(texts):.1f} ms an article)")


if __name__ == "__main__":
    main()
