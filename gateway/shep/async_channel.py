"""The ShEP AsyncChannel: ``sendMessage``, ``getMessages``, ``getMessageStatus``, ``sendDeliveryNotification``.

A message is accepted when it is committed (gateway/mailbox/store.py), and answered at once with the
``messageId`` and ``correlationId`` the gateway assigned; the courier (gateway/mailbox/courier.py) delivers it
later. The steps of every operation, each of which can end the exchange with its own fault:

1. reading: content type, size, hardened parsing, the SOAP 1.1 envelope, the operation, the channel schema;
2. the sender (``senderId`` + password) and its transport signature, by its policy and the service's;
3. the operation: the serviceId and the sender's right to it; for ``sendMessage`` the payload against the
   service's contract and its signature, and the chain (REQUEST first, then UPDATE / NOTIFICATION /
   RESPONSE by ``correlationId``, each from the party it belongs to).

The REST facade (gateway/api/async_messages.py) runs the same operations without the SOAP envelope.
Every exchange is written to the message log.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import TypeVar

from lxml import etree

from contracts import errors as contract_errors
from contracts import namespaces as ns
from contracts import soap
from contracts.loader import Contracts, validate
from contracts.parsing import XmlLimits, parse_untrusted
from contracts.shep import canonicalize, xml_datetime
from contracts.shep.asynchronous import (
    OPERATIONS,
    DeliveryNotice,
    MessageInfo,
    MessagesQuery,
    MessageStatus,
    StatusQuery,
    build_delivery_notice_response,
    build_message,
    build_messages_response,
    build_send_message_response,
    build_status_response,
    fault_detail_tag,
    operation_tag,
    read_delivery_notice,
    read_messages_query,
    read_send_message,
    read_status_query,
)
from gateway import errors
from gateway.clock import Clock
from gateway.mailbox.store import Accepted, Mailbox, NewMessage, StoredMessage, new_id
from gateway.message_log import Exchange, MessageLog
from gateway.metrics import Metrics
from gateway.registry import Service, ServiceRegistry
from gateway.senders import Sender, SenderDirectory
from gateway.shep.inbound import (
    IncomingMessage,
    OutgoingMessage,
    contract_payload,
    fault_answer,
    fault_header,
    guarded,
    new_exchange,
    open_envelope,
    record,
    request_payload,
    route,
    schema_fault,
    subject_iin,
)
from gateway.shep.outbound import check_outbound
from gateway.signatures import Signatures
from signing.errors import SignatureRejected

T = TypeVar("T")

_OPERATION_TAGS = {operation_tag(name): name for name in OPERATIONS}


@dataclass(frozen=True, slots=True)
class Transport:
    """The envelope as received, for its WS-Security signature; absent on REST."""

    envelope: etree._Element
    body: bytes


@dataclass(frozen=True, slots=True)
class Settings:
    poll_amount: int
    redelivery: timedelta
    validate_outbound: bool = True
    """Check every answer against the AsyncChannel schema before it leaves (outbound.py)."""


class AsyncChannel:
    def __init__(
        self,
        *,
        contracts: Contracts,
        registry: ServiceRegistry,
        senders: SenderDirectory,
        mailbox: Mailbox,
        wake_courier: Callable[[], None],
        message_log: MessageLog,
        metrics: Metrics,
        clock: Clock,
        limits: XmlLimits,
        signatures: Signatures,
        settings: Settings,
    ) -> None:
        self._contracts = contracts
        self._registry = registry
        self._senders = senders
        self._mailbox = mailbox
        self._wake_courier = wake_courier
        self._log = message_log
        self._metrics = metrics
        self._clock = clock
        self._limits = limits
        self._signatures = signatures
        self._settings = settings

    # ---- SOAP --------------------------------------------------------------------------------------------

    async def handle(self, incoming: IncomingMessage) -> OutgoingMessage:
        exchange = self.exchange("async", incoming.body, incoming.client_address)
        operation = "sendMessage"

        async def answer() -> bytes:
            nonlocal operation
            envelope, pristine = open_envelope(incoming, self._limits, "AsyncChannel")
            operation = self._operation(envelope.payload)
            transport = Transport(pristine, incoming.body)
            wrapper = await self._soap_operation(operation, envelope.payload, transport, incoming.fault, exchange)
            if self._settings.validate_outbound:
                check_outbound(self._contracts.async_channel, wrapper, f"the {operation} answer")
            envelope_out = soap.build_envelope(wrapper)
            self._signatures.sign(envelope_out)
            return soap.serialize(envelope_out)

        try:
            body, status = await self.run(exchange, answer), 200
        except errors.GatewayFault as fault:
            body = fault_answer(fault, exchange, self._clock, self._signatures, fault_detail_tag(operation))
            status = 500
        exchange.response_body = body
        await self.finish(exchange)
        return OutgoingMessage(status_code=status, body=body, session_id=exchange.session_id)

    def _operation(self, wrapper: etree._Element) -> str:
        canonicalize(wrapper)
        operation = _OPERATION_TAGS.get(ns.tag_of(wrapper))
        if operation is None:
            raise errors.InvalidSoap(
                f"the AsyncChannel offers {', '.join(OPERATIONS)}; the Body holds {ns.tag_of(wrapper)}"
            )
        try:
            validate(self._contracts.async_channel, wrapper, operation)
        except contract_errors.SchemaViolation as error:
            raise schema_fault(error, operation) from None
        return operation

    async def _soap_operation(
        self, operation: str, wrapper: etree._Element, transport: Transport, fault: str | None, exchange: Exchange
    ) -> etree._Element:
        session_id = exchange.session_id
        if operation == "sendMessage":
            info, data = read_send_message(wrapper)
            accepted = await self.send(info, data, exchange, transport, fault)
            return build_send_message_response(
                operation_tag("sendMessageResponse"),
                accepted.message_id,
                accepted.correlation_id,
                self._now(),
                session_id,
            )
        if operation == "getMessages":
            taken = await self.messages(read_messages_query(wrapper), exchange, transport)
            stored = [parse_untrusted(message.message, self._limits, what="a stored message") for message in taken]
            return build_messages_response(stored, self._now(), session_id)
        if operation == "getMessageStatus":
            _, status = await self.status(read_status_query(wrapper), exchange, transport)
            return build_status_response(status, self._now(), session_id)
        notification_id = await self.acknowledge(read_delivery_notice(wrapper), exchange, transport)
        return build_delivery_notice_response(notification_id, self._now(), session_id)

    # ---- the operations, for SOAP and REST ---------------------------------------------------------------

    def exchange(self, channel: str, body: bytes, client_address: str | None) -> Exchange:
        return new_exchange(channel, self._clock, body, client_address)

    async def run(self, exchange: Exchange, work: Callable[[], Awaitable[T]]) -> T:
        return await guarded(exchange, work)

    async def finish(self, exchange: Exchange) -> None:
        exchange.responded_at = self._clock.now()
        await record(exchange, self._metrics, self._log)

    async def send(
        self,
        info: MessageInfo,
        data: etree._Element,
        exchange: Exchange,
        transport: Transport | None,
        fault: str | None = None,
    ) -> Accepted:
        exchange.message_id = info.message_id
        exchange.correlation_id = info.correlation_id
        exchange.service_id = info.service_id
        exchange.sender_id = info.sender_id
        sender = await self._senders.authenticate(info.sender_id, info.password)
        service = route(self._registry, info.service_id, sender)
        self._transport(transport, sender, service, exchange)
        if info.message_type == "REQUEST" and info.correlation_id:
            raise errors.InvalidMessageChain(
                "a REQUEST starts a chain: leave correlationId empty, the gateway assigns it"
            )
        if info.message_type != "REQUEST" and not info.correlation_id:
            raise errors.InvalidMessageChain(f"an {info.message_type} must carry the correlationId of its REQUEST")
        self._payload(info, data, service, exchange, transport)
        message_id = new_id()
        correlation_id = info.correlation_id or new_id()
        stored = replace(
            info, message_id=message_id, correlation_id=correlation_id, password=None, session_id=exchange.session_id
        )
        accepted = await self._mailbox.accept(
            NewMessage(
                message_id=message_id,
                correlation_id=correlation_id,
                service=service,
                message_type=info.message_type,
                sender_id=sender.sender_id,
                sender_message_id=info.message_id,
                session_id=exchange.session_id,
                message=etree.tostring(build_message("message", stored, data)),
                fault=fault_header(fault) if service.is_mock else None,
            )
        )
        exchange.correlation_id = accepted.correlation_id
        if accepted.late:
            self._metrics.late_responses.labels(service.service_id).inc()
            raise errors.ResponseWindowClosed(
                f"the REQUEST of correlation {accepted.correlation_id} is DELIVERY_STOPPED: its response window "
                "closed before this RESPONSE came",
                detail=f"kept as late under messageId {accepted.message_id}",
            )
        exchange.status_code = "Async.Repeated" if accepted.repeated else "Async.Accepted"
        exchange.status_message = f"messageId {accepted.message_id}, correlationId {accepted.correlation_id}"
        self._wake_courier()
        return accepted

    async def messages(
        self, query: MessagesQuery, exchange: Exchange, transport: Transport | None
    ) -> list[StoredMessage]:
        exchange.service_id = query.service_id
        exchange.sender_id = query.sender_id
        exchange.correlation_id = query.correlation_id
        exchange.message_id = query.message_id
        sender = await self._senders.authenticate(query.sender_id or "", query.password)
        service = route(self._registry, query.service_id, sender)
        self._transport(transport, sender, service, exchange)
        amount = query.amount if query.amount and query.amount > 0 else self._settings.poll_amount
        taken = await self._mailbox.take(
            service,
            sender.sender_id,
            amount=min(amount, 1000),
            lease=self._settings.redelivery,
            correlation_id=query.correlation_id,
            message_id=query.message_id,
        )
        exchange.status_code = "Async.Taken"
        exchange.status_message = f"{len(taken)} message(s): {', '.join(m.message_id for m in taken) or '-'}"
        return taken

    async def status(
        self, query: StatusQuery, exchange: Exchange, transport: Transport | None
    ) -> tuple[StoredMessage, MessageStatus]:
        exchange.message_id = query.message_id
        exchange.sender_id = query.sender_id
        sender = await self._senders.authenticate(query.sender_id, query.password)
        message = await self._mailbox.find(query.message_id)
        service = self._registry.get(message.service_id) if message is not None else None
        if message is None or service is None or sender.sender_id not in _parties(message, service):
            raise errors.UnknownMessage(f"sender {sender.sender_id!r} sent or received no message {query.message_id!r}")
        exchange.service_id = message.service_id
        exchange.correlation_id = message.correlation_id
        self._transport(transport, sender, service, exchange)
        status = message.status(self._clock.now())
        exchange.status_code = status.code
        exchange.status_message = f"{status.state}: {status.message}"
        return message, status

    async def acknowledge(self, notice: DeliveryNotice, exchange: Exchange, transport: Transport | None) -> str:
        exchange.message_id = notice.message_id
        exchange.service_id = notice.service_id
        exchange.sender_id = notice.sender_id
        sender = await self._senders.authenticate(notice.sender_id or "", notice.password)
        service = route(self._registry, notice.service_id, sender)
        self._transport(transport, sender, service, exchange)
        message = await self._mailbox.acknowledge(
            notice.message_id,
            sender.sender_id,
            service,
            accepted=notice.accepted,
            resend=notice.resend,
            reason=" ".join(filter(None, (notice.error_code, notice.error_message))) or None,
        )
        exchange.correlation_id = message.correlation_id
        exchange.status_code = message.status_code
        exchange.status_message = f"{message.state}: {message.status_message}"
        return new_id()

    # ---- checks ------------------------------------------------------------------------------------------

    def _transport(self, transport: Transport | None, sender: Sender, service: Service, exchange: Exchange) -> None:
        if transport is not None:
            self._signatures.client_transport(transport.envelope, transport.body, sender, service, exchange.signatures)
        elif "required" in (sender.signature_policy, service.transport_signature):
            rejected = SignatureRejected(
                "Missing", f"sender {sender.sender_id!r} must sign with WS-Security: use the SOAP endpoint /bip-async/"
            )
            raise errors.ClientSignatureFault(rejected, "transport")

    def _payload(
        self, info: MessageInfo, data: etree._Element, service: Service, exchange: Exchange, transport: Transport | None
    ) -> None:
        """A REQUEST's payload is the service's request; a RESPONSE's its answer; UPDATE and NOTIFICATION carry
        whatever the parties agreed (read, not validated)."""
        source = transport.body if transport is not None else b""
        if info.message_type == "REQUEST":
            payload = request_payload(data, service, self._limits, "messageData/data")
            exchange.subject_iin = subject_iin(payload.root)
            self._signatures.client_payload(payload, source, service, exchange.signatures)
        elif info.message_type == "RESPONSE":
            element = service.contract.response_element
            payload = contract_payload(data, service, element, self._limits, "messageData/data", "RESPONSE")
            self._signatures.provider_payload(payload, source, service, exchange.signatures)

    def _now(self) -> str:
        return xml_datetime(self._clock.now())


def _parties(message: StoredMessage, service: Service) -> set[str]:
    parties = {message.sender_id}
    parties.add(message.recipient or service.provider_sender or "")
    return parties - {""}
