"""REST errors as ``application/problem+json`` with the same stable codes as the SOAP faults."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from psycopg.errors import NumericValueOutOfRange
from pydantic import BaseModel, Field
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect
from starlette.routing import Match

from gateway.errors import DatabaseUnavailable, GatewayFault, Hop, InternalError, NotFound, SchemaViolation
from gateway.storage.database import driver_message
from mocks.provider import InjectedConnectionReset
from mocks.storage import StorageUnavailable

log = logging.getLogger(__name__)

PROBLEM = "application/problem+json"


class Problem(BaseModel):
    """What every REST error answers with (docs/errors.md)."""

    code: str = Field(description="the stable code: Client.NotFound, Provider.Timeout, …")
    message: str = Field(description="what went wrong, for a person")
    hop: Hop = Field(description="who is at fault: the client, the gateway or the provider behind it")
    detail: str | None = Field(description="more about it, when there is more: the schema's issues, a hint")


def _problem_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    "4XX": _problem_response("A client fault (Client.*): the request is refused, saying why"),
    "5XX": _problem_response("A gateway or provider fault (Gateway.*, Provider.*)"),
}
"""The error answers of every REST route, for its OpenAPI (a route's own error answers are listed with it)."""


def problem(fault: GatewayFault) -> JSONResponse:
    body = {"code": fault.code, "message": fault.message, "hop": fault.hop, "detail": fault.detail}
    return JSONResponse(body, status_code=fault.http_status, media_type=PROBLEM)


def install_problem_handlers(app: FastAPI) -> None:
    async def on_fault(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, GatewayFault)
        return problem(error)

    async def on_http(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 404:
            return problem(NotFound("no such resource"))
        fault = InternalError(str(error.detail)) if error.status_code >= 500 else SchemaViolation(str(error.detail))
        response = problem(fault)
        response.status_code = error.status_code
        response.headers.update(error.headers or {})
        if error.status_code == 405:
            response.headers["Allow"] = ", ".join(allowed_methods(request))
        return response

    async def on_validation(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, RequestValidationError)
        issues = "; ".join(f"{'.'.join(map(str, issue['loc']))}: {issue['msg']}" for issue in error.errors())
        return problem(SchemaViolation(f"the request is not valid: {issues}"))

    async def on_unexpected(request: Request, error: Exception) -> JSONResponse:
        if isinstance(error, InjectedConnectionReset):
            raise error  # a mock dropping its connection on purpose: the server must close it, not answer
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
        return problem(InternalError("the gateway failed on this request; see its log"))

    async def on_database_away(request: Request, error: Exception) -> JSONResponse:
        log.warning("%s %s: %s", request.method, request.url.path, error)
        return problem(DatabaseUnavailable())

    async def on_data_error(request: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, DataError)
        reason = unstorable(error)
        if reason is None:
            return await on_unexpected(request, error)
        log.warning("%s %s: the database refused a value: %s", request.method, request.url.path, reason)
        return problem(SchemaViolation(f"a value of this request cannot be stored or looked up: {reason}"))

    async def on_client_gone(request: Request, _: Exception) -> Response:
        # The client closed its connection before its request was read (a load generator stopping, a user
        # giving up): nobody is left to answer, and it is not the gateway's failure.
        log.debug("client went away during %s %s", request.method, request.url.path)
        return Response(status_code=499)

    app.add_exception_handler(ClientDisconnect, on_client_gone)
    app.add_exception_handler(GatewayFault, on_fault)
    app.add_exception_handler(StorageUnavailable, on_database_away)
    app.add_exception_handler(DataError, on_data_error)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)


def unstorable(error: DataError) -> str | None:
    """Why PostgreSQL refused a value a request carried, where SQLite takes it: a NUL character in text, a
    number past its column. None for any other data error, which is the gateway's own (Gateway.InternalError)."""
    reason = driver_message(error)
    if "NUL (0x00)" in reason or isinstance(error.orig, NumericValueOutOfRange):
        return reason or "a number out of range"
    return None


_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> list[str]:
    """The methods some route of the app takes at the request's path: a 405's ``Allow`` (the router's own
    names only the first route it tried, e.g. ``PUT`` where GET, PUT and DELETE are taken)."""
    routes = request.app.router.routes
    return [
        method
        for method in _METHODS
        if any(route.matches({**request.scope, "method": method})[0] is Match.FULL for route in routes)
    ]


def document_problems(app: FastAPI) -> None:
    """Put :class:`Problem` in the app's OpenAPI components, where :data:`PROBLEM_RESPONSES` refer to it."""
    declared = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = declared()
            schemas = document.setdefault("components", {}).setdefault("schemas", {})
            schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
