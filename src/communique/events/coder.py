"""The event coder: one pass over the tokens, patterns looked up by lemma, arguments from the parse.

For each token whose lemma heads a pattern (a verb, or an event noun), the most specific pattern whose
conditions hold fires (:mod:`.match`), with its source and target from the parse resolved to actors; a
conjunction of targets gives one event per target, coded once per sentence, type and dyad. What the
coder remembers over the article is an :class:`~.state.ArticleState`; each event is built by
:mod:`.mention` (status from ``data/events/status.yaml``; dates, places and attribution from the times,
places and quotes components), and :mod:`.passes` drops what another event already codes.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Token

from ..records import EventMention
from .candidate import Candidate
from .frames import owned_thing, target_frames
from .grammar import NullSource, grammar, null_source
from .hyphens import hyphen_head
from .match import (
    HELPING_TYPES,
    REACTION_TYPES,
    VERBAL_DOMESTIC,
    WORDS_ONLY,
    home_protesters,
    is_named,
    match_token,
    pairs_of,
    placed_protesters,
    same_side,
    theme_actors,
)
from .mention import build_mention, domestic_target_country, imply_own_target, located_people, rementioned_target
from .passes import finish, inherit_source
from .patterns import Lexicon, Pattern, PatternSet, lexicon, load_patterns
from .predicates import predicate_patterns, status_head
from .resolve import Arg, place_actor, resolve_all
from .services import Services, services
from .state import ArticleState, Recent
from .syntax import prep_objects, status_of

log = logging.getLogger(__name__)

#: names other modules read from here (statements/, the PLOVER class test)
__all__ = ["HELPING_TYPES", "REACTION_TYPES", "VERBAL_DOMESTIC", "WORDS_ONLY", "code_events", "place_actor",
           "resolve_all", "services", "theme_actors"]


VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}


def code_events(doc: Doc, *, patterns: PatternSet | None = None, lex: Lexicon | None = None) -> list[EventMention]:
    """Every event mention of ``doc``, in text order, numbered e1, e2, ..."""
    patterns = patterns or load_patterns()
    lex = lex or lexicon()
    svc = services()
    state = ArticleState.start(doc, lex)
    for tok in doc:
        pats = _token_patterns(tok, patterns, lex)
        if not pats:
            continue
        state.at(tok)
        cand = _candidate(doc, tok, pats, lex, state)
        if cand is not None:
            _code_candidate(doc, tok, cand, patterns, lex, svc, state)
    return finish(doc, state.events, state.heads, state.consumed, lex)


def _token_patterns(tok: Token, patterns: PatternSet, lex: Lexicon) -> list[Pattern] | None:
    """The patterns ``tok`` may head: a verb's by lemma, an event noun's, an adjective predicate's."""
    if tok.is_space or tok.is_punct:
        return None
    lemma = hyphen_head(tok) or tok.lemma_.lower()  # "co-operated": the lexicon's "cooperate"
    if tok.pos_ in VERB_POS:
        pats = patterns.verbs.get(lemma)
    elif tok.pos_ in NOUN_POS and tok.dep_ not in {"compound", "amod"} and not _describes_subject(tok):
        # a noun modifying another ("ceasefire talks", "trade deal") is no event of its own, nor one
        # that describes its subject ("Iraq was a serious threat"; "there will be talks" is one)
        pats = patterns.for_noun(lemma, tok.lower_)
    else:
        pats = None
    extra = predicate_patterns(tok, patterns)  # "critical of", "Iran-backed" (events/predicates.py)
    if extra is not None:
        pats = extra
    if not pats or (lemma in lex.idioms and _idiom(tok, lex.idioms[lemma])) or _setting(tok, lex):
        return None
    return pats


def _candidate(doc: Doc, tok: Token, pats: list[Pattern], lex: Lexicon, state: ArticleState) -> Candidate | None:
    """The pattern that fires at ``tok`` with its arguments, or None when it has no source."""
    cand = match_token(doc, tok, pats, lex, state.anaphora)
    if cand is None:
        return None
    if lex.stance_prefixes and cand.sources:
        # "the anti-Maduro uprising": the actor after "anti-" is what the act is against, not its author
        cand.sources = [s for s in cand.sources if not _stance_word(doc, s.token, lex)]
    if not cand.sources and cand.pat.noun and cand.targets and (
            cand.pat.travel or cand.pat.type in grammar().inherit_source):
        inherit_source(cand, state.recent, state.k)
    if not cand.sources and cand.pat.type == "PROTEST" and not cand.pat.noun:
        home_protesters(doc, cand, state.home_groups)
        if not cand.sources:
            placed_protesters(doc, cand, lex)
    if cand.sources:
        return cand
    if _agentless_act(doc, tok, cand, lex):
        cand.sourceless = True
        return cand
    return None


