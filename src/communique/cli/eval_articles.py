"""``communique eval articles DIR``: event P/R/F1 per article and micro-averaged, with the quote, actor and
time lines, against hand-coded ``DIR/<id>/gold.json`` files (see ``communique.evaluate.articles``)."""

from __future__ import annotations

import json

import typer


def articles(
    path: str = typer.Argument(..., help="folder of <id>/article.txt + <id>/gold.json (e.g. gold-news)"),
    misses: bool = typer.Option(False, "--misses", help="list each article's missed and false events"),
    only: str = typer.Option("", "--only", help="comma-separated article folders to score"),
    skip: str = typer.Option("", "--except", help="comma-separated article folders to leave out"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
) -> None:
    """Code each article (published date from its gold) and score it: events (micro-averaged P/R/F1),
    quotes, actors, times and the date/location/status/attribution of matched events."""
    from ..evaluate.articles import evaluate_articles

    rep = evaluate_articles(path, only=[x for x in only.split(",") if x], skip=[x for x in skip.split(",") if x])
    if as_json:
        typer.echo(json.dumps(rep.to_dict(), indent=1))
    else:
        typer.echo(rep.format(misses=misses))


def register(app: typer.Typer) -> None:
    from . import eval_app

    eval_app.command("articles")(articles)
