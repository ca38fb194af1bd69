from __future__ import annotations

import json

import pytest

from communique.records import (
    Actor,
    Article,
    ArticleMeta,
    ArticleRecord,
    DocError,
    ErrorRecord,
    EventMention,
    Evidence,
    Mention,
    Side,
    content_id,
)


def test_content_id_ignores_line_endings_and_trailing_space():
    a = content_id("Title\r\n\r\nBody text here.  \r\n")
    b = content_id("Title\n\nBody text here.\n")
    assert a == b and a.startswith("sha256:") and len(a) == 7 + 64
    assert content_id("Title\n\nOther body.") != a


def test_article_gets_id_from_text():
    art = Article(text="Some text.\n")
    assert art.id == content_id("Some text.")


def test_record_round_trip_uses_schema_key():
    rec = ArticleRecord(
        article=ArticleMeta(id="sha256:x", text="Ann met Bob."),
        actors=[Actor(id="a1", name="Ann", type="person", country="FRA", mentions=[Mention(start=0, end=3, text="Ann")])],
        events=[
            EventMention(
                id="e1", type="CONSULT", source=Side(actor="a1", name="Ann", country="FRA"),
                evidence=Evidence(start=0, end=12, text="Ann met Bob."), rule="verb:meet",
            )
        ],
    )
    data = json.loads(rec.to_json())
    assert data["schema"] == "communique.article/1"
    assert data["events"][0]["status"] == "reported" and data["events"][0]["negated"] is False
    back = ArticleRecord.from_dict(data)
    assert back == rec


def test_error_record_shape():
    err = DocError(document="x.jsonl#3", code="bad_json", message="line 3 is not JSON", input_id="k3")
    out = ErrorRecord.from_error(err).to_dict()
    assert out == {"schema": "communique.article/1", "input_id": "k3", "document": "x.jsonl#3",
                   "error": {"code": "bad_json", "message": "line 3 is not JSON"}}


def test_bad_status_rejected():
    with pytest.raises(ValueError):
        EventMention(id="e1", type="AID", status="rumoured", evidence=Evidence(start=0, end=1, text="x"), rule="r")
