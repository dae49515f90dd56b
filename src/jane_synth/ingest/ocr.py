"""OCR of scanned pages with the Tesseract command line (Debian package ``tesseract-ocr``).

Nothing here is required: without ``tesseract`` on the PATH, pages without a text layer are
reported as such. The images a page draws are taken from the PDF itself (pypdf decodes them
with Pillow) and passed to ``tesseract stdin stdout``; no renderer is needed.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from functools import cache
from typing import Any

ENV_OCR_LANGS = "JANE_OCR_LANGS"
"""Tesseract languages to use, e.g. ``eng+fra+deu`` (default: ``eng``)."""
MIN_SIDE_PX = 32
TIMEOUT_S = 120


def tesseract_path() -> str | None:
    """The ``tesseract`` executable, or None when it is not installed."""
    return shutil.which("tesseract")


@cache
def _installed_languages(exe: str) -> frozenset[str]:
    try:
        out = subprocess.run(
            [exe, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(line.strip() for line in out.splitlines()[1:] if line.strip())


def ocr_languages(exe: str) -> str:
    """The requested languages that are installed, joined with ``+`` (``eng`` as a fallback)."""
    wanted = os.environ.get(ENV_OCR_LANGS, "eng").split("+")
    installed = _installed_languages(exe)
    usable = [lang for lang in wanted if lang in installed]
    return "+".join(usable) or ("eng" if "eng" in installed else next(iter(installed), "eng"))


def ocr_image(image: Any, exe: str | None = None) -> str:
    """Text in a PIL image, or an empty string when Tesseract is missing or fails."""
    exe = exe or tesseract_path()
    if exe is None or min(image.size) < MIN_SIDE_PX:
        return ""
    image = image.convert("L")
    if image.width < 1200:  # Tesseract reads small scans better when they are enlarged
        factor = min(3.0, 1600 / image.width)
        image = image.resize((int(image.width * factor), int(image.height * factor)))
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    try:
        done = subprocess.run(
            [exe, "stdin", "stdout", "-l", ocr_languages(exe)],
            input=buf.getvalue(),
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
            env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one core per ingest worker
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else ""


def ocr_page_images(page: Any, drawn: list[str]) -> str:
    """OCR text of the images ``page`` draws (XObject names like ``/Im0``), in drawing order."""
    exe = tesseract_path()
    if exe is None:
        return ""
    texts: list[str] = []
    try:
        images = page.images
        keys = list(images.keys())
    except Exception:
        return ""
    wanted = [name for name in dict.fromkeys(drawn) if name]
    chosen = [k for name in wanted for k in keys if k == name or k.endswith(name)]
    if "" in drawn:  # inline images, which pypdf names ~0~, ~1~, ...
        chosen += [k for k in keys if k.startswith("~")]
    for key in dict.fromkeys(chosen):
        try:
            image = images[key].image
        except Exception:
            continue
        if image is not None:
            texts.append(ocr_image(image, exe).strip())
    return "\n\n".join(t for t in texts if t)
