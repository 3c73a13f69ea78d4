"""Cases and their events in the database, so that every gateway process sees the same cases and a case
survives a restart."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, or_, select, update

from gateway.mailbox.store import utc
from gateway.storage.database import Database
from gateway.storage.tables import case_events, cases

_LEASE = timedelta(seconds=60)


@dataclass(slots=True)
class Event:
    kind: str
    does: str
    at: datetime
    flow: str | None = None
    step: int | None = None
    actor: str | None = None
    outcome: str | None = None
    deadline_at: datetime | None = None
    signer: str | None = None
    session_id: str | None = None
    service_id: str | None = None
    """The serviceId a query or an SMS asked, through the exchange ``session_id``."""
    lines: str | None = None

    def row(self, case_id: str) -> dict[str, Any]:
        return {"case_id": case_id, **asdict(self)}


@dataclass(slots=True)
class Case:
    case_id: str
    regulation: str
    service_id: str
    purpose: str
    channel: str
    applicant_iin: str
    subject_iin: str | None
    sender_id: str
    mode: str
    state: str
    received_at: datetime
    request: dict[str, Any]
    file: dict[str, Any] = field(default_factory=dict)
    decision: str | None = None
    ground: str | None = None
    deadline_at: datetime | None = None
    due_at: datetime | None = None
    decided_at: datetime | None = None
    result_document: bytes | None = None
    correlation_id: str | None = None
    pace: str = "instant"
    run_id: str | None = None
    """The test run that opened it (mocks/runs.py); None: the default namespace."""

    @classmethod
    def from_row(cls, row: Any) -> Case:
        values = dict(row._mapping)
        values.pop("claimed_until")
        for name in ("received_at", "deadline_at", "due_at", "decided_at"):
            if values[name] is not None:
                values[name] = utc(values[name])
        return cls(**values)

    def row(self) -> dict[str, Any]:
        return asdict(self)


class CaseStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def create(self, case: Case, events: Sequence[Event]) -> None:
        def work(connection: Connection) -> None:
            connection.execute(insert(cases).values(case.row()))
            _add_events(connection, case.case_id, events)

        await self._database.write(work)

    async def save(self, case: Case, events: Sequence[Event], *, expect_state: str | None = None) -> bool:
        """Write ``case`` back with new ``events``; False (nothing written) if its state is no longer
        ``expect_state`` — another step (the clock, an officer, another process) moved it on meanwhile."""

        def work(connection: Connection) -> bool:
            statement = update(cases).where(cases.c.case_id == case.case_id)
            if expect_state is not None:
                statement = statement.where(cases.c.state == expect_state)
            changed = connection.execute(statement.values(**case.row(), claimed_until=None)).rowcount
            if changed:
                _add_events(connection, case.case_id, events)
            return bool(changed)

        return await self._database.write(work)

    async def add_events(self, case_id: str, events: Sequence[Event]) -> None:
        await self._database.write(lambda connection: _add_events(connection, case_id, events))

    async def get(self, case_id: str) -> Case | None:
        def work(connection: Connection) -> Case | None:
            row = connection.execute(select(cases).where(cases.c.case_id == case_id)).first()
            return Case.from_row(row) if row is not None else None

        return await self._database.read(work)

    async def events(self, case_id: str) -> list[dict[str, Any]]:
        def work(connection: Connection) -> list[dict[str, Any]]:
            statement = select(case_events).where(case_events.c.case_id == case_id).order_by(case_events.c.id)
            return [dict(row) for row in connection.execute(statement).mappings()]

        return await self._database.read(work)

    async def find(
        self, *, applicant_iin: str | None, regulation: str | None, state: str | None, limit: int, run: str | None
    ) -> list[Case]:
        def work(connection: Connection) -> list[Case]:
            statement = (
                select(cases)
                .where(cases.c.run_id.is_not_distinct_from(run))
                .order_by(cases.c.received_at.desc())
                .limit(limit)
            )
            for column, wanted in (
                (cases.c.applicant_iin, applicant_iin),
                (cases.c.regulation, regulation),
                (cases.c.state, state),
            ):
                if wanted is not None:
                    statement = statement.where(column == wanted)
            return [Case.from_row(row) for row in connection.execute(statement)]

        return await self._database.read(work)

    async def forget_run(self, run: str) -> int:
        """Delete every case a test run opened, with its events; returns how many cases."""

        def work(connection: Connection) -> int:
            of_run = select(cases.c.case_id).where(cases.c.run_id == run).scalar_subquery()
            connection.execute(delete(case_events).where(case_events.c.case_id.in_(of_run)))
            return int(connection.execute(delete(cases).where(cases.c.run_id == run)).rowcount)

        return await self._database.write(work)

    async def claim_due(
        self, now: datetime, *, run: str | None = None, runs_with_own_clock: Sequence[str] = (), limit: int = 100
    ) -> list[Case]:
        """Cases whose clock event has come (``due_at`` ≤ now), taken for a minute of wall time so that one
        process alone moves each on. ``now`` is ``run``'s time; without a run, the instance's, which is also
        the time of every run not in ``runs_with_own_clock``."""
        if run is not None:
            of_clock = cases.c.run_id == run
        else:
            of_clock = or_(cases.c.run_id.is_(None), cases.c.run_id.not_in(list(runs_with_own_clock)))

        def work(connection: Connection) -> list[Case]:
            wall = datetime.now(UTC)
            free = or_(cases.c.claimed_until.is_(None), cases.c.claimed_until < wall)
            chosen = (
                select(cases.c.case_id)
                .where(cases.c.due_at <= now, of_clock, free)
                .order_by(cases.c.due_at)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
            rows = connection.execute(
                update(cases)
                .where(cases.c.case_id.in_(chosen.scalar_subquery()))
                .values(claimed_until=wall + _LEASE)
                .returning(*cases.c)
            ).all()
            return [Case.from_row(row) for row in rows]

        return await self._database.write(work)


def _add_events(connection: Connection, case_id: str, events: Sequence[Event]) -> None:
    if events:
        connection.execute(insert(case_events), [event.row(case_id) for event in events])
