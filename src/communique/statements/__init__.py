"""Statement acts: the event a statement's content performs, and tone (owner: issue 21).

Component ``communique_statements`` runs after ``communique_events``. It reads the statements the quotes
stage found (``doc.spans["quotes"]``, ``span._.quote``: content, speaker, cue), the actors stage's
mentions, and the events already coded (``doc._.events``); it adds to ``doc._.events`` one
:class:`~communique.records.EventMention` per act found in a statement's content with a neutral reporting
verb: "Moscow says the demands are unrealistic" (REJECT), "Washington must stop arming them, he said"
(REQUEST). Some reporting verbs act through what they report ("warned that any attack would be met
with force": THREATEN; "vowed the US will expel ...": THREATEN), and a target the content does not name
is looked for in the act the statement is about ("the step would fuel fresh tension": whose move).
Cues are data (``data/statements/*.yaml``, see :mod:`.cues` and ``docs/statements.md``);
actors, dates, places and attribution come from the same services the events stage uses. An act that
the events stage already coded in the same sentence (same type and source: "accused X, saying ...")
is not coded twice. Tone (:mod:`.tone`) never decides a type here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from ..nlp import doc_list
from ..records import Actor, EventMention, Evidence, Quote
from .cues import STATEMENT_TYPES, Cue, CueSet, ReportedActs, load_cues
from .tone import apply_tone, tone_of, tone_score

__all__ = ["STATEMENT_TYPES", "apply_tone", "statement_events", "statements_component", "tone_of", "tone_score"]

log = logging.getLogger(__name__)

#: quote kinds whose content can perform an act ("X believes ..." asserts nothing to anyone)
ACT_KINDS = frozenset({"statement"})
#: modifiers that make a cue word someone else's claim ("a suspected war criminal")
HEDGES = frozenset({"suspected", "alleged", "possible", "potential", "supposed"})
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "acl"})
FIRST_PERSON = frozenset({"we", "i", "us", "me"})
#: pronouns that mostly stand for things, not for the addressee of a demand
THING_PRONOUNS = frozenset({"it", "this", "that"})
#: auxiliaries on the reporting verb that make the statement one not (yet) made ("Russia will claim ...")
UNMADE_AUX = frozenset({"will", "would", "could", "might", "may", "shall", "should", "must"})
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass"})
NEG_WORDS = frozenset({"not", "n't", "never", "no"})
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether"})
#: actor types that are a target even without a country (a group or organisation, not a person)
STATELESS_TARGETS = frozenset({"group", "organization"})
#: prepositions that place a speaker rather than affiliate one ("relief officials **in** Nairobi")
PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "from", "on"})
#: most targets one cue gives ("Russia and Iran must ...": one event each)
MAX_TARGETS = 3


@dataclass
class _Found:
    cue: Cue
    tokens: list[Token]
    anchor: Token


def _actors_by_id(doc: Doc) -> dict[str, Actor]:
    return {a.id: a for a in doc_list(doc, "actors")}


def _match_at(doc: Doc, i: int, end: int, cue: Cue) -> list[Token] | None:
    """Tokens of ``cue`` matched from token ``i`` (not past ``end``), or None."""
    out: list[Token] = []
    j = i
    gap = 0
    k = 0
    pos = cue.positions
    while k < len(pos):
        want = pos[k]
        if want is None:  # a gap: try the next word here, else skip a token
            nxt = pos[k + 1]
            assert nxt is not None
            if j < end and (doc[j].lower_ in nxt or doc[j].lemma_.lower() in nxt):
                k += 1
                gap = 0
                continue
            if gap >= 3 or j >= end or doc[j].is_sent_start and j > i:
                return None
            gap += 1
            j += 1
            continue
        while j > i and j < end and doc[j].is_quote:  # would “lose in the end”
            j += 1
        if j >= end or (j > i and doc[j].is_sent_start):
            return None
        t = doc[j]
        if t.lower_ not in want and t.lemma_.lower() not in want:
            return None
        out.append(t)
        j += 1
        k += 1
    return out


def _anchor(tokens: list[Token]) -> Token:
    """The matched token that governs the others (its head lies outside the match)."""
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return tokens[0]


def find_cues(doc: Doc, start: int, end: int, cues: CueSet) -> list[_Found]:
    """Every cue matched in tokens ``start:end`` (longest first at one position, no overlaps)."""
    found: list[_Found] = []
    taken: set[int] = set()
    for i in range(start, end):
        t = doc[i]
        if i in taken:
            continue
        cands = cues.by_first.get(t.lower_, []) + [c for c in cues.by_first.get(t.lemma_.lower(), [])
                                                   if t.lemma_.lower() != t.lower_]
        best: list[tuple[list[Token], Cue]] = []
        for cue in cands:
            m = _match_at(doc, i, end, cue)
            if m and (not best or len(m) > len(best[0][0])):
                best = [(m, cue)]
            elif m and len(m) == len(best[0][0]) and cue not in [c for _, c in best]:
                best.append((m, cue))  # cues of the same words in two groups ("ready to" + a fight or an offer)
        for toks, cue in best:
            taken.update(x.i for x in toks)
            found.append(_Found(cue, toks, _anchor(toks)))
    return found


# --------------------------------------------------------------------------------------------------
# Guards: negation, questions, conditions
# --------------------------------------------------------------------------------------------------


def _negated(f: _Found) -> bool:
    """A negation outside the cue on its words or on the words that govern it within its clause ("are
    not seen as hostile"); a hedge ("a suspected war criminal") counts too."""
    ids = {t.i for t in f.tokens}
    chain = list(f.tokens)
    t = f.anchor
    for _ in range(3):
        if t.head.i == t.i or t.dep_ in CLAUSE_DEPS or t.dep_ == "conj":
            break
        t = t.head
        chain.append(t)
    for t in chain:
        for c in t.children:
            if c.i in ids:
                continue
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return True
    return any(c.lower_ in HEDGES for c in [*f.anchor.children, *f.anchor.head.children] if c.dep_ == "amod")


def _modal_verb(f: _Found) -> Token | None:
    """The verb a modal governs ("must **stop**", "has to **leave**")."""
    a = f.anchor
    if a.dep_ in {"aux", "auxpass"}:
        return a.head
    return next((c for c in a.children if c.dep_ == "xcomp"), None)


def _demand_clause(f: _Found, in_content) -> bool:
    """A modal that demands: an active verb not listed in the group's ``not_verbs`` ("must be
    devastating", "should know", "should have been" demand nothing), not negated when the modal is a verb
    ("doesn't need to"), in the main clause of the content (not "the people who thought she should ...")."""
    v = _modal_verb(f)
    if v is None or v.pos_ not in {"VERB", "AUX"} or v.lemma_.lower() in f.cue.not_verbs:
        return False
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in v.children):
        return False
    if any(c.dep_ == "aux" and c.lemma_.lower() == "have" and c.i > f.anchor.i for c in v.children):
        return False
    if f.anchor.dep_ not in {"aux", "auxpass"} and any(c.dep_ == "neg" for c in f.anchor.children):
        return False
    top = f.anchor if f.anchor.dep_ not in {"aux", "auxpass"} else v
    while top.dep_ == "conj" and top.head.i != top.i:
        top = top.head
    return top.head.i == top.i or not in_content(top.head) or top.dep_ in {"ROOT"}


