"""Records built by hand for the store and analysis tests (the coder's own output is tested through the `code`
fixture); the fixtures `make_record` and `db` are in tests/conftest.py."""

from __future__ import annotations

import itertools

from communique.records import (
    Actor,
    ArticleMeta,
    ArticleRecord,
    DateValue,
    EventMention,
    Evidence,
    Location,
    Mention,
    Place,
    Quote,
    Side,
    Speaker,
    TimeExpr,
    content_id,
)

_n = itertools.count()


def build_record(events: list[dict], *, published: str | None = "2024-03-05", outlet: str | None = "Test Wire",
                 url: str | None = None, title: str | None = None, text: str | None = None) -> ArticleRecord:
    """An article record with one event per dict: keys type, src, tgt (ISO3), date (YYYY[-MM[-DD]]),
    end, gran, basis, place (name, country, lat, lon), status, negated, cameo, goldstein, code_src, code_tgt."""
    body = text or f"Synthetic article number {next(_n)} about {len(events)} events."
    actors: dict[str, Actor] = {}

    def side(country: str | None, code: str | None) -> Side | None:
        if country is None:
            return None
        if country not in actors:
            aid = f"a{len(actors) + 1}"
            actors[country] = Actor(id=aid, name=f"Country {country}", type="country", country=country,
                                    code=code or country, mentions=[Mention(start=0, end=5, text=body[:5])])
        a = actors[country]
        return Side(actor=a.id, name=a.name, country=country, code=code or country)

    evs = []
    for i, e in enumerate(events, 1):
        date = None
        if e.get("date"):
            gran = e.get("gran") or {10: "day", 7: "month", 4: "year"}[len(e["date"])]
            date = DateValue(start=e["date"], end=e.get("end"), granularity=gran, text=None, basis=e.get("basis"))
        loc = None
        if e.get("place"):
            name, country, lat, lon = e["place"]
            loc = Location(name=name, country=country, lat=lat, lon=lon)
        evs.append(EventMention(
            id=f"e{i}", type=e["type"], cameo=e.get("cameo"), goldstein=e.get("goldstein"),
            source=side(e.get("src"), e.get("code_src")), target=side(e.get("tgt"), e.get("code_tgt")),
            date=date, location=loc, negated=e.get("negated", False), status=e.get("status", "reported"),
            attribution=[Speaker(name="a spokesperson")] if e.get("attributed") else [],
            evidence=Evidence(start=0, end=min(len(body), 20), text=body[:20]), rule="test.hand",
        ))
    return ArticleRecord(
        article=ArticleMeta(id=content_id(body), title=title, published=published, outlet=outlet, url=url,
                            text=body, date_basis="given" if published else "none"),
        actors=list(actors.values()), events=evs,
        quotes=[Quote(id="q1", text=body[:10], start=0, end=10, direct=True, speaker=Speaker(name="Someone"),
                      via=[Speaker(name="An agency")], cue="said")],
        times=[TimeExpr(text="today", start=0, end=5, value=published, granularity="day")] if published else [],
        places=[Place(text="Here", start=0, end=4, name="Here", country="FRA", lat=1.0, lon=2.0)],
    )
