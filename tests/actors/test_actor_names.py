"""Person names the tagger gets partly right (issue 14, item 3): a surname two people of the article share
names the one not introduced as the other's relative, and a name the tagger starts one word late (a known
name inside a longer one) keeps its first name. Sentences and names written for these tests."""

from __future__ import annotations

import pytest


def _mentions(rec, name):
    hits = [a for a in rec.actors if a.name == name]
    assert hits, f"no actor {name!r}; got {[a.name for a in rec.actors]}"
    return [m.text for m in hits[0].mentions]


@pytest.mark.parametrize(("text", "main", "relative", "surname"), [
    ("Amer Haddad, a filmmaker from Aleppo, runs the campaign. Haddad's brother, Yusuf Haddad, was detained in "
     "2014. Haddad has since met activists in Berlin.", "Amer Haddad", "Yusuf Haddad", "Haddad"),
    ("Lucia Ferreira leads the families' group. Her son Tomas Ferreira disappeared last year. Ferreira "
     "will address the committee on Friday.", "Lucia Ferreira", "Tomas Ferreira", "Ferreira"),
    ("The opposition leader Grace Okonjo spoke at the rally. Okonjo's husband, Daniel Okonjo, was arrested "
     "in March. Okonjo said the charges were invented.", "Grace Okonjo", "Daniel Okonjo", "Okonjo"),
    ("Pavel Morozov has been held since May, according to his widow Irina Morozov. Morozov was a "
     "local councillor.", "Pavel Morozov", "Irina Morozov", "Morozov"),
])
def test_shared_surname_is_not_the_relative(code, text, main, relative, surname):
    rec = code(text, published="2019-05-01")
    assert surname in _mentions(rec, main)
    assert surname not in _mentions(rec, relative)


@pytest.mark.parametrize(("text", "surname", "name"), [
    ("Samir Khoury was elected in 2010. Later, Rania Khoury, a lawyer, joined the council. Khoury said "
     "the vote was fair.", "Khoury", "Rania Khoury"),
    ("Anna Kowalski founded the firm. Years later Marta Kowalski took over. Kowalski expanded it abroad.",
     "Kowalski", "Marta Kowalski"),
])
def test_shared_surname_without_kinship_is_the_last_named(code, text, surname, name):
    assert surname in _mentions(code(text, published="2019-05-01"), name)


@pytest.mark.parametrize(("text", "name"), [
    ("Last year Dalia Assad Karim Haddad was appointed to run the clinic.", "Dalia Assad Karim Haddad"),
    ("From 2015 until her arrest, Salma Assad Yusuf Omar had cooked for the commander.",
     "Salma Assad Yusuf Omar"),
    ("Yesterday Omar Assad Mansour told the court he had been beaten.", "Omar Assad Mansour"),
    ("The court heard that Huda Blair Nasser had signed the contract.", "Huda Blair Nasser"),
    ("Police said Karim Obama Njoroge would be charged on Monday.", "Karim Obama Njoroge"),
])
def test_known_name_inside_a_longer_person_name(code, text, name):
    rec = code(text, published="2018-03-01")
    assert name in [a.name for a in rec.actors], [(a.name, a.country) for a in rec.actors]
