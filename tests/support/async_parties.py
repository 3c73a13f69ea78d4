"""The far ends of the async channel: a recipient serving ``IAsyncChannelClient`` and a client of ``/bip-async/``.

:class:`Recipient` is what a provider (pushed REQUESTs) or a consumer (pushed RESPONSEs and
``changeMassageStatusNotification``) runs. It acknowledges each push as the contract says, counts every
delivery, and recognises a repeated one by its ``messageId`` — the idempotency the gateway relies on after a
crash.
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from lxml import etree
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from contracts import namespaces as ns
from contracts import soap
from contracts.shep import xml_datetime
from contracts.shep.asynchronous import (
    CHANGE_STATUS,
    CHANGE_STATUS_RESPONSE,
    CLIENT_SEND_MESSAGE,
    CLIENT_SEND_MESSAGE_RESPONSE,
    MessageInfo,
    build_send_message,
    build_send_message_response,
    operation_tag,
    read_send_message,
)

_XML = "text/xml; charset=utf-8"


@dataclass
class Recipient:
    """Everything pushed to one ``IAsyncChannelClient`` endpoint."""

    delay: float = 0.0
    """Seconds to take before acknowledging a pushed message (keeps messages in flight)."""
    received: Counter[str] = field(default_factory=Counter)
    """Pushed messages by messageId: a count above 1 is a repeat the recipient recognised."""
    messages: dict[str, tuple[MessageInfo, etree._Element]] = field(default_factory=dict)
    instances: Counter[str] = field(default_factory=Counter)
    """Pushes by the gateway process that made them (its X-Qaqpa-Instance header)."""
    states: list[tuple[str, str, str]] = field(default_factory=list)
    """(messageId, messageState, statusCode) of each changeMassageStatusNotification."""
    lock: threading.Lock = field(default_factory=threading.Lock)

    def app(self) -> Starlette:
        async def endpoint(request: Request) -> Response:
            envelope = soap.read_envelope(etree.fromstring(await request.body()))
            wrapper = envelope.payload
            now = xml_datetime(datetime.now(UTC))
            if wrapper.tag == CLIENT_SEND_MESSAGE:
                if self.delay:
                    await asyncio.sleep(self.delay)
                info, data = read_send_message(wrapper)
                assert info.message_id and info.correlation_id
                with self.lock:
                    self.received[info.message_id] += 1
                    self.instances[request.headers.get("x-qaqpa-instance", "?")] += 1
                    self.messages[info.message_id] = (info, data)
                answer = build_send_message_response(
                    CLIENT_SEND_MESSAGE_RESPONSE, info.message_id, info.correlation_id, now, None
                )
            elif wrapper.tag == CHANGE_STATUS:
                notification = wrapper.find("request/notification")
                assert notification is not None
                with self.lock:
                    self.states.append(
                        (
                            notification.findtext("messageId") or "",
                            notification.findtext("messageState") or "",
                            notification.findtext("status/statusCode") or "",
                        )
                    )
                answer = etree.Element(CHANGE_STATUS_RESPONSE, nsmap={"c": ns.ASYNC_CLIENT_WRAPPER})
                response = etree.SubElement(answer, "response")
                etree.SubElement(response, "responseDate").text = now
            else:
                return Response("unexpected operation", status_code=400)
            return Response(soap.serialize(soap.build_envelope(answer)), media_type=_XML)

        return Starlette(routes=[Route("/", endpoint, methods=["POST"])])

    def states_of(self, message_id: str) -> list[str]:
        with self.lock:
            return [state for message, state, _ in self.states if message == message_id]


def gbdfl_request(iin: str) -> etree._Element:
    data = etree.Element("data", nsmap={"xsi": ns.XSI, "m": ns.GBDFL_MESSAGE})
    data.set(ns.qname(ns.XSI, "type"), "m:Request")
    for name, value in (
        ("messageId", str(uuid.uuid4())),
        ("messageDate", "2026-11-22T10:00:00+05:00"),
        ("senderCode", "DEMO_PORTAL"),
        ("iin", iin),
    ):
        etree.SubElement(data, name).text = value
    return data


def message_info(
    service_id: str,
    sender: tuple[str, str],
    message_type: str = "REQUEST",
    *,
    correlation_id: str | None = None,
    own_message_id: str | None = None,
) -> MessageInfo:
    return MessageInfo(
        service_id=service_id,
        message_type=message_type,  # type: ignore[arg-type]
        message_date=xml_datetime(datetime.now(UTC)),
        sender_id=sender[0],
        password=sender[1],
        message_id=own_message_id,
        correlation_id=correlation_id,
    )


def send_message_envelope(info: MessageInfo, data: etree._Element) -> bytes:
    """A ``sendMessage`` to the gateway, as any SOAP client would write it."""
    return soap.serialize(soap.build_envelope(build_send_message(operation_tag("sendMessage"), info, data)))


def post_async(client: httpx.Client, body: bytes, headers: dict[str, str] | None = None) -> etree._Element:
    """POST to ``/bip-async/``; the operation's response element, or AssertionError with the fault."""
    response = client.post("/bip-async/", content=body, headers={"Content-Type": _XML, **(headers or {})})
    envelope = soap.read_envelope(etree.fromstring(response.content))
    assert response.status_code == 200, response.text[:2000]
    return envelope.payload


def async_fault(client: httpx.Client, body: bytes) -> tuple[str, Any]:
    """POST expecting a fault: its errorCode and the whole response."""
    response = client.post("/bip-async/", content=body, headers={"Content-Type": _XML})
    assert response.status_code == 500, response.text[:2000]
    code = etree.fromstring(response.content).findtext(".//errorCode")
    return code or "", response


def new_message_id() -> str:
    return str(uuid.uuid4())
