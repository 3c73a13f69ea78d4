"""The virtual clock's state in the database: the newest change wins in every process, whoever made it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gateway.clock import ClockState, SystemClock, VirtualClock
from gateway.clock_state import SharedClock, instance_clock
from gateway.storage import migrate
from gateway.storage.database import Database
from mocks.runs import current_run

FROZEN = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


@pytest.fixture
def database(tmp_path: Path) -> Iterator[Database]:
    """A database of this test alone: the session's shared one drives the running instance's clock."""
    database = Database(f"sqlite:///{tmp_path / 'clock.db'}")
    migrate.upgrade(database.sync_engine)
    yield database
    database.sync_engine.dispose()


def test_a_change_in_one_process_reaches_the_others_and_an_old_read_never_rolls_it_back(database: Database) -> None:
    mine, theirs = SharedClock(VirtualClock()), SharedClock(VirtualClock())
    engine = database.sync_engine
    with engine.begin() as connection:
        mine.change(connection, ClockState(frozen_at=FROZEN))
    with engine.connect() as connection:
        theirs.refresh(connection)
    assert theirs.clock.now() == FROZEN
    with engine.begin() as connection:
        theirs.change(connection, ClockState(frozen_at=FROZEN + timedelta(minutes=31)))
    stale_version = mine.version
    with engine.connect() as connection:
        mine.refresh(connection)
    assert mine.clock.now() == FROZEN + timedelta(minutes=31) and mine.version > stale_version
    mine._show(stale_version, ClockState(frozen_at=FROZEN))  # a slow reader arriving late
    assert mine.clock.now() == FROZEN + timedelta(minutes=31)


def test_commands_beside_the_server_read_the_instance_clock(database: Database) -> None:
    with database.sync_engine.begin() as connection:
        SharedClock(VirtualClock()).change(connection, ClockState(frozen_at=FROZEN))
    assert instance_clock(True, database.sync_engine).now() == FROZEN
    assert isinstance(instance_clock(False, database.sync_engine), SystemClock)


def test_a_moment_frozen_in_kazakhstan_s_zone_reads_the_same_in_another_process(database: Database) -> None:
    in_almaty = datetime.fromisoformat("2026-12-01T10:00:00+05:00")
    with database.sync_engine.begin() as connection:
        SharedClock(VirtualClock()).change(connection, ClockState(frozen_at=in_almaty))
    assert instance_clock(True, database.sync_engine).now() == in_almaty


def test_a_database_without_the_table_reads_as_the_system_time(tmp_path: Path) -> None:
    empty = Database(f"sqlite:///{tmp_path / 'empty.db'}")
    clock = instance_clock(True, empty.sync_engine)
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)
    empty.sync_engine.dispose()


def test_a_run_s_own_clock_reaches_the_other_processes_and_so_does_forgetting_it(database: Database) -> None:
    mine, theirs = SharedClock(VirtualClock()), SharedClock(VirtualClock())
    engine = database.sync_engine
    with engine.begin() as connection:
        mine.change(connection, ClockState(frozen_at=FROZEN), "job-a")
    with engine.connect() as connection:
        theirs.refresh(connection)
    token = current_run.set("job-a")
    try:
        assert theirs.clock.now() == FROZEN
    finally:
        current_run.reset(token)
    assert theirs.clock.now() != FROZEN, "the instance's clock did not move"
    assert theirs.clock.runs() == ["job-a"]
    with engine.begin() as connection:
        mine.forget(connection, "job-a")
    with engine.connect() as connection:
        theirs.refresh(connection)
    assert theirs.clock.runs() == []
