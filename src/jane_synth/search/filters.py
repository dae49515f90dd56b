"""Metadata filters for search: ``KEY=VALUE`` pairs turned into a row mask.

Document keys (``doc_type``, ``publisher``, ``language``, ``format``, ``network``, ``noe_domain``,
``dimension``, ``year``, ``year_from``, ``year_to``) are tested once per document; ``country``
keeps chunks that name the country and ``theme`` chunks of the given theme ids (a broad theme's
id also keeps its sub-themes' chunks, see :meth:`Filters.with_sub_themes`). Several values
of one key mean "any of"; different keys must all hold. Matching ignores case; ``publisher``
matches a part of the name.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..store import StoredDocument

LIST_KEYS = {"network": "networks", "noe_domain": "noe_domains", "dimension": "dimensions"}
SCALAR_KEYS = {"doc_type", "publisher", "language", "format"}
YEAR_KEYS = {"year", "year_from", "year_to"}
FILTER_KEYS = sorted({*LIST_KEYS, *SCALAR_KEYS, *YEAR_KEYS, "country", "theme"})


class FilterError(ValueError):
    pass


def country_slug(name: str) -> str:
    """The taxonomy slug of a country name (``"Czech Republic"`` -> ``"czech-republic"``)."""
    return "-".join("".join(c.lower() if c.isalnum() else " " for c in name).split())


@dataclass(frozen=True)
class Filters:
    """Conditions a hit must meet; several values of one key mean "any of"."""

    values: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        for key, vals in self.values.items():
            if key not in FILTER_KEYS:
                raise FilterError(f"unknown filter {key!r}; known: {', '.join(FILTER_KEYS)}")
            if key in YEAR_KEYS or key == "theme":
                for v in vals:
                    try:
                        int(v)
                    except ValueError as exc:
                        kind = "theme ids" if key == "theme" else "whole years"
                        raise FilterError(f"{key} takes {kind}, not {v!r}") from exc

    @classmethod
    def parse(cls, pairs: Sequence[str]) -> Filters:
        """Filters from ``KEY=VALUE`` strings; ``VALUE`` may list several values with commas."""
        values: dict[str, list[str]] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            key = key.strip().replace("-", "_")
            if not sep or not value.strip():
                raise FilterError(f"filter {pair!r} is not KEY=VALUE")
            values.setdefault(key, []).extend(v.strip() for v in value.split(",") if v.strip())
        return cls({k: tuple(v) for k, v in values.items()})

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, str | Sequence[str] | None]) -> Filters:
        """Filters from a mapping such as web form fields; empty values are ignored."""
        values: dict[str, list[str]] = {}
        for key, raw in mapping.items():
            items = [raw] if isinstance(raw, str) else list(raw or [])
            for item in items:
                values.setdefault(key, []).extend(
                    v.strip() for v in str(item).split(",") if v.strip()
                )
        return cls({k: tuple(v) for k, v in values.items() if v})

    def __bool__(self) -> bool:
        return bool(self.values)

    def with_sub_themes(self, parents: Mapping[int, int | None]) -> Filters:
        """These filters with every sub-theme of a wanted theme wanted too.

        ``parents`` maps each theme id to its broad theme's (``None`` for a broad theme). A chunk
        is stored under its own theme only (a sub-theme), so a broad theme's id must bring its
        sub-themes' ids to keep their chunks.
        """
        wanted = {int(t) for t in self.values.get("theme", ())}
        if not wanted:
            return self
        grown = True
        while grown:
            more = {t for t, p in parents.items() if p in wanted} - wanted
            wanted |= more
            grown = bool(more)
        return Filters({**self.values, "theme": tuple(str(t) for t in sorted(wanted))})

    def _year_ok(self, year: int | None) -> bool:
        v = self.values
        if "year" in v and (year is None or year not in {int(y) for y in v["year"]}):
            return False
        if "year_from" in v and (year is None or year < max(int(y) for y in v["year_from"])):
            return False
        return not ("year_to" in v and (year is None or year > min(int(y) for y in v["year_to"])))

    @staticmethod
    def _key_ok(doc: StoredDocument, key: str, wanted: set[str]) -> bool:
        """Whether ``doc`` passes one document-level key (lower-cased ``wanted`` values)."""
        meta = doc.meta
        if key in LIST_KEYS:
            have = {x.lower() for x in getattr(meta, LIST_KEYS[key])}
            if key == "noe_domain" and meta.main_noe_domain:
                have.add(meta.main_noe_domain.lower())
            return bool(have & wanted)
        if key == "format":
            return doc.format.lower() in wanted
        if key == "publisher":
            value = (meta.publisher or "").lower()
            return bool(value) and any(w in value for w in wanted)
        if key in SCALAR_KEYS:
            return str(getattr(meta, key) or "").lower() in wanted
        return True  # years are checked together; chunk-level keys in mask()

    def document_ok(self, doc: StoredDocument) -> bool:
        """Whether a document passes every document-level condition."""
        for key, wanted in self.values.items():
            if not self._key_ok(doc, key, {w.lower() for w in wanted}):
                return False
        return self._year_ok(doc.meta.year)

    def mask(
        self,
        documents: Sequence[StoredDocument],
        chunk_doc: np.ndarray,
        country_rows: Mapping[str, np.ndarray],
        chunk_themes: np.ndarray,
        chunk_languages: np.ndarray | None = None,
    ) -> np.ndarray:
        """Boolean row mask over chunks.

        ``chunk_doc`` gives each chunk's position in ``documents``, ``country_rows`` the rows
        that name each country slug and ``chunk_themes`` each chunk's theme id (-1 for none).
        With ``chunk_languages`` the language filter applies to each chunk's own language (a
        French passage of an English report), else to the document's.
        """
        doc_filters = self
        if chunk_languages is not None and "language" in self.values:
            doc_filters = Filters({k: v for k, v in self.values.items() if k != "language"})
        doc_ok = np.fromiter((doc_filters.document_ok(d) for d in documents), bool, len(documents))
        mask = doc_ok[chunk_doc] if len(chunk_doc) else np.zeros(0, dtype=bool)
        if doc_filters is not self and chunk_languages is not None:
            mask &= np.isin(chunk_languages, [w.lower() for w in self.values["language"]])
        if "country" in self.values:
            named = np.zeros(len(chunk_doc), dtype=bool)
            for c in self.values["country"]:
                rows = country_rows.get(country_slug(c))
                if rows is not None:
                    named[rows] = True
            mask &= named
        if "theme" in self.values:
            mask &= np.isin(chunk_themes, [int(t) for t in self.values["theme"]])
        return mask
