"""Event patterns, the CAMEO table and the status lexicon, read from ``data/events`` (and user folders).

A pattern is a short string over the dependency parse (``docs/events.md`` documents the syntax)::

    visit >obj                        verb "visit", target = direct object
    n:visit >to|of                    noun "visit", target = object of "to" (else "of")
    hold =talks|meeting >with         light verb: needs object "talks"/"meeting"; target after "with"
    call @on >on                      needs a prepositional complement "on ..."; target is its object
    n:statement ^joint ?              noun "statement" with a modifier "joint"; target optional
    step +up ...                      needs the particle "up"

Everything is compiled once per process into dictionaries keyed by lemma, so matching a document is one
pass over its tokens with a dictionary lookup each.
"""

from __future__ import annotations

import csv
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from ..knowledge import data_files, load_yaml
from ..plover import PLOVER_TYPES

log = logging.getLogger(__name__)

#: slot names a pattern may use for its target or source, besides prepositions
NAMED_SLOTS = {"obj", "dative", "poss", "comp", "subj", "by", "xobj", "gov", "pred", "hyphen", "head"}
#: head prefixes: an event noun, an adjective predicate ("critical of"), a compound participle ("Iran-backed")
HEAD_PREFIXES = {"n:": "noun", "a:": "adjective", "p:": "participle"}


class PatternError(ConfigError):
    code = "pattern_error"


@dataclass(frozen=True)
class Pattern:
    """One compiled event pattern."""

    rule: str
    type: str
    cameo: str | None
    mode: str | None
    context: tuple[str, ...]
    noun: bool
    lemmas: frozenset[str]
    adjective: bool = False  # "a:critical": an adjective predicate (events/predicates.py)
    participle: bool = False  # "p:back": a compound participle, "Iran-backed" (events/predicates.py)
    particle: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    preps: tuple[tuple[frozenset[str], frozenset[str]], ...] = ()
    modifiers: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    requires_dep: frozenset[str] = frozenset()
    forbids_dep: frozenset[str] = frozenset()
    mutual: bool = False
    official: bool = False
    collective: bool = False  # the source is no single person ("the president left Germany" is no retreat)
    unofficial: bool = False  # the source is no state agent ("police blocked roads" is no protest)
    domestic: bool = False  # a target of no country is in the source's ("Iran detained two journalists")
    placetarget: bool = False  # the target is a country, an organisation or a place, never a person or group
    persontarget: bool = False  # the target is a person or a political party ("attacked Mr Brown")
    speaker: bool = False  # the source is a person or a civilian body, not a state, army or armed group
    state: bool = False  # the source is a state: a country named as such, its government or diplomats
    armed: bool = False  # the source is armed: a state named as such, its army or police, an armed group
    crowd: bool = False  # the source is a civilian crowd ("protesters stormed the parliament": a riot, no assault)
    complement: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    target_optional: bool = False
    allow_self: bool = False
    travel: bool = False
    places: bool = False
    implicit_target: str = ""  # "own": with no target found, the source's own country (its government)
    text: str = ""
    file: str = ""

    @property
    def specificity(self) -> int:
        return (2 * bool(self.objects) + 2 * len(self.preps) + 2 * bool(self.complement) + bool(self.particle)
                + bool(self.modifiers) + bool(self.crowd))


@dataclass
class PatternSet:
    verbs: dict[str, list[Pattern]] = field(default_factory=dict)
    nouns: dict[str, list[Pattern]] = field(default_factory=dict)
    adjectives: dict[str, list[Pattern]] = field(default_factory=dict)
    participles: dict[str, list[Pattern]] = field(default_factory=dict)
    count: int = 0
    _merged: dict[tuple[str, str], list[Pattern]] = field(default_factory=dict, repr=False)

    def _indexes(self) -> tuple[dict[str, list[Pattern]], ...]:
        return self.verbs, self.nouns, self.adjectives, self.participles

    def add(self, pat: Pattern) -> None:
        index = (self.nouns if pat.noun else self.adjectives if pat.adjective
                 else self.participles if pat.participle else self.verbs)
        for lemma in pat.lemmas:
            index.setdefault(lemma, []).append(pat)
        self.count += 1

    def finish(self) -> None:
        for index in self._indexes():
            for _lemma, pats in index.items():
                pats.sort(key=lambda p: -p.specificity)

    def for_noun(self, lemma: str, word: str) -> list[Pattern]:
        """The patterns of an event noun: those written for its lemma and those written for the surface
        form ("n:sanctions", "n:threats": a plural may say more than the singular), most specific first.
        Before, the lemma's list hid the surface form's whenever both existed."""
        if word == lemma or word not in self.nouns:
            return self.nouns.get(lemma) or []
        if lemma not in self.nouns:
            return self.nouns[word]
        key = (lemma, word)
        merged = self._merged.get(key)
        if merged is None:
            seen: set[str] = set()
            merged = [p for p in (*self.nouns[lemma], *self.nouns[word]) if not (p.rule in seen or seen.add(p.rule))]
            merged.sort(key=lambda p: -p.specificity)
            self._merged[key] = merged
        return merged

    def all(self) -> list[Pattern]:
        seen: dict[str, Pattern] = {}
        for index in self._indexes():
            for pats in index.values():
                for p in pats:
                    seen.setdefault(p.rule, p)
        return list(seen.values())


