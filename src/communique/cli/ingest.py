"""``communique ingest``: code many documents into the DuckDB store, resumably, on any batch engine."""

from __future__ import annotations

import json

import typer

from ..errors import ConfigError
from .escape import echo


def _mb(n: int) -> str:
    return f"{n / 2**20:.0f} MB"


def ingest(
    paths: list[str] = typer.Argument(None, help="files, folders (recursed), globs, or http(s) URLs of pages or feeds"),
    db: str | None = typer.Option(None, "--db", help="DuckDB store (default: Settings.db, communique.duckdb)"),
    engine: str | None = typer.Option(None, "--engine", "-e", help="sync, processes (default) or dask"),
    workers: int | None = typer.Option(None, "--workers", "-w", help="worker processes; 0 = one per core"),
    scheduler: str | None = typer.Option(None, "--scheduler", help="dask scheduler tcp://host:port (implies --engine dask)"),
    published: str | None = typer.Option(None, "--published", help="publication date YYYY-MM-DD for inputs without one"),
    chunk_size: int | None = typer.Option(None, "--chunk-size", help="documents per chunk sent to a worker"),
    to_parquet: str | None = typer.Option(None, "--to-parquet", help="workers write Parquet parts to this folder instead of the store"),
    from_parquet: str | None = typer.Option(None, "--from-parquet", help="load the Parquet parts of this folder into the store"),
    merge: bool = typer.Option(True, "--merge/--no-merge", help="merge event mentions after loading"),
    progress: str = typer.Option("auto", "--progress", help="auto, bar, plain or off"),
    progress_every: float = typer.Option(5.0, "--progress-every", help="seconds between plain progress lines (0: every chunk)"),
    as_json: bool = typer.Option(False, "--json", help="print the run's report as JSON on stdout"),
    retry_failed: bool = typer.Option(False, "--retry-failed",
                                      help="code again the documents of these inputs that failed in earlier runs"),
) -> None:
    """Code documents and store them (articles, actors, events, quotes, times, places, errors).

    Run the same command again after an interruption (even kill -9): documents already stored are
    skipped, and the store ends as if the run had never stopped."""
    from ..batch import ingest as run_ingest
    from ..batch import ingest_to_parquet, load_parquet
    from ..batch.runner import missing_inputs

    if progress not in {"auto", "bar", "plain", "off"}:
        raise typer.BadParameter("--progress must be auto, bar, plain or off")
    if to_parquet and from_parquet:
        raise ConfigError("--to-parquet and --from-parquet do not go together")
    if from_parquet:
        if paths:
            raise ConfigError("--from-parquet loads a folder of parts: give no PATH")
        report = load_parquet(from_parquet, db=db, merge=merge, progress=progress, progress_interval=progress_every)
    else:
        if not paths:
            raise typer.BadParameter("give at least one PATH (or --from-parquet DIR)")
        urls = [p for p in paths if p.startswith(("http://", "https://"))]
        if urls:  # article pages or feeds: one watcher pass (docs/watch.md)
            if to_parquet:
                raise ConfigError("--to-parquet reads files: give no URL")
            _ingest_urls(urls, db=db, engine=engine, workers=workers, merge=merge, progress=progress,
                         progress_every=progress_every, as_json=as_json)
            paths = [p for p in paths if p not in set(urls)]
            if not paths:
                return
        missing = missing_inputs(paths)
        for path in missing:
            typer.echo(f"error: not_found: no such file or folder (or no file matches): {path}", err=True)
        paths = [p for p in paths if p not in set(missing)]
        if not paths:  # nothing at all to read: no store created, no model loaded
            typer.echo("error: no input found", err=True)
            raise typer.Exit(1)
        common = dict(engine=engine, workers=workers, scheduler=scheduler, published=published,
                      chunk_size=chunk_size, progress=progress, progress_interval=progress_every)
        if to_parquet:
            report = ingest_to_parquet(paths, out_dir=to_parquet, **common)
        else:
            report = run_ingest(paths, db=db, merge=merge, retry_failed=retry_failed, **common)
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=1))
    peak = max(report.worker_peak_rss.values(), default=0)
    line = (f"{report.coded} coded, {report.failed} failed, {report.skipped} inputs already done, "
            f"{report.passed} passed over in {report.seconds:.1f} s, {report.docs_per_second:.1f} docs/s on {report.engine}")
    if peak:
        line += f", peak worker memory {_mb(peak)}"
    if report.merged is not None:
        line += f"; {report.merged} merged events"
    if report.parts and to_parquet:
        line += f"; {report.parts} parts written to {to_parquet}"
    typer.echo(line, err=True)
    if report.retried:
        typer.echo(f"--retry-failed: {report.retried} documents that had failed were coded again", err=True)
    if report.held:
        typer.echo(f"error: {report.held} inputs were not marked done: all their documents failed for a reason "
                   "of the installation or configuration (see the errors above); fix it and run again", err=True)
    if report.counts:
        typer.echo("store: " + ", ".join(f"{k} {v}" for k, v in report.counts.items()), err=True)
        _dating_line(db)
    if report.failures:
        typer.echo(f"failed documents (first {len(report.failures)} of {report.failed}):", err=True)
        for f in report.failures:
            echo(f"  {f['document']}: {f['code']}: {f['message']}", err=True)
        if not to_parquet:
            where = f" --db {db}" if db else ""
            typer.echo(f"all errors of the store: communique errors{where} (or GET /errors)", err=True)
    if (report.read + report.skipped == 0 and not from_parquet) or report.held:
        raise typer.Exit(1)


def _dating_line(db: str | None) -> None:
    """How the store's events are dated, and what documents without a publication date mean."""
    from ..config import get_settings
    from ..store import Store

    try:
        with Store(db or get_settings().db, read_only=True) as store:
            d = store.dating()
    except Exception:  # a summary line must never fail the run
        return
    typer.echo(f"event dates: {d['stated']} stated in their clause, {d['inherited']} inherited from the text "
               f"around, {d['publication']} assumed from the publication date; {d['no_day']} mentions count on "
               "no day (a past week, month or year: in its own period only)", err=True)
    if d["undated_articles"]:
        typer.echo(f"{d['undated_articles']} documents without a publication date: "
                   f"{d['undated_mentions_without_date']} of their {d['undated_mentions']} event mentions have no "
                   "date and are left out of time series (give --published YYYY-MM-DD to date them)", err=True)


def _ingest_urls(urls: list[str], *, db: str | None, engine: str | None, workers: int | None, merge: bool,
                 progress: str, progress_every: float, as_json: bool) -> None:
    from ..config import get_settings
    from ..watch import Watcher, load_sources
    from .watch import _summary

    with Watcher(db or get_settings().db, engine=engine, workers=workers, merge=merge, progress=progress,
                 progress_interval=progress_every) as w:
        report = w.run_pass(load_sources(urls))
    if as_json:
        typer.echo(json.dumps(report.to_dict(), indent=1))
    typer.echo(_summary(report), err=True)
    for f in report.failures:
        typer.echo(f"  {f['document']}: {f['code']}: {f['message']}", err=True)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest)
