"""The hop to the providers: one pooled HTTP client, and every way that hop can fail named as a fault."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass

import httpx

from gateway.errors import ProviderConnectionReset, ProviderMalformedResponse, ProviderTimeout, ProviderUnreachable


@dataclass(frozen=True, slots=True)
class ProviderReply:
    status_code: int
    content_type: str
    body: bytes


class Upstream:
    """Posts SOAP messages to providers. Built once per process; the client pools keep-alive connections."""

    def __init__(self, client: httpx.AsyncClient, max_body_bytes: int) -> None:
        self._client = client
        self._max_body_bytes = max_body_bytes

    async def post(
        self, url: str, body: bytes, *, timeout: float, system: str, headers: Mapping[str, str] | None = None
    ) -> ProviderReply:
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""', **(headers or {})}
        try:
            async with asyncio.timeout(timeout):
                async with self._client.stream("POST", url, content=body, headers=headers) as response:
                    received = bytearray()
                    async for chunk in response.aiter_bytes():
                        received += chunk
                        if len(received) > self._max_body_bytes:
                            raise ProviderMalformedResponse(
                                f"{system} answered with more than {self._max_body_bytes} bytes", system=system
                            )
                    return ProviderReply(
                        response.status_code, response.headers.get("content-type", ""), bytes(received)
                    )
        except TimeoutError:
            raise ProviderTimeout(f"{system} did not answer within {timeout:g} s", system=system) from None
        except httpx.TimeoutException:
            raise ProviderTimeout(f"{system} did not answer within {timeout:g} s", system=system) from None
        except httpx.ConnectError as error:
            raise ProviderUnreachable(f"{system} is unreachable: {error}", detail=url, system=system) from None
        except (httpx.RemoteProtocolError, httpx.ReadError, ConnectionError) as error:
            # ConnectionError: an in-process (ASGI) provider that drops the connection raises it directly.
            raise ProviderConnectionReset(
                f"{system} dropped the connection before answering: {error or type(error).__name__}", system=system
            ) from None
        except httpx.HTTPError as error:
            raise ProviderUnreachable(f"{system} could not be reached: {error}", detail=url, system=system) from None

    async def probe(self, url: str, *, timeout: float) -> str | None:
        """Why ``url`` does not answer 200 (a provider's health address), or None when it does."""
        try:
            async with asyncio.timeout(timeout):
                response = await self._client.get(url)
        except TimeoutError:
            return f"no answer within {timeout:g} s"
        except httpx.HTTPError as error:
            return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        return None if response.status_code == 200 else f"HTTP {response.status_code}"

    async def close(self) -> None:
        await self._client.aclose()
