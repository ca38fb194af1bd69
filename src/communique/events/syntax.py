"""Arguments and status from the dependency parse (spaCy's ClearNLP-style labels).

Everything here walks a few arcs up or down from an event's head token: no search over the sentence,
so coding stays linear in the number of candidate heads.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from spacy import symbols
from spacy.tokens import Token

from ..errors import ConfigError
from ..knowledge import data_files, load_yaml
from .grammar import grammar
from .patterns import Lexicon, Pattern

log = logging.getLogger(__name__)

SUBJ = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
WH = {"who", "which", "that", "whom", "whose"}
#: adjectives and participles through which an infinitive's subject is found ("is due to speak")
RAISING_POS = {"ADJ"}
OBJECT_CONTROL_PREPS = {"of", "for", "from", "into"}
#: prepositions of a gerund telling the means of the clause's act ("by withdrawing troops")
MEANS_PREPS = frozenset({"by"})
#: "there is no sign/evidence that X attacked": with "no", the act in the clause is ruled out
NO_SIGN_NOUNS = frozenset({"sign", "indication", "evidence", "suggestion", "proof"})
STATUS_PRIORITY = ("claimed", "attempted", "hypothetical", "planned", "ongoing")


class SourceWordsError(ConfigError):
    code = "event_source_words_error"


@dataclass(frozen=True)
class SourceWords:
    """Words through which the syntax names a source outside the event's own clause
    (``data/events/sources.yaml``)."""

    loyalty_words: frozenset[str] = frozenset()
    loyalty_preps: tuple[str, ...] = ()
    event_containers: frozenset[str] = frozenset()
    light_verb_preps: frozenset[str] = frozenset()
    inverted_preps: frozenset[str] = frozenset()
    own_forces_types: frozenset[str] = frozenset()
    agentive_nouns: frozenset[str] = frozenset()
    control_nouns: frozenset[str] = frozenset()
    act_adjectives: frozenset[str] = frozenset()
    no_implied_state: frozenset[str] = frozenset()
    own_forces_excluded: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()
    frame_part_nouns: frozenset[str] = frozenset()
    apposed_group_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=4)
def source_words(extra: tuple[str, ...] | None = None) -> SourceWords:
    """The merged ``events/sources.yaml`` of the package and of every user data folder."""
    lists: dict[str, list[str]] = {f: [] for f in SourceWords.__dataclass_fields__}
    for path in data_files("events/sources.yaml", list(extra) if extra is not None else None):
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise SourceWordsError(f"{path}: expected a mapping")
        for name in lists:
            value = data.get(name)
            if value is None:
                continue
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise SourceWordsError(f"{path}: {name}: expected a list of strings, got {value!r}")
            lists[name].extend(v.lower() for v in value if v.lower() not in lists[name])
    log.debug("source words: %s", {k: len(v) for k, v in lists.items()})
    return SourceWords(
        loyalty_words=frozenset(lists["loyalty_words"]), loyalty_preps=tuple(lists["loyalty_preps"]),
        event_containers=frozenset(lists["event_containers"]),
        light_verb_preps=frozenset(lists["light_verb_preps"]), inverted_preps=frozenset(lists["inverted_preps"]),
        own_forces_types=frozenset(w.upper() for w in lists["own_forces_types"]),
        agentive_nouns=frozenset(lists["agentive_nouns"]), control_nouns=frozenset(lists["control_nouns"]),
        act_adjectives=frozenset(lists["act_adjectives"]),
        no_implied_state=frozenset(lists["no_implied_state"]),
        own_forces_excluded=frozenset(lists["own_forces_excluded"]), light_verbs=frozenset(lists["light_verbs"]),
        frame_part_nouns=frozenset(lists["frame_part_nouns"]),
        apposed_group_nouns=frozenset(lists["apposed_group_nouns"]))


#: the same labels as integer ids (comparing ``Token.dep`` is much cheaper than building ``dep_`` strings)
_PASSIVE_DEPS = frozenset({symbols.nsubjpass, symbols.csubjpass, symbols.auxpass})


def is_passive(v: Token) -> bool:
    return any(c.dep in _PASSIVE_DEPS for c in v.children) or (v.dep == symbols.acl and v.tag_ == "VBN")


def agent(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ == "agent":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    kept = retained_object(v)
    if kept is not None:  # "was offered military aid by the US": the parser hangs "by" on the object or
        for h in (kept, v):  # reads it as a plain preposition ("by Friday" is a time, no agent)
            for c in h.children:
                if c.dep_ in {"prep", "agent"} and c.lower_ == "by":
                    for g in c.children:
                        if g.dep_ == "pobj" and g.ent_type_ not in {"DATE", "TIME"}:
                            return g
    return None


def retained_object(v: Token) -> Token | None:
    """The object a receiver passive keeps: "Ukraine was promised **weapons** by Germany", "Pakistan was
    granted a **loan**" (the passive subject is then the recipient, not the thing given)."""
    if v.pos_ != "VERB" or not any(c.dep_ in PASSIVE_SUBJ for c in v.children):
        return None
    if not any(c.dep_ == "auxpass" for c in v.children):
        return None
    return next((c for c in v.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN"}), None)


def prep_objects(head: Token, prep: str) -> list[Token]:
    """Objects of the preposition ``prep`` attached to ``head`` ("talks with X" -> X)."""
    out = []
    if " " in prep:  # a two-word preposition: "out of", "ahead of"
        first, _, second = prep.partition(" ")
        for c in head.children:
            if c.dep_ in {"prep", "prt", "advmod"} and c.lower_ == first:
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ == second:
                        out.extend(x for x in g.children if x.dep_ == "pobj")
        return out
    for c in head.children:
        if c.dep_ in {"prep", "agent", "dative"} and c.lower_ == prep:
            out.extend(g for g in c.children if g.dep_ in {"pobj", "pcomp"})
        elif c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB" and prep == "to":
            # a frequent misparse: "a visit to close ally Belarus" read as an infinitive "to close"
            if any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) and c.i == head.i + 2:
                # only a name read as the "verb's" object ("close ally Belarus"); "a move to reimpose
                # sanctions" is a real infinitive
                out.extend(g for g in c.children if g.dep_ == "dobj" and (g.pos_ == "PROPN" or any(
                    x.pos_ == "PROPN" and x.dep_ in {"compound", "appos"} for x in g.children)))
    return out


def direct_object(v: Token) -> Token | None:
    kept = retained_object(v)
    if kept is not None:
        return kept
    if is_passive(v):
        for c in v.children:
            if c.dep_ in PASSIVE_SUBJ:
                if c.lower_ in WH and v.dep_ == "relcl":  # "the deal that was abandoned by the US"
                    return v.head
                return c
        if v.dep_ == "acl":
            return v.head
        return None
    for c in v.children:
        if c.dep_ == "dobj":
            if c.lower_ in WH and v.dep_ == "relcl":  # "the country which Russia invaded"
                return v.head
            return c
    shared = _shared_object(v)
    if shared is not None:
        return shared
    upto = _up_to_object(v)
    if upto is not None:
        return upto
    for c in v.children:
        # a frequent misparse of object control: "allowed [aid convoys] to pass" read as a clause whose
        # subject is the object; an infinitive has no subject of its own
        if c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            for g in c.children:
                if g.dep_ == "nsubj" and g.i < c.i:
                    return g
    return None


def _up_to_object(v: Token) -> Token | None:
    """A misparse of a number's "up to": "kidnapped [up] [to 16 advisers]" read as a particle and a
    preposition; the counted noun is the object."""
    doc = v.doc
    if v.i + 2 >= len(doc):
        return None
    up, to = doc[v.i + 1], doc[v.i + 2]
    if up.lower_ != "up" or up.head.i != v.i or to.lower_ != "to" or to.dep_ != "prep" or to.head.i not in {v.i, up.i}:
        return None
    for g in to.children:
        if g.dep_ == "pobj" and (g.like_num or any(c.dep_ in {"nummod", "quantmod"} for c in g.children)):
            return g
    return None


def _shared_object(v: Token) -> Token | None:
    """The object of the next conjoined verb when the two share it ("invaded and annexed Crimea",
    "condemned and rejected the decision"): the verbs are adjacent around "and"/"or" and the second has
    no subject of its own."""
    doc = v.doc
    if v.i + 2 >= len(doc) or doc[v.i + 1].dep_ != "cc":
        return None
    nxt = doc[v.i + 2]
    if nxt.dep_ != "conj" or nxt.head.i != v.i or nxt.pos_ != "VERB":
        return None
    if any(c.dep_ in SUBJ or c.dep_ in PASSIVE_SUBJ for c in nxt.children):
        return None
    return next((c for c in nxt.children if c.dep_ == "dobj"), None)


def dative(v: Token) -> Token | None:
    for c in v.children:
        if c.dep_ in {"dative", "iobj"} and c.pos_ in {"PROPN", "NOUN", "PRON"}:
            return c
    if retained_object(v) is not None:  # the recipient of a receiver passive: "Ukraine was promised weapons"
        return next((c for c in v.children if c.dep_ in PASSIVE_SUBJ and c.pos_ in {"PROPN", "NOUN", "PRON"}), None)
    return None


def subject(v: Token, *, depth: int = 0) -> Token | None:
    """The logical subject of verb ``v``: its own subject, the agent of a passive, or one carried in
    from a controlling verb, an adjective ("is due to"), a conjoined verb, a participial clause or the
    antecedent of a relative clause."""
    if depth > 6:
        return None
    if is_passive(v):
        return agent(v)
    for c in v.children:
        if c.dep_ in SUBJ:
            if c.lower_ in WH and v.dep_ == "relcl":
                return v.head
            if c.pos_ == "PRON" and c.lower_ == "it" and c.dep_ == "nsubj" and _expletive(v):
                continue
            return c
    h = v.head
    if h is v:
        return None
    if (v.dep_ in {"xcomp", "advcl"} and h.dep_ == "acl" and h.tag_ == "VBN" and h.head.pos_ in {"NOUN", "PROPN"}
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in v.children)):
        return h.head  # "a force raised by Washington to fight Isis": the force fights, not its raiser
    if v.dep_ == "xcomp":
        if is_passive(h):  # raising and passive control: "is expected to sign", "was asked to leave"
            sp = _passive_subject(h)
            if sp is not None:
                return sp
            if h.dep_ == "ROOT" and agent(h) is None:  # "Also expected to attend are X and Y"
                inverted = _inverted_subject(h)
                if inverted is not None:
                    return inverted
        if h.pos_ in RAISING_POS:  # "is due to speak", "is ready to sign"
            s = subject(h.head, depth=depth + 1) if h.head is not h else None
            s = None if s is not None and s.i == h.i else s  # "Also likely to attend is X": read as the subject
            # "Also due to attend are X and Y": the subject comes after the copula
            return s if s is not None else _inverted_subject(h)
        obj = next((c for c in h.children if c.dep_ == "dobj"), None)
        # object control: "urged Iran to stop"; not "used tear gas to disperse", "took steps to end"
        if obj is not None and h.lemma_ not in {"promise", "use", "employ", "take", "need", "spend", "deploy"}:
            return obj
        return subject(h, depth=depth + 1)
    if v.dep_ == "conj":
        reporter = misattached_conj(v)
        return subject(reporter if reporter is not None else h, depth=depth + 1)
    if v.dep_ in {"advcl", "pcomp"} or (v.dep_ == "acl" and h.pos_ != "NOUN"):
        if v.dep_ == "pcomp" and h.dep_ == "prep":
            if h.lower_ in OBJECT_CONTROL_PREPS:  # "accused X of provoking", "blamed X for attacking"
                obj = next((c for c in h.head.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
                if is_passive(h.head):  # "Russia was accused of shelling X", "was blamed for attacking"
                    sp = _passive_subject(h.head)
                    if sp is not None:
                        return sp
            means = h.lower_ in MEANS_PREPS
            h = h.head
            if h.pos_ == "ADJ" and h.dep_ in {"acomp", "amod"} and h.head.pos_ in {"VERB", "AUX"} and (
                    h.lemma_.lower() in source_words().act_adjectives or h.lower_ in source_words().act_adjectives):
                # "were responsible for ordering the killing", "was guilty of shelling X" (not "is capable
                # of striking": no act told)
                h = h.head
            elif h.pos_ == "NOUN" and means:
                # "by withdrawing US troops" hung on a noun ("at risk by withdrawing"): the means of the
                # clause's verb
                h = next((a for a in h.ancestors if a.pos_ in {"VERB", "AUX"}), h)
            elif h.pos_ == "NOUN":  # "played a key role in brokering", "bore the brunt of fighting"
                return _role_holder(h, depth)
        if h.pos_ in {"VERB", "AUX"}:
            return subject(h, depth=depth + 1)
    if v.dep_ == "relcl":
        return v.head
    if v.dep_ == "acl" and v.tag_ == "VBG":
        inverted = _among_subject(h)
        if inverted is not None:  # "Among those attending the summit were X and Y"
            return inverted
    if v.dep_ == "acl" and h.pos_ in {"NOUN", "PROPN"} and v.tag_ == "VBG":
        return h  # a participle on its doer: "demonstrators protesting the results", "troops shelling X"
    if v.dep_ == "acl" and h.pos_ in {"NOUN", "PROPN"}:
        # "Israel's efforts to isolate Iran", "the drive by China to align", "X made efforts to ..."
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
            for c in h.children:
                if c.dep_ == "poss":
                    return c
            by = prep_objects(h, "by")
            if by:
                return by[0]
            mod = _control_noun_modifier(h)
            if mod is not None:  # "the US decision to pull out", "a Turkish plan to invade"
                return mod
            g = h.head
            if h.dep_ in {"dobj", "attr"} and g.pos_ in {"VERB", "AUX"}:
                return subject(g, depth=depth + 1)
        return None
    if v.dep_ == "ccomp" and h.pos_ == "ADJ":
        return subject(h.head, depth=depth + 1) if h.head is not h else None
    return None


def _passive_subject(v: Token) -> Token | None:
    """The subject of a passive verb ``v``: its own, else, for a passive conjoined to a verb with no subject
    of its own between them, the first verb's subject, which a coordinated verb phrase shares ("Tehran
    denies the claim but **is widely believed** to be arming the rebels", "Moscow rejected the report and
    **was accused** of shelling the town")."""
    sp = next((c for c in v.children if c.dep_ in PASSIVE_SUBJ), None)
    if sp is not None or v.dep_ != "conj" or any(c.dep_ in SUBJ for c in v.children):
        return sp
    first = v.head
    if first.pos_ not in {"VERB", "AUX"}:
        return None
    return next((c for c in first.children if (c.dep_ in SUBJ or c.dep_ in PASSIVE_SUBJ) and c.i < v.i
                 and c.lower_ not in WH), None)


INVERTED_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "pobj", "dobj"})


