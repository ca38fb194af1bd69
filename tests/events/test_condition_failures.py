"""``events.match.failed_condition``: the first condition of a pattern that fails at a head, by its stable
name, on sentences parsed by the real pipeline (``scripts/condition_failures.py`` counts them)."""

from __future__ import annotations

import pytest

from communique.events.match import CONDITIONS, conditions_hold, failed_condition
from communique.events.patterns import parse_pattern


def _p(text: str):
    return parse_pattern(text, type_="SANCTION", cameo="163", mode="sanctions", context=())


def _head(nlp, text: str, lemma: str):
    return next(t for t in nlp(text) if t.lemma_.lower() == lemma)


@pytest.mark.parametrize("sentence,lemma,pattern,want", [
    ("Chile cut off the supply of copper.", "cut", "cut +off =revenue|exports >of", "object"),
    ("Peru cut the exports of Bolivia.", "cut", "cut +off =revenue|exports >of", "particle"),
    ("Norway agreed with Sweden on fishing.", "agree", "agree ~meet >with", "complement"),
    ("Ghana sent aid to Togo.", "send", "send =aid @to:refugees >to", "prep"),
    ("Nepal held drills near the border.", "hold", "hold =drills ^joint ?", "modifier"),
    ("Laos held talks with Vietnam on Friday.", "hold", "hold =talks >with", None),
    ("Cuba allowed the dissident to leave the island.", "allow", "allow ~leave >obj", None),
])
def test_failed_condition_names_the_first_condition_that_fails(nlp, sentence, lemma, pattern, want):
    tok = _head(nlp, sentence, lemma)
    pat = _p(pattern)
    got = failed_condition(tok, pat)
    assert got == want
    assert (conditions_hold(tok, pat) is None) == (want is not None)
    assert want is None or want in CONDITIONS
