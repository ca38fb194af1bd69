/* Communiqué dashboard. Plain JavaScript, no libraries, no build step: every view talks to the JSON API
   of the same server. Views: code (paste/upload), article (annotated text), articles, events table,
   dyad timeline, network (force layout), map (equirectangular). Routing is by location.hash. */
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

function sideName(side) { return side ? (side.name || side.country || side.actor || "?") : "–"; }
function dateText(d) { if (!d) return "–"; return d.end && d.end !== d.start ? `${d.start} – ${d.end}` : d.start; }
function attributionText(list) { return (list || []).map((s) => s.name).join(" ← ") || null; }

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
        : el("h1", { class: "untitled" }, "(untitled) ", el("span", { class: "muted" }, chars.slice(0, 80).join("").split(/\s+/).slice(0, 10).join(" ") + "…")),
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
      el("td", {}, title || el("span", { class: "muted" }, "(untitled) ", pick(r, "document", "input_id") || "")),
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
      el("td", {}, el("span", { class: "sw-dot", style: { background: countryColour(r.country) } }), " ", r.name),
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
    start: el("input", { type: "date", value: params.get("start") || "" }),
    end: el("input", { type: "date", value: params.get("end") || "" }),
    place: el("input", { type: "text", placeholder: "place", value: params.get("place") || "" }),
    text: el("input", { type: "text", placeholder: "words", value: params.get("text") || "" }),
    merged: el("input", { type: "checkbox", checked: params.get("merged") === "true" }),
  };
  const sort = params.get("sort") || "-date";
  const offset = Number(params.get("offset") || 0);
  const current = () => {
    const out = {};
    for (const k of EVENT_FILTERS) out[k] = k === "merged" ? (inputs.merged.checked ? "true" : "") : inputs[k].value.trim();
    return out;
  };
  const form = el("form", { class: "filters", id: "event-filters" },
    Object.entries(inputs).filter(([k]) => k !== "merged").map(([k, input]) => el("label", {}, k, input)),
    el("label", { class: "inline" }, inputs.merged, "merged events"),
    el("button", { class: "primary", type: "submit" }, "Filter"));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); go("events", { ...current(), sort }); });
  const body = el("div", {}, spinner());
  const names = el("datalist", { id: "actor-names" });
  const downloads = el("div", { class: "row small muted", id: "downloads", style: { marginTop: "10px" } }, "Download the whole store:",
    [["events", "csv", "merged events CSV"], ["mentions", "csv", "mentions CSV"], ["events", "parquet", "Parquet"],
      ["gdelt", "csv", "GDELT-style CSV"], ["plover", "json", "PLOVER JSON"]].map(([what, fmt, label]) =>
      el("a", { href: `/export/${what}.${fmt}`, download: `${what}.${fmt}` }, label)));
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Events"), form, names, downloads), el("div", { class: "card" }, body));
  api("/actors" + qs({ limit: 300 })).then((page) => {
    const seen = new Set();
    for (const a of page.items) for (const v of [a.name, a.code, a.country]) if (v && !seen.has(v)) { seen.add(v); names.append(el("option", { value: v })); }
  }).catch(() => {});

  const page = await api("/events" + qs({ ...current(), sort, limit: 100, offset }));
  body.replaceChildren(eventsTable(page, {
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

views.dyad = async (view, [a, b], params) => {
  const ia = el("input", { type: "text", id: "dyad-a", placeholder: "e.g. CHN", value: a || "", size: 8 });
  const ib = el("input", { type: "text", id: "dyad-b", placeholder: "e.g. RUS", value: b || "", size: 8 });
  const freq = el("select", { id: "dyad-freq" }, ["month", "week", "day"].map((f) => el("option", { value: f, selected: (params.get("freq") || "month") === f }, f)));
  const form = el("form", { class: "row" }, el("label", {}, "Actor A", ia), el("label", {}, "Actor B", ib), el("label", {}, "Period", freq),
    el("button", { class: "primary", type: "submit", style: { alignSelf: "flex-end" } }, "Show timeline"));
  form.addEventListener("submit", (evt) => {
    evt.preventDefault();
    if (ia.value && ib.value) location.hash = `#/dyad/${encodeURIComponent(ia.value.trim().toUpperCase())}/${encodeURIComponent(ib.value.trim().toUpperCase())}?freq=${freq.value}`;
  });
  const body = el("div", { id: "dyad-body" });
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Dyad: cooperation and conflict over time"), form), el("div", { class: "card" }, body));
  if (!a || !b) {
    body.append(el("div", { class: "muted" }, "Choose two actors (country codes or actor codes), or one of the busiest dyads:"), spinner());
    const net = await api("/network");
    const top = [...(net.edges || [])].sort((x, y) => (y.events || 0) - (x.events || 0)).slice(0, 24);
    body.lastChild.replaceWith(top.length ? el("div", { class: "dyad-picks", id: "dyad-picks" }, top.map((e) => el("a", {
      class: `chip ${(e.conflict || 0) > (e.coop || 0) ? "conf" : "coop"}`, href: `#/dyad/${encodeURIComponent(e.source)}/${encodeURIComponent(e.target)}`,
    }, `${e.source} – ${e.target}`, el("span", { class: "muted small" }, ` ${e.events}`)))) : el("div", { class: "empty" }, "No dyads in the store yet."));
    if (top.length) view.append(await topMovers());
    return;
  }
  body.append(spinner());
  const f = freq.value;
  let series, align, events;
  try {
    [series, align, events] = await Promise.all([
      api(`/dyads/${encodeURIComponent(a)}/${encodeURIComponent(b)}?freq=${f}`),
      api(`/alignment/${encodeURIComponent(a)}/${encodeURIComponent(b)}?freq=${f}`).catch(() => null),
      api("/events" + qs({ actor: a, country: b.length === 3 ? b : "", limit: 1000, sort: "-date" })).catch(() => null),
    ]);
  } catch (err) {
    // an unknown actor (404 unknown_actor) or a failing store: say so in place of the spinner
    body.replaceChildren(el("div", { class: "empty", id: "dyad-error" }, err instanceof ApiError ? err.message : String(err.message || err)));
    showError(err);
    return;
  }
  const points = normaliseSeries(series);
  body.replaceChildren(el("h2", {}, `${a} ↔ ${b}`, el("span", { class: "muted small" }, ` · per ${f}`)));
  if (!points.length) { body.append(el("div", { class: "empty" }, `No events between ${a} and ${b}.`)); return; }
  body.append(dyadChart(points, normaliseAlignment(align), a, b));
  if (events) {
    const both = { ...events, items: events.items.filter((r) => involves(r, b)) };
    both.total = both.items.length; both.offset = 0; both.next_offset = null; both.limit = both.items.length;
    body.append(el("h3", {}, "Events between them"), eventsTable(both));
  }
};

/** The dyads that moved most between two periods (GET /top); the periods default to the two halves of
    the stored events' date range. */
async function topMovers() {
  const [first, last] = await Promise.all([api("/events" + qs({ sort: "date", limit: 1 })), api("/events" + qs({ sort: "-date", limit: 1 }))]);
  const day = (page) => String(pick(page.items[0] || {}, "day", "date_start") || "").slice(0, 10);
  const d0 = day(first), d1 = day(last);
  const card = el("div", { class: "card", id: "top-movers" }, el("h2", {}, "Top movers"));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d0) || !/^\d{4}-\d{2}-\d{2}$/.test(d1) || d0 === d1) {
    card.append(el("div", { class: "muted" }, "Top movers need events on at least two different days."));
    return card;
  }
  // the latest span of days against the span before it: at most 90 days, at most half the range
  const DAY = 86400000, t0 = Date.parse(d0), t1 = Date.parse(d1);
  const span = Math.max(1, Math.min(90, Math.floor((t1 - t0) / DAY / 2)));
  const iso = (t) => new Date(t).toISOString().slice(0, 10);
  const inputs = { before_start: iso(t1 - (2 * span - 1) * DAY), before_end: iso(t1 - span * DAY),
    after_start: iso(t1 - (span - 1) * DAY), after_end: d1 };
  const fields = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, el("input", { type: "date", value: v })]));
  const out = el("div", {});
  const form = el("form", { class: "row" },
    el("label", {}, "Before: from", fields.before_start), el("label", {}, "to", fields.before_end),
    el("label", {}, "After: from", fields.after_start), el("label", {}, "to", fields.after_end),
    el("button", { class: "primary", type: "submit", style: { alignSelf: "flex-end" } }, "Compare"));
  async function run() {
    out.replaceChildren(spinner());
    try {
      const res = await api("/top" + qs({ ...Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.value])), n: 10 }));
      const items = (res.items || []).filter((r) => r.net_change || r.before.events || r.after.events);
      if (!items.length) { out.replaceChildren(el("div", { class: "empty" }, "No dyad has events in these periods.")); return; }
      const sign = (v) => (v > 0 ? "coop" : v < 0 ? "conf" : "");
      out.replaceChildren(el("div", { class: "table-wrap" }, el("table", { class: "data" },
        el("thead", {}, el("tr", {}, ["Dyad", "Before: coop / conflict", "After: coop / conflict", "Net change per 30 days"].map((h) => el("th", {}, h)))),
        el("tbody", {}, items.map((r) => {
          const tr = el("tr", { class: "link" },
            el("td", {}, el("a", { href: `#/dyad/${encodeURIComponent(r.a)}/${encodeURIComponent(r.b)}` }, `${r.a} – ${r.b}`)),
            el("td", {}, `${r.before.coop} / ${r.before.conflict}`), el("td", {}, `${r.after.coop} / ${r.after.conflict}`),
            el("td", {}, el("span", { class: `badge ${sign(r.net_change)}` }, (r.net_change > 0 ? "+" : "") + fmtNum(r.net_change, 2))));
          tr.addEventListener("click", () => { location.hash = `#/dyad/${encodeURIComponent(r.a)}/${encodeURIComponent(r.b)}`; });
          return tr;
        })))));
    } catch (err) { out.replaceChildren(); showError(err); }
  }
  form.addEventListener("submit", (evt) => { evt.preventDefault(); run(); });
  card.append(el("p", { class: "muted", style: { marginTop: 0 } }, "The dyads whose cooperation minus conflict changed most from one period to the next."), form, el("div", { class: "spacer" }), out);
  run();
  return card;
}

