"""The message log over REST: every exchange with its raw messages, failed ones included."""

from __future__ import annotations

import uuid

from tests.support.gateway import LiveGateway
from tests.support.shep import gbdfl_request, inline_data, send_message


def test_a_successful_exchange_is_logged_with_both_hops(gateway: LiveGateway) -> None:
    iin = gateway.sample("alive")[0]
    message_id = f"log-ok-{uuid.uuid4()}"
    body = send_message(inline_data(gbdfl_request(iin)), message_id=message_id)
    response = gateway.post(body)

    found = gateway.http.get(f"/api/v1/messages/{message_id}")
    assert found.status_code == 200
    (entry,) = found.json()["exchanges"]
    assert entry["sessionId"] == response.headers["X-Qaqpa-Session-Id"]
    assert entry["outcome"] == "ok"
    assert entry["statusCode"] == "SCSS001"
    assert entry["senderId"] == "DEMO_PORTAL"
    assert entry["serviceId"] == "GBDFL_UniversalServiceSync"
    assert entry["subjectIin"] == iin
    assert "<password>demo</password>" in body.decode()
    assert entry["request"] == body.decode().replace("<password>demo</password>", "<password>***</password>")
    assert entry["response"] == response.text
    assert iin in entry["providerRequest"] and iin in entry["providerResponse"]
    assert {"client", "provider", "total"} <= set(entry["timingsMs"])


def test_a_failed_exchange_is_logged_with_its_code_and_hop(gateway: LiveGateway) -> None:
    message_id = f"log-fault-{uuid.uuid4()}"
    gateway.post(
        send_message(inline_data(gbdfl_request("061211600012")), message_id=message_id, service_id="TEST_Hang")
    )
    (entry,) = gateway.http.get(f"/api/v1/messages/{message_id}").json()["exchanges"]
    assert entry["outcome"] == "fault"
    assert entry["statusCode"] == "Provider.Timeout"
    assert entry["faultHop"] == "provider"
    assert entry["providerRequest"] is not None and entry["providerResponse"] is None


def test_garbage_without_a_message_id_is_logged_by_session(gateway: LiveGateway) -> None:
    garbage = b"\xff\xfe not even UTF-8 <<<"
    response = gateway.post(garbage)
    session_id = response.headers["X-Qaqpa-Session-Id"]
    (entry,) = gateway.http.get("/api/v1/messages", params={"sessionId": session_id}).json()["exchanges"]
    assert entry["statusCode"] == "Client.MalformedXml"
    assert entry["messageId"] is None
    assert entry["request"] == garbage.decode("utf-8", errors="replace")


def test_the_log_filters_by_sender_service_iin_and_outcome(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    gateway.post(send_message(inline_data(gbdfl_request(iin))))
    by_iin = gateway.http.get("/api/v1/messages", params={"iin": iin}).json()["exchanges"]
    assert by_iin and all(entry["subjectIin"] == iin for entry in by_iin)
    faults = gateway.http.get("/api/v1/messages", params={"outcome": "fault", "limit": 5}).json()["exchanges"]
    assert all(entry["outcome"] == "fault" for entry in faults)
    by_service = gateway.http.get("/api/v1/messages", params={"serviceId": "GBDFL_UniversalServiceSync"}).json()
    assert all(entry["serviceId"] == "GBDFL_UniversalServiceSync" for entry in by_service["exchanges"])


def test_an_unknown_message_id_is_a_not_found_problem(gateway: LiveGateway) -> None:
    response = gateway.http.get("/api/v1/messages/never-sent")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "Client.NotFound" and problem["hop"] == "client" and problem["message"]


def test_bad_query_parameters_are_a_problem_not_a_crash(gateway: LiveGateway) -> None:
    response = gateway.http.get("/api/v1/messages", params={"limit": "lots"})
    assert response.status_code == 400
    assert response.json()["code"] == "Client.SchemaViolation"


def test_the_log_filters_by_code_and_by_correlation_chain(gateway: LiveGateway) -> None:
    correlation_id = f"chain-{uuid.uuid4()}"
    in_chain = send_message(inline_data(gbdfl_request(gateway.sample("alive")[0])), service_id="TEST_Hang")
    in_chain = in_chain.replace(
        b"</messageId>", f"</messageId><correlationId>{correlation_id}</correlationId>".encode(), 1
    )
    gateway.post(in_chain)
    gateway.post(send_message(inline_data(gbdfl_request(gateway.sample("alive")[0]))))

    (chained,) = gateway.http.get("/api/v1/messages", params={"correlationId": correlation_id}).json()["exchanges"]
    assert chained["correlationId"] == correlation_id and chained["statusCode"] == "Provider.Timeout"
    timeouts = gateway.http.get("/api/v1/messages", params={"code": "Provider.Timeout"}).json()["exchanges"]
    assert any(entry["sessionId"] == chained["sessionId"] for entry in timeouts)
    assert all(entry["statusCode"] == "Provider.Timeout" for entry in timeouts)
