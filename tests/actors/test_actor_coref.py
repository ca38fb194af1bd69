"""Coreference, metonym-or-place decisions, credits, the lookup interface and the spans contract,
on sentences written for these tests."""

from __future__ import annotations

from communique.actors.lookup import actor_by_id, actors_for_span, actors_for_token, mention_for_token, mentions_of
from communique.coder import make_doc
from communique.records import Article

D = "2024-03-05"


def _by_name(rec, name):
    hits = [a for a in rec.actors if a.name == name]
    assert hits, f"no actor {name!r} in {[a.name for a in rec.actors]}"
    return hits[0]


def _texts(actor):
    return [m.text for m in actor.mentions]


def _doc(nlp, text, published=D):
    return nlp(make_doc(nlp, Article(text=text, published=published)))


# ---- 6. coreference ---------------------------------------------------------------------------


def test_surname_joins_full_name(code):
    rec = code("Kenyan President William Ruto opened the summit. Ruto said the region needed peace.")
    a = _by_name(rec, "William Ruto")
    assert a.country == "KEN" and a.role == "president"
    assert _texts(a).count("Ruto") == 1
    assert len([x for x in rec.actors if x.type == "person"]) == 1


def test_chinese_family_name_first(code):
    rec = code("Foreign ministry spokesman Zhao Lijian spoke on Tuesday. Zhao told reporters the visit was cancelled.")
    a = _by_name(rec, "Zhao Lijian")
    assert "Zhao" in _texts(a)
    assert "spokesman" in a.role


def test_he_said_goes_to_last_speaker(code):
    rec = code('Norwegian Foreign Minister Anniken Huitfeldt met reporters. "We are ready," she said.')
    a = _by_name(rec, "Anniken Huitfeldt")
    assert "she" in _texts(a)
    assert a.country == "NOR"


def test_he_in_subordinate_clause(code):
    rec = code("Italian Defence Minister Guido Crosetto left on Monday for a trip during which he will visit Kyiv.")
    a = _by_name(rec, "Guido Crosetto")
    assert "he" in _texts(a)
    assert a.sector == ["GOV", "MIL"]


def test_it_said_goes_to_organisation(code):
    rec = code("Sweden's foreign ministry published the list. Twenty diplomats had been expelled, it said.")
    org = _by_name(rec, "Sweden's foreign ministry")
    assert org.country == "SWE"
    assert "it" in _texts(org)


def test_its_goes_to_nearest_country(code):
    rec = code("Chile criticised the United States and its allies over the tariffs.")
    us = _by_name(rec, "United States")
    assert "its" in _texts(us)
    assert "its" not in _texts(_by_name(rec, "Chile"))


def test_it_subject_prefers_sentence_subject(code):
    rec = code("Vietnam has backed Laos in the dispute but says it will stay neutral.")
    assert "it" in _texts(_by_name(rec, "Vietnam"))


def test_the_ministry_joins_earlier_ministry(code):
    rec = code("Egypt's interior ministry announced arrests. Police had searched six houses. "
               "The suspects were questioned, the ministry said.")
    org = _by_name(rec, "Egypt's interior ministry")
    assert org.country == "EGY"
    assert "the ministry" in _texts(org)


def test_the_country(code):
    rec = code("Peru held elections on Sunday. Turnout in the country was the lowest in decades.")
    assert "the country" in _texts(_by_name(rec, "Peru"))


def test_two_sides_is_a_plural_mention(nlp):
    doc = _doc(nlp, "Armenia and Azerbaijan resumed talks. The two sides agreed to meet again.")
    plural = [s for s in doc.spans["actors"] if s._.actor_ids]
    assert [s.text for s in plural] == ["The two sides"]
    names = sorted(a.name for a in actors_for_span(doc, plural[0]))
    assert names == ["Armenia", "Azerbaijan"]
    assert plural[0]._.actor_id is None


