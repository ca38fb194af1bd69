"""Actor resolution of argument tokens: the actors a noun phrase names (through the actors stage), places
as pseudo-actors of their country, "we" in a quote as the speaker's side, and lists and misparsed
possessors (see docs/events.md, "Arguments" and "The general argument finder")."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..records import Actor
from .grammar import grammar
from .patterns import lexicon, load_patterns
from .services import services
from .syntax import prep_objects

log = logging.getLogger(__name__)


@dataclass
class Arg:
    actor: Actor
    token: Token
    slot: str


def _lookup(doc: Doc, tok: Token) -> list[Actor]:
    fn = services().actors_for_token
    if fn is None:
        return []
    try:
        return list(fn(doc, tok) or [])
    except Exception:
        log.debug("actors_for_token failed at %r", tok.text, exc_info=True)
        return []


def resolve(doc: Doc, tok: Token, *, depth: int = 0) -> list[Actor]:
    """Actors a noun phrase headed by ``tok`` refers to. When the head itself is no actor mention, a
    group noun takes its actors from its modifiers ("Russian and Chinese leaders") or from an "of/from"
    complement ("representatives from 30 countries", "leaders of Russia")."""
    found = _lookup(doc, tok)
    if not found and tok.lower_ in FIRST_PLURAL:
        return speaker_side(doc, tok)
    if not any(a.country for a in found) and depth == 0 and _bare_own_forces(tok):
        # "Iranian state television said air defences had shot down three Israeli drones": the reporting state's own
        side = speaker_side(doc, tok, state_only=True)
        if side:
            return side
    if found and depth == 0 and tok.pos_ == "NOUN" and tok.lemma_.lower() in lexicon().group_nouns:
        # "the government of Uganda": the complement names the group, whatever an earlier mention
        # the bare noun would corefer with
        named = [a for prep in ("of", "from") for g in prep_objects(tok, prep) for gg in [g, *g.conjuncts]
                 for a in _lookup(doc, gg) if a.country]
        if named and not any(a.country == n.country for a in found for n in named):
            return _unique(named)
    if found and not any(a.country for a in found):
        # "Belarus's top diplomat": an actor without a country takes it from its possessor or modifier
        for c in tok.children:
            if c.dep_ in {"poss", "amod", "compound"} and c.i < tok.i:
                placed = [a for a in _lookup(doc, c) if a.country and a.id not in {f.id for f in found}]
                if placed:
                    return _unique(placed)
    if found and tok.pos_ == "NOUN":
        # "Chinese and Russian leaders": the head names one group, the coordinated modifiers several
        # ("US, British and French forces": a name before the coordinated adjectives too)
        mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod"} and c.i < tok.i]
        if any(c.conjuncts for c in mods):
            for c in mods:
                for cc in [c, *c.conjuncts]:
                    found.extend(a for a in _lookup(doc, cc) if a not in found)
    if not found and depth == 0 and _first_plural_owned(tok):
        # '"Our forces struck militant camps," the Turkish defence minister said': the speaker's side
        side = speaker_side(doc, tok)
        if side:
            return side
    if found or depth > 1 or tok.pos_ not in {"NOUN", "PROPN", "PRON", "ADJ", "NUM"}:
        return _unique(found)
    if tok.lemma_.lower() in load_patterns().nouns:  # an event noun is no group of actors
        return found
    groups, more = lexicon().group_nouns, grammar().nationality_groups
    if tok.pos_ in {"NOUN", "PROPN"} and any(w in groups or w in more for w in (tok.lemma_.lower(), tok.lower_)):
        for c in tok.children:
            if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < tok.i:
                for cc in [c, *c.conjuncts]:
                    found.extend(_lookup(doc, cc))
        if not found:
            local = tok.lemma_.lower() in lexicon().local_group_nouns or tok.lower_ in lexicon().local_group_nouns
            for prep in ("from", "of", "in") if local else ("from", "of"):
                for g in prep_objects(tok, prep):
                    for gg in [g, *g.conjuncts]:
                        found.extend(resolve(doc, gg, depth=depth + 1))
                if found:
                    break
        if not found and (tok.lemma_.lower() in lexicon().local_group_nouns or tok.lower_ in lexicon().local_group_nouns):
            # "the government of Sindh province", "police of the Kharkiv region": a place names the country
            for g in prep_objects(tok, "of"):
                pa = next((p for t in [g, *(c for c in g.children if c.dep_ == "compound")]
                           for p in [place_actor(doc, t)] if p is not None), None)
                if pa is not None:
                    found.append(Actor(id=f"place:g{tok.i}", name=doc[tok.left_edge.i: g.right_edge.i + 1].text,
                                       type="group", country=pa.country))
                    break
    return _unique(found)


#: "we" inside a quote is the speaker's side
FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})


def _first_plural_owned(tok: Token) -> bool:
    """A noun of the speaker's own side (``own_side_nouns`` of actors/coref.yaml: "forces", "army",
    "government", "airspace") owned by "our" ("our troops", "our government"); relational nouns ("our
    partners", "our allies") and things ("our sanctions regime") are none."""
    from ..actors.coref import coref_extra

    if tok.pos_ != "NOUN" or not any(c.dep_ == "poss" and c.lower_ in FIRST_PLURAL for c in tok.children):
        return False
    words = coref_extra().own_side_nouns
    return tok.lower_ in words or tok.lemma_.lower() in words


def _bare_own_forces(tok: Token) -> bool:
    """A bare military collective (``reported_forces`` of grammar.yaml: "troops", "air defences") as a subject,
    with no modifier or possessor naming whose they are."""
    words = grammar().reported_forces
    if tok.dep_ not in {"nsubj", "nsubjpass"} or tok.pos_ != "NOUN":
        return False
    mods = [c for c in tok.children if c.dep_ in {"amod", "compound"} and c.i < tok.i]
    name = " ".join([*(c.lower_ for c in mods), tok.lower_])
    if name not in words:  # any modifier must be part of the name ("air defences"; not "attacking forces")
        return False
    for c in tok.children:
        if c.dep_ in {"poss", "nmod"}:
            return False
        if c.dep_ == "det" and c.lower_ not in {"the"}:
            return False
        if c.dep_ == "prep":
            return False  # "troops from Chad", "forces in Mali": placed by their phrase, if at all
    return True


def speaker_side(doc: Doc, tok: Token, *, state_only: bool = False) -> list[Actor]:
    """"We" in a quote or reported speech is the speaker's side: "'We will never negotiate with them,' the
    Kenyan president said" is Kenya's act (a group of the speaker's country, no actor id). The innermost
    speaker the quotes stage names, when the actors stage places them in a country."""
    fn = services().attribution_for
    if fn is None:
        return []
    try:
        speakers = list(fn(doc, tok) or [])
    except Exception:
        log.debug("attribution_for failed at %r", tok.text, exc_info=True)
        return []
    by_id = {a.id: a for a in (doc._.actors or [])} if Doc.has_extension("actors") else {}
    for sp in speakers[:1]:
        actor = by_id.get(sp.actor or "")
        if actor is not None and actor.country and state_only:
            if actor.country in {"IGO"} or not (actor.type == "country" or STATE_SECTORS & set(actor.sector or [])):
                return []
            return [Actor(id=f"home:forces{tok.i}", name=f"{actor.name} ({tok.text})", type="group",
                          country=actor.country, sector=["MIL"])]
        if actor is not None and actor.country:
            return [Actor(id=f"home:we{tok.i}", name=f"{actor.name} (we)", type="group", country=actor.country,
                          sector=list(actor.sector or []))]
    return []


#: speakers whose unnamed forces are their own state's: a state, its government, army, police or state media
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "DIP", "MED", "SPY", "SEC"})


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str] = set()
    out = []
    for a in actors:
        if a.id not in seen:
            seen.add(a.id)
            out.append(a)
    return out


