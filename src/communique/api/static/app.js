/* Communiqué dashboard. Plain JavaScript, no build step; vendored libraries only (static/vendor: Leaflet
   and Leaflet.markercluster for the map, d3-force for the network). Every view talks to the JSON API of
   the same server. Views: code (paste/upload), article (annotated text), articles, actors, events table,
   dyad timeline, top movers, network, map; one time brush shared by events, map, network, dyad and top,
   kept in the address. Routing is by location.hash. */
"use strict";

// ------------------------------------------------------------------------------------------------
// helpers
// ------------------------------------------------------------------------------------------------

const $ = (sel, root = document) => root.querySelector(sel);
const SVGNS = "http://www.w3.org/2000/svg";

/** Create an element: el("div", {class: "x", onclick: fn}, child, "text", ...). */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  setAttrs(node, attrs);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c instanceof Node ? c : String(c));
  return node;
}
function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") node.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k === "style" && typeof v === "object") Object.assign(node.style, v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
}

/** First non-empty value among dotted paths of obj: pick(row, "source_name", "source.name"). */
function pick(obj, ...paths) {
  for (const p of paths) {
    let v = obj;
    for (const part of p.split(".")) { v = v === null || v === undefined ? undefined : v[part]; }
    if (v !== null && v !== undefined && v !== "") return v;
  }
  return null;
}

class ApiError extends Error {
  constructor(status, code, message) { super(message); this.status = status; this.code = code; }
}

/** Fetch JSON from the API; errors come back as {"error": {"code", "message"}}. */
async function api(path, opts = {}) {
  const res = await fetch(path, opts);
  const type = res.headers.get("content-type") || "";
  const body = type.includes("json") ? await res.json() : await res.text();
  if (!res.ok) {
    const err = body && body.error ? body.error : { code: "http_" + res.status, message: String(body).slice(0, 200) };
    throw new ApiError(res.status, err.code, err.message);
  }
  return body;
}
function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "" && v !== false) u.set(k, v);
  const s = u.toString();
  return s ? "?" + s : "";
}
function showError(err) {
  const b = $("#banner");
  b.textContent = err instanceof ApiError ? `${err.code}: ${err.message}` : String(err.message || err);
  b.hidden = false;
}
function clearError() { $("#banner").hidden = true; }
function spinner(text) { return el("div", { class: "empty" }, el("span", { class: "spin" }), " ", text || "Loading…"); }
function fmtNum(x, d = 1) { return x === null || x === undefined ? "–" : Number(x).toFixed(d).replace(/\.0+$/, ""); }

// PLOVER types read as cooperation or conflict when an event has no Goldstein score (display only)
const COOP_TYPES = new Set(["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST"]);
const CONF_TYPES = new Set(["ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]);
const ALL_TYPES = [...COOP_TYPES, ...CONF_TYPES];
const STATUSES = ["reported", "planned", "ongoing", "attempted", "claimed", "hypothetical"];

function polarity(type, goldstein) {
  if (goldstein !== null && goldstein !== undefined && Number(goldstein) !== 0) return Number(goldstein) > 0 ? "coop" : "conf";
  const t = String(type || "").toUpperCase();
  return COOP_TYPES.has(t) ? "coop" : CONF_TYPES.has(t) ? "conf" : "";
}

/** A colour per country code: well-separated hues handed out in the order countries are first seen
    (so the countries of one article differ), then hues from a string hash; grey for none. */
const COUNTRY_HUES = [210, 28, 135, 285, 355, 178, 48, 318, 95, 245, 12, 160];
const COUNTRY_COLOURS = new Map();
function countryColour(code, alpha = 1) {
  if (!code) return alpha === 1 ? "#9aa4b5" : `rgba(154,164,181,${alpha})`;
  if (!COUNTRY_COLOURS.has(code)) {
    let hue;
    if (COUNTRY_COLOURS.size < COUNTRY_HUES.length) hue = COUNTRY_HUES[COUNTRY_COLOURS.size];
    else {
      let h = 2166136261;
      for (const ch of code) { h ^= ch.charCodeAt(0); h = Math.imul(h, 16777619); }
      hue = ((h >>> 0) * 0.618033988749895 * 360) % 360;
    }
    COUNTRY_COLOURS.set(code, hue);
  }
  const hue = COUNTRY_COLOURS.get(code);
  return `hsla(${hue.toFixed(0)}, 65%, ${alpha === 1 ? 46 : 70}%, ${alpha})`;
}
const BLOC_COLOURS = ["#3b6fd6", "#d9822b", "#2e9e6a", "#b2458f", "#8a6d3b", "#1f9fb4", "#c8423b", "#6b5bd6", "#7a8b2a", "#d6a11f"];

/** The display title of an untitled text: its first sentence, cut at 100 characters. */
function firstSentence(text) {
  const t = String(text || "").trim().split("\n")[0];
  const m = t.match(/^(.{1,100}?[.!?])(\s|$)/);
  return m ? m[1] : t.length > 90 ? t.slice(0, 90).trimEnd() + "…" : t || "(untitled)";
}
function sideName(side) { return side ? (side.name || side.country || side.actor || "?") : "–"; }
function dateText(d) { if (!d) return "–"; return d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start; }
function attributionText(list) { return (list || []).map((s) => s.name).join(" ← ") || null; }

// ------------------------------------------------------------------------------------------------
// the time brush: one date range for the events table, map, network, dyad and top views, kept in the
// page address (start, end) so a view can be shared; the nav links carry it from view to view
// ------------------------------------------------------------------------------------------------

const RANGE_VIEWS = new Set(["events", "map", "network", "dyad", "top"]);
const DAY_MS = 86400000;
const isoDay = (t) => new Date(t).toISOString().slice(0, 10);

/** The current view's address with some parameters changed (empty values removed); paging restarts. */
function goWith(changes) {
  const hash = location.hash.replace(/^#\/?/, "");
  const [path, query] = hash.split("?");
  const p = new URLSearchParams(query || "");
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "" || v === false) p.delete(k); else p.set(k, v);
  }
  p.delete("offset");
  const s = p.toString();
  location.hash = "#/" + (path || "events") + (s ? "?" + s : "");
}

/** Keep the time range in the nav links of the views that share it. */
function carryRange(params) {
  const range = { start: params.get("start") || "", end: params.get("end") || "" };
  document.querySelectorAll("#nav a[data-view]").forEach((a) => {
    if (RANGE_VIEWS.has(a.dataset.view) || a.dataset.view === "top") a.setAttribute("href", `#/${a.dataset.view}${qs(range)}`);
  });
}

/** The brush: events per period for ``filters`` (GET /timeline, whatever the dates), a selection to drag
    across it, two date fields and "All dates". ``onRange({start, end})`` is called with the new range. */
function timeBrush(params, filters, onRange) {
  const startIn = el("input", { type: "date", id: "brush-start", value: params.get("start") || "" });
  const endIn = el("input", { type: "date", id: "brush-end", value: params.get("end") || "" });
  const clear = el("button", { type: "button", id: "brush-clear" }, "All dates");
  const label = el("span", { class: "muted small", id: "brush-label" });
  const chart = el("div", { class: "brush-chart", id: "brush-chart" }, spinner("Loading the timeline…"));
  const box = el("div", { class: "brush", id: "brush" },
    el("div", { class: "row" }, el("b", {}, "Time range"), el("label", {}, "From", startIn), el("label", {}, "To", endIn), clear,
      el("span", { class: "grow" }), label), chart);
  const emit = () => onRange({ start: startIn.value, end: endIn.value });
  startIn.addEventListener("change", emit);
  endIn.addEventListener("change", emit);
  clear.addEventListener("click", () => onRange({ start: "", end: "" }));
  api("/timeline" + qs({ ...filters, start: "", end: "" })).then((data) => {
    let tl = data;
    if (!tl.items.length) { chart.replaceChildren(el("div", { class: "muted small" }, "No dated events.")); return; }
    const W = 1000, H = 64, M = 4;
    let t0 = Date.parse(tl.chart_first || tl.first), t1 = Date.parse(tl.chart_last || tl.last) + DAY_MS;
    if (startIn.value) t0 = Math.min(t0, Date.parse(startIn.value));
    if (endIn.value) t1 = Math.max(t1, Date.parse(endIn.value) + DAY_MS);
    const outside = tl.items.filter((i) => Date.parse(i.period) + 31 * DAY_MS < t0 || Date.parse(i.period) >= t1)
      .reduce((s, i) => s + i.events, 0);
    tl = { ...tl, items: tl.items.filter((i) => Date.parse(i.period) + 31 * DAY_MS >= t0 && Date.parse(i.period) < t1) };
    const x = (t) => M + ((t - t0) / Math.max(DAY_MS, t1 - t0)) * (W - 2 * M);
    const tOf = (px) => t0 + ((px - M) / (W - 2 * M)) * (t1 - t0);
    const maxN = Math.max(1, ...tl.items.map((i) => i.events));
    const step = { day: DAY_MS, week: 7 * DAY_MS, month: 30.44 * DAY_MS }[tl.freq] || DAY_MS;
    const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, preserveAspectRatio: "none", id: "brush-svg", role: "slider", "aria-label": "time range" });
    tl.items.forEach((it) => {
      const ts = Math.max(t0, Date.parse(it.period));
      const w = Math.max(1.5, x(Math.min(t1, ts + step)) - x(ts) - 0.5);
      const h = Math.max(2, (it.events / maxN) * (H - 10));
      root.append(svg("rect", { class: "bar", x: x(ts).toFixed(1), y: (H - h).toFixed(1), width: w.toFixed(1), height: h.toFixed(1) },
        svg("title", {}, `${it.period}: ${it.events} event${it.events === 1 ? "" : "s"}`)));
    });
    const sel = svg("rect", { class: "sel", y: 0, height: H, x: 0, width: 0, visibility: "hidden" });
    root.append(sel);
    const show = (a, b) => {
      const xa = Math.max(M, x(a)), xb = Math.min(W - M, x(b));
      if (xb <= xa) { sel.setAttribute("visibility", "hidden"); return; }
      sel.setAttribute("x", xa.toFixed(1)); sel.setAttribute("width", (xb - xa).toFixed(1)); sel.setAttribute("visibility", "visible");
    };
    if (startIn.value || endIn.value) show(startIn.value ? Date.parse(startIn.value) : t0, endIn.value ? Date.parse(endIn.value) + DAY_MS : t1);
    const px = (evt) => { const r = root.getBoundingClientRect(); return ((evt.clientX - r.left) / r.width) * W; };
    let from = null;
    root.addEventListener("pointerdown", (evt) => { from = px(evt); root.setPointerCapture(evt.pointerId); show(tOf(from), tOf(from)); });
    root.addEventListener("pointermove", (evt) => { if (from !== null) { const p = px(evt); show(tOf(Math.min(from, p)), tOf(Math.max(from, p))); } });
    root.addEventListener("pointerup", (evt) => {
      if (from === null) return;
      const p = px(evt), a = Math.min(from, p), b = Math.max(from, p);
      from = null;
      if (b - a < 3) return;  // a click, not a drag
      onRange({ start: isoDay(Math.max(t0, tOf(a))), end: isoDay(Math.min(t1 - DAY_MS, tOf(b))) });
    });
    label.textContent = `${data.total} dated events from ${data.first} to ${data.last}, per ${tl.freq}`
      + (outside ? ` (${outside} outside the chart: type their dates)` : "") + "; drag across the chart to choose a range";
    chart.replaceChildren(root, el("div", { class: "brush-axis small muted" }, el("span", {}, isoDay(t0)), el("span", {}, isoDay(t1 - DAY_MS))));
  }).catch((err) => chart.replaceChildren(el("div", { class: "muted small" }, `timeline: ${err.message}`)));
  return box;
}

