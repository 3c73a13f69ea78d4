"""The built-in mocks over REST: which there are, their fault rules, and their request journals.

Operator endpoints (the admin token outside dev mode). docs/faults.md and docs/journal.md explain them with
examples; ``{name}`` is a system's short name (``zags``, ``gbdfl``; ``GET /api/v1/mocks`` lists them). Every
route works in the test run its ``X-Qaqpa-Run`` header names (docs/runs.md).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from gateway.api.deps import ID_MAX, AdminDep, RowId, RunDep, RuntimeDep, base_url
from gateway.api.fields import Instant, Number, Whole
from gateway.errors import NotFound, UnknownService
from mocks.catalogue import MockSystem, system_by_name
from mocks.faults import FAULT_KINDS, FaultSpec
from mocks.journal import JournalQuery

router = APIRouter(prefix="/api/v1/mocks", tags=["mocks"])


def _system(name: str, runtime: RuntimeDep) -> MockSystem:
    if name not in runtime.mock_paths:
        known = ", ".join(runtime.mock_paths)
        raise NotFound(f"this instance serves no mock system {name!r}", detail=f"the systems: {known}")
    return system_by_name(name)


SystemDep = Annotated[MockSystem, Depends(_system)]


_YEAR_MINUTES = 366 * 24 * 60


class FaultRuleIn(BaseModel):
    """A fault rule: what to do wrong, to which calls, and for how long."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    fault: FaultSpec
    service_id: str | None = Field(default=None, alias="serviceId", description="default: every serviceId")
    times: Whole | None = Field(default=None, ge=1, le=ID_MAX, description="break the next N calls, then recover")
    for_minutes: Number | None = Field(
        default=None,
        alias="forMinutes",
        gt=0,
        le=_YEAR_MINUTES,
        description="break calls for this long, by the instance's clock (a year at most)",
    )
    probability: Number = Field(default=1.0, gt=0, le=1, description="the chance that a call is broken")


@router.get("", summary="The built-in mock systems, their serviceIds and addresses")
async def list_mocks(request: Request, runtime: RuntimeDep) -> dict[str, Any]:
    base = base_url(request, runtime)
    return {
        "mocks": [
            {
                "name": system.name,
                "system": system.code,
                "title": system.title,
                "bin": system.bin,
                "url": f"{base}{path}",
                "services": [service.service_id for service in system.services],
            }
            for system, path in ((system_by_name(name), path) for name, path in runtime.mock_paths.items())
        ],
        "faultKinds": list(FAULT_KINDS),
    }


@router.get("/{name}/faults", summary="A mock's fault rules, spent ones included")
async def list_faults(system: SystemDep, run: RunDep, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    now = runtime.clock.now()
    return {"faults": [rule.as_json(now) for rule in await runtime.faults.rules(system.name, run=run)]}


@router.post("/{name}/faults", status_code=201, summary="Tell a mock to fail")
async def add_fault(
    rule: FaultRuleIn, system: SystemDep, run: RunDep, runtime: RuntimeDep, _: AdminDep
) -> dict[str, Any]:
    if not system.offers(rule.service_id):
        raise UnknownService(f"{system.code} does not answer serviceId {rule.service_id!r}")
    added = await runtime.faults.add(
        system.name,
        rule.fault,
        service_id=rule.service_id,
        times=rule.times,
        for_minutes=rule.for_minutes,
        probability=rule.probability,
        run=run,
    )
    return added.as_json(runtime.clock.now())


@router.delete("/{name}/faults/{rule_id}", status_code=204, summary="Remove one fault rule")
async def remove_fault(rule_id: RowId, system: SystemDep, run: RunDep, runtime: RuntimeDep, _: AdminDep) -> Response:
    if not await runtime.faults.remove(system.name, rule_id, run=run):
        raise NotFound(f"{system.code} has no fault rule {rule_id}")
    return Response(status_code=204)


@router.delete("/{name}/faults", summary="Remove every fault rule of a mock: it recovers at once")
async def clear_faults(system: SystemDep, run: RunDep, runtime: RuntimeDep, _: AdminDep) -> dict[str, int]:
    return {"deleted": await runtime.faults.clear(system.name, run=run)}


def _journal_query(
    service_id: Annotated[str | None, Query(alias="serviceId")] = None,
    iin: Annotated[str | None, Query(description="the IIN in the request payload")] = None,
    session_id: Annotated[str | None, Query(alias="sessionId", description="the gateway's sessionId")] = None,
    message_id: Annotated[str | None, Query(alias="messageId")] = None,
    sender_id: Annotated[str | None, Query(alias="senderId")] = None,
    outcome: Literal["answered", "refused", "faulted"] | None = None,
    result_code: Annotated[str | None, Query(alias="resultCode", description="messageResult/code")] = None,
    fault: Annotated[str | None, Query(description="the injected fault's kind")] = None,
    since: Annotated[Instant | None, Query(description="received at or after (ISO 8601 with zone)")] = None,
    contains: Annotated[str | None, Query(max_length=500, description="text the request body contains")] = None,
) -> JournalQuery:
    return JournalQuery(
        service_id=service_id,
        iin=iin,
        session_id=session_id,
        message_id=message_id,
        sender_id=sender_id,
        outcome=outcome,
        result_code=result_code,
        fault=fault,
        since=since,
        contains=contains,
    )


QueryDep = Annotated[JournalQuery, Depends(_journal_query)]
LimitDep = Annotated[int, Query(ge=1, le=1000)]


@router.get("/{name}/journal", summary="Requests a mock received, newest first")
async def find_requests(
    system: SystemDep, query: QueryDep, run: RunDep, runtime: RuntimeDep, _: AdminDep, limit: LimitDep = 100
) -> dict[str, Any]:
    return {"requests": await runtime.journal.find(system.name, query, limit, run=run)}


@router.get("/{name}/journal/count", summary="How many requests match")
async def count_requests(
    system: SystemDep, query: QueryDep, run: RunDep, runtime: RuntimeDep, _: AdminDep
) -> dict[str, int]:
    return {"count": await runtime.journal.count(system.name, query, run=run)}


@router.get("/{name}/journal/unmatched", summary="Requests the mock could not route or read")
async def unmatched_requests(
    system: SystemDep, run: RunDep, runtime: RuntimeDep, _: AdminDep, limit: LimitDep = 100
) -> dict[str, Any]:
    return {"requests": await runtime.journal.unmatched(system.name, limit, run=run)}


@router.get("/{name}/journal/near-misses", summary="The requests closest to criteria, with what differs")
async def near_misses(
    system: SystemDep,
    query: QueryDep,
    run: RunDep,
    runtime: RuntimeDep,
    _: AdminDep,
    limit: Annotated[int, Query(ge=1, le=50)] = 5,
) -> dict[str, Any]:
    return {"nearMisses": await runtime.journal.near_misses(system.name, query, limit, run=run)}


@router.delete("/{name}/journal", summary="Forget every request a mock received")
async def clear_journal(system: SystemDep, run: RunDep, runtime: RuntimeDep, _: AdminDep) -> dict[str, int]:
    return {"deleted": await runtime.journal.clear(system.name, run=run)}
