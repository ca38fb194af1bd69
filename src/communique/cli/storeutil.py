"""Helpers for the store and analysis commands (cli/dyad, network, top, export, align, stats): opening the
store, printing tables or JSON. They live in the CLI: the store knows no typer or rich."""

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
from ..periods import period_day
from ..store import Store
from .escape import term_safe

DB_HELP = "DuckDB store (default: Settings.db, communique.duckdb)"


def open_store(db: str | None, *, read_only: bool = True) -> Store:
    return Store(db or get_settings().db, read_only=read_only)


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def print_table(title: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
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


DATE_HELP = "YYYY, YYYY-MM or YYYY-MM-DD"


def date_option(value: str | None, name: str, *, closes: bool = False) -> str | None:
    """A date option as a day YYYY-MM-DD: a year or a month stands for its first day, or for its last
    day in an option that closes a period (``closes``), as in the API. A bad date is a usage error."""
    if value is None or value == "":
        return None
    day = period_day(value, closes=closes)
    if day is not None:
        return day.isoformat()
    raise typer.BadParameter(f"{name} must be a date {DATE_HELP}, not {value!r}")


def date_range(start: str | None, end: str | None, *, names: tuple[str, str] = ("--start", "--end")
               ) -> tuple[str | None, str | None]:
    """``start`` and ``end`` as days (:func:`date_option`); a start after the end is a usage error."""
    s = date_option(start, names[0])
    e = date_option(end, names[1], closes=True)
    if s and e and s > e:
        raise typer.BadParameter(f"{names[0]} {start} is after {names[1]} {end}: nothing can lie between them")
    return s, e


STATUS_HELP = ("statuses counted: default reported, ongoing, attempted, claimed; a comma list (add 'negated' "
               "for negated events) or 'all'")
