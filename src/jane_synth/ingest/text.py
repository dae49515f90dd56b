"""Plain-text files, and the decoding and front matter that Markdown and HTML share."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .metadata import read_sidecar, split_front_matter
from .registry import Extracted, Inferred, ReadOptions, register


def decode_text(data: bytes) -> tuple[str, tuple[str, ...]]:
    """UTF-8 text of ``data`` (without a byte-order mark, which would hide front matter),
    else Latin-1 with a warning."""
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        return data.decode("latin-1"), ("not valid UTF-8; decoded as Latin-1",)


def read_with_front_matter(
    path: Path, data: bytes, to_page: Callable[[str], str], title_of: Callable[[str], str]
) -> Extracted:
    """One page from a text file with optional YAML front matter (over its sidecar's fields)."""
    text, warnings = decode_text(data)
    declared, body, _ = split_front_matter(text)
    declared = {**read_sidecar(path), **declared}
    return Extracted((to_page(body),), declared, Inferred(title=title_of(body)), warnings)


class TextFormat:
    """Plain text: the body as one page, front matter as declared metadata."""

    name: str = "text"
    suffixes: tuple[str, ...] = (".txt",)

    def read(self, path: Path, data: bytes, options: ReadOptions) -> Extracted:
        """The text as one page; no title is inferred (the file name is used)."""
        return read_with_front_matter(path, data, lambda body: body, lambda body: "")


register(TextFormat())
