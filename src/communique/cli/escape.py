"""Text from documents made safe for a terminal: control characters (an ANSI or OSC escape sequence
in an article can set the terminal's title, move the cursor or hide text) are shown as ``\\x1b``-style
escapes instead of being sent to the terminal. Newlines and tabs stay."""

from __future__ import annotations

import re

import typer

# C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides that reorder what
# a line shows (U+202A-U+202E, U+2066-U+2069)
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def term_safe(text: str) -> str:
    """``text`` with every control character escaped (``\\x1b``, ``\\u202e``); tab and newline kept."""
    return _UNSAFE.sub(_escape, text)


def echo(text: str = "", *, err: bool = False) -> None:
    """``typer.echo`` of ``text`` made terminal-safe."""
    typer.echo(term_safe(text), err=err)
