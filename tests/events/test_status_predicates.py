"""Precision classes read on unseen news (issue 14): negating governor nouns and co-mediators.

Sentences written for these tests; each asserts what the lexicon rows cannot (negation, absent dyads).
"""

from __future__ import annotations

import pytest

from .cases import country, describe


@pytest.mark.parametrize("text, type_, source", [
    ("The Iraqi army's inability to fight Isis in Mosul alarmed Washington.", "ASSAULT", "IRQ"),
    ("Chad's failure to attack the rebels in Tibesti angered France.", "ASSAULT", "TCD"),
    ("Egypt's reluctance to visit Israel angered Washington.", "CONSULT", "EGY"),
    ("Germany's unwillingness to sanction Russia frustrated Poland.", "SANCTION", "DEU"),
])
def test_a_negating_noun_negates_its_infinitive(code, text, type_, source):
    rec = code(text)
    hits = [e for e in rec.events if e.type == type_ and country(e.source) == source]
    assert hits and all(e.negated for e in hits), describe(rec)


@pytest.mark.parametrize("text, mediators", [
    ("The truce was brokered by Egypt, Qatar and the United States.", {"EGY", "QAT", "USA"}),
    ("Norway and Cuba mediated between Colombia and the FARC rebels.", {"NOR", "CUB"}),
    ("Turkey and the UN brokered a deal between Russia and Ukraine.", {"TUR", "IGO"}),
])
def test_mediators_named_together_do_not_mediate_with_each_other(code, text, mediators):
    rec = code(text)
    med = [e for e in rec.events if e.cameo == "045"]
    assert med, describe(rec)
    assert not any(country(e.source) in mediators and country(e.target) in mediators for e in med), describe(rec)
