"""A small generated corpus for batch tests: short articles written from templates (our own sentences),
a JSON Lines file of several articles, and a few bad inputs."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

COUNTRIES = [
    ("France", "French", "Paris"), ("Germany", "German", "Berlin"), ("Japan", "Japanese", "Tokyo"),
    ("Brazil", "Brazilian", "Brasilia"), ("Kenya", "Kenyan", "Nairobi"), ("Canada", "Canadian", "Ottawa"),
    ("India", "Indian", "New Delhi"), ("Egypt", "Egyptian", "Cairo"), ("Mexico", "Mexican", "Mexico City"),
    ("Norway", "Norwegian", "Oslo"), ("Chile", "Chilean", "Santiago"), ("Vietnam", "Vietnamese", "Hanoi"),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
ROLES = ["foreign minister", "defence minister", "prime minister", "trade minister"]

TEMPLATES = [
    "The {adj_a} {role} met his {adj_b} counterpart in {cap_b} on {day} to discuss water and energy.",
    "{a} accused {b} of violating an agreement on fishing rights, officials said on {day}.",
    "{a} and {b} signed a trade agreement in {cap_a} on {day}.",
    "{a} sent medical aid to {b} after floods destroyed hundreds of homes.",
    "The {adj_a} government criticised {b} for expelling two diplomats last week.",
    "Officials from {a} will visit {cap_b} next month for talks on a railway project.",
    "{a} threatened to impose sanctions on {b} if the border dispute was not settled.",
    "Police in {cap_a} arrested three protesters outside the {adj_b} embassy on {day}.",
]
QUOTES = [
    '"We want a lasting partnership," the {adj_a} {role} told reporters.',
    '"This decision is a serious mistake," a spokesperson for the {adj_b} government said.',
    'The {role} of {a} said the two countries would meet again in the autumn.',
]


def _fill(rng: random.Random, template: str) -> str:
    (a, adj_a, cap_a), (b, adj_b, cap_b) = rng.sample(COUNTRIES, 2)
    return template.format(a=a, adj_a=adj_a, cap_a=cap_a, b=b, adj_b=adj_b, cap_b=cap_b,
                           day=rng.choice(DAYS), role=rng.choice(ROLES))


def make_article(rng: random.Random, n: int) -> tuple[str, str]:
    """(title, body) of generated article ``n``: a few template sentences and a quote."""
    sentences = [_fill(rng, t) for t in rng.sample(TEMPLATES, 3)] + [_fill(rng, rng.choice(QUOTES))]
    sentences.append(f"It was meeting number {n + 2} this year.")
    title = _fill(rng, rng.choice(["{a} and {b} hold talks", "{a} criticises {b}", "Aid from {a} reaches {b}"]))
    return title, " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:])


def write_corpus(folder: Path, *, n_files: int = 30, n_lines: int = 6, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n_files):
        title, body = make_article(rng, i)
        (folder / f"article-{i:03d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    with open(folder / "wire.jsonl", "w", encoding="utf-8") as fh:
        for i in range(n_lines):
            title, body = make_article(rng, 100 + i)
            fh.write(json.dumps({"id": f"w{i}", "title": title, "text": f"{title}\n\n{body}",
                                 "published": "2024-05-0" + str(1 + i % 9)}) + "\n")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 8)
    return folder


def communique_cmd() -> list[str]:
    exe = shutil.which("communique", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "communique"]


def run_ingest(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([*communique_cmd(), "ingest", *args], capture_output=True, text=True, env=full_env,
                          timeout=timeout)


#: files above this size are read by the writer and checkpointed per document (wire.jsonl, garbage.txt)
SMALL_FILE_ENV = {"COMMUNIQUE_SMALL_FILE_BYTES": "2000"}

SNAPSHOT_QUERIES = {
    "articles": "SELECT id, document FROM articles ORDER BY id",
    "event_mentions": "SELECT uid, type, source_name, target_name FROM event_mentions ORDER BY uid",
    "quotes": "SELECT uid FROM quotes ORDER BY uid",
    "actors": "SELECT uid FROM actors ORDER BY uid",
    "errors": "SELECT document, code, message FROM errors ORDER BY document, code",
    "inputs_done": "SELECT key FROM inputs_done ORDER BY key",
    "events": "SELECT id, n_mentions FROM events ORDER BY id",
}


def snapshot(db: Path) -> dict:
    """Everything a resumed run must reproduce: row counts and the ids of every table."""
    from communique.store import Store

    with Store(db, read_only=True) as store:
        out: dict = {"counts": store.counts()}
        for name, sql in SNAPSHOT_QUERIES.items():
            out[name] = [tuple(r.values()) for r in store.rows(sql)]
    return out


def assert_same_store(after: dict, before: dict) -> None:
    """Assert two snapshots are equal, naming the first table that differs."""
    for name in SNAPSHOT_QUERIES:
        extra = sorted(set(after[name]) - set(before[name]))[:3]
        missing = sorted(set(before[name]) - set(after[name]))[:3]
        assert after[name] == before[name], f"{name} differ: extra {extra}, missing {missing}"
    diff = {k: (after["counts"].get(k), v) for k, v in before["counts"].items() if after["counts"].get(k) != v}
    assert not diff, f"row counts differ (after, before): {diff}"


def die_on_marker(chunk, *, marker: str = "WORKER-KILLER"):
    """A chunk function for engine tests: the worker process dies (as on out-of-memory) when a document
    holds ``marker``; otherwise every document comes back as a record count, without coding."""
    from communique.batch import ChunkResult

    for _, item in chunk.items:
        if marker in getattr(item, "text", ""):
            os._exit(9)
    keys = [k for k, _ in chunk.items]
    return ChunkResult(index=chunk.index, keys=keys, output_keys=list(keys), n_records=len(keys), pid=os.getpid())
