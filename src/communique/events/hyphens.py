"""Hyphenated words of the event lexicon, kept whole by the tokenizer and looked up under their head.

spaCy splits a hyphen between letters, so "co-operate" reaches the parser as three tokens ("co", "-",
"operate"), which it parses as unrelated words; no pattern on "co-operate", "cease-fire" or "de-escalate"
could fire, and "co-operation" never met the lexicon's "cooperation". :func:`hyphen_forms` lists every
inflected form of the lexicon's hyphenated heads (and of the heads that news also writes with a hyphen
after a prefix, ``data/events/hyphens.yaml``) with the head it spells; :func:`add_hyphen_words` makes each
form one token; :func:`hyphen_head` gives the head of such a token to the coder.

Reads: the pattern files and ``hyphens.yaml``. Writes: tokenizer special cases (``add_hyphen_words``).
"""

from __future__ import annotations

import logging
from functools import lru_cache

from spacy.language import Language
from spacy.symbols import ORTH
from spacy.tokens import Token

from ..knowledge import data_files, load_yaml
from .grammar import GrammarError
from .patterns import load_patterns

log = logging.getLogger(__name__)

_VOWELS = set("aeiou")


def _verb_forms(word: str) -> set[str]:
    """The inflections of a verb written as ``word`` (its last part inflects: "air-drop" -> "air-dropped")."""
    forms = {word, word + ("es" if word.endswith(("s", "sh", "ch", "x", "z")) else "s")}
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    elif word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
        forms |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        last = word.rsplit("-", 1)[-1]
        # a short closed syllable doubles its consonant ("drop" -> "dropped", "arm" does not)
        if len(last) <= 4 and len(last) >= 3 and last[-1] not in _VOWELS | {"w", "x", "y"} \
                and last[-2] in _VOWELS and last[-3] not in _VOWELS:
            forms |= {word + last[-1] + "ed", word + last[-1] + "ing"}
    return forms


def _noun_forms(word: str) -> set[str]:
    if word.endswith("s"):
        return {word}
    return {word, word + ("es" if word.endswith(("sh", "ch", "x", "z")) else "s")}


@lru_cache(maxsize=1)
def _settings() -> tuple[tuple[str, ...], int, dict[str, str], frozenset[str], frozenset[str]]:
    """``events/hyphens.yaml`` of the package and of every user data folder: prefixes, words, ``before_any``
    and ``not_split`` add up, a later ``min_rest`` wins."""
    prefixes: list[str] = []
    min_rest = 4
    words: dict[str, str] = {}
    before_any: set[str] = set()
    not_split: set[str] = set()
    for path in data_files("events/hyphens.yaml"):
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise GrammarError(f"{path}: expected a mapping")
        prefixes.extend(str(p).lower() for p in data.get("prefixes") or () if str(p).lower() not in prefixes)
        min_rest = int(data.get("min_rest", min_rest))
        words.update({str(k).lower(): str(v).lower() for k, v in (data.get("words") or {}).items()})
        before_any.update(str(p).lower() for p in data.get("before_any") or ())
        not_split.update(str(w).lower() for w in data.get("not_split") or ())
    return tuple(prefixes), min_rest, words, frozenset(before_any), frozenset(not_split)


@lru_cache(maxsize=1)
def hyphen_forms() -> dict[str, str]:
    """Every hyphenated surface form (lower case) the lexicon can head, mapped to the head it is looked up
    under: "co-operated" -> "cooperate", "cease-fires" -> "cease-fire", "re-imposing" -> "reimpose"."""
    prefixes, min_rest, words, before_any, not_split = _settings()
    pats = load_patterns()
    out: dict[str, str] = {}

    def add(written: str, head: str, verb: bool) -> None:
        for form in (_verb_forms(written) if verb else _noun_forms(written)):
            out.setdefault(form, head)

    heads = set(pats.verbs) | set(pats.nouns)
    for verb, index in ((True, pats.verbs), (False, pats.nouns)):
        for head in index:
            if " " in head:
                continue
            if "-" in head:
                add(head, head, verb)
                continue
            for p in prefixes:
                rest = head[len(p):]
                if not head.startswith(p) or len(rest) < min_rest or rest[0] == "-" or f"{p}-{rest}" in not_split:
                    continue
                # a hyphen goes where the prefix meets a vowel ("co-operate", "re-impose") or a word of its
                # own ("re-deploy"), never inside a word ("condemn" is no "co-ndemn")
                if rest[0] in "aeiou" or rest in heads or p in before_any:
                    add(f"{p}-{rest}", head, verb)
    for written, head in words.items():
        add(written, head, head in pats.verbs)
    return out


def add_hyphen_words(nlp: Language) -> int:
    """Keep every form of :func:`hyphen_forms` one token (lower case, capitalised and upper case);
    returns how many special cases were added."""
    n = 0
    for form in hyphen_forms():
        for variant in {form, form[:1].upper() + form[1:], form.upper()}:
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
            n += 1
    log.debug("%d hyphenated forms kept whole", n)
    return n


def hyphen_head(tok: Token) -> str | None:
    """The lexicon head a hyphenated token spells ("Co-operation" -> "cooperation"), or None."""
    if "-" not in tok.text:
        return None
    return hyphen_forms().get(tok.lower_)
