"""Check the user's knowledge folders (``COMMUNIQUE_DATA_DIRS``) before any document is coded.

A mistake in a user's file must stop the run with its file and line, not fail every document one by one
(and mark every input done). ``check_knowledge()`` raises :class:`KnowledgeError` listing every problem:

- a folder in ``data_dirs`` that does not exist or is no folder;
- a YAML file that does not parse (the parser's line);
- a file at a place the coder never reads (``actors/leader.yaml`` for ``actors/leaders.yaml``);
- in an event pattern file (``events/patterns/*.yaml``): an unknown key at the top, in a group or in a
  pattern entry, an unknown PLOVER ``type``, a pattern the pattern compiler refuses, or a target/source
  slot (``>obj``, ``<subj``, ``>with``) that is neither a named slot nor a preposition.

What is known comes from ``data/knowledge/schema.yaml`` (editable) and from the bundled files themselves
(every key and slot a bundled pattern file uses is known), so the check follows the bundled data.
The bundled folder is not checked here: its own tests do.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .knowledge import BUNDLED, load_yaml

log = logging.getLogger(__name__)

SCHEMA = BUNDLED / "knowledge" / "schema.yaml"
_KNOWLEDGE_SUFFIXES = {".yaml", ".yml", ".tsv"}
#: most problems listed in one error
MAX_PROBLEMS = 20


class KnowledgeError(ConfigError):
    """A user's knowledge folder or file is wrong: the message names each file and line."""

    code = "knowledge_error"


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


@dataclass(frozen=True)
class PatternSchema:
    top_keys: frozenset[str]
    group_keys: frozenset[str]
    item_keys: frozenset[str]
    slots: frozenset[str]
    types: frozenset[str]


def _keys_of(node: Any) -> list[tuple[str, int]]:
    if not isinstance(node, yaml.MappingNode):
        return []
    return [(str(k.value), k.start_mark.line + 1) for k, _ in node.value]


def _get(node: Any, key: str) -> Any:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key:
                return v
    return None


def _slot_words(pattern: str) -> list[str]:
    words = []
    for tok in pattern.split()[1:]:
        if tok[:1] in {">", "<"}:
            words.extend(a.strip().lower() for a in tok[1:].split("|") if a.strip())
    return words


@lru_cache(maxsize=1)
def pattern_schema() -> PatternSchema:
    """What a pattern file may say: the schema file's lists, plus whatever the bundled files use."""
    from .plover import PLOVER_TYPES

    data = load_yaml(SCHEMA) or {}
    pats = data.get("event_patterns") or {}
    top, group, item = set(pats.get("top_keys") or ()), set(pats.get("group_keys") or ()), set(pats.get("item_keys") or ())
    slots = {str(s).lower() for s in (pats.get("named_slots") or ())} | {str(s).lower() for s in (pats.get("prepositions") or ())}
    for path in sorted((BUNDLED / "events" / "patterns").glob("*.y*ml")):
        doc = load_yaml(path) or {}
        top.update(doc)
        for g in doc.get("groups") or []:
            if isinstance(g, dict):
                group.update(g)
                for p in g.get("patterns") or []:
                    if isinstance(p, dict):
                        item.update(p)
                        p = p.get("pattern", "")
                    slots.update(_slot_words(str(p)))
    return PatternSchema(frozenset(top), frozenset(group), frozenset(item), frozenset(slots), frozenset(PLOVER_TYPES))


def _unknown(keys: Iterable[tuple[str, int]], known: frozenset[str], where: str, file: str) -> list[Problem]:
    out = []
    for key, line in keys:
        if key not in known:
            out.append(Problem(file, line, f"unknown key {key!r} in {where} (known: {', '.join(sorted(known))})"))
    return out


def _compose(path: Path) -> tuple[yaml.Node | None, list[Problem]]:
    """The YAML node tree of ``path`` (with line marks), or the problem that kept it from being read."""
    file = str(path)
    try:
        return yaml.compose(path.read_text(encoding="utf-8")), []
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(file, None, f"cannot read: {exc}")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return None, [Problem(file, mark.line + 1 if mark else None,
                              f"not valid YAML: {getattr(exc, 'problem', exc)}")]


