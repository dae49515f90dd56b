"""End to end: the whole Dagster job over a small fixture corpus, through the CLI."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader
from typer.testing import CliRunner

from jane_synth.briefs.index import INDEX_FILES
from jane_synth.ingest import ingest_file
from jane_synth.taxonomy import load_taxonomy
from pipelines.cli import app
from tests.briefs.renderers.text_of import docx_lines
from tests.conftest import build_fixture_corpus

pytestmark = pytest.mark.slow


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def run_dirs(tmp_path_factory):
    root = tmp_path_factory.mktemp("e2e")
    corpus = build_fixture_corpus(root / "corpus")
    out = root / "out"
    env = {"DAGSTER_HOME": str(root / "dagster_home"), "HF_HUB_OFFLINE": "1"}
    result = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)], env=env)
    assert result.exit_code == 0, result.output
    return corpus, out, env


def test_seven_briefs_in_markdown_html_and_json(run_dirs):
    _, out, _ = run_dirs
    slugs = [n.slug for n in load_taxonomy().noe_domains]
    for suffix in (".md", ".html", ".json"):
        found = [p.stem for p in (out / "briefs").glob(f"*{suffix}") if p.name not in INDEX_FILES]
        assert sorted(found) == sorted(slugs)
    assert all((out / "briefs" / name).is_file() for name in INDEX_FILES)
    assert json.loads((out / "manifest.json").read_text())["corpus_fingerprint"]


def test_every_quote_is_on_its_cited_page_of_the_source_file(run_dirs):
    corpus, out, _ = run_dirs
    n_checked = 0
    for path in sorted((out / "briefs").glob("*.json")):
        brief = json.loads(path.read_text())
        for section in brief["sections"]:
            for ev in section["evidence"]:
                cite = ev["citation"]
                source = corpus / cite["path"]
                if source.suffix == ".pdf":
                    # Independent of the pipeline: pypdf's raw text of that page.
                    page_text = PdfReader(str(source)).pages[cite["page"] - 1].extract_text()
                else:
                    _, parsed = ingest_file(source, corpus)
                    page_text = parsed.pages[cite["page"] - 1].text
                assert squash(ev["quote"]) in squash(page_text), (path.name, cite)
                n_checked += 1
    assert n_checked >= 7  # quotes only above the evidence threshold: few on this small corpus


def test_markdown_citations_match_the_source_list(run_dirs):
    _, out, _ = run_dirs
    text = (out / "briefs" / "survivorship.md").read_text()
    sources = re.findall(r"^(\d+)\. .+ File `(.+?)`; pages cited: (.+)\.$", text, re.MULTILINE)
    assert sources
    quoted = r"\" \[(\d+), p\. \d+\](?: \(said by [^)]*\))?$"  # then the quote's support
    cited = {int(n) for n in re.findall(quoted, text, re.MULTILINE)}
    assert cited == {int(n) for n, _, _ in sources}


def test_ingest_report_has_an_outcome_for_every_file(run_dirs):
    corpus, out, _ = run_dirs
    report = {row["path"]: row for row in json.loads((out / "ingest_report.json").read_text())}
    files = {p.name for p in corpus.iterdir() if not p.name.endswith(".meta.yaml")}
    assert set(report) == files
    assert report["broken.pdf"]["status"] == "quarantined"
    assert "corrupt" in report["broken.pdf"]["reason"]
    assert report["note-fr.md"]["language"] == "fr"
    assert report["ern-funding-it-lessons.pdf"]["pages"] == 3


def test_search_json_returns_cited_hits(run_dirs):
    _, out, env = run_dirs
    result = CliRunner().invoke(
        app,
        [
            "search",
            "patient involvement in network governance",
            "-k",
            "5",
            "--json",
            "--out",
            str(out),
        ],
        env=env,
    )
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert 1 <= len(hits) <= 5
    for hit in hits:
        assert {"doc_id", "title", "page", "score", "text"} <= set(hit)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def _outputs_but_the_date(out):
    """Every brief file and manifest.json, with the run's date replaced (Word: its text)."""
    date = json.loads((out / "manifest.json").read_text())["run_date"]
    files = [p for p in sorted((out / "briefs").iterdir()) if p.is_file()]
    files.append(out / "manifest.json")
    return {
        p.name: [line.replace(date, "DATE") for line in docx_lines(p.read_bytes())]
        if p.suffix == ".docx"
        else p.read_bytes().replace(date.encode(), b"DATE")
        for p in files
    }


def test_a_second_run_redoes_nothing_and_writes_identical_outputs(run_dirs):
    """Identical but for the run date (the first run's change list says it is the first, so
    the second and third runs are compared)."""
    corpus, out, env = run_dirs
    themes_before = (out / "themes.json").read_bytes()
    before = _outputs_but_the_date(out)
    for _ in range(2):
        result = CliRunner().invoke(
            app, ["run", "--corpus", str(corpus), "--out", str(out)], env=env
        )
        assert result.exit_code == 0, result.output
        # Every file and every stage's inputs as recorded: Dagster is not even started.
        assert "nothing changed since the last run" in " ".join(result.output.split())
        assert _outputs_but_the_date(out) == before
    assert (out / "themes.json").read_bytes() == themes_before
    changes = json.loads((out / "briefs" / "survivorship.json").read_text())["changes"]
    assert changes["first_run"]  # the briefs were not rewritten: still the first run's


def test_adding_then_removing_a_file_touches_only_that_file(run_dirs):
    corpus, out, env = run_dirs
    note = corpus / "zz-new-note.md"
    note.write_text(
        "---\ntitle: Xylophone registry note\nyear: 2025\nlanguage: en\n---\n"
        "# Xylophone registry note\n\nThe xylophone registry links survivorship clinics across "
        "Member States and reports quality indicators every year.\n"
    )
    added = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)], env=env)
    assert added.exit_code == 0, added.output
    assert "1 to ingest, 1 new partition(s)" in added.output
    assert "parsed=1," in added.output and "embedded_this_run=1," in added.output

    def hits_for(word):
        result = CliRunner().invoke(
            app, ["search", word, "--mode", "bm25", "--json", "--out", str(out)], env=env
        )
        return [h for h in json.loads(result.stdout) if word in h["text"].lower()]

    assert hits_for("xylophone")
    note.unlink()
    removed = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--out", str(out)], env=env)
    assert removed.exit_code == 0, removed.output
    assert "0 to ingest, 0 new partition(s), 1 removed" in removed.output
    assert hits_for("xylophone") == []
    report = json.loads((out / "ingest_report.json").read_text())
    assert "zz-new-note.md" not in {row["path"] for row in report}
