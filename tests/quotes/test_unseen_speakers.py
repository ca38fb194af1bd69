"""Speakers in constructions common in wire copy (issue 14, quote speakers on unseen news). Every
sentence here is written for the test."""

from __future__ import annotations

import pytest

from communique.coder import make_doc
from communique.records import Article

L, R = "\u201c", "\u201d"


def _doc(nlp, text: str, **meta):
    art = Article(text=text, published="2024-03-05", date_basis="given", **meta)
    return nlp(make_doc(nlp, art))


def _quote(doc, words: str):
    return next(q for q in doc._.quotes if words in q.text)


# "X was quoted (by Y) as saying Z": X speaks, Y passes the words on
QUOTED_AS = [
    ("``We will not give up the port,'' Admiral Ivan Petrenko was quoted as saying by the Interfax news agency.",
     "give up the port", "Ivan Petrenko", "Interfax"),
    ("The talks were useful, Prime Minister Hana Novak was quoted as saying.",
     "The talks were useful", "Hana Novak", None),
    (f"{L}Our patience has limits,{R} the defence minister was quoted by state radio as saying.",
     "Our patience has limits", "defence minister", "state radio"),
    ("Colonel Tariq Saleh was quoted by the Reuters agency as saying that the border would stay closed.",
     "the border would stay closed", "Tariq Saleh", "Reuters"),
    ("The rebel commander, who was quoted by a local newspaper as saying his men would never disarm, "
     "left the city.", "his men would never disarm", "rebel commander", "local newspaper"),
    ("Senator Ruth Ames was heard saying that the bill had no chance.",
     "the bill had no chance", "Ruth Ames", None),
    # the active form: the outlet quotes or cites the speaker
    ("State television quoted Foreign Minister Ali Rahimi as saying that the embassy would reopen.",
     "the embassy would reopen", "Ali Rahimi", "State television"),
    ("``Nobody wants a war,'' the newspaper quoted Defence Minister Pavel Orlov as saying.",
     "Nobody wants a war", "Pavel Orlov", "newspaper"),
    ("A wire service cited a company spokeswoman as saying the plant would close in June.",
     "the plant would close", "company spokeswoman", "wire service"),
    ("The agency quoted the coach saying the team was tired.",
     "the team was tired", "coach", "agency"),
]


@pytest.mark.parametrize(("text", "content", "speaker", "relay"), QUOTED_AS)
def test_quoted_as_saying_gives_the_quoted_person(nlp, text, content, speaker, relay):
    doc = _doc(nlp, text)
    q = _quote(doc, content)
    assert q.speaker is not None and speaker in q.speaker.name
    vias = " ".join(v.name for v in q.via)
    if relay is None:
        assert q.via == []
    else:
        assert relay in vias
    # the quoted person is never content, and the passive verb's agent never speaks
    assert not any(speaker.split()[-1] in x.text for x in doc._.quotes)


def test_quoted_as_direct_quote_drops_backquote_marks(nlp):
    doc = _doc(nlp, "``The harbour is closed to all ships,'' the port authority was quoted as saying.")
    q = _quote(doc, "harbour is closed")
    assert q.direct and not q.text.startswith("`") and q.text.endswith("ships")
    assert q.speaker is not None and q.speaker.name == "port authority"


def test_passive_criticism_with_agent_still_gives_the_agent(nlp):
    # no "as saying": the agent holds the stance, the passive subject is its content
    doc = _doc(nlp, "The new toll was criticised by the hauliers' association.")
    q = _quote(doc, "toll")
    assert q.speaker is not None and "association" in q.speaker.name


# "they" as a speaker: the nearest earlier plural subject that can speak
THEY = [
    ("The relatives of the miners met the governor on Monday. They will appeal the decision, they said.",
     "appeal the decision", "relatives"),
    (f"Nurses and paramedics walked out at dawn. {L}We cannot go on like this,{R} they said.",
     "go on like this", "Nurses and paramedics"),
    ("Police arrested three men near the station. They said the men had been armed.",
     "had been armed", "Police"),
    (f"The ministry said prices would rise. {L}That is a lie,{R} the protesters said. "
     "They said the new tax was unfair.", "tax was unfair", "protesters"),
    ("Local fishermen have opposed the wind farm for years, saying it scares the fish away.\n\n"
     "Since the permit was granted in May, they have said they will take the case to court.",
     "take the case to court", "fishermen"),
]


@pytest.mark.parametrize(("text", "content", "speaker"), THEY)
def test_they_is_the_nearest_plural_subject(nlp, text, content, speaker):
    q = _quote(_doc(nlp, text), content)
    assert q.speaker is not None and speaker in q.speaker.name


