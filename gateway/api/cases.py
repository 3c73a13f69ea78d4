"""The regulations' cases over REST (docs/cases.md): open one, follow it, play the officer or the applicant.

A REST caller is trusted like the portal's own back office (admin token outside dev mode); the applicant's
signed request with the portal's checks is the SOAP way in (the ``SOCPROT_*`` serviceIds). A case belongs to
the test run that opened it (``X-Qaqpa-Run``, docs/runs.md) and is seen only there.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, ConfigDict, Field

from contracts.shep import KZ_TIME
from gateway.api.deps import AdminDep, RuntimeDep, clock_caught_up, request_run
from gateway.api.fields import Flag
from gateway.cases import SERVICES_BY_ID, Case, CaseEngine, CaseRequest
from gateway.cases.answers import ground_value
from gateway.errors import NotFound
from gateway.runtime import Runtime
from mocks.runs import current_run
from signing.iin import iin_problem

router = APIRouter(
    prefix="/api/v1/cases", tags=["cases"], dependencies=[Depends(request_run), Depends(clock_caught_up)]
)

Iin = Annotated[str, Field(pattern=r"^\d{12}$", description="12 digits")]


class OpenCase(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    service_id: str = Field(alias="serviceId", description="a SOCPROT_*_Information or SOCPROT_*_Application serviceId")
    iin: Iin
    subject_iin: Iin | None = Field(default=None, alias="subjectIin")
    channel: Literal["portal", "state-corporation"] = "portal"
    documents: list[str] = Field(default_factory=list, max_length=50)
    bank_account: str | None = Field(default=None, alias="bankAccount", max_length=34)
    phone: str | None = Field(default=None, max_length=20)
    language: Literal["kk", "ru"] = "kk"
    mode: Literal["auto", "officer"] | None = Field(default=None, description="default: the instance's case_mode")
    pace: Literal["instant", "deadlines"] | None = Field(default=None, description="default: the instance's case_pace")
    wait: Flag = Field(default=True, description="answer once the case rests (false: at once, queries still out)")


class Documents(BaseModel):
    model_config = ConfigDict(extra="forbid")
    documents: list[str] = Field(min_length=1, max_length=50)


class OfficerDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: Literal["accept", "grant", "refuse", "return"]
    ground: str | None = Field(default=None, max_length=60)
    documents: list[str] = Field(default_factory=list, max_length=50)


class SmsReply(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=160)


class Offer(BaseModel):
    model_config = ConfigDict(extra="forbid")
    iin: Iin
    language: Literal["kk", "ru"] = "kk"


def _engine(runtime: Runtime) -> CaseEngine:
    if runtime.cases is None:
        raise NotFound("this process runs no orchestrator")
    return runtime.cases


def _when(moment: Any) -> str | None:
    return moment.astimezone(KZ_TIME).isoformat() if moment is not None else None


def case_view(case: Case) -> dict[str, Any]:
    ground = ground_value(case.ground) if case.ground else None
    return {
        "caseId": case.case_id,
        "run": case.run_id,
        "regulation": case.regulation,
        "serviceId": case.service_id,
        "purpose": case.purpose,
        "channel": case.channel,
        "iin": case.applicant_iin,
        "subjectIin": case.subject_iin,
        "mode": case.mode,
        "pace": case.pace,
        "state": case.state,
        "decision": case.decision,
        "ground": {"code": ground.code, "nameRu": ground.name_ru, "nameKz": ground.name_kz} if ground else None,
        "receivedAt": _when(case.received_at),
        "deadlineAt": _when(case.deadline_at),
        "dueAt": _when(case.due_at),
        "decidedAt": _when(case.decided_at),
        "request": case.request,
        "file": case.file,
        "hasDocument": case.result_document is not None,
    }


@router.get("", summary="Cases, newest first, by applicant, regulation or state")
async def list_cases(
    runtime: RuntimeDep,
    _: AdminDep,
    iin: Annotated[str | None, Query()] = None,
    regulation: Annotated[str | None, Query(description="a catalogue slug")] = None,
    state: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> list[dict[str, Any]]:
    found = await _engine(runtime).store.find(
        applicant_iin=iin, regulation=regulation, state=state, limit=limit, run=current_run.get()
    )
    return [case_view(case) for case in found]


@router.post("", status_code=201, summary="Open an application or an information request as a case")
async def open_case(body: OpenCase, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    service = SERVICES_BY_ID.get(body.service_id)
    if service is None:
        raise NotFound(f"{body.service_id} is not a SOCPROT serviceId (GET /api/v1/services lists them)")
    case = await _engine(runtime).open(
        CaseRequest(
            service=service,
            applicant_iin=body.iin,
            sender_id="REST",
            channel=body.channel,
            subject_iin=body.subject_iin,
            documents=tuple(body.documents),
            bank_account=body.bank_account,
            phone=body.phone,
            language=body.language,
            mode=body.mode,
            pace=body.pace,
        ),
        wait=body.wait,
    )
    return case_view(case)


@router.post("/proactive", status_code=201, summary="Order 225: Е-Макет finds a right and offers the benefit by SMS")
async def offer(body: Offer, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    if iin_problem(body.iin) is not None:
        raise NotFound(f"{body.iin} cannot be an IIN")
    service = SERVICES_BY_ID["SOCPROT_SpecialStateBenefit_Application"]
    return case_view(await _engine(runtime).offer(service, body.iin, body.language))


@router.get("/{case_id}", summary="One case with every event: queries, checks, steps, deadlines, signers")
async def read_case(case_id: str, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    return await case_with_events(_engine(runtime), case_id)


async def case_with_events(engine: CaseEngine, case_id: str) -> dict[str, Any]:
    """One case as :func:`case_view` shows it, with its events oldest first (the console's page too)."""
    view = case_view(await engine.get(case_id))
    view["events"] = [
        {
            "at": _when(event["at"]),
            "kind": event["kind"],
            "flow": event["flow"],
            "step": event["step"],
            "actor": event["actor"],
            "does": event["does"],
            "outcome": event["outcome"],
            "deadlineAt": _when(event["deadline_at"]),
            "signer": event["signer"],
            "sessionId": event["session_id"],
            "serviceId": event["service_id"],
            "lines": event["lines"],
        }
        for event in await engine.store.events(case_id)
    ]
    return view


@router.get(
    "/{case_id}/document",
    summary="The signed result document (contracts/regulations/result.xsd)",
    response_class=Response,
    responses={200: {"content": {"application/xml": {}}}},
)
async def result_document(case_id: str, runtime: RuntimeDep, _: AdminDep) -> Response:
    case = await _engine(runtime).get(case_id)
    if case.result_document is None:
        raise NotFound(f"case {case_id} has no result document yet (state {case.state})")
    return Response(case.result_document, media_type="application/xml")


@router.post("/{case_id}/documents", summary="The applicant brings the documents a return asked for")
async def bring_documents(case_id: str, body: Documents, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    return case_view(await _engine(runtime).submit_documents(case_id, body.documents))


@router.post("/{case_id}/advance", summary="Play the officer through the current staff step (caseMode officer)")
async def advance(case_id: str, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    return case_view(await _engine(runtime).advance(case_id))


@router.post("/{case_id}/decision", summary="Play the officer: accept the proposal, grant, refuse or return")
async def officer_decision(case_id: str, body: OfficerDecision, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    engine = _engine(runtime)
    return case_view(await engine.officer_decision(case_id, body.action, body.ground, body.documents))


@router.post("/{case_id}/sms-replies", summary="Order 225: the person's SMS reply (consent, language, bank account)")
async def sms_reply(case_id: str, body: SmsReply, runtime: RuntimeDep, _: AdminDep) -> dict[str, Any]:
    return case_view(await _engine(runtime).sms_reply(case_id, body.text))
