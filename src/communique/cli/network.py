"""``communique network``: the actor network, its strongest ties and its blocs."""

from __future__ import annotations

import typer

from .storeutil import DB_HELP, STATUS_HELP, date_range, echo_json, hint_unmerged, open_store, print_table


def network_cmd(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    start: str | None = typer.Option(None, "--start", help="first day: YYYY, YYYY-MM or YYYY-MM-DD"),
    end: str | None = typer.Option(None, "--end", help="last day: YYYY, YYYY-MM or YYYY-MM-DD"),
    min_events: int = typer.Option(1, "--min-events", help="leave out dyads with fewer merged events"),
    limit: int = typer.Option(20, "--limit", help="edges shown in the table"),
    countryless: bool = typer.Option(False, "--countryless",
                                     help="keep actors without a country (bare sector codes: GOV, MIL, REB...) as nodes"),
    fold: bool = typer.Option(False, "--fold", help="fold non-state actors (rebels, parties...) into their country"),
    status: str | None = typer.Option(None, "--status", help=STATUS_HELP),
    as_json: bool = typer.Option(False, "--json", help="print nodes, edges and blocs as JSON"),
) -> None:
    """Who deals with whom: edges weighted by cooperation and conflict, blocs by community detection."""
    from ..analysis import network

    start, end = date_range(start, end)
    with open_store(db) as store:
        hint_unmerged(store)
        out = network(store, start=start, end=end, min_events=min_events, countryless=countryless, fold=fold,
                      status=status)
    if as_json:
        echo_json(out)
        return
    label = {n["id"]: n["label"] for n in out["nodes"]}
    if not out["edges"]:
        typer.echo("no dyads between different actors in this period", err=True)
    print_table("strongest ties", ["dyad", "events", "coop", "conflict", "goldstein"],
                [[f"{label.get(e['source'], e['source'])} - {label.get(e['target'], e['target'])}", e["events"],
                  e["coop"], e["conflict"], e["goldstein"]] for e in out["edges"][:limit]])
    print_table("blocs (cooperation communities)", ["bloc", "size", "members"],
                [[i, len(b), " ".join(b[:25]) + (" ..." if len(b) > 25 else "")] for i, b in enumerate(out["blocs"])])


def register(app: typer.Typer) -> None:
    app.command("network")(network_cmd)
