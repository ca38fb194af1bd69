"""Helpers for the store and analysis commands (cli/dyad, network, top, export, align, stats): opening the store, printing tables or JSON."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..config import get_settings
from .store import Store

DB_HELP = "DuckDB store (default: Settings.db, communique.duckdb)"


def open_store(db: str | None, *, read_only: bool = True) -> Store:
    return Store(db or get_settings().db, read_only=read_only)


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from ..cli.escape import term_safe

    table = Table(title=title, show_lines=False)
    for i, col in enumerate(columns):
        table.add_column(col, justify="left" if i == 0 else "right")
    for row in rows:
        # cells are plain text: no rich markup ("[blink]" in a name), control characters escaped
        table.add_row(*(Text(term_safe("" if v is None else (f"{v:.2f}" if isinstance(v, float) else str(v))))
                        for v in row))
    Console(width=None if sys.stdout.isatty() else 200).print(table)


def hint_unmerged(store: Store) -> None:
    counts = store.counts()
    if counts["events"] == 0 and counts["event_mentions"] > 0:
        typer.echo("note: the store has event mentions but no merged events: run "
                   "`communique stats --db F --merge` (or ingest with --merge)", err=True)
