"""Hand-made article records (sentences written for these tests) and a real DuckDB store built from them.

The records are built with the project's own models, offsets computed from the text, so the API and the
dashboard are exercised on known content whatever the coder finds today. Six short articles over four
months: France and Germany cooperate, Russia attacks Ukraine, China and Russia consult, the United States
sanctions Russia and aids Ukraine.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from communique.records import (
    Actor,
    ArticleMeta,
    ArticleRecord,
    DateValue,
    EventMention,
    Evidence,
    Location,
    Mention,
    Quote,
    Side,
    Speaker,
    content_id,
    normalise_text,
)

PLACES = {
    "Paris": ("FRA", 48.8566, 2.3522, 2988507),
    "Kharkiv": ("UKR", 49.9935, 36.2304, 706483),
    "Beijing": ("CHN", 39.9075, 116.3972, 1816670),
    "Washington": ("USA", 38.8951, -77.0364, 4140963),
    "Moscow": ("RUS", 55.7522, 37.6156, 524901),
    "Kyiv": ("UKR", 50.4547, 30.5238, 703448),
}
GOLDSTEIN = {"CONSULT": 1.0, "AGREE": 3.0, "AID": 7.0, "SUPPORT": 3.5, "ACCUSE": -2.0, "ASSAULT": -9.0,
             "SANCTION": -5.0, "THREATEN": -6.0}
CAMEO = {"CONSULT": "040", "AGREE": "030", "AID": "070", "SUPPORT": "050", "ACCUSE": "112", "ASSAULT": "190",
         "SANCTION": "163", "THREATEN": "130"}

# (published, text, actors {key: (name, type, country, code, [surface forms])},
#  events [(type, source key, target key, words of the evidence sentence, place, status, speaker key)],
#  quotes [(quoted words, speaker key)])
ARTICLES: list[tuple[str, str, dict[str, tuple], list[tuple], list[tuple]]] = [
    (
        "2024-01-15",
        "France and Germany agree on a joint defence fund\n\n"
        "French President Lucie Marchand met German Chancellor Jonas Weber in Paris on Monday. "
        "The two leaders agreed to create a joint defence fund worth ten billion euros. "
        '"This fund makes Europe stronger," Marchand told reporters.',
        {"fra": ("Lucie Marchand", "person", "FRA", "FRAGOV", ["French President Lucie Marchand", "Marchand"]),
         "deu": ("Jonas Weber", "person", "DEU", "DEUGOV", ["German Chancellor Jonas Weber"])},
        [("CONSULT", "fra", "deu", "met German Chancellor", "Paris", "reported", None),
         ("AGREE", "fra", "deu", "agreed to create", "Paris", "reported", None)],
        [("This fund makes Europe stronger,", "fra")],
    ),
    (
        "2024-02-03",
        "Russian forces shell Kharkiv\n\n"
        "Russian forces shelled residential districts of Kharkiv on Friday night, Ukraine's defence ministry said. "
        'The ministry accused Moscow of "deliberately targeting civilians".',
        {"rus": ("Russia", "country", "RUS", "RUSMIL", ["Russian forces", "Moscow"]),
         "ukr": ("Ukraine's defence ministry", "organization", "UKR", "UKRGOVMIL",
                 ["Ukraine's defence ministry", "The ministry"])},
        [("ASSAULT", "rus", "ukr", "shelled residential districts", "Kharkiv", "reported", "ukr"),
         ("ACCUSE", "ukr", "rus", "accused Moscow", "Kharkiv", "reported", None)],
        [("deliberately targeting civilians", "ukr")],
    ),
    (
        "2024-03-10",
        "Beijing hosts talks with Moscow as Washington widens sanctions\n\n"
        "Chinese Foreign Minister Chen Hao held talks with his Russian counterpart Pavel Orlov in Beijing on Sunday. "
        "The United States imposed new sanctions on Russian banks the same day. "
        'Chen said the sanctions were "unilateral bullying".',
        {"chn": ("Chen Hao", "person", "CHN", "CHNGOV", ["Chinese Foreign Minister Chen Hao", "Chen"]),
         "rus": ("Pavel Orlov", "person", "RUS", "RUSGOV", ["his Russian counterpart Pavel Orlov"]),
         "usa": ("United States", "country", "USA", "USA", ["The United States"])},
        [("CONSULT", "chn", "rus", "held talks with", "Beijing", "reported", None),
         ("SANCTION", "usa", "rus", "imposed new sanctions", "Washington", "reported", None),
         ("ACCUSE", "chn", "usa", "Chen said the sanctions", "Beijing", "reported", None)],
        [("unilateral bullying", "chn")],
    ),
    (
        "2024-03-22",
        "Washington pledges air defence aid to Kyiv\n\n"
        "The United States will send air defence systems to Ukraine, the Pentagon said on Friday. "
        "US officials also consulted German defence planners in Washington about the deliveries.",
        {"usa": ("United States", "country", "USA", "USAGOV", ["The United States", "US officials"]),
         "ukr": ("Ukraine", "country", "UKR", "UKR", ["Ukraine"]),
         "deu": ("German defence planners", "group", "DEU", "DEUMIL", ["German defence planners"]),
         "pentagon": ("Pentagon", "organization", "USA", "USAMIL", ["the Pentagon"])},
        [("AID", "usa", "ukr", "will send air defence", "Kyiv", "planned", "pentagon"),
         ("CONSULT", "usa", "deu", "consulted German defence planners", "Washington", "reported", None)],
        [],
    ),
    (
        "2024-04-18",
        "Chen and Orlov meet again in Moscow\n\n"
        "Chinese Foreign Minister Chen Hao met Pavel Orlov in Moscow on Thursday, their second meeting in six weeks. "
        "Orlov warned that Russia would answer any new Western sanctions.",
        {"chn": ("Chen Hao", "person", "CHN", "CHNGOV", ["Chinese Foreign Minister Chen Hao"]),
         "rus": ("Pavel Orlov", "person", "RUS", "RUSGOV", ["Pavel Orlov", "Orlov", "Russia"]),
         "usa": ("the West", "group", "USA", "WST", ["Western"])},
        [("CONSULT", "chn", "rus", "met Pavel Orlov", "Moscow", "reported", None),
         ("THREATEN", "rus", "usa", "Orlov warned that", "Moscow", "hypothetical", None)],
        [],
    ),
    (
        "2024-04-25",
        "France condemns strike on Kharkiv and backs Kyiv\n\n"
        "France condemned the Russian strike on Kharkiv, the French foreign ministry said on Thursday. "
        "Paris also pledged its full support to Ukraine.",
        {"fra": ("France", "country", "FRA", "FRAGOV", ["France", "the French foreign ministry", "Paris"]),
         "rus": ("Russia", "country", "RUS", "RUSMIL", ["Russian"]),
         "ukr": ("Ukraine", "country", "UKR", "UKR", ["Ukraine"])},
        [("ACCUSE", "fra", "rus", "France condemned the Russian", "Kharkiv", "reported", "fra"),
         ("SUPPORT", "fra", "ukr", "pledged its full support", "Paris", "reported", None)],
        [],
    ),
]


def _sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence (bounded by ". " or a line break) containing [start, end)."""
    s = max(text.rfind(". ", 0, start) + 2 if text.rfind(". ", 0, start) >= 0 else 0,
            text.rfind("\n", 0, start) + 1)
    m = re.search(r"[.!?](?=\s|$)|\n", text[end:])
    e = end + m.end() if m else len(text)
    return s, e


