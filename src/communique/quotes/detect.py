"""Find attributions in a parsed Doc: cues, content (direct, partial and reported) and speakers.

An :class:`Attribution` is one statement: a cue (``said``, ``according to``, ``citing``...), the
speaker, the relays it came through, and the content as one or more character ranges. The steps:

1. cue tokens: verbs whose lemma is in the cue lexicon, and speaker prepositions (``according to``);
2. reported content from the parse: the complement clause of the cue (``X said (that) ...``), the clause
   a cue follows (``..., X said``) or the clause an ``according to X`` phrase attaches to;
3. quotations (``marks.find_verbatim``): inside some reported content they are partial quotes; otherwise
   they take the nearest speech cue of their sentence (after them, else before them), join the quotation
   of the same cue (``"A," he said, "B."``), or continue the previous speaker's quotation;
4. speakers: the subject of the cue (climbing from ``saying``/``adding`` clauses to their head), the
   agent of a passive cue, the object of ``according to``; a relay verb (``quoting Y``, ``citing Y``)
   makes Y the speaker and the subject a relay.

Attributions whose cue lies inside another's content are kept as nested (they give events the inner
speaker first) but are not listed as quotes of their own.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from .lexicon import Lexicon
from .marks import QUOTE_CHARS, Verbatim, find_verbatim

_SUBJ = {"nsubj", "nsubjpass", "csubj"}
_CLIMB = {"advcl", "xcomp", "conj", "pcomp", "acl", "relcl", "prep", "dobj", "pobj", "npadvmod", "advmod"}
_NOMINAL = {"NOUN", "PROPN", "PRON"}
_CONTENT_DEPS = {"ccomp"}
_INVERTED_DEPS = {"ccomp", "parataxis"}
_OBJECT_DEPS = {"dobj", "xcomp", "oprd"}
_VERB_POS = np.array([VERB, AUX], dtype=np.uint64)
_ADJ_POS = np.array([ADJ, VERB], dtype=np.uint64)  # "worried", "convinced": adjectives or participles
# a quotation mark in the words between a quotation and a cue (an apostrophe after a letter is not one)
_GAP_MARK = re.compile("[\"\u201c\u201d\u201e\u00ab\u00bb\u2018\u2039\u203a]|(?<![^\\W\\d_])['\u2019]|^['\u2019]")
_NEWLINE = re.compile("\n")
_TRIM_PUNCT = set(",;:-\u2013\u2014()[]")
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_WHEN_ENTS = {"DATE", "TIME"}
_NOT_OUTLET_ENTS = {"DATE", "TIME", "PERSON", "GPE", "LOC", "FAC", "NORP", "CARDINAL", "ORDINAL"}
_OUTLET_PREPS = {"with", "in", "to", "on", "for"}  # "an interview with CNN", "an op-ed for the Ledger"  # "spoke on Tuesday": a time is never what was said


@dataclass
class Attribution:
    """One statement found in a doc (character offsets into ``doc.text``)."""

    parts: list[tuple[int, int]]
    cue: str | None = None
    cue_i: int | None = None  # token index of the cue
    kind: str = "speech"  # speech, thought, preposition, continuation
    speaker_tok: Token | None = None
    relay_tok: Token | None = None
    verbatim: list[tuple[int, int]] = field(default_factory=list)  # quoted words inside the content
    nested: bool = False
    basis: str = ""  # clause, inverted, object, quotation, preposition
    inherit: Attribution | None = None  # continuation: speaker of this earlier attribution

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    def overlaps(self, s: int, e: int) -> bool:
        return any(ps < e and s < pe for ps, pe in self.parts)

    def contains(self, pos: int) -> bool:
        return any(ps <= pos < pe for ps, pe in self.parts)

    def is_direct(self, text: str) -> bool:
        """True when the content is quoted words only (counting letters and digits)."""
        if not self.verbatim:
            return False

        def letters(ranges: list[tuple[int, int]]) -> int:
            return sum(1 for s, e in ranges for ch in text[s:e] if ch.isalnum())

        return letters(self.verbatim) >= 0.9 * letters(self.parts)


# --------------------------------------------------------------------------------------------------
# helpers over tokens and offsets
# --------------------------------------------------------------------------------------------------


def _trim(doc: Doc, lo: int, hi: int) -> tuple[int, int] | None:
    """Token range [lo, hi) without edge whitespace and edge punctuation (quote marks are kept)."""
    while lo < hi and (doc[lo].is_space or doc[lo].text in _TRIM_PUNCT or doc[lo].text in {".", "\u2026"}
                       or (doc[lo].dep_ == "cc" and lo + 1 < hi)):  # "But the plan failed, X said"
        lo += 1
    while hi > lo and (doc[hi - 1].is_space or doc[hi - 1].text in _TRIM_PUNCT or doc[hi - 1].text == "."):
        hi -= 1
    return (lo, hi) if hi > lo else None


def _chars(doc: Doc, lo: int, hi: int) -> tuple[int, int]:
    return doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)


def _ranges_without(doc: Doc, lo: int, hi: int, holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token range [lo, hi) minus the token ranges in ``holes``, as trimmed character ranges."""
    pieces: list[tuple[int, int]] = []
    cur = lo
    for hs, he in sorted(holes):
        if he <= cur or hs >= hi:
            continue
        if hs > cur:
            pieces.append((cur, hs))
        cur = max(cur, he)
    if cur < hi:
        pieces.append((cur, hi))
    out = []
    for a, b in pieces:
        t = _trim(doc, a, b)
        if t and any(not doc[i].is_punct and not doc[i].is_space for i in range(t[0], t[1])):
            out.append(_chars(doc, *t))
    return out


def _subtree_range(tok: Token) -> tuple[int, int]:
    return tok.left_edge.i, tok.right_edge.i + 1


def _clause_head(tok: Token) -> Token:
    """The verb (or root) of the clause ``tok`` belongs to."""
    h = tok
    for _ in range(6):
        if h.pos_ in {"VERB", "AUX"} or h.dep_ == "ROOT" or h.head is h:
            return h
        h = h.head
    return h


def find_subject(cue: Token) -> Token | None:
    """The speaker token of a cue verb: its subject, the agent of a passive cue, or the subject of the
    clause a ``saying``/``adding`` participle hangs on; for "..., who said" the noun "who" stands for."""
    tok = cue
    came_by_conj = False
    for _ in range(4):
        passive = False
        for c in tok.children:
            if c.dep_ == "nsubj":
                if c.tag_ in {"WP", "WDT"} and tok.dep_ == "relcl" and tok.head is not tok:
                    return tok.head
                # "state news agency IRNA reported" parsed with two subjects: the name speaks
                name = next((g for g in tok.children if g.dep_ == "nsubj" and g.pos_ == "PROPN"
                             and g.i == c.i + 1), None) if c.pos_ == "NOUN" else None
                return name or c
            if c.dep_ in {"nsubjpass", "auxpass", "agent"}:  # "when pressed by reporters about ..."
                passive = True
        if passive:
            if came_by_conj:
                # "He was questioned by police and later said ...": the conjoined cue shares the
                # passive verb's subject, not its agent
                subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
                if subj is not None and subj.tag_ not in {"WP", "WDT"}:
                    return subj
            for c in tok.children:
                if c.dep_ == "agent":
                    for g in c.children:
                        if g.dep_ == "pobj":
                            return g
            return None
        if tok.dep_ in _CLIMB and tok.head is not tok:
            came_by_conj = tok.dep_ == "conj"
            tok = tok.head
            continue
        return None
    return None


def _relay_object(doc: Doc, cue: Token, lex: Lexicon, sent: Span, content: list[tuple[int, int]]) -> tuple[Token, Token] | None:
    """``..., citing Y`` / ``quoting Y`` attached to the cue: (relay verb, Y)."""
    for t in sent:
        if t.i == cue.i or t.lemma_.lower() not in lex.relays or t.pos_ not in {"VERB", "NOUN"}:
            continue
        anc = [a.i for a in list(t.ancestors)[:3]]
        if cue.i not in anc and not (t.head.i == cue.head.i and t.i > cue.i):
            continue
        if any(s <= t.idx < e for s, e in content):
            continue
        target = _relay_target(t)
        if target is not None and _is_source(doc, target, lex):
            return t, target
    return None


def _relay_target(verb: Token) -> Token | None:
    """The object of a relay verb ("citing Y", "quoting from Y")."""
    for c in verb.children:
        if c.dep_ in {"dobj", "obj", "pobj", "attr", "oprd"}:
            return c
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


_SOURCE_ENTS = {"PERSON", "ORG", "NORP", "GPE"}


def _is_source(doc: Doc, tok: Token, lex: Lexicon) -> bool:
    """Whether the object of a relay verb can speak: a name, a pronoun, a document, a source noun
    ("officials", "a spokesperson") or an actor the actors stage knows. "citing security concerns"
    gives a reason, not a source: the relay verb is then a cue of its own."""
    if tok.pos_ in {"PROPN", "PRON"} or tok.ent_type_ in _SOURCE_ENTS:
        return True
    lemma = tok.lemma_.lower()
    if lemma in lex.document_nouns or lemma in lex.source_nouns:
        return True
    if lemma.endswith(lex.source_suffixes) and lemma not in lex.not_source_nouns:
        return True  # "its chief engineer", "a consultant": agent nouns
    if tok.ent_type_:
        return False
    try:
        from ..actors.lookup import actors_for_token
    except ImportError:
        return False
    return bool(actors_for_token(doc, tok))


_MUTE_ENTS = {"DATE", "TIME", "MONEY", "QUANTITY", "ORDINAL"}


