"""The database schema, its migrations and the connection settings."""

from __future__ import annotations

import sqlite3
from pathlib import Path

SCHEMA_VERSION = 4
# Before version 4 every vector was made by sentence-transformers on torch.
LEGACY_BACKEND = "torch"

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    pages INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    language TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    kept_doc_id TEXT,
    parser TEXT NOT NULL DEFAULT ''
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
CREATE TABLE IF NOT EXISTS vector_backends (
    model TEXT PRIMARY KEY,
    backend TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS themes (
    theme_id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    keyphrases TEXT NOT NULL,
    size INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    representatives TEXT NOT NULL,
    parent INTEGER,
    centroid BLOB
);
CREATE TABLE IF NOT EXISTS chunk_themes (
    chunk_id TEXT PRIMARY KEY,
    theme_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS stage_inputs (
    stage TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    parts TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE IF NOT EXISTS sentence_vectors (
    text_hash TEXT NOT NULL,
    model TEXT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (text_hash, model)
);
CREATE TABLE IF NOT EXISTS passage_sentences (
    text_hash TEXT NOT NULL,
    splitter TEXT NOT NULL,
    spans TEXT NOT NULL,
    PRIMARY KEY (text_hash, splitter)
);
CREATE TABLE IF NOT EXISTS sentence_verdicts (
    text_hash TEXT NOT NULL,
    rules TEXT NOT NULL,
    reason TEXT,
    PRIMARY KEY (text_hash, rules)
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

# Columns added after the first schema version: table -> column -> type.
ADDED_COLUMNS = {
    "files": {"kept_doc_id": "TEXT", "parser": "TEXT NOT NULL DEFAULT ''"},
    "stage_inputs": {"parts": "TEXT NOT NULL DEFAULT '{}'"},
    "chunks": {"language": "TEXT NOT NULL DEFAULT ''"},
    "themes": {"parent": "INTEGER", "centroid": "BLOB"},
}

COUNTED_TABLES = frozenset({"files", "documents", "pages", "chunks", "embeddings", "themes"})


def connect(path: Path | str) -> sqlite3.Connection:
    """Open (and create or migrate) the database at ``path`` (``":memory:"`` for a scratch one)."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(str(path))
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    if not conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchone():
        # Only a new, empty database can take this without a VACUUM: freed pages can then be
        # given back to the file system after documents are removed.
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    conn.execute("PRAGMA journal_mode = WAL")
    # A reader (search, the web page) may meet a run's write transaction: wait, don't fail.
    conn.execute("PRAGMA busy_timeout = 30000")
    before = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.executescript(SCHEMA)
    add_missing_columns(conn)
    if 0 < before < 4:
        label_legacy_vectors(conn)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return conn


def add_missing_columns(conn: sqlite3.Connection) -> None:
    """Bring a database written by an older schema version up to date."""
    for table, columns in ADDED_COLUMNS.items():
        have = {r["name"] for r in conn.execute(f"PRAGMA table_info({table})")}
        for name, kind in columns.items():
            if name not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


def label_legacy_vectors(conn: sqlite3.Connection) -> None:
    """Record the backend of vectors written before backends were recorded: torch."""
    conn.execute(
        "INSERT OR IGNORE INTO vector_backends SELECT DISTINCT model, ? FROM embeddings",
        (LEGACY_BACKEND,),
    )
    conn.commit()
