"""Changing the population at runtime through the admin API, and every mock seeing the change at once.

Each test makes its own citizens, so the shared population other tests sample from stays as generated.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

import pytest
from lxml import etree

from mocks.population._life import iban
from signing.iin import iin_birth_date, iin_sex, make_iin
from tests.support.gateway import LiveGateway
from tests.support.shep import gbdfl_request, inline_data, response_payload, send_message, simulated_data

API = "/api/v1/population"


def create(gateway: LiveGateway, **fields: Any) -> dict[str, Any]:
    body = {"surname": "ТЕСТОВА", "name": "ӘЛИЯ", "birthDate": "1990-05-17", "sex": "F", **fields}
    response = gateway.http.post(f"{API}/persons", json=body)
    assert response.status_code == 201, response.text
    person: dict[str, Any] = response.json()["person"]
    return person


def ask(gateway: LiveGateway, service_id: str, contract: str, iin: str, **fields: str) -> etree._Element:
    response = gateway.post(send_message(simulated_data(contract, iin, **fields), service_id=service_id))
    assert response.status_code == 200, response.text
    return response_payload(response.content)


def individual(gateway: LiveGateway, iin: str) -> etree._Element:
    return response_payload(gateway.post(send_message(inline_data(gbdfl_request(iin)))).content)


def test_a_new_citizen_gets_a_valid_iin_and_is_in_the_individuals_db_at_once(gateway: LiveGateway) -> None:
    person = create(gateway, phone="+77011234567")
    iin = person["iin"]
    assert iin_birth_date(iin) == date(1990, 5, 17) and iin_sex(iin) == "F"
    assert (person["engSurname"], person["engFirstName"]) == ("TESTOVA", "ALIYA")
    found = individual(gateway, iin).find("persons/person")
    assert found is not None
    assert (found.findtext("surname"), found.findtext("name"), found.findtext("lifeStatus/code")) == (
        "ТЕСТОВА",
        "ӘЛИЯ",
        "1",
    )
    sms = ask(gateway, "SMS_Send", "sms", iin, text="x")
    assert sms.findtext("sms/phone") == "+77011234567"


def test_registering_a_death_now_reaches_the_individuals_db_and_the_civil_registry(gateway: LiveGateway) -> None:
    iin = create(gateway)["iin"]
    today = gateway.http.get("/api/v1/clock").json()["nowKz"][:10]
    response = gateway.http.post(f"{API}/persons/{iin}/death", json={})
    assert response.status_code == 200, response.text
    [act] = response.json()["records"]["civil-acts"]
    assert (act["kind"], act["eventDate"], act["registeredOn"]) == ("DEATH", today, today)

    person = individual(gateway, iin).find("persons/person")
    assert person is not None
    assert (person.findtext("lifeStatus/code"), person.findtext("deathDate")) == ("2", today)
    death = ask(gateway, "ZAGS_DeathActs", "zags", iin)
    assert death.findtext("acts/act/number") == act["number"]
    assert gateway.http.post(f"{API}/persons/{iin}/death", json={}).json()["code"] == "Client.Conflict"


def test_revoking_a_guardianship_shows_in_e_guardianship(gateway: LiveGateway) -> None:
    guardian = create(gateway, surname="ҚОРҒАУШЫ", name="АСАН", sex="M", birthDate="1970-01-02")["iin"]
    ward = create(gateway, surname="БАЛАЕВ", name="ӘЛІ", sex="M", birthDate="2015-03-04")["iin"]
    record = {
        "kind": "GUARDIANSHIP",
        "wardIin": ward,
        "guardianIin": guardian,
        "decisionNumber": "17-П",
        "decisionDate": "2024-02-01",
        "authority": "akimat:711210000",
    }
    added = gateway.http.post(f"{API}/records/guardianships", json=record)
    assert added.status_code == 201, added.text
    before = ask(gateway, "EOPEKA_GuardianshipByIin", "eopeka", ward)
    assert before.findtext("guardianships/guardianship/guardian/iin") == guardian
    assert before.findtext("guardianships/guardianship/endedOn") is None

    ended = gateway.http.patch(f"{API}/records/guardianships/{added.json()['id']}", json={"endedOn": "2026-11-01"})
    assert ended.status_code == 200, ended.text
    after = ask(gateway, "EUOSH_GuardianshipByIin", "eopeka", guardian)
    assert after.findtext("guardianships/guardianship/endedOn") == "2026-11-01"


def test_a_change_of_no_fields_changes_nothing(gateway: LiveGateway) -> None:
    """Found by schemathesis: an empty PATCH made an UPDATE without SET, which the database refused (a 500)."""
    person = create(gateway)
    unchanged = gateway.http.patch(f"{API}/persons/{person['iin']}", json={})
    assert unchanged.status_code == 200, unchanged.text
    assert unchanged.json()["person"] == person
    record = {"iin": person["iin"], "iban": iban("722", f"{uuid.uuid4().int % 10**13:013d}"), "bankCode": "722"}
    added = gateway.http.post(f"{API}/records/bank-accounts", json={**record, "openedOn": "2025-01-10"}).json()
    same = gateway.http.patch(f"{API}/records/bank-accounts/{added['id']}", json={})
    assert (same.status_code, same.json()) == (200, added), same.text


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_a_record_id_no_database_column_holds_is_a_schema_violation(gateway: LiveGateway, method: str) -> None:
    """Found by schemathesis: such an id overflowed the database's INTEGER, a 500."""
    response = gateway.http.request(method, f"{API}/records/bank-accounts/{2**63}", json={})
    assert (response.status_code, response.json()["code"]) == (400, "Client.SchemaViolation"), response.text