def place_actor(doc: Doc, tok: Token) -> Actor | None:
    """The country of a place named at ``tok`` ("visited Moscow"), as a pseudo-actor whose id starts
    with ``place:`` (the event's side then names the place and its country, with no actor id)."""
    if "places" not in doc.spans:
        return None
    for sp in doc.spans["places"]:
        if sp.start <= tok.i < sp.end:
            place = sp._.place
            country = getattr(place, "country", None) if place is not None else None
            if country:
                return Actor(id=f"place:{sp.start}", name=getattr(place, "name", sp.text) or sp.text,
                             type="country", country=country)
    return None


#: a city this large, named where the tagger read a time ("at Kyiv overnight" tagged TIME), is the place
MISREAD_CITY_POPULATION = 500_000


def misread_place(doc: Doc, tok: Token) -> Actor | None:
    """A proper noun the entity tagger swallowed into a time ("drones at [Kyiv overnight]", "in [Tehran last
    month]"), so the places stage never saw it: a country, or a city of at least half a million people, is
    that place (its primary name only)."""
    if tok.pos_ != "PROPN" or tok.ent_type_ not in {"TIME", "DATE"}:
        return None
    try:
        from ..places.gazetteer import gazetteer

        cands = gazetteer().candidates(tok.text, expand=False)
    except Exception:
        log.debug("gazetteer lookup failed at %r", tok.text, exc_info=True)
        return None
    good = [e for e, primary in cands if primary and e.country and (
        e.feature == "country" or (e.feature == "city" and e.population >= MISREAD_CITY_POPULATION))]
    if len({e.country for e in good}) != 1:
        return None
    return Actor(id=f"place:{tok.i}", name=good[0].name, type="country", country=good[0].country)


