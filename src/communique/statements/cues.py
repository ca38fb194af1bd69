"""Cue files of the statement-act step: ``data/statements/<type>.yaml`` (format in ``docs/statements.md``).

A cue is a phrase written as positions separated by spaces; a position lists alternatives with ``|``
and matches a token by its lower-case text or its lemma; ``...`` lets up to :data:`MAX_GAP` tokens pass.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import ConfigError
from ..knowledge import data_files, load_yaml

log = logging.getLogger(__name__)

#: the verbal PLOVER types a statement can perform
STATEMENT_TYPES = ("ACCUSE", "REJECT", "REQUEST", "THREATEN", "SUPPORT", "AGREE", "CONSULT")
#: where a target may be looked for (``prep:with|to`` names prepositions)
TARGET_WAYS = ("subject", "object", "addressee", "content", "prep", "about", "clause")
#: most tokens a ``...`` lets pass
MAX_GAP = 3
GAP = "..."


@dataclass(frozen=True)
class Cue:
    """One cue phrase of a group: positions of alternatives (``None`` for a gap)."""

    id: str
    text: str
    positions: tuple[frozenset[str] | None, ...]
    type: str
    cameo: str
    mode: str | None
    target: tuple[str, ...]
    optional: bool
    modal: bool
    source_file: str
    #: the speaker does the act ("we will respond", "we salute ..."): the clause's subject must be the
    #: speaker's side, and the target is found elsewhere
    speaker_acts: bool = False
    #: verbs after a modal that make no demand ("must be", "should know")
    not_verbs: frozenset[str] = frozenset()
    #: subject nouns (lemmas) that name a country's people, not a side that can be asked to act: "the
    #: Syrian people will have to determine their own future" demands nothing of Syria
    not_subjects: frozenset[str] = frozenset()
    #: the cue is the statement's reporting verb ("warned that ..."), not words of its content
    reporting: bool = False
    #: for a reporting cue: words (text or lemma) one of which the content must hold ...
    needs: frozenset[str] = frozenset()
    #: ... or an event of one of these types the events stage coded in the content
    needs_types: frozenset[str] = frozenset()
    #: only a state or political speaker performs it (the sectors of ``reported_acts``): a UN agency's
    #: warning of a catastrophe is no threat
    state_speaker: bool = False
    #: the cue's verb is not in the past ("we will not pay", not "he never gave a timetable")
    not_past: bool = False
    #: for a reporting cue: the ``needs_types`` event must be the speaker's side's own act, conditioned by
    #: an if/unless clause ("said Turkey would launch an offensive if the militants did not withdraw")
    conditioned: bool = False

    @property
    def rule(self) -> str:
        return f"statement.{self.type.lower()}.{self.cameo}.{self.id}"


@dataclass
class ReportedActs:
    """``reported_acts`` of a cue file: a state speaker stating another side's hostile act accuses it."""

    cameo: str
    mode: str | None
    id: str
    #: event types (coded by the events stage inside the content) that are hostile acts
    types: frozenset[str]
    #: speaker sectors that assert no accusation (press, NGOs, monitors), unless a state sector is held too
    not_sectors: frozenset[str]
    state_sectors: frozenset[str]
    #: words on the act or in its clause that hedge it ("may have", "reportedly")
    hedges: frozenset[str]
    #: reporting verbs (lemmas) whose content blames nobody ("demanded that", "acknowledged that")
    not_reporting: frozenset[str] = frozenset()
    #: sectors of an act's target that make the act a campaign reported, not a blame (rebels)
    not_against_sectors: frozenset[str] = frozenset()
    #: hostile-act verbs in the content the events stage may not code ("recruited fighters")
    cues: list[Cue] = field(default_factory=list)
    by_first: dict[str, list[Cue]] = field(default_factory=dict)

    @property
    def rule(self) -> str:
        return f"statement.accuse.{self.cameo}.{self.id}"


@dataclass
class CueSet:
    cues: list[Cue] = field(default_factory=list)
    #: first-position word -> cues starting with it
    by_first: dict[str, list[Cue]] = field(default_factory=dict)
    #: the reported-hostile-act mechanism (``reported_acts`` in a cue file), if any file sets it
    reported: ReportedActs | None = None
    #: reporting-verb cues (groups with ``reporting: true``): verb lemma -> cues
    reporting: dict[str, list[Cue]] = field(default_factory=dict)
    #: nouns that name an act, whose author the ``about`` target way looks for ("the move", "the decision")
    act_nouns: frozenset[str] = frozenset()
    #: head nouns of a speaker's phrase that speak for the side the phrase names ("a spokesman for X")
    speaker_roles: frozenset[str] = frozenset()
    #: speaker sectors that report, not act (press), unless a state sector is held too
    press_sectors: frozenset[str] = frozenset()


def _cue_id(text: str) -> str:
    first = [p.split("|")[0] for p in text.split() if p != GAP]
    return "_".join(w.replace("'", "").replace("-", "_") for w in first)


def _parse(text: str) -> tuple[frozenset[str] | None, ...]:
    out: list[frozenset[str] | None] = []
    for part in text.split():
        if part == GAP:
            if not out or out[-1] is None:
                raise ValueError(f"a gap must follow a word: {text!r}")
            out.append(None)
        else:
            out.append(frozenset(w.strip().lower() for w in part.split("|") if w.strip()))
    if not out or out[-1] is None:
        raise ValueError(f"a cue must end with a word: {text!r}")
    return tuple(out)


