"""Builders for test inputs: articles, pages, feeds and archives written for the tests (no corpus text)."""

from __future__ import annotations

import html as _html
import io
import json

ARTICLE = """Norway and Iceland sign fisheries accord after long talks

The two governments say the deal settles quotas for mackerel in the North Atlantic for five years.

Fisheries
A trawler unloads its catch at a harbour in northern Norway [Ola Nordmann/NTB via Reuters]

Norway and Iceland signed a fisheries agreement in Oslo on Wednesday, ending two years of disputes over mackerel quotas.

"This is a fair deal for both our fleets," Norwegian Fisheries Minister Kari Berg told reporters.

Iceland's foreign minister said the accord would be reviewed every year.

Quotas and science

Both countries will fund a joint research vessel, the Norwegian ministry said.

Source: The Associated Press
"""

CREDIT = "Ola Nordmann/NTB via Reuters"

BODY_SENTENCES = [
    "The foreign ministers of Chile and Peru met in Lima on Monday to discuss a new trade agreement.",
    "Chile's foreign minister said the talks had been constructive and would continue next month.",
    "Peru proposed a joint commission on water rights along the border, officials said.",
    "Both governments agreed to reopen a border crossing that had been closed for repairs.",
]


def text_article(n: int = 0) -> str:
    """A plain-text article; ``n`` varies the title so ids differ."""
    body = "\n\n".join(BODY_SENTENCES)
    return f"Chile and Peru resume trade talks, round {n + 1}\n\n{body}\n"


def html_page(n: int = 0, *, lang: str = "en", date: str = "2024-03-05") -> str:
    paras = "".join(f"<p>{_html.escape(s)}</p>" for s in BODY_SENTENCES)
    title = f"Chile and Peru resume trade talks, round {n + 1}"
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><title>{title}</title>'
        f'<meta property="og:site_name" content="Andes Monitor">'
        f'<meta property="article:published_time" content="{date}T08:00:00Z">'
        f'<meta name="author" content="Lucia Rojas"></head><body>'
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1>{paras}</article>"
        f"<footer>Copyright Andes Monitor</footer></body></html>"
    )


def rss(items: list[tuple[str, str, str]] | None = None, *, channel_title: str = "Andes Monitor") -> str:
    """RSS 2.0 with (title, description, RFC-822 date) items."""
    if items is None:
        items = [
            ("Chile and Peru resume trade talks", BODY_SENTENCES[0] + " " + BODY_SENTENCES[1], "Tue, 05 Mar 2024 08:00:00 GMT"),
            ("Peru proposes water commission", BODY_SENTENCES[2] + " " + BODY_SENTENCES[3], "Wed, 06 Mar 2024 09:30:00 GMT"),
        ]
    body = "".join(
        f"<item><title>{_html.escape(t)}</title><link>https://example.org/{i}</link>"
        f"<description>{_html.escape(d)}</description><pubDate>{p}</pubDate></item>"
        for i, (t, d, p) in enumerate(items)
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{channel_title}</title>'
        f"<link>https://example.org/</link><description>news</description>{body}</channel></rss>"
    )


def atom() -> str:
    entries = "".join(
        f"<entry><title>Entry {i}</title><link href='https://example.org/a{i}'/><id>urn:x:{i}</id>"
        f"<updated>2024-03-0{i + 1}T10:00:00Z</updated><content type='html'>&lt;p&gt;{_html.escape(s)}&lt;/p&gt;</content></entry>"
        for i, s in enumerate(BODY_SENTENCES[:2])
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>Andes Atom</title>"
        f"<id>urn:x</id><updated>2024-03-02T10:00:00Z</updated>{entries}</feed>"
    )


def json_feed(items: list[dict] | None = None) -> str:
    if items is None:
        items = [
            {"id": "1", "url": "https://example.org/j1", "title": "Chile and Peru resume trade talks",
             "content_text": BODY_SENTENCES[0] + "\n\n" + BODY_SENTENCES[1], "date_published": "2024-03-05T08:00:00Z"},
            {"id": "2", "url": "https://example.org/j2", "title": "Water commission proposed",
             "content_html": f"<p>{BODY_SENTENCES[2]}</p><p>{BODY_SENTENCES[3]}</p>", "date_published": "2024-03-06T08:00:00Z"},
        ]
    return json.dumps({"version": "https://jsonfeed.org/version/1.1", "title": "Andes JSON", "items": items})


def jsonl_line(n: int, **extra: object) -> str:
    obj = {"id": f"doc-{n}", "text": " ".join(BODY_SENTENCES) + f" Round {n}.", **extra}
    return json.dumps(obj)


def warc(pages: list[tuple[str, str]], *, gz: bool = True, extra_records: bool = False) -> bytes:
    """A WARC of HTML responses (url, html); with ``extra_records`` a request and an image response too."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, page in pages:
        if extra_records:
            req = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(page.encode()), http_headers=headers))
        if extra_records:
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url + ".png", "response",
                                                          payload=io.BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
                                                          http_headers=img))
    return buf.getvalue()


FRENCH = (
    "Le ministre des Affaires étrangères a rencontré son homologue allemand à Paris mardi pour discuter "
    "de la coopération entre les deux pays. Les deux gouvernements ont promis de renforcer leurs liens "
    "économiques et de poursuivre le dialogue sur la sécurité européenne dans les prochains mois."
)

GERMAN = (
    "Die Außenminister beider Länder trafen sich am Dienstag in Berlin, um über die Zusammenarbeit zu "
    "sprechen. Beide Regierungen versprachen, die wirtschaftlichen Beziehungen zu stärken und den Dialog "
    "über die europäische Sicherheit in den kommenden Monaten fortzusetzen."
)