/** Export links for the events matching ``filters`` (the same filters as the table). */
function exportLinks(filters, total) {
  const f = { ...filters };
  delete f.merged;
  const q = qs(f);
  const items = [["events", "csv", "merged events CSV"], ["mentions", "csv", "mentions CSV"], ["events", "parquet", "Parquet"],
    ["gdelt", "csv", "GDELT 2.0 CSV"], ["polecat", "csv", "POLECAT-style CSV"], ["plover", "json", "PLOVER JSON"]];
  const filtered = Object.keys(f).some((k) => f[k]);
  return el("div", { class: "row small muted", id: "downloads", style: { marginTop: "10px" } },
    filtered ? `Download the selection${total !== undefined ? ` (${total} shown above)` : ""}:` : "Download everything:",
    items.map(([what, fmt, label]) => el("a", { href: `/export/${what}.${fmt}${q}`, download: `${what}.${fmt}`, dataset: { what, fmt } }, label)));
}

// ------------------------------------------------------------------------------------------------
// tooltip
// ------------------------------------------------------------------------------------------------

const tooltip = {
  show(evt, content) {
    const t = $("#tooltip");
    t.replaceChildren(content);
    t.hidden = false;
    this.move(evt);
  },
  move(evt) {
    const t = $("#tooltip");
    if (t.hidden) return;
    const pad = 14, w = t.offsetWidth, h = t.offsetHeight;
    let x = evt.clientX + pad, y = evt.clientY + pad;
    if (x + w > window.innerWidth - 8) x = Math.max(8, evt.clientX - w - pad);
    if (y + h > window.innerHeight - 8) y = Math.max(8, evt.clientY - h - pad);
    t.style.left = x + "px"; t.style.top = y + "px";
  },
  hide() { $("#tooltip").hidden = true; },
};
function kv(key, value) { return value === null || value === undefined || value === "" ? null : el("div", {}, el("span", { class: "k" }, key), " ", String(value)); }

function eventTip(e) {
  return el("div", { class: "tt-sec" },
    el("div", {}, el("b", {}, e.type), e.negated ? " (negated)" : "", e.cameo ? ` · CAMEO ${e.cameo}` : "",
      e.goldstein !== null && e.goldstein !== undefined ? ` · Goldstein ${fmtNum(e.goldstein)}` : ""),
    kv("who", `${sideName(e.source)} → ${sideName(e.target)}`),
    kv("date", e.date ? dateText(e.date) + (e.date.text ? ` (“${e.date.text}”)` : "") : null),
    kv("place", e.location ? e.location.name + (e.location.country ? `, ${e.location.country}` : "") : null),
    kv("status", e.status),
    kv("says who", attributionText(e.attribution)),
    kv("rule", e.rule));
}
function actorTip(a) {
  return el("div", { class: "tt-sec" },
    el("div", {}, el("b", {}, a.name), ` · ${a.type}`),
    kv("country", a.country), kv("role", a.role), kv("code", a.code), kv("sector", (a.sector || []).join(" ")));
}
function quoteTip(q) {
  return el("div", { class: "tt-sec" },
    el("div", {}, el("b", {}, q.direct ? "Direct quote" : "Reported speech")),
    kv("speaker", q.speaker ? q.speaker.name : "unknown"),
    kv("via", (q.via || []).map((s) => s.name).join(" ← ")), kv("cue", q.cue));
}

// ------------------------------------------------------------------------------------------------
// article view: text with actors, events and quotes marked
// ------------------------------------------------------------------------------------------------

/** Tone on GDELT's AvgTone scale (positive % minus negative % of the words): signed, one decimal. */
function fmtTone(x) { return (x > 0 ? "+" : "") + Number(x).toFixed(1); }
function toneTitle(t) {
  return `tone ${fmtTone(t.score)}: ${Number(t.positive).toFixed(1)}% positive, ${Number(t.negative).toFixed(1)}% negative words`
    + (t.words && t.words.length ? ` (${t.words.join(", ")})` : "");
}
/** A small "tone" fact for an event card or a quote, or nothing when there is none. */
function toneText(x, cls) {
  if (x === null || x === undefined) return null;
  return el("span", { class: "tone " + cls + (x > 0 ? " coop" : x < 0 ? " conf" : "") },
    el("span", { class: "fk" }, "tone "), fmtTone(x));
}

/** Render an article record into a node. Offsets are code points (Python), so the text is sliced as
    an array of code points, not UTF-16 units. */
