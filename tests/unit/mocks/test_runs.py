"""Run identifiers and the middleware that puts a request in its run."""

from __future__ import annotations

import asyncio

import httpx
import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from mocks.runs import HEADER, InvalidRun, RunMiddleware, current_run, parse_run


@pytest.mark.parametrize("value", ["ci-4711", "pytest-3f2a9c1b07de", "gitlab:123.4_a", "x" * 64, "  padded  "])
def test_a_run_identifier_is_read(value: str) -> None:
    assert parse_run(value) == value.strip()


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_header_is_the_default_namespace(value: str | None) -> None:
    assert parse_run(value) is None


@pytest.mark.parametrize("value", ["two words", "-dash-first", "x" * 65, "a/b", "ключ", "a;b"])
def test_anything_else_is_refused_with_the_rule(value: str) -> None:
    with pytest.raises(InvalidRun, match="1-64 letters"):
        parse_run(value)


def _app() -> Starlette:
    async def which(_: Request) -> Response:
        return PlainTextResponse(current_run.get() or "(default)")

    def refuse(message: str) -> Response:
        return PlainTextResponse(message, status_code=400)

    return Starlette(routes=[Route("/", which)], middleware=[Middleware(RunMiddleware, refuse=refuse)])


def test_the_middleware_sets_the_run_for_the_request_only() -> None:
    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=_app())
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return [
                await client.get("/", headers={HEADER: "job-a"}),
                await client.get("/"),
                await client.get("/", headers={HEADER: "no good"}),
            ]

    in_run, default, refused = asyncio.run(scenario())
    assert (in_run.text, default.text) == ("job-a", "(default)")
    assert refused.status_code == 400 and HEADER in refused.text
    assert current_run.get() is None
