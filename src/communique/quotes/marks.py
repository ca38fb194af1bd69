"""Quotation marks: pair opening and closing marks into verbatim spans, on the raw text.

Handles curly and straight double quotes, low-9 and guillemets, curly single quotes and (carefully)
straight single quotes, quotations nested one level inside another (kept inside the outer one), and
quotations over several paragraphs: a paragraph that opens a quotation and does not close it continues
into the next paragraph when that paragraph opens with a quotation mark again (the news convention).
One pass over the quotation-mark characters of the text; nothing per token.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = re.compile("''|``|[\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a]")
_DOUBLE_OPEN = {"\u201c", "\u201e", "\u00ab", "``"}
_DOUBLE_CLOSE = {"\u201d", "\u00bb"}
_SINGLE_OPEN = {"\u2018", "\u201a", "\u2039"}
_SINGLE_CLOSE = {"\u2019", "\u203a"}
_OPENERS = _DOUBLE_OPEN | _SINGLE_OPEN | {'"', "'", "`"}
_STRAIGHT_DOUBLE = {'"', "''"}  # "''" is the doubled apostrophe some papers print for a double quote
QUOTE_CHARS = frozenset("\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a")


@dataclass(frozen=True)
class Verbatim:
    """A quotation: ``start``/``end`` are the offsets of the words inside the marks; ``open``/``close``
    the offsets of the opening mark and just after the closing mark (``closed`` False when the
    paragraph ended first)."""

    start: int
    end: int
    open: int
    close: int
    closed: bool = True


def _is_word(ch: str) -> bool:
    return ch.isalnum()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def find_verbatim(text: str) -> list[Verbatim]:
    """Every top-level quotation in ``text``, in order."""
    marks = [(m.start(), m.group()) for m in _MARKS.finditer(text)]
    if not marks:
        return []
    paras = _paragraphs(text)
    out: list[Verbatim] = []
    mi = 0
    carry: int | None = None  # open offset of a quotation continuing from the previous paragraph
    carry_width = 1
    for pi, (ps, pe) in enumerate(paras):
        while mi < len(marks) and marks[mi][0] < ps:
            mi += 1
        dbl: tuple[int, str] | None = None  # open double quotation (offset, mark)
        sgl: tuple[int, str] | None = None  # open top-level single quotation
        first_open: int | None = None
        while mi < len(marks) and marks[mi][0] < pe:
            pos, ch = marks[mi]
            mi += 1
            width = len(ch)
            prev = text[pos - 1] if pos > ps else " "
            nxt = text[pos + width] if pos + width < pe else " "
            if dbl is None and sgl is None:
                if ch in _DOUBLE_OPEN or (ch in _STRAIGHT_DOUBLE and not nxt.isspace()):
                    dbl = (pos, ch)
                elif ch in _SINGLE_OPEN and not _is_word(prev):
                    sgl = (pos, ch)
                elif ch == "'" and not _is_word(prev) and _is_word(nxt):
                    sgl = (pos, ch)
                if first_open is None and (dbl or sgl):
                    first_open = pos
                continue
            if dbl is not None:
                is_close = ch in _DOUBLE_CLOSE or (ch in _STRAIGHT_DOUBLE and (not prev.isspace() or nxt.isspace()))
                if dbl[1] == "\u201e" and ch == "\u201c":  # German: low-9 opens, high-6 closes
                    is_close = True
                if ch in _DOUBLE_OPEN and prev.isspace() and dbl[1] != ch:
                    is_close = False
                if is_close:
                    start = dbl[0] if carry is None or dbl[0] != first_open else carry
                    out.append(Verbatim(start + (len(dbl[1]) if start == dbl[0] else carry_width), pos, start,
                                        pos + width))
                    dbl, carry = None, None
                continue
            # a top-level single quotation is open: only its closer matters
            assert sgl is not None
            if ch in _SINGLE_CLOSE and not _is_word(nxt):
                out.append(Verbatim(sgl[0] + 1, pos, sgl[0], pos + 1))
                sgl = None
            elif ch == "'" and sgl[1] == "'" and not _is_word(nxt) and not prev.isspace():
                out.append(Verbatim(sgl[0] + 1, pos, sgl[0], pos + 1))
                sgl = None
        if dbl is not None:
            start = dbl[0] if carry is None or dbl[0] != first_open else carry
            inner = start + (len(dbl[1]) if start == dbl[0] else carry_width)
            nps = paras[pi + 1][0] if pi + 1 < len(paras) else None
            if nps is not None and text[nps] in _OPENERS and text[nps] not in {"'"}:
                if start == dbl[0]:
                    carry_width = len(dbl[1])
                carry = start  # the next paragraph goes on with this quotation
                continue
            out.append(Verbatim(inner, pe, start, pe, closed=False))
            carry = None
        else:
            carry = None
    return out
