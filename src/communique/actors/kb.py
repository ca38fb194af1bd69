"""The actors knowledge base: countries, blocs and IGOs, organisations, roles, office holders.

Read once per process (per set of data folders) from ``data/actors/`` and every folder in
``COMMUNIQUE_DATA_DIRS``; ``docs/actors.md`` documents each file. :func:`get_kb` is cached: call
``get_kb.cache_clear()`` (and ``config.get_settings.cache_clear()``) after changing the folders.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..countries import actor_rows
from ..errors import ConfigError
from ..knowledge import data_files, load_yaml
from ..text import name_key as fold  # the actors' key form, imported from here by the actors modules

log = logging.getLogger(__name__)

AREA = "actors"


@dataclass(frozen=True)
class Entity:
    """A known actor: a country, a bloc or IGO, an organisation, or a person."""

    key: str
    name: str
    type: str
    country: str | None
    sector: tuple[str, ...] = ()
    code: str | None = None


@dataclass(frozen=True)
class Term:
    """One office holder's term."""

    person: str  # Entity key
    name: str
    country: str
    office: str
    role: str
    start: dt.date | None
    end: dt.date | None
    org: str | None = None  # entity key of the international organisation of an IGO office


@dataclass(frozen=True)
class Title:
    sector: tuple[str, ...]
    office: str | None = None
    relational: bool = False
    country: str | None = None  # the country a title alone names ("foreign secretary" -> GBR)
    accredited: bool = False  # an IGO named before it is where the holder serves, not theirs ("UN ambassador")


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity] = field(default_factory=dict)
    #: exact surface form -> (entity key, kind); kind: name, adjective, people, capital, alias
    forms: dict[str, tuple[str, str]] = field(default_factory=dict)
    terms: list[Term] = field(default_factory=list)
    terms_by_office: dict[tuple[str, str], list[Term]] = field(default_factory=dict)
    terms_by_person: dict[str, list[Term]] = field(default_factory=dict)
    titles: dict[tuple[str, ...], Title] = field(default_factory=dict)
    modifiers: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    ranks: dict[tuple[str, ...], tuple[bool, tuple[str, ...]]] = field(default_factory=dict)
    rank_names: dict[tuple[str, ...], str] = field(default_factory=dict)
    bodies: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    #: bodies that, with a modifier and no country, belong to the country in focus ("the foreign ministry")
    focus_bodies: frozenset[tuple[str, ...]] = frozenset()
    #: heads of an appositive description that make a person act for the body it names ("the chair of X")
    member_heads: frozenset[str] = frozenset()
    collectives: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    #: collectives whose place names their country ("the authorities in Nairobi" -> KEN GOV)
    located_collectives: frozenset[tuple[str, ...]] = frozenset()
    state_agents: frozenset[tuple[str, ...]] = frozenset()
    domestic_agents: frozenset[tuple[str, ...]] = frozenset()
    #: titles of a town's or province's office ("mayor", "governor", "public prosecutor"): a holder of no
    #: country takes the country of the place named before the title or "in" the sentence
    local_offices: frozenset[tuple[str, ...]] = frozenset()
    #: plural nouns that, after a country's adjective, name its state body, not a group of people
    #: ("Serbian police", "Iraqi security forces" -> organisations)
    institutions: frozenset[tuple[str, ...]] = frozenset()
    #: "X-led" / "X-backed" before a collective: marker -> True when the group is X's own ("Saudi-led")
    sponsor_markers: dict[str, bool] = field(default_factory=dict)
    #: nouns that make a group only after such a marker ("the Saudi-led coalition")
    led_groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    pronouns: dict[str, tuple[tuple[str, ...], bool]] = field(default_factory=dict)
    plural_pairs: dict[str, str] = field(default_factory=dict)
    plural_pronouns: dict[str, bool] = field(default_factory=dict)  # they/their -> possessive
    group_descriptions: bool = False
    descriptions: dict[str, str] = field(default_factory=dict)
    #: adjectives that make "the <adj> country" another country than the last one ("the other nation")
    description_other: set[str] = field(default_factory=set)
    window_sentences: int = 3
    leaders: dict[str, str] = field(default_factory=dict)
    locative_preps: frozenset[str] = frozenset()
    motion_verbs: frozenset[str] = frozenset()
    org_heads: frozenset[str] = frozenset()
    place_modifiers: frozenset[str] = frozenset()
    place_features: frozenset[str] = frozenset()
    place_min_population: int = 100000
    lone_place_min_population: int = 20000
    line_prefixes: tuple[str, ...] = ()
    not_actors: frozenset[str] = frozenset()
    kinship: frozenset[str] = frozenset()  # relatives' words ('brother'): see roles.yaml
    org_nouns: frozenset[str] = frozenset()  # nouns describing an organisation ('company'): roles.yaml
    credit_markers: tuple[str, ...] = ()
    max_title_len: int = 1
    max_modifier_len: int = 1
    max_rank_len: int = 1

    def holder(self, country: str, office: str, on: dt.date | None) -> Term | None:
        """Who held ``office`` of ``country`` on ``on`` (the latest holder when ``on`` is None). The
        office ``leader`` is the one ``leaders.yaml`` names for the country."""
        if office == "leader":
            office = self.leaders.get(country, "")
        terms = self.terms_by_office.get((country, office), [])
        if not terms:
            return None
        if on is None:
            return max(terms, key=lambda t: t.start or dt.date.min)
        for t in terms:
            if (t.start is None or t.start <= on) and (t.end is None or on < t.end):
                return t
        return None

    def term_for(self, person: str, on: dt.date | None) -> tuple[Term | None, bool]:
        """The term of ``person`` to describe them on ``on``: (term, current). A term in force wins;
        else the last one before ``on`` (current False: a former office)."""
        terms = self.terms_by_person.get(person, [])
        if not terms:
            return None, False
        if on is None:
            return max(terms, key=lambda t: t.start or dt.date.min), True
        for t in terms:
            if (t.start is None or t.start <= on) and (t.end is None or on < t.end):
                return t, True
        past = [t for t in terms if t.end is not None and t.end <= on]
        if past:
            return max(past, key=lambda t: t.end or dt.date.min), False
        return None, False


