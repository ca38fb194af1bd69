"""Steps 4-7 of actor recognition: bodies, collectives, known names and remaining entities."""

from __future__ import annotations

import logging
import re

from spacy.tokens import Token

from .attributes import _focus_country
from .ctx import DETERMINERS, POSSESSIVE, Ctx, Gaz
from .kb import fold, make_code
from .people import _partial_name, _person_draft
from .placing import _country_of, _in_locative, _is_place, _lone_place, _place_gazetteer
from .roles import _strip_name
from .state import State

log = logging.getLogger(__name__)


def step_bodies(ctx: Ctx, st: State) -> None:
    """Step 4: country reference + body noun ("China's defence ministry", "the Russian army")."""
    kb, doc = ctx.kb, ctx.doc
    maxlen = max((len(k) for k in kb.bodies), default=1)
    last_words = {k[-1] for k in kb.bodies}
    for i in ctx.indices(last_words):
        if st.claimed[i]:
            continue
        hit = None
        for n in range(min(maxlen, i + 1), 0, -1):
            key = tuple(ctx.lower[i + 1 - n:i + 1])
            if key in kb.bodies:
                hit = (i + 1 - n, key)
                break
        if hit is None or ctx.pos[i] not in ("NOUN", "PROPN"):
            continue
        bstart, bkey = hit
        end = i + 1
        if end < len(doc) and (ctx.pos[end] in ("NOUN", "PROPN") and not st.claimed[end]) and ctx.lower[end] != "'s":
            continue  # the body word modifies a following noun ("ministry spokesperson" is a role)
        floor = ctx.sent_start[i]
        sectors = list(kb.bodies[bkey])
        j = bstart
        known: str | None = None
        # "Ministry of National Defense": capitalised body with an "of" complement
        if ctx.text[bstart][:1].isupper() and end < len(doc) and ctx.lower[end] in ("of", "for"):
            k = end + 1
            while k < len(doc) and (ctx.text[k][:1].isupper() or ctx.lower[k] in ("and", "&")) and not st.claimed[k]:
                k += 1
            if k > end + 1:
                for w in ctx.lower[end + 1:k]:
                    sectors += kb.modifiers.get((w,), ())
                end = k
        while j > floor and not st.claimed[j - 1]:
            g = ctx.gaz_by_end.get(j)
            if g is not None and g.kind == "name" and g.key.startswith("org:") and known is None:
                known = g.key
                j = g.start
                continue
            m = ctx.match_left(j, kb.modifiers, kb.max_modifier_len, floor)
            if m is not None:
                j, mkey = m
                sectors += kb.modifiers[mkey]
                continue
            if ctx.pos[j - 1] in ("ADJ", "NOUN") and ctx.text[j - 1].islower() and ctx.lower[j - 1] not in DETERMINERS:
                j -= 1
                continue
            break
        cref = ctx.country_ref_left(j, floor)
        official = end - bstart > len(bkey) and ctx.text[bstart][:1].isupper()
        focus = None
        if cref is None and known is None and not official and j < bstart and bkey in kb.focus_bodies:
            focus = _focus_country(ctx, i)  # "China condemned it. The foreign ministry said ..."
        if cref is None and known is None and not official and focus is None:
            continue
        if cref is not None and known is None and not official and ctx.tag[i] in ("NNS", "NNPS") \
                and bkey in kb.collectives and tuple(ctx.lower[j:end]) not in kb.institutions and (g := ctx.gaz_by_start.get(cref[0])) is not None \
                and _collective_ref(ctx, g) and not (g.end < len(doc) and ctx.text[g.end] in POSSESSIVE):
            continue  # "Israeli forces", "Russian authorities": a group of people (step 5), not a body
        start = cref[0] if cref else j
        if focus is not None and start > floor and ctx.lower[start - 1] in ("the", "a"):
            start -= 1  # "The foreign ministry", as a description of the country's ministry
        if not st.free(start, end):
            continue
        if known is not None:
            e = kb.entities[known]
            d = st.draft(known, e.type)
            d.kb_name, d.country, d.code = e.name, e.country or _country_of(cref[1] if cref else None, kb), e.code
            d.add_sectors(e.sector)
        else:
            country = _country_of(cref[1], kb) if cref else focus
            label = doc[j:end].text
            for drop in ("official ", "state-run ", "main "):
                label = label.replace(drop, "")
            key = f"body:{country}:{fold(label)}"
            d = st.draft(key, "organization")
            if cref is not None and not official:  # named with its country: "Kenyan government"
                label = doc[start + (ctx.lower[start] == "the"):end].text  # "the U.S." is one known form
                for drop in ("official ", "state-run ", "main "):
                    label = label.replace(drop, "")
            d.label = d.label or label
            d.country = country
            d.add_sectors(sectors)
        st.add(start, end, d.key, "name")


