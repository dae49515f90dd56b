"""Language identification, restricted to the languages of EU documents for Latin, Greek and
Cyrillic text; text mostly in another script (Arabic, Chinese, ...) is labelled with its own
language instead."""

from __future__ import annotations

from functools import cache
from typing import Any

EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it",
    "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "no", "is",
)  # fmt: skip
MIN_CHARS = 40


@cache
def _identifier(restricted: bool = True) -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if restricted:
        ident.set_languages([lang for lang in EU_LANGUAGES if lang != "ga"])
    return ident


def _european_script(ch: str) -> bool:
    code = ord(ch)
    return (
        code < 0x250  # Latin, Latin-1, Latin Extended-A/B
        or 0x370 <= code < 0x530  # Greek, Cyrillic
        or 0x1E00 <= code < 0x2000  # Latin Extended Additional, Greek Extended
    )


def european_script_share(text: str) -> float:
    """Share of letters written in the Latin, Greek or Cyrillic script."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 1.0
    return sum(map(_european_script, letters)) / len(letters)


def detect_language(
    text: str, default: str = "und", min_chars: int = MIN_CHARS, min_confidence: float = 0.0
) -> str:
    """ISO 639-1 code of ``text``; ``default`` when it is too short or the guess too unsure."""
    sample = " ".join(text.split())[:5000]
    if len(sample) < min_chars:
        return default
    restricted = european_script_share(sample) >= 0.5
    lang, prob = _identifier(restricted).classify(sample)
    return str(lang) if prob >= min_confidence else default
