"""Changing the population while an instance runs: register a death now, revoke a guardianship, add a
citizen or any registry record, change or delete one.

Every value is checked as the mocks will read it (kinds from their dictionaries, settlements that exist,
IINs that are valid and belong to a citizen, IBANs with their check digits), so a record written here never
breaks a mock's answer. Field names are the API's camelCase forms of the columns of mocks/population/tables.py.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Any, Final

from sqlalchemy import Boolean, Connection, Date, Integer, String, Table, delete, insert, or_, select, update

from contracts.shep import KZ_TIME
from mocks.gbdfl import dictionaries as gbdfl
from mocks.population._life import iban_is_valid
from mocks.population._names import group_by_code, latin
from mocks.population._people import settlement_by_kato
from mocks.population.tables import (
    bank_accounts,
    benefits,
    civil_acts,
    court_decisions,
    disabilities,
    employments,
    entrepreneurs,
    guardianships,
    identity_documents,
    persons,
    unemployment,
)
from mocks.storage import Storage
from mocks.systems import dictionaries as d
from signing.iin import iin_birth_date, iin_problem, iin_sex, make_iin

RECORD_KINDS: Final[dict[str, Table]] = {
    "identity-documents": identity_documents,
    "civil-acts": civil_acts,
    "guardianships": guardianships,
    "court-decisions": court_decisions,
    "disabilities": disabilities,
    "employments": employments,
    "unemployment": unemployment,
    "entrepreneurs": entrepreneurs,
    "bank-accounts": bank_accounts,
    "benefits": benefits,
}
"""The registry records the admin API edits, by the name in its URLs."""

_DEFAULT_SETTLEMENT = "711210000"  # Astana (Baikonur district): where a citizen created without an address lives


class RecordNotFound(LookupError):
    pass


class InvalidRecord(ValueError):
    pass


class RecordConflict(ValueError):
    pass


class PopulationEditor:
    def __init__(self, storage: Storage, now: Callable[[], datetime], rng: random.Random | None = None) -> None:
        self._storage = storage
        self._now = now
        self._rng = rng or random.Random()

    def today(self) -> date:
        return self._now().astimezone(KZ_TIME).date()

    async def person(self, iin: str) -> dict[str, Any]:
        """The citizen and every record of every registry that names them."""
        return await self._storage.read(lambda connection: _person_view(connection, iin))

    async def create_person(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        values = _values(persons, fields, creating=True, defaults=_person_defaults(fields))

        def create(connection: Connection) -> dict[str, Any]:
            if not values.get("iin"):
                values["iin"] = self._free_iin(connection, values["birth_date"], values["sex"])
            _check_iin_matches(values)
            if _exists(connection, values["iin"]):
                raise RecordConflict(f"a citizen with IIN {values['iin']} exists already")
            connection.execute(insert(persons).values(values))
            return _person_view(connection, values["iin"])

        return await self._storage.write(create)

    async def update_person(self, iin: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        if "iin" in fields:
            raise InvalidRecord("iin: a citizen's IIN cannot change; create another citizen")
        values = _values(persons, fields, creating=False)

        def change(connection: Connection) -> dict[str, Any]:
            person = _existing(connection, iin)
            _check_iin_matches({**person, **values})
            if values:  # an UPDATE that sets nothing is not SQL: no fields, no change
                connection.execute(update(persons).where(persons.c.iin == iin).values(values))
            return _person_view(connection, iin)

        return await self._storage.write(change)

    async def delete_person(self, iin: str) -> None:
        """The citizen and every record naming them, in every registry."""

        def remove(connection: Connection) -> None:
            _existing(connection, iin)
            for table in RECORD_KINDS.values():
                columns = [column for column in table.c if column.name.endswith("iin")]
                connection.execute(delete(table).where(or_(*(column == iin for column in columns))))
            connection.execute(delete(persons).where(persons.c.iin == iin))

        await self._storage.write(remove)

    async def register_death(
        self, iin: str, died_on: date | None = None, registered_on: date | None = None, office: str | None = None
    ) -> dict[str, Any]:
        """The death in the Individuals DB and its act in the civil registry, as the registry office does it."""
        today = self.today()
        died, registered = died_on or today, registered_on or today
        if died > today or registered < died or registered > today:
            raise InvalidRecord("the death cannot be after today, nor registered before it happened or after today")

        def register(connection: Connection) -> dict[str, Any]:
            person = _existing(connection, iin)
            if person["death_date"] is not None:
                raise RecordConflict(f"{iin} died on {person['death_date']} already")
            if died < person["birth_date"]:
                raise InvalidRecord(f"{iin} was born on {person['birth_date']}, after {died}")
            where = office or person["reg_settlement"] or _DEFAULT_SETTLEMENT
            _check_value(civil_acts, "office", where)
            number = f"{self._rng.randrange(10_000_000):07d}"
            connection.execute(
                update(persons).where(persons.c.iin == iin).values(death_date=died, death_certificate=number)
            )
            act = {"kind": "DEATH", "number": number, "event_date": died, "registered_on": registered}
            connection.execute(insert(civil_acts).values({**act, "office": where, "person_iin": iin}))
            return _person_view(connection, iin)

        return await self._storage.write(register)

    async def add_record(self, kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
        table = _table(kind)
        values = _values(table, fields, creating=True)

        def add(connection: Connection) -> dict[str, Any]:
            _check_people(connection, values)
            record_id = connection.execute(insert(table).values(values).returning(table.c.id)).scalar_one()
            return _record(connection, table, record_id)

        return await self._storage.write(add)

    async def update_record(self, kind: str, record_id: int, fields: Mapping[str, Any]) -> dict[str, Any]:
        table = _table(kind)
        values = _values(table, fields, creating=False)

        def change(connection: Connection) -> dict[str, Any]:
            _record(connection, table, record_id)
            _check_people(connection, values)
            if values:
                connection.execute(update(table).where(table.c.id == record_id).values(values))
            return _record(connection, table, record_id)

        return await self._storage.write(change)

    async def delete_record(self, kind: str, record_id: int) -> None:
        table = _table(kind)

        def remove(connection: Connection) -> None:
            if connection.execute(delete(table).where(table.c.id == record_id)).rowcount == 0:
                raise RecordNotFound(f"there is no {kind} record {record_id}")

        await self._storage.write(remove)

    def _free_iin(self, connection: Connection, birth_date: date, sex: str) -> str:
        for _ in range(50):
            iin = make_iin(birth_date, "M" if sex == "M" else "F", self._rng.randrange(5000, 10_000))
            if iin is not None and not _exists(connection, iin):
                return iin
        raise RecordConflict(f"no free IIN for {birth_date} {sex}")  # pragma: no cover - 5,000 serials a day


def _table(kind: str) -> Table:
    try:
        return RECORD_KINDS[kind]
    except KeyError:
        raise RecordNotFound(f"there are no {kind!r} records; the kinds: {', '.join(RECORD_KINDS)}") from None


def _person_defaults(fields: Mapping[str, Any]) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "nationality": "005",
        "citizenship": "398",
        "birth_country": "398",
        "reg_settlement": _DEFAULT_SETTLEMENT,
    }
    defaults["birth_settlement"] = fields.get("regSettlement") or _DEFAULT_SETTLEMENT
    if isinstance(fields.get("surname"), str):
        defaults["eng_surname"] = latin(fields["surname"])
    if isinstance(fields.get("name"), str):
        defaults["eng_first_name"] = latin(fields["name"])
    return defaults


def _values(
    table: Table, fields: Mapping[str, Any], *, creating: bool, defaults: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The columns to write, from camelCase fields, each checked; on creation, every required one."""
    values: dict[str, Any] = {}
    for field, raw in fields.items():
        column = _snake(field)
        if column not in table.c or column == "id":
            known = ", ".join(_camel(c.name) for c in table.c if c.name != "id")
            raise InvalidRecord(f"{field}: not a field of {table.name}; the fields: {known}")
        values[column] = _coerce(table, column, raw)
        if values[column] is not None:
            _check_value(table, column, values[column])
    if creating:
        for column, default in (defaults or {}).items():
            values.setdefault(column, default)
        missing = [
            _camel(c.name)
            for c in table.c
            if not c.nullable
            and c.name != "id"
            and values.get(c.name) is None
            and not (table is persons and c.name == "iin")
        ]
        if missing:
            raise InvalidRecord(f"required: {', '.join(missing)}")
    return values


