"""HTML pages through trafilatura: body text with title, date, site name, author and URL from the
page's metadata; and a small HTML-fragment-to-text converter for feed content."""

from __future__ import annotations

import html as _html_mod
import logging
import re
import warnings
from typing import Any

from .build import Extracted, parse_date
from .decode import IngestProblem

log = logging.getLogger(__name__)

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figure",
    "figcaption", "table", "tr", "section", "article", "header", "footer", "pre", "hr", "dd", "dt",
}


def _quiet_trafilatura() -> None:
    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        lg = logging.getLogger(name)
        if lg.level == logging.NOTSET:
            lg.setLevel(logging.CRITICAL)  # failures come back as DocErrors


def extract_html(html: str, *, document: str, url: str | None = None) -> Extracted:
    """Extract the article of an HTML page; IngestProblem ``malformed_html`` / ``no_text`` otherwise."""
    import trafilatura

    _quiet_trafilatura()
    if "<" not in html[:4096]:
        raise IngestProblem("malformed_html", "not HTML: no markup")
    try:
        with warnings.catch_warnings():  # dateutil warns about unknown time zones in page dates
            warnings.simplefilter("ignore")
            doc: Any = trafilatura.bare_extraction(
                html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=False,
            )
    except Exception as exc:  # trafilatura/lxml errors on broken pages
        raise IngestProblem("malformed_html", f"HTML could not be parsed: {type(exc).__name__}: {exc}") from exc
    if doc is None:
        raise IngestProblem("no_text", "no article text found in the page")
    get = doc.get if isinstance(doc, dict) else (lambda k, d=None: getattr(doc, k, d))
    body = get("text") or ""
    if not body.strip():
        raise IngestProblem("no_text", "no article text found in the page")
    title = _html_mod.unescape(get("title") or "").strip() or None
    lang = get("language") or _declared_lang(html)
    # trafilatura puts one paragraph (or heading) per line: make each a block of its own, as in the
    # plain-text layout, so subheads and captions stand alone
    body = "\n\n".join(ln.strip() for ln in body.split("\n") if ln.strip())
    return Extracted(
        body=body,
        document=document,
        title=title,
        published=parse_date(get("date")),
        url=url or get("url") or None,
        outlet=get("sitename") or get("hostname") or None,
        byline=get("author") or None,
        language=lang,
        standfirst=None,
        title_in_body=False,
    )


_LANG_ATTR = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2})", re.I)


def _declared_lang(html: str) -> str | None:
    m = _LANG_ATTR.search(html[:5000])
    return m.group(1).lower() if m else None


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed summaries, content:encoded): one paragraph per block."""
    if "<" not in fragment:
        import html as _html

        return _html.unescape(fragment).strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # broken fragments: strip tags crudely
        import html as _html

        return _html.unescape(re.sub(r"<[^>]+>", " ", fragment)).strip()
    for bad in root.xpath(".//script|.//style|.//noscript|.//iframe"):
        bad.drop_tree()
    parts: list[str] = []

    def walk(el: Any) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag == "br":
            parts.append("\n")
        elif tag in _BLOCK_TAGS:
            parts.append("\n\n")
        if el.text and tag not in {"script", "style"}:
            parts.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCK_TAGS and tag != "br":
            parts.append("\n\n")

    walk(root)
    text = "".join(parts)
    paras = ["\n".join(" ".join(ln.split()) for ln in p.split("\n") if ln.strip()) for p in re.split(r"\n[^\S\n]*\n", text)]
    return "\n\n".join(p for p in paras if p)
