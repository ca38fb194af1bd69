"""``communique_actors``: find actor mentions and resolve them to actors, in small steps.

Steps (each one claims the tokens of the mentions it makes, so later steps never double-count):

1. ``gazetteer``: one PhraseMatcher pass over every known form (countries, adjectives, demonyms, capitals,
   blocs, organisations, office holders), longest match first.
2. ``people``: each PERSON entity, with its title ("Chinese Defence Minister", "spokesperson Colonel"),
   appositive role and name; ranks stripped from the name and kept in the role; surnames and partial names
   linked to a full name of the article, then to office holders of the knowledge base.
3. ``role descriptions``: "China's defence minister", "the Russian foreign ministry spokesperson": the
   office holder on the publication date when the knowledge base knows the office, else a person by role.
4. ``bodies``: organisations from a country reference and a body noun ("China's defence ministry",
   "the Russian army", "Russia's official TASS news agency").
5. ``collectives``: demonym or bloc adjective + collective noun ("Western leaders", "Russian troops").
6. ``known names``: countries, metonyms (capitals that act), blocs, IGOs, organisations, office holders.
7. ``entities``: remaining ORG (and organisation-like FAC/EVENT) and plural NORP entities.
8. ``context``: a person with a role but no country takes the country of the organisation they speak for
   in the sentence; "his counterpart" takes the role of the person "his" refers to; office holders get
   their office when the text gives none; a role-only description joins the named person with that role.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.attrs import DEP, ENT_TYPE, LOWER, ORTH, POS, SENT_START, TAG
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from ..records import METADATA_ZONES

if TYPE_CHECKING:
    from ..places.gazetteer import Gazetteer
from .kb import KnowledgeBase, fold, make_code
from .state import Draft, MentionDraft, State

log = logging.getLogger(__name__)

POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "whose", "this", "that"})
POSS_PRONOUNS = frozenset({"his", "her"})
ORG_INTERNAL = ("spokes", "press secretary", "director", "head", "chief", "chair", "commander", "official")


@dataclass(frozen=True)
class Gaz:
    start: int
    end: int
    key: str
    kind: str  # name, adjective, people, capital, alias


@dataclass
class RoleParse:
    start: int  # first token of the whole description (determiner excluded)
    role: str | None
    sectors: tuple[str, ...]
    office: str | None
    relational: bool
    country_key: str | None
    possessor: int | None  # token index of "his"/"her"
    det: str | None
    title_country: str | None = None  # the country the title alone names, when the text names none
    accredited: bool = False  # "UN ambassador": the IGO before the title is not the person's own


# --------------------------------------------------------------------------------------------------
# matcher
# --------------------------------------------------------------------------------------------------

_MATCHERS: dict[tuple[int, int], tuple[PhraseMatcher, list[tuple[str, str]], KnowledgeBase]] = {}


def get_matcher(vocab: Vocab, kb: KnowledgeBase, make_doc) -> tuple[PhraseMatcher, list[tuple[str, str]]]:
    """One PhraseMatcher (ORTH) per vocab and knowledge base, built once."""
    cache_key = (id(vocab), id(kb))
    hit = _MATCHERS.get(cache_key)
    if hit is not None and hit[2] is kb:
        return hit[0], hit[1]
    matcher = PhraseMatcher(vocab, attr="ORTH")
    labels: list[tuple[str, str]] = []
    forms = list(kb.forms.items())
    docs = [make_doc(f) for f, _ in forms]
    for (_form, target), d in zip(forms, docs, strict=True):
        label = f"A{len(labels)}"
        labels.append(target)
        matcher.add(label, [d])
    _MATCHERS.clear()
    _MATCHERS[cache_key] = (matcher, labels, kb)  # holding kb keeps its id from being reused
    return matcher, labels


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------


class Ctx:
    """Per-document lookups built once."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, gaz: list[Gaz]) -> None:
        self.doc = doc
        self.kb = kb
        strings = doc.vocab.strings
        n = len(doc)
        arr = doc.to_array([ORTH, LOWER, POS, TAG, DEP, SENT_START, ENT_TYPE]).tolist() if n else []
        self.text = [strings[r[0]] for r in arr]
        self.lower = [strings[r[1]] for r in arr]
        self.pos = [strings[r[2]] for r in arr]
        self.tag = [strings[r[3]] for r in arr]
        self.dep = [strings[r[4]] for r in arr]
        self.ent_type = [strings[r[6]] for r in arr]
        self.gaz_by_start = {g.start: g for g in gaz}
        self.gaz_by_end = {g.end: g for g in gaz}
        self.sent_start = [0] * n
        self.sent_id = [0] * n
        sid, sstart = -1, 0
        for i, r in enumerate(arr):
            if i == 0 or r[5] == 1:
                sid += 1
                sstart = i
            self.sent_start[i] = sstart
            self.sent_id[i] = sid
        self.ent_at: dict[int, Span] = {}
        for e in doc.ents:
            for i in range(e.start, e.end):
                self.ent_at[i] = e
        self.published: dt.date | None = getattr(doc._, "published", None)
        self.full_text: dict[str, str] = {}

    @property
    def doc_text(self) -> str:
        """``doc.text``, built once (spaCy joins the tokens on every access)."""
        t = self.__dict__.get("_doc_text")
        if t is None:
            t = self.__dict__["_doc_text"] = self.doc.text
        return t

    def indices(self, words: set[str] | frozenset[str] | dict) -> list[int]:
        """Token indices whose lower-case form is in ``words``."""
        return [i for i, w in enumerate(self.lower) if w in words]

    def match_left(self, end: int, table: dict, maxlen: int, floor: int) -> tuple[int, tuple[str, ...]] | None:
        """Longest key of ``table`` (lower-case token tuple) ending at token ``end`` (exclusive)."""
        for n in range(min(maxlen, end - floor), 0, -1):
            key = tuple(self.lower[end - n:end])
            if key in table:
                return end - n, key
        return None

    def country_ref_left(self, end: int, floor: int) -> tuple[int, str] | None:
        """A country/bloc reference ending at ``end``: "Chinese", "China's", "US" (compound)."""
        if end <= floor:
            return None
        g = self.gaz_by_end.get(end)
        if g is not None and g.kind in ("adjective", "name", "people") and _is_place_entity(g.key):
            return g.start, g.key
        if self.text[end - 1] in POSSESSIVE and end - 1 > floor:
            g = self.gaz_by_end.get(end - 1)
            if g is not None and _is_place_entity(g.key) and g.kind in ("name", "capital"):
                return g.start, g.key
        return None