function renderRecord(rec, { selectEvent } = {}) {
  const art = rec.article || {};
  const chars = Array.from(art.text || "");
  const actors = rec.actors || [], events = rec.events || [], quotes = rec.quotes || [];
  [...actors].sort((x, y) => ((x.mentions[0] || {}).start ?? 1e9) - ((y.mentions[0] || {}).start ?? 1e9))
    .forEach((a) => countryColour(a.country));

  // intervals -> elementary segments covered by sets of annotations
  const marks = [];
  actors.forEach((a, ai) => (a.mentions || []).forEach((m) => marks.push({ s: m.start, e: m.end, kind: "act", i: ai })));
  events.forEach((ev, ei) => ev.evidence && marks.push({ s: ev.evidence.start, e: ev.evidence.end, kind: "ev", i: ei }));
  quotes.forEach((q, qi) => marks.push({ s: q.start, e: q.end, kind: "qt", i: qi }));
  const times = rec.times || [], places = rec.places || [];
  times.forEach((t, ti) => marks.push({ s: t.start, e: t.end, kind: "tm", i: ti }));
  places.forEach((p, pi) => marks.push({ s: p.start, e: p.end, kind: "pl", i: pi }));
  const metaZones = (art.zones || []).filter((z) => ["credit", "byline", "agency", "kicker", "dateline"].includes(z.kind));
  metaZones.forEach((z) => marks.push({ s: z.start, e: z.end, kind: "meta", i: 0 }));
  const cuts = new Set([0, chars.length]);
  for (const m of marks) { m.s = Math.max(0, Math.min(chars.length, m.s)); m.e = Math.max(m.s, Math.min(chars.length, m.e)); cuts.add(m.s); cuts.add(m.e); }
  const points = [...cuts].sort((a, b) => a - b);
  const quoteStarts = new Map(quotes.map((q, qi) => [q.start, qi]));

  const textNode = el("div", { class: "text", id: "article-text" });
  const evSpans = events.map(() => []);
  const actSpans = actors.map(() => []);
  for (let k = 0; k + 1 < points.length; k++) {
    const s = points[k], e = points[k + 1];
    if (e <= s) continue;
    const cover = marks.filter((m) => m.s <= s && m.e >= e && m.e > m.s);
    const piece = chars.slice(s, e).join("");
    if (quoteStarts.has(s)) {
      const q = quotes[quoteStarts.get(s)];
      textNode.append(el("span", { class: "qspk", title: "speaker" }, q.speaker ? q.speaker.name : "?"));
    }
    if (!cover.length) { textNode.append(piece); continue; }
    const span = el("span", {});
    const cls = [];
    const act = cover.filter((m) => m.kind === "act").pop();
    const evs = cover.filter((m) => m.kind === "ev");
    const qts = cover.filter((m) => m.kind === "qt");
    const tms = cover.filter((m) => m.kind === "tm"), pls = cover.filter((m) => m.kind === "pl");
    if (tms.length) cls.push("tm");
    if (pls.length && !cover.some((m) => m.kind === "act")) cls.push("pl");  // a country acting is shown as an actor
    if (cover.some((m) => m.kind === "meta")) cls.push("meta-zone");
    if (evs.length) {
      cls.push("ev");
      const pols = new Set(evs.map((m) => polarity(events[m.i].type, events[m.i].goldstein)));
      if (pols.size === 1) cls.push([...pols][0]);
      evs.forEach((m) => evSpans[m.i].push(span));
      span.dataset.events = evs.map((m) => m.i).join(",");
    }
    if (qts.length) cls.push("qt");
    if (act) {
      const a = actors[act.i];
      cls.push("act");
      span.style.background = countryColour(a.country, 0.42);
      span.dataset.actor = a.id;
      actSpans[act.i].push(span);
    }
    span.className = cls.join(" ");
    span.textContent = piece;
    span.addEventListener("mouseenter", (evt) => {
      const box = el("div", {});
      if (act) box.append(actorTip(actors[act.i]));
      evs.forEach((m) => box.append(eventTip(events[m.i])));
      qts.forEach((m) => box.append(quoteTip(quotes[m.i])));
      tms.forEach((m) => { const t = times[m.i]; box.append(el("div", { class: "tt-sec" }, el("b", {}, "Time "), `“${t.text}”`,
        kv("means", t.value ? t.value + (t.end_value ? ` – ${t.end_value}` : "") : "unresolved"), kv("granularity", t.granularity))); });
      pls.forEach((m) => { const p = places[m.i]; box.append(el("div", { class: "tt-sec" }, el("b", {}, "Place "), p.name,
        kv("country", p.country), kv("kind", p.feature),
        kv("lat/lon", p.lat !== null && p.lat !== undefined ? `${Number(p.lat).toFixed(2)}, ${Number(p.lon).toFixed(2)}` : null))); });
      if (box.childNodes.length) tooltip.show(evt, box);
    });
    span.addEventListener("mousemove", (evt) => tooltip.move(evt));
    span.addEventListener("mouseleave", () => tooltip.hide());
    textNode.append(span);
  }

  // legend: one chip per actor, coloured by country; a click dims the others
  const legend = el("div", { class: "legend" });
  let focused = null;
  const chipOrder = actors.map((a, ai) => ai).sort((x, y) => String(actors[x].country || "~").localeCompare(String(actors[y].country || "~")) || x - y);
  const chips = new Array(actors.length);
  chipOrder.forEach((ai) => {
    const a = actors[ai];
    const chip = el("span", { class: "chip", title: `${a.type}${a.country ? " · " + a.country : ""}${a.role ? " · " + a.role : ""}`,
      style: { background: countryColour(a.country, 0.3) } },
    el("span", { class: "sw", style: { background: countryColour(a.country) } }), a.name,
    a.country ? el("span", { class: "muted small" }, a.country) : null);
    chip.addEventListener("click", () => {
      focused = focused === ai ? null : ai;
      chips.forEach((c, ci) => c.classList.toggle("dim", focused !== null && ci !== focused));
      actSpans.forEach((spans, si) => spans.forEach((sp) => sp.classList.toggle("dim", focused !== null && si !== focused)));
    });
    chips[ai] = chip;
    legend.append(chip);
  });

  // events beside the text
  const list = el("div", { class: "events-list", id: "event-list" });
  const cards = events.map((e, ei) => {
    const pol = polarity(e.type, e.goldstein);
    const card = el("div", { class: `ev-card ${pol}`, dataset: { event: e.id }, tabindex: 0, role: "button" },
      el("div", { class: "row" },
        el("span", { class: `badge ${pol}` }, e.type),
        e.negated ? el("span", { class: "badge neg" }, "NOT") : null,
        e.status !== "reported" ? el("span", { class: "badge status" }, e.status) : null,
        el("span", { class: "dyad grow" }, `${sideName(e.source)} → ${sideName(e.target)}`)),
      el("div", { class: "facts" },
        e.date ? el("span", {}, el("span", { class: "fk" }, "when "), dateText(e.date)) : null,
        e.location ? el("span", {}, el("span", { class: "fk" }, "where "), e.location.name) : null,
        e.attribution && e.attribution.length ? el("span", {}, el("span", { class: "fk" }, "says "), attributionText(e.attribution)) : null,
        e.cameo ? el("span", {}, el("span", { class: "fk" }, "CAMEO "), e.cameo) : null,
        toneText(e.tone, "ev-tone")),
      el("div", { class: "facts" }, el("span", { title: "the rule that produced this event" }, el("span", { class: "fk" }, "rule "), e.rule)));
    card.addEventListener("mouseenter", () => evSpans[ei].forEach((s) => s.classList.add("sel")));
    card.addEventListener("mouseleave", () => evSpans[ei].forEach((s) => s.classList.remove("sel")));
    card.addEventListener("click", () => focusEvent(ei));
    card.addEventListener("keydown", (evt) => { if (evt.key === "Enter" || evt.key === " ") { evt.preventDefault(); focusEvent(ei); } });
    return card;
  });
  function focusEvent(ei) {
    cards.forEach((c, ci) => c.classList.toggle("sel", ci === ei));
    const first = evSpans[ei][0];
    if (first) {
      first.scrollIntoView({ behavior: "smooth", block: "center" });
      evSpans[ei].forEach((s) => { s.classList.add("flash"); setTimeout(() => s.classList.remove("flash"), 1600); });
    }
  }
  if (cards.length) list.append(...cards); else list.append(el("div", { class: "muted" }, "No events found in this article."));

  const quoteList = el("div", { id: "quote-list" }, quotes.length ? quotes.map((q) => el("div", { class: "quote-item" },
    el("span", { class: "who" }, q.speaker ? q.speaker.name : "unknown speaker"),
    q.via && q.via.length ? el("span", { class: "muted small" }, " via ", q.via.map((s) => s.name).join(" ← ")) : null,
    toneText(q.tone, "q-tone"),
    el("div", {}, q.direct ? `“${q.text}”` : q.text))) : el("div", { class: "muted" }, "No quotes."));

  const head = el("div", { class: "article-head" },
    el("div", {},
      art.title ? el("h1", {}, art.title)
        : el("h1", { class: "untitled", title: "no title: its first sentence" }, firstSentence(chars.slice(0, 400).join(""))),
      el("div", { class: "meta" },
        el("span", {}, art.published ? `published ${art.published}` : "undated", art.date_basis && art.date_basis !== "none" ? ` (${art.date_basis})` : ""),
        art.source_agency ? el("span", {}, `source: ${art.source_agency}`) : null,
        art.outlet ? el("span", {}, art.outlet) : null,
        art.url ? el("a", { href: art.url, rel: "noopener noreferrer", target: "_blank" }, "original") : null,
        el("span", { class: "small", title: art.id }, (art.id || "").slice(0, 19)))),
    el("div", { class: "counts" },
      el("span", { class: "count" }, el("b", {}, actors.length), " actors"),
      el("span", { class: "count" }, el("b", {}, events.length), " events"),
      el("span", { class: "count" }, el("b", {}, quotes.length), " quotes"),
      rec.tone ? el("span", { class: "count", id: "article-tone", title: toneTitle(rec.tone) },
        el("b", {}, fmtTone(rec.tone.score)), " tone") : null));

  const keyLegend = el("div", { class: "legend" },
    el("span", { class: "chip key" }, el("span", { class: "sw", style: { background: "var(--coop)" } }), "cooperation"),
    el("span", { class: "chip key" }, el("span", { class: "sw", style: { background: "var(--conf)" } }), "conflict"),
    el("span", { class: "chip key" }, el("span", { class: "sw", style: { background: "var(--quote)" } }), "quote, with its speaker"),
    el("span", { class: "chip key" }, el("span", { class: "sw", style: { background: "var(--time)" } }), "time"),
    el("span", { class: "chip key" }, el("span", { class: "sw", style: { background: "var(--place)" } }), "place"),
    el("span", { class: "chip key muted" }, "hover the text for details"));

  const root = el("div", { class: "record" },
    el("div", { class: "card" }, head),
    el("div", { class: "article-grid" },
      el("div", { class: "card" }, el("h3", {}, "Actors by country"), legend, keyLegend, textNode),
      el("div", { class: "card" }, el("h3", {}, `Events (${events.length})`), list, el("h3", {}, `Quotes (${quotes.length})`), quoteList)));
  if (selectEvent) {
    const idx = events.findIndex((e) => e.id === selectEvent);
    if (idx >= 0) setTimeout(() => focusEvent(idx), 50);
  }
  if (rec.warnings && rec.warnings.length) root.append(el("div", { class: "card small muted" }, "Warnings: ", rec.warnings.join("; ")));
  return root;
}

// ------------------------------------------------------------------------------------------------
// views
// ------------------------------------------------------------------------------------------------

const views = {};

views.code = async (view) => {
  const token = localStorage.getItem("communique.token") || "";
  const textarea = el("textarea", { id: "paste", placeholder: "Paste an article: title on the first line, then the text…", spellcheck: "false" });
  const title = el("input", { type: "text", id: "paste-title", placeholder: "optional" });
  const published = el("input", { type: "date", id: "paste-published" });
  const file = el("input", { type: "file", id: "upload", accept: ".txt,.html,.htm,.json,.jsonl,.xml,.rss,.gz,text/*" });
  const store = el("input", { type: "checkbox", id: "paste-store" });
  const tokenInput = el("input", { type: "password", id: "paste-token", placeholder: "token (if the server has one)", value: token, style: { width: "230px", alignSelf: "flex-end" } });
  const button = el("button", { class: "primary", id: "code-button" }, "Code article");
  const result = el("div", { id: "code-result" });
  const drop = el("div", { class: "drop" }, "Or upload a file (text, HTML, JSON, feed): ", file);
  const samples = el("select", { id: "sample-pick", style: { maxWidth: "340px" } }, el("option", { value: "" }, "or try a sample article…"));
  samples.addEventListener("change", async () => {
    if (!samples.value) return;
    try {
      const res = await fetch("/samples/" + encodeURIComponent(samples.value));
      if (!res.ok) throw new Error(`cannot load the sample (${res.status})`);
      textarea.value = await res.text();
      title.value = "";
    } catch (err) { showError(err); }
  });
  api("/samples").then((page) => page.items.forEach((it) => samples.append(el("option", { value: it.name }, it.title)))).catch(() => samples.remove());

  async function run(body, contentType, name) {
    clearError();
    button.disabled = true;
    result.replaceChildren(spinner("Coding…"));
    const headers = {};
    if (contentType) headers["Content-Type"] = contentType;
    if (tokenInput.value) { headers.Authorization = "Bearer " + tokenInput.value; localStorage.setItem("communique.token", tokenInput.value); }
    try {
      const t0 = performance.now();
      const rec = await api("/code" + qs({ published: published.value, title: title.value, store: store.checked ? "true" : "", name }),
        { method: "POST", headers, body });
      const ms = performance.now() - t0;
      result.replaceChildren(
        el("div", { class: "muted small", style: { margin: "10px 2px" } }, `Coded in ${ms.toFixed(0)} ms`,
          store.checked ? el("span", {}, " · stored · ", el("a", { href: "#/article/" + encodeURIComponent(rec.article.id) }, "open from the store")) : ""),
        renderRecord(rec));
      refreshStatus();
    } catch (err) {
      result.replaceChildren();
      showError(err);
    } finally {
      button.disabled = false;
    }
  }
  button.addEventListener("click", () => {
    if (!textarea.value.trim()) { showError(new Error("Paste some text first, or choose a file.")); return; }
    run(textarea.value, "text/plain; charset=utf-8");
  });
  file.addEventListener("change", () => {
    const f = file.files[0];
    if (!f) return;
    const form = new FormData();
    form.append("file", f, f.name);
    if (published.value) form.append("published", published.value);
    run(form, null);
  });
  for (const evName of ["dragover", "dragleave", "drop"]) {
    drop.addEventListener(evName, (evt) => {
      evt.preventDefault();
      drop.classList.toggle("over", evName === "dragover");
      if (evName === "drop" && evt.dataTransfer.files.length) {
        const form = new FormData();
        form.append("file", evt.dataTransfer.files[0], evt.dataTransfer.files[0].name);
        run(form, null);
      }
    });
  }
  view.replaceChildren(
    el("div", { class: "card" },
      el("h2", {}, "Code an article"),
      el("div", { class: "row" }, el("p", { class: "muted grow", style: { margin: "0 0 8px" } }, "Paste a news article (or upload a file) and see who did what to whom, when, where, and who says so."), samples),
      textarea,
      el("div", { class: "spacer" }),
      el("div", { class: "row" },
        el("label", {}, "Title", title),
        el("label", {}, "Published", published),
        el("label", { class: "inline", title: "write the record to the store (needs the token on a shared server)" }, store, "save to store"),
        tokenInput, el("span", { class: "grow" }), button),
      el("div", { class: "spacer" }), drop),
    result);
};

views.article = async (view, [id], params) => {
  view.replaceChildren(spinner());
  const rec = await api("/articles/" + encodeURIComponent(id));
  view.replaceChildren(renderRecord(rec, { selectEvent: params.get("event") }));
};

