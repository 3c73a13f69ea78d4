"""The ShEP SyncChannel (``SendMessage``) from the client's request to the provider's answer.

The steps, each of which can end the exchange with its own fault (gateway/errors.py):

1. the HTTP layer: content type (SOAP 1.1 is ``text/xml``) and body size;
2. hardened parsing, the SOAP 1.1 envelope, the operation, the SyncChannel schema;
3. the sender (``senderId`` + password), the serviceId in the registry, the sender's right to it,
   the sender's transport signature (gateway/signatures.py);
4. the payload in ``requestData/data`` (any of the three styles) against the service's payload schema,
   and its signature;
5. the provider hop: the request re-sent in the provider's payload style with the gateway's ``sessionId``,
   without the sender's password, signed by the gateway; the answer parsed, checked against both schemas,
   its signature verified, and passed back with the provider's status unchanged (§1.4 of the ShEP notes) in
   the client's own payload style, or as the provider sent it when it is signed (re-wrapping would break
   the signature). The gateway signs its answer. What it sends either way — the forwarded SendMessage and its
   answer — is checked against the SyncChannel schema first when the service asks for it (outbound.py).

Every exchange, whichever step ended it, is written to the message log with its raw messages and every
signature verdict.
"""

from __future__ import annotations

import dataclasses
import re
import time
from http import HTTPStatus

from lxml import etree

