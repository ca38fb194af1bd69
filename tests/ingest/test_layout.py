"""The plain-text layout: title, standfirst, kicker, caption + credit, subhead, byline, dateline, agency."""

from __future__ import annotations

import pytest

from communique.ingest import read_text
from communique.ingest.layout import analyse, canonical_agency, parse_text_date
from communique.records import Article, normalise_text

from .ingest_makers import ARTICLE, CREDIT


def _one(text: str, **kw) -> Article:
    items = list(read_text(text, name="t.txt", **kw))
    assert len(items) == 1 and isinstance(items[0], Article), items
    return items[0]


def _zones(art: Article) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for z in art.zones:
        out.setdefault(z.kind, []).append(art.text[z.start:z.end])
    return out


def test_full_layout_of_a_written_article():
    art = _one(ARTICLE, published="2024-03-06")
    z = _zones(art)
    assert art.title == "Norway and Iceland sign fisheries accord after long talks"
    assert z["title"] == [art.title]
    assert art.standfirst and art.standfirst.startswith("The two governments say")
    assert z["kicker"] == ["Fisheries"]
    assert z["caption"] == ["A trawler unloads its catch at a harbour in northern Norway"]
    assert art.credits == [CREDIT]
    assert z["credit"] == [f"[{CREDIT}]"]
    assert z["subhead"] == ["Quotas and science"]
    assert art.source_agency == "The Associated Press"
    assert z["agency"] == ["Source: The Associated Press"]
    assert art.published == "2024-03-06" and art.date_basis == "given"
    # body paragraphs are in no zone
    body_start = art.text.index("Norway and Iceland signed")
    assert not any(zz.start <= body_start < zz.end for zz in art.zones)


def test_offsets_point_into_the_normalised_text():
    raw = ARTICLE.replace("\n", "\r\n") + "\r\n\r\n\r\n"
    art = _one(raw)
    assert art.text == normalise_text(raw)
    for zone in art.zones:
        assert 0 <= zone.start < zone.end <= len(art.text)
        assert art.text[zone.start:zone.end].strip() == art.text[zone.start:zone.end]


def test_byline_dateline_and_agency_in_dateline():
    text = (
        "Ministers meet in Nairobi over regional trade\n\n"
        "By Jane Roe and John Doe\n\n"
        "NAIROBI, Kenya (AP) — The trade ministers of Kenya and Tanzania met on Monday to cut tariffs on maize.\n\n"
        "Kenya's trade minister said the talks were useful.\n"
    )
    art = _one(text)
    z = _zones(art)
    assert art.byline == "Jane Roe and John Doe"
    assert z["byline"] == ["By Jane Roe and John Doe"]
    assert z["dateline"][0] == "NAIROBI, Kenya"
    assert art.source_agency == "The Associated Press"
    assert any(s.startswith("(AP)") for s in z["agency"])
    assert "The trade ministers" not in "".join(z["agency"] + z["dateline"])


@pytest.mark.parametrize(
    ("line", "agency"),
    [("— AP", "The Associated Press"), ("- Reuters", "Reuters"), ("Sources: Xinhua", "Xinhua"),
     ("Source: Baltic Wire Service", "Baltic Wire Service")],
)
def test_sign_off_and_source_lines(line, agency):
    text = f"Talks resume in Riga\n\nLatvia and Estonia held talks in Riga on Friday, officials said.\n\n{line}\n"
    art = _one(text)
    assert art.source_agency == agency
    assert line in _zones(art)["agency"][0] or _zones(art)["agency"][0] in line


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Protesters gather outside parliament in Tbilisi (AP Photo/Shakh Aivazov)", "AP Photo/Shakh Aivazov"),
        ("Soldiers patrol the border near Rafah. Photograph: Jane Roe/Reuters", "Jane Roe/Reuters"),
        ("The two presidents shake hands in Hanoi [Anna Lee/Pool via AFP]", "Anna Lee/Pool via AFP"),
    ],
)
def test_credit_shapes(caption, credit):
    text = f"Leaders meet\n\n{caption}\n\nThe two leaders met on Friday and agreed to expand trade, officials said.\n"
    art = _one(text)
    assert art.credits == [credit]
    assert credit in "".join(_zones(art)["credit"])
    assert "caption" in _zones(art)


