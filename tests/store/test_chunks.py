from jane_synth.chunking import Chunker
from jane_synth.records import Page, ParsedDocument
from jane_synth.store import Store
from tests.store.factories import outcome, parsed


def _stored(store, doc):
    store.record(outcome(doc.path, doc.doc_id), doc.doc_id, doc)
    store.replace_chunks(doc.doc_id, list(Chunker().chunk_documents([doc])))


def test_full_text_search_stems_needs_every_word_and_follows_the_chunks(store_location):
    with Store(store_location) as store:
        d = parsed("1" * 64, "a.md")
        _stored(store, d)
        (chunk,) = store.chunks()
        assert store.match_chunks("approve") == [chunk.chunk_id]  # stemmed: "approves"
        assert store.match_chunks("network centres") == [chunk.chunk_id]
        assert store.match_chunks("approve unicorns") == []  # every word must occur
        assert store.match_chunks("  ,;  ") == []
        assert store.match_chunks('"approve* (') == [chunk.chunk_id]  # no query syntax
        store.replace_chunks(d.doc_id, [])
        assert store.match_chunks("approve") == []


def test_full_text_search_ranks_the_chunk_that_says_it_most_first(store_location):
    with Store(store_location) as store:
        once = "Patient representatives sit on the board. The budget is fixed each year."
        often = "Patient representatives and patient groups: patient advocates vote."
        for n, text in enumerate((once, often), start=1):
            doc = ParsedDocument(str(n) * 64, f"{n}.md", "markdown", parsed("x", "x").meta,
                                 [Page(1, text)])  # fmt: skip
            _stored(store, doc)
        by_doc = {c.chunk_id: c.doc_id for c in store.chunks()}
        ranked = [by_doc[c] for c in store.match_chunks("patient")]
        assert ranked == ["2" * 64, "1" * 64]
        assert len(store.match_chunks("patient", limit=1)) == 1


def test_the_sqlite_fts5_table_answers_sql_queries(tmp_path):
    with Store(tmp_path / "db.sqlite") as store:
        _stored(store, parsed("1" * 64, "a.md"))
        rows = store.conn.execute(
            "SELECT c.text FROM chunks_fts f JOIN chunks c ON c.rowid = f.rowid "
            "WHERE chunks_fts MATCH 'approve'"
        ).fetchall()
        assert len(rows) == 1