def _is_place_entity(key: str) -> bool:
    return key.startswith("country:") or key.startswith("org:")


def _blocked(doc: Doc, kb: KnowledgeBase) -> bytearray:
    """Tokens of metadata: marked zones, and (when no zones were marked) credit-like lines/brackets."""
    blocked = bytearray(len(doc))
    art = getattr(doc._, "article", None)
    spans: list[tuple[int, int]] = []
    if art is not None:
        spans += [(z.start, z.end) for z in art.zones if z.kind in METADATA_ZONES]
    text = art.text if art is not None else None
    if text is None or not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        text = doc.text
    # the article's own credit and byline strings, wherever they sit; its agency as a line of its own
    meta_strings = [c for c in (art.credits if art is not None else []) if c and len(c) > 3]
    if art is not None and art.byline and len(art.byline) > 3:
        meta_strings.append(art.byline)
    for m in meta_strings:
        k = text.find(m)
        while k >= 0:
            spans.append((k, k + len(m)))
            k = text.find(m, k + len(m))
    own_lines = {x.strip() for x in (art.source_agency, art.byline) if x} if art is not None else set()
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (any(stripped.startswith(p) for p in kb.line_prefixes) or stripped in own_lines):
            spans.append((pos, pos + len(line)))
        elif "[" in line or "(" in line:
            for open_, close in (("[", "]"), ("(", ")")):
                i = line.find(open_)
                while i >= 0:
                    j = line.find(close, i)
                    if j < 0:
                        break
                    seg = line[i:j]
                    if any(m in seg for m in kb.credit_markers):
                        spans.append((pos + i, pos + j + 1))
                    i = line.find(open_, j)
        pos += len(line) + 1
    if not spans:
        return blocked
    for start, end in spans:
        sp = doc.char_span(start, end, alignment_mode="expand")
        if sp is not None:
            for i in range(sp.start, sp.end):
                blocked[i] = 1
    return blocked


def gazetteer(doc: Doc, matcher: PhraseMatcher, labels: list[tuple[str, str]], blocked: bytearray) -> list[Gaz]:
    """Step 1: non-overlapping known forms, longest first."""
    found = []
    for match_id, start, end in matcher(doc):
        if any(blocked[start:end]):
            continue
        key, kind = labels[int(doc.vocab.strings[match_id][1:])]
        found.append(Gaz(start, end, key, kind))
    found.sort(key=lambda g: (-(g.end - g.start), g.start))
    taken = bytearray(len(doc))
    out = []
    for g in found:
        if not any(taken[g.start:g.end]):
            out.append(g)
            for i in range(g.start, g.end):
                taken[i] = 1
    out.sort(key=lambda g: g.start)
    return out


