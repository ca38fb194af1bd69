"""Issue 19: the hostile corpus, generated here. Every path given or found is read or named with a reason;
junk is ``not_text``; a document nested 200,000 deep, lone surrogates, ``javascript:`` urls and terminal
escapes are handled without a traceback and without reaching the terminal."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from communique.ingest import iter_files, read_bytes, read_paths
from communique.records import Article, DocError

from .ingest_makers import jsonl_line, rss, text_article

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs and symbolic links")


def _cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    environ = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "communique", *args], capture_output=True, text=True,
                          timeout=600, cwd=cwd, env=environ)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder with one good article, a FIFO, a symbolic link loop, a dangling link, a link to a folder
    already read (a cycle) and a link to a good file."""
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    (root / "good.txt").write_text(text_article(1))
    (root / "sub" / "other.txt").write_text(text_article(2))
    os.mkfifo(root / "pipe.txt")
    os.symlink("loop-b.txt", root / "loop-a.txt")
    os.symlink("loop-a.txt", root / "loop-b.txt")
    os.symlink("nowhere.txt", root / "dangling.txt")
    os.symlink("..", root / "sub" / "up")  # a folder link back to the root
    os.symlink("good.txt", root / "alias.txt")
    return root


def _codes(items) -> dict[str, str]:
    return {Path(i.document).name: i.code for i in items if isinstance(i, DocError)}


def test_a_folder_walk_names_every_path_it_does_not_read(folder):
    items = list(iter_files([folder]))
    codes = _codes(items)
    assert codes["pipe.txt"] == "not_regular_file"
    assert codes["loop-a.txt"] == "symlink_loop" and codes["loop-b.txt"] == "symlink_loop"
    assert codes["dangling.txt"] == "dangling_link"
    assert codes["up"] == "symlink_loop"
    files = sorted(Path(i).name for i in items if not isinstance(i, DocError))
    assert files == ["alias.txt", "good.txt", "other.txt"]


def test_a_path_named_directly_gets_its_reason_not_not_found(folder):
    for name, code in (("pipe.txt", "not_regular_file"), ("loop-a.txt", "symlink_loop"),
                       ("dangling.txt", "dangling_link")):
        (item,) = list(read_paths([folder / name]))  # returns at once: the FIFO is never opened
        assert isinstance(item, DocError) and item.code == code, item
    (item,) = list(read_paths([folder / "no-such-file.txt"]))
    assert item.code == "not_found"


@pytest.mark.slow
def test_code_and_ingest_name_them_on_stderr_and_in_the_errors_table(folder, tmp_path):
    r = _cli("code", str(folder), "--format", "jsonl", "--engine", "sync")
    for name, code in (("pipe.txt", "not_regular_file"), ("loop-a.txt", "symlink_loop"),
                       ("dangling.txt", "dangling_link")):
        assert f"{name}: {code}" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    db = tmp_path / "s.duckdb"
    r = _cli("ingest", str(folder), "--db", str(db), "--engine", "sync", "--progress", "off")
    assert "dangling_link" in r.stderr, r.stderr
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        rows = dict(con.execute("SELECT document, code FROM errors").fetchall())
    named = {Path(d).name: c for d, c in rows.items()}
    assert named["pipe.txt"] == "not_regular_file"
    assert named["dangling.txt"] == "dangling_link"
    assert named["loop-a.txt"] == "symlink_loop"


# --------------------------------------------------------------------------- hostile contents


def _junk(seed: int, n: int = 4000) -> bytes:
    """Random bytes without NUL or C0 controls: decodable, but no text."""
    r = random.Random(seed)
    return bytes(r.randrange(0x20, 0x100) for _ in range(n))


def _mixed_scripts(seed: int) -> bytes:
    r = random.Random(seed)
    pools = ["abcdefghijklmnop", "абвгдежзийклмноп", "αβγδεζηθικλμνξοπ", "가나다라마바사아자차카타파하",
             "的一是不了人我在有他这为之大来"]
    return " ".join("".join(r.choice(r.choice(pools)) for _ in range(r.randint(2, 8))) for _ in range(400)).encode()


def _case_soup(seed: int) -> bytes:
    r = random.Random(seed)
    alphabet = [chr(c) for c in range(0x41, 0x7B) if chr(c).isalpha()] + [chr(c) for c in range(0xC0, 0x100)]
    return " ".join("".join(r.choice(alphabet) for _ in range(r.randint(2, 9))) for _ in range(300)).encode("cp1252", "replace")


@pytest.mark.parametrize("data", [_junk(1), _junk(2), _junk(3, 20_000), _mixed_scripts(4), _case_soup(5)],
                         ids=["junk-1", "junk-2", "junk-long", "mixed-scripts", "case-soup"])
