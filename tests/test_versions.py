"""Near-duplicate detection: versions are grouped, the newest is current, others are superseded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jane_synth.config import OutputLayout
from jane_synth.ingest import IngestLimits, ingest_file
from jane_synth.pipeline import sync_documents
from jane_synth.store import Store
from jane_synth.versions import (
    VersionCandidate,
    find_version_groups,
    jaccard,
    shingles,
    superseded_map,
    version_rank,
)

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "data" / "real_pdfs" / "by_covid_elixir"
CORPUS = REPO / "corpus"

BASE = (
    "The Network of Expertise on palliative care brings together comprehensive cancer centres "
    "and hospices from eighteen member states. It will map services, agree on minimum standards "
    "for symptom control, train professionals through shared curricula, and build a registry of "
    "patients who need specialised palliative care at home or in hospital. The governance model "
    "follows the European Reference Networks, with a board of participating institutions, a "
    "coordinator, and patient representatives with voting seats. Funding comes from the Joint "
    "Action for the first four years and must then be found in national budgets."
)
OTHER = (
    "Biobanks store samples and data for research. BBMRI-ERIC gives access to collections across "
    "Europe through national nodes and a directory of biobanks, and it runs quality programmes, "
    "an ethical, legal and societal issues helpdesk, and training on sample handling for "
    "researchers who want to reuse material collected in hospitals and population cohorts."
)


def revise(text: str, n_changes: int) -> str:
    """``text`` with a few sentences added, as a later version would have."""
    extra = [
        "A new annex lists the participating centres.",
        "The timeline was extended by six months after the consultation.",
        "Patient organisations reviewed the draft and asked for clearer language.",
    ]
    return text + " " + " ".join(extra[:n_changes])


def cand(doc_id, path, text, year=2024, version=None, title=""):
    return VersionCandidate(doc_id, path, text, year, title, version)


def test_shingles_and_jaccard():
    a = shingles("one two three four five six")
    assert a == {"one two three four five", "two three four five six"}
    assert jaccard(a, a) == 1.0
    assert jaccard(a, shingles("seven eight nine ten eleven")) == 0.0
    assert jaccard(frozenset(), a) == 0.0


@pytest.mark.parametrize(
    ("older", "newer"),
    [
        (("draft",), (None,)),
        ((None,), ("v1",)),
        (("report-v1",), ("report-v3",)),
        (("v2.1",), ("v2.10",)),
        (("v9",), ("final",)),
        (("report-draft",), ("report-final",)),
        ((None, "situation-report-draft"), (None, "situation-report-final")),
    ],
)
def test_version_rank_orders_markers(older, newer):
    assert version_rank(*older) < version_rank(*newer)


def test_versions_are_grouped_and_unrelated_documents_are_not():
    docs = [
        cand("a", "report.md", BASE),
        cand("b", "report-v2.md", revise(BASE, 2)),
        cand("c", "report-v3.md", revise(BASE, 3)),
        cand("d", "biobanks.md", OTHER),
        cand("e", "short.md", "Too short to be anything."),
        cand("f", "short-copy.md", "Too short to be anything."),
    ]
    (group,) = find_version_groups(docs)
    assert group.paths == ("report-v3.md", "report-v2.md", "report.md")
    assert group.current == "c"
    assert superseded_map([group]) == {"b": "c", "a": "c"}


def test_newest_is_chosen_by_year_then_version_then_path():
    year = find_version_groups(
        [cand("old", "x-final.md", BASE, 2023), cand("new", "x-draft.md", revise(BASE, 1), 2024)]
    )
    assert year[0].current == "new"
    marker = find_version_groups(
        [cand("f", "x-final.md", BASE), cand("d", "x-draft.md", revise(BASE, 1))]
    )
    assert marker[0].current == "f"
    declared = find_version_groups(
        [
            cand("a", "a.md", BASE, version="final"),
            cand("b", "b.md", revise(BASE, 1), version="draft"),
        ]
    )
    assert declared[0].current == "a"
    path = find_version_groups([cand("a", "a.md", BASE), cand("b", "b.md", revise(BASE, 1))])
    assert path[0].current == "b"


def test_sync_links_versions_in_the_store_and_the_report(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan-draft.md").write_text("# Plan\n\n" + BASE, "utf-8")
    (corpus / "plan-final.md").write_text("# Plan\n\n" + revise(BASE, 2), "utf-8")
    (corpus / "biobanks.md").write_text("# Biobanks\n\n" + OTHER, "utf-8")
    layout = OutputLayout(tmp_path / "out")
    with Store(layout.database) as store:
        summary = sync_documents(store, corpus, layout, IngestLimits(ocr=False))
        assert [g.paths for g in summary.version_groups] == [("plan-final.md", "plan-draft.md")]
        by_path = {d.path: d for d in store.documents()}
        assert by_path["plan-draft.md"].superseded_by == by_path["plan-final.md"].doc_id
        assert by_path["plan-final.md"].superseded_by is None
        assert by_path["biobanks.md"].superseded_by is None
        rows = {r["path"]: r for r in json.loads(layout.ingest_report.read_text())}
        assert rows["plan-draft.md"]["versions"] == ["plan-final.md"]
        assert rows["plan-final.md"]["versions"] == ["plan-draft.md"]
        assert rows["biobanks.md"]["versions"] == []

        (corpus / "plan-final.md").unlink()  # the final version leaves: the draft is current
        summary = sync_documents(store, corpus, layout, IngestLimits(ocr=False))
        assert summary.version_groups == []
        assert all(d.superseded_by is None for d in store.documents())


@pytest.mark.skipif(not REAL.is_dir(), reason="shared real PDFs not available")
def test_three_versions_of_the_by_covid_summary_are_linked_and_nothing_else():
    docs = []
    for path in sorted(REAL.glob("*.pdf")):
        outcome, doc = ingest_file(path, REAL, IngestLimits(ocr=False))
        if doc is not None:
            text = "\n".join(p.text for p in doc.pages)
            docs.append(cand(doc.doc_id, outcome.path, text, doc.meta.year, doc.meta.version))
    (group,) = find_version_groups(docs)
    assert group.paths == (
        "open-science-for-pandemic-preparedness-v3.pdf",
        "open-science-for-pandemic-preparedness-v1.pdf",
        "open-science-for-pandemic-preparedness.pdf",
    )


PALLIATIVE = [
    "noe-palliative-care-situation-report-draft.pdf",
    "noe-palliative-care-situation-report-final.pdf",
]


@pytest.mark.skipif(
    not all((CORPUS / name).is_file() for name in PALLIATIVE),
    reason="the bundled corpus has no palliative care draft and final yet",
)
def test_bundled_palliative_care_draft_and_final_are_linked():
    names = [
        *PALLIATIVE,
        "noe-omics-technologies-situation-report.pdf",
        "ern-24-networks-overview.md",
    ]
    docs = []
    for name in names:
        outcome, doc = ingest_file(CORPUS / name, CORPUS, IngestLimits(ocr=False))
        text = "\n".join(p.text for p in doc.pages)
        docs.append(cand(doc.doc_id, outcome.path, text, doc.meta.year, doc.meta.version))
    (group,) = find_version_groups(docs)
    assert group.paths == tuple(reversed(PALLIATIVE))