def _inverted_subject(h: Token) -> Token | None:
    """The subject of an inverted clause that follows a copula among the children of ``h`` ("Also due to
    attend **are** the president and ..."): a noun after a form of "be", else None."""
    cop = next((c for c in h.children if c.lemma_ == "be" and c.i > h.i), None)
    if cop is None and h.head.lemma_ == "be" and h.head.i > h.i:  # "due" read as the copula's complement
        cop = h.head
    if cop is None or any(c.dep_ in SUBJ or c.dep_ in PASSIVE_SUBJ for x in (h, cop) for c in x.children
                          if c.i < h.i):
        return None
    return next((c for x in (h, cop) for c in x.children if c.i > cop.i and c.dep_ in INVERTED_DEPS
                 and c.pos_ in {"NOUN", "PROPN"}), None)


def _control_noun_modifier(n: Token) -> Token | None:
    """The actor word modifying a noun whose infinitive its author carries out (``control_nouns`` of
    sources.yaml: "the **US** decision to pull out", "a **Turkish** plan to invade"); not a demand or call,
    whose infinitive the addressee carries out."""
    if n.lemma_.lower() not in source_words().control_nouns and n.lower_ not in source_words().control_nouns:
        return None
    return next((c for c in n.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < n.i
                 and (c.pos_ == "PROPN" or c.ent_type_ in {"NORP", "GPE", "ORG"})), None)