def _alts(text: str) -> frozenset[str]:
    return frozenset(a.strip().lower().replace("_", " ") for a in text.split("|") if a.strip())


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def parse_pattern(text: str, *, type_: str, cameo: str | None, mode: str | None, context: tuple[str, ...],
                  travel: bool = False, allow_self: bool = False, rule: str | None = None,
                  file: str = "", mutual: bool = False, official: bool = False,
                  collective: bool = False, unofficial: bool = False, domestic: bool = False,
                  placetarget: bool = False, persontarget: bool = False, speaker: bool = False,
                  state: bool = False, armed: bool = False, crowd: bool = False,
                  places: bool = False, implicit_target: str = "") -> Pattern:
    """Compile one pattern string (syntax in ``docs/events.md``); raise PatternError when malformed."""
    parts = text.split()
    if not parts:
        raise PatternError(f"{file}: empty pattern")
    head = parts[0]
    kind = HEAD_PREFIXES.get(head[:2], "verb")
    if kind != "verb":
        head = head[2:]
    noun = kind == "noun"
    lemmas = _alts(head)
    if not lemmas:
        raise PatternError(f"{file}: pattern {text!r} has no head lemma")
    particle: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    requires: frozenset[str] = frozenset()
    forbids: frozenset[str] = frozenset()
    complement: frozenset[str] = frozenset()
    preps: list[tuple[frozenset[str], frozenset[str]]] = []
    targets: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    optional = False
    for tok in parts[1:]:
        op, arg = tok[0], tok[1:]
        if op == "+":
            particle = _alts(arg)
        elif op == "=":
            objects = _alts(arg)
        elif op == "^":
            modifiers = _alts(arg)
        elif op == "-":
            excluded = _alts(arg)
        elif op == "&":
            requires = _alts(arg)
        elif op == "!":
            forbids = _alts(arg)
        elif op == "~":
            complement = _alts(arg)
        elif op == "@":
            prep, _, objs = arg.partition(":")
            preps.append((_alts(prep), _alts(objs) if objs else frozenset()))
        elif op == ">":
            targets = tuple(_alts_ordered(arg))
        elif op == "<":
            sources = tuple(_alts_ordered(arg))
        elif tok == "?":
            optional = True
        elif tok == "self":
            allow_self = True
        elif tok == "travel":
            travel = True
        elif tok == "places":
            places = True
        elif tok == "mutual":
            mutual = True
        elif tok == "official":
            official = True
        elif tok == "collective":
            collective = True
        elif tok == "unofficial":
            unofficial = True
        elif tok == "armed":
            armed = True
        elif tok == "crowd":
            crowd = True
        elif tok == "domestic":
            domestic = True
        elif tok == "placetarget":
            placetarget = True
        elif tok == "persontarget":
            persontarget = True
        elif tok == "speaker":
            speaker = True
        elif tok == "state":
            state = True
        else:
            raise PatternError(f"{file}: pattern {text!r}: cannot read {tok!r}")
    if type_ not in PLOVER_TYPES:
        raise PatternError(f"{file}: unknown PLOVER type {type_!r}")
    if rule is None:
        def first(op: str) -> str:
            tok = next((t for t in parts[1:] if t.startswith(op)), op)
            return tok[1:].split("|")[0]

        prefix = {"noun": "n_", "adjective": "a_", "participle": "p_"}.get(kind, "")
        bits = [type_.lower(), cameo or "x", prefix + _slug(head.split("|")[0])]
        if particle:
            bits.append(_slug(first("+")))
        if objects:
            bits.append(_slug(first("=")))
        for t in parts[1:]:
            if t.startswith("@"):
                bits.append(_slug(t[1:].split("|")[0]))
        if modifiers:
            bits.append(_slug(first("^")))
        rule = ".".join(bits)
    if kind == "adjective":  # "Turkey is critical of X": the adjective's bearer acts
        sources = sources or ("pred",)
        targets = targets or ("of", "to", "with", "at", "toward", "towards")
    elif kind == "participle":  # "the Iran-backed Houthis": Iran acts on the Houthis
        sources = sources or ("hyphen",)
        targets = targets or ("head",)
    return Pattern(
        rule=rule, type=type_, cameo=cameo, mode=mode, context=context, noun=noun, lemmas=lemmas,
        adjective=kind == "adjective", participle=kind == "participle",
        particle=particle, objects=objects, preps=tuple(preps), modifiers=modifiers, excluded=excluded,
        requires_dep=requires, forbids_dep=forbids, mutual=mutual, official=official,
        collective=collective, unofficial=unofficial, domestic=domestic, placetarget=placetarget,
        persontarget=persontarget, speaker=speaker, state=state, armed=armed, crowd=crowd,
        complement=complement, targets=targets,
        sources=sources, target_optional=optional, allow_self=allow_self, travel=travel, places=places,
        implicit_target=implicit_target, text=text, file=file,
    )


