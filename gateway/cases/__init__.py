"""The regulations as executable services: cases run by the orchestrator behind the SOCPROT serviceIds.

``services`` names the serviceIds, ``queries`` sends the data queries through the gateway, ``evidence`` reads
their answers, ``rules`` decides per regulation, ``engine`` runs a case through its steps and deadlines,
``document`` issues the signed result, ``provider`` answers the serviceIds, ``store`` keeps the cases,
``choices`` holds the readings of silent orders that an instance may set otherwise.
docs/cases.md is the user's guide.
"""

from gateway.cases.choices import CaseChoices
from gateway.cases.engine import CaseEngine, CaseRequest
from gateway.cases.queries import DataQueries
from gateway.cases.services import CASE_SERVICES, SENDER_ID, SERVICES_BY_ID, SOCPROT, CaseService
from gateway.cases.store import Case, CaseStore

__all__ = [
    "CASE_SERVICES",
    "SENDER_ID",
    "SERVICES_BY_ID",
    "SOCPROT",
    "Case",
    "CaseChoices",
    "CaseEngine",
    "CaseRequest",
    "CaseService",
    "CaseStore",
    "DataQueries",
]
