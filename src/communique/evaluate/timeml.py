"""TempEval-3 Task A figures for time expressions against TimeML gold (``communique eval timeml DIR``).

Each ``*.tml`` file under the folder is read: the ``<DCT>`` TIMEX3 value is the publication date, the
text of ``<TEXT>`` (tags removed) is coded by the times stage, and each ``<TIMEX3>`` inside it is a gold
expression with its character span, ``type`` and ``value``. The figures, as in TempEval-3:

- strict span P/R/F1: a system expression whose span is the gold one;
- relaxed span P/R/F1: a system expression overlapping a gold one (each matched once, in text order);
- value and type accuracy over the relaxed matches, and value F1 = relaxed F1 × value accuracy (a
  value is right when it is the gold string, or the same once a one-digit ISO week is padded:
  ``2000-W7`` is ``2000-W07``);
- by TIMEX3 type: gold count, recall (relaxed), value accuracy on the matched gold of that type, and
  system count and precision by the type the system gave.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError

__all__ = ["Timex", "TimemlDoc", "evaluate_folder", "read_timeml", "same_value", "score", "split_half",
           "system_timexes"]

log = logging.getLogger(__name__)

TYPES = ("DATE", "TIME", "DURATION", "SET")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimemlDoc:
    name: str
    text: str
    dct: dt.date | None
    gold: list[Timex] = field(default_factory=list)


def read_timeml(path: str | Path) -> TimemlDoc:
    """The text (tags removed), creation date and gold TIMEX3 of one TimeML file."""
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"{path}: not TimeML XML: {exc}") from exc
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            try:
                dct = dt.date.fromisoformat((tx.get("value") or "")[:10])
            except ValueError:
                dct = None
            break
    body = root.find("TEXT")
    if body is None:
        raise InputError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    gold: list[Timex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3":
            text = "".join(parts)[start:pos]
            gold.append(Timex(start, pos, text, el.get("type") or "", el.get("value") or ""))

    walk(body)
    return TimemlDoc(path.stem, "".join(parts), dct, sorted(gold, key=lambda t: t.start))


def system_timexes(nlp: Any, doc: TimemlDoc) -> list[Timex]:
    """The times stage's TIMEX3 for one document (its text coded with the DCT as publication date)."""
    from ..coder import make_doc
    from ..records import Article

    art = Article(text=doc.text, published=doc.dct.isoformat() if doc.dct else None)
    sdoc = nlp(make_doc(nlp, art))
    out = []
    for te in sdoc._.times:
        kind, value = te.timex_type, te.timex_value
        start = te.start
        if not kind:  # a time without TIMEX3 fields: its date read as one, without a leading preposition
            kind, value = _as_timex(te.value, te.granularity)
            head, _, rest = te.text.partition(" ")
            if rest and head.lower() in _PREPOSITIONS:
                start += len(head) + 1
        if not kind:
            continue
        out.append(Timex(start, te.end, doc.text[start:te.end], kind, value or ""))
    return out


_PREPOSITIONS = {"on", "in", "at", "during", "since", "by", "until", "till", "before", "after", "from", "through",
                 "throughout", "over", "for"}


def _as_timex(value: str | None, granularity: str | None) -> tuple[str | None, str | None]:
    if not value:
        return None, None
    if granularity == "decade":
        return "DATE", value[:3]
    return "DATE", value


_WEEK = re.compile(r"-W(\d)(?=$|-|T)")


def same_value(gold: str, system: str) -> bool:
    """Two TIMEX3 values are the same value: equal strings, or equal once a one-digit ISO week is
    padded (AQUAINT writes ``2000-W7`` for ISO 8601's ``2000-W07``: the same week)."""
    return gold == system or _WEEK.sub(r"-W0\1", gold) == _WEEK.sub(r"-W0\1", system)


