"""Steps 2-3 of actor recognition: people (names, titles, appositives) and role descriptions."""

from __future__ import annotations

import logging

from .attributes import _focus_country, _focus_role
from .ctx import DETERMINERS, ORG_INTERNAL, POSSESSIVE, Ctx, RoleParse
from .kb import KnowledgeBase, fold
from .placing import _country_of, _in_locative, _is_place, _lone_place, _place_gazetteer
from .roles import _strip_name, parse_role_left
from .state import Draft, State

log = logging.getLogger(__name__)

# words after which an appositive role may end, before a known country or organisation
APPOSITIVE_ROLE_ENDS = frozenset({"of", "for", "to", "at"})

# --------------------------------------------------------------------------------------------------
# steps 2-3
# --------------------------------------------------------------------------------------------------


def _kb_person_draft(st: State, kb: KnowledgeBase, key: str) -> Draft:
    e = kb.entities[key]
    d = st.draft(key, "person")
    d.kb_name = e.name
    return d


def _person_draft(ctx: Ctx, st: State, key: str) -> Draft:
    """The draft of a person, with the full name the article gives them (for surname mentions)."""
    d = _kb_person_draft(st, ctx.kb, key) if key in ctx.kb.entities else st.draft(key, "person")
    full = ctx.full_text.get(key)
    if full and full not in d.names:
        d.names.append(full)
    return d


def _apply_role(d: Draft, rp: RoleParse | None, kb: KnowledgeBase) -> None:
    if rp is None:
        return
    if rp.role and not rp.relational and (not d.role_from_text or len(rp.role) > len(d.role or "")):
        d.role, d.role_from_text = rp.role, True
        d.office = rp.office or d.office
    elif rp.relational and not d.role:
        d.role = rp.role
    org = kb.entities.get(rp.country_key) if rp.country_key and rp.country_key.startswith("org:") else None
    internal = rp.office == "leader" or any(w in (rp.role or "") for w in (*ORG_INTERNAL, "leader"))
    if org is not None and org.country != "IGO" and org.sector and "GOV" not in org.sector \
            and d.type == "person" and (internal or "PTY" not in org.sector):
        # "Hamas spokesman", "Isis leader": the person speaks for or leads a group, not a government
        # ("Conservative minister" is a government minister of that party: GOV stays)
        d.add_sectors(org.sector)
        d.add_sectors([x for x in rp.sectors if x != "GOV"])
    elif not rp.relational or rp.sectors:
        d.add_sectors(rp.sectors)
    c = _country_of(rp.country_key, kb)
    if c == "IGO" and rp.accredited:
        c = None  # "the UN ambassador, Karen Pierce": an ambassador to the UN, of a country the text gives
    if c and not (d.country and d.key.startswith("person:") and d.kb_name):
        d.country = c
    if c is None and rp.title_country:
        d.title_country = d.title_country or rp.title_country  # used when nothing else names the country
    if c == "IGO":
        d.add_sectors(("IGO",))  # an officer of an international organisation
        if rp.country_key and not rp.country_key.startswith("country:") and d.type == "person":
            d.org = d.org or rp.country_key  # "NATO Secretary General": NATO's own code
    elif c is None and org is not None and org.country is None and org.code and d.type == "person":
        d.org = d.org or rp.country_key  # "Kurdish journalist", "Isis commander": the people's or group's code


