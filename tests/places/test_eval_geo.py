"""``communique eval geo``: reading the Gritta formats and scoring, on small files written here."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.evaluate.geo import evaluate, haversine_km, read_gold

TEXT = "Floods struck Nairobi on Monday. Officials in Kenya said rain would reach Uganda."


def _span(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def lgl_file(tmp_path, *, shift: int = 0):
    rows = []
    for word, gid, lat, lon, country in [
        ("Nairobi", 184745, -1.28333, 36.81667, "Kenya"),
        ("Kenya", 192950, 1.0, 38.0, "Kenya"),
        ("Uganda", 226074, 1.25, 32.5, "Uganda"),
    ]:
        s, e = _span(TEXT, word)
        rows.append(f"""<toponym><phrase>{word}</phrase><start>{s + shift}</start><end>{e + shift}</end>
        <gaztag geonameid="{gid}"><name>{word}</name><lat>{lat}</lat><lon>{lon}</lon>
        <country geonameid="1">{country}</country></gaztag></toponym>""")
    xml = f"""<?xml version="1.0" encoding="utf-8"?><articles><article docid="1"><text><![CDATA[{TEXT}]]></text>
    <toponyms>{''.join(rows)}</toponyms></article></articles>"""
    p = tmp_path / "lgl.xml"
    p.write_text(xml, encoding="utf-8")
    return p


def geovirus_file(tmp_path):
    s, e = _span(TEXT, "Uganda")
    xml = f"""<articles><article><source>x</source><text>{TEXT}</text><locations><location><name>Uganda</name>
    <start>{s}</start><end>{e}</end><lat>1.25</lat><lon>32.5</lon><page>p</page></location></locations>
    </article></articles>"""
    p = tmp_path / "gv.xml"
    p.write_text(xml, encoding="utf-8")
    return p


def test_read_lgl_format(tmp_path):
    docs = read_gold(lgl_file(tmp_path))
    assert len(docs) == 1 and [t.text for t in docs[0].toponyms] == ["Nairobi", "Kenya", "Uganda"]
    assert docs[0].toponyms[0].geonameid == 184745 and docs[0].toponyms[0].country == "KEN"


def test_offsets_realigned_to_the_phrase(tmp_path):
    docs = read_gold(lgl_file(tmp_path, shift=2))
    assert [t.text for t in docs[0].toponyms] == ["Nairobi", "Kenya", "Uganda"]


def test_read_geovirus_format(tmp_path):
    docs = read_gold(geovirus_file(tmp_path))
    t = docs[0].toponyms[0]
    assert (t.text, t.lat, t.geonameid) == ("Uganda", 1.25, None)


def test_evaluate_scores_a_simple_article(tmp_path, nlp):
    fig = evaluate(read_gold(lgl_file(tmp_path)))
    assert fig["gold_toponyms"] == 3
    assert fig["span_recall_exact"] == 1.0
    assert fig["end_to_end"]["country"] == 1.0
    assert fig["end_to_end"]["geonameid_exact"] >= 2 / 3
    assert fig["gold_spans"]["within_161km"] >= 2 / 3


def test_of_all_gold_counts_a_name_not_found_as_wrong(tmp_path, nlp):
    # a fourth gold toponym on a word no geoparser takes for a place ("Officials")
    xml = lgl_file(tmp_path).read_text(encoding="utf-8")
    s, e = _span(TEXT, "Officials")
    extra = f"""<toponym><phrase>Officials</phrase><start>{s}</start><end>{e}</end>
        <gaztag geonameid="999"><name>Officials</name><lat>0.5</lat><lon>37.0</lon>
        <country geonameid="1">Kenya</country></gaztag></toponym>"""
    p = tmp_path / "four.xml"
    p.write_text(xml.replace("</toponyms>", extra + "</toponyms>"), encoding="utf-8")
    fig = evaluate(read_gold(p))
    c = fig["counts"]
    assert c["e2e_gid_n"] == 3 and c["res_gid_n"] == 4
    assert fig["of_all_gold"]["geonameid_exact"] == round(c["e2e_gid"] / 4, 4)
    assert fig["of_all_gold"]["geonameid_exact"] < fig["end_to_end"]["geonameid_exact"]


def test_geovirus_country_from_the_nearest_place(tmp_path, nlp):
    fig = evaluate(read_gold(geovirus_file(tmp_path)))
    assert fig["counts"]["res_country_n"] == 1 and fig["gold_spans"]["country"] == 1.0


def test_cli_json(tmp_path, nlp):
    res = CliRunner().invoke(app, ["eval", "geo", str(lgl_file(tmp_path)), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.output)["gold_toponyms"] == 3


def test_misses_list_wrong_resolutions_by_category(tmp_path, nlp):
    text = "Storms hit Paris overnight. Crews in Qwzxvbnk cleared roads."
    rows = []
    for word, lat, lon, country in [("Paris", 33.66094, -95.55551, "United States"),
                                    ("Qwzxvbnk", 10.0, 10.0, "Nigeria")]:
        s, e = _span(text, word)
        rows.append(f"""<toponym><phrase>{word}</phrase><start>{s}</start><end>{e}</end>
        <gaztag geonameid="1"><name>{word}</name><lat>{lat}</lat><lon>{lon}</lon>
        <country geonameid="1">{country}</country></gaztag></toponym>""")
    xml = f"""<articles><article docid="1"><text><![CDATA[{text}]]></text>
    <toponyms>{''.join(rows)}</toponyms></article></articles>"""
    p = tmp_path / "misses.xml"
    p.write_text(xml, encoding="utf-8")
    misses: list[dict] = []
    evaluate(read_gold(p), misses=misses)
    by_text = {m["text"]: m for m in misses}
    # Paris alone is the French capital; the gold one is in Texas, another candidate of the name
    assert by_text["Paris"]["category"] == "homonym" and by_text["Paris"]["km"] > 1000
    assert "USA" in by_text["Paris"]["right"]
    assert by_text["Qwzxvbnk"]["category"] == "unknown" and by_text["Qwzxvbnk"]["chosen"] is None
    res = CliRunner().invoke(app, ["eval", "geo", str(p), "--misses"])
    assert res.exit_code == 0, res.output
    assert "[homonym]" in res.output and "[unknown]" in res.output


def test_haversine():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.19, abs=0.1)
    assert haversine_km(51.5, -0.13, 48.86, 2.35) == pytest.approx(343, abs=5)


@pytest.mark.corpus
def test_tr_news_sample(corpus, nlp):
    docs = read_gold(corpus / "geo" / "TR-News.xml")[:15]
    fig = evaluate(docs)
    assert fig["span_recall_exact"] > 0.5
    assert fig["end_to_end"]["country"] > 0.85


def test_span_errors_and_halves(tmp_path, nlp):
    # gold marks Nairobi and a made-up name; the system also finds Kenya and Uganda, which gold leaves out
    text = TEXT + " Qwzxvbnk stayed dry."
    rows = []
    for word in ("Nairobi", "Qwzxvbnk"):
        s, e = _span(text, word)
        rows.append(f"""<toponym><phrase>{word}</phrase><start>{s}</start><end>{e}</end>
        <gaztag geonameid="1"><name>{word}</name><lat>1.0</lat><lon>36.0</lon>
        <country geonameid="1">Kenya</country></gaztag></toponym>""")
    art = f"""<article docid="1"><text><![CDATA[{text}]]></text><toponyms>{''.join(rows)}</toponyms></article>"""
    p = tmp_path / "spans.xml"
    p.write_text(f"<articles>{art}{art}</articles>", encoding="utf-8")
    spans: list[dict] = []
    evaluate(read_gold(p)[:1], spans=spans)
    kinds = {(m["kind"], m["text"]) for m in spans}
    assert ("missed", "Qwzxvbnk") in kinds and ("spurious", "Kenya") in kinds
    assert ("missed", "Nairobi") not in kinds
    assert all("[" in m["context"] for m in spans)
    res = CliRunner().invoke(app, ["eval", "geo", str(p), "--half", "second", "--spans", "--without", "match"])
    assert res.exit_code == 0, res.output
    assert "1 articles" in res.output and "[missed] doc 1 'Qwzxvbnk'" in res.output
    res = CliRunner().invoke(app, ["eval", "geo", str(p), "--without", "nothing"])
    assert res.exit_code != 0
