"""A small news site for the watcher's tests: a real HTTP server on 127.0.0.1 (a thread), whose pages,
feeds and answers the test changes between polls, and which logs every request it gets.

Article texts are written here, from a few templates and lists of countries: never copied from news.
"""

from __future__ import annotations

import email.utils
import gzip
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

COUNTRIES = [
    ("Japan", "Tokyo"), ("Kenya", "Nairobi"), ("Brazil", "Brasilia"), ("Poland", "Warsaw"), ("Chile", "Santiago"),
    ("Ghana", "Accra"), ("Norway", "Oslo"), ("Vietnam", "Hanoi"), ("Morocco", "Rabat"), ("Peru", "Lima"),
    ("Sweden", "Stockholm"), ("Egypt", "Cairo"), ("Mexico", "Mexico City"), ("Canada", "Ottawa"),
    ("Indonesia", "Jakarta"), ("Turkey", "Ankara"), ("Nigeria", "Abuja"), ("Argentina", "Buenos Aires"),
]
TOPICS = ["fisheries", "border crossings", "grain exports", "a rail link", "power lines", "student visas",
          "water sharing", "customs rules", "a port upgrade", "vaccine supplies", "flood warnings", "air routes"]
VERBS = ["signed an agreement on", "held talks about", "announced joint plans for", "agreed to expand cooperation on"]


def article_text(n: int) -> tuple[str, str]:
    """(title, body) of a made-up news story number ``n``: every n gives a different text."""
    a, ca = COUNTRIES[n % len(COUNTRIES)]
    b, cb = COUNTRIES[(n * 7 + 3) % len(COUNTRIES)]
    if a == b:
        b, cb = COUNTRIES[(n + 1) % len(COUNTRIES)]
    topic = TOPICS[n % len(TOPICS)]
    verb = VERBS[n % len(VERBS)]
    day = 1 + n % 27
    title = f"{a} and {b} {verb.split(' ')[0]} deal on {topic} ({n})"
    body = [
        f"{ca.upper()}, March {day} - The government of {a} {verb} {topic} with {b} on Tuesday, "
        f"officials in {ca} said, in story number {n}.",
        f"The foreign minister of {a} met her counterpart from {b} in {cb} and said the two countries "
        f"would meet again next month to review progress on {topic}.",
        f"Trade between {a} and {b} has grown in recent years, and both governments want closer ties.",
    ]
    return title, "\n\n".join(body)


def article_page(n: int, *, date: str | None = "2024-03-05") -> bytes:
    title, body = article_text(n)
    paras = "".join(f"<p>{html.escape(p)}</p>" for p in body.split("\n\n"))
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
            f"{meta}</head><body><nav><a href=\"/\">Home</a></nav><article><h1>{html.escape(title)}</h1>{paras}"
            f"</article><footer>Copyright the test site</footer></body></html>").encode()


def rss(base: str, items: list[tuple[str, str]], *, title: str = "Test desk") -> bytes:
    """An RSS 2.0 feed of (link path or absolute URL, title) items."""
    out = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
           f"<link>{base}/</link><description>test</description>"]
    for link, t in items:
        if not link:  # a malformed item: no link, no guid
            out.append(f"<item><title>{html.escape(t)}</title><description>no link here</description></item>")
            continue
        href = link if "://" in link else base + link
        out.append(f"<item><title>{html.escape(t)}</title><link>{html.escape(href)}</link>"
                   f"<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><guid>{html.escape(href)}</guid></item>")
    out.append("</channel></rss>")
    return "".join(out).encode()


@dataclass
class Answer:
    status: int = 200
    body: bytes = b""
    type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    etag: str | None = None  # answer 304 to a matching If-None-Match
    last_modified: str | None = None  # answer 304 to a matching If-Modified-Since
    gzip: bool = False
    hold: threading.Event | None = None  # wait for this event before answering


class Site:
    """Routes (path -> Answer) changed by the test; ``log`` holds (path, status, request headers)."""

    def __init__(self) -> None:
        self.routes: dict[str, Answer] = {}
        self.log: list[tuple[str, int, dict[str, str]]] = []
        self.lock = threading.Lock()
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.handle(self)

        class Server(ThreadingHTTPServer):
            def handle_error(self, request: object, client_address: object) -> None:
                pass  # a client that gives up on a slow answer (a timeout test) is expected

        self.server = Server(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def set(self, path: str, answer: Answer | bytes) -> None:
        with self.lock:
            self.routes[path] = answer if isinstance(answer, Answer) else Answer(body=answer)

    def page(self, path: str, n: int, **kw: object) -> None:
        self.set(path, Answer(body=article_page(n), **kw))  # type: ignore[arg-type]

    def feed(self, path: str, items: list[tuple[str, str]], *, etag: str | None = None, title: str = "Test desk") -> None:
        lm = email.utils.formatdate(time.time() - 60, usegmt=True)
        self.set(path, Answer(body=rss(self.base, items, title=title), type="application/rss+xml", etag=etag,
                              last_modified=lm if etag else None))

    def requests(self, path: str) -> list[tuple[int, dict[str, str]]]:
        with self.lock:
            return [(st, h) for p, st, h in self.log if p == path]

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        path = req.path
        with self.lock:
            ans = self.routes.get(path) or Answer(status=404, body=b"not here", type="text/plain")
        if ans.hold is not None:
            ans.hold.wait(60)
        if ans.delay:
            time.sleep(ans.delay)
        headers = {k.lower(): v for k, v in req.headers.items()}
        status, body = ans.status, ans.body
        if ans.etag and headers.get("if-none-match") == ans.etag:
            status, body = 304, b""
        elif ans.last_modified and not ans.etag and headers.get("if-modified-since") == ans.last_modified:
            status, body = 304, b""
        with self.lock:
            self.log.append((path, status, headers))
        try:
            req.send_response(status)
            if status != 304:
                req.send_header("Content-Type", ans.type)
            if ans.etag:
                req.send_header("ETag", ans.etag)
            if ans.last_modified:
                req.send_header("Last-Modified", ans.last_modified)
            for k, v in ans.headers.items():
                req.send_header(k, v)
            if ans.gzip and body:
                body = gzip.compress(body)
                req.send_header("Content-Encoding", "gzip")
            req.send_header("Content-Length", str(len(body)))
            req.end_headers()
            if body:
                req.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass
