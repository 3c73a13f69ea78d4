"""The database: one URL, one synchronous engine, and units of work run off the event loop.

SQLite (a file in the data directory) is the default; PostgreSQL is used when the URL says so, and is
what several gateway processes share. Plain ``sqlite:///…`` and ``postgresql://…`` URLs are accepted and
given the drivers Qaqpa ships (the standard library's sqlite3, psycopg 3). Serving code reads and writes
through :meth:`Database.read` and :meth:`Database.write`; migrations and bulk loads use ``sync_engine``.
"""

from __future__ import annotations

import logging
import math
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import anyio.to_thread
from sqlalchemy import Connection, Engine, create_engine, event, exc, text
from sqlalchemy.engine import URL, make_url

from mocks.storage import StorageUnavailable

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class DatabaseUrls:
    sync: URL

    @property
    def is_sqlite(self) -> bool:
        return self.sync.get_backend_name() == "sqlite"


def database_urls(url: str) -> DatabaseUrls:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return DatabaseUrls(sync=parsed.set(drivername="sqlite"))
    if backend in ("postgresql", "postgres"):
        return DatabaseUrls(sync=parsed.set(drivername="postgresql+psycopg"))
    raise ValueError(f"unsupported database {backend!r}: use sqlite:///FILE or postgresql://HOST/DB")


class Database:
    """Engines for one database URL. Create once per process; :meth:`dispose` on shutdown."""

    def __init__(self, url: str) -> None:
        self.urls = database_urls(url)
        if self.urls.is_sqlite and self.urls.sync.database not in (None, "", ":memory:"):
            Path(self.urls.sync.database).parent.mkdir(parents=True, exist_ok=True)
        self._sync: Engine | None = None

    @property
    def sync_engine(self) -> Engine:
        """The engine (made on first use): for migrations and bulk work directly, for serving through read/write."""
        if self._sync is None:
            self._sync = create_engine(self.urls.sync, pool_pre_ping=not self.urls.is_sqlite)
            if self.urls.is_sqlite:
                event.listen(self._sync, "connect", self._sqlite_pragmas)
        return self._sync

    def _sqlite_pragmas(self, dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers proceed while the message log is written; busy_timeout waits out short write locks.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    def checkpoint(self) -> None:
        """SQLite: copy the write-ahead log into the database without waiting for readers or writers (PASSIVE).

        Left to itself, the commit that finds the log past 1,000 pages copies all of it into the database and
        syncs the file: 10-200 ms on whichever request commits then, most of the latency's tail. A serving
        process calls this from a worker thread several times a second, so that commit finds next to nothing
        left to copy (and still restarts the log). bench/README.md has the figures.
        """
        with self.sync_engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    @property
    def display_url(self) -> str:
        return self.urls.sync.render_as_string(hide_password=True)

    async def read(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` on a connection of the synchronous engine: a unit of work of short statements.

        On PostgreSQL it runs in a worker thread (one hop per unit of work, where the async driver pays one
        per statement). On SQLite it runs at once, on the event loop's thread: a local file answers in tens
        of microseconds, less than a thread hop, and one process's units of work never interleave, so they
        never wait for each other's locks (bench/README.md).
        """
        if self.urls.is_sqlite:
            return self._read(work)
        return await anyio.to_thread.run_sync(self._read, work)

    async def write(self, work: Callable[[Connection], T]) -> T:
        """Like :meth:`read`, in a transaction committed when ``work`` returns."""
        if self.urls.is_sqlite:
            return self._write(work)
        return await anyio.to_thread.run_sync(self._write, work)

    def _read(self, work: Callable[[Connection], T]) -> T:
        with _unavailable_as_storage_error(), self.sync_engine.connect() as connection:
            return work(connection)

    def _write(self, work: Callable[[Connection], T]) -> T:
        with _unavailable_as_storage_error(), self.sync_engine.begin() as connection:
            return work(connection)

    async def ping(self) -> None:
        await self.read(lambda connection: connection.execute(text("SELECT 1")))

    async def dispose(self) -> None:
        if self._sync is not None:
            self._sync.dispose()


@contextmanager
def _unavailable_as_storage_error() -> Iterator[None]:
    """The driver's "cannot reach the server", "connection lost", a pool with no connection to lend and SQLite's
    locked or unreadable file, as :class:`StorageUnavailable`. The pool pings a connection before lending it
    (``pool_pre_ping``), so once the server is back the next unit of work reconnects by itself."""
    try:
        yield
    except exc.SQLAlchemyError as error:
        if not _is_outage(error):
            raise
        raise StorageUnavailable(_cause(error)) from error


_SQLITE_OUTAGES = ("database is locked", "disk i/o error", "unable to open database file", "readonly database")
"""SQLite raises OperationalError for a missing table too: only these say the file, not the statement, failed."""


def _is_outage(error: exc.SQLAlchemyError) -> bool:
    if isinstance(error, exc.DBAPIError) and error.connection_invalidated:
        return True
    if isinstance(error, (exc.InterfaceError, exc.TimeoutError)):
        return True
    if not isinstance(error, exc.OperationalError):
        return False
    if type(error.orig).__module__.startswith("sqlite3"):
        return any(words in str(error.orig).lower() for words in _SQLITE_OUTAGES)
    return True


def _cause(error: exc.SQLAlchemyError) -> str:
    original = getattr(error, "orig", None) or error
    return f"the database is unavailable ({type(original).__name__}: {driver_message(error)[:200]})"


def driver_message(error: exc.SQLAlchemyError) -> str:
    """The first line of what the database driver said (SQLAlchemy's own text adds the statement and a link)."""
    text = str(getattr(error, "orig", None) or error).strip()
    return text.splitlines()[0] if text else ""


_QUIET_SECONDS = 30.0
_last_outage_lines: dict[tuple[str, str], tuple[float, int]] = {}  # (logger, message): when logged, repeats since


def log_failure(logger: logging.Logger, message: str, *, now: Callable[[], float] = time.monotonic) -> None:
    """In an ``except`` block of work that is tried again: the database being away is one warning line, and the
    same line at most every 30 s with the count of repeats (a background loop meets the outage several times a
    second); anything else is logged whole, every time."""
    error = sys.exc_info()[1]
    if not isinstance(error, StorageUnavailable):
        logger.exception(message)
        return
    key, moment = (logger.name, message), now()
    logged_at, repeats = _last_outage_lines.get(key, (-math.inf, 0))
    if moment - logged_at < _QUIET_SECONDS:
        _last_outage_lines[key] = (logged_at, repeats + 1)
        return
    if len(_last_outage_lines) > 1024:  # messages naming a case each: bounded, not kept forever
        _last_outage_lines.clear()
    _last_outage_lines[key] = (moment, 0)
    since = f" ({repeats} more like it in the last {moment - logged_at:.0f} s)" if repeats else ""
    logger.warning("%s: %s%s", message, error, since)
