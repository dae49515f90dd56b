"""The spaCy pipeline: a blank English tokenizer, a rule-based sentencizer and a taxonomy EntityRuler.

No statistical model is needed, so nothing is downloaded. Multi-word and lower-case terms match
case-insensitively; acronyms and short names (``AI``, ``IT``, ``AYA``, ``ERN``) match exactly, so
that the English pronoun "it" is never an IT system.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language

from .taxonomy import Taxonomy, load_taxonomy

MAX_DOC_CHARS = 2_000_000


def _is_case_sensitive(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    upper_inside = any(c.isupper() for c in letters[1:])
    return upper_inside or len(term) <= 4


def entity_patterns(nlp: Language, taxonomy: Taxonomy) -> list[dict]:
    """Token patterns for every taxonomy phrase; the pattern id is the entry's slug."""
    patterns: list[dict] = []
    seen: set[tuple[str, str, str]] = set()
    for entry in taxonomy.all_terms():
        for term in (entry.name, *entry.terms):
            key = (entry.label, entry.slug, term if _is_case_sensitive(term) else term.lower())
            if key in seen:
                continue
            seen.add(key)
            attr = "ORTH" if _is_case_sensitive(term) else "LOWER"
            tokens = [t.text if attr == "ORTH" else t.lower_ for t in nlp.make_doc(term)]
            patterns.append(
                {"label": entry.label, "id": entry.slug, "pattern": [{attr: t} for t in tokens]}
            )
    return patterns


def build_nlp(taxonomy: Taxonomy | None = None) -> Language:
    """A fresh pipeline: tokenizer, sentencizer and an EntityRuler fed by the taxonomy."""
    taxonomy = taxonomy or load_taxonomy()
    nlp = spacy.blank("en")
    nlp.max_length = MAX_DOC_CHARS
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(entity_patterns(nlp, taxonomy))
    return nlp


@cache
def default_nlp() -> Language:
    """The shared pipeline over the bundled taxonomy (built once per process)."""
    return build_nlp()
