"""``communique eval plover FILE``: type accuracy and full-match P/R/F1 on PLOVER gold records."""

from __future__ import annotations

import json

import typer


def plover(
    path: str = typer.Argument(..., help="PLOVER gold records (JSON list, e.g. plover-gsr-dev.json)"),
    as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
    misses: bool = typer.Option(False, "--misses", help="list the gold records the coder did not match"),
    text: bool = typer.Option(False, "--text", help="with --misses: also print each sentence and the rules that fired"),
    limit: int | None = typer.Option(None, "--limit", help="score only the first N records"),
    part: str = typer.Option("all", "--part", help="all, dev (records 1, 3, 5, ...: read its misses) or "
                             "held-out (records 2, 4, 6, ...: figures only)"),
    as_coded: bool = typer.Option(False, "--as-coded", help="score the types as the record holds them, not "
                                  "as PLOVER's conventions code them (data/plover/conventions.yaml)"),
) -> None:
    """Score the event coder on PLOVER gold records (older types mapped: DEMAND->REQUEST,
    DISAPPROVE/INVESTIGATE->ACCUSE, FIGHT->ASSAULT)."""
    from ..evaluate.plover import evaluate_plover, format_report

    if part == "held-out" and (misses or text):
        raise typer.BadParameter("the held-out part prints figures only (no --misses, no --text)",
                                 param_hint="--part")
    rep = evaluate_plover(path, limit=limit, part=part, conventions=not as_coded)
    if as_json:
        typer.echo(json.dumps({"part": part, **rep.to_dict()}, indent=1))
    else:
        typer.echo(f"part: {part}" + ("  (types as coded)" if as_coded else ""))
        typer.echo(format_report(rep))
    if misses:
        for m, (sentence, rules) in zip(rep.misses, rep.miss_details, strict=True):
            typer.echo(f"missed: {m}")
            if text:
                typer.echo(f"    {sentence}")
                if rules:
                    typer.echo(f"    rules: {', '.join(rules)}")


def register(app: typer.Typer) -> None:
    from . import eval_app

    eval_app.command("plover")(plover)
