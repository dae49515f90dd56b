from pathlib import Path

from jane_synth.config import ENV_STORE_URL, OutputLayout
from jane_synth.store.backend import POSTGRES, SQLITE, is_postgres_url, redacted, text_terms
from jane_synth.store.postgres import Row, postgres_sql


def test_only_postgresql_urls_select_the_server():
    assert is_postgres_url("postgresql://jane@db/jane_synth")
    assert is_postgres_url("postgres://db/x")
    assert not is_postgres_url("outputs/index/jane.sqlite")
    assert not is_postgres_url(Path("postgresql:/x"))  # a path is always a SQLite file
    assert not is_postgres_url("sqlite:///x.db")


def test_a_password_never_reaches_logs():
    assert redacted("postgresql://jane:s3cr%40t@db:5432/j") == "postgresql://jane:***@db:5432/j"
    assert redacted("postgresql://jane@db/j") == "postgresql://jane@db/j"
    assert redacted(Path("/x/jane.sqlite")) == "/x/jane.sqlite"


def test_an_upsert_replaces_by_key_on_either_engine():
    assert SQLITE.upsert("t", ("k", "v"), ("k",)) == "INSERT OR REPLACE INTO t (k, v) VALUES (?,?)"
    assert POSTGRES.upsert("t", ("k", "v"), ("k",)) == (
        "INSERT INTO t (k, v) VALUES (?,?) ON CONFLICT (k) DO UPDATE SET v = EXCLUDED.v"
    )
    assert POSTGRES.upsert("t", ("k",), ("k",)).endswith("ON CONFLICT (k) DO NOTHING")
    assert POSTGRES.insert_new("t", ("h",)).endswith("ON CONFLICT DO NOTHING")
    assert SQLITE.insert_new("t", ("h",)) == "INSERT OR IGNORE INTO t (h) VALUES (?)"


def test_placeholders_become_psycopg_ones_and_percent_signs_stay_literal():
    assert postgres_sql("SELECT ? WHERE x LIKE '5%'") == "SELECT %s WHERE x LIKE '5%%'"


def test_a_row_reads_by_position_and_by_name():
    row = Row(("a", 2), {"name": 0, "n": 1})
    assert row[0] == row["name"] == "a" and row["n"] == 2
    assert tuple(row) == ("a", 2) and row.keys() == ["name", "n"]


def test_full_text_terms_are_words_only():
    assert text_terms('"patient" AND (board*') == ["patient", "AND", "board"]


def test_the_layout_takes_the_store_url_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(ENV_STORE_URL, raising=False)
    assert OutputLayout(tmp_path).store == tmp_path / "index" / "jane.sqlite"
    assert not OutputLayout(tmp_path).has_store()
    monkeypatch.setenv(ENV_STORE_URL, "postgresql://jane@db/j")
    assert OutputLayout(tmp_path).store == "postgresql://jane@db/j"
    assert OutputLayout(tmp_path).has_store()
