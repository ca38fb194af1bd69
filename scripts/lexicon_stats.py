#!/usr/bin/env python3
"""Size of the event lexicon (``data/events/patterns/*.yaml``) and the CAMEO codes it covers.

    .venv/bin/python scripts/lexicon_stats.py [--missing] [--json]

Per PLOVER type: pattern lines, verb, noun and adjective head lemmas (adjective predicates ``a:`` and
compound participles ``p:``, e.g. "critical of", "Iran-backed"), and "phrases", the surface forms a pattern
line spells out (head alternatives x particle alternatives x object alternatives x prepositional-object
alternatives), the unit the PETRARCH/TABARI verb dictionaries count in. Then the CAMEO codes of
``data/events/cameo.tsv`` of three and four digits that map to a PLOVER type, and how many have a pattern
of their own (a code counts as covered when some pattern carries exactly that code); and the three-digit
codes covered by a pattern of their own or of one of their sub-codes. ``--missing`` lists the codes with no
pattern; ``--json`` prints the figures as one JSON object. Extra data folders in ``COMMUNIQUE_DATA_DIRS``
count too, as the coder loads them.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter, defaultdict

from communique.events.patterns import PLOVER_TYPES, cameo_table, load_patterns

log = logging.getLogger(__name__)


def _phrases(pat) -> int:
    """How many surface phrases one pattern line spells out."""
    n = len(pat.lemmas) * max(1, len(pat.particle)) * max(1, len(pat.objects))
    for _preps, objs in pat.preps:
        n *= max(1, len(objs))
    return n


def lexicon_figures() -> dict:
    """The lexicon's size per PLOVER type and its CAMEO coverage, as a plain dict."""
    pats = load_patterns().all()
    per_type: dict[str, Counter] = defaultdict(Counter)
    verbs: dict[str, set[str]] = defaultdict(set)
    nouns: dict[str, set[str]] = defaultdict(set)
    adjectives: dict[str, set[str]] = defaultdict(set)
    codes_used: dict[str, int] = Counter()
    for p in pats:
        c = per_type[p.type]
        c["patterns"] += 1
        c["phrases"] += _phrases(p)
        (nouns if p.noun else adjectives if p.adjective or p.participle else verbs)[p.type].update(p.lemmas)
        if p.cameo:
            codes_used[p.cameo] += 1
    table = cameo_table()
    # two-digit codes are the codebook's headings; events are coded with three- and four-digit codes
    codable = {code: e for code, e in table.items() if e.plover and len(code) >= 3}
    covered = sorted(code for code in codable if codes_used.get(code))
    missing = sorted(code for code in codable if not codes_used.get(code))
    three = [code for code in codable if len(code) == 3]
    three_covered = [code for code in three if any(u.startswith(code) for u in codes_used)]
    unknown = sorted(code for code in codes_used if code not in table)
    rows = []
    for t in PLOVER_TYPES:
        c = per_type.get(t, Counter())
        t_codes = [code for code, e in codable.items() if e.plover == t]
        rows.append({
            "type": t, "patterns": c["patterns"], "verbs": len(verbs[t]), "nouns": len(nouns[t]),
            "adjectives": len(adjectives[t]),
            "phrases": c["phrases"], "codes": len(t_codes),
            "covered": sum(1 for code in t_codes if codes_used.get(code)),
        })
    return {
        "types": rows,
        "total": {
            "patterns": sum(r["patterns"] for r in rows), "phrases": sum(r["phrases"] for r in rows),
            "verbs": len(set().union(*verbs.values())) if verbs else 0,
            "nouns": len(set().union(*nouns.values())) if nouns else 0,
            "adjectives": len(set().union(*adjectives.values())) if adjectives else 0,
            "codes": len(codable), "covered": len(covered),
            "three_digit_codes": len(three), "three_digit_covered": len(three_covered),
        },
        "missing": [f"{code} {codable[code].name}" for code in missing],
        "unknown_codes": unknown,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--missing", action="store_true", help="list the CAMEO codes with no pattern")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    a = ap.parse_args(argv)
    fig = lexicon_figures()
    if a.json:
        print(json.dumps(fig, indent=1))
        return 0
    print(f"{'type':<10} {'patterns':>8} {'verbs':>6} {'nouns':>6} {'adj':>5} {'phrases':>8} {'CAMEO codes':>12}")
    for r in fig["types"]:
        print(f"{r['type']:<10} {r['patterns']:>8} {r['verbs']:>6} {r['nouns']:>6} {r['adjectives']:>5} "
              f"{r['phrases']:>8} {r['covered']:>5} of {r['codes']:<4}")
    t = fig["total"]
    print(f"{'total':<10} {t['patterns']:>8} {t['verbs']:>6} {t['nouns']:>6} {t['adjectives']:>5} {t['phrases']:>8} "
          f"{t['covered']:>5} of {t['codes']:<4}")
    print(f"three-digit CAMEO codes with a pattern of their own or of a sub-code: {t['three_digit_covered']} of "
          f"{t['three_digit_codes']}")
    if fig["unknown_codes"]:
        print("codes used by patterns but absent from cameo.tsv: " + ", ".join(fig["unknown_codes"]))
    if a.missing:
        print("CAMEO codes with no pattern:")
        for line in fig["missing"]:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
