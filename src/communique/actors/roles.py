"""Reading titles and roles: the title phrase left of a name, and names stripped of titles."""

from __future__ import annotations

from .ctx import DETERMINERS, POSS_PRONOUNS, POSSESSIVE, Ctx, RoleParse

# modifiers that may stand before the country of a title ("Chief U.N. weapons inspector X")
LEADING_RANKS = frozenset({"chief", "senior", "top"})


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
    if cref is None and words and j > floor and (g := ctx.gaz_by_end.get(j)) is not None and g.kind == "capital" \
            and g.key.startswith("country:") and ctx.text[j - 1][:1].isupper():
        cref = (g.start, g.key)  # "a Kremlin spokesman", "a White House official": the seat's country
    country_key = None
    if cref is not None:
        j, country_key = cref
        while words and j > floor and (ctx.lower[j - 1],) in kb.modifiers and ctx.lower[j - 1] in LEADING_RANKS:
            j -= 1  # "Chief U.N. weapons inspector", "Senior U.S. officials": the rank stands before the country
            role_words = f"{ctx.lower[j]} {role_words}"
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
