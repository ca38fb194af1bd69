"""The one PLOVER type table (communique.plover over data/plover/types.yaml): its contents, user
folders overriding it, and the layers that read it without loading spaCy."""

from __future__ import annotations

import subprocess
import sys

import pytest

from communique import plover
from communique.config import get_settings


@pytest.fixture
def user_types(tmp_path, monkeypatch):
    folder = tmp_path / "knowledge"
    monkeypatch.setenv("COMMUNIQUE_DATA_DIRS", str(folder))
    get_settings.cache_clear()
    plover.plover_table.cache_clear()
    yield folder
    monkeypatch.delenv("COMMUNIQUE_DATA_DIRS")
    get_settings.cache_clear()
    plover.plover_table.cache_clear()


def test_sixteen_types_and_four_quads():
    assert len(plover.PLOVER_TYPES) == 16
    assert {"AGREE", "ASSAULT", "REQUEST", "COERCE"} <= set(plover.PLOVER_TYPES)
    table = plover.type_table()
    assert {table[t].quad for t in plover.PLOVER_TYPES} == {1, 2, 3, 4}
    low, high = plover.goldstein_range()
    assert (low, high) == (-10.0, 10.0)
    assert all(low <= info.score <= high for info in table.values())
    # cooperation scores positive, conflict scores negative
    assert all((info.score > 0) == (info.quad in plover.COOPERATION) for info in table.values())


def test_legacy_types_fold_into_current_ones_and_are_no_coder_output():
    table = plover.type_table()
    assert table["DEMAND"].folds_into == "REQUEST"
    assert table["FIGHT"].folds_into == "ASSAULT"
    assert "DEMAND" not in plover.PLOVER_TYPES
    assert plover.check_types(["request", "demand", "nonsense"]) == ["DEMAND", "NONSENSE"]


def test_coder_classes_come_from_the_table():
    from communique.events import coder

    assert coder.HELPING_TYPES == plover.types_in("helping") and "AID" in coder.HELPING_TYPES
    assert coder.WORDS_ONLY == plover.types_in("words_only") and "ASSAULT" not in coder.WORDS_ONLY
    assert coder.REACTION_TYPES == plover.types_in("reaction") and "ACCUSE" in coder.REACTION_TYPES
    assert coder.VERBAL_DOMESTIC == plover.types_in("verbal_domestic")
    with pytest.raises(plover.PloverTypeError):
        plover.types_in("no_such_class")


def test_user_folder_overrides_a_score(user_types):
    (user_types / "plover").mkdir(parents=True)
    (user_types / "plover" / "types.yaml").write_text("types:\n  CONSULT: {score: 2.5}\n", encoding="utf-8")
    info = plover.type_table()["CONSULT"]
    assert info.score == 2.5 and info.quad == 1 and "helping" in info.classes


def test_older_user_file_still_read(user_types):
    (user_types / "analysis").mkdir(parents=True)
    (user_types / "analysis" / "plover_types.yaml").write_text("AID: {quad: 2, score: 8.0}\n", encoding="utf-8")
    assert plover.type_table()["AID"].score == 8.0


def test_bad_entry_is_a_named_error(user_types):
    (user_types / "plover").mkdir(parents=True)
    (user_types / "plover" / "types.yaml").write_text("types:\n  AID: {quad: 7, score: 1}\n", encoding="utf-8")
    with pytest.raises(plover.PloverTypeError, match="quad must be"):
        plover.type_table()


def test_store_and_plover_load_no_spacy():
    code = ("import sys, communique.plover, communique.store.queries, communique.store.merge; "
            "print('spacy' in sys.modules, 'communique.events' in sys.modules, 'communique.analysis' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "False", "False"]