views.articles = async (view, _parts, params) => {
  const q = el("input", { type: "text", id: "articles-q", placeholder: "search titles and text", value: params.get("q") || "" });
  const offset = Number(params.get("offset") || 0);
  const body = el("div", {}, spinner());
  const form = el("form", { class: "row" }, q, el("button", { class: "primary", type: "submit" }, "Search"));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); go("articles", { q: q.value }); });
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Stored articles"), form, el("div", { class: "spacer" }), body));
  const page = await api("/articles" + qs({ q: q.value, limit: 50, offset }));
  if (!page.items.length) { body.replaceChildren(el("div", { class: "empty" }, "No articles yet: code one with “save to store”, or run communique ingest.")); return; }
  const rows = page.items.map((r) => {
    const title = pick(r, "title", "article.title");
    const tr = el("tr", { class: "link" },
      el("td", { class: "nowrap" }, pick(r, "published", "article.published") || "–"),
      el("td", {}, title || el("span", { class: "display-title", title: pick(r, "document", "input_id") || "" }, pick(r, "display_title") || "(untitled)")),
      el("td", {}, [pick(r, "outlet"), pick(r, "source_agency")].filter(Boolean).join(" · ")),
      el("td", {}, pick(r, "n_actors") ?? ""), el("td", {}, pick(r, "n_events", "events", "event_count") ?? ""),
      el("td", {}, pick(r, "n_quotes") ?? ""));
    tr.addEventListener("click", () => { location.hash = "#/article/" + encodeURIComponent(pick(r, "id", "article_id")); });
    return tr;
  });
  body.replaceChildren(
    el("table", { class: "data" }, el("thead", {}, el("tr", {}, ["Published", "Title", "Outlet / source", "Actors", "Events", "Quotes"].map((h) => el("th", {}, h)))), el("tbody", {}, rows)),
    pager(page, (o) => go("articles", { q: q.value, offset: o })));
};

views.actors = async (view, _parts, params) => {
  const q = el("input", { type: "text", id: "actors-q", placeholder: "name, role, code or ISO3", value: params.get("q") || "" });
  const offset = Number(params.get("offset") || 0);
  const body = el("div", {}, spinner());
  const form = el("form", { class: "row" }, q, el("button", { class: "primary", type: "submit" }, "Search"));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); go("actors", { q: q.value }); });
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Actors"), form, el("div", { class: "spacer" }), body));
  const page = await api("/actors" + qs({ q: q.value, limit: 50, offset }));
  if (!page.items.length) { body.replaceChildren(el("div", { class: "empty" }, "No actors match.")); return; }
  const rows = page.items.map((r) => {
    const key = r.code || r.country || r.name;
    const tr = el("tr", { class: "link", title: "their events" },
      el("td", {}, el("span", { class: "sw-dot", style: { background: countryColour(r.country) } }), " ", r.name,
        (r.aliases || []).length ? el("div", { class: "muted small aliases" }, "also: ", r.aliases.join(", ")) : null),
      el("td", {}, r.type || ""), el("td", {}, r.country || ""), el("td", {}, r.code || ""),
      el("td", {}, (r.roles || []).join(", ")), el("td", {}, r.articles ?? ""), el("td", {}, r.mentions ?? ""));
    tr.addEventListener("click", () => go("events", { actor: r.type === "country" ? key : r.name }));
    return tr;
  });
  body.replaceChildren(el("div", { class: "table-wrap" }, el("table", { class: "data", id: "actors-table" },
    el("thead", {}, el("tr", {}, ["Name", "Type", "Country", "Code", "Roles", "Articles", "Mentions"].map((h) => el("th", {}, h)))),
    el("tbody", {}, rows))), pager(page, (o) => go("actors", { q: q.value, offset: o })));
};

function pager(page, onPage) {
  const from = page.total ? page.offset + 1 : 0, to = Math.min(page.offset + page.limit, page.total);
  const prev = el("button", { disabled: page.offset <= 0 }, "‹ Previous");
  const next = el("button", { disabled: page.next_offset === null || page.next_offset === undefined }, "Next ›");
  prev.addEventListener("click", () => onPage(Math.max(0, page.offset - page.limit)));
  next.addEventListener("click", () => onPage(page.next_offset));
  return el("div", { class: "pager" }, el("span", { class: "muted" }, `${from}–${to} of ${page.total}`), prev, next);
}

const EVENT_FILTERS = ["actor", "country", "type", "status", "start", "end", "place", "text", "merged"];

views.events = async (view, _parts, params) => {
  const inputs = {
    actor: el("input", { type: "text", placeholder: "name, code or ISO3", value: params.get("actor") || "", list: "actor-names" }),
    country: el("input", { type: "text", placeholder: "ISO3, e.g. FRA", value: params.get("country") || "" }),
    type: el("select", {}, el("option", { value: "" }, "any"), ALL_TYPES.map((t) => el("option", { value: t, selected: params.get("type") === t }, t))),
    status: el("select", {}, el("option", { value: "" }, "any"), STATUSES.map((t) => el("option", { value: t, selected: params.get("status") === t }, t))),
    place: el("input", { type: "text", placeholder: "place", value: params.get("place") || "" }),
    text: el("input", { type: "text", placeholder: "words", value: params.get("text") || "" }),
    merged: el("input", { type: "checkbox", checked: params.get("merged") === "true" }),
  };
  const sort = params.get("sort") || "-date";
  const offset = Number(params.get("offset") || 0);
  const current = () => {
    const out = {};
    for (const k of EVENT_FILTERS) {
      if (k === "start" || k === "end") out[k] = params.get(k) || "";  // the time brush's range
      else out[k] = k === "merged" ? (inputs.merged.checked ? "true" : "") : inputs[k].value.trim();
    }
    return out;
  };
  const form = el("form", { class: "filters", id: "event-filters" },
    Object.entries(inputs).filter(([k]) => k !== "merged").map(([k, input]) => el("label", {}, k, input)),
    el("label", { class: "inline" }, inputs.merged, "merged events"),
    el("button", { class: "primary", type: "submit" }, "Filter"));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); go("events", { ...current(), sort }); });
  const body = el("div", {}, spinner());
  const names = el("datalist", { id: "actor-names" });
  const downloads = el("div", { id: "downloads-slot" });
  const brush = timeBrush(params, { ...current(), start: "", end: "" }, (r) => go("events", { ...current(), sort, ...r }));
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Events"), form, names, brush, downloads), el("div", { class: "card" }, body));
  api("/actors" + qs({ limit: 300 })).then((page) => {
    const seen = new Set();
    for (const a of page.items) for (const v of [a.name, a.code, a.country]) if (v && !seen.has(v)) { seen.add(v); names.append(el("option", { value: v })); }
  }).catch(() => {});

  const page = await api("/events" + qs({ ...current(), sort, limit: 100, offset }));
  downloads.replaceChildren(exportLinks(current(), page.total));
  body.replaceChildren(el("div", { class: "muted small", id: "events-total", dataset: { total: page.total } },
    `${plural(page.total, current().merged ? "merged event" : "event mention")}` + (current().start || current().end ? ` from ${current().start || "the start"} to ${current().end || "the end"}` : "")),
  eventsTable(page, {
    sort,
    onSort: (key) => go("events", { ...current(), sort: key === "mentions" || sort !== key ? key : "-" + key }),
    onPage: (o) => go("events", { ...current(), sort, offset: o }),
  }));
};

/** The events table (rows from GET /events): each row links to its article. ``compact`` keeps four
    columns for narrow panels. */
function eventsTable(page, { sort, onSort, onPage, compact } = {}) {
  if (!page.items.length) return el("div", { class: "empty" }, "No events match.");
  const cols = compact
    ? [["date", "Date"], [null, "Type"], [null, "Who → whom"]]
    : [["date", "Date"], [null, "Type"], [null, "Source"], [null, "Target"], [null, "Status"],
      [null, "Place"], ["goldstein", "Goldstein"], ["mentions", "Mentions"], [null, "Evidence"]];
  const head = el("tr", {}, cols.map(([key, label]) => {
    const th = el("th", { class: key && onSort ? "sortable" : "" }, label);
    if (key && sort && sort.replace(/^-/, "") === key) th.append(el("span", { class: "arrow" }, sort.startsWith("-") ? "▼" : "▲"));
    if (key && onSort) th.addEventListener("click", () => onSort(key));
    return th;
  }));
  const rows = page.items.map((r) => {
    const type = pick(r, "type");
    const pol = polarity(type, pick(r, "goldstein"));
    const articleId = pick(r, "article_id", "article", "articles.0");
    const eventId = pick(r, "event_id", "mentions.0", "id");
    const src = pick(r, "source_name", "source.name", "source_country", "source_code") || "–";
    const tgt = pick(r, "target_name", "target.name", "target_country", "target_code") || "–";
    const typeCell = el("td", {}, el("span", { class: `badge ${pol}` }, type), pick(r, "negated") ? el("span", { class: "badge neg" }, "NOT") : null);
    const date = pick(r, "date_start", "date.start", "first_seen", "date", "day") || "–";
    const place = pick(r, "location_name", "location.name", "place") || "";
    const evidence = String(pick(r, "evidence_text", "evidence.text", "evidence") || "");
    const cells = compact
      ? [el("td", { class: "nowrap" }, date), typeCell, el("td", {}, `${src} → ${tgt}`, place ? el("div", { class: "muted small" }, place) : null)]
      : [el("td", { class: "nowrap" }, date), typeCell, el("td", {}, src), el("td", {}, tgt), el("td", {}, pick(r, "status") || ""),
        el("td", {}, place), el("td", {}, fmtNum(pick(r, "goldstein"))), el("td", {}, pick(r, "n_mentions", "mention_count") ?? 1),
        el("td", { class: "ev-text" }, evidence.slice(0, 160))];
    const tr = el("tr", { class: articleId ? "link" : "", title: compact ? evidence : null }, cells);
    if (articleId) {
      const local = String(eventId || "").includes("#") ? String(eventId).split("#").pop() : eventId;
      tr.addEventListener("click", () => { location.hash = "#/article/" + encodeURIComponent(articleId) + (local ? "?event=" + encodeURIComponent(local) : ""); });
    }
    return tr;
  });
  return el("div", { class: "table-wrap" }, el("table", { class: "data", id: compact ? null : "events-table" }, el("thead", {}, head), el("tbody", {}, rows)),
    onPage ? pager(page, onPage) : null);
}

// ------------------------------------------------------------------------------------------------
// dyad timeline
// ------------------------------------------------------------------------------------------------

function involves(row, code) {
  const vals = ["source_country", "target_country", "source_code", "target_code", "source_actor", "target_actor",
    "source.country", "target.country", "source.code", "target.code"].map((p) => pick(row, p));
  return vals.some((v) => v && String(v).toUpperCase().startsWith(code.toUpperCase()));
}

