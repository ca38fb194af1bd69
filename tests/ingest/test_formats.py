"""Each input format, read from files and from memory."""

from __future__ import annotations

import gzip
import json

import pytest

from communique.config import load_settings
from communique.errors import InputError
from communique.ingest import read_bytes, read_paths, read_text
from communique.ingest.decode import sniff
from communique.records import Article, DocError

from .ingest_makers import BODY_SENTENCES, FRENCH, atom, html_page, json_feed, jsonl_line, rss, text_article, warc


def _arts(items) -> list[Article]:
    items = list(items)
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items if isinstance(i, DocError)]
    return items


def test_html_metadata_and_body():
    (art,) = _arts(read_bytes(html_page(0, date="2024-03-05").encode(), name="p.html"))
    assert art.title == "Chile and Peru resume trade talks, round 1"
    assert art.text.startswith(art.title + "\n\n")
    assert art.published == "2024-03-05" and art.date_basis == "metadata"
    assert art.outlet == "Andes Monitor"
    assert art.byline == "Lucia Rojas"
    for s in BODY_SENTENCES:
        assert s in art.text
    assert "Copyright" not in art.text and "Home" not in art.text
    assert art.zones[0].kind == "title"


def test_rss_items_with_dates_and_links():
    arts = _arts(read_bytes(rss().encode(), name="f.xml", published="2020-01-01"))
    assert [a.document for a in arts] == ["f.xml::1", "f.xml::2"]
    assert [a.published for a in arts] == ["2024-03-05", "2024-03-06"]
    assert all(a.date_basis == "metadata" for a in arts)
    assert arts[0].url == "https://example.org/0" and arts[0].outlet == "Andes Monitor"
    assert arts[0].title == "Chile and Peru resume trade talks"
    assert BODY_SENTENCES[1] in arts[0].text


def test_rss_full_content_wins_over_summary():
    feed = (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>x</title><item><title>Talks</title><link>https://example.org/t</link>"
        f"<description>Short summary.</description><content:encoded><![CDATA[<p>{BODY_SENTENCES[0]}</p>"
        f"<p>{BODY_SENTENCES[1]}</p>]]></content:encoded></item></channel></rss>"
    )
    (art,) = _arts(read_bytes(feed.encode(), name="c.rss"))
    assert BODY_SENTENCES[0] + "\n\n" + BODY_SENTENCES[1] in art.text
    assert "Short summary" not in art.text
    assert art.date_basis == "none" and art.published is None


def test_atom_and_json_feed():
    arts = _arts(read_bytes(atom().encode(), name="a.atom"))
    assert [a.published for a in arts] == ["2024-03-01", "2024-03-02"]
    assert arts[1].url == "https://example.org/a1"
    jf = _arts(read_bytes(json_feed().encode(), name="feed.json"))
    assert [a.input_id for a in jf] == ["1", "2"]
    assert jf[1].text.endswith(BODY_SENTENCES[3]) and BODY_SENTENCES[2] + "\n\n" in jf[1].text
    assert jf[0].published == "2024-03-05" and jf[0].outlet == "Andes JSON"


def test_jsonl_fields():
    lines = [
        jsonl_line(1, title="First", published="2024-01-02", url="https://example.org/1", outlet="Wire"),
        jsonl_line(2),
    ]
    arts = _arts(read_bytes("\n".join(lines).encode(), name="in.jsonl", published="2024-05-05"))
    assert [a.input_id for a in arts] == ["doc-1", "doc-2"]
    assert [a.document for a in arts] == ["in.jsonl#1", "in.jsonl#2"]
    assert arts[0].title == "First" and arts[0].url == "https://example.org/1" and arts[0].outlet == "Wire"
    assert (arts[0].published, arts[0].date_basis) == ("2024-01-02", "metadata")
    assert (arts[1].published, arts[1].date_basis) == ("2024-05-05", "given")
    # the text is kept as given (the title is not prepended), so the id is the text's
    assert arts[0].text.startswith(BODY_SENTENCES[0])


