"""Titles that name one country, objects that never name the subject's country, spokespeople of the
office table, and officers of international organisations (sentences written for these tests)."""

from __future__ import annotations

import pytest


def _person(rec, name):
    hits = [a for a in rec.actors if a.name == name and a.type == "person"]
    assert hits, f"no person {name!r}; got {[(a.name, a.type, a.country, a.role) for a in rec.actors]}"
    return hits[0]


# (text, published, person, country): the title alone names the country, the object of the verb does not
TITLED = [
    ("Foreign Secretary Jack Straw has criticised Iran over its nuclear programme.", "2005-03-01", "Jack Straw",
     "GBR"),
    ("Home Secretary Norman Pettigrew warned Pakistan about the camps.", "2005-03-01", "Norman Pettigrew", "GBR"),
    ("Chancellor of the Exchequer Ada Whitcombe praised China for its investment.", "2015-03-01", "Ada Whitcombe",
     "GBR"),
    ("Secretary of State Harold Quimby criticised Venezuela over the vote.", "2019-03-01", "Harold Quimby", "USA"),
    ("Taoiseach Brendan Fallon urged Britain to avoid a hard border.", "2019-03-01", "Brendan Fallon", "IRL"),
]


@pytest.mark.parametrize(("text", "published", "name", "country"), TITLED)
def test_title_names_the_country(code, text, published, name, country):
    assert _person(code(text, published=published), name).country == country


def test_known_holder_of_a_titled_office(code):
    """The office table knows the holder: the role is the office's, the event is GBR -> IRN."""
    rec = code("Foreign Secretary Jack Straw has criticised Iran over its nuclear programme.", published="2005-03-01")
    a = _person(rec, "Jack Straw")
    assert (a.country, a.role, a.code) == ("GBR", "foreign secretary", "GBRGOV")
    assert [(e.source.country, e.target.country) for e in rec.events] == [("GBR", "IRN")]


def test_qualified_title_keeps_its_country(code):
    rec = code("The Australian foreign secretary, Mavis Tregear, criticised Iran.", published="2019-03-01")
    assert _person(rec, "Mavis Tregear").country == "AUS"


def test_title_alone_is_the_office_holder(code):
    rec = code("The foreign secretary condemned Russia over the poisoning.", published="2019-03-01")
    assert _person(rec, "Jeremy Hunt").country == "GBR"


def test_secretary_of_state_for_a_department_is_not_american(code):
    rec = code("The secretary of state for Wales said the plan would go ahead.", published="2019-03-01")
    assert not [a for a in rec.actors if a.country == "USA"]


@pytest.mark.parametrize("text", [
    "Defence Minister Tomas Brevik accused Israel of bombing the city.",
    "Interior Minister Tomas Brevik urged Iran to release the sailors.",
    "Defence Minister Tomas Brevik met Israel's envoy and criticised Iran.",
])
def test_object_of_own_verb_is_not_the_country(code, text):
    """A person's country never comes from the object of their own verb."""
    assert _person(code(text), "Tomas Brevik").country is None


def test_reported_speech_still_counts(code):
    rec = code("Defence Minister Tomas Brevik said Norway would send more troops.")
    assert _person(rec, "Tomas Brevik").country == "NOR"


# spokespeople known by name (offices.yaml)
SPOKES = [
    ("Mao Ning said the deal was illegal.", "2024-03-01", "Mao Ning", "CHN"),
    ("Zhao Lijian accused Washington of hypocrisy.", "2021-03-01", "Zhao Lijian", "CHN"),
    ("Hua Chunying told reporters the claims were groundless.", "2019-03-01", "Hua Chunying", "CHN"),
    ("Maria Zakharova said the sanctions would fail.", "2023-03-01", "Maria Zakharova", "RUS"),
    ("Dmitry Peskov said the Kremlin had no comment.", "2023-03-01", "Dmitry Peskov", "RUS"),
    ("Ned Price said the talks had stalled.", "2022-03-01", "Ned Price", "USA"),
    ("Matthew Miller told reporters the aid would continue.", "2024-03-01", "Matthew Miller", "USA"),
]


@pytest.mark.parametrize(("text", "published", "name", "country"), SPOKES)
def test_known_spokesperson(code, text, published, name, country):
    a = _person(code(text, published=published), name)
    assert a.country == country
    assert a.role and "spokes" in a.role


def test_spokesperson_with_object_country(code):
    rec = code("Foreign ministry spokesperson Zhao Lijian accused Washington of hypocrisy.", published="2021-03-01")
    assert _person(rec, "Zhao Lijian").code == "CHNGOV"


