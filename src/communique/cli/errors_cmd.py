"""``communique errors``: the documents a store could not read or code, with the reason."""

from __future__ import annotations

import typer

from .storeutil import DB_HELP, echo_json, open_store, print_table


def errors_cmd(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    code: str | None = typer.Option(None, "--code", help="only this error code (empty, not_found, ...)"),
    limit: int = typer.Option(1000, "--limit", "-n", help="how many errors (0: all)"),
    as_json: bool = typer.Option(False, "--json", help="print JSON instead of a table"),
) -> None:
    """Failed documents (the store's errors table): document, error code and message."""
    from ..store.queries import list_errors

    with open_store(db) as store:
        total = store.con.execute("SELECT count(*) FROM errors").fetchone()[0]
        rows, n = list_errors(store, code=code, limit=limit or max(total, 1), offset=0)
    if as_json:
        echo_json({"items": rows, "total": n})
        return
    print_table(f"{n} failed documents" + (f" (first {len(rows)})" if len(rows) < n else ""),
                ["document", "code", "message"], [[r["document"], r["code"], r["message"]] for r in rows])


def register(app: typer.Typer) -> None:
    app.command("errors")(errors_cmd)