def parse_role_left(ctx: Ctx, end: int, *, need_title: bool = True) -> RoleParse | None:
    """Parse a title phrase ending at ``end`` (exclusive): [det] [country] [modifiers] title [ranks]."""
    kb = ctx.kb
    floor = ctx.sent_start[end - 1] if end > 0 else 0
    while floor >= 2 and ctx.text[floor - 1] == "." and (ctx.lower[floor - 2], ".") in kb.ranks:
        floor = ctx.sent_start[floor - 2]  # "Brig. Gen.": the tagger ended a sentence at the abbreviation
    j = end
    ranks: list[str] = []
    sectors: list[str] = []
    accredited = False
    while True:
        m = ctx.match_left(j, kb.ranks, kb.max_rank_len, floor)
        if m is None:
            break
        start, key = m
        t = ctx.match_left(j, kb.titles, kb.max_title_len, floor)
        if t is not None and t[0] < start:
            break  # "Secretary General" is a title, not the rank "General"
        is_rank, rs = kb.ranks[key]
        accredited = accredited or (key in kb.titles and kb.titles[key].accredited)  # "UN Ambassador X"
        if is_rank:
            ranks.insert(0, kb.rank_names.get(key, " ".join(key)))
            sectors += rs
        j = start
    t = ctx.match_left(j, kb.titles, kb.max_title_len, floor)
    words: list[str] = []
    office = None
    relational = False
    title_country = None
    title_end = j
    if t is None:
        if need_title and not ranks:
            return None
    else:
        j, key = t
        title_end = j + len(key)
        title = kb.titles[key]
        words = list(key)
        sectors = list(title.sector) + sectors
        office, relational, title_country = title.office, title.relational, title.country
        accredited = accredited or title.accredited
        while True:
            m = ctx.match_left(j, kb.modifiers, kb.max_modifier_len, floor)
            if m is None:
                break
            j, mkey = m
            words = list(mkey) + words
            sectors += kb.modifiers[mkey]
            if office is None and len(words) >= 2:
                whole = kb.titles.get(tuple(words))
                if whole is not None:
                    office = whole.office
    if j == end:
        return None
    role_words = ctx.doc[j:title_end].text.lower() if words else ""
    former = False
    if ranks:
        role_words = f"{role_words}, {' '.join(ranks)}" if role_words else " ".join(ranks)
    if j > floor and ctx.lower[j - 1] in ("former", "ex", "then"):
        former = ctx.lower[j - 1] != "then"
        j -= 1
    cref = ctx.country_ref_left(j, floor)
    country_key = None
    if cref is not None:
        j, country_key = cref
        title_country = None
        if accredited and not country_key.startswith("country:"):
            # "Syria's UN ambassador": the country before the IGO is the ambassador's own
            own = ctx.country_ref_left(j, floor)
            if own is not None and own[1].startswith("country:"):
                j, country_key = own
    elif j > floor and ctx.pos[j - 1] == "PROPN" and ctx.text[j - 1][:1].isupper():
        title_country = None  # qualified by a name we do not know ("Northern Ireland Secretary of State")
    if j > floor and ctx.lower[j - 1] in ("former", "ex", "then"):
        former = former or ctx.lower[j - 1] != "then"
        j -= 1
    if former and role_words and not role_words.startswith("former"):
        role_words = f"former {role_words}"
    possessor = None
    det = None
    if j > floor and ctx.lower[j - 1] in DETERMINERS:
        det = ctx.lower[j - 1]
        if det in POSS_PRONOUNS:
            possessor = j - 1
    return RoleParse(start=j, role=role_words or None, sectors=tuple(dict.fromkeys(sectors)), office=office,
                     relational=relational, country_key=country_key, possessor=possessor, det=det,
                     title_country=title_country, accredited=accredited)


def _strip_name(ctx: Ctx, start: int, end: int) -> tuple[int, int]:
    """Strip titles, ranks, honorifics and a trailing possessive from a PERSON entity."""
    kb = ctx.kb
    while end > start and ctx.text[end - 1] in POSSESSIVE:
        end -= 1
    changed = True
    while changed and end - start > 1:
        changed = False
        for table, maxlen in ((kb.ranks, kb.max_rank_len), (kb.titles, kb.max_title_len),
                              (kb.modifiers, kb.max_modifier_len)):
            for n in range(min(maxlen, end - start - 1), 0, -1):
                if tuple(ctx.lower[start:start + n]) in table:
                    start += n
                    changed = True
                    break
            if changed:
                break
    return start, end


def _in_locative(ctx: Ctx, s: int, en: int) -> bool:
    """A name inside a locative phrase ("in Idlib", "near Raqqa") with no title before it: a place."""
    root = ctx.doc[s:en].root
    if root.dep_ != "pobj" or root.head.lower_ not in ctx.kb.locative_preps:
        return False
    return parse_role_left(ctx, s) is None


def _place_gazetteer() -> Gazetteer:
    """The places component's gazetteer (built once per process)."""
    from ..places.gazetteer import gazetteer

    return gazetteer()


