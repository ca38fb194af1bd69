"""PLOVER event types: the one place that knows them.

Reads ``data/plover/types.yaml`` (and the same path, or the older ``analysis/plover_types.yaml``, in
every user folder of ``COMMUNIQUE_DATA_DIRS``; later files override earlier entries key by key): the
16 PLOVER 1.0 types the coder emits, the PLOVER 0.5 types that fold into them, each type's quad class
and score on the Goldstein scale, and the classes of types the event coder treats alike.

Importing this module loads no spaCy and no other component: the store, the analysis and the CLI
read it to answer questions about types.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .errors import ConfigError
from .knowledge import data_roots, load_yaml

log = logging.getLogger(__name__)

#: quad class -> the name analyses and exports use
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
COOPERATION = (1, 2)
CONFLICT = (3, 4)

DATA_FILE = "plover/types.yaml"
#: the file user folders used before the table had a home of its own (type -> {quad, score})
LEGACY_FILE = "analysis/plover_types.yaml"


class PloverTypeError(ConfigError):
    """A PLOVER type table entry is malformed, or a name is no PLOVER type."""

    code = "plover_type_error"


@dataclass(frozen=True)
class TypeInfo:
    """One PLOVER type: its quad class, score, the coder's classes it belongs to, and (for a PLOVER 0.5
    type) the 1.0 type it folds into."""

    quad: int
    score: float
    classes: frozenset[str] = frozenset()
    folds_into: str | None = None
    note: str = ""


@dataclass(frozen=True)
class PloverTable:
    types: dict[str, TypeInfo]
    goldstein: tuple[float, float]
    classes: dict[str, str]


def _entry(path: Any, name: str, entry: Any, old: TypeInfo | None) -> TypeInfo:
    if not isinstance(entry, dict):
        raise PloverTypeError(f"{path}: entry {name!r} must be a mapping with quad and score")
    try:
        quad = int(entry["quad"]) if "quad" in entry or old is None else old.quad
        score = float(entry["score"]) if "score" in entry or old is None else old.score
    except (TypeError, KeyError, ValueError) as exc:
        raise PloverTypeError(f"{path}: entry {name!r} needs a numeric quad and score") from exc
    if quad not in QUAD_NAMES:
        raise PloverTypeError(f"{path}: entry {name!r}: quad must be 1, 2, 3 or 4")
    classes = entry.get("classes", None)
    if classes is None:
        cls = old.classes if old is not None else frozenset()
    elif isinstance(classes, list):
        cls = frozenset(str(c) for c in classes)
    else:
        raise PloverTypeError(f"{path}: entry {name!r}: classes must be a list")
    folds = entry.get("folds_into", old.folds_into if old is not None else None)
    return TypeInfo(quad=quad, score=score, classes=cls, folds_into=str(folds).upper() if folds else None,
                    note=str(entry.get("note", old.note if old is not None else "")))


@lru_cache(maxsize=1)
def plover_table() -> PloverTable:
    """The whole table: bundled file first, user folders overriding it entry by entry."""
    types: dict[str, TypeInfo] = {}
    goldstein = (-10.0, 10.0)
    classes: dict[str, str] = {}
    paths = [root / rel for root in data_roots() for rel in (LEGACY_FILE, DATA_FILE) if (root / rel).is_file()]
    for path in paths:
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise PloverTypeError(f"{path}: expected a mapping")
        if path.name == "types.yaml":
            g = data.get("goldstein")
            if g is not None:
                try:
                    goldstein = (float(g["min"]), float(g["max"]))
                except (TypeError, KeyError, ValueError) as exc:
                    raise PloverTypeError(f"{path}: goldstein needs a numeric min and max") from exc
            classes.update({str(k): str(v) for k, v in (data.get("classes") or {}).items()})
            entries = data.get("types") or {}
        else:
            entries = data
        if not isinstance(entries, dict):
            raise PloverTypeError(f"{path}: expected a mapping of PLOVER type -> {{quad, score}}")
        for name, entry in entries.items():
            key = str(name).upper()
            types[key] = _entry(path, key, entry, types.get(key))
    for name, info in types.items():
        unknown = info.classes - set(classes)
        if unknown:
            raise PloverTypeError(f"{DATA_FILE}: type {name}: unknown class(es) {', '.join(sorted(unknown))}")
        if info.folds_into is not None and info.folds_into not in types:
            raise PloverTypeError(f"{DATA_FILE}: type {name} folds into unknown type {info.folds_into}")
    return PloverTable(types=types, goldstein=goldstein, classes=classes)


def type_table() -> dict[str, TypeInfo]:
    """PLOVER type -> TypeInfo for every type, 1.0 and 0.5 (what stored events may carry)."""
    return plover_table().types


def plover_types() -> tuple[str, ...]:
    """The PLOVER 1.0 types the coder emits, in the table's order."""
    return tuple(name for name, info in type_table().items() if info.folds_into is None)