def step_collectives(ctx: Ctx, st: State) -> None:
    """Step 5: demonym or bloc adjective + collective noun ("Western leaders", "Chinese and Russian
    leaders", "Belarussian state and military leaders")."""
    kb, doc = ctx.kb, ctx.doc
    heads = {k[0] for k in kb.collectives if len(k) == 1} | set(kb.led_groups)
    for i in ctx.indices(heads):
        ckey = (ctx.lower[i],)
        if st.claimed[i] or ctx.pos[i] not in ("NOUN", "PROPN"):
            continue
        floor = ctx.sent_start[i]
        if _sponsored_group(ctx, st, i, floor):
            continue
        if ckey not in kb.collectives:
            continue
        sectors = list(kb.collectives[ckey])
        j = i
        refs: list[tuple[int, int, str]] = []  # (start, end, entity key)
        while j > floor and not st.claimed[j - 1]:
            g = ctx.gaz_by_end.get(j)
            if g is not None and _collective_ref(ctx, g):
                refs.append((g.start, g.end, g.key))
                j = g.start
                if j > floor and ctx.lower[j - 1] in ("and", ",") and ctx.gaz_by_end.get(j - 1) is not None \
                        and _collective_ref(ctx, ctx.gaz_by_end[j - 1]):
                    j -= 1
                    continue
                break
            m = ctx.match_left(j, kb.modifiers, kb.max_modifier_len, floor)
            if m is not None:
                j, mkey = m
                sectors += kb.modifiers[mkey]
                continue
            if ctx.lower[j - 1] in ("and", "state", "senior", "top", "local", "national") or \
                    (ctx.pos[j - 1] == "ADJ" and ctx.text[j - 1].islower()) or \
                    (ctx.pos[j - 1] == "NOUN" and ctx.dep[j - 1] == "compound" and ctx.text[j - 1].islower()):
                j -= 1
                continue
            break
        if not refs:
            located = _located_country(ctx, st, j, i)
            if located is not None:
                country, place = located
                label = f"{doc[j:i + 1].text} in {place}"
                key = f"group:{country}:{fold(doc[j:i + 1].text)}"
                d = st.draft(key, "group")
                d.label = d.label or label
                d.country = country
                d.add_sectors(sectors)
                st.add(j, i + 1, key, "group")
            continue
        for n, (rs, re_, ekey) in enumerate(refs):
            e = kb.entities[ekey]
            country = e.country
            if _ethnic(ctx, rs) and e.type == "country":
                # "ethnic Albanian protesters": a people, not the citizens of the kin state
                name = f"ethnic {doc[rs:re_].text} {doc[refs[0][1]:i + 1].text}"
                d = st.draft(f"group:ethnic:{fold(name)}", "group")
                d.label = d.label or name
                d.add_sectors(sectors)
                st.add(rs - 1, i + 1 if n == 0 else re_, d.key, "group")
                continue
            name = f"{doc[rs:re_].text} {doc[refs[0][1]:i + 1].text}"
            key = f"group:{country or e.key}:{fold(doc[refs[0][1]:i + 1].text)}"
            d = st.draft(key, "group")
            d.label = d.label or name
            d.country = country
            d.add_sectors(sectors)
            if country is None and e.code:  # a people without a state: "Kurdish fighters" -> KURMIL
                d.code = make_code(e.code, d.sectors)
            end = i + 1 if n == 0 else re_
            st.add(rs, end, key, "group")