def test_json_object_and_list():
    one = _arts(read_bytes(json.dumps({"text": text_article(1), "id": "x"}).encode(), name="one.json"))
    assert one[0].input_id == "x"
    many = _arts(read_bytes(json.dumps([{"text": text_article(2)}, {"text": text_article(3)}]).encode(), name="m.json"))
    assert [a.document for a in many] == ["m.json::1", "m.json::2"]


def test_warc_pages_with_target_uri_and_date():
    data = warc([("https://example.org/w1", html_page(1)), ("https://example.org/w2", html_page(2))], extra_records=True)
    items = list(read_bytes(data, name="crawl.warc.gz"))
    arts = [i for i in items if isinstance(i, Article)]
    skipped = [i for i in items if isinstance(i, DocError)]
    assert [a.url for a in arts] == ["https://example.org/w1", "https://example.org/w2"]
    assert all(a.published == "2024-03-05" for a in arts)
    assert skipped and all(getattr(s, "skipped", False) for s in skipped)


def test_warc_record_date_when_the_page_has_none():
    page = "<html><head><title>Talks</title></head><body><article>" + "".join(
        f"<p>{s}</p>" for s in BODY_SENTENCES) + "</article></body></html>"
    (art,) = [i for i in read_bytes(warc([("https://example.org/n", page)], gz=False), name="x.warc")
              if isinstance(i, Article)]
    assert art.published is not None and art.date_basis == "metadata"
    assert any("WARC record date" in w for w in art.warnings)


def test_gzip_is_detected_by_content_not_name(tmp_path):
    p = tmp_path / "plain-name.txt"
    p.write_bytes(gzip.compress(html_page(3).encode()))
    (art,) = _arts(read_paths([p]))
    assert art.title == "Chile and Peru resume trade talks, round 4"


def test_folders_and_globs_recurse_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "deep").mkdir()
    (tmp_path / "a.txt").write_text(text_article(1))
    (tmp_path / "b" / "c.txt").write_text(text_article(2))
    (tmp_path / "b" / "deep" / "d.txt").write_text(text_article(3))
    (tmp_path / ".hidden.txt").write_text(text_article(4))
    (tmp_path / "b" / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"\x00" * 10)
    arts = [i for i in read_paths([tmp_path]) if isinstance(i, Article)]
    assert [a.title[-1] for a in arts] == ["2", "3", "4"]
    globbed = [i for i in read_paths([str(tmp_path / "**" / "*.txt")]) if isinstance(i, Article)]
    assert [a.title[-1] for a in globbed] == ["2", "3", "4"]
    explicit = list(read_paths([tmp_path / "b" / "photo.jpg"]))
    assert isinstance(explicit[0], DocError) and explicit[0].code == "binary"


def test_published_given_metadata_and_none():
    (a,) = _arts(read_text(text_article(1), name="x"))
    assert (a.published, a.date_basis) == (None, "none")
    (b,) = _arts(read_text(text_article(1), name="x", published="2024-02-01"))
    assert (b.published, b.date_basis) == ("2024-02-01", "given")
    with pytest.raises(InputError):
        list(read_text(text_article(1), name="x", published="next week"))
    with pytest.raises(InputError):
        list(read_paths(["x"], fmt="pdf"))


def test_language_is_checked_and_configurable():
    (err,) = read_text(f"Titre\n\n{FRENCH}", name="fr.txt")
    assert isinstance(err, DocError) and err.code == "unsupported_language" and err.message == "unsupported language: fr"
    (err,) = read_text(f"Titre\n\n{FRENCH}", name="fr.txt", settings=load_settings(languages=["EN"]))
    assert isinstance(err, DocError) and err.code == "unsupported_language"
    (en,) = _arts(read_text(text_article(1), name="en.txt"))
    assert en.language == "en" and not en.warnings


