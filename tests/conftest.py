"""Shared test fixtures. Nothing here downloads anything: the model comes from site-packages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jane_synth.config import ENV_STORE_URL, use_offline_model

use_offline_model()
# A developer's own store URL must never receive the tests' documents: every test writes its own
# SQLite file unless it sets the variable itself (the PostgreSQL tests make fresh databases).
os.environ.pop(ENV_STORE_URL, None)

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
CORPUS_DIR = REPO_ROOT / "corpus"


def load_build_corpus_script():
    """The ``scripts/build_corpus`` package (a script folder, not part of the library)."""
    import importlib

    return importlib.import_module("scripts.build_corpus")


@pytest.fixture(scope="session")
def embedder():
    """The real all-MiniLM-L6-v2 embedder, loaded once per test session. Its bulk vectors are
    remembered by text for the session: the model is deterministic, and several fixtures embed
    the same sentences of the bundled corpus (the briefs' candidates) again."""
    from dataclasses import dataclass, field

    import numpy as np

    from jane_synth.embedding import Embedder

    @dataclass
    class SessionEmbedder(Embedder):
        remembered: dict[tuple[str, str], np.ndarray] = field(default_factory=dict, repr=False)

        def encode(self, texts, batch_size=None):
            keys = [(self.backend, t) for t in texts]
            missing = list(dict.fromkeys(k for k in keys if k not in self.remembered))
            if missing:
                vectors = super().encode([t for _, t in missing], batch_size)
                self.remembered.update(zip(missing, vectors, strict=True))
            if not keys:
                return super().encode([], batch_size)
            return np.stack([self.remembered[k] for k in keys])

    return SessionEmbedder()


def make_text_corpus(folder: Path, docs: dict[str, str]) -> Path:
    """Write ``name -> text`` files into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


ERN_NOTE = """---
title: ERN governance note
publisher: Test task force
year: 2024
doc_type: report
language: en
networks: [erns]
noe_domains: [survivorship]
main_noe_domain: survivorship
dimensions: [governance, patient-involvement]
sources: [S11, S18]
---
# ERN governance note

The Board of Member States approves networks and members and can end a membership.
The ERN Coordinators Group brings together all 24 coordinators to agree technical matters.
European Patient Advocacy Groups give patients seats on ERN boards and working groups.

## Funding

ERN coordination was funded by annual Specific Grant Agreements under the 3rd Health Programme.
In 2024 HaDEA signed 24 multi-annual grants worth over EUR 77M for October 2023 to September 2027.
"""

BBMRI_PAGE = """<!DOCTYPE html><html><head><title>BBMRI-ERIC profile</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<main><article><h1>BBMRI-ERIC profile</h1>
<p>BBMRI-ERIC gives access to biobanks and biomolecular resources across Europe through national nodes.</p>
<p>Its Assembly of Members adopts the work programme, and member states fund it through contributions.</p>
<p>Survivorship research depends on long-term follow-up data linked to biobank samples.</p>
</article></main>
<footer>Copyright 2024. Legal notice. Privacy policy.</footer></body></html>
"""


FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"

PDF_PAGES = [
    [
        "ERN funding and IT lessons",
        "ERN coordination was funded by five-year Framework Partnership Agreements with annual grants.",
        "In 2024 HaDEA signed 24 multi-annual grants worth over EUR 77M for October 2023 to September 2027.",
        "Clinical care itself is paid for by national health systems, not by the EU grants.",
    ],
    [
        "The Clinical Patient Management System went live on 20 November 2017 for virtual expert panels.",
        "Users found the CPMS slow and it could not link to hospital electronic health records.",
        "A hi-tech medical resources network needs interoperable IT from the start, aligned with the EHDS.",
    ],
    [
        "The European Court of Auditors found in 2019 that the Commission had no clear vision for ERN financing.",
        "Sustainable funding for a Network of Expertise needs national co-funding and a multi-annual cycle.",
    ],
]


def write_fixture_pdf(path: Path) -> Path:
    """A three-page report with a running header and page numbers, made with reportlab."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setTitle("ERN funding and IT lessons")
    c.setAuthor("Test fixture task force")
    width, height = A4
    for number, lines in enumerate(PDF_PAGES, start=1):
        c.setFont("Helvetica", 9)
        c.drawString(72, height - 40, "JANE fixture - ERN funding and IT lessons")
        c.drawString(width / 2, 30, f"Page {number} of {len(PDF_PAGES)}")
        c.setFont("Helvetica", 11)
        y = height - 90
        for line in lines:
            c.drawString(72, y, line)
            y -= 18
        c.showPage()
    c.save()
    path.with_name(path.name + ".meta.yaml").write_text(
        "title: ERN funding and IT lessons\npublisher: Test fixture task force\nyear: 2024\n"
        "doc_type: report\nlanguage: en\nnetworks: [erns]\n"
        "noe_domains: [hi-tech-medical-resources]\nmain_noe_domain: hi-tech-medical-resources\n"
        "dimensions: [funding-sustainability, it-data]\nsources: [S15, S17, S20, S22, S23]\n"
    )
    return path


def write_fixture_docx(path: Path) -> Path:
    """A short Word working paper with a heading and a table, made with python-docx."""
    import docx

    document = docx.Document()
    document.add_heading("JANE-2 work packages for AYA and prevention", level=1)
    document.add_paragraph(
        "JANE-2 runs from 1 November 2024 to 31 October 2028 and funds each Network of Expertise "
        "through one work package."
    )
    document.add_paragraph(
        "The adolescents and young adults network serves patients aged 15 to 39 at diagnosis, "
        "and 67% of survey respondents had no access to specialised AYA centres."
    )
    document.add_paragraph(
        "Personalised primary prevention will build on GENTURIS, which reports that most carriers "
        "of hereditary syndromes are still unidentified."
    )
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Work package", "Network"
    table.cell(1, 0).text, table.cell(1, 1).text = "WP11", "Adolescents and young adults"
    document.core_properties.title = "JANE-2 work packages for AYA and prevention"
    document.save(str(path))
    path.with_name(path.name + ".meta.yaml").write_text(
        "title: JANE-2 work packages for AYA and prevention\npublisher: Test fixture WP\n"
        "year: 2025\ndoc_type: report\nlanguage: en\nnetworks: [jane-2, ern-genturis]\n"
        "noe_domains: [adolescents-young-adults, personalised-primary-prevention]\n"
        "main_noe_domain: adolescents-young-adults\ndimensions: [governance, equity-access]\n"
        "sources: [S6, S27, S58d]\n"
    )
    return path


def build_fixture_corpus(folder: Path) -> Path:
    """The small end-to-end corpus: Markdown, text, HTML and French from tests/fixtures, plus a
    PDF and a DOCX made here, and one broken file that must be quarantined."""
    import shutil

    shutil.copytree(FIXTURE_CORPUS, folder)
    write_fixture_pdf(folder / "ern-funding-it-lessons.pdf")
    write_fixture_docx(folder / "jane-2-work-packages.docx")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\n1 0 obj <<\ntruncated")
    return folder


@pytest.fixture(scope="session")
def indexed_fixture(tmp_path_factory, embedder):
    """The fixture corpus ingested, chunked, embedded and indexed through the library (no Dagster)."""
    from jane_synth.config import OutputLayout
    from jane_synth.pipeline import chunk_pending, embed_pending, sync_documents
    from jane_synth.search import build_search_index
    from jane_synth.store import Store

    root = tmp_path_factory.mktemp("indexed")
    corpus = build_fixture_corpus(root / "corpus")
    layout = OutputLayout(root / "out")
    with Store(layout.database) as store:
        sync_documents(store, corpus, layout)
        chunk_pending(store)
        embed_pending(store, embedder)
        build_search_index(store, layout)
    return corpus, layout


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory, embedder):
    """The bundled corpus ingested, chunked, embedded and indexed once per test session:
    ``(sync summary, output layout)``. Tests may add themes and briefs; none may change the
    documents."""
    from jane_synth.config import OutputLayout
    from jane_synth.pipeline import chunk_pending, embed_pending, sync_documents
    from jane_synth.search import build_search_index
    from jane_synth.store import Store

    layout = OutputLayout(tmp_path_factory.mktemp("bundled"))
    with Store(layout.database) as store:
        summary = sync_documents(store, CORPUS_DIR, layout)
        chunk_pending(store)
        embed_pending(store, embedder)
        build_search_index(store, layout)
    return summary, layout


