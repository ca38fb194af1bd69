"""Issue 19: text that comes from documents (names, messages) reaches the terminal with its control
characters escaped and its rich markup shown as written."""

from __future__ import annotations

import os
import subprocess
import sys

from communique.cli.escape import term_safe
from communique.records import DocError
from communique.store import Store


def test_term_safe_escapes_controls_and_keeps_lines():
    assert term_safe("a\x1b]0;title\x07b") == "a\\x1b]0;title\\x07b"
    assert term_safe("x\x9b31m\u202ey") == "x\\x9b31m\\u202ey"
    assert term_safe("one\ttwo\nthree") == "one\ttwo\nthree"


def test_the_errors_table_prints_no_escape_nor_markup(tmp_path):
    db = tmp_path / "s.duckdb"
    with Store(db) as store:
        store.write_batch([], [DocError(document="evil\x1b]0;owned\x07[blink]x[/blink].txt", code="empty",
                                        message="empty \x1b[2J document")])
    r = subprocess.run([sys.executable, "-m", "communique", "errors", "--db", str(db)], capture_output=True,
                       text=True, timeout=120, env={**os.environ, "COLUMNS": "200"})
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;owned" in out and "[blink]x[/blink]" in out
