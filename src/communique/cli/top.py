"""``communique top``: the dyads whose cooperation or conflict changed most between two periods."""

from __future__ import annotations

import typer

from .storeutil import DB_HELP, STATUS_HELP, date_range, echo_json, hint_unmerged, open_store, print_table


def _period(value: str, name: str) -> tuple[str | None, str | None]:
    parts = value.split(":")
    if len(parts) != 2:
        raise typer.BadParameter(f"{name} must be START:END, dates YYYY, YYYY-MM or YYYY-MM-DD (2024-01:2024-03)")
    return date_range(parts[0], parts[1], names=(f"{name} start", f"{name} end"))


def top(
    before: str = typer.Option(..., "--before", help="first period START:END, dates YYYY, YYYY-MM or YYYY-MM-DD"),
    after: str = typer.Option(..., "--after", help="second period START:END"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    n: int = typer.Option(10, "-n", "--n", help="how many dyads"),
    by: str = typer.Option("net", "--by", help="net, coop, conflict or events"),
    status: str | None = typer.Option(None, "--status", help=STATUS_HELP),
    fold: bool = typer.Option(False, "--fold", help="fold non-state actors (rebels, parties...) into their country"),
    as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
) -> None:
    """Top movers: change per 30 days of cooperation, conflict or both, from BEFORE to AFTER."""
    from ..analysis import top_movers

    with open_store(db) as store:
        hint_unmerged(store)
        out = top_movers(store, before=_period(before, "--before"), after=_period(after, "--after"), n=n, by=by,
                         status=status, fold=fold)
    if as_json:
        echo_json(out)
        return
    days = (f" (before: {out[0]['before']['days']} days, after: {out[0]['after']['days']} days)" if out else "")
    print_table(f"top movers by {by}: events per 30 days{days}",
                ["dyad", "coop before", "coop after", "conflict before", "conflict after", "net change"],
                [[f"{r['a']} - {r['b']}", float(r["before"]["per_30_days"]["coop"]),
                  float(r["after"]["per_30_days"]["coop"]), float(r["before"]["per_30_days"]["conflict"]),
                  float(r["after"]["per_30_days"]["conflict"]), float(r["net_change"])] for r in out])


def register(app: typer.Typer) -> None:
    app.command("top")(top)
