"""Knowledge files in a user folder extend the bundled time words (COMMUNIQUE_DATA_DIRS)."""

from __future__ import annotations

import datetime as dt

from communique.times.resolve import lexicon, parse_words


def test_user_lexicon_adds_month_names(tmp_path):
    folder = tmp_path / "times"
    folder.mkdir()
    (folder / "lexicon.yaml").write_text("months:\n  janvier: 1\n  fevrier: 2\n", encoding="utf-8")
    lex = lexicon((str(tmp_path),))
    assert lex.months["janvier"] == 1 and lex.months["march"] == 3  # bundled entries kept
    res = parse_words(["janvier", "2020"], anchor=None, lex=lex)
    assert res is not None and res.value == "2020-01"
    res = parse_words(["en", "fevrier"], anchor=dt.date(2024, 3, 5), direction=-1, lex=lex)
    assert res is not None and res.value == "2024-02"
    plain = parse_words(["janvier", "2020"], anchor=None)  # the bundled lexicon alone does not know it
    assert plain is not None and plain.value == "2020"
