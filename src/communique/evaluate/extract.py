"""How well the readers get article text out of real inputs (``communique eval extract PATH``).

- A folder in the format of the article-extraction benchmark (``html/*.html.gz`` and
  ``ground-truth.json`` mapping each page id to ``{"url", "articleBody"}``): the HTML reader's body
  text (the article text without the title line the reader puts first) is scored against the
  hand-checked body by token-level precision, recall and F1 (multiset overlap of lower-cased word
  tokens), averaged over pages (macro) and pooled (micro). The language check is off here: the
  extraction is scored on every page, whatever its language.
- A folder with ``html/NAME.html`` pages and ``text/NAME.txt`` expected bodies (the layout of
  newspaper's test fixtures): scored the same way, on the pairs whose names match.
- Any other file or folder (feeds, pages without gold): documents read and failed, by error code, and
  how many articles carry a date, a link and a title.
"""

from __future__ import annotations

import json
import re
import statistics
from collections import Counter
from pathlib import Path
from typing import Any

__all__ = ["article_body", "count_documents", "format_result", "is_benchmark", "prf", "score_benchmark", "tokens"]

_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text or ""))


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    """Token-level precision, recall and F1 of ``pred`` against ``gold`` (multiset overlap)."""
    p, g = tokens(pred), tokens(gold)
    n_p, n_g = sum(p.values()), sum(g.values())
    if n_p == 0 and n_g == 0:
        return 1.0, 1.0, 1.0
    overlap = sum((p & g).values())
    prec = overlap / n_p if n_p else 0.0
    rec = overlap / n_g if n_g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def article_body(article: Any) -> str:
    """The article text without its title zone (the reader puts the page title first)."""
    text = article.text
    for z in article.zones:
        if z.kind == "title":
            text = text[: z.start] + " " * (z.end - z.start) + text[z.end:]
    return text.strip()


def _benchmark_pairs(folder: Path) -> list[tuple[str, Path, str]]:
    """(page id, page path, gold body) for a ground-truth.json folder or an html/ + text/ folder."""
    if (folder / "ground-truth.json").is_file():
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        return [(pid, folder / "html" / f"{pid}.html.gz", gt.get("articleBody") or "") for pid, gt in sorted(truth.items())]
    out = []
    for page in sorted((folder / "html").glob("*.htm*")):
        gold = folder / "text" / (page.name.split(".htm")[0] + ".txt")
        if gold.is_file():
            out.append((page.name, page, gold.read_text(encoding="utf-8", errors="replace")))
    return out


def is_benchmark(path: Path) -> bool:
    return path.is_dir() and (
        (path / "ground-truth.json").is_file() or ((path / "html").is_dir() and (path / "text").is_dir())
    )


def score_benchmark(folder: Path) -> dict[str, Any]:
    from ..config import get_settings
    from ..ingest import read_bytes

    settings = get_settings()
    pages: list[dict[str, Any]] = []
    micro = Counter({"overlap": 0, "pred": 0, "gold": 0})
    for page_id, path, gold in _benchmark_pairs(folder):
        if not path.is_file():
            pages.append({"id": page_id, "error": "missing page"})
            continue
        items = list(read_bytes(path.read_bytes(), name=str(path), settings=settings, fmt="html", check_language=False))
        art = next((i for i in items if hasattr(i, "text")), None)
        if art is None:
            err = items[0] if items else None
            pages.append({"id": page_id, "error": f"{err.code}: {err.message}" if err else "nothing read",
                          "precision": 0.0, "recall": 0.0, "f1": 0.0})
            micro["gold"] += sum(tokens(gold).values())
            continue
        body = article_body(art)
        p, r, f = prf(body, gold)
        pt, gt_ = tokens(body), tokens(gold)
        micro["overlap"] += sum((pt & gt_).values())
        micro["pred"] += sum(pt.values())
        micro["gold"] += sum(gt_.values())
        pages.append({"id": page_id, "precision": p, "recall": r, "f1": f, "language": art.language,
                      "date": art.published, "title": art.title})
    scored = [pg for pg in pages if "f1" in pg]
    mp = micro["overlap"] / micro["pred"] if micro["pred"] else 0.0
    mr = micro["overlap"] / micro["gold"] if micro["gold"] else 0.0
    return {
        "folder": str(folder),
        "pages": len(pages),
        "failed": sum(1 for pg in pages if "error" in pg),
        "precision": statistics.fmean(pg["precision"] for pg in scored) if scored else 0.0,
        "recall": statistics.fmean(pg["recall"] for pg in scored) if scored else 0.0,
        "f1": statistics.fmean(pg["f1"] for pg in scored) if scored else 0.0,
        "micro_precision": mp,
        "micro_recall": mr,
        "micro_f1": 2 * mp * mr / (mp + mr) if mp + mr else 0.0,
        "with_date": sum(1 for pg in scored if pg.get("date")),
        "exact_or_near": sum(1 for pg in scored if pg["f1"] >= 0.95),
        "per_page": pages,
    }


def count_documents(path: Path) -> dict[str, Any]:
    from ..config import get_settings
    from ..ingest import read_paths

    read = failed = skipped = 0
    codes: Counter[str] = Counter()
    dated = linked = titled = chars = 0
    for item in read_paths([path], settings=get_settings()):
        if hasattr(item, "text"):
            read += 1
            dated += bool(item.published)
            linked += bool(item.url)
            titled += bool(item.title)
            chars += len(item.text)
        elif getattr(item, "skipped", False):
            skipped += 1
        else:
            failed += 1
            codes[item.code] += 1
    return {
        "path": str(path), "read": read, "failed": failed, "skipped": skipped, "errors": dict(codes),
        "with_date": dated, "with_url": linked, "with_title": titled,
        "mean_chars": round(chars / read) if read else 0,
    }


def format_result(res: dict[str, Any]) -> str:
    """One line for a result of :func:`score_benchmark` or :func:`count_documents`."""
    if "pages" in res:
        return (
            f"{res['folder']}: {res['pages']} pages, {res['failed']} failed | body tokens "
            f"P={res['precision']:.3f} R={res['recall']:.3f} F1={res['f1']:.3f} (macro) | "
            f"P={res['micro_precision']:.3f} R={res['micro_recall']:.3f} F1={res['micro_f1']:.3f} (micro) | "
            f"F1>=0.95 on {res['exact_or_near']} | dated {res['with_date']}"
        )
    errs = ", ".join(f"{k} {v}" for k, v in sorted(res["errors"].items())) or "none"
    return (
        f"{res['path']}: {res['read']} read, {res['skipped']} skipped, {res['failed']} failed (errors: {errs}) | "
        f"dated {res['with_date']}, with link {res['with_url']}, titled {res['with_title']}, "
        f"mean {res['mean_chars']} chars"
    )
