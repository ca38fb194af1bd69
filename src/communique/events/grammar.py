"""The general argument finder's per-type preferences (``data/events/grammar.yaml``).

When a pattern's own target slots name no actor, :func:`extra_targets` (used by the coder) looks, for every
predicate, at the prepositional phrases the type prefers, at places (for the place types), and at the
modifiers of the object ("condemned Russia's annexation", "shelled Syrian regime targets"). Types listed
in ``open_target_types`` are still events when nothing is found: their target is unstated (null).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import ConfigError
from ..knowledge import data_files, load_yaml

log = logging.getLogger(__name__)


class GrammarError(ConfigError):
    code = "event_grammar_error"


@dataclass(frozen=True)
class Grammar:
    """Per-type preferences of the argument finder."""

    open_target: frozenset[str] = frozenset()
    place_target: frozenset[str] = frozenset()
    target_preps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    place_preps: tuple[str, ...] = ()
    reciprocal: frozenset[str] = frozenset()
    open_target_nouns: frozenset[str] = frozenset()
    unresolved: frozenset[str] = frozenset()
    acts_not_quotes: frozenset[str] = frozenset()
    closed_cameo: tuple[str, ...] = ()
    stateless_sectors: frozenset[str] = frozenset()
    inherit_source: frozenset[str] = frozenset()
    conflict_nouns: frozenset[str] = frozenset()
    frame_preps: frozenset[str] = frozenset()
    located_target: frozenset[str] = frozenset()
    implied_state: frozenset[str] = frozenset()
    clause_target: frozenset[str] = frozenset()
    owned_agents: frozenset[str] = frozenset()
    patient_governments: frozenset[str] = frozenset()
    claim_verbs: frozenset[str] = frozenset()
    exposure_preps: frozenset[str] = frozenset()
    exposure_agents: tuple[str, ...] = ()
    striving_verbs: frozenset[str] = frozenset()
    frame_types: frozenset[str] = frozenset()
    frame_type_preps: frozenset[str] = frozenset()
    chain_heads: frozenset[str] = frozenset()
    chain_preps: tuple[str, ...] = ()
    commitment_heads: dict[str, str] = field(default_factory=dict)
    clause_target_nouns: frozenset[str] = frozenset()
    reported_forces: frozenset[str] = frozenset()
    combat_aims: frozenset[str] = frozenset()
    nationality_groups: frozenset[str] = frozenset()
    armed_nouns: frozenset[str] = frozenset()
    abstract_objects: frozenset[str] = frozenset()


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise GrammarError(f"{where}: expected a list of strings, got {value!r}")
    return value


@lru_cache(maxsize=4)
def grammar(extra: tuple[str, ...] | None = None) -> Grammar:
    """The merged ``events/grammar.yaml`` of the package and of every user data folder (later folders add
    types and prepositions)."""
    open_t: set[str] = set()
    place_t: set[str] = set()
    preps: dict[str, list[str]] = {}
    place_preps: list[str] = []
    recip: set[str] = set()
    open_n: set[str] = set()
    unresolved: set[str] = set()
    acts: set[str] = set()
    nat_groups: set[str] = set()
    armed_nouns: set[str] = set()
    abstract: set[str] = set()
    closed: list[str] = []
    stateless: set[str] = set()
    inherit: set[str] = set()
    conflict: set[str] = set()
    frame: set[str] = set()
    located: set[str] = set()
    implied: set[str] = set()
    clause: set[str] = set()
    owned: set[str] = set()
    patient_gov: set[str] = set()
    claim: set[str] = set()
    exposure: set[str] = set()
    exposure_agents: list[str] = []
    striving: set[str] = set()
    aims: set[str] = set()
    frame_types: set[str] = set()
    frame_type_preps: set[str] = set()
    chain_heads: set[str] = set()
    chain_preps: list[str] = []
    commitment: dict[str, str] = {}
    clause_nouns: set[str] = set()
    forces: set[str] = set()
    for path in data_files("events/grammar.yaml", list(extra) if extra is not None else None):
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise GrammarError(f"{path}: expected a mapping")
        open_t.update(t.upper() for t in _strings(data.get("open_target_types"), f"{path}: open_target_types"))
        place_t.update(t.upper() for t in _strings(data.get("place_target_types"), f"{path}: place_target_types"))
        for typ, ps in (data.get("target_preps") or {}).items():
            lst = preps.setdefault(str(typ).upper(), [])
            lst.extend(p.replace("_", " ") for p in _strings(ps, f"{path}: target_preps.{typ}") if p not in lst)
        place_preps.extend(p for p in _strings(data.get("place_preps"), f"{path}: place_preps")
                           if p not in place_preps)
        recip.update(w.lower() for w in _strings(data.get("reciprocal"), f"{path}: reciprocal"))
        open_n.update(t.upper() for t in _strings(data.get("open_target_noun_types"), f"{path}: open_target_noun_types"))
        unresolved.update(w.lower() for w in _strings(data.get("unresolved_actor_words"),
                                                      f"{path}: unresolved_actor_words"))
        acts.update(t.upper() for t in _strings(data.get("acts_not_quotes"), f"{path}: acts_not_quotes"))
        closed.extend(str(c) for c in _strings(data.get("closed_target_cameo"), f"{path}: closed_target_cameo"))
        stateless.update(s.upper() for s in _strings(data.get("stateless_sectors"), f"{path}: stateless_sectors"))
        inherit.update(t.upper() for t in _strings(data.get("inherit_source_types"), f"{path}: inherit_source_types"))
        conflict.update(w.lower() for w in _strings(data.get("conflict_nouns"), f"{path}: conflict_nouns"))
        frame.update(w.lower() for w in _strings(data.get("frame_preps"), f"{path}: frame_preps"))
        located.update(t.upper() for t in _strings(data.get("located_target_types"), f"{path}: located_target_types"))
        implied.update(t.upper() for t in _strings(data.get("implied_state_types"), f"{path}: implied_state_types"))
        clause.update(t.upper() for t in _strings(data.get("clause_target_types"), f"{path}: clause_target_types"))
        owned.update(w.lower() for w in _strings(data.get("owned_agents"), f"{path}: owned_agents"))
        patient_gov.update(w.lower() for w in _strings(data.get("patient_governments"),
                                                       f"{path}: patient_governments"))
        claim.update(w.lower() for w in _strings(data.get("claim_verbs"), f"{path}: claim_verbs"))
        exposure.update(w.lower() for w in _strings(data.get("exposure_preps"), f"{path}: exposure_preps"))
        exposure_agents.extend(w.lower() for w in _strings(data.get("exposure_agents"), f"{path}: exposure_agents")
                               if w.lower() not in exposure_agents)
        striving.update(w.lower() for w in _strings(data.get("striving_verbs"), f"{path}: striving_verbs"))
        aims.update(w.lower() for w in _strings(data.get("combat_aims"), f"{path}: combat_aims"))
        frame_types.update(t.upper() for t in _strings(data.get("frame_types"), f"{path}: frame_types"))
        frame_type_preps.update(w.lower() for w in _strings(data.get("frame_type_preps"), f"{path}: frame_type_preps"))
        chain_heads.update(w.lower() for w in _strings(data.get("chain_heads"), f"{path}: chain_heads"))
        heads = data.get("commitment_heads") or {}
        if not isinstance(heads, dict):
            raise GrammarError(f"{path}: commitment_heads: expected a mapping of lemma to status")
        commitment.update({str(k).lower(): str(v).lower() for k, v in heads.items()})
        clause_nouns.update(t.upper() for t in _strings(data.get("clause_target_noun_types"),
                                                        f"{path}: clause_target_noun_types"))
        forces.update(w.lower() for w in _strings(data.get("reported_forces"), f"{path}: reported_forces"))
        chain_preps.extend(w.lower() for w in _strings(data.get("chain_preps"), f"{path}: chain_preps")
                           if w.lower() not in chain_preps)
        nat_groups.update(w.lower() for w in _strings(data.get("nationality_groups"), f"{path}: nationality_groups"))
        armed_nouns.update(w.lower() for w in _strings(data.get("armed_nouns"), f"{path}: armed_nouns"))
        abstract.update(w.lower() for w in _strings(data.get("abstract_objects"), f"{path}: abstract_objects"))
    return Grammar(frozenset(open_t), frozenset(place_t), {k: tuple(v) for k, v in preps.items()},
                   tuple(place_preps), frozenset(recip), frozenset(open_n), frozenset(unresolved),
                   frozenset(acts), tuple(closed), frozenset(stateless),
                   frozenset(inherit), frozenset(conflict), frozenset(frame),
                   frozenset(located), frozenset(implied), frozenset(clause), frozenset(owned),
                   frozenset(patient_gov), frozenset(claim), frozenset(exposure), tuple(exposure_agents),
                   frozenset(striving), frozenset(frame_types), frozenset(frame_type_preps),
                   frozenset(chain_heads), tuple(chain_preps), commitment,
                   frozenset(clause_nouns), frozenset(forces), combat_aims=frozenset(aims),
                   nationality_groups=frozenset(nat_groups), armed_nouns=frozenset(armed_nouns),
                   abstract_objects=frozenset(abstract))


def is_act_verb(lemma: str) -> bool:
    """The verb heads an event pattern of a type in ``acts_not_quotes``: its bare object is what it acts
    on ("condemned **the attack**"), not what was said (used by the quotes stage)."""
    from .patterns import load_patterns

    types = grammar().acts_not_quotes
    return any(p.type in types for p in load_patterns().verbs.get(lemma, ()))


@dataclass(frozen=True)
class NullSource:
    """``null_source`` of ``events/grammar.yaml``: whether agentless acts are coded with a null source,
    and for which types."""

    enabled: bool = False
    types: frozenset[str] = frozenset()
    foreseen: frozenset[str] = frozenset()  # "lead to a massacre": heads of an act only foreseen
    unknown_agents: frozenset[str] = frozenset()  # "gunmen": subjects that name no known author
    unknown_modifiers: frozenset[str] = frozenset()  # "unidentified men"


@lru_cache(maxsize=4)
def null_source(extra: tuple[str, ...] | None = None) -> NullSource:
    """The merged ``null_source`` of every ``events/grammar.yaml`` (a later folder's ``enabled`` wins)."""
    enabled = False
    types: set[str] = set()
    foreseen: set[str] = set()
    agents: set[str] = set()
    modifiers: set[str] = set()
    for path in data_files("events/grammar.yaml", list(extra) if extra is not None else None):
        data = (load_yaml(path) or {}).get("null_source") or {}
        if not isinstance(data, dict):
            raise GrammarError(f"{path}: null_source: expected a mapping")
        if "enabled" in data:
            enabled = bool(data["enabled"])
        types.update(str(t).upper() for t in data.get("types") or [])
        foreseen.update(str(w).lower() for w in data.get("foreseen_heads") or [])
        agents.update(str(w).lower() for w in data.get("unknown_agents") or [])
        modifiers.update(str(w).lower() for w in data.get("unknown_modifiers") or [])
    return NullSource(enabled, frozenset(types), frozenset(foreseen), frozenset(agents), frozenset(modifiers))