# officers of international organisations carry the organisation's code
IGO_OFFICERS = [
    ("UN Secretary General Kofi Annan urged restraint.", "2004-03-01", "Kofi Annan", "IGOUNO"),
    ("NATO Secretary General Jens Stoltenberg warned Russia.", "2019-03-01", "Jens Stoltenberg", "IGOWSTNAT"),
    ("Jens Stoltenberg warned Russia.", "2019-03-01", "Jens Stoltenberg", "IGOWSTNAT"),
    ("NATO Secretary General Imre Valkonen warned Russia.", "2019-03-01", "Imre Valkonen", "IGOWSTNAT"),
    ("Stephane Dujarric said the convoy had been hit.", "2023-03-01", "Stephane Dujarric", "IGOUNO"),
]


@pytest.mark.parametrize(("text", "published", "name", "code_"), IGO_OFFICERS)
def test_igo_officer_code(code, text, published, name, code_):
    a = _person(code(text, published=published), name)
    assert a.country is None and "IGO" in a.sector  # an IGO is no country in the record
    assert a.code == code_


def test_igo_office_in_a_national_year(code):
    """Donald Tusk in 2024 is Polish: no IGO code."""
    rec = code("Donald Tusk called on leaders to agree a deal.", published="2024-06-01")
    assert _person(rec, "Donald Tusk").code.startswith("POL")


# an unqualified state body or office takes the country in focus
FOCUS = [
    ("China condemned the agreement. Foreign ministry spokesperson Wu Qian said in Beijing on Wednesday that the "
     "deal was illegal.", "Wu Qian", "CHN"),
    ("China condemned the agreement. Foreign ministry spokesperson Wu Qian said the deal harmed Japan.", "Wu Qian",
     "CHN"),
    ("Foreign ministry spokesperson Wu Qian said in Moscow on Wednesday that the deal was illegal.", "Wu Qian",
     "RUS"),
    ("Russia rejected the report. A defence ministry spokesman said the claims were false.",
     "defence ministry spokesman", "RUS"),
]


@pytest.mark.parametrize(("text", "name", "country"), FOCUS)
def test_state_office_takes_country_in_focus(code, text, name, country):
    assert _person(code(text), name).country == country


@pytest.mark.parametrize(("text", "country"), [
    ("Russia rejected the report. The foreign ministry said it was biased.", "RUS"),
    ("The Chinese government protested. The foreign ministry summoned the ambassador.", "CHN"),
])
def test_state_body_takes_country_in_focus(code, text, country):
    rec = code(text)
    body = [a for a in rec.actors if a.name == "foreign ministry"]
    assert body and body[0].country == country


def test_no_focus_no_body(code):
    """With no country in focus the body is not guessed."""
    rec = code("Talks stalled on Monday. The foreign ministry said it was biased.")
    assert not [a for a in rec.actors if a.country]


def test_shadow_office_is_opposition(code):
    rec = code("Shadow Home Secretary Nigel Ashcombe attacked the plan.", published="2005-03-01")
    a = _person(rec, "Nigel Ashcombe")
    assert (a.country, a.role, a.code) == ("GBR", "shadow home secretary", "GBROPP")


def test_known_person_after_a_role_description_keeps_one_role(code):
    rec = code("Mr Blair held talks with the Palestinian leader, Mahmoud Abbas, in Ramallah.", published="2005-03-01")
    assert _person(rec, "Mahmoud Abbas").role == "president"


def test_future_office_gives_no_office_sector(code):
    """Des Browne became defence secretary in 2006: in 2005 he is not MIL."""
    a = _person(code("Des Browne said the figures were wrong.", published="2005-03-01"), "Des Browne")
    assert a.country == "GBR" and "MIL" not in a.sector


def test_predicate_describing_the_subject_still_counts(code):
    rec = code("Former Culture Secretary Owain Pryce served as Britain's first envoy to the talks.")
    assert _person(rec, "Owain Pryce").country == "GBR"


def test_title_country_yields_to_a_known_name(code):
    """'the acting defence secretary, <known American>' is not the British holder."""
    rec = code("Officials said the acting defence secretary, Patrick Shanahan, had briefed the president.",
               published="2019-03-01")
    assert _person(rec, "Patrick Shanahan").country == "USA"
    assert not [a for a in rec.actors if a.name == "Gavin Williamson"]


def test_own_clause_after_and_still_counts(code):
    """A coordinated clause with its own subject is not the object of the person's verb."""
    rec = code("Defence Minister Tomas Brevik took to Twitter, and he said Norway would send more troops.")
    assert _person(rec, "Tomas Brevik").country == "NOR"