def _alts_ordered(text: str) -> list[str]:
    return [a.strip().lower().replace("_", " ") for a in text.split("|") if a.strip()]


def _load_pattern_file(path: Path, out: PatternSet, rules: set[str]) -> None:
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise PatternError(f"{path}: expected a mapping with 'type' and 'groups'")
    type_ = str(data.get("type", "")).upper()
    for _gi, group in enumerate(data.get("groups") or []):
        cameo = group.get("cameo")
        cameo = str(cameo) if cameo is not None else None
        mode = group.get("mode")
        context = tuple(group.get("context") or ())
        g_type = str(group.get("type", type_)).upper()
        for item in group.get("patterns") or []:
            rule = None
            if isinstance(item, dict):
                rule = item.get("id")
                text = str(item.get("pattern", ""))
            else:
                text = str(item)
            pat = parse_pattern(text, type_=g_type, cameo=cameo, mode=mode, context=context,
                                travel=bool(group.get("travel")), allow_self=bool(group.get("self")),
                                rule=rule, file=path.name,
                                mutual=bool(group.get("mutual", g_type in _mutual_types())),
                                official=bool(group.get("official")),
                                collective=bool(group.get("collective")),
                                unofficial=bool(group.get("unofficial")),
                                domestic=bool(group.get("domestic")),
                                armed=bool(group.get("armed")),
                                crowd=bool(group.get("crowd")),
                                places=bool(group.get("places")),
                                implicit_target=str(group.get("implicit_target") or ""))
            if pat.rule in rules:
                n = 2
                while f"{pat.rule}.{n}" in rules:
                    n += 1
                pat = Pattern(**{**pat.__dict__, "rule": f"{pat.rule}.{n}"})
            rules.add(pat.rule)
            out.add(pat)


def _mutual_types() -> frozenset[str]:
    return lexicon().mutual_types


@lru_cache(maxsize=4)
def load_patterns(extra: tuple[str, ...] | None = None) -> PatternSet:
    """Every pattern file in ``events/patterns/`` of each data root, compiled once per process."""
    out = PatternSet()
    rules: set[str] = set()
    for path in data_files("events/patterns", list(extra) if extra is not None else None):
        if path.suffix in {".yaml", ".yml"}:
            _load_pattern_file(path, out, rules)
    out.finish()
    log.debug("loaded %d event patterns", out.count)
    return out


@dataclass(frozen=True)
class CameoEntry:
    code: str
    name: str
    goldstein: float | None
    plover: str | None


