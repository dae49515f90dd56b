"""The embedded database: one SQLite file that holds files, documents, pages, chunks and vectors.

Analysts can open it with any SQLite client; ``chunks_fts`` is an FTS5 index over chunk text::

    SELECT d.title, c.page, c.text FROM chunks_fts f
      JOIN chunks c ON c.rowid = f.rowid JOIN documents d USING (doc_id)
     WHERE chunks_fts MATCH 'patient AND governance' ORDER BY bm25(chunks_fts) LIMIT 5;

Every change to one document happens in one transaction, so a failure while storing a file never
leaves half a document behind, nor removes what was stored before.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from .records import Chunk, DocumentMeta, Entity, IngestOutcome, Page, ParsedDocument, Theme

SCHEMA_VERSION = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    pages INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    language TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    kept_doc_id TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL,
    publisher TEXT NOT NULL,
    year INTEGER,
    doc_type TEXT NOT NULL,
    language TEXT NOT NULL,
    networks TEXT NOT NULL,
    noe_domains TEXT NOT NULL,
    main_noe_domain TEXT,
    dimensions TEXT NOT NULL,
    sources TEXT NOT NULL,
    version TEXT,
    n_pages INTEGER NOT NULL,
    n_chars INTEGER NOT NULL,
    superseded_by TEXT
);
CREATE TABLE IF NOT EXISTS pages (
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (doc_id, page)
);
CREATE TABLE IF NOT EXISTS chunks (
    rowid INTEGER PRIMARY KEY,
    chunk_id TEXT NOT NULL UNIQUE,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    page INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_hash TEXT NOT NULL,
    entities TEXT NOT NULL,
    language TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS chunks_doc ON chunks(doc_id, seq);
CREATE INDEX IF NOT EXISTS chunks_hash ON chunks(text_hash);
CREATE TABLE IF NOT EXISTS embeddings (
    text_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    dim INTEGER NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (text_hash, model)
);
CREATE TABLE IF NOT EXISTS themes (
    theme_id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    keyphrases TEXT NOT NULL,
    size INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    representatives TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunk_themes (
    chunk_id TEXT PRIMARY KEY,
    theme_id INTEGER NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS chunks_fts USING fts5(
    text, content='chunks', content_rowid='rowid', tokenize='porter unicode61'
);
CREATE TRIGGER IF NOT EXISTS chunks_ai AFTER INSERT ON chunks BEGIN
    INSERT INTO chunks_fts(rowid, text) VALUES (new.rowid, new.text);
END;
CREATE TRIGGER IF NOT EXISTS chunks_ad AFTER DELETE ON chunks BEGIN
    INSERT INTO chunks_fts(chunks_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
END;
"""


@dataclass(frozen=True)
class StoredDocument:
    """A document row: metadata plus where it came from."""

    doc_id: str
    path: str
    format: str
    meta: DocumentMeta
    n_pages: int
    n_chars: int
    superseded_by: str | None = None


def _meta_from_row(row: sqlite3.Row) -> DocumentMeta:
    return DocumentMeta(
        title=row["title"],
        publisher=row["publisher"],
        year=row["year"],
        doc_type=row["doc_type"],
        language=row["language"],
        networks=tuple(json.loads(row["networks"])),
        noe_domains=tuple(json.loads(row["noe_domains"])),
        main_noe_domain=row["main_noe_domain"],
        dimensions=tuple(json.loads(row["dimensions"])),
        sources=tuple(json.loads(row["sources"])),
        version=row["version"],
    )


def _document_from_row(r: sqlite3.Row) -> StoredDocument:
    return StoredDocument(
        r["doc_id"], r["path"], r["format"], _meta_from_row(r), r["n_pages"], r["n_chars"],
        r["superseded_by"],
    )  # fmt: skip


def _chunk_from_row(row: sqlite3.Row) -> Chunk:
    return Chunk(
        chunk_id=row["chunk_id"],
        doc_id=row["doc_id"],
        page=row["page"],
        start=row["start"],
        end=row["end"],
        seq=row["seq"],
        text=row["text"],
        text_hash=row["text_hash"],
        entities=tuple(Entity(*e) for e in json.loads(row["entities"])),
        language=row["language"],
    )