def _sponsored_group(ctx: Ctx, st: State, i: int, floor: int) -> bool:
    """Step 5a: "X-led" / "X-backed" + collective ("the Saudi-led coalition", "Russian-backed
    separatists"): one group named as the text names it. With an `own` marker (led) the group is X's
    (country and code of X plus the noun's sectors); otherwise X only backs it and the group has no
    country. X is part of the group's mention, not an actor of its own. True when a group was made."""
    kb, doc = ctx.kb, ctx.doc
    m = i - 1
    while m > floor and ctx.lower[m] not in kb.sponsor_markers and ctx.pos[m] == "ADJ" and not st.claimed[m]:
        m -= 1  # "the Saudi-led Arab coalition"
    if m <= floor or ctx.lower[m] not in kb.sponsor_markers or ctx.text[m - 1] not in ("-", "\u2013"):
        return False
    if any(ctx.gaz_by_end.get(t) is not None for t in range(m + 2, i + 1)):
        return False  # "US-backed Kurdish forces": the group is the Kurdish forces (step 5 proper)
    g = ctx.gaz_by_end.get(m - 1)
    if g is None or g.kind not in ("name", "adjective", "capital") or any(st.claimed[g.start:i + 1]):
        return False  # a capital stands for its state: "the Riyadh-led coalition", "Moscow-backed forces"
    e = kb.entities.get(g.key)
    if e is None or e.type not in ("country", "bloc", "organization"):
        return False
    sectors = kb.collectives.get((ctx.lower[i],)) or kb.led_groups.get(ctx.lower[i]) or ()
    own = kb.sponsor_markers[ctx.lower[m]]
    country = e.country if own else None
    s0 = g.start + (ctx.lower[g.start] == "the")
    text = doc[s0:i + 1].text
    key = f"group:{country or '-'}:{fold(text)}"
    d = st.draft(key, "group")
    d.label = d.label or text
    d.country = country
    if own and e.code and e.type != "country":  # "NATO-led forces": the bloc's own code
        d.code = e.code + "".join(x for x in sectors if x not in e.code)
    d.add_sectors(sectors)
    st.add(g.start, i + 1, key, "group")
    return True


def _located_country(ctx: Ctx, st: State, start: int, head: int) -> tuple[str, str] | None:
    """(country, place text) for a located collective with no demonym: "the authorities in Nairobi",
    "security forces in Tehran". The place is a country, a capital, or a city or region of the gazetteer;
    it stays a place (only the collective becomes the actor)."""
    kb, doc = ctx.kb, ctx.doc
    words = tuple(ctx.lower[start:head + 1])
    if not any(words[k:] in kb.located_collectives for k in range(len(words))):
        return None
    if start > 0 and ctx.lower[start - 1] in ("of", "'s", "’s"):
        return None  # "the authorities of X in Y", "Kenya's police in Y": the owner is named elsewhere
    if start > 0 and ctx.gaz_by_end.get(start) is not None:
        return None  # "U.N. officials in New York", "EU officials in Kyiv": the named body's own people
    if head + 1 < len(doc) and ctx.pos[head + 1] in ("NOUN", "PROPN") and ctx.dep[head] == "compound":
        return None  # "police officers", "security forces spokesman": another head
    p = head + 1
    if p + 1 >= len(doc) or ctx.lower[p] != "in" or ctx.sent_id[p + 1] != ctx.sent_id[head]:
        return _unplaced_agent_country(ctx, st, start, head)
    while p + 2 < len(doc) and ctx.lower[p + 1] in kb.place_modifiers and ctx.sent_id[p + 2] == ctx.sent_id[head]:
        p += 1  # "officials in northern Iraq", "police in downtown Istanbul": the place after the modifier
    g = ctx.gaz_by_start.get(p + 1)
    if g is not None and g.key.startswith("country:") and not any(st.claimed[g.start:g.end]):
        country = _country_of(g.key, kb)
        return (country, doc[g.start:g.end].text) if country else None
    ent = ctx.ent_at.get(p + 1)
    if ent is None or ent.start != p + 1 or ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
        return None
    return _resolve_place(ent.text)