function involves(row, code) {
  const vals = ["source_country", "target_country", "source_code", "target_code", "source_actor", "target_actor",
    "source.country", "target.country", "source.code", "target.code"].map((p) => pick(row, p));
  return vals.some((v) => v && String(v).toUpperCase().startsWith(code.toUpperCase()));
}

/** The dyad series (GET /dyads/A/B): {series: [{period, ab, ba, total}]} where each cell has coop,
    conflict, goldstein and counts per type; a flat list of periods is accepted too. */
function normaliseSeries(data) {
  const list = Array.isArray(data) ? data : data && (data.series || data.items || data.rows || data.periods) || [];
  const num = (x) => (Number.isFinite(Number(x)) ? Number(x) : 0);
  return list.map((p) => {
    const cell = p.total && typeof p.total === "object" ? p.total : p;
    const ab = p.ab && typeof p.ab === "object" ? p.ab : null, ba = p.ba && typeof p.ba === "object" ? p.ba : null;
    const coop = num(pick(cell, "coop", "cooperation")), conf = num(pick(cell, "conflict", "conf"));
    return {
      period: String(pick(p, "period", "date", "start", "bucket") || ""),
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
  const out = list.map((p) => ({ period: String(pick(p, "period", "date", "start") || ""), value: pick(p, "alignment", "index", "value") }))
    .filter((p) => p.period && p.value !== null && Number.isFinite(Number(p.value)));
  return out.length ? out : null;
}

function dyadChart(points, align, A, B) {
  const W = 980, H = 360, M = { l: 52, r: 52, t: 20, b: 46 };
  const iw = W - M.l - M.r, ih = H - M.t - M.b;
  const maxCount = Math.max(1, ...points.map((p) => Math.max(p.coopAB + p.coopBA, p.confAB + p.confBA)));
  const maxG = Math.max(1, ...points.map((p) => Math.abs(p.goldstein)));
  const bw = iw / points.length;
  const y0 = M.t + ih / 2;
  const yc = (v) => y0 - (v / maxCount) * (ih / 2 - 4);
  const yg = (v) => y0 - (v / maxG) * (ih / 2 - 4);
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "dyad timeline", id: "dyad-chart" });
  const gstep = Math.max(1, Math.ceil(maxCount / 4));
  for (let v = -Math.floor(maxCount / gstep) * gstep; v <= maxCount; v += gstep) if (v) root.append(svg("line", { class: "gridline", x1: M.l, x2: W - M.r, y1: yc(v), y2: yc(v) }));
  const axis = svg("g", { class: "axis" });
  axis.append(svg("line", { x1: M.l, x2: W - M.r, y1: y0, y2: y0 }));
  const step = Math.max(1, Math.ceil(maxCount / 4));
  for (let v = -Math.floor(maxCount / step) * step; v <= maxCount; v += step) {
    axis.append(svg("text", { x: M.l - 8, y: yc(v) + 4, "text-anchor": "end" }, Math.abs(v)));
  }
  for (const frac of [-1, -0.5, 0, 0.5, 1]) axis.append(svg("text", { x: W - M.r + 8, y: yg(frac * maxG) + 4 }, fmtNum(frac * maxG)));
  axis.append(svg("text", { x: 12, y: M.t + ih / 4, transform: `rotate(-90 12 ${M.t + ih / 4})`, "text-anchor": "middle" }, "cooperation"));
  axis.append(svg("text", { x: 12, y: M.t + (3 * ih) / 4, transform: `rotate(-90 12 ${M.t + (3 * ih) / 4})`, "text-anchor": "middle" }, "conflict"));
  const every = Math.ceil(points.length / 12);
  points.forEach((p, i) => {
    if (i % every === 0) axis.append(svg("text", { x: M.l + bw * (i + 0.5), y: H - M.b + 18, "text-anchor": "middle" }, p.period.slice(0, 10)));
  });
  root.append(axis);
  points.forEach((p, i) => {
    const w = Math.max(1, Math.min(bw * 0.7, 56)), x = M.l + bw * (i + 0.5) - w / 2;
    const g = svg("g", { class: "period" });
    const bar = (from, to, fill) => { if (to !== from) g.append(svg("rect", { x, y: Math.min(yc(from), yc(to)), width: w, height: Math.abs(yc(to) - yc(from)), fill })); };
    bar(0, p.coopAB, "var(--coop)");
    bar(p.coopAB, p.coopAB + p.coopBA, "#86c9a2");
    bar(0, -p.confAB, "var(--conf)");
    bar(-p.confAB, -(p.confAB + p.confBA), "#e8958f");
    g.append(svg("rect", { x: M.l + bw * i, y: M.t, width: bw, height: ih, fill: "transparent" }));
    g.addEventListener("mouseenter", (evt) => tooltip.show(evt, el("div", {}, el("b", {}, p.period),
      kv("events", p.events), kv(`coop ${A}→${B}`, p.coopAB), kv(`coop ${B}→${A}`, p.coopBA),
      kv(`conflict ${A}→${B}`, p.confAB), kv(`conflict ${B}→${A}`, p.confBA), kv("Goldstein", fmtNum(p.goldstein)),
      kv("types", Object.entries(p.types).map(([t, n]) => `${t} ${n}`).join(", ")))));
    g.addEventListener("mousemove", (evt) => tooltip.move(evt));
    g.addEventListener("mouseleave", () => tooltip.hide());
    root.append(g);
  });
  const line = points.map((p, i) => `${i ? "L" : "M"}${(M.l + bw * (i + 0.5)).toFixed(1)},${yg(p.goldstein).toFixed(1)}`).join(" ");
  root.append(svg("path", { d: line, fill: "none", stroke: "#1d2b44", "stroke-width": 2, "stroke-linejoin": "round" }));
  points.forEach((p, i) => root.append(svg("circle", { cx: M.l + bw * (i + 0.5), cy: yg(p.goldstein), r: 3, fill: "#1d2b44" })));
  if (align) {
    const byPeriod = new Map(align.map((a) => [a.period.slice(0, 10), Number(a.value)]));
    const maxA = Math.max(1e-9, ...align.map((a) => Math.abs(Number(a.value))));
    const pts = points.map((p, i) => [i, byPeriod.get(p.period.slice(0, 10))]).filter(([, v]) => v !== undefined);
    if (pts.length) root.append(svg("path", { d: pts.map(([i, v], k) => `${k ? "L" : "M"}${(M.l + bw * (i + 0.5)).toFixed(1)},${(y0 - (v / maxA) * (ih / 2 - 4)).toFixed(1)}`).join(" "),
      fill: "none", stroke: "var(--accent)", "stroke-width": 2, "stroke-dasharray": "5 4" }));
  }
  const legend = el("div", { class: "chart-legend" },
    el("span", {}, el("span", { class: "sw", style: { background: "var(--coop)" } }), `cooperation ${A}→${B}`),
    el("span", {}, el("span", { class: "sw", style: { background: "#86c9a2" } }), `cooperation ${B}→${A}`),
    el("span", {}, el("span", { class: "sw", style: { background: "var(--conf)" } }), `conflict ${A}→${B}`),
    el("span", {}, el("span", { class: "sw", style: { background: "#e8958f" } }), `conflict ${B}→${A}`),
    el("span", {}, el("span", { class: "sw", style: { background: "#1d2b44", height: "3px" } }), "Goldstein sum (right axis)"),
    align ? el("span", {}, el("span", { class: "sw", style: { background: "var(--accent)", height: "3px" } }), "alignment index (scaled)") : null);
  return el("div", { class: "chart" }, legend, root);
}

// ------------------------------------------------------------------------------------------------
// network: force layout written here (Fruchterman-Reingold with gravity), blocs coloured
// ------------------------------------------------------------------------------------------------

function normaliseNetwork(data) {
  const nodes = (data.nodes || []).map((n) => (typeof n === "string" ? { id: n } : { ...n, id: String(pick(n, "id", "code", "actor", "name")) }));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const edges = (data.edges || []).map((e) => {
    const src = String(Array.isArray(e) ? e[0] : pick(e, "source", "a", "from", "u"));
    const tgt = String(Array.isArray(e) ? e[1] : pick(e, "target", "b", "to", "v"));
    const coop = Number(pick(e, "coop", "cooperation", "coop_weight") ?? 0);
    const conf = Number(pick(e, "conflict", "conf", "conflict_weight") ?? 0);
    const weight = Number(pick(e, "weight", "events", "count") ?? coop + conf) || coop + conf || 1;
    return { source: src, target: tgt, coop, conf, weight, raw: e };
  }).filter((e) => byId.has(e.source) && byId.has(e.target) && e.source !== e.target);
  const blocOf = new Map();
  const blocs = data.blocs || [];
  (Array.isArray(blocs) ? blocs : Object.values(blocs)).forEach((b, bi) => {
    const members = Array.isArray(b) ? b : b.members || b.nodes || [];
    members.forEach((m) => blocOf.set(String(m), bi));
  });
  nodes.forEach((n) => {
    const b = pick(n, "bloc", "community", "group");
    n.bloc = b !== null ? b : blocOf.has(n.id) ? blocOf.get(n.id) : -1;
    n.label = pick(n, "label", "name", "code") || n.id;
    n.size = Number(pick(n, "events", "weight", "degree", "count") ?? 0);
  });
  for (const e of edges) { byId.get(e.source).deg = (byId.get(e.source).deg || 0) + e.weight; byId.get(e.target).deg = (byId.get(e.target).deg || 0) + e.weight; }
  nodes.forEach((n) => { if (!n.size) n.size = n.deg || 1; });
  return { nodes, edges, byId };
}

/** Deterministic force layout of one connected component inside a box (Fruchterman-Reingold with
    gravity): nodes start on a circle, repel each other, edges pull; then the drawing is fitted to the box. */
function forceLayout(nodes, edges, box, iterations = 300) {
  const n = nodes.length;
  const { x: bx, y: by, w: W, h: H } = box;
  if (n === 1) { nodes[0].x = bx + W / 2; nodes[0].y = by + H / 2; return; }
  const k = Math.sqrt((W * H) / n) * 0.6;
  nodes.forEach((v, i) => { const a = (2 * Math.PI * i) / n; v.x = W / 2 + (W / 3) * Math.cos(a); v.y = H / 2 + (H / 3) * Math.sin(a); });
  const idx = new Map(nodes.map((v, i) => [v.id, i]));
  const E = edges.map((e) => [idx.get(e.source), idx.get(e.target), Math.log2(1 + e.weight)]);
  let temp = Math.max(W, H) / 8;
  const dx = new Float64Array(n), dy = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let ddx = nodes[i].x - nodes[j].x, ddy = nodes[i].y - nodes[j].y;
      let d2 = ddx * ddx + ddy * ddy;
      if (d2 < 0.01) { ddx = 0.1 * ((i * 7 + j) % 5 - 2); ddy = 0.1 * ((i + j * 3) % 5 - 2); d2 = 0.05; }
      const f = (k * k) / d2;
      dx[i] += ddx * f; dy[i] += ddy * f; dx[j] -= ddx * f; dy[j] -= ddy * f;
    }
    for (const [a, b, w] of E) {
      const ddx = nodes[a].x - nodes[b].x, ddy = nodes[a].y - nodes[b].y;
      const d = Math.sqrt(ddx * ddx + ddy * ddy) || 0.01;
      const f = (d / k) * (0.6 + 0.4 * w);
      dx[a] -= ddx * f; dy[a] -= ddy * f; dx[b] += ddx * f; dy[b] += ddy * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (W / 2 - nodes[i].x) * 0.05; dy[i] += (H / 2 - nodes[i].y) * 0.05;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(d, temp);
      nodes[i].x += (dx[i] / d) * step;
      nodes[i].y += (dy[i] / d) * step;
    }
    temp = Math.max(0.5, temp * 0.985);
  }
  // fit to the box, leaving room for labels on the right
  const padX = 24, padY = 26, label = Math.min(90, W * 0.25);
  const xs = nodes.map((v) => v.x), ys = nodes.map((v) => v.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const sc = Math.min((W - 2 * padX - label) / Math.max(1, x1 - x0), (H - 2 * padY) / Math.max(1, y1 - y0), 1.5);
  const ox = bx + (W - label) / 2 - ((x0 + x1) / 2) * sc, oy = by + H / 2 - ((y0 + y1) / 2) * sc;
  nodes.forEach((v) => { v.x = v.x * sc + ox; v.y = v.y * sc + oy; });
}