def _cells(value: str) -> list[str]:
    value = value.strip()
    if not value or value == "-":
        return []
    return [v.strip() for v in value.split("|") if v.strip()]


def _variants(form: str) -> list[str]:
    """The form, with "The" for "the", and with the typographic apostrophe for the straight one and back
    ("People's Protection Units" / "People’s Protection Units": news sites use either)."""
    out = [form]
    if form.startswith("the "):
        out.append("The " + form[4:])
    out += _particle_variants(form)
    for a, b in (("'", "\u2019"), ("\u2019", "'")):
        if a in form:
            out += [v.replace(a, b) for v in list(out)]
    return out


# Arabic article particles written with a hyphen in the knowledge base ("el-Sisi", "al-Assad")
_PARTICLE = re.compile(r"(?<![\w'\u2019-])(al|el|ad|ash|as|an|ar|at|az|ad-d|ud|ul)-(?=[A-Z])", re.IGNORECASE)


def _particle_variants(form: str) -> list[str]:
    """A name with an Arabic article particle in the other spellings news use: lower or upper case, with
    a hyphen or a space ("Abdel Fattah el-Sisi" / "Abdel Fattah El-Sisi" / "Abdel Fattah El Sisi" /
    "Abdel Fattah el Sisi"). Only a particle after another word counts, so a lone "al-Assad" stays as
    written and "Al Jazeera" gives no hyphenated form of its own."""
    if " " not in form or not _PARTICLE.search(form):
        return []
    out: list[str] = []
    for case in (str.lower, str.capitalize):
        for sep in ("-", " "):
            v = _PARTICLE.sub(lambda m, c=case, s=sep: c(m.group(1)) + s
                              if m.start() > 0 else m.group(0), form)
            if v != form and v not in out:
                out.append(v)
    return out


