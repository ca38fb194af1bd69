"""Matching one token against its patterns: the most specific pattern whose conditions hold (particle,
object, prepositional complement, modifier) fires, with the sources and targets the parse gives it
(see :mod:`.syntax`), resolved to actors (:mod:`.resolve`) and filtered by what the pattern's type asks
of them (a state visit needs an official, an armed attack an armed actor). :func:`match_token` returns
one :class:`~.candidate.Candidate`; :mod:`.coder` splits it into events.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token

from .. import plover
from ..countries import in_text_name as _country_name
from ..records import Actor
from .candidate import Candidate
from .frames import (
    addressee,
    concession_target,
    destination_compound,
    for_clause_subject,
    for_clause_subjects,
    host_place,
    owned_thing,
    purpose_party,
    reciprocal_object,
    reciprocal_phrase,
    target_frames,
)
from .grammar import Grammar, grammar
from .patterns import Lexicon, Pattern, lexicon, load_patterns
from .predicates import PREDICATE_SLOTS, predicate_slot
from .resolve import (
    FIRST_PLURAL,
    Arg,
    _lookup,
    misparsed_owner,
    misread_place,
    place_actor,
    resolve,
    resolve_all,
)
from .services import services
from .syntax import (
    WH,
    agent,
    apposed_name,
    dative,
    direct_object,
    is_passive,
    noun_source_candidates,
    prep_objects,
    source_words,
    subject,
)

log = logging.getLogger(__name__)

MAX_EVENTS_PER_HEAD = 6
REFLEXIVES = frozenset({"himself", "herself", "itself", "themselves", "oneself"})
XOBJ_PREPS = ("with", "to", "against", "on", "into", "from", "for", "out of")


# --------------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------------


_UNSET: Any = object()


def _particles(tok: Token, obj: Token | None = _UNSET) -> set[str]:
    """Particles of a phrasal verb: "prt" dependents, or an adverb or preposition right after the verb or
    its object ("pulled out of", "cracked down on"; not "turned London upside down")."""
    if obj is _UNSET:
        obj = direct_object(tok)
    after = {tok.i + 1} | ({obj.right_edge.i + 1} if obj is not None and obj.i > tok.i else set())
    return {c.lower_ for c in tok.children
            if c.dep_ == "prt" or (c.dep_ in {"advmod", "prep"} and c.i in after)}


def conditions_hold(tok: Token, pat: Pattern, dobj: Token | None = _UNSET) -> Token | None:
    """The object token of a light-verb pattern (or ``tok``) when every condition of ``pat`` holds."""
    return _check_conditions(tok, pat, dobj)[0]


#: the stable names :func:`failed_condition` gives, in the order the conditions are checked
CONDITIONS = ("particle", "object", "complement", "requires_dep", "forbids_dep", "excluded", "prep", "modifier")


def failed_condition(tok: Token, pat: Pattern, dobj: Token | None = _UNSET) -> str | None:
    """The name of the first condition of ``pat`` that fails at ``tok`` (one of :data:`CONDITIONS`), or None
    when all hold. For instrumenting the lexicon: which part of a pattern keeps a head from firing."""
    return _check_conditions(tok, pat, dobj)[1]


# object classes a pattern may name after "=" beside lemmas: ":people" is a person or people named by
# nationality ("expelled five Iraqis", "deported a Libyan", "expelled two Britons") or by name
# ("expelled Mark Otieno"), never a country ("expelled Mali from the bloc", which the parser may tag PERSON)
PEOPLE_CLASS = ":people"


@lru_cache(maxsize=1)
def _nationality_words() -> tuple[frozenset[str], frozenset[str]]:
    """(words for a country's people or its adjective used as a noun, names of countries), lower case,
    from the country table."""
    from ..countries import countries

    people: set[str] = set()
    names: set[str] = set()
    for c in countries().values():
        people.update(w.lower() for w in (*c.people, *c.adjectives))
        names.update(w.lower() for w in (*c.names, *((c.name,) if c.name else ())))
    return frozenset(people), frozenset(names)


def _object_is(obj: Token, objects: frozenset[str]) -> bool:
    """The object has one of the lemmas (or forms) of a pattern's "=" list, or is of a class it names."""
    if obj.lemma_.lower() in objects or obj.lower_ in objects:
        return True
    if PEOPLE_CLASS in objects and obj.pos_ in {"NOUN", "PROPN"}:
        people, names = _nationality_words()
        if obj.lower_ in names or obj.lemma_.lower() in names:
            return False
        return obj.lower_ in people or obj.lemma_.lower() in people or obj.ent_type_ in {"NORP", "PERSON"}
    return False


def _abstract_complement(tok: Token, pat: Pattern) -> bool:
    """The infinitive complement of a "~" pattern acts on an abstract thing (``abstract_objects`` of
    grammar.yaml): "vowed to fight corruption", "promised to eradicate poverty"."""
    words = grammar().abstract_objects
    for c in tok.children:
        if c.lemma_.lower() not in pat.complement or c.dep_ not in {"xcomp", "advcl", "ccomp"}:
            continue
        objs = [o for o in c.children if o.dep_ == "dobj" and o.pos_ == "NOUN"]
        if objs and all(o.lemma_.lower() in words or o.lower_ in words for o in objs):
            return True
    return False


def _small_clause(c: Token) -> bool:
    """A verbless clause complement: an adjective with its own subject and no verb ("holds **Russia
    responsible**", parsed as a ccomp adjective whose nsubj is the party held)."""
    return c.dep_ == "ccomp" and c.pos_ == "ADJ" and any(a.dep_ == "nsubj" for a in c.children)


def _check_conditions(tok: Token, pat: Pattern, dobj: Token | None = _UNSET) -> tuple[Token | None, str | None]:
    anchor = tok
    if dobj is _UNSET:  # the verb's direct object, computed once per head by match_token
        dobj = direct_object(tok)
    if pat.particle and not (pat.particle & _particles(tok, dobj)):
        return None, "particle"
    if pat.objects:
        obj = dobj
        if obj is not None and obj.lemma_.lower() in lexicon().quantity_nouns and not (
                obj.lemma_.lower() in pat.objects or obj.lower_ in pat.objects):
            # "withdrew thousands of troops": the "of" phrase says what (unless the pattern names the
            # quantity itself: "seized large parts of Afghanistan")
            inner = prep_objects(obj, "of")
            if inner:
                obj = inner[0]
        if obj is None or not _object_is(obj, pat.objects):
            # "hold talks and meetings": accept a conjunct
            if obj is None or not any(_object_is(c, pat.objects) for c in obj.conjuncts):
                return None, "object"
        anchor = obj
    if pat.complement and not any(
        c.lemma_.lower() in pat.complement
        and (c.dep_ == "xcomp" or (c.dep_ in {"advcl", "ccomp"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
             or _small_clause(c))
        for c in tok.children
    ):  # an infinitive complement, also when parsed as a purpose clause ("has sworn to fight"), as a clause
        # with its own subject ("allowed the leader to run": ccomp) or as a verbless small clause ("holds
        # Russia responsible": ccomp adjective with a subject)
        return None, "complement"
    if pat.complement and not (pat.cameo or "").startswith("09") and _abstract_complement(tok, pat):
        # (an inquiry's object is a thing of words by nature: "sent experts to investigate the claims")
        # "vowed to fight corruption", "pledged to defeat poverty": an ill fought by policy, no act on anyone
        return None, "complement"
    if pat.requires_dep and not any(c.dep_ in pat.requires_dep for c in tok.children):
        return None, "requires_dep"
    if pat.forbids_dep and any(c.dep_ in pat.forbids_dep for c in tok.children):
        return None, "forbids_dep"
    if pat.excluded:
        obj = dobj
        if obj is not None and (obj.lemma_.lower() in pat.excluded or obj.lower_ in pat.excluded):
            return None, "excluded"
        if pat.noun and any(c.dep_ in {"amod", "compound", "nmod"} and c.lower_ in pat.excluded
                            for c in tok.children):  # an event noun's excluded modifier: "cold war"
            return None, "excluded"
    for preps, objs in pat.preps:
        heads = [tok] if anchor is tok else [tok, anchor]
        if dobj is not None and dobj not in heads:  # "fired a salvo of missiles at X": on the quantity noun
            heads.append(dobj)
        got = [g for h in heads for prep in preps for g in prep_objects(h, prep)]
        if not got and "for" in preps:
            # "called for the US to withdraw", "pressed for Iran to release ...": "for" opens an infinitive
            # clause with its own subject (an advcl marked "for"), the phrase's object is that subject
            got = for_clause_subjects(tok)
        if not got:
            return None, "prep"
        if objs and not any(g.lemma_.lower() in objs or g.lower_ in objs for g in got):
            return None, "prep"
    if pat.modifiers and not any(
        c.lemma_.lower() in pat.modifiers or c.lower_ in pat.modifiers
        for h in ({tok, anchor} | {g for preps, _objs in pat.preps for p in preps for g in prep_objects(tok, p)})
        for c in h.children if c.dep_ in {"amod", "compound", "nmod", "advmod", "npadvmod"}
    ):  # on the head, on the object of a light verb ("held joint drills") or of a required phrase
        return None, "modifier"  # ("the deployment of peacekeeping troops")
    return anchor, None


def _slot_tokens(doc: Doc, tok: Token, anchor: Token, slot: str, pat: Pattern) -> list[Token]:
    if slot in PREDICATE_SLOTS:  # an adjective's bearer, a hyphened participle's actor and noun
        return predicate_slot(tok, slot)
    if slot == "obj":
        if pat.noun:
            return []
        o = direct_object(tok)
        # "met each other", "accused one another": the joint sources, not an object (see _reciprocal)
        return [o] if o is not None and not reciprocal_phrase(o) else []
    if slot == "dative":
        d = dative(tok)
        return [d] if d is not None else []
    if slot == "poss":
        return [c for c in tok.children if c.dep_ == "poss"]
    if slot == "comp":
        return [c for c in tok.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < tok.i]
    if slot in {"compound", "amod"}:
        return [c for c in tok.children if c.dep_ == slot and c.i < tok.i]
    if slot == "gov":
        return [t for name, t in noun_source_candidates(tok, lexicon(), set()) if name == "gov"]
    if slot == "subj":
        s = subject(tok) if not pat.noun else None
        return [s] if s is not None else []
    if slot == "ccsubj":  # "demanded that the US cancel ...": the subject of the clause
        # also a that-clause on an event noun or on the verb's object ("its demand that the US lift
        # sanctions", "insisted on their demand that the government resign")
        heads = [tok, *([anchor] if anchor is not tok else [])]
        heads += [g for preps, _objs in pat.preps for p in preps for g in prep_objects(tok, p)]
        return [g for h in heads for c in h.children
                if c.dep_ == "ccomp" or (c.dep_ == "acl" and h.pos_ == "NOUN" and _that_clause(c))
                for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}]
    if slot == "forsubj":  # "called for the US to withdraw": the subject of the "for ... to" clause
        return for_clause_subjects(tok)
    if slot == "xobj":  # the target of the infinitive: "threatened to [break] relations with Russia"
        out: list[Token] = []
        for c in tok.children:
            if c.pos_ == "VERB" and (c.dep_ == "xcomp" or (
                    c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))):
                if reciprocal_object(c):
                    continue  # "pledged to consult each other on Syria": the joint sources, not Syria
                objs = [g for g in c.children if g.dep_ == "dobj"]
                out.extend(objs)
                for prep in XOBJ_PREPS:
                    out.extend(prep_objects(c, prep))
                    for o in objs:  # "threatened to break relations with Russia"
                        out.extend(prep_objects(o, prep))
        return out
    if slot == "condsubj":  # "threatened to walk out if the US goes ahead": who the condition is put to
        marks = lexicon().conditional_marks
        out = []
        for v in [tok, *(c for c in tok.children if c.dep_ == "xcomp")]:
            for c in v.children:
                if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children):
                    out.extend(g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"})
        return out
    heads = [tok] if anchor is tok else [anchor, tok]
    if pat.noun and slot != "of":
        # "the withdrawal of its forces from X": the phrase often hangs on the noun's "of" object
        heads.extend(prep_objects(tok, "of"))
    if not pat.noun:
        # "requested aid from Kenya": the phrase often hangs on the object, also on a quantity noun
        # the object condition looked through ("exploded a series of bombs in X")
        o = direct_object(tok)
        if o is not None and o.i > tok.i and o not in heads:
            heads.append(o)
    for preps, _objs in pat.preps:  # "put troops on alert [near Kosovo]": on the required phrase's object
        heads.extend(g for p in preps for h in ({tok, anchor}) for g in prep_objects(h, p))
    return [g for h in heads for g in prep_objects(h, slot)]


def _that_clause(c: Token) -> bool:
    """A clause opened by "that" after a noun, with a subject of its own: "a demand that Israel withdraw".
    A "that" read as the clause's object is a relative pronoun ("the demand that Israel rejected") unless
    the verb is a bare subjunctive."""
    if c.i < c.head.i or not any(g.dep_ in {"nsubj", "nsubjpass"} and g.lower_ not in WH for g in c.children):
        return False
    return any(g.lower_ == "that" and g.i < c.i and (g.dep_ == "mark" or (g.dep_ == "dobj" and c.tag_ == "VB"))
               for g in c.children)


def default_targets(pat: Pattern) -> tuple[str, ...]:
    if pat.targets:
        return pat.targets
    return ("of", "to", "with", "against") if pat.noun else ("obj",)


FRAME_SLOT = "subject of the clause the trip frames"


def find_sources(doc: Doc, tok: Token, pat: Pattern, lex: Lexicon, used: set[int]) -> tuple[list[Arg], str]:
    if pat.sources:
        for slot in pat.sources:
            for t in _slot_tokens(doc, tok, tok, slot, pat):
                if t.i in used:
                    continue
                args = resolve_all(doc, t, slot) or _allegiance(doc, t, slot)
                if args:
                    return args, slot
        if pat.noun and "poss" in pat.sources:
            return _owner_source(doc, tok, used)
        return [], ""
    if not pat.noun:
        s = subject(tok)
        if s is not None:
            named = _apposed_actors(doc, s, "subj")
            if named:  # "the home secretary, Sajid Javid, accused Russia"
                return named, "subj, apposed name"
            args = resolve_all(doc, s, "subj")
            if not args and s.pos_ == "NOUN" and any(
                    p.type == pat.type for p in load_patterns().nouns.get(s.lemma_.lower(), ())):
                # an act of the same type as subject ("Israeli airstrikes killed ..."): its author is
                # the source ("Western sanctions hit Russia's economy" is no assault)
                for name, t in noun_source_candidates(s, lex, used):
                    args = [Arg(a.actor, a.token, f"subj/{name}") for a in resolve_all(doc, t, name)]
                    if args:
                        return args, f"subj/{name}"
            if not args:  # "forces loyal to the general shelled the city"
                args = _allegiance(doc, s, "subj")
                if args:
                    return args, "subj, loyal to"
            if not args:  # "the president, whose military intervened in Syria"
                args = _whose_owner(doc, s)
                if args:
                    return args, "subj, owned by the antecedent of whose"
            return args, "subj"
        return [], ""
    for slot, t in noun_source_candidates(tok, lex, used):
        args = _apposed_actors(doc, t, slot) if slot == "gov" else []
        if args:  # "the home secretary, Sajid Javid, ordered an inquiry into X"
            return args, f"{slot}, apposed name"
        args = resolve_all(doc, t, slot)
        if args:
            return args, slot
        args = _allegiance(doc, t, slot)
        if args:
            return args, f"{slot}, loyal to"
    g = grammar()
    framed = pat.travel or pat.type in g.frame_types
    preps = g.frame_preps | (g.frame_type_preps if pat.type in g.frame_types else frozenset())
    if pat.travel:
        part = _framing_part(tok)  # "spoke on the second day of a state visit to X": the visit frames it
        if part is not tok:
            tok, preps = part, preps | {"at"}  # "at the end of a trip to X" frames as "on" does
    frame_head = tok.head.head if tok.dep_ == "pobj" else tok
    if pat.type in g.frame_types and frame_head.pos_ == "NOUN" and frame_head.dep_ in {"dobj", "pobj"}:
        # "called for more dialogue in a phone call with Putin": the phrase hangs on the verb's object
        up = frame_head.head if frame_head.dep_ == "dobj" else frame_head.head.head
        frame_head = up if up.pos_ in {"VERB", "AUX"} else frame_head
    if framed and tok.dep_ == "pobj" and tok.head.lower_ in preps \
            and frame_head.pos_ in {"VERB", "AUX"}:
        # "told reporters during a trip to Athens", "spoke on his first visit to X": the traveller is the
        # subject of the clause the trip frames; so is the party of a meeting or call framing it ("raised the
        # issue in a phone call with Putin", "at a meeting with ...": frame_types)
        s = subject(frame_head)
        if s is not None and s.i not in used:
            args = resolve_all(doc, s, "frame")
            if args:
                return args, FRAME_SLOT
    return _owner_source(doc, tok, used)


def _apposed_actors(doc: Doc, s: Token, slot: str) -> list[Arg]:
    """The actors of the name in apposition to a subject noun (:func:`.syntax.apposed_name`): the role noun
    "the group's leader" may name no one, or the wrong one through its possessor, where "Abdurrahim Attoun"
    names the person."""
    name = apposed_name(s)
    if name is None:
        return []
    return [Arg(a.actor, a.token, f"{slot}/appos") for a in resolve_all(doc, name, slot)]


def _allegiance(doc: Doc, t: Token, slot: str) -> list[Arg]:
    """The actor a group is loyal to, for a group of no actor of its own: "forces **loyal to** the general",
    "militias allied with Tehran" (``loyalty_words`` and ``loyalty_preps`` of sources.yaml)."""
    if t.pos_ not in {"NOUN", "PRON"}:
        return []
    words = source_words()
    for c in t.children:
        if c.dep_ in {"amod", "acl", "relcl"} and c.i > t.i and (
                c.lemma_.lower() in words.loyalty_words or c.lower_ in words.loyalty_words):
            for prep in words.loyalty_preps:
                for g in prep_objects(c, prep):
                    args = resolve_all(doc, g, slot)
                    if args:
                        return [Arg(a.actor, a.token, f"{slot}/loyal") for a in args]
    return []


def _whose_owner(doc: Doc, s: Token) -> list[Arg]:
    """The actor a relative "whose" points at, for a subject that names its forces or government:
    "Russia, **whose** troops entered Ukraine", "the president, whose military intervened"."""
    if s.pos_ != "NOUN" or s.head.dep_ != "relcl" or not any(
            c.dep_ == "poss" and c.lower_ == "whose" for c in s.children):
        return []
    g = grammar()
    word = s.lemma_.lower()
    if not any(w in g.armed_nouns or w in g.unresolved for w in (word, s.lower_)):
        return []
    # a state, an organisation or an office-holder, whose forces or government are theirs ("Deghayes,
    # whose militia ..." is a private person's band, not his country's)
    return [Arg(a.actor, a.token, "subj/whose") for a in resolve_all(doc, s.head.head, "subj")
            if a.actor.type != "person" or a.actor.role or a.actor.sector]


def _owner_source(doc: Doc, tok: Token, used: set[int]) -> tuple[list[Arg], str]:
    owner = misparsed_owner(tok)
    if owner is not None and owner.i not in used:
        args = [Arg(a, owner, "poss") for a in resolve(doc, owner)]
        if args:
            return args, "poss (misparsed)"
    return [], ""


def _attached_group(doc: Doc, verb: Token, obj: Token) -> list[Arg]:
    """A frequent attachment error: in "meet leaders from Russia" the parser hangs "from Russia" on the
    verb; when it directly follows the object, read it as the object's complement."""
    if obj.lemma_.lower() in load_patterns().nouns or obj.lemma_.lower() not in lexicon().group_nouns:
        return []
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in {"from", "of"} and c.i == obj.right_edge.i + 1:
            for g in c.children:
                if g.dep_ == "pobj":
                    return resolve_all(doc, g, "obj")
    return []


#: types whose act helps its object: a thing someone attacked ("protect hospitals targeted by Russian
#: warplanes") is not theirs, while condemning or rejecting it still targets them
HELPING_TYPES = plover.HELPING_TYPES  # data/plover/types.yaml, class helping


def _harms(verb: Token) -> bool:
    """The participle is a violent act: "targeted", "bombed", "destroyed" (a verb of an ASSAULT pattern)."""
    return any(p.type == "ASSAULT" for p in load_patterns().verbs.get(verb.lemma_.lower(), ())) or \
        verb.lemma_.lower() in {"target", "damage", "destroy", "hit"}


def theme_actors(doc: Doc, obj: Token, lex: Lexicon, etype: str = "", event: Token | None = None) -> list[Arg]:
    """Whose act or thing an object is: "rejected Russia's proposal" and "opposed US condemnation"
    are aimed at Russia and the US. For an event noun, its own source; else a possessor or a proper
    noun compound. ``event`` is the act's own participle clause on ``obj`` ("the regime, backed by
    Russia"): its agent is the act's source, never the author of the thing acted on."""
    pats = load_patterns().nouns.get(obj.lemma_.lower())
    if pats:
        for pat in pats:
            if conditions_hold(obj, pat) is not None:
                args, slot = find_sources(doc, obj, pat, lex, set())
                if slot == "gov":  # the subject of the verb the noun is an object of: the event's own source
                    break
                return [Arg(a.actor, a.token, "theme") for a in args]
        # no pattern of the noun holds ("Reagan's policy statement" is no joint statement): its author
        # is still named by a possessor or modifier, below
    for c in obj.children:
        if c.dep_ == "poss" or (c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN") or (
                c.dep_ == "amod" and c.pos_ == "ADJ"):  # "the Iran nuclear deal": nmod
            found = resolve_all(doc, c, "theme")
            if found:
                return found
    if obj.lemma_.lower() not in lex.group_nouns:  # "lambasted decisions by Donald Trump"
        for g in prep_objects(obj, "by"):
            found = resolve_all(doc, g, "theme")
            if found:
                return found
    for c in obj.children:  # "the crimes committed by X", "the plan drawn up by X"
        if c.dep_ == "acl" and c.tag_ == "VBN" and (event is None or c.i != event.i) and not (etype in HELPING_TYPES and _harms(c)):
            a = agent(c)
            if a is not None:
                found = resolve_all(doc, a, "theme")
                if found:
                    return found
    if obj.lemma_.lower() not in lex.group_nouns:  # "a proposal from Romania", not "troops from Chad"
        for g in prep_objects(obj, "from"):
            found = resolve_all(doc, g, "theme")
            if found:
                return found
    return []


def _domestic_target(doc: Doc, tok: Token, anchor: Token, pat: Pattern, lex: Lexicon) -> Token | None:
    """The head of an unnamed group of people in the pattern's target slots ("detained two journalists",
    "freed dozens of political prisoners"), for the types that act within a state's jurisdiction."""
    for slot in default_targets(pat):
        for t in _slot_tokens(doc, tok, anchor, slot, pat):
            x = t
            if x.lemma_.lower() in lex.quantity_nouns:
                inner = prep_objects(x, "of")
                x = inner[0] if inner else x
            if x.pos_ == "NOUN" and (x.lemma_.lower() in lex.domestic_nouns or x.lower_ in lex.domestic_nouns):
                return x
    return None


#: types of statements, not decisions: "the decision" or "the move" never points back at them
WORDS_ONLY = plover.WORDS_ONLY  # class words_only
#: reactions to an event reported: only these point back at it through an event noun ("condemned the
#: agreement"); "the move was sanctioned by Moscow" is approval, not sanctions on the move's authors
REACTION_TYPES = plover.REACTION_TYPES  # class reaction
ANAPHORIC_DETS = frozenset({"the", "this", "that", "these", "those"})


def _anaphoric_noun(t: Token, lex: Lexicon) -> bool:
    """An event noun that names an event just reported: "condemned **the agreement**", "rejected **these
    accusations**" (a determiner that points back, no actor of its own, no complement naming it anew)."""
    if t.pos_ != "NOUN" or (t.lemma_.lower() not in lex.anaphoric_nouns and t.lower_ not in lex.anaphoric_nouns):
        return False
    if not any(c.dep_ == "det" and c.lower_ in ANAPHORIC_DETS for c in t.children):
        return False
    # an author named but not resolved ("the Hamas attack"), or an event described anew ("the decision
    # to ...", "the deal that X signed", "the chemical attack in Douma"): not a pointer back
    return not any(c.dep_ in {"poss", "compound", "acl", "relcl", "nmod", "prep"} for c in t.children)


#: statements an unnamed legislature makes about its own office-holders
VERBAL_DOMESTIC = plover.VERBAL_DOMESTIC  # class verbal_domestic


def _domestic_speakers(doc: Doc, tok: Token, targets: list[Arg], lex: Lexicon) -> tuple[list[Arg], str]:
    """"Lawmakers criticized President X": unnamed legislators speaking of a named office-holder are of
    that person's country (``domestic_speakers``); a country or organisation as target places no one."""
    s = subject(tok)
    if s is None or s.pos_ != "NOUN" or (s.lemma_.lower() not in lex.domestic_speakers
                                         and s.lower_ not in lex.domestic_speakers):
        return [], ""
    if any(c.dep_ in {"amod", "compound", "poss"} and c.i < s.i and resolve(doc, c) for c in s.children):
        return [], ""  # "German lawmakers": the actors stage names them
    placed = {a.actor.country for a in targets if a.actor.type == "person" and a.actor.country
              and (a.actor.role or a.actor.sector)}
    if len(placed) != 1:
        return [], ""
    country = placed.pop()
    actor = Actor(id=f"home:{s.i}", name=doc[s.left_edge.i: s.i + 1].text, type="group", country=country,
                  sector=["LEG"])
    return [Arg(actor, s, "subj")], "subj, placed in the country of the office-holder they speak of"


def _slot_actors(doc: Doc, tok: Token, anchor: Token, pat: Pattern, lex: Lexicon, t: Token, slot: str,
                 theme_nouns: list[Token], anaphora: Callable[[Token], list[Arg]] | None) -> list[Arg]:
    """The target actors one token of a target slot names: the actors of the phrase, else (by pattern) a
    place, a misattached group, the author of a thing, a governed patient, or the parties of an event just
    reported. Event nouns read as a theme are appended to ``theme_nouns``."""
    found = resolve_all(doc, t, slot)
    if (pat.travel or pat.places or pat.type in grammar().place_target) and found and not any(
            a.actor.country for a in found):
        placed = [pa for pa in (place_actor(doc, tt) for tt in [t, *t.conjuncts]) if pa is not None]
        if not placed and pat.type in grammar().place_target:
            # "an attack on the Kurdish enclave of Afrin": the place names the country
            placed = [pa for prep in grammar().place_preps for p in prep_objects(t, prep)
                      for pa in [place_actor(doc, p)] if pa is not None][:1]
        if placed:
            found = [Arg(pa, t, slot + "/place") for pa in placed]
    if not found and (pat.travel or pat.places):
        for tt in [t, *t.conjuncts]:
            pa = place_actor(doc, tt) or misread_place(doc, tt)
            if pa is None and tt.pos_ == "NOUN":
                # a place naming the target: "raided the Jenin camp", "shelled the town of Rafah"
                named = [c for c in tt.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tt.i]
                if tt.lemma_.lower() in lex.group_nouns:
                    # "the town of Rafah", "the capital Kabul", "the port city, Odesa"
                    named += prep_objects(tt, "of")
                    named += [c for c in tt.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
                pa = next((p for c in named for p in [place_actor(doc, c)] if p is not None), None)
            if pa is not None:
                found.append(Arg(pa, tt, slot + "/place"))
    if not found and slot == "obj" and t is not anchor:
        found = _attached_group(doc, tok, t)
    if not found and t is not anchor and slot not in {"dative", "subj", "poss", "comp"}:
        # "Kurdish groups, armed by Washington": the participle is the act itself, the noun it is on its patient
        own_clause = tok if tok.dep_ == "acl" and tok.head.i == t.i else None
        found = theme_actors(doc, t, lex, pat.type, own_clause)
        if found and not any(a.actor.country for a in found) and pat.type in grammar().place_target:
            # "an attack on the Kurdish enclave of Afrin": the place names the country where
            # the modifier's group has none
            placed = [pa for prep in grammar().place_preps for p in prep_objects(t, prep)
                      for pa in [place_actor(doc, p)] if pa is not None][:1]
            found = [Arg(pa, t, slot + "/place") for pa in placed] or found
        if found and t.lemma_.lower() in load_patterns().nouns and not _acts_on_another(doc, t, found):
            # "rejected calls by X": the call is this event's theme, coded once; "lauded the
            # UAE's recognition of Israel" keeps the recognition, an act on another actor
            theme_nouns.append(t)
    if not found and slot == "obj" and t is not anchor:
        # an act or thing with no author of its own, of a government ("condemned the overthrow
        # of the Muslim Brotherhood government", "backed the toppling of Assad's regime")
        found = _governed_patient(doc, t)
    if (not found and anaphora is not None and slot == "obj" and pat.type in REACTION_TYPES
            and _anaphoric_noun(t, lex)):
        # "China condemned the agreement": the parties of the agreement just reported
        found = anaphora(t)
    if not found and t is not anchor and t.lemma_.lower() in grammar().chain_heads:
        # "sanctions on firms that trade with Iran", "companies doing business with Russia": the generic
        # head stands for the actor its clause names
        found = _chain_actors(doc, t)
    return found


def _chain_actors(doc: Doc, head: Token) -> list[Arg]:
    """The actors named by the object or prepositional object of a relative or participle clause on a generic
    noun (``chain_heads``): "firms that trade **with Iran**", "banks that finance **North Korea**"."""
    clauses = [c for c in head.children if c.dep_ in {"relcl", "acl"} and c.pos_ in {"VERB", "AUX"}]
    clauses += [x for c in clauses for x in c.children if x.dep_ == "xcomp"]  # "that continue to trade with"
    for c in clauses:
        objs = [g for g in c.children if g.dep_ == "dobj"]
        objs += [g for p in grammar().chain_preps for g in prep_objects(c, p)]
        objs += [g for o in list(objs) if o.dep_ == "dobj" for p in grammar().chain_preps
                 for g in prep_objects(o, p)]  # "doing business with Russia"
        for o in objs:
            found = resolve_all(doc, o, "chain")
            if found:
                return [Arg(a.actor, a.token, "chain") for a in found]
    return []


def _pattern_targets(doc: Doc, tok: Token, anchor: Token, pat: Pattern, lex: Lexicon,
                     anaphora: Callable[[Token], list[Arg]] | None
                     ) -> tuple[list[Arg], str, set[int], list[Token]]:
    """Targets of one pattern at ``tok``: its slots in order (the first that names an actor wins), else the
    general argument finder, else the party of a one-sided pattern's required thing; then the pattern's
    target filters. Returns the targets, the slot that gave them, the tokens used and the theme nouns."""
    theme_nouns: list[Token] = []
    targets: list[Arg] = []
    used: set[int] = set()
    tslot = ""
    exposed = _exposed(tok) if pat.noun else None
    if exposed is not None:
        # "villages under attack from Russian forces", "the convoy came under fire": the act is on them
        # (the agent phrase is never the target: "the minister came under pressure from Washington")
        targets = resolve_all(doc, exposed, "exposed")
        if not targets and pat.type in grammar().place_target:
            pa = place_actor(doc, exposed)
            targets = [Arg(pa, exposed, "exposed/place")] if pa is not None else []
        if not targets and exposed.pos_ == "NOUN":  # "Kurdish positions under attack"
            targets = theme_actors(doc, exposed, lex, pat.type)
        used.update(x.i for x in [exposed, *exposed.conjuncts])
        return targets, "exposed to the act (under)", used, theme_nouns
    for slot in default_targets(pat):
        for t in _slot_tokens(doc, tok, anchor, slot, pat):
            if t.lower_ in REFLEXIVES:  # "blew himself up at a checkpoint in X": no target
                continue
            targets.extend(_slot_actors(doc, tok, anchor, pat, lex, t, slot, theme_nouns, anaphora))
            used.update(x.i for x in [t, *t.conjuncts])
        if targets:
            tslot = slot
            break
    if targets and not pat.noun and _own_side_of_meeter(doc, tok, targets):
        # "met his US counterpart to press his plan for Turkey to ...": the Turkish minister's own country
        # is what the plan is for; the request is addressed to the party met
        party = purpose_party(doc, tok, pat.type)
        if party:
            targets, tslot = _unique_args(party), "party of the meeting or trip the act is the purpose of"
            used.update(x.i for a in targets for x in [a.token, *a.token.conjuncts])
    if not targets and pat.noun and pat.type in grammar().clause_target_nouns:
        # "Moscow's accusation that Britain staged the attack": the that-clause's subject
        for c in tok.children:
            if c.dep_ in {"acl", "ccomp", "relcl"} and _that_clause(c):  # a "that" marking a clause, not a relative
                for sj in (x for x in c.children if x.dep_ in {"nsubj", "nsubjpass"} and x.pos_ != "PRON"):
                    targets = resolve_all(doc, sj, "ccsubj")
                    if targets:
                        tslot = "ccsubj of the noun's that-clause"
                        used.update(x.i for x in [sj, *sj.conjuncts])
                        break
            if targets:
                break
    if not targets:
        # "Israel's call for Egypt to close the border": the subject of a "for ... to" clause is asked to act
        targets = for_clause_subject(doc, tok, pat.type)
        if targets:
            tslot = "subject of the for-to clause"
            used.update(x.i for a in targets for x in [a.token, *a.token.conjuncts])
    if not targets and not pat.mutual and not pat.target_optional:
        # the general argument finder: the type's preferred phrases, places, the object's modifiers
        # the pattern's own slots were tried as actors only: the finder reads the same phrases again
        # for places, authors and modifiers
        fresh: set[int] = set()
        targets, gslot = grammar_targets(doc, tok, anchor, pat, lex, fresh)
        used |= fresh
        if targets:
            tslot = gslot
    elif not targets and pat.target_optional and (pat.preps or anchor.i != tok.i):
        # "withdrew from the Iran deal", "abandoned the Iran deal" (a one-sided pattern naming no target
        # slot): the thing its required object or phrase names points at its party
        things = [anchor] if anchor.i != tok.i else []
        things += [g for preps, _objs in pat.preps for p in preps for g in prep_objects(tok, p)]
        for g in things:
            targets = [a for a in theme_actors(doc, g, lex, pat.type) if a.token.i not in used]
            if targets:
                tslot = "theme of the required phrase"
                break
    if not targets:
        # the phrase around the act: a meeting's place, a trip's country, the clause an objection is made
        # over, the other party of a call framing a verbal act (events/frames.py)
        targets, fslot = _framed_targets(doc, tok, anchor, pat)
        if targets:
            tslot = fslot
            used.update(x.i for a in targets for x in [a.token, *a.token.conjuncts])
    tf = target_frames()
    if pat.type in tf.audience_types:  # "spoke to Sky News", "told CNN": a medium is the audience, not a party
        targets = [a for a in targets if not set(a.actor.sector or []) & tf.audience_sectors
                   and not {a.token.lemma_.lower(), a.token.head.lemma_.lower()} & tf.audience_words]
    if pat.placetarget:  # "leaving Assad in power" is no retreat from Assad
        targets = [a for a in targets if a.actor.type in {"country", "organization"}]
    if pat.persontarget:  # "attacked Mr Brown", "an attack on Labour": words between politicians
        # "the Assad regime", "Maduro's forces" are a state or an army, not the person they are named for
        targets = [a for a in targets if (a.actor.type == "person" or "PTY" in (a.actor.sector or []))
                   and not _names_a_group(a.token, lex)]
    return targets, tslot, used, theme_nouns


def _own_side_of_meeter(doc: Doc, tok: Token, targets: list[Arg]) -> bool:
    """Whether every target is of the country of the subject of the verb ``tok`` is the purpose clause of
    (only asked when that verb is one of ``purpose_frame_verbs``: see ``frames.purpose_party``)."""
    if tok.dep_ != "advcl" or tok.head.lemma_.lower() not in target_frames().purpose_frame_verbs:
        return False
    s = subject(tok.head)
    mine = {a.actor.country for a in resolve_all(doc, s, "subj")} - {None} if s is not None else set()
    return bool(mine) and all(a.actor.country in mine for a in targets)


def _framed_targets(doc: Doc, tok: Token, anchor: Token, pat: Pattern) -> tuple[list[Arg], str]:
    """Targets read in the phrase around an act whose own slots name none (``target_frames`` of
    grammar.yaml): an objection's concession clause ("adopted over Russian objections"), a travel noun's
    country compound ("a UK state visit"), the party of a meeting or call framing a verbal act ("raised
    concerns in a phone call with Putin") and the place of a meeting attended ("the Warsaw summit")."""
    if pat.noun:
        if pat.target_optional:  # a one-sided noun ("strong opposition", "protests") is left as it is
            return [], ""
        found = concession_target(doc, tok, pat.type)
        if found:
            return _unique_args(found), "clause the objection is made over"
        if pat.travel:
            found = destination_compound(doc, tok, pat.type)
            if found:
                return found, "destination compound"
        return [], ""
    found = addressee(doc, tok, pat.type)
    if found:
        return _unique_args(found), "party of the framing meeting"
    found = purpose_party(doc, tok, pat.type)
    if found:  # "met his US counterpart to press for a safe zone": the act is the meeting's purpose
        return _unique_args(found), "party of the meeting or trip the act is the purpose of"
    if tok.lemma_.lower() in target_frames().venue_heads or any(c.dep_ == "neg" for c in tok.children):
        # "Iran held talks in Ankara": the source's own meeting has a venue, no host; "will not attend the
        # conference in Minsk" is a refusal with no one it is aimed at
        return [], ""  # "Iran held talks in Ankara": a meeting the source holds names a venue, not a host
    things = [anchor] if anchor.i != tok.i else []
    things += [g for preps, _objs in pat.preps for p in preps for g in prep_objects(tok, p)]
    for g in things:
        found = host_place(doc, g, pat.type)
        if found:
            return found, "place of the meeting (host)"
    return [], ""


def _framing_part(noun: Token) -> Token:
    """The noun that stands for a travel noun in a framing phrase when the phrase names a part of the trip
    (``frame_part_nouns`` of sources.yaml): "on **the second day** of a state visit to Britain", "at **the
    end** of a tour of Asia", "on **the eve** of his trip to Spain"; else the noun itself."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "of" or any(c.dep_ == "poss" for c in noun.children):
        return noun
    part = noun.head.head
    if part.pos_ == "NOUN" and part.dep_ == "pobj" and (
            part.lemma_.lower() in source_words().frame_part_nouns or part.lower_ in source_words().frame_part_nouns):
        return part
    return noun


def _pattern_sources(doc: Doc, tok: Token, anchor: Token, pat: Pattern, lex: Lexicon, targets: list[Arg],
                     tslot: str, used: set[int]) -> tuple[list[Arg], str, list[Arg], str, bool]:
    """Sources of one pattern at ``tok`` (with the targets, which joint or "between" sources may become):
    the syntactic source, else unnamed legislators, an implied state, an owned agent, the parties of a
    "between" phrase; joint sides of a reciprocal act act on each other. Returns sources, their slot,
    targets, their slot, and whether the act is reciprocal."""
    sources, sslot = find_sources(doc, tok, pat, lex, used)
    reciprocal = False
    if sources and all(owned_thing(tok if pat.noun else a.token.head, pat.type, a.token) for a in sources):
        # "the U.S. embassy bombings", "the Israeli embassy attack killed ...": the country before the thing
        # acted on owns it; it is the target (before a place the phrase names), not the author
        if not targets or all(t.slot.endswith("/place") for t in targets):
            targets = [Arg(a.actor, a.token, "owner of the thing acted on") for a in sources]
            tslot = "owner of the thing acted on (compound)"
        sources, sslot = [], ""
    if sslot == FRAME_SLOT and not pat.travel and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for a in targets for c in a.token.children) and not (
            _foreign_counterparts(doc, sources, targets)):
        # "Following a meeting with his security team, Trump's White House ...": one's own staff, and a
        # possessive read before its antecedent (not "after talks with his Russian counterpart": another
        # country's official)
        sources, sslot = [], ""
    if not sources and pat.noun and tslot.startswith("exposed"):
        # "under fire from Turkish troops" (the phrase may hang on the noun or on "came")
        agents = [g for h in (tok, tok.head.head) for p in grammar().exposure_agents for g in prep_objects(h, p)]
        for g in agents:
            if g.i not in used:
                sources = resolve_all(doc, g, "from")
                if sources:
                    sslot = "agent of the act (under ... from/by)"
                    break
    if not sources and not pat.noun and pat.type in VERBAL_DOMESTIC and targets:
        sources, sslot = _domestic_speakers(doc, tok, targets, lex)
    if not sources and not pat.noun and targets and pat.domestic and pat.type in grammar().implied_state:
        sources, sslot = _implied_state(doc, tok, targets)
    if not sources and not pat.noun and targets:
        sources, sslot = _owned_agent(tok, targets)
    if not sources and not pat.noun and pat.type in source_words().own_forces_types:
        sources, sslot, targets = _own_forces(doc, tok, targets)
    if not sources and tslot == "between" and pat.noun and pat.mutual:
        # "talks between Baghdad and Damascus": both take part
        sources, sslot, targets, tslot = targets, "between", [], ""
    if pat.noun and not targets and (pat.mutual or _reciprocal(tok, anchor)):
        pair = _hyphen_pair(doc, tok)
        if pair:
            # "the US-Russia agreement", "Iran-Iraq talks", "the India-Pakistan war": both take part
            sources, sslot = pair, "hyphenated pair"
            if not pat.mutual:
                return sources, sslot, list(sources), "hyphenated pair (reciprocal)", True
            return sources, sslot, [], "", False
    if not pat.mutual and (not pat.noun or not sources) and _reciprocal(tok, anchor):
        # a verb with joint subjects, or a noun with "between" ("Libya or Mali ... at war" is no pair)
        if not sources and pat.noun:  # "fighting between X and Y"
            between = [a for g in prep_objects(tok, "between") for a in resolve_all(doc, g, "between")]
            if len(between) > 1:
                sources, sslot = between, "between"
        if not targets and sources and (not pat.noun or sslot == "between") and \
                len({a.actor.country or a.actor.id for a in sources}) > 1:
            # "Israel and Hezbollah fought a war": each side acts on the other
            targets, tslot, reciprocal = list(sources), "joint source (reciprocal)", True
    return sources, sslot, targets, tslot, reciprocal


def _foreign_counterparts(doc: Doc, sources: list[Arg], targets: list[Arg]) -> bool:
    """Every target names a country of its own and none is a source's: "talks with his **Russian**
    counterpart" names another state's official, not one's own staff (whose pronoun may have been read
    before its antecedent: "his security team")."""
    own = {a.actor.country for a in sources}
    return bool(targets) and None not in own and all(
        a.actor.country and a.actor.country not in own and any(
            c.dep_ in {"amod", "compound", "nmod"} and any(x.country == a.actor.country for x in resolve(doc, c))
            for c in a.token.children)
        for a in targets)


def _able_sources(pat: Pattern, sources: list[Arg]) -> list[Arg]:
    """The sources that can do the pattern's act (its source filters: official, collective, unofficial,
    speaker, state, armed)."""
    if pat.official:
        sources = [a for a in sources if _official(a.actor)]
    if pat.collective:
        sources = [a for a in sources if a.actor.type != "person"]
    if pat.unofficial:
        sources = [a for a in sources if not _state_agent(a)]
    if pat.speaker:
        sources = [a for a in sources if _speaker(a.actor)]
    if pat.state:
        sources = [a for a in sources if _diplomatic(a)]
    if pat.armed:  # "troops crossed into X"; "refugees crossed into X" is no incursion
        sources = [a for a in sources if _armed(a)]
    if pat.crowd:  # "protesters stormed the parliament" is a riot; "militants stormed a hotel" an assault
        sources = [a for a in sources if _crowd(a)]
    return sources


def _abstract_object(doc: Doc, tok: Token, anchor: Token, pat: Pattern) -> bool:
    """An event noun's target phrase names an abstract thing (``abstract_objects`` of grammar.yaml: a row, a
    debate, a proposal), so the noun is no act on anyone."""
    words = grammar().abstract_objects
    if pat.type in target_frames().thing_object_types:  # "Hungary's opposition to the plan" is a rejection
        return False
    for slot in default_targets(pat):
        for t in _slot_tokens(doc, tok, anchor, slot, pat):
            if t.pos_ == "NOUN" and (t.lemma_.lower() in words or t.lower_ in words):
                return True
    return False


def _crowd(arg: Arg) -> bool:
    """A civilian crowd: a crowd noun ("Iraqi protesters", "thousands of students") or an actor of the
    civilian sector, never an armed or state actor."""
    if _armed(arg):
        return False
    word = arg.token
    if word.lower_ in CROWD_NOUNS or word.lemma_.lower() in CROWD_NOUNS:
        return True
    return "CVL" in (arg.actor.sector or [])


def _unnamed_crowd(doc: Doc, tok: Token, lex: Lexicon) -> bool:
    """The subject of ``tok`` is an unnamed crowd ("protesters", "thousands of people"), which the
    protest types may place in the country where they act."""
    s = subject(tok)
    if s is None or s.pos_ != "NOUN":
        return False
    who = s
    if who.lemma_.lower() in lex.quantity_nouns:
        inner = prep_objects(who, "of")
        who = inner[0] if inner else who
    return who.lower_ in CROWD_NOUNS or who.lemma_.lower() in CROWD_NOUNS


def match_token(doc: Doc, tok: Token, pats: list[Pattern], lex: Lexicon,
                anaphora: Callable[[Token], list[Arg]] | None = None) -> Candidate | None:
    """The candidate event of the first pattern of ``pats`` (most specific first) whose conditions hold and
    whose arguments fit, else a fallback kept from a pattern that found no target (or no able source)."""
    fallback: Candidate | None = None
    dobj = direct_object(tok)
    for pat in pats:
        anchor = conditions_hold(tok, pat, dobj)
        if anchor is None:
            continue
        targets, tslot, used, theme_nouns = _pattern_targets(doc, tok, anchor, pat, lex, anaphora)
        domestic = _domestic_target(doc, tok, anchor, pat, lex) if not targets and pat.domestic else None
        obj_slot_filled = False
        if not targets and "obj" in default_targets(pat) and not pat.noun:
            o = direct_object(tok)
            obj_slot_filled = o is not None and o is not anchor and not reciprocal_phrase(o)
        open_target = (not targets and not pat.target_optional and domestic is None and not pat.mutual
                       and _open_target(doc, tok, anchor, pat))
        if obj_slot_filled and not pat.target_optional and domestic is None and not open_target:
            # the object is a thing, not an actor ("backed the plan"): not an event between actors
            continue
        if pat.noun and not targets and not pat.preps and not pat.target_optional and _abstract_object(
                doc, tok, anchor, pat):
            # "Blair's intervention in the row", "China's attack on the proposal": the act is on a thing of
            # words, not on an actor; no event of this type (another pattern may read it)
            continue
        sources, sslot, targets, tslot, reciprocal = _pattern_sources(doc, tok, anchor, pat, lex, targets,
                                                                      tslot, used)
        had_sources = bool(sources)
        sources = _able_sources(pat, sources)
        if had_sources and not sources:
            continue  # the source cannot do this act ("the president left Germany"): another pattern may fit
        if not had_sources and not pat.noun and pat.crowd and _unnamed_crowd(doc, tok, lex):
            # "protesters stormed the parliament in Colombo": the protest types place the crowd
            had_sources = True
        elif not had_sources and not pat.noun and (pat.state or pat.speaker or pat.official or pat.unofficial
                                                   or pat.armed or pat.crowd):
            # no actor for a pattern that needs a state or a speaker ("thousands of people protested
            # against the government" is no state's complaint): a one-sided pattern may still place them
            if fallback is None:
                fallback = Candidate(pat, tok, anchor, sources, targets)
            continue
        cand = Candidate(pat, tok, anchor, sources, targets)
        cand.src_path = sslot
        cand.tgt_path = tslot
        cand.domestic_target = domestic
        cand.theme_nouns = theme_nouns
        cand.open_target = open_target and not reciprocal
        cand.reciprocal = reciprocal
        if not targets and not pat.target_optional and not pat.mutual and domestic is None:
            # a pattern that needs a target and found none ("fired a missile on Sunday") lets a less
            # specific one try ("test-fired a missile"); it is kept in case none does
            if fallback is None:
                fallback = cand
            continue
        return cand
    return fallback


# --------------------------------------------------------------------------------------------------
# What a type asks of its actors, sources found when the parse gives none, targets from the grammar
# --------------------------------------------------------------------------------------------------


def _official(actor: Actor) -> bool:
    """A country, an organisation, or a person with an office or sector: who can make a state visit."""
    if actor.type in {"country", "organization"}:
        return True
    if actor.type == "person":
        return bool(actor.role or actor.sector)
    if actor.type == "group":  # "American diplomats", not "Russian citizens"
        return any(s in lexicon().official_sectors for s in actor.sector or [])
    return False


_ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SEC", "SPY", "INS"})


def _speaker(actor: Actor) -> bool:
    """A person or a civilian body (party, newspaper, NGO): who attacks with words."""
    if any(s in _ARMED_SECTORS for s in actor.sector or []):
        return False
    return actor.type in {"person", "organization"}


def _diplomatic(arg: Arg) -> bool:
    """A state speaking to another: a country named as such, its government or diplomats (not its
    parliament, army or police)."""
    actor = arg.actor
    if actor.type == "country":
        return _state_agent(arg)
    return any(s in {"GOV", "DIP"} for s in actor.sector or [])


def _armed(arg: Arg) -> bool:
    """An armed actor: a country named as such, its army, police or security forces, or an armed group."""
    if arg.actor.type == "country" and (arg.token.pos_ == "PRON" or (
            arg.token.pos_ == "PROPN" and arg.token.tag_ != "NNPS")):
        return True  # "Israel said it had downed a drone", "Tehran has entrenched its military"; not "Ukrainians"
    words = grammar().armed_nouns
    if arg.actor.country and arg.token.pos_ == "NOUN" and any(
            t.lower_ in words or t.lemma_.lower() in words
            for t in [arg.token, *(c for c in arg.token.children if c.dep_ in {"compound", "amod"})]):
        return True  # "Israeli tanks", "Sudanese paramilitaries", "a Chinese coastguard vessel", "navy ships"
    return _state_agent(arg) or any(s in _ARMED_SECTORS for s in arg.actor.sector or [])


def _state_agent(arg: Arg) -> bool:
    """A country named as such ("Russia blocked ...", "the US"; not "rebels in Chad" nor "Ukrainians", which
    the actors stage reads as the country), or a group or person of a state sector (police, army)."""
    actor = arg.actor
    word = arg.token
    if actor.type == "country" and (word.lower_ in actor.name.lower() or word.text.replace(".", "").isupper()):
        return True
    return any(s in lexicon().official_sectors and s != "IGO" for s in actor.sector or [])


def pairs_of(cand: Candidate) -> list[tuple[Arg, Arg | None]]:
    """The source-target pairs a candidate may give events for: each source with each target, joint
    sources with each other for a mutual type, else each source alone (at most MAX_EVENTS_PER_HEAD)."""
    srcs, tgts = cand.sources, cand.targets
    if tgts:
        return [(s, t) for s in srcs for t in tgts][:MAX_EVENTS_PER_HEAD]
    if len(srcs) > 1 and cand.pat.mutual:  # joint actors: "Putin and Xi issued a joint statement"
        return [(srcs[0], srcs[1])]
    return [(s, None) for s in srcs][:MAX_EVENTS_PER_HEAD]


def home_protesters(doc: Doc, cand: Candidate, home_groups: dict[int, str]) -> None:
    """Protesters a state has just acted on at home are its people: "Liberian police dispersed
    demonstrators protesting the results" (the demonstrators protest in Liberia, against its government)."""
    s = subject(cand.head)
    if s is None or s.i not in home_groups:
        return
    actor = Actor(id=f"home:{s.i}", name=doc[s.left_edge.i: s.i + 1].text, type="group", country=home_groups[s.i])
    cand.sources = [Arg(actor, s, "subj")]
    cand.src_path = "subj, placed in the country of the state that acted on them"


