/* Communiqué dashboard: the "sources" panel. A small box in the corner, shown when the store holds
   sources that `communique watch` follows: when each was last read, and which are failing (GET /feeds).
   Kept apart from app.js on purpose (docs/watch.md); it refreshes itself every minute. */
"use strict";

(function () {
  const REFRESH_MS = 60_000;

  function ago(iso) {
    if (!iso) return "never";
    const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
    if (s < 90) return Math.round(s) + " s ago";
    if (s < 5400) return Math.round(s / 60) + " min ago";
    if (s < 172800) return Math.round(s / 3600) + " h ago";
    return Math.round(s / 86400) + " days ago";
  }

  function node(tag, attrs, ...children) {
    const n = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) n.setAttribute(k, String(v));
    for (const c of children) if (c !== null && c !== undefined) n.append(c instanceof Node ? c : String(c));
    return n;
  }

  function render(box, data) {
    const items = data.items || [];
    box.hidden = items.length === 0;
    if (!items.length) return;
    const failing = data.failing || 0;
    const summary = box.querySelector("summary");
    summary.textContent = `Sources: ${items.length}, last read ${ago(data.last_read)}` + (failing ? ` · ${failing} failing` : "");
    summary.classList.toggle("src-bad", failing > 0);
    const rows = items.map((f) => {
      let name = f.title || f.url;
      try { if (!f.title) name = new URL(f.url).host + new URL(f.url).pathname; } catch (e) { /* keep the url */ }
      return node("tr", { class: "src-" + f.status, "data-url": f.url },
        node("td", {}, node("a", { href: f.url, title: f.url, rel: "noopener noreferrer", target: "_blank" }, name)),
        node("td", { class: "src-when", title: f.last_ok || "" }, ago(f.last_ok)),
        node("td", { class: "num" }, f.articles ?? 0),
        node("td", { class: "src-state", title: f.last_error || "" },
          f.status === "failing" ? `failing ×${f.consecutive_failures}` : f.status));
    });
    const table = node("table", { class: "src-table" },
      node("thead", {}, node("tr", {}, node("th", {}, "source"), node("th", {}, "last read"),
        node("th", {}, "articles"), node("th", {}, "status"))),
      node("tbody", {}, ...rows));
    box.querySelector(".src-body").replaceChildren(table);
  }

  async function refresh(box) {
    try {
      const res = await fetch("/feeds");
      if (!res.ok) { box.hidden = true; return; }
      render(box, await res.json());
    } catch (e) {
      box.hidden = true;
    }
  }

  function start() {
    const css = node("link", { rel: "stylesheet", href: "/static/sources.css" });
    document.head.append(css);
    const box = node("details", { id: "sources-panel", class: "src-panel" }, node("summary", {}, "Sources"),
      node("div", { class: "src-body" }));
    box.hidden = true;
    document.body.append(box);
    refresh(box);
    setInterval(() => refresh(box), REFRESH_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