def _date(value: Any, where: str) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError as exc:
        raise ConfigError(f"{where}: bad date {value!r} (want YYYY-MM-DD)") from exc


def _tuple_key(text: str) -> tuple[str, ...]:
    """Lower-case token tuple of a role word, hyphens split off as the tokenizer does
    ("secretary-general" -> secretary, -, general)."""
    text = re.sub(r"(?<=\w)-(?=\w)", " - ", text.lower().replace("\u2019", "'"))
    return tuple(text.split())


def _dot_variants(key: tuple[str, ...]) -> list[tuple[str, ...]]:
    """An abbreviation may reach the tokenizer as one token ("gen.") or two ("brig", "."): every split."""
    out: list[tuple[str, ...]] = [()]
    for w in key:
        forms = [(w,)]
        if len(w) > 1 and w.endswith("."):
            forms.append((w[:-1], "."))
        out = [o + f for o in out for f in forms]
    return out


def _yaml_files(name: str, extra: tuple[str, ...] | None) -> list[Path]:
    return [p for p in data_files(f"{AREA}/{name}", extra) if p.suffix in {".yaml", ".yml"}]


def _add_forms(kb: KnowledgeBase, key: str, kind: str, forms: list[str]) -> None:
    for form in forms:
        for v in _variants(form):
            kb.forms[v] = (key, kind)


def _load_countries(kb: KnowledgeBase, extra: tuple[str, ...] | None) -> None:
    rows = actor_rows(extra)  # communique/countries.py: data/countries/countries.tsv and user folders
    # adjectives/names shared by several states go to the first state that lists them
    for iso, cells in rows.items():
        key = f"country:{iso}"
        kb.entities[key] = Entity(key=key, name=cells[1].strip(), type="country", country=iso, code=iso)
    for kind, col in (("capital", 5), ("people", 4), ("adjective", 3), ("name", 2)):
        for iso, cells in reversed(list(rows.items())):
            forms = _cells(cells[col]) + ([cells[1].strip()] if kind == "name" else [])
            _add_forms(kb, f"country:{iso}", kind, forms)


def _load_country_forms(kb: KnowledgeBase, extra: tuple[str, ...] | None) -> None:
    """``country_forms.yaml``: more names, adjectives, people names and seats of government (metonyms) of
    states of the country table."""
    kinds = {"names": "name", "adjectives": "adjective", "people": "people", "seats": "capital"}
    for path in _yaml_files("country_forms.yaml", extra):
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: want a mapping of country code to forms")
        for iso, spec in data.items():
            key = f"country:{str(iso).upper()}"
            if key not in kb.entities:
                raise ConfigError(f"{path}: {iso!r} is no country of countries.tsv")
            if not isinstance(spec, dict) or set(spec) - set(kinds):
                raise ConfigError(f"{path}: {iso}: want a mapping with {', '.join(kinds)}")
            for field_, kind in kinds.items():
                _add_forms(kb, key, kind, [str(x) for x in spec.get(field_) or []])


def _load_blocs(kb: KnowledgeBase, extra: tuple[str, ...] | None) -> None:
    for path in _yaml_files("blocs.yaml", extra) + _yaml_files("peoples.yaml", extra) + \
            _yaml_files("organisations.yaml", extra):
        for i, e in enumerate(load_yaml(path) or []):
            where = f"{path} entry {i + 1}"
            if not isinstance(e, dict) or "name" not in e:
                raise ConfigError(f"{where}: an entry needs at least a name")
            key = f"org:{e.get('id') or fold(e['name'])}"
            sector = tuple(e.get("sector") or ())
            country = e.get("country")
            code = e.get("code") or make_code(country, sector)
            kb.entities[key] = Entity(key=key, name=str(e["name"]), type=e.get("type", "organization"),
                                      country=country, sector=sector, code=code)
            _add_forms(kb, key, "name", [str(x) for x in (e.get("names") or [e["name"]])])
            if e["name"] not in kb.forms:
                _add_forms(kb, key, "name", [str(e["name"])])
            _add_forms(kb, key, "adjective", [str(x) for x in e.get("adjectives") or []])
            _add_forms(kb, key, "capital", [str(x) for x in e.get("seat") or []])