def _agentless_act(doc: Doc, tok: Token, cand: Candidate, lex: Lexicon) -> bool:
    """An act of a ``null_source`` type reported with no agent at all, on a clear target: a passive verb with
    no "by" phrase ("the embassy was attacked", "two Syrian soldiers were killed near Aleppo") or an event
    noun with no author ("the bombing of Tel Aviv"); never a generic or counted noun ("attacks on
    civilians", "the number of airstrikes"), nor a clause whose author the parse names."""
    cfg = null_source()
    if not cfg.enabled or cand.pat.type not in cfg.types or not cand.targets:
        return False
    if not any(t.actor.country and t.token.pos_ != "PRON" for t in cand.targets):
        return False  # a target named in the clause and placed in a country ("he was compelled to" is not)
    status, negated, _reasons = status_of(status_head(tok, cand.pat), cand.pat, lex)
    if negated or status != "reported":
        return False  # "action will be taken against", "fearing a massacre": no act reported
    g = grammar()
    if cand.pat.noun:
        noun = cand.anchor
        if noun.lemma_.lower() in g.conflict_nouns or noun.lemma_.lower() in g.reciprocal:
            return False  # "an impending war with Iran": a conflict has two sides, not an unknown author
        if any(c.dep_ in {"poss", "compound", "amod"} and c.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"}
               and not owned_thing(noun, cand.pat.type, c) for c in noun.children):
            return False  # "Israeli airstrikes": an author the resolver did not place
        det = next((c for c in noun.children if c.dep_ == "det"), None)
        # "the U.S. embassy bombings", "bombings at British embassies": a named owner's thing hit, no generic
        things = target_frames().owned_thing_nouns
        owned = any(t.slot.startswith("owner of the thing") or t.token.lemma_.lower() in things
                    for t in cand.targets)
        if det is None and noun.tag_ in {"NNS", "NNPS"} and not owned:
            return False  # "attacks on civilians are a crime": generic
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in lex.quantity_nouns:
            return False  # "dozens of airstrikes"
        gov = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ in {"dobj", "pobj", "nsubjpass"} and lex.governors.get(gov.lemma_.lower(), "reported") not in {
                "reported", "ongoing"}:
            return False  # "fearing a massacre", "planned the bombing": no act reported
        if noun.dep_ == "pobj" and noun.head.head.lemma_.lower() in cfg.foreseen:
            return False  # "will lead to a massacre": a consequence foreseen
        if (noun.dep_ == "nsubj" and all(t.slot.endswith("/place") for t in cand.targets)
                and any(c.dep_ == "dobj" for c in noun.head.children)):
            return False  # "a bombing near Samarra killed a US soldier": the victims, not the place, are hit
        return noun.dep_ not in {"attr"}
    kids = {c.dep_ for c in tok.children}
    subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subj is not None:
        # "gunmen attacked", "unidentified assailants killed": an author the text does not know
        return _unknown_agent(subj, cfg) and tok.dep_ not in {"amod", "acl"}
    if "agent" in kids or not ({"nsubjpass", "auxpass"} & kids):
        return False  # a clause with no subject, or a passive naming its agent
    return tok.dep_ not in {"amod", "acl"}  # "the attacked embassy": a description, not a report


#: determiners of a definite description, which refers back to an actor already named
DEFINITE_DETS = frozenset({"the", "these", "those", "this", "that"})


def _unknown_agent(subj: Token, cfg: NullSource) -> bool:
    """The subject is an author the text does not know (``unknown_agents``: "gunmen", "a suicide bomber";
    ``unknown_modifiers`` on any noun: "unidentified men", "masked assailants")."""
    if subj.lemma_.lower() in cfg.unknown_agents or subj.lower_ in cfg.unknown_agents:
        # "the militants" refers back to a group the text named (coreference resolves it or not): only a
        # bare or indefinite noun is an unknown author ("militants stormed a hotel", "a gunman opened fire")
        return not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETS or c.dep_ == "poss" for c in subj.children)
    return any(c.dep_ == "amod" and c.lower_ in cfg.unknown_modifiers for c in subj.children)


