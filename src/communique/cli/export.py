"""``communique export``: merged events, mentions, PLOVER JSON or a GDELT-style table to a file."""

from __future__ import annotations

import typer

from ..store.cliutil import DB_HELP, hint_unmerged, open_store


def export_cmd(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    what: str = typer.Option("events", "--what", help="events, mentions, plover or gdelt"),
    fmt: str | None = typer.Option(None, "--format", "-f",
                                   help="csv, jsonl, json (one array) or parquet (default: from the --out extension, else csv)"),
    out: str = typer.Option(..., "--out", "-o", help="file to write (its folder must exist)"),
) -> None:
    """Export a table through DuckDB COPY (columns: docs/exports.md)."""
    from ..store import export
    from ..store.export import format_for

    fmt = format_for(out, fmt)
    with open_store(db) as store:
        if what != "mentions":
            hint_unmerged(store)
        n = export(store, what=what, fmt=fmt, out=out)
    typer.echo(f"{n} {what} rows written to {out}", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
