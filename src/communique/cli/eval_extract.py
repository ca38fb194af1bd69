"""``communique eval extract PATH``: how well the readers get article text out of real inputs (the
scoring is in :mod:`communique.evaluate.extract`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..evaluate.extract import count_documents, format_result, is_benchmark, score_benchmark


def extract(
    paths: list[Path] = typer.Argument(..., help="benchmark folder(s) with ground-truth.json, or feeds/pages to count"),
    as_json: bool = typer.Option(False, "--json", help="print the full result as JSON (with per-page scores)"),
) -> None:
    """Score the readers: body-text precision/recall/F1 on a gold folder, or items read/failed."""
    results = []
    for path in paths:
        if not path.exists():
            typer.echo(f"{path}: not found", err=True)
            raise typer.Exit(2)
        res = score_benchmark(path) if is_benchmark(path) else count_documents(path)
        results.append(res)
        if not as_json:
            typer.echo(format_result(res))
    if as_json:
        typer.echo(json.dumps(results if len(results) > 1 else results[0], ensure_ascii=False, indent=1))


def register(app: typer.Typer) -> None:
    from . import eval_app

    eval_app.command("extract")(extract)
