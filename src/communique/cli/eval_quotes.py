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
    from ..quotes.evaluate import evaluate_folder

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
    if details:
        for d in details:
            typer.echo(f"{d['annotation']:<60} gold {d['gold']:>3} sys {d['system']:>3} "
                       f"overlap F1 {d['overlap']['f1']:.2f} speaker {d['speaker_accuracy']:.2f}")
    o, e = figures["overlap"], figures["exact"]
    typer.echo(f"documents {figures['documents']} (failed {figures['failed']}), gold {figures['gold']}, "
               f"system {figures['system']}")
    typer.echo(f"content overlap  P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f}")
    typer.echo(f"content exact    P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f}")
    typer.echo(f"speaker accuracy {figures['speaker_accuracy']:.3f} on {figures['speaker_scored']} matched quotes")
    st = figures["statements"]
    typer.echo(f"statements only  P={st['precision']:.3f} R={st['recall']:.3f} F1={st['f1']:.3f} "
               f"exact R={st['exact_recall']:.3f} ({st['gold']} gold attributions with a speech cue)")
    typer.echo(f"recall by kind   direct {figures['recall_direct']:.3f}  reported {figures['recall_reported']:.3f}")
    kinds = "  ".join(f"{k} {v['system']} (P={v['precision']:.3f})" for k, v in figures["by_kind"].items())
    typer.echo(f"quotes by kind   {kinds}")


def register(app: typer.Typer) -> None:
    from . import eval_app

    eval_app.command("quotes")(quotes)