/** Lay out the network: each connected component on its own, the largest in the main area, the others
    in a grid on the right, so small groups neither fly away nor squash the rest. */
function layoutNetwork(nodes, edges, W, H) {
  const byId = new Map(nodes.map((v) => [v.id, v]));
  const adj = new Map(nodes.map((v) => [v.id, []]));
  for (const e of edges) { adj.get(e.source).push(e.target); adj.get(e.target).push(e.source); }
  const seen = new Set(), comps = [];
  for (const v of nodes) {
    if (seen.has(v.id)) continue;
    const comp = [], stack = [v.id];
    seen.add(v.id);
    while (stack.length) {
      const id = stack.pop();
      comp.push(byId.get(id));
      for (const m of adj.get(id)) if (!seen.has(m)) { seen.add(m); stack.push(m); }
    }
    comps.push(comp);
  }
  comps.sort((a, b) => b.length - a.length);
  const edgesOf = (comp) => { const ids = new Set(comp.map((v) => v.id)); return edges.filter((e) => ids.has(e.source)); };
  const rest = comps.slice(1);
  const mainW = rest.length ? W * Math.max(0.6, Math.min(0.85, comps[0].length / nodes.length)) : W;
  forceLayout(comps[0], edgesOf(comps[0]), { x: 0, y: 0, w: mainW, h: H });
  if (!rest.length) return;
  const rw = W - mainW;
  const cols = Math.max(1, Math.round(Math.sqrt((rest.length * rw) / H)));
  const rows = Math.ceil(rest.length / cols);
  rest.forEach((comp, i) => {
    const c = i % cols, r = Math.floor(i / cols);
    forceLayout(comp, edgesOf(comp), { x: mainW + (c * rw) / cols, y: (r * H) / rows, w: rw / cols, h: H / rows }, 150);
  });
}

