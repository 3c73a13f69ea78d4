"""A mock information system as ShEP sees it: a SyncChannel endpoint answering its own serviceIds.

Each mock is its own ASGI application, reached by the gateway over HTTP exactly as a real provider is
(shared/notes/protocols-shep-xroad.md §1.1: providers implement the same ``ISyncChannel`` as consumers
call). It parses what it receives as hardened as the gateway does, checks the envelope and its payload
against ``contracts/``, dispatches by serviceId and answers in its registered payload style.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Literal

import anyio
import anyio.to_thread
from lxml import etree
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send

from contracts import errors as contract_errors
from contracts import namespaces as ns
from contracts import soap
from contracts.loader import SYNC_SERVICE_WSDL, Contracts, load_contracts, validate
from contracts.parsing import DEFAULT_LIMITS, XmlLimits, parse_untrusted
from contracts.publishing import published
from contracts.shep import (
    SEND_MESSAGE,
    SUCCESS,
    ErrorInfo,
    Payload,
    PayloadStyle,
    RequestInfo,
    ResponseInfo,
    Status,
    build_error_info,
    build_response,
    canonicalize,
    read_payload,
    read_request,
    write_payload,
    xml_datetime,
)
from mocks.answers import business_answer
from mocks.catalogue import MockService, MockSystem
from mocks.faults import HEADER as FAULT_HEADER
from mocks.faults import FaultBook, FaultSpec, InvalidFault, parse_header
from mocks.journal import Journal, JournalEntry
from mocks.runs import RunMiddleware, current_run
from mocks.storage import StorageUnavailable
from mocks.systems.dictionaries import RESULT_UNAVAILABLE
from signing.xmldsig import SigningKey, sign_enveloped

log = logging.getLogger(__name__)

Handler = Callable[[RequestInfo, etree._Element], Awaitable[etree._Element]]
"""Answers one request: given the header and the validated payload root, returns the answer's payload root."""

KeyVariant = Literal["valid", "expired", "revoked"]
Signer = Callable[[KeyVariant], SigningKey]
"""The system's signing key: its valid one, or (for fault injection) one whose certificate is expired or revoked."""

_KEY_VARIANTS: dict[str, KeyVariant] = {"expired-certificate": "expired", "revoked-certificate": "revoked"}
_LONGEST_HANG_SECONDS = 30 * 60

_XML = "text/xml; charset=utf-8"


