"""The SyncChannel through the real HTTP endpoint: answers in every payload style, and every fault code."""

from __future__ import annotations

import logging
import socket
import time

import pytest
from lxml import etree

from contracts import namespaces as ns
from contracts.loader import load_contracts
from tests.support.gateway import LIMITED_SENDER, LiveGateway
from tests.support.shep import (
    element_data,
    gbdfl_request,
    inline_data,
    read_fault,
    response_payload,
    response_wrapper,
    send_message,
    string_data,
)


def _valid_iin(gateway: LiveGateway) -> str:
    return gateway.sample("alive")[0]


def _assert_fault(response_body: bytes, status: int, code: str, hop: str) -> None:
    fault = read_fault(response_body)
    assert status == 500
    assert fault.code == code, fault
    assert fault.actor is not None and fault.actor.startswith(f"urn:qaqpa:hop:{hop}"), fault
    assert fault.message, "every fault carries a human message"
    assert fault.session_id and fault.session_id.startswith("{") and fault.session_id.endswith("}")
    assert b"Traceback" not in response_body


# --- answers ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("style", ["inline", "string", "element"])
def test_a_citizen_is_found_in_every_payload_style(gateway: LiveGateway, style: str) -> None:
    iin = _valid_iin(gateway)
    data = {"inline": inline_data, "string": string_data, "element": element_data}[style](gbdfl_request(iin))
    response = gateway.post(send_message(data))
    assert response.status_code == 200, response.text
    wrapper = response_wrapper(response.content)
    assert wrapper.findtext("response/responseInfo/status/code") == "SCSS001"
    session_id = wrapper.findtext("response/responseInfo/sessionId")
    assert session_id == response.headers["X-Qaqpa-Session-Id"]
    payload = response_payload(response.content)
    assert payload.findtext("messageResult/code") == "00000"
    assert payload.findtext("persons/person/iin") == iin
    data_element = wrapper.find("response/responseData/data")
    assert data_element is not None
    # The Individuals DB signs its answer, so it travels as the system sent it: typed inline, signature last.
    assert data_element.get(ns.qname(ns.XSI, "type"), "").endswith(":Response")
    assert data_element[-1].tag == ns.qname(ns.DS, "Signature")


def test_the_answer_validates_against_contracts(gateway: LiveGateway) -> None:
    contracts = load_contracts()
    response = gateway.post(send_message(inline_data(gbdfl_request(_valid_iin(gateway)))))
    wrapper = response_wrapper(response.content)
    assert contracts.sync_channel.validate(wrapper), contracts.sync_channel.error_log
    standalone = etree.Element(ns.qname(ns.GBDFL_MESSAGE, "Response"))
    standalone.extend(response_payload(response.content))
    assert contracts.payload("gbdfl").schema.validate(standalone), contracts.payload("gbdfl").schema.error_log


def test_a_valid_but_unknown_iin_is_not_found_inside_a_successful_envelope(gateway: LiveGateway) -> None:
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012"))))
    assert response.status_code == 200
    assert response_wrapper(response.content).findtext("response/responseInfo/status/code") == "SCSS001"
    payload = response_payload(response.content)
    assert payload.findtext("messageResult/code") == "10001"
    assert payload.find("persons") is None


def test_an_iin_with_a_wrong_check_digit_gets_a_validation_error(gateway: LiveGateway) -> None:
    iin = _valid_iin(gateway)
    wrong = iin[:11] + str((int(iin[11]) + 1) % 10)
    payload = response_payload(gateway.post(send_message(inline_data(gbdfl_request(wrong)))).content)
    assert payload.findtext("messageResult/code") == "20001"
    assert payload.findtext("messageResult/nameRu") == "Некорректный ИИН"


def test_lenient_spellings_of_the_envelope_are_accepted(gateway: LiveGateway) -> None:
    body = send_message(inline_data(gbdfl_request(_valid_iin(gateway)))).replace(
        b"SyncChannel/v10/Types", b"SyncChannel/v10/types"
    )
    body = body.replace(b"<request>", b'<q:request xmlns:q="http://bip.bee.kz/SyncChannel/v10/Types">').replace(
        b"</request>", b"</q:request>"
    )
    response = gateway.post(body)
    assert response.status_code == 200, response.text