def _is_place(ctx: Ctx, s: int, en: int) -> bool:
    """A name the tagger called ORG or PERSON that is a place: right after a place modifier ("eastern
    Ghouta", "rebel-held Idlib"), or a gazetteer region, area or large city sitting where places sit (the
    object of a locative preposition or of a motion verb). A title before the name makes it a person."""
    kb = ctx.kb
    mods = kb.place_modifiers
    if (ctx.lower[s] in mods and en - s > 1) or (s > 0 and ctx.lower[s - 1] in mods):
        return parse_role_left(ctx, s) is None
    root = ctx.doc[s:en].root
    if root.dep_ == "pobj":
        if root.head.lower_ not in kb.locative_preps:
            return False
    elif root.dep_ != "dobj" or root.head.lemma_.lower() not in kb.motion_verbs:
        return False
    if parse_role_left(ctx, s) is not None:
        return False
    try:
        e = _place_gazetteer().resolve(ctx.doc[s:en].text)
    except Exception:  # no gazetteer: keep the tagger's reading
        log.debug("places gazetteer unavailable", exc_info=True)
        return False
    if e is None or e.feature == "country":
        return False
    return e.feature in kb.place_features or (e.feature == "city" and e.population >= kb.place_min_population)


def _lone_place(ctx: Ctx, s: int, en: int, in_full_names: set[str]) -> bool:
    """A one-word name the tagger called a person or an organisation that the gazetteer knows as a town or
    region ("Douma", "Idlib", "Sochi"), with no title or honorific before it, no known person of that name,
    not part of a full name in the article and not the subject of a verb: a place."""
    if en - s != 1 or ctx.lower[s] in in_full_names or not ctx.text[s][:1].isupper():
        return False
    if ctx.dep[s] in ("nsubj", "nsubjpass"):  # "Jackson said": people act, places are acted upon
        return False
    if s > 0 and ((ctx.lower[s - 1],) in ctx.kb.ranks or (ctx.lower[s - 1].rstrip("."), ".") in ctx.kb.ranks):
        return False  # "Mr Sochi"
    hit = ctx.kb.forms.get(ctx.text[s])
    if hit is not None and hit[0].startswith("person:"):
        return False
    if parse_role_left(ctx, s) is not None:
        return False
    try:
        e = _place_gazetteer().resolve(ctx.text[s])
    except Exception:  # no gazetteer: keep the tagger's reading
        log.debug("places gazetteer unavailable", exc_info=True)
        return False
    if e is None or e.feature == "country":
        return False
    return e.feature in ctx.kb.place_features or (
        e.feature == "city" and e.population >= ctx.kb.lone_place_min_population)


def _country_of(key: str | None, kb: KnowledgeBase) -> str | None:
    if key is None:
        return None
    e = kb.entities.get(key)
    return e.country if e else None


# --------------------------------------------------------------------------------------------------
# the steps
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
    for e in doc.ents:
        if e.label_ != "PERSON" or any(blocked[e.start:e.end]):
            continue
        s, en = _strip_name(ctx, e.start, e.end)
        if s >= en:
            continue
        # a known country, bloc or organisation mislabelled as a person
        g = ctx.gaz_by_start.get(s)
        if g is not None and g.end == en and not g.key.startswith("person:"):
            continue
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
        persons.append((s, en))
    # full names of the article: token -> keys, for surnames and partial names
    full: dict[str, list[tuple[int, str]]] = {}
    for s, en in persons:
        if en - s >= 2:
            name = doc[s:en].text
            key = _person_key(kb, name)
            ctx.full_text.setdefault(key, name)
            for i in range(s, en):  # case-folded: "Bin Salman" is part of "Mohammed bin Salman"
                full.setdefault(ctx.lower[i], []).append((s, key))
    ctx.full_names = full  # type: ignore[attr-defined]
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
            # "Russia's Vladimir Putin", "Egypt's Abdel Fatah al-Sisi": a country right before the name
            cref = ctx.country_ref_left(s, ctx.sent_start[s])
            if cref is not None and cref[1].startswith("country:") and ctx.text[s - 1] in POSSESSIVE \
                    and st.free(cref[0], s):
                d.country = d.country or _country_of(cref[1], kb)
                start = cref[0]
        st.add(start, en, key, kind)


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
            # a known figure first ("Trump" is Donald Trump, not Donald Trump Jr.), then the nearest
            return max(cands, key=lambda k: (k in kb.entities, where.get(k, -10**9)))
    hit = kb.forms.get(" ".join(toks))
    if hit is not None and hit[0].startswith("person:"):
        return hit[0]
    return None


