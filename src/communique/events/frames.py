"""Targets an act's own slots do not name, read in the phrase around it (issue 14 item 2): the place of a
meeting as its host, a travel noun's country compound as its destination, the clause an objection is made
over, and the other party of a meeting or call framing a verbal act. Preferences are the ``target_frames``
mapping of ``data/events/grammar.yaml`` (extended by any ``events/grammar.yaml`` in
``COMMUNIQUE_DATA_DIRS``; a malformed entry raises ``event_grammar_error``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..knowledge import data_files, load_yaml
from .grammar import GrammarError
from .resolve import Arg, place_actor, resolve_all
from .syntax import agent, prep_objects, subject

log = logging.getLogger(__name__)

__all__ = ["TargetFrames", "addressee", "concession_target", "destination_compound", "for_clause_subject", "for_clause_subjects",
           "host_place", "owned_thing", "purpose_party", "reciprocal_object", "reciprocal_phrase", "target_frames"]


@dataclass(frozen=True)
class TargetFrames:
    """``target_frames`` of ``events/grammar.yaml``."""

    host_place_types: frozenset[str] = frozenset()
    host_place_preps: tuple[str, ...] = ()
    destination_compound_types: frozenset[str] = frozenset()
    concession_preps: frozenset[str] = frozenset()
    concession_types: frozenset[str] = frozenset()
    addressee_frames: frozenset[str] = frozenset()
    addressee_frame_preps: frozenset[str] = frozenset()
    addressee_party_preps: tuple[str, ...] = ()
    addressee_types: frozenset[str] = frozenset()
    thing_object_types: frozenset[str] = frozenset()
    bare_group_nouns: frozenset[str] = frozenset()
    neutral_venues: frozenset[str] = frozenset()
    venue_heads: frozenset[str] = frozenset()
    audience_types: frozenset[str] = frozenset()
    audience_sectors: frozenset[str] = frozenset()
    open_phrase_types: frozenset[str] = frozenset()
    audience_words: frozenset[str] = frozenset()
    owned_thing_types: frozenset[str] = frozenset()
    owned_thing_nouns: frozenset[str] = frozenset()
    reciprocal_objects: frozenset[str] = frozenset()
    purpose_frame_verbs: frozenset[str] = frozenset()
    purpose_party_preps: tuple[str, ...] = ()
    for_clause_types: frozenset[str] = frozenset()
    trip_frames: frozenset[str] = frozenset()
    trip_party_preps: tuple[str, ...] = ()
    trip_types: frozenset[str] = frozenset()
    rementioned_types: frozenset[str] = frozenset()


_KEYS = {"host_place_types": str.upper, "host_place_preps": str.lower, "destination_compound_types": str.upper,
         "concession_preps": str.lower, "concession_types": str.upper, "addressee_frames": str.lower,
         "addressee_frame_preps": str.lower, "addressee_party_preps": str.lower, "addressee_types": str.upper, "thing_object_types": str.upper,
         "bare_group_nouns": str.lower, "neutral_venues": str.lower,
         "venue_heads": str.lower, "audience_types": str.upper, "audience_sectors": str.upper,
         "open_phrase_types": str.upper, "audience_words": str.lower, "owned_thing_types": str.upper,
         "owned_thing_nouns": str.lower, "reciprocal_objects": str.lower,
         "purpose_frame_verbs": str.lower, "purpose_party_preps": str.lower, "for_clause_types": str.upper,
         "trip_frames": str.lower, "trip_party_preps": str.lower, "trip_types": str.upper,
         "rementioned_types": str.upper}


@lru_cache(maxsize=4)
def target_frames(extra: tuple[str, ...] | None = None) -> TargetFrames:
    """The merged ``target_frames`` of every ``events/grammar.yaml`` (later folders add words)."""
    merged: dict[str, list[str]] = {k: [] for k in _KEYS}
    for path in data_files("events/grammar.yaml", list(extra) if extra is not None else None):
        data = (load_yaml(path) or {}).get("target_frames") or {}
        if not isinstance(data, dict):
            raise GrammarError(f"{path}: target_frames: expected a mapping")
        for key, norm in _KEYS.items():
            value = data.get(key) or []
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise GrammarError(f"{path}: target_frames.{key}: expected a list of strings, got {value!r}")
            merged[key].extend(norm(v) for v in value if norm(v) not in merged[key])
    return TargetFrames(
        frozenset(merged["host_place_types"]), tuple(merged["host_place_preps"]),
        frozenset(merged["destination_compound_types"]), frozenset(merged["concession_preps"]),
        frozenset(merged["concession_types"]), frozenset(merged["addressee_frames"]),
        frozenset(merged["addressee_frame_preps"]), tuple(merged["addressee_party_preps"]),
        frozenset(merged["addressee_types"]), frozenset(merged["thing_object_types"]),
        frozenset(merged["bare_group_nouns"]), frozenset(merged["neutral_venues"]),
        frozenset(merged["venue_heads"]), frozenset(merged["audience_types"]),
        frozenset(merged["audience_sectors"]), frozenset(merged["open_phrase_types"]),
        frozenset(merged["audience_words"]), frozenset(merged["owned_thing_types"]),
        frozenset(merged["owned_thing_nouns"]), frozenset(merged["reciprocal_objects"]),
        frozenset(merged["purpose_frame_verbs"]), tuple(merged["purpose_party_preps"]),
        frozenset(merged["for_clause_types"]), frozenset(merged["trip_frames"]),
        tuple(merged["trip_party_preps"]), frozenset(merged["trip_types"]),
        frozenset(merged["rementioned_types"]))


def _named_place(doc: Doc, tok: Token) -> Arg | None:
    pa = place_actor(doc, tok)
    if pa is None or (pa.name or "").lower() in target_frames().neutral_venues:
        return None  # "a conference in Geneva": a venue, not a host
    return Arg(pa, tok, "host/place")


def host_place(doc: Doc, thing: Token, etype: str) -> list[Arg]:
    """The country a meeting is held in, as its host: a place named in a compound before the noun ("the
    Warsaw summit") or in one of ``host_place_preps`` on it ("a conference in Nairobi")."""
    tf = target_frames()
    if etype not in tf.host_place_types or thing.pos_ not in {"NOUN", "PROPN"}:
        return []
    for c in thing.children:
        if c.dep_ in {"compound", "nmod"} and c.i < thing.i and c.pos_ == "PROPN":
            arg = _named_place(doc, c)
            if arg is not None:
                return [arg]
    for p in tf.host_place_preps:
        for g in prep_objects(thing, p):
            arg = _named_place(doc, g)
            if arg is not None:
                return [arg]
    return []


def destination_compound(doc: Doc, noun: Token, etype: str) -> list[Arg]:
    """A country named by a proper-noun compound before a travel noun, its destination: "a UK state visit",
    "his Japan trip". Never an adjective or a person."""
    if etype not in target_frames().destination_compound_types:
        return []
    for c in noun.children:
        if c.dep_ not in {"compound", "nmod"} or c.i >= noun.i or c.pos_ != "PROPN":
            continue
        found = [a for a in resolve_all(doc, c, "comp") if a.actor.type == "country" and a.actor.country]
        if not found:
            pa = place_actor(doc, c)
            found = [Arg(pa, c, "comp/place")] if pa is not None else []
        if found:
            return [Arg(a.actor, a.token, "destination") for a in found]
    return []


def concession_target(doc: Doc, noun: Token, etype: str) -> list[Arg]:
    """An objection in a phrase of concession is aimed at the clause's actor: "was adopted over Russian
    objections" (whoever adopted it, else the author of what was adopted), "went ahead despite Greek
    protests" (the subject)."""
    tf = target_frames()
    if etype not in tf.concession_types or noun.dep_ != "pobj" or noun.head.lower_ not in tf.concession_preps:
        return []
    verb = noun.head.head
    for _ in range(2):  # "went ahead with the drilling despite ...": the phrase may hang on a noun of the clause
        if verb.pos_ in {"VERB", "AUX"} or verb.dep_ not in {"pobj", "dobj"}:
            break
        verb = verb.head.head if verb.dep_ == "pobj" else verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return []
    from .match import theme_actors  # the author of a thing (match imports this module)

    a = agent(verb)
    if a is not None:
        found = resolve_all(doc, a, "concession")
        if found:
            return found
    s = subject(verb) or next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if s is None:
        return []
    found = resolve_all(doc, s, "concession")
    if not found and s.pos_ == "NOUN":  # "the British plan was adopted": the plan's author
        from .patterns import lexicon

        found = theme_actors(doc, s, lexicon(), etype)
    return [Arg(x.actor, x.token, "concession") for x in found]


def addressee(doc: Doc, verb: Token, etype: str) -> list[Arg]:
    """The other party of a meeting or call framing a verbal act: "raised concerns in a phone call with
    Putin", "urged restraint during talks with Modi" (the party of the frame's with-phrase)."""
    tf = target_frames()
    if (etype not in tf.addressee_types and etype not in tf.trip_types) or verb.pos_ not in {"VERB", "AUX"}:
        return []
    heads = [verb]
    # "raised concerns in a call with X": the frame often hangs on the verb's object
    heads += [c for c in verb.children if c.dep_ in {"dobj", "xcomp"}]  # "agreed to expand trade after talks"
    if verb.dep_ in {"xcomp", "conj"} and verb.head.pos_ in {"VERB", "AUX"}:
        heads.append(verb.head)  # "agreed to cooperate ... during talks with X"
    s = subject(verb)
    if s is not None:  # "The French president, on a visit to Algeria, called for ...": the frame on the subject
        heads.append(s)
    for h in heads:
        for p in tf.addressee_frame_preps:
            for frame in prep_objects(h, p):
                lemma = frame.lemma_.lower()
                if etype in tf.trip_types:
                    found = _country_visited(doc, frame, etype)
                    if found:
                        return found
                if etype not in tf.addressee_types or (
                        lemma not in tf.addressee_frames and frame.lower_ not in tf.addressee_frames):
                    continue
                for q in tf.addressee_party_preps:
                    for party in prep_objects(frame, q):
                        found = resolve_all(doc, party, "addressee")
                        if found:
                            return [Arg(x.actor, x.token, "addressee") for x in found]
    return []


def _country_visited(doc: Doc, frame: Token, etype: str) -> list[Arg]:
    """The country of a trip phrase (``trip_frames``), itself or the trip a part of it is of ("on the second
    day of a UK state visit"): its ``trip_party_preps`` object ("during his visit **to Athens**") or a country
    compound before it ("a **UK** state visit")."""
    tf = target_frames()
    for trip in [frame, *prep_objects(frame, "of")]:
        if trip.lemma_.lower() not in tf.trip_frames and trip.lower_ not in tf.trip_frames:
            continue
        for q in tf.trip_party_preps:
            for party in prep_objects(trip, q):
                found = resolve_all(doc, party, "addressee")
                if not found:
                    arg = _named_place(doc, party)
                    found = [arg] if arg is not None else []
                if found:
                    return [Arg(x.actor, x.token, "addressee (country visited)") for x in found]
        found = [a for c in trip.children if c.dep_ in {"compound", "nmod"} and c.i < trip.i and c.pos_ == "PROPN"
                 for a in resolve_all(doc, c, "comp") if a.actor.type == "country" and a.actor.country]
        if found:
            return [Arg(x.actor, x.token, "addressee (country visited)") for x in found]
    return []


def owned_thing(noun: Token, etype: str, arg_token: Token) -> bool:
    """Whether ``arg_token``, a modifier before an event noun, names the owner of a thing the act is done to
    (``owned_thing_nouns``): "the **U.S.** embassy bombings", "the **French** consulate attack". The owner is
    the target, not the author."""
    frames = target_frames()
    if etype not in frames.owned_thing_types or arg_token.i >= noun.i:
        return False
    things = [c for c in noun.children if c.dep_ in {"compound", "nmod"} and c.i < noun.i
              and c.lemma_.lower() in frames.owned_thing_nouns]
    return any(arg_token.i <= t.i for t in things)


def reciprocal_phrase(tok: Token | None) -> bool:
    """Whether ``tok`` heads "each other" / "one another" (``reciprocal_objects``)."""
    return tok is not None and " ".join(t.lower_ for t in tok.subtree) in target_frames().reciprocal_objects


def _infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def purpose_party(doc: Doc, verb: Token, etype: str) -> list[Arg]:
    """The party met or the country travelled to, for a verbal act that is the purpose of the meeting or trip
    (``purpose_frame_verbs``): "met his US counterpart **to press** for a safe zone" is a request to the US,
    "flew to Beijing to urge an end to the war" one to China. The head's object, else its phrases
    (``purpose_party_preps``) naming an actor or a place outside ``neutral_venues``."""
    tf = target_frames()
    head = verb.head
    if (etype not in tf.addressee_types or verb.dep_ != "advcl" or verb.i < head.i or not _infinitive(verb)
            or head.pos_ != "VERB" or head.lemma_.lower() not in tf.purpose_frame_verbs
            or any(c.dep_ == "neg" for c in head.children)):
        return []
    parties = [c for c in head.children if c.dep_ in {"dobj", "dative"} and not reciprocal_phrase(c)]
    parties += [g for p in tf.purpose_party_preps for g in prep_objects(head, p) if g.i < verb.i]
    for party in parties:
        found = resolve_all(doc, party, "purpose")
        if not found:
            arg = _named_place(doc, party)
            found = [arg] if arg is not None else []
        if found:
            return [Arg(x.actor, x.token, "purpose party") for x in found]
    return []


def for_clause_subjects(tok: Token) -> list[Token]:
    """The subjects of the "for X to ..." infinitive clauses on ``tok``, who are asked to act: "called for the
    United States to withdraw" (spaCy: a clause marked "for" with its own subject and "to"), also "pressed for
    Beijing to release ..." parsed as a "for" phrase with the infinitive beside it. A passive clause's subject
    is what is acted on ("called for Trump to be banned": nsubjpass, none); a head with an object of its own
    has the clause say what that object is ("pressed his plan for Turkey to set up a zone": none)."""
    if any(c.dep_ == "dobj" for c in tok.children):
        return []
    clauses = [c for c in tok.children if c.i > tok.i and c.dep_ in {"advcl", "acl", "relcl", "ccomp", "xcomp"}
               and _infinitive(c)]
    subjects = [g for c in clauses if any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children)
                for g in c.children if g.dep_ == "nsubj" and g.i < c.i]
    for g in prep_objects(tok, "for"):
        if any(c.left_edge.i == g.right_edge.i + 1 and not any(x.dep_ == "nsubj" for x in c.children)
               for c in clauses):
            subjects.append(g)
    return subjects


def for_clause_subject(doc: Doc, tok: Token, etype: str) -> list[Arg]:
    """The actors of the first "for ... to" clause subject on the head (:func:`for_clause_subjects`) that
    names one, for the types of ``for_clause_types``: "Israel's call **for Egypt** to close the border"."""
    if etype not in target_frames().for_clause_types:
        return []
    for sj in for_clause_subjects(tok):
        if sj.pos_ == "PRON":
            continue
        found = resolve_all(doc, sj, "forsubj")
        if found:
            return [Arg(x.actor, x.token, "for-clause subject") for x in found]
    return []


def reciprocal_object(verb: Token) -> bool:
    """Whether an infinitive acts on "each other" (``reciprocal_objects``): "pledged to consult **each other**
    on Syria" is aimed at the joint sources, not at a phrase of the infinitive."""
    words = target_frames().reciprocal_objects
    for g in verb.children:
        objs = [g] if g.dep_ in {"dobj", "dative"} else prep_objects(verb, g.lower_) if g.dep_ == "prep" else []
        for o in objs:
            if " ".join(t.lower_ for t in o.subtree) in words:
                return True
    return False
