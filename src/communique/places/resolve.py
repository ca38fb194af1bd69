"""Resolving every place name of an article together: each name's reading is chosen with the
context the article's other names give (the countries and regions they vote for, the towns they name,
*Town, Region* containment, generic nouns such as *Idlib province*)."""

from __future__ import annotations

from spacy.tokens import Span

from .gazetteer import Anchors, Entry, Gazetteer, fold
from .rules import rules

__all__ = ["Votes", "resolve_all"]

Votes = dict[tuple[str, str], float]  # ("country", "CAN") or ("region", "CAN.01") -> weight


def _entry_votes(e: Entry, votes: Votes, weight: float = 1.0) -> None:
    if not e.country:
        return
    if e.feature == "country":
        votes[("country", e.country)] = votes.get(("country", e.country), 0.0) + weight
    elif e.feature == "area":
        votes[("country", e.country)] = votes.get(("country", e.country), 0.0) + 0.7 * weight
    elif e.feature == "region":
        votes[("region", e.admin1 or "")] = votes.get(("region", e.admin1 or ""), 0.0) + weight
        votes[("country", e.country)] = votes.get(("country", e.country), 0.0) + 0.7 * weight
    elif e.feature in {"city", "county"}:
        votes[("country", e.country)] = votes.get(("country", e.country), 0.0) + 0.5 * weight
        if e.admin1:
            votes[("region", e.admin1)] = votes.get(("region", e.admin1), 0.0) + 0.5 * weight


def _first_reading(gaz: Gazetteer, text: str, kind: str) -> Entry | None:
    """The reading of a name before context: a demonym's country, else the best prior when it is
    a country or region, or a city clearly ahead of the other readings."""
    if kind in {"demonym", "people"}:
        return gaz.demonym_place(text)
    cands = gaz.candidates(text)
    if not cands:
        return None
    ranked = sorted(cands, key=lambda c: gaz.prior(*c), reverse=True)
    best = ranked[0][0]
    if best.feature == "city" and len(ranked) > 1 and gaz.prior(*ranked[0]) - gaz.prior(*ranked[1]) < 2.0:
        return None
    return best


def _split(votes: Votes) -> tuple[dict[str, float], dict[str, float]]:
    countries = {k: w for (kind, k), w in votes.items() if kind == "country" and w > 1e-9}
    regions = {k: w for (kind, k), w in votes.items() if kind == "region" and w > 1e-9}
    return countries, regions


def _containment(gaz: Gazetteer, names: list[tuple[Span, str]], keys: list[str]
                 ) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """Where the text puts a place in another: a name followed by a comma and a region or country
    (*Paris, Texas*, *Glasgow, Ky.*, *Queensland, Australia*). For the first name, the regions
    (``"ISO3.admin1"``) and countries the second may be; for the second, the regions and
    countries the first may lie in. Keyed by folded name (one sense per article)."""
    inside: dict[str, set[str]] = {}
    contains: dict[str, set[str]] = {}
    order = sorted(range(len(names)), key=lambda k: names[k][0].start_char)
    seq = [(names[k][0], names[k][1], keys[k]) for k in order]
    for (a, kind_a, ka), (b, kind_b, kb) in zip(seq, seq[1:], strict=False):
        if kind_a != "place" or kind_b != "place" or ka == kb:
            continue
        if b.start != a.end + 1 or a.doc[a.end].text != ",":
            continue
        outer = {e.admin1 if e.feature == "region" else e.country for e, _ in gaz.candidates(b.text)
                 if e.feature in {"region", "country"}}
        outer.discard(None)
        if not outer:
            continue
        first = _first_reading(gaz, a.text, kind_a)
        if first is not None and first.feature in {"region", "country", "continent", "area"}:
            continue  # a list of places ("Kenya, Uganda", "Illinois, Missouri"), not one in the other
        inner = gaz.candidates(a.text)
        if not any(e.admin1 in outer or e.country in outer for e, _ in inner if e.feature in {"city", "county"}):
            continue
        inside.setdefault(ka, set()).update(str(x) for x in outer)
        for e, _ in inner:
            if e.feature != "country" and e.country:
                contains.setdefault(kb, set()).add(e.country)
                if e.admin1:
                    contains[kb].add(e.admin1)
    return ({k: frozenset(v) for k, v in inside.items()}, {k: frozenset(v) for k, v in contains.items()})