def test_a_bank_account_added_is_confirmed_and_a_deleted_one_is_not(gateway: LiveGateway) -> None:
    iin = create(gateway)["iin"]
    account = iban("722", f"{uuid.uuid4().int % 10**13:013d}")
    record = {"iin": iin, "iban": account, "bankCode": "722", "openedOn": "2025-01-10"}
    added = gateway.http.post(f"{API}/records/bank-accounts", json=record).json()
    assert ask(gateway, "EPAY_BankAccountCheck", "epay", iin, iban=account).findtext("account/confirmed") == "true"
    assert gateway.http.delete(f"{API}/records/bank-accounts/{added['id']}").status_code == 204
    assert ask(gateway, "EPAY_BankAccountCheck", "epay", iin, iban=account).findtext("messageResult/code") == "10001"


def test_deleting_a_citizen_removes_them_from_every_registry(gateway: LiveGateway) -> None:
    mother = create(gateway)["iin"]
    child = create(gateway, surname="ТЕСТОВ", name="ЕРЛАН", sex="M", birthDate="2020-06-01")["iin"]
    act = {
        "kind": "BIRTH",
        "number": "0000001",
        "eventDate": "2020-06-01",
        "registeredOn": "2020-06-05",
        "office": "711210000",
        "personIin": child,
        "motherIin": mother,
    }
    assert gateway.http.post(f"{API}/records/civil-acts", json=act).status_code == 201
    assert ask(gateway, "ZAGS_BirthActs", "zags", mother).findtext("acts/act/person/iin") == child
    assert gateway.http.delete(f"{API}/persons/{child}").status_code == 204
    assert individual(gateway, child).findtext("messageResult/code") == "10001"
    assert ask(gateway, "ZAGS_BirthActs", "zags", mother).findtext("messageResult/code") == "10001"
    assert gateway.http.get(f"{API}/persons/{child}").json()["code"] == "Client.NotFound"


@pytest.mark.parametrize(
    ("path", "body", "code", "says"),
    [
        ("persons", {"surname": "А", "name": "Б", "birthDate": "1990-01-01"}, "Client.InvalidRecord", "required: sex"),
        (
            "persons",
            {"surname": "А", "name": "Б", "birthDate": "1990-01-01", "sex": "X"},
            "Client.InvalidRecord",
            "sex",
        ),
        (
            "persons",
            {"iin": "641030320925", "surname": "А", "name": "Б", "birthDate": "1990-01-01", "sex": "M"},
            "Client.InvalidRecord",
            "encodes birth date 1964-10-30",
        ),
        (
            "persons",
            {"surname": "А", "name": "Б", "birthDate": "1990-01-01", "sex": "M", "hair": "red"},
            "Client.InvalidRecord",
            "hair",
        ),
        ("records/civil-acts", {"kind": "BAPTISM"}, "Client.InvalidRecord", "kind: one of BIRTH"),
        ("records/bank-accounts", {"iban": "KZ00722000000000000"}, "Client.InvalidRecord", "iban"),
        ("records/disabilities", {"iin": "123456789012"}, "Client.InvalidRecord", "iin"),
        ("records/spaceships", {}, "Client.NotFound", "the kinds: identity-documents"),
    ],
)
def test_a_change_a_mock_could_not_read_is_refused_and_says_why(
    gateway: LiveGateway, path: str, body: dict[str, Any], code: str, says: str
) -> None:
    response = gateway.http.post(f"{API}/{path}", json=body)
    problem = response.json()
    assert (response.status_code, problem["code"], problem["hop"]) == (
        {"Client.InvalidRecord": 400, "Client.NotFound": 404}[code],
        code,
        "client",
    )
    assert says in problem["message"], problem


def test_a_record_naming_a_citizen_who_does_not_exist_is_refused(gateway: LiveGateway) -> None:
    record = {
        "iin": "641030320925",
        "group": "II",
        "cause": "GENERAL_ILLNESS",
        "sinceChildhood": False,
        "establishedOn": "2024-01-01",
        "certificateNumber": "X-1",
    }
    nobody = make_iin(date(1899, 1, 1), "M", 1)  # a valid IIN no generated citizen holds
    response = gateway.http.post(f"{API}/records/disabilities", json={**record, "iin": nobody})
    assert response.json()["code"] == "Client.InvalidRecord"
    assert f"no citizen has IIN {nobody}" in response.json()["message"]


def test_sampling_and_features_over_rest(gateway: LiveGateway) -> None:
    summary = gateway.http.get(API).json()
    assert summary["size"] > 0 and "widow" in {feature["name"] for feature in summary["features"]}
    iins = gateway.http.get(f"{API}/sample", params={"where": "deceased", "count": 3}).json()["iins"]
    assert len(iins) == 3
    for iin in iins:
        assert individual(gateway, iin).findtext("persons/person/lifeStatus/code") == "2"
    assert gateway.http.get(f"{API}/sample", params={"where": "unicorns"}).json()["code"] == "Client.NotFound"
