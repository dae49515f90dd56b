import json

import numpy as np

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.evidence.labelled import (
    LabelledDocument,
    given_index,
    labels,
    read_claims,
    read_documents,
)
from jane_synth.evidence.sentences import split_passage
from jane_synth.records import Chunk

DOC = LabelledDocument("7", "A title without a full stop",
                       ("Aspirin was given (n = 10).", "Risk fell by 20%.", "It was safe."))  # fmt: skip


def _page_chunk(doc: LabelledDocument, start: int, end: int) -> Chunk:
    text = doc.page()[0][start:end]
    return Chunk(chunk_id_for(doc.doc_id, 1, start, end), doc.doc_id, 1, start, end, 0, text,
                 text_hash(text))  # fmt: skip


def test_page_offsets_point_at_the_given_sentences():
    text, offsets = DOC.page()
    assert [text[a:b] for a, b in offsets] == list(DOC.sentences)
    assert text.startswith(DOC.title + "\n")


def test_product_sentences_map_to_the_given_sentence_they_overlap_most():
    text, offsets = DOC.page()
    # A chunk that starts inside the page: offsets are relative to the chunk.
    chunk = _page_chunk(DOC, offsets[1][0], len(text))
    assert [given_index(s, offsets) for s in split_passage(chunk)] == [1, 2]
    whole = split_passage(_page_chunk(DOC, 0, len(text)))
    # The title has no full stop, so the sentencizer joins it to the first sentence.
    assert whole[0].text.startswith(DOC.title) and given_index(whole[0], offsets) == 0


def test_labels_follow_the_claims_rationales(tmp_path):
    path = tmp_path / "claims.jsonl"
    rows = [
        {"id": 3, "claim": "Aspirin lowers risk.", "evidence": {"7": [{"sentences": [1], "label": "SUPPORT"}]}},
        {"id": 4, "claim": "Nothing here.", "evidence": {}},
    ]  # fmt: skip
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    with_evidence, without = read_claims(path)
    assert with_evidence.n_gold == 1 and without.n_gold == 0
    text, offsets = DOC.page()
    sentences = split_passage(_page_chunk(DOC, 0, len(text)))
    assert labels(sentences, with_evidence, {"7": offsets}).tolist() == [0, 1, 0]
    assert labels(sentences, without, {"7": offsets}).tolist() == [0, 0, 0]


def test_read_documents(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text(json.dumps({"doc_id": 7, "title": DOC.title, "sentences": list(DOC.sentences)}))
    assert read_documents(path) == [DOC]
    assert np.array_equal(np.array(DOC.page()[1]), np.array(read_documents(path)[0].page()[1]))
