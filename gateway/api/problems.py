"""REST errors as ``application/problem+json`` with the same stable codes as the SOAP faults."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from gateway.errors import GatewayFault, InternalError, NotFound, SchemaViolation
from mocks.provider import InjectedConnectionReset

log = logging.getLogger(__name__)


def problem(fault: GatewayFault) -> JSONResponse:
    body = {"code": fault.code, "message": fault.message, "hop": fault.hop, "detail": fault.detail}
    return JSONResponse(body, status_code=fault.http_status, media_type="application/problem+json")


def install_problem_handlers(app: FastAPI) -> None:
    async def on_fault(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, GatewayFault)
        return problem(error)

    async def on_http(_: Request, error: Exception) -> JSONResponse:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 404:
            return problem(NotFound("no such resource"))
        fault = InternalError(str(error.detail)) if error.status_code >= 500 else SchemaViolation(str(error.detail))
        response = problem(fault)
        response.status_code = error.status_code
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

    async def on_client_gone(request: Request, _: Exception) -> Response:
        # The client closed its connection before its request was read (a load generator stopping, a user
        # giving up): nobody is left to answer, and it is not the gateway's failure.
        log.debug("client went away during %s %s", request.method, request.url.path)
        return Response(status_code=499)

    app.add_exception_handler(ClientDisconnect, on_client_gone)
    app.add_exception_handler(GatewayFault, on_fault)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)
