"""``qaqpa population``: the synthetic population shared by every mock system."""

from __future__ import annotations

import sys
from typing import Any

import click
from sqlalchemy import Engine, select

from contracts.shep import KZ_TIME
from gateway.bootstrap import prepare_database
from gateway.cli._options import data_options, settings_from
from gateway.cli._output import progress, table
from gateway.clock import SystemClock
from gateway.clock_state import instance_clock
from gateway.storage.database import Database
from mocks.population import FEATURES, generate_population, read_summary, sample_iins
from mocks.population.tables import persons


@click.group()
def population() -> None:
    """Find, list and regenerate the synthetic citizens.

    One population, generated from a seed, behind every mock system (docs/population.md).

    \b
    qaqpa population features                      # what --where accepts
    qaqpa population sample --where deceased --count 3
    """


@population.command("sample")
@data_options
@click.option("--count", type=click.IntRange(min=1), default=10, show_default=True, help="How many citizens")
@click.option(
    "--where",
    "feature",
    type=click.Choice(sorted(FEATURES)),
    metavar="FEATURE",
    help="Only citizens with this feature (the list: qaqpa population features)",
)
@click.option(
    "--table/--plain",
    "as_table",
    default=None,
    help="A table with birth date, sex and name, or bare IINs one a line [default: a table on a terminal]",
)
def population_sample(count: int, feature: str | None, as_table: bool | None, **options: Any) -> None:
    """List existing citizens (bare IINs when piped).

    In IIN order. On a terminal a table of IIN, birth (and death) date, sex and name; piped, or with --plain,
    one IIN a line for scripts.

    \b
    qaqpa population sample --count 3 --where disabled-child
    IIN=$(qaqpa population sample --count 1 --where deceased)
    """
    settings = settings_from(**options)
    database = Database(settings.resolved_database_url)
    try:
        if read_summary(database.sync_engine) is None:
            raise click.ClickException(
                f"no population in {database.display_url}: start `qaqpa up` (or `qaqpa population generate`) first"
            )
        today = instance_clock(settings.dev, database.sync_engine).now().astimezone(KZ_TIME).date()
        iins = sample_iins(database.sync_engine, count, feature, today)
        # Scripts read bare IINs ($(qaqpa population sample …)); a person at a terminal wants to see who.
        if sys.stdout.isatty() if as_table is None else as_table:
            click.echo(table(_people(database.sync_engine, iins), ("iin", "born", "sex", "name")))
            return
    finally:
        database.sync_engine.dispose()
    for iin in iins:
        click.echo(iin)


def _people(engine: Engine, iins: list[str]) -> list[tuple[str, str, str, str]]:
    c = persons.c
    statement = select(c.iin, c.birth_date, c.death_date, c.sex, c.surname, c.name, c.patronymic)
    statement = statement.where(c.iin.in_(iins)).order_by(c.iin)
    with engine.connect() as connection:
        found = connection.execute(statement).all()
    return [
        (
            row.iin,
            f"{row.birth_date}" + (f" † {row.death_date}" if row.death_date else ""),
            row.sex,
            " ".join(filter(None, (row.surname, row.name, row.patronymic))),
        )
        for row in found
    ]


@population.command("features")
def population_features() -> None:
    """List the features `sample --where` accepts.

    Each with what it means: the citizens `qaqpa population sample --where FEATURE` finds.
    """
    click.echo(table([(each.name, each.description) for each in FEATURES.values()], ("feature", "description")))


@population.command("generate")
@data_options
@click.option("--size", "population_size", type=int, help="Citizens [default: 10000]")
@click.option("--seed", "population_seed", type=int, help="Seed [default: 407]")
def population_generate(**options: Any) -> None:
    """Replace the population with a freshly generated one.

    Changes made at runtime through the admin API are lost. Progress goes to stderr; stdout gets one line:
    the size, the seed and the database.

    \b
    qaqpa population generate --size 2000 --seed 1
    """
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
