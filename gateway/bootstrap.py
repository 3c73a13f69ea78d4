"""Make a data directory and database ready to serve: idempotent, run before the first request.

In order: the data directory, the schema (Alembic, every package), the service registry seeded with the
built-in mocks and SOCPROT, the orchestrator's sender, the demo senders (dev mode only), and the synthetic
population. On PostgreSQL the whole step holds an advisory lock, so several gateway processes starting
together do it once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import text

from gateway.cases.sender import seed_orchestrator
from gateway.cases.services import SOCPROT
from gateway.clock import Clock
from gateway.registry import seed_mock_services
from gateway.senders import seed_demo_senders
from gateway.settings import Settings
from gateway.storage import migrate
from gateway.storage.database import Database
from mocks.catalogue import SYSTEMS
from mocks.population import PopulationSummary, ensure_population

log = logging.getLogger(__name__)

_BOOTSTRAP_LOCK = 4070225  # any constant shared by every Qaqpa process on one PostgreSQL database

Progress = Callable[[int, int], None]


def bootstrap(
    settings: Settings, database: Database, clock: Clock, progress: Progress | None = None
) -> PopulationSummary:
    """Everything, population included (generated only if none is stored)."""
    with _exclusive(database):
        prepare_database(settings, database, clock)
        summary = ensure_population(
            database.sync_engine, settings.population_size, settings.population_seed, progress=progress
        )
    log.info("database %s ready: %s", database.display_url, summary)
    return summary


def prepare_database(settings: Settings, database: Database, clock: Clock) -> None:
    """The schema, the service registry and (dev mode) the demo senders; not the population."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    migrate.upgrade(database.sync_engine)
    with database.sync_engine.begin() as connection:
        seed_mock_services(connection, (*SYSTEMS, SOCPROT))
        seed_orchestrator(connection, settings, clock.now())
        if settings.dev:
            seed_demo_senders(connection, clock.now())


@contextmanager
def _exclusive(database: Database) -> Iterator[None]:
    """Hold PostgreSQL's advisory lock for the duration (SQLite: one process bootstraps, see gateway/cli.py)."""
    if database.urls.is_sqlite:
        yield
        return
    with database.sync_engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _BOOTSTRAP_LOCK})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _BOOTSTRAP_LOCK})
            connection.commit()
