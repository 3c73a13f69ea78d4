"""Жоғарғы сот, the Supreme Court system: decisions on adoption, and declaring a person missing or dead
(regulation 3: shared/seeds/000_35060450d94081fb.txt L1869-1870; regulation 1 L403-404)."""

from __future__ import annotations

from typing import Any, ClassVar

from lxml import etree

from contracts.shep import RequestInfo
from mocks.answers import day, text, value
from mocks.population.tables import court_decisions
from mocks.systems import dictionaries as d
from mocks.systems._registry import Records, Registry, person_ref


class CourtRegistry(Registry):
    serves: ClassVar[dict[str, str]] = {"SUD_CourtDecisionsByIin": "decisions"}

    async def decisions(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        return await self.listing(request, _DECISIONS)


def _decision(record: etree._Element, row: dict[str, Any], people: dict[str, dict[str, Any]]) -> None:
    value(record, "kind", d.DECISION_KINDS[row["kind"]])
    text(record, "caseNumber", row["case_number"])
    value(record, "court", d.body_of(row["court"]))
    day(record, "decisionDate", row["decision_date"])
    day(record, "effectiveDate", row["effective_date"])
    person_ref(record, "person", people.get(row["person_iin"]))
    person_ref(record, "applicant", people.get(row["applicant_iin"] or ""))


_DECISIONS = Records(
    court_decisions,
    "decisions",
    "decision",
    _decision,
    columns=("person_iin", "applicant_iin"),
    people=("person_iin", "applicant_iin"),
)
