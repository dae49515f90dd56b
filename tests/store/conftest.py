"""The store's tests run on both engines: a SQLite file, and a PostgreSQL database."""

from __future__ import annotations

import pytest

from tests.postgres import fresh_database


@pytest.fixture(params=["sqlite", "postgresql"])
def store_location(request, tmp_path):
    """Where a test's store lives: a SQLite file, or a fresh PostgreSQL database's URL."""
    if request.param == "sqlite":
        yield tmp_path / "db.sqlite"
        return
    with fresh_database() as url:
        yield url