def test_bracketed_speech_is_not_a_credit():
    text = "Talks in Oslo\n\nThe minister said the deal [with Sweden] would be signed soon.\n\nMore talks follow.\n"
    art = _one(text)
    assert art.credits == []
    assert "credit" not in _zones(art)


def test_short_body_sentence_is_not_a_subhead():
    text = ("Talks in Oslo\n\nNorway and Sweden met in Oslo on Monday to discuss fishing rights.\n\n"
            "It rained.\n\nBoth sides said they would meet again next month.\n")
    assert "subhead" not in _zones(_one(text))


def test_first_paragraph_without_layout_cue_is_body_not_standfirst():
    text = ("Lebanon and Cyprus agree maritime rescue plan\n\n"
            "Lebanon and Cyprus agreed on Tuesday to coordinate rescues at sea, the two governments said.\n\n"
            "The plan covers the waters between the two countries.\n")
    art = _one(text)
    assert art.standfirst is None
    assert art.title == "Lebanon and Cyprus agree maritime rescue plan"


def test_publication_date_line_is_metadata():
    text = ("Fiji and Tonga sign a maritime boundary treaty\n\nPublished: 3 March 2024\n\n"
            "Fiji and Tonga signed a treaty on their maritime boundary in Suva on Friday, officials said.\n")
    art = _one(text, published="2024-05-01")
    assert art.published == "2024-03-03" and art.date_basis == "metadata"
    assert _zones(art)["dateline"] == ["Published: 3 March 2024"]


@pytest.mark.parametrize(
    ("s", "iso"),
    [("3 March 2024", "2024-03-03"), ("March 3, 2024", "2024-03-03"), ("2024-03-03T10:00Z", "2024-03-03"),
     ("Sun 3rd Mar 2024 10:05 GMT", "2024-03-03"), ("31 February 2024", None), ("yesterday", None)],
)
def test_written_dates(s, iso):
    assert parse_text_date(s) == iso


def test_agency_aliases_are_data():
    assert canonical_agency("AFP") == "Agence France-Presse"
    assert canonical_agency("Some Local Wire") == "Some Local Wire"


def test_user_data_folder_adds_an_agency(tmp_path):
    folder = tmp_path / "ingest"
    folder.mkdir()
    (folder / "layout.yaml").write_text("agencies:\n  Adriatic News Agency: [ANA-X]\n", encoding="utf-8")
    assert canonical_agency("ANA-X", extra=(str(tmp_path),)) == "Adriatic News Agency"
    text = "Talks in Split\n\nSPLIT, Croatia (ANA-X) - Croatia and Slovenia met on Monday, officials said.\n"
    lay = analyse(normalise_text(text), extra=(str(tmp_path),))
    assert lay.source_agency == "Adriatic News Agency"


def test_sentences_respect_line_breaks_and_credits_are_masked(nlp):
    from communique.coder import make_doc, masked_text

    art = _one(ARTICLE)
    masked = masked_text(art)
    assert CREDIT not in masked and "Source: The Associated Press" not in masked
    assert len(masked) == len(art.text)
    doc = nlp(make_doc(nlp, art))
    sents = [s.text for s in doc.sents]
    assert not any(CREDIT.split("/")[0] in s for s in sents)
    title_sents = [s for s in sents if "fisheries accord" in s]
    assert title_sents and all("two governments" not in s for s in title_sents)


def test_a_source_sentence_in_the_middle_is_body():
    paras = [f"Paragraph {i} says that the two delegations met again in Geneva, officials said." for i in range(8)]
    paras.insert(4, "Sources: the talks will resume on Monday, two diplomats said.")
    art = _one("Talks in Geneva\n\n" + "\n\n".join(paras) + "\n")
    assert art.source_agency is None
    assert "agency" not in _zones(art)
