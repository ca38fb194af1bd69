"""Step 8 of actor recognition: attributes from context and the knowledge base."""

from __future__ import annotations

from spacy.tokens import Token

from .ctx import ORG_INTERNAL, POSSESSIVE, Ctx, RoleParse
from .kb import KnowledgeBase, fold, make_code
from .placing import _country_of
from .state import Draft, State

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
        if d.country is None and d.role and "IGO" not in d.sectors:
            # "Yeltsin's spokesman Sergei X", "the Kremlin's envoy": a role held for a person or body of a country
            d.country = _owner_country(ctx, st, d.key)
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
    # "Aleppo Mayor X", "Regional governor X said the blast in Kayseri": a local office's holder of no
    # country takes the country of the place before the title, else of the places "in" its sentence
    for d in list(st.drafts.values()):
        if d.type != "person" or d.country is not None or not _local_office(kb, d.role) or "IGO" in d.sectors:
            continue
        first = min((m for m in st.mentions if d.key in m.keys), key=lambda m: m.start, default=None)
        if first is not None:
            d.country = _local_place_country(ctx, first.start, first.end)
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
            if n.country is None and d.country and n.role and d.role and fold(n.role) == fold(d.role) \
                    and _soon_after(ctx, st, d.key, n.key):
                # "A Pentagon spokesman said ... 'We will stay,' said spokesman Kenneth X": the named
                # spokesman right after is the one described, and of that description's country
                n.country = d.country
                st.merge(d.key, n.key)
                break
            if n.country is None and d.country and n.role and d.role and fold(n.role) == fold(d.role) \
                    and _sole_holders_of_role(ctx, st, d.key, n.key):
                # "Russia's ambassador to Turkey was shot ... [three sentences] ... Ambassador Andrei X lay
                # motionless": the one named ambassador of no country is the one described before
                n.country = d.country
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


def _local_office(kb: KnowledgeBase, role: str | None) -> bool:
    """A title of a town's or province's office (``local_offices`` of roles.yaml), with any words before
    it ("public prosecutor", "Aleppo mayor")."""
    if not role:
        return False
    words = tuple(role.lower().split(",")[0].split())
    return any(words[-len(o):] == o for o in kb.local_offices)


PLACE_LABELS = ("GPE", "LOC")
SPEECH_LEMMAS = frozenset({"say", "tell", "announce", "report", "confirm", "add", "state"})


def _local_place_country(ctx: Ctx, start: int, end: int) -> str | None:
    """The country of the town or region named right before a local title inside or just before the
    mention [start, end) ("Aleppo Mayor X"), else, when the holder is the subject of a speech verb, of the
    places after "in" in their sentence when these lie in one country and the sentence names no other
    state ("Regional governor X said the blast in Kayseri ...")."""
    from .groups import _resolve_place  # groups imports this module

    kb = ctx.kb
    heads = {o[0] for o in kb.local_offices}
    s0 = ctx.sent_start[start]
    for t in range(max(s0 + 1, start - 3), end):
        if ctx.lower[t] not in heads:
            continue
        k = t
        while k > s0 and ctx.pos[k - 1] == "PROPN" and t - k < 3:
            k -= 1
        for j in range(k, t):  # the longest capitalised run before the title the gazetteer knows
            hit = _resolve_place(ctx.doc[j:t].text)
            if hit is not None:
                return hit[0]
        break
    head = ctx.doc[start:end].root
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.lemma_ not in SPEECH_LEMMAS:
        return None
    sid = ctx.sent_id[start]
    s1 = s0
    while s1 < len(ctx.text) and ctx.sent_id[s1] == sid:
        s1 += 1
    found: set[str] = set()
    for k in range(s0, s1 - 1):
        if ctx.lower[k] != "in":
            continue
        ent = ctx.ent_at.get(k + 1)
        if ent is None or ent.start != k + 1 or ent.label_ in ("DATE", "TIME", "CARDINAL", "ORDINAL"):
            continue
        hit = _resolve_place(ent.text) if ent.label_ in PLACE_LABELS else None
        if hit is None:
            return None  # a name the gazetteer does not place ("in Valencia" read as a person): no guess
        found.add(hit[0])
    refs = {_country_of(r, kb) for r in _country_refs(ctx, s0, s1)}
    if len(found) == 1 and refs <= found:
        return found.pop()
    return None


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
        # "served as Russia's ambassador to Pyongyang ... the Foreign Ministry": a capital in a sentence
        # that names another state by name or adjective is no focus
        others = {c for k in range(s0, s1) if (g := ctx.gaz_by_start.get(k)) is not None and g.kind != "capital"
                  and (c := _gaz_country_at(ctx, k, ("name", "adjective", "people"))) is not None}
        return caps.pop() if others <= caps else None
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