_PLACE_FEATURES = ("city", "region", "county", "country")
# a dateline opening the text: upper-case place, optional ", Country", optional (agency), then a dash or "_"
_WIRE_DATELINE = re.compile(r"\s*([A-Z][A-Z'.\- ]{1,40}[A-Z.](?:,\s+[A-Z][A-Za-z.\- ]{1,30})?)"
                            r"\s*(?:\([^()\n]{1,40}\))?\s*(?:[\u2014\u2013_]|--?)")


def _place_entry(text: str):
    """The gazetteer's entry for a place name, or None (also when there is no gazetteer)."""
    try:
        return _place_gazetteer().resolve(text)
    except Exception:  # no gazetteer: no country
        log.debug("places gazetteer unavailable", exc_info=True)
        return None


def _resolve_place(text: str, entry=None) -> tuple[str, str] | None:
    """(country, text) of a place name the gazetteer knows as a city, region, county or country."""
    e = entry if entry is not None else _place_entry(text)
    if e is None or not e.country or e.feature not in _PLACE_FEATURES:
        return None
    return e.country, text


def _clause_place(ctx: Ctx, st: State, start: int, head: int) -> tuple[str, str] | None:
    """(country, place) of the one place an "in" phrase of the agent's own clause names ("Riot police
    kept the marchers away from the embassy in central Lima"): the agent's verb and what hangs on
    it; nothing when the clause names places of two countries or any state, demonym or organisation of a
    country (then the text, not the place, says whose agent it is)."""
    doc = ctx.doc
    tok = doc[head]
    verb = tok.head
    if ctx.dep[head] not in ("nsubj", "nsubjpass") or verb.i == head:
        return None
    found: dict[str, str] = {}
    for t in _own_clause(verb):
        if start <= t.i <= head:
            continue
        g = ctx.gaz_by_start.get(t.i)
        if g is not None and not g.key.startswith("country:") and g.kind != "capital":
            e = ctx.kb.entities.get(g.key)
            if e is not None and e.country and e.country != "IGO":
                return None  # "the police said Kenyan officials ...": another actor of a country
        if g is not None and g.key.startswith("country:") and not (
                t.dep_ == "pobj" and t.head.lower_ == "in"):
            return None  # a state named in the clause otherwise than as the place
        if t.dep_ != "pobj" or t.head.lower_ != "in":
            continue
        if g is not None and g.key.startswith("country:"):
            c = _country_of(g.key, ctx.kb)
            if c:
                found.setdefault(c, doc[g.start:g.end].text)
            continue
        ent = ctx.ent_at.get(t.i)
        if ent is None or ent.label_ not in ("GPE", "LOC", "FAC", "ORG") or not (ent.start <= t.i < ent.end):
            continue
        hit = _resolve_place(ent.text)
        if hit is not None:
            found.setdefault(hit[0], hit[1])
    if len(found) != 1:
        return None
    return next(iter(found.items()))


_OTHER_CLAUSE = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "conj", "acl"})


def _own_clause(verb: Token) -> list[Token]:
    """The tokens of ``verb``'s clause, without the clauses it embeds or joins ("Officials believe the group
    is regrouping in Iraq": "in Iraq" is the belief's, not the officials' place)."""
    out: list[Token] = []
    stack = [verb]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in _OTHER_CLAUSE)
    return out


