"""Read-only REST views of what the gateway offers: the service registry and the contract files."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response

from contracts.publishing import UnknownContractFile, published
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


@router.get("/contracts/{path:path}", tags=["contracts"], summary="A WSDL or XSD file of contracts/")
async def contract_file(path: str, request: Request, runtime: RuntimeDep) -> Response:
    try:
        document = published(path, base_url(request, runtime))
    except UnknownContractFile:
        raise NotFound(f"there is no contract file {path!r}") from None
    return Response(document, media_type="text/xml; charset=utf-8")
