"""ShEP AsyncChannel messages as values: the four operations the gateway serves, and the two it pushes.

Element names and multiplicities follow shared/notes/protocols-shep-xroad.md §1.5 and the XSDs beside this
module. As on the SyncChannel, children are unqualified and readers first :func:`canonicalize` the wrapper.
Readers expect a schema-valid wrapper: validate before reading.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Literal, get_args

from lxml import etree

from contracts import namespaces as ns
from contracts.shep.sync import Property, add_text, required_text, text_of

MessageType = Literal["REQUEST", "UPDATE", "NOTIFICATION", "RESPONSE"]
MessageState = Literal["ON_DELIVERY", "DELIVERED", "NOT_DELIVERED", "DELIVERY_STOPPED"]
MESSAGE_STATES: tuple[str, ...] = get_args(MessageState)

Operation = Literal["sendMessage", "getMessages", "getMessageStatus", "sendDeliveryNotification"]
OPERATIONS: tuple[str, ...] = get_args(Operation)


def operation_tag(operation: str) -> str:
    return ns.qname(ns.ASYNC_WRAPPER, operation)


def fault_detail_tag(operation: str) -> str:
    """The fault element of an operation, named as in the original (``sendMessageFault1_sendMessageFault``)."""
    return ns.qname(ns.ASYNC_WRAPPER, f"{operation}Fault1_{operation}Fault")


CLIENT_SEND_MESSAGE = ns.qname(ns.ASYNC_CLIENT_WRAPPER, "sendMessage")
CLIENT_SEND_MESSAGE_RESPONSE = ns.qname(ns.ASYNC_CLIENT_WRAPPER, "sendMessageResponse")
CHANGE_STATUS = ns.qname(ns.ASYNC_CLIENT_WRAPPER, "changeMassageStatusNotification")
CHANGE_STATUS_RESPONSE = ns.qname(ns.ASYNC_CLIENT_WRAPPER, "changeMassageStatusNotificationResponse")


@dataclass(frozen=True, slots=True)
class MessageInfo:
    """``AsyncMessageInfo``: the header of every async message."""

    service_id: str
    message_type: MessageType
    message_date: str
    sender_id: str
    password: str | None = None
    message_id: str | None = None
    correlation_id: str | None = None
    route_id: str | None = None
    properties: tuple[Property, ...] = ()
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class MessagesQuery:
    """``AsyncGetMessagesRequest``."""

    service_id: str
    sender_id: str | None
    password: str | None
    message_id: str | None = None
    correlation_id: str | None = None
    amount: int | None = None


@dataclass(frozen=True, slots=True)
class StatusQuery:
    """``AsyncGetMessageStatusRequest``."""

    message_id: str
    sender_id: str
    password: str | None


@dataclass(frozen=True, slots=True)
class DeliveryNotice:
    """``AsyncSendDeliveryNotificationRequest``: a recipient accepts a message it took, or refuses it."""

    message_id: str
    service_id: str
    accepted: bool
    resend: bool
    sender_id: str | None
    password: str | None
    error_code: str | None = None
    error_message: str | None = None


@dataclass(frozen=True, slots=True)
class MessageStatus:
    """``MessageStatusInfo`` with the state it describes."""

    state: MessageState
    code: str
    message: str
    date: str


def _sender(parent: etree._Element) -> tuple[str | None, str | None]:
    sender = parent.find("sender")
    if sender is None:
        return None, None
    return text_of(sender, "senderId"), text_of(sender, "password")


def _properties(parent: etree._Element) -> tuple[Property, ...]:
    return tuple(
        Property(key=required_text(prop, "key"), value=required_text(prop, "value"))
        for prop in parent.iterfind("properties")
    )


def read_message(holder: etree._Element) -> tuple[MessageInfo, etree._Element]:
    """Read ``messageInfo`` and the ``data`` element under ``holder`` (a ``request`` or an ``AsyncMessage``)."""
    info = holder.find("messageInfo")
    data = holder.find("messageData/data")
    if info is None or data is None:
        raise ValueError("the message lacks messageInfo or messageData/data; validate it first")
    sender_id, password = _sender(info)
    return (
        MessageInfo(
            message_id=text_of(info, "messageId") or None,
            correlation_id=text_of(info, "correlationId") or None,
            service_id=required_text(info, "serviceId"),
            message_type=required_text(info, "messageType"),  # type: ignore[arg-type]  # the schema's enumeration
            route_id=text_of(info, "routeId"),
            message_date=required_text(info, "messageDate"),
            sender_id=sender_id or "",
            password=password,
            properties=_properties(info),
            session_id=text_of(info, "sessionId"),
        ),
        data,
    )


def build_message(tag: str, info: MessageInfo, data: etree._Element) -> etree._Element:
    """An element ``tag`` holding ``messageInfo`` and ``messageData``; ``data`` is copied in."""
    holder = etree.Element(tag)
    header = etree.SubElement(holder, "messageInfo")
    add_text(header, "messageId", info.message_id)
    add_text(header, "correlationId", info.correlation_id)
    add_text(header, "serviceId", info.service_id)
    add_text(header, "messageType", info.message_type)
    add_text(header, "routeId", info.route_id)
    add_text(header, "messageDate", info.message_date)
    sender = etree.SubElement(header, "sender")
    add_text(sender, "senderId", info.sender_id)
    add_text(sender, "password", info.password)
    for prop in info.properties:
        holder_ = etree.SubElement(header, "properties")
        add_text(holder_, "key", prop.key)
        add_text(holder_, "value", prop.value)
    add_text(header, "sessionId", info.session_id)
    etree.SubElement(holder, "messageData").append(copy.deepcopy(data))
    return holder


def _wrapper(tag: str, child: str) -> tuple[etree._Element, etree._Element]:
    namespace, _ = ns.split_qname(tag)
    wrapper = etree.Element(tag, nsmap={"async": namespace} if namespace else None)
    return wrapper, etree.SubElement(wrapper, child)


def build_send_message(tag: str, info: MessageInfo, data: etree._Element) -> etree._Element:
    """A ``sendMessage`` wrapper (the gateway's, or a recipient's ``IAsyncChannelClient`` one)."""
    namespace, _ = ns.split_qname(tag)
    wrapper = etree.Element(tag, nsmap={"async": namespace} if namespace else None)
    wrapper.append(build_message("request", info, data))
    return wrapper


def read_send_message(wrapper: etree._Element) -> tuple[MessageInfo, etree._Element]:
    request = wrapper.find("request")
    if request is None:
        raise ValueError("sendMessage lacks its request; validate it first")
    return read_message(request)


def build_send_message_response(
    tag: str, message_id: str, correlation_id: str, response_date: str, session_id: str | None
) -> etree._Element:
    wrapper, response = _wrapper(tag, "response")
    add_text(response, "messageId", message_id)
    add_text(response, "correlationId", correlation_id)
    add_text(response, "responseDate", response_date)
    add_text(response, "sessionId", session_id)
    return wrapper


def read_messages_query(wrapper: etree._Element) -> MessagesQuery:
    request = _request(wrapper)
    sender_id, password = _sender(request)
    amount = text_of(request, "amount")
    return MessagesQuery(
        service_id=required_text(request, "serviceId"),
        sender_id=sender_id,
        password=password,
        message_id=text_of(request, "messageId") or None,
        correlation_id=text_of(request, "correlationId") or None,
        amount=int(amount) if amount else None,
    )


def build_messages_response(
    messages: list[etree._Element], response_date: str, session_id: str | None
) -> etree._Element:
    """``getMessagesResponse``; each of ``messages`` is a stored ``AsyncMessage`` element, copied in."""
    wrapper, response = _wrapper(operation_tag("getMessagesResponse"), "response")
    add_text(response, "responseDate", response_date)
    add_text(response, "sessionId", session_id)
    for message in messages:
        element = copy.deepcopy(message)
        element.tag = "messages"
        response.append(element)
    return wrapper


def read_status_query(wrapper: etree._Element) -> StatusQuery:
    request = _request(wrapper)
    sender_id, password = _sender(request)
    return StatusQuery(message_id=required_text(request, "messageId"), sender_id=sender_id or "", password=password)


def _add_status(parent: etree._Element, status: MessageStatus) -> None:
    element = etree.SubElement(parent, "status")
    add_text(element, "statusCode", status.code)
    add_text(element, "statusMessage", status.message)
    add_text(element, "statusDate", status.date)


def build_status_response(status: MessageStatus, response_date: str, session_id: str | None) -> etree._Element:
    wrapper, response = _wrapper(operation_tag("getMessageStatusResponse"), "response")
    add_text(response, "messageState", status.state)
    _add_status(response, status)
    add_text(response, "responseDate", response_date)
    add_text(response, "sessionId", session_id)
    return wrapper


def read_delivery_notice(wrapper: etree._Element) -> DeliveryNotice:
    request = _request(wrapper)
    notification = request.find("notification")
    status = notification.find("deliveryStatus") if notification is not None else None
    if notification is None or status is None:
        raise ValueError("sendDeliveryNotification lacks its notification; validate it first")
    sender_id, password = _sender(request)
    error = status.find("error")
    return DeliveryNotice(
        message_id=required_text(notification, "messageId"),
        service_id=required_text(notification, "serviceId"),
        accepted=required_text(status, "receiveStatus") == "MESSAGE_ACCEPTED",
        resend=text_of(status, "resendMessage") == "RESEND",
        sender_id=sender_id,
        password=password,
        error_code=text_of(error, "errorCode") if error is not None else None,
        error_message=text_of(error, "errorMessage") if error is not None else None,
    )


def build_delivery_notice_response(notification_id: str, response_date: str, session_id: str | None) -> etree._Element:
    wrapper, response = _wrapper(operation_tag("sendDeliveryNotificationResponse"), "response")
    add_text(response, "notificationId", notification_id)
    add_text(response, "responseDate", response_date)
    add_text(response, "sessionId", session_id)
    return wrapper


def build_change_status(
    notification_id: str, message_id: str, status: MessageStatus, request_date: str, session_id: str | None
) -> etree._Element:
    """``changeMassageStatusNotification``: the gateway tells a sender that its message changed state."""
    wrapper, request = _wrapper(CHANGE_STATUS, "request")
    notification = etree.SubElement(request, "notification")
    add_text(notification, "notificationId", notification_id)
    add_text(notification, "messageId", message_id)
    add_text(notification, "notificationDate", status.date)
    add_text(notification, "messageState", status.state)
    _add_status(notification, status)
    add_text(request, "requestDate", request_date)
    add_text(request, "sessionId", session_id)
    return wrapper


def _request(wrapper: etree._Element) -> etree._Element:
    request = wrapper.find("request")
    if request is None:
        raise ValueError(f"{ns.tag_of(wrapper)} lacks its request; validate it first")
    return request
