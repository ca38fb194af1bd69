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

from spacy.language import Language
from spacy.tokens import Doc, Token

_FINAL = {".", "!", "?", ":", "…", "...", ";"}
_CLOSERS = {'"', "'", "”", "’", ")", "]", "»", "›"}
_LABEL_MAX = 6
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


def _line_break_before(doc: Doc, i: int) -> bool:
    prev = doc[i - 1]
    return "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)


def _may_start(doc: Doc, i: int) -> bool:
    """True when a sentence may start at doc[i] within a line: the previous word token ends a sentence."""
    j = i - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j < 0:
        return True
    k = j
    while k >= 0 and doc[k].text in _CLOSERS:
        k -= 1
    if k < 0:
        return True
    if k < j and doc[i].text[:1].islower():
        return False  # '"Why now?" a trader asked.': the attribution after a quotation
    tok = doc[k]
    return tok.text in _FINAL or tok.text.endswith((".", "!", "?", "…")) and len(tok.text) > 1


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
)
def segment(doc: Doc) -> Doc:
    starts = [0]
    for i in range(1, len(doc)):
        if _line_break_before(doc, i):
            if not doc[i].is_space:
                doc[i].is_sent_start = True
                starts.append(i)
        elif doc[i].is_space and "\n" in doc[i].text:
            # a line-break token belongs to the sentence before it
            doc[i].is_sent_start = False
        elif not doc[i].is_space and not _may_start(doc, i):
            doc[i].is_sent_start = False
        elif not doc[i].is_space and doc[i - 1].text in {".", "!", "?"}:
            starts.append(i)
    for s in starts:
        # a short label and a colon opening the sentence: 'Label: Clause with a verb.'
        for k in range(s + 1, min(len(doc) - 1, s + _LABEL_MAX + 3)):
            if doc[k].text == ":":
                if _is_label(list(doc[s:k])) and _clause_follows(doc, k + 1):
                    doc[k + 1].is_sent_start = True
                break
            if doc[k].is_space or _line_break_before(doc, k):
                break
    return doc
