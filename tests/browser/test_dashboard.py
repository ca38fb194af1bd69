"""The dashboard in a real browser (Debian's chromium through Playwright) against a real server and store.

Each test saves a screenshot of its view to test-output/screenshots/."""

from __future__ import annotations

import re

import httpx
import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser

CODE_TIMEOUT_MS = 180_000  # coding on a loaded 2-core CI machine can take a while

# written for this test: a short wire story with two countries, a meeting, a quote
PASTED = (
    "Chile and Peru agree to reopen border crossing\n\n"
    "Chilean Foreign Minister Andrea Fuentes met her Peruvian counterpart Luis Paredes in Lima on Wednesday. "
    "The two ministers agreed to reopen the Chacalluta crossing to trucks next month.\n\n"
    '"Trade between our countries must not wait," Fuentes told reporters after the talks.\n\n'
    "Peru had closed the crossing in March after protests by farmers."
)


def _text_without_labels(page, selector: str) -> str:
    """The article text as rendered, without the speaker labels the view inserts before quotes."""
    return page.eval_on_selector(
        selector,
        "n => { const c = n.cloneNode(true); c.querySelectorAll('.qspk').forEach(x => x.remove()); return c.textContent; }",
    )


def test_paste_an_article_and_see_it_coded(page, server, shots):
    page.goto(server["url"] + "/#/code")
    page.fill("#paste", PASTED)
    page.fill("#paste-published", "2024-06-05")
    with page.expect_response(re.compile(r"/code\b"), timeout=CODE_TIMEOUT_MS) as resp:
        page.click("#code-button")
    assert resp.value.status == 200, resp.value.text()
    rec = resp.value.json()
    page.wait_for_selector("#article-text")
    assert _text_without_labels(page, "#article-text") == rec["article"]["text"]
    assert page.inner_text("h1") == "Chile and Peru agree to reopen border crossing"
    # one card per event, one speaker label per quote, one highlight colour per actor mentioned
    assert page.locator(".ev-card").count() == len(rec["events"])
    assert page.locator("#article-text .qspk").count() == len(rec["quotes"])
    actors_shown = set(page.eval_on_selector_all("#article-text .act", "ns => ns.map(n => n.dataset.actor)"))
    assert actors_shown == {a["id"] for a in rec["actors"] if a["mentions"]}
    if rec["actors"]:
        page.hover("#article-text .act")
        assert page.locator("#tooltip").is_visible()
        assert page.inner_text("#tooltip").strip()
    if rec["times"]:  # time expressions are marked, with their resolved value on hover
        page.hover("#article-text .tm >> nth=0")
        tip = page.inner_text("#tooltip")
        assert "Time" in tip and (rec["times"][0]["value"] or "unresolved") in tip
    if rec["events"]:
        first = rec["events"][0]
        page.hover(".ev-card")
        assert first["type"] in page.inner_text(".ev-card")
    page.screenshot(path=str(shots / "code-paste.png"), full_page=True)


def test_article_view_marks_actors_events_and_quotes(page, server, shots):
    rec = next(r for r in server["records"] if "Beijing hosts" in r.article.title)
    page.goto(server["url"] + "/#/articles")
    page.click("text=Beijing hosts talks with Moscow")
    page.wait_for_selector("#article-text")
    assert f"#/article/{rec.article.id}" in page.url.replace("%3A", ":")
    assert _text_without_labels(page, "#article-text") == rec.article.text
    # actors highlighted by country: each actor's spans share one background colour, different actors differ
    colours = page.eval_on_selector_all(
        "#article-text .act", "ns => ns.map(n => [n.dataset.actor, getComputedStyle(n).backgroundColor])")
    by_actor = {}
    for actor, colour in colours:
        by_actor.setdefault(actor, set()).add(colour)
    assert set(by_actor) == {a.id for a in rec.actors}
    assert all(len(c) == 1 for c in by_actor.values())
    assert len({next(iter(c)) for c in by_actor.values()}) == len({a.country for a in rec.actors})
    # an event's tooltip: type, source -> target, date, place, status, who says so, rule
    page.hover("#article-text .ev >> nth=0")
    tip = page.inner_text("#tooltip")
    ev = rec.events[0]
    for part in (ev.type, f"{ev.source.name} → {ev.target.name}", ev.date.start, ev.location.name, ev.status, ev.rule):
        assert part in tip, (part, tip)
    # the quote carries its speaker
    assert page.inner_text("#article-text .qspk") == rec.quotes[0].speaker.name
    # the event list beside the text: a click selects the card and flashes its sentence
    page.click(".ev-card >> nth=1")
    assert "sel" in page.get_attribute(".ev-card >> nth=1", "class")
    assert page.locator("#article-text .ev.flash").count() >= 1
    page.screenshot(path=str(shots / "article.png"), full_page=True)