def can_speak(doc: Doc, tok: Token, lex: Lexicon) -> bool:
    """Whether a speaker token names something that can speak: a name or an actor, a pronoun (not
    "this", "nothing"), a document, a source or agent noun, or one of ``speaker_nouns``. Not a date
    ("Monday"), nor an abstract common noun ("the search", "deviation", "the biggest reason")."""
    if tok.lower_ in lex.partitives or tok.lemma_.lower() in lex.partitives:
        # "one of its pilots", "part of this series", "all of which": the noun after "of" decides
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is not None:
            return can_speak(doc, obj, lex)
        return tok.lower_ not in lex.mute_pronouns  # "no one", "many say", "the rest"
    if tok.ent_type_ in _MUTE_ENTS:
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        # "Monday", "the morning"; not a name the recogniser ran into a date ("Last week Stumpf")
        if tok.pos_ != "PROPN" or ent is None or len(ent) == 1 or tok.i == ent.start:
            return False
    low, lemma = tok.lower_, tok.lemma_.lower()
    if tok.pos_ == "PRON" or low in lex.pronouns:
        return low not in lex.mute_pronouns
    if low in lex.mute_pronouns and tok.pos_ in {"DET", "NOUN", "ADJ"}:
        return False
    if tok.pos_ != "NOUN" or any(ch.isupper() for ch in tok.text[1:]) and not tok.text.isupper():
        return True  # names ("RealClearPolitics" tagged as a noun), and whatever the parse left unlabelled
    if tok.text[:1].isupper() and not tok.text.isupper() and any(
            e.label_ in {"PERSON", "ORG"} and tok.text in e.text.split() for e in doc.ents):
        return True  # "Fields said", tagged as a noun, where "reporter Michelle Fields" was named
    if tok.ent_type_ in _SOURCE_ENTS or lemma in lex.speaker_nouns or low in lex.speaker_nouns \
            or low in lex.source_nouns or low in lex.document_nouns:
        return True
    if _is_source(doc, tok, lex):
        return True
    # "law enforcement and security officials": one conjunct that can speak will do
    return any(c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN", "PRON"} and can_speak(doc, c, lex)
               for c in tok.children)


def _drop_mute(doc: Doc, atts: list[Attribution], lex: Lexicon) -> list[Attribution]:
    """Attributions whose speaker cannot speak are no attributions ("Final manoeuvre of the flight
    raises questions", "Hopes faded Monday"); their content stays for any other cue."""
    out = []
    for a in atts:
        tok = a.speaker_tok
        if tok is None or can_speak(doc, tok, lex):
            out.append(a)
        elif a.cue_i is not None and doc[a.cue_i].lemma_.lower() in lex.evidence_verbs and tok.pos_ == "NOUN" \
                and tok.ent_type_ not in _MUTE_ENTS:
            out.append(a)  # "the revelations show the need for reform": the source of what it shows
        elif a.verbatim or a.kind == "speech" and a.cue_i is not None and doc[a.cue_i].pos_ in {"VERB", "AUX"}:
            # quoted words, or what a speech verb says, stay, with no speaker: the parse most often
            # took a wrong word for the subject ("The biggest reason advisers get fired, he writes, ...")
            a.speaker_tok = _nearest_name(doc, a, lex)
            out.append(a)
    return out


def _nearest_name(doc: Doc, a: Attribution, lex: Lexicon) -> Token | None:
    """The nearest person named before the cue in its sentence, outside the content and not inside
    another phrase ("With 50 days until the election, Minyon Moore, an adviser, called ..."), else None.
    Organisations and pronouns found this way were mostly wrong on general news."""
    if a.cue_i is None:
        return None
    cue = doc[a.cue_i]
    for j in range(cue.i - 1, cue.sent.start - 1, -1):
        t = doc[j]
        if a.contains(t.idx):
            continue
        if t.ent_type_ == "PERSON":
            head = _np_head(t)
            if head.dep_ in {"poss", "compound", "amod", "pobj", "dobj", "nmod"}:
                continue  # a name inside another phrase ("a Taliban onslaught", "a glance at Mr Roe's past")
            return head
    return None


# --------------------------------------------------------------------------------------------------
# the finder
# --------------------------------------------------------------------------------------------------


def _prep_match(doc: Doc, i: int, lex: Lexicon, low: str) -> int:
    for words in lex.prepositions:
        if words[0] == low and i + len(words) <= len(doc) and all(
            doc[i + k].lower_ == w for k, w in enumerate(words)
        ):
            return len(words)
    return 0


def _cue_content(doc: Doc, cue: Token, kind: str, lex: Lexicon,
                 verb_idx: list[int]) -> tuple[list[tuple[int, int]], str]:
    """Reported content of a cue verb from the parse, and how it was found: ``clause`` (complement
    clause), ``inverted`` (the clause the cue follows) or ``object`` (the object of a speech verb:
    "announced plans to ...", "called the idea absurd"); ``([], "")`` when it has none."""
    sent = cue.sent
    clauses = [c for c in cue.children if c.dep_ in _CONTENT_DEPS]
    if not clauses and kind == "speech":
        # "said after the meeting he would resign": a clause with its own subject and no conjunction
        # that the parse hung on the cue as an adverbial clause is its complement
        clauses = [c for c in cue.children if c.dep_ == "advcl" and c.i > cue.i and c.pos_ in {"VERB", "AUX"}
                   and any(g.dep_ in _SUBJ for g in c.children)
                   and not any(g.dep_ in {"mark", "advmod"} and g.i < c.i for g in c.children)
                   and not any(doc[k].is_punct for k in range(cue.i + 1, c.left_edge.i))]
    if not clauses and kind == "speech":
        # "warned shortly after the vote that the plan would fail": a "that" clause the parse hung on
        # the noun of a phrase of the verb is the verb's complement
        clauses = [c for c in [_clause_on_phrase(cue, lex)] if c is not None]
    if not clauses and kind == "speech" and lex.verb_lemma(cue) in lex.addressees:
        # "told a meeting of leaders that few people knew": a "that" clause the parse took for a
        # relative clause of the listener ("that" marks it, it is not its subject or object)
        for o in cue.children:
            if o.dep_ != "dobj":
                continue
            clauses = [t for t in o.subtree if t.dep_ == "relcl" and any(
                g.dep_ == "mark" and g.lower_ == "that" and g.i < t.i for g in t.children)][:1]
            if clauses:
                break
    if kind == "speech" and cue.dep_ == "advcl" and cue.head.pos_ in {"VERB", "AUX"} and cue.head.i > cue.i \
            and any(c.dep_ == "mark" and c.lower_ == "as" and c.i < cue.i for c in cue.children) \
            and not any(c.dep_ in {"dobj", "ccomp"} for c in cue.children):
        # "As the minister noted, the talks failed": the clause the "as" phrase is inserted in
        lo, hi = _subtree_range(cue.head)
        lo, hi = max(lo, sent.start), min(hi, sent.end)
        return _ranges_without(doc, lo, hi, [_subtree_range(cue)]), "inverted"
    if clauses and all(c.i < cue.i for c in clauses) and any(
            c.dep_ in {"dobj", "xcomp"} and c.i > cue.i for c in cue.children) and (
            kind in {"stance", "intent"} or lex.verb_lemma(cue) in lex.object_verbs):
        clauses = []  # "Prices are high - the senator has vowed to cut them": the object after the cue
    if clauses:
        # "It is unlikely; the team says she will go on": the clause after the cue when there are two
        c = next((c for c in clauses if c.i > cue.i), clauses[0])
        if any(g.dep_ in _SUBJ and g.lower_.endswith(("self", "selves")) for g in c.children):
            return [], ""  # "found themselves prosecuted", "declared himself ready": no one speaks
        lo, hi = _subtree_range(c)
        holes = _other_statements(c, verb_idx, lo, hi)
        if lo < cue.i < hi:
            # "the donors, which he said could not be bought": the cue and its speaker sit inside the
            # clause's range ("which" is the clause's subject); they are no content
            subj = next((g for g in cue.children if g.dep_ in _SUBJ and g.i < cue.i), None)
            holes.append((subj.left_edge.i if subj is not None else cue.i, cue.i + 1))
        return _ranges_without(doc, lo, hi, holes), "clause"
    passive_pred = _passive_predicate(doc, cue)
    if passive_pred:
        return passive_pred, "passive"
    pro = _pro_object(cue, lex) if kind in {"speech", "thought"} else None
    if pro is not None:
        # "said as much", "said the same of the mayor", "what the minister said": the object stands
        # for what was said
        if find_subject(cue) is None:
            return [], ""
        lo, hi = _subtree_range(pro)
        if pro.lower_ in {"much", "so"}:
            hi = pro.i + 1  # "said as much in an interview": the place is not said
        return _ranges_without(doc, lo, hi, []), "object"
    if kind == "thought":
        # "sees the deal as a trap", "considers him a threat"; "polls show a close race" (object_verbs)
        if any(c.dep_ == "oprd" for c in cue.children) and find_subject(cue) is not None:
            return _object_content(doc, cue, lex, open_verb=True, deps={"dobj", "oprd"}), "object"
        subj = find_subject(cue)
        if lex.verb_lemma(cue) in lex.object_verbs or (
                subj is not None and subj.lemma_.lower() in lex.document_nouns):
            # "a study found few cases of fraud": a document's finding is its object
            return _object_content(doc, cue, lex, open_verb=True, deps={"dobj"}), "object"
        objs = [c for c in cue.children if c.dep_ == "dobj"]
        # "sees the deal as a trap" ("as" on the verb or on the object)
        if objs and any(c.dep_ == "prep" and c.lower_ == "as" and c.i > objs[0].i
                        for c in [*cue.children, *objs[0].children]):
            return _object_content(doc, cue, lex, open_verb=True, deps={"dobj"}), "object"
        if not objs and subj is not None:
            # "voters worry about prices", "I know of no such case", "she believes in the plan"
            # (the object prepositions "about" and "of", and the verb's own in verb_prepositions)
            own = lex.verb_preps.get(lex.verb_lemma(cue), frozenset()) | {"about", "of"}
            pobjs = [g for c in cue.children if c.dep_ == "prep" and c.i > cue.i and c.lower_ in own
                     for g in c.children if g.dep_ in {"pobj", "pcomp"} and g.ent_type_ not in _WHEN_ENTS]
            if pobjs:
                lo, hi = min(g.left_edge.i for g in pobjs), max(g.right_edge.i for g in pobjs) + 1
                return _ranges_without(doc, lo, hi, []), "object"
        return [], ""
    if kind in {"speech", "stance", "intent"}:
        passive = _passive_content(doc, cue, lex)
        if passive:
            return passive, "passive"
    if kind in {"stance", "intent"}:
        return _object_content(doc, cue, lex, open_verb=True), "object"
    if kind != "speech":
        return [], ""
    # inverted: "<content>, X said" - the cue hangs on the content's verb, after it
    # or sits inside it between commas: "<A>, X said, <B>"
    head = cue.head
    if cue.dep_ in _INVERTED_DEPS and head is not cue and head.pos_ in {"VERB", "AUX"}:
        inverted = _inverted_content(doc, cue, sent)
        if inverted is not None:
            return inverted, "inverted"
        if cue.right_edge.i == cue.i or doc[cue.i + 1].is_punct:
            return [], ""  # "..., X said" with a subject the parse placed elsewhere: not an object
    # "spoke about the war", "has vowed to cut taxes" (also when the parse hung the clause on another)
    return _object_content(doc, cue, lex), "object"


