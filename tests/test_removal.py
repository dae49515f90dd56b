from pathlib import Path

import pytest

from jane_synth.removal import EmptyCorpusError, RemovalPlan, check_removal


def plan(found: int, stored: int, documents: int, paths: tuple[str, ...]) -> RemovalPlan:
    return RemovalPlan(Path("/mnt/share"), found, stored, documents, paths)


def test_an_empty_folder_over_a_store_with_documents_is_refused_unless_allowed():
    wipe = plan(0, 4, 3, ("a", "b", "c", "d"))
    with pytest.raises(EmptyCorpusError, match=r"/mnt/share.*3 document\(s\) from 4 file\(s\)"):
        check_removal(wipe)
    check_removal(wipe, allow_empty=True)


def test_an_empty_folder_over_an_empty_store_or_one_with_only_quarantined_files_goes_on():
    check_removal(plan(0, 0, 0, ()))
    check_removal(plan(0, 2, 0, ("bad.pdf", "bad.docx")))


def test_more_than_half_removed_warns():
    assert plan(1, 3, 3, ("b", "c")).warning().startswith("this run removes 2 of the 3 stored")
    assert plan(2, 4, 4, ("c", "d")).warning() is None  # half is not more than half
    assert plan(5, 0, 0, ()).warning() is None
