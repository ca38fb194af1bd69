"""Screenshots of every dashboard view of a running server, for notes and reviews.

    .venv/bin/python scripts/dashboard_screenshots.py http://127.0.0.1:8000 test-output/screenshots [--prefix corpus-]

Drives Debian's chromium through Playwright (COMMUNIQUE_CHROMIUM overrides the path); each view is loaded,
given time to draw, and saved as PREFIX + view + .png. Prints the files written, and any script error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

VIEWS = [
    ("events", "#/events"),
    ("events-2018", "#/events?start=2018-01-01&end=2018-12-31"),
    ("map", "#/map"),
    ("map-2018", "#/map?start=2018-01-01&end=2018-12-31"),
    ("network", "#/network"),
    ("network-2018", "#/network?start=2018-01-01&end=2018-12-31"),
    ("dyads", "#/dyad"),
    ("dyad-turkey-syria-weekly", "#/dyad/TUR/SYR?freq=week"),
    ("top-movers", "#/top?start=2018-01-01&end=2018-12-31"),
    ("articles", "#/articles"),
    ("actors", "#/actors"),
]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("url")
    ap.add_argument("out", type=Path)
    ap.add_argument("--prefix", default="corpus-")
    ap.add_argument("--wait", type=float, default=4.0, help="seconds to let a view draw")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=os.environ.get("COMMUNIQUE_CHROMIUM", "/usr/bin/chromium"),
                                    args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        for name, hash_ in VIEWS:
            page.goto(args.url.rstrip("/") + "/" + hash_)
            page.wait_for_timeout(int(args.wait * 1000))
            path = args.out / f"{args.prefix}{name}.png"
            page.screenshot(path=str(path), full_page=True)
            print(path)
        # an article of the store, with its events marked
        page.goto(args.url.rstrip("/") + "/#/articles")
        page.wait_for_selector("table.data tbody tr")
        page.click("table.data tbody tr >> nth=0")
        page.wait_for_selector("#article-text")
        path = args.out / f"{args.prefix}article.png"
        page.screenshot(path=str(path), full_page=True)
        print(path)
        browser.close()
    for e in errors:
        print("script error:", e, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