def _clause_on_phrase(verb: Token, lex: Lexicon) -> Token | None:
    """A "that" clause with its own subject hung on the object of a preposition of ``verb``, when the
    verb has no complement clause of its own ("warned after the announcement that the strike would go
    on"): the parse's attachment of a clause the verb takes."""
    if any(c.dep_ == "ccomp" for c in verb.children) or lex.verb_lemma(verb) in lex.no_clause_verbs:
        return None
    for p in verb.children:
        if p.dep_ != "prep" or p.i < verb.i:
            continue
        for o in p.children:
            if o.dep_ != "pobj":
                continue
            for c in o.children:
                if c.dep_ in {"acl", "relcl", "ccomp"} and c.i > o.i \
                        and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children) \
                        and any(g.dep_ in _SUBJ and g.lower_ != "that" for g in c.children):
                    return c
    return None


def _inverted_content(doc: Doc, cue: Token, sent: Span) -> list[tuple[int, int]] | None:
    """"<content>, X said" or "<A>, X said, <B>": the clause the cue hangs on, after or around it;
    ``None`` when the cue is not such an inserted one."""
    head = cue.head
    subj = find_subject(cue)
    head_subj = find_subject(head)
    if subj is None or (head_subj is not None and subj.i == head_subj.i) or not (subj.i < cue.i):
        return None
    if any(c.dep_ in {"dobj", "xcomp", "ccomp"} and c.i > cue.i for c in cue.children):
        return None  # "- the senator has vowed to close the mines": its own content follows it
    before = doc[subj.left_edge.i - 1] if subj.left_edge.i > 0 else None
    if before is None or not (before.is_punct or before.text in QUOTE_CHARS):
        return None
    if head.i > cue.i:
        r = cue.right_edge.i
        closing = doc[r].text == "," or (r + 1 < len(doc) and doc[r + 1].text == ",")
        if not closing or subj.left_edge.i <= sent.start:
            return None
    elif subj.i < head.i:
        return None
    lo, hi = _subtree_range(head)
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    return _ranges_without(doc, lo, hi, [_subtree_range(cue)])


def _passive_predicate(doc: Doc, cue: Token) -> list[tuple[int, int]]:
    """"The deal was labelled a betrayal", "she is considered a favourite", "the vote is expected to
    pass", "the claim was rated false", "the plan was seen as a trap": a passive cue with no agent and
    a predicate. The subject and the predicate are the content; no one is named as its source."""
    subj = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.tag_ in {"WP", "WDT"} or any(c.dep_ == "agent" for c in cue.children):
        return []
    pred = next((c for c in cue.children if c.i > cue.i and (
        c.dep_ in {"oprd", "xcomp", "attr"} or c.dep_ == "prep" and c.lower_ == "as")), None)
    if pred is None:
        return []
    lo, hi = _subtree_range(subj)
    a, b = _subtree_range(pred)
    return _ranges_without(doc, lo, hi, []) + _ranges_without(doc, a, b, [])


def _evidential_content(doc: Doc, verb: Token, lex: Lexicon) -> list[tuple[int, int]]:
    """"The plan seems to have failed", "the city appears to be thriving": how things look, with no one
    named who sees it. The subject and the predicate are the content. "She appeared to suggest that
    ..." is her statement (the cue in the infinitive has it), not an appearance."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    pred = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i
                 and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)
    if pred is None:  # "the deal seems fair", "the minister appeared confident"
        pred = next((c for c in verb.children if c.dep_ in {"acomp", "oprd"} and c.i > verb.i), None)
    if subj is None or pred is None or subj.lower_ in {"it", "there"}:
        return []
    if lex.verb_lemma(pred) in lex.verbs or lex.verb_lemma(pred) in lex.experiencers:
        return []
    lo, hi = _subtree_range(subj)
    a, b = _subtree_range(pred)
    return _ranges_without(doc, lo, hi, []) + _ranges_without(doc, a, b, [])


def _pro_object(cue: Token, lex: Lexicon) -> Token | None:
    """The object of a cue that stands for what was said or thought: "said as much", "said the same",
    "said so", "what she said", "knew this" (``pro_objects``)."""
    for c in cue.children:
        if c.dep_ == "dobj" and (c.lower_ in lex.pro_objects
                                 or any(g.dep_ == "amod" and g.lower_ in lex.pro_objects for g in c.children)):
            return c
        if c.dep_ in {"advmod", "dobj"} and c.lower_ == "much" and any(g.lower_ == "as" for g in c.children):
            return c
        if c.dep_ == "advmod" and c.lower_ == "so" and c.i == cue.i + 1:
            return c
    return None


def _passive_content(doc: Doc, cue: Token, lex: Lexicon) -> list[tuple[int, int]]:
    """"The plan was criticised by the mayor", "the story was first reported by the Post": the passive
    subject is the content when an agent names the speaker (see :func:`find_subject`). Without an
    agent, the subject and an object-preposition phrase are ("the mayor was accused of lying"), with
    no speaker."""
    subj = next((c for c in cue.children if c.dep_ == "nsubjpass"), None)
    if subj is None or subj.tag_ in {"WP", "WDT"}:
        return []
    lo, hi = _subtree_range(subj)
    if any(c.dep_ == "agent" for c in cue.children):
        return _ranges_without(doc, lo, hi, [])
    # "the mayor was accused of lying", "they were criticised for the delay": who says so is unknown,
    # the charge is content (the passive subject and the phrase)
    own = lex.verb_preps.get(lex.verb_lemma(cue), frozenset())  # "was charged with murder"
    prep = next((c for c in cue.children if c.dep_ == "prep" and c.i > cue.i
                 and (c.lower_ in lex.object_preps or c.lower_ in lex.trailing_preps or c.lower_ in own)
                 and any(g.dep_ in {"pobj", "pcomp"} for g in c.children)), None)
    if prep is None:
        return []
    a, b = _subtree_range(prep)
    return _ranges_without(doc, lo, hi, []) + _ranges_without(doc, a + 1, b, [])


def _other_statements(clause: Token, verb_idx: list[int], lo: int, hi: int) -> list[tuple[int, int]]:
    """Token ranges inside a complement clause (tokens ``lo``..``hi``) that are statements of their own,
    coordinated with it rather than reported by it ("said A, and urged B"; "said A, while Y said B").
    ``verb_idx``: the sorted indices of the doc's cue verbs."""
    doc = clause.doc
    holes = []
    for k in range(bisect.bisect_left(verb_idx, lo), bisect.bisect_left(verb_idx, hi)):
        t = doc[verb_idx[k]]
        if t.i == clause.i or t.dep_ not in {"conj", "advcl", "parataxis"}:
            continue
        a, b = _subtree_range(t)
        # with the conjunction, comma or "while" that joins it
        while a > lo and doc[a - 1].dep_ in {"cc", "punct", "mark"}:
            a -= 1
        for c in t.children:
            if c.dep_ in {"mark", "cc"}:
                a = min(a, c.i)
        holes.append((a, b))
    return holes


