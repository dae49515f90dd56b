import dataclasses

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.evidence.sentences import (
    PassageSpans,
    is_standalone_statement,
    sentences_at,
    split_passage,
)
from jane_synth.records import Chunk, Entity


def _chunk(text, entities=()):
    return Chunk(chunk_id_for("d", 1, 10, 10 + len(text)), "d", 1, 10, 10 + len(text), 0, text,
                 text_hash(text), entities)  # fmt: skip


def test_sentences_keep_their_offsets_and_the_tags_inside_them():
    text = "  ERNs share cases online.  Patients sit on boards of every network. "
    ent = Entity("DIMENSION", "patient-involvement", "Patients", 28, 36)
    sentences = split_passage(_chunk(text, (ent,)))
    assert [s.text for s in sentences] == [
        "ERNs share cases online.", "Patients sit on boards of every network."]  # fmt: skip
    for i, s in enumerate(sentences):
        assert text[s.start : s.end] == s.text and s.index == i
    assert sentences[0].tags == frozenset()
    assert sentences[1].slugs("DIMENSION") == {"patient-involvement"}


def test_spans_are_split_once_per_text_and_give_the_same_sentences():
    text = "ERNs share cases online. Patients sit on boards of every network."
    spans = PassageSpans()
    first = _chunk(text)
    assert sentences_at(first, spans(first)) == split_passage(first)
    assert spans(_chunk(text)) == ((0, 24), (25, 65)) and spans.split == 1
    unhashed = dataclasses.replace(_chunk("Palliative care starts early."), text_hash="")
    assert spans(unhashed) == ((0, 29),) and spans.split == 2  # keyed by the text itself


def test_standalone_statements():
    assert is_standalone_statement("The Board of Member States approves the networks and members.")
    assert not is_standalone_statement("This shows that the Board of Member States approves them.")
    assert not is_standalone_statement("Who approves the networks and the members of each network?")
    assert not is_standalone_statement("Short one.")
