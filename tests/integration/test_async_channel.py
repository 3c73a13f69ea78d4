"""The AsyncChannel end to end on a running instance: SOAP (a zeep client built from /bip-async/?wsdl) and REST,
push and pull delivery, chains by correlationId, the response window on the virtual clock, repeats, access."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Iterator
from typing import Any, TypeVar

import httpx
import pytest
import zeep
from lxml import etree

from contracts import namespaces as ns
from tests.support.async_parties import (
    async_fault,
    gbdfl_request,
    message_info,
    new_message_id,
    post_async,
    send_message_envelope,
)
from tests.support.gateway import ASYNC_CONSUMER, ASYNC_PROVIDER, LIMITED_SENDER, LiveGateway
from tests.support.waiting import eventually

T = TypeVar("T")
DEMO = ("DEMO_PORTAL", "demo")
GBDFL = "GBDFL_UniversalServiceSync"


def gbdfl_response_text() -> str:
    return (
        f'<m:Response xmlns:m="{ns.GBDFL_MESSAGE}"><messageId>1</messageId>'
        "<messageDate>2026-11-22T10:00:00+05:00</messageDate><requestId>1</requestId>"
        "<sender><code>TESTASYNC</code><nameRu>Т</nameRu><nameKz>Т</nameKz></sender>"
        "<receiver><code>TEST_ASYNC_CONSUMER</code><nameRu>К</nameRu><nameKz>К</nameKz></receiver>"
        "<messageResult><code>10001</code><nameRu>Нет данных</nameRu><nameKz>Деректер жоқ</nameKz></messageResult>"
        "</m:Response>"
    )


def rest(gateway: LiveGateway, who: tuple[str, str]) -> httpx.Client:
    return httpx.Client(base_url=gateway.base_url, auth=who, timeout=30)


def status_of(gateway: LiveGateway, message_id: str, who: tuple[str, str] = DEMO) -> dict[str, Any]:
    with rest(gateway, who) as client:
        response = client.get(f"/api/v1/async/messages/{message_id}")
        assert response.status_code == 200, response.text
        return dict(response.json())


@pytest.fixture
def frozen_clock(gateway: LiveGateway) -> Iterator[None]:
    gateway.http.post("/api/v1/clock/freeze").raise_for_status()
    try:
        yield
    finally:
        gateway.reset_clock()


def test_the_whole_life_cycle_over_soap_with_a_zeep_client_built_from_the_wsdl(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    with zeep.Client(f"{gateway.base_url}/bip-async/?wsdl") as client:
        service = client.wsdl.services["IAsyncChannelHttpService"].ports["AsyncChannelHttpPort"]
        assert sorted(service.binding._operations) == [
            "getMessageStatus",
            "getMessages",
            "sendDeliveryNotification",
            "sendMessage",
        ]
        request_type = client.get_type(f"{{{ns.GBDFL_MESSAGE}}}Request")
        now = datetime.datetime.now(datetime.UTC)
        sender = {"senderId": "DEMO_PORTAL", "password": "demo"}
        payload = request_type(messageId=str(uuid.uuid4()), messageDate=now, senderCode="DEMO_PORTAL", iin=iin)

        accepted = client.service.sendMessage(
            request={
                "messageInfo": {"serviceId": GBDFL, "messageType": "REQUEST", "messageDate": now, "sender": sender},
                "messageData": {"data": zeep.AnyObject(request_type, payload)},
            }
        )
        assert accepted.messageId and accepted.correlationId and accepted.sessionId

        def answered() -> Any:
            status = client.service.getMessageStatus(
                request={"messageId": accepted.messageId, "requestDate": now, "sender": sender}
            )
            return status if status.status.statusCode == "Async.Answered" else None

        status = eventually(answered, "the Individuals DB answers the REQUEST")
        assert status.messageState == "DELIVERED"

        taken = client.service.getMessages(
            request={"correlationId": accepted.correlationId, "serviceId": GBDFL, "sender": sender, "amount": 5}
        )
        assert len(taken.messages) == 1
        response = taken.messages[0]
        assert response.messageInfo.messageType == "RESPONSE"
        assert response.messageInfo.correlationId == accepted.correlationId
        assert response.messageData.data.persons.person[0].iin == iin

        acknowledged = client.service.sendDeliveryNotification(
            request={
                "notification": {
                    "messageId": response.messageInfo.messageId,
                    "serviceId": GBDFL,
                    "notificationDate": now,
                    "deliveryStatus": {"receiveStatus": "MESSAGE_ACCEPTED", "statusDate": now},
                },
                "requestDate": now,
                "sender": sender,
            }
        )
        assert acknowledged.notificationId
        response_status = client.service.getMessageStatus(
            request={"messageId": response.messageInfo.messageId, "requestDate": now, "sender": sender}
        )
        assert response_status.messageState == "DELIVERED"
        again = client.service.getMessages(
            request={"correlationId": accepted.correlationId, "serviceId": GBDFL, "sender": sender}
        )
        assert not again.messages


def test_the_whole_life_cycle_over_rest(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    document = etree.tostring(gbdfl_request(iin), encoding="unicode").replace("<data ", "<m:Request ", 1)
    document = document.replace("</data>", "</m:Request>").replace(' xsi:type="m:Request"', "")
    with rest(gateway, DEMO) as client:
        sent = client.post("/api/v1/async/messages", json={"serviceId": GBDFL, "data": document})
        assert sent.status_code == 202, sent.text
        ids = sent.json()
        eventually(lambda: status_of(gateway, ids["messageId"])["statusCode"] == "Async.Answered", "an answer")
        taken = client.get("/api/v1/async/messages", params={"serviceId": GBDFL, "correlationId": ids["correlationId"]})
        (response,) = taken.json()["messages"]
        assert response["messageType"] == "RESPONSE"
        assert f"<iin>{iin}</iin>" in response["data"]
        assert response["properties"]["statusCode"] == "SCSS001"
        ack = client.post(f"/api/v1/async/messages/{response['messageId']}/delivery", json={"serviceId": GBDFL})
        assert ack.status_code == 200 and ack.json()["notificationId"]
        assert status_of(gateway, response["messageId"])["state"] == "DELIVERED"
    logged = gateway.http.get("/api/v1/messages", params={"serviceId": GBDFL, "limit": 500}).json()["exchanges"]
    channels = {entry["channel"] for entry in logged if entry["correlationId"] == ids["correlationId"]}
    assert channels == {"rest", "async"}  # the REST calls, and the courier's hop to the provider


def test_a_pushed_request_is_answered_by_the_provider_and_pushed_back_with_state_changes(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    request = post_async(
        gateway.http, send_message_envelope(message_info("TEST_AsyncPush", ASYNC_CONSUMER), gbdfl_request(iin))
    )
    message_id = request.findtext("response/messageId")
    correlation_id = request.findtext("response/correlationId")
    assert message_id and correlation_id

    info, _ = eventually(lambda: gateway.provider_inbox.messages.get(message_id), "the REQUEST pushed to the provider")
    assert info.correlation_id == correlation_id and info.sender_id == ASYNC_CONSUMER[0] and info.password is None
    eventually(lambda: "DELIVERED" in gateway.consumer_inbox.states_of(message_id), "DELIVERED notified")
    assert status_of(gateway, message_id, ASYNC_CONSUMER)["secondsLeft"] > 0

    data = etree.Element("data")
    data.text = gbdfl_response_text()
    answer = post_async(
        gateway.http,
        send_message_envelope(
            message_info("TEST_AsyncPush", ASYNC_PROVIDER, "RESPONSE", correlation_id=correlation_id), data
        ),
    )
    response_id = answer.findtext("response/messageId")
    assert answer.findtext("response/correlationId") == correlation_id
    pushed, _ = eventually(lambda: gateway.consumer_inbox.messages.get(response_id or ""), "the RESPONSE pushed back")
    assert pushed.message_type == "RESPONSE" and pushed.sender_id == ASYNC_PROVIDER[0]
    assert status_of(gateway, message_id, ASYNC_CONSUMER)["statusCode"] == "Async.Answered"
    assert status_of(gateway, message_id, ASYNC_CONSUMER)["secondsLeft"] is None


def test_a_provider_pulls_its_requests_and_acknowledges_them(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    sent = post_async(
        gateway.http, send_message_envelope(message_info("TEST_AsyncPull", ASYNC_CONSUMER), gbdfl_request(iin))
    )
    message_id = sent.findtext("response/messageId") or ""
    with rest(gateway, ASYNC_PROVIDER) as provider:
        taken = provider.get("/api/v1/async/messages", params={"serviceId": "TEST_AsyncPull", "amount": 100})
        assert message_id in {m["messageId"] for m in taken.json()["messages"]}
        # Taken and not yet acknowledged: not offered to a second poll.
        again = provider.get("/api/v1/async/messages", params={"serviceId": "TEST_AsyncPull", "amount": 100})
        assert message_id not in {m["messageId"] for m in again.json()["messages"]}
        assert status_of(gateway, message_id, ASYNC_CONSUMER)["state"] == "ON_DELIVERY"
        provider.post(f"/api/v1/async/messages/{message_id}/delivery", json={"serviceId": "TEST_AsyncPull"})
    assert status_of(gateway, message_id, ASYNC_CONSUMER)["state"] == "DELIVERED"
    eventually(lambda: "DELIVERED" in gateway.consumer_inbox.states_of(message_id), "DELIVERED notified")


def test_no_response_within_30_minutes_stops_the_request_and_tells_the_sender(
    gateway: LiveGateway, frozen_clock: None
) -> None:
    iin = gateway.sample("adult")[0]
    sent = post_async(
        gateway.http,
        send_message_envelope(message_info(GBDFL, ASYNC_CONSUMER), gbdfl_request(iin)),
        headers={"X-Qaqpa-Fault": "hang"},
    )
    message_id = sent.findtext("response/messageId") or ""

    gateway.advance_clock("29m59s")
    status = status_of(gateway, message_id, ASYNC_CONSUMER)
    assert status["state"] == "ON_DELIVERY"
    assert status["secondsLeft"] == 1.0
    assert "(0m 01s left)" in status["statusMessage"]

    gateway.advance_clock("2s")
    status = status_of(gateway, message_id, ASYNC_CONSUMER)
    assert (status["state"], status["statusCode"]) == ("DELIVERY_STOPPED", "Async.WindowClosed")
    eventually(lambda: "DELIVERY_STOPPED" in gateway.consumer_inbox.states_of(message_id), "the sender is told")
    expired = gateway.http.get("/api/v1/messages/" + message_id).json()["exchanges"]
    assert any(entry["outcome"] == "expired" for entry in expired)
    metrics = gateway.http.get("/metrics").text
    assert f'qaqpa_async_deadlines_missed_total{{service_id="{GBDFL}"}}' in metrics


def test_a_late_response_is_kept_as_late_and_refused(gateway: LiveGateway, frozen_clock: None) -> None:
    iin = gateway.sample("adult")[0]
    sent = post_async(
        gateway.http, send_message_envelope(message_info("TEST_AsyncPull", ASYNC_CONSUMER), gbdfl_request(iin))
    )
    correlation_id = sent.findtext("response/correlationId")
    gateway.advance_clock("31m")
    data = etree.Element("data")
    data.text = gbdfl_response_text()
    code, response = async_fault(
        gateway.http,
        send_message_envelope(
            message_info("TEST_AsyncPull", ASYNC_PROVIDER, "RESPONSE", correlation_id=correlation_id), data
        ),
    )
    assert code == "Client.ResponseWindowClosed"
    assert (
        etree.fromstring(response.content).find(f".//{{{ns.ASYNC_WRAPPER}}}sendMessageFault1_sendMessageFault")
        is not None
    )
    late_id = (etree.fromstring(response.content).findtext(".//errorData") or "").rsplit(" ", 1)[-1]
    late = status_of(gateway, late_id, ASYNC_PROVIDER)
    assert (late["state"], late["statusCode"], late["late"]) == ("NOT_DELIVERED", "Async.Late", True)


def test_a_repeated_send_with_the_same_own_message_id_is_recognised(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    own = new_message_id()
    envelope = send_message_envelope(
        message_info("TEST_AsyncPull", ASYNC_CONSUMER, own_message_id=own), gbdfl_request(iin)
    )
    first = post_async(gateway.http, envelope)
    second = post_async(gateway.http, envelope)
    assert first.findtext("response/messageId") == second.findtext("response/messageId")
    assert first.findtext("response/correlationId") == second.findtext("response/correlationId")
    logged = gateway.http.get(f"/api/v1/messages/{own}").json()["exchanges"]
    assert sorted(entry["statusCode"] for entry in logged) == ["Async.Accepted", "Async.Repeated"]


def test_one_sender_sees_nothing_of_another_senders_messages(gateway: LiveGateway) -> None:
    iin = gateway.sample("adult")[0]
    sent = post_async(
        gateway.http, send_message_envelope(message_info("TEST_AsyncPull", ASYNC_CONSUMER), gbdfl_request(iin))
    )
    message_id = sent.findtext("response/messageId")
    with rest(gateway, DEMO) as other:
        refused = other.get(f"/api/v1/async/messages/{message_id}")
        assert (refused.status_code, refused.json()["code"]) == (404, "Client.UnknownMessage")
        taken = other.get("/api/v1/async/messages", params={"serviceId": "TEST_AsyncPull", "amount": 1000})
        assert taken.json()["messages"] == []


def test_a_sender_without_the_right_is_denied_on_both_async_channels(gateway: LiveGateway) -> None:
    """The SyncChannel's check (test_sync_channel.py) holds on the AsyncChannel over SOAP and over REST."""
    iin = gateway.sample("adult")[0]
    code, _ = async_fault(gateway.http, send_message_envelope(message_info(GBDFL, LIMITED_SENDER), gbdfl_request(iin)))
    assert code == "Client.AccessDenied"
    document = etree.tostring(gbdfl_request(iin), encoding="unicode")
    with rest(gateway, LIMITED_SENDER) as client:
        refused = client.post("/api/v1/async/messages", json={"serviceId": GBDFL, "data": document})
        assert (refused.status_code, refused.json()["code"]) == (403, "Client.AccessDenied")
        taken = client.get("/api/v1/async/messages", params={"serviceId": GBDFL})
        assert (taken.status_code, taken.json()["code"]) == (403, "Client.AccessDenied")


