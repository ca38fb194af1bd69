"""State agents the text names with no country of their own ("the police", "officials said", "security
forces", "the authorities"): a country only when the text fixes it (roles.yaml ``located_collectives`` and
``domestic_agents``; docs/actors.md). Sentences written for these tests."""

from __future__ import annotations

import pytest

D = "2024-03-05"


def _agent(rec, text, word):
    """Countries of the actors with a mention exactly at the first ``word`` at or after "|" in ``text``."""
    k = text.replace("|", "").index(word, text.index("|"))
    return {a.country for a in rec.actors if any(m.start == k and m.end == k + len(word) for m in a.mentions)}


# (1) a place in the agent's own clause: (text with "|" before the agent, agent word, country)
CLAUSE = [
    ("Serbian police beat marchers in Belgrade. |The police later detained a reporter in downtown Istanbul.",
     "police", "TUR"),
    ("Hundreds gathered after the vote. |Security forces fired water cannon at them outside the parliament in Tbilisi.",
     "Security forces", "GEO"),
    ("|Officials have closed every school in Lahore until further notice.", "Officials", "PAK"),
    ("A bomb went off at a market. |Authorities were investigating the blast in Mombasa on Sunday.",
     "Authorities", "KEN"),
    ("|Prosecutors charged four men over the robbery in Lyon.", "Prosecutors", "FRA"),
]

# a place modifier between "in" and the place: (text, agent word, country)
MODIFIED = [
    ("Attacks have risen this year, |officials in northern Iraq say.", "officials", "IRQ"),
    ("|Police in southern Thailand arrested three suspects on Friday.", "Police", "THA"),
    ("|The authorities in eastern Ukraine ordered an evacuation.", "authorities", "UKR"),
    ("|Security forces in rural Kenya were put on alert.", "Security forces", "KEN"),
]

# (1) the dateline city, when the sentence names no state and the paragraph none other
DATELINE = [
    ("NAIROBI, Kenya (AP)_ Students marched against the fees. |Police fired tear gas at the marchers.",
     "Police", "KEN"),
    ("ANKARA (Reuters) - A journalist was arrested at dawn. |Prosecutors accused him of insulting the state.",
     "Prosecutors", "TUR"),
    ("MANILA -- Floods cut off three villages.\n\n|Officials said 40 families had been moved.", "Officials", "PHL"),
    ("LIMA, Peru (AP)_ Miners blocked a highway on Monday. |The authorities have promised talks.",
     "authorities", "PER"),
]

# (2) a domestic agent in a paragraph that names one state only
PARAGRAPH = [
    ("In Georgia, thousands rallied against the law. |The police detained 20 people.", "police", "GEO"),
    ("Nigeria's election was marred by violence in several states. |Police arrested 30 suspects.", "Police", "NGA"),
    ("Protests spread across Chile after the fare rise. |The authorities imposed a curfew.", "authorities", "CHL"),
    ("A Hungarian court heard the case. |Prosecutors demanded a five-year sentence.", "Prosecutors", "HUN"),
]

# stays unplaced: two states in the clause or paragraph, a foreign-prone noun with no place, a state named
# in the sentence, a dateline contradicted by another state of the paragraph
UNPLACED = [
    "Russia and Ukraine traded blame for the strike. |The authorities said the dam had been mined.",
    "Egypt hosted talks with Israel on Monday. |Officials said progress had been made.",
    "Protesters blocked the main road into the capital. |The police fired tear gas at them.",
    "BEIRUT (AP)_ Shelling hit towns across Syria overnight. |Officials said 12 people were killed.",
    "|Police questioned two French tourists about the fire.",
    "Turkey and Greece argued over the islands. |Prosecutors in both capitals opened cases.",
    "|Officials from both sides met again in Geneva on Friday.",
    "|Demonstrators marched through the centre of Caracas.",
    "|Intelligence officials believe the militants are regrouping in Mosul.",
    "|The authorities said the attackers had trained in Peshawar.",
]


@pytest.mark.parametrize("text,word,country", CLAUSE + MODIFIED + DATELINE + PARAGRAPH,
                         ids=[c[0][:40] for c in CLAUSE + MODIFIED + DATELINE + PARAGRAPH])
def test_placed_agent(code, text, word, country):
    rec = code(text.replace("|", ""), published=D)
    assert _agent(rec, text, word) == {country}, [(a.name, a.country) for a in rec.actors]


@pytest.mark.parametrize("text", UNPLACED, ids=[t[:40] for t in UNPLACED])
def test_unplaced_agent(code, text):
    rec = code(text.replace("|", ""), published=D)
    word = text[text.index("|") + 1:].split()[0]
    if word.lower() == "the":
        word = text[text.index("|") + 1:].split()[1]
    assert not (_agent(rec, text, word) - {None}), [(a.name, a.country) for a in rec.actors]
