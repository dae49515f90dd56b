"""A parsed ``_sources/*.md`` file: its front matter, blocks and the values renderers need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .markup import Block, parse_markup
from .metadata import GENERATED_FORMATS, CorpusError, metadata_of_front_matter, read_front_matter

LAYOUTS = ("report", "two-column", "slides", "flyer")


@dataclass
class Source:
    """A parsed ``_sources/*.md`` file."""

    path: Path
    front: dict[str, Any]
    blocks: list[Block]
    warnings: list[str]

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def meta(self) -> dict[str, Any]:
        return metadata_of_front_matter(self.front)

    @property
    def fmt(self) -> str:
        return str(self.front.get("format", "")).lower()

    @property
    def layout(self) -> str:
        return str(self.front.get("layout") or "report").lower()

    @property
    def title(self) -> str:
        for block in self.blocks:
            if block.kind == "title":
                return block.text
        return str(self.front.get("title", self.name))

    @property
    def running_header(self) -> str:
        return str(self.front.get("running_header") or self.front.get("title") or self.name)

    @property
    def publisher(self) -> str:
        return str(self.front.get("publisher", ""))

    @property
    def year(self) -> int:
        year = self.front.get("year")
        return year if isinstance(year, int) and 1980 <= year <= 2099 else 2024

    @property
    def subtitle(self) -> str:
        """The line under the title: publisher and year."""
        return ", ".join(str(x) for x in (self.publisher, self.year) if x)

    @property
    def language(self) -> str:
        return str(self.meta.get("language", "en"))


def read_source(path: Path) -> Source:
    """Parse one source file; raise :class:`CorpusError` when it cannot be rendered."""
    try:
        front, body, first_line = read_front_matter(path.read_text(encoding="utf-8"))
    except CorpusError as exc:
        raise CorpusError(f"{path.name}: bad front matter: {exc}") from exc
    if not front:
        raise CorpusError(f"{path.name}: no YAML front matter")
    blocks, warnings = parse_markup(body, first_line)
    src = Source(path, front, blocks, warnings)
    if src.fmt not in GENERATED_FORMATS:
        raise CorpusError(f"{path.name}: format must be one of {GENERATED_FORMATS}")
    if src.fmt == "pdf":
        if src.layout not in LAYOUTS:
            raise CorpusError(f"{path.name}: layout {src.layout!r} not in {LAYOUTS}")
        if not front.get("running_header"):
            warnings.append("no running_header: the title is used")
    if not any(b.kind == "title" for b in blocks):
        warnings.append("no '# Title' line: the title of the front matter is used")
    return src
