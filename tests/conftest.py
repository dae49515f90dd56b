"""Shared test fixtures. Nothing here downloads anything: the model comes from site-packages."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
CORPUS_DIR = REPO_ROOT / "corpus"


@pytest.fixture(scope="session")
def embedder():
    """The real all-MiniLM-L6-v2 embedder, loaded once per test session."""
    from jane_synth.embedding import Embedder

    return Embedder()


def make_text_corpus(folder: Path, docs: dict[str, str]) -> Path:
    """Write ``name -> text`` files into ``folder`` and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


ERN_NOTE = """---
title: ERN governance note
publisher: Test task force
year: 2024
doc_type: report
language: en
networks: [erns]
noe_domains: [survivorship]
main_noe_domain: survivorship
dimensions: [governance, patient-involvement]
sources: [S11, S18]
---
# ERN governance note

The Board of Member States approves networks and members and can end a membership.
The ERN Coordinators Group brings together all 24 coordinators to agree technical matters.
European Patient Advocacy Groups give patients seats on ERN boards and working groups.

## Funding

ERN coordination was funded by annual Specific Grant Agreements under the 3rd Health Programme.
In 2024 HaDEA signed 24 multi-annual grants worth over EUR 77M for October 2023 to September 2027.
"""

BBMRI_PAGE = """<!DOCTYPE html><html><head><title>BBMRI-ERIC profile</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
<main><article><h1>BBMRI-ERIC profile</h1>
<p>BBMRI-ERIC gives access to biobanks and biomolecular resources across Europe through national nodes.</p>
<p>Its Assembly of Members adopts the work programme, and member states fund it through contributions.</p>
<p>Survivorship research depends on long-term follow-up data linked to biobank samples.</p>
</article></main>
<footer>Copyright 2024. Legal notice. Privacy policy.</footer></body></html>
"""
