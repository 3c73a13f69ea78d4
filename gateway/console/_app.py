"""The console as its own small ASGI app: templates, sign-in, the test run chosen by cookie, HTML errors.

It is mounted at ``/console`` inside the gateway (gateway/app.py) and works on the gateway's runtime, so
what it shows is what the REST API returns. Pages are rendered on the server from Jinja2 templates with a
little CSS and no script: nothing to build, nothing to download, readable in any browser.

In dev mode anyone may use it. Otherwise the admin token signs a person in: the console sets a cookie
holding a keyed digest of the token (never the token), ``HttpOnly`` and ``SameSite=Strict`` so that no
other site's page can post the console's forms on a signed-in person's behalf.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from gateway.api.problems import allowed_methods
from gateway.clock import wall_clock
from gateway.console._views import clock_banner
from gateway.errors import (
    AuthenticationFailed,
    DatabaseUnavailable,
    GatewayFault,
    InternalError,
    NotFound,
    SchemaViolation,
)
from gateway.runtime import Runtime
from gateway.storage.database import log_failure
from mocks.runs import InvalidRun, current_run, parse_run
from mocks.storage import StorageUnavailable

log = logging.getLogger(__name__)

SESSION_COOKIE = "qaqpa_console"
RUN_COOKIE = "qaqpa_run"
PREFIX = "/console"
_MAX_FORM_BYTES = 16 * 1024

templates = Environment(
    loader=PackageLoader("gateway.console", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
STYLESHEET = (Path(__file__).parent / "templates" / "console.css").read_bytes()


def _ms(value: float) -> str:
    return f"{value:,.1f}" if value < 100 else f"{value:,.0f}"


templates.filters["kz"] = wall_clock
templates.filters["ms"] = _ms


def page(request: Request, template: str, status_code: int = 200, **values: Any) -> HTMLResponse:
    """A template rendered with what every page shows: the clock, the run, the navigation."""
    runtime: Runtime = request.app.state.runtime
    html = templates.get_template(template).render(
        base=PREFIX,
        path=request.url.path,
        here=_here(request),
        run=current_run.get(),
        clock=clock_banner(runtime),
        dev=runtime.settings.dev,
        signed_in=_signed_in(request, runtime),
        **values,
    )
    return HTMLResponse(html, status_code=status_code)


async def form(request: Request) -> dict[str, str]:
    """An ``application/x-www-form-urlencoded`` body as a dict (the last value of a repeated field wins)."""
    body = await request.body()
    if len(body) > _MAX_FORM_BYTES:
        raise SchemaViolation(f"a console form is at most {_MAX_FORM_BYTES} bytes")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise SchemaViolation("the form is not UTF-8") from None
    return dict(parse_qsl(text, keep_blank_values=True))


def back_to(target: str | None, fallback: str = f"{PREFIX}/messages") -> RedirectResponse:
    """Go back to a console page after a form (only a console page: never an address a form smuggled in)."""
    safe = target if target and target.startswith(f"{PREFIX}/") and "//" not in target and "\\" not in target else None
    return RedirectResponse(safe or fallback, status_code=303)


def console_app(runtime: Runtime, router: APIRouter) -> ASGIApp:
    """The console app for ``runtime`` serving ``router``'s pages; mount it at :data:`PREFIX`."""
    app = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    app.state.runtime = runtime
    _install_error_pages(app)
    app.include_router(router)
    return _RunFromCookie(_SignIn(app, runtime))


def session_token(runtime: Runtime) -> str:
    secret = runtime.settings.admin_token.get_secret_value().encode()
    return hmac.new(secret, b"qaqpa-console-session", hashlib.sha256).hexdigest()


def _signed_in(request: Request, runtime: Runtime) -> bool:
    if runtime.settings.dev:
        return True
    return hmac.compare_digest(request.cookies.get(SESSION_COOKIE, ""), session_token(runtime))


def _here(request: Request) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{request.url.path}{query}"


class _SignIn:
    """Outside dev mode every page but the sign-in form and the stylesheet needs a signed-in person."""

    _OPEN = ("/login", "/console.css")

    def __init__(self, app: ASGIApp, runtime: Runtime) -> None:
        self.app = app
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.runtime.settings.dev or scope["path"].endswith(self._OPEN):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        if _signed_in(request, self.runtime):
            await self.app(scope, receive, send)
            return
        if request.method == "GET":
            target = quote(_here(request), safe="")
            await RedirectResponse(f"{PREFIX}/login?next={target}", status_code=303)(scope, receive, send)
            return
        fault = AuthenticationFailed("sign in to the console with the admin token first")
        await _error_page(request, fault)(scope, receive, send)


class _RunFromCookie:
    """The console works in the test run its cookie names, unless the request's ``X-Qaqpa-Run`` names one."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or current_run.get() is not None:
            await self.app(scope, receive, send)
            return
        try:
            run = parse_run(Request(scope).cookies.get(RUN_COOKIE))
        except InvalidRun:
            run = None  # a stale or edited cookie: the default namespace, and the header shows it
        token = current_run.set(run)
        try:
            await self.app(scope, receive, send)
        finally:
            current_run.reset(token)


def _error_page(request: Request, fault: GatewayFault, status_code: int | None = None) -> HTMLResponse:
    try:
        return page(request, "error.html", status_code or fault.http_status, fault=fault)
    except Exception:  # the page itself could not be drawn (the database is down): say so plainly
        log_failure(log, "could not render the console's error page")
        text = f"{fault.code} ({fault.hop}): {fault.message}"
        return HTMLResponse(
            f"<!doctype html><title>Qaqpa</title><p>{_escape(text)}</p>", status_code or fault.http_status
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _install_error_pages(app: FastAPI) -> None:
    async def on_fault(request: Request, error: Exception) -> Response:
        assert isinstance(error, GatewayFault)
        return _error_page(request, error)

    async def on_http(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        if error.status_code == 404:
            return _error_page(request, NotFound("the console has no such page"))
        fault = InternalError(str(error.detail)) if error.status_code >= 500 else SchemaViolation(str(error.detail))
        page = _error_page(request, fault, error.status_code)
        if error.status_code == 405:
            page.headers["Allow"] = ", ".join(allowed_methods(request))
        return page

    async def on_database_away(request: Request, error: Exception) -> Response:
        log.warning("%s %s: %s", request.method, request.url.path, error)
        return _error_page(request, DatabaseUnavailable())

    async def on_validation(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        issues = "; ".join(f"{'.'.join(map(str, issue['loc']))}: {issue['msg']}" for issue in error.errors())
        return _error_page(request, SchemaViolation(f"the page's parameters are not valid: {issues}"))

    async def on_unexpected(request: Request, error: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
        return _error_page(request, InternalError("the console failed on this page; see the gateway's log"))

    app.add_exception_handler(GatewayFault, on_fault)
    app.add_exception_handler(StorageUnavailable, on_database_away)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(Exception, on_unexpected)