def types_in(cls: str) -> frozenset[str]:
    """The types of one of the coder's classes (``helping``, ``words_only``, ``reaction``,
    ``verbal_domestic``)."""
    table = plover_table()
    if cls not in table.classes:
        raise PloverTypeError(f"unknown PLOVER type class {cls!r} (classes: {', '.join(sorted(table.classes))})")
    return frozenset(name for name, info in table.types.items() if cls in info.classes)


def goldstein_range() -> tuple[float, float]:
    """The lowest and highest value of the Goldstein scale."""
    return plover_table().goldstein


def quad(type_: str) -> int | None:
    """The quad class of a type, None for a name that is no PLOVER type."""
    info = type_table().get(type_.upper())
    return info.quad if info is not None else None


def check_types(names: list[str] | tuple[str, ...]) -> list[str]:
    """The names (upper-cased) that are no PLOVER 1.0 type."""
    known = set(plover_types())
    return [n for n in (s.upper() for s in names) if n not in known]


PLOVER_TYPES: tuple[str, ...] = plover_types()
HELPING_TYPES: frozenset[str] = types_in("helping")
WORDS_ONLY: frozenset[str] = types_in("words_only")
REACTION_TYPES: frozenset[str] = types_in("reaction")
VERBAL_DOMESTIC: frozenset[str] = types_in("verbal_domestic")


# ---------------------------------------------------------------------------------------------------
# PLOVER's coding conventions: the event as PLOVER codes it (data/plover/conventions.yaml)

CONVENTIONS_FILE = "plover/conventions.yaml"
_STATUSES = ("reported", "planned", "ongoing", "attempted", "claimed", "hypothetical")


@dataclass(frozen=True)
class Convention:
    """One rule of ``plover/conventions.yaml``: which events it takes and what PLOVER codes them as."""

    id: str
    type: str
    types: frozenset[str] = frozenset()
    status: frozenset[str] = frozenset()
    negated: bool | None = None
    cameo_prefixes: tuple[str, ...] = ()
    triggers: frozenset[str] = frozenset()
    rules: tuple[str, ...] = ()
    no_source: bool | None = None
    no_target: bool | None = None
    target_from: tuple[str, ...] = ()
    drop: bool = False
    source_from_place: bool = False
    cameo: dict[str, str] | str | None = None
    mode: str | None = None
    keep_mode: bool = True
    context: str | None = None

    def matches(self, event: Any) -> bool:
        if self.types and event.type not in self.types:
            return False
        if self.status and event.status not in self.status:
            return False
        if self.negated is not None and bool(event.negated) != self.negated:
            return False
        if self.cameo_prefixes and not (event.cameo and event.cameo.startswith(self.cameo_prefixes)):
            return False
        if self.rules and not str(event.rule or "").startswith(self.rules):
            return False
        if self.no_source is not None and (event.source is None) != self.no_source:
            return False
        if self.no_target is not None and (event.target is None or not event.target.country) != self.no_target:
            return False
        if self.triggers:
            trigger = (event.model_extra or {}).get("trigger") or {}
            if str(trigger.get("text", "")).lower() not in self.triggers:
                return False
        return True

    def code_for(self, event: Any) -> str | None:
        if isinstance(self.cameo, dict):
            return self.cameo.get(event.type, event.cameo)
        return self.cameo or event.cameo


