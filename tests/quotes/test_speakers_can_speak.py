"""A speaker must be something that can speak: a person, organisation, group, pronoun, role noun,
document or outlet. Not a date, an abstract noun, a headline fragment or a topic of discussion."""

from __future__ import annotations

from communique.coder import make_doc
from communique.records import Article, Zone


def _doc(nlp, text: str, **meta):
    art = Article(text=text, published="2024-03-05", date_basis="given", **meta)
    return nlp(make_doc(nlp, art))


def _speakers(doc) -> list[str]:
    return [q.speaker.name for q in doc._.quotes if q.speaker is not None]


def test_abstract_noun_is_no_speaker(nlp):
    doc = _doc(nlp, "The biggest reason for the delay suggests that the airline ignored the warnings.")
    assert "biggest reason" not in _speakers(doc)


def test_date_is_no_speaker(nlp):
    doc = _doc(nlp, "On Tuesday, as hopes of finding the missing hikers faded, rescuers searched the valley.")
    assert not any(n in {"Tuesday", "hopes"} for n in _speakers(doc))


def test_date_subject_of_show_is_no_speaker(nlp):
    doc = _doc(nlp, "Monday showed that the talks had stalled.")
    assert "Monday" not in _speakers(doc)


def test_partitive_of_an_abstract_noun_is_no_speaker(nlp):
    doc = _doc(nlp, "Part of the series highlights systems that are overlooked.")
    assert _speakers(doc) == []


def test_partitive_of_people_speaks(nlp):
    doc = _doc(nlp, "One of its two pilots asked air-traffic control for permission to climb.")
    assert len(_speakers(doc)) == 1


def test_conjoined_role_noun_speaks(nlp):
    doc = _doc(nlp, "Law enforcement and security officials said the lists were being examined.")
    assert _speakers(doc) == ["Law enforcement and security officials"]


def test_no_one_speaks(nlp):
    doc = _doc(nlp, "No one praised the plan.")
    assert _speakers(doc) == ["one"]


def test_discuss_is_no_cue(nlp):
    doc = _doc(nlp, "Mr Abbas will discuss Palestinian reforms with the envoy.")
    assert [q.cue for q in doc._.quotes] == []


def test_name_after_a_descriptor_speaks(nlp):
    doc = _doc(nlp, "Iran's foreign ministry summoned the German ambassador on Sunday, state news agency IRNA "
                    "reported.")
    assert _speakers(doc) == ["IRNA"]


def test_headline_gives_no_speaker_to_the_body(nlp):
    title = 'Mayor Jane Roe says "the bridge will reopen in May"'
    body = ('"We are relieved that the work is finally finished and that the traffic can flow again '
            'through the old town."')
    text = f"{title}\n\n{body}"
    doc = _doc(nlp, text, zones=[Zone(kind="title", start=0, end=len(title))])
    body_quotes = [q for q in doc._.quotes if q.start > len(title)]
    assert body_quotes and all(q.speaker is None for q in body_quotes)
    # without the zone the same text is one speaker's two quotations
    doc = _doc(nlp, text)
    assert [q.speaker.name for q in doc._.quotes if q.speaker] == ["Jane Roe", "Jane Roe"]


def test_percent_of_voters_speaks(nlp):
    doc = _doc(nlp, "Another 19 percent said they would not pick either candidate.")
    assert len(_speakers(doc)) == 1


def test_a_thing_is_the_source_of_what_it_shows(nlp):
    doc = _doc(nlp, "The revelations show the need for a reform of the tax code.")
    assert _speakers(doc) == ["revelations"]  # fails if evidence_verbs is emptied


def test_a_name_inside_the_mute_subject_is_no_speaker(nlp):
    doc = _doc(nlp, "A brief glance at Mr Roe's family background reveals an impressive union pedigree.")
    assert _speakers(doc) == []
    doc = _doc(nlp, "A Taliban onslaught that threatened to overwhelm the towns loyal to the governor began in "
                    "the spring, and the Marines arrived in May.")
    assert _speakers(doc) == []


def test_an_act_verb_with_a_bare_object_is_no_quote(nlp):
    # issue 14: the object of an accusing, rejecting or threatening verb is what it acts on, not what was
    # said; the act is the events stage's ("He condemned the attack" is an ACCUSE event)
    for text in ("The senator condemned the shooting.", "The governor denounced the raid.",
                 "The union rejected the offer.", "The minister ignored the auditors' warnings."):
        assert [q.text for q in _doc(nlp, text)._.quotes] == [], text
    # a clause or a phrase after the object is still content
    doc = _doc(nlp, "The senator condemned the shooting as an act of terror.")
    assert doc._.quotes, "the 'as' phrase says what the senator said"
    doc = _doc(nlp, "The senator praised the plan.")  # a stance verb that is no such act keeps its quote
    assert [q.text for q in doc._.quotes] == ["the plan"]


def test_a_speech_act_verb_with_a_bare_object_is_no_quote(nlp):
    # issue 14 item 4 for speech verbs that are acts too: a threat, a denial of a thing, a warning
    # aimed at someone record the act (the events stage's), not a quote whose content is the object
    for text in ("Moscow threatened retaliation.", "The rebels denied any role in the bombing.",
                 "The ministry denied the report.", "The premier threatened sanctions against the neighbours."):
        assert [q.text for q in _doc(nlp, text)._.quotes] == [], text
    # a clause, an infinitive or an object that stands for what was said is still content
    for text, content in (("The president threatened to cut aid to the region.", "to cut aid"),
                          ("She denied that the army had fired on protesters.", "the army had fired"),
                          ("The farmers' union said the same of the new tariff.", "the same of the new tariff")):
        assert any(content in q.text for q in _doc(nlp, text)._.quotes), text