def _role_holder(n: Token, depth: int) -> Token | None:
    """Who holds the part a noun of ``agentive_nouns`` names (sources.yaml): its possessor or "of" object
    ("Qatar's role in mediating", "the role of Egypt in brokering"), else the subject of the verb it is the
    object of ("Qatar played a key role in mediating", "the SDF bore the brunt of fighting Isis")."""
    if n.lemma_.lower() not in source_words().agentive_nouns and n.lower_ not in source_words().agentive_nouns:
        return None
    poss = next((c for c in n.children if c.dep_ == "poss"), None)
    if poss is not None:
        return poss
    of = [g for g in prep_objects(n, "of") if g.pos_ in {"NOUN", "PROPN"}]
    if of:
        return of[0]
    g = n.head
    if n.dep_ in {"dobj", "attr"} and g.pos_ in {"VERB", "AUX"}:
        return subject(g, depth=depth + 1)
    return None


def _among_subject(h: Token) -> Token | None:
    """"Among those attending were X": a participle on the object of an inverted preposition
    (``inverted_preps`` of sources.yaml) at the head of a clause of "be": the clause's subject, after it."""
    p = h.head
    if h.dep_ != "pobj" or p.dep_ != "prep" or p.lower_ not in source_words().inverted_preps:
        return None
    cop = p.head
    if cop.lemma_ != "be" or p.i > cop.i:
        return None
    return next((c for c in cop.children if c.dep_ in {"nsubj", "attr"} and c.i > cop.i
                 and c.pos_ in {"NOUN", "PROPN"}), None)


