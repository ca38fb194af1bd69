"""Where the coder spends its time, on Guardian articles (``../shared/corpus/news/guardian``).

Prints three tables:

1. time per pipeline component (spaCy's own and Communiqué's), plus building the record and shipping it
   between processes (JSON and pickle), as a share of the total;
2. the hottest functions by self time under a sampling profile (pyinstrument), as ``file:function``;
3. the same self time summed per Communiqué module (``communique/places/...``) and for spaCy/thinc.

    .venv/bin/python benchmarks/profile_coder.py                 # 120 articles
    .venv/bin/python benchmarks/profile_coder.py --limit 40 --top 30
    .venv/bin/python benchmarks/profile_coder.py --html /tmp/profile.html   # pyinstrument's HTML view
"""

from __future__ import annotations

import argparse
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import _articles, load_guardian


def component_times(nlp, articles, *, batch_size: int) -> list[tuple[str, float]]:
    """CPU seconds per component (``time.process_time``: fair on a busy machine), running the pipeline
    component by component over the same batches."""
    clock = time.process_time
    from communique.coder import make_doc, record_from_doc

    times: dict[str, float] = defaultdict(float)
    for i in range(0, len(articles), batch_size):
        batch = articles[i:i + batch_size]
        t = clock()
        docs = [make_doc(nlp, a) for a in batch]
        times["make_doc (tokenizer + masking)"] += clock() - t
        for name, proc in nlp.pipeline:
            t = clock()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(d) for d in docs]
            times[name] += clock() - t
        t = clock()
        records = [record_from_doc(d) for d in docs]
        times["record_from_doc"] += clock() - t
        t = clock()
        for r in records:
            r.to_json()
        times["record.to_json (Parquet parts)"] += clock() - t
        t = clock()
        pickle.loads(pickle.dumps(records, protocol=pickle.HIGHEST_PROTOCOL))
        times["pickle round trip (to the writer)"] += clock() - t
    return list(times.items())


def hot_functions(session, *, top: int) -> tuple[list[tuple[str, float]], list[tuple[str, float]], float]:
    """(file:function, self seconds) and (module group, self seconds) from a pyinstrument session."""
    by_func: dict[str, float] = defaultdict(float)
    by_group: dict[str, float] = defaultdict(float)
    total = 0.0

    def group_of(path: str) -> str:
        p = path.replace("\\", "/")
        if "/communique/" in p:
            rest = p.split("/communique/", 1)[1]
            parts = rest.split("/")
            return "communique/" + (parts[0] if len(parts) > 1 else rest)
        for lib in ("spacy", "thinc", "pydantic", "numpy", "duckdb", "yaml", "re", "json"):
            if f"/{lib}/" in p or p.startswith(f"{lib}/") or p.endswith(f"/{lib}.py"):
                return lib
        if p.startswith("<built-in>"):
            return "built-in (C calls from any of the above)"
        return "other"

    def walk(frame) -> None:
        nonlocal total
        for child in frame.children:
            walk(child)
        if frame.is_synthetic or (frame.file_path_short or "").startswith("<thread"):
            return  # "[self]" leaves repeat their parent's self time; thread roots hold no code
        own = frame.total_self_time
        if own <= 0:
            return
        path = frame.file_path_short or frame.file_path or "?"
        by_func[f"{path}:{frame.function}"] += own
        by_group[group_of(frame.file_path or path)] += own
        total += own

    root = session.root_frame()
    if root is not None:
        walk(root)
    funcs = sorted(by_func.items(), key=lambda kv: -kv[1])[:top]
    groups = sorted(by_group.items(), key=lambda kv: -kv[1])
    return funcs, groups, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=120, help="articles to code")
    ap.add_argument("--top", type=int, default=25, help="functions to list")
    ap.add_argument("--batch-size", type=int, default=None)
    ap.add_argument("--html", default=None, help="also write pyinstrument's HTML report here")
    args = ap.parse_args()

    from pyinstrument import Profiler

    from communique.coder import code_articles
    from communique.config import get_settings
    from communique.nlp import get_nlp

    batch_size = args.batch_size or get_settings().batch_size
    nlp = get_nlp()
    articles = _articles(load_guardian(docs=0, limit=args.limit))
    words = sum(len(a.text.split()) for a in articles)
    list(code_articles(articles[:4], nlp=nlp, batch_size=batch_size))  # warm caches (knowledge files, lookups)

    comp = component_times(nlp, articles, batch_size=batch_size)
    total = sum(t for name, t in comp if not name.startswith(("record.to_json", "pickle")))
    print(f"\n{len(articles)} Guardian articles, {words:,} words, batch {batch_size}: "
          f"{len(articles) / total:.1f} articles per CPU second, component by component")
    print(f"| {'step':<36} | {'CPU s':>8} | {'share':>6} |")
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 8}|")
    for name, t in comp:
        print(f"| {name:<36} | {t:>8.2f} | {100 * t / total:>5.1f}% |")

    profiler = Profiler(interval=0.001)
    profiler.start()
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(1 for _ in code_articles(articles, nlp=nlp, batch_size=batch_size))
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    profiler.stop()
    assert n == len(articles)
    funcs, groups, sampled = hot_functions(profiler.last_session, top=args.top)
    print(f"\ncode_articles under pyinstrument: {elapsed:.1f} s wall, {cpu:.1f} s CPU "
          f"({n / elapsed:.1f} articles/s with the profiler on); shares are of sampled wall time")
    print(f"| {'self time by function':<80} | {'seconds':>8} | {'share':>6} |")
    print(f"|{'-' * 82}|{'-' * 10}|{'-' * 8}|")
    for name, t in funcs:
        print(f"| {name[-80:]:<80} | {t:>8.2f} | {100 * t / sampled:>5.1f}% |")
    print(f"\n| {'self time by module':<36} | {'seconds':>8} | {'share':>6} |")
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 8}|")
    for name, t in groups:
        print(f"| {name:<36} | {t:>8.2f} | {100 * t / sampled:>5.1f}% |")
    if args.html:
        Path(args.html).write_text(profiler.output_html(), encoding="utf-8")
        print(f"\nHTML report: {args.html}")


if __name__ == "__main__":
    main()