def build_record(published: str, text: str, actors: dict[str, tuple], events: list[tuple],
                 quotes: list[tuple]) -> ArticleRecord:
    text = normalise_text(text)
    title = text.split("\n", 1)[0]
    ids = {key: f"a{i}" for i, key in enumerate(actors, start=1)}
    actor_list = []
    taken: list[tuple[int, int]] = []
    for key, (name, typ, country, code, forms) in actors.items():
        mentions = []
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(re.escape(form), text):
                if any(m.start() < b and a < m.end() for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                mentions.append(Mention(start=m.start(), end=m.end(), text=form))
        mentions.sort(key=lambda x: x.start)
        actor_list.append(Actor(id=ids[key], name=name, type=typ, country=country, code=code, mentions=mentions))
    by_key = {key: a for key, a in zip(actors, actor_list, strict=True)}

    def side(key: str) -> Side:
        a = by_key[key]
        return Side(actor=a.id, name=a.name, country=a.country, code=a.code)

    event_list = []
    for i, (typ, src, tgt, words, place, status, speaker) in enumerate(events, start=1):
        at = text.index(words)
        s, e = _sentence_around(text, at, at + len(words))
        country, lat, lon, gid = PLACES[place]
        event_list.append(EventMention(
            id=f"e{i}", type=typ, cameo=CAMEO[typ], goldstein=GOLDSTEIN[typ], source=side(src), target=side(tgt),
            date=DateValue(start=published, granularity="day", text=None),
            location=Location(name=place, country=country, lat=lat, lon=lon, geonameid=gid),
            status=status, attribution=[Speaker(actor=by_key[speaker].id, name=by_key[speaker].name)] if speaker else [],
            evidence=Evidence(start=s, end=e, text=text[s:e]), rule=f"test.{typ.lower()}",
        ))
    quote_list = []
    for i, (words, speaker) in enumerate(quotes, start=1):
        at = text.index(words)
        quote_list.append(Quote(id=f"q{i}", text=words, start=at, end=at + len(words), direct=True,
                                speaker=Speaker(actor=by_key[speaker].id, name=by_key[speaker].name), cue="said"))
    meta = ArticleMeta(id=content_id(text), title=title, published=published, date_basis="given", text=text,
                       outlet="Test Wire", language="en")
    return ArticleRecord(article=meta, actors=actor_list, events=event_list, quotes=quote_list)


def sample_records() -> list[ArticleRecord]:
    return [build_record(*a) for a in ARTICLES]


def build_store(path: Path) -> dict[str, Any]:
    """Write the sample records to a new DuckDB store at ``path`` and merge; return what was written."""
    from communique.store import Store

    records = sample_records()
    with Store(path) as store:
        store.write_batch(records)
        store.merge()
        counts = store.counts()
    return {"records": records, "counts": counts}


def assert_error(response, status: int, code: str) -> dict:
    """The one error shape: {"error": {"code", "message"}} and nothing else."""
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"}, body
    assert body["error"]["code"] == code, body
    assert isinstance(body["error"]["message"], str) and body["error"]["message"]
    return body["error"]
