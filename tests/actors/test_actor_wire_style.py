"""Actors of wire news of another era and style (issue 14, item 3), on sentences written for these tests.

AP and CNN copy of 1995-2000 names people through whom they work for ("Yeltsin's spokesman X", "X, 58, a
former ambassador to the UN"), writes country prefixes with dots ("the U.S. Immigration and Naturalization
Service"), names peoples by ethnicity ("ethnic Albanians") and exiles by nationality, and names office
holders of that period. Each case gives the text, the publication date and the actors it must contain:
name, type, country, sectors (each listed one must be present) and role (a substring, or None for any).
"""

from __future__ import annotations

import pytest

Case = tuple[str, str, list[tuple[str, str, str | None, list[str], str | None]]]

CASES: list[Case] = [
    # 1. a role held for someone of a country: the possessor's country ("Yeltsin's spokesman X")
    ("Netanyahu's spokesman David Bar-Illan rejected the charge.", "1997-11-04",
     [("David Bar-Illan", "person", "ISR", [], "spokesman")]),
    ("Arafat's adviser Nabil Abu Rudeineh said talks would resume.", "1999-02-10",
     [("Nabil Abu Rudeineh", "person", "PSE", [], "adviser")]),
    ("The Kremlin's envoy Pavel Orlov arrived in Minsk on Monday.", "2003-06-02",
     [("Pavel Orlov", "person", "RUS", [], "envoy")]),
    ("Kuchma will not travel, Yeltsin's spokesman Oleg Semyonov told reporters.", "1998-05-12",
     [("Oleg Semyonov", "person", "RUS", [], "spokesman")]),
    ("Mubarak's spokesman Nabil Osman had denied the reports.", "2005-03-01",
     [("Nabil Osman", "person", "EGY", [], "spokesman")]),
    # 2. an appositive role after an age, or ending before "for"/"to" + a known actor
    ("Peter Mensah, 61, a former Ghanaian ambassador to the United Nations, heads the panel.", "1998-03-06",
     [("Peter Mensah", "person", "GHA", [], "ambassador")]),
    ("Ivan Petrov, a spokesman for the Kremlin, said the visit was postponed.", "1999-04-01",
     [("Ivan Petrov", "person", "RUS", [], "spokesman")]),
    ("Lena Holm, 61, the Swedish foreign minister, flew to Belgrade.", "1999-04-01",
     [("Lena Holm", "person", "SWE", [], "foreign minister")]),
    ("Jorge Castaneda Ruiz, 39, a spokesman for the Mexican embassy, declined to comment.", "2001-07-19",
     [("Jorge Castaneda Ruiz", "person", "MEX", [], "spokesman")]),
    # 3. a dotted or adjectival country prefix opening an organisation's name gives its country
    ("The U.S. Immigration and Naturalization Service ruled that the boy must go home.", "2000-01-06",
     [("U.S. Immigration and Naturalization Service", "organization", "USA", ["GOV"], None)]),
    ("Agents of the U.S. Customs Service seized the cargo in Miami.", "1997-08-14",
     [("U.S. Customs Service", "organization", "USA", [], None)]),
    ("The American Civil Liberties Union sued the county on Tuesday.", "2002-10-08",
     [("American Civil Liberties Union", "organization", "USA", [], None)]),
    ("The U.K. Serious Fraud Office opened an inquiry into the contract.", "2004-02-17",
     [("U.K. Serious Fraud Office", "organization", "GBR", [], None)]),
    # 4. a country's police or security forces are its body (an organisation); its policemen and troops a group
    ("Serb police sealed off three villages near the border.", "1998-03-08",
     [("Serb police", "organization", "SRB", ["COP"], None)]),
    ("Egyptian riot police dispersed the crowd outside the court.", "2011-01-26",
     [("Egyptian riot police", "organization", "EGY", ["COP"], None)]),
    ("Iraqi security forces retook the refinery on Sunday.", "2014-06-22",
     [("Iraqi security forces", "organization", "IRQ", [], None)]),
    ("Kenyan policemen arrested two suspects in Mombasa.", "1998-09-11",
     [("Kenyan policemen", "group", "KEN", ["COP"], None)]),
    ("Indonesian troops and Indonesian police patrolled the port.", "1999-09-20",
     [("Indonesian troops", "group", "IDN", ["MIL"], None), ("Indonesian police", "organization", "IDN", ["COP"], None)]),
    # 5. a people named by ethnicity is not its kin state: no country
    ("Some 2,000 ethnic Albanians marched through the city centre.", "1998-03-08",
     [("ethnic Albanians", "group", None, [], None)]),
    ("Militiamen drove ethnic Serbs from the villages.", "1995-08-10",
     [("ethnic Serbs", "group", None, [], None)]),
    ("Ethnic Russian protesters blocked the parliament building.", "2007-04-27",
     [("ethnic Russian protesters", "group", None, ["CVL"], None)]),
    ("Ethnic Hungarians voted for the coalition.", "1996-11-17",
     [("Ethnic Hungarians", "group", None, [], None)]),
    # 6. exiles, émigrés and dissidents of a country are a group of that country
    ("Cuban exiles rallied outside the courthouse.", "2000-01-07",
     [("Cuban exiles", "group", "CUB", ["CVL"], None)]),
    ("Iraqi dissidents met in London to plan the conference.", "1999-10-29",
     [("Iraqi dissidents", "group", "IRQ", ["OPP"], None)]),
    ("Haitian expatriates sent money home after the storm.", "2004-09-25",
     [("Haitian expatriates", "group", "HTI", ["CVL"], None)]),
    ("Vietnamese émigrés protested against the visit.", "1997-06-27",
     [("Vietnamese émigrés", "group", "VNM", ["CVL"], None)]),
    # 7. office holders of 1995-2000 named by their office
    ("The Ukrainian prime minister opened the session.", "1998-09-01",
     [("Valeriy Pustovoitenko", "person", "UKR", [], "prime minister")]),
    ("The Russian president signed the decree on Saturday.", "2000-02-05",
     [("Vladimir Putin", "person", "RUS", [], "president")]),
    ("The Iraqi foreign minister wrote to the Security Council.", "1998-02-10",
     [("Mohammed Saeed al-Sahhaf", "person", "IRQ", [], "foreign minister")]),
    ("The Cuban foreign minister left for Caracas.", "2000-03-15",
     [("Felipe Pérez Roque", "person", "CUB", [], "foreign minister")]),
    ("The Albanian prime minister met aid agencies in Kukes.", "1999-04-20",
     [("Pandeli Majko", "person", "ALB", [], "prime minister")]),
    ("Secretary of State Madeleine Albright met Prime Minister Hun Sen in Phnom Penh.", "1999-01-29",
     [("Madeleine Albright", "person", "USA", [], "secretary of state"),
      ("Hun Sen", "person", "KHM", [], "prime minister")]),
    # 8. agencies and parties of that era's news
    ("Tanzania's ruling Chama Cha Mapinduzi party won the vote.", "2000-10-30",
     [("Chama Cha Mapinduzi", "organization", "TZA", ["PTY"], None)]),
    ("The Tanjug news agency carried the statement.", "1998-06-12",
     [("Tanjug", "organization", "SRB", ["MED"], None)]),
    ("The Khmer Rouge ambushed a convoy near Anlong Veng.", "1997-07-01",
     [("Khmer Rouge", "group", "KHM", ["REB"], None)]),
    ("The report was carried by the ITAR-Tass news agency.", "1998-02-27",
     [("TASS", "organization", "RUS", ["MED"], None)]),
    # 9. a person introduced by a relation to someone has that relation as role
    ("The boy's father, Rafael Ortiz Mena, lives in Havana.", "2000-01-07",
     [("Rafael Ortiz Mena", "person", None, [], "father")]),
    ("Her brother Tomas Varga was arrested in Budapest.", "1996-05-03",
     [("Tomas Varga", "person", None, [], "brother")]),
    ("The general's widow, Amira Saleh, appealed to the court.", "2012-03-14",
     [("Amira Saleh", "person", None, [], "widow")]),
    ("His son Karim Nasser, 24, was released on Monday.", "2015-09-28",
     [("Karim Nasser", "person", None, [], "son")]),
]