class Store:
    """A connection to the jane-synth database; creates the schema on first use."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path))
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA journal_mode = WAL")
        # A reader (search, the web page) may meet a run's write transaction: wait, don't fail.
        self.conn.execute("PRAGMA busy_timeout = 30000")
        self.conn.executescript(_SCHEMA)
        self._add_missing_columns()
        self.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _add_missing_columns(self) -> None:
        """Bring a database written by an older schema version up to date."""
        added = {
            "files": {"kept_doc_id": "TEXT"},
            "chunks": {"language": "TEXT NOT NULL DEFAULT ''"},
        }
        for table, columns in added.items():
            have = {r["name"] for r in self.conn.execute(f"PRAGMA table_info({table})")}
            for name, kind in columns.items():
                if name not in have:
                    self.conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.conn:
            yield self.conn

    # -- files and documents ------------------------------------------------------------------

    def file_hashes(self) -> dict[str, str]:
        """``path -> sha256`` of every file with a stored outcome."""
        return {r["path"]: r["sha256"] for r in self.conn.execute("SELECT path, sha256 FROM files")}

    def outcomes(self) -> list[IngestOutcome]:
        rows = self.conn.execute(
            "SELECT path, status, reason, pages, chars, language, doc_id FROM files ORDER BY path"
        )
        return [IngestOutcome(*tuple(r)) for r in rows]

    def record(
        self, outcome: IngestOutcome, sha256: str, parsed: ParsedDocument | None
    ) -> IngestOutcome:
        """Store one file's outcome and, when it was ingested, its document and pages.

        A bad new version of a file never removes what was stored: when a file that had a
        document comes back quarantined, its previous document stays in the index (and the
        outcome says so) until the file is fixed or removed. Returns the outcome as stored.
        """
        with self.transaction() as conn:
            old = conn.execute(
                "SELECT doc_id, kept_doc_id FROM files WHERE path = ?", (outcome.path,)
            ).fetchone()
            earlier = (
                [d for d in (old["kept_doc_id"], old["doc_id"]) if d] if old is not None else []
            )
            previous = next((d for d in earlier if self._has_document(conn, d)), None)
            kept = None
            if outcome.status == "quarantined" and previous and self._has_document(conn, previous):
                kept = previous
                outcome = IngestOutcome(
                    outcome.path, outcome.status,
                    f"{outcome.reason}; the previous version stays in the index",
                    outcome.pages, outcome.chars, outcome.language, outcome.doc_id,
                )  # fmt: skip
            conn.execute(
                "INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?)",
                (outcome.path, sha256, outcome.status, outcome.reason, outcome.pages,
                 outcome.chars, outcome.language, outcome.doc_id, kept),
            )  # fmt: skip
            if parsed is not None and not self._has_document(conn, parsed.doc_id):
                self._insert_document(conn, parsed)
            for doc_id in earlier:
                if doc_id not in (outcome.doc_id, kept):
                    self._drop_unreferenced_document(conn, doc_id)
        return outcome

    @staticmethod
    def _has_document(conn: sqlite3.Connection, doc_id: str) -> bool:
        return (
            conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
            is not None
        )

    def _insert_document(self, conn: sqlite3.Connection, doc: ParsedDocument) -> None:
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

    def _drop_unreferenced_document(self, conn: sqlite3.Connection, doc_id: str) -> None:
        if not conn.execute(
            "SELECT 1 FROM files WHERE doc_id = ? OR kept_doc_id = ?", (doc_id, doc_id)
        ).fetchone():
            conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
            conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))

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
                    self._drop_unreferenced_document(conn, doc_id)
                removed += 1
        return removed

    def documents(self, *, include_superseded: bool = True) -> list[StoredDocument]:
        sql = "SELECT * FROM documents"
        if not include_superseded:
            sql += " WHERE superseded_by IS NULL"
        return [_document_from_row(r) for r in self.conn.execute(sql + " ORDER BY path")]

    def document(self, doc_id: str) -> StoredDocument | None:
        row = self.conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        return _document_from_row(row) if row else None

    def pages(self, doc_id: str) -> list[Page]:
        rows = self.conn.execute(
            "SELECT page, text FROM pages WHERE doc_id = ? ORDER BY page", (doc_id,)
        )
        return [Page(r["page"], r["text"]) for r in rows]

    def page_text(self, doc_id: str, page: int) -> str | None:
        row = self.conn.execute(
            "SELECT text FROM pages WHERE doc_id = ? AND page = ?", (doc_id, page)
        ).fetchone()
        return row["text"] if row else None

    def parsed_document(self, doc_id: str) -> ParsedDocument:
        doc = self.document(doc_id)
        if doc is None:
            raise KeyError(doc_id)
        return ParsedDocument(doc.doc_id, doc.path, doc.format, doc.meta, self.pages(doc_id))

    def set_superseded(self, mapping: dict[str, str | None]) -> None:
        """Mark older versions: ``doc_id -> doc_id of the newer version`` (None clears)."""
        with self.transaction() as conn:
            conn.execute("UPDATE documents SET superseded_by = NULL")
            conn.executemany(
                "UPDATE documents SET superseded_by = ? WHERE doc_id = ?",
                [(newer, old) for old, newer in mapping.items()],
            )

    # -- chunks -------------------------------------------------------------------------------

    def documents_without_chunks(self) -> list[str]:
        rows = self.conn.execute(
            "SELECT doc_id FROM documents d WHERE NOT EXISTS "
            "(SELECT 1 FROM chunks c WHERE c.doc_id = d.doc_id) ORDER BY path"
        )
        return [r["doc_id"] for r in rows]

    def replace_chunks(self, doc_id: str, chunks: Sequence[Chunk]) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
            conn.executemany(
                "INSERT INTO chunks (chunk_id, doc_id, page, start, end, seq, text, text_hash, "
                "entities, language) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (c.chunk_id, c.doc_id, c.page, c.start, c.end, c.seq, c.text, c.text_hash,
                     json.dumps([list(asdict(e).values()) for e in c.entities]), c.language)
                    for c in chunks
                ],
            )  # fmt: skip

    def chunks(self, doc_ids: Sequence[str] | None = None) -> list[Chunk]:
        """All chunks in a stable order (document path, then position)."""
        sql = "SELECT c.* FROM chunks c JOIN documents d USING (doc_id)"
        params: tuple = ()
        if doc_ids is not None:
            sql += f" WHERE c.doc_id IN ({','.join('?' * len(doc_ids))})"
            params = tuple(doc_ids)
        rows = self.conn.execute(sql + " ORDER BY d.path, c.seq", params)
        return [_chunk_from_row(r) for r in rows]

    def count(self, table: str) -> int:
        if table not in {"files", "documents", "pages", "chunks", "embeddings", "themes"}:
            raise ValueError(table)
        return self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    # -- embeddings ---------------------------------------------------------------------------

    def texts_missing_embeddings(self, model: str) -> list[tuple[str, str]]:
        """``(text_hash, text)`` of chunk texts that have no vector for ``model`` yet."""
        rows = self.conn.execute(
            "SELECT c.text_hash, MIN(c.text) AS text FROM chunks c LEFT JOIN embeddings e "
            "ON e.text_hash = c.text_hash AND e.model = ? WHERE e.text_hash IS NULL "
            "GROUP BY c.text_hash ORDER BY c.text_hash",
            (model,),
        )
        return [(r["text_hash"], r["text"]) for r in rows]

    def put_embeddings(self, model: str, hashes: Sequence[str], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        with self.transaction() as conn:
            conn.executemany(
                "INSERT OR REPLACE INTO embeddings VALUES (?,?,?,?)",
                [
                    (h, model, vectors.shape[1], v.tobytes())
                    for h, v in zip(hashes, vectors, strict=True)
                ],
            )

    def chunk_vectors(self, model: str) -> tuple[list[str], np.ndarray]:
        """Chunk ids and their vectors (one row per chunk), in the order of :meth:`chunks`."""
        rows = self.conn.execute(
            "SELECT c.chunk_id, e.dim, e.vector FROM chunks c JOIN documents d USING (doc_id) "
            "JOIN embeddings e ON e.text_hash = c.text_hash AND e.model = ? "
            "ORDER BY d.path, c.seq",
            (model,),
        ).fetchall()
        if not rows:
            return [], np.zeros((0, 0), dtype=np.float32)
        matrix = np.frombuffer(b"".join(r["vector"] for r in rows), dtype=np.float32)
        return [r["chunk_id"] for r in rows], matrix.reshape(len(rows), rows[0]["dim"])

    def prune_embeddings(self) -> int:
        """Drop vectors whose text no chunk has any more."""
        with self.transaction() as conn:
            cur = conn.execute(
                "DELETE FROM embeddings WHERE text_hash NOT IN (SELECT text_hash FROM chunks)"
            )
            return cur.rowcount

    # -- themes -------------------------------------------------------------------------------

    def replace_themes(self, themes: Sequence[Theme], assignment: dict[str, int]) -> None:
        with self.transaction() as conn:
            conn.execute("DELETE FROM themes")
            conn.execute("DELETE FROM chunk_themes")
            conn.executemany(
                "INSERT INTO themes VALUES (?,?,?,?,?,?)",
                [
                    (t.theme_id, t.label, json.dumps(t.keyphrases), t.size, t.n_documents,
                     json.dumps(t.representative_chunk_ids))
                    for t in themes
                ],
            )  # fmt: skip
            conn.executemany("INSERT INTO chunk_themes VALUES (?,?)", sorted(assignment.items()))

    def themes(self) -> list[Theme]:
        rows = self.conn.execute("SELECT * FROM themes ORDER BY theme_id")
        return [
            Theme(r["theme_id"], r["label"], tuple(json.loads(r["keyphrases"])), r["size"],
                  r["n_documents"], tuple(json.loads(r["representatives"])))
            for r in rows
        ]  # fmt: skip

    def chunk_theme_ids(self) -> dict[str, int]:
        return {
            r[0]: r[1] for r in self.conn.execute("SELECT chunk_id, theme_id FROM chunk_themes")
        }