def _kinds(names: list[tuple[Span, str]], keys: list[str], r: dict[str, set[str]]) -> dict[str, frozenset[str]]:
    """The features the text gives a name by a generic noun (``rules.yaml: city_nouns``,
    ``division_nouns``): before it with *of* (*the city of Turkey*, *the province of Aydin*) or
    right after it in lower case (*Washington state*, *Idlib province*, *Quebec city*)."""
    city, division = r.get("city_nouns", set()), r.get("division_nouns", set())
    out: dict[str, set[str]] = {}
    for (span, kind), key in zip(names, keys, strict=True):
        if kind != "place":
            continue
        doc = span.doc
        nouns = []
        if span.start >= 2 and doc[span.start - 1].lower_ == "of":
            nouns.append(doc[span.start - 2].lower_)
        if span.end < len(doc) and doc[span.end].is_lower:
            nouns.append(doc[span.end].lower_)
        for noun in nouns:
            if noun in city:
                out.setdefault(key, set()).add("city")
            elif noun in division:
                out.setdefault(key, set()).update({"region", "county"})
    return {k: frozenset(v) for k, v in out.items()}


def resolve_all(gaz: Gazetteer, names: list[tuple[Span, str]], *, passes: int = 2) -> list[Entry | None]:
    """Resolve every name with the context the other names give: first from their readings before
    context, then from the previous pass's results. The context is the countries and regions the
    other names vote for, the towns they name (closeness) and the places they name by their own
    name. A name's votes (all its mentions) never count for itself."""
    keys = [fold(span.text) for span, _ in names]
    texts: dict[str, str] = {}
    for (span, kind), key in zip(names, keys, strict=True):
        if kind not in {"demonym", "people"}:
            texts.setdefault(key, span.text)
    inside, contains = _containment(gaz, names, keys)
    kinds = _kinds(names, keys, rules())
    result: list[Entry | None] = [_first_reading(gaz, span.text, kind) for span, kind in names]
    for _ in range(passes):
        total: Votes = {}
        own: dict[str, Votes] = {}
        towns: dict[str, set[tuple[float, float]]] = {}
        named: dict[str, set[tuple[str, float | None, float | None]]] = {}
        for key, e in zip(keys, result, strict=True):
            if e is None:
                continue
            _entry_votes(e, total)
            _entry_votes(e, own.setdefault(key, {}))
            if e.feature in {"city", "county"} and e.lat is not None and e.lon is not None:
                towns.setdefault(key, set()).add((e.lat, e.lon))
            if fold(e.name) == key:
                named.setdefault(key, set()).add((e.name, e.lat, e.lon))
        by_key: dict[str, Entry | None] = {}
        for key, text in texts.items():
            mine = own.get(key, {})
            countries, regions = _split({k: w - mine.get(k, 0.0) for k, w in total.items()})
            near = Anchors([sorted(v) for k, v in towns.items() if k != key])
            taken = frozenset(x for k, v in named.items() if k != key for x in v)
            by_key[key] = gaz.resolve(text, context=countries, regions=regions, near=near, taken=taken,
                                      inside=inside.get(key), contains=contains.get(key), prefer=kinds.get(key))
        new: list[Entry | None] = []
        for (span, kind), key in zip(names, keys, strict=True):
            if kind in {"demonym", "people"}:
                new.append(gaz.demonym_place(span.text))
            else:
                new.append(by_key.get(key))
        result = new
    return result



