"""Fault injection through the gateway: every fault a mock can commit arrives as its documented code, per
request (the ``X-Qaqpa-Fault`` header) or by rule (the admin API), and scenarios recover as configured."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mocks.catalogue import SYSTEMS
from tests.support.gateway import SHORT_TIMEOUT_SERVICE, LiveGateway
from tests.support.shep import read_fault, response_wrapper, send_message, simulated_data

SERVICE, CONTRACT = "ZAGS_DeathActs", "zags"


@pytest.fixture(autouse=True)
def recovered(gateway: LiveGateway) -> Iterator[None]:
    """Every system without fault rules, and the clock back in step, after each test."""
    yield
    gateway.reset_clock()
    for system in SYSTEMS:
        gateway.http.delete(f"/api/v1/mocks/{system.name}/faults").raise_for_status()


def call(gateway: LiveGateway, fault: str | None = None, service_id: str = SERVICE) -> httpx.Response:
    [iin] = gateway.sample("deceased-in-registry")
    contract = {SERVICE: CONTRACT, "ZAGS_BirthActs": CONTRACT, "SMS_Send": "sms"}[service_id]
    fields = {"text": "Qaqpa"} if service_id == "SMS_Send" else {}
    body = send_message(simulated_data(contract, iin, **fields), service_id=service_id)
    return gateway.post(body, headers={"X-Qaqpa-Fault": fault} if fault else None)


def fault_code(response: httpx.Response) -> str:
    """The gateway's fault code, or the status code of a successful answer."""
    if response.status_code == 200:
        return response_wrapper(response.content).findtext("response/responseInfo/status/code") or ""
    return read_fault(response.content).code


def add_rule(gateway: LiveGateway, system: str, rule: dict[str, object]) -> dict[str, object]:
    response = gateway.http.post(f"/api/v1/mocks/{system}/faults", json=rule)
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.json()
    return created


# --- every fault kind, and its code at the gateway (docs/faults.md) --------------------------------------


@pytest.mark.parametrize(
    ("fault", "code"),
    [
        ("http-error", "Provider.HttpError"),
        ("http-error; status=502; message=bad gateway", "Provider.HttpError"),
        ("soap-fault", "Provider.Fault"),
        ("connection-reset", "Provider.ConnectionReset"),
        ("empty-body", "Provider.MalformedResponse"),
        ("malformed-body", "Provider.MalformedResponse"),
        ("schema-violation", "Provider.SchemaViolation"),
        ("unsigned", "Provider.Signature.Missing"),
        ("bad-signature", "Provider.Signature.DigestMismatch"),
        ("expired-certificate", "Provider.Signature.CertificateExpired"),
        ("revoked-certificate", "Provider.Signature.RevokedByCrl"),
    ],
)
def test_each_fault_arrives_as_its_documented_provider_code(gateway: LiveGateway, fault: str, code: str) -> None:
    response = call(gateway, fault)
    assert response.status_code == 500
    found = read_fault(response.content)
    assert found.code == code, found
    assert found.actor == "urn:qaqpa:hop:provider:ZAGS"
    assert b"Traceback" not in response.content


def test_a_soap_fault_carries_the_chosen_code_as_the_sub_error(gateway: LiveGateway) -> None:
    found = read_fault(call(gateway, "soap-fault; code=ZAGS.Busy; message=queue full").content)
    assert (found.code, found.sub_code) == ("Provider.Fault", "ZAGS.Busy")


def test_unavailable_is_the_systems_own_business_code_inside_a_successful_answer(gateway: LiveGateway) -> None:
    response = call(gateway, "unavailable")
    assert fault_code(response) == "SCSS001"
    data = response_wrapper(response.content).find("response/responseData/data")
    assert data is not None and data.findtext("messageResult/code") == "30001"
    assert data.findtext("messageResult/nameKz") == "Сервис уақытша қолжетімсіз"


def test_a_short_latency_delays_the_answer_and_keeps_it(gateway: LiveGateway) -> None:
    response = call(gateway, "latency; ms=150")
    assert fault_code(response) == "SCSS001"
    session_id = response.headers["X-Qaqpa-Session-Id"]
    [entry] = gateway.http.get("/api/v1/mocks/zags/journal", params={"sessionId": session_id}).json()["requests"]
    assert entry["fault"] == "latency" and entry["outcome"] == "answered"
    assert entry["durationMs"] >= 150


@pytest.mark.parametrize("fault", ["hang", "latency; distribution=uniform; minMs=2000; maxMs=2500"])
def test_no_answer_within_the_timeout_is_provider_timeout(gateway: LiveGateway, fault: str) -> None:
    service_id, timeout = SHORT_TIMEOUT_SERVICE
    response = call(gateway, fault, service_id=service_id)
    found = read_fault(response.content)
    assert found.code == "Provider.Timeout", found
    assert f"within {timeout:g} s" in found.message