def test_two_countries_keeps_the_pair_in_focus(nlp):
    doc = _doc(nlp, "Japan and India held a summit. The two sides signed a pact, and officials from Nepal watched. "
               "The two countries will meet again next year.")
    plural = [s for s in doc.spans["actors"] if s._.actor_ids]
    assert len(plural) == 2
    for s in plural:
        assert sorted(a.country for a in actors_for_span(doc, s)) == ["IND", "JPN"]


def test_two_allies_skips_blocs(nlp):
    doc = _doc(nlp, "Officials visited Serbia and Hungary as the West tried to isolate the two allies.")
    plural = [s for s in doc.spans["actors"] if s._.actor_ids]
    assert len(plural) == 1
    assert sorted(a.country for a in actors_for_span(doc, plural[0])) == ["HUN", "SRB"]


def test_two_countries_from_leaders_creates_country_actors(code):
    rec = code("Ghanaian President Nana Akufo-Addo met Nigerian President Bola Tinubu. "
               "They said the two countries would open the border.")
    ghana, nigeria = _by_name(rec, "Ghana"), _by_name(rec, "Nigeria")
    assert ghana.type == nigeria.type == "country"
    assert "the two countries" in _texts(ghana) and "the two countries" in _texts(nigeria)


def test_counterpart_takes_the_other_persons_role(code):
    rec = code("Chilean President Gabriel Boric received his Argentine counterpart Hernan Lacunza.")
    b = _by_name(rec, "Hernan Lacunza")
    assert b.country == "ARG" and b.role == "president"
    assert "his" in _texts(_by_name(rec, "Gabriel Boric"))


def test_role_description_joins_named_person(code):
    rec = code("Slovak Prime Minister Robert Fico arrived late. The Slovak prime minister then left early.")
    persons = [a for a in rec.actors if a.type == "person"]
    assert len(persons) == 1
    assert len(persons[0].mentions) == 2


# ---- 2. metonym or place ----------------------------------------------------------------------


def test_capital_in_locative_phrase_is_a_place(code):
    rec = code("Protesters gathered in Nairobi on Saturday.")
    assert not any(a.country == "KEN" for a in rec.actors)


def test_visited_capital_is_a_place(code):
    rec = code("The delegation visited Hanoi in March.")
    assert not any(a.country == "VNM" for a in rec.actors)


def test_capital_as_subject_is_the_government(code):
    rec = code("Hanoi protested against the survey ship.")
    vn = _by_name(rec, "Vietnam")
    assert vn.type == "country" and _texts(vn) == ["Hanoi"]


def test_conference_named_after_capital_is_not_the_state(code):
    rec = code("Delegates met at the Lima Conference on Fisheries.")
    assert not any(a.name == "Peru" for a in rec.actors)


# ---- 8. credits, bylines and agency lines -----------------------------------------------------


def test_photo_credit_is_never_an_actor(code):
    text = ("Rescue teams searched the rubble.\n"
            "Workers clear debris in the city [Joanna Pilkey/Reuters]\n"
            "Turkey's disaster agency said 40 people were rescued.")
    rec = code(text)
    names = {a.name for a in rec.actors}
    assert "Reuters" not in names and "Joanna Pilkey" not in names
    assert _by_name(rec, "Turkey's disaster agency").country == "TUR"


def test_agency_line_is_never_an_actor(code):
    rec = code("Fiji's parliament passed the budget.\n\nSource: Agence France-Presse")
    assert "AFP" not in {a.name for a in rec.actors}
    assert _by_name(rec, "Fiji's parliament").country == "FJI"


def test_marked_zones_are_blank(code):
    text = "Mongolia's cabinet resigned.\nBy Dorj Bataar\n"
    start = text.index("By")
    rec = code(text, zones=[{"kind": "byline", "start": start, "end": start + 14}])
    assert {a.name for a in rec.actors} == {"Mongolia's cabinet"}


# ---- interface: spans, ids, lookup --------------------------------------------------------------