def _object_content(doc: Doc, cue: Token, lex: Lexicon, *, open_verb: bool = False,
                    deps: set[str] = _OBJECT_DEPS) -> list[tuple[int, int]]:
    """The object of a speech verb as its content; for verbs whose object is the listener ("told
    reporters", "urged voters to ...") only what the listener is told to do or be. ``open_verb``: the
    verb's object is content whether or not the verb is listed in ``object_verbs`` (stance and
    intention verbs: "praised the plan", "wants a recount")."""
    lemma = lex.verb_lemma(cue)
    objs = [c for c in cue.children if c.dep_ in deps] if open_verb or lemma in lex.object_verbs else []
    if objs and lemma in lex.addressees and not any(c.dep_ in {"xcomp", "oprd"} for c in objs):
        if any(_is_source(doc, c, lex) for c in objs):
            objs = []  # "asked the mayor about the budget": the listener; what was said may follow
        elif find_subject(cue) is None:
            return []
        else:
            # "urged restraint", "told the story of the strike": an object that cannot listen is what
            # was said
            return _ranges_without(doc, min(c.left_edge.i for c in objs), max(c.right_edge.i for c in objs) + 1, [])
    if not objs:  # "called for a ban", "spoke about the war", "pointed to the deficit": the object of the preposition
        own = lex.verb_preps.get(lemma, frozenset())
        subj = find_subject(cue) if own else None
        if subj is None or not _is_source(doc, subj, lex):
            own = frozenset()  # "the road points to the north": no one speaks
        objs = [g for c in cue.children if c.dep_ == "prep" and (c.lower_ in lex.object_preps or c.lower_ in own)
                for g in c.children if g.dep_ in {"pobj", "pcomp"} and g.ent_type_ not in _WHEN_ENTS]
    if not objs:
        return []
    if lemma in lex.addressees and not any(c.dep_ in {"xcomp", "oprd", "pobj", "pcomp"} for c in objs):
        return []  # "told reporters": the listener; "warned against delays": what was said
    # "declared himself a candidate", "pledged delegates" (no one speaks): not a statement
    if find_subject(cue) is None or any(c.lower_.endswith(("self", "selves")) for c in objs):
        return []
    # "accused X of Y", "described X as Y", "criticised X for Y": the preposition goes with it
    last = max(c.right_edge.i for c in objs)
    for c in cue.children:
        if c.dep_ == "prep" and c.i == last + 1 and (c.lower_ in lex.object_preps or c.lower_ in lex.trailing_preps):
            last = c.right_edge.i
    # "troops attacked Kherson", "backed Ukraine": a place alone is what was acted on, not said
    if open_verb and last == max(c.right_edge.i for c in objs) and all(c.ent_type_ in _PLACE_ENTS for c in objs):
        return []
    lo = min(c.left_edge.i for c in objs)
    # "called on the governor to send troops": the listener of a verb preposition goes with the request
    for c in cue.children:
        if c.dep_ == "prep" and c.lower_ in lex.verb_preps.get(lemma, ()) and c.right_edge.i + 1 == lo:
            lo = c.i + 1
    # "endorsed Trump, who says he is honoured": a relative clause with a cue of its own is its statement
    holes = []
    for o in objs:
        for c in o.children:
            if c.dep_ == "relcl" and any(t.lemma_.lower() in lex.verbs and t.pos_ in {"VERB", "AUX"} for t in c.subtree):
                a, b = _subtree_range(c)
                while a > lo and doc[a - 1].dep_ == "punct":
                    a -= 1
                holes.append((a, b))
    return _ranges_without(doc, lo, last + 1, holes)


def _document_source(doc: Doc, prep: Token, lex: Lexicon) -> tuple[list[tuple[int, int]], Token] | None:
    """"In the latest poll, the senator leads by five points": a clause with a document as its source
    (its author speaks). A clause whose verb is a cue ("in a statement, the ministry said ...") is that
    cue's; "in an interview" or "in a speech" (``own_documents``) tells where the subject acted, and
    what the subject did there is no attribution ("in a speech, she opened the library")."""
    head = prep.head
    if prep.dep_ != "prep" or head.pos_ not in {"VERB", "AUX"} or head.lemma_.lower() in lex.verbs:
        return None
    src = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if src is None or src.lemma_.lower() not in lex.document_nouns or src.lemma_.lower() in lex.own_documents:
        return None
    if not any(c.dep_ in {"det", "poss", "amod", "compound", "nummod"} for c in src.children):
        return None  # "in order to", "in writing": no document
    clause = _clause_head(head)
    if clause.lemma_.lower() in lex.verbs:
        return None
    sent = prep.sent
    lo, hi = _subtree_range(clause)
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    holes = [_subtree_range(prep)]
    speaker = src
    parts = _ranges_without(doc, lo, hi, holes)
    return (parts, speaker) if parts else None


def _word_content(doc: Doc, tok: Token, preps: frozenset[str], verb_idx: list[int],
                  *, clause_deps: set[str]) -> tuple[list[tuple[int, int]], str]:
    """Content hanging on a cue noun or adjective: a that-clause or infinitive ("the claim that ...",
    "the plan to ...", "sure that ...", "eager to ..."), else the object of one of ``preps``
    ("concerns about ...", "critical of ...")."""
    for c in tok.children:
        if c.dep_ in clause_deps and c.i > tok.i and any(
                g.dep_ in {"mark", "aux"} and g.lower_ in {"that", "to"} and g.i < c.i for g in c.children):
            lo, hi = _subtree_range(c)
            return _ranges_without(doc, lo, hi, _other_statements(c, verb_idx, lo, hi)), "clause"
    for c in tok.children:
        if c.dep_ in {"prep", "agent"} and c.lower_ in preps and c.i > tok.i:  # "angered by the tolls"
            objs = [g for g in c.children if g.dep_ in {"pobj", "pcomp"} and g.ent_type_ not in _WHEN_ENTS]
            if objs:
                lo, hi = min(g.left_edge.i for g in objs), max(g.right_edge.i for g in objs) + 1
                return _ranges_without(doc, lo, hi, []), "object"
    return [], ""


def _noun_cue(doc: Doc, tok: Token, lex: Lexicon,
              verb_idx: list[int]) -> tuple[list[tuple[int, int]], Token | None, str] | None:
    """A cue noun with its content and holder: "her claim that ...", "the senator's criticism of ...",
    "concerns by voters about ...", "X expressed concern that ..."."""
    if tok.dep_ == "pobj" and tok.head.head.pos_ in {"VERB", "AUX"} \
            and lex.verbs.get(lex.verb_lemma(tok.head.head)) == "speech" \
            and getattr(_clause_on_phrase(tok.head.head, lex), "head", None) == tok:
        return None  # "warned after the announcement that ...": the clause is the verb's (_cue_content)
    parts, basis = _word_content(doc, tok, lex.noun_preps, verb_idx, clause_deps={"acl", "ccomp", "relcl"})
    reaction = _reaction_verb(tok, lex)
    if reaction is not None:
        # "The plan drew criticism from unions", "the mayor came under criticism for the delays": the
        # subject is what it is about (unless a phrase says so), the holder comes from a "from" phrase
        holder = next((g for h in (tok, reaction) for c in h.children if c.dep_ in {"prep", "agent"}
                       and c.lower_ in {"from", "by", "among"} for g in c.children if g.dep_ == "pobj"), None)
        if not parts:
            subj = find_subject(reaction)
            if subj is None or subj.lower_ in {"it", "there"}:
                return None
            lo, hi = _subtree_range(subj)
            parts = _ranges_without(doc, lo, hi, [])
        return (parts, holder, "noun") if parts else None
    if not parts:
        return None
    holder = next((c for c in tok.children if c.dep_ == "poss"), None)
    if holder is None:
        holder = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"by", "from"}
                       for g in c.children if g.dep_ == "pobj"), None)
    if holder is None and tok.dep_ == "dobj" and tok.head.pos_ in {"VERB", "AUX"}:
        holder = find_subject(tok.head)  # "expressed concern that", "raised questions about"
    if holder is None and basis != "clause":
        return None  # "the debate over taxes": no one holds it
    return parts, holder, "noun"


def _reaction_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The verb a cue noun is the reaction to its subject for: "drew criticism", "faced questions",
    "came under criticism", "sparked concern" (``reaction_verbs``)."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.lower_ == "under":
        verb = verb.head
    elif noun.dep_ != "dobj":
        return None
    if verb.pos_ != "VERB" or lex.verb_lemma(verb) not in lex.reaction_verbs:
        return None
    return verb


