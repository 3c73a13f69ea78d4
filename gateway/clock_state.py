"""The virtual clock shared by every process of an instance: its state in the database, kept in step.

A change (admin API, ``qaqpa clock``) is written with a higher version; each process applies it at once
if it made it, otherwise within ``clock_refresh_seconds`` (its refresher reads the row). Versions keep a
slow refresh from rolling back a newer change.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Engine, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from gateway.clock import Clock, ClockState, SystemClock, VirtualClock
from gateway.storage.tables import clock_state

_ROW = 1


def load(connection: Connection) -> tuple[int, ClockState]:
    """The stored version and state (version 0 and the system's time if none was ever stored)."""
    row = connection.execute(select(clock_state).where(clock_state.c.id == _ROW)).mappings().first()
    if row is None:
        return 0, ClockState()
    frozen = row["frozen_at"]
    if frozen is not None and frozen.tzinfo is None:
        frozen = frozen.replace(tzinfo=UTC)
    return row["version"], ClockState(timedelta(seconds=row["offset_seconds"]), frozen)


def save(connection: Connection, state: ClockState) -> int:
    """Store ``state`` as the newest; returns its version."""
    version, _ = load(connection)
    values = {
        "version": version + 1,
        "offset_seconds": state.offset.total_seconds(),
        "frozen_at": state.frozen_at,
        "changed_at": datetime.now(UTC),
    }
    if version == 0:
        connection.execute(insert(clock_state).values(id=_ROW, **values))
    else:
        connection.execute(update(clock_state).where(clock_state.c.id == _ROW).values(values))
    return version + 1


class SharedClock:
    """A process's :class:`VirtualClock` and the version of the stored state it shows."""

    def __init__(self, clock: VirtualClock) -> None:
        self.clock = clock
        self.version = 0
        self._lock = threading.Lock()

    def refresh(self, connection: Connection) -> None:
        version, state = load(connection)
        self._show(version, state)

    def change(self, connection: Connection, state: ClockState) -> None:
        self._show(save(connection, state), state)

    def _show(self, version: int, state: ClockState) -> None:
        with self._lock:
            if version > self.version:
                self.clock.apply(state)
                self.version = version


def instance_clock(dev: bool, engine: Engine) -> Clock:
    """The instance's clock as a command beside the server sees it: in dev mode, the shared virtual clock."""
    if not dev:
        return SystemClock()
    shared = SharedClock(VirtualClock())
    try:
        with engine.connect() as connection:
            shared.refresh(connection)
    except SQLAlchemyError:  # no schema yet: nobody has moved the clock
        pass
    return shared.clock
