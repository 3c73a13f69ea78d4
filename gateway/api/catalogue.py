"""Read-only REST views of what the gateway offers: the service registry, the regulations catalogue and the
contract files."""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter, Request, Response

from contracts.publishing import UnknownContractFile, published
from contracts.regulations import Regulation, load_catalogue
from gateway.api.deps import RuntimeDep, base_url
from gateway.errors import NotFound

router = APIRouter()


@router.get("/api/v1/services", tags=["registry"], summary="Every registered serviceId with its system")
async def list_services(runtime: RuntimeDep) -> dict[str, Any]:
    return {
        "services": [
            {
                "serviceId": service.service_id,
                "system": service.system,
                "systemName": service.system_name,
                "channel": service.channel,
                "description": service.description,
                "payloadStyle": service.payload_style,
                "requestType": service.contract.request_type,
                "responseType": service.contract.response_type,
                "enabled": service.enabled,
            }
            for service in runtime.registry.all()
        ]
    }


@router.get("/api/v1/regulations", tags=["regulations"], summary="The services of Orders 407 and 225")
async def list_regulations() -> dict[str, Any]:
    return {"regulations": [_summary(entry) for entry in load_catalogue()]}


@router.get("/api/v1/regulations/{slug}", tags=["regulations"], summary="One service, every step with its citation")
async def get_regulation(slug: str) -> dict[str, Any]:
    for entry in load_catalogue():
        if entry.slug == slug:
            return dataclasses.asdict(entry)
    raise NotFound(f"no regulation has slug {slug!r}", detail="GET /api/v1/regulations lists them")


def _summary(entry: Regulation) -> dict[str, Any]:
    return {
        "key": entry.key,
        "order": entry.order,
        "number": entry.number,
        "slug": entry.slug,
        "names": entry.names,
        "serviceIds": {"application": entry.application_service_id, "information": entry.information_service_id},
        "provider": entry.provider.text,
        "flows": [
            {
                "kind": flow.kind,
                "steps": len(flow.steps),
                "deadline": str(flow.deadline) if flow.deadline else None,
                "serviceIds": sorted({q.service_id for q in flow.queries if q.service_id}),
            }
            for flow in entry.flows
        ],
        "systems": entry.systems(),
        "refusalGrounds": [refusal.text for refusal in entry.refusals],
    }


@router.get(
    "/contracts/{path:path}",
    tags=["contracts"],
    summary="A WSDL or XSD file of contracts/",
    response_class=Response,
    responses={200: {"content": {"text/xml": {}}}},
)
async def contract_file(path: str, request: Request, runtime: RuntimeDep) -> Response:
    try:
        document = published(path, base_url(request, runtime))
    except UnknownContractFile:
        raise NotFound(f"there is no contract file {path!r}") from None
    return Response(document, media_type="text/xml; charset=utf-8")
