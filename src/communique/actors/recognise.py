"""``communique_actors``: find actor mentions and resolve them to actors, in small steps.

Steps (each one claims the tokens of the mentions it makes, so later steps never double-count):

1. ``gazetteer``: one PhraseMatcher pass over every known form (countries, adjectives, demonyms, capitals,
   blocs, organisations, office holders), longest match first.
2. ``people``: each PERSON entity, with its title ("Chinese Defence Minister", "spokesperson Colonel"),
   appositive role and name; ranks stripped from the name and kept in the role; surnames and partial names
   linked to a full name of the article, then to office holders of the knowledge base.
3. ``role descriptions``: "China's defence minister", "the Russian foreign ministry spokesperson": the
   office holder on the publication date when the knowledge base knows the office, else a person by role.
4. ``bodies``: organisations from a country reference and a body noun ("China's defence ministry",
   "the Russian army", "Russia's official TASS news agency").
5. ``collectives``: demonym or bloc adjective + collective noun ("Western leaders", "Russian troops").
6. ``known names``: countries, metonyms (capitals that act), blocs, IGOs, organisations, office holders.
7. ``entities``: remaining ORG (and organisation-like FAC/EVENT) and plural NORP entities.
8. ``context``: a person with a role but no country takes the country of the organisation they speak for
   in the sentence; "his counterpart" takes the role of the person "his" refers to; office holders get
   their office when the text gives none; a role-only description joins the named person with that role.

This module is the driver; each step lives in its own module:

- :mod:`.ctx`: shared word lists, ``Gaz`` hits, ``RoleParse`` and the per-document ``Ctx``.
- :mod:`.matching`: step 1 (``get_matcher``, metadata blocking, ``gazetteer``).
- :mod:`.roles`: title and role phrases (``parse_role_left``), names stripped of titles.
- :mod:`.placing`: telling places from actors (locative phrases, the places gazetteer).
- :mod:`.people`: steps 2-3 (people, role descriptions).
- :mod:`.groups`: steps 4-7 (bodies, collectives, known names, remaining entities).
- :mod:`.names`: steps 7b-7d and 9 (surnames, abbreviations, joined surnames, appositive owners).
- :mod:`.attributes`: step 8 (attributes from context and the knowledge base).
"""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from ..text import fold
from .attributes import step_context, step_described_country
from .ctx import Ctx, RoleParse
from .groups import step_bodies, step_collectives, step_entities, step_known
from .kb import KnowledgeBase
from .matching import _blocked, gazetteer, get_matcher
from .names import step_abbreviations, step_appositive_owner, step_join_surnames, step_surnames
from .people import step_people, step_role_descriptions
from .state import State

__all__ = ["Ctx", "get_matcher", "recognise"]


def _written_spellings(ctx: Ctx, st: State) -> None:
    """A known person is named with the article's spelling of the knowledge base's name when the two
    differ only in accents or case ("Bekir Bozdağ" in the text, "Bekir Bozdag" in the knowledge base)."""
    for m in st.mentions:
        if len(m.keys) != 1 or m.kind not in ("name", "surname"):
            continue
        d = st.drafts.get(m.keys[0])
        if d is None or d.type != "person" or not d.kb_name:
            continue
        text = ctx.doc[m.start:m.end].text
        if text != d.kb_name and text not in d.names and fold(text) == fold(d.kb_name):
            d.names.append(text)


def recognise(doc: Doc, kb: KnowledgeBase, matcher: PhraseMatcher, labels: list[tuple[str, str]]) -> State:
    blocked = _blocked(doc, kb)
    gaz = gazetteer(doc, matcher, labels, blocked)
    ctx = Ctx(doc, kb, gaz)
    st = State(claimed=bytearray(blocked))
    relational: list[tuple[str, RoleParse]] = []
    step_people(ctx, st, blocked, relational)
    step_role_descriptions(ctx, st, relational)
    step_bodies(ctx, st)
    step_collectives(ctx, st)
    step_known(ctx, st, gaz)
    step_entities(ctx, st, blocked)
    step_surnames(ctx, st)
    step_abbreviations(ctx, st)
    step_join_surnames(st)
    step_context(ctx, st, relational)
    step_described_country(ctx, st)
    step_appositive_owner(ctx, st)
    _written_spellings(ctx, st)
    st.ctx = ctx  # type: ignore[attr-defined]
    return st