def test_ids_in_order_of_first_mention_and_spans_carry_them(nlp):
    doc = _doc(nlp, "Qatar mediated between Israel and Hamas. Israeli Prime Minister Benjamin Netanyahu thanked Doha.")
    actors = doc._.actors
    assert [a.id for a in actors] == [f"a{i + 1}" for i in range(len(actors))]
    firsts = [a.mentions[0].start for a in actors]
    assert firsts == sorted(firsts)
    for span in doc.spans["actors"]:
        a = actor_by_id(doc, span._.actor_id)
        assert a is not None
        assert any(m.start == span.start_char and m.end == span.end_char for m in a.mentions)
    qatar = next(a for a in actors if a.name == "Qatar")
    assert [m.text for m in qatar.mentions] == ["Qatar", "Doha"]


def test_mention_for_token_is_the_smallest_mention(nlp):
    doc = _doc(nlp, "Polish President Andrzej Duda said his country would help.")
    duda = next(t for t in doc if t.text == "Duda")
    span = mention_for_token(doc, duda)
    assert span is not None and span.text == "Polish President Andrzej Duda"
    his = next(t for t in doc if t.text == "his")
    assert mention_for_token(doc, his).text == "his"
    assert [a.name for a in actors_for_token(doc, his)] == ["Andrzej Duda"]
    said = next(t for t in doc if t.text == "said")
    assert mention_for_token(doc, said) is None and actors_for_token(doc, said) == []
    assert actor_by_id(doc, "a99") is None
    assert [s.text for s in mentions_of(doc, actors_for_token(doc, duda)[0].id)] == [
        "Polish President Andrzej Duda", "his"]


def test_empty_text_has_no_actors(nlp):
    doc = _doc(nlp, "")
    assert doc._.actors == [] and list(doc.spans["actors"]) == []


def test_modified_description_picks_the_matching_organisation(code):
    rec = code("Peru's foreign ministry recalled its envoy. Peru's defence ministry put troops on alert. "
               "The foreign ministry added that talks would continue.")
    fm, dm = _by_name(rec, "Peru's foreign ministry"), _by_name(rec, "Peru's defence ministry")
    assert "The foreign ministry" in _texts(fm)
    assert "The foreign ministry" not in _texts(dm)
    assert dm.sector == ["GOV", "MIL"]


def test_credit_strings_of_the_article_are_never_actors(code):
    text = "Lesotho's army took control of the radio station.\nSoldiers on patrol. Tumelo Ramone/AFP\nThe Lesotho Times"
    rec = code(text, credits=["Tumelo Ramone/AFP"], source_agency="The Lesotho Times")
    names = {a.name for a in rec.actors}
    assert "AFP" not in names and "Tumelo Ramone" not in names
    assert not any("Times" in n for n in names)
    assert _by_name(rec, "Lesotho's army").country == "LSO"


def test_pronoun_gender_stays_consistent(code):
    rec = code("Governor Tom Akers met Senator Alma Reyes. He thanked the staff. She said the budget was late.")
    akers, reyes = _by_name(rec, "Tom Akers"), _by_name(rec, "Alma Reyes")
    assert "He" in _texts(akers)
    assert "She" in _texts(reyes) and "She" not in _texts(akers)


def test_known_name_inside_a_larger_name_is_not_that_actor(code):
    rec = code("The Liberal Democrats called for a second vote.")
    assert not any(a.name == "Democratic Party" for a in rec.actors)


def test_the_prime_minister_joins_the_person_with_that_role(code):
    rec = code("Maltese Prime Minister Robert Abela met Finance Minister Clyde Caruana. "
               "The prime minister later said the budget was balanced.")
    pm = _by_name(rec, "Robert Abela")
    assert "The prime minister" in _texts(pm)
    assert "The prime minister" not in _texts(_by_name(rec, "Clyde Caruana"))


def test_the_bloc_is_the_last_international_organisation(code):
    rec = code("Hungary vetoed the European Union's statement. The bloc will try again next week.")
    eu = _by_name(rec, "European Union")
    assert "The bloc" in _texts(eu)


# ---- descriptions and plural pronouns that name an earlier armed group or government (issue 14) ----------


def test_they_after_a_plural_thing_is_still_the_subject_before(code):
    rec = code("The Houthis fired missiles at Riyadh. They also attacked Saudi troops.")
    assert "They" in _texts(_by_name(rec, "Houthis"))


