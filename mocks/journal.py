"""The request journal: what each mock received and how it answered, for tests to verify afterwards.

Every request a mock receives is written before its answer leaves, so a test that has its answer can count
on finding it (by group commit: the entries of requests answered meanwhile share the transaction). The
journal is persistent (the database) and bounded: each system keeps its newest ``capacity`` entries (and up
to 31 more between two trims). Verification follows WireMock's: ``count`` and ``find`` by
criteria, ``unmatched`` (requests the mock could not route or read), and ``near_misses`` (for criteria
nothing matched: the entries closest to them, with what differs).

Entries belong to the test run that sent the request (mocks/runs.py), or to the default namespace; every
read names one, and the capacity is per system and run, so one busy CI job cannot push out another's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, and_, bindparam, delete, insert, select

from mocks.storage import GroupCommit, Storage
from mocks.tables import mock_journal

DEFAULT_CAPACITY = 1000
_TRIM_EVERY = 32
"""Entries older than the newest ``capacity`` are deleted every this many writes (of this process)."""

_Row = tuple[dict[str, Any], bool]
"""An entry's values, and whether its system's and run's oldest entries are trimmed with it."""
_INSERT = insert(mock_journal)
_IN_RUN = mock_journal.c.run_id.is_not_distinct_from(bindparam("run", type_=String))
_OLDEST_KEPT = (
    select(mock_journal.c.id)
    .where(mock_journal.c.system == bindparam("system"), _IN_RUN)
    .order_by(mock_journal.c.id.desc())
    .offset(bindparam("keep"))
    .limit(1)
    .scalar_subquery()
)
_TRIM = delete(mock_journal).where(
    and_(mock_journal.c.system == bindparam("system"), _IN_RUN, mock_journal.c.id < _OLDEST_KEPT)
)


@dataclass(slots=True)
class JournalEntry:
    """One request to a mock, filled in while it is handled."""

    system: str
    received_at: datetime
    request_body: bytes
    run_id: str | None = None
    service_id: str | None = None
    message_id: str | None = None
    session_id: str | None = None
    sender_id: str | None = None
    subject_iin: str | None = None
    outcome: str = "refused"
    """``answered`` (a business answer, whatever its result code), ``refused`` (the mock could not route or
    read the request: the unmatched ones) or ``faulted`` (an injected fault, or the mock failed)."""
    result_code: str | None = None
    fault: str | None = None
    duration_ms: float = 0.0
    response_body: bytes | None = None