def _experiencer_cue(doc: Doc, verb: Token) -> tuple[list[tuple[int, int]], Token] | None:
    """"The plan worries farmers", "that angered the union": the object holds the feeling, the subject
    (or the clause after "it") is what it is about."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "csubj"}), None)
    if obj is None or subj is None or obj.pos_ not in _NOMINAL or obj.lower_.endswith(("self", "selves")):
        return None
    if subj.lower_ == "it":
        clause = next((c for c in verb.children if c.dep_ in {"ccomp", "xcomp"} and c.i > obj.i), None)
        if clause is None:
            return None
        lo, hi = _subtree_range(clause)
    elif subj.tag_ in {"WDT", "WP"}:
        lo, hi = subj.i, subj.i + 1  # "something that worries voters"
    else:
        lo, hi = _subtree_range(subj)
    parts = _ranges_without(doc, lo, hi, [])
    return (parts, obj) if parts else None


def _adjective_cue(doc: Doc, tok: Token, lex: Lexicon,
                   verb_idx: list[int]) -> tuple[list[tuple[int, int]], Token | None, str] | None:
    """A cue adjective (or participle) with its content and holder: "voters are worried about ...",
    "she was convinced that ...", "the party is eager to ..."."""
    if tok.dep_ in {"acomp", "oprd"} and tok.head is not tok:
        verb = tok.head
    elif tok.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in tok.children):
        verb = tok  # "protesters were frustrated that ...": a passive participle
    else:
        return None
    holder = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if holder is None or holder.lower_ in {"it", "there"}:
        return None  # "it is clear that ...": no one holds it
    parts, _basis = _word_content(doc, tok, lex.adjective_preps, verb_idx, clause_deps={"ccomp", "xcomp"})
    if not parts and verb is not tok:
        parts, _basis = _word_content(doc, verb, frozenset(), verb_idx, clause_deps={"ccomp"})
    if not parts:
        return None
    return parts, holder, "adjective"


def _inside(pos: int, spans: list[Verbatim]) -> bool:
    return any(v.open <= pos < v.close for v in spans)


def _inside_test(spans: list[Verbatim]) -> Callable[[int], bool]:
    """``_inside`` for many positions: a binary search over the quotations by opening mark, with the
    furthest closing mark so far (a quotation may hold another)."""
    ordered = sorted(spans, key=lambda v: v.open)
    opens = [v.open for v in ordered]
    reach = list(accumulate((v.close for v in ordered), max))

    def inside(pos: int) -> bool:
        k = bisect.bisect_right(opens, pos) - 1
        return k >= 0 and pos < reach[k]

    return inside


def find_attributions(doc: Doc, lex: Lexicon, *, text: str | None = None) -> list[Attribution]:
    """Every attribution of ``doc`` in text order (nested ones flagged); ``text`` is ``doc.text`` when
    the caller already has it (building it walks every token).

    The steps: the candidate cue tokens (:func:`_candidates`); at each, a prepositional cue ("according
    to X", :func:`_preposition_attribution`) or a word cue (document, noun, adjective, experiencer,
    evidential, relay or speech verb, :func:`_word_attribution`); then colon lines, verbatim quotations
    linked to their cues, relays, speakers fixed, mute cues dropped and nesting marked."""
    text = doc.text if text is None else text
    verbatims = find_verbatim(text)
    atts: list[Attribution] = []
    cue_tokens: list[Token] = []  # speech cues, for linking quotations
    cands, verb_idx = _candidates(doc, lex)
    in_quote = _inside_test(verbatims)
    skip_until = -1
    for i in cands:
        if i < skip_until:
            continue
        plen = _prep_match(doc, i, lex, doc[i].lower_)
        if plen:
            skip_until = i + plen
            att = _preposition_attribution(doc, i, plen, in_quote, lex)
        else:
            att = _word_attribution(doc, doc[i], lex, in_quote, verb_idx, cue_tokens)
        if att is not None:
            atts.append(att)

    _colon_lines(doc, text, lex, atts)
    _headline_lines(doc, text, lex, atts)
    by_cue = {a.cue_i: a for a in atts if a.cue_i is not None}
    _link_verbatim(doc, text, lex, verbatims, atts, by_cue, cue_tokens)
    atts.sort(key=lambda a: (a.start, -a.end))
    _relays(doc, lex, atts)
    _outer_conjuncts(doc, lex, atts)
    _fix_speakers(doc, atts, verbatims)
    atts = _drop_mute(doc, atts, lex)
    _mark_nested(atts)
    return atts


def _candidates(doc: Doc, lex: Lexicon) -> tuple[list[int], list[int]]:
    """(indices of the tokens that may be cues, indices of the cue verbs among them): cue verbs, cue nouns
    and adjectives, and first words of multi-word cues, found on the doc's arrays at once."""
    if not len(doc):
        return [], []
    verb_ids, first_ids = lex.hashes()
    noun_ids, adj_ids = lex.word_hashes()
    arr = doc.to_array([LEMMA, POS, LOWER])
    verb_mask = np.isin(arr[:, 1], _VERB_POS) & (np.isin(arr[:, 0], verb_ids) | np.isin(arr[:, 2], verb_ids))
    word_mask = ((arr[:, 1] == NOUN) & np.isin(arr[:, 0], noun_ids)) | (
        np.isin(arr[:, 1], _ADJ_POS) & np.isin(arr[:, 2], adj_ids))
    cands = np.nonzero(verb_mask | word_mask | np.isin(arr[:, 2], first_ids))[0].tolist()
    return cands, np.nonzero(verb_mask)[0].tolist()


def _according_relay(prep: Token, lex: Lexicon) -> Token | None:
    """The speech verb an ``according to`` phrase hangs on, when that verb names its own speaker
    ('Zarif said, according to the agency IRNA'): the phrase names a relay, not the speaker."""
    verb = prep.head
    if prep.dep_ != "prep" or verb is prep or verb.pos_ not in {"VERB", "AUX"}:
        return None
    if lex.verbs.get(lex.verb_lemma(verb)) != "speech" or find_subject(verb) is None:
        return None
    return verb


def _preposition_attribution(doc: Doc, i: int, plen: int, in_quote: Callable[[int], bool],
                             lex: Lexicon) -> Attribution | None:
    """"According to X, ...": the clause the cue hangs on, without the cue and its speaker phrase."""
    tok = doc[i]
    n = len(doc)
    last = doc[i + plen - 1]
    spk = next((c for c in last.children if c.dep_ == "pobj"), None)
    if spk is None and i + plen < n and doc[i + plen].dep_ == "pobj":
        spk = doc[i + plen]
    if spk is None or in_quote(tok.idx):
        return None
    if _according_relay(tok, lex) is not None:
        return None  # '"...," Zarif said, according to the agency IRNA': a relay of the cue (_relays)
    clause = _clause_head(tok.head)
    sent = tok.sent
    lo, hi = _subtree_range(clause)
    lo, hi = max(lo, sent.start), min(hi, sent.end)
    hole = (i, spk.right_edge.i + 1)
    if clause.i == tok.i:
        # "According to X, the plan failed" parsed with "According" as the root and the
        # clause hung on X: the speaker phrase ends at the comma after X
        comma = next((k for k in range(spk.i + 1, spk.right_edge.i) if doc[k].text == ","), None)
        if comma is not None:
            hole = (i, comma + 1)
    parts = _ranges_without(doc, lo, hi, [hole])
    if not parts:
        return None
    return Attribution(parts=parts, cue=doc[i : i + plen].text, cue_i=i, kind="preposition", speaker_tok=spk)


def _word_attribution(doc: Doc, tok: Token, lex: Lexicon, in_quote: Callable[[int], bool], verb_idx: list[int],
                      cue_tokens: list[Token]) -> Attribution | None:
    """The attribution a one-word cue makes, if any: a document preposition ("in a statement"), a cue
    noun or adjective, an experiencer or evidential verb, a relay verb ("citing"), or a cue verb (speech
    cues are remembered in ``cue_tokens`` for linking quotations)."""
    i = tok.i
    low = tok.lower_
    if low in lex.document_preps:
        found_doc = _document_source(doc, tok, lex)
        if found_doc is not None and not in_quote(tok.idx):
            parts, spk = found_doc
            return Attribution(parts=parts, cue=tok.text, cue_i=i, kind="preposition", speaker_tok=spk,
                               basis="document")
        return None
    lemma = lex.verb_lemma(tok) if tok.pos_ in {"VERB", "AUX"} else tok.lemma_.lower()
    if not in_quote(tok.idx):
        found = None
        if tok.pos_ == "NOUN" and lemma in lex.nouns:
            found = _noun_cue(doc, tok, lex, verb_idx)
            kind = lex.nouns[lemma]
        elif low in lex.adjectives and tok.pos_ in {"ADJ", "VERB"}:
            found = _adjective_cue(doc, tok, lex, verb_idx)
            kind = lex.adjectives[low]
        if found is not None:
            parts, spk, basis = found
            return Attribution(parts=parts, cue=tok.text, cue_i=tok.i, kind=kind, speaker_tok=spk, basis=basis)
    if tok.pos_ not in {"VERB", "AUX"}:
        return None
    if lemma in lex.experiencers and not in_quote(tok.idx):
        found_exp = _experiencer_cue(doc, tok)
        if found_exp is not None:
            return Attribution(parts=found_exp[0], cue=tok.text, cue_i=tok.i, kind=lex.experiencers[lemma],
                               speaker_tok=found_exp[1], basis="experiencer")
    if lemma in lex.evidentials and not in_quote(tok.idx):
        parts = _evidential_content(doc, tok, lex)
        if parts:
            return Attribution(parts=parts, cue=tok.text, cue_i=tok.i, kind="thought", basis="evidential")
        return None
    if not in_quote(tok.idx):
        quoted = _quoted_as(tok, lex)
        if quoted is not None:  # "X was quoted by Y as saying Z"
            return _quoted_as_attribution(doc, tok, quoted, cue_tokens)
        if _quoted_as_host(tok, lex) is not None:  # its "saying": the passive verb makes the statement
            return None
    anchor = None
    if lemma in lex.relays:
        # "TASS said, citing the ministry": a relay of that cue (see _relays); alone ("the report
        # cited three sources") the verb is a cue of its own, of its kind in ``verbs`` if listed
        target = _relay_target(tok)
        anchor = next((a for a in list(tok.ancestors)[:3] if a.lemma_.lower() in lex.verbs), None) or next(
            (c for c in tok.head.children if c.i < tok.i and c.lemma_.lower() in lex.verbs
             and c.pos_ in {"VERB", "AUX"}), None) or next(
            (c for c in tok.children if c.lemma_.lower() in lex.verbs and c.dep_ in _INVERTED_DEPS), None)
        if anchor is not None and target is not None and _is_source(doc, target, lex):
            return None
    kind = lex.verbs.get(lemma)
    if not kind or in_quote(tok.idx):
        return None
    parts, basis = _cue_content(doc, tok, kind, lex, verb_idx)
    if kind == "speech":
        cue_tokens.append(tok)
    if parts and basis == "object" and kind in {"stance", "intent", "speech"} and _bare_noun_phrase(doc, tok, parts) \
            and not (kind == "speech" and any(c.dep_ == "dobj" and c.lemma_.lower() in lex.pro_objects
                                              for c in tok.children)):
        # "He condemned the attack", "Moscow threatened retaliation": the act verb's object is what
        # was acted on, not what was said; the act is the events stage's (an ACCUSE, THREATEN event).
        # An object that stands for what was said ("said the same of X", pro_objects) stays content
        parts = []
    if not parts:
        return None
    # "X said A, citing B" (B a reason, not a source): X cites it
    speaker = find_subject(anchor) if anchor is not None and anchor.dep_ != "xcomp" else None
    return Attribution(parts=parts, cue=tok.text, cue_i=tok.i, kind=kind, speaker_tok=speaker or find_subject(tok),
                       basis=basis)


