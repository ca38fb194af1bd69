"""POST /code: every input kind through the real app and the real pipeline; storing, tokens, limits."""

from __future__ import annotations

import json

from communique.records import ArticleRecord, normalise_text

from .sample_store import assert_error

ARTICLE = (
    "Norway and Iceland sign fisheries accord\n\n"
    "Norwegian Prime Minister Ingrid Solberg met Icelandic Prime Minister Einar Magnusson in Oslo on Tuesday. "
    "The two governments signed an agreement on cod quotas in the Barents Sea.\n\n"
    '"This accord protects our fishermen," Solberg told reporters after the meeting.'
)


def test_plain_text_gives_an_article_record(make_client, sample_db):
    client = make_client(sample_db)
    r = client.post("/code?published=2024-06-04", content=ARTICLE.encode(), headers={"content-type": "text/plain"})
    assert r.status_code == 200, r.text
    rec = ArticleRecord.from_dict(r.json())
    assert r.json()["schema"] == "communique.article/1"
    assert rec.article.text == normalise_text(ARTICLE)
    assert rec.article.title == "Norway and Iceland sign fisheries accord"
    assert rec.article.published == "2024-06-04"
    assert rec.article.id.startswith("sha256:")
    for q in rec.quotes:  # offsets point into the returned text
        assert rec.article.text[q.start:q.end] == q.text
    for a in rec.actors:
        for m in a.mentions:
            assert rec.article.text[m.start:m.end] == m.text
    # coding without ?store=true writes nothing
    assert client.get("/articles", params={"q": "Barents"}).json()["total"] == 0


def test_json_html_multipart_and_raw_bytes(make_client, sample_db):
    client = make_client(sample_db)
    body = {"text": ARTICLE, "id": "req-7", "published": "2024-06-05", "url": "https://example.org/a"}
    r = client.post("/code", json=body)
    assert r.status_code == 200, r.text
    art = r.json()["article"]
    assert art["input_id"] == "req-7" and art["published"] == "2024-06-05" and art["url"] == "https://example.org/a"

    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    html = (f"<html><head><title>Fisheries accord</title><script>var tracker = 1;</script></head>"
            f"<body><nav>Home | World</nav><article><h1>Norway and Iceland sign fisheries accord</h1>"
            f"{paragraphs}</article></body></html>")
    r = client.post("/code?published=2024-06-04", content=html.encode(), headers={"content-type": "text/html"})
    assert r.status_code == 200, r.text
    text = r.json()["article"]["text"]
    assert "cod quotas in the Barents Sea" in text
    assert "tracker" not in text

    r = client.post("/code", files={"file": ("accord.txt", ARTICLE.encode(), "text/plain")},
                    data={"published": "2024-06-06"})
    assert r.status_code == 200, r.text
    assert r.json()["article"]["published"] == "2024-06-06"
    assert r.json()["article"]["text"] == normalise_text(ARTICLE)

    r = client.post("/code?name=accord.txt", content=ARTICLE.encode("utf-8"),
                    headers={"content-type": "application/octet-stream"})
    assert r.status_code == 200, r.text
    assert r.json()["article"]["id"] == ArticleRecord.from_dict(r.json()).article.id


def test_input_errors_have_one_shape(make_client, sample_db):
    client = make_client(sample_db)
    assert_error(client.post("/code", content=b"   \n ", headers={"content-type": "text/plain"}), 422, "empty")
    assert_error(client.post("/code", content=b"\x89PNG....", headers={"content-type": "image/png"}), 415,
                 "unsupported_media_type")
    assert_error(client.post("/code?published=next-week", content=ARTICLE.encode(),
                             headers={"content-type": "text/plain"}), 422, "invalid_request")
    err = assert_error(client.post("/code", content=b'{"title": "no text"}',
                                   headers={"content-type": "application/json"}), 422, "missing_text")
    assert "text" in err["message"]
    assert_error(client.post("/code", content=b"{not json", headers={"content-type": "application/json"}), 422,
                 "bad_json")
    german = ("Die Regierung in Berlin hat am Montag neue Gespräche mit Paris angekündigt. Der Minister sagte, "
              "man wolle die Zusammenarbeit in der Verteidigung und beim Handel deutlich vertiefen.")
    assert_error(client.post("/code", content=german.encode(), headers={"content-type": "text/plain"}), 422,
                 "unsupported_language")