/** The dyad series (GET /dyads/A/B): {series: [{period, ab, ba, total, gap, until, periods}]}; a gap row
    stands for a run of empty periods (drawn as a break, not as years of zeros). */
function normaliseSeries(data) {
  const list = Array.isArray(data) ? data : data && (data.series || data.items || data.rows || data.periods) || [];
  const num = (x) => (Number.isFinite(Number(x)) ? Number(x) : 0);
  return list.map((p) => {
    const cell = p.total && typeof p.total === "object" ? p.total : p;
    const ab = p.ab && typeof p.ab === "object" ? p.ab : null, ba = p.ba && typeof p.ba === "object" ? p.ba : null;
    const coop = num(pick(cell, "coop", "cooperation")), conf = num(pick(cell, "conflict", "conf"));
    return {
      period: String(pick(p, "period", "date", "start", "bucket") || ""),
      gap: Boolean(p.gap), until: p.until || null, periods: num(p.periods),
      coop, conf,
      coopAB: ab ? num(ab.coop) : coop, coopBA: ba ? num(ba.coop) : 0,
      confAB: ab ? num(ab.conflict) : conf, confBA: ba ? num(ba.conflict) : 0,
      goldstein: num(pick(cell, "goldstein", "goldstein_sum", "net")),
      events: num(pick(cell, "events", "count")),
      types: cell.types || {},
    };
  }).filter((p) => p.period).sort((x, y) => x.period.localeCompare(y.period));
}
function normaliseAlignment(data) {
  if (!data) return null;
  const list = Array.isArray(data) ? data : data.series || data.items || [];
  const out = list.map((p) => ({ period: String(pick(p, "period", "date", "start") || ""), gap: Boolean(p.gap),
    value: p.gap ? null : pick(p, "index", "alignment", "value") }))
    .filter((p) => p.period);
  return out.some((p) => p.value !== null && Number.isFinite(Number(p.value))) ? out : null;
}

/** Path segments through the points whose y is a number, broken wherever one is missing. */
function brokenPath(pts) {
  let d = "", open = false;
  for (const [x, y] of pts) {
    if (y === null || y === undefined || !Number.isFinite(y)) { open = false; continue; }
    d += `${open ? "L" : "M"}${x.toFixed(1)},${y.toFixed(1)}`;
    open = true;
  }
  return d;
}

const FREQ_WORDS = { day: "day", week: "week", month: "month" };

function dyadChart(points, align, A, B, freq) {
  const W = 980, H = 340, M = { l: 52, r: 52, t: 16, b: 46 };
  const iw = W - M.l - M.r, ih = H - M.t - M.b;
  // columns: one per period, a gap row is one wider hatched column
  const widths = points.map((p) => (p.gap ? 1.6 : 1));
  const unit = iw / widths.reduce((s, w) => s + w, 0);
  const xs = [];
  let acc = M.l;
  widths.forEach((w) => { xs.push([acc, acc + w * unit]); acc += w * unit; });
  const cx = (i) => (xs[i][0] + xs[i][1]) / 2;
  const data = points.filter((p) => !p.gap);
  const maxCount = Math.max(1, ...data.map((p) => Math.max(p.coopAB + p.coopBA, p.confAB + p.confBA)));
  const maxG = Math.max(1, ...data.map((p) => Math.abs(p.goldstein)));
  const y0 = M.t + ih / 2;
  const yc = (v) => y0 - (v / maxCount) * (ih / 2 - 4);
  const yg = (v) => y0 - (v / maxG) * (ih / 2 - 4);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "dyad timeline", id: "dyad-chart" });
  root.append(svg("defs", {}, svg("pattern", { id: "gap-hatch", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" },
    svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: "#d5dbe4", "stroke-width": 2 }))));
  const axis = svg("g", { class: "axis" });
  axis.append(svg("line", { x1: M.l, x2: W - M.r, y1: y0, y2: y0 }));
  const step = Math.max(1, Math.ceil(maxCount / 4));
  for (let v = -Math.floor(maxCount / step) * step; v <= maxCount; v += step) {
    if (v) root.append(svg("line", { class: "gridline", x1: M.l, x2: W - M.r, y1: yc(v), y2: yc(v) }));
    axis.append(svg("text", { x: M.l - 8, y: yc(v) + 4, "text-anchor": "end" }, Math.abs(v)));
  }
  for (const frac of [-1, -0.5, 0, 0.5, 1]) axis.append(svg("text", { x: W - M.r + 8, y: yg(frac * maxG) + 4 }, fmtNum(frac * maxG)));
  axis.append(svg("text", { x: 12, y: M.t + ih / 4, transform: `rotate(-90 12 ${M.t + ih / 4})`, "text-anchor": "middle" }, "cooperation"));
  axis.append(svg("text", { x: 12, y: M.t + (3 * ih) / 4, transform: `rotate(-90 12 ${M.t + (3 * ih) / 4})`, "text-anchor": "middle" }, "conflict"));
  axis.append(svg("text", { x: W - 10, y: M.t + ih / 2, transform: `rotate(90 ${W - 10} ${M.t + ih / 2})`, "text-anchor": "middle" }, "Goldstein sum"));
  const every = Math.max(1, Math.ceil(points.length / 12));
  points.forEach((p, i) => {
    if (p.gap) {
      const g = svg("g", { class: "gap", dataset: { periods: p.periods } },
        svg("rect", { x: xs[i][0] + 1, y: M.t, width: xs[i][1] - xs[i][0] - 2, height: ih, fill: "url(#gap-hatch)" }),
        xs[i][1] - xs[i][0] > 46 ? svg("text", { class: "gap-label", x: cx(i), y: M.t + 12, "text-anchor": "middle" }, `${p.periods} ${FREQ_WORDS[freq] || "period"}s`) : null,
        xs[i][1] - xs[i][0] > 78 ? svg("text", { class: "gap-label", x: cx(i), y: M.t + 24, "text-anchor": "middle" }, "without events") : null);
      g.addEventListener("mouseenter", (evt) => tooltip.show(evt, el("div", {}, el("b", {}, `${p.period} – ${p.until}`), el("div", {}, `no events in ${p.periods} ${freq}s`))));
      g.addEventListener("mousemove", (evt) => tooltip.move(evt));
      g.addEventListener("mouseleave", () => tooltip.hide());
      root.append(g);
      axis.append(svg("text", { x: cx(i), y: H - M.b + 18, "text-anchor": "middle" }, "⋯"));
      return;
    }
    if (i % every === 0) axis.append(svg("text", { x: cx(i), y: H - M.b + 18, "text-anchor": "middle" }, p.period.slice(0, freq === "month" ? 7 : 10)));
    const bw = xs[i][1] - xs[i][0];
    const w = Math.max(1, Math.min(bw * 0.7, 56)), x = cx(i) - w / 2;
    const g = svg("g", { class: "period" });
    const bar = (from, to, fill) => { if (to !== from) g.append(svg("rect", { x, y: Math.min(yc(from), yc(to)), width: w, height: Math.abs(yc(to) - yc(from)), fill })); };
    bar(0, p.coopAB, "var(--coop)");
    bar(p.coopAB, p.coopAB + p.coopBA, "#86c9a2");
    bar(0, -p.confAB, "var(--conf)");
    bar(-p.confAB, -(p.confAB + p.confBA), "#e8958f");
    g.append(svg("rect", { x: xs[i][0], y: M.t, width: bw, height: ih, fill: "transparent" }));
    g.addEventListener("mouseenter", (evt) => tooltip.show(evt, el("div", {}, el("b", {}, p.period),
      kv("events", p.events), kv(`coop ${A}→${B}`, p.coopAB), kv(`coop ${B}→${A}`, p.coopBA),
      kv(`conflict ${A}→${B}`, p.confAB), kv(`conflict ${B}→${A}`, p.confBA), kv("Goldstein", fmtNum(p.goldstein)),
      kv("types", Object.entries(p.types).map(([t, n]) => `${t} ${n}`).join(", ")))));
    g.addEventListener("mousemove", (evt) => tooltip.move(evt));
    g.addEventListener("mouseleave", () => tooltip.hide());
    root.append(g);
  });
  root.append(axis);
  const gpts = points.map((p, i) => [cx(i), p.gap ? null : yg(p.goldstein)]);
  root.append(svg("path", { id: "goldstein-line", d: brokenPath(gpts), fill: "none", stroke: "#1d2b44", "stroke-width": 2, "stroke-linejoin": "round" }));
  points.forEach((p, i) => { if (!p.gap) root.append(svg("circle", { cx: cx(i), cy: yg(p.goldstein), r: 3, fill: "#1d2b44" })); });
  const legend = el("div", { class: "chart-legend" },
    el("span", {}, el("span", { class: "sw", style: { background: "var(--coop)" } }), `cooperation ${A}→${B}`),
    el("span", {}, el("span", { class: "sw", style: { background: "#86c9a2" } }), `cooperation ${B}→${A}`),
    el("span", {}, el("span", { class: "sw", style: { background: "var(--conf)" } }), `conflict ${A}→${B}`),
    el("span", {}, el("span", { class: "sw", style: { background: "#e8958f" } }), `conflict ${B}→${A}`),
    el("span", {}, el("span", { class: "sw", style: { background: "#1d2b44", height: "3px" } }), "Goldstein sum (right axis)"),
    el("span", {}, el("span", { class: "sw hatch" }), "a stretch without events"));
  const out = el("div", { class: "chart" }, legend, root);
  if (align) out.append(alignmentChart(points, align, xs, W, M));
  return out;
}

/** The alignment index on its own axis (-1..1), under the dyad chart and on the same columns; broken
    where there is no index. */
function alignmentChart(points, align, xs, W, M) {
  const H = 130, t = 12, b = 22, ih = H - t - b;
  const y = (v) => t + ((1 - v) / 2) * ih;
  const byPeriod = new Map(align.map((a) => [a.period.slice(0, 10), a.value === null ? null : Number(a.value)]));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "alignment index", id: "alignment-chart" });
  const axis = svg("g", { class: "axis" });
  for (const v of [-1, 0, 1]) {
    root.append(svg("line", { class: v === 0 ? "axisline" : "gridline", x1: M.l, x2: W - M.r, y1: y(v), y2: y(v), stroke: v === 0 ? "#c9d0db" : null }));
    axis.append(svg("text", { x: M.l - 8, y: y(v) + 4, "text-anchor": "end" }, v > 0 ? "+1" : String(v)));
  }
  axis.append(svg("text", { x: 12, y: t + ih / 2, transform: `rotate(-90 12 ${t + ih / 2})`, "text-anchor": "middle" }, "alignment"));
  root.append(axis);
  const pts = points.map((p, i) => {
    const v = p.gap ? null : byPeriod.get(p.period.slice(0, 10));
    return [(xs[i][0] + xs[i][1]) / 2, v === null || v === undefined ? null : y(v)];
  });
  points.forEach((p, i) => { if (p.gap) root.append(svg("rect", { x: xs[i][0] + 1, y: t, width: xs[i][1] - xs[i][0] - 2, height: ih, fill: "url(#gap-hatch)" })); });
  root.append(svg("path", { id: "alignment-line", d: brokenPath(pts), fill: "none", stroke: "var(--accent)", "stroke-width": 2 }));
  pts.forEach(([x, yy]) => { if (yy !== null) root.append(svg("circle", { cx: x, cy: yy, r: 2.5, fill: "var(--accent)" })); });
  return el("div", { class: "chart", id: "alignment" },
    el("div", { class: "chart-legend" }, el("span", {}, el("span", { class: "sw", style: { background: "var(--accent)", height: "3px" } }),
      "alignment index, −1 (opposed) to +1 (aligned): its own axis")), root);
}