views.network = async (view, _parts, params) => {
  const start = el("input", { type: "date", value: params.get("start") || "" });
  const end = el("input", { type: "date", value: params.get("end") || "" });
  const minEvents = el("input", { type: "number", min: 1, value: params.get("min_events") || 1, style: { width: "80px" } });
  const form = el("form", { class: "row" }, el("label", {}, "From", start), el("label", {}, "To", end), el("label", {}, "Min. events", minEvents),
    el("button", { class: "primary", type: "submit", style: { alignSelf: "flex-end" } }, "Draw"));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); go("network", { start: start.value, end: end.value, min_events: minEvents.value }); });
  const canvas = el("div", { class: "net", id: "network" }, spinner());
  const side = el("div", { id: "network-side" }, el("div", { class: "muted" }, "Click a node to filter its events; click an edge for the dyad timeline."));
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Network: who cooperates and who fights"), form),
    el("div", { class: "net-wrap" }, el("div", { class: "card" }, canvas), el("div", { class: "card" }, side)));
  let data = await api("/network" + qs({ start: start.value, end: end.value, min_events: minEvents.value }));
  const MAX_NODES = 150;  // the layout is O(n^2) per step: keep the busiest actors
  if ((data.nodes || []).length > MAX_NODES) {
    const keep = new Set([...data.nodes].sort((x, y) => (y.events || 0) - (x.events || 0)).slice(0, MAX_NODES).map((n) => String(n.id)));
    data = { ...data, nodes: data.nodes.filter((n) => keep.has(String(n.id))) };
    side.prepend(el("div", { class: "muted small" }, `Showing the ${MAX_NODES} busiest actors; raise “Min. events” to thin the graph.`));
  }
  const { nodes, edges } = normaliseNetwork(data);
  if (!nodes.length) { canvas.replaceChildren(el("div", { class: "empty" }, "No actors with events in this period.")); return; }
  const W = 900, H = 600;
  layoutNetwork(nodes, edges, W, H);
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const maxS = Math.max(1, ...nodes.map((n) => n.size));
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, id: "network-svg", role: "img", "aria-label": "actor network" });
  const gEdges = svg("g", {}), gNodes = svg("g", {});
  const edgeEls = edges.map((e) => {
    const a = nodes.find((n) => n.id === e.source), b = nodes.find((n) => n.id === e.target);
    const colour = e.conf > e.coop ? "var(--conf)" : e.coop > e.conf ? "var(--coop)" : "#8c96a8";
    const line = svg("line", { class: "edge", x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: colour, "stroke-opacity": 0.55,
      "stroke-width": (1 + 7 * Math.sqrt(e.weight / maxW)).toFixed(2), "stroke-linecap": "round" });
    line.addEventListener("mouseenter", (evt) => tooltip.show(evt, el("div", {}, el("b", {}, `${a.label} – ${b.label}`),
      kv("cooperation", fmtNum(e.coop)), kv("conflict", fmtNum(e.conf)), kv("events", fmtNum(e.weight)), el("div", { class: "small" }, "click: dyad timeline"))));
    line.addEventListener("mousemove", (evt) => tooltip.move(evt));
    line.addEventListener("mouseleave", () => tooltip.hide());
    line.addEventListener("click", () => { tooltip.hide(); location.hash = `#/dyad/${encodeURIComponent(a.id)}/${encodeURIComponent(b.id)}`; });
    gEdges.append(line);
    return { e, line };
  });
  let selected = null;
  const nodeEls = nodes.map((n) => {
    const r = 6 + 16 * Math.sqrt(n.size / maxS);
    const colour = n.bloc >= 0 ? BLOC_COLOURS[Number(n.bloc) % BLOC_COLOURS.length] : "#8c96a8";
    const g = svg("g", { class: "node", transform: `translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`, dataset: { id: n.id } },
      svg("circle", { r: r.toFixed(1), fill: colour }),
      svg("text", { x: r + 3, y: 4 }, n.label));
    g.addEventListener("mouseenter", (evt) => tooltip.show(evt, el("div", {}, el("b", {}, n.label), kv("id", n.id), kv("bloc", n.bloc >= 0 ? Number(n.bloc) + 1 : "–"), kv("events", fmtNum(n.size)))));
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
    edgeEls.forEach(({ e, line }) => line.classList.toggle("faded", id !== null && e.source !== id && e.target !== id));
    if (id === null) { side.replaceChildren(el("div", { class: "muted" }, "Click a node to filter its events.")); return; }
    const node = nodes.find((n) => n.id === id);
    side.replaceChildren(el("h2", {}, node.label), el("div", { class: "row small" },
      el("a", { href: "#/events?actor=" + encodeURIComponent(id) }, "all its events →")), spinner());
    api("/events" + qs({ actor: id, limit: 50, sort: "-date" })).then((page) => {
      side.lastChild.replaceWith(el("div", { id: "node-events" }, el("div", { class: "muted small" }, `${page.total} events`), eventsTable(page, { compact: true })));
    }).catch(showError);
  }
  root.append(gEdges, gNodes);
  const blocIds = [...new Set(nodes.map((n) => n.bloc).filter((b) => b >= 0))].sort((x, y) => x - y);
  canvas.replaceChildren(el("div", { class: "chart-legend" },
    blocIds.map((b) => el("span", {}, el("span", { class: "sw", style: { background: BLOC_COLOURS[Number(b) % BLOC_COLOURS.length], borderRadius: "50%" } }), `bloc ${Number(b) + 1}`)),
    el("span", {}, el("span", { class: "sw", style: { background: "var(--coop)", height: "4px" } }), "mostly cooperation"),
    el("span", {}, el("span", { class: "sw", style: { background: "var(--conf)", height: "4px" } }), "mostly conflict")), root);
  if (params.get("select")) select(params.get("select"));
};

