"""``communique code``: print article records for files, folders or globs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer

from ..coder import code_articles
from ..config import get_settings
from ..records import ArticleRecord, DocError, ErrorRecord


def _table(rec: ArticleRecord) -> str:
    a = rec.article
    lines = [f"# {a.title or '(untitled)'}  [{a.published or 'undated'} {a.date_basis}]  {a.id[:19]}"]
    names = {x.id: x.name for x in rec.actors}
    for e in rec.events:
        src = e.source.name if e.source else "-"
        tgt = e.target.name if e.target else "-"
        date = e.date.start if e.date else "-"
        flag = " NOT" if e.negated else ""
        lines.append(f"  {e.type:<10}{flag} {src} -> {tgt}  {e.status}  {date}  ({e.rule})")
    for q in rec.quotes:
        who = q.speaker.name if q.speaker else "?"
        lines.append(f"  quote {who}: {q.text[:70]!r}")
    if not rec.events:
        lines.append(f"  actors: {', '.join(names.values()) or '-'}")
    return "\n".join(lines)


def code(
    paths: list[str] = typer.Argument(..., help="files, folders (recursed) or globs"),
    published: str | None = typer.Option(None, "--published", help="publication date YYYY-MM-DD when the input has none"),
    fmt: str = typer.Option("json", "--format", "-f", help="json, jsonl or table"),
    explain: bool = typer.Option(False, "--explain", help="show each event's parse path and rule"),
) -> None:
    """Code articles and print their records."""
    from ..ingest import read_paths

    if fmt not in {"json", "jsonl", "table"}:
        raise typer.BadParameter("--format must be json, jsonl or table")
    settings = get_settings()
    counts = {"read": 0, "failed": 0}
    out = sys.stdout
    records: list[dict] = []
    for item in code_articles(read_paths(paths, published=published, settings=settings), batch_size=settings.batch_size):
        if isinstance(item, DocError):
            counts["failed"] += 1
            typer.echo(f"error: {item.document}: {item.code}: {item.message}", err=True)
            if fmt == "jsonl":
                out.write(json.dumps(ErrorRecord.from_error(item).to_dict(), ensure_ascii=False) + "\n")
            continue
        counts["read"] += 1
        if fmt == "jsonl":
            out.write(item.to_json() + "\n")
        elif fmt == "table":
            out.write(_table(item) + "\n")
        else:
            records.append(item.to_dict())
        if explain:
            from ..explain import explain_record

            typer.echo(explain_record(item), err=fmt != "table")
    if fmt == "json":
        payload = records[0] if len(records) == 1 else records
        out.write(json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
    typer.echo(f"{counts['read']} read, {counts['failed']} failed", err=True)
    if counts["read"] == 0:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("code")(code)
