"""Invariants of the bundled corpus (corpus/): size, formats, metadata, coverage, built outputs.

Pure Python and fast enough for every run; the pipeline is not imported. Metadata is read by
``load_metadata`` of scripts/build_corpus, words are counted from the sources of generated
files, from the visible text of HTML pages and from the bodies of Markdown and text files.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from jane_synth.ingest.metadata import sidecar_path
from tests.conftest import load_build_corpus_script

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
SCRIPT = REPO / "scripts" / "build_corpus"

MIN_DOCUMENTS = 50
MIN_TOTAL_WORDS = 60_000
MIN_DOCUMENTS_BY_FORMAT = {"pdf": 15, "html": 10, "docx": 3}
MIN_DOCUMENTS_PER_MAIN_DOMAIN = 3
MIN_DOCUMENTS_PER_DIMENSION = 5
MIN_NON_ENGLISH_DOCUMENTS = 3
MIN_DRAFT_FINAL_PAIRS = 1
MULTI_PAGE_LAYOUTS = ("report", "two-column")


bc = load_build_corpus_script()
TAXONOMY = bc.taxonomy_slugs()


@cache
def documents() -> tuple[Path, ...]:
    """Every corpus document, including generated outputs not built yet."""
    return tuple(bc.list_documents(CORPUS))


@cache
def metadata() -> dict[Path, dict]:
    found = {}
    for doc in documents():
        try:
            found[doc] = bc.load_metadata(doc)
        except Exception:  # reported by test_metadata_is_valid
            found[doc] = {}
    return found


@cache
def generated_sources() -> tuple:
    sources = []
    for path in bc.source_files(CORPUS):
        try:
            sources.append(bc.read_source(path))
        except bc.CorpusError:
            continue  # reported by test_generated_outputs_are_up_to_date
    return tuple(sources)


@pytest.fixture(scope="module")
def build_report():
    """The --check logic of scripts/build_corpus on the real corpus, with the pypdf round-trip."""
    return bc.build(CORPUS, check=True, verify=True)


def _with_domain(values) -> list[str]:
    return [doc.name for doc, meta in metadata().items() if values(meta)]


def test_document_count():
    assert len(documents()) >= MIN_DOCUMENTS, f"only {len(documents())} documents"


def test_total_words():
    total = sum(bc.document_words(doc) for doc in documents())
    assert total >= MIN_TOTAL_WORDS, f"only {total:,} words"


@pytest.mark.parametrize("fmt", sorted(MIN_DOCUMENTS_BY_FORMAT))
def test_documents_by_format(fmt):
    counts = Counter(doc.suffix.lstrip(".").lower() for doc in documents())
    assert counts[fmt] >= MIN_DOCUMENTS_BY_FORMAT[fmt], f"{counts[fmt]} {fmt} documents"


def test_metadata_is_valid():
    problems = []
    for doc in documents():
        try:
            meta = bc.load_metadata(doc)
        except Exception as exc:
            problems.append(f"{doc.name}: {exc}")
            continue
        problems.extend(f"{doc.name}: {p}" for p in bc.metadata_problems(meta, TAXONOMY))
    assert not problems, "\n".join(problems)


def test_html_pages_have_a_sidecar():
    missing = [
        doc.name for doc in documents() if doc.suffix == ".html" and not sidecar_path(doc).is_file()
    ]
    assert not missing, missing


@pytest.mark.parametrize("domain", sorted(TAXONOMY["noe_domains"]))
def test_every_noe_domain_is_the_main_subject_of_enough_documents(domain):
    docs = _with_domain(lambda meta: meta.get("main_noe_domain") == domain)
    assert len(docs) >= MIN_DOCUMENTS_PER_MAIN_DOMAIN, f"{domain}: {docs}"


@pytest.mark.parametrize("dimension", sorted(TAXONOMY["dimensions"]))
def test_every_dimension_is_discussed_by_enough_documents(dimension):
    docs = _with_domain(lambda meta: dimension in (meta.get("dimensions") or []))
    assert len(docs) >= MIN_DOCUMENTS_PER_DIMENSION, f"{dimension}: {docs}"


def test_languages_other_than_english():
    docs = _with_domain(lambda meta: meta.get("language") not in (None, "en"))
    assert len(docs) >= MIN_NON_ENGLISH_DOCUMENTS, docs


_VERSION_TOKENS = re.compile(
    r"(?:^|[-_ ])(?:draft|final|v\d+)(?=$|[-_ ])|\((?:draft|final)\)", re.I
)


def _version_key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", _VERSION_TOKENS.sub(" ", str(text).lower())).strip()


def draft_final_pairs() -> list[tuple[str, str]]:
    """Documents marked ``version: draft`` and ``final`` that share a name or title."""
    by_version: dict[str, list[tuple[Path, dict]]] = {"draft": [], "final": []}
    for doc, meta in metadata().items():
        if meta.get("version") in by_version:
            by_version[meta["version"]].append((doc, meta))
    pairs = []
    for draft, dmeta in by_version["draft"]:
        for final, fmeta in by_version["final"]:
            same_name = _version_key(draft.stem) == _version_key(final.stem)
            same_title = _version_key(dmeta.get("title", "")) == _version_key(
                fmeta.get("title", "")
            )
            if same_name or same_title:
                pairs.append((draft.name, final.name))
    return pairs


def test_draft_final_pair():
    pairs = draft_final_pairs()
    versions = {d.name: m.get("version") for d, m in metadata().items() if m.get("version")}
    assert len(pairs) >= MIN_DRAFT_FINAL_PAIRS, f"no draft/final pair among {versions}"


def test_generated_sources_use_only_the_markup():
    problems = [f"{src.path.name}: {w}" for src in generated_sources() for w in src.warnings]
    assert not problems, "\n".join(problems)


def test_generated_outputs_are_up_to_date(build_report):
    problems = build_report.errors + build_report.stale
    assert not problems, "run python scripts/build_corpus\n" + "\n".join(problems)


def test_generated_pdfs_round_trip(build_report):
    problems = [f"{b.output.name}: {p}" for b in build_report.built for p in b.problems]
    assert not problems, "\n".join(problems)


def test_pdf_pages_and_running_headers():
    pypdf = pytest.importorskip("pypdf")
    problems = []
    pdf_sources = [s for s in generated_sources() if s.fmt == "pdf"]
    assert pdf_sources, "no PDF sources"
    for src in pdf_sources:
        path = CORPUS / f"{src.name}.pdf"
        if not path.is_file():
            problems.append(f"{path.name}: not built")
            continue
        pages = pypdf.PdfReader(str(path)).pages
        if src.layout in MULTI_PAGE_LAYOUTS and len(pages) < 2:
            problems.append(f"{path.name}: {src.layout} layout with a single page")
        header = bc.normalise(src.running_header)
        for n, page in enumerate(pages, start=1):
            if header not in bc.normalise(page.extract_text() or ""):
                problems.append(f"{path.name}: running header missing on page {n}")
    assert not problems, "\n".join(problems)
