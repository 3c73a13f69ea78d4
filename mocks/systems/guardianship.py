"""Е-Қорғаншылық (E-Guardianship): guardianship, custody, adoption and foster families, by the IIN of the
ward or of the guardian. The regional gateway ЭҮӨШ answers the same records under its own serviceId
(regulations 6 and 10 query "ЭҮӨШ АЖО" for guardianship over the child: shared/notes/regulations-5-10.md
§6.4, §10.4)."""

from __future__ import annotations

from typing import ClassVar

from lxml import etree

from contracts.shep import RequestInfo
from mocks.answers import day, text, value
from mocks.population.tables import guardianships
from mocks.systems import dictionaries as d
from mocks.systems._registry import Registry, person_ref


class GuardianshipRegistry(Registry):
    serves: ClassVar[dict[str, str]] = {
        "EOPEKA_GuardianshipByIin": "guardianships",
        "EUOSH_GuardianshipByIin": "guardianships",
    }

    async def guardianships(self, info: RequestInfo, request: etree._Element) -> etree._Element:
        refused = self.refusal(request)
        if refused is not None:
            return refused
        rows = await self.store.rows(guardianships, request.findtext("iin") or "", "ward_iin", "guardian_iin")
        if not rows:
            return self.answer(request, d.RESULT_NO_DATA)
        people = await self.people(rows, "ward_iin", "guardian_iin")
        response = self.answer(request, d.RESULT_OK)
        holder = etree.SubElement(response, "guardianships")
        for row in rows:
            record = etree.SubElement(holder, "guardianship")
            value(record, "kind", d.GUARDIANSHIP_KINDS[row["kind"]])
            person_ref(record, "ward", people.get(row["ward_iin"]))
            person_ref(record, "guardian", people.get(row["guardian_iin"]))
            text(record, "decisionNumber", row["decision_number"])
            day(record, "decisionDate", row["decision_date"])
            value(record, "authority", d.body_of(row["authority"]))
            day(record, "endedOn", row["ended_on"])
        return response
