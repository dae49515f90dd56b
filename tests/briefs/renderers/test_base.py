"""The renderer registry, and the contract every registered renderer keeps."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

import jane_synth.briefs.renderers as reg
from tests.briefs.renderers.text_of import MARKUP, READERS
from tests.briefs.sample import (
    HOSTILE_FIGURE,
    HOSTILE_QUOTE,
    HOSTILE_TITLE,
    IMG,
    SCRIPT,
    PlainText,
    hostile_brief,
    make_brief,
)


def toy(name: str = "toy", suffix: str = ".toy") -> PlainText:
    return PlainText(name=name, suffix=suffix)


def test_markdown_html_json_and_docx_are_registered_in_order():
    assert reg.renderer_names() == ("markdown", "html", "json", "docx")
    assert [r.suffix for r in reg.renderers()] == [".md", ".html", ".json", ".docx"]
    assert all(isinstance(r, reg.Renderer) for r in reg.renderers())


def test_register_refuses_a_taken_name_or_suffix_and_non_renderers():
    with pytest.raises(ValueError, match="already registered"):
        reg.register(toy(name="markdown", suffix=".toy"))
    with pytest.raises(ValueError, match="already written"):
        reg.register(toy(name="toy", suffix=".md"))
    with pytest.raises(TypeError):
        reg.register(object())  # type: ignore[arg-type]
    assert reg.renderer_names() == ("markdown", "html", "json", "docx")


def test_register_and_unregister_a_toy_renderer():
    reg.register(toy())
    try:
        assert reg.renderer_names()[-1] == "toy"
        assert (
            reg.get_renderer("toy").render(make_brief())
            == b"The board approves members.\nMember states fund it through contributions.\nA second page says more.\n"
        )
        reg.register(toy(suffix=".toy"), replace=True)
    finally:
        reg.unregister("toy")
    with pytest.raises(KeyError, match="known: markdown"):
        reg.get_renderer("toy")


def test_brief_path_is_slug_and_suffix():
    assert reg.brief_path(Path("out"), "survivorship", ".json") == Path("out/survivorship.json")
    with pytest.raises(ValueError):
        reg.brief_path(Path("out"), "survivorship", "json")


def test_every_registered_format_has_a_reader_in_the_tests():
    assert set(reg.renderer_names()) <= set(READERS), (
        "add a reader for the new format to text_of.py"
    )


@pytest.mark.parametrize("name", reg.renderer_names())
def test_contract_bytes_and_deterministic(name):
    renderer = reg.get_renderer(name)
    data = renderer.render(make_brief())
    assert isinstance(data, bytes) and data
    assert renderer.render(make_brief()) == data  # an equal brief, built again
    other = replace(make_brief(), corpus_fingerprint="def456")
    assert renderer.render(other) != data


@pytest.mark.parametrize("name", reg.renderer_names())
def test_contract_hostile_text_is_shown_as_text_never_as_markup(name):
    data = reg.get_renderer(name).render(hostile_brief())
    tags, text = READERS[name](data)
    assert "script" not in tags and "img" not in tags
    assert HOSTILE_QUOTE in text and HOSTILE_TITLE in text
    assert HOSTILE_FIGURE in text  # a statement of "Where sources differ"
    if name in MARKUP:
        raw = data.decode("utf-8", "replace")
        assert SCRIPT not in raw and IMG not in raw
