"""FastAPI dependencies shared by the routes."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Header, Path, Request

from gateway.errors import AuthenticationFailed
from gateway.runtime import Runtime
from gateway.throttle import client_address
from mocks.runs import HEADER as RUN_HEADER
from mocks.runs import current_run

ID_MAX = 2**31 - 1
"""The largest row id and count a request may name: both databases' INTEGER (SQLite's binding of a larger Python
int overflows, PostgreSQL's column refuses it)."""
RowId = Annotated[int, Path(ge=1, le=ID_MAX, description="a row's id, from 1")]


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def require_admin(request: Request, runtime: RuntimeDep) -> None:
    """Outside dev mode, operator endpoints (the message log, …) need ``Authorization: Bearer <admin token>``."""
    if runtime.settings.dev:
        return
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthenticationFailed("this endpoint needs Authorization: Bearer <admin token> outside dev mode")
    if not signed_in_as_admin(runtime, token.strip()):
        raise AuthenticationFailed("that is not the admin token")


def signed_in_as_admin(runtime: Runtime, given: str) -> bool:
    """Whether ``given`` is the admin token, counted against this address's failed sign-ins (a locked-out
    address is refused with Client.TooManyFailedSignIns, whatever it gives)."""
    key = ("admin", client_address.get())
    runtime.sign_ins.check("the admin token", key)
    signed_in = is_admin_token(runtime, given)
    runtime.sign_ins.record(key, signed_in=signed_in)
    return signed_in


def is_admin_token(runtime: Runtime, given: str) -> bool:
    """Whether ``given`` is the instance's admin token (compared in constant time; bytes, so any text may come)."""
    expected = runtime.settings.admin_token.get_secret_value()
    return secrets.compare_digest(given.encode(), expected.encode())


AdminDep = Annotated[None, Depends(require_admin)]


def base_url(request: Request, runtime: Runtime) -> str:
    """The address clients use for this instance: the configured public URL, else the request's own."""
    if runtime.settings.public_url:
        return runtime.settings.public_url.rstrip("/")
    return str(request.base_url).rstrip("/")


async def request_run(
    _header: Annotated[
        str | None, Header(alias=RUN_HEADER, description="the test run to work in (docs/runs.md); none: the default")
    ] = None,
) -> str | None:
    """The test run of this request, as RunMiddleware read (and checked) its header."""
    return current_run.get()


RunDep = Annotated[str | None, Depends(request_run)]


async def clock_caught_up(runtime: RuntimeDep) -> None:
    """Before a read of time-driven state (cases): the clock as another process last moved it, and what its
    time made due done (Runtime.catch_up_with_clock)."""
    await runtime.catch_up_with_clock()
