"""The instance's clock over REST: read it anywhere; in dev mode move it (docs/clock.md).

With ``X-Qaqpa-Run`` each route reads or moves that test run's own clock (docs/runs.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel, ConfigDict, Field

from contracts.shep import KZ_TIME
from gateway.api.deps import AdminDep, RuntimeDep, request_run
from gateway.api.fields import Instant
from gateway.clock import ClockState, parse_duration
from gateway.clock_state import SharedClock
from gateway.errors import Conflict, SchemaViolation
from gateway.runtime import Runtime
from mocks.runs import current_run

router = APIRouter(prefix="/api/v1/clock", tags=["clock"], dependencies=[Depends(request_run)])


class Advance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    by: Annotated[str, Field(description="a duration: 31m, 1h30m, 2d, 90s, -5m")]


class SetTo(BaseModel):
    model_config = ConfigDict(extra="forbid")
    to: Annotated[Instant, Field(description="an instant with its zone: 2026-12-01T09:00:00+05:00")]


class Freeze(BaseModel):
    model_config = ConfigDict(extra="forbid")
    at: Annotated[Instant | None, Field(description="default: now")] = None


def clock_view(runtime: Runtime) -> dict[str, Any]:
    now = runtime.clock.now()
    shared = runtime.shared_clock
    state = shared.clock.state() if shared is not None else ClockState()
    return {
        "run": current_run.get(),
        "now": now.isoformat(),
        "nowKz": now.astimezone(KZ_TIME).isoformat(),
        "virtual": shared is not None,
        "offsetSeconds": state.offset.total_seconds(),
        "frozen": state.frozen_at is not None,
    }


def shared_clock(runtime: Runtime) -> SharedClock:
    if runtime.shared_clock is None:
        raise Conflict("this instance runs on the system clock (production mode): its time cannot be moved")
    return runtime.shared_clock


async def change_clock(runtime: Runtime, state: ClockState) -> dict[str, Any]:
    """Move the clock (of the request's test run) to ``state``, then do at once what the new time makes due."""
    shared = shared_clock(runtime)
    run = current_run.get()
    await runtime.database.write(lambda connection: shared.change(connection, state, run))
    await runtime.act_on_time()
    return clock_view(runtime)


@router.get("", summary="The instance's time, and whether it is virtual, shifted or frozen")
async def read_clock(runtime: RuntimeDep) -> dict[str, Any]:
    return clock_view(runtime)


@router.post("/advance", summary="Move the clock forward (or back, with a minus)")
async def advance(body: Advance, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    clock = shared_clock(runtime).clock
    try:
        state = clock.advanced(parse_duration(body.by))
    except ValueError as error:
        raise SchemaViolation(str(error)) from None
    return await change_clock(runtime, state)


@router.post("/set", summary="Jump to an instant; the clock runs on from there (unless frozen)")
async def set_clock(body: SetTo, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    try:
        state = shared_clock(runtime).clock.set_to(body.to)
    except ValueError as error:
        raise SchemaViolation(str(error)) from None
    return await change_clock(runtime, state)


@router.post("/freeze", summary="Stop the clock, now or at an instant")
async def freeze(runtime: RuntimeDep, _: AdminDep, body: Freeze | None = None) -> dict[str, Any]:
    try:
        state = shared_clock(runtime).clock.frozen(body.at if body else None)
    except ValueError as error:
        raise SchemaViolation(str(error)) from None
    return await change_clock(runtime, state)


@router.post("/resume", summary="Let a frozen clock run on from where it stopped")
async def resume(runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    return await change_clock(runtime, shared_clock(runtime).clock.resumed())


@router.post("/reset", summary="Back to the system's time")
async def reset(runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    return await change_clock(runtime, ClockState())
