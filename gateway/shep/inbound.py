"""The steps both ShEP channels take with a message from outside, and with the answer they give.

Reading (content type, size, hardened parsing, the SOAP 1.1 envelope), routing a serviceId for a sender,
reading a payload against its contract, the fault answer with its ``ErrorInfo``, and the message-log entry
with its metrics. Each step ends the exchange with its own fault (gateway/errors.py).
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from lxml import etree

from contracts import errors as contract_errors
from contracts import namespaces as ns
from contracts import soap
from contracts.loader import validate
from contracts.parsing import XmlLimits, parse_untrusted
from contracts.shep import (
    FAULT_DETAIL,
    ErrorInfo,
    Payload,
    build_error_info,
    new_session_id,
    read_payload,
    xml_datetime,
)
from gateway import errors
from gateway.clock import Clock
from gateway.message_log import Exchange, MessageLog
from gateway.metrics import Metrics
from gateway.registry import Service, ServiceRegistry
from gateway.senders import Sender
from gateway.signatures import Signatures
from gateway.storage.database import log_failure
from mocks.faults import HEADER as FAULT_HEADER
from mocks.faults import InvalidFault, parse_header
from mocks.storage import StorageUnavailable

log = logging.getLogger(__name__)
T = TypeVar("T")

SOAP_CONTENT_TYPES = frozenset({"text/xml", "application/xml"})
_WSSE_SECURITY = ns.qname(ns.WSSE, "Security")


@dataclass(frozen=True, slots=True)
class IncomingMessage:
    body: bytes
    content_type: str | None
    client_address: str | None = None
    too_large: bool = False
    """The body exceeded the limit; ``body`` holds only its first bytes."""
    fault: str | None = None
    """The client's ``X-Qaqpa-Fault`` header: passed on to a built-in mock, never to a real provider."""


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    status_code: int
    body: bytes
    session_id: str
    media_type: str = "text/xml; charset=utf-8"


def open_envelope(incoming: IncomingMessage, limits: XmlLimits, channel: str) -> tuple[soap.Envelope, etree._Element]:
    """The SOAP 1.1 envelope, and a copy exactly as received when it is signed (its signature is checked on it)."""
    media_type = (incoming.content_type or "").split(";")[0].strip().lower()
    if media_type == "application/soap+xml":
        raise errors.SoapVersionMismatch(
            f"Content-Type application/soap+xml is SOAP 1.2; the {channel} speaks SOAP 1.1 (text/xml)"
        )
    if media_type not in SOAP_CONTENT_TYPES:
        raise errors.InvalidContentType(
            f"Content-Type {media_type or '(none)'} is not accepted; send SOAP 1.1 as text/xml"
        )
    if incoming.too_large:
        raise errors.BodyTooLarge(f"the request is larger than {limits.max_bytes} bytes")
    try:
        envelope = soap.read_envelope(parse_untrusted(incoming.body, limits, what="request"), "request")
    except contract_errors.ContractError as error:
        raise errors.client_fault_for(error) from None
    signed = envelope.header is not None and envelope.header.find(_WSSE_SECURITY) is not None
    return envelope, copy.deepcopy(envelope.root) if signed else envelope.root


def schema_fault(error: contract_errors.SchemaViolation, operation: str) -> errors.ClientFault:
    """A channel schema violation; the channel schema also checks inline typed payloads, whose errors are the
    payload's."""
    if all(_in_payload(issue.path) for issue in error.issues):
        return errors.PayloadSchemaViolation(
            str(error).replace(operation, "the data payload", 1), detail="\n".join(map(str, error.issues))
        )
    return errors.client_fault_for(error)


def _in_payload(path: str) -> bool:
    return any(f"/{holder}/data" in path for holder in ("requestData", "messageData"))


def route(registry: ServiceRegistry, service_id: str, sender: Sender) -> Service:
    """The registered, enabled service ``service_id``, if ``sender`` has the right to call it."""
    service = registry.get(service_id)
    if service is None:
        raise errors.UnknownService(
            f"serviceId {service_id!r} is not registered", detail="GET /api/v1/services lists every serviceId"
        )
    if not sender.may_call(service.service_id) and sender.sender_id != service.provider_sender:
        raise errors.AccessDenied(f"sender {sender.sender_id!r} has no right to call {service.service_id!r}")
    if not service.enabled:
        raise errors.ServiceDisabled(f"serviceId {service.service_id!r} is disabled in the registry")
    return service


