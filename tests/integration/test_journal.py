"""The request journal through a running instance: what the gateway sent each mock, found again by a test."""

from __future__ import annotations

from tests.support.gateway import LiveGateway
from tests.support.shep import send_message, simulated_data


def test_every_call_through_the_gateway_is_in_the_mocks_journal(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("disabled")
    response = gateway.post(send_message(simulated_data("cbdi", iin), service_id="CBDI_DisabilityByIin"))
    session_id = response.headers["X-Qaqpa-Session-Id"]
    count = gateway.http.get("/api/v1/mocks/cbdi/journal/count", params={"sessionId": session_id}).json()
    assert count == {"count": 1}
    [entry] = gateway.http.get("/api/v1/mocks/cbdi/journal", params={"iin": iin, "sessionId": session_id}).json()[
        "requests"
    ]
    assert (entry["serviceId"], entry["senderId"], entry["outcome"], entry["resultCode"]) == (
        "CBDI_DisabilityByIin",
        "DEMO_PORTAL",
        "answered",
        "00000",
    )
    assert "<password>" not in entry["request"], "the gateway does not pass the sender's password on"
    assert iin in entry["request"] and "ds:Signature" in entry["response"]
    # The gateway's message log and the mock's journal meet at the sessionId.
    [exchange] = gateway.http.get("/api/v1/messages", params={"sessionId": session_id}).json()["exchanges"]
    assert exchange["serviceId"] == entry["serviceId"]
    other = gateway.http.get("/api/v1/mocks/zags/journal/count", params={"sessionId": session_id}).json()
    assert other == {"count": 0}


def test_a_request_the_mock_cannot_route_is_unmatched_and_near_misses_say_why(gateway: LiveGateway) -> None:
    [iin] = gateway.sample("adult")
    # Straight to the mock (as a misconfigured registry would send it): a serviceId it does not answer.
    wrong = send_message(simulated_data("isna", iin), service_id="ISNA_Nonexistent")
    assert gateway.http.post("/mocks/isna/", content=wrong, headers={"Content-Type": "text/xml"}).status_code == 500
    unmatched = gateway.http.get("/api/v1/mocks/isna/journal/unmatched").json()["requests"]
    assert any(r["serviceId"] == "ISNA_Nonexistent" and r["resultCode"] == "Mock.UnknownService" for r in unmatched)

    criteria = {"serviceId": "ISNA_EntrepreneurStatus", "iin": iin}
    assert gateway.http.get("/api/v1/mocks/isna/journal/count", params=criteria).json() == {"count": 0}
    [closest, *_] = gateway.http.get("/api/v1/mocks/isna/journal/near-misses", params=criteria).json()["nearMisses"]
    assert (closest["matched"], closest["of"]) == (1, 2)
    assert closest["differences"] == {
        "serviceId": {"expected": "ISNA_EntrepreneurStatus", "actual": "ISNA_Nonexistent"}
    }


def test_a_character_the_database_cannot_search_for_is_the_client_s_error(gateway: LiveGateway) -> None:
    """Found by schemathesis: PostgreSQL cannot compare text with a NUL in it, and that was a 500; SQLite can."""
    response = gateway.http.get("/api/v1/mocks/gbdfl/journal", params={"senderId": "a\x00b"})
    if gateway.database_url.startswith("postgresql"):
        assert (response.status_code, response.json()["code"]) == (400, "Client.SchemaViolation"), response.text
        assert "NUL" in response.json()["message"]
    else:
        assert (response.status_code, response.json()) == (200, {"requests": []}), response.text
