"""Language identification, restricted to the languages of EU documents for Latin, Greek and
Cyrillic text; text mostly in another script (Arabic, Chinese, ...) is labelled with its own
language instead."""

from __future__ import annotations

import logging
import os
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from ..config import PROJECT_ROOT

MODEL_CACHE = PROJECT_ROOT / ".cache" / "langid"
log = logging.getLogger(__name__)

EU_LANGUAGES = (
    "bg", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr", "hu", "it",
    "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv", "no", "is",
)  # fmt: skip
MIN_CHARS = 40


def _unpacked_model(cache_dir: Path) -> Path:
    """py3langid's model (an npz file inside xz) unpacked once into ``cache_dir``, by the
    packed file's size and time: unpacking 68 MB took 0.44 s of every process that identifies
    a language; reading the unpacked file takes about 0.08 s."""
    from py3langid.langid import MODEL_DIR, MODEL_FILE

    packed = MODEL_DIR / MODEL_FILE
    stat = packed.stat()
    target = cache_dir / f"model-{stat.st_size}-{stat.st_mtime_ns}.npz"
    if target.is_file():
        return target
    import lzma
    import shutil

    cache_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache_dir, prefix="model", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(packed) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)  # a reader never sees half a file
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _load_identifier(cache_dir: Path | None) -> Any:
    """py3langid's identifier, from the unpacked model when it can be (else as py3langid
    loads it): the same arrays as ``py3langid.modelio.load_model`` gives."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    if cache_dir is not None:
        try:
            import numpy as np
            from py3langid.modelio import _to_array

            with np.load(_unpacked_model(cache_dir), allow_pickle=False) as data:
                return LanguageIdentifier(
                    data["ptc"], data["pc"], data["classes"].tolist(),
                    _to_array(data["nextmove"]), data["out_feat"].tolist(),
                    norm_probs=True, tk_row=_to_array(data["nextmove_row"]),
                )  # fmt: skip
        except (OSError, ImportError, KeyError, TypeError, ValueError) as exc:
            log.warning("language model cache not used (%s); loading it packed", exc)
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _identifier(restricted: bool = True, cache_dir: Path | None = MODEL_CACHE) -> Any:
    ident = _load_identifier(cache_dir)
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
