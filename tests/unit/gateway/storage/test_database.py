"""The database's units of work: a server that cannot be reached is StorageUnavailable, never the driver's error."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from gateway.storage.database import Database, log_failure
from gateway.testing import free_port
from mocks.storage import StorageUnavailable


@pytest.fixture
def nobody_listens() -> Database:
    return Database(f"postgresql://qaqpa@127.0.0.1:{free_port()}/qaqpa?connect_timeout=2")


def test_a_server_nobody_listens_on_is_storage_unavailable(nobody_listens: Database) -> None:
    with pytest.raises(StorageUnavailable, match=r"^the database is unavailable \(OperationalError: "):
        asyncio.run(nobody_listens.read(lambda connection: connection.execute(text("SELECT 1"))))
    with pytest.raises(StorageUnavailable):
        asyncio.run(nobody_listens.write(lambda connection: connection.execute(text("SELECT 1"))))


def test_an_error_of_the_work_itself_is_not_mistaken_for_an_outage() -> None:
    database = Database("sqlite://")
    with pytest.raises(ZeroDivisionError):
        asyncio.run(database.read(lambda connection: 1 / 0))
    with pytest.raises(Exception, match="no such table") as raised:
        asyncio.run(database.read(lambda connection: connection.execute(text("SELECT * FROM nowhere"))))
    assert not isinstance(raised.value, StorageUnavailable)


def test_a_locked_sqlite_file_is_storage_unavailable(tmp_path: Path) -> None:
    """Past its busy timeout, a write lock another process holds is an outage of the file, not a bad statement."""
    path = tmp_path / "locked.sqlite"
    database = Database(f"sqlite:///{path}")
    asyncio.run(database.write(lambda connection: connection.execute(text("CREATE TABLE t (x INTEGER)"))))
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageUnavailable, match="database is locked"):
            asyncio.run(database.write(_insert_quickly))
    finally:
        holder.close()


def _insert_quickly(connection: Connection) -> None:
    connection.exec_driver_sql("PRAGMA busy_timeout=50")
    connection.execute(text("INSERT INTO t VALUES (1)"))


def test_an_outage_is_logged_as_one_line_anything_else_whole(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("test.outage")
    with caplog.at_level(logging.WARNING, logger="test.outage"):
        try:
            raise StorageUnavailable("the database is unavailable (OperationalError: refused)")
        except StorageUnavailable:
            log_failure(log, "the round failed")
        try:
            raise ValueError("a bug")
        except ValueError:
            log_failure(log, "the round failed")
    outage, bug = caplog.records
    assert (outage.levelno, outage.getMessage(), outage.exc_info) == (
        logging.WARNING,
        "the round failed: the database is unavailable (OperationalError: refused)",
        None,
    )
    assert bug.levelno == logging.ERROR and bug.exc_info is not None


def test_an_outage_met_again_and_again_is_logged_every_30_seconds_with_the_count(
    caplog: pytest.LogCaptureFixture,
) -> None:
    log = logging.getLogger("test.long-outage")
    with caplog.at_level(logging.WARNING, logger="test.long-outage"):
        for moment in (0.0, 0.2, 0.4, 29.9, 30.0, 30.2, 75.0):
            try:
                raise StorageUnavailable("the database is unavailable (OperationalError: refused)")
            except StorageUnavailable:
                log_failure(log, "the round failed", now=lambda: moment)  # noqa: B023 (called at once)
            try:
                raise ValueError("a bug")
            except ValueError:
                log_failure(log, "the round failed", now=lambda: moment)  # noqa: B023
    outages = [record.getMessage() for record in caplog.records if record.levelno == logging.WARNING]
    assert outages == [
        "the round failed: the database is unavailable (OperationalError: refused)",
        "the round failed: the database is unavailable (OperationalError: refused) (3 more like it in the last 30 s)",
        "the round failed: the database is unavailable (OperationalError: refused) (1 more like it in the last 45 s)",
    ]
    assert sum(record.levelno == logging.ERROR for record in caplog.records) == 7  # a bug is never quieted