class ProviderError(Exception):
    """A request the mock cannot answer; becomes a SOAP Fault with the mock's own ``code``."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


class ShepProvider:
    """One mock system's SyncChannel endpoint."""

    def __init__(
        self,
        system: MockSystem,
        handlers: Mapping[str, Handler],
        now: Callable[[], datetime],
        limits: XmlLimits,
        contracts: Contracts,
        signer: Signer | None,
        faults: FaultBook | None,
        journal: Journal | None,
        rng: random.Random,
    ) -> None:
        self.system = system
        self._signer = signer
        self._services = {service.service_id: service for service in system.services}
        missing = set(self._services) - set(handlers)
        if missing:
            raise ValueError(f"{system.name}: no handler for {sorted(missing)}")
        self._handlers = handlers
        self._now = now
        self._limits = limits
        self._contracts = contracts
        self._faults = faults
        self._journal = journal
        self._rng = rng

    async def endpoint(self, request: Request) -> Response:
        if request.method == "GET":
            if "wsdl" not in request.query_params:
                return JSONResponse({"system": self.system.code, "services": sorted(self._services)})
            base = str(request.base_url).rstrip("/")
            endpoint_url = str(request.url.replace(query="", fragment=""))
            return Response(published(SYNC_SERVICE_WSDL, base, endpoint_url), media_type=_XML)
        started = time.perf_counter()
        body, run = await request.body(), current_run.get()
        entry = JournalEntry(system=self.system.name, received_at=self._now(), request_body=body, run_id=run)
        try:
            response = await self._handle(request, entry)
        except ProviderError as error:
            entry.outcome, entry.result_code = "refused", error.code
            response = _fault(error.code, error.message, self._now)
        except StorageUnavailable as error:
            log.warning("%s mock: %s", self.system.name, error)
            entry.outcome, entry.result_code = "faulted", "Mock.StorageUnavailable"
            message = f"the {self.system.code} mock's database is unavailable; try again once it is back"
            response = _fault("Mock.StorageUnavailable", message, self._now)
        except Exception:
            log.exception("%s mock failed", self.system.name)
            entry.outcome, entry.result_code = "faulted", "Mock.InternalError"
            response = _fault("Mock.InternalError", f"the {self.system.code} mock failed; see its log", self._now)
        if entry.fault != "hang":  # a hanging request was journaled before it started to hang
            entry.duration_ms = round((time.perf_counter() - started) * 1000, 3)
            entry.response_body = bytes(response.body)
            await self._record(entry)
        return response

    async def health(self, _: Request) -> Response:
        return JSONResponse({"status": "ok", "system": self.system.code})

    async def _handle(self, request: Request, entry: JournalEntry) -> Response:
        info, data = self._read(entry.request_body)
        entry.service_id, entry.message_id = info.service_id, info.message_id
        entry.session_id, entry.sender_id = info.session_id, info.sender_id
        entry.subject_iin = _subject_iin(data)
        service = self._services.get(info.service_id)
        if service is None:
            raise ProviderError(
                "Mock.UnknownService", f"{self.system.code} does not answer serviceId {info.service_id}"
            )
        contract = self._contracts.payload(service.contract)
        try:
            payload = read_payload(data, contract.request_element, limits=self._limits, what="requestData/data")
            validate(contract.schema, payload.root, f"{service.service_id} request")
        except contract_errors.ContractError as error:
            raise ProviderError("Mock.InvalidRequest", str(error)) from None
        entry.subject_iin = _subject_iin(payload.root)
        fault = await self._fault_for(request, service)
        entry.outcome = "answered"
        if fault is not None:
            entry.fault = fault.kind
            early = await self._commit_early(fault, request, entry)
            if early is not None:
                entry.outcome = "faulted"
                return early
        if fault is not None and fault.kind == "unavailable":
            answer = business_answer(
                contract.response_element, "r", self.system, payload.root, RESULT_UNAVAILABLE, self._now()
            )
        else:
            answer = await self._handlers[info.service_id](info, payload.root)
        entry.result_code = answer.findtext("messageResult/code")
        return await self._answer(service, info, answer, fault)

    def _read(self, body: bytes) -> tuple[RequestInfo, etree._Element]:
        try:
            envelope = soap.read_envelope(parse_untrusted(body, self._limits, what="request"), "request")
            wrapper = envelope.payload
            canonicalize(wrapper)
            if wrapper.tag != SEND_MESSAGE:
                raise ProviderError(
                    "Mock.InvalidRequest", f"{self.system.code} offers SendMessage, not {ns.tag_of(wrapper)}"
                )
            validate(self._contracts.sync_channel, wrapper, "SendMessage")
        except contract_errors.ContractError as error:
            raise ProviderError("Mock.InvalidRequest", str(error)) from None
        return read_request(wrapper)

    async def _fault_for(self, request: Request, service: MockService) -> FaultSpec | None:
        """The request's own ``X-Qaqpa-Fault``, else what the system's rules say for this call."""
        header = request.headers.get(FAULT_HEADER)
        if header is not None:
            try:
                return parse_header(header)
            except InvalidFault as error:
                raise ProviderError("Mock.InvalidFault", str(error)) from None
        if self._faults is None:
            return None
        return await self._faults.take(self.system.name, service.service_id, run=current_run.get())

    async def _commit_early(self, fault: FaultSpec, request: Request, entry: JournalEntry) -> Response | None:
        """The faults that replace the answer altogether; None for those that shape it (or only delay it)."""
        match fault.kind:
            case "latency":
                await asyncio.sleep(fault.delay_seconds(self._rng))
                return None
            case "hang":
                entry.outcome, entry.result_code = "faulted", None
                await self._record(entry)
                await _until_disconnected(request)
                return Response(status_code=204)
            case "http-error":
                status = fault.status or 503
                message = fault.message or f"{self.system.code} is failing (injected HTTP {status})"
                return PlainTextResponse(message, status_code=status)
            case "soap-fault":
                code = fault.code or "Mock.Injected"
                entry.result_code = code
                return _fault(code, fault.message or f"{self.system.code} failed (an injected fault)", self._now)
            case "connection-reset":
                return _ConnectionReset()
            case "empty-body":
                return Response(b"", media_type=_XML)
        return None

    async def _answer(
        self, service: MockService, info: RequestInfo, answer: etree._Element, fault: FaultSpec | None
    ) -> Response:
        kind = fault.kind if fault is not None else None
        if kind == "schema-violation":
            for result in answer.findall("messageResult"):
                answer.remove(result)
        contract = self._contracts.payload(service.contract)
        key = None
        if self._signer is not None and kind != "unsigned":
            variant = _KEY_VARIANTS.get(kind or "", "valid")
            key = self._signer(variant) if variant == "valid" else await anyio.to_thread.run_sync(self._signer, variant)
        data = _signed_data(answer, service.payload_style, contract.response_type, key, tamper=kind == "bad-signature")
        header = ResponseInfo(
            message_id=str(uuid.uuid4()),
            correlation_id=info.correlation_id or info.message_id,
            response_date=xml_datetime(self._now()),
            status=Status(SUCCESS, "Message has been processed successfully"),
            session_id=info.session_id,
        )
        body = soap.serialize(soap.build_envelope(build_response(header, data)))
        if kind == "malformed-body":
            body = body[: len(body) // 2]
        return Response(body, media_type=_XML)

    async def _record(self, entry: JournalEntry) -> None:
        if self._journal is None:
            return
        # The answer still goes out: a journal that cannot be written must not break the system under test.
        try:
            await self._journal.record(entry)
        except StorageUnavailable as error:
            log.warning("%s: the request journal could not be written: %s", self.system.name, error)
        except Exception:
            log.exception("%s: the request journal could not be written", self.system.name)


def _signed_data(
    answer: etree._Element, style: PayloadStyle, response_type: str, key: SigningKey | None, *, tamper: bool
) -> etree._Element:
    """The answer in ``data``, signed as the system's operator: the enveloped signature signs the payload
    document as it travels (the ``data`` element itself in the inline style, the answer's root otherwise).
    ``tamper`` changes a signed value after signing, as a man in the middle would."""
    if key is None:
        return write_payload(Payload(answer, "element"), style, response_type)
    if style == "inline":
        data = write_payload(Payload(answer, "element"), style, response_type)
        sign_enveloped(data, key)
        if tamper:
            _alter(data)
        return data
    sign_enveloped(answer, key)
    if tamper:
        _alter(answer)
    return write_payload(Payload(answer, "element", None, answer), style, response_type)


def _alter(signed: etree._Element) -> None:
    target = signed.find(".//messageResult/nameRu")
    if target is None:
        target = signed.find(".//messageId")
    if target is not None:
        target.text = (target.text or "") + " (altered)"


def _subject_iin(element: etree._Element) -> str | None:
    """The IIN a request is about, for the journal: its first ``iin`` element (unqualified, as in every contract)."""
    found = element.find(".//iin")
    return (found.text or "").strip()[:12] or None if found is not None else None


async def _until_disconnected(request: Request) -> None:
    """Wait, without holding a worker, until the caller gives up (or half an hour, the longest window)."""
    with anyio.move_on_after(_LONGEST_HANG_SECONDS):
        while (await request.receive())["type"] != "http.disconnect":
            pass


class _ConnectionReset(Response):
    """Starts an answer, then drops the connection in the middle of it."""

    def __init__(self) -> None:
        super().__init__(b'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope', media_type=_XML)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"4096")]})
        await send({"type": "http.response.body", "body": self.body, "more_body": True})
        raise InjectedConnectionReset("the connection was dropped on purpose (fault injection)")


