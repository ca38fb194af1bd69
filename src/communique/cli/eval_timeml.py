"""``communique eval timeml DIR``: TempEval-3 Task A figures for time expressions against TimeML gold."""

from __future__ import annotations

import json

import typer


def timeml(
    folder: str = typer.Argument(..., help="folder of TimeML .tml files (sub-folders are scored apart too)"),
    limit: int | None = typer.Option(None, "--limit", help="score only the first N files"),
    globs: list[str] = typer.Option([], "--glob", help="only files whose path under FOLDER matches (repeatable; "
                                    "e.g. 'AQUAINT/APW*')"),
    half: str | None = typer.Option(None, "--half", help="only the 'first' or 'second' half of each sub-folder "
                                    "(files sorted by name)"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
    misses_to: str | None = typer.Option(None, "--misses", help="write missed, extra and wrong-value rows "
                                         "to this file (JSON lines)"),
) -> None:
    """Score time expressions: strict and relaxed span P/R/F1, value accuracy and value F1, by TIMEX3 type."""
    from ..evaluate.timeml import evaluate_folder, format_figures

    if half is not None and half not in {"first", "second"}:
        raise typer.BadParameter("--half is 'first' or 'second'")
    misses: list[dict] | None = [] if misses_to else None
    figures = evaluate_folder(folder, limit=limit, misses=misses, globs=globs or None, half=half)
    if misses_to and misses is not None:
        with open(misses_to, "w", encoding="utf-8") as fh:
            for row in misses:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if as_json:
        typer.echo(json.dumps(figures, indent=1))
        return
    for line in format_figures(figures):
        typer.echo(line)
    for name, fig in figures.get("groups", {}).items():
        for line in format_figures(fig, name):
            typer.echo(line)


def register(app: typer.Typer) -> None:
    from . import eval_app

    eval_app.command("timeml")(timeml)
