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


def test_divergences_are_listed_with_every_statement_and_read_back(tmp_path):
    from dataclasses import replace

    from tests.briefs.sample import divergence

    brief = replace(make_brief(), divergences=(divergence(),))
    data = brief_to_dict(brief)
    (entry,) = data["divergences"]
    assert entry["topic"] == "ERN EURACAN: centre"
    assert [(s["text"], s["doc_id"], s["page"], s["value"]) for s in entry["statements"]] == [
        ("Its website lists 102 centres [S25].", "d1", 2, "102 centres"),
        ("The network counts 106 centres [S26].", "d3", 4, "106 centres"),
    ]
    path = tmp_path / "survivorship.json"
    path.write_bytes(JsonRenderer().render(brief))
    assert [(s.doc_id, s.start, s.end) for s in load_brief(path).divergence_statements] == [
        ("d1", 0, 36), ("d3", 10, 10 + len("The network counts 106 centres [S26]."))]  # fmt: skip
    # a brief built without looking for divergences says so: null, not an empty list
    assert brief_to_dict(make_brief())["divergences"] is None


def test_each_quote_carries_its_policies_and_the_brief_lists_them():
    from tests.briefs.sample import with_policy

    data = brief_to_dict(with_policy(make_brief()))
    assert data["quotes"][0]["policies"] == ["ebcp-flagship-5"]
    assert data["quotes"][1]["policies"] == []
    (link,) = data["policy_links"]
    assert link["policy"] == "ebcp-flagship-5" and link["quotes"] == [
        {
            "text": "The board approves members.",
            "doc_id": "d1",
            "page": 2,
            "dimension": "governance",
        }
    ]
    assert brief_to_dict(make_brief())["policy_links"] is None
