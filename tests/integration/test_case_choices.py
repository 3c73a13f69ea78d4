"""Qaqpa's choices where the orders are silent, made otherwise by an instance's settings (docs/cases.md): the
applicant's days in a documents loop that names none, a system that does not answer, and Order 225's 3 days
counted once from the offer. tests/integration/test_cases.py shows the defaults."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from gateway.workdays import add_working_days
from tests.support.cases import (
    adult_young,
    application_of,
    open_case,
    pension_with_guardianship_down,
    proactive_person,
    read_case,
)
from tests.support.gateway import LiveGateway, live_gateway

START = "2026-12-10T10:00:00+05:00"  # near today: the sampled identity documents are still valid


@pytest.fixture(scope="module")
def chosen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveGateway]:
    data_dir = tmp_path_factory.mktemp("chosen")
    with live_gateway(
        data_dir,
        f"sqlite:///{data_dir / 'qaqpa.db'}",
        case_applicant_working_days=10,
        case_unanswered_system="refuse",
        case_proactive_window="from-offer",
    ) as live:
        yield live


@pytest.fixture(autouse=True)
def clock_back(chosen: LiveGateway) -> Iterator[None]:
    yield
    chosen.reset_clock()
    chosen.http.delete("/api/v1/mocks/eopeka/faults").raise_for_status()


def test_the_applicant_s_days_in_a_loop_that_names_none_are_set_by_the_instance(chosen: LiveGateway) -> None:
    chosen.http.post("/api/v1/clock/set", json={"to": START}).raise_for_status()
    case = open_case(chosen, application_of("special-state-benefit"), adult_young(chosen)[4])
    assert case["state"] == "awaiting-documents"
    start = datetime.fromisoformat(START).date()
    assert datetime.fromisoformat(case["dueAt"]).date() == add_working_days(start, 5 + 10)


def test_a_system_that_does_not_answer_refuses_the_intake_when_the_instance_says_so(chosen: LiveGateway) -> None:
    case = pension_with_guardianship_down(chosen)
    assert (case["decision"], case["ground"]["code"]) == ("refused", "data-not-confirmed"), case
    [check] = [e for e in case["events"] if e["kind"] == "check"]
    assert "no answer from EOPEKA_GuardianshipByIin" in check["does"]


def test_order_225_s_3_days_run_once_from_the_offer_when_the_instance_says_so(chosen: LiveGateway) -> None:
    offer = chosen.http.post("/api/v1/cases/proactive", json={"iin": proactive_person(chosen)}).json()
    chosen.advance_clock("2d")
    chosen.http.post(f"/api/v1/cases/{offer['caseId']}/sms-replies", json={"text": "1"}).raise_for_status()
    chosen.advance_clock("23h")
    assert read_case(chosen, offer["caseId"])["state"] == "awaiting-bank-account"
    chosen.advance_clock("2h")
    assert read_case(chosen, offer["caseId"])["state"] == "ended"