from contracts import errors as contract_errors
from contracts import namespaces as ns
from contracts import soap
from contracts.loader import Contracts, validate
from contracts.parsing import XmlLimits, parse_untrusted
from contracts.shep import (
    SEND_MESSAGE,
    SEND_MESSAGE_RESPONSE,
    ErrorInfo,
    Payload,
    RequestInfo,
    ResponseInfo,
    build_request,
    build_response,
    canonicalize,
    fault_error_info,
    read_payload,
    read_request,
    read_response,
    write_payload,
    xml_datetime,
)
from gateway import errors
from gateway.clock import Clock
from gateway.message_log import Exchange, MessageLog
from gateway.metrics import Metrics
from gateway.registry import Service, ServiceRegistry
from gateway.senders import SenderDirectory
from gateway.shep.inbound import (
    IncomingMessage,
    OutgoingMessage,
    fault_answer,
    fault_header,
    guarded,
    ms_since,
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
from gateway.upstream import ProviderReply, Upstream
from mocks.faults import HEADER as FAULT_HEADER
from mocks.runs import HEADER as RUN_HEADER
from mocks.runs import current_run

__all__ = ["IncomingMessage", "OutgoingMessage", "SyncChannel"]

_XSD_DATETIME = re.compile(r"-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")


class SyncChannel:
    def __init__(
        self,
        *,
        contracts: Contracts,
        registry: ServiceRegistry,
        senders: SenderDirectory,
        upstream: Upstream,
        message_log: MessageLog,
        metrics: Metrics,
        clock: Clock,
        limits: XmlLimits,
        signatures: Signatures,
    ) -> None:
        self._contracts = contracts
        self._registry = registry
        self._senders = senders
        self._upstream = upstream
        self._log = message_log
        self._metrics = metrics
        self._clock = clock
        self._limits = limits
        self._signatures = signatures

    async def handle(self, incoming: IncomingMessage) -> OutgoingMessage:
        exchange = new_exchange("sync", self._clock, incoming.body, incoming.client_address)
        try:
            answer, status = await guarded(exchange, lambda: self._exchange(incoming, exchange)), 200
        except errors.GatewayFault as fault:
            answer, status = fault_answer(fault, exchange, self._clock, self._signatures), 500
        exchange.response_body = answer
        exchange.responded_at = self._clock.now()
        await record(exchange, self._metrics, self._log)
        return OutgoingMessage(status_code=status, body=answer, session_id=exchange.session_id)

    async def _exchange(self, incoming: IncomingMessage, exchange: Exchange) -> bytes:
        started = time.perf_counter()
        envelope, pristine = self._accept(incoming)
        info, data = read_request(envelope.payload)
        exchange.message_id = info.message_id
        exchange.correlation_id = info.correlation_id
        exchange.sender_id = info.sender_id
        exchange.service_id = info.service_id
        sender = await self._senders.authenticate(info.sender_id, info.password)
        service = route(self._registry, info.service_id, sender)
        self._signatures.client_transport(pristine, incoming.body, sender, service, exchange.signatures)
        payload = request_payload(data, service, self._limits, "requestData/data")
        exchange.subject_iin = subject_iin(payload.root)
        self._signatures.client_payload(payload, incoming.body, service, exchange.signatures)
        exchange.timings["client"] = ms_since(started)

        fault = fault_header(incoming.fault) if service.is_mock else None
        reply_info, reply_payload = await self.call_provider(info, payload, service, exchange, fault)

        style = reply_payload.style if reply_payload.is_signed else payload.style
        data_out = write_payload(reply_payload, style, service.contract.response_type)
        header = dataclasses.replace(reply_info, session_id=exchange.session_id)
        exchange.status_code = reply_info.status.code
        exchange.status_message = reply_info.status.message
        wrapper = build_response(header, data_out)
        if service.validate_outbound:
            check_outbound(self._contracts.sync_channel, wrapper, "the SendMessageResponse")
        envelope_out = soap.build_envelope(wrapper)
        self._signatures.sign(envelope_out)
        return soap.serialize(envelope_out)

    def _accept(self, incoming: IncomingMessage) -> tuple[soap.Envelope, etree._Element]:
        """The envelope, made canonical, and the envelope exactly as received (for its signature)."""
        envelope, pristine = open_envelope(incoming, self._limits, "SyncChannel")
        try:
            canonicalize(envelope.payload)
            if envelope.payload.tag != SEND_MESSAGE:
                raise errors.InvalidSoap(
                    f"the SyncChannel offers one operation, SendMessage; the Body holds {ns.tag_of(envelope.payload)}"
                )
            validate(self._contracts.sync_channel, envelope.payload, "SendMessage")
        except contract_errors.SchemaViolation as error:
            raise schema_fault(error, "SendMessage") from None
        except contract_errors.ContractError as error:
            raise errors.client_fault_for(error) from None
        return envelope, pristine

    async def call_provider(
        self, info: RequestInfo, payload: Payload, service: Service, exchange: Exchange, fault: str | None
    ) -> tuple[ResponseInfo, Payload]:
        """The provider hop: ``payload`` sent to the service's provider, its answer checked (also the async
        channel's way to a provider that answers synchronously)."""
        forward_info = dataclasses.replace(info, password=None, session_id=exchange.session_id)
        data = write_payload(payload, service.payload_style, service.contract.request_type)
        wrapper = build_request(forward_info, data)
        if service.validate_outbound:
            check_outbound(self._contracts.sync_channel, wrapper, f"the SendMessage to {service.system}")
        forward = soap.build_envelope(wrapper)
        self._signatures.sign(forward)
        body = soap.serialize(forward)
        exchange.provider_request_body = body
        started = time.perf_counter()
        try:
            reply = await self._upstream.post(
                service.provider_url,
                body,
                timeout=service.timeout_seconds,
                system=service.system,
                headers=_mock_headers(service, fault),
            )
        finally:
            exchange.timings["provider"] = ms_since(started)
            self._metrics.latency.labels("sync", "provider").observe(exchange.timings["provider"] / 1000)
        exchange.provider_response_body = reply.body
        answer_info, answer = self._provider_answer(reply, service)
        self._signatures.provider_payload(answer, reply.body, service, exchange.signatures)
        return answer_info, answer

    def _provider_answer(self, reply: ProviderReply, service: Service) -> tuple[ResponseInfo, Payload]:
        system = service.system
        try:
            root = parse_untrusted(reply.body, self._limits, what=f"the {system} answer")
            envelope = soap.read_envelope(root, f"the {system} answer")
        except contract_errors.ContractError as error:
            if reply.status_code >= 400:
                raise errors.ProviderHttpError(
                    f"{system} answered HTTP {reply.status_code} without a SOAP message",
                    detail=str(error),
                    system=system,
                ) from None
            raise errors.provider_fault_for(error, system) from None
        if envelope.is_fault:
            fault = soap.read_fault(envelope.payload)
            unavailable = reply.status_code == HTTPStatus.SERVICE_UNAVAILABLE
            saying = f"{' (HTTP 503)' if unavailable else ''}: {fault.string or fault.code}"
            raise (errors.ProviderUnavailable if unavailable else errors.ProviderFaulted)(
                f"{system} answered with a SOAP Fault{saying}",
                sub_error=_provider_error_info(fault, xml_datetime(self._clock.now())),
                system=system,
            )
        if reply.status_code != 200:
            raise errors.ProviderHttpError(f"{system} answered HTTP {reply.status_code}", system=system)
        try:
            canonicalize(envelope.payload)
            if envelope.payload.tag != SEND_MESSAGE_RESPONSE:
                raise contract_errors.NotSoapEnvelope(f"the {system} answer holds {ns.tag_of(envelope.payload)}")
            validate(self._contracts.sync_channel, envelope.payload, f"the {system} SendMessageResponse")
            info, data = read_response(envelope.payload)
            contract = service.contract
            payload = read_payload(data, contract.response_element, limits=self._limits, what=f"the {system} data")
            validate(contract.schema, payload.root, f"the {system} answer payload")
        except contract_errors.ContractError as error:
            raise errors.provider_fault_for(error, system) from None
        return info, payload


def _provider_error_info(fault: soap.Fault, now: str) -> ErrorInfo:
    """The provider's own ErrorInfo, for the subError of our fault; made up from faultcode/faultstring if absent."""
    error = fault_error_info(fault.detail)
    if error is not None:
        return error if _XSD_DATETIME.fullmatch(error.date) else dataclasses.replace(error, date=now)
    return ErrorInfo(code=fault.code or "(none)", message=fault.string or "(none)", date=now)


def _mock_headers(service: Service, fault: str | None) -> dict[str, str] | None:
    """What a built-in mock hears besides the request: the client's fault, the test run it belongs to."""
    if not service.is_mock:
        return None
    run = current_run.get()
    headers = {FAULT_HEADER: fault} if fault is not None else {}
    if run is not None:
        headers[RUN_HEADER] = run
    return headers or None