@lru_cache(maxsize=4)
def cameo_table(extra: tuple[str, ...] | None = None) -> dict[str, CameoEntry]:
    """CAMEO code -> name, Goldstein score and PLOVER type, from ``events/cameo.tsv``."""
    table: dict[str, CameoEntry] = {}
    for path in data_files("events/cameo.tsv", list(extra) if extra is not None else None):
        with open(path, encoding="utf-8") as fh:
            rows = csv.reader((ln for ln in fh if ln.strip() and not ln.startswith("#")), delimiter="\t")
            for row in rows:
                if not row or row[0] == "code":
                    continue
                code = row[0].strip()
                gs = row[2].strip() if len(row) > 2 else ""
                table[code] = CameoEntry(
                    code=code, name=row[1].strip() if len(row) > 1 else "",
                    goldstein=float(gs) if gs else None,
                    plover=(row[3].strip() or None) if len(row) > 3 else None,
                )
    return table


def goldstein(code: str | None) -> float | None:
    """The Goldstein score of a CAMEO code, falling back to its parent codes."""
    if not code:
        return None
    table = cameo_table()
    while code:
        entry = table.get(code)
        if entry is not None and entry.goldstein is not None:
            return entry.goldstein
        code = code[:-1]
    return None


@dataclass(frozen=True)
class Lexicon:
    """Words that set an event's status or mark the parse (``events/status.yaml``)."""

    planned_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    governors: dict[str, str]          # governing verb/adjective lemma -> status (or "negated")
    noun_governors: dict[str, str]     # governing noun lemma -> status
    modifiers: dict[str, str]          # modifier of an event noun ("planned visit") -> status
    light_verbs: frozenset[str]        # verbs whose subject is the source of their event-noun object
    contexts: dict[str, str]           # word -> PLOVER context
    conditional_marks: frozenset[str]
    embedding_types: frozenset[str] = frozenset()  # types whose verb complements are not coded again
    mutual_types: frozenset[str] = frozenset()  # types where joint sources act on each other
    group_nouns: frozenset[str] = frozenset()  # nouns whose "of/from" phrase names their actors
    adverbs: dict[str, str] = field(default_factory=dict)  # adverb on the event verb -> status
    reporting_verbs: frozenset[str] = frozenset()  # "said it would ...": would is a reported future
    future_in_past_aux: frozenset[str] = frozenset()
    local_group_nouns: frozenset[str] = frozenset()  # "protesters in Kenya" are Kenyan
    quantity_nouns: frozenset[str] = frozenset()  # "thousands of troops": the "of" object is the thing
    official_sectors: frozenset[str] = frozenset()  # sectors of groups that act for a state
    domestic_nouns: frozenset[str] = frozenset()  # people a state acts on in its own jurisdiction
    negated_recode: dict[str, str] = field(default_factory=dict)  # CAMEO prefix of a refused act -> code
    alternative_marks: frozenset[str] = frozenset()  # "instead of", "rather than": the act is not done
    stance_prefixes: frozenset[str] = frozenset()  # "anti-", "pro-": the actor named is no source
    refusal_verbs: frozenset[str] = frozenset()  # "refused to release": a negated concession is a REJECT
    idioms: dict[str, frozenset[str]] = field(default_factory=dict)  # lemma -> prepositional objects
    setting_nouns: frozenset[str] = frozenset()  # "in the current uprising": a time setting, no event
    setting_preps: frozenset[str] = frozenset()
    conditional_threats: dict[str, str] = field(default_factory=dict)  # "will boycott ... unless": type -> code
    # "condemned the agreement": noun lemma -> (type of the earlier event it names or "*", "both"|"source")
    anaphoric_nouns: dict[str, tuple[str, str]] = field(default_factory=dict)
    domestic_speakers: frozenset[str] = frozenset()  # "lawmakers criticized President X": X's own
    copulas: frozenset[str] = frozenset()  # "an invasion remains a possibility": the predicate gives the status
    gerund_preps: frozenset[str] = frozenset()  # "aimed at warning X": a gerund governed through a preposition
    pending_marks: frozenset[str] = frozenset()  # "until Iraq complies": a present-tense clause not yet done


