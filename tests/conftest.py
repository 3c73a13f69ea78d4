"""Fixtures shared by the whole suite. The database-backed ones run once per backend: SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gateway.storage import migrate
from gateway.storage.database import Database
from tests.support.databases import postgres_database
from tests.support.gateway import LiveGateway, live_gateway

BACKENDS = ("sqlite", "postgresql")


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('sqlite') / 'qaqpa.db'}"
    else:
        with postgres_database() as url:
            yield url


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """The session's database of this backend, migrated: for tests of one component on it (shared: keep
    to rows of your own)."""
    database = Database(database_url)
    migrate.upgrade(database.sync_engine)
    yield database
    database.sync_engine.dispose()


@pytest.fixture(scope="session")
def gateway(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveGateway]:
    """A running instance (gateway + mocks + misbehaving test providers) on the session's backend."""
    data_dir: Path = tmp_path_factory.mktemp("data")
    with live_gateway(data_dir, database_url) as live:
        yield live


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Settings read QAQPA_* variables: a developer's own must not leak into a test."""
    import os

    for name in list(os.environ):
        if name.startswith("QAQPA_") and not name.startswith(("QAQPA_TEST_", "QAQPA_REQUIRE_")):
            monkeypatch.delenv(name)