def test_the_sender_password_is_not_forwarded_to_the_provider(gateway: LiveGateway) -> None:
    iin = _valid_iin(gateway)
    response = gateway.post(send_message(inline_data(gbdfl_request(iin)), message_id="no-password-check"))
    entry = gateway.http.get("/api/v1/messages/no-password-check").json()["exchanges"][0]
    assert entry["sessionId"] == response.headers["X-Qaqpa-Session-Id"]
    assert "<password>" in entry["request"] and "<password>" not in entry["providerRequest"]
    assert entry["sessionId"] in entry["providerRequest"]


# --- client-hop faults ------------------------------------------------------------------------------------

CLIENT_FAULTS = {
    "Client.MalformedXml": (b"<Envelope><Body></Envelope>", "text/xml"),
    "Client.ForbiddenDtd": (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        "text/xml",
    ),
    "Client.XmlTooDeep": (b"<a>" * 80 + b"</a>" * 80, "text/xml"),
    "Client.InvalidContentType": (b'{"iin": "061211600012"}', "application/json"),
    "Client.InvalidSoap": (b"<notAnEnvelope/>", "text/xml"),
}


@pytest.mark.parametrize("code", sorted(CLIENT_FAULTS))
def test_unacceptable_requests_get_their_own_fault(gateway: LiveGateway, code: str) -> None:
    body, content_type = CLIENT_FAULTS[code]
    response = gateway.post(body, content_type=content_type)
    _assert_fault(response.content, response.status_code, code, "client")


def test_a_body_over_the_limit_is_refused(gateway: LiveGateway) -> None:
    padding = b" " * (300 * 1024)
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012"))) + padding)
    _assert_fault(response.content, response.status_code, "Client.BodyTooLarge", "client")


def test_a_soap_1_2_envelope_is_a_version_mismatch(gateway: LiveGateway) -> None:
    body = send_message(inline_data(gbdfl_request("061211600012"))).replace(
        ns.SOAP11_ENV.encode(), ns.SOAP12_ENV.encode()
    )
    for content_type in ("text/xml", "application/soap+xml; charset=utf-8"):
        response = gateway.post(body, content_type=content_type)
        _assert_fault(response.content, response.status_code, "Client.SoapVersionMismatch", "client")
        assert read_fault(response.content).faultcode == "soap:VersionMismatch"


def test_an_operation_other_than_send_message_is_invalid_soap(gateway: LiveGateway) -> None:
    body = send_message(inline_data(gbdfl_request("061211600012"))).replace(b"SendMessage", b"GetMessages")
    response = gateway.post(body)
    _assert_fault(response.content, response.status_code, "Client.InvalidSoap", "client")


def test_an_envelope_that_breaks_the_sync_schema_names_the_path(gateway: LiveGateway) -> None:
    body = send_message(inline_data(gbdfl_request("061211600012"))).replace(
        b"<serviceId>GBDFL_UniversalServiceSync</serviceId>", b""
    )
    response = gateway.post(body)
    _assert_fault(response.content, response.status_code, "Client.SchemaViolation", "client")
    assert "requestInfo" in (read_fault(response.content).data or "")


def test_a_payload_that_breaks_its_schema_names_the_path(gateway: LiveGateway) -> None:
    children = gbdfl_request("061211600012").replace("<senderCode>DEMO_PORTAL</senderCode>", "")
    for data in (inline_data(children), string_data(children)):
        response = gateway.post(send_message(data))
        _assert_fault(response.content, response.status_code, "Client.PayloadSchemaViolation", "client")
        assert "senderCode" in read_fault(response.content).message


def test_an_escaped_payload_string_is_parsed_as_hardened_as_the_envelope(gateway: LiveGateway) -> None:
    hostile = '<!DOCTYPE m [<!ENTITY x "y">]><m:Request xmlns:m="http://message.persistence.interactive.nat"/>'
    body = send_message("<data>" + hostile.replace("<", "&lt;") + "</data>")
    response = gateway.post(body)
    _assert_fault(response.content, response.status_code, "Client.ForbiddenDtd", "client")


