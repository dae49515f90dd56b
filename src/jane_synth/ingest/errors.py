"""Why a file could not be ingested."""

from __future__ import annotations


class IngestError(Exception):
    """A file that cannot be ingested; ``reason`` is written for people."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason
