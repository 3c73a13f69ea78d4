"""AsyncChannel messages written by contracts/shep/asynchronous.py are valid by the contract and read back."""

from __future__ import annotations

from lxml import etree

from contracts.loader import load_contracts, validate
from contracts.shep import Property
from contracts.shep.asynchronous import (
    CLIENT_SEND_MESSAGE,
    MessageInfo,
    MessageStatus,
    build_change_status,
    build_message,
    build_messages_response,
    build_send_message,
    build_status_response,
    operation_tag,
    read_send_message,
)

NOW = "2026-11-22T10:00:00.000+05:00"
INFO = MessageInfo(
    service_id="GBDFL_UniversalServiceSync",
    message_type="RESPONSE",
    message_date=NOW,
    sender_id="GBDFL",
    message_id="m-1",
    correlation_id="c-1",
    properties=(Property("statusCode", "SCSS001"),),
)


def _data() -> etree._Element:
    data = etree.Element("data")
    data.text = "<x/>"
    return data


def test_a_send_message_is_valid_and_reads_back_as_written() -> None:
    contracts = load_contracts()
    wrapper = build_send_message(operation_tag("sendMessage"), INFO, _data())
    validate(contracts.async_channel, wrapper, "sendMessage")
    info, data = read_send_message(wrapper)
    assert info == INFO and data.text == "<x/>"
    validate(contracts.async_client, build_send_message(CLIENT_SEND_MESSAGE, INFO, _data()), "client sendMessage")


def test_status_answers_and_notifications_are_valid() -> None:
    contracts = load_contracts()
    status = MessageStatus("DELIVERY_STOPPED", "Async.WindowClosed", "no RESPONSE", NOW)
    validate(contracts.async_channel, build_status_response(status, NOW, None), "getMessageStatusResponse")
    validate(contracts.async_client, build_change_status("n-1", "m-1", status, NOW, None), "changeMassageStatus")
    stored = build_message("message", INFO, _data())
    answer = build_messages_response([stored, stored], NOW, "{00000000-0000-0000-0000-000000000000}")
    validate(contracts.async_channel, answer, "getMessagesResponse")
    assert [m.findtext("messageInfo/messageId") for m in answer.iterfind("response/messages")] == ["m-1", "m-1"]