def test_events_table_filters_sorts_and_links_to_articles(page, server, shots):
    total = sum(len(r.events) for r in server["records"])
    page.goto(server["url"] + "/#/events")
    page.wait_for_selector("#events-table")
    expect(page.locator("#actor-names option[value='Chen Hao']")).to_have_count(1)
    with page.expect_download() as download:
        page.click("#downloads a:has-text('GDELT 2.0 CSV')")
    lines = open(download.value.path(), encoding="utf-8").read().strip().splitlines()
    assert len(lines) > 1 and "GoldsteinScale" in lines[0]
    assert page.locator("#events-table tbody tr").count() == total
    page.click("#events-table th:has-text('Goldstein')")
    page.wait_for_url(re.compile(r"sort=goldstein"))
    page.wait_for_selector("#events-table")
    assert page.inner_text("#events-table tbody tr >> nth=0 >> td >> nth=6") == "-9"
    page.screenshot(path=str(shots / "events.png"), full_page=True)
    page.select_option("#event-filters select >> nth=0", "ASSAULT")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=ASSAULT"))
    expect(page.locator("#events-table tbody tr")).to_have_count(1)
    page.click("#events-table tbody tr")
    page.wait_for_selector(".ev-card.sel")
    assert "/article/" in page.url and "event=e1" in page.url
    assert "ASSAULT" in page.inner_text(".ev-card.sel")


def test_dyad_timeline(page, server, shots):
    page.goto(server["url"] + "/#/dyad")
    picks = page.locator("#dyad-picks a")
    expect(picks).to_have_count(len(httpx.get(server["url"] + "/network").json()["edges"]))
    assert "#/dyad/" in picks.first.get_attribute("href")
    movers = page.locator("#top-movers tbody tr")
    expect(movers.first).to_be_visible()
    assert 0 < movers.count() <= 10
    page.screenshot(path=str(shots / "dyad-pick-and-top-movers.png"), full_page=True)
    page.fill("#dyad-a", "chn")
    page.fill("#dyad-b", "rus")
    page.click("form button[type=submit]")
    page.wait_for_selector("#dyad-chart")
    assert page.url.endswith("#/dyad/CHN/RUS?freq=month")
    coop_bars = page.locator("#dyad-chart rect[fill='var(--coop)']").count()
    assert coop_bars == 2  # one consultation in March, one in April
    assert page.locator("#dyad-chart rect[fill='var(--conf)']").count() == 0
    assert page.locator("#dyad-body table tbody tr").count() == 2
    page.hover("#dyad-chart g.period >> nth=0")
    assert "CONSULT" in page.inner_text("#tooltip")
    page.screenshot(path=str(shots / "dyad.png"), full_page=True)


def test_dyad_with_an_unknown_actor_says_so(page, server):
    page.goto(server["url"] + "/#/dyad/CHN/QQQ")
    msg = page.locator("#dyad-error")
    expect(msg).to_be_visible()
    assert "QQQ" in msg.inner_text()
    assert page.locator("#dyad-body .spin").count() == 0
    expect(page.locator("#banner")).to_be_visible()


def test_network_view_and_click_filters(page, server, shots):
    net = httpx.get(server["url"] + "/network").json()
    page.goto(server["url"] + "/#/network")
    page.wait_for_selector("#network-svg")
    assert page.locator("#network-svg g.node").count() == len(net["nodes"])
    assert page.locator("#network-svg line.edge").count() == len(net["edges"])
    blocs = {c for c in page.eval_on_selector_all("#network-svg g.node circle", "ns => ns.map(n => n.getAttribute('fill'))")}
    assert len(blocs) == len({n["bloc"] for n in net["nodes"]})
    page.screenshot(path=str(shots / "network.png"), full_page=True)
    page.click("#network-svg g.node[data-id='DEU']")
    page.wait_for_selector("#node-ties")
    rows = page.locator("#node-ties tbody tr").count()
    deu_node = next(n for n in net["nodes"] if n["id"] == "DEU")
    assert rows == deu_node["degree"] > 0
    assert int(page.inner_text("#node-count b")) == deu_node["events"]
    deu = httpx.get(server["url"] + "/events", params={"actor": "DEU", "merged": "true"}).json()["total"]
    neighbours = {e["source"] for e in net["edges"] if e["target"] == "DEU"} | {
        e["target"] for e in net["edges"] if e["source"] == "DEU"}
    faded = set(page.eval_on_selector_all("#network-svg g.node.faded", "ns => ns.map(n => n.dataset.id)"))
    assert faded == {n["id"] for n in net["nodes"]} - neighbours - {"DEU"}
    page.screenshot(path=str(shots / "network-selected.png"), full_page=True)
    page.click("#network-side a:has-text('their merged events')")
    page.wait_for_url(re.compile(r"#/events\?actor=DEU&merged=true"))
    page.wait_for_selector("#events-table")
    assert page.locator("#events-table tbody tr").count() == deu


