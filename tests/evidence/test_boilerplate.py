import pytest

from jane_synth.evidence.boilerplate import not_evidence_reason

NOT_EVIDENCE = [
    "New York: United Nations (https://sustainabledevelopment.un.org/post2015/transformingourworld, accessed 11 May 2020).",
    "The mention of specific companies or of certain manufacturers' products does not imply that they are endorsed or recommended by WHO.",
    "As a teacher, what you will find here are resources to cover the topic in your lessons.",
    "Figure 3: Number of ERN members by Member State, 2023.",
    "Contact: info@example.org, tel. +32 2 123 45 67.",
    "© World Health Organization 2020. All rights reserved.",
    "Smith J, Jones K. Cancer networks in Europe. Lancet Oncol. 2019;20(3):123-130.",
    "2.1 Governance of the networks .................... 14",
]
EVIDENCE = [
    "The Board of Member States approves networks and members and can end a membership.",
    "Patient representatives hold two seats on each ERN board.",
    "In 2024 HaDEA signed 24 multi-annual grants worth over EUR 77M for October 2023 to September 2027.",
]


@pytest.mark.parametrize("line", NOT_EVIDENCE)
def test_lines_that_are_never_evidence_get_a_reason(line):
    assert not_evidence_reason(line)


@pytest.mark.parametrize("line", EVIDENCE)
def test_statements_pass(line):
    assert not_evidence_reason(line) is None
