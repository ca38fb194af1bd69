"""The corpus views in a real browser over a store of many events (corpus_store.py): a map of more than a
thousand located events, all shown, clustered, zooming in; the time brush filtering the table, the map and
the network together and kept in the address; exports of the filtered selection read back; the network's
labels and counts; a dyad series with a long gap. Each test saves a screenshot to test-output/screenshots/."""

from __future__ import annotations

import csv
import re

import duckdb
import httpx
import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = pytest.mark.browser


def _icon_total(page) -> int:
    """The events the map's visible clusters and points stand for (the numbers on their icons)."""
    return sum(int(x) for x in page.eval_on_selector_all(
        "#map .cq-cluster span, #map .cq-pt span", "ns => ns.map(n => n.textContent)"))


def _map_ready(page, before: str | None = None) -> str:
    page.wait_for_function(
        "b => { const m = document.querySelector('#map'); return m && m.dataset.loaded && m.dataset.loaded !== b; }",
        arg=before or "")
    page.wait_for_timeout(400)  # markercluster draws its icons after the layers are added
    return page.get_attribute("#map", "data-loaded")


def test_map_shows_every_located_event_clustered_and_zooms_in(cpage, corpus_server, shots):
    located = corpus_server["facts"]["located"]
    assert located > 1000
    cpage.goto(corpus_server["url"] + "/#/map")
    first = _map_ready(cpage)
    assert int(cpage.get_attribute("#map-count", "data-located")) == located
    assert f"{located} located events shown" in cpage.inner_text("#map-count")
    # the whole world is in view: the clusters and points add up to every located event, no cap
    assert _icon_total(cpage) == located
    clusters_before = cpage.locator("#map .cq-cluster").count()
    assert 0 < clusters_before < 60
    cpage.screenshot(path=str(shots / "many-events-map-world.png"), full_page=True)
    # zoom in on Europe: clusters split, and what is in view is part of the whole
    cpage.evaluate("window.communiqueMap.setView([50, 15], 5)")
    _map_ready(cpage, first)
    icons = cpage.locator("#map .cq-cluster, #map .cq-pt")
    assert icons.count() > 0
    in_view = _icon_total(cpage)
    assert 0 < in_view < located
    biggest = max(int(x) for x in cpage.eval_on_selector_all("#map .cq-cluster span, #map .cq-pt span",
                                                               "ns => ns.map(n => n.textContent)"))
    assert biggest < located / 4
    assert "in and around the view" in cpage.inner_text("#map-count")  # close up, the server sends the view only
    cpage.screenshot(path=str(shots / "many-events-map-zoomed.png"), full_page=True)