def _coerce(table: Table, column: str, raw: Any) -> Any:
    kind = table.c[column].type
    name = _camel(column)
    if raw is None:
        if not table.c[column].nullable:
            raise InvalidRecord(f"{name}: required, cannot be null")
        return None
    if isinstance(kind, Date):
        try:
            return date.fromisoformat(raw) if isinstance(raw, str) else _fail(name, "a date (YYYY-MM-DD)")
        except ValueError:
            _fail(name, "a date (YYYY-MM-DD)")
    if isinstance(kind, Boolean):
        return raw if isinstance(raw, bool) else _fail(name, "true or false")
    if isinstance(kind, Integer):
        return raw if isinstance(raw, int) and not isinstance(raw, bool) else _fail(name, "a whole number")
    if isinstance(kind, String):
        if not isinstance(raw, str) or not raw.strip():
            _fail(name, "a non-empty string")
        if kind.length is not None and len(raw) > kind.length:
            _fail(name, f"at most {kind.length} characters")
        return raw.strip()
    return raw  # pragma: no cover - every column is one of the above


def _fail(name: str, expected: str) -> Any:
    raise InvalidRecord(f"{name}: expected {expected}")


def _settlement(kato: str) -> str | None:
    try:
        settlement_by_kato(kato)
    except KeyError:
        return f"no settlement has KATO code {kato}"
    return None


def _body(prefix: str) -> Callable[[str], str | None]:
    def check(reference: str) -> str | None:
        kind, _, kato = reference.partition(":")
        if kind != prefix:
            return f"expected {prefix}:<KATO code of the settlement>"
        return _settlement(kato)

    return check


