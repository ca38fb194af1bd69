from __future__ import annotations

import gzip
import io
import zipfile

from communique.ingest import read_bytes, read_paths
from communique.records import Article, DocError

ROWS = [
    ("1", "2021-06-02", "Norway and Iceland agreed on Tuesday to extend their fisheries accord for five years, "
                        "officials in Oslo said."),
    ("2", "2021-06-03", "Chile recalled its ambassador from Peru after a dispute over a maritime survey, the "
                        "foreign ministry in Santiago said on Wednesday."),
]


def _csv(rows=ROWS, header='"","date","text","source"') -> str:
    out = [header]
    for i, d, t in rows:
        out.append(f'"{i}",{d},"{t}","Wire"')
    return "\n".join(out) + "\n"


def test_csv_rows_become_articles_with_dates_and_ids(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(_csv(), encoding="utf-8")
    items = list(read_paths([path]))
    assert [type(i) for i in items] == [Article, Article]
    assert [a.published for a in items] == ["2021-06-02", "2021-06-03"]
    assert all(a.date_basis == "metadata" and a.outlet == "Wire" for a in items)
    assert [a.input_id for a in items] == ["1", "2"]
    assert items[1].document.endswith("news.csv#3")


def test_csv_row_without_text_is_an_error_in_place(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text(_csv() + '"3",2021-06-04,"","Wire"\n' + _csv(ROWS[:1]).split("\n", 1)[1], encoding="utf-8")
    items = list(read_paths([path]))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Article", "Article", "DocError", "Article"]
    assert items[2].code == "missing_text" and items[2].document.endswith("#4")


def test_csv_without_text_column_is_reported(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("date,headline\n2021-01-01,Nothing here\n", encoding="utf-8")
    (err,) = list(read_paths([path]))
    assert isinstance(err, DocError) and err.code == "missing_text"


def test_zip_members_are_read_as_documents():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("archive/news.csv", _csv())
        zf.writestr("archive/one.txt", "Envoys meet in Vienna\n\nAustria hosted talks between Serbia and Kosovo "
                                       "on Friday, the mediators said.\n")
        zf.writestr("archive/story.txt.gz", gzip.compress(b"Ports reopen\n\nGreece and Albania reopened a border "
                                                          b"crossing on Monday after talks, officials said.\n"))
    items = list(read_bytes(buf.getvalue(), name="bundle.zip", published="2021-06-05"))
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == 4, items
    assert any(a.document == "bundle.zip::archive/one.txt" for a in arts)
    assert {a.date_basis for a in arts} == {"metadata", "given"}


def test_truncated_zip_is_an_error_not_a_crash():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("a.txt", "Talks resume\n\n" + "Finland and Sweden held talks with Norway. " * 200)
    data = buf.getvalue()[: len(buf.getvalue()) // 2]
    items = list(read_bytes(data, name="cut.zip"))
    assert items and all(isinstance(i, DocError) for i in items)
    assert items[0].code == "broken_zip" and items[0].document.startswith("cut.zip")
