from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest
from sqlalchemy import Connection, func, select

from gateway.message_log import Exchange, LogQuery, MessageLog, without_passwords
from gateway.storage import migrate
from gateway.storage.database import Database
from gateway.storage.tables import message_log

T = TypeVar("T")


class CountedCommits:
    """The database, counting its write transactions; each waits a turn of the loop, as a commit in a worker
    thread lets other requests run."""

    def __init__(self, database: Database) -> None:
        self.database = database
        self.commits = 0

    async def read(self, work: Callable[[Connection], T]) -> T:
        return await self.database.read(work)

    async def write(self, work: Callable[[Connection], T]) -> T:
        self.commits += 1
        await asyncio.sleep(0)
        return await self.database.write(work)


@pytest.fixture
def database(tmp_path: Path) -> Database:
    database = Database(f"sqlite:///{tmp_path / 'log.db'}")
    migrate.upgrade(database.sync_engine)
    return database


def exchange(session_id: str) -> Exchange:
    return Exchange(session_id, "sync", datetime.now(UTC), b"<request/>", service_id="GBDFL_UniversalServiceSync")


def stored(database: Database) -> int:
    with database.sync_engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(message_log)).scalar_one())


def test_exchanges_ending_together_are_committed_together(database: Database) -> None:
    async def scenario() -> None:
        storage = CountedCommits(database)
        log = MessageLog(storage)
        await asyncio.gather(*(log.record(exchange(f"session-{number}")) for number in range(50)))
        assert stored(database) == 50, "every entry is written before its caller goes on"
        assert storage.commits < 5, f"{storage.commits} commits for 50 entries"
        assert len(await log.find(LogQuery(limit=100))) == 50

    asyncio.run(scenario())


def test_one_bad_entry_fails_its_own_caller_only(database: Database) -> None:
    async def scenario() -> None:
        log = MessageLog(CountedCommits(database))
        await log.record(exchange("taken"))
        outcomes = await asyncio.gather(
            log.record(exchange("first")),
            log.record(exchange("taken")),  # the same sessionId again: the table refuses it
            log.record(exchange("last")),
            return_exceptions=True,
        )
        assert [outcome is None for outcome in outcomes] == [True, False, True]
        assert stored(database) == 3

    asyncio.run(scenario())


def test_an_entry_whose_caller_gave_up_is_written_all_the_same(database: Database) -> None:
    async def scenario() -> None:
        log = MessageLog(CountedCommits(database))
        abandoned = asyncio.create_task(log.record(exchange("abandoned")))
        await asyncio.sleep(0)
        abandoned.cancel()
        await log.record(exchange("kept"))
        assert stored(database) == 2

    asyncio.run(scenario())


@pytest.mark.parametrize(
    ("sent", "logged"),
    [
        (
            b"<sender><senderId>P</senderId><password>s3cret</password></sender>",
            b"<sender><senderId>P</senderId><password>***</password></sender>",
        ),
        (
            b'<a:password xmlns:a="urn:x" kind="x">two\nlines</a:password >',
            b'<a:password xmlns:a="urn:x" kind="x">***</a:password >',
        ),
        (b"<password><![CDATA[<p>]]></password><password/>", b"<password>***</password><password/>"),
        (
            b"<passwordHint>kept</passwordHint>&lt;password&gt;kept&lt;/password&gt;",
            b"<passwordHint>kept</passwordHint>&lt;password&gt;kept&lt;/password&gt;",
        ),
        (b"\xff\xfe<password>\xff</password>", b"\xff\xfe<password>***</password>"),
    ],
    ids=["plain", "prefixed-with-attributes", "cdata-and-empty", "lookalikes-kept", "not-utf-8"],
)
def test_the_log_keeps_no_password(sent: bytes, logged: bytes) -> None:
    assert without_passwords(sent) == logged
