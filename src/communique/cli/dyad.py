"""``communique dyad A B``: merged events between two actors per day, week or month, both directions."""

from __future__ import annotations

import typer

from .storeutil import DB_HELP, STATUS_HELP, date_range, echo_json, hint_unmerged, open_store, print_table


def dyad(
    a: str = typer.Argument(..., help="first actor: country name, demonym, ISO3 code or actor code"),
    b: str = typer.Argument(..., help="second actor"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    freq: str = typer.Option("month", "--freq", help="day, week or month"),
    start: str | None = typer.Option(None, "--start", help="first day: YYYY, YYYY-MM or YYYY-MM-DD"),
    end: str | None = typer.Option(None, "--end", help="last day: YYYY, YYYY-MM or YYYY-MM-DD"),
    status: str | None = typer.Option(None, "--status", help=STATUS_HELP),
    as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
) -> None:
    """Cooperation and conflict between A and B over time (counts, Goldstein and PLOVER-score sums)."""
    from ..analysis import UnknownActor, dyad_series

    start, end = date_range(start, end)
    with open_store(db) as store:
        hint_unmerged(store)
        try:
            out = dyad_series(store, a, b, freq=freq, start=start, end=end, status=status)
        except UnknownActor as exc:
            typer.echo(f"error: {exc.code}: {exc}", err=True)
            raise typer.Exit(1) from exc
    if as_json:
        echo_json(out)
        return
    A, B = out["a"], out["b"]
    rows = []
    for r in out["series"]:
        if r.get("gap"):
            rows.append([f"{r['period']} .. {r['until']}", f"({r['periods']} {freq}s without events)",
                         "", "", "", "", "", "", "", ""])
            continue
        ab, ba, tot = r["ab"], r["ba"], r["total"]
        top = ", ".join(f"{k} {v}" for k, v in sorted(tot["types"].items(), key=lambda kv: -kv[1])[:3])
        rows.append([r["period"], ab["events"], ab["coop"], ab["conflict"], ba["events"], ba["coop"], ba["conflict"],
                     tot["goldstein"], tot["score"], top])
    print_table(f"{A} - {B} by {freq}",
                ["period", f"{A}>{B}", "coop", "conflict", f"{B}>{A}", "coop", "conflict", "goldstein", "score",
                 "top types"], rows)
    if not rows:
        typer.echo(f"no merged events between {A} and {B}", err=True)


def register(app: typer.Typer) -> None:
    app.command("dyad")(dyad)
