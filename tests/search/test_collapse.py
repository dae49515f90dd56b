from dataclasses import replace

import numpy as np

from jane_synth.records import Chunk, Citation, DocumentMeta
from jane_synth.search.collapse import NearDuplicates, collapse_ranked
from jane_synth.search.settings import SearchSettings
from jane_synth.store import StoredDocument

PASSAGE = ("The evaluation found that the platform adds a heavy workload for clinicians who "
           "prepare each virtual case discussion before the panel meets.")  # fmt: skip


def _doc(doc_id: str, superseded_by: str | None = None) -> StoredDocument:
    meta = DocumentMeta(title=f"title {doc_id}")
    return StoredDocument(doc_id, f"{doc_id}.pdf", "pdf", meta, 1, 10, superseded_by)


def _chunk(doc_id: str, text: str) -> Chunk:
    return Chunk(f"{doc_id}-c", doc_id, 1, 0, len(text), 0, text, "h")


def _setup(superseded: bool = False):
    chunks = [
        _chunk("a", PASSAGE),
        _chunk("b", PASSAGE + " Again."),
        _chunk("c", "Funding of research infrastructures comes from member contributions."),
        _chunk("d", "Short"),
        _chunk("e", "short"),
    ]
    docs = {d: _doc(d) for d in "abcde"}
    if superseded:
        docs["a"] = replace(docs["a"], superseded_by="b")
    return chunks, docs


def _cite(chunks):
    return lambda row: Citation(chunks[row].doc_id, "t", 1, "p")


def test_same_passage_in_two_documents_is_one_hit_citing_both():
    chunks, docs = _setup()
    dups = NearDuplicates(chunks, docs, SearchSettings())
    assert dups.same(0, 1) and not dups.same(0, 2)
    assert dups.same(3, 4)  # texts shorter than a shingle are compared whole
    kept = collapse_ranked([(0, 0.9), (1, 0.8), (2, 0.5)], 5, dups, None, _cite(chunks))
    assert [(row, [c.doc_id for c in also]) for row, _, also in kept] == [(0, ["b"]), (2, [])]


def test_the_current_version_leads_and_keeps_the_first_score():
    chunks, docs = _setup(superseded=True)
    dups = NearDuplicates(chunks, docs, SearchSettings())
    assert dups.version_root(0) == "b" and dups.is_current(1) and not dups.is_current(0)
    kept = collapse_ranked([(0, 0.9), (1, 0.8)], 5, dups, None, _cite(chunks))
    assert kept == [(1, 0.9, [Citation("a", "t", 1, "p")])]


def test_vectors_that_embed_apart_are_not_compared_and_k_is_kept():
    chunks, docs = _setup()
    dups = NearDuplicates(chunks, docs, SearchSettings())
    apart = np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 1.0]], dtype=np.float32)
    kept = collapse_ranked([(0, 0.9), (1, 0.8), (2, 0.5)], 2, dups, apart, _cite(chunks))
    assert [row for row, _, _ in kept] == [0, 1]


def test_thresholds_come_from_the_settings():
    chunks, docs = _setup()
    strict = NearDuplicates(chunks, docs, SearchSettings(near_duplicate_jaccard=0.99))
    assert not strict.same(0, 1)
