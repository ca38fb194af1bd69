#!/usr/bin/env python3
"""Which condition keeps the lexicon's patterns from firing, on heads in sentences that get no event.

    .venv/bin/python scripts/condition_failures.py FILE.txt [FILE.txt ...] [--top N] [--show]

Codes the files with the real pipeline. For every lexicon head (a word with patterns) where no pattern's
conditions hold, in a sentence that gets no event at all, it names the first failing condition of each
pattern (``events.match.failed_condition``: particle, object, complement, requires_dep, forbids_dep,
excluded, prep, modifier) and prints: the counts per condition; the most frequent near misses (head lemma,
failing condition, what the sentence has instead: an object or a phrase the patterns do not list, a modifier
or complement missing), e.g. ``cut object:revenue`` (a light verb whose object is
not listed) or ``clear prep:of=group``; with ``--show`` each head and its sentence. The rows are where new
objects, particles or prepositional variants are worth writing, as a class with test sentences of your
own (``tests/events/lexicon/``), never for one sentence.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
from collections import Counter

import communique.events.coder as coder
from communique.coder import code_articles
from communique.events import match
from communique.events.syntax import direct_object, prep_objects
from communique.ingest import read_text

log = logging.getLogger(__name__)


def _detail(tok, pat, dobj, cond: str) -> str:
    """What the head has where the pattern wanted something else."""
    if cond == "object":
        return f"object:{dobj.lemma_.lower() if dobj is not None else '-'}"
    if cond == "prep":
        got = [f"{p}={g.lemma_.lower()}" for preps, _objs in pat.preps for p in sorted(preps)
               for h in (tok, dobj) if h is not None for g in prep_objects(h, p)]
        return "prep:" + (",".join(got) if got else "missing " + "/".join("|".join(sorted(p)) for p, _ in pat.preps))
    if cond == "particle":
        return "particle:" + "|".join(sorted(pat.particle))
    if cond == "complement":
        return "complement:" + ",".join(c.lemma_ for c in tok.children if c.dep_ in {"xcomp", "ccomp", "advcl"})
    return cond


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--show", action="store_true")
    args = ap.parse_args(argv)

    failing: list[tuple] = []  # (tok, [(pattern, condition, detail)])
    original = coder._candidate

    def candidate(doc, tok, pats, lex, state):
        cand = original(doc, tok, pats, lex, state)
        if cand is None:
            dobj = direct_object(tok)
            fails = [(p, match.failed_condition(tok, p, dobj)) for p in pats]
            if all(c is not None for _p, c in fails):
                failing.append((tok, [(p, c, _detail(tok, p, dobj, c)) for p, c in fails]))
        return cand

    coder._candidate = candidate
    try:
        texts = [open(f, encoding="utf-8").read() for f in args.files]
        lines = "".join(json.dumps({"id": os.path.basename(f), "text": t}) + "\n" for f, t in zip(args.files, texts, strict=True))
        records = list(code_articles(list(read_text(lines, name="files.jsonl", fmt="jsonl"))))
    finally:
        coder._candidate = original
    with_event = {(e.evidence.text or "").strip() for r in records for e in r.events if e.evidence is not None}
    per_condition: Counter = Counter()
    rows: Counter = Counter()
    for tok, fails in failing:
        sent = tok.sent.text.strip()
        if sent in with_event or not any(sent in t for t in texts):  # the pipeline's own warm-up text
            continue
        for _p, cond, _d in fails:
            per_condition[cond] += 1
        # near misses: the head has an object or a phrase, just not one a pattern lists
        near = {d for _p, c, d in fails if (c == "object" and d != "object:-") or (c == "prep" and "missing" not in d)
                or c in {"modifier", "complement", "excluded"}}
        for d in near:
            rows[(tok.lemma_.lower(), d)] += 1
        if args.show:
            print(f"-- {tok.text} ({tok.dep_}) | {tok.sent.text.strip()[:200]}")
            for p, _c, d in fails[:6]:
                print(f"      {p.rule}  {d}")
    print("failing conditions (per pattern):", dict(per_condition.most_common()))
    for (lemma, d), n in rows.most_common(args.top):
        print(f"{n:5d}  {lemma:15s} {d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
