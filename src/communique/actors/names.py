"""Steps 7b-7d and 9 of actor recognition: surnames, abbreviations, joined surnames, appositive owners."""

from __future__ import annotations

import re

from .attributes import _month_reading
from .ctx import Ctx
from .kb import fold
from .people import _partial_name
from .state import MentionDraft, State


def step_surnames(ctx: Ctx, st: State) -> None:
    """Step 7b: a capitalised proper noun the tagger left unlabelled that is part of a full name of the
    article ("Ruto said ...")."""
    full: dict[str, list[tuple[int, str]]] = dict(getattr(ctx, "full_names", {}))
    for m in st.mentions:  # full names the knowledge base found ("Theresa May ... talks with May")
        d = st.drafts.get(m.keys[0]) if len(m.keys) == 1 else None
        if d is not None and d.type == "person" and m.end - m.start >= 2 and m.kind == "name":
            for i in range(m.start, m.end):
                if ctx.pos[i] == "PROPN" and (m.start, d.key) not in full.get(ctx.lower[i], []):
                    full[ctx.lower[i]] = [*full.get(ctx.lower[i], []), (m.start, d.key)]
    ctx.full_names = full  # type: ignore[attr-defined]
    if not full:
        return
    for i, w in enumerate(ctx.text):
        if ctx.lower[i] not in full or st.claimed[i] or ctx.pos[i] != "PROPN" or not w[:1].isupper():
            continue
        if i + 1 < len(ctx.text) and ctx.pos[i + 1] == "PROPN" and not st.claimed[i + 1]:
            continue  # part of a longer name
        if ctx.doc[i].ent_type_ in ("DATE", "TIME") and _month_reading(ctx, i):
            continue  # "in May", "May 12": the month, not Theresa May
        key = _partial_name(ctx, ctx.kb, i, i + 1)
        if key is None or key not in st.drafts:
            continue
        st.add(i, i + 1, key, "surname")


#: an abbreviation introduced in brackets: capital letters (and digits), two to six
ABBREVIATION = re.compile(r"^[A-Z][A-Z0-9&]{1,5}$")


def step_abbreviations(ctx: Ctx, st: State) -> None:
    """Step 7c: an abbreviation the article introduces in brackets after an actor ("the Palestinian
    Authority (PA)", "the Syrian Democratic Forces (SDF)") names that actor wherever it stands alone
    later ("shared information with the PA")."""
    doc = ctx.doc
    short: dict[str, str] = {}
    for m in list(st.mentions):
        if len(m.keys) != 1 or m.end + 2 >= len(doc) or ctx.text[m.end] != "(" or ctx.text[m.end + 2] != ")":
            continue
        d = st.drafts.get(m.keys[0])
        abbr = ctx.text[m.end + 1]
        if d is None or d.type == "person" or not ABBREVIATION.match(abbr) or m.end - m.start < 2:
            continue
        if not st.claimed[m.end + 1]:
            st.add(m.end + 1, m.end + 2, d.key, "name")
        else:  # the tagger made an actor of the abbreviation alone ("KDF"): it is the named one
            for other in st.mentions:
                if other.start == m.end + 1 and len(other.keys) == 1 and other.keys[0] != d.key:
                    od = st.drafts.get(other.keys[0])
                    if od is not None and od.type != "person" and set(od.names) <= {abbr} and \
                            od.country in (None, d.country):
                        had = list(d.names)
                        st.merge(od.key, d.key)
                        d.names = had  # named as introduced, not by the abbreviation
                    elif od is not None and od.type != "person" and od.country and not d.country and \
                            d.key.startswith("org:"):
                        st.merge(d.key, od.key)  # a known group's abbreviation: the long form is it
                        d = od
                    break
        short.setdefault(abbr, d.key)
    if not short:
        return
    for i, w in enumerate(ctx.text):
        key = short.get(w)
        if key is None or st.claimed[i] or ctx.pos[i] not in ("PROPN", "NOUN", "X"):
            continue
        start = i - 1 if i > 0 and ctx.lower[i - 1] == "the" and not st.claimed[i - 1] else i
        st.add(start, i + 1, key, "name")


def step_join_surnames(st: State) -> None:
    """Step 7d: a person known only by a surname and no country ("Mr Blair" read before the article's full
    name was known) is the one person of the article whose full name ends with it ("British Prime Minister
    Tony Blair", found by the knowledge base); two such people ("Donald Trump", "Melania Trump") leave it."""
    persons = [d for d in st.drafts.values() if d.type == "person"]
    full: dict[str, set[str]] = {}
    for d in persons:
        for n in [*d.names, *([d.kb_name] if d.kb_name else [])]:
            parts = n.split()
            if len(parts) >= 2:
                full.setdefault(fold(parts[-1]), set()).add(d.key)
    for d in persons:
        if d.country or not d.names or any(len(n.split()) > 1 for n in d.names) or d.key not in st.drafts:
            continue
        cands = full.get(fold(d.names[0]), set()) - {d.key}
        if len(cands) == 1:
            st.merge(d.key, cands.pop())


def step_appositive_owner(ctx: Ctx, st: State) -> None:
    """Step 9: a person still of no country takes the country (and, for a body, the sectors) of the first
    state, organisation or group named in an appositive description headed by a ``member_heads`` noun
    ("Leyla Demir, the deputy head of the foreign office of the SDF,", "Omar Saleh, the lead envoy
    for the Houthis,"); "a critic of the government" gives nothing."""
    doc = ctx.doc
    at: dict[int, MentionDraft] = {}
    for m in st.mentions:
        for t in range(m.start, m.end):
            at.setdefault(t, m)
    for d in list(st.drafts.values()):
        if d.type != "person" or d.country is not None:
            continue
        for m in sorted((m for m in st.mentions if m.keys == (d.key,)), key=lambda m: m.start):
            root = doc[m.start:m.end].root
            appos = next((c for c in root.children if c.dep_ == "appos" and c.i >= m.end and c.pos_ == "NOUN"), None)
            if appos is None or appos.lemma_.lower() not in ctx.kb.member_heads:
                continue
            owner = None
            for t in appos.subtree:
                om = at.get(t.i)
                od = st.drafts.get(om.keys[0]) if om is not None and len(om.keys) == 1 else None
                if od is not None and od.key != d.key:
                    if od.country and od.country != "IGO" and f"country:{od.country}" not in ctx.kb.entities:
                        continue  # a region named inside a title ("head of the Middle East programme")
                    owner = od if od.type != "person" and od.country else None
                    break
            if owner is not None:
                d.country = owner.country
                if owner.type in ("organization", "group"):
                    d.add_sectors(owner.sectors)
                break


#: words before a month name that make it the month ("in May", "since March", "early May")
