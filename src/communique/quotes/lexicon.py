"""The cue lexicon of the quotes stage, read once per process from ``data/quotes/*.yaml`` and every
user folder in ``COMMUNIQUE_DATA_DIRS`` (format: the comment at the top of ``data/quotes/cues.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import numpy as np
from spacy.strings import hash_string

from ..errors import ConfigError
from ..knowledge import data_files, load_yaml

_KINDS = {"speech", "thought", "stance", "intent"}
# the quote kind (record field ``kind``) of each cue kind
QUOTE_KINDS = {"speech": "statement", "thought": "belief", "stance": "stance", "intent": "intention"}
_PRONOUN_KINDS = {"person", "group", "plural", "any"}


@dataclass(frozen=True)
class Lexicon:
    """Cue verbs (lemma -> kind), relay verbs, speaker prepositions and pronoun kinds."""

    verbs: dict[str, str] = field(default_factory=dict)
    relays: frozenset[str] = frozenset()
    prepositions: tuple[tuple[str, ...], ...] = ()
    pronouns: dict[str, str] = field(default_factory=dict)
    addressees: frozenset[str] = frozenset()
    object_preps: frozenset[str] = frozenset()
    object_verbs: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    nouns: dict[str, str] = field(default_factory=dict)
    adjectives: dict[str, str] = field(default_factory=dict)
    noun_preps: frozenset[str] = frozenset()
    document_preps: frozenset[str] = frozenset()
    own_documents: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    speaker_nouns: frozenset[str] = frozenset()
    mute_pronouns: frozenset[str] = frozenset()
    partitives: frozenset[str] = frozenset()
    evidence_verbs: frozenset[str] = frozenset()
    trailing_preps: frozenset[str] = frozenset()
    verb_preps: dict[str, frozenset[str]] = field(default_factory=dict)
    pro_objects: frozenset[str] = frozenset()
    experiencers: dict[str, str] = field(default_factory=dict)
    reaction_verbs: frozenset[str] = frozenset()
    evidentials: frozenset[str] = frozenset()
    source_suffixes: tuple[str, ...] = ()
    not_source_nouns: frozenset[str] = frozenset()
    adjective_preps: frozenset[str] = frozenset()
    no_clause_verbs: frozenset[str] = frozenset()
    relay_documents: frozenset[str] = frozenset()
    continuing_verbs: frozenset[str] = frozenset()
    quoted_as_verbs: frozenset[str] = frozenset()
    representative_nouns: frozenset[str] = frozenset()
    elliptic_partitives: frozenset[str] = frozenset()
    role_nouns: frozenset[str] = frozenset()
    gendered_titles: dict[str, str] = field(default_factory=dict)
    salience_sentences: int = 2
    continuation_max_paragraphs: int = 2
    min_quote_tokens: int = 5
    headline_max_tokens: int = 14

    def is_speech(self, lemma: str) -> bool:
        return self.verbs.get(lemma) == "speech"

    @cached_property
    def verb_forms(self) -> dict[str, str]:
        """Regular inflections of the cue verbs (``hopes``, ``hoped``, ``hoping`` -> ``hope``), for
        tokens whose lemma the model got wrong ("hopes" -> "hop")."""
        forms: dict[str, str] = {}
        for lemma in self.verbs:
            if " " in lemma or len(lemma) < 3:
                continue
            stem_e = lemma[:-1] if lemma.endswith("e") and not lemma.endswith("ee") else lemma
            cands = [lemma + ("es" if lemma.endswith(("s", "sh", "ch", "x", "z", "o")) else "s"),
                     lemma + "d" if lemma.endswith("e") else lemma + "ed", stem_e + "ing"]
            if lemma.endswith("y") and lemma[-2] not in "aeiou":
                cands += [lemma[:-1] + "ies", lemma[:-1] + "ied"]
            for f in cands:
                if f not in self.verbs:
                    forms.setdefault(f, lemma)
        return forms

    def verb_lemma(self, tok) -> str:
        """The lemma of a verb token, or the cue verb it is a regular form of when the model's lemma
        is no cue."""
        lemma = tok.lemma_.lower()
        if lemma in self.verbs:
            return lemma
        low = tok.lower_
        return low if low in self.verbs else self.verb_forms.get(low, lemma)

    def hashes(self) -> tuple[np.ndarray, np.ndarray]:
        """(cue verb lemma hashes, first-word hashes of the prepositions), for array lookups."""
        return self._hashes

    def word_hashes(self) -> tuple[np.ndarray, np.ndarray]:
        """(cue noun lemma hashes, cue adjective hashes), for array lookups."""
        return self._word_hashes

    @cached_property
    def _word_hashes(self) -> tuple[np.ndarray, np.ndarray]:
        return (np.array([hash_string(v) for v in self.nouns], dtype=np.uint64),
                np.array([hash_string(v) for v in self.adjectives], dtype=np.uint64))

    @cached_property
    def _hashes(self) -> tuple[np.ndarray, np.ndarray]:
        verbs = np.array([hash_string(v) for v in [*self.verbs, *self.verb_forms, *self.experiencers, *self.evidentials]],
                         dtype=np.uint64)
        firsts = np.array(sorted({hash_string(p[0]) for p in self.prepositions}
                                 | {hash_string(p) for p in self.document_preps}), dtype=np.uint64)
        return verbs, firsts


def _word(v: object) -> str:
    """A list entry as a lower-case word. YAML 1.1 reads a bare ``on`` or ``off`` as a boolean, so
    ``[on]`` arrives as ``[True]``: booleans are turned back into the words."""
    if isinstance(v, bool):
        return "on" if v else "off"
    return str(v).lower()


def build_lexicon(documents: list[tuple[str, dict]]) -> Lexicon:
    """Merge parsed cue files (``(name, mapping)`` pairs, earlier first; later entries win)."""
    verbs: dict[str, str] = {}
    relays: set[str] = set()
    preps: list[tuple[str, ...]] = []
    pronouns: dict[str, str] = {}
    addressees: set[str] = set()
    object_preps: set[str] = set()
    object_verbs: set[str] = set()
    document_nouns: set[str] = set()
    own_documents: set[str] = set()
    source_nouns: set[str] = set()
    speaker_nouns: set[str] = set()
    mute_pronouns: set[str] = set()
    partitives: set[str] = set()
    evidence_verbs: set[str] = set()
    trailing: set[str] = set()
    verb_preps: dict[str, frozenset[str]] = {}
    pro_objects: set[str] = set()
    not_sources: set[str] = set()
    suffixes: list[str] = []
    word_tables: dict[str, dict[str, str]] = {"nouns": {}, "adjectives": {}, "experiencer_verbs": {}}
    reaction_verbs: set[str] = set()
    no_clause: set[str] = set()
    relay_docs: set[str] = set()
    continuing: set[str] = set()
    quoted_as: set[str] = set()
    representatives: set[str] = set()
    elliptic: set[str] = set()
    role_nouns: set[str] = set()
    gendered: dict[str, str] = {}
    salience = 2
    evidentials: set[str] = set()
    word_preps: dict[str, set[str]] = {"noun_prepositions": set(), "adjective_prepositions": set(),
                                       "document_prepositions": set()}
    cont, min_tokens, headline_max = 2, 5, 14
    for name, doc in documents:
        if not isinstance(doc, dict):
            raise ConfigError(f"{name}: a quotes cue file must be a mapping")
        for lemma, kind in (doc.get("verbs") or {}).items():
            if kind not in _KINDS:
                raise ConfigError(f"{name}: verb {lemma!r} has kind {kind!r}, expected one of {sorted(_KINDS)}")
            verbs[str(lemma).lower()] = kind
        relays.update(str(r).lower() for r in doc.get("relays") or [])
        for p in doc.get("prepositions") or []:
            words = tuple(str(p).lower().split())
            if words and words not in preps:
                preps.append(words)
        for pron, kind in (doc.get("pronouns") or {}).items():
            if kind not in _PRONOUN_KINDS:
                raise ConfigError(f"{name}: pronoun {pron!r} has kind {kind!r}, expected one of {sorted(_PRONOUN_KINDS)}")
            pronouns[str(pron).lower()] = kind
        for key, table in word_tables.items():
            for word, kind in (doc.get(key) or {}).items():
                if kind not in _KINDS:
                    raise ConfigError(f"{name}: {key} entry {word!r} has kind {kind!r}, expected one of {sorted(_KINDS)}")
                table[str(word).lower()] = kind
        for key, preps_ in word_preps.items():
            preps_.update(_word(v) for v in doc.get(key) or [])
        addressees.update(_word(v) for v in doc.get("addressee_verbs") or [])
        document_nouns.update(_word(v) for v in doc.get("document_nouns") or [])
        own_documents.update(_word(v) for v in doc.get("own_documents") or [])
        source_nouns.update(_word(v) for v in doc.get("source_nouns") or [])
        speaker_nouns.update(_word(v) for v in doc.get("speaker_nouns") or [])
        mute_pronouns.update(_word(v) for v in doc.get("mute_pronouns") or [])
        partitives.update(_word(v) for v in doc.get("partitives") or [])
        evidence_verbs.update(_word(v) for v in doc.get("evidence_verbs") or [])
        trailing.update(_word(v) for v in doc.get("trailing_prepositions") or [])
        for verb, preps_ in (doc.get("verb_prepositions") or {}).items():
            if not isinstance(preps_, list):
                raise ConfigError(f"{name}: verb_prepositions entry {verb!r} must be a list of prepositions")
            verb_preps[str(verb).lower()] = verb_preps.get(str(verb).lower(), frozenset()) | {
                _word(v) for v in preps_}
        not_sources.update(_word(v) for v in doc.get("not_source_nouns") or [])
        suffixes.extend(_word(v) for v in doc.get("source_suffixes") or [] if _word(v) not in suffixes)
        object_verbs.update(_word(v) for v in doc.get("object_verbs") or [])
        object_preps.update(_word(v) for v in doc.get("object_prepositions") or [])
        pro_objects.update(_word(v) for v in doc.get("pro_objects") or [])
        reaction_verbs.update(_word(v) for v in doc.get("reaction_verbs") or [])
        evidentials.update(_word(v) for v in doc.get("evidential_verbs") or [])
        no_clause.update(_word(v) for v in doc.get("no_clause_verbs") or [])
        relay_docs.update(_word(v) for v in doc.get("relay_documents") or [])
        continuing.update(_word(v) for v in doc.get("continuing_verbs") or [])
        quoted_as.update(_word(v) for v in doc.get("quoted_as_verbs") or [])
        representatives.update(_word(v) for v in doc.get("representative_nouns") or [])
        elliptic.update(_word(v) for v in doc.get("elliptic_partitives") or [])
        role_nouns.update(_word(v) for v in doc.get("role_nouns") or [])
        for title, pron in (doc.get("gendered_titles") or {}).items():
            if str(pron).lower() not in {"he", "she"}:
                raise ConfigError(f"{name}: gendered_titles entry {title!r} must be he or she, not {pron!r}")
            gendered[_word(title)] = str(pron).lower()
        salience = int(doc.get("salience_sentences", salience))
        cont = int(doc.get("continuation_max_paragraphs", cont))
        min_tokens = int(doc.get("min_quote_tokens", min_tokens))
        headline_max = int(doc.get("headline_max_tokens", headline_max))
    return Lexicon(verbs=verbs, relays=frozenset(relays), prepositions=tuple(preps), pronouns=pronouns,
                   addressees=frozenset(addressees), object_preps=frozenset(object_preps),
                   object_verbs=frozenset(object_verbs), document_nouns=frozenset(document_nouns),
                   nouns=word_tables["nouns"], adjectives=word_tables["adjectives"],
                   noun_preps=frozenset(word_preps["noun_prepositions"]),
                   adjective_preps=frozenset(word_preps["adjective_prepositions"]),
                   document_preps=frozenset(word_preps["document_prepositions"]),
                   own_documents=frozenset(own_documents), source_nouns=frozenset(source_nouns),
                   speaker_nouns=frozenset(speaker_nouns), mute_pronouns=frozenset(mute_pronouns),
                   partitives=frozenset(partitives), evidence_verbs=frozenset(evidence_verbs),
                   trailing_preps=frozenset(trailing), verb_preps=verb_preps, pro_objects=frozenset(pro_objects),
                   experiencers=word_tables["experiencer_verbs"], reaction_verbs=frozenset(reaction_verbs),
                   evidentials=frozenset(evidentials), no_clause_verbs=frozenset(no_clause),
                   relay_documents=frozenset(relay_docs), continuing_verbs=frozenset(continuing),
                   quoted_as_verbs=frozenset(quoted_as), representative_nouns=frozenset(representatives),
                   elliptic_partitives=frozenset(elliptic),
                   source_suffixes=tuple(suffixes), not_source_nouns=frozenset(not_sources),
                   role_nouns=frozenset(role_nouns), gendered_titles=gendered, salience_sentences=salience,
                   continuation_max_paragraphs=cont, min_quote_tokens=min_tokens,
                   headline_max_tokens=headline_max)


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """The process-wide lexicon (bundled files first, then user folders)."""
    docs = [(str(p), load_yaml(p)) for p in data_files("quotes") if p.suffix in {".yaml", ".yml"}]
    return build_lexicon(docs)
