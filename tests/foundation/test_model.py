from __future__ import annotations

import pytest

from communique.errors import ModelError
from communique.nlp import MODEL_NAME, MODEL_VERSION, check_model_meta


def test_pinned_model_loads(nlp):
    assert nlp.meta["name"] == MODEL_NAME and nlp.meta["version"] == MODEL_VERSION
    for name in ("parser", "ner", "communique_segment", "communique_events"):
        assert name in nlp.pipe_names


@pytest.mark.parametrize(
    "meta, words",
    [
        ({"name": "core_web_md", "version": "3.8.0", "spacy_version": ">=3.8.0,<3.9.0"}, "name"),
        ({"name": MODEL_NAME, "version": "3.7.1", "spacy_version": ">=3.7.0,<3.8.0"}, "version"),
    ],
)
def test_wrong_model_is_refused(meta, words):
    with pytest.raises(ModelError, match=words):
        check_model_meta(meta)


def test_line_breaks_bound_sentences(nlp):
    doc = nlp("Leaders meet in Paris\nThe summit opened on Monday with talks on trade.")
    starts = [s.text.strip() for s in doc.sents]
    assert starts[0] == "Leaders meet in Paris"
    assert starts[1].startswith("The summit")


def test_the_pipeline_loads_its_knowledge_up_front_and_freezes_it(nlp):
    import gc

    # get_nlp ran a warm-up document (every component loaded its tables) and moved what was alive then
    # to the permanent generation, so full collections no longer walk the knowledge tables
    assert gc.get_freeze_count() > 100_000
    before = gc.get_freeze_count()
    doc = nlp("Chile and Peru signed a trade pact in Lima on Friday.")
    assert doc.has_annotation("DEP")
    assert gc.get_freeze_count() == before  # coding adds nothing to the frozen set