views.dyad = async (view, [a, b], params) => {
  const ia = el("input", { type: "text", id: "dyad-a", placeholder: "e.g. China or CHN", value: a || "", size: 12 });
  const ib = el("input", { type: "text", id: "dyad-b", placeholder: "e.g. Russia or RUS", value: b || "", size: 12 });
  const freq = el("select", { id: "dyad-freq" }, ["month", "week", "day"].map((f) => el("option", { value: f, selected: (params.get("freq") || "month") === f }, f)));
  const status = el("select", { id: "dyad-status", title: "which events count" },
    [["", "what happened (default)"], ["all", "all, also planned, hypothetical, negated"], ["reported,ongoing,attempted,claimed,planned", "also planned"]]
      .map(([v, t]) => el("option", { value: v, selected: (params.get("status") || "") === v }, t)));
  const range = { start: params.get("start") || "", end: params.get("end") || "" };
  const form = el("form", { class: "row" }, el("label", {}, "Actor A", ia), el("label", {}, "Actor B", ib), el("label", {}, "Period", freq),
    el("label", {}, "Counting", status), el("button", { class: "primary", type: "submit", style: { alignSelf: "flex-end" } }, "Show timeline"));
  form.addEventListener("submit", (evt) => {
    evt.preventDefault();
    // codes upper-cased as the API reads them; names ("Russia", "the UK") are resolved by the server alike
    if (ia.value && ib.value) location.hash = `#/dyad/${encodeURIComponent(ia.value.trim().toUpperCase())}/${encodeURIComponent(ib.value.trim().toUpperCase())}${qs({ ...range, freq: freq.value, status: status.value })}`;
  });
  const brush = timeBrush(params, { merged: "true", ...(a && b ? {} : {}) }, (r) => goWith(r));
  const body = el("div", { id: "dyad-body" });
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Dyad: cooperation and conflict over time"), form, brush), el("div", { class: "card" }, body));
  if (!a || !b) {
    body.append(el("div", { class: "muted" }, "Choose two actors (names, country codes or actor codes), or one of the busiest dyads:"), spinner());
    const net = await api("/network" + qs(range));
    const label = new Map((net.nodes || []).map((n) => [String(n.id), n.label || n.id]));
    const top = [...(net.edges || [])].sort((x, y) => (y.events || 0) - (x.events || 0)).slice(0, 24);
    body.lastChild.replaceWith(top.length ? el("div", { class: "dyad-picks", id: "dyad-picks" }, top.map((e) => el("a", {
      class: `chip ${(e.conflict || 0) > (e.coop || 0) ? "conf" : "coop"}`, href: `#/dyad/${encodeURIComponent(e.source)}/${encodeURIComponent(e.target)}${qs(range)}`,
    }, `${label.get(e.source) || e.source} – ${label.get(e.target) || e.target}`, el("span", { class: "muted small" }, ` ${e.events}`)))) : el("div", { class: "empty" }, "No dyads in the store yet."));
    if (top.length) view.append(await topMovers(params));
    return;
  }
  body.append(spinner());
  const f = freq.value;
  const q = qs({ freq: f, ...range, status: status.value });
  let series, align, events;
  try {
    [series, align, events] = await Promise.all([
      api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}${q}`),
      api(`/alignment/${encodeURIComponent(a)}/${encodeURIComponent(b)}${q}`).catch(() => null),
      api("/events" + qs({ actor: a, merged: "true", ...range, limit: 1000, sort: "-date" })).catch(() => null),
    ]);
  } catch (err) {
    body.replaceChildren(el("div", { class: "empty", id: "dyad-error" }, err instanceof ApiError ? err.message : String(err.message || err)));
    showError(err);
    return;
  }
  const A = series.a || a, B = series.b || b;
  const points = normaliseSeries(series);
  const gaps = points.filter((p) => p.gap);
  body.replaceChildren(el("h2", {}, `${A} ↔ ${B}`, el("span", { class: "muted small" },
    ` · per ${f} · ${plural(points.length - gaps.length, "period")} with events` + (gaps.length ? `, ${plural(gaps.length, "long gap")} shown as breaks` : ""))));
  if (!points.length) { body.append(el("div", { class: "empty" }, `No events between ${A} and ${B}.`)); return; }
  body.append(dyadChart(points, normaliseAlignment(align), A, B, f));
  if (events) {
    const both = { ...events, items: events.items.filter((r) => involves(r, B) || involves(r, b)) };
    both.total = both.items.length; both.offset = 0; both.next_offset = null; both.limit = both.items.length;
    body.append(el("h3", {}, "Merged events between them"), eventsTable(both));
  }
};

/** The dyads that moved most between two periods (GET /top): with a time range chosen, that range
    against the same number of days before it; else the latest span of days against the span before. */
async function topMovers(params) {
  const card = el("div", { class: "card", id: "top-movers" }, el("h2", {}, "Top movers"));
  let before_start, before_end, after_start, after_end;
  const rs = params && params.get("start"), re = params && params.get("end");
  if (rs && re) {
    const t0 = Date.parse(rs), t1 = Date.parse(re), days = Math.round((t1 - t0) / DAY_MS) + 1;
    after_start = rs; after_end = re; before_end = isoDay(t0 - DAY_MS); before_start = isoDay(t0 - days * DAY_MS);
  } else {
    const tl = await api("/timeline" + qs({ merged: "true" }));
    if (!tl.first || tl.first === tl.last) {
      card.append(el("div", { class: "muted" }, "Top movers need events on at least two different days."));
      return card;
    }
    const t0 = Date.parse(tl.first), t1 = Date.parse(tl.last);
    const span = Math.max(1, Math.min(90, Math.floor((t1 - t0) / DAY_MS / 2)));
    before_start = isoDay(t1 - (2 * span - 1) * DAY_MS); before_end = isoDay(t1 - span * DAY_MS);
    after_start = isoDay(t1 - (span - 1) * DAY_MS); after_end = tl.last;
  }
  const inputs = { before_start, before_end, after_start, after_end };
  const fields = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, el("input", { type: "date", value: v, id: `top-${k}` })]));
  const out = el("div", {});
  const form = el("form", { class: "row" },
    el("label", {}, "Before: from", fields.before_start), el("label", {}, "to", fields.before_end),
    el("label", {}, "After: from", fields.after_start), el("label", {}, "to", fields.after_end),
    el("button", { class: "primary", type: "submit", style: { alignSelf: "flex-end" } }, "Compare"));
  async function run() {
    out.replaceChildren(spinner());
    try {
      const [res, net] = await Promise.all([
        api("/top" + qs({ ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value])), n: 10 })),
        api("/network" + qs({ start: fields.before_start.value, end: fields.after_end.value })).catch(() => ({ nodes: [] }))]);
      const label = new Map((net.nodes || []).map((n) => [String(n.id), n.label || n.id]));
      const items = (res.items || []).filter((r) => r.net_change || r.before.events || r.after.events);
      if (!items.length) { out.replaceChildren(el("div", { class: "empty" }, "No dyad has events in these periods.")); return; }
      const sign = (v) => (v > 0 ? "coop" : v < 0 ? "conf" : "");
      out.replaceChildren(el("div", { class: "table-wrap" }, el("table", { class: "data", id: "top-table" },
        el("thead", {}, el("tr", {}, ["Dyad", "Before: coop / conflict", "After: coop / conflict", "Net change per 30 days"].map((h) => el("th", {}, h)))),
        el("tbody", {}, items.map((r) => {
          const href = `#/dyad/${encodeURIComponent(r.a)}/${encodeURIComponent(r.b)}`;
          const tr = el("tr", { class: "link" },
            el("td", {}, el("a", { href }, `${label.get(r.a) || r.a} – ${label.get(r.b) || r.b}`)),
            el("td", {}, `${r.before.coop} / ${r.before.conflict}`), el("td", {}, `${r.after.coop} / ${r.after.conflict}`),
            el("td", {}, el("span", { class: `badge ${sign(r.net_change)}` }, (r.net_change > 0 ? "+" : "") + fmtNum(r.net_change, 2))));
          tr.addEventListener("click", () => { location.hash = href; });
          return tr;
        })))));
    } catch (err) { out.replaceChildren(); showError(err); }
  }
  form.addEventListener("submit", (evt) => { evt.preventDefault(); run(); });
  card.append(el("p", { class: "muted", style: { marginTop: 0 } }, "The dyads whose cooperation minus conflict changed most from one period to the next (the time range, when one is chosen, against as many days before it)."), form, el("div", { class: "spacer" }), out);
  run();
  return card;
}

views.top = async (view, _parts, params) => {
  const brush = timeBrush(params, { merged: "true" }, (r) => goWith(r));
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Top movers"), brush));
  view.append(await topMovers(params));
};

// ------------------------------------------------------------------------------------------------
// network: d3-force (vendored) with collision on node and label, named nodes (countries, and non-state
// actors as their own nodes), blocs coloured; a node's count is the same in its tooltip and its panel
// ------------------------------------------------------------------------------------------------

let MEASURE = null;
function textWidth(text, font = "11px system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'DejaVu Sans', sans-serif") {
  if (!MEASURE) MEASURE = document.createElement("canvas").getContext("2d");
  MEASURE.font = font;
  return MEASURE.measureText(text).width;
}

/** Place nodes with d3-force: charge, links, a pull to the centre, and collision on a radius that
    holds the node and its label; then hide the labels that would still overlap a busier node's. */
