"""The ГБД ФЛ mock on its own (in-process), at a fixed moment."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest
from lxml import etree
from sqlalchemy import select

from contracts.loader import load_contracts
from gateway.storage import migrate
from gateway.storage.database import Database
from mocks import create_mock_app
from mocks.catalogue import GBDFL
from mocks.population import generate_population
from mocks.population.tables import identity_documents, persons
from tests.support.shep import gbdfl_request, inline_data, read_fault, response_payload, send_message

NOW = datetime(2026, 11, 22, 6, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path_factory.mktemp('gbdfl') / 'g.db'}")
    migrate.upgrade(database.sync_engine)
    generate_population(database.sync_engine, 800, seed=11)
    yield database
    database.sync_engine.dispose()


def _ask(database: Database, body: bytes) -> httpx.Response:
    async def call() -> httpx.Response:
        app = create_mock_app(GBDFL, database, lambda: NOW)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://mock") as client:
            response = await client.post("/", content=body, headers={"Content-Type": "text/xml"})
        await database.dispose()
        return response

    return asyncio.run(call())


def _lookup(database: Database, **criteria: str) -> etree._Element:
    iin = criteria.pop("iin", None)
    response = _ask(database, send_message(inline_data(gbdfl_request(iin, **criteria))))
    assert response.status_code == 200, response.text
    payload = response_payload(response.content)
    standalone = etree.Element("{http://message.persistence.interactive.nat}Response")
    standalone.extend(payload)
    schema = load_contracts().payload("gbdfl").schema
    assert schema.validate(standalone), schema.error_log
    return standalone


def _row(database: Database, *conditions: Any) -> dict[str, Any]:
    with database.sync_engine.connect() as connection:
        return dict(connection.execute(select(persons).where(*conditions).limit(1)).mappings().one())


def test_a_person_by_iin_carries_the_committed_fields(database: Database) -> None:
    person = _row(database, persons.c.death_date.is_(None), persons.c.birth_date < date(1990, 1, 1))
    answer = _lookup(database, iin=person["iin"])
    assert answer.findtext("messageResult/code") == "00000"
    (found,) = answer.findall("persons/person")
    assert found.findtext("iin") == person["iin"]
    assert found.findtext("surname") == person["surname"] and found.findtext("name") == person["name"]
    assert found.findtext("birthDate") == person["birth_date"].isoformat()
    assert found.findtext("gender/code") == {"M": "1", "F": "2"}[person["sex"]]
    assert found.findtext("lifeStatus/nameRu") == "ЖИВ"
    assert found.findtext("citizenship/code") == person["citizenship"]
    assert found.findtext("regAddress/street") == person["reg_street"]
    assert found.find("documents/document") is not None


def test_a_deceased_person_has_a_death_date_and_invalid_documents(database: Database) -> None:
    person = _row(database, persons.c.death_date.is_not(None))
    found = _lookup(database, iin=person["iin"]).find("persons/person")
    assert found is not None
    assert found.findtext("deathDate") == person["death_date"].isoformat()
    assert found.findtext("lifeStatus/code") == "2"
    assert found.findtext("deathCertificate/number") == person["death_certificate"]
    assert {d.findtext("status/code") for d in found.iterfind("documents/document")} == {"02"}


def test_document_status_follows_the_clock(database: Database) -> None:
    with database.sync_engine.connect() as connection:
        card = (
            connection.execute(
                select(identity_documents)
                .join(persons, persons.c.iin == identity_documents.c.iin)
                .where(
                    identity_documents.c.kind == "ID_CARD",
                    persons.c.death_date.is_(None),
                    identity_documents.c.end_date < NOW.date(),
                )
                .limit(1)
            )
            .mappings()
            .one()
        )
    found = _lookup(database, iin=card["iin"]).find("persons/person")
    assert found is not None
    statuses = {d.findtext("number"): d.findtext("status/code") for d in found.iterfind("documents/document")}
    assert statuses[card["number"]] == "01"


def test_lookups_by_document_number_and_by_name(database: Database) -> None:
    person = _row(database, persons.c.death_date.is_(None), persons.c.birth_date < date(2000, 1, 1))
    with database.sync_engine.connect() as connection:
        number = connection.execute(
            select(identity_documents.c.number).where(identity_documents.c.iin == person["iin"]).limit(1)
        ).scalar_one()
    by_document = _lookup(database, documentNumber=number)
    assert [p.findtext("iin") for p in by_document.iterfind("persons/person")] == [person["iin"]]
    by_name = _lookup(
        database, surname=person["surname"], name=person["name"], birthDate=person["birth_date"].isoformat()
    )
    assert person["iin"] in [p.findtext("iin") for p in by_name.iterfind("persons/person")]


@pytest.mark.parametrize(
    ("criteria", "code"),
    [({"iin": "061211600012"}, "10001"), ({"iin": "061211600013"}, "20001"), ({"iin": "abc"}, "20001"), ({}, "20002")],
    ids=["unknown-valid-iin", "wrong-check-digit", "not-digits", "no-criteria"],
)
def test_business_outcomes_travel_inside_a_successful_answer(
    database: Database, criteria: dict[str, str], code: str
) -> None:
    answer = _lookup(database, **criteria)
    assert answer.findtext("messageResult/code") == code
    assert answer.find("persons") is None


def test_a_request_the_mock_cannot_process_is_its_own_fault(database: Database) -> None:
    response = _ask(database, send_message(inline_data(gbdfl_request("061211600012")), service_id="SOMETHING_ELSE"))
    assert response.status_code == 500
    assert read_fault(response.content).code == "Mock.UnknownService"
    response = _ask(database, b"<not-soap/>")
    assert read_fault(response.content).code == "Mock.InvalidRequest"