# 10. inspectors and monitors; a rank before the country of a title ("Chief U.N. weapons inspector X")
CASES += [
    ("Chief U.N. weapons inspector Richard Butler said Iraq had not complied.", "1998-11-15",
     [("Richard Butler", "person", None, ["IGO"], "chief weapons inspector")]),
    ("American inspector Scott Ritter led the team to a fourth site.", "1998-03-06",
     [("Scott Ritter", "person", "USA", [], "inspector")]),
    ("OSCE monitor Jan Novak was detained near Pristina.", "1999-01-16",
     [("Jan Novak", "person", None, ["IGO"], "monitor")]),
    ("Senior U.S. envoy Dennis Ross flew to Jerusalem on Monday.", "1997-09-01",
     [("Dennis Ross", "person", "USA", [], "senior envoy")]),
    ("Top Chinese negotiator Long Yongtu arrived in Geneva.", "1999-11-10",
     [("Long Yongtu", "person", "CHN", [], "top negotiator")]),
]

# 11. a nationality right before a name gives the person's country ("Briton Terry X", "American Scott X")
CASES += [
    ("Briton Terence Walsh was freed after five years.", "1991-11-18",
     [("Terence Walsh", "person", "GBR", [], None)]),
    ("Frenchman Jean Leclerc was kidnapped near the border.", "1996-02-02",
     [("Jean Leclerc", "person", "FRA", [], None)]),
    ("The team, led by American Roy Tanner, visited three sites. Iraq said Roy Tanner was a spy.", "1998-01-13",
     [("Roy Tanner", "person", "USA", [], None)]),
    ("Police questioned the Dutchman Hans Bakker about the shipment.", "2001-05-05",
     [("Hans Bakker", "person", "NLD", [], None)]),
]