def _one_of(values: Mapping[str, Any] | set[str]) -> Callable[[str], str | None]:
    return lambda value: None if value in values else f"one of {', '.join(sorted(values))}"


def _nationality(code: str) -> str | None:
    try:
        group_by_code(code)
    except KeyError:
        return "a nationality code of mocks/gbdfl: 001, 002, 004, 005, 101-104"
    return None


def _country(code: str) -> str | None:
    try:
        gbdfl.country(code)
    except KeyError:
        return "an ISO 3166-1 numeric country code the Individuals DB knows (398: Kazakhstan)"
    return None


_CHECKS: Final[dict[tuple[str, str], Callable[[Any], str | None]]] = {
    ("persons", "sex"): _one_of({"M", "F"}),
    ("persons", "nationality"): _nationality,
    ("persons", "citizenship"): _country,
    ("persons", "birth_country"): _country,
    ("persons", "birth_settlement"): _settlement,
    ("persons", "reg_settlement"): _settlement,
    ("persons", "phone"): lambda phone: None if re.fullmatch(r"\+7\d{10}", phone) else "+7 and ten digits",
    ("identity_documents", "kind"): _one_of(gbdfl.DOCUMENT_TYPES),
    ("identity_documents", "issuer"): _one_of(gbdfl.ISSUERS),
    ("civil_acts", "kind"): _one_of(d.ACT_KINDS),
    ("civil_acts", "office"): _settlement,
    ("guardianships", "kind"): _one_of(d.GUARDIANSHIP_KINDS),
    ("guardianships", "authority"): _body("akimat"),
    ("court_decisions", "kind"): _one_of(d.DECISION_KINDS),
    ("court_decisions", "court"): _body("court"),
    ("disabilities", "group"): _one_of(d.DISABILITY_GROUPS),
    ("disabilities", "cause"): _one_of(d.DISABILITY_CAUSES),
    ("disabilities", "working_capacity_loss"): lambda percent: None if 0 <= percent <= 100 else "0 to 100",
    ("unemployment", "center"): _body("center"),
    ("entrepreneurs", "tax_regime"): _one_of(d.TAX_REGIMES),
    ("bank_accounts", "bank_code"): _one_of(d.BANKS),
    ("bank_accounts", "iban"): lambda iban: None if iban_is_valid(iban) else "a Kazakh IBAN with valid check digits",
    ("benefits", "kind"): _one_of(d.BENEFIT_KINDS),
}


def _check_value(table: Table, column: str, value: Any) -> None:
    if column.endswith("iin") and (problem := iin_problem(value)) is not None:
        raise InvalidRecord(f"{_camel(column)}: {problem}")
    check = _CHECKS.get((table.name, column))
    if check is not None and (problem := check(value)) is not None:
        raise InvalidRecord(f"{_camel(column)}: {problem}")


def _check_iin_matches(values: Mapping[str, Any]) -> None:
    """An IIN carries its holder's birth date and sex; they must agree with the record's."""
    iin = values["iin"]
    if iin_birth_date(iin) != values["birth_date"] or iin_sex(iin) != values["sex"]:
        raise InvalidRecord(
            f"iin: {iin} encodes birth date {iin_birth_date(iin)} and sex {iin_sex(iin)}, "
            f"not {values['birth_date']} and {values['sex']}"
        )


def _check_people(connection: Connection, values: Mapping[str, Any]) -> None:
    for column, iin in values.items():
        if column.endswith("iin") and iin is not None and not _exists(connection, iin):
            raise InvalidRecord(f"{_camel(column)}: no citizen has IIN {iin}")


def _exists(connection: Connection, iin: str) -> bool:
    return connection.execute(select(persons.c.iin).where(persons.c.iin == iin)).first() is not None


def _existing(connection: Connection, iin: str) -> dict[str, Any]:
    row = connection.execute(select(persons).where(persons.c.iin == iin)).mappings().first()
    if row is None:
        raise RecordNotFound(f"no citizen has IIN {iin}")
    return dict(row)


def _record(connection: Connection, table: Table, record_id: int) -> dict[str, Any]:
    row = connection.execute(select(table).where(table.c.id == record_id)).mappings().first()
    if row is None:
        raise RecordNotFound(f"there is no {table.name} record {record_id}")
    return _json(dict(row))


def _person_view(connection: Connection, iin: str) -> dict[str, Any]:
    person = _existing(connection, iin)
    records: dict[str, list[dict[str, Any]]] = {}
    for kind, table in RECORD_KINDS.items():
        columns = [column for column in table.c if column.name.endswith("iin")]
        rows = connection.execute(select(table).where(or_(*(column == iin for column in columns))).order_by(table.c.id))
        records[kind] = [_json(dict(row)) for row in rows.mappings()]
    return {"person": _json(person), "records": records}


def _json(row: Mapping[str, Any]) -> dict[str, Any]:
    return {_camel(name): value.isoformat() if isinstance(value, date) else value for name, value in row.items()}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