def _convention(path: Any, n: int, raw: Any) -> Convention:
    where = f"{path}: rule {n + 1}"
    if not isinstance(raw, dict):
        raise PloverTypeError(f"{where}: expected a mapping with when and type")
    rid = str(raw.get("id") or f"rule{n + 1}")
    when = raw.get("when") or {}
    if not isinstance(when, dict) or not when:
        raise PloverTypeError(f"{where} ({rid}): `when` must be a non-empty mapping")
    unknown = set(when) - {"types", "status", "negated", "cameo", "triggers", "rules", "no_source",
                          "no_target"}
    if unknown:
        raise PloverTypeError(f"{where} ({rid}): unknown condition(s) {', '.join(sorted(unknown))}")
    drop = raw.get("drop", False)
    from_place = raw.get("source_from_place", False)
    no_source = when.get("no_source")
    no_target = when.get("no_target")
    target_from = raw.get("target_from") or []
    if not isinstance(target_from, list) or any(str(w) not in {"place", "source"} for w in target_from):
        raise PloverTypeError(f"{where} ({rid}): `target_from` must be a list of place, source")
    for key, val in (("drop", drop), ("source_from_place", from_place), ("no_source", no_source),
                     ("no_target", no_target)):
        if val is not None and not isinstance(val, bool):
            raise PloverTypeError(f"{where} ({rid}): `{key}` must be true or false")
    type_ = str(raw.get("type") or "").upper()
    if (from_place or target_from) and not type_:
        type_ = "="  # the event's own type
    known = plover_types()
    if drop and type_:
        raise PloverTypeError(f"{where} ({rid}): a rule that drops the event takes no type")
    if not drop and type_ != "=" and type_ not in known:
        raise PloverTypeError(f"{where} ({rid}): type {type_!r} is no PLOVER type")

    def names(key: str) -> list[str]:
        val = when.get(key) or []
        if not isinstance(val, list):
            raise PloverTypeError(f"{where} ({rid}): `{key}` must be a list")
        return [str(v) for v in val]

    types = [t.upper() for t in names("types")]
    bad = [t for t in types if t not in known]
    if bad:
        raise PloverTypeError(f"{where} ({rid}): unknown type(s) {', '.join(bad)}")
    status = names("status")
    bad = [s for s in status if s not in _STATUSES]
    if bad:
        raise PloverTypeError(f"{where} ({rid}): unknown status(es) {', '.join(bad)}")
    negated = when.get("negated")
    if negated is not None and not isinstance(negated, bool):
        raise PloverTypeError(f"{where} ({rid}): `negated` must be true or false")
    cameo = raw.get("cameo")
    if isinstance(cameo, dict):
        cameo = {str(k).upper(): str(v) for k, v in cameo.items()}
    elif cameo is not None:
        cameo = str(cameo)
    return Convention(id=rid, type=type_, types=frozenset(types), status=frozenset(status), negated=negated,
                      cameo_prefixes=tuple(names("cameo")),
                      triggers=frozenset(w.lower() for w in names("triggers")), rules=tuple(names("rules")),
                      no_source=no_source, no_target=no_target, target_from=tuple(str(w) for w in target_from),
                      drop=drop, source_from_place=from_place, cameo=cameo,
                      mode=(str(raw["mode"]) if raw.get("mode") is not None else None),
                      keep_mode="mode" not in raw,
                      context=str(raw["context"]) if raw.get("context") else None)


