"""``communique eval geo FILE.xml``: geoparsing scores on the Gritta corpora formats (the scoring is
in :mod:`communique.evaluate.geo`)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..evaluate.geo import evaluate, read_gold


def _fmt(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def geo(
    path: Path = typer.Argument(..., exists=True, dir_okay=False, help="a Gritta-format corpus (LGL, TR-News, GeoVirus)"),
    demonyms: bool = typer.Option(True, "--demonyms/--no-demonyms", help="read demonyms (\"Turkish\") as toponyms"),
    limit: int = typer.Option(0, "--limit", help="score only N articles (0: all)"),
    skip: int = typer.Option(0, "--skip", help="leave out the first N articles"),
    half: str = typer.Option("", "--half", help="score only the 'first' or 'second' half of the articles"),
    as_json: bool = typer.Option(False, "--json", help="print the figures as JSON"),
    misses: bool = typer.Option(False, "--misses", help="also list the gold-span resolution errors by category"),
    spans: bool = typer.Option(False, "--spans", help="also list the recognition errors (missed and spurious spans)"),
    without: list[str] = typer.Option([], "--without", help="leave out a recognition step: widen, match, context, anchor"),
) -> None:
    """Score toponym recognition and resolution on a geoparsing gold corpus."""
    from ..places import STEPS

    unknown = set(without) - set(STEPS)
    if unknown:
        raise typer.BadParameter(f"unknown step(s) {', '.join(sorted(unknown))}; steps: {', '.join(STEPS)}")
    docs = read_gold(path)
    first = 0
    if half:
        if half not in {"first", "second"}:
            raise typer.BadParameter("--half is 'first' or 'second'")
        mid = (len(docs) + 1) // 2
        docs, first = (docs[:mid], 0) if half == "first" else (docs[mid:], mid)
    if skip:
        docs, first = docs[skip:], first + skip
    if limit:
        docs = docs[:limit]
    errors: list[dict] | None = [] if misses else None
    span_errors: list[dict] | None = [] if spans else None
    fig = evaluate(docs, demonyms=demonyms, misses=errors, spans=span_errors, first_doc=first,
                   skip=frozenset(without))
    if errors is not None:
        fig["misses"] = errors
    if span_errors is not None:
        fig["spans"] = span_errors
    if as_json:
        typer.echo(json.dumps(fig, indent=1))
        return
    e, g = fig["end_to_end"], fig["gold_spans"]
    typer.echo(f"{path.name}: {len(docs)} articles, {fig['gold_toponyms']} gold toponyms, "
               f"{fig['system_toponyms']} found by the system")
    typer.echo(f"  spans        recall {_fmt(fig['span_recall_exact'])} (overlap {_fmt(fig['span_recall_overlap'])})"
               f"  precision {_fmt(fig['span_precision_exact'])}")
    typer.echo(f"  end to end   geonameid {_fmt(e['geonameid_exact'])}  country {_fmt(e['country'])}"
               f"  within 161 km {_fmt(e['within_161km'])}  (of the names found)")
    a = fig["of_all_gold"]
    typer.echo(f"  of all gold  geonameid {_fmt(a['geonameid_exact'])}  country {_fmt(a['country'])}"
               f"  within 161 km {_fmt(a['within_161km'])}  (a name not found counts as wrong)")
    typer.echo(f"  gold spans   geonameid {_fmt(g['geonameid_exact'])}  country {_fmt(g['country'])}"
               f"  within 161 km {_fmt(g['within_161km'])}  (resolved {_fmt(g['resolved'])})")
    if errors:
        by_cat: dict[str, int] = {}
        for m in errors:
            by_cat[m["category"]] = by_cat.get(m["category"], 0) + 1
        typer.echo("  misses       " + "  ".join(f"{k} {v}" for k, v in sorted(by_cat.items(), key=lambda x: -x[1])))
        for m in sorted(errors, key=lambda m: (m["category"], m["text"])):
            typer.echo(f"    [{m['category']}] doc {m['doc']} {m['text']!r}: gold {m['gold_country']} "
                       f"{m['gold_point']} -> {m['chosen']} {m['km']} km; right: {m['right']}")
    if span_errors:
        n_missed = sum(m["kind"] == "missed" for m in span_errors)
        typer.echo(f"  span errors  missed {n_missed}  spurious {len(span_errors) - n_missed}")
        for m in span_errors:
            extra = f" (found {m['overlap']!r})" if m.get("overlap") else ""
            if m["kind"] == "spurious":
                extra = f" -> {m['chosen']}" + (f" [{m['how']}]" if m.get("how") else "")
            typer.echo(f"    [{m['kind']}] doc {m['doc']} {m['text']!r}{extra}: {m['context']}")


def register(app: typer.Typer) -> None:
    from . import eval_app

    eval_app.command("geo")(geo)
