"""``communique demo``: the main job on the bundled default: code the sample articles shipped with the
package into the embedded store, show what was found, and say where the dashboard is."""

from __future__ import annotations

from pathlib import Path

import typer

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _side(row: dict, side: str) -> str:
    name, country = row.get(f"{side}_name"), row.get(f"{side}_country")
    if not name:
        return str(country or "-")
    return f"{name} ({country})" if country and country not in name else str(name)


def demo(
    db: str = typer.Option("communique.duckdb", "--db", help="DuckDB file of the event store"),
    serve: bool = typer.Option(False, "--serve", help="start the dashboard when done"),
    port: int = typer.Option(8000, "--port", help="dashboard port with --serve"),
) -> None:
    """Code the bundled sample articles into the store and show the result."""
    from rich.console import Console
    from rich.table import Table

    from ..batch import ingest
    from ..store import Store
    from ..store.queries import list_events

    console = Console()
    inputs = sorted(str(p) for p in SAMPLES.iterdir() if p.is_file() and not p.name.startswith("."))
    console.print(f"[bold]Coding {len(inputs)} sample inputs from {SAMPLES} into {db}[/bold]")
    report = ingest(inputs, db=db, engine="sync", progress="auto")
    with Store(db, read_only=True) as store:
        counts = store.counts()
        rows, total = list_events(store, merged=True, sort="date", limit=25)
    shown = f"first {len(rows)}; " if total > len(rows) else ""
    table = Table(title=f"Merged events ({total} in all; {shown}n = mentions)", padding=(0, 0))
    for col, width in (("date", 10), ("type", 9), ("source", 17), ("target", 17), ("n", 2), ("place", 10)):
        table.add_column(col, max_width=width, no_wrap=True, overflow="ellipsis")
    for r in rows:
        table.add_row(
            _period(r.get("date_start"), r.get("date_end")), ("not " if r.get("negated") else "") + str(r.get("type")),
            _side(r, "source"), _side(r, "target"), str(r.get("n_mentions") or 1), str(r.get("location_name") or ""),
        )
    console.print(table)
    console.print("Store: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    console.print(f"Batch: {report.coded} coded, {report.failed} failed, {report.skipped} skipped "
                  f"in {report.seconds:.1f} s ({report.engine})")
    url = f"http://127.0.0.1:{port}/"
    if serve:
        from .serve import run_server

        console.print(f"[bold green]Dashboard: {url}[/bold green] (Ctrl-C to stop)")
        run_server(db=db, host="127.0.0.1", port=port)
    else:
        console.print(
            f"[bold green]Dashboard:[/bold green] .venv/bin/communique serve --db {db}  then open {url}"
            "  (or scripts/demo.sh --serve)"
        )


def _period(start: object, end: object) -> str:
    """A merged event's date as a reader writes it: the day, else its month or year, never an invented day."""
    import calendar
    import datetime as dt

    if not start:
        return ""
    s = start if isinstance(start, dt.date) else dt.date.fromisoformat(str(start)[:10])
    e = end if isinstance(end, dt.date) else (dt.date.fromisoformat(str(end)[:10]) if end else s)
    if s == e:
        return s.isoformat()
    if s.day == 1 and (s.year, s.month) == (e.year, e.month) and e.day == calendar.monthrange(e.year, e.month)[1]:
        return s.strftime("%Y-%m")
    if (s.month, s.day, e.month, e.day) == (1, 1, 12, 31) and s.year == e.year:
        return str(s.year)
    return f"{s.isoformat()}/{e.isoformat()}"


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)