def _in_relative_clause(f: _Found, in_content) -> bool:
    """The cue describes a noun of the statement ("fighters who had not accepted the deal"), in a
    relative clause: no act of the speaker's."""
    t = f.anchor
    while t.head.i != t.i and in_content(t.head):
        if t.dep_ == "relcl":
            return True
        t = t.head
    return t.dep_ == "relcl"


def _conditional(f: _Found, content_end: int) -> bool:
    """The cue sits in an if/unless clause, its clause is a question, or (but for a threat, which is
    conditional by nature: "we will respond if they attack") an if-clause conditions it."""
    t = f.anchor
    for _ in range(5):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return True
        if f.cue.type != "THREATEN" and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
               for c in t.children):
            return True  # "it would be irresponsible if we ...": the clause is conditioned
        if t.head.i == t.i:
            break
        t = t.head
    sent = f.anchor.sent
    return any(t.text == "?" for t in sent if t.i > f.anchor.i and t.idx <= content_end)


# --------------------------------------------------------------------------------------------------
# Targets
# --------------------------------------------------------------------------------------------------


class _Targets:
    """Finds the target of one statement act by the ways its group lists."""

    def __init__(self, doc: Doc, source: Actor, content: list[tuple[int, int]], addressee: Token | None,
                 olds: list[tuple[EventMention, int, int]] | None = None, actors: dict[str, Actor] | None = None,
                 act_nouns: frozenset[str] = frozenset()) -> None:
        from ..events.coder import resolve_all

        self.doc = doc
        self.source = source
        self.content = content
        self.addressee = addressee
        self.olds = olds or []
        self.by_id = actors or {}
        self.act_nouns = act_nouns
        self._resolve_all = resolve_all

    def _actor_of(self, side: object) -> Actor | None:
        if side is None or not getattr(side, "country", None):
            return None
        found = self.by_id.get(getattr(side, "actor", None) or "")
        if found is not None:
            return found
        return Actor(id=f"about:{side.country}", name=side.name, type="country",  # type: ignore[attr-defined]
                     country=side.country, code=getattr(side, "code", None))  # type: ignore[attr-defined]

    def about(self, f: _Found) -> tuple[list[Actor], str]:
        """The side of the act a statement is about, when its words name no actor ("the move could create
        new crises"): the nearest event the events stage coded in the content (its source, or its target
        when the speaker's side acts), else the nearest event by another side before the cue in the
        reporting sentence or the sentence before ("X withdrew from the deal ... and warned that the move
        ...")."""
        at = f.anchor.idx
        sent = f.anchor.sent
        lo = self.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
        inside = sorted(((ev, ts) for ev, ts, _ in self.olds if self.in_content_char(ts)), key=lambda x: abs(x[1] - at))
        before = sorted(((ev, ts) for ev, ts, _ in self.olds if lo <= ts < at and not self.in_content_char(ts)),
                        key=lambda x: at - x[1])
        for ev, _ in inside:
            src = self._actor_of(ev.source)
            if src is not None and not self.own(src):
                return [src], f"about event {ev.id} {ev.type} (its source)"
            tgt = self._actor_of(ev.target)
            if src is not None and tgt is not None and not self.own(tgt):
                return [tgt], f"about event {ev.id} {ev.type} (its target)"
        for ev, _ in before:
            src = self._actor_of(ev.source)
            if src is not None and not self.own(src):
                return [src], f"about event {ev.id} {ev.type} before the cue (its source)"
        return [], ""

    def content_tokens(self) -> list[Token]:
        out: list[Token] = []
        for s, e in self.content:
            cs = self.doc.char_span(s, e, alignment_mode="expand")
            out.extend(cs if cs is not None else [])
        return out

    def in_content_char(self, ch: int) -> bool:
        return any(s <= ch < e for s, e in self.content)

    def own(self, a: Actor) -> bool:
        if a.id == self.source.id:
            return True
        return bool(self.source.country) and a.country == self.source.country

    def named(self, tok: Token) -> list[Actor]:
        """The actors of the phrase at ``tok`` and its conjuncts; a capital the actors stage did not take
        stands for its government ("the proposals from Washington")."""
        from ..events.coder import place_actor

        found = [a.actor for a in self._resolve_all(self.doc, tok, "target")]
        if not found and tok.pos_ == "PROPN" and tok.ent_type_ == "GPE":
            pa = place_actor(self.doc, tok)
            found = [pa] if pa is not None else []
        return found

    def actors(self, tok: Token) -> list[Actor]:
        """Actors of the phrase at ``tok`` (and its conjuncts), else the author of the act or thing it names
        ("the American demands", "Iran's behaviour")."""
        from ..events.coder import theme_actors
        from ..events.patterns import lexicon

        found = self.named(tok)
        if not found and tok.pos_ in {"NOUN", "PROPN"}:
            found = [a.actor for a in theme_actors(self.doc, tok, lexicon())]
        if not found and tok.pos_ == "NOUN" and tok.lemma_.lower() not in lexicon().group_nouns:
            from ..events.syntax import prep_objects

            # "the presence of militants", "the proposals from Washington", "the decision by Moscow"
            for o in [o for p in ("by", "from", "of") for o in prep_objects(tok, p)]:
                found = self.named(o)
                if found:
                    break
        return found

    def subject_token(self, f: _Found) -> Token | None:
        from ..events.syntax import subject

        a = f.anchor
        if a.dep_ == "amod" and a.head.pos_ in {"NOUN", "PROPN"}:
            noun = a.head  # "a reckless regime"; "Iran is a reckless regime": the copula's subject
            if noun.dep_ != "attr" or self.actors(noun):
                return noun
            a = noun
        node = a.head if a.dep_ in {"aux", "auxpass"} else a
        if node.dep_ == "pobj":  # "is like hearing a man **from another world**": the clause's verb
            up = node
            while up.dep_ in {"pobj", "prep", "pcomp"} and up.head.i != up.i:
                up = up.head
            if up.pos_ in {"VERB", "AUX"}:
                node = up
        ids = {t.i for t in f.tokens}
        for _ in range(3):
            s = next((c for c in node.children if c.dep_ in SUBJ_DEPS | {"csubj"} and c.i not in ids), None)
            if s is not None:
                return s
            if node.pos_ in {"VERB", "AUX"}:
                s = subject(node)
                if s is not None and s.i not in ids:
                    return s
            if node.head.i == node.i or node.dep_ in {"ccomp", "advcl", "relcl", "conj", "parataxis"}:
                break
            node = node.head
        return None

    def in_content(self, tok: Token) -> bool:
        return any(s <= tok.idx < e for s, e in self.content)

    def recent(self, actors: list[Actor], pron: Token) -> bool:
        """"it" stands for one of ``actors`` only when the nearest noun before it (dates aside, in its
        sentence or the one before) names that actor: "... spoke about China on Monday. It must stop",
        not "Work has begun on it, and it has to finish"."""
        sent = pron.sent
        lo = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for t in reversed(self.doc[lo:pron.i]):
            if t.pos_ not in {"NOUN", "PROPN", "PRON"} or t.ent_type_ in {"DATE", "TIME", "CARDINAL", "ORDINAL"}:
                continue
            if t.pos_ == "PRON":
                if t.lower_ in THING_PRONOUNS:
                    return False  # "on it, and it has to": the same thing again
                continue
            return any(m.start <= t.idx < m.end for a in actors for m in a.mentions)
        return False

    def speaker_does(self, f: _Found) -> bool:
        """For acts the speaker performs ("we will respond"): the clause has no subject, or its subject
        is the speaker's side."""
        if f.anchor.dep_ in SUBJ_DEPS:
            return False  # "Turkey's military actions against American interests have eroded ...": a thing
        s = self.subject_token(f)
        if s is None or s.lower_ in FIRST_PERSON:
            return True
        got = self.actors(s)
        return bool(got) and all(self.own(a) for a in got)

    def find(self, f: _Found) -> tuple[list[Actor], str]:
        cue = f.cue
        act_subject = False  # the subject names an act, not an actor ("the move")
        for way in cue.target:
            kind, _, arg = way.partition(":")
            toks: list[Token] = []
            if kind == "subject":
                s = self.subject_token(f)
                if s is not None and _expletive(s):
                    s = _for_subject(s)  # "it is unacceptable for Israel to build ...": Israel
                if s is not None and s.dep_ == "csubj" and s.pos_ in {"VERB", "AUX"}:
                    s = _clausal_subject(s)  # "listening to Lavrov is like ...", "what Belarus is doing ..."
                    if s is None:
                        return [], "the subject is a clause that names no one"  # "what happened in Syria ..."
                if s is None:
                    continue
                if s.lemma_.lower() in cue.not_subjects or s.lower_ in cue.not_subjects:
                    return [], f"subject {s.text} names a people"
                if s.pos_ == "PRON" and self.addressee is not None and s.lower_ in {"it", "they", "you"}:
                    addr = [a for a in self.actors(self.addressee) if not self.own(a)]
                    if addr:  # "told the EU it must ...": the pronoun is the listener
                        return addr, f"addressee {self.addressee.text} (subject {s.text})"
                got = self.actors(s)
                if (cue.modal or got) and s.lower_ in THING_PRONOUNS and not self.recent(got, s):
                    # "it has to start"; "we see the YPG as a terrorist organisation and it has no place ...":
                    # "it" is an actor only when the nearest noun before it names that actor
                    return [], f"subject {s.text} names a thing"
                other = [a for a in got if not self.own(a)]
                if other:
                    return other, f"subject {s.text}"
                if got:
                    return [], f"subject {s.text} is the speaker's side"
                if "about" in cue.target and s.lemma_.lower() in self.act_nouns:
                    act_subject = True
                    continue  # "the step would fuel fresh tension": whose move, below
                if s.pos_ != "PRON" or cue.modal:
                    return [], f"subject {s.text} is no actor"
                continue
            if kind == "clause":
                c = _clause_subject(f)  # "it is time **for Moscow** to withdraw", "high time **Ankara** acted"
                if c is None:
                    continue
                if c.lemma_.lower() in cue.not_subjects or c.lower_ in cue.not_subjects:
                    return [], f"clause subject {c.text} names a people"
                got = self.actors(c)
                other = [a for a in got if not self.own(a)]
                if other:
                    return other, f"clause subject {c.text}"
                return [], f"clause subject {c.text} is {'the speaker' if got else 'no actor'}"
            if kind == "about":
                if f.anchor.pos_ in {"VERB", "AUX"} and not (cue.reporting or cue.speaker_acts or act_subject):
                    continue  # "it had failed to persuade Russia": a verb's target is its subject, as for content
                got, how = self.about(f)
                if got:
                    return got, how
                continue
            if kind == "content" and f.anchor.pos_ in {"VERB", "AUX"} and not cue.speaker_acts and not cue.reporting:
                continue  # a verb's target is its subject ("X violated ..."), never any name nearby
            if kind == "object":
                from ..events.syntax import direct_object

                v = f.anchor.head if f.anchor.dep_ in {"aux", "auxpass"} else f.anchor
                o = direct_object(v) if v.pos_ in {"VERB", "AUX"} else None
                toks = [o] if o is not None else []
            elif kind == "prep":
                from ..events.syntax import prep_objects

                for p in arg.split("|"):
                    for h in (f.anchor, f.anchor.head, *f.tokens):
                        toks.extend(prep_objects(h, p.replace("_", " ")))
            elif kind == "addressee":
                toks = [self.addressee] if self.addressee is not None else []
            elif kind == "content":
                ids = {t.i for t in f.tokens}
                pool = self.content_tokens() if cue.reporting else list(f.anchor.sent)
                toks = sorted((t for t in pool if self.in_content(t) and t.pos_ in {"PROPN", "NOUN", "PRON", "ADJ"}
                               and t.i not in ids and not _expletive(t)), key=lambda t: abs(t.i - f.anchor.i))
            for t in toks:
                other = [a for a in self.actors(t) if not self.own(a)]
                if other:
                    return other, f"{kind} {t.text}"
        return [], ""