def _check_target(ways: list[str], where: str) -> tuple[str, ...]:
    for w in ways:
        if w.split(":", 1)[0] not in TARGET_WAYS:
            raise ConfigError(f"{where}: unknown target way {w!r} (one of {', '.join(TARGET_WAYS)})")
    return tuple(ways)


def build_cues(files: list[tuple[str, dict]]) -> CueSet:
    """Compile cue files (name, parsed YAML) into a :class:`CueSet`; ConfigError names a bad entry."""
    cs = CueSet()
    for name, data in files:
        if not isinstance(data, dict):
            raise ConfigError(f"{name}: a statement cue file is a mapping with 'type' and 'groups'")
        ftype = data.get("type")
        for gi, group in enumerate(data.get("groups") or []):
            where = f"{name} group {gi + 1}"
            etype = str(group.get("type", ftype) or "").upper()
            if etype not in STATEMENT_TYPES:
                raise ConfigError(f"{where}: type {etype!r} is not one of {', '.join(STATEMENT_TYPES)}")
            cameo = str(group.get("cameo") or "")
            if not cameo:
                raise ConfigError(f"{where}: no cameo code")
            target = _check_target(list(group.get("target") or ["content"]), where)
            for entry in group.get("cues") or []:
                if isinstance(entry, dict):
                    text, cid = str(entry.get("cue", "")), entry.get("id")
                else:
                    text, cid = str(entry), None
                try:
                    positions = _parse(text)
                except ValueError as exc:
                    raise ConfigError(f"{where}: {exc}") from exc
                reporting = bool(group.get("reporting", False))
                if group.get("conditioned") and not (reporting and group.get("needs_types")):
                    raise ConfigError(f"{where}: 'conditioned' is for a reporting group with needs_types")
                if reporting and len(positions) != 1:
                    raise ConfigError(f"{where}: a reporting cue is one verb (its forms as a|b): {text!r}")
                cue = Cue(id=str(cid or _cue_id(text)), text=text, positions=positions, type=etype, cameo=cameo,
                          mode=group.get("mode"), target=target, optional=bool(group.get("optional", False)),
                          modal=bool(group.get("modal", False)), source_file=name,
                          speaker_acts=bool(group.get("speaker_acts", False)),
                          not_verbs=frozenset(str(v).lower() for v in group.get("not_verbs") or []),
                          not_subjects=frozenset(str(v).lower() for v in group.get("not_subjects") or []),
                          reporting=reporting, needs=frozenset(str(v).lower() for v in group.get("needs") or []),
                          needs_types=frozenset(str(v).upper() for v in group.get("needs_types") or []),
                          state_speaker=bool(group.get("state_speaker", False)),
                          not_past=bool(group.get("not_past", False)),
                          conditioned=bool(group.get("conditioned", False)))
                index = cs.reporting if reporting else cs.by_first
                if not reporting:
                    cs.cues.append(cue)
                for w in positions[0] or ():
                    index.setdefault(w, []).append(cue)
        for key in ("act_nouns", "speaker_roles", "press_sectors"):
            if data.get(key) is None:
                continue
            if not isinstance(data[key], list):
                raise ConfigError(f"{name}: {key} is a list of nouns")
            words = (str(w).upper() if key == "press_sectors" else str(w).lower() for w in data[key])
            setattr(cs, key, getattr(cs, key) | frozenset(words))
        if data.get("reported_acts") is not None:
            cs.reported = _reported(name, data["reported_acts"])
    return cs


def _words(value: object) -> frozenset[str]:
    return frozenset(str(v) for v in value or [])  # type: ignore[attr-defined]


def _reported(name: str, data: object) -> ReportedActs:
    """Compile a file's ``reported_acts`` mapping; ConfigError names what is wrong."""
    where = f"{name} reported_acts"
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: a mapping with cameo, types and cues")
    cameo = str(data.get("cameo") or "")
    if not cameo:
        raise ConfigError(f"{where}: no cameo code")
    ra = ReportedActs(cameo=cameo, mode=data.get("mode"), id=str(data.get("id") or "reported_act"),
                      types=frozenset(str(t).upper() for t in data.get("types") or []),
                      not_sectors=_words(data.get("not_sectors")), state_sectors=_words(data.get("state_sectors")),
                      hedges=frozenset(w.lower() for w in _words(data.get("hedges"))),
                      not_reporting=frozenset(w.lower() for w in _words(data.get("not_reporting"))),
                      not_against_sectors=_words(data.get("not_against_sectors")))
    for text in data.get("cues") or []:
        try:
            positions = _parse(str(text))
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from exc
        cue = Cue(id=ra.id, text=str(text), positions=positions, type="ACCUSE", cameo=cameo, mode=ra.mode,
                  target=("subject",), optional=False, modal=False, source_file=name)
        ra.cues.append(cue)
        for w in positions[0] or ():
            ra.by_first.setdefault(w, []).append(cue)
    return ra


@lru_cache(maxsize=4)
def _load(extra: tuple[str, ...] | None) -> CueSet:
    files = [(p.name, load_yaml(p)) for p in data_files("statements", list(extra) if extra is not None else None)
             if p.suffix in {".yaml", ".yml"}]
    cs = build_cues(files)
    log.debug("statement cues: %d from %d files", len(cs.cues), len(files))
    return cs


def load_cues(extra: list[str] | None = None) -> CueSet:
    """The bundled cue files and those under ``statements/`` of every folder in ``COMMUNIQUE_DATA_DIRS``."""
    return _load(tuple(extra) if extra is not None else None)
