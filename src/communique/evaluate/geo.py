"""Geoparsing scores on the Gritta corpora formats (``communique eval geo FILE.xml``).

Reads LGL/TR-News (``<toponym>`` with ``<phrase>``, ``<start>``, ``<end>``, ``<gaztag geonameid>`` and
``<lat>``/``<lon>``) and GeoVirus (``<location>`` with ``<name>``, ``<start>``, ``<end>``, ``<lat>``,
``<lon>``). Figures:

* span recall / precision: gold toponyms whose exact character span the system found (and the share of
  system toponyms that are gold); ``overlap`` counts any overlap;
* end to end, over gold toponyms the system found: exact GeoNames id (where gold has one), correct
  country, and distance to the gold point within 161 km (100 miles);
* resolution alone: the same three when the resolver is given the gold spans.

The gold country is the one the gold names (LGL/TR-News); for GeoVirus, which has only points, it is
the country of the nearest gazetteer place to the gold point (within 100 km; else that toponym is left
out of the country figure), except for continents, seas and world regions (by their gold page), which
have none.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

__all__ = ["GoldDoc", "GoldToponym", "evaluate", "haversine_km", "read_gold"]


@dataclass
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonameid: int | None = None
    country: str | None = None  # ISO3
    infer_country: bool = False  # GeoVirus: no country in the gold, take the nearest place's


@dataclass
class GoldDoc:
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)


def _float(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def _align(text: str, start: int, end: int, phrase: str | None) -> tuple[int, int]:
    """Gold offsets corrected to the nearest occurrence of the gold phrase (some gold files are off
    by a few characters)."""
    phrase = (phrase or "").strip()
    if not phrase or text[start:end] == phrase:
        return start, end
    best = None
    i = text.find(phrase)
    while i != -1:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(phrase, i + 1)
    if best is None or abs(best - start) > 200:
        return start, end
    return best, best + len(phrase)


def read_gold(path: Path) -> list[GoldDoc]:
    """Articles and gold toponyms of a Gritta-format corpus."""
    from ..places.gazetteer import fold, gazetteer

    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    gaz = gazetteer()
    by_name = {fold(gaz.entry(i).name): iso for iso, i in gaz.by_iso3.items()}
    continents = {fold(r[1]) for r in gaz.rows if r[2] in {"continent", "area"} and not r[3]}
    docs: list[GoldDoc] = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        doc = GoldDoc(text)
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None:
                continue
            start, end = _align(text, int(t.findtext("start") or 0), int(t.findtext("end") or 0),
                                t.findtext("phrase"))
            gid = g.get("geonameid")
            cname = g.findtext("country")
            doc.toponyms.append(GoldToponym(start, end, text[start:end], _float(g.findtext("lat")),
                                            _float(g.findtext("lon")), int(gid) if gid and gid.isdigit() else None,
                                            by_name.get(fold(cname)) if cname else None))
        for loc in art.iter("location"):
            start, end = _align(text, int(loc.findtext("start") or 0), int(loc.findtext("end") or 0),
                                loc.findtext("name"))
            # a continent, sea or world region (by its gold page) has no country
            page = (loc.findtext("page") or "").rstrip("/").rsplit("/", 1)[-1].replace("_", " ")
            doc.toponyms.append(GoldToponym(start, end, text[start:end], _float(loc.findtext("lat")),
                                            _float(loc.findtext("lon")), infer_country=fold(page) not in continents))
        docs.append(doc)
    return docs


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


class _Nearest:
    """Country of the nearest gazetteer place to a point (a coarse grid over cities and countries)."""

    def __init__(self) -> None:
        from ..places.gazetteer import gazetteer

        self.grid: dict[tuple[int, int], list[tuple[float, float, str]]] = {}
        for r in gazetteer().rows:
            if r[3] and r[4] is not None and r[5] is not None and r[2] == "city":
                self.grid.setdefault((int(r[4] // 1), int(r[5] // 1)), []).append((r[4], r[5], r[3]))

    def country(self, lat: float, lon: float, *, max_km: float = 100.0) -> str | None:
        best, best_d = None, max_km
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                for la, lo, iso in self.grid.get((int(lat // 1) + dy, int(lon // 1) + dx), []):
                    d = haversine_km(lat, lon, la, lo)
                    if d < best_d:
                        best, best_d = iso, d
        return best


def evaluate(docs: list[GoldDoc], *, demonyms: bool = True, batch_size: int = 8,
             misses: list[dict] | None = None, spans: list[dict] | None = None, first_doc: int = 0,
             skip: frozenset[str] = frozenset(), found_errors: list[dict] | None = None) -> dict:
    """Score the geoparser on gold documents (see the module docstring for the figures). With a
    ``misses`` list, each gold-span resolution that is wrong (country or distance) is appended to it
    (see :func:`_miss`); with a ``spans`` list, each recognition error: a gold toponym not found
    exactly (``missed``, with the system span that overlaps it if any) and a system toponym that is
    no gold one (``spurious``), with the sentence around it. ``first_doc`` numbers the documents;
    ``skip`` leaves recognition steps out (``places.STEPS``); with a ``found_errors`` list, each gold
    toponym found (exactly or by overlap) whose end-to-end reading has the wrong GeoNames id or lies
    more than 161 km away (see :func:`_found_error`)."""
    from ..nlp import get_nlp
    from ..places.gazetteer import gazetteer
    from ..places.geoparse import geoparse
    from ..places.resolve import resolve_all

    gaz = gazetteer()
    nlp = get_nlp(())
    nearest: _Nearest | None = None
    if any(t.infer_country for d in docs for t in d.toponyms):
        nearest = _Nearest()
    counts = {k: 0 for k in ("gold", "system", "exact", "overlap", "e2e_gid_n", "e2e_gid", "e2e_country_n",
                             "e2e_country", "e2e_dist_n", "e2e_161", "res_gid_n", "res_gid", "res_country_n",
                             "res_country", "res_dist_n", "res_161", "res_found")}
    texts = (d.text for d in docs)
    for n_doc, (gold, doc) in enumerate(zip(docs, nlp.pipe(texts, batch_size=batch_size), strict=True),
                                        start=first_doc):
        for t in gold.toponyms:
            if t.infer_country and t.country is None and t.lat is not None and nearest is not None:
                t.country = nearest.country(t.lat, t.lon)
        system = geoparse(doc, demonyms=demonyms, gaz=gaz, skip=skip)
        counts["gold"] += len(gold.toponyms)
        counts["system"] += len(system)
        sys_exact = {(s.start_char, s.end_char): s for s in system}
        if spans is not None:
            _span_errors(spans, n_doc, gold, system)
        for t in gold.toponyms:
            s = sys_exact.get((t.start, t.end))
            if s is None:
                s = next((x for x in system if x.start_char < t.end and t.start < x.end_char), None)
                if s is not None:
                    counts["overlap"] += 1
                _score_one(counts, "e2e", t, s.entry if s else None, found=s is not None)
                if s is not None and found_errors is not None:
                    _found_error(found_errors, n_doc, t, s)
                continue
            counts["exact"] += 1
            counts["overlap"] += 1
            _score_one(counts, "e2e", t, s.entry, found=True)
            if found_errors is not None:
                _found_error(found_errors, n_doc, t, s)
        # resolution alone: the gold spans, with the article context built from them
        names: list = []
        by_gold: dict[int, int] = {}
        for k, t in enumerate(gold.toponyms):
            span = doc.char_span(t.start, t.end, alignment_mode="expand")
            if span is not None:
                by_gold[k] = len(names)
                # the gold phrase, not the tokens around it ("KY--(Marketwire", "U.S.-led")
                names.append((_GoldSpan(span, t.text), "demonym" if gaz.demonym(t.text) else "place"))
        resolved = resolve_all(gaz, names)
        for k, t in enumerate(gold.toponyms):
            entry = resolved[by_gold[k]] if k in by_gold else None
            if entry is not None:
                counts["res_found"] += 1
            _score_one(counts, "res", t, entry, found=True)
            if misses is not None:
                miss = _miss(gaz, t, entry)
                if miss is not None:
                    misses.append({"doc": n_doc, **miss})
    return _figures(counts)


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"


def _span_errors(out: list[dict], n_doc: int, gold: GoldDoc, system: list) -> None:
    """Recognition errors of one document: gold toponyms not found exactly, system toponyms that
    are no gold one."""
    gold_spans = {(t.start, t.end) for t in gold.toponyms}
    found = {(s.start_char, s.end_char) for s in system}
    for t in gold.toponyms:
        if (t.start, t.end) in found:
            continue
        over = next((s for s in system if s.start_char < t.end and t.start < s.end_char), None)
        out.append({"kind": "missed", "doc": n_doc, "text": t.text, "overlap": over.text if over else None,
                    "context": _context(gold.text, t.start, t.end)})
    for s in system:
        if (s.start_char, s.end_char) not in gold_spans:
            out.append({"kind": "spurious", "doc": n_doc, "text": s.text, "how": getattr(s, "how", None),
                        "chosen": f"{s.entry.name} ({s.entry.feature}, {s.entry.country})",
                        "context": _context(gold.text, s.start_char, s.end_char)})


def _found_error(out: list[dict], n_doc: int, t: GoldToponym, s) -> None:
    """An end-to-end error on a found gold toponym: ``id`` (the gold has a GeoNames id the reading
    lacks or differs from; ``noid`` when the reading has none) and/or ``far`` (more than 161 km from the
    gold point), with how the system found the name and what it chose."""
    e = s.entry
    dist = None
    if e is not None and e.lat is not None and t.lat is not None and t.lon is not None:
        dist = haversine_km(t.lat, t.lon, e.lat, e.lon)
    kinds = []
    if t.geonameid is not None and (e is None or e.geonameid != t.geonameid):
        kinds.append("noid" if e is None or e.geonameid is None else "id")
    if t.lat is not None and (dist is None or dist > 161.0):
        kinds.append("far")
    if not kinds:
        return
    out.append({"kind": "+".join(kinds), "doc": n_doc, "text": t.text, "system_text": s.text,
                "how": getattr(s, "how", None), "gold_geonameid": t.geonameid, "gold_country": t.country,
                "chosen": None if e is None else f"{e.name} ({e.feature}, {e.country}, pop {e.population}, "
                f"id {e.geonameid})", "km": None if dist is None else round(dist)})


class _GoldSpan:
    """A gold toponym as the resolver reads a span: the gold phrase as its text, the token span
    (which may be wider when the tokens do not split at the phrase) for its place in the doc."""

    def __init__(self, span, text: str) -> None:
        self.doc = span.doc
        self.start, self.end = span.start, span.end
        self.start_char, self.end_char = span.start_char, span.end_char
        self.text = text

    def __len__(self) -> int:
        return self.end - self.start


def _miss(gaz, t: GoldToponym, entry) -> dict | None:
    """A gold-span resolution error and its category, or None when right (country and 161 km):

    * ``unknown``: the gazetteer has no entry for the name;
    * ``homonym``: another candidate of the name is right (same country, within 161 km);
    * ``point``: a candidate of the gold country is there but its point is more than 161 km away
      (a large country or region whose point differs);
    * ``missing``: no candidate of the name is near the gold point nor in the gold country."""
    dist = None
    if entry is not None and entry.lat is not None and t.lat is not None and t.lon is not None:
        dist = haversine_km(t.lat, t.lon, entry.lat, entry.lon)
    ok_country = t.country is None or (entry is not None and entry.country == t.country)
    ok_dist = t.lat is None or (dist is not None and dist <= 161.0)
    if entry is not None and ok_country and ok_dist:
        return None

    def near(e) -> bool:
        return t.lat is not None and e.lat is not None and haversine_km(t.lat, t.lon, e.lat, e.lon) <= 161.0

    cands = gaz.candidates(t.text)
    if not cands:
        category = "unknown"
    elif any(near(e) and (t.country is None or e.country == t.country) for e, _ in cands):
        category = "homonym"
    elif t.country is not None and any(e.country == t.country for e, _ in cands):
        category = "point"
    else:
        category = "missing"
    right = next((e for e, _ in cands if near(e) and (t.country is None or e.country == t.country)), None)
    return {
        "category": category, "text": t.text, "gold_country": t.country, "gold_point": [t.lat, t.lon],
        "gold_geonameid": t.geonameid,
        "chosen": None if entry is None else f"{entry.name} ({entry.feature}, {entry.country}, pop {entry.population})",
        "km": None if dist is None else round(dist), "right": None if right is None else
        f"{right.name} ({right.feature}, {right.country}, pop {right.population})",
    }


def _score_one(counts: dict[str, int], kind: str, t: GoldToponym, entry, *, found: bool) -> None:
    if not found:
        return
    if t.geonameid is not None:
        counts[f"{kind}_gid_n"] += 1
        counts[f"{kind}_gid"] += int(entry is not None and entry.geonameid == t.geonameid)
    if t.country is not None:
        counts[f"{kind}_country_n"] += 1
        counts[f"{kind}_country"] += int(entry is not None and entry.country == t.country)
    if t.lat is not None and t.lon is not None:
        counts[f"{kind}_dist_n"] += 1
        ok = entry is not None and entry.lat is not None and entry.lon is not None and haversine_km(
            t.lat, t.lon, entry.lat, entry.lon) <= 161.0
        counts[f"{kind}_161"] += int(ok)


def _ratio(a: int, b: int) -> float | None:
    """a / b, or None when nothing was counted (GeoVirus has no GeoNames ids)."""
    return round(a / b, 4) if b else None


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def _figures(c: dict[str, int]) -> dict:
    return {
        "gold_toponyms": c["gold"],
        "system_toponyms": c["system"],
        "span_recall_exact": _ratio(c["exact"], c["gold"]),
        "span_recall_overlap": _ratio(c["overlap"], c["gold"]),
        "span_precision_exact": _ratio(c["exact"], c["system"]),
        "end_to_end": {
            "geonameid_exact": _ratio(c["e2e_gid"], c["e2e_gid_n"]),
            "country": _ratio(c["e2e_country"], c["e2e_country_n"]),
            "within_161km": _ratio(c["e2e_161"], c["e2e_dist_n"]),
            "found_with_point": c["e2e_dist_n"],
        },
        # the same counts over every gold toponym (a name not found counts as wrong)
        "of_all_gold": {
            "geonameid_exact": _ratio(c["e2e_gid"], c["res_gid_n"]),
            "country": _ratio(c["e2e_country"], c["res_country_n"]),
            "within_161km": _ratio(c["e2e_161"], c["res_dist_n"]),
        },
        "gold_spans": {
            "geonameid_exact": _ratio(c["res_gid"], c["res_gid_n"]),
            "country": _ratio(c["res_country"], c["res_country_n"]),
            "within_161km": _ratio(c["res_161"], c["res_dist_n"]),
            "resolved": _ratio(c["res_found"], c["gold"]),
        },
        "counts": c,
    }
