"""How an event's date was obtained (``basis``), across tenses and publication dates, and the TimeML
scorer (``communique eval timeml``) on files written for these tests."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from communique.coder import make_doc
from communique.evaluate.timeml import Timex, evaluate_folder, read_timeml, score
from communique.records import Article
from communique.times import date_for


@pytest.fixture(scope="module")
def parse(nlp):
    def _parse(text: str, published: str | None = "2024-03-06"):
        return nlp(make_doc(nlp, Article(text=text, published=published)))

    return _parse


def head(doc, word: str, nth: int = 0):
    return [t for t in doc if t.text == word][nth]


@pytest.mark.parametrize(("text", "published", "word", "expected"), [
    # stated: a time expression of the event's own clause
    ("Police arrested three men on Saturday.", "2024-03-06", "arrested", ("2024-03-02", "stated")),
    ("Police will question the men on Saturday.", "2024-03-06", "question", ("2024-03-09", "stated")),
    ("Police arrested three men on Saturday.", "2019-01-01", "arrested", ("2018-12-29", "stated")),
    ("The minister is due to visit Oslo next week.", "2024-03-06", "visit", ("2024-03-11", "stated")),
    ("The minister flew to Ankara and met his counterpart on Thursday.", "2024-03-06", "flew",
     ("2024-02-29", "stated")),
    # inherited: from the text around the clause
    ("The activist was arrested when she landed in Cairo on Sunday.", "2024-03-06", "arrested",
     ("2024-03-03", "inherited")),
    ("Last week's earthquake destroyed hundreds of homes.", "2024-03-06", "destroyed", ("2024-02-26", "inherited")),
    ("The embargo was imposed in 2019. Exporters say the embargo ruined them.", "2024-03-06", "embargo#1",
     ("2019", "inherited")),
    # publication: no time in reach, whatever the tense
    ("The two governments are discussing a new trade deal.", "2024-03-06", "discussing", ("2024-03", "publication")),
    ("The army shelled the town.", "2023-08-14", "shelled", ("2023-08", "publication")),
    ("The army will withdraw from the town.", "2023-08-14", "withdraw", ("2023-08", "publication")),
])
def test_basis_of_event_dates(parse, text, published, word, expected):
    word, _, nth = word.partition("#")
    doc = parse(text, published)
    d = date_for(doc, head(doc, word, int(nth or 0)))
    assert d is not None and (d.start, d.basis) == expected


def test_no_publication_date_no_assumed_date(parse):
    doc = parse("The army shelled the town. The army had invaded in 2014.", None)
    assert date_for(doc, head(doc, "shelled")) is None
    d = date_for(doc, head(doc, "invaded"))
    assert (d.start, d.basis) == ("2014", "stated")


def test_the_record_carries_the_basis(code):
    rec = code("Kenya's president met Uganda's president in Nairobi on Monday.", published="2024-03-06")
    assert rec.events and all(e.date is not None and e.date.basis == "stated" for e in rec.events)
    rec = code("Kenya's president criticised Uganda's president.", published="2024-03-06")
    assert rec.events and all(e.date is not None and e.date.basis == "publication" for e in rec.events)


def test_code_reports_documents_without_a_publication_date(tmp_path):
    from communique.cli import app
    from communique.cli.code import closing_line

    assert "without a publication date" not in closing_line({"read": 2, "skipped": 0, "failed": 0})
    line = closing_line({"read": 2, "skipped": 0, "failed": 0, "undated": 1, "undated_events": 3})
    assert line.startswith("2 read, 0 skipped, 0 failed; 1 without a publication date (their 3 events")
    (tmp_path / "a.txt").write_text(
        "Talks on the border\n\nThe president of Kenya met the president of Uganda in Nairobi, where the two "
        "leaders discussed trade and security along their shared border, officials said.\n", encoding="utf-8")
    res = CliRunner().invoke(app, ["code", str(tmp_path / "a.txt"), "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert "1 without a publication date" in res.output


# ---------------------------------------------------------------- the scorer

_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-03-06" functionInDocument="CREATION_TIME">2024-03-06</TIMEX3></DCT>
<TEXT>
The envoy arrived on <TIMEX3 tid="t1" type="DATE" value="2024-03-04">Monday</TIMEX3> after <TIMEX3 tid="t2" \
type="DURATION" value="P3D">three days</TIMEX3> of talks &amp; will return <TIMEX3 tid="t3" type="DATE" \
value="FUTURE_REF">soon</TIMEX3>. Ferries sail <TIMEX3 tid="t4" type="SET" value="XXXX-WXX-1">every Monday</TIMEX3>.
</TEXT>
</TimeML>
"""


