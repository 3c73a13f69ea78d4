"""The two database backends the suite runs on: a SQLite file, and a throw-away PostgreSQL database.

PostgreSQL comes from ``QAQPA_TEST_POSTGRES_URL`` (default: the local server, trust auth). Where it cannot
be reached the PostgreSQL half of the suite is skipped, saying why, except in CI (``CI`` or
``QAQPA_REQUIRE_POSTGRES`` set), where that is a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ADMIN_URL = os.environ.get("QAQPA_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def postgres_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("QAQPA_REQUIRE_POSTGRES"))


@contextmanager
def postgres_database() -> Iterator[str]:
    """A fresh, empty database on the test server; dropped afterwards."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"qaqpa_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        admin.dispose()
        reason = f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}: {type(error).__name__}: {error}"
        if postgres_required():
            pytest.fail(f"{reason} (required here: CI or QAQPA_REQUIRE_POSTGRES is set)")
        pytest.skip(f"{reason}; set QAQPA_TEST_POSTGRES_URL to run the PostgreSQL half of the suite")
    try:
        yield make_url(POSTGRES_ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