// ------------------------------------------------------------------------------------------------
// map: equirectangular projection with a graticule; events located by lat/lon
// ------------------------------------------------------------------------------------------------

views.map = async (view, _parts, params) => {
  const type = el("select", {}, el("option", { value: "" }, "any type"), ALL_TYPES.map((t) => el("option", { value: t, selected: params.get("type") === t }, t)));
  const start = el("input", { type: "date", value: params.get("start") || "" });
  const end = el("input", { type: "date", value: params.get("end") || "" });
  const form = el("form", { class: "row" }, el("label", {}, "Type", type), el("label", {}, "From", start), el("label", {}, "To", end),
    el("button", { class: "primary", type: "submit", style: { alignSelf: "flex-end" } }, "Show"));
  form.addEventListener("submit", (evt) => { evt.preventDefault(); go("map", { type: type.value, start: start.value, end: end.value }); });
  const canvas = el("div", { class: "map", id: "map" }, spinner());
  const below = el("div", { id: "map-events" });
  view.replaceChildren(el("div", { class: "card" }, el("h2", {}, "Where events happen"), form), el("div", { class: "card" }, canvas, below));
  const page = await api("/events" + qs({ type: type.value, start: start.value, end: end.value, limit: 1000, sort: "-date" }));
  const groups = new Map();
  for (const r of page.items) {
    const lat = Number(pick(r, "location_lat", "lat", "location.lat")), lon = Number(pick(r, "location_lon", "lon", "location.lon"));
    if (!Number.isFinite(lat) || !Number.isFinite(lon) || (pick(r, "location_lat", "lat", "location.lat") === null)) continue;
    const key = `${lat.toFixed(2)},${lon.toFixed(2)}`;
    if (!groups.has(key)) groups.set(key, { lat, lon, name: pick(r, "location_name", "location.name", "place") || key, rows: [], coop: 0, conf: 0 });
    const g = groups.get(key);
    g.rows.push(r);
    const pol = polarity(pick(r, "type"), pick(r, "goldstein"));
    if (pol === "coop") g.coop++; else if (pol === "conf") g.conf++;
  }
  const W = 1000, H = 500;
  const x = (lon) => ((lon + 180) / 360) * W, y = (lat) => ((90 - lat) / 180) * H;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, id: "map-svg", role: "img", "aria-label": "map of event locations" });
  for (let lon = -180; lon <= 180; lon += 15) root.append(svg("line", { class: lon % 90 === 0 ? "grat major" : "grat", x1: x(lon), x2: x(lon), y1: 0, y2: H }));
  for (let lat = -75; lat <= 75; lat += 15) root.append(svg("line", { class: lat === 0 ? "grat major" : "grat", x1: 0, x2: W, y1: y(lat), y2: y(lat) }));
  const axis = svg("g", { class: "axis" });
  for (let lon = -150; lon <= 150; lon += 30) axis.append(svg("text", { x: x(lon), y: H - 4, "text-anchor": "middle" }, `${Math.abs(lon)}°${lon < 0 ? "W" : lon > 0 ? "E" : ""}`));
  for (let lat = -60; lat <= 60; lat += 30) axis.append(svg("text", { x: 4, y: y(lat) - 3 }, `${Math.abs(lat)}°${lat < 0 ? "S" : lat > 0 ? "N" : ""}`));
  root.append(axis);
  const land = await loadLand();
  if (land) root.insertBefore(land(x, y), root.firstChild.nextSibling);
  const maxN = Math.max(1, ...[...groups.values()].map((g) => g.rows.length));
  const sorted = [...groups.values()].sort((a, b) => b.rows.length - a.rows.length);
  const placed = [];
  sorted.forEach((g, gi) => {
    const r = 4 + 14 * Math.sqrt(g.rows.length / maxN);
    const fill = g.conf > g.coop ? "var(--conf)" : g.coop > g.conf ? "var(--coop)" : "#5a6b86";
    const c = svg("circle", { class: "pt", cx: x(g.lon), cy: y(g.lat), r: r.toFixed(1), fill });
    c.addEventListener("mouseenter", (evt) => tooltip.show(evt, el("div", {}, el("b", {}, g.name), kv("events", g.rows.length), kv("cooperation", g.coop), kv("conflict", g.conf),
      kv("lat/lon", `${g.lat.toFixed(2)}, ${g.lon.toFixed(2)}`))));
    c.addEventListener("mousemove", (evt) => tooltip.move(evt));
    c.addEventListener("mouseleave", () => tooltip.hide());
    c.addEventListener("click", () => {
      const sub = { items: g.rows, total: g.rows.length, offset: 0, limit: g.rows.length, next_offset: null };
      below.replaceChildren(el("h3", {}, `${g.name}: ${g.rows.length} events`), eventsTable(sub));
    });
    root.append(c);
    // labels for the busiest places, skipped where they would overlap one already placed
    const lx = x(g.lon) + r + 2, ly = y(g.lat) + 3, lw = 6 * String(g.name).length, box = [lx, ly - 10, lx + lw, ly + 2];
    if (gi < 40 && !placed.some((b) => box[0] < b[2] && b[0] < box[2] && box[1] < b[3] && b[1] < box[3])) {
      placed.push(box);
      root.append(svg("text", { class: "lbl", x: lx, y: ly }, g.name));
    }
  });
  canvas.replaceChildren(el("div", { class: "chart-legend" },
    el("span", {}, `${groups.size} places, ${[...groups.values()].reduce((s, g) => s + g.rows.length, 0)} located events of ${page.items.length} shown`),
    el("span", {}, el("span", { class: "sw", style: { background: "var(--coop)", borderRadius: "50%" } }), "mostly cooperation"),
    el("span", {}, el("span", { class: "sw", style: { background: "var(--conf)", borderRadius: "50%" } }), "mostly conflict")), root);
  if (!groups.size) below.replaceChildren(el("div", { class: "empty" }, "No located events yet."));
};

/** Coastlines: static/land.json ({"polygons": [[[lon, lat], ...], ...]}, Natural Earth 1:110m, see
    api/landgen.py); the map still works without it. */
let LAND = undefined;
async function loadLand() {
  if (LAND === undefined) {
    try { LAND = (await api("/static/land.json")).polygons || null; } catch (_err) { LAND = null; }
  }
  if (!LAND) return null;
  const d = (x, y) => LAND.map((ring) => ring.map(([lon, lat], i) => `${i ? "L" : "M"}${x(lon).toFixed(1)},${y(lat).toFixed(1)}`).join("") + "Z").join("");
  return (x, y) => svg("path", { class: "land", d: d(x, y), "fill-rule": "evenodd" });
}

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
