"""What changed since the previous run, read against the previous JSON briefs."""

from __future__ import annotations

import json
from dataclasses import replace

from jane_synth.briefs import write_briefs
from jane_synth.briefs.changes import QuoteRef, changes_since, with_changes
from jane_synth.briefs.renderers import get_renderer
from tests.briefs.renderers.text_of import docx_lines, markdown_lines
from tests.briefs.sample import citation, evidence, make_brief

CORPUS = {"d1.md": "d1", "d2.md": "d2"}
NEW_QUOTES = ("The new report counts 106 centres.", "The new report adds a registry.")


def _with_new_document(brief):
    """``brief`` with two quotes from a new document, ``new.md``, in its first section."""
    first = brief.sections[0]
    added = tuple(evidence(q, citation("new", page=i + 1)) for i, q in enumerate(NEW_QUOTES))
    return replace(brief, sections=(replace(first, evidence=first.evidence + added),
                                    *brief.sections[1:]))  # fmt: skip


def test_the_first_run_says_so(tmp_path):
    (brief,) = with_changes([make_brief()], tmp_path, CORPUS)
    assert brief.changes is not None and brief.changes.first_run
    md = markdown_lines(get_renderer("markdown").render(brief))
    assert md[-1] == "This is the first run: there is no previous brief to compare with."
    assert not (tmp_path / "previous").exists()


def test_adding_one_document_lists_exactly_its_quotes(tmp_path):
    write_briefs(with_changes([make_brief()], tmp_path, CORPUS), tmp_path)
    before = (tmp_path / "survivorship.json").read_bytes()
    corpus = {**CORPUS, "new.md": "new"}
    (brief,) = with_changes([_with_new_document(make_brief())], tmp_path, corpus)
    c = brief.changes
    assert c is not None and not c.first_run
    assert [q.text for q in c.quotes_added] == sorted(NEW_QUOTES)
    assert {q.source_path for q in c.quotes_added} == {"new.md"}
    assert c.quotes_removed == () and c.documents_added == ("new.md",)
    assert c.documents_changed == c.documents_removed == ()
    assert (tmp_path / "previous" / "survivorship.json").read_bytes() == before
    write_briefs([brief], tmp_path)
    data = json.loads((tmp_path / "survivorship.json").read_text())
    assert data["changes"]["corpus"] == corpus
    assert [q["text"] for q in data["changes"]["quotes_added"]] == sorted(NEW_QUOTES)


def test_changed_and_removed_documents_and_removed_quotes():
    previous = get_renderer("json").render(
        replace(_with_new_document(make_brief()),
                changes=changes_since(make_brief(), None, {**CORPUS, "new.md": "new"}))
    )  # fmt: skip
    c = changes_since(make_brief(), json.loads(previous), {"d1.md": "d1-v2", "d2.md": "d2"})
    assert c.documents_changed == ("d1.md",) and c.documents_removed == ("new.md",)
    assert c.documents_added == () and c.quotes_added == ()
    assert c.quotes_removed == tuple(
        sorted(QuoteRef("governance", q, "new.md", i + 1) for i, q in enumerate(NEW_QUOTES))
    )


def test_a_previous_brief_without_its_corpus_still_gives_the_quotes():
    old = json.loads(get_renderer("json").render(make_brief(quote="An older quote.")))
    del old["changes"]  # as written before change lists existed
    c = changes_since(make_brief(), old, CORPUS)
    assert not c.previous_corpus_known and c.documents_added == ()
    assert [q.text for q in c.quotes_added] == ["The board approves members."]
    assert [q.text for q in c.quotes_removed] == ["An older quote."]


def test_every_format_shows_the_changes():
    previous = json.loads(get_renderer("json").render(make_brief()))
    brief = _with_new_document(make_brief())
    brief = replace(brief, changes=changes_since(brief, previous, {**CORPUS, "new.md": "new"}))
    md = markdown_lines(get_renderer("markdown").render(brief))
    at = md.index("What changed since the previous run")
    assert md[at + 1 : at + 3] == ["Documents: the previous brief did not record its corpus.",
                                   "Quotes added: 2."]  # fmt: skip
    assert '"The new report adds a registry." (governance; new.md, p. 2)' in md
    assert docx_lines(get_renderer("docx").render(brief)) == md
    page = get_renderer("html").render(brief).decode()
    assert "<p>Quotes removed: 0.</p>" in page
