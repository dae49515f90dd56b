"""spaCy, imported without torch.

spaCy's thinc imports torch when it is installed (2.3-2.7 s here), only to offer torch layers
that a blank pipeline with a sentencizer and an EntityRuler never uses, and the product embeds
with ONNX Runtime. Every process that chunks or splits sentences paid that start-up, so spaCy is
imported here with torch hidden; thinc then records that torch is absent, and a later
``import torch`` (the torch embedding backend, the ONNX export) works as usual.
"""

from __future__ import annotations

import sys


def _import_spacy_without_torch() -> None:
    if "spacy" in sys.modules or "torch" in sys.modules:
        return  # too late, or torch is loaded already and costs nothing more
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import spacy  # noqa: F401
    finally:
        del sys.modules["torch"]


_import_spacy_without_torch()

import spacy  # noqa: E402
from spacy.language import Language  # noqa: E402
from spacy.tokens import Doc, Span  # noqa: E402

__all__ = ["Doc", "Language", "Span", "spacy"]