def _appositive_role(ctx: Ctx, en: int) -> RoleParse | None:
    """"Li Shangfu, China's defence minister, ..." -> the role after the comma."""
    doc = ctx.doc
    if en >= len(doc) or ctx.text[en] != ",":
        return None
    if en + 1 < len(doc) and ctx.lower[en + 1] in ("and", "or", "but", "while"):
        return None  # "John Bolton, and secretary of state, Mike Pompeo": the title is the next person's
    limit = min(len(doc), en + 9)
    for k in range(en + 2, limit + 1):
        if k < len(doc) and ctx.text[k - 1] not in (",",) and ctx.text[k] not in (",", ".", ";", ")", "\u2014", "-") \
                and not (ctx.lower[k] == "of" and k + 1 < len(doc) and ctx.gaz_by_start.get(k + 1 + (ctx.lower[k + 1] == "the")) is not None):
            continue  # the role ends at punctuation, or before "of <country>" ("the prime minister of Kenya")
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
        if rp.office and country and not party:  # "the Labour leader" leads a party, not the country
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
                and bkey in kb.collectives and (g := ctx.gaz_by_start.get(cref[0])) is not None \
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
                label = doc[start:end].text
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
    p = head + 1
    if p + 1 >= len(doc) or ctx.lower[p] != "in" or ctx.sent_id[p + 1] != ctx.sent_id[head]:
        return None
    if start > 0 and ctx.lower[start - 1] in ("of", "'s", "’s"):
        return None  # "the authorities of X in Y", "Kenya's police in Y": the owner is named elsewhere
    g = ctx.gaz_by_start.get(p + 1)
    if g is not None and g.key.startswith("country:") and not any(st.claimed[g.start:g.end]):
        country = _country_of(g.key, kb)
        return (country, doc[g.start:g.end].text) if country else None
    ent = ctx.ent_at.get(p + 1)
    if ent is None or ent.start != p + 1 or ent.label_ not in ("GPE", "LOC", "FAC", "ORG"):
        return None
    try:
        e = _place_gazetteer().resolve(ent.text)
    except Exception:  # no gazetteer: no country
        log.debug("places gazetteer unavailable", exc_info=True)
        return None
    if e is None or not e.country or e.feature not in ("city", "region", "county", "country"):
        return None
    return e.country, ent.text


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
        if g.kind in ("name", "alias") and not e.key.startswith("country:") and ent is not None and \
                ent.label_ in ("ORG", "PERSON", "NORP", "FAC", "EVENT", "WORK_OF_ART", "LAW"):
            es, ee = ent.start + (ctx.lower[ent.start] == "the"), ent.end
            while ee > es and ctx.text[ee - 1] in POSSESSIVE:
                ee -= 1
            if es < g.start + (ctx.lower[g.start] == "the") or ee > g.end:
                continue  # "Democrats" inside "Liberal Democrats": the larger name is another actor
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
        if doc[s:en].text in kb.not_actors or any(
                (g := ctx.gaz_by_start.get(k)) is not None and g.kind == "capital" for k in range(s, en)):
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
            for k in range(s, en):
                g = ctx.gaz_by_start.get(k)
                if g is not None and country is None and g.key.startswith("country:"):
                    country = _country_of(g.key, kb)
                if label == "ORG":
                    sectors += kb.bodies.get((ctx.lower[k],), ())
                    sectors += kb.modifiers.get((ctx.lower[k],), ())
            cref = ctx.country_ref_left(s, ctx.sent_start[s])
            start = s
            if cref is not None and st.free(cref[0], s):
                country = _country_of(cref[1], kb) or country
                start = cref[0]
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
    ("Ilham Ahmed, the executive chair of the political wing of the SDF,", "Mohammed Abdulsalam, the chief
    negotiator for the Houthis,"); "a critic of the government" gives nothing."""
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
MONTH_CUES = frozenset({"in", "on", "since", "until", "till", "last", "next", "this", "early", "late", "mid",
                        "from", "through", "throughout", "between", "before", "after", "during"})


def _month_reading(ctx: Ctx, i: int) -> bool:
    """A surname the tagger read as a date is the month when a number stands next to it or a temporal
    word before it ("in May", "May 12", "12 May 2019"); "talks with May" is the person."""
    near = [k for k in (i - 1, i + 1) if 0 <= k < len(ctx.text)]
    if any(ctx.pos[k] == "NUM" or ctx.text[k].isdigit() for k in near):
        return True
    return i > 0 and ctx.lower[i - 1] in MONTH_CUES


def _rank_only(kb: KnowledgeBase, role: str, office: str) -> bool:
    """Whether a role is made of military ranks alone ("general", "lieutenant general, colonel") that the
    office's own role does not already name ("ambassador" is a rank and an office)."""
    ranks = {kb.rank_names[k] for k, (kept, sec) in kb.ranks.items() if kept and "MIL" in sec}
    parts = [part.strip() for part in role.split(",")]
    return all(p in ranks and p not in office for p in parts)


def step_context(ctx: Ctx, st: State, relational: list[tuple[str, RoleParse]]) -> None:
    """Step 8: attributes from context and the knowledge base; role-only people join named ones."""
    kb = ctx.kb
    order = sorted(st.mentions, key=lambda m: m.start)
    # "his Chinese counterpart Xi Jinping": the role of the person "his" refers to
    for key, rp in relational:
        d = st.drafts.get(key)
        if d is None or rp.possessor is None:
            continue
        other = None
        for m in reversed(order):
            if m.start >= rp.possessor:
                continue
            if ctx.sent_id[m.start] < ctx.sent_id[rp.possessor] - 1:
                break
            od = st.drafts.get(m.keys[0])
            if od is not None and od.type == "person" and od.key != key and od.role:
                other = od
                break
        if other is not None and (not d.role or d.role == rp.role):
            d.role, d.role_from_text, d.office = other.role, True, other.office
            d.add_sectors(other.sectors)
    for d in list(st.drafts.values()):
        if d.type != "person":
            continue
        if d.key in kb.entities:
            term, current = kb.term_for(d.key, ctx.published)
            if term is not None:
                if not d.role or d.role == "counterpart":
                    d.role = term.role if current else f"former {term.role}"
                elif current and _rank_only(kb, d.role, term.role):
                    # "General Joseph Dunford": the office held that day first, the rank after it
                    d.role = f"{term.role}, {d.role}"
                if current:  # the office held that day names the country ("Tusk" in 2016 is IGO)
                    d.country = d.country or term.country
                    if term.org and d.country == "IGO":
                        d.org = d.org or term.org
            d.country = d.country or kb.entities[d.key].country
            # the sectors of an office held that day; of another office only its government or IGO sector
            # (Des Browne in 2005 is not yet defence secretary: no MIL)
            esec = kb.entities[d.key].sector
            in_office = (term is not None and current) or not kb.terms_by_person.get(d.key)
            d.add_sectors(esec if in_office else [x for x in esec if x in ("GOV", "IGO", "PTY")])
        # "Foreign Secretary Jack Straw", "the home secretary": a title only one country has
        d.country = d.country or d.title_country
        if d.country is None and d.role and any(w in d.role for w in ORG_INTERNAL):
            first = min((m for m in st.mentions if d.key in m.keys), key=lambda m: m.start, default=None)
            if first is not None:
                org = _org_in_sentence(ctx, st, first.start)
                if org is not None:
                    d.country = org.country
                    d.add_sectors(org.sectors)
        if d.country is None and _focus_role(kb, d.role):
            # "Foreign ministry spokesperson Lin Jian said in Beijing": the country in focus
            first = min((m for m in st.mentions if d.key in m.keys), key=lambda m: m.start, default=None)
            if first is not None:
                d.country = _focus_country(ctx, first.start)
    # a titled person with no country: "prime minister of X" after the name, else a country that
    # alone fills the sentence, or dominates the paragraph
    for d in list(st.drafts.values()):
        if d.type != "person" or d.country is not None or not d.role or "IGO" in d.sectors:
            continue
        first = min((m for m in st.mentions if d.key in m.keys), key=lambda m: m.start, default=None)
        if first is not None:
            d.country = _office_of_country(ctx, first.end) or \
                _context_country(ctx, first.start, _own_verb_objects(ctx, first.start, first.end))
    # "Pakistan's army chief, General Asim Munir, ...": a role description in apposition to a name
    starts = {m.start: m for m in st.mentions if len(m.keys) == 1}
    for m in list(st.mentions):
        if m.kind != "title" or m.end >= len(ctx.doc) - 1 or ctx.text[m.end] != ",":
            continue
        other = starts.get(m.end + 1)
        if other is None or other.keys[0] not in st.drafts or st.drafts[other.keys[0]].type != "person":
            continue
        if not m.keys[0].startswith("role:"):
            # the office holder, then a part of the holder's name the tagger cut short ("Ursula von der")
            holder, part = st.drafts.get(m.keys[0]), st.drafts[other.keys[0]]
            if holder is not None and holder.kb_name and part.key != holder.key and not part.kb_name \
                    and len(ctx.doc[other.start:other.end]) >= 2 \
                    and holder.kb_name.startswith(ctx.doc[other.start:other.end].text):
                st.merge(part.key, holder.key)
                kb_name = holder.kb_name
                holder.names = [n for n in holder.names if n == kb_name or not kb_name.startswith(n)]
            continue
        src, dst = st.drafts.get(m.keys[0]), st.drafts[other.keys[0]]
        if src is None:
            continue
        if src.role and (not dst.role or not dst.role_from_text or dst.role in {" ".join(k) for k in kb.ranks}):
            dst.role = f"{src.role}, {dst.role}" if dst.role and fold(dst.role) != fold(src.role) else src.role
            dst.role_from_text = True
        dst.country = dst.country or src.country
        st.merge(src.key, dst.key)
    # a person known only by role joins the named person with the same country and role
    named = [d for d in st.drafts.values() if d.type == "person" and not d.key.startswith("role:")]
    for d in [d for d in st.drafts.values() if d.key.startswith("role:")]:
        for n in named:
            if n.country == d.country and n.role and d.role and fold(n.role) == fold(d.role):
                st.merge(d.key, n.key)
                break
    # people who head or speak for an international organisation carry its code ("NATO Secretary General")
    # and people of a stateless people or group with no country carry its code before their sectors
    # ("Kurdish journalist" -> KURMED), not a bare sector code
    for d in st.drafts.values():
        if d.type != "person" or d.org not in kb.entities or d.code:
            continue
        ocode = kb.entities[d.org].code
        if d.country == "IGO":
            d.code = ocode
        elif d.country is None and ocode:
            d.code = make_code(ocode, [x for x in d.sectors if x not in ocode])


def _office_of_country(ctx: Ctx, end: int) -> str | None:
    """"Museveni, president of Uganda" / "the prime minister of Kenya": a title followed by "of" and a
    country name, right after the mention or in its appositive."""
    kb = ctx.kb
    last_title_words = {k[-1] for k in kb.titles}
    sid = ctx.sent_id[end - 1] if end else 0
    stop = min(len(ctx.text), end + 10)
    for k in range(end, stop - 1):
        if ctx.sent_id[k] != sid or ctx.text[k] in (".", ";", "(", ")"):
            break
        if ctx.lower[k] in last_title_words and ctx.lower[k + 1] == "of":
            g = ctx.gaz_by_start.get(k + 2) or (ctx.gaz_by_start.get(k + 3) if ctx.lower[k + 2] == "the" else None)
            if g is not None and g.key.startswith("country:") and g.kind == "name":
                return _country_of(g.key, kb)
            return None
    return None


def _country_refs(ctx: Ctx, start: int, end: int, skip: frozenset[int] = frozenset()) -> list[str]:
    """Countries named between two token offsets (names, adjectives, demonyms, capitals), leaving out
    places: a country after a locative preposition ("victory in Syria") says where, not whose."""
    out = []
    locative = ctx.kb.locative_preps
    for k in range(start, end):
        g = ctx.gaz_by_start.get(k)
        if g is not None and g.key.startswith("country:") and k not in skip:
            root = ctx.doc[g.start:g.end].root
            seen = 0
            while root.dep_ == "conj" and seen < 5:  # "in Iraq and Afghanistan"
                root = root.head
                seen += 1
            if root.dep_ == "pobj" and root.head.lower_ in locative:
                continue
            out.append(g.key)
    return out


# dependents of a person's own verb that are not what the person says: their objects, complements,
# prepositional phrases, adjuncts and coordinated verbs ("criticised Iran", "urged Iran to ...")
_NOT_OBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "ccomp", "aux", "auxpass", "neg", "punct", "cc",
                              "mark", "prt", "expl", "attr", "acomp"})


