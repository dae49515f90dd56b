"""Language identification restricted to the languages of EU documents."""

from __future__ import annotations

from functools import cache

EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it",
    "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "no", "is",
)  # fmt: skip
MIN_CHARS = 40


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([lang for lang in EU_LANGUAGES if lang != "ga"])
    return ident


def detect_language(text: str, default: str = "und") -> str:
    """ISO 639-1 code of ``text``; ``default`` when it is too short to tell."""
    sample = " ".join(text.split())[:5000]
    if len(sample) < MIN_CHARS:
        return default
    lang, _prob = _identifier().classify(sample)
    return str(lang)