def _describing_nouns(tok: Token) -> list[Token]:
    """The common nouns that describe the person whose name ends at ``tok``."""
    while tok.dep_ == "conj" and tok.head.pos_ == "PROPN" and tok.head.i < tok.i:
        tok = tok.head  # "X and [Y]": Y shares X's description
    nouns = [c for c in tok.children if c.dep_ == "appos"]
    if tok.dep_ == "appos":
        nouns.append(tok.head)
    if tok.dep_ == "nsubj" and tok.head.lemma_ == "be":
        nouns += [c for c in tok.head.children if c.dep_ == "attr"]
    out: list[Token] = []
    for n in nouns:
        out.append(n)
        out += [c for c in n.children if c.dep_ == "conj"]  # "a Syrian writer and activist"
    return [n for n in out if n.pos_ in ("NOUN", "ADJ", "PROPN")]


def _demonym_country(ctx: Ctx, n: Token) -> str | None:
    """The country of a describing noun: a demonym among its own modifiers ("a Syrian human rights
    activist") or the noun itself ("a Kurdish Syrian"); one in a phrase it governs ("a critic of the Syrian
    government") or hyphenated ("Syrian-born") does not count."""
    kb = ctx.kb
    found: list[str] = []
    for t in [*(c for c in n.children if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i), n]:
        g = ctx.gaz_by_start.get(t.i)
        if g is None or g.end != t.i + 1 or not g.key.startswith("country:") or g.kind not in ("adjective", "name"):
            continue
        if t.i + 1 < len(ctx.text) and ctx.text[t.i + 1] in ("-", "\u2013") or \
                (t.i > 0 and ctx.text[t.i - 1] in ("-", "\u2013")):
            continue
        if g.kind == "name" and (t is n or not t.text.isupper()):
            continue  # "X, Syria" is a place; "a Lebanon researcher", "a Syria expert" name a subject ("a US
            # soldier", "a UK national": a short form used as a demonym counts)
        c = _country_of(g.key, kb)
        if c:
            found.append(c)
    return found[-1] if found else None


def step_described_country(ctx: Ctx, st: State) -> None:
    """Step 8b: a person or an organisation of the text still of no country whose name is described by a
    common noun with a demonym ("Razan Zaitouneh, a Syrian human rights activist", "the British aid workers
    Alan Henning and David Haines", "Omar Sabbour is an Egyptian writer", "the Israeli company ImageSat
    International", "the SSRC is a Syrian government body") takes that country."""
    doc = ctx.doc
    for m in st.mentions:
        if len(m.keys) != 1 or m.kind != "name":
            continue
        d = st.drafts.get(m.keys[0])
        if d is None or d.type not in ("person", "organization") or d.country is not None or d.org is not None \
                or (d.type == "organization" and (d.kb_name or d.code)):
            continue  # the knowledge base's organisations keep their own (an IGO has none)
        tok = doc[m.start:m.end].root
        if tok.pos_ != "PROPN":
            continue
        for n in _describing_nouns(tok):
            if m.start <= n.i < m.end:
                continue
            if d.type == "organization" and n.lemma_.lower() not in ctx.kb.org_nouns:
                continue  # an organisation is described by an organisation noun ("company", "charity")
            c = _demonym_country(ctx, n)
            if c is not None:
                d.country = c
                break
        if d.country is None and d.type == "person":
            d.country = _origin_country(ctx, tok)


#: describing nouns whose "of" phrase is where a person lives ("a resident of Aleppo")
RESIDENT_NOUNS = frozenset({"resident", "native", "inhabitant", "citizen", "national"})