def _expletive(v: Token) -> bool:
    return False


PAST_TAGS = frozenset({"VBD"})


def misattached_conj(v: Token) -> Token | None:
    """A past verb the parser conjoins to the (quoted) clause of a reporting verb, where it continues the
    reporting verb: 'said that countries "should not form cliques" and accused Seoul of ...' (the speaker
    accused, not the countries). The clause's verb is not past and the reporting verb is; returns the
    reporting verb, else None."""
    h = v.head
    if v.dep_ != "conj" or v.tag_ not in PAST_TAGS or h.dep_ != "ccomp" or h.tag_ in PAST_TAGS | {"VBN"}:
        return None
    r = h.head
    if r is h or r.pos_ != "VERB" or r.tag_ not in PAST_TAGS:
        return None
    if not any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "MD" for c in h.children) and not any(
            t.is_quote for t in h.doc[h.i: v.i]):
        return None  # the clause is modal ("should not form") or quoted: the past verb cannot belong to it
    return r


def governing_chain(v: Token, *, limit: int = 4) -> list[Token]:
    """``v`` and the verbs, adjectives or nouns that control it ("attempts to [isolate]",
    "efforts to [isolate]", "is due to [speak]", "will continue to [advance]")."""
    chain = [v]
    cur = v
    for _ in range(limit):
        h = cur.head
        if h is cur:
            break
        if cur.dep_ in {"xcomp", "acl", "ccomp", "advcl"} and cur.dep_ != "advcl" or (
            cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
        ):
            if cur.dep_ == "acl" and h.pos_ not in {"NOUN", "PROPN"}:
                break
            chain.append(h)
            cur = h
            if h.pos_ == "ADJ" and h.head is not h:  # "is due to"
                chain.append(h.head)
                cur = h.head
            continue
        break
    return chain


