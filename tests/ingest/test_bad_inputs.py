"""Bad input never crashes a run and never loses the good documents of the batch.

A corpus of bad files (each with the error code it must give) and good files (each must be read) is
generated in tmp_path; the whole folder is read in one batch.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from communique.config import load_settings
from communique.ingest import read_paths
from communique.records import Article, DocError

from .ingest_makers import FRENCH, GERMAN, atom, html_page, json_feed, jsonl_line, rss, text_article, warc

MAX_BYTES = 60_000


def _bad_files() -> dict[str, tuple[bytes, str]]:
    """name -> (content, expected error code of the document)."""
    page = html_page(0)
    good_warc = warc([("https://example.org/a", html_page(1)), ("https://example.org/b", html_page(2))], gz=True)
    plain_warc = warc([("https://example.org/c", html_page(3)), ("https://example.org/d", html_page(4))], gz=False)
    big_text = ("The talks went on. " * 4000).encode()
    return {
        "empty.txt": (b"", "empty"),
        "spaces.txt": (b"   \t  \n   \n\t", "empty"),
        "newlines.txt": (b"\n\n\n\r\n\r\n", "empty"),
        "nul-bytes.txt": (bytes(range(256)) * 8, "binary"),
        "image.txt": (b"\x89PNG\r\n\x1a\n" + os.urandom(300), "binary"),
        "document.pdf.txt": (b"%PDF-1.7\n" + os.urandom(300), "binary"),
        "archive.dat": (b"PK\x03\x04" + os.urandom(300), "broken_zip"),
        "controls.txt": (bytes([1, 2, 3, 4, 5, 6, 14, 15, 16, 17, 18]) * 60, "binary"),
        "bad-after-bom.txt": (b"\xef\xbb\xbfThe talks \xff\xfe went on", "undecodable"),
        "too-large.txt": (big_text, "too_large"),
        "bomb.txt.gz": (gzip.compress(b"A" * (MAX_BYTES * 4)), "too_large"),
        "truncated.txt.gz": (gzip.compress(text_article(7).encode() * 20)[:-40], "truncated_gzip"),
        "corrupt.gz": (b"\x1f\x8b\x08\x00" + os.urandom(200), "truncated_gzip"),
        "gzipped-empty.gz": (gzip.compress(b"   \n"), "empty"),
        "truncated.warc.gz": (good_warc[: int(len(good_warc) * 0.75)], "truncated_warc"),
        "truncated.warc": (plain_warc[: int(len(plain_warc) * 0.7)], "truncated_warc"),
        "garbage.warc": (b"WARC/1.0\r\nthis is not a record\r\n", "broken_warc"),
        "images-only.warc": (_images_only_warc(), "no_pages"),
        "no-text.html": (b"<html><body><div><p></p></div></body></html>", "no_text"),
        "head-only.html": (b"<!DOCTYPE html><html><head><title>x</title></head></html>", "no_text"),
        "script-only.html": (b"<html><body><script>var a = 1; var b = 2;</script></body></html>", "no_text"),
        "broken.xml": (b"<rss version='2.0'><channel><title>x</title><item><title>Talks", "broken_feed"),
        "tag-soup.rss": (b"<rss><<<>>>< channel", "broken_feed"),
        "no-items.rss": (b"<?xml version='1.0'?><rss version='2.0'><channel><title>Empty</title></channel></rss>", "empty_feed"),
        "no-entries.atom": (b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Empty</title><id>urn:e</id></feed>", "empty_feed"),
        "no-items.json": (json_feed([]).encode(), "empty_feed"),
        "items-not-list.json": (json.dumps({"version": "https://jsonfeed.org/version/1", "items": {"a": 1}}).encode(), "broken_feed"),
        "broken.json": (b'{"text": "unfinished', "bad_json"),
        "number.json": (b"42", "bad_record"),
        "blank-lines.jsonl": (b"\n\n   \n", "empty"),
        "french.txt": (f"Réunion à Paris\n\n{FRENCH}\n".encode(), "unsupported_language"),
        "german.html": (f"<html lang='de'><head><title>Treffen</title></head><body><article><p>{GERMAN}</p><p>{GERMAN}</p></article></body></html>".encode(), "unsupported_language"),
        "french-latin1.txt": (f"Réunion à Paris\n\n{FRENCH}\n".encode("latin-1"), "unsupported_language"),
        # keep the good html referenced so the page builder is exercised with a real page too
        "page-is-fine.html": (page.encode(), ""),
    }


def _images_only_warc() -> bytes:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=False)
    img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record("https://example.org/x.png", "response",
                                        payload=io.BytesIO(b"\x89PNG" + b"\x00" * 32), http_headers=img))
    return buf.getvalue()


def _good_files() -> dict[str, tuple[bytes, int]]:
    """name -> (content, number of articles it must give)."""
    latin = text_article(20).replace("Chile", "Chilé").encode("latin-1")
    cp1252 = text_article(21).replace("said", "said \u201cyes\u201d \u2014").encode("cp1252")
    return {
        "good-1.txt": (text_article(1).encode(), 1),
        "good-2.txt": (text_article(2).encode(), 1),
        "good-utf16-bom.txt": (text_article(3).encode("utf-16"), 1),
        "good-utf16le-nobom.txt": (text_article(4).encode("utf-16-le"), 1),
        "good-latin1.txt": (latin, 1),
        "good-cp1252.txt": (cp1252, 1),
        "good-gzipped-text.bin": (gzip.compress(text_article(5).encode()), 1),
        "good.html": (html_page(6).encode(), 1),
        "good.html.gz": (gzip.compress(html_page(7).encode()), 1),
        "good.rss": (rss().encode(), 2),
        "good.atom": (atom().encode(), 2),
        "good-feed.json": (json_feed().encode(), 2),
        "good.warc.gz": (warc([("https://example.org/g1", html_page(8)), ("https://example.org/g2", html_page(9))],
                              extra_records=True), 2),
        "good.jsonl": ("\n".join(jsonl_line(i) for i in range(3)).encode(), 3),
    }


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Article | DocError]]:
    root = tmp_path_factory.mktemp("bad-corpus")
    (root / "sub").mkdir()
    for name, (data, _code) in _bad_files().items():
        (root / name).write_bytes(data)
    for name, (data, _n) in _good_files().items():
        (root / "sub" / name).write_bytes(data)
    # a JSONL file with bad lines between good ones
    (root / "sub" / "mixed.jsonl").write_text(
        "\n".join([
            jsonl_line(10),
            "this is not json",
            jsonl_line(11, title="Second good line", published="2024-02-29"),
            json.dumps({"id": "no-text", "title": "no text here"}),
            "[1, 2, 3]",
            json.dumps({"id": "bad-type", "text": 5}),
            "",
            jsonl_line(12, published="not a date"),
        ])
    )
    (root / "sub" / "LICENSE").write_text("Permission is hereby granted to anyone.")
    settings = load_settings(max_bytes=MAX_BYTES)
    items = list(read_paths([root, root / "nothing-*.txt", root / "missing.txt"], settings=settings,
                            published="2024-03-05"))
    return root, items


def _by_doc(items: list[Article | DocError]) -> dict[str, list[Article | DocError]]:
    out: dict[str, list[Article | DocError]] = {}
    for it in items:
        doc = it.document or ""
        base = doc.split("::")[0].split("#")[0]
        out.setdefault(Path(base).name, []).append(it)
    return out


def test_the_generated_corpus_is_big_enough():
    assert sum(1 for _, code in _bad_files().values() if code) >= 30


@pytest.mark.parametrize("name", [n for n, (_, code) in _bad_files().items() if code])
def test_each_bad_file_gives_its_error(batch, name):
    _root, items = batch
    expected = _bad_files()[name][1]
    got = _by_doc(items).get(name)
    assert got, f"{name} gave nothing"
    errors = [g for g in got if isinstance(g, DocError) and not getattr(g, "skipped", False)]
    assert errors, f"{name} gave no error: {got}"
    assert errors[-1].code == expected, f"{name}: {[str(e) for e in errors]}"
    assert name in errors[-1].document
    assert errors[-1].message


def test_every_good_file_of_the_batch_is_read(batch):
    _root, items = batch
    docs = _by_doc(items)
    for name, (_data, n) in _good_files().items():
        arts = [a for a in docs.get(name, []) if isinstance(a, Article)]
        assert len(arts) == n, f"{name}: {docs.get(name)}"
        for a in arts:
            assert "Chil" in a.text or "Peru" in a.text or "Entry" in a.text
    assert [a for a in docs["page-is-fine.html"] if isinstance(a, Article)]


def test_truncated_archives_keep_their_readable_records(batch):
    _root, items = batch
    docs = _by_doc(items)
    for name in ("truncated.warc.gz", "truncated.warc"):
        arts = [a for a in docs[name] if isinstance(a, Article)]
        assert len(arts) == 1, name
        assert arts[0].url and arts[0].url.startswith("https://example.org/")
        assert isinstance(docs[name][-1], DocError)


def test_jsonl_bad_lines_are_errors_in_place(batch):
    _root, items = batch
    mixed = [it for it in items if (it.document or "").split("#")[0].endswith("mixed.jsonl")]
    kinds = [(it.document.rsplit("#", 1)[1], it.code if isinstance(it, DocError) else "ok") for it in mixed]
    assert kinds == [("1", "ok"), ("2", "bad_json"), ("3", "ok"), ("4", "missing_text"), ("5", "bad_record"),
                     ("6", "bad_record"), ("8", "ok")]
    assert mixed[3].input_id == "no-text"
    second = mixed[2]
    assert second.title == "Second good line" and second.published == "2024-02-29" and second.date_basis == "metadata"
    last = mixed[-1]
    assert last.published == "2024-03-05" and last.date_basis == "given"
    assert any("published" in w for w in last.warnings)


def test_encoding_guesses_are_reported(batch):
    _root, items = batch
    docs = _by_doc(items)
    for name in ("good-latin1.txt", "good-cp1252.txt", "good-utf16le-nobom.txt"):
        art = next(a for a in docs[name] if isinstance(a, Article))
        assert any(w.startswith("decoded as") for w in art.warnings), name
    latin = next(a for a in docs["good-latin1.txt"] if isinstance(a, Article))
    assert "Chilé" in latin.text
    cp = next(a for a in docs["good-cp1252.txt"] if isinstance(a, Article))
    assert "\u201cyes\u201d \u2014" in cp.text
    bom = next(a for a in docs["good-utf16-bom.txt"] if isinstance(a, Article))
    assert not bom.warnings and bom.text.startswith("Chile and Peru")


def test_missing_paths_and_skipped_files(batch):
    _root, items = batch
    missing = [it for it in items if isinstance(it, DocError) and it.code == "not_found"]
    assert {Path(m.document).name for m in missing} == {"nothing-*.txt", "missing.txt"}
    skipped = [it for it in items if isinstance(it, DocError) and getattr(it, "skipped", False)]
    names = {Path(s.document.split("::")[0]).name for s in skipped}
    assert "LICENSE" in names
    assert all(s.code in {"skipped_file", "not_html"} for s in skipped)


def test_non_english_message_names_the_language(batch):
    _root, items = batch
    fr = next(it for it in items if isinstance(it, DocError) and it.document.endswith("french.txt"))
    assert fr.message == "unsupported language: fr"
    de = next(it for it in items if isinstance(it, DocError) and it.document.endswith("german.html"))
    assert de.message == "unsupported language: de"


def test_input_order_is_kept(batch):
    _root, items = batch
    docs = [Path((it.document or "").split("::")[0].split("#")[0]).name for it in items]
    firsts: list[str] = []
    for d in docs:
        if d not in firsts:
            firsts.append(d)
    top = [d for d in firsts if d in _bad_files()]
    assert top == sorted(top)
    assert firsts[-2:] == ["nothing-*.txt", "missing.txt"]
