"""The request journal on both backends: bounded, persistent, and searchable as a tester verifies."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta

from gateway.storage.database import Database
from mocks.journal import Journal, JournalEntry, JournalQuery

START = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def entry(system: str, number: int, **fields: object) -> JournalEntry:
    values: dict[str, object] = {
        "service_id": "S_Lookup",
        "subject_iin": "641030320925",
        "message_id": f"m{number}",
        "outcome": "answered",
        "result_code": "00000",
        **fields,
    }
    return JournalEntry(
        system=system,
        received_at=START + timedelta(seconds=number),
        request_body=f"<request n='{number}'/>".encode(),
        **values,  # type: ignore[arg-type]
    )


def test_the_journal_keeps_the_newest_entries_of_each_system_near_its_capacity(database: Database) -> None:
    name, neighbour = f"t{uuid.uuid4().hex[:10]}", f"n{uuid.uuid4().hex[:10]}"

    async def scenario() -> tuple[list[str], int]:
        journal = Journal(database, capacity=10)
        await journal.record(entry(neighbour, 0))
        for number in range(100):
            await journal.record(entry(name, number))
        # A journal opened later (another process, a restart) reads the same entries.
        reopened = Journal(database, capacity=1000)
        kept = [found["messageId"] for found in await reopened.find(name, JournalQuery(), limit=1000)]
        neighbours = await reopened.count(neighbour, JournalQuery())
        await database.dispose()
        return kept, neighbours

    kept, neighbours = asyncio.run(scenario())
    assert kept[:10] == [f"m{number}" for number in range(99, 89, -1)]
    assert len(kept) < 10 + 32, "trimmed to the capacity every 32 writes"
    assert "m50" not in kept
    assert neighbours == 1, "trimming one system's journal leaves the others' alone"


def test_find_count_unmatched_and_near_misses(database: Database) -> None:
    name = f"t{uuid.uuid4().hex[:10]}"

    async def scenario() -> None:
        journal = Journal(database)
        await journal.record(entry(name, 1))
        await journal.record(entry(name, 2, subject_iin="850808310733", service_id="S_Other"))
        await journal.record(
            entry(name, 3, outcome="refused", result_code="Mock.UnknownService", service_id="X", subject_iin=None)
        )
        assert await journal.count(name, JournalQuery(service_id="S_Lookup")) == 1
        assert await journal.count(name, JournalQuery(iin="850808310733", service_id="S_Other")) == 1
        assert await journal.count(name, JournalQuery(contains="n='2'")) == 1
        assert await journal.count(name, JournalQuery(since=START + timedelta(seconds=2))) == 2
        [refused] = await journal.unmatched(name)
        assert (refused["messageId"], refused["resultCode"]) == ("m3", "Mock.UnknownService")

        query = JournalQuery(service_id="S_Other", iin="641030320925")
        assert await journal.count(name, query) == 0
        closest, *others = await journal.near_misses(name, query)
        assert (closest["matched"], closest["of"]) == (1, 2)
        assert closest["entry"]["messageId"] in ("m1", "m2")
        [(field, difference)] = closest["differences"].items()
        expected = {"serviceId": "S_Other", "iin": "641030320925"}[field]
        assert difference["expected"] == expected and difference["actual"] != expected
        assert [miss["matched"] for miss in others] == sorted((miss["matched"] for miss in others), reverse=True)
        assert await journal.clear(name) == 3
        await database.dispose()

    asyncio.run(scenario())
