from jane_synth.chunking import Chunker
from jane_synth.store import Store
from tests.store.factories import outcome, parsed


def test_fts5_table_answers_sql_full_text_queries(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        d = parsed("1" * 64, "a.md")
        store.record(outcome("a.md", d.doc_id), d.doc_id, d)
        store.replace_chunks(d.doc_id, list(Chunker().chunk_documents([d])))
        rows = store.conn.execute(
            "SELECT c.text FROM chunks_fts f JOIN chunks c ON c.rowid = f.rowid WHERE chunks_fts MATCH 'approve'"
        ).fetchall()
        assert len(rows) == 1  # porter stemming: "approve" matches "approves"
        store.replace_chunks(d.doc_id, [])
        assert (
            store.conn.execute(
                "SELECT count(*) FROM chunks_fts WHERE chunks_fts MATCH 'approve'"
            ).fetchone()[0]
            == 0
        )
