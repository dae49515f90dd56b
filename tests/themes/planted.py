"""A small planted corpus: three clearly different topics, each in varied sentences."""

from __future__ import annotations

import itertools

_TOPICS = {
    "palliative": (
        ["Hospice nurses", "Palliative care teams", "Specialist palliative services",
         "Home palliative care", "End-of-life carers"],
        ["relieve pain and breathlessness of dying patients",
         "support families in the last weeks of life",
         "offer palliative sedation and symptom control at home"],
    ),
    "sequencing": (
        ["Genomic sequencing", "Next-generation sequencing panels", "Whole-genome sequencing",
         "Tumour DNA sequencing", "Molecular sequencing laboratories"],
        ["detect actionable mutations in tumour biopsies",
         "report variants of genes such as BRCA1 and KRAS",
         "need bioinformatics pipelines to call somatic variants"],
    ),
    "grants": (
        ["Multi-annual grants", "Operating grants from the budget", "Co-funding grants",
         "Grant agreements", "Annual grant budgets"],
        ["pay the salaries of the coordination office",
         "are signed with the funding agency for four years",
         "cover travel costs, audits and financial reporting"],
    ),
}  # fmt: skip


def planted(per_topic: int = 15) -> tuple[list[str], list[str]]:
    """``(texts, topic of each text)``: ``per_topic`` sentences per topic, in topic order."""
    texts, topics = [], []
    for topic, (subjects, predicates) in _TOPICS.items():
        pairs = list(itertools.product(subjects, predicates))[:per_topic]
        texts += [f"{s} {p}." for s, p in pairs]
        topics += [topic] * len(pairs)
    return texts, topics