@dataclass(frozen=True, slots=True)
class JournalQuery:
    """Criteria a journal entry must all meet; None matches anything."""

    service_id: str | None = None
    iin: str | None = None
    session_id: str | None = None
    message_id: str | None = None
    sender_id: str | None = None
    outcome: str | None = None
    result_code: str | None = None
    fault: str | None = None
    since: datetime | None = None
    contains: str | None = None
    """A string the request body must contain (as UTF-8)."""

    def given(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


# criteria name -> journal column, for the criteria that are plain equality
_EQUAL = {
    "service_id": "service_id",
    "iin": "subject_iin",
    "session_id": "session_id",
    "message_id": "message_id",
    "sender_id": "sender_id",
    "outcome": "outcome",
    "result_code": "result_code",
    "fault": "fault",
}
_CAMEL = {
    "service_id": "serviceId",
    "iin": "iin",
    "session_id": "sessionId",
    "message_id": "messageId",
    "sender_id": "senderId",
    "outcome": "outcome",
    "result_code": "resultCode",
    "fault": "fault",
    "since": "since",
    "contains": "contains",
}


class Journal:
    def __init__(self, storage: Storage, capacity: int = DEFAULT_CAPACITY) -> None:
        self._storage = storage
        self.capacity = capacity
        self._writes = 0
        self._entries = GroupCommit[_Row](storage, self._write, "qaqpa-mock-journal")

    async def record(self, entry: JournalEntry) -> None:
        """Write the entry; returns once it is committed (by group commit, with the others waiting then)."""
        values = {f.name: getattr(entry, f.name) for f in fields(entry)}
        values["received_at"] = entry.received_at.astimezone(UTC)
        self._writes += 1
        await self._entries.add((values, self._writes % _TRIM_EVERY == 0))

    def _write(self, connection: Connection, rows: list[_Row]) -> None:
        connection.execute(_INSERT, [values for values, _ in rows])
        for system, run in {(values["system"], values["run_id"]) for values, trim in rows if trim}:
            connection.execute(_TRIM, {"system": system, "run": run, "keep": self.capacity - 1})

    async def find(
        self, system: str, query: JournalQuery, limit: int = 100, *, run: str | None = None
    ) -> list[dict[str, Any]]:
        """Matching entries, newest first."""
        return [_entry_json(row) for row in await self._matching(system, query, run)][:limit]

    async def count(self, system: str, query: JournalQuery, *, run: str | None = None) -> int:
        return len(await self._matching(system, query, run))

    async def unmatched(self, system: str, limit: int = 100, *, run: str | None = None) -> list[dict[str, Any]]:
        """Requests the mock refused: an unknown serviceId, a request it could not read."""
        return await self.find(system, JournalQuery(outcome="refused"), limit, run=run)

    async def near_misses(
        self, system: str, query: JournalQuery, limit: int = 5, *, run: str | None = None
    ) -> list[dict[str, Any]]:
        """The entries closest to ``query``, closest first, each with the criteria it fails and why."""
        wanted = query.given()
        if not wanted:
            return []
        scored = []
        for row in await self._rows(system, run, []):
            differences = {_CAMEL[name]: _difference(name, expected, row) for name, expected in wanted.items()}
            differences = {name: diff for name, diff in differences.items() if diff is not None}
            scored.append((len(differences), -row["id"], row, differences))
        scored.sort(key=lambda item: (item[0], item[1]))
        return [
            {"matched": len(wanted) - misses, "of": len(wanted), "differences": differences, "entry": _entry_json(row)}
            for misses, _, row, differences in scored[:limit]
        ]

    async def clear(self, system: str, *, run: str | None = None) -> int:
        statement = delete(mock_journal).where(mock_journal.c.system == system, _IN_RUN)
        return await self._storage.write(lambda connection: connection.execute(statement, {"run": run}).rowcount)

    async def forget_run(self, run: str) -> int:
        """Forget every request a test run sent, to every system."""
        statement = delete(mock_journal).where(mock_journal.c.run_id == run)
        return await self._storage.write(lambda connection: connection.execute(statement).rowcount)

    async def _matching(self, system: str, query: JournalQuery, run: str | None) -> list[dict[str, Any]]:
        conditions = [mock_journal.c[_EQUAL[name]] == value for name, value in query.given().items() if name in _EQUAL]
        if query.since is not None:
            conditions.append(mock_journal.c.received_at >= query.since.astimezone(UTC))
        rows = await self._rows(system, run, conditions)
        if query.contains is not None:
            needle = query.contains.encode()
            rows = [row for row in rows if needle in row["request_body"]]
        return rows

    async def _rows(
        self, system: str, run: str | None, conditions: Iterable[ColumnElement[bool]]
    ) -> list[dict[str, Any]]:
        statement = (
            select(mock_journal)
            .where(mock_journal.c.system == system, mock_journal.c.run_id.is_not_distinct_from(run), *conditions)
            .order_by(mock_journal.c.id.desc())
            .limit(self.capacity)
        )
        return await self._storage.read(
            lambda connection: [dict(row) for row in connection.execute(statement).mappings()]
        )


def _difference(name: str, expected: Any, row: dict[str, Any]) -> dict[str, Any] | None:
    if name == "since":
        received = _utc(row["received_at"])
        return None if received >= expected.astimezone(UTC) else {"expected": f">= {expected}", "actual": str(received)}
    if name == "contains":
        found = expected.encode() in row["request_body"]
        return None if found else {"expected": f"a body containing {expected!r}", "actual": "not in the body"}
    actual = row[_EQUAL[name]]
    return None if actual == expected else {"expected": expected, "actual": actual}


def _entry_json(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": row["id"],
        "system": row["system"],
        "run": row["run_id"],
        "receivedAt": _utc(row["received_at"]).isoformat(),
        "serviceId": row["service_id"],
        "messageId": row["message_id"],
        "sessionId": row["session_id"],
        "senderId": row["sender_id"],
        "iin": row["subject_iin"],
        "outcome": row["outcome"],
        "resultCode": row["result_code"],
        "fault": row["fault"],
        "durationMs": row["duration_ms"],
        "request": row["request_body"].decode("utf-8", "replace"),
        "response": row["response_body"].decode("utf-8", "replace") if row["response_body"] is not None else None,
    }


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
