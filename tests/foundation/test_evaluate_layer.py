"""The scorers live in one package, ``communique.evaluate``, above the pipeline: only the command line
imports them, and they import nothing from the command line."""

from __future__ import annotations

import ast
from pathlib import Path

import communique

SRC = Path(communique.__file__).resolve().parent


def _imports(path: Path) -> set[str]:
    """Absolute names of the communique modules a source file imports (relative imports resolved)."""
    package = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    if path.name != "__init__.py":
        package = package.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("communique"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            if mod.startswith("communique"):
                out.add(mod)
                out.update(f"{mod}.{a.name}" for a in node.names)
    return out


def _layer_users(prefix: str) -> dict[str, set[str]]:
    users: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        hits = {m for m in _imports(path) if m == prefix or m.startswith(prefix + ".")}
        if hits:
            users[str(path.relative_to(SRC))] = hits
    return users


def test_import_resolution_sees_relative_imports():
    # the check below could not fail if relative imports were missed
    assert "communique.evaluate.quotes.evaluate_folder" in _imports(SRC / "cli" / "eval_quotes.py")
    assert "communique.coder" in _imports(SRC / "evaluate" / "quotes.py")


def test_only_the_command_line_imports_the_scorers():
    users = _layer_users("communique.evaluate")
    outside = {f for f in users if not f.startswith(("cli/", "evaluate/"))}
    assert not outside, f"imports of communique.evaluate below the command line: {sorted(outside)}"
    assert {f"cli/eval_{n}.py" for n in ("extract", "geo", "quotes", "plover", "articles", "timeml")} <= set(users)


def test_scorers_do_not_import_the_command_line():
    for path in (SRC / "evaluate").glob("*.py"):
        assert not any(m.startswith("communique.cli") for m in _imports(path)), path.name


def test_no_scorer_left_in_a_component():
    left = [p.relative_to(SRC) for p in SRC.glob("*/evaluate.py")]
    assert not left, f"scorers outside communique.evaluate: {left}"