function forceNetwork(nodes, edges) {
  const links = edges.map((e) => ({ ...e }));
  nodes.forEach((n, i) => { const a = (2 * Math.PI * i) / nodes.length; n.x = 300 * Math.cos(a); n.y = 300 * Math.sin(a); });
  const sim = d3.forceSimulation(nodes)
    .force("link", d3.forceLink(links).id((d) => d.id).distance((l) => 40 + l.source.r + l.target.r).strength(0.25))
    .force("charge", d3.forceManyBody().strength((d) => -60 - 8 * d.r))
    .force("x", d3.forceX(0).strength(0.05))
    .force("y", d3.forceY(0).strength(0.07))
    // room for the node and for its label under it
    .force("collide", d3.forceCollide((d) => Math.max(d.r + 16, d.lw / 2 + 5)).strength(0.9).iterations(4))
    .stop();
  for (let i = 0; i < 360; i++) sim.tick();
  // each label below, above, right or left of its node, the first place free of other labels and nodes,
  // busiest nodes first; the ten busiest keep theirs when only a node is in the way; others are hidden
  const placed = [];
  const overlaps = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
  const hitsNode = (box, n) => nodes.some((m) => m !== n && m.x + m.r > box[0] && m.x - m.r < box[2] && m.y + m.r > box[1] && m.y - m.r < box[3]);
  [...nodes].sort((a, b) => b.events - a.events).forEach((n, rank) => {
    const w = n.lw + 2, h = 13;
    const spots = [
      ["below", [n.x - w / 2, n.y + n.r + 2, n.x + w / 2, n.y + n.r + 2 + h]],
      ["above", [n.x - w / 2, n.y - n.r - 2 - h, n.x + w / 2, n.y - n.r - 2]],
      ["right", [n.x + n.r + 3, n.y - h / 2, n.x + n.r + 3 + w, n.y + h / 2]],
      ["left", [n.x - n.r - 3 - w, n.y - h / 2, n.x - n.r - 3, n.y + h / 2]],
    ];
    let spot = spots.find(([, box]) => !placed.some((b) => overlaps(box, b)) && !hitsNode(box, n));
    if (!spot && rank < 10) spot = spots.find(([, box]) => !placed.some((b) => overlaps(box, b)));
    n.labelAt = spot ? spot[0] : null;
    n.showLabel = Boolean(spot);
    if (spot) { n.labelBox = spot[1]; placed.push(spot[1]); }
  });
  const xs = nodes.flatMap((n) => [n.x - n.r, n.x + n.r, ...(n.labelBox ? [n.labelBox[0], n.labelBox[2]] : [])]);
  const ys = nodes.flatMap((n) => [n.y - n.r, n.y + n.r, ...(n.labelBox ? [n.labelBox[1], n.labelBox[3]] : [])]);
  // never scale a small graph up: at least 900 x 560 units, the drawing in the middle
  let x0 = Math.min(...xs) - 12, y0 = Math.min(...ys) - 12, x1 = Math.max(...xs) + 12, y1 = Math.max(...ys) + 12;
  if (x1 - x0 < 900) { const c = (x0 + x1) / 2; x0 = c - 450; x1 = c + 450; }
  if (y1 - y0 < 560) { const c = (y0 + y1) / 2; y0 = c - 280; y1 = c + 280; }
  return { x0, y0, x1, y1 };
}

views.network = async (view, _parts, params) => {
  const minEvents = el("input", { type: "number", min: 1, value: params.get("min_events") || 1, style: { width: "80px" }, id: "net-min" });
  const fold = el("input", { type: "checkbox", id: "net-fold", checked: params.get("fold") === "true" });
  const form = el("form", { class: "row" }, el("label", {}, "Min. events", minEvents),
    el("label", { class: "inline", title: "draw rebels, parties, media... inside their country's node" }, fold, "fold non-state actors into their country"),
    el("button", { class: "primary", type: "submit", style: { alignSelf: "flex-end" } }, "Draw"));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); goWith({ min_events: minEvents.value, fold: fold.checked ? "true" : "" }); });
  const range = { start: params.get("start") || "", end: params.get("end") || "" };
  const brush = timeBrush(params, { merged: "true" }, (r) => goWith(r));
  const canvas = el("div", { class: "net", id: "network" }, spinner());
  const side = el("div", { id: "network-side" }, el("div", { class: "muted" }, "Click a node for its ties; click an edge for the dyad timeline."));
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Network: who cooperates and who fights"), form, brush),
    el("div", { class: "net-wrap" }, el("div", { class: "card" }, canvas), el("div", { class: "card" }, side)));
  let data = await api("/network" + qs({ ...range, min_events: minEvents.value, fold: fold.checked ? "true" : "", status: params.get("status") || "" }));
  const MAX_NODES = 150;
  let nodes = (data.nodes || []).map((n) => ({ ...n, id: String(n.id), label: n.label || n.id }));
  if (nodes.length > MAX_NODES) {
    nodes = [...nodes].sort((x, y) => y.events - x.events).slice(0, MAX_NODES);
    side.prepend(el("div", { class: "muted small" }, `Showing the ${MAX_NODES} busiest actors; raise “Min. events” to thin the graph.`));
  }
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = (data.edges || []).filter((e) => byId.has(String(e.source)) && byId.has(String(e.target)))
    .map((e) => ({ ...e, source: String(e.source), target: String(e.target) }));
  if (!nodes.length) { canvas.replaceChildren(el("div", { class: "empty" }, "No ties between actors in this period.")); return; }
  const blocOf = new Map();
  (data.blocs || []).forEach((members, bi) => members.forEach((m) => blocOf.set(String(m), bi)));
  const maxS = Math.max(1, ...nodes.map((n) => n.events));
  nodes.forEach((n) => {
    n.r = 5 + 15 * Math.sqrt(n.events / maxS);
    n.lw = textWidth(n.label);
    n.bloc = n.bloc ?? blocOf.get(n.id) ?? -1;
  });
  const bounds = forceNetwork(nodes, edges);
  const W = bounds.x1 - bounds.x0, H = bounds.y1 - bounds.y0;
  const root = svg("svg", { viewBox: `${bounds.x0.toFixed(1)} ${bounds.y0.toFixed(1)} ${W.toFixed(1)} ${H.toFixed(1)}`, id: "network-svg",
    role: "img", "aria-label": "actor network", style: { maxHeight: "720px" } });
  const gEdges = svg("g", {}), gNodes = svg("g", {}), gLabels = svg("g", { class: "labels" });
  const maxW = Math.max(1, ...edges.map((e) => e.events));
  const edgeEls = edges.map((e) => {
    const a = byId.get(e.source), b = byId.get(e.target);
    const colour = e.conflict > e.coop ? "var(--conf)" : e.coop > e.conflict ? "var(--coop)" : "#8c96a8";
    const line = svg("line", { class: "edge", x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1), stroke: colour,
      "stroke-opacity": 0.55, "stroke-width": (1 + 6 * Math.sqrt(e.events / maxW)).toFixed(2), "stroke-linecap": "round" });
    line.addEventListener("mouseenter", (evt) => tooltip.show(evt, el("div", {}, el("b", {}, `${a.label} – ${b.label}`),
      kv("events", e.events), kv("cooperation", e.coop), kv("conflict", e.conflict), el("div", { class: "small" }, "click: dyad timeline"))));
    line.addEventListener("mousemove", (evt) => tooltip.move(evt));
    line.addEventListener("mouseleave", () => tooltip.hide());
    line.addEventListener("click", () => { tooltip.hide(); location.hash = `#/dyad/${encodeURIComponent(a.id)}/${encodeURIComponent(b.id)}${qs(range)}`; });
    gEdges.append(line);
    return { e, line };
  });
  let selected = null;
  const nodeEls = nodes.map((n) => {
    const colour = n.bloc >= 0 ? BLOC_COLOURS[Number(n.bloc) % BLOC_COLOURS.length] : "#8c96a8";
    const g = svg("g", { class: `node ${n.kind === "non-state" ? "nonstate" : ""}`, transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`,
      dataset: { id: n.id, events: n.events } },
      svg("circle", { r: n.r.toFixed(1), fill: colour }));
    if (n.showLabel) gLabels.append(svg("text", { class: "label", "text-anchor": "middle", dataset: { id: n.id },
      x: ((n.labelBox[0] + n.labelBox[2]) / 2).toFixed(1), y: (n.labelBox[3] - 3).toFixed(1) }, n.label));
    g.addEventListener("mouseenter", (evt) => tooltip.show(evt, el("div", { id: "node-tip" }, el("b", {}, n.label),
      kv("events", n.events), kv("cooperation", n.coop), kv("conflict", n.conflict), kv("ties", n.degree),
      kv("bloc", n.bloc >= 0 ? Number(n.bloc) + 1 : "–"), kv("kind", n.kind === "non-state" ? "non-state actor" : "state"))));
    g.addEventListener("mousemove", (evt) => tooltip.move(evt));
    g.addEventListener("mouseleave", () => tooltip.hide());
    g.addEventListener("click", () => select(selected === n.id ? null : n.id));
    gNodes.append(g);
    return { n, g };
  });
  function select(id) {
    selected = id;
    const neighbours = new Set([id]);
    edgeEls.forEach(({ e }) => { if (e.source === id) neighbours.add(e.target); if (e.target === id) neighbours.add(e.source); });
    nodeEls.forEach(({ n, g }) => { g.classList.toggle("sel", n.id === id); g.classList.toggle("faded", id !== null && !neighbours.has(n.id)); });
    gLabels.querySelectorAll("text").forEach((t) => t.classList.toggle("faded", id !== null && !neighbours.has(t.dataset.id)));
    edgeEls.forEach(({ e, line }) => line.classList.toggle("faded", id !== null && e.source !== id && e.target !== id));
    if (id === null) { side.replaceChildren(el("div", { class: "muted" }, "Click a node for its ties.")); return; }
    const node = byId.get(id);
    const ties = edgeEls.map(({ e }) => e).filter((e) => e.source === id || e.target === id)
      .map((e) => ({ other: byId.get(e.source === id ? e.target : e.source), ...e })).sort((x, y) => y.events - x.events);
    side.replaceChildren(el("h2", {}, node.label),
      el("div", { id: "node-count" }, el("b", {}, node.events), ` events with the ${plural(ties.length, "actor")} drawn`,
        el("span", { class: "muted" }, ` (${node.coop} cooperation, ${node.conflict} conflict)`)),
      el("div", { class: "row small" },
        el("a", { href: "#/events" + qs({ actor: id, merged: "true", ...range }) }, "their merged events →"),
        el("span", { class: "muted" }, "(also domestic ones and those with actors not drawn)")),
      el("div", { class: "table-wrap" }, el("table", { class: "data", id: "node-ties" },
        el("thead", {}, el("tr", {}, ["With", "Events", "Coop", "Conflict"].map((h) => el("th", {}, h)))),
        el("tbody", {}, ties.map((t) => {
          const tr = el("tr", { class: "link", title: "dyad timeline" }, el("td", {}, t.other.label), el("td", {}, t.events), el("td", {}, t.coop), el("td", {}, t.conflict));
          tr.addEventListener("click", () => { location.hash = `#/dyad/${encodeURIComponent(id)}/${encodeURIComponent(t.other.id)}${qs(range)}`; });
          return tr;
        })))));
  }
  root.append(gEdges, gNodes, gLabels);
  const blocIds = [...new Set(nodes.map((n) => n.bloc).filter((b) => b >= 0))].sort((x, y) => x - y).slice(0, 10);
  const hidden = nodes.filter((n) => !n.showLabel).length;
  canvas.replaceChildren(el("div", { class: "chart-legend" },
    el("span", {}, `${plural(nodes.length, "actor")}, ${plural(edges.length, "tie")}`, hidden ? ` (${hidden} small labels hidden: hover the node)` : ""),
    blocIds.map((b) => el("span", {}, el("span", { class: "sw", style: { background: BLOC_COLOURS[Number(b) % BLOC_COLOURS.length], borderRadius: "50%" } }), `bloc ${Number(b) + 1}`)),
    el("span", {}, el("span", { class: "sw", style: { background: "var(--coop)", height: "4px" } }), "mostly cooperation"),
    el("span", {}, el("span", { class: "sw", style: { background: "var(--conf)", height: "4px" } }), "mostly conflict"),
    el("span", {}, el("span", { class: "sw ring" }), "non-state actor")), root);
  if (params.get("select")) select(params.get("select"));
};

