"""ShEP SyncChannel messages as values: ``SendMessage``, ``SendMessageResponse`` and the fault detail.

Element names and multiplicities follow shared/notes/protocols-shep-xroad.md §1.3-1.4. Children are
unqualified; readers first :func:`canonicalize` the wrapper, because clients in the wild qualify children or
spell the wrapper namespace ``…/types`` (§1.2), and the schema is then checked on the canonical form.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from lxml import etree

from contracts import namespaces as ns

SEND_MESSAGE = ns.qname(ns.SYNC_WRAPPER, "SendMessage")
SEND_MESSAGE_RESPONSE = ns.qname(ns.SYNC_WRAPPER, "SendMessageResponse")
FAULT_DETAIL = ns.qname(ns.SYNC_WRAPPER, "SendMessageFault1_SendMessageFault")

SUCCESS = "SCSS001"
"""The SyncChannel success code (§1.4)."""

KZ_TIME = timezone(timedelta(hours=5), "UTC+05:00")
"""Kazakhstan's one time zone since 1 March 2024; ShEP messages carry local time with its offset."""

_PAYLOAD_HOLDERS = frozenset({"requestData", "responseData", "messageData"})


@dataclass(frozen=True, slots=True)
class Property:
    key: str
    value: str


@dataclass(frozen=True, slots=True)
class RequestInfo:
    message_id: str
    service_id: str
    message_date: str
    sender_id: str
    password: str | None = None
    correlation_id: str | None = None
    route_id: str | None = None
    properties: tuple[Property, ...] = ()
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class Status:
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class ResponseInfo:
    message_id: str
    response_date: str
    status: Status
    correlation_id: str | None = None
    session_id: str | None = None


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    code: str
    message: str
    date: str
    data: str | None = None
    sub_error: ErrorInfo | None = field(default=None)
    session_id: str | None = None


def new_session_id() -> str:
    """A ShEP session id: a GUID in curly braces."""
    return "{" + str(uuid.uuid4()) + "}"


def xml_datetime(moment: datetime) -> str:
    """``xsd:dateTime`` in Kazakhstan time with milliseconds and the offset (``2025-01-15T10:00:00.000+05:00``)."""
    if moment.tzinfo is None:
        raise ValueError("a naive datetime has no place on the wire")
    return moment.astimezone(KZ_TIME).isoformat(timespec="milliseconds")


def canonicalize(wrapper: etree._Element) -> None:
    """Rewrite, in place, a lenient spelling of a SyncChannel or AsyncChannel wrapper into the canonical one."""
    namespace, local = ns.split_qname(wrapper.tag)
    if namespace in ns.SYNC_WRAPPER_ALIASES:
        wrapper.tag = ns.qname(ns.SYNC_WRAPPER, local)
    elif namespace in ns.ASYNC_WRAPPER_ALIASES:
        wrapper.tag = ns.qname(ns.ASYNC_WRAPPER, local)
    _unqualify_structure(wrapper)


def _unqualify_structure(parent: etree._Element) -> None:
    for child in parent.iterchildren(tag=etree.Element):
        namespace, local = ns.split_qname(child.tag)
        if namespace is not None and namespace.startswith("http://bip.bee.kz/"):
            child.tag = local
        if ns.split_qname(parent.tag)[1] in _PAYLOAD_HOLDERS:
            continue  # below `data` is the payload: its namespaces are its own
        _unqualify_structure(child)


def text_of(parent: etree._Element, name: str) -> str | None:
    child = parent.find(name)
    if child is None:
        return None
    return (child.text or "").strip()


def required_text(parent: etree._Element, name: str) -> str:
    value = text_of(parent, name)
    if value is None:
        raise ValueError(f"{ns.tag_of(parent)}/{name} is missing; validate against the schema before reading")
    return value


def add_text(parent: etree._Element, name: str, value: str | None) -> None:
    if value is not None:
        etree.SubElement(parent, name).text = value


def read_request(send_message: etree._Element) -> tuple[RequestInfo, etree._Element]:
    """Read a schema-valid, canonical ``SendMessage``: its header values and its ``data`` element."""
    info = send_message.find("request/requestInfo")
    data = send_message.find("request/requestData/data")
    if info is None or data is None:
        raise ValueError("SendMessage lacks requestInfo or requestData/data; validate it first")
    sender = info.find("sender")
    properties = tuple(
        Property(key=required_text(prop, "key"), value=required_text(prop, "value"))
        for prop in info.iterfind("properties")
    )
    return (
        RequestInfo(
            message_id=required_text(info, "messageId"),
            correlation_id=text_of(info, "correlationId"),
            service_id=required_text(info, "serviceId"),
            message_date=required_text(info, "messageDate"),
            route_id=text_of(info, "routeId"),
            sender_id=required_text(sender, "senderId") if sender is not None else "",
            password=text_of(sender, "password") if sender is not None else None,
            properties=properties,
            session_id=text_of(info, "sessionId"),
        ),
        data,
    )


