import json

from jane_synth.briefs.renderers import JsonRenderer, brief_to_dict, load_brief
from tests.briefs.sample import HOSTILE_QUOTE, HOSTILE_TITLE, hostile_brief, make_brief


def test_json_keeps_document_text_exactly(tmp_path):
    data = JsonRenderer().render(hostile_brief())
    first = json.loads(data)["sections"][0]["evidence"][0]
    assert first["quote"] == HOSTILE_QUOTE and first["citation"]["title"] == HOSTILE_TITLE
    assert HOSTILE_QUOTE.encode() in data  # written as is, not escaped


def test_load_brief_reads_back_every_quote_typed(tmp_path):
    brief = make_brief()
    path = tmp_path / "survivorship.json"
    path.write_bytes(JsonRenderer().render(brief))
    stored = load_brief(path)
    assert stored.noe == "survivorship" and stored.corpus_fingerprint == "abc123"
    assert stored.n_documents_in_corpus == 12
    expected = [(s.dimension.slug, ev) for s in brief.sections for ev in s.evidence]
    assert [(q.dimension, q.quote, q.start, q.end, q.citation) for q in stored.quotes] == [
        (d, ev.quote, ev.start, ev.end, ev.citation) for d, ev in expected
    ]
    assert stored.cited_doc_ids() == {"d1", "d2"}
    assert brief_to_dict(brief)["title"] == stored.title == "Evidence brief: Survivorship"