def _own_verb_objects(ctx: Ctx, start: int, end: int) -> frozenset[int]:
    """Tokens that depend on the verb whose subject is the mention ``start:end``, outside the subject and
    outside reported speech: the country they name is the one the person acts on, never the person's own
    ("Foreign Secretary Jack Straw criticised Iran": Iran is not Straw's country)."""
    root = ctx.doc[start:end].root
    seen = 0
    while root.dep_ in ("compound", "appos", "flat", "conj") and root.head is not root and seen < 4:
        root = root.head
        seen += 1
    if root.dep_ not in ("nsubj", "nsubjpass") or root.head is root:
        return frozenset()
    out: set[int] = set()

    def collect(verb, depth: int) -> None:
        out.add(verb.i)
        for c in verb.children:
            if c.i == root.i or c.dep_ in _NOT_OBJECT_DEPS or (c.dep_ == "prep" and c.lower_ == "as"):
                continue  # "is Britain's envoy", "served as Britain's envoy" describe the subject
            if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"):
                # a coordinated verb of the same subject: its objects too ("visited X and criticised Iran");
                # one with a subject of its own ("..., and he said the US ...") is another clause
                if depth < 4 and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children):
                    collect(c, depth + 1)
                continue
            out.update(t.i for t in c.subtree)

    collect(root.head, 0)
    return frozenset(out)


