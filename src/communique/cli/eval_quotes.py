"""``communique eval quotes DIR``: quote content and speaker figures against brat attribution gold."""

from __future__ import annotations

import json

import typer


def quotes(
    folder: str = typer.Argument(..., help="folder in the PolNeAR layout: text/*.txt and attributions/*.ann"),
    limit: int | None = typer.Option(None, "--limit", help="score only the first N articles"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
    per_document: bool = typer.Option(False, "--per-document", help="also list figures per annotation file"),
    misses_to: str | None = typer.Option(None, "--misses", help="write missed, extra and wrong-speaker rows "
                                         "to this file (JSON lines)"),
) -> None:
    """Score quotes: content precision/recall/F1 (overlap and exact) and speaker accuracy."""
    from ..evaluate.quotes import evaluate_folder, format_details, format_figures

    details: list[dict] | None = [] if per_document else None
    misses: list[dict] | None = [] if misses_to else None
    figures = evaluate_folder(folder, limit=limit, details=details, misses=misses)
    if misses_to and misses is not None:
        with open(misses_to, "w", encoding="utf-8") as fh:
            for row in misses:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    if as_json:
        payload = {**figures, **({"documents_detail": details} if details is not None else {})}
        typer.echo(json.dumps(payload, indent=1))
        return
    for line in format_details(details or []) + format_figures(figures):
        typer.echo(line)


def register(app: typer.Typer) -> None:
    from . import eval_app

    eval_app.command("quotes")(quotes)