#: unnamed crowds that protest where they live ("thousands of people protested in Tehran")
CROWD_NOUNS = frozenset({"crowd", "crowds", "demonstrator", "demonstrators", "protester", "protesters",
                         "protestor", "protestors", "marcher", "marchers", "people", "resident", "residents",
                         "student", "students", "worker", "workers", "citizen", "citizens", "woman", "women",
                         "youth", "youths", "farmer", "farmers", "villager", "villagers", "mob", "mobs",
                         "rioter", "rioters", "striker", "strikers"})


def placed_protesters(doc: Doc, cand: Candidate, lex: Lexicon) -> None:
    """Unnamed people protesting in a place are its people: "thousands of people protested in Tehran",
    "crowds marched in Minsk" (a PROTEST by the place's civilians; with no target named, against their
    own government)."""
    s = subject(cand.head)
    if s is None or s.pos_ != "NOUN":
        return
    who = s
    if who.lemma_.lower() in lex.quantity_nouns:  # "thousands of people"; bare "thousands" too
        inner = prep_objects(who, "of")
        who = inner[0] if inner else who
    if who is not s or s.lemma_.lower() not in lex.quantity_nouns:
        if who.lower_ not in CROWD_NOUNS and who.lemma_.lower() not in CROWD_NOUNS:
            return
    if resolve(doc, who) or any(c.dep_ in {"amod", "compound", "poss"} and resolve(doc, c) for c in who.children):
        return  # named people ("Iranian students") are the actors stage's
    objs = [o for o in [direct_object(cand.head)] if o is not None]
    objs += [g for p in ("with", "into") for g in prep_objects(cand.head, p)]  # "clashed with police in Nairobi"
    for h in (cand.head, s, who, *objs):
        for g in prep_objects(h, "in"):
            pa = place_actor(doc, g) or misread_place(doc, g)
            if pa is None:
                pa = next((p for c in g.children if c.dep_ in {"compound", "appos"}
                           for p in [place_actor(doc, c)] if p is not None), None)
            if pa is not None:
                actor = Actor(id=f"home:{s.i}", name=doc[s.left_edge.i: max(s.i, who.i) + 1].text, type="group",
                              country=pa.country, sector=["CVL"])
                cand.sources = [Arg(actor, s, "subj")]
                cand.src_path = f"subj, placed in the country of the place they protest in ({g.text})"
                # "against the government": a bare government is theirs, whatever an earlier mention
                # of another country's government the word would corefer with
                own = Actor(id=f"home:gov{s.i}", name=f"government of {_country_name(pa.country)}",
                            type="country", country=pa.country)
                cand.targets = [Arg(own, a.token, a.slot) if _bare_government(a.token) else a for a in cand.targets]
                return


