"""The AsyncChannel over REST: the same operations as ``/bip-async/``, on the same pipeline (sender
authentication, access rights, payload signatures, message log), with JSON around the XML payload.

The sender authenticates with HTTP Basic (``senderId:password``). A sender whose policy requires a
WS-Security signature must use the SOAP endpoint. docs/async.md has examples.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Depends, Query, Request
from lxml import etree
from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from contracts import namespaces as ns
from contracts.parsing import DEFAULT_LIMITS, parse_untrusted
from contracts.shep import Property, xml_datetime
from contracts.shep.asynchronous import DeliveryNotice, MessageInfo, MessagesQuery, StatusQuery, read_message
from gateway.api.deps import RuntimeDep
from gateway.api.fields import Flag
from gateway.errors import AuthenticationFailed
from gateway.mailbox import StoredMessage
from gateway.runtime import Runtime

router = APIRouter(prefix="/api/v1/async", tags=["async channel"])

T = TypeVar("T")
_XSI_TYPE = ns.qname(ns.XSI, "type")


def _credentials(request: Request) -> tuple[str, str]:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    try:
        sender_id, separator, password = base64.b64decode(value, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        separator = ""
    if scheme.lower() != "basic" or not separator:
        raise AuthenticationFailed("the async REST API needs Authorization: Basic base64(senderId:password)")
    return sender_id, password


Credentials = Annotated[tuple[str, str], Depends(_credentials)]


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_compatible(text: str) -> str:
    found = _NOT_XML.search(text)
    if found:
        raise ValueError(f"U+{ord(found.group()):04X} at {found.start()} cannot be carried in XML")
    return text


XmlText = Annotated[str, AfterValidator(_xml_compatible)]
"""Text the gateway writes into a ShEP message: only the characters XML 1.0 can carry."""
Name = Annotated[XmlText, Field(max_length=200)]


class _Body(BaseModel):
    model_config = ConfigDict(populate_by_name=True, extra="forbid")


class SendMessage(_Body):
    service_id: Name = Field(alias="serviceId")
    message_type: Literal["REQUEST", "UPDATE", "NOTIFICATION", "RESPONSE"] = Field("REQUEST", alias="messageType")
    correlation_id: Name | None = Field(None, alias="correlationId", description="required unless REQUEST")
    message_id: Name | None = Field(
        None, alias="messageId", description="your own id: a repeat with the same one is recognised, not duplicated"
    )
    data: XmlText = Field(description="the payload, an XML document (e.g. the GBDFL Request)")
    properties: dict[Name, XmlText] = Field(default_factory=dict)


class Delivery(_Body):
    service_id: Name = Field(alias="serviceId")
    accepted: Flag = True
    resend: Flag = Field(False, description="when not accepted: offer the message again")
    error_code: Name | None = Field(None, alias="errorCode")
    error_message: XmlText | None = Field(None, alias="errorMessage")


class Endpoint(_Body):
    url: Name = Field(description="your IAsyncChannelClient: RESPONSEs and state changes are pushed there")


async def _over_rest(runtime: Runtime, request: Request, work: Callable[[Any], Awaitable[T]]) -> T:
    channel = runtime.async_channel
    exchange = channel.exchange("rest", await request.body(), request.client.host if request.client else None)
    try:
        return await channel.run(exchange, lambda: work(exchange))
    finally:
        await channel.finish(exchange)


@router.post("/messages", status_code=202, summary="sendMessage: accepted now, delivered later")
async def send_message(body: SendMessage, request: Request, runtime: RuntimeDep, who: Credentials) -> dict[str, Any]:
    data = etree.Element("data")
    data.text = body.data
    info = MessageInfo(
        service_id=body.service_id,
        message_type=body.message_type,
        message_date=xml_datetime(runtime.clock.now()),
        sender_id=who[0],
        password=who[1],
        message_id=body.message_id,
        correlation_id=body.correlation_id,
        properties=tuple(Property(key, value) for key, value in body.properties.items()),
    )
    accepted = await _over_rest(
        runtime, request, lambda exchange: runtime.async_channel.send(info, data, exchange, None)
    )
    return {
        "messageId": accepted.message_id,
        "correlationId": accepted.correlation_id,
        "repeated": accepted.repeated,
    }


@router.get("/messages", summary="getMessages: take the messages waiting for you (acknowledge each)")
async def get_messages(
    request: Request,
    runtime: RuntimeDep,
    who: Credentials,
    service_id: Annotated[Name, Query(alias="serviceId")],
    correlation_id: Annotated[Name | None, Query(alias="correlationId")] = None,
    message_id: Annotated[Name | None, Query(alias="messageId")] = None,
    amount: Annotated[int | None, Query(ge=0, le=1000)] = None,
) -> dict[str, Any]:
    query = MessagesQuery(service_id, who[0], who[1], message_id, correlation_id, amount)
    taken = await _over_rest(runtime, request, lambda exchange: runtime.async_channel.messages(query, exchange, None))
    return {"messages": [_as_json(message) for message in taken]}


@router.get("/messages/{message_id}", summary="getMessageStatus: state, status and the time left to answer")
async def get_status(message_id: Name, request: Request, runtime: RuntimeDep, who: Credentials) -> dict[str, Any]:
    query = StatusQuery(message_id, who[0], who[1])
    message, status = await _over_rest(
        runtime, request, lambda exchange: runtime.async_channel.status(query, exchange, None)
    )
    left = message.time_left(runtime.clock.now())
    return {
        "messageId": message.message_id,
        "correlationId": message.correlation_id,
        "serviceId": message.service_id,
        "messageType": message.message_type,
        "state": status.state,
        "statusCode": status.code,
        "statusMessage": status.message,
        "statusDate": status.date,
        "deadline": xml_datetime(message.deadline_at) if message.deadline_at else None,
        "secondsLeft": left.total_seconds() if left is not None else None,
        "late": message.late,
        "notifications": await runtime.mailbox.notifications_of(message.message_id),
    }


@router.post("/messages/{message_id}/delivery", summary="sendDeliveryNotification: accept or refuse what you took")
async def send_delivery(
    message_id: Name, body: Delivery, request: Request, runtime: RuntimeDep, who: Credentials
) -> dict[str, Any]:
    notice = DeliveryNotice(
        message_id=message_id,
        service_id=body.service_id,
        accepted=body.accepted,
        resend=body.resend,
        sender_id=who[0],
        password=who[1],
        error_code=body.error_code,
        error_message=body.error_message,
    )
    notification_id = await _over_rest(
        runtime, request, lambda exchange: runtime.async_channel.acknowledge(notice, exchange, None)
    )
    return {"notificationId": notification_id}


@router.put("/endpoint", summary="Register your IAsyncChannelClient (pushes instead of polling)")
async def put_endpoint(body: Endpoint, runtime: RuntimeDep, who: Credentials) -> dict[str, Any]:
    sender = await runtime.senders.authenticate(*who)
    await runtime.mailbox.set_endpoint(sender.sender_id, body.url)
    return {"senderId": sender.sender_id, "url": body.url}


@router.get("/endpoint", summary="Your registered IAsyncChannelClient, if any")
async def get_endpoint(runtime: RuntimeDep, who: Credentials) -> dict[str, Any]:
    sender = await runtime.senders.authenticate(*who)
    return {"senderId": sender.sender_id, "url": await runtime.mailbox.endpoint(sender.sender_id)}


@router.delete("/endpoint", summary="Forget your endpoint: poll getMessages instead")
async def delete_endpoint(runtime: RuntimeDep, who: Credentials) -> dict[str, Any]:
    sender = await runtime.senders.authenticate(*who)
    await runtime.mailbox.set_endpoint(sender.sender_id, None)
    return {"senderId": sender.sender_id, "url": None}


def _as_json(message: StoredMessage) -> dict[str, Any]:
    info, data = read_message(parse_untrusted(message.message, DEFAULT_LIMITS, what="a stored message"))
    return {
        "messageId": message.message_id,
        "correlationId": message.correlation_id,
        "serviceId": message.service_id,
        "messageType": message.message_type,
        "senderId": message.sender_id,
        "messageDate": info.message_date,
        "properties": {prop.key: prop.value for prop in info.properties},
        "data": _payload_text(data),
    }


def _payload_text(data: etree._Element) -> str:
    """The payload as one XML document: an escaped string as it came, an element or typed ``data`` serialised."""
    children = list(data.iterchildren(tag=etree.Element))
    if not children:
        return data.text or ""
    if len(children) == 1 and data.get(_XSI_TYPE) is None:
        return etree.tostring(children[0], encoding="unicode")
    return etree.tostring(data, encoding="unicode")
