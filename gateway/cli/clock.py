"""``qaqpa clock``: read and move the virtual clock of a dev instance (every process of it follows), or with
``--run`` a test run's own clock (docs/runs.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import click

from contracts.shep import KZ_TIME
from gateway.bootstrap import prepare_database
from gateway.cli._options import data_options, settings_from
from gateway.clock import ClockState, SystemClock, VirtualClock, parse_duration
from gateway.clock_state import SharedClock
from gateway.storage.database import Database
from mocks.runs import InvalidRun, current_run, parse_run


@click.group()
def clock() -> None:
    """The instance's virtual clock (dev mode): advance it to see deadlines pass in no time."""


def run_option(command: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--run",
        "run",
        default=None,
        metavar="ID",
        help="A test run's own clock (X-Qaqpa-Run) instead of the instance's",
    )(command)


def _moved(change: Callable[[VirtualClock], ClockState] | None, *, run: str | None, **options: Any) -> None:
    try:
        run = parse_run(run)
    except InvalidRun as error:
        raise click.BadParameter(str(error), param_hint="--run") from None
    token = current_run.set(run)
    try:
        _move(change, run, **options)
    finally:
        current_run.reset(token)


def _move(change: Callable[[VirtualClock], ClockState] | None, run: str | None, **options: Any) -> None:
    settings = settings_from(**options)
    if not settings.dev:
        raise click.UsageError("production mode runs on the system clock: its time cannot be moved")
    database = Database(settings.resolved_database_url)
    try:
        prepare_database(settings, database, SystemClock())
        shared = SharedClock(VirtualClock())
        with database.sync_engine.begin() as connection:
            shared.refresh(connection)
            if change is not None:
                shared.change(connection, change(shared.clock), run)
    finally:
        database.sync_engine.dispose()
    state = shared.clock.state()
    now = shared.clock.now().astimezone(KZ_TIME)
    shift = f"{state.offset.total_seconds():+,.0f} s from the system clock" if state.offset else "the system's time"
    where = f"run {run}: " if run else ""
    click.echo(f"{where}{now.isoformat(timespec='seconds')}  ({'frozen, ' if state.frozen_at else ''}{shift})")


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not an ISO 8601 instant like 2026-12-01T09:00:00+05:00") from None
    if moment.tzinfo is None:
        raise click.BadParameter(f"{text!r} has no time zone: add +05:00 (Kazakhstan) or Z")
    return moment


@clock.command("show")
@data_options
@run_option
def show(**options: Any) -> None:
    """Print the instance's time (Kazakhstan, UTC+05:00)."""
    _moved(None, **options)


@clock.command("advance")
@data_options
@run_option
@click.argument("duration")
def advance(duration: str, **options: Any) -> None:
    """Move the clock by DURATION: 31m, 1h30m, 2d, 90s (-5m goes back)."""
    try:
        delta = parse_duration(duration)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="DURATION") from None
    _moved(lambda current: current.advanced(delta), **options)


@clock.command("set")
@data_options
@run_option
@click.argument("moment")
def set_clock(moment: str, **options: Any) -> None:
    """Jump to MOMENT (ISO 8601 with its zone); the clock runs on from there."""
    target = _moment(moment)
    _moved(lambda current: current.set_to(target), **options)


@clock.command("freeze")
@data_options
@run_option
@click.argument("moment", required=False)
def freeze(moment: str | None, **options: Any) -> None:
    """Stop the clock, now or at MOMENT."""
    target = _moment(moment) if moment else None
    _moved(lambda current: current.frozen(target), **options)


@clock.command("resume")
@data_options
@run_option
def resume(**options: Any) -> None:
    """Let a frozen clock run on from where it stopped."""
    _moved(lambda current: current.resumed(), **options)


@clock.command("reset")
@data_options
@run_option
def reset(**options: Any) -> None:
    """Back to the system's time."""
    _moved(lambda _: ClockState(), **options)