BARE_GOVERNMENT = frozenset({"government", "regime", "authorities", "state", "leadership"})


def _bare_government(tok: Token) -> bool:
    """"the government", "the authorities": no name, no modifier saying whose."""
    return tok.lemma_.lower() in BARE_GOVERNMENT and all(c.dep_ in {"det", "case"} for c in tok.children
                                                        if c.i < tok.i)


def _governed_patient(doc: Doc, noun: Token) -> list[Arg]:
    """The government an event noun's of-phrase names (``patient_governments`` of grammar.yaml), by its
    name, possessor or modifier: "the overthrow of **Egypt's** government", "the ouster of the **Morsi**
    government"."""
    out: list[Arg] = []
    for g in prep_objects(noun, "of"):
        if g.lemma_.lower() not in grammar().patient_governments:
            continue
        out = resolve_all(doc, g, "of/government") or [
            a for c in g.children if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < g.i
            for a in resolve_all(doc, c, "of/government")]
        if out:
            break
    return out


def _own_forces(doc: Doc, tok: Token, targets: list[Arg]) -> tuple[list[Arg], str, list[Arg]]:
    """A deployment or withdrawal in the passive with no agent moves the patient's own forces: "US troops
    stationed in Syria", "British warships were withdrawn from the Gulf" (``own_forces_types`` of
    sources.yaml). The forces' actor is the source; the other targets (the place) stay. Returns sources,
    their slot and the targets left, or no sources when the forces are unnamed or no other target is left."""
    if not is_passive(tok) or agent(tok) is not None:
        return [], "", targets
    patient = direct_object(tok)
    if patient is None or patient.pos_ != "NOUN" or (
            patient.lemma_.lower() not in grammar().armed_nouns and patient.lower_ not in grammar().armed_nouns):
        return [], "", targets
    if tok.lemma_.lower() in source_words().own_forces_excluded:  # "fighters based in Raqqa": no move
        return [], "", targets
    forces = [a for a in resolve_all(doc, patient, "patient") if a.actor.country]
    if not forces:
        return [], "", targets
    own = {x.i for x in [patient, *patient.conjuncts]} | {a.token.i for a in forces}
    ids = {a.actor.id for a in forces}
    rest = [a for a in targets if a.token.i not in own and a.actor.id not in ids]
    if not rest:
        return [], "", targets
    return forces, "patient: a passive's own forces", rest