def build_request(info: RequestInfo, data: etree._Element) -> etree._Element:
    """A ``SendMessage`` wrapper; ``data`` (a ``data`` element) is moved into it."""
    wrapper = etree.Element(SEND_MESSAGE, nsmap={"sync": ns.SYNC_WRAPPER})
    request = etree.SubElement(wrapper, "request")
    header = etree.SubElement(request, "requestInfo")
    add_text(header, "messageId", info.message_id)
    add_text(header, "correlationId", info.correlation_id)
    add_text(header, "serviceId", info.service_id)
    add_text(header, "messageDate", info.message_date)
    add_text(header, "routeId", info.route_id)
    sender = etree.SubElement(header, "sender")
    add_text(sender, "senderId", info.sender_id)
    add_text(sender, "password", info.password)
    for prop in info.properties:
        holder = etree.SubElement(header, "properties")
        add_text(holder, "key", prop.key)
        add_text(holder, "value", prop.value)
    add_text(header, "sessionId", info.session_id)
    etree.SubElement(request, "requestData").append(data)
    return wrapper


def read_response(response_wrapper: etree._Element) -> tuple[ResponseInfo, etree._Element]:
    """Read a schema-valid, canonical ``SendMessageResponse``."""
    info = response_wrapper.find("response/responseInfo")
    data = response_wrapper.find("response/responseData/data")
    status = info.find("status") if info is not None else None
    if info is None or data is None or status is None:
        raise ValueError("SendMessageResponse lacks responseInfo/status or responseData/data; validate it first")
    return (
        ResponseInfo(
            message_id=required_text(info, "messageId"),
            correlation_id=text_of(info, "correlationId"),
            response_date=required_text(info, "responseDate"),
            status=Status(code=required_text(status, "code"), message=required_text(status, "message")),
            session_id=text_of(info, "sessionId"),
        ),
        data,
    )


def build_response(info: ResponseInfo, data: etree._Element) -> etree._Element:
    """A ``SendMessageResponse`` wrapper; ``data`` (a ``data`` element) is moved into it."""
    wrapper = etree.Element(SEND_MESSAGE_RESPONSE, nsmap={"sync": ns.SYNC_WRAPPER})
    response = etree.SubElement(wrapper, "response")
    header = etree.SubElement(response, "responseInfo")
    add_text(header, "messageId", info.message_id)
    add_text(header, "correlationId", info.correlation_id)
    add_text(header, "responseDate", info.response_date)
    status = etree.SubElement(header, "status")
    add_text(status, "code", info.status.code)
    add_text(status, "message", info.status.message[:250])
    add_text(header, "sessionId", info.session_id)
    etree.SubElement(response, "responseData").append(data)
    return wrapper


def build_error_info(error: ErrorInfo, tag: str = FAULT_DETAIL) -> etree._Element:
    """The ``ErrorInfo`` element of a fault detail (``SendMessageFault1_SendMessageFault`` by default)."""
    namespace, _ = ns.split_qname(tag)
    element = etree.Element(tag, nsmap={"shep": namespace}) if namespace else etree.Element(tag)
    add_text(element, "errorCode", error.code)
    add_text(element, "errorMessage", error.message)
    add_text(element, "errorData", error.data)
    add_text(element, "errorDate", error.date)
    if error.sub_error is not None:
        element.append(build_error_info(error.sub_error, tag="subError"))
    add_text(element, "sessionId", error.session_id)
    return element


def fault_error_info(detail: etree._Element | None) -> ErrorInfo | None:
    """The ``ErrorInfo`` in a SOAP Fault's ``detail``, if there is one; matched by local name, as providers
    put it in namespaces of their own."""
    if detail is None:
        return None
    wanted = ns.split_qname(FAULT_DETAIL)[1]
    for child in detail.iterchildren(tag=etree.Element):
        if ns.split_qname(child.tag)[1] == wanted:
            return read_error_info(child)
    return None


def read_error_info(element: etree._Element) -> ErrorInfo:
    """Read an ``ErrorInfo``-shaped element leniently: a provider's fault detail is not trusted to be valid."""
    sub = element.find("subError")
    return ErrorInfo(
        code=text_of(element, "errorCode") or "",
        message=text_of(element, "errorMessage") or "",
        data=text_of(element, "errorData"),
        date=text_of(element, "errorDate") or "",
        sub_error=read_error_info(sub) if sub is not None else None,
        session_id=text_of(element, "sessionId"),
    )
