"""What the mocks need of a database: units of work run off the event loop.

``gateway.storage.Database`` provides it; the mocks declare only this, so they depend on no gateway code.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from sqlalchemy import Connection

T = TypeVar("T")


class Storage(Protocol):
    async def read(self, work: Callable[[Connection], T]) -> T:
        """``work(connection)`` in a worker thread."""
        ...

    async def write(self, work: Callable[[Connection], T]) -> T:
        """``work(connection)`` in a worker thread, in a transaction committed when it returns."""
        ...