def _owned_agent(tok: Token, targets: list[Arg]) -> tuple[list[Arg], str]:
    """A passive act whose agent is an unnamed group owned by a pronoun ("Iran has been accused **by its
    enemies**", "was condemned by their rivals"): the group is a source of no known country (no actor
    id), distinct from the target it is defined against; the act is still coded on its stated target."""
    if not is_passive(tok):
        return [], ""
    a = agent(tok)
    if a is None or a.lemma_.lower() not in grammar().owned_agents:
        return [], ""
    if not any(c.dep_ == "poss" and c.pos_ == "PRON" for c in a.children):
        return [], ""
    group = Actor(id=f"home:agent{a.i}", name=a.text, type="group", country=None, sector=[])
    return [Arg(group, a, "agent")], "agent: an unnamed group owned by a pronoun (passive)"


IMPLIED_PLACE_PREPS = ("in", "inside")


def _implied_state(doc: Doc, tok: Token, targets: list[Arg]) -> tuple[list[Arg], str]:
    """A passive arrest, trial or ban with no agent acts within the patients' state: "Egyptian activists
    are being prosecuted", "two journalists were detained in Iran" (``implied_state_types``): the source
    is the government of the patients' one country (no actor id)."""
    if not is_passive(tok) or agent(tok) is not None or tok.dep_ == "amod" or any(
            c.dep_ in {"xcomp", "ccomp"} for c in tok.children):  # "we will be forced to free the detainees"
        return [], ""
    if tok.dep_ == "acl" and not any(prep_objects(tok, p) for p in IMPLIED_PLACE_PREPS):
        # "a British soldier jailed in Turkey" reports an arrest where the text says it happened; "the
        # jailed soldier", "activists detained last year" describe people, not a state's act
        return [], ""
    if tok.lemma_.lower() in source_words().no_implied_state:
        return [], ""  # "fighters captured in Syria": a militia may capture or abduct; no state is implied
    countries = {a.actor.country for a in targets if a.actor.type in {"person", "group"}}
    if tok.dep_ == "acl" and not countries and any(a.slot.endswith("/place") for a in targets):
        return [], ""
    if not countries and _unnamed_patient(tok):
        # "two journalists were detained in Iran": unnamed people acted on at a place of one country
        countries = {a.actor.country for a in targets if a.slot.endswith("/place") or a.actor.type == "country"}
    if len(countries) != 1 or None in countries:
        return [], ""
    country = countries.pop()
    fn = services().location_for
    try:  # "US citizens convicted in Egypt": the state where it happened, when the text says where
        loc = fn(doc, tok) if fn is not None else None
    except Exception:
        log.debug("location_for failed", exc_info=True)
        loc = None
    if loc is not None and loc.country:
        country = loc.country
    elif tok.dep_ == "acl":
        return [], ""
    gov = Actor(id=f"home:state{tok.i}", name=f"government of {_country_name(country)}", type="country",
                country=country, sector=["GOV"])
    return [Arg(gov, tok, "implied")], "implied: the state of the people it acts on (passive, no agent)"


