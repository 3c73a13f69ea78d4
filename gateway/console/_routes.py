"""The console's pages and forms. Each reads what the REST API reads and hands plain values to a template.

GET  /console/messages                 the message log, filtered (sender, service, IIN, outcome, code, time)
GET  /console/messages/{sessionId}     one exchange: hops, signatures with their certificates, bodies, diagram
GET  /console/chains/{correlationId}   every exchange of a correlation chain, as one sequence diagram
GET  /console/cases                    the regulations' cases with their deadlines and time left
GET  /console/cases/{caseId}           one case: its timeline, deadlines and the exchanges it made
GET  /console/systems                  the mocks: health, fault rules, a form to inject a fault
POST /console/systems/{name}/faults    inject a fault (kind, parameters, serviceId, times, minutes)
POST /console/systems/{name}/clear     remove a mock's fault rules: it recovers at once
POST /console/clock                    advance, freeze, resume or reset the virtual clock
POST /console/run                      work in a test run (docs/runs.md), or back in the default one
GET|POST /console/login                sign in with the admin token (outside dev mode)
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from contracts.shep import KZ_TIME
from gateway.api.cases import case_view, case_with_events
from gateway.api.clock import change_clock, shared_clock
from gateway.api.deps import signed_in_as_admin
from gateway.cases import CaseEngine
from gateway.clock import ClockState, parse_duration
from gateway.console import _views as views
from gateway.console._app import (
    PREFIX,
    RUN_COOKIE,
    SESSION_COOKIE,
    STYLESHEET,
    back_to,
    form,
    page,
    session_token,
)
from gateway.console._sequence import exchange_arrows, render
from gateway.errors import NotFound, SchemaViolation, TooManyFailedSignIns
from gateway.message_log import LogQuery
from gateway.runtime import Runtime
from mocks.catalogue import MockSystem, system_by_name
from mocks.faults import FAULT_KINDS, InvalidFault, parse_header
from mocks.runs import InvalidRun, current_run, parse_run

router = APIRouter()
"""Paths below the mount point (``/console``); the pages link with the full path."""

_HEALTH_TIMEOUT_SECONDS = 2.0


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


@router.get("/")
async def home() -> RedirectResponse:
    return RedirectResponse(f"{PREFIX}/messages", status_code=303)


@router.get("/console.css")
async def stylesheet() -> Response:
    return Response(STYLESHEET, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/messages", response_class=HTMLResponse)
async def messages(
    request: Request,
    sender: str = "",
    service: str = "",
    iin: str = "",
    outcome: Literal["", "ok", "fault"] = "",
    code: str = "",
    run: str = "",
    since: str = "",
    until: str = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> HTMLResponse:
    runtime = _runtime(request)
    query = LogQuery(
        sender_id=sender.strip() or None,
        service_id=service.strip() or None,
        subject_iin=iin.strip() or None,
        outcome=outcome or None,
        status_code=code.strip() or None,
        run_id=run.strip() or None,
        since=_moment(since, "since"),
        until=_moment(until, "until"),
        limit=limit,
    )
    filters = {"sender": sender, "service": service, "iin": iin, "outcome": outcome, "code": code, "run": run}
    return page(
        request,
        "messages.html",
        exchanges=await runtime.message_log.summaries(query),
        filters={**filters, "since": since, "until": until, "limit": limit},
        services=sorted(service.service_id for service in runtime.registry.all()),
    )


@router.get("/messages/{session_id}", response_class=HTMLResponse)
async def exchange(request: Request, session_id: str) -> HTMLResponse:
    runtime = _runtime(request)
    found = await runtime.message_log.find(LogQuery(session_id=session_id, limit=1))
    if not found:
        raise NotFound(f"the message log holds no exchange with sessionId {session_id!r}")
    (logged,) = found
    provider = views.provider_name(runtime.registry, logged.get("serviceId"))
    return page(
        request,
        "exchange.html",
        exchange=logged,
        hops=views.hops(logged),
        signatures=views.signatures(logged, runtime.clock.now()),
        bodies=views.bodies(logged),
        diagram=render(exchange_arrows(logged, provider)),
    )


@router.get("/chains/{correlation_id}", response_class=HTMLResponse)
async def chain(request: Request, correlation_id: str) -> HTMLResponse:
    runtime = _runtime(request)
    found = await runtime.message_log.summaries(LogQuery(correlation_id=correlation_id, limit=500))
    if not found:
        raise NotFound(f"the message log holds no exchange with correlationId {correlation_id!r}")
    arrows = views.chain_arrows(found, runtime.registry, PREFIX)
    return page(request, "chain.html", correlation_id=correlation_id, exchanges=found[::-1], diagram=render(arrows))


@router.get("/cases", response_class=HTMLResponse)
async def cases(request: Request, iin: str = "", state: str = "", regulation: str = "") -> HTMLResponse:
    runtime = _runtime(request)
    engine = await _engine(runtime)
    found = await engine.store.find(
        applicant_iin=iin.strip() or None,
        regulation=regulation.strip() or None,
        state=state.strip() or None,
        limit=200,
        run=current_run.get(),
    )
    now = runtime.clock.now()
    rows = [
        {**view, "timeLeft": views.time_left(view["deadlineAt"], now)} for view in (case_view(case) for case in found)
    ]
    return page(request, "cases.html", cases=rows, filters={"iin": iin, "state": state, "regulation": regulation})


@router.get("/cases/{case_id}", response_class=HTMLResponse)
async def case(request: Request, case_id: str) -> HTMLResponse:
    runtime = _runtime(request)
    view = await case_with_events(await _engine(runtime), case_id)
    now = runtime.clock.now()
    session_ids = tuple(dict.fromkeys(event["sessionId"] for event in view["events"] if event["sessionId"]))
    exchanges = (
        await runtime.message_log.summaries(LogQuery(session_ids=session_ids, limit=len(session_ids)))
        if session_ids
        else []
    )
    return page(
        request,
        "case.html",
        case=view,
        time_left=views.time_left(view["deadlineAt"], now),
        events=[{**event, "timeLeft": views.time_left(event["deadlineAt"], now)} for event in view["events"]],
        diagram=render(views.chain_arrows(exchanges, runtime.registry, PREFIX)) if exchanges else None,
    )


@router.get("/systems", response_class=HTMLResponse)
async def systems(request: Request) -> HTMLResponse:
    return await _systems_page(request)


@router.post("/systems/{name}/faults", response_class=HTMLResponse)
async def inject(request: Request, name: str) -> Response:
    runtime = _runtime(request)
    system = _system(runtime, name)
    fields = await form(request)
    kind = fields.get("kind", "")
    parameters = fields.get("parameters", "").strip()
    service_id = fields.get("serviceId", "").strip() or None
    try:
        spec = parse_header(f"{kind}; {parameters}" if parameters else kind)
        times = _positive(fields.get("times", ""), "times", int)
        minutes = _positive(fields.get("minutes", ""), "minutes", float)
        if not system.offers(service_id):
            raise SchemaViolation(f"{system.code} does not answer serviceId {service_id!r}")
    except (InvalidFault, SchemaViolation) as error:
        return await _systems_page(request, problem=(system.name, str(error)), status_code=400)
    await runtime.faults.add(
        system.name,
        spec,
        service_id=service_id,
        times=int(times) if times is not None else None,
        for_minutes=minutes,
        probability=1.0,
        run=current_run.get(),
    )
    return back_to(f"{PREFIX}/systems#{system.name}")


@router.post("/systems/{name}/clear")
async def clear(request: Request, name: str) -> Response:
    runtime = _runtime(request)
    system = _system(runtime, name)
    await runtime.faults.clear(system.name, run=current_run.get())
    return back_to(f"{PREFIX}/systems#{system.name}")


@router.post("/clock")
async def clock(request: Request) -> Response:
    runtime = _runtime(request)
    fields = await form(request)
    shared = shared_clock(runtime)
    action = fields.get("action", "")
    if action == "advance":
        try:
            state = shared.clock.advanced(parse_duration(fields.get("by", "").strip()))
        except ValueError as error:
            raise SchemaViolation(f"advance the clock by what? {error}") from None
    elif action == "freeze":
        state = shared.clock.frozen(None)
    elif action == "resume":
        state = shared.clock.resumed()
    elif action == "reset":
        state = ClockState()
    else:
        raise SchemaViolation(f"the clock does not know the action {action!r}: advance, freeze, resume or reset")
    await change_clock(runtime, state)
    return back_to(fields.get("back"))


@router.post("/run")
async def choose_run(request: Request) -> Response:
    fields = await form(request)
    try:
        run = parse_run(fields.get("run"))
    except InvalidRun as error:
        raise SchemaViolation(str(error)) from None
    response = back_to(fields.get("back"))
    if run is None:
        response.delete_cookie(RUN_COOKIE, path=PREFIX)
    else:
        response.set_cookie(RUN_COOKIE, run, path=PREFIX, httponly=True, samesite="strict")
    return response


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request, next: str = "") -> HTMLResponse:
    return page(request, "login.html", next=next, problem=None)


@router.post("/login", response_class=HTMLResponse)
async def login(request: Request) -> Response:
    runtime = _runtime(request)
    fields = await form(request)
    try:
        signed_in = runtime.settings.dev or signed_in_as_admin(runtime, fields.get("token", ""))
    except TooManyFailedSignIns as refusal:
        return page(request, "login.html", 429, next=fields.get("next", ""), problem=refusal.message)
    if signed_in:
        response = back_to(fields.get("next"))
        secure = request.url.scheme == "https"
        response.set_cookie(
            SESSION_COOKIE, session_token(runtime), path=PREFIX, httponly=True, samesite="strict", secure=secure
        )
        return response
    return page(request, "login.html", 401, next=fields.get("next", ""), problem="that is not the admin token")


@router.post("/logout")
async def logout() -> Response:
    response = back_to(f"{PREFIX}/login")
    response.delete_cookie(SESSION_COOKIE, path=PREFIX)
    return response


async def _systems_page(
    request: Request, *, problem: tuple[str, str] | None = None, status_code: int = 200
) -> HTMLResponse:
    runtime = _runtime(request)
    names = list(runtime.mock_paths)
    run = current_run.get()
    now = runtime.clock.now()
    health, rules = await asyncio.gather(
        asyncio.gather(*(_health(runtime, name) for name in names)),
        asyncio.gather(*(runtime.faults.rules(name, run=run) for name in names)),
    )
    panels = [
        views.SystemPanel(
            system=system_by_name(name),
            url=views.mock_url(runtime, name),
            health=problem_text,
            rules=[rule.as_json(now) for rule in found],
        )
        for name, problem_text, found in zip(names, health, rules, strict=True)
    ]
    return page(request, "systems.html", status_code, panels=panels, kinds=FAULT_KINDS, problem=problem)


async def _health(runtime: Runtime, name: str) -> str | None:
    return await runtime.upstream.probe(views.health_url(runtime, name), timeout=_HEALTH_TIMEOUT_SECONDS)


async def _engine(runtime: Runtime) -> CaseEngine:
    if runtime.cases is None:
        raise NotFound("this process runs no orchestrator: it has no cases")
    await runtime.catch_up_with_clock()
    return runtime.cases


def _system(runtime: Runtime, name: str) -> MockSystem:
    if name not in runtime.mock_paths:
        raise NotFound(f"this instance serves no mock system {name!r}", detail=", ".join(runtime.mock_paths))
    return system_by_name(name)


def _moment(value: str, name: str) -> datetime | None:
    """A filter's instant; without a zone it is Kazakhstan's time (what the log shows)."""
    if not value.strip():
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise SchemaViolation(f"{name}: {value!r} is not a date and time (2026-12-01T09:00)") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=KZ_TIME)


def _positive(value: str, name: str, kind: type[int] | type[float]) -> float | None:
    if not value.strip():
        return None
    try:
        number = kind(value.strip())
    except ValueError:
        raise SchemaViolation(f"{name}: {value!r} is not a number") from None
    if number <= 0:
        raise SchemaViolation(f"{name} must be more than 0")
    return float(number)