def _office_files(extra: tuple[str, ...] | None) -> list[Path]:
    """``offices.yaml`` and every YAML file of the ``offices/`` folder (one file per region), per data root."""
    return _yaml_files("offices.yaml", extra) + _yaml_files("offices", extra)


def _load_offices(kb: KnowledgeBase, extra: tuple[str, ...] | None) -> None:
    seen: set[tuple[str, str, str, dt.date | None, dt.date | None]] = set()
    for path in _office_files(extra):
        for i, e in enumerate(load_yaml(path) or []):
            where = f"{path} entry {i + 1}"
            try:
                country, office, role = str(e["country"]), str(e["office"]), str(e["role"])
                holders = e["holders"]
            except (KeyError, TypeError) as exc:
                raise ConfigError(f"{where}: an office needs country, office, role and holders") from exc
            sector = ("IGO",) if country == "IGO" else ("GOV",)
            org = None
            if e.get("org"):
                hit = kb.forms.get(str(e["org"]))
                if hit is None or hit[0] not in kb.entities:
                    raise ConfigError(f"{where}: unknown organisation {e['org']!r} (blocs.yaml or organisations.yaml)")
                org = hit[0]
            if office == "defence_minister":
                sector = ("GOV", "MIL")
            if e.get("sector"):
                sector = tuple(str(x) for x in e["sector"])  # a party office: PTY, not GOV
            for h in holders:
                name = str(h["name"])
                key = f"person:{fold(name)}"
                if key not in kb.entities:
                    kb.entities[key] = Entity(key=key, name=name, type="person", country=country, sector=sector,
                                              code=make_code(country, sector))
                term = Term(person=key, name=name, country=country, office=office, role=role,
                            start=_date(h.get("from"), where), end=_date(h.get("to"), where), org=org)
                _add_forms(kb, key, "name", [name])
                _add_forms(kb, key, "alias", [str(a) for a in h.get("aliases") or []])
                ident = (key, country, office, term.start, term.end)
                if ident in seen:
                    continue  # the same term listed in two files (offices.yaml and a regional file)
                seen.add(ident)
                kb.terms.append(term)
                kb.terms_by_office.setdefault((country, office), []).append(term)
                kb.terms_by_person.setdefault(key, []).append(term)


def _load_people(kb: KnowledgeBase, extra: tuple[str, ...] | None) -> None:
    """``people.yaml``: notable people who hold no office of ``offices.yaml`` but whom news codes by
    country (militant and opposition leaders, envoys, dissidents, royals, party leaders). A person with a
    ``role`` gets a term of its own (office ``people:<name>``; country "" when null) from ``from`` to ``to``
    (both optional), so
    the publication date makes the role current or "former"; a person already known from an office keeps
    that entity and gains the forms."""
    for path in _yaml_files("people.yaml", extra):
        for i, e in enumerate(load_yaml(path) or []):
            where = f"{path} entry {i + 1}"
            if not isinstance(e, dict) or "name" not in e:
                raise ConfigError(f"{where}: a person needs at least a name")
            name = str(e["name"])
            country = str(e["country"]) if e.get("country") else None
            sector = tuple(str(x) for x in e.get("sector") or ("GOV",) if x)
            key = f"person:{fold(name)}"
            if key not in kb.entities:
                kb.entities[key] = Entity(key=key, name=name, type="person", country=country, sector=sector,
                                          code=make_code(country, sector))
            _add_forms(kb, key, "name", [name])
            _add_forms(kb, key, "alias", [str(a) for a in e.get("aliases") or []])
            if e.get("role"):
                # a person of no country ("al-Qaida leader") keeps the role; the empty country names none
                term = Term(person=key, name=name, country=country or "", office=f"people:{fold(name)}",
                            role=str(e["role"]), start=_date(e.get("from"), where), end=_date(e.get("to"), where))
                kb.terms.append(term)
                kb.terms_by_person.setdefault(key, []).append(term)  # no office to look up by: holder() never asks


