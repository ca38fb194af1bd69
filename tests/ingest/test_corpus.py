"""The readers on real material from ../shared/corpus (skipped when it is absent)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from communique.cli import app
from communique.coder import make_doc
from communique.ingest import read_paths
from communique.records import Article, DocError

pytestmark = pytest.mark.corpus


def test_seed_done_when(nlp, seed):
    """The issue's check: title, agency, given date, caption with credit, no credit in any body sentence."""
    res = CliRunner().invoke(app, ["code", str(seed / "article.txt"), "--published", "2023-08-14", "--format", "json"])
    assert res.exit_code == 0, res.stderr
    rec = json.loads(res.stdout)
    a = rec["article"]
    gold = json.loads((seed / "gold.json").read_text(encoding="utf-8"))
    assert a["title"] == gold["title"]
    assert a["source_agency"] == gold["source_agency"]
    assert (a["published"], a["date_basis"]) == ("2023-08-14", "given")
    assert len(a["credits"]) == 1
    credit = a["credits"][0]
    caption = [z for z in a["zones"] if z["kind"] == "caption"]
    credit_zone = [z for z in a["zones"] if z["kind"] == "credit"]
    assert len(caption) == 1 and len(credit_zone) == 1
    assert credit in a["text"][credit_zone[0]["start"]:credit_zone[0]["end"]]
    assert caption[0]["end"] <= credit_zone[0]["start"]
    # no credit text inside any body sentence the pipeline produced
    art = Article(**{k: a[k] for k in ("text", "title", "published", "date_basis", "zones", "credits")})
    doc = nlp(make_doc(nlp, art))
    photographer = credit.split("/")[0]
    assert not any(photographer in s.text for s in doc.sents)
    for ev in rec["events"]:
        assert photographer not in ev["evidence"]["text"]
    for q in rec["quotes"]:
        assert photographer not in q["text"]


def test_every_corpus_feed_is_read(corpus):
    items = list(read_paths([corpus / "feeds"]))
    arts = [i for i in items if isinstance(i, Article)]
    failed = [i for i in items if isinstance(i, DocError) and not getattr(i, "skipped", False)]
    assert not failed, [str(f) for f in failed]
    assert len(arts) >= 90
    assert all(a.published and a.date_basis == "metadata" for a in arts)
    assert all(a.title for a in arts)
    # url keeps only http(s) addresses: an Atom entry identified by a urn:uuid has no link
    assert all(a.url is None or a.url.startswith(("http://", "https://")) for a in arts)
    assert sum(bool(a.url) for a in arts) >= 0.9 * len(arts)


@pytest.mark.slow
def test_html_benchmark_scores_well(corpus):
    from communique.evaluate.extract import score_benchmark

    folder = corpus / "html" / "scrapinghub"
    if not (folder / "ground-truth.json").is_file():
        pytest.skip("benchmark absent")
    res = score_benchmark(folder)
    assert res["pages"] >= 150 and res["failed"] == 0
    assert res["f1"] >= 0.93 and res["precision"] >= 0.92 and res["recall"] >= 0.95