def step_people(ctx: Ctx, st: State, blocked: bytearray, relational: list[tuple[str, RoleParse]]) -> None:
    """Step 2: PERSON entities with titles, appositives, surnames and known office holders."""
    kb, doc = ctx.kb, ctx.doc
    persons: list[tuple[int, int]] = []
    in_full_names = {t.lower_ for e in doc.ents if e.label_ == "PERSON" and len(e) >= 2 for t in e}
    known_names = [g for g in ctx.gaz_by_start.values() if g.end - g.start >= 2]
    for e_start, e_end in sorted(_person_spans(ctx) + _demonym_name_spans(ctx)):
        if any(blocked[e_start:e_end]):
            continue
        s, en = _strip_name(ctx, e_start, e_end)
        if s >= en:
            continue
        if s == e_start:
            s = _extend_name_left(ctx, s, blocked)
        # a known country, bloc or organisation mislabelled as a person
        g = ctx.gaz_by_start.get(s)
        if g is not None and g.end == en and not g.key.startswith("person:"):
            continue
        g_the = ctx.gaz_by_start.get(s + 1) if ctx.lower[s] == "the" else None
        if g_the is not None and g_the.end == en and not g_the.key.startswith("person:"):
            continue  # "the Lib Dems" tagged PERSON: the party
        if any(o.start < s and en <= o.end and o.kind == "name" and not o.key.startswith(("person:", "country:"))
               for o in known_names):
            continue  # a piece of a longer known name ("[Hay'at] Tahrir [al-Sham]": the group, not a person)
        if not any(ctx.text[i][:1].isupper() for i in range(s, en)):
            continue
        if en - s == 1 and ((ctx.lower[s],) in kb.ranks or (ctx.lower[s], ".") in kb.ranks):
            continue  # a rank alone ("Brig")
        if doc[s:en].text in kb.not_actors or (en - s == 1 and _in_locative(ctx, s, en)):
            continue
        if _is_place(ctx, s, en) or _lone_place(ctx, s, en, in_full_names):
            continue
        if en - s >= 2 and ctx.tag[en - 1] in ("NNPS", "NNS") and g is not None and g.kind == "adjective" \
                and g.key.startswith("country:"):
            # "Bosnian Serbs", "Iraqi Kurds": a people of a country, not a person
            name = doc[s:en].text
            d = st.draft(f"group:{g.key}:{fold(name)}", "group")
            d.names.append(name)
            d.country = _country_of(g.key, kb)
            st.add(s, en, d.key, "group")
            continue
        if g is not None and g.kind in ("adjective", "people") and g.key.startswith("country:") \
                and en - g.end >= 2 and all(ctx.text[k][:1].isupper() for k in range(g.end, en)):
            s = g.end  # "Briton Terry Waite", "[American Scott Ritter]": the nationality, then the name
        persons.append((s, en))
    # full names of the article: token -> keys, for surnames and partial names
    full: dict[str, list[tuple[int, str]]] = {}
    relatives: set[str] = set()
    for s, en in persons:
        if en - s >= 2:
            name = doc[s:en].text
            key = _person_key(kb, name)
            ctx.full_text.setdefault(key, name)
            if _after_kinship_word(ctx, s):
                relatives.add(key)
            for i in range(s, en):  # case-folded: "Bin Salman" is part of "Mohammed bin Salman"
                full.setdefault(ctx.lower[i], []).append((s, key))
    ctx.full_names = full  # type: ignore[attr-defined]
    ctx.relatives = relatives  # type: ignore[attr-defined]
    for s, en in persons:
        if not st.free(s, en):
            continue
        name = doc[s:en].text
        key = None
        kind = "name"
        if en - s == 1 or name not in kb.forms:
            key = _partial_name(ctx, kb, s, en)
            if key is not None:
                kind = "surname"
        if key is None:
            key = _person_key(kb, name)
        d = _person_draft(ctx, st, key)
        if kind == "name":
            d.names.append(name)
        rp = parse_role_left(ctx, s)
        start = s
        if rp is not None and st.free(rp.start, s):
            _apply_role(d, rp, kb)
            start = rp.start
            if rp.relational:
                relational.append((key, rp))
        else:
            rp = _appositive_role(ctx, en)
            if rp is not None:
                _apply_role(d, rp, kb)
            elif not d.role and (kin := _kinship_word(ctx, s)) is not None:
                d.role = kin  # "the boy's father, Juan Gonzalez": the relation is the role the text gives
            nat = ctx.gaz_by_end.get(s)
            if nat is not None and nat.kind in ("adjective", "people") and nat.key.startswith("country:") \
                    and nat.start >= ctx.sent_start[s] and st.free(nat.start, s):
                # "American Scott Ritter", "Frenchman Jean X": a nationality right before the name
                d.country = d.country or _country_of(nat.key, kb)
                start = nat.start
            # "Russia's Vladimir Putin", "Egypt's Abdel Fatah al-Sisi": a country right before the name
            cref = ctx.country_ref_left(s, ctx.sent_start[s])
            if cref is not None and cref[1].startswith("country:") and ctx.text[s - 1] in POSSESSIVE \
                    and st.free(cref[0], s):
                d.country = d.country or _country_of(cref[1], kb)
                start = cref[0]
        st.add(start, en, key, kind)


