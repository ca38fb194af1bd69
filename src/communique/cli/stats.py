"""``communique stats``: row counts of a store, its schema version and merge settings; ``--merge`` recomputes
merged events (with the merge rule's settings as options)."""

from __future__ import annotations

import json

import typer

from .storeutil import DB_HELP, echo_json, open_store, print_table


def stats(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    merge: bool = typer.Option(False, "--merge", help="recompute merged events first"),
    window_days: int | None = typer.Option(None, "--window-days", help="merge: days allowed between mentions of one "
                                           "event (default: the store's last merge, else the config: 2)"),
    max_event_days: int | None = typer.Option(None, "--max-event-days", help="merge: longest chain of mentions, "
                                              "in days (default: the store's last merge, else the config: 7)"),
    level: str | None = typer.Option(None, "--level", help="merge: actors compared by country or code"),
    place: str | None = typer.Option(None, "--place", help="merge: places compared by country, geonameid or none"),
    symmetric: str | None = typer.Option(None, "--symmetric",
                                         help="merge: comma-separated types whose direction is ignored"),
    as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
) -> None:
    """Rows per table of the store (and, with --merge, merge its event mentions again)."""
    from ..store.merge import LEVELS, PLACES

    if level is not None and level not in LEVELS:
        raise typer.BadParameter(f"must be one of {', '.join(sorted(LEVELS))}, not {level!r}", param_hint="--level")
    if place is not None and place not in PLACES:
        raise typer.BadParameter(f"must be one of {', '.join(sorted(PLACES))}, not {place!r}", param_hint="--place")
    types = [s.strip().upper() for s in symmetric.split(",") if s.strip()] if symmetric is not None else None
    if types:
        from ..plover import PLOVER_TYPES

        unknown = [t for t in types if t not in PLOVER_TYPES]
        if unknown:
            raise typer.BadParameter(f"unknown PLOVER type {', '.join(unknown)} (types: {', '.join(PLOVER_TYPES)})",
                                     param_hint="--symmetric")
    for name, value in (("--window-days", window_days), ("--max-event-days", max_event_days)):
        if value is not None and value < 0:
            raise typer.BadParameter("must be >= 0", param_hint=name)
    with open_store(db, read_only=not merge) as store:
        merged = None
        if merge:
            merged = store.merge(window_days=window_days, max_event_days=max_event_days, level=level, place=place,
                                 symmetric=types)
        counts = store.counts()
        settings = store.meta("merge")
        info = {"db": str(store.path), "schema_version": store.version, "counts": counts,
                "merge": json.loads(settings) if settings else None}
        if merged is not None:
            info["merged_now"] = merged
    if as_json:
        echo_json(info)
        return
    print_table(f"{info['db']} (schema {info['schema_version']})", ["table", "rows"], list(counts.items()))
    if info["merge"]:
        typer.echo("merge settings: " + json.dumps(info["merge"]))


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)
