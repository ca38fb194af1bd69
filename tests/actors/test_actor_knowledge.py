"""The knowledge base: user folders extend it without code, dates pick office holders, and the seed
article scores every gold actor."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json

import pytest

from communique.actors.kb import build_kb, get_kb
from communique.config import get_settings


@pytest.fixture
def user_data(tmp_path, monkeypatch):
    """A user knowledge folder in COMMUNIQUE_DATA_DIRS (caches cleared before and after)."""
    folder = tmp_path / "knowledge"
    (folder / "actors").mkdir(parents=True)
    monkeypatch.setenv("COMMUNIQUE_DATA_DIRS", str(folder))
    get_settings.cache_clear()
    get_kb.cache_clear()
    yield folder / "actors"
    monkeypatch.delenv("COMMUNIQUE_DATA_DIRS")
    get_settings.cache_clear()
    get_kb.cache_clear()


def test_user_organisation_changes_the_output(code, user_data):
    text = "The Varnholt Institute warned that the drought would worsen."
    before = code(text)
    assert not any(a.country == "ISL" for a in before.actors)
    (user_data / "organisations.yaml").write_text(
        "- {id: varnholt, name: Varnholt Institute, names: [Varnholt Institute, Varnholt], type: organization,\n"
        "   country: ISL, sector: [NGO]}\n", encoding="utf-8")
    get_kb.cache_clear()
    after = code(text)
    org = next(a for a in after.actors if a.name == "Varnholt Institute")
    assert org.country == "ISL" and org.sector == ["NGO"] and org.code == "ISLNGO"


def test_user_office_holder_changes_the_output(code, user_data):
    text = "The Icelandic foreign minister arrived in Oslo."
    before = code(text, published="2024-03-05")
    assert not any(a.name == "Hilda Svartholm" for a in before.actors)
    (user_data / "offices.yaml").write_text(
        "- country: ISL\n  office: foreign_minister\n  role: foreign minister\n  holders:\n"
        "    - {name: Hilda Svartholm, aliases: [Svartholm], from: 2023-01-01}\n", encoding="utf-8")
    get_kb.cache_clear()
    after = code(text, published="2024-03-05")
    p = next(a for a in after.actors if a.name == "Hilda Svartholm")
    assert p.type == "person" and p.country == "ISL" and p.role == "foreign minister"
    again = code("Svartholm said the talks were useful.", published="2024-03-05")
    assert [a.name for a in again.actors] == ["Hilda Svartholm"]


def test_user_country_form_and_role_word(code, user_data):
    (user_data / "countries.tsv").write_text("ISL\tIceland\tIsland of Fire\tIcelandic\tIcelander|Icelanders\tReykjavik\n",
                                             encoding="utf-8")
    (user_data / "roles.yaml").write_text("titles:\n  harbourmaster: {sector: [GOV, ECO]}\n", encoding="utf-8")
    get_kb.cache_clear()
    rec = code("The Island of Fire welcomed Icelandic Harbourmaster Jon Eiriksson.")
    country = next(a for a in rec.actors if a.country == "ISL" and a.type == "country")
    assert country.name == "Island of Fire"  # named as the article names it
    person = next(a for a in rec.actors if a.name == "Jon Eiriksson")
    assert person.role == "harbourmaster" and person.sector == ["GOV", "ECO"] and person.country == "ISL"


def test_holder_by_date():
    kb = build_kb(())
    assert kb.holder("GBR", "prime_minister", dt.date(2020, 1, 1)).name == "Boris Johnson"
    assert kb.holder("GBR", "prime_minister", dt.date(2023, 1, 1)).name == "Rishi Sunak"
    assert kb.holder("CHN", "defence_minister", dt.date(2023, 8, 14)).name == "Li Shangfu"
    assert kb.holder("CHN", "defence_minister", dt.date(2023, 11, 1)) is None  # vacant
    assert kb.holder("USA", "president", None).start is not None


def test_every_un_member_has_a_country_entry():
    kb = build_kb(())
    countries = [e for e in kb.entities.values() if e.type == "country"]
    assert len(countries) >= 193
    for iso in ("CHN", "RUS", "BLR", "UKR", "USA", "GBR", "FRA", "TUV", "STP", "SSD"):
        assert f"country:{iso}" in kb.entities
    assert kb.forms["Belarussian"] == ("country:BLR", "adjective")
    assert kb.forms["U.S."][0] == "country:USA"


def test_g20_and_security_council_offices_are_covered():
    kb = build_kb(())
    g20_unsc = ["ARG", "AUS", "BRA", "CAN", "CHN", "FRA", "DEU", "IND", "IDN", "ITA", "JPN", "KOR", "MEX", "RUS",
                "SAU", "ZAF", "TUR", "GBR", "USA"]
    on = dt.date(2024, 3, 5)
    for iso in g20_unsc:
        assert kb.holder(iso, "foreign_minister", on) is not None, iso
        assert kb.holder(iso, "defence_minister", on) is not None, iso
        heads = [kb.holder(iso, o, on) for o in ("president", "prime_minister", "chancellor", "monarch")]
        assert any(heads), iso


@pytest.mark.corpus
def test_seed_article_actors(code, seed):
    spec = importlib.util.spec_from_file_location("score", seed.parents[1] / "eval" / "score.py")
    if spec is None or not (seed.parents[1] / "eval" / "score.py").is_file():
        pytest.skip("scorer absent")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))
    from communique.ingest import read_paths

    art = next(read_paths([str(seed / "article.txt")], published=gold["published"]))
    from communique.coder import code_article
    from communique.nlp import get_nlp

    rec = code_article(art, nlp=get_nlp())
    report = score.score(gold, rec.to_dict())
    n = len(gold["actors"])
    assert report["details"]["actors"]["found"] == f"{n}/{n}", report["missed"]
    assert report["details"]["actors"]["attributes_right"] == f"{n}/{n}", report["missed"]
    assert report["details"]["actors"]["credits_taken_as_actors"] == []


@pytest.mark.corpus
def test_guardian_articles_code_cleanly(nlp, corpus):
    """Real articles: every mention points into the text, ids follow first mentions, spans agree."""
    import csv
    import io
    import zipfile

    from communique.coder import make_doc
    from communique.records import Article

    zips = sorted((corpus / "news" / "guardian").glob("*.zip"))
    if not zips:
        pytest.skip("Guardian sample absent")
    rows = []
    csv.field_size_limit(10_000_000)
    with zipfile.ZipFile(zips[0]) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".csv") and not n.startswith("__MACOSX"))
        with zf.open(name) as fh:
            for row in csv.DictReader(io.TextIOWrapper(fh, encoding="utf-8")):
                if (row.get("text") or "").strip():
                    rows.append(row)
                if len(rows) >= 12:
                    break
    total = 0
    for row in rows:
        art = Article(text=row["text"], published=(row.get("date") or "")[:10] or None)
        doc = nlp(make_doc(nlp, art))
        actors = doc._.actors
        total += len(actors)
        assert [a.id for a in actors] == [f"a{i + 1}" for i in range(len(actors))]
        firsts = [min(m.start for m in a.mentions) for a in actors]
        assert firsts == sorted(firsts)
        for a in actors:
            assert a.name and a.name == a.name.strip()
            assert not a.name.startswith(("person:", "org:", "role:", "body:", "group:"))
            for m in a.mentions:
                assert doc.text[m.start:m.end] == m.text
        for span in doc.spans["actors"]:
            assert span._.actor_id or span._.actor_ids
    assert total > 50
