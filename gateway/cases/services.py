"""SOCPROT: the provider that plays the social-protection side of Orders 407 and 225, and its serviceIds.

Every regulation of the catalogue gets ``SOCPROT_<Service>_Application`` (an application, from the portal or
a State Corporation division: a case that takes working days), and, where the regulation has a portal
"information" flow, ``SOCPROT_<Service>_Information`` (answered within 30 minutes, e.g. regulation 1,
shared/seeds/000_35060450d94081fb.txt:547-548). ``<Service>`` is the catalogue slug in CamelCase. Both take
the applicant's signed request: the portal's condition 2 (validity, revocation, the request's IIN equal to
the certificate's, lines 519-522) is the gateway's payload-signature check with the IIN binding.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from contracts.regulations import Regulation, load_catalogue
from mocks.catalogue import MockService, MockSystem

Purpose = Literal["information", "application", "proactive"]

SENDER_ID = "SOCPROT"
"""The senderId the orchestrator uses for its data queries and its async UPDATEs."""


@dataclass(frozen=True, slots=True)
class CaseService:
    service_id: str
    regulation: Regulation
    purpose: Purpose


def _case_services() -> tuple[CaseService, ...]:
    found = []
    for regulation in load_catalogue():
        if regulation.information_service_id is not None:
            found.append(CaseService(regulation.information_service_id, regulation, "information"))
        found.append(CaseService(regulation.application_service_id, regulation, "application"))
    return tuple(found)


CASE_SERVICES: tuple[CaseService, ...] = _case_services()
SERVICES_BY_ID = {service.service_id: service for service in CASE_SERVICES}


def _description(service: CaseService) -> str:
    what = "Information on" if service.purpose == "information" else "Apply for"
    name = service.regulation.names["en"]
    return f"{what}: {name[:1].lower()}{name[1:]} (Order {service.regulation.order}, {service.regulation.key})"


SOCPROT = MockSystem(
    name="socprot",
    code=SENDER_ID,
    title="Social-protection services (Orders 407 and 225)",
    name_ru="АИС социальной защиты (Qaqpa)",
    name_kz="Әлеуметтік қорғау ААЖ (Qaqpa)",
    bin="150140612006",
    organization="QAQPA Әлеуметтік қорғау",
    services=tuple(
        MockService(
            service_id=service.service_id,
            channel="sync",
            description=_description(service),
            contract="socprot",
            payload_style="inline",
            payload_signature="required",
            signer_iin_field="iin",
        )
        for service in CASE_SERVICES
    ),
)
