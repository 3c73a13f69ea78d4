"""Alembic environment: one history per package (branch labels ``gateway`` and ``mocks``), one database."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, MetaData, engine_from_config, pool

from gateway.storage.tables import metadata as gateway_metadata
from mocks.population.tables import metadata as population_metadata

target_metadata: list[MetaData] = [gateway_metadata, population_metadata]


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = engine_from_config(
        context.config.get_section(context.config.config_ini_section, {}),
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as fresh:
        _run(fresh)