def _code_sourceless(doc: Doc, tok: Token, cand: Candidate, lex: Lexicon, svc: Services,
                     state: ArticleState) -> None:
    """One event with a null source per target of an agentless act, unless an event of the type already
    codes that target in the sentence."""
    status, negated, reasons = status_of(status_head(tok, cand.pat), cand.pat, lex)
    for tgt in [t for t in cand.targets if t.actor.country and t.token.pos_ != "PRON"][:3]:
        tkey = tgt.actor.country or tgt.actor.id
        if any(k[0] == tok.sent.start and k[1] == cand.pat.type and k[-1] == tkey for k in state.seen):
            continue
        state.seen.add((tok.sent.start, cand.pat.type, None, tkey))
        ev = build_mention(doc, cand, None, tgt, tok.sent, status, negated, reasons, lex, svc)
        state.events.append(ev)
        state.heads.append(tok)


def _code_candidate(doc: Doc, tok: Token, cand: Candidate, patterns: PatternSet, lex: Lexicon, svc: Services,
                    state: ArticleState) -> None:
    """One event per admissible source-target pair of ``cand``, once per sentence, type and dyad."""
    if cand.sourceless:
        _code_sourceless(doc, tok, cand, lex, svc, state)
        return
    status, negated, reasons = status_of(status_head(tok, cand.pat), cand.pat, lex)
    pairs = pairs_of(cand)
    src_ids = {s.actor.id for s in cand.sources}
    if cand.pat.target_optional and cand.targets:
        # "deployed troops to its border", "put its army on alert": a target that is the source's own
        # side leaves a one-sided event, not none
        for s in cand.sources:
            if all(_own_side(cand, s, t) for t in cand.targets):
                pairs.append((s, None))
    for src, tgt in pairs:
        home = _home_country(cand, src, tgt)
        if not _admissible(cand, src, tgt, home, negated, src_ids):
            continue
        own, pair = _dyad(cand, src, tgt, home)
        key = (tok.sent.start, cand.pat.type, *pair)
        if key in state.seen:
            continue
        if cand.open_target and cand.pat.noun and tgt is None and (cand.pat.type, pair[0]) in state.acts:
            continue  # "Russia's February invasion" after "Russia's invasion of Ukraine": mentioned again
        state.seen.add(key)
        state.acts.add((cand.pat.type, pair[0]))
        ev = build_mention(doc, cand, src, tgt, tok.sent, status, negated, reasons, lex, svc)
        if home is not None:
            domestic_target_country(ev, doc, cand.domestic_target if tgt is None else None, home)
            if tgt is None and cand.domestic_target is not None:
                state.home_groups[cand.domestic_target.i] = home
        elif own:
            imply_own_target(ev, src.actor.country)
        elif tgt is None and (cand.open_target or cand.pat.target_optional):
            located_people(ev, doc, cand, lex)
            rementioned_target(ev, state.events)
        state.add(ev, tok, cand.pat.type, src, tgt)
        _consume(tok, cand, tgt, patterns, state.consumed)
    if not cand.inherited:
        state.recent.extend(Recent(state.k, cand.pat.type, s) for s in cand.sources)


def _own_side(cand: Candidate, src: Arg, tgt: Arg) -> bool:
    """The target is the source itself, of its side where the pattern wants another, or the source's own
    word for what it owns ("exempted six states from **its** sanctions", "waivers to **our** sanctions
    regime"): a possessive of the source's side is never the act's target, even where the group allows
    acts within a country."""
    if tgt.actor.id == src.actor.id or (not cand.pat.allow_self and same_side(src.actor, tgt.actor)):
        return True
    return tgt.slot == "theme" and tgt.token.pos_ == "PRON" and same_side(src.actor, tgt.actor)


def _home_country(cand: Candidate, src: Arg, tgt: Arg | None) -> str | None:
    """The source's country, as the target of a domestic type acting on unnamed or unplaced people."""
    tgt_actor = tgt.actor if tgt is not None else None
    if cand.pat.domestic and src.actor.country and "MIL" not in (src.actor.sector or []) and (
            (tgt is None and cand.domestic_target is not None)
            # a group or movement the actors stage does not place; a person of unknown country
            # may well be a foreigner ("released a British national" named only by name); a
            # stateless armed group ("Isis fighters we captured") is no one's people
            or (tgt_actor is not None and not tgt_actor.country and tgt_actor.type != "person"
                and not is_named(tgt_actor))):
        return src.actor.country
    return None


