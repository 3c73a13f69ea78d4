"""The schema the migrations build is the schema the code declares, on both backends; bootstrap is idempotent."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, func, select

from gateway.bootstrap import bootstrap
from gateway.clock import SystemClock
from gateway.settings import Settings
from gateway.storage import migrate
from gateway.storage.database import Database
from gateway.storage.tables import metadata as gateway_metadata
from gateway.storage.tables import senders, services
from mocks.population.tables import metadata as population_metadata
from mocks.population.tables import persons


def _combined() -> MetaData:
    combined = MetaData()
    for metadata in (gateway_metadata, population_metadata):
        for table in metadata.tables.values():
            table.to_metadata(combined)
    return combined


def test_migrations_build_exactly_the_declared_tables(database_url: str) -> None:
    database = Database(database_url)
    try:
        migrate.upgrade(database.sync_engine)
        with database.sync_engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), _combined())
        assert [d for d in differences if not (d[0] == "remove_table" and d[1].name == "alembic_version")] == []
    finally:
        database.sync_engine.dispose()


def test_bootstrap_twice_changes_nothing(database_url: str, tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, database_url=database_url, population_size=150)
    database = Database(database_url)
    try:
        first = bootstrap(settings, database, SystemClock())
        citizens = select(func.count()).select_from(persons)
        with database.sync_engine.connect() as connection:
            before = connection.execute(citizens).scalar_one()
        second = bootstrap(settings, database, SystemClock())
        assert second.size == first.size and not second.generated_now
        with database.sync_engine.connect() as connection:
            # Other tests share this database and may have added citizens through the admin API.
            assert connection.execute(citizens).scalar_one() == before >= first.size
            demo = set(connection.execute(select(senders.c.sender_id).where(senders.c.demo)).scalars())
            assert {"DEMO_PORTAL", "DEMO_PORTAL_STRICT"} <= demo
            assert "GBDFL_UniversalServiceSync" in set(connection.execute(select(services.c.service_id)).scalars())
    finally:
        database.sync_engine.dispose()
