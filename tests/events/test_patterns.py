"""The pattern language, the data files and the CAMEO table."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

import pytest

from communique.events.patterns import (
    PLOVER_TYPES,
    PatternError,
    cameo_table,
    goldstein,
    lexicon,
    load_patterns,
    parse_pattern,
)


def _p(text: str, **kw):
    return parse_pattern(text, type_="CONSULT", cameo="040", mode="meet", context=(), **kw)


def test_parse_light_verb_pattern():
    p = _p("hold =talks|meeting >with")
    assert p.lemmas == {"hold"} and p.objects == {"talks", "meeting"}
    assert p.targets == ("with",) and not p.noun and not p.target_optional
    assert p.rule == "consult.040.hold.talks"


def test_parse_noun_pattern_with_modifier_and_flags():
    p = _p("n:statement|declaration ^joint >with|to ? self travel")
    assert p.noun and p.lemmas == {"statement", "declaration"} and p.modifiers == {"joint"}
    assert p.targets == ("with", "to") and p.target_optional and p.allow_self and p.travel
    assert p.rule == "consult.040.n_statement.joint"


def test_parse_prepositions_particles_and_dependents():
    p = _p("pull +out >out_of|from @at:summit|conference -deadline &xcomp !ccomp <poss|by")
    assert p.particle == {"out"} and p.targets == ("out of", "from")
    assert p.preps == ((frozenset({"at"}), frozenset({"summit", "conference"})),)
    assert p.excluded == {"deadline"} and p.requires_dep == {"xcomp"} and p.forbids_dep == {"ccomp"}
    assert p.sources == ("poss", "by")


@pytest.mark.parametrize("bad", ["", "visit %obj", "visit >obj ??"])
def test_malformed_patterns_are_refused(bad):
    with pytest.raises(PatternError):
        _p(bad)


def test_unknown_type_is_refused():
    with pytest.raises(PatternError):
        parse_pattern("visit >obj", type_="HUG", cameo=None, mode=None, context=())


def test_bundled_patterns_cover_every_type_with_real_vocabulary():
    pats = load_patterns().all()
    per_type = Counter(p.type for p in pats)
    assert set(per_type) == set(PLOVER_TYPES)
    assert len(pats) >= 500
    assert min(per_type.values()) >= 12, per_type
    assert len({p.rule for p in pats}) == len(pats)
    nouns = [p for p in pats if p.noun]
    assert len(nouns) >= 100


def test_every_pattern_cameo_code_is_in_the_table_with_the_same_plover_type():
    table = cameo_table()
    for p in load_patterns().all():
        assert p.cameo in table, p.rule
        mapped = table[p.cameo].plover
        assert mapped is None or mapped == p.type, (p.rule, mapped)


def test_goldstein_scores_and_parent_fallback():
    assert goldstein("042") == pytest.approx(1.9)
    assert goldstein("190") == pytest.approx(-10.0)
    assert goldstein("0871") == pytest.approx(9.0)
    assert goldstein("0429") == pytest.approx(1.9)  # unknown child: the parent's score
    assert goldstein(None) is None
    scores = [e.goldstein for e in cameo_table().values() if e.goldstein is not None]
    assert all(-10 <= g <= 10 for g in scores) and len(scores) >= 150


def test_status_lexicon_is_read_from_data():
    lex = lexicon()
    assert "will" in lex.planned_aux and "would" in lex.hypothetical_aux
    assert lex.governors["attempt"] == "attempted" and lex.governors["refuse"] == "negated"
    assert lex.noun_governors["effort"] == "attempted"
    assert "hold" in lex.light_verbs and "THREATEN" in lex.embedding_types


def test_user_data_folder_adds_patterns(tmp_path):
    """A domain expert adds a pattern in a folder of their own; a fresh process codes with it."""
    folder = tmp_path / "events" / "patterns"
    folder.mkdir(parents=True)
    (folder / "extra.yaml").write_text(
        "type: SUPPORT\ngroups:\n  - cameo: '051'\n    mode: praise\n    patterns:\n"
        "      - {id: support.user.extol, pattern: 'extol >obj'}\n", encoding="utf-8")
    code = (
        "import json, sys\n"
        "from communique.events.patterns import load_patterns\n"
        "p = load_patterns()\n"
        "print(json.dumps({'has': 'extol' in p.verbs, 'rule': p.verbs['extol'][0].rule}))\n"
    )
    env = {"COMMUNIQUE_DATA_DIRS": str(tmp_path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    got = json.loads(out.stdout)
    assert got == {"has": True, "rule": "support.user.extol"}