def _unnamed_patient(tok: Token) -> bool:
    """The passive subject of ``tok`` is an unnamed group of people a state acts on (``domestic_nouns``:
    "journalists", "dozens of activists"), with no actor word of its own."""
    sp = direct_object(tok)  # the passive subject, or the noun a participle describes
    if sp is None:
        return False
    lex = lexicon()
    if sp.lemma_.lower() in lex.quantity_nouns:
        inner = prep_objects(sp, "of")
        sp = inner[0] if inner else sp
    words = {sp.lemma_.lower(), sp.lower_, sp.lemma_.lower() + "s"}  # "a soldier": the list has "soldiers"
    return sp.pos_ == "NOUN" and bool(words & lex.domestic_nouns)


def _exposed(noun: Token) -> Token | None:
    """What an event noun in an exposure phrase acts on ("villages **under attack**", "troops came **under
    fire**": ``exposure_preps`` of grammar.yaml): the noun the phrase modifies, or the subject of the verb it
    hangs on; else None."""
    p = noun.head
    if noun.dep_ != "pobj" or p.dep_ != "prep" or p.lower_ not in grammar().exposure_preps:
        return None
    h = p.head
    if h.pos_ in {"NOUN", "PROPN"}:
        return h
    if h.pos_ in {"VERB", "AUX"}:
        return next((c for c in h.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return None


def _acts_on_another(doc: Doc, noun: Token, authors: list[Arg]) -> bool:
    """The event noun names a target of its own, another actor than its authors ("recognition **of
    Israel**", "sanctions **on Iran**")."""
    ids = {a.actor.id for a in authors}
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in {"of", "on", "against", "with", "to", "into"}:
            for g in c.children:
                if g.dep_ == "pobj" and any(a.id not in ids for a in _lookup(doc, g)):
                    return True
                if g.dep_ == "pobj" and c.lower_ in {"on", "against", "into"} and place_actor(doc, g) is not None:
                    return True  # "backed Turkey's incursion into Afrin": an act on a place
    return False


def _open_target(doc: Doc, tok: Token, anchor: Token, pat: Pattern) -> bool:
    """The pattern found no target, and its type is coded with an unstated one (``open_target_types``):
    "He condemned the attack", "Isis murdered thousands". Not when a target is stated but unresolved
    ("accusing **it** of ...", "a boycott on **the small nation**"), not for a pattern whose target is a
    phrase it needs ("fired a missile **at** X"), not for a bare passive participle whose noun is the
    patient ("**Isolated** in the Gulf, Qatar ..."), and for event nouns only the types of
    ``open_target_noun_types``."""
    g = grammar()
    if pat.type not in g.open_target or (pat.cameo or "").startswith(g.closed_cameo):
        return False
    if pat.noun:
        if pat.type not in g.open_target_nouns or tok.lemma_.lower() in g.conflict_nouns \
                or tok.lower_ in g.conflict_nouns:
            return False  # "the Syrian civil war" names a conflict, not an act
        if resolve_all(doc, tok, "self") or tok.lemma_.lower() in target_frames().bare_group_nouns:
            # the noun names an actor itself ("the Syrian opposition", "Assad's opposition"), not an act
            return False
    elif tok.dep_ in {"acomp", "amod"} or ("obj" not in default_targets(pat) and not (
            pat.type in target_frames().open_phrase_types
            and any(_slot_tokens(doc, tok, anchor, slot, pat) for slot in default_targets(pat)))):
        # "fired a missile at X" needs its phrase; "it is striking how ..." is no act; "voted against the
        # resolution" is a rejection of a thing (open_phrase_types)
        return False
    if tok.tag_ == "VBN" and tok.dep_ in {"advcl", "acl", "amod"} and not any(
            c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in tok.children):
        return False
    if not pat.noun and direct_object(tok) is None and tok.lemma_.lower() in g.striving_verbs and any(
            c.dep_ in {"xcomp", "advcl"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            and not _armed_act(c) for c in tok.children):
        return False  # "fought hard to keep the strikes limited": a striving ("fought to retake X" is combat)
    slots = [t for slot in default_targets(pat) for t in _slot_tokens(doc, tok, anchor, slot, pat)]
    slots += [c for c in tok.children if c.dep_ == "dobj"]
    for t in slots:
        x = t
        if x.lemma_.lower() in lexicon().quantity_nouns:
            inner = prep_objects(x, "of")
            x = inner[0] if inner else x
        if x.lower_ in g.unresolved or x.lemma_.lower() in g.unresolved:
            return False
    return True


def _armed_act(v: Token) -> bool:
    """The infinitive is an aim won by combat (``combat_aims`` of grammar.yaml: "fought to retake Mosul")."""
    return v.lemma_.lower() in grammar().combat_aims


def _hyphen_pair(doc: Doc, noun: Token) -> list[Arg]:
    """The two actors of a hyphenated pair modifying an event noun ("the **US-Russia** agreement", "**Iran-Iraq**
    talks"), each of its own country, else []. The parser hangs the first on the second as a compound."""
    for second in noun.children:
        if second.dep_ not in {"compound", "amod", "nmod"} or second.i >= noun.i:
            continue
        for first in second.children:
            if first.dep_ not in {"compound", "amod", "nmod"} or first.i >= second.i:
                continue
            between = doc[first.i + 1:second.i]
            if not between or not all(t.tag_ == "HYPH" or t.lower_ in {"-", "–", "—", "/"} for t in between):
                continue
            a, b = resolve_all(doc, first, "compound"), resolve_all(doc, second, "compound")
            if len(a) == 1 and len(b) == 1 and a[0].actor.country and b[0].actor.country \
                    and a[0].actor.country != b[0].actor.country:
                return [Arg(a[0].actor, first, "hyphen"), Arg(b[0].actor, second, "hyphen")]
    return []


def _reciprocal(tok: Token, anchor: Token) -> bool:
    """The act is done by each side to the other (``reciprocal`` in grammar.yaml): the head, or the object of
    a light verb or the direct object ("fought a war", "exchanged fire")."""
    words = grammar().reciprocal
    if tok.lemma_.lower() in words or tok.lower_ in words or anchor.lemma_.lower() in words:
        return True
    o = direct_object(tok) if tok.pos_ == "VERB" else None
    if o is not None and reciprocal_phrase(o):  # "accused each other of ...", "met one another"
        return True
    return o is not None and (o.lemma_.lower() in words or o.lower_ in words)


def is_named(actor: Actor) -> bool:
    """An actor of no country that is stateless by nature, not merely unplaced: an armed or political
    group the actors stage knows ("Isis", "al-Qaida": sectors in ``stateless_sectors``). A person or an
    organisation of unknown country is left out (its country is usually only unresolved); so are
    pseudo-actors."""
    if actor.id.startswith(("place:", "home:")) or actor.type not in {"group", "organization"}:
        return False
    return any(s in grammar().stateless_sectors for s in actor.sector or [])


def grammar_targets(doc: Doc, tok: Token, anchor: Token, pat: Pattern, lex: Lexicon,
                    used: set[int]) -> tuple[list[Arg], str]:
    """Targets the pattern's own slots did not give, found the same way for every predicate
    (``data/events/grammar.yaml``): a prepositional phrase the type prefers, on the head or on its object
    ("fired rockets **at Israel**", "marched **on the US embassy**"); for the place types a place ("crossed
    **into Somalia**", "shelled **Aleppo**") or the place an object is in ("shelled positions **near Idlib**");
    and an actor modifying the object ("shelled **Syrian** regime targets")."""
    g: Grammar = grammar()
    places = pat.type in g.place_target or pat.travel or pat.places
    heads = [tok]
    obj = direct_object(tok) if not pat.noun else None
    if obj is not None and obj.lower_ not in REFLEXIVES:
        if obj.lemma_.lower() in lex.quantity_nouns:  # "murdered thousands of Syrians"
            heads.extend(prep_objects(obj, "of"))
        heads.append(obj)
    if anchor is not tok and anchor not in heads:
        heads.append(anchor)
    if pat.noun:
        # "the withdrawal of its forces from X", "airstrikes by US forces on X" (the phrase hangs on the
        # of/by object), "sanctions imposed on Russia" (on a participle of the noun)
        heads.extend(prep_objects(tok, "of"))
        heads.extend(prep_objects(tok, "by"))
        heads.extend(c for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN")
    cands: list[tuple[Token, str]] = []
    for prep in g.target_preps.get(pat.type, ()):
        for h in heads:
            cands.extend((t, prep) for t in prep_objects(h, prep))
    # the object, the counted noun of a quantity object ("thousands of Syrians"), a light verb's object
    own = {x.i for x in (obj, anchor) if x is not None and x.i != tok.i}
    if pat.type in g.clause_target and (not pat.noun or pat.type in g.clause_target_nouns):
        # "warned that a Syrian assault would ...", "warned that Iran is delivering missiles": the clause's
        # subject, or the author of the act it names; also a noun's that-clause ("Moscow's accusation that
        # Britain staged the attack")
        for c in tok.children:
            if c.dep_ != "ccomp" and not (pat.noun and c.dep_ in {"acl", "ccomp"} and _that_clause(c)):
                continue
            if pat.noun and c.dep_ == "ccomp" and not _that_clause(c):
                continue
            for sj in (x for x in c.children if x.dep_ in {"nsubj", "nsubjpass"} and x.i not in used):
                if sj.lower_ in FIRST_PLURAL or sj.pos_ == "PRON" and _same_speaker(doc, tok, sj):
                    continue
                found = resolve_all(doc, sj, "ccsubj") or theme_actors(doc, sj, lex, pat.type)
                if found:
                    used.update(x.i for x in [sj, *sj.conjuncts])
                    return _unique_args(found), "ccsubj (grammar)"
    objects = [(h, "obj") for h in heads[1:] if h.i not in used and (
        h.i in own or (obj is not None and h.dep_ == "pobj" and h.head.head.i == obj.i))]
    for t, slot in [*objects, *cands]:
        if t.i in used or t.lower_ in REFLEXIVES or t.pos_ == "PRON" and slot == "obj":
            continue
        found = resolve_all(doc, t, slot) if slot != "obj" else []
        if not found and t.i != tok.i and slot != "obj":
            # a thing acted on points at its author or party ("withdrew from the Iran deal")
            found = theme_actors(doc, t, lex, pat.type)
        if not found and t.lemma_.lower() not in load_patterns().nouns:
            # a thing that is no actor: its modifiers may name one ("shelled Syrian regime targets");
            # an event noun's modifiers are its author, not its target
            found = [a for c in t.children if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < t.i
                     for a in resolve_all(doc, c, f"{slot}/modifier")]
        if places and not any(a.actor.country for a in found):
            # a place names the country where an unplaced group does not ("an attack on the Kurdish
            # enclave of Afrin"): the place wins over a modifier or author of no country
            pas = [pa for tt in [t, *t.conjuncts] for pa in [place_actor(doc, tt) or misread_place(doc, tt)]
                   if pa is not None]
            if not pas:  # "positions near Idlib", "the embassy in Baghdad", "the town of Afrin"
                pas = [pa for prep in g.place_preps for p in prep_objects(t, prep)
                       for pa in [place_actor(doc, p)] if pa is not None][:1]
            if pas or not found:
                found = [Arg(pa, t, f"{slot}/place") for pa in pas]
        if found:
            used.update(x.i for x in [t, *t.conjuncts])
            return _unique_args(found), f"{slot} (grammar)"
    return [], ""


def _same_speaker(doc: Doc, tok: Token, pron: Token) -> bool:
    """A pronoun subject of the clause that stands for the verb's own subject ("Israel warned it would
    respond"): no target."""
    s = subject(tok)
    if s is None:
        return False
    mine = {a.id for a in resolve(doc, s)}
    return not mine or any(a.id in mine for a in resolve(doc, pron))


def _unique_args(args: list[Arg]) -> list[Arg]:
    seen: set[str] = set()
    out = []
    for a in args:
        if a.actor.id not in seen:
            seen.add(a.actor.id)
            out.append(a)
    return out


def same_side(src: Actor, tgt: Actor | None) -> bool:
    """The target is the source itself or of the source's country."""
    if tgt is None:
        return False
    if src.id == tgt.id:
        return True
    return bool(src.country) and src.country == tgt.country


def _names_a_group(tok: Token, lex: Lexicon) -> bool:
    """The word is, or names, a group noun: "regime" in "the Assad regime", "Assad" in the same."""
    if tok.lemma_.lower() in lex.group_nouns:
        return True
    return tok.dep_ in {"compound", "poss"} and tok.head.lemma_.lower() in lex.group_nouns