@lru_cache(maxsize=4)
def lexicon(extra: tuple[str, ...] | None = None) -> Lexicon:
    planned: set[str] = set()
    hypo: set[str] = set()
    gov: dict[str, str] = {}
    ngov: dict[str, str] = {}
    mods: dict[str, str] = {}
    light: set[str] = set()
    ctx: dict[str, str] = {}
    marks: set[str] = set()
    embedding: set[str] = set()
    mutual: set[str] = set()
    groups: set[str] = set()
    adverbs: dict[str, str] = {}
    reporting: set[str] = set()
    fip: set[str] = set()
    local: set[str] = set()
    quantity: set[str] = set()
    official: set[str] = set()
    domestic: set[str] = set()
    recode: dict[str, str] = {}
    alternative: set[str] = set()
    stance: set[str] = set()
    refusal: set[str] = set()
    idioms: dict[str, frozenset[str]] = {}
    setting_nouns: set[str] = set()
    setting_preps: set[str] = set()
    cthreats: dict[str, str] = {}
    anaphoric: dict[str, tuple[str, str]] = {}
    dspeakers: set[str] = set()
    copulas: set[str] = set()
    gerund_preps: set[str] = set()
    pending: set[str] = set()
    ex = list(extra) if extra is not None else None
    for path in data_files("events/status.yaml", ex):
        data = load_yaml(path) or {}
        planned |= {w.lower() for w in data.get("planned_aux", [])}
        hypo |= {w.lower() for w in data.get("hypothetical_aux", [])}
        marks |= {w.lower() for w in data.get("conditional_marks", [])}
        gerund_preps |= {str(w).lower() for w in data.get("gerund_preps", [])}
        pending |= {str(w).lower() for w in data.get("pending_marks", [])}
        for status, words in (data.get("governing_verbs") or {}).items():
            gov.update({w.lower(): status for w in words})
        for status, words in (data.get("governing_nouns") or {}).items():
            ngov.update({w.lower(): status for w in words})
        for status, words in (data.get("event_modifiers") or {}).items():
            mods.update({w.lower(): status for w in words})
        light |= {w.lower() for w in data.get("light_verbs", [])}
        embedding |= {str(w).upper() for w in data.get("embedding_types", [])}
        mutual |= {str(w).upper() for w in data.get("mutual_types", [])}
        groups |= {str(w).lower() for w in data.get("group_nouns", [])}
        for status, words in (data.get("adverbs") or {}).items():
            adverbs.update({w.lower(): status for w in words})
        reporting |= {str(w).lower() for w in data.get("reporting_verbs", [])}
        fip |= {str(w).lower() for w in data.get("future_in_past_aux", [])}
        local |= {str(w).lower() for w in data.get("local_group_nouns", [])}
        quantity |= {str(w).lower() for w in data.get("quantity_nouns", [])}
        official |= {str(w).upper() for w in data.get("official_sectors", [])}
        domestic |= {str(w).lower() for w in data.get("domestic_nouns", [])}
        alternative |= {" ".join(str(w).lower().split()) for w in data.get("alternative_marks", [])}
        for lemma, words in (data.get("idioms") or {}).items():
            idioms[str(lemma).lower()] = idioms.get(str(lemma).lower(), frozenset()) | {
                str(w).lower() for w in words or []}
        setting_nouns |= {str(w).lower() for w in data.get("setting_nouns", [])}
        setting_preps |= {str(w).lower() for w in data.get("setting_preps", [])}
        refusal |= {str(w).lower() for w in data.get("refusal_verbs", [])}
        stance |= {str(w).lower() for w in data.get("stance_prefixes", [])}
        recode.update({str(k): str(v) for k, v in (data.get("negated_recode") or {}).items()})
        cthreats.update({str(k).upper(): str(v) for k, v in (data.get("conditional_threats") or {}).items()})
        for entry in data.get("anaphoric_nouns") or []:
            typ, sides = str(entry.get("type", "*")).upper(), str(entry.get("sides", "source")).lower()
            anaphoric.update({str(w).lower(): (typ, sides) for w in entry.get("nouns") or []})
        dspeakers |= {str(w).lower() for w in data.get("domestic_speakers", [])}
        copulas |= {str(w).lower() for w in data.get("copula_verbs", [])}
    for path in data_files("events/contexts.yaml", ex):
        data = load_yaml(path) or {}
        for context, words in data.items():
            ctx.update({w.lower(): str(context) for w in words or []})
    return Lexicon(frozenset(planned), frozenset(hypo), gov, ngov, mods, frozenset(light), ctx, frozenset(marks),
                   frozenset(embedding), frozenset(mutual), frozenset(groups), adverbs,
                   frozenset(reporting), frozenset(fip), frozenset(local), frozenset(quantity),
                   frozenset(official), frozenset(domestic), recode,
                   frozenset(alternative), frozenset(stance), frozenset(refusal), idioms,
                   frozenset(setting_nouns), frozenset(setting_preps), cthreats, anaphoric,
                   frozenset(dspeakers), frozenset(copulas), frozenset(gerund_preps), frozenset(pending))