def _quoted_as(tok: Token, lex: Lexicon) -> tuple[Token, Token, Token | None] | None:
    """"X was quoted (by Y) as saying Z", "X was heard to say Z", "X was reported as having said Z",
    and the active "Y quoted X as saying Z", "Y cited X as saying Z": for a verb of ``quoted_as_verbs``
    with a speech verb in an ``as`` phrase or as its complement, (X, the speech verb, Y or None).
    X speaks; Y only passes the words on."""
    if tok.pos_ not in {"VERB", "AUX"} or tok.lemma_.lower() not in lex.quoted_as_verbs:
        return None
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    teller = None
    if subj is None:  # active: "state radio quoted the minister as saying Z", "cited X as saying"
        subj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        teller = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or teller is None:
            return None
    if subj.tag_ in {"WP", "WDT"}:  # "Ann Roe, who was quoted as saying ...": the noun "who" stands for
        if tok.dep_ != "relcl":
            return None
        subj = tok.head
    speech = None
    for c in [*tok.children, *(subj.children if teller is not None else [])]:
        if c.dep_ == "prep" and c.lower_ == "as":
            cands = [g for g in c.children if g.dep_ in {"pcomp", "pobj"}]
        elif c.dep_ in {"xcomp", "advcl", "oprd", "acl"} and c.tag_ in {"VBG", "VB"}:
            cands = [c]  # "was heard saying", "was heard to say", "quoted him saying"
        else:
            continue
        speech = next((g for g in cands if g.pos_ in {"VERB", "AUX"}
                       and lex.verbs.get(lex.verb_lemma(g)) == "speech"), None)
        if speech is not None:
            break
    if speech is None:
        return None
    if teller is not None:
        return subj, speech, teller
    agent = None
    for h in (tok, speech):
        for c in h.children:
            if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
                agent = next((g for g in c.children if g.dep_ == "pobj"), agent)
    return subj, speech, agent


def _quoted_as_host(tok: Token, lex: Lexicon) -> Token | None:
    """The passive verb of a "was quoted as saying" construction whose speech verb is ``tok``."""
    host = tok.head.head if tok.head.dep_ == "prep" and tok.head.lower_ == "as" else tok.head
    if host.dep_ == "dobj" and host.pos_ != "VERB":  # "quoted the minister as saying", "as" on the object
        host = host.head
    if host is tok:
        return None
    found = _quoted_as(host, lex)
    return host if found is not None and found[1].i == tok.i else None


def _quoted_as_attribution(doc: Doc, tok: Token, found: tuple[Token, Token, Token | None],
                           cue_tokens: list[Token]) -> Attribution | None:
    """The statement of "X was quoted (by Y) as saying Z": Z is the speech verb's own clause, else the
    clause the passive verb follows ("Z, X was quoted as saying"); the speaker X, the relay Y."""
    subj, speech, agent = found
    cue_tokens.append(tok)
    sent = tok.sent
    parts: list[tuple[int, int]] = []
    basis = "clause"
    for c in speech.children:
        if c.dep_ in _CONTENT_DEPS:
            parts += _ranges_without(doc, *_subtree_range(c), [])
    if not parts:
        basis = "inverted"
        for c in tok.children:
            if c.dep_ in _INVERTED_DEPS and c.i < subj.left_edge.i:
                parts += _ranges_without(doc, *_subtree_range(c), [])
    if not parts and tok.dep_ in {"conj", "ccomp", "parataxis"} and tok.head.i < subj.left_edge.i:
        lo, hi = _subtree_range(tok.head)
        lo, hi = max(lo, sent.start), min(hi, sent.end)
        parts = _ranges_without(doc, lo, hi, [_subtree_range(tok)])
    if not parts:
        return None
    return Attribution(parts=parts, cue=tok.text, cue_i=tok.i, kind="speech", speaker_tok=subj, relay_tok=agent,
                       basis=basis)


def _bare_noun_phrase(doc: Doc, cue: Token, parts: list[tuple[int, int]]) -> bool:
    """The content of a cue verb that is an act (an ACCUSE, REJECT or THREATEN verb of the
    events lexicon, ``acts_not_quotes``) is only its object noun phrase: no verb in it, no preposition
    phrase after it on the verb ("accused X of Y", "criticised X for Y" keep their content)."""
    from ..events.grammar import is_act_verb  # the events stage's lexicon says which verbs are acts

    if not is_act_verb(cue.lemma_.lower()):
        return False
    objs = [c for c in cue.children if c.dep_ == "dobj"]
    if len(objs) != 1:
        return False
    toks = list(objs[0].subtree)
    if any(t.pos_ in {"VERB", "AUX"} or t.dep_ in {"relcl", "acl", "ccomp", "xcomp"} for t in toks):
        return False
    lo, hi = objs[0].left_edge.idx, objs[0].right_edge.idx + len(objs[0].right_edge.text)
    return all(lo <= a and b <= hi for a, b in parts)  # character ranges inside the object


def _is_named_speaker(doc: Doc, tok: Token) -> bool:
    """A person or organisation: by the entity recogniser, or by the actors stage when it ran."""
    if tok.ent_type_ in {"PERSON", "ORG"}:
        return True
    if tok.ent_type_:
        return False
    try:
        from ..actors.lookup import actors_for_token
    except ImportError:
        return False
    return any(a.type in {"person", "organization"} for a in actors_for_token(doc, tok))


def _titled_line(name: Span, lex: Lexicon) -> bool:
    """'UN chief: ...', 'Israeli minister: ...', 'Residents: ...': a line opening with a capital and a
    short phrase of no verb whose last word is a title or a noun for people who speak (``role_nouns``,
    ``source_nouns``), or one of ``speaker_nouns`` after a name ('Clinton camp: ...')."""
    last = name[-1]
    if not name[0].text[:1].isupper() or last.pos_ != "NOUN" or any(t.pos_ in {"VERB", "AUX"} for t in name):
        return False
    lemma = last.lemma_.lower()
    if lemma in lex.role_nouns or lemma in lex.source_nouns:
        return True
    # "Clinton camp: ...", not "Editor's note: ...": a body or group noun needs a name before it
    return lemma in lex.speaker_nouns and any(t.pos_ == "PROPN" and t.ent_type_ for t in name[:-1])


def _colon_lines(doc: Doc, text: str, lex: Lexicon, atts: list[Attribution]) -> None:
    """'Graham: The party must unite' - a line (headline, transcript) that opens with a person's or an
    organisation's name and a colon is that speaker's statement. A transcript turn may open with a
    quotation mark; when three lines or more open with upper-case names, those names are transcript
    speakers even when the entity recogniser misses them ('SMITH: ...'); a document noun opens a
    headline ('Poll: ...'), and so does a title or a noun for people who speak ('UN chief: ...')."""
    lines = []
    for m in _NEWLINE.finditer("\n" + text):
        start = m.start()  # offset of the line in text
        while start < len(text) and text[start] in QUOTE_CHARS:
            start += 1
        colon = text.find(":", start, start + 40)
        if colon <= start or "\n" in text[start:colon]:
            continue
        name = doc.char_span(start, colon, alignment_mode="contract")
        if name is None or not len(name) or len(name) > 4:
            continue
        if not all(t.text[:1].isupper() for t in name) and not _titled_line(name, lex):
            continue
        lines.append((name, colon))
    turns = Counter(name.text for name, _c in lines if name.text.isupper() and len(name.text) > 2)
    for name, colon in lines:
        if not (_is_named_speaker(doc, name[-1]) or turns[name.text] and sum(turns.values()) >= 3
                or len(name) == 1 and name[0].lemma_.lower() in lex.document_nouns or _titled_line(name, lex)):
            continue
        end = text.find("\n", colon)
        end = len(text) if end < 0 else end
        span = doc.char_span(colon + 1, end, alignment_mode="contract")
        if span is None or sum(1 for t in span if t.is_alpha) < 3:
            continue
        parts = _ranges_without(doc, span.start, span.end, [])
        if parts:
            atts.append(Attribution(parts=parts, cue=":", cue_i=name.end, kind="colon",
                                    speaker_tok=name[-1], basis="colon"))


_HEADLINE_SAYS = re.compile(r"^(?P<content>[^\n]+?),\s+(?P<cue>[A-Za-z]+)\s+(?P<name>[^,\n]+?)\s*$")
_HEADLINE_DASH = re.compile(r"^(?P<content>[^\n]+?)\s+[-\u2013\u2014]\s+(?P<name>[^-\u2013\u2014\n]+?)\s*$")


def _known_as(doc: Doc, tok: Token, types: set[str]) -> bool:
    """Whether the actors stage knows ``tok`` as an actor of one of ``types`` (whatever label the entity
    recogniser gave it: a surname in a headline is often taken for a product or a place)."""
    try:
        from ..actors.lookup import actors_for_token
    except ImportError:
        return False
    return any(a.type in types for a in actors_for_token(doc, tok))


def _is_person(doc: Doc, tok: Token) -> bool:
    return tok.ent_type_ == "PERSON" or _known_as(doc, tok, {"person"})