def test_read_timeml_offsets(tmp_path):
    (tmp_path / "a.tml").write_text(_TML, encoding="utf-8")
    doc = read_timeml(tmp_path / "a.tml")
    assert str(doc.dct) == "2024-03-06"
    assert [(t.text, t.type, t.value) for t in doc.gold] == [
        ("Monday", "DATE", "2024-03-04"), ("three days", "DURATION", "P3D"), ("soon", "DATE", "FUTURE_REF"),
        ("every Monday", "SET", "XXXX-WXX-1")]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.gold)
    assert "talks & will" in doc.text


def test_score_figures():
    gold = [Timex(0, 6, "Monday", "DATE", "2024-03-04"), Timex(10, 20, "three days", "DURATION", "P3D"),
            Timex(30, 34, "soon", "DATE", "FUTURE_REF")]
    system = [Timex(0, 6, "Monday", "DATE", "2024-03-04"),  # strict, right value
              Timex(7, 20, "on three days", "DURATION", "P2D"),  # relaxed only, wrong value
              Timex(40, 44, "then", "DATE", "PAST_REF")]  # extra
    misses: list[dict] = []
    fig = score([("d", gold, system)], misses=misses)
    assert fig["strict"]["precision"] == pytest.approx(1 / 3) and fig["strict"]["recall"] == pytest.approx(1 / 3)
    assert fig["relaxed"]["f1"] == pytest.approx(2 / 3)
    assert fig["value_accuracy"] == pytest.approx(0.5)
    assert fig["value_f1"] == pytest.approx(2 / 3 * 0.5)
    assert fig["by_type"]["DURATION"]["recall"] == 1.0 and fig["by_type"]["DURATION"]["value_accuracy"] == 0.0
    assert sorted(m["kind"] for m in misses) == ["extra", "missed", "value"]


def test_evaluate_folder_codes_with_the_dct(tmp_path, nlp):
    sub = tmp_path / "news"
    sub.mkdir()
    (sub / "a.tml").write_text(_TML, encoding="utf-8")
    fig = evaluate_folder(tmp_path, nlp=nlp)
    assert fig["documents"] == 1 and fig["gold"] == 4
    assert fig["by_type"]["DATE"]["recall"] > 0 and fig["by_type"]["SET"]["value_accuracy"] == 1.0
    assert fig["by_type"]["DURATION"]["value_accuracy"] == 1.0


def test_eval_timeml_command(tmp_path):
    from communique.cli import app

    (tmp_path / "a.tml").write_text(_TML, encoding="utf-8")
    res = CliRunner().invoke(app, ["eval", "timeml", str(tmp_path), "--misses", str(tmp_path / "m.jsonl")])
    assert res.exit_code == 0, res.output
    assert "relaxed span" in res.output and "value F1" in res.output and "DURATION" in res.output
    assert (tmp_path / "m.jsonl").exists()


@pytest.mark.corpus
def test_tbaq_sample_keeps_its_level(corpus, nlp):
    """A few TimeBank files from the shared corpus (skipped when absent): the figures stay high."""
    folder = corpus / "times" / "tbaq" / "TimeBank"
    if not folder.is_dir():
        pytest.skip("tbaq absent")
    fig = evaluate_folder(folder, limit=12, nlp=nlp)
    assert fig["relaxed"]["f1"] > 0.8 and fig["value_f1"] > 0.65


def test_week_values_are_compared_as_iso_weeks():
    from communique.evaluate.timeml import same_value

    assert same_value("2000-W7", "2000-W07") and same_value("2000-W07-WE", "2000-W7-WE")
    assert same_value("1998-02-06", "1998-02-06")
    assert not same_value("2000-W7", "2000-W17") and not same_value("2000-W07", "2000-W08")


def test_half_splits_each_subfolder_by_name(tmp_path):
    from pathlib import Path

    from communique.evaluate.timeml import split_half

    files = [tmp_path / g / f"{n}.tml" for g in ("A", "B") for n in ("d1", "d2", "d3", "d4", "d5")]
    first = split_half(files, tmp_path, "first")
    second = split_half(files, tmp_path, "second")
    assert [Path(f).relative_to(tmp_path).as_posix() for f in first] == ["A/d1.tml", "A/d2.tml", "B/d1.tml", "B/d2.tml"]
    assert len(second) == 6 and not set(first) & set(second)
