"""A fresh PostgreSQL database per test, on the server named by ``JANE_TEST_PG_URL``.

``.ci/run`` starts a throw-away server (``deploy/postgres-local.sh``) and sets the variable;
without it the PostgreSQL cases skip and say why.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

ENV_ADMIN_URL = "JANE_TEST_PG_URL"


def admin_url() -> str:
    """The server's admin URL, or a skip when no server was given."""
    url = os.environ.get(ENV_ADMIN_URL)
    if not url:
        pytest.skip(f"no PostgreSQL server: {ENV_ADMIN_URL} is not set (.ci/run sets it)")
    return url


@contextmanager
def fresh_database(prefix: str = "jane_test") -> Iterator[str]:
    """A new, empty database (its URL), dropped afterwards."""
    import psycopg

    url = admin_url()
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(url)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