def _gerund_governor(v: Token, lex: Lexicon) -> Token | None:
    """The word a gerund is governed by through a preposition of ``gerund_preps`` in status.yaml ("aimed
    **at** warning", "bent **on** attacking"), else None; the governor's own status words then apply."""
    p = v.head
    if v.dep_ != "pcomp" or v.tag_ != "VBG" or p.dep_ != "prep" or p.lower_ not in lex.gerund_preps or p.head is p:
        return None
    return p.head


def _alternative(head: Token, lex: Lexicon) -> str | None:
    """ "instead of retreating", "rather than prosecute them", "instead of a withdrawal": the act set aside
    for another is not done (``alternative_marks`` in status.yaml: two words right before the phrase)."""
    if not lex.alternative_marks:
        return None
    start = head.left_edge.i if head.pos_ in {"NOUN", "PROPN"} else head.i
    doc = head.doc
    if start < 2:
        return None
    pair = f"{doc[start - 2].lower_} {doc[start - 1].lower_}"
    return pair if pair in lex.alternative_marks else None


_PREDICATE_STATUSES = frozenset({"hypothetical", "planned", "claimed"})


def copula_status(head: Token, lex: Lexicon) -> str | None:
    """The status an event noun takes from what a linking verb says of it: "a Turkish invasion **remains a
    possibility**", "strikes **are likely**", "the visit **is unlikely**" (``copula_verbs`` in status.yaml;
    the predicate noun or adjective is read in governing_nouns, event_modifiers and governing_verbs; a
    negation is never read there: "the attack was a failure" still happened)."""
    verb = head.head
    if head.dep_ not in {"nsubj", "nsubjpass"} or verb.lemma_.lower() not in lex.copulas:
        return None
    for c in verb.children:
        if c.dep_ not in {"attr", "acomp", "oprd"}:
            continue
        word = c.lemma_.lower()
        if c.pos_ in {"NOUN", "PROPN"}:
            st = lex.noun_governors.get(word)
        else:
            st = lex.modifiers.get(c.lower_) or lex.modifiers.get(word) or lex.governors.get(word)
        if st in _PREDICATE_STATUSES:
            return st
    return None


def _claim_governor(v: Token) -> Token | None:
    """The accusation verb whose "of/for/with" gerund ``v`` is ("accused of **shelling**", "blamed for
    **attacking**"), else None (``claim_verbs`` of grammar.yaml)."""
    p = v.head
    if v.dep_ != "pcomp" or p.dep_ != "prep" or p.lower_ not in OBJECT_CONTROL_PREPS | {"with"}:
        return None
    g = p.head
    return g if g.pos_ == "VERB" and g.lemma_.lower() in grammar().claim_verbs else None


#: determiners that deny the act their noun names ("offered no support")
NEGATIVE_DETS = frozenset({"no"})


