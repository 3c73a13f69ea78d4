"""The provider hop's health probe (gateway/upstream.py)."""

from __future__ import annotations

import asyncio

import httpx

from gateway.upstream import Upstream


def _probe(handler: httpx.MockTransport) -> str | None:
    async def probe() -> str | None:
        upstream = Upstream(httpx.AsyncClient(transport=handler), max_body_bytes=1024)
        try:
            return await upstream.probe("http://mock.test/health", timeout=1.0)
        finally:
            await upstream.close()

    return asyncio.run(probe())


def test_a_200_is_healthy_and_anything_else_says_why() -> None:
    assert _probe(httpx.MockTransport(lambda _: httpx.Response(200, json={"status": "ok"}))) is None
    assert _probe(httpx.MockTransport(lambda _: httpx.Response(503))) == "HTTP 503"


def test_an_unreachable_provider_names_the_error() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    assert _probe(httpx.MockTransport(refuse)) == "ConnectError: connection refused"
