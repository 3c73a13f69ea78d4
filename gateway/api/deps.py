"""FastAPI dependencies shared by the routes."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request

from gateway.errors import AuthenticationFailed
from gateway.runtime import Runtime


def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


def require_admin(request: Request, runtime: RuntimeDep) -> None:
    """Outside dev mode, operator endpoints (the message log, …) need ``Authorization: Bearer <admin token>``."""
    if runtime.settings.dev:
        return
    expected = runtime.settings.admin_token.get_secret_value()
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(token.strip(), expected):
        raise AuthenticationFailed("this endpoint needs Authorization: Bearer <admin token> outside dev mode")


AdminDep = Annotated[None, Depends(require_admin)]


def base_url(request: Request, runtime: Runtime) -> str:
    """The address clients use for this instance: the configured public URL, else the request's own."""
    if runtime.settings.public_url:
        return runtime.settings.public_url.rstrip("/")
    return str(request.base_url).rstrip("/")
