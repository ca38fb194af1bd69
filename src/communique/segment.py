"""``communique_segment``: sentence boundaries that respect the article's layout.

Reads: the tokens (runs before the parser). Writes: ``token.is_sent_start``. A token that follows a
line break starts a sentence, so a headline, a caption or a subhead never merges into the next
sentence; the parser still splits sentences within a line.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component(
    "communique_segment",
    assigns=["token.is_sent_start"],
)
def segment(doc: Doc) -> Doc:
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not doc[i].is_space:
                doc[i].is_sent_start = True
        elif doc[i].is_space and "\n" in doc[i].text:
            # a line-break token belongs to the sentence before it
            doc[i].is_sent_start = False
    return doc
