"""Providers that misbehave in every way the gateway must name: the far side of the provider hop."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from types import TracebackType

from lxml import etree
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from contracts import namespaces as ns
from signing.xmldsig import SigningKey, sign_enveloped

_XML = "text/xml; charset=utf-8"


def _envelope(body: str) -> str:
    return f'<?xml version="1.0"?><s:Envelope xmlns:s="{ns.SOAP11_ENV}"><s:Body>{body}</s:Body></s:Envelope>'


_FAULT = _envelope(
    "<s:Fault><faultcode>s:Server</faultcode><faultstring>Registry is closed for maintenance</faultstring>"
    f'<detail><sync:SendMessageFault1_SendMessageFault xmlns:sync="{ns.SYNC_WRAPPER}">'
    "<errorCode>PROV-42</errorCode><errorMessage>Registry is closed for maintenance</errorMessage>"
    "<errorDate>2026-11-22T10:00:00+05:00</errorDate></sync:SendMessageFault1_SendMessageFault></detail></s:Fault>"
)

_NO_STATUS = _envelope(
    f'<sync:SendMessageResponse xmlns:sync="{ns.SYNC_WRAPPER}"><response><responseInfo>'
    "<messageId>1</messageId><responseDate>2026-11-22T10:00:00+05:00</responseDate></responseInfo>"
    "<responseData><data>x</data></responseData></response></sync:SendMessageResponse>"
)

_BAD_PAYLOAD = _envelope(
    f'<sync:SendMessageResponse xmlns:sync="{ns.SYNC_WRAPPER}"><response><responseInfo>'
    "<messageId>1</messageId><responseDate>2026-11-22T10:00:00+05:00</responseDate>"
    "<status><code>SCSS001</code><message>ok</message></status></responseInfo>"
    f'<responseData><data xmlns:xsi="{ns.XSI}" xmlns:m="{ns.GBDFL_MESSAGE}" xsi:type="m:Response">'
    "<messageId>1</messageId></data></responseData></response></sync:SendMessageResponse>"
)


_VALID_RESPONSE_CHILDREN = (
    "<messageId>1</messageId><messageDate>2026-11-22T10:00:00+05:00</messageDate><requestId>1</requestId>"
    "<sender><code>TESTPROV</code><nameRu>Т</nameRu><nameKz>Т</nameKz></sender>"
    "<receiver><code>DEMO_PORTAL</code><nameRu>Д</nameRu><nameKz>Д</nameKz></receiver>"
    "<messageResult><code>10001</code><nameRu>Нет</nameRu><nameKz>Жоқ</nameKz></messageResult>"
)


def _answer_with(data: str) -> str:
    return _envelope(
        f'<sync:SendMessageResponse xmlns:sync="{ns.SYNC_WRAPPER}"><response><responseInfo>'
        "<messageId>1</messageId><responseDate>2026-11-22T10:00:00+05:00</responseDate>"
        "<status><code>SCSS001</code><message>ok</message></status></responseInfo>"
        f"<responseData>{data}</responseData></response></sync:SendMessageResponse>"
    )


def _inline_data() -> etree._Element:
    namespaces = f'xmlns:xsi="{ns.XSI}" xmlns:m="{ns.GBDFL_MESSAGE}"'
    return etree.fromstring(f'<data {namespaces} xsi:type="m:Response">{_VALID_RESPONSE_CHILDREN}</data>')


def misbehaving_provider_app(foreign_key: SigningKey) -> Starlette:
    """``foreign_key`` signs the answers of ``/foreign-signed``: a key of some other CA."""
    never = asyncio.Event()
    unsigned = _answer_with(etree.tostring(_inline_data(), encoding="unicode"))
    foreign_data = _inline_data()
    sign_enveloped(foreign_data, foreign_key)
    foreign_signed = _answer_with(etree.tostring(foreign_data, encoding="unicode"))

    async def hang(_: Request) -> Response:
        await never.wait()
        return Response("")

    async def http_error(_: Request) -> Response:
        return Response("Service Unavailable", status_code=503, media_type="text/plain")

    async def fault(_: Request) -> Response:
        return Response(_FAULT, status_code=500, media_type=_XML)

    async def garbage(_: Request) -> Response:
        return Response("this is not XML at all", media_type=_XML)

    async def no_status(_: Request) -> Response:
        return Response(_NO_STATUS, media_type=_XML)

    async def bad_payload(_: Request) -> Response:
        return Response(_BAD_PAYLOAD, media_type=_XML)

    async def unsigned_answer(_: Request) -> Response:
        return Response(unsigned, media_type=_XML)

    async def foreign_signed_answer(_: Request) -> Response:
        return Response(foreign_signed, media_type=_XML)

    return Starlette(
        routes=[
            Route("/hang", hang, methods=["POST"]),
            Route("/http-error", http_error, methods=["POST"]),
            Route("/fault", fault, methods=["POST"]),
            Route("/garbage", garbage, methods=["POST"]),
            Route("/no-status", no_status, methods=["POST"]),
            Route("/bad-payload", bad_payload, methods=["POST"]),
            Route("/unsigned", unsigned_answer, methods=["POST"]),
            Route("/foreign-signed", foreign_signed_answer, methods=["POST"]),
        ]
    )


class ResettingServer:
    """Accepts a connection, reads the request and drops it with a TCP reset."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen()
        self.port: int = self._socket.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self._socket.accept()
            except OSError:
                return
            with connection, contextlib.suppress(OSError):
                connection.recv(65536)
                connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def __enter__(self) -> ResettingServer:
        self._thread.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self._socket.close()


def closed_port() -> int:
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port
