"""Scoring the event coder on PLOVER gold-standard records (one sentence each).

Gold types of PLOVER 0.5 are mapped to the current 16 (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE ->
ACCUSE, FIGHT -> ASSAULT). Two measures, in total and per type:

* type accuracy: the first event the coder finds in the sentence has the gold type (a sentence with no
  event counts as wrong); coverage is the share of sentences with at least one event;
* full match: a system event matches a gold record when its type is the gold type, its source country
  is one of the gold source codes and its target country one of the gold target codes (no target when
  the gold has none; either way round when the gold lists the actors as joint sources). Each gold record
  matches at most one event; unmatched events are false positives.

Conventions (``conventions``, on by default): each event is scored as PLOVER codes it
(``communique.plover.plover_events``, rules in ``data/plover/conventions.yaml``): the record keeps an act
with its own type and a status ("will visit": CONSULT, planned), where PLOVER's gold codes the intent
(AGREE, CAMEO 036); a report of another side's act is no accusation in PLOVER, and a sentence
gives one event per (type, source, target). ``conventions=False`` scores the types as coded.

Held-out split (``part``): the gold files list their records by type, so the records are split by
position, every other one: ``dev`` is the first, third, fifth ... record (read its misses while writing
rules), ``held-out`` the second, fourth, ... (report its figures only). Both halves hold every type in
about the same proportion.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..coder import code_article
from ..errors import InputError
from ..plover import plover_events
from ..records import Article, EventMention

log = logging.getLogger(__name__)

TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
#: non-ISO country codes found in older gold records, read as their ISO 3166-1 alpha-3 code
CODE_ALIASES = {"JAP": "JPN", "VTN": "VNM"}
#: the parts ``evaluate_plover`` can score: every record, or one of the two interleaved halves
PARTS = ("all", "dev", "held-out")


class UnknownPart(InputError):
    code = "unknown_plover_part"


@dataclass
class GoldRecord:
    id: str
    text: str
    type: str
    sources: list[str]
    targets: list[str]
    joint: bool


@dataclass
class TypeScore:
    gold: int = 0
    tp: int = 0
    fp: int = 0
    type_ok: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class PloverReport:
    records: int = 0
    covered: int = 0
    per_type: dict[str, TypeScore] = field(default_factory=dict)
    confusion: Counter = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    #: for each miss: the gold sentence and the rule ids of the events the coder found in it
    miss_details: list[tuple[str, list[str]]] = field(default_factory=list)

    def total(self) -> TypeScore:
        t = TypeScore()
        for s in self.per_type.values():
            t.gold += s.gold
            t.tp += s.tp
            t.fp += s.fp
            t.type_ok += s.type_ok
        return t

    def to_dict(self) -> dict[str, Any]:
        def row(s: TypeScore) -> dict[str, Any]:
            p, r, f = s.prf()
            return {"gold": s.gold, "type_accuracy": round(s.type_ok / s.gold, 3) if s.gold else None,
                    "tp": s.tp, "fp": s.fp, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}

        return {
            "records": self.records,
            "coverage": round(self.covered / self.records, 3) if self.records else 0.0,
            "total": row(self.total()),
            "per_type": {k: row(v) for k, v in sorted(self.per_type.items())},
            "confusion": {f"{g}->{s}": n for (g, s), n in self.confusion.most_common()},
        }


def _codes(side: Any) -> list[str]:
    if not side or not isinstance(side, list):
        return []
    codes = [str(a.get("code") or "").upper() for a in side if isinstance(a, dict) and a.get("code")]
    return [CODE_ALIASES.get(c, c) for c in codes]


def read_gold(path: str | Path) -> list[GoldRecord]:
    """Gold records of a PLOVER GSR JSON file (a list of records; DOCUMENT headers are skipped)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(f"cannot read PLOVER gold file {path}: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("records") or data.get("data") or []
    out = []
    for rec in data:
        ev = str(rec.get("event", "")).upper()
        if not ev or ev == "DOCUMENT" or not rec.get("text"):
            continue
        sources, targets = _codes(rec.get("source")), _codes(rec.get("target"))
        out.append(GoldRecord(id=str(rec.get("id", "")), text=rec["text"], type=TYPE_MAP.get(ev, ev),
                              sources=sources, targets=targets, joint=not targets and len(sources) > 1))
    return out


def _country(side: Any) -> str | None:
    return (side.country or None) if side is not None else None


def split_part(gold: list[GoldRecord], part: str = "all") -> list[GoldRecord]:
    """The records of one part: ``all``, ``dev`` (records 1, 3, 5, ...) or ``held-out`` (2, 4, 6, ...)."""
    if part not in PARTS:
        raise UnknownPart(f"unknown part {part!r}: expected one of {', '.join(PARTS)}")
    if part == "all":
        return list(gold)
    return gold[0 if part == "dev" else 1::2]


def event_matches(g: GoldRecord, e: EventMention) -> bool:
    if e.type != g.type:
        return False
    src, tgt = _country(e.source), _country(e.target)
    if g.joint:
        return src in g.sources and (tgt is None or tgt in g.sources)
    ok = src in g.sources and (tgt in g.targets if g.targets else tgt is None)
    return ok


def evaluate_plover(path: str | Path, *, nlp: Language | None = None, limit: int | None = None,
                    part: str = "all", conventions: bool = True) -> PloverReport:
    """Code each gold sentence of ``part`` (``all``, ``dev`` or ``held-out``) and score it (see the module
    docstring); ``limit`` keeps the first N records of the part; ``conventions`` scores each event as
    PLOVER codes it (``plover_events``), else as coded."""
    gold = split_part(read_gold(path), part)
    if limit is not None:
        gold = gold[:limit]
    rep = PloverReport()
    for g in gold:
        rec = code_article(Article(text=g.text, published="2000-01-01", date_basis="given"), nlp=nlp)
        rep.records += 1
        score = rep.per_type.setdefault(g.type, TypeScore())
        score.gold += 1
        events = plover_events(rec.events) if conventions else rec.events
        if events:
            rep.covered += 1
            first = events[0].type
            rep.confusion[(g.type, first)] += 1
            if first == g.type:
                score.type_ok += 1
        else:
            rep.confusion[(g.type, "-")] += 1
        hit = next((e for e in events if event_matches(g, e)), None)
        if hit is not None:
            score.tp += 1
        else:
            rep.miss_details.append((g.text, [e.rule or "" for e in events]))
            rep.misses.append(f"{g.id} {g.type} {g.sources}->{g.targets}: got "
                              + (", ".join(f"{e.type} {_country(e.source)}->{_country(e.target)}" for e in events)
                                 or "nothing"))
        for e in events:
            if e is hit:
                continue
            rep.per_type.setdefault(e.type, TypeScore()).fp += 1
    return rep


def format_report(rep: PloverReport) -> str:
    d = rep.to_dict()
    lines = [f"PLOVER records: {d['records']}   coverage (sentences with an event): {d['coverage']:.2f}",
             f"{'type':<11}{'gold':>5}{'type-acc':>10}{'tp':>5}{'fp':>5}{'P':>7}{'R':>7}{'F1':>7}"]

    def fmt(name: str, r: dict[str, Any]) -> str:
        acc = f"{r['type_accuracy']:.2f}" if r["type_accuracy"] is not None else "-"
        return (f"{name:<11}{r['gold']:>5}{acc:>10}{r['tp']:>5}{r['fp']:>5}"
                f"{r['precision']:>7.2f}{r['recall']:>7.2f}{r['f1']:>7.2f}")

    for name, r in d["per_type"].items():
        lines.append(fmt(name, r))
    lines.append(fmt("TOTAL", d["total"]))
    return "\n".join(lines)
