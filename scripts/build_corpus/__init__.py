"""Render the generated documents of the bundled corpus and keep its metadata in step.

Every ``corpus/_sources/<name>.md`` (YAML front matter plus the small Markdown subset described
in corpus/README.md) becomes ``corpus/<name>.pdf`` (reportlab) or ``corpus/<name>.docx``
(python-docx), with a metadata sidecar ``corpus/<name>.<ext>.meta.yaml``. The build is
deterministic: the same sources give byte-identical files. The document table of
``corpus/README.md`` (between the ``corpus-table`` markers) is regenerated as well.

Usage (from the repository root)::

    python scripts/build_corpus            # build everything, verify the PDF text round-trip
    python scripts/build_corpus --check    # exit 1 if any output is missing or out of date
    python scripts/build_corpus --only NAME [--only NAME ...]
    python -m scripts.build_corpus --corpus DIR

Modules: ``markup`` (the parser), ``source`` (a parsed source), ``pdf/`` and ``docx``
(renderers), ``sidecars``, ``readme_table``, ``build`` (build and check), ``cli``. Front matter,
sidecars, taxonomy, document types, suffixes and discovery come from ``jane_synth``.
"""

from __future__ import annotations

from .build import Built, Report, build, check
from .cli import main
from .discovery import discover_documents, list_documents, source_files
from .metadata import CorpusError, load_metadata
from .source import Source, read_source
from .validation import metadata_problems, taxonomy_slugs
from .words import document_words, normalise

__all__ = [
    "Built",
    "CorpusError",
    "Report",
    "Source",
    "build",
    "check",
    "discover_documents",
    "document_words",
    "list_documents",
    "load_metadata",
    "main",
    "metadata_problems",
    "normalise",
    "read_source",
    "source_files",
    "taxonomy_slugs",
]