def status_of(head: Token, pat: Pattern, lex: Lexicon) -> tuple[str, bool, list[str]]:
    """(status, negated, reasons) for an event whose head is ``head``."""
    found: set[str] = set()
    reasons: list[str] = []
    negated = False
    anchors = [head]
    agentive = False  # an event noun that acts on something: "the ceasefire would not affect X"
    alt = _alternative(head, lex)
    if alt:
        negated = True
        reasons.append(f"alternative:{alt}")
    if not pat.noun:
        for c in head.children:
            # "offered no support", "gave them no promises", "made no concessions": the act is denied
            if c.dep_ == "dobj" and any(d.dep_ == "det" and d.lower_ in NEGATIVE_DETS for d in c.children):
                negated = True
                reasons.append(f"obj:no {c.lower_}")
    if pat.noun:
        for c in head.children:
            if c.dep_ == "det" and c.lower_ in NEGATIVE_DETS:
                negated = True
                reasons.append("det:no")
            word = c.lower_ if c.lower_ in lex.modifiers else c.lemma_.lower()
            if c.dep_ in {"amod", "compound", "nmod"} and word in lex.modifiers:
                st = lex.modifiers[word]
                found.add(st)
                reasons.append(f"mod:{c.lower_}->{st}")
        gov = noun_governor(head)
        if gov is not None:
            anchors = [gov]
            agentive = head.dep_ == "nsubj" and any(c.dep_ == "dobj" and c.lemma_.lower() != "place"
                                                      for c in gov.children)
        st = copula_status(head, lex)
        if st:
            found.add(st)
            reasons.append(f"copula:{head.head.lower_}->{st}")
        committer = commitment_head(head)
        if committer is not None:
            st = grammar().commitment_heads.get(committer.lemma_.lower()) or grammar().commitment_heads.get(
                committer.lower_)
            if st and st != "reported":
                found.add(st)
                reasons.append(f"committed:{committer.lower_}->{st}")
            anchors = [committer]
        if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.head.pos_ == "NOUN":
            n = head.head.head
            st = lex.noun_governors.get(n.lemma_.lower())
            if st:
                found.add(st)
                reasons.append(f"noun:{n.lower_}->{st}")
    for anchor in anchors:
        claim = _claim_governor(anchor)
        if claim is not None:  # "was accused of shelling X": the act is alleged
            found.add("claimed")
            reasons.append(f"gov:{claim.lower_}->claimed")
        chain = governing_chain(anchor)
        gov_prep = _gerund_governor(chain[-1], lex)
        if gov_prep is not None:  # "appeared aimed at warning X", "is bent on attacking Y"
            chain = [*chain, *governing_chain(gov_prep)]
        for k, v in enumerate(chain):
            via_ccomp = k > 0 and chain[k - 1].dep_ == "ccomp"
            if k > 0:
                table = lex.noun_governors if v.pos_ in {"NOUN", "PROPN"} else lex.governors
                st = table.get(v.lemma_.lower()) or table.get(v.lower_)  # the form: "hopes" (lemma "hop")
                if v.lemma_.lower() == "go" and v.tag_ == "VBG" and not via_ccomp:  # "is going to visit"
                    st = "planned"
                if st and (not via_ccomp or st in {"claimed", "negated", "hypothetical"}):
                    if st == "negated":
                        negated = True
                    else:
                        found.add(st)
                    reasons.append(f"gov:{v.lower_}->{st}")
                    if st == "negated" and v.lemma_.lower() in lex.refusal_verbs:
                        reasons.append("refusal")
                if (v.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in NEGATIVE_DETS for c in v.children)
                        and (any(a.dep_ == "aux" and a.lower_ == "to" for a in chain[k - 1].children)
                             or v.lemma_.lower() in NO_SIGN_NOUNS)):
                    # "has no plans to send troops", "no intention to invade", "no sign (that) Russia was
                    # willing to put pressure on Assad": the act is ruled out
                    negated = True
                    reasons.append(f"gov:no {v.lower_}")
                if via_ccomp:  # a reporting verb: its own modality is not the event's
                    break
            _aux_status(v, lex, found, reasons)
            if any(c.dep_ == "neg" for c in v.children):
                negated = True
                reasons.append(f"neg:{v.lower_}")
            for c in v.children:
                if c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
                    negated = True  # "will no longer demand his removal"
                    reasons.append("adv:no longer")
                    continue
                st = lex.adverbs.get(c.lower_) if c.dep_ == "advmod" else None
                if st == "negated":
                    negated = True
                    reasons.append(f"adv:{c.lower_}")
                elif st:
                    found.add(st)
                    reasons.append(f"adv:{c.lower_}->{st}")
        # a verb conjoined to one with auxiliaries shares them: "will deliver ... and meet"
        first = chain[0]
        if first.dep_ == "conj" and not any(c.dep_ in {"aux", "auxpass"} for c in first.children) and \
                misattached_conj(first) is None:
            _aux_status(first.head, lex, found, reasons)
            for v in governing_chain(first.head)[1:]:  # "plans to visit X and meet Y"
                st = lex.governors.get(v.lemma_.lower())
                if st and st != "negated":
                    found.add(st)
                    reasons.append(f"gov:{v.lower_}->{st}")
        for v in chain:
            for c in v.children:
                if c.dep_ == "mark" and c.lower_ in lex.conditional_marks:
                    if c.i > 0 and c.doc[c.i - 1].lower_ == "even":  # "even if" concedes, it does not suppose
                        continue
                    found.add("hypothetical")
                    reasons.append(f"mark:{c.lower_}")
                elif c.dep_ == "mark" and c.lower_ in lex.pending_marks and v.tag_ in {"VBZ", "VBP"}:
                    # "will remain until Iraq complies", "before Russia withdraws": not done yet
                    found.add("hypothetical")
                    reasons.append(f"pending:{c.lower_}")
    if agentive and negated and "det:no" not in reasons and not alt:
        # "the UN ceasefire would not affect its operation": the verb's negation is about the effect, not
        # about the ceasefire ("the talks did not take place" is still negated)
        negated = False
        reasons.append("subject of a negated effect: not negated")
    for st in STATUS_PRIORITY:
        if st in found:
            return st, negated, reasons
    return "reported", negated, reasons