// ------------------------------------------------------------------------------------------------
// map: Leaflet (vendored) over an offline basemap of country outlines (Natural Earth, static/countries.json);
// every located event, aggregated on the server per zoom level (GET /map) and clustered here
// ------------------------------------------------------------------------------------------------

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
let COUNTRIES = undefined;
async function loadCountries() {
  if (COUNTRIES === undefined) {
    try { COUNTRIES = await api("/static/countries.json"); } catch (_err) { COUNTRIES = null; }
  }
  return COUNTRIES;
}

views.map = async (view, _parts, params) => {
  const type = el("select", { id: "map-type" }, el("option", { value: "" }, "any type"), ALL_TYPES.map((t) => el("option", { value: t, selected: params.get("type") === t }, t)));
  const merged = el("input", { type: "checkbox", id: "map-merged", checked: params.get("merged") === "true" });
  const form = el("form", { class: "row" }, el("label", {}, "Type", type), el("label", { class: "inline" }, merged, "merged events"),
    el("button", { class: "primary", type: "submit", style: { alignSelf: "flex-end" } }, "Show"));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); goWith({ type: type.value, merged: merged.checked ? "true" : "" }); });
  const filters = { type: params.get("type") || "", actor: params.get("actor") || "", country: params.get("country") || "",
    status: params.get("status") || "", start: params.get("start") || "", end: params.get("end") || "", merged: params.get("merged") || "" };
  const brush = timeBrush(params, filters, (r) => goWith(r));
  const canvas = el("div", { class: "leaflet-map", id: "map" });
  const info = el("div", { class: "chart-legend", id: "map-info" }, spinner());
  const below = el("div", { id: "map-events" });
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Where events happen"), form, brush),
    el("div", { class: "card" }, info, canvas, below));
  if (typeof L === "undefined") { canvas.replaceChildren(el("div", { class: "empty" }, "The map library did not load.")); return; }
  const map = L.map(canvas, { worldCopyJump: true, minZoom: 1, maxZoom: 12, zoomSnap: 1, preferCanvas: false }).setView([28, 15], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Outlines: Natural Earth (public domain)");
  window.communiqueMap = map;  // for the browser tests and the curious
  const outlines = await loadCountries();
  let countryCounts = new Map();
  let countryMax = 1;
  const countryLayer = outlines ? L.geoJSON(outlines, {
    style: (f) => {
      const c = countryCounts.get(f.properties.iso3);
      if (!c) return { color: "#b9c3d1", weight: 0.6, fillColor: "#f7f4ec", fillOpacity: 1 };
      const colour = c.conflict > c.coop ? "#c8423b" : c.coop > c.conflict ? "#2e8b57" : "#5a6b86";
      return { color: colour, weight: 1.2, fillColor: colour, fillOpacity: 0.25 + 0.45 * Math.min(1, c.n / countryMax) };
    },
    onEachFeature: (f, layer) => layer.on({
      mouseover: (e) => {
        const c = countryCounts.get(f.properties.iso3);
        if (c) tooltip.show(e.originalEvent, el("div", {}, el("b", {}, c.name), kv("country-level events", c.n), kv("cooperation", c.coop), kv("conflict", c.conflict)));
      },
      mousemove: (e) => tooltip.move(e.originalEvent),
      mouseout: () => tooltip.hide(),
      click: () => { const c = countryCounts.get(f.properties.iso3); if (c) showEvents({ country: c.country }, `${c.name} (country-level and others)`); },
    }),
  }).addTo(map) : null;
  const cluster = L.markerClusterGroup({
    maxClusterRadius: 46, showCoverageOnHover: false, spiderfyOnMaxZoom: true, chunkedLoading: true,
    iconCreateFunction: (c) => {
      const n = c.getAllChildMarkers().reduce((s, m) => s + m.options.weight, 0);
      const size = n < 10 ? 30 : n < 100 ? 38 : n < 1000 ? 46 : 54;
      return L.divIcon({ html: `<span>${n}</span>`, className: "cq-cluster", iconSize: [size, size] });
    },
  }).addTo(map);

  function showEvents(extra, title) {
    below.replaceChildren(spinner());
    api("/events" + qs({ ...filters, ...extra, limit: 200, sort: "-date" })).then((page) => {
      below.replaceChildren(el("h3", {}, `${title}: ${plural(page.total, "event")}`), eventsTable(page));
    }).catch(showError);
  }

  let loading = 0, lastZoom = null;
  const BBOX_ZOOM = 5;
  async function load() {
    const mine = ++loading;
    const zoom = map.getZoom();
    let bbox = "";
    if (zoom >= BBOX_ZOOM) {  // close up: only what is around the view
      const b = map.getBounds().pad(0.6);
      const clip = (v, lo, hi) => Math.max(lo, Math.min(hi, v)).toFixed(3);
      bbox = b.getEast() - b.getWest() >= 360 ? "" : [clip(b.getWest(), -180, 180), clip(b.getSouth(), -90, 90), clip(b.getEast(), -180, 180), clip(b.getNorth(), -90, 90)].join(",");
    }
    lastZoom = zoom;
    const data = await api("/map" + qs({ ...filters, zoom, bbox }));
    if (mine !== loading) return;  // a later zoom already asked again
    cluster.clearLayers();
    const maxN = Math.max(1, ...data.points.map((p) => p.n));
    const markers = data.points.map((p) => {
      const size = Math.round(16 + 18 * Math.sqrt(p.n / maxN));
      const pol = p.conflict > p.coop ? "conf" : p.coop > p.conflict ? "coop" : "mixed";
      const m = L.marker([p.lat, p.lon], { weight: p.n, title: p.name || "",
        icon: L.divIcon({ html: `<span>${p.n}</span>`, className: `cq-pt ${pol}`, iconSize: [size, size] }) });
      const where = p.places > 1 ? `${p.name} and ${plural(p.places - 1, "place")} nearby` : p.name;
      m.bindTooltip(`${where}: ${plural(p.n, "event")} (${p.coop} cooperation, ${p.conflict} conflict)`, { direction: "top" });
      m.on("click", () => {
        if (p.places > 1 && map.getZoom() < 12) map.setView([p.lat, p.lon], Math.min(12, map.getZoom() + 3));
        else showEvents({ place: p.name }, where);
      });
      return m;
    });
    cluster.addLayers(markers);
    countryCounts = new Map(data.countries.map((c) => [c.country, c]));
    countryMax = Math.max(1, ...data.countries.map((c) => c.n));
    if (countryLayer) countryLayer.setStyle(countryLayer.options.style);
    const unlocated = data.total - data.located;
    info.replaceChildren(
      el("span", { id: "map-count", dataset: { located: data.located, points: data.in_points, countries: data.in_countries } },
        (bbox ? `${data.in_points} of ${plural(data.located, "located event")} in and around the view, at ${plural(data.points.length, "place")}`
          : `${plural(data.located, "located event")} shown: ${data.in_points} at ${plural(data.points.length, "place")}`)
        + (data.in_countries ? `, ${data.in_countries} country-level in ${plural(data.countries.length, "country")}`.replace("countrys", "countries") : "")
        + (unlocated ? ` · ${unlocated} without a place` : "")),
      el("span", {}, el("span", { class: "sw", style: { background: "var(--coop)", borderRadius: "50%" } }), "mostly cooperation"),
      el("span", {}, el("span", { class: "sw", style: { background: "var(--conf)", borderRadius: "50%" } }), "mostly conflict"),
      el("span", {}, "zoom in or click a cluster to split it"));
    if (!data.located) below.replaceChildren(el("div", { class: "empty" }, "No located events for these filters."));
    canvas.dataset.loaded = String(mine);
  }
  // a new zoom asks the server again (its grid follows the zoom); so does a pan when close up
  map.on("moveend", () => { if (map.getZoom() !== lastZoom || map.getZoom() >= BBOX_ZOOM) load().catch(showError); });
  await load();
};

// ------------------------------------------------------------------------------------------------
// router
// ------------------------------------------------------------------------------------------------

function go(view, params) { location.hash = `#/${view}${qs(params)}`; }

async function route() {
  tooltip.hide();
  clearError();
  const hash = location.hash.replace(/^#\/?/, "") || "code";
  const [path, query] = hash.split("?");
  const parts = path.split("/").map(decodeURIComponent);
  const name = parts.shift() || "code";
  const params = new URLSearchParams(query || "");
  carryRange(params);
  document.querySelectorAll("#nav a[data-view]").forEach((a) => a.classList.toggle("active", a.dataset.view === name || (name === "article" && a.dataset.view === "articles")));
  const view = $("#view");
  const fn = views[name];
  if (!fn) { view.replaceChildren(el("div", { class: "empty" }, `No view “${name}”.`)); return; }
  try {
    await fn(view, parts, params);
    document.title = `Communiqué · ${name}`;
  } catch (err) {
    showError(err);
    if (view.querySelector(".spin")) view.querySelectorAll(".spin").forEach((s) => s.parentNode.replaceWith(el("div", { class: "empty" }, "Could not load this view.")));
  }
}

async function refreshStatus() {
  try {
    const h = await api("/health");
    const c = h.counts || {};
    const n = (k) => c[k] ?? c[k + "s"] ?? null;
    $("#status").textContent = h.counts ? `${n("article") ?? "?"} articles · ${n("event_mention") ?? n("mention") ?? n("event") ?? "?"} event mentions` : "store unavailable";
    $("#status").title = h.store_error ? h.store_error.message : h.db;
  } catch (_err) { $("#status").textContent = ""; }
}

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => { route(); refreshStatus(); });
