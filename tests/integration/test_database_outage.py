"""The gateway's own database away for a while, and the gateway killed in the middle of a synchronous call.

``qaqpa up`` runs in its own process and reaches PostgreSQL through a TCP proxy the test cuts (every open
connection reset, new ones refused) and restores. While the database is away every client gets a documented
error naming its hop, never ``Gateway.InternalError`` and never a trace; an async message accepted before
the cut is delivered after it; and once the database is back the gateway serves again by itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from gateway.testing import free_port
from tests.support.databases import postgres_database
from tests.support.processes import QaqpaProcess, running
from tests.support.shep import Fault, gbdfl_request, inline_data, read_fault, send_message
from tests.support.tcp_proxy import TcpProxy, proxied
from tests.support.waiting import eventually

DEMO = ("DEMO_PORTAL", "demo")
STRICT = ("DEMO_PORTAL_STRICT", "demo")
GBDFL = "GBDFL_UniversalServiceSync"
IIN = "061211600012"
ENV = {"QAQPA_POPULATION_SIZE": "300", "QAQPA_PROVIDER_TIMEOUT_SECONDS": "3"}
RECOVERY_SECONDS = 30.0


@pytest.fixture
def through_a_proxy(tmp_path: Path) -> Iterator[tuple[QaqpaProcess, TcpProxy]]:
    with postgres_database() as url, proxied("127.0.0.1", make_url(url).port or 5432) as proxy:
        via_proxy = make_url(url).set(port=proxy.port).render_as_string(hide_password=False)
        with running(["up"], tmp_path, free_port(), {**ENV, "QAQPA_DATABASE_URL": via_proxy}) as gateway:
            yield gateway, proxy


def _lookup(gateway: QaqpaProcess, sender: tuple[str, str] = DEMO) -> httpx.Response:
    body = send_message(inline_data(gbdfl_request(IIN)), sender_id=sender[0], password=sender[1])
    return httpx.post(f"{gateway.base_url}/bip-sync/", content=body, headers={"Content-Type": "text/xml"}, timeout=30)


def _fault(response: httpx.Response) -> Fault:
    assert response.status_code == 500, response.text[:2000]
    return read_fault(response.content)


def _send_async(gateway: QaqpaProcess) -> httpx.Response:
    document = f'<m:Request xmlns:m="http://message.persistence.interactive.nat">{gbdfl_request(IIN)}</m:Request>'
    payload = {"serviceId": GBDFL, "data": document}
    return httpx.post(f"{gateway.base_url}/api/v1/async/messages", json=payload, auth=DEMO, timeout=30)


def _state(gateway: QaqpaProcess, message_id: str) -> str:
    response = httpx.get(f"{gateway.base_url}/api/v1/async/messages/{message_id}", auth=DEMO, timeout=30)
    return str(response.json().get("statusCode", "")) if response.status_code == 200 else ""


def _journaled(gateway: QaqpaProcess) -> int:
    return int(httpx.get(f"{gateway.base_url}/api/v1/mocks/gbdfl/journal/count", timeout=5).json()["count"])


def _healthy(gateway: QaqpaProcess) -> bool:
    return httpx.get(f"{gateway.base_url}/health", timeout=5).status_code == 200


def test_while_the_database_is_away_clients_get_documented_errors_and_then_it_serves_again(
    through_a_proxy: tuple[QaqpaProcess, TcpProxy],
) -> None:
    gateway, proxy = through_a_proxy
    assert _lookup(gateway).status_code == 200  # the sender's credentials are now verified and cached
    proxy.cut()

    # A sender seen before reaches the mock, whose registry is in the same database: the provider hop failed.
    fault = _fault(_lookup(gateway))
    assert (fault.code, fault.sub_code) == ("Provider.Unavailable", "Mock.StorageUnavailable"), fault
    # A sender not seen yet cannot be checked: the gateway's own hop failed, and says what to do.
    fault = _fault(_lookup(gateway, STRICT))
    assert (fault.code, fault.actor) == ("Gateway.DatabaseUnavailable", "urn:qaqpa:hop:gateway"), fault
    assert "try again" in fault.message

    refused = _send_async(gateway)  # an async message that cannot be stored is not accepted
    assert refused.status_code == 503, refused.text
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert (refused.json()["code"], refused.json()["hop"]) == ("Gateway.DatabaseUnavailable", "gateway")
    listing = httpx.get(f"{gateway.base_url}/api/v1/messages", timeout=30)
    assert (listing.status_code, listing.json()["code"]) == (503, "Gateway.DatabaseUnavailable")
    console = httpx.get(f"{gateway.base_url}/console/messages", timeout=30)
    assert console.status_code == 503 and "Gateway.DatabaseUnavailable" in console.text
    health = httpx.get(f"{gateway.base_url}/health", timeout=5)
    assert health.status_code == 503 and health.json()["checks"]["database"].startswith("unavailable")

    proxy.restore()
    eventually(lambda: _healthy(gateway), "/health to answer 200 again", RECOVERY_SECONDS)
    assert _lookup(gateway).status_code == 200
    # The strict sender is known again; its unsigned request is now refused for what it is.
    assert _fault(_lookup(gateway, STRICT)).code == "Client.Signature.Missing"
    accepted = _send_async(gateway)
    assert accepted.status_code == 202, accepted.text
    message_id = accepted.json()["messageId"]
    eventually(lambda: _state(gateway, message_id) == "Async.Answered", "the courier delivering again")

    log = gateway.log_path.read_text()
    assert "Gateway.InternalError" not in log and "unhandled error" not in log and "Exception in ASGI" not in log


def test_an_async_message_accepted_before_an_outage_is_delivered_after_it(
    through_a_proxy: tuple[QaqpaProcess, TcpProxy],
) -> None:
    gateway, proxy = through_a_proxy
    # The mock journals the delivery, then holds it until the gateway's 3 s timeout: the courier's retry meets the
    # outage, with the message claimed.
    hanging = {"serviceId": GBDFL, "fault": {"kind": "hang"}, "times": 1}
    assert httpx.post(f"{gateway.base_url}/api/v1/mocks/gbdfl/faults", json=hanging, timeout=30).status_code == 201
    accepted = _send_async(gateway)
    assert accepted.status_code == 202, accepted.text
    message_id = accepted.json()["messageId"]
    eventually(lambda: _journaled(gateway) > 0, "the courier's delivery to reach the mock", RECOVERY_SECONDS)
    proxy.cut()
    met = f"delivering async message {message_id}: the database is unavailable"
    eventually(lambda: met in gateway.log_path.read_text(), "the delivery to meet the outage", RECOVERY_SECONDS)
    assert not _healthy(gateway)
    proxy.restore()
    eventually(lambda: _state(gateway, message_id) == "Async.Answered", "the message delivered", RECOVERY_SECONDS * 2)


def test_a_gateway_killed_during_a_sync_call_starts_again_on_its_data(tmp_path: Path) -> None:
    """The caller of the call in flight sees its connection close without an answer (no half answer, nothing
    kept half-written); the gateway restarted on the same SQLite file serves at once, its log readable."""
    gateway = QaqpaProcess(["up"], tmp_path, free_port(), ENV).start()
    try:
        with ThreadPoolExecutor(1) as pool:
            hanging = {"Content-Type": "text/xml", "X-Qaqpa-Fault": "hang"}  # journaled as it starts to hang
            body = send_message(inline_data(gbdfl_request(IIN)))
            in_flight = pool.submit(httpx.post, f"{gateway.base_url}/bip-sync/", content=body, headers=hanging)
            eventually(lambda: _journaled(gateway) > 0, "the call to reach the mock", RECOVERY_SECONDS)
            gateway.kill()
            with pytest.raises(httpx.TransportError):
                in_flight.result(timeout=30)
        gateway.start()
        assert _lookup(gateway).status_code == 200
        logged = httpx.get(f"{gateway.base_url}/api/v1/messages", params={"serviceId": GBDFL}, timeout=30)
        assert logged.status_code == 200 and logged.json()["exchanges"], logged.text
    finally:
        gateway.stop()
