"""The version of ingestion: a digest of its source files and the extractors' versions."""

from jane_synth.ingest.version import EXTRACTORS, parser_version, source_digest


def test_the_version_follows_the_source_and_the_libraries(tmp_path):
    (tmp_path / "pdf.py").write_text("def read(): return 'text'\n")
    first = source_digest(tmp_path, ("pypdf",))
    assert first == source_digest(tmp_path, ("pypdf",)) and len(first) == 16
    assert source_digest(tmp_path, ("pypdf", "trafilatura")) != first
    (tmp_path / "pdf.py").write_text("def read(): return 'cleaner text'\n")
    assert source_digest(tmp_path, ("pypdf",)) != first
    (tmp_path / "notes.txt").write_text("not source")
    assert source_digest(tmp_path, ("pypdf",)) == source_digest(tmp_path, ("pypdf",))
    assert source_digest(tmp_path, ("no-such-library",)) != source_digest(tmp_path, ())


def test_the_installed_version_is_stable_and_names_the_extractors():
    assert parser_version() == parser_version() and len(parser_version()) == 16
    assert "pypdf" in EXTRACTORS and "trafilatura" in EXTRACTORS
