import json

from jane_synth.records import Chunk, DocumentMeta, Theme
from jane_synth.store import StoredDocument
from jane_synth.themes import write_themes_json


def test_themes_json_cites_each_representative(tmp_path):
    chunks = {f"c{i}": Chunk(f"c{i}", "d1", i + 1, 0, 5, i, f"text{i}", f"h{i}") for i in range(2)}
    docs = {"d1": StoredDocument("d1", "a.md", "md", DocumentMeta("A <b> report"), 2, 10)}
    theme = Theme(0, "funding", ("funding", "grants"), 2, 1, ("c1", "c0"))
    path = tmp_path / "out" / "themes.json"
    write_themes_json(path, [theme], chunks, docs)
    data = json.loads(path.read_text("utf-8"))
    assert data[0]["keyphrases"] == ["funding", "grants"] and data[0]["size"] == 2
    assert [
        (r["chunk_id"], r["page"], r["title"], r["path"]) for r in data[0]["representatives"]
    ] == [
        ("c1", 2, "A <b> report", "a.md"),
        ("c0", 1, "A <b> report", "a.md"),
    ]
    first = path.read_bytes()
    write_themes_json(path, [theme], chunks, docs)
    assert path.read_bytes() == first
