"""Operational records (X-Road's operational monitoring data): per exchange the four hop timestamps, the
four message sizes, success and the fault code, read from the message log without the bodies."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.support.gateway import LiveGateway
from tests.support.shep import send_message, simulated_data

SERVICE = "ZAGS_BirthActs"


def _records(gateway: LiveGateway, since: datetime) -> dict[str, dict[str, Any]]:
    params = {"serviceId": SERVICE, "since": since.isoformat()}
    answered = gateway.http.get("/api/v1/operational-data", params=params)
    assert answered.status_code == 200, answered.text
    return {record["xRequestId"]: record for record in answered.json()["records"]}


def _logged(gateway: LiveGateway, session_id: str) -> dict[str, Any]:
    [exchange] = gateway.http.get("/api/v1/messages", params={"sessionId": session_id}).json()["exchanges"]
    return dict(exchange)


def test_each_exchange_has_its_hop_times_sizes_and_outcome(gateway: LiveGateway) -> None:
    since = datetime.now(UTC) - timedelta(seconds=5)
    [iin] = gateway.sample()
    request = send_message(simulated_data("zags", iin), service_id=SERVICE)
    ok = gateway.post(request).headers["X-Qaqpa-Session-Id"]
    faulted = gateway.post(request, headers={"X-Qaqpa-Fault": "soap-fault"}).headers["X-Qaqpa-Session-Id"]
    refused = gateway.post(send_message(simulated_data("zags", iin), service_id=SERVICE, password="wrong"))
    records = _records(gateway, since)

    good = records[ok]
    assert good["succeeded"] and good["statusCode"] == "SCSS001" and good["faultCode"] is None
    assert good["requestInTs"] <= good["requestOutTs"] <= good["responseInTs"] <= good["responseOutTs"]
    logged = _logged(gateway, ok)
    assert good["requestSize"] == len(logged["request"].encode())
    assert good["requestOutSize"] == len(logged["providerRequest"].encode())
    assert good["responseInSize"] == len(logged["providerResponse"].encode())
    assert good["responseSize"] == len(logged["response"].encode())
    assert (good["clientId"], good["serviceId"], good["channel"]) == ("DEMO_PORTAL", SERVICE, "sync")

    bad = records[faulted]
    assert (bad["succeeded"], bad["faultCode"], bad["faultHop"]) == (False, "Provider.Fault", "provider")

    stopped = records[refused.headers["X-Qaqpa-Session-Id"]]
    assert (stopped["faultCode"], stopped["faultHop"]) == ("Client.AuthenticationFailed", "client")
    assert stopped["requestOutTs"] is None and stopped["requestOutSize"] is None, "it never reached a provider"


def test_records_are_selected_by_time(gateway: LiveGateway) -> None:
    future = datetime.now(UTC) + timedelta(days=3650)
    assert _records(gateway, future) == {}
