"""Reading and writing the population in the database.

Generation and sampling use the synchronous engine (bulk work, CLI); the mocks' lookups use the async one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, delete, func, insert, inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine

from mocks.population.features import FEATURES
from mocks.population.generator import POPULATION_EPOCH, PopulationGenerator
from mocks.population.tables import identity_documents, persons, population_info

Progress = Callable[[int, int], None]

_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class PopulationSummary:
    size: int
    seed: int
    epoch: date
    generated_now: bool


def read_summary(engine: Engine) -> PopulationSummary | None:
    """What population the database holds, or None if it holds none (or has no schema yet)."""
    if not inspect(engine).has_table(population_info.name):
        return None
    with engine.connect() as connection:
        rows = connection.execute(select(population_info.c.key, population_info.c.value))
        info: dict[str, str] = {key: value for key, value in rows}  # noqa: C416 - rows are Row objects
    if "size" not in info:
        return None
    return PopulationSummary(int(info["size"]), int(info["seed"]), date.fromisoformat(info["epoch"]), False)


def ensure_population(engine: Engine, size: int, seed: int, progress: Progress | None = None) -> PopulationSummary:
    """Generate the population unless one is already stored (a stored one is kept, whatever its size or seed)."""
    existing = read_summary(engine)
    if existing is not None:
        return existing
    return generate_population(engine, size, seed, progress)


def generate_population(engine: Engine, size: int, seed: int, progress: Progress | None = None) -> PopulationSummary:
    """Replace the stored population with ``size`` citizens of ``seed``, in one transaction."""
    generator = PopulationGenerator(seed)
    with engine.begin() as connection:
        for table in (identity_documents, persons, population_info):
            connection.execute(delete(table))
        done = 0
        people = generator.people(size)
        while done < size:
            batch = [person for _, person in zip(range(_BATCH), people, strict=False)]
            connection.execute(insert(persons), [person.person_row() for person in batch])
            documents = [
                {
                    "iin": person.iin,
                    **{f: getattr(doc, f) for f in ("kind", "number", "begin_date", "end_date", "issuer")},
                }
                for person in batch
                for doc in person.documents
            ]
            if documents:
                connection.execute(insert(identity_documents), documents)
            done += len(batch)
            if progress is not None:
                progress(done, size)
        connection.execute(
            insert(population_info),
            [
                {"key": "size", "value": str(size)},
                {"key": "seed", "value": str(seed)},
                {"key": "epoch", "value": POPULATION_EPOCH.isoformat()},
            ],
        )
    return PopulationSummary(size, seed, POPULATION_EPOCH, True)


def sample_iins(engine: Engine, count: int, feature: str | None, today: date) -> list[str]:
    """IINs of ``count`` existing citizens having ``feature`` (any citizen if None), in IIN order.

    Raises KeyError for an unknown feature.
    """
    statement = select(persons.c.iin).order_by(persons.c.iin).limit(count)
    if feature is not None:
        statement = statement.where(FEATURES[feature].condition(today))
    with engine.connect() as connection:
        return list(connection.execute(statement).scalars())


@dataclass(frozen=True, slots=True)
class PersonRecord:
    person: dict[str, Any]
    documents: list[dict[str, Any]]


class PopulationStore:
    """Lookups the mock systems make, on the async engine."""

    def __init__(self, engine: AsyncEngine, max_matches: int = 20) -> None:
        self._engine = engine
        self.max_matches = max_matches

    async def by_iin(self, iin: str) -> PersonRecord | None:
        found = await self._records(select(persons).where(persons.c.iin == iin))
        return found[0] if found else None

    async def by_document_number(self, number: str) -> list[PersonRecord]:
        owners = select(identity_documents.c.iin).where(identity_documents.c.number == number)
        return await self._records(select(persons).where(persons.c.iin.in_(owners)))

    async def by_name(
        self,
        surname: str,
        name: str | None = None,
        patronymic: str | None = None,
        born_from: date | None = None,
        born_to: date | None = None,
    ) -> list[PersonRecord]:
        statement = select(persons).where(func.upper(persons.c.surname) == surname.upper())
        if name:
            statement = statement.where(func.upper(persons.c.name) == name.upper())
        if patronymic:
            statement = statement.where(func.upper(persons.c.patronymic) == patronymic.upper())
        if born_from:
            statement = statement.where(persons.c.birth_date >= born_from)
        if born_to:
            statement = statement.where(persons.c.birth_date <= born_to)
        return await self._records(statement.order_by(persons.c.iin).limit(self.max_matches))

    async def _records(self, statement: Any) -> list[PersonRecord]:
        async with self._engine.connect() as connection:
            rows = [dict(row) for row in (await connection.execute(statement)).mappings()]
            if not rows:
                return []
            iins = [row["iin"] for row in rows]
            documents = (
                await connection.execute(
                    select(identity_documents)
                    .where(identity_documents.c.iin.in_(iins))
                    .order_by(identity_documents.c.begin_date)
                )
            ).mappings()
            by_owner: dict[str, list[dict[str, Any]]] = {iin: [] for iin in iins}
            for document in documents:
                by_owner[document["iin"]].append(dict(document))
        return [PersonRecord(row, by_owner[row["iin"]]) for row in rows]
