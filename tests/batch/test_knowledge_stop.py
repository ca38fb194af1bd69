"""Issue 19, finding 5: a mistake in the user's own knowledge folder stops ``ingest`` before any document,
naming the file and line, with nothing marked done; once fixed, a rerun codes everything. An input whose
documents all failed for a systemic reason is not checkpointed, and ``ingest --retry-failed`` codes again
the documents that failed."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from communique.batch.checkpoint import SYSTEMIC_CODES, file_key, systemic_keys
from communique.knowledge import BUNDLED
from communique.knowledge_check import KnowledgeError, check_knowledge
from communique.records import DocError

from .batch_helpers import run_ingest

GOOD = """type: ACCUSE
groups:
  - cameo: "112"
    mode: accuse
    patterns:
      - rebuke >obj
      - harangue >obj
"""


def _articles(folder: Path, n: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i}.txt").write_text(
            f"Chile rebukes Peru over border, round {i}\n\n"
            f"Chile's foreign minister harangued Peru on Monday over a border crossing closed for round {i} of repairs.\n")
    return folder


def _knowledge(root: Path, text: str, name: str = "mine.yaml") -> Path:
    d = root / "events" / "patterns"
    d.mkdir(parents=True, exist_ok=True)
    (d / name).write_text(text)
    return root


def _problem(text: str, tmp_path: Path) -> str:
    with pytest.raises(KnowledgeError) as exc:
        check_knowledge([str(_knowledge(tmp_path / "k", text))])
    return exc.value.message


def test_an_unknown_plover_type_is_named_with_file_and_line(tmp_path):
    msg = _problem(GOOD.replace("ACCUSE", "ACUSE"), tmp_path)
    assert "mine.yaml:1: unknown PLOVER type 'ACUSE'" in msg


def test_a_misspelt_key_is_named_with_file_and_line(tmp_path):
    msg = _problem(GOOD.replace("    patterns:", "    patern:\n      - x\n    patterns:"), tmp_path)
    assert "mine.yaml:5: unknown key 'patern' in a group" in msg


def test_a_bad_slot_is_named_with_file_and_line(tmp_path):
    msg = _problem(GOOD.replace("harangue >obj", "harangue >objx"), tmp_path)
    assert "mine.yaml:7: pattern 'harangue >objx': unknown slot 'objx'" in msg


def test_a_pattern_the_compiler_refuses_and_broken_yaml_are_named(tmp_path):
    msg = _problem(GOOD.replace("harangue >obj", "harangue %what"), tmp_path)
    assert "mine.yaml:7:" in msg and "cannot read '%what'" in msg
    msg = _problem(GOOD.replace("  - cameo", "  - cameo: [unclosed"), tmp_path / "b")
    assert "mine.yaml:" in msg and "not valid YAML" in msg


def test_a_missing_folder_and_a_misplaced_file_are_named(tmp_path):
    with pytest.raises(KnowledgeError) as exc:
        check_knowledge([str(tmp_path / "no-such-folder")])
    assert "no-such-folder: the knowledge folder" in exc.value.message
    (tmp_path / "k" / "actors").mkdir(parents=True)
    (tmp_path / "k" / "actors" / "leader.yaml").write_text("[]\n")
    with pytest.raises(KnowledgeError) as exc:
        check_knowledge([str(tmp_path / "k")])
    assert "actors/leader.yaml" in exc.value.message


def test_a_misspelt_key_and_a_wrong_shape_in_other_knowledge_files_are_named(tmp_path):
    k = tmp_path / "k"
    (k / "times").mkdir(parents=True)
    (k / "times" / "lexicon.yaml").write_text("months:\n  brumaire: 11\nweekdayz:\n  - funday\n")
    (k / "actors").mkdir()
    (k / "actors" / "offices.yaml").write_text("president: USA\n")
    with pytest.raises(KnowledgeError) as exc:
        check_knowledge([str(k)])
    msg = exc.value.message
    assert "times/lexicon.yaml:3: unknown key 'weekdayz'" in msg
    assert "actors/offices.yaml:1: expected a list" in msg
    assert "'months'" not in msg.split("weekdayz")[0]


def test_every_bundled_file_passes_as_a_user_file(tmp_path):
    """The check follows the bundled data: a user folder holding copies of every bundled file is fine."""
    user = tmp_path / "copy"
    shutil.copytree(BUNDLED, user, ignore=shutil.ignore_patterns("knowledge"))
    check_knowledge([str(user)])
    check_knowledge([str(_knowledge(tmp_path / "good", GOOD))])


@pytest.mark.slow
def test_ingest_stops_before_any_document_and_a_fixed_rerun_codes_everything(tmp_path):
    news = _articles(tmp_path / "news")
    know = _knowledge(tmp_path / "know", GOOD.replace("ACCUSE", "ACUSE"))
    db = tmp_path / "s.duckdb"
    env = {"COMMUNIQUE_DATA_DIRS": str(know)}
    r = run_ingest([str(news), "--db", str(db), "--engine", "sync", "--progress", "off"], env=env)
    assert r.returncode != 0
    assert "knowledge_error" in r.stderr and "mine.yaml:1: unknown PLOVER type 'ACUSE'" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    if db.exists():  # nothing was marked done, nothing was written
        with duckdb.connect(str(db), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM inputs_done").fetchone()[0] == 0
            assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 0
    _knowledge(know, GOOD)  # fixed
    r = run_ingest([str(news), "--db", str(db), "--engine", "sync", "--progress", "off"], env=env)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "3 coded, 0 failed, 0 inputs already done" in r.stderr, r.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        rules = {x for (x,) in con.execute("SELECT rule FROM event_mentions").fetchall()}
    assert any("harangue" in (x or "") for x in rules), rules  # the user's pattern coded


def test_an_input_failed_for_a_systemic_reason_is_not_checkpointed():
    keys = ["file:a|1|1", "file:b|1|1", "doc#3|sha256:x"]
    outputs = [DocError(document="a", code="pattern_error", message="x"),
               DocError(document="b", code="empty", message="empty"),
               DocError(document="doc#3", code="knowledge_error", message="x")]
    assert systemic_keys(keys, outputs, keys) == {"file:a|1|1", "doc#3|sha256:x"}
    assert "pattern_error" in SYSTEMIC_CODES and "empty" not in SYSTEMIC_CODES


@pytest.mark.slow
def test_retry_failed_codes_again_the_documents_that_failed(tmp_path):
    """A store written by a run whose coding failed (as before this issue: every document failed with
    pattern_error and its input marked done): a plain rerun skips them, --retry-failed codes them."""
    from communique.batch.runner import normalise_inputs
    from communique.store import Store

    news = _articles(tmp_path / "news", n=2)
    db = tmp_path / "s.duckdb"
    paths = [Path(p) for p in normalise_inputs(sorted(str(p) for p in news.iterdir()))]
    with Store(db) as store:
        store.write_batch([], [DocError(document=str(p), code="pattern_error", message="broken pattern file")
                               for p in paths], inputs_done=[file_key(p) for p in paths])
    r = run_ingest([str(news), "--db", str(db), "--engine", "sync", "--progress", "off"])
    assert "0 coded, 0 failed, 2 inputs already done" in r.stderr, r.stderr
    r = run_ingest([str(news), "--db", str(db), "--engine", "sync", "--progress", "off", "--retry-failed"])
    assert r.returncode == 0, r.stderr[-2000:]
    assert "2 coded, 0 failed" in r.stderr, r.stderr
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 2
        assert con.execute("SELECT count(*) FROM errors").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM inputs_done").fetchone()[0] == 2