def _headline_lines(doc: Doc, text: str, lex: Lexicon, atts: list[Attribution]) -> None:
    """Headlines that name their speaker at the end: 'No TV debate, says Blair' (a speech verb and a
    name after the last comma, where the parse finds no clause to give the verb) and 'Abortion not a
    poll issue - Blair' (a person's name after a dash). Only lines of at most ``headline_max_tokens``
    tokens that do not end as a sentence does (full stop, question mark)."""
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        stripped = line.strip()
        if not stripped or stripped[-1] in ".?!:;\"\u201d'\u2019)" or any(a.overlaps(start, start + len(line)) for a in atts):
            continue
        span = doc.char_span(start, start + len(line), alignment_mode="contract")
        if span is None or len(span) > lex.headline_max_tokens:
            continue
        m = _HEADLINE_SAYS.match(line)
        found = None
        if m is not None:
            cue = doc.char_span(start + m.start("cue"), start + m.end("cue"))
            name = doc.char_span(start + m.start("name"), start + m.end("name"), alignment_mode="contract")
            if cue is not None and name is not None and len(name) <= 4 and lex.verbs.get(lex.verb_lemma(cue[0])) == "speech" \
                    and name[-1].pos_ == "PROPN" and (_is_named_speaker(doc, name[-1])
                                                       or _known_as(doc, name[-1], {"person", "organization"})):
                found = (m.end("content"), cue[0].text, name[-1])
        m = _HEADLINE_DASH.match(line) if found is None else None
        if m is not None:
            name = doc.char_span(start + m.start("name"), start + m.end("name"), alignment_mode="contract")
            if name is not None and len(name) <= 3 and all(t.text[:1].isupper() for t in name) \
                    and _is_person(doc, name[-1]):
                found = (m.end("content"), "-", name[-1])
        if found is None:
            continue
        end, cue_text, speaker = found
        content = doc.char_span(start, start + end, alignment_mode="contract")
        if content is None or sum(1 for t in content if t.is_alpha) < 2:
            continue
        parts = _ranges_without(doc, content.start, content.end, [])
        if parts:
            atts.append(Attribution(parts=parts, cue=cue_text, cue_i=speaker.i, kind="colon", speaker_tok=speaker,
                                    basis="colon"))


def _paragraph_index(text: str, pos: int, starts: list[int]) -> int:
    return bisect.bisect_right(starts, pos) - 1


def _link_verbatim(doc: Doc, text: str, lex: Lexicon, verbatims: list[Verbatim], atts: list[Attribution],
                   by_cue: dict[int, Attribution], cue_tokens: list[Token]) -> None:
    if not verbatims:
        return
    para_starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    cue_pos = sorted(cue_tokens, key=lambda t: t.i)
    last: Attribution | None = None
    last_para = -10
    for v in verbatims:
        span = doc.char_span(v.start, v.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        content_toks = [t for t in span if not t.is_punct and not t.is_space]
        if not content_toks:
            continue
        inner = (v.start, _rstrip_end(text, v.start, v.end))
        para = _paragraph_index(text, v.start, para_starts)
        # 0. a transcript turn ('"SMITH: ...'): the colon lines hold the statements
        if any(a.kind == "colon" and a.overlaps(v.open, v.close) for a in atts):
            continue
        # 1. inside reported content: a partial quote
        host = next((a for a in atts if a.overlaps(v.open, v.close) and a.kind != "continuation"), None)
        if host is not None:
            _absorb(host, v, inner)
            last, last_para = host, para
            continue
        # 2. the nearest speech cue of the sentence after, else before, the quotation
        after = _cue_after(doc, text, v, cue_pos)
        cue = after or _cue_before(doc, text, v, cue_pos)
        if cue is not None:
            att = by_cue.get(cue.i)
            if att is None:
                quoted = _quoted_as(cue, lex)  # '"...," X was quoted by Y as saying'
                att = Attribution(parts=[], cue=cue.text, cue_i=cue.i, kind="speech",
                                  speaker_tok=quoted[0] if quoted else find_subject(cue),
                                  relay_tok=quoted[2] if quoted else None)
                by_cue[cue.i] = att
                atts.append(att)
            if att.basis == "object":  # 'told CNN: "..."' - the quotation is what was said
                att.parts, att.basis = [], "quotation"
            _absorb(att, v, inner)
            if after is not None and not any(p[0] < v.open for p in att.parts):
                _lead_in(doc, text, att, v, span, by_cue)
            last, last_para = att, para
            continue
        # 3. no cue: continuation of the previous quotation, or a scare quote / title
        has_verb = any(t.pos_ in {"VERB", "AUX"} for t in content_toks)
        statement = has_verb and len(content_toks) >= 3 or len(content_toks) >= lex.min_quote_tokens
        if not statement or _is_title(content_toks):
            continue
        intro = _introducer(doc, text, atts, para_starts, para, v) if para != last_para else None
        if intro is not None and (last is None or intro.start > last.start):
            # 'Ann Roe praised the plan.\n\n"It is the best we have had."': the speaker the paragraph
            # before introduced goes on speaking
            att = Attribution(parts=[], kind="continuation", inherit=intro)
            _absorb(att, v, inner)
            atts.append(att)
            last, last_para = att, para
            continue
        if last is not None and para - last_para <= lex.continuation_max_paragraphs and last.verbatim:
            if para == last_para:
                _absorb(last, v, inner)
            else:
                att = Attribution(parts=[], kind="continuation", inherit=last)
                _absorb(att, v, inner)
                atts.append(att)
                last_para = para
            continue
        if has_verb and len(content_toks) >= lex.min_quote_tokens:
            att = Attribution(parts=[], kind="unattributed")
            _absorb(att, v, inner)
            atts.append(att)
            last, last_para = att, para


def _introducer(doc: Doc, text: str, atts: list[Attribution], para_starts: list[int], para: int,
                v: Verbatim) -> Attribution | None:
    """For a quotation with no cue: the last attribution with a speaker before it in its paragraph, or,
    when it opens its paragraph, in the paragraph before (blank lines skipped), whose speaker it
    continues; else None. A relative pronoun ("the critics who oppose it") introduces no one, nor does
    a cue inside another's content."""
    if text[para_starts[para]:v.open].strip(" \t" + "".join(QUOTE_CHARS)):
        lo, hi = para_starts[para], v.open
    else:
        if para <= 0:
            return None
        k = para - 1
        while k > 0 and not text[para_starts[k]:para_starts[k + 1]].strip():
            k -= 1
        lo, hi = para_starts[k], para_starts[k + 1] if k + 1 < len(para_starts) else len(text)
    if not text[lo:hi].strip():
        return None
    found = [a for a in atts if a.cue_i is not None and a.speaker_tok is not None and a.parts
             and lo <= doc[a.cue_i].idx < hi and lo <= a.speaker_tok.idx < hi and a.end <= v.open
             and a.speaker_tok.tag_ not in {"WP", "WDT"}]
    found = [a for a in found if not any(b is not a and b.contains(doc[a.cue_i].idx) for b in found)]
    return max(found, key=lambda a: a.cue_i) if found else None


def _lead_in(doc: Doc, text: str, att: Attribution, v: Verbatim, span: Span,
             by_cue: dict[int, Attribution]) -> None:
    """'Voters "want change," she said': the words of the sentence before the quotation belong to
    the statement too, unless another cue or quotation sits there."""
    sent_start = span[0].sent.start
    lo = doc[sent_start].idx
    if lo >= v.open:
        return
    lead = text[lo : v.open]
    if not lead.strip() or any(ch in QUOTE_CHARS for ch in lead) or "\n" in lead.strip():
        return
    if any(sent_start <= i < span.start for i in by_cue):
        return
    t = _trim(doc, sent_start, span.start - 1 if span.start > sent_start else sent_start)
    if t is None:
        return
    att.parts = sorted([*att.parts, (doc[t[0]].idx, v.open)])
    merged: list[tuple[int, int]] = []
    for ps, pe in att.parts:
        if merged and ps <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(pe, merged[-1][1]))
        else:
            merged.append((ps, pe))
    att.parts = merged


def _is_title(toks: list[Token]) -> bool:
    """A quoted title ("The Art of the Deal"): most words capitalised, and short."""
    words = [t for t in toks if t.is_alpha]
    if not words or len(words) > 14:
        return False
    # small words stay lower case in titles ("Face the Nation", "The Art of the Deal")
    content = [t for t in words if not t.is_stop] or words
    caps = sum(1 for t in content if t.text[0].isupper())
    return caps >= 0.7 * len(content) and len(words) > 1


def _rstrip_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return end


def _absorb(att: Attribution, v: Verbatim, inner: tuple[int, int]) -> None:
    """Make the quotation part of the attribution's content (as a new part, or widening a part)."""
    att.verbatim.append(inner)
    lo, hi = v.open, v.close
    parts = []
    for ps, pe in att.parts:
        if ps < hi and lo < pe:
            lo, hi = min(lo, ps), max(hi, pe)
        else:
            parts.append((ps, pe))
    parts.append((lo, hi))
    att.parts = sorted(parts)


def _cue_after(doc: Doc, text: str, v: Verbatim, cues: list[Token]) -> Token | None:
    """A speech cue right after the closing mark, in the same sentence (or the one starting there)."""
    idx = None
    for t in cues:
        if t.idx >= v.close:
            idx = t
            break
    if idx is None:
        return None
    # the tokens between the quotation and the cue: no sentence-final punctuation, no new quotation
    gap = text[v.close : idx.idx]
    if len(gap) > 120 or _GAP_MARK.search(gap) or "\n" in gap:
        return None
    if any(ch in ".!?" for ch in gap.replace("Mr.", "").replace("Ms.", "").replace("Mrs.", "").replace("Dr.", "")):
        return None
    if _opens_next(doc, text, v, idx):
        return None
    subj = find_subject(idx)
    if subj is None:  # a speaker the parse missed must at least be named between them
        between = doc.char_span(v.close, idx.idx, alignment_mode="contract")
        if between is None or not any(t.pos_ in _NOMINAL for t in between):
            return None
        return idx
    if subj.idx < v.open:
        return None  # "X said A. 'B' ..." - the subject sits before the quotation: not an inversion
    return idx


