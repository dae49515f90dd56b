"""``python scripts/build_corpus`` and ``python -m scripts.build_corpus``."""

import sys
from pathlib import Path

if not __package__:
    # Run as a folder: Python put this folder first on the path, where ``docx.py`` would hide
    # python-docx; import the package from the repository root instead.
    sys.path[0] = str(Path(__file__).resolve().parents[2])
    from scripts.build_corpus.cli import main
else:
    from .cli import main

sys.exit(main())