def test_brush_filters_table_map_and_network_together(cpage, corpus_server, shots):
    url = corpus_server["url"]
    cpage.goto(url + "/#/events")
    cpage.wait_for_selector("#events-table")
    everything = int(cpage.get_attribute("#events-total", "data-total"))
    cpage.wait_for_selector("#brush-svg")
    box = cpage.locator("#brush-svg").bounding_box()
    y = box["y"] + box["height"] / 2
    cpage.mouse.move(box["x"] + box["width"] * 0.55, y)
    cpage.mouse.down()
    cpage.mouse.move(box["x"] + box["width"] * 0.7, y, steps=6)
    cpage.mouse.move(box["x"] + box["width"] * 0.8, y, steps=6)
    cpage.mouse.up()
    cpage.wait_for_url(re.compile(r"start=\d{4}-\d\d-\d\d&end=\d{4}-\d\d-\d\d|end=.*start="))
    start = re.search(r"start=([\d-]+)", cpage.url).group(1)
    end = re.search(r"end=([\d-]+)", cpage.url).group(1)
    assert start < end
    cpage.wait_for_function(f"() => {{ const t = document.querySelector('#events-total'); return t && t.textContent.includes('{start}'); }}")
    in_range = int(cpage.get_attribute("#events-total", "data-total"))
    api = httpx.get(url + "/events", params={"start": start, "end": end}).json()["total"]
    assert 0 < in_range == api < everything
    days = cpage.eval_on_selector_all("#events-table tbody tr td:first-child", "ns => ns.map(n => n.textContent)")
    assert all(start <= d[:10] <= end for d in days if re.match(r"\d{4}-\d\d-\d\d", d))
    assert cpage.input_value("#brush-start") == start and cpage.input_value("#brush-end") == end
    cpage.screenshot(path=str(shots / "many-events-brush-events.png"), full_page=True)
    # the range goes with the nav links: the map shows the same selection
    cpage.click("#nav a[data-view='map']")
    cpage.wait_for_url(re.compile(r"#/map\?.*start=" + start))
    _map_ready(cpage)
    mapped = httpx.get(url + "/map", params={"start": start, "end": end, "zoom": 2}).json()
    assert int(cpage.get_attribute("#map-count", "data-located")) == mapped["located"] == _icon_total(cpage)
    assert mapped["located"] < corpus_server["facts"]["located"]
    assert cpage.input_value("#brush-start") == start
    cpage.screenshot(path=str(shots / "many-events-brush-map.png"), full_page=True)
    # ... and so does the network
    cpage.click("#nav a[data-view='network']")
    cpage.wait_for_url(re.compile(r"#/network\?.*start=" + start))
    cpage.wait_for_selector("#network-svg")
    net = httpx.get(url + "/network", params={"start": start, "end": end}).json()
    whole = httpx.get(url + "/network").json()
    assert cpage.locator("#network-svg line.edge").count() == len(net["edges"])
    shown = sorted(int(x) for x in cpage.eval_on_selector_all("#network-svg g.node", "ns => ns.map(n => n.dataset.events)"))
    assert shown == sorted(n["events"] for n in net["nodes"])
    assert sum(shown) < sum(n["events"] for n in whole["nodes"])
    cpage.screenshot(path=str(shots / "many-events-brush-network.png"), full_page=True)
    # sharing the address shows the same view
    cpage.goto(url + f"/#/events?start={start}&end={end}")
    cpage.wait_for_selector("#events-total")
    assert int(cpage.get_attribute("#events-total", "data-total")) == in_range


def test_export_the_filtered_selection_and_read_it_back(cpage, corpus_server, tmp_path, shots):
    url = corpus_server["url"]
    cpage.goto(url + "/#/events?type=ASSAULT&start=2024-02-01&end=2024-06-30")
    cpage.wait_for_selector("#events-table")
    total = int(cpage.get_attribute("#events-total", "data-total"))
    assert total > 0
    assert "Download the selection" in cpage.inner_text("#downloads")
    with cpage.expect_download() as dl:
        cpage.click("#downloads a[data-what='mentions'][data-fmt='csv']")
    rows = list(csv.DictReader(open(dl.value.path(), encoding="utf-8")))
    assert len(rows) == total and {r["type"] for r in rows} == {"ASSAULT"}
    assert all("2024-02-01" <= r["day"] <= "2024-06-30" for r in rows)
    with cpage.expect_download() as dl:
        cpage.click("#downloads a[data-what='gdelt']")
    path = tmp_path / "gdelt.csv"
    path.write_bytes(open(dl.value.path(), "rb").read())
    got = duckdb.sql(f"SELECT count(*), min(SQLDATE), max(SQLDATE), any_value(typeof(SQLDATE)) FROM read_csv('{path}')").fetchall()[0]
    merged = httpx.get(url + "/events", params={"type": "ASSAULT", "start": "2024-02-01", "end": "2024-06-30",
                                                "merged": "true"}).json()["total"]
    assert got[0] == merged > 0 and 20240201 <= got[1] <= got[2] <= 20240630 and got[3] in {"BIGINT", "INTEGER"}
    header = open(path, encoding="utf-8").readline().strip().split(",")
    assert header[:2] == ["GLOBALEVENTID", "SQLDATE"] and header[60] == "SOURCEURL"
    with cpage.expect_download() as dl:
        cpage.click("#downloads a[data-what='polecat']")
    polecat = list(csv.DictReader(open(dl.value.path(), encoding="utf-8")))
    assert len(polecat) == merged and {r["Event Type"] for r in polecat} == {"ASSAULT"}
    cpage.screenshot(path=str(shots / "many-events-export.png"), full_page=True)