def test_they_without_a_plural_subject_that_can_speak_stays_they(nlp):
    # "the talks" cannot speak, "the union" is singular: nobody to stand for
    q = _quote(_doc(nlp, "The talks collapsed on Tuesday. They said the gap was too wide."), "gap")
    assert q.speaker is not None and q.speaker.name == "They"


def test_they_never_takes_a_subject_inside_reported_content(nlp):
    doc = _doc(nlp, "The mayor said residents were angry. They said the plan would fail.")
    q = _quote(doc, "plan would fail")
    assert q.speaker is not None and "residents" not in q.speaker.name


# headlines that open with a title or a noun for people who speak, and a colon
TITLED_HEADLINES = [
    ("UN chief: ceasefire must hold\n\nThe secretary general spoke in Geneva.", "ceasefire must hold", "UN chief"),
    ("Israeli minister: there will be no pause\n\nThe minister spoke on Monday.", "no pause", "minister"),
    ("Residents: we were never warned\n\nFlood waters reached the town on Friday.", "never warned", "Residents"),
    ("Police: three arrested after the march\n\nOfficers held three people.", "three arrested", "Police"),
]


@pytest.mark.parametrize(("text", "content", "speaker"), TITLED_HEADLINES)
def test_headline_title_and_colon_is_a_statement(nlp, text, content, speaker):
    q = _quote(_doc(nlp, text), content)
    assert q.speaker is not None and speaker in q.speaker.name


@pytest.mark.parametrize("text", ["Live updates: storm reaches the coast\n\nThe storm hit on Monday.",
                                  "Key points: what the budget means for you\n\nIt was published on Monday."])
def test_headline_label_and_colon_is_no_statement(nlp, text):
    doc = _doc(nlp, text)
    assert not any(q.cue == ":" for q in doc._.quotes)


def test_headline_group_noun_after_a_name_is_a_statement(nlp):
    q = _quote(_doc(nlp, "Labour campaign: the vote is still open\n\nThe polls close at ten."), "still open")
    assert q.speaker is not None and "campaign" in q.speaker.name


def test_headline_note_is_no_statement(nlp):
    doc = _doc(nlp, "Editor\u2019s note: the following is the second of three excerpts from the book.")
    assert not any(q.cue == ":" for q in doc._.quotes)


# a representative speaks for its possessor: the statement carries the possessor's actor
def _actor_name(doc, actor_id):
    from communique.actors.lookup import actor_by_id
    a = actor_by_id(doc, actor_id) if actor_id else None
    return a.name if a is not None else None


@pytest.mark.parametrize(("text", "content", "owner"), [
    ("Prime Minister Tony Blair met the Iraqi president on Monday. Mr Blair's official spokesman said the talks "
     "had been constructive.", "talks had been constructive", "Blair"),
    ("Chancellor Olaf Scholz flew to Paris. Olaf Scholz's office said the visit would last two days.",
     "visit would last two days", "Scholz"),
])
def test_possessive_representative_carries_the_possessor(nlp, text, content, owner):
    doc = _doc(nlp, text)
    q = _quote(doc, content)
    assert q.speaker is not None and owner in (_actor_name(doc, q.speaker.actor) or "")


def test_possessive_critic_does_not_speak_for_the_possessor(nlp):
    doc = _doc(nlp, "Prime Minister Tony Blair met the Iraqi president on Monday. Mr Blair's critics said the "
                    "visit was a stunt.")
    q = _quote(doc, "visit was a stunt")
    assert q.speaker is not None and "Blair" not in (_actor_name(doc, q.speaker.actor) or "")


# headlines that name the speaker at the end
BODY = "\n\nPrime Minister Tony Blair met Foreign Secretary Jack Straw in London on Monday."


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("No election TV debate, says Blair" + BODY, "No election TV debate", "Blair"),
    ("Abortion not a poll issue - Blair" + BODY, "Abortion not a poll issue", "Blair"),
    ("Fresh troops for the Gulf, says Straw" + BODY, "Fresh troops for the Gulf", "Straw"),
])
def test_headline_naming_its_speaker_at_the_end(nlp, text, content, speaker):
    q = _quote(_doc(nlp, text), content)
    assert q.speaker is not None and speaker in q.speaker.name and not q.speaker.name.startswith("-")


@pytest.mark.parametrize("text", ["Iraq war - the key dates" + BODY, "Election 2005 - a guide" + BODY,
                                  "Blair - a profile" + BODY,
                                  "Tony Blair met Jack Straw, said Jack Straw."])
def test_headline_without_a_speaker_at_the_end_is_no_statement(nlp, text):
    doc = _doc(nlp, text)
    assert not any(q.cue in {"-", ":"} for q in doc._.quotes)


