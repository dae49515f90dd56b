import re

import numpy as np

from jane_synth.chunking import chunk_id_for, text_hash
from jane_synth.divergences import DivergenceFinder, figure_sentences
from jane_synth.divergences.detect import self_diverging
from jane_synth.records import Chunk, Entity

NAMES = {"EURACAN": ("ERN", "ern-euracan"), "JANE": ("JOINT_ACTION", "jane"),
         "CraNE": ("JOINT_ACTION", "crane"), "ERNs": ("ERN", "erns")}  # fmt: skip


def _chunk(doc_id, text, page=1):
    entities = tuple(
        Entity(*NAMES[m.group()], m.group(), m.start(), m.end())
        for m in re.finditer("|".join(sorted(NAMES, key=len, reverse=True)), text)
    )
    return Chunk(chunk_id_for(doc_id, page, 0, len(text)), doc_id, page, 0, len(text), 0, text,
                 text_hash(text), entities)  # fmt: skip


def _one(text):
    (fs,) = figure_sentences([_chunk("d", text)])
    return fs


def _find(chunks, cosine=0.9, **options):
    sentences = figure_sentences(chunks)
    n = len(sentences)
    # every pair of sentences at the given cosine: unit vectors with equal pairwise products
    gram = np.full((n, n), cosine) + (1 - cosine) * np.eye(n)
    vectors = np.linalg.cholesky(gram)
    finder = DivergenceFinder(**options)
    return finder.find(sentences, vectors, lambda tag: tag[1], lambda fs: frozenset())


def test_a_sentence_that_gives_each_figure_its_source_diverges_from_itself():
    fs = _one("EURACAN has 102 centres in 25 countries [S25], while a review counts "
              "106 centres in 26 countries [S26].")  # fmt: skip
    assert [q.text for q in self_diverging(fs)] == ["102 centres", "106 centres"]
    said = _one(
        "The EU co-funding differs by source: EUR 18 million, EUR 30 million or EUR 36 million."
    )
    assert [q.text for q in self_diverging(said)] == [
        "EUR 18 million",
        "EUR 30 million",
        "EUR 36 million",
    ]


def test_figures_of_different_things_in_one_sentence_do_not_diverge():
    # different subjects, each with its source
    assert self_diverging(_one("JANE had EUR 4M [S2]; CraNE had about EUR 3.7M [S46].")) == []
    # "while" joins two different measures of one source
    assert (
        self_diverging(_one("In the evaluation 4% of providers left, while 88% scored well [S12]."))
        == []
    )
    # two bare percentages, each with a source, but nothing says they count the same thing
    assert self_diverging(_one(
        "Some 59% of countries have low coverage [S56b] and only 40% reach half the level [S56]."
    )) == []  # fmt: skip
    # growth over time, one source
    assert self_diverging(_one("Membership grew from 313 hospitals to 382 hospitals [S8].")) == []


def test_similar_sentences_of_two_documents_with_different_counts_diverge():
    found = _find([_chunk("a", "EURACAN lists 102 centres in 25 countries."),
                   _chunk("b", "EURACAN counts 106 centres in 26 countries.")])  # fmt: skip
    (d,) = [d for d in found if d.topic.endswith("centre")]
    assert d.topic == "ern-euracan: centre"
    assert [(s.doc_id, s.value) for s in d.statements] == [
        ("a", "102 centres"),
        ("b", "106 centres"),
    ]
    for s in d.statements:
        assert s.text in ("EURACAN lists 102 centres in 25 countries.",
                          "EURACAN counts 106 centres in 26 countries.")  # fmt: skip


def test_no_divergence_when_sentences_agree_or_are_not_about_the_same_thing():
    agree = [_chunk("a", "EURACAN lists 102 centres."),
             _chunk("b", "EURACAN's website gives 102 centres and a review 106 centres.")]  # fmt: skip
    assert _find(agree) == []
    other_subject = [
        _chunk("a", "EURACAN lists 102 centres."),
        _chunk("b", "JANE lists 106 centres."),
    ]
    assert _find(other_subject) == []
    dissimilar = [
        _chunk("a", "EURACAN lists 102 centres."),
        _chunk("b", "EURACAN lists 106 centres."),
    ]
    assert _find(dissimilar, cosine=0.5) == []
    orders_apart = [
        _chunk("a", "The ERNs got EUR 77 million."),
        _chunk("b", "The ERNs got EUR 5.3 billion."),
    ]
    assert _find(orders_apart) == []


def test_one_document_and_one_source_is_not_a_divergence_nor_are_versions():
    same_source = [_chunk("a", "EURACAN lists 102 centres [S25]."),
                   _chunk("a", "EURACAN lists 106 centres [S25].", page=2)]  # fmt: skip
    assert _find(same_source) == []
    two_sources = [_chunk("a", "EURACAN lists 102 centres [S25]."),
                   _chunk("a", "EURACAN lists 106 centres [S26].", page=2)]  # fmt: skip
    assert len(_find(two_sources)) == 1
    draft_and_final = [_chunk("draft", "EURACAN lists 102 centres."),
                       _chunk("final", "EURACAN lists 106 centres.")]  # fmt: skip
    assert _find(draft_and_final, versions=lambda a, b: {a, b} == {"draft", "final"}) == []


def test_a_sentence_naming_nothing_takes_the_subject_of_the_sentence_before():
    (fs,) = figure_sentences(
        [_chunk("d", "EURACAN covers rare cancers. Its website lists 102 centres.")]
    )
    assert fs.subject == ("ERN", "ern-euracan")
    # a named network is more specific than "the ERNs"
    (fs,) = figure_sentences([_chunk("d", "The ERNs include EURACAN. It lists 102 centres.")])
    assert fs.subject == ("ERN", "ern-euracan")


def test_tables_and_lists_are_not_sentences():
    table = "Item\nFigure\nCentres\n102\nCountries\n25\nSource\nS25"
    bullets = "EURACAN:\n• 102 centres in 25 countries\n• 66 centres, according to its website"
    assert figure_sentences([_chunk("d", table), _chunk("e", bullets)]) == []


def test_ids_and_order_are_deterministic():
    chunks = [_chunk("a", "EURACAN lists 102 centres."), _chunk("b", "EURACAN lists 106 centres."),
              _chunk("c", "JANE had EUR 4M [S2] or EUR 5M [S3], sources differ.")]  # fmt: skip
    first, again = _find(chunks), _find(list(reversed(chunks)))
    assert [d.divergence_id for d in first] == [d.divergence_id for d in again]
    assert [d.topic for d in first] == sorted(d.topic for d in first)
