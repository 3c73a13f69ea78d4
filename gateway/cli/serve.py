"""``qaqpa up`` (what ``make run`` starts) and ``qaqpa mock``: serving the product."""

from __future__ import annotations

import os
import ssl
from typing import Any

import click
import uvicorn

from gateway._version import __version__
from gateway.bootstrap import bootstrap
from gateway.cli._options import configure_logging, data_options, mock_system, settings_from
from gateway.cli._output import progress
from gateway.clock import SystemClock
from gateway.settings import Settings
from gateway.storage.database import Database


@click.command()
@data_options
@click.option("--host", help="Address to listen on [default: 127.0.0.1]")
@click.option("--port", type=int, help="Port [default: 8080]")
@click.option("--workers", type=int, help="Worker processes [default: 1]")
@click.option("--public-url", help="Base URL clients use, written into the served WSDL [default: the request's]")
@click.option("--admin-token", help="Token for operator endpoints outside dev mode")
@click.option("--population-size", type=int, help="Citizens generated on first start [default: 10000]")
@click.option("--seed", "population_seed", type=int, help="Population seed [default: 407]")
@click.option("--mock-transport", type=click.Choice(["http", "inprocess"]), help="How the gateway reaches the mocks")
@click.option("--tls-certificate", type=click.Path(exists=True, dir_okay=False), help="Serve HTTPS: PEM certificate")
@click.option("--tls-key", type=click.Path(exists=True, dir_okay=False), help="The PEM private key of the certificate")
@click.option(
    "--tls-client-ca",
    type=click.Path(exists=True, dir_okay=False),
    help="Mutual TLS: the CA clients' certificates need",
)
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), help="[default: info]")
@click.option("--access-log/--no-access-log", default=False, help="Log every HTTP request [default: off]")
def up(access_log: bool, **options: Any) -> None:
    """Serve the gateway and every mock system.

    Dev mode unless --mode production. The first start migrates the database, makes the test PKI and
    generates the population (progress on stderr); later starts reuse them. Flags override the QAQPA_*
    environment variables (QAQPA_PORT, QAQPA_DATABASE_URL, …), which override the defaults.

    \b
    qaqpa up --port 9000 --population-size 2000
    qaqpa up --mode production --admin-token "$TOKEN" --database-url postgresql://qaqpa@db/qaqpa
    """
    settings = settings_from(**options)
    configure_logging(settings.log_level)
    database = Database(settings.resolved_database_url)
    summary = bootstrap(settings, database, SystemClock(), progress=progress("Generating the population"))
    database.sync_engine.dispose()
    click.echo(
        f"Qaqpa {__version__} ({settings.mode} mode): {summary.size} citizens (seed {summary.seed}) "
        f"in {database.display_url}",
        err=True,
    )
    click.echo(f"SyncChannel WSDL: {settings.local_base_url}/bip-sync/?wsdl", err=True)
    click.echo(f"AsyncChannel WSDL: {settings.local_base_url}/bip-async/?wsdl", err=True)
    common: dict[str, Any] = {
        "host": settings.host,
        "port": settings.port,
        "loop": "uvloop",
        "http": "httptools",
        "log_level": settings.log_level,
        "access_log": access_log,
        **_tls(settings),
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


def _tls(settings: Settings) -> dict[str, Any]:
    """uvicorn's options for HTTPS, and for asking every client for a certificate of the client CA."""
    if not settings.tls:
        return {}
    options: dict[str, Any] = {"ssl_certfile": str(settings.tls_certificate), "ssl_keyfile": str(settings.tls_key)}
    if settings.tls_client_ca is not None:
        options |= {"ssl_ca_certs": str(settings.tls_client_ca), "ssl_cert_reqs": ssl.CERT_REQUIRED}
    return options


@click.command()
@data_options
@click.argument("name")
@click.option("--host", help="Address to listen on [default: 127.0.0.1]")
@click.option("--port", type=int, help="Port [default: 8080, or QAQPA_PORT]")
@click.option("--population-size", type=int, help="Citizens generated if the data directory has none")
@click.option("--seed", "population_seed", type=int, help="Population seed [default: 407]")
@click.option("--log-level", type=click.Choice(["debug", "info", "warning", "error"]), help="[default: info]")
def mock(name: str, **options: Any) -> None:
    """Serve one mock system alone.

    NAME is a system's short name (gbdfl, zags, …; an unknown one lists them all). Same code and same data as
    inside `qaqpa up` (population, PKI, fault rules, journal): point it at the data directory of a running
    instance to share them. The system answers at / (WSDL at /?wsdl); its fault rules and journal are at
    /api/v1/mocks/NAME/…, the population's admin API at /api/v1/population/….

    \b
    qaqpa mock zags --port 9001
    qaqpa mock gbdfl --data-dir /srv/qaqpa --port 9002
    """
    system = mock_system(name, "NAME")
    settings = settings_from(**options)
    configure_logging(settings.log_level)
    database = Database(settings.resolved_database_url)
    bootstrap(settings, database, SystemClock(), progress=progress("Generating the population"))
    database.sync_engine.dispose()
    from gateway.app import create_mock_server

    click.echo(f"{system.title} on {settings.local_base_url}/ (WSDL: ?wsdl)", err=True)
    uvicorn.run(
        create_mock_server(system, settings),
        host=settings.host,
        port=settings.port,
        loop="uvloop",
        http="httptools",
        log_level=settings.log_level,
        access_log=False,
    )
