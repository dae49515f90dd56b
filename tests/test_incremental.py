"""Incremental by content: a re-run parses, chunks and embeds only what is new or changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from jane_synth.config import OutputLayout
from jane_synth.embedding import Embedder
from jane_synth.ingest import IngestLimits, parallel
from jane_synth.pipeline import chunk_pending, embed_pending, sync_documents
from jane_synth.store import Store


@dataclass
class SpyEmbedder(Embedder):
    """Deterministic vectors from text hashes, no model; remembers every text it encoded."""

    name: str = "spy-embedder"
    encoded: list[str] = field(default_factory=list)

    @property
    def dim(self) -> int:
        return 8

    def encode(self, texts, batch_size=None) -> np.ndarray:
        self.encoded.extend(texts)
        rows = [np.frombuffer(hashlib.sha256(t.encode()).digest()[:32], np.uint8) for t in texts]
        vectors = np.asarray(rows, dtype=np.float32).reshape(len(texts), 32)[:, :8] + 1.0
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


DOCS = {
    "erns.md": "# ERNs\n\nEuropean Reference Networks connect experts across borders. "
    "Virtual panels discuss complex cases. The Board of Member States approves members.",
    "funding.md": "# Funding\n\nERN coordination is funded by multi-annual grants. "
    "National health systems pay for care. Sustainability needs national co-funding.",
    "data.md": "# Data\n\nThe CPMS hosts virtual consultations. Registries collect outcomes. "
    "Interoperable IT must be planned from the start with the health data space.",
}
NEW_DOC = (
    "# Survivorship\n\nSurvivorship care plans follow patients after treatment. "
    "Late effects need long-term follow-up clinics."
)


@pytest.fixture
def run(tmp_path, monkeypatch):
    """A corpus folder, a store and one function that does sync, chunk and embed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text, "utf-8")
    layout = OutputLayout(tmp_path / "out")
    store = Store(layout.database)
    embedder = SpyEmbedder()
    parsed_here: list[str] = []
    original = parallel.ingest_file

    def counting_ingest_file(path, corpus_dir, limits=None):
        parsed_here.append(Path(path).name)
        return original(path, corpus_dir, limits)

    monkeypatch.setattr(parallel, "ingest_file", counting_ingest_file)

    def step():
        embedder.encoded.clear()
        parsed_here.clear()
        summary = sync_documents(store, corpus, layout, IngestLimits(ocr=False))
        made = chunk_pending(store)
        embedded, _reused, pruned = embed_pending(store, embedder)
        return {
            "processed": summary.processed,
            "parsed_here": list(parsed_here),
            "unchanged": summary.unchanged,
            "removed": summary.removed,
            "chunks_made": made,
            "embedded": embedded,
            "pruned": pruned,
            "encoded": list(embedder.encoded),
        }

    yield corpus, store, step
    store.close()


def doc_id_of(store: Store, path: str) -> str:
    return next(d.doc_id for d in store.documents() if d.path == path)


def assert_index_consistent(store: Store, model: str = "spy-embedder") -> None:
    """Every chunk has a vector and every vector belongs to a chunk text."""
    chunk_hashes = {c.text_hash for c in store.chunks()}
    vector_hashes = {
        r[0]
        for r in store.conn.execute("SELECT text_hash FROM embeddings WHERE model = ?", (model,))
    }
    assert chunk_hashes == vector_hashes
    assert store.texts_missing_embeddings(model) == []


def test_first_run_parses_chunks_and_embeds_everything_then_a_rerun_does_nothing(run):
    _, store, step = run
    first = step()
    assert sorted(first["processed"]) == sorted(DOCS)
    assert first["chunks_made"] == store.count("chunks") > 0
    assert sorted(first["encoded"]) == sorted({c.text for c in store.chunks()})
    assert_index_consistent(store)

    again = step()
    assert again["processed"] == [] and again["parsed_here"] == []
    assert again["unchanged"] == len(DOCS)
    assert (again["chunks_made"], again["embedded"], again["encoded"]) == (0, 0, [])


def test_adding_one_file_parses_and_embeds_only_that_file(run):
    corpus, store, step = run
    step()
    before = {c.chunk_id for c in store.chunks()}
    (corpus / "survivorship.md").write_text(NEW_DOC, "utf-8")

    after = step()
    assert after["processed"] == ["survivorship.md"]
    # ingest_file ran in this process (one file needs no pool) and for that file only.
    assert after["parsed_here"] == ["survivorship.md"]
    new_chunks = store.chunks([doc_id_of(store, "survivorship.md")])
    assert after["chunks_made"] == len(new_chunks) > 0
    assert {c.chunk_id for c in store.chunks()} == before | {c.chunk_id for c in new_chunks}
    assert sorted(after["encoded"]) == sorted({c.text for c in new_chunks})
    assert_index_consistent(store)