def _clausal_subject(v: Token) -> Token | None:
    """Who a clause that is the subject is about: its own subject ("what **Belarus** is doing at the border
    is a disgrace"; not a wh-word: "what happened in Syria is disgraceful" names no one), else for a
    gerund what it acts on ("listening to **Lavrov** is like ...")."""
    s = next((c for c in v.children if c.dep_ in SUBJ_DEPS), None)
    if s is not None:
        return None if s.tag_ in {"WP", "WDT"} else s
    return _gerund_object(v) if v.tag_ == "VBG" else None


def _gerund_object(v: Token) -> Token | None:
    """The one a gerund subject acts on ("**Listening to Lavrov** is like ...", "dealing with Tehran is
    ..."): its direct object, else the object of its first preposition."""
    from ..events.syntax import direct_object

    o = direct_object(v)
    if o is not None:
        return o
    for c in v.children:
        if c.dep_ == "prep":
            o = next((g for g in c.children if g.dep_ == "pobj"), None)
            if o is not None:
                return o
    return None


def _clause_subject(f: _Found) -> Token | None:
    """The subject of the clause a cue introduces ("it is time **for Moscow** to withdraw": the relative
    clause on "time"; "it's high time **Ankara** released ...": the complement of the copula)."""
    ids = {t.i for t in f.tokens}
    heads = [f.anchor, *(c for c in f.anchor.children if c.dep_ in {"attr", "acomp"} or c.i in ids)]
    for h in heads:
        for c in h.children:
            if c.i in ids or c.dep_ not in {"relcl", "acl", "ccomp", "advcl", "xcomp"} or c.pos_ not in {"VERB", "AUX"}:
                continue
            s = next((g for g in c.children if g.dep_ in SUBJ_DEPS), None)
            if s is not None:
                return s
    return None