@pytest.mark.parametrize("langs", [["en", "fr"], ["de"], []])
def test_languages_without_a_model_are_refused_by_the_configuration(langs, monkeypatch):
    from communique.errors import ConfigError

    with pytest.raises(ConfigError, match="languages"):
        load_settings(languages=langs)
    monkeypatch.setenv("COMMUNIQUE_LANGUAGES", "en,de")
    with pytest.raises(ConfigError, match="no model for de"):
        load_settings()


def test_same_text_same_id_whatever_the_file(tmp_path):
    (tmp_path / "one.txt").write_text(text_article(1))
    (tmp_path / "two.txt").write_bytes(text_article(1).replace("\n", "\r\n").encode("utf-16"))
    a, b = _arts(read_paths([tmp_path / "one.txt", tmp_path / "two.txt"]))
    assert a.id == b.id and a.id.startswith("sha256:")


@pytest.mark.parametrize(
    ("text", "name", "fmt"),
    [("<rss version='2.0'>", "x", "feed"), ("<?xml version='1.0'?>\n<feed xmlns='x'>", "x", "feed"),
     ("<!DOCTYPE html><html>", "x", "html"), ("<div>hi</div>", "x", "html"), ('{"text": "a"}\n{"text": "b"}', "x", "jsonl"),
     ('{"items": []}', "x.json", "json"), ("WARC/1.0\r\n", "x", "warc"), ("Plain words", "x.txt", "text")],
)
def test_sniffing(text, name, fmt):
    assert sniff(text, name=name) == fmt


def test_forced_input_format():
    items = list(read_text("<p>" + " ".join(BODY_SENTENCES) + "</p>", name="x", fmt="text"))
    assert isinstance(items[0], Article) and items[0].text.startswith("<p>")


def test_charset_declared_by_the_page_is_used():
    page = html_page(5).replace("<head>", '<head><meta charset="windows-1252">').replace(
        "Chile&#x27;s foreign minister", "Chile\u2019s foreign minister")
    (art,) = _arts(read_bytes(page.encode("cp1252"), name="w.html"))
    assert "Chile\u2019s foreign minister" in art.text
    assert any("declared" in w for w in art.warnings)


@pytest.mark.parametrize(("alias", "code"), [("RSS", "empty_feed"), ("atom", "empty_feed"), (".xml", "empty_feed")])
def test_input_format_aliases(alias, code):
    (err,) = read_text("<rss version='2.0'><channel><title>x</title></channel></rss>", name="x", fmt=alias)
    assert isinstance(err, DocError) and err.code == code


def test_page_headline_repeated_in_the_body_is_not_doubled():
    page = html_page(6).replace("<title>Chile and Peru resume trade talks, round 7</title>",
                                "<title>Chile and Peru resume trade talks, round 7 | Andes Monitor</title>")
    (art,) = _arts(read_bytes(page.encode(), name="d.html"))
    assert art.text.count("resume trade talks") == 1
    assert art.title == "Chile and Peru resume trade talks, round 7"


@pytest.mark.parametrize("gz", [True, False])
def test_an_archive_larger_than_max_bytes_is_read_record_by_record(tmp_path, gz):
    pages = [(f"https://example.org/big{i}", html_page(i)) for i in range(12)]
    data = warc(pages, gz=gz)
    path = tmp_path / ("big.warc.gz" if gz else "big.warc")
    path.write_bytes(data)
    settings = load_settings(max_bytes=len(data) // 3)
    arts = _arts(read_paths([path], settings=settings))
    assert [a.url for a in arts] == [u for u, _ in pages]
    cut = tmp_path / "cut.warc"
    cut.write_bytes(warc(pages, gz=False)[: int(len(warc(pages, gz=False)) * 0.6)])
    items = list(read_paths([cut], settings=load_settings(max_bytes=len(data) // 4)))
    assert isinstance(items[-1], DocError) and items[-1].code == "truncated_warc"
    assert 3 <= sum(isinstance(i, Article) for i in items) < 12