def _aux_status(v: Token, lex: Lexicon, found: set[str], reasons: list[str]) -> None:
    aux = [c for c in v.children if c.dep_ in {"aux", "auxpass"}]
    for a in aux:
        low = a.lower_
        if low in lex.planned_aux or (a.lemma_.lower() in lex.planned_aux and a.tag_ == "MD"):
            found.add("planned")
            reasons.append(f"aux:{low}")
        elif low in lex.hypothetical_aux:
            if low in lex.future_in_past_aux and _reported_past(v, lex):
                # "X said it would withdraw": the future of a past report, not a supposition
                found.add("planned")
                reasons.append(f"aux:{low}(reported future)")
                continue
            found.add("hypothetical")
            reasons.append(f"aux:{low}")
    if v.dep_ == "ROOT" and any(a.lower_ == "to" for a in aux) and any(c.dep_ in SUBJ for c in v.children):
        # a headline's "X to send troops": the announced future
        found.add("planned")
        reasons.append("headline:to")
    if v.tag_ == "VBG" and any(a.lemma_ == "be" and a.dep_ == "aux" for a in aux):
        found.add("ongoing")
        reasons.append("progressive")


def _reported_past(v: Token, lex: Lexicon) -> bool:
    """``v`` (or the verb it is conjoined to) is the clause of a past-tense reporting verb ("said it would
    ...", "announced that it would ...")."""
    cur = v
    for _ in range(3):
        if cur.dep_ != "conj" or cur.head is cur:
            break
        cur = cur.head
    h = cur.head
    if cur.dep_ != "ccomp" or h is cur or h.lemma_.lower() not in lex.reporting_verbs:
        return False
    for x in (v, cur):  # "said it would send aid if asked": the condition keeps it hypothetical
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.conditional_marks for m in c.children)
               for c in x.children):
            return False
    return h.tag_ in {"VBD", "VBN"} or any(a.dep_ == "aux" and a.tag_ == "VBD" for a in h.children)


def noun_governor(n: Token) -> Token | None:
    """The verb an event noun is an argument of ("hold [talks]", "followed by a [visit]")."""
    h = n.head
    if h is n:
        return None
    if n.dep_ in {"dobj", "nsubjpass", "nsubj", "attr"} and h.pos_ in {"VERB", "AUX"}:
        return h
    if n.dep_ == "pobj" and h.dep_ in {"agent", "prep"} and h.lower_ in {"by", "in", "for", "at", "into"}:
        g = h.head
        if g.pos_ in {"VERB", "AUX"}:
            return g
    return None


def commitment_head(n: Token) -> Token | None:
    """The verb or adjective an event noun is the "to" object of when it commits its subject to the act
    (``commitment_heads`` of grammar.yaml: "**committed to** airstrikes", "**returned to** talks"), else None."""
    p = n.head
    if n.dep_ != "pobj" or p.dep_ != "prep" or p.lower_ != "to":
        return None
    g = p.head
    heads = grammar().commitment_heads
    if g.pos_ in {"VERB", "AUX", "ADJ"} and (g.lemma_.lower() in heads or g.lower_ in heads):
        return g
    return None