# a speech verb conjoined with a passive verb shares its subject, not its agent
@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The minister was questioned by police for two hours and later said she had been treated fairly.",
     "treated fairly", "minister"),
    ("Judge Anna Weber was criticised by the press and said the ruling would stand.",
     "ruling would stand", "Anna Weber"),
    ("The striker was sent off in the second half and told reporters the referee had been unfair.",
     "referee had been unfair", "striker"),
])
def test_speech_verb_after_a_passive_takes_the_passive_subject(nlp, text, content, speaker):
    q = _quote(_doc(nlp, text), content)
    assert q.speaker is not None and speaker in q.speaker.name


# an organisation's national branch ("Amnesty International UK") is the organisation, not the country
@pytest.mark.parametrize(("text", "content", "name"), [
    ("Amnesty International UK also questioned whether the evidence had been obtained under torture.",
     "evidence had been obtained", "Amnesty International UK"),
    ("Oxfam America said the aid had not arrived.", "aid had not arrived", "Oxfam America"),
])
def test_branch_of_an_organisation_is_no_country(nlp, text, content, name):
    doc = _doc(nlp, text)
    q = _quote(doc, content)
    assert q.speaker is not None and q.speaker.name == name
    from communique.actors.lookup import actor_by_id
    actor = actor_by_id(doc, q.speaker.actor) if q.speaker.actor else None
    assert actor is None or actor.type != "country"


@pytest.mark.parametrize(("text", "content", "country"), [
    ("Nato member Turkey said it would block the bid.", "block the bid", "Turkey"),
    ("South Korea said the missile had landed in the sea.", "landed in the sea", "Korea"),
])
def test_country_speaker_stays_the_country(nlp, text, content, country):
    doc = _doc(nlp, text)
    q = _quote(doc, content)
    from communique.actors.lookup import actor_by_id
    actor = actor_by_id(doc, q.speaker.actor) if q.speaker and q.speaker.actor else None
    assert actor is not None and actor.type == "country" and country in actor.name


# an "it" that stands for no one gives no speaker (the actors stage might link it to any organisation)
@pytest.mark.parametrize(("text", "content"), [
    ("The European Commission met on Monday. It is wrong to suggest the rules were broken, officials said later.",
     "the rules were broken"),
    ("Germany sent aid to the region. It is estimated that more than 5,000 homes were destroyed.",
     "5,000 homes were destroyed"),
    ("The army moved north. It was reported that the convoy had been attacked.", "convoy had been attacked"),
    ("Rescuers reached the village. It is believed the gunmen escaped across the border.", "gunmen escaped"),
])
def test_expletive_it_is_no_speaker(nlp, text, content):
    q = _quote(_doc(nlp, text), content)
    assert q.speaker is None or q.speaker.name.lower() != "it" and q.speaker.actor is None


def test_it_for_an_organisation_still_speaks(nlp):
    q = _quote(_doc(nlp, "The World Bank cut its forecast. It said growth would slow."), "growth would slow")
    assert q.speaker is not None


# "one", "some" with no "of" phrase: part of the nearest earlier plural speaker
@pytest.mark.parametrize(("text", "content", "name"), [
    ('Officials in the capital said the talks had failed. One said: "The rebels walked out."',
     "rebels walked out", "One of Officials"),
    ("Diplomats at the summit said the text was weak. Some said it would be rewritten.",
     "would be rewritten", "Some of Diplomats"),
    ('Several residents told the radio station the water was unsafe. "We boil everything," one said.',
     "boil everything", "residents"),
])
def test_elliptic_partitive_is_part_of_the_earlier_group(nlp, text, content, name):
    q = _quote(_doc(nlp, text), content)
    assert q.speaker is not None and name in q.speaker.name


def test_elliptic_partitive_without_an_earlier_group_stays(nlp):
    q = _quote(_doc(nlp, "The minister said the plan was ready. One said it would work."), "would work")
    assert q.speaker is not None and q.speaker.name == "One"


# a document issued, released or published by someone speaks for its author
@pytest.mark.parametrize(("text", "content", "name"), [
    ("A statement issued by the Egyptian foreign ministry said the border would reopen.",
     "border would reopen", "foreign ministry"),
    ("A report released by the health ministry on Monday said waiting lists had grown.",
     "waiting lists had grown", "health ministry"),
    ("According to a statement released by the army, two soldiers were killed.", "two soldiers were killed", "army"),
])
def test_document_with_an_agent_speaks_for_it(nlp, text, content, name):
    q = _quote(_doc(nlp, text), content)
    assert q.speaker is not None and name in q.speaker.name
