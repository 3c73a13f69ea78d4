"""SOCPROT's ShEP endpoint: the handlers of the ``SOCPROT_*`` serviceIds (gateway/cases/services.py).

The gateway has already checked the applicant's signed request by the time a handler runs (the portal's
condition 2). A handler opens the case and answers with it: an information request once answered (or
expired), an application once registered — decided already in ``auto`` mode, or waiting for documents or an
officer — with the signed result document in ``resultDocument`` when there is one. ShEP request
properties choose the case's mode (``caseMode``: ``auto`` or ``officer``).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import datetime

from lxml import etree

from contracts.shep import RequestInfo, xml_datetime
from gateway.cases.engine import CaseEngine, CaseRequest
from gateway.cases.services import CASE_SERVICES, SERVICES_BY_ID, SOCPROT
from gateway.cases.store import Case
from mocks.answers import business_answer, text, value
from mocks.gbdfl.dictionaries import Value
from mocks.provider import Handler
from mocks.systems import dictionaries as d
from signing.iin import iin_problem

NAMESPACE = "urn:qaqpa:sim:socprot:v1"
GROUNDS: dict[str, Value] = {
    "already-assigned": Value("already-assigned", "Выплата уже назначена", "Төлем тағайындалған"),
    "no-right": Value("no-right", "Отсутствует право", "Құқығы жоқ"),
    "no-grounds": Value("no-grounds", "Отсутствуют основания для назначения", "Тағайындауға негіз жоқ"),
    "incomplete": Value("incomplete", "Неполный пакет документов", "Құжаттар топтамасы толық емес"),
    "expired-documents": Value("expired-documents", "Документы с истекшим сроком", "Мерзімі өткен құжаттар"),
    "documents-not-submitted": Value(
        "documents-not-submitted", "Документы не представлены в срок", "Құжаттар мерзімінде берілмеді"
    ),
    "data-not-confirmed": Value("data-not-confirmed", "Данные не подтверждены", "Деректер расталмады"),
    "bank-account-not-confirmed": Value(
        "bank-account-not-confirmed", "Банковские реквизиты не подтверждены", "Банк деректемелері расталмады"
    ),
    "no-data": Value("no-data", "Сведения отсутствуют в АИС", "Мәліметтер ААЖ-да жоқ"),
    "no-record": Value("no-record", "Сведения о назначении отсутствуют", "Тағайындау туралы мәлімет жоқ"),
    "deadline-missed": Value("deadline-missed", "Ответ не получен в срок", "Жауап мерзімінде алынбады"),
}


def ground_value(code: str) -> Value:
    return GROUNDS.get(code, Value(code, code, code))


def case_handlers(engine: Callable[[], CaseEngine], now: Callable[[], datetime]) -> dict[str, Handler]:
    """A handler for every SOCPROT serviceId; ``engine`` gives the process's orchestrator once it is built."""

    async def handle(info: RequestInfo, request: etree._Element) -> etree._Element:
        def answer(result: Value) -> etree._Element:
            return business_answer(f"{{{NAMESPACE}}}Response", "r", SOCPROT, request, result, now())

        iin = (request.findtext("iin") or "").strip()
        if iin_problem(iin) is not None:
            return answer(d.RESULT_INVALID_IIN)
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
                mode="officer" if properties.get("caseMode") == "officer" else "auto",
            )
        )
        response = answer(d.RESULT_OK)
        write_case(response, case)
        if case.result_document is not None:
            text(response, "resultDocument", base64.b64encode(case.result_document).decode())
        return response

    return {service.service_id: handle for service in CASE_SERVICES}


def write_case(parent: etree._Element, case: Case) -> None:
    element = etree.SubElement(parent, "case")
    text(element, "caseId", case.case_id)
    text(element, "regulation", case.regulation)
    text(element, "purpose", case.purpose)
    text(element, "state", case.state)
    text(element, "decision", case.decision)
    if case.ground is not None:
        value(element, "ground", ground_value(case.ground))
    text(element, "receivedAt", xml_datetime(case.received_at))
    if case.deadline_at is not None:
        text(element, "deadlineAt", xml_datetime(case.deadline_at))