def _person_spans(ctx: Ctx) -> list[tuple[int, int]]:
    """The PERSON entities, two the tagger cut apart with nothing between them ("[Assad Karim] [Haddad]")
    joined into one name."""
    spans: list[tuple[int, int]] = []
    for e in ctx.doc.ents:
        if e.label_ != "PERSON":
            continue
        if spans and spans[-1][1] == e.start and ctx.pos[e.start] == "PROPN" \
                and ctx.pos[e.start - 1] == "PROPN" and not ctx.doc[e.start].is_sent_start:
            spans[-1] = (spans[-1][0], e.end)
        else:
            spans.append((e.start, e.end))
    return spans


def _extend_name_left(ctx: Ctx, s: int, blocked: bytearray) -> int:
    """A PERSON entity the tagger started late ("Nisreen [Assad Ibrahim Bahar]"): take in the capitalised
    proper nouns right before it that no other entity, title or rank claims. A known person's name may sit
    inside the run ("Assad" there is no Bashar al-Assad) but does not begin it."""
    kb, floor = ctx.kb, ctx.sent_start[s]
    j = s - 1
    while j >= floor and parse_role_left(ctx, j + 1) is None:  # "Chancellor of the Exchequer Ada X"
        w = ctx.text[j]
        if ctx.pos[j] != "PROPN" or not w[:1].isupper() or not w[1:2].islower() or blocked[j]:
            break
        if ctx.doc[j].ent_type_ not in ("", "PERSON"):
            if j < s - 1 and _first_name_as_place(ctx, j):
                j -= 1  # "[Salma]GPE Assad [Yusuf Omar]": a first name the tagger took for a place
            break
        hit = kb.forms.get(w)
        if hit is not None and not hit[0].startswith("person:"):
            break
        low = (ctx.lower[j],)
        if low in kb.titles or low in kb.ranks or low in kb.modifiers or (ctx.lower[j], ".") in kb.ranks:
            break
        j -= 1
    k = j + 1
    while k < s and (ctx.text[k] in kb.forms or k in ctx.gaz_by_start):
        k += 1  # a run that begins with a known name is that person next to another name
    return k


def _first_name_as_place(ctx: Ctx, j: int) -> bool:
    """A one-word GPE the places gazetteer does not know, or knows only as a small town."""
    ent = ctx.ent_at.get(j)
    if ent is None or ent.label_ != "GPE" or len(ent) != 1 or ctx.text[j] in ctx.kb.forms:
        return False
    try:
        e = _place_gazetteer().resolve(ctx.text[j])
    except Exception:  # no gazetteer: keep the tagger's reading
        log.debug("places gazetteer unavailable", exc_info=True)
        return False
    return e is None or (e.feature == "city" and e.population < ctx.kb.lone_place_min_population)


def _after_kinship_word(ctx: Ctx, s: int) -> bool:
    """A name introduced as someone's relative: "his brother Ali X", "X's widow, Ana X"."""
    return _kinship_word(ctx, s) is not None


def _kinship_word(ctx: Ctx, s: int) -> str | None:
    """The word naming the relation right before a name ("his brother Ali X", "X's widow, Ana X")."""
    j = s - 1
    if j >= 0 and ctx.text[j] == ",":
        j -= 1
    return ctx.lower[j] if j >= ctx.sent_start[s] and ctx.lower[j] in ctx.kb.kinship else None


def _person_key(kb: KnowledgeBase, name: str) -> str:
    hit = kb.forms.get(name)
    if hit is not None and hit[0].startswith("person:"):
        return hit[0]
    return f"person:{fold(name)}"


def _partial_name(ctx: Ctx, kb: KnowledgeBase, s: int, en: int) -> str | None:
    """A surname or partial name: a full name of the article containing these tokens (the nearest one
    before, else after), else a knowledge-base alias."""
    full: dict[str, list[tuple[int, str]]] = getattr(ctx, "full_names", {})
    toks = ctx.text[s:en]
    cands: set[str] | None = None
    where: dict[str, int] = {}
    for t in toks:
        t = t.lower()
        keys = {k for _, k in full.get(t, [])}
        for pos, k in full.get(t, []):
            if pos < s:
                where[k] = max(where.get(k, -1), pos)
            else:
                where.setdefault(k, -10**9 + pos)
        cands = keys if cands is None else cands & keys
    if cands:
        own = f"person:{fold(' '.join(toks))}"
        cands.discard(own)
        if cands:
            # a known figure first ("Trump" is Donald Trump, not Donald Trump Jr.), then one not introduced
            # as a relative ("Matar's brother, Muhammad Nour Matar" ... "Matar said"), then the nearest
            relatives: set[str] = getattr(ctx, "relatives", set())
            return max(cands, key=lambda k: (k in kb.entities, k not in relatives, where.get(k, -10**9)))
    hit = kb.forms.get(" ".join(toks))
    if hit is not None and hit[0].startswith("person:"):
        return hit[0]
    return None