def test_junk_is_not_text_not_a_language_guess(data):
    (item,) = list(read_bytes(data, name="junk.txt"))
    assert isinstance(item, DocError)
    assert item.code in {"not_text", "binary", "undecodable"}, (item.code, item.message)


def test_prose_in_other_scripts_is_still_a_language():
    (item,) = list(read_bytes(("Встреча в Москве\n\n" + "Министры иностранных дел двух стран встретились в "
                                "понедельник и обсудили торговое соглашение. " * 6).encode(), name="ru.txt"))
    assert isinstance(item, DocError) and item.code == "unsupported_language"
    (art,) = list(read_bytes(text_article(3).encode(), name="en.txt"))
    assert isinstance(art, Article)


def test_lone_surrogates_are_replaced_not_decoded_as_cp1252():
    text = text_article(4).replace("Lima", "Lima \ud800")
    (art,) = list(read_bytes(text.encode("utf-8", "surrogatepass"), name="s.txt"))
    assert isinstance(art, Article)
    assert "\ufffd" in art.text and "Ã" not in art.text and "í" not in art.text
    assert any("surrogate" in w for w in art.warnings)


def test_a_json_document_nested_200000_deep_is_bad_json_without_a_traceback(tmp_path):
    (tmp_path / "deep.json").write_bytes(b"[" * 200_000 + b"]" * 200_000)
    (tmp_path / "deep.jsonl").write_bytes(jsonl_line(1).encode() + b"\n" + b"[" * 200_000 + b"]" * 200_000 + b"\n")
    items = list(read_paths([tmp_path]))
    codes = {(Path(i.document).name, i.code) for i in items if isinstance(i, DocError)}
    assert ("deep.json", "bad_json") in codes
    assert ("deep.jsonl#2", "bad_json") in codes
    assert sum(isinstance(i, Article) for i in items) == 1
    r = _cli("code", str(tmp_path / "deep.json"))
    assert "deep.json: bad_json" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,<b>x</b>",
                                 "vbscript:x", "/relative/path", "http://", "http://a b.example/"])
def test_a_url_that_is_not_http_is_dropped(url):
    (art,) = list(read_bytes(json.dumps({"text": text_article(5), "url": url}).encode(), name="a.json"))
    assert isinstance(art, Article)
    assert art.url is None
    assert any(w.startswith("url: dropped") for w in art.warnings)


def test_an_http_url_is_kept():
    (art,) = list(read_bytes(json.dumps({"text": text_article(5), "url": "https://news.example/a?b=1"}).encode(),
                             name="a.json"))
    assert art.url == "https://news.example/a?b=1"


@pytest.mark.slow
def test_explain_and_code_print_no_terminal_escape(tmp_path):
    evil = text_article(6).replace("Lima", "Lima\x1b]0;owned\x07\x1b[2J\x9b31m\u202e")
    path = tmp_path / "evil\x1b[31m.txt"
    path.write_text(evil)
    (tmp_path / "bad\x1b]0;x\x07.txt").write_bytes(b"")
    for args in (("explain", str(tmp_path)), ("code", str(tmp_path), "--format", "table")):
        r = _cli(*args)
        out = r.stdout + r.stderr
        assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out, args
        assert "\\x1b" in out  # shown, escaped


def test_a_large_feed_is_split_into_chunks(tmp_path):
    """A feed of many items is read by the writer and split like JSON Lines, not sent whole to one worker."""
    from communique.batch.runner import plan_chunks
    from communique.config import load_settings

    items = [(f"Talks round {i}", f"The ministers of Chile and Peru met for round {i} of talks in Lima.",
              "Tue, 05 Mar 2024 08:00:00 GMT") for i in range(120)]
    feed = tmp_path / "big.rss"
    feed.write_text(rss(items))
    assert feed.stat().st_size < 2_000_000  # a "small" file by size
    stats: dict[str, int] = {}
    chunks = list(plan_chunks([str(feed)], done=set(), published=None, settings=load_settings(), chunk_size=32,
                              stats=stats))
    assert len(chunks) == 4
    assert sum(len(c.items) for c in chunks) == 120 and not any(c.files for c in chunks)


def test_a_publication_date_at_the_calendar_s_end_is_refused(tmp_path):
    """From 0001-01-01, "a week ago" overflows: the date is refused up front instead of the article's
    times being dropped in silence."""
    from communique.errors import InputError

    with pytest.raises(InputError, match="between 1000-01-01 and 9000-12-31"):
        list(read_paths([tmp_path], published="0001-01-01"))
    (tmp_path / "a.txt").write_text(text_article(7) + "\nThe talks began a week ago.\n")
    r = _cli("code", str(tmp_path / "a.txt"), "--published", "0001-01-01")
    assert r.returncode != 0 and "1000-01-01" in r.stderr and "Traceback" not in r.stderr
