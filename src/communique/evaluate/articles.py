"""Score coded articles against hand-coded gold files: ``communique eval articles DIR``.

``DIR/<id>/article.txt`` is the article, ``DIR/<id>/gold.json`` its gold record (the format of the
shared corpus's ``gold-news`` folders and of the seed: events with ``hint``, accepted ``type`` list,
``source`` and ``target`` country lists (``null`` for an actor of no country or an unstated target),
``symmetric``, ``required``, ``negated_if_type``, ``date``, ``location``, ``status``, ``attribution``;
``quotes``; ``actors``; ``dates``). Each article is coded with the published date of its gold file.

Matching, one to one, required gold events first: the event's evidence holds the gold hint (or shares at
least 80% of the words of the shorter of the two), its type is accepted, and its source and target
countries are among the accepted ones (either way round for symmetric events); an event whose gold
says ``negated_if_type`` for its type must be negated. Optional gold events neither reward nor punish.
Event precision, recall and F1 are micro-averaged over the articles.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ConfigError

log = logging.getLogger(__name__)

_PUNCT = {"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"}
_SPELLING = {"defense": "defence", "organization": "organisation"}


class ArticleGoldError(ConfigError):
    code = "article_gold_error"


def _norm(text: str | None) -> str:
    out = unicodedata.normalize("NFKC", text or "")
    for a, b in _PUNCT.items():
        out = out.replace(a, b)
    return re.sub(r"\s+", " ", out).strip().lower()


def _words(text: str | None) -> set[str]:
    return {_SPELLING.get(w, w) for w in re.findall(r"[a-z0-9]+", _norm(text))}


def same_place(hint: str, evidence: str) -> bool:
    """The gold hint sits inside the evidence (or a long evidence inside the hint), or they share at
    least 80% of the words of the shorter."""
    h, e = _norm(hint), _norm(evidence)
    if not h or not e:
        return False
    if h in e or (len(e) > 20 and e in h):
        return True
    hw, ew = _words(h), _words(e)
    return len(hw & ew) >= 0.8 * min(len(hw), len(ew))


def _names_match(gold_name: str, name: str | None) -> bool:
    g = _words(gold_name)
    return bool(g) and g <= _words(name or "")


def _country(side: Any) -> str | None:
    return side.get("country") if isinstance(side, dict) else None


def event_matches(gold: dict, ev: dict) -> bool:
    """One system event (a record's event as a dict) matches one gold event."""
    if ev.get("type") not in gold["type"]:
        return False
    if not same_place(gold["hint"], (ev.get("evidence") or {}).get("text", "")):
        return False
    src, tgt = _country(ev.get("source")), _country(ev.get("target"))
    ok = src in gold["source"] and tgt in gold["target"]
    if not ok and gold.get("symmetric"):
        ok = tgt in gold["source"] and src in gold["target"]
    if ok and gold.get("negated_if_type") == ev.get("type") and not ev.get("negated"):
        return False
    return ok


def _date_ok(gold_date: str, value: dict | None) -> bool:
    if not value or not value.get("start"):
        return False
    start, end = value["start"], value.get("end") or value["start"]
    return start[: len(gold_date)] <= gold_date <= end[: len(gold_date)]


class _EventScores:
    """Event precision, recall and F1 from ``matched``, ``false`` and ``gold_required``."""

    matched: int
    false: int
    gold_required: int

    @property
    def precision(self) -> float:
        return self.matched / (self.matched + self.false) if self.matched + self.false else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold_required if self.gold_required else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class ArticleScore(_EventScores):
    """The figures of one article."""

    id: str
    gold_required: int = 0
    matched: int = 0
    matched_optional: int = 0
    false: int = 0
    quotes: tuple[int, int, int] = (0, 0, 0)  # found, speaker right, required
    actors: tuple[int, int, int] = (0, 0, 0)  # found, attributes right, gold
    times: tuple[int, int] = (0, 0)  # right, gold
    attributes: dict[str, tuple[int, int]] = field(default_factory=dict)  # field -> (right, matched with gold)
    missed: list[str] = field(default_factory=list)
    false_events: list[str] = field(default_factory=list)
    other_misses: list[str] = field(default_factory=list)

    def line(self) -> str:
        q, a, t = self.quotes, self.actors, self.times
        attrs = " ".join(f"{k} {v[0]}/{v[1]}" for k, v in self.attributes.items())
        return (f"{self.id}: events P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f} "
                f"({self.matched}/{self.gold_required}, {self.false} false) | quotes {q[0]}/{q[2]} speakers "
                f"{q[1]}/{q[2]} | actors {a[0]}/{a[2]} attrs {a[1]} | times {t[0]}/{t[1]} | {attrs}")


def score_article(aid: str, gold: dict, record: dict) -> ArticleScore:
    """Score one coded record (an ArticleRecord as a dict) against its gold file."""
    out = ArticleScore(id=aid)
    events = record.get("events") or []
    used: set[int] = set()
    pairs: list[tuple[dict, dict]] = []
    for required in (True, False):
        for g in gold.get("events", []):
            if g.get("required", True) != required:
                continue
            hit = next((i for i, ev in enumerate(events) if i not in used and event_matches(g, ev)), None)
            if hit is not None:
                used.add(hit)
                pairs.append((g, events[hit]))
            elif required:
                out.missed.append(f'{g.get("id", "?")} {"/".join(g["type"])} {g["source"]}->{g["target"]}: '
                                  f'{g["hint"]}')
    out.gold_required = sum(1 for g in gold.get("events", []) if g.get("required", True))
    out.matched = sum(1 for g, _ in pairs if g.get("required", True))
    out.matched_optional = len(pairs) - out.matched
    for i, ev in enumerate(events):
        if i not in used:
            out.false += 1
            text = (ev.get("evidence") or {}).get("text", "")
            out.false_events.append(f'{ev.get("type")} {_country(ev.get("source"))}->{_country(ev.get("target"))}'
                                    f' [{ev.get("rule")}]: {text[:100]}')

    def accuracy(name: str, check: Any) -> None:
        with_gold = [(g, s) for g, s in pairs if name in g]
        out.attributes[name] = (sum(1 for g, s in with_gold if check(g, s)), len(with_gold))

    accuracy("date", lambda g, s: _date_ok(g["date"], s.get("date")))
    accuracy("location", lambda g, s: (s.get("location") or {}).get("country") == g["location"])
    accuracy("status", lambda g, s: s.get("status") == g["status"])
    accuracy("attribution", lambda g, s: any(_names_match(a, x.get("name")) for a in g["attribution"]
                                             for x in (s.get("attribution") or [])))

    quotes = record.get("quotes") or []
    found = right = 0
    req_quotes = [q for q in gold.get("quotes", []) if q.get("required", True)]
    for q in req_quotes:
        cands = [s for s in quotes if same_place(q["text"], s.get("text", ""))]
        if not cands:
            out.other_misses.append(f'{q.get("id", "?")} quote by {q.get("speaker")}: {q["text"][:70]}')
            continue
        gw = _words(q["text"])
        best = max(cands, key=lambda c: len(gw & _words(c.get("text"))) / max(1, len(gw | _words(c.get("text")))))
        found += 1
        spk = (best.get("speaker") or {}).get("name", "")
        via = " ".join(v.get("name", "") for v in best.get("via") or [])
        if (q.get("speaker") is None or _names_match(q["speaker"], spk)) and (
                not q.get("via") or _names_match(q["via"], f"{via} {spk}")):
            right += 1
        else:
            out.other_misses.append(f'{q.get("id", "?")} speaker: want {q.get("speaker")}, got {spk!r}')
    out.quotes = (found, right, len(req_quotes))

    actors = record.get("actors") or []
    a_found = a_right = 0
    for a in gold.get("actors", []):
        names = [a["name"], *a.get("aliases", [])]
        cands = [s for s in actors if any(_names_match(n, s.get("name")) for n in names)]
        if not cands:
            out.other_misses.append(f'actor {a["name"]}')
            continue
        a_found += 1
        s = cands[0]
        role_ok = "role_contains" not in a or a["role_contains"] in _norm(s.get("role"))
        if s.get("country") == a.get("country") and s.get("type") == a.get("type") and role_ok:
            a_right += 1
        else:
            out.other_misses.append(f'actor {a["name"]}: got type={s.get("type")} country={s.get("country")}')
    out.actors = (a_found, a_right, len(gold.get("actors", [])))

    times = record.get("times") or []
    t_ok = 0
    for d in gold.get("dates", []):
        if any(_norm(d["text"]) in _norm(t.get("text")) or _norm(t.get("text")) in _norm(d["text"])
               for t in times if (t.get("value") or "").startswith(d["value"])):
            t_ok += 1
        else:
            out.other_misses.append(f'time {d["text"]} = {d["value"]}')
    out.times = (t_ok, len(gold.get("dates", [])))
    return out


@dataclass
class ArticlesReport(_EventScores):
    """Per-article scores and their micro-average."""

    articles: list[ArticleScore]

    @property
    def matched(self) -> int:
        return sum(a.matched for a in self.articles)

    @property
    def false(self) -> int:
        return sum(a.false for a in self.articles)

    @property
    def gold_required(self) -> int:
        return sum(a.gold_required for a in self.articles)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": [{"id": a.id, "precision": round(a.precision, 3), "recall": round(a.recall, 3),
                          "f1": round(a.f1, 3), "matched": a.matched, "gold_required": a.gold_required,
                          "false": a.false, "quotes": list(a.quotes), "actors": list(a.actors),
                          "times": list(a.times), "attributes": {k: list(v) for k, v in a.attributes.items()}}
                         for a in self.articles],
            "events": {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                       "f1": round(self.f1, 3), "matched": self.matched, "gold_required": self.gold_required,
                       "false": self.false},
        }

    def format(self, *, misses: bool = False) -> str:
        lines = []
        for a in self.articles:
            lines.append(a.line())
            if misses:
                lines.extend(f"   missed {m}" for m in a.missed)
                lines.extend(f"   false  {m}" for m in a.false_events)
        q = [sum(a.quotes[k] for a in self.articles) for k in range(3)]
        ac = [sum(a.actors[k] for a in self.articles) for k in range(3)]
        t = [sum(a.times[k] for a in self.articles) for k in range(2)]
        lines.append(f"quotes {q[0]}/{q[2]} found, speakers {q[1]}/{q[2]} | actors {ac[0]}/{ac[2]} found, "
                     f"attributes {ac[1]}/{ac[2]} | times {t[0]}/{t[1]}")
        lines.append(f"events micro P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f} "
                     f"({self.matched}/{self.gold_required} required found, {self.false} false) over "
                     f"{len(self.articles)} articles")
        return "\n".join(lines)


