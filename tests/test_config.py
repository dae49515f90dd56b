import os
import re

import pytest

from jane_synth.config import (
    OFFLINE_ENVIRONMENT,
    FolderError,
    check_corpus_dir,
    check_output_dir,
    use_offline_model,
)


def test_use_offline_model_sets_missing_variables_and_keeps_set_ones(monkeypatch):
    for name in OFFLINE_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TOKENIZERS_PARALLELISM", "true")
    use_offline_model()
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert os.environ["TOKENIZERS_PARALLELISM"] == "true"


def test_no_other_module_sets_the_offline_variables():
    from tests.code_shape import REPO_ROOT, python_files

    setting = re.compile(r"environ\b.*\b(" + "|".join(OFFLINE_ENVIRONMENT) + ")")
    setters = [
        f.relative_to(REPO_ROOT).as_posix()
        for f in python_files("src", "pipelines", "scripts", "bench", "tests")
        if setting.search(f.read_text("utf-8")) and f.name != "test_config.py"
    ]
    assert setters == []
    assert setting.search('os.environ.setdefault("HF_HUB_OFFLINE", "1")')  # the test can fail


def test_folder_checks_name_the_bad_folder(tmp_path):
    (tmp_path / "file.txt").write_text("x")
    assert check_corpus_dir(tmp_path) == tmp_path.resolve()
    for bad, said in ((tmp_path / "none", "not found"), (tmp_path / "file.txt", "not a folder")):
        with pytest.raises(FolderError, match=said):
            check_corpus_dir(bad)
    made = check_output_dir(tmp_path / "out" / "deep")
    assert made.is_dir()
    with pytest.raises(FolderError, match="not a folder"):
        check_output_dir(tmp_path / "file.txt")
    with pytest.raises(FolderError, match="cannot be created"):
        check_output_dir(tmp_path / "file.txt" / "sub")
