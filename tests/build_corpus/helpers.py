"""Sources and corpora for the tests of ``scripts/build_corpus``."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from scripts.build_corpus.build import Report, build

REPO = Path(__file__).resolve().parents[2]
META = {
    "title": "Test document",
    "publisher": "JANE WP4 task force",
    "year": 2024,
    "doc_type": "report",
    "language": "en",
    "networks": ["jane", "erns"],
    "noe_domains": ["survivorship", "palliative-care"],
    "main_noe_domain": "survivorship",
    "dimensions": ["governance"],
    "sources": ["S1", "S8"],
}

SENTENCES = [
    "The European Reference Networks link highly specialised centres across the Union.",
    "Each network is evaluated against a set of quality criteria every five years.",
    "Patients take part in the governance of every network through their representatives.",
    "Funding comes from the EU4Health programme and from national contributions.",
    "Registries and the Clinical Patient Management System support the virtual discussion of cases.",
    "Member States endorse the centres that apply to join a network.",
    "The cost of the annual meeting reached € 1.5 million in 2023 – an estimate.",
    "Cross-border referral remains uneven between East and West.",
]


def paragraph(seed: int, n: int = 6) -> str:
    return " ".join(SENTENCES[(seed + k) % len(SENTENCES)] for k in range(n))


def write_source(
    corpus: Path, name: str, body: str, fmt: str = "pdf", layout: str | None = "report", **extra
) -> Path:
    """Write ``corpus/_sources/<name>.md`` with the test metadata (overridden by ``extra``)."""
    front = dict(META, **extra)
    front["format"] = fmt
    if fmt == "pdf":
        front["layout"] = layout
        front.setdefault("running_header", f"JANE test header {name}")
    folder = corpus / "_sources"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(
        "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body,
        encoding="utf-8",
    )
    return path


def long_body(sections: int = 6, extra: str = "") -> str:
    """A report body: a title, ``sections`` sections with lists, and a sources section."""
    parts = ["# A test report on networks", "", paragraph(0, 3), ""]
    for s in range(sections):
        parts += [f"## Section {s + 1}", "", paragraph(s, 8), ""]
        parts += [
            "- First point of the list.",
            "- Second point, with a figure of 23.7 million.",
            "",
        ]
        parts += [paragraph(s + 3, 5), ""]
        if s == 1 and extra:
            parts += [extra, ""]
    parts += [
        "## Sources",
        "",
        "- S1 https://www.sciensano.be/en/projects/joint-action-european-networks-expertise",
        "",
    ]
    return "\n".join(parts)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def page_texts(path: Path) -> list[str]:
    """The white-space-folded text of each page of a PDF, as pypdf extracts it."""
    import pypdf

    return [norm(p.extract_text()) for p in pypdf.PdfReader(str(path)).pages]


def build_ok(corpus: Path, **kwargs) -> Report:
    """Build ``corpus`` and assert that nothing failed."""
    report = build(corpus, **kwargs)
    assert not report.errors, report.errors
    assert not report.problems, report.problems
    return report


def all_kinds(corpus: Path) -> None:
    """One source of each layout and a DOCX."""
    write_source(corpus, "a-report", long_body(4), layout="report")
    write_source(corpus, "b-two", long_body(4), layout="two-column")
    write_source(corpus, "c-slides", "# D\n\n## S\n\n- x.\n", layout="slides")
    write_source(corpus, "d-flyer", "# F\n\n## S\n\nText.\n", layout="flyer")
    write_source(corpus, "e-doc", long_body(2), fmt="docx", layout=None)