def apposed_name(s: Token) -> Token | None:
    """The name set in apposition to a subject noun, which is the same one: "the home secretary, **Sajid
    Javid**, accused Russia" (the role noun names no actor of its own), and the name a descriptive group noun
    stands beside when it heads a relative clause: "**Hezbollah**, an armed movement that has attacked
    Israel" (``apposed_group_nouns``: never "Cyprus, the island that hosts British bases")."""
    if s.pos_ != "NOUN":
        return None
    for c in s.children:
        if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i > s.i + 1 and s.doc[c.left_edge.i - 1].text == ",":
            return c
    if s.dep_ == "appos" and s.head.pos_ == "PROPN" and s.head.i < s.i and any(
            c.dep_ == "relcl" for c in s.children) and (
            s.lemma_.lower() in source_words().apposed_group_nouns or s.lower_ in source_words().apposed_group_nouns):
        return s.head
    return None


def noun_source_candidates(n: Token, lex: Lexicon, used: set[int], *, depth: int = 0) -> list[tuple[str, Token]]:
    """Possible sources of an event noun, best first: possessor, "by" agent, a modifying actor word,
    the subject of a light verb or the agent of a participle ("a statement issued by X")."""
    out: list[tuple[str, Token]] = []
    for c in n.children:
        if c.dep_ == "poss":
            out.append(("poss", c))
    for g in prep_objects(n, "by"):
        out.append(("by", g))
    for o in prep_objects(n, "of"):  # "the release of X by Iran": "by" often hangs on the "of" object
        for g in prep_objects(o, "by"):
            out.append(("by", g))
    for c in n.children:
        if c.dep_ in {"compound", "amod", "nmod"} and c.i not in used and c.i < n.i:
            out.append(("comp", c))
    if n.dep_ == "ROOT":  # a headline verb read as a noun: "Japan pledges aid for Ukraine"
        out.extend(("subj", c) for c in n.children if c.dep_ == "nsubj")
    for c in n.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            a = agent(c)
            if a is not None:
                out.append(("gov", a))
    gov = noun_governor(n)
    if gov is None:
        gov = _light_prep_governor(n)
    if gov is not None and (gov.lemma_.lower() in lex.light_verbs or gov.lemma_.lower() in source_words().light_verbs):
        s = subject(gov)
        if s is not None:
            out.append(("gov", s))
    committer = commitment_head(n)
    if committer is not None:  # "committed to continued airstrikes against Isis", "returned to talks"
        s = subject(committer) or next((c for c in committer.children if c.dep_ in PASSIVE_SUBJ), None)
        if s is not None:
            out.append(("gov", s))
    container = event_container(n)
    if container is not None and depth < 2:
        # "launched a campaign of airstrikes", "Russia's wave of raids": the series' author is the act's
        out.extend(c for c in noun_source_candidates(container, lex, used, depth=depth + 1)
                   if c[1].i != n.i)
    # a clause the noun is the subject of: "the visit underscores..." gives nothing here
    return out


def event_container(n: Token) -> Token | None:
    """The noun holding a series of acts an event noun is the "of" object of ("a campaign **of**
    airstrikes", "a wave of raids": ``event_containers`` of sources.yaml), else None."""
    p = n.head
    if n.dep_ != "pobj" or p.dep_ != "prep" or p.lower_ != "of":
        return None
    c = p.head
    if c.pos_ == "NOUN" and (c.lemma_.lower() in source_words().event_containers
                             or c.lower_ in source_words().event_containers):
        return c
    return None


def _light_prep_governor(n: Token) -> Token | None:
    """The verb an event noun is the object of through a preposition of ``light_verb_preps`` ("embarked
    **on** a withdrawal", "agreed on a ceasefire"), else None."""
    p = n.head
    if n.dep_ != "pobj" or p.dep_ != "prep" or p.lower_ not in source_words().light_verb_preps:
        return None
    g = p.head
    return g if g.pos_ in {"VERB", "AUX"} else None


def clause_path(head: Token, arg: Token | None) -> str:
    """A short parse path from the event head to an argument, for explanations."""
    if arg is None:
        return ""
    up: list[str] = []
    a = arg
    seen = 0
    anc = {t.i for t in head.ancestors} | {head.i}
    while a.i not in anc and a.head is not a and seen < 8:
        up.append(f"{a.dep_}({a.text})")
        a = a.head
        seen += 1
    if a.i == head.i:
        return " <- ".join(reversed(up)) if up else head.text
    down: list[str] = []
    h = head
    steps = 0
    while h.i != a.i and h.head is not h and steps < 8:
        down.append(f"{h.dep_}^")
        h = h.head
        steps += 1
    return " ".join(down) + (" " if down else "") + a.text + " -> " + " -> ".join(reversed(up))
