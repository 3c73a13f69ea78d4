"""What the mocks need of a database: units of work run off the event loop, and rows written by group commit.

``gateway.storage.Database`` provides it; the mocks declare only this, so they depend on no gateway code.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

from sqlalchemy import Connection

T = TypeVar("T")
R = TypeVar("R")


class StorageUnavailable(Exception):
    """The database cannot be reached, or lost the connection mid-work: the work was not done (a transaction
    is rolled back), and the same work can be tried again once it is back."""


class Storage(Protocol):
    """Both methods raise :class:`StorageUnavailable` when the database is away, never the driver's error."""

    async def read(self, work: Callable[[Connection], T]) -> T:
        """``work(connection)`` in a worker thread."""
        ...

    async def write(self, work: Callable[[Connection], T]) -> T:
        """``work(connection)`` in a worker thread, in a transaction committed when it returns."""
        ...


class GroupCommit(Generic[R]):
    """Rows written by group commit: the rows added while a commit is under way go into the next one together.

    A busy process then writes one transaction per batch rather than one per request, and requests do not
    queue behind each other's commits; yet :meth:`add` returns only once its row is committed, so nothing
    is acknowledged that a crash could lose. ``write`` puts a batch of rows in one transaction; a batch that
    fails is retried row by row, so one bad row fails only the caller that added it.
    """

    def __init__(self, storage: Storage, write: Callable[[Connection, list[R]], object], name: str) -> None:
        self._storage = storage
        self._write = write
        self._name = name
        self._waiting: list[tuple[R, asyncio.Future[None]]] = []
        self._committing: asyncio.Task[None] | None = None

    async def add(self, row: R) -> None:
        committed = asyncio.get_running_loop().create_future()
        self._waiting.append((row, committed))
        if self._committing is None:
            self._committing = asyncio.create_task(self._commit_waiting(), name=self._name)
        # A caller that gives up (its client went away) leaves its row in the batch: it is written all the same.
        await committed

    async def _commit_waiting(self) -> None:
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                await self._commit(batch)
        finally:
            self._committing = None

    async def _commit(self, batch: list[tuple[R, asyncio.Future[None]]]) -> None:
        rows = [row for row, _ in batch]
        try:
            await self._storage.write(lambda connection: self._write(connection, rows))
        except Exception as failure:
            if len(batch) > 1:
                for entry in batch:
                    await self._commit([entry])
                return
            _settle(batch, failure)
            return
        _settle(batch, None)


def _settle(batch: list[tuple[R, asyncio.Future[None]]], failure: Exception | None) -> None:
    for _, committed in batch:
        if committed.done():  # its caller was cancelled
            continue
        if failure is None:
            committed.set_result(None)
        else:
            committed.set_exception(failure)
