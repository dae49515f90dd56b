"""Files and documents: what each corpus file became, and the documents with their pages."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from ..records import IngestOutcome, Page, ParsedDocument
from .backend import Connection
from .base import StoreBase
from .rows import StoredDocument, document_from_row

_MAX_SQLITE_INT = 2**63 - 1
FILE_COLUMNS = (
    "path", "sha256", "status", "reason", "pages", "chars", "language", "doc_id", "kept_doc_id",
    "parser",
)  # fmt: skip


def _has_document(conn: Connection, doc_id: str) -> bool:
    row = conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    return row is not None


def _insert_document(conn: Connection, doc: ParsedDocument) -> None:
    m = doc.meta
    conn.execute(
        "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL)",
        (doc.doc_id, doc.path, doc.source_format, m.title, m.publisher, m.year, m.doc_type,
         m.language, json.dumps(m.networks), json.dumps(m.noe_domains), m.main_noe_domain,
         json.dumps(m.dimensions), json.dumps(m.sources), m.version, len(doc.pages),
         doc.n_chars),
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO pages VALUES (?,?,?)", [(doc.doc_id, p.number, p.text) for p in doc.pages]
    )


def _drop_document(conn: Connection, doc_id: str) -> None:
    conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))  # pages go with it


def _drop_unreferenced_document(conn: Connection, doc_id: str) -> None:
    if not conn.execute(
        "SELECT 1 FROM files WHERE doc_id = ? OR kept_doc_id = ?", (doc_id, doc_id)
    ).fetchone():
        _drop_document(conn, doc_id)


def _keeping_previous(outcome: IngestOutcome) -> IngestOutcome:
    return IngestOutcome(
        outcome.path, outcome.status, f"{outcome.reason}; the previous version stays in the index",
        outcome.pages, outcome.chars, outcome.language, outcome.doc_id,
    )  # fmt: skip


class DocumentsPart(StoreBase):
    """The ``files``, ``documents`` and ``pages`` tables."""

    def file_hashes(self) -> dict[str, str]:
        """``path -> sha256`` of every file with a stored outcome."""
        return {r["path"]: r["sha256"] for r in self.conn.execute("SELECT path, sha256 FROM files")}

    def file_parsers(self) -> dict[str, str]:
        """``path -> version of the parser`` that read each stored file ("" before versions
        were kept)."""
        return {r["path"]: r["parser"] for r in self.conn.execute("SELECT path, parser FROM files")}

    def outcomes(self) -> list[IngestOutcome]:
        """The stored outcome of every file, in path order."""
        rows = self.conn.execute(
            "SELECT path, status, reason, pages, chars, language, doc_id FROM files ORDER BY path"
        )
        return [IngestOutcome(*tuple(r)) for r in rows]

    def record(
        self, outcome: IngestOutcome, sha256: str, parsed: ParsedDocument | None,
        parser: str = "",
    ) -> IngestOutcome:  # fmt: skip
        """Store one file's outcome and, when it was ingested, its document and pages;
        ``parser`` is the version of ingestion that read it.

        A bad new version of a file never removes what was stored: when a file that had a
        document comes back quarantined, its previous document stays in the index (and the
        outcome says so) until the file is fixed or removed. The same file read again by
        another parser version replaces its document (pages and chunks). Returns the outcome as
        stored.
        """
        with self.transaction() as conn:
            old = conn.execute(
                "SELECT doc_id, kept_doc_id, parser FROM files WHERE path = ?", (outcome.path,)
            ).fetchone()
            earlier = [d for d in (old["kept_doc_id"], old["doc_id"]) if d] if old else []
            previous = next((d for d in earlier if _has_document(conn, d)), None)
            kept = None
            if outcome.status == "quarantined" and previous:
                kept = previous
                outcome = _keeping_previous(outcome)
            conn.execute(
                self.dialect.upsert("files", FILE_COLUMNS, ("path",)),
                (outcome.path, sha256, outcome.status, outcome.reason, outcome.pages,
                 outcome.chars, outcome.language, outcome.doc_id, kept, parser),
            )  # fmt: skip
            reread = old is not None and old["doc_id"] == outcome.doc_id and old["parser"] != parser
            if parsed is not None and reread and _has_document(conn, parsed.doc_id):
                _drop_document(conn, parsed.doc_id)
            if parsed is not None and not _has_document(conn, parsed.doc_id):
                _insert_document(conn, parsed)
            for doc_id in earlier:
                if doc_id not in (outcome.doc_id, kept):
                    _drop_unreferenced_document(conn, doc_id)
        return outcome

    def remove_files(self, paths: Iterable[str]) -> int:
        """Forget files that left the corpus, with their documents, pages and chunks."""
        removed = 0
        for path in paths:
            with self.transaction() as conn:
                row = conn.execute(
                    "SELECT doc_id, kept_doc_id FROM files WHERE path = ?", (path,)
                ).fetchone()
                if row is None:
                    continue
                conn.execute("DELETE FROM files WHERE path = ?", (path,))
                for doc_id in {row["doc_id"], row["kept_doc_id"]} - {None, ""}:
                    _drop_unreferenced_document(conn, doc_id)
                removed += 1
        return removed

    def documents(self, *, include_superseded: bool = True) -> list[StoredDocument]:
        """Every document in path order (without older versions, if asked)."""
        sql = "SELECT * FROM documents"
        if not include_superseded:
            sql += " WHERE superseded_by IS NULL"
        return [document_from_row(r) for r in self.conn.execute(sql + " ORDER BY path")]

    def document(self, doc_id: str) -> StoredDocument | None:
        """One document, or None."""
        row = self.conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return document_from_row(row) if row else None

    def pages(self, doc_id: str) -> list[Page]:
        """A document's pages in order."""
        rows = self.conn.execute(
            "SELECT page, text FROM pages WHERE doc_id = ? ORDER BY page", (doc_id,)
        )
        return [Page(r["page"], r["text"]) for r in rows]

    def page_text(self, doc_id: str, page: int) -> str | None:
        """The text of one page, or None (also for a number no page can have)."""
        if not 0 < page <= _MAX_SQLITE_INT:
            return None
        row = self.conn.execute(
            "SELECT text FROM pages WHERE doc_id = ? AND page = ?", (doc_id, page)
        ).fetchone()
        return row["text"] if row else None

    def parsed_document(self, doc_id: str) -> ParsedDocument:
        """A stored document as the chunker takes it."""
        doc = self.document(doc_id)
        if doc is None:
            raise KeyError(doc_id)
        return ParsedDocument(doc.doc_id, doc.path, doc.format, doc.meta, self.pages(doc_id))

    def set_superseded(self, mapping: Mapping[str, str | None]) -> None:
        """Mark older versions: ``doc_id -> doc_id of the newer version`` (None clears)."""
        with self.transaction() as conn:
            conn.execute("UPDATE documents SET superseded_by = NULL")
            conn.executemany(
                "UPDATE documents SET superseded_by = ? WHERE doc_id = ?",
                [(newer, old) for old, newer in mapping.items()],
            )