def _find(rec, name):
    for a in rec.actors:
        if a.name == name:
            return a
    return None


@pytest.mark.parametrize("text,published,expected", CASES, ids=[c[0][:50] for c in CASES])
def test_wire_sentence(code, text, published, expected):
    rec = code(text, published=published)
    got = [(a.name, a.type, a.country, a.sector, a.role) for a in rec.actors]
    for name, type_, country, sectors, role in expected:
        a = _find(rec, name)
        assert a is not None, f"{name!r} not found in {got}"
        assert a.type == type_, (name, got)
        if country is not None or type_ != "person":
            assert a.country == country, (name, got)
        for s in sectors:
            assert s in a.sector, (name, s, got)
        if role is not None:
            assert a.role and role in a.role, (name, role, got)


def test_an_indefinite_leader_is_not_the_head_of_state(code):
    """"an American leader of the team" is one of many, not the president of the day."""
    for text, published, holder in [
        ("An American leader of the inspection team resumed work on Friday.", "1998-03-06", "Bill Clinton"),
        ("A Russian leader of the delegation spoke first.", "2005-05-09", "Vladimir Putin"),
        ("A French leader of the charity was detained.", "2010-06-01", "Nicolas Sarkozy"),
        ("The talks were opened by a Turkish leader of the union.", "2019-02-11", "Recep Tayyip Erdoğan"),
    ]:
        rec = code(text, published=published)
        assert holder not in [a.name for a in rec.actors], (text, [a.name for a in rec.actors])


def test_a_description_after_a_name_is_that_person_not_the_office_holder(code):
    for text, published, name, holder in [
        ("Maria Lopez, 44, the Mexican foreign minister, arrived on Monday.", "2000-03-06", "Maria Lopez", "Rosario Green"),
        ("Jean Dupont, the French foreign minister, left early.", "1999-05-05", "Jean Dupont", "Hubert Védrine"),
        ("Officials greeted Peter Lang, 52, the German chancellor, at the airport.", "1997-02-02", "Peter Lang", "Helmut Kohl"),
        ("Amos Levi, the Israeli prime minister, spoke to reporters.", "1998-08-08", "Amos Levi", "Benjamin Netanyahu"),
    ]:
        rec = code(text, published=published)
        names = [a.name for a in rec.actors]
        assert name in names and holder not in names, (text, names)


def test_a_seat_of_government_modifying_a_noun_is_no_organisation_of_no_country(code):
    for text in ["The pact covers cargo planes, the Kremlin statement said.",
                 "A Downing Street spokesman declined to comment.",
                 "The White House statement was brief.",
                 "The Elysee communique listed the topics."]:
        rec = code(text, published="2001-01-01")
        assert not [a for a in rec.actors if a.type == "organization" and a.country is None], \
            (text, [(a.name, a.type, a.country) for a in rec.actors])


def test_a_named_spokesman_right_after_a_described_one_is_that_spokesman(code):
    """"A Pentagon spokesman said ... 'We stay,' said spokesman X": X is the described one, of its country."""
    for text, published, name, country in [
        ('A Pentagon spokesman said Thursday the ships would stay. "We are not leaving," said spokesman Ken Barlow.',
         "1998-03-06", "Ken Barlow", "USA"),
        ("A Kremlin spokesman denied the report. The claims were false, spokesman Pyotr Ilyin told reporters.",
         "1999-06-10", "Pyotr Ilyin", "RUS"),
        ("The Egyptian ambassador protested on Monday. Ambassador Hisham Fawzi said the ban was unfair.",
         "2002-04-15", "Hisham Fawzi", "EGY"),
        ("A Turkish army commander said the raid was over, and commander Kemal Aydin later confirmed it.",
         "1997-05-20", "Kemal Aydin", "TUR"),
    ]:
        rec = code(text, published=published)
        got = [(a.name, a.country) for a in rec.actors]
        assert (name, country) in got, (text, got)