def test_network_nodes_are_named_with_agreeing_counts_and_labels_apart(cpage, corpus_server, shots):
    url = corpus_server["url"]
    net = httpx.get(url + "/network").json()
    cpage.goto(url + "/#/network")
    cpage.wait_for_selector("#network-svg")
    labels = cpage.eval_on_selector_all("#network-svg text.label", "ns => ns.map(n => n.textContent)")
    busiest = [n["label"] for n in sorted(net["nodes"], key=lambda n: -n["events"])[:5]]
    assert set(busiest) <= set(labels) and not any(re.fullmatch(r"[A-Z]{3}", t) for t in labels)
    assert {"Russia", "Turkey"} <= {n["label"] for n in net["nodes"]}
    rebels = next(n for n in net["nodes"] if n["id"] == "SYRREB")
    assert "(SYR rebels)" in rebels["label"] and rebels["label"] in labels
    # visible labels do not overlap one another
    boxes = cpage.eval_on_selector_all("#network-svg text.label", """ns => ns.map(n => {
        const r = n.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; })""")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap_x = min(a[2], b[2]) - max(a[0], b[0])
            overlap_y = min(a[3], b[3]) - max(a[1], b[1])
            assert overlap_x <= 1 or overlap_y <= 1, (a, b)
    # a node's tooltip and panel give the same count, the sum of its ties
    node = cpage.locator("#network-svg g.node[data-id='TUR']")
    node.hover()
    tip = cpage.inner_text("#tooltip")
    turkey = next(n for n in net["nodes"] if n["id"] == "TUR")
    assert re.search(rf"events\s+{turkey['events']}\b", tip)
    node.click()
    cpage.wait_for_selector("#node-ties")
    assert int(cpage.inner_text("#node-count b")) == turkey["events"]
    ties = [int(x) for x in cpage.eval_on_selector_all("#node-ties tbody tr td:nth-child(2)", "ns => ns.map(n => n.textContent)")]
    assert sum(ties) == turkey["events"]
    cpage.screenshot(path=str(shots / "many-events-network.png"), full_page=True)


def test_dyad_series_with_a_long_gap(cpage, corpus_server, shots):
    cpage.goto(corpus_server["url"] + "/#/dyad/Russia/Turkey?freq=week")
    cpage.wait_for_selector("#dyad-chart")
    assert "RUS ↔ TUR" in cpage.inner_text("#dyad-body h2")
    gaps = cpage.locator("#dyad-chart g.gap")
    assert gaps.count() >= 1
    assert max(int(x) for x in cpage.eval_on_selector_all("#dyad-chart g.gap", "ns => ns.map(n => n.dataset.periods)")) > 400
    # a handful of weeks with events, not nine years of empty weeks
    assert cpage.locator("#dyad-chart g.period").count() < 20
    # the Goldstein line breaks at the gap; the alignment index has its own chart and axis
    assert cpage.get_attribute("#goldstein-line", "d").count("M") >= 2
    expect(cpage.locator("#alignment-chart")).to_be_visible()
    ticks = cpage.eval_on_selector_all("#alignment-chart .axis text", "ns => ns.map(n => n.textContent)")
    assert {"+1", "0", "-1"} <= set(ticks) and cpage.locator("#alignment-chart circle").count() >= 1
    cpage.screenshot(path=str(shots / "many-events-dyad-gap.png"), full_page=True)