def _admissible(cand: Candidate, src: Arg, tgt: Arg | None, home: str | None, negated: bool,
                src_ids: set[str]) -> bool:
    """Whether the pair makes an event: a one-sided one needs a placed or named source, no actor acts
    on itself or (unless the pattern allows it) on its own side."""
    tgt_actor = tgt.actor if tgt is not None else None
    if tgt is None and home is None and not (
            (cand.pat.target_optional or cand.open_target) and (src.actor.country or is_named(src.actor))):
        return False  # a one-sided event needs a source placed in a country, or a named group
    if tgt is None and cand.open_target and negated:
        return False  # "did not rule out the possibility of ...": no act, and no one it is aimed at
    if tgt_actor is not None and tgt_actor.id == src.actor.id:
        return False
    if not cand.pat.allow_self and same_side(src.actor, tgt_actor):
        return False
    if (tgt is not None and tgt.slot == "theme" and same_side(src.actor, tgt_actor)
            and tgt.token.pos_ == "PRON"):
        return False  # "ordered the withdrawal of its own troops": no dyad
    if (tgt is not None and len(cand.sources) > 1 and not cand.pat.mutual and not cand.reciprocal
            and tgt_actor.id in src_ids):
        return False  # "X, Y and Z prosecute their citizens": each acts on its own, not on the others
    return True


def _dyad(cand: Candidate, src: Arg, tgt: Arg | None, home: str | None) -> tuple[bool, tuple]:
    """Whether the source acts on its own state, and the dyad an event is coded once for: countries when
    known ("visited Moscow, meeting Putin" is one CONSULT between China and Russia)."""
    tgt_actor = tgt.actor if tgt is not None else None
    own = home is None and tgt is None and bool(src.actor.country) and (
        cand.pat.implicit_target == "own"
        # "Hungarians marched against the government": the target named is their own state
        or (cand.pat.domestic and any(t.actor.id == src.actor.id for t in cand.targets)))
    pair = (src.actor.country or src.actor.id,
            (tgt_actor.country or home or tgt_actor.id) if tgt_actor else (home or (src.actor.country if own else None)))
    if cand.pat.mutual and tgt_actor is not None:
        pair = tuple(sorted(pair))  # type: ignore[assignment]
    return own, pair


def _consume(tok: Token, cand: Candidate, tgt: Arg | None, patterns: PatternSet, consumed: set[int]) -> None:
    """The event nouns the event coded at ``tok`` already stands for, coded once (see ``passes.finish``)."""
    if cand.anchor is not tok:
        consumed.add(cand.anchor.i)
    if not cand.pat.noun:  # "insisted on its demands that ...": the demand is this event, coded once
        consumed.update(g.i for preps, _objs in cand.pat.preps for p in preps for g in prep_objects(tok, p)
                        if any(q.type == cand.pat.type for q in patterns.nouns.get(g.lemma_.lower(), ())))
    if tgt is not None and tgt.slot == "theme":
        # "the US rejected calls by Annan", "refused a demand from X": the call or demand is what
        # this event answers, coded once, as its target
        consumed.update(n.i for n in cand.theme_nouns)


SETTING_TARGET_PREPS = {"against", "on", "with", "between", "by", "of", "in", "into"}


def _setting(tok: Token, lex: Lexicon) -> bool:
    """A long conflict named as the time or scene of something else, with no side named after it: "in
    the current uprising", "during the civil war", "since the revolution" (``setting_nouns``)."""
    if tok.lemma_.lower() not in lex.setting_nouns or tok.dep_ != "pobj" or tok.head.lower_ not in lex.setting_preps:
        return False
    return not any(c.dep_ == "prep" and c.lower_ in SETTING_TARGET_PREPS for c in tok.children)


def _idiom(tok: Token, words: frozenset[str]) -> bool:
    """A prepositional object (or gerund) of the word makes it a set phrase: "speaking on condition of
    anonymity", "charged the inspectors with verifying ..." (a task given, no indictment)."""
    for prep in tok.children:
        if prep.dep_ == "prep":
            for obj in prep.children:
                if obj.dep_ in {"pobj", "pcomp"} and (obj.lemma_.lower() in words or obj.lower_ in words):
                    return True
    return False


def _stance_word(doc: Doc, tok: Token, lex: Lexicon) -> bool:
    """The token is joined by a hyphen to a stance prefix: "anti-Maduro", "pro-Kremlin"."""
    return (tok.i >= 2 and doc[tok.i - 1].text in {"-", "\u2010", "\u2011"}
            and doc[tok.i - 2].lower_ in lex.stance_prefixes)


def _describes_subject(tok: Token) -> bool:
    return tok.dep_ == "attr" and any(c.dep_ in {"nsubj", "csubj"} for c in tok.head.children)
