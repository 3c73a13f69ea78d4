"""The SOAP endpoints: ``POST /bip-sync/`` and ``POST /bip-async/``, their WSDLs at ``GET …/?wsdl``, and the
WSDL a recipient implements to be pushed to (``GET /bip-async/client?wsdl``) (shared/DESIGN.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from contracts.loader import ASYNC_CLIENT_WSDL, ASYNC_SERVICE_WSDL, SYNC_SERVICE_WSDL
from contracts.publishing import published
from gateway.api.deps import RuntimeDep, base_url
from gateway.api.problems import PROBLEM_RESPONSES
from gateway.errors import InvalidSoap
from gateway.runtime import Runtime
from gateway.shep import IncomingMessage, OutgoingMessage
from mocks.faults import HEADER as FAULT_HEADER

router = APIRouter(tags=["SOAP"])

_XML = "text/xml; charset=utf-8"
_WSDL_ANSWERS: dict[int | str, dict[str, Any]] = {200: {"content": {"text/xml": {}}}, "4XX": PROBLEM_RESPONSES["4XX"]}
"""A WSDL, or (no ``?wsdl``, a bad ``X-Qaqpa-Run``) a problem: no SOAP Fault before a SOAP message."""
_SOAP_ANSWERS: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/xml": {}}},
    400: {
        **PROBLEM_RESPONSES["4XX"],
        "description": "A bad X-Qaqpa-Run header (Client.InvalidRunHeader), refused before the SOAP message is read",
    },
    500: {"description": "SOAP Fault with ErrorInfo"},
}
"""A fault in the SOAP message is a SOAP Fault (HTTP 500, as ShEP answers); only the run header comes earlier."""
Wsdl = Annotated[str | None, Query(description="present, with no value (?wsdl): the WSDL")]


async def _read_capped(request: Request, limit: int) -> tuple[bytes, bool]:
    """The body and False, or its first ``limit`` bytes and True when it is longer.

    A declared Content-Length over the limit is refused without reading the body.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return b"", True
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            return bytes(received[:limit]), True
    return bytes(received), False


@router.get("/bip-sync/", summary="The SyncChannel WSDL (add ?wsdl)", response_class=Response, responses=_WSDL_ANSWERS)
@router.get("/bip-sync", include_in_schema=False, response_class=Response)
async def sync_wsdl(request: Request, runtime: RuntimeDep, wsdl: Wsdl = None) -> Response:
    return _wsdl(request, runtime, wsdl, "SyncChannel", SYNC_SERVICE_WSDL, "/bip-sync/")


@router.post(
    "/bip-sync/",
    summary="ShEP SyncChannel SendMessage (SOAP 1.1, text/xml)",
    response_class=Response,
    responses=_SOAP_ANSWERS,
)
@router.post("/bip-sync", include_in_schema=False, response_class=Response)
async def sync_send_message(request: Request, runtime: RuntimeDep) -> Response:
    return _soap_response(await runtime.sync_channel.handle(await _incoming(request, runtime)))


@router.get(
    "/bip-async/", summary="The AsyncChannel WSDL (add ?wsdl)", response_class=Response, responses=_WSDL_ANSWERS
)
@router.get("/bip-async", include_in_schema=False, response_class=Response)
async def async_wsdl(request: Request, runtime: RuntimeDep, wsdl: Wsdl = None) -> Response:
    return _wsdl(request, runtime, wsdl, "AsyncChannel", ASYNC_SERVICE_WSDL, "/bip-async/")


@router.get(
    "/bip-async/client",
    summary="The IAsyncChannelClient WSDL a recipient serves to be pushed to (add ?wsdl)",
    response_class=Response,
    responses=_WSDL_ANSWERS,
)
async def async_client_wsdl(request: Request, runtime: RuntimeDep) -> Response:
    return Response(published(ASYNC_CLIENT_WSDL, base_url(request, runtime)), media_type=_XML)


@router.post(
    "/bip-async/",
    summary="ShEP AsyncChannel: sendMessage, getMessages, getMessageStatus, sendDeliveryNotification (SOAP 1.1)",
    response_class=Response,
    responses=_SOAP_ANSWERS,
)
@router.post("/bip-async", include_in_schema=False, response_class=Response)
async def async_operation(request: Request, runtime: RuntimeDep) -> Response:
    return _soap_response(await runtime.async_channel.handle(await _incoming(request, runtime)))


def _wsdl(request: Request, runtime: Runtime, asked: str | None, channel: str, wsdl: str, path: str) -> Response:
    if asked is None:
        raise InvalidSoap(f"the {channel} answers POSTed SOAP messages; its WSDL is at {path}?wsdl")
    base = base_url(request, runtime)
    return Response(published(wsdl, base, f"{base}{path}"), media_type=_XML)


async def _incoming(request: Request, runtime: Runtime) -> IncomingMessage:
    body, too_large = await _read_capped(request, runtime.settings.max_body_bytes)
    return IncomingMessage(
        body=body,
        content_type=request.headers.get("content-type"),
        client_address=request.client.host if request.client else None,
        too_large=too_large,
        fault=request.headers.get(FAULT_HEADER),
    )


def _soap_response(outgoing: OutgoingMessage) -> Response:
    return Response(
        outgoing.body,
        status_code=outgoing.status_code,
        media_type=outgoing.media_type,
        headers={"X-Qaqpa-Session-Id": outgoing.session_id},
    )
