"""A mock information system as ShEP sees it: a SyncChannel endpoint answering its own serviceIds.

Each mock is its own ASGI application, reached by the gateway over HTTP exactly as a real provider is
(shared/notes/protocols-shep-xroad.md §1.1: providers implement the same ``ISyncChannel`` as consumers
call). It parses what it receives as hardened as the gateway does, checks the envelope and its payload
against ``contracts/``, dispatches by serviceId and answers in its registered payload style.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime

from lxml import etree
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

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
from mocks.catalogue import MockService, MockSystem
from signing.xmldsig import SigningKey, sign_enveloped

log = logging.getLogger(__name__)

Handler = Callable[[RequestInfo, etree._Element], Awaitable[etree._Element]]
"""Answers one request: given the header and the validated payload root, returns the answer's payload root."""

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
        signer: Callable[[], SigningKey] | None,
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

    async def endpoint(self, request: Request) -> Response:
        if request.method == "GET":
            if "wsdl" not in request.query_params:
                return JSONResponse({"system": self.system.code, "services": sorted(self._services)})
            base = str(request.base_url).rstrip("/")
            endpoint_url = str(request.url.replace(query="", fragment=""))
            return Response(published(SYNC_SERVICE_WSDL, base, endpoint_url), media_type=_XML)
        body = await request.body()
        try:
            return _answer(await self._handle(body))
        except ProviderError as error:
            return _fault(error.code, error.message, self._now)
        except Exception:
            log.exception("%s mock failed", self.system.name)
            return _fault("Mock.InternalError", f"the {self.system.code} mock failed; see its log", self._now)

    async def health(self, _: Request) -> Response:
        return JSONResponse({"status": "ok", "system": self.system.code})

    async def _handle(self, body: bytes) -> etree._Element:
        info, data = self._read(body)
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
        answer = await self._handlers[info.service_id](info, payload.root)
        return self._response(service, info, answer)

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

    def _response(self, service: MockService, info: RequestInfo, answer: etree._Element) -> etree._Element:
        contract = self._contracts.payload(service.contract)
        data = self._signed_data(answer, service.payload_style, contract.response_type)
        header = ResponseInfo(
            message_id=str(uuid.uuid4()),
            correlation_id=info.correlation_id or info.message_id,
            response_date=xml_datetime(self._now()),
            status=Status(SUCCESS, "Message has been processed successfully"),
            session_id=info.session_id,
        )
        return build_response(header, data)

    def _signed_data(self, answer: etree._Element, style: PayloadStyle, response_type: str) -> etree._Element:
        """The answer in ``data``, signed as the system's operator: the enveloped signature signs the payload
        document as it travels (the ``data`` element itself in the inline style, the answer's root otherwise)."""
        if self._signer is None:
            return write_payload(Payload(answer, "element"), style, response_type)
        key = self._signer()
        if style == "inline":
            data = write_payload(Payload(answer, "element"), style, response_type)
            sign_enveloped(data, key)
            return data
        sign_enveloped(answer, key)
        return write_payload(Payload(answer, "element", None, answer), style, response_type)


def create_provider_app(
    system: MockSystem,
    handlers: Mapping[str, Handler],
    now: Callable[[], datetime],
    *,
    limits: XmlLimits = DEFAULT_LIMITS,
    contracts: Contracts | None = None,
    signer: Callable[[], SigningKey] | None = None,
) -> Starlette:
    """The ASGI application of one mock system; ``signer`` gives the key its answers are signed with."""
    provider = ShepProvider(system, handlers, now, limits, contracts or load_contracts(), signer)
    return Starlette(routes=[Route("/", provider.endpoint, methods=["GET", "POST"]), Route("/health", provider.health)])


def _answer(wrapper: etree._Element) -> Response:
    return Response(soap.serialize(soap.build_envelope(wrapper)), media_type=_XML)


def _fault(code: str, message: str, now: Callable[[], datetime]) -> Response:
    detail = build_error_info(ErrorInfo(code=code, message=message, date=xml_datetime(now())))
    client_side = code in ("Mock.InvalidRequest", "Mock.UnknownService")
    envelope = soap.fault_envelope("Client" if client_side else "Server", message, None, detail)
    return Response(soap.serialize(envelope), status_code=500, media_type=_XML)