def _expletive(s: Token) -> bool:
    """"it" standing for a clause, not an actor: "it was encouraging **that** the US ...", "it is
    unrealistic **to expect** ...", "it is unacceptable **for** foreign troops **to remain** ..."."""
    if s.lower_ != "it":
        return False
    v = s.head
    return any(c.dep_ in {"ccomp", "xcomp", "csubj"} or (c.dep_ in {"acomp", "attr"} and any(
        g.dep_ in {"ccomp", "xcomp"} for g in c.children)) for c in v.children) or _for_clause(v) is not None


def _for_clause(v: Token) -> Token | None:
    """The "for X to ..." clause of a copula or its attribute ("it was wrong **for Israel to build**"), by
    its verb."""
    for h in (v, *(c for c in v.children if c.dep_ in {"acomp", "attr"})):
        for c in h.children:
            if c.dep_ in {"advcl", "ccomp", "xcomp"} and any(m.dep_ == "mark" and m.lower_ == "for" for m in c.children) \
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return c
    return None


def _for_subject(s: Token) -> Token | None:
    """The subject of the "for X to ..." clause an expletive "it" stands for, else None."""
    c = _for_clause(s.head)
    return next((t for t in c.children if t.dep_ in {"nsubj", "nsubjpass"}), None) if c is not None else None