def _dateline_place(ctx: Ctx) -> tuple[str, str] | None:
    """(country, place) of the article's dateline ("ISTANBUL, Turkey (AP)_", "NAIROBI (Reuters) -"):
    the city the gazetteer knows, checked against the country the dateline names after it."""
    cache = ctx.__dict__.get("_dateline")
    if cache is not None:
        return cache or None
    out: tuple[str, str] | None = None
    art = getattr(ctx.doc._, "article", None)
    zones = [z for z in getattr(art, "zones", None) or [] if z.kind == "dateline"]
    raw = ""
    if zones:
        raw = art.text[zones[0].start:zones[0].end]
    else:  # a wire dateline the layout does not mark ("ISTANBUL, Turkey (AP)_ ")
        m = _WIRE_DATELINE.match(ctx.doc.text[:120])
        raw = m.group(1) if m else ""
        ctx.__dict__["_dateline_end"] = m.end() if m else 0
    if raw:
        head = raw.split("(")[0].strip(" \t\n-_\u2014\u2013:")
        parts = [p.strip() for p in head.split(",") if p.strip()]
        if parts:
            city = " ".join(w.capitalize() for w in parts[0].split())
            hit = _resolve_place(city)
            if hit is not None and len(parts) > 1:
                entry = _place_entry(parts[1])
                named = _resolve_place(parts[1], entry)
                if named is None or named[0] != hit[0]:
                    hit = named if named is not None and entry.feature == "country" else None
            if hit is not None:
                out = (hit[0], city)
    ctx.__dict__["_dateline"] = out or ()
    return out




def _sentence_names_state(ctx: Ctx, i: int) -> bool:
    """The sentence of ``i`` names a country or an actor of a country (a name, demonym, capital)."""
    s0 = ctx.sent_start[i]
    sid = ctx.sent_id[i]
    t = s0
    n = len(ctx.doc)
    while t < n and ctx.sent_id[t] == sid:
        g = ctx.gaz_by_start.get(t)
        if g is not None:
            e = ctx.kb.entities.get(g.key)
            if e is not None and e.country and e.country != "IGO":
                return True
            t = max(g.end, t + 1)
            continue
        t += 1
    return False


def _unplaced_agent_country(ctx: Ctx, st: State, start: int, head: int) -> tuple[str, str] | None:
    """A state agent with no country of its own and no "in X" after it ("the police", "officials said",
    "security forces"): the country of (1) the one place its own clause names, else (2) the article's
    dateline when its sentence names no state; otherwise none (a wrong country makes a wrong event)."""
    if ctx.tag[head] not in ("NNS", "NNPS", "NN", "NNP") or ctx.dep[head] not in ("nsubj", "nsubjpass"):
        return None
    words = tuple(ctx.lower[start:head + 1])
    if not any(words[k:] in ctx.kb.state_agents for k in range(len(words))):
        return None  # protesters, residents: people of anywhere
    if any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "from", "at", "for"))
           for c in ctx.doc[head].children):
        return None  # "officials of the bank", "officials from both sides", "their police": owned elsewhere
    if start > 0 and (ctx.pos[start - 1] in ("PROPN",) or ctx.lower[start - 1] in ("their", "its", "his", "her")):
        return None
    hit = _clause_place(ctx, st, start, head)
    if hit is not None:
        return hit
    if _sentence_names_state(ctx, head):
        return None
    states = _paragraph_states(ctx, head)
    hit = _dateline_place(ctx)
    if hit is not None:
        return hit if states <= {hit[0]} else None
    if len(states) == 1 and words[-1:] in ctx.kb.domestic_agents:
        c = next(iter(states))
        e = ctx.kb.entities.get(f"country:{c}")
        return (c, e.name) if e is not None else None
    return None


