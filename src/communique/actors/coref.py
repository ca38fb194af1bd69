"""``communique_coref``: pronouns and definite descriptions to the actors already found.

Steps:

2. ``pronouns``: "he"/"she" in subject position and "his"/"her" go to a person; "it"/"its" to an
   organisation, a country or a bloc. A subject pronoun takes the subject of its own sentence when there is
   one before it, else the most salient actor of the nearest earlier sentence (its subject, else its last
   compatible mention); a possessive takes the nearest compatible mention before it.
1. ``descriptions``: "the ministry", "the agency", "the conference" to the last organisation whose
   mentions hold that noun; "the country", "the government" to the last country; "the president" to the
   last person with that role.
3. ``pairs``: "the two sides", "the two countries", "both allies" to the pair in focus: the last pair
   named this way if it is recent, else the last two distinct states mentioned (blocs and IGOs left out);
   "the two leaders" to the last two people.

Nouns, pronouns and the window are in ``data/actors/coref.yaml``.
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from ..knowledge import data_files, load_yaml
from .ctx import Ctx
from .kb import KnowledgeBase, fold
from .state import MentionDraft, State

log = logging.getLogger(__name__)

SUBJECT = frozenset({"nsubj", "nsubjpass"})
GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


@dataclass(frozen=True)
class CorefExtra:
    """Keys of ``coref.yaml`` read by this module alone (the knowledge base reads the others)."""

    armed_group_nouns: frozenset[str] = frozenset()
    plural_referents: frozenset[str] = frozenset()
    unique_country_words: frozenset[str] = frozenset()
    reporting_verbs: frozenset[str] = frozenset()
    #: a country description that only some states answer to ("the kingdom": a monarchy): noun -> ISO codes
    restricted_countries: dict[str, frozenset[str]] = field(default_factory=dict)
    government_words: frozenset[str] = frozenset()
    own_side_nouns: frozenset[str] = frozenset()
    expletive_predicates: frozenset[str] = frozenset()
    expletive_verbs: frozenset[str] = frozenset()
    military_nouns: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def coref_extra() -> CorefExtra:
    """``armed_group_nouns`` and ``plural_referents`` of every ``actors/coref.yaml`` (package and user data
    folders, merged)."""
    armed: set[str] = set()
    people: set[str] = set()
    unique: set[str] = set()
    reporting: set[str] = set()
    restricted: dict[str, set[str]] = {}
    government: set[str] = set()
    own_side: set[str] = set()
    expl_pred: set[str] = set()
    expl_verb: set[str] = set()
    military: set[str] = set()
    for path in data_files("actors/coref.yaml"):
        if path.suffix not in {".yaml", ".yml"}:
            continue
        data = load_yaml(path) or {}
        armed.update(str(w).lower() for w in data.get("armed_group_nouns") or [])
        people.update(str(w).lower() for w in data.get("plural_referents") or [])
        unique.update(str(w).lower() for w in data.get("unique_country_words") or [])
        reporting.update(str(w).lower() for w in data.get("reporting_verbs") or [])
        government.update(str(w).lower() for w in data.get("government_words") or [])
        own_side.update(str(w).lower() for w in data.get("own_side_nouns") or [])
        expl_pred.update(str(w).lower() for w in data.get("expletive_predicates") or [])
        expl_verb.update(str(w).lower() for w in data.get("expletive_verbs") or [])
        military.update(str(w).lower() for w in data.get("military_nouns") or [])
        for noun, codes in (data.get("restricted_countries") or {}).items():
            restricted.setdefault(str(noun).lower(), set()).update(str(c).upper() for c in codes or [])
    return CorefExtra(frozenset(armed), frozenset(people), frozenset(unique), frozenset(reporting),
                      {k: frozenset(v) for k, v in restricted.items()}, frozenset(government),
                      frozenset(own_side), frozenset(expl_pred), frozenset(expl_verb), frozenset(military))


def _type_ok(st: State, key: str, kinds: tuple[str, ...]) -> bool:
    d = st.drafts.get(key)
    if d is None or d.type not in kinds:
        return False
    if d.type == "group" and not key.startswith("org:"):
        return False  # "Western leaders" is plural: never "it"
    return True


def _is_subject(doc: Doc, m: MentionDraft) -> bool:
    return doc[m.start:m.end].root.dep_ in SUBJECT


class Ordered:
    """The mentions in text order, for walking back from a position (new mentions are inserted)."""

    def __init__(self, mentions: list[MentionDraft]) -> None:
        self.items = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.items]

    def insert(self, m: MentionDraft) -> None:
        k = bisect_right(self.starts, m.start)
        self.starts.insert(k, m.start)
        self.items.insert(k, m)

    def back(self, ctx: Ctx, i: int, window: int) -> Iterator[MentionDraft]:
        """Mentions ending before token ``i``, nearest first, within ``window`` sentences."""
        sid = ctx.sent_id[i]
        k = bisect_right(self.starts, i) - 1
        while k >= 0:
            m = self.items[k]
            if sid - ctx.sent_id[m.start] > window:
                return
            if m.end <= i:
                yield m
            k -= 1


def resolve_pronouns(ctx: Ctx, st: State) -> None:
    doc, kb = ctx.doc, ctx.kb
    window = kb.window_sentences
    ordered = Ordered([m for m in st.mentions if len(m.keys) == 1])
    genders: dict[str, str] = {}  # a person once "he" is never "she" in the same article
    for i in ctx.indices(kb.pronouns):
        spec = kb.pronouns[ctx.lower[i]]
        if st.claimed[i] or ctx.pos[i] != "PRON":
            continue
        kinds, possessive = spec
        gender = GENDER.get(ctx.lower[i])
        if not possessive and ctx.dep[i] in OBJECT:
            obj_pick = _object_antecedent(ctx, st, ordered, i, kinds, gender, genders)
            if obj_pick is not None:
                ordered.insert(st.add(i, i + 1, obj_pick.keys[0], "pronoun"))
                if gender is not None:
                    genders.setdefault(obj_pick.keys[0], gender)
            continue
        if not possessive and ctx.dep[i] not in SUBJECT:
            continue
        if possessive and ctx.dep[i] != "poss":
            continue
        if not possessive and ctx.lower[i] == "it" and _expletive(ctx, i):
            continue  # "it is unlikely that ...", "it seems that ...": no antecedent
        sid = ctx.sent_id[i]
        before = [m for m in ordered.back(ctx, i, window) if _type_ok(st, m.keys[0], kinds)
                  and (gender is None or genders.get(m.keys[0], gender) == gender)]
        if not possessive and not _in_quote(ctx, i):
            # a name inside quoted words is no antecedent of the narrative's "he" ('"I told Joe Biden ...,"
            # Ruto said. He added ...': Ruto), unless it is the only candidate left
            before = [m for m in before if not _in_quote(ctx, m.start)] or before
        same = [m for m in before if ctx.sent_id[m.start] == sid]
        pick = None
        if possessive and not same:
            pick = _fronted_owner(ctx, st, ordered, i, kinds)
        if pick is None and not before:
            continue
        before.reverse()
        same.reverse()
        if pick is None and possessive and same:
            pick = _binding_subject(ctx, ordered, i, same) or same[-1]
        if pick is None:
            subj = _main_subjects(doc, [m for m in same if _is_subject(doc, m)])
            if subj:
                pick = subj[-1]
        if pick is None:
            earlier = [m for m in before if ctx.sent_id[m.start] < sid]
            if earlier:
                last_sid = ctx.sent_id[earlier[-1].start]
                group = [m for m in earlier if ctx.sent_id[m.start] == last_sid]
                subj = _main_subjects(doc, [m for m in group if _is_subject(doc, m)])
                if subj or "person" in kinds or not _thing_subject(ctx, st, group[-1].start):
                    pick = (subj or group)[-1]
                # else "A draft resolution was circulated ... in Syria. It would ask ...": "it" is the thing
        if pick is None and same:
            pick = same[-1]
        if pick is not None and not possessive and _in_coordination(doc, pick):
            pick = None  # "Russia and China vetoed it. It said ...": neither one alone
        if pick is not None:
            ordered.insert(st.add(i, i + 1, pick.keys[0], "pronoun"))
            if gender is not None:
                genders.setdefault(pick.keys[0], gender)


def _expletive(ctx: Ctx, i: int) -> bool:
    """A subject "it" that stands for a clause: "it is unlikely that ...", "it is time to ...", "it is
    important we ...", "it seems that ..." (``expletive_predicates`` and ``expletive_verbs`` of coref.yaml,
    the predicate with a clause of its own); "it was ready to talk", "it is thought to be ..." refer."""
    extra = coref_extra()
    v = ctx.doc[i].head
    clause = ("ccomp", "xcomp", "csubj", "advcl", "acl", "relcl")
    if v.lemma_.lower() in extra.expletive_verbs and any(c.dep_ == "ccomp" for c in v.children):
        return True
    if v.lemma_.lower() not in ("be", "seem", "appear", "remain", "become"):
        return False
    for c in v.children:
        if c.dep_ in ("acomp", "attr") and c.lower_ in extra.expletive_predicates and c.i > i:
            if any(k.dep_ in clause for k in [*v.children, *c.children] if k.i > c.i):
                return True
    return False


def _main_subjects(doc: Doc, subjects: list[MentionDraft]) -> list[MentionDraft]:
    """The subjects that are not inside reported content ("Macron said **Putin** had broken his word. He
    called for sanctions": the reporter, Macron, is in focus), when there is one; else all of them."""
    main = [m for m in subjects if not _reported(doc, m)]
    return main or subjects


def _reported(doc: Doc, m: MentionDraft) -> bool:
    """The mention sits in the content clause of a reporting verb (``reporting_verbs`` of coref.yaml)."""
    verbs = coref_extra().reporting_verbs
    t = doc[m.start:m.end].root
    for _ in range(8):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in verbs:
            return True
        if t.head is t:
            return False
        t = t.head
    return False


def _thing_subject(ctx: Ctx, st: State, i: int) -> bool:
    """The main clause of the sentence holding token ``i`` has a singular common-noun subject that is no
    actor ("A Swedish draft resolution, circulated ..., would ..."): a later "it" is that thing."""
    root = ctx.doc[i].sent.root
    return any(c.dep_ in SUBJECT and c.pos_ == "NOUN" and c.tag_ == "NN" and not st.claimed[c.i]
               for c in root.children)


#: sectors of the groups "the group" may refer to (peoples such as "Sunnis" are no group that acts)
ARMED_OR_POLITICAL = frozenset({"REB", "PTY", "INS", "SEP", "RAD", "MIL", "OPP"})
ARMED_GROUP_SECTORS = frozenset({"REB", "INS", "SEP", "RAD"})

#: object positions of a pronoun resolved by :func:`_object_antecedent`
OBJECT = frozenset({"dobj", "pobj", "dative"})
#: clause links through which a verb shares its subject ("imposed a boycott ..., accusing it of")
SHARED_SUBJECT = frozenset({"xcomp", "advcl", "conj", "acl", "relcl"})


def _mention_at(ordered: Ordered, t: int) -> MentionDraft | None:
    k = bisect_right(ordered.starts, t) - 1
    while k >= 0 and ordered.starts[k] > t - 12:
        m = ordered.items[k]
        if m.start <= t < m.end:
            return m
        k -= 1
    return None


def _coarguments(doc: Doc, i: int) -> set[int]:
    """Subjects of the verb an object pronoun depends on, and of the verbs that share that verb's subject:
    "it" is never one of them ("Russia accused it", "Egypt imposed a boycott ..., accusing it")."""
    tok = doc[i]
    v = tok.head
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    out: set[int] = set()
    for _ in range(4):
        for c in v.children:
            if c.dep_ in SUBJECT or c.dep_ == "agent":
                out.update(t.i for t in c.subtree)
        if v.dep_ not in SHARED_SUBJECT or v.head.i == v.i:
            break
        if v.dep_ in {"acl", "relcl"}:
            out.update(t.i for t in v.head.subtree if t.i < v.i)
            break
        v = v.head
    return out


def _object_antecedent(ctx: Ctx, st: State, ordered: Ordered, i: int, kinds: tuple[str, ...],
                       gender: str | None, genders: dict[str, str]) -> MentionDraft | None:
    """An object pronoun ("accusing it of", "attacked him") refers to the nearest noun phrase before it
    that is not a subject of its own clause; "it" only when that noun phrase is an actor (a thing in
    between, "rejected the plan ... condemned it", leaves it unresolved); "him"/"her" to the nearest
    compatible person. Looks back through its sentence and the one before."""
    doc = ctx.doc
    if _in_quote(ctx, i):
        return None
    skip = _coarguments(doc, i)
    skip_keys = {k for t in skip for m in [_mention_at(ordered, t)] if m is not None for k in m.keys}
    sid = ctx.sent_id[i]
    person = kinds == ("person",)
    t = i - 1
    while t >= 0 and sid - ctx.sent_id[t] <= 1:
        if t in skip and ctx.pos[t] == "NOUN" and ctx.dep[t] in SUBJECT and _mention_at(ordered, t) is None:
            return None  # a thing is the subject: "The US drawdown in Syria leaves it ..." (it is the US)
        if t in skip or ctx.pos[t] not in ("NOUN", "PROPN", "PRON") or ctx.dep[t] in ("compound", "poss") \
                or doc[t].ent_type_ in ("DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY") \
                or (ctx.pos[t] == "PRON" and ctx.lower[t] not in ctx.kb.pronouns):
            t -= 1
            continue
        m = _mention_at(ordered, t)
        if m is not None and any(k in skip_keys for k in m.keys):
            t = m.start - 1  # the subject's own actor named before: "Iran ... Iran accused it"
            continue
        if m is not None and len(m.keys) == 1 and _type_ok(st, m.keys[0], kinds) and \
                (gender is None or genders.get(m.keys[0], gender) == gender) and not _in_coordination(doc, m):
            return m
        if not person:
            return None
        t -= 1
    return None


def _binding_subject(ctx: Ctx, ordered: Ordered | None, i: int, same: list[MentionDraft],
                     own: bool = False) -> MentionDraft | None:
    """A possessive inside the object or a complement of a verb refers to that verb's subject when it is
    compatible ("Iran has entrenched **its** military in Syria", "Turkey said **its** troops would stay"),
    rather than to the nearest name before it. "their own" binds to the subject even in a conjunct."""
    doc = ctx.doc
    if doc[i].head.dep_ == "conj" and not own:
        return None  # "the United States and its allies": the conjunct before it
    v = doc[i].head
    while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
        v = v.head
    roots = {doc[m.start:m.end].root.i for m in same}
    if any(c.dep_ in ("dative", "dobj") and c.i < i and c.i in roots and i not in {t.i for t in c.subtree}
           for c in v.children):
        return None  # "Damascus granted the UN a quarter of its requests": the recipient's
    subjects = _coarguments(doc, i)
    if i in subjects:
        return None  # the pronoun is inside the subject itself: "its army said ..."
    for m in reversed(same):
        root = doc[m.start:m.end].root
        if root.i in subjects and root.dep_ in SUBJECT:
            return m
    return None


def _fronted_owner(ctx: Ctx, st: State, ordered: Ordered, i: int, kinds: tuple[str, ...]) -> MentionDraft | None:
    """A possessive in a phrase fronted before its clause's subject ("In **his** talks with May, Erdogan
    said ...") with no actor before it in the sentence refers to that subject."""
    doc = ctx.doc
    t = doc[i]
    while t.head.i != t.i and t.pos_ not in ("VERB", "AUX"):
        t = t.head
    subj = next((c for c in t.children if c.dep_ in SUBJECT), None)
    if subj is None or subj.i < i or ctx.sent_id[subj.i] != ctx.sent_id[i]:
        return None
    m = _mention_at(ordered, subj.i)
    if m is not None and len(m.keys) == 1 and _type_ok(st, m.keys[0], kinds):
        return m
    return None


PLURAL_KINDS = ("group", "organization", "country")
PLURAL_OTHERS = frozenset({"those", "these", "others", "many", "some", "them", "people"})


def _plural_ok(st: State, key: str) -> bool:
    d = st.drafts.get(key)
    return d is not None and d.type in PLURAL_KINDS


def _conjoined(ctx: Ctx, st: State, m: MentionDraft, by_root: dict[int, MentionDraft]) -> tuple[str, ...]:
    """The keys of a mention and of the mentions joined to it by "and" ("Russia and China", "Putin and
    Xi"); one key when it stands alone."""
    doc = ctx.doc
    root = doc[m.start:m.end].root
    keys = [m.keys[0]]
    for c in root.children:
        if c.dep_ == "conj":
            other = by_root.get(c.i)
            if other is None:
                return ()  # joined to something that is not an actor: "Kenya and its neighbours"
            keys.append(other.keys[0])
    return tuple(dict.fromkeys(keys))


def resolve_plural_pronouns(ctx: Ctx, st: State) -> None:
    """"they"/"their" to a plural antecedent, conservatively (see coref.yaml)."""
    doc, kb = ctx.doc, ctx.kb
    if not kb.plural_pronouns:
        return
    single = [m for m in st.mentions if len(m.keys) == 1]
    by_root = {doc[m.start:m.end].root.i: m for m in single}
    by_sent: dict[int, list[MentionDraft]] = {}
    for m in sorted(single, key=lambda m: m.start):
        by_sent.setdefault(ctx.sent_id[m.start], []).append(m)
    for i in ctx.indices(kb.plural_pronouns):
        possessive = kb.plural_pronouns[ctx.lower[i]]
        if st.claimed[i] or ctx.pos[i] != "PRON":
            continue
        if (possessive and ctx.dep[i] != "poss") or (not possessive and ctx.dep[i] not in SUBJECT):
            continue
        if _in_quote(ctx, i):
            continue  # "they" inside a quotation speaks of someone the speaker knows, not the text
        sid = ctx.sent_id[i]
        here = [m for m in by_sent.get(sid, []) if m.end <= i]
        keys: tuple[str, ...] = ()
        bound_here = False
        if possessive:
            own = i + 1 < len(doc) and ctx.lower[i + 1] == "own"
            # only "their own" or the owner of a verb's object ("refuse to give up their rifles"); in a phrase
            # ("attacked Saudi troops near their base") either group may own it
            bound = _binding_subject(ctx, None, i, here, own=own) if own or doc[i].head.dep_ == "dobj" else None
            inside = {t.i for t in doc[bound.start:bound.end].root.subtree} if bound is not None else set()
            if bound is not None and not own and any(
                    m.keys[0] != bound.keys[0] and m.start not in inside and st.drafts.get(m.keys[0]) is not None
                    and st.drafts[m.keys[0]].type == "group" for m in here):
                bound = None  # "stopped Turkish troops and seized their weapons": either group's
            if bound is not None:
                # "Kurdish fighters closed the gap between Isis and their own lines": the subject's
                bound_keys = _conjoined(ctx, st, bound, by_root)
                if len(bound_keys) >= 2 or (len(bound_keys) == 1 and st.drafts[bound_keys[0]].type == "group"):
                    keys, bound_here = bound_keys, True
        if possessive and not keys:
            groups = [m for m in here if _plural_party(ctx, st, m)]
            if len({m.keys[0] for m in groups}) == 1:
                keys = (groups[-1].keys[0],)
            elif groups:
                continue  # two groups before it and no syntax to choose: neither
        head_after = -1  # the people noun an antecedent modifies ("Hamas leaders") is no noun in between
        if not keys:
            here_subjects = _subject_mentions(ctx, st, here)
            keys = _plural_subject(ctx, st, [m for m, _ in here_subjects], by_root)
            if keys and here_subjects:
                head_after = here_subjects[-1][1] + 1
        if not keys and sid > 0 and not _has_other_subject(ctx, i):
            prev = _subject_mentions(ctx, st, by_sent.get(sid - 1, []))
            prev_subjects = [t for t in _previous_sentence(ctx, i) if ctx.dep[t] in SUBJECT]
            if prev and prev_subjects and prev[0][1] == prev_subjects[0]:
                keys = _plural_subject(ctx, st, [prev[0][0]], by_root)
                head_after = prev[0][1] + 1
        if keys and not bound_here and _plural_between(ctx, st, keys, i, possessive, head_after):
            keys = ()  # another plural noun stands between: "Germany pledged to try its fighters but warned
            # their repatriation ..." is about the fighters
        if keys:
            st.add(i, i + 1, keys, "pronoun")


def _plural_party(ctx: Ctx, st: State, m: MentionDraft) -> bool:
    """A mention that "their" may own: a group, or an organisation named by a plural body ("Afghan police",
    "Iraqi security forces")."""
    d = st.drafts.get(m.keys[0])
    if d is None:
        return False
    if d.type == "group":
        return True
    root = ctx.doc[m.start:m.end].root
    return d.type == "organization" and (ctx.tag[root.i] in ("NNS", "NNPS") or (ctx.lower[root.i],) in ctx.kb.collectives)


def _subject_mentions(ctx: Ctx, st: State, mentions: list[MentionDraft]) -> list[tuple[MentionDraft, int]]:
    """The mentions that are subjects, each with its subject token: the mention's own root, or the plural
    people noun it modifies ("**Hamas** leaders arrived ... They": the subject is "leaders", its actor
    Hamas), when that noun is no mention of its own and is a collective of roles.yaml or a
    ``plural_referents`` noun."""
    doc = ctx.doc
    out: list[tuple[MentionDraft, int]] = []
    for m in mentions:
        root = doc[m.start:m.end].root
        if root.dep_ in SUBJECT:
            out.append((m, root.i))
            continue
        h = root.head
        if root.dep_ in ("compound", "amod", "poss", "nmod") and h.dep_ in SUBJECT and h.i >= m.end \
                and ctx.tag[h.i] in ("NNS", "NNPS") and not st.claimed[h.i] \
                and ((ctx.lower[h.i],) in ctx.kb.collectives or ctx.lower[h.i] in coref_extra().plural_referents):
            out.append((m, h.i))
    return out


def _in_quote(ctx: Ctx, i: int) -> bool:
    """Token ``i`` sits inside a quotation of its paragraph (curly quotes, or an odd count of straight
    ones)."""
    text = ctx.doc_text
    char = ctx.doc[i].idx
    p0 = text.rfind("\n", 0, char) + 1
    before = text[p0:char]
    o, c = before.rfind("\u201c"), before.rfind("\u201d")
    if o > c:
        return True
    return before.count('"') % 2 == 1


def _plural_between(ctx: Ctx, st: State, keys: tuple[str, ...], i: int, possessive: bool = True,
                    after: int = -1) -> bool:
    """A plural common noun outside every actor mention between the antecedent's last mention before
    ``i`` and ``i``."""
    last = -1
    for m in st.mentions:
        if m.end <= i and any(k in m.keys for k in keys):
            last = max(last, m.end)
    if last < 0:
        return True
    last = max(last, after)
    people = coref_extra().plural_referents
    # only a plural noun that can act stands between: people, a group of them, or a subject ("fired
    # missiles at Riyadh. They ..." is still about the Houthis)
    # (a possessive "their" still yields to any plural noun: "sat out the clashes to protect their ties")
    return any(((ctx.tag[t] == "NNS" and ctx.pos[t] == "NOUN" and (possessive or
        (ctx.lower[t],) in ctx.kb.collectives or ctx.lower[t] in people or ctx.dep[t] in SUBJECT))
        or ctx.lower[t] in PLURAL_OTHERS) and not st.claimed[t] for t in range(last, i))


def _previous_sentence(ctx: Ctx, i: int) -> range:
    """Token range of the sentence before the one holding token ``i``."""
    end = ctx.sent_start[i]
    return range(ctx.sent_start[end - 1], end) if end > 0 else range(0)


def _has_other_subject(ctx: Ctx, i: int) -> bool:
    """A subject before the pronoun in its own sentence that is not an actor ("Ministers met. They ...":
    no; "Protesters gathered and they ..." : yes): the pronoun refers to that, not to an earlier actor."""
    s0 = ctx.sent_start[i]
    return any(ctx.dep[t] in SUBJECT and ctx.pos[t] in ("NOUN", "PROPN") for t in range(s0, i))


def _plural_subject(ctx: Ctx, st: State, subjects: list[MentionDraft],
                    by_root: dict[int, MentionDraft]) -> tuple[str, ...]:
    """The last subject of ``subjects`` as a plural antecedent: conjoined actors, or one group,
    organisation, country or bloc."""
    if not subjects:
        return ()
    m = subjects[-1]
    keys = _conjoined(ctx, st, m, by_root)
    if len(keys) >= 2:
        return keys
    if len(keys) == 1 and _plural_ok(st, keys[0]):
        return keys
    return ()


def resolve_group_descriptions(ctx: Ctx, st: State) -> None:
    """"the rebels", "the troops": the last group actor named with that collective noun."""
    kb = ctx.kb
    if not kb.group_descriptions:
        return
    heads = {k[0] for k in kb.collectives if len(k) == 1}
    for i in ctx.indices(heads):
        if not st.claimed[i] and _bare_military_subject(ctx, i):
            # "Troops also arrested two men near the border": a bare plural subject of military_nouns is
            # the one state's armed force named in the window (nothing when two or more are there)
            key = _single_military_force(ctx, st, i)
            if key is not None:
                _note(st, st.add(i, i + 1, key, "description"))
            continue
        if st.claimed[i] or i == 0 or ctx.lower[i - 1] != "the" or ctx.tag[i] not in ("NNS", "NNPS", "NN"):
            continue
        if i + 1 < len(ctx.doc) and ctx.pos[i + 1] in ("NOUN", "PROPN") and ctx.dep[i + 1] == "compound":
            continue
        if i + 1 < len(ctx.doc) and ctx.dep[i] == "compound":
            continue
        military = ctx.lower[i] in coref_extra().military_nouns
        for m in _recent(ctx, st, i):
            if len(m.keys) != 1:
                continue
            d = st.drafts.get(m.keys[0])
            if military and _military_force(d):
                # "Turkish forces crossed into Syria ... The troops shelled": the nearest armed force of a
                # state, whatever noun named it ("the soldiers" after "the Nigerian army")
                _note(st, st.add(i - 1, i + 1, d.key, "description"))
                break
            if d is not None and d.type == "group" and d.key.startswith("group:") and \
                    ctx.lower[m.end - 1] == ctx.lower[i]:
                _note(st, st.add(i - 1, i + 1, d.key, "description"))
                break
        else:
            if ctx.lower[i] in coref_extra().armed_group_nouns:
                key = _single_armed_group(ctx, st, i)
                if key is not None:
                    _note(st, st.add(i - 1, i + 1, key, "description"))


def _military_force(d: object) -> bool:
    """A draft that is a state's armed force: a group or body of a country in the military sector."""
    key = getattr(d, "key", "")
    return d is not None and key.startswith(("group:", "body:")) and "MIL" in (getattr(d, "sectors", None) or ())


def _bare_military_subject(ctx: Ctx, i: int) -> bool:
    """A plural noun of ``military_nouns`` with no word of its own (no determiner, modifier or possessor)
    that is a clause's subject: "Troops also detained ...", "Soldiers later raided ..."."""
    tok = ctx.doc[i]
    return (ctx.lower[i] in coref_extra().military_nouns and ctx.tag[i] == "NNS" and ctx.dep[i] in ("nsubj", "nsubjpass")
            and not any(c.i < i for c in tok.children))


def _single_military_force(ctx: Ctx, st: State, i: int) -> str | None:
    """The one state's armed force (a group or body of the military sector) named in the window before token
    ``i``; None when none or forces of two or more countries are there."""
    found: dict[str, str] = {}
    for m in _recent(ctx, st, i, ctx.kb.window_sentences):
        if len(m.keys) != 1:
            continue
        d = st.drafts.get(m.keys[0])
        if _military_force(d):
            found.setdefault(getattr(d, "country", None) or d.key, d.key)
    return next(iter(found.values())) if len(found) == 1 else None


def _single_armed_group(ctx: Ctx, st: State, i: int) -> str | None:
    """"the militants", "the rebels" with no group named with that noun: the one armed group the knowledge
    base names (sectors REB, INS, RAD, SEP) in the window, when exactly one is there (else None)."""
    found: set[str] = set()
    for m in _recent(ctx, st, i, ctx.kb.window_sentences):
        if len(m.keys) != 1:
            continue
        d = st.drafts.get(m.keys[0])
        if d is not None and d.key.startswith("org:") and d.type in ("group", "organization") and \
                ARMED_GROUP_SECTORS & set(d.sectors):
            found.add(d.key)
    return next(iter(found)) if len(found) == 1 else None


def _in_coordination(doc: Doc, m: MentionDraft) -> bool:
    root = doc[m.start:m.end].root
    return root.dep_ == "conj" or any(c.dep_ == "conj" for c in root.children)


def _description_start(ctx: Ctx, i: int) -> tuple[int, list[str]] | None:
    """Start of "the X" or "the foreign ministry" (the determiner, then only role modifiers), and the
    modifiers."""
    j = i
    mods: list[str] = []
    while j > 0 and (ctx.lower[j - 1],) in ctx.kb.modifiers and len(mods) < 3:
        j -= 1
        mods.append(fold(ctx.lower[j]))
    if j > 0 and ctx.lower[j - 1] == "the":
        return j - 1, mods
    return None


def _adjective_description_start(ctx: Ctx, i: int) -> tuple[int, list[str]] | None:
    """Start of "the small, rich nation", "the war-torn country", "the oil-rich kingdom": "the" and then
    only adjectives (with commas and hyphens) before a country noun; none of ``description_other``."""
    j = i
    seen_adj = False
    while j > 0 and i - j < 8:
        k = j - 1
        if ctx.pos[k] in ("ADJ", "ADV") or ctx.dep[k] == "amod" or ctx.text[k] in (",", "-", "\u2011") or \
                (ctx.pos[k] == "NOUN" and k + 1 < len(ctx.text) and ctx.text[k + 1] == "-"):
            if ctx.lower[k] in ctx.kb.description_other:
                return None
            seen_adj = seen_adj or ctx.pos[k] == "ADJ" or ctx.dep[k] == "amod"
            j = k
            continue
        break
    if seen_adj and j > 0 and ctx.lower[j - 1] == "the" and ctx.text[j] not in (",", "-"):
        return j - 1, []
    return None


def _pair_start(ctx: Ctx, i: int) -> int | None:
    """Start of "the two X", "both X", "both the X", "the two leading X"."""
    if i >= 2 and ctx.lower[i - 1] == "two" and ctx.lower[i - 2] in ("the", "these", "those"):
        return i - 2
    if i >= 1 and ctx.lower[i - 1] == "both":
        return i - 1
    if i >= 2 and ctx.lower[i - 1] == "the" and ctx.lower[i - 2] == "both":
        return i - 2
    return None


def resolve_descriptions(ctx: Ctx, st: State) -> None:
    doc, kb = ctx.doc, ctx.kb
    window = kb.window_sentences
    last_pair: tuple[int, tuple[str, ...], str] | None = None  # (sentence, keys, kind)
    words = set(kb.plural_pairs) | set(kb.descriptions)
    for i in ctx.indices(words):
        w = ctx.lower[i]
        if st.claimed[i]:
            continue
        nxt_noun = i + 1 < len(doc) and ctx.pos[i + 1] in ("NOUN", "PROPN") and ctx.dep[i + 1] == "compound"
        tag = ctx.tag[i]
        if w in kb.plural_pairs and tag in ("NNS", "NNPS") and not nxt_noun:
            start = _pair_start(ctx, i)
            if start is None or not st.free(start, i + 1):
                continue
            kind = kb.plural_pairs[w]
            sid = ctx.sent_id[i]
            if last_pair is not None and last_pair[2] == kind and sid - last_pair[0] <= window:
                keys = last_pair[1]
            else:
                keys = _pair(ctx, st, kb, i, kind)
            if len(keys) == 2:
                _note(st, st.add(start, i + 1, keys, "plural"))
                last_pair = (sid, keys, kind)
            continue
        if w in kb.descriptions and tag in ("NN", "NNP") and not nxt_noun:
            found = _description_start(ctx, i)
            described = found is None  # "the landlocked country": the writer's variation for the last one named
            if found is None and kb.descriptions[w] in ("country", "named_group"):
                found = _adjective_description_start(ctx, i)
            if found is None or not st.free(found[0], i + 1):
                continue
            start, mods = found
            if _named_by_complement(doc[i]):
                continue  # "the state of emergency", "the president of Kenya": named by its complement
            key = _description(ctx, st, i, w, kb.descriptions[w], mods)
            if key is not None and not described and _rival(ctx, st, i, key, kb.descriptions[w], w, mods):
                key = None  # two antecedents equally good: none
            if key is not None:
                _note(st, st.add(start, i + 1, key, "description"))


def _rival(ctx: Ctx, st: State, i: int, key: str, kind: str, word: str, mods: list[str]) -> bool:
    """Another antecedent as good as ``key``: for "the country" (or any country description) as a subject,
    the main subject of its sentence or of the one before when that is another state ("Russia invaded
    Ukraine. The country has since ...": either); for "the president", another person of that role in the
    window ("Zelensky met Biden. The president ...")."""
    doc = ctx.doc
    if kind == "country" and ctx.dep[i] in SUBJECT and word not in coref_extra().restricted_countries \
            and word not in coref_extra().unique_country_words:
        sid = ctx.sent_id[i]
        for m in _recent(ctx, st, i, 1):
            d = st.drafts.get(m.keys[0]) if len(m.keys) == 1 else None
            if d is None or d.type != "country" or m.kind in ("pronoun", "description"):
                continue
            if ctx.sent_id[m.start] < sid - 1:
                break
            root = doc[m.start:m.end].root
            if root.dep_ in SUBJECT and root.head.dep_ == "ROOT" and not _reported(doc, m):
                return d.key != key
        return False
    if kind == "person":
        for m in _recent(ctx, st, i, ctx.kb.window_sentences):
            d = st.drafts.get(m.keys[0]) if len(m.keys) == 1 else None
            if d is None or d.type != "person" or d.key == key or not d.role:
                continue
            role = {fold(w) for w in d.role.replace(",", " ").split()}
            if fold(word) in role and all(w in role for w in mods):
                return True
    return False


def _named_by_complement(tok: Token) -> bool:
    """A description with an "of" complement that says what it is: a name ("the president of Kenya"), or any
    complement after "the state" ("the state of emergency", "the state of the economy"); "accused the
    country of bad faith" (the verb's "of") still refers back."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            if tok.lower_ == "state":
                return True
            if any(g.pos_ == "PROPN" or g.ent_type_ in ("GPE", "NORP", "ORG", "LOC") for g in c.children
                   if g.dep_ == "pobj"):
                return True
    return False


def _note(st: State, m: MentionDraft) -> None:
    ordered: Ordered | None = getattr(st, "ordered", None)
    if ordered is not None and len(ordered.items) == len(st.mentions) - 1:
        ordered.insert(m)


def _recent(ctx: Ctx, st: State, i: int, window: int | None = None) -> Iterator[MentionDraft]:
    window = ctx.kb.window_sentences + 2 if window is None else window
    ordered: Ordered | None = getattr(st, "ordered", None)
    if ordered is None or len(ordered.items) != len(st.mentions):
        ordered = Ordered(st.mentions)
        st.ordered = ordered  # type: ignore[attr-defined]
    return ordered.back(ctx, i, window)


def _org_words(ctx: Ctx, st: State, key: str) -> set[str]:
    """Folded words of an organisation's name and mentions (cached per document)."""
    cache: dict[str, set[str]] | None = getattr(st, "org_words", None)
    if cache is None or getattr(st, "org_words_n", -1) != len(st.mentions):
        cache = {}
        for mm in st.mentions:
            if len(mm.keys) == 1 and mm.kind not in ("description", "pronoun", "plural"):
                # names only: "the group" resolved once does not make "group" part of the name
                cache.setdefault(mm.keys[0], set()).update(fold(w) for w in ctx.lower[mm.start:mm.end])
        st.org_words, st.org_words_n = cache, len(st.mentions)  # type: ignore[attr-defined]
    d = st.drafts[key]
    return cache.get(key, set()) | {fold(x) for x in d.name.split()}


def _description(ctx: Ctx, st: State, i: int, word: str, kind: str, mods: list[str]) -> str | None:
    if word in coref_extra().unique_country_words:
        return _named_before(ctx, st, i, word) or _unique_country(ctx, st, i)
    if kind == "organization_in_focus":
        return _organization_in_focus(ctx, st, i, word)
    extra = coref_extra()
    allowed = extra.restricted_countries.get(word) if kind == "country" else None
    fallback: str | None = None  # the country of an official or government body in the window
    window = None if kind == "country" else len(ctx.doc) + 1
    if kind == "country" and mods:
        return None
    # "Ankara has widened its military footprint in the country": never the subject of its own clause
    # ... nor the possessor of its object ("Tehran seeks to bolster the country's government" is not Iran)
    owned_object = ctx.dep[i] == "poss" and ctx.doc[i].head.dep_ in OBJECT
    own = _coarguments(ctx.doc, i) if kind in ("country", "named_group") and (
        ctx.dep[i] in OBJECT or owned_object) else set()
    named: str | None = None  # for "the group": the group in focus, when no organisation has the noun
    groups: dict[str, int] = {}
    own_keys = {k for m in st.mentions if m.start in own for k in m.keys}
    passed_own = False
    for m in _recent(ctx, st, i, window):
        if len(m.keys) != 1 or m.keys[0] in own_keys:
            passed_own = passed_own or bool(m.keys and m.keys[0] in own_keys)
            continue
        if passed_own and kind == "country" and (ctx.sent_id[i] - ctx.sent_id[m.start] > 1 or word == "government"):
            # past the subject's own country, only a country just named is meant; "Russia is backing the
            # government" is the government of a place in focus, rarely of a state named before
            return None
        d = st.drafts.get(m.keys[0])
        if d is None:
            continue
        if kind == "country" and fallback is None and d.type != "country" and d.country and d.country != "IGO" \
                and word in extra.government_words and "GOV" in (d.sectors or ()) \
                and ctx.sent_id[i] - ctx.sent_id[m.start] <= ctx.kb.window_sentences:
            fallback = d.country  # "US officials said the administration ...": theirs, when no state is named
        if kind == "country" and d.type == "country":
            if allowed is not None and d.country not in allowed:
                continue  # "the kingdom" after "Yemen ... Riyadh": a monarchy only
            return d.key
        if kind == "igo" and d.type == "organization" and d.country == "IGO":
            return d.key
        if kind in ("organization", "named_group") and d.type in (
                ("organization",) if kind == "organization" else ("organization", "group")):
            words = _org_words(ctx, st, d.key)
            if fold(word) in words and all(w in words for w in mods):
                return d.key
        if kind == "named_group" and d.key.startswith("org:") and (
                d.type in ("group", "organization") and ARMED_OR_POLITICAL & set(d.sectors)) and (
                ctx.sent_id[i] - ctx.sent_id[m.start] <= ctx.kb.window_sentences):
            # "the group", "the movement": the armed or political group most often named in the window,
            # the nearest of those on a tie
            groups[d.key] = groups.get(d.key, 0) + 1
            named = max(groups, key=lambda k: (groups[k], k == named))
        if kind == "person" and d.type == "person" and d.role:
            role = {fold(w) for w in d.role.replace(",", " ").split()}
            if fold(word) in role and all(w in role for w in mods):
                return d.key
    if fallback is not None:
        return _country_draft(ctx, st, fallback)
    return named


def _country_draft(ctx: Ctx, st: State, code: str) -> str | None:
    """The key of the country ``code`` (its draft made from the knowledge base when the article has none)."""
    ckey = f"country:{code}"
    if ckey not in st.drafts:
        e = ctx.kb.entities.get(ckey)
        if e is None:
            return None
        nd = st.draft(ckey, "country")
        nd.kb_name, nd.country, nd.code = e.name, e.country, e.code
    return ckey


def _organization_in_focus(ctx: Ctx, st: State, i: int, word: str) -> str | None:
    """"the organisation": an organisation whose name holds the noun (the nearest), else the organisation or
    group (a knowledge-base ``org:`` actor, no government office) named most often in the window, never the
    subject's own clause; nothing on a tie ("Hamas ... the UN ... the organisation said" names neither)."""
    own = _coarguments(ctx.doc, i) if ctx.dep[i] in OBJECT else set()
    own_keys = {k for m in st.mentions if m.start in own for k in m.keys}
    counts: dict[str, int] = {}
    for m in _recent(ctx, st, i, ctx.kb.window_sentences):
        if len(m.keys) != 1 or m.keys[0] in own_keys:
            continue
        d = st.drafts.get(m.keys[0])
        if d is None or not d.key.startswith("org:") or d.type not in ("organization", "group"):
            continue
        if fold(word) in _org_words(ctx, st, d.key):
            return d.key
        if "GOV" in (d.sectors or ()) and d.country != "IGO":
            continue  # a ministry or a cabinet is no "organisation" of a story
        counts[d.key] = counts.get(d.key, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.values(), reverse=True)
    if len(ranked) > 1 and ranked[0] == ranked[1]:
        return None
    return max(counts, key=lambda k: counts[k])


def _named_before(ctx: Ctx, st: State, i: int, word: str) -> str | None:
    """"the regime" after the article named whose regime it is ("the Assad regime", "Iran's regime", "the
    Syrian regime"): that country, when the article so named exactly one before ``i``."""
    doc = ctx.doc
    found: set[str] = set()
    for t in range(i):
        if ctx.lower[t] != word:
            continue
        toks = [t] + [c.i for c in doc[t].children if c.dep_ in ("amod", "compound", "poss", "nmod") and c.i < t]
        for m in st.mentions:
            if len(m.keys) != 1 or m.kind in ("pronoun", "description") or not any(m.start <= k < m.end for k in toks):
                continue
            d = st.drafts.get(m.keys[0])
            if d is not None and d.country and d.country != "IGO":
                found.add(d.country)
    return _country_draft(ctx, st, next(iter(found))) if len(found) == 1 else None


def _unique_country(ctx: Ctx, st: State, i: int) -> str | None:
    """"the regime", "the junta": the one country (or government of a country) named in the window, never
    the subject's own clause; nothing when two countries are in focus."""
    own = _coarguments(ctx.doc, i) if ctx.dep[i] in OBJECT or (
        ctx.dep[i] == "poss" and ctx.doc[i].head.dep_ in OBJECT) else set()
    found: dict[str, str] = {}
    for m in _recent(ctx, st, i, ctx.kb.window_sentences):
        if len(m.keys) != 1 or m.start in own:
            continue
        d = st.drafts.get(m.keys[0])
        if d is None or not d.country or d.country == "IGO":
            continue
        if d.type == "country" or (d.type == "organization" and "GOV" in (d.sectors or ())):
            found.setdefault(d.country, d.key)
        elif d.type in ("person", "group") or d.type == "organization":
            found.setdefault(d.country, "")  # another country in focus
    keys = [k for k in found.values() if k]
    return keys[0] if len(found) == 1 and keys else None


def _pair(ctx: Ctx, st: State, kb: KnowledgeBase, i: int, kind: str) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[str] = set()
    for m in _recent(ctx, st, i):
        if len(m.keys) != 1:
            continue
        d = st.drafts.get(m.keys[0])
        if d is None:
            continue
        if kind == "persons":
            if d.type == "person" and d.key not in seen:
                seen.add(d.key)
                out.append(d.key)
        else:
            c = d.country
            if not c or f"country:{c}" not in kb.entities or c in seen:
                continue
            seen.add(c)
            ckey = f"country:{c}"
            if ckey not in st.drafts:
                e = kb.entities[ckey]
                nd = st.draft(ckey, "country")
                nd.kb_name, nd.country, nd.code = e.name, e.country, e.code
            out.append(ckey)
        if len(out) == 2:
            break
    return tuple(reversed(out)) if len(out) == 2 else ()


def resolve_possessed_collectives(ctx: Ctx, st: State) -> None:
    """(6) A possessive pronoun that names a country, before a collective noun of roles.yaml ("Turkey said
    its troops would stay", "their forces" after "Russia and ...": only one country) makes the collective a
    group of that country, the same group as "Turkish troops" in the article (same key)."""
    doc, kb = ctx.doc, ctx.kb
    for m in list(st.mentions):
        if m.kind != "pronoun" or len(m.keys) != 1 or m.end != m.start + 1 or ctx.dep[m.start] != "poss":
            continue
        owner = st.drafts.get(m.keys[0])
        if owner is None or owner.type != "country" or not owner.country:
            continue
        head = doc[m.start].head.i
        if head <= m.start or head - m.start > 4 or st.claimed[head] or (ctx.lower[head],) not in kb.collectives:
            continue
        if any(st.claimed[m.start + 1:head + 1]) or ctx.pos[head] not in ("NOUN", "PROPN"):
            continue
        if any(ctx.pos[t] not in ("ADJ", "NOUN", "PROPN") for t in range(m.start + 1, head)):
            continue  # only modifiers between: "its armed forces", "their security forces"
        words = doc[m.start + 1:head + 1].text
        key = f"group:{owner.country}:{fold(words)}"
        d = st.draft(key, "group")
        d.label = d.label or f"{owner.name}'s {words}"
        d.country = owner.country
        for t in range(m.start + 1, head):
            d.add_sectors(kb.modifiers.get((ctx.lower[t],), ()))
        d.add_sectors(kb.collectives[(ctx.lower[head],)])
        st.add(m.start + 1, head + 1, key, "group")


def resolve(doc: Doc, st: State) -> None:
    ctx: Ctx | None = getattr(st, "ctx", None)
    if ctx is None:
        return
    resolve_descriptions(ctx, st)
    resolve_group_descriptions(ctx, st)
    resolve_pronouns(ctx, st)
    resolve_plural_pronouns(ctx, st)
    resolve_possessed_collectives(ctx, st)
