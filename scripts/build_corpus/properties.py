"""Document properties both renderers write: subject, keywords, page labels, generator name."""

from __future__ import annotations

from typing import Any

# Written into every output (PDF creator, sidecar header, README table comment). It still names
# the single-file script: changing it would rewrite every committed PDF and sidecar.
GENERATOR = "scripts/build_corpus.py"

PAGE_LABELS = {
    "en": "Page {n} of {total}",
    "fr": "Page {n} sur {total}",
    "de": "Seite {n} von {total}",
    "it": "Pagina {n} di {total}",
    "es": "Página {n} de {total}",
}


def page_template(language: str) -> str:
    """The "Page {n} of {total}" pattern of a language (English when unknown)."""
    return PAGE_LABELS.get(language, PAGE_LABELS["en"])


def subject(meta: dict[str, Any]) -> str:
    """The subject property: the document type and its main NoE domain."""
    doc_type = str(meta.get("doc_type", ""))
    main = meta.get("main_noe_domain")
    return f"{doc_type}: {main}" if main else doc_type


def keywords(meta: dict[str, Any]) -> list[str]:
    """The keywords property: the NoE domains, dimensions and networks."""
    words: list[str] = []
    for key in ("noe_domains", "dimensions", "networks"):
        values = meta.get(key) or []
        if isinstance(values, list):
            words.extend(str(v) for v in values)
    return words