def _paragraph_states(ctx: Ctx, i: int) -> set[str]:
    """The countries of every state, demonym, capital or actor of a country the paragraph of ``i`` names
    (a paragraph: the text between blank lines)."""
    text = ctx.doc_text
    c = ctx.doc[i].idx
    a = text.rfind("\n\n", 0, c)
    b = text.find("\n\n", c)
    a = 0 if a < 0 else a
    b = len(text) if b < 0 else b
    _dateline_place(ctx)
    a = max(a, ctx.__dict__.get("_dateline_end", 0))  # the dateline's own country and agency are no actors
    out: set[str] = set()
    for g in ctx.gaz_by_start.values():
        if a <= ctx.doc[g.start].idx < b:
            e = ctx.kb.entities.get(g.key)
            if e is not None and e.country and e.country != "IGO":
                out.add(e.country)
    return out


def _collective_ref(ctx: Ctx, g: Gaz) -> bool:
    """A reference that can modify a collective noun: an adjective ("Syrian", "Western", "Kurdish"), or a
    country name used as a noun modifier ("US troops", "U.S. diplomats"; "EU officials" stay the EU)."""
    if g.kind == "adjective":
        return True
    if g.kind != "name" or not g.key.startswith("country:") or ctx.text[g.start][:1].islower():
        return False
    return ctx.dep[g.end - 1] in ("compound", "amod", "nmod") or ctx.text[g.end - 1].isupper() or \
        "." in ctx.text[g.end - 1]


def _metonym_acts(ctx: Ctx, g: Gaz) -> bool:
    """A capital or seat names the government when it acts, and a place when it is a place."""
    kb, doc = ctx.kb, ctx.doc
    if g.end < len(doc) and ctx.text[g.end] in POSSESSIVE:
        return True
    root = doc[g.start:g.end].root
    seen = 0
    while root.dep_ == "conj" and seen < 5:
        root = root.head
        seen += 1
    dep = root.dep_
    if dep in ("nsubj", "nsubjpass", "poss", "agent"):
        return True
    if dep == "pobj":
        return root.head.lower_ not in kb.locative_preps
    if dep == "dobj":
        return root.head.lemma_.lower() not in kb.motion_verbs
    return False


