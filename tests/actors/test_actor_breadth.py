"""Breadth of the actors knowledge base (issue 14, item 3): office holders from about 1995 by country
and region (``offices.yaml`` and the ``offices/`` folder), notable people without an office
(``people.yaml``), armed and political groups, seats of government and other country forms
(``country_forms.yaml``), and title words. Sentences are written for these tests; each class has
several, with different actors, tenses and voices."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.actors.kb import build_kb, get_kb
from communique.config import get_settings
from communique.knowledge_check import check_data_dir

# offices several people hold at once: overlapping terms are expected there
COLLEGIAL = {"senator", "foreign_ministry_spokesperson"}


@pytest.fixture(scope="module")
def kb():
    return build_kb(())


@pytest.fixture
def user_data(tmp_path, monkeypatch):
    folder = tmp_path / "knowledge"
    (folder / "actors").mkdir(parents=True)
    monkeypatch.setenv("COMMUNIQUE_DATA_DIRS", str(folder))
    get_settings.cache_clear()
    get_kb.cache_clear()
    yield folder / "actors"
    monkeypatch.delenv("COMMUNIQUE_DATA_DIRS")
    get_settings.cache_clear()
    get_kb.cache_clear()


# --------------------------------------------------------------------------------------------------
# the knowledge base itself (no pipeline)
# --------------------------------------------------------------------------------------------------

# (country, office, date, holder): the publication date picks the holder of that day
HOLDERS = [
    ("GBR", "prime_minister", "2004-11-04", "Tony Blair"),
    ("USA", "president", "2004-11-04", "George W. Bush"),
    ("FRA", "president", "2004-11-04", "Jacques Chirac"),
    ("DEU", "chancellor", "2004-11-04", "Gerhard Schröder"),
    ("ISR", "prime_minister", "2004-11-04", "Ariel Sharon"),
    ("PSE", "president", "2004-11-04", "Yasser Arafat"),
    ("PSE", "president", "2005-06-01", "Mahmoud Abbas"),
    ("IGO", "secretary_general", "2004-11-04", "Kofi Annan"),
    ("ISR", "prime_minister", "2007-05-01", "Ehud Olmert"),
    ("RUS", "prime_minister", "1999-10-01", "Vladimir Putin"),
    ("RUS", "foreign_minister", "2001-05-01", "Igor Ivanov"),
    ("FRA", "foreign_minister", "2003-02-14", "Dominique de Villepin"),
    ("DEU", "foreign_minister", "2003-02-14", "Joschka Fischer"),
    ("ITA", "prime_minister", "2003-02-14", "Silvio Berlusconi"),
    ("ESP", "prime_minister", "2003-02-14", "José María Aznar"),
    ("JPN", "prime_minister", "2003-02-14", "Junichiro Koizumi"),
    ("IRQ", "prime_minister", "2008-01-01", "Nouri al-Maliki"),
    ("IRN", "president", "2001-01-01", "Mohammad Khatami"),
    ("PAK", "president", "2005-01-01", "Pervez Musharraf"),
    ("IND", "prime_minister", "2001-01-01", "Atal Bihari Vajpayee"),
    ("ZAF", "president", "2003-01-01", "Thabo Mbeki"),
    ("NGA", "president", "2003-01-01", "Olusegun Obasanjo"),
    ("BRA", "president", "1999-01-01", "Fernando Henrique Cardoso"),
    ("IGO", "nato_secretary_general", "1999-04-01", "Javier Solana"),
    ("IGO", "nato_secretary_general", "2006-04-01", "Jaap de Hoop Scheffer"),
    ("IGO", "iaea_director_general", "2003-02-14", "Mohamed ElBaradei"),
    ("IGO", "arab_league_secretary_general", "2008-01-01", "Amr Moussa"),
    ("IGO", "au_commission_chair", "2020-01-01", "Moussa Faki Mahamat"),
    ("IGO", "opcw_director_general", "2014-01-01", "Ahmet Üzümcü"),
    ("UKR", "army_commander", "2023-01-01", "Valerii Zaluzhnyi"),
    ("ISR", "idf_chief_of_staff", "2024-01-01", "Herzi Halevi"),
]


@pytest.mark.parametrize(("country", "office", "on", "name"), HOLDERS)
def test_holder_of_the_day(kb, country, office, on, name):
    term = kb.holder(country, office, dt.date.fromisoformat(on))
    assert term is not None and term.name == name, (country, office, on, term)


def test_no_two_holders_of_one_office_at_once(kb):
    """A second holder overlapping the first by more than a few days is a data error (a typo in a date),
    except for offices several people hold at once."""
    problems = []
    for (country, office), terms in kb.terms_by_office.items():
        if office in COLLEGIAL:
            continue
        for i, a in enumerate(terms):
            for b in terms[i + 1:]:
                if a.person == b.person:
                    continue
                start = max(a.start or dt.date.min, b.start or dt.date.min)
                end = min(a.end or dt.date.max, b.end or dt.date.max)
                if end > start and (end - start).days > 3:
                    problems.append((country, office, a.name, b.name))
    assert problems == []


def test_terms_are_well_formed(kb):
    countries = {e.country for e in kb.entities.values() if e.type == "country"}
    for t in kb.terms:
        assert t.country == "IGO" or t.country in countries or (t.office.startswith("people:") and not t.country), t
        assert t.start is None or t.end is None or t.start < t.end, t
        if t.country == "IGO" and not t.office.startswith("people:"):
            assert t.org is not None and t.org in kb.entities, t


def test_breadth(kb):
    """Heads of state or government for most states, from 1995 on for the big powers."""
    heads = {"president", "prime_minister", "chancellor", "monarch", "supreme_leader", "head_of_state"}
    states = {c for (c, o) in kb.terms_by_office if o in heads and c != "IGO"}
    assert len(states) >= 120
    for iso in ("USA", "RUS", "CHN", "GBR", "FRA", "DEU", "ISR", "PSE", "IRN", "IRQ", "TUR", "IND", "PAK", "JPN"):
        assert any(kb.holder(iso, o, dt.date(1996, 6, 1)) for o in heads), iso
    igo_offices = {o for (c, o) in kb.terms_by_office if c == "IGO"}
    assert len(igo_offices) >= 25
    assert len(kb.terms) >= 1500


def test_people_file(kb):
    """A notable person without office: country and sectors, and a role while it is held."""
    navalny = kb.entities["person:alexei navalny"]
    assert navalny.country == "RUS" and navalny.sector == ("OPP",)
    assert kb.forms["Navalny"] == ("person:alexei navalny", "alias")
    term, current = kb.term_for("person:osama bin laden", dt.date(2005, 1, 1))
    assert term is not None and current and term.role == "al-Qaida leader"
    term, current = kb.term_for("person:osama bin laden", dt.date(2015, 1, 1))
    assert term is not None and not current
    # a person known from an office keeps that entity (Imran Khan: prime minister, then opposition)
    term, current = kb.term_for("person:imran khan", dt.date(2020, 1, 1))
    assert term.role == "prime minister" and current
    term, current = kb.term_for("person:imran khan", dt.date(2024, 1, 1))
    assert term.role == "opposition leader" and current


def test_country_forms(kb):
    assert kb.forms["Somalian"] == ("country:SOM", "adjective")
    assert kb.forms["Gazans"] == ("country:PSE", "people")
    assert kb.forms["Scottish"] == ("country:GBR", "adjective")
    assert kb.forms["Emirati"][0] == "country:ARE"


def test_groups_and_aliases(kb):
    for form, key in [("Ansar Allah", "org:houthis"), ("al-Shabaab", "org:alshabab"), ("ISKP", "org:isis-k"),
                      ("Hashd al-Shaabi", "org:pmf"), ("DPR", "org:dpr"), ("Arakan Army", "org:arakan-army"),
                      ("Shin Bet", "org:shin-bet"), ("UNRWA", "org:unrwa"), ("OPCW", "org:opcw")]:
        assert kb.forms[form][0] == key, form


def test_user_offices_folder_and_people_file(user_data):
    """A user folder may add an ``offices/`` file and a ``people.yaml``: the check accepts them, the
    knowledge base reads them."""
    (user_data / "offices").mkdir()
    (user_data / "offices" / "nordic.yaml").write_text(
        "- country: ISL\n  office: fisheries_minister\n  role: fisheries minister\n  holders:\n"
        "    - {name: Gudrun Hallvardsdottir, aliases: [Hallvardsdottir], from: 2022-01-01}\n", encoding="utf-8")
    (user_data / "people.yaml").write_text(
        "- {name: Petur Sigvaldason, aliases: [Sigvaldason], country: ISL, sector: [OPP], role: protest leader}\n",
        encoding="utf-8")
    assert check_data_dir(user_data.parent) == []
    kb = get_kb()
    assert kb.holder("ISL", "fisheries_minister", dt.date(2024, 1, 1)).name == "Gudrun Hallvardsdottir"
    assert kb.entities["person:petur sigvaldason"].code == "ISLOPP"


def test_user_country_forms(user_data):
    (user_data / "country_forms.yaml").write_text("ISL: {seats: [Stjornarradid]}\n", encoding="utf-8")
    assert check_data_dir(user_data.parent) == []
    assert get_kb().forms["Stjornarradid"] == ("country:ISL", "capital")


# --------------------------------------------------------------------------------------------------
# coded sentences
# --------------------------------------------------------------------------------------------------

def _actor(rec, name):
    hits = [a for a in rec.actors if a.name == name]
    assert hits, f"no actor {name!r}; got {[(a.name, a.type, a.country, a.role) for a in rec.actors]}"
    return hits[0]


# untitled past office holders: (text, published, name, country, role)
PAST_HOLDERS = [
    ("Chirac told reporters that the inspectors needed more time.", "2003-02-20", "Jacques Chirac", "FRA",
     "president"),
    ("Ehud Olmert has ordered a review of the operation.", "2006-08-20", "Ehud Olmert", "ISR", "prime minister"),
    ("The plan was rejected by Ahmed Qurei on Sunday.", "2004-07-20", "Ahmed Qurei", "PSE", "prime minister"),
    ("Hoshyar Zebari will travel to Ankara next week.", "2009-03-02", "Hoshyar Zebari", "IRQ", "foreign minister"),
    ("Mohamed ElBaradei had warned the council of gaps in the record.", "2005-05-10", "Mohamed ElBaradei", None,
     "IAEA director general"),
    ("Joschka Fischer and Dominique de Villepin signed the joint letter.", "2003-02-10", "Joschka Fischer", "DEU",
     "foreign minister"),
    ("Junichiro Koizumi is expected to visit the shrine again.", "2005-10-01", "Junichiro Koizumi", "JPN",
     "prime minister"),
    ("Thabo Mbeki was criticised for his silence on Harare.", "2007-04-01", "Thabo Mbeki", "ZAF", "president"),
]


@pytest.mark.parametrize(("text", "published", "name", "country", "role"), PAST_HOLDERS)
def test_past_office_holder_by_date(code, text, published, name, country, role):
    a = _actor(code(text, published=published), name)
    assert a.type == "person" and a.country == country and a.role == role


# notable people of people.yaml: (text, published, name, country, code prefix)
NOTABLE = [
    ("Navalny's team called for rallies in forty cities.", "2021-01-20", "Alexei Navalny", "RUS", "RUSOPP"),
    ("Muqtada al-Sadr ordered his followers off the streets.", "2022-08-30", "Muqtada al-Sadr", "IRQ", "IRQREL"),
    ("Forces loyal to Khalifa Haftar have been pushed back.", "2020-06-05", "Khalifa Haftar", "LBY", "LBYMIL"),
    ("Sviatlana Tsikhanouskaya has urged the EU to widen sanctions.", "2021-06-01", "Sviatlana Tsikhanouskaya", "BLR",
     "BLROPP"),
    ("The speech by Abdul-Malik al-Houthi threatened further attacks.", "2024-01-12", "Abdul-Malik al-Houthi", "YEM",
     "YEMREB"),
]


@pytest.mark.parametrize(("text", "published", "name", "country", "prefix"), NOTABLE)
def test_notable_person_coded(code, text, published, name, country, prefix):
    a = _actor(code(text, published=published), name)
    assert a.type == "person" and a.country == country and (a.code or "").startswith(prefix)


# armed and political groups: (text, name, country, code)
GROUPS = [
    ("Ansar Allah said its drones had struck a tanker.", "Ansar Allah", "YEM", "YEMREB"),
    ("Fighters from Islamic State Khorasan Province attacked the prison.", "Islamic State Khorasan Province", "AFG",
     "AFGREB"),
    ("The Arakan Army has seized another township.", "Arakan Army", "MMR", "MMRREB"),
    ("Officials of the Donetsk People's Republic were sanctioned.", "Donetsk People's Republic", "UKR", "UKRREB"),
    ("Shin Bet arrested two suspects overnight.", "Shin Bet", "ISR", "ISRGOVSPY"),
    ("UNRWA warned that its schools would close.", "UNRWA", None, "IGOUNOREF"),
]


@pytest.mark.parametrize(("text", "name", "country", "code_"), GROUPS)
def test_group_coded(code, text, name, country, code_):
    a = _actor(code(text, published="2024-03-05"), name)
    assert a.country == country and a.code == code_


# a seat of a user's country_forms.yaml acts for the state as a capital does, and stays a place after "in"
SEATS = [
    ("Stjornarradid rejected the fishing plan.", True),
    ("The ministers met in Stjornarradid on Monday.", False),
]


@pytest.mark.parametrize(("text", "acts"), SEATS)
def test_user_seat_of_government(code, user_data, text, acts):
    (user_data / "country_forms.yaml").write_text("ISL: {seats: [Stjornarradid]}\n", encoding="utf-8")
    get_kb.cache_clear()
    names = [a.name for a in code(text, published="2019-03-05").actors]
    assert ("Iceland" in names) == acts, names


# titles news uses: (text, name, role contains, sector)
TITLES = [
    ("Sultan Hamdan bin Faisal received the delegation.", "Hamdan bin Faisal", "sultan", "GOV"),
    ("Junior minister Karen Osei resigned on Friday.", "Karen Osei", "junior minister", "GOV"),
    ("Intelligence chief Radu Vasilescu briefed the committee.", "Radu Vasilescu", "intelligence chief", "SPY"),
    ("Cleric Abdul Rahim Qasemi was arrested in the raid.", "Abdul Rahim Qasemi", "cleric", "REL"),
    ("Chief negotiator Lena Holm will meet the rebels.", "Lena Holm", "chief negotiator", "GOV"),
]


@pytest.mark.parametrize(("text", "name", "role", "sector"), TITLES)
def test_title_words(code, text, name, role, sector):
    a = _actor(code(text, published="2024-03-05"), name)
    assert a.role and role in a.role and sector in (a.sector or []), (a.role, a.sector)


# known names the tagger cuts or runs on: (text, names that must be actors, names that must not)
TAGGER_SPANS = [
    # the typographic apostrophe names the same group as the straight one
    ("Hay’at Tahrir al-Sham fighters took the crossing.", ["Hay’at Tahrir al-Sham"], ["al-Sham", "Hay’at"]),
    ("Kata’ib Hezbollah denied firing the rockets.", ["Kata’ib Hezbollah"], []),
    # an entity running on past a known name into lower-case words or a bracket
    ("Washington stopped fighting Isis for the YPG, officials said.", ["Isis", "YPG"], ["Isis for the YPG"]),
    ("Jabhat al-Nusra (the Nusra Front) has regrouped in the north.", ["Jabhat al-Nusra"], ["Jabhat al-Nusra (the"]),
    # a seat of government inside an organisation entity is no countryless organisation
    ("A White House statement said the talks had ended.", [], ["White House"]),
]


@pytest.mark.parametrize(("text", "present", "absent"), TAGGER_SPANS)
def test_tagger_spans_around_known_names(code, text, present, absent):
    names = [a.name for a in code(text, published="2018-01-24").actors]
    for n in present:
        assert n in names, (n, names)
    for n in absent:
        assert n not in names, (n, names)


def test_the_younger_bush_in_this_century(code):
    rec = code("George Bush said the vote was a victory. Bush thanked his supporters in Ohio.",
               published="2004-11-04")
    a = _actor(rec, "George Bush")  # named as the article names him; the younger Bush of the knowledge base
    assert a.country == "USA" and a.role == "president"


# UK offices of the 2000s named without a title, and a party the tagger calls a person
UK_2000S = [
    ("Lord Falconer told peers the reform would go ahead.", "2005-02-01", "Charles Falconer", "lord chancellor"),
    ("David Davis said the identity card scheme was flawed.", "2005-02-01", "David Davis", "shadow home secretary"),
    ("Ruth Kelly has promised to publish the report.", "2005-02-01", "Ruth Kelly", "education secretary"),
]


@pytest.mark.parametrize(("text", "published", "name", "role"), UK_2000S)
def test_uk_offices_of_the_2000s(code, text, published, name, role):
    rec = code(text, published=published)
    people = [a for a in rec.actors if a.type == "person" and a.country == "GBR" and a.role == role]
    assert people, [(a.name, a.country, a.role) for a in rec.actors]


def test_party_tagged_as_a_person(code):
    rec = code("The Lib Dems said the tax would be fair. Later the Lib Dems published their plan.",
               published="2005-02-01")
    assert not any(a.type == "person" for a in rec.actors), [(a.name, a.type) for a in rec.actors]
