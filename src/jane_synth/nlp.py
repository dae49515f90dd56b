"""The spaCy pipeline: a blank English tokenizer, a rule-based sentencizer and a taxonomy EntityRuler.

No statistical model is needed, so nothing is downloaded. Multi-word and lower-case terms match
case-insensitively; acronyms and short names (``AI``, ``IT``, ``AYA``, ``ERN``) match exactly, so
that the English pronoun "it" is never an IT system.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from .spacy_import import Doc, Language, spacy
from .taxonomy import Taxonomy, load_taxonomy

MAX_DOC_CHARS = 2_000_000
"""spaCy refuses longer texts (E088); nothing longer than ``WINDOW_CHARS`` is ever passed."""
WINDOW_CHARS = 100_000
"""Long pages are split into windows of at most this many characters before spaCy sees them."""
_BREAKS = ("\n\n", "\n", ". ", " ")


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end a window that may not pass ``limit``: after the last paragraph break, else
    line break, sentence end or space in its second half; at ``limit`` when there is none."""
    for sep in _BREAKS:
        i = text.rfind(sep, start + (limit - start) // 2, limit)
        if i >= 0:
            return i + len(sep)
    return limit


def text_windows(text: str, size: int = WINDOW_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` windows of at most ``size`` characters that together are ``text``.

    A text no longer than ``size`` is one window, so short pages are split exactly as before.
    """
    start = 0
    while len(text) - start > size:
        end = _cut(text, start, start + size)
        yield start, text[start:end]
        start = end
    yield start, text[start:]


def _is_case_sensitive(term: str) -> bool:
    letters = [c for c in term if c.isalpha()]
    upper_inside = any(c.isupper() for c in letters[1:])
    return upper_inside or len(term) <= 4


def entity_patterns(nlp: Language, taxonomy: Taxonomy) -> list[dict[str, Any]]:
    """Token patterns for every taxonomy phrase; the pattern id is the entry's slug."""
    patterns: list[dict[str, Any]] = []
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
    ruler: Any = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True})
    ruler.add_patterns(entity_patterns(nlp, taxonomy))
    return nlp


@cache
def default_nlp() -> Language:
    """The shared pipeline over the bundled taxonomy (built once per process)."""
    return build_nlp()


def sentence_doc(text: str) -> Doc:
    """``text`` tokenised and split into sentences by the shared pipeline's sentencizer only.

    The sentence boundaries are those of the whole pipeline (the EntityRuler after it sets no
    boundaries); callers that already hold a chunk's entities skip the ruler's cost.
    """
    nlp = default_nlp()
    return nlp.get_pipe("sentencizer")(nlp.make_doc(text))