def _load_leaders(kb: KnowledgeBase, extra: tuple[str, ...] | None) -> None:
    for path in _yaml_files("leaders.yaml", extra):
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: want a mapping of country code to office key")
        kb.leaders.update({str(k).upper(): str(v) for k, v in data.items()})


def _load_roles(kb: KnowledgeBase, extra: tuple[str, ...] | None) -> None:
    for path in _yaml_files("roles.yaml", extra):
        data = load_yaml(path) or {}
        for word, spec in (data.get("titles") or {}).items():
            spec = spec or {}
            kb.titles[_tuple_key(str(word))] = Title(sector=tuple(spec.get("sector") or ()),
                                                     office=spec.get("office"),
                                                     relational=bool(spec.get("relational")),
                                                     country=spec.get("country"),
                                                     accredited=bool(spec.get("accredited")))
        for word, sectors in (data.get("modifiers") or {}).items():
            kb.modifiers[_tuple_key(str(word))] = tuple(sectors or ())
        for word, spec in (data.get("ranks") or {}).items():
            spec = spec or {}
            for key in _dot_variants(_tuple_key(str(word))):
                kb.ranks[key] = (bool(spec.get("rank", True)), tuple(spec.get("sector") or ()))
                kb.rank_names[key] = str(spec.get("role") or str(word).rstrip("."))
        for word, sectors in (data.get("bodies") or {}).items():
            kb.bodies[_tuple_key(str(word))] = tuple(sectors or ())
        for word, sectors in (data.get("collectives") or {}).items():
            kb.collectives[_tuple_key(str(word))] = tuple(sectors or ())
        for word, spec in (data.get("sponsor_markers") or {}).items():
            kb.sponsor_markers[str(word).lower()] = bool((spec or {}).get("own"))
        for word, sectors in (data.get("led_groups") or {}).items():
            kb.led_groups[str(word).lower()] = tuple(sectors or ())
        focus = data.get("focus_bodies") or []
        kb.focus_bodies = kb.focus_bodies | {_tuple_key(str(w)) for w in focus}
        kb.member_heads = kb.member_heads | {str(w).lower() for w in data.get("member_heads") or []}
        kb.kinship = kb.kinship | {str(w).lower() for w in data.get("kinship") or []}
        kb.org_nouns = kb.org_nouns | {str(w).lower() for w in data.get("organisation_nouns") or []}
        kb.institutions = kb.institutions | {_tuple_key(str(w)) for w in data.get("institutions") or []}
        located = data.get("located_collectives") or []
        kb.located_collectives = kb.located_collectives | {_tuple_key(str(w)) for w in located}
        kb.state_agents = kb.state_agents | {_tuple_key(str(w)) for w in data.get("state_agents") or []}
        kb.domestic_agents = kb.domestic_agents | {_tuple_key(str(w)) for w in data.get("domestic_agents") or []}
        kb.local_offices = kb.local_offices | {_tuple_key(str(w)) for w in data.get("local_offices") or []}
    kb.max_title_len = max((len(k) for k in kb.titles), default=1)
    kb.max_modifier_len = max((len(k) for k in kb.modifiers), default=1)
    kb.max_rank_len = max((len(k) for k in kb.ranks), default=1)


