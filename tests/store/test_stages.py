"""Stage fingerprints, cached sentence vectors and passage spans in the store; StageInputs over
a store."""

import numpy as np

from jane_synth.chunking import Chunker
from jane_synth.stages import StageInputs, record, unchanged
from jane_synth.store import Store
from tests.store.factories import outcome, parsed


def _add(store: Store, doc_id: str, path: str, text: str | None = None) -> None:
    d = parsed(doc_id, path, text) if text else parsed(doc_id, path)
    store.record(outcome(d.path, d.doc_id), d.doc_id, d)
    store.replace_chunks(d.doc_id, list(Chunker().chunk_documents([d])))


def test_a_table_digest_changes_with_its_rows_only(store_location):
    with Store(store_location) as store:
        _add(store, "1" * 64, "a.md")
        chunks, vectors = store.table_digest("chunks"), store.table_digest("embeddings")
        assert store.table_digest("chunks") == chunks
        _add(store, "2" * 64, "b.md", "ECRIN supports multinational clinical trials in Europe.")
        assert store.table_digest("chunks") != chunks
        assert store.table_digest("embeddings") == vectors


def test_a_stage_is_unchanged_until_a_table_or_an_output_file_changes(store_location, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("{}")
    with Store(store_location) as store:
        _add(store, "1" * 64, "a.md")
        inputs = StageInputs("toy", ("documents", "chunks"), {"k": 1}, (out,))
        assert unchanged(store, inputs) is None  # never ran
        fingerprint = record(store, inputs)
        assert unchanged(store, inputs) == fingerprint
        assert (
            unchanged(store, StageInputs("toy", ("documents", "chunks"), {"k": 2}, (out,))) is None
        )
        out.write_text('{"changed": true}')
        assert unchanged(store, inputs) is None
        record(store, inputs)
        out.unlink()
        assert unchanged(store, inputs) is None
        out.write_text('{"changed": true}')
        record(store, inputs)
        _add(store, "2" * 64, "b.md", "ECRIN supports multinational clinical trials in Europe.")
        assert unchanged(store, inputs) is None


def test_sentence_vectors_are_kept_until_pruned_or_the_backend_changes(store_location):
    with Store(store_location) as store:
        store.use_vector_backend("m", "torch")
        store.put_sentence_vectors("m", ["h1", "h2"], np.eye(2, dtype=np.float32))
        found = store.sentence_vectors("m", ["h1", "h2", "h3"])
        assert sorted(found) == ["h1", "h2"]
        np.testing.assert_array_equal(found["h2"], [0.0, 1.0])
        assert store.keep_sentence_vectors("m", ["h2"]) == 1
        assert sorted(store.sentence_vectors("m", ["h1", "h2"])) == ["h2"]
        store.use_vector_backend("m", "onnx")  # other vectors: none is reused
        assert store.sentence_vectors("m", ["h2"]) == {}


def test_passage_spans_are_kept_per_splitter_while_a_chunk_has_the_text(store_location):
    with Store(store_location) as store:
        _add(store, "1" * 64, "a.md")
        (chunk,) = store.chunks()
        store.put_passage_spans("s1", {chunk.text_hash: [(0, 5), (6, 20)], "gone": [(0, 1)]})
        store.put_passage_spans("s0", {chunk.text_hash: [(0, 20)]})
        assert store.passage_spans("s1") == {chunk.text_hash: ((0, 5), (6, 20)), "gone": ((0, 1),)}
        assert store.keep_passage_spans("s1") == 2  # another splitter's, and a text no chunk has
        assert store.passage_spans("s1") == {chunk.text_hash: ((0, 5), (6, 20))}
        assert store.passage_spans("s0") == {}


def test_sentence_verdicts_are_kept_per_rule_set_while_a_build_reads_the_sentence(store_location):
    with Store(store_location) as store:
        store.put_sentence_verdicts("r1", {"h1": None, "h2": "web address or access date"})
        store.put_sentence_verdicts("r0", {"h1": "credits line"})
        assert store.sentence_verdicts("r1") == {"h1": None, "h2": "web address or access date"}
        assert store.keep_sentence_verdicts("r1", ["h2"]) == 2  # another rule set's, and h1
        assert store.sentence_verdicts("r1") == {"h2": "web address or access date"}
        assert store.sentence_verdicts("r0") == {}


def test_a_stage_that_must_run_says_which_inputs_changed(store_location, tmp_path):
    from jane_synth.stages import check

    out = tmp_path / "report.json"
    out.write_text("{}")
    with Store(store_location) as store:
        _add(store, "1" * 64, "a.md")
        inputs = StageInputs("toy", ("documents", "chunks"), {"k": 1}, (out,))
        assert check(store, inputs).reasons == ("it has not run on this store before",)
        record(store, inputs)
        assert check(store, inputs).unchanged and check(store, inputs).reasons == ()
        _add(store, "2" * 64, "b.md", "ECRIN supports multinational clinical trials in Europe.")
        out.write_text('{"changed": true}')
        moved = StageInputs("toy", ("documents", "chunks"), {"k": 2}, (out,))
        found = check(store, moved)
        assert not found.unchanged
        assert found.reasons == (
            "its settings changed",
            "the documents table changed",
            "the chunks table changed",
            "its output files were changed or removed",
        )
        record(store, moved)
        assert check(store, moved).unchanged
        # A fingerprint recorded without its parts (an older store) still says something.
        store.set_stage_fingerprint("toy", "0" * 64)
        assert check(store, moved).reasons == ("its inputs changed",)
