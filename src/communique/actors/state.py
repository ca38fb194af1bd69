"""Working state shared by the two actor components, and its conversion to the public interface
(``doc._.actors`` records and ``doc.spans["actors"]``)."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ..records import Actor, Mention
from .kb import fold, make_code

SPAN_KEY = "actors"


@dataclass
class Draft:
    """An actor being built: identity, attributes and token-offset mentions."""

    key: str
    type: str
    country: str | None = None
    sectors: list[str] = field(default_factory=list)
    role: str | None = None
    office: str | None = None
    code: str | None = None  # explicit code from the knowledge base
    kb_name: str | None = None  # name from the knowledge base
    names: list[str] = field(default_factory=list)  # proper names seen in the text
    label: str | None = None  # name built from a description ("defence ministry")
    role_from_text: bool = False
    first: int = 10**9
    fallback: str | None = None  # text of the first mention, when nothing better is known
    title_country: str | None = None  # the country the title alone names ("Foreign Secretary" -> GBR)
    org: str | None = None  # entity key of the IGO, group or people a person heads or speaks for

    def add_sectors(self, sectors: tuple[str, ...] | list[str]) -> None:
        for s in sectors:
            if s and s not in self.sectors:
                self.sectors.append(s)

    @property
    def name(self) -> str:
        if self.type == "person" and self.names:
            # on a tie the form the article writes beats the knowledge base's spelling ("Bekir Bozdağ")
            return max(self.names, key=lambda n: (len(n.split()), len(n), n != self.kb_name))
        if self.kb_name:
            return _known_name(self.kb_name, self.names)
        if self.names:
            return max(self.names, key=lambda n: (len(n.split()), len(n)))
        return self.label or self.role or self.fallback or self.key


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(text))} - {"the", "of", "and"}


def _known_name(kb_name: str, forms: list[str]) -> str:
    """A known country or organisation is named as the article names it ("Britain", "Burma") unless the
    article also uses the knowledge base's name or only abbreviations ("US", "U.S.", "DRC")."""
    kw = _words(kb_name)
    full = [f for f in forms if "." not in f and not (f.isupper() and len(f) <= 5)]
    if not full or any(kw <= _words(f) for f in forms):
        return kb_name
    return max(full, key=lambda f: (len(f.split()), len(f)))


@dataclass
class MentionDraft:
    start: int  # token offsets
    end: int
    keys: tuple[str, ...]
    kind: str  # name, adjective, possessive, metonym, title, surname, pronoun, description, plural, group


@dataclass
class State:
    drafts: dict[str, Draft] = field(default_factory=dict)
    mentions: list[MentionDraft] = field(default_factory=list)
    claimed: bytearray = field(default_factory=bytearray)

    def draft(self, key: str, type_: str) -> Draft:
        d = self.drafts.get(key)
        if d is None:
            d = Draft(key=key, type=type_)
            self.drafts[key] = d
        return d

    def free(self, start: int, end: int) -> bool:
        return not any(self.claimed[start:end])

    def add(self, start: int, end: int, keys: tuple[str, ...] | str, kind: str) -> MentionDraft:
        if isinstance(keys, str):
            keys = (keys,)
        m = MentionDraft(start, end, keys, kind)
        self.mentions.append(m)
        for i in range(start, end):
            self.claimed[i] = 1
        for k in keys:
            d = self.drafts[k]
            d.first = min(d.first, start)
        return m

    def merge(self, src: str, dst: str) -> None:
        """Fold draft ``src`` into ``dst``; mentions follow."""
        if src == dst or src not in self.drafts:
            return
        a, b = self.drafts.pop(src), self.drafts[dst]
        b.names += [n for n in a.names if n not in b.names]
        b.add_sectors(a.sectors)
        b.country = b.country or a.country
        if a.role and (not b.role or (a.role_from_text and not b.role_from_text)):
            b.role, b.role_from_text = a.role, a.role_from_text
        b.office = b.office or a.office
        b.title_country = b.title_country or a.title_country
        b.org = b.org or a.org
        b.first = min(a.first, b.first)
        for m in self.mentions:
            if src in m.keys:
                m.keys = tuple(dict.fromkeys(dst if k == src else k for k in m.keys))


_STATES: weakref.WeakKeyDictionary[Doc, State] = weakref.WeakKeyDictionary()


def set_state(doc: Doc, state: State) -> None:
    _STATES[doc] = state


def get_state(doc: Doc) -> State | None:
    return _STATES.get(doc)


def drop_state(doc: Doc) -> None:
    """Forget the working state once the result is written. It must not outlive its component: the state
    refers to the Doc (through its lookups), and a WeakKeyDictionary's values are strong references, so a
    kept state would keep every coded Doc alive."""
    _STATES.pop(doc, None)


def finalise(doc: Doc, state: State) -> None:
    """Write ``doc._.actors`` (ids in order of first mention) and ``doc.spans["actors"]``."""
    used = {k for m in state.mentions for k in m.keys}
    drafts = sorted((d for d in state.drafts.values() if d.key in used), key=lambda d: d.first)
    ids = {d.key: f"a{i + 1}" for i, d in enumerate(drafts)}
    mentions = sorted(state.mentions, key=lambda m: (m.start, m.end))
    by_key: dict[str, list[Mention]] = {d.key: [] for d in drafts}
    spans: list[Span] = []
    seen: set[tuple[int, int]] = set()
    for m in mentions:
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        span = doc[m.start:m.end]
        rec = Mention(start=span.start_char, end=span.end_char, text=span.text)
        for k in m.keys:
            by_key[k].append(rec)
        if len(m.keys) == 1:
            span._.actor_id = ids[m.keys[0]]
        else:
            span._.actor_ids = [ids[k] for k in m.keys]
        spans.append(span)
    actors = []
    for d in drafts:
        if d.fallback is None and by_key[d.key]:
            d.fallback = by_key[d.key][0].text
        code = d.code or make_code(d.country, d.sectors)
        actors.append(Actor(id=ids[d.key], name=d.name, type=d.type, country=d.country, sector=list(d.sectors),
                            role=d.role, code=code, mentions=by_key[d.key]))
    doc._.actors = actors
    doc.spans[SPAN_KEY] = spans