@pytest.mark.parametrize(
    "header", ["explode", "latency", "latency; ms=-5", "http-error; status=200", "soap-fault; ms=5", "hang; x"]
)
def test_a_fault_header_no_mock_can_obey_is_the_clients_error(gateway: LiveGateway, header: str) -> None:
    found = read_fault(call(gateway, header).content)
    assert found.code == "Client.InvalidFaultHeader", found
    assert found.actor == "urn:qaqpa:hop:client"


# --- rules and scenarios ----------------------------------------------------------------------------------


def test_fail_the_next_n_calls_then_recover(gateway: LiveGateway) -> None:
    rule = add_rule(gateway, "zags", {"fault": {"kind": "soap-fault"}, "times": 2})
    assert [fault_code(call(gateway)) for _ in range(3)] == ["Provider.Fault", "Provider.Fault", "SCSS001"]
    [state] = gateway.http.get("/api/v1/mocks/zags/faults").json()["faults"]
    assert (state["id"], state["remaining"], state["hits"], state["active"]) == (rule["id"], 0, 2, False)


def test_fail_for_t_minutes_of_the_clock_then_recover(gateway: LiveGateway) -> None:
    add_rule(gateway, "zags", {"fault": {"kind": "http-error"}, "forMinutes": 5})
    assert fault_code(call(gateway)) == "Provider.HttpError"
    gateway.advance_clock("4m")
    assert fault_code(call(gateway)) == "Provider.HttpError"
    gateway.advance_clock("2m")
    assert fault_code(call(gateway)) == "SCSS001"


def test_a_rule_for_one_service_beats_the_systems_and_spares_the_others(gateway: LiveGateway) -> None:
    add_rule(gateway, "zags", {"fault": {"kind": "http-error"}})
    add_rule(gateway, "zags", {"fault": {"kind": "empty-body"}, "serviceId": SERVICE})
    assert fault_code(call(gateway)) == "Provider.MalformedResponse"
    assert fault_code(call(gateway, service_id="ZAGS_BirthActs")) == "Provider.HttpError"


def test_a_rule_breaks_only_its_own_system(gateway: LiveGateway) -> None:
    add_rule(gateway, "cbdi", {"fault": {"kind": "soap-fault"}})
    assert fault_code(call(gateway)) == "SCSS001"


def test_the_request_header_overrides_the_rules(gateway: LiveGateway) -> None:
    add_rule(gateway, "zags", {"fault": {"kind": "soap-fault"}, "times": 1})
    assert fault_code(call(gateway, "empty-body")) == "Provider.MalformedResponse"
    assert fault_code(call(gateway)) == "Provider.Fault", "the header spent nothing of the rule"


def test_deleting_a_rule_recovers_the_system_at_once(gateway: LiveGateway) -> None:
    rule = add_rule(gateway, "zags", {"fault": {"kind": "connection-reset"}})
    assert fault_code(call(gateway)) == "Provider.ConnectionReset"
    assert gateway.http.delete(f"/api/v1/mocks/zags/faults/{rule['id']}").status_code == 204
    assert fault_code(call(gateway)) == "SCSS001"
    assert gateway.http.delete(f"/api/v1/mocks/zags/faults/{rule['id']}").json()["code"] == "Client.NotFound"


@pytest.mark.parametrize(
    ("system", "rule", "code"),
    [
        ("zags", {"fault": {"kind": "teleport"}}, "Client.SchemaViolation"),
        (
            "zags",
            {"fault": {"kind": "latency", "distribution": "uniform", "minMs": 9, "maxMs": 1}},
            "Client.SchemaViolation",
        ),
        ("zags", {"fault": {"kind": "hang"}, "times": 0}, "Client.SchemaViolation"),
        ("zags", {"fault": {"kind": "hang"}, "probability": 1.5}, "Client.SchemaViolation"),
        # found by schemathesis: a count past the database's INTEGER, and a time past year 9999, were a 500
        ("zags", {"fault": {"kind": "hang"}, "times": 2**63}, "Client.SchemaViolation"),
        ("zags", {"fault": {"kind": "hang"}, "forMinutes": 1e12}, "Client.SchemaViolation"),
        ("zags", {"fault": {"kind": "hang"}, "serviceId": "CBDI_DisabilityByIin"}, "Client.UnknownService"),
        ("atlantis", {"fault": {"kind": "hang"}}, "Client.NotFound"),
    ],
)
def test_a_rule_that_cannot_be_obeyed_is_refused_with_its_reason(
    gateway: LiveGateway, system: str, rule: dict[str, object], code: str
) -> None:
    response = gateway.http.post(f"/api/v1/mocks/{system}/faults", json=rule)
    assert response.status_code in (400, 404)
    problem = response.json()
    assert (problem["code"], problem["hop"]) == (code, "client")
    assert problem["message"]
