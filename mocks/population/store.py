"""Reading and writing the population in the database.

Generation and sampling use the synchronous engine (bulk work, CLI); the mocks' lookups run as units of work
on a ``Storage`` (mocks/storage.py), in worker threads.
"""

from __future__ import annotations

import functools
import operator
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    BindParameter,
    Connection,
    Engine,
    Select,
    Table,
    bindparam,
    delete,
    func,
    insert,
    inspect,
    or_,
    select,
)

from mocks.population.features import FEATURES
from mocks.population.generator import POPULATION_EPOCH, PopulationGenerator
from mocks.population.records import DOCUMENT_FIELDS, PERSON_FIELDS, Household, document_values, person_values
from mocks.population.tables import RECORD_TABLES, identity_documents, persons, population_info
from mocks.storage import Storage

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
    """Replace the stored population with ``size`` citizens of ``seed`` and their records, in one transaction."""
    generator = PopulationGenerator(seed)
    with engine.begin() as connection:
        for table in (*reversed(RECORD_TABLES.values()), identity_documents, persons, population_info):
            connection.execute(delete(table))
        pending: list[Household] = []
        done = in_batch = 0
        for household in generator.generate(size):
            pending.append(household)
            done += len(household.persons)
            in_batch += len(household.persons)
            if in_batch >= _BATCH or done >= size:
                _write(connection, pending)
                pending, in_batch = [], 0
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


def _write(connection: Connection, households: list[Household]) -> None:
    people = [person for household in households for person in household.persons]
    _bulk_insert(connection, persons, PERSON_FIELDS, [person_values(person) for person in people])
    documents = [(person.iin, *document_values(document)) for person in people for document in person.documents]
    _bulk_insert(connection, identity_documents, ("iin", *DOCUMENT_FIELDS), documents)
    for attribute, table in RECORD_TABLES.items():
        records = [record for household in households for record in getattr(household, attribute)]
        if records:
            fields = tuple(type(records[0]).__dataclass_fields__)
            values = operator.attrgetter(*fields)
            _bulk_insert(connection, table, fields, [values(record) for record in records])


def _bulk_insert(connection: Connection, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """executemany straight to the driver: at a million citizens, SQLAlchemy's per-row work is most of the time."""
    if not rows:
        return
    placeholder = "?" if connection.dialect.paramstyle == "qmark" else "%s"
    quoted = ", ".join(f'"{column}"' for column in columns)
    sql = f"INSERT INTO {table.name} ({quoted}) VALUES ({', '.join([placeholder] * len(columns))})"
    connection.exec_driver_sql(sql, rows)


# SQLAlchemy stores dates in SQLite as ISO text; rows written past it (above) must look the same.
sqlite3.register_adapter(date, date.isoformat)


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
    """The lookups the mock systems make; each is one unit of work on ``storage``."""

    def __init__(self, storage: Storage, max_matches: int = 20) -> None:
        self._storage = storage
        self.max_matches = max_matches

    async def by_iin(self, iin: str) -> PersonRecord | None:
        found = await self._storage.read(lambda connection: _with_documents(connection, _BY_IIN, {"iin": iin}))
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

    async def rows(self, table: Table, iin: str, *columns: str) -> list[dict[str, Any]]:
        """Rows of ``table`` where any of ``columns`` (default ``iin``) holds ``iin``, oldest first."""
        statement = _rows_naming(table, columns or ("iin",))
        return await self._storage.read(lambda connection: _dicts(connection, statement, {"iin": iin}))

    async def people(self, iins: set[str]) -> dict[str, dict[str, Any]]:
        """The persons rows of these IINs, by IIN (unknown ones are left out)."""
        if not iins:
            return {}
        found = await self._storage.read(lambda connection: _dicts(connection, _PEOPLE, {"iins": list(iins)}))
        return {record["iin"]: record for record in found}

    async def _records(self, statement: Any) -> list[PersonRecord]:
        return await self._storage.read(lambda connection: _with_documents(connection, statement))


# The lookups every answer makes, built once: building a statement costs several times executing it.
_BY_IIN = select(persons).where(persons.c.iin == bindparam("iin"))
_PEOPLE = select(persons).where(persons.c.iin.in_(bindparam("iins", expanding=True)))
_DOCUMENTS = (
    select(identity_documents)
    .where(identity_documents.c.iin.in_(bindparam("iins", expanding=True)))
    .order_by(identity_documents.c.begin_date)
)


@functools.cache
def _rows_naming(table: Table, columns: tuple[str, ...]) -> Select[Any]:
    iin: BindParameter[str] = bindparam("iin")
    return select(table).where(or_(*(table.c[name] == iin for name in columns))).order_by(table.c.id)


def _dicts(connection: Connection, statement: Any, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return [dict(row) for row in connection.execute(statement, parameters or {}).mappings()]


def _with_documents(
    connection: Connection, statement: Any, parameters: dict[str, Any] | None = None
) -> list[PersonRecord]:
    rows = _dicts(connection, statement, parameters)
    if not rows:
        return []
    iins = [row["iin"] for row in rows]
    documents = _dicts(connection, _DOCUMENTS, {"iins": iins})
    by_owner: dict[str, list[dict[str, Any]]] = {iin: [] for iin in iins}
    for document in documents:
        by_owner[document["iin"]].append(document)
    return [PersonRecord(row, by_owner[row["iin"]]) for row in rows]