def _context_country(ctx: Ctx, pos: int, skip: frozenset[int] = frozenset()) -> str | None:
    """The country of a titled person the text does not place: the only country named in the sentence,
    else a country that makes at least ``3/4`` of two or more country references in the paragraph.
    Countries at the tokens of ``skip`` (the objects of the person's own verb) do not count."""
    sid = ctx.sent_id[pos]
    s0 = ctx.sent_start[pos]
    s1 = s0
    n = len(ctx.text)
    while s1 < n and ctx.sent_id[s1] == sid:
        s1 += 1
    refs = set(_country_refs(ctx, s0, s1, skip))
    if len(refs) == 1:
        return _country_of(refs.pop(), ctx.kb)
    if refs:
        return None  # several countries in the sentence: no guess
    text = ctx.doc_text
    char = ctx.doc[pos].idx
    p0 = text.rfind("\n", 0, char) + 1
    p1 = text.find("\n", char)
    p1 = len(text) if p1 < 0 else p1
    span = ctx.doc.char_span(p0, p1, alignment_mode="expand")
    if span is None:
        return None
    counts: dict[str, int] = {}
    for key in _country_refs(ctx, span.start, span.end, skip):
        counts[key] = counts.get(key, 0) + 1
    if not counts:
        return None
    best = max(counts, key=lambda k: counts[k])
    total = sum(counts.values())
    if counts[best] >= 2 and counts[best] * 4 >= total * 3:
        return _country_of(best, ctx.kb)
    return None


