"""``communique serve``: the HTTP API and the dashboard over one DuckDB store."""

from __future__ import annotations

import logging
import secrets
import socket
import threading
import webbrowser
from pathlib import Path

import typer

from ..config import load_settings
from ..errors import MissingExtra

log = logging.getLogger(__name__)


def dashboard_url(host: str, port: int) -> str:
    """The address a browser on this machine uses for a server bound to ``host``."""
    shown = "127.0.0.1" if host in {"0.0.0.0", ""} else ("[::1]" if host == "::" else host)
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def port_problem(host: str, port: int) -> str | None:
    """Why a server cannot listen on ``host``:``port`` (in use, no such address), or None if it can."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        return f"cannot bind {host}: {exc}"
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            sock.bind(addr)
        except OSError as exc:
            return f"port {port} on {host} is not free ({exc.strerror or exc}): stop the other server or give --port"
    return None


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def serve(
    db: str | None = typer.Option(None, "--db", help="DuckDB file of the event store (created when missing)"),
    host: str | None = typer.Option(None, "--host", help="address to bind (default 127.0.0.1)"),
    port: int | None = typer.Option(None, "--port", help="port (default 8000)"),
    token: str | None = typer.Option(
        None, "--token", envvar="COMMUNIQUE_API_TOKEN",
        help="token for write endpoints; generated and printed when binding a non-loopback address without one",
    ),
    read_only: bool = typer.Option(False, "--read-only", help="open the store read-only (no POST /code?store=true)"),
    open_browser: bool = typer.Option(False, "--open", help="open the dashboard in a browser"),
    preload: bool = typer.Option(True, "--preload/--no-preload", help="load the spaCy pipeline at start-up"),
) -> None:
    """Serve the HTTP API (OpenAPI docs at /docs) and the dashboard."""
    run_server(db=db, host=host, port=port, token=token, read_only=read_only, open_browser=open_browser,
               preload=preload)


def run_server(
    *,
    db: str | None = None,
    host: str | None = None,
    port: int | None = None,
    token: str | None = None,
    read_only: bool = False,
    open_browser: bool = False,
    preload: bool = True,
) -> None:
    """Run the API and dashboard with uvicorn until interrupted (settings fill what is not given). Bound
    to a non-loopback address without a token, a token is generated and printed."""
    try:
        import uvicorn

        from ..api import create_app, is_loopback
    except ImportError as exc:
        raise MissingExtra(getattr(exc, "name", None) or "fastapi", "api") from exc

    settings = load_settings(db=db, host=host, port=port, api_token=token or None)
    if read_only and not Path(settings.db).is_file():
        _fail(f"no store at {settings.db}: --read-only serves an existing store (ingest first, or leave out "
              "--read-only to create it)")
    problem = port_problem(settings.host, settings.port)
    if problem:
        _fail(problem)
    token = settings.api_token
    if token is None and not is_loopback(settings.host):
        token = secrets.token_urlsafe(24)
        typer.echo(f"write endpoints need this token (Authorization: Bearer ...): {token}", err=True)
    app = create_app(db=settings.db, token=token, host=settings.host, read_only=read_only,
                     max_request_bytes=settings.max_request_bytes, settings=settings, preload=preload)
    url = dashboard_url(settings.host, settings.port)
    typer.echo(f"Communiqué dashboard: {url}  (API docs: {url}docs, store: {settings.db})", err=True)
    if open_browser:
        threading.Timer(1.5, webbrowser.open, args=(url,)).start()
    from ..api.server import uvicorn_options

    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning", **uvicorn_options(settings))


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