def check_pattern_file(path: Path) -> list[Problem]:
    """Problems of one event pattern file, each with its line."""
    from .events.patterns import PatternError, parse_pattern

    schema = pattern_schema()
    file = str(path)
    root, problems = _compose(path)
    if problems:
        return problems
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode):
        return [Problem(file, root.start_mark.line + 1, "expected a mapping with 'type' and 'groups'")]
    problems = _unknown(_keys_of(root), schema.top_keys, "the file", file)

    def type_of(node: Any, default: str) -> str:
        if node is None:
            return default
        value = str(node.value).upper()
        if value not in schema.types:
            problems.append(Problem(file, node.start_mark.line + 1,
                                    f"unknown PLOVER type {node.value!r} (one of {', '.join(sorted(schema.types))})"))
        return value

    top_type = type_of(_get(root, "type"), "")
    groups = _get(root, "groups")
    if groups is None:
        return problems
    if not isinstance(groups, yaml.SequenceNode):
        return [*problems, Problem(file, groups.start_mark.line + 1, "'groups' must be a list")]
    for g in groups.value:
        if not isinstance(g, yaml.MappingNode):
            problems.append(Problem(file, g.start_mark.line + 1, "a group must be a mapping"))
            continue
        problems += _unknown(_keys_of(g), schema.group_keys, "a group", file)
        g_type = type_of(_get(g, "type"), top_type)
        pats = _get(g, "patterns")
        if not isinstance(pats, yaml.SequenceNode):
            continue
        for p in pats.value:
            line = p.start_mark.line + 1
            if isinstance(p, yaml.MappingNode):
                problems += _unknown(_keys_of(p), schema.item_keys, "a pattern entry", file)
                node = _get(p, "pattern")
                text = str(node.value) if node is not None else ""
            else:
                text = str(p.value)
            for word in _slot_words(text):
                if word not in schema.slots:
                    problems.append(Problem(file, line, f"pattern {text!r}: unknown slot {word!r} (a named slot "
                                            "such as obj, subj, dative, or a preposition such as with, to)"))
            if not g_type:
                problems.append(Problem(file, line, "no PLOVER type: give 'type' at the top or in the group"))
                continue
            if g_type not in schema.types:
                continue
            try:
                parse_pattern(text, type_=g_type, cameo=None, mode=None, context=(), file=path.name)
            except PatternError as exc:
                problems.append(Problem(file, line, exc.message.removeprefix(f"{path.name}: ")))
    return problems


def _known_place(rel: Path) -> bool:
    """Whether the coder reads a file at ``rel`` (relative to a data folder): a bundled file's place, a
    folder standing for a bundled file (``actors/leaders.yaml/mine.yaml``), or a folder read whole."""
    if (BUNDLED / rel).is_file() or (BUNDLED / rel.parent).is_file():
        return True
    data = load_yaml(SCHEMA) or {}
    return rel.parent.as_posix() in set(data.get("folders_read_whole") or ())


def check_data_dir(folder: Path) -> list[Problem]:
    """Problems of one user knowledge folder."""
    if not folder.exists():
        return [Problem(str(folder), None, "the knowledge folder named in data_dirs (COMMUNIQUE_DATA_DIRS) does not exist")]
    if not folder.is_dir():
        return [Problem(str(folder), None, "data_dirs (COMMUNIQUE_DATA_DIRS) names this, but it is no folder")]
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in _KNOWLEDGE_SUFFIXES or not path.is_file() or any(
                part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        rel = path.relative_to(folder)
        if not _known_place(rel):
            problems.append(Problem(str(path), None, f"the coder reads no file at {rel.as_posix()} (a misspelt name? "
                                    "the bundled files are under communique/data)"))
            continue
        if rel.parts[:2] == ("events", "patterns") and path.suffix in {".yaml", ".yml"}:
            problems += check_pattern_file(path)
        elif path.suffix in {".yaml", ".yml"}:
            problems += check_yaml_file(path, rel)
    return problems


def _bundled_for(rel: Path) -> Path | None:
    """The bundled file a user file at ``rel`` extends (``actors/leaders.yaml``, or the file a folder of
    that name stands for), if any."""
    for cand in (BUNDLED / rel, BUNDLED / rel.parent):
        if cand.is_file() and cand.suffix in {".yaml", ".yml"}:
            return cand
    return None


def check_yaml_file(path: Path, rel: Path) -> list[Problem]:
    """A user YAML file other than a pattern file: it parses, has the shape of the bundled file it
    extends (a mapping or a list), and, for files whose top-level keys are fixed (``fixed_key_files`` in
    the schema), uses no key the bundled file does not know."""
    file = str(path)
    root, problems = _compose(path)
    if problems:
        return problems
    bundled = _bundled_for(rel)
    if root is None or bundled is None:
        return []
    ref = load_yaml(bundled)
    line = root.start_mark.line + 1
    if isinstance(ref, dict) and not isinstance(root, yaml.MappingNode):
        return [Problem(file, line, f"expected a mapping, as in the bundled {bundled.relative_to(BUNDLED).as_posix()}")]
    if isinstance(ref, list) and not isinstance(root, yaml.SequenceNode):
        return [Problem(file, line, f"expected a list, as in the bundled {bundled.relative_to(BUNDLED).as_posix()}")]
    fixed = set((load_yaml(SCHEMA) or {}).get("fixed_key_files") or ())
    if isinstance(ref, dict) and bundled.relative_to(BUNDLED).as_posix() in fixed:
        return _unknown(_keys_of(root), frozenset(str(k) for k in ref), "the file", file)
    return []


def check_knowledge(data_dirs: Sequence[str] | None = None) -> None:
    """Raise KnowledgeError naming every problem (file and line) of the user knowledge folders
    (``data_dirs``, default the settings'); return quietly when they are fine."""
    if data_dirs is None:
        from .config import get_settings

        data_dirs = get_settings().data_dirs
    problems: list[Problem] = []
    for d in data_dirs:
        problems += check_data_dir(Path(d))
    if problems:
        shown = "\n  ".join(str(p) for p in problems[:MAX_PROBLEMS])
        more = f"\n  ... and {len(problems) - MAX_PROBLEMS} more" if len(problems) > MAX_PROBLEMS else ""
        raise KnowledgeError(f"{len(problems)} problem(s) in the knowledge folders; nothing was coded:\n  {shown}{more}")
