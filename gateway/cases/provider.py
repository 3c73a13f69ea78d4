"""SOCPROT's ShEP endpoint: the handlers of the ``SOCPROT_*`` serviceIds (gateway/cases/services.py).

The gateway has already checked the applicant's signed request by the time a handler runs (the portal's
condition 2). A handler opens the case and answers with it: an information request once answered (or
expired), an application once registered — decided already in ``auto`` mode, or waiting for documents or an
officer — with the signed result document in ``resultDocument`` when there is one. ShEP request
properties choose the case's mode (``caseMode``: ``auto`` or ``officer``) and pace (``casePace``:
``instant`` or ``deadlines``); an unknown value leaves the instance's default.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from lxml import etree

from contracts.shep import RequestInfo
from gateway.cases.answers import NAMESPACE, case_answer
from gateway.cases.engine import CaseEngine, CaseRequest
from gateway.cases.services import CASE_SERVICES, SERVICES_BY_ID, SOCPROT
from mocks.answers import business_answer
from mocks.provider import Handler
from mocks.systems import dictionaries as d
from signing.iin import iin_problem


def case_handlers(engine: Callable[[], CaseEngine], now: Callable[[], datetime]) -> dict[str, Handler]:
    """A handler for every SOCPROT serviceId; ``engine`` gives the process's orchestrator once it is built."""

    async def handle(info: RequestInfo, request: etree._Element) -> etree._Element:
        iin = (request.findtext("iin") or "").strip()
        if iin_problem(iin) is not None:
            return business_answer(f"{{{NAMESPACE}}}Response", "r", SOCPROT, request, d.RESULT_INVALID_IIN, now())
        properties = {prop.key: prop.value for prop in info.properties}
        documents = tuple(
            (element.text or "").strip() for element in request.iterfind("documents/document") if element.text
        )
        case = await engine().open(
            CaseRequest(
                service=SERVICES_BY_ID[info.service_id],
                applicant_iin=iin,
                sender_id=info.sender_id,
                channel=request.findtext("channel") or "portal",
                subject_iin=request.findtext("subjectIin"),
                documents=documents,
                bank_account=request.findtext("bankAccount"),
                phone=request.findtext("phone"),
                language=request.findtext("language") or "kk",
                mode=_property(properties, "caseMode", ("auto", "officer")),
                pace=_property(properties, "casePace", ("instant", "deadlines")),
                correlation_id=info.correlation_id,
            )
        )
        return case_answer(case, request, now())

    return {service.service_id: handle for service in CASE_SERVICES}


def _property(properties: dict[str, str], key: str, allowed: tuple[str, ...]) -> str | None:
    value = properties.get(key)
    return value if value in allowed else None
