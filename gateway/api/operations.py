"""Health and metrics, for load balancers and Prometheus."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from gateway.api.deps import RuntimeDep

router = APIRouter(tags=["operations"])


@router.get("/health", summary="200 when ready to serve, 503 otherwise")
async def health(runtime: RuntimeDep) -> JSONResponse:
    checks: dict[str, Any] = {"startup": "ok" if runtime.ready else "starting"}
    try:
        await runtime.database.ping()
        checks["database"] = "ok"
    except Exception as error:  # a health check reports every failure, whatever it is
        checks["database"] = f"unavailable: {type(error).__name__}"
    checks["services"] = len(runtime.registry.all())
    healthy = runtime.ready and checks["database"] == "ok"
    return JSONResponse(
        {"status": "ok" if healthy else "unavailable", "checks": checks}, status_code=200 if healthy else 503
    )


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
async def metrics(runtime: RuntimeDep) -> Response:
    return Response(runtime.metrics.render(), media_type=CONTENT_TYPE_LATEST)
