"""Health, metrics and operational data, for load balancers, Prometheus and monitoring."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from gateway.api.deps import AdminDep, RunDep, RuntimeDep
from gateway.api.fields import Instant
from gateway.message_log import LogQuery

router = APIRouter(tags=["operations"])


@router.get(
    "/health",
    summary="200 when ready to serve, 503 otherwise",
    responses={503: {"description": "Starting, the database unavailable, or maintenance mode: the body says which"}},
)
async def health(runtime: RuntimeDep) -> JSONResponse:
    checks: dict[str, Any] = {"startup": "ok" if runtime.ready else "starting"}
    try:
        await runtime.database.ping()
        checks["database"] = "ok"
    except Exception as error:  # a health check reports every failure, whatever it is
        checks["database"] = f"unavailable: {type(error).__name__}"
    checks["services"] = len(runtime.registry.all())
    if runtime.maintenance:
        message = "Health check interface is in maintenance mode"  # X-Road's words, which balancers match on
        return JSONResponse({"status": "maintenance", "message": message, "checks": checks}, status_code=503)
    healthy = runtime.ready and checks["database"] == "ok"
    return JSONResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status_code=200 if healthy else 503
    )


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST.split(";")[0]: {}}}},
)
async def metrics(runtime: RuntimeDep) -> Response:
    return Response(runtime.metrics.render(), media_type=CONTENT_TYPE_LATEST)


@router.get("/api/v1/operational-data", summary="X-Road-style operational records: hop times, sizes, faults")
async def operational_data(
    runtime: RuntimeDep,
    _: AdminDep,
    run: RunDep,
    since: Annotated[Instant | None, Query(description="received at or after (ISO 8601 with zone)")] = None,
    until: Annotated[Instant | None, Query(description="received before")] = None,
    sender_id: Annotated[str | None, Query(alias="senderId")] = None,
    service_id: Annotated[str | None, Query(alias="serviceId")] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
) -> dict[str, Any]:
    """One record per exchange, newest first, without the messages themselves (the message log has them)."""
    query = LogQuery(sender_id=sender_id, service_id=service_id, since=since, until=until, run_id=run, limit=limit)
    return {"records": await runtime.message_log.operational(query)}