def _load_misc(kb: KnowledgeBase, extra: tuple[str, ...] | None) -> None:
    for path in _yaml_files("coref.yaml", extra):
        data = load_yaml(path) or {}
        for word, spec in (data.get("pronouns") or {}).items():
            kb.pronouns[str(word).lower()] = (tuple(spec.get("kinds") or ()), bool(spec.get("possessive")))
        kb.plural_pairs.update({str(k).lower(): str(v) for k, v in (data.get("plural_pairs") or {}).items()})
        kb.plural_pronouns.update({str(k).lower(): bool((v or {}).get("possessive"))
                                   for k, v in (data.get("plural_pronouns") or {}).items()})
        kb.group_descriptions = bool(data.get("group_descriptions", kb.group_descriptions))
        kb.descriptions.update({str(k).lower(): str(v) for k, v in (data.get("descriptions") or {}).items()})
        kb.window_sentences = int(data.get("window_sentences", kb.window_sentences))
        kb.description_other.update(str(w).lower() for w in data.get("description_other") or [])
    preps: set[str] = set()
    verbs: set[str] = set()
    heads: set[str] = set()
    for path in _yaml_files("metonyms.yaml", extra):
        data = load_yaml(path) or {}
        preps.update(str(x).lower() for x in data.get("locative_prepositions") or [])
        verbs.update(str(x).lower() for x in data.get("motion_verbs") or [])
        heads.update(str(x) for x in data.get("organisation_heads") or [])
        kb.place_modifiers = kb.place_modifiers | {str(x).lower() for x in data.get("place_modifiers") or []}
        kb.place_features = kb.place_features | {str(x) for x in data.get("place_features") or []}
        kb.place_min_population = int(data.get("place_min_population", kb.place_min_population))
        kb.lone_place_min_population = int(data.get("lone_place_min_population", kb.lone_place_min_population))
    kb.locative_preps, kb.motion_verbs, kb.org_heads = frozenset(preps), frozenset(verbs), frozenset(heads)
    prefixes: list[str] = []
    markers: list[str] = []
    never: set[str] = set()
    for path in _yaml_files("metadata.yaml", extra):
        data = load_yaml(path) or {}
        prefixes += [str(x) for x in data.get("line_prefixes") or []]
        markers += [str(x) for x in data.get("credit_markers") or []]
        never.update(str(x) for x in data.get("not_actors") or [])
    kb.line_prefixes, kb.credit_markers = tuple(prefixes), tuple(markers)
    kb.not_actors = frozenset(never)


def make_code(country: str | None, sectors: tuple[str, ...] | list[str]) -> str | None:
    """CAMEO-style code: the country (or region/IGO) followed by the sector codes, each once."""
    parts: list[str] = [country] if country else []
    for s in sectors:
        if s and s not in parts:
            parts.append(s)
    return "".join(parts) or None


def build_kb(extra: tuple[str, ...] | None = None) -> KnowledgeBase:
    kb = KnowledgeBase()
    _load_countries(kb, extra)
    _load_country_forms(kb, extra)
    _load_blocs(kb, extra)
    _load_offices(kb, extra)
    _load_people(kb, extra)
    _load_leaders(kb, extra)
    _load_roles(kb, extra)
    _load_misc(kb, extra)
    log.debug("actors knowledge: %d entities, %d forms, %d terms", len(kb.entities), len(kb.forms), len(kb.terms))
    return kb


@lru_cache(maxsize=4)
def _cached_kb(dirs: tuple[str, ...]) -> KnowledgeBase:
    return build_kb(dirs)


def get_kb() -> KnowledgeBase:
    """The knowledge base for the configured data folders (built once per process per folder set)."""
    from ..config import get_settings

    return _cached_kb(tuple(get_settings().data_dirs))


get_kb.cache_clear = _cached_kb.cache_clear  # type: ignore[attr-defined]