@lru_cache(maxsize=1)
def plover_conventions() -> tuple[Convention, ...]:
    """The rules of ``plover/conventions.yaml``: user folders' first (the later folder first), then the
    bundled file's."""
    rules: list[Convention] = []
    for root in reversed(data_roots()):
        path = root / CONVENTIONS_FILE
        if not path.is_file():
            continue
        data = load_yaml(path) or {}
        if not isinstance(data, dict) or not isinstance(data.get("rules", []), list):
            raise PloverTypeError(f"{path}: expected a mapping with a list of rules")
        rules.extend(_convention(path, n, raw) for n, raw in enumerate(data.get("rules") or []))
    return tuple(rules)


def _dropped(conv: Convention, event: Any) -> bool:
    return conv.drop or (conv.source_from_place and event.source is None and _place_side(event) is None)


def _apply(event: Any) -> Any | None:
    """Every convention that takes the event, in order, each on the event as the ones before left it
    (an unclaimed bombing takes its place's country as source, then as target); None when one drops it."""
    for conv in plover_conventions():
        if conv.matches(event):
            if _dropped(conv, event):
                return None
            event = _convert(conv, event)
    return event


def plover_view(event: Any) -> Any:
    """``event`` as PLOVER codes it: a copy with the type, CAMEO code, Goldstein score, mode, context and
    sides the matching conventions give it, in order ("X will visit Y": CONSULT, status planned, is AGREE
    036 with context ``future``), or the event itself when none matches or one drops it (see
    ``plover_events``)."""
    out = _apply(event)
    return event if out is None else out


def _convert(conv: Convention, event: Any) -> Any:
    code = conv.code_for(event)
    update: dict[str, Any] = {"type": event.type if conv.type == "=" else conv.type, "cameo": code}
    place = _place_side(event) if conv.source_from_place else None
    if place is not None:
        update["source"] = place
    for way in conv.target_from:
        side = _place_side(event) if way == "place" else _country_side(event.source)
        if side is not None:
            update["target"] = side
            break
    if code != event.cameo:
        from .events.patterns import goldstein  # loads the event stage only when a code changes

        update["goldstein"] = goldstein(code)
    if not conv.keep_mode:
        update["mode"] = conv.mode
    if conv.context and conv.context not in event.context:
        update["context"] = [*event.context, conv.context]
    return event.model_copy(update=update)


def _place_side(event: Any) -> Any:
    """The country of the event's place as a side ("a roadside bomb near Samarra": Iraq), else None."""
    from .records import Side

    loc = event.location
    if loc is None or not loc.country:
        return None
    return Side(name=loc.display_name or loc.name, country=loc.country, code=loc.country)


def _country_side(side: Any) -> Any:
    """The country of a side as a side of its own (the country a domestic act is aimed at), else None."""
    from .records import Side

    if side is None or not side.country:
        return None
    return Side(name=side.country, country=side.country, code=side.country)


def plover_events(events: list[Any]) -> list[Any]:
    """The events of one record as PLOVER codes them: each event's ``plover_view``, without the events a
    convention drops, and one event per (type, source country, target country) and sentence: a repeat of
    the same triple in the same evidence sentence is the same PLOVER event, and so is an event without a
    target beside one of the same type and source with a target ("will visit Mauritania to mediate")."""
    out: list[Any] = []
    for event in events:
        view = _apply(event)
        if view is not None:
            out.append(view)

    def key(e: Any) -> tuple[Any, ...]:
        src = e.source.country if e.source is not None else None
        return (e.evidence.start, e.evidence.end, e.type, src)

    def tgt(e: Any) -> str | None:
        return e.target.country if e.target is not None else None

    targeted = {key(e) for e in out if tgt(e) is not None}
    seen: set[tuple[Any, ...]] = set()
    kept = []
    for e in out:
        k = key(e)
        if tgt(e) is None and k in targeted:
            continue
        if (*k, tgt(e)) in seen:
            continue
        seen.add((*k, tgt(e)))
        kept.append(e)
    return kept
