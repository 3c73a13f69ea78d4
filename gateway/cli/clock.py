"""``qaqpa clock``: read and move the virtual clock of a dev instance (every process of it follows)."""

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


@click.group()
def clock() -> None:
    """The instance's virtual clock (dev mode): advance it to see deadlines pass in no time."""


def _moved(change: Callable[[VirtualClock], ClockState] | None, **options: Any) -> None:
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
                shared.change(connection, change(shared.clock))
    finally:
        database.sync_engine.dispose()
    state = shared.clock.state()
    now = shared.clock.now().astimezone(KZ_TIME)
    shift = f"{state.offset.total_seconds():+,.0f} s from the system clock" if state.offset else "the system's time"
    click.echo(f"{now.isoformat(timespec='seconds')}  ({'frozen, ' if state.frozen_at else ''}{shift})")


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
def show(**options: Any) -> None:
    """Print the instance's time (Kazakhstan, UTC+05:00)."""
    _moved(None, **options)


@clock.command("advance")
@data_options
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
@click.argument("moment")
def set_clock(moment: str, **options: Any) -> None:
    """Jump to MOMENT (ISO 8601 with its zone); the clock runs on from there."""
    target = _moment(moment)
    _moved(lambda current: current.set_to(target), **options)


@clock.command("freeze")
@data_options
@click.argument("moment", required=False)
def freeze(moment: str | None, **options: Any) -> None:
    """Stop the clock, now or at MOMENT."""
    target = _moment(moment) if moment else None
    _moved(lambda current: current.frozen(target), **options)


@clock.command("resume")
@data_options
def resume(**options: Any) -> None:
    """Let a frozen clock run on from where it stopped."""
    _moved(lambda current: current.resumed(), **options)


@clock.command("reset")
@data_options
def reset(**options: Any) -> None:
    """Back to the system's time."""
    _moved(lambda _: ClockState(), **options)
