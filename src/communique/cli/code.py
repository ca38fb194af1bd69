"""``communique code``: print article records for files, folders or globs.

Every input document yields a record or an error; errors go to stderr (and, with ``--format jsonl``,
an error line in place so outputs line up with inputs). A closing line on stderr counts the read,
skipped and failed documents. The exit status is 1 only when nothing could be read.
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

import typer

from ..config import get_settings
from ..errors import InputError
from ..records import ArticleRecord, DocError, ErrorRecord
from .escape import echo, term_safe

log = logging.getLogger(__name__)

OUTPUT_FORMATS = ("json", "jsonl", "table")


def _table(rec: ArticleRecord) -> str:
    a = rec.article
    lines = [f"# {a.title or '(untitled)'}  [{a.published or 'undated'} {a.date_basis}]  {a.id[:19]}"]
    meta = []
    if a.source_agency:
        meta.append(f"agency: {a.source_agency}")
    if a.byline:
        meta.append(f"by: {a.byline}")
    if a.credits:
        meta.append(f"credits: {'; '.join(a.credits)}")
    if meta:
        lines.append("  " + "  |  ".join(meta))
    names = {x.id: x.name for x in rec.actors}
    for e in rec.events:
        src = e.source.name if e.source else "-"
        tgt = e.target.name if e.target else "-"
        date = e.date.start if e.date else "-"
        flag = " NOT" if e.negated else ""
        lines.append(f"  {e.type:<10}{flag} {src} -> {tgt}  {e.status}  {date}  ({e.rule})")
    for q in rec.quotes:
        who = q.speaker.name if q.speaker else "?"
        lines.append(f"  quote {who}: {q.text[:70]!r}")
    if not rec.events:
        lines.append(f"  actors: {', '.join(names.values()) or '-'}")
    return "\n".join(lines)


def is_skipped(item: Any) -> bool:
    """A DocError that is not a failure (a file a folder walk passes over, a non-page archive record)."""
    return isinstance(item, DocError) and bool(getattr(item, "skipped", False))


def closing_line(counts: dict[str, int]) -> str:
    line = f"{counts['read']} read, {counts['skipped']} skipped, {counts['failed']} failed"
    if counts.get("undated"):
        line += "; " + undated_note(counts["undated"], counts.get("undated_events", 0))
    return line


def undated_note(documents: int, events: int) -> str:
    """What documents without a publication date mean for their events (docs/times-places.md)."""
    return (f"{documents} without a publication date (their {events} events are dated only where the text "
            "gives a year; the others have no date and are left out of time series: give --published "
            "YYYY-MM-DD to date them)")


def code(
    paths: list[str] = typer.Argument(..., help="files, folders (recursed), globs, or http(s) URLs of pages or feeds"),
    published: str | None = typer.Option(None, "--published", help="publication date YYYY-MM-DD when the input has none"),
    fmt: str | None = typer.Option(None, "--format", "-f",
                                   help="output: json, jsonl or table (default: table on a terminal, json when piped)"),
    input_format: str | None = typer.Option(
        None, "--input-format", help="force the input format: text, html, feed, json, jsonl, csv or warc (default: detected)"
    ),
    explain: bool = typer.Option(False, "--explain", help="show each event's parse path and rule"),
    engine: str | None = typer.Option(
        None, "--engine", help="code on a batch engine (sync, processes, dask) instead of in this process; "
        "outputs keep the input order"),
    workers: int | None = typer.Option(None, "--workers", help="worker processes for --engine (default: one per core)"),
    scheduler: str | None = typer.Option(None, "--scheduler", help="a Dask scheduler address (implies --engine dask)"),
) -> None:
    """Code articles and print their records."""
    from ..coder import code_articles

    if fmt is None:
        fmt = "table" if sys.stdout.isatty() else "json"
    if fmt not in OUTPUT_FORMATS:
        raise typer.BadParameter("--format must be json, jsonl or table")
    if sys.stderr.isatty():  # say what the first seconds are spent on
        typer.echo("loading the model..." if engine is None else f"starting the {engine} engine...", err=True)
    settings = get_settings()
    if scheduler and not engine:
        engine = "dask"
    if engine is not None:
        if any(p.startswith(("http://", "https://")) for p in paths):
            raise typer.BadParameter("URLs are fetched and coded in this process: drop --engine")
        if input_format is not None or "-" in paths:
            raise typer.BadParameter("--engine reads files by their detected format: drop --input-format and '-'")
        coded: Any = _on_engine(paths, engine=engine, workers=workers, scheduler=scheduler, published=published)
    else:
        try:
            items = _read_inputs(paths, published=published, settings=settings, fmt=input_format)
            first = next(items, None)
        except InputError as exc:
            raise typer.BadParameter(exc.message) from exc

        def stream() -> Any:
            if first is not None:
                yield first
                yield from items

        coded = code_articles(stream(), batch_size=settings.batch_size, batch_chars=settings.batch_chars)

    counts = {"read": 0, "skipped": 0, "failed": 0, "undated": 0, "undated_events": 0}
    out = sys.stdout
    records: list[dict] = []
    for item in coded:
        if isinstance(item, DocError):
            if is_skipped(item):
                counts["skipped"] += 1
                log.info("skipped %s: %s", item.document, item.message)
                continue
            counts["failed"] += 1
            echo(f"error: {item.document}: {item.code}: {item.message}", err=True)
            if fmt == "jsonl":
                out.write(json.dumps(ErrorRecord.from_error(item).to_dict(), ensure_ascii=False) + "\n")
            continue
        counts["read"] += 1
        if not item.article.published:
            counts["undated"] += 1
            counts["undated_events"] += len(item.events)
        if fmt == "jsonl":
            out.write(item.to_json() + "\n")
        elif fmt == "table":
            out.write(term_safe(_table(item)) + "\n")
        else:
            records.append(item.to_dict())
        if explain:
            from ..explain import explain_record

            echo(explain_record(item), err=fmt != "table")
        out.flush() if fmt != "json" else None
    if fmt == "json":
        payload: Any = records[0] if len(records) == 1 else records
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    typer.echo(closing_line(counts), err=True)
    if counts["read"] == 0:
        raise typer.Exit(1)


def _read_inputs(paths: list[str], *, published: str | None, settings: Any, fmt: str | None) -> Any:
    """Documents of files, folders, globs and http(s) URLs (article pages or feeds, fetched by the watcher's
    fetcher: docs/watch.md), in order."""
    from ..ingest import read_paths

    if not any(p.startswith(("http://", "https://")) for p in paths):
        return read_paths(paths, published=published, settings=settings, fmt=fmt)

    def each() -> Any:
        from ..watch import fetch_documents
        from ..watch.config import load_watch_settings

        ws = load_watch_settings()
        for p in paths:
            if p.startswith(("http://", "https://")):
                yield from fetch_documents([p], settings=settings, watch=ws, published=published)
            else:
                yield from read_paths([p], published=published, settings=settings, fmt=fmt)

    return each()


def _on_engine(paths: list[str], *, engine: str, workers: int | None, scheduler: str | None,
               published: str | None) -> Any:
    """Records and errors of ``paths`` coded on a batch engine, in input order."""
    from ..batch import code_paths
    from ..errors import CommuniqueError

    try:
        yield from code_paths(paths, engine=engine, workers=workers, scheduler=scheduler, published=published)
    except CommuniqueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def register(app: typer.Typer) -> None:
    app.command("code")(code)
