"""Speaker names: from the actors stage when it knows the mention, else from the noun phrase.

The actors stage (``communique.actors.lookup``) maps a token to its actor mention and the actor (its
coreference step resolves pronouns). When it is absent from the pipeline, or knows nothing of a token, the noun phrase of
the subject gives the name ("the Russian foreign ministry spokesperson" -> "Russian foreign ministry
spokesperson"), a person entity inside it gives the person's name, and a pronoun takes the nearest
earlier speaker or named entity of the right kind.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Doc, Token

from ..actors import lookup as actor_lookup
from ..nlp import add_warning
from ..records import Speaker
from .detect import can_speak
from .lexicon import Lexicon

log = logging.getLogger(__name__)

_NAME_DEPS = {"compound", "amod", "poss", "case", "nmod", "nummod", "flat", "npadvmod", "quantmod"}
_PERSON_ENTS = {"PERSON"}
_GROUP_ENTS = {"ORG", "GPE", "NORP"}
_PERSON_SUFFIXES = ("man", "woman", "person", "ist", "ian", "or", "er", "ee", "ant", "ent")
_THING_SUFFIXES = ("paper", "letter", "computer", "monitor", "sector", "center", "centre", "government",
                   "department", "parliament", "movement", "agent")
_FOR_WHOM = {"for", "of", "at", "from", "to"}  # "a spokesman for X", "an official at X", "an adviser to X"
_PLACE_NAME_ENTS = {"GPE", "NORP", "LOC"}  # "Moscow said", "Russian": the country's own names
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_GENDERED = {"he": "he", "she": "she"}  # speaker pronouns that stand for one person of a known kind


def _noun_phrase(tok: Token) -> tuple[int, int]:
    """Token range of the name part of the phrase headed by ``tok`` (modifiers on its left, no
    determiner, no relative clause)."""
    lo = tok.i
    for c in reversed(list(tok.lefts)):
        if (c.dep_ in _NAME_DEPS or c.dep_ == "punct" and c.text in {"-", "\u2011"}) and c.right_edge.i == lo - 1:
            lo = c.left_edge.i
        else:
            break
    doc = tok.doc
    # "On Sunday, the Turkish backed rebels said": a parse that hangs a fronted phrase on a modifier
    # ends the name at the last comma before the head
    comma = next((k for k in range(tok.i - 1, lo - 1, -1) if doc[k].text == ","), None)
    if comma is not None and doc[lo].pos_ == "ADP":
        lo = comma + 1
    while lo < tok.i and (doc[lo].dep_ in {"det", "punct"} or doc[lo].is_space):
        lo += 1
    hi = tok.i + 1
    while hi < len(doc) and doc[hi].dep_ in {"flat", "compound"} and doc[hi].head.i == tok.i:
        hi += 1
    return lo, hi


def _ent_name(tok: Token, lo: int, hi: int, labels: set[str], ents: tuple) -> str | None:
    if tok.ent_type_ in labels:
        for ent in ents:
            if ent.start <= tok.i < ent.end:
                return ent.text
    for ent in ents:
        if ent.label_ in labels and lo <= ent.start and ent.end <= hi and ent.end == hi:
            return ent.text
    return None


def _expletive_it(tok: Token) -> bool:
    """An "it" that stands for no one: the subject of a passive verb or a copula with a clause put after
    it ("It is estimated that …", "It was reported that …", "It is wrong to suggest …", "it is
    appalling to learn that …")."""
    if tok.lower_ != "it" or tok.dep_ not in _SUBJECT_DEPS:
        return False
    head = tok.head
    clause = any(c.dep_ in {"ccomp", "xcomp"} and c.i > tok.i for c in head.children)
    if tok.dep_ == "nsubjpass":
        return clause and not any(c.dep_ == "agent" for c in head.children)
    return clause and (head.lemma_ == "be" and any(c.dep_ in {"acomp", "attr"} for c in head.children)
                       or head.pos_ == "ADJ")


def _clean(name: str) -> str:
    name = " ".join(name.split())
    for suffix in ("\u2019s", "'s"):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name.strip(" ,.;:\"\u201c\u201d-\u2013\u2014")


def _speaker(*, actor: str | None, name: str, start: int, end: int) -> Speaker:
    # an entity span that ran into a headline's dash ("- Blair") is no part of the name
    return Speaker(actor=actor, name=" ".join(name.split()).strip(" -\u2013\u2014"), start=start, end=end)


class SpeakerResolver:
    """Names speakers of one doc, in text order (pronoun fallback looks at earlier speakers)."""

    def __init__(self, doc: Doc, lex: Lexicon, skip: Callable[[int], bool] | None = None,
                 contents: list[tuple[int, int]] | None = None) -> None:
        self.doc = doc
        self.skip = skip  # character offsets whose speakers are not remembered (the headline)
        self.lex = lex
        self.ents = tuple(doc.ents)
        self.history: list[tuple[int, Speaker, str]] = []  # (token index, speaker, kind person/group)
        # what speakers said (character ranges): people named there are no antecedents of a speaker
        merged: list[tuple[int, int]] = []
        for s, e in sorted(contents or []):
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        self._contents = merged
        self._content_starts = [s for s, _e in merged]
        self._persons: dict[int, tuple[str, str]] | None = None
        self._genders: dict[str, str | None] = {}

    def _actor(self, tok: Token) -> tuple[str | None, str | None, str | None]:
        """(actor id, actor name, actor type) from the actors stage, or Nones. A plural mention
        ("the two leaders") gives the first actor's id and all the names joined."""
        try:
            actors = actor_lookup.actors_for_token(self.doc, tok)  # [] without the actors stage
        except Exception as exc:  # a broken actors state costs the speaker's actor, not the quote
            add_warning(self.doc, "communique_quotes", f"actors lookup failed: {type(exc).__name__}: {exc}")
            return None, None, None
        if not actors:
            return None, None, None
        a = actors[0]
        if len(actors) > 1:
            return a.id, " and ".join(x.name for x in actors), "group"
        return a.id, a.name, a.type

    def _inner_actor(self, lo: int, hi: int, head: Token) -> tuple[str | None, str | None, str | None]:
        """An organisation named inside the phrase ("Russia's official TASS news agency" -> TASS)."""
        for t in self.doc[lo:hi]:
            if t.i == head.i or t.dep_ != "compound" or t.pos_ != "PROPN":
                continue
            aid, name, typ = self._actor(t)
            if aid is not None and typ == "organization":
                return aid, name, typ
        return None, None, None

    def speaker(self, tok: Token | None) -> Speaker | None:
        if tok is None or _expletive_it(tok):
            return None
        doc = self.doc
        outer = tok
        if tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.document_nouns:
            # "a statement from the ministry said", "the ministry's report said": the author speaks
            author = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ != "PRON"), None)
            if author is None:
                author = next((g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}
                               for g in c.children if g.dep_ == "pobj"), None)
            if author is None:  # "a statement issued by the foreign ministry", "a report released by X"
                author = next((g for c in tok.children if c.dep_ == "acl" and c.tag_ == "VBN"
                               for a in c.children if a.dep_ == "agent"
                               for g in a.children if g.dep_ == "pobj" and g.pos_ != "PRON"), None)
            if author is not None:
                tok = author
        if tok.pos_ == "NOUN":  # "the harbour master, Ivan Petrov, told ..." -> the name in apposition
            appos = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
            if appos is not None:
                tok = appos
        lo, hi = _noun_phrase(tok)
        full_lo, full_hi = outer.left_edge.i, outer.right_edge.i + 1
        # "HAYES: The repairs ...": a parse that hangs the line on the name ends the phrase at the colon
        full_hi = next((k for k in range(tok.i + 1, full_hi) if doc[k].text == ":"), full_hi)
        while full_hi > full_lo + 1 and (doc[full_hi - 1].is_punct or doc[full_hi - 1].is_space):
            full_hi -= 1
        if doc[full_lo].pos_ == "ADP" and full_lo < lo <= tok.i:  # the fronted phrase is none of the speaker
            full_lo = lo
        while full_lo < full_hi - 1 and (doc[full_lo].is_punct or doc[full_lo].is_space):
            full_lo += 1
        start, end = doc[full_lo].idx, doc[full_hi - 1].idx + len(doc[full_hi - 1].text)
        low = tok.lower_
        actor_id, actor_name, actor_type = self._actor(tok)
        if actor_id is None and tok.pos_ == "NOUN":
            actor_id, actor_name, actor_type = self._inner_actor(lo, hi, tok)
            if actor_id is not None:  # "a European Union official": the official, of that actor
                sp = _speaker(actor=actor_id, name=_clean(doc[lo:hi].text), start=start, end=end)
                self._remember(tok, sp, "person")
                return sp
        phrase = _clean(doc[lo:hi].text)
        if actor_type == "country" and tok.pos_ == "PROPN" and tok.ent_type_ not in {"NORP"} and lo < tok.i \
                and all(t.pos_ == "PROPN" or t.is_punct for t in doc[lo:tok.i]):
            # "Amnesty International UK", "Oxfam America": one name, an organisation's branch, not the
            # country ("Nato member Turkey" is Turkey)
            org_id, _org_name, _t = self._inner_actor(lo, hi, tok)
            if org_id is not None or any(t.dep_ == "compound" and t.ent_type_ == "ORG" and t.ent_iob_ == "B"
                                         for t in doc[lo:tok.i]):
                sp = _speaker(actor=org_id, name=phrase, start=start, end=end)
                self._remember(tok, sp, "group")
                return sp
        if actor_id is None and (low in self.lex.partitives or tok.lemma_.lower() in self.lex.partitives):
            # "three-quarters of the voters", "one of the pilots": the phrase with its "of" part
            of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == tok.i + 1), None)
            obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if obj is not None:
                phrase = _clean(f"{phrase} of {doc[of.i + 1:_noun_phrase(obj)[1]].text}")
            elif low in self.lex.elliptic_partitives and tok.dep_ in _SUBJECT_DEPS and len(list(tok.children)) == 0:
                group = self._plural_speaker(tok)
                if group is not None:  # "Officials said … One said": one of those officials
                    sp = _speaker(actor=group.actor, name=f"{phrase} of {group.name}", start=start, end=end)
                    self._remember(tok, sp, "person")
                    return sp
        if actor_type != "person" and tok.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            earlier = self._same_description(tok)
            if earlier is not None:  # "A senior Kurdish official said ... the official said": that official
                sp = _speaker(actor=earlier.actor, name=earlier.name, start=start, end=end)
                self._remember(tok, sp, "person")
                return sp
        # a person actor the actors stage knows only by the title ("culture secretary") is no name yet
        titled = actor_type == "person" and actor_name is not None and actor_name.lower() in phrase.lower()
        if (actor_type != "person" or titled) and self._is_role(tok):
            # "the SDF spokesman", "the Russian foreign ministry spokesperson": the title of a named
            # body fits only a person of its country, and (named by no earlier sentence) one the
            # actors stage knows in that role
            named = [c for c in tok.lefts if c.dep_ in {"compound", "amod"}
                     and (c.pos_ == "PROPN" or c.ent_type_ in _GROUP_ENTS)]
            countries = {self._country(c) for c in named} - {None}
            holder = self._role_holder(tok)
            found = None
            if holder is not None:  # "Jane Roe, the mayor, ... The mayor said": the person in that role
                h_id, h_name, _typ = self._actor(holder)
                h_actor = actor_lookup.actor_by_id(doc, h_id) if h_id else None
                if not countries or h_actor is None or h_actor.country is None or h_actor.country in countries:
                    lo_h, hi_h = _noun_phrase(holder)
                    found = (h_id, h_name or _ent_name(holder, lo_h, hi_h, _PERSON_ENTS, self.ents)
                             or _clean(doc[lo_h:hi_h].text))
            elif not self._in_content(tok.idx):
                found = self._salient(tok, None, role=tok.lemma_.lower(), strict=bool(named), countries=countries)
            if found is not None:  # "Tessa Roe complained ... The culture secretary said": Tessa Roe
                sp = _speaker(actor=found[0], name=found[1], start=start, end=end)
                self._remember(tok, sp, "person")
                return sp
        if actor_id is None and tok.pos_ == "NOUN":
            holder = self._role_holder(tok)
            if holder is not None:  # "Jane Roe, the mayor, ... The mayor said": the person in that role
                actor_id, actor_name, _typ = self._actor(holder)
                lo_h, hi_h = _noun_phrase(holder)
                name = actor_name or _ent_name(holder, lo_h, hi_h, _PERSON_ENTS, self.ents) or _clean(doc[lo_h:hi_h].text)
                sp = _speaker(actor=actor_id, name=name, start=start, end=end)
                self._remember(tok, sp, "person")
                return sp
        if actor_id is None and tok.pos_ == "NOUN":
            of = self._of_whom(tok)
            if of is not None:  # "a spokesman for the president": the spokesman, for that actor
                sp = _speaker(actor=of[0], name=f"{phrase} {of[1]}", start=start, end=end)
                self._remember(tok, sp, "person")
                return sp
            owner = self._whose_representative(tok)
            if owner is not None:  # "Mr Blair's official spokesman", "Sharon's office": for that actor
                sp = _speaker(actor=owner, name=phrase, start=start, end=end)
                self._remember(tok, sp, "person")
                return sp
        if tok.pos_ == "PRON" or low in self.lex.pronouns:
            found = self._salient(tok, _GENDERED[low]) if low in _GENDERED and not self._in_content(tok.idx) else None
            if found is not None:  # "Mr Roe said ... 'There is no trust in Ann Lee,' he said": Mr Roe
                sp = _speaker(actor=found[0], name=found[1], start=start, end=end)
                self._remember(tok, sp, "person")
                return sp
            if actor_id is not None and actor_name:
                sp = _speaker(actor=actor_id, name=actor_name, start=start, end=end)
            else:
                sp = self._pronoun(tok, start, end)
            self._remember(tok, sp, actor_type)
            return sp
        kind = "person" if tok.ent_type_ in _PERSON_ENTS else None
        if actor_id is not None and actor_name:
            name = actor_name
            if tok.pos_ == "NOUN" and actor_type != "person" and tok.lower_ not in actor_name.lower():
                name = phrase  # "a senior European Union official": the official, of that actor
            elif actor_type == "country" and tok.pos_ == "PROPN" and tok.ent_type_ not in _PLACE_NAME_ENTS \
                    and phrase and not set(phrase.lower().split()) & set(actor_name.lower().split()):
                # "the White House said", "the Kremlin said": the institution speaks, for its country
                name = phrase
            sp = _speaker(actor=actor_id, name=name, start=start, end=end)
            self._remember(tok, sp, actor_type)
            return sp
        name = _ent_name(tok, lo, hi, _PERSON_ENTS, self.ents) or phrase
        if tok.pos_ == "PROPN" and name and " " not in name:
            name = self._full_name(tok, name)
        sp = _speaker(actor=None, name=name or tok.text, start=start, end=end)
        if kind is None and tok.ent_type_ in _GROUP_ENTS:
            kind = "group"
        if kind is None and self._person_like(tok):
            kind = "person"  # "Lynch announced ... She added", "the senator said ... he added"
        self._remember(tok, sp, kind)
        return sp

    def _plural_speaker(self, tok: Token) -> Speaker | None:
        """The nearest earlier speaker, in ``salience_sentences`` sentences before ``tok``'s own and
        outside what anyone said, whose phrase is plural ("Officials in the capital said …")."""
        sents = 0
        sent = tok.sent
        floor = sent.start
        while sents < self.lex.salience_sentences and floor > 0:
            floor = self.doc[floor - 1].sent.start
            sents += 1
        for i, sp, _kind in reversed(self.history):
            if i >= tok.i:
                continue
            if i < floor:
                return None
            t = self.doc[i]
            if t.tag_ in {"NNS", "NNPS"} and sp.name.lower() not in self.lex.pronouns:
                return sp
        return None

    def _plural_antecedent(self, tok: Token) -> tuple[str | None, str] | None:
        """(actor id, name) a plural speaker pronoun ("they") stands for: the nearest earlier subject
        that is plural (a plural noun or a coordination) and can speak, in the pronoun's own sentence
        before it and then up to ``salience_sentences`` sentences back; never one inside what someone
        said, nor the headline. None when there is none."""
        doc = self.doc
        sent = tok.sent
        first = tok.left_edge.i
        for _ in range(self.lex.salience_sentences + 1):
            for j in range(min(first, sent.end) - 1, sent.start - 1, -1):
                t = doc[j]
                if t.dep_ not in _SUBJECT_DEPS or t.pos_ not in {"NOUN", "PROPN"}:
                    continue
                if self._in_content(t.idx) or (self.skip is not None and self.skip(t.idx)):
                    continue
                plural = t.tag_ in {"NNS", "NNPS"} or any(
                    c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"} for c in t.children)
                if not plural or not can_speak(doc, t, self.lex):
                    continue
                aid, aname, _typ = self._actor(t)
                lo, hi = _noun_phrase(t)
                if any(c.dep_ == "conj" for c in t.children):
                    hi = max(hi, t.right_edge.i + 1)  # "the nurses and the doctors"
                    aid = None  # several actors: no one actor's id
                name = _clean(doc[lo:hi].text)
                return aid, (name if aid is None or t.pos_ == "NOUN" else aname or name)
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
            first = sent.end
        return None

    def _of_whom(self, tok: Token) -> tuple[str, str] | None:
        """(actor id, "for X") when a common noun speaks for a named actor: "a spokesman for the
        president", "an official at the ministry", "the head of the agency"."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ not in _FOR_WHOM or c.i != tok.i + 1:
                continue
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is None:
                continue
            aid, _name, _typ = self._actor(obj)
            if aid is None:
                continue
            olo, ohi = _noun_phrase(obj)
            return aid, f"{c.text} {_clean(self.doc[c.i + 1:ohi].text)}"
        return None

    def _whose_representative(self, tok: Token) -> str | None:
        """The actor id of the possessor when a noun of ``representative_nouns`` speaks for it: "Mr
        Blair's official spokesman", "the minister's office". Not "Blair's critics": they speak for
        themselves."""
        if tok.lemma_.lower() not in self.lex.representative_nouns and tok.lower_ not in self.lex.representative_nouns:
            return None
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        if poss is None:
            return None
        aid, _name, _typ = self._actor(poss)
        return aid

    def _role_holder(self, tok: Token) -> Token | None:
        """The person an earlier sentence gave the role a definite speaker names ("the mayor said" after
        "Jane Roe, the mayor of Springfield," or "Mayor Jane Roe"): the latest such person, else None."""
        if tok.tag_ != "NN" or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return None
        lemma = tok.lemma_.lower()
        sent_start = tok.sent.start
        for t in reversed(self.doc[:sent_start]):
            if t.lemma_.lower() != lemma or t.i == tok.i:
                continue
            if t.dep_ == "appos" and t.head.ent_type_ == "PERSON":
                return t.head  # "Jane Roe, the mayor, ..."
            person = next((c for c in t.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
            if person is not None:
                return person  # "the mayor, Jane Roe, ..."
            if t.dep_ == "compound" and t.head.ent_type_ == "PERSON" and t.head.i > t.i:
                return t.head  # "Mayor Jane Roe"
        return None

    def _is_role(self, tok: Token) -> bool:
        """A definite singular title that may stand for a person named before ("the MEP", "the Tory
        leader", "the culture secretary"), not one that says whom it speaks for ("the head of the IMF")."""
        if tok.tag_ not in {"NN", "NNP"} or not any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
            return False
        if any(c.dep_ == "prep" and c.lower_ in _FOR_WHOM for c in tok.children):
            return False
        if any(c.dep_ in {"appos", "relcl", "acl"} for c in tok.children):
            return False
        lemma = tok.lemma_.lower()
        return lemma in self.lex.role_nouns or tok.lower_ in self.lex.role_nouns

    def _in_content(self, pos: int) -> bool:
        k = bisect_right(self._content_starts, pos) - 1
        return k >= 0 and pos < self._contents[k][1]

    def _person_mentions(self) -> dict[int, tuple[str, str]]:
        """Head token -> (actor id, name) of every named mention of a person actor (no pronouns), and
        of every person entity that is no actor (actor id None)."""
        if self._persons is None:
            self._persons = {}
            spans = self.doc.spans["actors"] if "actors" in self.doc.spans else []
            for span in spans:
                if span._.actor_ids and len(span._.actor_ids) > 1:
                    continue
                try:
                    actors = actor_lookup.actors_for_span(self.doc, span)
                except Exception:  # a broken actors state costs the antecedent, not the quote
                    continue
                if len(actors) != 1 or actors[0].type != "person" or span.root.pos_ == "PRON":
                    continue
                self._persons[span.root.i] = (actors[0].id, actors[0].name)
            for ent in self.ents:  # people the actors stage left out (not a party it knows: "Lib Dems")
                if ent.label_ in _PERSON_ENTS and ent.root.i not in self._persons and ent.root.tag_ != "NNPS" \
                        and not self._actor(ent.root)[0]:
                    self._persons[ent.root.i] = (None, _clean(ent.text))
        return self._persons

    def _gender(self, actor_id: str | None, tok_i: int | None = None) -> str | None:
        """he or she from a title on any mention of the actor ("Mr", "Lady"), or of the token."""
        titles = self.lex.gendered_titles
        if actor_id is None:
            if tok_i is None:
                return None
            t = self.doc[tok_i]
            return next((titles[c.lower_.rstrip(".")] for c in t.lefts if c.lower_.rstrip(".") in titles), None)
        if actor_id not in self._genders:
            found = None
            try:
                mentions = actor_lookup.mentions_of(self.doc, actor_id)
            except Exception:
                mentions = []
            for m in mentions:
                words = [self.doc[m.start - 1]] if m.start > 0 else []
                words += list(m[:2])
                g = next((titles[w.lower_.rstrip(".")] for w in words if w.lower_.rstrip(".") in titles), None)
                if g is not None:
                    found = g
                    break
            self._genders[actor_id] = found
        return self._genders[actor_id]

    def _salient(self, tok: Token, gender: str | None, *, role: str | None = None, strict: bool = False,
                 countries: set[str] | None = None) -> tuple[str | None, str] | None:
        """(actor id, name) of the person a he/she or a role speaker stands for: the nearest earlier
        speaker or subject that is a person, in the speaker's own sentence before it and then up to
        ``salience_sentences`` sentences back (sentences wholly inside quoted content do not count),
        else (not for roles) the nearest person named there; never a person named inside what someone
        said, nor one whose title says the other pronoun. For a role (its lemma) the search starts in
        the sentence before and takes subjects only (see ``_fits_role``)."""
        doc = self.doc
        persons = self._person_mentions()
        speakers = {i: sp for i, sp, kind in self.history if self._personal_speaker(i, kind)}
        first = tok.left_edge.i
        sent = tok.sent
        if role is not None:  # "Ann Lee, not the minister, said": a title in its own sentence is someone else
            if sent.start == 0:
                return None
            first = sent.start
            sent = doc[sent.start - 1].sent
        other: tuple[str | None, str] | None = None
        counted = 0
        while True:
            outside = False
            for j in range(min(first, sent.end) - 1, sent.start - 1, -1):
                t = doc[j]
                if self._in_content(t.idx) or (self.skip is not None and self.skip(t.idx)):
                    continue
                outside = outside or not (t.is_punct or t.is_space)
                if j not in speakers and j not in persons:
                    link = self._linked_subject(t, gender, role)
                    if link is not None:  # "he was given ... He said": the person that subject stands for
                        return link
                    continue
                # a subject (or a name in apposition to one, or a name the parse made the root), an agent
                # or the speaker of "according to"; not the holder of a cue noun ("Lee's call for"), nor
                # a name after "unlike"
                subject = t.dep_ in _SUBJECT_DEPS or t.dep_ == "ROOT" or (
                    t.dep_ == "appos" and t.head.dep_ in _SUBJECT_DEPS) or (
                    j in speakers and t.dep_ == "pobj" and (t.head.lower_ == "by" or t.head.head.lower_ == "according"))
                if j in speakers and t.head.lemma_.lower() in self.lex.relays and j not in persons:
                    continue  # "the Standard quoted Mr Roe ... he said": the paper passes it on
                if j in speakers:
                    sp = speakers[j]
                    if role is not None and t.pos_ == "NOUN":
                        continue  # a title is no other title ("the Veritas leader said ... The MEP said")
                    cand: tuple[str | None, str] = (sp.actor, sp.name)
                else:
                    cand = persons[j]
                if role is not None and not self._fits_role(cand[0], role, strict, countries):
                    continue
                if gender is not None:
                    g = self._gender(cand[0], j)
                    if g is not None and g != gender:
                        continue
                if subject:
                    return cand
                if other is None:
                    other = cand
            counted += outside
            if counted > self.lex.salience_sentences or sent.start == 0:
                break
            first = sent.start
            sent = doc[sent.start - 1].sent
        return other if role is None else None

    def _same_description(self, tok: Token) -> Speaker | None:
        """The latest earlier speaker described by the same noun with more words ("a senior Kurdish
        official" for "the official"), within ``salience_sentences`` speakers back."""
        lemma = tok.lemma_.lower()
        for i, sp, _kind in reversed(self.history[-(self.lex.salience_sentences + 3):]):
            t = self.doc[i]
            if i < tok.i and t.pos_ == "NOUN" and t.lemma_.lower() == lemma and len(sp.name.split()) > 1:
                return sp
        return None

    def _linked_subject(self, t: Token, gender: str | None, role: str | None) -> tuple[str | None, str] | None:
        """A subject on the way back that is no named person: a he or she of the same gender (the person
        the actors stage resolved it to), or a definite singular person noun ("The rebel commander
        stared ... he said"; not "any parent"; not for roles)."""
        if t.dep_ not in _SUBJECT_DEPS and not (t.dep_ == "ROOT" and t.pos_ == "NOUN"):
            return None
        if t.lower_ in _GENDERED:
            if gender is None or _GENDERED[t.lower_] != gender:
                return None
            aid, name, typ = self._actor(t)
            return (aid, name) if aid is not None and name and typ == "person" else None
        if role is None and gender is not None and t.pos_ == "NOUN" and t.tag_ == "NN" \
                and any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ == "the" for c in t.children) \
                and (self._person_like(t) or t.lemma_.lower() in self.lex.role_nouns):
            if self._gender(None, t.i) not in {None, gender}:
                return None
            lo, hi = _noun_phrase(t)
            return None, _clean(self.doc[lo:hi].text)
        return None

    def _personal_speaker(self, i: int, kind: str) -> bool:
        """Whether an earlier speaker may be the person a he or she stands for: a person, or a single
        speaker of no known kind ("one rebel official"), not a group, a document or a plural."""
        if kind == "person":
            return True
        if kind:
            return False
        t = self.doc[i]
        if t.tag_ in {"NNS", "NNPS"} or t.ent_type_ in _GROUP_ENTS or t.lemma_.lower() in self.lex.document_nouns:
            return False
        return t.pos_ == "NOUN" or t.lower_ in _GENDERED  # an untyped name may be an outlet or a party

    def _fits_role(self, actor_id: str | None, role: str, strict: bool, countries: set[str] | None = None) -> bool:
        """Whether this actor may hold the title ``role`` (a lemma): any person, or with ``strict`` (the
        title of a named body) only an actor the actors stage gives no other role and, when the title
        names countries ("the Russian foreign ministry spokesperson"), of one of them. For a plain title
        another known role is no veto: the knowledge base gives one role of many ("prime minister" for
        the Labour leader)."""
        actor = actor_lookup.actor_by_id(self.doc, actor_id) if actor_id else None
        if not strict:
            return True
        if actor is None:
            return False
        held = (actor.role or "").lower().replace("-", " ").split()
        if held and role not in held:
            return False
        return not countries or actor.country is None or actor.country in countries

    def _country(self, tok: Token) -> str | None:
        """The country of the actor a token names ("Russian", "SDF"), or None."""
        aid, _name, _typ = self._actor(tok)
        actor = actor_lookup.actor_by_id(self.doc, aid) if aid else None
        return actor.country if actor is not None else None

    def _person_like(self, tok: Token) -> bool:
        """A speaker a later he or she may stand for: a name the recogniser left untyped, or a singular
        agent noun ("the senator", "the spokesman", "a chemist"), not a document or an outlet."""
        if tok.pos_ == "PROPN":
            return not tok.ent_type_
        lemma = tok.lemma_.lower()
        return tok.tag_ == "NN" and lemma.endswith(_PERSON_SUFFIXES) and lemma not in self.lex.not_source_nouns \
            and lemma not in self.lex.document_nouns and not lemma.endswith(_THING_SUFFIXES)

    def _full_name(self, tok: Token, name: str) -> str:
        """A surname alone ("Wang") -> the full name seen earlier ("Wang Wenbin")."""
        low = name.lower()
        for _i, sp, _kind in reversed(self.history):
            words = sp.name.lower().split()
            if len(words) > 1 and low in words:
                return sp.name
        for ent in self.ents:
            if ent.start >= tok.i:
                break
            if ent.label_ == "PERSON" and len(ent) > 1 and low in ent.text.lower().split():
                return _clean(ent.text)
        return name

    def _remember(self, tok: Token, sp: Speaker, kind: str | None) -> None:
        if kind == "organization" or kind == "country" or kind == "group":
            kind = "group"
        if self.skip is not None and self.skip(tok.idx):
            return
        if sp.name.lower() not in self.lex.pronouns:
            self.history.append((tok.i, sp, kind or ("person" if tok.ent_type_ == "PERSON" else "")))

    def _pronoun(self, tok: Token, start: int, end: int) -> Speaker:
        want = self.lex.pronouns.get(tok.lower_, "any")
        if want == "plural":
            found = self._plural_antecedent(tok) if not self._in_content(tok.idx) else None
            if found is not None:  # "Her relatives met the judge. They said ...": the relatives
                return _speaker(actor=found[0], name=found[1], start=start, end=end)
            want = "any"
        if want == "any":
            return _speaker(actor=None, name=tok.text, start=start, end=end)
        for i, sp, kind in reversed(self.history[-6:]):
            if i >= tok.i or tok.i - i > 120:
                continue
            if kind == want:
                return _speaker(actor=sp.actor, name=sp.name, start=start, end=end)
        # the nearest named entity of the right kind in the three sentences before
        labels = _PERSON_ENTS if want == "person" else {"ORG"}
        sent = tok.sent
        floor = sent.start
        for _ in range(3):
            if floor == 0:
                break
            floor = self.doc[floor - 1].sent.start
        for ent in reversed(self.ents):
            if ent.end <= tok.i and ent.start >= floor and ent.label_ in labels:
                return _speaker(actor=None, name=_clean(ent.text), start=start, end=end)
        return _speaker(actor=None, name=tok.text, start=start, end=end)
