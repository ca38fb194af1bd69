"""``communique explain FILE``: code articles and show, per event, the rule and the parse path."""

from __future__ import annotations

import typer

from ..config import get_settings
from .escape import echo


def explain(
    paths: list[str] = typer.Argument(..., help="files, folders or globs"),
    published: str | None = typer.Option(None, "--published", help="publication date YYYY-MM-DD when the input has none"),
) -> None:
    """Explain every coded event: rule, pattern, parse path, status words, evidence."""
    from ..coder import code_articles
    from ..explain import explain_record
    from ..ingest import read_paths
    from ..records import DocError

    settings = get_settings()
    n = 0
    for item in code_articles(read_paths(paths, published=published, settings=settings), batch_size=settings.batch_size,
                                  batch_chars=settings.batch_chars):
        if isinstance(item, DocError):
            echo(f"error: {item.document}: {item.code}: {item.message}", err=True)
            continue
        n += 1
        echo(explain_record(item))
    if n == 0:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