class InjectedConnectionReset(ConnectionResetError):
    """Raised by the ``connection-reset`` fault; the server closes the connection when it sees it."""


def create_provider_app(
    system: MockSystem,
    handlers: Mapping[str, Handler],
    now: Callable[[], datetime],
    *,
    limits: XmlLimits = DEFAULT_LIMITS,
    contracts: Contracts | None = None,
    signer: Signer | None = None,
    faults: FaultBook | None = None,
    journal: Journal | None = None,
    rng: random.Random | None = None,
) -> Starlette:
    """The ASGI application of one mock system.

    ``signer`` gives the key its answers are signed with (none: unsigned answers); ``faults`` holds the rules
    of fault injection and ``journal`` receives every request (none: neither).
    """
    provider = ShepProvider(
        system, handlers, now, limits, contracts or load_contracts(), signer, faults, journal, rng or random.Random()
    )
    return Starlette(
        routes=[Route("/", provider.endpoint, methods=["GET", "POST"]), Route("/health", provider.health)],
        middleware=[Middleware(RunMiddleware, refuse=lambda message: _fault("Mock.InvalidRunHeader", message, now))],
    )


def _answer(wrapper: etree._Element) -> Response:
    return Response(soap.serialize(soap.build_envelope(wrapper)), media_type=_XML)


def _fault(code: str, message: str, now: Callable[[], datetime]) -> Response:
    detail = build_error_info(ErrorInfo(code=code, message=message, date=xml_datetime(now())))
    client_side = code in ("Mock.InvalidRequest", "Mock.UnknownService", "Mock.InvalidFault", "Mock.InvalidRunHeader")
    envelope = soap.fault_envelope("Client" if client_side else "Server", message, None, detail)
    # 503 says "not now" rather than "not this": the gateway's courier tries such a delivery again.
    status = 503 if code == "Mock.StorageUnavailable" else 500
    return Response(soap.serialize(envelope), status_code=status, media_type=_XML)