def test_changed_file_replaces_its_chunks_and_vectors(run):
    corpus, store, step = run
    step()
    old_id = doc_id_of(store, "funding.md")
    old_texts = {c.text for c in store.chunks([old_id])}
    changed = DOCS["funding.md"].replace("multi-annual grants", "five-year partnership agreements")
    (corpus / "funding.md").write_text(changed, "utf-8")

    after = step()
    assert after["processed"] == ["funding.md"]
    new_id = doc_id_of(store, "funding.md")
    assert new_id != old_id
    assert store.chunks([old_id]) == [] and store.document(old_id) is None
    new_texts = {c.text for c in store.chunks([new_id])}
    assert any("partnership agreements" in t for t in new_texts)
    # Only texts that changed are embedded; unchanged sentences keep their vectors.
    assert set(after["encoded"]) == new_texts - old_texts
    assert after["pruned"] == len(old_texts - new_texts) > 0
    assert_index_consistent(store)


def test_deleted_file_loses_its_chunks_and_vectors(run):
    corpus, store, step = run
    step()
    gone_id = doc_id_of(store, "data.md")
    gone_texts = {c.text for c in store.chunks([gone_id])}
    (corpus / "data.md").unlink()

    after = step()
    assert after["removed"] == 1 and after["processed"] == []
    assert store.chunks([gone_id]) == []
    assert all(d.path != "data.md" for d in store.documents())
    assert after["pruned"] == len(gone_texts) and after["encoded"] == []
    hits = store.conn.execute(
        "SELECT COUNT(*) FROM chunks_fts WHERE chunks_fts MATCH 'registries'"
    ).fetchone()[0]
    assert hits == 0  # gone from the full-text index too
    assert_index_consistent(store)


def test_files_another_version_of_ingestion_read_are_read_again_once(run, monkeypatch):
    """A fix to text extraction reaches stored documents: a file stored by an earlier parser
    version is parsed again (its pages and chunks replaced, vectors of unchanged chunk texts
    reused); the next run leaves it alone."""
    import jane_synth.pipeline as pipeline_module

    _, store, step = run
    step()
    funding = doc_id_of(store, "funding.md")
    with store.transaction() as conn:  # what an older parser made of one file
        conn.execute("UPDATE pages SET text = 'not-for-prot' WHERE doc_id = ?", (funding,))
    chunks_before = {c.chunk_id for c in store.chunks()}
    monkeypatch.setattr(pipeline_module, "parser_version", lambda: "next-version")

    again = step()
    assert sorted(again["processed"]) == sorted(DOCS) and again["unchanged"] == 0
    assert "not-for-prot" not in store.pages(funding)[0].text
    assert doc_id_of(store, "funding.md") == funding  # the same file, the same document
    assert {c.chunk_id for c in store.chunks()} == chunks_before
    assert again["encoded"] == []  # same chunk texts: every vector reused
    assert set(store.file_parsers().values()) == {"next-version"}
    assert_index_consistent(store)
    third = step()
    assert third["processed"] == [] and third["unchanged"] == len(DOCS)


def test_a_run_is_not_a_no_op_while_files_were_read_by_another_parser(tmp_path, monkeypatch):
    from jane_synth import stages
    from jane_synth.settings import Settings
    from jane_synth.stages import nothing_changed

    monkeypatch.setattr(stages, "unchanged", lambda store, inputs: "fingerprint")  # stages: done

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "erns.md").write_text(DOCS["erns.md"], "utf-8")
    layout = OutputLayout(tmp_path / "out")
    with Store(layout.database) as store:
        sync_documents(store, corpus, layout, IngestLimits(ocr=False))
    settings = Settings(corpus_dir=corpus, output_dir=layout.root)
    assert nothing_changed(settings)
    with Store(layout.database) as store:
        store.conn.execute("UPDATE files SET parser = ''")  # as stores before versions were kept
        store.conn.commit()
    assert not nothing_changed(settings)


def test_a_rerun_reads_no_unchanged_file_to_hash_it(run, monkeypatch):
    """With the hash cache, a run hashes only files whose size or times changed; on a corpus of
    gigabytes, hashing every file on every run was most of a rerun."""
    import time

    import jane_synth.corpus_cache as corpus_cache
    import jane_synth.pipeline as pipeline_module

    corpus, _, step = run
    hashed: list[str] = []
    for module in (corpus_cache, pipeline_module):
        original = module.entry_sha256

        def counting(entry, original=original):
            hashed.append(entry.rel)
            return original(entry)

        monkeypatch.setattr(module, "entry_sha256", counting)
    time.sleep(2.1)  # files changed in the cache's racy window are hashed again
    step()
    assert sorted(hashed) == sorted(DOCS)  # a first run hashes each file once
    hashed.clear()
    again = step()
    assert hashed == [] and again["unchanged"] == len(DOCS)
    (corpus / "funding.md").write_text(DOCS["funding.md"] + " A new sentence.", "utf-8")
    changed = step()
    assert hashed == ["funding.md"] and changed["processed"] == ["funding.md"]
