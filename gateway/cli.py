"""The ``qaqpa`` command.

Every command takes ``--data-dir`` (default ``.qaqpa/``) and ``--database-url``, so a second command finds
the database and population of a running ``qaqpa up``. Settings come from flags, then ``QAQPA_*``
environment variables, then defaults (gateway/settings.py).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
import uvicorn
from pydantic import ValidationError

from gateway._version import __version__
from gateway.bootstrap import bootstrap, prepare_database
from gateway.clock import SystemClock
from gateway.settings import Settings
from gateway.storage.database import Database
from mocks.population import FEATURES, generate_population, read_summary, sample_iins

F = TypeVar("F", bound=Callable[..., Any])

log = logging.getLogger("qaqpa")


def _common_options(function: F) -> F:
    options = [
        click.option("--data-dir", type=click.Path(path_type=Path), help="Data directory [default: .qaqpa]"),
        click.option("--database-url", help="SQLAlchemy URL [default: SQLite in the data directory]"),
        click.option("--mode", type=click.Choice(["dev", "production"]), help="dev (default) or production"),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _settings(**overrides: Any) -> Settings:
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return Settings(**given)
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'settings'}: {e['msg']}" for e in error.errors())
        raise click.UsageError(problems) from None


def _progress(label: str) -> Callable[[int, int], None]:
    state: dict[str, Any] = {}

    def update(done: int, total: int) -> None:
        bar = state.get("bar")
        if bar is None:
            bar = state["bar"] = click.progressbar(length=total, label=label, file=sys.stderr)
            bar.__enter__()
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    return update


def _logging(level: str) -> None:
    logging.basicConfig(level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")


@click.group()
@click.version_option(__version__, prog_name="qaqpa")
def main() -> None:
    """Qaqpa: a sandbox of Kazakhstan's e-government gateway (ShEP) with mock state information systems."""


@main.command()
@_common_options
@click.option("--host", help="Address to listen on [default: 127.0.0.1]")
@click.option("--port", type=int, help="Port [default: 8080]")
@click.option("--workers", type=int, help="Worker processes [default: 1]")
@click.option("--public-url", help="Base URL clients use, written into the served WSDL [default: the request's]")
@click.option("--admin-token", help="Token for operator endpoints outside dev mode")
@click.option("--population-size", type=int, help="Citizens generated on first start [default: 10000]")
@click.option("--seed", "population_seed", type=int, help="Population seed [default: 407]")
@click.option("--mock-transport", type=click.Choice(["http", "inprocess"]), help="How the gateway reaches the mocks")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]))
@click.option("--access-log/--no-access-log", default=False, help="Log every HTTP request [default: off]")
def up(access_log: bool, **options: Any) -> None:
    """Serve the gateway and every mock system (dev mode unless --mode production)."""
    settings = _settings(**options)
    _logging(settings.log_level)
    database = Database(settings.resolved_database_url)
    summary = bootstrap(settings, database, SystemClock(), progress=_progress("Generating the population"))
    database.sync_engine.dispose()
    click.echo(
        f"Qaqpa {__version__} ({settings.mode} mode): {summary.size} citizens (seed {summary.seed}) "
        f"in {database.display_url}",
        err=True,
    )
    click.echo(f"SyncChannel WSDL: {settings.local_base_url}/bip-sync/?wsdl", err=True)
    common: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "loop": "uvloop",
        "http": "httptools",
        "log_level": settings.log_level,
        "access_log": access_log,
    }
    if settings.workers == 1:
        from gateway.app import create_app

        uvicorn.run(create_app(settings), **common)
        return
    # Worker processes build their own app from the environment: hand the effective settings over that way.
    for name, value in settings.model_dump(mode="json").items():
        if value is not None:
            os.environ[f"QAQPA_{name.upper()}"] = str(value)
    os.environ["QAQPA_ADMIN_TOKEN"] = settings.admin_token.get_secret_value()
    uvicorn.run("gateway.app:create_app", factory=True, workers=settings.workers, **common)


@main.command()
@_common_options
@click.argument("name")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, required=True)
def mock(name: str, host: str, port: int, **options: Any) -> None:
    """Serve one mock system alone (for example: qaqpa mock gbdfl --port 9001)."""
    from mocks import create_mock_app, system_by_name

    try:
        system = system_by_name(name)
    except KeyError:
        raise click.BadParameter(f"unknown system {name!r}", param_hint="NAME") from None
    settings = _settings(**options)
    _logging(settings.log_level)
    database = Database(settings.resolved_database_url)
    bootstrap(settings, database, SystemClock(), progress=_progress("Generating the population"))
    clock = SystemClock()
    click.echo(f"{system.title} on http://{host}:{port}/ (WSDL: ?wsdl)", err=True)
    uvicorn.run(
        create_mock_app(system, database.engine, clock.now), host=host, port=port, loop="uvloop", http="httptools"
    )


@main.group()
def population() -> None:
    """The synthetic population shared by every mock system."""


@population.command("sample")
@_common_options
@click.option("--count", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--where", "feature", type=click.Choice(sorted(FEATURES)), help="Only citizens with this feature")
def population_sample(count: int, feature: str | None, **options: Any) -> None:
    """Print IINs of existing citizens, one a line."""
    settings = _settings(**options)
    database = Database(settings.resolved_database_url)
    try:
        if read_summary(database.sync_engine) is None:
            raise click.ClickException(
                f"no population in {database.display_url}: start `qaqpa up` (or `qaqpa population generate`) first"
            )
        iins = sample_iins(database.sync_engine, count, feature, datetime.now(UTC).date())
    finally:
        database.sync_engine.dispose()
    for iin in iins:
        click.echo(iin)


@population.command("features")
def population_features() -> None:
    """List the features --where accepts."""
    width = max(map(len, FEATURES))
    for feature in FEATURES.values():
        click.echo(f"{feature.name:<{width}}  {feature.description}")


@population.command("generate")
@_common_options
@click.option("--size", "population_size", type=int, help="Citizens [default: 10000]")
@click.option("--seed", "population_seed", type=int, help="Seed [default: 407]")
def population_generate(**options: Any) -> None:
    """Replace the stored population with a freshly generated one."""
    settings = _settings(**options)
    database = Database(settings.resolved_database_url)
    prepare_database(settings, database, SystemClock())
    summary = generate_population(
        database.sync_engine,
        settings.population_size,
        settings.population_seed,
        progress=_progress("Generating the population"),
    )
    database.sync_engine.dispose()
    click.echo(f"{summary.size} citizens (seed {summary.seed}) in {database.display_url}")