def test_map_of_event_locations(page, server, shots):
    places = {e.location.name for r in server["records"] for e in r.events}
    page.goto(server["url"] + "/#/map")
    page.wait_for_function("() => document.querySelector('#map') && document.querySelector('#map').dataset.loaded")
    page.evaluate("window.communiqueMap.setView([45, 60], 9)")  # zoom 9 and beyond: one marker per place
    page.wait_for_function("() => document.querySelector('#map').dataset.loaded === '2'")
    page.evaluate("window.communiqueMap.setZoom(2)")
    page.wait_for_function("() => document.querySelector('#map').dataset.loaded === '3'")
    page.wait_for_timeout(400)
    # the country outlines are drawn from the bundled GeoJSON (no tile server)
    assert page.locator("#map path.leaflet-interactive").count() > 150
    located = sum(1 for r in server["records"] for e in r.events if e.location)
    assert int(page.get_attribute("#map-count", "data-located")) == located
    total = sum(int(x) for x in page.eval_on_selector_all("#map .cq-pt span, #map .cq-cluster span", "ns => ns.map(n => n.textContent)"))
    assert total == located
    page.screenshot(path=str(shots / "map.png"), full_page=True)
    # at a close zoom each place is a marker: Kharkiv's lists its events
    page.evaluate("window.communiqueMap.setView([49.99, 36.23], 10)")
    page.wait_for_function("() => document.querySelector('#map').dataset.loaded === '4'")
    page.wait_for_timeout(400)
    kharkiv = sum(1 for r in server["records"] for e in r.events if e.location.name == "Kharkiv")
    marker = page.locator("#map .cq-pt[title='Kharkiv']")
    assert marker.count() == 1 and marker.inner_text() == str(kharkiv) and len(places) > 1
    marker.click()
    page.wait_for_selector("#map-events table")
    assert page.locator("#map-events tbody tr").count() == kharkiv


def test_actors_view_links_to_their_events(page, server, shots):
    page.goto(server["url"] + "/#/actors")
    page.wait_for_selector("#actors-table")
    total = httpx.get(server["url"] + "/actors", params={"limit": 50}).json()["total"]
    assert page.locator("#actors-table tbody tr").count() == min(total, 50)
    page.fill("#actors-q", "Orlov")
    page.click("form button[type=submit]")
    expect(page.locator("#actors-table tbody tr")).to_have_count(1)
    page.screenshot(path=str(shots / "actors.png"), full_page=True)
    page.click("#actors-table tbody tr")
    page.wait_for_url(re.compile(r"#/events\?actor=Pavel"))
    page.wait_for_selector("#events-table")
    orlov = httpx.get(server["url"] + "/events", params={"actor": "Pavel Orlov"}).json()["total"]
    assert page.locator("#events-table tbody tr").count() == orlov > 0


def test_try_a_sample(page, server):
    page.goto(server["url"] + "/#/code")
    names = page.eval_on_selector_all("#sample-pick option", "ns => ns.map(n => n.value).filter(Boolean)")
    assert names
    page.select_option("#sample-pick", names[0])
    expect(page.locator("#paste")).not_to_have_value("")
    sample = httpx.get(server["url"] + "/samples/" + names[0]).text
    assert page.input_value("#paste") == sample


def test_upload_a_file(page, server, shots):
    page.goto(server["url"] + "/#/code")
    with page.expect_response(re.compile(r"/code\b"), timeout=CODE_TIMEOUT_MS) as resp:
        page.set_input_files("#upload", files=[{"name": "crossing.txt", "mimeType": "text/plain",
                                                "buffer": PASTED.encode("utf-8")}])
    assert resp.value.status == 200, resp.value.text()
    page.wait_for_selector("#article-text")
    assert _text_without_labels(page, "#article-text") == resp.value.json()["article"]["text"]
    page.screenshot(path=str(shots / "code-upload.png"), full_page=True)


def test_serve_banner_names_the_dashboard(server):
    assert f"Communiqué dashboard: {server['url']}/" in server["banner"]
