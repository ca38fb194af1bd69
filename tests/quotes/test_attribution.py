"""attribution_for (the events stage's view of who says so), relay chains with the agency line, the
quote spans on the Doc, and the lexicon read from data folders."""

from __future__ import annotations

import pytest

from communique.coder import make_doc
from communique.errors import ConfigError
from communique.quotes import attribution_for
from communique.quotes.lexicon import build_lexicon
from communique.records import Article, Quote


def _doc(nlp, text: str, **meta):
    art = Article(text=text, published="2024-03-05", date_basis="given", **meta)
    return nlp(make_doc(nlp, art))


def _token(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_event_inside_reported_content_has_speaker(nlp):
    doc = _doc(nlp, "The army said rebels attacked the convoy near the border.")
    chain = attribution_for(doc, _token(doc, "attacked"))
    assert [s.name for s in chain][:1] == ["army"]


def test_event_outside_any_quote_has_no_attribution(nlp):
    doc = _doc(nlp, "Rebels attacked the convoy. The army said the road was closed.")
    assert attribution_for(doc, _token(doc, "attacked")) == []
    assert [s.name for s in attribution_for(doc, _token(doc, "closed"))] == ["army"]


def test_relay_chain_innermost_first_then_agency(nlp):
    doc = _doc(nlp, "Soldiers crossed the river at dawn, the news agency said, quoting a local commander.",
               source_agency="Example Wire")
    names = [s.name for s in attribution_for(doc, _token(doc, "crossed"))]
    assert names == ["local commander", "news agency", "Example Wire"]


def test_nested_reported_speech_gives_inner_speaker_first(nlp):
    doc = _doc(nlp, "The minister said the envoy claimed the troops had withdrawn.")
    names = [s.name for s in attribution_for(doc, _token(doc, "withdrawn"))]
    assert names[:2] == ["envoy", "minister"]
    # only the outer statement is listed as a quote; the inner one gives events their speaker
    assert len(doc._.quotes) == 1


def test_agency_line_is_the_outermost_relay_of_quotes(code):
    rec = code("\u201cThe bridge is open again,\u201d the mayor said.", source_agency="Example Wire")
    (q,) = rec.quotes
    assert q.via[-1].name == "Example Wire"
    assert q.speaker is not None and q.speaker.name == "mayor"


def test_quote_spans_carry_the_quote(nlp):
    doc = _doc(nlp, "\u201cWe need more time,\u201d the negotiator said. The sides met again on Friday.")
    spans = doc.spans["quotes"]
    assert len(spans) == 1
    q = spans[0]._.quote
    assert isinstance(q, Quote) and q.id == "q1"
    assert spans[0].text.startswith("We need more time")
    assert doc.text[q.start : q.end] == q.text


def test_cue_between_two_parts_is_one_statement(code):
    rec = code("\u201cThe vote was fair,\u201d the observer said. \u201cNobody was turned away.\u201d")
    assert len(rec.quotes) == 1
    q = rec.quotes[0]
    assert "The vote was fair" in q.text and "Nobody was turned away" in q.text
    assert "said" not in q.text
    assert len(q.parts) == 2


def test_quotation_without_cue_continues_previous_speaker(code):
    text = ("\u201cThe harvest failed twice,\u201d farmer Paulo Mendes said.\n\n"
            "\u201cWe have nothing left to sell this year.\u201d")
    rec = code(text)
    assert len(rec.quotes) == 2
    assert all(q.speaker is not None and "Mendes" in q.speaker.name for q in rec.quotes)
    assert rec.quotes[1].cue is None


def test_lexicon_merges_user_files_and_rejects_bad_kinds():
    lex = build_lexicon([("bundled", {"verbs": {"say": "speech"}, "relays": ["cite"]}),
                         ("user", {"verbs": {"grumble": "speech"}, "prepositions": ["as stated by"]})])
    assert lex.is_speech("say") and lex.is_speech("grumble")
    assert ("as", "stated", "by") in lex.prepositions
    with pytest.raises(ConfigError):
        build_lexicon([("user", {"verbs": {"mutter": "whisper"}})])


def test_user_data_dir_adds_a_cue_verb(tmp_path, monkeypatch):
    from communique.config import get_settings
    from communique.quotes import lexicon

    (tmp_path / "quotes").mkdir()
    (tmp_path / "quotes" / "extra.yaml").write_text("verbs:\n  grumble: speech\n", encoding="utf-8")
    monkeypatch.setenv("COMMUNIQUE_DATA_DIRS", str(tmp_path))
    get_settings.cache_clear()
    lexicon.get_lexicon.cache_clear()
    try:
        lex = lexicon.get_lexicon()
        assert lex.is_speech("grumble") and lex.is_speech("say")
    finally:
        monkeypatch.delenv("COMMUNIQUE_DATA_DIRS")
        get_settings.cache_clear()
        lexicon.get_lexicon.cache_clear()


def test_beliefs_are_marked_as_such(code):
    rec = code("Most economists believe that interest rates will rise. The bank said rates would stay flat.")
    kinds = {q.kind for q in rec.quotes}
    assert kinds == {"belief", "statement"}
    belief = next(q for q in rec.quotes if q.kind == "belief")
    assert "interest rates will rise" in belief.text


def test_cue_between_two_parts_of_a_statement_is_its_own_quote(code):
    # "speaking of ..." sits between two parts of the senator's statement, not inside either part
    rec = code("\u201cThe voters know it. They will punish us for it,\u201d said the senator, speaking of the "
               "budget crisis. \u201cNobody will forget it.\u201d")
    texts = [q.text for q in rec.quotes]
    assert any(t == "the budget crisis" for t in texts), texts


def test_bare_on_in_a_cue_file_is_the_preposition():
    # YAML 1.1 reads a bare "on" as true: "comment: [on]" must still name the preposition
    import yaml

    lex = build_lexicon([("t", yaml.safe_load("verbs: {comment: speech}\nverb_prepositions: {comment: [on]}\n"
                                              "noun_prepositions: [of, on]\n"))])
    assert lex.verb_preps["comment"] == frozenset({"on"})
    assert lex.noun_preps == frozenset({"of", "on"})


@pytest.mark.parametrize(("text", "named"), [
    ("A spokesman for Chancellor Olaf Scholz said the talks would resume.", "Olaf Scholz"),
    ("A senior aide to Senator Maria Lopez said she would vote against the bill.", "Maria Lopez"),
    ("An official at the European Commission said the fine would be appealed.", "European Commission"),
    ("The White House said the president would travel to Tokyo.", "United States"),
])
def test_speaker_for_someone_carries_that_actor(code, text, named):
    """A speaker who speaks for a named actor (or an institution for its country) carries its actor."""
    rec = code(text)
    (q,) = rec.quotes
    actor = next(a for a in rec.actors if a.id == q.speaker.actor)
    assert named.split()[-1] in actor.name or actor.country == "USA", (q.speaker, actor)


@pytest.mark.parametrize("text", [
    "The senator spoke after the claim that the vote was rigged.",
    "The mayor talked at length after the report that the budget was short.",
    "The minister spoke on the radio after the rumour that she would resign.",
    "Lawmakers commented after the warning that the dam could fail.",
])
def test_clause_on_the_noun_of_a_verb_that_takes_none_stays_the_nouns(code, text):
    """A verb that takes no "that" clause (``no_clause_verbs``) leaves the clause to the noun."""
    rec = code(text)
    subject = text.split()[1]
    assert all(q.speaker is None or q.speaker.name != subject for q in rec.quotes), \
        [(q.speaker, q.text) for q in rec.quotes]


L, R = "\u201c", "\u201d"


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The mayor was joined on Monday by Ada Rossi, a local baker.\n\nRossi praised the mayor for her work "
     f"after the floods.\n\n{L}We need someone who can cut through the nonsense.{R}", "cut through", "Rossi"),
    (f"{L}The season is over,{R} coach Pia Lund said.\n\nTeam captain Omar Said criticised the referees for "
     f"their decisions.\n\n{L}We were robbed in the last minute and everybody saw it.{R}", "robbed", "Omar Said"),
    ("Senator Kim Park warned that the bill would raise rents across the state.\n\n"
     f"{L}Families are already paying more than they can afford.{R}", "Families are already", "Kim Park"),
    ("The union's leader, Dana Cole, said on Friday that the strike would continue.\n"
     f"{L}Nobody goes back to work until the offer improves.{R}", "Nobody goes back", "Dana Cole"),
])
def test_quotation_opening_a_paragraph_continues_the_speaker_introduced_before(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker.split()[-1] in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The senator said the bill would pass. She added that the vote would be close.", "vote would be close",
     "senator"),
    ("Okonjo announced the lawsuit on Monday. He also said the state would lose its funds.",
     "state would lose its funds", "Okonjo"),
    ("A police spokesman said two men had been arrested. He said they would appear in court on Friday.",
     "appear in court", "spokesman"),
    ("The chief economist warned that prices would rise. She said wages would not keep up.",
     "wages would not keep up", "economist"),
])
def test_pronoun_speaker_takes_the_last_person_like_speaker(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Jane Roe, the mayor of Springfield, opened the bridge. The mayor said it would cut traffic by half.",
     "cut traffic by half", "Jane Roe"),
    ("The harbour master, Ivan Petrov, inspected the docks on Monday. The harbour master told reporters "
     "the port would reopen.", "the port would reopen", "Ivan Petrov"),
    ("Spokesman Tom Hale declined to comment on Monday. On Tuesday the spokesman said the company would "
     "appeal.", "the company would appeal", "Tom Hale"),
    ("Aiko Tanaka, the company's chief engineer, visited the site. Later the engineer warned that the dam "
     "was leaking.", "the dam was leaking", "Aiko Tanaka"),
])
def test_role_speaker_is_the_person_named_in_that_role(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


def test_role_speaker_without_a_holder_keeps_the_role(code):
    rec = code("The mayor said the bridge would cut traffic by half.")
    (q,) = rec.quotes
    assert q.speaker is not None and q.speaker.name == "mayor"


# he/she as a speaker stands for the nearest earlier speaker or subject that is a person, never for a
# person named inside what someone said (the quote itself or an earlier statement's content)
@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Opposition leader Karl Weiss spoke in Leeds. He said President Anna Berg had lost the farmers. "
     f"{L}Nobody trusts Anna Berg any more,{R} he said.", "Nobody trusts", "Karl Weiss"),
    (f"Ms Ines Moreau declared: {L}The minister, Paul Ortiz, has failed us all.{R} She continued: "
     f"{L}We will not wait another year.{R}", "We will not wait", "Moreau"),
    ("The governor, Dana Whitfield, said on Friday that Senator Luis Ortega had blocked the funds. "
     f"{L}Luis Ortega owes this city an apology,{R} she told the crowd.", "owes this city", "Whitfield"),
    ("Mr Tobias Kern was asked about the row with Chancellor Hanna Vogt. He replied that Ms Vogt was wrong "
     "about the figures. He added that the talks would go on.", "talks would go on", "Kern"),
])
def test_pronoun_speaker_is_not_a_person_named_in_reported_content(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


# a pronoun speaker skips a person whose title says the other pronoun
def test_pronoun_speaker_skips_a_person_of_the_other_title(code):
    rec = code("Mrs Clara Jensen met Mr Olav Dahl in Oslo on Monday. Mr Dahl left early. "
               "She said the meeting had been useful.")
    q = next(q for q in rec.quotes if "meeting had been useful" in q.text)
    assert q.speaker is not None and "Jensen" in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


# a definite title with no holder named before stands for the person the sentences before talk about
@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Former broadcaster Robert Lyle has left the Green Party. The MEP said he was ashamed of its record.",
     "ashamed of its record", "Robert Lyle"),
    ("Tessa Moyo defended the gambling law on Monday. The culture secretary said the consultation had "
     "been fair.", "consultation had been fair", "Tessa Moyo"),
    ("Marco Bellini will attack the cost of the rail project in a speech in Milan. The opposition leader "
     "argued that the budget had doubled.", "budget had doubled", "Marco Bellini"),
    ("Sarah Mitchell met farmers in the north. The minister will tell them that the drought fund is empty.",
     "drought fund is empty", "Sarah Mitchell"),
])
def test_role_speaker_without_a_holder_is_the_person_just_named(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


# ... but not a person named inside what someone said, nor when nobody was named
@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Unions said Peter Hale had cut their pay. The minister said wages would rise.", "wages would rise",
     "minister"),
    ("Flood waters rose in the valley overnight. The mayor said the dam would hold.", "dam would hold", "mayor"),
    # the title of a named body fits only someone known in that role
    ("Senator Ruth Adler criticised the strikes. The Kremlin spokesman said the strikes would go on.",
     "strikes would go on", "Kremlin spokesman"),
])
def test_role_speaker_keeps_the_role_without_a_person_before(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and q.speaker.name == speaker, [(x.speaker, x.text) for x in rec.quotes]


# the same for speakers named by a description, names in apposition, and subjects further back
@pytest.mark.parametrize(("text", "content", "speaker"), [
    (f"{L}Not even Viktor Hale could unite us,{R} said one militia officer. {L}We are weaker than ever,{R} "
     "he added.", "weaker than ever", "militia officer"),
    ("The farmer's lawyer, Grace Oduya, said the case would take months. "
     f"She said: {L}Nobody has told Peter Lamb what the charges are.{R}", "Nobody has told", "Grace Oduya"),
    ("From her kitchen in Homs, Leila Haddad watches the shelling every night. The longer the siege lasts, "
     f"the harder it gets for families like hers and for Samir Aziz. {L}We have no bread left,{R} she said.",
     "no bread left", "Leila Haddad"),
    (f"Senator Ruth Oyelaran spoke first. {L}The bill is dead. Nobody in this chamber wants it. Not even "
     f"Tom Ferris believes in it any more.{R} She then said the vote would be held anyway.",
     "vote would be held anyway", "Oyelaran"),
])
def test_pronoun_speaker_reaches_descriptions_appositions_and_earlier_subjects(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


# a continuing cue with no subject of its own goes on with the statement before it in the paragraph
@pytest.mark.parametrize(("text", "content", "speaker"), [
    (f"Ms Ingrid Holm insisted: {L}We have a good record.{R} And continued: {L}We will keep it that way.{R}",
     "keep it that way", "Holm"),
    (f"{L}The port is open,{R} the harbour master said. Then added: {L}Ships are waiting outside.{R}",
     "Ships are waiting", "harbour master"),
    (f"Governor Luis Prado told reporters the dam was safe. {L}Nobody needs to leave,{R} he said. "
     f"And added: {L}The army is on standby.{R}", "army is on standby", "Luis Prado"),
    ("The union said the strike would go ahead. And continued that the talks had failed.",
     "talks had failed", "union"),
])
def test_subjectless_continuing_cue_keeps_the_previous_speaker(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


def test_role_named_before_in_apposition_wins_over_a_title_only_actor(code):
    rec = code("The Minister of Health and Social Care, Olga Berg, opened the clinic. Later the minister "
               "said the waiting lists had halved.")
    q = next(q for q in rec.quotes if "waiting lists" in q.text)
    assert q.speaker is not None and "Olga Berg" in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


def test_title_of_another_country_is_not_the_person_named_in_that_role(code):
    rec = code("Chinese foreign ministry spokesperson Liu Fang said the visit was routine. The talks will cover "
               "energy, the agency said, citing a spokesperson for the Russian foreign ministry.")
    q = next(q for q in rec.quotes if "cover energy" in q.text or "The talks will cover" in q.text)
    assert q.speaker is not None and "Liu" not in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


# a fronted phrase the parse hangs on a modifier of the speaker is none of the speaker's name
@pytest.mark.parametrize(("text", "content", "name"), [
    ("On Sunday morning, the Turkish backed Free Syrian Army rebels said they had entered the town.",
     "entered the town", "Turkish backed Free Syrian Army rebels"),
    ("In a statement on Monday, the Kenyan backed regional force said it had retaken the port.",
     "retaken the port", "Kenyan backed regional force"),
    ("After the vote on Friday, the newly elected coastal council said the harbour would be dredged.",
     "harbour would be dredged", "council"),
    ("At the end of the summit, the two leaders said they would meet again.", "meet again", "two leaders"),
])
def test_fronted_phrase_is_no_part_of_the_speaker_name(code, text, content, name):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and name in q.speaker.name and "," not in q.speaker.name, \
        [(x.speaker, x.text) for x in rec.quotes]


# "the official said" after "a senior Kurdish official said": the same described speaker; a subject
# pronoun or a definite person noun on the way back links a he/she speaker to its person
@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("A senior Kurdish official said no request had come from London. The talks had stalled in May, and "
     "Rana Aziz was arrested in June. The official said the prisoners were safe.", "prisoners were safe",
     "Kurdish official"),
    ("A western diplomat told the paper that the deal was dead. Ministers met on Monday. "
     f"{L}Nobody believes in it,{R} the diplomat said.", "Nobody believes", "western diplomat"),
    ("Mr Tom Reyes joined the militia in 2015. He was given the name Sami Noor and sent to the front. "
     "He described the valley as his second home.", "the valley as his second home", "Tom Reyes"),
    (f"The rebel commander stared at the map for a long time. {L}It is going to be a hard winter,{R} he said.",
     "hard winter", "rebel commander"),
])
def test_definite_descriptions_and_linked_subjects_name_the_speaker(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


def test_an_anonymous_source_title_is_no_person_named_before(code):
    rec = code("Aid worker Paul Grant was killed in the city in 2014. Officials met again on Monday. "
               f"{L}We will deal with them later,{R} the official said.")
    q = next(q for q in rec.quotes if "deal with them" in q.text)
    assert q.speaker is not None and "Grant" not in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]


# a paper that quotes someone passes the words on: a later he/she is the person quoted; and a title is
# never another title left unnamed
@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The Morning Ledger quoted Mr Carl Weston telling activists that he wanted more homes built. "
     f"{L}That is our first duty,{R} he said.", "first duty", "Carl Weston"),
    ("Ex-footballer Robert Lyle has attacked the housing plan. The Green leader said rents had doubled. "
     "The MEP said his party would cap them.", "would cap them", "Robert Lyle"),
])
def test_relaying_papers_and_unnamed_titles_are_no_antecedents(code, text, content, speaker):
    rec = code(text)
    q = next(q for q in rec.quotes if content in q.text)
    assert q.speaker is not None and speaker in q.speaker.name, [(x.speaker, x.text) for x in rec.quotes]
