import json

import numpy as np

from jane_synth.records import Chunk, DocumentMeta, Theme
from jane_synth.store import StoredDocument
from jane_synth.themes import ThemeFit, write_themes_json


def _inputs():
    chunks = {f"c{i}": Chunk(f"c{i}", "d1", i + 1, 0, 5, i, f"text{i}", f"h{i}") for i in range(3)}
    meta = DocumentMeta("A <b> report", publisher="EC", year=2021, networks=("erns", "bbmri-eric"),
                        noe_domains=("survivorship",), doc_type="evaluation")  # fmt: skip
    docs = {"d1": StoredDocument("d1", "a.md", "md", meta, 2, 10)}
    themes = (
        Theme(4, "funding / grants", ("funding", "grants"), 2, 1, ("c1", "c0")),
        Theme(5, "grants", ("grants",), 2, 1, ("c1",), parent=4),
    )
    fit = ThemeFit(themes, {"c0": 5, "c1": 5}, ("c2",), {4: np.ones(2), 5: np.ones(2)})
    return fit, chunks, docs


def test_themes_json_has_members_citations_distributions_and_the_unassigned(tmp_path):
    fit, chunks, docs = _inputs()
    path = tmp_path / "out" / "themes.json"
    write_themes_json(path, fit, chunks, docs)
    data = json.loads(path.read_text("utf-8"))
    broad, sub, bucket = data
    assert broad["keyphrases"] == ["funding", "grants"] and broad["parent"] is None
    assert sub["parent"] == 4 and broad["member_chunk_ids"] == sub["member_chunk_ids"] == [
        "c0",
        "c1",
    ]
    assert [
        (r["chunk_id"], r["page"], r["title"], r["path"]) for r in broad["representatives"]
    ] == [
        ("c1", 2, "A <b> report", "a.md"),
        ("c0", 1, "A <b> report", "a.md"),
    ]
    assert broad["distributions"] == {
        "networks": {"bbmri-eric": 2, "erns": 2},
        "noe_domains": {"survivorship": 2},
        "doc_types": {"evaluation": 2},
        "publishers": {"EC": 2},
        "years": {"2021": 2},
    }
    assert bucket["theme_id"] == -1 and bucket["unassigned"] and bucket["size"] == 1
    assert set(broad) < set(bucket)  # read like a theme, with more
    assert bucket["fraction"] == round(1 / 3, 4) and bucket["member_chunk_ids"] == ["c2"]
    first = path.read_bytes()
    write_themes_json(path, fit, chunks, docs)
    assert path.read_bytes() == first
