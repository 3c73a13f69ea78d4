"""The virtual clock shared by every process of an instance: its state in the database, kept in step.

A change (admin API, ``qaqpa clock``) is written with a higher version; each process applies it at once
if it made it, otherwise within ``clock_refresh_seconds`` (its refresher reads the row). Versions keep a
slow refresh from rolling back a newer change. A test run's own clock (gateway/clock.py) is a row of
``run_clocks`` with its own version, kept in step the same way.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from gateway.clock import Clock, ClockState, SystemClock, VirtualClock
from gateway.storage.tables import clock_state, run_clocks

_ROW = 1


def load(connection: Connection) -> tuple[int, ClockState]:
    """The stored version and state (version 0 and the system's time if none was ever stored)."""
    row = connection.execute(select(clock_state).where(clock_state.c.id == _ROW)).mappings().first()
    if row is None:
        return 0, ClockState()
    return row["version"], _state(row)


def load_runs(connection: Connection) -> dict[str, tuple[int, ClockState]]:
    """The version and state of every test run's own clock."""
    rows = connection.execute(select(run_clocks)).mappings()
    return {row["run_id"]: (row["version"], _state(row)) for row in rows}


def save(connection: Connection, state: ClockState, run: str | None = None) -> int:
    """Store ``state`` as the newest, of the instance's clock or of ``run``'s; returns its version."""
    if run is None:
        version, _ = load(connection)
        table, where = clock_state, clock_state.c.id == _ROW
        key: dict[str, object] = {"id": _ROW}
    else:
        where = run_clocks.c.run_id == run
        version = connection.execute(select(run_clocks.c.version).where(where)).scalar() or 0
        table, key = run_clocks, {"run_id": run}
    values = {
        "version": version + 1,
        "offset_seconds": state.offset.total_seconds(),
        # SQLite keeps no zone: stored in UTC, as _state reads it back (a +05:00 moment was 5 hours off)
        "frozen_at": state.frozen_at.astimezone(UTC) if state.frozen_at is not None else None,
        "changed_at": datetime.now(UTC),
    }
    if version == 0:
        connection.execute(insert(table).values(**key, **values))
    else:
        connection.execute(update(table).where(where).values(values))
    return version + 1


def forget_run(connection: Connection, run: str) -> bool:
    """Delete a test run's own clock; whether it had one."""
    return connection.execute(delete(run_clocks).where(run_clocks.c.run_id == run)).rowcount > 0


def _state(row: Any) -> ClockState:
    frozen = row["frozen_at"]
    if frozen is not None and frozen.tzinfo is None:
        frozen = frozen.replace(tzinfo=UTC)
    return ClockState(timedelta(seconds=row["offset_seconds"]), frozen)


class SharedClock:
    """A process's :class:`VirtualClock` and the version of the stored state it shows."""

    def __init__(self, clock: VirtualClock) -> None:
        self.clock = clock
        self.version = 0
        self._run_versions: dict[str, int] = {}
        self._lock = threading.Lock()

    def refresh(self, connection: Connection) -> bool:
        """Show the stored clocks; whether any of them had changed."""
        version, state = load(connection)
        changed = self._show(version, state, None)
        stored = load_runs(connection)
        for run, (version, state) in stored.items():
            changed |= self._show(version, state, run)
        with self._lock:
            for run in set(self._run_versions) - set(stored):  # forgotten by another process
                del self._run_versions[run]
                self.clock.forget(run)
                changed = True
        return changed

    def change(self, connection: Connection, state: ClockState, run: str | None = None) -> None:
        self._show(save(connection, state, run), state, run)

    def forget(self, connection: Connection, run: str) -> bool:
        """The run reads the instance's clock again, in every process; whether it had a clock of its own."""
        had_one = forget_run(connection, run)
        with self._lock:
            self._run_versions.pop(run, None)
            self.clock.forget(run)
        return had_one

    def _show(self, version: int, state: ClockState, run: str | None = None) -> bool:
        with self._lock:
            shown = self.version if run is None else self._run_versions.get(run, 0)
            if version <= shown:
                return False
            self.clock.apply(state, run)
            if run is None:
                self.version = version
            else:
                self._run_versions[run] = version
            return True


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
