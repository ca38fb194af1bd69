"""``communique_segment``: sentence boundaries that respect the article's layout.

Reads: the tokens and their tags (runs after the tagger, before the parser). Writes:
``token.is_sent_start``. Three rules:

* a token that follows a line break starts a sentence, so a headline, a caption or a subhead never
  merges into the next sentence;
* within a line, a sentence may only start after sentence-final punctuation (``.``, ``!``, ``?``, ``:``,
  ``…``, a token ending in a full stop such as ``U.S.``, or a closing quotation mark or bracket after
  one, unless a lower-case word follows the quotation: its attribution); everywhere else the token is marked as no sentence start, so the parser cannot cut a line in the
  middle of a clause (after a one-word headline it cut ``Iran | and Iraq signed ...``);
* a short label before a colon at the start of a sentence (at most ``_LABEL_MAX`` words, no verb:
  ``The café meeting in München: Russia accused ...``) is not part of the clause after it: when that
  clause opens with a capitalised word and has a finite verb, it starts a new sentence.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

_FINAL = {".", "!", "?", ":", "…", "...", ";"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»", "›"}
_LABEL_MAX = 6
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _may_start(text: list[str], space: list[bool], i: int) -> bool:
    """True when a sentence may start at token ``i`` within a line: the previous word token ends a
    sentence. ``text`` and ``space`` are the tokens' texts and ``is_space`` flags."""
    j = i - 1
    while j >= 0 and space[j]:
        j -= 1
    if j < 0:
        return True
    k = j
    while k >= 0 and text[k] in _CLOSERS:
        k -= 1
    if k < 0:
        return True
    if k < j and text[i][:1].islower():
        return False  # '"Why now?" a trader asked.': the attribution after a quotation
    word = text[k]
    return word in _FINAL or word.endswith((".", "!", "?", "…")) and len(word) > 1


def _is_label(tokens: list[Token]) -> bool:
    words = [t for t in tokens if not t.is_punct]
    if not 0 < len(words) <= _LABEL_MAX:
        return False
    if any(t.tag_.startswith("VB") and t.tag_ != "VBG" or t.tag_ == "MD" for t in tokens):
        return False
    if any(t.text in {'"', "“", "”", "'", "‘", "’", "(", ")"} or t.like_num and ":" in t.text for t in tokens):
        return False
    return tokens[0].text[:1].isupper()


def _clause_follows(doc: Doc, i: int) -> bool:
    """doc[i] opens a clause: a capitalised word, and a finite verb before the end of the line or sentence."""
    tok = doc[i]
    if not (tok.is_alpha and tok.text[:1].isupper()):
        return False
    for t in doc[i + 1:]:
        if t.is_space and "\n" in t.text or t.text in {".", "!", "?"}:
            return False
        if t.tag_ in _FINITE:
            return True
        if "\n" in t.whitespace_:
            return False
    return False


@Language.component(
    "communique_segment",
    assigns=["token.is_sent_start"],
    requires=[],  # the tokens only: it runs before the parser
)
def segment(doc: Doc) -> Doc:
    # the tokens' strings and flags read once: indexing ``doc[i]`` builds a Token each time, which made
    # this loop cost as much as all the other Communiqué components together
    n = len(doc)
    text = [t.text for t in doc]
    space = [t.is_space for t in doc]
    nl_after = [("\n" in t.whitespace_) or (sp and "\n" in tx) for t, sp, tx in zip(doc, space, text, strict=True)]
    value: list[int] = [0] * n  # 1 starts a sentence, -1 starts none, 0 leaves it to the parser
    starts = [0]
    for i in range(1, n):
        if nl_after[i - 1]:
            if not space[i]:
                value[i] = 1
                starts.append(i)
        elif space[i] and "\n" in text[i]:
            value[i] = -1  # a line-break token belongs to the sentence before it
        elif not space[i] and not _may_start(text, space, i):
            value[i] = -1
        elif not space[i] and text[i - 1] in {".", "!", "?"}:
            starts.append(i)
    for s in starts:
        # a short label and a colon opening the sentence: 'Label: Clause with a verb.'
        for k in range(s + 1, min(n - 1, s + _LABEL_MAX + 3)):
            if text[k] == ":":
                if _is_label(list(doc[s:k])) and _clause_follows(doc, k + 1):
                    value[k + 1] = 1
                break
            if space[k] or nl_after[k - 1]:
                break
    if n:
        # one bulk write: the per-token setter asks ``doc.has_annotation("DEP")`` every time, a pass over
        # the whole document, so setting token by token cost O(n²)
        want = np.array(value, dtype="int64")
        current = doc.to_array([SENT_START]).astype("int64")
        doc.from_array([SENT_START], np.where(want != 0, want, current).astype("uint64").reshape(-1, 1))
    return doc
