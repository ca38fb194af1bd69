"""A store of many hand-made events for the dashboard's corpus views (map, time brush, exports, network,
dyad series): more than a thousand located events over two years, a Russia-Turkey dyad with one event
years before the others, and non-state actors. Deterministic (a seeded random generator); no article text
from anywhere: the records are built by ``tests/hand_records.py``."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

from communique.store import Store

from ..hand_records import build_record

COUNTRIES = {  # a rough centre per country, for places scattered around it
    "FRA": (46.5, 2.5), "DEU": (51.0, 10.0), "POL": (52.0, 19.0), "UKR": (49.0, 32.0), "RUS": (56.0, 40.0),
    "TUR": (39.0, 35.0), "SYR": (35.0, 38.0), "IRN": (32.0, 53.0), "CHN": (33.0, 105.0), "USA": (39.0, -98.0),
    "BRA": (-10.0, -52.0), "KEN": (0.5, 38.0), "NGA": (9.5, 8.0), "IND": (22.0, 79.0),
}
TYPES = [("CONSULT", "040", 1.0), ("AGREE", "030", 3.0), ("COOPERATE", "060", 4.0), ("AID", "070", 7.0),
         ("ACCUSE", "112", -2.0), ("THREATEN", "130", -4.4), ("SANCTION", "163", -5.0), ("ASSAULT", "190", -9.0)]
N_LOCATED = 1200


def build_corpus_store(db: Path) -> dict[str, Any]:
    rng = random.Random(7)
    codes = sorted(COUNTRIES)
    places = []
    for k in range(220):
        c = codes[k % len(codes)]
        lat, lon = COUNTRIES[c]
        places.append((f"Town {k}", c, round(lat + rng.uniform(-3, 3), 3), round(lon + rng.uniform(-4, 4), 3)))
    records = []
    events: list[dict] = []
    for i in range(N_LOCATED):
        name, country, lat, lon = places[rng.randrange(len(places))]
        src, tgt = rng.sample(codes, 2)
        typ, cameo, gold = TYPES[rng.randrange(len(TYPES))]
        day = 1 + rng.randrange(28)
        month = 1 + rng.randrange(12)
        year = 2023 + rng.randrange(2)
        events.append({"type": typ, "src": src, "tgt": tgt, "date": f"{year}-{month:02d}-{day:02d}", "cameo": cameo,
                       "goldstein": gold, "place": (name, country, lat, lon)})
        if len(events) == 40:
            records.append(build_record(events, published="2025-01-10", outlet=f"Wire {i % 3}"))
            events = []
    if events:
        records.append(build_record(events, published="2025-01-10"))
    # Russia and Turkey: one agreement in 2015, then a run of meetings in 2024 (weeks apart: a long gap)
    records.append(build_record([{"type": "AGREE", "src": "RUS", "tgt": "TUR", "date": "2015-03-02", "cameo": "030",
                                  "goldstein": 3.0}], published="2015-03-03", outlet="Wire 0"))
    records.append(build_record([{"type": "CONSULT", "src": "RUS", "tgt": "TUR", "date": f"2024-05-{d:02d}",
                                  "cameo": "040", "goldstein": 1.0} for d in (6, 13, 20, 27)]
                                + [{"type": "ACCUSE", "src": "TUR", "tgt": "RUS", "date": "2024-06-03", "cameo": "112",
                                    "goldstein": -2.0}], published="2024-06-05", outlet="Wire 1"))
    # non-state actors: Syrian rebels supported by the USA and attacked by Turkey (their own node)
    records.append(build_record([{"type": "SUPPORT", "src": "SYR", "tgt": "USA", "code_src": "SYRREB",
                                  "date": f"2024-0{m}-10", "cameo": "050", "goldstein": 3.4} for m in (2, 3, 4)],
                                published="2024-04-20", outlet="Wire 2"))
    records.append(build_record([{"type": "ASSAULT", "src": "TUR", "tgt": "SYR", "code_tgt": "SYRREB",
                                  "date": f"2024-0{m}-15", "cameo": "190", "goldstein": -9.0} for m in (2, 3)],
                                published="2024-04-21", outlet="Wire 0"))
    with Store(db) as store:
        store.write_batch(records)
        store.merge()
        located = store.con.execute("SELECT count(*) FROM event_mentions WHERE lat IS NOT NULL").fetchone()[0]
        mentions = store.con.execute("SELECT count(*) FROM event_mentions").fetchone()[0]
    return {"located": int(located), "mentions": int(mentions)}