def test_they_after_plural_people_is_not_resolved(code):
    rec = code("Sudan's army detained dozens of students. They were released on Monday.")
    assert all("They" not in _texts(a) for a in rec.actors)


def test_the_militants_is_the_one_armed_group_in_focus(code):
    rec = code("Al-Shabaab attacked a base in Somalia. The militants later kidnapped two Kenyan engineers.")
    assert "The militants" in _texts(_by_name(rec, "Al-Shabaab"))


def test_the_militants_with_two_groups_in_focus_is_not_resolved(code):
    rec = code("Hamas and Hezbollah praised the attack. The militants then attacked an Israeli patrol.")
    assert all("The militants" not in _texts(a) for a in rec.actors)


def test_the_regime_is_the_government_just_named(code):
    rec = code("Syria's government denied the report. The regime bombed Idlib.")
    a = next(a for a in rec.actors if "The regime" in _texts(a))
    assert a.country == "SYR"


def test_the_countrys_as_possessor_of_an_object_is_not_the_subject(code):
    rec = code("Lebanon faces a crisis. France pledged to rebuild the country's port.")
    assert "the country" in _texts(_by_name(rec, "Lebanon"))
    rec = code("Sudan's army took the capital. Egypt condemned attacks on the country's civilians.")
    assert all("the country" not in _texts(a) for a in rec.actors if a.country == "EGY")


def test_it_after_a_sentence_whose_subject_is_a_thing_is_not_resolved(code):
    rec = code("A draft resolution was circulated to members in Syria on Thursday. It would ask the envoy to report.")
    assert all("It" not in _texts(a) for a in rec.actors)
    rec = code("Iran rejected the plan on Monday. It also condemned the strikes.")
    assert "It" in _texts(_by_name(rec, "Iran"))


def test_their_after_a_plural_thing_is_not_stretched_back(code):
    rec = code("Russia and the US had backed the Kurds. Both sat out the clashes to protect their ties with Ankara.")
    kurds = [a for a in rec.actors if a.name == "Kurds"]
    assert all("their" not in _texts(a) for a in kurds)


# ---- pronouns past quoted words and reported content (issue 14) -----------------------------------


def _pronouns_of(rec, name):
    return [t for t in _texts(_by_name(rec, name)) if t.lower() in {"he", "she"}]


def test_he_skips_a_name_inside_quoted_words(code):
    rec = code('Kenyan President William Ruto met reporters. "Joe Biden will visit Nairobi next month," he said.\n'
               "He also promised new roads.")
    assert len(_pronouns_of(rec, "William Ruto")) == 2 and not _pronouns_of(rec, "Joe Biden")


def test_he_skips_a_name_quoted_in_the_paragraph_before(code):
    rec = code('Brazilian President Lula da Silva spoke in Brasilia. "Javier Milei has insulted our people."\n'
               "He demanded an apology.")
    assert _pronouns_of(rec, "Lula da Silva") == ["He"] and not _pronouns_of(rec, "Javier Milei")


def test_he_prefers_the_reporter_over_the_reported_subject(code):
    rec = code("French President Emmanuel Macron said Vladimir Putin had broken his word. He called for new sanctions.")
    assert _pronouns_of(rec, "Emmanuel Macron") == ["He"] and not _pronouns_of(rec, "Vladimir Putin")


def test_he_prefers_the_one_who_warned(code):
    rec = code("Egyptian President Abdel Fattah al-Sisi warned that Benjamin Netanyahu was risking a regional war. "
               "He urged restraint.")
    assert _pronouns_of(rec, "Abdel Fattah al-Sisi") == ["He"] and not _pronouns_of(rec, "Benjamin Netanyahu")


def test_a_reported_subject_is_still_the_antecedent_when_the_reporter_is_no_person(code):
    rec = code("The Indian foreign ministry said Sheikh Hasina had agreed to the deal. She praised the agreement.")
    assert _pronouns_of(rec, "Hasina") == ["She"], [(a.name, _texts(a)) for a in rec.actors]
