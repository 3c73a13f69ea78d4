"""The message log over REST: one exchange or a filtered list, newest first."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query

from gateway.api.deps import AdminDep, RunDep, RuntimeDep
from gateway.errors import NotFound
from gateway.message_log import LogQuery

router = APIRouter(prefix="/api/v1/messages", tags=["message log"])


@router.get("", summary="Exchanges in the message log, newest first (with X-Qaqpa-Run: that run's only)")
async def list_messages(
    runtime: RuntimeDep,
    _: AdminDep,
    run: RunDep,
    session_id: Annotated[str | None, Query(alias="sessionId")] = None,
    correlation_id: Annotated[str | None, Query(alias="correlationId", description="every exchange of a chain")] = None,
    sender_id: Annotated[str | None, Query(alias="senderId")] = None,
    service_id: Annotated[str | None, Query(alias="serviceId")] = None,
    iin: Annotated[str | None, Query(description="the subject's IIN, as found in the request payload")] = None,
    outcome: Literal["ok", "fault"] | None = None,
    code: Annotated[str | None, Query(description="the status or fault code: Provider.Timeout, SCSS001")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    query = LogQuery(
        session_id=session_id,
        correlation_id=correlation_id,
        sender_id=sender_id,
        service_id=service_id,
        subject_iin=iin,
        outcome=outcome,
        status_code=code,
        run_id=run,
        limit=limit,
    )
    return {"exchanges": await runtime.message_log.find(query)}


@router.get("/{message_id}", summary="Every exchange that carried this sender messageId")
async def get_message(message_id: str, runtime: RuntimeDep, _: AdminDep, run: RunDep) -> dict[str, Any]:
    exchanges = await runtime.message_log.find(LogQuery(message_id=message_id, run_id=run))
    if not exchanges:
        raise NotFound(f"the message log holds no exchange with messageId {message_id!r}")
    return {"messageId": message_id, "exchanges": exchanges}