def step_known(ctx: Ctx, st: State, gaz: list[Gaz]) -> None:
    """Step 6: countries, demonyms, metonyms, blocs, IGOs, organisations, office holders."""
    kb, doc = ctx.kb, ctx.doc
    for g in gaz:
        if not st.free(g.start, g.end):
            continue
        e = kb.entities.get(g.key)
        if e is None:
            continue
        ent = ctx.ent_at.get(g.start)
        if ent is not None and ent.label_ == "PERSON" and len(ent) > g.end - g.start and not e.type == "person":
            continue
        if _country_prefix_of_org(ctx, g, ent):
            continue  # "the U.S. Immigration and Naturalization Service": the prefix names the body's country
        if g.kind in ("name", "alias") and not e.key.startswith("country:") and ent is not None and \
                ent.label_ in ("ORG", "PERSON", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW"):
            es, ee = ent.start + (ctx.lower[ent.start] == "the"), ent.end
            while ee > es and ctx.text[ee - 1] in POSSESSIVE:
                ee -= 1
            ran_on = (es >= g.start and ee > g.end and (ctx.text[g.end][:1].islower() or ctx.text[g.end] == "(")) or \
                (es < g.start and ee <= g.end and g.start - es <= 4 and any(
                    ctx.pos[k] == "ADP" and ctx.text[k][:1].islower() and ctx.lower[k] != "of" for k in range(es + 1, g.start)))
            prefix = ctx.gaz_by_start.get(es) or ctx.gaz_by_start.get(ent.start)
            if prefix is not None and prefix.end == g.start and _country_prefix_of_org(ctx, prefix, ent):
                es = g.start  # "the U.S. [Immigration and Naturalization Service]": the known body itself
            if (es < g.start + (ctx.lower[g.start] == "the") or ee > g.end) and not ran_on:
                continue  # "Democrats" inside "Liberal Democrats": the larger name is another actor
            # ran_on: the tagger's entity runs past the name into lower-case words ("[Isis from] Syria") or
            # joins two names over a preposition ("[Isis for the YPG]"): each known name is an actor
        if g.kind == "name" and e.type in ("organization", "group") and g.end == g.start + 1 and ent is None \
                and ctx.pos[g.start] == "ADJ":
            continue  # a party adjective on its own is a word ("Conservative estimates"), not the party
        kind = "name"
        if g.kind == "adjective":
            if e.type != "country":
                continue  # bloc adjectives act only through collectives ("Western leaders")
            if g.end < len(doc) and ctx.text[g.end] in ("-", "\u2013") or (g.start > 0 and ctx.text[g.start - 1] in ("-",)):
                continue
            tok = doc[g.start]
            if tok.dep_ in ("pobj", "dobj") and not list(tok.children) and tok.pos_ != "PROPN":
                continue  # a language ("in Russian")
            kind = "adjective"
        elif g.kind == "capital":
            if not _metonym_acts(ctx, g):
                continue
            kind = "metonym"
        elif g.kind == "alias":
            if not ctx.text[g.start][:1].isupper():
                continue
            if ent is not None and ent.label_ in ("GPE", "LOC", "FAC"):
                continue  # a surname that is also a place ("Bolton", "The Hague") named as a place
            key = _partial_name(ctx, kb, g.start, g.end) or g.key
            d = _person_draft(ctx, st, key)
            st.add(g.start, g.end, key, "surname")
            continue
        if g.kind == "people" and e.type == "country" and _ethnic(ctx, g.start):
            # "ethnic Albanians", "ethnic Serbs": a people wherever its members live, not the kin state
            name = doc[g.start - 1:g.end].text
            d = st.draft(f"group:ethnic:{fold(doc[g.start:g.end].text)}", "group")
            d.label = d.label or name
            d.add_sectors(("CVL",))
            st.add(g.start - 1, g.end, d.key, "group")
            continue
        if g.end < len(doc) and ctx.text[g.end] in POSSESSIVE and kind == "name":
            kind = "possessive"
        d = st.draft(e.key, e.type)
        if e.type == "person":
            d.kb_name = e.name
            d.names.append(doc[g.start:g.end].text)
        else:
            d.kb_name, d.country, d.code = e.name, e.country, e.code
            d.add_sectors(e.sector)
            if g.kind == "name":
                form = doc[g.start:g.end].text
                if form[:4] in ("the ", "The "):
                    form = form[4:]
                if form not in d.names:
                    d.names.append(form)
        st.add(g.start, g.end, e.key, kind)


def step_entities(ctx: Ctx, st: State, blocked: bytearray) -> None:
    """Step 7: remaining organisations (ORG; FAC/EVENT with an organisation-like head) and plural NORP."""
    kb, doc = ctx.kb, ctx.doc
    vocab_words = set()
    for table in (kb.titles, kb.modifiers, kb.ranks, kb.bodies):
        for k in table:
            vocab_words.update(k)
    for e in doc.ents:
        if any(blocked[e.start:e.end]):
            continue
        s, en = e.start, e.end
        if ctx.lower[s] == "the":
            s += 1
        while en > s and ctx.text[en - 1] in POSSESSIVE:
            en -= 1
        if s >= en or not st.free(s, en):
            continue
        label = e.label_
        words = ctx.text[s:en]
        seat = ctx.gaz_by_end.get(en)
        if seat is None or seat.kind != "capital" or seat.start != e.start - 1:
            seat = None  # else "[Kremlin] statement": the seat of government named as a body, of its country
        if doc[s:en].text in kb.not_actors or (seat is None and any(
                (g := ctx.gaz_by_start.get(k)) is not None and g.kind == "capital" for k in range(e.start, en))):
            # a capital or seat inside the entity ("the White House readout": the form starts at "the")
            continue
        if label in ("ORG", "PERSON") and not any(w in kb.org_heads for w in words) and \
                ((label == "ORG" and _in_locative(ctx, s, en)) or _is_place(ctx, s, en)
                 or (label == "ORG" and _lone_place(ctx, s, en, set()))):
            continue
        if label == "ORG" or (label in ("FAC", "EVENT") and any(w in kb.org_heads for w in words)):
            if all(w.lower() in vocab_words or not w[:1].isupper() for w in words):
                continue
            if en - s <= 4:
                key = _partial_name(ctx, kb, s, en)
                ps, pe = _strip_name(ctx, s, en)
                if key is None and ps > s and pe - ps <= 2:
                    # "a spokesman for [Mr Blair]" tagged ORG: an honorific or title before a surname
                    key = _partial_name(ctx, kb, ps, pe)
                if key is not None:
                    d = _person_draft(ctx, st, key)
                    st.add(s, en, key, "surname")
                    continue
            name = doc[s:en].text
            country = None
            sectors: list[str] = []
            for k in range(e.start, en):  # "the U.S." is one known form
                g = ctx.gaz_by_start.get(k)
                if g is not None and country is None and g.key.startswith("country:"):
                    country = _country_of(g.key, kb)
                if label == "ORG" and k >= s:
                    sectors += kb.bodies.get((ctx.lower[k],), ())
                    sectors += kb.modifiers.get((ctx.lower[k],), ())
            if seat is not None:
                country = _country_of(seat.key, kb)
            cref = ctx.country_ref_left(s, ctx.sent_start[s])
            start = s
            if cref is not None and st.free(cref[0], s):
                country = _country_of(cref[1], kb) or country
                start = cref[0]
            elif cref is not None and cref[1].startswith("country:") and country is None:
                # "Jordan's Islamic Action Front": the country stays an actor of its own, and names the
                # organisation's country
                country = _country_of(cref[1], kb)
            key = f"org:{fold(name)}"
            d = st.draft(key, "organization")
            d.names.append(name)
            d.country = d.country or country
            d.add_sectors(sectors)
            st.add(start, en, key, "name")
        elif label == "NORP" and ctx.tag[en - 1] in ("NNPS", "NNS"):
            name = doc[s:en].text
            key = f"group:{fold(name)}"
            d = st.draft(key, "group")
            d.names.append(name)
            st.add(s, en, key, "group")


def _country_prefix_of_org(ctx: Ctx, g: Gaz, ent) -> bool:
    """A country name or adjective that opens an ORG entity and is followed by more of its capitalised name
    ("the U.S. Immigration and Naturalization Service", "the U.K. Serious Fraud Office", "American Civil
    Liberties Union"): the prefix says whose body it is and is not an actor of its own."""
    if ent is None or ent.label_ != "ORG" or not g.key.startswith("country:") or g.kind not in ("name", "adjective"):
        return False
    first = ent.start + (ctx.lower[ent.start] == "the")
    if g.start not in (ent.start, first) or g.end >= ent.end:
        return False
    nxt = ctx.text[g.end]
    ee = ent.end - (ctx.text[ent.end - 1] in POSSESSIVE)
    # the name ends in an organisation head ("Service", "Union", "Office"): not a headline in title case
    # ("Cuba Presses for Boy's Return")
    return nxt[:1].isupper() and nxt not in POSSESSIVE and ctx.pos[g.end] in ("PROPN", "NOUN", "ADJ") \
        and ctx.text[ee - 1] in ctx.kb.org_heads


def _ethnic(ctx: Ctx, start: int) -> bool:
    """The reference at ``start`` follows "ethnic" ("ethnic Albanians", "ethnic Russian voters")."""
    return start > ctx.sent_start[start] and ctx.lower[start - 1] == "ethnic"