def _reporting_verb(doc: Doc, q: Quote, span: Span) -> Token | None:
    """The reporting verb of a statement (its cue word as a verb near the content)."""
    cue = (q.cue or "").lower()
    if not cue:
        return None
    sent_start = span.sent.start
    lo = max(0, sent_start - 1) if span.start > sent_start else max(0, span.start - 40)
    hi = min(len(doc), span.end + 15)
    return next((t for t in doc[lo:hi] if t.lower_ == cue.split()[0] and t.pos_ in {"VERB", "AUX"}
                 and not span.start <= t.i < span.end), None)


def _addressee(verb: Token | None, span: Span) -> Token | None:
    """The listener of the reporting verb ("told **the EU** that ..."): its dative or direct object when
    that is not the content itself."""
    if verb is None:
        return None
    for c in verb.children:
        if c.dep_ in {"dative", "dobj"} and not (span.start <= c.i < span.end) and c.pos_ in {"PROPN", "NOUN", "PRON"}:
            return c
    return None


def _unmade(verb: Token | None) -> bool:
    """The statement is announced or supposed, not made: "Russia will claim ...", "he might say ..."."""
    return verb is not None and any(c.dep_ == "aux" and c.lower_ in UNMADE_AUX for c in verb.children)


# --------------------------------------------------------------------------------------------------
# The events
# --------------------------------------------------------------------------------------------------


def _content_ranges(q: Quote) -> list[tuple[int, int]]:
    parts = getattr(q, "parts", None)
    if parts:
        return [(int(s), int(e)) for s, e in parts]
    return [(q.start, q.end)]


def _country(side: object) -> str | None:
    return getattr(side, "country", None) if side is not None else None


def _already(existing: list[tuple[EventMention, int, int]], f: _Found, source: Actor,
             target: Actor | None, report: tuple[int, int]) -> bool:
    """The one-event rule: the events stage already coded this act (its head is a word of the cue, or an
    event of the same type and source lies in the cue's sentence or the reporting sentence)."""
    sent = f.anchor.sent
    cue_chars = {(t.idx, t.idx + len(t.text)) for t in f.tokens}
    for ev, ts, te in existing:
        if (ts, te) in cue_chars:
            return True
        if ev.type != f.cue.type:
            continue
        if ev.source is None or not (
            (ev.source.actor and ev.source.actor == source.id)
            or (ev.source.country and ev.source.country == source.country)
        ):
            continue
        inside = sent.start_char <= ts < sent.end_char or report[0] <= ts < report[1]
        if not inside:
            continue
        t_old, t_new = _country(ev.target), target.country if target is not None else None
        if t_old and t_new and t_old != t_new:
            continue  # another target: another act
        return True
    return False


def _press(source: Actor, cues: CueSet) -> bool:
    """The speaker is the press (``press_sectors``) and holds no state sector (a state broadcaster speaks
    for its state)."""
    sectors = set(source.sector or [])
    state = cues.reported.state_sectors if cues.reported is not None else frozenset()
    return bool(sectors & cues.press_sectors) and not sectors & state


def _speaker_side(doc: Doc, q: Quote, actors: dict[str, Actor], ra: ReportedActs | None,
                  roles: frozenset[str]) -> Actor | None:
    """For a speaker the actors stage left without an actor ("a spokesman for the Israeli prime
    minister", "a senior US administration official", "a spokesman for the Kremlin"): the last actor with
    a country named inside the speaker's phrase, when the phrase's head is a role noun of ``roles`` (not
    a name the actors stage could not place, "the Syrian Observatory for Human Rights", nor "a group of
    prominent figures"), unless that actor is the press or an NGO (a correspondent for a newspaper speaks
    for no side)."""
    sp = q.speaker
    lo, hi = getattr(sp, "start", None), getattr(sp, "end", None)
    if not isinstance(lo, int) or not isinstance(hi, int):
        return None
    phrase = doc.char_span(lo, hi, alignment_mode="expand")
    if phrase is None or phrase.root.pos_ != "NOUN" or phrase.root.ent_type_ or phrase.root.lower_ not in roles:
        return None
    root = phrase.root

    def affiliation(start: int) -> bool:  # "spokesman for X", "US official"; not "officials in Nairobi"
        tok = doc.char_span(start, start + 1, alignment_mode="expand")
        t = tok[0] if tok is not None else None
        while t is not None and t.i != root.i:
            if t.dep_ == "prep" and t.lower_ in PLACE_PREPS:
                return False
            t = t.head if t.head.i != t.i else None
        return t is not None

    inside = [(m.start, a) for a in actors.values() if a.country for m in a.mentions
              if lo <= m.start and m.end <= hi and affiliation(m.start)]
    if not inside:
        return None
    side = max(inside, key=lambda x: x[0])[1]
    if ra is not None and not _state_speaker(side, ra):
        return None
    return side


def _past(f: _Found) -> bool:
    """The cue's verb is in the past tense, itself or through its auxiliary ("gave", "did not sign",
    "had not joined")."""
    for t in f.tokens:
        if t.pos_ != "VERB":
            continue
        if t.tag_ in {"VBD", "VBN"} or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in t.children):
            return True
    return False


