"""The whole pipeline over real reports nobody here wrote (``../shared/data/real_pdfs``).

Those PDFs are BY-COVID outputs (COVID-19 data sharing, variant reports, a school toolkit,
flyers), an EJP RD workshop on data models for ERNs and BBMRI-ERIC MIABIS minutes. They say
nothing about cancer survivorship, network governance, membership, funding, patient seats,
quality indicators, professional training or equity, so the briefs must show those cells as
gaps, and nothing they quote may be a reference entry, web address, disclaimer, caption or
contents line. The patterns below are the test's own, independent of the selector's rules.
"""

from __future__ import annotations

import json
import re
import shutil

import pytest
from typer.testing import CliRunner

from pipelines.cli import app
from tests.conftest import SHARED_DATA

REAL = SHARED_DATA / "real_pdfs"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not REAL.is_dir(), reason="../shared/data/real_pdfs is not here"),
]

NOT_EVIDENCE = {
    "web address": re.compile(r"https?://|www\.|\b\w+\.(?:org|eu|com|int)/", re.I),
    "accessed line": re.compile(r"\baccessed\b.*\d{4}", re.I),
    "reference entry": re.compile(r"\bet al\.|\bdoi\b|\(\d{4}\)\.\s|\b\d+\(\d+\):\d+", re.I),
    "disclaimer": re.compile(r"does not imply|endorse(?:d|ment) by|copyright|©|all rights", re.I),
    "caption": re.compile(r"^(?:figure|fig\.|table|chart|box)\s*\d+", re.I),
    "contents line": re.compile(r"\.{4,}|…{2,}|\s\d+\s*$"),
    "contact line": re.compile(r"@\w+\.\w+|\btel\.?\s*[:+]|\bphone\b", re.I),
}

# Dimensions on which these reports have nothing to say: every brief shows both strands as gaps.
NOTHING_ON = (
    "governance",
    "membership",
    "funding-sustainability",
    "patient-involvement",
    "quality-monitoring",
    "education-training",
    "equity-access",
)


@pytest.fixture(scope="module")
def real_briefs(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("real_corpus")
    for pdf in sorted(REAL.rglob("*.pdf")):
        target = corpus / pdf.relative_to(REAL)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pdf, target)
    out = tmp_path_factory.mktemp("real_out")
    result = CliRunner().invoke(
        app, ["run", "--corpus", str(corpus), "--out", str(out), "--log-level", "warning"]
    )
    assert result.exit_code == 0, result.output
    return {
        path.stem: json.loads(path.read_text("utf-8"))
        for path in sorted((out / "briefs").glob("*.json"))
        if path.stem not in {"manifest", "index"}
    }


def quotes(brief: dict) -> list[str]:
    return [ev["quote"] for s in brief["sections"] for ev in s["evidence"]]


def test_no_quote_is_boilerplate(real_briefs):
    bad = [
        (noe, kind, text)
        for noe, brief in real_briefs.items()
        for text in quotes(brief)
        for kind, pattern in NOT_EVIDENCE.items()
        if pattern.search(text)
    ]
    assert not bad, bad


def test_survivorship_has_no_statement_about_itself(real_briefs):
    gaps = {(g["dimension"], g["strand"]) for g in real_briefs["survivorship"]["gaps"]}
    dimensions = [s["dimension"] for s in real_briefs["survivorship"]["sections"]]
    assert len(dimensions) == 10
    assert {(d, "about_noe") for d in dimensions} <= gaps


def test_what_the_reports_do_not_cover_is_a_gap_in_every_brief(real_briefs):
    assert len(real_briefs) == 7
    for noe, brief in real_briefs.items():
        gaps = {(g["dimension"], g["strand"]) for g in brief["gaps"]}
        missing = {(d, s) for d in NOTHING_ON for s in ("about_noe", "lessons")} - gaps
        assert not missing, (noe, sorted(missing))


def test_the_few_quotes_carry_a_probability_above_the_threshold(real_briefs):
    from jane_synth.evidence.model import load_model

    threshold = load_model().threshold
    for brief in real_briefs.values():
        for section in brief["sections"]:
            assert all(ev["probability"] >= threshold for ev in section["evidence"])
