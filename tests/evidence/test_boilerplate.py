"""Lines that are never evidence, and ordinary statements that must stay evidence.

The rejected lines are real: quoted in issue 9 (from a run over WHO Europe reports) or found in
``../shared/data/real_pdfs``. The guard against false positives runs the rules over every
sentence of the bundled corpus and of the real PDFs.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import spacy

from jane_synth.evidence.boilerplate import RULES, not_evidence_reason
from jane_synth.ingest import discover, ingest_file

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "corpus"
# ``../shared`` next to the project root (a worktree may sit one folder deeper).
SHARED = next(
    (p / "shared" / "data" for p in REPO.parents if (p / "shared" / "data").is_dir()), REPO
)
REAL = SHARED / "real_pdfs"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared real PDFs not available")

NEVER_EVIDENCE = {
    # issue 9, from a run over WHO Europe and Observatory reports
    "New York: United Nations (https://sustainabledevelopment.un.org/post2015/transformingourworld, "
    "accessed 11 May 2020).": "web address or access date",
    "The mention of specific companies or of certain manufacturers' products does not imply that "
    "they are endorsed or recommended by WHO in preference to others of a similar nature that are "
    "not mentioned.": "disclaimer or funding acknowledgement",
    "As a teacher, what you will find here are resources to cover the topic in your lessons.": (
        "instruction to the reader"
    ),
    # ../shared/data/real_pdfs
    "Brack et al., PLoS Comput Biol": "reference entry or citation",
    "Source: https://github.com/ejp-rd-vp/ERN-common-data-elements/wiki/Personal-information": (
        "web address or access date"
    ),
    "Explore the full set of material online: https://by-covid.org/usecases": (
        "instruction to the reader"
    ),
    "Contact: Elaine Harrison, elaine.harrison@elixir-europe.org": "e-mail or phone line",
    "To be added to the distribution list of this report, please send an email to "
    "veo.europe@erasmusmc.nl with 'VEO COVID-19 Report' in the subject line.": (
        "e-mail or phone line"
    ),
    "Horizon Europe research and innovation programme under grant agreement number 101046203.": (
        "disclaimer or funding acknowledgement"
    ),
    "Table of contents\nIntroduction 3\nGovernance 7": "table of contents or table rows",
    "INTRODUCTION ........................................................ 9": (
        "table of contents or table rows"
    ),
    "CASE #1 / SCHOOL OF FISH ....................................... 13\n"
    "CASE #2 / POLICY ACTION ........................................ 15": (
        "table of contents or table rows"
    ),
    "Table I: Update of number of submissions of raw read datasets to the ENA.": (
        "figure or table caption"
    ),
    "Figure VI: Number of sequences containing one or more of the characteristic Omicron SNPs in "
    "the spike region.": "figure or table caption",
    "Table III. Overview of the different mutations of several VOCs and VOIs for the spike gene.": (
        "figure or table caption"
    ),
    "United Kingdom 281 369731\nIreland 4615 7961\nSouth Africa 318 4067\nMozambique 16 58": (
        "table of contents or table rows"
    ),
    "Click next": "instruction to the reader",
    # the usual front and back matter of EU and WHO reports
    "Lancet Oncol. 2019;20(3):123-30.": "reference entry or citation",
    "Smith J, Jones A. Networks of expertise in rare cancers. Eur J Cancer. 2019;110:1-8.": (
        "reference entry or citation"
    ),
    "Doe, J., & Roe, R. (2020). European Reference Networks after five years. Health Policy, "
    "124(5), 483-490.": "reference entry or citation",
    "Available at: https://doi.org/10.1016/j.healthpol.2020.02.005": "reference entry or citation",
    "ISBN 978-92-890-5467-8": "ISBN or ISSN line",
    "\u00a9 World Health Organization 2020": "copyright or licence notice",
    "All rights reserved.": "copyright or licence notice",
    "This work is licensed under the Creative Commons Attribution 4.0 International licence.": (
        "copyright or licence notice"
    ),
    "Reproduction is authorised provided the source is acknowledged.": (
        "copyright or licence notice"
    ),
    "The views expressed in this report are those of the authors and do not necessarily reflect "
    "the official position of the European Commission.": "disclaimer or funding acknowledgement",
    "Page 3 of 12": "running header or page number",
    "Rue de la Loi 200, B-1049 Brussels, Belgium": "postal address",
    "Via Giacomo Venezian 1, 20133 Milan": "postal address",
    "Wellcome Genome Campus, Hinxton, Cambridge CB10 1SD": "postal address",
    "Tel.: +32 2 299 11 11": "e-mail or phone line",
    "For more information, please visit the project website.": "instruction to the reader",
    "Suggested citation: JANE consortium. Design of the Networks of Expertise.": "credits line",
}

STATEMENTS = [
    # ../shared/data/real_pdfs body text, some with web addresses, numbers or figure references
    "This report summarizes mobilisation and analysis of SARS-CoV-2 sequence data submitted to the "
    "European COVID-19 Data Platform in the context of the VEO project (https://www.veo-europe.eu), "
    "which aims to develop tools and data analytics for pandemic and outbreak preparedness.",
    "As can be seen in Figure VI, some of the read data contain less than the 27 aforementioned "
    "spike protein mutations but contain sufficient mutations to be suspected Omicron variants.",
    "Given the volume and complexity of data produced across national borders, all data must be "
    "carefully managed to remain meaningful and useful.",
    "While data mobilisation is progressing, the contribution of countries in Europe is very low.",
    "Highly sensitive and private data, for example vaccination status, can also be FAIR by placing "
    "controls on accessibility.",
    # sentences of the kind the bundled corpus is made of
    "EUnetCCC, coordinated by INCa, is building an EU network of certified Comprehensive Cancer "
    "Centres, with a target of 100 certified centres by 2028 [S47].",
    "ERN funding comes from the EU4Health programme through framework partnership agreements and "
    "from Member States, which pay for patient care.",
    "Smith et al. found that network membership improved access to expertise for rare cancers.",
    "Smith et al. (2020) showed that ERN membership shortened the time to diagnosis.",
    "In 2017, 24 ERNs were launched, involving more than 900 units in 300 hospitals "
    "(European Commission, 2017).",
    "The evaluation (European Commission 2023; pp. 12-14) found gaps in IT support.",
    "Contents of the registry are shared under the ERN data policy.",
    "Figure 3 shows that most networks have fewer than 50 members.",
    "The network is based at Via Venezian 1 in Milan and has 40 staff.",
    "Each ERN reports 12 indicators every 6 months: 1 of 3 on patient outcomes.",
    "The Board of Member States approves new members after an independent assessment.",
    "Data are shared through the ERN's clinical patient management system (CPMS).",
]


@pytest.mark.parametrize(("line", "reason"), sorted(NEVER_EVIDENCE.items()))
def test_lines_that_are_never_evidence_are_named(line: str, reason: str) -> None:
    assert not_evidence_reason(line) == reason


@pytest.mark.parametrize("line", STATEMENTS)
def test_ordinary_statements_pass(line: str) -> None:
    assert not_evidence_reason(line) is None


def test_every_rule_is_exercised_and_empty_text_is_rejected() -> None:
    assert {rule.name for rule in RULES} <= set(NEVER_EVIDENCE.values())
    assert not_evidence_reason("  \n ") == "empty"


@cache
def _sentencizer() -> spacy.language.Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _sentences(folder: Path, ingested=None) -> list[str]:
    """Every sentence of every ingested document below ``folder`` (or of ``ingested``, the
    outcomes and documents of ``ingest_file``), as the briefs split them."""
    out: list[str] = []
    pairs = ingested.values() if ingested else (ingest_file(p, folder) for p in discover(folder))
    for _, doc in pairs:
        for page in doc.pages if doc else []:
            out += [s.text.strip() for s in _sentencizer()(page.text).sents]
    return [s for s in out if len(s) >= 20]


def _statement_like(sentence: str) -> bool:
    """A candidate quote: a one-line sentence of quotable length ending with a full stop."""
    return 50 <= len(sentence) <= 420 and sentence.endswith(".") and "\n" not in sentence


def test_bundled_corpus_statements_are_almost_never_rejected() -> None:
    sentences = _sentences(CORPUS)
    rejected = [s for s in sentences if not_evidence_reason(s)]
    statements = [s for s in sentences if _statement_like(s)]
    wrong = [s for s in statements if not_evidence_reason(s)]
    # Measured: 116 of 3,190 sentences (3.6%) rejected, all source lists and a page header;
    # 0 of 1,697 statement-like sentences.
    assert len(rejected) <= 0.06 * len(sentences), rejected
    assert len(wrong) <= 0.01 * len(statements), wrong
    # The corpus's own source lists are rejected: the rules do bite on real text.
    assert sum("https://" in s for s in rejected) >= 50


@needs_real
@pytest.mark.xdist_group("real_pdfs")
def test_real_pdfs_boilerplate_is_found_and_body_text_passes(real_pdfs_ingested) -> None:
    sentences = _sentences(REAL, real_pdfs_ingested)
    reasons = {s: not_evidence_reason(s) for s in sentences}
    found = {r for r in reasons.values() if r}
    assert {
        "figure or table caption",
        "e-mail or phone line",
        "table of contents or table rows",
    } <= found
    statements = [s for s in sentences if _statement_like(s)]
    wrong = [s for s in statements if reasons[s]]
    # Measured: 11 of 581 statement-like sentences, all captions or reader instructions.
    assert len(wrong) <= 0.03 * len(statements), wrong
    assert all(
        reasons[s] in {"figure or table caption", "instruction to the reader"} for s in wrong
    )
    body = [s for s in STATEMENTS[:5] if any(s in t for t in sentences)]
    assert len(body) >= 3  # the quoted body sentences really come from these files


def test_verdicts_judge_each_text_once_and_name_the_rule_set() -> None:
    from jane_synth.evidence.boilerplate import RULES_DIGEST, Verdicts

    verdicts = Verdicts()
    line = "Available at: https://health.ec.europa.eu/ern (accessed 3 May 2023)."
    ok = "Patient representatives sit on the board of every European Reference Network."
    assert verdicts(line) == not_evidence_reason(line) is not None
    assert verdicts(ok) is None and verdicts(line) == not_evidence_reason(line)
    assert verdicts.judged == 2 and len(verdicts.seen) == 2
    given = Verdicts(reasons=dict.fromkeys(verdicts.reasons, "kept"))  # as a store gives them
    assert given(ok) == "kept" and given.judged == 0
    assert len(RULES_DIGEST) == 16
