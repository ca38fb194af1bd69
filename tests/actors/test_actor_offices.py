"""Office holders on real news (issue 3, round 3), on sentences written for these tests: people the text
names without a title get their country and office from offices.yaml on the publication date; a
person mentioned before taking office gets no role; a surname that is also a place stays a place."""

from __future__ import annotations

import pytest


def _person(rec, name):
    hits = [a for a in rec.actors if a.name == name and a.type == "person"]
    assert hits, f"no person {name!r}; got {[(a.name, a.type, a.country, a.role) for a in rec.actors]}"
    return hits[0]


# (text, published, person, country, role)
UNTITLED = [
    ("John Bolton told reporters the sanctions would stay.", "2019-05-02", "John Bolton", "USA",
     "national security adviser"),
    ("Sajid Javid said the citizenship order was lawful.", "2019-02-20", "Sajid Javid", "GBR", "home secretary"),
    ("Sajid Javid said the budget would come in March.", "2019-11-02", "Sajid Javid", "GBR",
     "chancellor of the exchequer"),
    ("Sajid Javid said he regretted nothing.", "2021-06-01", "Sajid Javid", "GBR", "former chancellor of the exchequer"),
    ("Staffan de Mistura met the delegations in Geneva.", "2016-03-14", "Staffan de Mistura", None,
     "UN special envoy for Syria"),
    ("Mohammad Javad Zarif rejected the demand.", "2018-05-09", "Mohammad Javad Zarif", "IRN", "foreign minister"),
    ("Tedros Adhanom Ghebreyesus warned of a second wave.", "2020-06-01", "Tedros Adhanom Ghebreyesus", None,
     "WHO director general"),
]


@pytest.mark.parametrize(("text", "published", "name", "country", "role"), UNTITLED)
def test_untitled_office_holder(code, text, published, name, country, role):
    a = _person(code(text, published=published), name)
    assert a.country == country
    assert a.role == role


def test_alias_alone_resolves(code):
    rec = code("Voters went to the polls on Thursday. Sunak said the result was disappointing.",
               published="2024-07-06")
    a = _person(rec, "Rishi Sunak")
    assert a.country == "GBR"
    assert a.role == "former prime minister"


def test_current_office_names_the_country(code):
    """A person with national and international offices: the office of the day names the country."""
    rec = code("Donald Tusk called on leaders to agree a deal.", published="2016-06-01")
    assert _person(rec, "Donald Tusk").code.startswith("IGO")
    rec = code("Donald Tusk called on leaders to agree a deal.", published="2024-06-01")
    assert _person(rec, "Donald Tusk").country == "POL"


def test_before_office_no_role(code):
    """Mentioned before the office began: the person is known (country) but holds no role yet."""
    rec = code("John Bolton wrote a column criticising the deal.", published="2016-03-01")
    a = _person(rec, "John Bolton")
    assert a.country == "USA"
    assert not a.role or "adviser" not in a.role


def test_titled_office_from_new_title(code):
    rec = code("The US national security adviser flew to Seoul.", published="2018-06-01")
    people = [a for a in rec.actors if a.type == "person"]
    assert any(a.name == "John Bolton" for a in people), [(a.name, a.role) for a in people]


def test_place_alias_stays_a_place(code):
    rec = code("The court in The Hague ruled on Tuesday.", published="2012-03-01")
    assert not any(a.name == "William Hague" for a in rec.actors)


# "X-led" groups are X's; "X-backed" groups are not X's (no country from X): (text, name, country, code)
SPONSORED = [
    ("The Saudi-led coalition bombed the harbour overnight.", "Saudi-led coalition", "SAU", "SAUMIL"),
    ("US-led forces took the airfield.", "US-led forces", "USA", "USAMIL"),
    ("Russian-backed separatists shelled the station.", "Russian-backed separatists", None, "REB"),
    ("Iranian-backed militias fired rockets at the base.", "Iranian-backed militias", None, "REB"),
]


@pytest.mark.parametrize(("text", "name", "country", "code_"), SPONSORED)
def test_led_and_backed_groups(code, text, name, country, code_):
    rec = code(text)
    hits = [a for a in rec.actors if a.name == name]
    assert hits, [(a.name, a.type, a.country) for a in rec.actors]
    assert hits[0].type == "group"
    assert hits[0].country == country
    assert hits[0].code == code_
    if country is None:  # the backer is not an actor of the phrase
        assert not any(a.type == "country" for a in rec.actors)


def test_possessed_collective_is_the_countrys_group(code):
    text = "Armenian soldiers held the ridge. Armenia said its soldiers would not withdraw."
    rec = code(text)
    groups = [a for a in rec.actors if a.type == "group"]
    assert len(groups) == 1, [(a.name, a.country) for a in groups]
    assert groups[0].country == "ARM"
    k = text.index("soldiers would")
    assert any(m.start == k for m in groups[0].mentions)


def test_possessed_collective_needs_a_country(code):
    rec = code("The ministry said its officials met the delegation.")
    assert not any(a.type == "group" for a in rec.actors)


@pytest.mark.parametrize("party", ["Liberal Democrat", "Conservative"])
def test_party_adjective_leader(code, party):
    rec = code(f"The {party} leader said the vote had been lost.", published="2019-03-05")
    people = [a for a in rec.actors if a.type == "person"]
    assert len(people) == 1, [(a.name, a.role) for a in people]
    assert people[0].country == "GBR"
    assert "PTY" in (people[0].code or "")
    assert people[0].name != "Theresa May"


def test_party_adjective_as_plain_word(code):
    rec = code("Conservative estimates put the number of displaced at 3,000.")
    assert not any(a.type == "organization" for a in rec.actors)


def test_backed_group_with_its_own_adjective(code):
    """ "US-backed Kurdish forces" are Kurdish forces; the backer stays a mention of its own."""
    rec = code("US-backed Kurdish forces entered the town.")
    groups = [a for a in rec.actors if a.type == "group"]
    assert [g.name for g in groups] == ["Kurdish forces"]
    assert groups[0].code == "KURMIL"


def test_led_group_article_not_in_name(code):
    rec = code("The US-led coalition struck the bridge. Later the US-led coalition denied it.")
    groups = [a for a in rec.actors if a.type == "group"]
    assert len(groups) == 1 and groups[0].name == "US-led coalition", [(g.name, g.country) for g in groups]
    assert len(groups[0].mentions) >= 2


def test_title_after_and_belongs_to_the_next_name(code):
    text = ("His national security adviser, Harold Finch, and secretary of state, Joan Reese, "
            "agreed on the plan.")
    rec = code(text)
    finch = _person(rec, "Harold Finch")
    _person(rec, "Joan Reese")
    assert finch.role != "secretary of state"
