"""``communique export``: merged events, mentions, PLOVER JSON, a GDELT 2.0 or POLECAT-style table to a
file, all of them or the events matching the filters of ``GET /events``."""

from __future__ import annotations

import typer

from .storeutil import DB_HELP, date_range, hint_unmerged, open_store


def export_cmd(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    what: str = typer.Option("events", "--what", help="events, mentions, plover, gdelt or polecat"),
    fmt: str | None = typer.Option(None, "--format", "-f",
                                   help="csv, tsv, jsonl, json (one array) or parquet (default: from the --out "
                                        "extension, else csv)"),
    out: str = typer.Option(..., "--out", "-o", help="file to write (its folder must exist)"),
    actor: str | None = typer.Option(None, "--actor", help="only events with this actor (name, code or ISO3)"),
    country: str | None = typer.Option(None, "--country", help="only events of this ISO3 country (either side or place)"),
    type_: str | None = typer.Option(None, "--type", help="only these PLOVER types (comma list)"),
    start: str | None = typer.Option(None, "--start", help="first day: YYYY, YYYY-MM or YYYY-MM-DD"),
    end: str | None = typer.Option(None, "--end", help="last day: YYYY, YYYY-MM or YYYY-MM-DD"),
    place: str | None = typer.Option(None, "--place", help="only events at this place (name or ISO3)"),
    status: str | None = typer.Option(None, "--status", help="only these statuses (comma list)"),
    text: str | None = typer.Option(None, "--text", help="only events whose evidence has these words"),
) -> None:
    """Export a table through DuckDB COPY (columns: docs/exports.md)."""
    from ..analysis.names import resolve_actor
    from ..store import export
    from ..store.export import format_for

    fmt = format_for(out, fmt)
    start, end = date_range(start, end)
    filters = {"actor": resolve_actor(actor) if actor else None, "country": country, "type": type_,
               "start": start, "end": end, "place": place, "status": status, "text": text}
    with open_store(db) as store:
        if what != "mentions":
            hint_unmerged(store)
        n = export(store, what=what, fmt=fmt, out=out, filters=filters)
    typer.echo(f"{n} {what} rows written to {out}", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_cmd)
