"""Outbound schema validation on a running gateway: an answer the gateway built wrong never reaches the
client — it gets Gateway.OutboundSchemaViolation naming the path — unless the service's registry entry
switches validation off (docs/contracts.md)."""

from __future__ import annotations

import pytest
from lxml import etree

import gateway.shep.sync_channel as sync_channel
from contracts.shep import ResponseInfo, build_response
from tests.support.gateway import UNVALIDATED_SERVICE, LiveGateway
from tests.support.shep import read_fault, response_wrapper, send_message, simulated_data


def _without_message_id(info: ResponseInfo, data: etree._Element) -> etree._Element:
    """A gateway bug: the SendMessageResponse loses its responseInfo/messageId."""
    wrapper = build_response(info, data)
    response_info = wrapper.find("response/responseInfo")
    assert response_info is not None
    message_id = response_info.find("messageId")
    assert message_id is not None
    response_info.remove(message_id)
    return wrapper


@pytest.fixture
def broken_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_channel, "build_response", _without_message_id)


def _ask(gateway: LiveGateway, service_id: str) -> tuple[int, bytes]:
    iin = gateway.sample("married")[0]
    response = gateway.post(send_message(simulated_data("zags", iin), service_id=service_id))
    return response.status_code, response.content


@pytest.mark.usefixtures("broken_answers")
def test_an_answer_that_breaks_the_wsdl_is_stopped_and_named_by_path(gateway: LiveGateway) -> None:
    status, body = _ask(gateway, "ZAGS_DeathActs")
    assert status == 500
    fault = read_fault(body)
    assert (fault.code, fault.actor) == ("Gateway.OutboundSchemaViolation", "urn:qaqpa:hop:gateway")
    assert "/sync:SendMessageResponse/response/responseInfo" in fault.message + (fault.data or "")


@pytest.mark.usefixtures("broken_answers")
def test_a_service_whose_entry_switches_validation_off_lets_it_through(gateway: LiveGateway) -> None:
    status, body = _ask(gateway, UNVALIDATED_SERVICE)
    assert status == 200
    assert response_wrapper(body).find("response/responseInfo/messageId") is None
