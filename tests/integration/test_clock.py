"""The instance's virtual clock (dev mode): moved over REST, and read by everything, the mocks included."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from gateway import clock_state
from gateway.clock import ClockState
from gateway.storage.database import Database
from mocks.population.tables import identity_documents
from tests.support.gateway import LiveGateway
from tests.support.shep import gbdfl_request, inline_data, response_payload, send_message


@pytest.fixture(autouse=True)
def system_time_afterwards(gateway: LiveGateway) -> Iterator[None]:
    yield
    gateway.reset_clock()


def now(gateway: LiveGateway) -> datetime:
    return datetime.fromisoformat(gateway.http.get("/api/v1/clock").json()["now"])


def test_advance_set_freeze_resume_and_reset(gateway: LiveGateway) -> None:
    before = now(gateway)
    moved = gateway.http.post("/api/v1/clock/advance", json={"by": "31m"}).json()
    assert moved["virtual"] and moved["offsetSeconds"] == pytest.approx(31 * 60)
    assert timedelta(minutes=31) <= now(gateway) - before < timedelta(minutes=32)

    frozen = gateway.http.post("/api/v1/clock/freeze", json={"at": "2026-12-31T23:59:00+05:00"}).json()
    assert frozen["frozen"] and frozen["nowKz"] == "2026-12-31T23:59:00+05:00"
    assert now(gateway) == now(gateway), "a frozen clock stands still"
    gateway.http.post("/api/v1/clock/advance", json={"by": "2m"}).raise_for_status()
    assert gateway.http.get("/api/v1/clock").json()["nowKz"] == "2027-01-01T00:01:00+05:00"

    running = gateway.http.post("/api/v1/clock/resume").json()
    assert not running["frozen"]
    gateway.http.post("/api/v1/clock/set", json={"to": "2026-12-01T09:00:00+05:00"}).raise_for_status()
    assert now(gateway).date() == date(2026, 12, 1)
    assert gateway.http.post("/api/v1/clock/reset").json()["offsetSeconds"] == 0


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("advance", {"by": "soon"}),
        ("set", {"to": "2026-12-01T09:00:00"}),
        ("set", {"to": "tomorrow"}),
        ("freeze", {"at": "2026-12-01"}),
        # found by schemathesis: the first was taken, then every read of the clock failed with a 500; the next
        # three answered 500; the last was taken, then every CRL failed (its number is seconds since 1970)
        ("advance", {"by": "3000000d"}),
        ("freeze", {"at": "9999-12-31T23:59:59-05:00"}),
        ("advance", {"by": "9999999999d"}),
        ("set", {"to": "0001-01-01T00:00:00+05:00"}),
        ("set", {"to": "1960-01-01T00:00:00+05:00"}),
    ],
)
def test_a_move_the_clock_cannot_make_is_refused(gateway: LiveGateway, path: str, body: dict[str, str]) -> None:
    response = gateway.http.post(f"/api/v1/clock/{path}", json=body)
    assert (response.status_code, response.json()["code"]) == (400, "Client.SchemaViolation")


def test_the_mocks_read_the_same_clock(gateway: LiveGateway) -> None:
    """An ID card valid today is expired in the Individuals DB's answer once the clock passes its end date."""
    today = now(gateway).date()
    [card] = gateway.rows(
        select(identity_documents.c.iin, identity_documents.c.number, identity_documents.c.end_date)
        .where(
            identity_documents.c.kind == "ID_CARD",
            identity_documents.c.end_date > today + timedelta(days=2),
            identity_documents.c.end_date < today + timedelta(days=200),
        )
        .order_by(identity_documents.c.end_date)
        .limit(1)
    )

    def status() -> str | None:
        answer = response_payload(gateway.post(send_message(inline_data(gbdfl_request(card["iin"])))).content)
        [document] = [d for d in answer.iterfind(".//documents/document") if d.findtext("number") == card["number"]]
        return document.findtext("status/code")

    assert status() == "00"
    gateway.advance_clock(f"{(card['end_date'] - today).days + 1}d")
    assert status() == "01"


def test_a_case_read_right_after_another_process_moved_the_clock_has_moved_on(gateway: LiveGateway) -> None:
    """``qaqpa clock`` writes the clock's row from its own process; the next read of a case, without waiting for
    the instance's quarter-second refresh, shows the case the new time made due (the quickstart's tour)."""
    run = {"X-Qaqpa-Run": "clock-from-elsewhere"}
    try:
        gateway.http.post("/api/v1/mocks/cbdi/faults", json={"fault": {"kind": "hang"}}, headers=run)
        [iin] = gateway.sample("adult")
        body = {"serviceId": "SOCPROT_DisabilityAssessment_Information", "iin": iin, "wait": False}
        opened = gateway.http.post("/api/v1/cases", json=body, headers=run).json()
        assert opened["state"] == "querying", opened
        database = Database(gateway.database_url)
        with database.sync_engine.begin() as connection:
            clock_state.save(connection, ClockState(offset=timedelta(minutes=31)), "clock-from-elsewhere")
        database.sync_engine.dispose()
        case = gateway.http.get(f"/api/v1/cases/{opened['caseId']}", headers=run).json()
        assert (case["state"], case["ground"]["code"]) == ("expired", "deadline-missed"), case
    finally:
        gateway.http.delete("/api/v1/runs/clock-from-elsewhere").raise_for_status()