POSSESSIVE_CASE = frozenset({"'s", "\u2019s", "'", "\u2019"})


def _misparsed_possessor(t: Token) -> Token | None:
    """The noun a name owns when the parser read "X's N" as something else ("Qatar and Ankara's alliance",
    with Ankara a conjunct and "alliance" an apposition): the noun right after the possessive mark."""
    case = next((c for c in t.children if c.dep_ == "case" and c.lower_ in POSSESSIVE_CASE), None)
    if case is None or t.dep_ == "poss":
        return None
    doc = t.doc
    k = case.i + 1
    while k < len(doc) and doc[k].dep_ in {"amod", "compound", "advmod"} and doc[k].i < len(doc) - 1:
        k += 1
    if k < len(doc) and doc[k].pos_ == "NOUN":
        return doc[k]
    return None


def misparsed_owner(tok: Token) -> Token | None:
    """For an event noun, the name that owns it across a misparse ("Ankara's alliance" read as an
    apposition): the token before the possessive mark right before the noun and its modifiers."""
    doc = tok.doc
    k = tok.i - 1
    while k > 0 and doc[k].dep_ in {"amod", "compound"}:
        k -= 1
    if k > 0 and doc[k].dep_ == "case" and doc[k].lower_ in POSSESSIVE_CASE and doc[k].head.dep_ != "poss":
        owner = doc[k].head
        owned = _misparsed_possessor(owner)
        if owned is not None and owned.i == tok.i:
            return owner
    return None


def resolve_all(doc: Doc, tok: Token, slot: str) -> list[Arg]:
    """Actors of ``tok`` and of its conjuncts ("Russia and Belarus"), one Arg each."""
    out: list[Arg] = []
    seen: set[str] = set()
    members = [tok, *tok.conjuncts]
    for c in tok.children:  # "Kenya, Uganda, Rwanda and Tanzania": a list the parser began as an apposition
        if c.dep_ == "appos" and c.conjuncts and c.i > tok.i:
            members.extend(x for x in [c, *c.conjuncts] if all(x.i != m.i for m in members))
    for t in members:
        if t is not tok and _misparsed_possessor(t) is not None:
            continue  # "war with Qatar and Ankara's alliance": Ankara owns the next noun, no second target
        for a in resolve(doc, t):
            if a.id not in seen:
                seen.add(a.id)
                out.append(Arg(a, t, slot))
    return out


