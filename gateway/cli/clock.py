"""``qaqpa clock``: read and move the virtual clock of a dev instance (every process of it follows), or with
``--run`` a test run's own clock (docs/runs.md)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import click

from contracts.shep import KZ_TIME
from gateway.bootstrap import prepare_database
from gateway.cli._options import data_options, settings_from
from gateway.cli._output import table
from gateway.clock import ClockState, SystemClock, VirtualClock, parse_duration
from gateway.clock_state import SharedClock
from gateway.settings import Settings
from gateway.storage.database import Database
from mocks.runs import InvalidRun, current_run, parse_run


@click.group()
def clock() -> None:
    """Show and move the virtual clock (dev mode).

    Every process of the instance follows within a quarter second; with --run a test run's own clock moves
    alone (docs/clock.md, docs/runs.md). Moving commands print the clock's new time.

    \b
    qaqpa clock advance 31m           # the 30-minute response window has passed
    qaqpa clock freeze 2026-12-01T09:00:00+05:00
    qaqpa clock reset
    """


def run_option(command: Callable[..., None]) -> Callable[..., None]:
    return click.option(
        "--run",
        "run",
        default=None,
        envvar="QAQPA_RUN",
        metavar="ID",
        help="A test run's own clock (X-Qaqpa-Run) instead of the instance's",
    )(command)


def _moved(change: Callable[[VirtualClock], ClockState], *, run: str | None, **options: Any) -> None:
    run = _parsed(run)

    def checked(current: VirtualClock) -> ClockState:
        try:
            return change(current)
        except ValueError as error:  # out of the clock's range
            raise click.UsageError(str(error)) from None

    clock = _read(settings_from(**options), run, checked)
    with _in_run(run):
        now, state = clock.now(), clock.state()
    where = f"run {run}: " if run else ""
    click.echo(f"{where}{_kz(now)}  ({'frozen, ' if state.frozen_at else ''}{_shift(state)})")


def _parsed(run: str | None) -> str | None:
    try:
        return parse_run(run)
    except InvalidRun as error:
        raise click.BadParameter(str(error), param_hint="--run") from None


@contextmanager
def _in_run(run: str | None) -> Iterator[None]:
    """Reads of the clock inside the block are ``run``'s (VirtualClock follows the current run)."""
    token = current_run.set(run)
    try:
        yield
    finally:
        current_run.reset(token)


def _read(settings: Settings, run: str | None, change: Callable[[VirtualClock], ClockState] | None) -> VirtualClock:
    """The stored clocks (instance and runs), after ``change`` to ``run``'s if given."""
    if not settings.dev:
        raise click.UsageError("production mode runs on the system clock: its time cannot be moved")
    database = Database(settings.resolved_database_url)
    try:
        prepare_database(settings, database, SystemClock())
        shared = SharedClock(VirtualClock())
        with database.sync_engine.begin() as connection, _in_run(run):
            shared.refresh(connection)
            if change is not None:
                shared.change(connection, change(shared.clock), run)
    finally:
        database.sync_engine.dispose()
    return shared.clock


def _kz(moment: datetime) -> str:
    return moment.astimezone(KZ_TIME).isoformat(timespec="seconds")


def _shift(state: ClockState) -> str:
    return f"{state.offset.total_seconds():+,.0f} s from the system clock" if state.offset else "the system's time"


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
def show(run: str | None, **options: Any) -> None:
    """List the clocks: the instance's and each test run's.

    Each with its time in Kazakhstan (UTC+05:00), its offset from the system clock and whether it is frozen.

    \b
    qaqpa clock show
    qaqpa clock show --run ci-job-17     # that run's clock only (the instance's if it has none)
    """
    run = _parsed(run)
    clock = _read(settings_from(**options), run, None)
    rows = []
    for name in [run] if run else [None, *sorted(clock.runs())]:
        with _in_run(name):
            now, state = clock.now(), clock.state()
        offset = f"{state.offset.total_seconds():+,.0f} s"
        rows.append(
            (f"run {name}" if name else "instance", _kz(now), offset, "frozen" if state.frozen_at else "running")
        )
    click.echo(table(rows, ("clock", "now", "offset", "state")))


@clock.command("advance")
@data_options
@run_option
@click.argument("duration")
def advance(duration: str, **options: Any) -> None:
    """Move the clock by DURATION (31m, 1h30m, 2d, -5m).

    A negative DURATION goes back; a frozen clock stays frozen, DURATION later.

    \b
    qaqpa clock advance 1h30m
    qaqpa clock advance 2d --run ci-job-17
    """
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
    """Jump to MOMENT and run on from there.

    MOMENT is ISO 8601 with its zone (+05:00 is Kazakhstan); a frozen clock stays frozen at MOMENT.

    \b
    qaqpa clock set 2026-12-31T17:59:00+05:00
    """
    target = _moment(moment)
    _moved(lambda current: current.set_to(target), **options)


@clock.command("freeze")
@data_options
@run_option
@click.argument("moment", required=False)
def freeze(moment: str | None, **options: Any) -> None:
    """Stop the clock, now or at MOMENT.

    \b
    qaqpa clock freeze
    qaqpa clock freeze 2026-12-01T09:00:00+05:00
    """
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
    """Back to the system's time, running.

    With --run, the run's own clock is set to the system's time (it stays the run's own).
    """
    _moved(lambda _: ClockState(), **options)
