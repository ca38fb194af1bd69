"""Tone in the dashboard's article view (issue 21): the article's tone beside its counts, each event's and
each quote's tone, read back from a real browser against the record the server coded."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("playwright.sync_api")

pytestmark = pytest.mark.browser

CODE_TIMEOUT_MS = 180_000

# written for this test: a hostile statement and a friendly one
PASTED = (
    "Ministers trade blows over fishing rights\n\n"
    "The Icelandic foreign minister said on Tuesday that the Norwegian demands were unacceptable and reckless. "
    '"We welcome the generous and constructive offer from Denmark," she told reporters in Reykjavik.'
)


def _signed(x: float) -> str:
    return ("+" if x > 0 else "") + f"{x:.1f}"


def test_article_view_shows_tone(page, server, shots):
    page.goto(server["url"] + "/#/code")
    page.fill("#paste", PASTED)
    page.fill("#paste-published", "2024-06-05")
    with page.expect_response(re.compile(r"/code\b"), timeout=CODE_TIMEOUT_MS) as resp:
        page.click("#code-button")
    assert resp.value.status == 200, resp.value.text()
    rec = resp.value.json()
    page.wait_for_selector("#article-text")
    tone = rec["tone"]
    assert tone is not None and tone["negative"] > 0 and tone["positive"] > 0
    shown = page.locator("#article-tone")
    assert shown.inner_text().split()[0] == _signed(tone["score"])
    title = shown.get_attribute("title") or ""
    assert f"{tone['negative']:.1f}% negative" in title and tone["words"][0] in title
    # every event card and every quote shows its own tone, as the record has it
    cards = page.locator(".ev-card")
    assert cards.count() == len(rec["events"]) >= 1
    for k, ev in enumerate(rec["events"]):
        assert ev["tone"] is not None
        assert cards.nth(k).locator(".ev-tone").inner_text().split()[-1] == _signed(ev["tone"])
    quotes = page.locator("#quote-list .quote-item")
    assert quotes.count() == len(rec["quotes"]) >= 1
    for k, q in enumerate(rec["quotes"]):
        assert quotes.nth(k).locator(".q-tone").inner_text().split()[-1] == _signed(q["tone"])
    # the hostile statement reads negative, the friendly one positive
    assert min(q["tone"] for q in rec["quotes"]) < 0 < max(q["tone"] for q in rec["quotes"])
    page.screenshot(path=str(shots / "article-tone.png"), full_page=True)