def _place_country(ctx: Ctx, tok: Token) -> str | None:
    """The country of a place phrase headed by ``tok``: a country's name, or a town the places gazetteer
    knows of at least ``lone_place_min_population`` ("Douma, Syria" gives SYR from either)."""
    kb = ctx.kb
    ent = ctx.ent_at.get(tok.i)
    if ent is not None and ent.label_ in ("ORG", "NORP", "PERSON", "FAC") and len(ent) > 1:
        return None  # "from Syria Solidarity Australia": an organisation, not a place
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        return None  # a longer name ending with a place ("Ukraine Aid Norway") the tagger left untagged
    for t in [tok, *(c for c in tok.children if c.dep_ == "appos")]:
        g = ctx.gaz_by_start.get(t.i)
        if g is not None and g.key.startswith("country:") and g.kind == "name":
            return _country_of(g.key, kb)
    for t in [*(c for c in tok.children if c.dep_ == "appos"), tok]:
        if t.pos_ != "PROPN":
            continue
        try:
            from .placing import _place_gazetteer
            e = _place_gazetteer().resolve(t.text)
        except Exception:  # no gazetteer: nothing from towns
            return None
        if e is not None and e.feature != "country" and e.population >= kb.lone_place_min_population:
            return e.country
    return None


def _origin_country(ctx: Ctx, tok: Token) -> str | None:
    """A person "from" a place ("Yousif, 27, from Douma, Syria", "X, a lawyer from Mosul") or described as
    its resident ("X, a resident of Homs") is of the place's country."""
    for h in [tok, *_describing_nouns(tok)]:
        for p in h.children:
            if p.dep_ != "prep" or not (p.lower_ == "from" or (p.lower_ == "of" and h.lemma_.lower() in RESIDENT_NOUNS)):
                continue
            for o in p.children:
                if o.dep_ == "pobj":
                    c = _place_country(ctx, o)
                    if c is not None:
                        return c
    return None


def _owner_country(ctx: Ctx, st: State, key: str) -> str | None:
    """The country of the person, body or country whose possessive stands right before the first mention
    of ``key`` ("Yeltsin's spokesman Sergei X", "the ministry's spokesman X"); None when there is none."""
    first = min((m for m in st.mentions if key in m.keys), key=lambda m: m.start, default=None)
    if first is None or first.start < 2 or ctx.text[first.start - 1] not in POSSESSIVE:
        return None
    for m in st.mentions:
        if m.end in (first.start - 1, first.start) and len(m.keys) == 1 and m.keys[0] != key \
                and ctx.sent_id[m.start] == ctx.sent_id[first.start]:
            owner = st.drafts.get(m.keys[0])
            if owner is None:
                continue
            country = owner.country
            if country is None and owner.key in ctx.kb.entities:  # a known person not yet resolved
                term, current = ctx.kb.term_for(owner.key, ctx.published)
                country = (term.country if term is not None and current else None) or ctx.kb.entities[owner.key].country
            if country and country != "IGO":
                return country
    return None


SOLE_ROLE_WINDOW = 6  # sentences between a role description and the one named holder of that role


def _sole_holders_of_role(ctx: Ctx, st: State, described: str, named: str) -> bool:
    """``named`` is first mentioned after ``described``, within SOLE_ROLE_WINDOW sentences, and no other
    person of the article (named or described) has their role."""
    def first(key: str):
        return min((m for m in st.mentions if key in m.keys), key=lambda m: m.start, default=None)
    a, b = first(described), first(named)
    if a is None or b is None or b.start <= a.start \
            or ctx.sent_id[b.start] - ctx.sent_id[a.start] > SOLE_ROLE_WINDOW:
        return False
    role = fold(st.drafts[named].role or "")
    return not any(o.type == "person" and o.key not in (described, named) and o.role and fold(o.role) == role
                   for o in st.drafts.values())


def _soon_after(ctx: Ctx, st: State, first_key: str, then_key: str) -> bool:
    """``then_key`` is first mentioned after ``first_key``, in the same or the next sentence, and no
    other person is mentioned between them."""
    def first(key: str):
        return min((m for m in st.mentions if key in m.keys), key=lambda m: m.start, default=None)
    a, b = first(first_key), first(then_key)
    if a is None or b is None or b.start <= a.start or ctx.sent_id[b.start] - ctx.sent_id[a.start] > 1:
        return False
    return not any(a.end <= m.start < b.start and len(m.keys) == 1 and m.keys[0] not in (first_key, then_key)
                   and (o := st.drafts.get(m.keys[0])) is not None and o.type == "person" for m in st.mentions)
