"""SOCPROT's answers: the case as the ``SOCPROT_*`` Response carries it (contracts/sim/socprot.xsd), with the
refusal grounds' bilingual names."""

from __future__ import annotations

import base64
from datetime import datetime

from lxml import etree

from contracts.shep import xml_datetime
from gateway.cases.services import SOCPROT
from gateway.cases.store import Case
from mocks.answers import business_answer, text, value
from mocks.gbdfl.dictionaries import Value
from mocks.systems import dictionaries as d

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


def case_answer(case: Case, request: etree._Element, now: datetime) -> etree._Element:
    """The SOCPROT Response about ``case``: its state, and its signed result document once there is one."""
    response = business_answer(f"{{{NAMESPACE}}}Response", "r", SOCPROT, request, d.RESULT_OK, now)
    write_case(response, case)
    if case.result_document is not None:
        text(response, "resultDocument", base64.b64encode(case.result_document).decode())
    return response


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