def _appositive_role(ctx: Ctx, en: int) -> RoleParse | None:
    """"Li Shangfu, China's defence minister, ..." -> the role after the comma."""
    doc = ctx.doc
    if en >= len(doc) or ctx.text[en] != ",":
        return None
    if en + 2 < len(doc) and ctx.text[en + 1].isdigit() and ctx.text[en + 2] == ",":
        en += 2  # "Prakash Shah, 58, a former ambassador": the age before the description
    if en + 1 < len(doc) and ctx.lower[en + 1] in ("and", "or", "but", "while"):
        return None  # "John Bolton, and secretary of state, Mike Pompeo": the title is the next person's
    limit = min(len(doc), en + 9)
    for k in range(en + 2, limit + 1):
        if k < len(doc) and ctx.text[k - 1] not in (",",) and ctx.text[k] not in (",", ".", ";", ")", "\u2014", "-") \
                and not (ctx.lower[k] in APPOSITIVE_ROLE_ENDS and k + 1 < len(doc)
                         and (ctx.gaz_by_start.get(k + 1) is not None
                              or ctx.gaz_by_start.get(k + 1 + (ctx.lower[k + 1] == "the")) is not None)):
            continue  # the role ends at punctuation, or before "of <country>" ("the prime minister of Kenya",
            # "a spokesman for the Kremlin", "a former ambassador to the United Nations")
        rp = parse_role_left(ctx, k)
        if rp is not None and rp.role and rp.start in (en + 1, en + 2):
            return rp
        if k < len(doc) and ctx.text[k] in (",", ".", ";"):
            break
    return None


def step_role_descriptions(ctx: Ctx, st: State, relational: list[tuple[str, RoleParse]]) -> None:
    """Step 3: a title with a country and no name: the office holder, or a person known by role."""
    kb, doc = ctx.kb, ctx.doc
    last_words = {k[-1] for k in kb.titles}
    for i in reversed(ctx.indices(last_words)):
        if st.claimed[i] or ctx.pos[i] not in ("NOUN", "PROPN"):
            continue
        if ctx.tag[i] in ("NNS", "NNPS"):
            continue
        nxt = i + 1
        if nxt < len(doc) and ctx.ent_type[nxt] == "PERSON":
            continue
        rp = parse_role_left(ctx, i + 1)
        if rp is None or not rp.role or not st.free(rp.start, i + 1):
            continue
        named = _after_named_person(ctx, st, rp.start - (1 if rp.det else 0))
        if named is not None:
            # "Maria Lopez, 44, the Mexican foreign minister": the name before says who it is (step 2 gave
            # it the role); the description is a mention of that person, not the office holder
            st.add(rp.start, i + 1, named, "title")
            continue
        if rp.country_key is not None:
            country = _country_of(rp.country_key, kb)
        elif rp.title_country and rp.det == "the" and not rp.relational \
                and not (nxt < len(doc) and ctx.lower[nxt] in ("for", "of")):
            if nxt + 1 < len(doc) and ctx.text[nxt] == "," and _known_person_at(ctx, nxt + 1):
                continue  # "the acting defence secretary, Patrick Shanahan": the name says who, and where from
            country = rp.title_country  # "the foreign secretary": a title only one country has
        elif _focus_role(kb, rp.role) and rp.det in ("the", "a", None) \
                and (country := _focus_country(ctx, i)) is not None:
            pass  # "Russia rejected it. A defence ministry spokesman said ...": the country in focus
        else:
            continue
        # a name the tagger missed after the title ("Jordan's King Abdullah II")
        k = i + 1
        while k < len(doc) and ctx.pos[k] == "PROPN" and ctx.text[k][:1].isupper() and not st.claimed[k] \
                and k not in ctx.gaz_by_start and k - i <= 4:
            k += 1
        if k > i + 1:
            name = doc[i + 1:k].text
            key = _person_key(kb, name)
            d = _person_draft(ctx, st, key)
            d.names.append(name)
            _apply_role(d, rp, kb)
            st.add(rp.start, k, key, "name")
            continue
        key = None
        owner = kb.entities.get(rp.country_key)
        party = owner is not None and "PTY" in (owner.sector or ())
        # "the Australian foreign minister, Mavis Tregear, ...": the description is the name after it, which
        # joins it in step 8; it is not the office holder of the knowledge base
        appos = nxt + 1 < len(doc) and ctx.text[nxt] == "," and ctx.ent_type[nxt + 1] == "PERSON" \
            and not _known_person_at(ctx, nxt + 1)
        if rp.office and country and not party and rp.det not in ("a", "an"):
            # "the Labour leader" leads a party, not the country; "an American leader of the team" is one
            # of many, not the holder of the office
            term = kb.holder(country, rp.office, ctx.published)
            # a name in apposition that is not the holder ("the Australian foreign minister, Mavis Tregear")
            # is who the description is; a part of the holder's name ("Ursula von der") is the holder
            if term is not None and (not appos or ctx.ent_at[nxt + 1].text in term.name):
                key = term.person
        if key is None:
            key = f"role:{country}:{fold(doc[rp.start:i + 1].text if party else rp.role)}"
            d = st.draft(key, "person")
            s0 = rp.start + (1 if ctx.lower[rp.start] in DETERMINERS else 0)
            d.label = d.label or doc[s0:i + 1].text  # named as the text names them: "the Ugandan ambassador"
            _apply_role(d, rp, kb)
            d.country = d.country or (country if rp.country_key is None and not rp.title_country else None)
            if party and owner is not None:  # a party office, not a government one: no GOV
                d.sectors = [*owner.sector, *(x for x in d.sectors if x not in owner.sector and x != "GOV")]
        else:
            d = _kb_person_draft(st, kb, key)
            if rp.office == "leader":  # "the Syrian leader": the holder's own office names the role
                d.country = d.country or country
                d.add_sectors(rp.sectors)
            else:
                _apply_role(d, rp, kb)
        st.add(rp.start, i + 1, key, "title")


