"""``qaqpa population``: the synthetic population shared by every mock system."""

from __future__ import annotations

from typing import Any

import click

from contracts.shep import KZ_TIME
from gateway.bootstrap import prepare_database
from gateway.cli._options import data_options, progress, settings_from
from gateway.clock import SystemClock
from gateway.clock_state import instance_clock
from gateway.storage.database import Database
from mocks.population import FEATURES, generate_population, read_summary, sample_iins


@click.group()
def population() -> None:
    """The synthetic population shared by every mock system."""


@population.command("sample")
@data_options
@click.option("--count", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--where", "feature", type=click.Choice(sorted(FEATURES)), help="Only citizens with this feature")
def population_sample(count: int, feature: str | None, **options: Any) -> None:
    """Print IINs of existing citizens, one a line."""
    settings = settings_from(**options)
    database = Database(settings.resolved_database_url)
    try:
        if read_summary(database.sync_engine) is None:
            raise click.ClickException(
                f"no population in {database.display_url}: start `qaqpa up` (or `qaqpa population generate`) first"
            )
        today = instance_clock(settings.dev, database.sync_engine).now().astimezone(KZ_TIME).date()
        iins = sample_iins(database.sync_engine, count, feature, today)
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
@data_options
@click.option("--size", "population_size", type=int, help="Citizens [default: 10000]")
@click.option("--seed", "population_seed", type=int, help="Seed [default: 407]")
def population_generate(**options: Any) -> None:
    """Replace the stored population with a freshly generated one."""
    settings = settings_from(**options)
    database = Database(settings.resolved_database_url)
    prepare_database(settings, database, SystemClock())
    summary = generate_population(
        database.sync_engine,
        settings.population_size,
        settings.population_seed,
        progress=progress("Generating the population"),
    )
    database.sync_engine.dispose()
    click.echo(f"{summary.size} citizens (seed {summary.seed}) in {database.display_url}")