@pytest.fixture(scope="session")
def bundled_themes(bundled_index):
    """Themes of the bundled corpus, built once per session into ``bundled_index`` through
    the library path: ``(ThemeFit, themes.json content)``. A later ``build_themes`` on the same
    store (the snapshot test's) is incremental and repeats them."""
    import json

    from jane_synth.embedding import MODEL_NAME
    from jane_synth.pipeline import build_themes
    from jane_synth.store import Store

    layout = bundled_index[1]
    with Store(layout.database) as store:
        fit = build_themes(store, layout, MODEL_NAME)
    return fit, json.loads(layout.themes.read_text("utf-8"))


@pytest.fixture(scope="session")
def bundled_briefs_built(bundled_index, bundled_themes, embedder):
    """The briefs of the bundled corpus, built once per session after its themes (as the
    briefs asset runs), and the searcher they were built with: ``(briefs, searcher)``."""
    from jane_synth.briefs import build_briefs
    from jane_synth.search import Searcher
    from jane_synth.taxonomy import load_taxonomy

    searcher = Searcher.open(bundled_index[1].root, embedder=embedder)
    try:
        yield build_briefs(searcher, load_taxonomy()), searcher
    finally:
        searcher.close()


@pytest.fixture(scope="session")
def real_pdfs_ingested():
    """Every file of ``../shared/data/real_pdfs`` through ``ingest_file``, once per session:
    ``{path: (outcome, document or None)}`` in discovery order (read-only for tests)."""
    from jane_synth.ingest import discover, ingest_file

    real = SHARED_DATA / "real_pdfs"
    if not real.is_dir():
        pytest.skip("shared real PDFs not available")
    return {path: ingest_file(path, real) for path in discover(real)}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Under ``pytest -n 2 --dist loadgroup`` (``make test``): a test without an xdist group
    runs with the rest of its module, so a module-scoped fixture (a whole pipeline run) is
    built once, on one worker. Groups named in the tests span modules that share a session
    fixture (the bundled index, the real PDFs).

    xdist hands out groups in collection order, so the groups holding slow tests (whole
    pipeline runs) go first and the quick unit tests fill the workers' last minutes; each group
    keeps its tests' order."""
    for item in items:
        if item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group(item.module.__name__))
    if config.getoption("dist", default="no") == "loadgroup":
        slow = {_group(item) for item in items if item.get_closest_marker("slow")}
        items.sort(key=lambda item: _group(item) not in slow)


def _group(item: pytest.Item) -> tuple[str, ...]:
    return tuple(sorted(str(m.args[0]) for m in item.iter_markers("xdist_group")))


def pytest_xdist_node_collection_finished(node, ids):
    """Stop at once when ``--dist loadgroup`` has not put the groups into the node ids: xdist
    would spread each group over both workers and build every shared pipeline run twice,
    silently (pytest-xdist#1386, with pytest 9.2)."""
    if node.config.getvalue("dist") == "loadgroup" and ids and not any("@" in i for i in ids):
        pytest.exit(
            f"pytest-xdist's --dist loadgroup does not group tests under pytest "
            f"{pytest.__version__}: install the versions pyproject.toml allows (make setup)",
            returncode=4,
        )
