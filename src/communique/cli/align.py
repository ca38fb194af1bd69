"""``communique align A B``: the alignment index of two actors over time (docs/analysis.md)."""

from __future__ import annotations

import typer

from .storeutil import DB_HELP, STATUS_HELP, date_range, echo_json, hint_unmerged, open_store, print_table


def align(
    a: str = typer.Argument(..., help="first actor: country name, demonym, ISO3 code or actor code"),
    b: str = typer.Argument(..., help="second actor"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    freq: str = typer.Option("month", "--freq", help="day, week or month"),
    start: str | None = typer.Option(None, "--start", help="first day: YYYY, YYYY-MM or YYYY-MM-DD"),
    end: str | None = typer.Option(None, "--end", help="last day: YYYY, YYYY-MM or YYYY-MM-DD"),
    weight: float = typer.Option(0.5, "--weight", help="weight of mutual cooperation against similarity"),
    status: str | None = typer.Option(None, "--status", help=STATUS_HELP),
    as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
) -> None:
    """How much A and B cooperate with each other, and how alike they act toward third parties."""
    from ..analysis import UnknownActor, alignment

    start, end = date_range(start, end)
    with open_store(db) as store:
        hint_unmerged(store)
        try:
            out = alignment(store, a, b, freq=freq, start=start, end=end, weight=weight, status=status)
        except UnknownActor as exc:
            typer.echo(f"error: {exc.code}: {exc}", err=True)
            raise typer.Exit(1) from exc
    if as_json:
        echo_json(out)
        return
    rows = [[r["period"], r["index"], r["mutual"], r["similarity"], r["coop"], r["conflict"], r["third_parties"]]
            for r in out["series"] if r["index"] is not None]
    print_table(f"alignment {out['a']} - {out['b']} by {freq}",
                ["period", "index", "mutual", "similarity", "coop", "conflict", "third parties"], rows)
    left = len(out["series"]) - len(rows)
    if left:
        typer.echo(f"{left} periods without data left out (all of them: --json)", err=True)


def register(app: typer.Typer) -> None:
    app.command("align")(align)
