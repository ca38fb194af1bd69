"""A candidate event: the pattern that fired at a token with the arguments found for it, before it is
split into one mention per source-target pair (see :mod:`.coder`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from .patterns import Pattern
from .resolve import Arg

__all__ = ["Candidate"]


@dataclass
class Candidate:
    pat: Pattern
    head: Token
    anchor: Token
    sources: list[Arg]
    targets: list[Arg]
    src_path: str = ""
    tgt_path: str = ""
    inherited: bool = False
    notes: list[str] = field(default_factory=list)
    domestic_target: Token | None = None  # an unnamed group of people the source acts on at home
    theme_nouns: list[Token] = field(default_factory=list)  # event nouns the target was read through
    open_target: bool = False  # no target stated, and the type is coded without one (grammar.yaml)
    reciprocal: bool = False  # joint sources act on each other ("Israel and Hezbollah fought")
    sourceless: bool = False  # an agentless act coded with a null source (grammar.yaml null_source)