def _focus_role(kb: KnowledgeBase, role: str | None) -> bool:
    """A role of an unqualified state body: "foreign ministry spokesperson", "defence ministry official"."""
    if not role:
        return False
    words = tuple(role.lower().replace(",", " ").split())
    return any(words[k:k + len(b)] == b for b in kb.focus_bodies for k in range(len(words)))


def _gaz_country_at(ctx: Ctx, tok: int, kinds: tuple[str, ...]) -> str | None:
    """The country of the gazetteer entry covering token ``tok`` (of one of ``kinds``)."""
    for k in range(tok, max(-1, tok - 6), -1):
        g = ctx.gaz_by_start.get(k)
        if g is not None and g.start <= tok < g.end:
            if g.key.startswith("country:") and g.kind in kinds:
                return _country_of(g.key, ctx.kb)
            return None
    return None


def _focus_country(ctx: Ctx, pos: int) -> str | None:
    """The country in focus at token ``pos``, for a state body or office the text does not place: the one
    capital its sentence names ("said in Beijing"), else the country that is the main subject of the
    previous sentence, or owns it ("China condemned the deal.", "Beijing said", "China's foreign ministry
    said", "the Chinese government said")."""
    sid = ctx.sent_id[pos]
    s0 = ctx.sent_start[pos]
    n = len(ctx.text)
    s1 = s0
    while s1 < n and ctx.sent_id[s1] == sid:
        s1 += 1
    caps = {c for k in range(s0, s1) if (g := ctx.gaz_by_start.get(k)) is not None and g.kind == "capital"
            and (c := _gaz_country_at(ctx, k, ("capital",))) is not None}
    if len(caps) == 1:
        return caps.pop()
    if caps or s0 == 0:
        return None
    prev = ctx.doc[ctx.sent_start[s0 - 1]:s0]
    root = prev.root
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    c = _gaz_country_at(ctx, subj.i, ("name", "capital"))
    if c is not None:
        return c
    for ch in subj.children:  # "China's foreign ministry", "the Chinese government"
        if ch.dep_ in ("poss", "amod", "compound", "nmod"):
            c = _gaz_country_at(ctx, ch.i, ("name", "capital", "adjective"))
            if c is not None:
                return c
    return None


def _org_in_sentence(ctx: Ctx, st: State, pos: int) -> Draft | None:
    sid = ctx.sent_id[pos]
    best = None
    for m in st.mentions:
        if ctx.sent_id[m.start] != sid or len(m.keys) != 1:
            continue
        d = st.drafts.get(m.keys[0])
        if d is None or d.type != "organization" or not d.country:
            continue
        if best is None or abs(m.start - pos) < abs(best[0] - pos):
            best = (m.start, d)
    return best[1] if best else None


def recognise(doc: Doc, kb: KnowledgeBase, matcher: PhraseMatcher, labels: list[tuple[str, str]]) -> State:
    blocked = _blocked(doc, kb)
    gaz = gazetteer(doc, matcher, labels, blocked)
    ctx = Ctx(doc, kb, gaz)
    st = State(claimed=bytearray(blocked))
    relational: list[tuple[str, RoleParse]] = []
    step_people(ctx, st, blocked, relational)
    step_role_descriptions(ctx, st, relational)
    step_bodies(ctx, st)
    step_collectives(ctx, st)
    step_known(ctx, st, gaz)
    step_entities(ctx, st, blocked)
    step_surnames(ctx, st)
    step_abbreviations(ctx, st)
    step_join_surnames(st)
    step_context(ctx, st, relational)
    step_appositive_owner(ctx, st)
    st.ctx = ctx  # type: ignore[attr-defined]
    return st
