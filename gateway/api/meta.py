"""Metaservices, as X-Road's security server offers them (shared/notes/protocols-shep-xroad.md §2.6):
which services there are, which a sender may call, and the WSDL to call one by — and the maintenance mode
a load balancer's health check obeys."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from contracts.loader import ASYNC_SERVICE_WSDL, SYNC_SERVICE_WSDL
from contracts.publishing import published
from gateway.api.deps import AdminDep, RuntimeDep, base_url
from gateway.api.fields import Flag
from gateway.errors import NotFound
from gateway.registry import Service

router = APIRouter(tags=["metaservices"])

_CHANNELS = {"sync": (SYNC_SERVICE_WSDL, "/bip-sync/"), "async": (ASYNC_SERVICE_WSDL, "/bip-async/")}


def _entry(service: Service) -> dict[str, Any]:
    return {"serviceId": service.service_id, "system": service.system, "channel": service.channel}


@router.get("/api/v1/meta/listMethods", summary="Every serviceId the gateway offers (enabled ones)")
async def list_methods(runtime: RuntimeDep) -> dict[str, Any]:
    return {"services": [_entry(service) for service in runtime.registry.all() if service.enabled]}


class Caller(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    sender_id: str = Field(alias="senderId", max_length=100)
    password: str = Field(max_length=200)


@router.post("/api/v1/meta/allowedMethods", summary="The serviceIds this sender may call (its access rights)")
async def allowed_methods(caller: Caller, runtime: RuntimeDep) -> dict[str, Any]:
    sender = await runtime.senders.authenticate(caller.sender_id, caller.password)
    allowed = [s for s in runtime.registry.all() if s.enabled and sender.may_call(s.service_id)]
    return {"senderId": sender.sender_id, "services": [_entry(service) for service in allowed]}


@router.get(
    "/api/v1/meta/getWsdl",
    summary="The WSDL a serviceId is called by, its endpoint the gateway's (never the provider's)",
    response_class=Response,
    responses={200: {"content": {"text/xml": {}}}},
)
async def get_wsdl(
    request: Request, runtime: RuntimeDep, service_id: Annotated[str, Query(alias="serviceId", max_length=200)]
) -> Response:
    service = runtime.registry.get(service_id)
    if service is None or not service.enabled:
        raise NotFound(f"the gateway offers no serviceId {service_id!r}", detail="GET /api/v1/meta/listMethods")
    wsdl, path = _CHANNELS[service.channel]
    base = base_url(request, runtime)
    return Response(published(wsdl, base, f"{base}{path}"), media_type="text/xml; charset=utf-8")


class Maintenance(BaseModel):
    model_config = ConfigDict(extra="forbid")
    on: Flag


@router.post("/api/v1/maintenance", summary="Maintenance mode: /health answers 503 so load balancers drain")
async def maintenance(body: Maintenance, runtime: RuntimeDep, _: AdminDep) -> dict[str, bool]:
    runtime.maintenance = body.on
    return {"maintenance": runtime.maintenance}