def _opens_next(doc: Doc, text: str, v: Verbatim, cue: Token) -> bool:
    """Whether the cue after a quotation belongs to the next sentence, not to the quotation: the cue
    introduces a quotation of its own ('Ann Roe, the mayor, said: "..."'), or the quotation ended its
    sentence with a full stop ('"... mistakes." Ann Roe said the plan ...') and the cue's sentence
    starts after it with its own content after the cue."""
    nxt = cue.i + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    if nxt < len(doc) and doc[nxt].text == ":":
        return True
    inner = text[v.open:v.close].rstrip(" " + "".join(QUOTE_CHARS))
    if not inner.endswith("."):
        return False
    after = doc.char_span(v.close, cue.idx, alignment_mode="contract")
    first = next((t for t in after if not t.is_punct and not t.is_space), None) if after is not None else None
    if first is None or not first.text[:1].isupper():
        return False
    # its own content: a complement clause or an object after the cue
    return first.is_sent_start or any(c.dep_ in {"ccomp", "dobj", "xcomp"} and c.i > cue.i for c in cue.children)


def _cue_before(doc: Doc, text: str, v: Verbatim, cues: list[Token]) -> Token | None:
    """A speech cue before the opening mark, in the same sentence or a sentence ending in a colon."""
    best = None
    for t in cues:
        if t.idx >= v.open:
            break
        best = t
    if best is None:
        return None
    gap = text[best.idx + len(best.text) : v.open]
    if gap.strip() == ":" and gap.count("\n") <= 2:
        # 'The governor added:' and the quotation opens the next paragraph
        return best if find_subject(best) is not None else None
    if len(gap) > 120 or "\n" in gap:
        return None
    if _GAP_MARK.search(gap):
        return None
    if any(ch in ".!?" for ch in gap.replace("Mr.", "").replace("Ms.", "").replace("Mrs.", "").replace("Dr.", "")):
        return None
    if find_subject(best) is None:
        return None
    return best


def _relays(doc: Doc, lex: Lexicon, atts: list[Attribution]) -> None:
    for a in atts:
        if a.cue_i is None or a.kind == "preposition":
            continue
        cue = doc[a.cue_i]
        found = _relay_object(doc, cue, lex, cue.sent, a.parts)
        if found is None and a.relay_tok is None:
            # "Zarif said, according to the agency IRNA": the object of "according to" relays
            acc = next((c for c in cue.children if c.dep_ == "prep" and _prep_match(doc, c.i, lex, c.lower_)
                        and getattr(_according_relay(c, lex), "i", -1) == cue.i), None)
            if acc is not None:
                last = doc[acc.i + _prep_match(doc, acc.i, lex, acc.lower_) - 1]
                a.relay_tok = next((c for c in last.children if c.dep_ == "pobj"), None)
                if a.relay_tok is None and acc.i + 2 < len(doc) and doc[acc.i + 2].dep_ == "pobj":
                    a.relay_tok = doc[acc.i + 2]
                if a.relay_tok is not None:
                    lo, hi = _subtree_range(acc)
                    s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                    a.parts = [(ps, pe) for ps, pe in a.parts if not (s <= ps and pe <= e)] or a.parts
            if a.relay_tok is None:
                a.relay_tok = _outlet(cue, lex, a)  # "in an interview with CNN, X said"
            continue
        if found is not None:
            verb, orig = found
            a.relay_tok = a.speaker_tok
            a.speaker_tok = orig
            a.cue = verb.text
            # the relay phrase is never content
            lo, hi = _subtree_range(verb)
            s, e = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
            a.parts = [(ps, pe) for ps, pe in a.parts if not (s <= ps and pe <= e)] or a.parts


def _outlet(cue: Token, lex: Lexicon, a: Attribution) -> Token | None:
    """The outlet that carried an interview or an article of the speaker's: "in an interview with
    CNN", "in an email interview in the newspaper the Ledger", "writing in an op-ed for the Ledger",
    "in a BBC interview" (``relay_documents``); the outlet relays the statement."""
    preps = [c for c in cue.children if c.dep_ == "prep" and c.lower_ in lex.document_preps]
    for c in cue.children:  # "Writing in an op-ed for the Ledger, she said"
        if c.dep_ == "advcl" and c.i < cue.i:
            preps += [g for g in c.children if g.dep_ == "prep" and g.lower_ in lex.document_preps]
    for prep in preps:
        if a.contains(prep.idx):
            continue
        objs = [g for g in prep.children if g.dep_ == "pobj"]
        docs = [g for g in objs if g.lemma_.lower() in lex.relay_documents or g.lower_ in lex.relay_documents]
        if not docs:
            continue
        noun = docs[0]
        cands = [g for g in noun.children if g.dep_ == "compound" and g.pos_ == "PROPN"]
        # "an interview with CNN"; the parse may hang the phrase on the verb ("writing in an op-ed for X")
        sibs = [c for c in prep.head.children if c.i > noun.i and c.i != prep.i]
        for c in [*noun.children, *sibs]:
            if c.dep_ == "prep" and c.lower_ in _OUTLET_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj":
                        names = [x for x in g.children if x.dep_ == "appos" and x.pos_ == "PROPN"]
                        cands += names or ([g] if g.pos_ == "PROPN" or g.ent_type_ == "ORG" else [])
        cands += [g for g in objs if g.i > noun.i and g.pos_ == "PROPN"]  # "... in the newspaper the Ledger"
        cands = [g for g in cands if g.ent_type_ not in _NOT_OUTLET_ENTS]  # "an interview on Monday"
        if cands:
            return cands[0]
    return None


_TENSE_AUX = {"had", "has", "have", "would", "will", "could", "can", "might", "may", "should", "must"}


def _outer_conjuncts(doc: Doc, lex: Lexicon, atts: list[Attribution]) -> None:
    """'She said France had abandoned its mediation and claimed the move was illegal': a past-tense speech cue
    with no subject of its own, coordinated with a verb of another speech cue's complement clause that
    carries its own auxiliary (or whose subject cannot speak: 'the talks were over and accused ...'),
    goes with that outer cue (the parse hangs it on the inner verb, whose subject would speak)."""
    for a in atts:
        if a.cue_i is None or a.kind not in {"speech", "stance"}:
            continue
        cue = doc[a.cue_i]
        if cue.dep_ != "conj" or cue.tag_ != "VBD" or any(c.dep_ in _SUBJ for c in cue.children):
            continue
        inner = cue.head
        own = find_subject(cue)
        if inner.dep_ != "ccomp" or not (
                any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _TENSE_AUX for c in inner.children)
                or own is not None and not can_speak(doc, own, lex)):  # "the talks were over and accused ..."
            continue
        outer = inner.head
        if outer.tag_ != "VBD" or lex.verbs.get(lex.verb_lemma(outer)) != "speech":
            continue
        speaker = find_subject(outer)
        if speaker is not None:
            a.speaker_tok = speaker


def _np_head(tok: Token) -> Token:
    """The head of the noun phrase a name token sits in ("Carl" in "Carl Quintanilla" -> "Quintanilla")."""
    while tok.dep_ in {"compound", "flat", "amod"} and tok.head is not tok and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _fix_speakers(doc: Doc, atts: list[Attribution], verbatims: list[Verbatim]) -> None:
    """A speaker found inside the statement itself (a parse that took a word of the quotation for the
    subject) is replaced by the noun phrase next to the cue, outside the content."""
    for a in atts:
        if a.cue_i is None or a.kind == "preposition" or a.basis in {"noun", "adjective", "document", "colon", "experiencer"}:
            continue
        tok = a.speaker_tok
        if tok is not None and not (a.contains(tok.idx) or _inside(tok.idx, verbatims)):
            continue
        cue = doc[a.cue_i]
        sent = cue.sent
        found = None
        # "..., X said": the phrase right before the cue (past adverbs and auxiliaries)
        k = cue.i - 1
        while k >= sent.start and doc[k].pos_ in {"ADV", "AUX", "PART"}:
            k -= 1
        if k >= sent.start and doc[k].pos_ in _NOMINAL and not a.contains(doc[k].idx) \
                and not _inside(doc[k].idx, verbatims):
            found = _np_head(doc[k])
        else:  # "..., said X": the phrase right after the cue
            for j in range(cue.i + 1, min(cue.i + 5, sent.end)):
                t = doc[j]
                if a.contains(t.idx) or _inside(t.idx, verbatims):
                    break
                if t.pos_ in _NOMINAL:
                    found = _np_head(t)
                    break
        if found is None:  # '"No," Jane Roe, the chair, replied': the first name between content and cue
            for j in range(cue.i - 1, sent.start - 1, -1):
                t = doc[j]
                if a.contains(t.idx) or _inside(t.idx, verbatims):
                    break
                if t.pos_ == "PROPN" and (j + 1 >= len(doc) or doc[j + 1].pos_ != "PROPN"):
                    found = t
        a.speaker_tok = found


def _mark_nested(atts: list[Attribution]) -> None:
    """An attribution inside one part of another's content is reported by it ("X said Y claimed Z");
    one between two parts ('"A," X said, speaking of Y, "B."') is a statement of its own."""
    for a in atts:
        if a.cue_i is None:
            continue
        for b in atts:
            if b is a:
                continue
            if any(ps <= a.start and a.end <= pe for ps, pe in b.parts) and (b.end - b.start) > (a.end - a.start):
                a.nested = True
                break