def test_request_size_limit(make_client, sample_db):
    client = make_client(sample_db, max_request_bytes=2_000)
    big = ("The talks went on. " * 200).encode()
    assert len(big) > 2_000
    assert_error(client.post("/code", content=big, headers={"content-type": "text/plain"}), 413, "too_large")

    def chunks():  # no Content-Length: the limit applies while the body streams in
        for _ in range(10):
            yield b"x" * 500

    assert_error(client.post("/code", content=chunks(), headers={"content-type": "text/plain"}), 413, "too_large")
    ok = client.post("/code", content=ARTICLE.encode()[:1_500], headers={"content-type": "text/plain"})
    assert ok.status_code == 200, ok.text


def test_store_true_writes_and_is_idempotent(make_client, sample_db):
    client = make_client(sample_db)
    before = client.get("/health").json()["counts"]["articles"]
    r = client.post("/code?store=true&published=2024-06-04", content=ARTICLE.encode(),
                    headers={"content-type": "text/plain"})
    assert r.status_code == 200, r.text
    assert r.headers["x-communique-stored"] == "true"
    art_id = r.json()["article"]["id"]
    stored = client.get(f"/articles/{art_id}")
    assert stored.status_code == 200
    assert stored.json()["article"]["text"] == r.json()["article"]["text"]
    assert len(stored.json()["events"]) == len(r.json()["events"])
    assert client.get("/health").json()["counts"]["articles"] == before + 1
    again = client.post("/code?store=true&published=2024-06-04", content=ARTICLE.encode(),
                        headers={"content-type": "text/plain"})
    assert again.status_code == 200
    assert client.get("/health").json()["counts"]["articles"] == before + 1
    found = client.get("/articles", params={"q": "Barents"}).json()
    assert found["total"] == 1 and found["items"][0]["id"] == art_id


def test_token_protects_writes(make_client, sample_db):
    client = make_client(sample_db, token="s3cret-token")
    url = "/code?store=true&published=2024-06-04"
    headers = {"content-type": "text/plain"}
    err = assert_error(client.post(url, content=ARTICLE.encode(), headers=headers), 401, "unauthorized")
    assert "token" in err["message"]
    assert_error(client.post(url, content=ARTICLE.encode(), headers={**headers, "authorization": "Bearer wrong"}),
                 401, "unauthorized")
    ok = client.post(url, content=ARTICLE.encode(), headers={**headers, "authorization": "Bearer s3cret-token"})
    assert ok.status_code == 200, ok.text
    ok2 = client.post(url, content=ARTICLE.encode(), headers={**headers, "x-communique-token": "s3cret-token"})
    assert ok2.status_code == 200
    # coding without storing needs no token
    assert client.post("/code", content=ARTICLE.encode(), headers=headers).status_code == 200


def test_non_loopback_without_token_refuses_writes(make_client, sample_db):
    client = make_client(sample_db, host="0.0.0.0")
    assert_error(client.post("/code?store=true", content=ARTICLE.encode(), headers={"content-type": "text/plain"}),
                 403, "token_required")
    assert client.get("/health").json()["writes"] is False
    assert client.post("/code", content=ARTICLE.encode(), headers={"content-type": "text/plain"}).status_code == 200
    served = make_client(sample_db, host="192.168.1.20", token="abc")
    assert served.post("/code?store=true", content=ARTICLE.encode(),
                       headers={"content-type": "text/plain", "authorization": "Bearer abc"}).status_code == 200


def test_read_only_store_refuses_writes(ro_client):
    assert_error(ro_client.post("/code?store=true", content=ARTICLE.encode(), headers={"content-type": "text/plain"}),
                 409, "read_only")


def test_loopback_detection():
    from communique.api import is_loopback

    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost") and is_loopback("127.3.4.5")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.2") and not is_loopback("example.org")


def test_code_output_is_json_serialisable_record(ro_client):
    r = ro_client.post("/code", content=ARTICLE.encode(), headers={"content-type": "text/plain; charset=utf-8"})
    assert r.status_code == 200
    data = json.loads(r.content)
    assert set(data) >= {"schema", "article", "actors", "events", "quotes", "times", "places", "warnings"}