def _acts_on(f: _Found, olds: list[tuple[EventMention, int, int]]) -> bool:
    """A content cue with ``needs_types`` ("ready to", "willing to") needs the verb it introduces to head an
    event of those types the events stage coded ("willing to **withdraw** its troops": RETREAT); the type
    of that act decides the statement's (an offer to concede, a readiness to fight)."""
    last = max(f.tokens, key=lambda t: t.i)
    doc = last.doc
    verb = next((t for t in doc[last.i + 1:min(len(doc), last.i + 3)] if t.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    return any(ts == verb.idx and ev.type in f.cue.needs_types and not ev.negated for ev, ts, _ in olds)


def _bare_participle(verb: Token) -> bool:
    """A reporting verb in a participle clause with no subject of its own ("while repeatedly warning of
    ..."): whose words they are the parse does not show, so the verb performs no act here."""
    return verb.tag_ in {"VBG", "VBN"} and not any(c.dep_ in SUBJ_DEPS for c in verb.children) \
        and verb.dep_ in {"advcl", "acl", "pcomp", "xcomp", "relcl"}


def _under_condition(doc: Doc, start: int, end: int) -> bool:
    """The act whose trigger spans ``start``-``end`` is the main clause of an if/unless clause ("Turkey
    would launch an offensive if they did not withdraw"), not the condition itself ("if Iran attacks")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    t = span.root
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in t.children):
            return False  # the act is the condition
        # the if-clause may hang from a verb coordinated with the act ("would shoot down the missiles and
        # attack their platforms if ..."): it conditions both
        near = [t, *(c for c in t.children if c.dep_ == "conj")]
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"if", "unless"} for m in c.children)
               for n in near for c in n.children):
            return True
        if t.head.i == t.i or t.dep_ in {"ccomp", "advcl", "relcl"}:
            break
        t = t.head
    return False


def _content_needs(doc: Doc, cue: Cue, ranges: list[tuple[int, int]],
                   olds: list[tuple[EventMention, int, int]], source: Actor | None = None) -> bool:
    """A reporting cue's content holds one of its ``needs`` words, or an event of its ``needs_types`` that
    is not negated ("warned that any attack would be met with force"; not "warned that prices would rise").
    A ``conditioned`` cue needs such an event of the speaker's own side under an if/unless clause."""
    if not cue.needs and not cue.needs_types:
        return True
    inside = lambda ch: any(s <= ch < e for s, e in ranges)  # noqa: E731
    if cue.conditioned:
        own = source.country if source is not None else None
        return bool(own) and any(
            ev.type in cue.needs_types and not ev.negated and inside(ts) and _country(ev.source) == own
            and _under_condition(doc, ts, te) for ev, ts, te in olds)
    if any(ev.type in cue.needs_types and not ev.negated and inside(ts) for ev, ts, _ in olds):
        return True
    for s, e in ranges:
        cs = doc.char_span(s, e, alignment_mode="expand")
        if cs is not None and any(t.lower_ in cue.needs or t.lemma_.lower() in cue.needs for t in cs):
            return True
    return False


def _trigger(ev: EventMention) -> tuple[int, int]:
    tr = getattr(ev, "trigger", None)
    if isinstance(tr, dict) and "start" in tr:
        return int(tr["start"]), int(tr["end"])
    return ev.evidence.start, ev.evidence.end


def statement_events(doc: Doc, existing: list[EventMention] | None = None, *,
                     cues: CueSet | None = None) -> list[EventMention]:
    """The events that statements' contents perform (ids ``s1``, ``s2``... until the component numbers
    them), leaving out those ``existing`` already holds."""
    from ..events.coder import services
    from ..events.mention import side_of as _side
    from ..events.patterns import goldstein

    cues = cues or load_cues()
    if "quotes" not in doc.spans or not (cues.cues or cues.reporting):
        return []
    actors = _actors_by_id(doc)
    svc = services()
    olds = [(ev, *_trigger(ev)) for ev in (existing or [])]
    out: list[EventMention] = []
    seen: set[tuple] = set()
    for span in doc.spans["quotes"]:
        q: Quote | None = span._.quote
        if q is None or q.speaker is None:
            continue
        if getattr(q, "kind", "statement") not in ACT_KINDS:
            continue
        source = actors.get(q.speaker.actor) if q.speaker.actor else None
        by_phrase = source is None
        if by_phrase:  # "a spokesman for the Kremlin": the side the speaker's phrase names
            source = _speaker_side(doc, q, actors, cues.reported, cues.speaker_roles)
        if source is None or not source.country:  # the act of a side: a speaker the record can place
            continue
        if _press(source, cues):
            continue  # "our correspondent reports that ...": a report, no act of the speaker's
        ranges = _content_ranges(q)
        verb = _reporting_verb(doc, q, span)
        if _unmade(verb):
            continue
        addressee = _addressee(verb, span)
        sp_start = getattr(q.speaker, "start", None)
        report = (span.sent.start_char, span.sent.end_char)
        if isinstance(sp_start, int):
            rs = doc.char_span(sp_start, sp_start + 1, alignment_mode="expand")
            if rs is not None:
                report = (rs.sent.start_char, rs.sent.end_char)
        finder = _Targets(doc, source, ranges, addressee, olds, actors, cues.act_nouns)
        found: list[_Found] = []
        for s, e in ranges:
            cs = doc.char_span(s, e, alignment_mode="expand")
            if cs is None:
                continue
            for f in find_cues(doc, cs.start, cs.end, cues):
                cue = f.cue
                if (not cue.modal and _negated(f)) or _conditional(f, e + 1):
                    continue
                if cue.modal and not _demand_clause(f, finder.in_content):
                    continue
                if _in_relative_clause(f, finder.in_content):
                    continue
                if cue.speaker_acts and not finder.speaker_does(f):
                    continue
                if cue.needs_types and not _acts_on(f, olds):
                    continue
                if cue.not_past and _past(f):
                    continue  # "he never gave a timetable", "we did not sign": a past fact, no refusal
                found.append(f)
        if verb is not None and not _bare_participle(verb):
            content_end = max(e for _, e in ranges) + 1
            for cue in cues.reporting.get(verb.lower_, []) + [c for c in cues.reporting.get(verb.lemma_.lower(), [])
                                                             if verb.lemma_.lower() != verb.lower_]:
                f = _Found(cue, [verb], verb)
                if cue.state_speaker and (cues.reported is None or not _state_speaker(source, cues.reported)):
                    continue
                if _negated(f) or _conditional(f, content_end) or not _content_needs(doc, cue, ranges, olds, source):
                    continue
                found.append(f)
                break
        for f in found:
            cue = f.cue
            targets, how = finder.find(f)
            # a side the record can place, or a named group or organisation without a country ("the Kurds",
            # "Isis"): its act has a target whose country is unstated
            # (not a plain noun the actors stage kept without a code or sector: "farmers will suffer ...")
            targets = [t for t in targets if t.country or (t.type in STATELESS_TARGETS and (t.code or t.sector))]
            if not targets and (not cue.optional or f.anchor.dep_ == "amod"):
                continue  # an adjective on a noun of no actor describes a thing ("unfounded applications")
            for tgt in (targets[:MAX_TARGETS] if targets else [None]):
                sent = f.anchor.sent
                key = (cue.type, source.country or source.id, tgt.country if tgt else None, sent.start)
                if key in seen or _already(olds, f, source, tgt, report):
                    continue
                seen.add(key)
                ev = EventMention(
                    id=f"s{len(out) + 1}", type=cue.type, mode=cue.mode, cameo=cue.cameo,
                    goldstein=goldstein(cue.cameo), source=_side(source),
                    target=_side(tgt) if tgt is not None else None,
                    evidence=Evidence(start=sent.start_char, end=sent.end_char, text=sent.text),
                    rule=cue.rule,
                )
                a = f.anchor
                ev.trigger = {"start": a.idx, "end": a.idx + len(a.text), "text": a.text}  # type: ignore[attr-defined]
                ev.path = "; ".join(p for p in (  # type: ignore[attr-defined]
                    f"statement {q.id} by {q.speaker.name} ({q.cue or 'no cue'})",
                    f"{'reporting verb' if cue.reporting else 'cue'} '{' '.join(t.text for t in f.tokens)}' "
                    f"({cue.source_file}: {cue.text})",
                    f"target {how}" if tgt is not None else "no target") if p)
                _fill(doc, ev, a, verb, svc)
                out.append(ev)
        # a side found through the speaker's phrase ("Thai military sources") reports, it does not accuse
        if cues.reported is not None and not by_phrase and _state_speaker(source, cues.reported):
            for ev in _reported_acts(doc, cues.reported, q, source, finder, olds, report, actors, verb):
                key = ("ACCUSE", source.country or source.id, _country(ev.target), ev.evidence.start)
                if key in seen or any(_country(o.source) == source.country and o.type == "ACCUSE"
                                      and o.evidence.start == ev.evidence.start
                                      and _country(o.target) in {None, _country(ev.target)} for o in out):
                    continue
                seen.add(key)
                ev.id = f"s{len(out) + 1}"
                ts, te = _trigger(ev)
                head = doc.char_span(ts, te, alignment_mode="expand")
                _fill(doc, ev, head[0] if head is not None else span.root, verb, svc)
                out.append(ev)
    # one act: a target-less event beside one of the same type, source and sentence with a target
    aimed = {(ev.type, _country(ev.source), ev.evidence.start) for ev in out if ev.target is not None}
    return [ev for ev in out if ev.target is not None
            or (ev.type, _country(ev.source), ev.evidence.start) not in aimed]


# --------------------------------------------------------------------------------------------------
# Reported hostile acts: "Israel says Iran has recruited fighters" is Israel accusing Iran
# --------------------------------------------------------------------------------------------------


def _state_speaker(source: Actor, ra: ReportedActs) -> bool:
    """A state or political speaker: one with a country, and no sector of the press, NGOs or monitors
    (unless a state sector too: a state broadcaster speaks for its state)."""
    sectors = set(source.sector or [])
    if sectors & ra.not_sectors and not sectors & ra.state_sectors:
        return False
    return bool(source.country) and source.country not in ra.not_sectors


def _hedged_act(tok: Token, ra: ReportedActs, content_end: int) -> bool:
    """The act at ``tok`` is negated, hedged ("may have bombed", "reportedly"), conditional (if/unless,
    "would"), in a question, or a plan (its verb under "will", "plan to", ...)."""
    clause = [tok]
    t = tok
    for _ in range(6):  # up to the clause's verb, through xcomp/aux chains and conjuncts ("would not
        # dare to shell ... and commit ...")
        if t.head.i == t.i or t.dep_ in {"ccomp", "advcl", "relcl", "parataxis"}:
            break
        t = t.head
        clause.append(t)
    if t.dep_ == "advcl":
        return True  # "when he attacked ...", "after ...": the background of the claim, not the claim
    for w in clause:
        for c in w.children:
            if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no"):
                return True
            if c.lower_ in ra.hedges or (c.dep_ == "aux" and c.lower_ in {"would", "will", "should", "shall"}):
                return True
            if c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS:
                return True
        if w.lower_ in ra.hedges or w.lemma_.lower() in {"plan", "want", "intend", "threaten", "seek", "try"}:
            return True
    top = clause[-1]
    if top.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in top.children):
        return True
    if any(w.lower_ in ra.hedges for w in tok.sent if w.dep_ == "advmod" and w.head.i in {c.i for c in clause}):
        return True
    return any(w.text == "?" for w in tok.sent if w.i > tok.i and w.idx <= content_end)


def _reported_acts(doc: Doc, ra: ReportedActs, q: Quote, source: Actor, finder: _Targets,
                   olds: list[tuple[EventMention, int, int]], report: tuple[int, int],
                   actors: dict[str, Actor], verb: Token | None = None) -> list[EventMention]:
    """ACCUSE events for the hostile acts of another side stated in ``q``'s content: acts the events stage
    coded there (type in ``ra.types``, source another country) and hostile-act cues whose clause subject is
    another side. The accused is the act's source; the evidence the statement's sentence."""
    from ..events.mention import side_of as _side
    from ..events.patterns import goldstein

    found: list[tuple[Token, object, str]] = []  # (act head, accused side, how)
    said = {verb.lemma_.lower(), verb.head.lemma_.lower()} if verb is not None else set((q.cue or "").lower().split())
    if said & ra.not_reporting:  # "has demanded": the auxiliary's verb too
        return []  # "demanded that ...", "acknowledged that ...": no blame stated
    for ev, ts, te in olds:
        if ev.type not in ra.types or ev.negated or ev.status in {"hypothetical", "planned"}:
            continue
        victim = actors.get(ev.target.actor) if ev.target is not None and ev.target.actor else None
        if victim is not None and set(victim.sector or []) & ra.not_against_sectors:
            continue  # "forces have retaken the rebel-held town": a campaign reported
        hs = doc.char_span(ts, te, alignment_mode="expand")
        if hs is None or not finder.in_content(hs[0]):
            continue
        acc = ev.source
        if acc is None or not acc.country or acc.country == source.country or acc.actor == source.id:
            continue
        if acc.country in ra.not_sectors:
            continue
        head = hs[0]
        if head.pos_ not in {"VERB", "AUX"} or _in_relative_clause(_Found(_ACT_CUE, [head], head), finder.in_content):
            continue  # a stated act is a clause ("Iran has recruited ..."), not a noun inside another claim
        found.append((head, acc, f"event {ev.id} {ev.type} ({ev.rule})"))
    if ra.cues:
        acts = CueSet(cues=ra.cues, by_first=ra.by_first)
        for s, e in finder.content:
            cs = doc.char_span(s, e, alignment_mode="expand")
            if cs is None:
                continue
            for f in find_cues(doc, cs.start, cs.end, acts):
                if f.anchor.pos_ != "VERB" or _in_relative_clause(f, finder.in_content):
                    continue
                st = finder.subject_token(f)
                if st is None or st.pos_ == "PRON" and st.lower_ in FIRST_PERSON:
                    continue
                for a in finder.actors(st)[:MAX_TARGETS]:
                    if a.country and not finder.own(a) and a.country not in ra.not_sectors:
                        found.append((f.anchor, _side(a), f"cue '{f.cue.text}' subject {st.text}"))
    out: list[EventMention] = []
    for head, acc, how in found:
        if _hedged_act(head, ra, max(e for _, e in finder.content) + 1):
            continue
        target = actors.get(acc.actor) if getattr(acc, "actor", None) else None
        if _already(olds, _Found(_ACT_CUE, [], head), source, target or _Probe(acc.country), report):
            continue
        sent = head.sent
        ev = EventMention(id="s0", type="ACCUSE", mode=ra.mode, cameo=ra.cameo, goldstein=goldstein(ra.cameo),
                          source=_side(source), target=acc.model_copy() if hasattr(acc, "model_copy") else acc,
                          evidence=Evidence(start=sent.start_char, end=sent.end_char, text=sent.text), rule=ra.rule)
        ev.trigger = {"start": head.idx, "end": head.idx + len(head.text), "text": head.text}  # type: ignore[attr-defined]
        ev.path = (f"statement {q.id} by {q.speaker.name if q.speaker else '?'} ({q.cue or 'no cue'}); "  # type: ignore[attr-defined]
                   f"reported hostile act: {how}; target its source")
        out.append(ev)
    return out


#: the cue an ACCUSE of a reported act stands on, for the guards that take a cue
_ACT_CUE = Cue(id="reported_act", text="reported_act", positions=(), type="ACCUSE", cameo="112", mode=None,
               target=(), optional=False, modal=False, source_file="")


@dataclass
class _Probe:
    """A target for the one-event check that has only a country."""

    country: str | None


def _fill(doc: Doc, ev: EventMention, head: Token, verb: Token | None, svc: object) -> None:
    """Date, place and attribution from the services the events stage uses: the act happens when and
    where the statement is made (the reporting verb's clause: "..., he said **on Monday** in Paris"), and
    is attributed as anything said in the content."""
    said = verb if verb is not None else head
    for attr, fn, at, kwargs in (("date", getattr(svc, "date_for", None), said, {}),
                                 ("location", getattr(svc, "location_for", None), said, {"destination": None}),
                                 ("attribution", getattr(svc, "attribution_for", None), head, {})):
        if fn is None:
            continue
        try:
            value = fn(doc, at, **kwargs)
        except Exception:
            log.debug("%s failed for a statement act", attr, exc_info=True)
            continue
        if attr == "attribution":
            value = list(value or [])
        setattr(ev, attr, value)


@Language.component("communique_statements", assigns=["doc._.events"],
                    requires=["doc._.events", "doc._.quotes", "token.dep", "token.lemma"])
def statements_component(doc: Doc) -> Doc:
    if not doc.has_annotation("DEP"):
        return doc
    events = doc_list(doc, "events")
    new = statement_events(doc, events)
    if not new:
        return doc
    merged = list(events)
    for ev in new:  # in text order among the events already coded, whose order is kept
        at = next((k for k, old in enumerate(merged) if _trigger(old)[0] > _trigger(ev)[0]), len(merged))
        merged.insert(at, ev)
    for k, ev in enumerate(merged, 1):
        ev.id = f"e{k}"
    events[:] = merged
    return doc
