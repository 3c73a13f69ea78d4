"""The fault rules of every mock, and their scenario state: how many more calls each may break, until when.

A rule names a system, optionally one of its serviceIds, a :class:`FaultSpec`, and when it applies: for the
next ``times`` calls (then the system recovers), for ``forMinutes`` of the instance's clock, with a
``probability`` per call, or until deleted. When several rules apply to a call, the one for the serviceId
beats the one for the whole system, and the newest wins; a call commits at most one fault.

Each rule belongs to a test run (mocks/runs.py) or to the default namespace, and breaks only the calls of
the run it belongs to: two CI jobs sharing an instance never break each other's calls.

Rules live in the database, so every process of an instance obeys them, and the count of a ``times`` rule
is spent with one conditional UPDATE, so two processes never spend the same call.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, and_, bindparam, delete, insert, or_, select, update

from mocks.faults.spec import FaultSpec, InvalidFault, parse_spec
from mocks.storage import Storage
from mocks.tables import mock_faults


@dataclass(frozen=True, slots=True)
class FaultRule:
    id: int
    system: str
    run_id: str | None
    service_id: str | None
    spec: FaultSpec
    remaining: int | None
    active_until: datetime | None
    probability: float
    hits: int
    created_at: datetime

    def active(self, now: datetime) -> bool:
        spent = self.remaining is not None and self.remaining <= 0
        return not spent and (self.active_until is None or now < self.active_until)

    def as_json(self, now: datetime) -> dict[str, Any]:
        return {
            "id": self.id,
            "system": self.system,
            "run": self.run_id,
            "serviceId": self.service_id,
            "fault": self.spec.as_json(),
            "remaining": self.remaining,
            "activeUntil": self.active_until.isoformat() if self.active_until else None,
            "probability": self.probability,
            "hits": self.hits,
            "createdAt": self.created_at.isoformat(),
            "active": self.active(now),
        }


class FaultBook:
    """Reads and spends the rules of every mock system. One per process, shared by the mocks and the API."""

    def __init__(self, storage: Storage, now: Callable[[], datetime], rng: random.Random | None = None) -> None:
        self._storage = storage
        self._now = now
        self._rng = rng or random.Random()

    async def add(
        self,
        system: str,
        spec: FaultSpec,
        *,
        service_id: str | None = None,
        times: int | None = None,
        for_minutes: float | None = None,
        probability: float = 1.0,
        run: str | None = None,
    ) -> FaultRule:
        if times is not None and times < 1:
            raise InvalidFault("times: at least 1 (leave it out for no limit)")
        if for_minutes is not None and for_minutes <= 0:
            raise InvalidFault("forMinutes: more than 0 (leave it out for no limit)")
        if not 0 < probability <= 1:
            raise InvalidFault("probability: more than 0 and at most 1")
        now = self._now().astimezone(UTC)
        values = {
            "system": system,
            "run_id": run,
            "service_id": service_id,
            "spec": json.dumps(spec.as_json()),
            "remaining": times,
            "active_until": now + timedelta(minutes=for_minutes) if for_minutes is not None else None,
            "probability": probability,
            "hits": 0,
            "created_at": now,
        }
        statement = insert(mock_faults).values(values).returning(mock_faults.c.id)
        rule_id = await self._storage.write(lambda connection: connection.execute(statement).scalar_one())
        return _rule({"id": rule_id, **values})

    async def rules(self, system: str, *, run: str | None = None) -> list[FaultRule]:
        statement = select(mock_faults).where(_of(system, run)).order_by(mock_faults.c.id)
        rows = await self._storage.read(lambda connection: list(connection.execute(statement).mappings()))
        return [_rule(row) for row in rows]

    async def remove(self, system: str, rule_id: int, *, run: str | None = None) -> bool:
        statement = delete(mock_faults).where(_of(system, run), mock_faults.c.id == rule_id)
        return await self._storage.write(lambda connection: connection.execute(statement).rowcount > 0)

    async def clear(self, system: str, *, run: str | None = None) -> int:
        statement = delete(mock_faults).where(_of(system, run))
        return await self._storage.write(lambda connection: connection.execute(statement).rowcount)

    async def forget_run(self, run: str) -> int:
        """Remove every rule of a test run, on every system."""
        statement = delete(mock_faults).where(mock_faults.c.run_id == run)
        return await self._storage.write(lambda connection: connection.execute(statement).rowcount)

    async def take(self, system: str, service_id: str | None, *, run: str | None = None) -> FaultSpec | None:
        """The fault to commit on this call, if a rule says so; the call is counted against that rule.

        Most calls meet no rule: they cost one read. Only a call a rule applies to writes, to spend it.
        """
        now = self._now()
        parameters = {"system": system, "service_id": service_id, "run": run}
        rows = await self._storage.read(lambda connection: list(connection.execute(_APPLICABLE, parameters).mappings()))
        candidates = sorted(
            (rule for rule in map(_rule, rows) if rule.active(now)),
            key=lambda rule: (rule.service_id is None, -rule.id),
        )
        chosen = [rule for rule in candidates if rule.probability >= 1 or self._rng.random() < rule.probability]
        if not chosen:
            return None
        return await self._storage.write(lambda connection: _spend_first(connection, chosen))


def _of(system: str, run: str | None) -> ColumnElement[bool]:
    return and_(mock_faults.c.system == system, mock_faults.c.run_id.is_not_distinct_from(run))


_APPLICABLE = select(mock_faults).where(
    mock_faults.c.system == bindparam("system"),
    mock_faults.c.run_id.is_not_distinct_from(bindparam("run", type_=String)),
    or_(mock_faults.c.service_id.is_(None), mock_faults.c.service_id == bindparam("service_id")),
    or_(mock_faults.c.remaining.is_(None), mock_faults.c.remaining > 0),
)
_SPEND = (
    update(mock_faults)
    .where(
        mock_faults.c.id == bindparam("rule_id"), or_(mock_faults.c.remaining.is_(None), mock_faults.c.remaining > 0)
    )
    .values(hits=mock_faults.c.hits + 1, remaining=mock_faults.c.remaining - 1)  # NULL stays NULL: no limit
)


def _spend_first(connection: Connection, rules: list[FaultRule]) -> FaultSpec | None:
    """The first rule still unspent when this call claims it (another process may have spent it meanwhile)."""
    for rule in rules:
        if connection.execute(_SPEND, {"rule_id": rule.id}).rowcount == 1:
            return rule.spec
    return None


def _rule(row: Any) -> FaultRule:
    return FaultRule(
        id=row["id"],
        system=row["system"],
        run_id=row["run_id"],
        service_id=row["service_id"],
        spec=parse_spec(json.loads(row["spec"])),
        remaining=row["remaining"],
        active_until=_utc(row["active_until"]) if row["active_until"] is not None else None,
        probability=row["probability"],
        hits=row["hits"],
        created_at=_utc(row["created_at"]),
    )


def _utc(moment: datetime) -> datetime:
    """SQLite hands datetimes back without their zone; every one stored here is UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
