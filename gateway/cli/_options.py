"""What every ``qaqpa`` command shares: the data-directory options, settings from them, logging."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from pydantic import ValidationError

from gateway.bootstrap import prepare_database
from gateway.cli._output import table
from gateway.clock_state import instance_clock
from gateway.pki import Pki
from gateway.settings import Settings
from gateway.storage.database import Database
from mocks.catalogue import SYSTEMS, MockSystem, system_by_name
from signing.pki.profiles import PublicationUrls

F = TypeVar("F", bound=Callable[..., Any])


def data_options(function: F) -> F:
    """``--data-dir``, ``--database-url`` and ``--mode``: how a command finds an instance's data."""
    options = [
        click.option("--data-dir", type=click.Path(path_type=Path), help="Data directory [default: .qaqpa]"),
        click.option("--database-url", help="SQLAlchemy URL [default: SQLite in the data directory]"),
        click.option("--mode", type=click.Choice(["dev", "production"]), help="dev (default) or production"),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def settings_from(**overrides: Any) -> Settings:
    """Settings from the command's options (those given), ``QAQPA_*`` variables and defaults."""
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**given)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in error.errors())
        raise click.UsageError(problems) from None


def mock_system(name: str, param_hint: str) -> MockSystem:
    """The mock system ``name``, or a usage error listing the systems."""
    try:
        return system_by_name(name)
    except KeyError:
        raise click.BadParameter(
            f"unknown system {name!r}; the systems:\n{systems_table()}", param_hint=param_hint
        ) from None


def systems_table() -> str:
    """Every mock system, one a row, its serviceIds one a line."""
    rows = [(each.name, each.code, each.title, "\n".join(s.service_id for s in each.services)) for each in SYSTEMS]
    return table(rows, ("name", "code", "title", "serviceIds"))


def open_pki(settings: Settings) -> tuple[Database, Pki]:
    """The instance's database (migrated) and its test PKI, loaded as the gateway loads it."""
    database = Database(settings.resolved_database_url)
    clock = instance_clock(settings.dev, database.sync_engine)
    prepare_database(settings, database, clock)
    instance = Pki()
    instance.load(
        settings.pki_dir,
        database.sync_engine,
        clock,
        PublicationUrls(settings.advertised_url),
        SYSTEMS,
        check=settings.revocation_check,
        allow_sha1=settings.allow_sha1,
    )
    return database, instance


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("uvicorn.error").addFilter(_not_an_injected_reset)


def _not_an_injected_reset(record: logging.LogRecord) -> bool:
    """A connection a mock dropped on purpose (fault injection) is no server error worth a traceback."""
    from mocks.provider import InjectedConnectionReset

    return not (record.exc_info and isinstance(record.exc_info[1], InjectedConnectionReset))