@pytest.mark.parametrize(
    ("message_type", "correlation", "expected"),
    [
        ("REQUEST", "given", "Client.InvalidMessageChain"),
        ("UPDATE", None, "Client.InvalidMessageChain"),
        ("UPDATE", "unknown", "Client.UnknownCorrelation"),
        ("UPDATE", "of-a-sync-provider", "Client.InvalidMessageChain"),
    ],
)
def test_a_broken_chain_is_refused_with_its_code(
    gateway: LiveGateway, message_type: str, correlation: str | None, expected: str
) -> None:
    iin = gateway.sample("adult")[0]
    correlation_id = {"given": str(uuid.uuid4()), "unknown": str(uuid.uuid4()), None: None}.get(correlation)
    if correlation == "of-a-sync-provider":
        sent = post_async(gateway.http, send_message_envelope(message_info(GBDFL, DEMO), gbdfl_request(iin)))
        correlation_id = sent.findtext("response/correlationId")
    info = message_info(GBDFL, DEMO, message_type, correlation_id=correlation_id)
    code, _ = async_fault(gateway.http, send_message_envelope(info, gbdfl_request(iin)))
    assert code == expected


def test_an_unknown_operation_is_invalid_soap_with_the_async_fault_element(gateway: LiveGateway) -> None:
    body = (
        f'<s:Envelope xmlns:s="{ns.SOAP11_ENV}"><s:Body><a:deleteEverything xmlns:a="{ns.ASYNC_WRAPPER}"/>'
        "</s:Body></s:Envelope>"
    ).encode()
    code, response = async_fault(gateway.http, body)
    assert code == "Client.InvalidSoap"
    assert b"sendMessageFault1_sendMessageFault" in response.content