def _prf(tp: int, n_sys: int, n_gold: int) -> dict[str, float]:
    p = tp / n_sys if n_sys else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def _match(gold: list[Timex], system: list[Timex]) -> list[tuple[Timex, Timex]]:
    """Relaxed one-to-one matches (overlapping spans), the largest overlap first."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            ov = min(g.end, s.end) - max(g.start, s.start)
            if ov > 0:
                pairs.append((-ov, gi, si))
    pairs.sort()
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        out.append((gold[gi], system[si]))
    return out


def score(docs: Iterable[tuple[str, list[Timex], list[Timex]]], *, misses: list[dict] | None = None) -> dict[str, Any]:
    """TempEval-3 Task A figures over ``(name, gold, system)`` triples (see the module docstring)."""
    n_gold = n_sys = strict = relaxed = value_ok = type_ok = 0
    by_type: dict[str, dict[str, int]] = {t: {"gold": 0, "found": 0, "value_ok": 0, "system": 0, "system_ok": 0}
                                          for t in TYPES}
    for name, gold, system in docs:
        n_gold += len(gold)
        n_sys += len(system)
        for g in gold:
            by_type.setdefault(g.type, {"gold": 0, "found": 0, "value_ok": 0, "system": 0, "system_ok": 0})
            by_type[g.type]["gold"] += 1
        for s in system:
            by_type.setdefault(s.type, {"gold": 0, "found": 0, "value_ok": 0, "system": 0, "system_ok": 0})
            by_type[s.type]["system"] += 1
        pairs = _match(gold, system)
        matched_g = {id(g) for g, _ in pairs}
        matched_s = {id(s) for _, s in pairs}
        for g, s in pairs:
            relaxed += 1
            by_type[g.type]["found"] += 1
            by_type[s.type]["system_ok"] += 1
            if (g.start, g.end) == (s.start, s.end):
                strict += 1
            if same_value(g.value, s.value):
                value_ok += 1
                by_type[g.type]["value_ok"] += 1
            if s.type == g.type:
                type_ok += 1
            right = same_value(g.value, s.value)
            if misses is not None and (not right or (g.start, g.end) != (s.start, s.end)):
                misses.append({"doc": name, "kind": "value" if not right else "span", "gold": g.text,
                               "gold_type": g.type, "gold_value": g.value, "system": s.text,
                               "system_type": s.type, "system_value": s.value})
        if misses is not None:
            misses.extend({"doc": name, "kind": "missed", "gold": g.text, "gold_type": g.type, "gold_value": g.value}
                          for g in gold if id(g) not in matched_g)
            misses.extend({"doc": name, "kind": "extra", "system": s.text, "system_type": s.type,
                           "system_value": s.value} for s in system if id(s) not in matched_s)
    rel = _prf(relaxed, n_sys, n_gold)
    value_acc = value_ok / relaxed if relaxed else 0.0
    types = {}
    for t, c in by_type.items():
        types[t] = {"gold": c["gold"], "recall": c["found"] / c["gold"] if c["gold"] else 0.0,
                    "value_accuracy": c["value_ok"] / c["found"] if c["found"] else 0.0,
                    "system": c["system"], "precision": c["system_ok"] / c["system"] if c["system"] else 0.0}
    return {"gold": n_gold, "system": n_sys, "strict": _prf(strict, n_sys, n_gold), "relaxed": rel,
            "value_accuracy": value_acc, "type_accuracy": type_ok / relaxed if relaxed else 0.0,
            "value_f1": rel["f1"] * value_acc, "by_type": types}


def evaluate_folder(folder: str | Path, *, limit: int | None = None, nlp: Any = None,
                    misses: list[dict] | None = None, halves: bool = True,
                    globs: list[str] | None = None, half: str | None = None) -> dict[str, Any]:
    """Code every ``*.tml`` under ``folder`` and score it; with ``halves``, also each sub-folder apart
    (TimeBank and AQUAINT); ``globs`` keeps only the files whose path under ``folder`` matches one
    (``AQUAINT/NYT*``: a fixed split by file name); ``half`` (``first`` or ``second``) keeps that half
    of each sub-folder, its files sorted by name (the first half rounded down)."""
    folder = Path(folder)
    files = sorted(folder.rglob("*.tml")) if folder.is_dir() else [folder]
    if globs and folder.is_dir():
        files = [f for f in files if any(f.relative_to(folder).match(g) for g in globs)]
    if half is not None:
        files = split_half(files, folder, half)
    if not files:
        raise InputError(f"{folder}: no .tml files")
    if limit is not None:
        files = files[:limit]
    if nlp is None:
        from ..nlp import get_nlp

        nlp = get_nlp(("communique_segment", "communique_times"))
    rows: list[tuple[str, str, list[Timex], list[Timex]]] = []
    for f in files:
        doc = read_timeml(f)
        rel = f.relative_to(folder) if folder.is_dir() else Path(f.name)
        group = rel.parts[0] if len(rel.parts) > 1 else ""
        rows.append((group, str(rel), doc.gold, system_timexes(nlp, doc)))
    out = score([(n, g, s) for _, n, g, s in rows], misses=misses)
    out["documents"] = len(rows)
    if halves:
        groups = sorted({g for g, *_ in rows if g})
        if len(groups) > 1:
            out["groups"] = {grp: {**score([(n, g, s) for gg, n, g, s in rows if gg == grp]),
                                   "documents": sum(1 for gg, *_ in rows if gg == grp)} for grp in groups}
    return out


def split_half(files: list[Path], folder: Path, half: str) -> list[Path]:
    """The ``first`` or ``second`` half of each sub-folder's files, sorted by name (a fixed split: tune
    on one half, report the other apart)."""
    if half not in {"first", "second"}:
        raise InputError(f"half must be 'first' or 'second', not {half!r}")
    groups: dict[str, list[Path]] = {}
    for f in files:
        rel = f.relative_to(folder) if folder.is_dir() else Path(f.name)
        groups.setdefault(rel.parts[0] if len(rel.parts) > 1 else "", []).append(f)
    out: list[Path] = []
    for members in groups.values():
        members = sorted(members, key=lambda f: f.name)
        mid = len(members) // 2
        out.extend(members[:mid] if half == "first" else members[mid:])
    return sorted(out)


def format_figures(fig: dict[str, Any], title: str = "all") -> list[str]:
    """Printable lines for one set of figures."""
    s, r = fig["strict"], fig["relaxed"]
    lines = [f"{title}: documents {fig.get('documents', '?')}, gold {fig['gold']}, system {fig['system']}",
             f"  strict span   P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}",
             f"  relaxed span  P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}",
             f"  value accuracy {fig['value_accuracy']:.3f}  type accuracy {fig['type_accuracy']:.3f}  "
             f"value F1 {fig['value_f1']:.3f}"]
    for t, c in fig["by_type"].items():
        lines.append(f"  {t:<9} gold {c['gold']:>5}  recall {c['recall']:.3f}  value acc {c['value_accuracy']:.3f}"
                     f"  | system {c['system']:>5}  precision {c['precision']:.3f}")
    return lines