@pytest.mark.parametrize(
    ("sender_id", "password"),
    [("NOBODY", "demo"), ("DEMO_PORTAL", "wrong"), ("DEMO_PORTAL", None)],
    ids=["unknown-sender", "wrong-password", "no-password"],
)
def test_authentication_failures(gateway: LiveGateway, sender_id: str, password: str | None) -> None:
    body = send_message(inline_data(gbdfl_request("061211600012")), sender_id=sender_id, password=password)
    response = gateway.post(body)
    _assert_fault(response.content, response.status_code, "Client.AuthenticationFailed", "client")


def test_a_sender_without_the_right_is_denied(gateway: LiveGateway) -> None:
    sender_id, password = LIMITED_SENDER
    body = send_message(inline_data(gbdfl_request("061211600012")), sender_id=sender_id, password=password)
    response = gateway.post(body)
    _assert_fault(response.content, response.status_code, "Client.AccessDenied", "client")


def test_an_unknown_service_id(gateway: LiveGateway) -> None:
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012")), service_id="NO_SUCH_SERVICE"))
    _assert_fault(response.content, response.status_code, "Client.UnknownService", "client")


def test_the_strict_demo_sender_must_sign(gateway: LiveGateway) -> None:
    body = send_message(inline_data(gbdfl_request(_valid_iin(gateway))), sender_id="DEMO_PORTAL_STRICT")
    response = gateway.post(body)
    _assert_fault(response.content, response.status_code, "Client.Signature.Missing", "client")


# --- gateway-hop faults -----------------------------------------------------------------------------------


def test_a_disabled_service(gateway: LiveGateway) -> None:
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012")), service_id="TEST_Disabled"))
    _assert_fault(response.content, response.status_code, "Gateway.ServiceDisabled", "gateway")


def test_an_unexpected_failure_is_a_fault_without_a_stack_trace(
    gateway: LiveGateway, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*_: object) -> None:
        raise RuntimeError("simulated bug inside the gateway")

    monkeypatch.setattr(gateway.app.state.runtime.senders, "authenticate", broken)
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012"))))
    _assert_fault(response.content, response.status_code, "Gateway.InternalError", "gateway")
    assert b"simulated bug" not in response.content


# --- provider-hop faults ----------------------------------------------------------------------------------

PROVIDER_FAULTS = {
    "TEST_Unreachable": "Provider.Unreachable",
    "TEST_Hang": "Provider.Timeout",
    "TEST_Reset": "Provider.ConnectionReset",
    "TEST_HttpError": "Provider.HttpError",
    "TEST_Fault": "Provider.Fault",
    "TEST_Garbage": "Provider.MalformedResponse",
    "TEST_NoStatus": "Provider.SchemaViolation",
    "TEST_BadPayload": "Provider.SchemaViolation",
}


@pytest.mark.parametrize("service_id", sorted(PROVIDER_FAULTS))
def test_every_provider_failure_is_named(gateway: LiveGateway, service_id: str) -> None:
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012")), service_id=service_id))
    _assert_fault(response.content, response.status_code, PROVIDER_FAULTS[service_id], "provider")
    assert read_fault(response.content).actor == "urn:qaqpa:hop:provider:TESTPROV"


def test_a_provider_fault_carries_the_provider_error_as_sub_error(gateway: LiveGateway) -> None:
    response = gateway.post(send_message(inline_data(gbdfl_request("061211600012")), service_id="TEST_Fault"))
    fault = read_fault(response.content)
    assert fault.sub_code == "PROV-42"
    assert "maintenance" in fault.message


def test_a_client_that_leaves_mid_body_is_no_error(gateway: LiveGateway, caplog: pytest.LogCaptureFixture) -> None:
    """Found by the soak: wrk stopping mid-request made uvicorn log 'Exception in ASGI application'."""
    caplog.set_level(logging.DEBUG, logger="gateway.api.problems")
    host, port = gateway.base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as connection:
        connection.sendall(
            b"POST /bip-sync/ HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\n\r\n<a>"
        )
    deadline = time.monotonic() + 10
    while not any("client went away" in record.message for record in caplog.records):
        assert time.monotonic() < deadline, [record.message for record in caplog.records]
        time.sleep(0.05)
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
