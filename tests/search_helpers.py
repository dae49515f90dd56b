"""Small stores for the search and web tests, built through the product's Store API."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.config import OutputLayout
from jane_synth.embedding import embed_missing
from jane_synth.records import (
    Chunk,
    DocumentMeta,
    Entity,
    IngestOutcome,
    Page,
    ParsedDocument,
    Theme,
)
from jane_synth.search import build_search_index
from jane_synth.store import Store

COUNTRIES = {"Germany": "germany", "France": "france", "Czech Republic": "czech-republic"}

SHARED = (
    "The evaluation found that the Clinical Patient Management System adds a heavy workload for "
    "clinicians, who spend hours preparing each virtual case discussion, and asked the networks "
    "to simplify the platform before the next cycle of membership calls."
)


@dataclass(frozen=True)
class Doc:
    doc_id: str
    path: str
    meta: DocumentMeta
    pages: tuple[str, ...]
    fmt: str = "pdf"


DOCS = (
    Doc(
        "d-eval",
        "ern/evaluation-2021.pdf",
        DocumentMeta(
            "ERN evaluation report 2021",
            "European Commission",
            2021,
            "evaluation",
            "en",
            ("ern-euracan",),
            ("complex-poor-prognosis-cancers",),
            dimensions=("it-data",),
        ),
        (
            "Introduction. The European Reference Networks were evaluated in Germany and France.",
            SHARED,
        ),
    ),
    Doc(
        "d-eval-v2",
        "ern/evaluation-2021-v2.pdf",
        DocumentMeta(
            "ERN evaluation report 2021 (revised)",
            "European Commission",
            2022,
            "evaluation",
            "en",
            ("ern-euracan",),
            ("complex-poor-prognosis-cancers",),
            version="2",
        ),
        (SHARED.replace("heavy", "very heavy"),),
    ),
    Doc(
        "d-aya",
        "noe/aya-fertility.md",
        DocumentMeta(
            "AYA fertility services factsheet",
            "JANE-2",
            2023,
            "factsheet",
            "en",
            ("ern-paedcan",),
            ("adolescents-young-adults",),
            main_noe_domain="adolescents-young-adults",
        ),
        (
            "Adolescents and young adults with cancer need fertility preservation counselling "
            "before treatment; few centres in the Czech Republic offer oncofertility services.",
        ),
        "md",
    ),
    Doc(
        "d-eric",
        "infra/eric-funding.html",
        DocumentMeta(
            "Funding models of ERICs",
            "BBMRI-ERIC",
            2019,
            "policy",
            "en",
            ("bbmri-eric",),
            (),
        ),
        (
            "Research infrastructures organised as ERICs are funded by member contributions, "
            "with host premiums and in-kind contributions from national nodes.",
        ),
        "html",
    ),
    Doc(
        "d-fr",
        "misc/soins-palliatifs.txt",
        DocumentMeta(
            "Soins palliatifs en France", "Institut national du cancer", 2018, "report", "fr"
        ),
        ("Les soins palliatifs précoces améliorent la qualité de vie des patients en France.",),
        "txt",
    ),
    Doc(
        "d-script",
        "misc/script-<b>test</b>.html",
        DocumentMeta("Markup <b>test</b> page", "Test & Co", 2020, "webpage", "en"),
        (
            'Beware of injected markup: <script>alert("xss")</script> must show as text in '
            "search results about markup injection.",
        ),
        "html",
    ),
)

THEMES = (
    Theme(0, "workload of case discussions", ("workload",), 2, 2, ()),
    Theme(1, "funding", ("funding",), 1, 1, ()),
)


def _entities(text: str) -> tuple[Entity, ...]:
    out = []
    for name, slug in COUNTRIES.items():
        for m in re.finditer(re.escape(name), text):
            out.append(Entity("COUNTRY", slug, name, m.start(), m.end()))
    return tuple(out)


def build_store(root: Path, embedder, docs=DOCS, themes: bool = True) -> OutputLayout:
    """An output folder with ``docs`` stored, chunked (one chunk per page), embedded and indexed."""
    layout = OutputLayout(Path(root))
    with Store(layout.database) as store:
        assignment: dict[str, int] = {}
        for doc in docs:
            pages = [Page(i + 1, t) for i, t in enumerate(doc.pages)]
            parsed = ParsedDocument(doc.doc_id, doc.path, doc.fmt, doc.meta, pages)
            n = sum(len(p) for p in doc.pages)
            outcome = IngestOutcome(doc.path, "ingested", "", len(pages), n, "en", doc.doc_id)
            store.record(outcome, text_hash("".join(doc.pages)), parsed)
            chunks = [
                Chunk(chunk_id_for(doc.doc_id, p.number, 0, len(p.text)), doc.doc_id, p.number,
                      0, len(p.text), i, p.text, text_hash(p.text), _entities(p.text))
                for i, p in enumerate(pages)
            ]  # fmt: skip
            store.replace_chunks(doc.doc_id, chunks)
            for c in chunks:
                if "workload" in c.text:
                    assignment[c.chunk_id] = 0
                elif "funded" in c.text:
                    assignment[c.chunk_id] = 1
        if themes:
            store.replace_themes(THEMES, assignment)
        embed_missing(store, embedder)
        build_search_index(store, layout)
    return layout


class FakeEmbedder:
    """Deterministic hashed bag-of-words vectors; for tests of fusion and filter logic only."""

    name = "fake-bow"
    dim = 64

    def encode(self, texts, batch_size=None) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                h = int(hashlib.md5(word.encode()).hexdigest(), 16)
                out[i, h % self.dim] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-9)
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]
