"""Metadata filters for search: ``KEY=VALUE`` pairs turned into a row mask."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..store import StoredDocument

LIST_KEYS = {"network": "networks", "noe_domain": "noe_domains", "dimension": "dimensions"}
SCALAR_KEYS = {"doc_type", "publisher", "language", "format"}
FILTER_KEYS = sorted({*LIST_KEYS, *SCALAR_KEYS, "country", "year", "year_from", "year_to", "theme"})


class FilterError(ValueError):
    pass


@dataclass(frozen=True)
class Filters:
    """Conditions a hit must meet; several values of one key mean "any of"."""

    values: dict[str, tuple[str, ...]]

    @classmethod
    def parse(cls, pairs: Sequence[str]) -> Filters:
        values: dict[str, list[str]] = {}
        for pair in pairs:
            key, sep, value = pair.partition("=")
            key = key.strip().replace("-", "_")
            if not sep or not value.strip():
                raise FilterError(f"filter {pair!r} is not KEY=VALUE")
            if key not in FILTER_KEYS:
                raise FilterError(f"unknown filter {key!r}; known: {', '.join(FILTER_KEYS)}")
            values.setdefault(key, []).extend(v.strip() for v in value.split(",") if v.strip())
        return cls({k: tuple(v) for k, v in values.items()})

    def __bool__(self) -> bool:
        return bool(self.values)

    def _year_ok(self, year: int | None) -> bool:
        v = self.values
        try:
            if "year" in v and (year is None or str(year) not in v["year"]):
                return False
            if "year_from" in v and (year is None or year < int(v["year_from"][0])):
                return False
            if "year_to" in v and (year is None or year > int(v["year_to"][0])):
                return False
        except ValueError as exc:
            raise FilterError(f"year filters take whole years: {exc}") from exc
        return True

    def document_ok(self, doc: StoredDocument) -> bool:
        meta = doc.meta
        for key, wanted in self.values.items():
            wanted_l = {w.lower() for w in wanted}
            if key in LIST_KEYS:
                have = {x.lower() for x in getattr(meta, LIST_KEYS[key])}
                if key == "noe_domain" and meta.main_noe_domain:
                    have.add(meta.main_noe_domain.lower())
                if not have & wanted_l:
                    return False
            elif key == "format":
                if doc.format.lower() not in wanted_l:
                    return False
            elif key in SCALAR_KEYS:
                value = str(getattr(meta, key) or "").lower()
                if not any(w == value or (key == "publisher" and w in value) for w in wanted_l):
                    return False
        return self._year_ok(meta.year)

    def mask(
        self,
        chunk_doc_ids: Sequence[str],
        chunk_entity_slugs: Sequence[frozenset[str]],
        chunk_theme_ids: Sequence[int | None],
        documents: dict[str, StoredDocument],
    ) -> np.ndarray:
        """Boolean row mask over chunks."""
        doc_ok = {doc_id: self.document_ok(doc) for doc_id, doc in documents.items()}
        mask = np.array([doc_ok.get(d, False) for d in chunk_doc_ids], dtype=bool)
        if "country" in self.values:
            wanted = {w.lower().replace(" ", "-") for w in self.values["country"]}
            mask &= np.array([bool(s & wanted) for s in chunk_entity_slugs], dtype=bool)
        if "theme" in self.values:
            try:
                wanted_ids = {int(t) for t in self.values["theme"]}
            except ValueError as exc:
                raise FilterError("theme filter takes theme ids (see themes.json)") from exc
            mask &= np.array([t in wanted_ids for t in chunk_theme_ids], dtype=bool)
        return mask