def _known_person_at(ctx: Ctx, i: int) -> bool:
    """The PERSON entity at token ``i`` names a person of the knowledge base."""
    e = ctx.ent_at.get(i)
    if e is None:
        return False
    s, en = _strip_name(ctx, e.start, e.end)
    hit = ctx.kb.forms.get(ctx.doc[s:en].text) if s < en else None
    return hit is not None and hit[0].startswith("person:")


def _after_named_person(ctx: Ctx, st: State, s: int) -> str | None:
    """The person whose name stands right before the description starting at token ``s``, as its
    appositive: "Name, the Mexican foreign minister", "Name, 44, a former ambassador"."""
    if s < 2 or ctx.text[s - 1] != ",":
        return None
    j = s - 2
    if j >= 2 and ctx.text[j].isdigit() and ctx.text[j - 1] == ",":
        j -= 2
    if ctx.ent_type[j] != "PERSON" or ctx.sent_id[j] != ctx.sent_id[s]:
        return None
    for m in st.mentions:
        if m.end == j + 1 and len(m.keys) == 1:
            d = st.drafts.get(m.keys[0])
            return m.keys[0] if d is not None and d.type == "person" else None
    return None


def _demonym_name_spans(ctx: Ctx) -> list[tuple[int, int]]:
    """ORG entities that are a nationality and a person's name ("[American Scott Ritter]ORG"): the name
    (two or more capitalised words, no organisation head) is a PERSON entity elsewhere in the article, in
    full or by its last word ("Ritter said")."""
    people = {e.text for e in ctx.doc.ents if e.label_ == "PERSON"}
    out: list[tuple[int, int]] = []
    for e in ctx.doc.ents:
        if e.label_ != "ORG":
            continue
        g = ctx.gaz_by_start.get(e.start)
        if g is None or g.kind not in ("adjective", "people") or not g.key.startswith("country:"):
            continue
        en = e.end - (ctx.text[e.end - 1] in POSSESSIVE)
        rest = ctx.doc[g.end:en]
        if len(rest) < 2 or not all(t.text[:1].isupper() and t.pos_ == "PROPN" for t in rest) \
                or ctx.text[en - 1] in ctx.kb.org_heads or rest.text in ctx.kb.forms:
            continue
        if rest.text in people or rest[-1].text in people:
            out.append((e.start, en))
    return out
