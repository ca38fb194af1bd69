"""``communique watch``: follow feeds, news sitemaps and pages into the store; ``communique feeds``: the
status of every watched source (docs/watch.md)."""

from __future__ import annotations

import json
import logging
import signal
from typing import Any

import typer

from ..errors import ConfigError

log = logging.getLogger(__name__)


def _summary(r: Any) -> str:
    line = (f"{r.polled} sources polled ({r.not_modified} not modified, {r.feed_failures} failed, {r.waiting} "
            f"waiting), {r.items} items, {r.new} new: {r.coded} coded, {r.duplicates} duplicates, {r.failed} failed, "
            f"{r.disallowed} disallowed by robots.txt, {r.passed} not pages; {r.requests} requests in "
            f"{r.seconds:.1f} s, {r.articles_per_second:.1f} articles/s")
    if r.merged is not None:
        line += f"; {r.merged} merged events"
    return line + (" (stopped)" if r.stopped else "")


def watch(
    sources: list[str] = typer.Argument(..., help="files of feed URLs (one a line), OPML files, or URLs"),
    db: str | None = typer.Option(None, "--db", help="DuckDB store (default: Settings.db, communique.duckdb)"),
    every: str | None = typer.Option(None, "--every", help="poll each source this often until stopped (15m, 1h, 90s)"),
    once: bool = typer.Option(False, "--once", help="one pass, then exit (for cron)"),
    warc: str | None = typer.Option(None, "--warc", help="keep every response in a WARC file in this folder"),
    engine: str | None = typer.Option(None, "--engine", "-e", help="coding engine: sync, processes (default) or dask"),
    workers: int | None = typer.Option(None, "--workers", "-w", help="coding worker processes; 0 = one per core"),
    user_agent: str | None = typer.Option(None, "--user-agent", help="User-Agent header (and robots.txt name)"),
    allow_private: bool = typer.Option(False, "--allow-private", help="fetch private, link-local and loopback addresses"),
    merge: bool = typer.Option(True, "--merge/--no-merge", help="merge new event mentions after each pass"),
    progress: str = typer.Option("auto", "--progress", help="auto, bar, plain or off"),
    progress_every: float = typer.Option(5.0, "--progress-every", help="seconds between plain progress lines"),
    as_json: bool = typer.Option(False, "--json", help="print each pass's report as JSON on stdout"),
) -> None:
    """Watch sources: poll them, fetch new articles, code and store them.

    SIGTERM or Ctrl-C finishes the articles being coded, stores them and exits; run it again and it
    resumes (nothing fetched or coded twice)."""
    from ..config import get_settings
    from ..watch import Watcher, load_sources, load_watch_settings, parse_duration

    if progress not in {"auto", "bar", "plain", "off"}:
        raise typer.BadParameter("--progress must be auto, bar, plain or off")
    if once == (every is not None):
        raise typer.BadParameter("give either --every DURATION or --once")
    overrides: dict[str, Any] = {"user_agent": user_agent, "allow_private": True if allow_private else None}
    if every is not None:
        overrides["interval"] = parse_duration(every)
    ws = load_watch_settings(**overrides)
    found = load_sources(sources)
    if not found:
        raise ConfigError("no source to watch: the files list no URL")
    with Watcher(db or get_settings().db, watch=ws, engine=engine, workers=workers, warc_dir=warc, merge=merge,
                 progress=progress, progress_interval=progress_every) as w:
        def stop(signum: int, frame: Any) -> None:
            if w.stop.is_set():
                raise KeyboardInterrupt
            typer.echo("stopping: finishing the articles being coded...", err=True)
            w.stop.set()

        old = {s: signal.signal(s, stop) for s in (signal.SIGTERM, signal.SIGINT)}
        try:
            if once:
                reports = [w.run_pass(w.due(found, once=True), total=len(found))]
            else:
                reports = []
                while not w.stop.is_set():
                    due = w.due(found)
                    if due:
                        r = w.run_pass(due, total=len(found))
                        reports.append(r)
                        typer.echo(_summary(r), err=True)
                        if as_json:
                            typer.echo(json.dumps(r.to_dict()))
                    wait = w.next_wake(found)
                    w.release()  # readers (communique feeds, serve) may open the store until the next pass
                    w.stop.wait(max(1.0, wait))
        finally:
            for s, h in old.items():
                signal.signal(s, h)
        if w.warc is not None:
            typer.echo(f"responses kept in {w.warc.path} ({w.warc.records} records)", err=True)
    if once:
        r = reports[0]
        typer.echo(_summary(r), err=True)
        if as_json:
            typer.echo(json.dumps(r.to_dict(), indent=1))
        for f in r.failures:
            typer.echo(f"  {f['document']}: {f['code']}: {f['message']}", err=True)


def feeds(
    db: str | None = typer.Option(None, "--db", help="DuckDB store"),
    as_json: bool = typer.Option(False, "--json", help="JSON lines instead of a table"),
) -> None:
    """The status of every watched source: last poll, items, new articles, failures, next poll."""
    from ..config import get_settings
    from ..store import Store
    from ..watch import feed_rows

    with Store(db or get_settings().db, read_only=True) as store:
        rows = feed_rows(store.con)
    if as_json:
        for row in rows:
            typer.echo(json.dumps({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}))
        return
    if not rows:
        typer.echo("no source watched yet (communique watch SOURCES --db F)", err=True)
        return

    def ts(v: Any) -> str:
        return v.strftime("%Y-%m-%d %H:%M") if v is not None else "-"

    typer.echo(f"{'status':<8} {'last poll (UTC)':<17} {'next poll':<17} {'items':>5} {'new':>4} {'arts':>5} "
               f"{'fails':>5}  source")
    for r in rows:
        typer.echo(f"{r['status']:<8} {ts(r['last_poll']):<17} {ts(r['next_poll']):<17} {r['items_found'] or 0:>5} "
                   f"{r['new_items'] or 0:>4} {r['articles']:>5} {r['consecutive_failures'] or 0:>5}  {r['url']}"
                   + (f"\n{'':<8} last error: {r['last_error']}" if r["last_error"] else ""))


def register(app: typer.Typer) -> None:
    app.command("watch")(watch)
    app.command("feeds")(feeds)
