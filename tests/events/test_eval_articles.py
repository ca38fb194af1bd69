"""``communique eval articles DIR``: hand-coded articles scored per article and micro-averaged."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.evaluate.articles import ArticleGoldError, evaluate_articles, same_place, score_article

# written for this test: two short articles and their gold files
ARTICLES = {
    "a1": ("Kenya condemned the attack on Monday. Kenyan troops shelled militant camps near Kismayo.",
           [{"id": "e1", "hint": "Kenya condemned the attack", "type": ["ACCUSE"], "source": ["KEN"],
             "target": [None]},
            {"id": "e2", "hint": "shelled militant camps near Kismayo", "type": ["ASSAULT"], "source": ["KEN"],
             "target": ["SOM", None]},
            {"id": "e3", "hint": "no such sentence anywhere", "type": ["AID"], "source": ["KEN"],
             "target": ["SOM"], "required": False}]),
    "a2": ("Chile signed a trade agreement with Peru.",
           [{"id": "e1", "hint": "signed a trade agreement with Peru", "type": ["AGREE"], "source": ["CHL"],
             "target": ["PER"], "symmetric": True},
            {"id": "e2", "hint": "Peru will visit Brazil", "type": ["CONSULT"], "source": ["PER"],
             "target": ["BRA"]}]),
}


def _folder(root):
    for aid, (text, events) in ARTICLES.items():
        d = root / aid
        d.mkdir(parents=True)
        (d / "article.txt").write_text(text, encoding="utf-8")
        gold = {"published": "2024-03-05", "title": None, "source_agency": None, "events": events, "quotes": [],
                "actors": [{"name": "Kenya", "type": "country", "country": "KEN"}],
                "dates": [{"text": "Monday", "value": "2024-03-04"}] if aid == "a1" else []}
        (d / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return root


def test_same_place_needs_the_hint_inside_or_most_words():
    assert same_place("condemned the attack", "Kenya condemned the attack on Monday.")
    assert same_place("Kenya condemned attack Monday", "Kenya condemned the attack on Monday.")
    assert not same_place("Peru will visit Brazil", "Chile signed a trade agreement with Peru.")


def test_score_article_counts_required_matches_and_false_events():
    gold = {"events": ARTICLES["a2"][1], "quotes": [], "actors": [], "dates": []}
    rec = {"events": [
        {"type": "AGREE", "source": {"country": "PER"}, "target": {"country": "CHL"},  # symmetric
         "evidence": {"text": "Chile signed a trade agreement with Peru."}},
        {"type": "ASSAULT", "source": {"country": "CHL"}, "target": None,
         "evidence": {"text": "Chile signed a trade agreement with Peru."}},
    ]}
    s = score_article("a2", gold, rec)
    assert (s.matched, s.gold_required, s.false) == (1, 2, 1)
    assert s.precision == 0.5 and s.recall == 0.5
    assert len(s.missed) == 1 and "visit Brazil" in s.missed[0]


def test_evaluate_folder_codes_and_scores(tmp_path):
    rep = evaluate_articles(_folder(tmp_path / "gold"))
    by_id = {a.id: a for a in rep.articles}
    assert set(by_id) == {"a1", "a2"}
    assert by_id["a1"].matched == 2, by_id["a1"].missed + by_id["a1"].false_events  # unstated target, place
    assert by_id["a2"].matched == 1 and by_id["a2"].gold_required == 2
    assert rep.gold_required == 4 and rep.matched == 3
    assert by_id["a1"].times == (1, 1) and by_id["a1"].actors[0] == 1
    assert rep.recall == pytest.approx(0.75)


def test_cli_prints_lines_and_misses(tmp_path):
    folder = _folder(tmp_path / "gold")
    res = CliRunner().invoke(app, ["eval", "articles", str(folder), "--misses", "--except", "a1"])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    assert lines[0].startswith("a2: events") and "missed e2 CONSULT" in res.output
    assert lines[-1].startswith("events micro P=") and "over 1 articles" in lines[-1]
    res = CliRunner().invoke(app, ["eval", "articles", str(folder), "--json", "--only", "a2"])
    assert json.loads(res.output)["events"]["gold_required"] == 2


def test_empty_folder_is_a_named_error(tmp_path):
    with pytest.raises(ArticleGoldError) as exc:
        evaluate_articles(tmp_path)
    assert exc.value.code == "article_gold_error"
