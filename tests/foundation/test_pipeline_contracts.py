"""The components' contracts: each factory declares what it reads (``requires=``) and writes
(``assigns=``), and spaCy's own analysis of the configured pipeline finds no requirement unmet."""

from __future__ import annotations

from communique.config import DEFAULT_PIPELINE
from communique.nlp import add_components, add_warning, load_model


def test_every_component_declares_requires_and_assigns(nlp):
    for name in DEFAULT_PIPELINE:
        meta = nlp.get_pipe_meta(name)
        assert meta.assigns, f"{name} declares no assigns="
        if name != "communique_segment":  # reads the tokens only
            assert meta.requires, f"{name} declares no requires="


def test_default_pipeline_has_no_missing_requirement(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    missing = {name: probs for name, probs in analysis["problems"].items() if probs}
    assert missing == {}


def test_a_pipeline_without_its_inputs_is_reported():
    """The check above can fail: the events stage without the actors, times, places and quotes stages
    lacks what it requires."""
    bare = add_components(load_model(exclude=["ner"]), ["communique_segment", "communique_events"])
    problems = bare.analyze_pipes(pretty=False)["problems"]
    assert {"doc._.actors", "doc._.quotes"} <= set(problems["communique_events"])


def test_component_warnings_reach_the_record(nlp):
    from communique.coder import make_doc, record_from_doc
    from communique.records import Article

    doc = nlp(make_doc(nlp, Article(text="The minister said the talks would resume.", published="2024-03-05")))
    add_warning(doc, "communique_quotes", "actors lookup failed: test")
    add_warning(doc, "communique_quotes", "actors lookup failed: test")  # recorded once
    record = record_from_doc(doc)
    assert record.warnings.count("communique_quotes: actors lookup failed: test") == 1
