"""A store of planted documents (three topics, with metadata), embedded by the real model."""

from __future__ import annotations

from pathlib import Path

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.config import OutputLayout
from jane_synth.embedding import embed_missing
from jane_synth.records import Chunk, DocumentMeta, IngestOutcome, Page, ParsedDocument
from jane_synth.store import Store
from tests.themes.planted import planted

_META = {
    "palliative": dict(networks=("erns",), noe_domains=("palliative-care",), doc_type="report"),
    "sequencing": dict(
        networks=("elixir",), noe_domains=("omics-technologies",), doc_type="policy"
    ),
    "grants": dict(networks=("erns",), noe_domains=("survivorship",), doc_type="evaluation"),
}


def add_documents(
    store: Store, texts: list[str], topics: list[str], prefix: str, per_doc: int = 3
) -> None:
    """Documents of ``per_doc`` sentences of one topic each; one chunk per sentence."""
    for start in range(0, len(texts), per_doc):
        sentences, topic = texts[start : start + per_doc], topics[start]
        doc_id = f"{prefix}{start // per_doc:03d}"
        meta = DocumentMeta(title=f"{topic} <report> {doc_id}", publisher="Test & Co",
                            year=2020 + start % 3, language="en", **_META[topic])  # fmt: skip
        page = " ".join(sentences)
        parsed = ParsedDocument(doc_id, f"{doc_id}.md", "markdown", meta, [Page(1, page)])
        store.record(
            IngestOutcome(f"{doc_id}.md", "ingested", "", 1, len(page), "en", doc_id),
            doc_id,
            parsed,
        )
        chunks, pos = [], 0
        for seq, sentence in enumerate(sentences):
            start_at = page.index(sentence, pos)
            pos = start_at + len(sentence)
            chunks.append(Chunk(chunk_id_for(doc_id, 1, start_at, pos), doc_id, 1, start_at, pos,
                                seq, sentence, text_hash(sentence), language="en"))  # fmt: skip
        store.replace_chunks(doc_id, chunks)


def planted_store(root: Path, embedder) -> OutputLayout:
    """The planted corpus in a store under ``root``, embedded."""
    layout = OutputLayout(root)
    texts, topics = planted()
    with Store(layout.database) as store:
        add_documents(store, texts, topics, "d")
        embed_missing(store, embedder)
    return layout