def test_congressman_is_american(code):
    assert _person(code("Congressman Dale Ruckers attacked the trade deal with China."), "Dale Ruckers").country \
        == "USA"


def test_holder_name_cut_short_by_the_tagger(code):
    rec = code("Germany must ensure prosecution is possible, the German defence minister, Ursula von der Leyen, "
               "said on Monday.", published="2019-02-18")
    people = [a for a in rec.actors if a.type == "person"]
    assert [a.name for a in people] == ["Ursula von der Leyen"]


@pytest.mark.parametrize(("text", "name", "code_"), [
    ("Hamas spokesman Rami Qassem rejected the offer.", "Rami Qassem", "PSEREB"),
    ("Isis leader Abu Tariq al-Halabi called for attacks.", "Abu Tariq al-Halabi", "REB"),
])
def test_group_officer_takes_the_group_sectors(code, text, name, code_):
    """A person who speaks for or leads an armed group is not a government official."""
    assert _person(code(text), name).code == code_


@pytest.mark.parametrize(("text", "published", "name", "code_", "role"), [
    ("Michael Howard attacked the plan.", "2005-03-01", "Michael Howard", "GBRPTY", "Conservative leader"),
    ("John Prescott said the plan would go ahead.", "2005-03-01", "John Prescott", "GBRGOV", "deputy prime minister"),
    ("Peter Mandelson warned China over textiles.", "2005-03-01", "Peter Mandelson", "IGOEUREEC",
     "EU trade commissioner"),
    ("Jeremy Corbyn attacked the plan.", "2019-03-01", "Jeremy Corbyn", "GBRPTY", "Labour leader"),
])
def test_uk_figures_of_the_office_table(code, text, published, name, code_, role):
    """Party offices are PTY (offices.yaml sector), not GOV; UK commissioners carry the Commission's code."""
    a = _person(code(text, published=published), name)
    assert (a.code, a.role) == (code_, role)


@pytest.mark.parametrize(("text", "name", "code_"), [
    ("A Kurdish journalist said the town had fallen.", "Kurdish journalist", "KURMED"),
    ("Kurdish leader Sardar Hemin said the fight would go on.", "Sardar Hemin", "KURGOV"),
])
def test_stateless_people_code_instead_of_bare_sector(code, text, name, code_):
    """A person of a people without a state has no country but the people's code, not a bare sector."""
    a = _person(code(text), name)
    assert a.country is None and a.code == code_


@pytest.mark.parametrize(("text", "name", "country", "code_"), [
    ("UN ambassador Karen Pierce said the vote was a mistake.", "Karen Pierce", "GBR", "GBRGOV"),
    ("Russian UN ambassador Vassily Nebenzia rejected the text.", "Vassily Nebenzia", "RUS", "RUSGOV"),
    ("UN envoy Marta Oyelaran met the delegations.", "Marta Oyelaran", None, "IGOUNO"),
])
def test_ambassador_to_an_igo_is_not_its_officer(code, text, name, country, code_):
    """An ambassador to the UN serves their country; a UN envoy serves the UN."""
    a = _person(code(text, published="2019-03-01"), name)
    assert (a.country, a.code) == (country, code_)


def test_party_minister_stays_government(code):
    """A party named before a state office ('Conservative minister') does not make it a party office."""
    rec = code("Conservative minister Edwin Marlowe said the plan was wrong.", published="2019-03-01")
    assert "GOV" in _person(rec, "Edwin Marlowe").sector


@pytest.mark.parametrize(("text", "name", "code_"), [
    ("French UN ambassador Jean-Luc Marchetti said the vote was a mistake.", "Jean-Luc Marchetti", "FRAGOV"),
    ("Ilyas Haddad, Syria's UN ambassador, rejected the report.", "Ilyas Haddad", "SYRGOV"),
])
def test_country_before_an_accredited_igo(code, text, name, code_):
    rec = code(text, published="2018-03-01")
    assert _person(rec, name).code == code_
    assert not [a for a in rec.actors if a.type == "person" and a.name != name]


def test_same_role_twice_is_not_doubled(code):
    rec = code("Syria's UN ambassador Bashar Jaafari rejected the report. Later, Syria's UN ambassador, "
               "Bashar Ja\u2019afari, said the text was biased.", published="2018-03-01")
    people = [a for a in rec.actors if a.type == "person"]
    assert len(people) == 1 and people[0].role == "ambassador"
