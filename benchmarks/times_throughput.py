"""What the times stage costs against bare spaCy, measured in the same run.

Reads the TimeML news of ``../shared/corpus/times/tbaq`` (their texts and creation dates) and times, in
one process, with the same pinned model:

    bare        the pinned model alone (make_doc + nlp)
    times       the model + communique_segment + communique_times

Each configuration is timed ``--rounds`` times, interleaved, and the best round is kept, on the process's
CPU time (``time.process_time``: other processes' load on the shared machine does not inflate it).
Ratio = bare time / configuration time (1.00: as fast as bare spaCy). The times component is also timed
alone on the parsed documents (microseconds per token).

    .venv/bin/python benchmarks/times_throughput.py               # all 256 documents, 3 rounds
    .venv/bin/python benchmarks/times_throughput.py --limit 60    # a quick run
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared"))
TBAQ = SHARED / "corpus" / "times" / "tbaq"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=None, help="first N documents")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()

    from communique.coder import make_doc
    from communique.evaluate.timeml import read_timeml
    from communique.nlp import add_components, load_model
    from communique.records import Article

    files = sorted(TBAQ.rglob("*.tml"))[: args.limit]
    if not files:
        raise SystemExit(f"no .tml files under {TBAQ}")
    docs = [read_timeml(f) for f in files]
    arts = [Article(text=d.text, published=d.dct.isoformat() if d.dct else None) for d in docs]
    bare = load_model()
    times = add_components(load_model(), ["communique_segment", "communique_times"])
    for nlp in (bare, times):  # warm up
        nlp(make_doc(nlp, arts[0]))

    best = {"bare": float("inf"), "times": float("inf")}
    wall = {"bare": 0.0, "times": 0.0}
    for _ in range(args.rounds):
        for name, nlp in (("bare", bare), ("times", times)):
            c0, w0 = time.process_time(), time.perf_counter()
            for a in arts:
                nlp(make_doc(nlp, a))
            c, w = time.process_time() - c0, time.perf_counter() - w0
            if c < best[name]:
                best[name], wall[name] = c, w
    parsed = [times(make_doc(times, a)) for a in arts]
    tokens = sum(len(d) for d in parsed)
    comp = times.get_pipe("communique_times")
    alone = float("inf")
    for _ in range(args.rounds):
        c0 = time.process_time()
        for d in parsed:
            d._.times.clear()
            comp(d)
        alone = min(alone, time.process_time() - c0)
    print(f"{len(arts)} documents, {tokens} tokens, best of {args.rounds} rounds (CPU s; wall s)")
    for name in ("bare", "times"):
        print(f"  {name:<6} {best[name]:7.2f} s ({wall[name]:.2f})  ratio {best['bare'] / best[name]:.2f}")
    print(f"  times component alone {alone:.3f} s = {1e6 * alone / tokens:.1f} µs/token "
          f"({alone / best['bare']:.1%} of bare spaCy)")


if __name__ == "__main__":
    main()
