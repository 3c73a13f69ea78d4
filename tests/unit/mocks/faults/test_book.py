"""Fault rules on both backends: spending, expiry by the clock, precedence, and two processes at once."""

from __future__ import annotations

import asyncio
import random
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import pytest

from gateway.storage.database import Database
from mocks.faults import FaultBook, FaultSpec, InvalidFault

T = TypeVar("T")
SOAP_FAULT = FaultSpec(kind="soap-fault")
EMPTY = FaultSpec(kind="empty-body")


class Clock:
    def __init__(self) -> None:
        self.moment = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)

    def now(self) -> datetime:
        return self.moment


def system() -> str:
    """A system name of this test alone: the session's database is shared."""
    return f"t{uuid.uuid4().hex[:12]}"


def run(database: Database, scenario: Callable[[], Awaitable[T]]) -> T:
    """Run ``scenario`` in its own event loop, leaving no connection of that loop behind."""

    async def body() -> T:
        try:
            return await scenario()
        finally:
            await database.dispose()

    return asyncio.run(body())


def test_a_counted_rule_is_spent_then_the_system_recovers(database: Database) -> None:
    name, clock = system(), Clock()
    book = FaultBook(database, clock.now)

    async def scenario() -> list[str | None]:
        await book.add(name, SOAP_FAULT, times=2)
        taken = [await book.take(name, "S") for _ in range(3)]
        [rule] = await book.rules(name)
        assert (rule.remaining, rule.hits, rule.active(clock.now())) == (0, 2, False)
        return [spec.kind if spec else None for spec in taken]

    assert run(database, scenario) == ["soap-fault", "soap-fault", None]


def test_a_timed_rule_ends_by_the_clock(database: Database) -> None:
    name, clock = system(), Clock()
    book = FaultBook(database, clock.now)

    async def scenario() -> list[bool]:
        await book.add(name, SOAP_FAULT, for_minutes=10)
        seen = [await book.take(name, "S") is not None]
        clock.moment += timedelta(minutes=9, seconds=59)
        seen.append(await book.take(name, "S") is not None)
        clock.moment += timedelta(seconds=1)
        seen.append(await book.take(name, "S") is not None)
        return seen

    assert run(database, scenario) == [True, True, False]


def test_the_service_rule_beats_the_system_rule_and_the_newest_wins(database: Database) -> None:
    name = system()
    book = FaultBook(database, Clock().now)

    async def scenario() -> list[str | None]:
        await book.add(name, FaultSpec(kind="hang"), service_id="A")
        await book.add(name, EMPTY, service_id="A")
        await book.add(name, SOAP_FAULT)
        taken = [await book.take(name, service) for service in "AB"]
        return [spec.kind if spec else None for spec in taken]

    assert run(database, scenario) == ["empty-body", "soap-fault"]


def test_probability_breaks_about_that_share_of_calls(database: Database) -> None:
    name = system()
    book = FaultBook(database, Clock().now, rng=random.Random(7))

    async def scenario() -> int:
        await book.add(name, SOAP_FAULT, probability=0.25)
        return sum([await book.take(name, "S") is not None for _ in range(400)])

    assert 70 <= run(database, scenario) <= 130


def test_two_processes_never_spend_the_same_call(database: Database) -> None:
    name = system()
    other = Database(database.urls.sync.render_as_string(hide_password=False))
    books = [FaultBook(database, Clock().now), FaultBook(other, Clock().now)]

    async def scenario() -> int:
        await books[0].add(name, SOAP_FAULT, times=5)
        taken = await asyncio.gather(*(books[i % 2].take(name, "S") for i in range(30)))
        other.sync_engine.dispose()
        return sum(spec is not None for spec in taken)

    assert run(database, scenario) == 5


@pytest.mark.parametrize("arguments", [{"times": 0}, {"for_minutes": 0}, {"probability": 0}, {"probability": 1.1}])
def test_a_rule_that_can_never_apply_is_refused(database: Database, arguments: dict[str, float]) -> None:
    book = FaultBook(database, Clock().now)

    async def scenario() -> None:
        await book.add(system(), SOAP_FAULT, **arguments)  # type: ignore[arg-type]

    with pytest.raises(InvalidFault):
        run(database, scenario)


def test_a_run_s_rules_break_its_calls_alone_and_are_listed_and_cleared_in_it_alone(database: Database) -> None:
    name = system()
    book = FaultBook(database, Clock().now)

    async def scenario() -> dict[str, object]:
        await book.add(name, SOAP_FAULT, run="job-a")
        await book.add(name, EMPTY, run="job-b", times=1)
        taken = {run: await book.take(name, "S", run=run) for run in ("job-a", "job-b", None)}
        seen = {run: [rule.run_id for rule in await book.rules(name, run=run)] for run in ("job-a", "job-b", None)}
        cleared = await book.clear(name, run="job-b")
        return {
            "taken": {run: spec.kind if spec else None for run, spec in taken.items()},
            "seen": seen,
            "cleared": cleared,
            "left": [rule.run_id for rule in await book.rules(name, run="job-a")],
            "forgotten": await book.forget_run("job-a"),
        }

    assert run(database, scenario) == {
        "taken": {"job-a": "soap-fault", "job-b": "empty-body", None: None},
        "seen": {"job-a": ["job-a"], "job-b": ["job-b"], None: []},
        "cleared": 1,
        "left": ["job-a"],
        "forgotten": 1,
    }
