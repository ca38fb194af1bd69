"""A person or organisation of no known country whose description names one (issue 14, item 3): a demonym
in an appositive, a predicate noun or a plural head the names stand in apposition to, and a country's
possessive before an organisation the country itself was already read from. Sentences written for these
tests."""

from __future__ import annotations

import pytest


def _actor(rec, name):
    hits = [a for a in rec.actors if a.name == name]
    assert hits, f"no actor {name!r}; got {[(a.name, a.type, a.country) for a in rec.actors]}"
    return hits[0]


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Leila Haddad, a Lebanese human rights lawyer, was arrested at the border.", "Leila Haddad", "LBN"),
    ("Police questioned Anna Nowak, a Polish lorry driver, on Tuesday.", "Anna Nowak", "POL"),
    ("The film was made by Arash Kamali, an exiled Iranian documentary maker.", "Arash Kamali", "IRN"),
    ("Ngozi Eze, a Nigerian oil union organiser, said the strike would go on.", "Ngozi Eze", "NGA"),
])
def test_demonym_in_an_appositive(code, text, name, country):
    assert _actor(code(text, published="2018-06-01"), name).country == country


@pytest.mark.parametrize(("text", "names", "country"), [
    ("Gunmen kidnapped the Italian engineers Marco Bellini and Paolo Ricci.", ["Marco Bellini", "Paolo Ricci"],
     "ITA"),
    ("Two Afghan interpreters, Ahmad Wali and Farid Noori, have been refused visas.",
     ["Ahmad Wali", "Farid Noori"], "AFG"),
    ("Among the dead were the Kenyan nurses Grace Wanjiru and Mary Atieno.", ["Grace Wanjiru", "Mary Atieno"],
     "KEN"),
])
def test_names_in_apposition_to_a_demonym_plural(code, text, names, country):
    rec = code(text, published="2018-06-01")
    for name in names:
        assert _actor(rec, name).country == country


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Kemal Durmaz is a Turkish novelist and critic.", "Kemal Durmaz", "TUR"),
    ("Ines Moreau was a French aid worker before the war.", "Ines Moreau", "FRA"),
])
def test_demonym_in_a_predicate_noun(code, text, name, country):
    assert _actor(code(text, published="2018-06-01"), name).country == country


@pytest.mark.parametrize(("text", "name"), [
    ("Leila Haddad, a critic of the Lebanese government, was arrested at the border.", "Leila Haddad"),
    ("Samir Khalil, a Syrian-born engineer, moved to Glasgow in 2009.", "Samir Khalil"),
])
def test_demonym_elsewhere_in_the_description_gives_nothing(code, text, name):
    assert _actor(code(text, published="2018-06-01"), name).country is None


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Jordan's Islamic Workers Front boycotted the vote.", "Islamic Workers Front", "JOR"),
    ("Kenya's National Farmers Union called off the strike.", "National Farmers Union", "KEN"),
    ("Officials said Pakistan's Federal Investigation Agency had opened a case.", "Federal Investigation Agency",
     "PAK"),
])
def test_country_possessive_before_an_organisation(code, text, name, country):
    assert _actor(code(text, published="2018-06-01"), name).country == country


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Pictures taken by the Norwegian firm Polar Orbit Imaging showed the damage.", "Polar Orbit Imaging", "NOR"),
    ("The Cedar Relief Foundation is a Lebanese charity based in Tyre.", "Cedar Relief Foundation", "LBN"),
    ("Meridian Logistics, the Kenyan haulage company, said its drivers were safe.", "Meridian Logistics", "KEN"),
    ("The report was written by the Austrian consultancy Alpenwerk Partners.", "Alpenwerk Partners", "AUT"),
    ("The Baltic Energy Group, a Latvian utility, cut supplies.", "Baltic Energy Group", "LVA"),
])
def test_demonym_describing_an_organisation(code, text, name, country):
    assert _actor(code(text, published="2018-06-01"), name).country == country


@pytest.mark.parametrize(("text", "name", "country"), [
    ("Nour Salameh, 34, from Homs, Syria, left with her children.", "Nour Salameh", "SYR"),
    ("Carlos Mendes from Porto said he had waited for hours.", "Carlos Mendes", "PRT"),
    ("Farah Aziz, a lawyer from Mosul, said the court was closed.", "Farah Aziz", "IRQ"),
    ("Dmytro Hnatiuk, a resident of Kharkiv, described the shelling.", "Dmytro Hnatiuk", "UKR"),
])
def test_a_person_from_a_place(code, text, name, country):
    assert _actor(code(text, published="2018-06-01"), name).country == country


@pytest.mark.parametrize(("text", "name"), [
    ("Tom Baker from the Foreign Office briefed reporters.", "Tom Baker"),
    ("Sara Kim, a critic of the government in Seoul, spoke first.", "Sara Kim"),
    ("Mark Olsen from Ukraine Aid Norway said the convoy had left.", "Mark Olsen"),
    ("Lina Haddad, a Yemen analyst at the Rand Corporation, said the truce would hold.", "Lina Haddad"),
    ("Tom Becker, a Syria specialist, wrote the report.", "Tom Becker"),
])
def test_no_place_no_origin(code, text, name):
    assert _actor(code(text, published="2018-06-01"), name).country is None