def request_payload(data: etree._Element, service: Service, limits: XmlLimits, where: str) -> Payload:
    """The request payload in ``data``, in any of its styles, checked against the service's contract."""
    return contract_payload(data, service, service.contract.request_element, limits, where, "request")


def contract_payload(
    data: etree._Element, service: Service, root_element: str, limits: XmlLimits, where: str, what: str
) -> Payload:
    """The payload in ``data`` as ``root_element`` of the service's contract, valid by its schema."""
    try:
        payload = read_payload(data, root_element, limits=limits, what=where)
        validate(service.contract.schema, payload.root, f"the {service.service_id} {what} payload")
    except contract_errors.SchemaViolation as error:
        raise errors.PayloadSchemaViolation(str(error), detail="\n".join(map(str, error.issues))) from None
    except contract_errors.ContractError as error:
        raise errors.client_fault_for(error) from None
    return payload


def subject_iin(payload_root: etree._Element) -> str | None:
    iin = payload_root.findtext("iin")
    return iin.strip()[:12] if iin else None


def fault_header(value: str | None) -> str | None:
    """The ``X-Qaqpa-Fault`` header to pass on, checked here so that a typo is the client's fault."""
    if value is None:
        return None
    try:
        parse_header(value)
    except InvalidFault as error:
        raise errors.InvalidFaultHeader(f"{FAULT_HEADER}: {error}", detail="docs/faults.md lists the faults") from None
    return value


def fault_answer(
    fault: errors.GatewayFault, exchange: Exchange, clock: Clock, signatures: Signatures, detail: str = FAULT_DETAIL
) -> bytes:
    """The SOAP Fault for ``fault`` with its ErrorInfo in ``detail``, signed; ``exchange`` records it."""
    fault_in(exchange, fault)
    error = ErrorInfo(
        code=fault.code,
        message=fault.message,
        data=fault.detail,
        date=xml_datetime(clock.now()),
        sub_error=fault.sub_error,
        session_id=exchange.session_id,
    )
    envelope = soap.fault_envelope(fault.soap_fault_code, fault.message, fault.actor, build_error_info(error, detail))
    signatures.sign(envelope)
    return soap.serialize(envelope)


def fault_in(exchange: Exchange, fault: errors.GatewayFault) -> None:
    """Record in ``exchange`` that it ended with ``fault``."""
    exchange.outcome = "fault"
    exchange.status_code = fault.code
    exchange.status_message = fault.message
    exchange.fault_hop = fault.hop


def new_exchange(channel: str, clock: Clock, body: bytes, client_address: str | None) -> Exchange:
    return Exchange(
        session_id=new_session_id(),
        channel=channel,
        received_at=clock.now(),
        request_body=body,
        client_address=client_address,
    )


async def guarded(exchange: Exchange, work: Callable[[], Awaitable[T]]) -> T:
    """Run the work of one exchange: a fault is recorded in ``exchange`` and raised as a GatewayFault, never as
    anything else (an unexpected error becomes Gateway.InternalError, its traceback in the log only)."""
    started = time.perf_counter()
    try:
        result = await work()
    except errors.GatewayFault as fault:
        fault_in(exchange, fault)
        raise
    except StorageUnavailable as error:
        log.warning("exchange %s: %s", exchange.session_id, error)
        unavailable = errors.DatabaseUnavailable()
        fault_in(exchange, unavailable)
        raise unavailable from None
    except Exception:
        log.exception("exchange %s failed", exchange.session_id)
        internal = errors.InternalError(
            f"the gateway failed while handling this message; its log holds session {exchange.session_id}"
        )
        fault_in(exchange, internal)
        raise internal from None
    finally:
        exchange.timings["total"] = ms_since(started)
    exchange.outcome = "ok"
    return result


async def record(exchange: Exchange, metrics: Metrics, message_log: MessageLog) -> None:
    """Count the exchange and write it to the message log; a failed write is logged and counted, not raised."""
    metrics.exchanges.labels(exchange.channel, exchange.service_id or "-", exchange.status_code).inc()
    if "total" in exchange.timings:
        metrics.latency.labels(exchange.channel, "total").observe(exchange.timings["total"] / 1000)
    if exchange.fault_hop is not None:
        metrics.faults.labels(exchange.status_code, exchange.fault_hop).inc()
    try:
        await message_log.record(exchange)
    except Exception:
        log_failure(log, f"message log write failed for session {exchange.session_id}")
        metrics.log_failures.inc()


def ms_since(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 3)