def read_folder(root: str | Path, *, only: Iterable[str] = (), skip: Iterable[str] = ()) -> list[tuple[str, dict, str]]:
    """(id, gold, article text) of every ``DIR/<id>/gold.json`` with its ``article.txt``, sorted by id."""
    root = Path(root)
    keep, drop = set(only), set(skip)
    out = []
    for gold_path in sorted(root.glob("*/gold.json")):
        aid = gold_path.parent.name
        if (keep and aid not in keep) or aid in drop:
            continue
        text_path = gold_path.parent / "article.txt"
        if not text_path.is_file():
            raise ArticleGoldError(f"{gold_path.parent}: no article.txt next to gold.json")
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise ArticleGoldError(f"{gold_path}: not JSON ({exc})") from exc
        out.append((aid, gold, text_path.read_text(encoding="utf-8")))
    if not out:
        raise ArticleGoldError(f"no <id>/gold.json with article.txt under {root}")
    return out


def evaluate_articles(root: str | Path, *, only: Iterable[str] = (), skip: Iterable[str] = ()) -> ArticlesReport:
    """Code every article of ``root`` (published date from its gold) and score it."""
    from ..coder import code_articles
    from ..ingest import read_text
    from ..records import ArticleRecord

    items = read_folder(root, only=only, skip=skip)
    # the same reading as `communique code IN.jsonl`: one JSON line per article (layout detection included)
    lines = "".join(json.dumps({"id": aid, "text": text, "published": gold.get("published")}, ensure_ascii=False)
                    + "\n" for aid, gold, text in items)
    articles = list(read_text(lines, name="articles.jsonl", fmt="jsonl"))
    scores = []
    for (aid, gold, _text), rec in zip(items, code_articles(articles), strict=True):
        if not isinstance(rec, ArticleRecord):
            log.warning("%s: not coded: %s", aid, getattr(rec, "reason", rec))
            record: dict[str, Any] = {}
        else:
            record = rec.model_dump(mode="json")
        scores.append(score_article(aid, gold, record))
    return ArticlesReport(scores)
